/* Holistic plans (src/domain/plans*.c): the tables, money, the lifecycle
 * by role and scope, the funding rules, focus areas, goal progress from key
 * figures, versions and their differences, scopes of reads, partners and
 * cooperation agreements. Runs on SQLite by default; with the argument
 * "postgres" on the throwaway server of tests/with-postgres.sh. */
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
#include "domain/keyfig.h"
#include "domain/plans.h"

static db_kind kind = DB_SQLITE;
static char tmpdir[] = "/tmp/helhed-test-plans.XXXXXX";
static int seq;

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* ---- fixtures ---- */

/* Organisations 101 and 102 in København (0101), 201 in Frederiksberg
 * (0147); departments 101-1, 101-2, 102-1 in 0101 and 201-1 in 0147; area
 * BO-T1 (0101) of 101-1 and 102-1, area BO-T2 (0147) of 201-1. */
static db *fresh(void)
{
    const char *sql =
        TESTFIX_REGISTRY_SQL "INSERT INTO area_member (area_id, department_id, valid_from) VALUES (1, 1, '2000-01-01'),"
                             " (1, 3, '2000-01-01'), (2, 4, '2000-01-01');";
    return testfix_fresh(kind, tmpdir, "plans", ++seq, sql);
}

static const int64_t org101_102[] = { 101, 102 };

/* A social plan of 101 in København covering 101-1 and area BO-T1. */
static int64_t make_plan(db *d, const char *round, plan_type type, const char *idea_date)
{
    plan_input in;
    testfix_plan_nordparken(&in);
    in.type = (int)type;
    in.round = round;
    in.idea_date = idea_date;
    return testfix_plan_create(d, &in);
}

/* The operator's path from the plan's state to target, one month apart in
 * 2015 (the n-th history entry takes effect on the first of month n). */
static void move_to(db *d, int64_t id, plan_state target)
{
    arena a;
    arena_init(&a);
    hh_error e;
    for (;;) {
        plan pl;
        if (plan_get(d, NULL, &a, id, &pl, &e))
            fail_msg("%s", e.msg);
        if (pl.state == target)
            break;
        plan_state next;
        switch (pl.state) {
        case PS_RUNNING: next = target == PS_EXTENDED ? PS_EXTENDED : PS_CLOSED; break;
        case PS_EXTENDED: next = PS_CLOSED; break;
        case PS_ANCHORED: fail_msg("cannot move on from anchored"); return;
        default: next = (plan_state)(pl.state + 1); break;
        }
        plan_transition *h;
        size_t nh;
        if (plan_history(d, &a, id, &h, &nh, &e))
            fail_msg("%s", e.msg);
        char date[11];
        snprintf(date, sizeof date, "2015-%02zu-01", nh + 1);
        if (plan_transition_apply(d, NULL, &a, id, next, date, NULL, &e))
            fail_msg("move %s: %s", plan_state_code[next], e.msg);
    }
    arena_free(&a);
}

static int64_t query(db *d, const char *sql)
{
    int64_t n = -1;
    if (!db_query_int64(d, sql, &n))
        fail_msg("query failed: %s (%s)", sql, db_errmsg(d));
    return n;
}

/* ---- tables ---- */

static void test_tables(void **state)
{
    assert_int_equal(plan_enum_find(plan_state_code, PS_COUNT, "municipal_approval"), PS_MUNICIPAL_APPROVAL);
    assert_int_equal(plan_enum_find(plan_source_code, SRC_COUNT, "lbf"), SRC_LBF);
    assert_int_equal(plan_enum_find(partner_type_code, PT_COUNT, "social_economy"), PT_SOCIAL_ECONOMY);
    assert_int_equal(plan_enum_find(plan_type_code, PLAN_TYPE_COUNT, "nope"), -1);
    assert_int_equal(plan_enum_find(plan_type_code, PLAN_TYPE_COUNT, NULL), -1);
    assert_int_equal(plan_nrounds, 4);
    const plan_round *r06 = plan_round_find("2006-2010"), *r11 = plan_round_find("2011-2014");
    assert_non_null(r06);
    assert_true(r06->free_themes);
    assert_false(r06->cofinancing_rule);
    assert_int_equal(r11->nfocus, 9);
    assert_true(r11->cofinancing_rule);
    assert_string_equal(r11->focus[5], "Sundhed");
    assert_int_equal(plan_round_find("2015-2018")->nfocus, 4);
    assert_string_equal(plan_round_find("2019-2026")->focus[3], "Sammenhængskraft og medborgerskab");
    assert_true(plan_round_find("2019-2026")->cofinancing_rule);
    assert_null(plan_round_find("2020"));
    const char *codes[] = { "lbf_share_max",  "cofinancing_min",        "no_payout_before_approval",
                            "focus_in_round", "transition_not_allowed", "transition_role" };
    for (size_t i = 0; i < HH_ARRAY_LEN(codes); i++)
        assert_non_null(plan_rule_find(codes[i]));
    assert_string_equal(plan_rule_find("lbf_share_max")->source, "002:L1024-1028");
    assert_null(plan_rule_find("nope"));
    assert_int_equal(plan_ntransitions, 12);
}

/* ---- money ---- */

static void test_money(void **state)
{
    arena a;
    arena_init(&a);
    assert_string_equal(plan_format_dkk(&a, 123456789), "1.234.567,89 kr.");
    assert_string_equal(plan_format_dkk(&a, 0), "0,00 kr.");
    assert_string_equal(plan_format_dkk(&a, 5), "0,05 kr.");
    assert_string_equal(plan_format_dkk(&a, 100000), "1.000,00 kr.");
    assert_string_equal(plan_format_dkk(&a, 99999), "999,99 kr.");
    assert_string_equal(plan_format_dkk(&a, -150), "-1,50 kr.");
    assert_string_equal(plan_format_dkk(&a, INT64_MIN), "-92.233.720.368.547.758,08 kr.");
    int64_t v = -1;
    assert_true(plan_parse_dkk("1234567,89", &v));
    assert_int_equal(v, 123456789);
    assert_true(plan_parse_dkk("1.234.567,89", &v));
    assert_int_equal(v, 123456789);
    assert_true(plan_parse_dkk("1234567.89", &v));
    assert_int_equal(v, 123456789);
    assert_true(plan_parse_dkk("1234567", &v));
    assert_int_equal(v, 123456700);
    assert_true(plan_parse_dkk("0,5", &v));
    assert_int_equal(v, 50);
    assert_true(plan_parse_dkk("12.5", &v));
    assert_int_equal(v, 1250);
    assert_true(plan_parse_dkk("1.000", &v)); /* Danish thousands */
    assert_int_equal(v, 100000);
    assert_true(plan_parse_dkk("1.234.567,89 kr.", &v)); /* what plan_format_dkk writes */
    assert_int_equal(v, 123456789);
    assert_true(plan_parse_dkk("0", &v));
    assert_int_equal(v, 0);
    const char *bad[] = { "",
                          "kr.",
                          "-5",
                          "+5",
                          "1,234",
                          "1.2345",
                          "12,",
                          ",5",
                          "1.23.456",
                          "12.34.5",
                          "1,2,3",
                          "1.234,5.6",
                          "abc",
                          "12a",
                          "1 000",
                          "1234.567",
                          ".5",
                          "1..000",
                          "92233720368547758,08" };
    for (size_t i = 0; i < HH_ARRAY_LEN(bad); i++) {
        if (plan_parse_dkk(bad[i], &v))
            fail_msg("accepted '%s' as %lld", bad[i], (long long)v);
    }
    assert_true(plan_parse_dkk("92233720368547758,07", &v));
    assert_int_equal(v, INT64_MAX);
    assert_false(plan_parse_dkk(NULL, &v));
    arena_free(&a);
}

/* ---- lifecycle ---- */

static bool role_scoped(role_id r)
{
    return r != ROLE_ADMIN && r != ROLE_NATIONAL;
}

/* A principal of role r whose scope covers plan id (in) or not. */
static principal *scoped(arena *a, role_id r, bool in, int64_t id)
{
    switch (r) {
    case ROLE_MUNICIPALITY: return testfix_who(a, r, in ? "0101" : "0147");
    case ROLE_ORGANISATION: return testfix_who(a, r, in ? "101" : "201");
    case ROLE_PLAN_STAFF: return testfix_who(a, r, arena_printf(a, "%lld", (long long)(in ? id : id + 1000)));
    case ROLE_CARETAKER: return testfix_who(a, r, in ? "101-1" : "201-1");
    case ROLE_VIEWER: return testfix_who(a, r, in ? "municipality=0101" : "municipality=0147");
    default: return testfix_who(a, r, "");
    }
}

/* Every rule of the lifecycle table by every role, in and out of scope:
 * allowed exactly when the table names the role and the scope covers the
 * plan; refused with 403 (rule transition_role) when the plan is visible,
 * 404 when it is not. Edges the table lacks are refused as not allowed. */
