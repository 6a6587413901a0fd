//! The appointment book: booking within capacity (slots, the day's hours, the
//! workshop's open jobs), a manager's override, states, arrival opening a
//! prefilled job, today's arrivals, the parts check and hostile input
//! (care/appointments.rs, care/arrival.rs, views/book.rs).

use crate::common::*;
use chrono::{TimeZone, Utc};
use jobcard::ErrorCode;
use serde_json::{json, Value};

/// t0 is Monday 2026-11-02 09:00 UTC; the shop is on UTC, open 08:30–18:00.
fn book(s: &mut Shop, item: i64, at: &str, minutes: u32) -> Value {
    let (staff, customer) = (s.counter, s.customer);
    s.call(
        "appointment.book",
        json!({ "staff_id": staff, "customer": { "id": customer }, "item": { "id": item },
                "starts_at": at, "minutes": minutes, "work": "Annual service" }),
    )
}

fn another_car(s: &mut Shop, plate: &str) -> i64 {
    let (staff, customer) = (s.counter, s.customer);
    id(&s.call(
        "item.create",
        json!({ "staff_id": staff, "owner_id": customer, "odometer": 1000,
        "item": { "kind": "vehicle", "plate": plate, "make": "Toyota", "model": "Corolla" } }),
    ))
}

#[test]
fn a_booking_arrives_as_a_prefilled_job_with_its_canned_work() {
    let mut s = Shop::new();
    s.stock_part("OF-1", "new_oem", "1");
    let canned = s.call("canned_job.save", json!({ "staff_id": s.counter, "name": "Oil service", "lines": [
        { "kind": "labour", "description": "Oil and filter change", "quantity": "0.5" },
        { "kind": "part", "description": "Oil filter", "quantity": "2", "part_number": "OF-1" },
        { "kind": "part", "description": "Engine oil 4L", "quantity": "1", "part_number": "OIL-4L", "unit_price": 30000, "part_kind": "new_oem" } ] }));
    let b = s.call(
        "appointment.book",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": s.car },
                "starts_at": "2026-11-02T14:00:00Z", "minutes": 90, "canned_job_ids": [canned["id"]] }),
    );
    let a = &b["appointment"];
    assert_eq!(a["state"], "booked");
    assert_eq!(a["work"], "Oil service");
    assert_eq!(a["ends_at"], "2026-11-02T15:30:00Z");
    assert_eq!(a["day"], "2026-11-02");
    assert_eq!(a["customer_name"], "王小明");
    // The parts check: one filter in stock of two needed; the oil is not in the catalogue.
    let missing = b["missing_parts"].as_array().unwrap();
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert_eq!(missing[0]["part_number"], "OF-1");
    assert_eq!(missing[0]["needed"], "2");
    assert_eq!(missing[0]["on_hand"], "1");
    assert_eq!(missing[1]["unknown"], true);

    let today = s.call("appointment.arrivals", json!({}));
    assert_eq!(today["due"][0]["id"], a["id"]);
    s.at(Utc.with_ymd_and_hms(2026, 11, 2, 14, 10, 0).unwrap());
    let today = s.call("appointment.arrivals", json!({}));
    assert_eq!(today["late"][0]["id"], a["id"]);
    assert!(today["due"].as_array().unwrap().is_empty());

    // A vehicle still needs its odometer read at arrival.
    let e = s.refused(
        "appointment.arrive",
        json!({ "staff_id": s.counter, "appointment_id": a["id"] }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("odometer_in"));
    let r = s.call(
        "appointment.arrive",
        json!({ "staff_id": s.counter, "appointment_id": a["id"], "odometer_in": 42500 }),
    );
    assert_eq!(r["appointment"]["state"], "arrived");
    assert_eq!(r["job"]["complaint"], "Oil service");
    assert_eq!(r["job"]["requested_work"], "Oil service");
    assert_eq!(r["job"]["promised_at"], "2026-11-02T15:30:00Z");
    assert_eq!(r["job"]["odometer_in"], 42500);
    let j = r["job"]["number"].as_str().unwrap().to_string();
    assert_eq!(r["appointment"]["job_number"], j.as_str());
    // The booked canned job waits on the job for the estimate, after the inspection.
    let detail = s.job(&j);
    assert_eq!(detail["booking"]["canned_job_ids"][0], canned["id"]);
    assert!(detail["lines"].as_array().unwrap().is_empty());
    let today = s.call("appointment.arrivals", json!({}));
    assert_eq!(today["arrived"][0]["id"], a["id"]);
    // Arrived is settled.
    s.refused(
        "appointment.arrive",
        json!({ "staff_id": s.counter, "appointment_id": a["id"], "odometer_in": 42500 }),
        ErrorCode::InvalidState,
    );
    s.refused(
        "appointment.cancel",
        json!({ "staff_id": s.counter, "appointment_id": a["id"], "reason": "x" }),
        ErrorCode::InvalidState,
    );
}

