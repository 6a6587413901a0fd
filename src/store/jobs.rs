//! SQL for `jobs` and `promise_changes`.

use super::driver::read::{self, Read, Reads};
use super::driver::{DbRow as Row, OptionalExtension, Value};
use super::{Key, Tx};
use crate::base::error::Result;
use crate::base::totals::JobDiscount;
use crate::model::job::{Job, JobState, JobSummary};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const JOB_COLUMNS: &str = "id, number, customer_id, item_id, odometer_in, complaint, requested_work,
    promised_at, state, cancel_reason, discount_bp, discount_amount, estimate_valid_until, created_at, created_by,
    repair_category, odometer_out, completed_at, delivered_at, claim_card_id";

fn job_from_row(r: &Row) -> super::driver::SqlResult<Job> {
    let state: String = r.get(8)?;
    Ok(Job {
        id: r.get(0)?,
        number: r.get(1)?,
        customer_id: r.get(2)?,
        item_id: r.get(3)?,
        odometer_in: r.get(4)?,
        complaint: r.get(5)?,
        requested_work: r.get(6)?,
        promised_at: r.get(7)?,
        state: JobState::parse(&state).unwrap_or(JobState::Received),
        cancel_reason: r.get(9)?,
        discount_bp: r.get(10)?,
        discount_amount: r.get(11)?,
        estimate_valid_until: r.get(12)?,
        created_at: r.get(13)?,
        created_by: r.get(14)?,
        repair_category: r
            .get::<_, Option<String>>(15)?
            .as_deref()
            .and_then(crate::model::guarantee_terms::RepairCategory::parse),
        odometer_out: r.get(16)?,
        completed_at: r.get(17)?,
        delivered_at: r.get(18)?,
        claim_card_id: r.get(19)?,
    })
}

pub struct NewJob<'a> {
    pub number: &'a str,
    pub customer_id: i64,
    pub item_id: i64,
    pub odometer_in: Option<i64>,
    pub complaint: &'a str,
    pub requested_work: Option<&'a str>,
    pub promised_at: Option<&'a str>,
    pub now: &'a str,
    pub staff_id: i64,
}

pub fn insert(tx: &Tx, j: &NewJob) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO jobs (number, customer_id, item_id, odometer_in, complaint, requested_work,
         promised_at, state, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'received', ?8, ?9)",
        crate::sql_params![
            j.number, j.customer_id, j.item_id, j.odometer_in, j.complaint, j.requested_work,
            j.promised_at, j.now, j.staff_id
        ],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn by_number(tx: &Tx, number: &str) -> Result<Option<Job>> {
    tx.together(by_number_read(number))
}

/// [`by_number`] as a read to run with others (the open job: with the reads
/// keyed by [`key_of_number`], in one round trip).
pub fn by_number_read(number: &str) -> Read<'static, Option<Job>> {
    Read::first(
        format!("SELECT {JOB_COLUMNS} FROM jobs WHERE number = ?1"),
        [number.to_string()],
        job_from_row,
    )
}

/// The job with `number`, as the key of reads about it (store/driver/key.rs).
pub fn key_of_number(number: &str) -> Key {
    found_by_number("(SELECT id FROM jobs WHERE number = ?1)", number)
}

/// The customer of the job with `number`, as a key.
pub fn customer_key_of_number(number: &str) -> Key {
    found_by_number("(SELECT customer_id FROM jobs WHERE number = ?1)", number)
}

/// The item of the job with `number`, as a key.
pub fn item_key_of_number(number: &str) -> Key {
    found_by_number("(SELECT item_id FROM jobs WHERE number = ?1)", number)
}

fn found_by_number(sql: &'static str, number: &str) -> Key {
    Key::found_by(sql, Value::Text(number.to_string()))
}

