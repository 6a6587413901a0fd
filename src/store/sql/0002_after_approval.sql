-- Jobcard schema 2: work, parts, quality check, invoice, credit notes, payments,
-- quality-guarantee cards and claims.

ALTER TABLE jobs ADD COLUMN repair_category TEXT;
ALTER TABLE jobs ADD COLUMN odometer_out INTEGER;
ALTER TABLE jobs ADD COLUMN completed_at TEXT;
ALTER TABLE jobs ADD COLUMN delivered_at TEXT;
ALTER TABLE jobs ADD COLUMN claim_card_id INTEGER REFERENCES guarantee_cards(id);
CREATE INDEX jobs_claim_card ON jobs(claim_card_id);

ALTER TABLE estimate_lines ADD COLUMN technician_id INTEGER REFERENCES staff(id);
ALTER TABLE estimate_lines ADD COLUMN sublet_vendor TEXT;
ALTER TABLE estimate_lines ADD COLUMN sublet_invoice TEXT;
ALTER TABLE estimate_lines ADD COLUMN sublet_cost INTEGER;
ALTER TABLE estimate_lines ADD COLUMN old_part_fate TEXT;
ALTER TABLE estimate_lines ADD COLUMN old_part_note TEXT;
ALTER TABLE estimate_lines ADD COLUMN covered_by_card INTEGER NOT NULL DEFAULT 0;

CREATE TABLE work_clocks (
    id         INTEGER PRIMARY KEY,
    line_id    INTEGER NOT NULL REFERENCES estimate_lines(id),
    staff_id   INTEGER NOT NULL REFERENCES staff(id),
    started_at TEXT NOT NULL,
    stopped_at TEXT
);
CREATE INDEX work_clocks_line ON work_clocks(line_id);
CREATE INDEX work_clocks_staff_open ON work_clocks(staff_id, stopped_at);

