/* pages_activities_view.c - an activity's page: facts and tags, key
 * numbers, status history and change, the sessions with a chart of
 * participants per month, involvement per phase for a year, and stories and
 * evaluation notes; and the forms posted from it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "web/activities_web.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"
#include "web/svg.h"

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static const char *act_path(http_req *req, const activity *x)
{
    return arena_printf(&req->a, "/planer/%lld/aktiviteter/%lld", (long long)x->plan_id, (long long)x->id);
}

static const char *const month_short[12] = { "jan.", "feb.", "mar.", "apr.", "maj",  "jun.",
                                             "jul.", "aug.", "sep.", "okt.", "nov.", "dec." };

/* Participants per month (sessions newest first, all of one year) as
 * horizontal bars oldest first; h holds each session's hide flags (the
 * month's under complementary suppression). */
static void month_chart(http_req *req, const act_session *s, const act_session_hidden *h, size_t n)
{
    if (!n)
        return;
    enum { MAXM = 24 };
    char keys[MAXM][8];
    double vals[MAXM];
    bool hid[MAXM];
    int nm = 0;
    for (size_t i = 0; i < n; i++) {
        const char *d = or_empty(s[i].date);
        if (strlen(d) < 7)
            continue;
        int k = -1;
        for (int j = 0; j < nm; j++)
            if (strncmp(keys[j], d, 7) == 0)
                k = j;
        if (k < 0) {
            if (nm == MAXM)
                continue;
            k = nm++;
            memcpy(keys[k], d, 7);
            keys[k][7] = '\0';
            vals[k] = 0;
            hid[k] = h[i].month != 0;
        }
        vals[k] += s[i].participants;
    }
    svg_bar *bars = arena_alloc(&req->a, (size_t)nm * sizeof(svg_bar));
    for (int j = 0; j < nm; j++) {
        int idx = nm - 1 - j; /* oldest first */
        int y = 0, m = 1;
        char ys[5] = { keys[idx][0], keys[idx][1], keys[idx][2], keys[idx][3], 0 };
        char ms[3] = { keys[idx][5], keys[idx][6], 0 };
        hh_parse_int(ys, 0, 9999, &y);
        hh_parse_int(ms, 1, 12, &m);
        bars[j] = (svg_bar){ .label = arena_printf(&req->a, "%s %d", month_short[m - 1], y),
                             .value = vals[idx],
                             .suppressed = hid[idx] };
    }
    svg_bar_chart c = { .id = "deltagere-pr-maaned",
                        .title = "Deltagelser pr. måned",
                        .unit = "",
                        .decimals = 0,
                        .bars = bars,
                        .nbars = (size_t)nm };
    svg_bars(&req->out, &c);
}

