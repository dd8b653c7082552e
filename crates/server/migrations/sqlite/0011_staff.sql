-- The staff's side of support requests (issue 16; SECURITY.md S22, S23, S27). Staff are not
-- accounts: their own table, their own sessions (a shift), and an audit of every action.
CREATE TABLE staff (
    id             INTEGER PRIMARY KEY,
    username       TEXT    NOT NULL UNIQUE,
    role           TEXT    NOT NULL CHECK (role IN ('agent', 'supervisor')),
    password_hash  TEXT    NOT NULL,
    totp_sealed    BLOB    NOT NULL,
    totp_last_step INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    disabled_at    INTEGER
);

CREATE TABLE staff_sessions (
    token_hash   TEXT    PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ended_at     INTEGER
);

-- Who, when, what, from where; never a secret, never a note's text.
CREATE TABLE staff_audit (
    id         INTEGER PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff (id),
    action     TEXT    NOT NULL,
    request_id TEXT,
    account_id INTEGER,
    detail     TEXT    NOT NULL DEFAULT '',
    ip         TEXT,
    at         INTEGER NOT NULL
);
CREATE INDEX staff_audit_by_request ON staff_audit (request_id, at);

-- Staff's internal notes, sealed under the support key bound to the request.
CREATE TABLE support_notes (
    id          INTEGER PRIMARY KEY,
    request_id  TEXT    NOT NULL REFERENCES support_requests (id) ON DELETE CASCADE,
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    note_sealed BLOB    NOT NULL,
    created_at  INTEGER NOT NULL
);

ALTER TABLE support_requests ADD COLUMN claimed_by INTEGER REFERENCES staff (id);
ALTER TABLE support_requests ADD COLUMN first_approval_by INTEGER REFERENCES staff (id);
ALTER TABLE support_requests ADD COLUMN verdict TEXT;
ALTER TABLE support_requests ADD COLUMN decided_at INTEGER;
ALTER TABLE support_requests ADD COLUMN files_erased_at INTEGER;
CREATE INDEX support_requests_decided ON support_requests (decided_at) WHERE files_erased_at IS NULL;

-- An approval's recovery: the waiting period, its cancel link, then its single-use pass.
CREATE TABLE assisted_recoveries (
    id              TEXT    PRIMARY KEY,
    request_id      TEXT    NOT NULL UNIQUE REFERENCES support_requests (id),
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state           TEXT    NOT NULL CHECK (state IN ('waiting', 'pass_sent', 'used', 'cancelled')),
    -- Approved by two members of staff, a supervisor the second: only such a pass may reset
    -- an account with a second factor.
    four_eyes       INTEGER NOT NULL,
    cancel_hash     TEXT    NOT NULL UNIQUE,
    wait_ends_at    INTEGER NOT NULL,
    pass_hash       TEXT    UNIQUE,
    pass_expires_at INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX assisted_recoveries_due ON assisted_recoveries (state, wait_ends_at);
CREATE INDEX assisted_recoveries_by_account ON assisted_recoveries (account_id, state);
