-- Jobcard schema 1: reception to the customer's approval.
-- Portable SQL where it costs nothing; the search tables (FTS5) are SQLite's own and
-- live behind src/store/search.rs. Times are RFC 3339 UTC text. Money is integer minor
-- units; quantities are integer thousandths; rates are basis points.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Gapless number series (jobs now; invoices later). Incremented inside the
-- transaction that uses the number, so a rollback gives the number back.
CREATE TABLE number_series (
    series TEXT PRIMARY KEY,
    last   INTEGER NOT NULL
);

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    roles      TEXT NOT NULL,            -- comma list: counter,technician,inspector,manager
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('person', 'business')),
    name       TEXT NOT NULL,
    email      TEXT,
    address    TEXT,
    tax_id     TEXT,
    language   TEXT NOT NULL DEFAULT 'en',
    notes      TEXT,
    created_at TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES staff(id)
);

CREATE INDEX customers_name_lower ON customers(lower(name));

CREATE TABLE customer_phones (
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    phone       TEXT NOT NULL,           -- digits and a leading + only
    position    INTEGER NOT NULL,
    PRIMARY KEY (customer_id, position)
);
CREATE INDEX customer_phones_phone ON customer_phones(phone);

-- People a customer allows to approve work on their behalf.
CREATE TABLE designated_persons (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    name        TEXT NOT NULL,
    phone       TEXT,
    relation    TEXT
);
CREATE INDEX designated_persons_customer ON designated_persons(customer_id);

CREATE TABLE items (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('vehicle', 'device')),
    owner_id    INTEGER NOT NULL REFERENCES customers(id),
    plate       TEXT,                    -- vehicles: normalised upper case, no spaces
    vin         TEXT,
    make        TEXT,
    model       TEXT,
    year        INTEGER,
    colour      TEXT,
    vehicle_class TEXT,                  -- car, motorcycle, other
    category    TEXT,                    -- devices: phone, laptop, washing machine, …
    brand       TEXT,
    serial      TEXT,                    -- serial number or IMEI
    created_at  TEXT NOT NULL
);
CREATE INDEX items_owner ON items(owner_id);
CREATE INDEX items_plate ON items(plate);
CREATE INDEX items_vin ON items(vin);
CREATE INDEX items_serial ON items(serial);

