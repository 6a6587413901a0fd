//! The import's speed: a 50,000-row CSV of customers, each with a car (the
//! shape of an old system's export), read, checked and previewed, then
//! committed, into a fresh shop of its own beside the benchmark's database.
//! One run each (an import is done once, not thousands of times a day); the
//! target is the two together in 10 s. Reported by `jobcard bench`.

use super::names::{chinese_name, Seeded, MAKES};
use crate::api::Core;
use crate::base::error::Result;
use base64::Engine;
use serde_json::json;
use std::path::Path;
use std::time::{Duration, Instant};

pub const ROWS: usize = 50_000;

/// The CSV: name, phone, plate, make, model, year, odometer.
pub fn csv(rows: usize) -> String {
    let mut r = Seeded::new(50_000);
    let mut out = String::from("客户名称,手机号,车牌号,品牌,车型,年份,行驶里程\n");
    for i in 0..rows {
        let (make, model) = *r.pick(MAKES);
        out.push_str(&format!(
            "{},13{:09},京{}{:05},{make},{model},{},{}\n",
            chinese_name(&mut r),
            i,
            (b'A' + (i / 100_000) as u8) as char,
            i % 100_000,
            2005 + r.below(20),
            r.below(300_000),
        ));
    }
    out
}

/// (preview, commit) wall times of importing [`ROWS`] rows into a fresh shop at `dir`.
pub fn measure(dir: &Path) -> Result<(Duration, Duration)> {
    let path = dir.join("import-bench.db");
    let _ = std::fs::remove_file(&path);
    let mut core = Core::open(&path)?;
    let staff = core.call(
        "shop.setup",
        json!({ "settings": { "legal_name": "Import Bench Ltd" }, "manager_name": "Bench", "manager_secret": "2468" }),
    )?;
    let input = json!({
        "staff_id": staff["id"],
        "kind": "customers",
        "file_name": "old-system.csv",
        "content_base64": base64::engine::general_purpose::STANDARD.encode(csv(ROWS)),
    });
    let t = Instant::now();
    let preview = core.call("import.preview", input.clone())?;
    let previewed = t.elapsed();
    if preview["problem_count"] != 0 || preview["mapping_problem"] != serde_json::Value::Null {
        return Err(crate::base::error::Error::internal(format!(
            "the benchmark's import file was refused: {preview}"
        )));
    }
    let t = Instant::now();
    core.call("import.commit", input)?;
    let committed = t.elapsed();
    drop(core);
    for ext in ["db", "db-wal", "db-shm"] {
        let _ = std::fs::remove_file(path.with_extension(ext));
    }
    Ok((previewed, committed))
}
