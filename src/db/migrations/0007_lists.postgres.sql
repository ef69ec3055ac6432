-- The official area lists (src/domain/lists.h, docs in ../shared/docs/AREA-LISTS.md).
-- list_value holds criterion values per area and list year as published or
-- computed (`helhed lists compute`), imported from a file (source = file name,
-- source_row = its row) or derived from the area's key figures (source =
-- 'nøgletal'). An area code need not be in the registry: the lists cover
-- areas that Helhed's users do not manage. list_published holds the statuses
-- as the ministry published them; they override computed ones as history.
-- Classifications are computed when asked for (cheap), never stored.
CREATE TABLE list_value (
    area_code TEXT NOT NULL CHECK (length(area_code) BETWEEN 1 AND 31),
    year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    residents DOUBLE PRECISION,
    non_western_pct DOUBLE PRECISION,
    outside_labour_pct DOUBLE PRECISION,
    convicted_pct DOUBLE PRECISION,
    national_convicted_pct DOUBLE PRECISION,
    basic_education_pct DOUBLE PRECISION,
    income_pct_of_region DOUBLE PRECISION,
    persons_18_64 DOUBLE PRECISION,
    persons_18_plus DOUBLE PRECISION,
    persons_30_59 DOUBLE PRECISION,
    taxpayers DOUBLE PRECISION,
    source TEXT NOT NULL,
    source_row INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (area_code, year)
);

CREATE TABLE list_published (
    area_code TEXT NOT NULL CHECK (length(area_code) BETWEEN 1 AND 31),
    year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    categories TEXT NOT NULL,
    source TEXT NOT NULL,
    source_row INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (area_code, year)
);

INSERT INTO data_version (grp, version) VALUES ('lists', 1);

CREATE TRIGGER list_value_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON list_value
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('lists');
CREATE TRIGGER list_published_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON list_published
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('lists');
