/* report.h - the generic document every report renderer draws (issue 7's
 * yearly report generalised for issue 8's documentation package).
 *
 * A producer (plan_year.c, dialogue_package.c) lays its report out as an
 * rpt_doc: a title block (kicker, title, subtitle, an audience badge and
 * key-number tiles), the text of the running header and footer, and a
 * sequence of blocks: headings, paragraphs and notes, tables (plain, facts,
 * heat maps, stories), horizontal bar charts over a table's columns, small
 * line charts of series (sparklines) and page breaks. The renderers draw
 * any rpt_doc: HTML (report_html.c, standalone or as a fragment for a page
 * of the app) and PDF (report_pdf.c, cairo and pango). CSV and XLSX
 * (report_csv.c) write a producer's tables.
 *
 * Everything a document points to lives in the producer's arena; the
 * renderers only read. Hidden numbers never reach a cell's num. */
#ifndef HELHED_REPORT_REPORT_H
#define HELHED_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"

/* ---- the generic table ---- */

typedef struct rpt_cell {
    const char *text; /* as shown: "1.234", "<5", "x", "12,5 %", a label */
    double num;       /* the number for spreadsheets; NAN for text and hidden cells */
    int decimals;     /* of num */
    int shade;        /* heat map: 0 (none) to 5 (darkest) */
} rpt_cell;

typedef enum rpt_kind {
    RPT_TABLE,   /* rows and columns; column 0 names the row */
    RPT_FACTS,   /* two columns: what, value (a definition list) */
    RPT_HEATMAP, /* like RPT_TABLE with shaded cells (columns 1..heat_cols) */
    RPT_TEXTS    /* stories: columns date, activity, kind, title, text */
} rpt_kind;

typedef struct rpt_table {
    const char *id;    /* "kategorier": CSV table column, XLSX sheet name */
    const char *title; /* "Aktiviteter efter kategori"; "" for none */
    const char *note;  /* a sentence under the table; "" for none */
    rpt_kind kind;
    size_t ncols, nrows;
    const char **cols; /* headings */
    bool *numeric;     /* per column: right-aligned numbers */
    rpt_cell *cells;   /* nrows × ncols, row by row */
    bool total_row;    /* the last row is a total */
    size_t heat_cols;  /* RPT_HEATMAP: columns 1..heat_cols are shaded (blue) */
    size_t grey_col;   /* RPT_HEATMAP: a further column shaded on a neutral grey scale; 0 = none */
} rpt_table;

static inline const rpt_cell *rpt_at(const rpt_table *t, size_t r, size_t c)
{
    return &t->cells[r * t->ncols + c];
}

/* ---- the document ---- */

/* A key-number tile of the title block. */
typedef struct rpt_key {
    const char *value;      /* as shown: "1.234", "<5" */
    const char *label;      /* "Fremmøder" */
    const char *label_long; /* the PDF's (roomier) label; NULL = label */
} rpt_key;

/* Horizontal bars over one or two numeric columns of a table, one bar per
 * row (the row's label from column 0), each column in its own panel. */
typedef struct rpt_bars {
    const char *title;  /* heading and the SVG's title */
    const char *svg_id; /* the SVG title's id ("rp-cat-t") */
    size_t npanels;     /* 1 or 2 */
    size_t cols[2];
    const char *heads[2];
} rpt_bars;

/* One small line chart: a figure's series with its value and a note. */
typedef struct rpt_series {
    const char *group; /* shown above a run of series with the same group ("Driften er effektiv"); "" none */
    const char *label; /* the figure's name */
    const char *value; /* the value as shown ("12,3", "<5", "–") */
    const char *note;  /* the comparison ("Kommunen 10,2 · Landet 11,0"); "" none */
    const int *years;
    const double *values; /* NAN: missing or hidden */
    size_t n;
    const char *empty; /* shown instead of a chart without a value; NULL: "Ingen serie" */
} rpt_series;

