//! Parts used on approved lines (src/job/parts.rs).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn parts_are_consumed_only_on_approved_lines_within_quantity_and_kind() {
    let mut s = Shop::new();
    let (j, labour, part) = s.awaiting();
    let pid = s.stock_part("BP-1", "new_oem", "10");
    let consume = |qty: &str| json!({ "staff_id": 3, "line_id": part, "part_id": pid, "quantity": qty, "source": "stock" });
    // Proposed: refused.
    let e = s.refused("parts.consume", consume("1"), ErrorCode::ApprovalRequired);
    assert!(e.message.contains("not approved"));
    s.approve_by_phone(&j, &[labour, part], &[]);
    s.call("parts.consume", consume("1.5"));
    // 2 approved, 1.5 used: 0.5 more is fine, 0.6 is not.
    let e = s.refused("parts.consume", consume("0.6"), ErrorCode::ApprovalRequired);
    assert!(e.message.contains("supplementary"), "{}", e.message);
    s.call("parts.consume", consume("0.5"));
    let detail = s.call("parts.get", json!({ "id": pid }));
    assert_eq!(
        detail["part"]["on_hand"], "8",
        "consumption and stock change together"
    );
    assert_eq!(detail["movements"][0]["kind"], "consumption");
    assert_eq!(detail["movements"][0]["line_id"], part);
    // A used part on a line approved as new OEM needs approval.
    let used = s.stock_part("BP-U", "used", "3");
    s.call(
        "parts.return",
        json!({ "staff_id": s.tech, "line_id": part, "part_id": pid, "quantity": "1" }),
    );
    let e = s.refused("parts.consume", json!({ "staff_id": s.tech, "line_id": part, "part_id": used, "quantity": "1", "source": "stock" }), ErrorCode::ApprovalRequired);
    assert_eq!(e.field.as_deref(), Some("part_id"));
    // Parts go on part lines.
    s.refused("parts.consume", json!({ "staff_id": s.tech, "line_id": labour, "part_id": pid, "quantity": "1", "source": "stock" }), ErrorCode::InvalidInput);
    let line = &s.job(&j)["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == part)
        .unwrap()
        .clone();
    assert_eq!(line["consumed"], "1");
    assert_eq!(
        s.call("parts.get", json!({ "id": pid }))["part"]["on_hand"],
        "9"
    );
}

#[test]
fn parts_bought_for_the_job_and_customer_parts_are_logged_with_their_source() {
    let mut s = Shop::new();
    let j = s.inspected();
    let bought = s.add_part(&j, "Timing belt kit", "1", 80000);
    let own = s.call("estimate.add_line", json!({ "staff_id": s.counter, "job": j, "line": { "kind": "part", "description": "Customer's own wiper blades", "quantity": "2", "unit_price": 0, "part_kind": "customer_supplied" } }))["id"].as_i64().unwrap();
    s.call(
        "estimate.submit",
        json!({ "staff_id": s.counter, "job": j }),
    );
    s.approve_by_phone(&j, &[bought, own], &[]);
    let e = s.refused("parts.consume", json!({ "staff_id": s.tech, "line_id": bought, "quantity": "1", "source": "supplier", "supplier": "Gates Direct" }), ErrorCode::InvalidInput);
    assert_eq!(e.field.as_deref(), Some("supplier_invoice"));
    s.call("parts.consume", json!({ "staff_id": s.tech, "line_id": bought, "quantity": "1", "source": "supplier", "supplier": "Gates Direct", "supplier_invoice": "GD-5531", "unit_cost": 52000, "batch": "L2026-11" }));
    s.refused(
        "parts.consume",
        json!({ "staff_id": s.tech, "line_id": own, "quantity": "2", "source": "stock" }),
        ErrorCode::InvalidInput,
    );
    s.call(
        "parts.consume",
        json!({ "staff_id": s.tech, "line_id": own, "quantity": "2", "source": "customer" }),
    );
    let detail = s.job(&j);
    let lines = detail["lines"].as_array().unwrap();
    assert!(lines.iter().all(|l| l["consumed"] == l["quantity"]));
}

#[test]
fn a_different_catalogue_part_than_the_approved_one_is_refused() {
    let mut s = Shop::new();
    let (_, _, line) = s.approved();
    // The line was approved as BP-1; the oil filter on the next shelf is not it.
    let approved = s.stock_part("BP-1", "new_oem", "5");
    let other = s.stock_part("OF-9", "new_oem", "5");
    let t = s.tech;
    let e = s.refused(
        "parts.consume",
        json!({ "staff_id": t, "line_id": line, "part_id": other, "quantity": "1", "source": "stock" }),
        ErrorCode::ApprovalRequired,
    );
    assert_eq!(e.field.as_deref(), Some("part_id"));
    assert!(e.message.contains("OF-9"), "{}", e.message);
    let on_hand =
        |s: &mut Shop, id: i64| s.call("parts.get", json!({ "id": id }))["part"]["on_hand"].clone();
    assert_eq!(
        on_hand(&mut s, other),
        "5",
        "stock untouched by the refusal"
    );
    s.call(
        "parts.consume",
        json!({ "staff_id": t, "line_id": line, "part_id": approved, "quantity": "1", "source": "stock" }),
    );
    assert_eq!(on_hand(&mut s, approved), "4");
}
