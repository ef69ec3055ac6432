/* auth_web.h - authentication and authorization for HTTP requests. */
#ifndef HELHED_AUTH_WEB_H
#define HELHED_AUTH_WEB_H

#include <stdint.h>

#include "auth/audit.h"
#include "auth/roles.h"
#include "http/http.h"

#define CSRF_COOKIE "helhed_csrf" /* double-submit token for forms sent before login */
#define CSRF_HEADER "X-CSRF-Token"
#define CSRF_FIELD "_csrf"

/* The server's authorize hook (http_authorize_fn): resolves the principal
 * from a bearer token or the session cookie, enforces the route's access
 * bits (401 without login, 404 without a permitted role) and CSRF on every
 * state-changing request. */
bool web_authorize(http_req *req);

/* Who is asking (NULL when anonymous), resolved on first use: for public
 * routes web_authorize leaves it to the page, so requests that never ask
 * cost no session lookup. */
principal *web_principal(http_req *req);

typedef enum login_result { LOGIN_OK, LOGIN_BAD, LOGIN_THROTTLED, LOGIN_ERROR } login_result;

/* Checks credentials with throttling and audit; on success starts a new
 * session (a fresh id, never the one the client brought), sets its cookie
 * and fills req->principal. *retry_after is set when throttled. */
login_result web_login(http_req *req, const char *email, const char *password, int64_t *retry_after);
/* Ends the request's session and clears its cookie. */
void web_logout(http_req *req);

/* Audit with the request's principal and client address. */
void web_audit(http_req *req, const char *action, const char *object_type, const char *object_id, const char *outcome);

/* The CSRF token a form on this page must carry (session token, or the
 * double-submit cookie's, created when missing). */
const char *web_csrf_token(http_req *req);

#endif
