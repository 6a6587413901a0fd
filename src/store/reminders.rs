//! SQL for `reminders`, `reminder_contacts` (append-only) and
//! `reminder_opt_outs` (for good). Rules: care/reminders.rs; tests
//! tests/core/care/reminders.rs and tests/core/views/reminder_list.rs.

use super::driver::read::{self, Reads};
use super::driver::OptionalExtension;
use super::Tx;
use crate::base::error::Result;
use crate::model::reminder::{ContactOutcome, ReminderKind};
use std::collections::{HashMap, HashSet};

pub struct NewReminder<'a> {
    pub kind: ReminderKind,
    pub item_id: i64,
    pub customer_id: i64,
    pub source_id: i64,
    pub due_on: &'a str,
    pub due_km: Option<i64>,
    pub now: &'a str,
}

/// Adds a reminder; one per source (a second one for the same job,
/// recommendation or card is ignored). Answers whether it was added.
pub fn insert(tx: &Tx, r: &NewReminder) -> Result<bool> {
    let n = tx.sql().execute(
        "INSERT OR IGNORE INTO reminders (kind, item_id, customer_id, source_id, due_on, due_km, state, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7)",
        crate::sql_params![
            crate::base::code::code_of(r.kind),
            r.item_id,
            r.customer_id,
            r.source_id,
            r.due_on,
            r.due_km,
            r.now
        ],
    )?;
    Ok(n == 1)
}

/// A stored reminder.
#[derive(Debug, Clone)]
pub struct StoredReminder {
    pub id: i64,
    pub kind: ReminderKind,
    pub item_id: i64,
    pub customer_id: i64,
    pub source_id: i64,
    pub due_on: String,
    pub due_km: Option<i64>,
    pub open: bool,
    pub contacts: u32,
    pub closed_why: Option<String>,
}

const COLUMNS: &str =
    "id, kind, item_id, customer_id, source_id, due_on, due_km, state, contacts, closed_why";

fn row(r: &super::driver::DbRow) -> super::driver::SqlResult<StoredReminder> {
    let kind: String = r.get(1)?;
    let state: String = r.get(7)?;
    Ok(StoredReminder {
        id: r.get(0)?,
        kind: crate::base::code::from_code(&kind).unwrap_or(ReminderKind::Service),
        item_id: r.get(2)?,
        customer_id: r.get(3)?,
        source_id: r.get(4)?,
        due_on: r.get(5)?,
        due_km: r.get(6)?,
        open: state == "open",
        contacts: r.get(8)?,
        closed_why: r.get(9)?,
    })
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<StoredReminder>> {
    Ok(tx
        .sql()
        .prepare_cached(&format!("SELECT {COLUMNS} FROM reminders WHERE id = ?1"))?
        .query_row([id], row)
        .optional()?)
}

/// Open reminders due after (`after_day`, `after_id`) up to the local day
/// `to`, earliest first, at most `limit`, leaving out card reminders due
/// before `cards_from` (their card has ended): one page of an index range
/// (`reminders_open`), the next page starting where this one ended. Left out
/// here rather than after reading, a page holds what the list can show, so
/// one page is usually all it reads.
pub fn open_due_after(
    tx: &Tx,
    after_day: &str,
    after_id: i64,
    to: &str,
    cards_from: &str,
    limit: i64,
) -> Result<Vec<StoredReminder>> {
    let list = tx
        .sql()
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM reminders WHERE state = 'open' AND due_on >= ?1 AND due_on <= ?3
               AND (due_on > ?1 OR id > ?2) AND (kind <> 'card' OR due_on >= ?5)
             ORDER BY due_on, id LIMIT ?4"
        ))?
        .query_map(
            crate::sql_params![after_day, after_id, to, limit, cards_from],
            row,
        )?
        .collect::<super::driver::SqlResult<_>>()?;
    Ok(list)
}

/// Open reminders of an item.
pub fn open_for_item(tx: &Tx, item_id: i64) -> Result<Vec<StoredReminder>> {
    let list = tx
        .sql()
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM reminders WHERE item_id = ?1 AND state = 'open' ORDER BY id"
        ))?
        .query_map([item_id], row)?
        .collect::<super::driver::SqlResult<_>>()?;
    Ok(list)
}

