/* pages_dialogue_public.c - the public data sheets of published steering
 * dialogues, without login: the list (filter by municipality) and per
 * dialogue each department's master data and the public key figures with
 * suppression. Nothing unpublished (404), no answers, justifications,
 * SWOTs, minutes or names. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/geo.h"
#include "web/dialogue_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"

void page_public_dialogues(http_req *req)
{
    const char *ms = http_query(req, "kommune");
    if (ms && !*ms)
        ms = NULL;
    dlg_summary *all, *rows;
    size_t nall = 0, n = 0;
    hh_error e;
    if (dlg_published(req->db, &req->a, NULL, 0, &all, &nall, &e) ||
        dlg_published(req->db, &req->a, ms, 0, &rows, &n, &e)) {
        http_fail_db(req, "listing published dialogues");
        return;
    }
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Offentlige datablade" } };
    page pg = {
        .title = "Styringsdialog – offentlige datablade", .nav = "public-dialogue", .crumbs = crumbs, .ncrumbs = 2
    };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Styringsdialog – offentlige datablade</h1>\n<p class=\"lead\">Når kommunen og "
                   "boligorganisationen har holdt det årlige styringsdialogmøde, kan kommunen offentliggøre "
                   "datablade for organisationens afdelinger: stamdata og udvalgte nøgletal. Tal, der bygger på "
                   "færre end 5, vises som »&lt;5«.</p>\n");
    html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/offentlig/styringsdialog\" role=\"search\" "
                   "aria-label=\"Filtrér efter kommune\"><div><label for=\"f-kommune\">Kommune</label><select "
                   "id=\"f-kommune\" name=\"kommune\"><option value=\"\">Alle kommuner</option>");
    /* Each municipality once, by name. */
    const dlg_summary **mu = arena_alloc(&req->a, (nall ? nall : 1) * sizeof(*mu));
    size_t nm = 0;
    for (size_t i = 0; i < nall; i++) {
        bool dup = false;
        for (size_t k = 0; k < nm && !dup; k++)
            dup = strcmp(mu[k]->municipality_code, all[i].municipality_code) == 0;
        if (dup)
            continue;
        size_t at = nm++;
        while (at > 0 && hh_collate_da(mu[at - 1]->municipality_name, all[i].municipality_name) > 0) {
            mu[at] = mu[at - 1];
            at--;
        }
        mu[at] = &all[i];
    }
    for (size_t i = 0; i < nm; i++)
        html_printf(b, "<option value=\"%s\"%r>%s</option>", mu[i]->municipality_code,
                    ms && strcmp(ms, mu[i]->municipality_code) == 0 ? " selected" : "", mu[i]->municipality_name);
    html_printf(b, "</select></div><button type=\"submit\">Vis</button></form>\n");
    if (!n) {
        html_printf(b, "<p class=\"empty\">Ingen offentliggjorte styringsdialoger%s.</p>\n",
                    ms ? " i den valgte kommune" : "");
        page_end(req, 200);
        return;
    }
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"data\"><caption>%zu offentliggjorte styringsdialoger"
                "</caption><thead><tr><th scope=\"col\">Boligorganisation</th><th scope=\"col\">Kommune</th>"
                "<th scope=\"col\" class=\"num\">År</th><th scope=\"col\" class=\"num\">Afdelinger</th></tr></thead>"
                "<tbody>",
                n);
    for (size_t i = 0; i < n; i++)
        html_printf(b,
                    "<tr><th scope=\"row\"><a href=\"/offentlig/styringsdialog/%D\">%s</a></th><td>%s</td>"
                    "<td class=\"num\">%d</td><td class=\"num\">%D</td></tr>",
                    rows[i].id, rows[i].org_name, rows[i].municipality_name, rows[i].year, rows[i].departments);
    html_printf(b, "</tbody></table></div>\n");
    page_end(req, 200);
}

