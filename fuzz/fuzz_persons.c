/* fuzz_persons - the register-extract reader of `lists compute` on arbitrary
 * bytes (domain/lists_compute.h), parsed in place as one, two and three
 * parts (tiny parts forced), through the read buffers as a pipe is (one and
 * three parts), and with every row through the general parser instead of the
 * fast paths: all must agree exactly (the same CSV, or the same error
 * message), messages start with the name, and the values keep their promises
 * (shares 0-100, denominators nested). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/lists_compute.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_result(const lc_result *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const list_input *in = &r->areas[i];
        if (i && strcmp(r->areas[i - 1].area_code, in->area_code) >= 0)
            abort();
        if (!in->area_code[0] || in->persons_18_plus > in->v[LC_RESIDENTS] || in->persons_18_64 > in->persons_18_plus ||
            in->persons_30_59 > in->persons_18_64)
            abort();
        static const list_crit shares[] = { LC_NON_WESTERN, LC_OUTSIDE_LABOUR, LC_CONVICTED, LC_NATIONAL_CONVICTED,
                                            LC_EDUCATION };
        for (size_t k = 0; k < sizeof shares / sizeof shares[0]; k++) {
            double v = in->v[shares[k]];
            if (!isnan(v) && (v < 0 || v > 100))
                abort();
        }
        if (r->region[i] < LC_REGION_FIRST || r->region[i] >= LC_REGION_FIRST + LC_NREGIONS)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    buf first;
    buf_init(&first, 0);
    hh_err first_rc = HH_OK;
    hh_error first_e;
    for (int run = 0; run < 4; run++) {
        int threads = run == 3 ? 2 : run + 1;
        lc_options opt = { .list_year = 2025,
                           .rules = size % 3 == 0 ? 2010 : 0,
                           .threads = threads,
                           .min_part = 1,
                           .slow_only = run == 3 };
        lc_result r;
        hh_error e;
        hh_err rc = lc_compute_mem("fuzz.csv", data, size, &opt, &r, &e);
        buf b;
        buf_init(&b, 0);
        if (rc == HH_OK) {
            check_result(&r);
            lc_write_csv(&r, &b);
            lc_result_free(&r);
        } else if (strncmp(e.msg, "fuzz.csv", 8) != 0 || rc != HH_ERR_INPUT) {
            abort();
        }
        if (run == 0) {
            first_rc = rc;
            first_e = e;
            buf_append(&first, b.data ? b.data : "", b.len);
        } else if (rc != first_rc || (rc && strcmp(e.msg, first_e.msg) != 0) ||
                   (!rc && (b.len != first.len || memcmp(b.data, first.data, b.len) != 0))) {
            abort();
        }
        buf_free(&b);
    }
    buf_free(&first);
    return 0;
}
