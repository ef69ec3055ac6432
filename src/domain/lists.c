/* lists.c - the official area lists: rule sets as data, classification,
 * explanation and forecast. The rules are ../shared/docs/AREA-LISTS.md
 * ("Rule sets" and "Edge cases"); the files are read in lists_read.c. */
#include "domain/lists.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/util.h"

const char *const list_crit_column[LC_COUNT] = {
    "residents",           "non_western_pct",      "outside_labour_pct", "convicted_pct", "national_convicted_pct",
    "basic_education_pct", "income_pct_of_region",
};

const char *const list_crit_label_da[LC_COUNT] = {
    "Antal beboere",
    "Andel med ikke-vestlig baggrund",
    "Andel uden for arbejdsmarkedet",
    "Andel dømte",
    "Andel dømte på landsplan",
    "Andel med kun grundskole",
    "Indkomst i procent af regionens gennemsnit",
};

/* The criteria as the explanation names them inside a sentence. */
static const char *const crit_short_da[LC_COUNT] = {
    "beboere",        "ikke-vestlig baggrund",           "uden for arbejdsmarkedet", "dømte", "dømte på landsplan",
    "kun grundskole", "indkomst i forhold til regionen",
};

const char *const list_cat_code[CAT_COUNT] = {
    "ghetto", "udsat", "haardt_ghetto", "parallelsamfund", "omdannelse", "forebyggelse",
};

const char *const list_cat_name_da[CAT_COUNT] = {
    "Ghettoområde",    "Udsat boligområde", "Hårdt ghettoområde",
    "Parallelsamfund", "Omdannelsesområde", "Forebyggelsesområde",
};

/* Transformation and hard ghetto carry the development-plan duty; a
 * prevention area only letting rules. */
const int list_cat_severity[CAT_COUNT] = { 3, 2, 4, 3, 4, 1 };

/* ---- rule sets (AREA-LISTS.md, "Rule sets") ---- */

/* An earlier year counts toward hard ghetto and transformation area when it
 * was a ghetto (2010, 2013, 2018 rules) or a parallel society (2021), or a
 * category that nests one of them. */
#define HISTORY_ANY                                                                                   \
    (LIST_CAT_BIT(CAT_GHETTO) | LIST_CAT_BIT(CAT_HAARDT_GHETTO) | LIST_CAT_BIT(CAT_PARALLELSAMFUND) | \
     LIST_CAT_BIT(CAT_OMDANNELSE))

/* Bit of condition i in list_cat_def.conds. */
#define COND(i) (1u << (i))

#define RULE_RESIDENTS "Mindst 1.000 beboere pr. 1. januar i listeåret"
#define RULE_NON_WESTERN_50 "Over 50 % af beboerne er indvandrere og efterkommere fra ikke-vestlige lande"
#define RULE_CRIMES "straffeloven, våbenloven eller lov om euforiserende stoffer"
#define RULE_INCOME_OF(p)                                                                                    \
    "Skattepligtige 15-64-åriges (uden personer under uddannelse) gennemsnitlige bruttoindkomst er under " p \
    " % af gennemsnittet i regionen"

static const list_test tests_2010[] = {
    { "residents_1000", LC_RESIDENTS, LIST_GE, 1000, false, 1, RULE_RESIDENTS },
    { "non_western_50", LC_NON_WESTERN, LIST_GT, 50, false, 1, RULE_NON_WESTERN_50 },
    { "outside_labour_40", LC_OUTSIDE_LABOUR, LIST_GT, 40, false, 4,
      "Over 40 % af de 18-64-årige er uden for arbejdsmarked eller uddannelse (gennemsnit af 4 år)" },
    /* 270 per 10,000 residents aged 18+ is 2.7 %. */
    { "convicted_2_7", LC_CONVICTED, LIST_GT, 2.7, false, 4,
      "Over 270 pr. 10.000 beboere på 18 år og derover er dømt for overtrædelse af " RULE_CRIMES
      " (gennemsnit af 4 år)" },
};
static const list_cond conds_2010[] = {
    { "area", { 0 }, 1, 1 },
    { "ghetto", { 1, 2, 3 }, 3, 2 },
};
static const list_cat_def cats_2010[] = {
    { CAT_GHETTO, COND(0) | COND(1), -1, 0, 0, 0, 0, 0, NULL },
};
static const char *const describe_2010[] = {
    "Ghettoområde: mindst 1.000 beboere og mindst 2 af 3 kriterier: over 50 % ikke-vestlig baggrund; over 40 % af "
    "de 18-64-årige uden for arbejdsmarked eller uddannelse (gennemsnit af 4 år); over 270 dømte pr. 10.000 "
    "beboere på 18 år og derover (gennemsnit af 4 år).",
};

