/* admin.c - administration: users and their grants, password resets,
 * API tokens and the audit log (pages for the admin role only). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/session.h"
#include "auth/users.h"
#include "core/str.h"
#include "io/csv_write.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"

/* A temporary password: 16 random base64url characters (96 bits). */
static const char *temp_password(http_req *req)
{
    char tok[HH_TOKEN_CHARS];
    crypto_random_token(tok);
    return arena_strndup(&req->a, tok, 16);
}

static void admin_crumbs(http_req *req, const char *title, const char *here)
{
    crumb *c = arena_alloc(&req->a, 3 * sizeof(*c));
    c[0] = (crumb){ "/", "Forside" };
    c[1] = (crumb){ here ? "/admin/brugere" : NULL, "Administration" };
    c[2] = (crumb){ NULL, here };
    page pg = { .title = title, .nav = "admin", .crumbs = c, .ncrumbs = here ? 3 : 2 };
    page_begin(req, &pg);
}

static void admin_tabs(http_req *req, const char *cur)
{
    static const struct {
        const char *key, *href, *label;
    } tabs[] = { { "users", "/admin/brugere", "Brugere" },
                 { "tokens", "/admin/noegler", "API-nøgler" },
                 { "audit", "/admin/log", "Revisionslog" } };
    html_printf(&req->out, "<nav class=\"tabs\" aria-label=\"Administration\"><ul>\n");
    for (size_t i = 0; i < sizeof(tabs) / sizeof(tabs[0]); i++)
        html_printf(&req->out, "<li><a href=\"%s\"%r>%s</a></li>\n", tabs[i].href,
                    strcmp(tabs[i].key, cur) == 0 ? " aria-current=\"page\"" : "", tabs[i].label);
    html_printf(&req->out, "</ul></nav>\n");
}

