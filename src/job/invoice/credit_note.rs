//! Credit notes: the only correction to an issued invoice, whole or by line,
//! with their own gapless numbers. Tests: tests/core/job/invoice.rs.

use super::load;
use crate::base::error::{Error, Result};
use crate::base::money::{percent_of, tax_included, Money, Qty};
use crate::base::text::required;
use crate::base::totals::TaxRow;
use crate::ctx::Ctx;
use crate::job;
use crate::model::invoice::{CreditNoteDocument, CreditedLine, InvoiceDocument};
use crate::model::job_event::JobEventKind;
use crate::store;
use schemars::JsonSchema;
use serde::Deserialize;
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CreditLine {
    pub line_id: i64,
    pub quantity: Qty,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Credit {
    pub staff_id: i64,
    pub invoice: String,
    pub reason: String,
    /// The lines and quantities to credit; omit to credit everything not yet credited.
    pub lines: Option<Vec<CreditLine>>,
}

/// Issues a credit note against an invoice, whole or in part. It references the
/// original, takes its own gapless number, and never credits more than was billed.
pub fn credit(ctx: &Ctx, input: Credit) -> Result<CreditNoteDocument> {
    crate::shop::access::require(
        ctx,
        input.staff_id,
        crate::model::access::Permission::CreditNote,
    )?;
    let reason = required("reason", &input.reason, 500)?;
    let (invoice_id, inv) = load(ctx, &input.invoice)?;
    let earlier = store::invoices::credit_notes(ctx.tx, invoice_id)?;
    let credited_qty = |line_id: i64| -> i64 {
        earlier
            .iter()
            .flat_map(|c| &c.lines)
            .filter(|l| l.line_id == line_id)
            .map(|l| l.quantity.milli())
            .sum()
    };
    let credited_net = |line_id: i64| -> Money {
        earlier
            .iter()
            .flat_map(|c| &c.lines)
            .filter(|l| l.line_id == line_id)
            .map(|l| l.net)
            .sum()
    };
    let wanted: Vec<(i64, Qty)> = match &input.lines {
        None => inv
            .lines
            .iter()
            .map(|l| (l.line_id, Qty(l.quantity.milli() - credited_qty(l.line_id))))
            .filter(|(_, q)| q.milli() > 0)
            .collect(),
        Some(ls) if ls.is_empty() => {
            return Err(Error::invalid(
                "lines",
                "Name at least one line to credit",
                "请至少选择一个冲销项目",
            ))
        }
        Some(ls) => ls.iter().map(|l| (l.line_id, l.quantity)).collect(),
    };
    if wanted.is_empty() {
        return Err(Error::state(
            format!("Invoice {} is already fully credited", inv.number),
            format!("结算单 {} 已全额冲销", inv.number),
        ));
    }
    let mut lines = Vec::new();
    for (i, (line_id, q)) in wanted.iter().enumerate() {
        let field = format!("lines[{i}]");
        let l = inv
            .lines
            .iter()
            .find(|l| l.line_id == *line_id)
            .ok_or_else(|| {
                Error::invalid(
                    &field,
                    "This line is not on the invoice",
                    "该项目不在结算单上",
                )
            })?;
        let left = l.quantity.milli() - credited_qty(l.line_id);
        if q.milli() <= 0 || q.milli() > left {
            return Err(Error::invalid(
                &field,
                format!(
                    "At most {} of \"{}\" can still be credited",
                    Qty(left),
                    l.description
                ),
                format!("“{}”最多还可冲销 {}", l.description, Qty(left)),
            ));
        }
        let net = if q.milli() == left {
            l.net - credited_net(l.line_id)
        } else {
            crate::base::money::div_round(
                l.net as i128 * q.milli() as i128,
                l.quantity.milli() as i128,
            ) as Money
        };
        lines.push(CreditedLine {
            line_id: l.line_id,
            description: l.description.clone(),
            quantity: *q,
            net,
            tax_rate_bp: l.tax_rate_bp,
        });
    }
    let taxes = credit_taxes(&inv, &earlier, &lines);
    let total: Money = taxes.iter().map(|t| t.base + t.tax).sum();
    let credited_before: Money = earlier.iter().map(|c| c.total).sum();
    if total <= 0 || credited_before + total > inv.totals.total {
        return Err(Error::invalid(
            "lines",
            "A credit note cannot credit more than the invoice",
            "冲销金额不能超过结算单金额",
        ));
    }
    let settings = crate::shop::settings::load(ctx)?;
    let series = "credit_note";
    let sequence = store::numbers::next(ctx.tx, series)?;
    let number =
        crate::model::numbering::format(&settings.credit_note_number_format, ctx.now, sequence);
    let doc = CreditNoteDocument {
        number: number.clone(),
        invoice_number: inv.number.clone(),
        job_number: inv.job_number.clone(),
        issued_at: ctx.now_text(),
        reason: reason.clone(),
        language: inv.language,
        currency: inv.currency.clone(),
        shop: inv.shop.clone(),
        customer: inv.customer.clone(),
        lines,
        taxes,
        total,
        kind: Some(inv.kind()),
    };
    let numbered = store::invoices::Numbered {
        number: &number,
        series,
        sequence,
    };
    store::invoices::insert_credit_note(
        ctx.tx,
        &numbered,
        invoice_id,
        &ctx.now_text(),
        input.staff_id,
        &doc,
    )?;
    let job = job::by_number(ctx, &inv.job_number)?;
    job::record(
        ctx,
        job.id,
        input.staff_id,
        JobEventKind::CreditNote {
            credit_note: number,
            invoice: inv.number,
            total,
            reason,
        },
    )?;
    Ok(doc)
}

/// Tax on credited lines, once per rate like the invoice; when a rate is credited
/// in full, exactly what remains of the invoice's tax at that rate.
fn credit_taxes(
    inv: &InvoiceDocument,
    earlier: &[CreditNoteDocument],
    lines: &[CreditedLine],
) -> Vec<TaxRow> {
    let mut out = Vec::new();
    for row in &inv.totals.taxes {
        let sum: Money = lines
            .iter()
            .filter(|l| l.tax_rate_bp == row.rate_bp)
            .map(|l| l.net)
            .sum();
        if sum == 0 {
            continue;
        }
        let billed_at_rate: Money = inv
            .lines
            .iter()
            .filter(|l| l.tax_rate_bp == row.rate_bp)
            .map(|l| l.net)
            .sum();
        let before: Vec<&TaxRow> = earlier
            .iter()
            .flat_map(|c| &c.taxes)
            .filter(|t| t.rate_bp == row.rate_bp)
            .collect();
        let credited_before: Money = earlier
            .iter()
            .flat_map(|c| &c.lines)
            .filter(|l| l.tax_rate_bp == row.rate_bp)
            .map(|l| l.net)
            .sum();
        let (base, tax) = if credited_before + sum == billed_at_rate {
            (
                row.base - before.iter().map(|t| t.base).sum::<Money>(),
                row.tax - before.iter().map(|t| t.tax).sum::<Money>(),
            )
        } else if inv.totals.prices_include_tax {
            let tax = tax_included(sum, row.rate_bp);
            (sum - tax, tax)
        } else {
            (sum, percent_of(sum, row.rate_bp))
        };
        out.push(TaxRow {
            rate_bp: row.rate_bp,
            base,
            tax,
        });
    }
    out
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CreditNoteRef {
    pub credit_note: String,
}

pub fn get_credit_note(ctx: &Ctx, input: CreditNoteRef) -> Result<CreditNoteDocument> {
    store::invoices::credit_note_by_number(ctx.tx, input.credit_note.trim())?.ok_or_else(|| {
        Error::not_found("Credit note", "更正单", &input.credit_note).at("credit_note")
    })
}
