//! Complaints: the record, the enforced steps, the resolutions carried out for
//! real, the loop confirmed by a second call, overdue steps and the register
//! (care/complaints.rs, care/complaint_steps.rs, care/complaints_resolution.rs).

use crate::common::*;
use chrono::{Duration, TimeZone, Utc};
use jobcard::ErrorCode;
use serde_json::{json, Value};

fn facts(what: &str) -> Value {
    json!({ "what_happened": what, "when_happened": "yesterday", "condition": "squeal when braking",
        "staff_involved": [], "staff_manner": null, "real_reason": null, "wanted": "fix it for free", "reasonable": null })
}

fn open(s: &mut Shop, job: Option<&str>, level: u8) -> Value {
    let (staff, customer) = (s.counter, s.customer);
    s.call("complaint.open", json!({ "staff_id": staff, "customer_id": customer, "job": job,
        "source": "phone", "level": level, "category": "repair_quality", "facts": facts("Brakes squeal again") }))
}

fn step(s: &mut Shop, c: &str, extra: Value) -> Result<Value, jobcard::Error> {
    let mut input = json!({ "staff_id": s.counter, "complaint": c });
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    s.core.call("complaint.step", input)
}

#[test]
fn a_complaint_runs_to_closure_through_a_redo_under_the_card() {
    let mut s = Shop::new();
    let (j, _, card) = s.delivered();
    let c = open(&mut s, Some(&j), 3);
    let n = c["number"].as_str().unwrap().to_string();
    assert_eq!(n, "CP2026-000001");
    assert_eq!(c["step"], "received");
    assert_eq!(c["card_number"], card.as_str());
    assert_eq!(c["returning_customer"], false);
    // Level 3: each step due within 24 h.
    assert_eq!(c["next_due"], "2026-11-03T09:00:00Z");

    // Steps only in order.
    let e = step(&mut s, &n, json!({ "step": "closed" })).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("step"));
    let e = step(
        &mut s,
        &n,
        json!({ "step": "clarified", "facts": facts("Brakes squeal again") }),
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("facts.reasonable"));
    let mut clarified = facts("Squeal from the front left after 300 km");
    clarified["reasonable"] = json!(true);
    clarified["staff_involved"] = json!([s.tech]);
    step(
        &mut s,
        &n,
        json!({ "step": "clarified", "facts": clarified }),
    )
    .unwrap();
    step(
        &mut s,
        &n,
        json!({ "step": "resolution_agreed", "resolution": { "kind": "redo" } }),
    )
    .unwrap();
    let e = step(&mut s, &n, json!({ "step": "action_taken" })).unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("odometer_in"),
        "the car comes back in: {e:?}"
    );
    let c = step(
        &mut s,
        &n,
        json!({ "step": "action_taken", "odometer_in": 42600 }),
    )
    .unwrap();
    let claim = c["steps"][3]["reference"].as_str().unwrap().to_string();
    let claim_job = s.job(&claim);
    assert_eq!(
        claim_job["job"]["state"], "received",
        "the redo is a real claim job"
    );
    assert!(claim_job["job"]["claim_card_id"].as_i64().is_some());
    let manager = s.manager;
    let e = step(&mut s, &n, json!({ "step": "thanked", "confirmed": false })).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("note"));
    step(
        &mut s,
        &n,
        json!({ "step": "thanked", "confirmed": true, "note": "谢谢，已经不响了" }),
    )
    .unwrap();
    let e = step(&mut s, &n, json!({ "step": "root_cause", "root_cause": {
        "cause": "repair_quality", "direct_responsibility": "", "corrective_action": "x", "owner_id": manager, "due": "2026-11-30" } })).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("root_cause.direct_responsibility"));
    let e = step(&mut s, &n, json!({ "step": "root_cause", "root_cause": {
        "cause": "repair_quality", "direct_responsibility": "Ivan", "corrective_action": "x", "owner_id": manager, "due": "2026-10-01" } })).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("root_cause.due"));
    step(&mut s, &n, json!({ "step": "root_cause", "root_cause": {
        "cause": "repair_quality", "direct_responsibility": "Ivan: pads not bedded in",
        "secondary_responsibility": "No road test in the check",
        "corrective_action": "Road test after every brake job", "owner_id": manager, "due": "2026-11-30" } })).unwrap();
    // The second call is scheduled; reaching the customer confirms the loop.
    s.at(Utc.with_ymd_and_hms(2026, 11, 5, 9, 15, 0).unwrap());
    let list = s.call("callback.list", json!({ "day": "2026-11-05" }));
    let loop_call = list["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["callback"]["purpose"] == "loop_check")
        .expect("a loop-check call")
        .clone();
    assert_eq!(loop_call["complaint_number"], n.as_str());
    // It cannot close before the loop is confirmed.
    let e = step(&mut s, &n, json!({ "step": "closed" })).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("step"));
    s.call(
        "callback.record",
        json!({ "staff_id": s.counter, "callback_id": loop_call["callback"]["id"],
        "outcome": "reached", "comment": "All good now" }),
    );
    let c = s.call("complaint.get", json!({ "complaint": n }));
    assert_eq!(c["step"], "loop_confirmed");
    let c = step(
        &mut s,
        &n,
        json!({ "step": "closed", "note": "Closed with thanks" }),
    )
    .unwrap();
    assert_eq!(c["step"], "closed");
    assert!(c["next_due"].is_null());
    let steps: Vec<&str> = c["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "received",
            "clarified",
            "resolution_agreed",
            "action_taken",
            "thanked",
            "root_cause",
            "loop_confirmed",
            "closed"
        ]
    );
    assert!(c["steps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["staff_id"].as_i64().is_some() && x["at"].as_str().is_some()));
    assert_eq!(
        c["steps"][0]["facts"]["what_happened"], "Brakes squeal again",
        "the first record is kept"
    );
    assert_eq!(
        c["facts"]["what_happened"],
        "Squeal from the front left after 300 km"
    );
    step(&mut s, &n, json!({ "step": "closed" })).unwrap_err();
    assert!(s
        .core
        .checks()
        .sql()
        .execute("UPDATE complaint_steps SET staff_id = 1", ())
        .is_err());
}

#[test]
fn a_credit_note_and_a_large_compensation_need_a_manager() {
    let mut s = Shop::new();
    let (j, inv, _) = s.delivered();
    let n = open(&mut s, Some(&j), 2)["number"]
        .as_str()
        .unwrap()
        .to_string();
    let mut f = facts("Charged for pads I did not get");
    f["reasonable"] = json!(true);
    step(&mut s, &n, json!({ "step": "clarified", "facts": f })).unwrap();
    let e = step(
        &mut s,
        &n,
        json!({ "step": "resolution_agreed", "resolution": { "kind": "credit_note" } }),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let e = step(&mut s, &n, json!({ "step": "resolution_agreed", "resolution": { "kind": "compensation", "amount": 50000 } })).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::Forbidden, Some("resolution.amount"))
    );
    let e = step(&mut s, &n, json!({ "step": "resolution_agreed", "resolution": { "kind": "compensation", "amount": -5 } })).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("resolution.amount"));
    let manager = s.manager;
    s.call("complaint.step", json!({ "staff_id": manager, "complaint": n, "step": "resolution_agreed", "resolution": { "kind": "credit_note" } }));
    let c = s.call(
        "complaint.step",
        json!({ "staff_id": manager, "complaint": n, "step": "action_taken" }),
    );
    let cn = c["steps"][3]["reference"].as_str().unwrap();
    let v = s.call("invoice.get", json!({ "invoice": inv }));
    assert_eq!(
        v["credit_notes"][0]["number"], cn,
        "a real credit note on the invoice"
    );
    assert_eq!(v["status"], "refund_due");
}

