//! SQL for `callbacks` and `callback_attempts` (attempts append-only).
//! Rules: care/callbacks.rs; tests tests/core/care/callbacks.rs.

use super::driver::read::{self, Read, Reads};
use super::driver::OptionalExtension;
use super::Tx;
use crate::base::error::Result;
use crate::model::callback::{Attempt, Callback, CallbackState, Outcome, Purpose};
use std::collections::HashMap;

pub struct NewCallback<'a> {
    pub job_id: i64,
    pub customer_id: i64,
    pub purpose: Purpose,
    pub complaint_id: Option<i64>,
    pub due_at: &'a str,
    pub due_until: &'a str,
    pub expires_at: &'a str,
    pub now: &'a str,
}

pub fn insert(tx: &Tx, c: &NewCallback) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO callbacks (job_id, customer_id, purpose, complaint_id, due_at, due_until, expires_at, state, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8)",
        crate::sql_params![
            c.job_id,
            c.customer_id,
            crate::base::code::code_of(c.purpose),
            c.complaint_id,
            c.due_at,
            c.due_until,
            c.expires_at,
            c.now
        ],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

const COLUMNS: &str = "id, job_id, customer_id, purpose, complaint_id, due_at, due_until, expires_at, state, closed_at";

fn row(r: &super::driver::DbRow) -> super::driver::SqlResult<Callback> {
    Ok(Callback {
        id: r.get(0)?,
        job_id: r.get(1)?,
        customer_id: r.get(2)?,
        purpose: crate::base::code::from_code(&r.get::<_, String>(3)?).unwrap_or(Purpose::FollowUp),
        complaint_id: r.get(4)?,
        due_at: r.get(5)?,
        due_until: r.get(6)?,
        expires_at: r.get(7)?,
        state: CallbackState::parse(&r.get::<_, String>(8)?),
        attempts: Vec::new(),
        closed_at: r.get(9)?,
    })
}

fn with_attempts(tx: &Tx, mut c: Callback) -> Result<Callback> {
    c.attempts = attempts(tx, c.id)?;
    Ok(c)
}

/// A list of callbacks with their attempts, read for all of them at once.
fn all_with_attempts(tx: &Tx, mut list: Vec<Callback>) -> Result<Vec<Callback>> {
    let ids: Vec<i64> = list.iter().map(|c| c.id).collect();
    let mut attempts = attempts_of(tx, &ids)?;
    for c in &mut list {
        c.attempts = attempts.remove(&c.id).unwrap_or_default();
    }
    Ok(list)
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<Callback>> {
    let c = tx
        .sql()
        .prepare_cached(&format!("SELECT {COLUMNS} FROM callbacks WHERE id = ?1"))?
        .query_row([id], row)
        .optional()?;
    c.map(|c| with_attempts(tx, c)).transpose()
}

pub fn for_job(tx: &Tx, job_id: i64) -> Result<Vec<Callback>> {
    let list: Vec<Callback> = tx
        .sql()
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM callbacks WHERE job_id = ?1 ORDER BY id"
        ))?
        .query_map([job_id], row)?
        .collect::<super::driver::SqlResult<_>>()?;
    all_with_attempts(tx, list)
}

/// Open callbacks due before `until` and not yet past their limit at `now`,
/// oldest first (the calls list), at most `limit`; without their attempts
/// ([`attempts_of_read`] reads them).
pub fn open_due_read(until: &str, now: &str, limit: i64) -> Read<'static, Vec<Callback>> {
    Read::all(
        format!(
            "SELECT {COLUMNS} FROM callbacks WHERE state = 'open' AND due_at < ?1 AND expires_at >= ?2
             ORDER BY due_at, id LIMIT ?3"
        ),
        crate::sql_params![until, now, limit],
        row,
    )
}

/// How many open callbacks are due before `until` and not past their limit.
pub fn count_due_read(until: &str, now: &str) -> Read<'static, i64> {
    Read::one(
        "SELECT count(*) FROM callbacks WHERE state = 'open' AND due_at < ?1 AND expires_at >= ?2",
        crate::sql_params![until, now],
        |r| r.get(0),
    )
}

/// Callbacks missed since `since` (their limit passed unreached), newest
/// first, at most `limit`; without their attempts.
pub fn missed_since_read(since: &str, now: &str, limit: i64) -> Read<'static, Vec<Callback>> {
    Read::all(
        format!(
            "SELECT {COLUMNS} FROM callbacks
             WHERE state IN ('missed', 'open') AND expires_at >= ?1 AND expires_at < ?2
             ORDER BY expires_at DESC LIMIT ?3"
        ),
        crate::sql_params![since, now, limit],
        row,
    )
}

