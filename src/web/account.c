/* account.c - logging in and out, the user's own account page and API
 * tokens, and the "forgot password" request. */
#include <string.h>
#include <time.h>

#include "auth/crypto.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/users.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/geo.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"

static void login_form(http_req *req, int status, const char *error, const char *email)
{
    const char *next = http_form(req, "next");
    if (!next)
        next = http_query(req, "next");
    if (!http_local_path(next))
        next = "/konto";
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Log ind" } };
    page pg = { .title = "Log ind", .nav = "login", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<section class=\"narrow\">\n<h1>Log ind</h1>\n");
    if (error)
        notice(req, "error", error);
    form_open(req, "/login", "stack");
    html_printf(b,
                "<input type=\"hidden\" name=\"next\" value=\"%s\">\n"
                "<label for=\"email\">E-mail</label>\n"
                "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"%s\"%r>\n"
                "<label for=\"password\">Adgangskode</label>\n"
                "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" "
                "required>\n"
                "<button type=\"submit\">Log ind</button>\n</form>\n"
                "<p><a href=\"/glemt-adgangskode\">Glemt adgangskode?</a></p>\n</section>\n",
                next, email ? email : "", error ? " aria-describedby=\"besked\"" : " autofocus");
    page_end(req, status);
}

void page_login(http_req *req)
{
    if (web_principal(req)) {
        http_redirect(req, 303, "/konto");
        return;
    }
    login_form(req, 200, NULL, NULL);
}

void page_login_post(http_req *req)
{
    const char *email = http_form(req, "email"), *password = http_form(req, "password");
    int64_t retry = 0;
    login_result r = web_login(req, email, password, &retry);
    if (r == LOGIN_OK) {
        const char *next = http_form(req, "next");
        if (req->principal->must_change_password)
            next = "/konto?skift=1";
        http_redirect(req, 303, http_local_path(next) ? next : "/konto");
        return;
    }
    if (r == LOGIN_ERROR) {
        http_fail_db(req, "logging in");
        return;
    }
    if (r == LOGIN_THROTTLED) {
        http_add_header(req, "Retry-After", arena_printf(&req->a, "%lld", (long long)retry));
        login_form(req, 429,
                   arena_printf(&req->a, "For mange mislykkede forsøg. Vent %lld minutter, og prøv igen.",
                                (long long)((retry + 59) / 60)),
                   email);
        return;
    }
    login_form(req, 401, "Forkert e-mail eller adgangskode.", email);
}

void page_logout_post(http_req *req)
{
    web_logout(req);
    http_redirect(req, 303, "/");
}

