/* cli_lists_compute.c - `helhed lists compute`: the area lists' criterion
 * values from a person-level register extract (domain/lists_compute.h),
 * written as the classify input. No database. The CSV goes to --out (written
 * to a temporary file beside it and renamed, so a failed run leaves nothing)
 * or standard output; the summary and the progress bar go to standard error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/outfile.h"
#include "cli/progress.h"
#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/lists_compute.h"

#define CMD "lists"

static void print_summary(const char *path, const lc_result *r)
{
    fprintf(stderr, "%s: %zu rows", path, r->rows);
    for (int i = 0; i < r->nyears; i++)
        fprintf(stderr, "%s%d: %zu", i ? ", " : " (", r->years[i], r->persons[i]);
    fprintf(stderr, "), %zu area%s\n", r->n, r->n == 1 ? "" : "s");
    int latest = r->years[r->nyears - 1];
    fprintf(stderr, "rules %d: outside labour and convicted averaged over %d-%d; the rest from %d\n", r->rules,
            latest - r->avg_years + 1, latest, latest);
    if (isnan(r->national_convicted))
        fprintf(stderr, "the file lacks a data year of %d-%d: outside labour and convicted are not computable\n",
                latest - r->avg_years + 1, latest);
}

int cli_lists_compute(options *o)
{
    const char *persons = NULL, *out_path = NULL, *year_s = NULL, *rules_s = "auto";
    bool classify = false;
    const cli_opt opts[] = { { "--persons", &persons, NULL },
                             { "--list-year", &year_s, NULL },
                             { "--rules", &rules_s, NULL },
                             { "--classify", NULL, &classify },
                             { "--out", &out_path, NULL } };
    int prc = cli_parse(o, 2, CMD, opts, sizeof opts / sizeof opts[0], NULL, 0);
    if (prc)
        return prc;
    if (!persons)
        return usage_error(CMD, "compute needs --persons FILE");
    if (!year_s)
        return usage_error(CMD, "compute needs --list-year YEAR");
    lc_options opt = { .threads = o->threads };
    if (!hh_parse_int(year_s, 2010, 2100, &opt.list_year))
        return usage_error(CMD, "--list-year: '%s' is not a year from 2010 to 2100", year_s);
    if (strcmp(rules_s, "auto") != 0) {
        if (!hh_parse_int(rules_s, 0, 9999, &opt.rules) || !lc_avg_years(opt.rules))
            return usage_error(CMD, "--rules: expected auto, 2010, 2013, 2018 or 2021, not '%s'", rules_s);
    }
    progress_bar bar;
    progress_init(&bar, "Computing criteria");
    if (bar.on) {
        opt.progress = progress_draw;
        opt.progress_ctx = &bar;
    }
    lc_result r;
    hh_error e;
    hh_err err = lc_compute_file(persons, &opt, &r, &e);
    if (bar.on && bar.last >= 0 && bar.last < 100)
        fputc('\n', stderr);
    if (err) {
        fprintf(stderr, err == HH_ERR_INPUT || err == HH_ERR_IO ? "%s\n" : "helhed: %s\n", e.msg);
        if (out_path)
            fprintf(stderr, "nothing was written to %s\n", out_path);
        return err == HH_ERR_USAGE ? EXIT_USAGE : EXIT_RUNTIME;
    }
    buf b;
    buf_init(&b, 0);
    lc_write_csv(&r, &b);
    int rc = EXIT_RUNTIME;
    if (classify) {
        /* The computed values go straight through classify. */
        buf cl;
        buf_init(&cl, 0);
        if (cli_lists_classify_csv(persons, b.data, b.len, opt.list_year, opt.rules, &cl)) {
            buf_free(&cl);
            buf_free(&b);
            lc_result_free(&r);
            return EXIT_RUNTIME;
        }
        buf_free(&b);
        b = cl;
    }
    outfile of;
    if (outfile_open(&of, out_path)) {
        bool ok = fwrite(b.data, 1, b.len, of.f) == b.len;
        if (!ok)
            fprintf(stderr, "helhed: cannot write %s\n", out_path ? out_path : "standard output");
        if (outfile_close(&of, ok))
            rc = 0;
    }
    if (!rc) {
        print_summary(persons, &r);
        if (out_path)
            fprintf(stderr, "%s: %zu area%s written\n", out_path, r.n, r.n == 1 ? "" : "s");
    }
    buf_free(&b);
    lc_result_free(&r);
    return rc;
}
