/* pages_dialogue_package.c - the documentation package of a steering
 * dialogue (src/report/dialogue_package.h) in the app and the API:
 *   GET /styringsdialog/{dialogue}/pakke          the package page with
 *       one-click PDF and HTML downloads
 *   GET /styringsdialog/{dialogue}/pakke/{file}   file = any name ending
 *       .pdf or .html ("styringsdialog-101-0101-2025.pdf"); other names
 *       are sent on to the package page (303)
 *   GET /api/v1/dialogues/{dialogue}/package?format=json|pdf|html
 * Whoever may read the dialogue (both sides, admin and national) gets its
 * package; everybody else 404, as if it did not exist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "report/dialogue_package.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"

typedef enum pkg_format { PF_JSON, PF_PDF, PF_HTML, PF_COUNT } pkg_format;
static const char *const pf_code[PF_COUNT] = { "json", "pdf", "html" };
static const char *const pf_ctype[PF_COUNT] = { "application/json", "application/pdf", "text/html; charset=utf-8" };

static int pf_find(const char *s, size_t n)
{
    for (int i = 0; i < PF_COUNT; i++)
        if (strlen(pf_code[i]) == n && strncmp(pf_code[i], s, n) == 0)
            return i;
    return -1;
}

static void fail(http_req *req, hh_err rc, const char *what)
{
    if (rc == HH_ERR_NOTFOUND)
        http_error(req, 404, "not_found", "Styringsdialogen findes ikke, eller du har ikke adgang til den.", NULL);
    else if (rc == HH_ERR_FORBIDDEN)
        http_error(req, 403, "forbidden", "Du har ikke adgang til styringsdialogens dokumentationspakke.", NULL);
    else
        http_fail_db(req, what);
}

/* Builds the package of {dialogue}; false after answering. */
static bool build(http_req *req, dlg_package *k)
{
    const char *s = http_param(req, "dialogue");
    int64_t id;
    if (!s || !hh_parse_int64(s, strlen(s), &id) || id <= 0) {
        http_error(req, 404, "not_found", "Styringsdialogen findes ikke.", NULL);
        return false;
    }
    hh_error e;
    hh_err rc = dlg_package_build(req->db, web_principal(req), &req->a, id, k, &e);
    if (rc) {
        fail(req, rc, "building the dialogue's documentation package");
        return false;
    }
    return true;
}

/* Writes the package as PDF or HTML and responds (inline, with a name). */
static void send(http_req *req, const dlg_package *k, pkg_format f)
{
    hh_error e;
    if (f == PF_PDF) {
        if (dlg_package_pdf(k, &req->out, NULL, &e)) {
            buf_reset(&req->out);
            http_fail_db(req, "writing the dialogue's documentation package");
            return;
        }
    } else
        dlg_package_html_document(k, &req->out);
    http_add_header(req, "Content-Disposition",
                    arena_printf(&req->a, "inline; filename=\"%s\"", dlg_package_filename(&req->a, k, pf_code[f])));
    http_respond(req, 200, pf_ctype[f]);
}

void page_dialogue_package(http_req *req)
{
    dlg_package k;
    if (!build(req, &k))
        return;
    const dialogue *g = &k.g;
    const char *self = arena_printf(&req->a, "/styringsdialog/%lld", (long long)g->id);
    const char *name = arena_printf(&req->a, "%s · %s %d", g->org_name, g->municipality_name, g->year);
    crumb crumbs[] = { { "/styringsdialog", "Styringsdialog" }, { self, name }, { NULL, "Dokumentationspakke" } };
    page pg = { .title = arena_printf(&req->a, "Dokumentationspakke · %s", name),
                .nav = "dialogue",
                .crumbs = crumbs,
                .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Dokumentationspakke <span class=\"muted\">%s</span></h1>\n", name);
    html_printf(b, "<link rel=\"stylesheet\" href=\"%s\">\n", asset_url(req, "report.css"));
    html_printf(b,
                "<p class=\"lead\">Styringsdialogens dokumentationspakke for %d: organisationens sammenfatning og "
                "definitioner, vurderingerne, de udvalgte afdelinger med SWOT, målene og opfølgningen, planerne og "
                "et ark pr. afdeling med nøgletallene bag vurderingerne. Den dannes af de registrerede oplysninger "
                "med ét klik.</p>\n",
                g->year);
    html_printf(b, "<p class=\"report-downloads no-print\" aria-label=\"Hent pakken\">");
    html_printf(b, "<a class=\"button\" href=\"%s/pakke/%s\" download>Hent PDF</a> ", self,
                dlg_package_filename(&req->a, &k, "pdf"));
    html_printf(b, "<a class=\"button secondary\" href=\"%s/pakke/%s\" download>Hent HTML</a> ", self,
                dlg_package_filename(&req->a, &k, "html"));
    html_printf(b, "<a class=\"button secondary\" href=\"%s\">Tilbage til dialogen</a>", self);
    html_printf(b, "</p>\n");
    notice(req, "warn",
           "Pakken er fortrolig: vurderinger, begrundelser og SWOT er kun til dialogens parter. Nøgletal under 5 "
           "vises som <5.");
    dlg_package_html_fragment(&k, b);
    page_end(req, 200);
}

void page_dialogue_package_file(http_req *req)
{
    const char *file = http_param(req, "file");
    const char *dot = file ? strrchr(file, '.') : NULL;
    int f = dot ? pf_find(dot + 1, strlen(dot + 1)) : -1;
    if (f <= PF_JSON) {
        /* Not a file the package comes as: to the package page (for
         * readers of the dialogue; 404 for the rest). */
        const char *ds = http_param(req, "dialogue");
        int64_t id;
        dialogue g;
        hh_error e;
        if (!ds || !hh_parse_int64(ds, strlen(ds), &id) || id <= 0) {
            http_error(req, 404, "not_found", "Styringsdialogen findes ikke.", NULL);
            return;
        }
        hh_err rc = dlg_get(req->db, web_principal(req), &req->a, id, &g, &e);
        if (rc) {
            fail(req, rc, "reading a dialogue");
            return;
        }
        http_redirect(req, 303, arena_printf(&req->a, "/styringsdialog/%lld/pakke", (long long)id));
        return;
    }
    dlg_package k;
    if (!build(req, &k))
        return;
    send(req, &k, (pkg_format)f);
}

void api_dialogue_package(http_req *req)
{
    const char *fs = http_query(req, "format");
    int f = fs && *fs ? pf_find(fs, strlen(fs)) : PF_JSON;
    if (f < 0) {
        http_error(req, 400, "invalid", "format must be json, pdf or html", "format");
        return;
    }
    dlg_package k;
    if (!build(req, &k))
        return;
    if (f != PF_JSON) {
        send(req, &k, (pkg_format)f);
        return;
    }
    json_t *j = dlg_package_json(&k);
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    if (!s) {
        http_fail_db(req, "writing the dialogue's documentation package");
        return;
    }
    buf_puts(&req->out, s);
    buf_putc(&req->out, '\n');
    free(s);
    http_respond(req, 200, "application/json");
}