static void users_page(http_req *req, int status, const char *ok, const char *error)
{
    user *users;
    size_t n;
    hh_error e;
    if (users_list(req->db, &req->a, &users, &n, &e) != HH_OK) {
        http_fail_db(req, "listing users");
        return;
    }
    web_audit(req, "read_personal", "user_list", "", "success");
    admin_crumbs(req, "Brugere", NULL);
    buf *b = &req->out;
    html_printf(b, "<h1>Administration</h1>\n");
    admin_tabs(req, "users");
    if (ok)
        notice(req, "ok", ok);
    if (error)
        notice(req, "error", error);
    /* Pending "forgot password" requests. */
    db_stmt *st = db_prepare(req->db, "SELECT email, MAX(at), COUNT(*) FROM password_reset_request"
                                      " WHERE handled_at IS NULL GROUP BY email ORDER BY MAX(at) DESC");
    bool any = false;
    while (st && db_step(st) == DB_ROW) {
        if (!any)
            html_printf(b, "<div class=\"notice notice-warn\" role=\"status\"><p><strong>Ønsker om ny "
                           "adgangskode</strong></p><ul>\n");
        any = true;
        html_printf(b, "<li>%s · %s</li>\n", db_col_text(st, 0), fmt_time(req, db_col_int64(st, 1)));
    }
    db_done(st);
    if (any)
        html_printf(b, "</ul><p>Nulstil adgangskoden på brugerens side. Ønsker fra adresser uden konto står her "
                       "også; de kan ignoreres.</p></div>\n");
    html_printf(b, "<h2>Brugere</h2>\n<table class=\"data\">\n<caption class=\"sr-only\">Brugere</caption>\n<thead><tr>"
                   "<th scope=\"col\">Navn</th><th scope=\"col\">E-mail</th><th scope=\"col\">Status</th>"
                   "<th scope=\"col\">Sidst logget ind</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++)
        html_printf(b, "<tr><td><a href=\"/admin/brugere/%D\">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                    users[i].id, users[i].name, users[i].email, users[i].active ? "Aktiv" : "Deaktiveret",
                    fmt_time(req, users[i].last_login_at));
    html_printf(b, "</tbody>\n</table>\n<h2>Opret bruger</h2>\n");
    form_open(req, "/admin/brugere", "stack narrow");
    html_printf(
        b, "<label for=\"name\">Navn</label>\n<input id=\"name\" name=\"name\" required maxlength=\"200\">\n"
           "<label for=\"email\">E-mail</label>\n<input id=\"email\" name=\"email\" type=\"email\" required>\n"
           "<label for=\"grant\">Adgang (valgfri)</label>\n"
           "<input id=\"grant\" name=\"grant\" placeholder=\"fx municipality:0101\" aria-describedby=\"granthelp\">\n"
           "<p id=\"granthelp\" class=\"hint\">Rolle og omfang: admin, national, municipality:KODE, "
           "organisation:NUMMER, plan_staff:PLAN, caretaker:ORG-AFD, viewer:municipality=KODE.</p>\n"
           "<button type=\"submit\">Opret bruger</button>\n</form>\n");
    page_end(req, status);
}

void page_admin_users(http_req *req)
{
    users_page(req, 200, NULL, NULL);
}

static bool add_grant_spec(http_req *req, int64_t id, const char *email, const char *spec, const char **error)
{
    grant *g;
    size_t n;
    hh_error e;
    if (grant_parse(req->db, &req->a, spec, &g, &n, &e) != HH_OK) {
        *error = arena_printf(&req->a, "Adgangen »%s« kan ikke bruges: %s.", spec, e.msg);
        return false;
    }
    if (users_grant(req->db, id, g, n, &e) != HH_OK) {
        *error = "Adgangen kunne ikke gemmes.";
        return false;
    }
    for (size_t i = 0; i < n; i++)
        web_audit(req, "grant", "user", arena_printf(&req->a, "%s:%s", email, grant_format(&req->a, &g[i])), "success");
    return true;
}

void page_admin_user_create(http_req *req)
{
    const char *name = http_form(req, "name"), *email = http_form(req, "email"), *spec = http_form(req, "grant");
    const char *norm;
    if (email && users_normalize_email(&req->a, email, &norm, NULL) == HH_OK)
        email = norm; /* as stored, also in the audit log */
    const char *pw = temp_password(req), *error = NULL;
    int64_t id;
    hh_error e;
    hh_error_clear(&e);
    hh_err rc = db_begin(req->db, &e);
    if (!rc)
        rc = users_add(req->db, &req->a, email ? email : "", name ? name : "", pw, true, &id, &e);
    if (!rc && spec && *spec && !add_grant_spec(req, id, email, spec, &error))
        rc = HH_ERR_INPUT;
    if (!rc)
        rc = db_commit(req->db, &e);
    if (rc) {
        db_rollback(req->db);
        if (!error)
            error = rc == HH_ERR_CONFLICT ? "Der findes allerede en bruger med den e-mail."
                    : rc == HH_ERR_INPUT  ? arena_printf(&req->a, "Brugeren kunne ikke oprettes: %s", e.msg)
                                          : "Brugeren kunne ikke oprettes.";
        users_page(req, 400, NULL, error);
        return;
    }
    web_audit(req, "user_create", "user", email, "success");
    users_page(req, 200,
               arena_printf(&req->a,
                            "Brugeren er oprettet. Midlertidig adgangskode: %s — giv den videre sikkert; "
                            "den skal skiftes ved første login.",
                            pw),
               NULL);
}

static bool load_user(http_req *req, user *u)
{
    const char *ids = http_param(req, "id");
    int64_t id;
    hh_error e;
    if (!hh_parse_int64(ids, strlen(ids), &id) || users_get(req->db, &req->a, id, u, &e) != HH_OK) {
        http_error(req, 404, "not_found", "Brugeren findes ikke.", NULL);
        return false;
    }
    return true;
}

static void user_page(http_req *req, const user *u, int status, const char *ok, const char *error)
{
    grant *g;
    size_t ng;
    api_token *tokens;
    size_t nt;
    hh_error e;
    if (users_grants(req->db, &req->a, u->id, &g, &ng, &e) || token_list(req->db, &req->a, u->id, &tokens, &nt, &e)) {
        http_fail_db(req, "reading a user");
        return;
    }
    web_audit(req, "read_personal", "user", u->email, "success");
    admin_crumbs(req, u->name, u->name);
    buf *b = &req->out;
    html_printf(b, "<h1>%s</h1>\n", u->name);
    if (ok)
        notice(req, "ok", ok);
    if (error)
        notice(req, "error", error);
    html_printf(b,
                "<dl class=\"facts\">\n<div><dt>E-mail</dt><dd>%s</dd></div>\n<div><dt>Status</dt><dd>%s</dd></div>\n"
                "<div><dt>Oprettet</dt><dd>%s</dd></div>\n<div><dt>Sidst logget ind</dt><dd>%s</dd></div>\n</dl>\n"
                "<h2>Adgange</h2>\n",
                u->email, u->active ? "Aktiv" : "Deaktiveret", fmt_time(req, u->created_at),
                fmt_time(req, u->last_login_at));
    const char *base = arena_printf(&req->a, "/admin/brugere/%lld", (long long)u->id);
    if (ng == 0)
        html_printf(b, "<p class=\"muted\">Ingen adgange.</p>\n");
    else {
        html_printf(b, "<ul class=\"grants\">\n");
        for (size_t i = 0; i < ng; i++) {
            const char *spec = grant_format(&req->a, &g[i]);
            html_printf(b, "<li><strong>%s</strong> <code>%s</code> ", role_defs[g[i].role].label, spec);
            form_open(req, arena_printf(&req->a, "%s/adgange/fjern", base), "inline");
            html_printf(b,
                        "<input type=\"hidden\" name=\"grant\" value=\"%s\">"
                        "<button type=\"submit\" class=\"secondary\">Fjern</button></form></li>\n",
                        spec);
        }
        html_printf(b, "</ul>\n");
    }
    form_open(req, arena_printf(&req->a, "%s/adgange", base), "stack narrow");
    html_printf(b, "<label for=\"grant\">Giv adgang</label>\n"
                   "<input id=\"grant\" name=\"grant\" required placeholder=\"fx organisation:42\">\n"
                   "<button type=\"submit\">Giv adgang</button>\n</form>\n");
    html_printf(b, "<h2>API-nøgler</h2>\n");
    if (nt == 0)
        html_printf(b, "<p class=\"muted\">Ingen.</p>\n");
    for (size_t i = 0; i < nt; i++)
        html_printf(b, "<p>%s <code>%s…</code> · %s</p>\n", tokens[i].label, tokens[i].prefix,
                    tokens[i].revoked_at ? "tilbagekaldt" : "aktiv");
    html_printf(b, "<h2>Adgangskode og status</h2>\n<div class=\"actions\">\n");
    form_open(req, arena_printf(&req->a, "%s/nulstil", base), "inline");
    html_printf(b, "<button type=\"submit\">Nulstil adgangskode</button></form>\n");
    form_open(req, arena_printf(&req->a, "%s/status", base), "inline");
    html_printf(b,
                "<input type=\"hidden\" name=\"active\" value=\"%s\"><button type=\"submit\" class=\"secondary\">%s"
                "</button></form>\n</div>\n",
                u->active ? "0" : "1", u->active ? "Deaktivér bruger" : "Aktivér bruger");
    page_end(req, status);
}

void page_admin_user(http_req *req)
{
    user u;
    if (load_user(req, &u))
        user_page(req, &u, 200, NULL, NULL);
}

void page_admin_user_grant(http_req *req)
{
    user u;
    if (!load_user(req, &u))
        return;
    const char *spec = http_form(req, "grant"), *error = NULL;
    if (!spec || !add_grant_spec(req, u.id, u.email, spec, &error)) {
        user_page(req, &u, 400, NULL, error ? error : "Skriv en adgang.");
        return;
    }
    user_page(req, &u, 200, "Adgangen er givet.", NULL);
}

void page_admin_user_revoke(http_req *req)
{
    user u;
    if (!load_user(req, &u))
        return;
    const char *spec = http_form(req, "grant");
    grant *g;
    size_t n;
    int64_t removed = 0;
    hh_error e;
    if (!spec || grant_parse(NULL, &req->a, spec, &g, &n, &e) != HH_OK ||
        users_revoke(req->db, u.id, g, n, &removed, &e) != HH_OK || removed == 0) {
        user_page(req, &u, 400, NULL, "Adgangen findes ikke.");
        return;
    }
    web_audit(req, "revoke", "user", arena_printf(&req->a, "%s:%s", u.email, spec), "success");
    user_page(req, &u, 200, "Adgangen er fjernet.", NULL);
}

void page_admin_user_reset(http_req *req)
{
    user u;
    if (!load_user(req, &u))
        return;
    const char *pw = temp_password(req);
    hh_error e;
    if (users_set_password(req->db, u.id, pw, true, &e) != HH_OK || session_destroy_all(req->db, u.id, NULL, &e)) {
        http_fail_db(req, "resetting a password");
        return;
    }
    db_stmt *st = db_prepare(req->db, "UPDATE password_reset_request SET handled_at = ? WHERE email = ?"
                                      " AND handled_at IS NULL");
    if (st) {
        db_bind_int64(st, 1, (int64_t)time(NULL));
        db_bind_text(st, 2, u.email);
        db_step(st);
        db_done(st);
    }
    web_audit(req, "password_reset", "user", u.email, "success");
    user_page(req, &u, 200,
              arena_printf(&req->a,
                           "Ny midlertidig adgangskode: %s — giv den videre sikkert. Brugeren er logget ud "
                           "overalt og skal vælge en ny ved næste login.",
                           pw),
              NULL);
}

void page_admin_user_status(http_req *req)
{
    user u;
    if (!load_user(req, &u))
        return;
    const char *active = http_form(req, "active");
    bool on = active && strcmp(active, "1") == 0;
    hh_error e;
    if (!on && u.id == req->principal->user_id) {
        user_page(req, &u, 400, NULL, "Du kan ikke deaktivere dig selv.");
        return;
    }
    if (users_set_active(req->db, u.id, on, &e) != HH_OK || (!on && session_destroy_all(req->db, u.id, NULL, &e))) {
        http_fail_db(req, "changing a user");
        return;
    }
    u.active = on;
    web_audit(req, on ? "user_activate" : "user_deactivate", "user", u.email, "success");
    user_page(req, &u, 200, on ? "Brugeren er aktiveret." : "Brugeren er deaktiveret og logget ud.", NULL);
}

static void tokens_page(http_req *req, int status, const char *ok)
{
    api_token *t;
    size_t n;
    hh_error e;
    if (token_list(req->db, &req->a, 0, &t, &n, &e) != HH_OK) {
        http_fail_db(req, "listing tokens");
        return;
    }
    admin_crumbs(req, "API-nøgler", NULL);
    buf *b = &req->out;
    html_printf(b, "<h1>Administration</h1>\n");
    admin_tabs(req, "tokens");
    if (ok)
        notice(req, "ok", ok);
    html_printf(b, "<table class=\"data\">\n<caption class=\"sr-only\">Alle API-nøgler</caption>\n<thead><tr>"
                   "<th scope=\"col\">Bruger</th><th scope=\"col\">Navn</th><th scope=\"col\">Begynder med</th>"
                   "<th scope=\"col\">Adgange</th><th scope=\"col\">Sidst brugt</th><th scope=\"col\">Status</th>"
                   "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<tr><td>%s</td><td>%s</td><td><code>%s…</code></td><td>%D</td><td>%s</td><td>", t[i].user_email,
                    t[i].label, t[i].prefix, t[i].ngrants, fmt_time(req, t[i].last_used_at));
        if (t[i].revoked_at)
            html_printf(b, "Tilbagekaldt %s", fmt_time(req, t[i].revoked_at));
        else {
            form_open(req, arena_printf(&req->a, "/admin/noegler/%lld/tilbagekald", (long long)t[i].id), "inline");
            html_printf(b, "<button type=\"submit\" class=\"secondary\">Tilbagekald</button></form>");
        }
        html_printf(b, "</td></tr>\n");
    }
    if (n == 0)
        html_printf(b, "<tr><td colspan=\"6\">Ingen nøgler.</td></tr>\n");
    html_printf(b, "</tbody>\n</table>\n");
    page_end(req, status);
}

