//! Quality check and release, invoices (gapless, immutable), credit notes and
//! payments.

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn the_invoice_bills_approved_done_lines_and_lists_declined_work() {
    let mut s = Shop::new();
    let j = s.inspected();
    let l = s.add_labour(&j, "Replace front brake pads", "1");
    let p = s.add_part(&j, "Brake pad set", "2", 15000);
    let tyres = s.add_part(&j, "Rear tyres", "2", 50000);
    s.call(
        "estimate.submit",
        json!({ "staff_id": s.counter, "job": j }),
    );
    s.approve_by_phone(&j, &[l, p], &[tyres]);
    s.call(
        "work.set_category",
        json!({ "staff_id": s.counter, "job": j, "category": "vehicle_minor" }),
    );
    for line in [l, p] {
        s.call(
            "work.complete_line",
            json!({ "staff_id": s.tech, "line_id": line }),
        );
    }
    s.call(
        "work.to_quality_check",
        json!({ "staff_id": s.counter, "job": j }),
    );
    let results = s.all_pass();
    s.call(
        "quality.record",
        json!({ "staff_id": s.inspector, "job": j, "results": results, "odometer_out": 42150 }),
    );
    let r = s.call("invoice.issue", json!({ "staff_id": s.counter, "job": j }));
    let inv = &r["invoice"]["invoice"];
    assert_eq!(inv["number"], "INV2026-000001");
    assert_eq!(inv["lines"].as_array().unwrap().len(), 2);
    assert_eq!(inv["totals"]["total"], 44_500);
    assert_eq!(
        inv["totals"]["taxes"],
        json!([{ "rate_bp": 600, "base": 10000, "tax": 600 }, { "rate_bp": 1300, "base": 30000, "tax": 3900 }])
    );
    assert_eq!(inv["recommendations"][0]["description"], "Rear tyres");
    assert_eq!(
        inv["recommendations"][0]["consequence"],
        "noise will get worse; discs may wear"
    );
    assert_eq!(inv["approvals"][0]["method"], "phone");
    assert_eq!(inv["approvals"][0]["contact"], "13800138000");
    assert_eq!(inv["shop"]["name"], "Test Garage Ltd");
    assert_eq!(inv["customer"]["name"], "王小明");
    assert_eq!(inv["currency"]["code"], "CNY");
    assert_eq!(inv["item"]["odometer_out"], 42150);
    assert_eq!(r["invoice"]["status"], "unpaid");
    assert_eq!(s.state(&j), "invoiced");
}

#[test]
fn an_issued_invoice_never_changes() {
    let mut s = Shop::new();
    let (j, inv, _) = s.invoiced();
    let line = s.job(&j)["lines"][0]["id"].clone();
    let e = s.refused("estimate.add_line", json!({ "staff_id": s.counter, "job": j, "line": { "kind": "labour", "description": "x", "quantity": "1" } }), ErrorCode::Immutable);
    assert!(e.message.contains("credit note"));
    s.refused("estimate.update_line", json!({ "staff_id": s.counter, "line_id": line, "line": { "kind": "labour", "description": "Replace front brake pads", "quantity": "0.5" } }), ErrorCode::Immutable);
    s.refused(
        "estimate.set_discount",
        json!({ "staff_id": s.counter, "job": j, "discount_bp": 5000 }),
        ErrorCode::Immutable,
    );
    s.refused(
        "invoice.issue",
        json!({ "staff_id": s.counter, "job": j }),
        ErrorCode::Immutable,
    );
    s.call(
        "invoice.pay",
        json!({ "staff_id": s.counter, "invoice": inv, "method": "cash", "amount": 100 }),
    );
    let checks = s.core.checks();
    let conn = checks.sql();
    assert!(conn.execute("UPDATE invoices SET total = 1", ()).is_err());
    assert!(conn.execute("DELETE FROM invoices", ()).is_err());
    assert!(conn.execute("UPDATE payments SET amount = 1", ()).is_err());
    assert!(conn.execute("DELETE FROM payments", ()).is_err());
    assert_eq!(
        s.call("invoice.get", json!({ "invoice": inv }))["invoice"]["totals"]["total"],
        44_500
    );
}

