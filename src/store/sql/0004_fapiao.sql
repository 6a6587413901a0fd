-- The official e-fapiao (数电票) numbers recorded against settlement lists after
-- the tax authority's system issued them. An annotation: the settlement list's
-- frozen document never changes. Append-only; a mistyped number is replaced by
-- a later row with its reason, and the latest row is the current number.
CREATE TABLE fapiao_numbers (
    id            INTEGER PRIMARY KEY,
    invoice_id    INTEGER NOT NULL REFERENCES invoices(id),
    fapiao_number TEXT NOT NULL,
    staff_id      INTEGER NOT NULL REFERENCES staff(id),
    at            TEXT NOT NULL,
    reason        TEXT
);
CREATE INDEX fapiao_numbers_invoice ON fapiao_numbers(invoice_id, id);
CREATE INDEX fapiao_numbers_number ON fapiao_numbers(fapiao_number);

CREATE TRIGGER fapiao_numbers_no_update BEFORE UPDATE ON fapiao_numbers
BEGIN SELECT RAISE(ABORT, 'fapiao numbers are append-only'); END;
CREATE TRIGGER fapiao_numbers_no_delete BEFORE DELETE ON fapiao_numbers
BEGIN SELECT RAISE(ABORT, 'fapiao numbers are append-only'); END;
