//! Payments against an issued invoice (partial allowed, cash change worked out)
//! and refunds of what a credit note leaves the customer owed. Append-only.
//! Tests: tests/core/job/invoice.rs.

use super::load;
use crate::base::error::{Error, Result};
use crate::base::money::{format_minor, Money, MAX_MONEY};
use crate::base::text::optional;
use crate::ctx::Ctx;
use crate::job;
use crate::job::invoice::{view, InvoiceView};
use crate::model::invoice::{Payment, PaymentMethod};
use crate::model::job_event::JobEventKind;
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Pay {
    pub staff_id: i64,
    pub invoice: String,
    pub method: PaymentMethod,
    pub amount: Money,
    /// Cash handed over; the change is worked out.
    pub tendered: Option<Money>,
    /// Card slip, transfer or wallet reference.
    pub reference: Option<String>,
}

pub fn pay(ctx: &Ctx, input: Pay) -> Result<InvoiceView> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (id, doc) = load(ctx, &input.invoice)?;
    let before = view(ctx, id)?;
    if input.amount <= 0 {
        return Err(Error::invalid(
            "amount",
            "The amount must be above zero",
            "金额必须大于零",
        ));
    }
    let due = format_minor(before.balance_due, doc.currency.minor_units);
    if input.amount > before.balance_due || input.amount > MAX_MONEY {
        return Err(Error::invalid(
            "amount",
            format!(
                "Only {due} is due on {}; record what is paid and give change",
                doc.number
            ),
            format!("结算单 {} 仅欠 {due}，请按应收金额记录并找零", doc.number),
        ));
    }
    let change = match (input.method, input.tendered) {
        (PaymentMethod::Cash, Some(t)) if t < input.amount => {
            return Err(Error::invalid(
                "tendered",
                "The cash handed over is less than the amount",
                "收到的现金少于付款金额",
            ))
        }
        (PaymentMethod::Cash, Some(t)) => t - input.amount,
        (_, Some(_)) => {
            return Err(Error::invalid(
                "tendered",
                "Only cash is tendered",
                "只有现金付款才有找零",
            ))
        }
        _ => 0,
    };
    let p = Payment {
        id: 0,
        method: input.method,
        amount: input.amount,
        tendered: input.tendered,
        change,
        reference: optional("reference", &input.reference, 100)?,
        staff_id: input.staff_id,
        at: ctx.now_text(),
    };
    store::invoices::insert_payment(ctx.tx, id, &p)?;
    let job = job::by_number(ctx, &doc.job_number)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::Payment {
            invoice: doc.number,
            method: input.method.code().to_string(),
            amount: input.amount,
            change,
        },
    )?;
    view(ctx, id)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Refund {
    pub staff_id: i64,
    pub invoice: String,
    pub method: PaymentMethod,
    pub amount: Money,
    pub reference: Option<String>,
}

/// Pays money back when a credit note leaves the customer in credit.
pub fn refund(ctx: &Ctx, input: Refund) -> Result<InvoiceView> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let (id, doc) = load(ctx, &input.invoice)?;
    let before = view(ctx, id)?;
    if input.amount <= 0 || input.amount > -before.balance_due {
        return Err(Error::invalid(
            "amount",
            "A refund cannot exceed what the customer is owed",
            "退款不能超过应退金额",
        ));
    }
    let p = Payment {
        id: 0,
        method: input.method,
        amount: -input.amount,
        tendered: None,
        change: 0,
        reference: optional("reference", &input.reference, 100)?,
        staff_id: input.staff_id,
        at: ctx.now_text(),
    };
    store::invoices::insert_payment(ctx.tx, id, &p)?;
    let job = job::by_number(ctx, &doc.job_number)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::Refund {
            invoice: doc.number,
            amount: input.amount,
        },
    )?;
    view(ctx, id)
}
