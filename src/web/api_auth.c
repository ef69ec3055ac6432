/* api_auth.c - /api/v1/login, /logout, /me and the audit log for admins. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "core/str.h"
#include "http/json.h"
#include "web/auth_web.h"
#include "web/pages.h"

static void write_principal(jw *w, arena *a, const principal *p)
{
    jw_key(w, "user");
    jw_obj(w);
    jw_kint(w, "id", p->user_id);
    jw_kstr(w, "email", p->email);
    jw_kstr(w, "name", p->name);
    jw_kbool(w, "must_change_password", p->must_change_password);
    jw_key(w, "grants");
    jw_arr(w);
    for (size_t i = 0; i < p->ngrants; i++)
        jw_str(w, grant_format(a, &p->grants[i]));
    jw_arr_end(w);
    jw_obj_end(w);
    jw_kstr(w, "authenticated_by", p->via == AUTH_TOKEN ? "token" : "session");
    if (p->via == AUTH_SESSION)
        jw_kstr(w, "csrf_token", p->csrf);
}

static void respond(http_req *req, int status)
{
    buf_putc(&req->out, '\n');
    http_respond(req, status, "application/json");
}

void api_login(http_req *req)
{
    json_t *body = http_json_body(req);
    if (!body)
        return;
    const char *email = NULL, *password = NULL;
    json_error_t err;
    if (json_unpack_ex(body, &err, JSON_STRICT, "{s:s, s:s}", "email", &email, "password", &password) != 0) {
        http_error(req, 400, "invalid_body", "expected {\"email\": \"...\", \"password\": \"...\"} and nothing else",
                   strstr(err.text, "password") ? "password" : "email");
        json_decref(body);
        return;
    }
    int64_t retry = 0;
    login_result r = web_login(req, email, password, &retry);
    json_decref(body);
    if (r == LOGIN_THROTTLED) {
        http_add_header(req, "Retry-After", arena_printf(&req->a, "%lld", (long long)retry));
        http_error(req, 429, "too_many_attempts", "too many failed logins; wait and try again", NULL);
        return;
    }
    if (r == LOGIN_BAD) {
        http_error(req, 401, "invalid_credentials", "wrong email or password", NULL);
        return;
    }
    if (r == LOGIN_ERROR) {
        http_fail_db(req, "logging in");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    write_principal(&w, &req->a, req->principal);
    jw_obj_end(&w);
    respond(req, 200);
}

void api_logout(http_req *req)
{
    if (req->principal->via != AUTH_SESSION) {
        http_error(req, 400, "not_a_session", "API tokens are revoked, not logged out", NULL);
        return;
    }
    web_logout(req);
    buf_puts(&req->out, "{\"logged_out\":true}");
    respond(req, 200);
}

void api_me(http_req *req)
{
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    write_principal(&w, &req->a, req->principal);
    jw_obj_end(&w);
    respond(req, 200);
}

/* Reads the audit filters shared by the API and the admin page. Returns
 * false after answering 400 for a malformed one. */
static bool audit_filter_from_query(http_req *req, audit_filter *f, int default_limit)
{
    memset(f, 0, sizeof(*f));
    f->user = http_query(req, "user");
    f->action = http_query(req, "action");
    f->object = http_query(req, "object");
    f->from = http_query(req, "from");
    f->to = http_query(req, "to");
    f->limit = default_limit;
    const char *before = http_query(req, "before"), *limit = http_query(req, "limit");
    if (before && *before && (!hh_parse_int64(before, strlen(before), &f->before_id) || f->before_id < 0)) {
        http_error(req, 400, "invalid_parameter", req->is_api ? "before must be a row id" : "Ugyldig side.", "before");
        return false;
    }
    if (limit && *limit && !hh_parse_int(limit, 1, 1000, &f->limit)) {
        http_error(req, 400, "invalid_parameter",
                   req->is_api ? "limit must be 1-1000" : "Antal rækker skal være 1-1000.", "limit");
        return false;
    }
    const char *times[2] = { f->from, f->to };
    for (int i = 0; i < 2; i++) {
        const char *t = times[i];
        if (t && *t && !(strlen(t) == 10 || (strlen(t) == 20 && t[10] == 'T' && t[19] == 'Z'))) {
            http_error(req, 400, "invalid_parameter",
                       req->is_api ? "from/to must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"
                                   : "Datoer skrives ÅÅÅÅ-MM-DD.",
                       i ? "to" : "from");
            return false;
        }
    }
    return true;
}

bool audit_load(http_req *req, int limit, const char *action, audit_filter *f, audit_row **rows, size_t *n)
{
    hh_error e;
    if (!audit_filter_from_query(req, f, limit))
        return false;
    if (limit == 0)
        f->limit = 0;
    if (audit_query(req->db, &req->a, f, rows, n, &e) != HH_OK) {
        http_fail_db(req, "reading the audit log");
        return false;
    }
    /* Reading the log is itself logged: it holds personal data. */
    web_audit(req, action, "audit_log", limit == 0 ? arena_printf(&req->a, "%zu rows", *n) : "", "success");
    return true;
}

void api_audit(http_req *req)
{
    audit_filter f;
    audit_row *rows;
    size_t n;
    if (!audit_load(req, 100, "read", &f, &rows, &n))
        return;
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "entries");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        const audit_row *r = &rows[i];
        jw_obj(&w);
        jw_kint(&w, "id", r->id);
        jw_kstr(&w, "at", r->at);
        jw_kstr(&w, "user", r->user_email);
        jw_kstr(&w, "role", r->role);
        jw_kstr(&w, "action", r->action);
        jw_kstr(&w, "object_type", r->object_type);
        jw_kstr(&w, "object_id", r->object_id);
        jw_kstr(&w, "scope", r->scope);
        jw_kstr(&w, "client", r->client);
        jw_kstr(&w, "outcome", r->outcome);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    if (n && (int)n == f.limit) {
        jw_kint(&w, "next_before", rows[n - 1].id);
    }
    jw_obj_end(&w);
    respond(req, 200);
}
