/* wtable.h - a data table for pages: the same rows become an HTML table
 * (sortable by any column through ?sort=N&dir=asc|desc, with aria-sort) or,
 * with ?format=csv, a CSV download. Every table of the product exports. */
#ifndef HELHED_WTABLE_H
#define HELHED_WTABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "http/http.h"

typedef struct wt_col {
    const char *label;
    bool numeric; /* right-aligned, sorted by number */
} wt_col;

typedef struct wt_cell {
    const char *text; /* as shown (Danish formatting) */
    const char *href; /* optional link */
    double sort;      /* numeric columns: the value (NAN sorts last) */
    const char *html; /* optional raw HTML shown instead of text (e.g. a sparkline); CSV uses text */
} wt_cell;

typedef struct wtable {
    const wt_col *cols;
    size_t ncols;
    wt_cell *cells; /* nrows * ncols */
    size_t nrows, cap;
    const char *caption;
    const char *csv_name; /* download name without .csv */
    arena *a;
} wtable;

void wt_init(wtable *t, http_req *req, const wt_col *cols, size_t ncols, const char *caption, const char *csv_name);
/* Appends a row and returns its cells (zeroed). */
wt_cell *wt_row(wtable *t);
/* Answers with CSV when ?format=csv asked for it: then returns true. */
bool wt_csv_if_asked(http_req *req, const wtable *t);
/* Sorts by ?sort=&dir= and writes the table. */
void wt_html(http_req *req, wtable *t);
/* "?format=csv" appended to the current query, for the download link. */
const char *wt_csv_link(http_req *req);

#endif