static void facts(http_req *req, const activity *x)
{
    buf *b = &req->out;
    html_printf(b, "<dl class=\"facts act-facts\">");
    html_printf(b, "<div><dt>Status</dt><dd><span class=\"astatus astatus-%s\">%s</span></dd></div>",
                act_status_code[x->status], act_status_label[x->status]);
    html_printf(b, "<div><dt>Kategorier</dt><dd>%s</dd></div>",
                act_bits_text(req, x->categories, act_category_label, CAT_COUNT));
    html_printf(b, "<div><dt>Indsatsområde</dt><dd>%s</dd></div>", *or_empty(x->focus) ? x->focus : "Intet bestemt");
    const char *tg = act_bits_text(req, x->targets, act_target_label, TG_COUNT);
    html_printf(b, "<div><dt>Målgrupper</dt><dd>%s</dd></div>", *tg ? tg : "Ikke angivet");
    const char *kr = act_bits_text(req, x->kram, act_kram_label, KRAM_COUNT);
    html_printf(b, "<div><dt>KRAM</dt><dd>%s</dd></div>", *kr ? kr : "Ingen");
    html_printf(b, "<div><dt>Form</dt><dd>%s</dd></div>", act_format_label[x->format]);
    html_printf(b, "<div><dt>Sted</dt><dd>%s</dd></div>", *or_empty(x->place) ? x->place : "Ikke angivet");
    const char *resp = x->responsible_kind == RESP_PARTNER && *or_empty(x->responsible_partner_name)
                           ? x->responsible_partner_name
                           : or_empty(x->responsible);
    html_printf(b, "<div><dt>Ansvarlig</dt><dd>%s%r%s</dd></div>", act_responsible_label[x->responsible_kind],
                *resp ? ": " : "", resp);
    const char *when = act_schedule_label[x->schedule];
    const char *per = plans_period(req, x->first_date, x->last_date);
    if (*per)
        when = arena_printf(&req->a, "%s, %s", when, per);
    if (*or_empty(x->start_time))
        when = arena_printf(&req->a, "%s, kl. %s%s%s", when, x->start_time, *or_empty(x->end_time) ? "–" : "",
                            or_empty(x->end_time));
    html_printf(b, "<div><dt>Hvornår</dt><dd>%s</dd></div>", when);
    if (x->nexceptions) {
        /* The coming cancellations first; past ones only counted. */
        const char *today = plans_today(req), *ex = "";
        size_t shown = 0, past = 0;
        for (size_t i = 0; i < x->nexceptions; i++) {
            if (strcmp(x->exceptions[i], today) < 0) {
                past++;
                continue;
            }
            if (shown++ < 8)
                ex = arena_printf(&req->a, "%s%s%s", ex, *ex ? ", " : "", act_date(req, x->exceptions[i]));
        }
        if (shown > 8)
            ex = arena_printf(&req->a, "%s og %zu flere", ex, shown - 8);
        if (past)
            ex = arena_printf(&req->a, "%s%s%zu tidligere aflysninger", ex, *ex ? " · " : "", past);
        html_printf(b, "<div><dt>Aflyst</dt><dd>%s</dd></div>", ex);
    }
    html_printf(b, "<div><dt>Idéen kom fra</dt><dd>%s%s</dd></div>", act_idea_source_label[x->idea_source],
                x->in_application ? " · med i ansøgningen" : "");
    const char *ch = act_bits_text(req, x->channels, act_channel_label, CHN_COUNT);
    html_printf(b, "<div class=\"wide\"><dt>Informationskanaler</dt><dd>%s</dd></div>", *ch ? ch : "Ikke angivet");
    html_printf(b, "</dl>\n");
    if (x->npartners) {
        html_printf(b, "<h3>Samarbejdspartnere</h3><ul class=\"plan-links\">");
        for (size_t i = 0; i < x->npartners; i++)
            html_printf(b, "<li><a href=\"/partnere/%D\">%s</a> – %s</li>", x->partners[i].partner_id,
                        x->partners[i].partner_name, coop_purpose_label[x->partners[i].role]);
        html_printf(b, "</ul>\n");
    }
    if (*or_empty(x->description))
        html_printf(b, "<p class=\"prose\">%s</p>\n", x->description);
}

static void delete_button(http_req *req, const char *action, int64_t id, const char *text, const char *label)
{
    plans_delete_button(req, action, id, text, label);
}

static bool status_section(http_req *req, const activity *x, bool team, const hh_error *err)
{
    buf *b = &req->out;
    act_status_change *h;
    size_t n = 0;
    hh_error e;
    if (activity_status_history(req->db, &req->a, x->id, &h, &n, &e))
        return false;
    html_printf(b, "<section id=\"status\" aria-labelledby=\"h-status\"><h2 id=\"h-status\">Status</h2>");
    if (n) {
        html_printf(b, "<ol class=\"status-history\">");
        for (size_t i = 0; i < n; i++)
            html_printf(b, "<li><span class=\"astatus astatus-%s\">%s</span> fra %s%r%s</li>",
                        act_status_code[h[i].status], act_status_label[h[i].status], act_date(req, h[i].effective),
                        *or_empty(h[i].user_name) ? " · " : "", or_empty(h[i].user_name));
        html_printf(b, "</ol>");
    }
    if (team) {
        if (err && err->msg[0])
            html_printf(b, "<p class=\"field-error\" id=\"ny-status-fejl\" role=\"alert\">%s</p>", err->msg);
        form_open(req, arena_printf(&req->a, "%s/status", act_path(req, x)), "filters");
        html_printf(b, "<div><label for=\"ny-status\">Ny status</label><select id=\"ny-status\" name=\"status\">");
        for (int i = 0; i < AS_COUNT; i++)
            html_printf(b, "<option value=\"%s\"%r>%s</option>", act_status_code[i],
                        i == (int)x->status ? " selected" : "", act_status_label[i]);
        html_printf(b,
                    "</select></div><div><label for=\"status-dato\">Gælder fra</label><input id=\"status-dato\" "
                    "name=\"date\" type=\"date\" value=\"%s\"></div><button type=\"submit\">Skift status</button>"
                    "</form>",
                    plans_today(req));
    }
    html_printf(b, "</section>\n");
    return true;
}

