//! Service reminders: written at handover (service by time and distance,
//! declined work, cards), the list with its exclusions, contacts (one
//! reminder and one follow-up), snooze, opt-out for good, booking from a
//! reminder and the CSV (care/reminders.rs, views/reminder_list.rs).

use crate::common::*;
use chrono::{TimeZone, Utc};
use jobcard::ErrorCode;
use serde_json::{json, Value};

fn list(s: &mut Shop, from: &str, to: &str) -> Value {
    s.call("reminder.list", json!({ "from": from, "to": to }))
}

fn kinds(l: &Value) -> Vec<String> {
    l["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap().to_string())
        .collect()
}

/// Open reminders written straight into the shop for `customer`: (kind, item,
/// source, due day) each.
fn insert_open<'a>(
    s: &mut Shop,
    customer: i64,
    rows: impl IntoIterator<Item = (&'a str, i64, i64, &'a str)>,
) {
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(kind, item, source, due)| (kind, item, customer, source, due))
        .collect();
    crate::views::reminder_list::insert_open(s, &rows);
}

/// A job with its part declined, billed for labour only and handed over.
fn delivered_with_a_decline(s: &mut Shop) -> String {
    let (j, labour, part) = s.awaiting();
    s.approve_by_phone(&j, &[labour], &[part]);
    let r = s.bill(&j, &[labour]);
    let inv = r["invoice"]["invoice"]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let due = s.call("invoice.get", json!({ "invoice": inv }))["balance_due"].clone();
    s.call(
        "invoice.pay",
        json!({ "staff_id": s.counter, "invoice": inv, "method": "cash", "amount": due }),
    );
    s.call("job.deliver", json!({ "staff_id": s.counter, "job": j }));
    j
}

#[test]
fn handover_writes_the_service_declined_work_and_card_reminders() {
    let mut s = Shop::new();
    let j = delivered_with_a_decline(&mut s);
    // Six months by time (too little odometer history for distance).
    let l = list(&mut s, "2027-05-01", "2027-05-31");
    assert_eq!(kinds(&l), ["service"], "{l}");
    let r = &l["rows"][0];
    assert_eq!(r["due_on"], "2027-05-02");
    assert_eq!(r["due_km"], 42150 + 5000);
    assert_eq!(r["about"], j.as_str());
    assert_eq!(r["phone"], "13800138000");
    assert_eq!(r["channel"], "phone");
    assert_eq!(r["customer_name"], "王小明");
    // The declined part 90 days on.
    let l = list(&mut s, "2027-01-31", "2027-01-31");
    assert_eq!(kinds(&l), ["declined"]);
    assert_eq!(l["rows"][0]["about"], "Brake pad set");
    // Nothing for the claim-free months between.
    assert!(kinds(&list(&mut s, "2026-11-03", "2027-01-30")).is_empty());
}

#[test]
fn distance_brings_the_service_forward_for_a_car_driven_far() {
    let mut s = Shop::new();
    // History from before: 36,000 km sixty days before t0's 42,000 km.
    s.core
        .checks()
        .sql()
        .execute(
            "INSERT INTO odometer_readings (item_id, reading, at, source) VALUES (?1, 36000, '2026-09-03T09:00:00Z', 'manual')",
            [s.car],
        )
        .unwrap();
    s.delivered();
    // 6,150 km in 60 days (to 42,150 at release): 102.5 km a day, so 5,000 km
    // in 49 days, long before six months.
    let l = list(&mut s, "2026-11-01", "2027-10-31");
    let r = &l["rows"][0];
    assert_eq!(r["kind"], "service", "{l}");
    assert_eq!(r["due_on"], "2026-12-21", "{l}");
    assert_eq!(r["due_km"], 47150);
    assert_eq!(r["estimated_km"], 42150);
}

#[test]
fn one_reminder_and_one_follow_up_then_it_stops() {
    let mut s = Shop::new();
    s.delivered();
    s.at(Utc.with_ymd_and_hms(2027, 5, 3, 9, 0, 0).unwrap());
    let l = list(&mut s, "2027-05-01", "2027-05-31");
    let id = l["rows"][0]["id"].clone();
    let r = s.call(
        "reminder.record_contact",
        json!({ "staff_id": s.counter, "reminder_id": id,
        "outcome": "not_reachable", "channel": "phone" }),
    );
    assert_eq!(r["follow_up_on"], "2027-05-17");
    assert!(kinds(&list(&mut s, "2027-05-01", "2027-05-16")).is_empty());
    assert_eq!(
        list(&mut s, "2027-05-17", "2027-05-17")["rows"][0]["contacts"],
        1
    );
    let r = s.call(
        "reminder.record_contact",
        json!({ "staff_id": s.counter, "reminder_id": id,
        "outcome": "reached", "channel": "wechat", "note": "Will think about it" }),
    );
    assert_eq!(r["closed"], true);
    assert!(kinds(&list(&mut s, "2027-01-01", "2027-12-31")).is_empty());
    s.refused(
        "reminder.record_contact",
        json!({ "staff_id": s.counter, "reminder_id": id, "outcome": "reached", "channel": "phone" }),
        ErrorCode::InvalidState,
    );
}

