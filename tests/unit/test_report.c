/* The yearly report to LBF (src/report/): figures checked against the
 * sessions that produced them (hand-computed below), small-number
 * suppression for the external report against the team's numbers, the
 * complementary hiding, the audience a reader may get, and the renderers
 * (PDF bytes and page count, HTML, CSV, XLSX). Runs on SQLite by default;
 * with the argument "postgres" on the throwaway server of
 * tests/with-postgres.sh. */
#include "cm.h"
#include "testfix.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/embed.h"
#include "core/util.h"
#include "db/migrate.h"
#include "domain/activities.h"
#include "domain/keyfig.h"
#include "domain/plans.h"
#include "report/plan_year.h"

static db_kind kind = DB_SQLITE;
static char tmpdir[] = "/tmp/helhed-test-report.XXXXXX";
static int seq;

/* Fontconfig keeps its configuration and font caches for the life of the
 * process (pango loads them once); LeakSanitizer would report them. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* ---- fixtures ---- */

/* Organisation 101 in København with departments 101-1 (300 residents in
 * 2024) and 101-2; organisation 102 with 102-1 (200 residents); area BO-T1
 * of 101-1 and 102-1. */
static db *fresh(void)
{
    const char *sql =
        "INSERT INTO organisation (org_no, name, municipality_code) VALUES (101, 'Boligselskabet Nord', '0101'),"
        " (102, 'Boligforeningen Syd', '0101');"
        "INSERT INTO department (id, org_no, department_no, name, municipality_code, dwellings_family) VALUES"
        " (1, 101, 1, 'Nordparken', '0101', 400), (2, 101, 2, 'Nordhaven', '0101', 300),"
        " (3, 102, 1, 'Sydparken', '0101', 500);"
        "INSERT INTO housing_area (id, code, name, municipality_code) VALUES (1, 'BO-T1', 'Nord-Syd', '0101');"
        "INSERT INTO area_member (area_id, department_id, valid_from) VALUES (1, 1, '2000-01-01'),"
        " (1, 3, '2000-01-01');";
    return testfix_fresh(kind, tmpdir, "report", ++seq, sql);
}

static void put_value(db *d, int64_t dept, int kf, int year, double num)
{
    testfix_put_value(d, dept, kf, year, num, NAN, num);
}

static const char *focus0, *focus1;

static int64_t make_plan(db *d)
{
    const plan_round *round = plan_round_find("2019-2026");
    assert_non_null(round);
    focus0 = round->focus[0];
    focus1 = round->focus[1];
    plan_input in;
    testfix_plan_nordparken(&in);
    in.round = "2019-2026";
    in.start_date = "2023-01-01";
    in.end_date = "2026-12-31";
    in.idea_date = "2022-06-01";
    const char *focus[] = { focus0, focus1 };
    in.has_focus = true;
    in.focus = focus;
    in.nfocus = 2;
    return testfix_plan_create(d, &in);
}

static int64_t make_activity(db *d, arena *a, int64_t plan_id, const char *name, unsigned cats, const char *focus)
{
    activity x = { 0 };
    x.plan_id = plan_id;
    x.name = name;
    x.description = "";
    x.focus = focus;
    x.categories = cats;
    x.format = FMT_TEAM;
    x.place = "Beboerhuset";
    x.responsible_kind = RESP_STAFF;
    x.responsible = "Boligsocial medarbejder";
    x.idea_source = IDEA_RESIDENTS;
    x.status = AS_RUNNING;
    x.schedule = SCHED_WEEKLY;
    x.first_date = "";
    x.last_date = "";
    x.start_time = "";
    x.end_time = "";
    hh_error e;
    if (activity_put(d, NULL, a, &x, &e))
        fail_msg("activity_put %s: %s", name, e.msg);
    return x.id;
}

typedef struct cellv {
    act_gender g;
    act_age age;
    int n;
} cellv;

static void session(db *d, arena *a, int64_t act, const char *date, const cellv *cells, size_t ncells, int new_typed,
                    int volunteers, const char *const *keys, size_t nkeys)
{
    act_session s = { 0 };
    s.activity_id = act;
    s.date = date;
    s.start_time = "";
    s.note = "";
    for (size_t i = 0; i < ncells; i++)
        s.counts[cells[i].g][cells[i].age] += cells[i].n;
    s.new_participants = new_typed;
    s.volunteers = volunteers;
    s.keys = (const char **)keys;
    s.nkeys = nkeys;
    hh_error e;
    if (act_session_put(d, NULL, a, &s, &e))
        fail_msg("act_session_put %s: %s (%s)", date, e.msg, e.rule);
}