static bool sessions_section(http_req *req, const activity *x, bool team, int year)
{
    buf *b = &req->out;
    act_session *s;
    size_t n = 0;
    hh_error e;
    if (act_sessions(req->db, web_principal(req), &req->a, 0, x->id, year, &s, &n, &e))
        return false;
    att_stats st, all;
    if (act_attendance(req->db, web_principal(req), &req->a, x->plan_id, x->id, year, &st, &e) ||
        act_attendance(req->db, web_principal(req), &req->a, x->plan_id, x->id, 0, &all, &e))
        return false;
    /* Complementary suppression over the year's sessions, months and key
     * figures together (they are parts and totals of one another). */
    act_session_hidden *hs = arena_zalloc(&req->a, (n ? n : 1) * sizeof *hs);
    att_hidden th;
    act_sessions_suppress(s, n, &st, !team, hs, &th);
    /* All years: a part of the plan's, and the sum of the years. */
    unsigned char all_hide = 0;
    if (activity_attendance_hidden(req->db, web_principal(req), &req->a, x->plan_id, x, 1, !team, &all_hide, &e))
        return false;
    html_printf(b,
                "<section id=\"moeder\" aria-labelledby=\"h-moeder\"><h2 id=\"h-moeder\">Møder og fremmøde "
                "%d</h2>",
                year);
    html_printf(b,
                "<form class=\"filters\" method=\"get\" action=\"%s#moeder\"><div><label for=\"aar\">År</label>"
                "<input id=\"aar\" name=\"aar\" type=\"number\" min=\"2000\" max=\"2100\" value=\"%d\"></div>"
                "<button type=\"submit\" class=\"secondary\">Vis år</button></form>",
                act_path(req, x), year);
    html_printf(b,
                "<dl class=\"facts act-keys\"><div><dt>Møder</dt><dd>%s</dd></div><div><dt>Deltagelser</dt>"
                "<dd>%s</dd></div><div><dt>Unikke deltagere</dt><dd>%s%r</dd></div><div><dt>Nye</dt><dd>%s</dd>"
                "</div><div><dt>Frivillige (deltagelser)</dt><dd>%s</dd></div></dl>",
                act_n(req, st.sessions, true), act_hidden_text(&req->a, st.attendances, th.attendances),
                act_n(req, st.unique, team),
                st.unique_exact || !st.unique ? "" : " <span class=\"muted\">(anslået)</span>",
                act_hidden_text(&req->a, st.new_attendances, th.new_attendances),
                act_hidden_text(&req->a, st.volunteers, th.volunteers));
    html_printf(b, "<p class=\"muted\">Alle år: %s møder, %s deltagelser, %s unikke deltagere.</p>",
                act_n(req, all.sessions, true), act_hidden_text(&req->a, all.attendances, all_hide),
                act_n(req, all.unique, team));
    if (!team)
        html_printf(b,
                    "<p class=\"muted\">Antal personer fra 1 til 4 vises som &lt;5. Hvor et tal ellers "
                    "kunne regnes ud fra de andre, vises det som %s.</p>",
                    ACT_HIDDEN_TEXT);
    if (team)
        html_printf(b, "<p class=\"actions\"><a class=\"button\" href=\"/registrer/%D\">Registrer et møde</a></p>",
                    x->id);
    if (!n) {
        html_printf(b, "<p class=\"empty\">Ingen møder registreret endnu.</p></section>\n");
        return true;
    }
    month_chart(req, s, hs, n);
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"data sessions\"><caption>Møder i %d, nyeste først</caption>"
                "<thead><tr><th scope=\"col\">Dato</th><th scope=\"col\" class=\"num\">Deltagere</th>"
                "<th scope=\"col\" class=\"num\">Nye</th><th scope=\"col\" class=\"num\">Gengangere</th>"
                "<th scope=\"col\" class=\"num\">Frivillige</th>%r</tr></thead><tbody>",
                year,
                team ? "<th scope=\"col\">Deltagerkoder</th><th scope=\"col\">Note</th><th scope=\"col\"><span "
                       "class=\"sr-only\">Handling</span></th>"
                     : "");
    const char *ys = arena_printf(&req->a, "%04d-", year);
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        const act_session *r = &s[i];
        if (strncmp(or_empty(r->date), ys, 5) != 0)
            continue;
        shown++;
        html_printf(b,
                    "<tr><th scope=\"row\">%s%r%s</th><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                    "<td class=\"num\">%s</td><td class=\"num\">%s</td>",
                    act_date(req, r->date), *or_empty(r->start_time) ? " kl. " : "", or_empty(r->start_time),
                    act_hidden_text(&req->a, r->participants, hs[i].participants),
                    act_hidden_text(&req->a, r->new_participants, hs[i].new_participants),
                    act_hidden_text(&req->a, r->participants - r->new_participants, hs[i].returning),
                    act_hidden_text(&req->a, r->volunteers, hs[i].volunteers));
        if (team) {
            const char *k = "";
            for (size_t j = 0; j < r->nkeys; j++)
                k = arena_printf(&req->a, "%s%s%s", k, *k ? ", " : "", r->keys[j]);
            if (r->nkeys > 3)
                html_printf(b, "<td class=\"keys\"><details><summary>%zu koder</summary>%s</details></td>", r->nkeys,
                            k);
            else
                html_printf(b, "<td class=\"keys\">%s</td>", k);
            html_printf(b, "<td>%s</td><td>", or_empty(r->note));
            delete_button(req, arena_printf(&req->a, "%s/moeder/slet", act_path(req, x)), r->id, "Slet",
                          arena_printf(&req->a, "mødet %s", act_date(req, r->date)));
            html_printf(b, "</td>");
        }
        html_printf(b, "</tr>");
    }
    html_printf(b, "</tbody></table></div>");
    if (!shown)
        html_printf(b, "<p class=\"empty\">Ingen møder i %d.</p>", year);
    html_printf(b, "</section>\n");
    return true;
}

