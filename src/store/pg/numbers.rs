//! SQL for `number_series` on PostgreSQL: the same gapless counters as the
//! SQLite store's numbers.rs. The one statement inserts or increments the
//! series' row and holds its row lock until the caller's transaction ends, so
//! a second counter issuing at the same moment waits for it, and a rolled-back
//! command gives its number back. Tests: tests/core/store/pg.rs runs the
//! numbering contract against both stores.

use super::{failed, PgTx};
use crate::base::error::Result;

/// Takes the next number of `series` (1, 2, 3, …).
pub fn next(tx: &mut PgTx, series: &str) -> Result<i64> {
    let row = tx
        .sql()
        .query_one(
            "INSERT INTO number_series (series, last) VALUES ($1, 1)
             ON CONFLICT (series) DO UPDATE SET last = number_series.last + 1
             RETURNING last",
            &[&series],
        )
        .map_err(failed)?;
    Ok(row.get(0))
}
