//! The quality check: release waits for a pass (src/job/quality.rs).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn release_and_invoice_wait_for_a_passed_quality_check() {
    let mut s = Shop::new();
    let (j, _, _) = s.worked();
    s.refused(
        "invoice.issue",
        json!({ "staff_id": s.counter, "job": j }),
        ErrorCode::QualityCheckRequired,
    );
    s.refused(
        "job.deliver",
        json!({ "staff_id": s.counter, "job": j }),
        ErrorCode::QualityCheckRequired,
    );
    // A failed check sends the job back to work, recording what is redone.
    let mut results = s.all_pass();
    results[1] =
        json!({ "code": "repairs_successful", "passed": false, "note": "pedal still soft" });
    s.refused("quality.record", json!({ "staff_id": s.inspector, "job": j, "results": results.clone(), "odometer_out": 42150 }), ErrorCode::InvalidInput);
    let failed = s.call("quality.record", json!({ "staff_id": s.inspector, "job": j, "results": results, "redo": "Bleed the brake system again" }));
    assert_eq!(failed["passed"], false);
    assert_eq!(s.state(&j), "in_work");
    s.refused(
        "invoice.issue",
        json!({ "staff_id": s.counter, "job": j }),
        ErrorCode::QualityCheckRequired,
    );
    s.call(
        "work.to_quality_check",
        json!({ "staff_id": s.counter, "job": j }),
    );
    let results = s.all_pass();
    let passed = s.call(
        "quality.record",
        json!({ "staff_id": s.inspector, "job": j, "results": results, "odometer_out": 42150 }),
    );
    assert_eq!(passed["passed"], true);
    assert_eq!(passed["inspector_name"], "Nadia");
    assert_eq!(passed["items"].as_array().unwrap().len(), 6);
    assert!(
        passed["certificate_number"].is_null(),
        "minor work gets no completion certificate"
    );
    let d = s.job(&j);
    assert_eq!(d["job"]["state"], "ready");
    assert_eq!(d["job"]["odometer_out"], 42150);
}

#[test]
fn the_inspector_is_an_inspector_and_not_the_technician_when_required() {
    let mut s = Shop::new();
    let (j, _, _) = s.worked();
    let results = s.all_pass();
    s.refused("quality.record", json!({ "staff_id": s.counter, "job": j, "results": results.clone(), "odometer_out": 42150 }), ErrorCode::Forbidden);
    // The technician who did the work is also an inspector now.
    s.call("staff.update", json!({ "staff_id": s.manager, "id": s.tech, "name": "Ivan", "roles": ["technician", "inspector"], "active": true }));
    let e = s.refused(
        "quality.record",
        json!({ "staff_id": s.tech, "job": j, "results": results.clone(), "odometer_out": 42150 }),
        ErrorCode::Forbidden,
    );
    assert!(e.message.contains("worked on this job"));
    let mut settings = s.call("settings.get", json!({}));
    settings["require_independent_inspector"] = json!(false);
    s.call(
        "settings.update",
        json!({ "staff_id": s.manager, "settings": settings }),
    );
    s.call(
        "quality.record",
        json!({ "staff_id": s.tech, "job": j, "results": results, "odometer_out": 42150 }),
    );
}

#[test]
fn the_check_covers_every_item_and_the_odometer_out() {
    let mut s = Shop::new();
    let (j, _, _) = s.worked();
    let mut missing = s.all_pass();
    missing.as_array_mut().unwrap().pop();
    let e = s.refused(
        "quality.record",
        json!({ "staff_id": s.inspector, "job": j, "results": missing, "odometer_out": 42150 }),
        ErrorCode::InvalidInput,
    );
    assert!(e.message.contains("Road test"));
    let results = s.all_pass();
    s.refused(
        "quality.record",
        json!({ "staff_id": s.inspector, "job": j, "results": results.clone() }),
        ErrorCode::InvalidInput,
    );
    s.refused(
        "quality.record",
        json!({ "staff_id": s.inspector, "job": j, "results": results, "odometer_out": 100 }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(s.state(&j), "quality_check");
}

#[test]
fn major_vehicle_work_gets_a_numbered_completion_certificate() {
    let mut s = Shop::new();
    let (j, _, _) = s.worked();
    s.call(
        "work.set_category",
        json!({ "staff_id": s.counter, "job": j, "category": "vehicle_major" }),
    );
    let results = s.all_pass();
    let q = s.call(
        "quality.record",
        json!({ "staff_id": s.inspector, "job": j, "results": results, "odometer_out": 42150 }),
    );
    assert_eq!(q["certificate_number"], "CC2026-000001");
    s.refused(
        "work.set_category",
        json!({ "staff_id": s.counter, "job": j, "category": "appliance" }),
        ErrorCode::InvalidInput,
    );
}

#[test]
fn the_checklist_command_lists_what_the_check_must_answer() {
    let mut shop = Shop::new();
    let (j, _, _) = shop.worked();
    let list = shop.call("quality.checklist", json!({ "job": j }));
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = shop
        .all_pass()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, expected);
    assert!(list[0]["label_zh"].as_str().unwrap().contains("工单"));
    // Answering exactly that list passes the check.
    let results: Vec<_> = codes
        .iter()
        .map(|c| json!({ "code": c, "passed": true }))
        .collect();
    let inspector = shop.inspector;
    let qc = shop.call(
        "quality.record",
        json!({ "staff_id": inspector, "job": j, "results": results, "odometer_out": 42200 }),
    );
    assert_eq!(qc["passed"], true);
    shop.fails("quality.checklist", json!({ "job": "NOPE-1" }));
}
