-- Opening a job on the server reads a ten-year-old job's blocks from disk,
-- one by one, and its p99 follows how many there are (docs/benchmarks.md).
-- Three of its reads need one column beside the index's key, so each read
-- an index leaf and then a table block for it. With that column in the index
-- they are answered from the leaf alone (an index-only scan; the table's
-- visibility map is set by the move's VACUUM and by autovacuum after):
--   the item's latest odometer reading (items.rs), ordered by (at, id);
--   the customer's phones (customers.rs), in order;
--   the job's invoice number (invoices.rs).
-- About one cold block in nine of an opening (tests/core/store/pg_plans.rs).
-- SQLite's indexes end with the row id and its reads are local, so its
-- schema stays as it is.
CREATE INDEX odometer_readings_item_latest ON odometer_readings (item_id, at, id) INCLUDE (reading);
DROP INDEX odometer_readings_item;
ALTER TABLE customer_phones DROP CONSTRAINT customer_phones_pkey,
    ADD CONSTRAINT customer_phones_pkey PRIMARY KEY (customer_id, position) INCLUDE (phone);
-- invoices_job duplicated the index of invoices' UNIQUE (job_id).
DROP INDEX invoices_job;
CREATE INDEX invoices_job_number ON invoices (job_id) INCLUDE (number);
