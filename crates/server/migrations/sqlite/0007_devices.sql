-- Devices (issue 15): each session is a signed-in app, with the name and platform it gave,
-- and may be marked lost by the account's owner. A lost device's session is locked, not
-- revoked: the app shows a lock screen until the account's current password (and second
-- factor) unlocks it, and a reset or "this wasn't me" leaves it locked rather than ending it,
-- so that after a recovery the new password unlocks it and the old one does not.
ALTER TABLE sessions ADD COLUMN device_name TEXT;
ALTER TABLE sessions ADD COLUMN platform TEXT;
ALTER TABLE sessions ADD COLUMN locked_at INTEGER;

-- A sign-in waiting for its second factor keeps the device it will start a session for.
ALTER TABLE pending_sign_ins ADD COLUMN device_name TEXT;
ALTER TABLE pending_sign_ins ADD COLUMN platform TEXT;