static void involve(db *d, arena *a, int64_t plan_id, int64_t act, int year, inv_phase ph, inv_type t)
{
    involvement v = { 0 };
    v.plan_id = plan_id;
    v.activity_id = act;
    v.year = year;
    v.phase = ph;
    v.type = t;
    for (int i = 0; i < INV_QUESTIONS; i++)
        v.answers[i] = "";
    hh_error e;
    if (involvement_put(d, NULL, a, &v, &e))
        fail_msg("involvement_put: %s", e.msg);
}

static void story(db *d, arena *a, int64_t act, const char *date, const char *title, bool in_report)
{
    act_story s = { 0 };
    s.activity_id = act;
    s.date = date;
    s.kind = STORY_STORY;
    s.title = title;
    s.body = "Flere beboere kom med i år. De nye deltagere tog naboer med, og holdet løber nu selv om lørdagen.";
    s.in_report = in_report;
    hh_error e;
    if (act_story_put(d, NULL, a, &s, &e))
        fail_msg("act_story_put: %s", e.msg);
}

typedef struct fixture {
    int64_t plan, run, dine, check;
} fixture;

/* Three activities of the plan:
 *   Løbeklub (exercise + wellbeing, focus 0), keyed sessions:
 *     2024-05-01 K1 K2 K3            female adult 2, male adult 1
 *     2025-03-01 K1 K4               female adult 1, male youth 1, 1 volunteer
 *     2025-03-08 K1 K4 K5 K6 K7 K8   female adult 3, male adult 3, 2 volunteers
 *   Fællesspisning (food, focus 1), unkeyed:
 *     2025-02-10 female senior 7, male senior 5, 12 new, 3 volunteers
 *     2025-04-10 female senior 6, male senior 4, 2 new, 3 volunteers
 *   Sundhedstjek (health tests, no focus), unkeyed:
 *     2025-06-01 female adult 3, 3 new
 * In 2025: 5 sessions, 33 attendances; new per session 1 + 4 (keyed: K1
 * was seen in 2024) + 12 + 2 + 3 = 22, returning 11; unique: 6 keys (K1,
 * K4-K8) + max(12, 14) + max(3, 3) = 23, estimated; new in the plan: K4-K8
 * (5) + typed 14 + 3 = 22; volunteers 9; women 20, men 13. Residents 2024:
 * 101-1 300 + 102-1 200 (area member) = 500. */
