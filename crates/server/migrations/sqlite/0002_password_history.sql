-- The most recent password hashes of each account, the current one included, so that a change
-- or a reset can refuse any of the last `password.history` passwords (SECURITY.md S15). The
-- store keeps at most that many rows per account.
CREATE TABLE password_history (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX password_history_by_account ON password_history (account_id, id);

-- Accounts created before this migration start their history with their current password.
INSERT INTO password_history (account_id, password_hash, created_at)
SELECT id, password_hash, updated_at FROM accounts;
