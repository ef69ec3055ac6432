/* demo_activities.c - the demo activities, attendance and involvement.
 *
 * Plan 1 ("Demoparken – sammen om fremtiden", 2023-2027, the plan_staff:1
 * login's plan) is rich: eighteen activities drawn from the examples of
 * source 002 (002 §1.7-§1.15, §4.4, §4.8) with categories, target groups,
 * KRAM factors, places, responsible roles (a staff title, a resident's role
 * or a partner, never a resident's name), partners, schedules with holiday
 * exceptions and status histories across the lifecycle to the anchoring
 * outcomes; every session from the start up to yesterday with counts by
 * gender and age band that fit the target group; four activities register
 * pseudonymous participant keys ("DP-0042"); involvement per activity,
 * phase and year following 002 §4.3 (knowledge gathering low,
 * implementation high, anchoring fragile, evaluation low); plan-level
 * reflections; outreach, resident roles, courses and stories. Every other
 * plan that has started gets two to six activities from a generic list with
 * fewer sessions, some involvement, outreach, roles and a story.
 *
 * Plan 1's activities, plan-level involvement, door-to-door outreach,
 * roles, courses, stories and its sessions of the last three weeks go
 * through activities.h as the operator (so the domain validates them; the
 * dates are set afterwards). Everything else is many rows, so it is
 * inserted in multi-row batches inside the demo's transaction, obeying the
 * rules of activities.h: no session in the future, outside the activity's
 * dates or on an exception date, participants = Σ counts, new ≤
 * participants, keys exactly one per participant, distinct and impersonal. Everything is
 * fictitious; the texts paraphrase 002's findings. Deterministic by seed
 * and the load date (sessions run up to yesterday). */
#include "domain/demo_activities.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/util.h"
#include "domain/activities.h"
#include "domain/demo_registry.h"

/* ---- dates as day numbers (days since 1970-01-01) ---- */

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int year_of(int64_t day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return y;
}