static fixture build_fixture(db *d)
{
    fixture f;
    arena a;
    arena_init(&a);
    int kf = kf_find("residents");
    assert_true(kf >= 0);
    put_value(d, 1, kf, 2024, 300);
    put_value(d, 3, kf, 2024, 200);
    put_value(d, 2, kf, 2024, 999); /* 101-2 is not in the plan */
    hh_error e;
    if (db_begin(d, &e) || kf_refresh(d, &e) || db_commit(d, &e))
        fail_msg("%s", e.msg);
    f.plan = make_plan(d);
    f.run = make_activity(d, &a, f.plan, "Løbeklub", 1u << CAT_EXERCISE | 1u << CAT_WELLBEING, focus0);
    f.dine = make_activity(d, &a, f.plan, "Fællesspisning", 1u << CAT_FOOD, focus1);
    f.check = make_activity(d, &a, f.plan, "Sundhedstjek", 1u << CAT_HEALTH_TESTS, "");

    static const char *const k24[] = { "K1", "K2", "K3" };
    static const cellv c24[] = { { GENDER_FEMALE, AGE_ADULT, 2 }, { GENDER_MALE, AGE_ADULT, 1 } };
    session(d, &a, f.run, "2024-05-01", c24, 2, 0, 0, k24, 3);
    static const char *const k1[] = { "K1", "K4" };
    static const cellv c1[] = { { GENDER_FEMALE, AGE_ADULT, 1 }, { GENDER_MALE, AGE_YOUTH, 1 } };
    session(d, &a, f.run, "2025-03-01", c1, 2, 0, 1, k1, 2);
    static const char *const k2[] = { "K1", "K4", "K5", "K6", "K7", "K8" };
    static const cellv c2[] = { { GENDER_FEMALE, AGE_ADULT, 3 }, { GENDER_MALE, AGE_ADULT, 3 } };
    session(d, &a, f.run, "2025-03-08", c2, 2, 0, 2, k2, 6);

    static const cellv d1[] = { { GENDER_FEMALE, AGE_SENIOR, 7 }, { GENDER_MALE, AGE_SENIOR, 5 } };
    session(d, &a, f.dine, "2025-02-10", d1, 2, 12, 3, NULL, 0);
    static const cellv d2[] = { { GENDER_FEMALE, AGE_SENIOR, 6 }, { GENDER_MALE, AGE_SENIOR, 4 } };
    session(d, &a, f.dine, "2025-04-10", d2, 2, 2, 3, NULL, 0);

    static const cellv h1[] = { { GENDER_FEMALE, AGE_ADULT, 3 } };
    session(d, &a, f.check, "2025-06-01", h1, 1, 3, 0, NULL, 0);

    /* Involvement: 2024 Løbeklub ideas professional-joint; 2025 Løbeklub
     * ideas resident-joint and implementation resident-resident,
     * Fællesspisning ideas professionals-inform and implementation none. */
    involve(d, &a, f.plan, f.run, 2024, PHASE_IDEAS, INV_PROFESSIONAL_JOINT);
    involve(d, &a, f.plan, f.run, 2025, PHASE_IDEAS, INV_RESIDENT_JOINT);
    involve(d, &a, f.plan, f.run, 2025, PHASE_IMPLEMENTATION, INV_RESIDENT_RESIDENT);
    involve(d, &a, f.plan, f.dine, 2025, PHASE_IDEAS, INV_PROFESSIONALS_INFORM);
    involve(d, &a, f.plan, f.dine, 2025, PHASE_IMPLEMENTATION, INV_NONE);

    /* Outreach 2025: 12 door to door, 3 at the open office. */
    outreach o = { .plan_id = f.plan, .date = "2025-02-01", .method = OUT_DOOR_TO_DOOR, .contacts = 12, .note = "" };
    if (outreach_put(d, NULL, &a, &o, &e))
        fail_msg("outreach_put: %s", e.msg);
    outreach o2 = { .plan_id = f.plan, .date = "2025-05-01", .method = OUT_OPEN_OFFICE, .contacts = 3, .note = "" };
    if (outreach_put(d, NULL, &a, &o2, &e))
        fail_msg("outreach_put: %s", e.msg);

    /* Roles and a course in 2025. */
    int64_t roles[RR_COUNT] = { 0 };
    roles[RR_VOLUNTEER] = 6;
    roles[RR_ILDSJAEL] = 2;
    if (resident_roles_put(d, NULL, f.plan, 2025, roles, &e))
        fail_msg("resident_roles_put: %s", e.msg);
    plan_course c = { .plan_id = f.plan,
                      .year = 2025,
                      .kind = COURSE_INSTRUCTOR,
                      .title = "Løbeinstruktør",
                      .completed = 4,
                      .diploma = true };
    if (plan_course_put(d, NULL, &a, &c, &e))
        fail_msg("plan_course_put: %s", e.msg);

    /* Stories: one selected in 2025, one not selected, one selected in 2024. */
    story(d, &a, f.run, "2025-03-08", "Løbeklubben voksede", true);
    story(d, &a, f.dine, "2025-04-10", "Ikke med i rapporten", false);
    story(d, &a, f.run, "2024-05-01", "Første løbetur", true);
    arena_free(&a);
    return f;
}

static const char *text(const plan_year_report *r, const char *table, size_t row, size_t col)
{
    const rpt_table *t = report_table(r, table);
    if (!t)
        fail_msg("no table %s", table);
    if (row >= t->nrows || col >= t->ncols)
        fail_msg("table %s has no cell %zu,%zu", table, row, col);
    return rpt_at(t, row, col)->text;
}

/* The row of table whose first cell is label. */
static size_t row_of(const plan_year_report *r, const char *table, const char *label)
{
    const rpt_table *t = report_table(r, table);
    assert_non_null(t);
    for (size_t i = 0; i < t->nrows; i++)
        if (strcmp(rpt_at(t, i, 0)->text, label) == 0)
            return i;
    fail_msg("table %s has no row %s", table, label);
    return 0;
}

/* ---- pure: complementary suppression ---- */

/* act_suppress_grid over the nr × nc counts v must mark the cells as want
 * (0 shown, 1 small, 2 hidden with a small one). */
static void expect_hidden(const int64_t *v, size_t nr, size_t nc, bool row_total, bool col_total,
                          const unsigned char *want)
{
    unsigned char h[16];
    assert_true(nr * nc <= sizeof h);
    act_suppress_grid(v, h, nr, nc, row_total, col_total);
    for (size_t i = 0; i < nr * nc; i++)
        assert_int_equal(h[i], want[i]);
}