/// After a contact: the count, and either the next due day or closed with why.
pub fn after_contact(
    tx: &Tx,
    id: i64,
    contacts: u32,
    next_due: Option<&str>,
    closed_why: &str,
) -> Result<()> {
    match next_due {
        Some(d) => tx.sql().execute(
            "UPDATE reminders SET contacts = ?2, due_on = ?3 WHERE id = ?1",
            crate::sql_params![id, contacts, d],
        )?,
        None => tx.sql().execute(
            "UPDATE reminders SET contacts = ?2, state = 'closed', closed_why = ?3 WHERE id = ?1",
            crate::sql_params![id, contacts, closed_why],
        )?,
    };
    Ok(())
}

/// Closes card reminders whose card has ended (their check can no longer be
/// offered): those due before `before` (today less the days a check is
/// offered ahead). An index range over the open ones.
pub fn close_ended_cards(tx: &Tx, before: &str) -> Result<usize> {
    Ok(tx.sql().execute(
        "UPDATE reminders SET state = 'closed', closed_why = 'card_ended'
         WHERE state = 'open' AND due_on < ?1 AND kind = 'card'",
        [before],
    )?)
}

/// Moves an open reminder's due day (snooze).
pub fn snooze(tx: &Tx, id: i64, until: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE reminders SET due_on = ?2 WHERE id = ?1 AND state = 'open'",
        crate::sql_params![id, until],
    )?;
    Ok(())
}

/// Closes open reminders of an item of the kind given (a newer service
/// reminder replaces the older one), or of a customer (an opt-out).
pub fn close_open(tx: &Tx, filter: Closing, why: &str) -> Result<usize> {
    let (sql, id) = match filter {
        Closing::ServiceOfItem(id) => (
            "UPDATE reminders SET state = 'closed', closed_why = ?2 WHERE item_id = ?1 AND state = 'open' AND kind = 'service'",
            id,
        ),
        Closing::OfCustomer(id) => (
            "UPDATE reminders SET state = 'closed', closed_why = ?2 WHERE customer_id = ?1 AND state = 'open'",
            id,
        ),
        Closing::TakenUp(id) => (
            "UPDATE reminders SET state = 'closed', closed_why = ?2 WHERE item_id = ?1 AND state = 'open' AND kind = 'declined'
               AND source_id IN (SELECT id FROM recommendations WHERE item_id = ?1 AND status = 'taken_up')",
            id,
        ),
    };
    Ok(tx.sql().execute(sql, crate::sql_params![id, why])?)
}

pub enum Closing {
    ServiceOfItem(i64),
    OfCustomer(i64),
    /// The item's declined work since taken up on a later job.
    TakenUp(i64),
}

pub struct NewContact<'a> {
    pub reminder_id: i64,
    pub outcome: ContactOutcome,
    pub channel: &'a str,
    pub note: Option<&'a str>,
    pub appointment_id: Option<i64>,
    pub staff_id: i64,
    pub now: &'a str,
}

