//! Two counters on one shop: each notices within one ask that the other (or a
//! command-line call) wrote, and never its own writes (`Core::changed_elsewhere`,
//! over SQLite's data_version on a file, LISTEN/NOTIFY on a server; the suite
//! runs on both).

use crate::common::*;
use serde_json::json;

#[test]
fn a_counter_notices_another_process_writing_and_not_its_own_writes() {
    let mut s = Shop::new();
    let mut other = s.second_counter();
    assert!(
        !s.core.changed_elsewhere().unwrap(),
        "the first ask takes note"
    );
    assert!(!other.changed_elsewhere().unwrap());
    // Its own write is not news to it.
    s.receive();
    assert!(!s.core.changed_elsewhere().unwrap());
    // The other counter sees it, once.
    assert!(other.changed_elsewhere().unwrap());
    assert!(!other.changed_elsewhere().unwrap());
    // And the other way round.
    other
        .call(
            "customer.create",
            json!({ "staff_id": s.counter, "customer": {
            "kind": "person", "name": "Second Counter", "phones": ["13911112222"] } }),
        )
        .unwrap();
    assert!(s.core.changed_elsewhere().unwrap());
    assert!(!s.core.changed_elsewhere().unwrap());
    // Reading changes nothing anyone sees.
    other.call("search", json!({ "query": "Second" })).unwrap();
    assert!(!s.core.changed_elsewhere().unwrap());
}
