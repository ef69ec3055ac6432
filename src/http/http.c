/* http.c - request accessors and response helpers for handlers. */
#include "http/http.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
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

const char *http_cookie(http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

/* multipart/form-data: libmicrohttpd's post processor splits the body;
 * plain fields join req->form, the first file goes to req->upload. */
typedef struct multipart {
    http_req *req;
    buf field;
    char key[64];
    size_t cap;
} multipart;

static void multipart_flush(multipart *m)
{
    http_req *req = m->req;
    if (!m->key[0])
        return;
    if (req->nform == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 8;
        req->form = arena_grow(&req->a, req->form, req->nform * sizeof(query_kv), m->cap * sizeof(query_kv));
    }
    req->form[req->nform].key = arena_strdup(&req->a, m->key);
    req->form[req->nform].value = arena_strdup(&req->a, buf_cstr(&m->field));
    req->nform++;
    m->key[0] = '\0';
    buf_reset(&m->field);
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                               const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    multipart *m = cls;
    http_req *req = m->req;
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    if (filename) {
        if (!req->upload_name) {
            req->upload_name = arena_strdup(&req->a, *filename ? filename : "upload");
            req->upload_field = arena_strdup(&req->a, key ? key : "");
        } else if (off == 0 || strcmp(req->upload_field, key ? key : "") != 0) {
            return MHD_YES; /* one file per request */
        }
        buf_append(&req->upload, data, size);
        return MHD_YES;
    }
    if (off == 0 || strcmp(m->key, key ? key : "") != 0) {
        multipart_flush(m);
        snprintf(m->key, sizeof m->key, "%s", key ? key : "");
    }
    buf_append(&m->field, data, size);
    return MHD_YES;
}

static void parse_multipart(http_req *req)
{
    multipart m = { .req = req };
    buf_init(&m.field, 64 * 1024);
    buf_init(&req->upload, 0);
    struct MHD_PostProcessor *pp = MHD_create_post_processor(req->conn, 64 * 1024, on_part, &m);
    if (pp) {
        if (MHD_post_process(pp, req->body.data, req->body.len) != MHD_YES)
            req->upload_name = NULL;
        MHD_destroy_post_processor(pp);
        multipart_flush(&m);
    }
    buf_free(&m.field);
}

const char *http_form(http_req *req, const char *name)
{
    if (!req->form_parsed) {
        req->form_parsed = true;
        const char *ct = http_header_get(req, "Content-Type");
        if (ct && strncmp(ct, "application/x-www-form-urlencoded", 33) == 0 && req->body.len &&
            query_parse(&req->a, req->body.data, req->body.len, &req->form, &req->nform) != QUERY_OK)
            req->nform = 0;
        else if (ct && strncmp(ct, "multipart/form-data", 19) == 0 && req->body.len && req->conn)
            parse_multipart(req);
    }
    return query_get(req->form, req->nform, name);
}

const char *http_upload(http_req *req, const char **data, size_t *len)
{
    http_form(req, "");
    *data = req->upload.data ? req->upload.data : "";
    *len = req->upload.len;
    return req->upload_name;
}

static bool trust_proxy;

void http_set_trust_proxy(bool trust)
{
    trust_proxy = trust;
}

void http_set_cookie(http_req *req, const char *name, const char *value, long max_age, bool http_only)
{
    const char *proto = trust_proxy ? http_header_get(req, "X-Forwarded-Proto") : NULL;
    bool secure = proto && strcmp(proto, "https") == 0;
    char age[48] = "";
    if (max_age >= 0)
        snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
    http_add_header(req, "Set-Cookie",
                    arena_printf(&req->a, "%s=%s; Path=/; SameSite=Lax%s%s%s", name, value, age,
                                 http_only ? "; HttpOnly" : "", secure ? "; Secure" : ""));
}

void http_redirect(http_req *req, int status, const char *location)
{
    buf_reset(&req->out);
    http_add_header(req, "Location", location);
    http_respond(req, status, "text/plain; charset=utf-8");
}

bool http_local_path(const char *s)
{
    return s && s[0] == '/' && s[1] != '/' && s[1] != '\\' && !strpbrk(s, "\\\r\n");
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

void http_error_rule(http_req *req, int status, const char *code, const char *rule, const char *message,
                     const char *field)
{
    if (!req->is_api) {
        http_error(req, status, code, message, field);
        return;
    }
    buf_reset(&req->out);
    req->out_static = NULL;
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "error");
    jw_obj(&w);
    jw_kstr(&w, "code", code);
    jw_kstr(&w, "rule", rule && *rule ? rule : NULL);
    jw_kstr(&w, "field", field && *field ? field : NULL);
    jw_kstr(&w, "message", message);
    jw_obj_end(&w);
    jw_obj_end(&w);
    buf_putc(&req->out, '\n');
    http_respond(req, status, "application/json");
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
