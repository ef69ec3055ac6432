#include "domain/meta.h"

#include <string.h>

hh_err meta_set(db *d, const char *key, const char *value, hh_error *e)
{
    db_stmt *st = db_prepare(d, "INSERT INTO meta (key, value) VALUES (?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!st)
        return hh_fail(e, HH_ERR_DB, NULL, "cannot write setting %s: %s", key, db_errmsg(d));
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, value);
    int rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return hh_fail(e, HH_ERR_DB, NULL, "cannot write setting %s: %s", key, db_errmsg(d));
    return HH_OK;
}

const char *meta_get(db *d, arena *a, const char *key)
{
    db_stmt *st = db_prepare(d, "SELECT value FROM meta WHERE key = ?");
    if (!st)
        return NULL;
    db_bind_text(st, 1, key);
    const char *v = db_step(st) == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    return v;
}

hh_err meta_delete(db *d, const char *key, hh_error *e)
{
    db_stmt *st = db_prepare(d, "DELETE FROM meta WHERE key = ?");
    if (!st)
        return hh_fail(e, HH_ERR_DB, NULL, "cannot remove setting %s: %s", key, db_errmsg(d));
    db_bind_text(st, 1, key);
    int rc = db_step(st);
    db_done(st);
    if (rc == DB_ERROR)
        return hh_fail(e, HH_ERR_DB, NULL, "cannot remove setting %s: %s", key, db_errmsg(d));
    return HH_OK;
}

bool meta_is_demo(db *d)
{
    db_stmt *st = db_prepare(d, "SELECT 1 FROM meta WHERE key = 'demo' AND value = '1'");
    if (!st)
        return false;
    bool demo = db_step(st) == DB_ROW;
    db_done(st);
    return demo;
}