#[test]
fn a_complaint_is_checked_at_its_fields() {
    let mut s = Shop::new();
    let (j, _, _) = s.delivered();
    let other = s.call("customer.create", json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "Li Lei", "phones": ["13911112222"] } }));
    let e = s.refused(
        "complaint.open",
        json!({ "staff_id": s.counter, "customer_id": other["id"], "job": j,
        "source": "counter", "level": 1, "category": "price", "facts": facts("x") }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("job"), "a job of another customer");
    for (level, what, field) in [
        (0, "x", "level"),
        (6, "x", "level"),
        (1, "  ", "facts.what_happened"),
    ] {
        let e = s.refused(
            "complaint.open",
            json!({ "staff_id": s.counter, "customer_id": s.customer, "job": null,
            "source": "counter", "level": level, "category": "price", "facts": facts(what) }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field.as_deref(), Some(field));
    }
    let e = s.refused(
        "complaint.open",
        json!({ "staff_id": s.counter, "customer_id": s.customer, "job": null,
        "source": "counter", "level": 1, "category": "price", "facts": facts(&"长".repeat(2001)) }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("facts.what_happened"));
    s.refused(
        "complaint.open",
        json!({ "staff_id": s.tech, "customer_id": s.customer, "job": null,
        "source": "counter", "level": 1, "category": "price", "facts": facts("x") }),
        ErrorCode::Forbidden,
    );
    // A redo needs a job with a card.
    let n = open(&mut s, None, 1)["number"]
        .as_str()
        .unwrap()
        .to_string();
    let mut f = facts("x");
    f["reasonable"] = json!(false);
    step(&mut s, &n, json!({ "step": "clarified", "facts": f })).unwrap();
    let e = step(
        &mut s,
        &n,
        json!({ "step": "resolution_agreed", "resolution": { "kind": "redo" } }),
    )
    .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("resolution"));
    let e = step(&mut s, &n, json!({ "step": "resolution_agreed", "resolution": { "kind": "service_promise", "promise": "free check", "by": "2020-01-01" } })).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("resolution.by"));
}

#[test]
fn late_steps_show_as_overdue_and_the_register_filters() {
    let mut s = Shop::new();
    let (j, _, _) = s.delivered();
    let urgent = open(&mut s, Some(&j), 5)["number"]
        .as_str()
        .unwrap()
        .to_string();
    let calm = open(&mut s, Some(&j), 1)["number"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        s.call("complaint.get", json!({ "complaint": calm }))["returning_customer"],
        false
    );
    s.at(t0() + Duration::hours(2));
    let overdue = s.call("complaint.list", json!({ "overdue_only": true }));
    let numbers: Vec<&str> = overdue
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, [urgent.as_str()], "level 5 is due within the hour");
    assert_eq!(overdue[0]["overdue"], true);
    assert_eq!(
        s.call("complaint.list", json!({}))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        s.call("complaint.list", json!({ "category": "price" }))
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        s.call("complaint.list", json!({ "step": "received" }))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    s.refused(
        "complaint.get",
        json!({ "complaint": "CP-NOPE" }),
        ErrorCode::NotFound,
    );
}
