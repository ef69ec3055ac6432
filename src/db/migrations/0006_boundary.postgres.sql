-- Municipality and region boundaries as SVG path data, imported by
-- `helhed import boundaries FILE` (src/domain/boundary.c). All paths of one
-- kind share a viewBox, kept in meta under 'boundary_view:<kind>'. A code
-- refers to municipality.code or region.code by kind; the import checks it.
CREATE TABLE boundary (
    kind TEXT NOT NULL CHECK (kind IN ('municipality', 'region')),
    code TEXT NOT NULL CHECK (length(code) = 4),
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    PRIMARY KEY (kind, code)
);

INSERT INTO data_version (grp, version) VALUES ('boundary', 1);

CREATE TRIGGER boundary_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON boundary
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('boundary');
