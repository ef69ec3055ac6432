/* db.h - one database interface over SQLite (default) and PostgreSQL.
 *
 * SQL is written once with `?` placeholders in the subset both engines share
 * (CTEs, window functions, ON CONFLICT, RETURNING); db_translate() rewrites
 * placeholders to $1.. for PostgreSQL. Prepared statements are cached per
 * connection, keyed by their SQL text, so hot queries are prepared once.
 *
 * A connection is used by one thread at a time: the server keeps one per
 * worker thread (server.c). */
#ifndef HELHED_DB_H
#define HELHED_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"

typedef enum db_kind { DB_SQLITE, DB_POSTGRES } db_kind;

typedef struct db db;
typedef struct db_stmt db_stmt;

/* db_step results */
enum { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1 };

/* Parses a database URL: "sqlite:PATH" or "postgres://..."/"postgresql://...".
 * Returns HH_ERR_USAGE with a message for anything else. */
hh_err db_url_kind(const char *url, db_kind *kind, hh_error *e);

/* Opens a connection. On failure returns HH_ERR_USAGE (bad URL) or HH_ERR_DB
 * (cannot connect) with a one-line message in e. Close with db_close(). */
hh_err db_open(const char *url, db **out, hh_error *e);
void db_close(db *d);
db_kind db_get_kind(const db *d);
const char *db_kind_name(db_kind k);
/* Last error message of this connection (valid until the next call). */
const char *db_errmsg(db *d);
/* SQLSTATE-like class of the last error: true when it was a unique/foreign-key
 * constraint violation. */
bool db_last_was_constraint(db *d);

/* Fills e with "cannot WHAT: <the connection's last error>" and returns
 * HH_ERR_DB: the one way domain code reports a database failure. */
hh_err db_fail(db *d, hh_error *e, const char *what);

/* Runs one or more statements without parameters (migrations, DDL). */
hh_err db_exec(db *d, const char *sql, hh_error *e);

/* Returns a cached prepared statement for sql, or NULL on error (see db_errmsg).
 * Release with db_done(), which resets it for the next use. Parameters and
 * columns are numbered from 1 and 0 respectively. */
db_stmt *db_prepare(db *d, const char *sql);
void db_done(db_stmt *st);

void db_bind_text(db_stmt *st, int idx, const char *s);
void db_bind_textn(db_stmt *st, int idx, const char *s, size_t n);
void db_bind_int64(db_stmt *st, int idx, int64_t v);
void db_bind_double(db_stmt *st, int idx, double v);
void db_bind_null(db_stmt *st, int idx);

/* Executes (on first call) and advances: DB_ROW, DB_DONE or DB_ERROR. */
int db_step(db_stmt *st);
int db_column_count(db_stmt *st);
bool db_col_null(db_stmt *st, int col);
/* Text of a column; "" for NULL. Valid until the next db_step/db_done. */
const char *db_col_text(db_stmt *st, int col);
int64_t db_col_int64(db_stmt *st, int col);
double db_col_double(db_stmt *st, int col);
/* Rows changed by the last INSERT/UPDATE/DELETE run through st. */
int64_t db_changes(db_stmt *st);

/* Reads one row into elem; returns false to skip the row. */
typedef bool (*db_row_fn)(db_stmt *st, arena *a, void *elem);
/* Steps st to the end, reading each row with read into an array of
 * elem_size-byte elements grown in a; releases st (db_done). Returns DB_DONE
 * or DB_ERROR (see db_errmsg). */
int db_collect(db_stmt *st, arena *a, size_t elem_size, db_row_fn read, void **out, size_t *n);

hh_err db_begin(db *d, hh_error *e);
hh_err db_commit(db *d, hh_error *e);
void db_rollback(db *d);
/* True between db_begin() and db_commit()/db_rollback(). */
bool db_in_transaction(const db *d);

/* Runs a single-value query "SELECT ..." with no parameters; returns false if
 * it produced no row or failed. */
bool db_query_int64(db *d, const char *sql, int64_t *out);

/* Rewrites `?` placeholders to `$1`, `$2`, ... leaving string literals,
 * quoted identifiers and comments untouched. Returns the number of
 * placeholders, or -1 if the output did not fit. Exposed for tests. */
int db_translate(const char *sql, buf *out);

#endif
