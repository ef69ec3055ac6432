/* openapi.h - the documentation of every /api/ route, from which
 * GET /api/v1/openapi.json is generated (OpenAPI 3.1).
 *
 * One entry per (method, pattern) of the route table; tests/unit/
 * test_openapi.c fails when a route of routes.c has no entry or an entry no
 * route, so an undocumented route cannot be added. Schemas are named from
 * the components embedded from the JSON files of src/web/openapi/. */
#ifndef HELHED_OPENAPI_H
#define HELHED_OPENAPI_H

#include <stddef.h>

typedef struct api_doc {
    const char *method, *pattern;
    const char *tag;
    const char *summary;
    const char *query;    /* query parameters, comma-separated names of openapi_params; NULL: none */
    const char *request;  /* request body schema; "@upload" for a file; NULL: none */
    int status;           /* status of success */
    const char *response; /* response schema; NULL: no body (204) */
} api_doc;

extern const api_doc openapi_docs[];
extern const size_t openapi_ndocs;

/* Path and query parameters the documents name. */
typedef struct api_param {
    const char *name;
    const char *type; /* "string", "integer", "boolean" */
    const char *description;
} api_param;

extern const api_param openapi_params[];
extern const size_t openapi_nparams;

/* The documentation of method and pattern, or NULL. */
const api_doc *openapi_find(const char *method, const char *pattern);
/* The parameter by name, or NULL. */
const api_param *openapi_param(const char *name, size_t n);

/* The components: components.json with the schemas of the other parts of
 * src/web/openapi/ (activities.json, …) merged in; NULL when a part does not
 * parse or names a schema twice. The caller owns it (json_decref). */
struct json_t *openapi_components(void);

/* The whole document as JSON (malloc'd; the caller frees), or NULL when the
 * embedded components do not parse. */
char *openapi_document(void);

#endif
