#include "db/migrate.h"

#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "core/util.h"

static const char *const create_version_table[] = {
    [DB_SQLITE] = "CREATE TABLE IF NOT EXISTS schema_version ("
                  " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
    [DB_POSTGRES] = "CREATE TABLE IF NOT EXISTS schema_version ("
                    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
};

/* Parses "NNNN_name[.dialect].sql"; returns the version or -1 if the file
 * is not a migration for this dialect. */
static int migration_version(const char *name, db_kind kind)
{
    size_t len = strlen(name);
    if (len < 9 || name[4] != '_' || strcmp(name + len - 4, ".sql") != 0)
        return -1;
    int64_t v;
    if (!hh_parse_int64(name, 4, &v) || v <= 0)
        return -1;
    const char *stem_end = name + len - 4;
    const char *dot = NULL;
    for (const char *p = name; p < stem_end; p++)
        if (*p == '.')
            dot = p;
    if (dot) {
        size_t dl = (size_t)(stem_end - dot - 1);
        const char *want = db_kind_name(kind);
        if (dl != strlen(want) || memcmp(dot + 1, want, dl) != 0)
            return -1;
    }
    return (int)v;
}

hh_err migrate_latest(const embed_dir *dir, db_kind kind, int *version, hh_error *e)
{
    int expect = 1;
    for (size_t i = 0; i < dir->count; i++) {
        int v = migration_version(dir->files[i].name, kind);
        if (v < 0)
            continue;
        if (v != expect)
            return hh_fail(e, HH_ERR_INTERNAL, "migrations", "%s migration %s: expected version %04d",
                           db_kind_name(kind), dir->files[i].name, expect);
        expect++;
    }
    *version = expect - 1;
    return HH_OK;
}

hh_err migrate_current(db *d, int *version, hh_error *e)
{
    hh_err rc = db_exec(d, create_version_table[db_get_kind(d)], e);
    if (rc)
        return rc;
    int64_t v = 0;
    db_stmt *st = db_prepare(d, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
    if (!st)
        return hh_fail(e, HH_ERR_DB, "db", "cannot read schema_version: %s", db_errmsg(d));
    if (db_step(st) == DB_ROW)
        v = db_col_int64(st, 0);
    db_done(st);
    *version = (int)v;
    return HH_OK;
}

static hh_err apply_one(db *d, const embed_file *f, int version, bool *applied, hh_error *e)
{
    hh_err rc = db_begin(d, e);
    if (rc)
        return rc;
    /* Serialise concurrent migrators: SQLite's BEGIN IMMEDIATE already holds
     * the write lock; PostgreSQL takes a transaction-scoped advisory lock. */
    if (db_get_kind(d) == DB_POSTGRES && (rc = db_exec(d, "SELECT pg_advisory_xact_lock(4841)", e)))
        goto fail;
    int current;
    if ((rc = migrate_current(d, &current, e)))
        goto fail;
    *applied = false;
    if (current >= version) {
        db_rollback(d);
        return HH_OK;
    }
    if (current != version - 1) {
        rc = hh_fail(e, HH_ERR_INTERNAL, "migrations", "database is at version %d, cannot apply %s", current, f->name);
        goto fail;
    }
    /* Embedded data is NUL-terminated by tools/embed.c. */
    if ((rc = db_exec(d, (const char *)f->data, e))) {
        char msg[sizeof(e->msg)];
        hh_strlcpy(msg, e ? e->msg : "", sizeof(msg));
        rc = hh_fail(e, HH_ERR_DB, "migrations", "migration %s failed: %s", f->name, msg);
        goto fail;
    }
    db_stmt *st = db_prepare(d, "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)");
    if (!st) {
        rc = hh_fail(e, HH_ERR_DB, "migrations", "cannot record migration: %s", db_errmsg(d));
        goto fail;
    }
    char ts[21];
    hh_utc_iso(ts);
    db_bind_int64(st, 1, version);
    db_bind_text(st, 2, f->name);
    db_bind_text(st, 3, ts);
    int s = db_step(st);
    db_done(st);
    if (s == DB_ERROR) {
        rc = hh_fail(e, HH_ERR_DB, "migrations", "cannot record migration: %s", db_errmsg(d));
        goto fail;
    }
    if ((rc = db_commit(d, e)))
        goto fail;
    *applied = true;
    return HH_OK;
fail:
    db_rollback(d);
    return rc;
}

hh_err migrate_run(db *d, const embed_dir *dir, int *applied, hh_error *e)
{
    int latest, current, count = 0;
    hh_err rc = migrate_latest(dir, db_get_kind(d), &latest, e);
    if (rc || (rc = migrate_current(d, &current, e)))
        return rc;
    if (current > latest)
        return hh_fail(e, HH_ERR_USAGE, "db",
                       "database schema version %d is newer than this program knows (%d); upgrade helhed", current,
                       latest);
    for (size_t i = 0; i < dir->count; i++) {
        int v = migration_version(dir->files[i].name, db_get_kind(d));
        if (v <= current)
            continue;
        bool did;
        if ((rc = apply_one(d, &dir->files[i], v, &did, e)))
            return rc;
        count += did;
    }
    if (applied)
        *applied = count;
    return HH_OK;
}
