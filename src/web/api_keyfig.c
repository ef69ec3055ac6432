/* api_keyfig.c - key figures and imports under /api/v1/. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/str.h"
#include "domain/import.h"
#include "domain/keyfig.h"
#include "domain/kf_export.h"
#include "http/json.h"
#include "http/respcache.h"
#include "web/auth_web.h"
#include "web/pages.h"
#include "web/profile.h"
#include "web/registry_web.h"
#include "web/web_keyfig.h"

static void respond_json(http_req *req, int status)
{
    buf_putc(&req->out, '\n');
    http_respond(req, status, "application/json");
}

void api_keyfigures(http_req *req)
{
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "key_figures");
    jw_arr(&w);
    for (size_t i = 0; i < kf_count; i++) {
        const key_figure *k = &kf_catalogue[i];
        jw_obj(&w);
        jw_kstr(&w, "code", k->code);
        jw_kstr(&w, "name_da", k->name_da);
        jw_kstr(&w, "name_en", k->name_en);
        jw_kstr(&w, "unit", k->unit);
        jw_kstr(&w, "kind", kf_kind_code[k->kind]);
        jw_kstr(&w, "good_direction", kf_direction_code[k->good]);
        jw_kstr(&w, "spiral_link", kf_link_code[k->link]);
        jw_kbool(&w, "is_count", k->is_count);
        jw_kint(&w, "decimals", k->decimals);
        jw_kstr(&w, "source", k->source);
        jw_kstr(&w, "definition", k->definition);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    respond_json(req, 200);
}

/* GET /api/v1/keyfigures/values?level=&year=&key_figure=&format=csv|json|xlsx */
void api_keyfigure_values(http_req *req)
{
    const char *level_s = http_query(req, "level"), *year_s = http_query(req, "year"),
               *code = http_query(req, "key_figure"), *format_s = http_query(req, "format");
    kf_level level = level_s ? kf_level_by_code(level_s) : LEVEL_MUNICIPALITY;
    if (level == LEVEL_COUNT) {
        http_error(req, 400, "invalid",
                   "level must be department, area, organisation, municipality, region, country or peer", "level");
        return;
    }
    int year = 0, kf = -1;
    if (year_s && !hh_parse_int(year_s, 1990, 2100, &year)) {
        http_error(req, 400, "invalid", "year must be a year between 1990 and 2100", "year");
        return;
    }
    if (code && (kf = kf_find(code)) < 0) {
        http_error(req, 400, "invalid", "unknown key figure (see /api/v1/keyfigures)", "key_figure");
        return;
    }
    kf_file_format format = KF_JSON;
    if (format_s && !kf_format_parse(format_s, &format)) {
        http_error(req, 400, "invalid", "format must be csv, json or xlsx", "format");
        return;
    }
    kf_row *rows;
    size_t n;
    if (!web_level_rows(req, level, year, kf, &rows, &n))
        return;
    web_send_rows(req, rows, n, level, format, "noegletal");
}

static int query_year(http_req *req)
{
    const char *s = http_query(req, "year");
    int y;
    return s && hh_parse_int(s, 1990, 2100, &y) ? y : kf_latest_year(req->db);
}

/* The organisation's departments for one figure and year, with the total:
 * complementary suppression keeps hidden departments hidden. */
void api_organisation_keyfigures(http_req *req)
{
    organisation o;
    if (!web_load_org(req, &o))
        return;
    const char *code = http_query(req, "key_figure");
    int kf = code ? kf_find(code) : kf_find("residents");
    if (kf < 0) {
        http_error(req, 400, "invalid", "unknown key figure (see /api/v1/keyfigures)", "key_figure");
        return;
    }
    int year = query_year(req);
    org_table t;
    if (!web_org_table(req, &o, kf, year, &t))
        return;
    const key_figure *k = &kf_catalogue[kf];
    char text[64];
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "org_no", o.org_no);
    jw_kstr(&w, "key_figure", k->code);
    jw_kint(&w, "year", year);
    jw_key(&w, "departments");
    jw_arr(&w);
    for (size_t i = 0; i < t.n; i++) {
        jw_obj(&w);
        jw_kstr(&w, "code", t.rows[i].code);
        jw_kstr(&w, "name", t.rows[i].name);
        jw_kbool(&w, "suppressed", t.cells[i].suppressed);
        jw_key(&w, "value");
        jw_double(&w, t.cells[i].suppressed ? NAN : kf_result(k, &t.cells[i].parts));
        jw_kstr(&w, "display", kf_format(k, &t.cells[i].parts, t.cells[i].suppressed, text, sizeof text));
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "total");
    jw_obj(&w);
    jw_kbool(&w, "suppressed", t.total_suppressed);
    jw_key(&w, "value");
    jw_double(&w, t.total_suppressed ? NAN : kf_result(k, &t.total));
    jw_kstr(&w, "display", kf_format(k, &t.total, t.total_suppressed, text, sizeof text));
    jw_obj_end(&w);
    jw_obj_end(&w);
    respond_json(req, 200);
}

