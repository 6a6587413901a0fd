//! Reception, joint inspection, estimates and the job state machine.

mod common;
use common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn reception_creates_customer_item_and_job_in_one_call() {
    let mut s = Shop::new();
    let r = s.call("job.receive", json!({ "staff_id": s.counter,
        "customer": { "new": { "kind": "business", "name": "顺达物流有限公司", "phones": ["0755-1234 5678"], "tax_id": "91440300MA5F", "language": "zh-CN" } },
        "item": { "new": { "kind": "vehicle", "plate": "粤b-99k88", "make": "Ford", "model": "Transit", "vehicle_class": "other" } },
        "odometer_in": 120500, "complaint": "空调不制冷", "requested_work": "检修空调", "promised_at": "2026-11-04T12:00:00Z" }));
    let job = &r["job"];
    assert_eq!(job["number"], "J2026-000001");
    assert_eq!(job["state"], "received");
    assert_eq!(job["complaint"], "空调不制冷");
    assert_eq!(job["promised_at"], "2026-11-04T12:00:00Z");
    let detail = s.job("J2026-000001");
    assert_eq!(detail["item"]["plate"], "粤B99K88", "plates are normalised");
    assert_eq!(detail["item"]["odometer"], 120500);
    assert_eq!(detail["customer"]["phones"][0], "075512345678");
    assert_eq!(detail["history"][0]["action"], "received");
    assert_eq!(detail["history"][0]["staff_name"], "Tom");
}

#[test]
fn job_numbers_follow_the_format_without_gaps() {
    let mut s = Shop::with_settings(json!({ "job_number_format": "W{YY}{MM}-{SEQ:4}" }));
    let a = s.receive();
    // A refused reception does not use a number.
    s.fails("job.receive", json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": s.car }, "complaint": "" }));
    let b = s.receive();
    assert_eq!((a.as_str(), b.as_str()), ("W2611-0001", "W2611-0002"));
}

#[test]
fn reception_refuses_what_a_counter_would_regret() {
    let mut s = Shop::new();
    let base = json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": s.car }, "odometer_in": 42100, "complaint": "noise" });
    let mut past = base.clone();
    past["promised_at"] = json!("2026-11-01T09:00:00Z");
    assert_eq!(
        s.refused("job.receive", past, ErrorCode::InvalidInput)
            .field
            .as_deref(),
        Some("promised_at")
    );
    let mut no_odo = base.clone();
    no_odo.as_object_mut().unwrap().remove("odometer_in");
    assert_eq!(
        s.refused("job.receive", no_odo, ErrorCode::InvalidInput)
            .field
            .as_deref(),
        Some("odometer_in")
    );
    let mut rolled_back = base.clone();
    rolled_back["odometer_in"] = json!(1000);
    assert_eq!(
        s.refused("job.receive", rolled_back, ErrorCode::InvalidInput)
            .field
            .as_deref(),
        Some("odometer_in")
    );
    let other = s.call(
        "customer.create",
        json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "Other" } }),
    );
    let mut not_theirs = base.clone();
    not_theirs["customer"] = json!({ "id": other["id"] });
    s.refused("job.receive", not_theirs, ErrorCode::InvalidInput);
    assert_eq!(s.count("jobs"), 0);
}

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

