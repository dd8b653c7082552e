-- The recovery protocol: flows (real and decoy), spent captcha solutions, throttle windows and
-- security events. Times are Unix seconds.

-- A recovery flow. `account_id` is NULL for a decoy: a flow started for an identifier that
-- names no account, which behaves like a real one all the way to "wrong code" and never sends
-- anything. Codes, link tokens and reset tokens are stored only as MACs bound to the flow.
CREATE TABLE recovery_flows (
    id                TEXT    PRIMARY KEY,
    account_id        INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    -- MAC of the identifier as typed (normalised): a decoy's seed and the throttle key.
    subject           TEXT    NOT NULL,
    -- A decoy's masks as shown at its start (masks are public; a decoy has no account).
    decoy_email       TEXT,
    decoy_phone       TEXT,
    state             TEXT    NOT NULL,
    -- The method of the current challenge (email, sms, security_questions), if any.
    method            TEXT,
    gates_required    INTEGER NOT NULL,
    -- Methods already passed, comma-separated, in order.
    gates_passed      TEXT    NOT NULL DEFAULT '',
    code_mac          TEXT,
    code_expires_at   INTEGER,
    code_sent_at      INTEGER,
    sends             INTEGER NOT NULL DEFAULT 0,
    -- Code checks so far in this flow (counted before comparing; a resend does not reset it).
    code_attempts     INTEGER NOT NULL DEFAULT 0,
    link_mac          TEXT,
    link_expires_at   INTEGER,
    question_attempts INTEGER NOT NULL DEFAULT 0,
    -- The outbox message of the current code, for "sending / not delivered yet".
    message_id        TEXT,
    reset_mac         TEXT,
    reset_expires_at  INTEGER,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL,
    completed_at      INTEGER
);
CREATE INDEX recovery_flows_by_account ON recovery_flows (account_id);
CREATE UNIQUE INDEX recovery_flows_by_link ON recovery_flows (link_mac) WHERE link_mac IS NOT NULL;

-- Captcha solutions already redeemed, kept until their challenge expires, so that a solution
-- works once on every instance.
CREATE TABLE spent_captchas (
    signature  TEXT    PRIMARY KEY,
    expires_at INTEGER NOT NULL
);

-- Sliding-window throttles: one row per counted event. Keys name what is counted (an
-- identifier's MAC, a destination's MAC, an IP, a country prefix, an account), never a secret.
CREATE TABLE throttle_events (
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX throttle_events_by_key ON throttle_events (key, at);

-- Security events: every recovery step and every change to an account's security, with who,
-- from where, how and what came of it. Never a code, a password or a full contact.
CREATE TABLE security_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    flow_id    TEXT,
    kind       TEXT    NOT NULL,
    method     TEXT,
    outcome    TEXT    NOT NULL,
    ip         TEXT,
    user_agent TEXT,
    at         INTEGER NOT NULL
);
CREATE INDEX security_events_by_account ON security_events (account_id, at);

-- Reports from the "this wasn't me" link in security notices: single-use tokens (MACs only).
CREATE TABLE incident_reports (
    token_mac   TEXT    PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    reported_at INTEGER
);

-- The phone's country code, kept beside the E.164 number so that reading an account does not
-- run libphonenumber again (it was validated when written; reads stay fast and even-timed).
ALTER TABLE accounts ADD COLUMN phone_country_code INTEGER;

-- When a session last proved the password (sign-in), for actions that need a recent one.
ALTER TABLE sessions ADD COLUMN authenticated_at INTEGER;
UPDATE sessions SET authenticated_at = created_at;
