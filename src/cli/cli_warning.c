/* cli_warning.c - `helhed warnings`: the early-warning statuses of every
 * department and area as CSV or JSON, their events, a rebuild, and the
 * thresholds (docs/EARLY-WARNING.md). Reasons are Danish, as users read them;
 * the command's own lines are English. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/warning.h"
#include "http/json.h"
#include "io/csv_write.h"

static const char *const link_keys[WARN_LINKS] = { "wear", "insecurity", "moveout", "social" };

/* A score with a decimal comma (CSV for Danish spreadsheets); "" when absent. */
static const char *csv_score(double v, char *out, size_t n)
{
    if (isnan(v)) {
        out[0] = '\0';
        return out;
    }
    snprintf(out, n, "%.2f", v);
    for (char *p = out; *p; p++)
        if (*p == '.')
            *p = ',';
    return out;
}

static void json_reasons(jw *w, const char *const *reasons, size_t n)
{
    jw_key(w, "reasons");
    jw_arr(w);
    for (size_t i = 0; i < n; i++)
        jw_str(w, reasons[i]);
    jw_arr_end(w);
}

static void joined_reasons(buf *b, const char *const *reasons, size_t n)
{
    buf_reset(b);
    for (size_t i = 0; i < n; i++)
        buf_printf(b, "%s%s", i ? " | " : "", reasons[i]);
}

static void write_rows_csv(buf *out, warn_level level, const warn_row *rows, size_t n)
{
    static const char *const cols[] = { "level", "code", "name",       "municipality", "year",   "status",
                                        "score", "wear", "insecurity", "moveout",      "social", "reasons" };
    buf_puts(out, CSV_BOM);
    for (size_t c = 0; c < HH_ARRAY_LEN(cols); c++)
        csv_field(out, cols[c], c == 0);
    csv_end_row(out);
    char num[32], year[16];
    buf reasons;
    buf_init(&reasons, 0);
    for (size_t i = 0; i < n; i++) {
        const warn_row *r = &rows[i];
        snprintf(year, sizeof year, "%d", r->year);
        csv_field(out, warn_level_code[level], true);
        csv_field(out, r->code, false);
        csv_field(out, r->name, false);
        csv_field(out, r->municipality_code, false);
        csv_field(out, year, false);
        csv_field(out, warn_status_code[r->status], false);
        csv_number_field(out, csv_score(r->score, num, sizeof num), false);
        for (int k = 0; k < WARN_LINKS; k++)
            csv_number_field(out, csv_score(r->link_score[k], num, sizeof num), false);
        joined_reasons(&reasons, r->reasons, r->nreasons);
        csv_field(out, buf_cstr(&reasons), false);
        csv_end_row(out);
    }
    buf_free(&reasons);
}

static void write_rows_json(buf *out, warn_level level, int year, const warn_row *rows, size_t n)
{
    jw w;
    jw_init(&w, out);
    jw_obj(&w);
    jw_kstr(&w, "level", warn_level_code[level]);
    jw_kint(&w, "year", year);
    jw_key(&w, "rows");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        const warn_row *r = &rows[i];
        jw_obj(&w);
        jw_kint(&w, "unit_id", r->unit_id);
        jw_kstr(&w, "code", r->code);
        jw_kstr(&w, "name", r->name);
        jw_kstr(&w, "municipality_code", r->municipality_code);
        jw_kint(&w, "year", r->year);
        jw_kstr(&w, "status", warn_status_code[r->status]);
        jw_kstr(&w, "status_label", warn_status_label[r->status]);
        jw_key(&w, "score");
        jw_double(&w, r->score);
        jw_key(&w, "links");
        jw_obj(&w);
        for (int k = 0; k < WARN_LINKS; k++) {
            jw_key(&w, link_keys[k]);
            jw_double(&w, r->link_score[k]);
        }
        jw_obj_end(&w);
        json_reasons(&w, r->reasons, r->nreasons);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    buf_putc(out, '\n');
}

