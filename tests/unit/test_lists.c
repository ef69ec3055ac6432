/* The area lists: every edge case of shared/docs/AREA-LISTS.md, each rule
 * set's categories on hand-built areas, history across rule sets, the
 * forecast arithmetic and every message of the file readers. */
#include "cm.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/lists.h"

/* An area-year with every criterion given; denominators unknown. */
static list_input area(const char *code, int year, double residents, double non_western, double outside,
                       double convicted, double national, double education, double income)
{
    list_input in;
    memset(&in, 0, sizeof in);
    snprintf(in.area_code, sizeof in.area_code, "%s", code);
    in.year = year;
    in.v[LC_RESIDENTS] = residents;
    in.v[LC_NON_WESTERN] = non_western;
    in.v[LC_OUTSIDE_LABOUR] = outside;
    in.v[LC_CONVICTED] = convicted;
    in.v[LC_NATIONAL_CONVICTED] = national;
    in.v[LC_EDUCATION] = education;
    in.v[LC_INCOME] = income;
    in.persons_18_64 = in.persons_18_plus = in.persons_30_59 = in.taxpayers = NAN;
    return in;
}

/* An area that meets every criterion of every rule set. */
static list_input worst(const char *code, int year)
{
    return area(code, year, 2000, 60, 45, 4, 1, 65, 50);
}

/* An area that meets none. */
static list_input calm(const char *code, int year)
{
    return area(code, year, 2000, 10, 10, 0.5, 1, 20, 95);
}

static int test_index(const list_rule_set *r, const char *id)
{
    for (int i = 0; i < r->ntests; i++)
        if (strcmp(r->test[i].id, id) == 0)
            return i;
    fail_msg("no test %s in rule set %d", id, r->code);
    return -1;
}

static unsigned classify(const list_input *in, const list_rule_set *rules, list_result *r)
{
    list_classify(in, rules, NULL, NULL, r);
    return r->categories;
}

#define BIT(c) LIST_CAT_BIT(CAT_##c)

/* ---- history from a small table ---- */

typedef struct hist_entry {
    const char *area;
    int year;
    unsigned cats;
} hist_entry;

typedef struct hist_table {
    const hist_entry *e;
    size_t n;
    int calls;
} hist_table;

static unsigned table_history(void *ctx, const char *area_code, int year, bool *known)
{
    hist_table *t = ctx;
    t->calls++;
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->e[i].area, area_code) == 0 && t->e[i].year == year) {
            *known = true;
            return t->e[i].cats;
        }
    }
    *known = false;
    return 0;
}

/* ---- rule tables ---- */

static void test_rule_sets(void **state)
{
    assert_null(list_rules_for_year(2009));
    static const int years[][2] = { { 2010, 2010 }, { 2012, 2010 }, { 2013, 2013 }, { 2017, 2013 },
                                    { 2018, 2018 }, { 2020, 2018 }, { 2021, 2021 }, { 2040, 2021 } };
    for (size_t i = 0; i < sizeof years / sizeof *years; i++)
        assert_int_equal(list_rules_for_year(years[i][0])->code, years[i][1]);
    assert_null(list_rules_by_code(2019));
    assert_int_equal(list_nrule_sets, 4);
    for (size_t s = 0; s < list_nrule_sets; s++) {
        const list_rule_set *r = &list_rule_sets[s];
        assert_ptr_equal(list_rules_by_code(r->code), r);
        /* Every rule set requires 1,000 residents, as a test. */
        const list_test *res = &r->test[test_index(r, "residents_1000")];
        assert_int_equal(res->crit, LC_RESIDENTS);
        assert_int_equal(res->op, LIST_GE);
        assert_true(res->threshold == 1000);
        assert_true(r->ntests <= LIST_MAX_TESTS && r->nconds <= LIST_MAX_CONDS);
        unsigned cats = 0;
        for (int i = 0; i < r->ntests; i++) {
            assert_int_not_equal(r->test[i].crit, LC_NATIONAL_CONVICTED);
            assert_non_null(r->test[i].rule_da);
            for (int j = i + 1; j < r->ntests; j++)
                assert_string_not_equal(r->test[i].id, r->test[j].id);
        }
        for (int i = 0; i < r->nconds; i++)
            for (int k = 0; k < r->cond[i].ntests; k++)
                assert_true(r->cond[i].tests[k] >= 0 && r->cond[i].tests[k] < r->ntests);
        for (int i = 0; i < r->ncats; i++) {
            const list_cat_def *d = &r->cat[i];
            /* Every category needs 1,000 residents: directly or through its parent. */
            assert_true((d->conds & 1u) || d->parent >= 0);
            assert_true(d->parent < 0 || (cats & LIST_CAT_BIT(d->parent))); /* parents first */
            assert_true(d->history_years <= LIST_MAX_HISTORY && d->transition_years <= LIST_MAX_HISTORY);
            cats |= LIST_CAT_BIT(d->cat);
            assert_non_null(r->describe_da[i]);
        }
        assert_int_equal(cats, r->categories);
    }
    /* "Exceeds 270 per 10,000 residents 18+" is convicted_pct > 2.7. */
    const list_test *c = &list_rules_by_code(2010)->test[test_index(list_rules_by_code(2010), "convicted_2_7")];
    assert_int_equal(c->op, LIST_GT);
    assert_true(c->threshold == 2.7 && !c->relative && c->avg_years == 4);
    const list_test *x = &list_rules_by_code(2021)->test[test_index(list_rules_by_code(2021), "convicted_2x")];
    assert_true(x->relative && x->threshold == 2 && x->op == LIST_GE);
}

static void test_codes(void **state)
{
    char s[128];
    list_cats_join(BIT(UDSAT) | BIT(PARALLELSAMFUND), s, sizeof s);
    assert_string_equal(s, "udsat|parallelsamfund");
    list_cats_join(0, s, sizeof s);
    assert_string_equal(s, "");
    unsigned m;
    hh_error e;
    assert_true(list_cats_parse("udsat|ghetto", &m, &e));
    assert_int_equal(m, BIT(UDSAT) | BIT(GHETTO));
    assert_true(list_cats_parse(" Omdannelse, parallelsamfund udsat ", &m, &e));
    assert_int_equal(m, BIT(OMDANNELSE) | BIT(PARALLELSAMFUND) | BIT(UDSAT));
    assert_true(list_cats_parse("", &m, &e));
    assert_int_equal(m, 0);
    assert_false(list_cats_parse("udsat|ghetto2", &m, &e));
    assert_string_equal(e.msg, "ukendt kategori 'ghetto2'; forventede ghetto, udsat, haardt_ghetto, parallelsamfund, "
                               "omdannelse eller forebyggelse, adskilt af |");
    assert_int_equal(list_most_severe(0), -1);
    assert_int_equal(list_most_severe(BIT(UDSAT) | BIT(FOREBYGGELSE)), CAT_UDSAT);
    assert_int_equal(list_most_severe(BIT(UDSAT) | BIT(PARALLELSAMFUND) | BIT(OMDANNELSE)), CAT_OMDANNELSE);
    assert_int_equal(list_most_severe(BIT(UDSAT) | BIT(GHETTO) | BIT(HAARDT_GHETTO)), CAT_HAARDT_GHETTO);
}

