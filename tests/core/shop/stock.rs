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
