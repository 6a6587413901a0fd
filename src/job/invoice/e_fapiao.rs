//! The official e-fapiao (数电票) number recorded on an issued settlement list.
//!
//! In mainland China the shop's own bill is the repair settlement list; the 发票
//! comes from the tax authority's system, and the counter types its number here
//! afterwards. It is an annotation: the settlement list's frozen document stays
//! as issued, the number prints beside it. A wrong number is replaced (by
//! someone who may issue credit notes, with a reason), and both stay on record.
//! Tests: tests/core/job/fapiao.rs.

use super::{load, view, InvoiceView};
use crate::base::error::{Error, ErrorCode, Result};
use crate::base::text::optional;
use crate::ctx::Ctx;
use crate::model::access::Permission;
use crate::model::document_kind::DocumentKind;
use crate::model::invoice::{check_fapiao_number, FapiaoRecord};
use crate::model::job_event::JobEventKind;
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RecordFapiao {
    pub staff_id: i64,
    /// The settlement list's number.
    pub invoice: String,
    pub fapiao_number: String,
    /// Required when it replaces a number recorded earlier.
    pub reason: Option<String>,
}

pub fn record(ctx: &Ctx, input: RecordFapiao) -> Result<InvoiceView> {
    crate::shop::access::require(ctx, input.staff_id, Permission::Payment)?;
    let (invoice_id, doc) = load(ctx, &input.invoice)?;
    if doc.kind() != DocumentKind::SettlementList {
        return Err(Error::new(
            ErrorCode::InvalidState,
            format!(
                "{} is a tax invoice, itself the tax document: only a settlement list carries an e-fapiao number",
                doc.number
            ),
            format!("{} 是税务发票，本身即为税务凭证：只有结算清单才需登记数电票号码", doc.number),
        )
        .at("invoice"));
    }
    let number = check_fapiao_number(&input.fapiao_number)?;
    let earlier = store::fapiao::of_invoice(ctx.tx, invoice_id)?;
    let reason = optional("reason", &input.reason, 500)?;
    if let Some(current) = earlier.last() {
        if current.fapiao_number == number {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "This number is already recorded on the settlement list",
                "该号码已登记在此结算清单上",
            )
            .at("fapiao_number"));
        }
        crate::shop::access::require(ctx, input.staff_id, Permission::CreditNote)?;
        if reason.is_none() {
            return Err(Error::invalid(
                "reason",
                format!(
                    "Replacing the recorded number {} needs a reason",
                    current.fapiao_number
                ),
                format!("更换已登记的号码 {} 须说明原因", current.fapiao_number),
            ));
        }
    }
    if let Some(other) = store::fapiao::current_holder(ctx.tx, &number)? {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("This e-fapiao number is already recorded on settlement list {other}"),
            format!("该数电票号码已登记在结算清单 {other} 上"),
        )
        .at("fapiao_number"));
    }
    let rec = FapiaoRecord {
        fapiao_number: number.clone(),
        staff_id: input.staff_id,
        at: ctx.now_text(),
        reason: reason.clone(),
    };
    store::fapiao::insert(ctx.tx, invoice_id, &rec)?;
    let job = crate::job::by_number(ctx, &doc.job_number)?;
    crate::job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::Fapiao {
            invoice: doc.number.clone(),
            fapiao_number: number,
            reason,
        },
    )?;
    view(ctx, invoice_id)
}
