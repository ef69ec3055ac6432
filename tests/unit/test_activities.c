/* Activities (src/domain/activities*.c): the code tables and rules, the
 * key normaliser, the schedule, activities and their status log, sessions
 * (rules, idempotent client tokens, nothing half-written), the counting
 * rules with hand-computed numbers, reach, scope and key privacy,
 * involvement and its matrix, outreach, roles, courses, stories and
 * small-number suppression. Runs on SQLite by default; with the argument
 * "postgres" on the throwaway server of tests/with-postgres.sh. */
#include "cm.h"
#include "testfix.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/embed.h"
#include "core/util.h"
#include "db/migrate.h"
#include "domain/activities.h"
#include "domain/keyfig.h"
#include "domain/plans.h"

static db_kind kind = DB_SQLITE;
static char tmpdir[] = "/tmp/helhed-test-activities.XXXXXX";
static int seq;

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* ---- fixtures ---- */

/* Organisations 101 and 102 in København (0101), 201 in Frederiksberg
 * (0147); departments 101-1, 101-2, 102-1 in 0101 and 201-1 in 0147; area
 * BO-T1 (0101) of 101-1 and 102-1 (and of 101-2 until 2010), area BO-T2
 * (0147) of 201-1. */
static db *fresh(void)
{
    const char *sql = TESTFIX_REGISTRY_SQL
        "INSERT INTO area_member (area_id, department_id, valid_from, valid_to) VALUES (1, 1, '2000-01-01', NULL),"
        " (1, 3, '2000-01-01', NULL), (1, 2, '2000-01-01', '2010-12-31'), (2, 4, '2000-01-01', NULL);";
    return testfix_fresh(kind, tmpdir, "acts", ++seq, sql);
}

/* A social plan of 101 in København covering 101-1 and area BO-T1, focus
 * Sundhed and Uddannelse (or of 201 in Frederiksberg covering 201-1). */
static int64_t make_plan(db *d, bool frederiksberg)
{
    plan_input in;
    testfix_plan_nordparken(&in);
    if (frederiksberg) {
        static const int64_t orgs[] = { 201 };
        static const char *const deps[] = { "201-1" };
        static const char *const areas[] = { "BO-T2" };
        in.name = "Bakken sammen";
        in.municipality_code = "0147";
        testfix_plan_scope(&in, orgs, 1, deps, 1, areas, 1);
    }
    in.round = "2011-2014";
    in.idea_date = "2015-01-01";
    static const char *focus[] = { "Sundhed", "Uddannelse" };
    in.has_focus = true;
    in.focus = focus;
    in.nfocus = 2;
    return testfix_plan_create(d, &in);
}

static activity new_activity(int64_t plan_id, const char *name, act_schedule sched, const char *first)
{
    activity x;
    memset(&x, 0, sizeof x);
    x.plan_id = plan_id;
    x.name = name;
    x.description = "";
    x.focus = "";
    x.categories = 1u << CAT_EXERCISE;
    x.format = FMT_TEAM;
    x.responsible_kind = RESP_STAFF;
    x.responsible = "Medarbejder";
    x.idea_source = IDEA_RESIDENTS;
    x.status = AS_RUNNING;
    x.schedule = sched;
    x.first_date = first;
    x.last_date = "";
    x.start_time = "";
    x.end_time = "";
    return x;
}

static int64_t make_activity(db *d, int64_t plan_id, const char *name)
{
    arena a;
    arena_init(&a);
    activity x = new_activity(plan_id, name, SCHED_WEEKLY, "");
    hh_error e;
    if (activity_put(d, NULL, &a, &x, &e))
        fail_msg("activity_put: %s", e.msg);
    arena_free(&a);
    return x.id;
}

/* A session with n participants (all women 30-64 unless cells are set) and
 * the given keys ("A1,B2", NULL = unkeyed). */
static act_session new_session(arena *a, int64_t activity_id, const char *date, int n, int typed_new, const char *keys)
{
    act_session s;
    memset(&s, 0, sizeof s);
    s.activity_id = activity_id;
    s.date = date;
    s.start_time = "";
    s.note = "";
    s.counts[GENDER_FEMALE][AGE_ADULT] = n;
    s.new_participants = typed_new;
    if (keys) {
        const char **k = arena_zalloc(a, 32 * sizeof *k);
        size_t nk = 0;
        char *copy = arena_strdup(a, keys);
        for (char *c = copy, *start = copy;; c++)
            if (*c == ',' || *c == '\0') {
                bool end = *c == '\0';
                *c = '\0';
                k[nk++] = start;
                start = c + 1;
                if (end)
                    break;
            }
        s.keys = k;
        s.nkeys = nk;
    }
    return s;
}

static int64_t add_session(db *d, int64_t activity_id, const char *date, int n, int typed_new, const char *keys)
{
    arena a;
    arena_init(&a);
    act_session s = new_session(&a, activity_id, date, n, typed_new, keys);
    hh_error e;
    if (act_session_put(d, NULL, &a, &s, &e))
        fail_msg("act_session_put %s: %s", date, e.msg);
    arena_free(&a);
    return s.id;
}

static int64_t query(db *d, const char *sql)
{
    int64_t n = -1;
    if (!db_query_int64(d, sql, &n))
        fail_msg("query failed: %s (%s)", sql, db_errmsg(d));
    return n;
}

static void put_residents(db *d, int64_t dept, int year, double v)
{
    testfix_put_value(d, dept, kf_find("residents"), year, NAN, NAN, v);
}

/* ---- tables, suppression, keys, schedule (pure) ---- */

static void test_tables(void **state)
{
    assert_string_equal(act_category_code[CAT_HEALTH_TESTS], "health_tests");
    assert_string_equal(act_status_label[AS_WAIT_AND_SEE], "Se tiden an");
    assert_string_equal(inv_type_code[INV_PROFESSIONALS_INFORM], "professionals_inform");
    assert_string_equal(inv_hart_label[8], "Beboerinitiativ med fælles beslutninger");
    assert_string_equal(outreach_method_code[OUT_EVENT_STAND], "event_stand");
    assert_string_equal(resident_role_code[RR_COMMUNITY_AGENT], "community_agent");
    assert_string_equal(course_kind_code[COURSE_OTHER], "other");
    assert_false(act_status_is_outcome(AS_IDEA));
    assert_false(act_status_is_outcome(AS_RUNNING));
    for (int s = AS_RUN_BY_RESIDENTS; s < AS_COUNT; s++)
        assert_true(act_status_is_outcome((act_status)s));
    const char *codes[] = { "keys_match_count",   "key_not_personal", "new_le_participants", "session_in_future",
                            "session_date_range", "focus_in_plan",    "status_back_to_idea", "partner_role" };
    assert_int_equal(act_nrules, HH_ARRAY_LEN(codes));
    for (size_t i = 0; i < HH_ARRAY_LEN(codes); i++) {
        assert_string_equal(act_rules[i].code, codes[i]);
        assert_true(act_rules[i].text_da[0] && act_rules[i].source[0]);
    }
}

static void test_count_text(void **state)
{
    arena a;
    arena_init(&a);
    assert_string_equal(act_count_text(&a, 0, true), "0");
    for (int n = 1; n <= 4; n++) {
        assert_string_equal(act_count_text(&a, n, true), "<5");
        assert_true(act_count_hidden(n, true));
        assert_false(act_count_hidden(n, false));
    }
    assert_string_equal(act_count_text(&a, 3, false), "3");
    assert_string_equal(act_count_text(&a, 5, true), "5");
    assert_false(act_count_hidden(5, true));
    assert_false(act_count_hidden(0, true));
    assert_string_equal(act_count_text(&a, 1234, true), "1.234");
    assert_string_equal(act_count_text(&a, 1234567, false), "1.234.567");
    arena_free(&a);
}

/* Complementary suppression of sessions with their totals: no line (a
 * session's new + returning = participants, its cells = participants, a
 * column of sessions = its total, a month = its sessions) has exactly one
 * hidden figure. */
