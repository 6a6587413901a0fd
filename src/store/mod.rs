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
pub mod checks;
pub mod complaints;
pub mod contacts;
pub mod credentials;
pub mod customers;
pub mod day_closes;
pub mod digest;
pub mod driver;
pub use driver::key::Key;
pub use driver::read::{PlannedEachTime, Read, Reads};
mod error;
pub mod events;
pub mod fapiao;
mod figure_sql;
pub mod figures;
mod foreign_keys;
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
pub mod transfer;
pub mod work;

use crate::base::error::{Error, ErrorCode, Result};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// The synchronous level every connection uses, stated for the benchmark and docs.
pub const SYNCHRONOUS: &str = "FULL";

/// An open database: the only handle on it that leaves the store. Either the
/// shop's SQLite file (one counter) or its PostgreSQL server (several).
pub struct Db {
    backend: Backend,
}

enum Backend {
    Sqlite(Connection),
    Pg(Box<pg::PgDb>),
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.backend {
            Backend::Sqlite(_) => "Db(SQLite)",
            Backend::Pg(_) => "Db(PostgreSQL)",
        })
    }
}

/// The driver's own connection, for the store's checks in tests and the
/// benchmark's raw-SQLite floor; rules never see it.
pub type RawConnection = Connection;

impl Db {
    /// The SQLite driver's connection (tests that tamper behind the app's back,
    /// the benchmark's bulk generator and raw floor); none on a server.
    pub fn raw(&mut self) -> Result<&mut RawConnection> {
        match &mut self.backend {
            Backend::Sqlite(c) => Ok(c),
            Backend::Pg(_) => Err(on_the_server("this maintenance step", "此维护步骤")),
        }
    }

    /// Whether the shop lives on a PostgreSQL server.
    pub fn is_server(&self) -> bool {
        matches!(self.backend, Backend::Pg(_))
    }

    /// Whether the connection to the server is encrypted (none: a file).
    pub fn encrypted(&self) -> Option<bool> {
        match &self.backend {
            Backend::Sqlite(_) => None,
            Backend::Pg(pg) => Some(pg.encrypted()),
        }
    }

    /// The shop file's connection, for the file-only steps (backup.rs).
    pub(in crate::store) fn file(&self) -> Result<&Connection> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c),
            Backend::Pg(_) => Err(on_the_server("copying the file", "复制店铺文件")),
        }
    }

    pub(in crate::store) fn file_mut(&mut self) -> Result<&mut Connection> {
        match &mut self.backend {
            Backend::Sqlite(c) => Ok(c),
            Backend::Pg(_) => Err(on_the_server("copying the file", "复制店铺文件")),
        }
    }
}

/// A step that only a shop file has, asked of a shop on a server.
pub fn on_the_server(what: &str, what_zh: &str) -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        format!("The shop is on a database server; {what} is for a shop file on this PC"),
        format!("本店数据在数据库服务器上；{what_zh}仅适用于本机的店铺文件"),
    )
}

/// The shop's size on its server against the server's buffers (none: a
/// file, which the system's file cache holds instead).
pub fn server_memory(db: &mut Db) -> Result<Option<crate::model::server::ServerMemory>> {
    match &mut db.backend {
        Backend::Sqlite(_) => Ok(None),
        Backend::Pg(p) => pg::memory::measure(p).map(Some),
    }
}

/// Loads the shop into its server's buffers (pg/memory.rs); the blocks read.
pub fn warm_server(db: &mut Db, progress: &mut dyn FnMut(i64, i64)) -> Result<i64> {
    match &mut db.backend {
        Backend::Sqlite(_) => Err(Error::new(
            ErrorCode::InvalidState,
            "The shop is a file on this PC; only a shop on a database server is loaded into the server's memory",
            "本店数据是本机文件；只有数据库服务器上的店铺才能载入服务器内存",
        )),
        Backend::Pg(p) => pg::memory::warm(p, progress),
    }
}

/// SQL straight on the shop, outside any command (checks.rs says for what).
pub fn checks(db: &mut Db) -> checks::Checks<'_> {
    match &mut db.backend {
        Backend::Sqlite(c) => checks::Checks::Sqlite(c),
        Backend::Pg(p) => checks::Checks::Pg(pg::bare(p)),
    }
}

/// SQLite's count of commits made to this file through other connections — a
/// second app on the same file, a command-line call — never this one's own: a
/// change in it means the shop changed elsewhere. On a server, the count of
/// changes every counter made (pg/changes.rs), which moves for this one's own
/// too: the caller compares it with what it last saw.
pub fn data_version(db: &mut Db) -> Result<i64> {
    match &mut db.backend {
        Backend::Sqlite(c) => Ok(c.query_row("PRAGMA data_version", (), |r| r.get(0))?),
        Backend::Pg(p) => pg::change_count(p),
    }
}

/// Whether another counter restored the shop from a backup since this was
/// last asked (after [`data_version`]), as the server's announcement said
/// (on a file there is none: the counter sees its audit chain replaced,
/// `api::restore`'s `history_replaced`, which also catches it on a server).
pub fn restored_elsewhere(db: &mut Db) -> bool {
    match &mut db.backend {
        Backend::Sqlite(_) => false,
        Backend::Pg(p) => pg::take_restored_elsewhere(p),
    }
}

/// A transaction: every repository function takes one, so no SQL runs outside
/// one. Rules hold it only to hand it back to the store: its SQL side is
/// visible inside `store/` alone.
pub struct Tx<'a> {
    inner: TxInner<'a>,
}

