//! Staff, roles and who may act (src/shop/staff.rs).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn staff_roles_and_activity_are_enforced() {
    let mut s = Shop::new();
    s.refused(
        "staff.add",
        json!({ "staff_id": s.counter, "name": "X", "roles": ["counter"] }),
        ErrorCode::Forbidden,
    );
    s.call("staff.update", json!({ "staff_id": s.manager, "id": s.counter, "name": "Tom", "roles": ["counter"], "active": false }));
    s.refused("job.receive", json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": s.car }, "odometer_in": 42100, "complaint": "x" }), ErrorCode::Forbidden);
    s.refused(
        "shop.setup",
        json!({ "settings": { "legal_name": "Again" }, "manager_name": "Eve", "manager_secret": "2468" }),
        ErrorCode::InvalidState,
    );
}