#[test]
fn promise_changes_are_kept_with_reasons_and_overdue_jobs_stand_out() {
    let mut s = Shop::new();
    let j = s.receive(); // promised 2026-11-03T09:00:00Z
    s.refused("job.change_promise", json!({ "staff_id": s.counter, "job": j, "promised_at": "2026-11-05T09:00:00Z", "reason": "" }), ErrorCode::InvalidInput);
    s.call("job.change_promise", json!({ "staff_id": s.counter, "job": j, "promised_at": "2026-11-05T09:00:00Z", "reason": "Part arrives Wednesday", "customer_told": true }));
    let d = s.job(&j);
    assert_eq!(d["promise_changes"][0]["old_at"], "2026-11-03T09:00:00Z");
    assert_eq!(d["promise_changes"][0]["reason"], "Part arrives Wednesday");
    assert_eq!(d["overdue"], false);
    s.core.set_now(Some(t0() + chrono::Duration::days(4)));
    assert_eq!(s.job(&j)["overdue"], true);
    let board = s.call("job.board", json!({}));
    assert_eq!(board["overdue"], 1);
    let received = board["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["state"] == "received")
        .unwrap();
    assert_eq!(received["jobs"][0]["overdue"], true);
}

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

#[test]
fn estimate_lines_canned_jobs_and_totals() {
    let mut s = Shop::new();
    let j = s.inspected();
    s.call("canned_job.save", json!({ "staff_id": s.manager, "name": "Oil change", "lines": [
        { "kind": "labour", "description": "Oil and filter", "quantity": "0.5" },
        { "kind": "part", "description": "Oil 5W-30 4L", "quantity": "1", "unit_price": 28000, "part_kind": "new_oem" } ] }));
    let canned = s.call("canned_job.list", json!({}));
    let lines = s.call(
        "estimate.apply_canned",
        json!({ "staff_id": s.counter, "job": j, "canned_job_id": canned[0]["id"] }),
    );
    assert_eq!(lines.as_array().unwrap().len(), 2);
    s.call("estimate.add_line", json!({ "staff_id": s.counter, "job": j, "line": { "kind": "other", "description": "Hazardous waste disposal (oil)", "quantity": "1", "unit_price": 1500 } }));
    let t = &s.job(&j)["totals"]["estimate"];
    assert_eq!(t["labour"], 5000);
    assert_eq!(t["parts"], 28000);
    assert_eq!(t["other"], 1500);
    // 6 % on 65.00 = 3.90; 13 % on 280.00 = 36.40.
    assert_eq!(t["tax"], 390 + 3640);
    assert_eq!(t["total"], 34500 + 4030);
    // Anonymous charges, priced customer parts and part lines without a kind are refused.
    for (line, field) in [
        (
            json!({ "kind": "other", "description": "Shop supplies", "quantity": "1", "unit_price": 500 }),
            "description",
        ),
        (
            json!({ "kind": "part", "description": "Own tyre", "quantity": "1", "unit_price": 500, "part_kind": "customer_supplied" }),
            "unit_price",
        ),
        (
            json!({ "kind": "part", "description": "Filter", "quantity": "1", "unit_price": 500 }),
            "part_kind",
        ),
        (
            json!({ "kind": "labour", "description": "x", "quantity": "0" }),
            "quantity",
        ),
        (
            json!({ "kind": "labour", "description": "x", "quantity": "-1" }),
            "quantity",
        ),
        (
            json!({ "kind": "labour", "description": "x", "quantity": "1", "unit_price": -5 }),
            "unit_price",
        ),
        (
            json!({ "kind": "labour", "description": "x", "quantity": "1", "discount_bp": 10001 }),
            "discount_bp",
        ),
    ] {
        let e = s.refused(
            "estimate.add_line",
            json!({ "staff_id": s.counter, "job": j, "line": line }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field.as_deref(), Some(field), "{line}");
    }
    let own = s.call("estimate.add_line", json!({ "staff_id": s.counter, "job": j, "line": { "kind": "part", "description": "Customer's own wiper blades", "quantity": "2", "unit_price": 0, "part_kind": "customer_supplied" } }));
    s.call(
        "estimate.remove_line",
        json!({ "staff_id": s.counter, "line_id": own["id"] }),
    );
    assert!(!s.job(&j)["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["id"] == own["id"]));
}

#[test]
fn items_change_owner_and_keep_their_history() {
    let mut s = Shop::new();
    let j = s.receive();
    let buyer = s.call("customer.create", json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "John Smith", "phones": ["+1 555 0100"] } }));
    s.call(
        "item.transfer",
        json!({ "staff_id": s.counter, "id": s.car, "new_owner_id": buyer["id"] }),
    );
    let item = s.call("item.get", json!({ "id": s.car }));
    assert_eq!(item["owner"]["name"], "John Smith");
    assert_eq!(item["owners"].as_array().unwrap().len(), 2);
    assert_eq!(
        item["jobs"][0]["number"],
        j.as_str(),
        "the item's jobs stay with it"
    );
    assert_eq!(item["odometer_readings"].as_array().unwrap().len(), 2);
    s.refused(
        "item.transfer",
        json!({ "staff_id": s.counter, "id": s.car, "new_owner_id": buyer["id"] }),
        ErrorCode::InvalidInput,
    );
    // The same VIN cannot be registered twice.
    let e = s.refused("item.create", json!({ "staff_id": s.counter, "owner_id": s.customer, "item": { "kind": "vehicle", "vin": "LSVAU2180N2183294", "make": "VW", "model": "Passat" } }), ErrorCode::InvalidInput);
    assert!(e.message.contains("already registered"));
}

#[test]
fn staff_roles_and_activity_are_enforced() {
    let mut s = Shop::new();
    s.refused(
        "staff.add",
        json!({ "staff_id": s.counter, "name": "X", "roles": ["counter"] }),
        ErrorCode::Forbidden,
    );
    s.call("staff.update", json!({ "staff_id": s.manager, "id": s.counter, "name": "Tom", "roles": ["counter"], "active": false }));
    s.refused("job.receive", json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": s.car }, "odometer_in": 42100, "complaint": "x" }), ErrorCode::Forbidden);
    s.refused(
        "shop.setup",
        json!({ "settings": { "legal_name": "Again" }, "manager_name": "Eve" }),
        ErrorCode::InvalidState,
    );
}

#[test]
fn tax_inclusive_prices_show_the_tax_they_contain() {
    let mut s = Shop::with_settings(json!({ "prices_include_tax": true }));
    let j = s.inspected();
    s.add_part(&j, "Brake pad set", "1", 11300);
    s.add_labour(&j, "Fit pads", "1"); // 100.00 including 6 %
    let t = &s.job(&j)["totals"]["estimate"];
    assert_eq!(t["prices_include_tax"], true);
    assert_eq!(t["total"], 21300, "the customer pays the prices as entered");
    // 113.00 contains 13.00 at 13 %; 100.00 contains 5.66 at 6 %.
    assert_eq!(
        t["taxes"],
        json!([{ "rate_bp": 600, "base": 9434, "tax": 566 }, { "rate_bp": 1300, "base": 10000, "tax": 1300 }])
    );
    assert_eq!(t["net"], 19434);
}
