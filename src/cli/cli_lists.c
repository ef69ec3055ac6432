/* cli_lists.c - `helhed lists classify`: the official area lists
 * (almenboligloven § 61 a and § 61 b) from criterion values in a file. Needs
 * no database. File problems are reported in Danish (the same messages the
 * pages show); the command's own messages are English. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/keyfig.h"
#include "domain/lists.h"
#include "domain/lists_store.h"
#include "http/json.h"
#include "io/csv_write.h"

typedef struct classify_args {
    const char *input, *history, *out_path;
    const list_rule_set *rules; /* NULL: by year */
    bool json;
    int year;
} classify_args;

typedef struct classified {
    list_input *rows;
    size_t n;
    list_status_row *pub;
    size_t npub;
    list_result *results;
    size_t *sel; /* indexes of the rows of the asked year, by area_code */
    size_t nsel;
} classified;

typedef struct area_ref {
    const char *area;
    size_t idx;
} area_ref;

static int parse_classify(options *o, classify_args *a)
{
    const char *year_s = NULL, *rules_s = "auto", *format_s = "csv";
    memset(a, 0, sizeof *a);
    const cli_opt opts[] = { { "--input", &a->input, NULL },  { "--year", &year_s, NULL },
                             { "--rules", &rules_s, NULL },   { "--history", &a->history, NULL },
                             { "--format", &format_s, NULL }, { "--out", &a->out_path, NULL } };
    int prc = cli_parse(o, 2, "lists", opts, sizeof opts / sizeof opts[0], NULL, 0);
    if (prc)
        return prc;
    if (!a->input)
        return usage_error("lists", "classify needs --input FILE");
    if (!year_s)
        return usage_error("lists", "classify needs --year Y (the list year to output)");
    if (!hh_parse_int(year_s, 1990, 2100, &a->year))
        return usage_error("lists", "--year: '%s' is not a year between 1990 and 2100", year_s);
    if (strcmp(rules_s, "auto") != 0) {
        int code = 0;
        if (!hh_parse_int(rules_s, 2010, 2021, &code) || !(a->rules = list_rules_by_code(code)))
            return usage_error("lists", "--rules: expected auto, 2010, 2013, 2018 or 2021, not '%s'", rules_s);
    } else if (!list_rules_for_year(a->year)) {
        return usage_error("lists", "there are no area lists before 2010: --year %d needs --rules", a->year);
    }
    if (strcmp(format_s, "csv") != 0 && strcmp(format_s, "json") != 0)
        return usage_error("lists", "--format: expected csv or json, not '%s'", format_s);
    a->json = strcmp(format_s, "json") == 0;
    return 0;
}

/* Opens and reads one file with `read`; prints the (Danish) problem. */
static bool read_table(table_reader *t, bool history, classified *c)
{
    hh_error e;
    hh_err rc = history ? list_read_history(t, &c->pub, &c->npub, &e) : list_read_input(t, &c->rows, &c->n, &e);
    table_close(t);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    return rc == HH_OK;
}

