//! SQL for `quality_checks` and `quality_check_items` (append-only).

use super::driver::{DbRow as Row, OptionalExtension};
use super::Tx;
use crate::base::error::Result;
use crate::model::quality::{CheckItem, QualityCheck};

#[allow(clippy::too_many_arguments)]
pub fn insert(
    tx: &Tx,
    job_id: i64,
    inspector: i64,
    at: &str,
    passed: bool,
    odometer_out: Option<i64>,
    redo: Option<&str>,
    certificate: Option<&str>,
    items: &[CheckItem],
) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO quality_checks (job_id, inspector_id, at, passed, odometer_out, redo, certificate_number)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        crate::sql_params![job_id, inspector, at, passed, odometer_out, redo, certificate],
    )?;
    let id = tx.sql().last_insert_rowid()?;
    let mut st = tx.sql().prepare_cached(
        "INSERT INTO quality_check_items (check_id, code, label, label_zh, passed, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for i in items {
        st.execute(crate::sql_params![
            id, i.code, i.label, i.label_zh, i.passed, i.note
        ])?;
    }
    Ok(id)
}

const COLUMNS: &str = "q.id, q.job_id, q.inspector_id, s.name, q.at, q.passed, q.odometer_out, q.redo, q.certificate_number";

fn from_row(r: &Row) -> super::driver::SqlResult<QualityCheck> {
    Ok(QualityCheck {
        id: r.get(0)?,
        job_id: r.get(1)?,
        inspector_id: r.get(2)?,
        inspector_name: r.get(3)?,
        at: r.get(4)?,
        passed: r.get(5)?,
        odometer_out: r.get(6)?,
        redo: r.get(7)?,
        certificate_number: r.get(8)?,
        items: vec![],
    })
}

fn with_items(tx: &Tx, mut q: QualityCheck) -> Result<QualityCheck> {
    let mut st = tx.sql().prepare_cached(
        "SELECT code, label, label_zh, passed, note FROM quality_check_items WHERE check_id = ?1 ORDER BY rowid",
    )?;
    q.items = st
        .query_map([q.id], |r| {
            Ok(CheckItem {
                code: r.get(0)?,
                label: r.get(1)?,
                label_zh: r.get(2)?,
                passed: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<super::driver::SqlResult<_>>()?;
    Ok(q)
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<QualityCheck>> {
    let q = tx.sql()
        .query_row(&format!("SELECT {COLUMNS} FROM quality_checks q JOIN staff s ON s.id = q.inspector_id WHERE q.id = ?1"), [id], from_row)
        .optional()?;
    q.map(|q| with_items(tx, q)).transpose()
}

/// The job's checks, oldest first.
pub fn for_job(tx: &Tx, job_id: i64) -> Result<Vec<QualityCheck>> {
    let mut st = tx.sql().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM quality_checks q JOIN staff s ON s.id = q.inspector_id WHERE q.job_id = ?1 ORDER BY q.id"
    ))?;
    let rows: Vec<QualityCheck> = st
        .query_map([job_id], from_row)?
        .collect::<super::driver::SqlResult<_>>()?;
    rows.into_iter().map(|q| with_items(tx, q)).collect()
}

pub fn by_certificate(tx: &Tx, number: &str) -> Result<Option<QualityCheck>> {
    let id: Option<i64> = tx
        .sql()
        .query_row(
            "SELECT id FROM quality_checks WHERE certificate_number = ?1",
            [number],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| get(tx, id)).transpose().map(Option::flatten)
}