void page_admin_tokens(http_req *req)
{
    tokens_page(req, 200, NULL);
}

void page_admin_token_revoke(http_req *req)
{
    const char *ids = http_param(req, "id");
    int64_t id;
    hh_error e;
    if (!hh_parse_int64(ids, strlen(ids), &id) || token_revoke(req->db, id, 0, &e) != HH_OK) {
        http_error(req, 404, "not_found", "Nøglen findes ikke eller er allerede tilbagekaldt.", NULL);
        return;
    }
    web_audit(req, "token_revoke", "api_token", ids, "success");
    tokens_page(req, 200, "Nøglen er tilbagekaldt.");
}

static const char *audit_qs(http_req *req, const audit_filter *f)
{
    buf q;
    buf_init(&q, 4096);
    const char *keys[] = { "user", "action", "object", "from", "to" };
    const char *vals[] = { f->user, f->action, f->object, f->from, f->to };
    for (int i = 0; i < 5; i++)
        if (vals[i] && *vals[i]) {
            buf_printf(&q, "%s%s=", q.len ? "&" : "", keys[i]);
            for (const unsigned char *p = (const unsigned char *)vals[i]; *p; p++) {
                if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                    strchr("-._~:@", *p))
                    buf_putc(&q, (char)*p);
                else
                    buf_printf(&q, "%%%02X", *p);
            }
        }
    const char *s = arena_strdup(&req->a, buf_cstr(&q));
    buf_free(&q);
    return s;
}

