-- Issue 18: what is pruned is found by index, off the request path. Spent captcha solutions
-- and throttle events are deleted by the maintenance task (every ten minutes, past the longest
-- throttle window), never by a scan on each request; lapsed claims on a contact likewise.
CREATE INDEX spent_captchas_by_expiry ON spent_captchas (expires_at);
CREATE INDEX throttle_events_by_time ON throttle_events (at);
CREATE INDEX contacts_claims_by_expiry ON contacts (expires_at) WHERE confirmed_at IS NULL;
