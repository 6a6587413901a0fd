//! Quality-guarantee cards: terms and minimums, validity by days and distance
//! (whichever ends first), start at completion or handover, claims priced at
//! zero, cards that follow the item, and customer/item history.

use crate::common::*;
use chrono::{Duration, TimeZone, Utc};
use jobcard::ErrorCode;
use serde_json::{json, Value};

fn lookup(s: &mut Shop, card: &str, odometer: Option<i64>) -> Value {
    s.call(
        "guarantee.lookup",
        json!({ "card": card, "odometer": odometer }),
    )[0]
    .clone()
}

fn at(s: &mut Shop, y: i32, m: u32, d: u32, h: u32) {
    s.core
        .set_now(Some(Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()));
}

/// A claim under `card` with one covered labour line, approved.
fn claim_with_covered_line(s: &mut Shop, card: &str, odometer: i64) -> (String, i64) {
    let c = s.call("guarantee.claim", json!({ "staff_id": s.counter, "card": card, "complaint": "Brakes squeal again", "odometer_in": odometer }));
    let j = c["job"]["number"].as_str().unwrap().to_string();
    s.call(
        "inspection.start",
        json!({ "staff_id": s.counter, "job": j }),
    );
    s.call(
        "inspection.all_ok",
        json!({ "staff_id": s.counter, "job": j }),
    );
    s.call(
        "inspection.acknowledge",
        json!({ "staff_id": s.counter, "job": j, "name": "王小明", "method": "verbal" }),
    );
    let line = s.call("estimate.add_line", json!({ "staff_id": s.counter, "job": j, "line": { "kind": "labour", "description": "Re-seat brake pads (guarantee)", "quantity": "0.5", "unit_price": 10000, "covered_by_card": true } }));
    assert_eq!(line["unit_price"], 0, "covered lines are priced at zero");
    let l = line["id"].as_i64().unwrap();
    s.call(
        "estimate.submit",
        json!({ "staff_id": s.counter, "job": j }),
    );
    s.approve_by_phone(&j, &[l], &[]);
    (j, l)
}

#[test]
fn the_card_comes_with_the_invoice_on_the_shops_terms() {
    let mut s = Shop::new();
    let (j, inv, card) = s.invoiced();
    assert_eq!(card, "QG2026-000001");
    let st = lookup(&mut s, &card, None);
    let c = &st["card"];
    assert_eq!(
        (c["days"].as_i64(), c["km"].as_i64()),
        (Some(10), Some(2000)),
        "car, minor repair: 2,000 km or 10 days"
    );
    assert_eq!(c["starts_on"], "2026-11-02");
    assert_eq!(c["odometer_start"], 42150);
    let d = &c["document"];
    assert_eq!(d["job_number"], j.as_str());
    assert_eq!(d["invoice_number"], inv.as_str());
    assert_eq!(d["customer_name"], "王小明");
    assert_eq!(d["item"]["plate"], "粤B12345");
    assert_eq!(d["category_label"]["zh"], "一级维护、小修及专项修理");
    assert_eq!(d["lines"].as_array().unwrap().len(), 2);
    assert!(!d["exclusions"]["zh"].as_str().unwrap().is_empty());
    assert_eq!(st["cover"]["validity"], "valid");
    let inv_doc = s.call("invoice.get", json!({ "invoice": inv }));
    assert_eq!(inv_doc["invoice"]["guarantee_card"], card.as_str());
}

