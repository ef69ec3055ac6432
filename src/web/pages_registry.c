/* pages_registry.c - the registry and key figures in the browser:
 * organisations, departments and areas with their profiles, the key-figure
 * catalogue with rankings and the map, and search. Department detail follows
 * the caller's read scope; viewers see totals only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "domain/boundary.h"
#include "domain/geo.h"
#include "domain/keyfig.h"
#include "domain/registry.h"
#include "http/respcache.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/profile.h"
#include "web/registry_web.h"
#include "web/svg.h"
#include "web/web_keyfig.h"
#include "web/wtable.h"

static const char *fmt_int(http_req *req, int64_t v)
{
    char out[48];
    return arena_strdup(&req->a, fmt_num_da(out, sizeof out, (double)v, 0));
}

static const char *dept_href(http_req *req, int64_t org_no, int64_t dno)
{
    return arena_printf(&req->a, "/afdelinger/%lld-%lld", (long long)org_no, (long long)dno);
}

static int query_year(http_req *req)
{
    const char *s = http_query(req, "year");
    int y;
    return s && hh_parse_int(s, 1990, 2100, &y) ? y : kf_latest_year(req->db);
}

static int query_kf(http_req *req, const char *fallback)
{
    const char *s = http_query(req, "key_figure");
    int k = s ? kf_find(s) : -1;
    return k >= 0 ? k : kf_find(fallback);
}

static bool can_write(http_req *req, role_id r)
{
    principal *p = web_principal(req);
    return p && (principal_has_role(p, ROLE_ADMIN) || principal_has_role(p, r));
}

/* A <select> of the catalogue grouped by spiral link. */
static void kf_select(http_req *req, int selected)
{
    buf *b = &req->out;
    html_printf(b, "<label for=\"key_figure\">Nøgletal</label><select id=\"key_figure\" name=\"key_figure\">");
    for (int l = 0; l < LINK_COUNT; l++) {
        html_printf(b, "<optgroup label=\"%s\">", kf_link_label[l]);
        for (size_t i = 0; i < kf_count; i++)
            if ((int)kf_catalogue[i].link == l)
                html_printf(b, "<option value=\"%s\"%r>%s</option>", kf_catalogue[i].code,
                            (int)i == selected ? " selected" : "", kf_catalogue[i].name_da);
        html_printf(b, "</optgroup>");
    }
    html_printf(b, "</select>");
}

static void year_select(http_req *req, int selected)
{
    int last = kf_latest_year(req->db);
    if (!last)
        return;
    html_printf(&req->out, "<label for=\"year\">År</label><select id=\"year\" name=\"year\">");
    for (int y = last; y > last - 10; y--)
        html_printf(&req->out, "<option%r>%d</option>", y == selected ? " selected" : "", y);
    html_printf(&req->out, "</select>");
}

/* ---- organisations ---- */