static void test_suppress_grid(void **state)
{
    /* One column with a total: 8, 22, 3 | 33 → 3 hidden, 8 hidden with it. */
    expect_hidden((const int64_t[]){ 8, 22, 3, 33 }, 4, 1, true, false, (const unsigned char[]){ 2, 0, 1, 0 });
    /* Two small parts adding up to less than 5 are not enough: 1, 2, 40 | 43. */
    expect_hidden((const int64_t[]){ 1, 2, 40, 43 }, 1, 4, false, true, (const unsigned char[]){ 1, 1, 2, 0 });
    /* Nothing small: nothing hidden; zeros stay shown. */
    expect_hidden((const int64_t[]){ 0, 7, 9, 16 }, 1, 4, false, true, (const unsigned char[]){ 0, 0, 0, 0 });
    /* A small total hides its parts as small numbers, nothing more. */
    expect_hidden((const int64_t[]){ 0, 3, 3 }, 1, 3, false, true, (const unsigned char[]){ 0, 1, 1 });
    /* Two dimensions: no row or column keeps exactly one hidden cell. */
    int64_t v5[] = { 7,  13, 20, /* women: adult, senior | total */
                     3,  9,  12, /* men */
                     10, 22, 32 };
    unsigned char h5[9];
    act_suppress_grid(v5, h5, 3, 3, true, true);
    assert_int_equal(h5[3], 1); /* the 3 */
    for (size_t r = 0; r < 3; r++) {
        int row = 0, col = 0;
        for (size_t c = 0; c < 3; c++) {
            row += h5[r * 3 + c] != 0;
            col += h5[c * 3 + r] != 0;
        }
        assert_true(row != 1);
        assert_true(col != 1);
    }
}

/* ---- the figures ---- */