/* ---- edge cases, line by line ---- */

/* L exactly 40.0 % does not meet "> 40 %". */
static void test_outside_labour_exactly_40(void **state)
{
    const list_rule_set *r18 = list_rules_by_code(2018);
    int t = test_index(r18, "outside_labour_40");
    list_result r;
    /* L and E decide: with I and C not met, udsat needs both. */
    list_input in = area("A", 2019, 1500, 20, 40.0, 0.5, 1, 65, 80);
    assert_int_equal(classify(&in, NULL, &r), 0);
    assert_true(r.computable);
    assert_int_equal(r.check[t].met, 0);
    assert_true(r.check[t].margin == 0);
    in.v[LC_OUTSIDE_LABOUR] = 40.1;
    assert_int_equal(classify(&in, NULL, &r), BIT(UDSAT));
    assert_int_equal(r.check[t].met, 1);
    /* 2010: 40 is not > 40 either. */
    list_input old = area("A", 2011, 1500, 60, 40.0, 1, NAN, NAN, NAN);
    assert_int_equal(classify(&old, NULL, &r), 0);
    assert_true(r.computable);
}

/* C exactly 3.00 × the national average meets "≥ 3 ×", in decimal
 * arithmetic: 3 × 2.1 = 6.3 and 3 × 0.7 = 2.1 although the doubles differ. */
static void test_convicted_exactly_3x(void **state)
{
    const list_rule_set *r18 = list_rules_by_code(2018);
    int t = test_index(r18, "convicted_3x");
    list_result r;
    list_input in = area("A", 2019, 1500, 20, 45, 6.3, 2.1, 20, 80);
    assert_true(3 * 2.1 != 6.3); /* the reason for the care */
    assert_int_equal(classify(&in, NULL, &r), BIT(UDSAT));
    assert_int_equal(r.check[t].met, 1);
    assert_true(r.check[t].threshold > 6.29 && r.check[t].threshold < 6.31);
    assert_true(r.check[t].margin == 0);
    in.v[LC_CONVICTED] = 2.1;
    in.v[LC_NATIONAL_CONVICTED] = 0.7;
    assert_int_equal(classify(&in, NULL, &r), BIT(UDSAT));
    assert_int_equal(r.check[t].met, 1);
    in.v[LC_CONVICTED] = 2.09;
    assert_int_equal(classify(&in, NULL, &r), 0);
    assert_int_equal(r.check[t].met, 0);
    /* Forebyggelse: 2 × national; 1.4 = 2 × 0.7. */
    const list_rule_set *r21 = list_rules_by_code(2021);
    list_input p = area("P", 2022, 1500, 35, 35, 1.4, 0.7, 20, 80);
    assert_int_equal(classify(&p, NULL, &r), BIT(FOREBYGGELSE));
    assert_int_equal(r.check[test_index(r21, "convicted_2x")].met, 1);
}

/* 999 residents: not an area for any list that year, whatever its values. */
static void test_999_residents(void **state)
{
    list_result r;
    for (size_t s = 0; s < list_nrule_sets; s++) {
        list_input in = worst("A", list_rule_sets[s].first_year + 1);
        in.v[LC_RESIDENTS] = 999;
        assert_int_equal(classify(&in, NULL, &r), 0);
        assert_true(r.computable);
        assert_string_equal(r.why_not, "999 beboere: ikke et boligområde i listens forstand dette år");
        /* The other values are still shown. */
        assert_int_equal(r.check[test_index(r.rules, "non_western_50")].met, 1);
        in.v[LC_RESIDENTS] = 1000;
        assert_int_not_equal(classify(&in, NULL, &r), 0);
        assert_null(strstr(r.why_not, "beboere")); /* without history only hard ghetto/omdannelse are open */
    }
    /* Missing values do not matter below 1,000 residents. */
    list_input gaps = area("A", 2019, 12, NAN, NAN, NAN, NAN, NAN, NAN);
    assert_int_equal(classify(&gaps, NULL, &r), 0);
    assert_true(r.computable);
    assert_string_equal(r.why_not, "12 beboere: ikke et boligområde i listens forstand dette år");
}

/* Exactly 1,000 residents is an area; every category is possible. */
static void test_1000_residents(void **state)
{
    list_result r;
    list_input in = area("A", 2022, 1000, 60, 45, 4, 1, 65, 50);
    hist_entry h[] = { { "A", 2018, BIT(GHETTO) | BIT(UDSAT) },
                       { "A", 2019, BIT(HAARDT_GHETTO) },
                       { "A", 2020, BIT(GHETTO) },
                       { "A", 2021, BIT(PARALLELSAMFUND) | BIT(UDSAT) } };
    hist_table t = { h, 4, 0 };
    list_classify(&in, NULL, table_history, &t, &r);
    assert_true(r.computable);
    assert_int_equal(r.categories, BIT(UDSAT) | BIT(PARALLELSAMFUND) | BIT(OMDANNELSE) | BIT(FOREBYGGELSE));
}

/* A missing data year for a 2-year average: not computable, never computed
 * from one year. */