enum TxInner<'a> {
    Sqlite(rusqlite::Transaction<'a>),
    Pg(Box<dyn driver::pg_run::PgRun + 'a>),
}

impl Tx<'_> {
    /// Makes everything the command wrote durable, or nothing.
    pub fn commit(self) -> Result<()> {
        match self.inner {
            TxInner::Sqlite(tx) => Ok(tx.commit()?),
            TxInner::Pg(conn) => Ok(conn.commit()?),
        }
    }

    /// Runs reads together (a tuple of them, or a list of one kind): on the
    /// server in one round trip, on a file one after another
    /// (driver/read.rs).
    pub fn together<R: Reads>(&self, reads: R) -> Result<R::Out> {
        Ok(reads.run(self.sql())?)
    }

    /// Runs reads together as [`Self::together`], and on the server in a
    /// read transaction shares them with a second connection reading in the
    /// same snapshot (driver/read.rs `run_shared`, pg/client/second.rs): for
    /// a screen of many reads whose server work is worth two processes (the
    /// board's cards, a customer's history).
    pub fn together_shared<R: Reads>(&self, reads: R) -> Result<R::Out> {
        Ok(reads.run_shared(self.sql())?)
    }

    pub(in crate::store) fn sql(&self) -> driver::Sql<'_> {
        match &self.inner {
            TxInner::Sqlite(tx) => driver::Sql::Sqlite(tx),
            TxInner::Pg(conn) => driver::Sql::Pg(conn.as_ref()),
        }
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
                "The shop's database {} is on a network drive ({fs}). SQLite cannot share a file safely over a network file system and would corrupt it. Keep the database on this computer's own disk (and back it up to the network drive). Counters that share one shop use a PostgreSQL server: move the shop there with `jobcard move-to-server` and give each counter the server's connection (server.conn).",
                path.display()
            ),
            format!(
                "本店数据库 {} 位于网络驱动器（{fs}）上。SQLite 无法在网络文件系统上安全共享文件，会导致数据损坏。请将数据库放在本机磁盘上（可备份到网络驱动器）。多个前台共用一个店请使用 PostgreSQL 服务器：用 `jobcard move-to-server` 将店铺迁移过去，并为每个前台配置服务器连接（server.conn）。",
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
    Ok(Db {
        backend: Backend::Sqlite(conn),
    })
}

/// Connects to the shop's PostgreSQL server (a libpq connection string) and
/// brings its schema to the latest version.
pub fn connect(params: &str) -> Result<Db> {
    Ok(Db {
        backend: Backend::Pg(Box::new(pg::connect(params)?)),
    })
}

/// Opens a private in-memory database (tests and the benchmark's scratch work).
pub fn open_in_memory() -> Result<Db> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrations::to_latest(&mut conn)?;
    Ok(Db {
        backend: Backend::Sqlite(conn),
    })
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // journal_mode answers with a row, so it is queried rather than executed.
    let _mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", (), |r| r.get(0))
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
/// fails half-way on a lock upgrade). On a server every writer takes the same
/// lock first (pg/mod.rs), so commands from several counters run one after the
/// other, as on SQLite.
pub fn write_tx(db: &mut Db) -> Result<Tx<'_>> {
    Ok(Tx {
        inner: match &mut db.backend {
            Backend::Sqlite(c) => {
                TxInner::Sqlite(c.transaction_with_behavior(TransactionBehavior::Immediate)?)
            }
            Backend::Pg(p) => TxInner::Pg(Box::new(pg::begin(p, pg::Begin::Write)?)),
        },
    })
}

/// Starts a read transaction: one consistent snapshot for the whole command.
pub fn read_tx(db: &mut Db) -> Result<Tx<'_>> {
    begin_read(db, pg::Begin::Read)
}

/// Starts a read transaction whose statements each look rows up by a key:
/// one job and what hangs off it (`job.get`). Such a statement's best plan is
/// the same whichever key it is given, so on a server it is planned once per
/// connection (`plan_cache_mode = force_generic_plan`, for this transaction
/// only) rather than afresh for each of its first five runs, which made a
/// counter's first openings of the day two to four times slower (figures:
/// docs/benchmarks.md). The search's b-tree reads by a key's start are
/// such reads too; its one read whose plan depends on the text is marked
/// (driver/read.rs `planned_each_time`). Reads whose plans do depend on
/// the values (the board's states, a register's dates) keep [`read_tx`]. On
/// SQLite the two are the same. Tests: tests/core/store/pg_plans.rs.
pub fn lookup_tx(db: &mut Db) -> Result<Tx<'_>> {
    begin_read(db, pg::Begin::Lookup)
}

fn begin_read(db: &mut Db, kind: pg::Begin) -> Result<Tx<'_>> {
    Ok(Tx {
        inner: match &mut db.backend {
            Backend::Sqlite(c) => {
                TxInner::Sqlite(c.transaction_with_behavior(TransactionBehavior::Deferred)?)
            }
            Backend::Pg(p) => TxInner::Pg(Box::new(pg::begin(p, kind)?)),
        },
    })
}

/// Maps "no row" to the core's `not_found` error for the named record.
pub fn found<T>(
    r: driver::SqlResult<T>,
    what_en: &str,
    what_zh: &str,
    key: impl std::fmt::Display,
) -> Result<T> {
    match r {
        Ok(v) => Ok(v),
        Err(driver::SqlError::NoRows) => Err(Error::not_found(what_en, what_zh, key)),
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
        let conn = db.raw().unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", (), |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", (), |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", (), |r| r.get(0))
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
