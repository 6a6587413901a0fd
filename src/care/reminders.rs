//! Service reminders (保养招揽 / 主动客户联系), the handbooks' proactive
//! contact. Written at handover, in its transaction: the item's next service
//! by the shop's interval for its class (time and distance, today's mileage
//! estimated from its odometer history), the work the customer declined on
//! this job (offered again after the shop's days) and each guarantee card of
//! the job (a check offered before it ends). So the reminder list is an index
//! range over `reminders`, not a scan of ten years of jobs.
//! Each contact is recorded; one reminder and one follow-up, then it stops;
//! an opt-out is honoured for good. The list, its CSV and print are
//! views/reminder_list.rs. Tests: tests/core/care/reminders.rs.

use crate::base::error::{Error, Result};
use crate::base::text::optional;
use crate::ctx::Ctx;
use crate::model::item::ItemSpec;
use crate::model::job::Job;
use crate::model::reminder::{self as model, ContactOutcome, ReminderKind};
use crate::store;
use crate::store::reminders::{Closing, NewContact, NewReminder};
use chrono::{Duration, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The class an item's service interval is looked up by.
pub fn class_of(spec: &ItemSpec) -> String {
    match spec {
        ItemSpec::Vehicle { vehicle_class, .. } => vehicle_class.code().to_string(),
        ItemSpec::Device { category, .. } => category.trim().to_lowercase(),
    }
}

/// The odometer history as (local date, km), oldest first.
pub fn readings(ctx: &Ctx, item_id: i64, offset_minutes: i32) -> Result<Vec<(NaiveDate, i64)>> {
    Ok(local_readings(
        &store::items::odometer_readings(ctx.tx, item_id)?,
        offset_minutes,
    ))
}

/// Stored readings as (local date, km), in their order.
pub fn local_readings(
    stored: &[crate::model::item::OdometerReading],
    offset_minutes: i32,
) -> Vec<(NaiveDate, i64)> {
    let off = Duration::minutes(offset_minutes.into());
    stored
        .iter()
        .filter_map(|r| {
            chrono::DateTime::parse_from_rfc3339(&r.at).ok().map(|t| {
                (
                    (t.with_timezone(&chrono::Utc) + off).date_naive(),
                    r.reading,
                )
            })
        })
        .collect()
}

/// After a handover: the item's service reminder replaces the older one, and
/// the job's declined work and cards get theirs. None for a claim job's
/// service (the regular one stands), none at all for a customer who opted out.
pub fn on_handover(ctx: &Ctx, job: &Job) -> Result<()> {
    if store::reminders::opted_out(ctx.tx, job.customer_id)? {
        return Ok(());
    }
    let s = crate::shop::settings::load(ctx)?;
    let today = crate::care::today(ctx)?;
    let now = ctx.now_text();
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    // Keep the open set to what can still be offered: cards since ended, and
    // this item's declined work taken up since, close here.
    let ended = today - Duration::days(s.reminders.card_before_days.into());
    store::reminders::close_ended_cards(ctx.tx, &day(ended))?;
    store::reminders::close_open(ctx.tx, Closing::TakenUp(job.item_id), "taken_up")?;
    if job.claim_card_id.is_none() {
        let item = crate::records::items::load(ctx, job.item_id)?;
        let interval = s.reminders.interval_for(&class_of(&item.spec));
        let history = readings(ctx, item.id, s.utc_offset_minutes)?;
        let odometer = job.odometer_out.or(job.odometer_in).or(item.odometer);
        let (due, due_km) = model::service_due(&interval, today, odometer, &history);
        store::reminders::close_open(ctx.tx, Closing::ServiceOfItem(item.id), "serviced again")?;
        store::reminders::insert(
            ctx.tx,
            &NewReminder {
                kind: ReminderKind::Service,
                item_id: item.id,
                customer_id: job.customer_id,
                source_id: job.id,
                due_on: &day(due),
                due_km,
                now: &now,
            },
        )?;
    }
    let again = today + Duration::days(s.reminders.declined_after_days.into());
    for r in store::approvals::open_recommendations(ctx.tx, job.item_id)? {
        if r.job_id == job.id {
            store::reminders::insert(
                ctx.tx,
                &NewReminder {
                    kind: ReminderKind::Declined,
                    item_id: job.item_id,
                    customer_id: job.customer_id,
                    source_id: r.id,
                    due_on: &day(again),
                    due_km: None,
                    now: &now,
                },
            )?;
        }
    }
    for c in store::cards::for_job(ctx.tx, job.id)? {
        let (Some(start), Some(days)) = (c.starts_on.as_deref(), c.days) else {
            continue;
        };
        let Ok(start) = NaiveDate::parse_from_str(start, "%Y-%m-%d") else {
            continue;
        };
        let before = i64::from(days) - i64::from(s.reminders.card_before_days);
        if before <= 0 {
            continue;
        }
        store::reminders::insert(
            ctx.tx,
            &NewReminder {
                kind: ReminderKind::Card,
                item_id: job.item_id,
                customer_id: job.customer_id,
                source_id: c.id,
                due_on: &day(start + Duration::days(before)),
                due_km: None,
                now: &now,
            },
        )?;
    }
    Ok(())
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RecordContact {
    pub staff_id: i64,
    pub reminder_id: i64,
    /// `booked` is recorded by booking the appointment from the reminder.
    pub outcome: ContactOutcome,
    pub channel: crate::model::care::Channel,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ContactRecorded {
    /// Still open: the one follow-up is due on this day.
    pub follow_up_on: Option<String>,
    pub closed: bool,
}

fn open_reminder(ctx: &Ctx, id: i64) -> Result<store::reminders::StoredReminder> {
    let r = store::reminders::get(ctx.tx, id)?
        .ok_or_else(|| Error::not_found("Reminder", "提醒", id).at("reminder_id"))?;
    if !r.open {
        return Err(Error::state(
            "This reminder is closed: nobody is contacted about it again",
            "该提醒已关闭，不再联系",
        )
        .at("reminder_id"));
    }
    Ok(r)
}

pub fn record_contact(ctx: &Ctx, input: RecordContact) -> Result<ContactRecorded> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let r = open_reminder(ctx, input.reminder_id)?;
    if input.outcome == ContactOutcome::Booked {
        return Err(Error::invalid(
            "outcome",
            "Book the appointment from the reminder: it records the contact as booked",
            "请从提醒直接预约，系统会记为已预约",
        ));
    }
    let note = optional("note", &input.note, 2000)?;
    let now = ctx.now_text();
    store::reminders::insert_contact(
        ctx.tx,
        &NewContact {
            reminder_id: r.id,
            outcome: input.outcome,
            channel: &crate::base::code::code_of(input.channel),
            note: note.as_deref(),
            appointment_id: None,
            staff_id: input.staff_id,
            now: &now,
        },
    )?;
    if input.outcome == ContactOutcome::OptedOut {
        store::reminders::opt_out(ctx.tx, r.customer_id, input.staff_id, note.as_deref(), &now)?;
        store::reminders::close_open(ctx.tx, Closing::OfCustomer(r.customer_id), "opted_out")?;
        return Ok(ContactRecorded {
            follow_up_on: None,
            closed: true,
        });
    }
    let s = crate::shop::settings::load(ctx)?;
    let today = crate::care::today(ctx)?;
    let next = model::after_contact(
        input.outcome,
        r.contacts,
        today,
        s.reminders.follow_up_after_days,
    )
    .map(|d| d.format("%Y-%m-%d").to_string());
    store::reminders::after_contact(
        ctx.tx,
        r.id,
        r.contacts + 1,
        next.as_deref(),
        &crate::base::code::code_of(input.outcome),
    )?;
    Ok(ContactRecorded {
        closed: next.is_none(),
        follow_up_on: next,
    })
}

/// An appointment was booked from the reminder: the contact is recorded and
/// the reminder closes as booked.
pub fn booked(ctx: &Ctx, reminder_id: i64, appointment_id: i64, staff_id: i64) -> Result<()> {
    let r = open_reminder(ctx, reminder_id)?;
    // Booked on the customer's own channel (the counter rang or messaged them there).
    let channel = crate::care::contact::preference(ctx, r.customer_id)?.channel;
    store::reminders::insert_contact(
        ctx.tx,
        &NewContact {
            reminder_id: r.id,
            outcome: ContactOutcome::Booked,
            channel: &crate::base::code::code_of(channel),
            note: None,
            appointment_id: Some(appointment_id),
            staff_id,
            now: &ctx.now_text(),
        },
    )?;
    store::reminders::after_contact(ctx.tx, r.id, (r.contacts + 1).min(2), None, "booked")
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Snooze {
    pub staff_id: i64,
    pub reminder_id: i64,
    /// The day it comes back, YYYY-MM-DD (after today, within a year).
    pub until: String,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Snoozed {
    pub reminder_id: i64,
    pub due_on: String,
}

pub fn snooze(ctx: &Ctx, input: Snooze) -> Result<Snoozed> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let r = open_reminder(ctx, input.reminder_id)?;
    let until = crate::shop::period::date("until", &input.until)?;
    let today = crate::care::today(ctx)?;
    if until <= today || until > today + Duration::days(366) {
        return Err(Error::invalid(
            "until",
            "Snooze to a day after today, within a year",
            "请选择今天之后、一年以内的日期",
        ));
    }
    let due_on = until.format("%Y-%m-%d").to_string();
    store::reminders::snooze(ctx.tx, r.id, &due_on)?;
    Ok(Snoozed {
        reminder_id: r.id,
        due_on,
    })
}
