/* Key figures: results by kind, primary and complementary suppression. */
#include "cm.h"

#include <math.h>
#include <string.h>

#include "domain/keyfig.h"

static const key_figure *kf(const char *code)
{
    int i = kf_find(code);
    assert_true(i >= 0);
    return &kf_catalogue[i];
}

static void test_catalogue(void **state)
{
    static const char *const required[] = { "residents",
                                            "households",
                                            "non_western_share",
                                            "outside_labour_share",
                                            "basic_education_share",
                                            "income_relative_region",
                                            "convicted_share",
                                            "turnover_rate",
                                            "vacancy_loss",
                                            "evictions_per_1000" };
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        assert_true(kf_find(required[i]) >= 0);
    for (size_t i = 0; i < kf_count; i++)
        for (size_t j = i + 1; j < kf_count; j++)
            assert_string_not_equal(kf_catalogue[i].code, kf_catalogue[j].code);
    assert_true(kf_count >= 25);
}

static void test_results(void **state)
{
    /* 30/100 and 10/50 summed are 40/150: 26.7 %, not the 25 % of averaging. */
    kf_parts p = { 30 + 10, 100 + 50, NAN, NAN, 2 };
    assert_true(fabs(kf_result(kf("outside_labour_share"), &p) - 26.6667) < 0.001);
    kf_parts ev = { 3, 1500, NAN, NAN, 1 };
    assert_true(fabs(kf_result(kf("evictions_per_1000"), &ev) - 2.0) < 1e-9);
    kf_parts mean = { 3300000, 11, NAN, NAN, 1 };
    assert_true(fabs(kf_result(kf("mean_gross_income"), &mean) - 300000) < 1e-6);
    kf_parts idx = { NAN, 100 + 300, NAN, 80 * 100 + 120 * 300, 2 }; /* weighted by denominator */
    assert_true(fabs(kf_result(kf("income_relative_region"), &idx) - 110) < 1e-9);
    char out[64];
    assert_string_equal(kf_format(kf("outside_labour_share"), &p, false, out, sizeof out), "26,7 %");
    assert_string_equal(kf_format(kf("outside_labour_share"), &p, true, out, sizeof out), "<5");
    kf_parts res = { NAN, NAN, 1234, NAN, 1 };
    assert_string_equal(kf_format(kf("residents"), &res, false, out, sizeof out), "1.234");
}

static void test_primary(void **state)
{
    kf_parts small_num = { 4, 100, NAN, NAN, 1 }, small_den = { 2, 4, NAN, NAN, 1 }, fine = { 5, 100, NAN, NAN, 1 };
    assert_true(kf_suppressed(kf("convicted_share"), &small_num));
    assert_true(kf_suppressed(kf("convicted_share"), &small_den));
    assert_false(kf_suppressed(kf("convicted_share"), &fine));
    kf_parts four = { NAN, NAN, 4, NAN, 1 }, money = { NAN, NAN, 3, NAN, 1 };
    assert_true(kf_suppressed(kf("residents"), &four));
    assert_false(kf_suppressed(kf("vacancy_loss"), &money)); /* an amount of DKK, not a count */
    kf_parts mean = { 900000, 3, NAN, NAN, 1 };
    assert_true(kf_suppressed(kf("mean_gross_income"), &mean));
}

/* With a total shown, one hidden cell would be total minus the rest. */
static void test_complementary(void **state)
{
    const key_figure *r = kf("residents");
    kf_cell cells[4] = { { { NAN, NAN, 120, NAN, 1 }, false },
                         { { NAN, NAN, 3, NAN, 1 }, false },
                         { { NAN, NAN, 40, NAN, 1 }, false },
                         { { NAN, NAN, 900, NAN, 1 }, false } };
    assert_int_equal(kf_suppress_group(r, cells, 4, false), 1);
    assert_true(cells[1].suppressed);
    assert_false(cells[2].suppressed);
    assert_int_equal(kf_suppress_group(r, cells, 4, true), 2);
    assert_true(cells[1].suppressed);
    assert_true(cells[2].suppressed); /* the next smallest */
    assert_false(cells[0].suppressed);
    assert_false(cells[3].suppressed);
    /* Two tiny hidden cells together still under 5: hide a third. */
    kf_cell tiny[4] = { { { NAN, NAN, 1, NAN, 1 }, false },
                        { { NAN, NAN, 2, NAN, 1 }, false },
                        { { NAN, NAN, 50, NAN, 1 }, false },
                        { { NAN, NAN, 60, NAN, 1 }, false } };
    assert_int_equal(kf_suppress_group(r, tiny, 4, true), 3);
    assert_true(tiny[2].suppressed);
    assert_false(tiny[3].suppressed);
    /* Nothing small: nothing hidden. */
    kf_cell big[2] = { { { NAN, NAN, 50, NAN, 1 }, false }, { { NAN, NAN, 60, NAN, 1 }, false } };
    assert_int_equal(kf_suppress_group(r, big, 2, true), 0);
}

/* Age groups split the residents: one hidden group would be 100 % minus the
 * others, so a second is hidden too. */
static void test_partition(void **state)
{
    kf_row rows[3] = {
        { "1-1", "x", kf_find("age_0_17_share"), 2024, { 3, 200, NAN, NAN, 1 }, false },
        { "1-1", "x", kf_find("age_18_64_share"), 2024, { 150, 200, NAN, NAN, 1 }, false },
        { "1-1", "x", kf_find("age_65_plus_share"), 2024, { 47, 200, NAN, NAN, 1 }, false },
    };
    kf_suppress_rows(rows, 3);
    assert_true(rows[0].suppressed);
    assert_true(rows[2].suppressed);
    assert_false(rows[1].suppressed);
}

static void test_peer(void **state)
{
    char out[32];
    assert_string_equal(kf_peer_code(out, sizeof out, 120, 1968, "0101", "1084"), "s1-e1-m0");
    assert_string_equal(kf_peer_code(out, sizeof out, 600, 2005, "0157", "1084"), "s3-e3-m1");
    assert_string_equal(kf_peer_code(out, sizeof out, 20, 0, "0461", "1083"), "s0-e4-m0");
    assert_string_equal(kf_peer_code(out, sizeof out, 20, 1950, "0621", "1083"), "s0-e0-m2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue),     cmocka_unit_test(test_results),   cmocka_unit_test(test_primary),
        cmocka_unit_test(test_complementary), cmocka_unit_test(test_partition), cmocka_unit_test(test_peer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
