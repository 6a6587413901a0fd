//! SQL for `invoices`, `credit_notes` and `payments`: all immutable or
//! append-only (the schema's triggers refuse changes). An invoice's printed
//! content is frozen as one JSON document at issue.

use super::driver::read::{self, Read, Reads};
use super::driver::{OptionalExtension, SqlError, SqlResult};
use super::{Key, Tx};
use crate::base::error::{Error, Result};
use crate::model::invoice::{CreditNoteDocument, InvoiceDocument, Payment, PaymentMethod};
use std::collections::HashMap;

pub struct Numbered<'a> {
    pub number: &'a str,
    pub series: &'a str,
    pub sequence: i64,
}

pub fn insert_invoice(
    tx: &Tx,
    n: &Numbered,
    job_id: i64,
    issued_at: &str,
    supplied_at: &str,
    staff_id: i64,
    doc: &InvoiceDocument,
) -> Result<i64> {
    let text = serde_json::to_string(doc).map_err(Error::internal)?;
    tx.sql().execute(
        "INSERT INTO invoices (number, series, sequence, job_id, issued_at, supplied_at, staff_id, total, document)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        crate::sql_params![n.number, n.series, n.sequence, job_id, issued_at, supplied_at, staff_id, doc.totals.total, text],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

fn parse<T: serde::de::DeserializeOwned>(text: String) -> Result<T> {
    Ok(document(text)?)
}

/// (id, document) of the invoice numbered `number`.
pub fn by_number(tx: &Tx, number: &str) -> Result<Option<(i64, InvoiceDocument)>> {
    let row: Option<(i64, String)> = tx
        .sql()
        .query_row(
            "SELECT id, document FROM invoices WHERE number = ?1",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(id, text)| Ok((id, parse(text)?))).transpose()
}

/// The number of the job's invoice, once issued (at most one: `job_id` is
/// unique). On the server it is read from `invoices_job_number` alone.
pub fn number_for_job_read(job: impl Into<Key>) -> Read<'static, Option<String>> {
    let job = job.into();
    Read::first(
        format!("SELECT number FROM invoices WHERE job_id = {}", job.sql()),
        job,
        |r| r.get(0),
    )
}

pub fn by_job(tx: &Tx, job_id: i64) -> Result<Option<(i64, InvoiceDocument)>> {
    tx.together(by_job_read(job_id))
}

/// (id, document) of the job's invoice, once issued.
pub fn by_job_read(job_id: i64) -> Read<'static, Option<(i64, InvoiceDocument)>> {
    Read::first(
        "SELECT id, document FROM invoices WHERE job_id = ?1 ORDER BY id LIMIT 1",
        [job_id],
        |r| Ok((r.get(0)?, document(r.get(1)?)?)),
    )
}

/// The invoice's document.
pub fn by_id_read(id: i64) -> Read<'static, Option<InvoiceDocument>> {
    Read::first("SELECT document FROM invoices WHERE id = ?1", [id], |r| {
        document(r.get(0)?)
    })
}

pub fn insert_credit_note(
    tx: &Tx,
    n: &Numbered,
    invoice_id: i64,
    issued_at: &str,
    staff_id: i64,
    doc: &CreditNoteDocument,
) -> Result<i64> {
    let text = serde_json::to_string(doc).map_err(Error::internal)?;
    tx.sql().execute(
        "INSERT INTO credit_notes (number, series, sequence, invoice_id, issued_at, staff_id, reason, total, document)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        crate::sql_params![n.number, n.series, n.sequence, invoice_id, issued_at, staff_id, doc.reason, doc.total, text],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn credit_notes(tx: &Tx, invoice_id: i64) -> Result<Vec<CreditNoteDocument>> {
    tx.together(credit_notes_read(invoice_id))
}

/// The credit notes against the invoice, oldest first.
pub fn credit_notes_read(invoice_id: i64) -> Read<'static, Vec<CreditNoteDocument>> {
    credit_notes_where("invoice_id = ?1", invoice_id)
}

/// The credit notes against the job's invoice.
pub fn credit_notes_of_job_read(job_id: i64) -> Read<'static, Vec<CreditNoteDocument>> {
    credit_notes_where(JOBS_INVOICE, job_id)
}

fn credit_notes_where(filter: &str, key: i64) -> Read<'static, Vec<CreditNoteDocument>> {
    Read::all(
        format!("SELECT document FROM credit_notes WHERE {filter} ORDER BY id"),
        [key],
        |r| document(r.get(0)?),
    )
}

/// A stored document, read in a [`Read`].
fn document<T: serde::de::DeserializeOwned>(text: String) -> SqlResult<T> {
    serde_json::from_str(&text)
        .map_err(|e| SqlError::Convert(format!("stored document unreadable: {e}")))
}