#[test]
fn a_new_customer_and_item_can_be_booked_and_arrive_on_their_day_only() {
    let mut s = Shop::new();
    let b = s.call("appointment.book", json!({ "staff_id": s.counter,
        "customer": { "new": { "kind": "person", "name": "Ann Lee", "phones": ["+44 7700 900123"] } },
        "item": { "new": { "kind": "device", "category": "washing machine", "brand": "Bosch", "serial": "WM-1" } },
        "starts_at": "2026-11-03T09:00:00Z", "work": "Drum does not turn" }));
    let a = &b["appointment"];
    assert_eq!(a["minutes"], 60, "the shop's default length");
    assert_eq!(a["customer_name"], "Ann Lee");
    assert!(a["item_label"].as_str().unwrap().contains("Bosch"));
    let e = s.refused(
        "appointment.arrive",
        json!({ "staff_id": s.counter, "appointment_id": a["id"] }),
        ErrorCode::InvalidState,
    );
    assert!(e.message.contains("2026-11-03"), "{}", e.message);
    let tomorrow = s.call("appointment.arrivals", json!({}));
    assert_eq!(
        tomorrow["to_confirm"][0]["id"], a["id"],
        "tomorrow's booking is on the call list the day before"
    );
    let calls = s.call("callback.list", json!({ "day": "2026-11-02" }));
    assert_eq!(
        calls["to_confirm"][0]["id"], a["id"],
        "and on the calls list"
    );
    s.call(
        "appointment.confirm",
        json!({ "staff_id": s.counter, "appointment_id": a["id"] }),
    );
    assert!(s.call("appointment.arrivals", json!({}))["to_confirm"]
        .as_array()
        .unwrap()
        .is_empty());
    s.at(Utc.with_ymd_and_hms(2026, 11, 3, 8, 50, 0).unwrap());
    let r = s.call(
        "appointment.arrive",
        json!({ "staff_id": s.counter, "appointment_id": a["id"] }),
    );
    assert_eq!(r["job"]["complaint"], "Drum does not turn");
    assert!(r["job"]["requested_work"].is_null());
}

#[test]
fn the_book_refuses_a_full_slot_or_day_unless_a_manager_overrides_with_a_reason() {
    let mut s = Shop::with_settings(json!({ "booking": { "bays": 2, "technician_hours": 4 } }));
    let cars: Vec<i64> = (1..=4)
        .map(|i| another_car(&mut s, &format!("B{i}")))
        .collect();
    book(&mut s, cars[0], "2026-11-03T09:00:00Z", 60);
    book(&mut s, cars[1], "2026-11-03T09:30:00Z", 60);
    // Both bays are taken at 09:30–10:00.
    let e = s.refused(
        "appointment.book",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": cars[2] },
                "starts_at": "2026-11-03T09:45:00Z", "minutes": 30, "work": "Tyres" }),
        ErrorCode::InvalidState,
    );
    assert_eq!(e.field.as_deref(), Some("starts_at"));
    assert!(e.message.contains("2 bays"), "{}", e.message);
    // Back to back is fine: 10:30 starts as the 09:30 one ends.
    book(&mut s, cars[2], "2026-11-03T10:30:00Z", 60);
    // The day has 4 technician hours: 3 are booked, 90 more minutes do not fit.
    let e = s.refused(
        "appointment.book",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": cars[3] },
                "starts_at": "2026-11-03T14:00:00Z", "minutes": 90, "work": "Tyres" }),
        ErrorCode::InvalidState,
    );
    assert!(e.message.contains("day is full"), "{}", e.message);
    // The counter may not override; a manager may, with the reason kept.
    let over = json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": cars[3] },
        "starts_at": "2026-11-03T14:00:00Z", "minutes": 90, "work": "Tyres", "override_reason": "Fleet customer" });
    let e = s.refused("appointment.book", over.clone(), ErrorCode::Forbidden);
    assert_eq!(e.field.as_deref(), Some("override_reason"));
    let mut by_manager = over;
    by_manager["staff_id"] = json!(s.manager);
    let b = s.call("appointment.book", by_manager);
    assert_eq!(b["appointment"]["override_reason"], "Fleet customer");
    let days = s.call(
        "appointment.days",
        json!({ "from": "2026-11-03", "to": "2026-11-09" }),
    );
    assert_eq!(days.as_array().unwrap().len(), 7);
    assert_eq!(days[0]["capacity_minutes"], 240);
    assert_eq!(days[0]["booked_minutes"], 270);
    assert_eq!(days[0]["appointments"].as_array().unwrap().len(), 4);
    // One item, one booking at a time.
    let e = s.refused(
        "appointment.book",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": cars[0] },
                "starts_at": "2026-11-05T09:00:00Z", "work": "Again" }),
        ErrorCode::InvalidState,
    );
    assert_eq!(e.field.as_deref(), Some("item"));
}

