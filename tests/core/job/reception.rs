//! Reception, joint inspection, estimates and the job state machine.

use crate::common::*;
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
        .find(|c| c["section"] == "overdue")
        .unwrap();
    assert_eq!(received["jobs"][0]["overdue"], true);
}
