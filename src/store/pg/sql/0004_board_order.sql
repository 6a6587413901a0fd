-- The board reads each open state's jobs soonest promise first, then by id
-- (`jobs::in_states`), at most 50 of each. With the id in the index the
-- server reads exactly those 50 off it; without, it read every job in the
-- state and sorted them (a state that piles up, such as invoices never
-- collected, cost the board more each day). SQLite's index already ends
-- with the row id.
CREATE INDEX jobs_state_promised_id ON jobs (state, promised_at, id);
DROP INDEX jobs_state_promised;
