#include "domain/registry.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/geo.h"
#include "domain/keyfig.h"
#include "io/table_read.h"

/* ---- scopes ---- */

typedef struct scope_lists {
    buf munis, orgs, depts; /* comma-separated SQL literals / conditions */
    bool all;
} scope_lists;

static void lists_add(buf *b, const char *sep, const char *item)
{
    if (b->len)
        buf_puts(b, sep);
    buf_puts(b, item);
}

/* Grant scope values were validated by grant_parse; they are checked again
 * here because they become SQL literals. */
static void lists_from(const principal *p, bool write, bool aggregate, scope_lists *l)
{
    memset(l, 0, sizeof *l);
    buf_init(&l->munis, 0);
    buf_init(&l->orgs, 0);
    buf_init(&l->depts, 0);
    if (!p) {
        l->all = true;
        return;
    }
    char item[128];
    for (size_t i = 0; i < p->ngrants; i++) {
        const grant *g = &p->grants[i];
        const char *v = g->scope;
        switch (g->role) {
        case ROLE_ADMIN: l->all = true; break;
        case ROLE_NATIONAL:
            if (!write)
                l->all = true;
            break;
        case ROLE_MUNICIPALITY:
            if (!write && geo_code_valid(v)) {
                snprintf(item, sizeof item, "'%s'", v);
                lists_add(&l->munis, ",", item);
            }
            break;
        case ROLE_ORGANISATION:
            if (hh_is_digits(v, strlen(v)) && strlen(v) <= 8)
                lists_add(&l->orgs, ",", v);
            break;
        case ROLE_CARETAKER: {
            int64_t o, dno;
            if (!write && reg_parse_dept_key(v, &o, &dno)) {
                snprintf(item, sizeof item, "(d.org_no = %lld AND d.department_no = %lld)", (long long)o,
                         (long long)dno);
                lists_add(&l->depts, " OR ", item);
            }
            break;
        }
        case ROLE_VIEWER:
            if (write || !aggregate)
                break;
            if (strncmp(v, "municipality=", 13) == 0 && geo_code_valid(v + 13)) {
                snprintf(item, sizeof item, "'%s'", v + 13);
                lists_add(&l->munis, ",", item);
            } else if (strncmp(v, "organisation=", 13) == 0 && hh_is_digits(v + 13, strlen(v + 13))) {
                lists_add(&l->orgs, ",", v + 13);
            }
            break;
        case ROLE_PLAN_STAFF: {
            /* Plan staff read the departments their plan covers. */
            int64_t plan_id;
            if (!write && hh_parse_int64(v, strlen(v), &plan_id) && plan_id > 0) {
                snprintf(item, sizeof item,
                         "d.id IN (SELECT pd.department_id FROM plan_department pd WHERE pd.plan_id = %lld)",
                         (long long)plan_id);
                lists_add(&l->depts, " OR ", item);
            }
            break;
        }
        default: break;
        }
    }
}

static void scope_build(const principal *p, bool write, bool aggregate, arena *a, reg_scope *out)
{
    scope_lists l;
    lists_from(p, write, aggregate, &l);
    out->all = l.all;
    if (l.all) {
        out->dept = out->area = out->org = "1 = 1";
    } else {
        buf dept;
        buf_init(&dept, 0);
        if (l.munis.len)
            lists_add(&dept, " OR ", arena_printf(a, "d.municipality_code IN (%s)", buf_cstr(&l.munis)));
        if (l.orgs.len)
            lists_add(&dept, " OR ", arena_printf(a, "d.org_no IN (%s)", buf_cstr(&l.orgs)));
        if (l.depts.len)
            lists_add(&dept, " OR ", buf_cstr(&l.depts));
        out->dept = dept.len ? arena_printf(a, "(%s)", buf_cstr(&dept)) : "1 = 0";
        if (write) {
            /* Municipalities change the areas in their municipality;
             * organisations their own organisation and departments. */
            scope_lists r;
            lists_from(p, false, false, &r);
            out->area = r.munis.len && principal_has_role(p, ROLE_MUNICIPALITY)
                            ? arena_printf(a, "a.municipality_code IN (%s)", buf_cstr(&r.munis))
                            : "1 = 0";
            buf_free(&r.munis);
            buf_free(&r.orgs);
            buf_free(&r.depts);
        } else {
            out->area = arena_printf(a,
                                     "(%s%s%s EXISTS (SELECT 1 FROM area_member am JOIN department d"
                                     " ON d.id = am.department_id WHERE am.area_id = a.id AND %s))",
                                     l.munis.len ? "a.municipality_code IN (" : "", buf_cstr(&l.munis),
                                     l.munis.len ? ") OR" : "", out->dept);
        }
        out->org = l.orgs.len ? arena_printf(a,
                                             "(o.org_no IN (%s) OR EXISTS (SELECT 1 FROM department d"
                                             " WHERE d.org_no = o.org_no AND %s))",
                                             buf_cstr(&l.orgs), out->dept)
                              : arena_printf(a,
                                             "EXISTS (SELECT 1 FROM department d WHERE d.org_no = o.org_no"
                                             " AND %s)",
                                             out->dept);
        if (write)
            out->org = l.orgs.len ? arena_printf(a, "o.org_no IN (%s)", buf_cstr(&l.orgs)) : "1 = 0";
        buf_free(&dept);
    }
    buf_free(&l.munis);
    buf_free(&l.orgs);
    buf_free(&l.depts);
}

const reg_scope reg_scope_everything = { .all = true, .dept = "1 = 1", .area = "1 = 1", .org = "1 = 1" };

void reg_scope_read(const principal *p, arena *a, reg_scope *out)
{
    scope_build(p, false, false, a, out);
}

