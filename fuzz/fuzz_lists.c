/* fuzz_lists - the area-list readers on arbitrary bytes, and the engine on
 * whatever they accept. The input is classify input, optionally followed by
 * a form feed and published history. Checks that a read either fails with a
 * message naming the file or yields rows within the documented ranges, and
 * that every classification keeps the rules' promises: only the rule set's
 * categories, categories nest, nothing categorised when values are missing. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/lists.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_error(const hh_error *e, const char *name)
{
    if (e->code == HH_OK || strncmp(e->msg, name, strlen(name)) != 0)
        abort();
}

static void check_input(const list_input *in)
{
    if (in->year < 1990 || in->year > 2100 || !in->area_code[0] || in->row < 2)
        abort();
    for (int c = 0; c < LC_COUNT; c++) {
        double v = in->v[c];
        double max = c == LC_RESIDENTS ? 1e9 : c == LC_INCOME ? 1000 : 100;
        if (!isnan(v) && (v < 0 || v > max))
            abort();
    }
    if (!isnan(in->v[LC_RESIDENTS]) && in->v[LC_RESIDENTS] != floor(in->v[LC_RESIDENTS]))
        abort();
}

static void check_result(const list_input *in, const list_result *r, const list_rule_set *forced)
{
    if (!r->rules) {
        if (forced || in->year >= 2010 || r->categories)
            abort();
        return;
    }
    unsigned c = r->categories;
    if ((c & ~r->rules->categories) || (!r->computable && !r->history_missing && c))
        abort();
    if (r->computable && r->history_missing)
        abort();
    /* Categories nest. */
    if ((c & LIST_CAT_BIT(CAT_OMDANNELSE)) && !(c & LIST_CAT_BIT(CAT_PARALLELSAMFUND)))
        abort();
    if ((c & LIST_CAT_BIT(CAT_PARALLELSAMFUND)) && !(c & LIST_CAT_BIT(CAT_UDSAT)))
        abort();
    if ((c & LIST_CAT_BIT(CAT_HAARDT_GHETTO)) && !(c & LIST_CAT_BIT(CAT_GHETTO)))
        abort();
    if (c && !(in->v[LC_RESIDENTS] >= 1000))
        abort();
    if (r->nhistory < 0 || r->nhistory > LIST_MAX_HISTORY)
        abort();
    for (int t = 0; t < r->rules->ntests; t++) {
        bool est;
        double f = list_persons_to_flip(in, r, t, &est);
        if (r->check[t].met < 0 && !isnan(f))
            abort();
    }
    buf b;
    buf_init(&b, 0);
    list_explain_da(in, r, &b);
    if (b.len == 0 || b.data[b.len - 1] != '\n')
        abort();
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *ff = memchr(data, '\f', size);
    size_t in_len = ff ? (size_t)(ff - data) : size;
    table_reader *t;
    hh_error e;
    list_input *rows = NULL;
    list_status_row *pub = NULL;
    size_t n = 0, npub = 0;
    bool ok = false, hist_ok = true;

    if (table_open_mem("fuzz.csv", data, in_len, &t, &e) == HH_OK) {
        ok = list_read_input(t, &rows, &n, &e) == HH_OK;
        if (!ok)
            check_error(&e, "fuzz.csv");
        table_close(t);
    }
    if (ff && table_open_mem("hist.csv", ff + 1, size - in_len - 1, &t, &e) == HH_OK) {
        hist_ok = list_read_history(t, &pub, &npub, &e) == HH_OK;
        if (!hist_ok)
            check_error(&e, "hist.csv");
        table_close(t);
    }
    if (ok && hist_ok) {
        for (size_t i = 0; i < n; i++)
            check_input(&rows[i]);
        list_result *res = calloc(n, sizeof *res);
        if (!res)
            abort();
        const list_rule_set *forced = size % 5 ? NULL : &list_rule_sets[size / 5 % list_nrule_sets];
        list_classify_all(rows, n, pub, npub, forced, res);
        for (size_t i = 0; i < n; i++)
            check_result(&rows[i], &res[i], forced);
        free(res);
    }
    free(rows);
    free(pub);
    return 0;
}
