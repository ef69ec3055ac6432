/* cli_import.c - `helhed import registry|keyfigures|boundaries`,
 * `helhed export keyfigures` and `helhed keyfigures`: bulk data in and out.
 * Import reports are Danish (the same report the browser shows); a progress
 * bar is drawn on standard error when it is a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "auth/users.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/boundary.h"
#include "domain/import.h"
#include "domain/keyfig.h"
#include "domain/kf_export.h"
#include "domain/registry.h"

static void print_report(const import_report *rep, const import_kind *kind)
{
    buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < rep->nproblems; i++) {
        buf_reset(&b);
        import_problem_format(rep, &rep->problems[i], &b);
        fprintf(stderr, "%s\n", buf_cstr(&b));
    }
    buf_free(&b);
    if (rep->more_problems)
        fprintf(stderr, "... and %zu more problems\n", rep->more_problems);
    if (*rep->source)
        printf("%s: %s%s%s, %zu data rows\n", rep->file, rep->source, *rep->layout ? ", layout " : "",
               *rep->layout ? (strcmp(rep->layout, "lang") == 0 ? "long" : "wide") : "", rep->rows);
    if (rep->nproblems + rep->more_problems) {
        printf("%zu problems: nothing was written\n", rep->nproblems + rep->more_problems);
        return;
    }
    if (kind->count == COUNT_VALUES)
        printf("values: %zu new or changed, %zu unchanged\n", rep->created, rep->unchanged);
    else if (kind->count == COUNT_ROWS)
        printf("rows: %zu new or changed, %zu unchanged\n", rep->created, rep->unchanged);
    else
        printf("organisations: %zu created, %zu updated; departments: %zu created, %zu updated, %zu unchanged\n",
               rep->orgs_created, rep->orgs_updated, rep->created, rep->updated, rep->unchanged);
    printf("%s\n", rep->written ? "written" : "dry run: nothing was written");
}

static int import_table(options *o, const import_kind *kind, const char *path, bool dry_run, const char *as)
{
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    arena a;
    arena_init(&a);
    hh_error e;
    principal p;
    bool have_p = false;
    if (as) {
        user u;
        if (users_find(d, &a, as, &u, NULL, &e) || users_principal(d, &a, u.id, &p, &e)) {
            fprintf(stderr, "helhed: %s\n", e.msg);
            rc = EXIT_RUNTIME;
            goto out;
        }
        have_p = true;
    }
    table_reader *r;
    if (table_open_file(path, &r, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        printf("nothing was written\n");
        rc = EXIT_RUNTIME;
        goto out;
    }
    progress_bar b;
    progress_init(&b, arena_printf(&a, "Importing %s", kind->code));
    import_options opt = {
        .dry_run = dry_run, .as = have_p ? &p : NULL, .progress = progress_draw, .progress_ctx = &b
    };
    import_report rep;
    hh_err err = kind->run(d, r, path, &opt, &a, &rep, &e);
    table_close(r);
    if (err && err != HH_ERR_INPUT) {
        fprintf(stderr, "helhed: %s\n", e.msg);
        rc = EXIT_RUNTIME;
        goto out;
    }
    print_report(&rep, kind);
    rc = err ? EXIT_RUNTIME : 0;
    if (rep.written) {
        audit_event ev = { .email = as ? as : "",
                           .action = kind->audit,
                           .object_type = "file",
                           .object_id = path,
                           .scope = "",
                           .client = "cli",
                           .outcome = "ok" };
        if (audit_append(d, &ev, &e))
            fprintf(stderr, "helhed: warning: %s\n", e.msg);
    }
out:
    arena_free(&a);
    db_close(d);
    return rc;
}

static int import_boundaries(options *o, const char *path, const char *kind_s)
{
    boundary_kind kind = BOUNDARY_AUTO;
    if (kind_s && !boundary_kind_parse(kind_s, &kind))
        return usage_error("import", "--kind: expected municipality or region, not '%s'", kind_s);
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    hh_error e;
    boundary_summary sum;
    if (boundary_import_file(d, kind, path, &sum, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        rc = EXIT_RUNTIME;
    } else {
        printf("%s: %zu %s boundaries imported (%zu bytes of paths)\n", path, sum.shapes, boundary_kind_name(sum.kind),
               sum.path_bytes);
    }
    db_close(d);
    return rc;
}

int cli_import(options *o)
{
    const char *what = o->argc > 1 ? o->argv[1] : NULL, *path = NULL, *as = NULL, *kind = NULL;
    bool dry_run = false;
    if (!what)
        return usage_error("import", "expected what to import: registry, keyfigures, lists, list-status or boundaries");
    const cli_opt opts[] = { { "--dry-run", NULL, &dry_run }, { "--as", &as, NULL }, { "--kind", &kind, NULL } };
    int rc = cli_parse(o, 2, "import", opts, sizeof opts / sizeof opts[0], &path, 1);
    if (rc)
        return rc;
    if (!path)
        return usage_error("import", "expected a FILE to import");
    const import_kind *k = import_kind_find(what);
    if (k) {
        if (kind)
            return bad_arg("import", "--kind");
        return import_table(o, k, path, dry_run, as);
    }
    if (strcmp(what, "boundaries") == 0) {
        if (dry_run || as)
            return bad_arg("import", dry_run ? "--dry-run" : "--as");
        return import_boundaries(o, path, kind);
    }
    return usage_error("import", "cannot import '%s': expected registry, keyfigures, lists, list-status or boundaries",
                       what);
}

int cli_export(options *o)
{
    const char *what = o->argc > 1 ? o->argv[1] : NULL, *level_s = "department", *year_s = NULL, *code = NULL,
               *format_s = "csv", *out_path = NULL;
    bool raw = false;
    if (!what || strcmp(what, "keyfigures") != 0)
        return usage_error("export", "expected 'keyfigures'");
    const cli_opt opts[] = { { "--level", &level_s, NULL },   { "--year", &year_s, NULL },
                             { "--key-figure", &code, NULL }, { "--format", &format_s, NULL },
                             { "--out", &out_path, NULL },    { "--no-suppression", NULL, &raw } };
    int prc = cli_parse(o, 2, "export", opts, sizeof opts / sizeof opts[0], NULL, 0);
    if (prc)
        return prc;
    kf_level level = kf_level_by_code(level_s);
    if (level == LEVEL_COUNT)
        return usage_error("export",
                           "unknown level '%s': expected department, area, organisation, municipality, "
                           "region, country or peer",
                           level_s);
    int year = 0;
    if (year_s && !hh_parse_int(year_s, 1990, 2100, &year))
        return usage_error("export", "--year: '%s' is not a year between 1990 and 2100", year_s);
    int kf = -1;
    if (code && (kf = kf_find(code)) < 0)
        return usage_error("export", "unknown key figure '%s' (see helhed keyfigures)", code);
    kf_file_format format;
    if (!kf_format_parse(format_s, &format))
        return usage_error("export", "unknown format '%s': expected csv, xlsx or json", format_s);
    if (format == KF_XLSX && !out_path)
        return usage_error("export", "--format xlsx needs --out FILE");
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    arena a;
    arena_init(&a);
    hh_error e;
    kf_row *rows;
    size_t n;
    buf b;
    buf_init(&b, 0);
    if (kf_level_rows(d, level, year, kf, NULL, &a, &rows, &n, &e)) {
        fprintf(stderr, "helhed: %s\n", e.msg);
        rc = EXIT_RUNTIME;
        goto out;
    }
    /* The operator may take the real values; every other output is
     * suppressed. */
    if (!raw)
        kf_suppress_rows(rows, n);
    if (kf_export_write(rows, n, level, format, &b, out_path, &e)) {
        fprintf(stderr, "helhed: %s\n", e.msg);
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (format != KF_XLSX) {
        FILE *f = out_path ? fopen(out_path, "wb") : stdout;
        if (!f || fwrite(b.data, 1, b.len, f) != b.len || (out_path && fclose(f) != 0)) {
            fprintf(stderr, "helhed: cannot write %s\n", out_path ? out_path : "standard output");
            rc = EXIT_RUNTIME;
        }
    }
    if (out_path && !rc)
        fprintf(stderr, "%s: %zu rows\n", out_path, n);
out:
    buf_free(&b);
    arena_free(&a);
    db_close(d);
    return rc;
}

int cli_keyfigures(options *o)
{
    if (no_args(o))
        return EXIT_USAGE;
    printf("%-30s %-14s %-10s %-11s %s\n", "code", "kind", "unit", "link", "name");
    for (size_t i = 0; i < kf_count; i++) {
        const key_figure *k = &kf_catalogue[i];
        printf("%-30s %-14s %-10s %-11s %s\n", k->code, kf_kind_code[k->kind], k->unit, kf_link_code[k->link],
               k->name_da);
    }
    return 0;
}