static void test_missing_value(void **state)
{
    list_result r;
    list_input in = worst("A", 2019);
    in.v[LC_OUTSIDE_LABOUR] = NAN;
    assert_int_equal(classify(&in, NULL, &r), 0);
    assert_false(r.computable);
    assert_false(r.history_missing);
    assert_string_equal(r.why_not, "Andel uden for arbejdsmarkedet mangler for 2019 — et år mangler i gennemsnittet; "
                                   "klassifikationen kan ikke beregnes");
    assert_int_equal(r.check[test_index(r.rules, "outside_labour_40")].met, -1);
    assert_true(isnan(r.check[test_index(r.rules, "outside_labour_40")].margin));
    /* Even though 3 other criteria would make it udsat. */
    assert_int_equal(r.check[test_index(r.rules, "basic_education_60")].met, 1);

    in = worst("A", 2019);
    in.v[LC_NATIONAL_CONVICTED] = NAN;
    assert_int_equal(classify(&in, NULL, &r), 0);
    assert_string_equal(r.why_not, "Andel dømte på landsplan mangler for 2019 — et år mangler i gennemsnittet; "
                                   "klassifikationen kan ikke beregnes");
    in = worst("A", 2019);
    in.v[LC_NON_WESTERN] = NAN;
    assert_int_equal(classify(&in, NULL, &r), 0);
    assert_string_equal(r.why_not,
                        "Andel med ikke-vestlig baggrund mangler for 2019; klassifikationen kan ikke beregnes");
    in = worst("A", 2019);
    in.v[LC_RESIDENTS] = NAN;
    assert_int_equal(classify(&in, NULL, &r), 0);
    assert_false(r.computable);
    assert_string_equal(r.why_not, "Antal beboere mangler for 2019; klassifikationen kan ikke beregnes");
    in = worst("A", 2011);
    in.v[LC_CONVICTED] = NAN;
    assert_int_equal(classify(&in, NULL, &r), 0);
    assert_string_equal(r.why_not, "Andel dømte mangler for 2011 — et år mangler i gennemsnittet; klassifikationen "
                                   "kan ikke beregnes");
    /* The 2010 rules need neither education, income nor the national share. */
    list_input old = area("A", 2011, 1500, 60, 45, 1, NAN, NAN, NAN);
    assert_int_equal(classify(&old, NULL, &r), BIT(GHETTO));
    assert_true(r.computable);
    /* Before 2010 there is no rule set. */
    list_input early = worst("A", 2008);
    assert_int_equal(classify(&early, NULL, &r), 0);
    assert_null(r.rules);
    assert_false(r.computable);
    assert_string_equal(r.why_not, "Der findes ingen lister før 2010; listeåret 2008 kan ikke klassificeres");
}

/* Income uses the value given, already relative to the area's own region:
 * I < 55 is strict. */
static void test_regional_income(void **state)
{
    list_result r;
    const list_rule_set *r18 = list_rules_by_code(2018);
    int t = test_index(r18, "income_55");
    /* Only I and E can make it udsat. */
    list_input in = area("A", 2019, 1500, 10, 10, 0.5, 1, 65, 54.9);
    assert_int_equal(classify(&in, NULL, &r), BIT(UDSAT));
    assert_int_equal(r.check[t].met, 1);
    assert_true(fabs(r.check[t].margin + 0.1) < 1e-9);
    in.v[LC_INCOME] = 55;
    assert_int_equal(classify(&in, NULL, &r), 0);
    assert_int_equal(r.check[t].met, 0);
    /* 2021 forebyggelse: I < 65. */
    list_input p = area("P", 2021, 1500, 35, 10, 0.5, 1, 65, 64.99);
    assert_int_equal(classify(&p, NULL, &r), BIT(FOREBYGGELSE)); /* E alone: not udsat */
}

/* ---- each rule set on hand-built areas ---- */

static void test_rules_2010(void **state)
{
    list_result r;
    /* At least 2 of 3: non-Western > 50, L > 40, convicted > 2.7 (270 per 10,000). */
    list_input two = area("A", 2010, 1500, 51, 41, 1, NAN, NAN, NAN);
    assert_int_equal(classify(&two, NULL, &r), BIT(GHETTO));
    assert_int_equal(r.rules->code, 2010);
    list_input crime = area("A", 2012, 1500, 51, 30, 2.71, NAN, NAN, NAN);
    assert_int_equal(classify(&crime, NULL, &r), BIT(GHETTO));
    list_input at_270 = area("A", 2012, 1500, 51, 30, 2.7, NAN, NAN, NAN);
    assert_int_equal(classify(&at_270, NULL, &r), 0);
    list_input one = area("A", 2011, 1500, 90, 30, 1, NAN, NAN, NAN);
    assert_int_equal(classify(&one, NULL, &r), 0);
    assert_true(r.computable);
    /* Education and income do not count in 2010. */
    list_input edu = area("A", 2011, 1500, 90, 30, 1, NAN, 90, 10);
    assert_int_equal(classify(&edu, NULL, &r), 0);
}

static void test_rules_2013(void **state)
{
    list_result r;
    /* At least 3 of 5: non-Western > 50, L > 40, C > 2.7, E > 50, I < 55. */
    list_input two = area("A", 2015, 1500, 60, 45, 1, NAN, 40, 80);
    assert_int_equal(classify(&two, NULL, &r), 0);
    assert_int_equal(r.rules->code, 2013);
    assert_true(r.computable);
    list_input three = area("A", 2015, 1500, 60, 45, 1, NAN, 51, 80);
    assert_int_equal(classify(&three, NULL, &r), BIT(GHETTO));
    /* Without a majority of non-Western residents, too. */
    list_input no_nw = area("A", 2017, 1500, 10, 45, 2.8, NAN, 40, 54);
    assert_int_equal(classify(&no_nw, NULL, &r), BIT(GHETTO));
    /* E exactly 50 and I exactly 55 are not met. */
    list_input edges = area("A", 2013, 1500, 60, 45, 1, NAN, 50, 55);
    assert_int_equal(classify(&edges, NULL, &r), 0);
}

static void test_rules_2018(void **state)
{
    list_result r;
    /* udsat: 2 of 4 (L > 40, C ≥ 3 × national, E > 60, I < 55). */
    list_input udsat = area("A", 2018, 1500, 50, 41, 1, 1, 61, 80);
    assert_int_equal(classify(&udsat, NULL, &r), BIT(UDSAT)); /* non-Western exactly 50: not a ghetto */
    assert_true(r.computable);
    assert_false(r.history_used);
    list_input ghetto = area("A", 2018, 1500, 50.01, 41, 1, 1, 61, 80);
    hist_entry none[] = { { "A", 2014, 0 } };
    hist_table t = { none, 1, 0 };
    list_classify(&ghetto, NULL, table_history, &t, &r);
    assert_int_equal(r.categories, BIT(UDSAT) | BIT(GHETTO));
    assert_true(r.computable); /* 2014 known and not a ghetto decides hard ghetto: no */
    assert_true(r.history_used);
    /* A majority of non-Western residents alone is no ghetto. */
    list_input nw_only = area("A", 2018, 1500, 90, 41, 1, 1, 20, 80);
    assert_int_equal(classify(&nw_only, NULL, &r), 0);
    /* The 2013 criteria differ: E > 50 does not count as E > 60. */
    list_input e55 = area("A", 2018, 1500, 90, 41, 1, 1, 55, 80);
    assert_int_equal(classify(&e55, NULL, &r), 0);
}

