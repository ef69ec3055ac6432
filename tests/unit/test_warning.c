/* Early warning: the scoring maths on hand-made numbers (median, robust
 * scale and z, percentile, Theil–Sen trend and its noise, trend z against
 * peers, status combination, configuration), then the rebuild and the read
 * API on the small demo sector. Runs on SQLite by default; with the argument
 * "postgres" on the throwaway server of tests/with-postgres.sh. */
#include "cm.h"
#include "testdb.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/embed.h"
#include "db/migrate.h"
#include "domain/demo_registry.h"
#include "domain/keyfig.h"
#include "domain/warning.h"

static db_kind kind = DB_SQLITE;
static char tmpdir[] = "/tmp/helhed-test-warning.XXXXXX";
static int seq;

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_median_scale(void **state)
{
    double odd[] = { 5, 1, 4, 2, 3 }, even[] = { 8, 1, 4, 2 };
    NEAR(warn_median(odd, 5), 3);
    NEAR(warn_median(even, 4), 3); /* (2 + 4) / 2 */
    assert_true(isnan(warn_median(odd, 0)));
    /* 1.4826 × MAD: deviations from 3 are 2 1 1 0 7 → MAD 1. */
    double v[] = { 1, 2, 4, 3, 10 }, scratch[5];
    NEAR(warn_robust_scale(v, 5, 3, scratch), 1.4826);
    NEAR(warn_robust_z(10, 3, 1.4826), 7 / 1.4826);
    /* More than half equal: MAD 0, so 1.2533 × mean absolute deviation. */
    double flat[] = { 0, 0, 0, 0, 10 };
    NEAR(warn_robust_scale(flat, 5, 0, scratch), 1.2533 * 2);
    double same[] = { 7, 7, 7 };
    NEAR(warn_robust_scale(same, 3, 7, scratch), 0);
    NEAR(warn_robust_z(9, 7, 0), 0); /* nothing to tell apart */
    /* Many equal values (zero counts) stay fast and right. */
    size_t n = 200001;
    double *zeros = calloc(n, sizeof(double));
    zeros[17] = 5;
    zeros[n - 1] = -5;
    NEAR(warn_median(zeros, n), 0);
    free(zeros);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The selection against a full sort, on arrays of every small size with
 * few distinct values (ties everywhere) and with many. */
static void test_median_random(void **state)
{
    uint64_t r = 42;
    double v[64], sorted[64];
    for (int round = 0; round < 4000; round++) {
        size_t n = 1 + (size_t)(round % 64);
        int distinct = round % 3 == 0 ? 3 : 1000;
        for (size_t i = 0; i < n; i++) {
            r = r * 6364136223846793005ull + 1442695040888963407ull;
            v[i] = (double)((r >> 33) % (uint64_t)distinct);
        }
        memcpy(sorted, v, n * sizeof(double));
        qsort(sorted, n, sizeof(double), cmp_double);
        double want = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        NEAR(warn_median(v, n), want);
    }
}

static void test_percentile(void **state)
{
    const double sorted[] = { 1, 2, 2, 3, 10 };
    NEAR(warn_percentile(sorted, 5, 1), 0);
    NEAR(warn_percentile(sorted, 5, 10), 100);
    NEAR(warn_percentile(sorted, 5, 3), 75);            /* 3 of the 4 others are lower */
    NEAR(warn_percentile(sorted, 5, 2), 100 * 1.5 / 4); /* one lower, the other 2 counts half */
    assert_true(isnan(warn_percentile(sorted, 1, 1)));
}

static void test_trend(void **state)
{
    /* One wild last year barely moves the Theil–Sen slope (least squares: 7.6). */
    const double t[] = { 0, 1, 2, 3, 4 }, y[] = { 0, 1, 2, 3, 40 };
    NEAR(warn_theil_sen(t, y, 5), 1);
    const double t1[] = { 2, 2 }, y1[] = { 1, 5 };
    assert_true(isnan(warn_theil_sen(t1, y1, 2)));
    /* Least-squares slope variance over four years of variance 1: 1 / 5. */
    const double var[] = { 1, 1, 1, 1 };
    NEAR(warn_slope_var(t, var, 4), 0.2);
    /* Trend z: the group's slopes have median 0 and scale 1, no sampling
     * noise: a slope of 2 is z 2. A unit whose own noise is 3 gets z 1. */
    NEAR(warn_trend_z(2, 0, 0, 1, 0), 2);
    NEAR(warn_trend_z(2, 3, 0, 1, 0), 1);
    /* When sampling noise seems to explain all the spread, the group's real
     * spread is still taken as at least half the scale. */
    NEAR(warn_trend_z(2, 0, 0, 1, 5), 4);
    NEAR(warn_trend_z(2, 0, 0, 0, 0), 0);
}

static void test_value_var(void **state)
{
    const key_figure *share = &kf_catalogue[kf_find("turnover_rate")];
    const key_figure *rate = &kf_catalogue[kf_find("evictions_per_1000")];
    const key_figure *mean = &kf_catalogue[kf_find("mean_gross_income")];
    double p = 10.5 / 101;
    NEAR(warn_value_var(share, 10, 100), 1e4 * p * (1 - p) / 100);
    /* A share on 20 households is noisier than the same share on 200. */
    assert_true(warn_value_var(share, 2, 20) > 5 * warn_value_var(share, 20, 200));
    assert_true(warn_value_var(share, 0, 50) > 0); /* 0 % is not certain */
    NEAR(warn_value_var(rate, 3, 1500), 1e6 * 3.5 / (1500.0 * 1500));
    NEAR(warn_value_var(mean, 3e6, 10), 0); /* no count model */
    NEAR(warn_value_var(share, 10, 0), 0);
}

static void test_classify(void **state)
{
    warn_config c;
    warn_config_defaults(&c);
    assert_int_equal(c.min_peers, 15);
    assert_int_equal(c.trend_years, 3);
    NEAR(c.watch, 2.25);
    NEAR(c.alarm, 3.5);
    NEAR(c.link_flag, 2);
    bool flagged[WARN_LINKS];
    const double two[WARN_LINKS] = { 2.5, 2.1, 0.3, NAN };
    assert_int_equal(warn_classify(&c, two, 4, flagged), WARN_ALARM);
    assert_true(flagged[0] && flagged[1] && !flagged[2] && !flagged[3]);
    assert_int_equal(warn_classify(&c, two, 3, flagged), WARN_WATCH);  /* below alarm */
    assert_int_equal(warn_classify(&c, two, 2, flagged), WARN_STABLE); /* below watch */
    const double one[WARN_LINKS] = { 5, 1.9, 1.9, 1.9 };
    assert_int_equal(warn_classify(&c, one, 5, flagged), WARN_WATCH); /* alarm needs two links */
    const double none[WARN_LINKS] = { 1.9, 1.9, 1.9, 1.9 };
    assert_int_equal(warn_classify(&c, none, 5, flagged), WARN_STABLE); /* nothing to name */
    assert_int_equal(warn_classify(&c, two, NAN, flagged), WARN_STABLE);
    c.alarm_links = 3;
    assert_int_equal(warn_classify(&c, two, 4, flagged), WARN_WATCH);
    NEAR(warn_clip(7, 4), 4);
    NEAR(warn_clip(-7, 4), -4);
    NEAR(warn_clip(1.5, 4), 1.5);
}

static void test_config_table(void **state)
{
    const warn_param *p = warn_param_find("warning.watch");
    assert_non_null(p);
    assert_ptr_equal(p, warn_param_find("watch"));
    assert_null(warn_param_find("loudness"));
    warn_config c;
    warn_config_defaults(&c);
    for (size_t i = 0; i < warn_nparams; i++) {
        const warn_param *q = &warn_params[i];
        NEAR(warn_config_value(&c, q), q->def);
        assert_true(q->def >= q->min && q->def <= q->max);
    }
    warn_status s;
    assert_true(warn_status_parse("alarm", &s) && s == WARN_ALARM);
    assert_false(warn_status_parse("loud", &s));
    assert_int_equal(WARN_AT_LEAST(WARN_WATCH), (1u << WARN_WATCH) | (1u << WARN_ALARM));
}

/* ---- database ---- */

static db *fresh_demo(void)
{
    db *d = testdb_fresh(kind, tmpdir, "warning", ++seq);
    hh_error e;
    if (migrate_run(d, &embed_migrations, NULL, &e) || kf_catalogue_sync(d, &e))
        fail_msg("%s", e.msg);
    demo_options opt = { .seed = 1, .scale = DEMO_SMALL };
    if (db_begin(d, &e) || demo_registry(d, &opt, &e) || db_commit(d, &e))
        fail_msg("%s", e.msg);
    return d;
}

static int64_t query(db *d, const char *sql)
{
    int64_t n = -1;
    assert_true(db_query_int64(d, sql, &n));
    return n;
}

static void test_rebuild_and_read(void **state)
{
    db *d = fresh_demo();
    hh_error e;
    arena a;
    arena_init(&a);
    /* The demo's refresh built statuses from 2018 (three years of trend)
     * to 2025, for every department and area, and no events. */
    assert_int_equal(warn_latest_year(d, WARN_DEPARTMENT), 2025);
    int *years;
    size_t ny;
    assert_int_equal(warn_years(d, &a, WARN_DEPARTMENT, &years, &ny, &e), HH_OK);
    assert_int_equal(ny, 8);
    assert_int_equal(years[0], 2025);
    assert_int_equal(years[7], 2018);
    assert_int_equal(query(d, "SELECT COUNT(*) FROM warning_event"), 0);
    warn_row *rows;
    size_t n;
    assert_int_equal(warn_list(d, &a, WARN_DEPARTMENT, 0, NULL, &rows, &n, &e), HH_OK);
    assert_int_equal((int64_t)n, query(d, "SELECT COUNT(*) FROM department"));
    for (size_t i = 1; i < n; i++) /* worst first */
        assert_true(rows[i - 1].status > rows[i].status ||
                    (rows[i - 1].status == rows[i].status && rows[i - 1].score >= rows[i].score));
    assert_int_equal(warn_list(d, &a, WARN_AREA, 2025, NULL, &rows, &n, &e), HH_OK);
    assert_int_equal((int64_t)n, query(d, "SELECT COUNT(*) FROM housing_area"));

    /* A scope condition over d, and the filters. */
    warn_filter f = { .where = "d.org_no = 101" };
    assert_int_equal(warn_list(d, &a, WARN_DEPARTMENT, 2025, &f, &rows, &n, &e), HH_OK);
    assert_true(n == 8);
    for (size_t i = 0; i < n; i++)
        assert_memory_equal(rows[i].code, "101-", 4);
    f = (warn_filter){ .statuses = WARN_AT_LEAST(WARN_WATCH) };
    assert_int_equal(warn_list(d, &a, WARN_DEPARTMENT, 2025, &f, &rows, &n, &e), HH_OK);
    assert_true(n > 0);
    size_t flagged = n;
    bool demo_dept = false;
    for (size_t i = 0; i < n; i++) {
        assert_true(rows[i].status != WARN_STABLE);
        assert_true(rows[i].nreasons >= 1);
        demo_dept = demo_dept || strcmp(rows[i].code, "101-1") == 0;
    }
    assert_true(demo_dept); /* 101-1 slides by design */
    f = (warn_filter){ .municipality_code = "0101", .org_no = 101, .limit = 3 };
    assert_int_equal(warn_list(d, &a, WARN_DEPARTMENT, 2025, &f, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 3);

    /* One unit in detail: the demo department. */
    int64_t id = query(d, "SELECT id FROM department WHERE org_no = 101 AND department_no = 1");
    warn_result r;
    assert_int_equal(warn_status_get(d, &a, WARN_DEPARTMENT, id, 0, &r, &e), HH_OK);
    assert_string_equal(r.code, "101-1");
    assert_int_equal(r.year, 2025);
    assert_true(r.status != WARN_STABLE);
    assert_true(r.nreasons >= 1);
    for (size_t i = 0; i < r.nreasons; i++) {
        bool link = false;
        for (int k = 0; k < WARN_LINKS; k++)
            link = link || strncmp(r.reasons[i], kf_link_label[k], strlen(kf_link_label[k])) == 0;
        assert_true(link);
        assert_non_null(strstr(r.reasons[i], " på 3 år"));
    }
    assert_true(r.nfigures >= 20);
    for (size_t i = 0; i < r.nfigures; i++) {
        assert_true(r.figures[i].link < WARN_LINKS);
        assert_true(kf_catalogue[r.figures[i].kf].good != DIR_NONE);
        assert_true(r.figures[i].percentile >= 0 && r.figures[i].percentile <= 100);
        /* Ten years of data: both trends, over 3 and 9 years. */
        assert_int_equal(r.figures[i].span, 3);
        assert_int_equal(r.figures[i].long_span, 9);
        assert_false(isnan(r.figures[i].change) || isnan(r.figures[i].long_change));
        if (i)
            assert_true(r.figures[i - 1].link <= r.figures[i].link);
    }
    /* An older year keeps status and reasons, without figures. */
    assert_int_equal(warn_status_get(d, &a, WARN_DEPARTMENT, id, 2020, &r, &e), HH_OK);
    assert_int_equal(r.year, 2020);
    assert_int_equal(r.nfigures, 0);
    assert_int_equal(warn_status_get(d, &a, WARN_DEPARTMENT, id, 2016, &r, &e), HH_ERR_NOTFOUND);
    assert_int_equal(warn_status_get(d, &a, WARN_DEPARTMENT, 999999, 0, &r, &e), HH_ERR_NOTFOUND);

    /* Rebuilding unchanged data makes no event; a threshold no link reaches
     * turns every flagged unit stable, one event each. */
    warn_stats st;
    assert_int_equal(db_begin(d, &e), HH_OK);
    assert_int_equal(warn_refresh_stats(d, &st, &e), HH_OK);
    assert_int_equal(st.events, 0);
    assert_int_equal(warn_config_set(d, "link_flag", "20", &e), HH_OK);
    assert_int_equal(warn_config_set(d, "watch", "nine", &e), HH_ERR_INPUT);
    assert_int_equal(warn_refresh_stats(d, &st, &e), HH_OK);
    assert_int_equal(db_commit(d, &e), HH_OK);
    assert_int_equal(st.by_status[WARN_WATCH] + st.by_status[WARN_ALARM], 0);
    warn_event *ev;
    assert_int_equal(warn_events(d, &a, WARN_DEPARTMENT, 0, NULL, &ev, &n, &e), HH_OK);
    assert_int_equal(n, flagged);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ev[i].new_status, WARN_STABLE);
        assert_true(ev[i].old_status != WARN_STABLE);
        assert_int_equal(ev[i].year, 2025);
    }
    assert_int_equal(warn_events(d, &a, WARN_DEPARTMENT, id, NULL, &ev, &n, &e), HH_OK);
    assert_int_equal(n, 1);
    assert_string_equal(ev[0].code, "101-1");
    arena_free(&a);
    db_close(d);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "postgres") == 0) {
        if (!getenv("HELHED_TEST_PG")) {
            fprintf(stderr, "test_warning postgres: HELHED_TEST_PG is not set (run under tests/with-postgres.sh)\n");
            return 1;
        }
        kind = DB_POSTGRES;
    }
    if (!mkdtemp(tmpdir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_median_scale), cmocka_unit_test(test_median_random),    cmocka_unit_test(test_percentile),
        cmocka_unit_test(test_trend),        cmocka_unit_test(test_value_var),        cmocka_unit_test(test_classify),
        cmocka_unit_test(test_config_table), cmocka_unit_test(test_rebuild_and_read),
    };
    int rc = cmocka_run_group_tests_name(kind == DB_SQLITE ? "warning/sqlite" : "warning/postgres", tests, NULL, NULL);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    return rc;
}
