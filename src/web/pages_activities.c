/* pages_activities.c - a plan's activities: the section on the plan's page,
 * the list, the form (new and edit) and deleting. The activity's own page
 * is in pages_activities_view.c, the phone registration in
 * pages_activities_register.c, the plan-wide pages (involvement portfolio,
 * outreach, resident roles) in pages_activities_plan.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/util.h"
#include "web/activities_web.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* ---- the section on the plan's page ---- */

bool activities_plan_section(http_req *req, const struct plan *pl)
{
    buf *b = &req->out;
    hh_error e;
    int year = act_this_year(req);
    bool team = plans_may_write(req, pl);
    activity_filter f = { .plan_id = pl->id, .status = AS_RUNNING, .category = -1 };
    activity *xs;
    size_t nrunning = 0, nall = 0;
    if (activity_list(req->db, web_principal(req), &req->a, &f, &xs, &nrunning, &e))
        return false;
    f.status = -1;
    if (activity_list(req->db, web_principal(req), &req->a, &f, &xs, &nall, &e))
        return false;
    att_stats st;
    act_reach reach;
    att_hidden th;
    if (act_attendance(req->db, web_principal(req), &req->a, pl->id, 0, year, &st, &e) ||
        act_reach_from(req->db, &req->a, pl->id, year, &st, &reach, &e) ||
        act_attendance_hidden(req->db, web_principal(req), &req->a, pl->id, 0, year, &st, !team, &th, &e))
        return false;
    html_printf(b,
                "<section id=\"aktiviteter\" aria-labelledby=\"h-aktiviteter\"><h2 id=\"h-aktiviteter\">Aktiviteter "
                "og inddragelse</h2><p class=\"muted\">Nøgletal for %d. Planen har %zu aktiviteter i alt.</p>",
                year, nall);
    html_printf(b,
                "<dl class=\"facts act-keys\"><div><dt>Aktiviteter i gang</dt><dd>%zu</dd></div><div><dt>Møder</dt>"
                "<dd>%s</dd></div><div><dt>Deltagelser</dt><dd>%s</dd></div><div><dt>Unikke deltagere</dt>"
                "<dd>%s%r</dd></div>",
                nrunning, act_n(req, st.sessions, true), act_hidden_text(&req->a, st.attendances, th.attendances),
                act_n(req, st.unique, team),
                st.unique_exact || !st.unique ? "" : " <span class=\"muted\">(anslået)</span>");
    if (reach.residents > 0 && !isnan(reach.share))
        html_printf(b, "<div><dt>Rækkevidde</dt><dd>%s %% af %s beboere</dd></div>",
                    plans_num(req, reach.share * 100.0, 1), act_n(req, reach.residents, true));
    else
        html_printf(b, "<div><dt>Rækkevidde</dt><dd>Ukendt <span class=\"muted\">(intet beboertal)</span></dd></div>");
    html_printf(b,
                "</dl><ul class=\"plan-links act-links\">"
                "<li><a href=\"/planer/%D/aktiviteter\">Aktiviteter og fremmøde</a></li>"
                "<li><a href=\"/planer/%D/inddragelse\">Beboerinddragelse – porteføljen</a></li>"
                "<li><a href=\"/planer/%D/opsoegning\">Opsøgende arbejde</a></li>"
                "<li><a href=\"/planer/%D/roller\">Beboerroller og kurser</a></li>"
                "<li><a href=\"/planer/%D/rapport?aar=%d\">Årsrapport %d til Landsbyggefonden</a></li>",
                pl->id, pl->id, pl->id, pl->id, pl->id, year, year);
    if (team)
        html_printf(b, "<li><a href=\"/registrer\">Registrer fremmøde på telefonen</a></li>");
    html_printf(b, "</ul></section>\n");
    return true;
}

/* ---- the list ---- */