pub fn by_id(tx: &Tx, id: i64) -> Result<Option<Job>> {
    Ok(tx
        .sql()
        .prepare_cached(&format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?1"))?
        .query_row([id], job_from_row)
        .optional()?)
}

/// The jobs with `ids`, in one round trip per 256 (in no set order).
pub fn by_ids(tx: &Tx, ids: &[i64]) -> Result<Vec<Job>> {
    tx.together(by_ids_read(ids))
}

/// The jobs `ids` (one query per 256, in no set order).
pub fn by_ids_read(ids: &[i64]) -> impl Reads<Out = Vec<Job>> {
    read::of_ids(
        ids,
        &[],
        |ids| format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id IN ({ids})"),
        job_from_row,
    )
}

/// Each of `ids`' own discount, as the totals need it (the board's amounts:
/// its cards carry the rest of the job already), one query per 256.
pub fn discounts_read(ids: &[i64]) -> impl Reads<Out = HashMap<i64, JobDiscount>> {
    read::of_ids(
        ids,
        &[],
        |ids| format!("SELECT id, discount_bp, discount_amount FROM jobs WHERE id IN ({ids})"),
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                JobDiscount {
                    bp: r.get(1)?,
                    amount: r.get(2)?,
                },
            ))
        },
    )
    .then(|rows| Ok(rows.into_iter().collect()))
}

pub fn set_state(tx: &Tx, id: i64, state: JobState) -> Result<()> {
    tx.sql().execute(
        "UPDATE jobs SET state = ?2 WHERE id = ?1",
        (id, state.code()),
    )?;
    Ok(())
}

pub fn set_cancel_reason(tx: &Tx, id: i64, reason: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE jobs SET cancel_reason = ?2 WHERE id = ?1",
        (id, reason),
    )?;
    Ok(())
}

pub fn set_discount(tx: &Tx, id: i64, bp: i64, amount: i64) -> Result<()> {
    tx.sql().execute(
        "UPDATE jobs SET discount_bp = ?2, discount_amount = ?3 WHERE id = ?1",
        (id, bp, amount),
    )?;
    Ok(())
}

pub fn set_estimate_valid_until(tx: &Tx, id: i64, until: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE jobs SET estimate_valid_until = ?2 WHERE id = ?1",
        (id, until),
    )?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema, ts_rs::TS)]
pub struct PromiseChange {
    pub old_at: Option<String>,
    pub new_at: String,
    pub reason: String,
    pub customer_told: bool,
    pub staff_id: i64,
    pub at: String,
}

pub fn change_promise(tx: &Tx, job_id: i64, c: &PromiseChange) -> Result<()> {
    tx.sql().execute(
        "INSERT INTO promise_changes (job_id, old_at, new_at, reason, customer_told, staff_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            job_id,
            &c.old_at,
            &c.new_at,
            &c.reason,
            c.customer_told,
            c.staff_id,
            &c.at,
        ),
    )?;
    tx.sql().execute(
        "UPDATE jobs SET promised_at = ?2 WHERE id = ?1",
        (job_id, &c.new_at),
    )?;
    Ok(())
}

pub fn promise_changes(tx: &Tx, job_id: i64) -> Result<Vec<PromiseChange>> {
    tx.together(promise_changes_read(job_id))
}

pub fn promise_changes_read(job: impl Into<Key>) -> Read<'static, Vec<PromiseChange>> {
    let job = job.into();
    Read::all(
        format!(
            "SELECT old_at, new_at, reason, customer_told, staff_id, at FROM promise_changes
             WHERE job_id = {} ORDER BY id",
            job.sql()
        ),
        job,
        |r| {
            Ok(PromiseChange {
                old_at: r.get(0)?,
                new_at: r.get(1)?,
                reason: r.get(2)?,
                customer_told: r.get(3)?,
                staff_id: r.get(4)?,
                at: r.get(5)?,
            })
        },
    )
}

