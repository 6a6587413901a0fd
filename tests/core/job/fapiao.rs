//! The Chinese settlement list: which document a shop issues, and the official
//! e-fapiao number recorded on it afterwards (job/invoice/e_fapiao.rs).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

const FAPIAO: &str = "26442000000012345678";

#[test]
fn a_renminbi_shop_issues_settlement_lists_and_others_tax_invoices() {
    let mut s = Shop::new();
    let (_, inv, _) = s.invoiced();
    let v = s.call("invoice.get", json!({ "invoice": inv }));
    assert_eq!(v["invoice"]["kind"], "settlement_list");
    assert_eq!(v["kind"], "settlement_list");
    assert_eq!(v["invoice"]["item"]["vehicle"], true);
    assert_eq!(
        s.call("settings.document_kind", json!({})),
        "settlement_list"
    );

    let mut eu = Shop::with_settings(json!({ "currency": { "code": "EUR", "minor_units": 2 } }));
    let (_, inv, _) = eu.invoiced();
    let v = eu.call("invoice.get", json!({ "invoice": inv }));
    assert_eq!(v["invoice"]["kind"], "tax_invoice");
    assert_eq!(eu.call("settings.document_kind", json!({})), "tax_invoice");

    // The shop's own choice wins over the currency.
    let mut chosen = Shop::with_settings(json!({ "document_kind": "tax_invoice" }));
    let (_, inv, _) = chosen.invoiced();
    let v = chosen.call("invoice.get", json!({ "invoice": inv }));
    assert_eq!(v["invoice"]["kind"], "tax_invoice");
    assert_eq!(
        chosen.call("settings.document_kind", json!({})),
        "tax_invoice"
    );
}

#[test]
fn the_fapiao_number_is_an_annotation_that_changes_nothing_else() {
    let mut s = Shop::new();
    let (j, inv, _) = s.invoiced();
    let before = s.call("invoice.get", json!({ "invoice": inv }));
    let v = s.call(
        "invoice.record_fapiao",
        json!({ "staff_id": s.counter, "invoice": inv, "fapiao_number": "2644 2000 0000 1234 5678" }),
    );
    assert_eq!(v["fapiao"][0]["fapiao_number"], FAPIAO, "spaces dropped");
    assert_eq!(v["fapiao"][0]["staff_id"], s.counter);
    assert_eq!(
        v["invoice"], before["invoice"],
        "the frozen document is as issued"
    );
    let events = s.job(&j)["history"].to_string();
    assert!(events.contains(FAPIAO), "on the job's timeline: {events}");
    let again = s.call("invoice.get", json!({ "invoice": inv }));
    assert_eq!(again["fapiao"].as_array().unwrap().len(), 1);
}

#[test]
fn a_fapiao_number_is_checked_unique_and_replaced_only_with_a_reason() {
    let mut s = Shop::new();
    let (_, inv, _) = s.invoiced();
    for bad in [
        "",
        "1234",
        "2644200000001234567X",
        "２６４４２０００００００１２３４５６７８",
        "123456789012345678901",
    ] {
        let e = s.refused(
            "invoice.record_fapiao",
            json!({ "staff_id": s.counter, "invoice": inv, "fapiao_number": bad }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field.as_deref(), Some("fapiao_number"), "{bad}");
    }
    s.call(
        "invoice.record_fapiao",
        json!({ "staff_id": s.counter, "invoice": inv, "fapiao_number": FAPIAO }),
    );
    let e = s.refused(
        "invoice.record_fapiao",
        json!({ "staff_id": s.counter, "invoice": inv, "fapiao_number": FAPIAO }),
        ErrorCode::InvalidInput,
    );
    assert!(e.message.contains("already recorded"), "{e:?}");
    // The counter may not replace a number; the manager may, with a reason.
    s.refused(
        "invoice.record_fapiao",
        json!({ "staff_id": s.counter, "invoice": inv, "fapiao_number": "26442000000012345679", "reason": "typo" }),
        ErrorCode::Forbidden,
    );
    let e = s.refused(
        "invoice.record_fapiao",
        json!({ "staff_id": s.manager, "invoice": inv, "fapiao_number": "26442000000012345679" }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("reason"));
    let v = s.call(
        "invoice.record_fapiao",
        json!({ "staff_id": s.manager, "invoice": inv, "fapiao_number": "26442000000012345679", "reason": "typed one digit wrong" }),
    );
    let f = v["fapiao"].as_array().unwrap();
    assert_eq!(f.len(), 2, "both kept");
    assert_eq!(f[1]["fapiao_number"], "26442000000012345679");
    assert_eq!(f[1]["reason"], "typed one digit wrong");
    // Nobody can rewrite the record behind the app's back.
    assert!(s
        .core
        .checks()
        .sql()
        .execute("UPDATE fapiao_numbers SET fapiao_number = '1'", ())
        .is_err());
    assert!(s
        .core
        .checks()
        .sql()
        .execute("DELETE FROM fapiao_numbers", ())
        .is_err());

    // Another settlement list cannot carry the same current number; the
    // replaced one is free again.
    let (_, inv2, _) = s.invoiced();
    let e = s.refused(
        "invoice.record_fapiao",
        json!({ "staff_id": s.counter, "invoice": inv2, "fapiao_number": "26442000000012345679" }),
        ErrorCode::InvalidInput,
    );
    assert!(e.message.contains(&inv), "names the other list: {e:?}");
    s.call(
        "invoice.record_fapiao",
        json!({ "staff_id": s.counter, "invoice": inv2, "fapiao_number": FAPIAO }),
    );
}

#[test]
fn a_tax_invoice_takes_no_fapiao_number_and_nobody_unpermitted_records_one() {
    let mut eu = Shop::with_settings(json!({ "currency": { "code": "EUR", "minor_units": 2 } }));
    let (_, inv, _) = eu.invoiced();
    eu.refused(
        "invoice.record_fapiao",
        json!({ "staff_id": eu.counter, "invoice": inv, "fapiao_number": FAPIAO }),
        ErrorCode::InvalidState,
    );
    let mut s = Shop::new();
    let (_, inv, _) = s.invoiced();
    s.refused(
        "invoice.record_fapiao",
        json!({ "staff_id": s.tech, "invoice": inv, "fapiao_number": FAPIAO }),
        ErrorCode::Forbidden,
    );
    s.refused(
        "invoice.record_fapiao",
        json!({ "staff_id": s.counter, "invoice": "INV-NOPE", "fapiao_number": FAPIAO }),
        ErrorCode::NotFound,
    );
}