void page_admin_audit(http_req *req)
{
    audit_filter f;
    audit_row *rows;
    size_t n;
    if (!audit_load(req, 100, "read", &f, &rows, &n))
        return;
    admin_crumbs(req, "Revisionslog", NULL);
    buf *b = &req->out;
    html_printf(b, "<h1>Administration</h1>\n");
    admin_tabs(req, "audit");
    html_printf(
        b,
        "<form class=\"filters\" method=\"get\" action=\"/admin/log\">\n"
        "<div><label for=\"f-user\">Bruger (e-mail)</label><input id=\"f-user\" name=\"user\" value=\"%s\"></div>\n"
        "<div><label for=\"f-action\">Handling</label><input id=\"f-action\" name=\"action\" value=\"%s\" "
        "placeholder=\"fx login\"></div>\n"
        "<div><label for=\"f-object\">Objekt</label><input id=\"f-object\" name=\"object\" value=\"%s\" "
        "placeholder=\"fx user\"></div>\n"
        "<div><label for=\"f-from\">Fra dato</label><input id=\"f-from\" name=\"from\" type=\"date\" "
        "value=\"%s\"></div>\n"
        "<div><label for=\"f-to\">Til dato</label><input id=\"f-to\" name=\"to\" type=\"date\" value=\"%s\"></div>\n"
        "<div><button type=\"submit\">Filtrér</button></div>\n</form>\n",
        f.user, f.action, f.object, f.from, f.to);
    html_printf(b, "<table class=\"data\">\n<caption class=\"sr-only\">Revisionslog, nyeste først</caption>\n"
                   "<thead><tr><th scope=\"col\">Nr.</th><th scope=\"col\">Tidspunkt (UTC)</th><th scope=\"col\">Bruger"
                   "</th><th scope=\"col\">Rolle</th><th scope=\"col\">Handling</th><th scope=\"col\">Objekt</th>"
                   "<th scope=\"col\">Adresse</th><th scope=\"col\">Udfald</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const audit_row *r = &rows[i];
        html_printf(b,
                    "<tr><td>%D</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s%r%s</td><td>%s</td><td>%s"
                    "</td></tr>\n",
                    r->id, r->at, r->user_email, r->role, r->action, r->object_type, r->object_id[0] ? " " : "",
                    r->object_id, r->client, r->outcome);
    }
    if (n == 0)
        html_printf(b, "<tr><td colspan=\"8\">Ingen hændelser matcher.</td></tr>\n");
    html_printf(b, "</tbody>\n</table>\n");
    const char *qs = audit_qs(req, &f);
    if (n && (int)n == f.limit)
        html_printf(b, "<p><a href=\"/admin/log?%r%rbefore=%D\">Ældre hændelser</a></p>\n", qs, *qs ? "&amp;" : "",
                    rows[n - 1].id);
    html_printf(b,
                "<p class=\"export\"><a href=\"/admin/log.csv%r%r\">Hent som CSV</a> (alle hændelser, der matcher "
                "filteret)</p>\n",
                *qs ? "?" : "", qs);
    page_end(req, 200);
}

void page_admin_audit_csv(http_req *req)
{
    audit_filter f;
    audit_row *rows;
    size_t n;
    if (!audit_load(req, 0, "export", &f, &rows, &n))
        return;
    buf *b = &req->out;
    buf_puts(b, CSV_BOM);
    static const char *const head[] = { "nr",         "tidspunkt", "bruger", "rolle",   "handling",
                                        "objekttype", "objekt",    "omfang", "adresse", "udfald" };
    for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
        csv_field(b, head[i], i == 0);
    csv_end_row(b);
    for (size_t i = 0; i < n; i++) {
        const audit_row *r = &rows[i];
        char id[24];
        snprintf(id, sizeof(id), "%lld", (long long)r->id);
        const char *cells[] = { id,           r->at,    r->user_email, r->role,   r->action, r->object_type,
                                r->object_id, r->scope, r->client,     r->outcome };
        for (size_t k = 0; k < 10; k++)
            csv_field(b, cells[k], k == 0);
        csv_end_row(b);
    }
    http_add_header(req, "Content-Disposition", "attachment; filename=\"revisionslog.csv\"");
    http_respond(req, 200, "text/csv; charset=utf-8");
}
