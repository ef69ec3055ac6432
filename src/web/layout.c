#include "web/layout.h"

#include <string.h>
#include <time.h>

#include "auth/roles.h"
#include "core/embed.h"
#include "domain/meta.h"
#include "version.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/pages.h"

/* Navigation shows only what exists and what the user may use; each later
 * capability adds its line. access 0 = everybody. */
static const struct nav_item {
    const char *key, *href, *label;
    unsigned access;
} nav_items[] = {
    { "home", "/", "Forside", 0 },
    { "geo", "/kommuner", "Kommuner og regioner", 0 },
    { "registry", "/organisationer", "Boligorganisationer", ACCESS_ANY_ROLE },
    { "departments", "/afdelinger", "Afdelinger", ACCESS_ANY_ROLE },
    { "areas", "/omraader", "Boligområder", ACCESS_ANY_ROLE },
    { "keyfigures", "/noegletal", "Nøgletal", ACCESS_ANY_ROLE },
    { "lists", "/lister", "Områdelister", ACCESS_ANY_ROLE },
    { "plans", "/planer", "Helhedsplaner", ACCESS_ANY_ROLE },
    { "dialogue", "/styringsdialog", "Styringsdialog",
      ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_NATIONAL) | ROLE_BIT(ROLE_MUNICIPALITY) | ROLE_BIT(ROLE_ORGANISATION) },
    { "register", "/registrer", "Registrer",
      ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_MUNICIPALITY) | ROLE_BIT(ROLE_ORGANISATION) | ROLE_BIT(ROLE_PLAN_STAFF) },
    { "warnings", "/varsler", "Tidlig varsling",
      ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_NATIONAL) | ROLE_BIT(ROLE_MUNICIPALITY) | ROLE_BIT(ROLE_ORGANISATION) |
          ROLE_BIT(ROLE_CARETAKER) | ROLE_BIT(ROLE_VIEWER) },
    { "import", "/import", "Import",
      ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_NATIONAL) | ROLE_BIT(ROLE_ORGANISATION) | ROLE_BIT(ROLE_MUNICIPALITY) },
    { "admin", "/admin/brugere", "Administration", ACCESS_ADMIN },
};

void form_open(http_req *req, const char *action, const char *cls)
{
    html_printf(&req->out,
                "<form method=\"post\" action=\"%s\"%r%s%r><input type=\"hidden\" name=\"" CSRF_FIELD
                "\" value=\"%s\">",
                action, cls ? " class=\"" : "", cls, cls ? "\"" : "", web_csrf_token(req));
}

void search_form(http_req *req, const char *action, const char *label, const char *q, const char *filter_id)
{
    html_printf(&req->out,
                "<form class=\"search\" role=\"search\" action=\"%s\" method=\"get\">\n<label for=\"q\">%s</label>\n"
                "<div class=\"search-row\"><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\"",
                action, label, q ? q : "");
    if (filter_id)
        html_printf(&req->out, " autocomplete=\"off\" data-filter=\"%s\" aria-describedby=\"antal\"", filter_id);
    html_printf(&req->out, "><button type=\"submit\">Søg</button></div>\n</form>\n");
}

const char *fmt_time(http_req *req, int64_t t)
{
    if (t <= 0)
        return "—";
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    char out[32];
    strftime(out, sizeof(out), "%d.%m.%Y kl. %H:%M", &tm);
    return arena_strdup(&req->a, out);
}

void notice(http_req *req, const char *kind, const char *text)
{
    html_printf(&req->out, "<div id=\"besked\" class=\"notice notice-%s\" role=\"%s\"><p>%s</p></div>\n", kind,
                strcmp(kind, "error") == 0 ? "alert" : "status", text);
}

const char *asset_url(http_req *req, const char *name)
{
    const embed_file *f = embed_find(&embed_web, name, strlen(name));
    if (!f)
        return arena_printf(&req->a, "/static/%s", name);
    /* The ETag is quoted; strip the quotes for the query string. */
    return arena_printf(&req->a, "/static/%s?v=%.*s", name, (int)strlen(f->etag) - 2, f->etag + 1);
}