typedef enum rpt_block_kind {
    RB_HEADING,   /* text at level 1 (a section) or 2 (a subsection) */
    RB_TEXT,      /* a paragraph of text (line breaks kept) */
    RB_NOTE,      /* a small muted sentence */
    RB_TABLE,     /* table, with its title at level; with bars: the chart first */
    RB_SERIES,    /* a list of small line charts */
    RB_PAGE_BREAK /* the PDF starts a new page (HTML: a print page break) */
} rpt_block_kind;

typedef struct rpt_block {
    rpt_block_kind kind;
    int level;        /* RB_HEADING, RB_TABLE: 1 section, 2 subsection */
    const char *text; /* RB_HEADING, RB_TEXT, RB_NOTE */
    const char *id;   /* HTML anchor ("rp-<id>"); NULL: the table's id, or none */
    const rpt_table *table;
    const rpt_bars *bars;     /* RB_TABLE: a bar chart of the table before it */
    const char *legend;       /* RB_TABLE heat map: "Få … <legend>" under it; NULL none */
    const char *legend_grey;  /* the same for the grey column's scale; NULL none */
    const char *empty;        /* RB_TABLE without rows; NULL: "Intet registreret i året." */
    bool fold_detail;         /* PDF, 8 columns: columns 1-2 go under the label (activities) */
    const char *running;      /* RB_PAGE_BREAK: the PDF header's right side from the new page on (a
                               * department's sheet); NULL: the document's header_right */
    const rpt_series *series; /* RB_SERIES */
    size_t nseries;
} rpt_block;

typedef struct rpt_doc {
    const char *kicker;       /* "Årsrapport til Landsbyggefonden" (the PDF writes it in capitals) */
    const char *title;        /* "Demoparken · 2025" */
    const char *subtitle;     /* "Boligsocial helhedsplan · København Kommune" */
    const char *generated_da; /* "22.11.2026" */
    const char *badge;        /* the audience: "Til LBF (små tal skjult)" */
    const char *doc_title;    /* the HTML <title>, the PDF's title and header line */
    const char *header_right; /* PDF header, right */
    const char *css_class;    /* the HTML article's class; NULL = "lbf-report" */
    const char *foot_html;    /* the closing sentence (HTML) */
    const char *foot_pdf;     /* the same in the PDF; NULL = foot_html */
    const rpt_key *keys;
    size_t nkeys;
    const rpt_block *blocks;
    size_t nblocks;
} rpt_doc;

/* Building a document block by block in an arena. */
typedef struct rpt_builder {
    arena *a;
    rpt_block *blocks;
    size_t n, cap;
} rpt_builder;
void rpt_builder_init(rpt_builder *b, arena *a);
rpt_block *rpt_add(rpt_builder *b, rpt_block_kind kind);
void rpt_heading(rpt_builder *b, int level, const char *text);
void rpt_text(rpt_builder *b, const char *text);
void rpt_note(rpt_builder *b, const char *text);
rpt_block *rpt_add_table(rpt_builder *b, const rpt_table *t, int level);
void rpt_page_break(rpt_builder *b);
/* Hands the blocks to doc. */
void rpt_builder_finish(rpt_builder *b, rpt_doc *doc);

/* A table of nrows × ncols with every cell "" / NAN and numeric columns
 * 1.. (except for facts and texts), in a. */
rpt_table *rpt_table_new(arena *a, const char *id, const char *title, rpt_kind kind, size_t nrows,
                         const char *const *cols, size_t ncols);

/* ---- renderers ---- */

/* A standalone HTML document (inline CSS, printable, Danish). */
void rpt_html_document(const rpt_doc *doc, buf *out);
/* The body for a page of the app: classes only (web/report.css). */
void rpt_html_fragment(const rpt_doc *doc, buf *out);
/* PDF, A4 portrait; *pages (may be NULL) receives the page count. */
hh_err rpt_pdf(const rpt_doc *doc, buf *out, int *pages, hh_error *e);

#endif
