//! The demo shop's appointment book and its older year, through the real
//! commands: jobs handed over twelve to seven months ago (so the owner's
//! figures and charts show a year's trend, and their service reminders fall
//! due now), and a book with today's arrivals (one arrived, others due or
//! late), tomorrow's bookings to confirm, the rest of the week, and
//! yesterday's no-show. Tests: tests/core/faces/desktop.rs.

use super::care::handed_over;
use super::flow::Flow;
use crate::base::error::Result;
use crate::base::time::time_text;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde_json::{json, Value};

/// Two to four jobs a month, twelve to seven months ago: a shop that grows.
pub(super) fn year_before(
    flow: &mut Flow,
    items: &[(i64, i64, bool)],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut n = 0usize;
    for month in (7..=12i64).rev() {
        for k in 0..(2 + (12 - month) / 2) {
            let item = items[(n * 5 + 3) % items.len()];
            handed_over(flow, item, now - Duration::days(month * 30 - k * 7))?;
            n += 1;
        }
    }
    Ok(())
}

pub(super) struct BookDemo {
    pub today: Vec<i64>,
    pub no_show: i64,
}

/// The book around today (the shop is on UTC and open every day, 08:30–18:00).
pub(super) fn appointments(
    flow: &mut Flow,
    items: &[(i64, i64, bool)],
    now: DateTime<Utc>,
) -> Result<BookDemo> {
    let w = flow.w;
    let canned: Value = flow.core.call("canned_job.list", json!({}))?;
    let canned_id = |k: usize| canned[k]["id"].clone();
    let day = now.date_naive();
    let at = |days: i64, h: u32, m: u32| {
        (day + Duration::days(days))
            .and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default())
            .and_utc()
    };
    let book = |flow: &mut Flow,
                item: (i64, i64, bool),
                t: DateTime<Utc>,
                minutes: u32,
                work: &str,
                canned: Option<Value>|
     -> Result<i64> {
        let mut input = json!({ "staff_id": flow.counter, "customer": { "id": item.0 }, "item": { "id": item.1 },
            "starts_at": time_text(t), "minutes": minutes, "work": work });
        if let Some(c) = canned {
            input["canned_job_ids"] = json!([c]);
        }
        let b: Value = flow.core.call("appointment.book", input)?;
        Ok(b["appointment"]["id"].as_i64().unwrap_or_default())
    };
    // Yesterday's booking that nobody came for.
    flow.core.set_now(Some(at(-3, 10, 0)));
    let no_show = book(
        flow,
        items[25],
        at(-1, 10, 0),
        60,
        w.t("Brake fluid change", "更换刹车油"),
        None,
    )?;
    flow.core.set_now(Some(at(-1, 12, 0)));
    flow.core.call(
        "appointment.no_show",
        json!({ "staff_id": flow.counter, "appointment_id": no_show,
        "reason": w.t("No answer on the phone either", "电话也无人接听") }),
    )?;
    // Today, tomorrow and the rest of the week, booked in the past days.
    flow.core.set_now(Some(at(-1, 13, 0)));
    let mut today = Vec::new();
    for (item, h, m, minutes, work, c) in [
        (
            items[2],
            9,
            0,
            60,
            w.t(
                "Intermittent fault: check and quote",
                "间歇性故障，检查报价",
            ),
            None,
        ),
        (
            items[4],
            11,
            30,
            90,
            w.t("Annual service", "年度保养"),
            Some(0),
        ),
        (
            items[7],
            15,
            0,
            120,
            w.t("Front brakes grind", "前刹车有摩擦声"),
            Some(1),
        ),
        (
            items[22],
            16,
            30,
            60,
            w.t("Air conditioning weak", "空调制冷差"),
            None,
        ),
    ] {
        today.push(book(
            flow,
            item,
            at(0, h, m),
            minutes,
            work,
            c.map(canned_id),
        )?);
    }
    for (item, d, h, work) in [
        (
            items[13],
            1,
            10,
            w.t("Oil and filter change", "更换机油机滤"),
        ),
        (
            items[16],
            2,
            9,
            w.t("Tyre rotation and alignment", "轮胎换位及四轮定位"),
        ),
        (items[19], 3, 14, w.t("Battery check", "蓄电池检查")),
        (
            items[23],
            4,
            10,
            w.t("Does not power on: check and quote", "无法开机，检查报价"),
        ),
    ] {
        book(flow, item, at(d, h, 0), 60, work, None)?;
    }
    for id in &today[..2] {
        flow.core.call(
            "appointment.confirm",
            json!({ "staff_id": flow.counter, "appointment_id": id }),
        )?;
    }
    // The first has come (a device: no odometer to read).
    flow.core.set_now(Some(now.min(at(0, 9, 5))));
    flow.core.call(
        "appointment.arrive",
        json!({ "staff_id": flow.counter, "appointment_id": today[0] }),
    )?;
    Ok(BookDemo { today, no_show })
}
