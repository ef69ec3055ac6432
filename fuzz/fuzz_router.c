/* fuzz_router - the route matcher on arbitrary method and path bytes.
 * Input: method, a newline, then the path. Checks that a match's parameters
 * lie inside the path and never contain '/'. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/router.h"
#include "web/pages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    const char *nl = memchr(p, '\n', size);
    str method = { p, nl ? (size_t)(nl - p) : 0 };
    str path = nl ? (str){ nl + 1, size - (size_t)(nl - p) - 1 } : (str){ p, size };
    route_match m;
    if (router_match(helhed_routes, helhed_nroutes, method, path, &m)) {
        if (!m.route || m.nparams < 0 || m.nparams > ROUTE_MAX_PARAMS)
            abort();
        for (int i = 0; i < m.nparams; i++) {
            str v = m.params[i].value;
            if (v.n == 0 || v.p < path.p || v.p + v.n > path.p + path.n || memchr(v.p, '/', v.n))
                abort();
        }
    }
    return 0;
}
