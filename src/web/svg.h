/* svg.h - charts and maps drawn on the server as inline SVG.
 *
 * Everything is written into a buf, with presentation attributes and CSS
 * classes only (the Content-Security-Policy forbids inline style and script),
 * and every caller-supplied string is escaped. Charts scale with their
 * container (viewBox, class "chart"; rules in web/style.css under "charts and
 * maps"). Numbers are Danish (fmt_num_da) followed by the caller's unit, such
 * as " %" or " kr.".
 *
 * Accessibility: each chart has a <title> and a <desc> (generated from the data
 * when the caller gives none) referenced by aria-labelledby. Charts without
 * links are role="img"; charts with links (bars with href, the map) are
 * role="group" so the links stay reachable by keyboard and readable, each
 * named by its own <title>. Series differ by dash pattern and marker as well
 * as colour; all colours meet 3:1 against white and text meets 4.5:1.
 *
 * id must be unique in the page: element ids are derived from it (characters
 * other than letters, digits, '-' and '_' are dropped). */
#ifndef HELHED_SVG_H
#define HELHED_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "domain/boundary.h"

/* ---- line chart: trends over years ---- */

typedef struct svg_series {
    const char *label;    /* "Afdelingen", "Kommunen", "Landet" ... */
    const double *values; /* count values from first_year on; NAN = missing */
    int first_year;
    size_t count;
    bool emphasis; /* drawn thicker and on top */
} svg_series;

typedef struct svg_line_chart {
    const char *id;
    const char *title; /* accessible name */
    const char *desc;  /* NULL: a summary of first and last value per series */
    const char *unit;  /* suffix after every number; NULL = none */
    int decimals;      /* of values in tooltips and the summary */
    bool zero_based;   /* y axis includes 0 (amounts, counts) */
    const svg_series *series;
    size_t nseries;
} svg_line_chart;

/* Lines with gaps at NAN, markers with a "label, year: value" tooltip, a
 * legend above, nice y ticks and a year axis. */
void svg_line(buf *b, const svg_line_chart *c);

/* ---- horizontal bars: a ranking ---- */

typedef struct svg_bar {
    const char *label;
    double value;     /* NAN = no data */
    bool suppressed;  /* too few to show: no bar, the text "<5" */
    const char *href; /* optional link for the row */
    bool emphasis;    /* the object the page is about */
} svg_bar;

typedef struct svg_bar_chart {
    const char *id;
    const char *title;
    const char *desc; /* NULL: generated (highest and lowest) */
    const char *unit;
    int decimals;
    const svg_bar *bars; /* in the order to draw, top first */
    size_t nbars;
} svg_bar_chart;

void svg_bars(buf *b, const svg_bar_chart *c);

/* ---- sparkline: a tiny trend in a table cell (80 x 20) ---- */

typedef struct svg_spark {
    const char *label; /* "Lejeledighed": the name says "<label> <year>-<year>: fra X til Y" */
    const double *values;
    int first_year;
    size_t count;
    const char *unit;
    int decimals;
} svg_spark;

void svg_sparkline(buf *b, const svg_spark *s);

/* ---- choropleth map of boundary shapes ---- */

typedef struct svg_map_value {
    const char *code;
    double value;    /* NAN = no data */
    bool suppressed; /* too few to show: hatched */
} svg_map_value;

typedef struct svg_map {
    const char *id;
    const char *title;
    const char *desc; /* NULL: generated (classes, highest, lowest) */
    const char *unit;
    int decimals;
    const boundary_shape *shapes;
    size_t nshapes;
    const boundary_view *view;
    const svg_map_value *values; /* any order; codes without a value have no data */
    size_t nvalues;
    const char *href; /* link pattern, "{code}" replaced: "/kommuner/{code}"; NULL = no links */
    bool low_is_bad;  /* darkest colour for the lowest values (default: for the highest) */
} svg_map;

/* Writes <div class="map-figure"> with the map (5 quantile classes of a light
 * to dark palette, grey for no data, hatching for suppressed values) and an
 * HTML legend of the class ranges. */
void svg_choropleth(buf *b, const svg_map *m);

/* ---- helpers, exposed for tests ---- */

typedef struct svg_ticks {
    double lo, hi, step;
    int count;    /* ticks from lo to hi inclusive */
    int decimals; /* needed to print the step */
} svg_ticks;

/* Ticks at 1, 2 or 5 times a power of ten covering [min, max], about target
 * of them. */
void svg_nice_ticks(double min, double max, int target, svg_ticks *out);

/* Quantile classes of the non-NAN values: returns k <= classes (fewer when
 * values repeat) and the largest value of each class in upper[0..k-1]. */
int svg_quantiles(const double *values, size_t n, int classes, double *upper);
/* The class of v: the first i with v <= upper[i] (the last class above). */
int svg_class_of(const double *upper, int k, double v);

#endif
