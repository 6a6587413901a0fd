//! Bad input always gets a clear error (code, both languages, the field) and
//! loses nothing.

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn malformed_and_missing_input_is_invalid_input() {
    let mut s = Shop::new();
    for (cmd, input) in [
        ("job.receive", json!({})),
        ("job.receive", json!("not an object")),
        (
            "estimate.add_line",
            json!({ "staff_id": s.counter, "job": "J1", "line": { "kind": "labour", "description": "x", "quantity": "1.2345" } }),
        ),
        (
            "estimate.add_line",
            json!({ "staff_id": s.counter, "job": "J1", "line": { "kind": "spaceship", "description": "x", "quantity": "1" } }),
        ),
        (
            "customer.create",
            json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "" } }),
        ),
        (
            "customer.create",
            json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "A", "phones": ["call me"] } }),
        ),
        (
            "customer.create",
            json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "A", "email": "nope" } }),
        ),
        (
            "customer.create",
            json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "A", "tax_id": "123" } }),
        ),
        (
            "customer.create",
            json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "x".repeat(201) } }),
        ),
        (
            "item.create",
            json!({ "staff_id": s.counter, "owner_id": s.customer, "item": { "kind": "vehicle", "make": "X", "model": "Y" } }),
        ),
        (
            "item.create",
            json!({ "staff_id": s.counter, "owner_id": s.customer, "item": { "kind": "vehicle", "plate": "A1", "make": "X", "model": "Y", "year": 1800 } }),
        ),
        (
            "item.create",
            json!({ "staff_id": s.counter, "owner_id": s.customer, "item": { "kind": "device", "category": "", "brand": "X" } }),
        ),
        ("search", json!({ "query": "   " })),
        (
            "settings.update",
            json!({ "staff_id": s.manager, "settings": { "currency": { "code": "yuan", "minor_units": 2 } } }),
        ),
        (
            "settings.update",
            json!({ "staff_id": s.manager, "settings": { "job_number_format": "JOB" } }),
        ),
        (
            "settings.update",
            json!({ "staff_id": s.manager, "settings": { "parts_tax_bp": -1 } }),
        ),
        (
            "inspection.add_photo",
            json!({ "staff_id": s.counter, "job": "J1", "finding_id": 1 }),
        ),
    ] {
        let e = s.fails(cmd, input.clone());
        assert!(
            matches!(e.code, ErrorCode::InvalidInput | ErrorCode::NotFound),
            "{cmd} {input}: {e:?}"
        );
        assert!(!e.message.is_empty() && !e.message_zh.is_empty());
    }
}

#[test]
fn unknown_records_are_not_found() {
    let mut s = Shop::new();
    for (cmd, input, field) in [
        ("job.get", json!({ "job": "J9999-000001" }), "job"),
        ("customer.get", json!({ "id": 999 }), "customer_id"),
        ("item.get", json!({ "id": 999 }), "item_id"),
        (
            "work.start_line",
            json!({ "staff_id": s.tech, "line_id": 999 }),
            "line_id",
        ),
        (
            "job.receive",
            json!({ "staff_id": 999, "customer": { "id": s.customer }, "item": { "id": s.car }, "complaint": "x" }),
            "staff_id",
        ),
        (
            "job.receive",
            json!({ "staff_id": s.counter, "customer": { "id": 999 }, "item": { "id": s.car }, "complaint": "x" }),
            "customer_id",
        ),
    ] {
        let e = s.refused(cmd, input, ErrorCode::NotFound);
        assert_eq!(e.field.as_deref(), Some(field), "{cmd}");
    }
    let e = s.fails("no.such.command", json!({}));
    assert_eq!(e.code, ErrorCode::NotFound);
}

#[test]
fn absurd_quantities_and_prices_are_refused() {
    let mut s = Shop::new();
    let j = s.inspected();
    for line in [
        json!({ "kind": "part", "description": "x", "quantity": "1000000.001", "unit_price": 1, "part_kind": "used" }),
        json!({ "kind": "part", "description": "x", "quantity": "1", "unit_price": 9_000_000_000_000i64, "part_kind": "used" }),
        json!({ "kind": "labour", "description": "x", "quantity": "1", "discount_amount": 20000 }),
        json!({ "kind": "labour", "description": "x", "quantity": "1", "discount_amount": 100, "discount_bp": 100 }),
    ] {
        s.refused(
            "estimate.add_line",
            json!({ "staff_id": s.counter, "job": j, "line": line }),
            ErrorCode::InvalidInput,
        );
    }
    assert_eq!(s.count("estimate_lines"), 0);
    assert_eq!(s.state(&j), "inspected");
}

