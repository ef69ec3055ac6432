/* routes.c - every route of Helhed in one table: method, pattern, who may
 * use it (ACCESS_PUBLIC or role bits) and the handler. Order matters only
 * between a literal and a placeholder on the same segment (first match wins).
 * Scope within a role is applied by the handlers' domain functions. */
#include "auth/roles.h"
#include "web/pages.h"

#define ANY_USER ACCESS_ANY_ROLE

const route helhed_routes[] = {
    /* Reference data: public facts. */
    { "GET", "/", ACCESS_PUBLIC, page_home },
    { "GET", "/kommuner", ACCESS_PUBLIC, page_municipalities },
    { "GET", "/kommuner.csv", ACCESS_PUBLIC, page_municipalities_csv },
    { "GET", "/kommuner/{code}", ACCESS_PUBLIC, page_municipality },
    { "GET", "/regioner", ACCESS_PUBLIC, page_regions },
    { "GET", "/regioner/{code}", ACCESS_PUBLIC, page_region },
    { "GET", "/static/{name}", ACCESS_PUBLIC, page_static },
    { "GET", "/healthz", ACCESS_PUBLIC, page_healthz },

    /* Logging in and the user's own account. */
    { "GET", "/login", ACCESS_PUBLIC, page_login },
    { "POST", "/login", ACCESS_PUBLIC, page_login_post },
    { "POST", "/logout", ANY_USER, page_logout_post },
    { "GET", "/glemt-adgangskode", ACCESS_PUBLIC, page_forgot },
    { "POST", "/glemt-adgangskode", ACCESS_PUBLIC, page_forgot_post },
    { "GET", "/konto", ANY_USER, page_account },
    { "POST", "/konto/adgangskode", ANY_USER, page_account_password },
    { "POST", "/konto/log-ud-overalt", ANY_USER, page_account_logout_all },
    { "POST", "/konto/noegler", ANY_USER, page_account_token_create },
    { "POST", "/konto/noegler/{id}/tilbagekald", ANY_USER, page_account_token_revoke },

    /* Administration. */
    { "GET", "/admin/brugere", ACCESS_ADMIN, page_admin_users },
    { "POST", "/admin/brugere", ACCESS_ADMIN, page_admin_user_create },
    { "GET", "/admin/brugere/{id}", ACCESS_ADMIN, page_admin_user },
    { "POST", "/admin/brugere/{id}/adgange", ACCESS_ADMIN, page_admin_user_grant },
    { "POST", "/admin/brugere/{id}/adgange/fjern", ACCESS_ADMIN, page_admin_user_revoke },
    { "POST", "/admin/brugere/{id}/nulstil", ACCESS_ADMIN, page_admin_user_reset },
    { "POST", "/admin/brugere/{id}/status", ACCESS_ADMIN, page_admin_user_status },
    { "GET", "/admin/noegler", ACCESS_ADMIN, page_admin_tokens },
    { "POST", "/admin/noegler/{id}/tilbagekald", ACCESS_ADMIN, page_admin_token_revoke },
    { "GET", "/admin/log", ACCESS_ADMIN, page_admin_audit },
    { "GET", "/admin/log.csv", ACCESS_ADMIN, page_admin_audit_csv },

    /* API. */
    { "GET", "/api/v1/version", ACCESS_PUBLIC, api_version },
    { "GET", "/api/v1/regions", ACCESS_PUBLIC, api_regions },
    { "GET", "/api/v1/municipalities", ACCESS_PUBLIC, api_municipalities },
    { "POST", "/api/v1/municipalities/lookup", ACCESS_PUBLIC, api_municipality_lookup },
    { "GET", "/api/v1/municipalities/{code}", ACCESS_PUBLIC, api_municipality },
    { "POST", "/api/v1/login", ACCESS_PUBLIC, api_login },
    { "POST", "/api/v1/logout", ANY_USER, api_logout },
    { "GET", "/api/v1/me", ANY_USER, api_me },
    { "GET", "/api/v1/audit", ACCESS_ADMIN, api_audit },
};

const size_t helhed_nroutes = sizeof(helhed_routes) / sizeof(helhed_routes[0]);
