//! SQL straight on the shop, outside any command: for the tests that look
//! behind the app's back (a trigger refuses an UPDATE, a stored value is what
//! the rule wrote) and for the table digests that compare two copies of a
//! shop (digest.rs). The same statement interface as the table modules, on
//! either backend; each statement is its own transaction. Rules never use it.
//! Tests: tests/core/ (on both backends).

use super::driver::pg_run::PgConn;
use super::driver::Sql;

/// A handle for checks on the open shop.
pub enum Checks<'a> {
    Sqlite(&'a rusqlite::Connection),
    Pg(PgConn<'a, &'a mut super::pg::client::Client>),
}

impl Checks<'_> {
    /// The statement interface on it.
    pub fn sql(&self) -> Sql<'_> {
        match self {
            Checks::Sqlite(c) => Sql::Sqlite(c),
            Checks::Pg(conn) => Sql::Pg(conn),
        }
    }
}
