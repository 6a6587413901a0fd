//! SQL for `job_figures` and `approval_figures`: what each invoice and each
//! approval leaves for the owner's figures, written in the transaction that
//! issues the invoice or records the approval. Both are immutable records, so
//! their figures never go stale. The statements are figure_sql.rs's, which the
//! schema 9 migration hook also runs over older records, so old and new rows
//! are computed alike. Sums over a period are index-only scans.
//! Rules: views/kpi.rs; tests tests/core/views/kpi.rs.

use super::figure_sql::{approval_figures_sql, job_figures_sql};
use super::Tx;
use crate::base::error::Result;

/// Records the figures of the invoice just issued for `job_id`.
pub fn record_invoice(tx: &Tx, job_id: i64) -> Result<()> {
    tx.sql().execute(
        &job_figures_sql("WHERE i.job_id = ?1"),
        crate::sql_params![job_id],
    )?;
    Ok(())
}

/// Records the figures of the approval just recorded.
pub fn record_approval(tx: &Tx, approval_id: i64) -> Result<()> {
    tx.sql().execute(
        &approval_figures_sql("WHERE a.id = ?1"),
        crate::sql_params![approval_id],
    )?;
    Ok(())
}

/// Sums of the invoices issued in `[from, to)` (UTC texts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InvoiceSums {
    pub jobs: i64,
    pub paying_jobs: i64,
    pub claims: i64,
    pub total: i64,
    pub paying_total: i64,
    pub labour_sale: i64,
    pub labour_hours: i64,
    pub parts_sale: i64,
    pub parts_cost: i64,
    pub clocked_minutes: i64,
}

pub fn invoice_sums(tx: &Tx, from: &str, to: &str) -> Result<InvoiceSums> {
    Ok(tx.sql().prepare_cached(
        "SELECT count(*), count(*) FILTER (WHERE claim = 0 AND total > 0), count(*) FILTER (WHERE claim = 1),
                COALESCE(sum(total), 0), COALESCE(sum(total) FILTER (WHERE claim = 0 AND total > 0), 0),
                COALESCE(sum(labour_sale), 0), COALESCE(sum(labour_hours), 0), COALESCE(sum(parts_sale), 0),
                COALESCE(sum(parts_cost), 0), COALESCE(sum(clocked_minutes), 0)
         FROM job_figures WHERE issued_at >= ?1 AND issued_at < ?2",
    )?
    .query_row((from, to), |r| {
        Ok(InvoiceSums {
            jobs: r.get(0)?,
            paying_jobs: r.get(1)?,
            claims: r.get(2)?,
            total: r.get(3)?,
            paying_total: r.get(4)?,
            labour_sale: r.get(5)?,
            labour_hours: r.get(6)?,
            parts_sale: r.get(7)?,
            parts_cost: r.get(8)?,
            clocked_minutes: r.get(9)?,
        })
    })?)
}

/// Per month — each `(label, first instant, first instant after)` in
/// stored time texts, as the rules cut the period — the invoices issued in
/// it and their total, for the trend chart; months without one left out.
/// Each month is a range of the `job_figures_issued` index (an index-only
/// scan): no time is parsed per row, which on the server cost a tenth of a
/// second a year.
pub fn invoices_by_month(
    tx: &Tx,
    months: &[(String, String, String)],
) -> Result<Vec<(String, i64, i64)>> {
    if months.is_empty() {
        return Ok(Vec::new());
    }
    let values: Vec<String> = (0..months.len())
        .map(|i| format!("(?{}, ?{}, ?{})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
        .collect();
    let params: Vec<super::driver::Value> = months
        .iter()
        .flat_map(|(k, lo, hi)| [k, lo, hi])
        .map(|t| super::driver::Value::Text(t.clone()))
        .collect();
    let rows = tx
        .sql()
        .prepare_cached(&format!(
            "WITH m(k, lo, hi) AS (VALUES {})
             SELECT m.k, count(*), COALESCE(sum(f.total), 0)
             FROM m JOIN job_figures f ON f.issued_at >= m.lo AND f.issued_at < m.hi
             GROUP BY m.k ORDER BY m.k",
            values.join(", ")
        ))?
        .query_map(params, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<super::driver::SqlResult<_>>()?;
    Ok(rows)
}

/// First estimates presented in `[from, to)`, and how many of those jobs were invoiced.
pub fn estimates_presented(tx: &Tx, from: &str, to: &str) -> Result<(i64, i64)> {
    let presented: i64 = tx
        .sql()
        .prepare_cached(
            "SELECT count(*) FROM approval_figures WHERE at >= ?1 AND at < ?2 AND first = 1",
        )?
        .query_row((from, to), |r| r.get(0))?;
    let invoiced: i64 = tx
        .sql()
        .prepare_cached(
            "SELECT count(*) FROM job_figures WHERE presented_at >= ?1 AND presented_at < ?2",
        )?
        .query_row((from, to), |r| r.get(0))?;
    Ok((presented, invoiced))
}

/// Amounts presented and approved in approvals recorded in `[from, to)`.
pub fn approval_sums(tx: &Tx, from: &str, to: &str) -> Result<(i64, i64)> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT COALESCE(sum(presented), 0), COALESCE(sum(approved), 0)
             FROM approval_figures WHERE at >= ?1 AND at < ?2",
        )?
        .query_row((from, to), |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Jobs handed over in `[from, to)`: all, with a promise, on or before it.
pub fn handovers(tx: &Tx, from: &str, to: &str) -> Result<(i64, i64, i64)> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT count(*), count(promised_at), count(*) FILTER (WHERE delivered_at <= promised_at)
             FROM jobs WHERE delivered_at IS NOT NULL AND delivered_at >= ?1 AND delivered_at < ?2",
        )?
        .query_row((from, to), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// Claim jobs (comebacks under a card) opened in `[from, to)`.
pub fn claims_opened(tx: &Tx, from: &str, to: &str) -> Result<i64> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT count(*) FROM jobs WHERE claim_card_id IS NOT NULL AND created_at >= ?1 AND created_at < ?2",
        )?
        .query_row((from, to), |r| r.get(0))?)
}

/// Follow-up and loop calls closed in `[from, to)`: reached, and all closed.
pub fn calls_closed(tx: &Tx, from: &str, to: &str) -> Result<(i64, i64)> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT count(*) FILTER (WHERE state = 'reached'), count(*) FROM callbacks
             WHERE closed_at IS NOT NULL AND closed_at >= ?1 AND closed_at < ?2",
        )?
        .query_row((from, to), |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// Surveys taken in `[from, to)`: count, sum of overall scores, and the NPS
/// counts (answers, promoters 9–10, detractors 0–6).
pub fn survey_sums(tx: &Tx, from: &str, to: &str) -> Result<(i64, i64, i64, i64, i64)> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT count(*), COALESCE(sum(overall), 0), count(recommend),
                    count(*) FILTER (WHERE recommend >= 9), count(*) FILTER (WHERE recommend <= 6)
             FROM surveys WHERE at >= ?1 AND at < ?2",
        )?
        .query_row((from, to), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?)
}