void page_plan_activities(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    bool team = plans_may_write(req, &pl);
    const char *ss = http_query(req, "status"), *cs = http_query(req, "kategori");
    activity_filter f = { .plan_id = pl.id,
                          .status = ss && *ss ? plan_enum_find(act_status_code, AS_COUNT, ss) : -1,
                          .category = cs && *cs ? plan_enum_find(act_category_code, CAT_COUNT, cs) : -1 };
    activity *xs;
    size_t n = 0;
    hh_error e;
    hh_err rc = activity_list(req->db, web_principal(req), &req->a, &f, &xs, &n, &e);
    if (rc) {
        act_web_fail(req, rc, &e, "listing activities");
        return;
    }
    /* Outside the team the activities' attendances are parts of the plan's
     * (all years, shown by the API). */
    unsigned char *hide = arena_zalloc(&req->a, n ? n : 1);
    rc = activity_attendance_hidden(req->db, web_principal(req), &req->a, pl.id, xs, n, !team, hide, &e);
    if (rc) {
        act_web_fail(req, rc, &e, "listing activities");
        return;
    }
    act_begin(req, &pl, "Aktiviteter", "aktiviteter");
    buf *b = &req->out;
    if (http_query(req, "slettet"))
        notice(req, "ok", "Aktiviteten er slettet.");
    html_printf(b, "<p class=\"lead\">Planens aktiviteter med møder og fremmøde. Tal for personer under 5 vises som "
                   "»&lt;5« uden for planens team.</p>\n");
    if (team)
        html_printf(b,
                    "<p class=\"actions\"><a class=\"button\" href=\"/planer/%D/aktiviteter/ny\">Ny aktivitet</a> "
                    "<a class=\"button secondary\" href=\"/registrer\">Registrer fremmøde</a></p>\n",
                    pl.id);
    html_printf(b, "<form class=\"filters act-filters\" method=\"get\" action=\"/planer/%D/aktiviteter\">", pl.id);
    html_printf(b, "<div><label for=\"f-status\">Status</label><select id=\"f-status\" name=\"status\">"
                   "<option value=\"\">Alle</option>");
    for (int i = 0; i < AS_COUNT; i++)
        html_printf(b, "<option value=\"%s\"%r>%s</option>", act_status_code[i], f.status == i ? " selected" : "",
                    act_status_label[i]);
    html_printf(b, "</select></div><div><label for=\"f-kat\">Kategori</label><select id=\"f-kat\" name=\"kategori\">"
                   "<option value=\"\">Alle</option>");
    for (int i = 0; i < CAT_COUNT; i++)
        html_printf(b, "<option value=\"%s\"%r>%s</option>", act_category_code[i], f.category == i ? " selected" : "",
                    act_category_label[i]);
    html_printf(b, "</select></div><button type=\"submit\">Vis</button></form>\n");
    if (!n) {
        html_printf(b, "<p class=\"empty\">%s</p>\n",
                    f.status >= 0 || f.category >= 0 ? "Ingen aktiviteter matcher filtrene."
                                                     : "Planen har endnu ingen aktiviteter.");
        page_end(req, 200);
        return;
    }
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"data act-list\"><caption>%zu aktiviteter</caption>"
                "<thead><tr><th scope=\"col\">Aktivitet</th><th scope=\"col\">Kategorier</th>"
                "<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Møder</th>"
                "<th scope=\"col\" class=\"num\">Deltagelser</th><th scope=\"col\">Seneste møde</th></tr></thead>"
                "<tbody>",
                n);
    for (size_t i = 0; i < n; i++) {
        const activity *x = &xs[i];
        html_printf(b,
                    "<tr><th scope=\"row\"><a href=\"/planer/%D/aktiviteter/%D\">%s</a></th><td>%s</td>"
                    "<td><span class=\"astatus astatus-%s\">%s</span></td><td class=\"num\">%s</td>"
                    "<td class=\"num\">%s</td><td>%s</td></tr>",
                    pl.id, x->id, x->name, act_bits_text(req, x->categories, act_category_label, CAT_COUNT),
                    act_status_code[x->status], act_status_label[x->status], act_n(req, x->sessions, true),
                    act_hidden_text(&req->a, x->attendances, hide[i]),
                    *or_empty(x->last_session) ? act_date(req, x->last_session) : "–");
    }
    html_printf(b, "</tbody></table></div>\n");
    page_end(req, 200);
}

/* ---- the form ---- */

enum { PARTNER_ROWS_EXTRA = 2 };