static bool involvement_section(http_req *req, const activity *x, bool team, const hh_error *err, int err_phase,
                                int year)
{
    buf *b = &req->out;
    involvement *v;
    size_t n = 0;
    hh_error e;
    if (involvement_list(req->db, web_principal(req), &req->a, x->plan_id, x->id, year, &v, &n, &e))
        return false;
    involvement *cur[PHASE_COUNT] = { 0 };
    for (size_t i = 0; i < n; i++)
        if ((int)v[i].phase >= 0 && v[i].phase < PHASE_COUNT && v[i].year == year)
            cur[v[i].phase] = &v[i];
    involvement typed;
    if (err && err_phase >= 0 && err_phase < PHASE_COUNT && act_involvement_read(req, &typed))
        cur[err_phase] = &typed; /* a refused form keeps what was typed */
    html_printf(
        b,
        "<section id=\"inddragelse\" aria-labelledby=\"h-inddragelse\"><h2 id=\"h-inddragelse\">Beboerinddragelse "
        "%d</h2>",
        year);
    html_printf(
        b,
        "<form class=\"filters\" method=\"get\" action=\"%s#inddragelse\"><div><label for=\"inv-aar\">År</label>"
        "<input id=\"inv-aar\" name=\"aar\" type=\"number\" min=\"2000\" max=\"2100\" value=\"%d\"></div>"
        "<button type=\"submit\" class=\"secondary\">Vis år</button></form>",
        act_path(req, x), year);
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"data inv-summary\"><caption>Deltagelsesform pr. fase "
                "%d</caption><thead><tr><th scope=\"col\">Fase</th><th scope=\"col\">Deltagelsesform</th>"
                "<th scope=\"col\">Harts stige</th></tr></thead><tbody>",
                year);
    for (int ph = 0; ph < PHASE_COUNT; ph++)
        html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td></tr>", inv_phase_label[ph],
                    cur[ph] && cur[ph]->type < INV_COUNT && cur[ph] != &typed ? inv_type_label[cur[ph]->type]
                                                                              : "Ikke registreret",
                    cur[ph] && cur[ph]->hart_rung >= 1 && cur[ph]->hart_rung <= 8
                        ? arena_printf(&req->a, "%d. %s", cur[ph]->hart_rung, inv_hart_label[cur[ph]->hart_rung])
                        : "–");
    html_printf(b, "</tbody></table></div>");
    if (team) {
        html_printf(b, "<p class=\"hint\">Vælg for hver fase, hvordan beboerne deltog, og svar på de fem spørgsmål. "
                       "Hver fase gemmes for sig.</p>");
        act_involvement_form(req, arena_printf(&req->a, "%s/inddragelse", act_path(req, x)), year, cur, err, err_phase);
    }
    html_printf(b, "</section>\n");
    return true;
}

