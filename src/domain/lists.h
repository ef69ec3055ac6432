/* lists.h - the official area lists (almenboligloven § 61 a and § 61 b):
 * rule sets as data, classification of criterion values, explanation and
 * forecast. The rules are ../shared/docs/AREA-LISTS.md; this module is pure
 * computation (no database): the CLI, the pages and the early warning use it.
 *
 * A rule set is a list of tests (one criterion compared with a threshold)
 * grouped into conditions ("at least 2 of these 4") that make categories.
 * Classifying one area and list year gives every test's value, threshold,
 * met and margin, the categories met, and whether the year could be
 * classified at all (a missing data year is reported, never guessed).
 * Categories that need earlier years (hard ghetto, transformation area) ask a
 * history callback for each earlier year's published or computed status. */
#ifndef HELHED_LISTS_H
#define HELHED_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/error.h"
#include "io/table_read.h"

/* Criteria, in the column order of the classify input. */
typedef enum list_crit {
    LC_RESIDENTS,          /* residents on 1 January of the list year */
    LC_NON_WESTERN,        /* % non-Western immigrants and descendants */
    LC_OUTSIDE_LABOUR,     /* % of 18-64 outside labour market or education (averaged as published) */
    LC_CONVICTED,          /* % of 18+ convicted (averaged as published) */
    LC_NATIONAL_CONVICTED, /* the same share for all of Denmark (reference, not a test by itself) */
    LC_EDUCATION,          /* % of 30-59 with basic school only */
    LC_INCOME,             /* mean gross income of taxpayers 15-64 not in education, % of the region's */
    LC_COUNT
} list_crit;

/* Column names of the classify input (and compute output), by list_crit:
 * residents, non_western_pct, outside_labour_pct, convicted_pct,
 * national_convicted_pct, basic_education_pct, income_pct_of_region. */
extern const char *const list_crit_column[LC_COUNT];
/* Danish names of the criteria as a sentence starts them ("Antal beboere",
 * "Andel uden for arbejdsmarkedet" …). */
extern const char *const list_crit_label_da[LC_COUNT];

typedef enum list_cat {
    CAT_GHETTO,          /* ghetto (2010, 2013, 2018) */
    CAT_UDSAT,           /* udsat boligområde (2018, 2021) */
    CAT_HAARDT_GHETTO,   /* hårdt ghettoområde (2018) */
    CAT_PARALLELSAMFUND, /* parallelsamfund (2021) */
    CAT_OMDANNELSE,      /* omdannelsesområde (2021) */
    CAT_FOREBYGGELSE,    /* forebyggelsesområde (2021, § 61 b) */
    CAT_COUNT
} list_cat;

/* Codes as in files and URLs ("ghetto", "udsat", "haardt_ghetto",
 * "parallelsamfund", "omdannelse", "forebyggelse") and Danish names. */
extern const char *const list_cat_code[CAT_COUNT];
extern const char *const list_cat_name_da[CAT_COUNT];
/* Severity for "the most severe category" (higher is more severe). */
extern const int list_cat_severity[CAT_COUNT];
#define LIST_CAT_BIT(c) (1u << (c))

typedef enum list_op { LIST_GT, LIST_GE, LIST_LT } list_op; /* exceeds, at least, less than */

typedef struct list_test {
    const char *id; /* stable, e.g. "outside_labour_40": output column prefix */
    list_crit crit; /* LC_RESIDENTS … LC_INCOME (never LC_NATIONAL_CONVICTED) */
    list_op op;
    double threshold;    /* in the criterion's unit; a factor when relative */
    bool relative;       /* threshold = factor × national_convicted_pct */
    int avg_years;       /* years the published value averages (1, 2 or 4), for the text */
    const char *rule_da; /* the rule in Danish, e.g. "Over 40 % af de 18-64-årige uden for
                            arbejdsmarked eller uddannelse (gennemsnit af 2 år)" */
} list_test;

#define LIST_MAX_TESTS 16

/* A condition: at least `need` of the listed tests met (need = n: all). */
typedef struct list_cond {
    const char *id; /* "udsat", "forebyggelse", "ghetto" … */
    int tests[LIST_MAX_TESTS];
    int ntests;
    int need;
} list_cond;