/* An ISO date as a day number; -1 when s is NULL or empty. */
static int64_t parse_day(const char *s)
{
    int y, m, d;
    if (!s || !*s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    return days_from_civil(y, m, d);
}

static int days_in_month(int y, int m)
{
    return (int)(days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - days_from_civil(y, m, 1));
}

/* ---- the generator's state ---- */

enum { NG = 3, NA = 5 };
static const char *const gender_code[NG] = { "female", "male", "other" };
static const char *const age_code[NA] = { "child", "youth", "young_adult", "adult", "senior" };

typedef struct keyed_person {
    int64_t id; /* participant row */
    const char *key;
    int gender, age;
} keyed_person;

/* ---- multi-row inserts ----
 * Rows are collected and written many at a time (one statement per batch
 * instead of per row: PostgreSQL pays a round trip per statement). Values
 * point into the generator's arena or at constants. */

typedef struct bval {
    int kind; /* 0 NULL, 1 integer, 2 text */
    int64_t i;
    const char *s;
} bval;

typedef struct batch {
    const char *head; /* "INSERT INTO t (a, b)" */
    int ncols, max_rows, nrows, nvals;
    bval *vals;
    const char *what;
} batch;

enum { BT_SESSION, BT_COUNT, BT_KEY, BT_TAG, BT_EXCEPTION, BT_LOG, BT_INVOLVEMENT, BT_OUTREACH, BT_ROLE, BT_N };

static const struct {
    const char *head;
    int ncols;
    const char *what;
} batch_spec[BT_N] = {
    [BT_SESSION] = { "INSERT INTO activity_session (id, activity_id, date, start_time, participants, new_participants,"
                     " volunteers, note, user_name, recorded_at)",
                     10, "add demo sessions" },
    [BT_COUNT] = { "INSERT INTO session_count (session_id, gender, age_band, n)", 4, "add demo attendance counts" },
    [BT_KEY] = { "INSERT INTO session_participant (session_id, participant_id)", 2, "add demo participant keys" },
    [BT_TAG] = { "INSERT INTO activity_tag (activity_id, kind, code)", 3, "add demo activity tags" },
    [BT_EXCEPTION] = { "INSERT INTO activity_exception (activity_id, date, note)", 3, "add demo schedule exceptions" },
    [BT_LOG] = { "INSERT INTO activity_status_log (activity_id, status, effective, user_name, recorded_at)", 5,
                 "log demo statuses" },
    [BT_INVOLVEMENT] = { "INSERT INTO involvement (plan_id, activity_id, year, phase, type, hart_rung, q_involved,"
                         " q_role, q_actors, q_worked, q_hard, user_name, updated_at)",
                         13, "add demo involvement" },
    [BT_OUTREACH] = { "INSERT INTO outreach (plan_id, activity_id, date, method, contacts, note, user_name,"
                      " recorded_at)",
                      8, "add demo outreach" },
    [BT_ROLE] = { "INSERT INTO resident_role_count (plan_id, year, role, n)", 4, "add demo resident roles" },
};

typedef struct gen {
    db *d;
    arena *a;
    demo_rng r;
    int64_t today, yesterday;
    int today_year;
    bool national;
    /* plan 1's participants (pseudonymous keys) */
    keyed_person *people;
    size_t npeople, cap_people;
    int64_t sessions, counts; /* rows made, for the summary */
    batch batches[BT_N];
    int64_t next_session_id; /* sessions get their ids here (written in batches) */
    act_session *deferred;   /* plan 1's latest sessions, saved through the domain at the end */
    size_t ndeferred, cap_deferred;
} gen;

static double U(gen *g)
{
    return demo_rng_uniform(&g->r);
}

static int B(gen *g, int lo, int hi)
{
    return demo_rng_between(&g->r, lo, hi);
}

static const char *iso(gen *g, int64_t day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return arena_printf(g->a, "%04d-%02d-%02d", y, m, d);
}

static const char *stamp(gen *g, int64_t day, const char *hhmm)
{
    if (day > g->today)
        day = g->today;
    return arena_printf(g->a, "%sT%s:00Z", iso(g, day), hhmm);
}

/* Runs a prepared statement that returns nothing (or its first column as an
 * id when id is set). */
static hh_err run(gen *g, db_stmt *st, int64_t *id, hh_error *e, const char *what)
{
    int rc = db_step(st);
    if (rc == DB_ROW && id)
        *id = db_col_int64(st, 0);
    db_done(st);
    if (rc == DB_ERROR || (id && rc != DB_ROW))
        return db_fail(g->d, e, what);
    return HH_OK;
}

static db_stmt *prep(gen *g, const char *sql)
{
    return db_prepare(g->d, sql);
}

static void batches_init(gen *g)
{
    for (int k = 0; k < BT_N; k++) {
        batch *b = &g->batches[k];
        b->head = batch_spec[k].head;
        b->ncols = batch_spec[k].ncols;
        b->what = batch_spec[k].what;
        b->max_rows = 400 / b->ncols;
        b->nrows = b->nvals = 0;
        b->vals = arena_alloc(g->a, (size_t)(b->max_rows * b->ncols) * sizeof *b->vals);
    }
}

static void bv_int(gen *g, int k, int64_t v)
{
    batch *b = &g->batches[k];
    b->vals[b->nvals++] = (bval){ 1, v, NULL };
}

static void bv_text(gen *g, int k, const char *v)
{
    batch *b = &g->batches[k];
    b->vals[b->nvals++] = (bval){ 2, 0, v ? v : "" };
}

static void bv_null(gen *g, int k)
{
    batch *b = &g->batches[k];
    b->vals[b->nvals++] = (bval){ 0, 0, NULL };
}

static hh_err batch_flush(gen *g, int k, hh_error *e)
{
    batch *b = &g->batches[k];
    if (!b->nrows)
        return HH_OK;
    size_t cap = strlen(b->head) + 16 + (size_t)b->nrows * ((size_t)b->ncols * 3 + 4);
    char *sql = arena_alloc(g->a, cap);
    size_t len = (size_t)snprintf(sql, cap, "%s VALUES ", b->head);
    for (int r = 0; r < b->nrows; r++) {
        len += (size_t)snprintf(sql + len, cap - len, "%s(", r ? ", " : "");
        for (int c = 0; c < b->ncols; c++)
            len += (size_t)snprintf(sql + len, cap - len, "%s?", c ? ", " : "");
        len += (size_t)snprintf(sql + len, cap - len, ")");
    }
    db_stmt *st = prep(g, sql);
    if (!st)
        return db_fail(g->d, e, b->what);
    for (int i = 0; i < b->nvals; i++) {
        const bval *v = &b->vals[i];
        if (v->kind == 1)
            db_bind_int64(st, i + 1, v->i);
        else if (v->kind == 2)
            db_bind_text(st, i + 1, v->s);
        else
            db_bind_null(st, i + 1);
    }
    b->nrows = b->nvals = 0;
    return run(g, st, NULL, e, b->what);
}

static hh_err batch_row(gen *g, int k, hh_error *e)
{
    batch *b = &g->batches[k];
    b->nrows++;
    if (b->nrows < b->max_rows)
        return HH_OK;
    hh_err rc = HH_OK;
    if (k == BT_COUNT || k == BT_KEY)
        rc = batch_flush(g, BT_SESSION, e);
    return rc ? rc : batch_flush(g, k, e);
}

static hh_err batches_flush_all(gen *g, hh_error *e)
{
    hh_err rc = HH_OK;
    for (int k = 0; k < BT_N && !rc; k++)
        rc = batch_flush(g, k, e);
    return rc;
}

/* ---- attendance profiles: weights by gender × age band ---- */

typedef enum profile_kind {
    PR_MIXED,
    PR_MEN,
    PR_WOMEN,
    PR_BABY,
    PR_ELDERLY,
    PR_CHILDREN,
    PR_YOUTH_MALE,
    PR_ADULTS,
    PR_RUN,
    PR_COUNT
} profile_kind;

/* [female, male, other][child, youth, young adult, adult, senior] */
static const double profiles[PR_COUNT][NG][NA] = {
    [PR_MIXED] = { { 14, 5, 8, 20, 7 }, { 13, 5, 6, 14, 5 }, { 0.3, 0.3, 0.3, 0.3, 0 } },
    [PR_MEN] = { { 0, 0, 0, 0, 0 }, { 0, 2, 14, 55, 22 }, { 0, 0, 0.3, 0.5, 0 } },
    [PR_WOMEN] = { { 0, 5, 30, 50, 10 }, { 0, 0, 0, 0, 0 }, { 0, 0, 0.3, 0.3, 0 } },
    [PR_BABY] = { { 20, 0, 33, 17, 0 }, { 20, 0, 3, 2, 0 }, { 0.5, 0, 0, 0, 0 } },
    [PR_ELDERLY] = { { 0, 0, 0, 10, 60 }, { 0, 0, 0, 5, 25 }, { 0, 0, 0, 0, 0.3 } },
    [PR_CHILDREN] = { { 30, 15, 1, 0, 0 }, { 28, 15, 1, 0, 0 }, { 0.4, 0.2, 0, 0, 0 } },
    [PR_YOUTH_MALE] = { { 0, 5, 3, 0, 0 }, { 2, 50, 35, 3, 0 }, { 0, 0.4, 0.2, 0, 0 } },
    [PR_ADULTS] = { { 0, 0, 15, 40, 10 }, { 0, 0, 5, 20, 5 }, { 0, 0, 0.3, 0.3, 0 } },
    [PR_RUN] = { { 0, 4, 15, 30, 3 }, { 0, 4, 15, 30, 5 }, { 0, 0, 0.3, 0.3, 0 } },
};

static void draw_cell(gen *g, profile_kind pk, int *gender, int *age)
{
    double total = 0;
    for (int i = 0; i < NG; i++)
        for (int j = 0; j < NA; j++)
            total += profiles[pk][i][j];
    double x = U(g) * total;
    for (int i = 0; i < NG; i++)
        for (int j = 0; j < NA; j++) {
            x -= profiles[pk][i][j];
            if (x < 0 && profiles[pk][i][j] > 0) {
                *gender = i;
                *age = j;
                return;
            }
        }
    *gender = 1;
    *age = 3;
}

/* ---- partners: found by name among the plan's cooperation partners, then
 * among its municipality's ---- */

typedef enum pk {
    PK_NONE,
    PK_JOBCENTER,
    PK_SCHOOL,
    PK_CHILDREN,
    PK_SSP,
    PK_SPORTS,
    PK_VOLUNTARY,
    PK_HEALTH,
    PK_PATIENT,
    PK_CAFE,
    PK_DAYCARE,
    PK_COUNT
} pk;

static const char *const pk_pattern[PK_COUNT] = {
    [PK_NONE] = "",
    [PK_JOBCENTER] = "%Jobcenter%",
    [PK_SCHOOL] = "% Skole (fiktiv)",
    [PK_CHILDREN] = "%, B_rne- og %",
    [PK_SSP] = "SSP %",
    [PK_SPORTS] = "IF %",
    [PK_VOLUNTARY] = "Frivilligcenter %",
    [PK_HEALTH] = "%Sundhedscenter%",
    [PK_PATIENT] = "Patientforeningen %",
    [PK_CAFE] = "Café Naboskab %",
    [PK_DAYCARE] = "Børnehuset %",
};

static hh_err find_partner(gen *g, int64_t plan_id, const char *muni, pk k, bool only_plan, int64_t *id, hh_error *e)
{
    *id = 0;
    if (k == PK_NONE)
        return HH_OK;
    db_stmt *st = prep(g, "SELECT p.id FROM plan_cooperation c JOIN partner p ON p.id = c.partner_id"
                          " WHERE c.plan_id = ? AND p.name LIKE ? ORDER BY p.id LIMIT 1");
    if (!st)
        return db_fail(g->d, e, "find a demo partner");
    db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, pk_pattern[k]);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int64(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(g->d, e, "find a demo partner");
    if (*id || only_plan)
        return HH_OK;
    st = prep(g, "SELECT id FROM partner WHERE municipality_code = ? AND name LIKE ? ORDER BY id LIMIT 1");
    if (!st)
        return db_fail(g->d, e, "find a demo partner");
    db_bind_text(st, 1, muni);
    db_bind_text(st, 2, pk_pattern[k]);
    rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int64(st, 0);
    db_done(st);
    return rc == DB_ERROR ? db_fail(g->d, e, "find a demo partner") : HH_OK;
}

/* ---- activity templates ---- */

typedef struct tpl_partner {
    pk kind;
    const char *role; /* knowledge, recruitment, delivery, anchoring */
} tpl_partner;

typedef struct tpl_status {
    const char *status;
    const char *date; /* plan 1: ISO; generic: NULL */
} tpl_status;

typedef struct act_tpl {
    const char *name, *description;
    const char *categories, *targets, *kram, *channels; /* space-separated codes */
    const char *format, *place;
    const char *resp_kind, *responsible; /* staff title or a resident's role */
    pk resp_partner;
    tpl_partner partners[3];
    const char *idea_source;
    bool in_application;
    const char *schedule;
    const char *first, *last; /* plan 1: ISO or NULL */
    const char *start_time, *end_time;
    const char *focus;    /* plan 1: one of its focus areas, NULL = none */
    tpl_status hist[5];   /* plan 1: from idea to the current status */
    int size;             /* participants at a mature session */
    profile_kind profile; /* who comes */
    int volunteers;       /* volunteers at a session */
    bool keyed;           /* participant keys */
    bool annual;          /* one session a year on first's month and day */
} act_tpl;

/* Plan 1: Demoparken, 2023-2027, focus areas (after the 2025 revision)
 * Uddannelse og livschancer, Beskæftigelse, Kriminalitetsforebyggelse. */
static const act_tpl plan1_acts[] = {
    { "Løbeklubben Demoløberne",
      "Løbeklub for alle niveauer: fra første runde om søen til 5 km. Løbeturen slutter med frugt og vand i "
      "beboerhuset.",
      "exercise wellbeing",
      "all mixed",
      "exercise",
      "stairwell digital outreach_resident",
      "team",
      "Start ved Beboerhuset",
      "resident",
      "Frivillig løbetræner",
      PK_NONE,
      { { PK_SPORTS, "delivery" }, { PK_VOLUNTARY, "anchoring" } },
      "residents",
      false,
      "weekly",
      "2023-04-11",
      NULL,
      "17:00",
      "18:00",
      NULL,
      { { "idea", "2023-02-08" },
        { "planned", "2023-03-01" },
        { "running", "2023-04-11" },
        { "run_by_residents", "2025-09-01" } },
      7,
      PR_RUN,
      1,
      true,
      false },
    { "Fællesspisning i Fælleskøkkenet",
      "Fællesspisning en gang om måneden, hvor beboere laver mad sammen og spiser med naboerne. Børn spiser gratis.",
      "food wellbeing",
      "all mixed lonely",
      "diet",
      "flyer stairwell gathering_places outreach_staff",
      "cafe",
      "Fælleskøkkenet",
      "staff",
      "Boligsocial medarbejder",
      PK_NONE,
      { { PK_CAFE, "delivery" }, { PK_VOLUNTARY, "recruitment" } },
      "workshop",
      true,
      "monthly",
      "2023-02-16",
      NULL,
      "17:30",
      "20:00",
      NULL,
      { { "idea", "2022-10-12" }, { "planned", "2023-01-09" }, { "running", "2023-02-16" } },
      38,
      PR_MIXED,
      5,
      false,
      false },
    { "Morgenmadscafé",
      "Sund morgenmad og en snak om ugen, der gik. Fra efteråret 2025 med en kort gåtur efter morgenmaden.",
      "food wellbeing",
      "elderly lonely unemployed",
      "diet exercise",
      "stairwell outreach_staff outreach_resident",
      "cafe",
      "Beboerhuset, cafeen",
      "resident",
      "Frivillig cafévært",
      PK_NONE,
      { { PK_JOBCENTER, "recruitment" } },
      "open_office",
      false,
      "weekly",
      "2023-09-06",
      NULL,
      "09:00",
      "11:00",
      NULL,
      { { "idea", "2023-05-24" },
        { "planned", "2023-08-01" },
        { "running", "2023-09-06" },
        { "content_changed", "2025-08-20" } },
      14,
      PR_ELDERLY,
      2,
      false,
      false },
    { "Sundhedsambassadører",
      "Uddannelse af beboere til sundhedsambassadører, der formidler viden om kost, motion og rygning i deres "
      "opgange og netværk. Afsluttes med diplom.",
      "training",
      "all mixed",
      "diet smoking alcohol exercise",
      "outreach_staff gathering_places",
      "course",
      "Beboerhuset, mødelokalet",
      "partner",
      "",
      PK_HEALTH,
      { { PK_HEALTH, "delivery" }, { PK_JOBCENTER, "recruitment" } },
      "application",
      true,
      "biweekly",
      "2023-09-04",
      "2024-06-24",
      "18:00",
      "20:30",
      "Beskæftigelse",
      { { "idea", "2022-03-15" },
        { "planned", "2023-06-01" },
        { "running", "2023-09-04" },
        { "handed_to_partner", "2024-08-15" } },
      12,
      PR_ADULTS,
      0,
      true,
      false },
    { "Mænds Sundhedsdag",
      "Årlig sundhedsdag for mænd med blodtryk, blodsukker, BMI og kondital – aldrig en test uden en samtale med "
      "en sygeplejerske bagefter. Patientforeningen og idrætsforeningen står med boder.",
      "health_tests other",
      "men",
      "diet smoking alcohol exercise",
      "flyer local_paper outreach_staff",
      "annual",
      "Beboerhuset og gården",
      "staff",
      "Sundhedskoordinator",
      PK_NONE,
      { { PK_PATIENT, "delivery" }, { PK_HEALTH, "knowledge" }, { PK_SPORTS, "recruitment" } },
      "network_meeting",
      true,
      "one_off",
      "2023-10-07",
      NULL,
      "10:00",
      "14:00",
      NULL,
      { { "idea", "2023-03-02" }, { "planned", "2023-06-14" }, { "running", "2023-10-07" } },
      40,
      PR_MEN,
      4,
      false,
      true },
    { "Stolegymnastik for ældre",
      "Let motion på stolen med musik og kaffe bagefter, for ældre beboere, der ikke kommer så meget ud.",
      "exercise wellbeing",
      "elderly lonely",
      "exercise",
      "stairwell outreach_resident",
      "team",
      "Seniorlokalet i Beboerhuset",
      "resident",
      "Frivillig instruktør",
      PK_NONE,
      { { PK_VOLUNTARY, "anchoring" } },
      "open_office",
      false,
      "weekly",
      "2023-03-09",
      NULL,
      "10:00",
      "11:00",
      NULL,
      { { "idea", "2023-01-18" },
        { "planned", "2023-02-13" },
        { "running", "2023-03-09" },
        { "run_by_residents", "2024-06-01" } },
      9,
      PR_ELDERLY,
      1,
      true,
      false },
    { "Zumba for kvinder",
      "Zumbahold kun for kvinder i et aflåst lokale med gardiner for vinduerne, ledet af en kvindelig instruktør "
      "fra bebyggelsen.",
      "exercise",
      "women",
      "exercise",
      "outreach_resident digital",
      "team",
      "Gymnastiksalen på Demoparken Skole (aflåst, gardiner for)",
      "resident",
      "Frivillig zumbainstruktør",
      PK_NONE,
      { { PK_SPORTS, "delivery" }, { PK_SCHOOL, "delivery" } },
      "residents",
      false,
      "weekly",
      "2023-10-02",
      NULL,
      "18:00",
      "19:00",
      NULL,
      { { "idea", "2023-06-20" }, { "planned", "2023-08-28" }, { "running", "2023-10-02" } },
      16,
      PR_WOMEN,
      1,
      false,
      false },
    { "Babycafé",
      "Mødested for forældre på barsel med sundhedsplejerske, sang og let frokost.",
      "wellbeing food",
      "children_parents women newcomers",
      "diet",
      "gathering_places digital outreach_staff",
      "cafe",
      "Beboerhuset, stuen",
      "staff",
      "Familiekoordinator",
      PK_NONE,
      { { PK_CHILDREN, "delivery" } },
      "staff",
      false,
      "biweekly",
      "2023-05-05",
      NULL,
      "10:00",
      "12:00",
      "Uddannelse og livschancer",
      { { "idea", "2023-02-20" },
        { "planned", "2023-04-03" },
        { "running", "2023-05-05" },
        { "wait_and_see", "2026-06-01" } },
      9,
      PR_BABY,
      0,
      false,
      false },
    { "Kostvejledning og vægthold",
      "Forløb med vejning, kostvejledning og madlavning i Fælleskøkkenet ved en diætist fra sundhedscentret.",
      "food individual",
      "men women unemployed",
      "diet exercise",
      "outreach_staff stairwell",
      "course",
      "Fælleskøkkenet",
      "partner",
      "",
      PK_HEALTH,
      { { PK_HEALTH, "delivery" } },
      "survey",
      true,
      "weekly",
      "2024-01-10",
      "2025-06-25",
      "17:00",
      "18:30",
      NULL,
      { { "idea", "2023-08-22" },
        { "planned", "2023-11-15" },
        { "running", "2024-01-10" },
        { "stopped", "2025-06-25" } },
      8,
      PR_ADULTS,
      0,
      true,
      false },
    { "Mænds mødested",
      "Værksted og kaffe for mænd: cykler, små reparationer og en snak – med inspiration fra Men's Sheds.",
      "other wellbeing",
      "men lonely unemployed",
      "",
      "outreach_resident outreach_staff",
      "team",
      "Værkstedet i kælderen, blok 4",
      "resident",
      "Ildsjæl og værkstedsvært",
      PK_NONE,
      { { PK_VOLUNTARY, "anchoring" } },
      "informal",
      false,
      "weekly",
      "2024-03-05",
      NULL,
      "10:00",
      "13:00",
      NULL,
      { { "idea", "2023-11-28" },
        { "planned", "2024-02-01" },
        { "running", "2024-03-05" },
        { "run_by_residents", "2026-03-01" } },
      6,
      PR_MEN,
      1,
      false,
      false },
    { "Bydelsmødre",
      "Netværksmøde for bydelsmødre, der hjælper andre kvinder med viden om sundhed, skole og kommunens tilbud.",
      "training individual",
      "women newcomers children_parents",
      "",
      "outreach_resident",
      "course",
      "Beboerhuset, mødelokalet",
      "resident",
      "Bydelsmor",
      PK_NONE,
      { { PK_CHILDREN, "knowledge" }, { PK_VOLUNTARY, "anchoring" } },
      "application",
      true,
      "monthly",
      "2023-02-07",
      NULL,
      "17:00",
      "19:00",
      "Uddannelse og livschancer",
      { { "idea", "2022-03-15" }, { "planned", "2022-12-01" }, { "running", "2023-02-07" } },
      9,
      PR_WOMEN,
      1,
      false,
      false },
    { "Byttebutikken",
      "Byttebutik for tøj, legetøj og ting til hjemmet; drevet af frivillige beboere.",
      "wellbeing other",
      "all",
      "",
      "flyer stairwell digital",
      "cafe",
      "Byttebutikken i blok 2",
      "resident",
      "Frivillig butiksvagt",
      PK_NONE,
      { { PK_VOLUNTARY, "recruitment" } },
      "workshop",
      false,
      "biweekly",
      "2023-06-03",
      NULL,
      "11:00",
      "14:00",
      NULL,
      { { "idea", "2023-03-22" },
        { "planned", "2023-05-02" },
        { "running", "2023-06-03" },
        { "run_by_residents", "2025-04-01" } },
      18,
      PR_MIXED,
      3,
      false,
      false },
    { "Lektiecafé",
      "Lektiehjælp til skolebørn med frivillige lektiehjælpere og frugt; forældrene er velkomne.",
      "training",
      "children_parents youth",
      "diet",
      "gathering_places digital",
      "cafe",
      "Beboerhuset, stueetagen",
      "partner",
      "",
      PK_SCHOOL,
      { { PK_SCHOOL, "delivery" }, { PK_VOLUNTARY, "recruitment" } },
      "application",
      true,
      "weekly",
      "2023-01-17",
      NULL,
      "15:00",
      "17:00",
      "Uddannelse og livschancer",
      { { "idea", "2021-03-10" }, { "planned", "2022-11-01" }, { "running", "2023-01-17" } },
      16,
      PR_CHILDREN,
      4,
      false,
      false },
    { "Aftenfodbold for unge",
      "Fodbold på multibanen fredag aften for unge, med trænere fra idrætsforeningen og SSP på banen.",
      "exercise",
      "youth",
      "exercise",
      "digital outreach_staff",
      "team",
      "Multibanen ved blok 6",
      "partner",
      "",
      PK_SPORTS,
      { { PK_SPORTS, "delivery" }, { PK_SSP, "knowledge" } },
      "network_meeting",
      false,
      "weekly",
      "2025-03-07",
      NULL,
      "19:00",
      "21:00",
      "Kriminalitetsforebyggelse",
      { { "idea", "2024-11-12" }, { "planned", "2025-01-20" }, { "running", "2025-03-07" } },
      14,
      PR_YOUTH_MALE,
      2,
      false,
      false },
    { "Jobcafé",
      "Hjælp til CV, jobansøgninger og kontakt til jobcentret over en kop kaffe.",
      "individual",
      "unemployed newcomers",
      "",
      "outreach_staff gathering_places",
      "individual",
      "Det åbne kontor",
      "staff",
      "Beskæftigelseskoordinator",
      PK_NONE,
      { { PK_JOBCENTER, "delivery" } },
      "application",
      true,
      "weekly",
      "2023-03-01",
      NULL,
      "13:00",
      "15:00",
      "Beskæftigelse",
      { { "idea", "2022-03-15" }, { "planned", "2023-01-16" }, { "running", "2023-03-01" } },
      4,
      PR_ADULTS,
      0,
      false,
      false },
    { "Livsstilssamtaler med sygeplejersken",
      "Individuelle samtaler om søvn, mad, rygning og motion for beboere med kroniske lidelser eller psykisk "
      "sårbarhed; få deltagere, mange samtaler.",
      "individual",
      "mental_health lonely",
      "diet smoking alcohol exercise",
      "outreach_staff",
      "individual",
      "Det åbne kontor, samtalerummet",
      "staff",
      "Sundhedskoordinator",
      PK_NONE,
      { { PK_HEALTH, "delivery" }, { PK_PATIENT, "knowledge" } },
      "staff",
      false,
      "monthly",
      "2024-04-09",
      NULL,
      "10:00",
      "12:00",
      NULL,
      { { "idea", "2023-12-05" }, { "planned", "2024-02-20" }, { "running", "2024-04-09" } },
      2,
      PR_ADULTS,
      0,
      false,
      false },
    { "Fælles plantekasser",
      "Plantekasser i gårdene, hvor beboerne dyrker grøntsager og krydderurter sammen.",
      "wellbeing food",
      "all mixed",
      "diet",
      "",
      "team",
      "Gården ved blok 3",
      "resident",
      "Ildsjæl",
      PK_NONE,
      { { PK_NONE, NULL } },
      "informal",
      false,
      "one_off",
      NULL,
      NULL,
      "",
      "",
      NULL,
      { { "idea", "2026-09-15" } },
      0,
      PR_MIXED,
      0,
      false,
      false },
    { "Cykelhold for kvinder",
      "Cykeltræning for kvinder, der aldrig har lært at cykle, med frivillige instruktører.",
      "exercise training",
      "women newcomers",
      "exercise",
      "outreach_resident",
      "course",
      "Skolegården",
      "resident",
      "Frivillig cykelinstruktør",
      PK_NONE,
      { { PK_SPORTS, "delivery" } },
      "open_office",
      false,
      "weekly",
      "+60",
      NULL,
      "10:00",
      "11:30",
      NULL,
      { { "idea", "2026-05-19" }, { "planned", "2026-10-01" } },
      0,
      PR_WOMEN,
      0,
      false,
      false },
};
#define NPLAN1 (sizeof plan1_acts / sizeof plan1_acts[0])

/* Generic activities for the other plans (dates, statuses and partners are
 * drawn per plan). */
static const act_tpl generic_acts[] = {
    { "Gåklub",
      "Gåture i nærområdet to gange om ugen med kaffe bagefter.",
      "exercise wellbeing",
      "elderly lonely",
      "exercise",
      "stairwell outreach_resident",
      "team",
      "Mødested ved beboerhuset",
      "resident",
      "Frivillig gåtræner",
      PK_NONE,
      { { PK_VOLUNTARY, "anchoring" } },
      "residents",
      false,
      "weekly",
      NULL,
      NULL,
      "10:00",
      "11:00",
      NULL,
      { { NULL, NULL } },
      8,
      PR_ELDERLY,
      1,
      false,
      false },
    { "Krolf i gården",
      "Krolf for seniorer på den nye bane i gården.",
      "exercise",
      "elderly",
      "exercise",
      "stairwell",
      "team",
      "Krolfbanen",
      "resident",
      "Frivillig tovholder",
      PK_NONE,
      { { PK_SPORTS, "delivery" } },
      "open_office",
      false,
      "weekly",
      NULL,
      NULL,
      "13:00",
      "15:00",
      NULL,
      { { NULL, NULL } },
      7,
      PR_ELDERLY,
      1,
      false,
      false },
    { "Fiskeklub",
      "Fisketure for unge og voksne mænd med en frivillig fra idrætsforeningen.",
      "exercise wellbeing",
      "men youth",
      "exercise",
      "outreach_staff digital",
      "team",
      "Havnen",
      "partner",
      "",
      PK_SPORTS,
      { { PK_SPORTS, "delivery" } },
      "informal",
      false,
      "biweekly",
      NULL,
      NULL,
      "16:00",
      "19:00",
      NULL,
      { { NULL, NULL } },
      6,
      PR_MEN,
      1,
      false,
      false },
    { "Aftencafé",
      "Aftencafé med sund mad, spil og snak.",
      "food wellbeing",
      "all mixed",
      "diet",
      "flyer stairwell",
      "cafe",
      "Beboerhuset",
      "staff",
      "Boligsocial medarbejder",
      PK_NONE,
      { { PK_VOLUNTARY, "recruitment" } },
      "workshop",
      true,
      "biweekly",
      NULL,
      NULL,
      "18:00",
      "21:00",
      NULL,
      { { NULL, NULL } },
      20,
      PR_MIXED,
      3,
      false,
      false },
    { "Spis med din nabo",
      "Fællesspisning en gang om måneden for nye og gamle naboer.",
      "food wellbeing",
      "all lonely newcomers",
      "diet",
      "flyer stairwell outreach_resident",
      "cafe",
      "Fælleskøkkenet",
      "staff",
      "Koordinator",
      PK_NONE,
      { { PK_NONE, NULL } },
      "application",
      true,
      "monthly",
      NULL,
      NULL,
      "17:30",
      "20:00",
      NULL,
      { { NULL, NULL } },
      30,
      PR_MIXED,
      4,
      false,
      false },
    { "Yoga for kvinder",
      "Yoga og afspænding for kvinder i et lukket lokale.",
      "exercise wellbeing",
      "women",
      "exercise",
      "outreach_resident digital",
      "team",
      "Aktivitetslokalet",
      "resident",
      "Frivillig yogainstruktør",
      PK_NONE,
      { { PK_SPORTS, "delivery" } },
      "residents",
      false,
      "weekly",
      NULL,
      NULL,
      "18:00",
      "19:00",
      NULL,
      { { NULL, NULL } },
      10,
      PR_WOMEN,
      1,
      false,
      false },
    { "Blodtryksmåling med en snak",
      "Årlig sundhedsdag med blodtryk og blodsukker – altid med en samtale.",
      "health_tests",
      "all men",
      "diet smoking alcohol",
      "flyer local_paper",
      "annual",
      "Beboerhuset",
      "partner",
      "",
      PK_PATIENT,
      { { PK_PATIENT, "delivery" }, { PK_HEALTH, "knowledge" } },
      "partner",
      false,
      "one_off",
      NULL,
      NULL,
      "10:00",
      "14:00",
      NULL,
      { { NULL, NULL } },
      25,
      PR_ADULTS,
      2,
      false,
      true },
    { "Livsstilssamtaler",
      "Individuelle samtaler om kost, søvn og motion for beboere med kroniske lidelser.",
      "individual",
      "mental_health unemployed",
      "diet smoking alcohol exercise",
      "outreach_staff",
      "individual",
      "Det åbne kontor",
      "staff",
      "Sundhedskoordinator",
      PK_NONE,
      { { PK_HEALTH, "knowledge" } },
      "staff",
      true,
      "biweekly",
      NULL,
      NULL,
      "12:00",
      "15:00",
      NULL,
      { { NULL, NULL } },
      3,
      PR_ADULTS,
      0,
      false,
      false },
    { "Forældre-barn-leg",
      "Leg og bevægelse for småbørn og deres forældre.",
      "exercise wellbeing",
      "children_parents",
      "exercise",
      "gathering_places digital",
      "team",
      "Gymnastiksalen",
      "partner",
      "",
      PK_DAYCARE,
      { { PK_DAYCARE, "recruitment" }, { PK_SPORTS, "delivery" } },
      "partner",
      false,
      "weekly",
      NULL,
      NULL,
      "16:00",
      "17:00",
      NULL,
      { { NULL, NULL } },
      14,
      PR_BABY,
      1,
      false,
      false },
    { "Malekursus",
      "Malekursus for beboere, der har brug for et roligt fællesskab.",
      "wellbeing",
      "lonely mental_health",
      "",
      "outreach_staff",
      "course",
      "Hobbyrummet",
      "resident",
      "Frivillig kursusleder",
      PK_NONE,
      { { PK_NONE, NULL } },
      "open_office",
      false,
      "weekly",
      NULL,
      NULL,
      "13:00",
      "15:00",
      NULL,
      { { NULL, NULL } },
      6,
      PR_ADULTS,
      1,
      false,
      false },
    { "Seniorfestival",
      "Årlig festival for bydelens ældre med musik, mad og boder.",
      "wellbeing other",
      "elderly",
      "",
      "flyer local_paper",
      "annual",
      "Gården",
      "staff",
      "Koordinator",
      PK_NONE,
      { { PK_VOLUNTARY, "delivery" } },
      "network_meeting",
      false,
      "one_off",
      NULL,
      NULL,
      "12:00",
      "16:00",
      NULL,
      { { NULL, NULL } },
      55,
      PR_ELDERLY,
      6,
      false,
      true },
    { "Motionsrummet",
      "Åbent motionsrum med frivillige instruktører.",
      "exercise",
      "youth men",
      "exercise",
      "digital",
      "team",
      "Motionsrummet i kælderen",
      "resident",
      "Frivillig instruktør",
      PK_NONE,
      { { PK_SPORTS, "anchoring" } },
      "residents",
      false,
      "weekly",
      NULL,
      NULL,
      "17:00",
      "20:00",
      NULL,
      { { NULL, NULL } },
      8,
      PR_YOUTH_MALE,
      1,
      false,
      false },
    { "Sundhedsambassadører",
      "Uddannelse af beboere, der formidler sundhed i deres netværk.",
      "training",
      "all",
      "diet smoking alcohol exercise",
      "outreach_staff",
      "course",
      "Beboerhuset",
      "partner",
      "",
      PK_HEALTH,
      { { PK_HEALTH, "delivery" } },
      "application",
      true,
      "biweekly",
      NULL,
      NULL,
      "18:00",
      "20:30",
      NULL,
      { { NULL, NULL } },
      10,
      PR_ADULTS,
      0,
      false,
      false },
    { "Lektiecafé",
      "Lektiehjælp med frivillige to eftermiddage om ugen.",
      "training",
      "children_parents youth",
      "",
      "gathering_places",
      "cafe",
      "Beboerhuset",
      "partner",
      "",
      PK_SCHOOL,
      { { PK_SCHOOL, "delivery" }, { PK_VOLUNTARY, "recruitment" } },
      "application",
      true,
      "weekly",
      NULL,
      NULL,
      "15:00",
      "17:00",
      NULL,
      { { NULL, NULL } },
      14,
      PR_CHILDREN,
      3,
      false,
      false },
    { "Rygestopkursus",
      "Rygestopforløb i samarbejde med kommunens sundhedscenter.",
      "individual",
      "men women",
      "smoking",
      "outreach_staff flyer",
      "course",
      "Beboerhuset, mødelokalet",
      "partner",
      "",
      PK_HEALTH,
      { { PK_HEALTH, "delivery" } },
      "partner",
      false,
      "weekly",
      NULL,
      NULL,
      "16:30",
      "18:00",
      NULL,
      { { NULL, NULL } },
      6,
      PR_ADULTS,
      0,
      false,
      false },
    { "Mænds mødested",
      "Værksted og kaffe for mænd.",
      "other wellbeing",
      "men lonely",
      "",
      "outreach_resident",
      "team",
      "Værkstedet",
      "resident",
      "Ildsjæl",
      PK_NONE,
      { { PK_VOLUNTARY, "anchoring" } },
      "informal",
      false,
      "weekly",
      NULL,
      NULL,
      "10:00",
      "13:00",
      NULL,
      { { NULL, NULL } },
      6,
      PR_MEN,
      1,
      false,
      false },
};
#define NGENERIC (sizeof generic_acts / sizeof generic_acts[0])

/* ---- one activity's rows ---- */

typedef struct made_act {
    const act_tpl *t;
    int64_t id;
    int64_t plan_id;
    int64_t idea_day, first_day, last_day; /* -1 when none */
    int64_t stop_day;                      /* sessions end after this day (-1: open) */
    int64_t wait_day;                      /* "wait and see" from this day (-1: never) */
    const char *status;                    /* current */
    int64_t outcome_day;                   /* the day of the anchoring outcome, -1 when none */
    int64_t plan_end;                      /* no sessions after the plan's end (-1: open) */
    int plan_year0;                        /* the plan's first year (involvement matures from it) */
    const char *schedule;
    bool resident_driven;
} made_act;

static hh_err insert_tags(gen *g, int64_t id, const char *kind, const char *codes, hh_error *e)
{
    const char *p = codes;
    while (p && *p) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n) {
            bv_int(g, BT_TAG, id);
            bv_text(g, BT_TAG, kind);
            bv_text(g, BT_TAG, arena_strndup(g->a, p, n));
            hh_err rc = batch_row(g, BT_TAG, e);
            if (rc)
                return rc;
        }
        p += n;
    }
    return HH_OK;
}

