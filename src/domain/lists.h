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
extern const char *const list_crit_label_da[LC_COUNT]; /* "Beboere", "Ikke-vestlig baggrund" … */

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

typedef struct list_rule_set {
    int code;            /* 2010, 2013, 2018, 2021 */
    int first_year;      /* list years it governs: 2010-2012, 2013-2017, 2018-2020, 2021- */
    int last_year;       /* 0 = open-ended */
    const char *name_da; /* e.g. "Reglerne fra 2018 (ghettoloven)" */
    const char *law_da;  /* legal reference for the card */
    const list_test *test;
    int ntests;
    /* Category definitions are code (see lists.c): they combine the
     * conditions above with nesting and history; `describe_da` says it in
     * Danish for the card, one line per category. */
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

/* Per test of the rule set. */
typedef struct list_check {
    double value;     /* NAN when missing */
    double threshold; /* effective (factor × national for relative tests) */
    int met;          /* 1 met, 0 not met, -1 not computable */
    double margin;    /* value - threshold: > 0 above, < 0 below (NAN if not computable) */
} list_check;

typedef struct list_result {
    const list_rule_set *rules;
    int year;
    bool computable;     /* false: a needed value or earlier year is missing */
    char why_not[256];   /* Danish, when !computable */
    unsigned categories; /* LIST_CAT_BIT mask */
    list_check check[LIST_MAX_TESTS];
    bool history_used; /* a category needed earlier years' status */
    int history_years[5];
    unsigned history_status[5]; /* categories of each of those years, as used */
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
 * flip (enter when not met, leave when met), from the denominator (or an
 * estimate from residents when the denominator is unknown; *estimated set).
 * For income: the change of the area's mean income in percentage points of
 * the regional mean. Returns NAN when not computable. */
double list_persons_to_flip(const list_input *in, const list_result *r, int test, bool *estimated);

/* ---- files ---- */

/* Reads classify input (see `helhed lists classify --help`) from an open
 * table: header row naming the columns in any order (extra columns are
 * refused, optional denominators allowed), one row per area and year.
 * Appends to *rows (xrealloc'd, *n updated). Every problem fails with a
 * Danish message naming file, row, column and what was expected: missing
 * column, non-numeric value, percentage outside 0-100, negative residents,
 * duplicate area and year. Empty cells are missing values (NAN). */
hh_err list_read_input(table_reader *t, list_input **rows, size_t *n, hh_error *e);

/* Reads published statuses: columns area_code, year, categories. */
typedef struct list_status_row {
    char area_code[32];
    int year;
    unsigned categories;
} list_status_row;
hh_err list_read_history(table_reader *t, list_status_row **rows, size_t *n, hh_error *e);

/* Classifies every row (years ascending, so each year's computed status is
 * history for later years; published statuses override computed ones) and
 * gives each row's result in results[i] (same order as rows). `rules` forces
 * one rule set for all years (NULL = by year). */
void list_classify_all(const list_input *rows, size_t n, const list_status_row *published, size_t npublished,
                       const list_rule_set *rules, list_result *results);

#endif