static void test_sessions_suppress(void **state)
{
    (void)state;
    act_session s[2];
    memset(s, 0, sizeof s);
    s[0].date = "2025-03-10";
    s[0].counts[GENDER_FEMALE][AGE_ADULT] = 10;
    s[0].participants = 10;
    s[0].new_participants = 2; /* hidden: so is returning (8) */
    s[0].volunteers = 6;
    s[1].date = "2025-03-03";
    s[1].counts[GENDER_FEMALE][AGE_ADULT] = 9;
    s[1].counts[GENDER_MALE][AGE_ADULT] = 3; /* hidden: so is female adult (9) */
    s[1].participants = 12;
    s[1].new_participants = 0;
    s[1].volunteers = 7;
    att_stats t = {
        .sessions = 2, .attendances = 22, .new_attendances = 2, .returning_attendances = 20, .volunteers = 13
    };
    t.counts[GENDER_FEMALE][AGE_ADULT] = 19;
    t.counts[GENDER_MALE][AGE_ADULT] = 3;
    t.by_gender[GENDER_FEMALE] = 19;
    t.by_gender[GENDER_MALE] = 3;
    t.by_age[AGE_ADULT] = 22;
    act_session_hidden h[2];
    att_hidden th;
    act_sessions_suppress(s, 2, &t, true, h, &th);
    assert_int_equal(h[0].new_participants, 1);
    assert_int_equal(h[0].returning, 2);
    assert_int_equal(h[1].counts[GENDER_MALE][AGE_ADULT], 1);
    assert_int_equal(h[1].counts[GENDER_FEMALE][AGE_ADULT], 2);
    /* The totals: male 3 hidden, so female 19 is; attendances stay. */
    assert_int_equal(th.by_gender[GENDER_MALE], 1);
    assert_int_equal(th.by_gender[GENDER_FEMALE], 2);
    assert_int_equal(th.attendances, 0);
    /* No line has exactly one hidden figure. */
#define ONE(a, b, c) ((!!(a) + !!(b) + !!(c)) == 1)
    for (int i = 0; i < 2; i++) {
        assert_false(ONE(h[i].new_participants, h[i].returning, h[i].participants));
        assert_false(
            ONE(h[i].counts[GENDER_FEMALE][AGE_ADULT], h[i].counts[GENDER_MALE][AGE_ADULT], h[i].participants));
    }
    assert_false(ONE(h[0].returning, h[1].returning, th.returning_attendances));
    assert_false(ONE(h[0].new_participants, h[1].new_participants, th.new_attendances));
    assert_false(ONE(h[0].participants, h[1].participants, th.attendances));
    assert_false(ONE(th.new_attendances, th.returning_attendances, th.attendances));
#undef ONE
    /* One month holding both sessions: its total is the year's. */
    assert_int_equal(h[0].month, h[1].month);
    /* The team sees everything. */
    act_sessions_suppress(s, 2, &t, false, h, &th);
    assert_int_equal(h[0].new_participants + h[0].returning + th.by_gender[GENDER_FEMALE], 0);
    /* Lines in general: a part of 1-4 with one shown sibling hides it. */
    int64_t v[4] = { 3, 7, 0, 10 };
    unsigned char hd[4];
    size_t l[] = { 4, 0, 1, 2, 3 };
    act_suppress_lines(v, hd, 4, l, 5);
    assert_int_equal(hd[0], 1);
    assert_int_equal(hd[1], 2);
    assert_int_equal(hd[2], 0);
    assert_int_equal(hd[3], 0);
    arena a;
    arena_init(&a);
    assert_string_equal(act_hidden_text(&a, 7, 2), ACT_HIDDEN_TEXT);
    assert_string_equal(act_hidden_text(&a, 3, 1), "<5");
    assert_string_equal(act_hidden_text(&a, 7, 0), "7");
    arena_free(&a);
}

static void test_keys(void **state)
{
    char out[32];
    assert_true(act_key_normalise("k7f3", out, sizeof out));
    assert_string_equal(out, "K7F3");
    assert_true(act_key_normalise(" ab-12 ", out, sizeof out));
    assert_string_equal(out, "AB-12");
    assert_true(act_key_normalise("A1", out, sizeof out));               /* 2 characters */
    assert_true(act_key_normalise("ABCDEFGHIJKLMNO1", out, sizeof out)); /* 16 */
    assert_true(act_key_normalise("1234567", out, sizeof out));          /* 7 digits in a row */
    const char *bad[] = { "anna@x.dk",  "12345678",          "010190-1234", "Anna Hansen", "",      " ",
                          "A",          "ABCDEFGHIJKLMNO12", "ANNA",        "æ1",          "AB_12", "x-010190-1234",
                          "+4512345678" };
    for (size_t i = 0; i < HH_ARRAY_LEN(bad); i++) {
        out[0] = 'x';
        if (act_key_normalise(bad[i], out, sizeof out))
            fail_msg("accepted %s", bad[i]);
        assert_string_equal(out, "");
    }
    assert_false(act_key_normalise(NULL, out, sizeof out));
    char small[4];
    assert_false(act_key_normalise("AB-12", small, sizeof small)); /* does not fit */
}

static void check_dates(const char **got, size_t n, const char *const *want, size_t nwant)
{
    assert_int_equal(n, nwant);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(got[i], want[i]);
}

static void test_schedule(void **state)
{
    arena a;
    arena_init(&a);
    const char *out[64];
    size_t n;
    /* weekly from Monday 1 January 2024, not on the 15th */
    activity x = new_activity(1, "Løbeklub", SCHED_WEEKLY, "2024-01-01");
    const char *exc[] = { "2024-01-15" };
    x.exceptions = exc;
    x.nexceptions = 1;
    n = activity_schedule_dates(&a, &x, "2024-01-01", "2024-01-31", out, 64);
    check_dates(out, n, (const char *[]){ "2024-01-01", "2024-01-08", "2024-01-22", "2024-01-29" }, 4);
    n = activity_schedule_dates(&a, &x, "2024-01-10", "2024-01-31", out, 64);
    check_dates(out, n, (const char *[]){ "2024-01-22", "2024-01-29" }, 2);
    n = activity_schedule_dates(&a, &x, "2023-12-01", "2024-01-08", out, 64); /* not before the first date */
    check_dates(out, n, (const char *[]){ "2024-01-01", "2024-01-08" }, 2);
    n = activity_schedule_dates(&a, &x, "2024-01-01", "2024-01-31", out, 2); /* max */
    assert_int_equal(n, 2);
    n = activity_schedule_dates(&a, &x, "2024-01-31", "2024-01-01", out, 64); /* empty range */
    assert_int_equal(n, 0);
    /* last_date bounds it */
    x.nexceptions = 0;
    x.last_date = "2024-01-20";
    n = activity_schedule_dates(&a, &x, "2024-01-01", "2024-12-31", out, 64);
    check_dates(out, n, (const char *[]){ "2024-01-01", "2024-01-08", "2024-01-15" }, 3);
    /* biweekly, across a year end */
    x = new_activity(1, "Café", SCHED_BIWEEKLY, "2023-12-18");
    n = activity_schedule_dates(&a, &x, "2024-01-01", "2024-02-01", out, 64);
    check_dates(out, n, (const char *[]){ "2024-01-01", "2024-01-15", "2024-01-29" }, 3);
    /* monthly from the 31st: the month's last day when shorter, 29 February in a leap year */
    x = new_activity(1, "Fællesspisning", SCHED_MONTHLY, "2023-12-31");
    n = activity_schedule_dates(&a, &x, "2023-12-01", "2024-05-31", out, 64);
    check_dates(out, n,
                (const char *[]){ "2023-12-31", "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31" },
                6);
    n = activity_schedule_dates(&a, &x, "2025-02-01", "2025-02-28", out, 64);
    check_dates(out, n, (const char *[]){ "2025-02-28" }, 1);
    n = activity_schedule_dates(&a, &x, "2024-02-01", "2024-02-28", out, 64); /* the 29th is outside */
    assert_int_equal(n, 0);
    /* one-off */
    x = new_activity(1, "Sundhedsdag", SCHED_ONE_OFF, "2024-03-05");
    n = activity_schedule_dates(&a, &x, "2024-03-01", "2024-03-31", out, 64);
    check_dates(out, n, (const char *[]){ "2024-03-05" }, 1);
    n = activity_schedule_dates(&a, &x, "2024-03-06", "2024-03-31", out, 64);
    assert_int_equal(n, 0);
    /* no first date, bad input: nothing */
    x.first_date = "";
    assert_int_equal(activity_schedule_dates(&a, &x, "2024-03-01", "2024-03-31", out, 64), 0);
    x.first_date = "2024-03-05";
    assert_int_equal(activity_schedule_dates(&a, &x, "2024-3-1", "2024-03-31", out, 64), 0);
    arena_free(&a);
}

/* ---- activities ---- */

