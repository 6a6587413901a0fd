//! SQL for `appointments` (kept for good; a settled one never changes) and
//! the workshop load the capacity rule weighs a booking against.
//! Rules: care/appointments.rs; tests tests/core/care/appointments.rs.

use super::driver::read::Read;
use super::driver::OptionalExtension;
use super::{Key, Tx};
use crate::base::error::Result;
use crate::model::appointment::{Appointment, AppointmentState};

pub struct NewAppointment<'a> {
    pub customer_id: i64,
    pub item_id: i64,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
    pub day: &'a str,
    pub minutes: u32,
    pub work: &'a str,
    pub canned: &'a [i64],
    pub override_reason: Option<&'a str>,
    pub moved_from: Option<i64>,
    pub reminder_id: Option<i64>,
    pub staff_id: i64,
    pub now: &'a str,
}

pub fn insert(tx: &Tx, a: &NewAppointment) -> Result<i64> {
    let canned = serde_json::to_string(a.canned).unwrap_or_else(|_| "[]".into());
    tx.sql().execute(
        "INSERT INTO appointments (customer_id, item_id, starts_at, ends_at, day, minutes, work, canned, state,
            override_reason, moved_from, reminder_id, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'booked', ?9, ?10, ?11, ?12, ?13)",
        crate::sql_params![
            a.customer_id,
            a.item_id,
            a.starts_at,
            a.ends_at,
            a.day,
            a.minutes,
            a.work,
            canned,
            a.override_reason,
            a.moved_from,
            a.reminder_id,
            a.now,
            a.staff_id
        ],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

/// Changes an appointment's state, with why and who (the store's trigger
/// refuses a change to a settled one).
pub fn set_state(
    tx: &Tx,
    id: i64,
    state: AppointmentState,
    reason: Option<&str>,
    job_id: Option<i64>,
    staff_id: i64,
    now: &str,
) -> Result<()> {
    tx.sql().execute(
        "UPDATE appointments SET state = ?2, reason = COALESCE(?3, reason), job_id = COALESCE(?4, job_id),
            changed_at = ?5, changed_by = ?6 WHERE id = ?1",
        crate::sql_params![
            id,
            crate::base::code::code_of(state),
            reason,
            job_id,
            now,
            staff_id
        ],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT a.id, a.customer_id, c.name,
    (SELECT phone FROM customer_phones p WHERE p.customer_id = a.customer_id ORDER BY position LIMIT 1),
    a.item_id, COALESCE(i.plate, i.serial, '') || ' ' || COALESCE(i.make, i.brand, '') || ' ' || COALESCE(i.model, i.category, ''),
    a.starts_at, a.ends_at, a.day, a.minutes, a.work, a.canned, a.state, a.reason, a.override_reason,
    a.moved_from, a.reminder_id, a.job_id, j.number, a.created_at, a.created_by, i.kind = 'vehicle'
    FROM appointments a JOIN customers c ON c.id = a.customer_id JOIN items i ON i.id = a.item_id
    LEFT JOIN jobs j ON j.id = a.job_id";

fn row(r: &super::driver::DbRow) -> super::driver::SqlResult<Appointment> {
    let label: String = r.get(5)?;
    let canned: String = r.get(11)?;
    let state: String = r.get(12)?;
    Ok(Appointment {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        customer_name: r.get(2)?,
        phone: r.get(3)?,
        item_id: r.get(4)?,
        item_label: label.split_whitespace().collect::<Vec<_>>().join(" "),
        is_vehicle: r.get(21)?,
        starts_at: r.get(6)?,
        ends_at: r.get(7)?,
        day: r.get(8)?,
        minutes: r.get(9)?,
        work: r.get(10)?,
        canned_job_ids: serde_json::from_str(&canned).unwrap_or_default(),
        state: crate::base::code::from_code(&state).unwrap_or(AppointmentState::Booked),
        reason: r.get(13)?,
        override_reason: r.get(14)?,
        moved_from: r.get(15)?,
        reminder_id: r.get(16)?,
        job_id: r.get(17)?,
        job_number: r.get(18)?,
        created_at: r.get(19)?,
        created_by: r.get(20)?,
    })
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<Appointment>> {
    Ok(tx
        .sql()
        .prepare_cached(&format!("{SELECT} WHERE a.id = ?1"))?
        .query_row([id], row)
        .optional()?)
}

/// The booking a job arrived from, if any.
pub fn for_job(tx: &Tx, job_id: i64) -> Result<Option<Appointment>> {
    tx.together(for_job_read(job_id))
}

pub fn for_job_read(job: impl Into<Key>) -> Read<'static, Option<Appointment>> {
    let job = job.into();
    Read::first(format!("{SELECT} WHERE a.job_id = {}", job.sql()), job, row)
}

/// Every appointment on the local days `[from, to]`, by start time (all states:
/// the book shows what was cancelled and moved too).
pub fn on_days(tx: &Tx, from: &str, to: &str, limit: i64) -> Result<Vec<Appointment>> {
    tx.together(on_days_read(from, to, limit))
}

/// [`on_days`] as a read to run with others.
pub fn on_days_read(from: &str, to: &str, limit: i64) -> Read<'static, Vec<Appointment>> {
    Read::all(
        format!("{SELECT} WHERE a.day >= ?1 AND a.day <= ?2 ORDER BY a.starts_at, a.id LIMIT ?3"),
        crate::sql_params![from, to, limit],
        row,
    )
}

/// A day's appointments still only booked (the call the day before confirms
/// them), earliest first, at most `limit`.
pub fn booked_on_day_read(day: &str, limit: i64) -> Read<'static, Vec<Appointment>> {
    Read::all(
        format!(
            "{SELECT} WHERE a.day = ?1 AND a.state = 'booked' ORDER BY a.starts_at, a.id LIMIT ?2"
        ),
        crate::sql_params![day, limit],
        row,
    )
}

/// How many of a day's appointments are still only booked.
pub fn count_booked_on_day_read(day: &str) -> Read<'static, i64> {
    Read::one(
        "SELECT count(*) FROM appointments WHERE day = ?1 AND state = 'booked'",
        crate::sql_params![day],
        |r| r.get(0),
    )
}

