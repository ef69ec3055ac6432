/* The steering dialogue's documentation package (src/report/
 * dialogue_package.c): its numbers equal the key figures they come from,
 * every section is there, small numbers are suppressed ("<5", null in
 * JSON, never the number), access follows the dialogue, and the renderers
 * (PDF bytes and page count, HTML). Runs on SQLite by default; with the
 * argument "postgres" on the throwaway server of tests/with-postgres.sh. */
#include "cm.h"
#include "testfix.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/embed.h"
#include "db/migrate.h"
#include "domain/dialogue.h"
#include "domain/keyfig.h"
#include "report/dialogue_package.h"

static db_kind kind = DB_SQLITE;
static char tmpdir[] = "/tmp/helhed-test-dlgpkg.XXXXXX";
static int seq;

/* Fontconfig keeps its caches for the life of the process. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

#define YEAR 2024

/* A value of figure kf for a department and year: parts for the kinds that
 * have them (big denominators, or 3 when small), a value otherwise. */
static void put_figure(db *d, int64_t dept, int kf, int year, double x, bool small)
{
    const key_figure *f = &kf_catalogue[kf];
    double den = small ? 3 : 200;
    switch (f->kind) {
    case KF_SHARE:
    case KF_RATE_PER_1000:
    case KF_MEAN: testfix_put_value(d, dept, kf, year, small ? 2 : x, den, NAN); break;
    case KF_INDEX: testfix_put_value(d, dept, kf, year, NAN, den, x); break;
    default: testfix_put_value(d, dept, kf, year, NAN, NAN, small && f->is_count ? 3 : x); break;
    }
}

/* Organisation 101 with departments 101-1 and 101-2 in København and 102-1
 * of another organisation; every item figure for 2020-2024, 101-2's resting
 * on fewer than 5 in 2024. */
static db *fresh(void)
{
    const char *sql =
        "INSERT INTO organisation (org_no, name, municipality_code) VALUES (101, 'Boligselskabet Nord', '0101'),"
        " (102, 'Boligforeningen Syd', '0101');"
        "INSERT INTO department (id, org_no, department_no, name, municipality_code, dwellings_family) VALUES"
        " (1, 101, 1, 'Nordparken', '0101', 400), (2, 101, 2, 'Nordhaven', '0101', 300),"
        " (3, 102, 1, 'Sydparken', '0101', 500);";
    db *d = testfix_fresh(kind, tmpdir, "dlgpkg", ++seq, sql);
    hh_error e;
    bool *done = calloc(kf_count, sizeof *done);
    for (size_t it = 0; it < DI_COUNT; it++)
        for (const char *const *c = dlg_item_figures[it]; c && *c; c++) {
            int kf = kf_find(*c);
            assert_true(kf >= 0);
            if (done[kf])
                continue; /* a figure beside two items */
            done[kf] = true;
            for (int y = 2020; y <= 2024; y++) {
                put_figure(d, 1, kf, y, 40 + 3 * (y - 2020) + (double)kf, false);
                put_figure(d, 2, kf, y, 60 - 2 * (y - 2020) + (double)kf, y == 2024);
                put_figure(d, 3, kf, y, 50, false);
            }
        }
    free(done);
    if (db_begin(d, &e) || kf_refresh(d, &e) || db_commit(d, &e))
        fail_msg("%s", e.msg);
    return d;
}

static size_t count(const char *s, size_t n, const char *what)
{
    size_t k = 0, m = strlen(what);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, what, m) == 0)
            k++;
    return k;
}

/* The first figure beside the first item. */
static int first_figure(void)
{
    return kf_find(dlg_item_figures[0][0]);
}

/* The dialogue of 101 × 0101 with answers, a definition, a summary, a
 * selection with SWOT and a goal. */
static int64_t make_dialogue(db *d, arena *a)
{
    hh_error e;
    int64_t id = 0;
    if (dlg_open(d, NULL, a, 101, "0101", YEAR, &id, &e))
        fail_msg("%s", e.msg);
    if (dlg_summary_put(d, NULL, id, "Et år med ro i afdelingerne.", &e))
        fail_msg("%s", e.msg);
    if (dlg_definition_put(d, NULL, 101, 0, 2020, "Når vedligeholdelsesplanen følges.", &e))
        fail_msg("%s", e.msg);
    for (int it = 0; it < DI_COUNT; it++) {
        if (dlg_answer_put(d, NULL, id, 1, (dlg_item)it, 4 - it % 4, arena_printf(a, "Begrundelse %d", it), &e))
            fail_msg("%s", e.msg);
    }
    if (dlg_answer_put(d, NULL, id, 2, DI_SOCIAL, 2, "Uro i opgangene", &e))
        fail_msg("%s", e.msg);
    /* 101-2 selected with a SWOT. */
    dlg_selection sel = { .department_id = 2,
                          .confirmed = true,
                          .strengths = "Stærkt beboerdemokrati",
                          .weaknesses = "Slidte opgange",
                          .opportunities = "Ny helhedsplan",
                          .threats = "Stigende fraflytning" };
    if (dlg_selection_put(d, NULL, id, &sel, &e))
        fail_msg("%s", e.msg);
    /* A goal for the coming year. */
    dlg_goal goal = { .dialogue_id = id,
                      .department_id = 1,
                      .title = "Færre fraflytninger",
                      .kf = first_figure(),
                      .baseline_value = NAN,
                      .target_value = 30 };
    if (dlg_goal_put(d, NULL, a, &goal, &e))
        fail_msg("%s", e.msg);
    return id;
}

