//! After the job (pure): the shop's care settings, a customer's contact
//! preference, and when a follow-up call is due. The handbooks' rule: call back
//! a few days after handover, in the best windows (09:00–11:00 and 16:00–18:00),
//! on days the shop is open; never a customer who said no calls.
//! Rules with the store are care/; tests in tests/core/care/ and below.

use crate::base::error::{Error, Result};
use crate::model::lang::LocalText;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A calling window in the shop's local time, "HH:MM"–"HH:MM".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct CallWindow {
    pub start: String,
    pub end: String,
}

/// The handbook's five parts of a callback plan, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(default)]
pub struct CallScript {
    pub goal: LocalText,
    pub purpose: LocalText,
    pub content: LocalText,
    pub wording: LocalText,
    pub record: LocalText,
}

impl Default for CallScript {
    fn default() -> Self {
        CallScript {
            goal: LocalText::new(
                "Thank the customer and make sure the repair is right.",
                "感谢客户，确认维修效果。",
            ),
            purpose: LocalText::new(
                "Catch a problem early, before it becomes a complaint; show that we care after the bill is paid.",
                "及早发现问题，避免演变成投诉；让客户感到付款之后我们仍然关心。",
            ),
            content: LocalText::new(
                "Is everything working as it should? How was the reception, the explanation of work and price, the wait, the handover? Anything else we can do?",
                "车辆/物品使用是否正常？接待、项目和价格说明、等待时间、交车是否满意？还有什么需要我们做的？",
            ),
            wording: LocalText::new(
                "Good morning, this is {shop}. You had your {item} with us on {date}. Is now a good time for about two minutes?",
                "您好，我是{shop}的工作人员。您在{date}将{item}交给我们维修，现在方便占用您大约两分钟吗？",
            ),
            record: LocalText::new(
                "Write the customer's words as they say them; every answer is kept with the job.",
                "按客户原话记录；每次回访结果都随工单保存。",
            ),
        }
    }
}

/// When and how the shop calls back, surveys and handles complaints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(default)]
pub struct CareSettings {
    /// Days after handover the follow-up call is due (1–14).
    pub callback_after_days: u32,
    pub call_windows: Vec<CallWindow>,
    /// Weekdays the shop is closed, 1 = Monday … 7 = Sunday.
    pub closed_weekdays: Vec<u8>,
    /// Dates the shop is closed (holidays), YYYY-MM-DD.
    pub closed_dates: Vec<String>,
    /// Days after handover an unreached callback counts as missed (≥ the above, ≤ 60).
    pub callback_expires_days: u32,
    /// Failed attempts before the callback closes as unreachable (1–10).
    pub max_attempts: u32,
    /// The top of the satisfaction scale (3–10; the bottom is 1).
    pub survey_scale: u8,
    /// A score at or below this is an unhappy answer and opens a complaint.
    pub unhappy_at_or_below: u8,
    /// The compensation anyone handling a complaint may agree; more needs a manager.
    pub compensation_limit: crate::base::money::Money,
    pub script: CallScript,
}

impl Default for CareSettings {
    fn default() -> Self {
        CareSettings {
            callback_after_days: 3,
            call_windows: vec![
                CallWindow {
                    start: "09:00".into(),
                    end: "11:00".into(),
                },
                CallWindow {
                    start: "16:00".into(),
                    end: "18:00".into(),
                },
            ],
            closed_weekdays: Vec::new(),
            closed_dates: Vec::new(),
            callback_expires_days: 15,
            max_attempts: 3,
            survey_scale: 5,
            unhappy_at_or_below: 2,
            compensation_limit: 20_000,
            script: CallScript::default(),
        }
    }
}

fn time_of(field: &str, s: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| {
        Error::invalid(
            field,
            "A time of day as HH:MM, e.g. 09:00",
            "请按 时:分 填写时间，如 09:00",
        )
    })
}

