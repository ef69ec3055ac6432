-- Activities, attendance and resident involvement under a plan
-- (src/domain/activities*.c, DOMAIN.md §4-§5, source 002): activities with
-- their tags, partners, schedule and status history; sessions with counts
-- by gender and age band and optional pseudonymous participant keys (never
-- names); involvement per plan or activity, year and phase; outreach
-- contacts; resident-role counts and completed courses per plan and year;
-- stories and evaluation notes per activity.
CREATE TABLE activity (
    id                     INTEGER PRIMARY KEY,
    plan_id                INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    name                   TEXT NOT NULL CHECK (name <> ''),
    description            TEXT NOT NULL DEFAULT '',
    focus                  TEXT,                 -- one of the plan's focus areas; NULL: none
    format                 TEXT NOT NULL CHECK (format IN ('team', 'one_off', 'annual', 'cafe', 'course',
                                                           'individual')),
    place                  TEXT NOT NULL DEFAULT '',   -- a facility or an address
    responsible_kind       TEXT NOT NULL CHECK (responsible_kind IN ('staff', 'resident', 'partner')),
    responsible            TEXT NOT NULL DEFAULT '',   -- staff name, or a resident's role (never a name)
    responsible_partner_id INTEGER REFERENCES partner (id),
    idea_source            TEXT NOT NULL CHECK (idea_source IN ('application', 'open_office', 'workshop', 'survey',
                                                                'informal', 'network_meeting', 'partner',
                                                                'residents', 'staff')),
    in_application         INTEGER NOT NULL DEFAULT 0 CHECK (in_application IN (0, 1)),
    status                 TEXT NOT NULL DEFAULT 'idea'
                           CHECK (status IN ('idea', 'planned', 'running', 'run_by_residents', 'handed_to_partner',
                                             'wait_and_see', 'content_changed', 'stopped')),
    schedule               TEXT NOT NULL DEFAULT 'one_off'
                           CHECK (schedule IN ('one_off', 'weekly', 'biweekly', 'monthly')),
    first_date             TEXT,                 -- ISO date; NULL while unplanned
    last_date              TEXT,                 -- recurring: last date; NULL open-ended
    start_time             TEXT NOT NULL DEFAULT '',   -- 'HH:MM' or ''
    end_time               TEXT NOT NULL DEFAULT '',
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    CHECK (last_date IS NULL OR first_date IS NULL OR last_date >= first_date),
    CHECK ((responsible_kind = 'partner') = (responsible_partner_id IS NOT NULL))
) STRICT;
CREATE INDEX activity_by_plan ON activity (plan_id);

-- Multi-valued classifications: kind 'category' (the seven), 'target_group',
-- 'kram' (kost, rygning, alkohol, motion) and 'channel' (the seven
-- information channels).
CREATE TABLE activity_tag (
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('category', 'target_group', 'kram', 'channel')),
    code        TEXT NOT NULL CHECK (code <> ''),
    PRIMARY KEY (activity_id, kind, code)
) STRICT;

-- Partners in an activity and the role each plays (a cooperation purpose).
CREATE TABLE activity_partner (
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    partner_id  INTEGER NOT NULL REFERENCES partner (id),
    role        TEXT NOT NULL CHECK (role IN ('knowledge', 'recruitment', 'delivery', 'anchoring')),
    PRIMARY KEY (activity_id, partner_id)
) STRICT;
CREATE INDEX activity_partner_by_partner ON activity_partner (partner_id);

-- Dates a recurring activity does not meet (holidays, cancellations).
CREATE TABLE activity_exception (
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, date)
) STRICT;

