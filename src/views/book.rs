//! The appointment book as the counter reads it: a day or a week with each
//! day's capacity and what is booked against it, today's arrivals (due,
//! late, arrived, no-shows) with tomorrow's bookings still to confirm, and one
//! appointment with the bookings it was moved from. Reads only.
//! Tests: tests/core/care/appointments.rs.

use crate::base::error::{Error, Result};
use crate::care::parts_check::MissingPart;
use crate::ctx::{Ctx, NoInput};
use crate::model::appointment::{Appointment, AppointmentState};
use crate::store;
use chrono::Duration;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
pub struct BookRange {
    /// First local day, YYYY-MM-DD.
    pub from: String,
    /// Last local day, inclusive (at most 31 days after `from`).
    pub to: String,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct BookDay {
    pub day: String,
    /// The shop is closed that day.
    pub closed: bool,
    /// Minutes the day can take (the stricter of bays × opening hours and technician hours).
    pub capacity_minutes: u64,
    /// Minutes held by booked and confirmed appointments.
    pub booked_minutes: u64,
    pub bays: u32,
    pub opens: String,
    pub closes: String,
    /// Every appointment of the day, in every state, by start time.
    pub appointments: Vec<Appointment>,
}

/// Most appointments one range lists (a day holds far fewer).
const MAX_LISTED: i64 = 5000;

pub fn days(ctx: &Ctx, input: BookRange) -> Result<Vec<BookDay>> {
    let from = crate::shop::period::date("from", &input.from)?;
    let to = crate::shop::period::date("to", &input.to)?;
    if to < from || (to - from).num_days() > 31 {
        return Err(Error::invalid(
            "to",
            "The book shows up to a month at a time: the last day comes after the first",
            "预约簿一次最多显示一个月，结束日期须晚于开始日期",
        ));
    }
    let s = crate::shop::settings::load(ctx)?;
    let text = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let all = store::appointments::on_days(ctx.tx, &text(from), &text(to), MAX_LISTED)?;
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        let day = text(d);
        let appointments: Vec<Appointment> = all.iter().filter(|a| a.day == day).cloned().collect();
        out.push(BookDay {
            closed: s.care.is_closed(d),
            capacity_minutes: s.booking.day_minutes(),
            booked_minutes: appointments
                .iter()
                .filter(|a| a.state.holds_slot())
                .map(|a| u64::from(a.minutes))
                .sum(),
            bays: s.booking.bays,
            opens: s.booking.opens.clone(),
            closes: s.booking.closes.clone(),
            appointments,
            day,
        });
        d += Duration::days(1);
    }
    Ok(out)
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Arrivals {
    pub today: String,
    /// Booked or confirmed, their time still to come.
    pub due: Vec<Appointment>,
    /// Booked or confirmed, their time passed, not yet here.
    pub late: Vec<Appointment>,
    pub arrived: Vec<Appointment>,
    pub no_shows: Vec<Appointment>,
    /// Tomorrow's bookings not yet confirmed: the call the day before.
    pub to_confirm: Vec<Appointment>,
}

pub fn arrivals(ctx: &Ctx, _: NoInput) -> Result<Arrivals> {
    let today = crate::care::today(ctx)?;
    let day = today.format("%Y-%m-%d").to_string();
    let tomorrow = (today + Duration::days(1)).format("%Y-%m-%d").to_string();
    let now = ctx.now_text();
    let mut out = Arrivals {
        today: day.clone(),
        due: Vec::new(),
        late: Vec::new(),
        arrived: Vec::new(),
        no_shows: Vec::new(),
        to_confirm: Vec::new(),
    };
    for a in store::appointments::on_days(ctx.tx, &day, &tomorrow, MAX_LISTED)? {
        if a.day == tomorrow {
            if a.state == AppointmentState::Booked {
                out.to_confirm.push(a);
            }
            continue;
        }
        match a.state {
            s if s.holds_slot() && a.starts_at.as_str() >= now.as_str() => out.due.push(a),
            s if s.holds_slot() => out.late.push(a),
            AppointmentState::Arrived => out.arrived.push(a),
            AppointmentState::NoShow => out.no_shows.push(a),
            _ => {}
        }
    }
    Ok(out)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
pub struct AppointmentRef {
    pub appointment_id: i64,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct AppointmentDetail {
    pub appointment: Appointment,
    /// The bookings this one was moved from, newest first.
    pub moved_from: Vec<Appointment>,
    pub missing_parts: Vec<MissingPart>,
}

pub fn get(ctx: &Ctx, input: AppointmentRef) -> Result<AppointmentDetail> {
    let appointment = crate::care::appointments::by_id(ctx, input.appointment_id)?;
    let mut moved_from = Vec::new();
    let mut next = appointment.moved_from;
    while let Some(id) = next {
        let Some(a) = store::appointments::get(ctx.tx, id)? else {
            break;
        };
        next = a.moved_from;
        moved_from.push(a);
        if moved_from.len() > 100 {
            break;
        }
    }
    Ok(AppointmentDetail {
        missing_parts: crate::care::parts_check::missing_parts(ctx, &appointment)?,
        appointment,
        moved_from,
    })
}
