//! `jobcard bench`: builds a ten-year shop (see `generate`), then measures what
//! the counter feels — search as you type, opening a job, the board, a customer's
//! history, the durable writes, and printing — against the floor of raw SQLite on
//! the same file, and against printing the same settlement list through a
//! kept-alive headless Chromium (`chromium.rs`, installed when missing), the
//! route browser-based peers use.

pub mod chromium;
mod counter;
pub mod generate;
pub mod import;
mod names;
pub mod report;
pub mod server;
pub mod start;

use crate::api::Core;
use crate::base::error::{Error, Result};
use crate::documents::{Kind, RenderInput};
use crate::model::settings::Lang;
use generate::{Scale, Shop};
pub use report::{stats, Record};
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

pub(crate) fn time<T>(f: impl FnOnce() -> Result<T>) -> Result<Duration> {
    let t = Instant::now();
    f()?;
    Ok(t.elapsed())
}

pub(crate) fn cycle<T: Clone>(xs: &[T], i: usize) -> T {
    xs[i % xs.len()].clone()
}

pub struct Outcome {
    pub records: Vec<Record>,
    pub generation_secs: f64,
    pub db_bytes: u64,
    pub jobs: usize,
    pub lines: usize,
    pub invoices: usize,
    pub chromium_speedup: Option<f64>,
    /// The Chromium route's PDF of the same document, in bytes.
    pub chromium_bytes: usize,
    pub invoice_pdf_bytes: usize,
    pub card_pdf_bytes: usize,
    pub cli_peak_rss_kb: Option<u64>,
    pub start_cold: bool,
}

pub fn run(path: &Path, scale: Scale, progress: &mut dyn FnMut(&str)) -> Result<Outcome> {
    if path.exists() {
        return Err(Error::invalid(
            "db",
            "The benchmark builds a fresh database; give a path that does not exist",
            "基准测试需要新的数据库文件路径",
        ));
    }
    let mut core = Core::open(path)?;
    progress(&format!(
        "generating the {} shop ({} customers, {} items, {} jobs)…",
        scale.name, scale.customers, scale.items, scale.jobs
    ));
    let t = Instant::now();
    let shop = generate::generate(&mut core, scale, 20_261_122, progress)?;
    let generation_secs = t.elapsed().as_secs_f64();
    let db_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(path.with_extension("db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    progress(&format!("generated in {generation_secs:.1} s; measuring…"));
    let mut records = Vec::new();
    let mut rec =
        |op: &str, samples: Vec<Duration>| records.push(Record::new(op, scale.name, samples));

    // The floor: raw SQLite on the same file.
    {
        let conn = core.connection()?;
        let ids = &shop.samples.job_ids;
        let mut pk =
            conn.prepare("SELECT id, number, state, promised_at FROM jobs WHERE id = ?1")?;
        let mut s = Vec::new();
        for i in 0..3000 {
            let id = cycle(ids, i * 7);
            s.push(time(|| Ok(pk.query_row([id], |r| r.get::<_, String>(1))?))?);
        }
        rec("floor_pk_lookup", s);
        let mut ix = conn.prepare(
            "SELECT id FROM jobs WHERE customer_id = ?1 ORDER BY created_at DESC LIMIT 10",
        )?;
        let mut s = Vec::new();
        for i in 0..3000 {
            let c = cycle(&shop.samples.customer_ids, i * 3);
            s.push(time(|| {
                Ok(ix.query_map([c], |r| r.get::<_, i64>(0))?.count())
            })?);
        }
        rec("floor_indexed_query", s);
    }
    counter::measure(&mut core, &shop, progress, &mut rec)?;

    progress("importing a 50,000-row CSV into a fresh shop…");
    let (previewed, committed) = import::measure(path.parent().unwrap_or(Path::new(".")))?;
    rec("import_50k_preview", vec![previewed]);
    rec("import_50k_commit", vec![committed]);

    progress("printing…");
    let (invoice, card) = printable(&mut core, &shop)?;
    let input = RenderInput {
        kind: Kind::Invoice,
        number: invoice.clone(),
        lang: Some(Lang::ZhCn),
        paper: None,
    };
    let invoice_pdf_bytes = core.render(&input)?.len();
    let mut s = Vec::new();
    for _ in 0..200 {
        s.push(time(|| core.render(&input))?);
    }
    rec("invoice_pdf_zh_20_lines", s.clone());
    let printpdf_p50 = stats(s).1;
    let card_input = RenderInput {
        kind: Kind::Card,
        number: card,
        lang: Some(Lang::ZhCn),
        paper: None,
    };
    let card_pdf_bytes = core.render(&card_input)?.len();
    let mut s = Vec::new();
    for _ in 0..200 {
        s.push(time(|| core.render(&card_input))?);
    }
    rec("card_pdf_zh", s);
    let (samples, chromium_bytes) = report::chromium_route(&mut core, &invoice, progress)?;
    let p50 = stats(samples.clone()).1;
    rec("invoice_pdf_chromium_kept_alive", samples);
    let chromium_speedup = Some(p50 as f64 / printpdf_p50.max(1) as f64);
    // Last, since it drops the page cache (cold start) and would slow what follows.
    progress("measuring start-up…");
    let started = start::measure(path)?;
    rec("start_first_screen", started.first_screen);
    rec("cli_first_answer", started.cli_answer);
    let floor = records
        .iter()
        .find(|r| r.op == "floor_pk_lookup")
        .map(|r| r.p50_us)
        .unwrap_or(1)
        .max(1);
    for r in &mut records {
        r.floor_ratio = (r.p50_us as f64 / floor as f64 * 10.0).round() / 10.0;
    }
    Ok(Outcome {
        records,
        cli_peak_rss_kb: started.cli_peak_rss_kb,
        start_cold: started.cold,
        generation_secs,
        db_bytes,
        jobs: scale.jobs,
        lines: shop.lines,
        invoices: shop.invoices,
        chromium_speedup,
        chromium_bytes,
        invoice_pdf_bytes,
        card_pdf_bytes,
    })
}

pub(crate) struct Prepared {
    pub(crate) inspected: Vec<String>,
    pub(crate) awaiting: Vec<(String, i64)>,
    pub(crate) part_lines: Vec<i64>,
    pub(crate) part: i64,
    pub(crate) ready: Vec<String>,
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or(0)
}

/// A job received and inspected, through the real commands.
fn inspected(core: &mut Core, shop: &Shop, i: usize) -> Result<String> {
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
fn ready(core: &mut Core, shop: &Shop, i: usize, lines: usize) -> Result<String> {
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

/// A 20-line invoice and its guarantee card, for the print measurements.
fn printable(core: &mut Core, shop: &Shop) -> Result<(String, String)> {
    let j = ready(core, shop, 999_999, 20)?;
    let r: Value = core.call(
        "invoice.issue",
        json!({ "staff_id": shop.counter, "job": j }),
    )?;
    let inv = r["invoice"]["invoice"]["number"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let card = r["guarantee_card"]["number"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    Ok((inv, card))
}
