/* The db layer and migrations. Runs on SQLite by default; with the argument
 * "postgres" on the throwaway server of tests/with-postgres.sh. */
#include "cm.h"
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/embed.h"
#include "db/db.h"
#include "db/migrate.h"

static db_kind kind = DB_SQLITE;
static char tmpdir[] = "/tmp/helhed-test-db.XXXXXX";
static int seq;

/* A new, empty database for each test. */
static db *fresh(void)
{
    return testdb_fresh(kind, tmpdir, "unit", ++seq);
}

static void test_translate(void **state)
{
    buf b;
    buf_init(&b, 0);
    int n = db_translate("SELECT ?, '?', 'it''s ?', \"a?\" -- ?\n/* ? */ ? WHERE x = ?", &b);
    assert_int_equal(n, 3);
    assert_string_equal(buf_cstr(&b), "SELECT $1, '?', 'it''s ?', \"a?\" -- ?\n/* ? */ $2 WHERE x = $3");
    buf_reset(&b);
    assert_int_equal(db_translate("unterminated '? and ?", &b), 0);
    buf_free(&b);
}

static void test_url(void **state)
{
    db *d;
    hh_error e;
    assert_int_equal(db_open("mysql://x/y", &d, &e), HH_ERR_USAGE);
    assert_string_equal(e.msg, "unknown database URL scheme 'mysql' (expected sqlite:PATH or postgres://...)");
    assert_int_equal(db_open("sqlite:", &d, &e), HH_ERR_USAGE);
    assert_int_equal(db_open("sqlite:/nonexistent-dir/x.db", &d, &e), HH_ERR_DB);
    assert_non_null(strstr(e.msg, "cannot open SQLite database '/nonexistent-dir/x.db'"));
}

static void test_migrations_consistent(void **state)
{
    int ls, lp;
    hh_error e;
    assert_int_equal(migrate_latest(&embed_migrations, DB_SQLITE, &ls, &e), HH_OK);
    assert_int_equal(migrate_latest(&embed_migrations, DB_POSTGRES, &lp, &e), HH_OK);
    assert_int_equal(ls, lp); /* every version exists for both dialects */
    assert_true(ls >= 2);
}

static void test_migrate_fresh_and_again(void **state)
{
    db *d = fresh();
    hh_error e;
    int applied, version, latest;
    migrate_latest(&embed_migrations, kind, &latest, &e);
    assert_int_equal(migrate_run(d, &embed_migrations, &applied, &e), HH_OK);
    assert_int_equal(applied, latest);
    assert_int_equal(migrate_current(d, &version, &e), HH_OK);
    assert_int_equal(version, latest);
    assert_int_equal(migrate_run(d, &embed_migrations, &applied, &e), HH_OK);
    assert_int_equal(applied, 0);
    int64_t n;
    assert_true(db_query_int64(d, "SELECT COUNT(*) FROM region", &n));
    assert_int_equal(n, 5);
    assert_true(db_query_int64(d, "SELECT COUNT(*) FROM municipality WHERE is_municipality = 1", &n));
    assert_int_equal(n, 98);
    assert_true(db_query_int64(d, "SELECT COUNT(*) FROM municipality", &n));
    assert_int_equal(n, 99);
    db_close(d);
}

static void test_failed_migration_rolls_back(void **state)
{
    db *d = fresh();
    hh_error e;
    static const unsigned char ok[] = "CREATE TABLE t1 (a INTEGER);";
    static const unsigned char bad[] = "CREATE TABLE t2 (a INTEGER); INSERT INTO nowhere VALUES (1);";
    const embed_file files[] = {
        { "0001_one.sql", ok, sizeof(ok) - 1, "", "" },
        { "0002_two.sql", bad, sizeof(bad) - 1, "", "" },
    };
    const embed_dir dir = { files, 2 };
    int version;
    assert_int_equal(migrate_run(d, &dir, NULL, &e), HH_ERR_DB);
    assert_non_null(strstr(e.msg, "migration 0002_two.sql failed"));
    assert_int_equal(migrate_current(d, &version, &e), HH_OK);
    assert_int_equal(version, 1);
    /* t2 was created inside the failed transaction and must not exist. */
    assert_null(db_prepare(d, "SELECT * FROM t2"));
    db_close(d);
}

static void test_gap_and_newer_schema(void **state)
{
    hh_error e;
    static const unsigned char sql[] = "SELECT 1;";
    const embed_file gap[] = { { "0001_a.sql", sql, 9, "", "" }, { "0003_c.sql", sql, 9, "", "" } };
    const embed_dir gapdir = { gap, 2 };
    int v;
    assert_int_equal(migrate_latest(&gapdir, kind, &v, &e), HH_ERR_INTERNAL);
    assert_non_null(strstr(e.msg, "expected version 0002"));

    db *d = fresh();
    assert_int_equal(migrate_run(d, &embed_migrations, NULL, &e), HH_OK);
    assert_int_equal(db_exec(d, "INSERT INTO schema_version VALUES (999, 'future', 'x')", &e), HH_OK);
    assert_int_equal(migrate_run(d, &embed_migrations, NULL, &e), HH_ERR_USAGE);
    assert_non_null(strstr(e.msg, "newer than this program knows"));
    db_close(d);
}

