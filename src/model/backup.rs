//! Backups as rules: where they go and how many are kept (a rotation of the
//! newest per day, per ISO week and per month), the backup file's name, and
//! when the counter should be warned. Pure; the copying is `store/backup.rs`,
//! the schedule `api/backup.rs`.
//!
//! Tests: beside the rules below, and tests/core/store/backup.rs end to end.

use crate::base::error::{Error, Result};
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
#[serde(default)]
pub struct BackupSettings {
    /// The folder backups go to (another disk, a USB stick, a network share);
    /// empty means the `backups` folder beside the database.
    pub folder: String,
    pub keep_daily: u32,
    pub keep_weekly: u32,
    pub keep_monthly: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings {
            folder: String::new(),
            keep_daily: 7,
            keep_weekly: 4,
            keep_monthly: 12,
        }
    }
}

impl BackupSettings {
    pub fn validate(&self) -> Result<()> {
        crate::base::text::limit("backup.folder", &self.folder, 1000)?;
        for (field, n, max) in [
            ("backup.keep_daily", self.keep_daily, 366),
            ("backup.keep_weekly", self.keep_weekly, 520),
            ("backup.keep_monthly", self.keep_monthly, 1200),
        ] {
            if n > max {
                return Err(Error::invalid(
                    field,
                    format!("Keep at most {max}"),
                    format!("最多保留 {max} 份"),
                ));
            }
        }
        if self.keep_daily == 0 {
            return Err(Error::invalid(
                "backup.keep_daily",
                "Keep at least the newest daily backup",
                "至少保留最新的每日备份",
            ));
        }
        Ok(())
    }
}

/// The file name of a backup taken at `at` (UTC, so names sort by time).
pub fn file_name(at: DateTime<Utc>) -> String {
    format!("jobcard-{}.sqlite", at.format("%Y-%m-%d-%H%M%S"))
}

/// The file name of a server shop's backup (PostgreSQL's `pg_dump` format).
pub fn dump_name(at: DateTime<Utc>) -> String {
    format!("jobcard-{}.pgdump", at.format("%Y-%m-%d-%H%M%S"))
}

/// The time in a backup's file name (plain, or sealed: `.sqlite.age`; a
/// server's: `.pgdump`), if it is one of ours.
pub fn time_of(name: &str) -> Option<DateTime<Utc>> {
    let name = name.strip_suffix(".age").unwrap_or(name);
    let name = name.strip_prefix("jobcard-")?;
    let stamp = name
        .strip_suffix(".sqlite")
        .or_else(|| name.strip_suffix(".pgdump"))?;
    NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S")
        .ok()
        .map(|t| t.and_utc())
}

/// The day, week or month a backup belongs to.
type PeriodOf = fn(&DateTime<Utc>) -> (i32, u32, u32);

/// Which backups to delete: everything that is not the newest of one of the
/// newest `keep_daily` days, `keep_weekly` ISO weeks or `keep_monthly` months.
pub fn to_delete(times: &[DateTime<Utc>], keep: &BackupSettings) -> Vec<DateTime<Utc>> {
    let mut sorted: Vec<DateTime<Utc>> = times.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let mut kept: BTreeSet<DateTime<Utc>> = BTreeSet::new();
    let mut take = |key: PeriodOf, n: u32| {
        let mut seen = BTreeSet::new();
        for t in &sorted {
            if seen.len() as u32 >= n {
                break;
            }
            if seen.insert(key(t)) {
                kept.insert(*t);
            }
        }
    };
    take(|t| (t.year(), t.month(), t.day()), keep.keep_daily);
    take(
        |t| (t.iso_week().year(), t.iso_week().week(), 0),
        keep.keep_weekly,
    );
    take(|t| (t.year(), t.month(), 0), keep.keep_monthly);
    sorted.into_iter().filter(|t| !kept.contains(t)).collect()
}

/// Days after which the counter is warned that the last good backup is old.
pub const WARN_AFTER_DAYS: i64 = 2;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn names_round_trip() {
        let t = at(2026, 11, 23, 14);
        assert_eq!(file_name(t), "jobcard-2026-11-23-140000.sqlite");
        assert_eq!(time_of(&file_name(t)), Some(t));
        assert_eq!(time_of("jobcard-2026-11-23.sqlite"), None);
        assert_eq!(time_of(&format!("{}.age", file_name(t))), Some(t));
        assert_eq!(time_of("jobcard-2026-11-23-140000.sqlite.json"), None);
        assert_eq!(time_of("notes.txt"), None);
    }

    #[test]
    fn a_year_of_daily_backups_rotates_to_the_stated_counts() {
        // Two backups a day (start and exit) for a year.
        let start = at(2025, 11, 24, 8);
        let times: Vec<_> = (0..365)
            .flat_map(|d| {
                let day = start + Duration::days(d);
                [day, day + Duration::hours(10)]
            })
            .collect();
        let gone = to_delete(&times, &BackupSettings::default());
        let kept: Vec<_> = times.iter().filter(|t| !gone.contains(t)).collect();
        // 7 days, plus older weeks and months not already covered.
        assert!(
            kept.len() >= 12 && kept.len() <= 7 + 4 + 12,
            "{}",
            kept.len()
        );
        // The newest is always kept; each kept one is the newest of its day.
        let newest = times.iter().max().unwrap();
        assert!(kept.contains(&newest));
        for t in &kept {
            assert_eq!(t.format("%H").to_string(), "18", "{t}");
        }
        // Twelve distinct months are covered.
        let months: BTreeSet<_> = kept.iter().map(|t| (t.year(), t.month())).collect();
        assert_eq!(months.len(), 12);
    }

    #[test]
    fn a_few_backups_are_all_kept() {
        let times = [at(2026, 1, 1, 9), at(2026, 1, 2, 9)];
        assert!(to_delete(&times, &BackupSettings::default()).is_empty());
    }

    #[test]
    fn settings_bounds() {
        let mut s = BackupSettings::default();
        assert!(s.validate().is_ok());
        s.keep_daily = 0;
        assert!(s.validate().is_err());
        s.keep_daily = 7;
        s.folder = "x".repeat(1001);
        assert!(s.validate().is_err());
    }
}
