//! The shop's settings and their validation (src/shop/settings.rs, src/model/settings.rs).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn two_quality_check_items_cannot_share_a_code_and_checks_keep_working() {
    let mut s = Shop::new();
    let mut settings = s.call("settings.get", json!({}));
    let item = json!({ "code": "tyres", "applies_to": "vehicle", "label": "Tyre pressure set", "label_zh": "胎压已调整" });
    settings["quality_check_items"] = json!([item.clone(), item]);
    let e = s.refused(
        "settings.update",
        json!({ "staff_id": s.manager, "settings": settings }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("settings.quality_check_items[1]"));
    // Nothing was changed, and a quality check still records.
    let now = s.call("settings.get", json!({}));
    assert_eq!(now["quality_check_items"].as_array().unwrap().len(), 1);
    let (j, _, _) = s.ready();
    assert_eq!(s.state(&j), "ready");
}

#[test]
fn a_pasted_page_is_refused_at_its_field_and_nothing_changes() {
    let mut s = Shop::new();
    let before = s.call("settings.get", json!({}));
    for (field, len) in [("address", 501), ("legal_name", 201), ("tax_id", 65)] {
        let mut settings = before.clone();
        settings[field] = json!("路".repeat(len));
        let e = s.refused(
            "settings.update",
            json!({ "staff_id": s.manager, "settings": settings }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field, Some(format!("settings.{field}")));
        assert!(e.message.starts_with("Too long"), "{e:?}");
    }
    let mut huge = before.clone();
    huge["address"] = json!("x".repeat(10 * 1024 * 1024));
    s.refused(
        "settings.update",
        json!({ "staff_id": s.manager, "settings": huge }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(s.call("settings.get", json!({})), before);
}

#[test]
fn the_supplier_list_is_named_once_each() {
    let mut s = Shop::new();
    let m = s.manager;
    let mut settings = s.call("settings.get", json!({}));
    settings["suppliers"] = json!(["Parts Co", "ACME Parts", " parts co "]);
    let e = s.refused(
        "settings.update",
        json!({ "staff_id": m, "settings": settings.clone() }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("settings.suppliers[2]"));
    settings["suppliers"] = json!(["Parts Co", ""]);
    let e = s.refused(
        "settings.update",
        json!({ "staff_id": m, "settings": settings.clone() }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("settings.suppliers[1]"));
    settings["suppliers"] = json!(["Parts Co", "ACME Parts", "广州配件行"]);
    let saved = s.call(
        "settings.update",
        json!({ "staff_id": m, "settings": settings }),
    );
    assert_eq!(saved["suppliers"][2], "广州配件行");
}