pub fn insert_contact(tx: &Tx, c: &NewContact) -> Result<i64> {
    tx.sql().execute(
        "INSERT INTO reminder_contacts (reminder_id, outcome, channel, note, appointment_id, staff_id, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        crate::sql_params![
            c.reminder_id,
            crate::base::code::code_of(c.outcome),
            c.channel,
            c.note,
            c.appointment_id,
            c.staff_id,
            c.now
        ],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

pub fn opted_out(tx: &Tx, customer_id: i64) -> Result<bool> {
    Ok(tx
        .sql()
        .prepare_cached("SELECT 1 FROM reminder_opt_outs WHERE customer_id = ?1")?
        .query_row([customer_id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn opt_out(
    tx: &Tx,
    customer_id: i64,
    staff_id: i64,
    note: Option<&str>,
    now: &str,
) -> Result<()> {
    tx.sql().execute(
        "INSERT OR IGNORE INTO reminder_opt_outs (customer_id, at, staff_id, note) VALUES (?1, ?2, ?3, ?4)",
        crate::sql_params![customer_id, now, staff_id, note],
    )?;
    Ok(())
}

/// Whether an item has a job still open (not handed over or cancelled).
pub fn item_has_open_job(tx: &Tx, item_id: i64) -> Result<bool> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT 1 FROM jobs WHERE item_id = ?1 AND state NOT IN ('delivered', 'cancelled') LIMIT 1",
        )?
        .query_row([item_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Whether an item has a booked or confirmed appointment.
pub fn item_has_booking(tx: &Tx, item_id: i64) -> Result<bool> {
    Ok(tx
        .sql()
        .prepare_cached(
            "SELECT 1 FROM appointments WHERE item_id = ?1 AND state IN ('booked', 'confirmed') LIMIT 1",
        )?
        .query_row([item_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// What the reminder list shows beside a reminder: the customer's name and
/// first phone, their preferred channel, the item, and what the reminder is
/// about (the last job's number, the declined work, or the card's number).
pub struct Shown {
    pub customer_name: String,
    pub phone: Option<String>,
    pub channel: String,
    pub item_label: String,
    pub about: String,
}

/// What the list shows beside each of the reminders `ids`, a query per 256
/// reminders, as a read to run with others (the list's odometer histories).
pub fn shown_read(ids: &[i64]) -> impl Reads<Out = HashMap<i64, Shown>> + 'static {
    read::of_ids(
        ids,
        &[],
        |ids| {
            // Scalar lookups by key, row by row: an index probe each, whatever
            // the shop's size (a join here may be planned as a scan of items).
            format!(
                "SELECT r.id,
                   (SELECT c.name FROM customers c WHERE c.id = r.customer_id),
                   (SELECT phone FROM customer_phones p WHERE p.customer_id = r.customer_id ORDER BY position LIMIT 1),
                   COALESCE((SELECT channel FROM contact_preferences cp WHERE cp.customer_id = r.customer_id), 'phone'),
                   (SELECT COALESCE(i.plate, i.serial, '') || ' ' || COALESCE(i.make, i.brand, '') || ' ' || COALESCE(i.model, i.category, '')
                      FROM items i WHERE i.id = r.item_id),
                   CASE r.kind WHEN 'service' THEN (SELECT number FROM jobs WHERE id = r.source_id)
                           WHEN 'declined' THEN (SELECT description FROM recommendations WHERE id = r.source_id)
                           ELSE (SELECT number FROM guarantee_cards WHERE id = r.source_id) END
                 FROM reminders r
                 WHERE r.id IN ({ids})"
            )
        },
        |row| {
            let label: String = row.get::<_, Option<String>>(4)?.unwrap_or_default();
            Ok((
                row.get::<_, i64>(0)?,
                Shown {
                    customer_name: row.get(1)?,
                    phone: row.get(2)?,
                    channel: row.get(3)?,
                    item_label: label.split_whitespace().collect::<Vec<_>>().join(" "),
                    about: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
                },
            ))
        },
    )
    .then(|found| Ok(found.into_iter().collect()))
}

/// Which of `reminders` are held back from the list: the customer opted
/// out, or the item has an open job or a booking. Asked of the customers and
/// items the reminders carry, rather than of the reminders again (which read
/// each one's row three times over: half of what this asked the server), the
/// three questions in one round trip on a server, a query per 256 of each.
pub fn held_back(tx: &Tx, reminders: &[StoredReminder]) -> Result<HashSet<i64>> {
    let customers = distinct(reminders.iter().map(|r| r.customer_id));
    let items = distinct(reminders.iter().map(|r| r.item_id));
    let (opted_out, open_job, booked) = tx.together((
        ids_where(&customers, |ids| {
            format!("SELECT customer_id FROM reminder_opt_outs WHERE customer_id IN ({ids})")
        }),
        ids_where(&items, |ids| {
            format!(
                "SELECT item_id FROM jobs
                  WHERE item_id IN ({ids}) AND state NOT IN ('delivered', 'cancelled')"
            )
        }),
        ids_where(&items, |ids| {
            format!(
                "SELECT item_id FROM appointments
                  WHERE item_id IN ({ids}) AND state IN ('booked', 'confirmed')"
            )
        }),
    ))?;
    Ok(reminders
        .iter()
        .filter(|r| {
            opted_out.contains(&r.customer_id)
                || open_job.contains(&r.item_id)
                || booked.contains(&r.item_id)
        })
        .map(|r| r.id)
        .collect())
}

/// Each id once, in order.
fn distinct(ids: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut seen = HashSet::new();
    ids.filter(|id| seen.insert(*id)).collect()
}

/// Which of `ids` a query of them answers (its first column).
fn ids_where(
    ids: &[i64],
    sql: impl Fn(&str) -> String,
) -> impl Reads<Out = HashSet<i64>> + 'static {
    read::of_ids(ids, &[], sql, |r| r.get::<_, i64>(0))
        .then(|found| Ok(found.into_iter().collect()))
}

/// The reminders ten years of history imply (the benchmark's generated shop;
/// the schema 9 migration runs the same statement).
pub fn fill_from_history(tx: &Tx) -> Result<()> {
    Ok(super::reminder_sql::fill_from_history(tx.sql())?)
}