#[test]
fn errors_serialise_as_code_and_message() {
    let mut s = Shop::new();
    let e = s.fails("job.get", json!({ "job": "NOPE" }));
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["code"], "not_found");
    assert_eq!(v["message"], "Job NOPE was not found");
    assert_eq!(v["message_zh"], "未找到工单 NOPE");
    assert_eq!(v["field"], "job");
}

#[test]
fn an_estimate_cannot_add_up_past_what_the_core_can_hold() {
    let mut s = Shop::new();
    let j = s.inspected();
    // Each line is within bounds (1,000 × 10,000,000.00); enough of them would
    // overflow every total. The core stops at its stated bound instead.
    let big = json!({ "kind": "part", "description": "Bulk", "quantity": "1000", "unit_price": 1_000_000_000i64, "part_kind": "used" });
    let mut added = 0;
    for _ in 0..20 {
        let out = s.core.call(
            "estimate.add_line",
            json!({ "staff_id": s.counter, "job": j, "line": big }),
        );
        match out {
            Ok(_) => added += 1,
            Err(e) => {
                assert_eq!(
                    (e.code, e.field.as_deref()),
                    (ErrorCode::InvalidInput, Some("quantity"))
                );
                break;
            }
        }
    }
    assert_eq!(
        added, 10,
        "ten lines reach the bound of 10^13 minor units exactly"
    );
    // The job still opens and its totals are exact.
    let d = s.call("job.get", json!({ "job": j }));
    assert!(
        d["totals"]["estimate"]["total"].as_i64().unwrap() > 0,
        "{}",
        d["totals"]
    );
    let line = d["lines"][0]["id"].as_i64().unwrap();
    s.refused(
        "estimate.update_line",
        json!({ "staff_id": s.counter, "line_id": line, "line": { "kind": "part", "description": "Bulk", "quantity": "1000000", "unit_price": 10_000_000_000i64, "part_kind": "used" } }),
        ErrorCode::InvalidInput,
    );
}

#[test]
fn a_malformed_input_names_its_field_in_words() {
    let mut s = Shop::new();
    let (j, _, _) = s.delivered();
    let cb = s.call("callback.list", json!({ "day": "2026-11-05" }))["calls"][0]["callback"]["id"]
        .clone();
    for (cmd, input, field, words) in [
        // A call outcome without a result.
        (
            "callback.record",
            json!({ "staff_id": s.counter, "callback_id": cb }),
            "outcome",
            "Required",
        ),
        (
            "callback.record",
            json!({ "staff_id": s.counter, "callback_id": cb, "outcome": "hung_up" }),
            "outcome",
            "no_answer",
        ),
        (
            "survey.record",
            json!({ "staff_id": s.counter, "job": j, "via": "counter",
            "answers": { "stages": [{ "stage": "quality", "score": "five" }], "overall": 3 } }),
            "answers.stages[0].score",
            "Wrong kind of value",
        ),
        (
            "survey.record",
            json!({ "staff_id": s.counter, "job": j, "via": "counter",
            "answers": { "stages": [], "overall": 300 } }),
            "answers.overall",
            "Wrong kind of value",
        ),
        (
            "job.receive",
            json!({ "staff_id": s.counter }),
            "customer",
            "Required",
        ),
    ] {
        let e = s.refused(cmd, input, ErrorCode::InvalidInput);
        assert_eq!(e.field.as_deref(), Some(field), "{cmd}: {e:?}");
        assert!(e.message.contains(words), "{cmd}: {e:?}");
        assert!(
            !e.message.contains('`') && !e.message_zh.is_empty(),
            "{e:?}"
        );
    }
    assert_eq!(s.count("callback_attempts"), 0, "nothing recorded");
}
