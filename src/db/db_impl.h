/* db_impl.h - the backend interface behind db.h (private to src/db). */
#ifndef HELHED_DB_IMPL_H
#define HELHED_DB_IMPL_H

#include "db/db.h"

typedef struct db_ops {
    hh_err (*open)(db *d, const char *target, hh_error *e);
    void (*close)(db *d);
    hh_err (*exec)(db *d, const char *sql, hh_error *e);
    db_stmt *(*prepare)(db *d, const char *sql);
    void (*reset)(db_stmt *st);
    void (*finalize)(db_stmt *st);
    void (*bind_text)(db_stmt *st, int idx, const char *s, size_t n);
    void (*bind_int64)(db_stmt *st, int idx, int64_t v);
    void (*bind_double)(db_stmt *st, int idx, double v);
    void (*bind_null)(db_stmt *st, int idx);
    int (*step)(db_stmt *st);
    int (*column_count)(db_stmt *st);
    bool (*col_null)(db_stmt *st, int col);
    const char *(*col_text)(db_stmt *st, int col);
    int64_t (*col_int64)(db_stmt *st, int col);
    double (*col_double)(db_stmt *st, int col);
    int64_t (*changes)(db_stmt *st);
} db_ops;

#define DB_STMT_CACHE 256

/* Common head of every backend statement. */
struct db_stmt {
    db *owner;
    char *sql; /* cache key, owned */
    uint64_t hash;
};

struct db {
    db_kind kind;
    const db_ops *ops;
    void *conn; /* sqlite3* or PGconn* */
    char err[512];
    bool constraint; /* last error was a constraint violation */
    db_stmt *cache[DB_STMT_CACHE];
    unsigned pg_stmt_seq; /* names for PostgreSQL prepared statements */
    bool in_tx;           /* between db_begin and db_commit/db_rollback */
};

extern const db_ops db_sqlite_ops;
extern const db_ops db_pg_ops;

void db_set_err(db *d, bool constraint, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
