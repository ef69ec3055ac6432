/* cli_plans.c - `helhed plans export` (one row per plan as CSV, XLSX or
 * JSON, written whole or not at all) and `helhed plans show ID` (a plan's
 * summary, budget and history). The operator acts with a NULL principal:
 * every plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/outfile.h"
#include "core/buf.h"
#include "core/str.h"
#include "domain/plans.h"
#include "http/json.h"
#include "io/csv_write.h"
#include "io/xlsx_write.h"

static const char *const columns[] = {
    "id",          "name",          "type",       "state",    "round", "municipality_code", "municipality_name",
    "region_code", "organisations", "start_date", "end_date", "focus", "budget_kr",         "lbf_kr",
    "spent_kr",    "lbf_share_pct",
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

/* "1234567,89" (comma: Danish spreadsheets) or "1234567.89". */
static const char *kroner(int64_t ore, char comma, char *out, size_t n)
{
    const char *sign = ore < 0 ? "-" : "";
    uint64_t v = ore < 0 ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
    snprintf(out, n, "%s%llu%c%02llu", sign, (unsigned long long)(v / 100), comma, (unsigned long long)(v % 100));
    return out;
}

/* LBF share in hundredths of a per cent, rounded half up; -1 without a budget. */
static int64_t share_hundredths(int64_t part, int64_t total)
{
    if (total <= 0 || part < 0)
        return -1;
    return (part * 20000 + total) / (2 * total);
}

static const char *share_text(int64_t part, int64_t total, char comma, char *out, size_t n)
{
    int64_t h = share_hundredths(part, total);
    if (h < 0)
        out[0] = '\0';
    else
        kroner(h, comma, out, n);
    return out;
}

/* The text of column c of a row; numbers with the given decimal mark. */
static const char *cell(const plan_summary *s, size_t c, char comma, char *tmp, size_t n)
{
    switch (c) {
    case 0: snprintf(tmp, n, "%lld", (long long)s->id); return tmp;
    case 1: return s->name;
    case 2: return plan_type_code[s->type];
    case 3: return plan_state_code[s->state];
    case 4: return s->round;
    case 5: return s->municipality_code;
    case 6: return s->municipality_name;
    case 7: return s->region_code ? s->region_code : "";
    case 8: return s->orgs;
    case 9: return s->start_date;
    case 10: return s->end_date;
    case 11: return s->focus;
    case 12: return kroner(s->budget_ore, comma, tmp, n);
    case 13: return kroner(s->lbf_ore, comma, tmp, n);
    case 14: return kroner(s->spent_ore, comma, tmp, n);
    default: return share_text(s->lbf_ore, s->budget_ore, comma, tmp, n);
    }
}

static void write_csv(const plan_summary *s, size_t n, buf *b)
{
    buf_puts(b, CSV_BOM);
    for (size_t c = 0; c < NCOLUMNS; c++)
        csv_field(b, columns[c], c == 0);
    csv_end_row(b);
    char tmp[64];
    for (size_t i = 0; i < n; i++) {
        for (size_t c = 0; c < NCOLUMNS; c++) {
            const char *v = cell(&s[i], c, ',', tmp, sizeof tmp);
            if (c == 0 || c >= 12)
                csv_number_field(b, v ? v : "", c == 0);
            else
                csv_field(b, v ? v : "", false);
        }
        csv_end_row(b);
    }
}

