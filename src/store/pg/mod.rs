//! The PostgreSQL backend (issue #16): a shop whose counters share one
//! database server. The table modules of store/ run on it unchanged through
//! the statement interface (driver/); this module connects (a libpq
//! connection string: host or Unix socket folder, port, database, user,
//! password), runs its own embedded, ordered migrations — each in its own
//! transaction, a database written by a newer Jobcard refused — and begins
//! transactions the way the SQLite store does:
//! - a write transaction first takes one shop-wide advisory lock, so writers
//!   run one after another exactly as on SQLite (a rule's read-then-write can
//!   never interleave with another counter's), and a number series' row lock
//!   keeps numbers gapless even for a writer that skipped it;
//! - a read transaction is one `REPEATABLE READ` snapshot.
//!
//! Every change a transaction commits is announced on the shop's own channel,
//! `jobcard_<schema>` (LISTEN/NOTIFY, triggers in sql/0002_shop.sql); [`change_count`]
//! counts the announcements from other connections, so another counter's
//! change reaches this one's screen within the app's one-second ask.
//!
//! Tests: tests/core/store/pg.rs (contract on both backends) and the whole
//! core suite against a throwaway cluster (scripts/test.sh).

pub mod client;
pub mod connection;
pub mod dump;
pub mod memory;
pub mod tls;

use super::driver::pg_run::{Begun, PgConn, StatementCache};
use super::driver::SqlError;
use crate::base::error::{Error, ErrorCode, Result};
use std::cell::RefCell;

/// Every migration, oldest first. Append only; never edit a shipped one.
const STEPS: &[&str] = &[
    include_str!("sql/0001_numbers.sql"),
    include_str!("sql/0002_shop.sql"),
    include_str!("sql/0003_search_pending.sql"),
    include_str!("sql/0004_board_order.sql"),
    include_str!("sql/0005_covering_reads.sql"),
    include_str!("sql/0006_covering_opening.sql"),
    include_str!("sql/0007_covering_card_terms.sql"),
];

/// The advisory lock every write transaction holds (an arbitrary constant:
/// "JOBCARD" on a phone keypad).
const WRITE_LOCK: i64 = 5_622_273;

/// A connection to the shop's PostgreSQL server.
pub struct PgDb {
    params: String,
    client: client::Client,
    cache: StatementCache,
    own_pid: i32,
    own_schema: String,
    encrypted: bool,
    changes_elsewhere: i64,
    restored_elsewhere: bool,
}

/// What a restore announces on the shop's channel, so the other counters
/// know their people and PINs are now the backup's (store/transfer.rs).
pub const RESTORED: &str = "restored";

/// What the server said, as the core's error (both languages).
pub(super) fn failed(e: tokio_postgres::Error) -> Error {
    SqlError::Pg(e).into()
}

/// Connects and brings the schema to this build's version.
pub fn connect(params: &str) -> Result<PgDb> {
    let client = connection::open(params)?;
    let mut db = PgDb {
        params: params.to_string(),
        client,
        cache: RefCell::new(Default::default()),
        own_pid: 0,
        own_schema: String::new(),
        encrypted: false,
        changes_elsewhere: 0,
        restored_elsewhere: false,
    };
    migrate(&mut db)?;
    listen(&mut db)?;
    Ok(db)
}

/// Notes who this connection is and listens for the other counters' changes.
fn listen(db: &mut PgDb) -> Result<()> {
    let me = db
        .client
        .query_one("SELECT pg_backend_pid(), current_schema()::text", &[])
        .map_err(failed)?;
    db.own_pid = me.get(0);
    db.own_schema = me.get(1);
    db.encrypted = connection::encrypted(&mut db.client).map_err(failed)?;
    // Stored times are UTC text; the date functions read them in UTC. A
    // random read costs little more than a sequential one where a shop's data
    // lives (memory, an SSD): with PostgreSQL's default of 4, meant for
    // spinning disks, the planner would scan a whole table rather than probe
    // its index for a screen's few hundred ids (10 ms against 0.8 ms for the
    // board's lines on the small benchmark shop).
    db.client
        .batch_execute(&format!(
            "{SESSION}; LISTEN \"jobcard_{}\"",
            db.own_schema.replace('"', "\"\"")
        ))
        .map_err(failed)?;
    // A second connection for a page's shared reads is set up alike.
    db.client.share_reads(SESSION);
    Ok(())
}

/// Every store connection's session settings (see `listen`).
const SESSION: &str = "SET TIME ZONE 'UTC'; SET random_page_cost = 1.1";

/// A connection the server dropped (restarted, a network cut) is made again:
/// its prepared statements are gone with it, so the cache starts empty.
fn reconnect(db: &mut PgDb) -> Result<()> {
    db.client = connection::open(&db.params)?;
    db.cache.borrow_mut().clear();
    listen(db)
}

