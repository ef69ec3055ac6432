/* api_util.c - what the JSON API files share (api_util.h). */
#include "web/api_util.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "web/auth_web.h"

/* The reader's arena: its own, else the request's. */
#define JR_A(r) ((r)->a ? (r)->a : &(r)->req->a)

void api_respond(http_req *req, int status)
{
    buf_putc(&req->out, '\n');
    http_respond(req, status, "application/json");
}

void api_respond_list(http_req *req, api_head_fn head, const void *ctx, const char *name, const void *items, size_t n,
                      size_t size, api_item_fn item)
{
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    if (head)
        head(&w, ctx);
    jw_key(&w, name);
    jw_arr(&w);
    for (size_t i = 0; i < n; i++)
        item(&w, (const char *)items + i * size);
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

void api_head_ids(jw *w, const void *ids)
{
    const api_ids *d = ids;
    jw_kint(w, d->k1, d->v1);
    if (d->k2)
        jw_kint(w, d->k2, d->v2);
}

void api_no_content(http_req *req)
{
    buf_reset(&req->out);
    http_respond(req, 204, "application/json");
}

/* The domain's error as an HTTP answer. */
void api_domain_error(http_req *req, hh_err rc, const hh_error *e, const char *what)
{
    switch (rc) {
    case HH_ERR_NOTFOUND: http_error_rule(req, 404, "not_found", e->rule, e->msg, e->field); return;
    case HH_ERR_FORBIDDEN: http_error_rule(req, 403, "forbidden", e->rule, e->msg, e->field); return;
    case HH_ERR_INPUT: http_error_rule(req, 422, "invalid", e->rule, e->msg, e->field); return;
    case HH_ERR_CONFLICT: http_error_rule(req, 409, "conflict", e->rule, e->msg, e->field); return;
    default: http_fail_db(req, what); return;
    }
}

void api_invalid(http_req *req, const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    http_error_rule(req, 422, "invalid", NULL, msg, field);
}

void api_not_found(http_req *req, const char *field, const char *msg)
{
    http_error_rule(req, 404, "not_found", NULL, msg, field);
}

/* ---- strict JSON input ---- */

void jr_fail(jr *r, const char *field, const char *what)
{
    if (r->bad)
        return;
    r->bad = true;
    if (r->e)
        hh_fail(r->e, HH_ERR_INPUT, field, "%s: %s", field ? field : "body", what);
    if (r->req)
        api_invalid(r->req, field, "%s: %s", field ? field : "body", what);
}

const char *jr_field(jr *r, const char *prefix, const char *key)
{
    return prefix ? arena_printf(JR_A(r), "%s.%s", prefix, key) : key;
}

/* Refuses keys not in allowed (NULL-terminated); the body must be an object. */
bool jr_keys(jr *r, json_t *o, const char *prefix, const char *const *allowed)
{
    if (r->bad)
        return false;
    if (!json_is_object(o)) {
        jr_fail(r, prefix, "forventede et JSON-objekt");
        return false;
    }
    const char *key;
    json_t *v;
    json_object_foreach (o, key, v) {
        bool ok = false;
        for (const char *const *k = allowed; *k && !ok; k++)
            ok = strcmp(*k, key) == 0;
        if (!ok) {
            const char *f = jr_field(r, prefix, key);
            if (!r->bad) {
                r->bad = true;
                if (r->e)
                    hh_fail(r->e, HH_ERR_INPUT, f, "Ukendt felt: %s", f);
                if (r->req)
                    api_invalid(r->req, f, "Ukendt felt: %s", f);
            }
            return false;
        }
    }
    return true;
}

/* String value (copied to the request arena: the body is freed before the
 * answer is written); absent keeps *out; null gives null_as (NULL: null
 * refused). */
void jr_str(jr *r, json_t *o, const char *prefix, const char *key, const char *null_as, const char **out)
{
    json_t *v = json_object_get(o, key);
    if (!v || r->bad)
        return;
    if (json_is_string(v))
        *out = arena_strdup(JR_A(r), json_string_value(v)); /* outlives the body */
    else if (json_is_null(v) && null_as)
        *out = null_as;
    else
        jr_fail(r, jr_field(r, prefix, key), null_as ? "forventede tekst eller null" : "forventede tekst");
}

void jr_int64(jr *r, json_t *o, const char *prefix, const char *key, int64_t min, int64_t max, int64_t *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || r->bad)
        return;
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
        jr_fail(r, jr_field(r, prefix, key),
                arena_printf(JR_A(r), "forventede et heltal fra %lld til %lld", (long long)min, (long long)max));
        return;
    }
    *out = json_integer_value(v);
}

void jr_int(jr *r, json_t *o, const char *prefix, const char *key, int min, int max, int *out)
{
    int64_t x = *out;
    jr_int64(r, o, prefix, key, min, max, &x);
    *out = (int)x;
}

