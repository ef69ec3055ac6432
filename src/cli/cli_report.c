/* cli_report.c - `helhed report plan-year`: the yearly report of a plan to
 * LBF as PDF, HTML, CSV or XLSX, written whole or not at all. The operator
 * acts with a NULL principal (every plan); the report is external (small
 * numbers hidden) unless --internal asks for the team's numbers. Further
 * reports are subcommands beside it: `report dialogue` writes the
 * documentation package of a steering dialogue (issue 8) as PDF or HTML. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/outfile.h"
#include "core/buf.h"
#include "core/str.h"
#include "report/dialogue_package.h"
#include "report/plan_year.h"

static int plan_year(options *o)
{
    const char *plan_s = NULL, *year_s = NULL, *format = NULL, *out_path = NULL;
    bool internal = false;
    const cli_opt opts[] = { { "--plan", &plan_s, NULL },
                             { "--year", &year_s, NULL },
                             { "--format", &format, NULL },
                             { "--out", &out_path, NULL },
                             { "--internal", NULL, &internal } };
    int prc = cli_parse(o, 2, "report", opts, sizeof opts / sizeof opts[0], NULL, 0);
    if (prc)
        return prc;
    if (!plan_s)
        return usage_error("report", "--plan ID is required (the plan's number, e.g. --plan 1)");
    int64_t plan_id;
    if (!hh_parse_int64(plan_s, strlen(plan_s), &plan_id) || plan_id <= 0)
        return usage_error("report", "--plan expects a plan number (a positive integer), not '%s'", plan_s);
    if (!year_s)
        return usage_error("report", "--year Y is required (the report's year, e.g. --year 2025)");
    int year;
    if (!hh_parse_int(year_s, 1990, 2100, &year))
        return usage_error("report", "--year expects a year from 1990 to 2100, not '%s'", year_s);
    if (!format)
        return usage_error("report", "--format is required: pdf, html, csv or xlsx");
    bool pdf = strcmp(format, "pdf") == 0, html = strcmp(format, "html") == 0, csv = strcmp(format, "csv") == 0,
         xlsx = strcmp(format, "xlsx") == 0;
    if (!pdf && !html && !csv && !xlsx)
        return usage_error("report", "--format expects pdf, html, csv or xlsx, not '%s'", format);
    if (xlsx && !out_path)
        return usage_error("report", "--format xlsx needs --out FILE");
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    arena a;
    arena_init(&a);
    buf b;
    buf_init(&b, 0);
    hh_error e;
    plan_year_report r;
    hh_err err = report_plan_year(d, NULL, &a, plan_id, year, internal ? REPORT_TEAM : REPORT_EXTERNAL, &r, &e);
    if (err) {
        if (err == HH_ERR_NOTFOUND)
            fprintf(stderr, "helhed: report: no plan with id %lld (see 'helhed plans export')\n", (long long)plan_id);
        else
            fprintf(stderr, "helhed: report: %s\n", e.msg);
        rc = EXIT_RUNTIME;
        goto out;
    }
    int pages = 0;
    if (pdf)
        err = report_pdf(&r, &b, &pages, &e);
    else if (html)
        report_html_document(&r, &b);
    else if (csv)
        report_csv(&r, &b);
    if (err) {
        fprintf(stderr, "helhed: report: %s\n", e.msg);
        rc = EXIT_RUNTIME;
        goto out;
    }
    outfile of;
    if (!outfile_open(&of, out_path)) {
        rc = EXIT_RUNTIME;
        goto out;
    }
    bool ok = true;
    if (xlsx) {
        /* libxlsxwriter writes the temporary file by its name. */
        if (report_xlsx(&r, of.tmp, &e)) {
            fprintf(stderr, "helhed: report: %s\n", e.msg);
            ok = false;
        }
    } else
        ok = fwrite(b.data, 1, b.len, of.f) == b.len;
    if (!outfile_close(&of, ok))
        rc = EXIT_RUNTIME;
    else if (out_path) {
        if (pdf)
            fprintf(stderr, "%s: report of plan %lld for %d (%s), %d pages\n", out_path, (long long)plan_id, year,
                    report_audience_code[r.audience], pages);
        else
            fprintf(stderr, "%s: report of plan %lld for %d (%s)\n", out_path, (long long)plan_id, year,
                    report_audience_code[r.audience]);
    }
out:
    buf_free(&b);
    arena_free(&a);
    db_close(d);
    return rc;
}

