/* http.c - request accessors and response helpers for handlers. */
#include "http/http.h"

#include <jansson.h>
#include <microhttpd.h>
#include <string.h>

#include "core/log.h"
#include "http/json.h"

const char *http_param(http_req *req, const char *name)
{
    for (int i = 0; i < req->match.nparams; i++)
        if (str_eq_c(req->match.params[i].name, name))
            return arena_strndup(&req->a, req->match.params[i].value.p, req->match.params[i].value.n);
    return NULL;
}

const char *http_query(http_req *req, const char *name)
{
    return query_get(req->query, req->nquery, name);
}

const char *http_header_get(http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

void http_add_header(http_req *req, const char *name, const char *value)
{
    if (req->nheaders >= HTTP_MAX_HEADERS) {
        log_error("too many response headers for %s", req->path);
        return;
    }
    req->headers[req->nheaders].name = arena_strdup(&req->a, name);
    req->headers[req->nheaders].value = arena_strdup(&req->a, value);
    req->nheaders++;
}

void http_respond(http_req *req, int status, const char *ctype)
{
    req->status = status;
    req->ctype = ctype;
}

static http_error_page_fn http_error_page_hook;

void http_set_error_page(http_error_page_fn fn)
{
    http_error_page_hook = fn;
}

void http_error(http_req *req, int status, const char *code, const char *message, const char *field)
{
    buf_reset(&req->out);
    req->out_static = NULL;
    if (req->is_api || !http_error_page_hook) {
        jw w;
        jw_init(&w, &req->out);
        jw_obj(&w);
        jw_key(&w, "error");
        jw_obj(&w);
        jw_kstr(&w, "code", code);
        jw_kstr(&w, "message", message);
        jw_kstr(&w, "field", field);
        jw_obj_end(&w);
        jw_obj_end(&w);
        buf_putc(&req->out, '\n');
        http_respond(req, status, "application/json");
        return;
    }
    http_error_page_hook(req, status, message);
    req->status = status;
}

void http_fail_db(http_req *req, const char *what)
{
    log_error("database error while %s on %s: %s", what, req->path, req->db ? db_errmsg(req->db) : "-");
    http_error(req, 500, "internal_error",
               req->is_api ? "internal error; see the server log" : "Der opstod en fejl i databasen.", NULL);
}

struct json_t *http_json_body(http_req *req)
{
    const char *ct = http_header_get(req, "Content-Type");
    if (!ct || strncmp(ct, "application/json", 16) != 0) {
        http_error(req, 415, "unsupported_media_type", "request body must be application/json", NULL);
        return NULL;
    }
    json_error_t err;
    json_t *j = json_loadb(req->body.data ? req->body.data : "", req->body.len, JSON_REJECT_DUPLICATES, &err);
    if (!j) {
        char msg[300];
        snprintf(msg, sizeof(msg), "malformed JSON at line %d, column %d: %s", err.line, err.column, err.text);
        http_error(req, 400, "malformed_json", msg, NULL);
        return NULL;
    }
    return j;
}