static void test_activity_crud(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false);
    partner pa = { .name = "Motionsforeningen", .type = PT_VOLUNTARY_ASSOCIATION, .municipality_code = "0101" };
    assert_int_equal(partner_put(d, NULL, &a, &pa, &e), HH_OK);
    activity x = new_activity(pid, "Løbeklub", SCHED_WEEKLY, "2024-01-01");
    x.categories = (1u << CAT_EXERCISE) | (1u << CAT_WELLBEING);
    x.targets = 1u << TG_WOMEN;
    x.kram = 1u << KRAM_EXERCISE;
    x.channels = (1u << CHN_FLYER) | (1u << CHN_DIGITAL);
    x.focus = "Sundhed";
    x.status = AS_PLANNED;
    x.start_time = "17:00";
    x.end_time = "18:30";
    const char *exc[] = { "2024-01-15", "2024-01-15" }; /* twice: kept once */
    x.exceptions = exc;
    x.nexceptions = 2;
    act_partner parts[] = { { .partner_id = pa.id, .role = CP_DELIVERY } };
    x.partners = parts;
    x.npartners = 1;
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_OK);
    assert_true(x.id > 0);
    activity got;
    assert_int_equal(activity_get(d, NULL, &a, x.id, &got, &e), HH_OK);
    assert_string_equal(got.name, "Løbeklub");
    assert_string_equal(got.plan_name, "Nordparken i fællesskab");
    assert_int_equal(got.categories, x.categories);
    assert_int_equal(got.targets, x.targets);
    assert_int_equal(got.kram, x.kram);
    assert_int_equal(got.channels, x.channels);
    assert_string_equal(got.focus, "Sundhed");
    assert_int_equal(got.status, AS_PLANNED);
    assert_int_equal(got.nexceptions, 1);
    assert_string_equal(got.exceptions[0], "2024-01-15");
    assert_int_equal(got.npartners, 1);
    assert_string_equal(got.partners[0].partner_name, "Motionsforeningen");
    assert_int_equal(got.partners[0].role, CP_DELIVERY);
    assert_string_equal(got.start_time, "17:00");
    assert_string_equal(got.last_session, "");
    assert_int_equal(got.sessions, 0);
    /* the creation logged the initial status */
    act_status_change *h;
    size_t nh;
    assert_int_equal(activity_status_history(d, &a, x.id, &h, &nh, &e), HH_OK);
    assert_int_equal(nh, 1);
    assert_int_equal(h[0].status, AS_PLANNED);
    /* the status changes with its date; back to idea is refused */
    assert_int_equal(activity_status_set(d, NULL, &a, x.id, AS_RUNNING, "2024-01-01", &e), HH_OK);
    assert_int_equal(activity_status_set(d, NULL, &a, x.id, AS_IDEA, NULL, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "status_back_to_idea");
    assert_string_equal(e.field, "status");
    assert_int_equal(activity_status_set(d, NULL, &a, x.id, AS_STOPPED, "2099-01-01", &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "date");
    assert_int_equal(activity_status_set(d, NULL, &a, x.id, AS_HANDED_TO_PARTNER, NULL, &e), HH_OK);
    assert_int_equal(activity_status_history(d, &a, x.id, &h, &nh, &e), HH_OK);
    assert_int_equal(nh, 3); /* by effective date: the back-dated change first */
    assert_int_equal(h[0].status, AS_RUNNING);
    assert_string_equal(h[0].effective, "2024-01-01");
    assert_int_equal(h[1].status, AS_PLANNED);
    assert_int_equal(h[2].status, AS_HANDED_TO_PARTNER);
    assert_string_equal(h[2].user_name, "");
    /* an update through put back to idea is refused too; lists replace */
    got.status = AS_IDEA;
    assert_int_equal(activity_put(d, NULL, &a, &got, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "status_back_to_idea");
    got.status = AS_STOPPED;
    got.nexceptions = 0;
    got.npartners = 0;
    got.channels = 0;
    assert_int_equal(activity_put(d, NULL, &a, &got, &e), HH_OK);
    assert_int_equal(activity_get(d, NULL, &a, x.id, &got, &e), HH_OK);
    assert_int_equal(got.nexceptions, 0);
    assert_int_equal(got.npartners, 0);
    assert_int_equal(got.channels, 0);
    assert_int_equal(got.status, AS_STOPPED);
    assert_int_equal(activity_status_history(d, &a, x.id, &h, &nh, &e), HH_OK);
    assert_int_equal(nh, 4);
    /* a second activity; lists and filters */
    activity y = new_activity(pid, "Madklub", SCHED_ONE_OFF, "2024-03-05");
    y.categories = 1u << CAT_FOOD;
    y.status = AS_IDEA;
    assert_int_equal(activity_put(d, NULL, &a, &y, &e), HH_OK);
    activity *l;
    size_t n;
    activity_filter f = { .plan_id = pid, .status = -1, .category = -1 };
    assert_int_equal(activity_list(d, NULL, &a, &f, &l, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_string_equal(l[0].name, "Løbeklub");
    assert_string_equal(l[1].name, "Madklub");
    assert_int_equal(l[1].categories, 1u << CAT_FOOD);
    f.category = CAT_FOOD;
    assert_int_equal(activity_list(d, NULL, &a, &f, &l, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    f.category = -1;
    f.status = AS_STOPPED;
    assert_int_equal(activity_list(d, NULL, &a, &f, &l, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    f.status = -1;
    f.q = "MAD";
    assert_int_equal(activity_list(d, NULL, &a, &f, &l, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    f.q = NULL;
    f.scheduled_on_set = true;
    f.scheduled_on = "2024-03-05";
    assert_int_equal(activity_list(d, NULL, &a, &f, &l, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].name, "Madklub");
    f.scheduled_on = "2024-01-15"; /* the exception was removed: the weekly club meets */
    assert_int_equal(activity_list(d, NULL, &a, &f, &l, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].name, "Løbeklub");
    /* delete */
    assert_int_equal(activity_delete(d, NULL, y.id, &e), HH_OK);
    assert_int_equal(activity_delete(d, NULL, y.id, &e), HH_ERR_NOTFOUND);
    assert_int_equal(activity_get(d, NULL, &a, y.id, &got, &e), HH_ERR_NOTFOUND);
    arena_free(&a);
    db_close(d);
}

static void test_activity_rules(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false);
    int64_t v0 = query(d, "SELECT version FROM data_version WHERE grp = 'activities'");
    activity x = new_activity(pid, "", SCHED_WEEKLY, "2024-01-01");
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "name");
    x.name = "Løbeklub";
    x.categories = 0;
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "categories");
    x.categories = 1u << CAT_EXERCISE;
    x.focus = "Beskæftigelse"; /* a focus area of the round, not of the plan */
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "focus_in_plan");
    assert_string_equal(e.field, "focus");
    assert_non_null(strstr(e.msg, "Beskæftigelse"));
    x.focus = "Uddannelse";
    x.responsible_kind = RESP_PARTNER;
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "partner_role");
    assert_string_equal(e.field, "responsible_partner_id");
    x.responsible_partner_id = 999;
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "partner_role");
    x.responsible_kind = RESP_STAFF;
    act_partner parts[] = { { .partner_id = 999, .role = CP_DELIVERY } };
    x.partners = parts;
    x.npartners = 1;
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "partner_role");
    assert_string_equal(e.field, "partners");
    x.npartners = 0;
    x.last_date = "2023-12-31";
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "last_date");
    x.last_date = "2024-01-01"; /* the same day is fine */
    x.start_time = "24:00";
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "start_time");
    x.start_time = "23:59";
    x.first_date = "2024-02-30";
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "first_date");
    x.first_date = "2024-01-01";
    /* nothing was written by the refusals */
    assert_int_equal(query(d, "SELECT COUNT(*) FROM activity"), 0);
    assert_int_equal(query(d, "SELECT version FROM data_version WHERE grp = 'activities'"), v0);
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_OK);
    assert_true(query(d, "SELECT version FROM data_version WHERE grp = 'activities'") > v0);
    arena_free(&a);
    db_close(d);
}

/* ---- scope and privacy ---- */

