-- Support requests, the last resort (issue 16; SECURITY.md S22, S27). What the person gives is
-- sealed under the service's support key and bound to the request (`*_sealed`); the files under
-- a key of the request's own (`key_sealed`), so that erasing that key erases them. A request for
-- an identifier that names no account has no `account_id` and is otherwise the same.
CREATE TABLE support_requests (
    id                   TEXT    PRIMARY KEY,
    reference            TEXT    NOT NULL UNIQUE,
    account_id           INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    subject              TEXT    NOT NULL,
    contact_channel      TEXT    NOT NULL CHECK (contact_channel IN ('email', 'phone')),
    -- The language the person filed in: every message to the contact they gave is in it, never
    -- in the account's (which would tell whether the identifier names one).
    locale               TEXT    NOT NULL,
    contact_sealed       BLOB    NOT NULL,
    code_mac             TEXT    NOT NULL,
    code_expires_at      INTEGER NOT NULL,
    code_attempts        INTEGER NOT NULL DEFAULT 0,
    contact_confirmed_at INTEGER,
    description_sealed   BLOB    NOT NULL,
    device_sealed        BLOB,
    key_sealed           BLOB,
    status_hash          TEXT    NOT NULL UNIQUE,
    state                TEXT    NOT NULL,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
CREATE INDEX support_requests_queue ON support_requests (state, created_at);
CREATE INDEX support_requests_by_subject ON support_requests (subject);

-- A request's files, each sealed under the request's key; `sealed` is NULL once erased.
CREATE TABLE support_proofs (
    id           INTEGER PRIMARY KEY,
    request_id   TEXT    NOT NULL REFERENCES support_requests (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('id_document', 'receipt')),
    content_type TEXT    NOT NULL,
    sealed       BLOB,
    erased_at    INTEGER,
    UNIQUE (request_id, position)
);