/* ISO "2026-03-01" from "2026-03-01" or "1.3.2026"; NULL when neither. */
static const char *iso_date(http_req *req, const char *s)
{
    int y, m, d;
    if (strlen(s) == 10 && s[4] == '-' && s[7] == '-')
        return s;
    char tmp[16];
    if (strlen(s) >= sizeof tmp)
        return NULL;
    hh_strlcpy(tmp, s, sizeof tmp);
    char *p1 = strchr(tmp, '.');
    char *p2 = p1 ? strchr(p1 + 1, '.') : NULL;
    if (!p1 || !p2)
        return NULL;
    *p1 = *p2 = '\0';
    if (!hh_parse_int(tmp, 1, 31, &d) || !hh_parse_int(p1 + 1, 1, 12, &m) || !hh_parse_int(p2 + 1, 2000, 2100, &y))
        return NULL;
    return arena_printf(&req->a, "%04d-%02d-%02d", y, m, d);
}

static void activity_form_page(http_req *req, const plan *pl, const activity *x, const hh_error *e, int status)
{
    bool edit = x->id > 0;
    act_begin(req, pl, edit ? "Redigér aktivitet" : "Ny aktivitet", "aktiviteter");
    buf *b = &req->out;
    act_error_summary(req, e);
    partner *ps;
    size_t nps = 0;
    hh_error le;
    if (partner_list(req->db, &req->a, NULL, &ps, &nps, &le)) {
        http_fail_db(req, "reading partners");
        return;
    }
    const char *action =
        edit ? arena_printf(&req->a, "/planer/%lld/aktiviteter/%lld/rediger", (long long)pl->id, (long long)x->id)
             : arena_printf(&req->a, "/planer/%lld/aktiviteter/ny", (long long)pl->id);
    form_open(req, action, "plan-form act-form");
    html_printf(b, "<fieldset><legend>Aktiviteten</legend>");
    act_input(req, "name", "Navn", x->name, "text", NULL, e);
    act_textarea(req, "description", "Beskrivelse", x->description, 4, NULL, e);
    act_checks(req, "categories", "Kategorier (mindst én)", act_category_code, act_category_label, CAT_COUNT,
               x->categories, e);
    /* Focus: the plan's focus areas. */
    html_printf(b,
                "<div class=\"field%r\"><label for=\"focus\">Indsatsområde</label><select id=\"focus\" "
                "name=\"focus\"%r><option value=\"\">Intet bestemt</option>",
                act_err_on(e, "focus") ? " invalid" : "", act_invalid(req, e, "focus"));
    for (size_t i = 0; i < pl->nfocus; i++)
        html_printf(b, "<option%r>%s</option>", strcmp(or_empty(x->focus), pl->focus[i]) == 0 ? " selected" : "",
                    pl->focus[i]);
    html_printf(b, "</select>");
    act_field_error(req, e, "focus");
    html_printf(b, "</div>");
    act_checks(req, "targets", "Målgrupper", act_target_code, act_target_label, TG_COUNT, x->targets, e);
    act_checks(req, "kram", "KRAM-faktorer", act_kram_code, act_kram_label, KRAM_COUNT, x->kram, e);
    act_select(req, "format", "Form", act_format_code, act_format_label, FMT_COUNT, (int)x->format, NULL, e);
    act_input(req, "place", "Sted", x->place, "text", "Et lokale, et mødested eller en adresse.", e);
    act_checks(req, "channels", "Informationskanaler", act_channel_code, act_channel_label, CHN_COUNT, x->channels, e);
    html_printf(b, "</fieldset>\n<fieldset><legend>Ansvarlig og partnere</legend>");
    act_select(req, "responsible_kind", "Ansvarlig er", act_responsible_code, act_responsible_label, RESP_COUNT,
               (int)x->responsible_kind, NULL, e);
    act_input(req, "responsible", "Ansvarlig", x->responsible, "text",
              "Medarbejderens navn eller beboerens rolle (fx »frivillig træner«) – aldrig en beboers navn.", e);
    html_printf(b,
                "<div class=\"field%r\"><label for=\"responsible_partner_id\">Ansvarlig samarbejdspartner (når en "
                "partner er ansvarlig)</label><select id=\"responsible_partner_id\" name=\"responsible_partner_id\"%r>"
                "<option value=\"\">Ingen</option>",
                act_err_on(e, "responsible_partner_id") ? " invalid" : "",
                act_invalid(req, e, "responsible_partner_id"));
    for (size_t i = 0; i < nps; i++)
        html_printf(b, "<option value=\"%D\"%r>%s</option>", ps[i].id,
                    ps[i].id == x->responsible_partner_id ? " selected" : "", ps[i].name);
    html_printf(b, "</select>");
    act_field_error(req, e, "responsible_partner_id");
    html_printf(b, "</div>");
    /* Partners with their role: the chosen ones and two empty rows. */
    size_t rows = x->npartners + PARTNER_ROWS_EXTRA;
    html_printf(b,
                "<fieldset class=\"checklist partner-rows%r\" id=\"partners\"><legend>Samarbejdspartnere fra "
                "partnerregistret</legend><p class=\"hint\">Vælg partner og rolle. Mangler en partner, så opret den "
                "under <a href=\"/partnere\">Partnere</a>.</p><input type=\"hidden\" name=\"partner_rows\" "
                "value=\"%zu\">",
                act_err_on(e, "partners") ? " invalid" : "", rows);
    for (size_t r = 0; r < rows; r++) {
        const act_partner *ap = r < x->npartners ? &x->partners[r] : NULL;
        html_printf(b,
                    "<div class=\"partner-row\"><div><label for=\"partner_%zu\">Partner %zu</label><select "
                    "id=\"partner_%zu\" name=\"partner_%zu\"><option value=\"\">Ingen</option>",
                    r, r + 1, r, r);
        for (size_t i = 0; i < nps; i++)
            html_printf(b, "<option value=\"%D\"%r>%s</option>", ps[i].id,
                        ap && ap->partner_id == ps[i].id ? " selected" : "", ps[i].name);
        html_printf(b,
                    "</select></div><div><label for=\"partner_role_%zu\">Rolle</label><select id=\"partner_role_%zu\" "
                    "name=\"partner_role_%zu\">",
                    r, r, r);
        for (int k = 0; k < CP_COUNT; k++)
            html_printf(b, "<option value=\"%s\"%r>%s</option>", coop_purpose_code[k],
                        ap && (int)ap->role == k ? " selected" : "", coop_purpose_label[k]);
        html_printf(b, "</select></div></div>");
    }
    act_field_error(req, e, "partners");
    html_printf(b, "</fieldset></fieldset>\n<fieldset><legend>Hvornår</legend>");
    act_select(req, "schedule", "Gentagelse", act_schedule_code, act_schedule_label, SCHED_COUNT, (int)x->schedule,
               NULL, e);
    html_printf(b, "<div class=\"grid-form\">");
    act_input(req, "first_date", "Første dato", x->first_date, "date", NULL, e);
    act_input(req, "last_date", "Sidste dato (tom: kører videre)", x->last_date, "date", NULL, e);
    act_input(req, "start_time", "Fra kl.", x->start_time, "time", NULL, e);
    act_input(req, "end_time", "Til kl.", x->end_time, "time", NULL, e);
    html_printf(b, "</div>");
    const char *exc = "";
    for (size_t i = 0; i < x->nexceptions; i++)
        exc = arena_printf(&req->a, "%s%s%s", exc, *exc ? "\n" : "", x->exceptions[i]);
    act_textarea(req, "exceptions", "Aflyste datoer (undtagelser)", exc, 3,
                 "Én dato pr. linje, fx 2026-12-24 eller 24.12.2026.", e);
    html_printf(b, "</fieldset>\n<fieldset><legend>Idé og status</legend>");
    act_select(req, "idea_source", "Hvor kom idéen fra?", act_idea_source_code, act_idea_source_label, IDEA_COUNT,
               (int)x->idea_source, NULL, e);
    html_printf(b,
                "<div class=\"field\"><label><input type=\"checkbox\" name=\"in_application\" value=\"1\"%r> "
                "Aktiviteten var med i ansøgningen</label></div>",
                x->in_application ? " checked" : "");
    act_select(req, "status", "Status", act_status_code, act_status_label, AS_COUNT, (int)x->status, NULL, e);
    html_printf(b,
                "</fieldset>\n<div class=\"actions\"><button type=\"submit\">%s</button> <a href=\"%s\">Fortryd</a>"
                "</div></form>\n",
                edit ? "Gem ændringerne" : "Opret aktiviteten",
                edit ? arena_printf(&req->a, "/planer/%lld/aktiviteter/%lld", (long long)pl->id, (long long)x->id)
                     : arena_printf(&req->a, "/planer/%lld/aktiviteter", (long long)pl->id));
    page_end(req, status);
}

