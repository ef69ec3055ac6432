/* The steering dialogue (src/domain/dialogue*.c): the code tables, the
 * workflow by side, role and scope, the locks and rules, the sheet's
 * prefilled key figures (equal to the stored values), the selection rules
 * and re-proposing, goals and their follow-up across years (met, not met,
 * no data; direction-aware; organisation goals from summed parts),
 * deadlines and reminders, definitions reused year to year, and the public
 * sheets. Runs on SQLite by default; with the argument "postgres" on the
 * throwaway server of tests/with-postgres.sh. */
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
#include "domain/dialogue.h"
#include "domain/dialogue_impl.h"
#include "domain/keyfig.h"
#include "domain/warning.h"

static db_kind kind = DB_SQLITE;
static char tmpdir[] = "/tmp/helhed-test-dialogue.XXXXXX";
static int seq;

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* ---- fixtures ---- */

/* Organisations 101 and 102 in København (0101), 201 in Frederiksberg
 * (0147); departments 101-1, 101-2, 102-1 in 0101, 101-3 and 201-1 in 0147;
 * area BO-T1 (0101) of 101-1 and 102-1, published on the list of 2021 as
 * udsat. Key figures 2019-2023 for 101-1 and 101-2 (vacancy_share,
 * turnover_rate, meeting_turnout, energy_per_m2, convicted_share with a
 * small count in 2023). */
static db *fresh(void)
{
    const char *sql =
        "INSERT INTO organisation (org_no, name, municipality_code) VALUES (101, 'Boligselskabet Nord', '0101'),"
        " (102, 'Boligforeningen Syd', '0101'), (201, 'Frederiksberg Boliger', '0147');"
        "INSERT INTO department (id, org_no, department_no, name, address, municipality_code, dwellings_family,"
        " build_year) VALUES (1, 101, 1, 'Nordparken', 'Nordvej 1', '0101', 400, 1968),"
        " (2, 101, 2, 'Nordhaven', '', '0101', 300, NULL), (3, 102, 1, 'Sydparken', '', '0101', 500, NULL),"
        " (4, 101, 3, 'Østerlund', '', '0147', 120, NULL), (5, 201, 1, 'Bakkehuset', '', '0147', 200, NULL);"
        "INSERT INTO housing_area (id, code, name, municipality_code) VALUES (1, 'BO-T1', 'Nord-Syd', '0101');"
        "INSERT INTO area_member (area_id, department_id, valid_from, valid_to) VALUES (1, 1, '2000-01-01', NULL),"
        " (1, 3, '2000-01-01', NULL);"
        "INSERT INTO list_published (area_code, year, categories, source) VALUES ('BO-T1', 2021, 'udsat', 'test');";
    db *d = testfix_fresh(kind, tmpdir, "dlg", ++seq, sql);
    hh_error e;
    /* Key figures as parts. */
    struct {
        int64_t dept;
        const char *code;
        int year;
        double num, den, val;
    } v[] = {
        { 1, "vacancy_share", 2019, 8, 400, NAN },     { 1, "vacancy_share", 2020, 10, 400, NAN },
        { 1, "vacancy_share", 2021, 12, 400, NAN },    { 1, "vacancy_share", 2022, 16, 400, NAN },
        { 1, "vacancy_share", 2023, 20, 400, NAN },    { 2, "vacancy_share", 2022, 6, 300, NAN },
        { 2, "vacancy_share", 2023, 3, 300, NAN },     { 1, "turnover_rate", 2023, 60, 400, NAN },
        { 2, "turnover_rate", 2023, 30, 300, NAN },    { 1, "meeting_turnout", 2022, 40, 400, NAN },
        { 1, "meeting_turnout", 2023, 48, 400, NAN },  { 1, "energy_per_m2", 2023, 3000000, 25000, NAN },
        { 1, "convicted_share", 2023, 3, 600, NAN },   { 1, "convicted_share", 2022, 9, 600, NAN },
        { 1, "vacancy_share", 2025, 8, 400, NAN },     { 2, "vacancy_share", 2025, 3, 300, NAN },
        { 1, "meeting_turnout", 2025, 100, 400, NAN },
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        int kf = kf_find(v[i].code);
        assert_true(kf >= 0);
        testfix_put_value(d, v[i].dept, kf, v[i].year, v[i].num, v[i].den, v[i].val);
    }
    if (db_begin(d, &e) || kf_refresh(d, &e) || db_commit(d, &e))
        fail_msg("%s", e.msg);
    /* Early warning as direct rows (the fixture is too small for the
     * method): 101-1 alarm in 2023, 101-2 watch in 2025 (after the
     * dialogue's year: does not count for 2024), 102-1 stable. */
    sql = "DELETE FROM warning_figure; DELETE FROM warning_status;"
          "INSERT INTO warning_status (level, unit_id, year, status, score, reasons) VALUES"
          " ('department', 1, 2023, 'alarm', 2.5, '[\"Slid\"]'),"
          " ('department', 2, 2023, 'stable', 0.1, '[]'),"
          " ('department', 2, 2025, 'watch', 1.5, '[]'),"
          " ('department', 3, 2023, 'stable', 0.1, '[]');";
    if (db_exec(d, sql, &e))
        fail_msg("%s", e.msg);
    return d;
}

/* Answers every item of every department of the dialogue. */
static void answer_all(db *d, const principal *p, int64_t id)
{
    arena a;
    arena_init(&a);
    dialogue g;
    hh_error e;
    if (dlg_get(d, p, &a, id, &g, &e))
        fail_msg("%s", e.msg);
    for (size_t i = 0; i < g.ndepartments; i++)
        for (int it = 0; it < DI_COUNT; it++)
            if (dlg_answer_put(d, p, id, g.departments[i].id, (dlg_item)it, 3, "Begrundelse", &e))
                fail_msg("%s", e.msg);
    arena_free(&a);
}

/* ---- tests ---- */

