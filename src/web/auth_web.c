#include "web/auth_web.h"

#include <string.h>

#include "auth/crypto.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/users.h"
#include "core/log.h"

static bool unsafe_method(const char *m)
{
    return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0;
}

void web_audit(http_req *req, const char *action, const char *object_type, const char *object_id, const char *outcome)
{
    audit_event ev = { .who = req->principal,
                       .email = "",
                       .action = action,
                       .object_type = object_type,
                       .object_id = object_id,
                       .scope = "",
                       .client = req->client,
                       .outcome = outcome };
    hh_error e;
    if (audit_append(req->db, &ev, &e) != HH_OK)
        log_error("audit: %s", e.msg);
}

const char *web_csrf_token(http_req *req)
{
    const principal *p = web_principal(req);
    if (p && p->via == AUTH_SESSION)
        return p->csrf;
    if (req->csrf_issued) /* every form of one page carries the same token */
        return req->csrf_issued;
    const char *c = http_cookie(req, CSRF_COOKIE);
    if (c && strlen(c) == HH_TOKEN_CHARS - 1)
        return req->csrf_issued = c;
    char tok[HH_TOKEN_CHARS];
    crypto_random_token(tok);
    http_set_cookie(req, CSRF_COOKIE, tok, -1, true);
    return req->csrf_issued = arena_strdup(&req->a, tok);
}

/* Same-origin check for requests a browser may send cross-site. */
static bool origin_ok(http_req *req)
{
    const char *origin = http_header_get(req, "Origin");
    const char *host = http_header_get(req, "Host");
    if (!origin || strcmp(origin, "null") == 0)
        return origin == NULL;
    const char *sep = strstr(origin, "://");
    return host && sep && strcmp(sep + 3, host) == 0;
}

static bool csrf_ok(http_req *req)
{
    const principal *p = req->principal;
    if (p && p->via == AUTH_TOKEN)
        return true; /* a bearer token is no ambient credential */
    if (!origin_ok(req))
        return false;
    const char *sent = http_header_get(req, CSRF_HEADER);
    if (!sent)
        sent = http_form(req, CSRF_FIELD);
    if (p && p->via == AUTH_SESSION)
        return sent && crypto_str_equal(sent, p->csrf);
    /* Anonymous: what a cross-site page can forge without credentials is a
     * form post (login CSRF); such posts need the double-submit token. Other
     * bodies reach handlers that accept only application/json, which a page
     * cannot send cross-site without a CORS preflight Helhed never grants. */
    const char *ct = http_header_get(req, "Content-Type");
    bool formlike =
        !ct || strncmp(ct, "application/x-www-form-urlencoded", 33) == 0 || strncmp(ct, "multipart/form-data", 19) == 0;
    if (!formlike)
        return true;
    const char *cookie = http_cookie(req, CSRF_COOKIE);
    return sent && cookie && crypto_str_equal(sent, cookie);
}

/* Resolves who is asking, once: a bearer token, or the session cookie (an
 * expired or unknown one is cleared and the request is anonymous). Returns
 * HH_ERR_NOTFOUND for an unknown or revoked bearer token, HH_ERR_DB on a
 * database failure. */
static hh_err resolve(http_req *req)
{
    req->principal_resolved = true;
    const char *authz = http_header_get(req, "Authorization");
    const char *cookie = http_cookie(req, SESSION_COOKIE);
    bool bearer = authz && strncmp(authz, "Bearer ", 7) == 0;
    if (!bearer && !cookie)
        return HH_OK;
    principal *p = arena_zalloc(&req->a, sizeof(*p));
    hh_error e;
    hh_err rc =
        bearer ? token_lookup(req->db, &req->a, authz + 7, p, &e) : session_lookup(req->db, &req->a, cookie, p, &e);
    if (rc == HH_OK)
        req->principal = p;
    else if (rc == HH_ERR_NOTFOUND && !bearer) {
        http_set_cookie(req, SESSION_COOKIE, "", 0, true); /* expired or unknown: forget it */
        rc = HH_OK;
    }
    return rc;
}

principal *web_principal(http_req *req)
{
    if (!req->principal_resolved && req->db) {
        hh_err rc = resolve(req);
        if (rc == HH_ERR_DB)
            log_error("cannot check the session on %s: %s", req->path, db_errmsg(req->db));
    }
    return req->principal;
}