/* `report dialogue --org ORG --municipality CODE --year Y --format pdf|html
 * [--out FILE]`: the documentation package of the pair's dialogue. */
static int dialogue_package(options *o)
{
    const char *org_s = NULL, *muni = NULL, *year_s = NULL, *format = NULL, *out_path = NULL;
    const cli_opt opts[] = { { "--org", &org_s, NULL },
                             { "--municipality", &muni, NULL },
                             { "--year", &year_s, NULL },
                             { "--format", &format, NULL },
                             { "--out", &out_path, NULL } };
    int prc = cli_parse(o, 2, "report", opts, sizeof opts / sizeof opts[0], NULL, 0);
    if (prc)
        return prc;
    if (!org_s)
        return usage_error("report", "--org ORG is required (the housing organisation's number, e.g. --org 101)");
    int64_t org_no;
    if (!hh_parse_int64(org_s, strlen(org_s), &org_no) || org_no <= 0)
        return usage_error("report", "--org expects an organisation number (a positive integer), not '%s'", org_s);
    if (!muni)
        return usage_error("report", "--municipality CODE is required (four digits, e.g. --municipality 0101)");
    if (strlen(muni) != 4 || strspn(muni, "0123456789") != 4)
        return usage_error("report", "--municipality expects a four-digit municipality code, not '%s'", muni);
    if (!year_s)
        return usage_error("report", "--year Y is required (the dialogue's year, e.g. --year 2025)");
    int year;
    if (!hh_parse_int(year_s, 1990, 2100, &year))
        return usage_error("report", "--year expects a year from 1990 to 2100, not '%s'", year_s);
    if (!format)
        return usage_error("report", "--format is required: pdf or html");
    bool pdf = strcmp(format, "pdf") == 0, html = strcmp(format, "html") == 0;
    if (!pdf && !html)
        return usage_error("report", "--format expects pdf or html, not '%s'", format);
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    arena a;
    arena_init(&a);
    buf b;
    buf_init(&b, 0);
    hh_error e;
    int64_t id = 0;
    dlg_package k;
    hh_err err = dlg_package_find(d, NULL, &a, org_no, muni, year, &id, &e);
    if (err == HH_ERR_NOTFOUND) {
        fprintf(stderr,
                "helhed: report: no steering dialogue for organisation %lld in municipality %s in %d (it is started "
                "in the app or with POST /api/v1/dialogues)\n",
                (long long)org_no, muni, year);
        rc = EXIT_RUNTIME;
        goto out;
    }
    if (!err)
        err = dlg_package_build(d, NULL, &a, id, &k, &e);
    if (err) {
        fprintf(stderr, "helhed: report: %s\n", e.msg);
        rc = EXIT_RUNTIME;
        goto out;
    }
    int pages = 0;
    if (pdf)
        err = dlg_package_pdf(&k, &b, &pages, &e);
    else
        dlg_package_html_document(&k, &b);
    if (err) {
        fprintf(stderr, "helhed: report: %s\n", e.msg);
        rc = EXIT_RUNTIME;
        goto out;
    }
    outfile of;
    if (!outfile_open(&of, out_path)) {
        rc = EXIT_RUNTIME;
        goto out;
    }
    bool ok = fwrite(b.data, 1, b.len, of.f) == b.len;
    if (!outfile_close(&of, ok))
        rc = EXIT_RUNTIME;
    else if (out_path) {
        if (pdf)
            fprintf(stderr, "%s: documentation package of dialogue %lld (%s, %s, %d), %zu departments, %d pages\n",
                    out_path, (long long)id, k.g.org_name, k.g.municipality_name, year, k.nsheets, pages);
        else
            fprintf(stderr, "%s: documentation package of dialogue %lld (%s, %s, %d), %zu departments\n", out_path,
                    (long long)id, k.g.org_name, k.g.municipality_name, year, k.nsheets);
    }
out:
    buf_free(&b);
    arena_free(&a);
    db_close(d);
    return rc;
}

int cli_report(options *o)
{
    const char *what = o->argc > 1 ? o->argv[1] : NULL;
    if (what && strcmp(what, "plan-year") == 0)
        return plan_year(o);
    if (what && strcmp(what, "dialogue") == 0)
        return dialogue_package(o);
    if (what)
        return usage_error("report", "unknown report '%s': expected plan-year or dialogue", what);
    return usage_error("report", "expected a report: plan-year or dialogue");
}
