/* `helhed plans export` read back with the table reader (src/io/table_read):
 * the XLSX and the CSV have the documented columns and a plan's values,
 * amounts in kroner with two decimals and LBF's share in per cent. */
#include "cm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/embed.h"
#include "db/migrate.h"
#include "domain/keyfig.h"
#include "domain/plans.h"
#include "io/table_read.h"

static char tmpdir[] = "/tmp/helhed-test-plans-export.XXXXXX";
static char url[256];
static int64_t plan_id;

static const char *const want_header[] = {
    "id",          "name",          "type",       "state",    "round", "municipality_code", "municipality_name",
    "region_code", "organisations", "start_date", "end_date", "focus", "budget_kr",         "lbf_kr",
    "spent_kr",    "lbf_share_pct",
};
#define NCOLS (sizeof want_header / sizeof want_header[0])

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(url, sizeof url, "sqlite:%s/plans.db", tmpdir);
    db *d;
    hh_error e;
    if (db_open(url, &d, &e) || migrate_run(d, &embed_migrations, NULL, &e) || kf_catalogue_sync(d, &e) ||
        db_exec(
            d, "INSERT INTO organisation (org_no, name, municipality_code) VALUES (101, 'Boligselskabet Nord', '0101')",
            &e))
        return -1;
    arena a;
    arena_init(&a);
    plan_input in;
    plan_input_init(&in);
    static const int64_t orgs[] = { 101 };
    static const char *const focus[] = { "Sundhed", "Uddannelse" };
    in.name = "Eksport; \"nord\"";
    in.type = PLAN_SOCIAL;
    in.municipality_code = "0101";
    in.round = "2011-2014";
    in.start_date = "2014-01-01";
    in.end_date = "2017-12-31";
    in.has_orgs = true;
    in.org_nos = orgs;
    in.norgs = 1;
    in.has_focus = true;
    in.focus = focus;
    in.nfocus = 2;
    plan_budget_line lines[] = {
        { .year = 2014, .source = SRC_LBF, .budget_ore = 75000050, .note = "" },
        { .year = 2014, .source = SRC_MUNICIPALITY, .budget_ore = 25000050, .note = "" },
    };
    if (plan_create(d, NULL, &a, &in, &plan_id, &e) || plan_budget_put(d, NULL, &a, plan_id, lines, 2, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    arena_free(&a);
    db_close(d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void export_to(const char *format, const char *path)
{
    char *argv[] = { "plans", "export", "--format", (char *)format, "--out", (char *)path, NULL };
    options o = { .db = url, .threads = 1, .argc = 6, .argv = argv };
    assert_int_equal(cli_plans(&o), 0);
}

/* Reads path with the table reader; checks the header and returns the
 * fields of the plan's row in out (strdup'd). */
static void read_back(const char *path, char **out)
{
    table_reader *r;
    hh_error e;
    if (table_open_file(path, &r, &e))
        fail_msg("%s", e.msg);
    table_row row;
    assert_int_equal(table_next(r, &row, &e), 1);
    assert_int_equal(row.n, NCOLS);
    for (size_t i = 0; i < NCOLS; i++)
        assert_string_equal(row.field[i], want_header[i]);
    int rows = 0;
    while (table_next(r, &row, &e) == 1) {
        rows++;
        for (size_t i = 0; i < NCOLS; i++)
            out[i] = strdup(i < row.n ? row.field[i] : "");
    }
    assert_int_equal(rows, 1);
    table_close(r);
}

static void check_text(char **f)
{
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)plan_id);
    assert_string_equal(f[0], id);
    assert_string_equal(f[1], "Eksport; \"nord\"");
    assert_string_equal(f[2], "social");
    assert_string_equal(f[3], "idea");
    assert_string_equal(f[4], "2011-2014");
    assert_string_equal(f[5], "0101");
    assert_string_equal(f[6], "København");
    assert_string_equal(f[7], "1084");
    assert_string_equal(f[8], "Boligselskabet Nord");
    assert_string_equal(f[9], "2014-01-01");
    assert_string_equal(f[10], "2017-12-31");
    assert_string_equal(f[11], "Sundhed · Uddannelse");
}

static void test_xlsx(void **state)
{
    (void)state;
    char path[300], *f[NCOLS];
    snprintf(path, sizeof path, "%s/plans.xlsx", tmpdir);
    export_to("xlsx", path);
    read_back(path, f);
    FILE *x = fopen(path, "rb");
    char magic[2] = { 0 };
    assert_non_null(x);
    assert_int_equal(fread(magic, 1, 2, x), 2);
    fclose(x);
    assert_memory_equal(magic, "PK", 2);
    check_text(f);
    /* Numbers as stored: kroner, the share in per cent. */
    assert_string_equal(f[12], "1000001");
    assert_string_equal(f[13], "750000.5");
    assert_string_equal(f[14], "0");
    assert_string_equal(f[15], "75");
    for (size_t i = 0; i < NCOLS; i++)
        free(f[i]);
}

static void test_csv(void **state)
{
    (void)state;
    char path[300], *f[NCOLS];
    snprintf(path, sizeof path, "%s/plans.csv", tmpdir);
    export_to("csv", path);
    read_back(path, f);
    check_text(f);
    assert_string_equal(f[12], "1000001,00");
    assert_string_equal(f[13], "750000,50");
    assert_string_equal(f[14], "0,00");
    assert_string_equal(f[15], "75,00");
    for (size_t i = 0; i < NCOLS; i++)
        free(f[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsx),
        cmocka_unit_test(test_csv),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