-- Every status change with the date it took effect.
CREATE TABLE activity_status_log (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    effective   TEXT NOT NULL,
    user_name   TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX activity_status_log_by_activity ON activity_status_log (activity_id, id);

-- A held session. participants is the sum of its session_count cells;
-- new_participants is typed (new to the activity) and used when the session
-- has no participant keys. client_token makes a resubmitted phone form
-- (after a lost answer) idempotent.
CREATE TABLE activity_session (
    id               INTEGER PRIMARY KEY,
    activity_id      INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    date             TEXT NOT NULL,
    start_time       TEXT NOT NULL DEFAULT '',
    participants     INTEGER NOT NULL CHECK (participants >= 0),
    new_participants INTEGER NOT NULL DEFAULT 0 CHECK (new_participants BETWEEN 0 AND participants),
    volunteers       INTEGER NOT NULL DEFAULT 0 CHECK (volunteers >= 0),
    note             TEXT NOT NULL DEFAULT '',
    client_token     TEXT UNIQUE,
    user_id          INTEGER REFERENCES app_user (id),
    user_name        TEXT NOT NULL DEFAULT '',
    recorded_at      TEXT NOT NULL,
    UNIQUE (activity_id, date, start_time)
) STRICT;
CREATE INDEX activity_session_by_date ON activity_session (date);

CREATE TABLE session_count (
    session_id INTEGER NOT NULL REFERENCES activity_session (id) ON DELETE CASCADE,
    gender     TEXT NOT NULL CHECK (gender IN ('female', 'male', 'other')),
    age_band   TEXT NOT NULL CHECK (age_band IN ('child', 'youth', 'young_adult', 'adult', 'senior')),
    n          INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (session_id, gender, age_band)
) STRICT;

-- Pseudonymous participant keys per plan: a short code the team hands out
-- or keeps off-line, never a name, e-mail or CPR number.
CREATE TABLE participant (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    key        TEXT NOT NULL CHECK (key <> ''),
    created_at TEXT NOT NULL,
    UNIQUE (plan_id, key)
) STRICT;

CREATE TABLE session_participant (
    session_id     INTEGER NOT NULL REFERENCES activity_session (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, participant_id)
) STRICT;
CREATE INDEX session_participant_by_participant ON session_participant (participant_id);

-- Involvement (DOMAIN.md §4): one participation type per plan (activity_id
-- NULL) or activity, year and phase, an optional Hart rung and the five
-- reflection answers.
CREATE TABLE involvement (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    activity_id INTEGER REFERENCES activity (id) ON DELETE CASCADE,
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    phase       TEXT NOT NULL CHECK (phase IN ('knowledge', 'ideas', 'planning', 'implementation', 'anchoring',
                                               'evaluation')),
    type        TEXT NOT NULL CHECK (type IN ('resident_initiative_joint', 'resident_initiative_resident',
                                              'professional_initiative_joint', 'professionals_inform', 'none')),
    hart_rung   INTEGER CHECK (hart_rung IS NULL OR hart_rung BETWEEN 1 AND 8),
    q_involved  TEXT NOT NULL DEFAULT '',
    q_role      TEXT NOT NULL DEFAULT '',
    q_actors    TEXT NOT NULL DEFAULT '',
    q_worked    TEXT NOT NULL DEFAULT '',
    q_hard      TEXT NOT NULL DEFAULT '',
    user_name   TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX involvement_key ON involvement (plan_id, COALESCE(activity_id, 0), year, phase);

-- Outreach contacts by method, counted, without names.
CREATE TABLE outreach (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    activity_id INTEGER REFERENCES activity (id) ON DELETE SET NULL,
    date        TEXT NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('door_to_door', 'open_office', 'via_caretaker', 'via_partner',
                                                'target_group_places', 'at_activities', 'resident_to_resident',
                                                'phone_sms', 'event_stand')),
    contacts    INTEGER NOT NULL CHECK (contacts > 0),
    note        TEXT NOT NULL DEFAULT '',
    user_name   TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX outreach_by_plan ON outreach (plan_id, date);

-- Residents in roles per plan and year (counts, no persons).
CREATE TABLE resident_role_count (
    plan_id INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    year    INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    role    TEXT NOT NULL CHECK (role IN ('volunteer', 'ildsjael', 'stair_ambassador', 'health_ambassador',
                                          'neighbourhood_mother', 'instructor', 'association_member',
                                          'community_agent')),
    n       INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (plan_id, year, role)
) STRICT;

-- Courses and trainings residents completed (the competence ladder).
CREATE TABLE plan_course (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    year      INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind      TEXT NOT NULL CHECK (kind IN ('instructor', 'ambassador', 'neighbourhood_mother', 'association',
                                            'volunteering', 'budget', 'project_management', 'other')),
    title     TEXT NOT NULL CHECK (title <> ''),
    completed INTEGER NOT NULL CHECK (completed >= 0),
    diploma   INTEGER NOT NULL DEFAULT 0 CHECK (diploma IN (0, 1))
) STRICT;
CREATE INDEX plan_course_by_plan ON plan_course (plan_id, year);

-- Stories and evaluation notes beside the numbers; in_report marks the ones
-- the team selects for the yearly report.
CREATE TABLE activity_story (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('story', 'evaluation')),
    title       TEXT NOT NULL CHECK (title <> ''),
    body        TEXT NOT NULL DEFAULT '',
    in_report   INTEGER NOT NULL DEFAULT 0 CHECK (in_report IN (0, 1)),
    user_name   TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX activity_story_by_activity ON activity_story (activity_id, date);

INSERT INTO data_version (grp, version) VALUES ('activities', 1);
