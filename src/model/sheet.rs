//! A table of records as it leaves the shop (an export): typed cells, so a
//! spreadsheet gets numbers where there are numbers and money with its
//! decimals, and a CSV gets the same text the screens show. Pure; written by
//! `exchange/export.rs`. Tests: tests/core/exchange/export.rs.

use crate::base::money::Money;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// Minor units of the shop's currency.
    Money(Money),
    /// An instant as stored (UTC, RFC 3339); written in the shop's local time.
    Time(String),
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Cell {
        v.map(Cell::Text).unwrap_or(Cell::Empty)
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Cell {
        Cell::Text(v)
    }
}

impl From<Option<i64>> for Cell {
    fn from(v: Option<i64>) -> Cell {
        v.map(Cell::Int).unwrap_or(Cell::Empty)
    }
}

pub type Row = Vec<Cell>;