impl CareSettings {
    pub fn validate(&self) -> Result<()> {
        let range = |field: &str, v: u32, lo: u32, hi: u32| {
            if v < lo || v > hi {
                Err(Error::invalid(
                    field,
                    format!("Between {lo} and {hi}"),
                    format!("应在 {lo} 到 {hi} 之间"),
                ))
            } else {
                Ok(())
            }
        };
        range("callback_after_days", self.callback_after_days, 1, 14)?;
        range(
            "callback_expires_days",
            self.callback_expires_days,
            self.callback_after_days,
            60,
        )?;
        range("max_attempts", self.max_attempts, 1, 10)?;
        range("survey_scale", self.survey_scale.into(), 3, 10)?;
        range(
            "unhappy_at_or_below",
            self.unhappy_at_or_below.into(),
            1,
            u32::from(self.survey_scale) - 1,
        )?;
        range(
            "compensation_limit",
            u32::try_from(self.compensation_limit).unwrap_or(u32::MAX),
            0,
            100_000_000,
        )?;
        if self.call_windows.is_empty() || self.call_windows.len() > 6 {
            return Err(Error::invalid(
                "call_windows",
                "Between one and six calling windows",
                "回访时段应为 1 到 6 个",
            ));
        }
        let mut last_end: Option<NaiveTime> = None;
        for (i, w) in self.call_windows.iter().enumerate() {
            let f = format!("call_windows[{i}]");
            let (a, b) = (time_of(&f, &w.start)?, time_of(&f, &w.end)?);
            if a >= b || last_end.is_some_and(|e| a < e) {
                return Err(Error::invalid(
                    &f,
                    "Each window ends after it starts, in order of the day, without overlapping",
                    "每个时段须结束晚于开始，按时间顺序且互不重叠",
                ));
            }
            last_end = Some(b);
        }
        if self.closed_weekdays.iter().any(|d| !(1..=7).contains(d))
            || self.closed_weekdays.len() >= 7
        {
            return Err(Error::invalid(
                "closed_weekdays",
                "Closed weekdays are 1 (Monday) to 7 (Sunday), and the shop opens on at least one",
                "休息日为 1（周一）到 7（周日），且每周至少营业一天",
            ));
        }
        if self.closed_dates.len() > 400 {
            return Err(Error::invalid(
                "closed_dates",
                "At most 400 closed dates",
                "休息日期最多 400 个",
            ));
        }
        for (i, d) in self.closed_dates.iter().enumerate() {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                Error::invalid(
                    &format!("closed_dates[{i}]"),
                    "A date as YYYY-MM-DD",
                    "日期格式为 年-月-日",
                )
            })?;
        }
        for (k, t) in [
            ("goal", &self.script.goal),
            ("purpose", &self.script.purpose),
            ("content", &self.script.content),
            ("wording", &self.script.wording),
            ("record", &self.script.record),
        ] {
            crate::base::text::limit(&format!("script.{k}.en"), &t.en, 2000)?;
            crate::base::text::limit(&format!("script.{k}.zh"), &t.zh, 2000)?;
        }
        Ok(())
    }

    pub fn is_closed(&self, day: NaiveDate) -> bool {
        let wd = day.weekday().number_from_monday() as u8;
        self.closed_weekdays.contains(&wd)
            || self
                .closed_dates
                .iter()
                .any(|d| d == &day.format("%Y-%m-%d").to_string())
    }

    /// The windows as times (validated settings; a bad one is skipped).
    pub fn windows(&self) -> Vec<(NaiveTime, NaiveTime)> {
        self.call_windows
            .iter()
            .filter_map(|w| Some((time_of("", &w.start).ok()?, time_of("", &w.end).ok()?)))
            .collect()
    }
}

/// How the customer wants to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    Sms,
    Wechat,
    Email,
}

/// The part of the day the customer prefers to be called.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum PreferredTime {
    Morning,
    Afternoon,
    Any,
}

