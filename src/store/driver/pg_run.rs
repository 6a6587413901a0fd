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
use crate::store::pg::client::{Client, Params, SharedQuery};
use std::cell::RefCell;
use std::collections::HashMap;
use tokio_postgres::types::ToSql;
use tokio_postgres::Statement;

/// The statements a connection has prepared, by the store's SQL text.
pub type StatementCache = RefCell<HashMap<String, Statement>>;

/// What the statement interface asks of a PostgreSQL transaction.
pub trait PgRun {
    fn statement(&self, sql: &str) -> SqlResult<Statement>;
    fn query(&self, st: &Statement, params: &[ValueRef<'_>]) -> SqlResult<Vec<Vec<Value>>>;
    /// Several queries in one round trip (client.rs), their rows in order.
    fn query_many(
        &self,
        queries: &[(Statement, &[ValueRef<'_>])],
    ) -> SqlResult<Vec<Vec<Vec<Value>>>>;
    /// As `query_many`, given each query's SQL, in a read transaction shared
    /// with a second connection reading in its snapshot (client.rs).
    fn query_shared(&self, queries: &[(&str, &[ValueRef<'_>])]) -> SqlResult<Vec<Vec<Vec<Value>>>>;
    fn execute(&self, st: &Statement, params: &[ValueRef<'_>]) -> SqlResult<usize>;
    fn batch(&self, sql: &str) -> SqlResult<()>;
    /// Runs `COPY … FROM STDIN` with `data` (text format); the rows written.
    fn copy_in(&self, sql: &str, data: &[u8]) -> SqlResult<u64>;
    /// Makes the transaction's changes durable.
    fn commit(self: Box<Self>) -> SqlResult<()>;
}

/// An open transaction on the server (or, for checks outside any command, the
/// connection itself), with its connection's statements.
pub struct PgConn<'t, C> {
    pub(crate) tx: RefCell<C>,
    pub(crate) cache: &'t StatementCache,
}

/// The four things asked of the server, by a transaction or (for checks
/// outside any command) the bare connection, where each statement is its
/// own transaction and finishing has nothing left to do.
pub trait Wire {
    fn parse(&mut self, sql: &str) -> Result<Statement, tokio_postgres::Error>;
    fn fetch(
        &mut self,
        st: &Statement,
        p: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<tokio_postgres::Row>, tokio_postgres::Error>;
    fn fetch_many(
        &mut self,
        queries: &[(&Statement, &Params<'_>)],
    ) -> Result<Vec<Vec<tokio_postgres::Row>>, tokio_postgres::Error>;
    /// As `fetch_many`, shared with a second connection where the
    /// transaction's snapshot can be (a read's; client.rs).
    fn fetch_shared(
        &mut self,
        queries: &[SharedQuery<'_, '_>],
    ) -> Result<Vec<Vec<tokio_postgres::Row>>, tokio_postgres::Error> {
        let alone: Vec<_> = queries.iter().map(|(_, st, p)| (*st, *p)).collect();
        self.fetch_many(&alone)
    }
    fn apply(
        &mut self,
        st: &Statement,
        p: &[&(dyn ToSql + Sync)],
    ) -> Result<u64, tokio_postgres::Error>;
    fn script(&mut self, sql: &str) -> Result<(), tokio_postgres::Error>;
    fn copy(&mut self, sql: &str, data: &[u8]) -> SqlResult<u64>;
    fn finish(self) -> Result<(), tokio_postgres::Error>;
}

macro_rules! wire {
    ($t:ty, $finish:expr) => {
        impl Wire for $t {
            fn parse(&mut self, sql: &str) -> Result<Statement, tokio_postgres::Error> {
                self.prepare(sql)
            }
            fn fetch(
                &mut self,
                st: &Statement,
                p: &[&(dyn ToSql + Sync)],
            ) -> Result<Vec<tokio_postgres::Row>, tokio_postgres::Error> {
                self.query(st, p)
            }
            fn fetch_many(
                &mut self,
                queries: &[(&Statement, &Params<'_>)],
            ) -> Result<Vec<Vec<tokio_postgres::Row>>, tokio_postgres::Error> {
                self.pipeline(None, queries)
            }
            fn apply(
                &mut self,
                st: &Statement,
                p: &[&(dyn ToSql + Sync)],
            ) -> Result<u64, tokio_postgres::Error> {
                self.execute(st, p)
            }
            fn script(&mut self, sql: &str) -> Result<(), tokio_postgres::Error> {
                self.batch_execute(sql)
            }
            fn copy(&mut self, sql: &str, data: &[u8]) -> SqlResult<u64> {
                Ok(self.copy_in(sql, data)?)
            }
            fn finish(self) -> Result<(), tokio_postgres::Error> {
                $finish(self)
            }
        }
    };
}
wire!(&mut Client, |_| Ok(()));

/// A transaction on the connection: committed by `finish`, rolled back when
/// dropped unfinished (a command that failed half-way). A command's
/// transaction is begun lazily: its `BEGIN` goes with the first statements
/// it runs, in their round trip, rather than costing a round trip of its own
/// (tests/core/store/pg_round_trips.rs counts those of opening a job). The
/// snapshot and the write lock are taken by the `BEGIN` as before, just
/// before the first statement; a command that asked the server nothing sends
/// neither `BEGIN` nor `COMMIT`.
pub struct Begun<'a> {
    client: &'a mut Client,
    /// The `BEGIN` still to be sent with the first statement.
    lead: Option<String>,
    /// A read transaction, whose reads may be shared with a second
    /// connection in its snapshot.
    shared: bool,
    /// A `READ ONLY` transaction: its `COMMIT` is sent and not waited for.
    read_only: bool,
    done: bool,
}

impl<'a> Begun<'a> {
    /// Wraps a connection on which `BEGIN` has just been sent.
    pub fn new(client: &'a mut Client) -> Begun<'a> {
        Begun {
            client,
            lead: None,
            shared: false,
            read_only: false,
            done: false,
        }
    }

    /// A transaction `begin` will open, sent with its first statement; a
    /// read one's reads may be `shared`, a `read_only` one's end is not
    /// waited for (see the fields).
    pub fn deferred(
        client: &'a mut Client,
        begin: String,
        shared: bool,
        read_only: bool,
    ) -> Begun<'a> {
        Begun {
            client,
            lead: Some(begin),
            shared,
            read_only,
            done: false,
        }
    }

    /// The connection, inside the transaction (its `BEGIN` sent first if it
    /// is still waiting).
    pub fn client(&mut self) -> Result<&mut Client, tokio_postgres::Error> {
        if let Some(lead) = self.lead.take() {
            self.client.batch_execute(&lead)?;
        }
        Ok(self.client)
    }

    /// Commits: what was done holds. A `READ ONLY` transaction has nothing
    /// to make durable and its reads are all answered by now, so its
    /// `COMMIT` is sent without waiting for the answer, which the
    /// connection reads before its next command's (client.rs `send`): a
    /// screen's read costs one round trip, not two. Its answer can only be
    /// "done" or a connection lost, which the next command notices.
    pub fn commit(mut self) -> std::result::Result<(), tokio_postgres::Error> {
        self.done = true;
        if self.lead.is_some() {
            // Nothing was asked of the server: there is nothing to commit.
            return Ok(());
        }
        if self.read_only {
            self.client.send("COMMIT");
            return Ok(());
        }
        self.client.batch_execute("COMMIT")
    }
}

impl Drop for Begun<'_> {
    fn drop(&mut self) {
        if !self.done && self.lead.is_none() && !self.client.is_closed() {
            let _ = self.client.batch_execute("ROLLBACK");
        }
    }
}

impl Wire for Begun<'_> {
    fn parse(&mut self, sql: &str) -> Result<Statement, tokio_postgres::Error> {
        // Preparing needs no transaction: the `BEGIN` waits for a statement.
        self.client.prepare(sql)
    }
    fn fetch(
        &mut self,
        st: &Statement,
        p: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<tokio_postgres::Row>, tokio_postgres::Error> {
        let lead = self.lead.take();
        let mut rows = self.client.pipeline(lead.as_deref(), &[(st, p)])?;
        Ok(rows.pop().unwrap_or_default())
    }
    fn fetch_many(
        &mut self,
        queries: &[(&Statement, &Params<'_>)],
    ) -> Result<Vec<Vec<tokio_postgres::Row>>, tokio_postgres::Error> {
        let lead = self.lead.take();
        self.client.pipeline(lead.as_deref(), queries)
    }
    fn fetch_shared(
        &mut self,
        queries: &[SharedQuery<'_, '_>],
    ) -> Result<Vec<Vec<tokio_postgres::Row>>, tokio_postgres::Error> {
        let lead = self.lead.take();
        if self.shared {
            return self.client.pipeline_shared(lead.as_deref(), queries);
        }
        let alone: Vec<_> = queries.iter().map(|(_, st, p)| (*st, *p)).collect();
        self.client.pipeline(lead.as_deref(), &alone)
    }
    fn apply(
        &mut self,
        st: &Statement,
        p: &[&(dyn ToSql + Sync)],
    ) -> Result<u64, tokio_postgres::Error> {
        let lead = self.lead.take();
        self.client.execute_after(lead.as_deref(), st, p)
    }
    fn script(&mut self, sql: &str) -> Result<(), tokio_postgres::Error> {
        self.client()?.batch_execute(sql)
    }
    fn copy(&mut self, sql: &str, data: &[u8]) -> SqlResult<u64> {
        Ok(self.client()?.copy_in(sql, data)?)
    }
    fn finish(self) -> Result<(), tokio_postgres::Error> {
        self.commit()
    }
}

/// Rows read whole, each column as one of the store's values.
fn values(rows: &[tokio_postgres::Row]) -> SqlResult<Vec<Vec<Value>>> {
    rows.iter()
        .map(|r| {
            (0..r.len())
                .map(|i| r.try_get::<_, Value>(i).map_err(Into::into))
                .collect()
        })
        .collect()
}

fn refs<'v>(params: &'v [ValueRef<'_>]) -> Vec<&'v (dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

impl<C: Wire> PgRun for PgConn<'_, C> {
    fn statement(&self, sql: &str) -> SqlResult<Statement> {
        if let Some(st) = self.cache.borrow().get(sql) {
            return Ok(st.clone());
        }
        let st = self.tx.borrow_mut().parse(&rewrite(sql)).inspect_err(|e| {
            if std::env::var_os("JOBCARD_DEBUG_SQL").is_some() {
                eprintln!("JOBCARD_DEBUG_SQL: {e}: {}", rewrite(sql));
            }
        })?;
        self.cache.borrow_mut().insert(sql.to_string(), st.clone());
        Ok(st)
    }

    fn query(&self, st: &Statement, params: &[ValueRef<'_>]) -> SqlResult<Vec<Vec<Value>>> {
        let rows = self.tx.borrow_mut().fetch(st, &refs(params))?;
        values(&rows)
    }

    fn query_many(
        &self,
        queries: &[(Statement, &[ValueRef<'_>])],
    ) -> SqlResult<Vec<Vec<Vec<Value>>>> {
        let params: Vec<_> = queries.iter().map(|(_, p)| refs(p)).collect();
        let sent: Vec<_> = queries
            .iter()
            .zip(&params)
            .map(|((st, _), p)| (st, p.as_slice()))
            .collect();
        let answers = self.tx.borrow_mut().fetch_many(&sent)?;
        answers.iter().map(|rows| values(rows)).collect()
    }

    fn query_shared(&self, queries: &[(&str, &[ValueRef<'_>])]) -> SqlResult<Vec<Vec<Vec<Value>>>> {
        // A history asks the same dozen statements for each of its jobs:
        // each text is rewritten once.
        let mut texts: HashMap<&str, String> = HashMap::new();
        let mut prepared = Vec::with_capacity(queries.len());
        for (sql, p) in queries {
            texts.entry(*sql).or_insert_with(|| rewrite(sql));
            prepared.push((*sql, self.statement(sql)?, refs(p)));
        }
        let sent: Vec<_> = prepared
            .iter()
            .map(|(sql, st, p)| (texts[sql].as_str(), st, p.as_slice()))
            .collect();
        let answers = self.tx.borrow_mut().fetch_shared(&sent)?;
        answers.iter().map(|rows| values(rows)).collect()
    }

    fn execute(&self, st: &Statement, params: &[ValueRef<'_>]) -> SqlResult<usize> {
        let n = self.tx.borrow_mut().apply(st, &refs(params))?;
        Ok(usize::try_from(n).unwrap_or(usize::MAX))
    }

    fn batch(&self, sql: &str) -> SqlResult<()> {
        Ok(self.tx.borrow_mut().script(&rewrite(sql))?)
    }

    fn copy_in(&self, sql: &str, data: &[u8]) -> SqlResult<u64> {
        self.tx.borrow_mut().copy(sql, data)
    }

    fn commit(self: Box<Self>) -> SqlResult<()> {
        Ok(self.tx.into_inner().finish()?)
    }
}
