/* http.h - a request as handlers see it, and how they answer.
 *
 * A handler reads method, path parameters, query and body from http_req and
 * writes its answer into req->out with http_respond() (or one of the error
 * helpers). Everything a handler allocates comes from req->a, the per-request
 * arena, which the server frees when the response has been sent. */
#ifndef HELHED_HTTP_H
#define HELHED_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"
#include "http/query.h"
#include "http/router.h"

#define HTTP_MAX_HEADERS 12

struct MHD_Connection;
struct server;
struct principal;

typedef struct http_header {
    const char *name;
    const char *value;
} http_header;

typedef struct http_req {
    arena a;
    struct server *server;
    struct MHD_Connection *conn;
    db *db; /* this worker thread's connection */

    /* request */
    const char *method;
    const char *path; /* percent-decoded */
    char *raw_uri;    /* as received, for the query string */
    query_kv *query;
    size_t nquery;
    route_match match;
    buf body;                    /* bounded by the server's body limit */
    char client[48];             /* client address */
    bool is_api;                 /* path under /api/: errors are JSON */
    struct principal *principal; /* who is asking; NULL when anonymous (see web_principal) */
    bool principal_resolved;     /* principal has been looked up */
    const char *csrf_issued;     /* the CSRF token this response's forms carry */
    query_kv *form;              /* urlencoded body, parsed on first http_form() */
    size_t nform;
    bool form_parsed;
    buf upload;              /* the file of a multipart form */
    const char *upload_name; /* its file name; NULL when none */
    const char *upload_field;

    /* response */
    int status;
    const char *ctype;
    buf out;
    const void *out_static; /* persistent bytes (embedded assets) instead of out */
    size_t out_static_len;
    http_header headers[HTTP_MAX_HEADERS];
    int nheaders;

    /* bookkeeping */
    int64_t cache_version; /* data version seen by respcache_serve, -1 = none */
    int state;
    uint64_t start_ns;
    size_t bytes_sent;
} http_req;

/* Path parameter `{name}`, or NULL. The string lives in the request arena. */
const char *http_param(http_req *req, const char *name);
/* First query-string value for name, or NULL. */
const char *http_query(http_req *req, const char *name);
/* Request header (case-insensitive name), or NULL. */
const char *http_header_get(http_req *req, const char *name);
/* Cookie value, or NULL. */
const char *http_cookie(http_req *req, const char *name);
/* Field of an application/x-www-form-urlencoded body, or NULL. */
const char *http_form(http_req *req, const char *name);
/* The file sent in a multipart/form-data body: returns its name (NULL when
 * none) and its bytes in data/len (valid for the request). */
const char *http_upload(http_req *req, const char **data, size_t *len);

/* Set-Cookie with Path=/, SameSite=Lax, HttpOnly when asked, Secure when
 * the request came over TLS through a trusted proxy (HELHED_TRUST_PROXY=1).
 * max_age < 0: a session cookie; 0: delete the cookie. */
void http_set_cookie(http_req *req, const char *name, const char *value, long max_age, bool http_only);
/* Answers status (303 after a form) with Location: location. */
void http_redirect(http_req *req, int status, const char *location);
/* True for a local path that is safe to redirect to after login. */
bool http_local_path(const char *s);

/* Adds a response header; name and value are copied into the arena. */
void http_add_header(http_req *req, const char *name, const char *value);
/* Sets the status and Content-Type of the body already written to req->out. */
void http_respond(http_req *req, int status, const char *ctype);

/* An error in the form the client expects: for /api/ paths
 * {"error":{"code":…,"message":…,"field":…}}, otherwise the Danish HTML
 * error page (message shown to the user; pass Danish text). */
void http_error(http_req *req, int status, const char *code, const char *message, const char *field);
/* The same with the code of the broken domain rule: for /api/ paths
 * {"error":{"code":…,"rule":RULE|null,"field":FIELD|null,"message":…}}
 * (empty rule or field become null); pages get http_error's page. */
void http_error_rule(http_req *req, int status, const char *code, const char *rule, const char *message,
                     const char *field);
/* Logs the database error and answers 500 without leaking details. */
void http_fail_db(http_req *req, const char *what);

/* Parses the request body as JSON (duplicate keys rejected). On failure
 * answers 400 (or 415 for another Content-Type) and returns NULL; the caller
 * returns. The returned value is owned by the caller (json_decref). */
struct json_t *http_json_body(http_req *req);

/* Renders an HTML error page; set by the web layer (server_config.error_page). */
typedef void (*http_error_page_fn)(http_req *req, int status, const char *message);
void http_set_error_page(http_error_page_fn fn);

/* Decides whether the matched route may run for this request (who is
 * asking, their roles, CSRF). Returns false after preparing the answer. */
typedef bool (*http_authorize_fn)(http_req *req);

/* Whether Secure cookies and X-Forwarded-Proto are trusted (set from main). */
void http_set_trust_proxy(bool trust);

#endif
