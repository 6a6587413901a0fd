//! Jobs the benchmark drives through the real commands (received, inspected,
//! estimated, approved, worked, checked, ready to bill) and the timing of one
//! operation: shared by the file's and the server's measurements (mod.rs,
//! counter.rs, server.rs). A leaf of bench/.

use super::generate::Shop;
use crate::api::Core;
use crate::base::error::Result;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// One timed call: when it began (none for a figure measured elsewhere, such
/// as a child process's start) and how long it took. When lets the report say
/// whether an operation's slowest calls came together.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub began: Option<Instant>,
    pub took: Duration,
}

impl From<Duration> for Sample {
    fn from(took: Duration) -> Sample {
        Sample { began: None, took }
    }
}

/// Times one call.
pub(crate) fn time<T>(f: impl FnOnce() -> Result<T>) -> Result<Sample> {
    let t = Instant::now();
    f()?;
    Ok(Sample {
        began: Some(t),
        took: t.elapsed(),
    })
}

/// Figures measured elsewhere, as samples with no time of their own.
pub(crate) fn untimed(took: Vec<Duration>) -> Vec<Sample> {
    took.into_iter().map(Sample::from).collect()
}

pub(crate) fn cycle<T: Clone>(xs: &[T], i: usize) -> T {
    xs[i % xs.len()].clone()
}

pub(crate) struct Prepared {
    pub(crate) inspected: Vec<String>,
    pub(crate) awaiting: Vec<(String, i64)>,
    pub(crate) part_lines: Vec<i64>,
    pub(crate) part: i64,
    pub(crate) ready: Vec<String>,
}

pub(crate) fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or(0)
}

/// A job received and inspected, through the real commands.
pub(crate) fn inspected(core: &mut Core, shop: &Shop, i: usize) -> Result<String> {
    let c = cycle(&shop.samples.customer_ids, i * 5 + 1);
    let owner: Value = core.call("customer.get", json!({ "id": c }))?;
    let item = match owner["items"].as_array().and_then(|a| a.first()) {
        Some(it) => json!({ "id": it["id"] }),
        None => {
            json!({ "new": { "kind": "device", "category": "phone", "brand": "Apple", "serial": format!("BENCH{i:06}") } })
        }
    };
    let odo = owner["items"][0]["odometer"].as_i64().map(|o| o + 100);
    let r: Value = core.call("job.receive", json!({ "staff_id": shop.counter, "customer": { "id": c }, "item": item, "odometer_in": odo, "complaint": "Benchmark" }))?;
    let j = r["job"]["number"].as_str().unwrap_or_default().to_string();
    core.call(
        "inspection.start",
        json!({ "staff_id": shop.counter, "job": j }),
    )?;
    core.call(
        "inspection.all_ok",
        json!({ "staff_id": shop.counter, "job": j }),
    )?;
    core.call(
        "inspection.acknowledge",
        json!({ "staff_id": shop.counter, "job": j, "name": "Customer", "method": "verbal" }),
    )?;
    Ok(j)
}

pub(crate) fn prepare(core: &mut Core, shop: &Shop, n: usize) -> Result<Prepared> {
    let part: Value = core.call("parts.create", json!({ "staff_id": shop.staff, "part": { "part_number": "BENCH-PAD", "name": "Brake pad set", "kind": "new_oem", "unit": "set", "cost": 9000, "price": 15000 } }))?;
    core.call("parts.receive", json!({ "staff_id": shop.counter, "part_id": part["id"], "quantity": "100000", "unit_cost": 9000, "supplier": "Bench Parts", "supplier_invoice": "B-1" }))?;
    let mut p = Prepared {
        inspected: vec![],
        awaiting: vec![],
        part_lines: vec![],
        part: id(&part),
        ready: vec![],
    };
    for i in 0..n {
        p.inspected.push(inspected(core, shop, i)?);
        let j = inspected(core, shop, n + i)?;
        let l: Value = core.call("estimate.add_line", json!({ "staff_id": shop.counter, "job": j, "line": { "kind": "labour", "description": "Replace pads", "quantity": "1" } }))?;
        core.call(
            "estimate.submit",
            json!({ "staff_id": shop.counter, "job": j }),
        )?;
        p.awaiting.push((j, id(&l)));
        let j = inspected(core, shop, 2 * n + i)?;
        let l: Value = core.call("estimate.add_line", json!({ "staff_id": shop.counter, "job": j, "line": { "kind": "part", "description": "Brake pad set", "quantity": "1", "unit_price": 15000, "part_kind": "new_oem" } }))?;
        core.call(
            "estimate.submit",
            json!({ "staff_id": shop.counter, "job": j }),
        )?;
        core.call("approval.record", json!({ "staff_id": shop.counter, "job": j, "method": "phone", "contact": "13800138000", "old_parts": "discard", "decisions": [{ "line_id": id(&l), "decision": "approved" }] }))?;
        p.part_lines.push(id(&l));
        p.ready.push(ready(core, shop, 3 * n + i, 3)?);
    }
    Ok(p)
}

/// A job with `lines` approved, done and checked: ready to invoice.
pub(crate) fn ready(core: &mut Core, shop: &Shop, i: usize, lines: usize) -> Result<String> {
    let j = inspected(core, shop, i)?;
    let mut ids = Vec::new();
    for k in 0..lines {
        let l: Value = core.call("estimate.add_line", json!({ "staff_id": shop.counter, "job": j, "line": { "kind": "part", "description": format!("前刹车片总成 原厂配件 {}", k + 1), "quantity": "2", "unit_price": 15000 + k as i64, "part_kind": "new_oem", "part_number": format!("04465-{k:05}"), "brand": "丰田" } }))?;
        ids.push(id(&l));
    }
    core.call(
        "estimate.submit",
        json!({ "staff_id": shop.counter, "job": j }),
    )?;
    let decisions: Vec<Value> = ids
        .iter()
        .map(|l| json!({ "line_id": l, "decision": "approved" }))
        .collect();
    core.call("approval.record", json!({ "staff_id": shop.counter, "job": j, "method": "phone", "contact": "13800138000", "old_parts": "discard", "decisions": decisions }))?;
    let job: Value = core.call("job.get", json!({ "job": j }))?;
    let vehicle = job["item"]["kind"] == "vehicle";
    core.call("work.set_category", json!({ "staff_id": shop.counter, "job": j, "category": if vehicle { "vehicle_minor" } else { "electronics" } }))?;
    for l in &ids {
        core.call(
            "work.complete_line",
            json!({ "staff_id": shop.tech, "line_id": l }),
        )?;
    }
    core.call(
        "work.to_quality_check",
        json!({ "staff_id": shop.counter, "job": j }),
    )?;
    let settings: crate::model::settings::ShopSettings = core.exec("settings.get", json!({}))?;
    let results = crate::job::quality::all_passed(&settings, vehicle);
    let out = job["job"]["odometer_in"].as_i64().map(|o| o + 5);
    core.call(
        "quality.record",
        json!({ "staff_id": shop.inspector, "job": j, "results": results, "odometer_out": out }),
    )?;
    Ok(j)
}
