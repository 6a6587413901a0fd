-- Three more of an opening's reads answered from an index alone (as in 0005):
--   an approval's lines (approvals.rs), read by the approval for their
--   decision, quantity and price: the key now carries them;
--   the numbers of the job's guarantee cards (cards.rs), newest first: the
--   opening shows no more of a card, and a card's row carries its document;
--   what each of the job's lines has consumed (lines.rs), summed from the
--   line's stock movements' quantities.
-- These tables keep their rows (approval lines and stock movements are
-- append-only; a card is updated once, at handover), so their visibility map
-- stays set once vacuumed. Tests: tests/core/store/pg_plans.rs.
ALTER TABLE approval_lines DROP CONSTRAINT approval_lines_pkey,
    ADD CONSTRAINT approval_lines_pkey PRIMARY KEY (approval_id, line_id) INCLUDE (decision, quantity, unit_price);
CREATE INDEX guarantee_cards_job_numbers ON guarantee_cards (job_id, id) INCLUDE (number);
DROP INDEX guarantee_cards_job;
CREATE INDEX stock_movements_line_quantity ON stock_movements (line_id) INCLUDE (quantity);
DROP INDEX stock_movements_line;
-- Issuing an invoice sums the job's parts' cost from its stock movements by
-- job (figure_sql.rs); without an index that read every movement there is.
CREATE INDEX stock_movements_job ON stock_movements(job_id);