/* Last year's dialogue of the pair with a goal for this year's data. */
static void make_last_year(db *d, arena *a)
{
    hh_error e;
    int64_t id = 0;
    if (dlg_open(d, NULL, a, 101, "0101", YEAR - 1, &id, &e))
        fail_msg("%s", e.msg);
    dlg_goal goal = { .dialogue_id = id,
                      .department_id = 1,
                      .title = "Sidste års mål",
                      .kf = first_figure(),
                      .baseline_value = NAN,
                      .target_value = 1,
                      .target_year = YEAR };
    if (dlg_goal_put(d, NULL, a, &goal, &e))
        fail_msg("%s", e.msg);
}

/* The department's value of kf in year from the key figures themselves. */
static double expected(db *d, arena *a, int64_t dept, int kf, int year, bool *suppressed)
{
    kf_row *rows;
    size_t n;
    hh_error e;
    if (kf_unit_series(d, LEVEL_DEPARTMENT, arena_printf(a, "%lld", (long long)dept), kf, a, &rows, &n, &e))
        fail_msg("%s", e.msg);
    kf_suppress_rows(rows, n);
    for (size_t i = 0; i < n; i++)
        if (rows[i].year == year) {
            *suppressed = rows[i].suppressed || kf_suppressed(&kf_catalogue[kf], &rows[i].parts);
            return kf_result(&kf_catalogue[kf], &rows[i].parts);
        }
    *suppressed = false;
    return NAN;
}

static void test_numbers(void **state)
{
    (void)state;
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    make_last_year(d, &a);
    int64_t id = make_dialogue(d, &a);
    dlg_package k;
    assert_int_equal(dlg_package_build(d, NULL, &a, id, &k, &e), HH_OK);
    assert_int_equal(k.nsheets, 2);
    /* Selection, goals and last year's goal followed up with the actual
     * value of the key figure in the target year. */
    assert_int_equal(k.nselections, 1);
    assert_string_equal(k.selections[0].strengths, "Stærkt beboerdemokrati");
    assert_int_equal(k.ngoals, 1);
    assert_int_equal(k.nfollowups, 1);
    {
        bool sup;
        double v = expected(d, &a, 1, first_figure(), YEAR, &sup);
        assert_false(sup);
        assert_int_equal(k.followups[0].actual_year, YEAR);
        assert_true(fabs(k.followups[0].actual - v) < 1e-6 * fmax(1, fabs(v)));
        assert_true(k.followups[0].status == DG_MET || k.followups[0].status == DG_NOT_MET);
    }
    assert_string_equal(k.sheets[0].dept.key, "101-1");
    assert_int_equal(k.dwellings, 700);
    assert_int_equal(k.answered, 1);
    assert_int_equal(k.scores[DI_SOCIAL][2], 1); /* 101-2 */
    assert_int_equal(k.scores[DI_SOCIAL][4], 1); /* 101-1 */
    assert_int_equal(k.scores[DI_EFFECTIVE_OPERATION][0], 1);
    size_t checked = 0, hidden = 0;
    for (size_t s = 0; s < k.nsheets; s++)
        for (size_t it = 0; it < DI_COUNT; it++) {
            const dlg_answer *x = &k.sheets[s].answers[it];
            for (size_t j = 0; j < x->nfigures; j++) {
                const dlg_figure *f = &x->figures[j];
                assert_int_equal(f->year, 2024);
                bool sup;
                double v = expected(d, &a, k.sheets[s].dept.id, f->kf, 2024, &sup);
                assert_int_equal(f->suppressed, sup);
                if (sup)
                    hidden++;
                else {
                    assert_true(fabs(f->value - v) < 1e-6 * fmax(1, fabs(v)));
                    checked++;
                }
            }
        }
    assert_true(checked > 0);
    assert_true(hidden > 0); /* 101-2 rests on fewer than 5 in 2024 */

    /* JSON: suppressed figures carry no number. */
    json_t *j = dlg_package_json(&k);
    json_t *deps = json_object_get(j, "departments");
    assert_int_equal(json_array_size(deps), 2);
    size_t nulls = 0;
    json_t *items = json_object_get(json_array_get(deps, 1), "items");
    for (size_t it = 0; it < json_array_size(items); it++) {
        json_t *figs = json_object_get(json_array_get(items, it), "figures");
        for (size_t f = 0; f < json_array_size(figs); f++) {
            json_t *fig = json_array_get(figs, f);
            if (json_is_true(json_object_get(fig, "suppressed"))) {
                assert_true(json_is_null(json_object_get(fig, "value")));
                nulls++;
            }
        }
    }
    assert_int_equal(nulls, hidden);
    json_decref(j);
    arena_free(&a);
    db_close(d);
}

