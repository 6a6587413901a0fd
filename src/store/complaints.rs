//! SQL for `complaints` and `complaint_steps` (steps append-only, one of each
//! per complaint). Rules: care/complaints.rs; tests tests/core/care/complaints.rs.

use super::driver::read::{self, Reads};
use super::driver::OptionalExtension;
use super::Tx;
use crate::base::error::{Error, Result};
use crate::model::complaint::{Category, ComplaintFacts, Source, Step, StepRecord};
use std::collections::HashMap;

pub struct NewComplaint<'a> {
    pub number: &'a str,
    pub customer_id: i64,
    pub job_id: Option<i64>,
    pub source: Source,
    pub level: u8,
    pub category: Category,
    pub returning: bool,
    pub facts: &'a ComplaintFacts,
    pub received_at: &'a str,
    pub next_due: &'a str,
    pub staff_id: i64,
}

pub fn insert(tx: &Tx, c: &NewComplaint) -> Result<i64> {
    let facts = serde_json::to_string(c.facts).map_err(Error::internal)?;
    tx.sql().execute(
        "INSERT INTO complaints (number, customer_id, job_id, source, level, category, returning_customer, facts, step, received_at, next_due, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'received', ?9, ?10, ?11)",
        crate::sql_params![
            c.number,
            c.customer_id,
            c.job_id,
            crate::base::code::code_of(c.source),
            c.level,
            crate::base::code::code_of(c.category),
            c.returning as i64,
            facts,
            c.received_at,
            c.next_due,
            c.staff_id
        ],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

/// The row as stored; the rule layer assembles the full `Complaint`.
pub struct Row {
    pub id: i64,
    pub number: String,
    pub customer_id: i64,
    pub job_id: Option<i64>,
    pub source: Source,
    pub level: u8,
    pub category: Category,
    pub returning: bool,
    pub facts: ComplaintFacts,
    pub step: Step,
    pub received_at: String,
    pub next_due: Option<String>,
}

/// A stored code read back; one this build does not know is a read error.
fn from_code<T: serde::de::DeserializeOwned>(s: String) -> super::driver::SqlResult<T> {
    crate::base::code::from_code(&s)
        .ok_or_else(|| super::driver::SqlError::Convert(format!("unknown code {s}")))
}

fn row(r: &super::driver::DbRow) -> super::driver::SqlResult<Row> {
    let facts: String = r.get(8)?;
    Ok(Row {
        id: r.get(0)?,
        number: r.get(1)?,
        customer_id: r.get(2)?,
        job_id: r.get(3)?,
        source: from_code(r.get(4)?)?,
        level: r.get(5)?,
        category: from_code(r.get(6)?)?,
        returning: r.get::<_, i64>(7)? == 1,
        facts: serde_json::from_str(&facts)
            .map_err(|e| super::driver::SqlError::Convert(format!("column 8: {e}")))?,
        step: from_code(r.get(9)?)?,
        received_at: r.get(10)?,
        next_due: r.get(11)?,
    })
}

const COLUMNS: &str = "id, number, customer_id, job_id, source, level, category, returning_customer, facts, step, received_at, next_due";

pub fn by_number(tx: &Tx, number: &str) -> Result<Option<Row>> {
    Ok(tx
        .sql()
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM complaints WHERE number = ?1"
        ))?
        .query_row([number], row)
        .optional()?)
}

pub fn by_id(tx: &Tx, id: i64) -> Result<Option<Row>> {
    Ok(tx
        .sql()
        .prepare_cached(&format!("SELECT {COLUMNS} FROM complaints WHERE id = ?1"))?
        .query_row([id], row)
        .optional()?)
}

/// The numbers of the complaints `ids` (one query per 256).
pub fn numbers_of(tx: &Tx, ids: &[i64]) -> Result<HashMap<i64, String>> {
    tx.together(numbers_of_read(ids))
}

pub fn numbers_of_read(ids: &[i64]) -> impl Reads<Out = HashMap<i64, String>> {
    read::of_ids(
        ids,
        &[],
        |ids| format!("SELECT id, number FROM complaints WHERE id IN ({ids})"),
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )
    .then(|rows| Ok(rows.into_iter().collect()))
}

/// The register, newest first, filtered in SQL by what has a column.
pub struct Filter<'a> {
    pub step: Option<&'a str>,
    pub open_only: bool,
    pub category: Option<&'a str>,
    pub overdue_at: Option<&'a str>,
    pub customer_id: Option<i64>,
    pub limit: i64,
}

pub fn list(tx: &Tx, f: &Filter) -> Result<Vec<Row>> {
    let mut st = tx.sql().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM complaints
         WHERE (CAST(?1 AS TEXT) IS NULL OR step = ?1) AND (?2 = 0 OR next_due IS NOT NULL)
           AND (CAST(?3 AS TEXT) IS NULL OR category = ?3) AND (CAST(?4 AS TEXT) IS NULL OR next_due < ?4)
           AND (CAST(?5 AS BIGINT) IS NULL OR customer_id = ?5)
         ORDER BY id DESC LIMIT ?6"
    ))?;
    let rows = st.query_map(
        crate::sql_params![
            f.step,
            f.open_only as i64,
            f.category,
            f.overdue_at,
            f.customer_id,
            f.limit
        ],
        row,
    )?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}

pub fn set_step(tx: &Tx, id: i64, step: Step, next_due: Option<&str>) -> Result<()> {
    tx.sql().execute(
        "UPDATE complaints SET step = ?2, next_due = ?3 WHERE id = ?1",
        crate::sql_params![id, step.code(), next_due],
    )?;
    Ok(())
}

pub fn set_facts(tx: &Tx, id: i64, facts: &ComplaintFacts) -> Result<()> {
    let text = serde_json::to_string(facts).map_err(Error::internal)?;
    tx.sql()
        .execute("UPDATE complaints SET facts = ?2 WHERE id = ?1", (id, text))?;
    Ok(())
}

pub fn add_step(tx: &Tx, complaint_id: i64, s: &StepRecord) -> Result<()> {
    let detail = serde_json::to_string(s).map_err(Error::internal)?;
    tx.sql().execute(
        "INSERT INTO complaint_steps (complaint_id, step, staff_id, at, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        crate::sql_params![complaint_id, s.step.code(), s.staff_id, s.at, detail],
    )?;
    Ok(())
}

pub fn steps(tx: &Tx, complaint_id: i64) -> Result<Vec<StepRecord>> {
    let mut st = tx
        .sql()
        .prepare_cached("SELECT detail FROM complaint_steps WHERE complaint_id = ?1 ORDER BY id")?;
    let rows = st.query_map([complaint_id], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for r in rows {
        out.push(
            serde_json::from_str(&r?)
                .map_err(|e| Error::internal(format!("stored complaint step unreadable: {e}")))?,
        );
    }
    Ok(out)
}

/// Jobs of the customer before `before_job` (or any, without one): whether
/// they are a returning customer.
pub fn earlier_jobs(tx: &Tx, customer_id: i64, before_job: Option<i64>) -> Result<i64> {
    Ok(tx.sql().query_row(
        "SELECT count(*) FROM jobs WHERE customer_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR id < ?2)",
        crate::sql_params![customer_id, before_job],
        |r| r.get(0),
    )?)
}