#define LIST_MAX_CONDS 8
#define LIST_MAX_HISTORY 5

/* A category of a rule set: every condition in `conds` (bit i = cond[i])
 * holds, the category `parent` (-1: none) was met the same year, and, when
 * history_years > 0, the area had a status in `history_any` in each of the
 * latest history_years list years (the list year included; earlier years as
 * published or computed under their own rule set). List years from
 * transition_first to transition_last use transition_years instead. A rule
 * set lists its categories parents first. */
typedef struct list_cat_def {
    list_cat cat;
    unsigned conds;
    int parent;
    int history_years;
    int transition_first, transition_last, transition_years;
    unsigned history_any;
    const char *history_da; /* the history rule in Danish, for the explanation */
} list_cat_def;

typedef struct list_rule_set {
    int code;            /* 2010, 2013, 2018, 2021 */
    int first_year;      /* list years it governs: 2010-2012, 2013-2017, 2018-2020, 2021- */
    int last_year;       /* 0 = open-ended */
    const char *name_da; /* e.g. "Reglerne fra 2018 (ghettoloven)" */
    const char *law_da;  /* legal reference for the card */
    const list_test *test;
    int ntests;
    const list_cond *cond; /* conditions over test[] */
    int nconds;
    const list_cat_def *cat; /* categories over cond[], parents first */
    int ncats;
    /* `describe_da` says the categories in Danish for the card, one line
     * per category (ncats lines). */
    const char *const *describe_da;
    unsigned categories; /* LIST_CAT_BIT of the categories this rule set can give */
} list_rule_set;

extern const list_rule_set list_rule_sets[];
extern const size_t list_nrule_sets;

/* The rule set in force for a list year (NULL before 2010); by code. */
const list_rule_set *list_rules_for_year(int year);
const list_rule_set *list_rules_by_code(int code);

/* One area and list year: criterion values as published (averages already
 * taken). NAN = missing (not computable). Denominators are optional (NAN when
 * unknown) and only make forecasts exact. */
typedef struct list_input {
    char area_code[32];
    int year;
    double v[LC_COUNT];
    double persons_18_64;   /* denominator of outside_labour_pct */
    double persons_18_plus; /* of convicted_pct */
    double persons_30_59;   /* of basic_education_pct */
    double taxpayers;       /* behind income_pct_of_region */
    size_t row;             /* source row (1 = header), 0 when not from a file */
} list_input;

/* Per test of the rule set. Values and thresholds are compared after
 * rounding both to 1e-9, so decimal arithmetic holds: 3 × 2.1 = 6.3 meets
 * "at least 6.3" although the doubles differ in the last bit. */
typedef struct list_check {
    double value;     /* NAN when missing */
    double threshold; /* effective (factor × national for relative tests) */
    int met;          /* 1 met, 0 not met, -1 not computable */
    double margin;    /* value - threshold: > 0 above, < 0 below (NAN if not computable) */
} list_check;

typedef struct list_result {
    const list_rule_set *rules; /* NULL: no rule set for the year (before 2010) */
    int year;
    bool computable; /* false: a needed value or earlier year is missing */
    /* Danish: why the year is not computable; also set, with computable
     * true, when fewer than 1,000 residents rule out every category. */
    char why_not[256];
    unsigned categories; /* LIST_CAT_BIT mask */
    list_check check[LIST_MAX_TESTS];
    /* true when only a category that needs earlier years (hard ghetto,
     * transformation area) could not be decided: `categories` holds the
     * others, which later years may use as history. */
    bool history_missing;
    bool history_used; /* a category needed earlier years' status */
    int history_cat;   /* that category (list_cat), -1 when none */
    /* The years of the window, ascending; the list year is the last, with
     * the categories decided before the history category. */
    int history_years[LIST_MAX_HISTORY];
    unsigned history_status[LIST_MAX_HISTORY]; /* categories of each of those years, as used */
    bool history_known[LIST_MAX_HISTORY];      /* false: no status for that year */
    int nhistory;
} list_result;

