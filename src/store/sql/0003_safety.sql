-- Jobcard schema 3: sign-in secrets, role permissions, the audit chain,
-- backups, and quality-check item results made append-only.

-- One secret per person: an argon2id hash (PHC string), never the secret.
CREATE TABLE staff_credentials (
    staff_id     INTEGER PRIMARY KEY REFERENCES staff(id),
    kind         TEXT NOT NULL CHECK (kind IN ('pin', 'password')),
    hash         TEXT NOT NULL,
    set_at       TEXT NOT NULL,
    set_by       INTEGER REFERENCES staff(id),
    failed       INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);

-- Which role holds which permission; the manager edits it.
CREATE TABLE role_permissions (
    role       TEXT NOT NULL CHECK (role IN ('counter', 'technician', 'inspector', 'manager')),
    permission TEXT NOT NULL,
    PRIMARY KEY (role, permission)
);
INSERT INTO role_permissions (role, permission) VALUES
    ('counter', 'receive'), ('counter', 'estimate'), ('counter', 'approve'),
    ('counter', 'payment'), ('counter', 'stock'), ('counter', 'cancel'),
    ('counter', 'dispatch'), ('manager', 'dispatch'),
    ('technician', 'work'), ('technician', 'consume'),
    ('inspector', 'check'),
    ('manager', 'receive'), ('manager', 'estimate'), ('manager', 'approve'),
    ('manager', 'payment'), ('manager', 'stock'), ('manager', 'cancel'),
    ('manager', 'work'), ('manager', 'consume'), ('manager', 'check'),
    ('manager', 'discount'), ('manager', 'credit_note'), ('manager', 'settings'),
    ('manager', 'staff');

-- The audit chain: each entry's hash covers the previous hash and its content.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    staff_id      INTEGER REFERENCES staff(id),
    authorised_by INTEGER REFERENCES staff(id),
    action        TEXT NOT NULL,
    content       TEXT NOT NULL,
    prev_hash     TEXT NOT NULL UNIQUE,
    hash          TEXT NOT NULL UNIQUE
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER quality_check_items_no_update BEFORE UPDATE ON quality_check_items
BEGIN SELECT RAISE(ABORT, 'quality checks are append-only'); END;
CREATE TRIGGER quality_check_items_no_delete BEFORE DELETE ON quality_check_items
BEGIN SELECT RAISE(ABORT, 'quality checks are append-only'); END;

-- Every backup written, verified or not: the home shows the last good one's age
-- even when its folder (a USB stick) is not plugged in.
CREATE TABLE backups (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    path       TEXT NOT NULL,
    bytes      INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    verified   INTEGER NOT NULL,
    problem    TEXT
);
CREATE INDEX backups_good ON backups(verified, at);

-- The board shows every clock still running: a small partial index, however
-- many clocks ten years have stopped.
CREATE INDEX work_clocks_running ON work_clocks(line_id) WHERE stopped_at IS NULL;
