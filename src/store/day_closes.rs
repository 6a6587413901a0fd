//! SQL for `day_closes` (kept as counted) and the day's takings it is checked
//! against: payments by method, invoices issued and credit notes.
//! Rules: views/day_end.rs; tests tests/core/views/day_end.rs.

use super::driver::OptionalExtension;
use super::Tx;
use crate::base::error::Result;

/// A closed day as stored: JSON maps of method → amount.
pub struct StoredClose {
    pub day: String,
    pub counted: String,
    pub expected: String,
    pub note: Option<String>,
    pub staff_id: i64,
    pub at: String,
}

pub fn insert(tx: &Tx, c: &StoredClose) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO day_closes (day, counted, expected, note, staff_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        crate::sql_params![c.day, c.counted, c.expected, c.note, c.staff_id, c.at],
    )?;
    Ok(())
}

pub fn get(tx: &Tx, day: &str) -> Result<Option<StoredClose>> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT day, counted, expected, note, staff_id, at FROM day_closes WHERE day = ?1",
        )?
        .query_row([day], |r| {
            Ok(StoredClose {
                day: r.get(0)?,
                counted: r.get(1)?,
                expected: r.get(2)?,
                note: r.get(3)?,
                staff_id: r.get(4)?,
                at: r.get(5)?,
            })
        })
        .optional()?)
}

/// Payments (refunds negative) taken in `[from, to)` per method: (method, count, sum).
pub fn takings(tx: &Tx, from: &str, to: &str) -> Result<Vec<(String, i64, i64)>> {
    let rows = tx
        .sql()
        .prepare_cached(
            "SELECT method, count(*), sum(amount) FROM payments WHERE at >= ?1 AND at < ?2
             GROUP BY method ORDER BY method",
        )?
        .query_map((from, to), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<super::driver::SqlResult<_>>()?;
    Ok(rows)
}

/// Credit notes issued in `[from, to)`: count and amount credited.
pub fn credited(tx: &Tx, from: &str, to: &str) -> Result<(i64, i64)> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT count(*), COALESCE(sum(total), 0) FROM credit_notes WHERE issued_at >= ?1 AND issued_at < ?2",
        )?
        .query_row((from, to), |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// An invoice with something left to pay (or to pay back).
pub struct Balance {
    pub invoice_number: String,
    pub job_number: String,
    pub customer: String,
    pub total: i64,
    pub balance: i64,
}

/// Invoices whose balance is not zero, among the jobs not yet handed over and
/// those handed over since `since` (a year back: older balances are the
/// accounts' business, and reading every invoice of ten years would keep the
/// screen waiting).
pub fn open_balances(tx: &Tx, since: &str, limit: i64) -> Result<Vec<Balance>> {
    let rows = tx
        .sql()
        .prepare_cached(
            "SELECT number, job_number, name, total, balance FROM (
               SELECT i.number, j.number AS job_number, c.name, i.total, i.issued_at,
                    i.total - COALESCE((SELECT sum(total) FROM credit_notes n WHERE n.invoice_id = i.id), 0)
                            - COALESCE((SELECT sum(amount) FROM payments p WHERE p.invoice_id = i.id), 0) AS balance
               FROM jobs j JOIN invoices i ON i.job_id = j.id JOIN customers c ON c.id = j.customer_id
               WHERE j.id IN (SELECT id FROM jobs WHERE state = 'invoiced'
                              UNION SELECT id FROM jobs WHERE delivered_at IS NOT NULL AND delivered_at >= ?1)
             ) AS open WHERE balance <> 0
             ORDER BY issued_at LIMIT ?2",
        )?
        .query_map(crate::sql_params![since, limit], |r| {
            Ok(Balance {
                invoice_number: r.get(0)?,
                job_number: r.get(1)?,
                customer: r.get(2)?,
                total: r.get(3)?,
                balance: r.get(4)?,
            })
        })?
        .collect::<super::driver::SqlResult<_>>()?;
    Ok(rows)
}
