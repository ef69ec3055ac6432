/* pages_edit.c - forms to create and change organisations, departments and
 * areas. The fields, labels and checks come from the registry's field tables
 * (the same ones the import and the API use); a refused change shows the
 * form again with the message beside the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "domain/registry.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/registry_web.h"

typedef struct edit_kind {
    reg_kind kind;
    const char *title_new, *title_edit;
    const reg_field *fields;
    size_t nfields;
    size_t nkeys; /* leading key fields, fixed once created */
    const char *list_href;
} edit_kind;

static const edit_kind ORG = { REG_ORG, "Ny boligorganisation", "Redigér boligorganisation", reg_org_fields, 5,
                               1,       "/organisationer" };
static const edit_kind DEPT = { REG_DEPT, "Ny afdeling", "Redigér afdeling", reg_dept_fields, 12, 2, "/afdelinger" };
static const edit_kind AREA = {
    REG_AREA, "Nyt boligområde", "Redigér boligområde", reg_area_fields, 3, 1, "/omraader"
};

typedef const char *(*value_fn)(http_req *req, const void *obj, const char *key);

static void edit_form(http_req *req, const edit_kind *k, const char *action, const void *obj, value_fn value,
                      bool from_form, const hh_error *err, int status)
{
    crumb *c = arena_alloc(&req->a, 3 * sizeof(crumb));
    c[0] = (crumb){ "/", "Forside" };
    c[1] = (crumb){ k->list_href, "Register" };
    c[2] = (crumb){ NULL, obj ? k->title_edit : k->title_new };
    page pg = { .title = obj ? k->title_edit : k->title_new, .nav = "registry", .crumbs = c, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>%s</h1>\n", pg.title);
    if (err)
        notice(req, "error", err->msg);
    form_open(req, action, "stacked");
    for (size_t i = 0; i < k->nfields; i++) {
        const reg_field *f = &k->fields[i];
        const char *v = from_form ? http_form(req, f->key) : obj ? value(req, obj, f->key) : http_query(req, f->key);
        bool fixed = obj && i < k->nkeys;
        bool bad = err && strcmp(err->field, f->key) == 0;
        html_printf(b, "<div class=\"field%r\"><label for=\"%s\">%s%r</label>", bad ? " invalid" : "", f->key, f->label,
                    f->required ? " <span aria-hidden=\"true\">*</span>" : "");
        html_printf(b, "<input id=\"%s\" name=\"%s\" value=\"%s\"%r%r%r%r>", f->key, f->key, v ? v : "",
                    f->type == RF_INT || f->type == RF_MUNICIPALITY ? " inputmode=\"numeric\"" : "",
                    f->type == RF_DECIMAL ? " inputmode=\"decimal\"" : "", f->required ? " required" : "",
                    fixed ? " readonly" : "");
        if (bad)
            html_printf(b, "<p class=\"field-error\" id=\"%s-fejl\">%s</p>", f->key, err->msg);
        html_printf(b, "</div>\n");
    }
    html_printf(b, "<button type=\"submit\">Gem</button></form>\n");
    page_end(req, status);
}

static const char *form_get(void *ctx, const char *key)
{
    return http_form(ctx, key);
}

/* ---- values of existing objects ---- */

static const char *num_or_empty(http_req *req, double v, int decimals)
{
    char out[48];
    if (v != v)
        return "";
    fmt_num_da(out, sizeof out, v, decimals);
    /* Forms take plain numbers: drop thousands separators. */
    char *w = out;
    for (char *p = out; *p; p++)
        if (*p != '.')
            *w++ = *p;
    *w = '\0';
    return arena_strdup(&req->a, out);
}

static const char *org_value(http_req *req, const void *obj, const char *key)
{
    const organisation *o = obj;
    if (!strcmp(key, "org_no"))
        return arena_printf(&req->a, "%lld", (long long)o->org_no);
    if (!strcmp(key, "org_name"))
        return o->name;
    if (!strcmp(key, "cvr"))
        return o->cvr;
    if (!strcmp(key, "administrator"))
        return o->administrator;
    return o->municipality_code;
}

static const char *dept_value(http_req *req, const void *obj, const char *key)
{
    const department *d = obj;
    if (!strcmp(key, "org_no"))
        return arena_printf(&req->a, "%lld", (long long)d->org_no);
    if (!strcmp(key, "department_no"))
        return arena_printf(&req->a, "%lld", (long long)d->department_no);
    if (!strcmp(key, "department_name"))
        return d->name;
    if (!strcmp(key, "address"))
        return d->address;
    if (!strcmp(key, "municipality_code"))
        return d->municipality_code;
    if (!strcmp(key, "dwellings"))
        return arena_printf(&req->a, "%lld", (long long)department_dwellings(d));
    if (!strcmp(key, "dwellings_family"))
        return arena_printf(&req->a, "%lld", (long long)d->dwellings_family);
    if (!strcmp(key, "dwellings_elderly"))
        return arena_printf(&req->a, "%lld", (long long)d->dwellings_elderly);
    if (!strcmp(key, "dwellings_youth"))
        return arena_printf(&req->a, "%lld", (long long)d->dwellings_youth);
    if (!strcmp(key, "build_year"))
        return d->build_year ? arena_printf(&req->a, "%lld", (long long)d->build_year) : "";
    if (!strcmp(key, "rent_per_m2"))
        return num_or_empty(req, d->rent_per_m2, 0);
    return num_or_empty(req, d->outdoor_area_m2, 0);
}

static const char *area_value(http_req *req, const void *obj, const char *key)
{
    const housing_area *a = obj;
    if (!strcmp(key, "area_code"))
        return a->code;
    if (!strcmp(key, "area_name"))
        return a->name;
    return a->municipality_code;
}

/* ---- organisations ---- */

/* Saves the form as a new object (cur NULL) or a change of cur, whose key is
 * cur_key; on refusal the form comes back with the message. */
static void save(http_req *req, const edit_kind *k, const void *cur, const char *cur_key, value_fn value)
{
    const char *pairs[4];
    reg_fixed f = { pairs, cur ? k->nkeys : 0, form_get, req };
    for (size_t i = 0; i < f.npairs; i++) {
        pairs[2 * i] = k->fields[i].key;
        pairs[2 * i + 1] = value(req, cur, k->fields[i].key);
    }
    reg_outcome out;
    hh_error e;
    hh_err rc = web_registry_put(req, k->kind, reg_fixed_get, &f, &out, &e);
    const char *key = cur ? cur_key : web_registry_key(req, k->kind, reg_fixed_get, &f);
    if (rc == HH_ERR_DB) {
        http_fail_db(req, "saving the registry");
    } else if (rc) {
        const char *action = cur ? arena_printf(&req->a, "%s/%s/rediger", k->list_href, key)
                                 : arena_printf(&req->a, "%s/ny", k->list_href);
        edit_form(req, k, action, cur, value, true, &e, rc == HH_ERR_NOTFOUND ? 404 : 422);
    } else {
        http_redirect(req, 303, arena_printf(&req->a, "%s/%s", k->list_href, key));
    }
}

void page_org_new(http_req *req)
{
    edit_form(req, &ORG, "/organisationer/ny", NULL, org_value, false, NULL, 200);
}

void page_org_create(http_req *req)
{
    save(req, &ORG, NULL, NULL, org_value);
}

void page_org_edit(http_req *req)
{
    organisation o;
    if (web_load_org(req, &o))
        edit_form(req, &ORG, arena_printf(&req->a, "/organisationer/%lld/rediger", (long long)o.org_no), &o, org_value,
                  false, NULL, 200);
}

void page_org_update(http_req *req)
{
    organisation o;
    if (web_load_org(req, &o))
        save(req, &ORG, &o, arena_printf(&req->a, "%lld", (long long)o.org_no), org_value);
}

/* ---- departments ---- */

void page_dept_new(http_req *req)
{
    edit_form(req, &DEPT, "/afdelinger/ny", NULL, dept_value, false, NULL, 200);
}

void page_dept_create(http_req *req)
{
    save(req, &DEPT, NULL, NULL, dept_value);
}

void page_dept_edit(http_req *req)
{
    department d;
    if (web_load_dept(req, &d))
        edit_form(
            req, &DEPT,
            arena_printf(&req->a, "/afdelinger/%lld-%lld/rediger", (long long)d.org_no, (long long)d.department_no), &d,
            dept_value, false, NULL, 200);
}

void page_dept_update(http_req *req)
{
    department d;
    if (web_load_dept(req, &d))
        save(req, &DEPT, &d, arena_printf(&req->a, "%lld-%lld", (long long)d.org_no, (long long)d.department_no),
             dept_value);
}

/* ---- areas ---- */

void page_area_new(http_req *req)
{
    edit_form(req, &AREA, "/omraader/ny", NULL, area_value, false, NULL, 200);
}

void page_area_create(http_req *req)
{
    save(req, &AREA, NULL, NULL, area_value);
}

void page_area_edit(http_req *req)
{
    housing_area a;
    if (web_load_area(req, &a))
        edit_form(req, &AREA, arena_printf(&req->a, "/omraader/%s/rediger", a.code), &a, area_value, false, NULL, 200);
}

void page_area_update(http_req *req)
{
    housing_area a;
    if (web_load_area(req, &a))
        save(req, &AREA, &a, a.code, area_value);
}

/* Adds a member (org_no, department_no, valid_from) or ends one (valid_to). */
void page_area_member(http_req *req)
{
    housing_area a;
    if (!web_load_area(req, &a))
        return;
    hh_error e;
    hh_err rc = web_area_member(req, &a, form_get, req, &e);
    if (rc == HH_ERR_DB)
        http_fail_db(req, "changing an area");
    else if (rc)
        http_error(req, rc == HH_ERR_NOTFOUND ? 404 : 422, "invalid", e.msg, e.field);
    else
        http_redirect(req, 303, arena_printf(&req->a, "/omraader/%s", a.code));
}
