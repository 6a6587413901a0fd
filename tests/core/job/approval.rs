//! Recording the customer's approval (src/job/approval.rs).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn approval_records_are_permanent() {
    let mut s = Shop::new();
    let (j, _, _) = s.approved();
    let checks = s.core.checks();
    let conn = checks.sql();
    assert!(conn
        .execute("UPDATE approvals SET revised_total = 1", ())
        .is_err());
    assert!(conn.execute("DELETE FROM approvals", ()).is_err());
    assert!(conn.execute("DELETE FROM approval_lines", ()).is_err());
    assert_eq!(s.job(&j)["approvals"][0]["revised_total"], 44_500);
}

#[test]
fn each_method_records_what_the_law_asks() {
    let mut s = Shop::new();
    let (j, l, p) = s.awaiting();
    let counter = s.counter;
    let base = |method: &str| {
        json!({ "staff_id": counter, "job": j, "method": method, "old_parts": "discard",
        "decisions": [{ "line_id": l, "decision": "approved" }, { "line_id": p, "decision": "approved" }] })
    };
    let e = s.refused("approval.record", base("phone"), ErrorCode::InvalidInput);
    assert_eq!(e.field.as_deref(), Some("contact"));
    let e = s.refused(
        "approval.record",
        base("electronic"),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("contact"));
    let e = s.refused(
        "approval.record",
        base("in_person"),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("signature_base64"));
    let mut no_old_parts = base("in_person");
    no_old_parts["signature_base64"] = json!(sig());
    no_old_parts.as_object_mut().unwrap().remove("old_parts");
    let e = s.refused(
        "approval.record",
        no_old_parts.clone(),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("old_parts"));
    let mut stranger = no_old_parts.clone();
    stranger["old_parts"] = json!("discard");
    stranger["designated_person_id"] = json!(9999);
    s.refused("approval.record", stranger, ErrorCode::InvalidInput);
    assert_eq!(s.count("approvals"), 0, "no refused approval left a record");
    let mut by_spouse = no_old_parts;
    by_spouse["old_parts"] = json!("discard");
    by_spouse["designated_person_id"] = json!(s.designated);
    let a = s.call("approval.record", by_spouse);
    assert_eq!(a["approver_name"], "李娜");
    assert_eq!(a["method"], "in_person");
    assert_eq!(a["has_signature"], true);
    assert_eq!(a["staff_name"], "Tom");
    assert_eq!(a["at"], "2026-11-02T09:00:00Z");
    assert_eq!(s.state(&j), "approved");
}

#[test]
fn a_line_is_decided_once_and_declines_need_reason_and_consequence() {
    let mut s = Shop::new();
    let (j, l, p) = s.awaiting();
    let e = s.refused(
        "approval.record",
        json!({ "staff_id": s.counter, "job": j, "method": "phone", "contact": "123456",
        "decisions": [{ "line_id": p, "decision": "declined", "reason": "later" }] }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("decisions[0].consequence"));
    // The field says where; the words say what, in either language, without the key.
    assert!(
        !e.message.contains("decisions[") && !e.message_zh.contains("decisions["),
        "{e:?}"
    );
    let long = "很".repeat(501);
    let e = s.refused(
        "approval.record",
        json!({ "staff_id": s.counter, "job": j, "method": "phone", "contact": "123456",
        "decisions": [{ "line_id": p, "decision": "declined", "reason": "later", "consequence": long }] }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("decisions[0].consequence"));
    assert!(
        e.message.contains("500") && !e.message.contains("decisions["),
        "{e:?}"
    );
    s.approve_by_phone(&j, &[l], &[p]);
    let e = s.refused(
        "approval.record",
        json!({ "staff_id": s.counter, "job": j, "method": "phone", "contact": "123456",
        "decisions": [{ "line_id": l, "decision": "approved" }] }),
        ErrorCode::InvalidInput,
    );
    assert!(e.message.contains("already decided"));
}

#[test]
fn declined_work_returns_as_a_recommendation_at_the_next_visit() {
    let mut s = Shop::new();
    let (j, l, p) = s.awaiting();
    s.approve_by_phone(&j, &[l], &[p]);
    s.call(
        "job.cancel",
        json!({ "staff_id": s.counter, "job": j, "reason": "done elsewhere" }),
    );
    let next = s.call(
        "job.receive",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": s.car },
        "odometer_in": 43000, "complaint": "service" }),
    );
    let recs = next["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["description"], "Brake pad set");
    assert_eq!(
        recs[0]["consequence"],
        "noise will get worse; discs may wear"
    );
    assert_eq!(recs[0]["job_number"], j.as_str());
    let job2 = next["job"]["number"].as_str().unwrap().to_string();
    s.call(
        "inspection.start",
        json!({ "staff_id": s.counter, "job": job2 }),
    );
    s.call(
        "inspection.all_ok",
        json!({ "staff_id": s.counter, "job": job2 }),
    );
    s.call(
        "inspection.acknowledge",
        json!({ "staff_id": s.counter, "job": job2, "name": "王小明", "method": "verbal" }),
    );
    let line = s.call(
        "estimate.offer_recommendation",
        json!({ "staff_id": s.counter, "job": job2, "recommendation_id": recs[0]["id"] }),
    );
    assert_eq!(line["status"], "proposed");
    assert_eq!(line["unit_price"], 15000);
    let item = s.call("item.get", json!({ "id": s.car }));
    assert!(
        item["recommendations"].as_array().unwrap().is_empty(),
        "offered recommendations are no longer open"
    );
}

#[test]
fn an_expired_estimate_must_be_presented_again() {
    let mut s = Shop::new();
    let (j, l, p) = s.awaiting();
    s.core.set_now(Some(t0() + chrono::Duration::days(31)));
    s.refused("approval.record", json!({ "staff_id": s.counter, "job": j, "method": "phone", "contact": "123456", "old_parts": "discard",
        "decisions": [{ "line_id": l, "decision": "approved" }, { "line_id": p, "decision": "approved" }] }), ErrorCode::InvalidState);
    s.call(
        "estimate.submit",
        json!({ "staff_id": s.counter, "job": j }),
    );
    s.approve_by_phone(&j, &[l, p], &[]);
}