static void test_types_and_constraints(void **state)
{
    db *d = fresh();
    hh_error e;
    assert_int_equal(db_exec(d, "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, i BIGINT, f DOUBLE PRECISION)", &e),
                     HH_OK);
    db_stmt *ins = db_prepare(d, "INSERT INTO t (id, s, i, f) VALUES (?, ?, ?, ?)");
    assert_non_null(ins);
    db_bind_int64(ins, 1, 1);
    db_bind_text(ins, 2, "Ærø 'quoted' ?");
    db_bind_int64(ins, 3, 9007199254740993LL);
    db_bind_double(ins, 4, 26.666666666666668);
    assert_int_equal(db_step(ins), DB_DONE);
    assert_int_equal(db_changes(ins), 1);
    db_done(ins);
    /* The cache hands back the same statement. */
    assert_ptr_equal(db_prepare(d, "INSERT INTO t (id, s, i, f) VALUES (?, ?, ?, ?)"), ins);
    db_bind_int64(ins, 1, 2);
    db_bind_null(ins, 2);
    db_bind_null(ins, 3);
    db_bind_null(ins, 4);
    assert_int_equal(db_step(ins), DB_DONE);
    db_done(ins);
    db_bind_int64(ins, 1, 2); /* duplicate key */
    assert_int_equal(db_step(ins), DB_ERROR);
    assert_true(db_last_was_constraint(d));
    db_done(ins);

    db_stmt *sel = db_prepare(d, "SELECT s, i, f FROM t ORDER BY id");
    assert_int_equal(db_step(sel), DB_ROW);
    assert_int_equal(db_column_count(sel), 3);
    assert_string_equal(db_col_text(sel, 0), "Ærø 'quoted' ?");
    assert_true(db_col_int64(sel, 1) == 9007199254740993LL);
    assert_true(db_col_double(sel, 2) == 26.666666666666668);
    assert_int_equal(db_step(sel), DB_ROW);
    assert_true(db_col_null(sel, 0));
    assert_string_equal(db_col_text(sel, 0), "");
    assert_int_equal(db_step(sel), DB_DONE);
    db_done(sel);
    db_close(d);
}

static void test_transactions(void **state)
{
    db *d = fresh();
    hh_error e;
    int64_t n;
    assert_int_equal(db_exec(d, "CREATE TABLE t (a INTEGER)", &e), HH_OK);
    assert_int_equal(db_begin(d, &e), HH_OK);
    assert_int_equal(db_exec(d, "INSERT INTO t VALUES (1)", &e), HH_OK);
    db_rollback(d);
    assert_true(db_query_int64(d, "SELECT COUNT(*) FROM t", &n));
    assert_int_equal(n, 0);
    assert_int_equal(db_begin(d, &e), HH_OK);
    assert_int_equal(db_exec(d, "INSERT INTO t VALUES (1)", &e), HH_OK);
    assert_int_equal(db_commit(d, &e), HH_OK);
    assert_true(db_query_int64(d, "SELECT COUNT(*) FROM t", &n));
    assert_int_equal(n, 1);
    db_close(d);
}

static void test_statement_cache_eviction(void **state)
{
    db *d = fresh();
    /* More distinct statements than the cache holds: each still works. */
    for (int i = 0; i < 600; i++) {
        char sql[64];
        snprintf(sql, sizeof(sql), "SELECT %d", i);
        db_stmt *st = db_prepare(d, sql);
        assert_non_null(st);
        assert_int_equal(db_step(st), DB_ROW);
        assert_int_equal(db_col_int64(st, 0), i);
        db_done(st);
    }
    db_close(d);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "postgres") == 0) {
        if (!getenv("HELHED_TEST_PG")) {
            fprintf(stderr, "test_db postgres: HELHED_TEST_PG is not set (run under tests/with-postgres.sh)\n");
            return 1;
        }
        kind = DB_POSTGRES;
    }
    if (!mkdtemp(tmpdir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_translate),
        cmocka_unit_test(test_url),
        cmocka_unit_test(test_migrations_consistent),
        cmocka_unit_test(test_migrate_fresh_and_again),
        cmocka_unit_test(test_failed_migration_rolls_back),
        cmocka_unit_test(test_gap_and_newer_schema),
        cmocka_unit_test(test_types_and_constraints),
        cmocka_unit_test(test_transactions),
        cmocka_unit_test(test_statement_cache_eviction),
    };
    int rc = cmocka_run_group_tests_name(kind == DB_SQLITE ? "db/sqlite" : "db/postgres", tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    return rc;
}