static void test_rules_2021(void **state)
{
    list_result r;
    const list_rule_set *r21 = list_rules_by_code(2021);
    /* udsat without parallelsamfund and without forebyggelse (non-Western 20). */
    list_input u = area("A", 2021, 1500, 20, 45, 1, 1, 65, 80);
    assert_int_equal(classify(&u, NULL, &r), BIT(UDSAT));
    assert_int_equal(r.rules, r21);
    /* parallelsamfund: udsat and non-Western > 50; also forebyggelse (> 30 and L > 30, E > 60). */
    list_input p = area("A", 2021, 1500, 55, 45, 1, 1, 65, 80);
    hist_entry none[] = { { "A", 2017, 0 } };
    hist_table t = { none, 1, 0 };
    list_classify(&p, NULL, table_history, &t, &r);
    assert_int_equal(r.categories, BIT(UDSAT) | BIT(PARALLELSAMFUND) | BIT(FOREBYGGELSE));
    assert_true(r.computable);
    /* Both udsat and forebyggelse, not parallelsamfund: the law does not exclude it. */
    list_input both = area("A", 2023, 1500, 35, 45, 1, 1, 65, 80);
    assert_int_equal(classify(&both, NULL, &r), BIT(UDSAT) | BIT(FOREBYGGELSE));
    assert_int_equal(list_most_severe(r.categories), CAT_UDSAT);
    /* forebyggelse alone: non-Western > 30, L > 30, I < 65; not udsat (1 of 4). */
    list_input f = area("A", 2024, 1500, 31, 31, 1, 1, 20, 64);
    assert_int_equal(classify(&f, NULL, &r), BIT(FOREBYGGELSE));
    /* non-Western exactly 30: no forebyggelse. */
    f.v[LC_NON_WESTERN] = 30;
    assert_int_equal(classify(&f, NULL, &r), 0);
    /* non-Western > 30 but only 1 of 4. */
    list_input f1 = area("A", 2024, 1500, 40, 31, 1, 1, 20, 70);
    assert_int_equal(classify(&f1, NULL, &r), 0);
}

/* ---- history ---- */

/* Hard ghetto in 2019 needs ghetto 2015-2019 (5 years, transition). */
static void test_hard_ghetto_2019(void **state)
{
    list_result r;
    list_input in = worst("A", 2019);
    hist_entry four[] = { { "A", 2016, BIT(GHETTO) }, { "A", 2017, BIT(GHETTO) }, { "A", 2018, BIT(GHETTO) } };
    hist_table t = { four, 3, 0 };
    list_classify(&in, NULL, table_history, &t, &r);
    /* 2015 unknown: the decidable categories stay, hard ghetto cannot be decided. */
    assert_int_equal(r.categories, BIT(UDSAT) | BIT(GHETTO));
    assert_false(r.computable);
    assert_true(r.history_missing);
    assert_int_equal(r.history_cat, CAT_HAARDT_GHETTO);
    assert_string_equal(r.why_not, "Status for listeåret 2015 kendes ikke (hverken offentliggjort eller beregnet); om "
                                   "området er hårdt ghettoområde, kan ikke afgøres");
    assert_int_equal(r.nhistory, 5);
    assert_int_equal(r.history_years[0], 2015);
    assert_int_equal(r.history_years[4], 2019);
    assert_false(r.history_known[0]);
    assert_true(r.history_known[1]);

    hist_entry no2015[] = {
        { "A", 2015, BIT(UDSAT) }, { "A", 2016, BIT(GHETTO) }, { "A", 2017, BIT(GHETTO) }, { "A", 2018, BIT(GHETTO) }
    };
    t = (hist_table){ no2015, 4, 0 };
    list_classify(&in, NULL, table_history, &t, &r);
    assert_int_equal(r.categories, BIT(UDSAT) | BIT(GHETTO));
    assert_true(r.computable); /* a known "no" decides */

    hist_entry five[] = { { "A", 2015, BIT(GHETTO) },
                          { "A", 2016, BIT(GHETTO) },
                          { "A", 2017, BIT(GHETTO) },
                          { "A", 2018, BIT(GHETTO) | BIT(UDSAT) } };
    t = (hist_table){ five, 4, 0 };
    list_classify(&in, NULL, table_history, &t, &r);
    assert_int_equal(r.categories, BIT(UDSAT) | BIT(GHETTO) | BIT(HAARDT_GHETTO));
    assert_true(r.computable);

    /* Several unknown years are all named. */
    t = (hist_table){ five + 2, 2, 0 };
    list_classify(&in, NULL, table_history, &t, &r);
    assert_string_equal(r.why_not, "Status for listeårene 2015, 2016 kendes ikke (hverken offentliggjort eller "
                                   "beregnet); om området er hårdt ghettoområde, kan ikke afgøres");

    /* Not a ghetto this year: history is not asked. */
    list_input calm19 = calm("A", 2019);
    t = (hist_table){ five, 4, 0 };
    list_classify(&calm19, NULL, table_history, &t, &r);
    assert_int_equal(t.calls, 0);
    assert_false(r.history_used);
    assert_true(r.computable);
}

/* The 2018 rules forced on 2022 (no transition): 4 years, 2019-2022. */
static void test_hard_ghetto_after_transition(void **state)
{
    list_result r;
    list_input in = worst("A", 2022);
    hist_entry h[] = { { "A", 2019, BIT(GHETTO) }, { "A", 2020, BIT(GHETTO) }, { "A", 2021, BIT(PARALLELSAMFUND) } };
    hist_table t = { h, 3, 0 };
    list_classify(&in, list_rules_by_code(2018), table_history, &t, &r);
    assert_int_equal(r.nhistory, 4);
    assert_int_equal(r.categories, BIT(UDSAT) | BIT(GHETTO) | BIT(HAARDT_GHETTO));
    assert_true(r.computable);
}

/* Hard ghetto in 2020 needs 2016-2020; 2016 is a ghetto under the 2013 rules
 * and counts. Computed history through list_classify_all. */
static void test_hard_ghetto_2020_across_rule_sets(void **state)
{
    /* 2016-2017 under 2013 rules: 3 of 5 (non-Western, L, C > 2.7; E 55 is
     * not > 60 but > 50). 2018-2020 under 2018 rules: L, E > 60 … */
    list_input rows[5];
    for (int i = 0; i < 5; i++)
        rows[i] = area("A", 2020 - i, 1800, 60, 45, 3, 1, i >= 3 ? 55 : 65, 80);
    list_result res[5];
    list_classify_all(rows, 5, NULL, 0, NULL, res);
    assert_int_equal(res[4].rules->code, 2013);
    assert_int_equal(res[4].categories, BIT(GHETTO));
    assert_int_equal(res[3].categories, BIT(GHETTO));
    /* 2018: the first hard-ghetto list needs 2014-2018; 2014 and 2015 are unknown. */
    assert_int_equal(res[2].categories, BIT(UDSAT) | BIT(GHETTO));
    assert_false(res[2].computable);
    assert_true(res[2].history_missing);
    /* 2020 needs 2016-2020: all known, all ghettos. */
    assert_int_equal(res[0].rules->code, 2018);
    assert_true(res[0].computable);
    assert_int_equal(res[0].categories, BIT(UDSAT) | BIT(GHETTO) | BIT(HAARDT_GHETTO));
    assert_int_equal(res[0].history_years[0], 2016);
    assert_int_equal(res[0].history_status[0], BIT(GHETTO));

    /* 2016 not a ghetto under 2013 rules (only 2 of 5): no hard ghetto in 2020. */
    rows[4].v[LC_CONVICTED] = 2.7;
    rows[4].v[LC_EDUCATION] = 40;
    list_classify_all(rows, 5, NULL, 0, NULL, res);
    assert_int_equal(res[4].categories, 0);
    assert_true(res[0].computable);
    assert_int_equal(res[0].categories, BIT(UDSAT) | BIT(GHETTO));
}

