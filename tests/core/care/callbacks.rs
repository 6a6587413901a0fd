//! Follow-up calls: scheduling at handover in the shop's windows and open
//! days, the calls list, outcomes and attempts, opting out
//! (care/schedule.rs, care/callbacks.rs, care/contact.rs).

use crate::common::*;
use chrono::{TimeZone, Utc};
use jobcard::ErrorCode;
use serde_json::{json, Value};

fn calls(s: &mut Shop, day: &str) -> Value {
    s.call("callback.list", json!({ "day": day }))
}

fn only_call(s: &mut Shop, day: &str) -> Value {
    let l = calls(s, day);
    assert_eq!(l["calls"].as_array().unwrap().len(), 1, "{l}");
    l["calls"][0].clone()
}

#[test]
fn handover_schedules_the_call_three_days_later_in_the_first_window() {
    // t0 is Monday 2026-11-02 09:00 UTC; the shop is on UTC here.
    let mut s = Shop::new();
    let (j, inv, card) = s.delivered();
    assert!(calls(&mut s, "2026-11-04")["calls"]
        .as_array()
        .unwrap()
        .is_empty());
    let c = only_call(&mut s, "2026-11-05");
    assert_eq!(c["job_number"], j.as_str());
    assert_eq!(c["callback"]["due_at"], "2026-11-05T09:00:00Z");
    assert_eq!(c["callback"]["due_until"], "2026-11-05T11:00:00Z");
    assert_eq!(c["callback"]["expires_at"], "2026-11-17T23:59:59Z");
    assert_eq!(c["customer_name"], "王小明");
    assert_eq!(c["phone"], "13800138000");
    assert_eq!(c["card_number"], card.as_str());
    assert_eq!(
        c["amount"],
        s.call("invoice.get", json!({ "invoice": inv }))["invoice"]["totals"]["total"]
    );
    assert!(!c["work"].as_array().unwrap().is_empty());
    assert!(c["delivered_at"].as_str().is_some());
    // Still on the list the next days (overdue), until it expires.
    s.at(Utc.with_ymd_and_hms(2026, 11, 6, 12, 0, 0).unwrap());
    let c = only_call(&mut s, "2026-11-06");
    assert_eq!(c["overdue"], true);
    s.call(
        "callback.record",
        json!({ "staff_id": s.counter, "callback_id": c["callback"]["id"],
        "outcome": "no_answer", "comment": "voicemail" }),
    );
    s.at(Utc.with_ymd_and_hms(2026, 11, 18, 8, 0, 0).unwrap());
    let l = calls(&mut s, "2026-11-18");
    assert!(l["calls"].as_array().unwrap().is_empty());
    assert_eq!(l["missed"][0]["callback"]["state"], "missed");
    // The missed call still shows what was tried.
    let tried = &l["missed"][0]["callback"]["attempts"];
    assert_eq!(tried.as_array().unwrap().len(), 1, "{l}");
    assert_eq!(tried[0]["comment"], "voicemail");
}

#[test]
fn the_call_skips_closed_days_and_follows_the_preferred_time_and_time_zone() {
    // Closed on Thursdays and on 2026-11-06; China time (UTC+8); afternoons preferred.
    let mut s = Shop::with_settings(json!({ "utc_offset_minutes": 480,
        "care": { "closed_weekdays": [4], "closed_dates": ["2026-11-06"], "callback_after_days": 3 } }));
    s.call(
        "contact.set",
        json!({ "staff_id": s.counter, "customer_id": s.customer,
        "calls": true, "channel": "wechat", "preferred_time": "afternoon" }),
    );
    s.delivered();
    // Handover Monday 17:00 local; +3 = Thursday (closed), Friday (holiday), so Saturday 16:00 local.
    let c = only_call(&mut s, "2026-11-07");
    assert_eq!(c["callback"]["due_at"], "2026-11-07T08:00:00Z");
    assert_eq!(c["callback"]["due_until"], "2026-11-07T10:00:00Z");
}

