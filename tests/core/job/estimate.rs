//! Estimates: lines, canned jobs, discounts and totals (src/job/estimate/).

use crate::common::*;
use jobcard::ErrorCode;
use serde_json::json;

#[test]
fn estimate_lines_canned_jobs_and_totals() {
    let mut s = Shop::new();
    let j = s.inspected();
    s.call("canned_job.save", json!({ "staff_id": s.manager, "name": "Oil change", "lines": [
        { "kind": "labour", "description": "Oil and filter", "quantity": "0.5" },
        { "kind": "part", "description": "Oil 5W-30 4L", "quantity": "1", "unit_price": 28000, "part_kind": "new_oem" } ] }));
    let canned = s.call("canned_job.list", json!({}));
    let lines = s.call(
        "estimate.apply_canned",
        json!({ "staff_id": s.counter, "job": j, "canned_job_id": canned[0]["id"] }),
    );
    assert_eq!(lines.as_array().unwrap().len(), 2);
    s.call("estimate.add_line", json!({ "staff_id": s.counter, "job": j, "line": { "kind": "other", "description": "Hazardous waste disposal (oil)", "quantity": "1", "unit_price": 1500 } }));
    let t = &s.job(&j)["totals"]["estimate"];
    assert_eq!(t["labour"], 5000);
    assert_eq!(t["parts"], 28000);
    assert_eq!(t["other"], 1500);
    // 6 % on 65.00 = 3.90; 13 % on 280.00 = 36.40.
    assert_eq!(t["tax"], 390 + 3640);
    assert_eq!(t["total"], 34500 + 4030);
    // Anonymous charges, priced customer parts and part lines without a kind are refused.
    for (line, field) in [
        (
            json!({ "kind": "other", "description": "Shop supplies", "quantity": "1", "unit_price": 500 }),
            "description",
        ),
        (
            json!({ "kind": "part", "description": "Own tyre", "quantity": "1", "unit_price": 500, "part_kind": "customer_supplied" }),
            "unit_price",
        ),
        (
            json!({ "kind": "part", "description": "Filter", "quantity": "1", "unit_price": 500 }),
            "part_kind",
        ),
        (
            json!({ "kind": "labour", "description": "x", "quantity": "0" }),
            "quantity",
        ),
        (
            json!({ "kind": "labour", "description": "x", "quantity": "-1" }),
            "quantity",
        ),
        (
            json!({ "kind": "labour", "description": "x", "quantity": "1", "unit_price": -5 }),
            "unit_price",
        ),
        (
            json!({ "kind": "labour", "description": "x", "quantity": "1", "discount_bp": 10001 }),
            "discount_bp",
        ),
    ] {
        let e = s.refused(
            "estimate.add_line",
            json!({ "staff_id": s.counter, "job": j, "line": line }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field.as_deref(), Some(field), "{line}");
    }
    let own = s.call("estimate.add_line", json!({ "staff_id": s.counter, "job": j, "line": { "kind": "part", "description": "Customer's own wiper blades", "quantity": "2", "unit_price": 0, "part_kind": "customer_supplied" } }));
    s.call(
        "estimate.remove_line",
        json!({ "staff_id": s.counter, "line_id": own["id"] }),
    );
    assert!(!s.job(&j)["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["id"] == own["id"]));
}

#[test]
fn tax_inclusive_prices_show_the_tax_they_contain() {
    let mut s = Shop::with_settings(json!({ "prices_include_tax": true }));
    let j = s.inspected();
    s.add_part(&j, "Brake pad set", "1", 11300);
    s.add_labour(&j, "Fit pads", "1"); // 100.00 including 6 %
    let t = &s.job(&j)["totals"]["estimate"];
    assert_eq!(t["prices_include_tax"], true);
    assert_eq!(t["total"], 21300, "the customer pays the prices as entered");
    // 113.00 contains 13.00 at 13 %; 100.00 contains 5.66 at 6 %.
    assert_eq!(
        t["taxes"],
        json!([{ "rate_bp": 600, "base": 9434, "tax": 566 }, { "rate_bp": 1300, "base": 10000, "tax": 1300 }])
    );
    assert_eq!(t["net"], 19434);
}