static void write_events_csv(buf *out, warn_level level, const warn_event *ev, size_t n)
{
    static const char *const cols[] = { "id",         "level", "code",       "name",       "old_year",
                                        "old_status", "year",  "new_status", "created_at", "reasons" };
    buf_puts(out, CSV_BOM);
    for (size_t c = 0; c < HH_ARRAY_LEN(cols); c++)
        csv_field(out, cols[c], c == 0);
    csv_end_row(out);
    char id[32], oy[16], y[16];
    buf reasons;
    buf_init(&reasons, 0);
    for (size_t i = 0; i < n; i++) {
        const warn_event *v = &ev[i];
        snprintf(id, sizeof id, "%lld", (long long)v->id);
        snprintf(oy, sizeof oy, "%d", v->old_year);
        snprintf(y, sizeof y, "%d", v->year);
        csv_field(out, id, true);
        csv_field(out, warn_level_code[level], false);
        csv_field(out, v->code, false);
        csv_field(out, v->name, false);
        csv_field(out, oy, false);
        csv_field(out, warn_status_code[v->old_status], false);
        csv_field(out, y, false);
        csv_field(out, warn_status_code[v->new_status], false);
        csv_field(out, v->created_at, false);
        joined_reasons(&reasons, v->reasons, v->nreasons);
        csv_field(out, buf_cstr(&reasons), false);
        csv_end_row(out);
    }
    buf_free(&reasons);
}

static void write_events_json(buf *out, warn_level level, const warn_event *ev, size_t n)
{
    jw w;
    jw_init(&w, out);
    jw_obj(&w);
    jw_kstr(&w, "level", warn_level_code[level]);
    jw_key(&w, "events");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        const warn_event *v = &ev[i];
        jw_obj(&w);
        jw_kint(&w, "id", v->id);
        jw_kint(&w, "unit_id", v->unit_id);
        jw_kstr(&w, "code", v->code);
        jw_kstr(&w, "name", v->name);
        jw_kint(&w, "old_year", v->old_year);
        jw_kstr(&w, "old_status", warn_status_code[v->old_status]);
        jw_kint(&w, "year", v->year);
        jw_kstr(&w, "new_status", warn_status_code[v->new_status]);
        jw_kstr(&w, "created_at", v->created_at);
        json_reasons(&w, v->reasons, v->nreasons);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    buf_putc(out, '\n');
}

static int write_out(const buf *b)
{
    if (fwrite(b->data ? b->data : "", 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
        fprintf(stderr, "helhed: cannot write standard output\n");
        return EXIT_RUNTIME;
    }
    return 0;
}

/* Parses "watch,alarm" into a status mask. */
static bool parse_statuses(const char *s, unsigned *mask)
{
    *mask = 0;
    char item[16];
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        if (n == 0 || n >= sizeof item)
            return false;
        memcpy(item, s, n);
        item[n] = '\0';
        warn_status st;
        if (!warn_status_parse(item, &st))
            return false;
        *mask |= 1u << st;
        s += n + (comma ? 1 : 0);
        if (comma && !*s)
            return false;
    }
    return *mask != 0;
}

static void print_stats(const warn_stats *s)
{
    printf("statuses rebuilt: %zu (latest: %zu stable, %zu watch, %zu alarm), %zu figures, %zu events;"
           " read %.2f s, compute %.2f s, write %.2f s\n",
           s->statuses, s->by_status[WARN_STABLE], s->by_status[WARN_WATCH], s->by_status[WARN_ALARM], s->figures,
           s->events, s->seconds_read, s->seconds_compute, s->seconds_write);
}

/* Runs warn_refresh (after an optional setting) in one transaction. */
static int rebuild(db *d, const char *key, const char *value)
{
    hh_error e;
    warn_stats stats;
    hh_err rc = db_begin(d, &e);
    if (!rc && key)
        rc = warn_config_set(d, key, value, &e);
    if (!rc)
        rc = warn_refresh_stats(d, &stats, &e);
    if (!rc)
        rc = db_commit(d, &e);
    if (rc) {
        db_rollback(d);
        fprintf(stderr, "helhed: %s\n", e.msg);
        return rc == HH_ERR_INPUT ? EXIT_USAGE : EXIT_RUNTIME;
    }
    print_stats(&stats);
    return 0;
}

static int cmd_config(options *o)
{
    if (o->argc != 2 && o->argc != 4)
        return o->argc == 3 ? usage_error("warnings", "config needs KEY and VALUE (or no arguments)")
                            : bad_arg("warnings", o->argv[4]);
    if (o->argc == 4 && !warn_param_find(o->argv[2]))
        return usage_error("warnings", "unknown setting '%s' (see helhed warnings config)", o->argv[2]);
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    if (o->argc == 4) {
        rc = rebuild(d, o->argv[2], o->argv[3]);
        if (!rc)
            printf("warning.%s = %s\n", warn_param_find(o->argv[2])->key, o->argv[3]);
        db_close(d);
        return rc;
    }
    warn_config c;
    hh_error e;
    if (warn_config_load(d, &c, &e)) {
        fprintf(stderr, "helhed: %s\n", e.msg);
        db_close(d);
        return EXIT_RUNTIME;
    }
    printf("%-22s %-8s %-8s %s\n", "key", "value", "default", "meaning");
    for (size_t i = 0; i < warn_nparams; i++) {
        const warn_param *p = &warn_params[i];
        char key[64], val[32], def[32];
        snprintf(key, sizeof key, "warning.%s", p->key);
        snprintf(val, sizeof val, "%g%s", warn_config_value(&c, p), warn_config_overridden(d, p) ? "*" : "");
        snprintf(def, sizeof def, "%g", p->def);
        printf("%-22s %-8s %-8s %s\n", key, val, def, p->description);
    }
    printf("* set in this database\n");
    db_close(d);
    return 0;
}