static void test_tables(void **state)
{
    (void)state;
    for (int i = 0; i < DI_COUNT; i++) {
        assert_non_null(dlg_item_figures[i][0]);
        for (size_t j = 0; dlg_item_figures[i][j]; j++)
            assert_true(kf_find(dlg_item_figures[i][j]) >= 0);
    }
    for (size_t i = 0; dlg_public_figures[i]; i++)
        assert_true(kf_find(dlg_public_figures[i]) >= 0);
    assert_string_equal(dlg_item_code[DLG_FIRST_QUESTION], "maintenance");
    assert_string_equal(dlg_scale_label[4], "Tilfredsstillende");
    const char *need[] = { "dialogue_locked",           "transition_not_allowed", "transition_role",
                           "return_needs_comment",      "transition_date",        "meeting_needs_date_and_minutes",
                           "submit_needs_answers",      "deadline_in_year",       "goal_target_year",
                           "department_not_in_dialogue" };
    for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
        bool found = false;
        for (size_t j = 0; j < dlg_nrules; j++)
            found = found || strcmp(dlg_rules[j].code, need[i]) == 0;
        assert_true(found);
    }
    /* Each transition's target is reachable and every action has a text. */
    for (size_t i = 0; i < dlg_ntransitions; i++)
        assert_true(dlg_transitions[i].action_da[0]);
}

