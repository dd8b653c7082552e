-- Issue 18: the deployment-wide budget of flow starts is a circuit breaker, counted in one row
-- per fixed window (one upsert a start), not one row per start counted again on every start:
-- its cost stays flat however high it is set.
CREATE TABLE throttle_counters (
    key          TEXT    NOT NULL,
    window_start INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX throttle_counters_by_window ON throttle_counters (window_start);