static bool has_table(const dlg_package *k, const char *id)
{
    for (size_t i = 0; i < k->doc.nblocks; i++)
        if (k->doc.blocks[i].kind == RB_TABLE && strcmp(k->doc.blocks[i].table->id, id) == 0)
            return true;
    return false;
}

static void test_sections_and_renderers(void **state)
{
    (void)state;
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t id = make_dialogue(d, &a);
    dlg_package k;
    assert_int_equal(dlg_package_build(d, NULL, &a, id, &k, &e), HH_OK);
    static const char *const ids[] = { "organisation", "definitioner", "vurderinger",    "afdelinger",     "maal",
                                       "opfoelgning",  "planer",       "afdeling_101-1", "vurdering_101-2" };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (!has_table(&k, ids[i]))
            fail_msg("no table %s", ids[i]);
    size_t series = 0;
    for (size_t i = 0; i < k.doc.nblocks; i++)
        series += k.doc.blocks[i].kind == RB_SERIES;
    assert_int_equal(series, 2);

    buf html;
    buf_init(&html, 0);
    dlg_package_html_document(&k, &html);
    const char *h = buf_cstr(&html);
    assert_non_null(strstr(h, "<html lang=\"da\">"));
    assert_non_null(strstr(h, "Boligselskabet Nord"));
    assert_non_null(strstr(h, "Et år med ro i afdelingerne."));
    assert_non_null(strstr(h, "Når vedligeholdelsesplanen følges."));
    assert_non_null(strstr(h, "Organisationens definitioner af de fire spørgsmål"));
    assert_non_null(strstr(h, "Afdelinger udvalgt til nærmere dialog"));
    assert_non_null(strstr(h, "Afdeling 101-2 · Nordhaven"));
    assert_non_null(strstr(h, "Uro i opgangene"));
    assert_non_null(strstr(h, "Slidte opgange"));
    assert_non_null(strstr(h, "Færre fraflytninger"));
    assert_non_null(strstr(h, "Nøgletal bag vurderingerne"));
    assert_non_null(strstr(h, "&lt;5"));
    assert_non_null(strstr(h, "<svg class=\"rp-spark\""));
    assert_null(strstr(h, "Sydparken")); /* another organisation */
    buf_reset(&html);
    dlg_package_html_fragment(&k, &html);
    assert_null(strstr(buf_cstr(&html), "<style"));
    assert_null(strstr(buf_cstr(&html), "style=\""));
    buf_free(&html);

    buf pdf;
    buf_init(&pdf, 0);
    int pages = 0;
    assert_int_equal(dlg_package_pdf(&k, &pdf, &pages, &e), HH_OK);
    assert_memory_equal(pdf.data, "%PDF-", 5);
    assert_int_equal(count(pdf.data, pdf.len, "/Type /Page") - count(pdf.data, pdf.len, "/Type /Pages"), (size_t)pages);
    /* The front matter, then every department on pages of its own. */
    assert_true(pages >= 1 + (int)k.nsheets && pages <= 4 + 2 * (int)k.nsheets);
    const char *dump = getenv("HELHED_PACKAGE_PDF"); /* to look at it */
    if (dump) {
        FILE *fp = fopen(dump, "wb");
        if (fp) {
            fwrite(pdf.data, 1, pdf.len, fp);
            fclose(fp);
        }
    }
    buf_free(&pdf);
    assert_string_equal(dlg_package_filename(&a, &k, "pdf"), "styringsdialog-101-0101-2024.pdf");
    arena_free(&a);
    db_close(d);
}

static void test_access(void **state)
{
    (void)state;
    db *d = fresh();
    arena a;
    arena_init(&a);
    hh_error e;
    int64_t id = make_dialogue(d, &a);
    dlg_package k;
    assert_int_equal(dlg_package_build(d, testfix_who(&a, ROLE_ORGANISATION, "101"), &a, id, &k, &e), HH_OK);
    assert_int_equal(dlg_package_build(d, testfix_who(&a, ROLE_MUNICIPALITY, "0101"), &a, id, &k, &e), HH_OK);
    assert_int_equal(dlg_package_build(d, testfix_who(&a, ROLE_ORGANISATION, "102"), &a, id, &k, &e), HH_ERR_NOTFOUND);
    assert_int_equal(dlg_package_build(d, testfix_who(&a, ROLE_MUNICIPALITY, "0147"), &a, id, &k, &e), HH_ERR_NOTFOUND);
    int64_t found = 0;
    assert_int_equal(dlg_package_find(d, NULL, &a, 101, "0101", YEAR, &found, &e), HH_OK);
    assert_int_equal(found, id);
    assert_int_equal(dlg_package_find(d, NULL, &a, 101, "0101", YEAR - 3, &found, &e), HH_ERR_NOTFOUND);
    arena_free(&a);
    db_close(d);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_sections_and_renderers),
        cmocka_unit_test(test_access),
    };
    return TESTFIX_MAIN("dialogue_package", tests);
}
