//! The SQLite store: the one place that opens connections, runs migrations and
//! hands out transactions. All SQL lives in the submodules, one per table or
//! aggregate, so a second backend (PostgreSQL for multi-counter shops) replaces
//! this folder and nothing above it.
//!
//! Durability: WAL journal with `synchronous = FULL`, so a command that returned
//! is on disk even after a power cut (a counter cannot lose an approval).
//!
//! Speed at size: a 64 MiB page cache and memory-mapped reads (up to 1 GiB) per
//! connection keep a ten-year shop's lookups close to the small shop's: without
//! them every page beyond SQLite's default 2 MB cache costs a system call.

pub mod appointments;
pub mod approvals;
pub mod audit;
pub mod backup;
pub mod backups;
pub mod callbacks;
pub mod cards;
pub mod complaints;
pub mod contacts;
pub mod credentials;
pub mod customers;
pub mod day_closes;
mod error;
pub mod events;
pub mod fapiao;
mod figure_sql;
pub mod figures;
pub mod inspections;
pub mod invoices;
pub mod items;
pub mod jobs;
pub mod lines;
pub mod migrations;
pub mod name_keys;
pub mod numbers;
pub mod parts;
pub mod permissions;
pub mod pg;
pub mod place;
pub mod quality;
mod reminder_sql;
pub mod reminders;
pub mod sealed;
pub mod search;
pub mod settings;
pub mod sheet;
pub mod staff;
pub mod surveys;
pub mod work;

use crate::base::error::{Error, ErrorCode, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// The synchronous level every connection uses, stated for the benchmark and docs.
pub const SYNCHRONOUS: &str = "FULL";

/// An open database: the only handle on it that leaves the store.
#[derive(Debug)]
pub struct Db {
    conn: Connection,
}

/// The driver's own connection, for the store's checks in tests and the
/// benchmark's raw-SQLite floor; rules never see it.
pub type RawConnection = Connection;

impl Db {
    /// The driver's connection (tests that tamper behind the app's back, the
    /// benchmark's bulk generator and raw floor).
    pub fn raw(&mut self) -> &mut RawConnection {
        &mut self.conn
    }
}

/// SQLite's count of commits made to this file through other connections — a
/// second app on the same file, a command-line call — never this one's own: a
/// change in it means the shop changed elsewhere.
pub fn data_version(db: &mut Db) -> Result<i64> {
    Ok(db.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

/// A transaction: every repository function takes one, so no SQL runs outside
/// one. Rules hold it only to hand it back to the store: its SQL side is
/// visible inside `store/` alone.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl Tx<'_> {
    /// Makes everything the command wrote durable, or nothing.
    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }

    pub(in crate::store) fn sql(&self) -> &rusqlite::Transaction<'_> {
        &self.tx
    }
}

/// Opens (creating if needed) the database at `path`, configures the connection
/// and brings its schema to the latest version. It does not read the whole file:
/// the integrity check runs on every backup and on demand (`backup.rs`), so a
/// ten-year shop opens as fast as a new one. A file that is not a database is
/// still refused here, by its header. A file on a network share is refused
/// before anything is opened (place.rs says why).
pub fn open(path: &Path) -> Result<Db> {
    if let Some(fs) = place::network_file_system(path) {
        return Err(Error::new(
            ErrorCode::Storage,
            format!(
                "The shop's database {} is on a network drive ({fs}). SQLite cannot share a file safely over a network file system and would corrupt it. Keep the database on this computer's own disk (and back it up to the network drive); counters that share one shop need a database server, which this version does not have yet.",
                path.display()
            ),
            format!(
                "本店数据库 {} 位于网络驱动器（{fs}）上。SQLite 无法在网络文件系统上安全共享文件，会导致数据损坏。请将数据库放在本机磁盘上（可备份到网络驱动器）；多个前台共用一个店需要数据库服务器，本版本尚未提供。",
                path.display()
            ),
        )
        .at("db"));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| {
        Error::new(
            ErrorCode::Storage,
            format!("Cannot open the database {}: {e}", path.display()),
            format!("无法打开数据库 {}：{e}", path.display()),
        )
    })?;
    configure(&conn)?;
    let mut conn = conn;
    migrations::to_latest(&mut conn)?;
    Ok(Db { conn })
}

/// Opens a private in-memory database (tests and the benchmark's scratch work).
pub fn open_in_memory() -> Result<Db> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrations::to_latest(&mut conn)?;
    Ok(Db { conn })
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // journal_mode answers with a row, so it is queried rather than executed.
    let _mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(corrupt_or_storage)?;
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = {SYNCHRONOUS}; PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824;"
    ))
    .map_err(corrupt_or_storage)?;
    Ok(())
}

pub(in crate::store) fn corrupt_or_storage(e: rusqlite::Error) -> Error {
    let err: Error = e.into();
    if err.code == ErrorCode::Storage
        && (err.message.contains("not a database") || err.message.contains("malformed"))
    {
        return Error::new(
            ErrorCode::DatabaseCorrupt,
            "The file is not a Jobcard database or is damaged",
            "该文件不是 Jobcard 数据库或已损坏",
        );
    }
    err
}

/// Starts a write transaction (taking the write lock at once, so a command never
/// fails half-way on a lock upgrade).
pub fn write_tx(db: &mut Db) -> Result<Tx<'_>> {
    Ok(Tx {
        tx: db
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?,
    })
}

/// Starts a read transaction: one consistent snapshot for the whole command.
pub fn read_tx(db: &mut Db) -> Result<Tx<'_>> {
    Ok(Tx {
        tx: db
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?,
    })
}

/// Maps "no row" to the core's `not_found` error for the named record.
pub fn found<T>(
    r: rusqlite::Result<T>,
    what_en: &str,
    what_zh: &str,
    key: impl std::fmt::Display,
) -> Result<T> {
    match r {
        Ok(v) => Ok(v),
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(Error::not_found(what_en, what_zh, key)),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_with_the_stated_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = open(&dir.path().join("t.db")).unwrap();
        let conn = db.raw();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "FULL");
    }

    #[test]
    fn refuses_a_file_that_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("junk.db");
        std::fs::write(&p, vec![0x42u8; 8192]).unwrap();
        let err = open(&p).unwrap_err();
        assert_eq!(err.code, ErrorCode::DatabaseCorrupt, "{err:?}");
    }
}
