//! End of day (views/day_end.rs): takings by method against the count,
//! invoices issued and credited, open balances, and a closed day kept as
//! counted.

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn the_day_is_counted_against_its_payments_and_kept_as_counted() {
    let mut s = Shop::new();
    s.delivered(); // 445.00 by card
    let (_, inv, _) = s.invoiced(); // 445.00 issued, 100.00 in cash, 345.00 open
    s.call("invoice.pay", json!({ "staff_id": s.counter, "invoice": inv, "method": "cash", "amount": 10000, "tendered": 10000 }));
    let d = s.call("day_end.get", json!({ "staff_id": s.counter }));
    assert_eq!(d["day"], "2026-11-02");
    let methods = d["methods"].as_array().unwrap();
    let cash = methods.iter().find(|m| m["method"] == "cash").unwrap();
    let card = methods.iter().find(|m| m["method"] == "card").unwrap();
    assert_eq!(cash["expected"], 10000);
    assert_eq!(card["expected"], 44500);
    assert_eq!(d["expected_total"], 54500);
    assert_eq!(d["invoices_issued"], 2);
    assert_eq!(d["invoiced_total"], 89000);
    assert_eq!(d["open_balances"][0]["invoice_number"], inv.as_str());
    assert_eq!(d["open_balances"][0]["balance"], 34500);
    assert!(d["closed"].is_null());

    // A short drawer needs a note; a method taken that day must be counted.
    let e = s.refused(
        "day_end.close",
        json!({ "staff_id": s.counter,
        "counted": [{ "method": "cash", "amount": 9000 }, { "method": "card", "amount": 44500 }] }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("note"));
    let e = s.refused(
        "day_end.close",
        json!({ "staff_id": s.counter,
        "counted": [{ "method": "cash", "amount": 10000 }] }),
        ErrorCode::InvalidInput,
    );
    assert!(e.field.as_deref().unwrap().starts_with("counted["));
    for bad in [json!(-1), json!(i64::MAX)] {
        let e = s.fails("day_end.close", json!({ "staff_id": s.counter,
            "counted": [{ "method": "cash", "amount": bad }, { "method": "card", "amount": 44500 }] }));
        assert_eq!(e.field.as_deref(), Some("counted[0].amount"));
    }
    let e = s.fails(
        "day_end.close",
        json!({ "staff_id": s.counter,
        "counted": [{ "method": "cash", "amount": 1 }, { "method": "cash", "amount": 1 }] }),
    );
    assert_eq!(e.field.as_deref(), Some("counted[1].method"));
    let e = s.fails(
        "day_end.close",
        json!({ "staff_id": s.counter, "day": "2026-11-03", "counted": [] }),
    );
    assert_eq!(e.field.as_deref(), Some("day"));
    // A technician does not close the till.
    s.refused(
        "day_end.close",
        json!({ "staff_id": s.tech, "counted": [] }),
        ErrorCode::Forbidden,
    );

    let d = s.call(
        "day_end.close",
        json!({ "staff_id": s.counter, "note": "10.00 paid out for stamps",
        "counted": [{ "method": "cash", "amount": 9000 }, { "method": "card", "amount": 44500 }] }),
    );
    let cash = d["methods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["method"] == "cash")
        .unwrap()
        .clone();
    assert_eq!(cash["counted"], 9000);
    assert_eq!(cash["difference"], -1000);
    assert_eq!(d["closed"]["staff_name"], "Tom");
    assert_eq!(d["closed"]["note"], "10.00 paid out for stamps");
    s.refused("day_end.close", json!({ "staff_id": s.counter, "note": "again",
        "counted": [{ "method": "cash", "amount": 10000 }, { "method": "card", "amount": 44500 }] }), ErrorCode::InvalidState);
    assert!(s
        .core
        .checks()
        .sql()
        .execute("UPDATE day_closes SET note = 'x'", ())
        .is_err());
    assert!(s
        .core
        .checks()
        .sql()
        .execute("DELETE FROM day_closes", ())
        .is_err());
}

#[test]
fn the_closed_day_prints_in_both_languages() {
    use jobcard::documents::Kind;
    use jobcard::model::settings::Lang;
    let mut s = Shop::new();
    s.delivered(); // 445.00 by card
    s.call(
        "day_end.close",
        json!({ "staff_id": s.counter, "note": "Terminal slip short by 1.00",
        "counted": [{ "method": "card", "amount": 44400 }] }),
    );
    let (en, _) = crate::documents::print(&mut s.core, Kind::DayEnd, "2026-11-02", Lang::En, None);
    for want in [
        "End of day",
        "Card",
        "¥445.00",
        "¥444.00",
        "-¥1.00",
        "Counted and closed by",
        "Tom",
        "Terminal slip short by 1.00",
        "Invoices issued (1)",
    ] {
        assert!(en.contains(want), "{want} in {en}");
    }
    let (zh, _) =
        crate::documents::print(&mut s.core, Kind::DayEnd, "2026-11-02", Lang::ZhCn, None);
    for want in ["日结单", "银行卡", "实点", "差额", "清点及日结人"] {
        assert!(zh.contains(want), "{want} in {zh}");
    }
    // A day not yet come is refused, not printed empty.
    assert!(s
        .core
        .render(&jobcard::documents::RenderInput {
            kind: Kind::DayEnd,
            number: "2026-12-01".into(),
            lang: None,
            paper: None
        })
        .is_err());
}
