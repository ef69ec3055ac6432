/* lists_store.c - area-list values and published statuses in the database;
 * see lists_store.h. */
#include "domain/lists_store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "domain/keyfig.h"

/* Value columns of list_value in list_crit order, then the denominators. */
#define VALUE_COLS                                                                                                 \
    "residents, non_western_pct, outside_labour_pct, convicted_pct, national_convicted_pct, basic_education_pct, " \
    "income_pct_of_region, persons_18_64, persons_18_plus, persons_30_59, taxpayers"
#define NVALUES (LC_COUNT + 4)

static double *value_slot(list_input *in, int i)
{
    switch (i - LC_COUNT) {
    case 0: return &in->persons_18_64;
    case 1: return &in->persons_18_plus;
    case 2: return &in->persons_30_59;
    case 3: return &in->taxpayers;
    default: return &in->v[i];
    }
}

typedef struct loaded {
    list_input in;
    list_origin origin;
    list_area_info info;
} loaded;

static const char *text_or_null(db_stmt *st, int col, arena *a)
{
    return db_col_null(st, col) ? NULL : arena_strdup(a, db_col_text(st, col));
}

static bool read_value_row(db_stmt *st, arena *a, void *elem)
{
    loaded *l = elem;
    hh_strlcpy(l->in.area_code, db_col_text(st, 0), sizeof l->in.area_code);
    l->in.year = (int)db_col_int64(st, 1);
    for (int i = 0; i < NVALUES; i++)
        *value_slot(&l->in, i) = db_col_null(st, 2 + i) ? NAN : db_col_double(st, 2 + i);
    l->origin.source = arena_strdup(a, db_col_text(st, 2 + NVALUES));
    l->origin.row = (size_t)db_col_int64(st, 3 + NVALUES);
    l->in.row = l->origin.row;
    l->info.name = text_or_null(st, 4 + NVALUES, a);
    l->info.municipality_code = text_or_null(st, 5 + NVALUES, a);
    l->info.municipality_name = text_or_null(st, 6 + NVALUES, a);
    return true;
}

typedef struct loaded_status {
    list_status_row s;
    list_origin origin;
} loaded_status;

static bool read_status_row(db_stmt *st, arena *a, void *elem)
{
    loaded_status *l = elem;
    hh_strlcpy(l->s.area_code, db_col_text(st, 0), sizeof l->s.area_code);
    l->s.year = (int)db_col_int64(st, 1);
    /* Stored by lists_put_published, so the codes are known ones. */
    if (!list_cats_parse(db_col_text(st, 2), &l->s.categories, NULL))
        l->s.categories = 0;
    l->origin.source = arena_strdup(a, db_col_text(st, 3));
    l->origin.row = (size_t)db_col_int64(st, 4);
    return true;
}

hh_err lists_load(db *d, arena *a, list_book *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    db_stmt *st = db_prepare(d, "SELECT v.area_code, v.year, " VALUE_COLS ", v.source, v.source_row, h.name,"
                                " h.municipality_code, m.name FROM list_value v"
                                " LEFT JOIN housing_area h ON h.code = v.area_code"
                                " LEFT JOIN municipality m ON m.code = h.municipality_code"
                                " ORDER BY v.area_code, v.year");
    loaded *rows = NULL;
    size_t n = 0;
    if (!st || db_collect(st, a, sizeof(loaded), read_value_row, (void **)&rows, &n) == DB_ERROR)
        return db_fail(d, e, "read list values");
    st = db_prepare(d, "SELECT area_code, year, categories, source, source_row FROM list_published"
                       " ORDER BY area_code, year");
    loaded_status *pub = NULL;
    size_t np = 0;
    if (!st || db_collect(st, a, sizeof(loaded_status), read_status_row, (void **)&pub, &np) == DB_ERROR)
        return db_fail(d, e, "read published lists");
    out->n = n;
    out->rows = arena_zalloc(a, (n ? n : 1) * sizeof(list_input));
    out->res = arena_zalloc(a, (n ? n : 1) * sizeof(list_result));
    out->origin = arena_zalloc(a, (n ? n : 1) * sizeof(list_origin));
    out->info = arena_zalloc(a, (n ? n : 1) * sizeof(list_area_info));
    for (size_t i = 0; i < n; i++) {
        out->rows[i] = rows[i].in;
        out->origin[i] = rows[i].origin;
        out->info[i] = rows[i].info;
        if (!out->first_year || rows[i].in.year < out->first_year)
            out->first_year = rows[i].in.year;
        if (rows[i].in.year > out->last_year)
            out->last_year = rows[i].in.year;
    }
    out->npublished = np;
    out->published = arena_zalloc(a, (np ? np : 1) * sizeof(list_status_row));
    out->published_origin = arena_zalloc(a, (np ? np : 1) * sizeof(list_origin));
    for (size_t i = 0; i < np; i++) {
        out->published[i] = pub[i].s;
        out->published_origin[i] = pub[i].origin;
    }
    list_classify_all(out->rows, n, out->published, np, NULL, out->res);
    return HH_OK;
}

