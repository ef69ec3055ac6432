/* db_pg.c - PostgreSQL backend on libpq.
 *
 * Parameters travel as text; results come back in text format and are
 * converted on access, which keeps both backends' column accessors alike. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "db/db_impl.h"

typedef struct pg_stmt {
    db_stmt base;
    char name[16];
    int nparams;
    char **values; /* nparams entries, owned, NULL = SQL NULL */
    int *lengths;
    PGresult *res;
    int row; /* current row, -1 before the first step */
    bool executed;
} pg_stmt;

#define PG(d) ((PGconn *)(d)->conn)
#define PS(s) ((pg_stmt *)(s))

static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static void pg_result_err(db *d, PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : NULL;
    if (!msg || !*msg)
        msg = PQerrorMessage(PG(d));
    /* Class 23: integrity constraint violation. */
    db_set_err(d, state && strncmp(state, "23", 2) == 0, "%s", msg);
}

static hh_err pg_open(db *d, const char *url, hh_error *e)
{
    const char *keys[] = { "connect_timeout", "application_name", "dbname", NULL };
    const char *vals[] = { "5", "helhed", url, NULL };
    PGconn *conn = PQconnectdbParams(keys, vals, 1);
    if (!conn || PQstatus(conn) != CONNECTION_OK) {
        char msg[400];
        hh_strlcpy(msg, conn ? PQerrorMessage(conn) : "out of memory", sizeof(msg));
        for (char *p = msg; *p; p++)
            if (*p == '\n')
                *p = ' ';
        size_t n = strlen(msg);
        while (n && msg[n - 1] == ' ')
            msg[--n] = '\0';
        PQfinish(conn);
        /* The URL may hold a password: name the problem, not the URL. */
        return hh_fail(e, HH_ERR_DB, "db", "cannot connect to PostgreSQL: %s", msg);
    }
    PQsetNoticeProcessor(conn, quiet_notice, NULL);
    d->conn = conn;
    PGresult *r = PQexec(conn, "SET client_min_messages = warning; SET TIME ZONE 'UTC'");
    PQclear(r);
    return HH_OK;
}

static void pg_close(db *d)
{
    PQfinish(PG(d));
}

static hh_err pg_exec(db *d, const char *sql, hh_error *e)
{
    PGresult *res = PQexec(PG(d), sql);
    ExecStatusType s = PQresultStatus(res);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
        pg_result_err(d, res);
        PQclear(res);
        return hh_fail(e, HH_ERR_DB, NULL, "%s", d->err);
    }
    PQclear(res);
    return HH_OK;
}

static db_stmt *pg_prepare(db *d, const char *sql)
{
    buf t;
    buf_init(&t, 0);
    int n = db_translate(sql, &t);
    pg_stmt *s = xcalloc(1, sizeof(*s));
    snprintf(s->name, sizeof(s->name), "s%u", ++d->pg_stmt_seq);
    PGresult *res = PQprepare(PG(d), s->name, buf_cstr(&t), 0, NULL);
    buf_free(&t);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        pg_result_err(d, res);
        PQclear(res);
        free(s);
        return NULL;
    }
    PQclear(res);
    s->nparams = n;
    s->values = xcalloc((size_t)(n ? n : 1), sizeof(char *));
    s->lengths = xcalloc((size_t)(n ? n : 1), sizeof(int));
    s->row = -1;
    return &s->base;
}

static void pg_clear_result(pg_stmt *s)
{
    if (s->res)
        PQclear(s->res);
    s->res = NULL;
    s->row = -1;
    s->executed = false;
}

static void pg_reset(db_stmt *st)
{
    pg_stmt *s = PS(st);
    pg_clear_result(s);
    for (int i = 0; i < s->nparams; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
    }
}

static void pg_finalize(db_stmt *st)
{
    pg_stmt *s = PS(st);
    pg_reset(st);
    char sql[40];
    snprintf(sql, sizeof(sql), "DEALLOCATE %s", s->name);
    PQclear(PQexec(PG(st->owner), sql));
    free(s->values);
    free(s->lengths);
    free(s);
}

static void pg_set(db_stmt *st, int idx, char *v, int len)
{
    pg_stmt *s = PS(st);
    if (idx < 1 || idx > s->nparams) {
        free(v);
        return;
    }
    free(s->values[idx - 1]);
    s->values[idx - 1] = v;
    s->lengths[idx - 1] = len;
}

static void pg_bind_text(db_stmt *st, int idx, const char *p, size_t n)
{
    pg_set(st, idx, xstrndup(p, n), (int)n);
}

static void pg_bind_int64(db_stmt *st, int idx, int64_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof(tmp), "%lld", (long long)v);
    pg_set(st, idx, xstrdup(tmp), n);
}

static void pg_bind_double(db_stmt *st, int idx, double v)
{
    char tmp[64];
    int n = snprintf(tmp, sizeof(tmp), "%.17g", v);
    pg_set(st, idx, xstrdup(tmp), n);
}

static void pg_bind_null(db_stmt *st, int idx)
{
    pg_set(st, idx, NULL, 0);
}

static int pg_step(db_stmt *st)
{
    pg_stmt *s = PS(st);
    if (!s->executed) {
        s->executed = true;
        s->res =
            PQexecPrepared(PG(st->owner), s->name, s->nparams, (const char *const *)s->values, s->lengths, NULL, 0);
        ExecStatusType rs = PQresultStatus(s->res);
        if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
            pg_result_err(st->owner, s->res);
            return DB_ERROR;
        }
    }
    if (PQresultStatus(s->res) != PGRES_TUPLES_OK)
        return DB_DONE;
    if (s->row + 1 >= PQntuples(s->res))
        return DB_DONE;
    s->row++;
    return DB_ROW;
}

static int pg_column_count(db_stmt *st)
{
    return PS(st)->res ? PQnfields(PS(st)->res) : 0;
}

static bool pg_col_null(db_stmt *st, int col)
{
    pg_stmt *s = PS(st);
    return !s->res || s->row < 0 || PQgetisnull(s->res, s->row, col);
}

static const char *pg_col_text(db_stmt *st, int col)
{
    pg_stmt *s = PS(st);
    if (!s->res || s->row < 0 || col >= PQnfields(s->res))
        return "";
    return PQgetvalue(s->res, s->row, col);
}

static int64_t pg_col_int64(db_stmt *st, int col)
{
    return strtoll(pg_col_text(st, col), NULL, 10);
}

static double pg_col_double(db_stmt *st, int col)
{
    return strtod(pg_col_text(st, col), NULL);
}

static int64_t pg_changes(db_stmt *st)
{
    pg_stmt *s = PS(st);
    const char *t = s->res ? PQcmdTuples(s->res) : "";
    return *t ? strtoll(t, NULL, 10) : 0;
}

const db_ops db_pg_ops = {
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .reset = pg_reset,
    .finalize = pg_finalize,
    .bind_text = pg_bind_text,
    .bind_int64 = pg_bind_int64,
    .bind_double = pg_bind_double,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .column_count = pg_column_count,
    .col_null = pg_col_null,
    .col_text = pg_col_text,
    .col_int64 = pg_col_int64,
    .col_double = pg_col_double,
    .changes = pg_changes,
};
