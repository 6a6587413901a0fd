//! The appointment book (客户预约), the first of the handbooks' twelve steps:
//! book a customer and item (existing or new) for a time with the requested
//! work, within the shop's capacity — each slot's bays and each day's hours,
//! the stricter of the bays' and the technicians', with the workshop's open
//! jobs counted against them. Only a manager may book beyond it, with a
//! reason. Then confirm, arrive (the job opens at reception with everything
//! filled in and the canned jobs on its estimate), no-show, cancel, or move
//! (a new booking that names the old one, so the history stays).
//! Arrival is arrival.rs; the book's views (day, week, today's arrivals) are views/book.rs.
//! Tests: tests/core/care/appointments.rs.

use crate::base::error::{Error, ErrorCode, Result};
use crate::base::text::{optional, required};
use crate::base::time::time_text;
use crate::ctx::Ctx;
use crate::job::reception::{self, Pick};
use crate::model::access::Permission;
use crate::model::appointment::{self as model, Appointment, AppointmentState, Load, Overbooked};
use crate::model::customer::CustomerInput;
use crate::model::item::ItemSpec;
use crate::model::settings::ShopSettings;
use crate::store;
use chrono::{DateTime, Duration, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Book {
    pub staff_id: i64,
    pub customer: Pick<CustomerInput>,
    pub item: Pick<ItemSpec>,
    /// RFC 3339 date-time the customer comes.
    pub starts_at: String,
    /// How long the work takes the bay, in minutes (the shop's default if none).
    pub minutes: Option<u32>,
    /// The requested work in words (may be empty when canned jobs say it).
    #[serde(default)]
    pub work: String,
    #[serde(default)]
    pub canned_job_ids: Vec<i64>,
    /// Book beyond the shop's capacity: a manager, with this reason.
    pub override_reason: Option<String>,
    /// Booked from this service reminder (it closes as booked).
    pub reminder_id: Option<i64>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Booked {
    pub appointment: Appointment,
    /// Parts the booked work needs that the stock does not hold.
    pub missing_parts: Vec<crate::care::parts_check::MissingPart>,
}

/// The most canned jobs one booking names.
pub const MAX_CANNED: usize = 10;

pub fn book(ctx: &Ctx, input: Book) -> Result<Booked> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let settings = crate::shop::settings::load(ctx)?;
    let slot = slot(ctx, &settings, &input.starts_at, input.minutes)?;
    let work = booked_work(ctx, &input.work, &input.canned_job_ids)?;
    let override_reason = optional("override_reason", &input.override_reason, 500)?;
    let (customer, item) = reception::pick(ctx, input.staff_id, &input.customer, &input.item)?;
    if let Some(r) = input.reminder_id {
        let rem = store::reminders::get(ctx.tx, r)?
            .ok_or_else(|| Error::not_found("Reminder", "提醒", r).at("reminder_id"))?;
        if rem.item_id != item.id {
            return Err(Error::invalid(
                "reminder_id",
                "That reminder is for another item",
                "该提醒属于其他物品",
            ));
        }
    }
    let id = place(
        ctx,
        &settings,
        &slot,
        Placing {
            customer_id: customer.id,
            item_id: item.id,
            work: &work,
            canned: &input.canned_job_ids,
            override_reason: override_reason.as_deref(),
            moved_from: None,
            reminder_id: input.reminder_id,
            staff_id: input.staff_id,
        },
    )?;
    if let Some(r) = input.reminder_id {
        crate::care::reminders::booked(ctx, r, id, input.staff_id)?;
    }
    let appointment = by_id(ctx, id)?;
    Ok(Booked {
        missing_parts: crate::care::parts_check::missing_parts(ctx, &appointment)?,
        appointment,
    })
}

/// A checked slot: when, how long, and the shop's local day.
pub struct Slot {
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub day: String,
    pub minutes: u32,
}

/// Checks a booking's time: in the future, on an open day, within opening hours.
pub fn slot(ctx: &Ctx, s: &ShopSettings, starts_at: &str, minutes: Option<u32>) -> Result<Slot> {
    let starts = reception::parse_time("starts_at", starts_at)?;
    let minutes = minutes.unwrap_or(s.booking.default_minutes);
    if !(15..=720).contains(&minutes) {
        return Err(Error::invalid(
            "minutes",
            "A booking lasts from 15 minutes to 12 hours",
            "预约时长为 15 分钟到 12 小时",
        ));
    }
    if starts <= ctx.now {
        return Err(Error::invalid(
            "starts_at",
            "That time has passed: book a time from now on",
            "该时间已过，请预约之后的时间",
        ));
    }
    if starts > ctx.now + Duration::days(366) {
        return Err(Error::invalid(
            "starts_at",
            "The book reaches a year ahead",
            "最多可预约一年以内",
        ));
    }
    let off = Duration::minutes(s.utc_offset_minutes.into());
    let local = (starts + off).naive_utc();
    let day = local.date();
    if s.care.is_closed(day) {
        return Err(Error::invalid(
            "starts_at",
            format!("The shop is closed on {day}"),
            format!("本店 {day} 休息"),
        ));
    }
    let minute = local
        .time()
        .signed_duration_since(chrono::NaiveTime::MIN)
        .num_minutes();
    let opens = i64::from(model::minute_of_day("opens", &s.booking.opens).unwrap_or(510));
    let closes = i64::from(model::minute_of_day("closes", &s.booking.closes).unwrap_or(1080));
    if minute < opens || minute + i64::from(minutes) > closes {
        return Err(Error::invalid(
            "starts_at",
            format!(
                "The shop is open {} to {}: the booking must start and end within",
                s.booking.opens, s.booking.closes
            ),
            format!(
                "营业时间为 {} 至 {}，预约须在营业时间内开始和结束",
                s.booking.opens, s.booking.closes
            ),
        ));
    }
    Ok(Slot {
        starts,
        ends: starts + Duration::minutes(minutes.into()),
        day: day.format("%Y-%m-%d").to_string(),
        minutes,
    })
}

/// The requested work: the words given, else the canned jobs' names.
fn booked_work(ctx: &Ctx, work: &str, canned: &[i64]) -> Result<String> {
    if canned.len() > MAX_CANNED {
        return Err(Error::invalid(
            "canned_job_ids",
            format!("At most {MAX_CANNED} canned jobs a booking"),
            format!("每次预约最多 {MAX_CANNED} 个套餐"),
        ));
    }
    let all = crate::job::estimate::canned::list_canned(ctx, crate::ctx::NoInput {})?;
    let mut names = Vec::new();
    for (i, id) in canned.iter().enumerate() {
        if canned[..i].contains(id) {
            return Err(Error::invalid(
                format!("canned_job_ids[{i}]").as_str(),
                "That canned job is named twice",
                "该套餐重复",
            ));
        }
        let c = all.iter().find(|c| c.id == *id).ok_or_else(|| {
            Error::not_found("Canned job", "套餐", id).at(format!("canned_job_ids[{i}]"))
        })?;
        names.push(c.name.clone());
    }
    if work.trim().is_empty() && !names.is_empty() {
        return Ok(names.join("; "));
    }
    required("work", work, 2000)
}

pub struct Placing<'a> {
    pub customer_id: i64,
    pub item_id: i64,
    pub work: &'a str,
    pub canned: &'a [i64],
    pub override_reason: Option<&'a str>,
    pub moved_from: Option<i64>,
    pub reminder_id: Option<i64>,
    pub staff_id: i64,
}

