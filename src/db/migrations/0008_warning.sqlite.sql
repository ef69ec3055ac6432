-- Early warning (src/domain/warning.c, docs/EARLY-WARNING.md): a status per
-- department and housing area and year, the figures behind each unit's latest
-- status, and an event whenever a rebuild changes a unit's latest status.
-- Rebuilt by warn_refresh() at the end of every aggregate refresh; the code
-- bumps data version 'warning' once per rebuild (row triggers would cost one
-- update per status).
CREATE TABLE warning_status (
    level           TEXT NOT NULL CHECK (level IN ('department', 'area')),
    unit_id         INTEGER NOT NULL, -- department.id or housing_area.id
    year            INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('stable', 'watch', 'alarm')),
    score           REAL NOT NULL,    -- the spiral score
    link_wear       REAL,             -- link scores; NULL when the link has no figures
    link_insecurity REAL,
    link_moveout    REAL,
    link_social     REAL,
    reasons         TEXT NOT NULL,    -- JSON array of Danish sentences, one per flagged link
    PRIMARY KEY (level, unit_id, year)
) STRICT, WITHOUT ROWID;
CREATE INDEX warning_status_by_year ON warning_status (level, year, status);

-- Values as displayed (amounts per household); change over span years (the
-- short trend) and long_change over long_span years (the long one);
-- percentile: % of the comparison group with a better value; z oriented so
-- that higher is worse; peers 1 when compared with the peer group.
CREATE TABLE warning_figure (
    level         TEXT NOT NULL CHECK (level IN ('department', 'area')),
    unit_id       INTEGER NOT NULL,
    year          INTEGER NOT NULL,
    key_figure_id INTEGER NOT NULL,
    value         REAL NOT NULL,
    suppressed    INTEGER NOT NULL CHECK (suppressed IN (0, 1)),
    change        REAL,
    span          INTEGER,
    long_change   REAL,
    long_span     INTEGER,
    percentile    REAL,
    level_z       REAL,
    trend_z       REAL,
    peers         INTEGER NOT NULL CHECK (peers IN (0, 1)),
    PRIMARY KEY (level, unit_id, year, key_figure_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE warning_event (
    id         INTEGER PRIMARY KEY,
    level      TEXT NOT NULL CHECK (level IN ('department', 'area')),
    unit_id    INTEGER NOT NULL,
    old_year   INTEGER NOT NULL,
    year       INTEGER NOT NULL,
    old_status TEXT NOT NULL CHECK (old_status IN ('stable', 'watch', 'alarm')),
    new_status TEXT NOT NULL CHECK (new_status IN ('stable', 'watch', 'alarm')),
    created_at TEXT NOT NULL,
    reasons    TEXT NOT NULL
) STRICT;
CREATE INDEX warning_event_by_unit ON warning_event (level, unit_id);

INSERT INTO data_version (grp, version) VALUES ('warning', 1);
