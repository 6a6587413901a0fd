//! A complaint's resolution: checked when agreed, carried out when the action
//! is taken — a redo opens the real zero-priced claim job under the job's
//! guarantee card, a credit note is the real correction of the job's invoice
//! (a manager's permission), compensation above the shop's limit needs a
//! manager. Nothing is retyped: the claim job's or credit note's number is
//! recorded on the step. Tests: tests/core/care/complaints.rs.

use crate::base::error::{Error, Result};
use crate::base::money::MAX_MONEY;
use crate::ctx::Ctx;
use crate::model::access::Permission;
use crate::model::complaint::Resolution;
use crate::store;
use crate::store::complaints::Row;
use chrono::NaiveDate;

fn invoice_of(ctx: &Ctx, row: &Row) -> Result<crate::model::invoice::InvoiceDocument> {
    let job = row.job_id.ok_or_else(|| {
        Error::invalid(
            "resolution",
            "This complaint names no job: a redo or a credit note needs one",
            "此投诉未关联工单：返修或开具更正单须关联工单",
        )
    })?;
    store::invoices::by_job(ctx.tx, job)?
        .map(|(_, d)| d)
        .ok_or_else(|| {
            Error::invalid(
                "resolution",
                "The job has no invoice yet",
                "该工单尚未开具结算单",
            )
        })
}

pub fn check(ctx: &Ctx, row: &Row, r: &Resolution, staff_id: i64) -> Result<()> {
    match r {
        Resolution::Redo {} => {
            if invoice_of(ctx, row)?.guarantee_card.is_none() {
                return Err(Error::invalid(
                    "resolution",
                    "The job has no guarantee card to redo the work under",
                    "该工单没有质量保证卡，无法按保修返工",
                ));
            }
        }
        Resolution::CreditNote {} => {
            invoice_of(ctx, row)?;
            crate::shop::access::require(ctx, staff_id, Permission::CreditNote)?;
        }
        Resolution::Compensation { amount } => {
            if *amount <= 0 || *amount > MAX_MONEY {
                return Err(Error::invalid(
                    "resolution.amount",
                    "A positive amount",
                    "请填写大于零的金额",
                ));
            }
            let s = crate::shop::settings::load(ctx)?;
            if *amount > s.care.compensation_limit {
                crate::shop::access::require(ctx, staff_id, Permission::CreditNote)
                    .map_err(|e| e.at("resolution.amount"))?;
            }
        }
        Resolution::Apology {} => {}
        Resolution::ServicePromise { promise, by } => {
            crate::base::text::required("resolution.promise", promise, 500)?;
            let d = NaiveDate::parse_from_str(by.trim(), "%Y-%m-%d").map_err(|_| {
                Error::invalid(
                    "resolution.by",
                    "A date as YYYY-MM-DD",
                    "日期格式为 年-月-日",
                )
            })?;
            if d < crate::care::today(ctx)? {
                return Err(Error::invalid(
                    "resolution.by",
                    "A date still to come",
                    "承诺日期不能早于今天",
                ));
            }
        }
    }
    Ok(())
}

/// Carries the agreed resolution out; answers the document it produced.
pub fn carry_out(
    ctx: &Ctx,
    row: &Row,
    r: &Resolution,
    staff_id: i64,
    odometer_in: Option<i64>,
) -> Result<Option<String>> {
    match r {
        Resolution::Redo {} => {
            let inv = invoice_of(ctx, row)?;
            let card = inv.guarantee_card.unwrap_or_default();
            let claimed = crate::job::guarantee::claim::claim(
                ctx,
                crate::job::guarantee::claim::Claim {
                    staff_id,
                    card,
                    complaint: format!("{} ({})", row.facts.what_happened, row.number)
                        .chars()
                        .take(2000)
                        .collect(),
                    odometer_in,
                    promised_at: None,
                },
            )?;
            Ok(Some(claimed.job.number))
        }
        Resolution::CreditNote {} => {
            let inv = invoice_of(ctx, row)?;
            let cn = crate::job::invoice::credit_note::credit(
                ctx,
                crate::job::invoice::credit_note::Credit {
                    staff_id,
                    invoice: inv.number,
                    reason: format!("Complaint {}", row.number),
                    lines: None,
                },
            )?;
            Ok(Some(cn.number))
        }
        _ => Ok(None),
    }
}
