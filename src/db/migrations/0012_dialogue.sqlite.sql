-- The yearly steering dialogue (styringsdialog, src/domain/dialogue*.c,
-- DOMAIN.md §8, source 003:L1330-1406): one dialogue per housing
-- organisation, municipality and year with its workflow history; the
-- municipality's deadlines; the organisation's own definitions for the four
-- questions (reused year to year); per department the three tests and four
-- questions answered on a scale with a justification; the data-based
-- selection of departments for closer review with a SWOT each; goals for the
-- coming year, followed up in the next year's dialogue.
CREATE TABLE dialogue (
    id                INTEGER PRIMARY KEY,
    org_no            INTEGER NOT NULL REFERENCES organisation (org_no),
    municipality_code TEXT NOT NULL REFERENCES municipality (code),
    year              INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    state             TEXT NOT NULL DEFAULT 'preparing'
                      CHECK (state IN ('preparing', 'submitted', 'returned', 'meeting_held', 'published')),
    summary           TEXT NOT NULL DEFAULT '',   -- the organisation's summary for the package
    meeting_date      TEXT,                       -- ISO date, set with meeting_held
    minutes           TEXT NOT NULL DEFAULT '',   -- the municipality's minutes (referat)
    published_at      TEXT,                       -- ISO time, set with published
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (org_no, municipality_code, year)
) STRICT;
CREATE INDEX dialogue_by_municipality ON dialogue (municipality_code, year);

-- Every state change, with the comment (a return's reasons) and who made it.
CREATE TABLE dialogue_transition (
    id          INTEGER PRIMARY KEY,
    dialogue_id INTEGER NOT NULL REFERENCES dialogue (id) ON DELETE CASCADE,
    from_state  TEXT,                   -- NULL for the creation
    to_state    TEXT NOT NULL,
    effective   TEXT NOT NULL,          -- ISO date
    comment     TEXT NOT NULL DEFAULT '',
    user_id     INTEGER REFERENCES app_user (id),
    user_name   TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX dialogue_transition_by_dialogue ON dialogue_transition (dialogue_id, id);

-- The municipality's deadline for the organisations' documentation in a
-- year, and how many days before it the app reminds them.
CREATE TABLE dialogue_deadline (
    municipality_code TEXT NOT NULL REFERENCES municipality (code),
    year              INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    deadline          TEXT NOT NULL,      -- ISO date
    remind_days       INTEGER NOT NULL DEFAULT 14 CHECK (remind_days BETWEEN 0 AND 365),
    PRIMARY KEY (municipality_code, year)
) STRICT;

-- The organisation's own definitions of the four questions, from a year on:
-- the definition for year Y is the one with the latest year_from <= Y.
CREATE TABLE org_definition (
    org_no     INTEGER NOT NULL REFERENCES organisation (org_no),
    question   TEXT NOT NULL CHECK (question IN ('maintenance', 'social', 'contemporary', 'democracy')),
    year_from  INTEGER NOT NULL CHECK (year_from BETWEEN 2000 AND 2100),
    text       TEXT NOT NULL CHECK (text <> ''),
    user_name  TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (org_no, question, year_from)
) STRICT;

-- Per department of the dialogue: the three tests (effective_operation,
-- socially_well_functioning, physical_state) and the four questions
-- (maintenance, social, contemporary, democracy), each on the scale 1-4
-- (NULL: not yet answered) with a justification.
CREATE TABLE dialogue_answer (
    dialogue_id   INTEGER NOT NULL REFERENCES dialogue (id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    item          TEXT NOT NULL CHECK (item IN ('effective_operation', 'socially_well_functioning', 'physical_state',
                                                'maintenance', 'social', 'contemporary', 'democracy')),
    score         INTEGER CHECK (score IS NULL OR score BETWEEN 1 AND 4),
    justification TEXT NOT NULL DEFAULT '',
    user_name     TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (dialogue_id, department_id, item)
) STRICT;

-- Departments for closer review: proposed by the data (reasons in Danish,
-- rule codes comma-separated) or added by hand; confirmed by a manager of
-- the organisation, with a SWOT.
CREATE TABLE dialogue_selection (
    dialogue_id   INTEGER NOT NULL REFERENCES dialogue (id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    proposed      INTEGER NOT NULL CHECK (proposed IN (0, 1)),   -- 1: the data flag it
    rules         TEXT NOT NULL DEFAULT '',                      -- 'warning_alarm,list,trend' …
    reasons       TEXT NOT NULL DEFAULT '',                      -- Danish, one per line
    confirmed     INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1)),
    confirmed_by  TEXT NOT NULL DEFAULT '',
    strengths     TEXT NOT NULL DEFAULT '',
    weaknesses    TEXT NOT NULL DEFAULT '',
    opportunities TEXT NOT NULL DEFAULT '',
    threats       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (dialogue_id, department_id)
) STRICT;

-- Goals agreed in a dialogue for the coming year (target_year = the
-- dialogue's year + 1 unless given), for the organisation (department_id
-- NULL) or a selected department, optionally tied to a key figure; the
-- next year's dialogue follows them up (target vs actual).
CREATE TABLE dialogue_goal (
    id             INTEGER PRIMARY KEY,
    dialogue_id    INTEGER NOT NULL REFERENCES dialogue (id) ON DELETE CASCADE,
    department_id  INTEGER REFERENCES department (id) ON DELETE CASCADE,
    title          TEXT NOT NULL CHECK (title <> ''),
    key_figure     TEXT,                  -- catalogue code; NULL: a goal without a figure
    baseline_year  INTEGER,
    baseline_value REAL,
    target_value   REAL,
    target_year    INTEGER NOT NULL CHECK (target_year BETWEEN 2000 AND 2100),
    follow_up      TEXT NOT NULL DEFAULT '',   -- the next dialogue's words on it
    CHECK ((key_figure IS NULL) = (target_value IS NULL))
) STRICT;
CREATE INDEX dialogue_goal_by_dialogue ON dialogue_goal (dialogue_id);

INSERT INTO data_version (grp, version) VALUES ('dialogue', 1);
