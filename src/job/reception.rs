//! Reception: the customer arrives with an item. One call records a new or an
//! existing customer and item, the odometer, the complaint in the customer's own
//! words, the requested work and the promised time, numbers the job, and returns
//! what the counter should raise with the customer (declined work from last time).
//!
//! Tests: tests/core/job/reception.rs.

use crate::base::error::{Error, Result};
use crate::base::text::{optional, required};
use crate::ctx::Ctx;
use crate::job;
use crate::model::customer::CustomerInput;
use crate::model::item::ItemSpec;
use crate::model::job::Job;
use crate::model::job_event::JobEventKind;
use crate::store;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An existing record by id, or a new one to create in the same transaction.
#[derive(Debug, Deserialize, JsonSchema, TS)]
#[serde(untagged)]
#[ts(rename = "ExistingOrNew")]
pub enum Pick<T> {
    Existing { id: i64 },
    New { new: T },
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Receive {
    pub staff_id: i64,
    pub customer: Pick<CustomerInput>,
    pub item: Pick<ItemSpec>,
    /// Vehicles: the odometer at intake (km).
    pub odometer_in: Option<i64>,
    /// The complaint in the customer's own words.
    pub complaint: String,
    pub requested_work: Option<String>,
    /// RFC 3339 date-time the customer was promised the item back.
    pub promised_at: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Received {
    pub job: Job,
    /// Work declined on this item before, to offer again.
    pub recommendations: Vec<crate::model::approval::Recommendation>,
}

/// Parses an RFC 3339 time into UTC, naming the field on failure.
pub fn parse_time(field: &str, s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Error::invalid(
                field,
                format!("'{s}' is not a date-time (e.g. 2026-11-23T17:00:00+08:00)"),
                format!("“{s}”不是有效的日期时间（例如 2026-11-23T17:00:00+08:00）"),
            )
        })
}

fn future_promise(ctx: &Ctx, s: &str) -> Result<String> {
    let t = parse_time("promised_at", s)?;
    if t <= ctx.now {
        return Err(Error::invalid(
            "promised_at",
            "The promised time must be in the future",
            "承诺交车时间必须晚于现在",
        ));
    }
    Ok(crate::base::time::time_text(t))
}

pub fn receive(ctx: &Ctx, input: Receive) -> Result<Received> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let complaint = required("complaint", &input.complaint, 2000)?;
    let requested = optional("requested_work", &input.requested_work, 2000)?;
    let promised = input
        .promised_at
        .as_deref()
        .map(|p| future_promise(ctx, p))
        .transpose()?;
    let (customer, item) = pick(ctx, input.staff_id, &input.customer, &input.item)?;
    let is_vehicle = matches!(item.spec, ItemSpec::Vehicle { .. });
    if is_vehicle && input.odometer_in.is_none() {
        return Err(Error::invalid(
            "odometer_in",
            "Record the odometer for a vehicle",
            "车辆须记录进厂里程",
        ));
    }
    let settings = crate::shop::settings::load(ctx)?;
    let number = crate::shop::numbering::take(ctx, "job", &settings.job_number_format)?;
    let now = ctx.now_text();
    let id = store::jobs::insert(
        ctx.tx,
        &store::jobs::NewJob {
            number: &number,
            customer_id: customer.id,
            item_id: item.id,
            odometer_in: input.odometer_in,
            complaint: &complaint,
            requested_work: requested.as_deref(),
            promised_at: promised.as_deref(),
            now: &now,
            staff_id: input.staff_id,
        },
    )?;
    if let Some(km) = input.odometer_in {
        crate::records::items::record_odometer(ctx, &item, km, Some(id), "intake")
            .map_err(|e| e.at("odometer_in"))?;
    }
    job::record(
        ctx,
        id,
        input.staff_id,
        JobEventKind::Received {
            customer_id: customer.id,
            item_id: item.id,
            complaint,
            promised_at: promised,
        },
    )?;
    Ok(Received {
        job: job::by_id(ctx, id)?,
        recommendations: store::approvals::open_recommendations(ctx.tx, item.id)?,
    })
}

/// The customer and item a reception or a booking names: existing ones (the
/// item must be the customer's) or new ones created in the same transaction.
pub fn pick(
    ctx: &Ctx,
    staff_id: i64,
    customer: &Pick<CustomerInput>,
    item: &Pick<ItemSpec>,
) -> Result<(crate::model::customer::Customer, crate::model::item::Item)> {
    let customer = match customer {
        Pick::Existing { id } => crate::records::customers::load(ctx, *id)?,
        Pick::New { new } => crate::records::customers::insert(ctx, staff_id, new)
            .map_err(|e| prefix_field(e, "customer"))?,
    };
    let item = match item {
        Pick::Existing { id } => {
            let item = crate::records::items::load(ctx, *id)?;
            if item.owner_id != customer.id {
                return Err(Error::invalid(
                    "item",
                    "This item belongs to another customer; transfer it first",
                    "该物品属于其他客户，请先办理过户",
                ));
            }
            item
        }
        Pick::New { new } => crate::records::items::insert(ctx, staff_id, customer.id, new)
            .map_err(|e| prefix_field(e, "item"))?,
    };
    Ok((customer, item))
}

fn prefix_field(mut e: Error, prefix: &str) -> Error {
    e.field = Some(match e.field {
        Some(f) => format!("{prefix}.{f}"),
        None => prefix.to_string(),
    });
    e
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ChangePromise {
    pub staff_id: i64,
    pub job: String,
    pub promised_at: String,
    pub reason: String,
    /// Whether the customer has been told of the new time.
    #[serde(default)]
    pub customer_told: bool,
}

pub fn change_promise(ctx: &Ctx, input: ChangePromise) -> Result<Job> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let job = job::by_number(ctx, &input.job)?;
    if !job.state.is_open() {
        return Err(Error::state(
            format!("Job {} is no longer in progress", job.number),
            format!("工单 {} 已不在进行中", job.number),
        ));
    }
    let reason = required("reason", &input.reason, 500)?;
    let new_at = future_promise(ctx, &input.promised_at)?;
    let change = store::jobs::PromiseChange {
        old_at: job.promised_at.clone(),
        new_at: new_at.clone(),
        reason: reason.clone(),
        customer_told: input.customer_told,
        staff_id: input.staff_id,
        at: ctx.now_text(),
    };
    store::jobs::change_promise(ctx.tx, job.id, &change)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::PromiseChanged {
            from: job.promised_at,
            to: new_at,
            reason,
            customer_told: input.customer_told,
        },
    )?;
    job::by_id(ctx, job.id)
}
