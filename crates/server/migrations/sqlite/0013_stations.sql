-- Staffed support stations (issue 17): a station is registered by the operator and holds a key
-- of its own; a shift signed in with that key is "at the station", and only such a shift may
-- record that a customer's identity document was seen in person. The key is kept as its hash.
CREATE TABLE staff_stations (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    key_hash   TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    retired_at INTEGER
);

ALTER TABLE staff_sessions ADD COLUMN station_id INTEGER REFERENCES staff_stations (id);