#[test]
fn a_reminder_becomes_an_appointment_and_items_in_the_shop_are_held_back() {
    let mut s = Shop::new();
    s.delivered();
    s.at(Utc.with_ymd_and_hms(2027, 5, 3, 9, 0, 0).unwrap());
    let l = list(&mut s, "2027-05-01", "2027-05-31");
    let rid = l["rows"][0]["id"].clone();
    // Booked outcome only by booking.
    let e = s.refused(
        "reminder.record_contact",
        json!({ "staff_id": s.counter, "reminder_id": rid, "outcome": "booked", "channel": "phone" }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("outcome"));
    // A reminder of another item cannot be booked on this one.
    let e = s.fails("appointment.book", json!({ "staff_id": s.counter, "customer": { "id": s.customer },
        "item": { "id": s.phone_item }, "starts_at": "2027-05-04T10:00:00Z", "work": "Service", "reminder_id": rid }));
    assert_eq!(e.field.as_deref(), Some("reminder_id"));
    let b = s.call("appointment.book", json!({ "staff_id": s.counter, "customer": { "id": s.customer },
        "item": { "id": s.car }, "starts_at": "2027-05-04T10:00:00Z", "work": "Service", "reminder_id": rid }));
    assert_eq!(b["appointment"]["reminder_id"], rid);
    assert!(kinds(&list(&mut s, "2027-05-01", "2027-05-31")).is_empty());
    let closed: String = s
        .core
        .checks()
        .sql()
        .query_row(
            "SELECT closed_why FROM reminders WHERE id = ?1",
            [rid.as_i64().unwrap()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(closed, "booked");

    // Another shop: an open job holds the reminder back, and it says so.
    let mut s = Shop::new();
    s.delivered();
    s.at(Utc.with_ymd_and_hms(2027, 5, 3, 9, 0, 0).unwrap());
    s.call(
        "job.receive",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer },
        "item": { "id": s.car }, "odometer_in": 47000, "complaint": "Noise" }),
    );
    let l = list(&mut s, "2027-05-01", "2027-05-31");
    assert!(kinds(&l).is_empty());
    assert_eq!(l["held_back"], 1);
}

#[test]
fn an_opt_out_is_honoured_for_good() {
    let mut s = Shop::new();
    s.delivered();
    let id = list(&mut s, "2027-05-01", "2027-05-31")["rows"][0]["id"].clone();
    s.call(
        "reminder.record_contact",
        json!({ "staff_id": s.counter, "reminder_id": id,
        "outcome": "opted_out", "channel": "phone", "note": "No marketing" }),
    );
    assert!(kinds(&list(&mut s, "2026-11-01", "2027-11-01")).is_empty());
    // A later handover writes nothing for them.
    s.delivered();
    assert_eq!(
        s.count("reminders WHERE state = 'open'"),
        0,
        "no reminder for a customer who opted out"
    );
    assert!(s
        .core
        .checks()
        .sql()
        .execute("DELETE FROM reminder_opt_outs", ())
        .is_err());
}

