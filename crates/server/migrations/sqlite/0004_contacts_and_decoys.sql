-- Contacts move out of `accounts` into a table of their own, so that an unconfirmed contact is
-- a claim and not an owner: it lapses after a day (`accounts.unconfirmed_contact_ttl_secs`),
-- several accounts may claim one address while none has confirmed it, and only a confirmed
-- contact is unique. Before this, an unconfirmed sign-up kept the address for ever and a second
-- sign-up was told `contact_in_use`, which said who has an account.
--
-- SQLite cannot drop a column's UNIQUE constraint, so `accounts` is rebuilt by the procedure
-- SQLite documents (https://sqlite.org/lang_altertable.html#otheralter): build the new table,
-- copy, drop the old, rename the new. It needs foreign keys off, or dropping the old table
-- would cascade into every table that refers to accounts; `SqliteStore::migrate` runs every
-- migration with them off and checks them all afterwards.

-- A contact of an account: at most one confirmed and one unconfirmed per channel. `value` is the
-- canonical form (a lower-cased email, an E.164 phone). `domain` (emails) and `country_code`
-- (phones) are kept apart so that decoys can be drawn from real accounts alike (see
-- `crates/recovery/src/decoy.rs`).
CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    channel      TEXT    NOT NULL CHECK (channel IN ('email', 'phone')),
    value        TEXT    NOT NULL,
    domain       TEXT,
    country_code INTEGER,
    created_at   INTEGER NOT NULL,
    confirmed_at INTEGER,
    -- When an unconfirmed contact lapses; NULL once confirmed.
    expires_at   INTEGER,
    CHECK ((confirmed_at IS NULL) = (expires_at IS NOT NULL))
);
CREATE UNIQUE INDEX contacts_confirmed_once ON contacts (channel, value) WHERE confirmed_at IS NOT NULL;
CREATE UNIQUE INDEX contacts_per_account ON contacts (account_id, channel, confirmed_at IS NULL);
-- The claims on an address, oldest first (the confirmed one has its unique index above).
CREATE INDEX contacts_claims ON contacts (channel, value, created_at) WHERE confirmed_at IS NULL;
CREATE INDEX contacts_email_donors ON contacts (domain, account_id)
    WHERE channel = 'email' AND confirmed_at IS NOT NULL;
CREATE INDEX contacts_phone_donors ON contacts (country_code, account_id)
    WHERE channel = 'phone' AND confirmed_at IS NOT NULL;
CREATE INDEX contacts_donors ON contacts (channel, account_id) WHERE confirmed_at IS NOT NULL;

-- Unconfirmed contacts older than a day lapse at once.
INSERT INTO contacts (account_id, channel, value, domain, created_at, confirmed_at, expires_at)
SELECT id, 'email', email, substr(email, instr(email, '@') + 1), created_at,
       CASE WHEN email_confirmed = 1 THEN updated_at END,
       CASE WHEN email_confirmed = 0 THEN created_at + 86400 END
FROM accounts WHERE email IS NOT NULL;
INSERT INTO contacts (account_id, channel, value, country_code, created_at, confirmed_at, expires_at)
SELECT id, 'phone', phone, phone_country_code, created_at,
       CASE WHEN phone_confirmed = 1 THEN updated_at END,
       CASE WHEN phone_confirmed = 0 THEN created_at + 86400 END
FROM accounts WHERE phone IS NOT NULL;

CREATE TABLE accounts_rebuilt (
    id            INTEGER PRIMARY KEY,
    display_name  TEXT    NOT NULL,
    birthday      TEXT,
    -- argon2id PHC string of the NFKC-normalised password.
    password_hash TEXT    NOT NULL,
    locale        TEXT    NOT NULL DEFAULT 'en',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
INSERT INTO accounts_rebuilt (id, display_name, birthday, password_hash, locale, created_at, updated_at)
SELECT id, display_name, birthday, password_hash, locale, created_at, updated_at FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_rebuilt RENAME TO accounts;

-- A decoy's profile, fixed the first time an identifier is asked for, so that asking again
-- shows the same masks (SECURITY.md S03) however the accounts change. Kept for identifiers of
-- real accounts too (never shown), so that both make the same reads and writes (S02).
CREATE TABLE decoy_profiles (
    subject        TEXT    PRIMARY KEY,
    email_mask     TEXT,
    phone_mask     TEXT,
    question_count INTEGER NOT NULL,
    created_at     INTEGER NOT NULL
);

-- A decoy's message: rendered and sealed like any other and taken by the worker on the same
-- schedule, but never handed to a channel (SECURITY.md S20), so that a decoy costs the same to
-- send and its delivery state runs the same course (S02).
ALTER TABLE outbox ADD COLUMN decoy INTEGER NOT NULL DEFAULT 0 CHECK (decoy IN (0, 1));
