-- Vouching (issue 20; SECURITY.md S29): a recovery flow asks the account's recovery contacts to
-- vouch, each in their own app with the code the person in recovery reads to them. Enough
-- vouches pass one gate and start a waiting period, kept with the assisted recoveries of
-- support, which any old contact can cancel.

-- A decoy shows recovery contacts as its donor has them.
ALTER TABLE decoy_profiles ADD COLUMN vouches_needed INTEGER;
ALTER TABLE decoy_profiles ADD COLUMN vouches_of INTEGER;

-- One ask a contact, a flow. Only the contact answers it, once; wrong codes are counted.
CREATE TABLE vouch_requests (
    id          TEXT    PRIMARY KEY,
    flow_id     TEXT    NOT NULL REFERENCES recovery_flows (id) ON DELETE CASCADE,
    owner_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    member_id   TEXT    NOT NULL REFERENCES recovery_contacts (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state       TEXT    NOT NULL
                CHECK (state IN ('asked', 'vouched', 'declined', 'reported', 'ended')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    answered_at INTEGER,
    expires_at  INTEGER NOT NULL,
    UNIQUE (flow_id, member_id)
);
CREATE INDEX vouch_requests_of_contact ON vouch_requests (contact_id, state);

-- An assisted recovery comes from a support request or from a flow recovery contacts vouched
-- for (exactly one of the two); the latter keeps the evidence that shortened its wait.
CREATE TABLE assisted_recoveries_next (
    id              TEXT    PRIMARY KEY,
    request_id      TEXT    UNIQUE REFERENCES support_requests (id),
    flow_id         TEXT    UNIQUE REFERENCES recovery_flows (id) ON DELETE CASCADE,
    account_id      INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    state           TEXT    NOT NULL CHECK (state IN ('waiting', 'pass_sent', 'used', 'cancelled')),
    four_eyes       INTEGER NOT NULL,
    cancel_hash     TEXT    NOT NULL UNIQUE,
    wait_ends_at    INTEGER NOT NULL,
    evidence        TEXT    NOT NULL DEFAULT '',
    -- What the person waiting shows staff at a staffed station, and the hash of the secret
    -- their app keeps to finish (flow-bound recoveries only).
    reference       TEXT    UNIQUE,
    wait_hash       TEXT,
    pass_hash       TEXT    UNIQUE,
    pass_expires_at INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK ((request_id IS NULL) <> (flow_id IS NULL))
);
INSERT INTO assisted_recoveries_next (id, request_id, account_id, state, four_eyes, cancel_hash,
        wait_ends_at, pass_hash, pass_expires_at, created_at, updated_at)
    SELECT id, request_id, account_id, state, four_eyes, cancel_hash, wait_ends_at, pass_hash,
        pass_expires_at, created_at, updated_at
    FROM assisted_recoveries;
DROP TABLE assisted_recoveries;
ALTER TABLE assisted_recoveries_next RENAME TO assisted_recoveries;
CREATE INDEX assisted_recoveries_due ON assisted_recoveries (state, wait_ends_at);
CREATE INDEX assisted_recoveries_by_account ON assisted_recoveries (account_id, state);
