//! Items and their owners (src/records/items.rs).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn items_change_owner_and_keep_their_history() {
    let mut s = Shop::new();
    let j = s.receive();
    let buyer = s.call("customer.create", json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "John Smith", "phones": ["+1 555 0100"] } }));
    s.call(
        "item.transfer",
        json!({ "staff_id": s.counter, "id": s.car, "new_owner_id": buyer["id"] }),
    );
    let item = s.call("item.get", json!({ "id": s.car }));
    assert_eq!(item["owner"]["name"], "John Smith");
    assert_eq!(item["owners"].as_array().unwrap().len(), 2);
    assert_eq!(
        item["jobs"][0]["number"],
        j.as_str(),
        "the item's jobs stay with it"
    );
    assert_eq!(item["odometer_readings"].as_array().unwrap().len(), 2);
    s.refused(
        "item.transfer",
        json!({ "staff_id": s.counter, "id": s.car, "new_owner_id": buyer["id"] }),
        ErrorCode::InvalidInput,
    );
    // The same VIN cannot be registered twice.
    let e = s.refused("item.create", json!({ "staff_id": s.counter, "owner_id": s.customer, "item": { "kind": "vehicle", "vin": "LSVAU2180N2183294", "make": "VW", "model": "Passat" } }), ErrorCode::InvalidInput);
    assert!(e.message.contains("already registered"));
}