#[test]
fn terms_below_an_enforced_minimum_are_refused_and_longer_ones_kept() {
    let mut s = Shop::new();
    let (j, labour, part) = s.ready();
    let e = s.refused("invoice.issue", json!({ "staff_id": s.counter, "job": j, "line_terms": [{ "line_id": part, "days": 5, "km": 2000 }] }), ErrorCode::InvalidInput);
    assert_eq!(e.field.as_deref(), Some("line_terms[0]"));
    assert!(e.message.contains("10 days / 2000 km"), "{}", e.message);
    assert_eq!(s.count("invoices"), 0, "a refused term issues no invoice");
    let r = s.call("invoice.issue", json!({ "staff_id": s.counter, "job": j, "line_terms": [{ "line_id": part, "days": 365, "km": 20000 }] }));
    let card = &r["guarantee_card"];
    assert_eq!(
        (card["days"].as_i64(), card["km"].as_i64()),
        (Some(365), Some(20000))
    );
    let lines = card["document"]["lines"].as_array().unwrap();
    let by = |id: i64| lines.iter().find(|l| l["line_id"] == id).unwrap().clone();
    assert_eq!(by(labour)["days"], 10);
    assert_eq!(by(part)["days"], 365);
    // The shop cannot lower the table below an enforced minimum either.
    let mut settings = s.call("settings.get", json!({}));
    settings["guarantee_table"][0]["days"] = json!(50);
    s.refused(
        "settings.update",
        json!({ "staff_id": s.manager, "settings": settings }),
        ErrorCode::InvalidInput,
    );
}

#[test]
fn valid_through_the_last_day_and_not_after() {
    let mut s = Shop::new();
    let (_, _, card) = s.invoiced();
    at(&mut s, 2026, 11, 11, 23);
    let st = lookup(&mut s, &card, Some(42150));
    assert_eq!(
        (
            st["cover"]["validity"].as_str(),
            st["cover"]["days_left"].as_i64()
        ),
        (Some("valid"), Some(0))
    );
    assert_eq!(st["cover"]["last_day"], "2026-11-11");
    at(&mut s, 2026, 11, 12, 0);
    let st = lookup(&mut s, &card, Some(42150));
    assert_eq!(
        (
            st["cover"]["validity"].as_str(),
            st["cover"]["expired_by"].as_str()
        ),
        (Some("expired"), Some("days"))
    );
}

#[test]
fn exact_distance_is_covered_one_more_kilometre_is_not() {
    let mut s = Shop::new();
    let (_, _, card) = s.invoiced();
    let st = lookup(&mut s, &card, Some(44150));
    assert_eq!(
        (
            st["cover"]["validity"].as_str(),
            st["cover"]["km_left"].as_i64()
        ),
        (Some("valid"), Some(0))
    );
    // Expired by distance while days remain.
    let st = lookup(&mut s, &card, Some(44151));
    assert_eq!(
        (
            st["cover"]["validity"].as_str(),
            st["cover"]["expired_by"].as_str()
        ),
        (Some("expired"), Some("distance"))
    );
    assert_eq!(st["cover"]["days_left"], 9);
    let e = s.refused(
        "guarantee.claim",
        json!({ "staff_id": s.counter, "card": card, "complaint": "x", "odometer_in": 44151 }),
        ErrorCode::InvalidState,
    );
    assert!(e.message.contains("expired"));
}

#[test]
fn cover_can_start_at_handover() {
    let mut s = Shop::with_settings(json!({ "guarantee_starts_at": "handover" }));
    let (j, inv, card) = s.invoiced();
    assert_eq!(
        lookup(&mut s, &card, None)["cover"]["validity"],
        "not_started"
    );
    s.refused(
        "guarantee.claim",
        json!({ "staff_id": s.counter, "card": card, "complaint": "x", "odometer_in": 42200 }),
        ErrorCode::InvalidState,
    );
    at(&mut s, 2026, 11, 5, 10);
    s.call(
        "invoice.pay",
        json!({ "staff_id": s.counter, "invoice": inv, "method": "card", "amount": 44500 }),
    );
    s.call("job.deliver", json!({ "staff_id": s.counter, "job": j }));
    let st = lookup(&mut s, &card, None);
    assert_eq!(st["card"]["starts_on"], "2026-11-05");
    assert_eq!(st["cover"]["last_day"], "2026-11-14");
    // Started cards never change.
    assert!(s
        .core
        .checks()
        .sql()
        .execute("UPDATE guarantee_cards SET starts_on = '2027-01-01'", ())
        .is_err());
}