static void account_page(http_req *req, int status, const char *ok, const char *error, const char *new_token)
{
    principal *p = req->principal;
    api_token *tokens;
    size_t nt;
    hh_error e;
    if (token_list(req->db, &req->a, p->user_id, &tokens, &nt, &e) != HH_OK) {
        http_fail_db(req, "listing tokens");
        return;
    }
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Min konto" } };
    page pg = { .title = "Min konto", .nav = "account", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Min konto</h1>\n");
    if (ok)
        notice(req, "ok", ok);
    if (error)
        notice(req, "error", error);
    if (p->must_change_password)
        notice(req, "warn", "Du skal vælge en ny adgangskode, før du fortsætter.");
    if (new_token) {
        html_printf(b,
                    "<div class=\"notice notice-ok\" role=\"status\"><p><strong>Din nye API-nøgle:</strong></p>"
                    "<p><code class=\"token\">%s</code></p><p>Kopiér den nu. Den vises kun denne ene gang.</p></div>\n",
                    new_token);
    }
    html_printf(b,
                "<dl class=\"facts\">\n<div><dt>Navn</dt><dd>%s</dd></div>\n<div><dt>E-mail</dt><dd>%s</dd></div>\n"
                "</dl>\n<h2>Mine adgange</h2>\n",
                p->name, p->email);
    if (p->ngrants == 0)
        html_printf(b, "<p class=\"muted\">Du har endnu ingen adgange. Kontakt en administrator.</p>\n");
    else {
        html_printf(b, "<ul class=\"grants\">\n");
        for (size_t i = 0; i < p->ngrants; i++)
            html_printf(b, "<li><strong>%s</strong>%r%s</li>\n", role_defs[p->grants[i].role].label,
                        p->grants[i].scope[0] ? " · " : "", p->grants[i].scope);
        html_printf(b, "</ul>\n");
    }
    /* The municipalities this user's grants cover, as links. */
    bool any = false;
    for (size_t i = 0; i < p->ngrants; i++) {
        const char *code = p->grants[i].scope;
        if (p->grants[i].role == ROLE_VIEWER && strncmp(code, "municipality=", 13) == 0)
            code += 13;
        else if (p->grants[i].role != ROLE_MUNICIPALITY)
            continue;
        geo_municipality m;
        if (geo_municipality_get(req->db, &req->a, code, &m, NULL) != HH_OK)
            continue;
        if (!any)
            html_printf(b, "<h2>Mine kommuner</h2>\n<ul class=\"muni-list\" id=\"mine-kommuner\">\n");
        any = true;
        html_printf(
            b, "<li><a href=\"/kommuner/%s\"><span class=\"name\">%s</span> <span class=\"code\">%s</span></a></li>\n",
            m.code, m.name, m.code);
    }
    if (any)
        html_printf(b, "</ul>\n");
    html_printf(b, "<h2 id=\"adgangskode\">Skift adgangskode</h2>\n");
    form_open(req, "/konto/adgangskode", "stack narrow");
    html_printf(b, "<label for=\"current\">Nuværende adgangskode</label>\n"
                   "<input id=\"current\" name=\"current\" type=\"password\" autocomplete=\"current-password\" "
                   "required>\n"
                   "<label for=\"new\">Ny adgangskode</label>\n"
                   "<input id=\"new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" minlength=\"12\" "
                   "required aria-describedby=\"pwhelp\">\n"
                   "<p id=\"pwhelp\" class=\"hint\">Mindst 12 tegn. Undgå almindelige adgangskoder.</p>\n"
                   "<label for=\"repeat\">Gentag ny adgangskode</label>\n"
                   "<input id=\"repeat\" name=\"repeat\" type=\"password\" autocomplete=\"new-password\" required>\n"
                   "<button type=\"submit\">Skift adgangskode</button>\n</form>\n");
    html_printf(b,
                "<h2>API-nøgler</h2>\n<p class=\"muted\">Personlige nøgler til scripts og integrationer "
                "(<code>Authorization: Bearer …</code>). En nøgle har dine adgange, og kun så længe du har dem.</p>\n");
    if (nt) {
        html_printf(b, "<table class=\"data\">\n<caption class=\"sr-only\">Mine API-nøgler</caption>\n<thead><tr>"
                       "<th scope=\"col\">Navn</th><th scope=\"col\">Begynder med</th><th scope=\"col\">Oprettet</th>"
                       "<th scope=\"col\">Sidst brugt</th><th scope=\"col\">Status</th><th scope=\"col\"></th>"
                       "</tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < nt; i++) {
            api_token *t = &tokens[i];
            html_printf(b, "<tr><td>%s</td><td><code>%s…</code></td><td>%s</td><td>%s</td><td>%s</td><td>", t->label,
                        t->prefix, fmt_time(req, t->created_at), fmt_time(req, t->last_used_at),
                        t->revoked_at ? "Tilbagekaldt" : "Aktiv");
            if (!t->revoked_at) {
                form_open(req, arena_printf(&req->a, "/konto/noegler/%lld/tilbagekald", (long long)t->id), "inline");
                html_printf(b, "<button type=\"submit\" class=\"secondary\">Tilbagekald</button></form>");
            }
            html_printf(b, "</td></tr>\n");
        }
        html_printf(b, "</tbody>\n</table>\n");
    }
    form_open(req, "/konto/noegler", "stack narrow");
    html_printf(b, "<label for=\"label\">Navn på ny nøgle</label>\n"
                   "<input id=\"label\" name=\"label\" maxlength=\"100\" required placeholder=\"fx Månedlig import\">\n"
                   "<button type=\"submit\">Opret nøgle</button>\n</form>\n");
    html_printf(b, "<h2>Sessioner</h2>\n<p>Log ud på alle enheder, hvor du er logget ind, også denne.</p>\n");
    form_open(req, "/konto/log-ud-overalt", NULL);
    html_printf(b, "<button type=\"submit\" class=\"secondary\">Log ud overalt</button></form>\n");
    page_end(req, status);
}

void page_account(http_req *req)
{
    account_page(req, 200, NULL, NULL, NULL);
}

void page_account_password(http_req *req)
{
    principal *p = req->principal;
    const char *cur = http_form(req, "current"), *nw = http_form(req, "new"), *rep = http_form(req, "repeat");
    user u;
    const char *hash;
    hh_error e;
    if (users_find(req->db, &req->a, p->email, &u, &hash, &e) != HH_OK) {
        http_fail_db(req, "reading the account");
        return;
    }
    if (!cur || !password_verify(hash, cur)) {
        web_audit(req, "password_change", "user", p->email, "failure");
        account_page(req, 400, NULL, "Den nuværende adgangskode er forkert.", NULL);
        return;
    }
    if (!nw || !rep || strcmp(nw, rep) != 0) {
        account_page(req, 400, NULL, "De to nye adgangskoder er ikke ens.", NULL);
        return;
    }
    const char *why = password_policy(nw);
    if (why) {
        account_page(req, 400, NULL, why, NULL);
        return;
    }
    if (users_set_password(req->db, p->user_id, nw, false, &e) != HH_OK) {
        http_fail_db(req, "changing a password");
        return;
    }
    p->must_change_password = false;
    web_audit(req, "password_change", "user", p->email, "success");
    account_page(req, 200, "Din adgangskode er skiftet.", NULL, NULL);
}

void page_account_logout_all(http_req *req)
{
    int64_t n = 0;
    hh_error e;
    if (session_destroy_all(req->db, req->principal->user_id, &n, &e) != HH_OK) {
        http_fail_db(req, "ending sessions");
        return;
    }
    http_set_cookie(req, SESSION_COOKIE, "", 0, true);
    web_audit(req, "logout_all", "user", req->principal->email, "success");
    http_redirect(req, 303, "/login");
}

void page_account_token_create(http_req *req)
{
    const char *label = http_form(req, "label");
    char token[TOKEN_CHARS];
    int64_t id;
    hh_error e;
    hh_err rc = token_create(req->db, &req->a, req->principal->user_id, label ? label : "", NULL, 0, token, &id, &e);
    if (rc == HH_ERR_INPUT) {
        account_page(req, 400, NULL, "Giv nøglen et navn på 1-100 tegn.", NULL);
        return;
    }
    if (rc) {
        http_fail_db(req, "creating a token");
        return;
    }
    web_audit(req, "token_create", "api_token", arena_printf(&req->a, "%lld", (long long)id), "success");
    account_page(req, 200, NULL, NULL, token);
}

void page_account_token_revoke(http_req *req)
{
    const char *ids = http_param(req, "id");
    int64_t id;
    hh_error e;
    if (!hh_parse_int64(ids, strlen(ids), &id) || token_revoke(req->db, id, req->principal->user_id, &e) != HH_OK) {
        http_error(req, 404, "not_found", "Nøglen findes ikke.", NULL);
        return;
    }
    web_audit(req, "token_revoke", "api_token", ids, "success");
    account_page(req, 200, "Nøglen er tilbagekaldt og virker ikke længere.", NULL, NULL);
}

static void forgot_form(http_req *req, const char *done)
{
    static const crumb crumbs[] = { { "/", "Forside" }, { "/login", "Log ind" }, { NULL, "Glemt adgangskode" } };
    page pg = { .title = "Glemt adgangskode", .nav = "login", .crumbs = crumbs, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<section class=\"narrow\">\n<h1>Glemt adgangskode</h1>\n");
    if (done) {
        notice(req, "ok", done);
    } else {
        html_printf(b, "<p>Skriv din e-mail. Din administrator får besked og giver dig en ny midlertidig "
                       "adgangskode.</p>\n");
        form_open(req, "/glemt-adgangskode", "stack");
        html_printf(b, "<label for=\"email\">E-mail</label>\n"
                       "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required>\n"
                       "<button type=\"submit\">Bed om ny adgangskode</button>\n</form>\n");
    }
    html_printf(b, "</section>\n");
    page_end(req, 200);
}

void page_forgot(http_req *req)
{
    forgot_form(req, NULL);
}

/* The answer is the same whether or not the address has an account. */
void page_forgot_post(http_req *req)
{
    const char *email = http_form(req, "email"), *norm;
    if (email && users_normalize_email(&req->a, email, &norm, NULL) == HH_OK) {
        db_stmt *st = db_prepare(req->db, "INSERT INTO password_reset_request (email, at, client) VALUES (?, ?, ?)");
        if (st) {
            db_bind_text(st, 1, norm);
            db_bind_int64(st, 2, (int64_t)time(NULL));
            db_bind_text(st, 3, req->client);
            db_step(st);
            db_done(st);
        }
        audit_event ev = { .email = norm,
                           .action = "password_reset_request",
                           .object_type = "user",
                           .object_id = norm,
                           .client = req->client,
                           .outcome = "recorded" };
        audit_append(req->db, &ev, NULL);
    }
    forgot_form(req, "Tak. Hvis adressen hører til en konto, får en administrator besked og kontakter dig.");
}