/* A number; null gives NAN when null_ok. */
void jr_double(jr *r, json_t *o, const char *prefix, const char *key, bool null_ok, double *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || r->bad)
        return;
    if (json_is_number(v))
        *out = json_number_value(v);
    else if (json_is_null(v) && null_ok)
        *out = NAN;
    else
        jr_fail(r, jr_field(r, prefix, key), null_ok ? "forventede et tal eller null" : "forventede et tal");
}

void jr_bool(jr *r, json_t *o, const char *prefix, const char *key, bool *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || r->bad)
        return;
    if (json_is_boolean(v))
        *out = json_is_true(v);
    else
        jr_fail(r, jr_field(r, prefix, key), "forventede true eller false");
}

/* An enumeration code; null gives null_as (-2: null refused). */
void jr_enum(jr *r, json_t *o, const char *prefix, const char *key, const char *const *codes, int count, int null_as,
             int *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || r->bad)
        return;
    if (json_is_null(v) && null_as != -2) {
        *out = null_as;
        return;
    }
    int k = json_is_string(v) ? plan_enum_find(codes, count, json_string_value(v)) : -1;
    if (k < 0) {
        buf b;
        buf_init(&b, 0);
        for (int i = 0; i < count; i++)
            buf_printf(&b, "%s%s", i ? ", " : "", codes[i]);
        jr_fail(r, jr_field(r, prefix, key), arena_printf(JR_A(r), "forventede en af %s", buf_cstr(&b)));
        buf_free(&b);
        return;
    }
    *out = k;
}

/* An array of strings; *present tells whether the key was there. */
void jr_strings(jr *r, json_t *o, const char *key, bool *present, const char *const **out, size_t *n)
{
    json_t *v = json_object_get(o, key);
    if (!v || r->bad)
        return;
    if (!json_is_array(v)) {
        jr_fail(r, key, "forventede en liste af tekster");
        return;
    }
    size_t len = json_array_size(v);
    const char **xs = arena_zalloc(JR_A(r), (len ? len : 1) * sizeof *xs);
    for (size_t i = 0; i < len; i++) {
        json_t *x = json_array_get(v, i);
        if (!json_is_string(x)) {
            jr_fail(r, arena_printf(JR_A(r), "%s[%zu]", key, i), "forventede tekst");
            return;
        }
        xs[i] = arena_strdup(JR_A(r), json_string_value(x));
    }
    *out = xs;
    *n = len;
    if (present)
        *present = true;
}

/* The body as an object with only the allowed keys; NULL after answering. */
json_t *api_body(http_req *req, const char *const *allowed)
{
    json_t *body = http_json_body(req);
    if (!body)
        return NULL;
    jr r = { .req = req };
    if (!jr_keys(&r, body, NULL, allowed)) {
        json_decref(body);
        return NULL;
    }
    return body;
}

/* ---- loading the path's objects ---- */

bool api_path_id(http_req *req, const char *name, int64_t *id)
{
    const char *s = http_param(req, name);
    if (s && hh_parse_int64(s, strlen(s), id) && *id > 0)
        return true;
    api_not_found(req, name, arena_printf(&req->a, "»%s« findes ikke.", s ? s : ""));
    return false;
}

/* The plan of the path as the caller may see it; false after answering. */
bool api_load_plan(http_req *req, plan *pl)
{
    int64_t id;
    if (!api_path_id(req, "plan", &id))
        return false;
    hh_error e;
    hh_err rc = plan_get(req->db, web_principal(req), &req->a, id, pl, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a plan");
        return false;
    }
    return true;
}

/* The partner of the path; false after answering. */
bool api_load_partner(http_req *req, partner *out)
{
    int64_t id;
    if (!api_path_id(req, "partner", &id))
        return false;
    hh_error e;
    hh_err rc = partner_get(req->db, &req->a, id, out, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a partner");
        return false;
    }
    return true;
}

bool api_query_year(http_req *req, int *year)
{
    const char *s = http_query(req, "year");
    *year = 0;
    if (s && *s && !hh_parse_int(s, 1990, 2100, year)) {
        api_invalid(req, "year", "year: forventede et år fra 1990 til 2100");
        return false;
    }
    return true;
}

/* ---- sub-resources ---- */

/* Room for one item of any kind, aligned for any member. */
typedef union item_buf {
    max_align_t align;
    unsigned char bytes[SUB_ITEM_MAX];
} item_buf;

static bool sub_load_owner(http_req *req, const sub_kind *k, api_owner *o)
{
    if (k->partner)
        return api_load_partner(req, &o->x);
    if (!api_load_plan(req, &o->pl))
        return false;
    o->may_write = plan_may_write(web_principal(req), &o->pl);
    return true;
}

/* Copies the owner's item with this id into it; false if there is none. */
static bool sub_find_item(const sub_kind *k, const void *items, size_t n, int64_t id, sub_item *it)
{
    for (size_t i = 0; i < n; i++) {
        const char *x = (const char *)items + i * k->size;
        if (*(const int64_t *)(const void *)x == id) {
            memcpy(it, x, k->size);
            return true;
        }
    }
    return false;
}

