-- Second factors (SECURITY.md S12, S21): an authenticator app per account and its recovery
-- codes; sign-ins that wait for the second factor; what proved each session.

-- An account's authenticator app. `sealed_secret` is the TOTP secret sealed with a key derived
-- from the server secret and bound to the account; it counts as a factor once `confirmed_at`
-- is set. `last_step` is the last 30-second step whose code was accepted: that step and every
-- earlier one are refused, so a code works once.
CREATE TABLE authenticators (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    sealed_secret BLOB    NOT NULL,
    created_at    INTEGER NOT NULL,
    confirmed_at  INTEGER,
    last_step     INTEGER
);

-- Recovery codes: each an argon2id hash beside a 32-bit keyed lookup tag (a try costs one
-- hash, not ten). A new set deletes the old one; a used code keeps `used_at`.
CREATE TABLE recovery_codes (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    tag        TEXT    NOT NULL,
    hash       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX recovery_codes_unused ON recovery_codes (account_id, tag) WHERE used_at IS NULL;

-- A sign-in whose password was right, waiting for its second factor: a SHA-256 of its token,
-- its tries, and when it ended (a session started, or it was given up).
CREATE TABLE pending_sign_ins (
    token_hash  TEXT    PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    finished_at INTEGER
);
CREATE INDEX pending_sign_ins_by_expiry ON pending_sign_ins (expires_at);

-- What proved the owner when the session started, comma-separated (`password,totp`). Sessions
-- from before this release were started by the password alone.
ALTER TABLE sessions ADD COLUMN factors TEXT NOT NULL DEFAULT 'password';

-- Whether a decoy asks for a second factor as its second gate, as its donor does. Decoys kept
-- before this release copied no second factor, and none existed.
ALTER TABLE decoy_profiles ADD COLUMN second_factor INTEGER NOT NULL DEFAULT 0;
