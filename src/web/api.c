/* api.c - JSON API under /api/v1/ for the reference data. Messages are in
 * English: the API's readers are programs and their developers. */
#include <jansson.h>
#include <string.h>

#include "domain/geo.h"
#include "http/json.h"
#include "http/respcache.h"
#include "version.h"
#include "web/pages.h"

#define LOOKUP_MAX_CODES 1000

static void respond_json(http_req *req)
{
    buf_putc(&req->out, '\n');
    http_respond(req, 200, "application/json");
}

void api_version(http_req *req)
{
    int64_t schema = 0;
    db_query_int64(req->db, "SELECT COALESCE(MAX(version), 0) FROM schema_version", &schema);
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kstr(&w, "name", "helhed");
    jw_kstr(&w, "version", HELHED_VERSION);
    jw_kint(&w, "schema_version", schema);
    jw_kstr(&w, "database", db_kind_name(db_get_kind(req->db)));
    jw_obj_end(&w);
    respond_json(req);
}

void api_regions(http_req *req)
{
    if (respcache_serve(req, "geo"))
        return;
    geo_region *r;
    size_t n;
    hh_error e;
    if (geo_regions(req->db, &req->a, &r, &n, &e) != HH_OK) {
        http_fail_db(req, "reading regions");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "regions");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj(&w);
        jw_kstr(&w, "code", r[i].code);
        jw_kstr(&w, "name", r[i].name);
        jw_kint(&w, "municipality_count", r[i].municipality_count);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    respond_json(req);
    respcache_store(req);
}

static void write_muni(jw *w, const geo_municipality *m)
{
    jw_obj(w);
    jw_kstr(w, "code", m->code);
    jw_kstr(w, "name", m->name);
    jw_kstr(w, "region_code", m->region_code);
    jw_kstr(w, "region_name", m->region_name);
    jw_kbool(w, "is_municipality", m->is_municipality);
    jw_obj_end(w);
}

void api_municipalities(http_req *req)
{
    if (respcache_serve(req, "geo"))
        return;
    const char *region = http_query(req, "region");
    hh_error e;
    if (region) {
        geo_region r;
        if (!geo_code_valid(region)) {
            http_error(req, 400, "invalid_parameter", "region must be a 4-digit region code, e.g. 1084", "region");
            return;
        }
        hh_err rc = geo_region_get(req->db, &req->a, region, &r, &e);
        if (rc == HH_ERR_NOTFOUND) {
            http_error(req, 404, "not_found", "no region has this code (regions are 1081-1085)", "region");
            return;
        }
        if (rc) {
            http_fail_db(req, "reading a region");
            return;
        }
    }
    geo_municipality *m;
    size_t n;
    if (geo_municipalities(req->db, &req->a, region, GEO_BY_CODE, &m, &n, &e) != HH_OK) {
        http_fail_db(req, "reading municipalities");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "municipalities");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++)
        write_muni(&w, &m[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    respond_json(req);
    respcache_store(req);
}

void api_municipality(http_req *req)
{
    geo_municipality m;
    hh_error e;
    hh_err rc = geo_municipality_get(req->db, &req->a, http_param(req, "code"), &m, &e);
    if (rc == HH_ERR_NOTFOUND) {
        http_error(req, 404, "not_found", "no municipality has this code", "code");
        return;
    }
    if (rc) {
        http_fail_db(req, "reading a municipality");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    write_muni(&w, &m);
    respond_json(req);
}

/* POST {"codes": ["0101", ...]} → the known municipalities in request order
 * and the codes that matched none. */
void api_municipality_lookup(http_req *req)
{
    json_t *body = http_json_body(req);
    if (!body)
        return;
    json_t *codes = NULL;
    json_error_t err;
    if (json_unpack_ex(body, &err, JSON_STRICT, "{s:o}", "codes", &codes) != 0 || !json_is_array(codes)) {
        http_error(req, 400, "invalid_body", "expected an object {\"codes\": [\"0101\", ...]} and nothing else",
                   "codes");
        goto out;
    }
    if (json_array_size(codes) > LOOKUP_MAX_CODES) {
        http_error(req, 400, "invalid_body", "at most 1000 codes per request", "codes");
        goto out;
    }
    size_t i;
    json_t *c;
    json_array_foreach (codes, i, c) {
        if (!json_is_string(c)) {
            http_error(req, 400, "invalid_body", "each code must be a string such as \"0101\"",
                       arena_printf(&req->a, "codes[%zu]", i));
            goto out;
        }
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "municipalities");
    jw_arr(&w);
    buf unknown;
    buf_init(&unknown, 0);
    jw wu;
    jw_init(&wu, &unknown);
    jw_arr(&wu);
    json_array_foreach (codes, i, c) {
        geo_municipality m;
        hh_error e;
        hh_err rc = geo_municipality_get(req->db, &req->a, json_string_value(c), &m, &e);
        if (rc == HH_OK) {
            write_muni(&w, &m);
        } else if (rc == HH_ERR_NOTFOUND) {
            jw_str(&wu, json_string_value(c));
        } else {
            buf_free(&unknown);
            http_fail_db(req, "looking up municipalities");
            goto out;
        }
    }
    jw_arr_end(&wu);
    jw_arr_end(&w);
    jw_key(&w, "unknown");
    buf_append(&req->out, unknown.data, unknown.len);
    buf_free(&unknown);
    jw_obj_end(&w);
    respond_json(req);
out:
    json_decref(body);
}
