-- Data versions: a counter per group of tables, bumped by triggers on every
-- change from any connection or process. Cached responses carry the version
-- they were built from (src/http/respcache.c).
CREATE TABLE data_version (
    grp     TEXT PRIMARY KEY,
    version INTEGER NOT NULL
) STRICT;

INSERT INTO data_version (grp, version) VALUES ('geo', 1);

CREATE TRIGGER region_version_ins AFTER INSERT ON region
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'geo'; END;
CREATE TRIGGER region_version_upd AFTER UPDATE ON region
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'geo'; END;
CREATE TRIGGER region_version_del AFTER DELETE ON region
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'geo'; END;
CREATE TRIGGER municipality_version_ins AFTER INSERT ON municipality
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'geo'; END;
CREATE TRIGGER municipality_version_upd AFTER UPDATE ON municipality
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'geo'; END;
CREATE TRIGGER municipality_version_del AFTER DELETE ON municipality
BEGIN UPDATE data_version SET version = version + 1 WHERE grp = 'geo'; END;
