//! Embedded, ordered schema migrations.
//!
//! The schema version is SQLite's `user_version`. Each migration runs inside a
//! transaction (rusqlite_migration does this), so a failed upgrade leaves the file
//! as it was. A file whose version is newer than this build knows is refused: an old
//! Jobcard must never write into a schema it does not understand.

use crate::base::error::{Error, ErrorCode, Result};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

/// Every migration, oldest first. Append only; never edit a shipped one.
pub const STEPS: &[&str] = &[
    include_str!("sql/0001_foundation.sql"),
    include_str!("sql/0002_after_approval.sql"),
    include_str!("sql/0003_safety.sql"),
    include_str!("sql/0004_fapiao.sql"),
    include_str!("sql/0005_care.sql"),
    include_str!("sql/0006_data.sql"),
    include_str!("sql/0007_name_keys.sql"),
    include_str!("sql/0008_intake.sql"),
    include_str!("sql/0009_before_and_figures.sql"),
    include_str!("sql/0010_movements_by_job.sql"),
];

/// Migrations that also run Rust in their transaction, by position in `STEPS`.
fn step(i: usize, sql: &'static str) -> M<'static> {
    match i {
        6 => M::up_with_hook(sql, key_existing_names),
        8 => M::up_with_hook(sql, figures_and_reminders),
        _ => M::up(sql),
    }
}

/// 0007: the pinyin keys of every existing customer's name.
fn key_existing_names(tx: &rusqlite::Transaction) -> rusqlite_migration::HookResult {
    let mut read = tx.prepare("SELECT id, name FROM customers")?;
    let customers = read
        .query_map((), |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, name) in customers {
        super::name_keys::put(super::driver::Sql::Sqlite(tx), id, &name)
            .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))?;
    }
    Ok(())
}

/// 0009: the KPI figures of every invoice and approval already made, and a
/// reminder for what the shop already knows: each item's service six months
/// (the default interval) after its last handover, declined work still open
/// 90 days after it was declined, and each card 30 days before it ends. New
/// events use the shop's own intervals (care/reminders.rs).
fn figures_and_reminders(tx: &rusqlite::Transaction) -> rusqlite_migration::HookResult {
    let sql = super::driver::Sql::Sqlite(tx);
    super::figure_sql::fill_existing(sql)
        .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))?;
    super::reminder_sql::fill_from_history(sql)
        .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))?;
    Ok(())
}

/// The schema version this build writes.
pub fn latest_version() -> usize {
    STEPS.len()
}

fn migrations(upto: usize) -> Migrations<'static> {
    Migrations::new(
        STEPS[..upto]
            .iter()
            .enumerate()
            .map(|(i, sql)| step(i, sql))
            .collect(),
    )
}

/// Brings the database to the latest schema.
pub fn to_latest(conn: &mut Connection) -> Result<()> {
    to_version(conn, latest_version())
}

/// Brings the database to schema `version` (tests upgrade step by step with it).
pub fn to_version(conn: &mut Connection, version: usize) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", (), |r| r.get(0))?;
    if current as usize > latest_version() {
        return Err(too_new(current));
    }
    if version == 0 {
        return Ok(());
    }
    migrations(version).to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
        other => Error::new(
            ErrorCode::Storage,
            format!("The database could not be upgraded: {other}"),
            format!("数据库升级失败：{other}"),
        ),
    })
}

fn too_new(found: i64) -> Error {
    Error::new(
        ErrorCode::DatabaseTooNew,
        format!(
            "This database was written by a newer Jobcard (schema {found}, this version knows {}); update Jobcard",
            latest_version()
        ),
        format!(
            "该数据库由更新版本的 Jobcard 创建（结构版本 {found}，本版本支持 {}），请升级 Jobcard",
            latest_version()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations(latest_version()).validate().is_ok());
    }

    #[test]
    fn upgrades_step_by_step_from_every_old_version() {
        for start in 0..=latest_version() {
            let mut conn = Connection::open_in_memory().unwrap();
            to_version(&mut conn, start).unwrap();
            to_latest(&mut conn).unwrap();
            let v: i64 = conn
                .query_row("PRAGMA user_version", (), |r| r.get(0))
                .unwrap();
            assert_eq!(v as usize, latest_version());
        }
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        to_latest(&mut conn).unwrap();
        conn.pragma_update(None, "user_version", latest_version() as i64 + 1)
            .unwrap();
        let err = to_latest(&mut conn).unwrap_err();
        assert_eq!(err.code, ErrorCode::DatabaseTooNew);
    }
}