static bool holiday(int64_t day, const char **note)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    if ((m == 12 && d >= 21) || (m == 1 && d <= 2)) {
        *note = "Juleferie";
        return true;
    }
    if (m == 7 || (m == 8 && d <= 3)) {
        *note = "Sommerferie";
        return true;
    }
    if (m == 10 && d >= 14 && d <= 20) {
        *note = "Efterårsferie";
        return true;
    }
    return false;
}

/* The days a schedule meets in [first, to] (activities.h's rule: weekly and
 * biweekly every 7 or 14 days, monthly on the first date's day of the month
 * or the month's last day; one-off the first date only). */
static size_t schedule_days(arena *a, const char *schedule, int64_t first, int64_t to, int64_t **out)
{
    size_t cap = 16, n = 0;
    int64_t *v = arena_alloc(a, cap * sizeof *v);
    int fy, fm, fd;
    civil_from_days(first, &fy, &fm, &fd);
    for (int k = 0;; k++) {
        int64_t day;
        if (!strcmp(schedule, "weekly"))
            day = first + 7 * k;
        else if (!strcmp(schedule, "biweekly"))
            day = first + 14 * k;
        else if (!strcmp(schedule, "monthly")) {
            int mm = fm - 1 + k, y = fy + mm / 12, m = mm % 12 + 1, dim = days_in_month(y, m);
            day = days_from_civil(y, m, fd < dim ? fd : dim);
        } else
            day = k == 0 ? first : to + 1;
        if (day > to)
            break;
        if (n == cap) {
            v = arena_grow(a, v, cap * sizeof *v, 2 * cap * sizeof *v);
            cap *= 2;
        }
        v[n++] = day;
    }
    *out = v;
    return n;
}

