//! Gapless job numbers in the shop's format (src/shop/numbering.rs, src/model/numbering.rs).

use crate::common::*;
use serde_json::json;

#[test]
fn job_numbers_follow_the_format_without_gaps() {
    let mut s = Shop::with_settings(json!({ "job_number_format": "W{YY}{MM}-{SEQ:4}" }));
    let a = s.receive();
    // A refused reception does not use a number.
    s.fails("job.receive", json!({ "staff_id": s.counter, "customer": { "id": s.customer }, "item": { "id": s.car }, "complaint": "" }));
    let b = s.receive();
    assert_eq!((a.as_str(), b.as_str()), ("W2611-0001", "W2611-0002"));
}
