//! The joint inspection with the customer (src/job/inspection.rs).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn joint_inspection_records_findings_photos_and_is_frozen_once_acknowledged() {
    let mut s = Shop::new();
    let j = s.receive();
    let insp = s.call(
        "inspection.start",
        json!({ "staff_id": s.counter, "job": j }),
    );
    let areas: Vec<&str> = insp["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["area"].as_str().unwrap())
        .collect();
    assert_eq!(
        areas,
        [
            "body_panels",
            "glass",
            "lights",
            "tyres",
            "interior",
            "fuel_level",
            "warning_lights",
            "accessories_left"
        ]
    );
    let body = insp["findings"][0]["id"].clone();
    let lights = insp["findings"][2]["id"].clone();
    // Damage without a description is refused.
    s.refused("inspection.record_finding", json!({ "staff_id": s.counter, "job": j, "finding_id": body, "condition": "pre_existing_damage" }), ErrorCode::InvalidInput);
    s.call("inspection.record_finding", json!({ "staff_id": s.counter, "job": j, "finding_id": body, "condition": "pre_existing_damage", "note": "Dent on left rear door" }));
    s.call("inspection.record_finding", json!({ "staff_id": s.counter, "job": j, "finding_id": lights, "condition": "fault_found", "note": "Right low beam out" }));
    s.call("inspection.record_finding", json!({ "staff_id": s.counter, "job": j, "area": "Roof rack", "condition": "ok", "note": "left on the car" }));
    let photo = s.call(
        "inspection.add_photo",
        json!({ "staff_id": s.counter, "job": j, "finding_id": body, "data_base64": sig() }),
    );
    s.refused(
        "inspection.add_photo",
        json!({ "staff_id": s.counter, "job": j, "finding_id": body, "data_base64": "aGVsbG8=" }),
        ErrorCode::InvalidInput,
    );
    let got = s.call("inspection.photo", json!({ "id": photo["photo_id"] }));
    assert_eq!(got["mime"], "image/png");
    // Signing needs the signature.
    s.refused(
        "inspection.acknowledge",
        json!({ "staff_id": s.counter, "job": j, "name": "王小明", "method": "signature" }),
        ErrorCode::InvalidInput,
    );
    // The customer cannot acknowledge while checklist rows are unchecked ...
    let e = s.refused(
        "inspection.acknowledge",
        json!({ "staff_id": s.counter, "job": j, "name": "王小明", "method": "signature", "signature_base64": sig() }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("findings"));
    assert!(e.message.contains("not checked yet"), "{}", e.message);
    // ... "All OK" marks the rest OK and leaves what was found as recorded.
    let all = s.call(
        "inspection.all_ok",
        json!({ "staff_id": s.counter, "job": j }),
    );
    let findings = all["findings"].as_array().unwrap();
    assert!(findings.iter().all(|f| f["condition"] != "not_checked"));
    assert!(
        findings.iter().any(|f| f["condition"] != "ok"),
        "earlier findings kept"
    );
    let acked = s.call("inspection.acknowledge", json!({ "staff_id": s.counter, "job": j, "name": "王小明", "method": "signature", "signature_base64": sig() }));
    assert_eq!(acked["acknowledgment"]["has_signature"], true);
    assert_eq!(acked["findings"].as_array().unwrap().len(), 9);
    s.refused(
        "inspection.record_finding",
        json!({ "staff_id": s.counter, "job": j, "finding_id": body, "condition": "ok" }),
        ErrorCode::Immutable,
    );
    // A fault found becomes a proposed line in one call; other findings cannot.
    s.refused(
        "inspection.propose_line",
        json!({ "staff_id": s.counter, "job": j, "finding_id": body }),
        ErrorCode::InvalidInput,
    );
    let line = s.call(
        "inspection.propose_line",
        json!({ "staff_id": s.counter, "job": j, "finding_id": lights }),
    );
    assert_eq!(line["status"], "proposed");
    assert_eq!(line["kind"], "labour");
    assert_eq!(line["unit_price"], 10000, "the shop's labour rate");
    assert!(line["description"]
        .as_str()
        .unwrap()
        .contains("Right low beam out"));
    assert_eq!(line["finding_id"], lights);
    assert_eq!(s.state(&j), "estimated");
}

#[test]
fn devices_get_the_device_checklist() {
    let mut s = Shop::new();
    let r = s.call("job.receive", json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": s.phone_item }, "complaint": "屏幕碎了" }));
    let j = r["job"]["number"].as_str().unwrap().to_string();
    let insp = s.call(
        "inspection.start",
        json!({ "staff_id": s.counter, "job": j }),
    );
    let labels: Vec<&str> = insp["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["label_zh"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["屏幕", "外壳", "按键", "接口", "进液痕迹", "随机附件"]
    );
}