bool web_authorize(http_req *req)
{
    /* Who is asking matters up front for protected routes, state changes and
     * presented tokens; public pages resolve it lazily (web_principal) when
     * they draw the header, and static files, /healthz and cached API answers
     * never look at the session at all. */
    unsigned access = req->match.route->access;
    if (!(access & ACCESS_PUBLIC) || unsafe_method(req->method) || http_header_get(req, "Authorization")) {
        hh_err rc = resolve(req);
        if (rc == HH_ERR_NOTFOUND) {
            http_add_header(req, "WWW-Authenticate", "Bearer");
            http_error(req, 401, "invalid_token", "the bearer token is unknown or revoked", NULL);
            return false;
        }
        if (rc) {
            http_fail_db(req, "checking a session or token");
            return false;
        }
    }
    if (!(access & ACCESS_PUBLIC)) {
        if (!req->principal) {
            if (req->is_api) {
                http_add_header(req, "WWW-Authenticate", "Bearer");
                http_error(req, 401, "unauthenticated", "log in or send an API token", NULL);
            } else {
                http_error(req, 401, "unauthenticated", "Du skal logge ind for at se denne side.", NULL);
            }
            return false;
        }
        if (!(req->principal->roles & access)) {
            /* Not for this user: it does not exist for them. */
            http_error(req, 404, "not_found", req->is_api ? "not found" : "Siden findes ikke.", NULL);
            return false;
        }
    }
    if (unsafe_method(req->method) && !csrf_ok(req)) {
        http_error(req, 403, "csrf_failed",
                   req->is_api ? "missing or wrong CSRF token (send the X-CSRF-Token header from /api/v1/me)"
                               : "Formularen er udløbet eller kom fra et andet websted. Genindlæs siden, og prøv igen.",
                   NULL);
        return false;
    }
    return true;
}

login_result web_login(http_req *req, const char *email, const char *password, int64_t *retry_after)
{
    const char *norm = NULL;
    audit_event ev = { .email = "", .action = "login", .object_type = "user", .client = req->client };
    if (!email || !password || users_normalize_email(&req->a, email, &norm, NULL) != HH_OK) {
        password_verify_dummy(password ? password : "");
        return LOGIN_BAD;
    }
    ev.email = norm;
    ev.object_id = norm;
    if (throttle_locked(req->db, norm, req->client, retry_after)) {
        ev.outcome = "throttled";
        audit_append(req->db, &ev, NULL);
        return LOGIN_THROTTLED;
    }
    user u;
    const char *hash = NULL;
    hh_error e;
    hh_err rc = users_find(req->db, &req->a, norm, &u, &hash, &e);
    if (rc && rc != HH_ERR_NOTFOUND)
        return LOGIN_ERROR;
    bool ok;
    if (rc == HH_ERR_NOTFOUND) {
        password_verify_dummy(password); /* same time as a real check */
        ok = false;
    } else {
        ok = password_verify(hash, password) && u.active;
    }
    if (!ok) {
        throttle_fail(req->db, norm, req->client);
        ev.outcome = "failure";
        audit_append(req->db, &ev, NULL);
        return LOGIN_BAD;
    }
    /* A session id the client already had is never reused (fixation). */
    const char *old = http_cookie(req, SESSION_COOKIE);
    if (old)
        session_destroy(req->db, old, NULL);
    char cookie[HH_TOKEN_CHARS], csrf[HH_TOKEN_CHARS];
    principal *p = arena_zalloc(&req->a, sizeof(*p));
    if (session_create(req->db, u.id, cookie, csrf, &e) || users_principal(req->db, &req->a, u.id, p, &e))
        return LOGIN_ERROR;
    p->via = AUTH_SESSION;
    p->csrf = arena_strdup(&req->a, csrf);
    req->principal = p;
    req->principal_resolved = true;
    throttle_clear(req->db, norm);
    users_touch_login(req->db, u.id, NULL);
    http_set_cookie(req, SESSION_COOKIE, cookie, -1, true);
    ev.who = p;
    ev.outcome = "success";
    audit_append(req->db, &ev, NULL);
    return LOGIN_OK;
}

void web_logout(http_req *req)
{
    const char *cookie = http_cookie(req, SESSION_COOKIE);
    if (cookie)
        session_destroy(req->db, cookie, NULL);
    http_set_cookie(req, SESSION_COOKIE, "", 0, true);
    web_audit(req, "logout", "user", req->principal ? req->principal->email : "", "success");
}
