#include "auth/audit.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "auth/crypto.h"
#include "core/util.h"

static const char genesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

static void put_field(crypto_generichash_state *h, const char *s)
{
    char len[24];
    int n = snprintf(len, sizeof(len), "%zu:", strlen(s));
    crypto_generichash_update(h, (const unsigned char *)len, (size_t)n);
    crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
}

/* hash = BLAKE2b-256(prev || len:id len:at len:user_id ...), hex. */
static void row_hash(const char *prev, int64_t id, const char *at, int64_t user_id, const char *fields[8],
                     char out[HH_HASH_HEX])
{
    crypto_generichash_state h;
    crypto_generichash_init(&h, NULL, 0, 32);
    crypto_generichash_update(&h, (const unsigned char *)prev, strlen(prev));
    char num[24];
    snprintf(num, sizeof(num), "%lld", (long long)id);
    put_field(&h, num);
    put_field(&h, at);
    snprintf(num, sizeof(num), "%lld", (long long)user_id);
    put_field(&h, num);
    for (int i = 0; i < 8; i++)
        put_field(&h, fields[i]);
    unsigned char bin[32];
    crypto_generichash_final(&h, bin, sizeof(bin));
    sodium_bin2hex(out, HH_HASH_HEX, bin, sizeof(bin));
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

hh_err audit_append(db *d, const audit_event *ev, hh_error *e)
{
    bool own = !db_in_transaction(d);
    hh_err rc;
    if (own && (rc = db_begin(d, e)))
        return rc;
    /* One writer at a time extends the chain: SQLite's BEGIN IMMEDIATE holds
     * the write lock; PostgreSQL takes a transaction-scoped advisory lock. */
    if (db_get_kind(d) == DB_POSTGRES && (rc = db_exec(d, "SELECT pg_advisory_xact_lock(4843)", e)))
        goto fail;
    db_stmt *last = db_prepare(d, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!last) {
        rc = hh_fail(e, HH_ERR_DB, NULL, "cannot read the audit log: %s", db_errmsg(d));
        goto fail;
    }
    int64_t id = 1;
    char prev[HH_HASH_HEX];
    hh_strlcpy(prev, genesis, sizeof(prev));
    if (db_step(last) == DB_ROW) {
        id = db_col_int64(last, 0) + 1;
        hh_strlcpy(prev, db_col_text(last, 1), sizeof(prev));
    }
    db_done(last);
    char at[21];
    hh_utc_iso(at);
    int64_t user_id = ev->who ? ev->who->user_id : 0;
    const char *fields[8] = {
        ev->who ? ev->who->email : nz(ev->email),
        ev->who ? principal_role_label(ev->who) : "",
        nz(ev->action),
        nz(ev->object_type),
        nz(ev->object_id),
        nz(ev->scope),
        nz(ev->client),
        nz(ev->outcome),
    };
    char hash[HH_HASH_HEX];
    row_hash(prev, id, at, user_id, fields, hash);
    db_stmt *st = db_prepare(d, "INSERT INTO audit_log (id, at, user_id, user_email, role, action, object_type,"
                                " object_id, scope, client, outcome, prev_hash, hash)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st) {
        rc = hh_fail(e, HH_ERR_DB, NULL, "cannot write the audit log: %s", db_errmsg(d));
        goto fail;
    }
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, at);
    if (user_id)
        db_bind_int64(st, 3, user_id);
    else
        db_bind_null(st, 3);
    for (int i = 0; i < 8; i++)
        db_bind_text(st, 4 + i, fields[i]);
    db_bind_text(st, 12, prev);
    db_bind_text(st, 13, hash);
    int s = db_step(st);
    db_done(st);
    if (s == DB_ERROR) {
        rc = hh_fail(e, HH_ERR_DB, NULL, "cannot write the audit log: %s", db_errmsg(d));
        goto fail;
    }
    if (own && (rc = db_commit(d, e)))
        goto fail;
    return HH_OK;
fail:
    if (own)
        db_rollback(d);
    return rc;
}

#define AUDIT_COLS "id, at, user_email, role, action, object_type, object_id, scope, client, outcome"

