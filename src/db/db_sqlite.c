/* db_sqlite.c - SQLite backend: WAL, foreign keys, busy timeout, STRICT tables
 * (the migrations declare them). */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "db/db_impl.h"

typedef struct sq_stmt {
    db_stmt base;
    sqlite3_stmt *st;
} sq_stmt;

#define SQ(d) ((sqlite3 *)(d)->conn)

static void sq_err(db *d)
{
    int ext = sqlite3_extended_errcode(SQ(d));
    db_set_err(d, (ext & 0xff) == SQLITE_CONSTRAINT, "%s", sqlite3_errmsg(SQ(d)));
}

static hh_err sq_exec(db *d, const char *sql, hh_error *e)
{
    char *msg = NULL;
    if (sqlite3_exec(SQ(d), sql, NULL, NULL, &msg) != SQLITE_OK) {
        int ext = sqlite3_extended_errcode(SQ(d));
        db_set_err(d, (ext & 0xff) == SQLITE_CONSTRAINT, "%s", msg ? msg : sqlite3_errmsg(SQ(d)));
        sqlite3_free(msg);
        return hh_fail(e, HH_ERR_DB, NULL, "%s", d->err);
    }
    return HH_OK;
}

static hh_err sq_open(db *d, const char *path, hh_error *e)
{
    sqlite3 *conn = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &conn, flags, NULL) != SQLITE_OK) {
        hh_fail(e, HH_ERR_DB, "db", "cannot open SQLite database '%s': %s", path,
                conn ? sqlite3_errmsg(conn) : "out of memory");
        sqlite3_close(conn);
        return HH_ERR_DB;
    }
    d->conn = conn;
    sqlite3_busy_timeout(conn, 5000);
    sqlite3_extended_result_codes(conn, 1);
    /* journal_mode=WAL is persistent in the file; the rest is per connection.
     * synchronous=NORMAL is durable in WAL mode except against power loss
     * of the last transactions, which is the documented WAL trade-off. */
    hh_err rc = sq_exec(d,
                        "PRAGMA journal_mode=WAL;"
                        "PRAGMA synchronous=NORMAL;"
                        "PRAGMA foreign_keys=ON;"
                        "PRAGMA temp_store=MEMORY;",
                        NULL);
    if (rc) {
        hh_fail(e, HH_ERR_DB, "db", "cannot use SQLite database '%s': %s", path, d->err);
        sqlite3_close(conn);
        return HH_ERR_DB;
    }
    return HH_OK;
}

static void sq_close(db *d)
{
    sqlite3_close(SQ(d));
}

static db_stmt *sq_prepare(db *d, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(SQ(d), sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        sq_err(d);
        return NULL;
    }
    sq_stmt *s = xcalloc(1, sizeof(*s));
    s->st = st;
    return &s->base;
}

#define ST(s) (((sq_stmt *)(s))->st)

static void sq_reset(db_stmt *s)
{
    sqlite3_reset(ST(s));
    sqlite3_clear_bindings(ST(s));
}

static void sq_finalize(db_stmt *s)
{
    sqlite3_finalize(ST(s));
    free(s);
}

static void sq_bind_text(db_stmt *s, int idx, const char *p, size_t n)
{
    sqlite3_bind_text(ST(s), idx, p, (int)n, SQLITE_TRANSIENT);
}

static void sq_bind_int64(db_stmt *s, int idx, int64_t v)
{
    sqlite3_bind_int64(ST(s), idx, v);
}

static void sq_bind_double(db_stmt *s, int idx, double v)
{
    sqlite3_bind_double(ST(s), idx, v);
}

static void sq_bind_null(db_stmt *s, int idx)
{
    sqlite3_bind_null(ST(s), idx);
}

static int sq_step(db_stmt *s)
{
    int rc = sqlite3_step(ST(s));
    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    sq_err(s->owner);
    return DB_ERROR;
}

static int sq_column_count(db_stmt *s)
{
    return sqlite3_column_count(ST(s));
}

static bool sq_col_null(db_stmt *s, int col)
{
    return sqlite3_column_type(ST(s), col) == SQLITE_NULL;
}

static const char *sq_col_text(db_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(ST(s), col);
    return t ? (const char *)t : "";
}

static int64_t sq_col_int64(db_stmt *s, int col)
{
    return sqlite3_column_int64(ST(s), col);
}

static double sq_col_double(db_stmt *s, int col)
{
    return sqlite3_column_double(ST(s), col);
}

static int64_t sq_changes(db_stmt *s)
{
    return sqlite3_changes64(SQ(s->owner));
}

const db_ops db_sqlite_ops = {
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .reset = sq_reset,
    .finalize = sq_finalize,
    .bind_text = sq_bind_text,
    .bind_int64 = sq_bind_int64,
    .bind_double = sq_bind_double,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .column_count = sq_column_count,
    .col_null = sq_col_null,
    .col_text = sq_col_text,
    .col_int64 = sq_col_int64,
    .col_double = sq_col_double,
    .changes = sq_changes,
};
