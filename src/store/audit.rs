//! SQL for `audit_log`: appending to the hash chain and reading it back in
//! order. The table refuses UPDATE and DELETE by trigger. Tested through
//! tests/core/shop/audit.rs.

use super::driver::OptionalExtension;
use super::Tx;
use crate::base::error::Result;
use crate::model::audit::{entry_hash, AuditEntry, GENESIS};

/// What a new entry says; the store chains it.
pub struct NewEntry<'a> {
    pub at: &'a str,
    pub staff_id: Option<i64>,
    pub authorised_by: Option<i64>,
    pub action: &'a str,
    pub content: &'a str,
}

/// Appends one entry after the last, inside the command's transaction.
pub fn append(tx: &Tx, e: &NewEntry) -> Result<()> {
    let prev: String = tx
        .sql()
        .query_row(
            "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
            (),
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let hash = entry_hash(
        &prev,
        e.at,
        e.staff_id,
        e.authorised_by,
        e.action,
        e.content,
    );
    tx.sql().execute(
        "INSERT INTO audit_log (at, staff_id, authorised_by, action, content, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            e.at,
            e.staff_id,
            e.authorised_by,
            e.action,
            e.content,
            prev,
            hash,
        ),
    )?;
    Ok(())
}

fn from_row(r: &super::driver::DbRow) -> super::driver::SqlResult<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        staff_id: r.get(2)?,
        authorised_by: r.get(3)?,
        action: r.get(4)?,
        content: r.get(5)?,
        prev_hash: r.get(6)?,
        hash: r.get(7)?,
    })
}

/// Calls `visit` with every entry in id order, `batch` rows per query, so a
/// ten-year chain is walked without holding it all in memory. `visit` answers
/// false to stop early.
pub fn each(tx: &Tx, mut visit: impl FnMut(AuditEntry) -> bool) -> Result<()> {
    let mut st = tx.sql().prepare(
        "SELECT id, at, staff_id, authorised_by, action, content, prev_hash, hash
         FROM audit_log WHERE id > ?1 ORDER BY id LIMIT 5000",
    )?;
    let mut after = 0i64;
    loop {
        let rows = st.query_map([after], from_row)?;
        let mut any = false;
        for row in rows {
            let e = row?;
            after = e.id;
            any = true;
            if !visit(e) {
                return Ok(());
            }
        }
        if !any {
            return Ok(());
        }
    }
}

/// The chain's last entry, (id, hash): none in a shop not set up.
pub fn tip(tx: &Tx) -> Result<Option<(i64, String)>> {
    Ok(tx
        .sql()
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The hash of entry `id`, when there is one.
pub fn hash_of(tx: &Tx, id: i64) -> Result<Option<String>> {
    Ok(tx
        .sql()
        .query_row("SELECT hash FROM audit_log WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The newest entries first (the settings screen's list).
pub fn latest(tx: &Tx, limit: i64) -> Result<Vec<AuditEntry>> {
    let mut st = tx.sql().prepare(
        "SELECT id, at, staff_id, authorised_by, action, content, prev_hash, hash
         FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = st.query_map([limit], from_row)?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}
