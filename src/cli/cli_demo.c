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
    const char *persons_s = NULL, *years_s = NULL, *seed_s = NULL;
    const cli_opt opts[] = { { "--persons", &persons_s, NULL },
                             { "--years", &years_s, NULL },
                             { "--seed", &seed_s, NULL },
                             { "--out", &out_path, NULL } };
    int prc = cli_parse(o, 2, "demo", opts, sizeof opts / sizeof opts[0], NULL, 0);
    if (prc)
        return prc;
    int64_t v;
    if (persons_s) {
        if (!parse_count(persons_s, 1, DEMO_MICRO_MAX_PERSONS, &v))
            return usage_error("demo", "--persons takes a number from 1 to %d, not '%s'", DEMO_MICRO_MAX_PERSONS,
                               persons_s);
        opt.persons = (uint64_t)v;
    }
    if (years_s) {
        if (!parse_count(years_s, 1, DEMO_MICRO_MAX_YEARS, &v))
            return usage_error("demo", "--years takes a number from 1 to %d, not '%s'", DEMO_MICRO_MAX_YEARS, years_s);
        opt.years = (int)v;
    }
    if (seed_s) {
        if (!parse_count(seed_s, 0, INT64_MAX, &v))
            return usage_error("demo", "--seed takes a non-negative integer, not '%s'", seed_s);
        opt.seed = (uint64_t)v;
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