const SUMMARY_SELECT: &str = "SELECT j.id, j.number, j.state, j.customer_id, c.name, j.item_id,
    COALESCE(i.plate, i.vin, '') || ' ' || COALESCE(i.make, i.brand, '') || ' ' || COALESCE(i.model, ''),
    j.complaint, j.promised_at, j.created_at
    FROM jobs j JOIN customers c ON c.id = j.customer_id JOIN items i ON i.id = j.item_id";

/// Job summaries; `now` decides which are overdue.
fn summaries(
    tx: &Tx,
    filter: &str,
    params: impl super::driver::Params,
    now: &str,
) -> Result<Vec<JobSummary>> {
    tx.together(summaries_read(filter, params, now))
}

fn summaries_read(
    filter: &str,
    params: impl super::driver::Params,
    now: &str,
) -> Read<'static, Vec<JobSummary>> {
    let now = now.to_string();
    Read::all(format!("{SUMMARY_SELECT} {filter}"), params, move |r| {
        summary_from_row(r, &now)
    })
}

/// A row of [`SUMMARY_SELECT`]; `now` decides whether the job is overdue.
fn summary_from_row(r: &Row<'_>, now: &str) -> super::driver::SqlResult<JobSummary> {
    let state: String = r.get(2)?;
    let state = JobState::parse(&state).unwrap_or(JobState::Received);
    let promised: Option<String> = r.get(8)?;
    let label: String = r.get(6)?;
    Ok(JobSummary {
        id: r.get(0)?,
        number: r.get(1)?,
        overdue: state.is_open() && promised.as_deref().is_some_and(|p| p < now),
        state,
        customer_id: r.get(3)?,
        customer_name: r.get(4)?,
        item_id: r.get(5)?,
        item_label: label.split_whitespace().collect::<Vec<_>>().join(" "),
        complaint: r.get(7)?,
        promised_at: promised,
        created_at: r.get(9)?,
    })
}

pub fn summaries_for_customer(tx: &Tx, customer_id: i64, limit: i64) -> Result<Vec<JobSummary>> {
    summaries(
        tx,
        "WHERE j.customer_id = ?1 ORDER BY j.created_at DESC, j.id DESC LIMIT ?2",
        (customer_id, limit),
        "",
    )
}

pub fn summaries_for_item(tx: &Tx, item_id: i64, limit: i64) -> Result<Vec<JobSummary>> {
    summaries(
        tx,
        "WHERE j.item_id = ?1 ORDER BY j.created_at DESC, j.id DESC LIMIT ?2",
        (item_id, limit),
        "",
    )
}

pub fn summary(tx: &Tx, id: i64, now: &str) -> Result<Option<JobSummary>> {
    Ok(summaries(tx, "WHERE j.id = ?1", [id], now)?
        .into_iter()
        .next())
}

/// The summaries of the jobs `ids` (a query per 256, in no set order), as a
/// read to run with others (the search describes its hits in one round trip).
pub fn summaries_of_read(ids: &[i64], now: &str) -> impl Reads<Out = Vec<JobSummary>> {
    let now = now.to_string();
    read::of_ids(
        ids,
        &[],
        |ids| format!("{SUMMARY_SELECT} WHERE j.id IN ({ids})"),
        move |r| summary_from_row(r, &now),
    )
}

/// Jobs in each of `states`, at most `limit` of each, soonest promise first
/// within a state (the board's columns), in one statement: a limited read
/// of each state's index, so a state that piles up (invoices never
/// collected) costs no more than `limit` rows.
pub fn in_states(tx: &Tx, states: &[JobState], now: &str, limit: i64) -> Result<Vec<JobSummary>> {
    tx.together(in_states_read(states, now, limit))
}