/// Writes a booking after the capacity rule (or a manager's override).
fn place(ctx: &Ctx, s: &ShopSettings, slot: &Slot, p: Placing) -> Result<i64> {
    if let Some(other) = store::appointments::holding_for_item(ctx.tx, p.item_id)?
        .into_iter()
        .find(|a| Some(a.id) != p.moved_from)
    {
        return Err(Error::state(
            format!("This item is already booked for {}", other.starts_at),
            format!("该物品已预约于 {}", other.starts_at),
        )
        .at("item"));
    }
    let load = load_of(ctx, slot, p.moved_from.unwrap_or(0))?;
    // Within capacity the override is not needed, and not recorded.
    let override_reason = match (model::fits(&s.booking, load), p.override_reason) {
        (Ok(()), _) => None,
        (Err(why), None) => return Err(full(why, s)),
        (Err(_), Some(reason)) => {
            crate::shop::access::require(ctx, p.staff_id, Permission::Settings).map_err(|_| {
                Error::new(
                    ErrorCode::Forbidden,
                    "Only a manager may book beyond the shop's capacity; a manager can allow it with their PIN",
                    "超出本店接待能力的预约须经理批准；可由经理输入 PIN 授权",
                )
                .at("override_reason")
            })?;
            Some(reason)
        }
    };
    store::appointments::insert(
        ctx.tx,
        &store::appointments::NewAppointment {
            customer_id: p.customer_id,
            item_id: p.item_id,
            starts_at: &time_text(slot.starts),
            ends_at: &time_text(slot.ends),
            day: &slot.day,
            minutes: slot.minutes,
            work: p.work,
            canned: p.canned,
            override_reason,
            moved_from: p.moved_from,
            reminder_id: p.reminder_id,
            staff_id: p.staff_id,
            now: &ctx.now_text(),
        },
    )
}

