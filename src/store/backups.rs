//! SQL for `backups`: every backup written and whether it verified, so the
//! counter knows the last good backup's age even when its folder is unplugged.
//! Tested through tests/core/store/backup.rs.

use super::driver::OptionalExtension;
use super::Tx;
use crate::base::error::Result;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct BackupRecord {
    pub id: i64,
    pub at: String,
    pub path: String,
    pub bytes: i64,
    pub sha256: String,
    pub verified: bool,
    /// Why it did not verify.
    pub problem: Option<String>,
}

pub fn insert(tx: &Tx, r: &BackupRecord) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO backups (at, path, bytes, sha256, verified, problem)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (&r.at, &r.path, r.bytes, &r.sha256, r.verified, &r.problem),
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

/// Whether a backup at `path` is on record.
pub fn has_path(tx: &Tx, path: &str) -> Result<bool> {
    Ok(tx
        .sql()
        .prepare_cached("SELECT 1 FROM backups WHERE path = ?1")?
        .exists([path])?)
}

fn from_row(r: &super::driver::DbRow) -> super::driver::SqlResult<BackupRecord> {
    Ok(BackupRecord {
        id: r.get(0)?,
        at: r.get(1)?,
        path: r.get(2)?,
        bytes: r.get(3)?,
        sha256: r.get(4)?,
        verified: r.get(5)?,
        problem: r.get(6)?,
    })
}

/// The newest backup that verified.
pub fn last_good(tx: &Tx) -> Result<Option<BackupRecord>> {
    Ok(tx
        .sql()
        .query_row(
            "SELECT id, at, path, bytes, sha256, verified, problem FROM backups
             WHERE verified = 1 ORDER BY at DESC, id DESC LIMIT 1",
            (),
            from_row,
        )
        .optional()?)
}

/// The newest backup attempt, good or not.
pub fn last(tx: &Tx) -> Result<Option<BackupRecord>> {
    Ok(tx
        .sql()
        .query_row(
            "SELECT id, at, path, bytes, sha256, verified, problem FROM backups
             ORDER BY at DESC, id DESC LIMIT 1",
            (),
            from_row,
        )
        .optional()?)
}