static void test_workflow(void **state)
{
    (void)state;
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");
    principal *org2 = testfix_who(&a, ROLE_ORGANISATION, "102");
    principal *mun = testfix_who(&a, ROLE_MUNICIPALITY, "0101");
    principal *mun2 = testfix_who(&a, ROLE_MUNICIPALITY, "0147");
    principal *viewer = testfix_who(&a, ROLE_VIEWER, "municipality=0101");
    principal *caretaker = testfix_who(&a, ROLE_CARETAKER, "101-1");
    principal *national = testfix_who(&a, ROLE_NATIONAL, "");

    int64_t id = 0, id2 = 0;
    assert_int_equal(dlg_open(d, org, &a, 101, "0101", 2024, &id, &e), HH_OK);
    assert_true(id > 0);
    /* Opening again gives the same dialogue; the municipality may open it too. */
    assert_int_equal(dlg_open(d, mun, &a, 101, "0101", 2024, &id2, &e), HH_OK);
    assert_int_equal(id, id2);
    /* A content change lands only while the dialogue is in the state its
     * check read: a concurrent transition makes it a conflict. */
    assert_int_equal(dlg_touch_in(d, id, DS_RETURNED, &e), HH_ERR_CONFLICT);
    assert_int_equal(dlg_touch_in(d, id, DS_PREPARING, &e), HH_OK);
    /* Out of scope: NOTFOUND. */
    assert_int_equal(dlg_open(d, org2, &a, 101, "0101", 2024, &id2, &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_open(d, mun2, &a, 101, "0101", 2024, &id2, &e), HH_ERR_NOTFOUND);
    /* No department of 201 in 0101. */
    assert_int_equal(dlg_open(d, NULL, &a, 201, "0101", 2024, &id2, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "department_not_in_dialogue");

    dialogue g;
    assert_int_equal(dlg_get(d, org, &a, id, &g, &e), HH_OK);
    assert_int_equal(g.state, DS_PREPARING);
    assert_int_equal(g.ndepartments, 2);
    assert_string_equal(g.departments[0].key, "101-1");
    assert_int_equal(g.departments[0].status, WARN_ALARM);
    assert_int_equal(g.departments[1].status, WARN_STABLE); /* 2025's watch is after the year */
    assert_int_equal(g.nhistory, 1);
    assert_int_equal(g.history[0].from, DS_COUNT);
    assert_int_equal(dlg_get(d, mun, &a, id, &g, &e), HH_OK);
    assert_int_equal(dlg_get(d, national, &a, id, &g, &e), HH_OK);
    assert_int_equal(dlg_get(d, org2, &a, id, &g, &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_get(d, mun2, &a, id, &g, &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_get(d, viewer, &a, id, &g, &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_get(d, caretaker, &a, id, &g, &e), HH_ERR_NOTFOUND);

    assert_int_equal(dlg_get(d, org, &a, id, &g, &e), HH_OK);
    assert_true(dlg_is_side(org, &g, SIDE_ORGANISATION));
    assert_false(dlg_is_side(org, &g, SIDE_MUNICIPALITY));
    assert_true(dlg_is_side(mun, &g, SIDE_MUNICIPALITY));
    assert_true(dlg_may_edit(org, &g));
    assert_false(dlg_may_edit(mun, &g));
    assert_false(dlg_may_edit(national, &g));
    const dlg_transition_rule *next[8];
    assert_int_equal(dlg_next(org, &g, next), 1);
    assert_int_equal(next[0]->to, DS_SUBMITTED);
    assert_int_equal(dlg_next(mun, &g, next), 0);

    /* The municipality cannot write the content; others cannot see it. */
    assert_int_equal(dlg_summary_put(d, mun, id, "x", &e), HH_ERR_FORBIDDEN);
    assert_int_equal(dlg_summary_put(d, org2, id, "x", &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_summary_put(d, org, id, "Samlet vurdering", &e), HH_OK);
    /* Free texts have a limit, named in the error. */
    {
        size_t big = 20001;
        char *long_text = arena_alloc(&a, big + 1);
        memset(long_text, 'x', big);
        long_text[big] = '\0';
        assert_int_equal(dlg_summary_put(d, org, id, long_text, &e), HH_ERR_INPUT);
        assert_string_equal(e.field, "summary");
        assert_non_null(strstr(e.msg, "Sammenfatningen"));
        long_text[4001] = '\0';
        assert_int_equal(dlg_answer_put(d, org, id, 1, DI_SOCIAL, 3, long_text, &e), HH_ERR_INPUT);
        assert_string_equal(e.field, "justification");
        assert_int_equal(dlg_definition_put(d, org, 101, 0, 2024, long_text, &e), HH_ERR_INPUT);
        assert_string_equal(e.field, "text");
        dlg_selection sel = { .department_id = 1, .threats = long_text };
        assert_int_equal(dlg_selection_put(d, org, id, &sel, &e), HH_ERR_INPUT);
        assert_string_equal(e.field, "threats");
        assert_int_equal(dlg_transition(d, org, &a, id, DS_SUBMITTED, NULL, long_text, NULL, NULL, &e), HH_ERR_INPUT);
        assert_string_equal(e.field, "comment");
        long_text[201] = '\0';
        dlg_goal goal = { .dialogue_id = id, .title = long_text, .kf = -1 };
        assert_int_equal(dlg_goal_put(d, org, &a, &goal, &e), HH_ERR_INPUT);
        assert_string_equal(e.field, "title");
    }
    assert_int_equal(dlg_answer_put(d, org, id, 5, DI_SOCIAL, 3, "", &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "department_not_in_dialogue");
    assert_int_equal(dlg_answer_put(d, org, id, 1, DI_SOCIAL, 5, "", &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "score");

    /* Submitting with an unanswered department. */
    assert_int_equal(dlg_answer_put(d, org, id, 1, DI_SOCIAL, 2, "Uro", &e), HH_OK);
    assert_int_equal(dlg_transition(d, org, &a, id, DS_SUBMITTED, NULL, NULL, NULL, NULL, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "submit_needs_answers");
    answer_all(d, org, id);
    /* Only the organisation submits. */
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_SUBMITTED, NULL, NULL, NULL, NULL, &e), HH_ERR_FORBIDDEN);
    assert_string_equal(e.rule, "transition_role");
    assert_int_equal(dlg_transition(d, org, &a, id, DS_MEETING_HELD, NULL, NULL, "2024-03-01", "Referat", &e),
                     HH_ERR_INPUT);
    assert_string_equal(e.rule, "transition_not_allowed");
    assert_int_equal(dlg_transition(d, org, &a, id, DS_SUBMITTED, "2999-01-01", NULL, NULL, NULL, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "date");
    assert_int_equal(dlg_transition(d, org, &a, id, DS_SUBMITTED, "2024-02-01", NULL, NULL, NULL, &e), HH_OK);

    /* Submitted: locked for the organisation. */
    assert_int_equal(dlg_answer_put(d, org, id, 1, DI_SOCIAL, 4, "", &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "dialogue_locked");
    assert_int_equal(dlg_summary_put(d, org, id, "y", &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "dialogue_locked");

    /* Only the municipality returns, and only with a comment. */
    assert_int_equal(dlg_transition(d, org, &a, id, DS_RETURNED, NULL, "Uddyb", NULL, NULL, &e), HH_ERR_FORBIDDEN);
    /* Not before the previous transition. */
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_RETURNED, "2024-01-31", "Uddyb", NULL, NULL, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "transition_date");
    assert_string_equal(e.field, "date");
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_RETURNED, NULL, "  ", NULL, NULL, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "return_needs_comment");
    assert_int_equal(dlg_transition(d, mun2, &a, id, DS_RETURNED, NULL, "Uddyb", NULL, NULL, &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_RETURNED, NULL, "Uddyb Nordparken", NULL, NULL, &e), HH_OK);
    assert_int_equal(dlg_answer_put(d, org, id, 1, DI_SOCIAL, 4, "Bedre", &e), HH_OK);
    assert_int_equal(dlg_transition(d, org, &a, id, DS_SUBMITTED, NULL, NULL, NULL, NULL, &e), HH_OK);

    /* The meeting needs a date not in the future and minutes. */
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_MEETING_HELD, NULL, NULL, "2999-01-01", "Referat", &e),
                     HH_ERR_INPUT);
    assert_string_equal(e.rule, "meeting_needs_date_and_minutes");
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_MEETING_HELD, NULL, NULL, "2024-03-01", "", &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "meeting_needs_date_and_minutes");
    assert_int_equal(dlg_transition(d, org, &a, id, DS_MEETING_HELD, NULL, NULL, "2024-03-01", "Referat", &e),
                     HH_ERR_FORBIDDEN);
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_MEETING_HELD, NULL, NULL, "2024-03-01", "Referat", &e), HH_OK);
    assert_int_equal(dlg_transition(d, org, &a, id, DS_PUBLISHED, NULL, NULL, NULL, NULL, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_PUBLISHED, NULL, NULL, NULL, NULL, &e), HH_OK);

    assert_int_equal(dlg_get(d, org, &a, id, &g, &e), HH_OK);
    assert_int_equal(g.state, DS_PUBLISHED);
    assert_string_equal(g.meeting_date, "2024-03-01");
    assert_string_equal(g.minutes, "Referat");
    assert_true(g.published_at[0]);
    assert_string_equal(g.summary, "Samlet vurdering");
    assert_int_equal(g.nhistory, 6);
    assert_string_equal(g.history[1].effective, "2024-02-01");
    assert_int_equal(g.history[2].to, DS_RETURNED);
    assert_string_equal(g.history[2].comment, "Uddyb Nordparken");
    assert_string_equal(g.history[2].user_name, "Test municipality");
    assert_int_equal(dlg_next(mun, &g, next), 0);
    /* The audit log: the creation, five transitions and the refused ones. */
    db_stmt *st = db_prepare(d, "SELECT outcome, COUNT(*) FROM audit_log WHERE object_type = 'dialogue'"
                                " GROUP BY outcome ORDER BY outcome");
    assert_non_null(st);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "denied");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "success");
    assert_int_equal(db_col_int64(st, 1), 6);
    db_done(st);

    /* The overview: 0101 sees both pairs in 0101; 101 sees its two pairs. */
    dlg_summary *rows;
    size_t n;
    dlg_filter f = { NULL, 0, 2024, -1 };
    assert_int_equal(dlg_list(d, mun, &a, &f, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    /* By organisation name: Boligforeningen Syd before Boligselskabet Nord. */
    assert_int_equal(rows[0].org_no, 102);
    assert_int_equal(rows[0].state, -1);
    assert_int_equal(rows[0].id, 0);
    assert_int_equal(rows[1].org_no, 101);
    assert_int_equal(rows[1].state, DS_PUBLISHED);
    assert_int_equal(rows[1].departments, 2);
    assert_int_equal(rows[1].answered_departments, 2);
    assert_int_equal(dlg_list(d, org, &a, &f, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    f.state = -2;
    assert_int_equal(dlg_list(d, org, &a, &f, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].municipality_code, "0147");
    assert_int_equal(dlg_list(d, viewer, &a, &f, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    f.state = -1;
    assert_int_equal(dlg_list(d, national, &a, &f, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 4);

    arena_free(&a);
    db_close(d);
}

/* The figures beside the items are exactly the stored key figures. */
static void test_sheet_figures(void **state)
{
    (void)state;
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");
    int64_t id;
    assert_int_equal(dlg_open(d, org, &a, 101, "0101", 2024, &id, &e), HH_OK);
    assert_int_equal(dlg_answer_put(d, org, id, 1, DI_MAINTENANCE, 2, "Tage", &e), HH_OK);
    dlg_sheet s;
    assert_int_equal(dlg_sheet_get(d, org, &a, id, 1, &s, &e), HH_OK);
    assert_string_equal(s.dept.key, "101-1");
    assert_string_equal(s.address, "Nordvej 1");
    assert_int_equal(s.build_year, 1968);
    assert_int_equal(s.dwellings_family, 400);
    assert_string_equal(s.areas, "Nord-Syd");
    assert_non_null(strstr(s.lists, "Udsat"));
    assert_true(s.warning_found);
    assert_int_equal(s.warning.status, WARN_ALARM);
    assert_int_equal(s.answers[DI_MAINTENANCE].score, 2);
    assert_string_equal(s.answers[DI_MAINTENANCE].justification, "Tage");
    assert_int_equal(s.answers[DI_SOCIAL].score, 0);
    /* A failed read of the early-warning status is a failure, not "no
     * status". */
    if (db_exec(d, "ALTER TABLE warning_figure RENAME TO warning_figure_gone", &e))
        fail_msg("%s", e.msg);
    dlg_sheet broken;
    assert_int_equal(dlg_sheet_get(d, org, &a, id, 1, &broken, &e), HH_ERR_DB);
    if (db_exec(d, "ALTER TABLE warning_figure_gone RENAME TO warning_figure", &e))
        fail_msg("%s", e.msg);
    /* Every figure: the department's stored value in 2024 or the latest
     * earlier year, as kf_unit_series gives it. */
    size_t checked = 0;
    for (int it = 0; it < DI_COUNT; it++) {
        const dlg_answer *x = &s.answers[it];
        size_t nf = 0;
        while (dlg_item_figures[it][nf])
            nf++;
        assert_int_equal(x->nfigures, nf);
        for (size_t j = 0; j < x->nfigures; j++) {
            const dlg_figure *f = &x->figures[j];
            assert_int_equal(f->kf, kf_find(dlg_item_figures[it][j]));
            kf_row *rows;
            size_t n;
            assert_int_equal(kf_unit_series(d, LEVEL_DEPARTMENT, "1", f->kf, &a, &rows, &n, &e), HH_OK);
            const kf_row *want = NULL;
            for (size_t k = 0; k < n; k++)
                if (rows[k].year <= 2024)
                    want = &rows[k];
            if (!want) {
                assert_int_equal(f->year, 0);
                assert_true(isnan(f->value));
                continue;
            }
            const key_figure *k = &kf_catalogue[f->kf];
            assert_int_equal(f->year, want->year);
            NEAR(f->value, kf_result(k, &want->parts));
            assert_int_equal(f->suppressed, kf_suppressed(k, &want->parts));
            assert_int_equal(f->series_years[f->nseries - 1], want->year);
            checked++;
        }
    }
    assert_true(checked >= 6);
    /* vacancy_share 2023: 20/400 = 5 %; the 2025 value is after the year. */
    const dlg_figure *vac = &s.answers[DI_CONTEMPORARY].figures[0];
    assert_int_equal(vac->year, 2023);
    NEAR(vac->value, 5.0);
    NEAR(vac->series[5], 5.0);
    NEAR(vac->series[1], 2.0);
    assert_true(isnan(vac->series[0])); /* 2018: none */
    /* The municipality's value the same year: 0101 has 101-1 and 101-2: 23/700. */
    NEAR(vac->municipality_value, 100.0 * 23 / 700);
    NEAR(vac->country_value, 100.0 * 23 / 700);
    /* convicted_share 2023 rests on 3: suppressed. */
    const dlg_figure *conv = &s.answers[DI_SOCIAL].figures[2];
    assert_int_equal(conv->kf, kf_find("convicted_share"));
    assert_true(conv->suppressed);
    /* Outside the dialogue: NOTFOUND. */
    assert_int_equal(dlg_sheet_get(d, org, &a, id, 5, &s, &e), HH_ERR_NOTFOUND);
    principal *mun2 = testfix_who(&a, ROLE_MUNICIPALITY, "0147");
    assert_int_equal(dlg_sheet_get(d, mun2, &a, id, 1, &s, &e), HH_ERR_NOTFOUND);
    arena_free(&a);
    db_close(d);
}

static void test_definitions(void **state)
{
    (void)state;
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");
    principal *org2 = testfix_who(&a, ROLE_ORGANISATION, "102");
    principal *mun = testfix_who(&a, ROLE_MUNICIPALITY, "0101");
    principal *viewer = testfix_who(&a, ROLE_VIEWER, "municipality=0101");
    assert_int_equal(dlg_definition_put(d, org, 101, 0, 2022, "Når tagene er tætte", &e), HH_OK);
    assert_int_equal(dlg_definition_put(d, org, 101, 3, 2022, "Når afdelingsmødet er beslutningsdygtigt", &e), HH_OK);
    assert_int_equal(dlg_definition_put(d, org, 101, 0, 2024, "Når tag og vinduer er tætte", &e), HH_OK);
    assert_int_equal(dlg_definition_put(d, mun, 101, 0, 2024, "x", &e), HH_ERR_FORBIDDEN);
    assert_int_equal(dlg_definition_put(d, org2, 101, 0, 2024, "x", &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_definition_put(d, org, 101, 4, 2024, "x", &e), HH_ERR_INPUT);
    dlg_definition def[DLG_QUESTIONS];
    /* 2023 reuses 2022's; 2024 has its own for maintenance and 2022's for democracy. */
    assert_int_equal(dlg_definitions(d, org, &a, 101, 2023, def, &e), HH_OK);
    assert_int_equal(def[0].year_from, 2022);
    assert_string_equal(def[0].text, "Når tagene er tætte");
    assert_int_equal(def[1].year_from, 0);
    assert_string_equal(def[1].text, "");
    assert_int_equal(dlg_definitions(d, mun, &a, 101, 2025, def, &e), HH_OK);
    assert_int_equal(def[0].year_from, 2024);
    assert_string_equal(def[0].text, "Når tag og vinduer er tætte");
    assert_int_equal(def[3].year_from, 2022);
    assert_int_equal(dlg_definitions(d, org, &a, 101, 2021, def, &e), HH_OK);
    assert_int_equal(def[0].year_from, 0);
    assert_int_equal(dlg_definitions(d, org2, &a, 101, 2024, def, &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_definitions(d, viewer, &a, 101, 2024, def, &e), HH_ERR_NOTFOUND);
    /* Clearing a definition brings back the earlier one. */
    assert_int_equal(dlg_definition_put(d, org, 101, 0, 2024, "", &e), HH_OK);
    assert_int_equal(dlg_definitions(d, org, &a, 101, 2025, def, &e), HH_OK);
    assert_int_equal(def[0].year_from, 2022);
    arena_free(&a);
    db_close(d);
}

/* Moves a dialogue to submitted (answering everything first). */
static void submit(db *d, const principal *org, int64_t id)
{
    arena a;
    arena_init(&a);
    hh_error e;
    answer_all(d, org, id);
    if (dlg_transition(d, org, &a, id, DS_SUBMITTED, NULL, NULL, NULL, NULL, &e))
        fail_msg("submit: %s", e.msg);
    arena_free(&a);
}

static const dlg_selection *find_sel(const dlg_selection *v, size_t n, int64_t dept)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].department_id == dept)
            return &v[i];
    return NULL;
}

static void test_selection(void **state)
{
    (void)state;
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");
    principal *mun = testfix_who(&a, ROLE_MUNICIPALITY, "0101");
    /* 101-2 worsens clearly on vacancy (trend z 2.5 >= DLG_TREND_Z), not on
     * turnover (1.9). */
    if (db_exec(d,
                "INSERT INTO warning_figure (level, unit_id, year, key_figure_id, value, suppressed, trend_z, peers)"
                " SELECT 'department', 2, 2023, id, 1, 0, 2.5, 0 FROM key_figure WHERE code = 'vacancy_share';"
                "INSERT INTO warning_figure (level, unit_id, year, key_figure_id, value, suppressed, trend_z, peers)"
                " SELECT 'department', 2, 2023, id, 1, 0, 1.9, 0 FROM key_figure WHERE code = 'turnover_rate';",
                &e))
        fail_msg("%s", e.msg);
    int64_t id, id2;
    assert_int_equal(dlg_open(d, org, &a, 101, "0101", 2024, &id, &e), HH_OK);
    assert_int_equal(dlg_open(d, org, &a, 101, "0147", 2024, &id2, &e), HH_OK);

    /* The rules, department by department. */
    dlg_sheet s;
    const char *why;
    assert_int_equal(dlg_sheet_get(d, org, &a, id, 1, &s, &e), HH_OK);
    assert_int_equal(dlg_rules_for(&s, &a, &why), (1u << DR_WARNING) | (1u << DR_LIST));
    assert_non_null(strstr(why, "Alarm"));
    assert_non_null(strstr(why, "områdelisten"));
    assert_int_equal(dlg_sheet_get(d, org, &a, id, 2, &s, &e), HH_OK);
    assert_int_equal(dlg_rules_for(&s, &a, &why), 1u << DR_TREND);
    assert_non_null(strstr(why, "trend z = 2,5"));
    assert_null(strstr(why, "flytning")); /* turnover at 1.9 does not count */
    assert_int_equal(dlg_sheet_get(d, org, &a, id2, 4, &s, &e), HH_OK);
    assert_int_equal(dlg_rules_for(&s, &a, &why), 0); /* a calm department */
    assert_string_equal(why, "");
    /* Watch counts as well as alarm. */
    s.warning_found = true;
    s.warning.status = WARN_WATCH;
    s.warning.nreasons = 0;
    assert_int_equal(dlg_rules_for(&s, &a, NULL), 1u << DR_WARNING);
    s.warning.status = WARN_STABLE;
    assert_int_equal(dlg_rules_for(&s, &a, NULL), 0);

    /* Propose: 101-1 and 101-2; nothing in 0147. */
    assert_int_equal(dlg_propose(d, mun, &a, id, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(dlg_propose(d, org, &a, id, &e), HH_OK);
    assert_int_equal(dlg_propose(d, org, &a, id2, &e), HH_OK);
    dlg_selection *sel;
    size_t n;
    assert_int_equal(dlg_selections(d, org, &a, id2, &sel, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    assert_int_equal(dlg_selections(d, org, &a, id, &sel, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_true(sel[0].proposed);
    assert_int_equal(sel[0].rules, (1u << DR_WARNING) | (1u << DR_LIST));
    assert_false(sel[0].confirmed);
    assert_int_equal(sel[1].rules, 1u << DR_TREND);

    /* Confirm 101-1 with a SWOT; add 102-1? Not in the dialogue. */
    dlg_selection x = { .department_id = 1,
                        .confirmed = true,
                        .strengths = "Stærkt naboskab",
                        .weaknesses = "Slidte tage",
                        .opportunities = "",
                        .threats = "Fraflytning" };
    assert_int_equal(dlg_selection_put(d, org, id, &x, &e), HH_OK);
    x.department_id = 3;
    assert_int_equal(dlg_selection_put(d, org, id, &x, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "department_not_in_dialogue");
    /* A confirmed selection without a SWOT stops the submission. */
    x = (dlg_selection){ .department_id = 2, .confirmed = true };
    assert_int_equal(dlg_selection_put(d, org, id, &x, &e), HH_OK);
    answer_all(d, org, id);
    assert_int_equal(dlg_transition(d, org, &a, id, DS_SUBMITTED, NULL, NULL, NULL, NULL, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "submit_needs_answers");
    assert_string_equal(e.field, "swot");
    x.confirmed = false;
    assert_int_equal(dlg_selection_put(d, org, id, &x, &e), HH_OK);

    /* The data change: 101-2 no longer worsens, 101-1 no longer alarms. A
     * re-propose removes the unconfirmed 101-2 and keeps the confirmed 101-1
     * with its SWOT. */
    if (db_exec(d, "DELETE FROM warning_figure; UPDATE warning_status SET status = 'stable' WHERE unit_id = 1;", &e))
        fail_msg("%s", e.msg);
    assert_int_equal(dlg_propose(d, org, &a, id, &e), HH_OK);
    assert_int_equal(dlg_selections(d, org, &a, id, &sel, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(sel[0].department_id, 1);
    assert_true(sel[0].confirmed);
    assert_string_equal(sel[0].confirmed_by, "Test organisation");
    assert_string_equal(sel[0].strengths, "Stærkt naboskab");
    assert_string_equal(sel[0].threats, "Fraflytning");
    assert_int_equal(sel[0].rules, 1u << DR_LIST); /* still on the list */
    /* A department added by hand stays through a re-propose. */
    x = (dlg_selection){ .department_id = 2, .confirmed = false, .weaknesses = "Ventelisten svinder" };
    assert_int_equal(dlg_selection_put(d, org, id, &x, &e), HH_OK);
    assert_int_equal(dlg_propose(d, org, &a, id, &e), HH_OK);
    assert_int_equal(dlg_selections(d, org, &a, id, &sel, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    const dlg_selection *hand = find_sel(sel, n, 2);
    assert_non_null(hand);
    assert_false(hand->proposed);
    assert_string_equal(hand->weaknesses, "Ventelisten svinder");
    assert_int_equal(dlg_selection_delete(d, org, id, 2, &e), HH_OK);
    assert_int_equal(dlg_selection_delete(d, org, id, 2, &e), HH_ERR_NOTFOUND);
    dialogue g;
    assert_int_equal(dlg_get(d, org, &a, id, &g, &e), HH_OK);
    assert_true(g.departments[0].selected && g.departments[0].confirmed);
    assert_false(g.departments[1].selected);
    /* The municipality reads the selection but cannot change it. */
    assert_int_equal(dlg_selections(d, mun, &a, id, &sel, &n, &e), HH_OK);
    assert_int_equal(dlg_selection_delete(d, mun, id, 1, &e), HH_ERR_FORBIDDEN);
    arena_free(&a);
    db_close(d);
}

static const dlg_followup *find_fu(const dlg_followup *v, size_t n, const char *title)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].goal.title, title) == 0)
            return &v[i];
    fail_msg("no follow-up %s", title);
    return NULL;
}

static int64_t add_goal(db *d, const principal *p, int64_t dialogue_id, int64_t dept, const char *title,
                        const char *code, double target, int target_year)
{
    arena a;
    arena_init(&a);
    dlg_goal g = { .dialogue_id = dialogue_id,
                   .department_id = dept,
                   .title = title,
                   .kf = code ? kf_find(code) : -1,
                   .baseline_value = NAN,
                   .target_value = target,
                   .target_year = target_year,
                   .follow_up = "" };
    hh_error e;
    if (dlg_goal_put(d, p, &a, &g, &e))
        fail_msg("goal %s: %s", title, e.msg);
    arena_free(&a);
    return g.id;
}

static void test_goals(void **state)
{
    (void)state;
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");
    principal *mun = testfix_who(&a, ROLE_MUNICIPALITY, "0101");
    principal *mun2 = testfix_who(&a, ROLE_MUNICIPALITY, "0147");
    int64_t y23, y24;
    assert_int_equal(dlg_open(d, org, &a, 101, "0101", 2023, &y23, &e), HH_OK);
    /* Vacancy in 101-1 down to 4 % in 2025: 2025 has 8/400 = 2 %: met. */
    int64_t g1 = add_goal(d, org, y23, 1, "Færre tomme boliger", "vacancy_share", 4.0, 2025);
    /* Turnout up to 30 % in 2025: 100/400 = 25 %: not met (higher is good). */
    add_goal(d, org, y23, 1, "Flere til afdelingsmødet", "meeting_turnout", 30.0, 2025);
    /* The organisation in København: (8 + 3) / (400 + 300) = 1.571 % in 2025,
     * above 1.55 % (the average of percentages, 1.5 %, would be below). */
    add_goal(d, org, y23, 0, "Udlejning samlet", "vacancy_share", 1.55, 2025);
    /* Turnover in 101-2 in 2024: no data. */
    add_goal(d, org, y23, 2, "Lavere fraflytning", "turnover_rate", 5.0, 0);
    add_goal(d, org, y23, 0, "Ny beboerfolder", NULL, NAN, 0);
    /* A figure without a good direction: met within 5 % of the target.
     * 101-1 has 50 of 1,000 residents over 65 in 2025: 5 %. */
    if (db_exec(d,
                "INSERT INTO kf_value (department_id, key_figure_id, year, numerator, denominator)"
                " SELECT 1, id, 2025, 50, 1000 FROM key_figure WHERE code = 'age_65_plus_share'",
                &e))
        fail_msg("%s", e.msg);
    add_goal(d, org, y23, 1, "Ældreandel omkring 5,2 %", "age_65_plus_share", 5.2, 2025);
    add_goal(d, org, y23, 1, "Ældreandel omkring 6 %", "age_65_plus_share", 6.0, 2025);

    dlg_goal *goals;
    size_t n;
    assert_int_equal(dlg_goals(d, mun, &a, y23, &goals, &n, &e), HH_OK);
    assert_int_equal(n, 7);
    assert_int_equal(goals[0].id, g1);
    /* The organisation's baseline from summed parts: (20 + 3) / (400 + 300). */
    assert_int_equal(goals[2].baseline_year, 2023);
    NEAR(goals[2].baseline_value, 100.0 * 23 / 700);
    assert_string_equal(goals[0].department_key, "101-1");
    /* The baseline from the series: 2023, 20/400 = 5 %. */
    assert_int_equal(goals[0].baseline_year, 2023);
    NEAR(goals[0].baseline_value, 5.0);
    assert_int_equal(goals[3].target_year, 2024);
    assert_int_equal(goals[4].kf, -1);
    assert_true(isnan(goals[4].target_value));
    assert_string_equal(goals[2].department_key, "");
    assert_int_equal(dlg_goals(d, mun2, &a, y23, &goals, &n, &e), HH_ERR_NOTFOUND);

    /* Rules. */
    dlg_goal bad = { .dialogue_id = y23,
                     .title = "Nu",
                     .kf = kf_find("vacancy_share"),
                     .baseline_value = NAN,
                     .target_value = 3,
                     .target_year = 2023 };
    assert_int_equal(dlg_goal_put(d, org, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "goal_target_year");
    bad.target_year = 2024;
    bad.target_value = NAN;
    assert_int_equal(dlg_goal_put(d, org, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "target_value");
    bad.target_value = 3;
    bad.department_id = 5;
    assert_int_equal(dlg_goal_put(d, org, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "department_not_in_dialogue");
    bad.department_id = 0;
    bad.title = " ";
    assert_int_equal(dlg_goal_put(d, org, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "title");
    /* The municipality adds goals only while submitted (agreed at the meeting). */
    bad.title = "Kommunens mål";
    assert_int_equal(dlg_goal_put(d, mun, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "dialogue_locked");
    submit(d, org, y23);
    assert_int_equal(dlg_goal_put(d, mun, &a, &bad, &e), HH_OK);
    bad.id = 0;
    bad.title = "Organisationens mål";
    assert_int_equal(dlg_goal_put(d, org, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "dialogue_locked");
    int64_t gone = add_goal(d, mun, y23, 0, "Slettes", NULL, NAN, 0);
    assert_int_equal(dlg_goal_delete(d, org, y23, gone, &e), HH_ERR_INPUT);
    assert_int_equal(dlg_goal_delete(d, mun, y23, gone, &e), HH_OK);
    assert_int_equal(dlg_goal_delete(d, mun, y23, gone, &e), HH_ERR_NOTFOUND);

    /* Next year: last year's goals followed up. */
    assert_int_equal(dlg_open(d, org, &a, 101, "0101", 2024, &y24, &e), HH_OK);
    dlg_followup *fu;
    assert_int_equal(dlg_followups(d, org, &a, y23, &fu, &n, &e), HH_OK);
    assert_int_equal(n, 0); /* no dialogue in 2022 */
    assert_int_equal(dlg_followups(d, mun, &a, y24, &fu, &n, &e), HH_OK);
    assert_int_equal(n, 8);
    assert_int_equal(find_fu(fu, n, "Ny beboerfolder")->status, DG_NO_FIGURE);
    assert_int_equal(find_fu(fu, n, "Ældreandel omkring 5,2 %")->status, DG_MET);
    assert_int_equal(find_fu(fu, n, "Ældreandel omkring 6 %")->status, DG_NOT_MET);
    const dlg_followup *f = find_fu(fu, n, "Færre tomme boliger");
    assert_int_equal(f->status, DG_MET);
    assert_int_equal(f->actual_year, 2025);
    NEAR(f->actual, 2.0);
    f = find_fu(fu, n, "Flere til afdelingsmødet");
    assert_int_equal(f->status, DG_NOT_MET);
    NEAR(f->actual, 25.0);
    f = find_fu(fu, n, "Udlejning samlet");
    assert_int_equal(f->status, DG_NOT_MET);
    NEAR(f->actual, 100.0 * 11 / 700);
    f = find_fu(fu, n, "Lavere fraflytning");
    assert_int_equal(f->status, DG_NO_DATA);
    assert_true(isnan(f->actual));
    f = find_fu(fu, n, "Kommunens mål");
    assert_int_equal(f->status, DG_NO_DATA); /* 2024: no vacancy figures */
    /* Lower targets are met from below, higher from above. */
    f = find_fu(fu, n, "Udlejning samlet");
    assert_int_equal(
        dlg_goal_put(d, org, &a, &(dlg_goal){ .id = f->goal.id, .dialogue_id = y23, .follow_up = "Tæt på" }, &e),
        HH_OK);
    assert_int_equal(dlg_followups(d, org, &a, y24, &fu, &n, &e), HH_OK);
    assert_string_equal(find_fu(fu, n, "Udlejning samlet")->goal.follow_up, "Tæt på");
    /* The follow-up text only: the goal itself is unchanged. */
    NEAR(find_fu(fu, n, "Udlejning samlet")->goal.target_value, 1.55);
    /* Another organisation's user sees nothing. */
    principal *org2 = testfix_who(&a, ROLE_ORGANISATION, "102");
    assert_int_equal(dlg_followups(d, org2, &a, y24, &fu, &n, &e), HH_ERR_NOTFOUND);
    arena_free(&a);
    db_close(d);
}

static void test_deadlines(void **state)
{
    (void)state;
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");
    principal *mun = testfix_who(&a, ROLE_MUNICIPALITY, "0101");
    principal *mun2 = testfix_who(&a, ROLE_MUNICIPALITY, "0147");
    principal *national = testfix_who(&a, ROLE_NATIONAL, "");
    dlg_deadline dl = { "0101", 2024, "2024-05-01", 14 };
    assert_int_equal(dlg_deadline_put(d, org, &dl, &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_deadline_put(d, mun2, &dl, &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_deadline_put(d, national, &dl, &e), HH_ERR_FORBIDDEN);
    dl.deadline = "2025-01-10";
    assert_int_equal(dlg_deadline_put(d, mun, &dl, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "deadline_in_year");
    dl.deadline = "2024-05-01";
    assert_int_equal(dlg_deadline_put(d, mun, &dl, &e), HH_OK);
    dl.remind_days = 10;
    assert_int_equal(dlg_deadline_put(d, mun, &dl, &e), HH_OK); /* replaces */
    dlg_deadline got;
    bool found;
    assert_int_equal(dlg_deadline_get(d, &a, "0101", 2024, &got, &found, &e), HH_OK);
    assert_true(found);
    assert_string_equal(got.deadline, "2024-05-01");
    assert_int_equal(got.remind_days, 10);
    assert_int_equal(dlg_deadline_get(d, &a, "0147", 2024, &got, &found, &e), HH_OK);
    assert_false(found);

    dlg_summary *r;
    size_t n;
    /* 20 days before: no reminder; 10 days before: 101 in 0101 (not started). */
    assert_int_equal(dlg_reminders(d, org, &a, "2024-04-11", &r, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    assert_int_equal(dlg_reminders(d, org, &a, "2024-04-21", &r, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_string_equal(r[0].municipality_code, "0101");
    assert_int_equal(r[0].state, -1);
    assert_true(r[0].reminder);
    assert_false(r[0].overdue);
    /* The municipality is told only of overdue ones. */
    assert_int_equal(dlg_reminders(d, mun, &a, "2024-04-21", &r, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    assert_int_equal(dlg_reminders(d, mun, &a, "2024-05-02", &r, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_true(r[0].overdue && r[1].overdue);
    /* After submission: no more reminders for 101. */
    int64_t id;
    assert_int_equal(dlg_open(d, org, &a, 101, "0101", 2024, &id, &e), HH_OK);
    dialogue g;
    assert_int_equal(dlg_get(d, org, &a, id, &g, &e), HH_OK);
    assert_string_equal(g.deadline, "2024-05-01");
    assert_int_equal(g.remind_days, 10);
    assert_true(g.overdue && g.reminder); /* today is after 2024 */
    submit(d, org, id);
    assert_int_equal(dlg_get(d, org, &a, id, &g, &e), HH_OK);
    assert_false(g.overdue || g.reminder);
    assert_int_equal(dlg_reminders(d, org, &a, "2024-05-02", &r, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    assert_int_equal(dlg_reminders(d, mun, &a, "2024-05-02", &r, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].org_no, 102);
    /* A returned dialogue has to be submitted again. */
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_RETURNED, NULL, "Mangler", NULL, NULL, &e), HH_OK);
    assert_int_equal(dlg_reminders(d, org, &a, "2024-05-02", &r, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(r[0].state, DS_RETURNED);
    dlg_filter f = { "0101", 0, 2024, -1 };
    assert_int_equal(dlg_list(d, mun, &a, &f, &r, &n, &e), HH_OK);
    assert_string_equal(r[0].deadline, "2024-05-01");
    arena_free(&a);
    db_close(d);
}

static void test_public(void **state)
{
    (void)state;
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");
    principal *mun = testfix_who(&a, ROLE_MUNICIPALITY, "0101");
    int64_t id;
    assert_int_equal(dlg_open(d, org, &a, 101, "0101", 2024, &id, &e), HH_OK);
    dlg_public pub;
    assert_int_equal(dlg_public_get(d, &a, id, &pub, &e), HH_ERR_NOTFOUND);
    submit(d, org, id);
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_MEETING_HELD, NULL, NULL, "2024-03-01", "Referat", &e), HH_OK);
    assert_int_equal(dlg_public_get(d, &a, id, &pub, &e), HH_ERR_NOTFOUND);
    dlg_summary *rows;
    size_t n;
    assert_int_equal(dlg_published(d, &a, NULL, 0, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    assert_int_equal(dlg_transition(d, mun, &a, id, DS_PUBLISHED, NULL, NULL, NULL, NULL, &e), HH_OK);
    assert_int_equal(dlg_published(d, &a, "0101", 0, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(rows[0].id, id);
    assert_int_equal(rows[0].departments, 2);
    assert_int_equal(dlg_published(d, &a, "0147", 0, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    assert_int_equal(dlg_published(d, &a, NULL, 102, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 0);

    assert_int_equal(dlg_public_get(d, &a, id, &pub, &e), HH_OK);
    assert_string_equal(pub.org_name, "Boligselskabet Nord");
    assert_string_equal(pub.municipality_name, "København");
    assert_int_equal(pub.year, 2024);
    assert_string_equal(pub.meeting_date, "2024-03-01");
    assert_int_equal(pub.ndepartments, 2);
    assert_string_equal(pub.departments[0].key, "101-1");
    assert_string_equal(pub.departments[0].address, "Nordvej 1");
    assert_int_equal(pub.departments[0].dwellings, 400);
    size_t nf = 0;
    while (dlg_public_figures[nf])
        nf++;
    assert_int_equal(pub.departments[0].nfigures, nf);
    for (size_t i = 0; i < pub.departments[0].nfigures; i++) {
        const kf_row *r = &pub.departments[0].figures[i];
        assert_int_equal(r->kf, kf_find(dlg_public_figures[i]));
        if (r->kf == kf_find("convicted_share")) {
            assert_int_equal(r->year, 2023);
            assert_true(r->suppressed); /* 3 of 600 */
        } else if (r->kf == kf_find("vacancy_share")) {
            assert_int_equal(r->year, 2023);
            assert_false(r->suppressed);
            NEAR(kf_result(&kf_catalogue[r->kf], &r->parts), 5.0);
        } else if (r->kf == kf_find("residents")) {
            assert_int_equal(r->year, 0);
        }
    }
    /* 101-2's vacancy 2023 rests on 3 vacant dwellings: suppressed. */
    for (size_t i = 0; i < pub.departments[1].nfigures; i++)
        if (pub.departments[1].figures[i].kf == kf_find("vacancy_share"))
            assert_true(pub.departments[1].figures[i].suppressed);
    arena_free(&a);
    db_close(d);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables),      cmocka_unit_test(test_workflow),  cmocka_unit_test(test_sheet_figures),
        cmocka_unit_test(test_definitions), cmocka_unit_test(test_selection), cmocka_unit_test(test_goals),
        cmocka_unit_test(test_deadlines),   cmocka_unit_test(test_public),
    };
    return TESTFIX_MAIN("dialogue", tests);
}
