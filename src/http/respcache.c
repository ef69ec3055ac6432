#include "http/respcache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define RESPCACHE_SLOTS 64
#define RESPCACHE_MAX_BODY (1024 * 1024)
#define RESPCACHE_MAX_GROUPS 8

typedef struct entry {
    char *key; /* method + raw URI */
    int64_t version;
    char *body;
    size_t len;
    const char *ctype; /* static string from the handler */
} entry;

typedef struct cache {
    entry slots[RESPCACHE_SLOTS];
} cache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void free_entry(entry *e)
{
    free(e->key);
    free(e->body);
    memset(e, 0, sizeof(*e));
}

static void free_cache(void *p)
{
    cache *c = p;
    for (size_t i = 0; i < RESPCACHE_SLOTS; i++)
        free_entry(&c->slots[i]);
    free(c);
}

static void make_key(void)
{
    pthread_key_create(&cache_key, free_cache);
}

static cache *thread_cache(void)
{
    pthread_once(&cache_once, make_key);
    cache *c = pthread_getspecific(cache_key);
    if (!c) {
        c = xcalloc(1, sizeof(*c));
        pthread_setspecific(cache_key, c);
    }
    return c;
}

static uint64_t hash(const char *a, const char *b)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = a; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    h = (h ^ ' ') * 1099511628211ull;
    for (const char *p = b; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h;
}

static entry *slot_of(const char *a, const char *b)
{
    return &thread_cache()->slots[hash(a, b) % RESPCACHE_SLOTS];
}

static entry *slot_for(http_req *req)
{
    return slot_of(req->method, req->raw_uri);
}

static bool key_is(const entry *e, const char *a, const char *b)
{
    size_t ml = strlen(a);
    return e->key && strncmp(e->key, a, ml) == 0 && e->key[ml] == ' ' && strcmp(e->key + ml + 1, b) == 0;
}

static bool key_matches(const entry *e, http_req *req)
{
    return key_is(e, req->method, req->raw_uri);
}

static void keep(entry *e, const char *a, const char *b, int64_t version, const char *data, size_t len,
                 const char *ctype)
{
    free_entry(e);
    size_t al = strlen(a), bl = strlen(b);
    e->key = xmalloc(al + bl + 2);
    memcpy(e->key, a, al);
    e->key[al] = ' ';
    memcpy(e->key + al + 1, b, bl + 1);
    e->version = version;
    e->body = xmalloc(len ? len : 1);
    memcpy(e->body, data, len);
    e->len = len;
    e->ctype = ctype;
}

/* The version of one group, or of a comma-separated list of groups: then
 * the sum of their versions, which changes whenever any of them does (each
 * only ever grows). -1 when a group is unknown or the query fails. */
static int64_t group_version(http_req *req, const char *group)
{
    const char *names[RESPCACHE_MAX_GROUPS];
    size_t ng = 0;
    char copy[256];
    if (hh_strlcpy(copy, group, sizeof copy) >= sizeof copy)
        return -1;
    for (char *p = copy; p;) {
        if (ng == RESPCACHE_MAX_GROUPS)
            return -1;
        names[ng++] = p;
        p = strchr(p, ',');
        if (p)
            *p++ = '\0';
    }
    int64_t v = -1;
    db_stmt *st;
    if (ng == 1) {
        st = db_prepare(req->db, "SELECT version FROM data_version WHERE grp = ?");
    } else {
        char sql[256];
        size_t len = (size_t)snprintf(
            sql, sizeof sql, "SELECT CAST(SUM(version) AS BIGINT), COUNT(*) FROM data_version WHERE grp IN (?");
        for (size_t i = 1; i < ng && len < sizeof sql; i++)
            len += (size_t)snprintf(sql + len, sizeof sql - len, ",?");
        if (len + 2 >= sizeof sql)
            return -1;
        snprintf(sql + len, sizeof sql - len, ")");
        st = db_prepare(req->db, sql);
    }
    if (!st)
        return -1;
    for (size_t i = 0; i < ng; i++)
        db_bind_text(st, (int)i + 1, names[i]);
    if (db_step(st) == DB_ROW && (ng == 1 || db_col_int64(st, 1) == (int64_t)ng))
        v = db_col_int64(st, 0);
    db_done(st);
    return v;
}

bool respcache_serve(http_req *req, const char *group)
{
    req->cache_version = group_version(req, group);
    if (req->cache_version < 0)
        return false;
    entry *e = slot_for(req);
    if (!key_matches(e, req) || e->version != req->cache_version)
        return false;
    buf_append(&req->out, e->body, e->len);
    http_respond(req, 200, e->ctype);
    return true;
}

void respcache_store(http_req *req)
{
    if (req->cache_version < 0 || req->status != 200 || req->out.overflow || req->out.len > RESPCACHE_MAX_BODY)
        return;
    keep(slot_for(req), req->method, req->raw_uri, req->cache_version, req->out.data, req->out.len, req->ctype);
}

bool respcache_fragment(http_req *req, const char *key, const char *group, int64_t *version)
{
    *version = group_version(req, group);
    if (*version < 0)
        return false;
    entry *e = slot_of("FRAGMENT", key);
    if (!key_is(e, "FRAGMENT", key) || e->version != *version)
        return false;
    buf_append(&req->out, e->body, e->len);
    return true;
}

void respcache_fragment_store(http_req *req, const char *key, int64_t version, size_t from)
{
    if (version < 0 || req->out.overflow || req->out.len < from || req->out.len - from > RESPCACHE_MAX_BODY)
        return;
    keep(slot_of("FRAGMENT", key), "FRAGMENT", key, version, req->out.data + from, req->out.len - from, NULL);
}
