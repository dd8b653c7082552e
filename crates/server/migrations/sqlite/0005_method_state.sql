-- Recovery methods keep their own state (Kratos's per-strategy persisters): a code's MAC, its
-- link, its tries and sends live in the code method's state, the questions' tries in theirs,
-- and a flow keeps only what every method shares. A new method needs no new column.
--
-- `recovery_flows` is rebuilt without the methods' columns (as in 0004, with foreign keys off;
-- see `SqliteStore::migrate`). Open flows keep their live code and tries; decoy flows started
-- before 0004 keep their masks as their identifier's decoy profile.

-- A method's state in a flow, as the method serialises it (JSON). `version` moves with every
-- write: a write made on a stale read is refused, so of two racing submits one wins.
CREATE TABLE method_states (
    flow_id TEXT    NOT NULL REFERENCES recovery_flows (id) ON DELETE CASCADE,
    key     TEXT    NOT NULL,
    version INTEGER NOT NULL,
    data    TEXT    NOT NULL,
    PRIMARY KEY (flow_id, key)
);

INSERT INTO method_states (flow_id, key, version, data)
SELECT id, 'code', 1, json_object(
           'kind', CASE WHEN method IN ('email', 'sms') THEN method END,
           'code_mac', code_mac, 'code_expires_at', code_expires_at, 'sent_at', code_sent_at,
           'sends', sends, 'attempts', code_attempts, 'link_mac', link_mac,
           'link_expires_at', link_expires_at, 'message_id', message_id)
FROM recovery_flows
WHERE completed_at IS NULL AND (code_mac IS NOT NULL OR code_attempts > 0 OR sends > 0);

INSERT INTO method_states (flow_id, key, version, data)
SELECT id, 'security_questions', 1, json_object('attempts', question_attempts)
FROM recovery_flows
WHERE completed_at IS NULL AND (method = 'security_questions' OR question_attempts > 0);

INSERT OR IGNORE INTO decoy_profiles (subject, email_mask, phone_mask, question_count, created_at)
SELECT subject, decoy_email, decoy_phone, 0, MIN(created_at)
FROM recovery_flows WHERE account_id IS NULL GROUP BY subject;

CREATE TABLE recovery_flows_rebuilt (
    id               TEXT    PRIMARY KEY,
    -- NULL for a decoy: a flow for an identifier that names no account.
    account_id       INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    -- MAC of the normalised identifier: the decoy's seed and the per-identifier throttle.
    subject          TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    -- The method whose challenge is on, if any.
    method           TEXT,
    gates_required   INTEGER NOT NULL,
    -- Methods already passed, comma-separated, in order.
    gates_passed     TEXT    NOT NULL DEFAULT '',
    reset_mac        TEXT,
    reset_expires_at INTEGER,
    created_at       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,
    completed_at     INTEGER,
    -- Bumped by every move.
    version          INTEGER NOT NULL DEFAULT 0
);
INSERT INTO recovery_flows_rebuilt (id, account_id, subject, state, method, gates_required,
    gates_passed, reset_mac, reset_expires_at, created_at, expires_at, completed_at)
SELECT id, account_id, subject, state, method, gates_required, gates_passed, reset_mac,
       reset_expires_at, created_at, expires_at, completed_at
FROM recovery_flows;
DROP TABLE recovery_flows;
ALTER TABLE recovery_flows_rebuilt RENAME TO recovery_flows;
CREATE INDEX recovery_flows_by_account ON recovery_flows (account_id);
-- The open flows of an account, which a reset, a password change or "this wasn't me" ends.
CREATE INDEX recovery_flows_open_by_account ON recovery_flows (account_id, expires_at)
    WHERE completed_at IS NULL;
