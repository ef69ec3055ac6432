#include "cm.h"

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <string.h>

#include "auth/roles.h"
#include "http/router.h"
#include "web/pages.h"

static void h(struct http_req *r)
{
    (void)r;
}

static const route table[] = {
    { "GET", "/", ACCESS_PUBLIC, h },
    { "GET", "/kommuner", ACCESS_PUBLIC, h },
    { "GET", "/kommuner/{code}", ACCESS_PUBLIC, h },
    { "POST", "/api/v1/things/lookup", ACCESS_PUBLIC, h },
    { "GET", "/api/v1/things/{id}", ACCESS_PUBLIC, h },
    { "GET", "/a/{x}/b/{y}", ACCESS_PUBLIC, h },
};
#define N (sizeof(table) / sizeof(table[0]))

static const route *m(const char *method, const char *path, route_match *out)
{
    return router_match(table, N, str_c(method), str_c(path), out) ? out->route : NULL;
}

static void test_literals(void **state)
{
    route_match r;
    assert_ptr_equal(m("GET", "/", &r), &table[0]);
    assert_ptr_equal(m("GET", "/kommuner", &r), &table[1]);
    assert_ptr_equal(m("GET", "/kommuner/", &r), &table[1]); /* one trailing slash ignored */
    assert_null(m("GET", "/kommuner//", &r));
    assert_null(m("GET", "/kommunerx", &r));
    assert_null(m("GET", "", &r));
}

static void test_params(void **state)
{
    route_match r;
    assert_ptr_equal(m("GET", "/kommuner/0101", &r), &table[2]);
    assert_int_equal(r.nparams, 1);
    assert_true(str_eq_c(r.params[0].name, "code"));
    assert_true(str_eq_c(r.params[0].value, "0101"));
    assert_null(m("GET", "/kommuner/0101/x", &r));
    assert_ptr_equal(m("GET", "/a/1/b/22", &r), &table[5]);
    assert_int_equal(r.nparams, 2);
    assert_true(str_eq_c(r.params[1].value, "22"));
    assert_null(m("GET", "/a//b/22", &r)); /* empty segment never matches */
}

static void test_methods(void **state)
{
    route_match r;
    assert_ptr_equal(m("HEAD", "/kommuner", &r), &table[1]); /* HEAD answers as GET */
    assert_null(m("DELETE", "/kommuner", &r));
    assert_true(r.path_matched); /* → 405, not 404 */
    assert_null(m("GET", "/nope", &r));
    assert_false(r.path_matched);
    /* A literal before a placeholder on the same segment wins by order. */
    assert_ptr_equal(m("POST", "/api/v1/things/lookup", &r), &table[3]);
    assert_ptr_equal(m("GET", "/api/v1/things/lookup", &r), &table[4]);
}

static void test_pattern_valid(void **state)
{
    assert_true(router_pattern_valid("/"));
    assert_true(router_pattern_valid("/a/{b}/c"));
    assert_false(router_pattern_valid("a"));
    assert_false(router_pattern_valid("/a{b}"));
    assert_false(router_pattern_valid("/{}"));
    assert_false(router_pattern_valid("/{a"));
    assert_false(router_pattern_valid("/{a}b"));
    assert_false(router_pattern_valid("/a}"));
    assert_false(router_pattern_valid(NULL));
}

/* The real table: every route names a role and a valid pattern, and no
 * route is shadowed by an earlier one (each is reachable). */
static void test_route_table(void **state)
{
    for (size_t i = 0; i < helhed_nroutes; i++) {
        const route *rt = &helhed_routes[i];
        if (rt->access == 0)
            fail_msg("route %s %s names no role", rt->method, rt->pattern);
        if ((rt->access & ACCESS_PUBLIC) && (rt->access & ACCESS_ANY_ROLE))
            fail_msg("route %s %s is public and names roles: pick one", rt->method, rt->pattern);
        if (!router_pattern_valid(rt->pattern))
            fail_msg("route %s %s has an invalid pattern", rt->method, rt->pattern);
        assert_non_null(rt->handler);
        /* Build a concrete path from the pattern and check it reaches this route. */
        char path[256];
        size_t o = 0;
        for (const char *p = rt->pattern; *p && o < sizeof(path) - 8; p++) {
            if (*p == '{') {
                memcpy(path + o, "zz9", 3);
                o += 3;
                p = strchr(p, '}');
            } else {
                path[o++] = *p;
            }
        }
        path[o] = '\0';
        route_match r;
        assert_true(router_match(helhed_routes, helhed_nroutes, str_c(rt->method), str_c(path), &r));
        if (r.route != rt)
            fail_msg("route %s %s is shadowed by %s", rt->method, rt->pattern, r.route->pattern);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literals),      cmocka_unit_test(test_params),      cmocka_unit_test(test_methods),
        cmocka_unit_test(test_pattern_valid), cmocka_unit_test(test_route_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