/* 2021 and later: the transformation list needs 5 years of parallelsamfund
 * or ghetto status, each under its own year's rules. */
static void test_omdannelse_2021(void **state)
{
    list_input rows[6];
    /* 2017 (2013 rules), 2018-2020 (2018 rules), 2021 (2021 rules), and
     * 2016 which is not needed. */
    for (int i = 0; i < 6; i++)
        rows[i] = worst("A", 2016 + i);
    list_result res[6];
    list_classify_all(rows, 6, NULL, 0, NULL, res);
    assert_int_equal(res[5].rules->code, 2021);
    assert_true(res[5].computable);
    assert_int_equal(res[5].categories, BIT(UDSAT) | BIT(PARALLELSAMFUND) | BIT(OMDANNELSE) | BIT(FOREBYGGELSE));
    assert_int_equal(res[5].nhistory, 5);
    assert_int_equal(res[5].history_years[0], 2017);

    /* 2017 not a ghetto: no transformation area in 2021. */
    rows[1] = calm("A", 2017);
    list_classify_all(rows, 6, NULL, 0, NULL, res);
    assert_true(res[5].computable);
    assert_int_equal(res[5].categories, BIT(UDSAT) | BIT(PARALLELSAMFUND) | BIT(FOREBYGGELSE));

    /* 2017 missing: not computable, decidable categories kept, 2017 named. */
    list_classify_all(rows + 2, 4, NULL, 0, NULL, res);
    assert_false(res[3].computable);
    assert_int_equal(res[3].categories, BIT(UDSAT) | BIT(PARALLELSAMFUND) | BIT(FOREBYGGELSE));
    assert_string_equal(res[3].why_not, "Status for listeåret 2017 kendes ikke (hverken offentliggjort eller "
                                        "beregnet); om området er omdannelsesområde, kan ikke afgøres");
    /* Such a year still serves later years: its parallelsamfund status is decided. */
    list_input more[5];
    for (int i = 0; i < 5; i++)
        more[i] = worst("A", 2021 + i);
    list_result mres[5];
    list_classify_all(more, 5, NULL, 0, NULL, mres);
    assert_false(mres[0].computable);
    assert_true(mres[4].computable);
    assert_true(mres[4].categories & BIT(OMDANNELSE));
}

/* Published statuses override computed ones and fill years not in the input. */
static void test_published_history(void **state)
{
    list_input rows[3] = { worst("A", 2018), worst("A", 2019), worst("A", 2020) };
    list_status_row pub[3] = { { "A", 2016, BIT(GHETTO), 0 }, { "A", 2017, BIT(GHETTO), 0 }, { "A", 2015, 0, 0 } };
    list_result res[3];
    list_classify_all(rows, 3, pub, 2, NULL, res);
    /* 2020 needs 2016-2020: 2016-2017 published, 2018-2019 computed. */
    assert_true(res[2].computable);
    assert_true(res[2].categories & BIT(HAARDT_GHETTO));
    /* 2019 needs 2015, which is neither in the input nor published. */
    assert_false(res[1].computable);
    /* Published 2015: not on a list. */
    list_classify_all(rows, 3, pub, 3, NULL, res);
    assert_true(res[1].computable);
    assert_false(res[1].categories & BIT(HAARDT_GHETTO));

    /* Published wins over computed: 2018 was published as udsat only. */
    list_status_row over[3] = { pub[0], pub[1], { "A", 2018, BIT(UDSAT), 0 } };
    list_classify_all(rows, 3, over, 3, NULL, res);
    assert_true(res[0].categories & BIT(GHETTO)); /* the row itself is still computed */
    assert_true(res[2].computable);
    assert_false(res[2].categories & BIT(HAARDT_GHETTO));
    assert_int_equal(res[2].history_status[2], BIT(UDSAT));

    /* Another area's status never counts. */
    list_status_row other[2] = { { "B", 2016, BIT(GHETTO), 0 }, { "B", 2017, BIT(GHETTO), 0 } };
    list_classify_all(rows, 3, other, 2, NULL, res);
    assert_false(res[2].computable);
}

/* list_classify_all keeps the input order in the results whatever the order
 * of the years. */
static void test_classify_all_order(void **state)
{
    list_input rows[4] = { worst("B", 2021), worst("A", 2019), calm("C", 2021), worst("A", 2018) };
    list_result res[4];
    list_classify_all(rows, 4, NULL, 0, list_rules_by_code(2018), res);
    for (int i = 0; i < 4; i++)
        assert_int_equal(res[i].rules->code, 2018);
    assert_int_equal(res[0].year, 2021);
    assert_int_equal(res[2].categories, 0);
    assert_int_equal(res[3].categories & BIT(GHETTO), BIT(GHETTO));
    /* Nothing to classify. */
    list_classify_all(NULL, 0, NULL, 0, NULL, res);
}

/* ---- forecast ---- */

