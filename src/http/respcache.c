#include "http/respcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define RESPCACHE_SLOTS 64
#define RESPCACHE_MAX_BODY (1024 * 1024)

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

static entry *slot_for(http_req *req)
{
    return &thread_cache()->slots[hash(req->method, req->raw_uri) % RESPCACHE_SLOTS];
}

static bool key_matches(const entry *e, http_req *req)
{
    size_t ml = strlen(req->method);
    return e->key && strncmp(e->key, req->method, ml) == 0 && e->key[ml] == ' ' &&
           strcmp(e->key + ml + 1, req->raw_uri) == 0;
}

bool respcache_serve(http_req *req, const char *group)
{
    req->cache_version = -1;
    db_stmt *st = db_prepare(req->db, "SELECT version FROM data_version WHERE grp = ?");
    if (!st)
        return false;
    db_bind_text(st, 1, group);
    if (db_step(st) == DB_ROW)
        req->cache_version = db_col_int64(st, 0);
    db_done(st);
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
    entry *e = slot_for(req);
    free_entry(e);
    size_t ml = strlen(req->method), ul = strlen(req->raw_uri);
    e->key = xmalloc(ml + ul + 2);
    memcpy(e->key, req->method, ml);
    e->key[ml] = ' ';
    memcpy(e->key + ml + 1, req->raw_uri, ul + 1);
    e->version = req->cache_version;
    e->body = xmalloc(req->out.len ? req->out.len : 1);
    memcpy(e->body, req->out.data, req->out.len);
    e->len = req->out.len;
    e->ctype = req->ctype;
}
