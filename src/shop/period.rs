//! A period the shop asks about — from one local date to another, inclusive —
//! as the UTC instants its records are stamped with, by the shop's UTC offset.
//! Used by the satisfaction report and the exports. Tests: tests/core/exchange/export.rs
//! and tests/core/care/satisfaction.rs.

use crate::base::error::{Error, Result};
use crate::base::time::time_text;
use crate::ctx::Ctx;
use chrono::NaiveDate;

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
    let s = crate::shop::settings::load(ctx)?;
    let off = chrono::Duration::minutes(s.utc_offset_minutes.into());
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - off;
    Ok((
        time_text(midnight(from)),
        time_text(midnight(to.succ_opt().unwrap_or(to))),
    ))
}
