/* import.h - registry and key-figure imports from CSV or XLSX.
 *
 * An import reads every row, checks every value and reports every problem
 * with file, row (as a spreadsheet numbers it, the header being row 1),
 * column and what was expected. It runs in one transaction: with any problem,
 * or with dry_run, nothing is written. Importing the same file again changes
 * nothing (values are compared before they are written). Messages are Danish:
 * the same report is shown on the command line and in the browser. */
#ifndef HELHED_IMPORT_H
#define HELHED_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "auth/roles.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "db/db.h"
#include "io/table_read.h"

typedef struct import_problem {
    size_t row;         /* 0: the file as a whole */
    size_t col;         /* 1-based; 0: the row as a whole */
    const char *column; /* header name, "" when unknown */
    const char *value;
    const char *message;
} import_problem;

typedef struct import_report {
    const char *file;
    const char *source; /* "CSV (;), UTF-8" … */
    const char *layout; /* key figures: "lang" or "bred" */
    size_t rows;        /* data rows read */
    size_t created;     /* departments, or values */
    size_t updated;
    size_t unchanged;
    size_t orgs_created; /* registry imports */
    size_t orgs_updated;
    import_problem *problems;
    size_t nproblems;
    size_t more_problems; /* not listed beyond max_problems */
    bool written;
} import_report;

typedef void (*import_progress_fn)(void *ctx, size_t done, size_t total);

typedef struct import_options {
    bool dry_run;
    const principal *as; /* NULL: the operator, no scope limit */
    size_t max_problems; /* 0: 200 */
    import_progress_fn progress;
    void *progress_ctx;
} import_options;

/* Returns HH_OK when the file was imported (or, for a dry run, would be),
 * HH_ERR_INPUT when the report lists problems, other codes for failures of
 * the database (e filled). */
hh_err import_registry(db *d, table_reader *r, const char *file, const import_options *opt, arena *a,
                       import_report *rep, hh_error *e);
hh_err import_keyfigures(db *d, table_reader *r, const char *file, const import_options *opt, arena *a,
                         import_report *rep, hh_error *e);

/* Area-list criterion values (the `helhed lists classify` input format) and
 * published list statuses (area_code, year, categories); see lists.h. */
hh_err import_lists(db *d, table_reader *r, const char *file, const import_options *opt, arena *a, import_report *rep,
                    hh_error *e);
hh_err import_list_status(db *d, table_reader *r, const char *file, const import_options *opt, arena *a,
                          import_report *rep, hh_error *e);

/* What can be imported: one entry per kind, used by the CLI, the upload
 * page and the API alike. */
typedef hh_err (*import_fn)(db *d, table_reader *r, const char *file, const import_options *opt, arena *a,
                            import_report *rep, hh_error *e);
typedef enum import_count { COUNT_REGISTRY, COUNT_VALUES, COUNT_ROWS } import_count;
typedef struct import_kind {
    const char *code;  /* in URLs and on the command line: "registry", "keyfigures", "lists", "list-status" */
    const char *title; /* Danish heading of its upload form */
    const char *noun;  /* Danish: "Kontrol af <noun>" */
    const char *help;  /* Danish HTML: the columns expected */
    const char *audit; /* audit action: "import.registry" … */
    unsigned roles;    /* ROLE_BIT of the roles that may import it */
    import_count count;
    import_fn run;
} import_kind;

extern const import_kind import_kinds[];
extern const size_t import_nkinds;
/* The kind by code, or NULL. */
const import_kind *import_kind_find(const char *code);
/* True when p may import kind k (NULL p: the operator on the command line). */
bool import_kind_allowed(const import_kind *k, const principal *p);
/* "Filen er i orden: …" counts in Danish for the report. */
void import_summary_da(const import_kind *k, const import_report *rep, buf *out);

/* "fil.csv, række 7, kolonne C (year): …" */
void import_problem_format(const import_report *rep, const import_problem *p, buf *out);
/* Spreadsheet column letters: 1 → "A", 27 → "AA". */
const char *import_column_letter(size_t col, char out[8]);

#endif
