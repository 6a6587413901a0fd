//! The job's state machine and cancelling (src/job/mod.rs, src/model/job.rs).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn the_state_machine_refuses_illegal_moves() {
    let mut s = Shop::new();
    let j = s.receive();
    // No estimate before the joint inspection.
    s.refused("estimate.add_line", json!({ "staff_id": s.counter, "job": j, "line": { "kind": "labour", "description": "x", "quantity": "1" } }), ErrorCode::InvalidState);
    // Nothing to present, nothing to approve.
    s.refused(
        "estimate.submit",
        json!({ "staff_id": s.counter, "job": j }),
        ErrorCode::InvalidState,
    );
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
    assert_eq!(s.state(&j), "inspected");
    s.refused(
        "inspection.start",
        json!({ "staff_id": s.counter, "job": j }),
        ErrorCode::InvalidState,
    );
    let l = s.add_labour(&j, "Diagnose", "0.5");
    assert_eq!(s.state(&j), "estimated");
    s.call(
        "job.cancel",
        json!({ "staff_id": s.counter, "job": j, "reason": "customer left" }),
    );
    assert_eq!(s.state(&j), "cancelled");
    s.refused(
        "job.cancel",
        json!({ "staff_id": s.counter, "job": j, "reason": "again" }),
        ErrorCode::InvalidState,
    );
    s.refused("estimate.add_line", json!({ "staff_id": s.counter, "job": j, "line": { "kind": "labour", "description": "x", "quantity": "1" } }), ErrorCode::InvalidState);
    s.refused("approval.record", json!({ "staff_id": s.counter, "job": j, "method": "phone", "contact": "123456", "decisions": [{ "line_id": l, "decision": "approved" }] }), ErrorCode::InvalidState);
    let d = s.job(&j);
    assert_eq!(d["job"]["cancel_reason"], "customer left");
    let moves: Vec<String> = d["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "state")
        .map(|e| e["detail"]["to"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(moves, ["inspected", "estimated", "cancelled"]);
}

#[test]
fn cancelling_needs_a_reason() {
    let mut s = Shop::new();
    let j = s.receive();
    assert_eq!(
        s.refused(
            "job.cancel",
            json!({ "staff_id": s.counter, "job": j, "reason": "  " }),
            ErrorCode::InvalidInput
        )
        .field
        .as_deref(),
        Some("reason")
    );
}
