/* cli_demo.c - `helhed demo microdata`: the synthetic person-level register
 * extract (domain/demo_microdata.h) to a file or standard output. No
 * database. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/outfile.h"
#include "core/str.h"
#include "domain/demo_microdata.h"

static bool parse_count(const char *s, int64_t min, int64_t max, int64_t *out)
{
    return hh_parse_int64(s, strlen(s), out) && *out >= min && *out <= max;
}

int cli_demo_microdata(options *o)
{
    demo_micro_options opt = { .persons = 5900000, .years = 2, .seed = 1 };
    const char *out_path = NULL;
    /* Every option takes a value. */
    for (int i = 2; i < o->argc; i += 2) {
        const char *arg = o->argv[i], *next = i + 1 < o->argc ? o->argv[i + 1] : NULL;
        int64_t v;
        if (strcmp(arg, "--persons") == 0 && next) {
            if (!parse_count(next, 1, DEMO_MICRO_MAX_PERSONS, &v))
                return usage_error("demo", "--persons takes a number from 1 to %d, not '%s'", DEMO_MICRO_MAX_PERSONS,
                                   next);
            opt.persons = (uint64_t)v;
        } else if (strcmp(arg, "--years") == 0 && next) {
            if (!parse_count(next, 1, DEMO_MICRO_MAX_YEARS, &v))
                return usage_error("demo", "--years takes a number from 1 to %d, not '%s'", DEMO_MICRO_MAX_YEARS, next);
            opt.years = (int)v;
        } else if (strcmp(arg, "--seed") == 0 && next) {
            if (!parse_count(next, 0, INT64_MAX, &v))
                return usage_error("demo", "--seed takes a non-negative integer, not '%s'", next);
            opt.seed = (uint64_t)v;
        } else if (strcmp(arg, "--out") == 0 && next) {
            out_path = next;
        } else {
            return bad_arg("demo", arg);
        }
    }
    outfile of;
    if (!outfile_open(&of, out_path))
        return EXIT_RUNTIME;
    demo_micro_summary sum;
    hh_error e;
    hh_err err = demo_microdata_write(of.f, &opt, &sum, &e);
    if (err)
        fprintf(stderr, "helhed: %s%s%s\n", e.msg, err == HH_ERR_IO ? " to " : "",
                err == HH_ERR_IO ? (out_path ? out_path : "standard output") : "");
    if (!outfile_close(&of, err == HH_OK))
        return err == HH_ERR_USAGE ? EXIT_USAGE : EXIT_RUNTIME;
    fprintf(stderr, "%s: %llu rows (%llu persons x %d data years to %d), %zu areas with %llu residents in %d\n",
            out_path ? out_path : "standard output", (unsigned long long)sum.rows, (unsigned long long)opt.persons,
            opt.years, DEMO_MICRO_LAST_YEAR, sum.areas, (unsigned long long)sum.area_residents, DEMO_MICRO_LAST_YEAR);
    return 0;
}
