-- The calls list says for each call's item whether a guarantee card still
-- covers it (cards.rs `valid_for_items_read`): every started card of the
-- list's items is read with its first day and length, newest first, and the
-- rule decides which still covers today. On a ten-year shop that is about
-- four cards an item, each a table block found through the item's index.
-- With the card's id, first day, length and number in the index they are
-- answered from its leaves alone (an index-only scan; a card's row is
-- updated once, at handover, so the visibility map stays set once vacuumed):
-- the read took half the time on the full benchmark shop (docs/benchmarks.md).
-- The same key as guarantee_cards_item, which it replaces.
-- Tests: tests/core/store/pg_plans.rs.
CREATE INDEX guarantee_cards_item_terms ON guarantee_cards (item_id) INCLUDE (id, starts_on, days, number);
DROP INDEX guarantee_cards_item;