static bool stories_section(http_req *req, const activity *x, bool team, const hh_error *err)
{
    buf *b = &req->out;
    act_story *s;
    size_t n = 0;
    hh_error e;
    if (act_stories(req->db, web_principal(req), &req->a, 0, x->id, 0, false, &s, &n, &e))
        return false;
    html_printf(b, "<section id=\"fortaellinger\" aria-labelledby=\"h-fort\"><h2 id=\"h-fort\">Fortællinger og "
                   "evalueringsnoter</h2><p class=\"hint\">Et fremmødetal er ikke succes i sig selv. Skriv, hvad der "
                   "skete – uden navne på beboere.</p>");
    if (!n)
        html_printf(b, "<p class=\"empty\">Ingen fortællinger endnu.</p>");
    else
        html_printf(b, "<ul class=\"stories\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<li class=\"card story\"><h3>%s</h3><p class=\"muted\">%s · %s%r</p><p class=\"prose\">%s</p>",
                    s[i].title, story_kind_label[s[i].kind], act_date(req, s[i].date),
                    s[i].in_report ? " · <span class=\"in-report\">Med i årsrapport</span>" : "", s[i].body);
        if (team) {
            html_printf(b, "<p class=\"actions\">");
            form_open(req, arena_printf(&req->a, "%s/historier/rapport", act_path(req, x)), "inline");
            html_printf(b,
                        "<input type=\"hidden\" name=\"id\" value=\"%D\"><input type=\"hidden\" name=\"in_report\" "
                        "value=\"%s\"><button type=\"submit\" class=\"link\">%s</button></form> ",
                        s[i].id, s[i].in_report ? "0" : "1",
                        s[i].in_report ? "Tag ud af årsrapporten" : "Med i årsrapport");
            delete_button(req, arena_printf(&req->a, "%s/historier/slet", act_path(req, x)), s[i].id, "Slet",
                          arena_printf(&req->a, "»%s«", s[i].title));
            html_printf(b, "</p>");
        }
        html_printf(b, "</li>");
    }
    if (n)
        html_printf(b, "</ul>");
    if (team) {
        const char *t = err ? plans_field(req, "title") : NULL, *body = err ? plans_field(req, "body") : NULL;
        const char *d = err ? plans_field(req, "date") : NULL, *k = err ? plans_field(req, "kind") : NULL;
        html_printf(b, "<details class=\"add\"%r><summary>Skriv en fortælling eller evalueringsnote</summary>",
                    err ? " open" : "");
        form_open(req, arena_printf(&req->a, "%s/historier", act_path(req, x)), "plan-form story-form");
        if (err && err->msg[0])
            html_printf(b, "<p class=\"field-error\" role=\"alert\">%s</p>", err->msg);
        act_select(req, "kind", "Slags", story_kind_code, story_kind_label, STORY_COUNT,
                   k ? plan_enum_find(story_kind_code, STORY_COUNT, k) : 0, NULL, err);
        act_input(req, "date", "Dato", d ? d : plans_today(req), "date", NULL, err);
        act_input(req, "title", "Overskrift", t, "text", NULL, err);
        act_textarea(req, "body", "Tekst", body, 5, "Ingen navne på beboere.", err);
        html_printf(b, "<div class=\"field\"><label><input type=\"checkbox\" name=\"in_report\" value=\"1\"> Med i "
                       "årsrapport</label></div><button type=\"submit\">Gem</button></form></details>");
    }
    html_printf(b, "</section>\n");
    return true;
}