/* Reads the form into x (keeping x->id and x->plan_id). Returns false with
 * e set when a field cannot be read (then the form is shown again). */
static bool activity_from_form(http_req *req, activity *x, hh_error *e)
{
    hh_error_clear(e);
    x->name = or_empty(plans_field(req, "name"));
    x->description = or_empty(plans_field(req, "description"));
    x->focus = or_empty(plans_field(req, "focus"));
    x->categories = act_form_bits(req, "categories", act_category_code, CAT_COUNT);
    x->targets = act_form_bits(req, "targets", act_target_code, TG_COUNT);
    x->kram = act_form_bits(req, "kram", act_kram_code, KRAM_COUNT);
    x->channels = act_form_bits(req, "channels", act_channel_code, CHN_COUNT);
    const char *s;
    int k;
    s = plans_field(req, "format");
    k = s ? plan_enum_find(act_format_code, FMT_COUNT, s) : -1;
    x->format = k >= 0 ? (act_format)k : FMT_TEAM;
    x->place = or_empty(plans_field(req, "place"));
    s = plans_field(req, "responsible_kind");
    k = s ? plan_enum_find(act_responsible_code, RESP_COUNT, s) : -1;
    x->responsible_kind = k >= 0 ? (act_responsible)k : RESP_STAFF;
    x->responsible = or_empty(plans_field(req, "responsible"));
    s = plans_field(req, "responsible_partner_id");
    x->responsible_partner_id = 0;
    if (s && *s && !hh_parse_int64(s, strlen(s), &x->responsible_partner_id))
        x->responsible_partner_id = 0;
    s = plans_field(req, "schedule");
    k = s ? plan_enum_find(act_schedule_code, SCHED_COUNT, s) : -1;
    x->schedule = k >= 0 ? (act_schedule)k : SCHED_ONE_OFF;
    x->first_date = or_empty(plans_field(req, "first_date"));
    x->last_date = or_empty(plans_field(req, "last_date"));
    x->start_time = or_empty(plans_field(req, "start_time"));
    x->end_time = or_empty(plans_field(req, "end_time"));
    s = plans_field(req, "idea_source");
    k = s ? plan_enum_find(act_idea_source_code, IDEA_COUNT, s) : -1;
    x->idea_source = k >= 0 ? (act_idea_source)k : IDEA_STAFF;
    s = plans_field(req, "in_application");
    x->in_application = s && strcmp(s, "1") == 0;
    s = plans_field(req, "status");
    k = s ? plan_enum_find(act_status_code, AS_COUNT, s) : -1;
    x->status = k >= 0 ? (act_status)k : AS_IDEA;
    /* Partners: rows partner_N / partner_role_N. */
    s = plans_field(req, "partner_rows");
    int rows = 0;
    if (s && !hh_parse_int(s, 0, 200, &rows))
        rows = 0;
    x->partners = arena_alloc(&req->a, (size_t)(rows + 1) * sizeof(act_partner));
    x->npartners = 0;
    for (int r = 0; r < rows; r++) {
        const char *ps = plans_field(req, arena_printf(&req->a, "partner_%d", r));
        const char *rs = plans_field(req, arena_printf(&req->a, "partner_role_%d", r));
        int64_t pid;
        if (!ps || !*ps)
            continue;
        if (!hh_parse_int64(ps, strlen(ps), &pid) || pid <= 0)
            continue;
        int role = rs ? plan_enum_find(coop_purpose_code, CP_COUNT, rs) : -1;
        x->partners[x->npartners++] = (act_partner){ .partner_id = pid, .role = role >= 0 ? (coop_purpose)role : 0 };
    }
    /* Exceptions: one date per line. */
    const char **lines;
    size_t nl = plans_lines(req, or_empty(http_form(req, "exceptions")), &lines);
    x->exceptions = arena_alloc(&req->a, (nl + 1) * sizeof(char *));
    x->nexceptions = 0;
    bool ok = true;
    for (size_t i = 0; i < nl; i++) {
        const char *iso = iso_date(req, lines[i]);
        if (!iso) {
            if (ok)
                hh_fail(e, HH_ERR_INPUT, "exceptions",
                        "Aflyste datoer: »%s« er ikke en dato. Skriv fx 2026-12-24 eller 24.12.2026.", lines[i]);
            ok = false;
            x->exceptions[x->nexceptions++] = lines[i];
            continue;
        }
        x->exceptions[x->nexceptions++] = iso;
    }
    if (ok && !*x->name) {
        hh_fail(e, HH_ERR_INPUT, "name", "Navn: skriv aktivitetens navn.");
        ok = false;
    }
    if (ok && !x->categories) {
        hh_fail(e, HH_ERR_INPUT, "categories", "Kategorier: vælg mindst én kategori.");
        ok = false;
    }
    return ok;
}