static void test_transition_matrix(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    for (size_t t = 0; t < plan_ntransitions; t++) {
        const plan_transition_rule *r = &plan_transitions[t];
        int64_t refuse_id = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01");
        move_to(d, refuse_id, r->from);
        for (int role = 0; role < ROLE_COUNT; role++) {
            for (int in = 0; in < 2; in++) {
                if (!role_scoped((role_id)role) && !in)
                    continue;
                bool allowed = (r->roles & ROLE_BIT(role)) && in;
                int64_t id = allowed ? make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01") : refuse_id;
                if (allowed)
                    move_to(d, id, r->from);
                principal *p = scoped(&a, (role_id)role, in, id);
                plan pl;
                bool visible = plan_get(d, p, &a, id, &pl, &e) == HH_OK;
                assert_true(visible == (in || !role_scoped((role_id)role)));
                if (visible) {
                    const plan_transition_rule *next[16];
                    size_t nn = plan_next(p, &pl, next);
                    bool listed = false;
                    for (size_t k = 0; k < nn; k++)
                        listed = listed || next[k] == r;
                    assert_true(listed == allowed);
                    assert_true(plan_may_transition(p, &pl, r) == allowed);
                }
                hh_err rc = plan_transition_apply(d, p, &a, id, r->to, NULL, "matrix", &e);
                if (rc != (allowed ? HH_OK : visible ? HH_ERR_FORBIDDEN : HH_ERR_NOTFOUND))
                    fail_msg("%s -> %s by %s (%s scope): %d %s", plan_state_code[r->from], plan_state_code[r->to],
                             role_defs[role].code, in ? "in" : "out of", rc, e.msg);
                if (rc == HH_ERR_FORBIDDEN)
                    assert_string_equal(e.rule, "transition_role");
                if (allowed) {
                    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
                    assert_int_equal(pl.state, r->to);
                }
            }
        }
        /* The operator may make every transition. */
        int64_t op = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01");
        move_to(d, op, r->from);
        assert_int_equal(plan_transition_apply(d, NULL, &a, op, r->to, NULL, NULL, &e), HH_OK);
    }
    /* Every edge the table does not have is refused, even for the operator. */
    int64_t id = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01");
    for (int from = 0; from < PS_COUNT; from++) {
        for (int to = 0; to < PS_COUNT; to++) {
            bool edge = false;
            for (size_t t = 0; t < plan_ntransitions; t++)
                edge =
                    edge || (plan_transitions[t].from == (plan_state)from && plan_transitions[t].to == (plan_state)to);
            if (edge || from != PS_IDEA)
                continue;
            assert_int_equal(plan_transition_apply(d, NULL, &a, id, (plan_state)to, NULL, NULL, &e), HH_ERR_INPUT);
            assert_string_equal(e.rule, "transition_not_allowed");
        }
    }
    move_to(d, id, PS_RUNNING);
    assert_int_equal(plan_transition_apply(d, NULL, &a, id, PS_DRAFTING, NULL, NULL, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "transition_not_allowed");
    assert_non_null(strstr(e.msg, "«I gang» til «Udarbejdelse»"));
    arena_free(&a);
    db_close(d);
}

/* Municipal approval is recorded by the plan's own municipality only; it
 * saves version 1 and makes the plan approved. Dates are checked. */
static void test_municipal_approval(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t id = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01");
    move_to(d, id, PS_DRAFTING); /* prequalification 2015-02-01, drafting 2015-03-01 */
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101"), *admin = testfix_who(&a, ROLE_ADMIN, "");
    principal *other = testfix_who(&a, ROLE_MUNICIPALITY, "0147"), *muni = testfix_who(&a, ROLE_MUNICIPALITY, "0101");
    assert_int_equal(plan_transition_apply(d, org, &a, id, PS_MUNICIPAL_APPROVAL, NULL, NULL, &e), HH_ERR_FORBIDDEN);
    assert_string_equal(e.rule, "transition_role");
    assert_non_null(strstr(e.msg, "kun København Kommune"));
    assert_int_equal(plan_transition_apply(d, admin, &a, id, PS_MUNICIPAL_APPROVAL, NULL, NULL, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(plan_transition_apply(d, other, &a, id, PS_MUNICIPAL_APPROVAL, NULL, NULL, &e), HH_ERR_NOTFOUND);
    /* Dates: real, not in the future, not before the previous entry. */
    assert_int_equal(plan_transition_apply(d, muni, &a, id, PS_MUNICIPAL_APPROVAL, "2015-02-30", NULL, &e),
                     HH_ERR_INPUT);
    assert_string_equal(e.field, "date");
    assert_int_equal(plan_transition_apply(d, muni, &a, id, PS_MUNICIPAL_APPROVAL, "2099-01-01", NULL, &e),
                     HH_ERR_INPUT);
    assert_string_equal(e.rule, "transition_date");
    assert_int_equal(plan_transition_apply(d, muni, &a, id, PS_MUNICIPAL_APPROVAL, "2015-02-28", NULL, &e),
                     HH_ERR_INPUT);
    assert_string_equal(e.rule, "transition_date");
    plan pl;
    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
    assert_false(pl.approved);
    assert_int_equal(pl.version, 0);
    assert_int_equal(plan_transition_apply(d, muni, &a, id, PS_MUNICIPAL_APPROVAL, "2015-03-01", "Godkendt", &e),
                     HH_OK);
    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
    assert_true(pl.approved);
    assert_int_equal(pl.state, PS_MUNICIPAL_APPROVAL);
    assert_int_equal(pl.version, 1);
    plan_version *v;
    size_t nv;
    assert_int_equal(plan_versions(d, &a, id, &v, &nv, &e), HH_OK);
    assert_int_equal(nv, 1);
    assert_string_equal(v[0].note, "Ansøgning (version 1)");
    assert_string_equal(v[0].user_name, "Test municipality");
    /* History: creation first, every entry with its date and user. */
    plan_transition *h;
    size_t nh;
    assert_int_equal(plan_history(d, &a, id, &h, &nh, &e), HH_OK);
    assert_int_equal(nh, 4);
    assert_int_equal(h[0].from, PS_COUNT);
    assert_int_equal(h[0].to, PS_IDEA);
    assert_string_equal(h[0].effective, "2015-01-01");
    assert_int_equal(h[3].from, PS_DRAFTING);
    assert_int_equal(h[3].to, PS_MUNICIPAL_APPROVAL);
    assert_string_equal(h[3].effective, "2015-03-01");
    assert_string_equal(h[3].note, "Godkendt");
    assert_string_equal(h[3].user_name, "Test municipality");
    /* Transitions and creation are audited. */
    assert_int_equal(
        query(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'plan_transition' AND outcome = 'success'"), 3);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'plan_transition' AND outcome = 'denied'"),
                     2);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM audit_log WHERE action = 'plan_create'"), 1);
    /* A second approval-path does not save another version 1: later
     * versions come from plan_version_save. */
    int ver = 0;
    assert_int_equal(plan_version_save(d, muni, &a, id, "Revision", &ver, &e), HH_OK);
    assert_int_equal(ver, 2);
    assert_int_equal(plan_version_save(d, testfix_who(&a, ROLE_NATIONAL, ""), &a, id, NULL, &ver, &e),
                     HH_ERR_FORBIDDEN);
    arena_free(&a);
    db_close(d);
}

/* ---- create, update, read ---- */

static void test_create_update(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t before = query(d, "SELECT version FROM data_version WHERE grp = 'plans'");
    plan_input in;
    plan_input_init(&in);
    in.name = "Sydparken";
    in.type = PLAN_SOCIAL;
    in.municipality_code = "0101";
    in.round = "2011-2014";
    in.has_orgs = true;
    in.org_nos = org101_102;
    in.norgs = 2;
    const char *deps[] = { "101-1", "102-1" };
    in.has_departments = true;
    in.department_keys = deps;
    in.ndepartments = 2;
    const char *focus[] = { "Sundhed", "Uddannelse" };
    in.has_focus = true;
    in.focus = focus;
    in.nfocus = 2;
    in.start_date = "2012-01-01";
    in.end_date = "2015-12-31";
    in.idea_date = "2011-03-01";
    in.challenge[CH_SOCIAL] = 1;
    int64_t id;
    /* Who may create: admin, the organisation listed, the municipality. */
    assert_int_equal(plan_create(d, testfix_who(&a, ROLE_ORGANISATION, "201"), &a, &in, &id, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(plan_create(d, testfix_who(&a, ROLE_MUNICIPALITY, "0147"), &a, &in, &id, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(plan_create(d, testfix_who(&a, ROLE_NATIONAL, ""), &a, &in, &id, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(plan_create(d, testfix_who(&a, ROLE_VIEWER, "municipality=0101"), &a, &in, &id, &e),
                     HH_ERR_FORBIDDEN);
    assert_int_equal(plan_create(d, testfix_who(&a, ROLE_ORGANISATION, "102"), &a, &in, &id, &e), HH_OK);
    assert_true(query(d, "SELECT version FROM data_version WHERE grp = 'plans'") > before);
    plan pl;
    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
    assert_string_equal(pl.name, "Sydparken");
    assert_string_equal(pl.municipality_name, "København");
    assert_string_equal(pl.round, "2011-2014");
    assert_int_equal(pl.state, PS_IDEA);
    assert_int_equal(pl.norgs, 2);
    assert_string_equal(pl.orgs[1].name, "Boligforeningen Syd");
    assert_int_equal(pl.ndepartments, 2);
    assert_string_equal(pl.departments[1].key, "102-1");
    assert_int_equal(pl.nfocus, 2);
    assert_string_equal(pl.focus[0], "Sundhed");
    assert_true(pl.challenge[CH_SOCIAL]);
    assert_false(pl.challenge[CH_URBAN]);
    assert_string_equal(pl.start_date, "2012-01-01");
    assert_false(pl.approved);

    /* Validation names the field. */
    plan_input bad = in;
    bad.name = "";
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "name");
    bad = in;
    bad.municipality_code = "9999";
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "municipality_code");
    bad = in;
    bad.norgs = 0;
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "organisations");
    bad = in;
    bad.norgs = 1; /* 102-1 is not 101's */
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "departments[1]");
    const char *far[] = { "101-1", "201-1" };
    bad = in;
    bad.department_keys = far;
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "departments[1]");
    const char *area2[] = { "BO-T2" };
    bad = in;
    bad.has_areas = true;
    bad.area_codes = area2;
    bad.nareas = 1;
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "areas[0]");
    bad = in;
    bad.end_date = "2011-12-31";
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "end_date");
    bad = in;
    bad.start_date = "2013-13-01";
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "start_date");
    bad = in;
    bad.idea_date = "2099-01-01";
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "idea_date");
    bad = in;
    bad.round = "2012";
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "round");

    /* Focus areas outside the round are refused; free themes in 2006-10. */
    const char *wrong[] = { "Sundhed", "Tryghed og trivsel" };
    bad = in;
    bad.focus = wrong;
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "focus_in_round");
    assert_string_equal(e.field, "focus[1]");
    assert_non_null(strstr(e.msg, "«Tryghed og trivsel» er ikke et indsatsområde i puljen 2011–14"));
    const char *dup[] = { "Sundhed", "Sundhed" };
    bad.focus = dup;
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "focus[1]");
    const char *themes[] = { "Naboskab", "Tryghed og trivsel" };
    bad = in;
    bad.round = "2006-2010";
    bad.focus = themes;
    int64_t id06;
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id06, &e), HH_OK);
    const char *empty[] = { "Naboskab", "" };
    bad.focus = empty;
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "focus[1]");
    const char *longer[] = {
        "Et tema med et meget langt navn der bliver ved og ved og ved og ved og ved og ved og ved"
    };
    bad.focus = longer;
    bad.nfocus = 1;
    assert_int_equal(plan_create(d, NULL, &a, &bad, &id, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "focus[0]");

    /* Update: changing the round re-validates the stored focus areas. */
    plan_input up;
    plan_input_init(&up);
    up.round = "2011-2014";
    assert_int_equal(plan_update(d, NULL, &a, id06, &up, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "focus_in_round");
    assert_string_equal(e.field, "focus[0]");
    up.round = "2015-2018";
    assert_int_equal(plan_update(d, NULL, &a, id06, &up, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "focus[0]"); /* Naboskab */
    const char *f15[] = { "Tryghed og trivsel" };
    up.has_focus = true;
    up.focus = f15;
    up.nfocus = 1;
    assert_int_equal(plan_update(d, NULL, &a, id06, &up, &e), HH_OK);
    assert_int_equal(plan_get(d, NULL, &a, id06, &pl, &e), HH_OK);
    assert_string_equal(pl.round, "2015-2018");
    assert_int_equal(pl.nfocus, 1);
    assert_string_equal(pl.name, "Sydparken"); /* kept */
    assert_int_equal(pl.ndepartments, 2);      /* kept */

    /* Who may update: the plan's organisation, municipality, staff, admin. */
    plan_input nm;
    plan_input_init(&nm);
    nm.name = "Sydparken 2.0";
    nm.vision = "Et godt sted at bo";
    assert_int_equal(plan_update(d, testfix_who(&a, ROLE_NATIONAL, ""), &a, id, &nm, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(plan_update(d, testfix_who(&a, ROLE_VIEWER, "organisation=101"), &a, id, &nm, &e),
                     HH_ERR_FORBIDDEN);
    assert_int_equal(plan_update(d, testfix_who(&a, ROLE_CARETAKER, "101-1"), &a, id, &nm, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(plan_update(d, testfix_who(&a, ROLE_ORGANISATION, "201"), &a, id, &nm, &e), HH_ERR_NOTFOUND);
    assert_int_equal(
        plan_update(d, testfix_who(&a, ROLE_PLAN_STAFF, arena_printf(&a, "%lld", (long long)id)), &a, id, &nm, &e),
        HH_OK);
    assert_int_equal(plan_update(d, testfix_who(&a, ROLE_MUNICIPALITY, "0101"), &a, id, &nm, &e), HH_OK);
    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
    assert_string_equal(pl.name, "Sydparken 2.0");
    assert_string_equal(pl.vision, "Et godt sted at bo");
    /* Moving the plan to another municipality re-checks its departments. */
    plan_input mv;
    plan_input_init(&mv);
    mv.municipality_code = "0147";
    assert_int_equal(plan_update(d, NULL, &a, id, &mv, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "departments[0]");

    /* Inside the caller's transaction (the demo generator) writes use a
     * savepoint and land with the caller's commit. */
    assert_int_equal(db_begin(d, &e), HH_OK);
    int64_t in_tx = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01");
    assert_int_equal(plan_transition_apply(d, NULL, &a, in_tx, PS_PREQUALIFICATION, "2015-01-02", NULL, &e), HH_OK);
    assert_int_equal(plan_update(d, NULL, &a, in_tx, &mv, &e), HH_ERR_INPUT);
    assert_true(db_in_transaction(d));
    assert_int_equal(db_commit(d, &e), HH_OK);
    assert_int_equal(plan_get(d, NULL, &a, in_tx, &pl, &e), HH_OK);
    assert_int_equal(pl.state, PS_PREQUALIFICATION);

    /* Predecessor: sharing a department or area. */
    plan_input nx = in;
    nx.name = "Sydparken igen";
    nx.predecessor_id = id;
    nx.idea_date = NULL;
    int64_t next;
    assert_int_equal(plan_create(d, NULL, &a, &nx, &next, &e), HH_OK);
    assert_int_equal(plan_get(d, NULL, &a, next, &pl, &e), HH_OK);
    assert_int_equal(pl.predecessor_id, id);
    assert_string_equal(pl.predecessor_name, "Sydparken 2.0");
    int64_t lone = make_plan(d, NULL, PLAN_PHYSICAL, NULL); /* 101-1 and BO-T1 */
    const char *d2[] = { "101-2" };
    nx.department_keys = d2;
    nx.ndepartments = 1;
    nx.norgs = 1;
    nx.predecessor_id = id06; /* 101-1, 102-1; no area */
    assert_int_equal(plan_create(d, NULL, &a, &nx, &next, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "predecessor_same_area");
    assert_string_equal(e.field, "predecessor_id");
    nx.predecessor_id = 0;
    assert_true(lone > 0);
    arena_free(&a);
    db_close(d);
}

/* Reads are limited to the scope: what lies outside does not exist. */
static void test_scope(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t kbh = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01");
    plan_input in;
    plan_input_init(&in);
    in.name = "Bakkehuset";
    in.type = PLAN_HEALTH;
    in.municipality_code = "0147";
    in.round = "2015-2018";
    static const int64_t org201[] = { 201 };
    in.has_orgs = true;
    in.org_nos = org201;
    in.norgs = 1;
    const char *areas[] = { "BO-T2" };
    in.has_areas = true;
    in.area_codes = areas;
    in.nareas = 1;
    const char *focus[] = { "Tryghed og trivsel" };
    in.has_focus = true;
    in.focus = focus;
    in.nfocus = 1;
    int64_t frb;
    assert_int_equal(plan_create(d, NULL, &a, &in, &frb, &e), HH_OK);
    struct {
        principal *p;
        bool kbh, frb;
    } cases[] = {
        { NULL, true, true },
        { testfix_who(&a, ROLE_ADMIN, ""), true, true },
        { testfix_who(&a, ROLE_NATIONAL, ""), true, true },
        { testfix_who(&a, ROLE_MUNICIPALITY, "0101"), true, false },
        { testfix_who(&a, ROLE_MUNICIPALITY, "0147"), false, true },
        { testfix_who(&a, ROLE_ORGANISATION, "101"), true, false },
        { testfix_who(&a, ROLE_ORGANISATION, "102"), false, false },
        { testfix_who(&a, ROLE_PLAN_STAFF, arena_printf(&a, "%lld", (long long)frb)), false, true },
        { testfix_who(&a, ROLE_CARETAKER, "101-1"), true, false },
        { testfix_who(&a, ROLE_CARETAKER, "201-1"), false, true }, /* through the area */
        { testfix_who(&a, ROLE_CARETAKER, "101-2"), false, false },
        { testfix_who(&a, ROLE_VIEWER, "municipality=0147"), false, true },
        { testfix_who(&a, ROLE_VIEWER, "organisation=101"), true, false },
    };
    for (size_t i = 0; i < HH_ARRAY_LEN(cases); i++) {
        plan pl;
        assert_int_equal(plan_get(d, cases[i].p, &a, kbh, &pl, &e), cases[i].kbh ? HH_OK : HH_ERR_NOTFOUND);
        assert_int_equal(plan_get(d, cases[i].p, &a, frb, &pl, &e), cases[i].frb ? HH_OK : HH_ERR_NOTFOUND);
        plan_summary *rows;
        size_t n;
        assert_int_equal(plan_list(d, cases[i].p, &a, NULL, &rows, &n, &e), HH_OK);
        assert_int_equal(n, (size_t)cases[i].kbh + (size_t)cases[i].frb);
    }
    /* Filters. */
    plan_summary *rows;
    size_t n;
    plan_filter f = { .type = -1, .state = -1 };
    assert_int_equal(plan_list(d, NULL, &a, &f, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].name, "Bakkehuset"); /* by name */
    assert_string_equal(rows[0].region_code, "1084");
    assert_string_equal(rows[0].focus, "Tryghed og trivsel");
    assert_string_equal(rows[0].orgs, "Frederiksberg Boliger");
    struct {
        plan_filter f;
        int64_t id;
    } fc[] = {
        { { .type = PLAN_HEALTH, .state = -1 }, frb },
        { { .type = -1, .state = PS_IDEA, .round = "2011-2014" }, kbh },
        { { .type = -1, .state = -1, .focus = "Tryghed og trivsel" }, frb },
        { { .type = -1, .state = -1, .municipality_code = "0101" }, kbh },
        { { .type = -1, .state = -1, .org_no = 201 }, frb },
        { { .type = -1, .state = -1, .area_id = 1 }, kbh },
        { { .type = -1, .state = -1, .department_id = 1 }, kbh },
        { { .type = -1, .state = -1, .q = "bakke" }, frb },
        { { .type = -1, .state = -1, .q = "FÆLLESSKAB" }, kbh },
        { { .type = -1, .state = -1, .limit = 1 }, frb },
    };
    for (size_t i = 0; i < HH_ARRAY_LEN(fc); i++) {
        assert_int_equal(plan_list(d, NULL, &a, &fc[i].f, &rows, &n, &e), HH_OK);
        assert_int_equal(n, 1);
        assert_int_equal(rows[0].id, fc[i].id);
    }
    f = (plan_filter){ .type = -1, .state = PS_RUNNING };
    assert_int_equal(plan_list(d, NULL, &a, &f, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    f = (plan_filter){ .type = -1, .state = -1, .region_code = "1084" };
    assert_int_equal(plan_list(d, NULL, &a, &f, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    arena_free(&a);
    db_close(d);
}

/* A reader sees the predecessor only if they may see that plan; a change by
 * a writer who cannot see it keeps it. */
static void test_predecessor_scope(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t old = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01"); /* 101, 101-1, BO-T1 */
    plan_input in;
    plan_input_init(&in);
    in.name = "Sydparken videre";
    in.type = PLAN_SOCIAL;
    in.municipality_code = "0101";
    static const int64_t org102[] = { 102 };
    static const char *const deps[] = { "102-1" };
    static const char *const areas[] = { "BO-T1" };
    testfix_plan_scope(&in, org102, 1, deps, 1, areas, 1);
    in.predecessor_id = old;
    int64_t id;
    assert_int_equal(plan_create(d, NULL, &a, &in, &id, &e), HH_OK);
    struct {
        principal *p;
        bool sees;
    } cases[] = {
        { NULL, true },
        { testfix_who(&a, ROLE_ADMIN, ""), true },
        { testfix_who(&a, ROLE_MUNICIPALITY, "0101"), true },
        { testfix_who(&a, ROLE_ORGANISATION, "102"), false },
        { testfix_who(&a, ROLE_CARETAKER, "102-1"), true }, /* 102-1 lies in BO-T1, a plan area of both */
        { testfix_who(&a, ROLE_PLAN_STAFF, arena_printf(&a, "%lld", (long long)id)), false },
        { testfix_who(&a, ROLE_VIEWER, "organisation=102"), false },
    };
    for (size_t i = 0; i < HH_ARRAY_LEN(cases); i++) {
        plan pl;
        assert_int_equal(plan_get(d, cases[i].p, &a, id, &pl, &e), HH_OK);
        assert_int_equal(pl.predecessor_id, cases[i].sees ? old : 0);
        assert_string_equal(pl.predecessor_name, cases[i].sees ? "Nordparken i fællesskab" : "");
    }
    /* Saved versions and the current snapshot hide it the same way. */
    int num;
    assert_int_equal(plan_version_save(d, NULL, &a, id, "Ansøgning", &num, &e), HH_OK);
    for (size_t i = 0; i < HH_ARRAY_LEN(cases); i++) {
        plan_version *v;
        size_t nv;
        const char *now;
        assert_int_equal(plan_versions_read(d, cases[i].p, &a, id, &v, &nv, &e), HH_OK);
        assert_int_equal(nv, 1);
        assert_int_equal(plan_snapshot_read(d, cases[i].p, &a, id, &now, &e), HH_OK);
        const char *texts[] = { v[0].snapshot, now };
        for (size_t k = 0; k < 2; k++) {
            assert_true((strstr(texts[k], "Nordparken i fællesskab") != NULL) == cases[i].sees);
            assert_true((strstr(texts[k], "\"predecessor_id\":0") != NULL) == !cases[i].sees);
        }
        plan_change *c;
        size_t nc;
        assert_int_equal(plan_diff(&a, v[0].snapshot, now, &c, &nc, &e), HH_OK);
        assert_int_equal(nc, 0);
    }
    /* Organisation 102 changes its plan without seeing the predecessor. */
    plan_input_init(&in);
    in.name = "Sydparken videre 2";
    assert_int_equal(plan_update(d, testfix_who(&a, ROLE_ORGANISATION, "102"), &a, id, &in, &e), HH_OK);
    plan pl;
    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
    assert_string_equal(pl.name, "Sydparken videre 2");
    assert_int_equal(pl.predecessor_id, old);
    arena_free(&a);
    db_close(d);
}

/* A plan keeps the departments and areas its goals measure on. */
static void test_goal_places(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t id = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01"); /* 101-1, BO-T1 */
    plan_input in;
    plan_input_init(&in);
    static const char *const both[] = { "101-1", "101-2" };
    in.has_departments = true;
    in.department_keys = both;
    in.ndepartments = 2;
    assert_int_equal(plan_update(d, NULL, &a, id, &in, &e), HH_OK);
    int kf = kf_find("outside_labour_share");
    static const char *const dept2[] = { "101-2" };
    plan_goal g = { .title = "Færre uden for arbejdsmarkedet",
                    .kf = kf,
                    .area_code = "",
                    .department_keys = dept2,
                    .ndepartments = 1,
                    .baseline_year = 2012,
                    .baseline_value = 40,
                    .target_value = 30,
                    .target_year = 2018 };
    assert_int_equal(plan_goal_put(d, NULL, &a, id, &g, &e), HH_OK);
    plan_goal ga = { .title = "Tryghed i området",
                     .kf = kf,
                     .area_code = "BO-T1",
                     .baseline_year = 2012,
                     .baseline_value = 40,
                     .target_value = 30,
                     .target_year = 2018 };
    assert_int_equal(plan_goal_put(d, NULL, &a, id, &ga, &e), HH_OK);

    /* Removing 101-2 is refused, naming the department and the goal. */
    static const char *const one[] = { "101-1" };
    in.department_keys = one;
    in.ndepartments = 1;
    assert_int_equal(plan_update(d, NULL, &a, id, &in, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "departments");
    assert_string_equal(e.rule, "goal_measure");
    assert_non_null(
        strstr(e.msg, ": Afdeling 101-2 bruges af målet 'Færre uden for arbejdsmarkedet'; ret målet først"));
    /* Removing the area likewise. */
    plan_input_init(&in);
    in.has_areas = true;
    in.area_codes = NULL;
    in.nareas = 0;
    assert_int_equal(plan_update(d, NULL, &a, id, &in, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "areas");
    assert_string_equal(e.rule, "goal_measure");
    assert_non_null(strstr(e.msg, ": Boligområdet BO-T1 bruges af målet 'Tryghed i området'; ret målet først"));
    plan pl;
    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
    assert_int_equal(pl.ndepartments, 2);
    assert_int_equal(pl.nareas, 1);

    /* Reordering keeps them; once the goals are gone the places may go. */
    static const char *const swapped[] = { "101-2", "101-1" };
    plan_input_init(&in);
    in.has_departments = true;
    in.department_keys = swapped;
    in.ndepartments = 2;
    assert_int_equal(plan_update(d, NULL, &a, id, &in, &e), HH_OK);
    assert_int_equal(plan_goal_delete(d, NULL, id, g.id, &e), HH_OK);
    assert_int_equal(plan_goal_delete(d, NULL, id, ga.id, &e), HH_OK);
    in.department_keys = one;
    in.ndepartments = 1;
    in.has_areas = true;
    in.nareas = 0;
    assert_int_equal(plan_update(d, NULL, &a, id, &in, &e), HH_OK);
    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
    assert_int_equal(pl.ndepartments, 1);
    assert_int_equal(pl.nareas, 0);

    /* A goal on all the plan's departments needs at least one of them. */
    plan_goal gall = { .title = "Beskæftigelse i planens afdelinger",
                       .kf = kf,
                       .area_code = "",
                       .baseline_year = 2012,
                       .baseline_value = 40,
                       .target_value = 30,
                       .target_year = 2018 };
    assert_int_equal(plan_goal_put(d, NULL, &a, id, &gall, &e), HH_OK);
    in.has_areas = false;
    in.ndepartments = 0;
    assert_int_equal(plan_update(d, NULL, &a, id, &in, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "departments");
    assert_string_equal(e.rule, "goal_measure");
    assert_non_null(strstr(e.msg, "målet 'Beskæftigelse i planens afdelinger' måles på planens afdelinger"));
    assert_int_equal(plan_goal_delete(d, NULL, id, gall.id, &e), HH_OK);
    assert_int_equal(plan_update(d, NULL, &a, id, &in, &e), HH_OK);
    arena_free(&a);
    db_close(d);
}

/* ---- budget ---- */

static plan_budget_line line(int year, plan_source s, int64_t budget, int64_t spent)
{
    return (plan_budget_line){ .year = year, .source = s, .budget_ore = budget, .spent_ore = spent, .note = "" };
}

static void test_budget_rules(void **state)
{
    plan pl = { .type = PLAN_SOCIAL, .round = "2006-2010" };
    hh_error e;
    /* Exactly 75 % from LBF is accepted, 75.01 % refused with the numbers. */
    plan_budget_line ok[] = { line(2014, SRC_MUNICIPALITY, 25000000, 0), line(2014, SRC_LBF, 75000000, 0) };
    assert_int_equal(plan_budget_check(&pl, ok, 2, &e), HH_OK);
    plan_budget_line over[] = { line(2014, SRC_MUNICIPALITY, 24990000, 0), line(2015, SRC_ORGANISATION, 0, 0),
                                line(2014, SRC_LBF, 75010000, 0) };
    assert_int_equal(plan_budget_check(&pl, over, 3, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "lbf_share_max");
    assert_string_equal(e.field, "budget[2].budget_ore");
    assert_string_equal(e.msg, "Landsbyggefonden må højst betale 75 % af en boligsocial helhedsplan (002:L1024-1028):"
                               " budgettet har 750.100,00 kr. fra LBF af i alt 1.000.000,00 kr. (75,01 %).");
    /* In every round, and one øre is enough. */
    pl.round = "2019-2026";
    assert_int_equal(plan_budget_check(&pl, over, 3, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "lbf_share_max");
    plan_budget_line ore[] = { line(2014, SRC_LBF, 75, 0), line(2014, SRC_MUNICIPALITY, 24, 0) }; /* 75/99 */
    assert_int_equal(plan_budget_check(&pl, ore, 2, &e), HH_ERR_INPUT);
    ore[1].budget_ore = 25;
    assert_int_equal(plan_budget_check(&pl, ore, 2, &e), HH_OK);
    /* Physical and health plans have no share rule; an empty budget passes. */
    plan phys = { .type = PLAN_PHYSICAL, .round = "2011-2014" };
    plan_budget_line all[] = { line(2014, SRC_LBF, 100000000, 0) };
    assert_int_equal(plan_budget_check(&phys, all, 1, &e), HH_OK);
    assert_int_equal(plan_budget_check(&pl, NULL, 0, &e), HH_OK);
    plan_budget_line zero[] = { line(2014, SRC_LBF, 0, 0) };
    assert_int_equal(plan_budget_check(&pl, zero, 1, &e), HH_OK);
    /* Lines: years, amounts, duplicates. */
    plan_budget_line dup[] = { line(2014, SRC_LBF, 1, 0), line(2014, SRC_LBF, 1, 0) };
    assert_int_equal(plan_budget_check(&pl, dup, 2, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "budget_line");
    assert_string_equal(e.field, "budget[1].source");
    plan_budget_line year[] = { line(1999, SRC_LBF, 1, 0) };
    assert_int_equal(plan_budget_check(&pl, year, 1, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "budget[0].year");
    plan_budget_line neg[] = { line(2014, SRC_MUNICIPALITY, 10, -1) };
    assert_int_equal(plan_budget_check(&pl, neg, 1, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "budget[0].spent_ore");
    /* Sums. */
    plan_budget_totals t;
    plan_budget_sum(over, 3, &t);
    assert_int_equal(t.total_ore, 100000000);
    assert_int_equal(t.lbf_ore, 75010000);
    assert_int_equal(t.cofinancing_ore, 24990000);
}

/* Local co-financing of at least 25 % applies from the 2011-2014 round on
 * (cofinancing_rule); the 75 % rule in every round. */
static void test_cofinancing(void **state)
{
    hh_error e;
    for (size_t i = 0; i < plan_nrounds; i++) {
        plan pl = { .type = PLAN_SOCIAL, .round = plan_rounds[i].code };
        assert_true(plan_rounds[i].cofinancing_rule == (plan_rounds[i].first_year >= 2011));
        plan_budget_line at[] = { line(2014, SRC_LBF, 75, 0), line(2014, SRC_MUNICIPALITY, 25, 0) };
        assert_int_equal(plan_budget_check(&pl, at, 2, &e), HH_OK);
        plan_budget_line under[] = { line(2014, SRC_LBF, 76, 0), line(2014, SRC_MUNICIPALITY, 24, 0) };
        assert_int_equal(plan_budget_check(&pl, under, 2, &e), HH_ERR_INPUT);
        assert_string_equal(e.rule, "lbf_share_max");
    }
    /* Foundations and other sponsors are not local: 70 % LBF, 10 % from a
     * foundation and 20 % from the municipality passes the 75 % rule but
     * not the co-financing rule, which starts with the 2011-2014 round. */
    plan_budget_line sponsored[] = { line(2014, SRC_LBF, 70, 0), line(2014, SRC_FOUNDATION, 10, 0),
                                     line(2014, SRC_MUNICIPALITY, 20, 0) };
    for (size_t i = 0; i < plan_nrounds; i++) {
        plan pl = { .type = PLAN_SOCIAL, .round = plan_rounds[i].code };
        hh_err want = plan_rounds[i].cofinancing_rule ? HH_ERR_INPUT : HH_OK;
        assert_int_equal(plan_budget_check(&pl, sponsored, 3, &e), want);
        if (want) {
            assert_string_equal(e.rule, "cofinancing_min");
            assert_non_null(strstr(e.msg, "(20,00 %)"));
        }
    }
    /* Exactly 25 % local passes; the region counts as local. */
    plan r11 = { .type = PLAN_SOCIAL, .round = "2011-2014" };
    plan_budget_line local[] = { line(2014, SRC_LBF, 70, 0), line(2014, SRC_OTHER, 5, 0),
                                 line(2014, SRC_ORGANISATION, 15, 0), line(2014, SRC_REGION, 10, 0) };
    assert_int_equal(plan_budget_check(&r11, local, 4, &e), HH_OK);
    local[3].budget_ore = 9;
    local[1].budget_ore = 6;
    assert_int_equal(plan_budget_check(&r11, local, 4, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "cofinancing_min");
    plan none = { .type = PLAN_SOCIAL, .round = "" };
    plan_budget_line under[] = { line(2014, SRC_LBF, 76, 0), line(2014, SRC_FOUNDATION, 24, 0) };
    assert_int_equal(plan_budget_check(&none, under, 2, &e), HH_ERR_INPUT);
}

/* No LBF payout before municipal approval; allowed after. */
static void test_payout(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t id = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01");
    plan_budget_line lines[] = {
        line(2016, SRC_LBF, 30000000, 0),
        line(2016, SRC_MUNICIPALITY, 10000000, 500000),
        line(2017, SRC_LBF, 30000000, 100),
        line(2017, SRC_MUNICIPALITY, 10000000, 0),
    };
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");
    assert_int_equal(plan_budget_put(d, org, &a, id, lines, 4, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "no_payout_before_approval");
    assert_string_equal(e.field, "budget[2].spent_ore");
    assert_non_null(strstr(e.msg, "1,00 kr. udbetalt fra LBF i 2017"));
    lines[2].spent_ore = 0; /* municipal spending before approval is fine */
    assert_int_equal(plan_budget_put(d, org, &a, id, lines, 4, &e), HH_OK);
    /* Who may write the budget. */
    assert_int_equal(plan_budget_put(d, testfix_who(&a, ROLE_NATIONAL, ""), &a, id, lines, 4, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(plan_budget_put(d, testfix_who(&a, ROLE_ORGANISATION, "201"), &a, id, lines, 4, &e),
                     HH_ERR_NOTFOUND);
    int64_t v1 = query(d, "SELECT version FROM data_version WHERE grp = 'plans'");
    move_to(d, id, PS_MUNICIPAL_APPROVAL); /* three transitions, one of them saving version 1 */
    assert_int_equal(query(d, "SELECT version FROM data_version WHERE grp = 'plans'"), v1 + 3);
    lines[2].spent_ore = 100;
    assert_int_equal(plan_budget_put(d, org, &a, id, lines, 4, &e), HH_OK);
    plan_budget_line *got;
    size_t n;
    assert_int_equal(plan_budget_get(d, &a, id, &got, &n, &e), HH_OK);
    assert_int_equal(n, 4);
    assert_int_equal(got[0].year, 2016);
    assert_int_equal(got[0].source, SRC_LBF);
    assert_int_equal(got[1].source, SRC_MUNICIPALITY);
    assert_int_equal(got[1].spent_ore, 500000);
    assert_int_equal(got[2].spent_ore, 100);
    plan_summary *rows;
    size_t nr;
    assert_int_equal(plan_list(d, NULL, &a, NULL, &rows, &nr, &e), HH_OK);
    assert_int_equal(rows[0].budget_ore, 80000000);
    assert_int_equal(rows[0].lbf_ore, 60000000);
    assert_int_equal(rows[0].spent_ore, 500100);
    /* Every write bumps the data version once. */
    int64_t v0 = query(d, "SELECT version FROM data_version WHERE grp = 'plans'");
    assert_int_equal(plan_budget_put(d, org, &a, id, lines, 4, &e), HH_OK);
    assert_int_equal(query(d, "SELECT version FROM data_version WHERE grp = 'plans'"), v0 + 1);
    /* Amounts stay far from overflow. */
    plan_budget_line huge[] = { line(2016, SRC_MUNICIPALITY, INT64_MAX, 0),
                                line(2017, SRC_MUNICIPALITY, INT64_MAX, 0) };
    assert_int_equal(plan_budget_put(d, org, &a, id, huge, 2, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "budget[0].budget_ore");
    /* A refused write changes nothing. */
    plan_budget_line over[] = { line(2016, SRC_LBF, 90000000, 0), line(2016, SRC_MUNICIPALITY, 10000000, 0) };
    assert_int_equal(plan_budget_put(d, org, &a, id, over, 2, &e), HH_ERR_INPUT);
    assert_int_equal(plan_budget_get(d, &a, id, &got, &n, &e), HH_OK);
    assert_int_equal(n, 4);
    /* A physical plan paid fully by LBF cannot become a social plan. */
    int64_t phys = make_plan(d, "2011-2014", PLAN_PHYSICAL, "2015-01-01");
    plan_budget_line all[] = { line(2016, SRC_LBF, 100000000, 0) };
    assert_int_equal(plan_budget_put(d, NULL, &a, phys, all, 1, &e), HH_OK);
    plan_input ty;
    plan_input_init(&ty);
    ty.type = PLAN_SOCIAL;
    assert_int_equal(plan_update(d, NULL, &a, phys, &ty, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "lbf_share_max");
    arena_free(&a);
    db_close(d);
}

/* ---- goals ---- */

static void put_value(db *d, int64_t dept, int kf, int year, double num, double den)
{
    testfix_put_value(d, dept, kf, year, num, den, NAN);
}

static void test_goals(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int kf = kf_find("outside_labour_share");
    assert_true(kf >= 0);
    /* 101-1: 40 % in 2012, 36 % in 2014, 30 % in 2016; 102-1: 20 % every
     * year on 100; 101-2 (not in the plan) is ignored. */
    put_value(d, 1, kf, 2012, 40, 100);
    put_value(d, 1, kf, 2014, 36, 100);
    put_value(d, 1, kf, 2016, 30, 100);
    put_value(d, 1, kf, 2017, 3, 100); /* suppressed: fewer than 5 */
    put_value(d, 3, kf, 2012, 20, 100);
    put_value(d, 3, kf, 2014, 20, 100);
    put_value(d, 3, kf, 2016, 20, 100);
    put_value(d, 2, kf, 2014, 90, 100);
    if (db_begin(d, &e) || kf_refresh(d, &e) || db_commit(d, &e))
        fail_msg("%s", e.msg);
    int64_t id = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01"); /* 101-1, BO-T1 (101-1 + 102-1) */
    plan pl;
    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");

    /* Department goal on the plan's departments (101-1): 40 → 30 by 2018. */
    plan_goal g = { .title = "Flere i job",
                    .kf = kf,
                    .area_code = "",
                    .baseline_year = 2012,
                    .baseline_value = NAN,
                    .target_value = 30,
                    .target_year = 2018 };
    assert_int_equal(plan_goal_put(d, org, &a, id, &g, &e), HH_OK);
    assert_true(g.id > 0);
    goal_progress gp;
    assert_int_equal(plan_goal_progress(d, &a, &pl, &g, 2014, &gp, &e), HH_OK);
    NEAR(gp.baseline, 40);
    NEAR(gp.value, 36);
    NEAR(gp.expected, 40 - 10.0 * 2 / 6);
    NEAR(gp.progress, 0.4);
    assert_int_equal(gp.status, GOAL_ON_TRACK); /* 36 ≤ 36.67 */
    assert_int_equal(plan_goal_progress(d, &a, &pl, &g, 0, &gp, &e), HH_OK);
    assert_int_equal(gp.year, 2016); /* 2017 is suppressed: no data */
    NEAR(gp.value, 30);
    assert_int_equal(gp.status, GOAL_MET);
    assert_int_equal(gp.n, 4);
    assert_true(gp.series[3].suppressed);
    assert_true(isnan(gp.series[3].value));
    assert_int_equal(plan_goal_progress(d, &a, &pl, &g, 2017, &gp, &e), HH_OK);
    assert_int_equal(gp.status, GOAL_NO_DATA);
    assert_int_equal(plan_goal_progress(d, &a, &pl, &g, 2013, &gp, &e), HH_OK);
    assert_int_equal(gp.status, GOAL_NO_DATA);
    /* Behind: a target of 20 by 2016 with 36 in 2014 (expected 30). */
    plan_goal hard = g;
    hard.target_value = 20;
    hard.target_year = 2016;
    assert_int_equal(plan_goal_progress(d, &a, &pl, &hard, 2014, &gp, &e), HH_OK);
    NEAR(gp.expected, 30);
    assert_int_equal(gp.status, GOAL_BEHIND);
    /* Typed baseline wins over the series; no baseline at all: no data. */
    hard.baseline_value = 50;
    assert_int_equal(plan_goal_progress(d, &a, &pl, &hard, 2014, &gp, &e), HH_OK);
    NEAR(gp.baseline, 50);
    NEAR(gp.progress, 14.0 / 30);
    hard.baseline_value = NAN;
    hard.baseline_year = 2011;
    hard.target_year = 2016;
    assert_int_equal(plan_goal_progress(d, &a, &pl, &hard, 2014, &gp, &e), HH_OK);
    assert_int_equal(gp.status, GOAL_NO_DATA);
    assert_true(isnan(gp.progress));

    /* Listed departments are summed as parts: (36 + 20) / 200 = 28 % in 2014. */
    assert_int_equal(plan_update(d, NULL, &a, id,
                                 &(plan_input){ .type = -1,
                                                .predecessor_id = -1,
                                                .challenge = { -1, -1, -1 },
                                                .has_orgs = true,
                                                .org_nos = org101_102,
                                                .norgs = 2,
                                                .has_departments = true,
                                                .department_keys = (const char *const[]){ "101-1", "102-1" },
                                                .ndepartments = 2 },
                                 &e),
                     HH_OK);
    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
    plan_goal both = { .title = "Begge afdelinger",
                       .kf = kf,
                       .area_code = "",
                       .department_keys = (const char *const[]){ "101-1", "102-1" },
                       .ndepartments = 2,
                       .baseline_year = 2012,
                       .baseline_value = NAN,
                       .target_value = 25,
                       .target_year = 2016 };
    assert_int_equal(plan_goal_put(d, org, &a, id, &both, &e), HH_OK);
    assert_int_equal(plan_goal_progress(d, &a, &pl, &both, 2014, &gp, &e), HH_OK);
    NEAR(gp.baseline, 30);
    NEAR(gp.value, 28);
    NEAR(gp.expected, 27.5);
    assert_int_equal(gp.status, GOAL_BEHIND);
    /* Area goal: BO-T1's aggregate (101-1 and 102-1). */
    plan_goal area = { .title = "Området",
                       .kf = kf,
                       .area_code = "BO-T1",
                       .baseline_year = 2012,
                       .baseline_value = NAN,
                       .target_value = 26,
                       .target_year = 2016 };
    assert_int_equal(plan_goal_put(d, org, &a, id, &area, &e), HH_OK);
    assert_int_equal(plan_goal_progress(d, &a, &pl, &area, 2016, &gp, &e), HH_OK);
    NEAR(gp.baseline, 30);
    NEAR(gp.value, 25);
    assert_int_equal(gp.status, GOAL_MET);
    NEAR(gp.progress, 5.0 / 4);
    /* Upward goals compare the other way. */
    plan_goal upg = area;
    upg.target_value = 40;
    assert_int_equal(plan_goal_progress(d, &a, &pl, &upg, 2014, &gp, &e), HH_OK);
    assert_int_equal(gp.status, GOAL_BEHIND);

    /* Validation. */
    plan_goal bad = g;
    bad.id = 0;
    bad.area_code = "BO-T2";
    assert_int_equal(plan_goal_put(d, org, &a, id, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "area_code");
    assert_string_equal(e.rule, "goal_measure");
    bad = g;
    bad.id = 0;
    bad.department_keys = (const char *const[]){ "101-2" };
    bad.ndepartments = 1;
    assert_int_equal(plan_goal_put(d, org, &a, id, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "department_keys[0]");
    bad = g;
    bad.id = 0;
    bad.kf = -1;
    assert_int_equal(plan_goal_put(d, org, &a, id, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "key_figure");
    bad = g;
    bad.id = 0;
    bad.target_year = 2012;
    assert_int_equal(plan_goal_put(d, org, &a, id, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "target_year");
    bad = g;
    bad.id = 9999;
    assert_int_equal(plan_goal_put(d, org, &a, id, &bad, &e), HH_ERR_NOTFOUND);
    assert_int_equal(plan_goal_put(d, testfix_who(&a, ROLE_NATIONAL, ""), &a, id, &g, &e), HH_ERR_FORBIDDEN);

    /* Read back, update, delete. */
    plan_goal *gs;
    size_t n;
    assert_int_equal(plan_goals(d, &a, id, &gs, &n, &e), HH_OK);
    assert_int_equal(n, 3);
    assert_string_equal(gs[0].title, "Flere i job");
    assert_true(isnan(gs[0].baseline_value));
    assert_int_equal(gs[1].ndepartments, 2);
    assert_string_equal(gs[1].department_keys[1], "102-1");
    assert_string_equal(gs[2].area_code, "BO-T1");
    g.title = "Flere i job og uddannelse";
    g.baseline_value = 41;
    assert_int_equal(plan_goal_put(d, org, &a, id, &g, &e), HH_OK);
    assert_int_equal(plan_goals(d, &a, id, &gs, &n, &e), HH_OK);
    assert_string_equal(gs[0].title, "Flere i job og uddannelse");
    NEAR(gs[0].baseline_value, 41);
    assert_int_equal(plan_goal_delete(d, org, id, both.id, &e), HH_OK);
    assert_int_equal(plan_goal_delete(d, org, id, both.id, &e), HH_ERR_NOTFOUND);
    assert_int_equal(plan_goals(d, &a, id, &gs, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    arena_free(&a);
    db_close(d);
}

/* ---- versions ---- */

static void test_versions(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int kf = kf_find("outside_labour_share");
    int64_t id = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01");
    plan_input in;
    plan_input_init(&in);
    in.has_focus = true;
    in.focus = (const char *const[]){ "Sundhed", "Uddannelse" };
    in.nfocus = 2;
    assert_int_equal(plan_update(d, NULL, &a, id, &in, &e), HH_OK);
    plan_budget_line lines[] = { line(2016, SRC_LBF, 30000000, 0), line(2016, SRC_MUNICIPALITY, 10000000, 0) };
    assert_int_equal(plan_budget_put(d, NULL, &a, id, lines, 2, &e), HH_OK);
    plan_goal g = { .title = "Flere i job",
                    .kf = kf,
                    .area_code = "",
                    .baseline_year = 2012,
                    .baseline_value = 40,
                    .target_value = 30,
                    .target_year = 2018 };
    assert_int_equal(plan_goal_put(d, NULL, &a, id, &g, &e), HH_OK);
    const char *s1, *s1b;
    assert_int_equal(plan_snapshot(d, &a, id, &s1, &e), HH_OK);
    assert_int_equal(plan_snapshot(d, &a, id, &s1b, &e), HH_OK);
    assert_string_equal(s1, s1b); /* canonical */
    assert_non_null(strstr(s1, "\"focus\":[\"Sundhed\",\"Uddannelse\"]"));
    move_to(d, id, PS_MUNICIPAL_APPROVAL); /* saves version 1 */
    plan_version *v;
    size_t nv;
    assert_int_equal(plan_versions(d, &a, id, &v, &nv, &e), HH_OK);
    assert_int_equal(nv, 1);
    assert_string_equal(v[0].snapshot, s1);
    move_to(d, id, PS_RUNNING);
    /* A revision: focus, budget, goals and the name change. */
    plan_input rev;
    plan_input_init(&rev);
    rev.name = "Nordparken 2.0";
    rev.has_focus = true;
    rev.focus = (const char *const[]){ "Sundhed", "Beskæftigelse og erhverv" };
    rev.nfocus = 2;
    assert_int_equal(plan_update(d, NULL, &a, id, &rev, &e), HH_OK);
    plan_budget_line lines2[] = { line(2016, SRC_LBF, 30000000, 1000000), line(2016, SRC_MUNICIPALITY, 12000000, 0),
                                  line(2017, SRC_FOUNDATION, 5000000, 0) };
    assert_int_equal(plan_budget_put(d, NULL, &a, id, lines2, 3, &e), HH_OK);
    g.target_value = 28;
    assert_int_equal(plan_goal_put(d, NULL, &a, id, &g, &e), HH_OK);
    plan_goal g2 = { .title = "Tryghed",
                     .kf = kf,
                     .area_code = "BO-T1",
                     .baseline_year = 2014,
                     .baseline_value = NAN,
                     .target_value = 20,
                     .target_year = 2018 };
    assert_int_equal(plan_goal_put(d, NULL, &a, id, &g2, &e), HH_OK);
    int ver;
    assert_int_equal(plan_version_save(d, testfix_who(&a, ROLE_ORGANISATION, "101"), &a, id, "Revision 2017", &ver, &e),
                     HH_OK);
    assert_int_equal(ver, 2);
    assert_int_equal(plan_versions(d, &a, id, &v, &nv, &e), HH_OK);
    assert_int_equal(nv, 2);
    assert_string_equal(v[1].note, "Revision 2017");
    plan pl;
    assert_int_equal(plan_get(d, NULL, &a, id, &pl, &e), HH_OK);
    assert_int_equal(pl.version, 2);
    plan_change *c;
    size_t nc;
    assert_int_equal(plan_diff(&a, v[0].snapshot, v[1].snapshot, &c, &nc, &e), HH_OK);
    assert_int_equal(nc, 8);
    assert_string_equal(c[0].section, "plan");
    assert_string_equal(c[0].item, "Navn");
    assert_int_equal(c[0].kind, CHANGE_CHANGED);
    assert_string_equal(c[0].after, "Nordparken 2.0");
    assert_string_equal(c[1].section, "focus");
    assert_string_equal(c[1].item, "Uddannelse");
    assert_int_equal(c[1].kind, CHANGE_REMOVED);
    assert_string_equal(c[2].item, "Beskæftigelse og erhverv");
    assert_int_equal(c[2].kind, CHANGE_ADDED);
    assert_string_equal(c[3].section, "budget");
    assert_string_equal(c[3].item, "2016 · Landsbyggefonden");
    assert_string_equal(c[3].before, "300.000,00 kr.");
    assert_string_equal(c[3].after, "300.000,00 kr. (udbetalt 10.000,00 kr.)");
    assert_string_equal(c[4].item, "2016 · Kommunen");
    assert_string_equal(c[4].after, "120.000,00 kr.");
    assert_string_equal(c[5].item, "2017 · Fonde");
    assert_int_equal(c[5].kind, CHANGE_ADDED);
    assert_string_equal(c[6].section, "goals");
    assert_string_equal(c[6].item, "Flere i job");
    assert_int_equal(c[6].kind, CHANGE_CHANGED);
    assert_non_null(strstr(c[6].after, "mål 2018: 28,0"));
    assert_string_equal(c[7].item, "Tryghed");
    assert_int_equal(c[7].kind, CHANGE_ADDED);
    assert_string_equal(c[7].before, "");
    /* A hand-made pair: municipality, type, round, challenges. */
    assert_int_equal(plan_diff(&a,
                               "{\"plan\":{\"municipality_code\":\"0101\",\"municipality_name\":\"København\","
                               "\"type\":\"social\",\"round\":\"2011-2014\",\"challenges\":[\"social\"]}}",
                               "{\"plan\":{\"municipality_code\":\"0147\",\"municipality_name\":\"Frederiksberg\","
                               "\"type\":\"health\",\"round\":\"2015-2018\",\"challenges\":[\"social\",\"urban\"]}}",
                               &c, &nc, &e),
                     HH_OK);
    assert_int_equal(nc, 4);
    assert_string_equal(c[0].item, "Type");
    assert_string_equal(c[0].after, "Lokalt sundhedspartnerskab");
    assert_string_equal(c[1].before, "København (0101)");
    assert_string_equal(c[1].after, "Frederiksberg (0147)");
    assert_string_equal(c[2].after, "2015–18");
    assert_string_equal(c[3].item, "Udfordringer");
    assert_string_equal(c[3].after, "Boligsocialt, Bystruktur");
    /* Nothing changed: no differences; broken JSON is refused. */
    assert_int_equal(plan_diff(&a, v[1].snapshot, v[1].snapshot, &c, &nc, &e), HH_OK);
    assert_int_equal(nc, 0);
    assert_int_equal(plan_diff(&a, "{", v[1].snapshot, &c, &nc, &e), HH_ERR_INPUT);
    arena_free(&a);
    db_close(d);
}

/* ---- team, agreements, partners, cooperation ---- */

static void test_team_agreements(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t id = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01");
    plan_input in;
    plan_input_init(&in);
    in.has_focus = true;
    in.focus = (const char *const[]){ "Sundhed" };
    in.nfocus = 1;
    assert_int_equal(plan_update(d, NULL, &a, id, &in, &e), HH_OK);
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");
    plan_member m = { .name = "Anna Holm",
                      .organisation = "Boligselskabet Nord",
                      .role = TEAM_SOCIAL,
                      .seat = "",
                      .email = "anna@nord.example" };
    assert_int_equal(plan_member_put(d, org, &a, id, &m, &e), HH_OK);
    plan_member s = { .steering = true,
                      .name = "Bo Berg",
                      .organisation = "København Kommune",
                      .role = -1,
                      .seat = "Formand",
                      .email = "" };
    assert_int_equal(plan_member_put(d, org, &a, id, &s, &e), HH_OK);
    plan_member bad = { .name = "Uden rolle", .role = -1 };
    assert_int_equal(plan_member_put(d, org, &a, id, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "role");
    bad = (plan_member){ .name = "", .role = TEAM_LETTING };
    assert_int_equal(plan_member_put(d, org, &a, id, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "name");
    bad = (plan_member){ .name = "X", .role = TEAM_LETTING, .email = "x" };
    assert_int_equal(plan_member_put(d, org, &a, id, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "email");
    assert_int_equal(plan_member_put(d, testfix_who(&a, ROLE_NATIONAL, ""), &a, id, &m, &e), HH_ERR_FORBIDDEN);
    plan_member *ms;
    size_t n;
    assert_int_equal(plan_members(d, &a, id, &ms, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_false(ms[0].steering);
    assert_int_equal(ms[0].role, TEAM_SOCIAL);
    assert_true(ms[1].steering);
    assert_int_equal(ms[1].role, -1);
    assert_string_equal(ms[1].seat, "Formand");
    m.role = TEAM_OPERATIONS;
    assert_int_equal(plan_member_put(d, org, &a, id, &m, &e), HH_OK);
    assert_int_equal(plan_member_delete(d, org, id, s.id, &e), HH_OK);
    assert_int_equal(plan_member_delete(d, org, id, s.id, &e), HH_ERR_NOTFOUND);
    assert_int_equal(plan_members(d, &a, id, &ms, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ms[0].role, TEAM_OPERATIONS);

    plan_agreement sa = { .strategic = true,
                          .title = "Strategisk aftale",
                          .parties = "Kommunen og Nord",
                          .signed_on = "2015-05-01",
                          .valid_from = "2015-06-01",
                          .valid_to = "2019-05-31",
                          .doc_ref = "J.nr. 2015-123" };
    assert_int_equal(plan_agreement_put(d, org, &a, id, &sa, &e), HH_OK);
    plan_agreement sa2 = sa;
    sa2.id = 0;
    assert_int_equal(plan_agreement_put(d, org, &a, id, &sa2, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "strategic");
    plan_agreement sub = { .focus = "Uddannelse",
                           .title = "Delaftale",
                           .parties = "",
                           .signed_on = "",
                           .valid_from = "",
                           .valid_to = "",
                           .doc_ref = "" };
    assert_int_equal(plan_agreement_put(d, org, &a, id, &sub, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "focus");
    sub.focus = "Sundhed";
    assert_int_equal(plan_agreement_put(d, org, &a, id, &sub, &e), HH_OK);
    sub.valid_from = "2016-01-01";
    sub.valid_to = "2015-01-01";
    assert_int_equal(plan_agreement_put(d, org, &a, id, &sub, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "valid_to");
    sub.valid_to = "2016-02-30";
    assert_int_equal(plan_agreement_put(d, org, &a, id, &sub, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "valid_to");
    plan_agreement *ag;
    assert_int_equal(plan_agreements(d, &a, id, &ag, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_true(ag[0].strategic);
    assert_string_equal(ag[0].focus, "");
    assert_string_equal(ag[0].doc_ref, "J.nr. 2015-123");
    assert_string_equal(ag[1].focus, "Sundhed");
    assert_string_equal(ag[1].valid_to, "");
    assert_int_equal(plan_agreement_delete(d, org, id, ag[1].id, &e), HH_OK);
    assert_int_equal(plan_agreements(d, &a, id, &ag, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    arena_free(&a);
    db_close(d);
}

static void test_partners_cooperation(void **state)
{
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t id = make_plan(d, "2011-2014", PLAN_SOCIAL, "2015-01-01");
    principal *org = testfix_who(&a, ROLE_ORGANISATION, "101");
    partner x = { .name = "Ungdomsskolen", .type = PT_SCHOOL_DAYCARE, .municipality_code = "0101", .note = "" };
    assert_int_equal(partner_put(d, org, &a, &x, &e), HH_OK);
    partner y = { .name = "Frivilligcentret", .type = PT_VOLUNTARY_ASSOCIATION, .municipality_code = "", .note = "" };
    assert_int_equal(partner_put(d, NULL, &a, &y, &e), HH_OK);
    partner z = { .name = "Ungdomsskolen", .type = PT_OTHER, .municipality_code = "0101" };
    assert_int_equal(partner_put(d, org, &a, &z, &e), HH_ERR_CONFLICT);
    assert_string_equal(e.field, "name");
    z.municipality_code = "0147"; /* the same name elsewhere is another partner */
    assert_int_equal(partner_put(d, org, &a, &z, &e), HH_OK);
    z.municipality_code = "9999";
    assert_int_equal(partner_put(d, org, &a, &z, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "municipality_code");
    assert_int_equal(partner_put(d, testfix_who(&a, ROLE_NATIONAL, ""), &a, &y, &e), HH_ERR_FORBIDDEN);
    assert_int_equal(partner_put(d, testfix_who(&a, ROLE_VIEWER, "municipality=0101"), &a, &y, &e), HH_ERR_FORBIDDEN);
    y.note = "Frivillige lektiecaféer";
    assert_int_equal(partner_put(d, testfix_who(&a, ROLE_PLAN_STAFF, "1"), &a, &y, &e), HH_OK);
    partner *ps;
    size_t n;
    assert_int_equal(partner_list(d, &a, NULL, &ps, &n, &e), HH_OK);
    assert_int_equal(n, 3);
    assert_string_equal(ps[0].name, "Frivilligcentret");
    assert_string_equal(ps[0].note, "Frivillige lektiecaféer");
    assert_int_equal(partner_list(d, &a, "UNGDOM", &ps, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    partner got;
    assert_int_equal(partner_get(d, &a, x.id, &got, &e), HH_OK);
    assert_int_equal(got.type, PT_SCHOOL_DAYCARE);
    assert_int_equal(partner_get(d, &a, 9999, &got, &e), HH_ERR_NOTFOUND);

    partner_contact c1 = { .partner_id = x.id,
                           .name = "Eva Lund",
                           .level = CL_OPERATIONAL,
                           .title = "Klubleder",
                           .email = "eva@example.dk",
                           .phone = "12345678" };
    partner_contact c2 = { .partner_id = x.id, .name = "Ole Dahl", .level = CL_STRATEGIC, .title = "Skolechef" };
    assert_int_equal(partner_contact_put(d, org, &a, &c1, &e), HH_OK);
    assert_int_equal(partner_contact_put(d, org, &a, &c2, &e), HH_OK);
    partner_contact bad = { .partner_id = 9999, .name = "X", .level = CL_STRATEGIC };
    assert_int_equal(partner_contact_put(d, org, &a, &bad, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "partner_id");
    partner_contact *cs;
    assert_int_equal(partner_contacts(d, &a, x.id, &cs, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_string_equal(cs[0].name, "Ole Dahl"); /* strategic first */
    assert_string_equal(cs[1].phone, "12345678");
    assert_int_equal(partner_contact_delete(d, org, c2.id, &e), HH_OK);
    assert_int_equal(partner_contact_delete(d, org, c2.id, &e), HH_ERR_NOTFOUND);

    /* Cooperation agreements and their expiry against a fixed today. */
    const char *today = "2016-06-01";
    plan_cooperation k1 = { .plan_id = id,
                            .partner_id = x.id,
                            .purposes = (1u << CP_RECRUITMENT) | (1u << CP_DELIVERY),
                            .valid_from = "2015-01-01",
                            .valid_to = "2016-07-31",
                            .note = "" }; /* 60 days */
    plan_cooperation k2 = { .plan_id = id,
                            .partner_id = y.id,
                            .purposes = 1u << CP_KNOWLEDGE,
                            .valid_from = "2015-01-01",
                            .valid_to = "2016-05-31" }; /* yesterday */
    plan_cooperation k3 = {
        .plan_id = id, .partner_id = z.id, .purposes = 1u << CP_ANCHORING, .valid_from = "2015-01-01", .valid_to = ""
    }; /* open-ended */
    plan_cooperation k4 = { .plan_id = id,
                            .partner_id = y.id,
                            .purposes = 1u << CP_DELIVERY,
                            .valid_from = "2016-01-01",
                            .valid_to = "2016-08-01" }; /* 61 days */
    assert_int_equal(plan_cooperation_put(d, org, &a, &k1, &e), HH_OK);
    assert_int_equal(plan_cooperation_put(d, org, &a, &k2, &e), HH_OK);
    assert_int_equal(plan_cooperation_put(d, org, &a, &k3, &e), HH_OK);
    assert_int_equal(plan_cooperation_put(d, org, &a, &k4, &e), HH_OK);
    plan_cooperation kb = k1;
    kb.id = 0;
    kb.valid_to = "2014-12-31";
    assert_int_equal(plan_cooperation_put(d, org, &a, &kb, &e), HH_ERR_INPUT);
    assert_string_equal(e.rule, "cooperation_dates");
    kb.valid_to = "";
    kb.purposes = 0;
    assert_int_equal(plan_cooperation_put(d, org, &a, &kb, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "purposes");
    kb.purposes = 1;
    kb.partner_id = 9999;
    assert_int_equal(plan_cooperation_put(d, org, &a, &kb, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "partner_id");
    kb.partner_id = x.id;
    assert_int_equal(plan_cooperation_put(d, testfix_who(&a, ROLE_ORGANISATION, "201"), &a, &kb, &e), HH_ERR_NOTFOUND);
    plan_cooperation *ks;
    assert_int_equal(plan_cooperations(d, org, &a, id, 0, today, &ks, &n, &e), HH_OK);
    assert_int_equal(n, 4); /* soonest first */
    assert_int_equal(ks[0].id, k2.id);
    assert_int_equal(ks[0].days_left, -1);
    assert_true(ks[0].expired);
    assert_false(ks[0].expiring);
    assert_int_equal(ks[1].id, k1.id);
    assert_int_equal(ks[1].days_left, 60);
    assert_true(ks[1].expiring);
    assert_false(ks[1].expired);
    assert_int_equal(ks[1].purposes, (1u << CP_RECRUITMENT) | (1u << CP_DELIVERY));
    assert_string_equal(ks[1].partner_name, "Ungdomsskolen");
    assert_string_equal(ks[1].plan_name, "Nordparken i fællesskab");
    assert_int_equal(ks[2].id, k4.id);
    assert_int_equal(ks[2].days_left, 61);
    assert_false(ks[2].expiring);
    assert_int_equal(ks[3].id, k3.id);
    assert_int_equal(ks[3].days_left, INT32_MAX);
    assert_false(ks[3].expiring || ks[3].expired);
    /* Across the plans p may see: expiring within the window, not expired. */
    assert_int_equal(plan_cooperations(d, org, &a, 0, PLAN_EXPIRY_DAYS, today, &ks, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ks[0].id, k1.id);
    assert_int_equal(plan_cooperations(d, org, &a, 0, 61, today, &ks, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_int_equal(plan_cooperations(d, testfix_who(&a, ROLE_ORGANISATION, "201"), &a, 0, 365, today, &ks, &n, &e),
                     HH_OK);
    assert_int_equal(n, 0);
    assert_int_equal(plan_cooperations(d, testfix_who(&a, ROLE_ORGANISATION, "201"), &a, id, 0, today, &ks, &n, &e),
                     HH_ERR_NOTFOUND);
    assert_int_equal(plan_cooperations(d, org, &a, id, 0, "2016-13-01", &ks, &n, &e), HH_ERR_INPUT);
    /* A leap day and a year end count right. */
    assert_int_equal(plan_cooperations(d, org, &a, id, 0, "2015-12-31", &ks, &n, &e), HH_OK);
    assert_int_equal(ks[0].days_left, 152); /* to 2016-05-31 over 29 February */
    /* Partner counts plans with agreements. */
    assert_int_equal(partner_get(d, &a, y.id, &got, &e), HH_OK);
    assert_int_equal(got.plans, 1);
    k4.valid_to = "";
    assert_int_equal(plan_cooperation_put(d, org, &a, &k4, &e), HH_OK);
    assert_int_equal(plan_cooperation_delete(d, org, id, k2.id, &e), HH_OK);
    assert_int_equal(plan_cooperations(d, org, &a, id, 0, today, &ks, &n, &e), HH_OK);
    assert_int_equal(n, 3);
    arena_free(&a);
    db_close(d);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_money),
        cmocka_unit_test(test_budget_rules),
        cmocka_unit_test(test_cofinancing),
        cmocka_unit_test(test_transition_matrix),
        cmocka_unit_test(test_municipal_approval),
        cmocka_unit_test(test_create_update),
        cmocka_unit_test(test_scope),
        cmocka_unit_test(test_predecessor_scope),
        cmocka_unit_test(test_goal_places),
        cmocka_unit_test(test_payout),
        cmocka_unit_test(test_goals),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_team_agreements),
        cmocka_unit_test(test_partners_cooperation),
    };
    return TESTFIX_MAIN("plans", tests);
}
