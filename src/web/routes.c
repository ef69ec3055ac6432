/* routes.c - every route of Helhed in one table: method, pattern, the
 * minimum role and the handler. Order matters only between a literal and a
 * placeholder on the same segment (the first match wins). */
#include "web/pages.h"

const route helhed_routes[] = {
    { "GET", "/", ROLE_PUBLIC, page_home },
    { "GET", "/kommuner", ROLE_PUBLIC, page_municipalities },
    { "GET", "/kommuner.csv", ROLE_PUBLIC, page_municipalities_csv },
    { "GET", "/kommuner/{code}", ROLE_PUBLIC, page_municipality },
    { "GET", "/regioner", ROLE_PUBLIC, page_regions },
    { "GET", "/regioner/{code}", ROLE_PUBLIC, page_region },
    { "GET", "/static/{name}", ROLE_PUBLIC, page_static },
    { "GET", "/healthz", ROLE_PUBLIC, page_healthz },
    { "GET", "/api/v1/version", ROLE_PUBLIC, api_version },
    { "GET", "/api/v1/regions", ROLE_PUBLIC, api_regions },
    { "GET", "/api/v1/municipalities", ROLE_PUBLIC, api_municipalities },
    { "POST", "/api/v1/municipalities/lookup", ROLE_PUBLIC, api_municipality_lookup },
    { "GET", "/api/v1/municipalities/{code}", ROLE_PUBLIC, api_municipality },
};

const size_t helhed_nroutes = sizeof(helhed_routes) / sizeof(helhed_routes[0]);
