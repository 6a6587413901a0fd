//! The appointment book (客户预约), pure: an appointment and its states, the
//! shop's capacity settings and the capacity rule itself — how many bays a
//! slot has left and how many minutes a day has left. The rules with the
//! store are care/appointments.rs (tests tests/core/care/appointments.rs;
//! the capacity rule is unit-tested below).

use crate::base::error::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentState {
    Booked,
    /// The customer confirmed on the call the day before.
    Confirmed,
    /// The customer came: the job is open.
    Arrived,
    NoShow,
    Cancelled,
    /// Moved to another time: the new booking names this one.
    Moved,
}

impl AppointmentState {
    /// Booked or confirmed: it still holds its slot.
    pub fn holds_slot(self) -> bool {
        matches!(self, AppointmentState::Booked | AppointmentState::Confirmed)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Appointment {
    pub id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub phone: Option<String>,
    pub item_id: i64,
    /// Plate, make and model, or brand and serial.
    pub item_label: String,
    /// A vehicle (its odometer is read at arrival), not a device.
    pub is_vehicle: bool,
    pub starts_at: String,
    pub ends_at: String,
    /// The shop's local date.
    pub day: String,
    pub minutes: u32,
    pub work: String,
    pub canned_job_ids: Vec<i64>,
    pub state: AppointmentState,
    /// Why it was cancelled or moved.
    pub reason: Option<String>,
    /// Booked beyond capacity by a manager, and why.
    pub override_reason: Option<String>,
    pub moved_from: Option<i64>,
    pub reminder_id: Option<i64>,
    pub job_id: Option<i64>,
    pub job_number: Option<String>,
    pub created_at: String,
    pub created_by: i64,
}

/// The shop's capacity for booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
#[serde(default)]
pub struct BookingSettings {
    /// Work bays (lifts, benches): appointments and open workshop jobs at one time.
    pub bays: u32,
    /// Opening and closing time, "HH:MM" local (closed days are the care settings').
    pub opens: String,
    pub closes: String,
    /// Technician hours the shop sells a day, all technicians together.
    pub technician_hours: u32,
    /// The length a booking takes when none is given, in minutes.
    pub default_minutes: u32,
}

impl Default for BookingSettings {
    fn default() -> Self {
        BookingSettings {
            bays: 4,
            opens: "08:30".into(),
            closes: "18:00".into(),
            technician_hours: 24,
            default_minutes: 60,
        }
    }
}

/// Minutes from midnight of an "HH:MM" text.
pub fn minute_of_day(field: &str, s: &str) -> Result<u32> {
    let bad = || {
        Error::invalid(
            field,
            format!("'{s}' is not a time of day (HH:MM, e.g. 08:30)"),
            format!("“{s}”不是有效的时间（HH:MM，例如 08:30）"),
        )
    };
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 24 || m > 59 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

impl BookingSettings {
    pub fn validate(&self) -> Result<()> {
        if !(1..=200).contains(&self.bays) {
            return Err(Error::invalid(
                "bays",
                "Bays: from 1 to 200",
                "工位数：1 到 200",
            ));
        }
        let (o, c) = (
            minute_of_day("opens", &self.opens)?,
            minute_of_day("closes", &self.closes)?,
        );
        if c <= o {
            return Err(Error::invalid(
                "closes",
                "The shop must close after it opens",
                "关门时间必须晚于开门时间",
            ));
        }
        if !(1..=2000).contains(&self.technician_hours) {
            return Err(Error::invalid(
                "technician_hours",
                "Technician hours a day: from 1 to 2000",
                "每日技师工时：1 到 2000",
            ));
        }
        if !(15..=720).contains(&self.default_minutes) {
            return Err(Error::invalid(
                "default_minutes",
                "A booking lasts from 15 minutes to 12 hours",
                "预约时长为 15 分钟到 12 小时",
            ));
        }
        Ok(())
    }

    /// Minutes the shop is open a day.
    pub fn open_minutes(&self) -> u32 {
        let o = minute_of_day("opens", &self.opens).unwrap_or(510);
        let c = minute_of_day("closes", &self.closes).unwrap_or(1080);
        c.saturating_sub(o)
    }

    /// A day's capacity in minutes: the stricter of the bays' (bays × opening
    /// hours) and the technicians' hours.
    pub fn day_minutes(&self) -> u64 {
        let bays = u64::from(self.bays) * u64::from(self.open_minutes());
        bays.min(u64::from(self.technician_hours) * 60)
    }
}

/// What a booking would take from the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Load {
    /// The most bookings and workshop jobs at one time during the slot, with this one.
    pub peak_in_slot: u32,
    /// Minutes booked that day, with this one, plus the workshop's remaining work.
    pub day_minutes: u64,
}

/// Why a booking does not fit, if it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Overbooked {
    /// Every bay is taken at some point in the slot.
    Slot,
    /// The day's hours are booked.
    Day,
}

/// The capacity rule: a booking fits when its slot never needs more bays than
/// the shop has and the day's minutes stay within its capacity.
pub fn fits(s: &BookingSettings, load: Load) -> std::result::Result<(), Overbooked> {
    if load.peak_in_slot > s.bays {
        return Err(Overbooked::Slot);
    }
    if load.day_minutes > s.day_minutes() {
        return Err(Overbooked::Day);
    }
    Ok(())
}

/// The most intervals overlapping at one time, among `[start, end)` pairs
/// (texts compare as times).
pub fn peak_overlap(intervals: &[(String, String)]) -> u32 {
    let mut edges: Vec<(&str, i32)> = Vec::with_capacity(intervals.len() * 2);
    for (a, b) in intervals {
        edges.push((a, 1));
        edges.push((b, -1));
    }
    // At equal times an end comes before a start: back-to-back bookings share a bay.
    edges.sort_by(|x, y| x.0.cmp(y.0).then(x.1.cmp(&y.1)));
    let (mut now, mut peak) = (0i32, 0i32);
    for (_, d) in edges {
        now += d;
        peak = peak.max(now);
    }
    peak.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(a: &str, b: &str) -> (String, String) {
        (a.into(), b.into())
    }

    #[test]
    fn back_to_back_bookings_share_a_bay_and_overlaps_count() {
        let v = [iv("09", "10"), iv("10", "11"), iv("09:30", "10:30")];
        assert_eq!(peak_overlap(&v), 2);
        assert_eq!(peak_overlap(&[]), 0);
    }

    #[test]
    fn the_stricter_capacity_decides() {
        let mut s = BookingSettings::default();
        assert_eq!(s.open_minutes(), 570);
        assert_eq!(s.day_minutes(), 24 * 60);
        s.technician_hours = 100;
        assert_eq!(s.day_minutes(), 4 * 570);
        assert_eq!(
            fits(
                &s,
                Load {
                    peak_in_slot: 5,
                    day_minutes: 10
                }
            ),
            Err(Overbooked::Slot)
        );
        assert_eq!(
            fits(
                &s,
                Load {
                    peak_in_slot: 4,
                    day_minutes: 4 * 570 + 1
                }
            ),
            Err(Overbooked::Day)
        );
        assert_eq!(
            fits(
                &s,
                Load {
                    peak_in_slot: 4,
                    day_minutes: 4 * 570
                }
            ),
            Ok(())
        );
    }

    #[test]
    fn bad_settings_are_refused_at_their_field() {
        let mut s = BookingSettings {
            bays: 0,
            ..Default::default()
        };
        assert_eq!(s.validate().unwrap_err().field.as_deref(), Some("bays"));
        s.bays = 2;
        s.closes = "07:00".into();
        assert_eq!(s.validate().unwrap_err().field.as_deref(), Some("closes"));
        s.closes = "25:00".into();
        assert_eq!(s.validate().unwrap_err().field.as_deref(), Some("closes"));
    }
}
