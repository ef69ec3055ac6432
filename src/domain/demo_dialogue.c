/* demo_dialogue.c - the demo steering dialogues (styringsdialog, DOMAIN.md
 * §8, source 003:L1330-1406).
 *
 * For every organisation × municipality pair with departments: a dialogue
 * the year before last (published), last year (published or meeting held)
 * and this year (preparing, submitted or returned), with the municipality's
 * deadlines, the organisation's definitions of the four questions, answers
 * per department and item on the scale 1-4 that follow the key figures and
 * early warning (a high maintenance backlog gives low scores on the physical
 * items, a watch or alarm status low social scores) with a justification
 * citing the figure, the selection for closer review by the same rules as
 * dlg_propose (early warning watch/alarm, an official list, a clear trend)
 * with SWOTs, goals for the coming year tied to key figures (met or not by
 * the next year's data) and their follow-up texts.
 *
 * Speed: the national demo has ~2,000 pairs and ~8,000 departments, so the
 * bulk (dialogues, history, answers, selections, goals) is written with
 * multi-row inserts, valid by the rules dialogue.h states (states along the
 * workflow with non-decreasing dates never in the future, meeting date and
 * minutes from meeting_held on, every department answered before
 * submission, a SWOT for every confirmed selection, target years after the
 * dialogue's year); the selection's rules and reasons are worded as
 * dlg_rules_for words them from the same data. The deadlines and
 * organisation 101's definitions go through the domain functions, and so
 * does the organisation 101 × København pair this year (answers,
 * dlg_propose, a confirmation with SWOT), the one a user walks in the
 * browser. Every person, text and figure is made up; deterministic by seed
 * and the load date (database ids never steer the dice). */
#include "domain/demo_dialogue.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/demo_registry.h"
#include "domain/dialogue.h"
#include "domain/keyfig.h"
#include "domain/lists.h"
#include "domain/warning.h"

/* ---- dates as day numbers (days since 1970-01-01) ---- */

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static const char *iso(arena *a, int64_t day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

static const char *iso_time(arena *a, int64_t day, int hour)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return arena_printf(a, "%04d-%02d-%02dT%02d:00:00Z", y, m, d, hour);
}

static const char *const month_da[] = { "januar", "februar", "marts",     "april",   "maj",      "juni",
                                        "juli",   "august",  "september", "oktober", "november", "december" };

static const char *date_da(arena *a, int64_t day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return arena_printf(a, "%d. %s %d", d, month_da[m - 1], y);
}

