//! The job's discount (a percentage or an amount, never both) and the limit the
//! counter may give without the discount permission: above the shop's counter
//! limit it takes a manager (or their PIN for this one discount).
//!
//! Tests: tests/core/job/estimate.rs and tests/core/shop/access.rs.

use super::require_editable;
use crate::base::error::{Error, Result};
use crate::base::money::{BasisPoints, Money, MAX_MONEY};
use crate::ctx::Ctx;
use crate::job::{self, gate};
use crate::model::access::Permission;
use crate::model::job::Job;
use crate::model::job_event::JobEventKind;
use crate::model::line::totals_of;
use crate::model::settings::{check_rate, ShopSettings};
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SetDiscount {
    pub staff_id: i64,
    pub job: String,
    /// A percentage of every line, in basis points …
    #[serde(default)]
    pub discount_bp: BasisPoints,
    /// … or an amount shared across lines (minor units). Not both.
    #[serde(default)]
    pub discount_amount: Money,
}

pub fn set_discount(ctx: &Ctx, input: SetDiscount) -> Result<Job> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let job = job::by_number(ctx, &input.job)?;
    require_editable(ctx, &job, "change the discount", "修改折扣")?;
    check_rate("discount_bp", input.discount_bp)?;
    if !(0..=MAX_MONEY).contains(&input.discount_amount) {
        return Err(Error::invalid(
            "discount_amount",
            "The discount must be zero or more",
            "折扣金额不能为负数",
        ));
    }
    crate::model::line::one_kind_of_discount(input.discount_bp, input.discount_amount)?;
    store::jobs::set_discount(ctx.tx, job.id, input.discount_bp, input.discount_amount)?;
    let settings = crate::shop::settings::load(ctx)?;
    check_limit(ctx, input.staff_id, job.id, &settings)?;
    gate::gate(ctx, &job, &settings)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::Discount {
            bp: input.discount_bp,
            amount: input.discount_amount,
        },
    )?;
    job::by_id(ctx, job.id)
}

/// Whether the discount as now set stays within the counter's limit, or the
/// person (or the authorising manager) holds the discount permission.
fn check_limit(ctx: &Ctx, staff_id: i64, job_id: i64, settings: &ShopSettings) -> Result<()> {
    let job = job::by_id(ctx, job_id)?;
    let lines = store::lines::for_job(ctx.tx, job_id)?;
    let t = totals_of(&job, &lines, settings, |_| true);
    let gross = i128::from(t.labour) + i128::from(t.parts) + i128::from(t.other);
    let limit = i128::from(settings.counter_discount_limit_bp);
    let over = i128::from(job.discount_bp) > limit
        || (gross > 0 && i128::from(t.discount) * 10_000 > limit * gross);
    if over {
        crate::shop::access::require(ctx, staff_id, Permission::Discount).map_err(|_| {
            Error::new(
                crate::base::error::ErrorCode::Forbidden,
                format!(
                    "A discount above {} % needs a manager; a manager can allow it with their PIN",
                    crate::base::money::format_minor(settings.counter_discount_limit_bp, 2)
                ),
                format!(
                    "超过 {}% 的折扣需经理批准；可由经理输入 PIN 授权",
                    crate::base::money::format_minor(settings.counter_discount_limit_bp, 2)
                ),
            )
            .at("discount_bp")
        })?;
    }
    Ok(())
}