void page_public_dialogue(http_req *req)
{
    const char *s = http_param(req, "published");
    int64_t id;
    if (!s || !hh_parse_int64(s, strlen(s), &id) || id <= 0) {
        http_error(req, 404, "not_found", "Databladet findes ikke.", NULL);
        return;
    }
    dlg_public pub;
    hh_error e;
    hh_err rc = dlg_public_get(req->db, &req->a, id, &pub, &e);
    if (rc == HH_ERR_NOTFOUND) {
        http_error(req, 404, "not_found", "Databladet findes ikke eller er ikke offentliggjort.", NULL);
        return;
    }
    if (rc) {
        http_fail_db(req, "reading a public sheet");
        return;
    }
    const char *name = arena_printf(&req->a, "%s – %s %d", pub.org_name, pub.municipality_name, pub.year);
    crumb crumbs[] = { { "/", "Forside" }, { "/offentlig/styringsdialog", "Offentlige datablade" }, { NULL, name } };
    page pg = {
        .title = arena_printf(&req->a, "Datablad: %s", name), .nav = "public-dialogue", .crumbs = crumbs, .ncrumbs = 3
    };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b,
                "<h1><span class=\"dlg-kicker\">Styringsdialog %d · datablad</span> %s <span class=\"dlg-muni\">i %s "
                "Kommune</span></h1>\n",
                pub.year, pub.org_name, pub.municipality_name);
    html_printf(b, "<p class=\"lead\">Stamdata og udvalgte nøgletal for boligorganisationens afdelinger i kommunen. "
                   "Tal, der bygger på færre end 5, vises som »&lt;5«.</p>\n<dl class=\"facts\">");
    if (pub.meeting_date && *pub.meeting_date)
        html_printf(b, "<div><dt>Styringsdialogmøde</dt><dd>%s</dd></div>", plans_date(req, pub.meeting_date));
    if (pub.published_at && *pub.published_at)
        html_printf(b, "<div><dt>Offentliggjort</dt><dd>%s</dd></div>", plans_date(req, pub.published_at));
    html_printf(b, "<div><dt>Afdelinger</dt><dd>%zu</dd></div></dl>\n", pub.ndepartments);
    html_printf(b, "<div class=\"dlg-public-grid\">\n");
    for (size_t i = 0; i < pub.ndepartments; i++) {
        const dlg_public_department *d = &pub.departments[i];
        const char *hid = arena_printf(&req->a, "afd-%zu", i);
        html_printf(b,
                    "<section class=\"card dlg-public-dept\" aria-labelledby=\"%s\"><h2 id=\"%s\">%s %s</h2>"
                    "<dl class=\"facts\">",
                    hid, hid, d->key, d->name);
        if (d->address && *d->address)
            html_printf(b, "<div><dt>Adresse</dt><dd>%s</dd></div>", d->address);
        html_printf(b, "<div><dt>Opført</dt><dd>%r</dd></div><div><dt>Boliger</dt><dd>%D</dd></div></dl>",
                    d->build_year ? arena_printf(&req->a, "%d", d->build_year) : "Ukendt", d->dwellings);
        if (d->nfigures) {
            html_printf(b,
                        "<table class=\"data dlg-kf\"><caption>Nøgletal for %s</caption><thead><tr><th "
                        "scope=\"col\">Nøgletal</th><th scope=\"col\" class=\"num\">Værdi</th><th scope=\"col\" "
                        "class=\"num\">År</th></tr></thead><tbody>",
                        d->name);
            for (size_t k = 0; k < d->nfigures; k++) {
                const kf_row *r = &d->figures[k];
                if (r->kf < 0 || (size_t)r->kf >= kf_count)
                    continue;
                const key_figure *kf = &kf_catalogue[r->kf];
                double v = kf_result(kf, &r->parts);
                html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%r</td></tr>",
                            kf->name_da, dlg_web_kf_value(req, r->kf, v, r->suppressed),
                            r->year ? arena_printf(&req->a, "%d", r->year) : "–");
            }
            html_printf(b, "</tbody></table>");
        } else {
            html_printf(b, "<p class=\"muted\">Ingen offentlige nøgletal for året.</p>");
        }
        html_printf(b, "</section>\n");
    }
    html_printf(b, "</div>\n");
    page_end(req, 200);
}