static const list_test tests_2013[] = {
    { "residents_1000", LC_RESIDENTS, LIST_GE, 1000, false, 1, RULE_RESIDENTS },
    { "non_western_50", LC_NON_WESTERN, LIST_GT, 50, false, 1, RULE_NON_WESTERN_50 },
    { "outside_labour_40", LC_OUTSIDE_LABOUR, LIST_GT, 40, false, 2,
      "Over 40 % af de 18-64-årige er uden for arbejdsmarked eller uddannelse (gennemsnit af 2 år)" },
    { "convicted_2_7", LC_CONVICTED, LIST_GT, 2.7, false, 2,
      "Over 2,7 % af beboerne på 18 år og derover er dømt for overtrædelse af " RULE_CRIMES " (gennemsnit af 2 år)" },
    { "basic_education_50", LC_EDUCATION, LIST_GT, 50, false, 1,
      "Over 50 % af de 30-59-årige har kun en grunduddannelse" },
    { "income_55", LC_INCOME, LIST_LT, 55, false, 1, RULE_INCOME_OF("55") },
};
static const list_cond conds_2013[] = {
    { "area", { 0 }, 1, 1 },
    { "ghetto", { 1, 2, 3, 4, 5 }, 5, 3 },
};
static const list_cat_def cats_2013[] = {
    { CAT_GHETTO, COND(0) | COND(1), -1, 0, 0, 0, 0, 0, NULL },
};
static const char *const describe_2013[] = {
    "Ghettoområde: mindst 1.000 beboere og mindst 3 af 5 kriterier: over 50 % ikke-vestlig baggrund; over 40 % af "
    "de 18-64-årige uden for arbejdsmarked eller uddannelse (gennemsnit af 2 år); over 2,7 % af beboerne på 18 år "
    "og derover dømt (gennemsnit af 2 år); over 50 % af de 30-59-årige med kun grunduddannelse; indkomst under 55 % "
    "af regionens gennemsnit.",
};

#define TEST_OUTSIDE_40                                                                                     \
    {                                                                                                       \
        "outside_labour_40", LC_OUTSIDE_LABOUR, LIST_GT, 40, false, 2,                                      \
            "Over 40 % af de 18-64-årige er uden for arbejdsmarked eller uddannelse (gennemsnit af 2 år)" \
    }
#define TEST_CONVICTED_3X                                                                  \
    {                                                                                      \
        "convicted_3x", LC_CONVICTED, LIST_GE, 3, true, 2,                                 \
            "Andelen af beboere på 18 år og derover dømt for overtrædelse af " RULE_CRIMES \
            " er mindst 3 gange landsgennemsnittet (gennemsnit af 2 år)"                  \
    }
#define TEST_EDUCATION_60                                             \
    {                                                                 \
        "basic_education_60", LC_EDUCATION, LIST_GT, 60, false, 1,    \
            "Over 60 % af de 30-59-årige har kun en grunduddannelse" \
    }

static const list_test tests_2018[] = {
    { "residents_1000", LC_RESIDENTS, LIST_GE, 1000, false, 1, RULE_RESIDENTS },
    TEST_OUTSIDE_40,
    TEST_CONVICTED_3X,
    TEST_EDUCATION_60,
    { "income_55", LC_INCOME, LIST_LT, 55, false, 1, RULE_INCOME_OF("55") },
    { "non_western_50", LC_NON_WESTERN, LIST_GT, 50, false, 1, RULE_NON_WESTERN_50 },
};
static const list_cond conds_2018[] = {
    { "area", { 0 }, 1, 1 },
    { "udsat", { 1, 2, 3, 4 }, 4, 2 },
    { "non_western_50", { 5 }, 1, 1 },
};
static const list_cat_def cats_2018[] = {
    { CAT_UDSAT, COND(0) | COND(1), -1, 0, 0, 0, 0, 0, NULL },
    { CAT_GHETTO, COND(2), CAT_UDSAT, 0, 0, 0, 0, 0, NULL },
    /* 4 years, but 5 for the list years 2018-2020. */
    { CAT_HAARDT_GHETTO, 0, CAT_GHETTO, 4, 2018, 2020, 5, HISTORY_ANY, "ghettoområde" },
};
#define DESCRIBE_UDSAT                                                                                               \
    "Udsat boligområde: mindst 1.000 beboere og mindst 2 af 4 kriterier: over 40 % af de 18-64-årige uden for "    \
    "arbejdsmarked eller uddannelse (gennemsnit af 2 år); andelen af dømte mindst 3 gange landsgennemsnittet "     \
    "(gennemsnit af 2 år); over 60 % af de 30-59-årige med kun grunduddannelse; indkomst under 55 % af regionens " \
    "gennemsnit."
static const char *const describe_2018[] = {
    DESCRIBE_UDSAT,
    ("Ghettoområde: et udsat boligområde, hvor over 50 % af beboerne er indvandrere og efterkommere fra ikke-vestlige "
     "lande."),
    "Hårdt ghettoområde: ghettoområde i hvert af de seneste 4 år (for listeårene 2018-2020 de seneste 5 år).",
};