fn full(why: Overbooked, s: &ShopSettings) -> Error {
    let (en, zh) = match why {
        Overbooked::Slot => (
            format!("That time is full: all {} bays are taken. Pick another time; a manager can book it anyway with a reason", s.booking.bays),
            format!("该时段已满：{} 个工位均已占用。请选择其他时间；经理可填写原因后强制预约", s.booking.bays),
        ),
        Overbooked::Day => (
            format!("That day is full: its {} technician hours are booked. Pick another day; a manager can book it anyway with a reason", s.booking.day_minutes() / 60),
            format!("当天已约满：{} 个技师工时已排满。请选择其他日期；经理可填写原因后强制预约", s.booking.day_minutes() / 60),
        ),
    };
    Error::new(ErrorCode::InvalidState, en, zh).at("starts_at")
}

/// What the book already holds against a slot: the other bookings that day
/// and the workshop's open jobs (each holds a bay until its promise, or all
/// today when it has none; today also carries their remaining labour).
pub fn load_of(ctx: &Ctx, slot: &Slot, except: i64) -> Result<Load> {
    let held = store::appointments::held_on_day(ctx.tx, &slot.day, except)?;
    let today = crate::care::today(ctx)?.format("%Y-%m-%d").to_string();
    let starts = time_text(slot.starts);
    let ends = time_text(slot.ends);
    let mut intervals: Vec<(String, String)> = held
        .iter()
        .filter(|(a, b, _)| a.as_str() < ends.as_str() && b.as_str() > starts.as_str())
        .map(|(a, b, _)| (a.clone(), b.clone()))
        .collect();
    intervals.push((starts.clone(), ends));
    let mut day_minutes: u64 = held.iter().map(|h| h.2.max(0) as u64).sum();
    day_minutes += u64::from(slot.minutes);
    let mut holding = 0u32;
    for (promise, remaining) in store::appointments::workshop_jobs(ctx.tx)? {
        let holds = match &promise {
            Some(p) => p.as_str() > starts.as_str(),
            None => slot.day == today,
        };
        if holds {
            holding += 1;
        }
        if slot.day == today {
            day_minutes += remaining.max(0) as u64;
        }
    }
    Ok(Load {
        peak_in_slot: model::peak_overlap(&intervals) + holding,
        day_minutes,
    })
}