static void test_figures(void **state)
{
    db *d = fresh();
    fixture f = build_fixture(d);
    arena a;
    arena_init(&a);
    hh_error e;
    plan_year_report r;
    assert_int_equal(report_plan_year(d, NULL, &a, f.plan, 2025, REPORT_TEAM, &r, &e), HH_OK);
    assert_int_equal(r.audience, REPORT_TEAM);
    assert_false(r.suppress);
    assert_string_equal(r.pl.name, "Nordparken i fællesskab");
    assert_string_equal(r.round_label, "2019–26");
    assert_int_equal(r.plan_activities, 3);

    /* Participation in 2025, from the sessions above. */
    assert_int_equal(r.stats.sessions, 5);
    assert_int_equal(r.stats.attendances, 33);
    assert_int_equal(r.stats.new_attendances, 22);
    assert_int_equal(r.stats.returning_attendances, 11);
    assert_int_equal(r.stats.unique, 23);
    assert_false(r.stats.unique_exact);
    assert_int_equal(r.stats.new_plan, 22);
    assert_int_equal(r.stats.volunteers, 9);
    assert_int_equal(r.stats.activities, 3);
    assert_int_equal(r.stats.by_gender[GENDER_FEMALE], 20);
    assert_int_equal(r.stats.by_gender[GENDER_MALE], 13);
    assert_int_equal(r.stats.counts[GENDER_FEMALE][AGE_ADULT], 7);
    assert_int_equal(r.stats.counts[GENDER_MALE][AGE_YOUTH], 1);
    assert_int_equal(r.stats.counts[GENDER_MALE][AGE_ADULT], 3);
    assert_int_equal(r.stats.counts[GENDER_FEMALE][AGE_SENIOR], 13);
    assert_int_equal(r.stats.counts[GENDER_MALE][AGE_SENIOR], 9);
    assert_int_equal(r.stats.by_age[AGE_SENIOR], 22);
    assert_string_equal(text(&r, "deltagelse", 2, 1), "33");
    assert_string_equal(text(&r, "deltagelse", 5, 0), "Forskellige deltagere (anslået)");
    assert_string_equal(text(&r, "deltagelse", 5, 1), "23");

    /* Over the years: 2024 and 2025. */
    const rpt_table *ov = report_table(&r, "deltagelse_udvikling");
    assert_non_null(ov);
    assert_int_equal(ov->ncols, 3);
    assert_string_equal(ov->cols[1], "2024");
    assert_string_equal(ov->cols[2], "2025");
    assert_string_equal(text(&r, "deltagelse_udvikling", 1, 1), "3");
    assert_string_equal(text(&r, "deltagelse_udvikling", 1, 2), "33");
    assert_string_equal(text(&r, "deltagelse_udvikling", 2, 2), "23");
    assert_string_equal(text(&r, "deltagelse_udvikling", 3, 2), "22");

    /* Reach: 23 of 500 residents (101-1 and the area's 102-1, not 101-2). */
    assert_int_equal(r.reach.residents, 500);
    assert_int_equal(r.reach.residents_year, 2024);
    NEAR(r.reach.share, 23.0 / 500.0);
    assert_string_equal(text(&r, "deltagelse", 9, 1), "4,6 %");

    /* Activities, by name: Fællesspisning, Løbeklub, Sundhedstjek. */
    assert_int_equal(r.nacts, 3);
    assert_string_equal(r.acts[0].name, "Fællesspisning");
    assert_int_equal(r.acts[0].stats.sessions, 2);
    assert_int_equal(r.acts[0].stats.attendances, 22);
    assert_int_equal(r.acts[0].stats.new_attendances, 14);
    assert_int_equal(r.acts[0].stats.volunteers, 6);
    assert_string_equal(r.acts[1].name, "Løbeklub");
    assert_int_equal(r.acts[1].stats.sessions, 2);
    assert_int_equal(r.acts[1].stats.attendances, 8);
    assert_int_equal(r.acts[1].stats.new_attendances, 5);
    assert_int_equal(r.acts[1].stats.unique, 6);
    assert_true(r.acts[1].stats.unique_exact);
    assert_int_equal(r.acts[2].stats.attendances, 3);
    assert_string_equal(text(&r, "aktiviteter", 1, 1), "Bevægelse og motion, Trivsel og livskvalitet");

    /* By category: Løbeklub counts under exercise and wellbeing. */
    assert_int_equal(r.by_category[CAT_EXERCISE].activities, 1);
    assert_int_equal(r.by_category[CAT_EXERCISE].sessions, 2);
    assert_int_equal(r.by_category[CAT_EXERCISE].attendances, 8);
    assert_int_equal(r.by_category[CAT_WELLBEING].attendances, 8);
    assert_int_equal(r.by_category[CAT_FOOD].attendances, 22);
    assert_int_equal(r.by_category[CAT_HEALTH_TESTS].attendances, 3);
    assert_int_equal(r.by_category[CAT_TRAINING].sessions, 0);
    /* By focus area: the plan's two, then one without. */
    assert_int_equal(r.nfocus, 3);
    assert_string_equal(r.by_focus[0].label, focus0);
    assert_int_equal(r.by_focus[0].attendances, 8);
    assert_int_equal(r.by_focus[1].attendances, 22);
    assert_string_equal(r.by_focus[2].label, "Uden fokusområde");
    assert_int_equal(r.by_focus[2].attendances, 3);
    assert_int_equal(r.total.activities, 3);
    assert_int_equal(r.total.sessions, 5);
    assert_int_equal(r.total.attendances, 33);

    /* Involvement 2025: the three activities (a session or a record). */
    assert_int_equal(r.inv.activities, 3);
    assert_int_equal(r.inv.cells[PHASE_IDEAS][INV_RESIDENT_JOINT], 1);
    assert_int_equal(r.inv.cells[PHASE_IDEAS][INV_PROFESSIONALS_INFORM], 1);
    assert_int_equal(r.inv.unrecorded[PHASE_IDEAS], 1);
    NEAR(r.inv.share_involved[PHASE_IDEAS], 1.0);
    assert_int_equal(r.inv.cells[PHASE_IMPLEMENTATION][INV_NONE], 1);
    NEAR(r.inv.share_involved[PHASE_IMPLEMENTATION], 0.5);
    assert_string_equal(text(&r, "inddragelse", PHASE_IMPLEMENTATION, INV_COUNT + 2), "50 %");
    /* Two scales: the largest type cell and the largest "not recorded" cell
     * are both darkest, so the unrecorded column does not pale the types. */
    {
        const rpt_table *ht = report_table(&r, "inddragelse");
        int tmax = 0, umax = 0;
        for (size_t ph = 0; ph < PHASE_COUNT; ph++) {
            for (size_t k = 1; k <= INV_COUNT; k++)
                tmax = rpt_at(ht, ph, k)->shade > tmax ? rpt_at(ht, ph, k)->shade : tmax;
            umax = rpt_at(ht, ph, INV_COUNT + 1)->shade > umax ? rpt_at(ht, ph, INV_COUNT + 1)->shade : umax;
        }
        assert_int_equal(tmax, 5);
        assert_int_equal(umax, 5);
    }
    assert_int_equal(r.ntrend, 2);
    assert_int_equal(r.trend[0].year, 2024);
    assert_int_equal(r.trend[0].cells[PHASE_IDEAS][INV_PROFESSIONAL_JOINT], 1);
    assert_int_equal(r.trend[1].year, 2025);

    /* Roles, courses, outreach and the one selected story of 2025. */
    assert_int_equal(r.roles[RR_VOLUNTEER], 6);
    assert_int_equal(r.roles[RR_ILDSJAEL], 2);
    assert_int_equal(r.ncourses, 1);
    assert_int_equal(r.courses[0].completed, 4);
    assert_int_equal(r.outreach[OUT_DOOR_TO_DOOR], 12);
    assert_int_equal(r.outreach[OUT_OPEN_OFFICE], 3);
    assert_int_equal(r.outreach_total, 15);
    assert_int_equal(r.nstories, 1);
    assert_string_equal(r.stories[0].title, "Løbeklubben voksede");

    /* 2024: one keyed session of three new participants, counted exactly. */
    plan_year_report r24;
    assert_int_equal(report_plan_year(d, NULL, &a, f.plan, 2024, REPORT_TEAM, &r24, &e), HH_OK);
    assert_int_equal(r24.stats.sessions, 1);
    assert_int_equal(r24.stats.attendances, 3);
    assert_int_equal(r24.stats.unique, 3);
    assert_true(r24.stats.unique_exact);
    assert_int_equal(r24.stats.new_plan, 3);
    assert_string_equal(text(&r24, "deltagelse", 5, 0), "Forskellige deltagere (præcist)");
    assert_int_equal(r24.nstories, 1);

    /* The default year is the last with a session. */
    int *years, dflt = 0;
    size_t ny;
    assert_int_equal(report_years(d, NULL, &a, f.plan, &years, &ny, &dflt, &e), HH_OK);
    assert_int_equal(ny, 2);
    assert_int_equal(dflt, 2025);

    /* Unknown plan; a year out of range. */
    assert_int_equal(report_plan_year(d, NULL, &a, f.plan + 100, 2025, REPORT_TEAM, &r, &e), HH_ERR_NOTFOUND);
    assert_int_equal(report_plan_year(d, NULL, &a, f.plan, 1800, REPORT_TEAM, &r, &e), HH_ERR_INPUT);
    arena_free(&a);
    db_close(d);
}

