/* warning.c - early warning for every department and housing area (see
 * warning.h and docs/EARLY-WARNING.md for the method and its defaults). */
#include "domain/warning.h"

#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/meta.h"
#include "http/json.h"
#include "io/table_read.h"

const char *const warn_status_code[WARN_STATUS_COUNT] = { "stable", "watch", "alarm" };
const char *const warn_status_label[WARN_STATUS_COUNT] = { "Stabil", "Opmærksomhed", "Alarm" };
const char *const warn_level_code[WARN_LEVEL_COUNT] = { "department", "area" };

bool warn_status_parse(const char *s, warn_status *out)
{
    for (int i = 0; i < WARN_STATUS_COUNT; i++)
        if (strcmp(s, warn_status_code[i]) == 0) {
            *out = (warn_status)i;
            return true;
        }
    return false;
}

bool warn_level_parse(const char *s, warn_level *out)
{
    for (int i = 0; i < WARN_LEVEL_COUNT; i++)
        if (strcmp(s, warn_level_code[i]) == 0) {
            *out = (warn_level)i;
            return true;
        }
    return false;
}

/* ---- configuration ---- */

#define P_INT(key, desc, def, min, max)                             \
    {                                                               \
#key, desc, true, def, min, max, offsetof(warn_config, key) \
    }
#define P_DBL(key, desc, def, min, max)                              \
    {                                                                \
#key, desc, false, def, min, max, offsetof(warn_config, key) \
    }

/* The defaults are documented in docs/EARLY-WARNING.md; change both. */
const warn_param warn_params[] = {
    P_INT(min_peers, "peer-group units with a value needed, else compare with all departments", 15, 3, 1000),
    P_INT(trend_years, "years the short trend covers (Y - N to Y); reasons report it", 3, 2, 10),
    P_INT(long_years, "years the long trend covers (0: short trend only)", 9, 0, 30),
    P_DBL(long_weight, "weight of the long trend in a figure's trend z (the short trend has the rest)", 0.7, 0, 1),
    P_DBL(z_cap, "figure z-scores are clipped to +/- this before they are combined", 4, 1, 20),
    P_DBL(level_weight, "weight of the level next to the trend in a link score", 0.1, 0, 5),
    P_DBL(link_flag, "link score at which a link is flagged and gets a reason", 2, 0, 20),
    P_DBL(watch, "spiral score for watch (with at least one flagged link)", 2.25, 0, 20),
    P_DBL(alarm, "spiral score for alarm (with at least alarm_links flagged links)", 3.5, 0, 20),
    P_INT(alarm_links, "flagged links needed for alarm", 2, 1, 4),
};
const size_t warn_nparams = HH_ARRAY_LEN(warn_params);

static void param_put(warn_config *c, const warn_param *p, double v)
{
    char *field = (char *)c + p->offset;
    if (p->integer)
        *(int *)(void *)field = (int)v;
    else
        *(double *)(void *)field = v;
}

double warn_config_value(const warn_config *c, const warn_param *p)
{
    const char *field = (const char *)c + p->offset;
    return p->integer ? *(const int *)(const void *)field : *(const double *)(const void *)field;
}

void warn_config_defaults(warn_config *c)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < warn_nparams; i++)
        param_put(c, &warn_params[i], warn_params[i].def);
}

const warn_param *warn_param_find(const char *key)
{
    if (strncmp(key, "warning.", 8) == 0)
        key += 8;
    for (size_t i = 0; i < warn_nparams; i++)
        if (strcmp(warn_params[i].key, key) == 0)
            return &warn_params[i];
    return NULL;
}

/* Parses a parameter value; fills e naming the key when it is not valid. */
static hh_err param_parse(const warn_param *p, const char *s, double *out, hh_error *e)
{
    double v;
    if (!hh_parse_decimal(s, strlen(s), &v) || !isfinite(v))
        return hh_fail(e, HH_ERR_INPUT, p->key, "warning.%s: '%s' is not a number", p->key, s);
    if (p->integer && v != floor(v))
        return hh_fail(e, HH_ERR_INPUT, p->key, "warning.%s: '%s' is not a whole number", p->key, s);
    if (v < p->min || v > p->max)
        return hh_fail(e, HH_ERR_INPUT, p->key, "warning.%s: %s is out of range (%g to %g)", p->key, s, p->min, p->max);
    *out = v;
    return HH_OK;
}

static void meta_key(char *out, size_t n, const warn_param *p)
{
    snprintf(out, n, "warning.%s", p->key);
}

hh_err warn_config_load(db *d, warn_config *c, hh_error *e)
{
    warn_config_defaults(c);
    arena a;
    arena_init(&a);
    hh_err rc = HH_OK;
    for (size_t i = 0; i < warn_nparams && rc == HH_OK; i++) {
        char key[64];
        meta_key(key, sizeof key, &warn_params[i]);
        const char *s = meta_get(d, &a, key);
        double v;
        if (s && (rc = param_parse(&warn_params[i], s, &v, e)) == HH_OK)
            param_put(c, &warn_params[i], v);
    }
    arena_free(&a);
    if (rc == HH_OK && c->alarm < c->watch)
        rc = hh_fail(e, HH_ERR_INPUT, "alarm", "warning.alarm (%g) is below warning.watch (%g)", c->alarm, c->watch);
    return rc;
}

hh_err warn_config_set(db *d, const char *key, const char *value, hh_error *e)
{
    const warn_param *p = warn_param_find(key);
    if (!p)
        return hh_fail(e, HH_ERR_INPUT, NULL, "unknown setting '%s' (see helhed warnings config)", key);
    char mk[64];
    meta_key(mk, sizeof mk, p);
    if (strcmp(value, "default") == 0)
        return meta_delete(d, mk, e);
    double v;
    hh_err rc = param_parse(p, value, &v, e);
    if (rc)
        return rc;
    char text[32];
    snprintf(text, sizeof text, "%.10g", v);
    if ((rc = meta_set(d, mk, text, e)))
        return rc;
    warn_config c;
    return warn_config_load(d, &c, e); /* refuses alarm below watch */
}

bool warn_config_overridden(db *d, const warn_param *p)
{
    arena a;
    arena_init(&a);
    char mk[64];
    meta_key(mk, sizeof mk, p);
    bool set = meta_get(d, &a, mk) != NULL;
    arena_free(&a);
    return set;
}

/* ---- the maths ---- */

static void swap_d(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Median of three of v[lo], v[mid], v[hi]: the pivot. */
static double pivot_of(const double *v, size_t lo, size_t hi)
{
    double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi];
    return a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
}

/* Three-way partition of v[lo..hi] around p: afterwards v[lo..*lt) < p,
 * v[*lt..*gt] == p and v(*gt..hi] > p. Many equal values (zero counts, flat
 * trends) then cost one pass instead of a quadratic descent. */
static void partition3(double *v, size_t lo, size_t hi, double p, size_t *lt, size_t *gt)
{
    size_t i = lo, l = lo, g = hi + 1;
    while (i < g) {
        if (v[i] < p)
            swap_d(&v[i++], &v[l++]);
        else if (v[i] > p)
            swap_d(&v[i], &v[--g]);
        else
            i++;
    }
    *lt = l;
    *gt = g - 1;
}

/* Reorders v so that v[k] is the k-th smallest, smaller ones before it
 * (Wirth's selection: both scans stop at values equal to the pivot, so many
 * equal values split evenly instead of making the descent quadratic). */
static void select_kth(double *v, size_t n, size_t k)
{
    long l = 0, r = (long)n - 1, kk = (long)k;
    while (l < r) {
        double x = v[kk];
        long i = l, j = r;
        do {
            while (v[i] < x)
                i++;
            while (x < v[j])
                j--;
            if (i <= j) {
                swap_d(&v[i], &v[j]);
                i++;
                j--;
            }
        } while (i <= j);
        if (j < kk)
            l = i;
        if (kk < i)
            r = j;
    }
}

double warn_median(double *v, size_t n)
{
    if (n == 0)
        return NAN;
    select_kth(v, n, n / 2);
    double upper = v[n / 2];
    if (n % 2)
        return upper;
    double lower = v[0];
    for (size_t i = 1; i < n / 2; i++)
        if (v[i] > lower)
            lower = v[i];
    return (lower + upper) / 2;
}

double warn_robust_scale(const double *v, size_t n, double m, double *scratch)
{
    if (n == 0)
        return 0;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        scratch[i] = fabs(v[i] - m);
        sum += scratch[i];
    }
    double mad = warn_median(scratch, n);
    if (mad > 0)
        return 1.4826 * mad;
    return 1.2533 * sum / (double)n; /* both consistent for normal data */
}

double warn_robust_z(double x, double median, double scale)
{
    return scale > 0 ? (x - median) / scale : 0;
}

