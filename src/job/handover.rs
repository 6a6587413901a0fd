//! Handover: the item goes back to the customer only after a passed quality
//! check, an issued invoice and payment; the guarantee starts here when the shop
//! says so. Tests: tests/core/job/handover.rs.

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::job;
use crate::job::invoice::view;
use crate::model::job::{Job, JobState};
use crate::model::job_event::StateChange;
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Deliver {
    pub staff_id: i64,
    pub job: String,
}

/// Handover: the item leaves. Refused until the quality check has passed, the
/// invoice is issued and (by default) paid.
pub fn deliver(ctx: &Ctx, input: Deliver) -> Result<Job> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let mut job = job::by_number(ctx, &input.job)?;
    crate::job::quality::require_passed(ctx, &job, "release the item", "交车")?;
    job::require_state(
        &job,
        &[JobState::Invoiced],
        "release the item (issue the invoice first)",
        "交车（请先开票）",
    )?;
    let settings = crate::shop::settings::load(ctx)?;
    let (id, doc) = store::invoices::by_job(ctx.tx, job.id)?
        .ok_or_else(|| Error::internal("invoiced job without invoice"))?;
    let v = view(ctx, id)?;
    if settings.release_requires_payment && v.balance_due > 0 {
        return Err(Error::state(
            format!(
                "{} is still due on invoice {}",
                crate::base::money::format_minor(v.balance_due, doc.currency.minor_units),
                doc.number
            ),
            format!(
                "结算单 {} 尚欠 {}",
                doc.number,
                crate::base::money::format_minor(v.balance_due, doc.currency.minor_units)
            ),
        ));
    }
    let now = ctx.now_text();
    store::work::set_delivered(ctx.tx, job.id, &now)?;
    crate::job::guarantee::start_at_handover(ctx, &job, &settings)?;
    job::transition(
        ctx,
        &mut job,
        JobState::Delivered,
        input.staff_id,
        StateChange::default(),
    )?;
    // Answer the job as stored, with the time it was handed over.
    job::by_id(ctx, job.id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct TellReady {
    pub staff_id: i64,
    pub job: String,
    /// How the customer was told (phone, SMS, WeChat, e-mail).
    pub channel: crate::model::care::Channel,
    pub note: Option<String>,
}

/// Records that the customer was told their item is ready to collect, so the
/// board shows who still has to be called. Only a ready or invoiced job.
pub fn tell_ready(ctx: &Ctx, input: TellReady) -> Result<Job> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let job = job::by_number(ctx, &input.job)?;
    job::require_state(
        &job,
        &[JobState::Ready, JobState::Invoiced],
        "tell the customer it is ready (it has not passed its check)",
        "通知客户取车（尚未质检合格）",
    )?;
    let note = crate::base::text::optional("note", &input.note, 500)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        crate::model::job_event::JobEventKind::CustomerToldReady {
            channel: input.channel,
            note,
        },
    )?;
    Ok(job)
}
