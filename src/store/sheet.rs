//! Reads a query's rows as export cells: each column read as the kind the
//! caller names (text, whole number, money). Used by the tables' `export`
//! queries; the SQL stays in each table's own module.
//! Tests: tests/core/exchange/export.rs.

use super::Tx;
use crate::base::error::Result;
use crate::model::sheet::{Cell, Row};

/// How a column is read.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    Int,
    Money,
    /// A stored instant.
    Time,
}

/// Runs `sql` with a period's two bounds and reads every row as `kinds`.
pub fn rows(tx: &Tx, sql: &str, from: &str, to: &str, kinds: &[Kind]) -> Result<Vec<Row>> {
    let mut st = tx.sql().prepare(sql)?;
    let rows = st.query_map([from, to], |r| {
        kinds
            .iter()
            .enumerate()
            .map(|(i, k)| {
                Ok(match k {
                    Kind::Text => Cell::from(r.get::<_, Option<String>>(i)?),
                    Kind::Int => Cell::from(r.get::<_, Option<i64>>(i)?),
                    Kind::Money => r
                        .get::<_, Option<i64>>(i)?
                        .map(Cell::Money)
                        .unwrap_or(Cell::Empty),
                    Kind::Time => r
                        .get::<_, Option<String>>(i)?
                        .map(Cell::Time)
                        .unwrap_or(Cell::Empty),
                })
            })
            .collect::<super::driver::SqlResult<Row>>()
    })?;
    Ok(rows.collect::<super::driver::SqlResult<_>>()?)
}