#[test]
fn a_claim_links_to_the_card_and_covered_work_costs_nothing() {
    let mut s = Shop::new();
    let (orig, _, card) = s.invoiced();
    // Covered lines exist only on claims.
    let other = s.inspected();
    s.refused("estimate.add_line", json!({ "staff_id": s.counter, "job": other, "line": { "kind": "labour", "description": "x", "quantity": "1", "covered_by_card": true } }), ErrorCode::InvalidInput);
    s.call(
        "job.cancel",
        json!({ "staff_id": s.counter, "job": other, "reason": "test" }),
    );
    at(&mut s, 2026, 11, 8, 9);
    let (claim, line) = claim_with_covered_line(&mut s, &card, 42600);
    let d = s.job(&claim);
    assert!(d["job"]["claim_card_id"].is_i64());
    assert!(d["job"]["requested_work"].as_str().unwrap().contains(&card));
    let r = s.bill(&claim, &[line]);
    let inv = &r["invoice"]["invoice"];
    assert_eq!(inv["totals"]["total"], 0);
    assert_eq!(inv["claim_card"], card.as_str());
    assert_eq!(inv["lines"][0]["covered_by_card"], true);
    assert!(
        r["guarantee_card"].is_null(),
        "the original period does not restart"
    );
    assert_eq!(r["invoice"]["status"], "paid");
    s.call(
        "job.deliver",
        json!({ "staff_id": s.counter, "job": claim }),
    );
    // The item's history shows both, with the claim linked.
    let history = s.call("history.item", json!({ "id": s.car }));
    let kinds: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    for k in [
        "job",
        "inspection",
        "estimate",
        "approval",
        "invoice",
        "guarantee_card",
        "claim",
    ] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    let claim_entry = history
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "claim")
        .unwrap();
    assert_eq!(claim_entry["detail"]["card"], card.as_str());
    let ats: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["at"].as_str().unwrap())
        .collect();
    assert!(ats.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert!(history
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["job_number"] == orig.as_str()));
}

#[test]
fn the_period_restarts_on_a_claim_only_when_the_shop_says_so() {
    let mut s = Shop::with_settings(json!({ "guarantee_restarts_on_claim": true }));
    let (_, _, card) = s.invoiced();
    at(&mut s, 2026, 11, 8, 9);
    let (claim, line) = claim_with_covered_line(&mut s, &card, 42600);
    let r = s.bill(&claim, &[line]);
    let new_card = &r["guarantee_card"];
    assert_eq!(new_card["starts_on"], "2026-11-08");
    let original = lookup(&mut s, &card, None);
    assert_eq!(new_card["restarts_card_id"], original["card"]["id"]);
}

#[test]
fn the_card_follows_the_item_to_a_new_owner() {
    let mut s = Shop::new();
    let (_, _, card) = s.invoiced();
    let buyer = s.call("customer.create", json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "New Owner", "phones": ["13511112222"] } }));
    s.call(
        "item.transfer",
        json!({ "staff_id": s.counter, "id": s.car, "new_owner_id": buyer["id"] }),
    );
    let cards = s.call("guarantee.lookup", json!({ "item_id": s.car }));
    assert_eq!(cards[0]["cover"]["validity"], "valid");
    s.core.set_now(Some(t0() + Duration::days(3)));
    let c = s.call(
        "guarantee.claim",
        json!({ "staff_id": s.counter, "card": card, "complaint": "noise", "odometer_in": 42300 }),
    );
    assert_eq!(c["job"]["customer_id"], buyer["id"]);
}

#[test]
fn absurd_odometer_readings_are_refused_not_a_panic() {
    let mut s = Shop::new();
    let (_, card) = {
        let (j, _inv, _) = s.invoiced();
        let d = s.call("job.get", json!({ "job": j }));
        (j, d["card_numbers"][0].as_str().unwrap().to_string())
    };
    for odometer in [i64::MIN, -1, 10_000_001, i64::MAX] {
        let e = s.refused(
            "guarantee.lookup",
            json!({ "card": card, "odometer": odometer }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field.as_deref(), Some("odometer"), "{odometer}");
        s.refused(
            "guarantee.claim",
            json!({ "staff_id": s.counter, "card": card, "complaint": "Squeal", "odometer_in": odometer }),
            ErrorCode::InvalidInput,
        );
    }
}