void reg_scope_write(const principal *p, arena *a, reg_scope *out)
{
    scope_build(p, true, false, a, out);
}

void reg_scope_keyfigures(const principal *p, arena *a, reg_scope *out)
{
    if (p && principal_has_role(p, ROLE_NATIONAL))
        *out = reg_scope_everything;
    else
        scope_build(p, true, false, a, out);
}

void reg_scope_aggregate(const principal *p, arena *a, reg_scope *out)
{
    scope_build(p, false, true, a, out);
}

bool reg_parse_dept_key(const char *s, int64_t *org_no, int64_t *department_no)
{
    const char *dash = strchr(s, '-');
    if (!dash || dash == s || dash[1] == '\0')
        return false;
    return hh_parse_int64(s, (size_t)(dash - s), org_no) && *org_no > 0 &&
           hh_parse_int64(dash + 1, strlen(dash + 1), department_no) && *department_no > 0;
}

/* ---- reads ---- */

#define ORG_SELECT                                                                                              \
    "SELECT o.org_no, COALESCE(o.cvr, ''), o.name, o.administrator, COALESCE(o.municipality_code, ''),"         \
    " COALESCE(m.name, ''), (SELECT COUNT(*) FROM department d WHERE d.org_no = o.org_no AND %s),"              \
    " (SELECT COALESCE(SUM(d.dwellings_family + d.dwellings_elderly + d.dwellings_youth), 0) FROM department d" \
    " WHERE d.org_no = o.org_no AND %s) FROM organisation o LEFT JOIN municipality m ON m.code = o.municipality_code"

static bool read_org(db_stmt *st, arena *a, void *elem)
{
    organisation *o = elem;
    o->org_no = db_col_int64(st, 0);
    o->cvr = arena_strdup(a, db_col_text(st, 1));
    o->name = arena_strdup(a, db_col_text(st, 2));
    o->administrator = arena_strdup(a, db_col_text(st, 3));
    o->municipality_code = arena_strdup(a, db_col_text(st, 4));
    o->municipality_name = arena_strdup(a, db_col_text(st, 5));
    o->departments = db_col_int64(st, 6);
    o->dwellings = db_col_int64(st, 7);
    return true;
}

/* LIKE pattern for a search text, with wildcards in it escaped. */
static char *like_pattern(arena *a, const char *q)
{
    buf b;
    buf_init(&b, 512);
    buf_putc(&b, '%');
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            buf_putc(&b, '\\');
        buf_putc(&b, *p);
    }
    buf_putc(&b, '%');
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

