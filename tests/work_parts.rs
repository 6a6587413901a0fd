//! Work and parts after approval: assignment, clocks, sublet, and the
//! consumption gate (approved lines only, within the approved quantity and kind).

mod common;
use common::*;
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
fn stock_never_goes_negative_unless_the_shop_allows_it() {
    let mut s = Shop::new();
    let (_, _, part) = s.approved();
    let pid = s.stock_part("BP-1", "new_oem", "1");
    let e = s.refused("parts.consume", json!({ "staff_id": s.tech, "line_id": part, "part_id": pid, "quantity": "2", "source": "stock" }), ErrorCode::InsufficientStock);
    assert!(e.message.contains("Only 1"));
    assert_eq!(
        s.call("parts.get", json!({ "id": pid }))["part"]["on_hand"],
        "1",
        "nothing half-written"
    );
    s.refused(
        "parts.adjust",
        json!({ "staff_id": s.counter, "part_id": pid, "quantity": "-2", "reason": "count" }),
        ErrorCode::InsufficientStock,
    );
    let mut settings = s.call("settings.get", json!({}));
    settings["allow_negative_stock"] = json!(true);
    s.call(
        "settings.update",
        json!({ "staff_id": s.manager, "settings": settings }),
    );
    s.call("parts.consume", json!({ "staff_id": s.tech, "line_id": part, "part_id": pid, "quantity": "2", "source": "stock" }));
    assert_eq!(
        s.call("parts.get", json!({ "id": pid }))["part"]["on_hand"],
        "-1"
    );
    let low = s.call("parts.low_stock", json!({}));
    assert_eq!(low[0]["part_number"], "BP-1");
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