long lists_find(const list_book *b, const char *area_code, int year)
{
    /* Rows are ordered by code and year: binary search. */
    size_t lo = 0, hi = b->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(b->rows[mid].area_code, area_code);
        if (c == 0)
            c = b->rows[mid].year - year;
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

bool lists_published(const list_book *b, const char *area_code, int year, unsigned *categories)
{
    for (size_t i = 0; i < b->npublished; i++)
        if (b->published[i].year == year && strcmp(b->published[i].area_code, area_code) == 0) {
            *categories = b->published[i].categories;
            return true;
        }
    return false;
}

static bool same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

hh_err lists_put_value(db *d, const list_input *in, const list_origin *o, bool *changed, hh_error *e)
{
    *changed = true;
    db_stmt *st = db_prepare(d, "SELECT " VALUE_COLS ", source, source_row FROM list_value"
                                " WHERE area_code = ? AND year = ?");
    if (!st)
        return db_fail(d, e, "read list values");
    db_bind_text(st, 1, in->area_code);
    db_bind_int64(st, 2, in->year);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        bool equal =
            strcmp(db_col_text(st, NVALUES), o->source) == 0 && (size_t)db_col_int64(st, NVALUES + 1) == o->row;
        list_input old = *in;
        for (int i = 0; i < NVALUES && equal; i++) {
            double v = db_col_null(st, i) ? NAN : db_col_double(st, i);
            equal = same(v, *value_slot(&old, i));
        }
        *changed = !equal;
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read list values");
    if (!*changed)
        return HH_OK;
    st =
        db_prepare(d, rc == DB_ROW ? "UPDATE list_value SET residents = ?, non_western_pct = ?, outside_labour_pct = ?,"
                                     " convicted_pct = ?, national_convicted_pct = ?, basic_education_pct = ?,"
                                     " income_pct_of_region = ?, persons_18_64 = ?, persons_18_plus = ?,"
                                     " persons_30_59 = ?, taxpayers = ?, source = ?, source_row = ?"
                                     " WHERE area_code = ? AND year = ?"
                                   : "INSERT INTO list_value (" VALUE_COLS ", source, source_row, area_code, year)"
                                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return db_fail(d, e, "write list values");
    list_input v = *in;
    for (int i = 0; i < NVALUES; i++) {
        double x = *value_slot(&v, i);
        if (isnan(x))
            db_bind_null(st, i + 1);
        else
            db_bind_double(st, i + 1, x);
    }
    db_bind_text(st, NVALUES + 1, o->source);
    db_bind_int64(st, NVALUES + 2, (int64_t)o->row);
    db_bind_text(st, NVALUES + 3, in->area_code);
    db_bind_int64(st, NVALUES + 4, in->year);
    rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fail(d, e, "write list values") : HH_OK;
}

hh_err lists_put_published(db *d, const list_status_row *s, const list_origin *o, bool *changed, hh_error *e)
{
    char cats[128];
    list_cats_join(s->categories, cats, sizeof cats);
    db_stmt *st = db_prepare(d, "SELECT categories, source, source_row FROM list_published"
                                " WHERE area_code = ? AND year = ?");
    if (!st)
        return db_fail(d, e, "read published lists");
    db_bind_text(st, 1, s->area_code);
    db_bind_int64(st, 2, s->year);
    int rc = db_step(st);
    *changed = !(rc == DB_ROW && strcmp(db_col_text(st, 0), cats) == 0 && strcmp(db_col_text(st, 1), o->source) == 0 &&
                 (size_t)db_col_int64(st, 2) == o->row);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read published lists");
    if (!*changed)
        return HH_OK;
    st = db_prepare(d, rc == DB_ROW ? "UPDATE list_published SET categories = ?, source = ?, source_row = ?"
                                      " WHERE area_code = ? AND year = ?"
                                    : "INSERT INTO list_published (categories, source, source_row, area_code, year)"
                                      " VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return db_fail(d, e, "write published lists");
    db_bind_text(st, 1, cats);
    db_bind_text(st, 2, o->source);
    db_bind_int64(st, 3, (int64_t)o->row);
    db_bind_text(st, 4, s->area_code);
    db_bind_int64(st, 5, s->year);
    rc = db_step(st);
    db_done(st);
    return rc == DB_ERROR ? db_fail(d, e, "write published lists") : HH_OK;
}

/* ---- derivation from key figures ---- */

/* The key figures behind each criterion, and whether the list averages two years. */
static const struct {
    list_crit crit;
    const char *kf;
    bool averaged;
} derived[] = {
    { LC_RESIDENTS, "residents", false },
    { LC_NON_WESTERN, "non_western_share", false },
    { LC_OUTSIDE_LABOUR, "outside_labour_share", true },
    { LC_CONVICTED, "convicted_share", true },
    { LC_EDUCATION, "basic_education_share", false },
    { LC_INCOME, "income_relative_region", false },
};

typedef struct series {
    const char *code;
    double v[HH_ARRAY_LEN(derived)][2]; /* [criterion][0: year Y-2, 1: year Y-1] */
    double den[HH_ARRAY_LEN(derived)];  /* denominator in Y-1 */
} series;

static long find_series(series *s, size_t n, const char *code)
{
    for (size_t i = n; i-- > 0;)
        if (strcmp(s[i].code, code) == 0)
            return (long)i;
    return -1;
}

static double mean2(const double v[2], bool averaged)
{
    if (!averaged)
        return v[1];
    return isnan(v[0]) || isnan(v[1]) ? NAN : (v[0] + v[1]) / 2;
}

static hh_err derive_year(db *d, arena *a, int year, size_t *written, hh_error *e)
{
    series *s = NULL;
    size_t ns = 0;
    double national[2] = { NAN, NAN };
    for (size_t c = 0; c < HH_ARRAY_LEN(derived); c++) {
        int kf = kf_find(derived[c].kf);
        for (int k = 0; k < 2; k++) {
            kf_row *rows;
            size_t n;
            hh_err rc = kf_level_rows(d, LEVEL_AREA, year - 2 + k, kf, NULL, a, &rows, &n, e);
            if (rc)
                return rc;
            for (size_t i = 0; i < n; i++) {
                long j = find_series(s, ns, rows[i].code);
                if (j < 0) {
                    s = arena_grow(a, s, ns * sizeof(series), (ns + 1) * sizeof(series));
                    j = (long)ns++;
                    s[j].code = rows[i].code;
                    for (size_t x = 0; x < HH_ARRAY_LEN(derived); x++)
                        s[j].v[x][0] = s[j].v[x][1] = s[j].den[x] = NAN;
                }
                s[j].v[c][k] = kf_result(&kf_catalogue[kf], &rows[i].parts);
                if (k == 1)
                    s[j].den[c] = rows[i].parts.denominator;
            }
            if (derived[c].crit == LC_CONVICTED) {
                if ((rc = kf_level_rows(d, LEVEL_COUNTRY, year - 2 + k, kf, NULL, a, &rows, &n, e)))
                    return rc;
                if (n)
                    national[k] = kf_result(&kf_catalogue[kf], &rows[0].parts);
            }
        }
    }
    list_origin o = { LIST_SOURCE_KEYFIGURES, 0 };
    for (size_t i = 0; i < ns; i++) {
        /* Rows from a file (published or computed values) win over derived ones. */
        db_stmt *st = db_prepare(d, "SELECT source FROM list_value WHERE area_code = ? AND year = ?");
        if (!st)
            return db_fail(d, e, "read list values");
        db_bind_text(st, 1, s[i].code);
        db_bind_int64(st, 2, year);
        int rc = db_step(st);
        bool from_file = rc == DB_ROW && strcmp(db_col_text(st, 0), LIST_SOURCE_KEYFIGURES) != 0;
        db_done(st);
        if (rc == DB_ERROR)
            return db_fail(d, e, "read list values");
        if (from_file)
            continue;
        list_input in;
        memset(&in, 0, sizeof in);
        hh_strlcpy(in.area_code, s[i].code, sizeof in.area_code);
        in.year = year;
        for (int c = 0; c < LC_COUNT; c++)
            in.v[c] = NAN;
        for (size_t c = 0; c < HH_ARRAY_LEN(derived); c++)
            in.v[derived[c].crit] = mean2(s[i].v[c], derived[c].averaged);
        in.v[LC_NATIONAL_CONVICTED] = mean2(national, true);
        in.persons_18_64 = s[i].den[2];
        in.persons_18_plus = s[i].den[3];
        in.persons_30_59 = s[i].den[4];
        in.taxpayers = s[i].den[5];
        bool changed;
        hh_err err = lists_put_value(d, &in, &o, &changed, e);
        if (err)
            return err;
        *written += changed;
    }
    return HH_OK;
}

hh_err lists_derive(db *d, int first, int last, size_t *written, hh_error *e)
{
    *written = 0;
    hh_err rc = HH_OK;
    for (int y = first; y <= last && !rc; y++) {
        arena a;
        arena_init(&a);
        rc = derive_year(d, &a, y, written, e);
        arena_free(&a);
    }
    return rc;
}