static void test_persons_to_flip(void **state)
{
    list_result r;
    bool est = true;
    const list_rule_set *r18 = list_rules_by_code(2018);
    int tl = test_index(r18, "outside_labour_40"), tc = test_index(r18, "convicted_3x"),
        te = test_index(r18, "basic_education_60"), ti = test_index(r18, "income_55"),
        tn = test_index(r18, "non_western_50"), tr = test_index(r18, "residents_1000");
    /* L = 42 % of 500: 210 persons; "> 40 %" holds above 200: 10 fewer flips it. */
    list_input in = area("A", 2019, 1200, 55, 42, 3.2, 1, 50, 50);
    in.persons_18_64 = 500;
    in.persons_18_plus = 1000;
    in.persons_30_59 = 400;
    list_classify(&in, NULL, NULL, NULL, &r);
    assert_true(list_persons_to_flip(&in, &r, tl, &est) == -10);
    assert_false(est);
    /* Exactly 40 %: one more flips it. */
    in.v[LC_OUTSIDE_LABOUR] = 40;
    list_classify(&in, NULL, NULL, NULL, &r);
    assert_true(list_persons_to_flip(&in, &r, tl, &est) == 1);
    /* 39.9 % of 500 = 199.5: one more (200.5) exceeds 200. */
    in.v[LC_OUTSIDE_LABOUR] = 39.9;
    list_classify(&in, NULL, NULL, NULL, &r);
    assert_true(list_persons_to_flip(&in, &r, tl, &est) == 1);
    /* Convicted 3.2 % of 1000 = 32 against 3 × 1 % = 30: "≥" holds down to
     * 30, so 3 fewer flip it. */
    assert_true(list_persons_to_flip(&in, &r, tc, &est) == -3);
    /* Education 50 % of 400 = 200 against > 60 % = 240: 41 more. */
    assert_true(list_persons_to_flip(&in, &r, te, &est) == 41);
    /* Income: percentage points of the regional mean; 50 → 55. */
    assert_true(list_persons_to_flip(&in, &r, ti, &est) == 5);
    assert_false(est);
    /* Non-Western of all residents (exact): 660 of 1200 against 600: 60 fewer. */
    assert_true(list_persons_to_flip(&in, &r, tn, &est) == -60);
    assert_false(est);
    /* Residents: 1200 → 999 leaves; 999 → 1000 enters. */
    assert_true(list_persons_to_flip(&in, &r, tr, &est) == -201);
    in.v[LC_RESIDENTS] = 999;
    list_classify(&in, NULL, NULL, NULL, &r);
    assert_true(list_persons_to_flip(&in, &r, tr, &est) == 1);
    in.v[LC_RESIDENTS] = 1000;
    list_classify(&in, NULL, NULL, NULL, &r);
    assert_true(list_persons_to_flip(&in, &r, tr, &est) == -1);

    /* Without denominators: estimated from 1000 residents (18-64 ≈ 0.62: 620). */
    list_input e = area("A", 2019, 1000, 55, 42, 3, 1, 50, 55);
    list_classify(&e, NULL, NULL, NULL, &r);
    /* 42 % of 620 = 260.4; > 248 holds: 13 fewer (247.4). */
    assert_true(list_persons_to_flip(&e, &r, tl, &est) == -13);
    assert_true(est);
    /* 3 % of 780 = 23.4 = the threshold: "≥" holds, one fewer flips it. */
    assert_true(list_persons_to_flip(&e, &r, tc, &est) == -1);
    assert_true(est);
    /* Income exactly at 55: not met; any fall enters (0 points to the threshold). */
    assert_true(list_persons_to_flip(&e, &r, ti, &est) == 0);
    /* Missing: NAN. */
    e.v[LC_EDUCATION] = NAN;
    list_classify(&e, NULL, NULL, NULL, &r);
    assert_true(isnan(list_persons_to_flip(&e, &r, te, &est)));
    assert_false(est);
    assert_true(isnan(list_persons_to_flip(&e, &r, 99, NULL)));
    /* A denominator of 0 gives no forecast. */
    in.persons_18_64 = 0;
    list_classify(&in, NULL, NULL, NULL, &r);
    assert_true(isnan(list_persons_to_flip(&in, &r, tl, &est)));
}

/* ---- explanation ---- */

static bool has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len == n && memcmp(p, line, n) == 0)
            return true;
        p = nl ? nl + 1 : NULL;
    }
    print_error("line not found: %s\nin:\n%s\n", line, text);
    return false;
}

static void test_explain(void **state)
{
    list_result r;
    buf b;
    buf_init(&b, 0);
    list_input in = area("A", 2019, 1500, 40, 42, 0.9, 1, 61, 70);
    list_classify(&in, NULL, NULL, NULL, &r);
    list_explain_da(&in, &r, &b);
    const char *t = buf_cstr(&b);
    assert_true(has_line(t, "Regelsæt: Reglerne fra 2018 (ghettoloven), som gælder for listeåret 2019 (listeårene "
                            "2018-2020)."));
    assert_true(has_line(t, "Beboere pr. 1. januar 2019: 1.500 (krav: mindst 1.000) — opfyldt."));
    assert_true(has_line(t, "Udsat boligområde: opfyldt — 2 af 4 kriterier opfyldt (krav: mindst 2): uden for "
                            "arbejdsmarkedet 42,0 % > 40 % (opfyldt); dømte 0,9 % < 3 % (3 × landsgennemsnittet "
                            "1,0 %) (ikke opfyldt); kun grundskole 61,0 % > 60 % (opfyldt); indkomst i forhold til "
                            "regionen 70,0 % ≥ 55 % (ikke opfyldt)."));
    assert_true(has_line(t, "Ghettoområde: ikke opfyldt — udsat boligområde (opfyldt) og ikke-vestlig baggrund 40,0 % "
                            "≤ 50 % (ikke opfyldt)."));
    assert_true(has_line(t, "Mest alvorlige kategori: Udsat boligområde."));
    /* Every line ends a sentence. */
    for (const char *p = strchr(t, '\n'); p; p = strchr(p + 1, '\n'))
        assert_int_equal(p[-1], '.');

    /* History and a forced rule set. */
    buf_reset(&b);
    list_input w = worst("A", 2019);
    hist_entry h[] = { { "A", 2016, BIT(GHETTO) }, { "A", 2017, BIT(GHETTO) }, { "A", 2018, BIT(GHETTO) } };
    hist_table ht = { h, 3, 0 };
    list_classify(&w, NULL, table_history, &ht, &r);
    list_explain_da(&w, &r, &b);
    t = buf_cstr(&b);
    assert_true(has_line(t, "Historik for hårdt ghettoområde: ghettoområde i hvert af de seneste 5 år (2015-2019, "
                            "overgangsregel for listeårene 2018-2020), hvert år efter det års regler: 2015 ukendt; "
                            "2016 ghettoområde; 2017 ghettoområde; 2018 ghettoområde; 2019 ghettoområde, udsat "
                            "boligområde."));
    assert_true(has_line(t, "Hårdt ghettoområde: kan ikke afgøres — ghettoområde (opfyldt) og ghettoområde i hvert af "
                            "de seneste 5 år (2015-2019)."));
    assert_true(has_line(t, "Status for listeåret 2015 kendes ikke (hverken offentliggjort eller beregnet); om "
                            "området er hårdt ghettoområde, kan ikke afgøres."));
    assert_true(has_line(t, "Mest alvorlige kategori: Ghettoområde."));

    buf_reset(&b);
    list_input f = area("A", 2022, 999, 60, 45, 4, 1, 65, 50);
    list_classify(&f, list_rules_by_code(2018), NULL, NULL, &r);
    list_explain_da(&f, &r, &b);
    t = buf_cstr(&b);
    assert_true(has_line(t, "Regelsæt: Reglerne fra 2018 (ghettoloven), valgt i stedet for det regelsæt, der gælder "
                            "for listeåret 2022: Reglerne fra 2021 (parallelsamfund og forebyggelse)."));
    assert_true(has_line(t, "999 beboere: ikke et boligområde i listens forstand dette år."));

    /* Not computable: the missing criterion is named. */
    buf_reset(&b);
    list_input m = worst("A", 2021);
    m.v[LC_NATIONAL_CONVICTED] = NAN;
    list_classify(&m, NULL, NULL, NULL, &r);
    list_explain_da(&m, &r, &b);
    t = buf_cstr(&b);
    assert_non_null(strstr(t, "dømte 4,0 %, men dømte på landsplan mangler (krav: mindst 3 gange "
                              "landsgennemsnittet)"));
    assert_true(has_line(t, "Udsat boligområde: kan ikke afgøres — 3 af 4 kriterier opfyldt (krav: mindst 2): uden for "
                            "arbejdsmarkedet 45,0 % > 40 % (opfyldt); dømte 4,0 %, men dømte på landsplan mangler "
                            "(krav: mindst 3 gange landsgennemsnittet); kun grundskole 65,0 % > 60 % (opfyldt); "
                            "indkomst i forhold til regionen 50,0 % < 55 % (opfyldt)."));
    assert_true(has_line(t, "Andel dømte på landsplan mangler for 2021 — et år mangler i gennemsnittet; "
                            "klassifikationen kan ikke beregnes."));
    assert_null(strstr(t, "Mest alvorlige"));
    buf_free(&b);
}

