//! A period the shop asks about — from one local date to another, inclusive —
//! as the UTC instants its records are stamped with, by the shop's UTC offset.
//! Used by the satisfaction report, the exports and the owner's monthly trend.
//! Tests: tests/core/exchange/export.rs, tests/core/care/satisfaction.rs and
//! the rules below.

use crate::base::error::{Error, Result};
use crate::base::time::time_text;
use crate::ctx::Ctx;
use chrono::{Datelike, NaiveDate};

/// A date typed as YYYY-MM-DD, refused at `field` otherwise.
pub fn date(field: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, "A date as YYYY-MM-DD", "日期格式为 年-月-日"))
}

/// The first instant of `from` and the first instant after `to`, in the
/// shop's local time, as stored time texts; the period spans at most
/// `max_days` days and ends after it starts.
pub fn bounds(ctx: &Ctx, from: &str, to: &str, max_days: i64) -> Result<(String, String)> {
    let (from, to) = (date("from", from)?, date("to", to)?);
    if to < from || (to - from).num_days() > max_days {
        return Err(Error::invalid(
            "to",
            format!("The period ends after it starts and spans at most {max_days} days"),
            format!("期间须结束晚于开始，且不超过 {max_days} 天"),
        ));
    }
    let offset = crate::shop::settings::load(ctx)?.utc_offset_minutes;
    Ok((
        midnight(from, offset),
        midnight(to.succ_opt().unwrap_or(to), offset),
    ))
}

/// The first instant of the local day `d`, as a stored time text.
fn midnight(d: NaiveDate, offset_minutes: i32) -> String {
    let off = chrono::Duration::minutes(offset_minutes.into());
    time_text(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - off)
}

/// The local months `[from, to]` touches, each as its `YYYY-MM`, its first
/// instant and the first instant after it (the first and last cut to the
/// period), as stored time texts.
pub fn months(
    from: NaiveDate,
    to: NaiveDate,
    offset_minutes: i32,
) -> Vec<(String, String, String)> {
    let end = to.succ_opt().unwrap_or(to);
    let mut out = Vec::new();
    let mut start = from;
    while start < end {
        let next = start
            .with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .unwrap_or(end)
            .min(end);
        out.push((
            start.format("%Y-%m").to_string(),
            midnight(start, offset_minutes),
            midnight(next, offset_minutes),
        ));
        start = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        date("d", s).unwrap()
    }

    #[test]
    fn months_are_local_and_cut_to_the_period() {
        // Beijing (UTC+8): a local month starts at 16:00 UTC the day before.
        let m = months(day("2025-11-15"), day("2026-01-31"), 480);
        assert_eq!(
            m,
            [
                ("2025-11", "2025-11-14T16:00:00Z", "2025-11-30T16:00:00Z"),
                ("2025-12", "2025-11-30T16:00:00Z", "2025-12-31T16:00:00Z"),
                ("2026-01", "2025-12-31T16:00:00Z", "2026-01-31T16:00:00Z"),
            ]
            .map(|(k, a, b)| (k.to_string(), a.to_string(), b.to_string()))
        );
        // One day; a leap February; west of UTC.
        assert_eq!(months(day("2024-02-29"), day("2024-02-29"), -300).len(), 1);
        let feb = months(day("2024-02-01"), day("2024-03-01"), -300);
        assert_eq!(feb[0].2, "2024-03-01T05:00:00Z");
        assert_eq!(
            feb[1],
            (
                "2024-03".into(),
                "2024-03-01T05:00:00Z".into(),
                "2024-03-02T05:00:00Z".into()
            )
        );
        // Two whole years.
        assert_eq!(months(day("2024-01-01"), day("2025-12-31"), 0).len(), 24);
        // The last day chrono knows has no day after it: no month, and no
        // endless loop (as `bounds`, which ends there too).
        assert_eq!(months(NaiveDate::MAX, NaiveDate::MAX, 0).len(), 0);
    }
}
