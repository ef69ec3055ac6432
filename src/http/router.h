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

/* Who may use a route: ACCESS_PUBLIC, or the bits of the roles allowed
 * (auth/roles.h). 0 is never valid; the route-table test fails on it, so a
 * route cannot be added without deciding who may use it. */
typedef struct route {
    const char *method; /* "GET", "POST", ... (GET also answers HEAD) */
    const char *pattern;
    unsigned access;
    route_handler handler;
    size_t max_body; /* bytes of request body; 0 = the server's limit */
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