/* ---- audiences and suppression ---- */

static void test_suppression(void **state)
{
    db *d = fresh();
    fixture f = build_fixture(d);
    arena a;
    arena_init(&a);
    hh_error e;
    plan_year_report team, ext, nat;
    principal *staff = testfix_who(&a, ROLE_PLAN_STAFF, arena_printf(&a, "%lld", (long long)f.plan));
    principal *national = testfix_who(&a, ROLE_NATIONAL, "");
    principal *other = testfix_who(&a, ROLE_PLAN_STAFF, arena_printf(&a, "%lld", (long long)f.plan + 1));
    assert_int_equal(report_plan_year(d, staff, &a, f.plan, 2025, REPORT_TEAM, &team, &e), HH_OK);
    assert_int_equal(team.audience, REPORT_TEAM);
    assert_int_equal(report_plan_year(d, staff, &a, f.plan, 2025, REPORT_EXTERNAL, &ext, &e), HH_OK);
    assert_int_equal(ext.audience, REPORT_EXTERNAL);
    /* National reads every plan but may not write it: always external. */
    assert_int_equal(report_plan_year(d, national, &a, f.plan, 2025, REPORT_TEAM, &nat, &e), HH_OK);
    assert_int_equal(nat.audience, REPORT_EXTERNAL);
    assert_true(nat.suppress);
    /* Staff of another plan do not see this one. */
    assert_int_equal(report_plan_year(d, other, &a, f.plan, 2025, REPORT_TEAM, &nat, &e), HH_ERR_NOTFOUND);

    /* Health tests: 3 attendances → "<5" outside the team, 3 inside. */
    size_t ht = row_of(&ext, "kategorier", act_category_label[CAT_HEALTH_TESTS]);
    assert_string_equal(text(&ext, "kategorier", ht, 3), "<5");
    assert_true(isnan(rpt_at(report_table(&ext, "kategorier"), ht, 3)->num));
    assert_string_equal(text(&team, "kategorier", ht, 3), "3");
    NEAR(rpt_at(report_table(&team, "kategorier"), ht, 3)->num, 3);
    /* 2024's three attendances, unique and new participants. */
    assert_string_equal(text(&ext, "deltagelse_udvikling", 0, 1), "1");
    assert_string_equal(text(&ext, "deltagelse_udvikling", 1, 1), "<5");
    assert_string_equal(text(&ext, "deltagelse_udvikling", 2, 1), "<5");
    assert_string_equal(text(&team, "deltagelse_udvikling", 2, 1), "3");
    /* Sessions are not persons: shown. */
    assert_string_equal(text(&ext, "kategorier", ht, 2), "1");

    /* Activities (with a total): Sundhedstjek's 3 is small, so the smallest
     * other part (Løbeklub's 8) is hidden too; Fællesspisning and the
     * total stay. The same in the new and volunteer columns. */
    assert_string_equal(text(&ext, "aktiviteter", 2, 5), "<5");
    assert_string_equal(text(&ext, "aktiviteter", 1, 5), REPORT_HIDDEN_TEXT);
    assert_string_equal(text(&ext, "aktiviteter", 0, 5), "22");
    assert_string_equal(text(&ext, "aktiviteter", 3, 5), "33");
    assert_string_equal(text(&ext, "aktiviteter", 2, 6), "<5");
    assert_string_equal(text(&ext, "aktiviteter", 1, 6), REPORT_HIDDEN_TEXT);
    assert_string_equal(text(&ext, "aktiviteter", 1, 7), "<5"); /* Løbeklub: 3 volunteers */
    assert_string_equal(text(&ext, "aktiviteter", 0, 7), REPORT_HIDDEN_TEXT);
    assert_string_equal(text(&ext, "aktiviteter", 3, 7), "9");
    assert_string_equal(text(&team, "aktiviteter", 1, 5), "8");
    assert_string_equal(text(&team, "aktiviteter", 2, 5), "3");
    /* By focus area: the same rule. */
    assert_string_equal(text(&ext, "fokusomraader", 2, 3), "<5");
    assert_string_equal(text(&ext, "fokusomraader", 0, 3), REPORT_HIDDEN_TEXT);
    assert_string_equal(text(&ext, "fokusomraader", 3, 3), "33");

    /* Gender × age: men youth 1 and adult 3 are small; no row or column
     * with a shown total keeps a single hidden cell. */
    const rpt_table *g = report_table(&ext, "koen_alder");
    assert_string_equal(text(&ext, "koen_alder", GENDER_MALE, 1 + AGE_YOUTH), "<5");
    assert_string_equal(text(&ext, "koen_alder", GENDER_MALE, 1 + AGE_ADULT), "<5");
    assert_string_equal(text(&ext, "koen_alder", GENDER_MALE, 1 + AGE_SENIOR), REPORT_HIDDEN_TEXT);
    assert_string_equal(text(&ext, "koen_alder", GENDER_FEMALE, 1 + AGE_ADULT), REPORT_HIDDEN_TEXT);
    assert_string_equal(text(&ext, "koen_alder", GENDER_FEMALE, 1 + AGE_COUNT), "20");
    assert_string_equal(text(&ext, "koen_alder", GENDER_COUNT, 1 + AGE_COUNT), "33");
    for (size_t r = 0; r < g->nrows; r++) {
        size_t hidden = 0;
        for (size_t c = 1; c < g->ncols; c++)
            hidden += isnan(rpt_at(g, r, c)->num) ? 1 : 0;
        assert_true(hidden != 1);
    }
    for (size_t c = 1; c < g->ncols; c++) {
        size_t hidden = 0;
        for (size_t r = 0; r < g->nrows; r++)
            hidden += isnan(rpt_at(g, r, c)->num) ? 1 : 0;
        assert_true(hidden != 1);
    }
    assert_string_equal(text(&team, "koen_alder", GENDER_MALE, 1 + AGE_YOUTH), "1");
    assert_string_equal(text(&team, "koen_alder", GENDER_MALE, 1 + AGE_SENIOR), "9");

    /* Roles, courses and outreach. */
    assert_string_equal(text(&ext, "beboerroller", RR_VOLUNTEER, 1), "6");
    assert_string_equal(text(&ext, "beboerroller", RR_ILDSJAEL, 1), "<5");
    assert_string_equal(text(&team, "beboerroller", RR_ILDSJAEL, 1), "2");
    assert_string_equal(text(&ext, "kurser", 0, 2), "<5");
    assert_string_equal(text(&team, "kurser", 0, 2), "4");
    assert_string_equal(text(&ext, "opsoegende", OUT_OPEN_OFFICE, 1), "<5");
    assert_string_equal(text(&ext, "opsoegende", OUT_DOOR_TO_DOOR, 1), REPORT_HIDDEN_TEXT);
    assert_string_equal(text(&ext, "opsoegende", OUT_COUNT, 1), "15");
    assert_string_equal(text(&team, "opsoegende", OUT_DOOR_TO_DOOR, 1), "12");

    /* No hidden number leaks into CSV, HTML or the JSON-able values. */
    buf csv;
    buf_init(&csv, 0);
    report_csv(&ext, &csv);
    assert_non_null(strstr(buf_cstr(&csv), "kategorier;Aktiviteter efter kategori;Sundhedstests;Fremmøder;<5"));
    assert_non_null(strstr(buf_cstr(&csv), "koen_alder;Fremmøder efter køn og alder;Mænd;65+ år;x"));
    buf_reset(&csv);
    report_csv(&team, &csv);
    assert_non_null(strstr(buf_cstr(&csv), "kategorier;Aktiviteter efter kategori;Sundhedstests;Fremmøder;3\r\n") ||
                    strstr(buf_cstr(&csv), "kategorier;Aktiviteter efter kategori;Sundhedstests;Fremmøder;3\n"));
    buf_free(&csv);
    arena_free(&a);
    db_close(d);
}

