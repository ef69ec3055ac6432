/* router.h - matching a request against the const route table.
 *
 * Patterns are literal segments and `{name}` placeholders that match one
 * non-empty segment: "/api/v1/municipalities/{code}". A single trailing '/'
 * in the path is ignored. Pure and allocation-free, so it is fuzzed. */
#ifndef HELHED_ROUTER_H
#define HELHED_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/str.h"

#define ROUTE_MAX_PARAMS 8

struct http_req;
typedef void (*route_handler)(struct http_req *req);

/* Minimum role a route requires. The accounts issue adds the real roles;
 * every route must name one, and the route-table test checks that. */
typedef enum route_role {
    ROLE_UNSET = 0, /* never valid in the table: the test fails on it */
    ROLE_PUBLIC,
} route_role;

typedef struct route {
    const char *method; /* "GET", "POST", ... (GET also answers HEAD) */
    const char *pattern;
    route_role role;
    route_handler handler;
} route;

typedef struct route_param {
    str name;
    str value;
} route_param;

typedef struct route_match {
    const route *route; /* NULL when nothing matched */
    bool path_matched;  /* some route had this path but another method */
    int nparams;
    route_param params[ROUTE_MAX_PARAMS];
} route_match;

/* Returns true and fills m when a route matches method and path. */
bool router_match(const route *table, size_t n, str method, str path, route_match *m);

/* Checks a pattern's syntax: starts with '/', placeholders are well formed
 * and at most ROUTE_MAX_PARAMS. Used by the route-table test. */
bool router_pattern_valid(const char *pattern);

#endif
