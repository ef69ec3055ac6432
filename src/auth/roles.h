/* roles.h - roles, scopes, grants and the principal a request acts as.
 *
 * A user holds grants; a grant is a role with a scope value ("" for roles
 * without scope). Routes name the roles that may use them (ACCESS_* bits);
 * domain functions then limit every query to the principal's scope. Data
 * outside the scope does not exist for the user: 404, never 403. */
#ifndef HELHED_ROLES_H
#define HELHED_ROLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"

typedef enum role_id {
    ROLE_ADMIN,
    ROLE_NATIONAL,
    ROLE_MUNICIPALITY,
    ROLE_ORGANISATION,
    ROLE_PLAN_STAFF,
    ROLE_CARETAKER,
    ROLE_VIEWER,
    ROLE_COUNT
} role_id;

typedef enum scope_kind {
    SCOPE_NONE,
    SCOPE_MUNICIPALITY, /* 4-digit municipality code */
    SCOPE_ORGANISATION, /* organisation number */
    SCOPE_PLAN,         /* plan id */
    SCOPE_DEPARTMENT,   /* ORGNO-DEPARTMENTNO */
    SCOPE_AREA_OWNER,   /* viewer: municipality=CODE or organisation=ORGNO */
} scope_kind;

typedef struct role_def {
    const char *code;  /* as in grants, the CLI and the API */
    const char *label; /* Danish, for pages */
    scope_kind scope;
} role_def;

extern const role_def role_defs[ROLE_COUNT];

/* Route access bits: a route may be used by the roles whose bit is set. */
#define ROLE_BIT(r) (1u << (r))
#define ACCESS_PUBLIC 0x80000000u /* no login needed */
#define ACCESS_ANY_ROLE ((1u << ROLE_COUNT) - 1u)
#define ACCESS_ADMIN ROLE_BIT(ROLE_ADMIN)

/* Role by code; ROLE_COUNT when unknown. */
role_id role_by_code(const char *code);

typedef struct grant {
    role_id role;
    const char *scope; /* "" when the role has none */
} grant;

typedef enum auth_via { AUTH_NONE, AUTH_SESSION, AUTH_TOKEN } auth_via;

typedef struct principal {
    int64_t user_id;
    const char *email;
    const char *name;
    grant *grants;
    size_t ngrants;
    unsigned roles; /* ROLE_BIT of every role held */
    auth_via via;
    const char *csrf; /* the session's CSRF token (sessions only) */
    int64_t token_id; /* tokens only */
    bool must_change_password;
} principal;

bool principal_has_role(const principal *p, role_id r);
/* True when p holds role r with exactly this scope value. */
bool principal_has_scope(const principal *p, role_id r, const char *scope);
/* The role a request acted as, for the audit log: the highest held role. */
const char *principal_role_label(const principal *p);

/* Parses "ROLE[:SCOPE,…]" into grants (allocated from a). Scope values are
 * checked for form, and municipality codes against the database. Messages
 * say what was expected. */
hh_err grant_parse(db *d, arena *a, const char *spec, grant **out, size_t *n, hh_error *e);
/* "municipality:0101" etc., for messages and listings. */
const char *grant_format(arena *a, const grant *g);

#endif
