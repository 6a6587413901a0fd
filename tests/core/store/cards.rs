//! Which guarantee cards still cover an item on a day (src/store/cards.rs):
//! read with their first day and length and picked by the model's rule
//! (model/card.rs `covers`, whose boundaries its unit tests check), the
//! same on both backends.

use crate::common::*;
use jobcard::store::cards::valid_for_items_read;
use jobcard::store::Reads;

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