static const list_test tests_2021[] = {
    { "residents_1000", LC_RESIDENTS, LIST_GE, 1000, false, 1, RULE_RESIDENTS },
    TEST_OUTSIDE_40,
    TEST_CONVICTED_3X,
    TEST_EDUCATION_60,
    { "income_55", LC_INCOME, LIST_LT, 55, false, 1, RULE_INCOME_OF("55") },
    { "non_western_50", LC_NON_WESTERN, LIST_GT, 50, false, 1, RULE_NON_WESTERN_50 },
    { "non_western_30", LC_NON_WESTERN, LIST_GT, 30, false, 1,
      "Over 30 % af beboerne er indvandrere og efterkommere fra ikke-vestlige lande" },
    { "outside_labour_30", LC_OUTSIDE_LABOUR, LIST_GT, 30, false, 2,
      "Over 30 % af de 18-64-årige er uden for arbejdsmarked eller uddannelse (gennemsnit af 2 år)" },
    { "convicted_2x", LC_CONVICTED, LIST_GE, 2, true, 2,
      "Andelen af beboere på 18 år og derover dømt for overtrædelse af " RULE_CRIMES
      " er mindst 2 gange landsgennemsnittet (gennemsnit af 2 år)" },
    { "income_65", LC_INCOME, LIST_LT, 65, false, 1, RULE_INCOME_OF("65") },
};
static const list_cond conds_2021[] = {
    { "area", { 0 }, 1, 1 },                  /* bit 0 */
    { "udsat", { 1, 2, 3, 4 }, 4, 2 },        /* bit 1 */
    { "non_western_50", { 5 }, 1, 1 },        /* bit 2 */
    { "non_western_30", { 6 }, 1, 1 },        /* bit 3 */
    { "forebyggelse", { 7, 8, 3, 9 }, 4, 2 }, /* bit 4: E > 60 shared with udsat */
};
static const list_cat_def cats_2021[] = {
    { CAT_UDSAT, COND(0) | COND(1), -1, 0, 0, 0, 0, 0, NULL },
    { CAT_PARALLELSAMFUND, COND(2), CAT_UDSAT, 0, 0, 0, 0, 0, NULL },
    { CAT_OMDANNELSE, 0, CAT_PARALLELSAMFUND, 5, 0, 0, 0, HISTORY_ANY, "parallelsamfund (før 2021 ghettoområde)" },
    { CAT_FOREBYGGELSE, COND(0) | COND(3) | COND(4), -1, 0, 0, 0, 0, 0, NULL },
};
static const char *const describe_2021[] = {
    DESCRIBE_UDSAT,
    ("Parallelsamfund: et udsat boligområde, hvor over 50 % af beboerne er indvandrere og efterkommere fra "
     "ikke-vestlige lande."),
    "Omdannelsesområde: parallelsamfund (før 2021 ghettoområde) i hvert af de seneste 5 år.",
    ("Forebyggelsesområde (§ 61 b): mindst 1.000 beboere, over 30 % ikke-vestlig baggrund og mindst 2 af 4 "
     "kriterier: over 30 % af de 18-64-årige uden for arbejdsmarked eller uddannelse (gennemsnit af 2 år); andelen af "
     "dømte mindst 2 gange landsgennemsnittet (gennemsnit af 2 år); over 60 % af de 30-59-årige med kun "
     "grunduddannelse; indkomst under 65 % af regionens gennemsnit."),
};

#define RULE_SET(code, first, last, name, law, t, c, k, d, cats)                                                    \
    {                                                                                                               \
        code, first, last, name, law, t, (int)HH_ARRAY_LEN(t), c, (int)HH_ARRAY_LEN(c), k, (int)HH_ARRAY_LEN(k), d, \
            cats                                                                                                    \
    }

const list_rule_set list_rule_sets[] = {
    RULE_SET(2010, 2010, 2012, "Reglerne fra 2010", "Almenboligloven § 61 a med kriterierne fra 2010", tests_2010,
             conds_2010, cats_2010, describe_2010, LIST_CAT_BIT(CAT_GHETTO)),
    RULE_SET(2013, 2013, 2017, "Reglerne fra 2013", "Almenboligloven § 61 a med kriterierne fra 2013", tests_2013,
             conds_2013, cats_2013, describe_2013, LIST_CAT_BIT(CAT_GHETTO)),
    RULE_SET(2018, 2018, 2020, "Reglerne fra 2018 (ghettoloven)",
             "Almenboligloven § 61 a: udsatte boligområder, ghettoområder og hårde ghettoområder", tests_2018,
             conds_2018, cats_2018, describe_2018,
             LIST_CAT_BIT(CAT_UDSAT) | LIST_CAT_BIT(CAT_GHETTO) | LIST_CAT_BIT(CAT_HAARDT_GHETTO)),
    RULE_SET(2021, 2021, 0, "Reglerne fra 2021 (parallelsamfund og forebyggelse)",
             "Almenboligloven § 61 a: udsatte boligområder, parallelsamfund og omdannelsesområder; § 61 b: "
             "forebyggelsesområder",
             tests_2021, conds_2021, cats_2021, describe_2021,
             LIST_CAT_BIT(CAT_UDSAT) | LIST_CAT_BIT(CAT_PARALLELSAMFUND) | LIST_CAT_BIT(CAT_OMDANNELSE) |
                 LIST_CAT_BIT(CAT_FOREBYGGELSE)),
};
const size_t list_nrule_sets = HH_ARRAY_LEN(list_rule_sets);