#[test]
fn invoice_numbers_have_no_gaps_across_aborts_and_reopening() {
    let mut s = Shop::new();
    let mut numbers = Vec::new();
    for round in 0..6 {
        let (j, _, _) = s.ready();
        // An aborted transaction that took a number gives it back.
        {
            let tx = jobcard::store::write_tx(s.core.db()).unwrap();
            jobcard::store::numbers::next(&tx, "invoice").unwrap();
        }
        // A refused issue takes none either.
        s.fails(
            "invoice.issue",
            json!({ "staff_id": s.counter, "job": j, "line_terms": [{ "line_id": 1, "days": 1 }] }),
        );
        let r = s.call("invoice.issue", json!({ "staff_id": s.counter, "job": j }));
        numbers.push(
            r["invoice"]["invoice"]["number"]
                .as_str()
                .unwrap()
                .to_string(),
        );
        if round == 2 {
            let reopened = s.second_counter();
            let old = std::mem::replace(&mut s.core, reopened);
            drop(old);
            s.core.set_now(Some(t0()));
        }
    }
    let expected: Vec<String> = (1..=6).map(|n| format!("INV2026-{n:06}")).collect();
    assert_eq!(numbers, expected);
    let tx = jobcard::store::read_tx(s.core.db()).unwrap();
    assert_eq!(
        jobcard::store::invoices::sequences(&tx, "invoice").unwrap(),
        vec![1, 2, 3, 4, 5, 6]
    );
}

#[test]
fn payments_partial_change_and_balance() {
    let mut s = Shop::new();
    let (j, inv, _) = s.invoiced();
    s.refused(
        "job.deliver",
        json!({ "staff_id": s.counter, "job": j }),
        ErrorCode::InvalidState,
    );
    let v = s.call("invoice.pay", json!({ "staff_id": s.counter, "invoice": inv, "method": "wechat_pay", "amount": 20000, "reference": "WX-8812" }));
    assert_eq!(
        (
            v["paid"].as_i64(),
            v["balance_due"].as_i64(),
            v["status"].as_str()
        ),
        (Some(20000), Some(24500), Some("part_paid"))
    );
    let e = s.refused(
        "invoice.pay",
        json!({ "staff_id": s.counter, "invoice": inv, "method": "cash", "amount": 30000 }),
        ErrorCode::InvalidInput,
    );
    // The amount due in the shop's money, not in minor units.
    assert!(
        e.message.contains("245.00") && !e.message.contains("24500"),
        "{e:?}"
    );
    let e = s.refused(
        "invoice.pay",
        json!({ "staff_id": s.counter, "invoice": inv, "method": "cash", "amount": 10_000_000_000_001_i64 }),
        ErrorCode::InvalidInput,
    );
    assert!(
        !e.message.contains("above zero"),
        "a huge amount is too much, not too little: {e:?}"
    );
    s.refused("invoice.pay", json!({ "staff_id": s.counter, "invoice": inv, "method": "cash", "amount": 24500, "tendered": 20000 }), ErrorCode::InvalidInput);
    s.refused("invoice.pay", json!({ "staff_id": s.counter, "invoice": inv, "method": "card", "amount": 24500, "tendered": 30000 }), ErrorCode::InvalidInput);
    s.refused(
        "invoice.pay",
        json!({ "staff_id": s.counter, "invoice": inv, "method": "cash", "amount": -5 }),
        ErrorCode::InvalidInput,
    );
    let v = s.call("invoice.pay", json!({ "staff_id": s.counter, "invoice": inv, "method": "cash", "amount": 24500, "tendered": 30000 }));
    assert_eq!(v["payments"][1]["change"], 5500);
    assert_eq!(
        (v["balance_due"].as_i64(), v["status"].as_str()),
        (Some(0), Some("paid"))
    );
    let delivered = s.call("job.deliver", json!({ "staff_id": s.counter, "job": j }));
    assert_eq!(s.state(&j), "delivered");
    assert!(
        delivered["delivered_at"].is_string(),
        "the answer carries the handover time it stored: {delivered}"
    );
}