static void test_scope(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pa = make_plan(d, false), pb = make_plan(d, true);
    int64_t xa = make_activity(d, pa, "Løbeklub"), xb = make_activity(d, pb, "Bakkecafé");
    int64_t sb = add_session(d, xb, "2024-02-01", 2, 0, "K1,K2");
    principal *staff_a = testfix_who(&a, ROLE_PLAN_STAFF, arena_printf(&a, "%lld", (long long)pa));
    principal *viewer = testfix_who(&a, ROLE_VIEWER, "municipality=0101");
    principal *muni_b = testfix_who(&a, ROLE_MUNICIPALITY, "0147");
    activity got;
    /* plan A's staff: plan B's activity does not exist */
    assert_int_equal(activity_get(d, staff_a, &a, xa, &got, &e), HH_OK);
    assert_int_equal(activity_get(d, staff_a, &a, xb, &got, &e), HH_ERR_NOTFOUND);
    activity upd = got;
    assert_int_equal(activity_get(d, NULL, &a, xb, &upd, &e), HH_OK);
    upd.name = "Overtaget";
    assert_int_equal(activity_put(d, staff_a, &a, &upd, &e), HH_ERR_NOTFOUND);
    assert_int_equal(activity_delete(d, staff_a, xb, &e), HH_ERR_NOTFOUND);
    assert_int_equal(activity_status_set(d, staff_a, &a, xb, AS_STOPPED, NULL, &e), HH_ERR_NOTFOUND);
    activity nx = new_activity(pb, "Ny", SCHED_ONE_OFF, "");
    assert_int_equal(activity_put(d, staff_a, &a, &nx, &e), HH_ERR_NOTFOUND);
    act_session s;
    assert_int_equal(act_session_get(d, staff_a, &a, sb, &s, &e), HH_ERR_NOTFOUND);
    act_session ns = new_session(&a, xb, "2024-02-02", 1, 1, NULL);
    assert_int_equal(act_session_put(d, staff_a, &a, &ns, &e), HH_ERR_NOTFOUND);
    assert_int_equal(act_session_delete(d, staff_a, sb, &e), HH_ERR_NOTFOUND);
    att_stats st;
    assert_int_equal(act_attendance(d, staff_a, &a, pb, 0, 0, &st, &e), HH_ERR_NOTFOUND);
    assert_int_equal(act_attendance(d, staff_a, &a, 0, xb, 0, &st, &e), HH_ERR_NOTFOUND);
    act_session *ss;
    size_t n;
    assert_int_equal(act_sessions(d, staff_a, &a, pb, 0, 0, &ss, &n, &e), HH_ERR_NOTFOUND);
    activity *l;
    assert_int_equal(activity_list(d, staff_a, &a, NULL, &l, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(l[0].id, xa);
    /* a municipality viewer reads plan A but may not write it */
    assert_int_equal(activity_get(d, viewer, &a, xa, &got, &e), HH_OK);
    got.name = "Ændret";
    assert_int_equal(activity_put(d, viewer, &a, &got, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(activity_delete(d, viewer, xa, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(activity_status_set(d, viewer, &a, xa, AS_STOPPED, NULL, &e), HH_ERR_FORBIDDEN);
    ns = new_session(&a, xa, "2024-02-02", 1, 1, NULL);
    assert_int_equal(act_session_put(d, viewer, &a, &ns, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(activity_get(d, viewer, &a, xb, &got, &e), HH_ERR_NOTFOUND);
    /* keys: the plan's team sees them (audited), readers do not */
    int64_t audits = query(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'read_personal'");
    assert_int_equal(act_session_get(d, muni_b, &a, sb, &s, &e), HH_OK);
    assert_true(s.keyed);
    assert_int_equal(s.nkeys, 2);
    assert_string_equal(s.keys[0], "K1");
    assert_int_equal(query(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'read_personal'"), audits + 1);
    assert_int_equal(act_sessions(d, muni_b, &a, pb, 0, 0, &ss, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ss[0].nkeys, 2);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'read_personal'"), audits + 2);
    principal *national = testfix_who(&a, ROLE_NATIONAL, "");
    assert_int_equal(act_session_get(d, national, &a, sb, &s, &e), HH_OK);
    assert_true(s.keyed);
    assert_int_equal(s.nkeys, 0);
    assert_null(s.keys);
    assert_int_equal(s.participants, 2);
    assert_int_equal(act_sessions(d, national, &a, pb, 0, 0, &ss, &n, &e), HH_OK);
    assert_int_equal(ss[0].nkeys, 0);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'read_personal'"), audits + 2);
    arena_free(&a);
    db_close(d);
}

/* ---- sessions ---- */

static void test_session_rules(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false);
    activity x = new_activity(pid, "Løbeklub", SCHED_WEEKLY, "2024-01-01");
    x.last_date = "2024-06-30";
    assert_int_equal(activity_put(d, NULL, &a, &x, &e), HH_OK);
    act_session s = new_session(&a, x.id, "2099-01-01", 2, 0, NULL);
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "session_in_future");
    assert_string_equal(e.field, "date");
    char today[11];
    {
        char iso[21];
        hh_utc_iso(iso);
        memcpy(today, iso, 10);
        today[10] = '\0';
    }
    s.date = "2023-12-31";
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "session_date_range");
    assert_string_equal(e.field, "date");
    s.date = "2024-07-01";
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "session_date_range");
    s.date = "2024-13-01";
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "date");
    s.date = "2024-06-30"; /* the last date itself */
    s.new_participants = 3;
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "new_le_participants");
    assert_string_equal(e.field, "new_participants");
    s.new_participants = 2; /* at the bound */
    s.counts[GENDER_MALE][AGE_CHILD] = -1;
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "counts");
    s.counts[GENDER_MALE][AGE_CHILD] = 0;
    /* keys: one per participant, distinct, not personal */
    s = new_session(&a, x.id, "2024-01-01", 3, 0, "A1,B2");
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "keys_match_count");
    assert_string_equal(e.field, "keys");
    s = new_session(&a, x.id, "2024-01-01", 3, 0, "A1,B2,C3,D4");
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "keys_match_count");
    s = new_session(&a, x.id, "2024-01-01", 3, 0, "A1,b2,B2");
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "keys_match_count");
    s = new_session(&a, x.id, "2024-01-01", 3, 0, "A1,B2,anna@x.dk");
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "key_not_personal");
    assert_string_equal(e.field, "keys");
    assert_null(strstr(e.msg, "anna")); /* the message does not repeat it */
    s = new_session(&a, x.id, "2024-01-01", 3, 0, "A1,B2,010190-1234");
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "key_not_personal");
    /* nothing half-written */
    assert_int_equal(query(d, "SELECT COUNT(*) FROM activity_session"), 0);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM participant"), 0);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM session_participant"), 0);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM session_count"), 0);
    /* valid; keys normalised; today is allowed when in range */
    s = new_session(&a, x.id, "2024-01-01", 3, 0, " a1 ,b2,C3");
    s.counts[GENDER_FEMALE][AGE_ADULT] = 2;
    s.counts[GENDER_MALE][AGE_SENIOR] = 1;
    s.volunteers = 1;
    s.start_time = "17:00";
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_OK);
    assert_int_equal(s.participants, 3);
    act_session got;
    assert_int_equal(act_session_get(d, NULL, &a, s.id, &got, &e), HH_OK);
    assert_int_equal(got.participants, 3);
    assert_int_equal(got.new_participants, 3);
    assert_int_equal(got.counts[GENDER_MALE][AGE_SENIOR], 1);
    assert_int_equal(got.counts[GENDER_FEMALE][AGE_ADULT], 2);
    assert_int_equal(got.volunteers, 1);
    assert_int_equal(got.nkeys, 3);
    assert_string_equal(got.keys[0], "A1");
    assert_string_equal(got.keys[2], "C3");
    assert_string_equal(got.activity_name, "Løbeklub");
    assert_string_equal(got.start_time, "17:00");
    /* the same date and time again is a conflict */
    act_session dup = new_session(&a, x.id, "2024-01-01", 1, 1, NULL);
    dup.start_time = "17:00";
    assert_int_equal(act_session_put(d, NULL, &a, &dup, &e), HH_ERR_CONFLICT);
    assert_int_equal(dup.id, 0);
    /* an update that breaks a rule leaves the session as it was */
    got.nkeys = 2;
    assert_int_equal(act_session_put(d, NULL, &a, &got, &e), HH_ERR_INPUT);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM session_participant"), 3);
    /* an update without keys drops them */
    act_session upd = new_session(&a, x.id, "2024-01-08", 4, 1, NULL);
    upd.id = s.id;
    assert_int_equal(act_session_put(d, NULL, &a, &upd, &e), HH_OK);
    assert_int_equal(act_session_get(d, NULL, &a, s.id, &got, &e), HH_OK);
    assert_false(got.keyed);
    assert_int_equal(got.participants, 4);
    assert_int_equal(got.new_participants, 1);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM session_participant"), 0);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM participant"), 0); /* unused keys go */
    /* delete */
    assert_int_equal(act_session_delete(d, NULL, s.id, &e), HH_OK);
    assert_int_equal(act_session_delete(d, NULL, s.id, &e), HH_ERR_NOTFOUND);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM session_count"), 0);
    /* the bounds themselves are fine: new = participants on the last date */
    s = new_session(&a, x.id, "2024-06-30", 2, 2, NULL);
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_OK);
    /* today is fine, tomorrow is in the future (an open-ended activity) */
    activity open = new_activity(pid, "Café", SCHED_WEEKLY, "2024-01-01");
    assert_int_equal(activity_put(d, NULL, &a, &open, &e), HH_OK);
    s = new_session(&a, open.id, today, 1, 1, NULL);
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_OK);
    char tomorrow[32];
    {
        time_t t = time(NULL) + 86400;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(tomorrow, sizeof tomorrow, "%Y-%m-%d", &tm);
    }
    s = new_session(&a, open.id, tomorrow, 1, 1, NULL);
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "session_in_future");
    assert_string_equal(e.field, "date");
    arena_free(&a);
    db_close(d);
}