const list_rule_set *list_rules_for_year(int year)
{
    for (size_t i = 0; i < list_nrule_sets; i++) {
        const list_rule_set *r = &list_rule_sets[i];
        if (year >= r->first_year && (r->last_year == 0 || year <= r->last_year))
            return r;
    }
    return NULL;
}

const list_rule_set *list_rules_by_code(int code)
{
    for (size_t i = 0; i < list_nrule_sets; i++)
        if (list_rule_sets[i].code == code)
            return &list_rule_sets[i];
    return NULL;
}

/* ---- categories as codes ---- */

int list_most_severe(unsigned categories)
{
    int best = -1;
    for (int c = 0; c < CAT_COUNT; c++)
        if ((categories & LIST_CAT_BIT(c)) && (best < 0 || list_cat_severity[c] > list_cat_severity[best]))
            best = c;
    return best;
}

void list_cats_join(unsigned categories, char *out, size_t size)
{
    size_t k = 0;
    if (size == 0)
        return;
    out[0] = '\0';
    for (int c = 0; c < CAT_COUNT; c++) {
        if (!(categories & LIST_CAT_BIT(c)))
            continue;
        int w = snprintf(out + k, size - k, "%s%s", k ? "|" : "", list_cat_code[c]);
        if (w < 0 || (size_t)w >= size - k)
            return; /* truncated; still NUL-terminated */
        k += (size_t)w;
    }
}

static bool cat_code_eq(const char *code, const char *s, size_t n)
{
    if (strlen(code) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != code[i])
            return false;
    }
    return true;
}

bool list_cats_parse(const char *s, unsigned *out, hh_error *e)
{
    unsigned mask = 0;
    *out = 0;
    while (*s) {
        size_t skip = strspn(s, "|, \t");
        s += skip;
        size_t n = strcspn(s, "|, \t");
        if (n == 0)
            break;
        int found = -1;
        for (int c = 0; c < CAT_COUNT && found < 0; c++)
            if (cat_code_eq(list_cat_code[c], s, n))
                found = c;
        if (found < 0) {
            hh_fail(e, HH_ERR_INPUT, "categories",
                    "ukendt kategori '%.*s'; forventede ghetto, udsat, haardt_ghetto, parallelsamfund, omdannelse "
                    "eller forebyggelse, adskilt af |",
                    (int)(n > 60 ? 60 : n), s);
            return false;
        }
        mask |= LIST_CAT_BIT(found);
        s += n;
    }
    *out = mask;
    return true;
}

/* ---- classification ---- */

/* Values compared at 1e-9 so that decimal arithmetic holds exactly enough:
 * 3 × 2.1 is 6.300000000000001 in binary and must meet "≥ 6.3". */
static double dec9(double x)
{
    return nearbyint(x * 1e9);
}

static int compare(list_op op, double v, double t)
{
    double a = dec9(v), b = dec9(t);
    switch (op) {
    case LIST_GT: return a > b;
    case LIST_GE: return a >= b;
    case LIST_LT: return a < b;
    }
    return 0;
}

static void check_test(const list_test *t, const list_input *in, list_check *c)
{
    c->value = in->v[t->crit];
    c->threshold = t->relative ? t->threshold * in->v[LC_NATIONAL_CONVICTED] : t->threshold;
    if (isnan(c->value) || isnan(c->threshold)) {
        c->met = -1;
        c->margin = NAN;
        return;
    }
    c->met = compare(t->op, c->value, c->threshold);
    c->margin = (dec9(c->value) - dec9(c->threshold)) / 1e9;
}

static bool cond_met(const list_cond *cd, const list_result *r)
{
    int met = 0;
    for (int i = 0; i < cd->ntests; i++)
        met += r->check[cd->tests[i]].met == 1;
    return met >= cd->need;
}

/* Years of the history window for a category and list year. */
static int window_years(const list_cat_def *d, int year)
{
    if (d->transition_years && year >= d->transition_first && year <= d->transition_last)
        return d->transition_years;
    return d->history_years;
}

static void name_lower(list_cat c, char *out, size_t n)
{
    snprintf(out, n, "%s", list_cat_name_da[c]);
    if (out[0] >= 'A' && out[0] <= 'Z')
        out[0] = (char)(out[0] - 'A' + 'a');
}