/* A number the Danish way: decimal comma, thousands with a dot. */
static const char *num_da(arena *a, double v, int decimals)
{
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    char *dot = strchr(raw, '.');
    size_t ilen = dot ? (size_t)(dot - raw) : strlen(raw);
    buf b;
    buf_init(&b, 0);
    if (v < 0 && strspn(raw, "0.") != strlen(raw))
        buf_puts(&b, "-");
    for (size_t i = 0; i < ilen; i++) {
        if (i > 0 && (ilen - i) % 3 == 0)
            buf_puts(&b, ".");
        char c[2] = { raw[i], 0 };
        buf_puts(&b, c);
    }
    if (dot) {
        buf_puts(&b, ",");
        buf_puts(&b, dot + 1);
    }
    const char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

/* ---- multi-row inserts ---- */

enum { V_NULL, V_INT, V_REAL, V_TEXT };
typedef struct bval {
    int t;
    int64_t i;
    double f;
    const char *s;
} bval;

#define ROWS 100

typedef struct mbatch {
    db *d;
    const char *head; /* "INSERT INTO t (a, b) VALUES " */
    int ncols;
    int n;
    bval v[ROWS * 12];
    int col;
    const char *what;
} mbatch;

static void mb_init(mbatch *b, db *d, const char *head, int ncols, const char *what)
{
    b->d = d;
    b->head = head;
    b->ncols = ncols;
    b->n = 0;
    b->col = 0;
    b->what = what;
}

static db_stmt *mb_prepare(mbatch *b, int rows)
{
    buf sql;
    buf_init(&sql, 0);
    buf_puts(&sql, b->head);
    for (int r = 0; r < rows; r++) {
        buf_puts(&sql, r ? ", (" : "(");
        for (int c = 0; c < b->ncols; c++)
            buf_puts(&sql, c ? ", ?" : "?");
        buf_puts(&sql, ")");
    }
    db_stmt *st = db_prepare(b->d, buf_cstr(&sql));
    buf_free(&sql);
    return st;
}

static hh_err mb_flush(mbatch *b, hh_error *e)
{
    if (b->n == 0)
        return HH_OK;
    /* Full batches share one cached statement; a remainder goes row by row
     * so that the statement cache holds two shapes per table. */
    int rows = b->n == ROWS ? ROWS : 1;
    db_stmt *st = mb_prepare(b, rows);
    if (!st)
        return db_fail(b->d, e, b->what);
    for (int start = 0; start < b->n; start += rows) {
        for (int k = 0; k < rows * b->ncols; k++) {
            const bval *v = &b->v[start * b->ncols + k];
            int p = k + 1;
            switch (v->t) {
            case V_INT: db_bind_int64(st, p, v->i); break;
            case V_REAL: db_bind_double(st, p, v->f); break;
            case V_TEXT: db_bind_text(st, p, v->s); break;
            default: db_bind_null(st, p);
            }
        }
        int rc = db_step(st);
        db_done(st);
        if (rc == DB_ERROR)
            return db_fail(b->d, e, b->what);
    }
    b->n = 0;
    return HH_OK;
}

static bval *mb_cell(mbatch *b)
{
    return &b->v[b->n * b->ncols + b->col++];
}
static void mb_int(mbatch *b, int64_t i)
{
    bval *v = mb_cell(b);
    v->t = V_INT;
    v->i = i;
}
static void mb_real(mbatch *b, double f)
{
    bval *v = mb_cell(b);
    v->t = isnan(f) ? V_NULL : V_REAL;
    v->f = f;
}
static void mb_text(mbatch *b, const char *s)
{
    bval *v = mb_cell(b);
    v->t = s ? V_TEXT : V_NULL;
    v->s = s;
}
static void mb_null(mbatch *b)
{
    mb_cell(b)->t = V_NULL;
}
static hh_err mb_row(mbatch *b, hh_error *e)
{
    b->col = 0;
    return ++b->n == ROWS ? mb_flush(b, e) : HH_OK;
}

/* ---- what the generator reads ---- */

/* The figures the answers, selection and goals use. */
enum { F_BACKLOG, F_VANDALISM, F_ENERGY, F_TURNOUT, F_UNSAFE, F_TURNOVER, F_VACANCY, F_ARREARS, F_OUTSIDE, NF };
static const char *const fig_code[NF] = { "maintenance_backlog_per_m2",
                                          "vandalism_cost_per_dwelling",
                                          "energy_per_m2",
                                          "meeting_turnout",
                                          "feeling_unsafe_share",
                                          "turnover_rate",
                                          "vacancy_share",
                                          "rent_arrears_per_tenancy",
                                          "outside_labour_share" };
/* The walk-through pair's selection through dlg_propose (stage 2 of the
 * domain); else written like the others. */
#define WALK_PROPOSE 1
#define NW 4 /* window of data years: latest - 3 .. latest */
#define NY 3 /* dialogue years: this year - 2 .. this year */

typedef struct ddep {
    int64_t id;
    int64_t org_no;
    int department_no;
    const char *muni, *name, *key;
    int build_year;
    int64_t dwellings;
    double fig[NF][NW];
    bool sup[NF][NW];
    int status[NW];        /* 0 none, 1 stable, 2 watch, 3 alarm */
    const char *links[NW]; /* the flagged links of the status, " (Slid, Utryghed)" */
    const char *lists[NY]; /* list categories of its areas in each dialogue year, as the sheet shows them */
    struct {
        int kf, year;
        double z;
    } trends[32]; /* figures worsening clearly (trend z >= DLG_TREND_Z) */
    int ntrends;
} ddep;

typedef struct gen {
    db *d;
    arena *a;
    demo_rng r;
    int64_t today;
    int year;   /* this year */
    int latest; /* the latest year with key figures */
    int kf[NF]; /* catalogue indexes */
    ddep *deps;
    size_t ndeps;
    int64_t *ids; /* department ids sorted with their index: pairs id, index */
    size_t nids;
} gen;

static double U(gen *g)
{
    return demo_rng_uniform(&g->r);
}

static int B(gen *g, int lo, int hi)
{
    return demo_rng_between(&g->r, lo, hi);
}

static ddep *dep_by_id(gen *g, int64_t id)
{
    size_t lo = 0, hi = g->nids;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (g->ids[2 * mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < g->nids && g->ids[2 * lo] == id ? &g->deps[g->ids[2 * lo + 1]] : NULL;
}

static int cmp_pair(const void *x, const void *y)
{
    int64_t a = ((const int64_t *)x)[0], b = ((const int64_t *)y)[0];
    return a < b ? -1 : a > b;
}

static int data_year(const gen *g, int y)
{
    return y < g->latest ? y : g->latest;
}

static int widx(const gen *g, int y)
{
    int w = y - (g->latest - NW + 1);
    return w < 0 ? -1 : w >= NW ? -1 : w;
}

/* The value of figure f in year y (NAN when none or suppressed). */
static double fig(const gen *g, const ddep *dp, int f, int y, bool *suppressed)
{
    int w = widx(g, y);
    if (suppressed)
        *suppressed = w >= 0 && dp->sup[f][w];
    return w < 0 || dp->sup[f][w] ? NAN : dp->fig[f][w];
}

static int status_in(const gen *g, const ddep *dp, int y)
{
    for (int w = widx(g, y); w >= 0; w--)
        if (dp->status[w])
            return dp->status[w];
    return 0;
}

static hh_err load(gen *g, hh_error *e)
{
    db *d = g->d;
    db_stmt *st = db_prepare(d, "SELECT MAX(year) FROM kf_value");
    if (!st)
        return db_fail(d, e, "read the demo key figures");
    g->latest = db_step(st) == DB_ROW && !db_col_null(st, 0) ? (int)db_col_int64(st, 0) : g->year - 1;
    db_done(st);
    for (int f = 0; f < NF; f++)
        if ((g->kf[f] = kf_find(fig_code[f])) < 0)
            return hh_fail(e, HH_ERR_INTERNAL, NULL, "unknown key figure %s", fig_code[f]);

    st = db_prepare(d, "SELECT d.id, d.org_no, d.department_no, d.municipality_code, d.name,"
                       " COALESCE(d.build_year, 0), d.dwellings_family + d.dwellings_elderly + d.dwellings_youth"
                       " FROM department d ORDER BY d.org_no, d.municipality_code, d.department_no");
    if (!st)
        return db_fail(d, e, "read the demo departments");
    size_t cap = 256;
    g->deps = xcalloc(cap, sizeof(ddep));
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (g->ndeps == cap) {
            g->deps = xrealloc(g->deps, 2 * cap * sizeof(ddep));
            memset(g->deps + cap, 0, cap * sizeof(ddep));
            cap *= 2;
        }
        ddep *dp = &g->deps[g->ndeps++];
        dp->id = db_col_int64(st, 0);
        dp->org_no = db_col_int64(st, 1);
        dp->department_no = (int)db_col_int64(st, 2);
        dp->muni = arena_strdup(g->a, db_col_text(st, 3));
        dp->name = arena_strdup(g->a, db_col_text(st, 4));
        dp->build_year = (int)db_col_int64(st, 5);
        dp->dwellings = db_col_int64(st, 6);
        dp->key = arena_printf(g->a, "%lld-%d", (long long)dp->org_no, dp->department_no);
        for (int f = 0; f < NF; f++)
            for (int w = 0; w < NW; w++)
                dp->fig[f][w] = NAN;
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read the demo departments");
    g->nids = g->ndeps;
    g->ids = xcalloc(2 * g->nids + 1, sizeof(int64_t));
    for (size_t i = 0; i < g->ndeps; i++)
        g->ids[2 * i] = g->deps[i].id, g->ids[2 * i + 1] = (int64_t)i;
    qsort(g->ids, g->nids, 2 * sizeof(int64_t), cmp_pair);

    /* Key figures of the window. */
    buf sql;
    buf_init(&sql, 0);
    buf_puts(&sql, "SELECT department_id, key_figure_id, year, numerator, denominator, value FROM kf_value"
                   " WHERE year >= ? AND key_figure_id IN (");
    for (int f = 0; f < NF; f++)
        buf_printf(&sql, "%s%lld", f ? ", " : "", (long long)kf_db_id(g->kf[f]));
    buf_puts(&sql, ")");
    st = db_prepare(d, buf_cstr(&sql));
    buf_free(&sql);
    if (!st)
        return db_fail(d, e, "read the demo key figures");
    /* Only the years the dialogues and their goals' outcomes read. */
    db_bind_int64(st, 1, data_year(g, g->year - NY + 1));
    while ((rc = db_step(st)) == DB_ROW) {
        ddep *dp = dep_by_id(g, db_col_int64(st, 0));
        int64_t kid = db_col_int64(st, 1);
        int w = widx(g, (int)db_col_int64(st, 2));
        if (!dp || w < 0)
            continue;
        for (int f = 0; f < NF; f++) {
            if (kf_db_id(g->kf[f]) != kid)
                continue;
            const key_figure *k = &kf_catalogue[g->kf[f]];
            kf_parts p = { .numerator = db_col_null(st, 3) ? NAN : db_col_double(st, 3),
                           .denominator = db_col_null(st, 4) ? NAN : db_col_double(st, 4),
                           .value = db_col_null(st, 5) ? NAN : db_col_double(st, 5),
                           .weighted = NAN,
                           .units = 1 };
            dp->fig[f][w] = kf_result(k, &p);
            dp->sup[f][w] = kf_suppressed(k, &p);
        }
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read the demo key figures");

    /* Early warning, with the flagged links (each reason starts with its
     * link's name) as dlg_rules_for names them. */
    st = db_prepare(d, "SELECT unit_id, year, status, reasons FROM warning_status WHERE level = 'department'"
                       " AND year >= ?");
    if (!st)
        return db_fail(d, e, "read the demo early warning");
    db_bind_int64(st, 1, g->latest - NW + 1);
    while ((rc = db_step(st)) == DB_ROW) {
        ddep *dp = dep_by_id(g, db_col_int64(st, 0));
        int w = widx(g, (int)db_col_int64(st, 1));
        const char *s = db_col_text(st, 2);
        if (!dp || w < 0)
            continue;
        dp->status[w] = strcmp(s, "alarm") == 0 ? 3 : strcmp(s, "watch") == 0 ? 2 : 1;
        dp->links[w] = "";
        if (dp->status[w] < 2)
            continue;
        json_error_t je;
        json_t *arr = json_loads(db_col_text(st, 3), 0, &je);
        buf lb;
        buf_init(&lb, 0);
        for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr); i++) {
            const char *r = json_string_value(json_array_get(arr, i));
            if (r)
                buf_printf(&lb, "%s%.*s", i ? ", " : " (", (int)strcspn(r, ":"), r);
        }
        if (lb.len)
            buf_puts(&lb, ")");
        dp->links[w] = arena_strdup(g->a, lb.len ? buf_cstr(&lb) : "");
        buf_free(&lb);
        json_decref(arr);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read the demo early warning");
    st = db_prepare(d, "SELECT unit_id, year, key_figure_id, trend_z FROM warning_figure WHERE level = 'department'"
                       " AND trend_z >= ? ORDER BY unit_id, year, key_figure_id");
    if (!st)
        return db_fail(d, e, "read the demo trends");
    db_bind_double(st, 1, DLG_TREND_Z);
    while ((rc = db_step(st)) == DB_ROW) {
        ddep *dp = dep_by_id(g, db_col_int64(st, 0));
        if (!dp || dp->ntrends == (int)HH_ARRAY_LEN(dp->trends))
            continue;
        dp->trends[dp->ntrends].year = (int)db_col_int64(st, 1);
        dp->trends[dp->ntrends].kf = (int)db_col_int64(st, 2) - 1;
        dp->trends[dp->ntrends].z = db_col_double(st, 3);
        dp->ntrends++;
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read the demo trends");

    /* Official lists: for each dialogue year the areas a department belongs
     * to that year and the categories of each area's latest list <= it, the
     * way the sheet reads them. */
    for (int j = 0; j < NY; j++) {
        int y = g->year - NY + 1 + j;
        char start[16], end[16];
        snprintf(start, sizeof start, "%04d-01-01", y);
        snprintf(end, sizeof end, "%04d-12-31", y);
        st = db_prepare(d, "SELECT m.department_id, a.name, (SELECT p.categories FROM list_published p"
                           " WHERE p.area_code = a.code AND p.year <= ? ORDER BY p.year DESC LIMIT 1),"
                           " (SELECT MAX(p.year) FROM list_published p WHERE p.area_code = a.code AND p.year <= ?)"
                           " FROM area_member m JOIN housing_area a ON a.id = m.area_id"
                           " WHERE m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to >= ?)"
                           " GROUP BY m.department_id, a.id, a.name, a.code ORDER BY m.department_id, a.name");
        if (!st)
            return db_fail(d, e, "read the demo lists");
        db_bind_int64(st, 1, y);
        db_bind_int64(st, 2, y);
        db_bind_text(st, 3, end);
        db_bind_text(st, 4, start);
        while ((rc = db_step(st)) == DB_ROW) {
            ddep *dp = dep_by_id(g, db_col_int64(st, 0));
            unsigned cats = 0;
            if (!dp || db_col_null(st, 2) || !list_cats_parse(db_col_text(st, 2), &cats, NULL) || !cats)
                continue;
            buf lb;
            buf_init(&lb, 0);
            buf_printf(&lb, "%s%s%s: ", dp->lists[j] ? dp->lists[j] : "", dp->lists[j] ? "; " : "", db_col_text(st, 1));
            bool first = true;
            for (int c = 0; c < CAT_COUNT; c++)
                if (cats & LIST_CAT_BIT(c)) {
                    buf_printf(&lb, "%s%s", first ? "" : ", ", list_cat_name_da[c]);
                    first = false;
                }
            buf_printf(&lb, " (%lld)", (long long)db_col_int64(st, 3));
            dp->lists[j] = arena_strdup(g->a, buf_cstr(&lb));
            buf_free(&lb);
        }
        db_done(st);
        if (rc == DB_ERROR)
            return db_fail(d, e, "read the demo lists");
    }
    return HH_OK;
}

/* ---- people ---- */

static const char *const first_names[] = { "Anne",  "Mette", "Lars",   "Jens",   "Hanne",  "Peter",
                                           "Sofie", "Mads",  "Fatma",  "Ahmed",  "Louise", "Søren",
                                           "Karin", "Yusuf", "Henrik", "Zainab", "Ida",    "Rasmus" };
static const char *const last_names[] = { "Demosen", "Eksempelsen", "Prøvesen", "Fiktivsen", "Modelsen" };

static const char *person(arena *a, uint64_t seed)
{
    return arena_printf(a, "%s %s", first_names[seed % HH_ARRAY_LEN(first_names)],
                        last_names[(seed / 31) % HH_ARRAY_LEN(last_names)]);
}

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* ---- deadlines and definitions (through the domain) ---- */

static int64_t deadline_day(const char *muni, int y, int *remind)
{
    uint64_t h = hash_text(muni);
    if (remind)
        *remind = 14 + (int)(h % 17);
    return days_from_civil(y, h % 3 == 0 ? 5 : 9, 1);
}

static hh_err deadlines(gen *g, hh_error *e)
{
    db_stmt *st = db_prepare(g->d, "SELECT DISTINCT municipality_code FROM department ORDER BY municipality_code");
    if (!st)
        return db_fail(g->d, e, "read the demo municipalities");
    char **munis = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap)
            munis = xrealloc(munis, (cap = cap ? 2 * cap : 64) * sizeof *munis);
        munis[n++] = (char *)arena_strdup(g->a, db_col_text(st, 0));
    }
    db_done(st);
    hh_err err = rc == DB_ERROR ? db_fail(g->d, e, "read the demo municipalities") : HH_OK;
    for (size_t i = 0; i < n && !err; i++) {
        for (int y = g->year - 3; y <= g->year && !err; y++) {
            dlg_deadline dl = { .municipality_code = munis[i], .year = y };
            dl.deadline = iso(g->a, deadline_day(munis[i], y, &dl.remind_days));
            err = dlg_deadline_put(g->d, NULL, &dl, e);
        }
    }
    free(munis);
    return err;
}

/* Three ways to say each definition (003:L1358-1406), and a sharper one an
 * organisation adopted last year. */
static const char *const definitions[DLG_QUESTIONS][4] = {
    { "Vedligeholdelsestilstanden er tilfredsstillende, når efterslæbet er under 100 kr. pr. m², der ikke er akutte "
      "skader på klimaskærmen, og langtidsplanen er opdateret inden for de seneste to år.",
      "Vedligeholdelsen er tilfredsstillende, når de planlagte arbejder i den 10-årige vedligeholdelsesplan er udført "
      "til tiden, og bygningsgennemgangen ikke viser skader, der forringer boligernes brugsværdi.",
      "Vi betragter vedligeholdelsestilstanden som tilfredsstillende, når henlæggelserne dækker de næste 10 års "
      "planlagte udgifter, og efterslæbet ikke stiger fra år til år.",
      "Vedligeholdelsestilstanden er tilfredsstillende, når efterslæbet er under 150 kr. pr. m², energiforbruget "
      "falder, og alle skader på tag, facader og vinduer er udbedret inden for et år." },
    { "Boligområdet er socialt velfungerende, når fraflytningen er under 10 %, højst 1 % af boligerne står ledige, "
      "og beboerne i trivselsundersøgelsen svarer, at de føler sig trygge.",
      "Et socialt velfungerende boligområde har en stabil beboersammensætning, få klager over støj og uro og et "
      "aktivt foreningsliv, som også de nye beboere deltager i.",
      "Området er socialt velfungerende, når det ikke er i skærpet opmærksomhed i den tidlige varsling, og andelen "
      "af utrygge beboere ligger under landsgennemsnittet.",
      "Boligområdet er socialt velfungerende, når det ikke er omfattet af de officielle lister, fraflytningen er "
      "under 12 %, og andelen uden for arbejdsmarkedet falder." },
    { "Boligområdet er tidssvarende, når boligerne har tidssvarende køkken og bad, energiforbruget er under 100 kWh "
      "pr. m², og der er niveaufri adgang til mindst en fjerdedel af boligerne.",
      "Vi anser afdelingen for tidssvarende, når boligstørrelser og indretning matcher efterspørgslen på "
      "ventelisten, og der ikke er boliger, der er svære at udleje.",
      "Afdelingen er tidssvarende, når den lever op til nutidens krav til tilgængelighed, indeklima og energi, og "
      "udearealerne indbyder til ophold for alle aldre.",
      "Boligområdet er tidssvarende, når energiforbruget er under 90 kWh pr. m², boligerne kan rumme familier og "
      "ældre, og udearealerne har plads til biodiversitet." },
    { "Beboerdemokratiet er velfungerende, når der holdes afdelingsmøde hvert år med et fremmøde på mindst 10 % af "
      "husstandene, og afdelingsbestyrelsen er fuldtallig.",
      "Et velfungerende beboerdemokrati har en valgt afdelingsbestyrelse, et årligt budgetmøde og en dialog med "
      "administrationen om drift og vedligehold.",
      "Beboerdemokratiet fungerer, når afdelingsbestyrelsen samarbejder med ejendomskontoret, og beboerne kender "
      "mulighederne for at få indflydelse.",
      "Beboerdemokratiet er velfungerende, når fremmødet på afdelingsmødet er mindst 12 %, nye beboere inviteres "
      "med, og der er valgt en bestyrelse i alle afdelinger." },
};

static hh_err org_definitions(gen *g, hh_error *e)
{
    db_stmt *st = db_prepare(g->d, "SELECT org_no FROM organisation ORDER BY org_no");
    if (!st)
        return db_fail(g->d, e, "read the demo organisations");
    int64_t *orgs = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (n == cap)
            orgs = xrealloc(orgs, (cap = cap ? 2 * cap : 64) * sizeof *orgs);
        orgs[n++] = db_col_int64(st, 0);
    }
    db_done(st);
    hh_err err = rc == DB_ERROR ? db_fail(g->d, e, "read the demo organisations") : HH_OK;
    /* Organisation 101 (the boligorganisation@ login's) through the domain;
     * the ~500 of the national demo in bulk, by the same rules (a known
     * question, a year, a text). */
    mbatch *b = xcalloc(1, sizeof *b);
    mb_init(b, g->d, "INSERT INTO org_definition (org_no, question, year_from, text, user_name, updated_at) VALUES ", 6,
            "write demo definitions");
    for (size_t i = 0; i < n && !err; i++) {
        int64_t org = orgs[i];
        const char *who = org == 101 ? "Bo Boligsen" : person(g->a, (uint64_t)org * 7 + 1);
        for (int q = 0; q < DLG_QUESTIONS && !err; q++) {
            /* A third of the organisations (and 101) sharpened one or two
             * definitions last year. */
            bool changes = org == 101 ? q == 0 || q == 3 : org % 3 == 0 && (q == (int)(org % 4) || q == 1);
            for (int v = 0; v < (changes ? 2 : 1) && !err; v++) {
                int from = v ? g->year - 1 : g->year - 3;
                const char *text = v ? definitions[q][3] : definitions[q][(org + q) % 3];
                if (org == 101) {
                    err = dlg_definition_put(g->d, NULL, org, q, from, text, e);
                    continue;
                }
                mb_int(b, org);
                mb_text(b, dlg_item_code[DLG_FIRST_QUESTION + q]);
                mb_int(b, from);
                mb_text(b, text);
                mb_text(b, who);
                mb_text(b, iso_time(g->a, days_from_civil(from, 2, 1) + (org % 20), 10));
                err = mb_row(b, e);
            }
        }
    }
    if (!err)
        err = mb_flush(b, e);
    free(b);
    free(orgs);
    return err;
}

/* ---- answers ---- */

static int band(double v, double b4, double b3, double b2, bool up)
{
    if (isnan(v))
        return 0;
    if (up)
        return v >= b4 ? 4 : v >= b3 ? 3 : v >= b2 ? 2 : 1;
    return v < b4 ? 4 : v < b3 ? 3 : v < b2 ? 2 : 1;
}

static int mean_score(int a, int b)
{
    if (!a)
        return b ? b : 3;
    if (!b)
        return a;
    return (a + b) / 2; /* the weaker side wins a tie */
}

typedef struct answer {
    int score;
    const char *text;
} answer;

static const char *sfx(int score, const char *good, const char *mid, const char *bad)
{
    return score >= 4 ? good : score == 3 ? mid : bad;
}

/* The scores of one department in data year y, with justifications citing
 * the figures. */
static void answers_for(gen *g, const ddep *dp, int y, answer out[DI_COUNT])
{
    arena *a = g->a;
    bool s_back, s_vand, s_en, s_turn, s_uns, s_tov, s_vac, s_arr, s_out;
    double back = fig(g, dp, F_BACKLOG, y, &s_back), vand = fig(g, dp, F_VANDALISM, y, &s_vand),
           energy = fig(g, dp, F_ENERGY, y, &s_en), turnout = fig(g, dp, F_TURNOUT, y, &s_turn),
           unsafe = fig(g, dp, F_UNSAFE, y, &s_uns), turnover = fig(g, dp, F_TURNOVER, y, &s_tov),
           vacancy = fig(g, dp, F_VACANCY, y, &s_vac), arrears = fig(g, dp, F_ARREARS, y, &s_arr),
           outside = fig(g, dp, F_OUTSIDE, y, &s_out);
    int status = status_in(g, dp, y);
    const char *st_da = status == 3 ? "alarm" : "skærpet opmærksomhed";

    int sb = band(back, 150, 250, 400, false);
    int sv = band(vand, 200, 400, 650, false);
    int se = band(energy, 90, 105, 120, false);
    int st = band(turnout, 14, 10, 6, true);
    int su = band(unsafe, 15, 25, 35, false);
    int so = band(turnover, 9, 13, 18, false);
    int sva = band(vacancy, 0.5, 1.5, 3, false);
    int sa = band(arrears, 1000, 1800, 2600, false);
    int sl = band(outside, 20, 30, 40, false);

    /* effective operation: vacancy and arrears */
    int s = mean_score(sva, sa);
    out[DI_EFFECTIVE_OPERATION].score = s;
    out[DI_EFFECTIVE_OPERATION].text =
        isnan(vacancy) || isnan(arrears)
            ? arena_printf(a,
                           "Tallene for %d bygger på under 5 lejemål og vises ikke; driften vurderes ud fra "
                           "driftsbudgettet, som er overholdt.",
                           y)
            : arena_printf(a, "%s %% ledige boliger og huslejerestancer på %s kr. pr. lejemål (%d)%s",
                           num_da(a, vacancy, 1), num_da(a, arrears, 0), y,
                           sfx(s, ". Driften holder budgettet, og udlejningen går hurtigt.",
                               ". Driften er stabil; restancerne følges månedligt.",
                               ". Udlejningen er træg, og vi har sat ind med tidlig kontakt om restancer."));
    /* socially well functioning: outside the labour market, early warning */
    s = sl ? sl : 3;
    if (status >= 2 && s > 2)
        s = 2;
    if (status == 3)
        s = 1;
    out[DI_SOCIALLY_WELL_FUNCTIONING].score = s;
    out[DI_SOCIALLY_WELL_FUNCTIONING].text =
        status >= 2 ? arena_printf(a, "Tidlig varsling: %s (%d). %s %% af de voksne er uden for arbejdsmarkedet.",
                                   st_da, y, isnan(outside) ? "<5" : num_da(a, outside, 1))
        : isnan(outside)
            ? arena_printf(a, "Tallet for beskæftigelse bygger på under 5 beboere (%d); ingen varsling.", y)
            : arena_printf(a, "%s %% af de voksne er uden for arbejdsmarkedet (%d)%s", num_da(a, outside, 1), y,
                           sfx(s, "; afdelingen er stabil.", "; på niveau med kommunen.",
                               "; samarbejdet med jobcentret er styrket."));
    /* physical state: backlog and vandalism */
    s = mean_score(sb, sv);
    out[DI_PHYSICAL_STATE].score = s;
    out[DI_PHYSICAL_STATE].text =
        isnan(back) ? arena_printf(a, "Bygningsgennemgangen %d viser ingen akutte skader.", y)
                    : arena_printf(a, "Efterslæb på %s kr. pr. m² og hærværk for %s kr. pr. bolig (%d)%s",
                                   num_da(a, back, 0), isnan(vand) ? "<5" : num_da(a, vand, 0), y,
                                   sfx(s, ". Bygningerne fremstår velholdte.",
                                       ". Enkelte facader og trappeopgange trænger til istandsættelse.",
                                       ". Tag, vinduer og opgange trænger til renovering."));
    /* maintenance */
    out[DI_MAINTENANCE].score = sb ? sb : 3;
    out[DI_MAINTENANCE].text =
        isnan(back) ? arena_printf(a, "Langtidsplanen er opdateret i %d; arbejderne følger planen.", y)
                    : arena_printf(a, "Efterslæbet er %s kr. pr. m² (%d)%s", num_da(a, back, 0), y,
                                   sfx(sb, " – under grænsen i vores definition.",
                                       " – lidt over vores grænse; arbejderne er planlagt i langtidsplanen.",
                                       " – klart over vores grænse. Renovering af tag og vinduer er prioriteret, og "
                                       "der søges støtte fra Landsbyggefonden."));
    /* social: unsafe, turnover, early warning */
    s = mean_score(su, so);
    if (status >= 2 && s > 2)
        s = 2;
    if (status == 3)
        s = 1;
    out[DI_SOCIAL].score = s;
    out[DI_SOCIAL].text =
        arena_printf(a, "%s %% af beboerne føler sig utrygge, og fraflytningen er %s %% (%d)%s%s",
                     isnan(unsafe) ? "<5" : num_da(a, unsafe, 1), isnan(turnover) ? "<5" : num_da(a, turnover, 1), y,
                     status >= 2 ? arena_printf(a, ". Tidlig varsling: %s", st_da) : "",
                     sfx(s, ". Området er roligt, og beboerne bliver boende.",
                         ". Vi følger trygheden i den årlige trivselsundersøgelse.",
                         ". Der er indgået aftale med kommunen om en boligsocial indsats."));
    /* contemporary: energy and age */
    s = se ? se : 3;
    if (dp->build_year >= 2000 && s < 4)
        s++;
    if (dp->build_year && dp->build_year < 1960 && s > 2)
        s--;
    out[DI_CONTEMPORARY].score = s;
    out[DI_CONTEMPORARY].text = arena_printf(
        a, "Opført %d; energiforbrug %s kWh pr. m² (%d)%s", dp->build_year, isnan(energy) ? "<5" : num_da(a, energy, 0),
        y,
        sfx(s, ". Boligerne er tidssvarende.", ". Køkkener og bad moderniseres løbende ved fraflytning.",
            ". Boligerne mangler elevator og har gamle installationer; en helhedsplan er under forberedelse."));
    /* democracy: turnout */
    s = st ? st : 2;
    out[DI_DEMOCRACY].score = s;
    out[DI_DEMOCRACY].text =
        isnan(turnout)
            ? arena_printf(a,
                           "Under 5 husstande mødte op til afdelingsmødet i %d; der arbejdes på at genetablere "
                           "afdelingsbestyrelsen.",
                           y)
            : arena_printf(a, "Fremmøde på afdelingsmødet %s %% (%d)%s", num_da(a, turnout, 1), y,
                           sfx(s, "; bestyrelsen er fuldtallig.", "; bestyrelsen har en ledig plads.",
                               "; bestyrelsen er ikke fuldtallig, og vi inviterer nye beboere særskilt."));
    /* A judgement call now and then: one step either way, never above the
     * caps the data set. */
    for (int i = 0; i < DI_COUNT; i++) {
        double u = U(g);
        if (u < 0.06 && out[i].score > 1)
            out[i].score--;
        else if (u > 0.96 && out[i].score < 4 && status < 2 && i != DI_MAINTENANCE)
            out[i].score++;
        if (out[i].score < 1)
            out[i].score = 1;
        if (out[i].score > 4)
            out[i].score = 4;
    }
}

/* ---- selection ---- */

/* The rules of dlg_rules_for over what the generator read: the status of
 * the latest warning year <= the dialogue's, the lists of its areas that
 * year, the figures beside the items worsening clearly in that warning
 * year; the reasons worded the same way. */
static unsigned rules_for(gen *g, const ddep *dp, int j, const char **reasons)
{
    int y = data_year(g, g->year - NY + 1 + j);
    unsigned rules = 0;
    buf b;
    buf_init(&b, 0);
    int wy = 0, status = 0;
    for (int w = widx(g, y); w >= 0 && !wy; w--)
        if (dp->status[w])
            wy = g->latest - NW + 1 + w, status = dp->status[w];
    if (status >= 2) {
        rules |= 1u << DR_WARNING;
        int w = widx(g, wy);
        buf_printf(&b, "Tidlig varsling %d: %s%s", wy, warn_status_label[status == 3 ? WARN_ALARM : WARN_WATCH],
                   dp->links[w] ? dp->links[w] : "");
    }
    if (dp->lists[j]) {
        rules |= 1u << DR_LIST;
        buf_printf(&b, "%sPå områdelisten: %s", b.len ? "\n" : "", dp->lists[j]);
    }
    int seen[64];
    size_t nseen = 0;
    for (int it = 0; it < DI_COUNT && wy; it++)
        for (const char *const *c = dlg_item_figures[it]; *c; c++) {
            int kf = kf_find(*c);
            bool dup = false;
            for (size_t k = 0; k < nseen && !dup; k++)
                dup = seen[k] == kf;
            if (dup)
                continue;
            for (int t = 0; t < dp->ntrends; t++) {
                if (dp->trends[t].kf != kf || dp->trends[t].year != wy)
                    continue;
                if (nseen < HH_ARRAY_LEN(seen))
                    seen[nseen++] = kf;
                rules |= 1u << DR_TREND;
                buf_printf(&b, "%sTydelig forværring: %s (trend z = %s)", b.len ? "\n" : "", kf_catalogue[kf].name_da,
                           num_da(g->a, dp->trends[t].z, 1));
            }
        }
    *reasons = arena_strdup(g->a, b.len ? buf_cstr(&b) : "");
    buf_free(&b);
    return rules;
}

static const char *rule_codes(gen *g, unsigned rules)
{
    buf b;
    buf_init(&b, 0);
    for (int r = 0; r < DR_COUNT; r++)
        if (rules & (1u << r))
            buf_printf(&b, "%s%s", b.len ? "," : "", dlg_rule_code[r]);
    const char *out = arena_strdup(g->a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

typedef struct swot {
    const char *s, *w, *o, *t;
} swot;

static swot swot_for(gen *g, const ddep *dp, const answer *ans, int y)
{
    arena *a = g->a;
    static const char *const strengths[] = {
        "Engageret afdelingsbestyrelse og et godt samarbejde med ejendomskontoret.",
        "Store, grønne udearealer og en stabil kerne af beboere, der har boet her længe.",
        "Velfungerende beboerhus med mange aktiviteter for børn og unge.",
        "God beliggenhed tæt på skole, indkøb og offentlig transport.",
    };
    static const char *const opportunities[] = {
        "Helhedsplan med støtte fra Landsbyggefonden; samarbejde med kommunens jobcenter om beskæftigelse.",
        "Fleksibel udlejning og kombineret udlejning kan give en mere blandet beboersammensætning.",
        "Energirenovering kan sænke forbruget og gøre boligerne mere attraktive.",
        "Nye fællesaktiviteter i samarbejde med lokale foreninger.",
    };
    int weakest = 0;
    for (int i = 1; i < DI_COUNT; i++)
        if (ans[i].score < ans[weakest].score)
            weakest = i;
    double back = fig(g, dp, F_BACKLOG, y, NULL), unsafe = fig(g, dp, F_UNSAFE, y, NULL),
           turnover = fig(g, dp, F_TURNOVER, y, NULL);
    swot s;
    s.s = strengths[(dp->org_no * 31 + dp->department_no + y) % HH_ARRAY_LEN(strengths)];
    s.w = arena_printf(a, "Svagest vurderet: %s (%s). %s", dlg_item_label[weakest], dlg_scale_label[ans[weakest].score],
                       isnan(back) ? "" : arena_printf(a, "Efterslæb på %s kr. pr. m².", num_da(a, back, 0)));
    s.o = opportunities[(dp->org_no * 17 + dp->department_no + 2 * y) % HH_ARRAY_LEN(opportunities)];
    s.t = arena_printf(a, "%s%s",
                       isnan(turnover)
                           ? "Risiko for stigende fraflytning."
                           : arena_printf(a, "Fraflytning på %s %% kan stige yderligere. ", num_da(a, turnover, 1)),
                       isnan(unsafe) ? "" : arena_printf(a, "%s %% føler sig utrygge.", num_da(a, unsafe, 1)));
    return s;
}

/* ---- goals ---- */

/* The figure a goal for the weakest item is tied to. */
static int goal_figure(int item)
{
    switch (item) {
    case DI_MAINTENANCE:
    case DI_PHYSICAL_STATE: return F_BACKLOG;
    case DI_SOCIAL: return F_UNSAFE;
    case DI_SOCIALLY_WELL_FUNCTIONING: return F_TURNOVER;
    case DI_EFFECTIVE_OPERATION: return F_ARREARS;
    case DI_CONTEMPORARY: return F_ENERGY;
    default: return F_TURNOUT;
    }
}

static double round_to(double v, double step)
{
    return round(v / step) * step;
}

static const char *goal_title(gen *g, int f, double target)
{
    arena *a = g->a;
    switch (f) {
    case F_BACKLOG:
        return arena_printf(a, "Nedbring efterslæbet på vedligehold til højst %s kr. pr. m²", num_da(a, target, 0));
    case F_UNSAFE: return arena_printf(a, "Færre utrygge beboere: højst %s %%", num_da(a, target, 1));
    case F_TURNOVER: return arena_printf(a, "Lavere fraflytning: højst %s %%", num_da(a, target, 1));
    case F_ARREARS: return arena_printf(a, "Huslejerestancer under %s kr. pr. lejemål", num_da(a, target, 0));
    case F_ENERGY: return arena_printf(a, "Energiforbrug under %s kWh pr. m²", num_da(a, target, 0));
    default: return arena_printf(a, "Fremmøde på afdelingsmødet på mindst %s %%", num_da(a, target, 1));
    }
}

/* ---- the dialogues ---- */

typedef struct batches {
    mbatch tr, ans, sel, goal;
} batches;

typedef struct pair {
    int64_t org_no;
    const char *org_name;
    const char *muni, *muni_name;
    size_t first, n; /* departments g->deps[first .. first + n) */
} pair;

/* A day of this year's or an earlier year's process, never in the future and
 * never before the previous step. */
static int64_t step_day(gen *g, int64_t planned, int64_t *prev)
{
    int64_t t = planned > g->today ? g->today : planned;
    if (t < *prev)
        t = *prev;
    *prev = t;
    return t;
}

static hh_err add_transition(gen *g, batches *bt, int64_t id, const char *from, const char *to, int64_t day,
                             const char *comment, const char *who, hh_error *e)
{
    mbatch *b = &bt->tr;
    mb_int(b, id);
    mb_text(b, from);
    mb_text(b, to);
    mb_text(b, iso(g->a, day));
    mb_text(b, comment ? comment : "");
    mb_text(b, who);
    mb_text(b, iso_time(g->a, day, 9 + (int)(day % 7)));
    return mb_row(b, e);
}

static hh_err insert_dialogue(gen *g, const pair *p, int y, dlg_state state, const char *summary,
                              const char *meeting_date, const char *minutes, const char *published_at,
                              const char *created_at, const char *updated_at, int64_t *id, hh_error *e)
{
    db_stmt *st = db_prepare(g->d, "INSERT INTO dialogue (org_no, municipality_code, year, state, summary,"
                                   " meeting_date, minutes, published_at, created_at, updated_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fail(g->d, e, "prepare demo dialogues");
    db_bind_int64(st, 1, p->org_no);
    db_bind_text(st, 2, p->muni);
    db_bind_int64(st, 3, y);
    db_bind_text(st, 4, dlg_state_code[state]);
    db_bind_text(st, 5, summary);
    if (meeting_date)
        db_bind_text(st, 6, meeting_date);
    else
        db_bind_null(st, 6);
    db_bind_text(st, 7, minutes);
    if (published_at)
        db_bind_text(st, 8, published_at);
    else
        db_bind_null(st, 8);
    db_bind_text(st, 9, created_at);
    db_bind_text(st, 10, updated_at);
    int rc = db_step(st);
    if (rc == DB_ROW)
        *id = db_col_int64(st, 0);
    db_done(st);
    return rc == DB_ROW ? HH_OK : db_fail(g->d, e, "write demo dialogues");
}

/* One dialogue of pair p in year index j (0: the year before last). */
static hh_err dialogue_one(gen *g, batches *bt, const pair *p, int j, dlg_state state, bool walk, hh_error *e)
{
    arena *a = g->a;
    int y = g->year - NY + 1 + j, dy = data_year(g, y);
    bool current = j == NY - 1;
    int remind;
    int64_t deadline = deadline_day(p->muni, y, &remind);
    uint64_t ph = hash_text(p->muni) ^ (uint64_t)p->org_no * 2654435761u;
    const char *org_person = person(a, ph);
    const char *muni_person = strcmp(p->muni, "0101") == 0 ? "Kim Kommunesen" : person(a, ph / 7 + 3);
    bool walk_pair = p->org_no == 101 && strcmp(p->muni, "0101") == 0;
    int followed = 0;
    unsigned used_figs = 0;
    if (walk_pair)
        org_person = "Bo Boligsen";

    /* The answers, the selection and the SWOTs first: the summary and
     * minutes quote them. */
    answer *ans = arena_alloc(a, p->n * DI_COUNT * sizeof(answer));
    int *answered = arena_alloc(a, p->n * sizeof(int));
    unsigned *rules = arena_alloc(a, p->n * sizeof(unsigned));
    const char **reasons = arena_alloc(a, p->n * sizeof(char *));
    bool *selected = arena_alloc(a, p->n * sizeof(bool)), *confirmed = arena_alloc(a, p->n * sizeof(bool));
    size_t nsel = 0, nconf = 0;
    for (size_t i = 0; i < p->n; i++) {
        const ddep *dp = &g->deps[p->first + i];
        answers_for(g, dp, dy, &ans[i * DI_COUNT]);
        answered[i] = DI_COUNT;
        if (state == DS_PREPARING) {
            double u = U(g);
            if (walk)
                answered[i] = i + 1 == p->n ? 0 : i + 2 == p->n ? 3 : DI_COUNT;
            else
                answered[i] = u < 0.6 ? DI_COUNT : u < 0.8 ? B(g, 1, DI_COUNT - 1) : 0;
        }
        rules[i] = rules_for(g, dp, j, &reasons[i]);
        selected[i] = rules[i] != 0;
        confirmed[i] = selected[i] && (state != DS_PREPARING || (!walk && U(g) < 0.5));
        nsel += selected[i];
    }
    /* No department flagged: now and then the organisation picks its weakest. */
    if (nsel == 0 && p->n >= 3 && U(g) < 0.3) {
        size_t worst = 0;
        int worst_sum = 99;
        for (size_t i = 0; i < p->n; i++) {
            int sum = 0;
            for (int k = 0; k < DI_COUNT; k++)
                sum += ans[i * DI_COUNT + k].score;
            if (sum < worst_sum)
                worst_sum = sum, worst = i;
        }
        selected[worst] = true;
        confirmed[worst] = state != DS_PREPARING;
        nsel = 1;
    }
    for (size_t i = 0; i < p->n; i++)
        nconf += confirmed[i];

    /* The process: created, submitted (perhaps returned and submitted
     * again), meeting, published. */
    int64_t prev = days_from_civil(y, 1, 2);
    int64_t created = step_day(g, deadline - B(g, 45, 100), &prev);
    int64_t submitted = 0, returned = 0, resubmitted = 0, meeting = 0, published = 0;
    bool returned_once = state == DS_RETURNED || (state >= DS_MEETING_HELD && U(g) < 0.15);
    if (state != DS_PREPARING) {
        submitted = step_day(g, deadline - B(g, -12, 20), &prev);
        if (returned_once) {
            returned = step_day(g, submitted + B(g, 5, 15), &prev);
            if (state != DS_RETURNED)
                resubmitted = step_day(g, returned + B(g, 5, 15), &prev);
        }
        if (state >= DS_MEETING_HELD)
            meeting = step_day(g, prev + B(g, 20, 45), &prev);
        if (state == DS_PUBLISHED)
            published = step_day(g, meeting + B(g, 10, 30), &prev);
    }
    (void)remind;
    (void)current;

    const char *sel_names = "";
    {
        buf b;
        buf_init(&b, 0);
        for (size_t i = 0; i < p->n; i++)
            if (state == DS_PREPARING ? selected[i] : confirmed[i])
                buf_printf(&b, "%s%s", b.len ? ", " : "", g->deps[p->first + i].name);
        sel_names = arena_strdup(a, buf_cstr(&b));
        buf_free(&b);
    }
    int64_t dwellings = 0;
    for (size_t i = 0; i < p->n; i++)
        dwellings += g->deps[p->first + i].dwellings;
    const char *summary =
        state == DS_PREPARING && !walk && U(g) < 0.5
            ? ""
            : arena_printf(
                  a,
                  "%s har %zu %s med %lld boliger i %s Kommune. Nøgletallene for %d og den tidlige "
                  "varsling er gennemgået afdeling for afdeling. %s",
                  p->org_name, p->n, p->n == 1 ? "afdeling" : "afdelinger", (long long)dwellings, p->muni_name, dy,
                  state == DS_PREPARING && nsel ? arena_printf(a, "Data foreslår nærmere gennemgang af: %s.", sel_names)
                  : nconf                       ? arena_printf(a, "Til nærmere gennemgang er udvalgt: %s.", sel_names)
                          : "Ingen afdelinger er udvalgt til nærmere gennemgang; driften er stabil.");
    const char *minutes = "";
    if (meeting)
        minutes = arena_printf(
            a,
            "Styringsdialogmøde %s mellem %s og %s Kommune. Dokumentationen for %d blev gennemgået. %s Aftalt: "
            "mål for %d som beskrevet i dialogen; kommunen følger op på næste års møde. Referent: %s.",
            date_da(a, meeting), p->org_name, p->muni_name, y,
            nconf ? arena_printf(a, "Drøftet særligt: %s.", sel_names)
                  : "Ingen afdelinger gav anledning til bekymring.",
            y + 1, muni_person);
    int64_t last = published     ? published
                   : meeting     ? meeting
                   : resubmitted ? resubmitted
                   : returned    ? returned
                   : submitted   ? submitted
                                 : created;
    int64_t id = 0;
    hh_err rc = insert_dialogue(g, p, y, state, summary, meeting ? iso(a, meeting) : NULL, minutes,
                                published ? iso_time(a, published, 12) : NULL, iso_time(a, created, 8),
                                iso_time(a, last, 15), &id, e);
    if (rc)
        return rc;

    /* The history. */
    rc = add_transition(g, bt, id, NULL, "preparing", created, "", org_person, e);
    if (!rc && submitted)
        rc = add_transition(g, bt, id, "preparing", "submitted", submitted, "", org_person, e);
    if (!rc && returned) {
        const ddep *first = &g->deps[p->first];
        const char *comment = arena_printf(
            a,
            "Kommunen savner en uddybende begrundelse for vurderingen af vedligeholdelsen i %s og en plan for de "
            "udvalgte afdelinger. Send venligst materialet igen senest %s.",
            first->name, date_da(a, returned + 21));
        rc = add_transition(g, bt, id, "submitted", "returned", returned, comment, muni_person, e);
    }
    if (!rc && resubmitted)
        rc = add_transition(g, bt, id, "returned", "submitted", resubmitted, "Begrundelserne er uddybet.", org_person,
                            e);
    if (!rc && meeting)
        rc = add_transition(g, bt, id, "submitted", "meeting_held", meeting, "", muni_person, e);
    if (!rc && published)
        rc = add_transition(g, bt, id, "meeting_held", "published", published, "", muni_person, e);

    /* The answers (the walk-through pair's this year go through the domain
     * below). */
    const char *answered_at = iso_time(a, submitted ? submitted : created + (prev - created) / 2, 10);
    for (size_t i = 0; i < p->n && !rc && !walk; i++) {
        const ddep *dp = &g->deps[p->first + i];
        for (int k = 0; k < answered[i] && !rc; k++) {
            mbatch *b = &bt->ans;
            mb_int(b, id);
            mb_int(b, dp->id);
            mb_text(b, dlg_item_code[k]);
            mb_int(b, ans[i * DI_COUNT + k].score);
            mb_text(b, ans[i * DI_COUNT + k].text);
            mb_text(b, org_person);
            mb_text(b, answered_at);
            rc = mb_row(b, e);
        }
    }
    /* The selection with SWOTs for the confirmed. */
    for (size_t i = 0; i < p->n && !rc && (!walk || !WALK_PROPOSE); i++) {
        if (!selected[i])
            continue;
        const ddep *dp = &g->deps[p->first + i];
        swot s = confirmed[i] ? swot_for(g, dp, &ans[i * DI_COUNT], dy) : (swot){ "", "", "", "" };
        mbatch *b = &bt->sel;
        mb_int(b, id);
        mb_int(b, dp->id);
        mb_int(b, rules[i] ? 1 : 0);
        mb_text(b, rule_codes(g, rules[i]));
        mb_text(b, reasons[i]);
        mb_int(b, confirmed[i] ? 1 : 0);
        mb_text(b, confirmed[i] ? org_person : "");
        mb_text(b, s.s);
        mb_text(b, s.w);
        mb_text(b, s.o);
        mb_text(b, s.t);
        rc = mb_row(b, e);
    }
    /* Goals for the coming year: one per confirmed department on its
     * weakest item's figure, and now and then one for the organisation. */
    for (size_t i = 0; i < p->n && !rc && state != DS_PREPARING; i++) {
        if (!confirmed[i])
            continue;
        const ddep *dp = &g->deps[p->first + i];
        const answer *an = &ans[i * DI_COUNT];
        /* The weakest item; ties go round so the goals vary. */
        int start = (int)((dp->org_no * 13 + dp->department_no + y) % DI_COUNT), weakest = start;
        for (int k = 1; k < DI_COUNT; k++)
            if (an[(start + k) % DI_COUNT].score < an[weakest].score)
                weakest = (start + k) % DI_COUNT;
        /* Varied goals: an item almost as weak whose figure this dialogue
         * has no goal on yet. */
        for (int k = 0; k < DI_COUNT; k++) {
            int it = (start + k) % DI_COUNT;
            if (an[it].score <= an[weakest].score + 1 && !(used_figs & (1u << goal_figure(it)))) {
                weakest = it;
                break;
            }
        }
        int f = goal_figure(weakest);
        used_figs |= 1u << f;
        double base = fig(g, dp, f, dy, NULL);
        if (isnan(base)) {
            f = F_BACKLOG;
            base = fig(g, dp, f, dy, NULL);
        }
        if (isnan(base))
            continue;
        const key_figure *k = &kf_catalogue[g->kf[f]];
        bool up = k->good == DIR_UP;
        double step = f == F_BACKLOG || f == F_ARREARS ? 10 : f == F_ENERGY ? 1 : 0.1;
        double target = round_to(up ? base * (1.1 + 0.25 * U(g)) + 0.5 : base * (0.8 + 0.12 * U(g)), step);
        /* The outcome when the next year's figures are in: ambitious or
         * within reach. */
        double actual = y + 1 <= g->latest ? fig(g, dp, f, y + 1, NULL) : NAN;
        if (!isnan(actual)) {
            bool improved = up ? actual > base : actual < base;
            double u = U(g);
            if (improved && u < 0.8)
                target = round_to((base + actual) / 2, step); /* within reach: met */
            else if (!improved && u < 0.3)                    /* hold the level: met */
                target = up ? floor(actual / step) * step : ceil(actual / step) * step;
        }
        if (target == round_to(base, step) &&
            (isnan(actual) || (up ? actual >= target + step : actual <= target - step)))
            target = up ? target + step : target - step;
        const char *follow = "";
        if (j == 0 && !isnan(actual)) {
            bool met = up ? actual >= target : actual <= target;
            follow =
                met ? arena_printf(a, "Målet er nået: %s er %s %s (%d). Indsatsen videreføres.", k->name_da,
                                   num_da(a, actual, step < 1 ? 1 : 0), k->unit, y + 1)
                    : arena_printf(a, "Målet er ikke nået: %s er %s %s (%d) mod målet %s %s. %s", k->name_da,
                                   num_da(a, actual, step < 1 ? 1 : 0), k->unit, y + 1,
                                   num_da(a, target, step < 1 ? 1 : 0), k->unit, "Indsatsen justeres og fortsætter.");
        } else if (j == NY - 2 && (walk_pair ? followed++ == 0 : U(g) < 0.5)) {
            follow = arena_printf(a, "Tallene for %d foreligger endnu ikke. Arbejdet er i gang: %s", y + 1,
                                  f == F_BACKLOG ? "de første vedligeholdelsesarbejder er udført."
                                                 : "indsatsen er sat i gang sammen med afdelingsbestyrelsen.");
        }
        mbatch *b = &bt->goal;
        mb_int(b, id);
        mb_int(b, dp->id);
        mb_text(b, goal_title(g, f, target));
        mb_text(b, k->code);
        mb_int(b, dy);
        mb_real(b, base);
        mb_real(b, target);
        mb_int(b, y + 1);
        mb_text(b, follow);
        rc = mb_row(b, e);
    }
    if (!rc && state != DS_PREPARING && U(g) < 0.2) {
        mbatch *b = &bt->goal;
        mb_int(b, id);
        mb_null(b);
        static const char *const org_goals[] = {
            "Flere beboere i afdelingsbestyrelserne og et fællesmøde for alle bestyrelser",
            "Opdaterede langtidsplaner for alle afdelinger i kommunen",
            "Fælles plan for tryghed og trivsel med kommunens boligsociale team",
        };
        mb_text(b, org_goals[(p->org_no + y) % HH_ARRAY_LEN(org_goals)]);
        mb_text(b, NULL);
        mb_null(b);
        mb_real(b, NAN);
        mb_real(b, NAN);
        mb_int(b, y + 1);
        mb_text(b, j == 0 ? "Fulgt op: arbejdet er gennemført som aftalt og afrapporteret til kommunen." : "");
        rc = mb_row(b, e);
    }
    if (rc || !walk)
        return rc;

    /* The walk-through pair: its answers, selection and a confirmation
     * through the domain, as a user would make them. */
    for (int b_ = 0; b_ < 4 && !rc; b_++)
        rc = mb_flush(b_ == 0 ? &bt->tr : b_ == 1 ? &bt->ans : b_ == 2 ? &bt->sel : &bt->goal, e);
    for (size_t i = 0; i < p->n && !rc; i++)
        for (int k = 0; k < answered[i] && !rc; k++)
            rc = dlg_answer_put(g->d, NULL, id, g->deps[p->first + i].id, (dlg_item)k, ans[i * DI_COUNT + k].score,
                                ans[i * DI_COUNT + k].text, e);
#if WALK_PROPOSE
    if (!rc)
        rc = dlg_propose(g->d, NULL, a, id, e);
    dlg_selection *sels = NULL;
    size_t ns = 0;
    if (!rc)
        rc = dlg_selections(g->d, NULL, a, id, &sels, &ns, e);
    if (!rc && ns > 0) {
        /* The first flagged department confirmed with its SWOT. */
        dlg_selection s = sels[0];
        const ddep *dp = dep_by_id(g, s.department_id);
        size_t i = dp ? (size_t)(dp - &g->deps[p->first]) : 0;
        swot w = swot_for(g, dp ? dp : &g->deps[p->first], &ans[i * DI_COUNT], dy);
        s.confirmed = true;
        s.confirmed_by = org_person;
        s.strengths = w.s;
        s.weaknesses = w.w;
        s.opportunities = w.o;
        s.threats = w.t;
        rc = dlg_selection_put(g->d, NULL, id, &s, e);
    }
#endif
    return rc;
}

hh_err demo_dialogue_clear(db *d, const demo_options *opt, hh_error *e)
{
    (void)opt;
    /* History, answers, selections and goals go with their dialogue (ON
     * DELETE CASCADE). */
    static const char *const wipe[] = { "DELETE FROM dialogue", "DELETE FROM dialogue_deadline",
                                        "DELETE FROM org_definition" };
    for (size_t i = 0; i < HH_ARRAY_LEN(wipe); i++)
        if (db_exec(d, wipe[i], e))
            return HH_ERR_DB;
    if (db_get_kind(d) == DB_POSTGRES) {
        static const char *const reset[] = {
            "SELECT setval(pg_get_serial_sequence('dialogue', 'id'), 1, false)",
            "SELECT setval(pg_get_serial_sequence('dialogue_transition', 'id'), 1, false)",
            "SELECT setval(pg_get_serial_sequence('dialogue_goal', 'id'), 1, false)",
        };
        for (size_t i = 0; i < HH_ARRAY_LEN(reset); i++) {
            db_stmt *st = db_prepare(d, reset[i]);
            int rc = st ? db_step(st) : DB_ERROR;
            if (st)
                db_done(st);
            if (rc == DB_ERROR)
                return db_fail(d, e, "restart dialogue ids");
        }
    }
    return HH_OK;
}

static hh_err read_pairs(gen *g, pair **out, size_t *n, hh_error *e)
{
    /* Names of the organisations and municipalities. */
    db_stmt *st = db_prepare(g->d, "SELECT o.org_no, o.name, m.code, m.name FROM organisation o"
                                   " JOIN department d ON d.org_no = o.org_no"
                                   " JOIN municipality m ON m.code = d.municipality_code"
                                   " GROUP BY o.org_no, o.name, m.code, m.name ORDER BY o.org_no, m.code");
    if (!st)
        return db_fail(g->d, e, "read the demo pairs");
    size_t cap = 64, np = 0, di = 0;
    pair *ps = xcalloc(cap, sizeof(pair));
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (np == cap) {
            ps = xrealloc(ps, 2 * cap * sizeof(pair));
            cap *= 2;
        }
        pair *p = &ps[np++];
        p->org_no = db_col_int64(st, 0);
        p->org_name = arena_strdup(g->a, db_col_text(st, 1));
        p->muni = arena_strdup(g->a, db_col_text(st, 2));
        p->muni_name = arena_strdup(g->a, db_col_text(st, 3));
        /* The departments are read in the same order. */
        while (di < g->ndeps && (g->deps[di].org_no < p->org_no ||
                                 (g->deps[di].org_no == p->org_no && strcmp(g->deps[di].muni, p->muni) < 0)))
            di++;
        p->first = di;
        while (di < g->ndeps && g->deps[di].org_no == p->org_no && strcmp(g->deps[di].muni, p->muni) == 0)
            di++;
        p->n = di - p->first;
    }
    db_done(st);
    if (rc == DB_ERROR) {
        free(ps);
        return db_fail(g->d, e, "read the demo pairs");
    }
    *out = ps;
    *n = np;
    return HH_OK;
}

hh_err demo_dialogue(db *d, const demo_options *opt, hh_error *e)
{
    arena a;
    arena_init(&a);
    gen g = { .d = d, .a = &a, .r = { opt->seed * 104729 + 8 } };
    g.today = (int64_t)(time(NULL) / 86400);
    int mo, da;
    civil_from_days(g.today, &g.year, &mo, &da);
    pair *pairs = NULL;
    size_t np = 0;
    hh_err rc = load(&g, e);
    if (!rc)
        rc = deadlines(&g, e);
    if (!rc)
        rc = org_definitions(&g, e);
    if (!rc)
        rc = read_pairs(&g, &pairs, &np, e);
    batches *bt = xcalloc(1, sizeof *bt);
    mb_init(&bt->tr, d,
            "INSERT INTO dialogue_transition (dialogue_id, from_state, to_state, effective, comment, user_name,"
            " recorded_at) VALUES ",
            7, "write demo dialogue history");
    mb_init(&bt->ans, d,
            "INSERT INTO dialogue_answer (dialogue_id, department_id, item, score, justification, user_name,"
            " updated_at) VALUES ",
            7, "write demo dialogue answers");
    mb_init(&bt->sel, d,
            "INSERT INTO dialogue_selection (dialogue_id, department_id, proposed, rules, reasons, confirmed,"
            " confirmed_by, strengths, weaknesses, opportunities, threats) VALUES ",
            11, "write demo dialogue selections");
    mb_init(&bt->goal, d,
            "INSERT INTO dialogue_goal (dialogue_id, department_id, title, key_figure, baseline_year,"
            " baseline_value, target_value, target_year, follow_up) VALUES ",
            9, "write demo dialogue goals");
    /* Whatever the dice say: another organisation's dialogue in København
     * submitted this year (the kommune@ login can return it or record the
     * meeting at once), one dialogue elsewhere returned this year with the
     * municipality's comment, one meeting held last year. */
    size_t forced_submit = np, forced_return = np, forced_meeting = np;
    for (size_t i = 0; i < np; i++) {
        if (pairs[i].org_no == 101)
            continue;
        if (strcmp(pairs[i].muni, "0101") == 0) {
            if (forced_submit == np)
                forced_submit = i;
        } else if (forced_return == np) {
            forced_return = i;
        } else if (forced_meeting == np) {
            forced_meeting = i;
        }
    }
    for (size_t i = 0; i < np && !rc; i++) {
        const pair *p = &pairs[i];
        bool walk = p->org_no == 101 && strcmp(p->muni, "0101") == 0;
        for (int j = 0; j < NY && !rc; j++) {
            dlg_state s;
            double u = U(&g);
            if (j == 0)
                s = DS_PUBLISHED;
            else if (j == 1)
                s = walk || u < 0.75 ? DS_PUBLISHED : DS_MEETING_HELD;
            else
                s = walk ? DS_PREPARING : u < 0.35 ? DS_PREPARING : u < 0.85 ? DS_SUBMITTED : DS_RETURNED;
            /* The national scale's large organisation (990): its package
             * this year is complete, for the benchmark of 100+ departments. */
            if (p->org_no == 990 && j == NY - 1)
                s = DS_SUBMITTED;
            if (i == forced_submit && j == NY - 1)
                s = DS_SUBMITTED;
            if (i == forced_return && j == NY - 1)
                s = DS_RETURNED;
            if (i == forced_meeting && j == 1)
                s = DS_MEETING_HELD;
            rc = dialogue_one(&g, bt, p, j, s, walk && j == NY - 1, e);
        }
    }
    for (int b_ = 0; b_ < 4 && !rc; b_++)
        rc = mb_flush(b_ == 0 ? &bt->tr : b_ == 1 ? &bt->ans : b_ == 2 ? &bt->sel : &bt->goal, e);
    if (!rc && db_exec(d, "UPDATE data_version SET version = version + 1 WHERE grp = 'dialogue'", e))
        rc = HH_ERR_DB;
    free(bt);
    free(pairs);
    free(g.deps);
    free(g.ids);
    arena_free(&a);
    return rc;
}
