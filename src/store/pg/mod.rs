//! The PostgreSQL store (issue #16), begun: a connection to the shop's server
//! (a libpq connection string: host or Unix socket folder, port, database,
//! user, password), its own embedded, ordered migrations — each in its own
//! transaction, a database written by a newer Jobcard refused — and the
//! gapless number series (numbers.rs). Only numbering exists so far; the app
//! runs on the SQLite store (the rest of store/). The plan for the rest is
//! docs/scale-out.md. Tests: tests/core/store/pg.rs (against a throwaway
//! cluster that scripts/test.sh starts).

pub mod numbers;

use crate::base::error::{Error, ErrorCode, Result};

/// Every migration, oldest first. Append only; never edit a shipped one.
const STEPS: &[&str] = &[include_str!("sql/0001_numbers.sql")];

/// A connection to the shop's PostgreSQL server.
pub struct PgDb {
    client: postgres::Client,
}

/// A transaction on the server: all or nothing, like the SQLite store's `Tx`.
pub struct PgTx<'a> {
    tx: postgres::Transaction<'a>,
}

impl<'a> PgTx<'a> {
    pub fn commit(self) -> Result<()> {
        self.tx.commit().map_err(failed)
    }

    pub(in crate::store) fn sql(&mut self) -> &mut postgres::Transaction<'a> {
        &mut self.tx
    }
}

/// What the server said, as the core's storage error (both languages).
pub(in crate::store) fn failed(e: postgres::Error) -> Error {
    Error::new(
        ErrorCode::Storage,
        format!("The shop's database server refused or could not be reached: {e}"),
        format!("本店数据库服务器拒绝了操作或无法连接：{e}"),
    )
}

/// Connects and brings the schema to this build's version.
pub fn connect(params: &str) -> Result<PgDb> {
    let client = postgres::Client::connect(params, postgres::NoTls).map_err(failed)?;
    let mut db = PgDb { client };
    migrate(&mut db)?;
    Ok(db)
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
        let mut tx = db.client.transaction().map_err(failed)?;
        tx.batch_execute(sql).map_err(failed)?;
        tx.execute(
            "INSERT INTO jobcard_schema (version) VALUES ($1)",
            &[&(i as i64 + 1)],
        )
        .map_err(failed)?;
        tx.commit().map_err(failed)?;
    }
    Ok(())
}

/// Starts a transaction for a command that writes.
pub fn write_tx(db: &mut PgDb) -> Result<PgTx<'_>> {
    Ok(PgTx {
        tx: db.client.transaction().map_err(failed)?,
    })
}