/* ---- the file readers ---- */

#define HEAD                                                                                            \
    "area_code;year;residents;non_western_pct;outside_labour_pct;convicted_pct;national_convicted_pct;" \
    "basic_education_pct;income_pct_of_region"

/* Reads data as "in.csv"; returns the code and leaves the message in e. */
static hh_err read_input(const char *data, list_input **rows, size_t *n, hh_error *e)
{
    table_reader *t;
    *rows = NULL;
    *n = 0;
    hh_error_clear(e);
    hh_err rc = table_open_mem("in.csv", data, strlen(data), &t, e);
    if (rc)
        return rc;
    rc = list_read_input(t, rows, n, e);
    table_close(t);
    return rc;
}

static void expect_input_error(const char *data, const char *msg)
{
    list_input *rows;
    size_t n;
    hh_error e;
    hh_err rc = read_input(data, &rows, &n, &e);
    free(rows);
    assert_int_equal(rc, HH_ERR_INPUT);
    assert_string_equal(e.msg, msg);
}

static void test_read_input(void **state)
{
    list_input *rows;
    size_t n;
    hh_error e;
    /* Semicolons and decimal comma, columns in any order and case, empty = missing. */
    const char *semi = "income_pct_of_region;area_code;year;residents;non_western_pct;outside_labour_pct;"
                       "convicted_pct;national_convicted_pct;basic_education_pct;persons_18_64;Taxpayers\n"
                       "54,9;A-1;2019;1500;40,5;42,25;1,2;0,9;61;500;\n"
                       "72;B;2019;999;;;;;;;800\n";
    assert_int_equal(read_input(semi, &rows, &n, &e), HH_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rows[0].area_code, "A-1");
    assert_int_equal(rows[0].year, 2019);
    assert_true(rows[0].v[LC_INCOME] == 54.9 && rows[0].v[LC_OUTSIDE_LABOUR] == 42.25);
    assert_true(rows[0].v[LC_NATIONAL_CONVICTED] == 0.9 && rows[0].persons_18_64 == 500);
    assert_true(isnan(rows[0].persons_18_plus) && isnan(rows[0].taxpayers));
    assert_true(rows[0].row == 2 && rows[1].row == 3);
    assert_true(isnan(rows[1].v[LC_NON_WESTERN]) && rows[1].taxpayers == 800);
    /* Appends. */
    table_reader *t;
    const char *comma = "area_code,year,residents,non_western_pct,outside_labour_pct,convicted_pct,"
                        "national_convicted_pct,basic_education_pct,income_pct_of_region\nC,2020,1000,50.5,40,3,1,"
                        "60,150\n";
    assert_int_equal(table_open_mem("b.csv", comma, strlen(comma), &t, &e), HH_OK);
    assert_int_equal(list_read_input(t, &rows, &n, &e), HH_OK);
    table_close(t);
    assert_int_equal(n, 3);
    assert_true(rows[2].v[LC_NON_WESTERN] == 50.5 && rows[2].v[LC_INCOME] == 150);
    free(rows);
}

