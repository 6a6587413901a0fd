//! Which guarantee cards still cover an item on a day (src/store/cards.rs):
//! worked out by the core from each card's first day and length, the same
//! on both backends, and hostile stored values cover nothing rather than
//! fail.

use crate::common::*;
use chrono::NaiveDate;
use jobcard::store::cards::{covers, valid_for_items_read};
use jobcard::store::Reads;

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

#[test]
fn the_items_cards_still_valid_are_found_on_either_backend() {
    let mut s = Shop::new();
    let (_, _, card) = s.delivered();
    let item = s.car;
    let sql = s.core.checks();
    let on = |today: &str| {
        valid_for_items_read(&[item, -1], today)
            .run(sql.sql())
            .unwrap()
    };
    let found = on("2026-11-02");
    assert_eq!(found.get(&item), Some(&card));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(on("2099-01-01").is_empty(), "ended long ago by then");
    assert!(
        on("not a day").is_empty(),
        "a day that is not a date finds none"
    );
}