pub fn by_id(ctx: &Ctx, id: i64) -> Result<Appointment> {
    store::appointments::get(ctx.tx, id)?
        .ok_or_else(|| Error::not_found("Appointment", "预约", id).at("appointment_id"))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct AppointmentAction {
    pub staff_id: i64,
    pub appointment_id: i64,
    /// Why (cancel: required).
    pub reason: Option<String>,
}

fn open(ctx: &Ctx, id: i64) -> Result<Appointment> {
    let a = by_id(ctx, id)?;
    if !a.state.holds_slot() {
        return Err(Error::state(
            format!("This appointment is already {}", words(a.state).0),
            format!("该预约已{}", words(a.state).1),
        ));
    }
    Ok(a)
}

pub fn words(s: AppointmentState) -> (&'static str, &'static str) {
    match s {
        AppointmentState::Booked => ("booked", "预约"),
        AppointmentState::Confirmed => ("confirmed", "确认"),
        AppointmentState::Arrived => ("arrived", "到店"),
        AppointmentState::NoShow => ("a no-show", "爽约"),
        AppointmentState::Cancelled => ("cancelled", "取消"),
        AppointmentState::Moved => ("moved", "改期"),
    }
}

/// Records a booking's new state with its note, who and when; answers it.
fn settle(
    ctx: &Ctx,
    a: &Appointment,
    state: AppointmentState,
    note: Option<&str>,
    staff_id: i64,
) -> Result<Appointment> {
    let now = ctx.now_text();
    store::appointments::set_state(ctx.tx, a.id, state, note, None, staff_id, &now)?;
    by_id(ctx, a.id)
}

/// The customer confirmed (on the call the day before).
pub fn confirm(ctx: &Ctx, input: AppointmentAction) -> Result<Appointment> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let a = open(ctx, input.appointment_id)?;
    if a.state == AppointmentState::Confirmed {
        return Ok(a);
    }
    let note = optional("reason", &input.reason, 500)?;
    settle(
        ctx,
        &a,
        AppointmentState::Confirmed,
        note.as_deref(),
        input.staff_id,
    )
}

pub fn cancel(ctx: &Ctx, input: AppointmentAction) -> Result<Appointment> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let a = open(ctx, input.appointment_id)?;
    let reason = required("reason", input.reason.as_deref().unwrap_or(""), 500)?;
    settle(
        ctx,
        &a,
        AppointmentState::Cancelled,
        Some(&reason),
        input.staff_id,
    )
}

/// The customer did not come: only once the booked time has passed.
pub fn no_show(ctx: &Ctx, input: AppointmentAction) -> Result<Appointment> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let a = open(ctx, input.appointment_id)?;
    if a.starts_at.as_str() > ctx.now_text().as_str() {
        return Err(Error::state(
            "The booked time has not come yet: a no-show is recorded after it",
            "预约时间未到，过了预约时间才能记为爽约",
        ));
    }
    let note = optional("reason", &input.reason, 500)?;
    settle(
        ctx,
        &a,
        AppointmentState::NoShow,
        note.as_deref(),
        input.staff_id,
    )
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Move {
    pub staff_id: i64,
    pub appointment_id: i64,
    pub starts_at: String,
    pub minutes: Option<u32>,
    pub reason: String,
    pub override_reason: Option<String>,
}

/// Moves a booking: the old one closes as moved (with the reason) and a new
/// one, naming it, holds the new time.
pub fn move_to(ctx: &Ctx, input: Move) -> Result<Appointment> {
    crate::shop::staff::actor(ctx, input.staff_id)?;
    let a = open(ctx, input.appointment_id)?;
    let reason = required("reason", &input.reason, 500)?;
    let settings = crate::shop::settings::load(ctx)?;
    let slot = slot(
        ctx,
        &settings,
        &input.starts_at,
        input.minutes.or(Some(a.minutes)),
    )?;
    let override_reason = optional("override_reason", &input.override_reason, 500)?;
    let id = place(
        ctx,
        &settings,
        &slot,
        Placing {
            customer_id: a.customer_id,
            item_id: a.item_id,
            work: &a.work,
            canned: &a.canned_job_ids,
            override_reason: override_reason.as_deref(),
            moved_from: Some(a.id),
            reminder_id: a.reminder_id,
            staff_id: input.staff_id,
        },
    )?;
    settle(
        ctx,
        &a,
        AppointmentState::Moved,
        Some(&reason),
        input.staff_id,
    )?;
    by_id(ctx, id)
}