/* Holiday exceptions of a recurring activity, up to half a year ahead. */
static size_t exceptions(gen *g, const made_act *m, int64_t **days_out, const char ***notes_out)
{
    *days_out = NULL;
    *notes_out = NULL;
    if (m->first_day < 0 || !strcmp(m->schedule, "one_off"))
        return 0;
    int64_t to = m->last_day >= 0 ? m->last_day : g->today + 180;
    int64_t *days;
    size_t n = schedule_days(g->a, m->schedule, m->first_day, to, &days), k = 0;
    const char **notes = arena_alloc(g->a, (n + 1) * sizeof *notes);
    for (size_t i = 0; i < n; i++) {
        const char *note;
        if (days[i] != m->first_day && holiday(days[i], &note)) {
            days[k] = days[i];
            notes[k++] = note;
        }
    }
    *days_out = days;
    *notes_out = notes;
    return k;
}

/* Inserts the activity with its tags, partners, exceptions and status log;
 * m->id is set. */
static hh_err insert_activity(gen *g, made_act *m, const char *muni, const char *focus, tpl_status *hist,
                              int64_t *hist_days, size_t nhist, const char *user_name, hh_error *e)
{
    const act_tpl *t = m->t;
    int64_t resp_partner = 0;
    hh_err rc;
    const char *resp_kind = t->resp_kind, *responsible = t->responsible;
    if (!strcmp(resp_kind, "partner")) {
        if ((rc = find_partner(g, m->plan_id, muni, t->resp_partner, m->plan_id != 1, &resp_partner, e)))
            return rc;
        if (!resp_partner) {
            resp_kind = "staff";
            responsible = "Koordinator";
        }
    }
    db_stmt *st = prep(g, "INSERT INTO activity (plan_id, name, description, focus, format, place, responsible_kind,"
                          " responsible, responsible_partner_id, idea_source, in_application, status, schedule,"
                          " first_date, last_date, start_time, end_time, created_at, updated_at)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fail(g->d, e, "add a demo activity");
    db_bind_int64(st, 1, m->plan_id);
    db_bind_text(st, 2, t->name);
    db_bind_text(st, 3, t->description);
    if (focus)
        db_bind_text(st, 4, focus);
    else
        db_bind_null(st, 4);
    db_bind_text(st, 5, t->format);
    db_bind_text(st, 6, t->place);
    db_bind_text(st, 7, resp_kind);
    db_bind_text(st, 8, responsible);
    if (resp_partner)
        db_bind_int64(st, 9, resp_partner);
    else
        db_bind_null(st, 9);
    db_bind_text(st, 10, t->idea_source);
    db_bind_int64(st, 11, t->in_application);
    db_bind_text(st, 12, m->status);
    db_bind_text(st, 13, m->schedule);
    if (m->first_day >= 0)
        db_bind_text(st, 14, iso(g, m->first_day));
    else
        db_bind_null(st, 14);
    if (m->last_day >= 0)
        db_bind_text(st, 15, iso(g, m->last_day));
    else
        db_bind_null(st, 15);
    db_bind_text(st, 16, m->first_day >= 0 ? t->start_time : "");
    db_bind_text(st, 17, m->first_day >= 0 ? t->end_time : "");
    db_bind_text(st, 18, stamp(g, hist_days[0], "09:00"));
    db_bind_text(st, 19, stamp(g, hist_days[nhist - 1], "09:00"));
    if ((rc = run(g, st, &m->id, e, "add a demo activity")))
        return rc;
    if ((rc = insert_tags(g, m->id, "category", t->categories, e)) ||
        (rc = insert_tags(g, m->id, "target_group", t->targets, e)) ||
        (rc = insert_tags(g, m->id, "kram", t->kram, e)) || (rc = insert_tags(g, m->id, "channel", t->channels, e)))
        return rc;
    /* Partners and their roles (each once). */
    int64_t seen[3] = { 0 };
    for (size_t i = 0; i < 3 && t->partners[i].kind != PK_NONE; i++) {
        int64_t pid;
        if ((rc = find_partner(g, m->plan_id, muni, t->partners[i].kind, m->plan_id != 1, &pid, e)))
            return rc;
        if (!pid || pid == seen[0] || pid == seen[1])
            continue;
        seen[i] = pid;
        st = prep(g, "INSERT INTO activity_partner (activity_id, partner_id, role) VALUES (?, ?, ?)");
        if (!st)
            return db_fail(g->d, e, "add a demo activity partner");
        db_bind_int64(st, 1, m->id);
        db_bind_int64(st, 2, pid);
        db_bind_text(st, 3, t->partners[i].role);
        if ((rc = run(g, st, NULL, e, "add a demo activity partner")))
            return rc;
    }
    int64_t *xdays;
    const char **xnotes;
    size_t nx = exceptions(g, m, &xdays, &xnotes);
    for (size_t i = 0; i < nx && !rc; i++) {
        bv_int(g, BT_EXCEPTION, m->id);
        bv_text(g, BT_EXCEPTION, iso(g, xdays[i]));
        bv_text(g, BT_EXCEPTION, xnotes[i]);
        rc = batch_row(g, BT_EXCEPTION, e);
    }
    for (size_t i = 0; i < nhist && !rc; i++) {
        bv_int(g, BT_LOG, m->id);
        bv_text(g, BT_LOG, hist[i].status);
        bv_text(g, BT_LOG, iso(g, hist_days[i]));
        bv_text(g, BT_LOG, user_name);
        bv_text(g, BT_LOG, stamp(g, hist_days[i], "10:00"));
        rc = batch_row(g, BT_LOG, e);
    }
    return rc;
}

/* The bits of the space-separated codes in table (codes the domain does not
 * know are a bug in the templates: reported). */
static bool code_bits(const char *codes, const char *const *table, int count, unsigned *out)
{
    *out = 0;
    const char *s = codes;
    while (s && *s) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        if (!n)
            break;
        int i = 0;
        while (i < count && !(strlen(table[i]) == n && !strncmp(table[i], s, n)))
            i++;
        if (i == count)
            return false;
        *out |= 1u << i;
        s += n;
    }
    return true;
}

static int code_index(const char *code, const char *const *table, int count)
{
    for (int i = 0; i < count; i++)
        if (code && !strcmp(table[i], code))
            return i;
    return -1;
}

/* The same activity made through activities.h as the operator (plan 1's, so
 * the domain's validation checks the templates): activity_put creates it in
 * its first status, which is back-dated to the idea's day, and
 * activity_status_set moves it along the history on the dates given. */
static hh_err domain_activity(gen *g, made_act *m, const char *muni, const char *focus, tpl_status *hist,
                              int64_t *hist_days, size_t nhist, hh_error *e)
{
    const act_tpl *t = m->t;
    activity x;
    memset(&x, 0, sizeof x);
    x.plan_id = m->plan_id;
    x.name = t->name;
    x.description = t->description;
    x.focus = focus ? focus : "";
    int fmt = code_index(t->format, act_format_code, FMT_COUNT),
        resp = code_index(t->resp_kind, act_responsible_code, RESP_COUNT),
        idea = code_index(t->idea_source, act_idea_source_code, IDEA_COUNT),
        sched = code_index(m->schedule, act_schedule_code, SCHED_COUNT),
        first_status = code_index(hist[0].status, act_status_code, AS_COUNT);
    if (!code_bits(t->categories, act_category_code, CAT_COUNT, &x.categories) ||
        !code_bits(t->targets, act_target_code, TG_COUNT, &x.targets) ||
        !code_bits(t->kram, act_kram_code, KRAM_COUNT, &x.kram) ||
        !code_bits(t->channels, act_channel_code, CHN_COUNT, &x.channels) || fmt < 0 || resp < 0 || idea < 0 ||
        sched < 0 || first_status < 0)
        return hh_fail(e, HH_ERR_INTERNAL, NULL, "demo activity '%s': a code the domain does not know", t->name);
    x.format = (act_format)fmt;
    x.responsible_kind = (act_responsible)resp;
    x.idea_source = (act_idea_source)idea;
    x.schedule = (act_schedule)sched;
    x.status = (act_status)first_status;
    x.in_application = t->in_application;
    x.place = t->place;
    x.responsible = t->responsible;
    hh_err rc;
    if (x.responsible_kind == RESP_PARTNER) {
        if ((rc = find_partner(g, m->plan_id, muni, t->resp_partner, false, &x.responsible_partner_id, e)))
            return rc;
        if (!x.responsible_partner_id) {
            x.responsible_kind = RESP_STAFF;
            x.responsible = "Koordinator";
        }
    }
    x.first_date = m->first_day >= 0 ? iso(g, m->first_day) : "";
    x.last_date = m->last_day >= 0 ? iso(g, m->last_day) : "";
    x.start_time = m->first_day >= 0 ? t->start_time : "";
    x.end_time = m->first_day >= 0 ? t->end_time : "";
    act_partner *ps = arena_zalloc(g->a, 3 * sizeof *ps);
    for (size_t i = 0; i < 3 && t->partners[i].kind != PK_NONE; i++) {
        int64_t pid;
        if ((rc = find_partner(g, m->plan_id, muni, t->partners[i].kind, false, &pid, e)))
            return rc;
        bool dup = !pid;
        for (size_t j = 0; j < x.npartners && !dup; j++)
            dup = ps[j].partner_id == pid;
        int role = code_index(t->partners[i].role, coop_purpose_code, CP_COUNT);
        if (dup || role < 0)
            continue;
        ps[x.npartners++] = (act_partner){ .partner_id = pid, .role = (coop_purpose)role };
    }
    x.partners = ps;
    int64_t *xdays;
    const char **xnotes;
    x.nexceptions = exceptions(g, m, &xdays, &xnotes);
    x.exceptions = arena_alloc(g->a, (x.nexceptions + 1) * sizeof *x.exceptions);
    for (size_t i = 0; i < x.nexceptions; i++)
        x.exceptions[i] = iso(g, xdays[i]);
    char what[160];
    snprintf(what, sizeof what, "demo activity '%s'", t->name);
    if ((rc = activity_put(g->d, NULL, g->a, &x, e))) {
        char msg[2 * sizeof e->msg + 200];
        snprintf(msg, sizeof msg, "%s: %s (%s)", what, e->msg, e->field);
        hh_strlcpy(e->msg, msg, sizeof e->msg);
        return rc;
    }
    m->id = x.id;
    /* Back-date the creation and the first status; name the notes. */
    db_stmt *st = prep(g, "UPDATE activity_status_log SET effective = ?, recorded_at = ? WHERE activity_id = ?");
    if (!st)
        return db_fail(g->d, e, what);
    db_bind_text(st, 1, iso(g, hist_days[0]));
    db_bind_text(st, 2, stamp(g, hist_days[0], "10:00"));
    db_bind_int64(st, 3, x.id);
    if ((rc = run(g, st, NULL, e, what)))
        return rc;
    st = prep(g, "UPDATE activity SET created_at = ? WHERE id = ?");
    if (!st)
        return db_fail(g->d, e, what);
    db_bind_text(st, 1, stamp(g, hist_days[0], "09:00"));
    db_bind_int64(st, 2, x.id);
    if ((rc = run(g, st, NULL, e, what)))
        return rc;
    st = prep(g, "UPDATE activity_exception SET note = ? WHERE activity_id = ? AND date = ?");
    if (!st)
        return db_fail(g->d, e, what);
    for (size_t i = 0; i < x.nexceptions && !rc; i++) {
        db_bind_text(st, 1, xnotes[i]);
        db_bind_int64(st, 2, x.id);
        db_bind_text(st, 3, x.exceptions[i]);
        rc = run(g, st, NULL, e, what);
    }
    for (size_t k = 1; k < nhist && !rc; k++) {
        int s2 = code_index(hist[k].status, act_status_code, AS_COUNT);
        if (s2 < 0)
            return hh_fail(e, HH_ERR_INTERNAL, NULL, "%s: unknown status", what);
        rc = activity_status_set(g->d, NULL, g->a, x.id, (act_status)s2, iso(g, hist_days[k]), e);
    }
    return rc;
}

/* ---- sessions ---- */

typedef struct pool_member {
    size_t person; /* index into g->people */
    double p;      /* chance of coming to a session */
} pool_member;

static hh_err new_person(gen *g, int64_t plan_id, const char *prefix, profile_kind pr, int64_t day, size_t *idx,
                         hh_error *e)
{
    if (g->npeople == g->cap_people) {
        size_t cap = g->cap_people ? 2 * g->cap_people : 128;
        g->people = arena_grow(g->a, g->people, g->cap_people * sizeof *g->people, cap * sizeof *g->people);
        g->cap_people = cap;
    }
    keyed_person *k = &g->people[g->npeople];
    draw_cell(g, pr, &k->gender, &k->age);
    db_stmt *st = prep(g, "INSERT INTO participant (plan_id, key, created_at) VALUES (?, ?, ?) RETURNING id");
    if (!st)
        return db_fail(g->d, e, "add a demo participant");
    k->key = arena_printf(g->a, "%s-%04zu", prefix, g->npeople + 1);
    db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, k->key);
    db_bind_text(st, 3, stamp(g, day, "20:00"));
    hh_err rc = run(g, st, &k->id, e, "add a demo participant");
    if (!rc)
        *idx = g->npeople++;
    return rc;
}

static hh_err insert_counts(gen *g, int64_t sid, int counts[NG][NA], hh_error *e)
{
    for (int i = 0; i < NG; i++)
        for (int j = 0; j < NA; j++)
            if (counts[i][j] > 0) {
                bv_int(g, BT_COUNT, sid);
                bv_text(g, BT_COUNT, gender_code[i]);
                bv_text(g, BT_COUNT, age_code[j]);
                bv_int(g, BT_COUNT, counts[i][j]);
                g->counts++;
                hh_err rc = batch_row(g, BT_COUNT, e);
                if (rc)
                    return rc;
            }
    return HH_OK;
}

static hh_err insert_keys(gen *g, int64_t sid, const int64_t *ids, size_t n, hh_error *e)
{
    for (size_t i = 0; i < n; i++) {
        bv_int(g, BT_KEY, sid);
        bv_int(g, BT_KEY, ids[i]);
        hh_err rc = batch_row(g, BT_KEY, e);
        if (rc)
            return rc;
    }
    return HH_OK;
}