static void sort_doubles(double *v, size_t n)
{
    while (n > 16) {
        size_t lt, gt;
        partition3(v, 0, n - 1, pivot_of(v, 0, n - 1), &lt, &gt);
        /* Recurse into the smaller side, loop on the larger. */
        if (lt < n - gt - 1) {
            sort_doubles(v, lt);
            v += gt + 1;
            n -= gt + 1;
        } else {
            sort_doubles(v + gt + 1, n - gt - 1);
            n = lt;
        }
    }
    for (size_t i = 1; i < n; i++) {
        double x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static size_t lower_bound(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t upper_bound(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

double warn_percentile(const double *sorted, size_t n, double x)
{
    if (n < 2)
        return NAN;
    size_t below = lower_bound(sorted, n, x), upto = upper_bound(sorted, n, x);
    double ties = upto > below ? (double)(upto - below - 1) : 0; /* the others equal to x */
    return 100.0 * ((double)below + ties / 2) / (double)(n - 1);
}

double warn_theil_sen(const double *t, const double *y, size_t n)
{
    size_t cap = n * (n - 1) / 2, m = 0;
    double local[120];
    double *s = cap <= HH_ARRAY_LEN(local) ? local : xmalloc(cap * sizeof(double));
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (t[j] != t[i])
                s[m++] = (y[j] - y[i]) / (t[j] - t[i]);
    double r = NAN;
    if (m && m <= 16) {
        /* A few slopes (the short trend: six): sorting them is cheapest. */
        for (size_t i = 1; i < m; i++) {
            double v = s[i];
            size_t j = i;
            for (; j > 0 && s[j - 1] > v; j--)
                s[j] = s[j - 1];
            s[j] = v;
        }
        r = m % 2 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
    } else if (m) {
        r = warn_median(s, m);
    }
    if (s != local)
        free(s);
    return r;
}

double warn_slope_var(const double *t, const double *var, size_t n)
{
    double tbar = 0;
    for (size_t i = 0; i < n; i++)
        tbar += t[i];
    tbar /= (double)n;
    double sxx = 0;
    for (size_t i = 0; i < n; i++)
        sxx += (t[i] - tbar) * (t[i] - tbar);
    if (!(sxx > 0))
        return NAN;
    double v = 0;
    for (size_t i = 0; i < n; i++) {
        double w = (t[i] - tbar) / sxx;
        v += w * w * var[i];
    }
    return v;
}

double warn_trend_z(double slope, double var, double m, double s, double mv)
{
    double tau2 = s * s - mv;
    if (tau2 < s * s / 4)
        tau2 = s * s / 4;
    double den = sqrt(tau2 + (var > 0 ? var : 0));
    return den > 0 ? (slope - m) / den : 0;
}

double warn_value_var(const key_figure *kf, double numerator, double denominator)
{
    if (!(denominator > 0) || isnan(numerator))
        return 0;
    switch (kf->kind) {
    case KF_SHARE: {
        /* Binomial, with half a case added so that 0 % and 100 % are not
         * taken as certain. */
        double p = (numerator + 0.5) / (denominator + 1);
        return 1e4 * p * (1 - p) / denominator;
    }
    case KF_RATE_PER_1000: return 1e6 * (numerator + 0.5) / (denominator * denominator); /* Poisson */
    default: return 0;
    }
}

double warn_clip(double z, double cap)
{
    return z > cap ? cap : z < -cap ? -cap : z;
}

warn_status warn_classify(const warn_config *c, const double link[WARN_LINKS], double score, bool flagged[WARN_LINKS])
{
    int n = 0;
    for (int k = 0; k < WARN_LINKS; k++) {
        flagged[k] = !isnan(link[k]) && link[k] >= c->link_flag;
        n += flagged[k];
    }
    if (isnan(score))
        return WARN_STABLE;
    if (score >= c->alarm && n >= c->alarm_links)
        return WARN_ALARM;
    if (score >= c->watch && n >= 1)
        return WARN_WATCH;
    return WARN_STABLE;
}

/* ---- rebuilding ----
 *
 * warn_refresh reads the values once into dense arrays (unit × figure ×
 * year), then works year by year: per figure the comparison groups' medians,
 * robust scales and sorted values (for percentiles), per unit the figure
 * z-scores, link scores, spiral score, status and reasons. It writes every
 * status, the figures behind each unit's latest status, and an event for
 * each unit whose latest status changed. */

typedef struct wunit {
    int64_t id;
    int group; /* peer group (departments); 0 for areas */
} wunit;

/* One figure of one unit in one year, as computed. */
typedef struct wfigure {
    double value, change, long_change, pct, lz, tz;
    int span, long_span;
    bool has, supp, peers, trend, long_trend;
} wfigure;

typedef struct wlevel {
    warn_level level;
    size_t n;
    wunit *units; /* sorted by id */
    int ngroups;
    size_t *by_group;    /* unit indexes ordered by group */
    size_t *group_start; /* ngroups + 1 offsets into by_group */
    double *val;         /* [figure][unit][year] (vidx): displayed value, NAN when missing */
    float *var;          /* its sampling variance */
    uint8_t *supp;       /* its suppression */
    double *households;  /* [unit][year], for amounts per household */
    wfigure *latest;     /* [unit][figure]: the figures of the unit's latest status */
    int *latest_year;    /* [unit]: year of the latest status, 0 when none */
} wlevel;

typedef struct wstatus {
    warn_level level;
    int64_t unit_id;
    int year;
    warn_status status;
    double score;
    double link[WARN_LINKS];
    const char *reasons; /* JSON array */
} wstatus;

typedef struct wold {
    int64_t unit_id;
    int year;
    warn_status status;
} wold;

typedef struct wctx {
    db *d;
    warn_config c;
    int nfig;
    int *fig;    /* [figure]: catalogue index */
    int *orient; /* [figure]: +1 when higher is worse, -1 when lower is */
    int *slot;   /* [catalogue index]: figure, -1 when not read */
    int households_kf;
    int y0, ny;
    arena a; /* reasons */
    wstatus *rows;
    size_t nrows, caprows;
    wold *old[WARN_LEVEL_COUNT];
    size_t nold[WARN_LEVEL_COUNT];
    warn_stats stats;
} wctx;

/* Values are laid out [figure][unit][year]: a unit's years are adjacent (for
 * its trends) and one figure's units follow each other (for the comparisons). */
static size_t vidx(const wctx *x, const wlevel *L, size_t u, int f, int y)
{
    return ((size_t)f * L->n + u) * (size_t)x->ny + (size_t)y;
}

static void level_free(wlevel *L)
{
    free(L->units);
    free(L->by_group);
    free(L->group_start);
    free(L->val);
    free(L->var);
    free(L->supp);
    free(L->households);
    free(L->latest);
    free(L->latest_year);
}

static void level_alloc(const wctx *x, wlevel *L)
{
    size_t cells = L->n * (size_t)x->nfig * (size_t)x->ny;
    L->val = xmalloc((cells ? cells : 1) * sizeof(double));
    for (size_t i = 0; i < cells; i++)
        L->val[i] = NAN;
    L->var = xcalloc(cells ? cells : 1, sizeof(float));
    L->supp = xcalloc(cells ? cells : 1, 1);
    L->households = xmalloc((L->n * (size_t)x->ny + 1) * sizeof(double));
    for (size_t i = 0; i < L->n * (size_t)x->ny; i++)
        L->households[i] = NAN;
    L->latest = xcalloc(L->n * (size_t)x->nfig + 1, sizeof(wfigure));
    L->latest_year = xcalloc(L->n + 1, sizeof(int));
    /* Units ordered by group (a counting sort). */
    L->group_start = xcalloc((size_t)L->ngroups + 1, sizeof(size_t));
    L->by_group = xmalloc((L->n + 1) * sizeof(size_t));
    for (size_t u = 0; u < L->n; u++)
        L->group_start[L->units[u].group + 1]++;
    for (int g = 0; g < L->ngroups; g++)
        L->group_start[g + 1] += L->group_start[g];
    size_t *next = xmalloc(((size_t)L->ngroups + 1) * sizeof(size_t));
    memcpy(next, L->group_start, ((size_t)L->ngroups + 1) * sizeof(size_t));
    for (size_t u = 0; u < L->n; u++)
        L->by_group[next[L->units[u].group]++] = u;
    free(next);
}

static long unit_find(const wlevel *L, int64_t id)
{
    size_t lo = 0, hi = L->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (L->units[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < L->n && L->units[lo].id == id ? (long)lo : -1;
}

static double col_num(db_stmt *st, int c)
{
    return db_col_null(st, c) ? NAN : db_col_double(st, c);
}

/* Stores one value read from kf_value or kf_agg. Amounts are divided by the
 * households later (they may come in any order). */
static void put_value(const wctx *x, wlevel *L, size_t u, int kf, int year, const kf_parts *p)
{
    int y = year - x->y0;
    if (y < 0 || y >= x->ny)
        return;
    const key_figure *k = &kf_catalogue[kf];
    if (kf == x->households_kf) {
        L->households[u * (size_t)x->ny + (size_t)y] = p->value;
        return;
    }
    int f = x->slot[kf];
    if (f < 0)
        return;
    double v = kf_result(k, p);
    if (!isfinite(v))
        return;
    size_t i = vidx(x, L, u, f, y);
    L->val[i] = v;
    L->var[i] = (float)warn_value_var(k, p->numerator, p->denominator);
    L->supp[i] = kf_suppressed(k, p);
}

static void amounts_per_household(const wctx *x, wlevel *L)
{
    for (int f = 0; f < x->nfig; f++) {
        if (kf_catalogue[x->fig[f]].kind != KF_AMOUNT)
            continue;
        for (size_t u = 0; u < L->n; u++)
            for (int y = 0; y < x->ny; y++) {
                size_t i = vidx(x, L, u, f, y);
                double h = L->households[u * (size_t)x->ny + (size_t)y];
                L->val[i] = h > 0 && !isnan(L->val[i]) ? L->val[i] / h : NAN;
            }
    }
}

/* Departments per kf_value range read at once (PostgreSQL returns whole
 * results; this bounds the memory of one to some 100,000 rows). */
#define DEPTS_PER_SCAN 256

static hh_err load_departments(wctx *x, wlevel *L, hh_error *e)
{
    db *d = x->d;
    int64_t count = 0;
    if (!db_query_int64(d, "SELECT COUNT(*) FROM department", &count))
        return db_fail(d, e, "count departments");
    L->level = WARN_DEPARTMENT;
    L->units = xcalloc((size_t)count + 1, sizeof(wunit));
    /* Peer groups interned in order of appearance. */
    char **groups = NULL;
    size_t ngroups = 0;
    db_stmt *st = db_prepare(d, "SELECT id, peer_group FROM department ORDER BY id");
    if (!st)
        return db_fail(d, e, "read departments");
    int rc;
    while ((rc = db_step(st)) == DB_ROW && L->n < (size_t)count) {
        wunit *w = &L->units[L->n++];
        w->id = db_col_int64(st, 0);
        const char *g = db_col_text(st, 1);
        size_t k = 0;
        while (k < ngroups && strcmp(groups[k], g) != 0)
            k++;
        if (k == ngroups) {
            groups = xrealloc(groups, (ngroups + 1) * sizeof(char *));
            groups[ngroups++] = xstrdup(g);
        }
        w->group = (int)k;
    }
    db_done(st);
    for (size_t k = 0; k < ngroups; k++)
        free(groups[k]);
    free(groups);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read departments");
    L->ngroups = ngroups ? (int)ngroups : 1;
    level_alloc(x, L);

    /* Every figure, skipping the unused ones here: a condition on
     * key_figure_id would make SQLite scan the figure index instead of the
     * primary key's department range. */
    static const char sql[] = "SELECT department_id, key_figure_id, year, numerator, denominator, value"
                              " FROM kf_value WHERE department_id >= ? AND department_id < ?";
    hh_err err = HH_OK;
    for (size_t i = 0; i < L->n && !err; i += DEPTS_PER_SCAN) {
        int64_t lo = L->units[i].id;
        int64_t hi = i + DEPTS_PER_SCAN < L->n ? L->units[i + DEPTS_PER_SCAN].id : L->units[L->n - 1].id + 1;
        st = db_prepare(d, sql);
        if (!st) {
            err = db_fail(d, e, "read key figures");
            break;
        }
        db_bind_int64(st, 1, lo);
        db_bind_int64(st, 2, hi);
        long u = -1;
        int64_t last = 0;
        while ((rc = db_step(st)) == DB_ROW) {
            int64_t id = db_col_int64(st, 0);
            if (u < 0 || id != last) {
                u = unit_find(L, id);
                last = id;
            }
            int kf = (int)db_col_int64(st, 1) - 1;
            if (u < 0 || kf < 0 || (size_t)kf >= kf_count)
                continue;
            kf_parts p = { col_num(st, 3), col_num(st, 4), col_num(st, 5), NAN, 1 };
            p.weighted = p.value * p.denominator;
            put_value(x, L, (size_t)u, kf, (int)db_col_int64(st, 2), &p);
        }
        db_done(st);
        if (rc == DB_ERROR)
            err = db_fail(d, e, "read key figures");
    }
    if (!err)
        amounts_per_household(x, L);
    return err;
}

static hh_err load_areas(wctx *x, wlevel *L, hh_error *e)
{
    db *d = x->d;
    int64_t count = 0;
    if (!db_query_int64(d, "SELECT COUNT(*) FROM housing_area", &count))
        return db_fail(d, e, "count areas");
    L->level = WARN_AREA;
    L->units = xcalloc((size_t)count + 1, sizeof(wunit));
    db_stmt *st = db_prepare(d, "SELECT id FROM housing_area ORDER BY id");
    if (!st)
        return db_fail(d, e, "read areas");
    int rc;
    while ((rc = db_step(st)) == DB_ROW && L->n < (size_t)count)
        L->units[L->n++].id = db_col_int64(st, 0);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read areas");
    L->ngroups = 1;
    level_alloc(x, L);
    st = db_prepare(d, "SELECT code, key_figure_id, year, numerator, denominator, value, weighted, units"
                       " FROM kf_agg WHERE level = 'area'");
    if (!st)
        return db_fail(d, e, "read area key figures");
    while ((rc = db_step(st)) == DB_ROW) {
        long u = unit_find(L, hh_int64_or(db_col_text(st, 0), -1));
        int kf = (int)db_col_int64(st, 1) - 1;
        if (u < 0 || kf < 0 || (size_t)kf >= kf_count)
            continue;
        kf_parts p = { col_num(st, 3), col_num(st, 4), col_num(st, 5), col_num(st, 6), db_col_int64(st, 7) };
        put_value(x, L, (size_t)u, kf, (int)db_col_int64(st, 2), &p);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read area key figures");
    amounts_per_household(x, L);
    return HH_OK;
}

/* Median of sorted v[0..n). */
static double sorted_median(const double *v, size_t n)
{
    return n == 0 ? NAN : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Level statistics of a comparison group: its values sorted (for
 * percentiles), median and robust scale. */
typedef struct lstats {
    double *sorted;
    size_t n;
    double med, scale;
} lstats;

static void lstats_make(lstats *s, double *vals, size_t n, double *scratch)
{
    sort_doubles(vals, n);
    s->sorted = vals;
    s->n = n;
    s->med = sorted_median(vals, n);
    s->scale = warn_robust_scale(vals, n, s->med, scratch);
}

/* Trend statistics of a comparison group: median and robust scale of the
 * slopes, median of their sampling variances. Reorders both arrays. */
typedef struct tstats {
    size_t n;
    double med, scale, mvar;
} tstats;

static void tstats_make(tstats *s, double *slopes, double *vars, size_t n, double *scratch)
{
    s->n = n;
    s->med = warn_median(slopes, n);
    s->scale = warn_robust_scale(slopes, n, s->med, scratch);
    s->mvar = warn_median(vars, n);
}

/* The two horizons of a trend: the last trend_years (what reasons report)
 * and the last long_years (a slide that persists). */
enum { H_SHORT, H_LONG, H_COUNT };

/* Scratch space for one level and year. */
typedef struct wwork {
    wfigure *fig;                /* [unit][figure] this year */
    double *slope[H_COUNT];      /* [unit] scoring slopes for the figure at hand */
    double *svar[H_COUNT];       /* their sampling variances */
    double *a, *b, *c, *scratch; /* [unit] */
    double *raw;                 /* [unit][link] */
    double *spiral;              /* [unit] */
} wwork;

/* Amounts, means and indexes vary from year to year in proportion to their
 * level (costs, incomes): their trends are compared relative to the unit's
 * own level. Shares and rates have a count model and are compared in points. */
static bool relative_trend(const key_figure *k)
{
    return k->kind == KF_MEAN || k->kind == KF_AMOUNT || k->kind == KF_INDEX;
}

/* The trend of unit u's figure f ending in year y, over the years y - years
 * .. y that have a value (at least min_points, and y itself), oriented so
 * that higher is worse: the Theil–Sen slope in the figure's unit per year
 * (for display), the slope the comparison uses (relative for amounts, means
 * and indexes) and its sampling variance. */
static bool unit_trend(const wctx *x, const wlevel *L, size_t u, int f, int y, int years, int min_points, double *shown,
                       double *slope, double *svar, int *span)
{
    double t[32], v[32], var[32], raw[32];
    size_t n = 0;
    int first = y - years < 0 ? 0 : y - years;
    for (int k = first; k <= y && n < HH_ARRAY_LEN(t); k++) {
        size_t i = vidx(x, L, u, f, k);
        if (isnan(L->val[i]))
            continue;
        t[n] = k;
        raw[n] = L->val[i];
        v[n] = x->orient[f] * L->val[i];
        var[n] = L->var[i];
        n++;
    }
    if (n < (size_t)min_points || t[n - 1] != y)
        return false;
    *shown = warn_theil_sen(t, v, n);
    *svar = warn_slope_var(t, var, n);
    *slope = *shown;
    *span = y - (int)t[0];
    if (relative_trend(&kf_catalogue[x->fig[f]])) {
        double m = warn_median(raw, n);
        if (!(m > 0))
            return false;
        *slope /= m;
        *svar /= m * m;
    }
    return !isnan(*slope) && !isnan(*svar);
}

/* Level and trends of figure f in year y for every unit, against the unit's
 * comparison group: its peer group when that has at least min_peers units
 * with a value (a slope, for a trend), else every unit of the level. */
static void figure_year(const wctx *x, const wlevel *L, wwork *w, int f, int y)
{
    size_t n = L->n, nf = (size_t)x->nfig;
    const int years[H_COUNT] = { x->c.trend_years, x->c.long_years };
    const int min_points[H_COUNT] = { 3, x->c.trend_years + 2 };
    bool use_long = x->c.long_years > x->c.trend_years;
    for (size_t u = 0; u < n; u++) {
        wfigure *r = &w->fig[u * nf + (size_t)f];
        memset(r, 0, sizeof *r);
        size_t i = vidx(x, L, u, f, y);
        r->value = L->val[i];
        r->has = !isnan(r->value);
        r->supp = L->supp[i];
        r->change = r->long_change = r->tz = NAN;
        for (int h = 0; h < H_COUNT; h++) {
            w->slope[h][u] = NAN;
            double shown;
            int span;
            if (!r->has || (h == H_LONG && (!use_long || !r->trend)) ||
                !unit_trend(x, L, u, f, y, years[h], min_points[h], &shown, &w->slope[h][u], &w->svar[h][u], &span))
                continue;
            if (h == H_SHORT) {
                r->trend = true;
                r->change = x->orient[f] * shown * span;
                r->span = span;
            } else {
                r->long_trend = true;
                r->long_change = x->orient[f] * shown * span;
                r->long_span = span;
            }
        }
    }
    /* Every unit of the level. */
    size_t na = 0;
    double *all = w->a;
    for (size_t u = 0; u < n; u++)
        if (w->fig[u * nf + (size_t)f].has)
            all[na++] = x->orient[f] * w->fig[u * nf + (size_t)f].value;
    if (na == 0)
        return;
    lstats la;
    lstats_make(&la, all, na, w->scratch);
    tstats ta[H_COUNT];
    size_t nt[H_COUNT];
    for (int h = 0; h < H_COUNT; h++) {
        nt[h] = 0;
        for (size_t u = 0; u < n; u++)
            if (!isnan(w->slope[h][u])) {
                w->b[nt[h]] = w->slope[h][u];
                w->c[nt[h]++] = w->svar[h][u];
            }
        tstats_make(&ta[h], w->b, w->c, nt[h], w->scratch);
    }
    /* Peer groups (departments only; areas have one group, all). A group's
     * values go after the level-wide ones in the same buffer. */
    bool peers_possible = L->level == WARN_DEPARTMENT;
    for (int g = 0; g < L->ngroups; g++) {
        size_t gn = 0;
        double *gv = all + na;
        for (size_t k = L->group_start[g]; peers_possible && k < L->group_start[g + 1]; k++) {
            const wfigure *r = &w->fig[L->by_group[k] * nf + (size_t)f];
            if (r->has)
                gv[gn++] = x->orient[f] * r->value;
        }
        lstats lg = la;
        bool lpeer = peers_possible && gn >= (size_t)x->c.min_peers;
        if (lpeer)
            lstats_make(&lg, gv, gn, w->scratch);
        tstats tg[H_COUNT];
        for (int h = 0; h < H_COUNT; h++) {
            size_t gt = 0;
            for (size_t k = L->group_start[g]; peers_possible && k < L->group_start[g + 1]; k++) {
                size_t u = L->by_group[k];
                if (!isnan(w->slope[h][u])) {
                    w->b[gt] = w->slope[h][u];
                    w->c[gt++] = w->svar[h][u];
                }
            }
            tg[h] = ta[h];
            if (peers_possible && gt >= (size_t)x->c.min_peers)
                tstats_make(&tg[h], w->b, w->c, gt, w->scratch);
        }
        for (size_t k = L->group_start[g]; k < L->group_start[g + 1]; k++) {
            size_t u = L->by_group[k];
            wfigure *r = &w->fig[u * nf + (size_t)f];
            if (!r->has)
                continue;
            double ov = x->orient[f] * r->value;
            r->peers = lpeer;
            r->lz = warn_robust_z(ov, lg.med, lg.scale);
            r->pct = warn_percentile(lg.sorted, lg.n, ov);
            if (!r->trend)
                continue;
            /* The trend z: the short trend's, blended with the long one's
             * (long_weight) when the unit has that much history. */
            double z = warn_trend_z(w->slope[H_SHORT][u], w->svar[H_SHORT][u], tg[H_SHORT].med, tg[H_SHORT].scale,
                                    tg[H_SHORT].mvar);
            if (r->long_trend) {
                double zl = warn_trend_z(w->slope[H_LONG][u], w->svar[H_LONG][u], tg[H_LONG].med, tg[H_LONG].scale,
                                         tg[H_LONG].mvar);
                z = (1 - x->c.long_weight) * z + x->c.long_weight * zl;
            }
            r->tz = z;
        }
    }
}

/* Standardizes v[0..n) (NAN: absent) in place as robust z-scores across the
 * units, when there are enough of them to tell a spread. */
static void standardize(const wctx *x, double *v, size_t n, size_t stride, wwork *w)
{
    size_t m = 0;
    for (size_t u = 0; u < n; u++)
        if (!isnan(v[u * stride]))
            w->a[m++] = v[u * stride];
    if (m < (size_t)x->c.min_peers)
        return;
    double med = warn_median(w->a, m);
    double scale = warn_robust_scale(w->a, m, med, w->scratch);
    for (size_t u = 0; u < n; u++)
        if (!isnan(v[u * stride]))
            v[u * stride] = warn_robust_z(v[u * stride], med, scale);
}

static const char *unit_suffix(const key_figure *k)
{
    return k->kind == KF_AMOUNT ? "kr. pr. husstand" : k->unit;
}

/* "steget 3,1 procentpoint på 3 år", "faldet 22 kr. på 3 år", "uændret på
 * 3 år": a change as the figure shows it. */
static int change_sign(const key_figure *k, double change)
{
    return round(fabs(change) * pow(10, k->decimals)) == 0 ? 0 : change > 0 ? 1 : -1;
}

/* "steget 3,1 procentpoint på 3 år", "faldet 22 kr. på 3 år", "uændret på
 * 3 år"; without the verb when it repeats the previous one. */
static void change_text(buf *b, const key_figure *k, double change, int span, bool verb)
{
    const char *unit = unit_suffix(k);
    char num[64];
    fmt_num_da(num, sizeof num, fabs(change), k->decimals);
    int sign = change_sign(k, change);
    if (sign == 0)
        buf_printf(b, "uændret på %d år", span);
    else
        buf_printf(b, "%s%s%s %s på %d år", verb ? (sign > 0 ? "steget" : "faldet") : "", verb ? " " : "", num,
                   strcmp(unit, "%") == 0 ? "procentpoint" : unit, span);
}

/* One reason, e.g. "Fraflytning og tomgang: Fraflytningsfrekvens 14,2 % —
 * steget 3,1 procentpoint på 3 år og 6,0 procentpoint på 9 år; højere end 92
 * % af sammenlignelige afdelinger". */
static const char *reason_text(arena *a, warn_level level, kf_link link, const key_figure *k, const wfigure *r)
{
    const char *group = level == WARN_AREA ? "alle boligområder"
                        : r->peers         ? "sammenlignelige afdelinger"
                                           : "alle afdelinger";
    if (r->supp)
        return arena_printf(a, "%s: %s er forværret (tallet hviler på under 5 og vises ikke)", kf_link_label[link],
                            k->name_da);
    buf b;
    buf_init(&b, 0);
    char num[64];
    fmt_num_da(num, sizeof num, r->value, k->decimals);
    buf_printf(&b, "%s: %s %s %s — ", kf_link_label[link], k->name_da, num, unit_suffix(k));
    change_text(&b, k, r->change, r->span, true);
    if (r->long_trend) {
        int s0 = change_sign(k, r->change), s1 = change_sign(k, r->long_change);
        buf_puts(&b, s0 == s1 || s0 == 0 || s1 == 0 ? " og " : ", men ");
        change_text(&b, k, r->long_change, r->long_span, s0 != s1);
    }
    /* Floored, so that "højere end 99 %" is true; the highest says so. */
    const char *compare = k->good == DIR_UP ? "lavere" : "højere";
    if (r->pct >= 100)
        buf_printf(&b, "; %s blandt %s", k->good == DIR_UP ? "lavest" : "højest", group);
    else if (!isnan(r->pct))
        buf_printf(&b, "; %s end %d %% af %s", compare, (int)floor(r->pct), group);
    const char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

/* A figure's share of its link score: what picks the figure a reason names. */
static double figure_score(const wctx *x, const wfigure *r)
{
    return warn_clip(r->tz, x->c.z_cap) + x->c.level_weight * warn_clip(r->lz, x->c.z_cap);
}

static const char *reasons_json(wctx *x, const wlevel *L, const wwork *w, size_t u, const double *link,
                                const bool *flagged)
{
    int order[WARN_LINKS], n = 0;
    for (int k = 0; k < WARN_LINKS; k++)
        if (flagged[k])
            order[n++] = k;
    /* Strongest link first. */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && link[order[j]] > link[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    buf b;
    buf_init(&b, 0);
    buf_putc(&b, '[');
    for (int i = 0; i < n; i++) {
        int best = -1;
        bool best_shown = false;
        for (int f = 0; f < x->nfig; f++) {
            const wfigure *r = &w->fig[u * (size_t)x->nfig + (size_t)f];
            if ((int)kf_catalogue[x->fig[f]].link != order[i] || !r->has || !r->trend)
                continue;
            /* A figure that can be shown beats one under 5. */
            bool shown = !r->supp;
            if (best < 0 || (shown && !best_shown) ||
                (shown == best_shown &&
                 figure_score(x, r) > figure_score(x, &w->fig[u * (size_t)x->nfig + (size_t)best]))) {
                best = f;
                best_shown = shown;
            }
        }
        if (best < 0)
            continue;
        const char *s = reason_text(&x->a, L->level, (kf_link)order[i], &kf_catalogue[x->fig[best]],
                                    &w->fig[u * (size_t)x->nfig + (size_t)best]);
        if (b.len > 1)
            buf_putc(&b, ',');
        json_escape(&b, s);
    }
    buf_putc(&b, ']');
    const char *out = arena_strdup(&x->a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

static void push_status(wctx *x, const wstatus *s)
{
    if (x->nrows == x->caprows) {
        x->caprows = x->caprows ? x->caprows * 2 : 4096;
        x->rows = xrealloc(x->rows, x->caprows * sizeof(wstatus));
    }
    x->rows[x->nrows++] = *s;
}

/* Scores every unit of a level in every year. */
static void level_compute(wctx *x, wlevel *L)
{
    size_t n = L->n, nf = (size_t)x->nfig;
    if (n == 0)
        return;
    wwork w;
    w.fig = xcalloc(n * nf, sizeof(wfigure));
    for (int h = 0; h < H_COUNT; h++) {
        w.slope[h] = xmalloc(n * sizeof(double));
        w.svar[h] = xmalloc(n * sizeof(double));
    }
    /* Level-wide values, then one group's, in the same buffer. */
    w.a = xmalloc(2 * n * sizeof(double));
    w.b = xmalloc(2 * n * sizeof(double));
    w.c = xmalloc(2 * n * sizeof(double));
    w.scratch = xmalloc(n * sizeof(double));
    w.raw = xmalloc(n * WARN_LINKS * sizeof(double));
    w.spiral = xmalloc(n * sizeof(double));
    double wl = x->c.level_weight, cap = x->c.z_cap;
    for (int y = 0; y < x->ny; y++) {
        for (int f = 0; f < x->nfig; f++)
            figure_year(x, L, &w, f, y);
        /* Link scores: mean trend z of the link's figures plus level_weight
         * × their mean level z; no score without a trend. */
        for (size_t u = 0; u < n; u++) {
            double ts[WARN_LINKS] = { 0 }, ls[WARN_LINKS] = { 0 };
            int tn[WARN_LINKS] = { 0 }, ln[WARN_LINKS] = { 0 };
            for (size_t f = 0; f < nf; f++) {
                const wfigure *r = &w.fig[u * nf + f];
                if (!r->has)
                    continue;
                int k = (int)kf_catalogue[x->fig[f]].link;
                ls[k] += warn_clip(r->lz, cap);
                ln[k]++;
                if (r->trend) {
                    ts[k] += warn_clip(r->tz, cap);
                    tn[k]++;
                }
            }
            for (int k = 0; k < WARN_LINKS; k++)
                w.raw[u * WARN_LINKS + (size_t)k] = tn[k] ? ts[k] / tn[k] + wl * ls[k] / ln[k] : NAN;
        }
        for (int k = 0; k < WARN_LINKS; k++)
            standardize(x, w.raw + k, n, WARN_LINKS, &w);
        for (size_t u = 0; u < n; u++) {
            double sum = 0;
            int m = 0;
            for (int k = 0; k < WARN_LINKS; k++)
                if (!isnan(w.raw[u * WARN_LINKS + (size_t)k])) {
                    sum += w.raw[u * WARN_LINKS + (size_t)k];
                    m++;
                }
            w.spiral[u] = m ? sum / m : NAN;
        }
        standardize(x, w.spiral, n, 1, &w);
        for (size_t u = 0; u < n; u++) {
            if (isnan(w.spiral[u]))
                continue;
            wstatus s = { .level = L->level, .unit_id = L->units[u].id, .year = x->y0 + y, .score = w.spiral[u] };
            memcpy(s.link, w.raw + u * WARN_LINKS, sizeof s.link);
            bool flagged[WARN_LINKS];
            s.status = warn_classify(&x->c, s.link, s.score, flagged);
            s.reasons = reasons_json(x, L, &w, u, s.link, flagged);
            push_status(x, &s);
            memcpy(&L->latest[u * nf], &w.fig[u * nf], nf * sizeof(wfigure));
            L->latest_year[u] = s.year;
        }
    }
    free(w.fig);
    for (int h = 0; h < H_COUNT; h++) {
        free(w.slope[h]);
        free(w.svar[h]);
    }
    free(w.a);
    free(w.b);
    free(w.c);
    free(w.scratch);
    free(w.raw);
    free(w.spiral);
}

/* ---- writing ---- */

typedef void (*bind_fn)(db_stmt *st, int base, size_t i, const void *ctx);

#define ROWS_PER_INSERT 100

/* Inserts nrows rows: ROWS_PER_INSERT per statement, the rest one by one (so
 * only two statements are prepared and cached; each is looked up again per
 * use, as the cache may evict it). */
static hh_err insert_rows(db *d, const char *prefix, int ncols, size_t nrows, bind_fn bind, const void *ctx,
                          const char *what, hh_error *e)
{
    buf one, many;
    buf_init(&one, 0);
    buf_init(&many, 0);
    buf_printf(&one, "%s VALUES (", prefix);
    for (int c = 0; c < ncols; c++)
        buf_puts(&one, c ? ", ?" : "?");
    buf_putc(&one, ')');
    buf_printf(&many, "%s VALUES ", prefix);
    for (int r = 0; r < ROWS_PER_INSERT; r++) {
        buf_puts(&many, r ? ", (" : "(");
        for (int c = 0; c < ncols; c++)
            buf_puts(&many, c ? ", ?" : "?");
        buf_putc(&many, ')');
    }
    hh_err rc = HH_OK;
    for (size_t i = 0; i < nrows && rc == HH_OK;) {
        bool batch = nrows - i >= ROWS_PER_INSERT;
        db_stmt *st = db_prepare(d, buf_cstr(batch ? &many : &one));
        if (!st) {
            rc = db_fail(d, e, what);
            break;
        }
        size_t k = batch ? ROWS_PER_INSERT : 1;
        for (size_t r = 0; r < k; r++)
            bind(st, (int)r * ncols, i + r, ctx);
        if (db_step(st) == DB_ERROR)
            rc = db_fail(d, e, what);
        db_done(st);
        i += k;
    }
    buf_free(&one);
    buf_free(&many);
    return rc;
}

static void bind_double_or_null(db_stmt *st, int idx, double v)
{
    if (isfinite(v))
        db_bind_double(st, idx, v);
    else
        db_bind_null(st, idx);
}

static void bind_status(db_stmt *st, int base, size_t i, const void *ctx)
{
    const wstatus *s = &((const wctx *)ctx)->rows[i];
    db_bind_text(st, base + 1, warn_level_code[s->level]);
    db_bind_int64(st, base + 2, s->unit_id);
    db_bind_int64(st, base + 3, s->year);
    db_bind_text(st, base + 4, warn_status_code[s->status]);
    db_bind_double(st, base + 5, s->score);
    for (int k = 0; k < WARN_LINKS; k++)
        bind_double_or_null(st, base + 6 + k, s->link[k]);
    db_bind_text(st, base + 10, s->reasons);
}

/* The figures behind the latest statuses, flattened. */
typedef struct wfigrow {
    warn_level level;
    int64_t unit_id;
    int year;
    int kf;
    const wfigure *r;
} wfigrow;

static void bind_figure(db_stmt *st, int base, size_t i, const void *ctx)
{
    const wfigrow *f = &((const wfigrow *)ctx)[i];
    db_bind_text(st, base + 1, warn_level_code[f->level]);
    db_bind_int64(st, base + 2, f->unit_id);
    db_bind_int64(st, base + 3, f->year);
    db_bind_int64(st, base + 4, kf_db_id(f->kf));
    db_bind_double(st, base + 5, f->r->value);
    db_bind_int64(st, base + 6, f->r->supp);
    bind_double_or_null(st, base + 7, f->r->trend ? f->r->change : NAN);
    if (f->r->trend)
        db_bind_int64(st, base + 8, f->r->span);
    else
        db_bind_null(st, base + 8);
    bind_double_or_null(st, base + 9, f->r->long_trend ? f->r->long_change : NAN);
    if (f->r->long_trend)
        db_bind_int64(st, base + 10, f->r->long_span);
    else
        db_bind_null(st, base + 10);
    bind_double_or_null(st, base + 11, f->r->pct);
    bind_double_or_null(st, base + 12, f->r->lz);
    bind_double_or_null(st, base + 13, f->r->trend ? f->r->tz : NAN);
    db_bind_int64(st, base + 14, f->r->peers);
}

static void figure_rows(const wctx *x, const wlevel *L, wfigrow **rows, size_t *n, size_t *cap)
{
    for (size_t u = 0; u < L->n; u++) {
        if (!L->latest_year[u])
            continue;
        for (int f = 0; f < x->nfig; f++) {
            const wfigure *r = &L->latest[u * (size_t)x->nfig + (size_t)f];
            if (!r->has)
                continue;
            if (*n == *cap) {
                *cap = *cap ? *cap * 2 : 4096;
                *rows = xrealloc(*rows, *cap * sizeof(wfigrow));
            }
            (*rows)[(*n)++] = (wfigrow){ L->level, L->units[u].id, L->latest_year[u], x->fig[f], r };
        }
    }
}

/* The latest status of every unit before the rebuild, by level, sorted by
 * unit id. */
static hh_err read_old(wctx *x, hh_error *e)
{
    db_stmt *st = db_prepare(x->d, "SELECT s.level, s.unit_id, s.year, s.status FROM warning_status s"
                                   " WHERE s.year = (SELECT MAX(m.year) FROM warning_status m"
                                   " WHERE m.level = s.level AND m.unit_id = s.unit_id)"
                                   " ORDER BY s.level, s.unit_id");
    if (!st)
        return db_fail(x->d, e, "read warning statuses");
    size_t cap[WARN_LEVEL_COUNT] = { 0 };
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        warn_level lv;
        warn_status s;
        if (!warn_level_parse(db_col_text(st, 0), &lv) || !warn_status_parse(db_col_text(st, 3), &s))
            continue;
        if (x->nold[lv] == cap[lv]) {
            cap[lv] = cap[lv] ? cap[lv] * 2 : 1024;
            x->old[lv] = xrealloc(x->old[lv], cap[lv] * sizeof(wold));
        }
        x->old[lv][x->nold[lv]++] = (wold){ db_col_int64(st, 1), (int)db_col_int64(st, 2), s };
    }
    db_done(st);
    return rc == DB_ERROR ? db_fail(x->d, e, "read warning statuses") : HH_OK;
}

static const wold *old_find(const wctx *x, warn_level lv, int64_t id)
{
    size_t lo = 0, hi = x->nold[lv];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->old[lv][mid].unit_id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < x->nold[lv] && x->old[lv][lo].unit_id == id ? &x->old[lv][lo] : NULL;
}

/* Events: a unit whose latest status (any year) differs from its latest
 * status before. Units without a status before (the first build, new
 * units) get none. Rows are ordered by level, unit and year, so a unit's
 * latest row is the last of its run. */
static hh_err write_events(wctx *x, hh_error *e)
{
    char now[21];
    hh_utc_iso(now);
    for (size_t i = 0; i < x->nrows; i++) {
        const wstatus *s = &x->rows[i];
        if (i + 1 < x->nrows && x->rows[i + 1].level == s->level && x->rows[i + 1].unit_id == s->unit_id)
            continue;
        const wold *o = old_find(x, s->level, s->unit_id);
        if (!o || o->status == s->status)
            continue;
        db_stmt *st = db_prepare(x->d, "INSERT INTO warning_event (level, unit_id, old_year, year, old_status,"
                                       " new_status, created_at, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        if (!st)
            return db_fail(x->d, e, "write warning events");
        db_bind_text(st, 1, warn_level_code[s->level]);
        db_bind_int64(st, 2, s->unit_id);
        db_bind_int64(st, 3, o->year);
        db_bind_int64(st, 4, s->year);
        db_bind_text(st, 5, warn_status_code[o->status]);
        db_bind_text(st, 6, warn_status_code[s->status]);
        db_bind_text(st, 7, now);
        db_bind_text(st, 8, s->reasons);
        int rc = db_step(st);
        db_done(st);
        if (rc == DB_ERROR)
            return db_fail(x->d, e, "write warning events");
        x->stats.events++;
    }
    return HH_OK;
}

static int status_row_cmp(const void *a, const void *b)
{
    const wstatus *x = a, *y = b;
    if (x->level != y->level)
        return (int)x->level - (int)y->level;
    if (x->unit_id != y->unit_id)
        return x->unit_id < y->unit_id ? -1 : 1;
    return x->year - y->year;
}

static double seconds_since(uint64_t t0)
{
    return (double)(hh_now_ns() - t0) / 1e9;
}

static hh_err exec_sql(db *d, const char *sql, const char *what, hh_error *e)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, what);
    int rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fail(d, e, what) : HH_OK;
}

hh_err warn_refresh_stats(db *d, warn_stats *stats, hh_error *e)
{
    wctx x;
    memset(&x, 0, sizeof x);
    x.d = d;
    arena_init(&x.a);
    wlevel levels[WARN_LEVEL_COUNT];
    memset(levels, 0, sizeof levels);
    uint64_t t0 = hh_now_ns();
    hh_err rc = warn_config_load(d, &x.c, e);
    /* The figures: those of a spiral link with a good direction. */
    x.households_kf = kf_find("households");
    x.fig = xcalloc(kf_count, sizeof(int));
    x.orient = xcalloc(kf_count, sizeof(int));
    x.slot = xcalloc(kf_count, sizeof(int));
    for (size_t k = 0; k < kf_count; k++) {
        x.slot[k] = -1;
        const key_figure *f = &kf_catalogue[k];
        if (f->link >= WARN_LINKS || f->good == DIR_NONE)
            continue;
        x.slot[k] = x.nfig;
        x.orient[x.nfig] = f->good == DIR_DOWN ? 1 : -1;
        x.fig[x.nfig++] = (int)k;
    }
    int64_t y0 = 0, y1 = -1;
    if (!rc &&
        (!db_query_int64(d, "SELECT COALESCE(MIN(year), 0) FROM kf_agg WHERE level IN ('country', 'area')", &y0) ||
         !db_query_int64(d, "SELECT COALESCE(MAX(year), -1) FROM kf_agg WHERE level IN ('country', 'area')", &y1)))
        rc = db_fail(d, e, "read the years of key figures");
    x.y0 = (int)y0;
    x.ny = y1 >= y0 ? (int)(y1 - y0 + 1) : 0;
    if (!rc && x.ny > 0)
        rc = load_departments(&x, &levels[WARN_DEPARTMENT], e);
    if (!rc && x.ny > 0)
        rc = load_areas(&x, &levels[WARN_AREA], e);
    x.stats.seconds_read = seconds_since(t0);
    t0 = hh_now_ns();
    for (int lv = 0; !rc && x.ny > 0 && lv < WARN_LEVEL_COUNT; lv++)
        level_compute(&x, &levels[lv]);
    if (x.nrows)
        qsort(x.rows, x.nrows, sizeof(wstatus), status_row_cmp);
    x.stats.seconds_compute = seconds_since(t0);
    t0 = hh_now_ns();
    if (!rc)
        rc = read_old(&x, e);
    if (!rc)
        rc = exec_sql(d, "DELETE FROM warning_status", "clear warning statuses", e);
    if (!rc)
        rc = exec_sql(d, "DELETE FROM warning_figure", "clear warning figures", e);
    if (!rc)
        rc = insert_rows(d,
                         "INSERT INTO warning_status (level, unit_id, year, status, score, link_wear,"
                         " link_insecurity, link_moveout, link_social, reasons)",
                         10, x.nrows, bind_status, &x, "write warning statuses", e);
    wfigrow *figs = NULL;
    size_t nfigs = 0, capfigs = 0;
    for (int lv = 0; !rc && lv < WARN_LEVEL_COUNT; lv++)
        figure_rows(&x, &levels[lv], &figs, &nfigs, &capfigs);
    if (!rc)
        rc = insert_rows(d,
                         "INSERT INTO warning_figure (level, unit_id, year, key_figure_id, value, suppressed,"
                         " change, span, long_change, long_span, percentile, level_z, trend_z, peers)",
                         14, nfigs, bind_figure, figs, "write warning figures", e);
    if (!rc)
        rc = write_events(&x, e);
    if (!rc)
        rc = exec_sql(d, "UPDATE data_version SET version = version + 1 WHERE grp = 'warning'",
                      "bump the warning data version", e);
    x.stats.seconds_write = seconds_since(t0);
    x.stats.statuses = x.nrows;
    x.stats.figures = nfigs;
    for (size_t i = 0; i < x.nrows; i++)
        if (i + 1 == x.nrows || x.rows[i + 1].level != x.rows[i].level || x.rows[i + 1].unit_id != x.rows[i].unit_id)
            x.stats.by_status[x.rows[i].status]++;
    if (stats)
        *stats = x.stats;
    free(figs);
    for (int lv = 0; lv < WARN_LEVEL_COUNT; lv++) {
        level_free(&levels[lv]);
        free(x.old[lv]);
    }
    free(x.rows);
    free(x.fig);
    free(x.orient);
    free(x.slot);
    arena_free(&x.a);
    return rc;
}

hh_err warn_refresh(db *d, hh_error *e)
{
    return warn_refresh_stats(d, NULL, e);
}

/* ---- reading ---- */

/* Parses a stored reasons array into a (invalid JSON gives none). */
static void parse_reasons(arena *a, const char *text, const char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    json_t *j = json_loads(text, 0, NULL);
    if (!json_is_array(j)) {
        json_decref(j);
        return;
    }
    size_t m = json_array_size(j);
    const char **r = arena_alloc(a, (m ? m : 1) * sizeof(char *));
    for (size_t i = 0; i < m; i++) {
        const char *s = json_string_value(json_array_get(j, i));
        if (s)
            r[(*n)++] = arena_strdup(a, s);
    }
    *out = r;
    json_decref(j);
}

/* The unit's code and name columns, and the join that provides them. */
static const char *unit_code_sql(warn_level level)
{
    return level == WARN_DEPARTMENT ? "CAST(d.org_no AS TEXT) || '-' || CAST(d.department_no AS TEXT)" : "a.code";
}

static const char *unit_join_sql(warn_level level)
{
    return level == WARN_DEPARTMENT ? " JOIN department d ON d.id = s.unit_id"
                                    : " JOIN housing_area a ON a.id = s.unit_id";
}

static void read_links(db_stmt *st, int col, double *link)
{
    for (int k = 0; k < WARN_LINKS; k++)
        link[k] = col_num(st, col + k);
}

static int status_from(db_stmt *st, int col)
{
    warn_status s = WARN_STABLE;
    warn_status_parse(db_col_text(st, col), &s);
    return (int)s;
}

int warn_latest_year(db *d, warn_level level)
{
    int64_t y = 0;
    db_stmt *st = db_prepare(d, "WITH c AS (SELECT year, COUNT(*) AS n FROM warning_status WHERE level = ?"
                                " GROUP BY year) SELECT COALESCE(MAX(year), 0) FROM c"
                                " WHERE 2 * n >= (SELECT MAX(n) FROM c)");
    if (!st)
        return 0;
    db_bind_text(st, 1, warn_level_code[level]);
    if (db_step(st) == DB_ROW)
        y = db_col_int64(st, 0);
    db_done(st);
    return (int)y;
}

hh_err warn_years(db *d, arena *a, warn_level level, int **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    db_stmt *st = db_prepare(d, "SELECT DISTINCT year FROM warning_status WHERE level = ? ORDER BY year DESC");
    if (!st)
        return db_fail(d, e, "read warning years");
    db_bind_text(st, 1, warn_level_code[level]);
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            *out = arena_grow(a, *out, cap * sizeof(int), ncap * sizeof(int));
            cap = ncap;
        }
        (*out)[(*n)++] = (int)db_col_int64(st, 0);
    }
    db_done(st);
    return rc == DB_ERROR ? db_fail(d, e, "read warning years") : HH_OK;
}

static bool read_figure(db_stmt *st, arena *a, void *elem)
{
    (void)a;
    warn_figure *f = elem;
    f->kf = (int)db_col_int64(st, 0) - 1;
    if (f->kf < 0 || (size_t)f->kf >= kf_count)
        return false;
    f->link = kf_catalogue[f->kf].link;
    f->value = col_num(st, 1);
    f->suppressed = db_col_int64(st, 2) != 0;
    f->change = col_num(st, 3);
    f->span = db_col_null(st, 4) ? 0 : (int)db_col_int64(st, 4);
    f->long_change = col_num(st, 5);
    f->long_span = db_col_null(st, 6) ? 0 : (int)db_col_int64(st, 6);
    f->percentile = col_num(st, 7);
    f->level_z = col_num(st, 8);
    f->trend_z = col_num(st, 9);
    f->peers = db_col_int64(st, 10) != 0;
    return true;
}

static int figure_cmp(const void *a, const void *b)
{
    const warn_figure *x = a, *y = b;
    if (x->link != y->link)
        return (int)x->link - (int)y->link;
    double sx = isnan(x->trend_z) ? -1e9 : x->trend_z, sy = isnan(y->trend_z) ? -1e9 : y->trend_z;
    return sx < sy ? 1 : sx > sy ? -1 : x->kf - y->kf;
}

hh_err warn_status_get(db *d, arena *a, warn_level level, int64_t unit_id, int year, warn_result *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    char *sql = arena_printf(a,
                             "SELECT %s, %s, s.year, s.status, s.score, s.link_wear, s.link_insecurity,"
                             " s.link_moveout, s.link_social, s.reasons FROM warning_status s%s"
                             " WHERE s.level = ? AND s.unit_id = ?%s ORDER BY s.year DESC LIMIT 1",
                             unit_code_sql(level), level == WARN_DEPARTMENT ? "d.name" : "a.name", unit_join_sql(level),
                             year ? " AND s.year = ?" : "");
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read a warning status");
    db_bind_text(st, 1, warn_level_code[level]);
    db_bind_int64(st, 2, unit_id);
    if (year)
        db_bind_int64(st, 3, year);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        out->level = level;
        out->unit_id = unit_id;
        out->code = arena_strdup(a, db_col_text(st, 0));
        out->name = arena_strdup(a, db_col_text(st, 1));
        out->year = (int)db_col_int64(st, 2);
        out->status = (warn_status)status_from(st, 3);
        out->score = db_col_double(st, 4);
        read_links(st, 5, out->link_score);
        parse_reasons(a, db_col_text(st, 9), &out->reasons, &out->nreasons);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read a warning status");
    if (rc != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, NULL, "no warning status for %s %lld%s", warn_level_code[level],
                       (long long)unit_id, year ? " that year" : "");
    st = db_prepare(d, "SELECT key_figure_id, value, suppressed, change, span, long_change, long_span, percentile,"
                       " level_z, trend_z, peers FROM warning_figure WHERE level = ? AND unit_id = ? AND year = ?");
    if (!st)
        return db_fail(d, e, "read warning figures");
    db_bind_text(st, 1, warn_level_code[level]);
    db_bind_int64(st, 2, unit_id);
    db_bind_int64(st, 3, out->year);
    if (db_collect(st, a, sizeof(warn_figure), read_figure, (void **)&out->figures, &out->nfigures) == DB_ERROR)
        return db_fail(d, e, "read warning figures");
    if (out->nfigures)
        qsort(out->figures, out->nfigures, sizeof(warn_figure), figure_cmp);
    return HH_OK;
}

/* The figure rows of several units: read_figure's columns, then unit_id. */
typedef struct unit_figure {
    int64_t unit_id;
    warn_figure f;
} unit_figure;

static bool read_unit_figure(db_stmt *st, arena *a, void *elem)
{
    unit_figure *u = elem;
    u->unit_id = db_col_int64(st, 11);
    return read_figure(st, a, &u->f);
}

hh_err warn_status_latest_many(db *d, arena *a, warn_level level, const int64_t *ids, size_t n, int year,
                               warn_result *out, bool *found, hh_error *e)
{
    for (size_t i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        found[i] = false;
    }
    if (!n)
        return HH_OK;
    buf list;
    buf_init(&list, 0);
    for (size_t i = 0; i < n; i++)
        buf_printf(&list, "%s%lld", i ? ", " : "", (long long)ids[i]);
#define LATEST_YEAR(t)                                                                                    \
    "(SELECT MAX(w.year) FROM warning_status w WHERE w.level = " t ".level AND w.unit_id = " t ".unit_id" \
    " AND w.year <= ?)"
    char *sql = arena_printf(a,
                             "SELECT %s, %s, s.year, s.status, s.score, s.link_wear, s.link_insecurity,"
                             " s.link_moveout, s.link_social, s.reasons, s.unit_id FROM warning_status s%s"
                             " WHERE s.level = ? AND s.unit_id IN (%s) AND s.year = " LATEST_YEAR("s"),
                             unit_code_sql(level), level == WARN_DEPARTMENT ? "d.name" : "a.name", unit_join_sql(level),
                             buf_cstr(&list));
    char *fsql = arena_printf(a,
                              "SELECT key_figure_id, value, suppressed, change, span, long_change, long_span,"
                              " percentile, level_z, trend_z, peers, unit_id FROM warning_figure f WHERE f.level = ?"
                              " AND f.unit_id IN (%s) AND f.year = " LATEST_YEAR("f"),
                              buf_cstr(&list));
#undef LATEST_YEAR
    buf_free(&list);
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read a warning status");
    db_bind_text(st, 1, warn_level_code[level]);
    db_bind_int64(st, 2, year);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 10);
        for (size_t i = 0; i < n; i++) {
            if (ids[i] != id || found[i])
                continue;
            warn_result *x = &out[i];
            x->level = level;
            x->unit_id = id;
            x->code = arena_strdup(a, db_col_text(st, 0));
            x->name = arena_strdup(a, db_col_text(st, 1));
            x->year = (int)db_col_int64(st, 2);
            x->status = (warn_status)status_from(st, 3);
            x->score = db_col_double(st, 4);
            read_links(st, 5, x->link_score);
            parse_reasons(a, db_col_text(st, 9), &x->reasons, &x->nreasons);
            found[i] = true;
        }
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read a warning status");
    st = db_prepare(d, fsql);
    if (!st)
        return db_fail(d, e, "read warning figures");
    db_bind_text(st, 1, warn_level_code[level]);
    db_bind_int64(st, 2, year);
    unit_figure *uf = NULL;
    size_t nuf = 0;
    if (db_collect(st, a, sizeof(unit_figure), read_unit_figure, (void **)&uf, &nuf) == DB_ERROR)
        return db_fail(d, e, "read warning figures");
    for (size_t i = 0; i < n; i++) {
        if (!found[i])
            continue;
        size_t cnt = 0;
        for (size_t j = 0; j < nuf; j++)
            cnt += uf[j].unit_id == ids[i];
        if (!cnt)
            continue;
        out[i].figures = arena_alloc(a, cnt * sizeof(warn_figure));
        for (size_t j = 0; j < nuf; j++)
            if (uf[j].unit_id == ids[i])
                out[i].figures[out[i].nfigures++] = uf[j].f;
        qsort(out[i].figures, out[i].nfigures, sizeof(warn_figure), figure_cmp);
    }
    return HH_OK;
}

/* Appends the filter's conditions (with ? for municipality and org_no). */
static void filter_sql(buf *sql, warn_level level, const warn_filter *f)
{
    if (!f)
        return;
    if (f->where)
        buf_printf(sql, " AND (%s)", f->where);
    if (f->municipality_code)
        buf_printf(sql, " AND %s.municipality_code = ?", level == WARN_DEPARTMENT ? "d" : "a");
    if (f->org_no)
        buf_puts(sql, level == WARN_DEPARTMENT
                          ? " AND d.org_no = ?"
                          : " AND EXISTS (SELECT 1 FROM area_member wm JOIN department wd ON wd.id = wm.department_id"
                            " WHERE wm.area_id = a.id AND wm.valid_to IS NULL AND wd.org_no = ?)");
    if (f->statuses) {
        buf_puts(sql, " AND s.status IN (");
        bool first = true;
        for (int i = 0; i < WARN_STATUS_COUNT; i++)
            if (f->statuses & (1u << i)) {
                buf_printf(sql, "%s'%s'", first ? "" : ", ", warn_status_code[i]);
                first = false;
            }
        buf_putc(sql, ')');
    }
}

static int filter_bind(db_stmt *st, int idx, const warn_filter *f)
{
    if (!f)
        return idx;
    if (f->municipality_code)
        db_bind_text(st, idx++, f->municipality_code);
    if (f->org_no)
        db_bind_int64(st, idx++, f->org_no);
    return idx;
}

static bool read_row(db_stmt *st, arena *a, void *elem)
{
    warn_row *r = elem;
    r->unit_id = db_col_int64(st, 0);
    r->code = arena_strdup(a, db_col_text(st, 1));
    r->name = arena_strdup(a, db_col_text(st, 2));
    r->municipality_code = arena_strdup(a, db_col_text(st, 3));
    r->year = (int)db_col_int64(st, 4);
    r->status = (warn_status)status_from(st, 5);
    r->score = db_col_double(st, 6);
    read_links(st, 7, r->link_score);
    parse_reasons(a, db_col_text(st, 11), &r->reasons, &r->nreasons);
    return true;
}

hh_err warn_list(db *d, arena *a, warn_level level, int year, const warn_filter *f, warn_row **out, size_t *n,
                 hh_error *e)
{
    *out = NULL;
    *n = 0;
    if (!year && !(year = warn_latest_year(d, level)))
        return HH_OK;
    const char *u = level == WARN_DEPARTMENT ? "d" : "a";
    buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql,
               "SELECT s.unit_id, %s, %s.name, %s.municipality_code, s.year, s.status, s.score, s.link_wear,"
               " s.link_insecurity, s.link_moveout, s.link_social, s.reasons FROM warning_status s%s"
               " WHERE s.level = ? AND s.year = ?",
               unit_code_sql(level), u, u, unit_join_sql(level));
    filter_sql(&sql, level, f);
    buf_printf(&sql, " ORDER BY CASE s.status WHEN 'alarm' THEN 0 WHEN 'watch' THEN 1 ELSE 2 END, s.score DESC, %s",
               level == WARN_DEPARTMENT ? "d.org_no, d.department_no" : "a.code");
    if (f && f->limit)
        buf_printf(&sql, " LIMIT %zu", f->limit);
    db_stmt *st = db_prepare(d, buf_cstr(&sql));
    buf_free(&sql);
    if (!st)
        return db_fail(d, e, "read warning statuses");
    db_bind_text(st, 1, warn_level_code[level]);
    db_bind_int64(st, 2, year);
    filter_bind(st, 3, f);
    if (db_collect(st, a, sizeof(warn_row), read_row, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read warning statuses");
    return HH_OK;
}

static bool read_event(db_stmt *st, arena *a, void *elem)
{
    warn_event *v = elem;
    v->id = db_col_int64(st, 0);
    v->unit_id = db_col_int64(st, 1);
    v->code = arena_strdup(a, db_col_text(st, 2));
    v->name = arena_strdup(a, db_col_text(st, 3));
    v->old_year = (int)db_col_int64(st, 4);
    v->year = (int)db_col_int64(st, 5);
    v->old_status = (warn_status)status_from(st, 6);
    v->new_status = (warn_status)status_from(st, 7);
    v->created_at = arena_strdup(a, db_col_text(st, 8));
    parse_reasons(a, db_col_text(st, 9), &v->reasons, &v->nreasons);
    return true;
}

hh_err warn_events(db *d, arena *a, warn_level level, int64_t unit_id, const warn_filter *f, warn_event **out,
                   size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    const char *u = level == WARN_DEPARTMENT ? "d" : "a";
    buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql,
               "SELECT s.id, s.unit_id, %s, %s.name, s.old_year, s.year, s.old_status, s.new_status, s.created_at,"
               " s.reasons FROM warning_event s%s WHERE s.level = ?%s",
               unit_code_sql(level), u, unit_join_sql(level), unit_id ? " AND s.unit_id = ?" : "");
    warn_filter g = f ? *f : (warn_filter){ 0 };
    g.statuses = 0; /* events filter on the new status below */
    filter_sql(&sql, level, &g);
    if (f && f->statuses) {
        buf_puts(&sql, " AND s.new_status IN (");
        bool first = true;
        for (int i = 0; i < WARN_STATUS_COUNT; i++)
            if (f->statuses & (1u << i)) {
                buf_printf(&sql, "%s'%s'", first ? "" : ", ", warn_status_code[i]);
                first = false;
            }
        buf_putc(&sql, ')');
    }
    if (g.after_id)
        buf_puts(&sql, " AND s.id > ?");
    buf_puts(&sql, " ORDER BY s.id DESC");
    if (f && f->limit)
        buf_printf(&sql, " LIMIT %zu", f->limit);
    db_stmt *st = db_prepare(d, buf_cstr(&sql));
    buf_free(&sql);
    if (!st)
        return db_fail(d, e, "read warning events");
    db_bind_text(st, 1, warn_level_code[level]);
    int idx = 2;
    if (unit_id)
        db_bind_int64(st, idx++, unit_id);
    idx = filter_bind(st, idx, &g);
    if (g.after_id)
        db_bind_int64(st, idx, g.after_id);
    if (db_collect(st, a, sizeof(warn_event), read_event, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read warning events");
    for (size_t i = 0; i < *n; i++)
        (*out)[i].level = level;
    return HH_OK;
}
