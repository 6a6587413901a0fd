//! A PostgreSQL transaction behind the store's statement interface. The
//! store's functions take the transaction shared (`&Tx`), so the driver's
//! mutable transaction sits in a `RefCell`, borrowed for one round trip at a
//! time; rows are read whole before any of them is mapped, so a mapping that
//! asks another question never finds it borrowed. Statements are prepared
//! once per connection and kept (`PgDb`'s cache): a prepared statement
//! outlives the transaction that prepared it. The store holds it as a
//! `Box<dyn PgRun>`, which keeps its transaction type covariant like rusqlite's. Tests: the core suite on
//! PostgreSQL (tests/core/, `JOBCARD_TEST_PG`).

use super::pg_wire::rewrite;
use super::sql_error::SqlResult;
use super::value::{Value, ValueRef};
use postgres::types::ToSql;
use postgres::Statement;
use std::cell::RefCell;
use std::collections::HashMap;

/// The statements a connection has prepared, by the store's SQL text.
pub type StatementCache = RefCell<HashMap<String, Statement>>;

/// What the statement interface asks of a PostgreSQL transaction.
pub trait PgRun {
    fn statement(&self, sql: &str) -> SqlResult<Statement>;
    fn query(&self, st: &Statement, params: &[ValueRef<'_>]) -> SqlResult<Vec<Vec<Value>>>;
    fn execute(&self, st: &Statement, params: &[ValueRef<'_>]) -> SqlResult<usize>;
    fn batch(&self, sql: &str) -> SqlResult<()>;
    /// Makes the transaction's changes durable.
    fn commit(self: Box<Self>) -> SqlResult<()>;
}

/// An open transaction on the server, with its connection's statements.
pub struct PgConn<'t> {
    pub(crate) tx: RefCell<postgres::Transaction<'t>>,
    pub(crate) cache: &'t StatementCache,
}

fn refs<'v>(params: &'v [ValueRef<'_>]) -> Vec<&'v (dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

impl PgRun for PgConn<'_> {
    fn statement(&self, sql: &str) -> SqlResult<Statement> {
        if let Some(st) = self.cache.borrow().get(sql) {
            return Ok(st.clone());
        }
        let st = self.tx.borrow_mut().prepare(&rewrite(sql))?;
        self.cache.borrow_mut().insert(sql.to_string(), st.clone());
        Ok(st)
    }

    fn query(&self, st: &Statement, params: &[ValueRef<'_>]) -> SqlResult<Vec<Vec<Value>>> {
        let rows = self.tx.borrow_mut().query(st, &refs(params))?;
        rows.iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| r.try_get::<_, Value>(i).map_err(Into::into))
                    .collect()
            })
            .collect()
    }

    fn execute(&self, st: &Statement, params: &[ValueRef<'_>]) -> SqlResult<usize> {
        let n = self.tx.borrow_mut().execute(st, &refs(params))?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    fn batch(&self, sql: &str) -> SqlResult<()> {
        Ok(self.tx.borrow_mut().batch_execute(&rewrite(sql))?)
    }

    fn commit(self: Box<Self>) -> SqlResult<()> {
        Ok(self.tx.into_inner().commit()?)
    }
}