static const char *const session_notes[] = {
    "",
    "",
    "",
    "",
    "",
    "",
    "Regnvejr, færre end sædvanligt.",
    "To nye kom med en nabo.",
    "Frugt og vand bagefter.",
    "God stemning.",
    "Lokalet var dobbeltbooket, vi flyttede.",
    "Instruktøren var syg, en frivillig tog over.",
};

static const char *key_of(gen *g, int64_t participant_id)
{
    for (size_t i = 0; i < g->npeople; i++)
        if (g->people[i].id == participant_id)
            return g->people[i].key;
    return "";
}

/* Every session of the activity from its first day up to yesterday (or
 * its stop), following the schedule without the exceptions; at most
 * `cap` sessions (the latest ones) when cap > 0. */
static hh_err make_sessions(gen *g, made_act *m, const char *key_prefix, const char *user_name, int cap,
                            int64_t domain_from, hh_error *e)
{
    const act_tpl *t = m->t;
    if (m->first_day < 0 || m->first_day > g->yesterday)
        return HH_OK;
    int64_t to = g->yesterday;
    if (m->last_day >= 0 && m->last_day < to)
        to = m->last_day;
    if (m->stop_day >= 0 && m->stop_day < to)
        to = m->stop_day;
    if (m->plan_end >= 0 && m->plan_end < to)
        to = m->plan_end;
    int64_t *days;
    size_t n;
    if (t->annual) {
        /* Once a year on the first date's month and day. */
        int fy, fm, fd;
        civil_from_days(m->first_day, &fy, &fm, &fd);
        days = arena_alloc(g->a, 64 * sizeof *days);
        n = 0;
        for (int y = fy; n < 64; y++) {
            /* The same weekday in the same week of the month (the first
             * Saturday of October). */
            int64_t day = days_from_civil(y, fm, (fd - 1) / 7 * 7 + 1);
            day += ((m->first_day + 4) % 7 - (day + 4) % 7 + 7) % 7;
            if (day > to)
                break;
            days[n++] = day;
        }
    } else {
        n = schedule_days(g->a, m->schedule, m->first_day, to, &days);
    }
    size_t from = 0;
    if (cap > 0 && n > (size_t)cap)
        from = n - (size_t)cap;
    pool_member *pool = NULL;
    size_t npool = 0, cap_pool = 0;
    size_t held = 0;
    for (size_t i = from; i < n; i++) {
        const char *hol = "";
        int64_t day = days[i];
        if (!t->annual && strcmp(m->schedule, "one_off") != 0 && day != m->first_day && holiday(day, &hol))
            continue;
        /* Not every meeting is registered; fewer after "wait and see". */
        if (held > 0 && !t->annual && U(g) < (m->wait_day >= 0 && day >= m->wait_day ? 0.45 : 0.04))
            continue;
        int yy, mm, dd;
        civil_from_days(day, &yy, &mm, &dd);
        double months = (double)(day - m->first_day) / 30.4;
        double ramp = t->annual ? 0.8 + 0.1 * (double)held : fmin(1.0, 0.45 + months / 8.0);
        double season = (mm == 6 || mm == 8) ? 0.8 : (mm == 1 || mm == 2) ? 0.9 : 1.0;
        if (m->wait_day >= 0 && day >= m->wait_day)
            season *= 0.6;
        double mean = t->size * ramp * season;
        int target = (int)lround(mean * (0.65 + 0.7 * U(g)) + demo_rng_normal(&g->r) * 0.8);
        if (target < 1)
            target = 1;
        int counts[NG][NA] = { { 0 } };
        int participants = 0, fresh = 0;
        int64_t *ids = NULL;
        size_t nids = 0;
        hh_err rc;
        if (t->keyed) {
            /* The regulars come with their own chance; the rest are new to
             * the activity (some of them known from the plan's other
             * activities). */
            ids = arena_alloc(g->a, (size_t)(target + npool + 1) * sizeof *ids);
            for (size_t k = 0; k < npool && (int)nids < target; k++) {
                size_t pick = (size_t)B(g, (int)k, (int)npool - 1);
                pool_member tmp = pool[k];
                pool[k] = pool[pick];
                pool[pick] = tmp;
                if (U(g) < pool[k].p) {
                    keyed_person *p = &g->people[pool[k].person];
                    ids[nids++] = p->id;
                    counts[p->gender][p->age]++;
                }
            }
            int want_new = target - (int)nids;
            if (npool > 0 && want_new > 0 && U(g) < 0.5)
                want_new = want_new > 1 ? B(g, 0, want_new) : 0;
            for (int k = 0; k < want_new; k++) {
                size_t idx = 0;
                bool reuse = false;
                /* A participant of another activity of the plan? */
                if (g->npeople > npool + 5 && U(g) < 0.25) {
                    idx = (size_t)B(g, 0, (int)g->npeople - 1);
                    reuse = true;
                    for (size_t q = 0; q < npool && reuse; q++)
                        if (pool[q].person == idx)
                            reuse = false;
                    if (reuse && profiles[t->profile][g->people[idx].gender][g->people[idx].age] <= 0)
                        reuse = false;
                }
                if (!reuse && (rc = new_person(g, m->plan_id, key_prefix, t->profile, day, &idx, e)))
                    return rc;
                if (npool == cap_pool) {
                    size_t c2 = cap_pool ? 2 * cap_pool : 32;
                    pool = arena_grow(g->a, pool, cap_pool * sizeof *pool, c2 * sizeof *pool);
                    cap_pool = c2;
                }
                pool[npool++] = (pool_member){ idx, 0.25 + 0.65 * U(g) };
                keyed_person *p = &g->people[idx];
                ids[nids++] = p->id;
                counts[p->gender][p->age]++;
                fresh++;
            }
            participants = (int)nids;
            /* Some regulars drift away. */
            for (size_t k = 0; k < npool; k++)
                if (U(g) < 0.01)
                    pool[k].p *= 0.3;
        } else {
            for (int k = 0; k < target; k++) {
                int gi, ai;
                draw_cell(g, t->profile, &gi, &ai);
                counts[gi][ai]++;
            }
            participants = target;
            double rate = t->annual ? 0.45 : 0.05 + 0.8 * exp(-(double)held / 4.0);
            fresh = (int)lround(participants * rate + demo_rng_normal(&g->r) * 0.7);
            if (held == 0)
                fresh = participants;
            if (fresh < 0)
                fresh = 0;
            if (fresh > participants)
                fresh = participants;
        }
        if (participants == 0)
            continue;
        int vol = t->volunteers > 0 ? B(g, t->volunteers > 1 ? t->volunteers - 1 : 0, t->volunteers + 1) : 0;
        const char *note = U(g) < 0.12 ? session_notes[B(g, 0, (int)HH_ARRAY_LEN(session_notes) - 1)] : "";
        if (domain_from >= 0 && day >= domain_from) {
            /* The latest sessions go through the domain, as the phone form
             * would save them. */
            act_session s = { .activity_id = m->id,
                              .date = iso(g, day),
                              .start_time = t->start_time,
                              .new_participants = nids ? 0 : fresh,
                              .volunteers = vol,
                              .note = note,
                              /* as the phone form sends it */
                              .client_token = arena_printf(g->a, "demo-%lld-%s", (long long)m->id, iso(g, day)) };
            memcpy(s.counts, counts, sizeof s.counts);
            if (nids) {
                const char **keys = arena_alloc(g->a, nids * sizeof *keys);
                for (size_t k = 0; k < nids; k++)
                    keys[k] = key_of(g, ids[k]);
                s.keys = keys;
                s.nkeys = nids;
            }
            if (g->ndeferred == g->cap_deferred) {
                size_t c2 = g->cap_deferred ? 2 * g->cap_deferred : 64;
                g->deferred =
                    arena_grow(g->a, g->deferred, g->cap_deferred * sizeof *g->deferred, c2 * sizeof *g->deferred);
                g->cap_deferred = c2;
            }
            g->deferred[g->ndeferred++] = s;
            held++;
            g->sessions++;
            continue;
        }
        int64_t sid = g->next_session_id++;
        bv_int(g, BT_SESSION, sid);
        bv_int(g, BT_SESSION, m->id);
        bv_text(g, BT_SESSION, iso(g, day));
        bv_text(g, BT_SESSION, t->start_time);
        bv_int(g, BT_SESSION, participants);
        bv_int(g, BT_SESSION, fresh);
        bv_int(g, BT_SESSION, vol);
        bv_text(g, BT_SESSION, note);
        bv_text(g, BT_SESSION, user_name);
        bv_text(g, BT_SESSION, stamp(g, day + (U(g) < 0.2 ? 1 : 0), "20:15"));
        if ((rc = batch_row(g, BT_SESSION, e)))
            return rc;
        if ((rc = insert_counts(g, sid, counts, e)))
            return rc;
        if (nids && (rc = insert_keys(g, sid, ids, nids, e)))
            return rc;
        held++;
        g->sessions++;
    }
    return HH_OK;
}

/* ---- involvement (002 §4.3) ---- */

enum { T_RJ, T_RR, T_PJ, T_PI, T_NONE, NTYPES };
enum { PH_KNOWLEDGE, PH_IDEAS, PH_PLANNING, PH_IMPLEMENTATION, PH_ANCHORING, PH_EVALUATION, NPHASES };
static const char *const inv_code[NTYPES] = { "resident_initiative_joint", "resident_initiative_resident",
                                              "professional_initiative_joint", "professionals_inform", "none" };
static const char *const phase_code[NPHASES] = { "knowledge",      "ideas",     "planning",
                                                 "implementation", "anchoring", "evaluation" };

/* Chances of each type by who drives the activity (professionals,
 * residents) and phase, after 002 §4.3: knowledge gathering hardly involves
 * residents (they are informed, answer surveys: much "none" and "inform"),
 * ideas vary, planning is mostly led by staff ("inform" common),
 * implementation is high, anchoring a priority but fragile, evaluation low
 * (counting involves residents little). The resident initiative types sit
 * in implementation and anchoring. */
static const double inv_p[2][NPHASES][NTYPES] = {
    { { 0.00, 0.00, 0.05, 0.40, 0.55 },
      { 0.10, 0.00, 0.35, 0.30, 0.25 },
      { 0.05, 0.00, 0.25, 0.55, 0.15 },
      { 0.25, 0.05, 0.45, 0.20, 0.05 },
      { 0.15, 0.05, 0.25, 0.25, 0.30 },
      { 0.00, 0.00, 0.10, 0.35, 0.55 } },
    { { 0.05, 0.00, 0.10, 0.45, 0.40 },
      { 0.35, 0.20, 0.25, 0.12, 0.08 },
      { 0.20, 0.05, 0.25, 0.45, 0.05 },
      { 0.45, 0.40, 0.15, 0.00, 0.00 },
      { 0.35, 0.40, 0.10, 0.05, 0.10 },
      { 0.05, 0.00, 0.15, 0.40, 0.40 } },
};

/* A type for a phase in a year; maturity (0 in the plan's first year, 1
 * five years on) moves weight from "inform" and "none" to the resident
 * initiative types: 002 describes residents taking over as a plan matures. */
static int draw_type(gen *g, bool resident, int phase, double maturity)
{
    static const double grow[NTYPES] = { 1, 1, 0, -1, -1 };
    double w[NTYPES], sum = 0;
    for (int t = 0; t < NTYPES; t++) {
        w[t] = inv_p[resident][phase][t] * (1.0 + 0.6 * grow[t] * (2.0 * maturity - 1.0));
        sum += w[t];
    }
    double x = U(g) * sum;
    for (int t = 0; t < NTYPES; t++) {
        x -= w[t];
        if (x < 0)
            return t;
    }
    return T_NONE;
}

/* A Hart rung that fits the type (0: not given). */
static int hart_for(gen *g, int type)
{
    switch (type) {
    case T_RJ: return 8;
    case T_RR: return 7;
    case T_PJ: return 6;
    case T_PI: return B(g, 4, 5);
    default: return B(g, 1, 3);
    }
}

/* Short answers for activity-level records. */
static const char *const act_answer_involved[NTYPES] = {
    "Ja, beboerne tog initiativet, og vi besluttede sammen.",
    "Ja, beboerne besluttede selv.",
    "Ja, vi foreslog det, og beboerne var med til at beslutte.",
    "Beboerne blev informeret og kunne sige ja eller nej.",
    "Nej, ikke i denne fase.",
};
static const char *const act_answer_worked[NPHASES] = {
    "En snak ved pølsevognen i gården.",
    "Post-its og klistermærker på workshoppen.",
    "Et kort møde med de frivillige om tidspunkt og sted.",
    "De frivillige har selv nøglen til lokalet.",
    "Kursus i foreningsdannelse og hjælp til budgettet.",
    "En kort snak med deltagerne efter sidste gang.",
};
static const char *const act_answer_hard[NPHASES] = {
    "At nå dem, der ikke kommer i forvejen.", "At skelne ønsker fra tilbud, der allerede findes.",
    "Lokalebooking og indkøb endte hos os.",  "Når instruktøren er syg, aflyses det hele.",
    "Ingen vil stå med ansvaret alene.",      "Optælling opleves som bureaukrati.",
};

static hh_err insert_involvement(gen *g, int64_t plan_id, int64_t activity_id, int year, int phase, int type, int rung,
                                 const char *const answers[5], const char *user_name, hh_error *e)
{
    bv_int(g, BT_INVOLVEMENT, plan_id);
    if (activity_id)
        bv_int(g, BT_INVOLVEMENT, activity_id);
    else
        bv_null(g, BT_INVOLVEMENT);
    bv_int(g, BT_INVOLVEMENT, year);
    bv_text(g, BT_INVOLVEMENT, phase_code[phase]);
    bv_text(g, BT_INVOLVEMENT, inv_code[type]);
    if (rung)
        bv_int(g, BT_INVOLVEMENT, rung);
    else
        bv_null(g, BT_INVOLVEMENT);
    for (int q = 0; q < 5; q++)
        bv_text(g, BT_INVOLVEMENT, answers && answers[q] ? answers[q] : "");
    bv_text(g, BT_INVOLVEMENT, user_name);
    bv_text(g, BT_INVOLVEMENT, stamp(g, days_from_civil(year, 12, 10), "14:00"));
    return batch_row(g, BT_INVOLVEMENT, e);
}

