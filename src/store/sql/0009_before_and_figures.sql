-- Before the job and the owner's view: the appointment book, service
-- reminders, the figures each invoice and approval leaves for the KPIs, and
-- the end-of-day count.

-- The appointment book. A move closes the row as 'moved' and books a new one
-- that names it, so a booking's history is its chain of rows.
CREATE TABLE appointments (
    id           INTEGER PRIMARY KEY,
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    item_id      INTEGER NOT NULL REFERENCES items(id),
    starts_at    TEXT NOT NULL,               -- UTC
    ends_at      TEXT NOT NULL,               -- UTC, starts_at + minutes
    day          TEXT NOT NULL,               -- the shop's local date
    minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 720),
    work         TEXT NOT NULL,
    canned       TEXT NOT NULL DEFAULT '[]',  -- JSON array of canned job ids
    state        TEXT NOT NULL CHECK (state IN ('booked', 'confirmed', 'arrived', 'no_show', 'cancelled', 'moved')),
    reason       TEXT,                        -- why cancelled or moved
    override_reason TEXT,                     -- booked beyond capacity (manager)
    moved_from   INTEGER REFERENCES appointments(id),
    reminder_id  INTEGER,
    job_id       INTEGER REFERENCES jobs(id),
    created_at   TEXT NOT NULL,
    created_by   INTEGER NOT NULL REFERENCES staff(id),
    changed_at   TEXT,
    changed_by   INTEGER REFERENCES staff(id)
);
CREATE INDEX appointments_day ON appointments(day, starts_at);
CREATE INDEX appointments_item ON appointments(item_id, state);
CREATE INDEX appointments_job ON appointments(job_id) WHERE job_id IS NOT NULL;
CREATE TRIGGER appointments_kept BEFORE DELETE ON appointments
BEGIN SELECT RAISE(ABORT, 'appointments are kept'); END;
-- Only the state (and who changed it, why, and the job it opened) may change.
CREATE TRIGGER appointments_settled BEFORE UPDATE ON appointments
WHEN old.state IN ('arrived', 'no_show', 'cancelled', 'moved')
  OR new.starts_at IS NOT old.starts_at OR new.item_id IS NOT old.item_id
  OR new.customer_id IS NOT old.customer_id OR new.work IS NOT old.work
BEGIN SELECT RAISE(ABORT, 'a settled appointment is kept as it was; book a new one'); END;

-- Reminders the shop sends: service due, declined work to offer again, a
-- card about to expire. Written when the event that makes them happens
-- (handover, decline, card issue), so the list is an index range, not a scan.
CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('service', 'declined', 'card')),
    item_id     INTEGER NOT NULL REFERENCES items(id),
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    source_id   INTEGER NOT NULL,             -- job, recommendation or card
    due_on      TEXT NOT NULL,                -- local date
    due_km      INTEGER,                      -- service: the odometer it is due at
    state       TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    contacts    INTEGER NOT NULL DEFAULT 0 CHECK (contacts BETWEEN 0 AND 2),
    closed_why  TEXT,
    created_at  TEXT NOT NULL,
    UNIQUE (kind, source_id)
);
CREATE INDEX reminders_open ON reminders(due_on) WHERE state = 'open';
CREATE INDEX reminders_item ON reminders(item_id, state);
CREATE INDEX reminders_customer ON reminders(customer_id, state);

CREATE TABLE reminder_contacts (
    id          INTEGER PRIMARY KEY,
    reminder_id INTEGER NOT NULL REFERENCES reminders(id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('reached', 'booked', 'not_interested', 'not_reachable', 'opted_out')),
    channel     TEXT NOT NULL,
    note        TEXT,
    appointment_id INTEGER REFERENCES appointments(id),
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    at          TEXT NOT NULL
);
CREATE INDEX reminder_contacts_reminder ON reminder_contacts(reminder_id, id);
CREATE TRIGGER reminder_contacts_no_update BEFORE UPDATE ON reminder_contacts
BEGIN SELECT RAISE(ABORT, 'contacts are append-only'); END;
CREATE TRIGGER reminder_contacts_no_delete BEFORE DELETE ON reminder_contacts
BEGIN SELECT RAISE(ABORT, 'contacts are append-only'); END;

-- A customer who asked for no reminders: honoured for good.
CREATE TABLE reminder_opt_outs (
    customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
    at          TEXT NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    note        TEXT
);
CREATE TRIGGER reminder_opt_outs_no_delete BEFORE DELETE ON reminder_opt_outs
BEGIN SELECT RAISE(ABORT, 'an opt-out is honoured for good'); END;

-- What each invoice tells the owner, written with the invoice (which never
-- changes) and filled here for invoices issued before this schema.
CREATE TABLE job_figures (
    job_id        INTEGER PRIMARY KEY REFERENCES jobs(id),
    issued_at     TEXT NOT NULL,
    total         INTEGER NOT NULL,
    claim         INTEGER NOT NULL,            -- 1: a claim under a card
    labour_sale   INTEGER NOT NULL,            -- before tax and discounts
    labour_hours  INTEGER NOT NULL,            -- thousandths, approved
    parts_sale    INTEGER NOT NULL,
    parts_cost    INTEGER NOT NULL,
    clocked_minutes INTEGER NOT NULL,
    presented_at  TEXT                         -- the first estimate's decision
);
CREATE INDEX job_figures_issued ON job_figures(issued_at, total, claim, labour_sale, labour_hours, parts_sale, parts_cost, clocked_minutes);
CREATE INDEX job_figures_presented ON job_figures(presented_at);

-- Each approval record's amounts presented and approved (before tax).
CREATE TABLE approval_figures (
    approval_id INTEGER PRIMARY KEY REFERENCES approvals(id),
    job_id      INTEGER NOT NULL,
    at          TEXT NOT NULL,
    first       INTEGER NOT NULL,              -- 1: the job's first estimate
    presented   INTEGER NOT NULL,
    approved    INTEGER NOT NULL
);
CREATE INDEX approval_figures_at ON approval_figures(at, first, presented, approved);

-- The end of day: what the drawer and the terminals held, counted and
-- closed by one person; kept as counted.
CREATE TABLE day_closes (
    day       TEXT PRIMARY KEY,                -- local date
    counted   TEXT NOT NULL,                   -- JSON: method -> amount
    expected  TEXT NOT NULL,                   -- JSON: method -> amount
    note      TEXT,
    staff_id  INTEGER NOT NULL REFERENCES staff(id),
    at        TEXT NOT NULL
);
CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes
BEGIN SELECT RAISE(ABORT, 'a closed day is kept as counted'); END;
CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes
BEGIN SELECT RAISE(ABORT, 'a closed day is kept as counted'); END;

CREATE INDEX payments_at ON payments(at, method, amount);
CREATE INDEX credit_notes_issued ON credit_notes(issued_at, total);
CREATE INDEX jobs_delivered ON jobs(delivered_at, promised_at) WHERE delivered_at IS NOT NULL;
CREATE INDEX jobs_claims ON jobs(created_at) WHERE claim_card_id IS NOT NULL;
CREATE INDEX callbacks_closed ON callbacks(closed_at, state) WHERE closed_at IS NOT NULL;
