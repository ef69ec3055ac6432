/* registry.h - housing organisations, departments and housing areas, and
 * which of them a principal may see and change.
 *
 * Scopes become SQL conditions over the department alias `d` (and the area
 * alias `a`), built from the principal's grants with validated integer and
 * code literals, so every list and lookup is limited in the query itself. */
#ifndef HELHED_REGISTRY_H
#define HELHED_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/roles.h"
#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"

typedef struct reg_scope {
    bool all;         /* no limit */
    const char *dept; /* SQL condition over department alias d */
    const char *area; /* SQL condition over housing_area alias a */
    const char *org;  /* SQL condition over organisation alias o */
} reg_scope;

/* No limit: the operator, and lookups after a scope was checked. */
extern const reg_scope reg_scope_everything;

/* What p may read in detail (department level), and what p may change.
 * A NULL principal (the command line, run by the operator) sees everything. */
void reg_scope_read(const principal *p, arena *a, reg_scope *out);
void reg_scope_write(const principal *p, arena *a, reg_scope *out);
/* Whose key figures p may load: the write scope, and everything for national
 * analysts, who load register data for all departments. */
void reg_scope_keyfigures(const principal *p, arena *a, reg_scope *out);
/* Aggregates: viewers see area, organisation and municipality totals for
 * their scope without department detail. */
void reg_scope_aggregate(const principal *p, arena *a, reg_scope *out);

typedef struct organisation {
    int64_t org_no;
    const char *cvr; /* "" when unknown */
    const char *name;
    const char *administrator;
    const char *municipality_code; /* head office; "" when unknown */
    const char *municipality_name;
    int64_t departments; /* visible departments */
    int64_t dwellings;
} organisation;

typedef struct department {
    int64_t id;
    int64_t org_no;
    int64_t department_no;
    const char *org_name;
    const char *name;
    const char *address;
    const char *municipality_code;
    const char *municipality_name;
    const char *region_code;
    int64_t dwellings_family, dwellings_elderly, dwellings_youth;
    int64_t build_year; /* 0 when unknown */
    double rent_per_m2; /* NAN when unknown */
    double outdoor_area_m2;
    const char *peer_group;
} department;

static inline int64_t department_dwellings(const department *d)
{
    return d->dwellings_family + d->dwellings_elderly + d->dwellings_youth;
}

typedef struct housing_area {
    int64_t id;
    const char *code;
    const char *name;
    const char *municipality_code;
    const char *municipality_name;
    int64_t departments; /* current members */
    int64_t dwellings;
} housing_area;

typedef struct area_member {
    int64_t department_id;
    int64_t org_no, department_no;
    const char *name;
    const char *valid_from;
    const char *valid_to; /* "" while current */
} area_member;

/* Filters for department lists. */
typedef struct dept_filter {
    const char *q;                 /* name, address, org name or "ORG-DEPT" contains */
    const char *municipality_code; /* NULL = any */
    int64_t org_no;                /* 0 = any */
    int64_t area_id;               /* 0 = any (current members) */
    size_t limit;                  /* 0 = no limit */
} dept_filter;

hh_err reg_organisations(db *d, const reg_scope *s, arena *a, const char *q, organisation **out, size_t *n,
                         hh_error *e);
hh_err reg_organisation_get(db *d, const reg_scope *s, arena *a, int64_t org_no, organisation *out, hh_error *e);
hh_err reg_departments(db *d, const reg_scope *s, arena *a, const dept_filter *f, department **out, size_t *n,
                       hh_error *e);
hh_err reg_department_get(db *d, const reg_scope *s, arena *a, int64_t org_no, int64_t department_no, department *out,
                          hh_error *e);
hh_err reg_areas(db *d, const reg_scope *s, arena *a, const char *q, housing_area **out, size_t *n, hh_error *e);
hh_err reg_area_get(db *d, const reg_scope *s, arena *a, const char *code, housing_area *out, hh_error *e);
hh_err reg_area_members(db *d, arena *a, int64_t area_id, area_member **out, size_t *n, hh_error *e);
/* Areas a department belongs to now. */
hh_err reg_department_areas(db *d, arena *a, int64_t department_id, housing_area **out, size_t *n, hh_error *e);

/* ---- changes ----
 * Inputs are strings keyed by field name, as forms, JSON and import rows
 * give them; each field is validated with a Danish message naming it. */
typedef enum reg_field_type { RF_TEXT, RF_INT, RF_DECIMAL, RF_MUNICIPALITY, RF_CVR, RF_DATE } reg_field_type;

typedef struct reg_field {
    const char *key;   /* form name, JSON key and import column */
    const char *label; /* Danish */
    reg_field_type type;
    bool required;
    double min, max;
    size_t max_len;
} reg_field;

extern const reg_field reg_org_fields[];
extern const size_t reg_org_nfields;
extern const reg_field reg_dept_fields[];
extern const size_t reg_dept_nfields;
extern const reg_field reg_area_fields[];
extern const size_t reg_area_nfields;

/* Looks a value up by key: returns NULL when absent. */
typedef const char *(*reg_get_fn)(void *ctx, const char *key);

/* Checks one value; fills e (field = key) with what was expected. Empty
 * values pass unless required. */
hh_err reg_field_check(db *d, const reg_field *f, const char *value, hh_error *e);

typedef enum reg_outcome { REG_UNCHANGED, REG_CREATED, REG_UPDATED } reg_outcome;

/* Creates or updates by key (org_no; org_no + department_no; code). A field
 * that is absent keeps its stored value on update. Refused with
 * HH_ERR_NOTFOUND outside the write scope. */
hh_err reg_organisation_put(db *d, const reg_scope *s, reg_get_fn get, void *ctx, reg_outcome *out, hh_error *e);
hh_err reg_department_put(db *d, const reg_scope *s, reg_get_fn get, void *ctx, int64_t *id, reg_outcome *out,
                          hh_error *e);
hh_err reg_area_put(db *d, const reg_scope *s, reg_get_fn get, void *ctx, int64_t *id, reg_outcome *out, hh_error *e);
/* Area membership from field values org_no, department_no and either
 * valid_from (joins from that date) or valid_to (its current membership
 * ends then); *ended tells which. Needs the area in the write scope. */
hh_err reg_area_member_put(db *d, const reg_scope *s, int64_t area_id, reg_get_fn get, void *ctx, bool *ended,
                           hh_error *e);

/* "101-1" → 101, 1. */
bool reg_parse_dept_key(const char *s, int64_t *org_no, int64_t *department_no);

#endif