/* Decides a category that needs earlier years: 1 yes, 0 no, -1 unknown
 * (an earlier year's status is missing and none that is known says no).
 * Fills the history fields of r. */
static int decide_history(const list_cat_def *d, const list_input *in, list_history_fn history, void *ctx,
                          list_result *r)
{
    int n = window_years(d, in->year);
    if (n > LIST_MAX_HISTORY)
        n = LIST_MAX_HISTORY;
    r->history_used = true;
    r->history_cat = (int)d->cat;
    r->nhistory = n;
    bool any_no = false, any_unknown = false;
    for (int i = 0; i < n; i++) {
        int y = in->year - (n - 1) + i;
        r->history_years[i] = y;
        if (i == n - 1) {
            r->history_status[i] = r->categories;
            r->history_known[i] = true;
            continue;
        }
        bool known = false;
        unsigned st = history ? history(ctx, in->area_code, y, &known) : 0;
        r->history_status[i] = known ? st : 0;
        r->history_known[i] = known;
        if (!known)
            any_unknown = true;
        else if (!(st & d->history_any))
            any_no = true;
    }
    if (any_no)
        return 0;
    return any_unknown ? -1 : 1;
}

static void history_why_not(const list_cat_def *d, list_result *r)
{
    char years[128] = "", name[64];
    size_t k = 0, missing = 0;
    for (int i = 0; i < r->nhistory; i++) {
        if (r->history_known[i])
            continue;
        missing++;
        int w = snprintf(years + k, sizeof years - k, "%s%d", k ? ", " : "", r->history_years[i]);
        if (w > 0 && (size_t)w < sizeof years - k)
            k += (size_t)w;
    }
    name_lower(d->cat, name, sizeof name);
    snprintf(r->why_not, sizeof r->why_not,
             "Status for %s %s kendes ikke (hverken offentliggjort eller beregnet); om området er %s, kan ikke "
             "afgøres",
             missing == 1 ? "listeåret" : "listeårene", years, name);
}

static void missing_why_not(const list_test *t, const list_input *in, list_result *r)
{
    list_crit c = isnan(in->v[t->crit]) ? t->crit : LC_NATIONAL_CONVICTED;
    snprintf(r->why_not, sizeof r->why_not, "%s mangler for %d%s; klassifikationen kan ikke beregnes",
             list_crit_label_da[c], in->year, t->avg_years > 1 ? " — et år mangler i gennemsnittet" : "");
}

/* The residents test of a rule set (every set has one), or -1. */
static int residents_test(const list_rule_set *rules)
{
    for (int i = 0; i < rules->ntests; i++)
        if (rules->test[i].crit == LC_RESIDENTS)
            return i;
    return -1;
}

void list_classify(const list_input *in, const list_rule_set *rules, list_history_fn history, void *ctx,
                   list_result *out)
{
    memset(out, 0, sizeof *out);
    out->year = in->year;
    out->history_cat = -1;
    if (!rules)
        rules = list_rules_for_year(in->year);
    out->rules = rules;
    if (!rules) {
        snprintf(out->why_not, sizeof out->why_not,
                 "Der findes ingen lister før 2010; listeåret %d kan ikke klassificeres", in->year);
        return;
    }
    for (int i = 0; i < rules->ntests; i++)
        check_test(&rules->test[i], in, &out->check[i]);
    int rt = residents_test(rules);
    double residents = in->v[LC_RESIDENTS];
    if (isnan(residents)) {
        missing_why_not(&rules->test[rt], in, out);
        return;
    }
    out->computable = true;
    /* Below 1,000 residents no category applies, whatever the values. */
    if (rt >= 0 && out->check[rt].met == 0) {
        char n[32];
        snprintf(out->why_not, sizeof out->why_not, "%s beboere: ikke et boligområde i listens forstand dette år",
                 fmt_num_da(n, sizeof n, residents, 0));
        return;
    }
    for (int i = 0; i < rules->ntests; i++) {
        if (out->check[i].met < 0) {
            out->computable = false;
            missing_why_not(&rules->test[i], in, out);
            return;
        }
    }
    unsigned conds = 0;
    for (int i = 0; i < rules->nconds; i++)
        if (cond_met(&rules->cond[i], out))
            conds |= 1u << i;
    for (int i = 0; i < rules->ncats; i++) {
        const list_cat_def *d = &rules->cat[i];
        if ((conds & d->conds) != d->conds || (d->parent >= 0 && !(out->categories & LIST_CAT_BIT(d->parent))))
            continue;
        int ok = d->history_years > 0 ? decide_history(d, in, history, ctx, out) : 1;
        if (ok < 0) {
            out->computable = false;
            out->history_missing = true;
            history_why_not(d, out);
        } else if (ok) {
            out->categories |= LIST_CAT_BIT(d->cat);
        }
    }
}

/* ---- all rows, with history ---- */

