-- After the job: contact preferences, follow-up calls, satisfaction surveys
-- and complaints. Attempts, surveys and complaint steps are append-only; a
-- callback's and a complaint's current state are kept on their row for the
-- lists, and every change to them is one of those appended rows.

CREATE TABLE contact_preferences (
    customer_id    INTEGER PRIMARY KEY REFERENCES customers(id),
    calls          INTEGER NOT NULL CHECK (calls IN (0, 1)),
    channel        TEXT NOT NULL,
    preferred_time TEXT NOT NULL,
    opt_out_reason TEXT,
    updated_at     TEXT NOT NULL,
    staff_id       INTEGER NOT NULL REFERENCES staff(id),
    CHECK (calls = 1 OR opt_out_reason IS NOT NULL)
);

CREATE TABLE complaints (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    job_id        INTEGER REFERENCES jobs(id),
    source        TEXT NOT NULL,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    category      TEXT NOT NULL,
    returning_customer INTEGER NOT NULL,
    facts         TEXT NOT NULL,             -- JSON: the handbook's record
    step          TEXT NOT NULL,             -- the last step taken
    received_at   TEXT NOT NULL,
    next_due      TEXT,                      -- NULL once closed
    staff_id      INTEGER NOT NULL REFERENCES staff(id)
);
CREATE INDEX complaints_open ON complaints(next_due) WHERE next_due IS NOT NULL;
CREATE INDEX complaints_customer ON complaints(customer_id);
CREATE INDEX complaints_job ON complaints(job_id);

CREATE TABLE complaint_steps (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    step         TEXT NOT NULL,
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    at           TEXT NOT NULL,
    detail       TEXT NOT NULL,              -- JSON: note, resolution, root cause, ...
    UNIQUE (complaint_id, step)
);
CREATE TRIGGER complaint_steps_no_update BEFORE UPDATE ON complaint_steps
BEGIN SELECT RAISE(ABORT, 'complaint steps are append-only'); END;
CREATE TRIGGER complaint_steps_no_delete BEFORE DELETE ON complaint_steps
BEGIN SELECT RAISE(ABORT, 'complaint steps are append-only'); END;

CREATE TABLE callbacks (
    id           INTEGER PRIMARY KEY,
    job_id       INTEGER NOT NULL REFERENCES jobs(id),
    customer_id  INTEGER NOT NULL REFERENCES customers(id),
    purpose      TEXT NOT NULL CHECK (purpose IN ('follow_up', 'loop_check')),
    complaint_id INTEGER REFERENCES complaints(id),
    due_at       TEXT NOT NULL,
    due_until    TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    state        TEXT NOT NULL,
    closed_at    TEXT,
    created_at   TEXT NOT NULL
);
-- One follow-up per job; the calls list reads open ones by due time.
CREATE UNIQUE INDEX callbacks_follow_up ON callbacks(job_id) WHERE purpose = 'follow_up';
CREATE INDEX callbacks_open ON callbacks(due_at) WHERE state = 'open';
CREATE INDEX callbacks_customer ON callbacks(customer_id, state);
CREATE INDEX callbacks_follow_ups_made ON callbacks(created_at) WHERE purpose = 'follow_up';
CREATE INDEX callbacks_unreached ON callbacks(expires_at) WHERE state IN ('missed', 'open');

CREATE TABLE callback_attempts (
    id           INTEGER PRIMARY KEY,
    callback_id  INTEGER NOT NULL REFERENCES callbacks(id),
    at           TEXT NOT NULL,
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    outcome      TEXT NOT NULL,
    call_back_at TEXT,
    comment      TEXT
);
CREATE INDEX callback_attempts_callback ON callback_attempts(callback_id, id);
CREATE TRIGGER callback_attempts_no_update BEFORE UPDATE ON callback_attempts
BEGIN SELECT RAISE(ABORT, 'call attempts are append-only'); END;
CREATE TRIGGER callback_attempts_no_delete BEFORE DELETE ON callback_attempts
BEGIN SELECT RAISE(ABORT, 'call attempts are append-only'); END;

CREATE TABLE surveys (
    id        INTEGER PRIMARY KEY,
    job_id    INTEGER NOT NULL UNIQUE REFERENCES jobs(id),
    via       TEXT NOT NULL,
    staff_id  INTEGER NOT NULL REFERENCES staff(id),
    at        TEXT NOT NULL,
    scale     INTEGER NOT NULL,
    advisor_id  INTEGER NOT NULL REFERENCES staff(id),  -- who received the job
    technicians TEXT NOT NULL,               -- their ids, comma-separated (the report groups by them)
    overall   INTEGER NOT NULL,
    recommend INTEGER,
    -- The six stage scores in the order of model/survey.rs STAGES, '-' when not
    -- asked ("4,5,-,3,4,5"), so the year's report reads no JSON.
    stage_scores TEXT NOT NULL,
    said_unhappy INTEGER NOT NULL,
    comment   TEXT,
    answers   TEXT NOT NULL                  -- JSON: the answers as given
);
CREATE INDEX surveys_at ON surveys(at);
CREATE INDEX surveys_comments ON surveys(at) WHERE comment IS NOT NULL;
CREATE TRIGGER surveys_no_update BEFORE UPDATE ON surveys
BEGIN SELECT RAISE(ABORT, 'surveys are append-only'); END;
CREATE TRIGGER surveys_no_delete BEFORE DELETE ON surveys
BEGIN SELECT RAISE(ABORT, 'surveys are append-only'); END;

-- Follow-up calls, surveys and complaints: the counter and the manager.
INSERT INTO role_permissions (role, permission) VALUES ('counter', 'care'), ('manager', 'care');
