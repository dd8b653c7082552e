-- Consecutive failed sign-ins per account, across every window and every identifier of it
-- (NIST SP 800-63B-4 §3.2.2: at most 100); a success or a new password clears it.
ALTER TABLE accounts ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