static void test_read_input_errors(void **state)
{
    expect_input_error("", "in.csv: filen er tom; forventede en overskriftsrække og mindst én række data");
    expect_input_error(HEAD "\n", "in.csv: filen har ingen rækker under overskriftsrækken; forventede én række pr. "
                                  "område og år");
    expect_input_error("area_code|year\nA|2019\n", "in.csv, række 1, kolonne A: fandt kun én kolonne "
                                                   "('area_code|year'); forventede kolonner adskilt af semikolon (;), "
                                                   "komma (,) eller tabulator");
    expect_input_error("area_code;year;residents;non_western_pct;outside_labour_pct;national_convicted_pct;"
                       "basic_education_pct;income_pct_of_region\nA;2019;1;1;1;1;1;1\n",
                       "in.csv, række 1: kolonnen 'convicted_pct' mangler i overskriftsrækken");
    expect_input_error(HEAD ";beboere\nA;2019;1;1;1;1;1;1;1;1\n",
                       "in.csv, række 1, kolonne J: ukendt kolonne 'beboere'; forventede area_code, year, residents, "
                       "non_western_pct, outside_labour_pct, convicted_pct, national_convicted_pct, "
                       "basic_education_pct, income_pct_of_region, persons_18_64, persons_18_plus, persons_30_59 "
                       "eller taxpayers");
    expect_input_error(HEAD ";year\nA;2019;1;1;1;1;1;1;1;2019\n",
                       "in.csv, række 1, kolonne J: kolonnen 'year' står to gange (også i kolonne B)");
    expect_input_error(HEAD "\nA;2019;1500;12,5x;1;1;1;1;1\n",
                       "in.csv, række 2, kolonne D (non_western_pct): '12,5x' er ikke et tal; forventede fx 12,5 "
                       "eller 12.5");
    expect_input_error(HEAD "\nA;2019;1500;10;100,1;1;1;1;1\n",
                       "in.csv, række 2, kolonne E (outside_labour_pct): '100,1' er uden for 0-100; forventede en "
                       "procentdel mellem 0 og 100, fx 42,5");
    expect_input_error(HEAD "\nA;2019;1500;10;10;-0,5;1;1;1\n",
                       "in.csv, række 2, kolonne F (convicted_pct): '-0,5' er uden for 0-100; forventede en "
                       "procentdel mellem 0 og 100, fx 42,5");
    expect_input_error(HEAD "\nA;2019;1500;10;10;1;1;1;1000,5\n",
                       "in.csv, række 2, kolonne I (income_pct_of_region): '1000,5' er uden for 0-1000; forventede "
                       "indkomsten i procent af regionens gennemsnit, fx 72,5");
    expect_input_error(HEAD "\nA;2019;-5;10;10;1;1;1;1\n",
                       "in.csv, række 2, kolonne C (residents): '-5' er ikke et antal; forventede et helt tal mellem 0 "
                       "og 1.000.000.000, fx 1250");
    expect_input_error(HEAD "\nA;2019;1500,5;10;10;1;1;1;1\n",
                       "in.csv, række 2, kolonne C (residents): '1500,5' er ikke et antal; forventede et helt tal "
                       "mellem 0 og 1.000.000.000, fx 1250");
    expect_input_error(HEAD ";persons_18_plus\nA;2019;1500;10;10;1;1;1;1;12,5\n",
                       "in.csv, række 2, kolonne J (persons_18_plus): '12,5' er ikke et antal; forventede et helt tal "
                       "mellem 0 og 1.000.000.000, fx 1250");
    expect_input_error(HEAD "\nA;2019,5;1500;10;10;1;1;1;1\n",
                       "in.csv, række 2, kolonne B (year): '2019,5' er ikke et årstal; forventede et år mellem 1990 "
                       "og 2100");
    expect_input_error(HEAD "\nA;1989;1500;10;10;1;1;1;1\n",
                       "in.csv, række 2, kolonne B (year): '1989' er ikke et årstal; forventede et år mellem 1990 og "
                       "2100");
    expect_input_error(HEAD "\nA;;1500;10;10;1;1;1;1\n",
                       "in.csv, række 2, kolonne B (year): årstallet mangler; forventede et år mellem 1990 og 2100");
    expect_input_error(HEAD "\n;2019;1500;10;10;1;1;1;1\n",
                       "in.csv, række 2, kolonne A (area_code): områdekoden mangler; forventede en area_code i hver "
                       "række");
    expect_input_error(HEAD "\nABCDEFGHIJABCDEFGHIJABCDEFGHIJAB;2019;1500;10;10;1;1;1;1\n",
                       "in.csv, række 2, kolonne A (area_code): områdekoden 'ABCDEFGHIJABCDEFGHIJABCDEFGHIJAB' er for "
                       "lang; forventede højst 31 tegn");
    expect_input_error(HEAD "\nA;2019;1500;10;10;1;1;1;1;x\n",
                       "in.csv, række 2, kolonne J: værdien 'x' står i en kolonne uden overskrift; forventede en "
                       "overskrift i række 1 eller en tom celle");
    expect_input_error(HEAD "\nA;2019;1500;10;10;1;1;1;1\nB;2019;1500;10;10;1;1;1;1\n"
                            "A;2018;1500;10;10;1;1;1;1\nA;2019;1;1;1;1;1;1;1\n",
                       "in.csv, række 5: område 'A' og år 2019 står også i række 2; forventede én række pr. område og "
                       "år");
    /* The reader's own messages come through. */
    expect_input_error(HEAD "\nA;\"2019;1500\n", "in.csv, række 2: et citationstegn (\") åbnes, men lukkes aldrig");
}

static hh_err read_history(const char *data, list_status_row **rows, size_t *n, hh_error *e)
{
    table_reader *t;
    *rows = NULL;
    *n = 0;
    hh_err rc = table_open_mem("hist.csv", data, strlen(data), &t, e);
    if (rc)
        return rc;
    rc = list_read_history(t, rows, n, e);
    table_close(t);
    return rc;
}

static void expect_history_error(const char *data, const char *msg)
{
    list_status_row *rows;
    size_t n;
    hh_error e;
    hh_err rc = read_history(data, &rows, &n, &e);
    free(rows);
    assert_int_equal(rc, HH_ERR_INPUT);
    assert_string_equal(e.msg, msg);
}

static void test_read_history(void **state)
{
    list_status_row *rows;
    size_t n;
    hh_error e;
    assert_int_equal(read_history("area_code;year;categories\nA;2016;ghetto\nA;2017;\nB;2021;udsat|parallelsamfund\n",
                                  &rows, &n, &e),
                     HH_OK);
    assert_int_equal(n, 3);
    assert_int_equal(rows[0].categories, BIT(GHETTO));
    assert_int_equal(rows[1].categories, 0);
    assert_int_equal(rows[2].categories, BIT(UDSAT) | BIT(PARALLELSAMFUND));
    assert_int_equal(rows[2].row, 4);
    free(rows);
    /* Only a header: no statuses, no error. */
    assert_int_equal(read_history("area_code,year,categories\n", &rows, &n, &e), HH_OK);
    assert_int_equal(n, 0);
    free(rows);
    expect_history_error("area_code;year;categories\nA;2016;ghetto|hardt_ghetto\n",
                         "hist.csv, række 2, kolonne C (categories): ukendt kategori 'hardt_ghetto'; forventede "
                         "ghetto, udsat, haardt_ghetto, parallelsamfund, omdannelse eller forebyggelse, adskilt af |");
    expect_history_error("area_code;year\nA;2016\n", "hist.csv, række 1: kolonnen 'categories' mangler i "
                                                     "overskriftsrækken");
    expect_history_error("area_code;year;categories;note\nA;2016;ghetto;x\n",
                         "hist.csv, række 1, kolonne D: ukendt kolonne 'note'; forventede area_code, year eller "
                         "categories");
    expect_history_error("area_code;year;categories\nA;2016;ghetto\nA;2016;udsat\n",
                         "hist.csv, række 3: område 'A' og år 2016 står også i række 2; forventede én række pr. område "
                         "og år");
    expect_history_error("area_code;year;categories\nA;16;ghetto\n",
                         "hist.csv, række 2, kolonne B (year): '16' er ikke et årstal; forventede et år mellem 1990 og "
                         "2100");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_sets),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_outside_labour_exactly_40),
        cmocka_unit_test(test_convicted_exactly_3x),
        cmocka_unit_test(test_999_residents),
        cmocka_unit_test(test_1000_residents),
        cmocka_unit_test(test_missing_value),
        cmocka_unit_test(test_regional_income),
        cmocka_unit_test(test_rules_2010),
        cmocka_unit_test(test_rules_2013),
        cmocka_unit_test(test_rules_2018),
        cmocka_unit_test(test_rules_2021),
        cmocka_unit_test(test_hard_ghetto_2019),
        cmocka_unit_test(test_hard_ghetto_after_transition),
        cmocka_unit_test(test_hard_ghetto_2020_across_rule_sets),
        cmocka_unit_test(test_omdannelse_2021),
        cmocka_unit_test(test_published_history),
        cmocka_unit_test(test_classify_all_order),
        cmocka_unit_test(test_persons_to_flip),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_read_input),
        cmocka_unit_test(test_read_input_errors),
        cmocka_unit_test(test_read_history),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
