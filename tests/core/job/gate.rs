//! The approval gate: nothing is worked on or billed that the customer has not
//! approved, approvals are permanent, and supplements show the revised total.

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn work_on_a_proposed_line_is_refused() {
    let mut s = Shop::new();
    let (j, labour, _) = s.awaiting();
    let e = s.refused(
        "work.start_line",
        json!({ "staff_id": s.tech, "line_id": labour }),
        ErrorCode::ApprovalRequired,
    );
    assert!(e.message.contains("not approved"), "{}", e.message);
    assert_eq!(e.field.as_deref(), Some("line_id"));
    s.refused(
        "work.complete_line",
        json!({ "staff_id": s.tech, "line_id": labour }),
        ErrorCode::ApprovalRequired,
    );
    assert_eq!(s.state(&j), "awaiting_approval");
}

#[test]
fn work_on_a_declined_line_is_refused_and_on_approved_allowed() {
    let mut s = Shop::new();
    let (j, labour, part) = s.awaiting();
    assert_eq!(s.job(&j)["totals"]["approved_ceiling"], 0);
    let a = s.approve_by_phone(&j, &[labour], &[part]);
    assert_eq!(s.job(&j)["totals"]["approved_ceiling"], a["revised_total"]);
    s.refused(
        "work.start_line",
        json!({ "staff_id": s.tech, "line_id": part }),
        ErrorCode::ApprovalRequired,
    );
    s.call(
        "work.start_line",
        json!({ "staff_id": s.tech, "line_id": labour }),
    );
    assert_eq!(s.state(&j), "in_work");
    s.call(
        "work.complete_line",
        json!({ "staff_id": s.tech, "line_id": labour }),
    );
}

#[test]
fn a_supplementary_line_cannot_be_worked_until_approved() {
    let mut s = Shop::new();
    let (j, labour, _) = s.approved();
    s.call(
        "work.start_line",
        json!({ "staff_id": s.tech, "line_id": labour }),
    );
    let extra = s.add_labour(&j, "Replace corroded brake line", "0.5");
    s.refused(
        "work.start_line",
        json!({ "staff_id": s.tech, "line_id": extra }),
        ErrorCode::ApprovalRequired,
    );
    s.call(
        "estimate.submit",
        json!({ "staff_id": s.counter, "job": j }),
    );
    let a = s.approve_by_phone(&j, &[extra], &[]);
    // previous 100.00 + 6% + 300.00 + 13% = 106 + 339 = 445.00; extra 50.00 + 6% = 53.00.
    assert_eq!(a["previous_total"], 44_500);
    assert_eq!(a["amount_approved"], 5_300);
    assert_eq!(a["revised_total"], 49_800);
    assert_eq!(a["supplement"], 1);
    s.call(
        "work.start_line",
        json!({ "staff_id": s.tech, "line_id": extra }),
    );
    let detail = s.job(&j);
    assert_eq!(detail["totals"]["approved_ceiling"], 49_800);
    assert_eq!(detail["approvals"].as_array().unwrap().len(), 2);
}

fn edit(s: &mut Shop, line: i64, body: serde_json::Value) -> jobcard::Result<serde_json::Value> {
    s.core.call(
        "estimate.update_line",
        json!({ "staff_id": s.counter, "line_id": line, "line": body }),
    )
}

#[test]
fn approved_quantity_price_kind_and_method_cannot_rise_or_change() {
    let mut s = Shop::new();
    let (_, labour, part) = s.approved();
    let part_as = |qty: &str, price: i64, kind: &str| json!({ "kind": "part", "description": "Brake pad set", "quantity": qty, "unit_price": price, "part_kind": kind, "part_number": "BP-1" });
    for body in [
        part_as("3", 15000, "new_oem"),
        part_as("2", 15001, "new_oem"),
        part_as("2", 15000, "used"),
        part_as("2", 15000, "new_aftermarket"),
    ] {
        assert_eq!(
            edit(&mut s, part, body).unwrap_err().code,
            ErrorCode::ApprovalRequired
        );
    }
    let relabel =
        json!({ "kind": "labour", "description": "Replace pads and discs", "quantity": "1" });
    assert_eq!(
        edit(&mut s, labour, relabel).unwrap_err().code,
        ErrorCode::ApprovalRequired
    );
    // Lowering is always fine.
    let lowered = edit(&mut s, part, part_as("1", 14000, "new_oem")).unwrap();
    assert_eq!(lowered["quantity"], "1");
    // And once lowered, raising back up to what was approved is fine too.
    edit(&mut s, part, part_as("2", 15000, "new_oem")).unwrap();
}

#[test]
fn removing_the_discount_after_approval_is_refused() {
    let mut s = Shop::new();
    let (j, l, p) = s.awaiting();
    s.call(
        "estimate.set_discount",
        json!({ "staff_id": s.counter, "job": j, "discount_bp": 1000 }),
    );
    s.approve_by_phone(&j, &[l, p], &[]);
    let e = s.refused(
        "estimate.set_discount",
        json!({ "staff_id": s.counter, "job": j, "discount_bp": 0 }),
        ErrorCode::ApprovalRequired,
    );
    assert!(e.message.contains("above"), "{}", e.message);
    assert_eq!(
        s.job(&j)["job"]["discount_bp"],
        1000,
        "refusal left the discount as it was"
    );
    s.call(
        "estimate.set_discount",
        json!({ "staff_id": s.manager, "job": j, "discount_bp": 2000 }),
    );
}

#[test]
fn a_tolerance_allows_a_raise_within_it_and_no_further() {
    let mut s =
        Shop::with_settings(json!({ "approval_tolerance": { "kind": "percent", "bp": 1000 } }));
    let (_, _, part) = s.approved(); // ceiling 445.00, allowance 44.50
    let part_at = |price: i64| json!({ "kind": "part", "description": "Brake pad set", "quantity": "2", "unit_price": price, "part_kind": "new_oem", "part_number": "BP-1" });
    // 2 × 165.00 × 1.13 = 372.90 → total 478.90 > 489.50? no: 478.90 ≤ 489.50, allowed.
    edit(&mut s, part, part_at(16500)).unwrap();
    // 2 × 175.00 × 1.13 = 395.50 → 501.50 > 489.50, refused.
    assert_eq!(
        edit(&mut s, part, part_at(17500)).unwrap_err().code,
        ErrorCode::ApprovalRequired
    );
}

#[test]
fn an_amount_tolerance_allows_that_much_and_no_more() {
    // Ceiling 445.00; tolerance 10.00.
    let mut s =
        Shop::with_settings(json!({ "approval_tolerance": { "kind": "amount", "amount": 1000 } }));
    let (_, _, part) = s.approved();
    let part_at = |price: i64| json!({ "kind": "part", "description": "Brake pad set", "quantity": "2", "unit_price": price, "part_kind": "new_oem", "part_number": "BP-1" });
    // 2 × 154.40 × 1.13 = 348.94 → 454.94, within 455.00.
    edit(&mut s, part, part_at(15440)).unwrap();
    // 2 × 154.50 × 1.13 = 349.17 → 455.17, beyond.
    assert_eq!(
        edit(&mut s, part, part_at(15450)).unwrap_err().code,
        ErrorCode::ApprovalRequired
    );
}