/// A customer's contact preference. Saying no to calls needs a reason and is
/// honoured for good (until the customer says yes again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ContactPreference {
    pub customer_id: i64,
    pub calls: bool,
    pub channel: Channel,
    pub preferred_time: PreferredTime,
    pub opt_out_reason: Option<String>,
    pub updated_at: Option<String>,
    pub staff_id: Option<i64>,
}

impl ContactPreference {
    /// What a customer who never said otherwise gets.
    pub fn default_for(customer_id: i64) -> ContactPreference {
        ContactPreference {
            customer_id,
            calls: true,
            channel: Channel::Phone,
            preferred_time: PreferredTime::Any,
            opt_out_reason: None,
            updated_at: None,
            staff_id: None,
        }
    }
}

fn local(t: DateTime<Utc>, offset_minutes: i32) -> chrono::NaiveDateTime {
    (t + Duration::minutes(offset_minutes.into())).naive_utc()
}

fn utc_of(local: chrono::NaiveDateTime, offset_minutes: i32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&(local - Duration::minutes(offset_minutes.into())))
}

/// The first open day on or after `day` (a year at most; settings keep one open weekday).
pub fn open_day(cs: &CareSettings, mut day: NaiveDate) -> NaiveDate {
    for _ in 0..400 {
        if !cs.is_closed(day) {
            break;
        }
        day += Duration::days(1);
    }
    day
}

/// When a follow-up is due: `callback_after_days` after handover, the first
/// open day from there, in the window the customer prefers (morning: the first
/// window starting before noon; afternoon: the first from noon), else the
/// first. Answers the window's start and end in UTC.
pub fn follow_up_slot(
    cs: &CareSettings,
    delivered: DateTime<Utc>,
    offset_minutes: i32,
    preferred: PreferredTime,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let day =
        local(delivered, offset_minutes).date() + Duration::days(cs.callback_after_days.into());
    let day = open_day(cs, day);
    let windows = cs.windows();
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default();
    let pick = windows
        .iter()
        .find(|(a, _)| match preferred {
            PreferredTime::Morning => *a < noon,
            PreferredTime::Afternoon => *a >= noon,
            PreferredTime::Any => true,
        })
        .or(windows.first())
        .copied()
        .unwrap_or((noon, noon));
    (
        utc_of(day.and_time(pick.0), offset_minutes),
        utc_of(day.and_time(pick.1), offset_minutes),
    )
}

/// When an unreached follow-up counts as missed: the end of the shop's day
/// `callback_expires_days` after handover.
pub fn follow_up_expiry(
    cs: &CareSettings,
    delivered: DateTime<Utc>,
    offset_minutes: i32,
) -> DateTime<Utc> {
    let day =
        local(delivered, offset_minutes).date() + Duration::days(cs.callback_expires_days.into());
    utc_of(
        day.and_hms_opt(23, 59, 59).unwrap_or_default(),
        offset_minutes,
    )
}

/// The window a "call back at" time falls in, on an open day; else an error
/// naming the windows.
pub fn window_at(
    cs: &CareSettings,
    at: DateTime<Utc>,
    offset_minutes: i32,
) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
    let l = local(at, offset_minutes);
    let hit = cs
        .windows()
        .into_iter()
        .find(|(a, b)| l.time() >= *a && l.time() < *b);
    match hit {
        Some((_, b)) if !cs.is_closed(l.date()) => {
            Ok((at, utc_of(l.date().and_time(b), offset_minutes)))
        }
        _ => {
            let list: Vec<String> = cs
                .call_windows
                .iter()
                .map(|w| format!("{}–{}", w.start, w.end))
                .collect();
            Err(Error::invalid(
                "call_back_at",
                format!(
                    "Call back within a calling window on an open day ({})",
                    list.join(", ")
                ),
                format!("回拨时间须在营业日的回访时段内（{}）", list.join("、")),
            ))
        }
    }
}
