-- Data versions: a counter per group of tables, bumped by triggers on every
-- change from any connection or process. Cached responses carry the version
-- they were built from (src/http/respcache.c).
CREATE TABLE data_version (
    grp     TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);

INSERT INTO data_version (grp, version) VALUES ('geo', 1);

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1 WHERE grp = TG_ARGV[0];
    RETURN NULL;
END
$$;

CREATE TRIGGER region_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON region
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('geo');
CREATE TRIGGER municipality_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON municipality
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('geo');
