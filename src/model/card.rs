//! The quality-guarantee card as issued: its frozen document and cover per line.
//! Rules in job/guarantee/. Tests: tests/core/job/guarantee.rs, and for
//! [`covers`] the unit tests below and tests/core/store/cards.rs.

use crate::base::money::{Money, Qty};
use crate::model::guarantee_terms::RepairCategory;
use crate::model::invoice::{InvoiceLine, ItemOnDocument, Party};
use crate::model::line::PartKind;
use crate::model::settings::{GuaranteeStart, LocalText};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CardLine {
    pub line_id: i64,
    pub description: String,
    pub part_kind: Option<PartKind>,
    pub brand: Option<String>,
    pub part_number: Option<String>,
    pub quantity: Qty,
    pub amount: Money,
    pub days: Option<u32>,
    pub km: Option<u32>,
}

impl CardLine {
    /// The card's line for a line of its invoice, covered for `days` and `km`.
    pub fn of(l: &InvoiceLine, days: Option<u32>, km: Option<u32>) -> CardLine {
        CardLine {
            line_id: l.line_id,
            description: l.description.clone(),
            part_kind: l.part_kind,
            brand: l.brand.clone(),
            part_number: l.part_number.clone(),
            quantity: l.quantity,
            amount: l.net,
            days,
            km,
        }
    }
}

/// What the card prints, frozen at issue.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CardDocument {
    pub shop: Party,
    pub customer_name: String,
    pub item: ItemOnDocument,
    pub job_number: String,
    pub invoice_number: String,
    pub category: RepairCategory,
    pub category_label: LocalText,
    pub lines: Vec<CardLine>,
    pub coverage: LocalText,
    pub exclusions: LocalText,
    pub how_to_claim: LocalText,
    pub starts_at: GuaranteeStart,
    pub certificate_number: Option<String>,
    pub language: crate::model::settings::Lang,
    pub currency: crate::model::settings::Currency,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Card {
    pub id: i64,
    pub number: String,
    pub job_id: i64,
    pub item_id: i64,
    pub issued_at: String,
    /// First day of cover (shop's local date); none until handover when cover starts then.
    pub starts_on: Option<String>,
    /// The longest cover of any line.
    pub days: Option<u32>,
    pub km: Option<u32>,
    pub odometer_start: Option<i64>,
    /// The card whose claim this card's work redid, when the period restarted.
    pub restarts_card_id: Option<i64>,
    pub document: CardDocument,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct LineTerms {
    pub line_id: i64,
    pub days: Option<u32>,
    pub km: Option<u32>,
}

/// Whether a card that started on `starts_on` (YYYY-MM-DD) for `days` days
/// (none: the day it started only) still covers `today`: its last day is
/// the start plus the days, as SQLite's `date(starts_on, '+N days')`. A start
/// that is not a date, a negative length or one past the calendar's end
/// covers nothing.
pub fn covers(starts_on: &str, days: Option<i64>, today: chrono::NaiveDate) -> bool {
    let Ok(start) =
        chrono::NaiveDate::parse_from_str(starts_on.get(..10).unwrap_or(starts_on), "%Y-%m-%d")
    else {
        return false;
    };
    let Ok(days) = u64::try_from(days.unwrap_or(0)) else {
        return false;
    };
    start
        .checked_add_days(chrono::Days::new(days))
        .is_some_and(|last| last >= today)
}

#[cfg(test)]
mod tests {
    use super::covers;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_card_covers_through_its_last_day_and_not_after() {
        // 90 days from 2026-11-02: the last day is 2027-01-31, as SQLite's date(…, '+90 days').
        assert!(covers("2026-11-02", Some(90), day("2026-11-02")));
        assert!(covers("2026-11-02", Some(90), day("2027-01-31")));
        assert!(!covers("2026-11-02", Some(90), day("2027-02-01")));
        // No length: the day it started only.
        assert!(covers("2026-11-02", None, day("2026-11-02")));
        assert!(!covers("2026-11-02", None, day("2026-11-03")));
        // Across a leap day.
        assert!(covers("2028-02-01", Some(29), day("2028-03-01")));
        assert!(!covers("2028-02-01", Some(29), day("2028-03-02")));
    }

    #[test]
    fn hostile_stored_values_cover_nothing_and_never_panic() {
        let today = day("2026-11-02");
        for start in [
            "",
            "not a date",
            "2026-13-40",
            "二〇二六年十一月二日",
            "2026-11",
        ] {
            assert!(!covers(start, Some(365), today), "{start:?}");
        }
        assert!(!covers("2026-11-02", Some(-1), today));
        assert!(!covers("2026-11-02", Some(i64::MAX), today));
        assert!(!covers("2026-11-02", Some(i64::MIN), today));
        // A longer text starting with the date (a time after it) is read by its date.
        assert!(covers("2026-11-02T08:00:00Z", Some(1), day("2026-11-03")));
    }
}
