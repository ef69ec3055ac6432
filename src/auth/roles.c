#include "auth/roles.h"

#include <string.h>

#include "core/str.h"
#include "domain/geo.h"

const role_def role_defs[ROLE_COUNT] = {
    [ROLE_ADMIN] = { "admin", "Administrator", SCOPE_NONE },
    [ROLE_NATIONAL] = { "national", "National analytiker", SCOPE_NONE },
    [ROLE_MUNICIPALITY] = { "municipality", "Kommune", SCOPE_MUNICIPALITY },
    [ROLE_ORGANISATION] = { "organisation", "Boligorganisation", SCOPE_ORGANISATION },
    [ROLE_PLAN_STAFF] = { "plan_staff", "Helhedsplanmedarbejder", SCOPE_PLAN },
    [ROLE_CARETAKER] = { "caretaker", "Ejendomsfunktionær", SCOPE_DEPARTMENT },
    [ROLE_VIEWER] = { "viewer", "Læser (kun samlede tal)", SCOPE_AREA_OWNER },
};

role_id role_by_code(const char *code)
{
    for (int r = 0; r < ROLE_COUNT; r++)
        if (strcmp(role_defs[r].code, code) == 0)
            return (role_id)r;
    return ROLE_COUNT;
}

bool principal_has_role(const principal *p, role_id r)
{
    return p && (p->roles & ROLE_BIT(r));
}

bool principal_has_scope(const principal *p, role_id r, const char *scope)
{
    if (!p)
        return false;
    for (size_t i = 0; i < p->ngrants; i++)
        if (p->grants[i].role == r && strcmp(p->grants[i].scope, scope) == 0)
            return true;
    return false;
}

const char *principal_role_label(const principal *p)
{
    if (!p || !p->roles)
        return "";
    for (int r = 0; r < ROLE_COUNT; r++)
        if (p->roles & ROLE_BIT(r))
            return role_defs[r].code;
    return "";
}

static bool positive_int(const char *s)
{
    int64_t v;
    return s[0] != '0' && hh_parse_int64(s, strlen(s), &v) && v > 0;
}

static bool org_no(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= 8 && hh_is_digits(s, n);
}

/* Checks one scope value for the role's kind; returns a message or NULL. */
static const char *check_scope(db *d, arena *a, scope_kind kind, const char *v)
{
    switch (kind) {
    case SCOPE_NONE: return "this role takes no scope";
    case SCOPE_MUNICIPALITY: {
        geo_municipality m;
        if (!geo_code_valid(v))
            return "expected a 4-digit municipality code such as 0101";
        if (d && geo_municipality_get(d, a, v, &m, NULL) != HH_OK)
            return "no municipality has this code";
        return NULL;
    }
    case SCOPE_ORGANISATION: return org_no(v) ? NULL : "expected an organisation number (1-8 digits)";
    case SCOPE_PLAN: return positive_int(v) ? NULL : "expected a plan id (a positive integer)";
    case SCOPE_DEPARTMENT: {
        const char *dash = strchr(v, '-');
        if (!dash || !hh_is_digits(dash + 1, strlen(dash + 1)) || !dash[1])
            return "expected ORGANISATION-DEPARTMENT numbers such as 12-3";
        char orgpart[16];
        size_t n = (size_t)(dash - v);
        if (n == 0 || n >= sizeof(orgpart))
            return "expected ORGANISATION-DEPARTMENT numbers such as 12-3";
        memcpy(orgpart, v, n);
        orgpart[n] = '\0';
        return org_no(orgpart) ? NULL : "expected ORGANISATION-DEPARTMENT numbers such as 12-3";
    }
    case SCOPE_AREA_OWNER:
        if (strncmp(v, "municipality=", 13) == 0)
            return check_scope(d, a, SCOPE_MUNICIPALITY, v + 13);
        if (strncmp(v, "organisation=", 13) == 0)
            return check_scope(d, a, SCOPE_ORGANISATION, v + 13);
        return "expected municipality=CODE or organisation=NUMBER";
    }
    return "unknown scope";
}

hh_err grant_parse(db *d, arena *a, const char *spec, grant **out, size_t *n, hh_error *e)
{
    const char *colon = strchr(spec, ':');
    char *code = arena_strndup(a, spec, colon ? (size_t)(colon - spec) : strlen(spec));
    role_id r = role_by_code(code);
    if (r == ROLE_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "grant",
                       "unknown role '%s' (roles: admin, national, municipality, organisation, plan_staff, "
                       "caretaker, viewer)",
                       code);
    scope_kind kind = role_defs[r].scope;
    if (kind == SCOPE_NONE) {
        if (colon)
            return hh_fail(e, HH_ERR_INPUT, "grant", "role '%s' takes no scope", code);
        grant *g = arena_alloc(a, sizeof(*g));
        g->role = r;
        g->scope = "";
        *out = g;
        *n = 1;
        return HH_OK;
    }
    if (!colon || !colon[1])
        return hh_fail(e, HH_ERR_INPUT, "grant", "role '%s' needs a scope: %s:VALUE[,VALUE...]", code, code);
    size_t count = 1;
    for (const char *p = colon + 1; *p; p++)
        count += *p == ',';
    grant *g = arena_alloc(a, count * sizeof(*g));
    size_t k = 0;
    for (const char *p = colon + 1;;) {
        const char *end = strchr(p, ',');
        char *v = arena_strndup(a, p, end ? (size_t)(end - p) : strlen(p));
        const char *why = check_scope(d, a, kind, v);
        if (why)
            return hh_fail(e, HH_ERR_INPUT, "grant", "scope '%s' of role '%s': %s", v, code, why);
        g[k].role = r;
        g[k].scope = v;
        k++;
        if (!end)
            break;
        p = end + 1;
    }
    *out = g;
    *n = k;
    return HH_OK;
}

const char *grant_format(arena *a, const grant *g)
{
    return g->scope[0] ? arena_printf(a, "%s:%s", role_defs[g->role].code, g->scope)
                       : arena_strdup(a, role_defs[g->role].code);
}