static bool read_file(const char *path, bool history, classified *c)
{
    table_reader *t;
    hh_error e;
    if (table_open_file(path, &t, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return false;
    }
    return read_table(t, history, c);
}

static int by_area(const void *a, const void *b)
{
    return strcmp(((const area_ref *)a)->area, ((const area_ref *)b)->area);
}

/* The rows of the list year, sorted by area code (unique within a year). */
static void select_year(classified *c, int year)
{
    area_ref *refs = xcalloc(c->n + 1, sizeof *refs);
    for (size_t i = 0; i < c->n; i++)
        if (c->rows[i].year == year)
            refs[c->nsel++] = (area_ref){ c->rows[i].area_code, i };
    qsort(refs, c->nsel, sizeof *refs, by_area);
    c->sel = xcalloc(c->nsel + 1, sizeof *c->sel);
    for (size_t i = 0; i < c->nsel; i++)
        c->sel[i] = refs[i].idx;
    free(refs);
}

/* A number for machines: decimal point, up to 9 decimals, no exponent;
 * empty for NAN. */
static void put_num(buf *b, double v)
{
    if (isnan(v))
        return;
    char s[64];
    snprintf(s, sizeof s, "%.9f", v);
    char *dot = strchr(s, '.');
    if (dot) {
        size_t n = strlen(s);
        while (s[n - 1] == '0')
            s[--n] = '\0';
        if (s[n - 1] == '.')
            s[--n] = '\0';
    }
    buf_puts(b, strcmp(s, "-0") == 0 ? "0" : s);
}

static void put_met(buf *b, int met)
{
    if (met >= 0)
        buf_putc(b, met ? '1' : '0');
}

static void write_csv(const classified *c, const list_rule_set *rules, buf *b)
{
    static const char *const head[] = { "area_code", "year", "rule_set", "categories" };
    static const char *const suffix[] = { "value", "threshold", "met", "margin" };
    for (size_t i = 0; i < HH_ARRAY_LEN(head); i++)
        csv_field(b, head[i], i == 0);
    for (int t = 0; t < rules->ntests; t++)
        for (size_t k = 0; k < HH_ARRAY_LEN(suffix); k++)
            buf_printf(b, ";%s_%s", rules->test[t].id, suffix[k]);
    buf_puts(b, ";computable;note\n");
    for (size_t i = 0; i < c->nsel; i++) {
        const list_input *in = &c->rows[c->sel[i]];
        const list_result *r = &c->results[c->sel[i]];
        char cats[160];
        list_cats_join(r->categories, cats, sizeof cats);
        csv_field(b, in->area_code, true);
        buf_printf(b, ";%d;%d;%s", in->year, r->rules->code, cats);
        for (int t = 0; t < r->rules->ntests; t++) {
            const list_check *k = &r->check[t];
            buf_putc(b, ';');
            put_num(b, k->value);
            buf_putc(b, ';');
            put_num(b, k->threshold);
            buf_putc(b, ';');
            put_met(b, k->met);
            buf_putc(b, ';');
            put_num(b, k->margin);
        }
        buf_printf(b, ";%d", r->computable ? 1 : 0);
        csv_field(b, r->why_not, false);
        buf_putc(b, '\n');
    }
}

static void json_num(jw *w, const char *key, double v)
{
    jw_key(w, key);
    jw_double(w, v);
}

static void json_tests(jw *w, const list_input *in, const list_result *r)
{
    jw_key(w, "tests");
    jw_arr(w);
    for (int t = 0; t < r->rules->ntests; t++) {
        const list_test *lt = &r->rules->test[t];
        const list_check *k = &r->check[t];
        bool estimated = false;
        double flip = list_persons_to_flip(in, r, t, &estimated);
        jw_obj(w);
        jw_kstr(w, "id", lt->id);
        jw_kstr(w, "criterion", list_crit_column[lt->crit]);
        jw_kstr(w, "rule", lt->rule_da);
        json_num(w, "value", k->value);
        json_num(w, "threshold", k->threshold);
        jw_key(w, "met");
        if (k->met < 0)
            jw_null(w);
        else
            jw_bool(w, k->met == 1);
        json_num(w, "margin", k->margin);
        /* Income moves in percentage points of the regional mean, not persons. */
        json_num(w, "persons_to_flip", flip);
        jw_kstr(w, "flip_unit", lt->crit == LC_INCOME ? "percentage_points" : "persons");
        jw_kbool(w, "estimated", estimated);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void json_history(jw *w, const list_result *r)
{
    jw_key(w, "history");
    jw_arr(w);
    for (int i = 0; i < r->nhistory; i++) {
        char cats[160];
        list_cats_join(r->history_status[i], cats, sizeof cats);
        jw_obj(w);
        jw_kint(w, "year", r->history_years[i]);
        jw_kbool(w, "known", r->history_known[i]);
        jw_key(w, "categories");
        jw_arr(w);
        for (int k = 0; r->history_known[i] && k < CAT_COUNT; k++)
            if (r->history_status[i] & LIST_CAT_BIT(k))
                jw_str(w, list_cat_code[k]);
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void json_explanation(jw *w, const list_input *in, const list_result *r)
{
    buf text;
    buf_init(&text, 0);
    list_explain_da(in, r, &text);
    jw_key(w, "explanation");
    jw_arr(w);
    char *s = text.data;
    while (s && *s) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        jw_str(w, s);
        s = nl ? nl + 1 : NULL;
    }
    jw_arr_end(w);
    buf_free(&text);
}

static void write_json(const classified *c, buf *b)
{
    jw w;
    jw_init(&w, b);
    jw_arr(&w);
    for (size_t i = 0; i < c->nsel; i++) {
        const list_input *in = &c->rows[c->sel[i]];
        const list_result *r = &c->results[c->sel[i]];
        jw_obj(&w);
        jw_kstr(&w, "area_code", in->area_code);
        jw_kint(&w, "year", in->year);
        jw_kint(&w, "rule_set", r->rules->code);
        jw_kstr(&w, "rule_set_name", r->rules->name_da);
        jw_key(&w, "categories");
        jw_arr(&w);
        for (int k = 0; k < CAT_COUNT; k++)
            if (r->categories & LIST_CAT_BIT(k))
                jw_str(&w, list_cat_code[k]);
        jw_arr_end(&w);
        int worst = list_most_severe(r->categories);
        jw_kstr(&w, "most_severe", worst >= 0 ? list_cat_code[worst] : NULL);
        jw_kbool(&w, "computable", r->computable);
        jw_kstr(&w, "note", r->why_not);
        json_tests(&w, in, r);
        json_history(&w, r);
        json_explanation(&w, in, r);
        jw_kint(&w, "input_row", (int64_t)in->row);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    buf_putc(b, '\n');
}

static bool write_out(const char *path, const buf *b)
{
    FILE *f = path ? fopen(path, "wb") : stdout;
    bool ok = f && fwrite(b->data, 1, b->len, f) == b->len;
    if (path && f && fclose(f) != 0)
        ok = false;
    if (!ok)
        fprintf(stderr, "helhed: cannot write %s\n", path ? path : "standard output");
    return ok;
}

static int lists_classify(options *o)
{
    classify_args a;
    int rc = parse_classify(o, &a);
    if (rc)
        return rc;
    classified c = { 0 };
    buf b;
    buf_init(&b, 0);
    rc = EXIT_RUNTIME;
    if (!read_file(a.input, false, &c) || (a.history && !read_file(a.history, true, &c)))
        goto out;
    c.results = xcalloc(c.n + 1, sizeof *c.results);
    list_classify_all(c.rows, c.n, c.pub, c.npub, a.rules, c.results);
    select_year(&c, a.year);
    if (c.nsel == 0) {
        fprintf(stderr, "helhed: %s has no rows for the year %d\n", a.input, a.year);
        goto out;
    }
    if (a.json)
        write_json(&c, &b);
    else
        write_csv(&c, c.results[c.sel[0]].rules, &b);
    if (write_out(a.out_path, &b))
        rc = 0;
out:
    buf_free(&b);
    free(c.sel);
    free(c.results);
    free(c.pub);
    free(c.rows);
    return rc;
}

int cli_lists_classify_csv(const char *name, const char *data, size_t len, int year, int rules_code, buf *out)
{
    classified c = { 0 };
    table_reader *t;
    hh_error e;
    int rc = EXIT_RUNTIME;
    if (table_open_mem(name, data, len, &t, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return rc;
    }
    if (read_table(t, false, &c)) {
        c.results = xcalloc(c.n + 1, sizeof *c.results);
        list_classify_all(c.rows, c.n, NULL, 0, rules_code ? list_rules_by_code(rules_code) : NULL, c.results);
        select_year(&c, year);
        if (c.nsel) {
            write_csv(&c, c.results[c.sel[0]].rules, out);
            rc = 0;
        } else {
            fprintf(stderr, "helhed: no area has values for %d\n", year);
        }
    }
    free(c.sel);
    free(c.results);
    free(c.rows);
    return rc;
}

/* `helhed lists derive [--from Y] [--to Y]`: list values of the registry's
 * areas from their key figures, stored for the pages and the API. */
static int lists_derive_cmd(options *o)
{
    int from = 0, to = 0;
    const char *from_s = NULL, *to_s = NULL;
    const cli_opt opts[] = { { "--from", &from_s, NULL }, { "--to", &to_s, NULL } };
    int prc = cli_parse(o, 2, "lists", opts, sizeof opts / sizeof opts[0], NULL, 0);
    if (prc)
        return prc;
    if (from_s && !hh_parse_int(from_s, 1990, 2100, &from))
        return usage_error("lists", "--from takes a year 1990-2100, not '%s'", from_s);
    if (to_s && !hh_parse_int(to_s, 1990, 2100, &to))
        return usage_error("lists", "--to takes a year 1990-2100, not '%s'", to_s);
    db *d;
    int rc = open_migrated(o, &d, NULL);
    if (rc)
        return rc;
    hh_error e;
    int last = kf_latest_year(d);
    if (!to)
        to = last + 1;
    if (!from)
        from = to;
    size_t written = 0;
    if (!last) {
        printf("no key figures: nothing to derive\n");
    } else if (db_begin(d, &e) || lists_derive(d, from, to, &written, &e) || db_commit(d, &e)) {
        db_rollback(d);
        fprintf(stderr, "helhed: %s\n", e.msg);
        rc = EXIT_RUNTIME;
    } else {
        printf("list years %d-%d: %zu area rows new or changed (from key figures)\n", from, to, written);
    }
    db_close(d);
    return rc;
}

/* Subcommands of `helhed lists`. */
static const struct {
    const char *name;
    int (*run)(options *o);
} lists_commands[] = {
    { "classify", lists_classify },
    { "compute", cli_lists_compute },
    { "derive", lists_derive_cmd },
};

int cli_lists(options *o)
{
    const char *verb = o->argc > 1 ? o->argv[1] : NULL;
    if (!verb)
        return usage_error("lists", "expected a subcommand: classify, compute or derive");
    for (size_t i = 0; i < HH_ARRAY_LEN(lists_commands); i++)
        if (strcmp(verb, lists_commands[i].name) == 0)
            return lists_commands[i].run(o);
    return usage_error("lists", "unknown subcommand '%s': expected classify, compute or derive", verb);
}
