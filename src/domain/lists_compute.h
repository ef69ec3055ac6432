/* lists_compute.h - the area lists' criterion values computed from a
 * person-level register extract (../shared/docs/AREA-LISTS.md, "Compute").
 *
 * Input: a CSV file, one row per person and data year, header row naming the
 * columns in any order (others are ignored), separator ';' ',' or tab (from
 * the header), decimal comma allowed unless ',' separates:
 *   year                  data year (1980-2100, not after the list year)
 *   person_id             any non-empty text (not otherwise used)
 *   area_code             the housing area (1-31 bytes of UTF-8), empty outside areas
 *   region_code           1081-1085 (Nordjylland, Midtjylland, Syddanmark, Hovedstaden, Sjælland)
 *   age                   whole years 0-130
 *   outside_labour_fte    full-time share of the year outside labour market or education, 0-1
 *   convicted, basic_education_only, in_education, taxable, non_western: 0 or 1
 *   gross_income          DKK, -1e9 to 1e10, decimals allowed (rounded to øre)
 * Quoted fields are unquoted when the quotes enclose the whole field; a quoted
 * separator is not supported (register extracts have none). Blank lines are
 * skipped but counted, so row numbers match an editor's.
 *
 * Per data year and area: residents, L = sum(fte of 18-64) / count(18-64),
 * C = convicted 18+ / count(18+), E = basic education 30-59 / count(30-59),
 * I = mean gross income of taxpayers 15-64 not in education, as % of the same
 * mean over the area's whole region (persons outside areas included), and the
 * non-Western share. L, C and the national C (over every person in the file)
 * are the mean of the yearly percentages over the latest 2 data years in the
 * file (4 under the 2010 rules); an area that lacks one of those years gets
 * no L and C (never a one-year value). Residents, E, I, non-Western and the
 * denominators are from the latest data year. An area lies in one region: a
 * person of the area in another region is an error.
 *
 * Streaming: a regular file is memory-mapped and parsed in place, its pages
 * given back as the parser passes (a pipe is read into a 1 MiB buffer per
 * part instead), by a parser made for this layout (column roles mapped once
 * from the header; a line's separators found at once from SSE2 bit masks;
 * integers parsed eight digits at a time; the checks folded into one test;
 * no allocation per row); a line the fast paths do not take goes through a
 * general parser that gives the messages. Memory holds only what is being
 * parsed and per-area, per-region and per-year sums. Sums are integers (fte in
 * 1e-9, income in øre), so the result is exactly the same however the file
 * is split between threads. With several threads the file is cut at line
 * boundaries, each part summed on its own and the sums merged; any error sends
 * the file through once more on one thread, so the message always names the
 * first bad row in file order.
 *
 * Messages are Danish, start with the file name and name the row ("række N",
 * header = 1) and column ("kolonne E (age)") and what was expected. */
#ifndef HELHED_LISTS_COMPUTE_H
#define HELHED_LISTS_COMPUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"
#include "domain/lists.h"

#define LC_MAX_YEARS 10      /* distinct data years one file may hold */
#define LC_AREA_CODE_MAX 31  /* bytes; list_input.area_code holds 31 + NUL */
#define LC_REGION_FIRST 1081 /* region codes 1081-1085 */
#define LC_NREGIONS 5
#define LC_MAX_THREADS 16

typedef struct lc_options {
    int list_year;   /* the list year asked about (written in the year column) */
    int rules;       /* 2010, 2013, 2018 or 2021; 0 = the rule set in force for list_year */
    int threads;     /* parts the file is split into, 1-LC_MAX_THREADS; 0 = 1 */
    size_t min_part; /* smallest part worth a thread, bytes; 0 = 1 MiB (tests and fuzzing split tiny files) */
    bool slow_only;  /* every row through the general parser (tests and fuzzing compare it with the fast paths) */
    bool buffered;   /* read through the parts' buffers, as a pipe is, instead of in place (tests and fuzzing) */
    /* Called from the calling thread with bytes done and total (may be NULL). */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
} lc_options;

typedef struct lc_result {
    /* One per area, sorted by area_code (bytewise): criterion values as the
     * classify input takes them (list_input: v[] NAN when not computable,
     * denominators from the latest data year, year = the list year, row 0). */
    list_input *areas;
    int *region; /* region code of each area */
    size_t n;
    int rules;                    /* rule set applied */
    int avg_years;                /* data years L and C average (2 or 4) */
    int years[LC_MAX_YEARS];      /* data years in the file, ascending */
    size_t persons[LC_MAX_YEARS]; /* rows per data year */
    int nyears;
    size_t rows;                       /* data rows read */
    double national_convicted;         /* % (averaged), NAN when a needed year is missing */
    double region_income[LC_NREGIONS]; /* mean income of the region's taxpayers 15-64 not in education,
                                          latest data year, DKK (NAN when none) */
} lc_result;

/* The rule set in force for a list year (2010, 2013, 2018, 2021), 0 before 2010. */
int lc_rules_for_year(int list_year);
/* Data years the rule set averages L and C over: 4 for 2010, else 2. */
int lc_avg_years(int rules);

/* Computes from `len` bytes at `data`, named `name` in messages. On error
 * (HH_ERR_INPUT for bad data, HH_ERR_USAGE for bad options) *out is empty.
 * The caller frees a result with lc_result_free. */
hh_err lc_compute_mem(const char *name, const void *data, size_t len, const lc_options *opt, lc_result *out,
                      hh_error *e);
/* The same from a file (memory-mapped; pages already parsed are released as
 * it goes, so resident memory stays flat). HH_ERR_IO when it cannot be read. */
hh_err lc_compute_file(const char *path, const lc_options *opt, lc_result *out, hh_error *e);
void lc_result_free(lc_result *r);

/* Appends the result as CSV (the classify input): ',' separated, '.' as the
 * decimal mark, empty cells for values that are not computable, header
 *   area_code,year,residents,non_western_pct,outside_labour_pct,convicted_pct,
 *   national_convicted_pct,basic_education_pct,income_pct_of_region,
 *   persons_18_64,persons_18_plus,persons_30_59,taxpayers
 * Percentages have up to 10 decimals, trailing zeros dropped, never an
 * exponent. */
void lc_write_csv(const lc_result *r, buf *out);

#endif
