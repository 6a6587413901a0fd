//! SQL for `fapiao_numbers`: the official e-fapiao numbers recorded against
//! settlement lists, append-only (the schema's triggers refuse changes).
//! Rules are job/invoice/e_fapiao.rs; tests tests/core/job/fapiao.rs.

use super::driver::read::Read;
use super::Tx;
use crate::base::error::Result;
use crate::model::invoice::FapiaoRecord;

pub fn insert(tx: &Tx, invoice_id: i64, r: &FapiaoRecord) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO fapiao_numbers (invoice_id, fapiao_number, staff_id, at, reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        crate::sql_params![invoice_id, r.fapiao_number, r.staff_id, r.at, r.reason],
    )?;
    Ok(())
}

/// Every number recorded for the invoice, oldest first (the last is current).
pub fn of_invoice(tx: &Tx, invoice_id: i64) -> Result<Vec<FapiaoRecord>> {
    tx.together(of_invoice_read(invoice_id))
}

/// Every number recorded for the invoice, as [`of_invoice`], to read with others.
pub fn of_invoice_read(invoice_id: i64) -> Read<'static, Vec<FapiaoRecord>> {
    of_invoices_where("invoice_id = ?1", invoice_id)
}

/// The fapiao numbers of the job's settlement list.
pub fn of_job_read(job_id: i64) -> Read<'static, Vec<FapiaoRecord>> {
    of_invoices_where(
        "invoice_id IN (SELECT id FROM invoices WHERE job_id = ?1 ORDER BY id LIMIT 1)",
        job_id,
    )
}

fn of_invoices_where(filter: &str, key: i64) -> Read<'static, Vec<FapiaoRecord>> {
    Read::all(
        format!(
            "SELECT fapiao_number, staff_id, at, reason FROM fapiao_numbers
             WHERE {filter} ORDER BY id"
        ),
        [key],
        |r| {
            Ok(FapiaoRecord {
                fapiao_number: r.get(0)?,
                staff_id: r.get(1)?,
                at: r.get(2)?,
                reason: r.get(3)?,
            })
        },
    )
}

/// The settlement list whose current fapiao number this is, if any.
pub fn current_holder(tx: &Tx, fapiao_number: &str) -> Result<Option<String>> {
    let mut st = tx.sql().prepare_cached(
        "SELECT i.number FROM fapiao_numbers f JOIN invoices i ON i.id = f.invoice_id
         WHERE f.fapiao_number = ?1
           AND f.id = (SELECT max(id) FROM fapiao_numbers g WHERE g.invoice_id = f.invoice_id)",
    )?;
    let mut rows = st.query([fapiao_number])?;
    Ok(match rows.next()? {
        Some(r) => Some(r.get(0)?),
        None => None,
    })
}
