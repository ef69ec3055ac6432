/* pages_plans_parts.c - the parts of a plan changed from its page (agreements
 * with the municipality, team and steering group, cooperation agreements),
 * its saved versions with the differences between them, and the partner
 * registry shared across plans (partners, their contacts at three levels and
 * the plans they cooperate with). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "domain/geo.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"

/* The item a delete names exists on the page it came from; 404 otherwise. */
static bool found(http_req *req, const char *what)
{
    if (!what)
        http_error(req, 404, "not_found", "Det findes ikke (længere). Genindlæs siden.", NULL);
    return what != NULL;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* After a change from the plan's page: back to its section, or the page
 * again with the message. */
static void done(http_req *req, const plan *pl, hh_err rc, const hh_error *e, const char *audit, const char *anchor)
{
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        plans_render(req, pl, e, 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, e, audit);
        return;
    }
    web_audit(req, audit, "plan", arena_printf(&req->a, "%lld", (long long)pl->id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld?gemt=1#%s", (long long)pl->id, anchor));
}

/* ---- agreements with the municipality ---- */

void page_plan_agreement_post(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    const char *kind = plans_field(req, "kind");
    if (!kind) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    plan_agreement g = { .strategic = strncmp(kind, "sub:", 4) != 0,
                         .focus = strncmp(kind, "sub:", 4) == 0 ? kind + 4 : "",
                         .title = or_empty(plans_field(req, "title")),
                         .parties = or_empty(plans_field(req, "parties")),
                         .signed_on = or_empty(plans_field(req, "signed_on")),
                         .valid_from = or_empty(plans_field(req, "valid_from")),
                         .valid_to = or_empty(plans_field(req, "valid_to")),
                         .doc_ref = or_empty(plans_field(req, "doc_ref")) };
    hh_error e;
    hh_err rc = plan_agreement_put(req->db, web_principal(req), &req->a, pl.id, &g, &e);
    done(req, &pl, rc, &e, "plan.agreement", "aftaler");
}

void page_plan_agreement_delete(http_req *req)
{
    plan pl;
    int64_t id;
    if (!plans_load(req, &pl) || !plans_form_id(req, &id))
        return;
    hh_error e;
    plan_agreement *g;
    size_t n = 0;
    if (plan_agreements(req->db, &req->a, pl.id, &g, &n, &e)) {
        http_fail_db(req, "reading agreements");
        return;
    }
    const char *what = NULL;
    for (size_t i = 0; i < n; i++)
        if (g[i].id == id)
            what = arena_printf(&req->a, "aftalen »%s«", g[i].title);
    if (!found(req, what) ||
        !plans_delete_confirmed(req, &pl, id, what, arena_printf(&req->a, "/planer/%lld#aftaler", (long long)pl.id)))
        return;
    hh_err rc = plan_agreement_delete(req->db, web_principal(req), pl.id, id, &e);
    done(req, &pl, rc, &e, "plan.agreement.delete", "aftaler");
}

/* ---- team and steering group ---- */

void page_plan_member_post(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    const char *steering = plans_field(req, "steering");
    if (!steering) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    const char *role = plans_field(req, "role");
    plan_member m = { .steering = strcmp(steering, "1") == 0,
                      .name = or_empty(plans_field(req, "name")),
                      .organisation = or_empty(plans_field(req, "organisation")),
                      .role = -1,
                      .seat = or_empty(plans_field(req, "seat")),
                      .email = or_empty(plans_field(req, "email")) };
    if (!m.steering)
        m.role = role ? plan_enum_find(plan_team_role_code, TEAM_COUNT, role) : -1;
    hh_error e;
    hh_err rc = plan_member_put(req->db, web_principal(req), &req->a, pl.id, &m, &e);
    done(req, &pl, rc, &e, "plan.member", "team");
}

void page_plan_member_delete(http_req *req)
{
    plan pl;
    int64_t id;
    if (!plans_load(req, &pl) || !plans_form_id(req, &id))
        return;
    hh_error e;
    plan_member *m;
    size_t n = 0;
    if (plan_members(req->db, &req->a, pl.id, &m, &n, &e)) {
        http_fail_db(req, "reading members");
        return;
    }
    const char *what = NULL;
    for (size_t i = 0; i < n; i++)
        if (m[i].id == id)
            what = arena_printf(&req->a, "%s fra %s", m[i].name, m[i].steering ? "styregruppen" : "teamet");
    if (!found(req, what) ||
        !plans_delete_confirmed(req, &pl, id, what, arena_printf(&req->a, "/planer/%lld#team", (long long)pl.id)))
        return;
    hh_err rc = plan_member_delete(req->db, web_principal(req), pl.id, id, &e);
    done(req, &pl, rc, &e, "plan.member.delete", "team");
}

/* ---- cooperation agreements ---- */

void page_plan_coop_post(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    const char *partner_s = plans_field(req, "partner_id");
    int64_t partner_id;
    if (!partner_s || !hh_parse_int64(partner_s, strlen(partner_s), &partner_id)) {
        http_error(req, 400, "bad_request", "Vælg en partner.", NULL);
        return;
    }
    const char **purposes;
    size_t np = plans_form_all(req, "purposes", &purposes);
    unsigned bits = 0;
    for (size_t i = 0; i < np; i++) {
        int p = plan_enum_find(coop_purpose_code, CP_COUNT, purposes[i]);
        if (p >= 0)
            bits |= 1u << p;
    }
    plan_cooperation c = { .plan_id = pl.id,
                           .partner_id = partner_id,
                           .purposes = bits,
                           .valid_from = or_empty(plans_field(req, "valid_from")),
                           .valid_to = or_empty(plans_field(req, "valid_to")),
                           .note = or_empty(plans_field(req, "note")) };
    hh_error e;
    hh_err rc = plan_cooperation_put(req->db, web_principal(req), &req->a, &c, &e);
    done(req, &pl, rc, &e, "plan.cooperation", "samarbejde");
}

void page_plan_coop_delete(http_req *req)
{
    plan pl;
    int64_t id;
    if (!plans_load(req, &pl) || !plans_form_id(req, &id))
        return;
    hh_error e;
    plan_cooperation *c;
    size_t n = 0;
    if (plan_cooperations(req->db, web_principal(req), &req->a, pl.id, 0, NULL, &c, &n, &e)) {
        http_fail_db(req, "reading cooperation agreements");
        return;
    }
    const char *what = NULL;
    for (size_t i = 0; i < n; i++)
        if (c[i].id == id)
            what = arena_printf(&req->a, "samarbejdsaftalen med %s", c[i].partner_name);
    if (!found(req, what) ||
        !plans_delete_confirmed(req, &pl, id, what, arena_printf(&req->a, "/planer/%lld#samarbejde", (long long)pl.id)))
        return;
    hh_err rc = plan_cooperation_delete(req->db, web_principal(req), pl.id, id, &e);
    done(req, &pl, rc, &e, "plan.cooperation.delete", "samarbejde");
}

/* ---- versions ---- */

static const char *const section_label[][2] = {
    { "plan", "Planen" }, { "focus", "Indsatsområder" }, { "budget", "Budget" }, { "goals", "Mål" }
};

static const char *version_name(http_req *req, int v)
{
    return v ? arena_printf(&req->a, "version %d", v) : "planen nu";
}

void page_plan_versions(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    plan_version *v;
    size_t n;
    hh_error e;
    if (plan_versions_read(req->db, web_principal(req), &req->a, pl.id, &v, &n, &e)) {
        http_fail_db(req, "reading versions");
        return;
    }
    /* fra/til: version numbers; "nu" (or absent til) = the plan now. */
    int from = n ? v[n - 1].version : 0, to = 0;
    const char *fs = http_query(req, "fra"), *ts = http_query(req, "til");
    if (fs && !hh_parse_int(fs, 1, 100000, &from))
        from = n ? v[n - 1].version : 0;
    if (ts && strcmp(ts, "nu") != 0 && !hh_parse_int(ts, 1, 100000, &to))
        to = 0;
    const char *snap_from = NULL, *snap_to = NULL;
    for (size_t i = 0; i < n; i++) {
        if (v[i].version == from)
            snap_from = v[i].snapshot;
        if (to && v[i].version == to)
            snap_to = v[i].snapshot;
    }
    if (!to && plan_snapshot_read(req->db, web_principal(req), &req->a, pl.id, &snap_to, &e)) {
        http_fail_db(req, "reading a plan's content");
        return;
    }
    bool w = plans_may_write(req, &pl);
    plans_begin(req, &pl, "Versioner", "versioner");
    buf *b = &req->out;
    if (http_query(req, "gemt"))
        notice(req, "ok", "Versionen er gemt.");
    html_printf(b, "<p class=\"lead\">Ansøgningen er version 1. Hver revision gemmes som en ny version, så det kan "
                   "ses, hvad der er ændret i planen, indsatsområderne, budgettet og målene.</p>\n");
    if (n) {
        html_printf(b, "<div class=\"table-wrap\"><table class=\"data\"><caption>Gemte versioner</caption><thead><tr>"
                       "<th scope=\"col\">Version</th><th scope=\"col\">Gemt</th><th scope=\"col\">Af</th>"
                       "<th scope=\"col\">Note</th><th scope=\"col\">Sammenlign</th></tr></thead><tbody>");
        for (size_t i = n; i-- > 0;) {
            html_printf(b, "<tr><th scope=\"row\">Version %d</th><td>%s</td><td>%s</td><td>%s</td><td>", v[i].version,
                        plans_date(req, v[i].created_at), *v[i].user_name ? v[i].user_name : "Systemet", v[i].note);
            if (i > 0)
                html_printf(b, "<a href=\"/planer/%D/versioner?fra=%d&amp;til=%d#forskelle\">med version %d</a> · ",
                            pl.id, v[i - 1].version, v[i].version, v[i - 1].version);
            html_printf(b, "<a href=\"/planer/%D/versioner?fra=%d&amp;til=nu#forskelle\">med planen nu</a></td></tr>",
                        pl.id, v[i].version);
        }
        html_printf(b, "</tbody></table></div>\n");
    } else {
        html_printf(b, "<p class=\"empty\">Ingen gemte versioner endnu. Version 1 gemmes, når kommunalbestyrelsens "
                       "godkendelse registreres, eller når du gemmer den her.</p>\n");
    }
    if (w) {
        form_open(req, arena_printf(&req->a, "/planer/%lld/versioner", (long long)pl.id), "filters");
        html_printf(b, "<div class=\"grow\"><label for=\"v-note\">Note til versionen</label><input id=\"v-note\" "
                       "name=\"note\" type=\"text\" placeholder=\"Fx revision efter midtvejsevaluering\"></div>"
                       "<button type=\"submit\">Gem som ny version</button></form>\n");
    }
    html_printf(b,
                "<section id=\"forskelle\" aria-labelledby=\"h-forskelle\"><h2 id=\"h-forskelle\">Ændringer fra "
                "%s til %s</h2>",
                version_name(req, from), version_name(req, to));
    if (!snap_from) {
        html_printf(b, "<p class=\"muted\">Der er ingen version at sammenligne med.</p></section>\n");
        page_end(req, 200);
        return;
    }
    plan_change *c;
    size_t nc;
    if (plan_diff(&req->a, snap_from, snap_to, &c, &nc, &e)) {
        http_fail_db(req, "comparing versions");
        return;
    }
    if (!nc)
        html_printf(b, "<p class=\"empty\">Ingen ændringer.</p>");
    static const char *const kind_code[] = { "added", "removed", "changed" };
    static const char *const kind_label[] = { "Tilføjet", "Fjernet", "Ændret" };
    for (size_t s = 0; s < sizeof section_label / sizeof section_label[0]; s++) {
        size_t cnt = 0;
        for (size_t i = 0; i < nc; i++)
            cnt += strcmp(c[i].section, section_label[s][0]) == 0;
        if (!cnt)
            continue;
        html_printf(b,
                    "<div class=\"table-wrap\"><table class=\"data diff\"><caption>%s (%zu)</caption><thead><tr>"
                    "<th scope=\"col\">Ændring</th><th scope=\"col\">Hvad</th><th scope=\"col\">Før</th>"
                    "<th scope=\"col\">Efter</th></tr></thead><tbody>",
                    section_label[s][1], cnt);
        for (size_t i = 0; i < nc; i++) {
            if (strcmp(c[i].section, section_label[s][0]) != 0)
                continue;
            int k = (int)c[i].kind >= 0 && c[i].kind <= CHANGE_CHANGED ? (int)c[i].kind : 2;
            html_printf(b,
                        "<tr class=\"diff-%s\"><td><span class=\"change change-%s\">%s</span></td><th scope=\"row\">%s"
                        "</th><td class=\"before\">%r%s</td><td class=\"after\">%r%s</td></tr>",
                        kind_code[k], kind_code[k], kind_label[k], c[i].item,
                        *or_empty(c[i].before) ? "<span class=\"sr-only\">Før: </span>" : "", or_empty(c[i].before),
                        *or_empty(c[i].after) ? "<span class=\"sr-only\">Efter: </span>" : "", or_empty(c[i].after));
        }
        html_printf(b, "</tbody></table></div>\n");
    }
    html_printf(b, "</section>\n");
    page_end(req, 200);
}

void page_plan_version_post(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    if (!http_form(req, "note")) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    int version = 0;
    hh_error e;
    hh_err rc = plan_version_save(req->db, web_principal(req), &req->a, pl.id, or_empty(plans_field(req, "note")),
                                  &version, &e);
    if (rc) {
        plans_fail(req, rc, &e, "saving a version");
        return;
    }
    web_audit(req, "plan.version", "plan", arena_printf(&req->a, "%lld:%d", (long long)pl.id, version), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld/versioner?gemt=1", (long long)pl.id));
}

/* ---- partners ---- */

static bool partner_writer(http_req *req)
{
    const principal *p = web_principal(req);
    return p && (p->roles & (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_MUNICIPALITY) | ROLE_BIT(ROLE_ORGANISATION) |
                             ROLE_BIT(ROLE_PLAN_STAFF)));
}

static void municipality_select(http_req *req, const char *id, const char *cur)
{
    geo_municipality *m;
    size_t n = 0;
    hh_error e;
    if (geo_municipalities(req->db, &req->a, NULL, GEO_BY_NAME, &m, &n, &e))
        n = 0;
    html_printf(&req->out, "<select id=\"%s\" name=\"municipality_code\"><option value=\"\">Ingen bestemt</option>",
                id);
    for (size_t i = 0; i < n; i++)
        html_printf(&req->out, "<option value=\"%s\"%r>%s</option>", m[i].code,
                    cur && strcmp(cur, m[i].code) == 0 ? " selected" : "", m[i].name);
    html_printf(&req->out, "</select>");
}

static void partner_fields(http_req *req, const partner *x, const char *pfx)
{
    buf *b = &req->out;
    html_printf(b,
                "<div class=\"wide\"><label for=\"%s-name\">Navn</label><input id=\"%s-name\" name=\"name\" "
                "type=\"text\" value=\"%s\" required></div><div><label for=\"%s-type\">Type</label><select "
                "id=\"%s-type\" name=\"type\">",
                pfx, pfx, x ? x->name : "", pfx, pfx);
    for (int t = 0; t < PT_COUNT; t++)
        html_printf(b, "<option value=\"%s\"%r>%s</option>", partner_type_code[t],
                    x && (int)x->type == t ? " selected" : "", partner_type_label[t]);
    html_printf(b, "</select></div><div><label for=\"%s-muni\">Kommune</label>", pfx);
    municipality_select(req, arena_printf(&req->a, "%s-muni", pfx), x ? x->municipality_code : NULL);
    html_printf(b,
                "</div><div class=\"wide\"><label for=\"%s-note\">Note</label><input id=\"%s-note\" name=\"note\" "
                "type=\"text\" value=\"%s\"></div>",
                pfx, pfx, x ? x->note : "");
}

static bool partner_from_form(http_req *req, partner *x)
{
    const char *type = plans_field(req, "type");
    if (!type || !plans_field(req, "name")) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return false;
    }
    int t = plan_enum_find(partner_type_code, PT_COUNT, type);
    x->name = plans_field(req, "name");
    x->type = t >= 0 ? (partner_type)t : PT_OTHER;
    x->municipality_code = or_empty(plans_field(req, "municipality_code"));
    x->note = or_empty(plans_field(req, "note"));
    return true;
}

static const char *municipality_name(const geo_municipality *m, size_t n, const char *code)
{
    for (size_t i = 0; code && *code && i < n; i++)
        if (strcmp(m[i].code, code) == 0)
            return m[i].name;
    return code ? code : "";
}

static void partners_page(http_req *req, const partner *typed, const hh_error *err, int status)
{
    const char *q = http_query(req, "q");
    partner *ps;
    size_t n;
    hh_error e;
    if (partner_list(req->db, &req->a, q && *q ? q : NULL, &ps, &n, &e)) {
        http_fail_db(req, "reading partners");
        return;
    }
    static const crumb crumbs[] = { { "/", "Forside" }, { "/planer", "Helhedsplaner" }, { NULL, "Partnere" } };
    page pg = { .title = "Partnere", .nav = "plans", .crumbs = crumbs, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Partnere</h1>\n<p class=\"lead\">Partnerregistret deles af alle planer: forvaltninger, "
                   "skoler, foreninger, virksomheder og fonde, som planerne har samarbejdsaftaler med.</p>\n");
    if (err && err->msg[0])
        notice(req, "error", arena_printf(&req->a, "Partneren er ikke gemt: %s", err->msg));
    search_form(req, "/partnere", "Søg efter partner", q, NULL);
    geo_municipality *m;
    size_t nm = 0;
    if (geo_municipalities(req->db, &req->a, NULL, GEO_BY_CODE, &m, &nm, &e))
        nm = 0;
    if (n) {
        html_printf(b, "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th scope=\"col\">Partner</th>"
                       "<th scope=\"col\">Type</th><th scope=\"col\">Kommune</th><th scope=\"col\" class=\"num\">"
                       "Planer</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++)
            html_printf(b,
                        "<tr><th scope=\"row\"><a href=\"/partnere/%D\">%s</a></th><td>%s</td><td>%s</td>"
                        "<td class=\"num\">%D</td></tr>",
                        ps[i].id, ps[i].name, partner_type_label[ps[i].type],
                        municipality_name(m, nm, ps[i].municipality_code), ps[i].plans);
        html_printf(b, "</tbody></table></div>\n");
    } else {
        html_printf(b, "<p class=\"empty\">Ingen partnere%s.</p>\n", q && *q ? " matcher søgningen" : "");
    }
    if (partner_writer(req)) {
        html_printf(b, "<section class=\"card\" aria-labelledby=\"h-nypartner\"><h2 id=\"h-nypartner\">Ny partner"
                       "</h2>");
        form_open(req, "/partnere", "grid-form");
        partner_fields(req, typed, "np");
        html_printf(b,
                    "<div class=\"actions\"><button type=\"submit\">Opret partner</button></div></form></section>\n");
    }
    page_end(req, status);
}

void page_partners(http_req *req)
{
    partners_page(req, NULL, NULL, 200);
}

void page_partner_create(http_req *req)
{
    partner x = { 0 };
    if (!partner_from_form(req, &x))
        return;
    hh_error e;
    hh_err rc = partner_put(req->db, web_principal(req), &req->a, &x, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        partners_page(req, &x, &e, 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "saving a partner");
        return;
    }
    web_audit(req, "partner.create", "partner", arena_printf(&req->a, "%lld", (long long)x.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/partnere/%lld", (long long)x.id));
}

static bool load_partner(http_req *req, partner *x)
{
    const char *s = http_param(req, "partner");
    int64_t id;
    hh_error e;
    if (!s || !hh_parse_int64(s, strlen(s), &id) || id <= 0) {
        http_error(req, 404, "not_found", "Partneren findes ikke.", NULL);
        return false;
    }
    hh_err rc = partner_get(req->db, &req->a, id, x, &e);
    if (rc == HH_ERR_NOTFOUND) {
        http_error(req, 404, "not_found", "Partneren findes ikke.", NULL);
        return false;
    }
    if (rc) {
        plans_fail(req, rc, &e, "reading a partner");
        return false;
    }
    return true;
}

static void partner_page(http_req *req, partner *x, const hh_error *err, int status)
{
    partner_contact *c;
    size_t nc = 0;
    hh_error e;
    if (partner_contacts(req->db, &req->a, x->id, &c, &nc, &e)) {
        http_fail_db(req, "reading contacts");
        return;
    }
    /* The visible plans it cooperates with. */
    plan_filter f = { .type = -1, .state = -1 };
    plan_summary *ps;
    size_t np = 0;
    if (plan_list(req->db, web_principal(req), &req->a, &f, &ps, &np, &e)) {
        http_fail_db(req, "listing plans");
        return;
    }
    crumb *cr = arena_alloc(&req->a, 3 * sizeof(crumb));
    cr[0] = (crumb){ "/planer", "Helhedsplaner" };
    cr[1] = (crumb){ "/partnere", "Partnere" };
    cr[2] = (crumb){ NULL, x->name };
    page pg = { .title = x->name, .nav = "plans", .crumbs = cr, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    geo_municipality muni;
    bool has_muni =
        *x->municipality_code && geo_municipality_get(req->db, &req->a, x->municipality_code, &muni, &e) == HH_OK;
    html_printf(b, "<h1>%s</h1>\n<p class=\"lead\">%s%r%s</p>\n", x->name, partner_type_label[x->type],
                has_muni ? " · " : "", has_muni ? muni.name : "");
    if (err && err->msg[0])
        notice(req, "error", arena_printf(&req->a, "Ikke gemt: %s", err->msg));
    else if (http_query(req, "gemt"))
        notice(req, "ok", "Ændringen er gemt.");
    if (x->note && *x->note)
        html_printf(b, "<p>%s</p>\n", x->note);
    bool w = partner_writer(req);
    html_printf(b, "<section aria-labelledby=\"h-kontakter\"><h2 id=\"h-kontakter\">Kontaktpersoner</h2>"
                   "<div class=\"three-col\">");
    for (int l = 0; l < CL_COUNT; l++) {
        html_printf(b, "<div><h3>%s</h3><ul class=\"people\">", contact_level_label[l]);
        size_t shown = 0;
        for (size_t i = 0; i < nc; i++) {
            if ((int)c[i].level != l)
                continue;
            shown++;
            html_printf(b, "<li><strong>%s</strong>%r%s", c[i].name, *c[i].title ? ", " : "", c[i].title);
            if (*c[i].email)
                html_printf(b, "<br><a href=\"mailto:%s\">%s</a>", c[i].email, c[i].email);
            if (*c[i].phone)
                html_printf(b, "<br>%s", c[i].phone);
            if (w) {
                html_printf(b, " ");
                plans_delete_button(req, arena_printf(&req->a, "/partnere/%lld/kontakter/slet", (long long)x->id),
                                    c[i].id, "Fjern", c[i].name);
            }
            html_printf(b, "</li>");
        }
        html_printf(b, "</ul>%r</div>", shown ? "" : "<p class=\"muted\">Ingen.</p>");
    }
    html_printf(b, "</div>");
    if (w) {
        html_printf(b, "<details class=\"add\"><summary>Tilføj kontaktperson</summary>");
        form_open(req, arena_printf(&req->a, "/partnere/%lld/kontakter", (long long)x->id), "grid-form");
        html_printf(b, "<div><label for=\"c-name\">Navn</label><input id=\"c-name\" name=\"name\" type=\"text\" "
                       "required></div><div><label for=\"c-level\">Niveau</label><select id=\"c-level\" "
                       "name=\"level\">");
        for (int l = 0; l < CL_COUNT; l++)
            html_printf(b, "<option value=\"%s\">%s</option>", contact_level_code[l], contact_level_label[l]);
        html_printf(b, "</select></div><div><label for=\"c-title\">Stilling</label><input id=\"c-title\" "
                       "name=\"title\" type=\"text\"></div><div><label for=\"c-email\">E-mail</label><input "
                       "id=\"c-email\" name=\"email\" type=\"email\"></div><div><label for=\"c-phone\">Telefon</label>"
                       "<input id=\"c-phone\" name=\"phone\" type=\"tel\"></div><div class=\"actions\"><button "
                       "type=\"submit\">Tilføj</button></div></form></details>");
    }
    html_printf(b, "</section>\n<section aria-labelledby=\"h-pplaner\"><h2 id=\"h-pplaner\">Planer med "
                   "samarbejdsaftale</h2>");
    size_t shown = 0;
    for (size_t i = 0; i < np; i++) {
        plan_cooperation *co;
        size_t nco = 0;
        if (plan_cooperations(req->db, web_principal(req), &req->a, ps[i].id, 0, NULL, &co, &nco, &e))
            continue;
        for (size_t k = 0; k < nco; k++) {
            if (co[k].partner_id != x->id)
                continue;
            if (!shown++)
                html_printf(b, "<ul class=\"plan-links\">");
            html_printf(b, "<li><a href=\"/planer/%D#samarbejde\">%s</a> <span class=\"muted\">%s</span>%r</li>",
                        ps[i].id, ps[i].name,
                        *co[k].valid_to ? plans_period(req, co[k].valid_from, co[k].valid_to)
                                        : arena_printf(&req->a, "fra %s", plans_date(req, co[k].valid_from)),
                        co[k].expired ? " <span class=\"expiry expired\">Udløbet</span>"
                        : co[k].expiring
                            ? arena_printf(&req->a, " <span class=\"expiry expiring\">Udløber om %d dage</span>",
                                           co[k].days_left)
                            : "");
        }
    }
    html_printf(b, "%r</section>\n", shown ? "</ul>" : "<p class=\"muted\">Ingen af de planer, du kan se.</p>");
    if (w) {
        html_printf(b, "<details class=\"add\"><summary>Redigér partneren</summary>");
        form_open(req, arena_printf(&req->a, "/partnere/%lld", (long long)x->id), "grid-form");
        partner_fields(req, x, "ep");
        html_printf(b, "<div class=\"actions\"><button type=\"submit\">Gem</button></div></form></details>\n");
    }
    page_end(req, status);
}

void page_partner(http_req *req)
{
    partner x;
    if (load_partner(req, &x))
        partner_page(req, &x, NULL, 200);
}

void page_partner_update(http_req *req)
{
    partner x;
    if (!load_partner(req, &x))
        return;
    partner cur = x;
    if (!partner_from_form(req, &x))
        return;
    hh_error e;
    hh_err rc = partner_put(req->db, web_principal(req), &req->a, &x, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        partner_page(req, &cur, &e, 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "saving a partner");
        return;
    }
    http_redirect(req, 303, arena_printf(&req->a, "/partnere/%lld?gemt=1", (long long)x.id));
}

void page_partner_contact_post(http_req *req)
{
    partner x;
    if (!load_partner(req, &x))
        return;
    const char *level = plans_field(req, "level");
    if (!level) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    int l = plan_enum_find(contact_level_code, CL_COUNT, level);
    partner_contact c = { .partner_id = x.id,
                          .name = or_empty(plans_field(req, "name")),
                          .level = l >= 0 ? (contact_level)l : CL_OPERATIONAL,
                          .title = or_empty(plans_field(req, "title")),
                          .email = or_empty(plans_field(req, "email")),
                          .phone = or_empty(plans_field(req, "phone")) };
    hh_error e;
    hh_err rc = partner_contact_put(req->db, web_principal(req), &req->a, &c, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        partner_page(req, &x, &e, 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "saving a contact");
        return;
    }
    http_redirect(req, 303, arena_printf(&req->a, "/partnere/%lld?gemt=1", (long long)x.id));
}

void page_partner_contact_delete(http_req *req)
{
    partner x;
    int64_t id;
    if (!load_partner(req, &x) || !plans_form_id(req, &id))
        return;
    hh_error e;
    partner_contact *c;
    size_t n = 0;
    if (partner_contacts(req->db, &req->a, x.id, &c, &n, &e)) {
        http_fail_db(req, "reading contacts");
        return;
    }
    const char *what = NULL;
    for (size_t i = 0; i < n; i++)
        if (c[i].id == id)
            what = arena_printf(&req->a, "kontaktpersonen %s", c[i].name);
    if (!found(req, what) ||
        !plans_delete_confirmed(req, NULL, id, what, arena_printf(&req->a, "/partnere/%lld", (long long)x.id)))
        return;
    hh_err rc = partner_contact_delete(req->db, web_principal(req), id, &e);
    if (rc) {
        plans_fail(req, rc, &e, "deleting a contact");
        return;
    }
    http_redirect(req, 303, arena_printf(&req->a, "/partnere/%lld?gemt=1", (long long)x.id));
}
