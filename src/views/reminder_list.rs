//! The reminder list for a date range: each open reminder with the
//! customer's preferred channel, the item and today's estimated mileage,
//! leaving out items with an open job or a booking (they are in the shop's
//! hands already) and customers who opted out. Read from the `reminders_open`
//! index in pages, so a ten-year shop lists as fast as a new one. Its rows
//! are also the CSV the shop's SMS or WeChat tools take (exchange/export.rs).
//! Tests: tests/core/care/reminders.rs and tests/core/views/reminder_list.rs (what is held back).

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::reminder::{estimated_km, ReminderKind};
use crate::model::sheet::{Cell, Row};
use crate::store;
use crate::store::reminders::StoredReminder;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How far back "older ones still open" reach: a reminder nobody acted on for
/// three months has gone cold (and reading further would slow the list).
pub const OVERDUE_DAYS: i64 = 90;

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ReminderRange {
    /// First local day, YYYY-MM-DD (with `overdue`, reminders still open from
    /// the 90 days before it are included too).
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub overdue: bool,
    /// Most rows (default 200, at most 2000).
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ReminderRow {
    pub id: i64,
    pub kind: ReminderKind,
    pub customer_id: i64,
    pub customer_name: String,
    pub phone: Option<String>,
    /// The customer's preferred channel: phone, sms, wechat or email.
    pub channel: String,
    pub item_id: i64,
    pub item_label: String,
    pub due_on: String,
    /// Service: the odometer it is due at.
    pub due_km: Option<i64>,
    /// Today's mileage, estimated from the odometer history.
    pub estimated_km: Option<i64>,
    /// The last job's number, the declined work, or the card's number.
    pub about: String,
    /// Contacts so far (a second one is the follow-up, and the last).
    pub contacts: u32,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct ReminderList {
    pub rows: Vec<ReminderRow>,
    /// Reminders in the range held back: the item has an open job or a booking.
    pub held_back: u32,
    /// More reminders are due in the range than `limit` shows.
    pub more: bool,
}

/// The rows for `kept` (reminders already let through), their customers,
/// items and odometer histories read for all of them at once: on a server
/// in one round trip, the histories on the second connection while the
/// first reads the rest (store/pg/client/second.rs).
fn rows(
    ctx: &Ctx,
    kept: &[StoredReminder],
    offset_minutes: i32,
    today: chrono::NaiveDate,
) -> Result<Vec<ReminderRow>> {
    let ids: Vec<i64> = kept.iter().map(|r| r.id).collect();
    let serviced: Vec<i64> = kept
        .iter()
        .filter(|r| r.kind == ReminderKind::Service)
        .map(|r| r.item_id)
        .collect();
    let (mut shown, histories) = ctx.tx.together_shared((
        store::reminders::shown_read(&ids),
        store::items::odometer_readings_of_read(&serviced),
    ))?;
    kept.iter()
        .map(|r| {
            let shown = shown
                .remove(&r.id)
                .ok_or_else(|| Error::not_found("Reminder", "提醒", r.id))?;
            let estimated = if r.kind == ReminderKind::Service {
                let stored = histories.get(&r.item_id).map_or(&[][..], Vec::as_slice);
                estimated_km(
                    &crate::care::reminders::local_readings(stored, offset_minutes),
                    today,
                )
            } else {
                None
            };
            Ok(ReminderRow {
                id: r.id,
                kind: r.kind,
                customer_id: r.customer_id,
                customer_name: shown.customer_name,
                phone: shown.phone,
                channel: shown.channel,
                item_id: r.item_id,
                item_label: shown.item_label,
                due_on: r.due_on.clone(),
                due_km: r.due_km,
                estimated_km: estimated,
                about: shown.about,
                contacts: r.contacts,
            })
        })
        .collect()
}

/// How many reminders to read for the `need` rows still wanted (the limit
/// and one more, which says there are more): those with a bit to spare, as
/// few are held back in a working shop (one in eighty on the benchmark's ten
/// years). Each row read is checked for being held back, so reading twice
/// the need, as this did first, doubled that check; a page with more held
/// back than its spare is followed by another.
fn page_for(need: usize) -> i64 {
    i64::try_from(need + need / 8 + 8).unwrap_or(i64::MAX)
}

pub fn list(ctx: &Ctx, input: ReminderRange) -> Result<ReminderList> {
    let from = crate::shop::period::date("from", &input.from)?;
    let to = crate::shop::period::date("to", &input.to)?;
    if to < from || (to - from).num_days() > 366 {
        return Err(Error::invalid(
            "to",
            "The list covers up to a year: the last day comes after the first",
            "列表最多一年，结束日期须晚于开始日期",
        ));
    }
    let limit = input.limit.unwrap_or(200).clamp(1, 2000) as usize;
    let start = if input.overdue {
        from - chrono::Duration::days(OVERDUE_DAYS)
    } else {
        from
    }
    .format("%Y-%m-%d")
    .to_string();
    let s = crate::shop::settings::load(ctx)?;
    let today = crate::care::today(ctx)?;
    // A card reminder due before this day is for a card that has ended.
    let cards_ended = (today - chrono::Duration::days(s.reminders.card_before_days.into()))
        .format("%Y-%m-%d")
        .to_string();
    let end = to.format("%Y-%m-%d").to_string();
    let offset = s.utc_offset_minutes;
    let mut out = ReminderList {
        rows: Vec::new(),
        held_back: 0,
        more: false,
    };
    // Pages of the index range; the held-back ones are skipped as they come,
    // a page's checks asked together.
    let mut after_day = start.clone();
    let mut after_id = 0i64;
    let mut kept: Vec<StoredReminder> = Vec::new();
    'pages: loop {
        let page = page_for(limit + 1 - kept.len());
        let current = store::reminders::open_due_after(
            ctx.tx,
            &after_day,
            after_id,
            &end,
            &cards_ended,
            page,
        )?;
        let done = (current.len() as i64) < page;
        if let Some(last) = current.last() {
            after_day.clone_from(&last.due_on);
            after_id = last.id;
        }
        let held = store::reminders::held_back(ctx.tx, &current)?;
        for r in current {
            if held.contains(&r.id) {
                out.held_back += 1;
                continue;
            }
            if kept.len() == limit {
                out.more = true;
                break 'pages;
            }
            kept.push(r);
        }
        if done {
            break;
        }
    }
    out.rows = rows(ctx, &kept, offset, today)?;
    Ok(out)
}

pub fn sheet(ctx: &Ctx, from: &str, to: &str) -> Result<Vec<Row>> {
    let list = list(
        ctx,
        ReminderRange {
            from: from.to_string(),
            to: to.to_string(),
            overdue: false,
            limit: Some(2000),
        },
    )?;
    Ok(list
        .rows
        .into_iter()
        .map(|r| {
            vec![
                Cell::Text(r.due_on),
                Cell::Text(crate::base::code::code_of(r.kind)),
                Cell::Text(r.customer_name),
                r.phone.into(),
                Cell::Text(r.channel),
                Cell::Text(r.item_label),
                Cell::Text(r.about),
                r.due_km.map(Cell::Int).unwrap_or(Cell::Empty),
                r.estimated_km.map(Cell::Int).unwrap_or(Cell::Empty),
                Cell::Int(r.contacts.into()),
            ]
        })
        .collect())
}

/// The CSV's column headers, English and Chinese.
pub const HEADERS: &[(&str, &str)] = &[
    ("Due", "到期日"),
    ("Kind", "类型"),
    ("Customer", "客户"),
    ("Phone", "电话"),
    ("Channel", "联系方式"),
    ("Item", "车辆/物品"),
    ("About", "事由"),
    ("Due at km", "到期里程"),
    ("Estimated km today", "估计当前里程"),
    ("Contacts", "已联系次数"),
];
