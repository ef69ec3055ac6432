#include "db/db_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

hh_err db_url_kind(const char *url, db_kind *kind, hh_error *e)
{
    if (!url || !*url)
        return hh_fail(e, HH_ERR_USAGE, "db", "database URL is empty (expected sqlite:PATH or postgres://...)");
    if (strncmp(url, "sqlite:", 7) == 0) {
        if (!url[7])
            return hh_fail(e, HH_ERR_USAGE, "db", "database URL 'sqlite:' names no file (expected sqlite:PATH)");
        *kind = DB_SQLITE;
        return HH_OK;
    }
    if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0) {
        *kind = DB_POSTGRES;
        return HH_OK;
    }
    const char *colon = strchr(url, ':');
    int n = colon ? (int)(colon - url) : (int)strlen(url);
    if (n > 32)
        n = 32;
    return hh_fail(e, HH_ERR_USAGE, "db", "unknown database URL scheme '%.*s' (expected sqlite:PATH or postgres://...)",
                   n, url);
}

hh_err db_open(const char *url, db **out, hh_error *e)
{
    db_kind kind;
    hh_err rc = db_url_kind(url, &kind, e);
    if (rc)
        return rc;
    db *d = xcalloc(1, sizeof(*d));
    d->kind = kind;
    d->ops = kind == DB_SQLITE ? &db_sqlite_ops : &db_pg_ops;
    rc = d->ops->open(d, kind == DB_SQLITE ? url + 7 : url, e);
    if (rc) {
        free(d);
        return rc;
    }
    *out = d;
    return HH_OK;
}

void db_close(db *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < DB_STMT_CACHE; i++) {
        db_stmt *st = d->cache[i];
        if (st) {
            char *sql = st->sql;
            d->ops->finalize(st);
            free(sql);
        }
    }
    d->ops->close(d);
    free(d);
}

db_kind db_get_kind(const db *d)
{
    return d->kind;
}

const char *db_kind_name(db_kind k)
{
    return k == DB_SQLITE ? "sqlite" : "postgres";
}

const char *db_errmsg(db *d)
{
    return d->err;
}

bool db_last_was_constraint(db *d)
{
    return d->constraint;
}

void db_set_err(db *d, bool constraint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->err, sizeof(d->err), fmt, ap);
    va_end(ap);
    /* Backend messages end in a newline; keep error lines to one line. */
    for (char *p = d->err; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    size_t n = strlen(d->err);
    while (n && d->err[n - 1] == ' ')
        d->err[--n] = '\0';
    d->constraint = constraint;
}

hh_err db_fail(db *d, hh_error *e, const char *what)
{
    return hh_fail(e, HH_ERR_DB, NULL, "cannot %s: %s", what, d->err);
}

hh_err db_exec(db *d, const char *sql, hh_error *e)
{
    return d->ops->exec(d, sql, e);
}

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

db_stmt *db_prepare(db *d, const char *sql)
{
    uint64_t h = fnv1a(sql);
    size_t slot = (size_t)(h % DB_STMT_CACHE);
    /* Linear probing over a small table; an evicted statement is finalized. */
    for (size_t i = 0; i < 8; i++) {
        db_stmt *st = d->cache[(slot + i) % DB_STMT_CACHE];
        if (st && st->hash == h && strcmp(st->sql, sql) == 0)
            return st;
    }
    db_stmt *st = d->ops->prepare(d, sql);
    if (!st)
        return NULL;
    st->owner = d;
    st->sql = xstrdup(sql);
    st->hash = h;
    for (size_t i = 0; i < 8; i++) {
        size_t k = (slot + i) % DB_STMT_CACHE;
        if (!d->cache[k]) {
            d->cache[k] = st;
            return st;
        }
    }
    db_stmt *old = d->cache[slot];
    char *oldsql = old->sql;
    d->ops->finalize(old);
    free(oldsql);
    d->cache[slot] = st;
    return st;
}

void db_done(db_stmt *st)
{
    if (st)
        st->owner->ops->reset(st);
}

