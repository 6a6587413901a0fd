//! What the machine does to the benchmark's reads behind its back, said with
//! its figures. Some virtual machines run the kernel's DAMON with a `pageout`
//! scheme: the host's agent has the guest drop file cache that has not been
//! touched for a while, however much memory is free. On such a machine a read
//! of data left alone for that long goes to the disk again, so a benchmark of
//! random reads over ten years (the open job) measures the disk, not the
//! memory a server that has run for a while would answer from. The report
//! prints this beside the figures so they are read as what they are.
//! Tests: tests/core/faces/bench.rs.

use std::path::Path;
use std::time::Duration;

/// Where the kernel shows DAMON's monitors (Linux 5.18 and later).
pub const DAMON_SYSFS: &str = "/sys/kernel/mm/damon/admin/kdamonds";

/// How long file cache may sit unread before a running DAMON `pageout`
/// scheme under `root` drops it (the shortest, when several do), or `None`
/// when none runs. Values that are missing, unreadable or absurd count as no
/// scheme: the note is never made up.
pub fn idle_cache_pageout(root: &Path) -> Option<Duration> {
    let mut shortest: Option<Duration> = None;
    for kdamond in dirs(root) {
        if read(&kdamond.join("state")).as_deref() != Some("on") {
            continue;
        }
        for context in dirs(&kdamond.join("contexts")) {
            let Some(aggr_us) = number(&context.join("monitoring_attrs/intervals/aggr_us")) else {
                continue;
            };
            for scheme in dirs(&context.join("schemes")) {
                if read(&scheme.join("action")).as_deref() != Some("pageout") {
                    continue;
                }
                let Some(min_age) = number(&scheme.join("access_pattern/age/min")) else {
                    continue;
                };
                // An age is counted in aggregation intervals.
                let Some(us) = min_age.checked_mul(aggr_us) else {
                    continue;
                };
                let after = Duration::from_micros(us);
                shortest = Some(shortest.map_or(after, |s| s.min(after)));
            }
        }
    }
    shortest
}

/// The sentence the report prints, in English and Chinese, when the machine
/// drops idle file cache.
pub fn note(root: &Path) -> Option<String> {
    let after = idle_cache_pageout(root)?.as_secs();
    Some(format!(
        "this machine drops file cache left unread for {after} s (DAMON pageout), however much memory is free: data not read in the last {after} s comes from disk / 本机会丢弃 {after} 秒未读的文件缓存（DAMON），这些数据须从磁盘读取"
    ))
}

/// The numbered folders under `dir` (kdamonds/0, contexts/0, schemes/0 …).
fn dirs(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<_> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().parse::<u32>().is_ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    found
}

fn read(file: &Path) -> Option<String> {
    std::fs::read_to_string(file)
        .ok()
        .map(|s| s.trim().to_string())
}

fn number(file: &Path) -> Option<u64> {
    read(file)?.parse().ok()
}