typedef struct key_ref {
    const char *area;
    int year;
    size_t idx;
} key_ref;

static int key_cmp(const void *a, const void *b)
{
    const key_ref *x = a, *y = b;
    int c = strcmp(x->area, y->area);
    if (c)
        return c;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int year_cmp(const void *a, const void *b)
{
    const key_ref *x = a, *y = b;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return key_cmp(a, b);
}

/* First entry of a (area, year)-sorted array with that area and year. */
static const key_ref *key_find(const key_ref *k, size_t n, const char *area, int year)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(k[mid].area, area);
        if (c < 0 || (c == 0 && k[mid].year < year))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(k[lo].area, area) == 0 && k[lo].year == year ? &k[lo] : NULL;
}

typedef struct all_ctx {
    const list_status_row *pub;
    const key_ref *pub_keys;
    size_t npub;
    const list_result *results;
    const bool *done;
    const key_ref *row_keys;
    size_t nrows;
} all_ctx;

/* A published status wins; otherwise a year already classified counts when
 * its non-history categories were decided. */
static unsigned all_history(void *ctx, const char *area, int year, bool *known)
{
    const all_ctx *a = ctx;
    const key_ref *k = key_find(a->pub_keys, a->npub, area, year);
    if (k) {
        *known = true;
        return a->pub[k->idx].categories;
    }
    k = key_find(a->row_keys, a->nrows, area, year);
    if (k && a->done[k->idx]) {
        const list_result *r = &a->results[k->idx];
        if (r->rules && (r->computable || r->history_missing)) {
            *known = true;
            return r->categories;
        }
    }
    *known = false;
    return 0;
}

void list_classify_all(const list_input *rows, size_t n, const list_status_row *published, size_t npublished,
                       const list_rule_set *rules, list_result *results)
{
    key_ref *by_key = xcalloc(n + 1, sizeof *by_key), *by_year = xcalloc(n + 1, sizeof *by_year);
    key_ref *pub = xcalloc(npublished + 1, sizeof *pub);
    bool *done = xcalloc(n + 1, sizeof *done);
    for (size_t i = 0; i < n; i++)
        by_key[i] = by_year[i] = (key_ref){ rows[i].area_code, rows[i].year, i };
    for (size_t i = 0; i < npublished; i++)
        pub[i] = (key_ref){ published[i].area_code, published[i].year, i };
    qsort(by_key, n, sizeof *by_key, key_cmp);
    qsort(by_year, n, sizeof *by_year, year_cmp);
    qsort(pub, npublished, sizeof *pub, key_cmp);
    all_ctx ctx = { published, pub, npublished, results, done, by_key, n };
    for (size_t i = 0; i < n; i++) {
        size_t r = by_year[i].idx;
        list_classify(&rows[r], rules, all_history, &ctx, &results[r]);
        done[r] = true;
    }
    free(done);
    free(pub);
    free(by_year);
    free(by_key);
}

/* ---- explanation ---- */

/* v with max_dec decimals, trailing zeros dropped down to min_dec. */
static const char *num_da(char *out, size_t n, double v, int min_dec, int max_dec)
{
    fmt_num_da(out, n, v, max_dec);
    char *comma = strchr(out, ',');
    if (!comma)
        return out;
    size_t len = strlen(out), keep = (size_t)(comma - out) + 1 + (size_t)min_dec;
    while (len > keep && out[len - 1] == '0')
        out[--len] = '\0';
    if (out[len - 1] == ',')
        out[len - 1] = '\0';
    return out;
}

static const char *unit_of(list_crit c)
{
    return c == LC_RESIDENTS ? "" : " %";
}

static const char *relation(list_op op, bool met)
{
    switch (op) {
    case LIST_GT: return met ? ">" : "≤";
    case LIST_GE: return met ? "≥" : "<";
    case LIST_LT: return met ? "<" : "≥";
    }
    return "?";
}

static const char *op_text(list_op op)
{
    return op == LIST_GT ? "over" : op == LIST_GE ? "mindst" : "under";
}

/* "uden for arbejdsmarkedet 42,0 % > 40 % (opfyldt)" */
static void explain_test(const list_test *t, const list_check *c, const list_input *in, buf *out)
{
    char v[48], th[48], nat[48];
    const char *u = unit_of(t->crit);
    int vmin = t->crit == LC_RESIDENTS ? 0 : 1;
    buf_puts(out, crit_short_da[t->crit]);
    if (c->met < 0) {
        if (t->relative && !isnan(c->value))
            buf_printf(out, " %s%s, men dømte på landsplan mangler (krav: %s %s gange landsgennemsnittet)",
                       num_da(v, sizeof v, c->value, vmin, 3), u, op_text(t->op),
                       num_da(th, sizeof th, t->threshold, 0, 3));
        else if (t->relative)
            buf_printf(out, " mangler (krav: %s %s gange landsgennemsnittet)", op_text(t->op),
                       num_da(th, sizeof th, t->threshold, 0, 3));
        else
            buf_printf(out, " mangler (krav: %s %s%s)", op_text(t->op), num_da(th, sizeof th, t->threshold, 0, 3), u);
        return;
    }
    buf_printf(out, " %s%s %s %s%s", num_da(v, sizeof v, c->value, vmin, 3), u, relation(t->op, c->met == 1),
               num_da(th, sizeof th, c->threshold, 0, 3), u);
    if (t->relative)
        buf_printf(out, " (%s × landsgennemsnittet %s %%)", num_da(th, sizeof th, t->threshold, 0, 3),
                   num_da(nat, sizeof nat, in->v[LC_NATIONAL_CONVICTED], 1, 3));
    buf_puts(out, c->met ? " (opfyldt)" : " (ikke opfyldt)");
}