/* Status of an area in an earlier list year: sets *known = false when no
 * status exists (the year was not classified and not published). */
typedef unsigned (*list_history_fn)(void *ctx, const char *area_code, int year, bool *known);

/* Classifies one area and year under `rules` (list_rules_for_year(in->year)
 * when NULL). `history` may be NULL when no earlier years are known. */
void list_classify(const list_input *in, const list_rule_set *rules, list_history_fn history, void *ctx,
                   list_result *out);

/* The most severe category in a mask, or -1 for none. */
int list_most_severe(unsigned categories);
/* "udsat|parallelsamfund" into out (empty for none). */
void list_cats_join(unsigned categories, char *out, size_t size);
/* Parses "udsat|ghetto" (also ',' or ' ' separated; empty = none); false and a
 * Danish message in e on unknown codes. */
bool list_cats_parse(const char *s, unsigned *out, hh_error *e);

/* Danish explanation of a result, one sentence per line: the rule set, each
 * category met or not and why ("2 af 4 kriterier opfyldt: …"). */
void list_explain_da(const list_input *in, const list_result *r, buf *out);

/* Forecast for test i: how many persons would have to change for the test to
 * flip (enter when not met, leave when met), other things equal.
 *
 * Sign: positive = the count must rise by that many (persons entering the
 * numerator, e.g. 1 more resident outside the labour market), negative = it
 * must fall (e.g. -10: 10 fewer). Shares count persons of the denominator
 * that change status, the denominator staying the same: L = 42 % of 500 is
 * 210 persons; "> 40 %" holds above 200, so -10 flips it; at exactly 40 %
 * (200) +1 flips it. Relative tests (convicted ≥ factor × national) use the
 * effective threshold. Residents: residents needed to reach 1,000 (+) or to
 * fall below it (-). Income: percentage points of the regional mean the
 * area's mean must move to reach the threshold (t - v: + rise, - fall; a
 * "less than" test needs a little more than that to enter).
 *
 * Denominators: non_western_pct uses residents; the others use
 * persons_18_64, persons_18_plus and persons_30_59, or when those are NAN
 * an estimate from residents with typical Danish social-housing fractions
 * (18-64 ≈ 0.62, 18+ ≈ 0.78, 30-59 ≈ 0.40), rounded to whole persons, and
 * *estimated set (may be NULL). Returns NAN when not computable (a value,
 * threshold or denominator missing, or a denominator of 0). */
double list_persons_to_flip(const list_input *in, const list_result *r, int test, bool *estimated);

/* ---- files ---- */

/* Reads classify input (see `helhed lists classify --help`) from an open
 * table: header row naming the columns in any order (extra columns are
 * refused, optional denominators allowed), one row per area and year.
 * Appends to *rows (xrealloc'd, *n updated; the caller frees *rows, also
 * after a failure). The first problem fails with a Danish message naming
 * file, row, column letter and header and what was expected: missing or
 * unknown column, non-numeric value, percentage outside 0-100 (income:
 * 0-1000, it is a percentage of the regional mean), negative or non-integer
 * counts, year not in 1990-2100, duplicate area and year (both rows named).
 * Empty cells are missing values (NAN). */
hh_err list_read_input(table_reader *t, list_input **rows, size_t *n, hh_error *e);

/* Reads published statuses: columns area_code, year, categories (codes
 * separated by '|', ',' or spaces; empty = on no list that year). The same
 * conventions and messages as list_read_input; a file with only the header
 * is valid (no statuses). */
typedef struct list_status_row {
    char area_code[32];
    int year;
    unsigned categories;
    size_t row; /* source row (1 = header), 0 when not from a file */
} list_status_row;
hh_err list_read_history(table_reader *t, list_status_row **rows, size_t *n, hh_error *e);

/* Classifies every row (years ascending, so each year's computed status is
 * history for later years; published statuses override computed ones) and
 * gives each row's result in results[i] (same order as rows). `rules` forces
 * one rule set for all years (NULL = by year). */
void list_classify_all(const list_input *rows, size_t n, const list_status_row *published, size_t npublished,
                       const list_rule_set *rules, list_result *results);

#endif
