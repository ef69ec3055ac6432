/* api_util.h - what the JSON API files share (api_plans.c,
 * api_activities.c): answers, the domain's errors as HTTP answers, the
 * strict JSON reader, loading the path's plan and partner, and the
 * table-driven sub-resources of a plan or partner.
 *
 * The strict reader (jr) refuses unknown keys and wrong types naming the
 * field. It keeps the first error: with req set it answers 422 at once; with
 * e set it fills e (code HH_ERR_INPUT, field, Danish message) so a parser can
 * run without a request (fuzzing, unit tests). Strings are copied into the
 * reader's arena (req's when a is NULL): the body is freed before the answer
 * is written. */
#ifndef HELHED_API_UTIL_H
#define HELHED_API_UTIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "domain/plans.h"
#include "http/http.h"
#include "http/json.h"

/* ---- answers ---- */

/* Ends the JSON body written to req->out and answers status. */
void api_respond(http_req *req, int status);
void api_no_content(http_req *req);

/* One list answer: {<head's keys>, "<name>":[item(w, &items[i]) …]} and
 * 200. head (NULL: none) writes the keys before the list; items holds n
 * elements of size bytes each. */
typedef void (*api_head_fn)(jw *w, const void *ctx);
typedef void (*api_item_fn)(jw *w, const void *item);
void api_respond_list(http_req *req, api_head_fn head, const void *ctx, const char *name, const void *items, size_t n,
                      size_t size, api_item_fn item);
/* The usual head: up to two integer keys (k2 NULL: one). */
typedef struct api_ids {
    const char *k1;
    int64_t v1;
    const char *k2;
    int64_t v2;
} api_ids;
void api_head_ids(jw *w, const void *ids);
/* The domain's error: 404, 403, 422 (rule and field), 409, else 500. */
void api_domain_error(http_req *req, hh_err rc, const hh_error *e, const char *what);
/* 422 naming the field (no rule). */
void api_invalid(http_req *req, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void api_not_found(http_req *req, const char *field, const char *msg);

/* ---- strict JSON input ---- */

typedef struct jr {
    http_req *req; /* answers the first error when set */
    bool bad;
    arena *a;    /* where strings go; NULL: req's arena */
    hh_error *e; /* receives the first error when set */
} jr;

void jr_fail(jr *r, const char *field, const char *what);
const char *jr_field(jr *r, const char *prefix, const char *key);
/* Refuses keys not in allowed (NULL-terminated); o must be an object. */
bool jr_keys(jr *r, json_t *o, const char *prefix, const char *const *allowed);
/* A string; absent keeps *out; null gives null_as (NULL: null refused). */
void jr_str(jr *r, json_t *o, const char *prefix, const char *key, const char *null_as, const char **out);
void jr_int64(jr *r, json_t *o, const char *prefix, const char *key, int64_t min, int64_t max, int64_t *out);
void jr_int(jr *r, json_t *o, const char *prefix, const char *key, int min, int max, int *out);
/* A number; null gives NAN when null_ok. */
void jr_double(jr *r, json_t *o, const char *prefix, const char *key, bool null_ok, double *out);
void jr_bool(jr *r, json_t *o, const char *prefix, const char *key, bool *out);
/* An enumeration code; null gives null_as (-2: null refused). */
void jr_enum(jr *r, json_t *o, const char *prefix, const char *key, const char *const *codes, int count, int null_as,
             int *out);
/* An array of strings; *present tells whether the key was there. */
void jr_strings(jr *r, json_t *o, const char *key, bool *present, const char *const **out, size_t *n);
/* An array of enumeration codes as bits 1u << code; absent keeps *bits. */
void jr_bits(jr *r, json_t *o, const char *key, const char *const *codes, int count, unsigned *bits);
/* Fails naming key when it is absent. */
void jr_required(jr *r, json_t *o, const char *key);

/* The body as an object with only the allowed keys; NULL after answering. */
json_t *api_body(http_req *req, const char *const *allowed);

/* ---- the path and the query ---- */

/* A positive id from the path; false after answering 404. */
bool api_path_id(http_req *req, const char *name, int64_t *id);
/* The plan of the path as the caller may see it; false after answering. */
bool api_load_plan(http_req *req, plan *pl);
bool api_load_partner(http_req *req, partner *out);
/* ?year= (absent or empty: 0); false after answering 422. */
bool api_query_year(http_req *req, int *year);

/* ---- JSON writers ---- */

void api_kstr_or_null(jw *w, const char *key, const char *s);
void api_kid_or_null(jw *w, const char *key, int64_t id);
void api_kdouble(jw *w, const char *key, double v);
/* "name": [codes whose bit is set]. */
void api_kbits(jw *w, const char *key, unsigned bits, const char *const *codes, int count);

/* ---- sub-resources ----
 * Items of a plan (or partner) share one shape: load the owner of the path
 * and the item by its id among the owner's items, read the JSON body, let
 * the domain store or delete, answer 201/200 with the item or 204. Each kind
 * is a row of descriptors. Every API file defines its own union sub_item of
 * its item types, each starting with its int64_t id; this file only copies
 * items by k->size. */

typedef union sub_item sub_item;

typedef struct api_owner {
    plan pl;        /* the plan of the path (plan sub-resources) */
    partner x;      /* the partner of the path (contacts) */
    int year;       /* ?year= */
    bool may_write; /* the caller may write the plan (sees unsuppressed counts) */
} api_owner;

enum { SUB_ITEM_MAX = 1024 }; /* the largest item type */

typedef struct sub_kind {
    const char *param;                       /* path placeholder and 404 field: "member" */
    const char *list_key;                    /* JSON key of the plan's list: "members" */
    const char *missing;                     /* 404 message when the id is not the owner's */
    const char *reading, *saving, *deleting; /* database failures, for the log */
    size_t size;                             /* sizeof one item (≤ SUB_ITEM_MAX) */
    const char *const *keys;                 /* the body's allowed keys */
    bool partner;                            /* under a partner, not a plan */
    bool year;                               /* list and put take ?year= */
    bool read_back;                          /* answer with the item as listed (computed fields) */
    const sub_item *blank;                   /* a new item's defaults */
    hh_err (*list)(http_req *req, const api_owner *o, void **items, size_t *n, hh_error *e);
    bool (*parse)(http_req *req, json_t *body, bool create, const api_owner *o, sub_item *it);
    hh_err (*put)(http_req *req, const api_owner *o, sub_item *it, hh_error *e);
    hh_err (*del)(http_req *req, const api_owner *o, int64_t id, hh_error *e);
    /* Instead of del: the domain's delete of one of the path's plan's items. */
    hh_err (*plan_del)(db *d, const principal *p, int64_t plan_id, int64_t id, hh_error *e);
    void (*json)(http_req *req, jw *w, const api_owner *o, const sub_item *it);
    /* More keys of the list's answer after the list (NULL: none); false
     * after answering an error. */
    bool (*list_extra)(http_req *req, jw *w, const api_owner *o);
} sub_kind;

/* GET: {"plan_id":…, list_key:[…]}. */
void api_sub_list(http_req *req, const sub_kind *k);
/* POST (create) or PUT (update; only the body's keys change). */
void api_sub_put(http_req *req, const sub_kind *k, bool create);
void api_sub_delete(http_req *req, const sub_kind *k);

#endif
