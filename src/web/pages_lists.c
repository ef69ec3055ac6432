/* pages_lists.c - the official area lists in the browser and the API: the
 * lists of any year (table and map), each area's card with every criterion's
 * value, threshold, margin, rule text and input row, the forecast (how many
 * persons would have to change) and an editable what-if, and the area's
 * history across years and rule sets. Area-list values are aggregates of
 * areas of 1,000 residents or more: every logged-in user may read them. */
#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/boundary.h"
#include "domain/lists_store.h"
#include "http/json.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/svg.h"
#include "web/wtable.h"

/* ---- shared pieces ---- */

static bool load_book(http_req *req, list_book *b)
{
    hh_error e;
    if (lists_load(req->db, &req->a, b, &e)) {
        http_fail_db(req, "reading the area lists");
        return false;
    }
    return true;
}

/* A criterion value in Danish with its unit: "1.234", "42,3 %". */
static const char *crit_text(http_req *req, list_crit c, double v)
{
    if (isnan(v))
        return "–";
    char out[48];
    fmt_num_da(out, sizeof out, v, c == LC_RESIDENTS ? 0 : 1);
    return c == LC_RESIDENTS ? arena_strdup(&req->a, out) : arena_printf(&req->a, "%s %%", out);
}

static const char *cats_text(http_req *req, unsigned cats)
{
    if (!cats)
        return "Ingen";
    buf b;
    buf_init(&b, 0);
    for (int c = CAT_COUNT - 1; c >= 0; c--)
        if (cats & LIST_CAT_BIT(c))
            buf_printf(&b, "%s%s", b.len ? ", " : "", list_cat_name_da[c]);
    const char *s = arena_strdup(&req->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* Category badges, most severe first. */
static const char *cats_html(http_req *req, unsigned cats, bool computable)
{
    buf b;
    buf_init(&b, 0);
    if (!cats)
        html_printf(&b, "<span class=\"cat cat-none\">%s</span>", computable ? "Ingen liste" : "Kan ikke beregnes");
    int order[CAT_COUNT];
    int n = 0;
    for (int c = 0; c < CAT_COUNT; c++)
        if (cats & LIST_CAT_BIT(c))
            order[n++] = c;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && list_cat_severity[order[j]] > list_cat_severity[order[j - 1]]; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (int i = 0; i < n; i++)
        html_printf(&b, "<span class=\"cat cat-%s\">%s</span> ", list_cat_code[order[i]], list_cat_name_da[order[i]]);
    const char *s = arena_strdup(&req->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static const char *area_label(const list_book *b, size_t i)
{
    return b->info[i].name ? b->info[i].name : b->rows[i].area_code;
}

/* Earlier years' status for the what-if: published first, else computed. */
static unsigned book_history(void *ctx, const char *code, int year, bool *known)
{
    const list_book *b = ctx;
    unsigned c;
    if (lists_published(b, code, year, &c)) {
        *known = true;
        return c;
    }
    long i = lists_find(b, code, year);
    *known = i >= 0 && (b->res[i].computable || b->res[i].categories);
    return i >= 0 ? b->res[i].categories : 0;
}

/* The list years present, newest first. */
static int book_years(const list_book *b, int *years, int max)
{
    int n = 0;
    for (int y = b->last_year; y >= b->first_year && y && n < max; y--)
        for (size_t i = 0; i < b->n; i++)
            if (b->rows[i].year == y) {
                years[n++] = y;
                break;
            }
    return n;
}

static int query_list_year(http_req *req, const list_book *b)
{
    const char *s = http_query(req, "year");
    int y;
    return s && hh_parse_int(s, 1990, 2100, &y) ? y : b->last_year;
}

static void year_select(http_req *req, const list_book *b, int selected)
{
    int years[64];
    int n = book_years(b, years, 64);
    html_printf(&req->out, "<label for=\"year\">Listeår</label><select id=\"year\" name=\"year\">");
    for (int i = 0; i < n; i++)
        html_printf(&req->out, "<option%r>%d</option>", years[i] == selected ? " selected" : "", years[i]);
    html_printf(&req->out, "</select>");
}

/* What would have to change for test t to flip, in words. */
static const char *flip_text(http_req *req, const list_input *in, const list_result *r, int t)
{
    const list_test *test = &r->rules->test[t];
    const list_check *c = &r->check[t];
    if (c->met < 0)
        return "";
    bool estimated = false;
    double x = list_persons_to_flip(in, r, t, &estimated);
    if (isnan(x))
        return "";
    char n[48];
    double mag = fabs(x);
    bool met = c->met == 1;
    const char *est = estimated ? " (skøn)" : "";
    if (test->crit == LC_INCOME) {
        fmt_num_da(n, sizeof n, mag, 1);
        return arena_printf(&req->a, "%s %s procentpoint af regionens gennemsnit%s",
                            met ? "En stigning på" : "Et fald på", n, est);
    }
    fmt_num_da(n, sizeof n, ceil(mag), 0);
    static const char *const who[LC_COUNT] = {
        [LC_RESIDENTS] = "beboere",
        [LC_NON_WESTERN] = "beboere med ikke-vestlig baggrund",
        [LC_OUTSIDE_LABOUR] = "helårspersoner (18-64 år) uden for arbejdsmarked og uddannelse",
        [LC_CONVICTED] = "dømte beboere (18 år og derover)",
        [LC_EDUCATION] = "beboere (30-59 år) med kun grundskole",
    };
    bool upward = test->op != LIST_LT; /* met by being high */
    bool fewer = met == upward;
    return arena_printf(&req->a, "%s %s %s%s", n, fewer ? "færre" : "flere", who[test->crit] ? who[test->crit] : "",
                        est);
}

static const char *margin_text(http_req *req, const list_test *t, const list_check *c)
{
    if (isnan(c->margin))
        return "–";
    char n[48];
    fmt_num_da(n, sizeof n, fabs(c->margin), t->crit == LC_RESIDENTS ? 0 : 1);
    return arena_printf(&req->a, "%s%s%s",
                        c->margin > 0   ? "+"
                        : c->margin < 0 ? "−"
                                        : "",
                        n, t->crit == LC_RESIDENTS ? "" : " point");
}

static const char *met_text(int met)
{
    return met > 0 ? "Ja" : met == 0 ? "Nej" : "Kan ikke beregnes";
}

/* ---- the lists of a year ---- */

void page_lists(http_req *req)
{
    list_book b;
    if (!load_book(req, &b))
        return;
    int year = query_list_year(req, &b);
    const char *cat_s = http_query(req, "category");
    int cat = -1;
    for (int c = 0; cat_s && c < CAT_COUNT; c++)
        if (strcmp(cat_s, list_cat_code[c]) == 0)
            cat = c;
    static const wt_col cols[] = {
        { "Boligområde", false }, { "Kommune", false },       { "Kategorier", false },
        { "Beboere", true },      { "Ikke-vestlige", true },  { "Uden for arbejdsmarkedet", true },
        { "Dømte", true },        { "Kun grundskole", true }, { "Indkomst (% af region)", true }
    };
    wtable t;
    wt_init(&t, req, cols, HH_ARRAY_LEN(cols), arena_printf(&req->a, "Boligområder på listerne %d", year),
            arena_printf(&req->a, "omraadelister-%d", year));
    size_t count[CAT_COUNT] = { 0 }, listed = 0, not_computable = 0, areas = 0;
    const list_rule_set *rules = NULL;
    svg_map_value *mv = arena_zalloc(&req->a, (b.n ? b.n : 1) * sizeof(svg_map_value));
    size_t nmv = 0;
    for (size_t i = 0; i < b.n; i++) {
        if (b.rows[i].year != year)
            continue;
        const list_result *r = &b.res[i];
        rules = r->rules;
        areas++;
        for (int c = 0; c < CAT_COUNT; c++)
            if (r->categories & LIST_CAT_BIT(c))
                count[c]++;
        listed += r->categories != 0;
        not_computable += !r->computable;
        /* Areas on any list per municipality, for the map. */
        const char *m = b.info[i].municipality_code;
        if (m && r->categories) {
            size_t k = 0;
            while (k < nmv && strcmp(mv[k].code, m) != 0)
                k++;
            if (k == nmv)
                mv[nmv++] = (svg_map_value){ .code = m, .value = 0 };
            mv[k].value += 1;
        }
        if (cat >= 0 && !(r->categories & LIST_CAT_BIT(cat)))
            continue;
        const list_input *in = &b.rows[i];
        wt_cell *c = wt_row(&t);
        c[0] = (wt_cell){ .text = area_label(&b, i),
                          .href = arena_printf(&req->a, "/lister/%s?year=%d", in->area_code, year) };
        c[1] = (wt_cell){ .text = b.info[i].municipality_name ? b.info[i].municipality_name : "" };
        c[2] = (wt_cell){ .text = r->computable
                                      ? cats_text(req, r->categories)
                                      : arena_printf(&req->a, "%s (ufuldstændig)", cats_text(req, r->categories)),
                          .html = cats_html(req, r->categories, r->computable) };
        static const list_crit shown[] = { LC_RESIDENTS, LC_NON_WESTERN, LC_OUTSIDE_LABOUR,
                                           LC_CONVICTED, LC_EDUCATION,   LC_INCOME };
        for (size_t k = 0; k < HH_ARRAY_LEN(shown); k++)
            c[3 + k] = (wt_cell){ .text = crit_text(req, shown[k], in->v[shown[k]]), .sort = in->v[shown[k]] };
    }
    if (wt_csv_if_asked(req, &t))
        return;
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Områdelister" } };
    page pg = { .title = "Områdelister", .nav = "lists", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *o = &req->out;
    html_printf(o, "<h1>Områdelister %d</h1>\n", year);
    if (!b.n) {
        html_printf(o, "<p class=\"empty\">Der er ingen kriterieværdier endnu. Indlæs dem under "
                       "<a href=\"/import\">Import</a> (listeværdier), eller beregn dem med "
                       "<code>helhed lists compute</code>.</p>\n");
        page_end(req, 200);
        return;
    }
    html_printf(o,
                "<p class=\"lead\">Boligområder efter almenboliglovens § 61 a og § 61 b. Regelsæt: %s. "
                "Hvert område har et kort med kriterierne, tærsklerne og hvor langt der er til at komme på eller "
                "af listen.</p>\n",
                rules ? rules->name_da : "reglerne for året");
    html_printf(o, "<form class=\"filters\" method=\"get\" action=\"/lister\">");
    year_select(req, &b, year);
    html_printf(o, "<label for=\"category\">Kategori</label><select id=\"category\" name=\"category\">"
                   "<option value=\"\">Alle områder</option>");
    for (int c = 0; c < CAT_COUNT; c++)
        if (rules && (rules->categories & LIST_CAT_BIT(c)))
            html_printf(o, "<option value=\"%s\"%r>%s</option>", list_cat_code[c], c == cat ? " selected" : "",
                        list_cat_name_da[c]);
    html_printf(o, "</select><button type=\"submit\">Vis</button></form>\n");
    html_printf(o,
                "<ul class=\"stats\"><li><span class=\"stat-num\">%zu</span><span class=\"stat-label\">områder "
                "med værdier</span></li>",
                areas);
    for (int c = 0; c < CAT_COUNT; c++)
        if (rules && (rules->categories & LIST_CAT_BIT(c)))
            html_printf(o,
                        "<li><span class=\"stat-num\">%zu</span><span class=\"stat-label\"><a "
                        "href=\"/lister?year=%d&amp;category=%s\">%s</a></span></li>",
                        count[c], year, list_cat_code[c], list_cat_name_da[c]);
    html_printf(o, "</ul>\n");
    if (not_computable)
        notice(req, "warn",
               arena_printf(&req->a,
                            "%zu områder kan ikke klassificeres fuldt ud for %d, fordi en værdi eller et tidligere "
                            "års status mangler. Deres kort siger hvilken.",
                            not_computable, year));
    boundary_shape *shapes = NULL;
    size_t ns = 0;
    boundary_view view;
    hh_error e;
    if (listed && boundary_load(req->db, BOUNDARY_MUNICIPALITY, &req->a, &shapes, &ns, &e) == HH_OK && ns > 0 &&
        boundary_view_load(req->db, BOUNDARY_MUNICIPALITY, &view, &e) == HH_OK) {
        svg_map m = { .id = "listekort",
                      .title = arena_printf(&req->a, "Boligområder på en liste %d pr. kommune", year),
                      .unit = " områder",
                      .decimals = 0,
                      .shapes = shapes,
                      .nshapes = ns,
                      .view = &view,
                      .values = mv,
                      .nvalues = nmv,
                      .href = "/kommuner/{code}" };
        svg_choropleth(o, &m);
    }
    if (t.nrows)
        wt_html(req, &t);
    else
        html_printf(o, "<p class=\"empty\">Ingen områder i denne kategori i %d.</p>\n", year);
    html_printf(o,
                "<p class=\"export\">Data: <a href=\"%s\">CSV</a> · <a href=\"/api/v1/lists?year=%d\">JSON</a> · "
                "<a href=\"/lister/regler\">Reglerne for alle år</a></p>\n",
                wt_csv_link(req), year);
    page_end(req, 200);
}

/* ---- the rule sets ---- */

void page_list_rules(http_req *req)
{
    static const crumb crumbs[] = { { "/", "Forside" }, { "/lister", "Områdelister" }, { NULL, "Regler" } };
    page pg = { .title = "Reglerne for områdelisterne", .nav = "lists", .crumbs = crumbs, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *o = &req->out;
    html_printf(o, "<h1>Reglerne for områdelisterne</h1>\n<p class=\"lead\">Reglerne har skiftet fire gange. Helhed "
                   "bruger det regelsæt, der gjaldt for det listeår, der spørges om.</p>\n");
    for (size_t i = 0; i < list_nrule_sets; i++) {
        const list_rule_set *r = &list_rule_sets[i];
        html_printf(
            o,
            "<section class=\"card rules\" id=\"regler-%d\"><h2>%s</h2><p class=\"muted\">Listeår %d–%s · %s</p><ul>",
            r->code, r->name_da, r->first_year, r->last_year ? arena_printf(&req->a, "%d", r->last_year) : "",
            r->law_da);
        for (int k = 0; r->describe_da && k < r->ncats; k++)
            html_printf(o, "<li>%s</li>", r->describe_da[k]);
        html_printf(o, "</ul><details><summary>Kriterierne</summary><ul>");
        for (int k = 0; k < r->ntests; k++)
            html_printf(o, "<li>%s</li>", r->test[k].rule_da);
        html_printf(o, "</ul></details></section>\n");
    }
    page_end(req, 200);
}

/* ---- one area ---- */

/* The tests of a result as a table; numbers link to the input row. */
static void tests_table(http_req *req, const list_input *in, const list_result *r, const char *caption)
{
    buf *o = &req->out;
    html_printf(o,
                "<div class=\"table-wrap\"><table class=\"data tests\"><caption>%s</caption><thead><tr>"
                "<th scope=\"col\">Kriterium</th><th scope=\"col\">Regel</th><th scope=\"col\" class=\"num\">Værdi</th>"
                "<th scope=\"col\" class=\"num\">Tærskel</th><th scope=\"col\">Opfyldt</th>"
                "<th scope=\"col\" class=\"num\">Margin</th><th scope=\"col\">Det skal der til for at vende</th>"
                "</tr></thead><tbody>\n",
                caption);
    for (int t = 0; t < r->rules->ntests; t++) {
        const list_test *test = &r->rules->test[t];
        const list_check *c = &r->check[t];
        html_printf(o,
                    "<tr class=\"%s\"><th scope=\"row\">%s</th><td>%s</td><td class=\"num\"><a href=\"#ind-%s\">%s</a>"
                    "</td><td class=\"num\">%s</td><td>%s</td><td class=\"num\">%s</td><td>%s</td></tr>\n",
                    c->met > 0    ? "met"
                    : c->met == 0 ? "unmet"
                                  : "unknown",
                    list_crit_label_da[test->crit], test->rule_da, list_crit_column[test->crit],
                    crit_text(req, test->crit, c->value), crit_text(req, test->crit, c->threshold), met_text(c->met),
                    margin_text(req, test, c), flip_text(req, in, r, t));
    }
    html_printf(o, "</tbody></table></div>\n");
}

static void explanation(http_req *req, const list_input *in, const list_result *r)
{
    buf ex;
    buf_init(&ex, 0);
    list_explain_da(in, r, &ex);
    html_printf(&req->out, "<ul class=\"explain\">");
    const char *s = buf_cstr(&ex);
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (len)
            html_printf(&req->out, "<li>%s</li>", arena_strndup(&req->a, s, len));
        s += len + (nl != NULL);
    }
    html_printf(&req->out, "</ul>\n");
    buf_free(&ex);
}

/* Reads the what-if values of the form (?hvis=1&residents=…); false when
 * the form was not sent. Unparseable fields keep the current value and are
 * named in *bad. */
static bool what_if_input(http_req *req, const list_input *in, list_input *out, const char **bad)
{
    *out = *in;
    *bad = NULL;
    if (!http_query(req, "hvis"))
        return false;
    for (int c = 0; c < LC_COUNT; c++) {
        const char *s = http_query(req, list_crit_column[c]);
        double v;
        if (!s || !*s)
            continue;
        if (hh_parse_decimal(s, strlen(s), &v) && v >= 0 && (c == LC_RESIDENTS || c == LC_INCOME || v <= 100))
            out->v[c] = v;
        else
            *bad = list_crit_label_da[c];
    }
    return true;
}

static void what_if_form(http_req *req, const list_input *in, int year)
{
    buf *o = &req->out;
    html_printf(o,
                "<form class=\"whatif\" method=\"get\" action=\"/lister/%s#hvis\"><input type=\"hidden\" name=\"year\" "
                "value=\"%d\"><input type=\"hidden\" name=\"hvis\" value=\"1\"><fieldset><legend>Ændr værdierne og "
                "se, hvad området ville blive</legend><div class=\"whatif-grid\">",
                in->area_code, year);
    for (int c = 0; c < LC_COUNT; c++) {
        const char *s = http_query(req, list_crit_column[c]);
        char cur[48] = "";
        if (!isnan(in->v[c]))
            fmt_num_da(cur, sizeof cur, in->v[c], c == LC_RESIDENTS ? 0 : 2);
        /* No thousands separators in an input the user edits. */
        if (c == LC_RESIDENTS && !isnan(in->v[c]))
            snprintf(cur, sizeof cur, "%.0f", in->v[c]);
        html_printf(o,
                    "<label for=\"w-%s\">%s%s</label><input id=\"w-%s\" name=\"%s\" inputmode=\"decimal\" "
                    "size=\"8\" value=\"%s\">",
                    list_crit_column[c], list_crit_label_da[c], c == LC_RESIDENTS ? "" : " (%)", list_crit_column[c],
                    list_crit_column[c], s && http_query(req, "hvis") ? s : cur);
    }
    html_printf(o,
                "</div><button type=\"submit\">Beregn</button> <a href=\"/lister/%s?year=%d#hvis\">Nulstil</a>"
                "</fieldset></form>\n",
                in->area_code, year);
}

/* The input row with its origin: where "each number links back" to. */
static void input_row(http_req *req, const list_book *b, size_t i)
{
    buf *o = &req->out;
    const list_origin *og = &b->origin[i];
    const list_input *in = &b->rows[i];
    html_printf(o, "<section id=\"inddata\" aria-labelledby=\"h-inddata\"><h2 id=\"h-inddata\">Inddata %d</h2>",
                in->year);
    if (strcmp(og->source, LIST_SOURCE_KEYFIGURES) == 0)
        html_printf(o,
                    "<p>Beregnet af Helhed ud fra områdets nøgletal (data for %d og %d; andele uden for "
                    "arbejdsmarkedet og dømte er gennemsnit af de to år). Se <a href=\"/omraader/%s\">områdets "
                    "nøgletal</a>.</p>",
                    in->year - 2, in->year - 1, in->area_code);
    else
        html_printf(o, "<p>Fra filen <strong>%s</strong>, række %zu.</p>", og->source, og->row);
    html_printf(o, "<dl class=\"facts\">");
    for (int c = 0; c < LC_COUNT; c++)
        html_printf(o, "<div id=\"ind-%s\"><dt>%s <code>%s</code></dt><dd>%s</dd></div>", list_crit_column[c],
                    list_crit_label_da[c], list_crit_column[c], crit_text(req, c, in->v[c]));
    static const struct {
        const char *label;
        size_t off;
    } dens[] = { { "Personer 18-64 år", offsetof(list_input, persons_18_64) },
                 { "Personer 18 år og derover", offsetof(list_input, persons_18_plus) },
                 { "Personer 30-59 år", offsetof(list_input, persons_30_59) },
                 { "Skatteydere", offsetof(list_input, taxpayers) } };
    for (size_t k = 0; k < HH_ARRAY_LEN(dens); k++) {
        double v = *(const double *)((const char *)in + dens[k].off);
        if (!isnan(v))
            html_printf(o, "<div><dt>%s</dt><dd>%s</dd></div>", dens[k].label, crit_text(req, LC_RESIDENTS, v));
    }
    html_printf(o, "</dl></section>\n");
}

/* History: every year of the area with rule set, computed and published status. */
static void history(http_req *req, const list_book *b, size_t first, size_t last, int year)
{
    buf *o = &req->out;
    html_printf(o, "<section aria-labelledby=\"h-hist\"><h2 id=\"h-hist\">Historik</h2><div class=\"table-wrap\">"
                   "<table class=\"data\"><caption>Områdets status år for år</caption><thead><tr><th scope=\"col\">"
                   "Listeår</th><th scope=\"col\">Regelsæt</th><th scope=\"col\">Beregnet</th><th scope=\"col\">"
                   "Offentliggjort</th></tr></thead><tbody>\n");
    int lo = b->rows[first].year, hi = b->rows[last].year;
    for (size_t p = 0; p < b->npublished; p++)
        if (strcmp(b->published[p].area_code, b->rows[first].area_code) == 0 && b->published[p].year < lo)
            lo = b->published[p].year;
    for (int y = hi; y >= lo; y--) {
        long i = lists_find(b, b->rows[first].area_code, y);
        unsigned pub;
        bool has_pub = lists_published(b, b->rows[first].area_code, y, &pub);
        if (i < 0 && !has_pub)
            continue;
        const list_rule_set *rs = i >= 0 ? b->res[i].rules : list_rules_for_year(y);
        html_printf(o,
                    "<tr%r><th scope=\"row\"><a "
                    "href=\"/lister/%s?year=%d\">%d</a></th><td>%s</td><td>%r</td><td>%r</td></tr>\n",
                    y == year ? " class=\"current\"" : "", b->rows[first].area_code, y, y, rs ? rs->name_da : "–",
                    i >= 0 ? cats_html(req, b->res[i].categories, b->res[i].computable) : "–",
                    has_pub ? cats_html(req, pub, true) : "–");
    }
    html_printf(o, "</tbody></table></div>\n");
    /* One chart per criterion: the value against this year's threshold rule over the years. */
    int n = (int)(last - first + 1);
    static const list_crit charted[] = { LC_OUTSIDE_LABOUR, LC_EDUCATION, LC_INCOME, LC_NON_WESTERN, LC_CONVICTED };
    html_printf(o, "<div class=\"chart-grid\">");
    for (size_t k = 0; k < HH_ARRAY_LEN(charted); k++) {
        list_crit c = charted[k];
        double *vals = arena_alloc(&req->a, (size_t)n * sizeof(double));
        double *thr = arena_alloc(&req->a, (size_t)n * sizeof(double));
        bool any = false;
        for (int j = 0; j < n; j++) {
            const list_result *r = &b->res[first + (size_t)j];
            vals[j] = b->rows[first + (size_t)j].v[c];
            any |= !isnan(vals[j]);
            thr[j] = NAN;
            /* The first (list) threshold of this criterion in that year's rule set. */
            for (int t = 0; t < r->rules->ntests; t++)
                if (r->rules->test[t].crit == c) {
                    thr[j] = r->check[t].threshold;
                    break;
                }
        }
        if (!any)
            continue;
        svg_series s[2] = {
            { .label = "Området",
              .values = vals,
              .first_year = b->rows[first].year,
              .count = (size_t)n,
              .emphasis = true },
            { .label = "Tærskel", .values = thr, .first_year = b->rows[first].year, .count = (size_t)n }
        };
        svg_line_chart ch = { .id = arena_printf(&req->a, "hist-%s", list_crit_column[c]),
                              .title = arena_printf(&req->a, "%s pr. listeår", list_crit_label_da[c]),
                              .unit = " %",
                              .decimals = 1,
                              .series = s,
                              .nseries = 2 };
        svg_line(o, &ch);
    }
    html_printf(o, "</div></section>\n");
}

void page_list_area(http_req *req)
{
    list_book b;
    if (!load_book(req, &b))
        return;
    const char *code = http_param(req, "area");
    /* The area's rows are adjacent (ordered by code and year). */
    size_t first = 0;
    while (first < b.n && strcmp(b.rows[first].area_code, code) != 0)
        first++;
    if (first == b.n) {
        http_error(req, 404, "not_found", "Området har ingen listeværdier.", "area");
        return;
    }
    size_t last = first;
    while (last + 1 < b.n && strcmp(b.rows[last + 1].area_code, code) == 0)
        last++;
    const char *ys = http_query(req, "year");
    int year;
    if (!ys || !hh_parse_int(ys, 1990, 2100, &year))
        year = b.rows[last].year;
    long idx = lists_find(&b, code, year);
    if (idx < 0) {
        http_error(req, 404, "not_found", arena_printf(&req->a, "Området har ingen listeværdier for %d.", year),
                   "year");
        return;
    }
    size_t i = (size_t)idx;
    const list_input *in = &b.rows[i];
    const list_result *r = &b.res[i];
    const char *name = area_label(&b, i);
    crumb crumbs[] = { { "/", "Forside" },
                       { arena_printf(&req->a, "/lister?year=%d", year), "Områdelister" },
                       { NULL, name } };
    page pg = { .title = arena_printf(&req->a, "%s – områdelister %d", name, year),
                .nav = "lists",
                .crumbs = crumbs,
                .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *o = &req->out;
    html_printf(o, "<h1>%s <span class=\"muted\">%s</span></h1>\n", name, code);
    if (b.info[i].name)
        html_printf(o,
                    "<p class=\"lead\">Boligområde i %s · <a href=\"/omraader/%s\">Områdets nøgletal og "
                    "afdelinger</a></p>\n",
                    b.info[i].municipality_name ? b.info[i].municipality_name : "", code);
    html_printf(o,
                "<form class=\"filters\" method=\"get\" action=\"/lister/%s\"><label for=\"year\">Listeår</label>"
                "<select id=\"year\" name=\"year\">",
                code);
    for (size_t k = last + 1; k-- > first;)
        html_printf(o, "<option%r>%d</option>", b.rows[k].year == year ? " selected" : "", b.rows[k].year);
    html_printf(o, "</select><button type=\"submit\">Vis</button></form>\n");
    html_printf(o,
                "<section class=\"card verdict\" aria-labelledby=\"h-verdict\"><h2 id=\"h-verdict\">%d: %r</h2>"
                "<p class=\"muted\">%s · %s</p>",
                year, cats_html(req, r->categories, r->computable), r->rules->name_da, r->rules->law_da);
    unsigned pub;
    if (lists_published(&b, code, year, &pub) && pub != r->categories)
        html_printf(o, "<p>Offentliggjort status for %d: %r (bruges som historik i senere år).</p>", year,
                    cats_html(req, pub, true));
    if (!r->computable)
        notice(req, "warn", r->why_not);
    explanation(req, in, r);
    html_printf(o, "</section>\n");
    tests_table(req, in, r, arena_printf(&req->a, "Kriterierne %d", year));
    /* What-if. */
    list_input w;
    const char *bad;
    html_printf(o, "<section id=\"hvis\" aria-labelledby=\"h-hvis\"><h2 id=\"h-hvis\">Hvad nu hvis?</h2>");
    if (what_if_input(req, in, &w, &bad)) {
        if (bad)
            notice(req, "error",
                   arena_printf(&req->a,
                                "%s: skriv et tal (procenter mellem 0 og 100). Den oprindelige værdi er "
                                "brugt.",
                                bad));
        list_result wr;
        list_classify(&w, r->rules, book_history, &b, &wr);
        html_printf(o, "<p class=\"whatif-result\" role=\"status\">Med disse værdier: %r%r</p>",
                    cats_html(req, wr.categories, wr.computable),
                    wr.categories != r->categories ? arena_printf(&req->a, " <span class=\"muted\">(i dag: %s)</span>",
                                                                  cats_text(req, r->categories))
                                                   : " <span class=\"muted\">(uændret)</span>");
        tests_table(req, &w, &wr, "Kriterierne med de ændrede værdier");
    }
    what_if_form(req, in, year);
    html_printf(o, "</section>\n");
    input_row(req, &b, i);
    history(req, &b, first, last, year);
    html_printf(
        o,
        "<p class=\"export\">Data: <a href=\"/api/v1/lists/%s\">JSON</a> · <a href=\"/lister/regler#regler-%d\">"
        "Regelsættet</a></p>\n",
        code, r->rules->code);
    page_end(req, 200);
}

/* ---- API ---- */

static void json_result(jw *w, const list_input *in, const list_result *r, const list_origin *og)
{
    jw_obj(w);
    jw_kstr(w, "area_code", in->area_code);
    jw_kint(w, "year", in->year);
    jw_kint(w, "rule_set", r->rules->code);
    char cats[128];
    list_cats_join(r->categories, cats, sizeof cats);
    jw_key(w, "categories");
    jw_arr(w);
    for (int c = 0; c < CAT_COUNT; c++)
        if (r->categories & LIST_CAT_BIT(c))
            jw_str(w, list_cat_code[c]);
    jw_arr_end(w);
    int sev = list_most_severe(r->categories);
    jw_kstr(w, "most_severe", sev >= 0 ? list_cat_code[sev] : NULL);
    jw_kbool(w, "computable", r->computable);
    jw_kstr(w, "note", r->computable ? NULL : r->why_not);
    jw_key(w, "values");
    jw_obj(w);
    for (int c = 0; c < LC_COUNT; c++) {
        jw_key(w, list_crit_column[c]);
        jw_double(w, in->v[c]);
    }
    jw_obj_end(w);
    jw_key(w, "tests");
    jw_arr(w);
    for (int t = 0; t < r->rules->ntests; t++) {
        const list_test *test = &r->rules->test[t];
        bool est = false;
        jw_obj(w);
        jw_kstr(w, "id", test->id);
        jw_kstr(w, "criterion", list_crit_column[test->crit]);
        jw_kstr(w, "rule", test->rule_da);
        jw_key(w, "value");
        jw_double(w, r->check[t].value);
        jw_key(w, "threshold");
        jw_double(w, r->check[t].threshold);
        jw_key(w, "met");
        if (r->check[t].met < 0)
            jw_null(w);
        else
            jw_bool(w, r->check[t].met == 1);
        jw_key(w, "margin");
        jw_double(w, r->check[t].margin);
        jw_key(w, "persons_to_flip");
        jw_double(w, list_persons_to_flip(in, r, t, &est));
        jw_kbool(w, "estimated", est);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    buf ex;
    buf_init(&ex, 0);
    list_explain_da(in, r, &ex);
    jw_kstr(w, "explanation", buf_cstr(&ex));
    buf_free(&ex);
    if (og) {
        jw_key(w, "source");
        jw_obj(w);
        jw_kstr(w, "file", og->source);
        jw_kint(w, "row", (int64_t)og->row);
        jw_obj_end(w);
    }
    jw_obj_end(w);
}

static void respond(http_req *req, int status)
{
    buf_putc(&req->out, '\n');
    http_respond(req, status, "application/json");
}

/* GET /api/v1/lists?year=Y[&category=C] */
void api_lists(http_req *req)
{
    list_book b;
    if (!load_book(req, &b))
        return;
    int year = query_list_year(req, &b);
    const char *cat = http_query(req, "category");
    unsigned want = 0;
    hh_error e;
    if (cat && !list_cats_parse(cat, &want, &e)) {
        http_error(req, 400, "invalid", e.msg, "category");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "year", year);
    jw_key(&w, "areas");
    jw_arr(&w);
    for (size_t i = 0; i < b.n; i++)
        if (b.rows[i].year == year && (!want || (b.res[i].categories & want)))
            json_result(&w, &b.rows[i], &b.res[i], &b.origin[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    respond(req, 200);
}

/* GET /api/v1/lists/{area}: every year of the area. */
void api_list_area(http_req *req)
{
    list_book b;
    if (!load_book(req, &b))
        return;
    const char *code = http_param(req, "area");
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kstr(&w, "area_code", code);
    jw_key(&w, "years");
    jw_arr(&w);
    size_t found = 0;
    for (size_t i = 0; i < b.n; i++)
        if (strcmp(b.rows[i].area_code, code) == 0) {
            json_result(&w, &b.rows[i], &b.res[i], &b.origin[i]);
            found++;
        }
    jw_arr_end(&w);
    jw_key(&w, "published");
    jw_arr(&w);
    for (size_t i = 0; i < b.npublished; i++)
        if (strcmp(b.published[i].area_code, code) == 0) {
            char cats[128];
            list_cats_join(b.published[i].categories, cats, sizeof cats);
            jw_obj(&w);
            jw_kint(&w, "year", b.published[i].year);
            jw_kstr(&w, "categories", cats);
            jw_kstr(&w, "source", b.published_origin[i].source);
            jw_obj_end(&w);
            found++;
        }
    jw_arr_end(&w);
    jw_obj_end(&w);
    if (!found) {
        buf_reset(&req->out);
        http_error(req, 404, "not_found", "no list values for this area", "area");
        return;
    }
    respond(req, 200);
}

/* POST /api/v1/lists/classify {"area_code": "...", "year": Y, "values": {...},
 * "rule_set": 2021}: classifies given values (a what-if); earlier years'
 * statuses come from the stored lists when the area code is known. */
void api_lists_classify(http_req *req)
{
    json_t *body = http_json_body(req);
    if (!body || !json_is_object(body)) {
        http_error(req, 400, "invalid", "expected a JSON object", NULL);
        return;
    }
    list_input in;
    memset(&in, 0, sizeof in);
    json_t *code = json_object_get(body, "area_code"), *year = json_object_get(body, "year"),
           *values = json_object_get(body, "values"), *rs = json_object_get(body, "rule_set");
    hh_strlcpy(in.area_code, json_is_string(code) ? json_string_value(code) : "", sizeof in.area_code);
    if (!json_is_integer(year) || json_integer_value(year) < 1990 || json_integer_value(year) > 2100) {
        http_error(req, 422, "invalid", "year: expected a list year 1990-2100", "year");
        return;
    }
    in.year = (int)json_integer_value(year);
    for (int c = 0; c < LC_COUNT; c++)
        in.v[c] = NAN;
    in.persons_18_64 = in.persons_18_plus = in.persons_30_59 = in.taxpayers = NAN;
    for (int c = 0; c < LC_COUNT; c++) {
        json_t *v = values ? json_object_get(values, list_crit_column[c]) : NULL;
        if (!v || json_is_null(v))
            continue;
        if (!json_is_number(v) || json_number_value(v) < 0 ||
            (c != LC_RESIDENTS && c != LC_INCOME && json_number_value(v) > 100)) {
            http_error(req, 422, "invalid",
                       arena_printf(&req->a, "values.%s: expected a number%s", list_crit_column[c],
                                    c == LC_RESIDENTS || c == LC_INCOME ? " >= 0" : " from 0 to 100"),
                       list_crit_column[c]);
            return;
        }
        in.v[c] = json_number_value(v);
    }
    const list_rule_set *rules = list_rules_for_year(in.year);
    if (rs && !json_is_null(rs)) {
        rules = json_is_integer(rs) ? list_rules_by_code((int)json_integer_value(rs)) : NULL;
        if (!rules) {
            http_error(req, 422, "invalid", "rule_set: expected 2010, 2013, 2018 or 2021", "rule_set");
            return;
        }
    }
    if (!rules) {
        http_error(req, 422, "invalid", "year: no rule set before 2010", "year");
        return;
    }
    list_book b;
    if (!load_book(req, &b))
        return;
    list_result r;
    list_classify(&in, rules, book_history, &b, &r);
    jw w;
    jw_init(&w, &req->out);
    json_result(&w, &in, &r, NULL);
    respond(req, 200);
}

/* ---- on other pages ---- */

void lists_area_summary(http_req *req, const char *area_code)
{
    list_book b;
    hh_error e;
    if (lists_load(req->db, &req->a, &b, &e))
        return; /* the area page stands without it */
    long last = -1;
    for (size_t i = 0; i < b.n; i++)
        if (strcmp(b.rows[i].area_code, area_code) == 0)
            last = (long)i;
    if (last < 0)
        return;
    const list_result *r = &b.res[last];
    html_printf(&req->out,
                "<p class=\"list-summary\">Områdelister %d: %r · <a href=\"/lister/%s\">Kriterier, "
                "prognose og historik</a></p>\n",
                r->year, cats_html(req, r->categories, r->computable), area_code);
}
