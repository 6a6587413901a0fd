//! Service reminders (保养招揽 / 主动客户联系), pure: the shop's intervals by
//! item class, when service falls due by time and by distance (today's
//! mileage estimated from the odometer history), and the reminder's contact
//! rule (one reminder and one follow-up, then it stops). The rules with the
//! store are care/reminders.rs (tests tests/core/care/reminders.rs; the
//! pure rules are unit-tested below).

use crate::base::error::{Error, Result};
use chrono::{Duration, Months, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// Service due by time or distance since the last job.
    Service,
    /// Work the customer declined, to offer again.
    Declined,
    /// A guarantee card about to expire: offer a check before it does.
    Card,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactOutcome {
    /// Spoke to the customer; they will think about it (one follow-up remains).
    Reached,
    /// An appointment was booked.
    Booked,
    NotInterested,
    NotReachable,
    /// No more reminders, ever.
    OptedOut,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ServiceInterval {
    /// `car`, `motorcycle`, `other` (vehicles) or a device category; `*` is the default.
    pub class: String,
    /// Months between services (1–60).
    pub months: u32,
    /// Kilometres between services (vehicles; none: by time only).
    pub km: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
#[serde(default)]
pub struct ReminderSettings {
    pub intervals: Vec<ServiceInterval>,
    /// Days after a decline that the work is offered again (1–730).
    pub declined_after_days: u32,
    /// Days before a card expires that a check is offered (1–180).
    pub card_before_days: u32,
    /// Days after the first contact that the one follow-up is due (1–90).
    pub follow_up_after_days: u32,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            intervals: vec![
                ServiceInterval {
                    class: "*".into(),
                    months: 6,
                    km: Some(5000),
                },
                ServiceInterval {
                    class: "motorcycle".into(),
                    months: 6,
                    km: Some(3000),
                },
            ],
            declined_after_days: 90,
            card_before_days: 30,
            follow_up_after_days: 14,
        }
    }
}

impl ReminderSettings {
    pub fn validate(&self) -> Result<()> {
        if self.intervals.len() > 50 {
            return Err(Error::invalid(
                "intervals",
                "At most 50 service intervals",
                "保养间隔最多 50 条",
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, v) in self.intervals.iter().enumerate() {
            let f = |k: &str| format!("intervals[{i}].{k}");
            let class = v.class.trim();
            if class.is_empty() || class.chars().count() > 40 {
                return Err(Error::invalid(
                    &f("class"),
                    "Name the item class (1–40 characters; * for every other)",
                    "请填写物品类别（1–40 个字符；* 表示其他全部）",
                ));
            }
            if !seen.insert(class.to_lowercase()) {
                return Err(Error::invalid(
                    &f("class"),
                    format!("'{class}' has an interval already"),
                    format!("“{class}”已有保养间隔"),
                ));
            }
            if !(1..=60).contains(&v.months) {
                return Err(Error::invalid(
                    &f("months"),
                    "Months between services: from 1 to 60 (a reminder interval cannot be zero)",
                    "保养间隔月数：1 到 60（不能为零）",
                ));
            }
            if let Some(km) = v.km {
                if !(100..=200_000).contains(&km) {
                    return Err(Error::invalid(
                        &f("km"),
                        "Kilometres between services: from 100 to 200,000, or leave empty for time only",
                        "保养间隔公里数：100 到 200,000；只按时间则留空",
                    ));
                }
            }
        }
        for (field, v, max) in [
            ("declined_after_days", self.declined_after_days, 730),
            ("card_before_days", self.card_before_days, 180),
            ("follow_up_after_days", self.follow_up_after_days, 90),
        ] {
            if !(1..=max).contains(&v) {
                return Err(Error::invalid(
                    field,
                    format!("From 1 to {max} days (it cannot be zero)"),
                    format!("1 到 {max} 天（不能为零）"),
                ));
            }
        }
        Ok(())
    }

    /// The interval for an item class, else the default (`*`), else 6 months / 5,000 km.
    pub fn interval_for(&self, class: &str) -> ServiceInterval {
        let class = class.trim().to_lowercase();
        self.intervals
            .iter()
            .find(|v| v.class.trim().to_lowercase() == class)
            .or_else(|| self.intervals.iter().find(|v| v.class.trim() == "*"))
            .cloned()
            .unwrap_or(ServiceInterval {
                class: "*".into(),
                months: 6,
                km: Some(5000),
            })
    }
}

/// Kilometres a day from odometer readings `(date, km)`, oldest first: the
/// slope between the first and the last reading at least 30 days apart, or
/// none (too little history, or a reading that went backwards).
pub fn km_per_day(readings: &[(NaiveDate, i64)]) -> Option<f64> {
    let (first, last) = (readings.first()?, readings.last()?);
    let days = (last.0 - first.0).num_days();
    if days < 30 || last.1 <= first.1 {
        return None;
    }
    Some((last.1 - first.1) as f64 / days as f64)
}

/// Today's estimated odometer: the last reading plus the daily rate since.
pub fn estimated_km(readings: &[(NaiveDate, i64)], today: NaiveDate) -> Option<i64> {
    let last = readings.last()?;
    let rate = km_per_day(readings).unwrap_or(0.0);
    let days = (today - last.0).num_days().max(0);
    Some(last.1 + (rate * days as f64).round() as i64)
}

/// When service falls due after a job on `serviced_on` at `odometer` km:
/// the earlier of the time interval and the day the estimated mileage reaches
/// the distance interval. Answers the date and the odometer it is due at.
pub fn service_due(
    interval: &ServiceInterval,
    serviced_on: NaiveDate,
    odometer: Option<i64>,
    readings: &[(NaiveDate, i64)],
) -> (NaiveDate, Option<i64>) {
    let by_time = serviced_on
        .checked_add_months(Months::new(interval.months))
        .unwrap_or(serviced_on);
    let (Some(km), Some(at)) = (interval.km, odometer) else {
        return (by_time, None);
    };
    let due_km = at + i64::from(km);
    let by_distance = km_per_day(readings)
        .filter(|r| *r > 0.0)
        .map(|r| serviced_on + Duration::days((f64::from(km) / r).ceil() as i64));
    let due = match by_distance {
        Some(d) if d < by_time => d,
        _ => by_time,
    };
    (due, Some(due_km))
}

/// What a contact leaves: whether the reminder stays open, and when it is
/// next due. One reminder and one follow-up, then it stops.
pub fn after_contact(
    outcome: ContactOutcome,
    contacts_before: u32,
    today: NaiveDate,
    follow_up_after_days: u32,
) -> Option<NaiveDate> {
    match outcome {
        ContactOutcome::Reached | ContactOutcome::NotReachable if contacts_before == 0 => {
            Some(today + Duration::days(i64::from(follow_up_after_days)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn distance_brings_service_forward_for_a_heavy_driver() {
        let iv = ServiceInterval {
            class: "*".into(),
            months: 6,
            km: Some(5000),
        };
        // 100 km a day: 5,000 km in 50 days.
        let readings = [(d("2026-01-01"), 10_000), (d("2026-03-02"), 16_000)];
        let (due, km) = service_due(&iv, d("2026-03-02"), Some(16_000), &readings);
        assert_eq!(due, d("2026-04-21"));
        assert_eq!(km, Some(21_000));
        // A light driver: time decides.
        let light = [(d("2025-09-01"), 10_000), (d("2026-03-01"), 11_000)];
        let (due, _) = service_due(&iv, d("2026-03-01"), Some(11_000), &light);
        assert_eq!(due, d("2026-09-01"));
        // No history: time.
        assert_eq!(
            service_due(&iv, d("2026-03-01"), None, &[]).0,
            d("2026-09-01")
        );
    }

    #[test]
    fn mileage_is_estimated_from_the_history() {
        let r = [(d("2026-01-01"), 1000), (d("2026-03-02"), 7000)];
        assert_eq!(km_per_day(&r), Some(100.0));
        assert_eq!(estimated_km(&r, d("2026-03-12")), Some(8000));
        assert_eq!(km_per_day(&r[..1]), None);
        let backwards = [(d("2026-01-01"), 9000), (d("2026-03-02"), 7000)];
        assert_eq!(km_per_day(&backwards), None);
    }

    #[test]
    fn one_reminder_and_one_follow_up_then_it_stops() {
        let today = d("2026-11-24");
        assert_eq!(
            after_contact(ContactOutcome::NotReachable, 0, today, 14),
            Some(d("2026-12-08"))
        );
        assert_eq!(
            after_contact(ContactOutcome::NotReachable, 1, today, 14),
            None
        );
        assert_eq!(after_contact(ContactOutcome::Booked, 0, today, 14), None);
        assert_eq!(
            after_contact(ContactOutcome::NotInterested, 0, today, 14),
            None
        );
    }

    #[test]
    fn zero_intervals_are_refused_at_their_field() {
        let mut s = ReminderSettings::default();
        s.intervals[0].months = 0;
        assert_eq!(
            s.validate().unwrap_err().field.as_deref(),
            Some("intervals[0].months")
        );
        let mut s = ReminderSettings::default();
        s.intervals[1].km = Some(0);
        assert_eq!(
            s.validate().unwrap_err().field.as_deref(),
            Some("intervals[1].km")
        );
        let s = ReminderSettings {
            follow_up_after_days: 0,
            ..Default::default()
        };
        assert!(s.validate().is_err());
        assert_eq!(
            ReminderSettings::default().interval_for("MOTORCYCLE").km,
            Some(3000)
        );
        assert_eq!(
            ReminderSettings::default().interval_for("car").km,
            Some(5000)
        );
    }
}