static void test_client_token(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false);
    int64_t x = make_activity(d, pid, "Løbeklub"), y = make_activity(d, pid, "Madklub");
    act_session s = new_session(&a, x, "2024-01-01", 2, 0, "A1,B2");
    s.client_token = "tok-123";
    assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_OK);
    int64_t first = s.id;
    /* the phone resubmits after a lost answer: same id, no second row */
    act_session again = new_session(&a, x, "2024-01-01", 2, 0, "A1,B2");
    again.client_token = "tok-123";
    assert_int_equal(act_session_put(d, NULL, &a, &again, &e), HH_OK);
    assert_int_equal(again.id, first);
    assert_int_equal(again.participants, 2);
    assert_true(again.keyed);
    /* even if the retry differs (a different date) */
    again = new_session(&a, x, "2024-01-02", 1, 1, NULL);
    again.client_token = "tok-123";
    assert_int_equal(act_session_put(d, NULL, &a, &again, &e), HH_OK);
    assert_int_equal(again.id, first);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM activity_session"), 1);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM session_participant"), 2);
    /* the token of another activity's form is a conflict */
    again = new_session(&a, y, "2024-01-01", 1, 1, NULL);
    again.client_token = "tok-123";
    assert_int_equal(act_session_put(d, NULL, &a, &again, &e), HH_ERR_CONFLICT);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM activity_session"), 1);
    arena_free(&a);
    db_close(d);
}

/* ---- the counting rules ----
 * Plan P (hand-computed; keys in brackets, n = participants, new = typed):
 *   X keyed:  2023-05-01 [A1 B2]         new 2 (both first in X)
 *             2024-03-01 [A1 C3]         new 1 (C3), returning 1
 *             2024-03-08 [A1 B2 C3]      new 0, returning 3
 *   Y unkeyed: 2024-02-01 n 10 new 10, 2024-02-08 n 12 new 3, 2024-02-15 n 8 new 0
 *   W keyed:  2024-04-01 [A1 D4]         new 2 (both first in W)
 *   M mixed:  2024-05-01 [E5 F6]         new 2; 2024-05-08 n 5 new 1 (unkeyed)
 * 2024, plan: sessions 8; attendances 5+30+2+7 = 44; new 1+13+2+3 = 19;
 *   returning 25; unique = keys {A1 B2 C3 D4 E5 F6} 6 + Y max(12, 13) = 13
 *   + M max(5, 1) = 5 → 24, not exact; new_plan = keys first seen in the
 *   plan in 2024 {C3 D4 E5 F6} 4 + typed new unkeyed 13 + 1 → 18;
 *   activities 4.
 * 2023: sessions 1, attendances 2, new 2, unique 2 exact, new_plan 2.
 * all years: sessions 9, attendances 46, new 21, returning 25, unique 24,
 *   new_plan 6 + 14 = 20.
 * X in 2024: sessions 2, attendances 5, new 1, returning 4, unique 3
 *   {A1 B2 C3} exact, new_plan 1 (C3; A1 and B2 came in 2023).
 * W in 2024: new 2 (new to W) but new_plan 1 (D4; A1 is from 2023).
 * M in 2024: unique 2 + max(5, 1) = 7, not exact, new_plan 2 + 1 = 3. */
static void test_counting(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false);
    int64_t x = make_activity(d, pid, "X"), y = make_activity(d, pid, "Y"), w = make_activity(d, pid, "W"),
            m = make_activity(d, pid, "M");
    /* inserted out of order: the rules go by date */
    add_session(d, x, "2024-03-08", 3, 0, "A1,B2,C3");
    add_session(d, x, "2024-03-01", 2, 0, "A1,C3");
    add_session(d, x, "2023-05-01", 2, 0, "A1,B2");
    {
        act_session s = new_session(&a, y, "2024-02-01", 0, 10, NULL);
        s.counts[GENDER_FEMALE][AGE_ADULT] = 6;
        s.counts[GENDER_MALE][AGE_CHILD] = 4;
        s.volunteers = 2;
        assert_int_equal(act_session_put(d, NULL, &a, &s, &e), HH_OK);
    }
    add_session(d, y, "2024-02-08", 12, 3, NULL);
    add_session(d, y, "2024-02-15", 8, 0, NULL);
    add_session(d, w, "2024-04-01", 2, 0, "A1,D4");
    add_session(d, m, "2024-05-01", 2, 0, "E5,F6");
    add_session(d, m, "2024-05-08", 5, 1, NULL);
    att_stats st;
    assert_int_equal(act_attendance(d, NULL, &a, pid, 0, 2024, &st, &e), HH_OK);
    assert_int_equal(st.sessions, 8);
    assert_int_equal(st.attendances, 44);
    assert_int_equal(st.new_attendances, 19);
    assert_int_equal(st.returning_attendances, 25);
    assert_int_equal(st.unique, 24);
    assert_false(st.unique_exact);
    assert_int_equal(st.new_plan, 18);
    assert_int_equal(st.volunteers, 2);
    assert_int_equal(st.activities, 4);
    assert_int_equal(st.by_gender[GENDER_MALE], 4);
    assert_int_equal(st.by_gender[GENDER_FEMALE], 40);
    assert_int_equal(st.by_age[AGE_CHILD], 4);
    assert_int_equal(st.by_age[AGE_ADULT], 40);
    assert_int_equal(st.counts[GENDER_MALE][AGE_CHILD], 4);
    assert_int_equal(act_attendance(d, NULL, &a, pid, 0, 2023, &st, &e), HH_OK);
    assert_int_equal(st.sessions, 1);
    assert_int_equal(st.attendances, 2);
    assert_int_equal(st.new_attendances, 2);
    assert_int_equal(st.returning_attendances, 0);
    assert_int_equal(st.unique, 2);
    assert_true(st.unique_exact);
    assert_int_equal(st.new_plan, 2);
    assert_int_equal(st.activities, 1);
    assert_int_equal(act_attendance(d, NULL, &a, pid, 0, 0, &st, &e), HH_OK);
    assert_int_equal(st.sessions, 9);
    assert_int_equal(st.attendances, 46);
    assert_int_equal(st.new_attendances, 21);
    assert_int_equal(st.returning_attendances, 25);
    assert_int_equal(st.unique, 24);
    assert_int_equal(st.new_plan, 20);
    assert_int_equal(act_attendance(d, NULL, &a, 0, x, 2024, &st, &e), HH_OK);
    assert_int_equal(st.sessions, 2);
    assert_int_equal(st.attendances, 5);
    assert_int_equal(st.new_attendances, 1);
    assert_int_equal(st.returning_attendances, 4);
    assert_int_equal(st.unique, 3);
    assert_true(st.unique_exact);
    assert_int_equal(st.new_plan, 1);
    assert_int_equal(act_attendance(d, NULL, &a, pid, w, 2024, &st, &e), HH_OK);
    assert_int_equal(st.new_attendances, 2);
    assert_int_equal(st.new_plan, 1);
    assert_int_equal(st.unique, 2);
    assert_int_equal(act_attendance(d, NULL, &a, 0, m, 2024, &st, &e), HH_OK);
    assert_int_equal(st.sessions, 2);
    assert_int_equal(st.attendances, 7);
    assert_int_equal(st.new_attendances, 3);
    assert_int_equal(st.unique, 7);
    assert_false(st.unique_exact);
    assert_int_equal(st.new_plan, 3);
    assert_int_equal(act_attendance(d, NULL, &a, 0, y, 2024, &st, &e), HH_OK);
    assert_int_equal(st.unique, 13);
    assert_int_equal(st.new_plan, 13);
    assert_int_equal(act_attendance(d, NULL, &a, pid, 0, 2022, &st, &e), HH_OK);
    assert_int_equal(st.sessions, 0);
    assert_int_equal(st.unique, 0);
    assert_true(st.unique_exact);
    /* the activity of another plan is not in this one */
    int64_t other = make_plan(d, true);
    assert_int_equal(act_attendance(d, NULL, &a, other, x, 2024, &st, &e), HH_ERR_NOTFOUND);
    /* session new as sessions show it: X 2024-03-01 has one new (C3) */
    act_session *ss;
    size_t n;
    assert_int_equal(act_sessions(d, NULL, &a, 0, x, 0, &ss, &n, &e), HH_OK);
    assert_int_equal(n, 3);
    assert_string_equal(ss[0].date, "2024-03-08"); /* newest first */
    assert_int_equal(ss[0].new_participants, 0);
    assert_int_equal(ss[1].new_participants, 1);
    assert_int_equal(ss[2].new_participants, 2);
    assert_int_equal(act_sessions(d, NULL, &a, pid, 0, 2023, &ss, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(act_sessions(d, NULL, &a, pid, 0, 2024, &ss, &n, &e), HH_OK);
    assert_int_equal(n, 8);
    /* keys are kept per plan while a session uses them */
    assert_int_equal(query(d, "SELECT COUNT(*) FROM participant"), 6);
    /* deleting the 2023 session makes A1 and B2 new in 2024 */
    int64_t s23 = query(d, "SELECT id FROM activity_session WHERE date = '2023-05-01'");
    assert_int_equal(act_session_delete(d, NULL, s23, &e), HH_OK);
    assert_int_equal(act_attendance(d, NULL, &a, 0, x, 2024, &st, &e), HH_OK);
    assert_int_equal(st.new_attendances, 3); /* A1, C3 on 2024-03-01; B2 on 2024-03-08 */
    assert_int_equal(st.new_attendances + st.returning_attendances, 5);
    assert_int_equal(st.new_plan, 3);
    /* deleting M removes E5 and F6, which no other session uses */
    assert_int_equal(activity_delete(d, NULL, m, &e), HH_OK);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM participant"), 4);
    arena_free(&a);
    db_close(d);
}

/* Reach: residents of the plan's department 101-1 and the current members
 * of its area BO-T1 (101-1 once, 102-1; 101-2 left the area in 2010), in
 * the year or the latest year before it with data. */
static void test_reach(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false);
    put_residents(d, 1, 2022, 900);
    put_residents(d, 1, 2023, 1000);
    put_residents(d, 3, 2023, 500);
    put_residents(d, 2, 2023, 9999); /* not a member any more */
    put_residents(d, 4, 2023, 7777); /* another area */
    put_residents(d, 1, 2025, 1100);
    int64_t x = make_activity(d, pid, "Løbeklub"), y = make_activity(d, pid, "Café");
    add_session(d, x, "2024-03-01", 3, 0, "A1,B2,C3");
    add_session(d, y, "2024-03-02", 12, 12, NULL);
    act_reach r;
    assert_int_equal(act_reach_get(d, NULL, &a, pid, 2024, &r, &e), HH_OK);
    assert_int_equal(r.year, 2024);
    assert_int_equal(r.unique, 15);
    assert_false(r.exact);
    assert_int_equal(r.residents, 1500);
    assert_int_equal(r.residents_year, 2023);
    NEAR(r.share, 15.0 / 1500.0);
    assert_int_equal(act_reach_get(d, NULL, &a, pid, 2022, &r, &e), HH_OK);
    assert_int_equal(r.residents, 900);
    assert_int_equal(r.residents_year, 2022);
    assert_int_equal(r.unique, 0);
    NEAR(r.share, 0.0);
    assert_int_equal(act_reach_get(d, NULL, &a, pid, 2021, &r, &e), HH_OK);
    assert_int_equal(r.residents, 0);
    assert_int_equal(r.residents_year, 0);
    assert_true(isnan(r.share));
    assert_int_equal(act_reach_get(d, testfix_who(&a, ROLE_PLAN_STAFF, "999"), &a, pid, 2024, &r, &e), HH_ERR_NOTFOUND);
    arena_free(&a);
    db_close(d);
}

