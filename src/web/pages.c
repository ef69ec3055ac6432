/* pages.c - the public reference pages: front page, regions, municipalities. */
#include "web/pages.h"

#include <string.h>

#include "core/embed.h"
#include "core/str.h"
#include "domain/geo.h"
#include "io/csv_write.h"
#include "web/html.h"
#include "web/layout.h"

/* Loads what every geo page needs, answering 500 itself on failure. */
static bool load_regions(http_req *req, geo_region **regions, size_t *n)
{
    hh_error e;
    if (geo_regions(req->db, &req->a, regions, n, &e) != HH_OK) {
        http_fail_db(req, "reading regions");
        return false;
    }
    return true;
}

static const char *muni_word(int n)
{
    return n == 1 ? "kommune" : "kommuner";
}

static void region_cards(http_req *req, const geo_region *regions, size_t n)
{
    buf *b = &req->out;
    html_printf(b, "<ul class=\"cards\">\n");
    for (size_t i = 0; i < n; i++)
        html_printf(b,
                    "<li class=\"card\"><h3><a href=\"/regioner/%s\">%s</a></h3>"
                    "<p class=\"muted\">%d %s · regionskode %s</p></li>\n",
                    regions[i].code, regions[i].name, regions[i].municipality_count,
                    muni_word(regions[i].municipality_count), regions[i].code);
    html_printf(b, "</ul>\n");
}

void page_home(http_req *req)
{
    geo_region *regions;
    size_t nr;
    if (!load_regions(req, &regions, &nr))
        return;
    int munis = 0;
    for (size_t i = 0; i < nr; i++)
        munis += regions[i].municipality_count;
    page pg = { .title = "Forside", .nav = "home" };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<section class=\"hero\">\n<h1>Helhed</h1>\n"
                   "<p class=\"lead\">Én fælles platform for den almene boligsektor: boligsociale og fysiske "
                   "helhedsplaner, nøgletal for hver afdeling, styringsdialog og de officielle lister over "
                   "udsatte boligområder — for boligorganisationer, kommuner og sundhedspartnere.</p>\n"
                   "<p><a href=\"/offentlig/styringsdialog\">Styringsdialog: offentlige datablade for "
                   "afdelingerne</a></p>\n</section>\n");
    dialogue_reminders_section(req); /* a logged-in user's steering-dialogue deadlines */
    html_printf(b,
                "<section aria-labelledby=\"tal\">\n<h2 id=\"tal\">Danmark</h2>\n<ul class=\"stats\">\n"
                "<li><span class=\"stat-num\">%D</span> <span class=\"stat-label\">regioner</span></li>\n"
                "<li><span class=\"stat-num\">%d</span> <span class=\"stat-label\">kommuner</span></li>\n"
                "</ul>\n<p><a class=\"button\" href=\"/kommuner\">Find en kommune</a></p>\n</section>\n"
                "<section aria-labelledby=\"regioner\">\n<h2 id=\"regioner\">Regioner</h2>\n",
                (int64_t)nr, munis);
    region_cards(req, regions, nr);
    html_printf(b, "</section>\n");
    page_end(req, 200);
}

static void muni_list(buf *b, const geo_municipality *m, size_t n, const char *skip_code)
{
    html_printf(b, "<ul class=\"muni-list\">\n");
    for (size_t i = 0; i < n; i++) {
        if (skip_code && strcmp(m[i].code, skip_code) == 0)
            continue;
        html_printf(b,
                    "<li data-name=\"%s\" data-code=\"%s\"><a href=\"/kommuner/%s\">"
                    "<span class=\"name\">%s</span> <span class=\"code\">%s</span></a></li>\n",
                    m[i].name, m[i].code, m[i].code, m[i].name, m[i].code);
    }
    html_printf(b, "</ul>\n");
}