void page_begin(http_req *req, const page *p)
{
    buf *b = &req->out;
    html_printf(b,
                "<!doctype html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>%s · Helhed</title>\n"
                "<link rel=\"stylesheet\" href=\"%s\">\n"
                "<link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">\n"
                "<script src=\"%s\" defer></script>\n"
                "</head>\n<body>\n"
                "<a class=\"skip-link\" href=\"#indhold\">Spring til indhold</a>\n",
                p->title, asset_url(req, "style.css"), asset_url(req, "favicon.svg"), asset_url(req, "app.js"));
    if (req->db && meta_is_demo(req->db))
        html_printf(b, "<div class=\"demo-banner\" role=\"note\"><strong>Demodata — fiktive tal.</strong> "
                       "Tallene i denne installation er opdigtede og må ikke bruges som fakta.</div>\n");
    html_printf(b, "<header class=\"site-header\">\n<div class=\"wrap header-inner\">\n"
                   "<a class=\"brand\" href=\"/\"><svg class=\"brand-mark\" viewBox=\"0 0 32 32\" aria-hidden=\"true\""
                   " focusable=\"false\"><rect x=\"2\" y=\"12\" width=\"8\" height=\"18\" rx=\"1\" fill=\"#1f5f8b\"/>"
                   "<rect x=\"12\" y=\"6\" width=\"8\" height=\"24\" rx=\"1\" fill=\"#2f7d5b\"/>"
                   "<rect x=\"22\" y=\"16\" width=\"8\" height=\"14\" rx=\"1\" fill=\"#c8792a\"/></svg>"
                   "<span>Helhed</span></a>\n"
                   "<nav aria-label=\"Hovedmenu\"><ul class=\"nav\">\n");
    const principal *who = web_principal(req);
    for (size_t i = 0; i < sizeof(nav_items) / sizeof(nav_items[0]); i++) {
        if (nav_items[i].access && !(who && (who->roles & nav_items[i].access)))
            continue; /* only what this user may use */
        bool cur = p->nav && strcmp(p->nav, nav_items[i].key) == 0;
        html_printf(b, "<li><a href=\"%s\"%r>%s</a></li>\n", nav_items[i].href, cur ? " aria-current=\"page\"" : "",
                    nav_items[i].label);
    }
    html_printf(b, "</ul></nav>\n<div class=\"session\">");
    bool here_account = p->nav && strcmp(p->nav, "account") == 0;
    bool here_login = p->nav && strcmp(p->nav, "login") == 0;
    if (who) {
        size_t unseen = notifications_unseen(req);
        bool here_notes = p->nav && strcmp(p->nav, "notifications") == 0;
        html_printf(
            b, "<a href=\"/notifikationer\" class=\"notes\"%r>Notifikationer%r</a>",
            here_notes ? " aria-current=\"page\"" : "",
            unseen
                ? arena_printf(&req->a, " <span class=\"count\">%zu<span class=\"sr-only\"> nye</span></span>", unseen)
                : "");
        html_printf(b, "<a href=\"/konto\"%r>%s</a>", here_account ? " aria-current=\"page\"" : "", who->name);
        if (who->via == AUTH_SESSION) {
            form_open(req, "/logout", "inline");
            html_printf(b, "<button type=\"submit\" class=\"link\">Log ud</button></form>");
        }
    } else {
        html_printf(b, "<a href=\"/login\"%r>Log ind</a>", here_login ? " aria-current=\"page\"" : "");
    }
    html_printf(b, "</div>\n</div>\n</header>\n<main id=\"indhold\" tabindex=\"-1\">\n<div class=\"wrap\">\n");
    if (p->ncrumbs > 0) {
        html_printf(b, "<nav class=\"crumbs\" aria-label=\"Brødkrummer\"><ol>\n");
        for (int i = 0; i < p->ncrumbs; i++) {
            if (p->crumbs[i].href)
                html_printf(b, "<li><a href=\"%s\">%s</a></li>\n", p->crumbs[i].href, p->crumbs[i].label);
            else
                html_printf(b, "<li><span aria-current=\"page\">%s</span></li>\n", p->crumbs[i].label);
        }
        html_printf(b, "</ol></nav>\n");
    }
}

void page_end(http_req *req, int status)
{
    html_printf(&req->out,
                "</div>\n</main>\n<footer class=\"site-footer\">\n<div class=\"wrap\">\n"
                "<p>Helhed %s · en åben platform for den almene boligsektor · "
                "<a href=\"/api/v1/version\">API</a></p>\n</div>\n</footer>\n</body>\n</html>\n",
                HELHED_VERSION);
    http_respond(req, status, "text/html; charset=utf-8");
}

void page_error(http_req *req, int status, const char *message)
{
    static const struct {
        int status;
        const char *title, *text;
    } texts[] = {
        { 400, "Forespørgslen kan ikke forstås", "Adressen eller de sendte data er ikke gyldige." },
        { 401, "Log ind for at fortsætte", "Du skal logge ind for at se denne side." },
        { 403, "Handlingen blev afvist", "Formularen er udløbet. Genindlæs siden, og prøv igen." },
        { 429, "For mange forsøg", "Vent lidt, og prøv igen." },
        { 404, "Siden findes ikke",
          "Vi kan ikke finde den side, du leder efter. Måske er adressen skrevet forkert, "
          "eller siden er flyttet." },
        { 405, "Handlingen er ikke tilladt", "Siden findes, men kan ikke bruges på denne måde." },
        { 413, "For meget data", "Det, du har sendt, er større end tilladt." },
        { 500, "Der opstod en fejl", "Noget gik galt hos os. Fejlen er skrevet i serverens log. Prøv igen om lidt." },
        { 503, "Tjenesten er midlertidigt utilgængelig", "Prøv igen om lidt." },
    };
    const char *title = "Der opstod en fejl", *text = "Prøv igen om lidt.";
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        if (texts[i].status == status) {
            title = texts[i].title;
            text = texts[i].text;
        }
    /* A specific message from the handler says more than the generic text;
     * the generic one is kept for 500, whose details belong in the log. */
    if (message && status != 500 && strcmp(message, title) != 0)
        text = message;
    buf_reset(&req->out);
    page pg = { .title = title };
    page_begin(req, &pg);
    html_printf(&req->out,
                "<section class=\"error-page\">\n<p class=\"error-code\">Fejl %d</p>\n<h1>%s</h1>\n<p>%s</p>\n<p>",
                status, title, text);
    if (status == 401) /* back to this page after login */
        html_printf(&req->out, "<a class=\"button\" href=\"/login?next=%s\">Log ind</a>",
                    http_local_path(req->path) ? req->path : "/");
    else
        html_printf(&req->out, "<a class=\"button\" href=\"/\">Gå til forsiden</a>");
    html_printf(&req->out, " <a href=\"/kommuner\">Se alle kommuner</a></p>\n</section>\n");
    page_end(req, status);
}
