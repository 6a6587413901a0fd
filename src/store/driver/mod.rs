//! One statement interface over both backends. The store's table modules write
//! their SQL once and run it through [`Sql`]: on SQLite each call goes straight
//! to rusqlite (cached statements, rows read lazily, no copies of parameters);
//! on PostgreSQL the same text is rewritten once per statement (`pg_wire.rs`),
//! prepared once per connection and its rows read into values. The shape
//! follows rusqlite's (`execute`, `query_row`, `prepare_cached`, `query_map`,
//! `optional`) so a table module reads the same on either. A table module may
//! also describe a read for a view to run together with others, in one round
//! trip on the server (`read.rs`). Rules never see
//! this: it is `pub(crate)` to the store. Tests: beside the code, and the core
//! suite on both backends (tests/core/, `JOBCARD_TEST_PG`).

pub mod key;
pub(crate) mod pg_run;
pub(crate) mod pg_wire;
pub mod read;
mod sql_error;
mod sqlite_wire;
pub mod value;

pub use sql_error::{SqlError, SqlResult};
pub use value::{FromValue, Params, ToValue, Value, ValueRef};

/// `.optional()`: "no row" becomes `None`, as with rusqlite.
pub trait OptionalExtension<T> {
    fn optional(self) -> SqlResult<Option<T>>;
}

impl<T> OptionalExtension<T> for SqlResult<T> {
    fn optional(self) -> SqlResult<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(SqlError::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A list of ids for `IN (…)`, cut into chunks the statement caches keep:
/// each chunk has 8, 16, 32 … 256 placeholders (its last id repeated to fill
/// them), so a screen that reads many jobs at once prepares a handful of
/// statements in all, not one per list length. The placeholders start at
/// `?first` (a statement's other parameters come before them, in `before`).
pub struct IdChunk {
    pub placeholders: String,
    pub values: Vec<Value>,
}

pub fn id_chunks(ids: &[i64], before: &[Value]) -> Vec<IdChunk> {
    const MOST: usize = 256;
    ids.chunks(MOST)
        .map(|chunk| {
            let size = chunk.len().next_power_of_two().max(8);
            let last = chunk[chunk.len() - 1];
            let first = before.len() + 1;
            let placeholders = (first..first + size)
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut values = before.to_vec();
            values.extend(
                chunk
                    .iter()
                    .copied()
                    .chain(std::iter::repeat(last))
                    .take(size)
                    .map(Value::Int),
            );
            IdChunk {
                placeholders,
                values,
            }
        })
        .collect()
}

/// One of the program's own codes (a job's state, an event's action) as an
/// SQL literal, for a statement whose best plan depends on the code. Written
/// into the text, the statement is planned for that code and the server
/// keeps the plan. As a parameter, the server plans every run afresh while a
/// plan for "any code" looks dearer than each run's own, and rightly: on a
/// ten-year shop, where four jobs in five are delivered, the board's plan for
/// "some state" read every customer (258 ms), its plan for the open states
/// 3.9 ms. `&'static str`: only text in the program, never what someone
/// typed; quotes are doubled all the same. Tests: tests/core/store/pg_plans.rs.
pub fn code_literal(code: &'static str) -> String {
    format!("'{}'", code.replace('\'', "''"))
}

/// A handle on the open transaction's connection.
#[derive(Clone, Copy)]
pub enum Sql<'a> {
    Sqlite(&'a rusqlite::Connection),
    Pg(&'a dyn pg_run::PgRun),
}

impl<'a> Sql<'a> {
    pub fn is_pg(&self) -> bool {
        matches!(self, Sql::Pg(_))
    }

    pub fn execute(&self, sql: &str, params: impl Params) -> SqlResult<usize> {
        match self {
            Sql::Sqlite(c) => {
                let values = params.values();
                Ok(c.execute(sql, rusqlite::params_from_iter(values.iter()))?)
            }
            Sql::Pg(run) => run.execute(&run.statement(sql)?, &params.values()),
        }
    }

    /// `COPY … FROM STDIN` with `data` in COPY's text format (the server
    /// only; the move to the server copies a table's rows this way).
    pub fn copy_in(&self, sql: &str, data: &[u8]) -> SqlResult<u64> {
        match self {
            Sql::Sqlite(_) => Err(SqlError::Convert(
                "COPY is PostgreSQL's; a shop file has no use for it".into(),
            )),
            Sql::Pg(run) => run.copy_in(sql, data),
        }
    }

    pub fn execute_batch(&self, sql: &str) -> SqlResult<()> {
        match self {
            Sql::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Sql::Pg(run) => run.batch(sql),
        }
    }

    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&DbRow<'_>) -> SqlResult<T>,
    ) -> SqlResult<T> {
        self.prepare(sql)?.query_row(params, f)
    }

    pub fn prepare_cached(&self, sql: &str) -> SqlResult<Stmt<'a>> {
        match self {
            Sql::Sqlite(c) => Ok(Stmt::SqliteCached(c.prepare_cached(sql)?)),
            Sql::Pg(run) => Ok(Stmt::Pg(*run, run.statement(sql)?)),
        }
    }

    pub fn prepare(&self, sql: &str) -> SqlResult<Stmt<'a>> {
        match self {
            Sql::Sqlite(c) => Ok(Stmt::Sqlite(c.prepare(sql)?)),
            Sql::Pg(run) => Ok(Stmt::Pg(*run, run.statement(sql)?)),
        }
    }