void page_municipalities(http_req *req)
{
    geo_region *regions;
    size_t nr, nm;
    geo_municipality *munis;
    hh_error e;
    if (!load_regions(req, &regions, &nr))
        return;
    if (geo_municipalities(req->db, &req->a, NULL, GEO_BY_NAME, &munis, &nm, &e) != HH_OK) {
        http_fail_db(req, "reading municipalities");
        return;
    }
    const char *q = http_query(req, "q");
    if (q && !*q)
        q = NULL;
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Kommuner og regioner" } };
    page pg = { .title = "Kommuner og regioner", .nav = "geo", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Kommuner og regioner</h1>\n"
                   "<p class=\"lead\">Danmarks 98 kommuner og Christiansø, ordnet efter region.</p>\n");
    search_form(req, "/kommuner", "Søg efter kommune eller kommunekode", q, "kommuneliste");
    /* Filter server-side too, so search works without JavaScript. */
    geo_municipality *shown = arena_alloc(&req->a, (nm ? nm : 1) * sizeof(*shown));
    size_t ns = 0;
    for (size_t i = 0; i < nm; i++)
        if (!q || hh_contains_fold(munis[i].name, q) || strstr(munis[i].code, q))
            shown[ns++] = munis[i];
    html_printf(b, "<p class=\"result-count\" id=\"antal\" aria-live=\"polite\">%d %s vist</p>\n", (int)ns,
                muni_word((int)ns));
    if (ns == 0)
        html_printf(b, "<p class=\"empty\">Ingen kommuner matcher »%s«. <a href=\"/kommuner\">Vis alle</a></p>\n", q);
    html_printf(b, "<div id=\"kommuneliste\">\n");
    for (size_t r = 0; r < nr; r++) {
        geo_municipality *in = arena_alloc(&req->a, (ns ? ns : 1) * sizeof(*in));
        size_t k = 0;
        for (size_t i = 0; i < ns; i++)
            if (strcmp(shown[i].region_code, regions[r].code) == 0)
                in[k++] = shown[i];
        if (k == 0)
            continue;
        html_printf(b,
                    "<section class=\"region-group\" aria-labelledby=\"r%s\">\n"
                    "<h2 id=\"r%s\"><a href=\"/regioner/%s\">%s</a> <span class=\"muted\">%d %s</span></h2>\n",
                    regions[r].code, regions[r].code, regions[r].code, regions[r].name, regions[r].municipality_count,
                    muni_word(regions[r].municipality_count));
        muni_list(b, in, k, NULL);
        html_printf(b, "</section>\n");
    }
    html_printf(b, "</div>\n<p class=\"export\"><a href=\"/kommuner.csv\" download>Hent listen som CSV</a> · "
                   "<a href=\"/api/v1/municipalities\">JSON</a></p>\n");
    page_end(req, 200);
}

void page_municipalities_csv(http_req *req)
{
    geo_municipality *munis;
    size_t nm;
    hh_error e;
    if (geo_municipalities(req->db, &req->a, NULL, GEO_BY_CODE, &munis, &nm, &e) != HH_OK) {
        http_fail_db(req, "reading municipalities");
        return;
    }
    buf *b = &req->out;
    buf_puts(b, CSV_BOM);
    static const char *const head[] = { "kommunekode", "kommunenavn", "regionskode", "regionsnavn", "kommune" };
    for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
        csv_field(b, head[i], i == 0);
    csv_end_row(b);
    for (size_t i = 0; i < nm; i++) {
        csv_field(b, munis[i].code, true);
        csv_field(b, munis[i].name, false);
        csv_field(b, munis[i].region_code, false);
        csv_field(b, munis[i].region_name, false);
        csv_field(b, munis[i].is_municipality ? "ja" : "nej", false);
        csv_end_row(b);
    }
    http_add_header(req, "Content-Disposition", "attachment; filename=\"kommuner.csv\"");
    http_respond(req, 200, "text/csv; charset=utf-8");
}

