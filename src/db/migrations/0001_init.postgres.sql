-- Core reference tables. Codes are the official 4-digit codes kept as text
-- because municipality codes have a leading zero (0101 København).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE region (
    code TEXT PRIMARY KEY CHECK (length(code) = 4),
    name TEXT NOT NULL
);

CREATE TABLE municipality (
    code        TEXT PRIMARY KEY CHECK (length(code) = 4),
    name        TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES region (code),
    -- 0 for Christiansø, which is administered by the state, not a municipality
    is_municipality INTEGER NOT NULL DEFAULT 1 CHECK (is_municipality IN (0, 1))
);

CREATE INDEX municipality_region ON municipality (region_code);
