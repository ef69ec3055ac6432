-- Holistic plans (src/domain/plans.c, DOMAIN.md §3): the plan with its
-- covered organisations, departments and areas, focus areas, the strategic
-- agreement and sub-agreements with the municipality, the lifecycle history,
-- budget lines (planned and spent per year and funding source, integer øre),
-- goals measured on key figures, team and steering group, the partner
-- registry shared across plans with contacts and cooperation agreements, and
-- saved versions (snapshots) of the plan.
CREATE TABLE plan (
    id                BIGSERIAL PRIMARY KEY,
    name              TEXT NOT NULL CHECK (name <> ''),
    type              TEXT NOT NULL CHECK (type IN ('social', 'physical', 'health')),
    municipality_code TEXT NOT NULL REFERENCES municipality (code),
    funding_round     TEXT CHECK (funding_round IS NULL
                                  OR funding_round IN ('2006-2010', '2011-2014', '2015-2018', '2019-2026')),
    state             TEXT NOT NULL DEFAULT 'idea'
                      CHECK (state IN ('idea', 'prequalification', 'drafting', 'municipal_approval',
                                       'grant_committed', 'running', 'extended', 'closed', 'anchored')),
    start_date        TEXT,           -- ISO date; NULL while unknown
    end_date          TEXT,
    predecessor_id    BIGINT REFERENCES plan (id),
    vision            TEXT NOT NULL DEFAULT '',
    strengths         TEXT NOT NULL DEFAULT '',
    weaknesses        TEXT NOT NULL DEFAULT '',
    opportunities     TEXT NOT NULL DEFAULT '',
    threats           TEXT NOT NULL DEFAULT '',
    challenge_building INTEGER NOT NULL DEFAULT 0 CHECK (challenge_building IN (0, 1)),
    challenge_urban    INTEGER NOT NULL DEFAULT 0 CHECK (challenge_urban IN (0, 1)),
    challenge_social   INTEGER NOT NULL DEFAULT 0 CHECK (challenge_social IN (0, 1)),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
    CHECK (predecessor_id IS NULL OR predecessor_id <> id)
);
CREATE INDEX plan_by_municipality ON plan (municipality_code);

CREATE TABLE plan_organisation (
    plan_id BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    org_no  BIGINT NOT NULL REFERENCES organisation (org_no),
    PRIMARY KEY (plan_id, org_no)
);
CREATE INDEX plan_organisation_by_org ON plan_organisation (org_no);

CREATE TABLE plan_department (
    plan_id       BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    department_id BIGINT NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, department_id)
);
CREATE INDEX plan_department_by_department ON plan_department (department_id);

CREATE TABLE plan_area (
    plan_id BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    area_id BIGINT NOT NULL REFERENCES housing_area (id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, area_id)
);
CREATE INDEX plan_area_by_area ON plan_area (area_id);

-- Focus areas (indsatsområder) in the order the plan lists them: a name from
-- the round's fixed list, or a free theme in the 2006-2010 round.
CREATE TABLE plan_focus (
    plan_id  BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    focus    TEXT NOT NULL CHECK (focus <> ''),
    PRIMARY KEY (plan_id, position),
    UNIQUE (plan_id, focus)
);

-- The strategic agreement (kind 'strategic', focus NULL) and the
-- sub-agreements per focus area (kind 'sub').
CREATE TABLE plan_agreement (
    id         BIGSERIAL PRIMARY KEY,
    plan_id    BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('strategic', 'sub')),
    focus      TEXT,
    title      TEXT NOT NULL CHECK (title <> ''),
    parties    TEXT NOT NULL DEFAULT '',
    signed_on  TEXT,
    valid_from TEXT,
    valid_to   TEXT,
    doc_ref    TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'strategic') = (focus IS NULL)),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX plan_agreement_by_plan ON plan_agreement (plan_id);

-- Every state change: the date it took effect, who recorded it and when.
CREATE TABLE plan_transition (
    id          BIGSERIAL PRIMARY KEY,
    plan_id     BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    from_state  TEXT,                 -- NULL for the creation of the plan
    to_state    TEXT NOT NULL,
    effective   TEXT NOT NULL,        -- ISO date
    user_id     BIGINT REFERENCES app_user (id),
    user_name   TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX plan_transition_by_plan ON plan_transition (plan_id, id);

CREATE TABLE plan_budget (
    plan_id    BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    source     TEXT NOT NULL CHECK (source IN ('lbf', 'municipality', 'organisation', 'region', 'foundation', 'other')),
    budget_ore BIGINT NOT NULL DEFAULT 0 CHECK (budget_ore >= 0),
    spent_ore  BIGINT NOT NULL DEFAULT 0 CHECK (spent_ore >= 0),
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, year, source)
);

