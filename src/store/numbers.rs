//! SQL for `number_series`: gapless counters. The increment happens inside the
//! caller's transaction, so a rolled-back command gives its number back and no
//! number is ever skipped or used twice. On a server the statement also
//! holds the series' row lock until the caller's transaction ends, so two
//! counters issuing at once wait for each other (tests/core/store/pg.rs).

use super::Tx;
use crate::base::error::Result;

/// Takes the next number of `series` (1, 2, 3, …).
pub fn next(tx: &Tx, series: &str) -> Result<i64> {
    Ok(tx.sql().query_row(
        "INSERT INTO number_series (series, last) VALUES (?1, 1)
         ON CONFLICT (series) DO UPDATE SET last = number_series.last + 1
         RETURNING last",
        [series],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_series_and_gives_back_on_rollback() {
        let mut conn = crate::store::open_in_memory().unwrap();
        {
            let tx = crate::store::write_tx(&mut conn).unwrap();
            assert_eq!(next(&tx, "job").unwrap(), 1);
            assert_eq!(next(&tx, "job").unwrap(), 2);
            assert_eq!(next(&tx, "inv").unwrap(), 1);
            tx.commit().unwrap();
        }
        {
            let tx = crate::store::write_tx(&mut conn).unwrap();
            assert_eq!(next(&tx, "job").unwrap(), 3);
            // dropped: rolled back
        }
        let tx = crate::store::write_tx(&mut conn).unwrap();
        assert_eq!(next(&tx, "job").unwrap(), 3);
    }
}