static bool is_residents_cond(const list_rule_set *rules, const list_cond *cd)
{
    return cd->ntests == 1 && rules->test[cd->tests[0]].crit == LC_RESIDENTS;
}

static void explain_cond(const list_rule_set *rules, const list_cond *cd, const list_input *in, const list_result *r,
                         buf *out)
{
    if (cd->ntests == 1) {
        explain_test(&rules->test[cd->tests[0]], &r->check[cd->tests[0]], in, out);
        return;
    }
    int met = 0;
    for (int i = 0; i < cd->ntests; i++)
        met += r->check[cd->tests[i]].met == 1;
    buf_printf(out, "%d af %d kriterier opfyldt (krav: mindst %d): ", met, cd->ntests, cd->need);
    for (int i = 0; i < cd->ntests; i++) {
        if (i)
            buf_puts(out, "; ");
        explain_test(&rules->test[cd->tests[i]], &r->check[cd->tests[i]], in, out);
    }
}

static const char *cat_verdict(const list_cat_def *d, const list_result *r)
{
    if (r->categories & LIST_CAT_BIT(d->cat))
        return "opfyldt";
    if (r->history_missing && r->history_cat == (int)d->cat)
        return "kan ikke afgøres";
    if (!r->computable && !r->history_missing)
        return "kan ikke afgøres";
    return "ikke opfyldt";
}

static void explain_cat(const list_rule_set *rules, const list_cat_def *d, const list_input *in, const list_result *r,
                        buf *out)
{
    buf_printf(out, "%s: %s — ", list_cat_name_da[d->cat], cat_verdict(d, r));
    bool first = true;
    if (d->parent >= 0) {
        char name[64];
        name_lower((list_cat)d->parent, name, sizeof name);
        buf_printf(out, "%s (%s)", name, r->categories & LIST_CAT_BIT(d->parent) ? "opfyldt" : "ikke opfyldt");
        first = false;
    }
    for (int i = 0; i < rules->nconds; i++) {
        if (!(d->conds & (1u << i)) || is_residents_cond(rules, &rules->cond[i]))
            continue;
        buf_puts(out, first ? "" : " og ");
        explain_cond(rules, &rules->cond[i], in, r, out);
        first = false;
    }
    if (d->history_years) {
        int n = window_years(d, in->year);
        buf_printf(out, "%s%s i hvert af de seneste %d år (%d-%d)", first ? "" : " og ", d->history_da, n,
                   in->year - n + 1, in->year);
    }
    buf_puts(out, ".\n");
}

static void status_da(unsigned st, bool known, buf *out)
{
    if (!known) {
        buf_puts(out, "ukendt");
        return;
    }
    if (!st) {
        buf_puts(out, "ingen kategori");
        return;
    }
    bool first = true;
    for (int c = 0; c < CAT_COUNT; c++) {
        if (!(st & LIST_CAT_BIT(c)))
            continue;
        char name[64];
        name_lower((list_cat)c, name, sizeof name);
        buf_printf(out, "%s%s", first ? "" : ", ", name);
        first = false;
    }
}

static void explain_history(const list_rule_set *rules, const list_input *in, const list_result *r, buf *out)
{
    const list_cat_def *d = NULL;
    for (int i = 0; i < rules->ncats; i++)
        if ((int)rules->cat[i].cat == r->history_cat)
            d = &rules->cat[i];
    if (!d)
        return;
    char name[64];
    name_lower(d->cat, name, sizeof name);
    buf_printf(out, "Historik for %s: %s i hvert af de seneste %d år (%d-%d", name, d->history_da, r->nhistory,
               r->history_years[0], r->history_years[r->nhistory - 1]);
    if (d->transition_years && in->year >= d->transition_first && in->year <= d->transition_last)
        buf_printf(out, ", overgangsregel for listeårene %d-%d", d->transition_first, d->transition_last);
    buf_puts(out, "), hvert år efter det års regler: ");
    for (int i = 0; i < r->nhistory; i++) {
        buf_printf(out, "%s%d ", i ? "; " : "", r->history_years[i]);
        status_da(r->history_status[i], r->history_known[i], out);
    }
    buf_puts(out, ".\n");
}

