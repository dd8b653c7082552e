-- Recovery contacts (issue 20; SECURITY.md S29): other accounts an owner trusts to vouch for
-- them. An invitation names the invited account, or none when the identifier typed named no
-- account (it is shown like any other and only lapses, so that inviting tells nobody whether
-- an account exists). Kept after it ends, for the record.
CREATE TABLE recovery_contacts (
    id          TEXT    PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    contact_id  INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    invited_key TEXT    NOT NULL,
    invited_as  TEXT    NOT NULL,
    state       TEXT    NOT NULL
                CHECK (state IN ('invited', 'active', 'declined', 'stepped_down', 'removed')),
    created_at  INTEGER NOT NULL,
    answered_at INTEGER,
    expires_at  INTEGER NOT NULL,
    ended_at    INTEGER
);
CREATE INDEX recovery_contacts_of_owner ON recovery_contacts (owner_id, state);
CREATE INDEX recovery_contacts_of_contact ON recovery_contacts (contact_id, state);

-- How many of an owner's accepted contacts must vouch, when the owner chose.
CREATE TABLE vouch_thresholds (
    owner_id         INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    threshold        INTEGER NOT NULL CHECK (threshold BETWEEN 1 AND 5),
    weaker_confirmed INTEGER NOT NULL DEFAULT 0,
    updated_at       INTEGER NOT NULL
);