static bool read_row(db_stmt *st, arena *a, void *elem)
{
    audit_row *r = elem;
    r->id = db_col_int64(st, 0);
    const char **dst[] = { &r->at,        &r->user_email, &r->role,   &r->action, &r->object_type,
                           &r->object_id, &r->scope,      &r->client, &r->outcome };
    for (int i = 0; i < 9; i++)
        *dst[i] = arena_strdup(a, db_col_text(st, i + 1));
    return true;
}

hh_err audit_query(db *d, arena *a, const audit_filter *f, audit_row **out, size_t *n, hh_error *e)
{
    /* One statement with optional filters: each "(? = '' OR col = ?)". */
    db_stmt *st = db_prepare(d, "SELECT " AUDIT_COLS " FROM audit_log"
                                " WHERE (? = '' OR user_email = ?) AND (? = '' OR action = ?)"
                                " AND (? = '' OR object_type = ? OR object_type || ':' || object_id = ?)"
                                " AND (? = '' OR at >= ?) AND (? = '' OR at <= ?)"
                                " AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?");
    if (!st)
        return db_fail(d, e, "read the audit log");
    const char *to = nz(f->to);
    /* A bare date as upper bound means the whole day. */
    if (strlen(to) == 10)
        to = arena_printf(a, "%sT23:59:59Z", to);
    const char *vals[] = { nz(f->user), nz(f->action), nz(f->object), nz(f->from), to };
    int idx = 1;
    for (int i = 0; i < 5; i++) {
        db_bind_text(st, idx++, vals[i]);
        db_bind_text(st, idx++, vals[i]);
        if (i == 2)
            db_bind_text(st, idx++, vals[i]);
    }
    db_bind_int64(st, idx++, f->before_id);
    db_bind_int64(st, idx++, f->before_id);
    db_bind_int64(st, idx++, f->limit > 0 ? f->limit : INT64_MAX);
    if (db_collect(st, a, sizeof(audit_row), read_row, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read the audit log");
    return HH_OK;
}

hh_err audit_verify(db *d, int64_t *rows, int64_t *bad_id, hh_error *e)
{
    db_stmt *st = db_prepare(d, "SELECT id, at, COALESCE(user_id, 0), user_email, role, action, object_type,"
                                " object_id, scope, client, outcome, prev_hash, hash FROM audit_log ORDER BY id");
    if (!st)
        return hh_fail(e, HH_ERR_DB, NULL, "cannot read the audit log: %s", db_errmsg(d));
    char prev[HH_HASH_HEX];
    hh_strlcpy(prev, genesis, sizeof(prev));
    int64_t expect = 1, count = 0;
    hh_err rc = HH_OK;
    int s;
    while ((s = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 0);
        const char *fields[8];
        for (int i = 0; i < 8; i++)
            fields[i] = db_col_text(st, 3 + i);
        char hash[HH_HASH_HEX];
        if (id != expect) {
            rc = hh_fail(e, HH_ERR_CONFLICT, "audit_log", "row %lld is missing (next row is %lld): rows were deleted",
                         (long long)expect, (long long)id);
            *bad_id = expect;
            break;
        }
        if (strcmp(db_col_text(st, 11), prev) != 0) {
            rc = hh_fail(e, HH_ERR_CONFLICT, "audit_log",
                         "row %lld does not continue the chain (prev_hash differs): an earlier row was changed",
                         (long long)id);
            *bad_id = id;
            break;
        }
        row_hash(prev, id, db_col_text(st, 1), db_col_int64(st, 2), fields, hash);
        if (strcmp(hash, db_col_text(st, 12)) != 0) {
            rc = hh_fail(e, HH_ERR_CONFLICT, "audit_log", "row %lld was altered: its content does not match its hash",
                         (long long)id);
            *bad_id = id;
            break;
        }
        hh_strlcpy(prev, hash, sizeof(prev));
        expect++;
        count++;
    }
    db_done(st);
    if (s == DB_ERROR && rc == HH_OK)
        return hh_fail(e, HH_ERR_DB, NULL, "cannot read the audit log: %s", db_errmsg(d));
    *rows = count;
    return rc;
}