int cli_warnings(options *o)
{
    const char *verb = o->argc > 1 && o->argv[1][0] != '-' ? o->argv[1] : NULL;
    if (verb && strcmp(verb, "config") == 0)
        return cmd_config(o);
    if (verb && strcmp(verb, "refresh") == 0) {
        if (o->argc > 2)
            return bad_arg("warnings", o->argv[2]);
        db *d;
        int rc = open_migrated(o, &d, NULL);
        if (rc)
            return rc;
        rc = rebuild(d, NULL, NULL);
        db_close(d);
        return rc;
    }
    bool events = verb && strcmp(verb, "events") == 0;
    if (verb && !events)
        return usage_error("warnings", "unknown subcommand '%s': expected events, refresh or config", verb);
    const char *year_s = NULL, *level_s = "department", *status_s = NULL, *muni = NULL, *org_s = NULL, *format = "csv";
    /* Events have no year: the list spans them all. */
    const cli_opt opts[] = { { "--level", &level_s, NULL },     { "--status", &status_s, NULL },
                             { "--municipality", &muni, NULL }, { "--org", &org_s, NULL },
                             { "--format", &format, NULL },     { "--year", &year_s, NULL } };
    int prc = cli_parse(o, events ? 2 : 1, "warnings", opts, sizeof opts / sizeof opts[0] - (events ? 1 : 0), NULL, 0);
    if (prc)
        return prc;
    warn_level level;
    if (!warn_level_parse(level_s, &level))
        return usage_error("warnings", "--level: expected department or area, not '%s'", level_s);
    int year = 0;
    if (year_s && !hh_parse_int(year_s, 1990, 2100, &year))
        return usage_error("warnings", "--year: '%s' is not a year between 1990 and 2100", year_s);
    warn_filter f = { 0 };
    if (status_s && !parse_statuses(status_s, &f.statuses))
        return usage_error("warnings", "--status: expected stable, watch or alarm (comma separated), not '%s'",
                           status_s);
    if (muni) {
        if (strlen(muni) != 4 || !hh_is_digits(muni, 4))
            return usage_error("warnings", "--municipality: expected a four-digit code like 0101, not '%s'", muni);
        f.municipality_code = muni;
    }
    if (org_s && (!hh_parse_int64(org_s, strlen(org_s), &f.org_no) || f.org_no < 1))
        return usage_error("warnings", "--org: expected an organisation number, not '%s'", org_s);
    bool json = strcmp(format, "json") == 0;
    if (!json && strcmp(format, "csv") != 0)
        return usage_error("warnings", "--format: expected csv or json, not '%s'", format);
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    arena a;
    arena_init(&a);
    buf out;
    buf_init(&out, 0);
    hh_error e;
    if (events) {
        warn_event *ev;
        size_t n;
        if (warn_events(d, &a, level, 0, &f, &ev, &n, &e)) {
            fprintf(stderr, "helhed: %s\n", e.msg);
            rc = EXIT_RUNTIME;
            goto out;
        }
        if (json)
            write_events_json(&out, level, ev, n);
        else
            write_events_csv(&out, level, ev, n);
    } else {
        if (!year)
            year = warn_latest_year(d, level);
        warn_row *rows;
        size_t n;
        if (warn_list(d, &a, level, year, &f, &rows, &n, &e)) {
            fprintf(stderr, "helhed: %s\n", e.msg);
            rc = EXIT_RUNTIME;
            goto out;
        }
        if (!year)
            fprintf(stderr, "helhed: no early-warning statuses yet (import key figures or load the demo)\n");
        if (json)
            write_rows_json(&out, level, year, rows, n);
        else
            write_rows_csv(&out, level, rows, n);
    }
    rc = write_out(&out);
out:
    buf_free(&out);
    arena_free(&a);
    db_close(d);
    return rc;
}
