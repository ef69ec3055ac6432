/* warning.h - early warning: every department and housing area, every year,
 * scored on the four links of the negative spiral (DOMAIN.md §7: wear →
 * insecurity → move-outs and vacancy → social challenges) and given a status
 * stable, watch or alarm with reasons in Danish.
 *
 * The method (docs/EARLY-WARNING.md): each key figure of a link that has a good
 * direction is compared with the unit's comparison group (a department's peer
 * group, or all departments when fewer than min_peers have a value; areas with
 * all areas) on its level (percentile and robust z: median and 1.4826 × MAD)
 * and on its trend over trend_years (Theil–Sen slope, compared with the
 * group's slopes and discounted by the unit's own sampling noise, so that a
 * share on 20 persons is not mistaken for a slide). Figures combine into link
 * scores, links into a spiral score and a status.
 *
 * warn_refresh() rebuilds everything from kf_value and kf_agg in one pass; it
 * runs at the end of kf_refresh(), inside the caller's transaction. */
#ifndef HELHED_WARNING_H
#define HELHED_WARNING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"
#include "domain/keyfig.h"

typedef enum warn_status { WARN_STABLE, WARN_WATCH, WARN_ALARM, WARN_STATUS_COUNT } warn_status;
typedef enum warn_level { WARN_DEPARTMENT, WARN_AREA, WARN_LEVEL_COUNT } warn_level;

/* The four links of the spiral are kf_link values 0..WARN_LINKS-1. */
#define WARN_LINKS 4

extern const char *const warn_status_code[WARN_STATUS_COUNT];  /* "stable", "watch", "alarm" */
extern const char *const warn_status_label[WARN_STATUS_COUNT]; /* Danish */
extern const char *const warn_level_code[WARN_LEVEL_COUNT];    /* "department", "area" */

/* Status or level by code; false when unknown. */
bool warn_status_parse(const char *s, warn_status *out);
bool warn_level_parse(const char *s, warn_level *out);

/* ---- configuration ----
 * Defaults live in warn_params; each can be overridden in table meta under
 * "warning.<key>" (helhed warnings config KEY VALUE). */
typedef struct warn_config {
    int min_peers;       /* a peer group needs this many units with a value, else all departments */
    int trend_years;     /* the short trend runs from year Y - trend_years to Y */
    int long_years;      /* the long trend from Y - long_years (0: none) */
    double long_weight;  /* the long trend's weight in a figure's trend z */
    double z_cap;        /* figure z-scores are clipped to ±z_cap before they are combined */
    double level_weight; /* weight of the level next to the trend in a link */
    double link_flag;    /* a link at or above this score is flagged (gets a reason) */
    double watch;        /* spiral score for watch (with at least one flagged link) */
    double alarm;        /* spiral score for alarm (with at least alarm_links flagged links) */
    int alarm_links;
} warn_config;

typedef struct warn_param {
    const char *key; /* without the "warning." prefix */
    const char *description;
    bool integer;
    double def, min, max;
    size_t offset; /* into warn_config */
} warn_param;

extern const warn_param warn_params[];
extern const size_t warn_nparams;

void warn_config_defaults(warn_config *c);
/* Defaults, then the overrides in meta. An override that is not a number in
 * range fails with a message naming the key. */
hh_err warn_config_load(db *d, warn_config *c, hh_error *e);
/* The value of a parameter in c. */
double warn_config_value(const warn_config *c, const warn_param *p);
/* The parameter by key, with or without the "warning." prefix; NULL if none. */
const warn_param *warn_param_find(const char *key);
/* Stores an override (value "default" removes it); checks number and range.
 * Does not rebuild: the caller runs warn_refresh in the same transaction. */
hh_err warn_config_set(db *d, const char *key, const char *value, hh_error *e);
/* True when meta holds an override for p. */
bool warn_config_overridden(db *d, const warn_param *p);

/* ---- the maths, on plain arrays (tests/unit/test_warning.c) ---- */

/* Median of v[0..n); reorders v. NAN when n == 0. */
double warn_median(double *v, size_t n);
/* Robust scale of v around m: 1.4826 × median absolute deviation; when that
 * is 0 (more than half the values equal), 1.2533 × mean absolute deviation;
 * 0 only when all values equal m. scratch holds n doubles. */
double warn_robust_scale(const double *v, size_t n, double m, double *scratch);
/* (x - median) / scale; 0 when scale is 0 (nothing to tell apart). */
double warn_robust_z(double x, double median, double scale);
/* Percent of the other values in sorted[0..n) (which holds x once) that are
 * lower than x, ties counting half: 0 lowest, 100 highest. NAN when n < 2. */
double warn_percentile(const double *sorted, size_t n, double x);
/* Theil–Sen slope through (t[i], y[i]): the median of the pairwise slopes.
 * NAN with fewer than two distinct t. */
double warn_theil_sen(const double *t, const double *y, size_t n);
/* Sampling variance of a least-squares slope through points with variances
 * var[i] (used for the Theil–Sen slope, whose variance is close to it). */
double warn_slope_var(const double *t, const double *var, size_t n);
/* Trend z against a comparison group whose slopes have median m and robust
 * scale s, and whose sampling variances have median mv: the group's real
 * spread tau² = max(s² - mv, s²/4), then (slope - m) / sqrt(tau² + var). */
double warn_trend_z(double slope, double var, double m, double s, double mv);
/* A sampling variance for a displayed value from its parts: binomial for
 * shares, Poisson for rates; 0 for kinds without a count model. */