/* ---- renderers ---- */

static size_t count(const char *hay, size_t n, const char *needle)
{
    size_t k = 0, m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0 && (i + m == n || hay[i + m] != 's'))
            k++;
    return k;
}

static void test_renderers(void **state)
{
    db *d = fresh();
    fixture f = build_fixture(d);
    arena a;
    arena_init(&a);
    hh_error e;
    plan_year_report r;
    assert_int_equal(report_plan_year(d, NULL, &a, f.plan, 2025, REPORT_EXTERNAL, &r, &e), HH_OK);

    buf pdf;
    buf_init(&pdf, 0);
    int pages = 0;
    assert_int_equal(report_pdf(&r, &pdf, &pages, &e), HH_OK);
    assert_true(pdf.len > 1000);
    assert_memory_equal(pdf.data, "%PDF-", 5);
    /* One page object per page; the report fills several A4 pages. */
    assert_int_equal(count(pdf.data, pdf.len, "/Type /Page"), (size_t)pages);
    assert_true(pages >= 3 && pages <= 8);
    const char *dump = getenv("HELHED_REPORT_PDF"); /* to look at it */
    if (dump) {
        FILE *fp = fopen(dump, "wb");
        if (fp) {
            fwrite(pdf.data, 1, pdf.len, fp);
            fclose(fp);
        }
    }
    buf_free(&pdf);

    buf html;
    buf_init(&html, 0);
    report_html_document(&r, &html);
    const char *h = buf_cstr(&html);
    assert_non_null(strstr(h, "<!doctype html>"));
    assert_non_null(strstr(h, "<html lang=\"da\">"));
    assert_non_null(strstr(h, ".lbf-report")); /* the CSS is inline */
    assert_non_null(strstr(h, "Nordparken i fællesskab · 2025"));
    assert_non_null(strstr(h, "&lt;5"));
    assert_non_null(strstr(h, "Løbeklubben voksede"));
    assert_null(strstr(h, "Ikke med i rapporten"));
    buf_reset(&html);
    report_html_fragment(&r, &html);
    assert_null(strstr(buf_cstr(&html), "<style"));
    assert_null(strstr(buf_cstr(&html), "style=\""));
    buf_free(&html);

    buf x;
    buf_init(&x, 0);
    assert_int_equal(report_xlsx_buf(&r, &x, &e), HH_OK);
    assert_true(x.len > 1000);
    assert_memory_equal(x.data, "PK", 2);
    buf_free(&x);

    buf csv;
    buf_init(&csv, 0);
    report_csv(&r, &csv);
    assert_memory_equal(csv.data,
                        "\xEF\xBB\xBF"
                        "table;title;row;column;value",
                        31);
    buf_free(&csv);

    /* An empty year still makes a report. */
    plan_year_report empty;
    assert_int_equal(report_plan_year(d, NULL, &a, f.plan, 2019, REPORT_EXTERNAL, &empty, &e), HH_OK);
    assert_int_equal(empty.stats.sessions, 0);
    buf_init(&pdf, 0);
    assert_int_equal(report_pdf(&empty, &pdf, &pages, &e), HH_OK);
    assert_true(pages >= 1);
    buf_free(&pdf);
    assert_string_equal(report_filename(&a, &r, "pdf"),
                        arena_printf(&a, "aarsrapport-%lld-2025.pdf", (long long)f.plan));
    arena_free(&a);
    db_close(d);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suppress_grid),
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_suppression),
        cmocka_unit_test(test_renderers),
    };
    return TESTFIX_MAIN("report", tests);
}
