//! Start-up at size: how long a ten-year shop takes from opening the file to
//! the counter's first screen (the sign-in names, the settings and the board),
//! and how long a command-line call takes to answer, with its peak resident
//! memory. The page cache is dropped before each sample when the benchmark may
//! (root on Linux), so those samples are cold; otherwise they are warm and the
//! report says so.

use crate::api::Core;
use crate::base::error::{Error, Result};
use serde_json::json;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Start {
    pub first_screen: Vec<Duration>,
    pub cli_answer: Vec<Duration>,
    /// Peak resident memory of a command-line call showing the board (Linux).
    pub cli_peak_rss_kb: Option<u64>,
    /// Whether the page cache was dropped before each sample.
    pub cold: bool,
}

fn drop_page_cache() -> bool {
    Command::new("sync").status().is_ok() && std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

pub fn measure(path: &Path) -> Result<Start> {
    let mut cold = true;
    let mut first_screen = Vec::new();
    for _ in 0..10 {
        cold &= drop_page_cache();
        let t = Instant::now();
        let mut core = Core::open(path)?;
        core.call("shop.status", json!({}))?;
        core.call("staff.list", json!({}))?;
        core.call("settings.get", json!({}))?;
        core.call("job.board", json!({}))?;
        first_screen.push(t.elapsed());
    }
    let exe = std::env::current_exe().map_err(Error::internal)?;
    let mut cli_answer = Vec::new();
    let mut cli_peak_rss_kb = None;
    for _ in 0..10 {
        cold &= drop_page_cache();
        let t = Instant::now();
        let out = Command::new(&exe)
            .args([
                "--db",
                &path.display().to_string(),
                "call",
                "job.board",
                "{}",
            ])
            .env("JOBCARD_REPORT_RSS", "1")
            .output()
            .map_err(Error::internal)?;
        cli_answer.push(t.elapsed());
        if !out.status.success() {
            return Err(Error::internal(String::from_utf8_lossy(&out.stderr)));
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        if let Some(kb) = stderr
            .lines()
            .find_map(|l| l.strip_prefix("peak_rss_kb="))
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            cli_peak_rss_kb = Some(cli_peak_rss_kb.unwrap_or(0).max(kb));
        }
    }
    Ok(Start {
        first_screen,
        cli_answer,
        cli_peak_rss_kb,
        cold,
    })
}

/// This process's peak resident memory in KB (Linux), for `JOBCARD_REPORT_RSS`.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
