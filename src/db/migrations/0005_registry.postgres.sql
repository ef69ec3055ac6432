-- The housing registry (organisations, departments, housing areas with dated
-- membership), the key-figure catalogue (synchronised from the table in
-- src/domain/keyfig.c at start-up), key-figure time series per department and
-- per area, and the aggregates refreshed after every change of figures.
CREATE TABLE organisation (
    org_no            INTEGER PRIMARY KEY CHECK (org_no BETWEEN 1 AND 99999),
    cvr               TEXT CHECK (cvr IS NULL OR (length(cvr) = 8 AND cvr ~ '^[0-9]{8}$')),
    name              TEXT NOT NULL CHECK (name <> ''),
    administrator     TEXT NOT NULL DEFAULT '',
    municipality_code TEXT REFERENCES municipality (code)
);

CREATE TABLE department (
    id                BIGSERIAL PRIMARY KEY,
    org_no            INTEGER NOT NULL REFERENCES organisation (org_no),
    department_no     INTEGER NOT NULL CHECK (department_no BETWEEN 1 AND 99999),
    name              TEXT NOT NULL CHECK (name <> ''),
    address           TEXT NOT NULL DEFAULT '',
    municipality_code TEXT NOT NULL REFERENCES municipality (code),
    dwellings_family  INTEGER NOT NULL DEFAULT 0 CHECK (dwellings_family >= 0),
    dwellings_elderly INTEGER NOT NULL DEFAULT 0 CHECK (dwellings_elderly >= 0),
    dwellings_youth   INTEGER NOT NULL DEFAULT 0 CHECK (dwellings_youth >= 0),
    build_year        INTEGER,
    rent_per_m2       DOUBLE PRECISION,
    outdoor_area_m2   DOUBLE PRECISION,
    peer_group        TEXT NOT NULL DEFAULT '',
    UNIQUE (org_no, department_no)
);
CREATE INDEX department_by_municipality ON department (municipality_code);

CREATE TABLE housing_area (
    id                BIGSERIAL PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE CHECK (code <> ''),
    name              TEXT NOT NULL CHECK (name <> ''),
    municipality_code TEXT NOT NULL REFERENCES municipality (code)
);

-- Areas are split and extended over time: membership is dated (ISO dates,
-- valid_to inclusive, NULL while current).
CREATE TABLE area_member (
    area_id       BIGINT NOT NULL REFERENCES housing_area (id) ON DELETE CASCADE,
    department_id BIGINT NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,
    PRIMARY KEY (area_id, department_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX area_member_by_department ON area_member (department_id);

CREATE TABLE key_figure (
    id             BIGSERIAL PRIMARY KEY,
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
);

-- numerator/denominator for share, rate_per_1000 and mean (sum/count);
-- value for amount and index (index weighted by denominator when aggregated).
CREATE TABLE kf_value (
    department_id BIGINT NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    key_figure_id BIGINT NOT NULL REFERENCES key_figure (id),
    year          INTEGER NOT NULL,
    numerator     DOUBLE PRECISION,
    denominator   DOUBLE PRECISION,
    value         DOUBLE PRECISION,
    PRIMARY KEY (department_id, key_figure_id, year)
);
CREATE INDEX kf_value_by_figure ON kf_value (key_figure_id, year);

CREATE TABLE kf_area_value (
    area_id       BIGINT NOT NULL REFERENCES housing_area (id) ON DELETE CASCADE,
    key_figure_id BIGINT NOT NULL REFERENCES key_figure (id),
    year          INTEGER NOT NULL,
    numerator     DOUBLE PRECISION,
    denominator   DOUBLE PRECISION,
    value         DOUBLE PRECISION,
    PRIMARY KEY (area_id, key_figure_id, year)
);

-- Sums per level (area, organisation, municipality, region, country, peer)
-- and year, rebuilt by kf_refresh() in the transaction that changed figures.
CREATE TABLE kf_agg (
    level         TEXT NOT NULL,
    code          TEXT NOT NULL,
    key_figure_id BIGINT NOT NULL,
    year          INTEGER NOT NULL,
    numerator     DOUBLE PRECISION,
    denominator   DOUBLE PRECISION,
    value         DOUBLE PRECISION,
    weighted      DOUBLE PRECISION,
    units         INTEGER NOT NULL,
    PRIMARY KEY (level, code, key_figure_id, year)
);

INSERT INTO data_version (grp, version) VALUES ('registry', 1);
INSERT INTO data_version (grp, version) VALUES ('keyfigures', 1);

-- Registry changes invalidate cached responses; key figures are bumped once
-- per import by the code (a row trigger would cost millions of updates).
CREATE TRIGGER organisation_version AFTER INSERT OR UPDATE OR DELETE ON organisation
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');
CREATE TRIGGER department_version AFTER INSERT OR UPDATE OR DELETE ON department
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');
CREATE TRIGGER housing_area_version AFTER INSERT OR UPDATE OR DELETE ON housing_area
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');
CREATE TRIGGER area_member_version AFTER INSERT OR UPDATE OR DELETE ON area_member
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('registry');
