/* api_registry.c - the registry and key figures under /api/v1/:
 * organisations, departments, areas, the key-figure catalogue, values per
 * level (suppressed), department and area series, and imports. Every query
 * is limited by the caller's scope; objects outside it answer 404. Field
 * messages are Danish (they come from the same validation the pages use). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "domain/import.h"
#include "domain/keyfig.h"
#include "domain/kf_export.h"
#include "domain/registry.h"
#include "http/json.h"
#include "web/auth_web.h"
#include "web/pages.h"
#include "web/registry_web.h"

static void respond_json(http_req *req, int status)
{
    buf_putc(&req->out, '\n');
    http_respond(req, status, "application/json");
}

/* JSON body values as the registry's field strings. */
typedef struct json_get {
    json_t *obj;
    arena *a;
} json_get;

static const char *json_get_fn(void *ctx, const char *key)
{
    json_get *g = ctx;
    json_t *v = json_object_get(g->obj, key);
    if (!v)
        return NULL;
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        return arena_printf(g->a, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return arena_printf(g->a, "%.10g", json_real_value(v));
    if (json_is_null(v))
        return "";
    return "\x01"; /* arrays, objects, booleans: never a valid value */
}

static void field_error(http_req *req, hh_err rc, const hh_error *e)
{
    int status = rc == HH_ERR_NOTFOUND ? 404 : rc == HH_ERR_CONFLICT ? 409 : rc == HH_ERR_INPUT ? 422 : 500;
    if (status == 500) {
        http_fail_db(req, "saving the registry");
        return;
    }
    http_error(req, status,
               status == 404   ? "not_found"
               : status == 409 ? "conflict"
                               : "invalid",
               e->msg, e->field[0] ? e->field : NULL);
}

/* ---- JSON writers ---- */

static void json_org(jw *w, const organisation *o)
{
    jw_obj(w);
    jw_kint(w, "org_no", o->org_no);
    jw_kstr(w, "org_name", o->name);
    jw_kstr(w, "cvr", *o->cvr ? o->cvr : NULL);
    jw_kstr(w, "administrator", o->administrator);
    jw_kstr(w, "org_municipality_code", *o->municipality_code ? o->municipality_code : NULL);
    jw_kint(w, "departments", o->departments);
    jw_kint(w, "dwellings", o->dwellings);
    jw_obj_end(w);
}

static void json_dept(jw *w, const department *d)
{
    char key[48];
    snprintf(key, sizeof key, "%lld-%lld", (long long)d->org_no, (long long)d->department_no);
    jw_obj(w);
    jw_kstr(w, "key", key);
    jw_kint(w, "org_no", d->org_no);
    jw_kint(w, "department_no", d->department_no);
    jw_kstr(w, "department_name", d->name);
    jw_kstr(w, "org_name", d->org_name);
    jw_kstr(w, "address", d->address);
    jw_kstr(w, "municipality_code", d->municipality_code);
    jw_kstr(w, "municipality_name", d->municipality_name);
    jw_kint(w, "dwellings", department_dwellings(d));
    jw_kint(w, "dwellings_family", d->dwellings_family);
    jw_kint(w, "dwellings_elderly", d->dwellings_elderly);
    jw_kint(w, "dwellings_youth", d->dwellings_youth);
    jw_key(w, "build_year");
    if (d->build_year)
        jw_int(w, d->build_year);
    else
        jw_null(w);
    jw_key(w, "rent_per_m2");
    jw_double(w, d->rent_per_m2);
    jw_key(w, "outdoor_area_m2");
    jw_double(w, d->outdoor_area_m2);
    jw_kstr(w, "peer_group", d->peer_group);
    jw_obj_end(w);
}

static void json_area(jw *w, const housing_area *a)
{
    jw_obj(w);
    jw_kstr(w, "area_code", a->code);
    jw_kstr(w, "area_name", a->name);
    jw_kstr(w, "municipality_code", a->municipality_code);
    jw_kstr(w, "municipality_name", a->municipality_name);
    jw_kint(w, "departments", a->departments);
    jw_kint(w, "dwellings", a->dwellings);
    jw_obj_end(w);
}

static void json_org_item(jw *w, const void *x)
{
    json_org(w, x);
}

static void json_dept_item(jw *w, const void *x)
{
    json_dept(w, x);
}

static void json_area_item(jw *w, const void *x)
{
    json_area(w, x);
}

/* {"KEY":[...]} from an array of n elements of size bytes. */
typedef void (*json_item_fn)(jw *w, const void *item);

static void json_items(jw *w, const char *key, const void *items, size_t n, size_t size, json_item_fn write)
{
    jw_key(w, key);
    jw_arr(w);
    for (size_t i = 0; i < n; i++)
        write(w, (const char *)items + i * size);
    jw_arr_end(w);
}

static void respond_list(http_req *req, const char *key, const void *items, size_t n, size_t size, json_item_fn write)
{
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    json_items(&w, key, items, n, size, write);
    jw_obj_end(&w);
    respond_json(req, 200);
}

/* ---- organisations ---- */

void api_organisations(http_req *req)
{
    reg_scope s;
    reg_scope_aggregate(web_principal(req), &req->a, &s);
    organisation *o;
    size_t n;
    hh_error e;
    if (reg_organisations(req->db, &s, &req->a, http_query(req, "q"), &o, &n, &e)) {
        http_fail_db(req, "reading organisations");
        return;
    }
    respond_list(req, "organisations", o, n, sizeof(organisation), json_org_item);
}

void api_organisation(http_req *req)
{
    organisation o;
    if (!web_load_org(req, &o))
        return;
    reg_scope s;
    reg_scope_read(web_principal(req), &req->a, &s);
    department *d;
    size_t n;
    hh_error e;
    dept_filter f = { .org_no = o.org_no };
    if (reg_departments(req->db, &s, &req->a, &f, &d, &n, &e)) {
        http_fail_db(req, "reading departments");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "organisation");
    json_org(&w, &o);
    json_items(&w, "departments", d, n, sizeof(department), json_dept_item);
    jw_obj_end(&w);
    respond_json(req, 200);
}

/* Creates (cur_key NULL) or updates the object of kind from the JSON body;
 * the path's key fields win over the body's. Answers with the saved object. */
static void put(http_req *req, reg_kind kind, const char *const *fixed, size_t nfixed)
{
    json_t *body = http_json_body(req);
    if (!body)
        return;
    json_get g = { body, &req->a };
    reg_fixed f = { fixed, nfixed, json_get_fn, &g };
    reg_outcome out;
    hh_error e;
    hh_err rc = web_registry_put(req, kind, reg_fixed_get, &f, &out, &e);
    const char *key = web_registry_key(req, kind, reg_fixed_get, &f);
    json_decref(body);
    if (rc) {
        field_error(req, rc, &e);
        return;
    }
    reg_scope s;
    reg_scope_aggregate(web_principal(req), &req->a, &s);
    jw w;
    jw_init(&w, &req->out);
    int64_t a = 0, b = 0;
    if (kind == REG_ORG) {
        organisation o;
        reg_organisation_get(req->db, &s, &req->a, hh_int64_or(key, 0), &o, &e);
        json_org(&w, &o);
    } else if (kind == REG_DEPT) {
        department d;
        reg_scope_read(web_principal(req), &req->a, &s);
        reg_parse_dept_key(key, &a, &b);
        reg_department_get(req->db, &s, &req->a, a, b, &d, &e);
        json_dept(&w, &d);
    } else {
        housing_area x;
        reg_area_get(req->db, &s, &req->a, key, &x, &e);
        json_area(&w, &x);
    }
    respond_json(req, out == REG_CREATED ? 201 : 200);
}

void api_organisation_create(http_req *req)
{
    put(req, REG_ORG, NULL, 0);
}

void api_organisation_update(http_req *req)
{
    organisation o;
    if (!web_load_org(req, &o))
        return;
    const char *fixed[] = { "org_no", arena_printf(&req->a, "%lld", (long long)o.org_no) };
    put(req, REG_ORG, fixed, 1);
}

/* ---- departments ---- */

void api_departments(http_req *req)
{
    reg_scope s;
    reg_scope_read(web_principal(req), &req->a, &s);
    dept_filter f = { .q = http_query(req, "q"), .municipality_code = http_query(req, "municipality") };
    const char *org = http_query(req, "org_no"), *limit = http_query(req, "limit");
    int v;
    if (org && hh_parse_int(org, 1, 99999, &v))
        f.org_no = v;
    f.limit = limit && hh_parse_int(limit, 1, 100000, &v) ? (size_t)v : 1000;
    department *d;
    size_t n;
    hh_error e;
    if (reg_departments(req->db, &s, &req->a, &f, &d, &n, &e)) {
        http_fail_db(req, "reading departments");
        return;
    }
    respond_list(req, "departments", d, n, sizeof(department), json_dept_item);
}

void api_department(http_req *req)
{
    department d;
    if (!web_load_dept(req, &d))
        return;
    jw w;
    jw_init(&w, &req->out);
    json_dept(&w, &d);
    respond_json(req, 200);
}

void api_department_create(http_req *req)
{
    put(req, REG_DEPT, NULL, 0);
}

void api_department_update(http_req *req)
{
    department d;
    if (!web_load_dept(req, &d))
        return;
    const char *fixed[] = { "org_no", arena_printf(&req->a, "%lld", (long long)d.org_no), "department_no",
                            arena_printf(&req->a, "%lld", (long long)d.department_no) };
    put(req, REG_DEPT, fixed, 2);
}

/* ---- areas ---- */

void api_areas(http_req *req)
{
    reg_scope s;
    reg_scope_aggregate(web_principal(req), &req->a, &s);
    housing_area *a;
    size_t n;
    hh_error e;
    if (reg_areas(req->db, &s, &req->a, http_query(req, "q"), &a, &n, &e)) {
        http_fail_db(req, "reading areas");
        return;
    }
    respond_list(req, "areas", a, n, sizeof(housing_area), json_area_item);
}

void api_area(http_req *req)
{
    housing_area a;
    if (!web_load_area(req, &a))
        return;
    area_member *m;
    size_t n;
    hh_error e;
    if (reg_area_members(req->db, &req->a, a.id, &m, &n, &e)) {
        http_fail_db(req, "reading area members");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "area");
    json_area(&w, &a);
    jw_key(&w, "members");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj(&w);
        jw_kint(&w, "org_no", m[i].org_no);
        jw_kint(&w, "department_no", m[i].department_no);
        jw_kstr(&w, "department_name", m[i].name);
        jw_kstr(&w, "valid_from", m[i].valid_from);
        jw_kstr(&w, "valid_to", *m[i].valid_to ? m[i].valid_to : NULL);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    respond_json(req, 200);
}

void api_area_create(http_req *req)
{
    put(req, REG_AREA, NULL, 0);
}

void api_area_update(http_req *req)
{
    housing_area a;
    if (!web_load_area(req, &a))
        return;
    const char *fixed[] = { "area_code", a.code };
    put(req, REG_AREA, fixed, 1);
}

/* {"org_no":101,"department_no":1,"valid_from":"2020-01-01"} adds;
 * with "valid_to" instead it ends the current membership. */
void api_area_member(http_req *req)
{
    housing_area a;
    if (!web_load_area(req, &a))
        return;
    json_t *body = http_json_body(req);
    if (!body)
        return;
    json_get g = { body, &req->a };
    hh_error e;
    hh_err rc = web_area_member(req, &a, json_get_fn, &g, &e);
    json_decref(body);
    if (rc) {
        field_error(req, rc, &e);
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kbool(&w, "ok", true);
    jw_obj_end(&w);
    respond_json(req, 200);
}