/* Involvement of one activity per year of its life and the phases that
 * year saw. */
static hh_err activity_involvement(gen *g, const made_act *m, double answer_chance, const char *user_name, hh_error *e)
{
    int y0 = year_of(m->idea_day);
    int64_t end = m->outcome_day >= 0 ? m->outcome_day : m->last_day >= 0 ? m->last_day : g->today;
    if (end > g->today)
        end = g->today;
    int y1 = year_of(end);
    int start_year = m->first_day >= 0 && m->first_day <= g->today ? year_of(m->first_day) : 0;
    int outcome_year = m->outcome_day >= 0 ? year_of(m->outcome_day) : 0;
    for (int y = y0; y <= y1; y++) {
        bool ph[NPHASES] = { false };
        if (y == y0) {
            ph[PH_KNOWLEDGE] = ph[PH_IDEAS] = true;
            ph[PH_PLANNING] = strcmp(m->status, "idea") != 0;
        }
        if (start_year && y >= start_year) {
            ph[PH_IMPLEMENTATION] = ph[PH_EVALUATION] = true;
            if (y == start_year)
                ph[PH_PLANNING] = true;
            ph[PH_ANCHORING] = y == outcome_year || (y > start_year && U(g) < 0.3);
        }
        for (int p = 0; p < NPHASES; p++) {
            if (!ph[p])
                continue;
            double maturity = (double)(y - m->plan_year0) / 5.0;
            maturity = maturity < 0 ? 0 : maturity > 1 ? 1 : maturity;
            int type = draw_type(g, m->resident_driven, p, maturity);
            if (p == PH_ANCHORING && y == outcome_year) {
                if (!strcmp(m->status, "run_by_residents"))
                    type = T_RR;
                else if (!strcmp(m->status, "handed_to_partner"))
                    type = U(g) < 0.5 ? T_PJ : T_PI;
                else if (!strcmp(m->status, "stopped"))
                    type = U(g) < 0.6 ? T_NONE : T_PI;
            }
            const char *ans[5] = { NULL };
            if (U(g) < answer_chance) {
                ans[0] = act_answer_involved[type];
                if (type != T_NONE)
                    ans[3] = act_answer_worked[p];
                if (U(g) < 0.5)
                    ans[4] = act_answer_hard[p];
            }
            hh_err rc = insert_involvement(g, m->plan_id, m->id, y, p, type, U(g) < 0.4 ? hart_for(g, type) : 0, ans,
                                           user_name, e);
            if (rc)
                return rc;
        }
    }
    return HH_OK;
}

/* Plan 1's reflections on the five questions, per phase. */
static const char *const plan1_answers[NPHASES][5] = {
    { "Kun lidt. Beboerne svarede på beboerundersøgelsen og blev informeret på afdelingsmødet.",
      "Informanter: de fortalte om hverdagen i bebyggelsen, når vi bankede på.",
      "Sekretariatet, afdelingsbestyrelsen og kommunens sundhedsprofil.",
      "Dør-til-dør i gule veste og hjælp til at udfylde skemaet; de fleste ville gerne have hjælp.",
      "At nå dem, der ikke åbner døren, og at tale et hverdagssprog uden fagord." },
    { "Ja, på to workshops med plakater, post-its og klistermærker og via det åbne kontor.",
      "Idémagere: beboerne kom med forslag, som vi sorterede sammen med bestyrelsen.",
      "Beboere, afdelingsbestyrelsen, skolen og frivilligcentret.",
      "Pølsevognen i gårdene gav flere idéer end møderne; folk stoppede op og snakkede.",
      "Mange idéer kopierede tilbud, der allerede findes. Vi spurgte: hvem efterspørger det?" },
    { "Delvist. De, der meldte sig som frivillige, var med til et til tre planlægningsmøder.",
      "Medplanlæggere på de enkle aktiviteter; på de faglige forløb blev de spurgt om tid og sted.",
      "Medarbejdere, frivillige, sundhedscentret og idrætsforeningen.",
      "Korte møder med en konkret dagsorden og klare aftaler om, hvem der gør hvad.",
      "Ansøgninger, lokalebooking og budgetter tager tid og ender ofte hos os." },
    { "Ja, i høj grad. Frivillige og instruktører står for mange af aktiviteterne.",
      "Værter, instruktører og tovholdere; vi er praktiske grise og støtter i baggrunden.",
      "Frivillige, ildsjæle, sundhedsambassadører og samarbejdspartnere.",
      "Anerkendelse, socialt samvær efter aktiviteten og SMS-påmindelser.",
      "Frivillige, der brænder ud, og konflikter, der skal mægles i." },
    { "Ja, men det er skrøbeligt. Nogle aktiviteter drives nu af beboerne selv.",
      "Ejere: løbeklubben er blevet en forening, byttebutikken drives af frivillige.",
      "Beboerforeningen, idrætsforeningen, frivilligcentret og sundhedscentret.",
      "Kurser i foreningsdannelse og budget, og at vi trak os gradvist.",
      "At beslutte, hvad der skal falde: det, der ikke kan stå selv, må falde." },
    { "Lidt. Beboerne tæller og fortæller, men evalueringen skrives af medarbejderne.",
      "Informanter i samtaler og på evalueringsmødet i december.", "Medarbejdere, frivillige og styregruppen.",
      "Korte samtaler efter aktiviteterne giver mere end skemaer.",
      "Optællinger føles som bureaukrati, og tallene siger ikke alt om udbyttet." },
};

static hh_err plan1_involvement(gen *g, hh_error *e)
{
    /* year, phase, type */
    static const struct {
        int year, phase, type;
    } rows[] = {
        { 2022, PH_KNOWLEDGE, T_PI },      { 2022, PH_IDEAS, T_RJ },      { 2022, PH_PLANNING, T_PJ },
        { 2023, PH_KNOWLEDGE, T_PI },      { 2023, PH_IDEAS, T_RJ },      { 2023, PH_PLANNING, T_PJ },
        { 2023, PH_IMPLEMENTATION, T_PJ }, { 2023, PH_EVALUATION, T_PI }, { 2024, PH_IDEAS, T_PJ },
        { 2024, PH_IMPLEMENTATION, T_RJ }, { 2024, PH_ANCHORING, T_PJ },  { 2024, PH_EVALUATION, T_PI },
        { 2025, PH_KNOWLEDGE, T_PI },      { 2025, PH_IDEAS, T_RJ },      { 2025, PH_IMPLEMENTATION, T_RJ },
        { 2025, PH_ANCHORING, T_RJ },      { 2025, PH_EVALUATION, T_PJ }, { 2026, PH_IMPLEMENTATION, T_RR },
        { 2026, PH_ANCHORING, T_RJ },      { 2026, PH_EVALUATION, T_PJ }, { 2027, PH_ANCHORING, T_RR },
        { 2027, PH_EVALUATION, T_PJ },
    };
    for (size_t i = 0; i < HH_ARRAY_LEN(rows); i++) {
        if (rows[i].year > g->today_year)
            continue;
        /* Through the domain (involvement_put), which checks the codes. */
        int phase = code_index(phase_code[rows[i].phase], inv_phase_code, PHASE_COUNT),
            type = code_index(inv_code[rows[i].type], inv_type_code, INV_COUNT);
        if (phase < 0 || type < 0)
            return hh_fail(e, HH_ERR_INTERNAL, NULL, "demo involvement: a code the domain does not know");
        involvement v = { .plan_id = 1,
                          .year = rows[i].year,
                          .phase = (inv_phase)phase,
                          .type = (inv_type)type,
                          .hart_rung = hart_for(g, rows[i].type) };
        for (int q = 0; q < INV_QUESTIONS && q < 5; q++)
            v.answers[q] = plan1_answers[rows[i].phase][q];
        hh_err rc = involvement_put(g->d, NULL, g->a, &v, e);
        if (rc)
            return rc;
    }
    return HH_OK;
}

/* ---- outreach, roles, courses, stories ---- */

static hh_err insert_outreach(gen *g, int64_t plan_id, int64_t activity_id, int64_t day, const char *method,
                              int contacts, const char *note, const char *user_name, hh_error *e)
{
    if (day > g->yesterday || contacts <= 0)
        return HH_OK;
    bv_int(g, BT_OUTREACH, plan_id);
    if (activity_id)
        bv_int(g, BT_OUTREACH, activity_id);
    else
        bv_null(g, BT_OUTREACH);
    bv_text(g, BT_OUTREACH, iso(g, day));
    bv_text(g, BT_OUTREACH, method);
    bv_int(g, BT_OUTREACH, contacts);
    bv_text(g, BT_OUTREACH, note);
    bv_text(g, BT_OUTREACH, user_name);
    bv_text(g, BT_OUTREACH, stamp(g, day, "16:00"));
    return batch_row(g, BT_OUTREACH, e);
}

static const char *const role_code[] = {
    "volunteer",  "ildsjael",           "stair_ambassador", "health_ambassador", "neighbourhood_mother",
    "instructor", "association_member", "community_agent"
};
enum { NROLES = 8 };

static hh_err insert_roles(gen *g, int64_t plan_id, int year, const int n[NROLES], hh_error *e)
{
    for (int r = 0; r < NROLES; r++) {
        if (n[r] <= 0)
            continue;
        bv_int(g, BT_ROLE, plan_id);
        bv_int(g, BT_ROLE, year);
        bv_text(g, BT_ROLE, role_code[r]);
        bv_int(g, BT_ROLE, n[r]);
        hh_err rc = batch_row(g, BT_ROLE, e);
        if (rc)
            return rc;
    }
    return HH_OK;
}

static hh_err insert_course(gen *g, int64_t plan_id, int year, const char *kind, const char *title, int completed,
                            bool diploma, hh_error *e)
{
    db_stmt *st = prep(g, "INSERT INTO plan_course (plan_id, year, kind, title, completed, diploma)"
                          " VALUES (?, ?, ?, ?, ?, ?)");
    if (!st)
        return db_fail(g->d, e, "add a demo course");
    db_bind_int64(st, 1, plan_id);
    db_bind_int64(st, 2, year);
    db_bind_text(st, 3, kind);
    db_bind_text(st, 4, title);
    db_bind_int64(st, 5, completed);
    db_bind_int64(st, 6, diploma);
    return run(g, st, NULL, e, "add a demo course");
}