void page_activity_new(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    if (!plans_may_write(req, &pl)) {
        http_error(req, 403, "forbidden", "Du kan se planen, men har ikke ret til at ændre den.", NULL);
        return;
    }
    activity x = { .plan_id = pl.id,
                   .name = "",
                   .status = AS_PLANNED,
                   .schedule = SCHED_WEEKLY,
                   .format = FMT_TEAM,
                   .idea_source = IDEA_STAFF,
                   .first_date = plans_today(req) };
    activity_form_page(req, &pl, &x, NULL, 200);
}

static void save(http_req *req, plan *pl, activity *x)
{
    hh_error e;
    if (!plans_may_write(req, pl)) {
        http_error(req, 403, "forbidden", "Du kan se planen, men har ikke ret til at ændre den.", NULL);
        return;
    }
    if (!activity_from_form(req, x, &e)) {
        activity_form_page(req, pl, x, &e, 422);
        return;
    }
    hh_err rc = activity_put(req->db, web_principal(req), &req->a, x, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        activity_form_page(req, pl, x, &e, 422);
        return;
    }
    if (rc) {
        act_web_fail(req, rc, &e, "saving an activity");
        return;
    }
    web_audit(req, "activity.save", "activity", arena_printf(&req->a, "%lld", (long long)x->id), "ok");
    http_redirect(req, 303,
                  arena_printf(&req->a, "/planer/%lld/aktiviteter/%lld?gemt=1", (long long)pl->id, (long long)x->id));
}

