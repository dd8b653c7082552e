-- What the security checkup may know of a password (issue 15): never the password, only the
-- strength class the policy gave it when it was set (zxcvbn's score, 0-4) and whether it was
-- long enough to protect an account with no second factor (15 characters). NULL for passwords
-- set before this release: the checkup says it cannot tell.
ALTER TABLE accounts ADD COLUMN password_score INTEGER;
ALTER TABLE accounts ADD COLUMN password_long_enough INTEGER;
