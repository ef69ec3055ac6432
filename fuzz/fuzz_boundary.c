/* fuzz_boundary - the GeoJSON/TopoJSON boundary parser on arbitrary bytes (no
 * database). Checks that a parse either fails with a message or yields
 * shapes with 4-digit codes, names and path data of only M, L, Z, digits and
 * spaces inside the view. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/str.h"
#include "domain/boundary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_path(const char *d, const boundary_view *v)
{
    if (strspn(d, "MLZ0123456789 ") != strlen(d))
        abort();
    if (*d && (d[0] != 'M' || d[strlen(d) - 1] != 'Z'))
        abort();
    /* Coordinates are integers within the view. */
    for (const char *p = d; *p;) {
        if (*p == 'M' || *p == 'L') {
            p++;
            for (int k = 0; k < 2; k++) {
                long x = 0;
                size_t n = strspn(p, "0123456789");
                if (n == 0 || n > 6)
                    abort();
                for (size_t i = 0; i < n; i++)
                    x = x * 10 + (p[i] - '0');
                if (x > (k == 0 ? v->width : v->height))
                    abort();
                p += n;
                if (k == 0 && *p++ != ' ')
                    abort();
            }
        } else {
            p++;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a);
    boundary_set s;
    hh_error e;
    hh_err rc = boundary_parse((const char *)data, size, "fuzz.json", BOUNDARY_AUTO, &a, &s, &e);
    if (rc) {
        if (rc != HH_ERR_INPUT || strncmp(e.msg, "fuzz.json: ", 11) != 0 || s.n != 0)
            abort();
    } else {
        if (s.n == 0 || s.view.width <= 0 || s.view.height <= 0 || s.view.width > 1000 || s.view.height > 2000)
            abort();
        if (s.kind != BOUNDARY_MUNICIPALITY && s.kind != BOUNDARY_REGION)
            abort();
        size_t total = 0;
        for (size_t i = 0; i < s.n; i++) {
            if (!hh_is_digits(s.shapes[i].code, 4) || strlen(s.shapes[i].code) != 4 || !s.shapes[i].name)
                abort();
            if (i > 0 && strcmp(s.shapes[i - 1].code, s.shapes[i].code) >= 0)
                abort(); /* sorted, one shape per code */
            check_path(s.shapes[i].path, &s.view);
            total += strlen(s.shapes[i].path);
        }
        if (total != s.path_bytes)
            abort();
    }
    arena_free(&a);
    return 0;
}
