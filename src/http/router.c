#include "http/router.h"

#include <string.h>

/* Matches one pattern against path, collecting parameters into m. */
static bool match_pattern(const char *pattern, str path, route_match *m)
{
    const char *p = pattern;
    size_t i = 0;
    int np = 0;
    /* Ignore one trailing slash, but "/" itself stays "/". */
    if (path.n > 1 && path.p[path.n - 1] == '/')
        path.n--;
    while (*p) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (!close || np >= ROUTE_MAX_PARAMS)
                return false;
            size_t start = i;
            while (i < path.n && path.p[i] != '/')
                i++;
            if (i == start)
                return false;
            m->params[np].name = (str){ p + 1, (size_t)(close - p - 1) };
            m->params[np].value = (str){ path.p + start, i - start };
            np++;
            p = close + 1;
        } else {
            if (i >= path.n || path.p[i] != *p)
                return false;
            i++;
            p++;
        }
    }
    if (i != path.n)
        return false;
    m->nparams = np;
    return true;
}

bool router_match(const route *table, size_t n, str method, str path, route_match *m)
{
    m->route = NULL;
    m->path_matched = false;
    m->nparams = 0;
    bool head = str_eq_c(method, "HEAD");
    for (size_t r = 0; r < n; r++) {
        route_match tmp;
        if (!match_pattern(table[r].pattern, path, &tmp))
            continue;
        if (str_eq_c(method, table[r].method) || (head && strcmp(table[r].method, "GET") == 0)) {
            *m = tmp;
            m->route = &table[r];
            m->path_matched = true;
            return true;
        }
        m->path_matched = true;
    }
    return false;
}

bool router_pattern_valid(const char *pattern)
{
    if (!pattern || pattern[0] != '/')
        return false;
    int np = 0;
    for (const char *p = pattern; *p; p++) {
        if (*p == '}')
            return false;
        if (*p == '{') {
            if (p[-1] != '/')
                return false;
            const char *close = strchr(p, '}');
            if (!close || close == p + 1 || (close[1] != '\0' && close[1] != '/'))
                return false;
            for (const char *q = p + 1; q < close; q++)
                if (*q == '{' || *q == '/')
                    return false;
            if (++np > ROUTE_MAX_PARAMS)
                return false;
            p = close;
        }
    }
    return true;
}