static void render(http_req *req, const plan *pl, const activity *x, const hh_error *err, const char *err_where,
                   int err_phase, int year, int status)
{
    bool team = plans_may_write(req, pl);
    act_begin(req, pl, x->name, "aktiviteter");
    buf *b = &req->out;
    if (err && err->msg[0] && strcmp(err_where, "top") == 0) {
        notice(req, "error", err->msg);
    } else if (err && err->msg[0]) {
        const char *anchor = strcmp(err_where, "status") == 0 ? "status"
                             : strcmp(err_where, "inv") == 0 && err_phase >= 0
                                 ? arena_printf(&req->a, "fase-%s", inv_phase_code[err_phase])
                                 : "fortaellinger";
        html_printf(b,
                    "<div id=\"besked\" class=\"notice notice-error\" role=\"alert\"><p><strong>Ikke gemt.</strong> "
                    "<a href=\"#%s\">%s</a></p></div>\n",
                    anchor, err->msg);
    } else if (http_query(req, "gemt"))
        notice(req, "ok", "Ændringerne er gemt.");
    html_printf(b, "<p><a href=\"/planer/%D/aktiviteter\">← Alle aktiviteter</a></p>", pl->id);
    if (team) {
        html_printf(b,
                    "<p class=\"actions\"><a class=\"button\" href=\"/registrer/%D\">Registrer møde</a> "
                    "<a class=\"button secondary\" href=\"%s/rediger\">Redigér</a> ",
                    x->id, act_path(req, x));
        plans_delete_button(req, arena_printf(&req->a, "%s/slet", act_path(req, x)), x->id, "Slet aktiviteten",
                            arena_printf(&req->a, "aktiviteten »%s«", x->name));
        html_printf(b, "</p>\n");
    }
    facts(req, x);
    if (!status_section(req, x, team, strcmp(err_where, "status") == 0 ? err : NULL) ||
        !sessions_section(req, x, team, year) ||
        !involvement_section(req, x, team, strcmp(err_where, "inv") == 0 ? err : NULL, err_phase, year) ||
        !stories_section(req, x, team, strcmp(err_where, "story") == 0 ? err : NULL)) {
        http_fail_db(req, "reading an activity's sections");
        return;
    }
    page_end(req, status);
}

void page_activity(http_req *req)
{
    plan pl;
    activity x;
    if (!act_load(req, &pl, &x))
        return;
    /* Without ?aar: this year, or the last year the activity met. */
    int year = act_year(req);
    const char *last = or_empty(x.last_session);
    if (!http_query(req, "aar") && strlen(last) >= 4 && strncmp(last, plans_today(req), 4) < 0) {
        char ys[5] = { last[0], last[1], last[2], last[3], 0 };
        if (!hh_parse_int(ys, 2000, 2100, &year))
            year = act_year(req);
    }
    render(req, &pl, &x, NULL, "", -1, year, 200);
}

/* After a post from the activity's page: back to its section, or the page
 * again with the message where it belongs. */
static void done(http_req *req, const plan *pl, const activity *x, hh_err rc, const hh_error *e, const char *audit,
                 const char *anchor, const char *where, int phase, int year)
{
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        render(req, pl, x, e, where, phase, year ? year : act_year(req), 422);
        return;
    }
    if (rc) {
        act_web_fail(req, rc, e, audit);
        return;
    }
    web_audit(req, audit, "activity", arena_printf(&req->a, "%lld", (long long)x->id), "ok");
    http_redirect(req, 303,
                  year ? arena_printf(&req->a, "%s?gemt=1&aar=%d#%s", act_path(req, x), year, anchor)
                       : arena_printf(&req->a, "%s?gemt=1#%s", act_path(req, x), anchor));
}

void page_activity_status_post(http_req *req)
{
    plan pl;
    activity x;
    if (!act_load(req, &pl, &x))
        return;
    const char *s = plans_field(req, "status"), *d = plans_field(req, "date");
    int st = s ? plan_enum_find(act_status_code, AS_COUNT, s) : -1;
    if (st < 0) {
        http_error(req, 400, "bad_request", "Vælg en status.", "status");
        return;
    }
    hh_error e;
    hh_err rc = activity_status_set(req->db, web_principal(req), &req->a, x.id, (act_status)st, d && *d ? d : NULL, &e);
    done(req, &pl, &x, rc, &e, "activity.status", "status", "status", -1, 0);
}

void page_activity_involvement_post(http_req *req)
{
    plan pl;
    activity x;
    if (!act_load(req, &pl, &x))
        return;
    involvement v = { .plan_id = pl.id, .activity_id = x.id };
    if (!act_involvement_read(req, &v))
        return;
    hh_error e;
    hh_err rc;
    if (v.type == INV_COUNT)
        rc = hh_fail(&e, HH_ERR_INPUT, "type",
                     "Deltagelsesform: vælg, hvordan beboerne deltog i fasen (eller "
                     "»Ikke inddraget«).");
    else
        rc = involvement_put(req->db, web_principal(req), &req->a, &v, &e);
    done(req, &pl, &x, rc, &e, "activity.involvement", arena_printf(&req->a, "fase-%s", inv_phase_code[v.phase]), "inv",
         (int)v.phase, v.year);
}