void page_organisations(http_req *req)
{
    const char *q = http_query(req, "q");
    reg_scope s;
    reg_scope_aggregate(web_principal(req), &req->a, &s);
    organisation *o;
    size_t n;
    hh_error e;
    if (reg_organisations(req->db, &s, &req->a, q, &o, &n, &e)) {
        http_fail_db(req, "reading organisations");
        return;
    }
    static const wt_col cols[] = { { "Nr.", true },
                                   { "Boligorganisation", false },
                                   { "Hovedkontor", false },
                                   { "Afdelinger", true },
                                   { "Boliger", true } };
    wtable t;
    wt_init(&t, req, cols, 5, NULL, "boligorganisationer");
    for (size_t i = 0; i < n; i++) {
        wt_cell *c = wt_row(&t);
        c[0] = (wt_cell){ .text = fmt_int(req, o[i].org_no), .sort = (double)o[i].org_no };
        c[1] = (wt_cell){ .text = o[i].name,
                          .href = arena_printf(&req->a, "/organisationer/%lld", (long long)o[i].org_no) };
        c[2] = (wt_cell){ .text = o[i].municipality_name };
        c[3] = (wt_cell){ .text = fmt_int(req, o[i].departments), .sort = (double)o[i].departments };
        c[4] = (wt_cell){ .text = fmt_int(req, o[i].dwellings), .sort = (double)o[i].dwellings };
    }
    if (wt_csv_if_asked(req, &t))
        return;
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Boligorganisationer" } };
    page pg = { .title = "Boligorganisationer", .nav = "registry", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Boligorganisationer</h1>\n");
    search_form(req, "/organisationer", "Søg på navn, nummer eller CVR", q, NULL);
    if (can_write(req, ROLE_ORGANISATION))
        html_printf(
            b, "<p class=\"actions\"><a class=\"button\" href=\"/import\">Importér register eller "
               "nøgletal</a> <a class=\"button secondary\" href=\"/organisationer/ny\">Ny boligorganisation</a></p>\n");
    html_printf(b, "<p class=\"result-count\">%s boligorganisationer</p>\n", fmt_int(req, (int64_t)n));
    wt_html(req, &t);
    page_end(req, 200);
}

void page_organisation(http_req *req)
{
    organisation o;
    if (!web_load_org(req, &o))
        return;
    int kf = query_kf(req, "outside_labour_share"), year = query_year(req);
    const key_figure *k = &kf_catalogue[kf];
    org_table ot;
    reg_scope rs;
    reg_scope_read(web_principal(req), &req->a, &rs);
    /* Department rows only for callers who may see departments of this
     * organisation; the total for every caller who sees the organisation. */
    department *deps = NULL;
    size_t nd = 0;
    hh_error e;
    dept_filter f = { .org_no = o.org_no };
    if (reg_departments(req->db, &rs, &req->a, &f, &deps, &nd, &e)) {
        http_fail_db(req, "reading departments");
        return;
    }
    if (!web_org_table(req, &o, kf, year, &ot))
        return;
    static const wt_col cols[] = { { "Afdeling", false }, { "Navn", false },  { "Kommune", false },
                                   { "Boliger", true },   { "Opført", true }, { "Værdi", true } };
    wtable t;
    wt_init(&t, req, cols, 6, NULL, arena_printf(&req->a, "afdelinger-%lld", (long long)o.org_no));
    svg_bar *bars = arena_zalloc(&req->a, (nd + 1) * sizeof(svg_bar));
    size_t nb = 0;
    char text[64];
    for (size_t i = 0; i < nd; i++) {
        const department *d = &deps[i];
        wt_cell *c = wt_row(&t);
        const char *key = arena_printf(&req->a, "%lld-%lld", (long long)d->org_no, (long long)d->department_no);
        c[0] = (wt_cell){ .text = key, .href = dept_href(req, d->org_no, d->department_no) };
        c[1] = (wt_cell){ .text = d->name };
        c[2] = (wt_cell){ .text = d->municipality_name };
        c[3] = (wt_cell){ .text = fmt_int(req, department_dwellings(d)), .sort = (double)department_dwellings(d) };
        c[4] = (wt_cell){ .text = d->build_year ? arena_printf(&req->a, "%lld", (long long)d->build_year) : "",
                          .sort = d->build_year ? (double)d->build_year : NAN };
        c[5] = (wt_cell){ .text = "-" };
        for (size_t j = 0; j < ot.n; j++) {
            if (strcmp(ot.rows[j].code, key) != 0)
                continue;
            bool sup = ot.cells[j].suppressed;
            c[5].text = arena_strdup(&req->a, kf_format(k, &ot.cells[j].parts, sup, text, sizeof text));
            c[5].sort = sup ? NAN : kf_result(k, &ot.cells[j].parts);
            bars[nb++] = (svg_bar){ .label = d->name, .value = c[5].sort, .suppressed = sup, .href = c[0].href };
        }
    }
    if (wt_csv_if_asked(req, &t))
        return;
    crumb crumbs[] = { { "/", "Forside" }, { "/organisationer", "Boligorganisationer" }, { NULL, o.name } };
    page pg = { .title = o.name, .nav = "registry", .crumbs = crumbs, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b,
                "<h1>%s</h1>\n<dl class=\"facts\"><div><dt>Organisationsnummer</dt><dd>%D</dd></div>"
                "<div><dt>CVR</dt><dd>%s</dd></div><div><dt>Administrator</dt><dd>%s</dd></div>"
                "<div><dt>Hovedkontor</dt><dd>%s</dd></div><div><dt>Afdelinger</dt><dd>%s</dd></div>"
                "<div><dt>Boliger</dt><dd>%s</dd></div></dl>\n",
                o.name, o.org_no, *o.cvr ? o.cvr : "-", *o.administrator ? o.administrator : "-",
                *o.municipality_name ? o.municipality_name : "-", fmt_int(req, o.departments),
                fmt_int(req, o.dwellings));
    if (can_write(req, ROLE_ORGANISATION))
        html_printf(b,
                    "<p class=\"actions\"><a class=\"button secondary\" href=\"/organisationer/%D/rediger\">Redigér"
                    "</a> <a class=\"button secondary\" href=\"/afdelinger/ny?org_no=%D\">Ny afdeling</a></p>\n",
                    o.org_no, o.org_no);
    html_printf(b,
                "<section aria-labelledby=\"tal\"><h2 id=\"tal\">Nøgletal %d</h2>\n"
                "<form class=\"filters\" method=\"get\">",
                year);
    kf_select(req, kf);
    year_select(req, year);
    html_printf(b, "<button type=\"submit\">Vis</button></form>\n");
    html_printf(b, "<p class=\"total\">%s for hele organisationen: <strong>%s</strong></p>\n", k->name_da,
                kf_format(k, &ot.total, ot.total_suppressed, text, sizeof text));
    if (nb) {
        svg_bar_chart bc = { .id = "org-bars",
                             .title = arena_printf(&req->a, "%s %d pr. afdeling", k->name_da, year),
                             .unit = arena_printf(&req->a, " %s", k->unit),
                             .decimals = k->decimals,
                             .bars = bars,
                             .nbars = nb };
        svg_bars(b, &bc);
    }
    html_printf(b, "</section>\n<section aria-labelledby=\"afd\"><h2 id=\"afd\">Afdelinger</h2>\n");
    if (nd)
        wt_html(req, &t);
    else
        html_printf(b, "<p class=\"empty\">Din adgang viser kun organisationens samlede tal.</p>\n");
    html_printf(b,
                "</section>\n<p class=\"export\">Data: <a href=\"/api/v1/organisations/%D/keyfigures?key_figure=%s"
                "&amp;year=%d\">JSON</a></p>\n",
                o.org_no, k->code, year);
    page_end(req, 200);
}

/* ---- departments ---- */

void page_departments(http_req *req)
{
    reg_scope s;
    reg_scope_read(web_principal(req), &req->a, &s);
    const char *q = http_query(req, "q"), *muni = http_query(req, "municipality");
    dept_filter f = { .q = q, .municipality_code = muni && *muni ? muni : NULL, .limit = 2000 };
    department *d;
    size_t n;
    hh_error e;
    if (reg_departments(req->db, &s, &req->a, &f, &d, &n, &e)) {
        http_fail_db(req, "reading departments");
        return;
    }
    static const wt_col cols[] = { { "Afdeling", false }, { "Navn", false },   { "Boligorganisation", false },
                                   { "Kommune", false },  { "Boliger", true }, { "Opført", true } };
    wtable t;
    wt_init(&t, req, cols, 6, NULL, "afdelinger");
    for (size_t i = 0; i < n; i++) {
        wt_cell *c = wt_row(&t);
        c[0] = (wt_cell){ .text =
                              arena_printf(&req->a, "%lld-%lld", (long long)d[i].org_no, (long long)d[i].department_no),
                          .href = dept_href(req, d[i].org_no, d[i].department_no) };
        c[1] = (wt_cell){ .text = d[i].name };
        c[2] = (wt_cell){ .text = d[i].org_name,
                          .href = arena_printf(&req->a, "/organisationer/%lld", (long long)d[i].org_no) };
        c[3] = (wt_cell){ .text = d[i].municipality_name };
        c[4] =
            (wt_cell){ .text = fmt_int(req, department_dwellings(&d[i])), .sort = (double)department_dwellings(&d[i]) };
        c[5] = (wt_cell){ .text = d[i].build_year ? arena_printf(&req->a, "%lld", (long long)d[i].build_year) : "",
                          .sort = d[i].build_year ? (double)d[i].build_year : NAN };
    }
    if (wt_csv_if_asked(req, &t))
        return;
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Afdelinger" } };
    page pg = { .title = "Afdelinger", .nav = "departments", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b,
                "<h1>Afdelinger</h1>\n<form class=\"filters\" role=\"search\" method=\"get\">"
                "<label for=\"q\">Søg på navn, adresse, organisation eller nummer (fx 101-1)</label>"
                "<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\">"
                "<label for=\"municipality\">Kommunekode</label>"
                "<input id=\"municipality\" name=\"municipality\" inputmode=\"numeric\" size=\"4\" value=\"%s\">"
                "<button type=\"submit\">Søg</button></form>\n",
                q ? q : "", muni ? muni : "");
    html_printf(b, "<p class=\"result-count\">%s afdelinger%s</p>\n", fmt_int(req, (int64_t)n),
                n == f.limit ? " (de første; afgræns søgningen)" : "");
    if (n)
        wt_html(req, &t);
    else
        html_printf(b, "<p class=\"empty\">Ingen afdelinger at vise.</p>\n");
    page_end(req, 200);
}

/* Values of one figure of a set for the years first..last (NAN gaps). */
static double *series_values(http_req *req, const profile_set *s, int kf, int first, int last, bool *any)
{
    size_t n;
    const kf_row *r = profile_figure(s, kf, &n);
    double *v = arena_alloc(&req->a, (size_t)(last - first + 1) * sizeof(double));
    for (int y = first; y <= last; y++)
        v[y - first] = NAN;
    for (size_t i = 0; i < n; i++) {
        if (r[i].year < first || r[i].year > last || r[i].suppressed)
            continue;
        v[r[i].year - first] = kf_result(&kf_catalogue[kf], &r[i].parts);
        if (!isnan(v[r[i].year - first]))
            *any = true;
    }
    return v;
}

static const char *latest_text(http_req *req, const profile_set *s, int kf, int year)
{
    size_t n;
    const kf_row *r = profile_figure(s, kf, &n);
    char text[64];
    for (size_t i = 0; i < n; i++)
        if (r[i].year == year)
            return arena_strdup(&req->a, kf_format(&kf_catalogue[kf], &r[i].parts, r[i].suppressed, text, sizeof text));
    return "-";
}

/* The profile: per link of the spiral a table of the latest values beside the
 * comparisons, then a trend chart per figure. */
static void profile_html(http_req *req, const profile *p)
{
    buf *b = &req->out;
    if (!p->last_year) {
        html_printf(b, "<p class=\"empty\">Der er endnu ingen nøgletal. Nøgletal indlæses under "
                       "<a href=\"/import\">Import</a>.</p>\n");
        return;
    }
    int first = p->first_year, last = p->last_year;
    for (int l = 0; l < LINK_COUNT; l++) {
        wt_col *cols = arena_zalloc(&req->a, (3 + p->ncmp) * sizeof(wt_col));
        cols[0] = (wt_col){ "Nøgletal", false };
        cols[1] = (wt_col){ arena_printf(&req->a, "%s %d", p->unit.label, last), true };
        for (size_t c = 0; c < p->ncmp; c++)
            cols[2 + c] = (wt_col){ p->cmp[c].label, true };
        cols[2 + p->ncmp] = (wt_col){ arena_printf(&req->a, "Udvikling %d-%d", first, last), false };
        wtable t;
        wt_init(&t, req, cols, 3 + p->ncmp, NULL, "profil");
        buf charts;
        buf_init(&charts, 0);
        for (size_t i = 0; i < kf_count; i++) {
            if ((int)kf_catalogue[i].link != l)
                continue;
            const key_figure *k = &kf_catalogue[i];
            bool any = false;
            double *mine = series_values(req, &p->unit, (int)i, first, last, &any);
            if (!any)
                continue;
            wt_cell *c = wt_row(&t);
            c[0] = (wt_cell){ .text = k->name_da, .href = arena_printf(&req->a, "/noegletal/%s", k->code) };
            c[1] = (wt_cell){ .text = latest_text(req, &p->unit, (int)i, last) };
            svg_series *series = arena_zalloc(&req->a, (1 + p->ncmp) * sizeof(svg_series));
            series[0] = (svg_series){ p->unit.label, mine, first, (size_t)(last - first + 1), true };
            for (size_t s = 0; s < p->ncmp; s++) {
                bool any_cmp = false;
                c[2 + s] = (wt_cell){ .text = latest_text(req, &p->cmp[s], (int)i, last) };
                series[1 + s] =
                    (svg_series){ p->cmp[s].label, series_values(req, &p->cmp[s], (int)i, first, last, &any_cmp), first,
                                  (size_t)(last - first + 1), false };
            }
            buf spark;
            buf_init(&spark, 0);
            svg_spark sp = { k->name_da, mine, first, (size_t)(last - first + 1), arena_printf(&req->a, " %s", k->unit),
                             k->decimals };
            svg_sparkline(&spark, &sp);
            c[2 + p->ncmp] = (wt_cell){ .text = "", .html = arena_strdup(&req->a, buf_cstr(&spark)) };
            buf_free(&spark);
            svg_line_chart lc = { .id = arena_printf(&req->a, "trend-%s", k->code),
                                  .title = arena_printf(&req->a, "%s %d-%d", k->name_da, first, last),
                                  .unit = arena_printf(&req->a, " %s", k->unit),
                                  .decimals = k->decimals,
                                  .zero_based = k->kind == KF_AMOUNT,
                                  .series = series,
                                  .nseries = 1 + p->ncmp };
            html_printf(&charts, "<figure class=\"chart-card\"><figcaption>%s</figcaption>", k->name_da);
            svg_line(&charts, &lc);
            html_printf(&charts, "</figure>\n");
        }
        if (t.nrows) {
            html_printf(b, "<section class=\"link\" aria-labelledby=\"link-%s\"><h2 id=\"link-%s\">%s</h2>\n",
                        kf_link_code[l], kf_link_code[l], kf_link_label[l]);
            wt_html(req, &t);
            html_printf(b,
                        "<details class=\"charts\"><summary>Vis udviklingen som grafer</summary>"
                        "<div class=\"chart-grid\">%r</div></details></section>\n",
                        buf_cstr(&charts));
        }
        buf_free(&charts);
    }
}

/* ?format=csv on a profile page: every figure and year of the unit beside
 * its comparisons, as shown (suppressed). Returns true when it answered. */
static bool profile_csv(http_req *req, const void *unit, profile_load_fn load, const char *name)
{
    const char *f = http_query(req, "format");
    if (!f || strcmp(f, "csv") != 0)
        return false;
    profile p;
    if (!load(req, unit, &p))
        return true;
    wt_col *cols = arena_zalloc(&req->a, (3 + p.ncmp) * sizeof(wt_col));
    cols[0] = (wt_col){ "Nøgletal", false };
    cols[1] = (wt_col){ "År", true };
    cols[2] = (wt_col){ p.unit.label, true };
    for (size_t c = 0; c < p.ncmp; c++)
        cols[3 + c] = (wt_col){ p.cmp[c].label, true };
    wtable t;
    wt_init(&t, req, cols, 3 + p.ncmp, NULL, name);
    for (size_t i = 0; i < kf_count; i++)
        for (int y = p.first_year; y && y <= p.last_year; y++) {
            wt_cell *c = wt_row(&t);
            c[0] = (wt_cell){ .text = kf_catalogue[i].name_da };
            c[1] = (wt_cell){ .text = arena_printf(&req->a, "%d", y) };
            c[2] = (wt_cell){ .text = latest_text(req, &p.unit, (int)i, y) };
            for (size_t k = 0; k < p.ncmp; k++)
                c[3 + k] = (wt_cell){ .text = latest_text(req, &p.cmp[k], (int)i, y) };
        }
    wt_csv_if_asked(req, &t);
    return true;
}

/* The profile part of a page, from the fragment cache when current (the
 * profile is the same for everyone who may see the unit). */
static bool profile_part(http_req *req, const void *unit, profile_load_fn load)
{
    int64_t version;
    const char *key = arena_printf(&req->a, "profile %s", req->raw_uri);
    if (respcache_fragment(req, key, "keyfigures", &version))
        return true;
    size_t from = req->out.len;
    profile p;
    if (!load(req, unit, &p))
        return false;
    profile_html(req, &p);
    respcache_fragment_store(req, key, version, from);
    return true;
}

void page_department(http_req *req)
{
    department d;
    if (!web_load_dept(req, &d) ||
        profile_csv(req, &d, profile_load_dept,
                    arena_printf(&req->a, "afdeling-%lld-%lld", (long long)d.org_no, (long long)d.department_no)))
        return;
    const char *key = arena_printf(&req->a, "%lld-%lld", (long long)d.org_no, (long long)d.department_no);
    crumb crumbs[] = { { "/", "Forside" },
                       { arena_printf(&req->a, "/organisationer/%lld", (long long)d.org_no), d.org_name },
                       { NULL, d.name } };
    page pg = { .title = d.name, .nav = "departments", .crumbs = crumbs, .ncrumbs = 3 };
    housing_area *areas;
    size_t na;
    hh_error e;
    if (reg_department_areas(req->db, &req->a, d.id, &areas, &na, &e)) {
        http_fail_db(req, "reading areas");
        return;
    }
    page_begin(req, &pg);
    buf *b = &req->out;
    char rent[48], outdoor[48];
    html_printf(b,
                "<h1>%s <span class=\"muted\">afdeling %s</span></h1>\n<p class=\"lead\">%s · %s · "
                "<a href=\"/organisationer/%D\">%s</a></p>\n"
                "<dl class=\"facts\"><div><dt>Boliger</dt><dd>%s</dd></div>"
                "<div><dt>Familie / ældre / ungdom</dt><dd>%D / %D / %D</dd></div>"
                "<div><dt>Opført</dt><dd>%s</dd></div><div><dt>Husleje pr. m² pr. år</dt><dd>%s kr.</dd></div>"
                "<div><dt>Udearealer</dt><dd>%s m²</dd></div><div><dt>Sammenlignes med</dt><dd>%s</dd></div></dl>\n",
                d.name, key, *d.address ? d.address : "Adresse ikke oplyst", d.municipality_name, d.org_no, d.org_name,
                fmt_int(req, department_dwellings(&d)), d.dwellings_family, d.dwellings_elderly, d.dwellings_youth,
                d.build_year ? arena_printf(&req->a, "%lld", (long long)d.build_year) : "ukendt",
                fmt_num_da(rent, sizeof rent, d.rent_per_m2, 0),
                fmt_num_da(outdoor, sizeof outdoor, d.outdoor_area_m2, 0), kf_peer_label(&req->a, d.peer_group));
    if (na) {
        html_printf(b, "<p>Boligområde: ");
        for (size_t i = 0; i < na; i++)
            html_printf(b, "%r<a href=\"/omraader/%s\">%s</a>", i ? ", " : "", areas[i].code, areas[i].name);
        html_printf(b, "</p>\n");
    }
    if (can_write(req, ROLE_ORGANISATION))
        html_printf(b,
                    "<p class=\"actions\"><a class=\"button secondary\" href=\"/afdelinger/%s/rediger\">Redigér "
                    "stamdata</a></p>\n",
                    key);
    warning_panel(req, 0, d.id);
    plans_registry_section(req, d.id, 0);
    if (!profile_part(req, &d, profile_load_dept))
        return;
    html_printf(b,
                "<p class=\"export\">Data: <a href=\"/api/v1/departments/%s/keyfigures\">JSON</a> · "
                "<a href=\"/api/v1/keyfigures/values?level=department&amp;format=csv\">alle afdelinger (CSV)</a></p>\n",
                key);
    page_end(req, 200);
}

/* ---- areas ---- */

void page_areas(http_req *req)
{
    reg_scope s;
    reg_scope_aggregate(web_principal(req), &req->a, &s);
    const char *q = http_query(req, "q");
    housing_area *a;
    size_t n;
    hh_error e;
    if (reg_areas(req->db, &s, &req->a, q, &a, &n, &e)) {
        http_fail_db(req, "reading areas");
        return;
    }
    static const wt_col cols[] = {
        { "Kode", false }, { "Boligområde", false }, { "Kommune", false }, { "Afdelinger", true }, { "Boliger", true }
    };
    wtable t;
    wt_init(&t, req, cols, 5, NULL, "boligomraader");
    for (size_t i = 0; i < n; i++) {
        wt_cell *c = wt_row(&t);
        c[0] = (wt_cell){ .text = a[i].code };
        c[1] = (wt_cell){ .text = a[i].name, .href = arena_printf(&req->a, "/omraader/%s", a[i].code) };
        c[2] = (wt_cell){ .text = a[i].municipality_name };
        c[3] = (wt_cell){ .text = fmt_int(req, a[i].departments), .sort = (double)a[i].departments };
        c[4] = (wt_cell){ .text = fmt_int(req, a[i].dwellings), .sort = (double)a[i].dwellings };
    }
    if (wt_csv_if_asked(req, &t))
        return;
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Boligområder" } };
    page pg = { .title = "Boligområder", .nav = "areas", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    html_printf(&req->out, "<h1>Boligområder</h1>\n");
    search_form(req, "/omraader", "Søg på navn eller kode", q, NULL);
    if (can_write(req, ROLE_MUNICIPALITY))
        html_printf(&req->out, "<p class=\"actions\"><a class=\"button secondary\" href=\"/omraader/ny\">Nyt "
                               "boligområde</a></p>\n");
    if (n)
        wt_html(req, &t);
    else
        html_printf(&req->out, "<p class=\"empty\">Ingen boligområder at vise.</p>\n");
    page_end(req, 200);
}

void page_area(http_req *req)
{
    housing_area a;
    if (!web_load_area(req, &a) || profile_csv(req, &a, profile_load_area, arena_printf(&req->a, "omraade-%s", a.code)))
        return;
    area_member *m;
    size_t nm;
    hh_error e;
    if (reg_area_members(req->db, &req->a, a.id, &m, &nm, &e)) {
        http_fail_db(req, "reading area members");
        return;
    }
    crumb crumbs[] = { { "/", "Forside" }, { "/omraader", "Boligområder" }, { NULL, a.name } };
    page pg = { .title = a.name, .nav = "areas", .crumbs = crumbs, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>%s</h1>\n<p class=\"lead\">Boligområde %s i %s · %s boliger i %s afdelinger</p>\n", a.name,
                a.code, a.municipality_name, fmt_int(req, a.dwellings), fmt_int(req, a.departments));
    lists_area_summary(req, a.code);
    html_printf(b, "<details class=\"members\"><summary>Afdelinger i området</summary><ul>");
    for (size_t i = 0; i < nm; i++)
        html_printf(b, "<li>%s %D-%D (fra %s%r%s)</li>", m[i].name, m[i].org_no, m[i].department_no, m[i].valid_from,
                    *m[i].valid_to ? " til " : "", m[i].valid_to);
    html_printf(b, "</ul></details>\n");
    if (can_write(req, ROLE_MUNICIPALITY)) {
        /* Areas are split and extended: members join from a date, leave at one. */
        html_printf(b,
                    "<details class=\"members-edit\"><summary>Ændr området</summary>"
                    "<p><a href=\"/omraader/%s/rediger\">Navn og kommune</a></p>",
                    a.code);
        form_open(req, arena_printf(&req->a, "/omraader/%s/medlemmer", a.code), "filters");
        html_printf(b, "<label for=\"m-org\">Organisationsnummer</label><input id=\"m-org\" name=\"org_no\" "
                       "inputmode=\"numeric\" size=\"5\" required><label for=\"m-dep\">Afdelingsnummer</label>"
                       "<input id=\"m-dep\" name=\"department_no\" inputmode=\"numeric\" size=\"5\" required>"
                       "<label for=\"m-from\">Med fra (ÅÅÅÅ-MM-DD)</label><input id=\"m-from\" name=\"valid_from\" "
                       "size=\"10\"><label for=\"m-to\">eller ude fra (ÅÅÅÅ-MM-DD)</label><input id=\"m-to\" "
                       "name=\"valid_to\" size=\"10\"><button type=\"submit\">Gem</button></form></details>\n");
    }
    warning_panel(req, 1, a.id);
    plans_registry_section(req, 0, a.id);
    if (!profile_part(req, &a, profile_load_area))
        return;
    html_printf(b, "<p class=\"export\">Data: <a href=\"/api/v1/areas/%s/keyfigures\">JSON</a></p>\n", a.code);
    page_end(req, 200);
}

/* ---- key figures ---- */

void page_keyfigures(http_req *req)
{
    static const wt_col cols[] = { { "Nøgletal", false }, { "Kode", false },    { "Led i spiralen", false },
                                   { "Enhed", false },    { "Godt er", false }, { "Kilde", false } };
    wtable t;
    wt_init(&t, req, cols, 6, NULL, "noegletal");
    static const char *const good[] = { "højt", "lavt", "-" };
    for (size_t i = 0; i < kf_count; i++) {
        const key_figure *k = &kf_catalogue[i];
        wt_cell *c = wt_row(&t);
        c[0] = (wt_cell){ .text = k->name_da, .href = arena_printf(&req->a, "/noegletal/%s", k->code) };
        c[1] = (wt_cell){ .text = k->code };
        c[2] = (wt_cell){ .text = kf_link_label[k->link] };
        c[3] = (wt_cell){ .text = k->unit };
        c[4] = (wt_cell){ .text = good[k->good] };
        c[5] = (wt_cell){ .text = k->source };
    }
    if (wt_csv_if_asked(req, &t))
        return;
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Nøgletal" } };
    page pg = { .title = "Nøgletal", .nav = "keyfigures", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    html_printf(&req->out, "<h1>Nøgletal</h1>\n<p class=\"lead\">Kataloget over de nøgletal, Helhed følger for hver "
                           "afdeling hvert år. Andele lægges sammen som tællere og nævnere — aldrig som et gennemsnit "
                           "af procenter — og tal under 5 vises som »&lt;5«.</p>\n");
    wt_html(req, &t);
    page_end(req, 200);
}

void page_keyfigure(http_req *req)
{
    int kf = kf_find(http_param(req, "kf"));
    if (kf < 0) {
        http_error(req, 404, "not_found", "Nøgletallet findes ikke i kataloget.", "kf");
        return;
    }
    const key_figure *k = &kf_catalogue[kf];
    const char *level_s = http_query(req, "level");
    kf_level level = level_s ? kf_level_by_code(level_s) : LEVEL_MUNICIPALITY;
    if (level == LEVEL_COUNT || level == LEVEL_PEER)
        level = LEVEL_MUNICIPALITY;
    int year = query_year(req);
    kf_row *rows;
    size_t n;
    if (!web_level_rows(req, level, year, kf, &rows, &n))
        return;
    static const wt_col cols[] = {
        { "Kode", false }, { "Navn", false }, { "Værdi", true }, { "Tæller", true }, { "Nævner", true }
    };
    wtable t;
    wt_init(&t, req, cols, 5, NULL, arena_printf(&req->a, "%s-%s-%d", k->code, kf_level_code[level], year));
    svg_bar *bars = arena_zalloc(&req->a, (n ? n : 1) * sizeof(svg_bar));
    svg_map_value *mv = arena_zalloc(&req->a, (n ? n : 1) * sizeof(svg_map_value));
    char text[64], num[48];
    for (size_t i = 0; i < n; i++) {
        kf_row *r = &rows[i];
        double v = r->suppressed ? NAN : kf_result(k, &r->parts);
        const char *href = level == LEVEL_DEPARTMENT     ? arena_printf(&req->a, "/afdelinger/%s", r->code)
                           : level == LEVEL_ORGANISATION ? arena_printf(&req->a, "/organisationer/%s", r->code)
                           : level == LEVEL_AREA         ? arena_printf(&req->a, "/omraader/%s", r->code)
                           : level == LEVEL_MUNICIPALITY ? arena_printf(&req->a, "/kommuner/%s", r->code)
                           : level == LEVEL_REGION       ? arena_printf(&req->a, "/regioner/%s", r->code)
                                                         : NULL;
        wt_cell *c = wt_row(&t);
        c[0] = (wt_cell){ .text = r->code };
        c[1] = (wt_cell){ .text = r->name, .href = href };
        c[2] = (wt_cell){ .text = arena_strdup(&req->a, kf_format(k, &r->parts, r->suppressed, text, sizeof text)),
                          .sort = v };
        bool parts = kf_has_parts(k->kind) && !r->suppressed;
        c[3] =
            (wt_cell){ .text = parts ? arena_strdup(&req->a, fmt_num_da(num, sizeof num, r->parts.numerator, 0)) : "",
                       .sort = parts ? r->parts.numerator : NAN };
        c[4] =
            (wt_cell){ .text = parts ? arena_strdup(&req->a, fmt_num_da(num, sizeof num, r->parts.denominator, 0)) : "",
                       .sort = parts ? r->parts.denominator : NAN };
        bars[i] = (svg_bar){ .label = r->name, .value = v, .suppressed = r->suppressed, .href = href };
        mv[i] = (svg_map_value){ .code = r->code, .value = v, .suppressed = r->suppressed };
    }
    if (wt_csv_if_asked(req, &t))
        return;
    crumb crumbs[] = { { "/", "Forside" }, { "/noegletal", "Nøgletal" }, { NULL, k->name_da } };
    page pg = { .title = k->name_da, .nav = "keyfigures", .crumbs = crumbs, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n<p class=\"muted\">Kilde: %s · kode <code>%s</code></p>\n",
                k->name_da, k->definition, k->source, k->code);
    html_printf(b, "<form class=\"filters\" method=\"get\"><label for=\"level\">Niveau</label><select id=\"level\" "
                   "name=\"level\">");
    for (int l = LEVEL_DEPARTMENT; l <= LEVEL_COUNTRY; l++)
        html_printf(b, "<option value=\"%s\"%r>%s</option>", kf_level_code[l], l == (int)level ? " selected" : "",
                    kf_level_label[l]);
    html_printf(b, "</select>");
    year_select(req, year);
    html_printf(b, "<button type=\"submit\">Vis</button></form>\n");
    boundary_shape *shapes = NULL;
    size_t ns = 0;
    boundary_view view;
    hh_error e;
    bool map = level == LEVEL_MUNICIPALITY &&
               boundary_load(req->db, BOUNDARY_MUNICIPALITY, &req->a, &shapes, &ns, &e) == HH_OK && ns > 0 &&
               boundary_view_load(req->db, BOUNDARY_MUNICIPALITY, &view, &e) == HH_OK;
    const char *title = arena_printf(&req->a, "%s %d pr. %s", k->name_da, year, kf_level_label[level]);
    if (map) {
        svg_map m = { .id = "kort",
                      .title = title,
                      .unit = arena_printf(&req->a, " %s", k->unit),
                      .decimals = k->decimals,
                      .shapes = shapes,
                      .nshapes = ns,
                      .view = &view,
                      .values = mv,
                      .nvalues = n,
                      .href = "/kommuner/{code}",
                      .low_is_bad = k->good == DIR_UP };
        svg_choropleth(b, &m);
    } else if (n) {
        /* Without boundaries: the ranking as bars, highest first (at most 40). */
        for (size_t i = 1; i < n; i++)
            for (size_t j = i; j > 0 && (isnan(bars[j - 1].value) ? -INFINITY : bars[j - 1].value) <
                                            (isnan(bars[j].value) ? -INFINITY : bars[j].value);
                 j--) {
                svg_bar tmp = bars[j];
                bars[j] = bars[j - 1];
                bars[j - 1] = tmp;
            }
        svg_bar_chart bc = { .id = "rang",
                             .title = title,
                             .unit = arena_printf(&req->a, " %s", k->unit),
                             .decimals = k->decimals,
                             .bars = bars,
                             .nbars = n > 40 ? 40 : n };
        svg_bars(b, &bc);
    }
    if (n)
        wt_html(req, &t);
    else
        html_printf(b, "<p class=\"empty\">Ingen tal for %d på dette niveau.</p>\n", year);
    html_printf(b,
                "<p class=\"export\">Data: <a href=\"/api/v1/keyfigures/values?level=%s&amp;year=%d&amp;key_figure=%s"
                "&amp;format=xlsx\">XLSX</a> · <a href=\"/api/v1/keyfigures/values?level=%s&amp;year=%d&amp;"
                "key_figure=%s\">JSON</a></p>\n",
                kf_level_code[level], year, k->code, kf_level_code[level], year, k->code);
    page_end(req, 200);
}

/* ---- search ---- */

void page_search(http_req *req)
{
    const char *q = http_query(req, "q");
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Søg" } };
    page pg = { .title = "Søg", .nav = "search", .crumbs = crumbs, .ncrumbs = 2 };
    principal *p = web_principal(req);
    reg_scope rs, as;
    reg_scope_read(p, &req->a, &rs);
    reg_scope_aggregate(p, &req->a, &as);
    organisation *o = NULL;
    department *d = NULL;
    housing_area *a = NULL;
    geo_municipality *m = NULL;
    size_t no = 0, nd = 0, na = 0, nm = 0;
    hh_error e;
    bool searched = q && *q;
    if (searched) {
        dept_filter f = { .q = q, .limit = 50 };
        if (reg_organisations(req->db, &as, &req->a, q, &o, &no, &e) ||
            reg_departments(req->db, &rs, &req->a, &f, &d, &nd, &e) ||
            reg_areas(req->db, &as, &req->a, q, &a, &na, &e) ||
            geo_municipalities(req->db, &req->a, NULL, GEO_BY_NAME, &m, &nm, &e)) {
            http_fail_db(req, "searching");
            return;
        }
    }
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Søg</h1>\n");
    search_form(req, "/soeg", "Navne og numre: organisationer, afdelinger (fx 101-1), områder, kommuner og nøgletal", q,
                NULL);
    if (!searched) {
        page_end(req, 200);
        return;
    }
    size_t hits = 0;
    html_printf(b, "<div class=\"results\">");
    if (no) {
        html_printf(b, "<h2>Boligorganisationer</h2><ul>");
        for (size_t i = 0; i < no && i < 50; i++)
            html_printf(b, "<li><a href=\"/organisationer/%D\">%s</a> <span class=\"muted\">%D</span></li>",
                        o[i].org_no, o[i].name, o[i].org_no);
        html_printf(b, "</ul>");
        hits += no;
    }
    if (nd) {
        html_printf(b, "<h2>Afdelinger</h2><ul>");
        for (size_t i = 0; i < nd; i++)
            html_printf(b, "<li><a href=\"/afdelinger/%D-%D\">%s</a> <span class=\"muted\">%D-%D · %s</span></li>",
                        d[i].org_no, d[i].department_no, d[i].name, d[i].org_no, d[i].department_no,
                        d[i].municipality_name);
        html_printf(b, "</ul>");
        hits += nd;
    }
    if (na) {
        html_printf(b, "<h2>Boligområder</h2><ul>");
        for (size_t i = 0; i < na; i++)
            html_printf(b, "<li><a href=\"/omraader/%s\">%s</a></li>", a[i].code, a[i].name);
        html_printf(b, "</ul>");
        hits += na;
    }
    size_t nmh = 0;
    for (size_t i = 0; i < nm; i++) {
        if (!hh_contains_fold(m[i].name, q) && strcmp(m[i].code, q) != 0)
            continue;
        if (!nmh++)
            html_printf(b, "<h2>Kommuner</h2><ul>");
        html_printf(b, "<li><a href=\"/kommuner/%s\">%s</a> <span class=\"muted\">%s</span></li>", m[i].code, m[i].name,
                    m[i].code);
    }
    if (nmh)
        html_printf(b, "</ul>");
    size_t nk = 0;
    for (size_t i = 0; i < kf_count; i++) {
        if (!hh_contains_fold(kf_catalogue[i].name_da, q) && !strstr(kf_catalogue[i].code, q))
            continue;
        if (!nk++)
            html_printf(b, "<h2>Nøgletal</h2><ul>");
        html_printf(b, "<li><a href=\"/noegletal/%s\">%s</a></li>", kf_catalogue[i].code, kf_catalogue[i].name_da);
    }
    if (nk)
        html_printf(b, "</ul>");
    hits += nmh + nk;
    html_printf(b, "</div>\n");
    if (!hits)
        html_printf(b, "<p class=\"empty\">Intet matcher »%s«.</p>\n", q);
    page_end(req, 200);
}
