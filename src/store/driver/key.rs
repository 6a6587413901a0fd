//! The record a read is about, as its `?1`: the record's id, or an
//! expression that finds it from another key (the job with a number, that
//! job's customer or item). A screen whose reads are keyed so can send them
//! with the lookup that would otherwise give the id, in the same round trip
//! on a server (views/job.rs: the open job waits twice, not three times).
//! A table module writes `WHERE job_id = {key}` with [`Key::sql`] and gives
//! the key as its parameters; an id converts into a key, so its other
//! callers are unchanged. Tests: tests/core/store/pg_round_trips.rs and every
//! test that opens a job, on both backends.

use super::value::{Params, Value, ValueRef};

/// `?1` and its value, or an expression of `?1` that yields the id.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    sql: &'static str,
    value: Value,
}

impl Key {
    /// The id `sql` finds from `value` (`sql` reads `?1`, yields one id or
    /// none, e.g. `(SELECT id FROM jobs WHERE number = ?1)`).
    pub fn found_by(sql: &'static str, value: Value) -> Key {
        Key { sql, value }
    }

    /// The key in a statement, to stand where the id would.
    pub fn sql(&self) -> &'static str {
        self.sql
    }
}

impl From<i64> for Key {
    fn from(id: i64) -> Key {
        Key {
            sql: "?1",
            value: Value::Int(id),
        }
    }
}

impl Params for Key {
    fn values(&self) -> Vec<ValueRef<'_>> {
        vec![self.value.as_ref()]
    }
}