void page_activity_story_post(http_req *req)
{
    plan pl;
    activity x;
    if (!act_load(req, &pl, &x))
        return;
    const char *k = plans_field(req, "kind"), *ir = plans_field(req, "in_report");
    int kind = k ? plan_enum_find(story_kind_code, STORY_COUNT, k) : 0;
    act_story s = { .activity_id = x.id,
                    .date = plans_field(req, "date") ? plans_field(req, "date") : "",
                    .kind = kind >= 0 ? (story_kind)kind : STORY_STORY,
                    .title = plans_field(req, "title") ? plans_field(req, "title") : "",
                    .body = plans_field(req, "body") ? plans_field(req, "body") : "",
                    .in_report = ir && strcmp(ir, "1") == 0 };
    hh_error e;
    hh_err rc = HH_OK;
    if (!*s.title)
        rc = hh_fail(&e, HH_ERR_INPUT, "title", "Overskrift: skriv en overskrift.");
    else
        rc = act_story_put(req->db, web_principal(req), &req->a, &s, &e);
    done(req, &pl, &x, rc, &e, "activity.story", "fortaellinger", "story", -1, 0);
}

static bool find_story(http_req *req, const activity *x, int64_t id, act_story *out)
{
    act_story *s;
    size_t n = 0;
    hh_error e;
    if (act_stories(req->db, web_principal(req), &req->a, 0, x->id, 0, false, &s, &n, &e)) {
        http_fail_db(req, "reading stories");
        return false;
    }
    for (size_t i = 0; i < n; i++)
        if (s[i].id == id) {
            *out = s[i];
            return true;
        }
    http_error(req, 404, "not_found", "Det findes ikke (længere). Genindlæs siden.", NULL);
    return false;
}

void page_activity_story_report(http_req *req)
{
    plan pl;
    activity x;
    int64_t id;
    act_story s;
    if (!act_load(req, &pl, &x) || !plans_form_id(req, &id) || !find_story(req, &x, id, &s))
        return;
    const char *ir = plans_field(req, "in_report");
    s.in_report = ir && strcmp(ir, "1") == 0;
    hh_error e;
    hh_err rc = act_story_put(req->db, web_principal(req), &req->a, &s, &e);
    done(req, &pl, &x, rc, &e, "activity.story", "fortaellinger", "story", -1, 0);
}

void page_activity_story_delete(http_req *req)
{
    plan pl;
    activity x;
    int64_t id;
    act_story s;
    if (!act_load(req, &pl, &x) || !plans_form_id(req, &id) || !find_story(req, &x, id, &s))
        return;
    if (!plans_delete_confirmed(req, &pl, id, arena_printf(&req->a, "»%s«", s.title),
                                arena_printf(&req->a, "%s#fortaellinger", act_path(req, &x))))
        return;
    hh_error e;
    hh_err rc = act_story_delete(req->db, web_principal(req), id, &e);
    done(req, &pl, &x, rc, &e, "activity.story.delete", "fortaellinger", "top", -1, 0);
}

void page_activity_session_delete(http_req *req)
{
    plan pl;
    activity x;
    int64_t id;
    if (!act_load(req, &pl, &x) || !plans_form_id(req, &id))
        return;
    act_session s;
    hh_error e;
    hh_err rc = act_session_get(req->db, web_principal(req), &req->a, id, &s, &e);
    if (!rc && s.activity_id != x.id)
        rc = HH_ERR_NOTFOUND;
    if (rc) {
        act_web_fail(req, rc, &e, "reading a session");
        return;
    }
    if (!plans_delete_confirmed(req, &pl, id,
                                arena_printf(&req->a, "mødet %s (%d deltagere)", act_date(req, s.date), s.participants),
                                arena_printf(&req->a, "%s#moeder", act_path(req, &x))))
        return;
    rc = act_session_delete(req->db, web_principal(req), id, &e);
    done(req, &pl, &x, rc, &e, "activity.session.delete", "moeder", "top", -1, 0);
}
