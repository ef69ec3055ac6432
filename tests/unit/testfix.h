/* testfix.h - the fixture pieces the domain unit tests share (plans,
 * activities, report, dialogue, dialogue package): a migrated database with
 * the key-figure catalogue and the test's registry rows, a principal with
 * one grant, and the main() that runs a group on SQLite or, with the
 * argument "postgres", on the throwaway server of tests/with-postgres.sh.
 * Header-only (static inline) because each unit test is one source. */
#ifndef HELHED_TEST_FIX_H
#define HELHED_TEST_FIX_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "cm.h"
#include "core/arena.h"
#include "core/embed.h"
#include "db/migrate.h"
#include "domain/keyfig.h"
#include "domain/plans.h"
#include "testdb.h"

/* A new database (testdb_fresh), migrated, with the key-figure catalogue
 * and then the statements of sql (the test's registry rows; may be NULL). */
static inline db *testfix_fresh(db_kind kind, const char *dir, const char *prefix, int seq, const char *sql)
{
    db *d = testdb_fresh(kind, dir, prefix, seq);
    hh_error e;
    if (migrate_run(d, &embed_migrations, NULL, &e) || kf_catalogue_sync(d, &e))
        fail_msg("%s", e.msg);
    if (sql && db_exec(d, sql, &e))
        fail_msg("%s", e.msg);
    return d;
}

/* A stored key-figure row of department dept, figure kf (catalogue index)
 * and year; a NaN part is stored as NULL. */
static inline void testfix_put_value(db *d, int64_t dept, int kf, int year, double num, double den, double value)
{
    db_stmt *st = db_prepare(d, "INSERT INTO kf_value (department_id, key_figure_id, year, numerator, denominator,"
                                " value) VALUES (?, ?, ?, ?, ?, ?)");
    assert_non_null(st);
    db_bind_int64(st, 1, dept);
    db_bind_int64(st, 2, kf_db_id(kf));
    db_bind_int64(st, 3, year);
    const double parts[] = { num, den, value };
    for (int i = 0; i < 3; i++) {
        if (isnan(parts[i]))
            db_bind_null(st, 4 + i);
        else
            db_bind_double(st, 4 + i, parts[i]);
    }
    assert_int_equal(db_step(st), DB_DONE);
    db_done(st);
}

/* The registry rows the plan and activity tests share: organisations 101
 * and 102 in København (0101), 201 in Frederiksberg (0147); departments
 * 101-1, 101-2, 102-1 in 0101 and 201-1 in 0147; areas BO-T1 (0101) and
 * BO-T2 (0147), without members (each test adds its own area_member rows). */
#define TESTFIX_REGISTRY_SQL                                                                                  \
    "INSERT INTO organisation (org_no, name, municipality_code) VALUES (101, 'Boligselskabet Nord', '0101')," \
    " (102, 'Boligforeningen Syd', '0101'), (201, 'Frederiksberg Boliger', '0147');"                          \
    "INSERT INTO department (id, org_no, department_no, name, municipality_code, dwellings_family) VALUES"    \
    " (1, 101, 1, 'Nordparken', '0101', 400), (2, 101, 2, 'Nordhaven', '0101', 300),"                         \
    " (3, 102, 1, 'Sydparken', '0101', 500), (4, 201, 1, 'Bakkehuset', '0147', 200);"                         \
    "INSERT INTO housing_area (id, code, name, municipality_code) VALUES (1, 'BO-T1', 'Nord-Syd', '0101'),"   \
    " (2, 'BO-T2', 'Bakken', '0147');"

/* Sets the organisations, departments and areas of a plan input (each
 * marked as given); the arrays must outlive the input. */
static inline void testfix_plan_scope(plan_input *in, const int64_t *orgs, size_t norgs, const char *const *deps,
                                      size_t ndeps, const char *const *areas, size_t nareas)
{
    in->has_orgs = true;
    in->org_nos = orgs;
    in->norgs = norgs;
    in->has_departments = true;
    in->department_keys = deps;
    in->ndepartments = ndeps;
    in->has_areas = true;
    in->area_codes = areas;
    in->nareas = nareas;
}

/* A fresh input for the tests' usual plan: a social plan "Nordparken i
 * fællesskab" of 101 in København covering 101-1 and area BO-T1 (round,
 * dates and focus left to the caller). */
static inline void testfix_plan_nordparken(plan_input *in)
{
    static const int64_t orgs[] = { 101 };
    static const char *const deps[] = { "101-1" };
    static const char *const areas[] = { "BO-T1" };
    plan_input_init(in);
    in->name = "Nordparken i fællesskab";
    in->type = PLAN_SOCIAL;
    in->municipality_code = "0101";
    testfix_plan_scope(in, orgs, 1, deps, 1, areas, 1);
}

/* Creates the plan of in as the operator; fails the test when it cannot. */
static inline int64_t testfix_plan_create(db *d, const plan_input *in)
{
    arena a;
    arena_init(&a);
    int64_t id = 0;
    hh_error e;
    if (plan_create(d, NULL, &a, in, &id, &e))
        fail_msg("plan_create: %s", e.msg);
    arena_free(&a);
    return id;
}

/* A principal with one grant of role r on scope (NULL: no scope). */
static inline principal *testfix_who(arena *a, role_id r, const char *scope)
{
    principal *p = arena_zalloc(a, sizeof *p);
    grant *g = arena_zalloc(a, sizeof *g);
    g->role = r;
    g->scope = arena_strdup(a, scope ? scope : "");
    p->grants = g;
    p->ngrants = 1;
    p->roles = ROLE_BIT(r);
    p->email = "test@helhed.example";
    p->name = arena_printf(a, "Test %s", role_defs[r].code);
    return p;
}

/* main() of a test that runs on both databases: sets *kind from argv,
 * makes tmpdir (a mkdtemp template), runs the n tests as group
 * "NAME/sqlite" or "NAME/postgres" and removes tmpdir. */
static inline int testfix_main(int argc, char **argv, const char *name, db_kind *kind, char *tmpdir,
                               const struct CMUnitTest *tests, size_t n)
{
    if (argc > 1 && strcmp(argv[1], "postgres") == 0) {
        if (!getenv("HELHED_TEST_PG")) {
            fprintf(stderr, "test_%s postgres: HELHED_TEST_PG is not set (run under tests/with-postgres.sh)\n", name);
            return 1;
        }
        *kind = DB_POSTGRES;
    }
    if (!mkdtemp(tmpdir))
        return 1;
    char group[128];
    snprintf(group, sizeof(group), "%s/%s", name, *kind == DB_SQLITE ? "sqlite" : "postgres");
    int rc = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    return rc;
}

#define TESTFIX_MAIN(name, tests) \
    testfix_main(argc, argv, name, &kind, tmpdir, tests, sizeof(tests) / sizeof((tests)[0]))

#endif
