//! Customer and item history (src/views/history.rs).

use crate::common::*;
use serde_json::json;

#[test]
fn customer_history_lists_everything_newest_first() {
    let mut s = Shop::new();
    let (j, l, p) = s.awaiting();
    s.approve_by_phone(&j, &[l], &[p]);
    let (_, inv, _) = s.invoiced();
    s.call(
        "invoice.credit",
        json!({ "staff_id": s.manager, "invoice": inv, "reason": "goodwill" }),
    );
    let h = s.call("history.customer", json!({ "id": s.customer }));
    let kinds: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    for k in [
        "job",
        "approval",
        "invoice",
        "credit_note",
        "guarantee_card",
        "recommendation",
    ] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    let rec = h
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "recommendation")
        .unwrap();
    assert_eq!(rec["detail"]["description"], "Brake pad set");
}
