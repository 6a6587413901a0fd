//! Canned jobs with labour and catalogue parts (src/job/estimate/canned.rs):
//! parts follow the catalogue's price when applied; a job's estimate is saved
//! as a canned job.

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::{json, Value};

fn labour(desc: &str, hours: &str) -> Value {
    json!({ "kind": "labour", "description": desc, "quantity": hours })
}

#[test]
fn a_canned_job_carries_labour_and_catalogue_parts_at_todays_price() {
    let mut s = Shop::new();
    let pad = s.stock_part("BP-100", "new_oem", "5");
    let c = s.call("canned_job.save", json!({ "staff_id": s.manager, "name": "Front pads", "lines": [
        labour("Replace front brake pads", "1.5"),
        { "kind": "part", "description": "Brake pad set", "quantity": "1", "part_number": "BP-100" },
        { "kind": "other", "description": "Brake cleaner", "quantity": "1", "unit_price": 1200 },
    ] }));
    let j = s.inspected();
    let lines = s.call(
        "estimate.apply_canned",
        json!({ "staff_id": s.counter, "job": j, "canned_job_id": c["id"] }),
    );
    assert_eq!(lines.as_array().unwrap().len(), 3);
    assert_eq!(lines[0]["unit_price"], 10000, "labour at the shop rate");
    assert_eq!(
        lines[1]["unit_price"], 15000,
        "the part at the catalogue's price"
    );
    assert_eq!(lines[1]["part_kind"], "new_oem");
    assert_eq!(lines[1]["brand"], "Bosch");
    assert_eq!(lines[2]["unit_price"], 1200);
    // The catalogue's price changes; the next job gets the new one.
    s.call("parts.update", json!({ "staff_id": s.manager, "id": pad, "active": true, "part": {
        "part_number": "BP-100", "name": "Brake pad set", "brand": "Bosch", "kind": "new_oem", "unit": "set",
        "cost": 9000, "price": 16500, "reorder_level": "2" } }));
    let k = s.inspected();
    let lines = s.call(
        "estimate.apply_canned",
        json!({ "staff_id": s.counter, "job": k, "canned_job_id": c["id"] }),
    );
    assert_eq!(lines[1]["unit_price"], 16500);
}

#[test]
fn a_part_the_catalogue_does_not_know_needs_its_price_and_kind() {
    let mut s = Shop::new();
    let e = s.refused(
        "canned_job.save",
        json!({ "staff_id": s.manager, "name": "Mystery", "lines": [
        labour("Fit", "1"),
        { "kind": "part", "description": "Unknown part", "quantity": "1", "part_number": "NOPE-1" },
    ] }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("lines[1].unit_price"));
    let many: Vec<Value> = (0..51)
        .map(|i| labour(&format!("Step {i}"), "0.1"))
        .collect();
    let e = s.refused(
        "canned_job.save",
        json!({ "staff_id": s.manager, "name": "Too long", "lines": many }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("lines"));
    s.refused(
        "canned_job.save",
        json!({ "staff_id": s.tech, "name": "Mine", "lines": [labour("Fit", "1")] }),
        ErrorCode::Forbidden,
    );
    assert!(
        s.call("canned_job.list", json!({}))
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing half-saved"
    );
}

#[test]
fn an_estimate_is_saved_as_a_canned_job() {
    let mut s = Shop::new();
    s.stock_part("BP-100", "new_oem", "5");
    let j = s.inspected();
    s.add_labour(&j, "Replace front brake pads", "1");
    s.call("estimate.add_line", json!({ "staff_id": s.counter, "job": j, "line": { "kind": "part",
        "description": "Brake pad set", "quantity": "1", "part_number": "BP-100", "part_kind": "new_oem", "unit_price": 15000 } }));
    let other = s.add_part(&j, "Wear sensor", "1", 2500); // part number BP-1, not in the catalogue
    s.call(
        "estimate.submit",
        json!({ "staff_id": s.counter, "job": j }),
    );
    let lines: Vec<i64> = s.job(&j)["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_i64().unwrap())
        .collect();
    s.approve_by_phone(&j, &lines[..2], &[other]);
    let c = s.call(
        "canned_job.from_job",
        json!({ "staff_id": s.counter, "job": j, "name": "Pads, front" }),
    );
    let saved = c["lines"].as_array().unwrap();
    assert_eq!(saved.len(), 2, "the declined line stays out");
    assert_eq!(saved[0]["kind"], "labour");
    assert_eq!(saved[1]["part_number"], "BP-100");
    assert_eq!(
        saved[1]["unit_price"],
        Value::Null,
        "a catalogue part follows the catalogue"
    );
    s.refused(
        "canned_job.from_job",
        json!({ "staff_id": s.counter, "job": "J-NONE", "name": "x" }),
        ErrorCode::NotFound,
    );
}