double warn_value_var(const key_figure *kf, double numerator, double denominator);
/* Clips z to ±cap. */
double warn_clip(double z, double cap);
/* Status from link scores (NAN: link without figures) and the spiral score;
 * flagged[k] tells which links reached link_flag. */
warn_status warn_classify(const warn_config *c, const double link[WARN_LINKS], double score, bool flagged[WARN_LINKS]);

/* ---- rebuilding ---- */

/* Rebuilds warning_status, warning_figure and (for units whose latest status
 * changed) warning_event from kf_value and kf_agg, and bumps data version
 * 'warning'. Run inside the caller's transaction, after the aggregates. */
hh_err warn_refresh(db *d, hh_error *e);

/* What a rebuild did (for the CLI and the benchmark). */
typedef struct warn_stats {
    size_t statuses, figures, events;
    size_t by_status[WARN_STATUS_COUNT]; /* latest status of each unit */
    double seconds_read, seconds_compute, seconds_write;
} warn_stats;
/* warn_refresh, telling what it did (stats may be NULL). */
hh_err warn_refresh_stats(db *d, warn_stats *stats, hh_error *e);

/* ---- reading ---- */

/* One figure behind a status, for the latest year of each unit (older years
 * keep status, scores and reasons only). */
typedef struct warn_figure {
    int kf;             /* catalogue index */
    kf_link link;       /* the figure's link */
    double value;       /* as displayed; amounts per household */
    bool suppressed;    /* rests on fewer than 5: show "<5" */
    double change;      /* short trend over span years, in the figure's unit; NAN without one */
    int span;           /* years the change covers */
    double long_change; /* long trend over long_span years; NAN without one */
    int long_span;
    double percentile; /* % of the comparison group with a better value */
    double level_z;    /* oriented: higher is worse */
    double trend_z;    /* oriented: higher is worse; NAN without a trend */
    bool peers;        /* compared with the peer group (false: with all units of the level) */
} warn_figure;

typedef struct warn_result {
    warn_level level;
    int64_t unit_id;
    const char *code; /* "ORG-DEPT" or the area code */
    const char *name;
    int year;
    warn_status status;
    double score;                  /* spiral score */
    double link_score[WARN_LINKS]; /* NAN: no figures of that link */
    const char **reasons;          /* Danish, one per flagged link */
    size_t nreasons;
    warn_figure *figures; /* by link, then figure score, worst first */
    size_t nfigures;
} warn_result;

/* The status of one unit (department id or area id) for a year (0: its latest
 * year). HH_ERR_NOTFOUND when there is none. Memory in a. */
hh_err warn_status_get(db *d, arena *a, warn_level level, int64_t unit_id, int year, warn_result *out, hh_error *e);
/* For each of n units, its status of the latest year <= year with its
 * figures, as warn_status_get of that year gives it, in two queries;
 * found[i] false (out[i] zeroed) when the unit has none. Memory in a. */
hh_err warn_status_latest_many(db *d, arena *a, warn_level level, const int64_t *ids, size_t n, int year,
                               warn_result *out, bool *found, hh_error *e);

typedef struct warn_filter {
    /* SQL condition limiting the units, built from validated literals: over
     * department alias d for departments (reg_scope.dept), over housing_area
     * alias a for areas (reg_scope.area); NULL = all. */
    const char *where;
    const char *municipality_code; /* NULL = any */
    int64_t org_no;                /* 0 = any; areas: with a current member of the organisation */
    unsigned statuses;             /* bit (1 << status); 0 = any. WARN_AT_LEAST(s) for a minimum */
    size_t limit;                  /* 0 = no limit */
    int64_t after_id;              /* warn_events only: events newer than this id (0 = all) */
} warn_filter;

#define WARN_AT_LEAST(s) ((unsigned)(((1u << WARN_STATUS_COUNT) - 1) & ~((1u << (s)) - 1)))

typedef struct warn_row {
    int64_t unit_id;
    const char *code;
    const char *name;
    const char *municipality_code;
    int year;
    warn_status status;
    double score;
    double link_score[WARN_LINKS];
    const char **reasons;
    size_t nreasons;
} warn_row;

/* Statuses of a level for a year (0: warn_latest_year), worst first (alarm,
 * watch, stable; by score). Memory in a. */
hh_err warn_list(db *d, arena *a, warn_level level, int year, const warn_filter *f, warn_row **out, size_t *n,
                 hh_error *e);

/* Years with statuses, newest first. */
hh_err warn_years(db *d, arena *a, warn_level level, int **out, size_t *n, hh_error *e);
/* The level's current year: the latest with statuses for at least half as
 * many units as the fullest year (so that one unit's early figures for next
 * year do not make that year the default of lists); 0 when none. */
int warn_latest_year(db *d, warn_level level);

typedef struct warn_event {
    int64_t id;
    warn_level level;
    int64_t unit_id;
    const char *code, *name;
    int old_year, year;
    warn_status old_status, new_status;
    const char *created_at; /* ISO 8601 UTC */
    const char **reasons;
    size_t nreasons;
} warn_event;

/* Status changes of a level, newest first; f->where as for warn_list,
 * unit_id 0 = every unit. Memory in a. */
hh_err warn_events(db *d, arena *a, warn_level level, int64_t unit_id, const warn_filter *f, warn_event **out,
                   size_t *n, hh_error *e);

#endif
