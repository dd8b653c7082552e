-- Regain's first schema: accounts, their contact confirmations, sessions and the courier's
-- outbox. Times are Unix seconds. Released migrations are never edited: add a new file.

-- An account. `id` is the 10-digit account ID people use to sign in and recover.
-- Contacts are stored in canonical form (lower-cased email, E.164 phone); a contact is used
-- for recovery only once confirmed.
CREATE TABLE accounts (
    id              INTEGER PRIMARY KEY,
    display_name    TEXT    NOT NULL,
    birthday        TEXT,
    email           TEXT    UNIQUE,
    email_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (email_confirmed IN (0, 1)),
    phone           TEXT    UNIQUE,
    phone_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (phone_confirmed IN (0, 1)),
    -- argon2id PHC string of the NFKC-normalised password.
    password_hash   TEXT    NOT NULL,
    locale          TEXT    NOT NULL DEFAULT 'en',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

-- Security questions; answers are argon2id hashes of the normalised answer, never the text.
CREATE TABLE security_questions (
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    question    TEXT    NOT NULL,
    answer_hash TEXT    NOT NULL,
    PRIMARY KEY (account_id, position)
);

-- Codes that confirm a new contact. Only an HMAC of the code is kept. A new code supersedes
-- the live one; attempts are counted before the code is compared.
CREATE TABLE contact_confirmations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    channel       TEXT    NOT NULL CHECK (channel IN ('email', 'phone')),
    code_mac      TEXT    NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    consumed_at   INTEGER,
    superseded_at INTEGER
);
CREATE INDEX contact_confirmations_live
    ON contact_confirmations (account_id, channel)
    WHERE consumed_at IS NULL AND superseded_at IS NULL;

-- Signed-in sessions. Tokens are stored as SHA-256 hashes. The refresh token rotates on every
-- use; the previous one is kept to recognise a replay, which revokes the session.
CREATE TABLE sessions (
    id                    TEXT    PRIMARY KEY,
    account_id            INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    access_hash           TEXT    NOT NULL UNIQUE,
    access_expires_at     INTEGER NOT NULL,
    refresh_hash          TEXT    NOT NULL UNIQUE,
    previous_refresh_hash TEXT,
    refresh_expires_at    INTEGER NOT NULL,
    created_at            INTEGER NOT NULL,
    last_used_at          INTEGER NOT NULL,
    ip                    TEXT,
    user_agent            TEXT,
    revoked_at            INTEGER
);
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE INDEX sessions_by_previous_refresh ON sessions (previous_refresh_hash);

-- The courier's outbox: written in the same transaction as the change that causes a message,
-- delivered by the worker. `sealed` is the message encrypted with a key derived from the
-- server secret (recipient and body are never stored in plain text) and is erased once the
-- message is sent or given up.
CREATE TABLE outbox (
    id              TEXT    PRIMARY KEY,
    channel         TEXT    NOT NULL CHECK (channel IN ('email', 'sms')),
    sealed          BLOB,
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    leased_until    INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