static void write_json(const plan_summary *s, size_t n, buf *b)
{
    jw w;
    jw_init(&w, b);
    jw_arr(&w);
    char tmp[64];
    for (size_t i = 0; i < n; i++) {
        jw_obj(&w);
        for (size_t c = 0; c < NCOLUMNS; c++) {
            const char *v = cell(&s[i], c, '.', tmp, sizeof tmp);
            jw_key(&w, columns[c]);
            if (c == 0)
                jw_int(&w, s[i].id);
            else if (c >= 12 && v && *v)
                jw_raw(&w, v); /* a number with two decimals, as written */
            else if (c >= 12 || c == 4 || c == 7 || c == 9 || c == 10)
                jw_str(&w, v && *v ? v : NULL);
            else
                jw_str(&w, v ? v : "");
        }
        jw_kint(&w, "budget_ore", s[i].budget_ore);
        jw_kint(&w, "lbf_ore", s[i].lbf_ore);
        jw_kint(&w, "spent_ore", s[i].spent_ore);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    buf_putc(b, '\n');
}

static hh_err write_xlsx(const plan_summary *s, size_t n, const char *path, hh_error *e)
{
    xlsx_writer *x = xlsx_open(path, "Helhedsplaner", e);
    if (!x)
        return e->code ? e->code : HH_ERR_IO;
    xlsx_header(x, columns, NCOLUMNS);
    char tmp[64];
    for (size_t i = 0; i < n; i++) {
        xlsx_cell_number(x, 0, (double)s[i].id, -1);
        for (size_t c = 1; c < 12; c++)
            xlsx_cell_text(x, c, cell(&s[i], c, ',', tmp, sizeof tmp));
        xlsx_cell_number(x, 12, (double)s[i].budget_ore / 100.0, 2);
        xlsx_cell_number(x, 13, (double)s[i].lbf_ore / 100.0, 2);
        xlsx_cell_number(x, 14, (double)s[i].spent_ore / 100.0, 2);
        int64_t h = share_hundredths(s[i].lbf_ore, s[i].budget_ore);
        if (h >= 0)
            xlsx_cell_number(x, 15, (double)h / 100.0, 2);
        xlsx_end_row(x);
    }
    return xlsx_close(x, e);
}

static int plans_export(options *o)
{
    const char *format = "csv", *out_path = NULL, *type_s = NULL, *state_s = NULL, *round = NULL, *muni = NULL;
    const cli_opt opts[] = { { "--format", &format, NULL }, { "--out", &out_path, NULL },
                             { "--type", &type_s, NULL },   { "--state", &state_s, NULL },
                             { "--round", &round, NULL },   { "--municipality", &muni, NULL } };
    int prc = cli_parse(o, 2, "plans", opts, sizeof opts / sizeof opts[0], NULL, 0);
    if (prc)
        return prc;
    bool csv = strcmp(format, "csv") == 0, xlsx = strcmp(format, "xlsx") == 0, json = strcmp(format, "json") == 0;
    if (!csv && !xlsx && !json)
        return usage_error("plans", "unknown format '%s': expected csv, xlsx or json", format);
    if (xlsx && !out_path)
        return usage_error("plans", "--format xlsx needs --out FILE");
    plan_filter f = { .type = -1, .state = -1, .round = round, .municipality_code = muni };
    if (type_s && (f.type = plan_enum_find(plan_type_code, PLAN_TYPE_COUNT, type_s)) < 0)
        return usage_error("plans", "unknown type '%s': expected social, physical or health", type_s);
    if (state_s && (f.state = plan_enum_find(plan_state_code, PS_COUNT, state_s)) < 0)
        return usage_error("plans",
                           "unknown state '%s': expected idea, prequalification, drafting, "
                           "municipal_approval, grant_committed, running, extended, closed or anchored",
                           state_s);
    if (round && !plan_round_find(round))
        return usage_error("plans", "unknown round '%s': expected 2006-2010, 2011-2014, 2015-2018 or 2019-2026", round);
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    arena a;
    arena_init(&a);
    hh_error e;
    plan_summary *s;
    size_t n;
    buf b;
    buf_init(&b, 0);
    if (plan_list(d, NULL, &a, &f, &s, &n, &e)) {
        fprintf(stderr, "helhed: %s\n", e.msg);
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
        if (write_xlsx(s, n, of.tmp, &e)) {
            fprintf(stderr, "helhed: %s\n", e.msg);
            ok = false;
        }
    } else {
        if (csv)
            write_csv(s, n, &b);
        else
            write_json(s, n, &b);
        ok = fwrite(b.data, 1, b.len, of.f) == b.len;
    }
    if (!outfile_close(&of, ok))
        rc = EXIT_RUNTIME;
    else if (out_path)
        fprintf(stderr, "%s: %zu plans\n", out_path, n);
out:
    buf_free(&b);
    arena_free(&a);
    db_close(d);
    return rc;
}

static int plans_show(options *o)
{
    if (o->argc != 3)
        return usage_error("plans", "expected: helhed plans show ID");
    int64_t id;
    if (!hh_parse_int64(o->argv[2], strlen(o->argv[2]), &id) || id <= 0)
        return usage_error("plans", "'%s' is not a plan id", o->argv[2]);
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    arena a;
    arena_init(&a);
    hh_error e;
    plan pl;
    plan_transition *h;
    plan_budget_line *lines;
    size_t nh, nl;
    hh_err err = plan_get(d, NULL, &a, id, &pl, &e);
    if (!err)
        err = plan_history(d, &a, id, &h, &nh, &e);
    if (!err)
        err = plan_budget_get(d, &a, id, &lines, &nl, &e);
    if (err) {
        fprintf(stderr, "helhed: %s\n", err == HH_ERR_NOTFOUND ? "no such plan" : e.msg);
        rc = EXIT_RUNTIME;
        goto out;
    }
    plan_budget_totals t;
    plan_budget_sum(lines, nl, &t);
    char k1[40], k2[40], k3[40], sh[40];
    printf("plan %lld: %s\n", (long long)pl.id, pl.name);
    printf("  type          %s\n", plan_type_code[pl.type]);
    printf("  state         %s\n", plan_state_code[pl.state]);
    printf("  round         %s\n", *pl.round ? pl.round : "-");
    printf("  municipality  %s %s\n", pl.municipality_code, pl.municipality_name);
    printf("  period        %s - %s\n", *pl.start_date ? pl.start_date : "?", *pl.end_date ? pl.end_date : "?");
    printf("  organisations ");
    for (size_t i = 0; i < pl.norgs; i++)
        printf("%s%s (%s)", i ? ", " : "", pl.orgs[i].name, pl.orgs[i].key);
    printf("\n  focus         ");
    for (size_t i = 0; i < pl.nfocus; i++)
        printf("%s%s", i ? " · " : "", pl.focus[i]);
    printf("\n  budget        %s kr., LBF %s kr. (%s %%), spent %s kr.\n", kroner(t.total_ore, '.', k1, sizeof k1),
           kroner(t.lbf_ore, '.', k2, sizeof k2), *share_text(t.lbf_ore, t.total_ore, '.', sh, sizeof sh) ? sh : "-",
           kroner(t.spent_ore, '.', k3, sizeof k3));
    printf("  version       %d\n", pl.version);
    printf("history:\n");
    for (size_t i = 0; i < nh; i++)
        printf("  %s  %-18s -> %-18s %s%s%s\n", h[i].effective, h[i].from < PS_COUNT ? plan_state_code[h[i].from] : "",
               plan_state_code[h[i].to], *h[i].user_name ? h[i].user_name : "(operator)", *h[i].note ? ": " : "",
               h[i].note);
out:
    arena_free(&a);
    db_close(d);
    return rc;
}

int cli_plans(options *o)
{
    const char *what = o->argc > 1 ? o->argv[1] : NULL;
    if (what && strcmp(what, "export") == 0)
        return plans_export(o);
    if (what && strcmp(what, "show") == 0)
        return plans_show(o);
    return usage_error("plans", "expected 'export' or 'show'");
}
