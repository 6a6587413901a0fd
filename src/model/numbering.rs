//! Number formats for jobs, invoices and credit notes ({YYYY}, {SEQ:n}, …):
//! checking and formatting, pure. Taking the next number is shop/numbering.rs.
//! Tests: tests/core/shop/numbering.rs.

use crate::base::error::{Error, Result};
use chrono::{DateTime, Datelike, Utc};

/// Checks a job number format: it must contain `{SEQ}` or `{SEQ:n}` (n 1–12).
pub fn check_format(f: &str) -> Result<()> {
    let bad = || {
        Error::invalid(
            "job_number_format",
            "The job number format needs {SEQ} or {SEQ:n} (n from 1 to 12), e.g. J{YYYY}-{SEQ:6}",
            "工单号格式须包含 {SEQ} 或 {SEQ:n}（n 为 1 到 12），如 J{YYYY}-{SEQ:6}",
        )
    };
    if f.chars().count() > 40 || f.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    // Every {SEQ:n} must be well formed, not just the first: a second, wide one
    // would make numbers no document can hold.
    let widths_ok = f.split("{SEQ:").skip(1).all(|rest| {
        rest.split_once('}')
            .is_some_and(|(n, _)| n.parse::<u32>().is_ok_and(|n| (1..=12).contains(&n)))
    });
    let ok = widths_ok && (f.contains("{SEQ}") || f.contains("{SEQ:"));
    if ok {
        Ok(())
    } else {
        Err(bad())
    }
}

/// Renders a job number: `J{YYYY}-{SEQ:6}` with 42 in 2026 → `J2026-000042`.
pub fn format(f: &str, now: DateTime<Utc>, seq: i64) -> String {
    let mut out = f
        .replace("{YYYY}", &format!("{:04}", now.year()))
        .replace("{YY}", &format!("{:02}", now.year() % 100))
        .replace("{MM}", &format!("{:02}", now.month()))
        .replace("{SEQ}", &seq.to_string());
    while let Some(start) = out.find("{SEQ:") {
        let Some(len) = out[start..].find('}') else {
            break;
        };
        let width: usize = out[start + 5..start + len].parse().unwrap_or(1).min(12);
        out.replace_range(start..=start + len, &format!("{seq:0width$}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn every_sequence_width_is_checked_and_bounded() {
        assert!(check_format("J{SEQ:4}{SEQ:70000}").is_err());
        assert!(check_format("J{SEQ:4}-{SEQ:2}").is_ok());
        let t = Utc.with_ymd_and_hms(2026, 3, 9, 0, 0, 0).unwrap();
        assert_eq!(
            format("{SEQ:99}", t, 7).len(),
            12,
            "an old, wide format prints at most 12 digits"
        );
    }

    #[test]
    fn formats_numbers() {
        let t = Utc.with_ymd_and_hms(2026, 3, 9, 0, 0, 0).unwrap();
        assert_eq!(format("J{YYYY}-{SEQ:6}", t, 42), "J2026-000042");
        assert_eq!(format("{YY}{MM}{SEQ:4}", t, 7), "26030007");
        assert_eq!(format("W{SEQ}", t, 1234567), "W1234567");
        assert!(check_format("J{YYYY}").is_err());
        assert!(check_format("J{SEQ:0}").is_err());
        assert!(check_format("J{SEQ:5}").is_ok());
    }
}
