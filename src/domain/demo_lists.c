/* demo_lists.c - area-list values for the demo: derived from the demo
 * areas' key figures for every list year the ten years of figures allow
 * (two-year averages: from the third data year to the year after the last,
 * which is the list of the coming 1 December), and a fictional published
 * history for the years before, so hard-ghetto and transformation rules
 * have the five years they look back on. */
#include "domain/demo_lists.h"

#include <string.h>

#include "domain/keyfig.h"
#include "domain/lists_store.h"

#define DEMO_HISTORY_SOURCE "demo: fiktiv offentliggjort historik"

/* A stable per-area choice without a generator: FNV-1a of the code. */
static unsigned code_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

hh_err demo_lists(db *d, const demo_options *opt, hh_error *e)
{
    (void)opt;
    if (db_exec(d, "DELETE FROM list_value; DELETE FROM list_published", e))
        return HH_ERR_DB;
    int last = kf_latest_year(d);
    if (!last)
        return HH_OK;
    int64_t first_data = 0;
    if (!db_query_int64(d, "SELECT COALESCE(MIN(year), 0) FROM kf_agg WHERE level = 'area'", &first_data))
        return db_fail(d, e, "read key-figure years");
    if (!first_data)
        return HH_OK;
    size_t written;
    int first_list = (int)first_data + 2;
    hh_err rc = lists_derive(d, first_list, last + 1, &written, e);
    if (rc)
        return rc;
    /* History: the first derived year's values judged by the rules of the
     * four years before it, some areas on the list for all four, some for
     * two (so both outcomes of the look-back rules occur). */
    arena a;
    arena_init(&a);
    list_book b;
    rc = lists_load(d, &a, &b, e);
    for (size_t i = 0; i < b.n && !rc; i++) {
        if (b.rows[i].year != first_list)
            continue;
        unsigned h = code_hash(b.rows[i].area_code);
        for (int y = first_list - 4; y < first_list && !rc; y++) {
            const list_rule_set *rules = list_rules_for_year(y);
            if (!rules)
                continue;
            list_input in = b.rows[i];
            in.year = y;
            list_result r;
            list_classify(&in, rules, NULL, NULL, &r);
            unsigned cats = r.categories & (LIST_CAT_BIT(CAT_GHETTO) | LIST_CAT_BIT(CAT_UDSAT));
            if (h % 3 == 0 && y < first_list - 2)
                cats = 0; /* came on the list two years ago */
            list_status_row s = { .year = y, .categories = cats };
            memcpy(s.area_code, in.area_code, sizeof s.area_code);
            list_origin o = { DEMO_HISTORY_SOURCE, 0 };
            bool changed;
            rc = lists_put_published(d, &s, &o, &changed, e);
        }
    }
    arena_free(&a);
    return rc;
}
