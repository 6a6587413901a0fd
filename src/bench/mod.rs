//! `jobcard bench`: builds a ten-year shop (see `generate`), then measures what
//! the counter feels — search as you type, opening a job, the board, a customer's
//! history, the durable writes, and printing — against the floor of raw SQLite on
//! the same file, and against printing the same settlement list through a
//! kept-alive headless Chromium (`chromium.rs`, installed when missing), the
//! route browser-based peers use.

pub mod chromium;
mod counter;
mod drive;
pub use drive::Sample;
pub mod generate;
pub mod import;
pub mod machine;
mod names;
pub mod report;
pub mod server;
pub mod start;

use crate::api::Core;
use crate::base::error::{Error, Result};
use crate::documents::{Kind, RenderInput};
use crate::model::settings::Lang;
use drive::{cycle, ready, time, untimed};
use generate::{Scale, Shop};
pub use report::{stats, Record};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Instant;

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
        |op: &str, samples: Vec<Sample>| records.push(Record::new(op, scale.name, samples));

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
    rec("import_50k_preview", untimed(vec![previewed]));
    rec("import_50k_commit", untimed(vec![committed]));

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
    let printpdf_p50 = stats(s.iter().map(|x| x.took).collect()).1;
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
    rec("invoice_pdf_chromium_kept_alive", untimed(samples));
    let chromium_speedup = Some(p50 as f64 / printpdf_p50.max(1) as f64);
    // Last, since it drops the page cache (cold start) and would slow what follows.
    progress("measuring start-up…");
    let started = start::measure(path)?;
    rec("start_first_screen", untimed(started.first_screen));
    rec("cli_first_answer", untimed(started.cli_answer));
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
