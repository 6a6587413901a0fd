//! Work and parts after approval: assignment, clocks, sublet, and the
//! consumption gate (approved lines only, within the approved quantity and kind).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::{json, Value};

#[test]
fn technicians_clocks_and_sublet() {
    let mut s = Shop::new();
    let (j, labour, part) = s.approved();
    s.refused(
        "work.assign",
        json!({ "staff_id": s.counter, "line_id": labour, "technician_id": s.counter }),
        ErrorCode::Forbidden,
    );
    s.refused(
        "work.assign",
        json!({ "staff_id": s.counter, "line_id": part, "technician_id": s.tech }),
        ErrorCode::InvalidInput,
    );
    s.call(
        "work.assign",
        json!({ "staff_id": s.counter, "line_id": labour, "technician_id": s.tech }),
    );
    s.call(
        "work.clock_on",
        json!({ "staff_id": s.tech, "line_id": labour }),
    );
    assert_eq!(s.state(&j), "in_work");
    s.refused(
        "work.clock_on",
        json!({ "staff_id": s.tech, "line_id": labour }),
        ErrorCode::InvalidState,
    );
    s.core.set_now(Some(t0() + chrono::Duration::minutes(75)));
    let line = s.call(
        "work.clock_off",
        json!({ "staff_id": s.tech, "line_id": labour }),
    );
    assert_eq!(line["clocked_minutes"], 75);
    assert_eq!(line["quantity"], "1", "billed hours stay as approved");
    assert_eq!(line["technician_id"], s.tech);
    let sub = s.call("work.sublet", json!({ "staff_id": s.counter, "line_id": labour, "vendor": "Precision Machining", "vendor_invoice": "PM-88", "cost": 6000 }));
    assert_eq!(sub["sublet"]["vendor"], "Precision Machining");
    // Not to quality control with work left.
    s.refused(
        "work.to_quality_check",
        json!({ "staff_id": s.counter, "job": j }),
        ErrorCode::InvalidState,
    );
    s.call(
        "work.wait_for_parts",
        json!({ "staff_id": s.counter, "job": j, "reason": "pads on back order" }),
    );
    assert_eq!(s.state(&j), "waiting_parts");
    s.call("work.resume", json!({ "staff_id": s.counter, "job": j }));
    s.call(
        "work.complete_line",
        json!({ "staff_id": s.tech, "line_id": labour }),
    );
    s.call(
        "work.complete_line",
        json!({ "staff_id": s.tech, "line_id": part }),
    );
    // A supplement awaiting the customer also holds the job back.
    let extra = s.add_labour(&j, "Bleed brakes", "0.3");
    let e = s.refused(
        "work.to_quality_check",
        json!({ "staff_id": s.counter, "job": j }),
        ErrorCode::ApprovalRequired,
    );
    assert!(e.message.contains("supplementary"));
    s.call(
        "estimate.remove_line",
        json!({ "staff_id": s.counter, "line_id": extra }),
    );
    s.call(
        "work.to_quality_check",
        json!({ "staff_id": s.counter, "job": j }),
    );
    assert_eq!(s.state(&j), "quality_check");
}

#[test]
fn marking_a_line_done_stops_its_running_clocks_and_the_job_shows_who_runs_one() {
    let mut s = Shop::new();
    let (j, labour, _part) = s.approved();
    s.call(
        "work.assign",
        json!({ "staff_id": s.counter, "line_id": labour, "technician_id": s.tech }),
    );
    s.call(
        "work.clock_on",
        json!({ "staff_id": s.tech, "line_id": labour }),
    );
    let d = s.call("job.get", json!({ "job": j }));
    let running = d["running_clocks"].as_array().unwrap();
    assert_eq!(running.len(), 1, "{running:?}");
    assert_eq!(running[0]["line_id"], labour);
    assert_eq!(running[0]["technician_id"], s.tech);
    assert!(running[0]["technician"]
        .as_str()
        .is_some_and(|n| !n.is_empty()));
    // The board shows it on the job's card too.
    let board = s.call("job.board", json!({}));
    let clocks = board["running_clocks"].as_array().unwrap();
    assert_eq!(clocks.len(), 1);
    assert_eq!(clocks[0]["job_number"], j.as_str());
    assert_eq!(clocks[0]["technician"], "Ivan");
    // Forty minutes later the line is marked done: its clock stops with it.
    s.core.set_now(Some(t0() + chrono::Duration::minutes(40)));
    let line = s.call(
        "work.complete_line",
        json!({ "staff_id": s.tech, "line_id": labour }),
    );
    assert_eq!(line["clocked_minutes"], 40);
    let d = s.call("job.get", json!({ "job": j }));
    assert_eq!(d["running_clocks"].as_array().unwrap().len(), 0);
    let board = s.call("job.board", json!({}));
    assert!(board["running_clocks"].as_array().unwrap().is_empty());
    let stopped: Vec<&Value> = d["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "clock_off")
        .collect();
    assert_eq!(stopped.len(), 1);
    assert_eq!(stopped[0]["detail"]["technician_id"], s.tech);
}