-- Goals (succeskriterier): a catalogue key figure measured on an area, on
-- listed departments (plan_goal_department), or on all the plan's
-- departments when neither is given.
CREATE TABLE plan_goal (
    id             BIGSERIAL PRIMARY KEY,
    plan_id        BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    title          TEXT NOT NULL CHECK (title <> ''),
    key_figure     TEXT NOT NULL,          -- catalogue code
    area_id        BIGINT REFERENCES housing_area (id),
    baseline_year  INTEGER NOT NULL,
    baseline_value DOUBLE PRECISION,                   -- NULL: read from the series
    target_value   DOUBLE PRECISION NOT NULL,
    target_year    INTEGER NOT NULL,
    CHECK (target_year > baseline_year)
);
CREATE INDEX plan_goal_by_plan ON plan_goal (plan_id);

CREATE TABLE plan_goal_department (
    goal_id       BIGINT NOT NULL REFERENCES plan_goal (id) ON DELETE CASCADE,
    department_id BIGINT NOT NULL REFERENCES department (id) ON DELETE CASCADE,
    PRIMARY KEY (goal_id, department_id)
);

-- Team (role set, seat '') and steering group (steering 1, seat set).
CREATE TABLE plan_member (
    id           BIGSERIAL PRIMARY KEY,
    plan_id      BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    steering     INTEGER NOT NULL CHECK (steering IN (0, 1)),
    name         TEXT NOT NULL CHECK (name <> ''),
    organisation TEXT NOT NULL DEFAULT '',
    role         TEXT CHECK (role IS NULL OR role IN ('building', 'social', 'operations', 'letting')),
    seat         TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    CHECK (steering = 1 OR role IS NOT NULL)
);
CREATE INDEX plan_member_by_plan ON plan_member (plan_id);

CREATE TABLE partner (
    id                BIGSERIAL PRIMARY KEY,
    name              TEXT NOT NULL CHECK (name <> ''),
    type              TEXT NOT NULL CHECK (type IN ('municipal_department', 'region', 'school_daycare',
                                                    'patient_association', 'sports_association',
                                                    'voluntary_association', 'business', 'social_economy',
                                                    'foundation', 'other')),
    municipality_code TEXT REFERENCES municipality (code),
    note              TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    UNIQUE (name, municipality_code)
);

CREATE TABLE partner_contact (
    id         BIGSERIAL PRIMARY KEY,
    partner_id BIGINT NOT NULL REFERENCES partner (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (name <> ''),
    level      TEXT NOT NULL CHECK (level IN ('strategic', 'management', 'operational')),
    title      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX partner_contact_by_partner ON partner_contact (partner_id);

-- Cooperation agreements (samarbejdsaftaler) between a plan and a partner;
-- purposes is a comma-separated subset of knowledge, recruitment, delivery,
-- anchoring.
CREATE TABLE plan_cooperation (
    id         BIGSERIAL PRIMARY KEY,
    plan_id    BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    partner_id BIGINT NOT NULL REFERENCES partner (id),
    purposes   TEXT NOT NULL CHECK (purposes <> ''),
    valid_from TEXT NOT NULL,
    valid_to   TEXT,                 -- NULL: open-ended
    note       TEXT NOT NULL DEFAULT '',
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX plan_cooperation_by_plan ON plan_cooperation (plan_id);
CREATE INDEX plan_cooperation_by_partner ON plan_cooperation (partner_id);

-- Saved versions: version 1 is the application; snapshot is the canonical
-- JSON of the plan's content (plan_snapshot), compared by plan_diff.
CREATE TABLE plan_version (
    plan_id    BIGINT NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL CHECK (version >= 1),
    created_at TEXT NOT NULL,
    user_id    BIGINT REFERENCES app_user (id),
    user_name  TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    snapshot   TEXT NOT NULL,
    PRIMARY KEY (plan_id, version)
);

INSERT INTO data_version (grp, version) VALUES ('plans', 1);