/* The profile is the same for everyone who may see the unit (it is
 * suppressed for all), so after the scope check it is served from the
 * response cache while the key figures are unchanged. */
static void profile_answer(http_req *req, const void *unit, profile_load_fn load)
{
    profile p;
    if (respcache_serve(req, "keyfigures") || !load(req, unit, &p))
        return;
    profile_json(req, &p);
    respond_json(req, 200);
    respcache_store(req);
}

void api_department_keyfigures(http_req *req)
{
    department d;
    if (web_load_dept(req, &d))
        profile_answer(req, &d, profile_load_dept);
}

void api_area_keyfigures(http_req *req)
{
    housing_area a;
    if (web_load_area(req, &a))
        profile_answer(req, &a, profile_load_area);
}

/* POST /api/v1/import/{kind}?dry_run=1&name=FILE with the file as body. */
void api_import(http_req *req)
{
    const import_kind *kind = import_kind_find(http_param(req, "kind"));
    if (!kind || !import_kind_allowed(kind, web_principal(req))) {
        http_error(req, 404, "not_found", "import kind must be registry, keyfigures, lists or list-status", "kind");
        return;
    }
    const char *dry = http_query(req, "dry_run"), *name = http_query(req, "name");
    import_report rep;
    hh_error e;
    hh_err rc = web_import(req, kind, req->body.data ? req->body.data : "", req->body.len,
                           name && *name ? name : "upload", dry && strcmp(dry, "0") != 0, &rep, &e);
    if (rc && rc != HH_ERR_INPUT) {
        http_fail_db(req, "importing");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kstr(&w, "file", rep.file);
    jw_kstr(&w, "source", rep.source);
    jw_kstr(&w, "layout", *rep.layout ? rep.layout : NULL);
    jw_kint(&w, "rows", (int64_t)rep.rows);
    jw_kbool(&w, "written", rep.written);
    if (kind->count != COUNT_REGISTRY) {
        jw_kint(&w, "changed", (int64_t)rep.created);
    } else {
        jw_kint(&w, "organisations_created", (int64_t)rep.orgs_created);
        jw_kint(&w, "organisations_updated", (int64_t)rep.orgs_updated);
        jw_kint(&w, "created", (int64_t)rep.created);
        jw_kint(&w, "updated", (int64_t)rep.updated);
    }
    jw_kint(&w, "unchanged", (int64_t)rep.unchanged);
    jw_key(&w, "problems");
    jw_arr(&w);
    buf msg;
    buf_init(&msg, 0);
    for (size_t i = 0; i < rep.nproblems; i++) {
        const import_problem *p = &rep.problems[i];
        buf_reset(&msg);
        import_problem_format(&rep, p, &msg);
        char letter[8];
        jw_obj(&w);
        jw_kint(&w, "row", (int64_t)p->row);
        jw_kstr(&w, "column", p->col ? import_column_letter(p->col, letter) : NULL);
        jw_kstr(&w, "column_name", *p->column ? p->column : NULL);
        jw_kstr(&w, "value", p->value);
        jw_kstr(&w, "message", p->message);
        jw_kstr(&w, "text", buf_cstr(&msg));
        jw_obj_end(&w);
    }
    buf_free(&msg);
    jw_arr_end(&w);
    jw_kint(&w, "more_problems", (int64_t)rep.more_problems);
    jw_obj_end(&w);
    respond_json(req, rc ? 422 : 200);
}
