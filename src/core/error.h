/* error.h - errors are values (curl's CURLcode, SQLite's SQLITE_OK).
 *
 * Functions return hh_err and, where the caller needs to tell a person what
 * went wrong, fill an hh_error with a message (and the field it concerns). */
#ifndef HELHED_ERROR_H
#define HELHED_ERROR_H

typedef enum hh_err {
    HH_OK = 0,
    HH_ERR_USAGE,     /* bad command line or configuration */
    HH_ERR_INPUT,     /* bad data from a user: file, form, JSON */
    HH_ERR_NOTFOUND,  /* object does not exist (or is outside the scope) */
    HH_ERR_CONFLICT,  /* unique or state conflict */
    HH_ERR_DB,        /* database failure */
    HH_ERR_IO,        /* file or network failure */
    HH_ERR_INTERNAL,  /* a bug */
    HH_ERR_FORBIDDEN, /* visible, but the user may not do this (HTTP 403) */
} hh_err;

typedef struct hh_error {
    hh_err code;
    char field[64];
    char rule[48]; /* code of the domain rule that was broken, "" when none */
    char msg[512];
} hh_error;

/* Sets e (if not NULL) and returns code, so `return hh_fail(e, ...)` reads well. */
hh_err hh_fail(hh_error *e, hh_err code, const char *field, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same, naming the broken domain rule (e->rule). */
hh_err hh_fail_rule(hh_error *e, hh_err code, const char *rule, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void hh_error_clear(hh_error *e);

#endif
