/* The OpenAPI document covers the route table exactly: every /api/ route has
 * documentation and every documentation entry a route; parameters and
 * schemas it names exist; the generated document parses and lists every
 * route under paths. */
#include "cm.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "core/embed.h"
#include "web/openapi.h"
#include "web/pages.h"

static bool is_api(const char *pattern)
{
    return strncmp(pattern, "/api/", 5) == 0;
}

static void test_every_route_documented(void **state)
{
    (void)state;
    int missing = 0;
    for (size_t i = 0; i < helhed_nroutes; i++) {
        const route *rt = &helhed_routes[i];
        if (is_api(rt->pattern) && !openapi_find(rt->method, rt->pattern)) {
            print_error("undocumented route: %s %s (add it to openapi_docs in src/web/openapi.c)\n", rt->method,
                        rt->pattern);
            missing++;
        }
    }
    assert_int_equal(missing, 0);
}

static void test_every_doc_routed(void **state)
{
    (void)state;
    int stale = 0;
    for (size_t i = 0; i < openapi_ndocs; i++) {
        const api_doc *d = &openapi_docs[i];
        bool found = false;
        for (size_t k = 0; k < helhed_nroutes && !found; k++)
            found =
                strcmp(helhed_routes[k].method, d->method) == 0 && strcmp(helhed_routes[k].pattern, d->pattern) == 0;
        if (!found) {
            print_error("documented but not routed: %s %s\n", d->method, d->pattern);
            stale++;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(openapi_docs[k].method, d->method) == 0 && strcmp(openapi_docs[k].pattern, d->pattern) == 0)
                fail_msg("documented twice: %s %s", d->method, d->pattern);
    }
    assert_int_equal(stale, 0);
}

static void test_names_exist(void **state)
{
    (void)state;
    json_t *c = openapi_components();
    if (!c)
        fail_msg("the parts of src/web/openapi/ do not parse or name a schema twice");
    json_t *schemas = json_object_get(c, "schemas");
    assert_non_null(schemas);
    for (size_t i = 0; i < openapi_ndocs; i++) {
        const api_doc *d = &openapi_docs[i];
        if (d->request && d->request[0] != '@' && !json_object_get(schemas, d->request))
            fail_msg("%s %s: no schema %s", d->method, d->pattern, d->request);
        if (d->response && !json_object_get(schemas, d->response))
            fail_msg("%s %s: no schema %s", d->method, d->pattern, d->response);
        if ((d->response == NULL) != (d->status == 204))
            fail_msg("%s %s: 204 and only 204 has no body", d->method, d->pattern);
        for (const char *s = strchr(d->pattern, '{'); s; s = strchr(s + 1, '{')) {
            const char *e = strchr(s, '}');
            if (!openapi_param(s + 1, (size_t)(e - s - 1)))
                fail_msg("%s %s: undocumented path parameter", d->method, d->pattern);
        }
        for (const char *s = d->query; s && *s;) {
            const char *e = strchr(s, ',');
            size_t n = e ? (size_t)(e - s) : strlen(s);
            if (!openapi_param(s, n))
                fail_msg("%s %s: undocumented query parameter %.*s", d->method, d->pattern, (int)n, s);
            s = e ? e + 1 : s + n;
        }
    }
    /* Every $ref points at a schema. */
    char *text = json_dumps(c, 0);
    for (const char *p = strstr(text, "#/components/schemas/"); p; p = strstr(p + 1, "#/components/schemas/")) {
        const char *name = p + strlen("#/components/schemas/");
        size_t n = strcspn(name, "\"");
        char nm[80];
        snprintf(nm, sizeof nm, "%.*s", (int)n, name);
        if (!json_object_get(schemas, nm))
            fail_msg("dangling $ref to %s", nm);
    }
    free(text);
    json_decref(c);
}

static void test_document(void **state)
{
    (void)state;
    char *text = openapi_document();
    assert_non_null(text);
    json_error_t err;
    json_t *doc = json_loads(text, 0, &err);
    free(text);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
    json_t *paths = json_object_get(doc, "paths");
    size_t ops = 0;
    for (size_t i = 0; i < helhed_nroutes; i++) {
        const route *rt = &helhed_routes[i];
        if (!is_api(rt->pattern))
            continue;
        char method[16];
        size_t k = 0;
        for (; rt->method[k] && k + 1 < sizeof method; k++)
            method[k] = (char)(rt->method[k] + ('a' - 'A'));
        method[k] = '\0';
        json_t *op = json_object_get(json_object_get(paths, rt->pattern), method);
        if (!op)
            fail_msg("%s %s missing from paths", rt->method, rt->pattern);
        /* Public routes say so; the rest name the roles of routes.c. */
        if (rt->access & ACCESS_PUBLIC)
            assert_int_equal(json_array_size(json_object_get(op, "security")), 0);
        else
            assert_true(json_array_size(json_object_get(op, "x-roles")) > 0);
        ops++;
    }
    /* Operation ids are unique. */
    json_t *ids = json_object();
    const char *p_;
    json_t *item_;
    json_object_foreach (paths, p_, item_) {
        const char *m_;
        json_t *op_;
        json_object_foreach (item_, m_, op_) {
            const char *id = json_string_value(json_object_get(op_, "operationId"));
            assert_non_null(id);
            if (json_object_get(ids, id))
                fail_msg("operationId %s twice", id);
            json_object_set_new(ids, id, json_true());
        }
    }
    json_decref(ids);
    /* Operations answering two success statuses document both. */
    json_t *sel = json_object_get(
        json_object_get(json_object_get(paths, "/api/v1/dialogues/{dialogue}/selection/{department}"), "put"),
        "responses");
    assert_non_null(json_object_get(sel, "200"));
    assert_non_null(json_object_get(sel, "201"));
    json_t *open_ = json_object_get(json_object_get(json_object_get(paths, "/api/v1/dialogues"), "post"), "responses");
    assert_non_null(json_object_get(open_, "200"));
    assert_non_null(json_object_get(open_, "201"));
    size_t counted = 0;
    const char *path;
    json_t *item;
    json_object_foreach (paths, path, item)
        counted += json_object_size(item);
    assert_int_equal(counted, ops);
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_documented),
        cmocka_unit_test(test_every_doc_routed),
        cmocka_unit_test(test_names_exist),
        cmocka_unit_test(test_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
