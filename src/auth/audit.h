/* audit.h - the append-only audit log, chained with BLAKE2b.
 *
 * Each row stores hash = BLAKE2b(prev_hash || canonical row), where the
 * canonical row is every field length-prefixed in a fixed order, so that
 * editing, deleting or reordering any row breaks the chain from there on.
 * SQLite triggers and PostgreSQL triggers and privileges refuse UPDATE and
 * DELETE; `helhed audit verify` finds what was changed anyway. */
#ifndef HELHED_AUDIT_H
#define HELHED_AUDIT_H

#include <stdint.h>

#include "auth/roles.h"

typedef struct audit_event {
    const principal *who; /* NULL: anonymous or system */
    const char *email;    /* when who is NULL: the attempted or affected account, or "" */
    const char *action;   /* login, logout, grant, revoke, token_create, export, read_personal ... */
    const char *object_type;
    const char *object_id;
    const char *scope;
    const char *client;
    const char *outcome; /* success, failure, denied ... */
} audit_event;

/* Appends one row (inside the caller's transaction if one is open,
 * otherwise in its own). */
hh_err audit_append(db *d, const audit_event *ev, hh_error *e);

typedef struct audit_row {
    int64_t id;
    const char *at, *user_email, *role, *action, *object_type, *object_id, *scope, *client, *outcome;
} audit_row;

typedef struct audit_filter {
    const char *user; /* email, exact */
    const char *action;
    const char *object; /* object type, or TYPE:ID */
    const char *from;   /* ISO date or time, inclusive */
    const char *to;     /* ISO date or time, inclusive (a date means the whole day) */
    int64_t before_id;  /* paging: rows with id < before_id (0 = newest) */
    int limit;          /* 0 = no limit */
} audit_filter;

/* Newest first. */
hh_err audit_query(db *d, arena *a, const audit_filter *f, audit_row **out, size_t *n, hh_error *e);

/* Recomputes the chain. Returns HH_OK with *rows checked, or HH_ERR_CONFLICT
 * with *bad_id the first broken row and a message naming it and why. */
hh_err audit_verify(db *d, int64_t *rows, int64_t *bad_id, hh_error *e);

#endif