void page_municipality(http_req *req)
{
    const char *code = http_param(req, "code");
    geo_municipality m;
    hh_error e;
    hh_err rc = geo_municipality_get(req->db, &req->a, code, &m, &e);
    if (rc == HH_ERR_NOTFOUND) {
        http_error(req, 404, "not_found",
                   arena_printf(&req->a,
                                "Der findes ingen kommune med kode »%s«. Kommunekoder har fire cifre, "
                                "fx 0101 for København.",
                                code),
                   "code");
        return;
    }
    if (rc) {
        http_fail_db(req, "reading a municipality");
        return;
    }
    geo_municipality *others;
    size_t no;
    if (geo_municipalities(req->db, &req->a, m.region_code, GEO_BY_NAME, &others, &no, &e) != HH_OK) {
        http_fail_db(req, "reading municipalities");
        return;
    }
    crumb crumbs[] = { { "/", "Forside" },
                       { "/kommuner", "Kommuner og regioner" },
                       { arena_printf(&req->a, "/regioner/%s", m.region_code), m.region_name },
                       { NULL, m.name } };
    page pg = { .title = m.name, .nav = "geo", .crumbs = crumbs, .ncrumbs = 4 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b,
                "<h1>%s</h1>\n<p class=\"lead\">%s i %s</p>\n"
                "<dl class=\"facts\">\n<div><dt>Kommunekode</dt><dd>%s</dd></div>\n"
                "<div><dt>Region</dt><dd><a href=\"/regioner/%s\">%s</a> (%s)</dd></div>\n"
                "<div><dt>Status</dt><dd>%s</dd></div>\n</dl>\n",
                m.name, m.is_municipality ? "Kommune" : "Område uden for kommuneinddelingen", m.region_name, m.code,
                m.region_code, m.region_name, m.region_code,
                m.is_municipality ? "Kommune" : "Ikke en kommune — øen administreres af staten");
    html_printf(b, "<section aria-labelledby=\"andre\">\n<h2 id=\"andre\">Andre kommuner i %s</h2>\n", m.region_name);
    muni_list(b, others, no, m.code);
    html_printf(b, "</section>\n<p class=\"export\">Data: <a href=\"/api/v1/municipalities/%s\">JSON</a></p>\n",
                m.code);
    page_end(req, 200);
}

void page_regions(http_req *req)
{
    geo_region *regions;
    size_t nr;
    if (!load_regions(req, &regions, &nr))
        return;
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Regioner" } };
    page pg = { .title = "Regioner", .nav = "geo", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    html_printf(&req->out, "<h1>Regioner</h1>\n<p class=\"lead\">Danmarks fem regioner.</p>\n");
    region_cards(req, regions, nr);
    page_end(req, 200);
}

void page_region(http_req *req)
{
    const char *code = http_param(req, "code");
    geo_region r;
    hh_error e;
    hh_err rc = geo_region_get(req->db, &req->a, code, &r, &e);
    if (rc == HH_ERR_NOTFOUND) {
        http_error(
            req, 404, "not_found",
            arena_printf(&req->a, "Der findes ingen region med kode »%s«. Regionskoder går fra 1081 til 1085.", code),
            "code");
        return;
    }
    geo_municipality *munis;
    size_t nm;
    if (rc || geo_municipalities(req->db, &req->a, r.code, GEO_BY_NAME, &munis, &nm, &e) != HH_OK) {
        http_fail_db(req, "reading a region");
        return;
    }
    crumb crumbs[] = { { "/", "Forside" }, { "/kommuner", "Kommuner og regioner" }, { NULL, r.name } };
    page pg = { .title = r.name, .nav = "geo", .crumbs = crumbs, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>%s</h1>\n<p class=\"lead\">Regionskode %s · %d %s</p>\n", r.name, r.code, r.municipality_count,
                muni_word(r.municipality_count));
    muni_list(b, munis, nm, NULL);
    page_end(req, 200);
}

void page_static(http_req *req)
{
    const char *name = http_param(req, "name");
    const embed_file *f = embed_find(&embed_web, name, strlen(name));
    if (!f) {
        http_error(req, 404, "not_found", "Filen findes ikke.", NULL);
        return;
    }
    const char *v = http_query(req, "v");
    bool versioned = v && strlen(v) + 2 == strlen(f->etag) && strncmp(f->etag + 1, v, strlen(v)) == 0;
    http_add_header(req, "ETag", f->etag);
    http_add_header(req, "Cache-Control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=300");
    const char *inm = http_header_get(req, "If-None-Match");
    if (inm && strcmp(inm, f->etag) == 0) {
        http_respond(req, 304, NULL);
        return;
    }
    req->out_static = f->data;
    req->out_static_len = f->len;
    http_respond(req, 200, f->ctype);
}

void page_healthz(http_req *req)
{
    int64_t one = 0;
    if (!db_query_int64(req->db, "SELECT 1", &one) || one != 1) {
        buf_puts(&req->out, "database unavailable\n");
        http_respond(req, 503, "text/plain; charset=utf-8");
        return;
    }
    buf_puts(&req->out, "ok\n");
    http_respond(req, 200, "text/plain; charset=utf-8");
}