void page_activity_create(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    activity x = { .plan_id = pl.id };
    save(req, &pl, &x);
}

void page_activity_edit(http_req *req)
{
    plan pl;
    activity x;
    if (!act_load(req, &pl, &x))
        return;
    if (!plans_may_write(req, &pl)) {
        http_error(req, 403, "forbidden", "Du kan se planen, men har ikke ret til at ændre den.", NULL);
        return;
    }
    activity_form_page(req, &pl, &x, NULL, 200);
}

void page_activity_update(http_req *req)
{
    plan pl;
    activity x;
    if (!act_load(req, &pl, &x))
        return;
    activity y = { .id = x.id, .plan_id = pl.id };
    save(req, &pl, &y);
}

void page_activity_delete(http_req *req)
{
    plan pl;
    activity x;
    if (!act_load(req, &pl, &x))
        return;
    const char *back = arena_printf(&req->a, "/planer/%lld/aktiviteter/%lld", (long long)pl.id, (long long)x.id);
    if (!plans_delete_confirmed(
            req, &pl, x.id,
            arena_printf(&req->a, "aktiviteten »%s« med alle dens møder, fortællinger og registreringer", x.name),
            back))
        return;
    hh_error e;
    hh_err rc = activity_delete(req->db, web_principal(req), x.id, &e);
    if (rc) {
        act_web_fail(req, rc, &e, "deleting an activity");
        return;
    }
    web_audit(req, "activity.delete", "activity", arena_printf(&req->a, "%lld", (long long)x.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld/aktiviteter?slettet=1", (long long)pl.id));
}