void db_bind_text(db_stmt *st, int idx, const char *s)
{
    if (!s)
        st->owner->ops->bind_null(st, idx);
    else
        st->owner->ops->bind_text(st, idx, s, strlen(s));
}

void db_bind_textn(db_stmt *st, int idx, const char *s, size_t n)
{
    st->owner->ops->bind_text(st, idx, s, n);
}

void db_bind_int64(db_stmt *st, int idx, int64_t v)
{
    st->owner->ops->bind_int64(st, idx, v);
}

void db_bind_double(db_stmt *st, int idx, double v)
{
    st->owner->ops->bind_double(st, idx, v);
}

void db_bind_null(db_stmt *st, int idx)
{
    st->owner->ops->bind_null(st, idx);
}

int db_step(db_stmt *st)
{
    return st->owner->ops->step(st);
}

int db_column_count(db_stmt *st)
{
    return st->owner->ops->column_count(st);
}

bool db_col_null(db_stmt *st, int col)
{
    return st->owner->ops->col_null(st, col);
}

const char *db_col_text(db_stmt *st, int col)
{
    return st->owner->ops->col_text(st, col);
}

int64_t db_col_int64(db_stmt *st, int col)
{
    return st->owner->ops->col_int64(st, col);
}

double db_col_double(db_stmt *st, int col)
{
    return st->owner->ops->col_double(st, col);
}

int64_t db_changes(db_stmt *st)
{
    return st->owner->ops->changes(st);
}

int db_collect(db_stmt *st, arena *a, size_t elem_size, db_row_fn read, void **out, size_t *n)
{
    size_t cap = 16, k = 0;
    unsigned char *v = arena_alloc(a, cap * elem_size);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (k == cap) {
            v = arena_grow(a, v, k * elem_size, 2 * cap * elem_size);
            cap *= 2;
        }
        if (read(st, a, v + k * elem_size))
            k++;
    }
    db_done(st);
    *out = v;
    *n = k;
    return rc;
}

hh_err db_begin(db *d, hh_error *e)
{
    /* SQLite: take the write lock up front so two writers cannot deadlock
     * upgrading read locks; PostgreSQL has no IMMEDIATE. */
    hh_err rc = db_exec(d, d->kind == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN", e);
    d->in_tx = rc == HH_OK;
    return rc;
}

hh_err db_commit(db *d, hh_error *e)
{
    hh_err rc = db_exec(d, "COMMIT", e);
    if (rc == HH_OK)
        d->in_tx = false;
    return rc;
}

void db_rollback(db *d)
{
    db_exec(d, "ROLLBACK", NULL);
    d->in_tx = false;
}

bool db_in_transaction(const db *d)
{
    return d->in_tx;
}

bool db_query_int64(db *d, const char *sql, int64_t *out)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return false;
    bool ok = db_step(st) == DB_ROW && !db_col_null(st, 0);
    if (ok)
        *out = db_col_int64(st, 0);
    db_done(st);
    return ok;
}

int db_translate(const char *sql, buf *out)
{
    int n = 0;
    const char *p = sql;
    while (*p) {
        char c = *p;
        if (c == '\'' || c == '"') {
            /* Quoted literal or identifier; a doubled quote is an escape. */
            const char *q = p + 1;
            for (;;) {
                if (!*q)
                    break;
                if (*q == c) {
                    if (q[1] == c) {
                        q += 2;
                        continue;
                    }
                    q++;
                    break;
                }
                q++;
            }
            buf_append(out, p, (size_t)(q - p));
            p = q;
        } else if (c == '-' && p[1] == '-') {
            const char *q = strchr(p, '\n');
            if (!q)
                q = p + strlen(p);
            buf_append(out, p, (size_t)(q - p));
            p = q;
        } else if (c == '/' && p[1] == '*') {
            const char *q = strstr(p + 2, "*/");
            q = q ? q + 2 : p + strlen(p);
            buf_append(out, p, (size_t)(q - p));
            p = q;
        } else if (c == '?') {
            buf_printf(out, "$%d", ++n);
            p++;
        } else {
            buf_putc(out, c);
            p++;
        }
    }
    return out->overflow ? -1 : n;
}