/// The booked and confirmed appointments of an item (at most a few).
pub fn holding_for_item(tx: &Tx, item_id: i64) -> Result<Vec<Appointment>> {
    let list = tx
        .sql()
        .prepare_cached(&format!(
            "{SELECT} WHERE a.item_id = ?1 AND a.state IN ('booked', 'confirmed') ORDER BY a.starts_at"
        ))?
        .query_map([item_id], row)?
        .collect::<super::driver::SqlResult<_>>()?;
    Ok(list)
}

/// Slots held on a day by booked and confirmed appointments: `[starts, ends)`
/// and minutes, leaving out `except` (the one being moved).
pub fn held_on_day(tx: &Tx, day: &str, except: i64) -> Result<Vec<(String, String, i64)>> {
    let list = tx
        .sql()
        .prepare_cached(
            "SELECT starts_at, ends_at, minutes FROM appointments
             WHERE day = ?1 AND state IN ('booked', 'confirmed') AND id <> ?2",
        )?
        .query_map(crate::sql_params![day, except], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<super::driver::SqlResult<_>>()?;
    Ok(list)
}

/// The workshop's open jobs (received, not yet through the quality check):
/// each one's promise, and its approved labour minutes not yet done.
pub fn workshop_jobs(tx: &Tx) -> Result<Vec<(Option<String>, i64)>> {
    let list = tx
        .sql()
        .prepare_cached(
            "SELECT j.promised_at,
               COALESCE((SELECT sum(l.approved_quantity) * 60 / 1000 FROM estimate_lines l
                 WHERE l.job_id = j.id AND l.status = 'approved' AND l.kind = 'labour' AND l.work_state <> 'done'), 0)
             FROM jobs j WHERE j.state IN ('received', 'inspected', 'estimated', 'awaiting_approval',
               'approved', 'in_work', 'waiting_parts', 'quality_check')",
        )?
        .query_map((), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<super::driver::SqlResult<_>>()?;
    Ok(list)
}

/// Counts per state of appointments on the local days `[from, to]` (the KPIs).
pub fn state_counts(tx: &Tx, from: &str, to: &str) -> Result<Vec<(String, i64)>> {
    let list = tx
        .sql()
        .prepare_cached(
            "SELECT state, count(*) FROM appointments WHERE day >= ?1 AND day <= ?2 GROUP BY state",
        )?
        .query_map((from, to), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<super::driver::SqlResult<_>>()?;
    Ok(list)
}