    /// The id the last insert on this connection was given.
    pub fn last_insert_rowid(&self) -> SqlResult<i64> {
        match self {
            Sql::Sqlite(c) => Ok(c.last_insert_rowid()),
            Sql::Pg(_) => self.query_row("SELECT lastval()", (), |r| r.get(0)),
        }
    }
}

/// A prepared statement.
pub enum Stmt<'a> {
    SqliteCached(rusqlite::CachedStatement<'a>),
    Sqlite(rusqlite::Statement<'a>),
    Pg(&'a dyn pg_run::PgRun, tokio_postgres::Statement),
}

impl<'a> Stmt<'a> {
    fn sqlite(&mut self) -> Option<&mut rusqlite::Statement<'a>> {
        match self {
            Stmt::SqliteCached(s) => Some(s),
            Stmt::Sqlite(s) => Some(s),
            Stmt::Pg(..) => None,
        }
    }

    pub fn execute(&mut self, params: impl Params) -> SqlResult<usize> {
        let values = params.values();
        if let Stmt::Pg(run, st) = self {
            return run.execute(st, &values);
        }
        let st = self.sqlite().expect("a SQLite statement");
        Ok(st.execute(rusqlite::params_from_iter(values.iter()))?)
    }

    pub fn query(&mut self, params: impl Params) -> SqlResult<Rows<'_>> {
        let values = params.values();
        if let Stmt::Pg(run, st) = self {
            return Ok(Rows::Pg(run.query(st, &values)?.into_iter(), None));
        }
        let st = self.sqlite().expect("a SQLite statement");
        Ok(Rows::Sqlite(
            st.query(rusqlite::params_from_iter(values.iter()))?,
        ))
    }

    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&DbRow<'_>) -> SqlResult<T>,
    ) -> SqlResult<T> {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(r) => f(&r),
            None => Err(SqlError::NoRows),
        }
    }

    pub fn query_map<T, F>(&mut self, params: impl Params, f: F) -> SqlResult<MappedRows<'_, F>>
    where
        F: FnMut(&DbRow<'_>) -> SqlResult<T>,
    {
        Ok(MappedRows {
            rows: self.query(params)?,
            f,
        })
    }

    pub fn exists(&mut self, params: impl Params) -> SqlResult<bool> {
        Ok(self.query(params)?.next()?.is_some())
    }
}

/// The rows a query answered, one at a time.
pub enum Rows<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Pg(std::vec::IntoIter<Vec<Value>>, Option<Vec<Value>>),
}

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> SqlResult<Option<DbRow<'_>>> {
        match self {
            Rows::Sqlite(rows) => Ok(rows.next()?.map(DbRow::Sqlite)),
            Rows::Pg(rest, current) => {
                *current = rest.next();
                Ok(current.as_deref().map(DbRow::Values))
            }
        }
    }
}

/// Rows mapped through a function, as an iterator.
pub struct MappedRows<'s, F> {
    rows: Rows<'s>,
    f: F,
}

impl<T, F> Iterator for MappedRows<'_, F>
where
    F: FnMut(&DbRow<'_>) -> SqlResult<T>,
{
    type Item = SqlResult<T>;

    fn next(&mut self) -> Option<SqlResult<T>> {
        match self.rows.next() {
            Ok(Some(r)) => Some((self.f)(&r)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// One row of an answer.
pub enum DbRow<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Values(&'r [Value]),
}

/// A column's position (from 0), as rusqlite names it.
pub trait ColumnIndex {
    fn position(self) -> usize;
}

impl ColumnIndex for usize {
    fn position(self) -> usize {
        self
    }
}

impl DbRow<'_> {
    /// Column `idx` (from 0) as `T`, checked.
    pub fn get<I: ColumnIndex, T: FromValue>(&self, idx: I) -> SqlResult<T> {
        let idx = idx.position();
        let v = match self {
            DbRow::Sqlite(r) => sqlite_wire::from_sqlite(r.get_ref(idx)?)?,
            DbRow::Values(vs) => vs
                .get(idx)
                .map(Value::as_ref)
                .ok_or_else(|| SqlError::Convert(format!("there is no column {idx}")))?,
        };
        T::from_value(v).map_err(|e| SqlError::Convert(format!("column {idx}: {e}")))
    }
}

/// `params![a, b, c]`: parameters of different types as one list.
#[macro_export]
macro_rules! sql_params {
    ($($p:expr),* $(,)?) => {
        &[$(&$p as &dyn $crate::store::driver::ToValue),*] as &[&dyn $crate::store::driver::ToValue]
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_lists_come_in_few_sizes_with_every_id_once_or_repeated_last() {
        assert!(id_chunks(&[], &[]).is_empty());
        let one = id_chunks(&[7], &[Value::Text("state".into())]);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].placeholders, "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9");
        assert_eq!(one[0].values[0], Value::Text("state".into()));
        assert!(one[0].values[1..].iter().all(|v| *v == Value::Int(7)));
        let ids: Vec<i64> = (1..=300).collect();
        let chunks = id_chunks(&ids, &[]);
        let sizes: Vec<usize> = chunks.iter().map(|c| c.values.len()).collect();
        assert_eq!(sizes, [256, 64]);
        let mut seen: Vec<i64> = chunks
            .iter()
            .flat_map(|c| c.values.iter())
            .map(|v| match v {
                Value::Int(i) => *i,
                _ => unreachable!(),
            })
            .collect();
        seen.dedup();
        assert_eq!(seen, ids);
    }
}
