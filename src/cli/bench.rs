//! `jobcard bench`: runs the benchmark (src/bench/) on a fresh shop file or,
//! with `--server`, on the shop's PostgreSQL server, and writes its report:
//! how the shop was made, what this machine does to reads, the table of
//! operations against their targets, and one JSON record per operation when
//! asked. On the server the report also says how large the shop is there
//! against the server's `shared_buffers`, and whether it was loaded into them
//! before measuring (bench/server.rs). Tests: tests/core/faces/cli.rs.

use jobcard::bench::report::{self, Backend, Record};
use jobcard::bench::server::Memory;
use jobcard::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Runs the benchmark at `scale` and answers its report.
pub fn run(
    scale: &str,
    json: Option<&Path>,
    keep: Option<PathBuf>,
    server: Option<&str>,
) -> Result<String, Error> {
    let scale = jobcard::bench::generate::Scale::parse(scale).ok_or_else(|| {
        Error::invalid(
            "scale",
            format!("Unknown scale '{scale}' (small, medium or full)"),
            format!("未知规模“{scale}”"),
        )
    })?;
    let tmp = std::env::temp_dir().join(format!("jobcard-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).map_err(Error::internal)?;
    let path = keep.clone().unwrap_or_else(|| tmp.join("bench.db"));
    let mut out = String::new();
    let records = if let Some(conn) = server {
        // On the shop's server: the same shop, moved there, then timed.
        let result = jobcard::bench::server::run(&path, conn, scale, &mut |m| eprintln!("{m}"));
        if keep.is_none() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        let o = result?;
        line(&mut out, format!(
            "Jobcard benchmark on PostgreSQL, scale {} ({} jobs): generated in a file in {:.1} s, moved to the server in {:.1} s ({} rows, every table compared)",
            scale.name, o.jobs, o.generation_secs, o.move_secs, o.rows_moved
        ));
        line(&mut out, memory_note(&o.memory));
        machine_note(&mut out);
        out.push_str(&report::table(&o.records, Backend::Server));
        out.push_str(&report::missed_when(&o.records, Backend::Server));
        o.records
    } else {
        let result = jobcard::bench::run(&path, scale, &mut |m| eprintln!("{m}"));
        if keep.is_none() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        let o = result?;
        line(&mut out, format!(
            "Jobcard benchmark, scale {} ({} jobs, {} lines, {} invoices), synchronous={} (every write is durable)",
            scale.name, o.jobs, o.lines, o.invoices, jobcard::store::SYNCHRONOUS
        ));
        line(
            &mut out,
            format!(
                "generation {:.1} s ({:.2} ms per 1,000 jobs); database {:.1} MB ({:.1} KB per 1,000 jobs)",
                o.generation_secs,
                o.generation_secs * 1000.0 / (o.jobs as f64 / 1000.0),
                o.db_bytes as f64 / 1e6,
                o.db_bytes as f64 / 1e3 / (o.jobs as f64 / 1000.0)
            ),
        );
        line(
            &mut out,
            format!(
                "invoice PDF (20 lines, Chinese) {} bytes; guarantee card PDF {} bytes",
                o.invoice_pdf_bytes, o.card_pdf_bytes
            ),
        );
        line(
            &mut out,
            format!(
                "start-up measured with the page cache {}; a command-line call's peak memory {}",
                if o.start_cold {
                    "dropped before each sample (cold)"
                } else {
                    "warm (dropping it needs root)"
                },
                o.cli_peak_rss_kb
                    .map(|kb| format!("{:.1} MB", kb as f64 / 1024.0))
                    .unwrap_or_else(|| "not measured (Linux only)".into())
            ),
        );
        machine_note(&mut out);
        out.push_str(&report::table(&o.records, Backend::File));
        out.push_str(&report::missed_when(&o.records, Backend::File));
        if let Some(x) = o.chromium_speedup {
            line(&mut out, format!(
                "printpdf is {x:.1}× faster than a kept-alive headless Chromium printing the same settlement list as HTML ({} bytes)",
                o.chromium_bytes
            ));
        }
        o.records
    };
    if let Some(file) = json {
        write_records(file, &records)?;
    }
    Ok(out)
}

fn line(out: &mut String, text: String) {
    let _ = writeln!(out, "{text}");
}

/// What this machine does to the benchmark's reads (bench/machine.rs).
fn machine_note(out: &mut String) {
    if let Some(n) = jobcard::bench::machine::note(Path::new(jobcard::bench::machine::DAMON_SYSFS))
    {
        line(out, n);
    }
}

/// The shop's size on the server against its buffers, and what was loaded.
fn memory_note(m: &Memory) -> String {
    let gib = |b: i64| b as f64 / (1u64 << 30) as f64;
    let sizes = format!(
        "the shop on the server {:.2} GiB, its shared_buffers {:.2} GiB",
        gib(m.memory.shop_bytes),
        gib(m.memory.buffers_bytes)
    );
    match &m.warmed {
        Ok(Some(blocks)) => format!(
            "{sizes}: loaded into them before measuring (pg_prewarm, {blocks} blocks), as a server that has run a while or preloads autoprewarm holds them / 测量前已载入服务器内存"
        ),
        Ok(None) => format!(
            "{sizes}: the shop does not fit, so blocks not read lately come from the disk / 店铺数据大于服务器缓存，久未读的数据须从磁盘读取"
        ),
        Err(e) => format!("{sizes}: not loaded: {e}"),
    }
}

fn write_records(file: &Path, records: &[Record]) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(records).map_err(Error::internal)?;
    std::fs::write(file, text).map_err(Error::internal)
}
