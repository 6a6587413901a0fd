//! SQLite's side of the store's values: a parameter goes to rusqlite borrowed
//! (no copy), a column comes back as the same five kinds of value. Tests: the
//! whole core suite runs on it (tests/core/).

use super::value::ValueRef;
use rusqlite::types::{ToSqlOutput, ValueRef as SqliteRef};

impl rusqlite::ToSql for ValueRef<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match *self {
            ValueRef::Null => SqliteRef::Null,
            ValueRef::Int(i) => SqliteRef::Integer(i),
            ValueRef::Real(f) => SqliteRef::Real(f),
            ValueRef::Text(s) => SqliteRef::Text(s.as_bytes()),
            ValueRef::Blob(b) => SqliteRef::Blob(b),
        }))
    }
}

/// A column of a SQLite row as the store's value; text that is not UTF-8
/// (only a foreign tool could write it) is an error, not a lossy read.
pub(super) fn from_sqlite(v: SqliteRef<'_>) -> Result<ValueRef<'_>, super::sql_error::SqlError> {
    Ok(match v {
        SqliteRef::Null => ValueRef::Null,
        SqliteRef::Integer(i) => ValueRef::Int(i),
        SqliteRef::Real(f) => ValueRef::Real(f),
        SqliteRef::Text(t) => {
            ValueRef::Text(std::str::from_utf8(t).map_err(|e| {
                super::sql_error::SqlError::Convert(format!("text is not UTF-8: {e}"))
            })?)
        }
        SqliteRef::Blob(b) => ValueRef::Blob(b),
    })
}