/* The item of the path among the owner's; false after answering. */
static bool sub_load_item(http_req *req, const sub_kind *k, const api_owner *o, sub_item *it)
{
    int64_t id;
    if (!api_path_id(req, k->param, &id))
        return false;
    void *items;
    size_t n;
    hh_error e;
    hh_err rc = k->list(req, o, &items, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, k->reading);
        return false;
    }
    if (sub_find_item(k, items, n, id, it))
        return true;
    api_not_found(req, k->param, k->missing);
    return false;
}

/* GET: {"plan_id":…, list_key:[…]}. */
void api_sub_list(http_req *req, const sub_kind *k)
{
    api_owner o = { 0 };
    if (!sub_load_owner(req, k, &o) || (k->year && !api_query_year(req, &o.year)))
        return;
    void *items;
    size_t n;
    hh_error e;
    hh_err rc = k->list(req, &o, &items, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, k->reading);
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "plan_id", o.pl.id);
    jw_key(&w, k->list_key);
    jw_arr(&w);
    for (size_t i = 0; i < n; i++)
        k->json(req, &w, &o, (const sub_item *)(const void *)((const char *)items + i * k->size));
    jw_arr_end(&w);
    if (k->list_extra && !k->list_extra(req, &w, &o))
        return;
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* POST (create) or PUT (update; only the body's keys change). */
void api_sub_put(http_req *req, const sub_kind *k, bool create)
{
    api_owner o = { 0 };
    item_buf ib;
    sub_item *itp = (sub_item *)(void *)ib.bytes;
    memcpy(ib.bytes, k->blank, k->size);
    if (!sub_load_owner(req, k, &o) || (!create && !sub_load_item(req, k, &o, itp)) ||
        (k->year && !api_query_year(req, &o.year)))
        return;
    json_t *body = api_body(req, k->keys);
    if (!body)
        return;
    hh_error e;
    hh_err rc = HH_ERR_USAGE;
    if (k->parse(req, body, create, &o, itp))
        rc = k->put(req, &o, itp, &e);
    json_decref(body);
    if (rc == HH_ERR_USAGE)
        return;
    if (rc) {
        api_domain_error(req, rc, &e, k->saving);
        return;
    }
    if (k->read_back) {
        void *items;
        size_t n;
        if ((rc = k->list(req, &o, &items, &n, &e))) {
            api_domain_error(req, rc, &e, k->reading);
            return;
        }
        sub_find_item(k, items, n, *(const int64_t *)(const void *)ib.bytes, itp);
    }
    jw w;
    jw_init(&w, &req->out);
    k->json(req, &w, &o, itp);
    api_respond(req, create ? 201 : 200);
}

void api_sub_delete(http_req *req, const sub_kind *k)
{
    api_owner o = { 0 };
    item_buf ib;
    sub_item *itp = (sub_item *)(void *)ib.bytes;
    if (!sub_load_owner(req, k, &o) || !sub_load_item(req, k, &o, itp))
        return;
    hh_error e;
    int64_t id = *(const int64_t *)(const void *)ib.bytes;
    hh_err rc = k->plan_del ? k->plan_del(req->db, web_principal(req), o.pl.id, id, &e) : k->del(req, &o, id, &e);
    if (rc) {
        api_domain_error(req, rc, &e, k->deleting);
        return;
    }
    api_no_content(req);
}

void api_kstr_or_null(jw *w, const char *key, const char *s)
{
    jw_kstr(w, key, s && *s ? s : NULL);
}

void api_kid_or_null(jw *w, const char *key, int64_t id)
{
    jw_key(w, key);
    if (id)
        jw_int(w, id);
    else
        jw_null(w);
}

void api_kdouble(jw *w, const char *key, double v)
{
    jw_key(w, key);
    jw_double(w, v);
}

void api_kbits(jw *w, const char *key, unsigned bits, const char *const *codes, int count)
{
    jw_key(w, key);
    jw_arr(w);
    for (int k = 0; k < count; k++)
        if (bits & (1u << k))
            jw_str(w, codes[k]);
    jw_arr_end(w);
}

void jr_bits(jr *r, json_t *o, const char *key, const char *const *codes, int count, unsigned *bits)
{
    const char *const *xs;
    size_t n;
    bool present = false;
    jr_strings(r, o, key, &present, &xs, &n);
    if (!present || r->bad)
        return;
    unsigned b = 0;
    for (size_t i = 0; i < n && !r->bad; i++) {
        int k = plan_enum_find(codes, count, xs[i]);
        if (k < 0) {
            buf all;
            buf_init(&all, 0);
            for (int j = 0; j < count; j++)
                buf_printf(&all, "%s%s", j ? ", " : "", codes[j]);
            jr_fail(r, arena_printf(JR_A(r), "%s[%zu]", key, i),
                    arena_printf(JR_A(r), "forventede en af %s", buf_cstr(&all)));
            buf_free(&all);
        } else {
            b |= 1u << k;
        }
    }
    if (!r->bad)
        *bits = b;
}

void jr_required(jr *r, json_t *o, const char *key)
{
    if (!r->bad && json_is_object(o) && !json_object_get(o, key))
        jr_fail(r, key, "mangler");
}