CREATE TABLE parts (
    id            INTEGER PRIMARY KEY,
    part_number   TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    brand         TEXT,
    kind          TEXT NOT NULL,
    unit          TEXT NOT NULL,
    cost          INTEGER NOT NULL,
    price         INTEGER NOT NULL,
    on_hand       INTEGER NOT NULL DEFAULT 0,   -- thousandths
    reorder_level INTEGER NOT NULL DEFAULT 0,   -- thousandths
    supplier      TEXT,
    active        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX parts_low ON parts(active, on_hand);

-- Every change of stock, signed; append-only.
CREATE TABLE stock_movements (
    id               INTEGER PRIMARY KEY,
    part_id          INTEGER REFERENCES parts(id),
    kind             TEXT NOT NULL CHECK (kind IN ('receipt', 'consumption', 'return', 'adjustment')),
    quantity         INTEGER NOT NULL,           -- thousandths; negative leaves stock
    unit_cost        INTEGER,
    source           TEXT NOT NULL,              -- stock, supplier, customer
    supplier         TEXT,
    supplier_invoice TEXT,
    batch            TEXT,
    job_id           INTEGER REFERENCES jobs(id),
    line_id          INTEGER REFERENCES estimate_lines(id),
    reason           TEXT,
    staff_id         INTEGER NOT NULL REFERENCES staff(id),
    at               TEXT NOT NULL
);
CREATE INDEX stock_movements_part ON stock_movements(part_id, id);
CREATE INDEX stock_movements_line ON stock_movements(line_id);
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;

CREATE TABLE quality_checks (
    id            INTEGER PRIMARY KEY,
    job_id        INTEGER NOT NULL REFERENCES jobs(id),
    inspector_id  INTEGER NOT NULL REFERENCES staff(id),
    at            TEXT NOT NULL,
    passed        INTEGER NOT NULL,
    odometer_out  INTEGER,
    redo          TEXT,
    certificate_number TEXT UNIQUE
);
CREATE INDEX quality_checks_job ON quality_checks(job_id, id);

CREATE TABLE quality_check_items (
    check_id INTEGER NOT NULL REFERENCES quality_checks(id),
    code     TEXT NOT NULL,
    label    TEXT NOT NULL,
    label_zh TEXT NOT NULL,
    passed   INTEGER NOT NULL,
    note     TEXT,
    PRIMARY KEY (check_id, code)
);
CREATE TRIGGER quality_checks_no_update BEFORE UPDATE ON quality_checks
BEGIN SELECT RAISE(ABORT, 'quality checks are append-only'); END;
CREATE TRIGGER quality_checks_no_delete BEFORE DELETE ON quality_checks
BEGIN SELECT RAISE(ABORT, 'quality checks are append-only'); END;

-- Issued documents are immutable: triggers refuse UPDATE and DELETE.
CREATE TABLE invoices (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    series      TEXT NOT NULL,
    sequence    INTEGER NOT NULL,
    job_id      INTEGER NOT NULL UNIQUE REFERENCES jobs(id),
    issued_at   TEXT NOT NULL,
    supplied_at TEXT NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    total       INTEGER NOT NULL,
    document    TEXT NOT NULL,               -- JSON: everything printed, frozen at issue
    UNIQUE (series, sequence)
);
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable; issue a credit note'); END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
BEGIN SELECT RAISE(ABORT, 'issued invoices are immutable; issue a credit note'); END;

CREATE TABLE credit_notes (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE,
    series      TEXT NOT NULL,
    sequence    INTEGER NOT NULL,
    invoice_id  INTEGER NOT NULL REFERENCES invoices(id),
    issued_at   TEXT NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    reason      TEXT NOT NULL,
    total       INTEGER NOT NULL,            -- positive: the amount credited
    document    TEXT NOT NULL,
    UNIQUE (series, sequence)
);
CREATE INDEX credit_notes_invoice ON credit_notes(invoice_id);
CREATE TRIGGER credit_notes_no_update BEFORE UPDATE ON credit_notes
BEGIN SELECT RAISE(ABORT, 'issued credit notes are immutable'); END;
CREATE TRIGGER credit_notes_no_delete BEFORE DELETE ON credit_notes
BEGIN SELECT RAISE(ABORT, 'issued credit notes are immutable'); END;

CREATE TABLE payments (
    id         INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id),
    method     TEXT NOT NULL,
    amount     INTEGER NOT NULL,             -- negative for a refund
    tendered   INTEGER,
    change     INTEGER NOT NULL DEFAULT 0,
    reference  TEXT,
    staff_id   INTEGER NOT NULL REFERENCES staff(id),
    at         TEXT NOT NULL
);
CREATE INDEX payments_invoice ON payments(invoice_id);
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;

CREATE TABLE guarantee_cards (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    job_id       INTEGER NOT NULL REFERENCES jobs(id),
    invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
    item_id      INTEGER NOT NULL REFERENCES items(id),
    category     TEXT NOT NULL,
    issued_at    TEXT NOT NULL,
    starts_on    TEXT,                       -- date; NULL until handover when it starts then
    days         INTEGER,
    km           INTEGER,
    odometer_start INTEGER,
    restarts_card_id INTEGER REFERENCES guarantee_cards(id),
    document     TEXT NOT NULL               -- JSON: covered lines and their terms, coverage, exclusions
);
CREATE INDEX guarantee_cards_item ON guarantee_cards(item_id);
CREATE INDEX guarantee_cards_job ON guarantee_cards(job_id);
CREATE TRIGGER guarantee_cards_no_delete BEFORE DELETE ON guarantee_cards
BEGIN SELECT RAISE(ABORT, 'guarantee cards are kept'); END;
-- Only the start (set once, at handover) may change.
CREATE TRIGGER guarantee_cards_start_once BEFORE UPDATE ON guarantee_cards
WHEN old.starts_on IS NOT NULL OR new.number IS NOT old.number OR new.document IS NOT old.document
  OR new.days IS NOT old.days OR new.km IS NOT old.km
BEGIN SELECT RAISE(ABORT, 'guarantee cards are immutable once started'); END;

CREATE INDEX invoices_job ON invoices(job_id);
CREATE INDEX jobs_item_state ON jobs(item_id, state);
