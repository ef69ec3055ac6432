-- The housing registry (organisations, departments, housing areas with dated
-- membership), the key-figure catalogue (synchronised from the table in
-- src/domain/keyfig.c at start-up), key-figure time series per department and
-- per area, and the aggregates refreshed after every change of figures.
CREATE TABLE organisation (
    org_no            INTEGER PRIMARY KEY CHECK (org_no BETWEEN 1 AND 99999),
    cvr               TEXT CHECK (cvr IS NULL OR (length(cvr) = 8 AND cvr NOT GLOB '*[^0-9]*')),
    name              TEXT NOT NULL CHECK (name <> ''),
    administrator     TEXT NOT NULL DEFAULT '',
    municipality_code TEXT REFERENCES municipality (code)
) STRICT;

CREATE TABLE department (
    id                INTEGER PRIMARY KEY,
    org_no            INTEGER NOT NULL REFERENCES organisation (org_no),
    department_no     INTEGER NOT NULL CHECK (department_no BETWEEN 1 AND 99999),
    name              TEXT NOT NULL CHECK (name <> ''),
    address           TEXT NOT NULL DEFAULT '',
    municipality_code TEXT NOT NULL REFERENCES municipality (code),
    dwellings_family  INTEGER NOT NULL DEFAULT 0 CHECK (dwellings_family >= 0),
    dwellings_elderly INTEGER NOT NULL DEFAULT 0 CHECK (dwellings_elderly >= 0),
    dwellings_youth   INTEGER NOT NULL DEFAULT 0 CHECK (dwellings_youth >= 0),
    build_year        INTEGER,
    rent_per_m2       REAL,
    outdoor_area_m2   REAL,
    peer_group        TEXT NOT NULL DEFAULT '',
    UNIQUE (org_no, department_no)
) STRICT;
CREATE INDEX department_by_municipality ON department (municipality_code);

CREATE TABLE housing_area (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE CHECK (code <> ''),
    name              TEXT NOT NULL CHECK (name <> ''),
    municipality_code TEXT NOT NULL REFERENCES municipality (code)
) STRICT;

-- Areas are split and extended over time: membership is dated (ISO dates,
-- valid_to inclusive, NULL while current).
CREATE TABLE area_member (
    area_id       INTEGER NOT NULL REFERENCES housing_area (id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    PRIMARY KEY (area_id, department_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
) STRICT;
CREATE INDEX area_member_by_department ON area_member (department_id);

CREATE TABLE key_figure (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name_da        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    unit           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('share', 'rate_per_1000', 'mean', 'amount', 'index')),
    good_direction TEXT NOT NULL CHECK (good_direction IN ('up', 'down', 'none')),
    spiral_link    TEXT NOT NULL CHECK (spiral_link IN ('wear', 'insecurity', 'moveout', 'social', 'none')),
    is_count       INTEGER NOT NULL CHECK (is_count IN (0, 1)),
    decimals       INTEGER NOT NULL,
    source         TEXT NOT NULL,
    definition     TEXT NOT NULL
) STRICT;

-- numerator/denominator for share, rate_per_1000 and mean (sum/count);
-- value for amount and index (index weighted by denominator when aggregated).
CREATE TABLE kf_value (
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    key_figure_id INTEGER NOT NULL REFERENCES key_figure (id),
    year          INTEGER NOT NULL,
    numerator     REAL,
    denominator   REAL,
    value         REAL,
    PRIMARY KEY (department_id, key_figure_id, year)
) STRICT, WITHOUT ROWID;
CREATE INDEX kf_value_by_figure ON kf_value (key_figure_id, year);

CREATE TABLE kf_area_value (
    area_id       INTEGER NOT NULL REFERENCES housing_area (id) ON DELETE CASCADE,
    key_figure_id INTEGER NOT NULL REFERENCES key_figure (id),
    year          INTEGER NOT NULL,
    numerator     REAL,
    denominator   REAL,
    value         REAL,
    PRIMARY KEY (area_id, key_figure_id, year)
) STRICT, WITHOUT ROWID;

-- Sums per level (area, organisation, municipality, region, country, peer)
-- and year, rebuilt by kf_refresh() in the transaction that changed figures.
CREATE TABLE kf_agg (
    level         TEXT NOT NULL,
    code          TEXT NOT NULL,
    key_figure_id INTEGER NOT NULL,
    year          INTEGER NOT NULL,
    numerator     REAL,
    denominator   REAL,
    value         REAL,
    weighted      REAL,
    units         INTEGER NOT NULL,
    PRIMARY KEY (level, code, key_figure_id, year)
) STRICT, WITHOUT ROWID;

INSERT INTO data_version (grp, version) VALUES ('registry', 1);
INSERT INTO data_version (grp, version) VALUES ('keyfigures', 1);

-- Registry changes invalidate cached responses; key figures are bumped once
-- per import by the code (a row trigger would cost millions of updates).
CREATE TRIGGER organisation_version_ins AFTER INSERT ON organisation
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER organisation_version_upd AFTER UPDATE ON organisation
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER organisation_version_del AFTER DELETE ON organisation
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER department_version_ins AFTER INSERT ON department
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER department_version_upd AFTER UPDATE ON department
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER department_version_del AFTER DELETE ON department
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER housing_area_version_ins AFTER INSERT ON housing_area
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER housing_area_version_upd AFTER UPDATE ON housing_area
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER housing_area_version_del AFTER DELETE ON housing_area
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER area_member_version_ins AFTER INSERT ON area_member
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER area_member_version_upd AFTER UPDATE ON area_member
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
CREATE TRIGGER area_member_version_del AFTER DELETE ON area_member
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'registry'; END;