#[test]
fn snooze_and_hostile_input_are_checked() {
    let mut s = Shop::new();
    s.delivered();
    let id = list(&mut s, "2027-05-01", "2027-05-31")["rows"][0]["id"].clone();
    for until in ["2026-11-02", "2026-10-01", "2028-12-01", "tomorrow"] {
        let e = s.fails(
            "reminder.snooze",
            json!({ "staff_id": s.counter, "reminder_id": id, "until": until }),
        );
        assert_eq!(e.field.as_deref(), Some("until"), "{until}");
    }
    let r = s.call(
        "reminder.snooze",
        json!({ "staff_id": s.counter, "reminder_id": id, "until": "2027-06-10" }),
    );
    assert_eq!(r["due_on"], "2027-06-10");
    assert_eq!(
        list(&mut s, "2027-06-10", "2027-06-10")["rows"][0]["id"],
        id
    );
    let e = s.fails(
        "reminder.list",
        json!({ "from": "2027-01-01", "to": "2026-01-01" }),
    );
    assert_eq!(e.field.as_deref(), Some("to"));
    let e = s.fails(
        "reminder.list",
        json!({ "from": "2020-01-01", "to": "2027-01-01" }),
    );
    assert_eq!(e.field.as_deref(), Some("to"));
    let e = s.fails(
        "reminder.record_contact",
        json!({ "staff_id": s.counter, "reminder_id": id,
        "outcome": "reached", "channel": "phone", "note": "n".repeat(2001) }),
    );
    assert_eq!(e.field.as_deref(), Some("note"));
    let e = s.fails(
        "reminder.record_contact",
        json!({ "staff_id": s.counter, "reminder_id": 999_999,
        "outcome": "reached", "channel": "phone" }),
    );
    assert_eq!(e.field.as_deref(), Some("reminder_id"));
    // A technician does not make these calls.
    s.refused(
        "reminder.record_contact",
        json!({ "staff_id": s.tech, "reminder_id": id,
        "outcome": "reached", "channel": "phone" }),
        ErrorCode::Forbidden,
    );
    // Intervals of zero are refused at their field.
    let e = s.refused(
        "settings.update",
        json!({ "staff_id": s.manager, "settings": { "reminders": { "intervals": [{ "class": "*", "months": 0 }] } } }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(
        e.field.as_deref(),
        Some("settings.reminders.intervals[0].months")
    );
}

#[test]
fn the_list_exports_to_csv_for_the_shops_messaging_tools() {
    let mut s = Shop::new();
    s.delivered();
    let req: jobcard::exchange::export::ExportRequest = serde_json::from_value(json!({
        "what": "reminders", "format": "csv", "from": "2027-05-01", "to": "2027-05-31", "lang": "zh-CN" }))
    .unwrap();
    let (name, bytes) = s.core.export_named(&req).unwrap();
    assert_eq!(name, "jobcard-reminders-2027-05-01-to-2027-05-31.csv");
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains("到期日") && lines[0].contains("电话"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("2027-05-02,service,王小明,13800138000,phone"),
        "{text}"
    );
    assert_eq!(lines.len(), 2);
}

#[test]
fn the_list_prints_with_a_column_for_the_outcome() {
    use jobcard::documents::Kind;
    use jobcard::model::settings::Lang;
    let mut s = Shop::new();
    let j = delivered_with_a_decline(&mut s);
    let (en, _) = crate::documents::print(
        &mut s.core,
        Kind::Reminders,
        "2027-01-01..2027-05-31",
        Lang::En,
        None,
    );
    for want in [
        "Service reminders",
        "王小明 13800138000",
        "Service due",
        "Declined work",
        "Outcome",
        "47150",
        j.as_str(),
        "Brake pad",
    ] {
        assert!(en.contains(want), "{want} in {en}");
    }
    let (zh, _) = crate::documents::print(
        &mut s.core,
        Kind::Reminders,
        "2027-01-01..2027-05-31",
        Lang::ZhCn,
        None,
    );
    for want in ["保养提醒名单", "保养到期", "未做项目", "联系结果"] {
        assert!(zh.contains(want), "{want} in {zh}");
    }
    assert!(s
        .core
        .render(&jobcard::documents::RenderInput {
            kind: Kind::Reminders,
            number: "2027-01-01".into(),
            lang: None,
            paper: None
        })
        .is_err());
}

#[test]
fn a_card_is_offered_a_check_before_it_ends_and_not_after() {
    // A minor repair's card runs 10 days: the check is offered 5 days before.
    let mut s = Shop::with_settings(json!({ "reminders": { "card_before_days": 5 } }));
    s.delivered();
    let due: String = s
        .core
        .checks()
        .sql()
        .query_row(
            "SELECT due_on FROM reminders WHERE kind = 'card'",
            (),
            |r| r.get(0),
        )
        .unwrap();
    let (days, starts): (i64, String) = s
        .core
        .checks()
        .sql()
        .query_row("SELECT days, starts_on FROM guarantee_cards", (), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let start = chrono::NaiveDate::parse_from_str(&starts, "%Y-%m-%d").unwrap();
    assert_eq!(due, (start + chrono::Duration::days(days - 5)).to_string());
    let l = list(&mut s, &due, &due);
    assert!(kinds(&l).contains(&"card".to_string()), "{l}");
    // Once the card has ended, its check is no longer offered.
    let end = start + chrono::Duration::days(days + 1);
    s.at(Utc.from_utc_datetime(&end.and_hms_opt(9, 0, 0).unwrap()));
    let l = s.call(
        "reminder.list",
        json!({ "from": end.to_string(), "to": end.to_string(), "overdue": true }),
    );
    assert!(!kinds(&l).contains(&"card".to_string()), "{l}");
}

/// The list reads the index in pages a little larger than what it still
/// needs: thirty reminders of an item in the shop come first and are held
/// back across several pages, and the list still fills, in due order, says
/// there are more, and counts what it held back.
#[test]
fn the_list_pages_past_many_held_back_and_says_when_there_are_more() {
    let mut s = Shop::new();
    let (car, phone, customer) = (s.car, s.phone_item, s.customer);
    let rows = (0..30).map(|n| ("service", car, 900_000 + n, "2027-05-01"));
    insert_open(
        &mut s,
        customer,
        rows.chain((0..5).map(|n| ("service", phone, 950_000 + n, "2027-05-02"))),
    );
    s.at(Utc.with_ymd_and_hms(2027, 4, 20, 9, 0, 0).unwrap());
    let page = |s: &mut Shop, limit: u32| {
        s.call(
            "reminder.list",
            json!({ "from": "2027-05-01", "to": "2027-05-31", "limit": limit }),
        )
    };
    let items = |l: &Value| -> Vec<i64> {
        l["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["item_id"].as_i64().unwrap())
            .collect()
    };
    // Nothing held back yet: the car's first three, and more behind them.
    let l = page(&mut s, 3);
    assert_eq!(items(&l), [car, car, car]);
    assert_eq!(
        (l["more"].as_bool(), l["held_back"].as_u64()),
        (Some(true), Some(0))
    );
    // The car comes in: its thirty are held back, page after page.
    s.call(
        "job.receive",
        json!({ "staff_id": s.counter, "customer": { "id": customer },
        "item": { "id": car }, "odometer_in": 47000, "complaint": "Noise" }),
    );
    let l = page(&mut s, 3);
    assert_eq!(items(&l), [phone, phone, phone]);
    assert_eq!(
        (l["more"].as_bool(), l["held_back"].as_u64()),
        (Some(true), Some(30))
    );
    let ids: Vec<i64> = l["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in due order: {ids:?}");
    // Exactly what there is: all five, and nothing more.
    let l = page(&mut s, 5);
    assert_eq!(items(&l), [phone; 5]);
    assert_eq!(
        (l["more"].as_bool(), l["held_back"].as_u64()),
        (Some(false), Some(30))
    );
    let l = page(&mut s, 200);
    assert_eq!(items(&l), [phone; 5]);
    assert_eq!(l["more"], false);
}

/// Card reminders whose card has ended are left out where the index is read,
/// so thirty of them ahead of the list's rows neither show nor count as held
/// back, and the list still fills and says when there are more.
#[test]
fn ended_cards_ahead_in_the_list_are_passed_over() {
    let mut s = Shop::new();
    let (car, phone, customer) = (s.car, s.phone_item, s.customer);
    let rows = (0..30).map(|n| ("card", car, 800_000 + n, "2027-02-10"));
    insert_open(
        &mut s,
        customer,
        rows.chain((0..5).map(|n| ("service", phone, 850_000 + n, "2027-05-02"))),
    );
    s.at(Utc.with_ymd_and_hms(2027, 4, 20, 9, 0, 0).unwrap());
    let page = |s: &mut Shop, limit: u32| {
        s.call(
            "reminder.list",
            json!({ "from": "2027-05-01", "to": "2027-05-31", "overdue": true, "limit": limit }),
        )
    };
    let l = page(&mut s, 3);
    assert_eq!(kinds(&l), ["service"; 3], "{l}");
    assert_eq!(
        (l["more"].as_bool(), l["held_back"].as_u64()),
        (Some(true), Some(0))
    );
    let l = page(&mut s, 5);
    assert_eq!(kinds(&l), ["service"; 5], "{l}");
    assert_eq!(l["more"], false);
    // A card reminder due after the ended day is still offered.
    insert_open(&mut s, customer, [("card", car, 899_999, "2027-04-19")]);
    let l = page(&mut s, 200);
    assert_eq!(
        kinds(&l),
        ["card", "service", "service", "service", "service", "service"],
        "{l}"
    );
}