static void explain_rules(const list_input *in, const list_rule_set *rules, buf *out)
{
    const list_rule_set *by_year = list_rules_for_year(in->year);
    if (by_year == rules) {
        buf_printf(out, "Regelsæt: %s, som gælder for listeåret %d (listeårene %d-", rules->name_da, in->year,
                   rules->first_year);
        if (rules->last_year)
            buf_printf(out, "%d).\n", rules->last_year);
        else
            buf_puts(out, ").\n");
    } else {
        buf_printf(out, "Regelsæt: %s, valgt i stedet for det regelsæt, der gælder for listeåret %d: %s.\n",
                   rules->name_da, in->year, by_year ? by_year->name_da : "ingen (der er ingen lister før 2010)");
    }
    buf_printf(out, "Lovgrundlag: %s.\n", rules->law_da);
}

void list_explain_da(const list_input *in, const list_result *r, buf *out)
{
    const list_rule_set *rules = r->rules;
    if (!rules) {
        buf_printf(out, "%s.\n", r->why_not);
        return;
    }
    explain_rules(in, rules, out);
    int rt = residents_test(rules);
    if (rt < 0 || r->check[rt].met < 0) {
        buf_printf(out, "%s.\n", r->why_not);
        return;
    }
    char n[32];
    buf_printf(out, "Beboere pr. 1. januar %d: %s (krav: mindst 1.000) — %s.\n", in->year,
               fmt_num_da(n, sizeof n, r->check[rt].value, 0), r->check[rt].met ? "opfyldt" : "ikke opfyldt");
    if (r->check[rt].met == 0) {
        buf_printf(out, "%s.\n", r->why_not);
        return;
    }
    for (int i = 0; i < rules->ncats; i++)
        explain_cat(rules, &rules->cat[i], in, r, out);
    if (r->history_used)
        explain_history(rules, in, r, out);
    if (!r->computable) {
        buf_printf(out, "%s.\n", r->why_not);
        if (!r->history_missing)
            return;
    }
    int worst = list_most_severe(r->categories);
    if (worst >= 0)
        buf_printf(out, "Mest alvorlige kategori: %s.\n", list_cat_name_da[worst]);
    else if (r->computable)
        buf_puts(out, "Området opfylder ingen af kategorierne.\n");
}

/* ---- forecast ---- */

/* Typical shares of residents in the age groups of social housing areas,
 * for a forecast when the file gives no denominator. */
#define FRACTION_18_64 0.62
#define FRACTION_18_PLUS 0.78
#define FRACTION_30_59 0.40

static double denominator(const list_input *in, list_crit c, bool *estimated)
{
    double d = NAN, fraction = NAN;
    switch (c) {
    case LC_NON_WESTERN: return in->v[LC_RESIDENTS];
    case LC_OUTSIDE_LABOUR: d = in->persons_18_64, fraction = FRACTION_18_64; break;
    case LC_CONVICTED: d = in->persons_18_plus, fraction = FRACTION_18_PLUS; break;
    case LC_EDUCATION: d = in->persons_30_59, fraction = FRACTION_30_59; break;
    default: return NAN;
    }
    if (!isnan(d))
        return d;
    *estimated = true;
    return nearbyint(fraction * in->v[LC_RESIDENTS]);
}

/* Persons to add (+) or remove (-) from count c for "c op t" to flip. */
static double count_flip(list_op op, bool met, double c, double t)
{
    double up = nearbyint((t - c) * 1e6) / 1e6, down = -up; /* exact at whole persons */
    switch (op) {
    case LIST_GT: return met ? -ceil(down) : floor(up) + 1;
    case LIST_GE: return met ? -(floor(down) + 1) : ceil(up);
    case LIST_LT: return met ? ceil(up) : -(floor(down) + 1);
    }
    return NAN;
}

/* The forecast of list_persons_to_flip; sets *est when a denominator was
 * estimated. */
static double flip(const list_input *in, const list_result *r, int test, bool *est)
{
    if (!r->rules || test < 0 || test >= r->rules->ntests || r->check[test].met < 0)
        return NAN;
    const list_test *t = &r->rules->test[test];
    const list_check *c = &r->check[test];
    bool met = c->met == 1;
    if (t->crit == LC_INCOME)
        return (dec9(c->threshold) - dec9(c->value)) / 1e9;
    if (t->crit == LC_RESIDENTS)
        return count_flip(t->op, met, c->value, c->threshold);
    double d = denominator(in, t->crit, est);
    if (isnan(d) || d <= 0)
        return NAN;
    return count_flip(t->op, met, c->value / 100 * d, c->threshold / 100 * d);
}

double list_persons_to_flip(const list_input *in, const list_result *r, int test, bool *estimated)
{
    bool est = false;
    double out = flip(in, r, test, &est);
    if (estimated)
        *estimated = est && !isnan(out);
    return out;
}