#[test]
fn open_workshop_jobs_hold_their_bays_until_their_promise() {
    let mut s = Shop::with_settings(json!({ "booking": { "bays": 1 } }));
    // Promised 2026-11-03T09:00Z; it holds the one bay until then.
    s.receive();
    let other = another_car(&mut s, "W1");
    let e = s.refused(
        "appointment.book",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": other },
                "starts_at": "2026-11-02T15:00:00Z", "work": "Check" }),
        ErrorCode::InvalidState,
    );
    assert_eq!(e.field.as_deref(), Some("starts_at"));
    book(&mut s, other, "2026-11-03T10:00:00Z", 60);
}

#[test]
fn moves_keep_their_history_and_each_state_has_its_rule() {
    let mut s = Shop::new();
    let car = s.car;
    let a = book(&mut s, car, "2026-11-02T15:00:00Z", 60)["appointment"].clone();
    let e = s.refused(
        "appointment.move",
        json!({ "staff_id": s.counter, "appointment_id": a["id"], "starts_at": "2026-11-04T10:00:00Z", "reason": " " }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("reason"));
    let moved = s.call(
        "appointment.move",
        json!({ "staff_id": s.counter, "appointment_id": a["id"], "starts_at": "2026-11-04T10:00:00Z", "reason": "Customer travelling" }),
    );
    assert_eq!(moved["moved_from"], a["id"]);
    assert_eq!(moved["minutes"], 60);
    let d = s.call("appointment.get", json!({ "appointment_id": moved["id"] }));
    assert_eq!(d["moved_from"][0]["state"], "moved");
    assert_eq!(d["moved_from"][0]["reason"], "Customer travelling");
    // A no-show only once its time has passed.
    s.refused(
        "appointment.no_show",
        json!({ "staff_id": s.counter, "appointment_id": moved["id"] }),
        ErrorCode::InvalidState,
    );
    s.at(Utc.with_ymd_and_hms(2026, 11, 4, 11, 30, 0).unwrap());
    let ns = s.call(
        "appointment.no_show",
        json!({ "staff_id": s.counter, "appointment_id": moved["id"] }),
    );
    assert_eq!(ns["state"], "no_show");
    assert_eq!(
        s.call("appointment.arrivals", json!({}))["no_shows"][0]["id"],
        moved["id"]
    );
    // Cancelling needs a reason, and a cancelled booking stays in the book.
    let c = book(&mut s, car, "2026-11-05T09:00:00Z", 60)["appointment"].clone();
    let e = s.refused(
        "appointment.cancel",
        json!({ "staff_id": s.counter, "appointment_id": c["id"] }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("reason"));
    s.call(
        "appointment.cancel",
        json!({ "staff_id": s.counter, "appointment_id": c["id"], "reason": "Sold the car" }),
    );
    let days = s.call(
        "appointment.days",
        json!({ "from": "2026-11-05", "to": "2026-11-05" }),
    );
    assert_eq!(days[0]["appointments"][0]["state"], "cancelled");
    assert_eq!(days[0]["booked_minutes"], 0);
    // The store keeps every booking, as it was.
    let checks = s.core.checks();
    let sql = checks.sql();
    assert!(sql.execute("DELETE FROM appointments", ()).is_err());
    assert!(sql
        .execute(
            "UPDATE appointments SET work = 'x' WHERE state = 'cancelled'",
            ()
        )
        .is_err());
}

#[test]
fn hostile_bookings_are_refused_at_their_field() {
    let mut s = Shop::with_settings(json!({ "care": { "closed_weekdays": [7] } }));
    let stranger = id(&s.call(
        "customer.create",
        json!({ "staff_id": s.counter,
        "customer": { "kind": "person", "name": "Other", "phones": ["13700000000"] } }),
    ));
    let base = json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": s.car },
        "starts_at": "2026-11-03T10:00:00Z", "minutes": 60, "work": "Service" });
    let cases: Vec<(Value, &str)> = vec![
        (json!({ "starts_at": "2026-11-01T10:00:00Z" }), "starts_at"), // past
        (json!({ "starts_at": "2026-11-08T10:00:00Z" }), "starts_at"), // Sunday, closed
        (json!({ "starts_at": "2026-11-03T07:00:00Z" }), "starts_at"), // before opening
        (json!({ "starts_at": "2026-11-03T17:30:00Z" }), "starts_at"), // runs past closing
        (json!({ "starts_at": "2030-11-03T10:00:00Z" }), "starts_at"), // years ahead
        (json!({ "starts_at": "next tuesday" }), "starts_at"),
        (json!({ "minutes": 0 }), "minutes"),
        (json!({ "minutes": 100000 }), "minutes"),
        (json!({ "minutes": -5 }), "minutes"),
        (json!({ "work": "   " }), "work"),
        (json!({ "work": "x".repeat(2001) }), "work"),
        (json!({ "canned_job_ids": [999] }), "canned_job_ids[0]"),
        (json!({ "customer": { "id": stranger } }), "item"),
        (
            json!({ "override_reason": "y".repeat(501) }),
            "override_reason",
        ),
        (json!({ "reminder_id": 12345 }), "reminder_id"),
    ];
    for (patch, field) in cases {
        let mut input = base.clone();
        for (k, v) in patch.as_object().unwrap() {
            input[k] = v.clone();
        }
        let e = s.fails("appointment.book", input.clone());
        assert_eq!(e.field.as_deref(), Some(field), "{input}: {e:?}");
        assert!(!e.message_zh.is_empty());
    }
    assert_eq!(s.count("appointments"), 0, "nothing half-written");
    // A technician may not book.
    let mut by_tech = base.clone();
    by_tech["staff_id"] = json!(s.tech);
    s.refused("appointment.book", by_tech, ErrorCode::Forbidden);
    // Bad capacity settings are refused at their field.
    let e = s.refused(
        "settings.update",
        json!({ "staff_id": s.manager, "settings": { "booking": { "bays": 0 } } }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("settings.booking.bays"));
}

#[test]
fn the_calls_list_shows_the_earliest_bookings_to_confirm_and_counts_them_all() {
    let mut s = Shop::new();
    let base = Utc.with_ymd_and_hms(2026, 11, 3, 9, 0, 0).unwrap();
    let mut ids = Vec::new();
    // Entered out of order: the list sorts by time, not by booking.
    for i in (0..23).rev() {
        let car = another_car(&mut s, &format!("粤B C{i:03}"));
        let at = (base + chrono::Duration::minutes(20 * i)).to_rfc3339();
        let b = book(&mut s, car, &at, 20);
        ids.push((i, id(&b["appointment"])));
    }
    ids.sort();
    // Another day's booking is not tomorrow's call.
    let car = another_car(&mut s, "粤B D001");
    book(&mut s, car, "2026-11-04T09:00:00Z", 20);
    // The earliest is confirmed, the second cancelled: 21 still to confirm.
    s.call(
        "appointment.confirm",
        json!({ "staff_id": s.counter, "appointment_id": ids[0].1 }),
    );
    s.call(
        "appointment.cancel",
        json!({ "staff_id": s.counter, "appointment_id": ids[1].1, "reason": "Customer rang" }),
    );
    let shown = |calls: &Value| -> Vec<i64> {
        calls["to_confirm"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_i64().unwrap())
            .collect()
    };
    let calls = s.call("callback.list", json!({ "day": "2026-11-02" }));
    assert_eq!(calls["total_to_confirm"], 21);
    let expected: Vec<i64> = ids[2..22].iter().map(|(_, id)| *id).collect();
    assert_eq!(
        shown(&calls),
        expected,
        "the earliest 20 still booked, in time order"
    );
    // Confirming one moves the next up.
    s.call(
        "appointment.confirm",
        json!({ "staff_id": s.counter, "appointment_id": ids[2].1 }),
    );
    let calls = s.call("callback.list", json!({ "day": "2026-11-02" }));
    assert_eq!(calls["total_to_confirm"], 20);
    let expected: Vec<i64> = ids[3..23].iter().map(|(_, id)| *id).collect();
    assert_eq!(shown(&calls), expected);
}