/* ---- involvement ---- */

static int64_t put_inv(db *d, int64_t plan_id, int64_t activity_id, int year, inv_phase ph, inv_type t)
{
    arena a;
    arena_init(&a);
    involvement v;
    memset(&v, 0, sizeof v);
    v.plan_id = plan_id;
    v.activity_id = activity_id;
    v.year = year;
    v.phase = ph;
    v.type = t;
    v.answers[0] = "Ja, i en workshop";
    hh_error e;
    if (involvement_put(d, NULL, &a, &v, &e))
        fail_msg("involvement_put: %s", e.msg);
    arena_free(&a);
    return v.id;
}

/* 2024: X and Y have sessions, Z only a record, Q only a 2023 session:
 *   knowledge: X resident·joint → replaced by resident·resident, Y none,
 *              Z professional·joint → 3 recorded, 2/3 involved, 1/3 resident
 *   ideas:     X resident·resident, Y professionals inform → 2 recorded, 1 unrecorded
 *   planning:  X professional·joint → 1 recorded, 2 unrecorded
 *   implementation, anchoring, evaluation: 3 unrecorded, shares NaN.
 * 2023: Q (session) and X (evaluation record): evaluation 1 recorded, 1 unrecorded.
 * The plan-level record is not an activity of the matrix. */