hh_err reg_organisations(db *d, const reg_scope *s, arena *a, const char *q, organisation **out, size_t *n, hh_error *e)
{
    bool search = q && *q;
    const char *sql =
        arena_printf(a, ORG_SELECT " WHERE %s%s ORDER BY o.org_no", s->dept, s->dept, s->org,
                     search ? " AND (LOWER(o.name) LIKE LOWER(?) ESCAPE '\\' OR CAST(o.org_no AS TEXT) = ?"
                              " OR o.cvr = ?)"
                            : "");
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read organisations");
    if (search) {
        db_bind_text(st, 1, like_pattern(a, q));
        db_bind_text(st, 2, q);
        db_bind_text(st, 3, q);
    }
    if (db_collect(st, a, sizeof(organisation), read_org, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read organisations");
    return HH_OK;
}

hh_err reg_organisation_get(db *d, const reg_scope *s, arena *a, int64_t org_no, organisation *out, hh_error *e)
{
    db_stmt *st = db_prepare(d, arena_printf(a, ORG_SELECT " WHERE o.org_no = ? AND %s", s->dept, s->dept, s->org));
    if (!st)
        return db_fail(d, e, "read organisation");
    db_bind_int64(st, 1, org_no);
    organisation *rows;
    size_t n;
    if (db_collect(st, a, sizeof(organisation), read_org, (void **)&rows, &n) == DB_ERROR)
        return db_fail(d, e, "read organisation");
    if (n == 0)
        return hh_fail(e, HH_ERR_NOTFOUND, "org_no", "boligorganisation %lld findes ikke", (long long)org_no);
    *out = rows[0];
    return HH_OK;
}

#define DEPT_SELECT                                                                                                \
    "SELECT d.id, d.org_no, d.department_no, o.name, d.name, d.address, d.municipality_code, m.name,"              \
    " m.region_code, d.dwellings_family, d.dwellings_elderly, d.dwellings_youth, COALESCE(d.build_year, 0),"       \
    " d.rent_per_m2, d.outdoor_area_m2, d.peer_group FROM department d JOIN organisation o ON o.org_no = d.org_no" \
    " JOIN municipality m ON m.code = d.municipality_code"

static bool read_dept(db_stmt *st, arena *a, void *elem)
{
    department *x = elem;
    x->id = db_col_int64(st, 0);
    x->org_no = db_col_int64(st, 1);
    x->department_no = db_col_int64(st, 2);
    x->org_name = arena_strdup(a, db_col_text(st, 3));
    x->name = arena_strdup(a, db_col_text(st, 4));
    x->address = arena_strdup(a, db_col_text(st, 5));
    x->municipality_code = arena_strdup(a, db_col_text(st, 6));
    x->municipality_name = arena_strdup(a, db_col_text(st, 7));
    x->region_code = arena_strdup(a, db_col_text(st, 8));
    x->dwellings_family = db_col_int64(st, 9);
    x->dwellings_elderly = db_col_int64(st, 10);
    x->dwellings_youth = db_col_int64(st, 11);
    x->build_year = db_col_int64(st, 12);
    x->rent_per_m2 = db_col_null(st, 13) ? NAN : db_col_double(st, 13);
    x->outdoor_area_m2 = db_col_null(st, 14) ? NAN : db_col_double(st, 14);
    x->peer_group = arena_strdup(a, db_col_text(st, 15));
    return true;
}

hh_err reg_departments(db *d, const reg_scope *s, arena *a, const dept_filter *f, department **out, size_t *n,
                       hh_error *e)
{
    buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql, DEPT_SELECT " WHERE %s", s->dept);
    int nb = 0;
    const char *binds[8];
    int64_t ints[8];
    bool is_int[8];
    if (f && f->q && *f->q) {
        int64_t o, dno;
        if (reg_parse_dept_key(f->q, &o, &dno)) {
            buf_puts(&sql, " AND d.org_no = ? AND d.department_no = ?");
            is_int[nb] = true, ints[nb++] = o;
            is_int[nb] = true, ints[nb++] = dno;
        } else {
            buf_puts(&sql, " AND (LOWER(d.name) LIKE LOWER(?) ESCAPE '\\' OR LOWER(d.address) LIKE LOWER(?) ESCAPE '\\'"
                           " OR LOWER(o.name) LIKE LOWER(?) ESCAPE '\\' OR CAST(d.org_no AS TEXT) = ?)");
            const char *pat = like_pattern(a, f->q);
            for (int i = 0; i < 3; i++)
                is_int[nb] = false, binds[nb++] = pat;
            is_int[nb] = false, binds[nb++] = f->q;
        }
    }
    if (f && f->municipality_code && *f->municipality_code) {
        buf_puts(&sql, " AND d.municipality_code = ?");
        is_int[nb] = false, binds[nb++] = f->municipality_code;
    }
    if (f && f->org_no) {
        buf_puts(&sql, " AND d.org_no = ?");
        is_int[nb] = true, ints[nb++] = f->org_no;
    }
    if (f && f->area_id) {
        buf_puts(&sql, " AND EXISTS (SELECT 1 FROM area_member am WHERE am.department_id = d.id AND am.area_id = ?"
                       " AND am.valid_to IS NULL)");
        is_int[nb] = true, ints[nb++] = f->area_id;
    }
    buf_puts(&sql, " ORDER BY d.org_no, d.department_no");
    if (f && f->limit)
        buf_printf(&sql, " LIMIT %zu", f->limit);
    db_stmt *st = db_prepare(d, buf_cstr(&sql));
    buf_free(&sql);
    if (!st)
        return db_fail(d, e, "read departments");
    for (int i = 0; i < nb; i++) {
        if (is_int[i])
            db_bind_int64(st, i + 1, ints[i]);
        else
            db_bind_text(st, i + 1, binds[i]);
    }
    if (db_collect(st, a, sizeof(department), read_dept, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read departments");
    return HH_OK;
}

hh_err reg_department_get(db *d, const reg_scope *s, arena *a, int64_t org_no, int64_t department_no, department *out,
                          hh_error *e)
{
    db_stmt *st =
        db_prepare(d, arena_printf(a, DEPT_SELECT " WHERE d.org_no = ? AND d.department_no = ? AND %s", s->dept));
    if (!st)
        return db_fail(d, e, "read department");
    db_bind_int64(st, 1, org_no);
    db_bind_int64(st, 2, department_no);
    department *rows;
    size_t n;
    if (db_collect(st, a, sizeof(department), read_dept, (void **)&rows, &n) == DB_ERROR)
        return db_fail(d, e, "read department");
    if (n == 0)
        return hh_fail(e, HH_ERR_NOTFOUND, "department_no", "afdeling %lld-%lld findes ikke", (long long)org_no,
                       (long long)department_no);
    *out = rows[0];
    return HH_OK;
}

#define AREA_SELECT                                                                             \
    "SELECT a.id, a.code, a.name, a.municipality_code, m.name,"                                 \
    " (SELECT COUNT(*) FROM area_member am WHERE am.area_id = a.id AND am.valid_to IS NULL),"   \
    " (SELECT COALESCE(SUM(d.dwellings_family + d.dwellings_elderly + d.dwellings_youth), 0)"   \
    " FROM area_member am JOIN department d ON d.id = am.department_id WHERE am.area_id = a.id" \
    " AND am.valid_to IS NULL) FROM housing_area a JOIN municipality m ON m.code = a.municipality_code"

static bool read_area(db_stmt *st, arena *a, void *elem)
{
    housing_area *x = elem;
    x->id = db_col_int64(st, 0);
    x->code = arena_strdup(a, db_col_text(st, 1));
    x->name = arena_strdup(a, db_col_text(st, 2));
    x->municipality_code = arena_strdup(a, db_col_text(st, 3));
    x->municipality_name = arena_strdup(a, db_col_text(st, 4));
    x->departments = db_col_int64(st, 5);
    x->dwellings = db_col_int64(st, 6);
    return true;
}

hh_err reg_areas(db *d, const reg_scope *s, arena *a, const char *q, housing_area **out, size_t *n, hh_error *e)
{
    bool search = q && *q;
    db_stmt *st = db_prepare(
        d, arena_printf(a, AREA_SELECT " WHERE %s%s ORDER BY a.name", s->area,
                        search ? " AND (LOWER(a.name) LIKE LOWER(?) ESCAPE '\\' OR LOWER(a.code) = LOWER(?))" : ""));
    if (!st)
        return db_fail(d, e, "read areas");
    if (search) {
        db_bind_text(st, 1, like_pattern(a, q));
        db_bind_text(st, 2, q);
    }
    if (db_collect(st, a, sizeof(housing_area), read_area, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read areas");
    return HH_OK;
}

hh_err reg_area_get(db *d, const reg_scope *s, arena *a, const char *code, housing_area *out, hh_error *e)
{
    db_stmt *st = db_prepare(d, arena_printf(a, AREA_SELECT " WHERE a.code = ? AND %s", s->area));
    if (!st)
        return db_fail(d, e, "read area");
    db_bind_text(st, 1, code);
    housing_area *rows;
    size_t n;
    if (db_collect(st, a, sizeof(housing_area), read_area, (void **)&rows, &n) == DB_ERROR)
        return db_fail(d, e, "read area");
    if (n == 0)
        return hh_fail(e, HH_ERR_NOTFOUND, "area_code", "boligområde %s findes ikke", code);
    *out = rows[0];
    return HH_OK;
}

static bool read_member(db_stmt *st, arena *a, void *elem)
{
    area_member *m = elem;
    m->department_id = db_col_int64(st, 0);
    m->org_no = db_col_int64(st, 1);
    m->department_no = db_col_int64(st, 2);
    m->name = arena_strdup(a, db_col_text(st, 3));
    m->valid_from = arena_strdup(a, db_col_text(st, 4));
    m->valid_to = arena_strdup(a, db_col_text(st, 5));
    return true;
}

hh_err reg_area_members(db *d, arena *a, int64_t area_id, area_member **out, size_t *n, hh_error *e)
{
    db_stmt *st = db_prepare(d, "SELECT d.id, d.org_no, d.department_no, d.name, am.valid_from,"
                                " COALESCE(am.valid_to, '') FROM area_member am JOIN department d"
                                " ON d.id = am.department_id WHERE am.area_id = ?"
                                " ORDER BY am.valid_to IS NOT NULL, d.org_no, d.department_no, am.valid_from");
    if (!st)
        return db_fail(d, e, "read area members");
    db_bind_int64(st, 1, area_id);
    if (db_collect(st, a, sizeof(area_member), read_member, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read area members");
    return HH_OK;
}

hh_err reg_department_areas(db *d, arena *a, int64_t department_id, housing_area **out, size_t *n, hh_error *e)
{
    db_stmt *st = db_prepare(d, AREA_SELECT " WHERE EXISTS (SELECT 1 FROM area_member x WHERE x.area_id = a.id"
                                            " AND x.department_id = ? AND x.valid_to IS NULL) ORDER BY a.name");
    if (!st)
        return db_fail(d, e, "read areas");
    db_bind_int64(st, 1, department_id);
    if (db_collect(st, a, sizeof(housing_area), read_area, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read areas");
    return HH_OK;
}

/* ---- fields ---- */

const reg_field reg_org_fields[] = {
    { "org_no", "Organisationsnummer", RF_INT, true, 1, 99999, 0 },
    { "org_name", "Navn", RF_TEXT, true, 0, 0, 200 },
    { "cvr", "CVR-nummer", RF_CVR, false, 0, 0, 8 },
    { "administrator", "Administrator", RF_TEXT, false, 0, 0, 200 },
    { "org_municipality_code", "Hovedkontorets kommune", RF_MUNICIPALITY, false, 0, 0, 4 },
};
const size_t reg_org_nfields = HH_ARRAY_LEN(reg_org_fields);

const reg_field reg_dept_fields[] = {
    { "org_no", "Organisationsnummer", RF_INT, true, 1, 99999, 0 },
    { "department_no", "Afdelingsnummer", RF_INT, true, 1, 99999, 0 },
    { "department_name", "Navn", RF_TEXT, true, 0, 0, 200 },
    { "address", "Adresse", RF_TEXT, false, 0, 0, 300 },
    { "municipality_code", "Kommune", RF_MUNICIPALITY, true, 0, 0, 4 },
    { "dwellings", "Boliger i alt", RF_INT, false, 0, 100000, 0 },
    { "dwellings_family", "Familieboliger", RF_INT, false, 0, 100000, 0 },
    { "dwellings_elderly", "Ældreboliger", RF_INT, false, 0, 100000, 0 },
    { "dwellings_youth", "Ungdomsboliger", RF_INT, false, 0, 100000, 0 },
    { "build_year", "Opførelsesår", RF_INT, false, 1700, 2100, 0 },
    { "rent_per_m2", "Husleje (kr. pr. m² pr. år)", RF_DECIMAL, false, 0, 100000, 0 },
    { "outdoor_area_m2", "Udearealer (m²)", RF_DECIMAL, false, 0, 1e8, 0 },
};
const size_t reg_dept_nfields = HH_ARRAY_LEN(reg_dept_fields);

const reg_field reg_area_fields[] = {
    { "area_code", "Områdekode", RF_TEXT, true, 0, 0, 40 },
    { "area_name", "Navn", RF_TEXT, true, 0, 0, 200 },
    { "municipality_code", "Kommune", RF_MUNICIPALITY, true, 0, 0, 4 },
};
const size_t reg_area_nfields = HH_ARRAY_LEN(reg_area_fields);

static bool valid_date(const char *s)
{
    int y, m, dd;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3)
        return false;
    static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && dd >= 1 && dd <= days[m - 1] &&
           !(m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

hh_err reg_field_check(db *d, const reg_field *f, const char *value, hh_error *e)
{
    if (!value || !*value) {
        if (f->required)
            return hh_fail(e, HH_ERR_INPUT, f->key, "%s skal udfyldes", f->label);
        return HH_OK;
    }
    switch (f->type) {
    case RF_TEXT:
        if (f->max_len && strlen(value) > f->max_len)
            return hh_fail(e, HH_ERR_INPUT, f->key, "%s må højst være %zu tegn", f->label, f->max_len);
        return HH_OK;
    case RF_INT: {
        int64_t v;
        if (!hh_parse_int64(value, strlen(value), &v) || v < f->min || v > f->max)
            return hh_fail(e, HH_ERR_INPUT, f->key, "%s: '%s' er ikke et helt tal mellem %.0f og %.0f", f->label, value,
                           f->min, f->max);
        return HH_OK;
    }
    case RF_DECIMAL: {
        double v;
        if (!hh_parse_decimal(value, strlen(value), &v) || v < f->min || v > f->max)
            return hh_fail(e, HH_ERR_INPUT, f->key, "%s: '%s' er ikke et tal mellem %.0f og %.0f", f->label, value,
                           f->min, f->max);
        return HH_OK;
    }
    case RF_CVR:
        if (!hh_is_digits(value, strlen(value)) || strlen(value) != 8)
            return hh_fail(e, HH_ERR_INPUT, f->key, "%s: '%s' er ikke et CVR-nummer; forventede 8 cifre", f->label,
                           value);
        return HH_OK;
    case RF_DATE:
        if (!valid_date(value))
            return hh_fail(e, HH_ERR_INPUT, f->key, "%s: '%s' er ikke en dato; forventede ÅÅÅÅ-MM-DD", f->label, value);
        return HH_OK;
    case RF_MUNICIPALITY: {
        char code[8];
        size_t len = strlen(value);
        /* Spreadsheets drop leading zeros: 101 means 0101. */
        if (len >= 1 && len <= 4 && hh_is_digits(value, len))
            snprintf(code, sizeof code, "%04d", (int)hh_int64_or(value, 0));
        else
            code[0] = '\0';
        int64_t found = 0;
        db_stmt *st = db_prepare(d, "SELECT COUNT(*) FROM municipality WHERE code = ? AND is_municipality = 1");
        if (!st)
            return db_fail(d, e, "check municipality");
        db_bind_text(st, 1, code);
        if (db_step(st) == DB_ROW)
            found = db_col_int64(st, 0);
        db_done(st);
        if (!found)
            return hh_fail(e, HH_ERR_INPUT, f->key, "%s: '%s' er ikke en kommunekode; forventede fire cifre, fx 0101",
                           f->label, value);
        return HH_OK;
    }
    }
    return HH_OK;
}

/* Normalises a municipality code the way reg_field_check accepted it. */
static const char *muni_code(arena *a, const char *v)
{
    return arena_printf(a, "%04d", (int)hh_int64_or(v, 0));
}

static hh_err check_fields(db *d, const reg_field *fields, size_t n, reg_get_fn get, void *ctx, bool creating,
                           hh_error *e)
{
    for (size_t i = 0; i < n; i++) {
        const char *v = get(ctx, fields[i].key);
        if (!v && !creating)
            continue; /* absent: keep the stored value */
        hh_err rc = reg_field_check(d, &fields[i], v, e);
        if (rc)
            return rc;
    }
    return HH_OK;
}

/* True when the write scope lets the principal touch an object with these
 * attributes: the scope's condition is evaluated in SQL on a one-row table
 * built from the values (org_no, department_no / id, municipality_code). */
typedef enum probe { PROBE_ORG, PROBE_DEPT, PROBE_AREA } probe;

static hh_err scope_allows(db *d, arena *a, probe kind, const char *cond, int64_t x, int64_t y, const char *muni,
                           bool *ok, hh_error *e)
{
    static const char dept_probe[] = "(SELECT CAST(? AS INTEGER) AS org_no, CAST(? AS INTEGER) AS department_no,"
                                     " CAST(? AS TEXT) AS municipality_code) d";
    const char *const from[] = {
        "(SELECT CAST(? AS INTEGER) AS org_no) o",
        dept_probe,
        "(SELECT CAST(? AS INTEGER) AS id, CAST(? AS TEXT) AS municipality_code) a",
    };
    db_stmt *st = db_prepare(d, arena_printf(a, "SELECT COUNT(*) FROM %s WHERE %s", from[kind], cond));
    if (!st)
        return db_fail(d, e, "check the scope");
    db_bind_int64(st, 1, x);
    if (kind == PROBE_DEPT) {
        db_bind_int64(st, 2, y);
        db_bind_text(st, 3, muni);
    } else if (kind == PROBE_AREA) {
        db_bind_text(st, 2, muni);
    }
    int rc = db_step(st);
    *ok = rc == DB_ROW && db_col_int64(st, 0) > 0;
    db_done(st);
    return rc == DB_ERROR ? db_fail(d, e, "check the scope") : HH_OK;
}

hh_err reg_organisation_put(db *d, const reg_scope *s, reg_get_fn get, void *ctx, reg_outcome *out, hh_error *e)
{
    arena a;
    arena_init(&a);
    hh_err rc = HH_OK;
    const char *no_s = get(ctx, "org_no");
    if ((rc = reg_field_check(d, &reg_org_fields[0], no_s, e)))
        goto done;
    int64_t org_no = hh_int64_or(no_s, 0);
    organisation cur;
    bool exists = reg_organisation_get(d, &reg_scope_everything, &a, org_no, &cur, NULL) == HH_OK;
    bool ok;
    if ((rc = scope_allows(d, &a, PROBE_ORG, s->org, org_no, 0, NULL, &ok, e)))
        goto done;
    if (!ok) {
        rc = hh_fail(e, HH_ERR_NOTFOUND, "org_no", "boligorganisation %lld er uden for dine rettigheder",
                     (long long)org_no);
        goto done;
    }
    if ((rc = check_fields(d, reg_org_fields, reg_org_nfields, get, ctx, !exists, e)))
        goto done;
    const char *name = get(ctx, "org_name"), *cvr = get(ctx, "cvr"), *adm = get(ctx, "administrator"),
               *mun = get(ctx, "org_municipality_code");
    const char *n_name = name ? name : cur.name;
    const char *n_cvr = cvr ? cvr : exists ? cur.cvr : "";
    const char *n_adm = adm ? adm : exists ? cur.administrator : "";
    const char *n_mun = mun ? (*mun ? muni_code(&a, mun) : "") : exists ? cur.municipality_code : "";
    if (exists && strcmp(n_name, cur.name) == 0 && strcmp(n_cvr, cur.cvr) == 0 &&
        strcmp(n_adm, cur.administrator) == 0 && strcmp(n_mun, cur.municipality_code) == 0) {
        *out = REG_UNCHANGED;
        goto done;
    }
    db_stmt *st = db_prepare(d, "INSERT INTO organisation (org_no, cvr, name, administrator, municipality_code)"
                                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_no) DO UPDATE SET cvr = excluded.cvr,"
                                " name = excluded.name, administrator = excluded.administrator,"
                                " municipality_code = excluded.municipality_code");
    if (!st) {
        rc = db_fail(d, e, "save organisation");
        goto done;
    }
    db_bind_int64(st, 1, org_no);
    if (*n_cvr)
        db_bind_text(st, 2, n_cvr);
    else
        db_bind_null(st, 2);
    db_bind_text(st, 3, n_name);
    db_bind_text(st, 4, n_adm);
    if (*n_mun)
        db_bind_text(st, 5, n_mun);
    else
        db_bind_null(st, 5);
    int r = db_step(st);
    db_done(st);
    if (r == DB_ERROR) {
        rc = db_fail(d, e, "save organisation");
        goto done;
    }
    *out = exists ? REG_UPDATED : REG_CREATED;
done:
    arena_free(&a);
    return rc;
}

static int64_t int_or(const char *v, int64_t keep)
{
    if (!v)
        return keep;
    return hh_int64_or(v, 0);
}

static double dec_or(const char *v, double keep)
{
    double x;
    if (!v)
        return keep;
    return *v && hh_parse_decimal(v, strlen(v), &x) ? x : NAN;
}

static bool same_double(double x, double y)
{
    return (isnan(x) && isnan(y)) || x == y;
}

static void bind_double_or_null(db_stmt *st, int i, double v)
{
    if (isnan(v))
        db_bind_null(st, i);
    else
        db_bind_double(st, i, v);
}

hh_err reg_department_put(db *d, const reg_scope *s, reg_get_fn get, void *ctx, int64_t *id, reg_outcome *out,
                          hh_error *e)
{
    arena a;
    arena_init(&a);
    hh_err rc;
    const char *org_s = get(ctx, "org_no"), *no_s = get(ctx, "department_no");
    if ((rc = reg_field_check(d, &reg_dept_fields[0], org_s, e)) ||
        (rc = reg_field_check(d, &reg_dept_fields[1], no_s, e)))
        goto done;
    int64_t org_no = hh_int64_or(org_s, 0), dno = hh_int64_or(no_s, 0);
    department cur;
    memset(&cur, 0, sizeof cur);
    bool exists = reg_department_get(d, &reg_scope_everything, &a, org_no, dno, &cur, NULL) == HH_OK;
    if ((rc = check_fields(d, reg_dept_fields, reg_dept_nfields, get, ctx, !exists, e)))
        goto done;
    department n = cur;
    n.org_no = org_no;
    n.department_no = dno;
    const char *v;
    if ((v = get(ctx, "department_name")))
        n.name = v;
    if ((v = get(ctx, "address")))
        n.address = v;
    if (!exists && !n.address)
        n.address = "";
    if ((v = get(ctx, "municipality_code")))
        n.municipality_code = muni_code(&a, v);
    n.dwellings_family = int_or(get(ctx, "dwellings_family"), cur.dwellings_family);
    n.dwellings_elderly = int_or(get(ctx, "dwellings_elderly"), cur.dwellings_elderly);
    n.dwellings_youth = int_or(get(ctx, "dwellings_youth"), cur.dwellings_youth);
    const char *total_s = get(ctx, "dwellings");
    if (total_s && *total_s) {
        int64_t total = hh_int64_or(total_s, 0);
        bool parts = get(ctx, "dwellings_family") && *get(ctx, "dwellings_family");
        if (parts && department_dwellings(&n) != total) {
            rc = hh_fail(e, HH_ERR_INPUT, "dwellings",
                         "Boliger i alt (%lld) er ikke summen af familie-, ældre- og ungdomsboliger (%lld)",
                         (long long)total, (long long)department_dwellings(&n));
            goto done;
        }
        if (!parts) {
            int64_t family = total - n.dwellings_elderly - n.dwellings_youth;
            if (family < 0) {
                rc = hh_fail(e, HH_ERR_INPUT, "dwellings",
                             "Boliger i alt (%lld) er færre end ældre- og ungdomsboligerne (%lld)", (long long)total,
                             (long long)(n.dwellings_elderly + n.dwellings_youth));
                goto done;
            }
            n.dwellings_family = family;
        }
    }
    n.build_year = int_or(get(ctx, "build_year"), cur.build_year);
    n.rent_per_m2 = dec_or(get(ctx, "rent_per_m2"), exists ? cur.rent_per_m2 : NAN);
    n.outdoor_area_m2 = dec_or(get(ctx, "outdoor_area_m2"), exists ? cur.outdoor_area_m2 : NAN);

    /* The write scope is checked against the department as it is now and as
     * it will be: an organisation cannot move a department out of reach. */
    bool ok = true;
    if ((rc = scope_allows(d, &a, PROBE_DEPT, s->dept, org_no, dno, n.municipality_code, &ok, e)))
        goto done;
    if (ok && exists && (rc = scope_allows(d, &a, PROBE_DEPT, s->dept, org_no, dno, cur.municipality_code, &ok, e)))
        goto done;
    if (!ok) {
        rc = hh_fail(e, HH_ERR_NOTFOUND, "org_no", "afdeling %lld-%lld er uden for dine rettigheder", (long long)org_no,
                     (long long)dno);
        goto done;
    }
    int64_t org_exists = 0;
    db_stmt *st = db_prepare(d, "SELECT COUNT(*) FROM organisation WHERE org_no = ?");
    if (st) {
        db_bind_int64(st, 1, org_no);
        if (db_step(st) == DB_ROW)
            org_exists = db_col_int64(st, 0);
        db_done(st);
    }
    if (!org_exists) {
        rc = hh_fail(e, HH_ERR_INPUT, "org_no", "boligorganisation %lld findes ikke; opret den først",
                     (long long)org_no);
        goto done;
    }
    char peer[32];
    const char *region = "";
    st = db_prepare(d, "SELECT region_code FROM municipality WHERE code = ?");
    if (st) {
        db_bind_text(st, 1, n.municipality_code);
        if (db_step(st) == DB_ROW)
            region = arena_strdup(&a, db_col_text(st, 0));
        db_done(st);
    }
    kf_peer_code(peer, sizeof peer, department_dwellings(&n), n.build_year, n.municipality_code, region);
    if (exists && strcmp(n.name, cur.name) == 0 && strcmp(n.address, cur.address) == 0 &&
        strcmp(n.municipality_code, cur.municipality_code) == 0 && n.dwellings_family == cur.dwellings_family &&
        n.dwellings_elderly == cur.dwellings_elderly && n.dwellings_youth == cur.dwellings_youth &&
        n.build_year == cur.build_year && same_double(n.rent_per_m2, cur.rent_per_m2) &&
        same_double(n.outdoor_area_m2, cur.outdoor_area_m2) && strcmp(peer, cur.peer_group) == 0) {
        *out = REG_UNCHANGED;
        if (id)
            *id = cur.id;
        goto done;
    }
    st = db_prepare(d, "INSERT INTO department (org_no, department_no, name, address, municipality_code,"
                       " dwellings_family, dwellings_elderly, dwellings_youth, build_year, rent_per_m2,"
                       " outdoor_area_m2, peer_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (org_no, department_no) DO UPDATE SET name = excluded.name,"
                       " address = excluded.address, municipality_code = excluded.municipality_code,"
                       " dwellings_family = excluded.dwellings_family, dwellings_elderly = excluded.dwellings_elderly,"
                       " dwellings_youth = excluded.dwellings_youth, build_year = excluded.build_year,"
                       " rent_per_m2 = excluded.rent_per_m2, outdoor_area_m2 = excluded.outdoor_area_m2,"
                       " peer_group = excluded.peer_group RETURNING id");
    if (!st) {
        rc = db_fail(d, e, "save department");
        goto done;
    }
    db_bind_int64(st, 1, org_no);
    db_bind_int64(st, 2, dno);
    db_bind_text(st, 3, n.name);
    db_bind_text(st, 4, n.address);
    db_bind_text(st, 5, n.municipality_code);
    db_bind_int64(st, 6, n.dwellings_family);
    db_bind_int64(st, 7, n.dwellings_elderly);
    db_bind_int64(st, 8, n.dwellings_youth);
    if (n.build_year > 0)
        db_bind_int64(st, 9, n.build_year);
    else
        db_bind_null(st, 9);
    bind_double_or_null(st, 10, n.rent_per_m2);
    bind_double_or_null(st, 11, n.outdoor_area_m2);
    db_bind_text(st, 12, peer);
    int r = db_step(st);
    if (r == DB_ROW && id)
        *id = db_col_int64(st, 0);
    db_done(st);
    if (r == DB_ERROR) {
        rc = db_fail(d, e, "save department");
        goto done;
    }
    *out = exists ? REG_UPDATED : REG_CREATED;
done:
    arena_free(&a);
    return rc;
}

hh_err reg_area_put(db *d, const reg_scope *s, reg_get_fn get, void *ctx, int64_t *id, reg_outcome *out, hh_error *e)
{
    arena a;
    arena_init(&a);
    hh_err rc;
    const char *code = get(ctx, "area_code");
    if ((rc = reg_field_check(d, &reg_area_fields[0], code, e)))
        goto done;
    housing_area cur;
    memset(&cur, 0, sizeof cur);
    bool exists = reg_area_get(d, &reg_scope_everything, &a, code, &cur, NULL) == HH_OK;
    if ((rc = check_fields(d, reg_area_fields, reg_area_nfields, get, ctx, !exists, e)))
        goto done;
    housing_area n = cur;
    const char *v;
    if ((v = get(ctx, "area_name")))
        n.name = v;
    if ((v = get(ctx, "municipality_code")))
        n.municipality_code = muni_code(&a, v);
    bool ok = true;
    if ((rc = scope_allows(d, &a, PROBE_AREA, s->area, 0, 0, n.municipality_code, &ok, e)))
        goto done;
    if (ok && exists && (rc = scope_allows(d, &a, PROBE_AREA, s->area, cur.id, 0, cur.municipality_code, &ok, e)))
        goto done;
    if (!ok) {
        rc = hh_fail(e, HH_ERR_NOTFOUND, "area_code", "boligområde %s er uden for dine rettigheder", code);
        goto done;
    }
    if (exists && strcmp(n.name, cur.name) == 0 && strcmp(n.municipality_code, cur.municipality_code) == 0) {
        *out = REG_UNCHANGED;
        if (id)
            *id = cur.id;
        goto done;
    }
    db_stmt *st = db_prepare(d, "INSERT INTO housing_area (code, name, municipality_code) VALUES (?, ?, ?)"
                                " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                                " municipality_code = excluded.municipality_code RETURNING id");
    if (!st) {
        rc = db_fail(d, e, "save area");
        goto done;
    }
    db_bind_text(st, 1, code);
    db_bind_text(st, 2, n.name);
    db_bind_text(st, 3, n.municipality_code);
    int r = db_step(st);
    if (r == DB_ROW && id)
        *id = db_col_int64(st, 0);
    db_done(st);
    if (r == DB_ERROR) {
        rc = db_fail(d, e, "save area");
        goto done;
    }
    *out = exists ? REG_UPDATED : REG_CREATED;
done:
    arena_free(&a);
    return rc;
}

static hh_err area_in_write_scope(db *d, const reg_scope *s, arena *a, int64_t area_id, hh_error *e)
{
    bool ok;
    int64_t found = 0;
    db_stmt *st = db_prepare(d, arena_printf(a, "SELECT COUNT(*) FROM housing_area a WHERE a.id = ? AND %s", s->area));
    if (!st)
        return db_fail(d, e, "check the scope");
    db_bind_int64(st, 1, area_id);
    int r = db_step(st);
    if (r == DB_ROW)
        found = db_col_int64(st, 0);
    db_done(st);
    hh_err rc = r == DB_ERROR ? db_fail(d, e, "check the scope") : HH_OK;
    ok = found > 0;
    if (rc)
        return rc;
    if (!ok)
        return hh_fail(e, HH_ERR_NOTFOUND, "area_code", "boligområdet findes ikke eller er uden for dine rettigheder");
    return HH_OK;
}

/* Adds the department from valid_from, or ends its current membership at
 * valid_to: membership is never edited in place, so the area's history stays. */
static hh_err member_add(db *d, int64_t area_id, const department *dep, const char *valid_from, hh_error *e)
{
    db_stmt *st = db_prepare(d, "SELECT COUNT(*) FROM area_member WHERE area_id = ? AND department_id = ?"
                                " AND valid_to IS NULL");
    if (!st)
        return db_fail(d, e, "read area members");
    db_bind_int64(st, 1, area_id);
    db_bind_int64(st, 2, dep->id);
    int64_t current = db_step(st) == DB_ROW ? db_col_int64(st, 0) : 0;
    db_done(st);
    if (current)
        return hh_fail(e, HH_ERR_CONFLICT, "department_no", "afdeling %lld-%lld er allerede med i området",
                       (long long)dep->org_no, (long long)dep->department_no);
    st = db_prepare(d, "INSERT INTO area_member (area_id, department_id, valid_from) VALUES (?, ?, ?)");
    if (!st)
        return db_fail(d, e, "add area member");
    db_bind_int64(st, 1, area_id);
    db_bind_int64(st, 2, dep->id);
    db_bind_text(st, 3, valid_from);
    int r = db_step(st);
    db_done(st);
    if (r != DB_ERROR)
        return HH_OK;
    return db_last_was_constraint(d)
               ? hh_fail(e, HH_ERR_CONFLICT, "valid_from", "afdelingen har allerede et medlemskab fra %s", valid_from)
               : db_fail(d, e, "add area member");
}

static hh_err member_end(db *d, int64_t area_id, const department *dep, const char *valid_to, hh_error *e)
{
    db_stmt *st = db_prepare(d, "UPDATE area_member SET valid_to = ? WHERE area_id = ? AND department_id = ?"
                                " AND valid_to IS NULL AND valid_from <= ?");
    if (!st)
        return db_fail(d, e, "end area membership");
    db_bind_text(st, 1, valid_to);
    db_bind_int64(st, 2, area_id);
    db_bind_int64(st, 3, dep->id);
    db_bind_text(st, 4, valid_to);
    int r = db_step(st);
    int64_t changed = db_changes(st);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "end area membership");
    if (changed == 0)
        return hh_fail(e, HH_ERR_INPUT, "valid_to",
                       "afdeling %lld-%lld har intet aktuelt medlemskab af området, der begynder senest %s",
                       (long long)dep->org_no, (long long)dep->department_no, valid_to);
    return HH_OK;
}

hh_err reg_area_member_put(db *d, const reg_scope *s, int64_t area_id, reg_get_fn get, void *ctx, bool *ended,
                           hh_error *e)
{
    arena a;
    arena_init(&a);
    const char *org_s = get(ctx, "org_no"), *dno_s = get(ctx, "department_no");
    const char *from = get(ctx, "valid_from"), *to = get(ctx, "valid_to");
    *ended = to && *to;
    const char *date = *ended ? to : from ? from : "";
    hh_err rc = area_in_write_scope(d, s, &a, area_id, e);
    if (!rc && !(rc = reg_field_check(d, &reg_dept_fields[0], org_s, e)))
        rc = reg_field_check(d, &reg_dept_fields[1], dno_s, e);
    if (!rc && !valid_date(date))
        rc = hh_fail(e, HH_ERR_INPUT, *ended ? "valid_to" : "valid_from",
                     "%s: '%s' er ikke en dato; forventede ÅÅÅÅ-MM-DD", *ended ? "Gyldig til" : "Gyldig fra", date);
    department dep;
    if (!rc)
        rc = reg_department_get(d, &reg_scope_everything, &a, hh_int64_or(org_s, 0), hh_int64_or(dno_s, 0), &dep, e);
    if (!rc)
        rc = *ended ? member_end(d, area_id, &dep, to, e) : member_add(d, area_id, &dep, from, e);
    arena_free(&a);
    return rc;
}