pub fn credit_note_by_number(tx: &Tx, number: &str) -> Result<Option<CreditNoteDocument>> {
    let text: Option<String> = tx
        .sql()
        .query_row(
            "SELECT document FROM credit_notes WHERE number = ?1",
            [number],
            |r| r.get(0),
        )
        .optional()?;
    text.map(parse).transpose()
}

pub fn insert_payment(tx: &Tx, invoice_id: i64, p: &Payment) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO payments (invoice_id, method, amount, tendered, change, reference, staff_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        crate::sql_params![invoice_id, p.method.code(), p.amount, p.tendered, p.change, p.reference, p.staff_id, p.at],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

/// The payments on the invoice.
pub fn payments_read(invoice_id: i64) -> Read<'static, Vec<Payment>> {
    payments_where("invoice_id = ?1", invoice_id)
}

/// The payments on the job's invoice (a history reads every job's at once).
pub fn payments_of_job_read(job_id: i64) -> Read<'static, Vec<Payment>> {
    payments_where(JOBS_INVOICE, job_id)
}

/// A job has at most one invoice (issue refuses a second); its first is it.
const JOBS_INVOICE: &str =
    "invoice_id IN (SELECT id FROM invoices WHERE job_id = ?1 ORDER BY id LIMIT 1)";

fn payments_where(filter: &str, key: i64) -> Read<'static, Vec<Payment>> {
    Read::all(
        format!(
            "SELECT id, method, amount, tendered, change, reference, staff_id, at FROM payments
             WHERE {filter} ORDER BY id"
        ),
        [key],
        |r| {
            let m: String = r.get(1)?;
            Ok(Payment {
                id: r.get(0)?,
                method: PaymentMethod::parse(&m),
                amount: r.get(2)?,
                tendered: r.get(3)?,
                change: r.get(4)?,
                reference: r.get(5)?,
                staff_id: r.get(6)?,
                at: r.get(7)?,
            })
        },
    )
}

/// Numbers of every invoice in a series, in sequence order (for gap checks).
pub fn sequences(tx: &Tx, series: &str) -> Result<Vec<i64>> {
    let mut st = tx
        .sql()
        .prepare_cached("SELECT sequence FROM invoices WHERE series = ?1 ORDER BY sequence")?;
    let rows = st.query_map([series], |r| r.get(0))?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

/// The job's invoice total, from its column (the document is not read).
pub fn total_of_job(tx: &Tx, job_id: i64) -> Result<Option<i64>> {
    Ok(totals_of_jobs(tx, &[job_id])?.remove(&job_id))
}

/// The invoice total of each of `job_ids` that has an invoice.
pub fn totals_of_jobs(tx: &Tx, job_ids: &[i64]) -> Result<HashMap<i64, i64>> {
    tx.together(totals_of_jobs_read(job_ids))
}

pub fn totals_of_jobs_read(job_ids: &[i64]) -> impl Reads<Out = HashMap<i64, i64>> {
    read::of_ids(
        job_ids,
        &[],
        |ids| format!("SELECT job_id, total FROM invoices WHERE job_id IN ({ids})"),
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )
    .then(|rows| Ok(rows.into_iter().collect()))
}

/// Invoices issued in a period, for an export: number, job, customer, issued,
/// total, credited, paid (refunds netted), balance.
pub fn export(tx: &Tx, from: &str, to: &str) -> Result<Vec<crate::model::sheet::Row>> {
    use super::sheet::Kind::*;
    super::sheet::rows(
        tx,
        "SELECT v.number, j.number, c.name, v.issued_at, v.total, v.credited, v.paid,
                v.total - v.credited - v.paid
         FROM (SELECT v.*,
                 coalesce((SELECT sum(total) FROM credit_notes WHERE invoice_id = v.id), 0) AS credited,
                 coalesce((SELECT sum(amount) FROM payments WHERE invoice_id = v.id), 0) AS paid
               FROM invoices v WHERE v.issued_at >= ?1 AND v.issued_at < ?2) v
         JOIN jobs j ON j.id = v.job_id JOIN customers c ON c.id = j.customer_id
         ORDER BY v.series, v.sequence",
        from,
        to,
        &[Text, Text, Text, Time, Money, Money, Money, Money],
    )
}

/// Payments and refunds taken in a period, for an export: when, invoice,
/// customer, method, amount (negative: a refund), tendered, change, reference.
pub fn export_payments(tx: &Tx, from: &str, to: &str) -> Result<Vec<crate::model::sheet::Row>> {
    use super::sheet::Kind::*;
    super::sheet::rows(
        tx,
        "SELECT p.at, v.number, c.name, p.method, p.amount, p.tendered, p.change, p.reference
         FROM payments p JOIN invoices v ON v.id = p.invoice_id JOIN jobs j ON j.id = v.job_id
         JOIN customers c ON c.id = j.customer_id
         WHERE p.at >= ?1 AND p.at < ?2 ORDER BY p.at, p.id",
        from,
        to,
        &[Time, Text, Text, Text, Money, Money, Money, Text],
    )
}
