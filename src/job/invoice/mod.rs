//! Invoices: the view of one with its payments, credit notes and balance, shared
//! by issue.rs, payment.rs and credit_note.rs; handover is job/handover.rs.
//!
//! An invoice is issued only from a job whose quality check passed. It bills the
//! approved, completed lines and nothing else (declined lines appear as
//! recommendations, never billed), never above the approved total plus tolerance.
//! Its number is taken inside the issuing transaction, so numbers have no gaps.
//! Once issued it never changes: its printed content is frozen as a document and
//! the store refuses updates; a correction is a credit note with its own series.
//!
//! Tests: tests/core/job/invoice.rs.

pub mod credit_note;
pub mod e_fapiao;
pub mod issue;
pub mod payment;

use crate::base::error::{Error, Result};
use crate::base::money::Money;
use crate::ctx::Ctx;
use crate::model::invoice::{CreditNoteDocument, InvoiceDocument, Payment, PaymentStatus};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct InvoiceView {
    pub invoice: InvoiceDocument,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<CreditNoteDocument>,
    pub paid: Money,
    pub credited: Money,
    /// total − credited − paid; negative when a refund is due.
    pub balance_due: Money,
    pub status: PaymentStatus,
    /// Settlement lists: the official e-fapiao numbers recorded, oldest first
    /// (the last is current).
    pub fapiao: Vec<crate::model::invoice::FapiaoRecord>,
    /// What the document is (also for documents issued before it was recorded).
    pub kind: crate::model::document_kind::DocumentKind,
}

/// An invoice with its payments, credit notes and balance: its four reads
/// together, one round trip on the shop's server.
pub fn view(ctx: &Ctx, invoice_id: i64) -> Result<InvoiceView> {
    let (invoice, payments, credit_notes, fapiao) = ctx.tx.together((
        store::invoices::by_id_read(invoice_id),
        store::invoices::payments_read(invoice_id),
        store::invoices::credit_notes_read(invoice_id),
        store::fapiao::of_invoice_read(invoice_id),
    ))?;
    let invoice = invoice.ok_or_else(|| Error::internal("invoice vanished"))?;
    Ok(viewed(invoice, payments, credit_notes, fapiao))
}

/// The job's invoice as [`view`] shows it, once issued: four queries keyed by
/// the job, to run together with others (a history's jobs, views/history.rs).
pub fn view_of_job_read(job_id: i64) -> impl store::Reads<Out = Option<(i64, InvoiceView)>> {
    use store::Reads;
    (
        store::invoices::by_job_read(job_id),
        store::invoices::payments_of_job_read(job_id),
        store::invoices::credit_notes_of_job_read(job_id),
        store::fapiao::of_job_read(job_id),
    )
        .then(|(invoice, payments, credit_notes, fapiao)| {
            Ok(invoice.map(|(id, invoice)| (id, viewed(invoice, payments, credit_notes, fapiao))))
        })
}

fn viewed(
    invoice: InvoiceDocument,
    payments: Vec<Payment>,
    credit_notes: Vec<CreditNoteDocument>,
    fapiao: Vec<crate::model::invoice::FapiaoRecord>,
) -> InvoiceView {
    let kind = invoice.kind();
    let paid: Money = payments.iter().map(|p| p.amount).sum();
    let credited: Money = credit_notes.iter().map(|c| c.total).sum();
    let balance_due = invoice.totals.total - credited - paid;
    let status = if balance_due < 0 {
        PaymentStatus::RefundDue
    } else if balance_due == 0 {
        PaymentStatus::Paid
    } else if paid > 0 {
        PaymentStatus::PartPaid
    } else {
        PaymentStatus::Unpaid
    };
    InvoiceView {
        invoice,
        payments,
        credit_notes,
        paid,
        credited,
        balance_due,
        status,
        fapiao,
        kind,
    }
}

pub fn load(ctx: &Ctx, number: &str) -> Result<(i64, InvoiceDocument)> {
    store::invoices::by_number(ctx.tx, number.trim())?
        .ok_or_else(|| Error::not_found("Invoice", "结算单", number).at("invoice"))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct InvoiceRef {
    pub invoice: String,
}

pub fn get(ctx: &Ctx, input: InvoiceRef) -> Result<InvoiceView> {
    let (id, _) = load(ctx, &input.invoice)?;
    view(ctx, id)
}
