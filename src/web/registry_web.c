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
