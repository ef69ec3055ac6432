#include "auth/users.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

#include "auth/password.h"

hh_err users_normalize_email(arena *a, const char *in, const char **out, hh_error *e)
{
    while (*in == ' ' || *in == '\t')
        in++;
    size_t n = strlen(in);
    while (n && (in[n - 1] == ' ' || in[n - 1] == '\t'))
        n--;
    char *s = arena_strndup(a, in, n);
    for (char *p = s; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    const char *at = strchr(s, '@');
    if (n == 0 || n > 254 || !at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
        at[strlen(at) - 1] == '.' || strpbrk(s, " \t\r\n<>\",;"))
        return hh_fail(e, HH_ERR_INPUT, "email", "'%s' is not an email address", s);
    *out = s;
    return HH_OK;
}

/* Applies the password policy and hashes an acceptable password. */
static hh_err policy_hash(const char *password, char hash[PASSWORD_HASH_MAX], hh_error *e)
{
    const char *why = password_policy(password);
    if (why)
        return hh_fail(e, HH_ERR_INPUT, "password", "%s", why);
    if (!password_hash(password, hash))
        return hh_fail(e, HH_ERR_INTERNAL, "password", "cannot hash the password");
    return HH_OK;
}

hh_err users_add(db *d, arena *a, const char *email, const char *name, const char *password, bool must_change,
                 int64_t *id, hh_error *e)
{
    const char *norm;
    hh_err rc = users_normalize_email(a, email, &norm, e);
    if (rc)
        return rc;
    if (!name || !*name || strlen(name) > 200)
        return hh_fail(e, HH_ERR_INPUT, "name", "a name of 1-200 characters is required");
    char hash[PASSWORD_HASH_MAX];
    if ((rc = policy_hash(password, hash, e)))
        return rc;
    db_stmt *st = db_prepare(d, "INSERT INTO app_user (email, name, password_hash, must_change_password, created_at,"
                                " password_changed_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fail(d, e, "add user");
    int64_t now = (int64_t)time(NULL);
    db_bind_text(st, 1, norm);
    db_bind_text(st, 2, name);
    db_bind_text(st, 3, hash);
    db_bind_int64(st, 4, must_change);
    db_bind_int64(st, 5, now);
    db_bind_int64(st, 6, now);
    int s = db_step(st);
    if (s == DB_ROW && id)
        *id = db_col_int64(st, 0);
    bool dup = s == DB_ERROR && db_last_was_constraint(d);
    db_done(st);
    if (dup)
        return hh_fail(e, HH_ERR_CONFLICT, "email", "a user with email %s already exists", norm);
    if (s != DB_ROW)
        return db_fail(d, e, "add user");
    return HH_OK;
}

#define USER_COLS "id, email, name, active, must_change_password, created_at, COALESCE(last_login_at, 0), password_hash"

static bool read_user(db_stmt *st, arena *a, void *elem)
{
    user *u = elem;
    u->id = db_col_int64(st, 0);
    u->email = arena_strdup(a, db_col_text(st, 1));
    u->name = arena_strdup(a, db_col_text(st, 2));
    u->active = db_col_int64(st, 3) != 0;
    u->must_change_password = db_col_int64(st, 4) != 0;
    u->created_at = db_col_int64(st, 5);
    u->last_login_at = db_col_int64(st, 6);
    return true;
}

static hh_err get_one(db *d, arena *a, db_stmt *st, user *out, const char **hash, hh_error *e)
{
    int s = db_step(st);
    if (s == DB_ROW) {
        read_user(st, a, out);
        if (hash)
            *hash = arena_strdup(a, db_col_text(st, 7));
    }
    db_done(st);
    if (s == DB_ERROR)
        return db_fail(d, e, "read user");
    if (s != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, "user", "no such user");
    return HH_OK;
}

hh_err users_find(db *d, arena *a, const char *email, user *out, const char **hash, hh_error *e)
{
    const char *norm;
    if (users_normalize_email(a, email, &norm, NULL) != HH_OK)
        return hh_fail(e, HH_ERR_NOTFOUND, "email", "no user has email %s", email);
    db_stmt *st = db_prepare(d, "SELECT " USER_COLS " FROM app_user WHERE email = ?");
    if (!st)
        return db_fail(d, e, "read user");
    db_bind_text(st, 1, norm);
    hh_err rc = get_one(d, a, st, out, hash, e);
    if (rc == HH_ERR_NOTFOUND)
        return hh_fail(e, HH_ERR_NOTFOUND, "email", "no user has email %s", norm);
    return rc;
}

hh_err users_get(db *d, arena *a, int64_t id, user *out, hh_error *e)
{
    db_stmt *st = db_prepare(d, "SELECT " USER_COLS " FROM app_user WHERE id = ?");
    if (!st)
        return db_fail(d, e, "read user");
    db_bind_int64(st, 1, id);
    return get_one(d, a, st, out, NULL, e);
}

hh_err users_list(db *d, arena *a, user **out, size_t *n, hh_error *e)
{
    db_stmt *st = db_prepare(d, "SELECT " USER_COLS " FROM app_user ORDER BY email");
    if (!st)
        return db_fail(d, e, "list users");
    if (db_collect(st, a, sizeof(user), read_user, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "list users");
    return HH_OK;
}

static hh_err exec_one(db *d, db_stmt *st, hh_error *e, const char *what)
{
    int s = db_step(st);
    int64_t changed = db_changes(st);
    db_done(st);
    if (s == DB_ERROR)
        return db_fail(d, e, what);
    if (changed == 0)
        return hh_fail(e, HH_ERR_NOTFOUND, "user", "no such user");
    return HH_OK;
}

hh_err users_set_password(db *d, int64_t id, const char *password, bool must_change, hh_error *e)
{
    hh_err rc;
    char hash[PASSWORD_HASH_MAX];
    if ((rc = policy_hash(password, hash, e)))
        return rc;
    db_stmt *st = db_prepare(d, "UPDATE app_user SET password_hash = ?, must_change_password = ?,"
                                " password_changed_at = ? WHERE id = ?");
    if (!st)
        return db_fail(d, e, "set password");
    db_bind_text(st, 1, hash);
    db_bind_int64(st, 2, must_change);
    db_bind_int64(st, 3, (int64_t)time(NULL));
    db_bind_int64(st, 4, id);
    return exec_one(d, st, e, "set password");
}

hh_err users_set_active(db *d, int64_t id, bool active, hh_error *e)
{
    db_stmt *st = db_prepare(d, "UPDATE app_user SET active = ? WHERE id = ?");
    if (!st)
        return db_fail(d, e, "change user");
    db_bind_int64(st, 1, active);
    db_bind_int64(st, 2, id);
    return exec_one(d, st, e, "change user");
}

hh_err users_touch_login(db *d, int64_t id, hh_error *e)
{
    db_stmt *st = db_prepare(d, "UPDATE app_user SET last_login_at = ? WHERE id = ?");
    if (!st)
        return db_fail(d, e, "record login");
    db_bind_int64(st, 1, (int64_t)time(NULL));
    db_bind_int64(st, 2, id);
    return exec_one(d, st, e, "record login");
}

static bool read_grant(db_stmt *st, arena *a, void *elem)
{
    grant *g = elem;
    g->role = role_by_code(db_col_text(st, 0));
    g->scope = arena_strdup(a, db_col_text(st, 1));
    return g->role != ROLE_COUNT; /* a role this version does not know grants nothing */
}

hh_err users_grants(db *d, arena *a, int64_t id, grant **out, size_t *n, hh_error *e)
{
    db_stmt *st = db_prepare(d, "SELECT role, scope FROM user_grant WHERE user_id = ? ORDER BY role, scope");
    if (!st)
        return db_fail(d, e, "read grants");
    db_bind_int64(st, 1, id);
    if (db_collect(st, a, sizeof(grant), read_grant, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read grants");
    return HH_OK;
}

hh_err users_grant(db *d, int64_t id, const grant *g, size_t n, hh_error *e)
{
    db_stmt *st = db_prepare(d, "INSERT INTO user_grant (user_id, role, scope) VALUES (?, ?, ?)"
                                " ON CONFLICT DO NOTHING");
    if (!st)
        return db_fail(d, e, "grant");
    for (size_t i = 0; i < n; i++) {
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, role_defs[g[i].role].code);
        db_bind_text(st, 3, g[i].scope);
        int s = db_step(st);
        db_done(st);
        if (s == DB_ERROR)
            return db_fail(d, e, "grant");
    }
    return HH_OK;
}

hh_err users_revoke(db *d, int64_t id, const grant *g, size_t n, int64_t *removed, hh_error *e)
{
    db_stmt *st = db_prepare(d, "DELETE FROM user_grant WHERE user_id = ? AND role = ? AND scope = ?");
    if (!st)
        return db_fail(d, e, "revoke");
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, role_defs[g[i].role].code);
        db_bind_text(st, 3, g[i].scope);
        int s = db_step(st);
        total += db_changes(st);
        db_done(st);
        if (s == DB_ERROR)
            return db_fail(d, e, "revoke");
    }
    if (removed)
        *removed = total;
    return HH_OK;
}

hh_err users_principal(db *d, arena *a, int64_t id, principal *p, hh_error *e)
{
    user u;
    hh_err rc = users_get(d, a, id, &u, e);
    if (rc)
        return rc;
    if (!u.active)
        return hh_fail(e, HH_ERR_NOTFOUND, "user", "the account is deactivated");
    memset(p, 0, sizeof(*p));
    p->user_id = u.id;
    p->email = u.email;
    p->name = u.name;
    p->must_change_password = u.must_change_password;
    if ((rc = users_grants(d, a, id, &p->grants, &p->ngrants, e)))
        return rc;
    for (size_t i = 0; i < p->ngrants; i++)
        p->roles |= ROLE_BIT(p->grants[i].role);
    return HH_OK;
}