impl PgDb {
    /// Whether this connection is encrypted (TLS).
    pub fn encrypted(&self) -> bool {
        self.encrypted
    }
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    STEPS.len() as i64
}

/// The server's schema version (0: a new database).
pub fn version(db: &mut PgDb) -> Result<i64> {
    db.client
        .batch_execute("CREATE TABLE IF NOT EXISTS jobcard_schema (version BIGINT NOT NULL)")
        .map_err(failed)?;
    let row = db
        .client
        .query_opt("SELECT max(version) FROM jobcard_schema", &[])
        .map_err(failed)?;
    Ok(row.and_then(|r| r.get::<_, Option<i64>>(0)).unwrap_or(0))
}

fn migrate(db: &mut PgDb) -> Result<()> {
    let found = version(db)?;
    if found > latest_version() {
        return Err(Error::new(
            ErrorCode::DatabaseTooNew,
            format!("The shop's database was written by a newer Jobcard (schema {found}); update this one"),
            format!("本店数据库由更新版本的 Jobcard 写入（版本 {found}），请先升级本程序"),
        ));
    }
    for (i, sql) in STEPS.iter().enumerate().skip(found as usize) {
        db.client.batch_execute("BEGIN").map_err(failed)?;
        // Rolled back when dropped unfinished.
        let mut tx = Begun::new(&mut db.client);
        let c = tx.client().map_err(failed)?;
        // Two apps starting on a new server at once: the second waits, then
        // finds the step done.
        c.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .map_err(failed)?;
        let done: Option<i64> = c
            .query_one("SELECT max(version) FROM jobcard_schema", &[])
            .map_err(failed)?
            .get(0);
        if done.unwrap_or(0) > i as i64 {
            continue;
        }
        c.batch_execute(sql).map_err(failed)?;
        c.execute(
            "INSERT INTO jobcard_schema (version) VALUES ($1)",
            &[&(i as i64 + 1)],
        )
        .map_err(failed)?;
        tx.commit().map_err(failed)?;
    }
    Ok(())
}

/// The transactions a command begins (store/mod.rs `write_tx`, `read_tx`,
/// `lookup_tx` say what each is for).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Begin {
    Write,
    Read,
    Lookup,
}

const READ: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

/// Begins a transaction: a write takes the shop's write lock first. Its
/// `BEGIN` is sent with the transaction's first statements, in their round
/// trip (driver/pg_run.rs `Begun`). When the server dropped this connection
/// since the last command (a restart, a network cut), it connects again
/// first: nothing had been done yet, so nothing is lost or done twice. A
/// server still away is the "cannot be reached" error.
pub(super) fn begin(db: &mut PgDb, kind: Begin) -> Result<PgConn<'_, Begun<'_>>> {
    let begin = match kind {
        Begin::Write => format!("BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"),
        Begin::Read => READ.to_string(),
        // In the same round trip as the BEGIN; LOCAL ends with the transaction.
        Begin::Lookup => format!("{READ}; SET LOCAL plan_cache_mode = force_generic_plan"),
    };
    // A read's reads may be shared with a second connection in its snapshot
    // (client/second.rs); a lookup's few are not worth its round trip.
    let shared = kind == Begin::Read;
    // What the server said since the last command is read without asking
    // it anything; a connection it ended is then seen closed.
    db.client.settle();
    if db.client.is_closed() {
        reconnect(db)?;
    }
    let PgDb { client, cache, .. } = db;
    Ok(PgConn {
        tx: RefCell::new(Begun::deferred(client, begin, shared, kind != Begin::Write)),
        cache,
    })
}

/// The bare connection, each statement its own transaction (store/checks.rs).
pub(super) fn bare(db: &mut PgDb) -> PgConn<'_, &mut client::Client> {
    let PgDb { client, cache, .. } = db;
    PgConn {
        tx: RefCell::new(client),
        cache,
    }
}

/// How many changes other connections have committed since this one
/// connected (the notifications waiting are read without blocking).
pub(super) fn change_count(db: &mut PgDb) -> Result<i64> {
    // An empty round trip delivers what the server has sent meanwhile.
    db.client.batch_execute("").map_err(failed)?;
    let own = db.own_pid;
    for n in db.client.notifications() {
        if n.process_id() != own {
            db.changes_elsewhere += 1;
            db.restored_elsewhere |= n.payload() == RESTORED;
        }
    }
    Ok(db.changes_elsewhere)
}

/// Whether another counter restored the shop from a backup since this was
/// last asked (read by [`change_count`]'s round trip).
pub(super) fn take_restored_elsewhere(db: &mut PgDb) -> bool {
    std::mem::take(&mut db.restored_elsewhere)
}
