#include "auth/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/users.h"
#include "core/str.h"

static int64_t env_seconds(const char *name, int64_t def)
{
    const char *v = getenv(name);
    int64_t n;
    return v && hh_parse_int64(v, strlen(v), &n) && n > 0 ? n : def;
}

session_limits session_limits_get(void)
{
    return (session_limits){ env_seconds("HELHED_SESSION_IDLE", 3600), env_seconds("HELHED_SESSION_MAX", 43200) };
}

hh_err session_create(db *d, int64_t user_id, char cookie[HH_TOKEN_CHARS], char csrf[HH_TOKEN_CHARS], hh_error *e)
{
    char hash[HH_HASH_HEX];
    crypto_random_token(cookie);
    crypto_random_token(csrf);
    crypto_hash_hex(cookie, strlen(cookie), hash);
    db_stmt *st = db_prepare(d, "INSERT INTO session (id_hash, user_id, csrf_token, created_at, last_seen_at)"
                                " VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return db_fail(d, e, "create session");
    int64_t now = (int64_t)time(NULL);
    db_bind_text(st, 1, hash);
    db_bind_int64(st, 2, user_id);
    db_bind_text(st, 3, csrf);
    db_bind_int64(st, 4, now);
    db_bind_int64(st, 5, now);
    int s = db_step(st);
    db_done(st);
    return s == DB_ERROR ? db_fail(d, e, "create session") : HH_OK;
}

static hh_err delete_by_hash(db *d, const char *hash, hh_error *e)
{
    db_stmt *st = db_prepare(d, "DELETE FROM session WHERE id_hash = ?");
    if (!st)
        return db_fail(d, e, "end session");
    db_bind_text(st, 1, hash);
    int s = db_step(st);
    db_done(st);
    return s == DB_ERROR ? db_fail(d, e, "end session") : HH_OK;
}

hh_err session_lookup(db *d, arena *a, const char *cookie, principal *p, hh_error *e)
{
    if (!cookie || strlen(cookie) != HH_TOKEN_CHARS - 1)
        return hh_fail(e, HH_ERR_NOTFOUND, "session", "no session");
    char hash[HH_HASH_HEX];
    crypto_hash_hex(cookie, strlen(cookie), hash);
    db_stmt *st = db_prepare(d, "SELECT user_id, csrf_token, created_at, last_seen_at FROM session WHERE id_hash = ?");
    if (!st)
        return db_fail(d, e, "read session");
    db_bind_text(st, 1, hash);
    int s = db_step(st);
    int64_t user_id = 0, created = 0, seen = 0;
    const char *csrf = NULL;
    if (s == DB_ROW) {
        user_id = db_col_int64(st, 0);
        csrf = arena_strdup(a, db_col_text(st, 1));
        created = db_col_int64(st, 2);
        seen = db_col_int64(st, 3);
    }
    db_done(st);
    if (s == DB_ERROR)
        return db_fail(d, e, "read session");
    if (s != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, "session", "no session");
    session_limits lim = session_limits_get();
    int64_t now = (int64_t)time(NULL);
    if (now - seen > lim.idle_seconds || now - created > lim.max_seconds) {
        delete_by_hash(d, hash, NULL);
        return hh_fail(e, HH_ERR_NOTFOUND, "session", "session expired");
    }
    hh_err rc = users_principal(d, a, user_id, p, e);
    if (rc)
        return rc;
    p->via = AUTH_SESSION;
    p->csrf = csrf;
    /* Refresh the idle clock at most once a minute, not on every request. */
    if (now - seen >= 60 || now - seen >= lim.idle_seconds / 2) {
        db_stmt *up = db_prepare(d, "UPDATE session SET last_seen_at = ? WHERE id_hash = ?");
        if (up) {
            db_bind_int64(up, 1, now);
            db_bind_text(up, 2, hash);
            db_step(up);
            db_done(up);
        }
    }
    return HH_OK;
}

hh_err session_destroy(db *d, const char *cookie, hh_error *e)
{
    char hash[HH_HASH_HEX];
    crypto_hash_hex(cookie, strlen(cookie), hash);
    return delete_by_hash(d, hash, e);
}

hh_err session_destroy_all(db *d, int64_t user_id, int64_t *count, hh_error *e)
{
    db_stmt *st = db_prepare(d, "DELETE FROM session WHERE user_id = ?");
    if (!st)
        return db_fail(d, e, "end sessions");
    db_bind_int64(st, 1, user_id);
    int s = db_step(st);
    if (count)
        *count = db_changes(st);
    db_done(st);
    return s == DB_ERROR ? db_fail(d, e, "end sessions") : HH_OK;
}

/* ---- API tokens ---- */

static bool user_holds(const grant *have, size_t nh, const grant *g)
{
    for (size_t i = 0; i < nh; i++)
        if (have[i].role == g->role && strcmp(have[i].scope, g->scope) == 0)
            return true;
    return false;
}

hh_err token_create(db *d, arena *a, int64_t user_id, const char *label, const grant *g, size_t n,
                    char out[TOKEN_CHARS], int64_t *id, hh_error *e)
{
    if (!label || !*label || strlen(label) > 100)
        return hh_fail(e, HH_ERR_INPUT, "label", "a label of 1-100 characters is required");
    grant *have;
    size_t nh;
    hh_err rc = users_grants(d, a, user_id, &have, &nh, e);
    if (rc)
        return rc;
    if (n == 0) {
        g = have;
        n = nh;
    }
    for (size_t i = 0; i < n; i++)
        if (!user_holds(have, nh, &g[i]))
            return hh_fail(e, HH_ERR_INPUT, "grant", "the user does not hold %s", grant_format(a, &g[i]));
    char raw[HH_TOKEN_CHARS], hash[HH_HASH_HEX];
    crypto_random_token(raw);
    snprintf(out, TOKEN_CHARS, "%s%s", TOKEN_PREFIX, raw);
    crypto_hash_hex(out, strlen(out), hash);
    char prefix[12];
    snprintf(prefix, sizeof(prefix), "%.9s", out);
    db_stmt *st = db_prepare(d, "INSERT INTO api_token (user_id, label, token_hash, prefix, created_at)"
                                " VALUES (?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fail(d, e, "create token");
    db_bind_int64(st, 1, user_id);
    db_bind_text(st, 2, label);
    db_bind_text(st, 3, hash);
    db_bind_text(st, 4, prefix);
    db_bind_int64(st, 5, (int64_t)time(NULL));
    int s = db_step(st);
    int64_t tid = s == DB_ROW ? db_col_int64(st, 0) : 0;
    db_done(st);
    if (s != DB_ROW)
        return db_fail(d, e, "create token");
    db_stmt *gs = db_prepare(d, "INSERT INTO token_grant (token_id, role, scope) VALUES (?, ?, ?)"
                                " ON CONFLICT DO NOTHING");
    if (!gs)
        return db_fail(d, e, "create token");
    for (size_t i = 0; i < n; i++) {
        db_bind_int64(gs, 1, tid);
        db_bind_text(gs, 2, role_defs[g[i].role].code);
        db_bind_text(gs, 3, g[i].scope);
        s = db_step(gs);
        db_done(gs);
        if (s == DB_ERROR)
            return db_fail(d, e, "create token");
    }
    if (id)
        *id = tid;
    return HH_OK;
}

hh_err token_lookup(db *d, arena *a, const char *token, principal *p, hh_error *e)
{
    if (!token || strncmp(token, TOKEN_PREFIX, 3) != 0 || strlen(token) != TOKEN_CHARS - 1)
        return hh_fail(e, HH_ERR_NOTFOUND, "token", "no such token");
    char hash[HH_HASH_HEX];
    crypto_hash_hex(token, strlen(token), hash);
    db_stmt *st = db_prepare(d, "SELECT id, user_id FROM api_token WHERE token_hash = ? AND revoked_at IS NULL");
    if (!st)
        return db_fail(d, e, "read token");
    db_bind_text(st, 1, hash);
    int s = db_step(st);
    int64_t tid = s == DB_ROW ? db_col_int64(st, 0) : 0, uid = s == DB_ROW ? db_col_int64(st, 1) : 0;
    db_done(st);
    if (s == DB_ERROR)
        return db_fail(d, e, "read token");
    if (s != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, "token", "no such token");
    hh_err rc = users_principal(d, a, uid, p, e);
    if (rc)
        return rc;
    /* Effective grants: the token's, as far as the user still holds them. */
    db_stmt *gs = db_prepare(d, "SELECT role, scope FROM token_grant WHERE token_id = ?");
    if (!gs)
        return db_fail(d, e, "read token");
    db_bind_int64(gs, 1, tid);
    size_t k = 0;
    grant *eff = arena_alloc(a, (p->ngrants ? p->ngrants : 1) * sizeof(*eff));
    while (db_step(gs) == DB_ROW) {
        grant g = { role_by_code(db_col_text(gs, 0)), db_col_text(gs, 1) };
        if (g.role != ROLE_COUNT && k < p->ngrants && user_holds(p->grants, p->ngrants, &g)) {
            eff[k].role = g.role;
            eff[k].scope = arena_strdup(a, g.scope);
            k++;
        }
    }
    db_done(gs);
    p->grants = eff;
    p->ngrants = k;
    p->roles = 0;
    for (size_t i = 0; i < k; i++)
        p->roles |= ROLE_BIT(eff[i].role);
    p->via = AUTH_TOKEN;
    p->token_id = tid;
    db_stmt *up = db_prepare(d, "UPDATE api_token SET last_used_at = ? WHERE id = ?");
    if (up) {
        db_bind_int64(up, 1, (int64_t)time(NULL));
        db_bind_int64(up, 2, tid);
        db_step(up);
        db_done(up);
    }
    return HH_OK;
}

static bool read_token(db_stmt *st, arena *a, void *elem)
{
    api_token *t = elem;
    t->id = db_col_int64(st, 0);
    t->user_id = db_col_int64(st, 1);
    t->user_email = arena_strdup(a, db_col_text(st, 2));
    t->label = arena_strdup(a, db_col_text(st, 3));
    t->prefix = arena_strdup(a, db_col_text(st, 4));
    t->created_at = db_col_int64(st, 5);
    t->last_used_at = db_col_int64(st, 6);
    t->revoked_at = db_col_int64(st, 7);
    t->ngrants = db_col_int64(st, 8);
    return true;
}

hh_err token_list(db *d, arena *a, int64_t user_id, api_token **out, size_t *n, hh_error *e)
{
    db_stmt *st = db_prepare(
        d, "SELECT t.id, t.user_id, u.email, t.label, t.prefix, t.created_at, COALESCE(t.last_used_at, 0),"
           " COALESCE(t.revoked_at, 0),"
           " (SELECT COUNT(*) FROM token_grant g WHERE g.token_id = t.id)"
           " FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE (? = 0 OR t.user_id = ?) ORDER BY t.id");
    if (!st)
        return db_fail(d, e, "list tokens");
    db_bind_int64(st, 1, user_id);
    db_bind_int64(st, 2, user_id);
    if (db_collect(st, a, sizeof(api_token), read_token, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "list tokens");
    return HH_OK;
}

hh_err token_revoke(db *d, int64_t id, int64_t user_id, hh_error *e)
{
    db_stmt *st = db_prepare(d, "UPDATE api_token SET revoked_at = ? WHERE id = ? AND (? = 0 OR user_id = ?)"
                                " AND revoked_at IS NULL");
    if (!st)
        return db_fail(d, e, "revoke token");
    db_bind_int64(st, 1, (int64_t)time(NULL));
    db_bind_int64(st, 2, id);
    db_bind_int64(st, 3, user_id);
    db_bind_int64(st, 4, user_id);
    int s = db_step(st);
    int64_t changed = db_changes(st);
    db_done(st);
    if (s == DB_ERROR)
        return db_fail(d, e, "revoke token");
    return changed ? HH_OK : hh_fail(e, HH_ERR_NOTFOUND, "token", "no such active token");
}

/* ---- throttling ---- */

static int64_t failures(db *d, const char *key, int64_t since, int64_t *oldest)
{
    db_stmt *st = db_prepare(d, "SELECT COUNT(*), COALESCE(MIN(at), 0) FROM login_failure WHERE key = ? AND at > ?");
    if (!st)
        return 0;
    db_bind_text(st, 1, key);
    db_bind_int64(st, 2, since);
    int64_t n = 0;
    if (db_step(st) == DB_ROW) {
        n = db_col_int64(st, 0);
        *oldest = db_col_int64(st, 1);
    }
    db_done(st);
    return n;
}

bool throttle_locked(db *d, const char *email, const char *client, int64_t *retry_after)
{
    char key[320];
    int64_t now = (int64_t)time(NULL), since = now - THROTTLE_WINDOW, oldest = 0;
    snprintf(key, sizeof(key), "account:%s", email);
    bool locked = failures(d, key, since, &oldest) >= THROTTLE_ACCOUNT_MAX;
    if (!locked) {
        snprintf(key, sizeof(key), "ip:%s", client);
        locked = failures(d, key, since, &oldest) >= THROTTLE_IP_MAX;
    }
    if (locked && retry_after)
        *retry_after = oldest + THROTTLE_WINDOW - now > 0 ? oldest + THROTTLE_WINDOW - now : 1;
    return locked;
}

void throttle_fail(db *d, const char *email, const char *client)
{
    char key[320];
    int64_t now = (int64_t)time(NULL);
    db_stmt *st = db_prepare(d, "INSERT INTO login_failure (key, at) VALUES (?, ?)");
    if (!st)
        return;
    for (int i = 0; i < 2; i++) {
        snprintf(key, sizeof(key), i == 0 ? "account:%s" : "ip:%s", i == 0 ? email : client);
        db_bind_text(st, 1, key);
        db_bind_int64(st, 2, now);
        db_step(st);
        db_done(st);
    }
    /* Forget failures older than the window. */
    db_stmt *old = db_prepare(d, "DELETE FROM login_failure WHERE at < ?");
    if (old) {
        db_bind_int64(old, 1, now - THROTTLE_WINDOW);
        db_step(old);
        db_done(old);
    }
}

void throttle_clear(db *d, const char *email)
{
    char key[320];
    snprintf(key, sizeof(key), "account:%s", email);
    db_stmt *st = db_prepare(d, "DELETE FROM login_failure WHERE key = ?");
    if (!st)
        return;
    db_bind_text(st, 1, key);
    db_step(st);
    db_done(st);
}