static hh_err insert_story(gen *g, int64_t activity_id, int64_t day, const char *kind, const char *title,
                           const char *body, bool in_report, const char *user_name, hh_error *e)
{
    if (day > g->yesterday)
        return HH_OK;
    db_stmt *st = prep(g, "INSERT INTO activity_story (activity_id, date, kind, title, body, in_report, user_name,"
                          " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return db_fail(g->d, e, "add a demo story");
    db_bind_int64(st, 1, activity_id);
    db_bind_text(st, 2, iso(g, day));
    db_bind_text(st, 3, kind);
    db_bind_text(st, 4, title);
    db_bind_text(st, 5, body);
    db_bind_int64(st, 6, in_report);
    db_bind_text(st, 7, user_name);
    db_bind_text(st, 8, stamp(g, day, "15:30"));
    return run(g, st, NULL, e, "add a demo story");
}

/* ---- plan 1 ---- */

static const char *const PLAN1_USER = "Pia Planlægger";

/* Plan 1's stories: activity (index into plan1_acts), date, kind, title,
 * body, for the report. They paraphrase source 002's findings. */
static const struct {
    size_t act;
    const char *date, *kind, *title, *body;
    bool in_report;
} plan1_stories[] = {
    { 0, "2023-06-20", "story", "To løbere er også en succes",
      "En regnvejrstirsdag kom kun to løbere. Den ene havde knap været uden for lejligheden i månedsvis og løb sin "
      "første runde om søen. Vi ser deltagertallet i et større perspektiv: for hende var det et stort skridt.",
      true },
    { 1, "2023-09-21", "story", "Maden som trækplaster",
      "Fællesspisningen samler naboer på tværs af alder og baggrund. Mange kommer for maden og bliver for snakken, "
      "og flere har siden meldt sig som frivillige i køkkenet.",
      true },
    { 6, "2023-11-27", "story", "Et rum med gardiner for",
      "Holdet flyttede ind i gymnastiksalen med låst dør og gardiner for vinduerne. Siden er flere kvinder med "
      "tørklæde kommet med, og en af deltagerne uddanner sig nu selv til instruktør.",
      true },
    { 12, "2024-02-15", "story", "Forældrene kom med børnene",
      "Gennem lektiecaféen har vi fået kontakt til forældre, vi ellers ikke møder. Flere af dem kommer nu også til "
      "fællesspisningen.",
      false },
    { 3, "2024-08-15", "evaluation", "Sundhedscentret overtager uddannelsen",
      "Elleve beboere fik diplom ved en dimissionsfest. Sundhedscentret driver nu uddannelsen videre, og "
      "ambassadørerne fortæller om kost og motion i deres opgange.",
      true },
    { 4, "2024-10-05", "story", "Blodtryk og en snak",
      "Ingen test uden en samtale: sygeplejersken målte blodtryk og talte bagefter om søvn, mad og rygning. Flere "
      "mænd spurgte til løbeklubben og mødestedet, og patientforeningen fik nye kontakter.",
      true },
    { 9, "2024-11-19", "story", "Værkstedet som mødested",
      "Mændene kommer for at reparere cykler og brygge kaffe. Snakken om helbred og job kommer af sig selv, når "
      "hænderne har noget at lave.",
      true },
    { 11, "2025-04-01", "evaluation", "Frivillige overtager byttebutikken",
      "Fem frivillige har lavet en vagtplan og står nu selv for byttebutikken. Vi hjælper med lokalet og tager "
      "skyggerollen.",
      false },
    { 10, "2025-03-11", "story", "Dagsorden og mødetid",
      "Bydelsmødrene har lært at skrive en dagsorden, indkalde til møder og komme til tiden. Nu holder de selv "
      "cafémøder for nye mødre i bydelen.",
      true },
    { 8, "2025-06-25", "evaluation", "Vægtholdet stopper",
      "Holdet kunne ikke stå på egne ben uden diætisten, og fremmødet svingede meget. Vi stopper det og henviser "
      "til sundhedscentrets tilbud; to deltagere fortsætter i løbeklubben.",
      true },
    { 2, "2025-08-20", "evaluation", "Morgenmad og en gåtur",
      "Morgenmadscaféen får en kort gåtur efter maden. Deltagerne foreslog det selv, og de frivillige værter går "
      "forrest.",
      false },
    { 0, "2025-09-01", "evaluation", "Løbeklubben er blevet en forening",
      "Efter et kursus i foreningsdannelse har fire løbere stiftet en forening. Vi hjælper med lokaler og udstyr, "
      "men resten står de selv for.",
      true },
    { 13, "2025-12-12", "evaluation", "Rolige fredagsaftener",
      "SSP og idrætsforeningen oplever færre episoder i gårdene fredag aften. De unge hjælper selv med at sætte "
      "målene op og rydde banen.",
      true },
    { 9, "2026-03-03", "story", "Mødestedet kører selv",
      "Ildsjælen i værkstedet har nu nøglen og en lille kasse til kaffe og reservedele. Vi kommer forbi en gang om "
      "måneden.",
      true },
    { 7, "2026-06-05", "evaluation", "Færre mødre efter sundhedsplejersken stoppede",
      "Sundhedsplejersken stoppede i foråret, og fremmødet faldt. Vi ser tiden an til efteråret og spørger mødrene, "
      "hvilket tidspunkt der passer dem.",
      false },
    { 13, "2026-08-21", "story", "Sommerturnering på multibanen",
      "Tolv hold spillede sommerturnering; de ældste unge var dommere, og forældrene stod for grillen.", true },
    { 5, "2026-09-17", "story", "Kaffe efter gymnastikken",
      "Flere af de ældre siger, at det vigtigste er kaffen og snakken bagefter. To af dem har fået en fast "
      "gåmakker.",
      true },
};

static hh_err plan1_outreach(gen *g, const made_act *acts, hh_error *e)
{
    hh_err rc = HH_OK;
    /* Door to door at the start, and again after a change of staff. */
    static const struct {
        const char *date;
        int contacts;
        const char *note;
    } doors[] = {
        { "2023-01-16", 85, "Introduktionsfolder omdelt i blok 1-3, med tolk." },
        { "2023-01-23", 92, "Blok 4-6; mange spurgte til lektiecaféen." },
        { "2023-02-06", 77, "Blok 7-9." },
        { "2023-02-20", 64, "Opfølgning hos dem, der ikke var hjemme." },
        { "2025-02-03", 110, "Ny runde efter medarbejderskifte, med beboerundersøgelsen." },
        { "2025-02-10", 96, "Beboerundersøgelsen, blok 5-9." },
    };
    int door = code_index("door_to_door", outreach_method_code, OUT_COUNT);
    if (door < 0)
        return hh_fail(e, HH_ERR_INTERNAL, NULL, "demo outreach: a code the domain does not know");
    for (size_t i = 0; i < HH_ARRAY_LEN(doors) && !rc; i++) {
        int64_t day = parse_day(doors[i].date);
        if (day > g->yesterday)
            continue;
        /* Through the domain (outreach_put). */
        outreach o = { .plan_id = 1,
                       .date = iso(g, day),
                       .method = (outreach_method)door,
                       .contacts = doors[i].contacts,
                       .note = doors[i].note };
        rc = outreach_put(g->d, NULL, g->a, &o, e);
    }
    rc = rc ? rc
            : insert_outreach(g, 1, acts[10].id, parse_day("2023-09-12"), "target_group_places", 14,
                              "Besøg på sprogskolen med tolk.", PLAN1_USER, e);
    /* Month by month since the start. */
    for (int64_t month = 0; !rc; month++) {
        int y = 2023 + (int)(month / 12), m = (int)(month % 12) + 1;
        int64_t base = days_from_civil(y, m, 1);
        if (base > g->yesterday)
            break;
        rc = insert_outreach(g, 1, 0, base + B(g, 2, 25), "via_caretaker", B(g, 2, 7),
                             "Viceværten henviste beboere til det åbne kontor.", PLAN1_USER, e);
        if (!rc)
            rc = insert_outreach(g, 1, 0, base + B(g, 2, 25), "open_office", B(g, 8, 30), "", PLAN1_USER, e);
        if (!rc && m % 3 == 1)
            rc = insert_outreach(g, 1, acts[14].id, base + B(g, 2, 25), "via_partner", B(g, 3, 10),
                                 "Jobcentret henviste borgere til jobcaféen.", PLAN1_USER, e);
        if (!rc && (y > 2023 || m >= 10))
            rc = insert_outreach(g, 1, U(g) < 0.5 ? acts[10].id : 0, base + B(g, 2, 25), "resident_to_resident",
                                 B(g, 5, 20), "Bydelsmødre og opgangsambassadører inviterede naboer.", PLAN1_USER, e);
        if (!rc && U(g) < 0.4)
            rc = insert_outreach(g, 1, acts[1].id, base + B(g, 2, 25), "phone_sms", B(g, 20, 45),
                                 "SMS-påmindelse før fællesspisningen.", PLAN1_USER, e);
        if (!rc && U(g) < 0.25)
            rc = insert_outreach(g, 1, 0, base + B(g, 2, 25), "at_activities", B(g, 3, 12),
                                 "Deltagere i fællesspisningen inviteret til andre aktiviteter.", PLAN1_USER, e);
        if (!rc && m == 5)
            rc = insert_outreach(g, 1, 0, days_from_civil(y, 5, 24), "event_stand", B(g, 60, 130),
                                 "Pølsevogn og stand i gårdene.", PLAN1_USER, e);
        if (!rc && m == 9 && y >= 2024)
            rc = insert_outreach(g, 1, acts[4].id, days_from_civil(y, 9, 20), "via_partner", B(g, 10, 25),
                                 "Patientforeningen og idrætsforeningen delte invitationer ud.", PLAN1_USER, e);
    }
    return rc;
}

static hh_err plan1_roles_courses(gen *g, hh_error *e)
{
    /* volunteer, ildsjael, stair, health amb., neighbourhood mother, instructor, association member, agent */
    static const int roles[][NROLES] = {
        { 14, 2, 0, 0, 6, 1, 0, 0 },
        { 24, 3, 12, 11, 8, 3, 0, 2 },
        { 31, 4, 20, 10, 9, 4, 14, 3 },
        { 35, 5, 22, 17, 10, 5, 18, 4 },
    };
    hh_err rc = HH_OK;
    for (int y = 2023; y <= g->today_year && y <= 2027 && !rc; y++) {
        size_t i = (size_t)(y - 2023) < HH_ARRAY_LEN(roles) ? (size_t)(y - 2023) : HH_ARRAY_LEN(roles) - 1;
        int64_t n[RR_COUNT] = { 0 };
        for (int r = 0; r < NROLES; r++) {
            int k = code_index(role_code[r], resident_role_code, RR_COUNT);
            if (k < 0)
                return hh_fail(e, HH_ERR_INTERNAL, NULL, "demo roles: a code the domain does not know");
            n[k] = roles[i][r];
        }
        rc = resident_roles_put(g->d, NULL, 1, y, n, e);
    }
    static const struct {
        int year;
        const char *kind, *title;
        int completed;
        bool diploma;
    } courses[] = {
        { 2023, "neighbourhood_mother", "Bydelsmødreuddannelse", 6, true },
        { 2024, "ambassador", "Sundhedsambassadøruddannelse, hold 1", 11, true },
        { 2024, "instructor", "Zumbainstruktøruddannelse", 2, true },
        { 2024, "budget", "Budgetkursus for frivillige", 5, false },
        { 2025, "association", "Foreningsdannelse for løbeklubben", 4, false },
        { 2025, "volunteering", "Kursus i frivillighed", 9, true },
        { 2025, "project_management", "Kursus i projektstyring", 2, false },
        { 2026, "ambassador", "Sundhedsambassadøruddannelse, hold 2 (sundhedscentret)", 8, true },
        { 2026, "other", "Førstehjælp for frivillige", 12, true },
    };
    for (size_t i = 0; i < HH_ARRAY_LEN(courses) && !rc; i++) {
        int kind = code_index(courses[i].kind, course_kind_code, COURSE_COUNT);
        if (kind < 0)
            return hh_fail(e, HH_ERR_INTERNAL, NULL, "demo course '%s': unknown kind", courses[i].title);
        if (courses[i].year > g->today_year)
            continue;
        plan_course c = { .plan_id = 1,
                          .year = courses[i].year,
                          .kind = (course_kind)kind,
                          .title = courses[i].title,
                          .completed = courses[i].completed,
                          .diploma = courses[i].diploma };
        rc = plan_course_put(g->d, NULL, g->a, &c, e);
    }
    return rc;
}

static hh_err plan_one(gen *g, hh_error *e)
{
    int64_t exists = 0;
    if (!db_query_int64(g->d, "SELECT COUNT(*) FROM plan WHERE id = 1", &exists) || !exists)
        return HH_OK;
    made_act acts[NPLAN1];
    hh_err rc = HH_OK;
    int64_t plan_end = -1, plan_start = -1;
    db_stmt *pe = prep(g, "SELECT end_date, start_date FROM plan WHERE id = 1");
    if (pe && db_step(pe) == DB_ROW) {
        plan_end = parse_day(db_col_text(pe, 0));
        plan_start = parse_day(db_col_text(pe, 1));
    }
    if (pe)
        db_done(pe);
    for (size_t i = 0; i < NPLAN1 && !rc; i++) {
        const act_tpl *t = &plan1_acts[i];
        made_act *m = &acts[i];
        *m = (made_act){ .t = t,
                         .plan_id = 1,
                         .first_day = -1,
                         .last_day = -1,
                         .stop_day = -1,
                         .wait_day = -1,
                         .outcome_day = -1,
                         .plan_end = -1,
                         .schedule = t->schedule };
        tpl_status hist[5];
        int64_t hd[5];
        size_t nh = 0;
        for (size_t k = 0; k < 5 && t->hist[k].status; k++) {
            int64_t day = parse_day(t->hist[k].date);
            if (day > g->today)
                break;
            hist[nh] = t->hist[k];
            hd[nh++] = day;
        }
        if (!nh) {
            hist[0] = (tpl_status){ "idea", NULL };
            hd[nh++] = g->today;
        }
        m->idea_day = hd[0];
        m->plan_end = plan_end;
        m->plan_year0 = plan_start >= 0 ? year_of(plan_start) : year_of(g->today) - 5;
        m->status = hist[nh - 1].status;
        if (t->first && t->first[0] == '+')
            m->first_day = g->today + strtol(t->first + 1, NULL, 10);
        else
            m->first_day = parse_day(t->first);
        m->last_day = parse_day(t->last);
        if (plan_end >= 0 && m->first_day > plan_end) {
            /* Loaded so late that the plan has no room for it: still an idea. */
            m->first_day = m->last_day = -1;
            nh = 1;
            m->status = hist[0].status;
        }
        if (!strcmp(m->status, "handed_to_partner") || !strcmp(m->status, "stopped"))
            m->stop_day = hd[nh - 1];
        if (!strcmp(m->status, "wait_and_see"))
            m->wait_day = hd[nh - 1];
        if (nh >= 4)
            m->outcome_day = hd[nh - 1];
        m->resident_driven = !strcmp(t->resp_kind, "resident") || !strcmp(t->idea_source, "residents") ||
                             !strcmp(t->idea_source, "open_office") || !strcmp(t->idea_source, "informal");
        rc = domain_activity(g, m, "0101", t->focus, hist, hd, nh, e);
        if (!rc)
            rc = make_sessions(g, m, "DP", PLAN1_USER, 0, g->yesterday - 20, e);
        if (!rc)
            rc = activity_involvement(g, m, 0.45, PLAN1_USER, e);
    }
    if (!rc)
        rc = plan1_involvement(g, e);
    if (!rc)
        rc = plan1_outreach(g, acts, e);
    if (!rc)
        rc = plan1_roles_courses(g, e);
    for (size_t i = 0; i < HH_ARRAY_LEN(plan1_stories) && !rc; i++) {
        int64_t day = parse_day(plan1_stories[i].date);
        int kind = code_index(plan1_stories[i].kind, story_kind_code, STORY_COUNT);
        if (kind < 0)
            return hh_fail(e, HH_ERR_INTERNAL, NULL, "demo story: unknown kind");
        if (day > g->yesterday)
            continue;
        /* Through the domain (act_story_put). */
        act_story st = { .activity_id = acts[plan1_stories[i].act].id,
                         .date = iso(g, day),
                         .kind = (story_kind)kind,
                         .title = plan1_stories[i].title,
                         .body = plan1_stories[i].body,
                         .in_report = plan1_stories[i].in_report };
        rc = act_story_put(g->d, NULL, g->a, &st, e);
    }
    return rc;
}

/* Plan 1's latest sessions through the domain (act_session_put), after
 * every bulk session is written; then what went through the domain as the
 * operator becomes the plan staff's work, recorded on the day it happened. */
static hh_err plan_one_finish(gen *g, hh_error *e)
{
    hh_err rc = HH_OK;
    for (size_t i = 0; i < g->ndeferred && !rc; i++)
        rc = act_session_put(g->d, NULL, g->a, &g->deferred[i], e);
    static const char *const fixups[] = {
        "UPDATE activity_status_log SET user_name = ?, recorded_at = effective || 'T10:00:00Z'"
        " WHERE activity_id IN (SELECT id FROM activity WHERE plan_id = 1)",
        "UPDATE activity_session SET user_name = ?, recorded_at = date || 'T20:15:00Z'"
        " WHERE user_name = '' AND activity_id IN (SELECT id FROM activity WHERE plan_id = 1)",
        "UPDATE activity SET updated_at = (SELECT MAX(l.effective) FROM activity_status_log l"
        " WHERE l.activity_id = activity.id) || 'T10:00:00Z' WHERE plan_id = 1 AND CAST(? AS TEXT) IS NOT NULL",
        "UPDATE involvement SET user_name = ?, updated_at = CAST(year AS TEXT) || '-12-10T14:00:00Z'"
        " WHERE plan_id = 1 AND activity_id IS NULL",
        "UPDATE outreach SET user_name = ?, recorded_at = date || 'T16:00:00Z' WHERE plan_id = 1 AND user_name = ''",
        "UPDATE activity_story SET user_name = ?, recorded_at = date || 'T15:30:00Z'"
        " WHERE activity_id IN (SELECT id FROM activity WHERE plan_id = 1)",
    };
    for (size_t i = 0; i < HH_ARRAY_LEN(fixups) && !rc; i++) {
        db_stmt *st = prep(g, fixups[i]);
        if (!st)
            return db_fail(g->d, e, "date the demo activities");
        db_bind_text(st, 1, PLAN1_USER);
        rc = run(g, st, NULL, e, "date the demo activities");
    }
    return rc;
}

/* ---- the other plans ---- */

static const struct {
    const char *kind, *title, *body;
} generic_stories[] = {
    { "story", "En ny frivillig", "En deltager fra det første år er nu selv frivillig og tager nye med." },
    { "story", "Små tal, stor betydning",
      "Der kommer sjældent mange, men for de få, der kommer, er det ugens faste holdepunkt." },
    { "evaluation", "Evaluering efter første sæson",
      "Deltagerne vil gerne fortsætte; tidspunktet flyttes efter deres ønske fra aften til formiddag." },
    { "evaluation", "Samarbejdspartneren overtager",
      "Partneren har fået tid til den personlige kontakt og viderefører aktiviteten efter planens udløb." },
    { "story", "Børnene trak forældrene med",
      "Forældrene kom først for børnenes skyld; nu kommer flere af dem også til andre aktiviteter." },
};

typedef struct plan_row {
    int64_t id;
    const char *state, *muni;
    int64_t start, end;
} plan_row;

static bool read_plan(db_stmt *st, arena *a, void *elem)
{
    plan_row *p = elem;
    p->id = db_col_int64(st, 0);
    p->state = arena_strdup(a, db_col_text(st, 1));
    p->muni = arena_strdup(a, db_col_text(st, 2));
    p->start = parse_day(db_col_text(st, 3));
    p->end = parse_day(db_col_text(st, 4));
    return p->start >= 0;
}

static const char *draw_outcome(gen *g, bool anchored)
{
    static const char *const out[] = { "run_by_residents", "handed_to_partner", "wait_and_see", "content_changed",
                                       "stopped" };
    static const double p_anchored[] = { 0.35, 0.30, 0.10, 0.10, 0.15 };
    static const double p_closed[] = { 0.10, 0.15, 0.20, 0.15, 0.40 };
    double x = U(g);
    for (size_t i = 0; i < HH_ARRAY_LEN(out); i++) {
        x -= anchored ? p_anchored[i] : p_closed[i];
        if (x < 0)
            return out[i];
    }
    return "stopped";
}

static hh_err other_plan(gen *g, const plan_row *p, hh_error *e)
{
    int64_t horizon = p->end >= 0 && p->end < g->yesterday ? p->end : g->yesterday;
    if (p->start > g->yesterday || horizon - p->start < 60)
        return HH_OK;
    bool running = !strcmp(p->state, "running") || !strcmp(p->state, "extended");
    bool anchored = !strcmp(p->state, "anchored");
    int cap = g->national ? 10 : 16;
    size_t order[NGENERIC];
    for (size_t i = 0; i < NGENERIC; i++)
        order[i] = i;
    for (size_t i = 0; i + 1 < NGENERIC; i++) {
        size_t j = (size_t)B(g, (int)i, (int)NGENERIC - 1), tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
    }
    int nact = B(g, 2, g->national ? 4 : 6);
    const char *focus = NULL;
    db_stmt *st = prep(g, "SELECT focus FROM plan_focus WHERE plan_id = ? ORDER BY focus");
    if (!st)
        return db_fail(g->d, e, "read a demo plan's focus areas");
    db_bind_int64(st, 1, p->id);
    if (db_step(st) == DB_ROW)
        focus = arena_strdup(g->a, db_col_text(st, 0));
    db_done(st);
    hh_err rc = HH_OK;
    made_act first_act = { 0 };
    for (int k = 0; k < nact && !rc; k++) {
        const act_tpl *t = &generic_acts[order[k]];
        made_act m = { .t = t,
                       .plan_id = p->id,
                       .first_day = -1,
                       .last_day = -1,
                       .stop_day = -1,
                       .wait_day = -1,
                       .outcome_day = -1,
                       .plan_end = -1,
                       .schedule = t->schedule };
        int interval = !strcmp(t->schedule, "weekly") ? 7 : !strcmp(t->schedule, "biweekly") ? 14 : 30;
        int nsess = B(g, cap / 3, cap);
        int64_t span = t->annual ? 0 : (int64_t)nsess * interval;
        int64_t avail = horizon - p->start;
        double roll = U(g);
        tpl_status hist[4];
        int64_t hd[4];
        size_t nh = 0;
        int64_t planned_first = g->today + B(g, 14, 90);
        if (running && roll >= 0.10 && roll < 0.2 && p->end >= 0 && planned_first > p->end)
            roll = 0; /* no time left in the plan: an idea */
        if (running && roll < 0.10) {
            m.status = "idea";
            m.idea_day = g->today - B(g, 5, 120);
        } else if (running && roll < 0.2) {
            m.status = "planned";
            m.first_day = planned_first;
            m.idea_day = g->today - B(g, 30, 150);
        } else {
            bool open = running && roll < 0.7;
            if (open) {
                m.first_day = horizon - span;
                if (t->annual)
                    m.first_day = p->start + B(g, 60, 200);
                if (m.first_day < p->start)
                    m.first_day = p->start + B(g, 0, 30);
                if (m.first_day > horizon)
                    m.first_day = horizon;
                m.status = "running";
            } else {
                int64_t slack = avail - span;
                m.first_day = p->start + (slack > 0 ? B(g, 0, (int)slack) : 0);
                m.last_day = t->annual ? horizon : m.first_day + span;
                if (m.last_day > horizon)
                    m.last_day = horizon;
                if (m.last_day < m.first_day)
                    m.last_day = m.first_day;
                m.status = draw_outcome(g, anchored || running);
                m.outcome_day = m.last_day + B(g, 0, 30);
                if (m.outcome_day > g->today)
                    m.outcome_day = g->today;
                if (!strcmp(m.status, "wait_and_see"))
                    m.wait_day = m.outcome_day;
            }
            m.idea_day = m.first_day - B(g, 40, 150);
        }
        hist[nh] = (tpl_status){ "idea", NULL };
        hd[nh++] = m.idea_day;
        if (strcmp(m.status, "idea") != 0) {
            int64_t planned = m.first_day - B(g, 10, 35);
            hist[nh] = (tpl_status){ "planned", NULL };
            hd[nh++] = planned < m.idea_day ? m.idea_day : planned > g->today ? g->today : planned;
        }
        if (m.first_day >= 0 && m.first_day <= g->today) {
            hist[nh] = (tpl_status){ "running", NULL };
            hd[nh++] = m.first_day;
        }
        if (m.outcome_day >= 0) {
            hist[nh] = (tpl_status){ m.status, NULL };
            hd[nh++] = m.outcome_day;
        }
        m.plan_end = p->end;
        m.plan_year0 = year_of(p->start);
        m.resident_driven = !strcmp(t->resp_kind, "resident") || !strcmp(t->idea_source, "residents") ||
                            !strcmp(t->idea_source, "open_office") || !strcmp(t->idea_source, "informal");
        rc = insert_activity(g, &m, p->muni, focus && U(g) < 0.35 ? focus : NULL, hist, hd, nh, "", e);
        if (!rc)
            rc = make_sessions(g, &m, "", "", cap, -1, e);
        if (!rc && U(g) < 0.75)
            rc = activity_involvement(g, &m, 0.2, "", e);
        if (!rc && k == 0)
            first_act = m;
    }
    if (rc)
        return rc;
    /* The plan as a whole: its first year's knowledge, ideas and planning, the
     * last year's anchoring and evaluation. */
    int y0 = year_of(p->start), y1 = year_of(horizon);
    static const struct {
        int phase, type;
        bool last;
    } prow[] = { { PH_KNOWLEDGE, T_PI, false },
                 { PH_IDEAS, T_PJ, false },
                 { PH_PLANNING, T_PJ, false },
                 { PH_ANCHORING, T_PJ, true },
                 { PH_EVALUATION, T_PI, true } };
    for (size_t i = 0; i < HH_ARRAY_LEN(prow) && !rc; i++) {
        int y = prow[i].last ? y1 : y0, type = prow[i].type;
        if (prow[i].last && y1 == y0)
            continue;
        if (U(g) < 0.3)
            type = draw_type(g, U(g) < 0.4, prow[i].phase, prow[i].last ? 1.0 : 0.0);
        const char *ans[5] = { act_answer_involved[type], NULL, NULL,
                               type != T_NONE ? act_answer_worked[prow[i].phase] : NULL, NULL };
        rc = insert_involvement(g, p->id, 0, y, prow[i].phase, type, U(g) < 0.5 ? hart_for(g, type) : 0,
                                U(g) < 0.5 ? ans : NULL, "", e);
    }
    /* Outreach: door to door at the start, then a few other ways. */
    rc = rc ? rc
            : insert_outreach(g, p->id, 0, p->start + B(g, 10, 60), "door_to_door", B(g, 40, 140),
                              "Dør til dør ved planens start.", "", e);
    static const char *const methods[] = { "via_caretaker", "via_partner", "resident_to_resident",
                                           "open_office",   "event_stand", "target_group_places" };
    int nout = B(g, 1, 4);
    for (int i = 0; i < nout && !rc; i++)
        rc = insert_outreach(g, p->id, 0, p->start + B(g, 30, (int)(horizon - p->start)),
                             methods[B(g, 0, (int)HH_ARRAY_LEN(methods) - 1)], B(g, 3, 40), "", "", e);
    /* Resident roles per year, a course, a story. */
    int vol = B(g, 3, 12);
    for (int y = y0; y <= y1 && !rc; y++) {
        int n[NROLES] = { vol,
                          B(g, 0, 3),
                          U(g) < 0.3 ? B(g, 4, 20) : 0,
                          U(g) < 0.3 ? B(g, 3, 12) : 0,
                          U(g) < 0.2 ? B(g, 3, 9) : 0,
                          B(g, 0, 3),
                          U(g) < 0.2 ? B(g, 5, 20) : 0,
                          0 };
        rc = insert_roles(g, p->id, y, n, e);
        vol += B(g, 0, 6);
    }
    if (!rc && U(g) < 0.6) {
        static const struct {
            const char *kind, *title;
            bool diploma;
        } cs[] = { { "ambassador", "Sundhedsambassadøruddannelse", true },
                   { "instructor", "Instruktøruddannelse", true },
                   { "volunteering", "Kursus i frivillighed", true },
                   { "association", "Foreningsdannelse", false },
                   { "budget", "Budgetkursus", false } };
        size_t c = (size_t)B(g, 0, (int)HH_ARRAY_LEN(cs) - 1);
        rc = insert_course(g, p->id, B(g, y0, y1), cs[c].kind, cs[c].title, B(g, 2, 12), cs[c].diploma, e);
    }
    if (!rc && first_act.id && first_act.first_day >= 0 && first_act.first_day < g->yesterday && U(g) < 0.7) {
        size_t s = (size_t)B(g, 0, (int)HH_ARRAY_LEN(generic_stories) - 1);
        int64_t end = first_act.last_day >= 0 && first_act.last_day < g->yesterday ? first_act.last_day : g->yesterday;
        rc =
            insert_story(g, first_act.id, first_act.first_day + B(g, 0, (int)(end - first_act.first_day)),
                         generic_stories[s].kind, generic_stories[s].title, generic_stories[s].body, U(g) < 0.5, "", e);
    }
    return rc;
}

/* ---- the step ---- */

hh_err demo_activities(db *d, const demo_options *opt, hh_error *e)
{
    arena a;
    arena_init(&a);
    gen g = { .d = d, .a = &a, .r = { opt->seed * 2654435761u + 17 }, .national = opt->scale == DEMO_NATIONAL };
    g.today = (int64_t)(time(NULL) / 86400);
    g.yesterday = g.today - 1;
    g.today_year = year_of(g.today);
    batches_init(&g);
    hh_err rc = HH_OK;
    /* Bulk sessions get their ids here; PostgreSQL's sequence follows below. */
    if (!db_query_int64(d, "SELECT COALESCE(MAX(id), 0) + 1 FROM activity_session", &g.next_session_id))
        rc = db_fail(d, e, "read the session ids");
    if (!rc)
        rc = plan_one(&g, e);
    if (!rc) {
        db_stmt *st = db_prepare(d, "SELECT id, state, municipality_code, start_date, end_date FROM plan"
                                    " WHERE id <> 1 AND state IN ('running', 'extended', 'closed', 'anchored')"
                                    " AND start_date IS NOT NULL ORDER BY id");
        plan_row *plans = NULL;
        size_t n = 0;
        if (!st || db_collect(st, &a, sizeof *plans, read_plan, (void **)&plans, &n) == DB_ERROR)
            rc = db_fail(d, e, "read the demo plans");
        for (size_t i = 0; i < n && !rc; i++)
            rc = other_plan(&g, &plans[i], e);
    }
    if (!rc)
        rc = batches_flush_all(&g, e);
    if (!rc && db_get_kind(d) == DB_POSTGRES) {
        db_stmt *st = db_prepare(d, "SELECT setval(pg_get_serial_sequence('activity_session', 'id'),"
                                    " COALESCE((SELECT MAX(id) FROM activity_session), 0) + 1, false)");
        int r = st ? db_step(st) : DB_ERROR;
        if (st)
            db_done(st);
        if (r == DB_ERROR)
            rc = db_fail(d, e, "move the session ids on");
    }
    if (!rc)
        rc = plan_one_finish(&g, e);
    arena_free(&a);
    return rc;
}
