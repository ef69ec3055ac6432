#include "web/registry_web.h"

#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/keyfig.h"
#include "web/auth_web.h"

static void not_found(http_req *req, const char *what, const char *field)
{
    http_error(req, 404, "not_found", what, field);
}

bool web_load_org(http_req *req, organisation *out)
{
    const char *s = http_param(req, "org");
    int64_t org_no;
    reg_scope sc;
    reg_scope_aggregate(web_principal(req), &req->a, &sc);
    hh_error e;
    hh_err rc = HH_ERR_NOTFOUND;
    if (s && hh_parse_int64(s, strlen(s), &org_no) && org_no > 0)
        rc = reg_organisation_get(req->db, &sc, &req->a, org_no, out, &e);
    if (rc == HH_ERR_NOTFOUND) {
        not_found(req, arena_printf(&req->a, "Boligorganisation »%s« findes ikke.", s ? s : ""), "org");
        return false;
    }
    if (rc) {
        http_fail_db(req, "reading an organisation");
        return false;
    }
    return true;
}

bool web_load_dept(http_req *req, department *out)
{
    const char *s = http_param(req, "key");
    int64_t org_no, dno;
    reg_scope sc;
    reg_scope_read(web_principal(req), &req->a, &sc);
    hh_error e;
    hh_err rc = HH_ERR_NOTFOUND;
    if (s && reg_parse_dept_key(s, &org_no, &dno))
        rc = reg_department_get(req->db, &sc, &req->a, org_no, dno, out, &e);
    if (rc == HH_ERR_NOTFOUND) {
        not_found(req,
                  arena_printf(&req->a,
                               "Afdeling »%s« findes ikke. Afdelinger angives som organisationsnummer-afdelingsnummer, "
                               "fx 101-1.",
                               s ? s : ""),
                  "key");
        return false;
    }
    if (rc) {
        http_fail_db(req, "reading a department");
        return false;
    }
    return true;
}

bool web_load_area(http_req *req, housing_area *out)
{
    const char *s = http_param(req, "area");
    reg_scope sc;
    reg_scope_aggregate(web_principal(req), &req->a, &sc);
    hh_error e;
    hh_err rc = s ? reg_area_get(req->db, &sc, &req->a, s, out, &e) : HH_ERR_NOTFOUND;
    if (rc == HH_ERR_NOTFOUND) {
        not_found(req, arena_printf(&req->a, "Boligområde »%s« findes ikke.", s ? s : ""), "area");
        return false;
    }
    if (rc) {
        http_fail_db(req, "reading an area");
        return false;
    }
    return true;
}

hh_err web_tx_begin(http_req *req, hh_error *e)
{
    return db_begin(req->db, e);
}

hh_err web_tx_end(http_req *req, hh_err rc, bool refresh, hh_error *e)
{
    if (!rc && refresh)
        rc = kf_refresh(req->db, e);
    if (!rc)
        rc = db_commit(req->db, e);
    if (rc)
        db_rollback(req->db);
    return rc;
}

const char *web_registry_key(http_req *req, reg_kind kind, reg_get_fn get, void *ctx)
{
    const char *a = get(ctx, kind == REG_AREA ? "area_code" : "org_no");
    if (kind != REG_DEPT)
        return arena_strdup(&req->a, a ? a : "");
    const char *b = get(ctx, "department_no");
    return arena_printf(&req->a, "%s-%s", a ? a : "", b ? b : "");
}

hh_err web_registry_put(http_req *req, reg_kind kind, reg_get_fn get, void *ctx, reg_outcome *out, hh_error *e)
{
    static const char *const object[] = { "organisation", "department", "area" };
    reg_scope s;
    reg_scope_write(web_principal(req), &req->a, &s);
    hh_err rc = web_tx_begin(req, e);
    if (rc)
        return rc;
    int64_t id;
    switch (kind) {
    case REG_ORG: rc = reg_organisation_put(req->db, &s, get, ctx, out, e); break;
    case REG_DEPT: rc = reg_department_put(req->db, &s, get, ctx, &id, out, e); break;
    case REG_AREA: rc = reg_area_put(req->db, &s, get, ctx, &id, out, e); break;
    }
    /* Department and area changes move values between aggregates and rename
     * profiles: refresh (which also bumps the "keyfigures" data version). */
    rc = web_tx_end(req, rc, kind != REG_ORG && *out != REG_UNCHANGED, e);
    if (!rc)
        web_audit(req, arena_printf(&req->a, "%s.%s", object[kind], *out == REG_CREATED ? "create" : "update"),
                  object[kind], web_registry_key(req, kind, get, ctx), "ok");
    return rc;
}

const char *reg_fixed_get(void *ctx, const char *key)
{
    const reg_fixed *f = ctx;
    for (size_t i = 0; i < f->npairs; i++)
        if (strcmp(f->pairs[2 * i], key) == 0)
            return f->pairs[2 * i + 1];
    return f->get(f->ctx, key);
}

hh_err web_area_member(http_req *req, const housing_area *area, reg_get_fn get, void *ctx, hh_error *e)
{
    reg_scope s;
    reg_scope_write(web_principal(req), &req->a, &s);
    bool ended = false;
    hh_err rc = web_tx_begin(req, e);
    if (!rc)
        rc = web_tx_end(req, reg_area_member_put(req->db, &s, area->id, get, ctx, &ended, e), true, e);
    if (!rc)
        web_audit(req, ended ? "area.member.end" : "area.member.add", "area", area->code, "ok");
    return rc;
}
