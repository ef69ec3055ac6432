/* users.h - accounts and their grants. */
#ifndef HELHED_USERS_H
#define HELHED_USERS_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/roles.h"

typedef struct user {
    int64_t id;
    const char *email;
    const char *name;
    bool active;
    bool must_change_password;
    int64_t created_at;
    int64_t last_login_at; /* 0 = never */
} user;

/* Trims and lower-cases an email address and checks its form. */
hh_err users_normalize_email(arena *a, const char *in, const char **out, hh_error *e);
/* Creates a user; the password must pass password_policy(). */
hh_err users_add(db *d, arena *a, const char *email, const char *name, const char *password, bool must_change,
                 int64_t *id, hh_error *e);
/* HH_ERR_NOTFOUND when no account has this email. hash may be NULL. */
hh_err users_find(db *d, arena *a, const char *email, user *out, const char **hash, hh_error *e);
hh_err users_get(db *d, arena *a, int64_t id, user *out, hh_error *e);
hh_err users_list(db *d, arena *a, user **out, size_t *n, hh_error *e);
hh_err users_set_password(db *d, int64_t id, const char *password, bool must_change, hh_error *e);
hh_err users_set_active(db *d, int64_t id, bool active, hh_error *e);
hh_err users_touch_login(db *d, int64_t id, hh_error *e);
hh_err users_grants(db *d, arena *a, int64_t id, grant **out, size_t *n, hh_error *e);
hh_err users_grant(db *d, int64_t id, const grant *g, size_t n, hh_error *e);
/* *removed receives how many of the grants existed. */
hh_err users_revoke(db *d, int64_t id, const grant *g, size_t n, int64_t *removed, hh_error *e);
/* Fills p (user, grants, role bits) for an active user; NOTFOUND otherwise. */
hh_err users_principal(db *d, arena *a, int64_t id, principal *p, hh_error *e);

#endif