pub fn in_states_read(
    states: &[JobState],
    now: &str,
    limit: i64,
) -> Read<'static, Vec<JobSummary>> {
    // NULLS LAST rather than `promised_at IS NULL` first: the same order,
    // which PostgreSQL reads straight off the (state, promised_at) index.
    // The states are written into the text (`code_literal`): a plan for
    // "some state" joins every customer, one for these few open ones joins
    // theirs; the server keeps it, not planning the board afresh each time.
    let picks = states
        .iter()
        .enumerate()
        .map(|(i, state)| {
            format!(
                "SELECT id FROM (SELECT id FROM jobs WHERE state = {}
                  ORDER BY promised_at NULLS LAST, id LIMIT ?1) AS s{i}",
                super::driver::code_literal(state.code())
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let picks = if picks.is_empty() {
        "SELECT id FROM jobs WHERE ?1 < 0".to_string()
    } else {
        picks
    };
    summaries_read(
        &format!("WHERE j.id IN ({picks}) ORDER BY j.promised_at NULLS LAST, j.id"),
        [limit],
        now,
    )
}

/// Jobs received in a period, for an export: number, state, customer, item
/// (plate, VIN or serial), odometer in, complaint, promised, received, the
/// invoice's number and total when issued, cancel reason.
pub fn export(tx: &Tx, from: &str, to: &str) -> Result<Vec<crate::model::sheet::Row>> {
    use super::sheet::Kind::*;
    super::sheet::rows(
        tx,
        "SELECT j.number, j.state, c.name, coalesce(i.plate, i.vin, i.serial, i.model), j.odometer_in,
                j.complaint, j.promised_at, j.created_at, v.number, v.total, j.cancel_reason
         FROM jobs j JOIN customers c ON c.id = j.customer_id JOIN items i ON i.id = j.item_id
         LEFT JOIN invoices v ON v.job_id = j.id
         WHERE j.created_at >= ?1 AND j.created_at < ?2 ORDER BY j.id",
        from,
        to,
        &[Text, Text, Text, Text, Int, Text, Time, Time, Text, Money, Text],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_finds_and_summarises() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::write_tx(&mut conn).unwrap();
        let s = crate::store::staff::insert(&tx, "A", &[crate::model::staff::Role::Counter], "t")
            .unwrap();
        tx.sql().execute_batch(&format!(
            "INSERT INTO customers (kind, name, created_at, created_by) VALUES ('person','王小明','t',{s});
             INSERT INTO items (kind, owner_id, plate, make, model, created_at) VALUES ('vehicle',1,'粤B1','Toyota','Corolla','t');"
        ))
        .unwrap();
        let id = insert(
            &tx,
            &NewJob {
                number: "J1",
                customer_id: 1,
                item_id: 1,
                odometer_in: Some(5),
                complaint: "noise",
                requested_work: None,
                promised_at: Some("2026-01-02T10:00:00Z"),
                now: "2026-01-01T00:00:00Z",
                staff_id: s,
            },
        )
        .unwrap();
        assert_eq!(by_number(&tx, "J1").unwrap().unwrap().id, id);
        set_state(&tx, id, JobState::Inspected).unwrap();
        let late = in_states(&tx, &[JobState::Inspected], "2026-01-03T00:00:00Z", 10).unwrap();
        assert_eq!(late[0].item_label, "粤B1 Toyota Corolla");
        assert!(late[0].overdue);
        assert!(
            !in_states(&tx, &[JobState::Inspected], "2026-01-01T00:00:00Z", 10).unwrap()[0].overdue
        );
        change_promise(
            &tx,
            id,
            &PromiseChange {
                old_at: Some("2026-01-02T10:00:00Z".into()),
                new_at: "2026-01-05T10:00:00Z".into(),
                reason: "part late".into(),
                customer_told: true,
                staff_id: s,
                at: "t".into(),
            },
        )
        .unwrap();
        assert_eq!(
            by_id(&tx, id).unwrap().unwrap().promised_at.as_deref(),
            Some("2026-01-05T10:00:00Z")
        );
        assert_eq!(promise_changes(&tx, id).unwrap().len(), 1);
        assert_eq!(summaries_for_customer(&tx, 1, 10).unwrap().len(), 1);
    }
}
