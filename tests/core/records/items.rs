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

#[test]
fn an_items_details_change_but_not_its_kind_or_anothers_identity() {
    let mut s = Shop::new();
    let car = json!({ "kind": "vehicle", "plate": "粤B 54321", "vin": "LSVAU2180N2183294", "make": "Volkswagen", "model": "Passat", "year": 2020 });
    let item = s.call(
        "item.update",
        json!({ "staff_id": s.counter, "id": s.car, "item": car }),
    );
    assert_eq!(
        (item["plate"].as_str(), item["year"].as_i64()),
        (Some("粤B54321"), Some(2020))
    );
    let hits = s.call("search", json!({ "query": "B54321" }));
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["kind"] == "item" && h["id"] == s.car),
        "the new plate is found: {hits}"
    );
    let device = json!({ "kind": "device", "category": "phone", "brand": "Huawei", "model": "P60", "serial": "SN1" });
    let e = s.refused(
        "item.update",
        json!({ "staff_id": s.counter, "id": s.car, "item": device }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("item.kind"));
    let other = s.call("item.create", json!({ "staff_id": s.counter, "owner_id": s.customer, "item": {
        "kind": "vehicle", "plate": "粤B 77777", "vin": "LFV2A21K6A3012345", "make": "Toyota", "model": "Corolla" } }));
    let same_vin = json!({ "kind": "vehicle", "plate": "粤B 77777", "vin": "LSVAU2180N2183294", "make": "Toyota", "model": "Corolla" });
    let e = s.refused(
        "item.update",
        json!({ "staff_id": s.counter, "id": other["id"], "item": same_vin }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("item"));
    s.refused(
        "item.update",
        json!({ "staff_id": s.counter, "id": 9999, "item": car }),
        ErrorCode::NotFound,
    );
}

#[test]
fn odometer_readings_only_go_up_and_only_on_vehicles() {
    let mut s = Shop::new();
    let item = s.call(
        "item.record_odometer",
        json!({ "staff_id": s.counter, "id": s.car, "reading": 45000 }),
    );
    assert_eq!(item["odometer"], 45000);
    let e = s.refused(
        "item.record_odometer",
        json!({ "staff_id": s.counter, "id": s.car, "reading": 44000 }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("odometer"));
    for absurd in [-1_i64, 10_000_001, i64::MIN, i64::MAX] {
        s.refused(
            "item.record_odometer",
            json!({ "staff_id": s.counter, "id": s.car, "reading": absurd }),
            ErrorCode::InvalidInput,
        );
    }
    let readings = s.call("item.get", json!({ "id": s.car }))["odometer_readings"].clone();
    assert_eq!(
        readings.as_array().unwrap().len(),
        2,
        "the first and the new one, nothing refused: {readings}"
    );
    let phone = s.call("item.create", json!({ "staff_id": s.counter, "owner_id": s.customer, "item": {
        "kind": "device", "category": "phone", "brand": "Huawei", "model": "P60", "serial": "SN-ODO-1" } }));
    s.refused(
        "item.record_odometer",
        json!({ "staff_id": s.counter, "id": phone["id"], "reading": 10 }),
        ErrorCode::InvalidInput,
    );
}