static void test_involvement(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false), other = make_plan(d, true);
    int64_t x = make_activity(d, pid, "X"), y = make_activity(d, pid, "Y"), z = make_activity(d, pid, "Z"),
            q = make_activity(d, pid, "Q"), o = make_activity(d, other, "O");
    add_session(d, x, "2024-03-01", 5, 5, NULL);
    add_session(d, y, "2024-03-02", 5, 5, NULL);
    add_session(d, q, "2023-03-02", 5, 5, NULL);
    put_inv(d, pid, x, 2024, PHASE_KNOWLEDGE, INV_RESIDENT_JOINT);
    put_inv(d, pid, x, 2024, PHASE_IDEAS, INV_RESIDENT_RESIDENT);
    put_inv(d, pid, x, 2024, PHASE_PLANNING, INV_PROFESSIONAL_JOINT);
    put_inv(d, pid, y, 2024, PHASE_KNOWLEDGE, INV_NONE);
    put_inv(d, pid, y, 2024, PHASE_IDEAS, INV_PROFESSIONALS_INFORM);
    put_inv(d, pid, z, 2024, PHASE_KNOWLEDGE, INV_PROFESSIONAL_JOINT);
    int64_t plan_level = put_inv(d, pid, 0, 2024, PHASE_KNOWLEDGE, INV_RESIDENT_JOINT);
    put_inv(d, pid, x, 2023, PHASE_EVALUATION, INV_RESIDENT_JOINT);
    /* put replaces */
    int64_t again = put_inv(d, pid, x, 2024, PHASE_KNOWLEDGE, INV_RESIDENT_RESIDENT);
    put_inv(d, pid, 0, 2024, PHASE_KNOWLEDGE, INV_PROFESSIONAL_JOINT);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM involvement"), 8);
    involvement *l;
    size_t n;
    assert_int_equal(involvement_list(d, NULL, &a, pid, -1, 0, &l, &n, &e), HH_OK);
    assert_int_equal(n, 8);
    assert_int_equal(l[0].activity_id, 0); /* the plan first */
    assert_int_equal(l[0].type, INV_PROFESSIONAL_JOINT);
    assert_string_equal(l[1].activity_name, "X");
    assert_int_equal(l[1].year, 2023);
    assert_int_equal(l[2].phase, PHASE_KNOWLEDGE);
    assert_int_equal(l[2].id, again);
    assert_int_equal(l[2].type, INV_RESIDENT_RESIDENT);
    assert_string_equal(l[2].answers[0], "Ja, i en workshop");
    assert_string_equal(l[2].answers[4], "");
    assert_int_equal(involvement_list(d, NULL, &a, pid, 0, 0, &l, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(involvement_list(d, NULL, &a, pid, x, 0, &l, &n, &e), HH_OK);
    assert_int_equal(n, 4);
    assert_int_equal(involvement_list(d, NULL, &a, pid, -1, 2024, &l, &n, &e), HH_OK);
    assert_int_equal(n, 7);
    /* the matrix */
    inv_matrix m;
    assert_int_equal(involvement_matrix(d, NULL, &a, pid, 2024, &m, &e), HH_OK);
    assert_int_equal(m.year, 2024);
    assert_int_equal(m.activities, 3);
    assert_int_equal(m.cells[PHASE_KNOWLEDGE][INV_RESIDENT_RESIDENT], 1);
    assert_int_equal(m.cells[PHASE_KNOWLEDGE][INV_RESIDENT_JOINT], 0);
    assert_int_equal(m.cells[PHASE_KNOWLEDGE][INV_NONE], 1);
    assert_int_equal(m.cells[PHASE_KNOWLEDGE][INV_PROFESSIONAL_JOINT], 1);
    assert_int_equal(m.unrecorded[PHASE_KNOWLEDGE], 0);
    NEAR(m.share_involved[PHASE_KNOWLEDGE], 2.0 / 3.0);
    NEAR(m.share_resident_initiative[PHASE_KNOWLEDGE], 1.0 / 3.0);
    assert_int_equal(m.cells[PHASE_IDEAS][INV_PROFESSIONALS_INFORM], 1);
    assert_int_equal(m.unrecorded[PHASE_IDEAS], 1);
    NEAR(m.share_involved[PHASE_IDEAS], 1.0);
    NEAR(m.share_resident_initiative[PHASE_IDEAS], 0.5);
    assert_int_equal(m.unrecorded[PHASE_PLANNING], 2);
    NEAR(m.share_resident_initiative[PHASE_PLANNING], 0.0);
    assert_int_equal(m.unrecorded[PHASE_IMPLEMENTATION], 3);
    assert_true(isnan(m.share_involved[PHASE_IMPLEMENTATION]));
    assert_true(isnan(m.share_resident_initiative[PHASE_EVALUATION]));
    assert_int_equal(involvement_matrix(d, NULL, &a, pid, 2023, &m, &e), HH_OK);
    assert_int_equal(m.activities, 2);
    assert_int_equal(m.cells[PHASE_EVALUATION][INV_RESIDENT_JOINT], 1);
    assert_int_equal(m.unrecorded[PHASE_EVALUATION], 1);
    NEAR(m.share_involved[PHASE_EVALUATION], 1.0);
    assert_int_equal(involvement_matrix(d, NULL, &a, pid, 2020, &m, &e), HH_OK);
    assert_int_equal(m.activities, 0);
    assert_true(isnan(m.share_involved[PHASE_KNOWLEDGE]));
    inv_matrix *t;
    assert_int_equal(involvement_trend(d, NULL, &a, pid, &t, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_int_equal(t[0].year, 2023);
    assert_int_equal(t[0].activities, 2);
    assert_int_equal(t[1].year, 2024);
    assert_int_equal(t[1].activities, 3);
    assert_int_equal(t[1].cells[PHASE_IDEAS][INV_RESIDENT_RESIDENT], 1);
    assert_int_equal(involvement_trend(d, NULL, &a, other, &t, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    /* rules and access */
    involvement v;
    memset(&v, 0, sizeof v);
    v.plan_id = pid;
    v.year = 1999;
    assert_int_equal(involvement_put(d, NULL, &a, &v, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "year");
    v.year = 2024;
    v.hart_rung = 9;
    assert_int_equal(involvement_put(d, NULL, &a, &v, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "hart_rung");
    v.hart_rung = 8;
    v.activity_id = o; /* another plan's activity */
    assert_int_equal(involvement_put(d, NULL, &a, &v, &e), HH_ERR_NOTFOUND);
    v.activity_id = 0;
    assert_int_equal(involvement_put(d, testfix_who(&a, ROLE_VIEWER, "municipality=0101"), &a, &v, &e),
                     HH_ERR_FORBIDDEN);
    assert_int_equal(involvement_put(d, testfix_who(&a, ROLE_PLAN_STAFF, "999"), &a, &v, &e), HH_ERR_NOTFOUND);
    assert_int_equal(involvement_list(d, testfix_who(&a, ROLE_VIEWER, "municipality=0101"), &a, pid, -1, 0, &l, &n, &e),
                     HH_OK);
    assert_int_equal(n, 8);
    assert_int_equal(involvement_matrix(d, testfix_who(&a, ROLE_VIEWER, "municipality=0147"), &a, pid, 2024, &m, &e),
                     HH_ERR_NOTFOUND);
    assert_int_equal(involvement_put(d, NULL, &a, &v, &e), HH_OK);
    assert_int_equal(involvement_list(d, NULL, &a, pid, 0, 2024, &l, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(l[0].hart_rung, 8);
    assert_int_equal(involvement_delete(d, NULL, pid, v.id, &e), HH_OK);
    assert_int_equal(involvement_delete(d, NULL, pid, v.id, &e), HH_ERR_NOTFOUND);
    assert_int_equal(involvement_delete(d, NULL, other, again, &e), HH_ERR_NOTFOUND);
    (void)plan_level;
    arena_free(&a);
    db_close(d);
}

/* ---- outreach, roles, courses, stories ---- */

static void test_outreach(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false), other = make_plan(d, true);
    int64_t x = make_activity(d, pid, "Løbeklub"), o = make_activity(d, other, "O");
    struct {
        const char *date;
        outreach_method m;
        int n;
        int64_t act;
    } rows[] = { { "2024-01-10", OUT_DOOR_TO_DOOR, 20, 0 },
                 { "2024-02-01", OUT_DOOR_TO_DOOR, 5, 0 },
                 { "2024-03-01", OUT_PHONE_SMS, 7, 0 },
                 { "2023-12-01", OUT_OPEN_OFFICE, 4, 0 } };
    rows[2].act = x;
    int64_t first = 0;
    for (size_t i = 0; i < HH_ARRAY_LEN(rows); i++) {
        outreach r = { .plan_id = pid,
                       .activity_id = rows[i].act,
                       .date = rows[i].date,
                       .method = rows[i].m,
                       .contacts = rows[i].n,
                       .note = "" };
        assert_int_equal(outreach_put(d, NULL, &a, &r, &e), HH_OK);
        if (!first)
            first = r.id;
    }
    int64_t tot[OUT_COUNT];
    assert_int_equal(outreach_totals(d, NULL, &a, pid, 2024, tot, &e), HH_OK);
    assert_int_equal(tot[OUT_DOOR_TO_DOOR], 25);
    assert_int_equal(tot[OUT_PHONE_SMS], 7);
    assert_int_equal(tot[OUT_OPEN_OFFICE], 0);
    assert_int_equal(outreach_totals(d, NULL, &a, pid, 0, tot, &e), HH_OK);
    assert_int_equal(tot[OUT_OPEN_OFFICE], 4);
    assert_int_equal(tot[OUT_DOOR_TO_DOOR], 25);
    outreach *l;
    size_t n;
    assert_int_equal(outreach_list(d, NULL, &a, pid, 2024, &l, &n, &e), HH_OK);
    assert_int_equal(n, 3);
    assert_string_equal(l[0].date, "2024-03-01");
    assert_string_equal(l[0].activity_name, "Løbeklub");
    assert_int_equal(l[0].method, OUT_PHONE_SMS);
    assert_int_equal(outreach_list(d, NULL, &a, pid, 0, &l, &n, &e), HH_OK);
    assert_int_equal(n, 4);
    /* rules */
    outreach r = { .plan_id = pid, .date = "2024-01-01", .method = OUT_VIA_PARTNER, .contacts = 0 };
    assert_int_equal(outreach_put(d, NULL, &a, &r, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "contacts");
    r.contacts = 1;
    r.date = "2099-01-01";
    assert_int_equal(outreach_put(d, NULL, &a, &r, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "date");
    r.date = "2024-01-01";
    r.activity_id = o;
    assert_int_equal(outreach_put(d, NULL, &a, &r, &e), HH_ERR_NOTFOUND);
    r.activity_id = 0;
    assert_int_equal(outreach_put(d, testfix_who(&a, ROLE_VIEWER, "municipality=0101"), &a, &r, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(outreach_totals(d, testfix_who(&a, ROLE_PLAN_STAFF, "999"), &a, pid, 0, tot, &e), HH_ERR_NOTFOUND);
    /* update and delete */
    outreach u = { .id = first, .plan_id = pid, .date = "2024-01-10", .method = OUT_DOOR_TO_DOOR, .contacts = 30 };
    assert_int_equal(outreach_put(d, NULL, &a, &u, &e), HH_OK);
    assert_int_equal(outreach_totals(d, NULL, &a, pid, 2024, tot, &e), HH_OK);
    assert_int_equal(tot[OUT_DOOR_TO_DOOR], 35);
    assert_int_equal(outreach_delete(d, NULL, other, first, &e), HH_ERR_NOTFOUND);
    assert_int_equal(outreach_delete(d, NULL, pid, first, &e), HH_OK);
    assert_int_equal(outreach_totals(d, NULL, &a, pid, 2024, tot, &e), HH_OK);
    assert_int_equal(tot[OUT_DOOR_TO_DOOR], 5);
    /* deleting the activity keeps its outreach */
    assert_int_equal(activity_delete(d, NULL, x, &e), HH_OK);
    assert_int_equal(outreach_totals(d, NULL, &a, pid, 2024, tot, &e), HH_OK);
    assert_int_equal(tot[OUT_PHONE_SMS], 7);
    arena_free(&a);
    db_close(d);
}

static void test_roles_courses(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false);
    int64_t n[RR_COUNT] = { 0 };
    assert_int_equal(resident_roles_get(d, NULL, pid, 2024, n, &e), HH_OK);
    for (int r = 0; r < RR_COUNT; r++)
        assert_int_equal(n[r], 0);
    int64_t in[RR_COUNT] = { 12, 3, 4, 2, 5, 1, 30, 0 };
    assert_int_equal(resident_roles_put(d, NULL, pid, 2024, in, &e), HH_OK);
    assert_int_equal(resident_roles_get(d, NULL, pid, 2024, n, &e), HH_OK);
    assert_memory_equal(n, in, sizeof in);
    int64_t in2[RR_COUNT] = { 0, 6, 0, 0, 0, 0, 0, 2 };
    assert_int_equal(resident_roles_put(d, NULL, pid, 2024, in2, &e), HH_OK); /* replaces */
    assert_int_equal(resident_roles_get(d, NULL, pid, 2024, n, &e), HH_OK);
    assert_memory_equal(n, in2, sizeof in2);
    assert_int_equal(resident_roles_get(d, NULL, pid, 2023, n, &e), HH_OK);
    assert_int_equal(n[RR_ILDSJAEL], 0);
    in2[RR_VOLUNTEER] = -1;
    assert_int_equal(resident_roles_put(d, NULL, pid, 2024, in2, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "volunteer");
    in2[RR_VOLUNTEER] = 1;
    assert_int_equal(resident_roles_put(d, NULL, pid, 1999, in2, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "year");
    assert_int_equal(resident_roles_put(d, testfix_who(&a, ROLE_VIEWER, "municipality=0101"), pid, 2024, in2, &e),
                     HH_ERR_FORBIDDEN);
    assert_int_equal(resident_roles_get(d, testfix_who(&a, ROLE_VIEWER, "municipality=0101"), pid, 2024, n, &e), HH_OK);
    assert_int_equal(n[RR_ILDSJAEL], 6);
    assert_int_equal(resident_roles_get(d, testfix_who(&a, ROLE_PLAN_STAFF, "999"), pid, 2024, n, &e), HH_ERR_NOTFOUND);
    /* courses */
    plan_course c = { .plan_id = pid,
                      .year = 2024,
                      .kind = COURSE_INSTRUCTOR,
                      .title = "Motionsinstruktør",
                      .completed = 6,
                      .diploma = true };
    assert_int_equal(plan_course_put(d, NULL, &a, &c, &e), HH_OK);
    plan_course c2 = {
        .plan_id = pid, .year = 2024, .kind = COURSE_BUDGET, .title = "Budget for foreninger", .completed = 4
    };
    assert_int_equal(plan_course_put(d, NULL, &a, &c2, &e), HH_OK);
    plan_course c3 = { .plan_id = pid,
                       .year = 2023,
                       .kind = COURSE_NEIGHBOURHOOD_MOTHER,
                       .title = "Bydelsmødre",
                       .completed = 9,
                       .diploma = true };
    assert_int_equal(plan_course_put(d, NULL, &a, &c3, &e), HH_OK);
    plan_course *l;
    size_t nl;
    assert_int_equal(plan_courses(d, NULL, &a, pid, 2024, &l, &nl, &e), HH_OK);
    assert_int_equal(nl, 2);
    assert_string_equal(l[0].title, "Budget for foreninger");
    assert_false(l[0].diploma);
    assert_int_equal(l[1].completed, 6);
    assert_true(l[1].diploma);
    assert_int_equal(plan_courses(d, NULL, &a, pid, 0, &l, &nl, &e), HH_OK);
    assert_int_equal(nl, 3);
    assert_int_equal(l[0].year, 2023);
    c.completed = 7;
    assert_int_equal(plan_course_put(d, NULL, &a, &c, &e), HH_OK);
    assert_int_equal(plan_courses(d, NULL, &a, pid, 2024, &l, &nl, &e), HH_OK);
    assert_int_equal(l[1].completed, 7);
    plan_course bad = c2;
    bad.id = 0;
    bad.title = " ";
    assert_int_equal(plan_course_put(d, NULL, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "title");
    bad.title = "X";
    bad.completed = -1;
    assert_int_equal(plan_course_put(d, NULL, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "completed");
    assert_int_equal(plan_course_put(d, testfix_who(&a, ROLE_VIEWER, "municipality=0101"), &a, &c, &e),
                     HH_ERR_FORBIDDEN);
    assert_int_equal(plan_course_delete(d, NULL, pid, c2.id, &e), HH_OK);
    assert_int_equal(plan_course_delete(d, NULL, pid, c2.id, &e), HH_ERR_NOTFOUND);
    assert_int_equal(plan_courses(d, NULL, &a, pid, 2024, &l, &nl, &e), HH_OK);
    assert_int_equal(nl, 1);
    arena_free(&a);
    db_close(d);
}

static void test_stories(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false), other = make_plan(d, true);
    int64_t x = make_activity(d, pid, "Løbeklub"), y = make_activity(d, pid, "Madklub"),
            o = make_activity(d, other, "O");
    act_story s1 = { .activity_id = x,
                     .date = "2024-03-01",
                     .kind = STORY_STORY,
                     .title = "To til løb",
                     .body = "To deltagere kan være en succes.",
                     .in_report = true };
    act_story s2 = {
        .activity_id = x, .date = "2024-04-01", .kind = STORY_EVALUATION, .title = "Evaluering", .body = ""
    };
    act_story s3 = { .activity_id = y,
                     .date = "2023-06-01",
                     .kind = STORY_STORY,
                     .title = "Fællesspisning",
                     .body = "",
                     .in_report = true };
    assert_int_equal(act_story_put(d, NULL, &a, &s1, &e), HH_OK);
    assert_int_equal(act_story_put(d, NULL, &a, &s2, &e), HH_OK);
    assert_int_equal(act_story_put(d, NULL, &a, &s3, &e), HH_OK);
    act_story *l;
    size_t n;
    assert_int_equal(act_stories(d, NULL, &a, pid, 0, 2024, false, &l, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_int_equal(l[0].id, s2.id); /* newest first */
    assert_int_equal(l[0].kind, STORY_EVALUATION);
    assert_string_equal(l[1].activity_name, "Løbeklub");
    assert_true(l[1].in_report);
    assert_int_equal(act_stories(d, NULL, &a, pid, 0, 2024, true, &l, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(l[0].id, s1.id);
    assert_int_equal(act_stories(d, NULL, &a, pid, 0, 0, true, &l, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_int_equal(act_stories(d, NULL, &a, 0, y, 0, false, &l, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_string_equal(l[0].title, "Fællesspisning");
    assert_int_equal(act_stories(d, NULL, &a, other, y, 0, false, &l, &n, &e), HH_ERR_NOTFOUND);
    /* update, rules, access */
    s2.in_report = true;
    assert_int_equal(act_story_put(d, NULL, &a, &s2, &e), HH_OK);
    assert_int_equal(act_stories(d, NULL, &a, pid, 0, 2024, true, &l, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    act_story bad = { .activity_id = x, .date = "2024-03-01", .kind = STORY_STORY, .title = "" };
    assert_int_equal(act_story_put(d, NULL, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "title");
    bad.title = "Fremtid";
    bad.date = "2099-01-01";
    assert_int_equal(act_story_put(d, NULL, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "date");
    bad.date = "2024-01-01";
    bad.id = s3.id; /* a story of another activity */
    assert_int_equal(act_story_put(d, NULL, &a, &bad, &e), HH_ERR_NOTFOUND);
    bad.id = 0;
    principal *viewer = testfix_who(&a, ROLE_VIEWER, "municipality=0101");
    assert_int_equal(act_story_put(d, viewer, &a, &bad, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(act_stories(d, viewer, &a, pid, 0, 0, false, &l, &n, &e), HH_OK);
    assert_int_equal(n, 3);
    principal *staff_b = testfix_who(&a, ROLE_PLAN_STAFF, arena_printf(&a, "%lld", (long long)other));
    assert_int_equal(act_stories(d, staff_b, &a, pid, 0, 0, false, &l, &n, &e), HH_ERR_NOTFOUND);
    assert_int_equal(act_story_delete(d, staff_b, s1.id, &e), HH_ERR_NOTFOUND);
    assert_int_equal(act_story_delete(d, viewer, s1.id, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(act_story_delete(d, NULL, s1.id, &e), HH_OK);
    assert_int_equal(act_story_delete(d, NULL, s1.id, &e), HH_ERR_NOTFOUND);
    assert_int_equal(act_stories(d, NULL, &a, pid, 0, 0, false, &l, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    (void)o;
    arena_free(&a);
    db_close(d);
}

/* Stats per year: 2022 to 2024 with an empty 2023 in between. */
static void test_years(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t pid = make_plan(d, false);
    int64_t x = make_activity(d, pid, "X");
    att_stats *st;
    int *years;
    size_t n;
    assert_int_equal(act_attendance_years(d, NULL, &a, pid, &st, &years, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    add_session(d, x, "2022-05-01", 2, 0, "A1,B2");
    add_session(d, x, "2024-05-01", 3, 0, "A1,B2,C3");
    assert_int_equal(act_attendance_years(d, NULL, &a, pid, &st, &years, &n, &e), HH_OK);
    assert_int_equal(n, 3);
    assert_int_equal(years[0], 2022);
    assert_int_equal(years[1], 2023);
    assert_int_equal(years[2], 2024);
    assert_int_equal(st[0].unique, 2);
    assert_int_equal(st[0].new_plan, 2);
    assert_int_equal(st[1].sessions, 0);
    assert_int_equal(st[2].attendances, 3);
    assert_int_equal(st[2].new_attendances, 1);
    assert_int_equal(st[2].returning_attendances, 2);
    assert_int_equal(st[2].new_plan, 1);
    assert_int_equal(act_attendance_years(d, testfix_who(&a, ROLE_PLAN_STAFF, "999"), &a, pid, &st, &years, &n, &e),
                     HH_ERR_NOTFOUND);
    arena_free(&a);
    db_close(d);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sessions_suppress),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_count_text),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_schedule),
        cmocka_unit_test(test_activity_crud),
        cmocka_unit_test(test_activity_rules),
        cmocka_unit_test(test_scope),
        cmocka_unit_test(test_session_rules),
        cmocka_unit_test(test_client_token),
        cmocka_unit_test(test_counting),
        cmocka_unit_test(test_reach),
        cmocka_unit_test(test_years),
        cmocka_unit_test(test_involvement),
        cmocka_unit_test(test_outreach),
        cmocka_unit_test(test_roles_courses),
        cmocka_unit_test(test_stories),
    };
    return TESTFIX_MAIN("activities", tests);
}
