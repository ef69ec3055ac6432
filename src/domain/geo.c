#include "domain/geo.h"

#include <stdlib.h>
#include <string.h>

#include "core/str.h"

bool geo_code_valid(const char *s)
{
    return hh_is_digits(s, 4);
}

static bool read_region(db_stmt *st, arena *a, void *elem)
{
    geo_region *r = elem;
    r->code = arena_strdup(a, db_col_text(st, 0));
    r->name = arena_strdup(a, db_col_text(st, 1));
    r->municipality_count = (int)db_col_int64(st, 2);
    return true;
}

#define REGION_SELECT                                                                          \
    "SELECT r.code, r.name, (SELECT COUNT(*) FROM municipality m WHERE m.region_code = r.code" \
    " AND m.is_municipality = 1) FROM region r"

hh_err geo_regions(db *d, arena *a, geo_region **out, size_t *n, hh_error *e)
{
    db_stmt *st = db_prepare(d, REGION_SELECT " ORDER BY r.code");
    if (!st)
        return db_fail(d, e, "read regions");
    if (db_collect(st, a, sizeof(geo_region), read_region, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read regions");
    return HH_OK;
}

hh_err geo_region_get(db *d, arena *a, const char *code, geo_region *out, hh_error *e)
{
    if (!geo_code_valid(code))
        return hh_fail(e, HH_ERR_NOTFOUND, "region", "no region has code '%s'", code);
    db_stmt *st = db_prepare(d, REGION_SELECT " WHERE r.code = ?");
    if (!st)
        return db_fail(d, e, "read region");
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    if (rc == DB_ROW)
        read_region(st, a, out);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read region");
    if (rc != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, "region", "no region has code '%s'", code);
    return HH_OK;
}

#define MUNI_SELECT                                                   \
    "SELECT m.code, m.name, m.region_code, r.name, m.is_municipality" \
    " FROM municipality m JOIN region r ON r.code = m.region_code"

static bool read_muni(db_stmt *st, arena *a, void *elem)
{
    geo_municipality *m = elem;
    m->code = arena_strdup(a, db_col_text(st, 0));
    m->name = arena_strdup(a, db_col_text(st, 1));
    m->region_code = arena_strdup(a, db_col_text(st, 2));
    m->region_name = arena_strdup(a, db_col_text(st, 3));
    m->is_municipality = db_col_int64(st, 4) != 0;
    return true;
}

static int by_name(const void *x, const void *y)
{
    return hh_collate_da(((const geo_municipality *)x)->name, ((const geo_municipality *)y)->name);
}

hh_err geo_municipalities(db *d, arena *a, const char *region_code, geo_order order, geo_municipality **out, size_t *n,
                          hh_error *e)
{
    db_stmt *st = region_code ? db_prepare(d, MUNI_SELECT " WHERE m.region_code = ? ORDER BY m.code")
                              : db_prepare(d, MUNI_SELECT " ORDER BY m.code");
    if (!st)
        return db_fail(d, e, "read municipalities");
    if (region_code)
        db_bind_text(st, 1, region_code);
    if (db_collect(st, a, sizeof(geo_municipality), read_muni, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read municipalities");
    if (order == GEO_BY_NAME)
        qsort(*out, *n, sizeof(**out), by_name);
    return HH_OK;
}

hh_err geo_municipality_get(db *d, arena *a, const char *code, geo_municipality *out, hh_error *e)
{
    if (!geo_code_valid(code))
        return hh_fail(e, HH_ERR_NOTFOUND, "code", "no municipality has code '%s'", code);
    db_stmt *st = db_prepare(d, MUNI_SELECT " WHERE m.code = ?");
    if (!st)
        return db_fail(d, e, "read municipality");
    db_bind_text(st, 1, code);
    int rc = db_step(st);
    if (rc == DB_ROW)
        read_muni(st, a, out);
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read municipality");
    if (rc != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, "code", "no municipality has code '%s'", code);
    return HH_OK;
}
