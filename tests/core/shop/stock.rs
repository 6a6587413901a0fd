//! The parts catalogue and its stock (src/shop/stock.rs).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

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
fn a_catalogue_parts_price_name_and_reorder_level_change_and_its_number_stays_unique() {
    let mut s = Shop::new();
    let pad = s.stock_part("BP-100", "new_oem", "5");
    let filter = s.stock_part("OF-200", "new_oem", "5");
    let part = |number: &str, price: i64| {
        json!({ "part_number": number, "name": "Brake pad set (front)", "brand": "Bosch",
        "kind": "new_oem", "unit": "set", "cost": 9000, "price": price, "reorder_level": "4" })
    };
    let p = s.call(
        "parts.update",
        json!({ "staff_id": s.manager, "id": pad, "part": part("BP-100", 16500), "active": true }),
    );
    assert_eq!(
        (p["price"].as_i64(), p["name"].as_str()),
        (Some(16500), Some("Brake pad set (front)"))
    );
    assert_eq!(p["reorder_level"], "4");
    assert_eq!(
        p["on_hand"], "5",
        "stock is not touched by a catalogue change"
    );
    let e = s.refused(
        "parts.update",
        json!({ "staff_id": s.manager, "id": filter, "part": part("BP-100", 100), "active": true }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("part_number"));
    s.refused(
        "parts.update",
        json!({ "staff_id": s.manager, "id": pad, "part": part("BP-100", -1), "active": true }),
        ErrorCode::InvalidInput,
    );
    s.refused(
        "parts.update",
        json!({ "staff_id": s.manager, "id": 9999, "part": part("X-1", 100), "active": true }),
        ErrorCode::NotFound,
    );
    let low = s.call("parts.low_stock", json!({}));
    assert!(
        low.as_array().unwrap().iter().all(|x| x["id"] != pad),
        "5 on hand is above the new reorder level of 4"
    );
}