-- Every owner an item has had; the open row (until_at NULL) is the current one.
CREATE TABLE item_owners (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    from_at     TEXT NOT NULL,
    until_at    TEXT,
    staff_id    INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX item_owners_item ON item_owners(item_id);
CREATE INDEX item_owners_customer ON item_owners(customer_id);

CREATE TABLE odometer_readings (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES items(id),
    reading  INTEGER NOT NULL,
    at       TEXT NOT NULL,
    job_id   INTEGER,
    source   TEXT NOT NULL               -- intake, release, manual
);
CREATE INDEX odometer_readings_item ON odometer_readings(item_id, at);

CREATE TABLE jobs (
    id             INTEGER PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE,
    customer_id    INTEGER NOT NULL REFERENCES customers(id),
    item_id        INTEGER NOT NULL REFERENCES items(id),
    odometer_in    INTEGER,
    complaint      TEXT NOT NULL,
    requested_work TEXT,
    promised_at    TEXT,
    state          TEXT NOT NULL,
    cancel_reason  TEXT,
    discount_bp    INTEGER NOT NULL DEFAULT 0,
    discount_amount INTEGER NOT NULL DEFAULT 0,
    estimate_valid_until TEXT,
    created_at     TEXT NOT NULL,
    created_by     INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX jobs_customer ON jobs(customer_id, created_at);
CREATE INDEX jobs_item ON jobs(item_id, created_at);
CREATE INDEX jobs_state_promised ON jobs(state, promised_at);

CREATE TABLE promise_changes (
    id        INTEGER PRIMARY KEY,
    job_id    INTEGER NOT NULL REFERENCES jobs(id),
    old_at    TEXT,
    new_at    TEXT NOT NULL,
    reason    TEXT NOT NULL,
    customer_told INTEGER NOT NULL DEFAULT 0,
    staff_id  INTEGER NOT NULL REFERENCES staff(id),
    at        TEXT NOT NULL
);
CREATE INDEX promise_changes_job ON promise_changes(job_id);

-- The append-only audit trail of every job.
CREATE TABLE job_events (
    id       INTEGER PRIMARY KEY,
    job_id   INTEGER NOT NULL REFERENCES jobs(id),
    at       TEXT NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL                -- JSON
);
CREATE INDEX job_events_job ON job_events(job_id, id);
CREATE TRIGGER job_events_no_update BEFORE UPDATE ON job_events
BEGIN SELECT RAISE(ABORT, 'job history is append-only'); END;
CREATE TRIGGER job_events_no_delete BEFORE DELETE ON job_events
BEGIN SELECT RAISE(ABORT, 'job history is append-only'); END;

CREATE TABLE inspections (
    id            INTEGER PRIMARY KEY,
    job_id        INTEGER NOT NULL UNIQUE REFERENCES jobs(id),
    staff_id      INTEGER NOT NULL REFERENCES staff(id),
    started_at    TEXT NOT NULL,
    ack_name      TEXT,
    ack_at        TEXT,
    ack_method    TEXT,
    ack_signature BLOB
);

CREATE TABLE inspection_findings (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    area          TEXT NOT NULL,          -- checklist code or free text
    from_checklist INTEGER NOT NULL,
    condition     TEXT NOT NULL CHECK (condition IN ('ok', 'pre_existing_damage', 'fault_found', 'not_checked')),
    note          TEXT
);
CREATE INDEX inspection_findings_inspection ON inspection_findings(inspection_id);

CREATE TABLE finding_photos (
    id         INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES inspection_findings(id),
    mime       TEXT NOT NULL,
    bytes      BLOB NOT NULL
);
CREATE INDEX finding_photos_finding ON finding_photos(finding_id);

CREATE TABLE canned_jobs (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    lines      TEXT NOT NULL              -- JSON array of line drafts
);

CREATE TABLE estimate_lines (
    id            INTEGER PRIMARY KEY,
    job_id        INTEGER NOT NULL REFERENCES jobs(id),
    position      INTEGER NOT NULL,
    supplement    INTEGER NOT NULL,       -- 0: first estimate; n: n-th supplementary estimate
    kind          TEXT NOT NULL CHECK (kind IN ('labour', 'part', 'other')),
    description   TEXT NOT NULL,
    quantity      INTEGER NOT NULL,       -- thousandths (hours for labour)
    unit_price    INTEGER NOT NULL,       -- minor units (rate for labour)
    part_number   TEXT,
    brand         TEXT,
    part_kind     TEXT,
    tax_rate_bp   INTEGER NOT NULL,
    discount_bp   INTEGER NOT NULL DEFAULT 0,
    discount_amount INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'declined', 'removed')),
    approved_quantity INTEGER,
    approved_unit_price INTEGER,
    approved_part_kind TEXT,
    decline_reason TEXT,
    decline_consequence TEXT,
    finding_id    INTEGER REFERENCES inspection_findings(id),
    work_state    TEXT NOT NULL DEFAULT 'not_started',
    created_at    TEXT NOT NULL,
    created_by    INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX estimate_lines_job ON estimate_lines(job_id, position);

-- Approval records are append-only: triggers refuse UPDATE and DELETE.
CREATE TABLE approvals (
    id              INTEGER PRIMARY KEY,
    job_id          INTEGER NOT NULL REFERENCES jobs(id),
    supplement      INTEGER NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('in_person', 'phone', 'electronic')),
    approver_name   TEXT NOT NULL,
    designated_person_id INTEGER REFERENCES designated_persons(id),
    contact         TEXT,                 -- phone number called or address used
    signature       BLOB,
    staff_id        INTEGER NOT NULL REFERENCES staff(id),
    at              TEXT NOT NULL,
    conditions      TEXT,
    old_parts       TEXT,                 -- return_to_customer, discard
    previous_total  INTEGER NOT NULL,
    amount_approved INTEGER NOT NULL,
    revised_total   INTEGER NOT NULL
);
CREATE INDEX approvals_job ON approvals(job_id, id);
CREATE TRIGGER approvals_no_update BEFORE UPDATE ON approvals
BEGIN SELECT RAISE(ABORT, 'approval records are append-only'); END;
CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals
BEGIN SELECT RAISE(ABORT, 'approval records are append-only'); END;

CREATE TABLE approval_lines (
    approval_id INTEGER NOT NULL REFERENCES approvals(id),
    line_id     INTEGER NOT NULL REFERENCES estimate_lines(id),
    decision    TEXT NOT NULL CHECK (decision IN ('approved', 'declined')),
    quantity    INTEGER NOT NULL,
    unit_price  INTEGER NOT NULL,
    PRIMARY KEY (approval_id, line_id)
);
CREATE INDEX approval_lines_line ON approval_lines(line_id);
CREATE TRIGGER approval_lines_no_update BEFORE UPDATE ON approval_lines
BEGIN SELECT RAISE(ABORT, 'approval records are append-only'); END;
CREATE TRIGGER approval_lines_no_delete BEFORE DELETE ON approval_lines
BEGIN SELECT RAISE(ABORT, 'approval records are append-only'); END;

-- Declined work, kept on the item and offered again at its next reception.
CREATE TABLE recommendations (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    job_id      INTEGER NOT NULL REFERENCES jobs(id),
    line_id     INTEGER NOT NULL REFERENCES estimate_lines(id),
    description TEXT NOT NULL,
    reason      TEXT,
    consequence TEXT,
    status      TEXT NOT NULL CHECK (status IN ('open', 'taken_up')),
    created_at  TEXT NOT NULL,
    taken_up_job_id INTEGER REFERENCES jobs(id)
);
CREATE INDEX recommendations_item ON recommendations(item_id, status);

-- Search: one document per customer and per item; trigram FTS for 3+ characters,
-- a bigram table for 2-character queries (Chinese given names are often 2 long).
CREATE TABLE search_docs (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,                -- customer, item
    ref_id  INTEGER NOT NULL,
    body    TEXT NOT NULL,
    UNIQUE (kind, ref_id)
);
CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_docs', content_rowid='id', tokenize='trigram');
CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN
  INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN
  INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN
  INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);
  INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TABLE search_bigrams (
    gram   TEXT NOT NULL,
    doc_id INTEGER NOT NULL REFERENCES search_docs(id),
    PRIMARY KEY (gram, doc_id)
) WITHOUT ROWID;
CREATE INDEX search_bigrams_doc ON search_bigrams(doc_id);