#[test]
fn credit_notes_whole_and_part_with_their_own_series() {
    let mut s = Shop::new();
    let (_, inv, _) = s.invoiced();
    let view = s.call("invoice.get", json!({ "invoice": inv }));
    let part_line = view["invoice"]["lines"][1]["line_id"].clone();
    let labour_line = view["invoice"]["lines"][0]["line_id"].clone();
    s.refused(
        "invoice.credit",
        json!({ "staff_id": s.counter, "invoice": inv, "reason": "x" }),
        ErrorCode::Forbidden,
    );
    s.refused(
        "invoice.credit",
        json!({ "staff_id": s.manager, "invoice": inv, "reason": " " }),
        ErrorCode::InvalidInput,
    );
    // One of the two pad sets: 150.00 + 13 % = 169.50.
    let cn = s.call("invoice.credit", json!({ "staff_id": s.manager, "invoice": inv, "reason": "One set returned unused", "lines": [{ "line_id": part_line, "quantity": "1" }] }));
    assert_eq!(cn["number"], "CN2026-000001");
    assert_eq!(cn["invoice_number"], inv.as_str());
    assert_eq!(cn["total"], 16_950);
    assert_eq!(
        cn["taxes"],
        json!([{ "rate_bp": 1300, "base": 15000, "tax": 1950 }])
    );
    s.refused("invoice.credit", json!({ "staff_id": s.manager, "invoice": inv, "reason": "again", "lines": [{ "line_id": part_line, "quantity": "1.001" }] }), ErrorCode::InvalidInput);
    s.refused("invoice.credit", json!({ "staff_id": s.manager, "invoice": inv, "reason": "x", "lines": [{ "line_id": 9999, "quantity": "1" }] }), ErrorCode::InvalidInput);
    s.call("invoice.pay", json!({ "staff_id": s.counter, "invoice": inv, "method": "card", "amount": 44_500 - 16_950 }));
    // The rest, whole: exactly what remains, to the cent.
    let rest = s.call(
        "invoice.credit",
        json!({ "staff_id": s.manager, "invoice": inv, "reason": "Goodwill: whole job refunded" }),
    );
    assert_eq!(rest["number"], "CN2026-000002");
    assert_eq!(rest["total"], 44_500 - 16_950);
    assert!(rest["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["line_id"] == labour_line));
    s.refused(
        "invoice.credit",
        json!({ "staff_id": s.manager, "invoice": inv, "reason": "third" }),
        ErrorCode::InvalidState,
    );
    let v = s.call("invoice.get", json!({ "invoice": inv }));
    assert_eq!(
        (
            v["credited"].as_i64(),
            v["balance_due"].as_i64(),
            v["status"].as_str()
        ),
        (Some(44_500), Some(-27_550), Some("refund_due"))
    );
    s.refused(
        "invoice.refund",
        json!({ "staff_id": s.counter, "invoice": inv, "method": "card", "amount": 30_000 }),
        ErrorCode::InvalidInput,
    );
    let v = s.call(
        "invoice.refund",
        json!({ "staff_id": s.counter, "invoice": inv, "method": "card", "amount": 27_550 }),
    );
    assert_eq!(v["balance_due"], 0);
    assert!(s
        .core
        .checks()
        .sql()
        .execute("UPDATE credit_notes SET total = 0", ())
        .is_err());
    assert_eq!(
        s.call("credit_note.get", json!({ "credit_note": "CN2026-000001" }))["total"],
        16_950
    );
}

#[test]
fn the_job_shows_its_invoice_and_cards_once_issued() {
    let mut shop = Shop::new();
    let (j, _, _) = shop.ready();
    let before = shop.job(&j);
    assert!(before["invoice_number"].is_null());
    assert_eq!(before["card_numbers"], json!([]));
    let counter = shop.counter;
    let r = shop.call("invoice.issue", json!({ "staff_id": counter, "job": j }));
    let after = shop.job(&j);
    assert_eq!(after["invoice_number"], r["invoice"]["invoice"]["number"]);
    assert_eq!(
        after["card_numbers"],
        json!([r["guarantee_card"]["number"]])
    );
}