#[test]
fn no_call_for_a_customer_who_said_no_and_opting_out_needs_a_reason() {
    let mut s = Shop::new();
    let e = s.refused(
        "contact.set",
        json!({ "staff_id": s.counter, "customer_id": s.customer, "calls": false, "channel": "phone", "preferred_time": "any" }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("opt_out_reason"));
    s.call("contact.set", json!({ "staff_id": s.counter, "customer_id": s.customer, "calls": false,
        "channel": "phone", "preferred_time": "any", "opt_out_reason": "  Does not want calls at work  " }));
    let p = s.call("contact.get", json!({ "customer_id": s.customer }));
    assert_eq!(p["opt_out_reason"], "Does not want calls at work");
    s.delivered();
    assert_eq!(s.count("callbacks"), 0);
}

#[test]
fn opting_out_cancels_the_open_call() {
    let mut s = Shop::new();
    s.delivered();
    s.call(
        "contact.set",
        json!({ "staff_id": s.counter, "customer_id": s.customer, "calls": false,
        "channel": "phone", "preferred_time": "any", "opt_out_reason": "moved abroad" }),
    );
    assert!(calls(&mut s, "2026-11-05")["calls"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn no_answer_three_times_closes_it_as_unreachable_and_comments_are_kept_verbatim() {
    let mut s = Shop::new();
    s.delivered();
    s.at(Utc.with_ymd_and_hms(2026, 11, 5, 9, 30, 0).unwrap());
    let id = only_call(&mut s, "2026-11-05")["callback"]["id"].clone();
    let words = "  Rang 8 times — 没人接  ";
    for i in 0..3 {
        let r = s.call(
            "callback.record",
            json!({ "staff_id": s.counter, "callback_id": id,
            "outcome": "no_answer", "comment": words }),
        );
        let want = if i < 2 { "open" } else { "unreachable" };
        assert_eq!(r["call"]["callback"]["state"], want, "attempt {i}");
        assert_eq!(r["call"]["callback"]["attempts"][i]["comment"], words);
        if i < 2 {
            // The list shows the call with every attempt so far.
            let listed = only_call(&mut s, "2026-11-05");
            let tried = listed["callback"]["attempts"].as_array().unwrap();
            assert_eq!(tried.len(), i + 1);
            assert_eq!(tried[i]["comment"], words);
        }
    }
    let e = s.refused(
        "callback.record",
        json!({ "staff_id": s.counter, "callback_id": id, "outcome": "no_answer" }),
        ErrorCode::InvalidState,
    );
    assert!(e.message.contains("closed"));
    assert!(s
        .core
        .checks()
        .sql()
        .execute("DELETE FROM callback_attempts", ())
        .is_err());
}

#[test]
fn call_back_moves_the_call_into_a_window_and_a_wrong_number_closes_it() {
    let mut s = Shop::new();
    s.delivered();
    s.at(Utc.with_ymd_and_hms(2026, 11, 5, 9, 30, 0).unwrap());
    let id = only_call(&mut s, "2026-11-05")["callback"]["id"].clone();
    for (at, field) in [
        ("", "call_back_at"),
        ("tomorrow", "call_back_at"),
        ("2026-11-05T12:00:00Z", "call_back_at"),
        ("2026-11-01T09:30:00Z", "call_back_at"),
        // Past the call's limit (handover + 15 days): it would count as missed.
        ("2026-11-20T09:30:00Z", "call_back_at"),
    ] {
        let e = s.refused(
            "callback.record",
            json!({ "staff_id": s.counter, "callback_id": id, "outcome": "call_back", "call_back_at": at }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field.as_deref(), Some(field), "{at}: {e:?}");
    }
    let r = s.call(
        "callback.record",
        json!({ "staff_id": s.counter, "callback_id": id,
        "outcome": "call_back", "call_back_at": "2026-11-06T16:30:00Z", "comment": "driving now" }),
    );
    assert_eq!(r["call"]["callback"]["due_at"], "2026-11-06T16:30:00Z");
    assert_eq!(r["call"]["callback"]["state"], "open");
    assert!(calls(&mut s, "2026-11-05")["calls"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(only_call(&mut s, "2026-11-06")["callback"]["id"], id);
    let r = s.call(
        "callback.record",
        json!({ "staff_id": s.counter, "callback_id": id, "outcome": "wrong_number" }),
    );
    assert_eq!(r["call"]["callback"]["state"], "unreachable");
}

#[test]
fn only_people_with_the_care_permission_record_calls() {
    let mut s = Shop::new();
    s.delivered();
    let id = only_call(&mut s, "2026-11-05")["callback"]["id"].clone();
    s.refused(
        "callback.record",
        json!({ "staff_id": s.tech, "callback_id": id, "outcome": "no_answer" }),
        ErrorCode::Forbidden,
    );
    s.refused(
        "callback.record",
        json!({ "staff_id": s.counter, "callback_id": 999999, "outcome": "no_answer" }),
        ErrorCode::NotFound,
    );
}

#[test]
fn care_settings_are_checked_at_their_field() {
    let mut s = Shop::new();
    let mut settings = s.call("settings.get", json!({}));
    for (patch, field) in [
        (
            json!({ "callback_after_days": 0 }),
            "settings.care.callback_after_days",
        ),
        (
            json!({ "callback_after_days": 15 }),
            "settings.care.callback_after_days",
        ),
        (json!({ "call_windows": [] }), "settings.care.call_windows"),
        (
            json!({ "call_windows": [{ "start": "11:00", "end": "09:00" }] }),
            "settings.care.call_windows[0]",
        ),
        (
            json!({ "call_windows": [{ "start": "9am", "end": "11:00" }] }),
            "settings.care.call_windows[0]",
        ),
        (
            json!({ "closed_weekdays": [1, 2, 3, 4, 5, 6, 7] }),
            "settings.care.closed_weekdays",
        ),
        (
            json!({ "closed_weekdays": [8] }),
            "settings.care.closed_weekdays",
        ),
        (json!({ "survey_scale": 11 }), "settings.care.survey_scale"),
        (
            json!({ "unhappy_at_or_below": 5 }),
            "settings.care.unhappy_at_or_below",
        ),
        (json!({ "max_attempts": 0 }), "settings.care.max_attempts"),
    ] {
        let mut care = settings["care"].clone();
        for (k, v) in patch.as_object().unwrap() {
            care[k] = v.clone();
        }
        settings["care"] = care;
        let e = s.refused(
            "settings.update",
            json!({ "staff_id": s.manager, "settings": settings }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field.as_deref(), Some(field), "{patch}");
        settings = s.call("settings.get", json!({}));
    }
}

/// The list reads every row's job, customer, item, invoice and card at once:
/// two calls for two customers each carry their own.
#[test]
fn each_call_on_the_list_carries_its_own_customer_job_and_card() {
    let mut s = Shop::new();
    let (j1, inv1, card1) = s.delivered();
    let c = s.call(
        "customer.create",
        json!({ "staff_id": s.counter, "customer": {
        "kind": "person", "name": "Anna Berg", "phones": ["139 0000 1111"] } }),
    );
    s.customer = id(&c);
    s.car = id(&s.call("item.create", json!({ "staff_id": s.counter, "owner_id": s.customer,
        "odometer": 90000, "item": { "kind": "vehicle", "plate": "粤B 77777", "make": "Volvo", "model": "V70" } })));
    let (j2, inv2, card2) = s.delivered();
    assert_ne!(card1, card2);
    let l = calls(&mut s, "2026-11-05");
    let rows = l["calls"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{l}");
    let total = |s: &mut Shop, inv: &str| {
        s.call("invoice.get", json!({ "invoice": inv }))["invoice"]["totals"]["total"].clone()
    };
    for (job, inv, card, name, phone, plate) in [
        (&j1, &inv1, &card1, "王小明", "13800138000", "粤B12345"),
        (&j2, &inv2, &card2, "Anna Berg", "13900001111", "粤B77777"),
    ] {
        let row = rows
            .iter()
            .find(|r| r["job_number"] == job.as_str())
            .unwrap();
        assert_eq!(row["customer_name"], name, "{row}");
        assert_eq!(row["phone"], phone);
        assert_eq!(row["card_number"], card.as_str());
        assert!(row["item_label"].as_str().unwrap().contains(plate), "{row}");
        assert_eq!(row["amount"], total(&mut s, inv), "{row}");
        assert!(!row["work"].as_array().unwrap().is_empty());
    }
}
