//! The generated shop's book and reminders: four in ten jobs of its last year
//! arrived from an appointment (booked the day before, state arrived, the job
//! linked), a few no-shows a day, today's and tomorrow's bookings, the next
//! two weeks; and the reminders its ten years of history imply. Written
//! through the store's own functions, as the app writes them.

use super::super::names::Seeded;
use super::Gen;
use crate::base::error::Result;
use crate::base::time::time_text;
use crate::model::appointment::AppointmentState;
use crate::store::{self, Db, Tx};
use chrono::{DateTime, Duration, Utc};

/// Bookings a day in the generated shop's book (today, and each day ahead).
pub const BOOKED_A_DAY: usize = 120;

fn book(tx: &Tx, customer: i64, item: i64, starts: DateTime<Utc>, counter: i64) -> Result<i64> {
    let (s, e) = (time_text(starts), time_text(starts + Duration::minutes(60)));
    let created = time_text(starts - Duration::days(1));
    store::appointments::insert(
        tx,
        &store::appointments::NewAppointment {
            customer_id: customer,
            item_id: item,
            starts_at: &s,
            ends_at: &e,
            day: &s[..10],
            minutes: 60,
            work: "Annual service",
            canned: &[],
            override_reason: None,
            moved_from: None,
            reminder_id: None,
            staff_id: counter,
            now: &created,
        },
    )
}

/// A job of the last year that came from a booking (four in ten).
#[allow(clippy::too_many_arguments)]
pub(super) fn arrived(
    tx: &Tx,
    r: &mut Seeded,
    now: DateTime<Utc>,
    counter: i64,
    job: i64,
    customer: i64,
    item: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    if at < now - Duration::days(365) || !r.chance(40) {
        return Ok(());
    }
    let id = book(tx, customer, item, at, counter)?;
    store::appointments::set_state(
        tx,
        id,
        AppointmentState::Arrived,
        None,
        Some(job),
        counter,
        &time_text(at),
    )
}

impl Gen {
    /// No-shows over the last year, the book ahead, and the reminders.
    pub(super) fn book(&mut self, db: &mut Db) -> Result<()> {
        let day0 = self
            .now
            .date_naive()
            .and_hms_opt(8, 30, 0)
            .unwrap_or_default()
            .and_utc();
        let tx = store::write_tx(db)?;
        for d in 1..=365 {
            for k in 0..4 {
                let at = day0 - Duration::days(d) + Duration::minutes(k * 90);
                let item = self.r.below(self.items.len());
                let owner = self.items[item].owner as i64 + 1;
                let id = book(&tx, owner, item as i64 + 1, at, self.counter)?;
                store::appointments::set_state(
                    &tx,
                    id,
                    AppointmentState::NoShow,
                    None,
                    None,
                    self.counter,
                    &time_text(at + Duration::hours(2)),
                )?;
            }
        }
        tx.commit()?;
        // Today and the next two weeks: each item booked once at most.
        let tx = store::write_tx(db)?;
        let mut n = 0usize;
        for d in 0..14i64 {
            for k in 0..BOOKED_A_DAY {
                let slot = (k % 18) as i64 * 30;
                let item = (n * 7919 + 13) % self.items.len();
                n += 1;
                let owner = self.items[item].owner as i64 + 1;
                let id = book(
                    &tx,
                    owner,
                    item as i64 + 1,
                    day0 + Duration::days(d) + Duration::minutes(slot),
                    self.counter,
                )?;
                if d == 0 && k % 3 == 0 {
                    store::appointments::set_state(
                        &tx,
                        id,
                        AppointmentState::Confirmed,
                        None,
                        None,
                        self.counter,
                        &time_text(day0 - Duration::hours(20)),
                    )?;
                }
            }
        }
        store::reminders::fill_from_history(&tx)?;
        tx.commit()?;
        Ok(())
    }
}