/// Marks open callbacks past their limit as missed (run at each handover, so
/// the open set stays the few days' worth the calls list reads).
pub fn sweep_missed(tx: &Tx, now: &str) -> Result<usize> {
    Ok(tx.sql().execute(
        "UPDATE callbacks SET state = 'missed', closed_at = expires_at WHERE state = 'open' AND expires_at < ?1",
        [now],
    )?)
}

pub fn open_for_customer(tx: &Tx, customer_id: i64) -> Result<Vec<i64>> {
    Ok(tx
        .sql()
        .prepare_cached("SELECT id FROM callbacks WHERE customer_id = ?1 AND state = 'open'")?
        .query_map([customer_id], |r| r.get(0))?
        .collect::<super::driver::SqlResult<_>>()?)
}

pub fn open_for_complaint(tx: &Tx, complaint_id: i64) -> Result<Vec<i64>> {
    Ok(tx
        .sql()
        .prepare_cached("SELECT id FROM callbacks WHERE complaint_id = ?1 AND state = 'open'")?
        .query_map([complaint_id], |r| r.get(0))?
        .collect::<super::driver::SqlResult<_>>()?)
}

pub fn set_due(tx: &Tx, id: i64, due_at: &str, due_until: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE callbacks SET due_at = ?2, due_until = ?3 WHERE id = ?1",
        (id, due_at, due_until),
    )?;
    Ok(())
}

pub fn close(tx: &Tx, id: i64, state: CallbackState, at: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE callbacks SET state = ?2, closed_at = ?3 WHERE id = ?1",
        (id, state.code(), at),
    )?;
    Ok(())
}

pub fn add_attempt(tx: &Tx, callback_id: i64, a: &Attempt) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO callback_attempts (callback_id, at, staff_id, outcome, call_back_at, comment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        crate::sql_params![
            callback_id,
            a.at,
            a.staff_id,
            a.outcome.code(),
            a.call_back_at,
            a.comment
        ],
    )?;
    Ok(())
}

pub fn attempts(tx: &Tx, callback_id: i64) -> Result<Vec<Attempt>> {
    Ok(attempts_of(tx, &[callback_id])?
        .remove(&callback_id)
        .unwrap_or_default())
}

/// The attempts of each of `ids`, oldest first (one round trip per 256).
pub fn attempts_of(tx: &Tx, ids: &[i64]) -> Result<HashMap<i64, Vec<Attempt>>> {
    tx.together(attempts_of_read(ids))
}

/// The attempts of callbacks `ids`, each callback's in the order made (one
/// query per 256; none for no ids).
pub fn attempts_of_read(ids: &[i64]) -> impl Reads<Out = HashMap<i64, Vec<Attempt>>> {
    read::of_ids(
        ids,
        &[],
        |ids| {
            format!(
                "SELECT callback_id, at, staff_id, outcome, call_back_at, comment FROM callback_attempts
                 WHERE callback_id IN ({ids}) ORDER BY callback_id, id"
            )
        },
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Attempt {
                    at: r.get(1)?,
                    staff_id: r.get(2)?,
                    outcome: Outcome::parse(&r.get::<_, String>(3)?),
                    call_back_at: r.get(4)?,
                    comment: r.get(5)?,
                },
            ))
        },
    )
    .then(|rows| {
        let mut found: HashMap<i64, Vec<Attempt>> = HashMap::new();
        for (id, attempt) in rows {
            found.entry(id).or_default().push(attempt);
        }
        Ok(found)
    })
}

/// Follow-ups by state (open ones past expiry count as missed) for handovers in
/// [from, to) — a follow-up is made at its handover — as (reached,
/// unreachable, missed, open, cancelled).
pub fn follow_up_counts(tx: &Tx, from: &str, to: &str, now: &str) -> Result<[i64; 5]> {
    let mut out = [0i64; 5];
    let mut st = tx.sql().prepare_cached(
        "SELECT CASE WHEN c.state = 'open' AND c.expires_at < ?3 THEN 'missed' ELSE c.state END AS s, count(*)
         FROM callbacks c
         WHERE c.purpose = 'follow_up' AND c.created_at >= ?1 AND c.created_at < ?2 GROUP BY s",
    )?;
    let rows = st.query_map((from, to, now), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })?;
    for r in rows {
        let (s, n) = r?;
        let i = match s.as_str() {
            "reached" => 0,
            "unreachable" => 1,
            "missed" => 2,
            "open" => 3,
            _ => 4,
        };
        out[i] += n;
    }
    Ok(out)
}
