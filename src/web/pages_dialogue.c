/* pages_dialogue.c - the yearly steering dialogue in the browser (DOMAIN.md
 * §8): both sides' overview with the year, states, progress and deadlines,
 * the municipality's deadline form, starting a dialogue, the reminders (also
 * on the front page and under notifications), the dialogue's own page with
 * its history and the transitions the reader may make, the organisation's
 * summary, and the organisation's definitions of the four questions. The
 * department sheet is in pages_dialogue_sheet.c, selection and goals in
 * pages_dialogue_select.c, the public sheets in pages_dialogue_public.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/str.h"
#include "web/auth_web.h"
#include "web/dialogue_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"

static bool has_role(http_req *req, role_id r)
{
    const principal *p = web_principal(req);
    return p && principal_has_role(p, r);
}

/* ---- reminders ---- */

static void reminder_list(http_req *req, const dlg_summary *r, size_t n)
{
    buf *b = &req->out;
    html_printf(b, "<ul class=\"dlg-reminders\">");
    for (size_t i = 0; i < n; i++) {
        const char *what = r[i].overdue ? "Fristen er overskredet" : "Fristen nærmer sig";
        const char *due = plans_date(req, r[i].deadline);
        if (r[i].id)
            html_printf(b, "<li class=\"%s\"><a href=\"%s\">%s og %s Kommune %d</a>: %s – %s. %r</li>",
                        r[i].overdue ? "overdue" : "soon", dlg_web_href(req, r[i].id), r[i].org_name,
                        r[i].municipality_name, r[i].year, what, due, dlg_web_state_badge(req, r[i].state));
        else
            html_printf(b,
                        "<li class=\"%s\"><a href=\"/styringsdialog?aar=%d\">%s og %s Kommune %d</a>: %s – %s. "
                        "%r</li>",
                        r[i].overdue ? "overdue" : "soon", r[i].year, r[i].org_name, r[i].municipality_name, r[i].year,
                        what, due, dlg_web_state_badge(req, -1));
    }
    html_printf(b, "</ul>\n");
}

void dialogue_reminders_section(http_req *req)
{
    const principal *p = web_principal(req);
    if (!p || !req->db ||
        !(p->roles & (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_MUNICIPALITY) | ROLE_BIT(ROLE_ORGANISATION))))
        return;
    dlg_summary *r;
    size_t n = 0;
    hh_error e;
    if (dlg_reminders(req->db, p, &req->a, NULL, &r, &n, &e)) {
        /* The box sits on pages about other things: say it failed rather
         * than showing no deadlines, and let the rest of the page stand. */
        log_error("reading dialogue reminders: %s", e.msg);
        html_printf(&req->out, "<section class=\"notice notice-error dlg-reminder-box\" role=\"alert\">"
                               "<p><strong>Styringsdialog:</strong> Fristerne kunne ikke læses. Prøv igen "
                               "senere.</p></section>\n");
        return;
    }
    if (!n)
        return;
    html_printf(&req->out, "<section class=\"notice notice-warn dlg-reminder-box\" aria-labelledby=\"h-dlg-frister\">"
                           "<h2 id=\"h-dlg-frister\">Styringsdialog: frister</h2>");
    reminder_list(req, r, n);
    html_printf(&req->out, "</section>\n");
}

/* ---- the overview ---- */

static void option(buf *b, const char *value, const char *label, bool sel)
{
    html_printf(b, "<option value=\"%s\"%r>%s</option>", value, sel ? " selected" : "", label);
}

static void deadline_form(http_req *req, const char *code, int year, const hh_error *err)
{
    buf *b = &req->out;
    dlg_deadline dl = { 0 };
    bool found = false;
    hh_error e;
    if (dlg_deadline_get(req->db, &req->a, code, year, &dl, &found, &e))
        found = false;
    bool refused = err && req->method && strcmp(req->method, "POST") == 0;
    const char *date = refused ? plans_field(req, "deadline") : found ? dl.deadline : "";
    const char *days =
        refused ? plans_field(req, "remind_days") : arena_printf(&req->a, "%d", found ? dl.remind_days : 14);
    bool bad_date = refused && err->field[0] && strcmp(err->field, "remind_days") != 0;
    bool bad_days = refused && strcmp(err->field, "remind_days") == 0;
    html_printf(b,
                "<section class=\"card dlg-deadline-form\" aria-labelledby=\"h-frist\"><h2 id=\"h-frist\">Kommunens "
                "frist for %d</h2><p class=\"hint\">Boligorganisationerne skal indsende dokumentationen senest på "
                "fristen. Helhed minder dem om den det angivne antal dage før.</p>",
                year);
    form_open(req, "/styringsdialog/frister", "grid-form");
    html_printf(b,
                "<input type=\"hidden\" name=\"municipality\" value=\"%s\"><input type=\"hidden\" name=\"year\" "
                "value=\"%d\"><div><label for=\"deadline\">Frist</label><input id=\"deadline\" name=\"deadline\" "
                "type=\"date\" value=\"%s\" required%r>",
                code, year, date ? date : "",
                bad_date ? " aria-invalid=\"true\" aria-describedby=\"deadline-fejl\"" : "");
    if (bad_date)
        html_printf(b, "<p class=\"field-error\" id=\"deadline-fejl\">%s</p>", err->msg);
    html_printf(b,
                "</div><div><label for=\"remind_days\">Påmindelse (dage før)</label><input id=\"remind_days\" "
                "name=\"remind_days\" type=\"number\" min=\"0\" max=\"365\" value=\"%s\"%r>",
                days ? days : "", bad_days ? " aria-invalid=\"true\" aria-describedby=\"remind_days-fejl\"" : "");
    if (bad_days)
        html_printf(b, "<p class=\"field-error\" id=\"remind_days-fejl\">%s</p>", err->msg);
    html_printf(b, "</div><div class=\"actions\"><button type=\"submit\">Gem frist</button></div></form></section>\n");
}

static void overview_page(http_req *req, const hh_error *err, int status)
{
    const principal *p = web_principal(req);
    int year = dlg_web_year(req);
    const char *ms = http_query(req, "kommune"), *os = http_query(req, "org");
    if (req->method && strcmp(req->method, "POST") == 0) {
        ms = plans_field(req, "municipality");
        const char *ys = plans_field(req, "year");
        if (ys)
            hh_parse_int(ys, 2000, 2100, &year);
    }
    dlg_filter f = { .year = year, .state = -1 };
    bool national = has_role(req, ROLE_ADMIN) || has_role(req, ROLE_NATIONAL);
    if (ms && *ms)
        f.municipality_code = ms;
    int64_t org = 0;
    if (os && *os && hh_parse_int64(os, strlen(os), &org) && org > 0)
        f.org_no = org;
    dlg_summary *rows;
    size_t n = 0;
    hh_error e;
    hh_err rc = dlg_list(req->db, p, &req->a, &f, &rows, &n, &e);
    if (rc) {
        dlg_web_fail(req, rc, &e, "listing dialogues");
        return;
    }
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Styringsdialog" } };
    page pg = { .title = "Styringsdialog", .nav = "dialogue", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b,
                "<h1>Styringsdialog %d</h1>\n<p class=\"lead\">Den årlige dialog mellem boligorganisation og "
                "kommune: dokumentation for hver afdeling, udvælgelse af afdelinger til nærmere dialog, mål for "
                "det kommende år og opfølgning på sidste års mål.</p>\n",
                year);
    if (http_query(req, "frist"))
        notice(req, "ok", "Fristen er gemt.");
    if (err && err->msg[0] && status == 422)
        html_printf(b,
                    "<div id=\"besked\" class=\"notice notice-error\" role=\"alert\"><p><strong>Ikke gemt.</strong> "
                    "%s</p></div>\n",
                    err->msg);
    dialogue_reminders_section(req);

    /* Year and, for the national view, municipality and organisation. */
    html_printf(b, "<form class=\"filters dlg-filters\" method=\"get\" action=\"/styringsdialog\" role=\"search\" "
                   "aria-label=\"Vælg år\"><div><label for=\"f-aar\">År</label><select id=\"f-aar\" name=\"aar\">");
    int this_year = 0;
    {
        const char *t = plans_today(req);
        char ys[5] = { t[0], t[1], t[2], t[3], 0 };
        hh_parse_int(ys, 2000, 2100, &this_year);
    }
    int hi = (this_year > year ? this_year : year) + 1, lo = (this_year < year ? this_year : year) - 5;
    for (int y = hi; y >= lo; y--)
        option(b, arena_printf(&req->a, "%d", y), arena_printf(&req->a, "%d", y), y == year);
    html_printf(b, "</select></div>");
    if (national) {
        dlg_filter all = { .year = year, .state = -1 };
        dlg_summary *every;
        size_t ne = 0;
        if (dlg_list(req->db, p, &req->a, &all, &every, &ne, &e))
            ne = 0;
        html_printf(b, "<div><label for=\"f-kommune\">Kommune</label><select id=\"f-kommune\" name=\"kommune\">"
                       "<option value=\"\">Alle kommuner</option>");
        for (size_t i = 0; i < ne; i++) {
            bool dup = false;
            for (size_t k = 0; k < i && !dup; k++)
                dup = strcmp(every[k].municipality_code, every[i].municipality_code) == 0;
            if (!dup)
                option(b, every[i].municipality_code, every[i].municipality_name,
                       ms && strcmp(ms, every[i].municipality_code) == 0);
        }
        html_printf(b, "</select></div><div><label for=\"f-org\">Boligorganisation</label><select id=\"f-org\" "
                       "name=\"org\"><option value=\"\">Alle boligorganisationer</option>");
        /* Each organisation once, by name. */
        const dlg_summary **orgs = arena_alloc(&req->a, (ne ? ne : 1) * sizeof(*orgs));
        size_t no = 0;
        for (size_t i = 0; i < ne; i++) {
            bool dup = false;
            for (size_t k = 0; k < no && !dup; k++)
                dup = orgs[k]->org_no == every[i].org_no;
            if (dup)
                continue;
            size_t at = no++;
            while (at > 0 && hh_collate_da(orgs[at - 1]->org_name, every[i].org_name) > 0) {
                orgs[at] = orgs[at - 1];
                at--;
            }
            orgs[at] = &every[i];
        }
        for (size_t i = 0; i < no; i++)
            option(b, arena_printf(&req->a, "%lld", (long long)orgs[i]->org_no), orgs[i]->org_name,
                   orgs[i]->org_no == org);
        html_printf(b, "</select></div>");
    }
    html_printf(b, "<button type=\"submit\">Vis</button></form>\n");

    /* The municipality side's deadline. */
    const char *muni = dlg_web_scope(req, ROLE_MUNICIPALITY);
    if (!muni && has_role(req, ROLE_ADMIN) && f.municipality_code)
        muni = f.municipality_code;
    if (muni && (has_role(req, ROLE_MUNICIPALITY) || has_role(req, ROLE_ADMIN)))
        deadline_form(req, muni, year, err);
    html_printf(b,
                "<p><a href=\"/styringsdialog/definitioner?aar=%d\">Boligorganisationernes definitioner af de fire "
                "spørgsmål</a></p>\n",
                year);

    if (!n) {
        html_printf(b, "<p class=\"empty\">Der er ingen par af boligorganisation og kommune at vise for %d.</p>\n",
                    year);
        page_end(req, status);
        return;
    }
    bool can_start = has_role(req, ROLE_ADMIN) || has_role(req, ROLE_MUNICIPALITY) || has_role(req, ROLE_ORGANISATION);
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"data dlg-list\"><caption>%zu styringsdialoger %d</caption>"
                "<thead><tr><th scope=\"col\">Boligorganisation</th><th scope=\"col\">Kommune</th>"
                "<th scope=\"col\">Tilstand</th><th scope=\"col\">Besvarede afdelinger</th>"
                "<th scope=\"col\" class=\"num\">Udvalgt</th><th scope=\"col\">Frist</th><th scope=\"col\">"
                "<span class=\"sr-only\">Handling</span></th></tr></thead><tbody>",
                n, year);
    for (size_t i = 0; i < n; i++) {
        const dlg_summary *r = &rows[i];
        html_printf(b, "<tr%r><th scope=\"row\">", r->overdue ? " class=\"overdue\"" : "");
        if (r->id)
            html_printf(b, "<a href=\"%s\">%s</a>", dlg_web_href(req, r->id), r->org_name);
        else
            html_printf(b, "%s", r->org_name);
        int pct = r->departments ? (int)(100 * r->answered_departments / r->departments) : 0;
        html_printf(b,
                    "</th><td>%s</td><td>%r</td><td><span class=\"dlg-progress\"><progress max=\"%D\" value=\"%D\" "
                    "aria-label=\"Besvarede afdelinger hos %s i %s\">%d %%</progress> %D af %D</span></td>"
                    "<td class=\"num\">%D</td><td>",
                    r->municipality_name, dlg_web_state_badge(req, r->state), r->departments ? r->departments : 1,
                    r->answered_departments, r->org_name, r->municipality_name, pct, r->answered_departments,
                    r->departments, r->selected);
        if (r->deadline && *r->deadline) {
            html_printf(b, "%s", plans_date(req, r->deadline));
            if (r->overdue)
                html_printf(b, " <span class=\"dlg-flag overdue\">Overskredet</span>");
            else if (r->reminder)
                html_printf(b, " <span class=\"dlg-flag soon\">Snart</span>");
        } else {
            html_printf(b, "<span class=\"muted\">Ingen</span>");
        }
        html_printf(b, "</td><td>");
        if (r->id) {
            html_printf(b, "<a href=\"%s\">Åbn<span class=\"sr-only\"> %s og %s</span></a>", dlg_web_href(req, r->id),
                        r->org_name, r->municipality_name);
        } else if (can_start) {
            form_open(req, "/styringsdialog/start", "inline");
            html_printf(b,
                        "<input type=\"hidden\" name=\"org\" value=\"%D\"><input type=\"hidden\" "
                        "name=\"municipality\" value=\"%s\"><input type=\"hidden\" name=\"year\" value=\"%d\">"
                        "<button type=\"submit\" class=\"secondary small\">Start<span class=\"sr-only\"> dialogen "
                        "for %s og %s</span></button></form>",
                        r->org_no, r->municipality_code, r->year, r->org_name, r->municipality_name);
        }
        html_printf(b, "</td></tr>");
    }
    html_printf(b, "</tbody></table></div>\n");
    page_end(req, status);
}

void page_dialogues(http_req *req)
{
    overview_page(req, NULL, 200);
}

void page_dialogue_deadline_post(http_req *req)
{
    const char *code = plans_field(req, "municipality"), *ys = plans_field(req, "year");
    const char *date = plans_field(req, "deadline"), *ds = plans_field(req, "remind_days");
    int year = 0, days = 14;
    if (!code || !*code || !ys || !hh_parse_int(ys, 2000, 2100, &year)) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    hh_error e = { 0 };
    hh_err rc = HH_OK;
    if (!date || !*date)
        rc = hh_fail(&e, HH_ERR_INPUT, "deadline", "Frist skal udfyldes med en dato.");
    else if (ds && *ds && !hh_parse_int(ds, 0, 365, &days))
        rc = hh_fail(&e, HH_ERR_INPUT, "remind_days", "Påmindelse skal være et helt antal dage fra 0 til 365.");
    if (!rc) {
        dlg_deadline dl = { .municipality_code = code, .year = year, .deadline = date, .remind_days = days };
        rc = dlg_deadline_put(req->db, web_principal(req), &dl, &e);
    }
    if (rc == HH_ERR_INPUT) {
        overview_page(req, &e, 422);
        return;
    }
    if (rc) {
        dlg_web_fail(req, rc, &e, "saving a deadline");
        return;
    }
    web_audit(req, "dialogue.deadline", "municipality", code, "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/styringsdialog?aar=%d&frist=1#h-frist", year));
}

void page_dialogue_start(http_req *req)
{
    const char *os = plans_field(req, "org"), *code = plans_field(req, "municipality"), *ys = plans_field(req, "year");
    int64_t org = 0;
    int year = 0;
    if (!os || !hh_parse_int64(os, strlen(os), &org) || !code || !*code || !ys ||
        !hh_parse_int(ys, 2000, 2100, &year)) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    int64_t id = 0;
    hh_error e;
    hh_err rc = dlg_open(req->db, web_principal(req), &req->a, org, code, year, &id, &e);
    if (rc) {
        dlg_web_fail(req, rc, &e, "starting a dialogue");
        return;
    }
    web_audit(req, "dialogue.start", "dialogue", arena_printf(&req->a, "%lld", (long long)id), "ok");
    http_redirect(req, 303, dlg_web_href(req, id));
}

/* ---- the dialogue ---- */

static void history(http_req *req, const dialogue *g)
{
    buf *b = &req->out;
    html_printf(b, "<section aria-labelledby=\"h-forloeb\"><h2 id=\"h-forloeb\">Forløb</h2><ol class=\"timeline "
                   "dlg-timeline\">");
    for (size_t i = 0; i < g->nhistory; i++) {
        const dlg_history *h = &g->history[i];
        bool last = i + 1 == g->nhistory;
        bool ret = h->to == DS_RETURNED;
        html_printf(b,
                    "<li class=\"%s%r\"%r><span class=\"tl-mark\" aria-hidden=\"true\"></span><span class=\"tl-body\">"
                    "<span class=\"tl-state\">%s</span><span class=\"tl-when\">%s · %s</span>",
                    last ? "tl-current" : "tl-done", ret ? " tl-returned" : "", last ? " aria-current=\"step\"" : "",
                    (int)h->from >= DS_COUNT ? "Startet – under udarbejdelse" : dlg_state_label[h->to],
                    plans_date(req, h->effective), h->user_name && *h->user_name ? h->user_name : "Systemet");
        if (h->comment && *h->comment)
            html_printf(b, "<span class=\"tl-note dlg-comment\">%s<q>%s</q></span>",
                        ret ? "Kommunens bemærkninger: " : "", h->comment);
        html_printf(b, "</span></li>");
    }
    html_printf(b, "</ol></section>\n");
}

static void transitions(http_req *req, const dialogue *g, const hh_error *err)
{
    const dlg_transition_rule *next[16];
    size_t nn = dlg_next(web_principal(req), g, next);
    if (!nn)
        return;
    buf *b = &req->out;
    bool refused = err && req->method && strcmp(req->method, "POST") == 0 && http_form(req, "to");
    const char *to = refused ? plans_field(req, "to") : NULL;
    html_printf(b, "<section class=\"dlg-actions\" aria-labelledby=\"h-naeste\"><h2 id=\"h-naeste\">Næste "
                   "skridt</h2>");
    if (refused && err->msg[0] && (!err->field[0] || strcmp(err->field, "comment") != 0) &&
        strcmp(err->field, "meeting_date") != 0 && strcmp(err->field, "minutes") != 0)
        html_printf(b,
                    "<div id=\"besked\" class=\"notice notice-error\" role=\"alert\"><p><strong>Ikke udført.</strong> "
                    "%s</p></div>",
                    err->msg);
    const char *action = arena_printf(&req->a, "/styringsdialog/%lld/tilstand", (long long)g->id);
    for (size_t i = 0; i < nn; i++) {
        const dlg_transition_rule *t = next[i];
        const char *code = dlg_state_code[t->to];
        bool mine = to && strcmp(to, code) == 0;
        form_open(req, action, arena_printf(&req->a, "transition-form dlg-step dlg-step-%s", code));
        html_printf(b, "<input type=\"hidden\" name=\"to\" value=\"%s\">", code);
        if (t->to == DS_RETURNED) {
            bool bad = mine && strcmp(err->field, "comment") == 0;
            const char *v = mine ? plans_field(req, "comment") : "";
            html_printf(b,
                        "<fieldset><legend>Send retur til boligorganisationen</legend><div class=\"field%r\"><label "
                        "for=\"comment\">Kommunens bemærkninger (skal udfyldes)</label><textarea id=\"comment\" "
                        "name=\"comment\" rows=\"3\" required%r>%s</textarea>",
                        bad ? " invalid" : "", bad ? " aria-invalid=\"true\" aria-describedby=\"comment-fejl\"" : "",
                        v ? v : "");
            if (bad)
                html_printf(b, "<p class=\"field-error\" id=\"comment-fejl\">%s</p>", err->msg);
            html_printf(b, "</div><button type=\"submit\" class=\"secondary\">%s</button></fieldset>", t->action_da);
        } else if (t->to == DS_MEETING_HELD) {
            bool bad_d = mine && strcmp(err->field, "meeting_date") == 0;
            bool bad_m = mine && strcmp(err->field, "minutes") == 0;
            const char *d = mine ? plans_field(req, "meeting_date") : plans_today(req);
            const char *m = mine ? plans_field(req, "minutes") : "";
            html_printf(b,
                        "<fieldset><legend>Registrér mødet</legend><div class=\"field%r\"><label "
                        "for=\"meeting_date\">Mødedato</label><input id=\"meeting_date\" name=\"meeting_date\" "
                        "type=\"date\" max=\"%s\" value=\"%s\" required%r>",
                        bad_d ? " invalid" : "", plans_today(req), d ? d : "",
                        bad_d ? " aria-invalid=\"true\" aria-describedby=\"meeting_date-fejl\"" : "");
            if (bad_d)
                html_printf(b, "<p class=\"field-error\" id=\"meeting_date-fejl\">%s</p>", err->msg);
            html_printf(b,
                        "</div><div class=\"field%r\"><label for=\"minutes\">Referat</label><textarea id=\"minutes\" "
                        "name=\"minutes\" rows=\"5\" required%r>%s</textarea>",
                        bad_m ? " invalid" : "",
                        bad_m ? " aria-invalid=\"true\" aria-describedby=\"minutes-fejl\"" : "", m ? m : "");
            if (bad_m)
                html_printf(b, "<p class=\"field-error\" id=\"minutes-fejl\">%s</p>", err->msg);
            html_printf(b, "</div><button type=\"submit\">%s</button></fieldset>", t->action_da);
        } else {
            const char *hint =
                t->to == DS_SUBMITTED   ? "Når dokumentationen er indsendt, kan boligorganisationen ikke ændre den, "
                                          "medmindre kommunen sender den retur."
                : t->to == DS_PUBLISHED ? "Offentliggørelse viser afdelingernes stamdata og udvalgte nøgletal på en "
                                          "offentlig side. Besvarelser, SWOT og referat forbliver interne."
                                        : NULL;
            if (hint)
                html_printf(b, "<p class=\"hint\">%s</p>", hint);
            html_printf(b, "<button type=\"submit\">%s</button>", t->action_da);
        }
        html_printf(b, "</form>\n");
    }
    html_printf(b, "</section>\n");
}

static void dialogue_page(http_req *req, const dialogue *g, const hh_error *err, int status)
{
    buf *b = &req->out;
    bool edit = dlg_may_edit(web_principal(req), g);
    dlg_web_begin(req, g, "Styringsdialog", "oversigt");
    const char *ok = http_query(req, "gemt");
    if (ok && !err)
        notice(req, "ok", strcmp(ok, "resume") == 0 ? "Resuméet er gemt." : "Styringsdialogen er opdateret.");
    /* The latest return's comments, where the organisation sees them first. */
    if (g->state == DS_RETURNED)
        for (size_t i = g->nhistory; i-- > 0;)
            if (g->history[i].to == DS_RETURNED) {
                html_printf(b,
                            "<div class=\"notice notice-warn dlg-returned\" role=\"note\"><p><strong>Sendt retur af "
                            "kommunen %s.</strong></p><p class=\"dlg-comment\">%s</p></div>\n",
                            plans_date(req, g->history[i].effective), g->history[i].comment);
                break;
            }
    int answered = 0;
    for (size_t i = 0; i < g->ndepartments; i++)
        answered += g->departments[i].answered == DI_COUNT;
    html_printf(b, "<dl class=\"facts dlg-facts\"><div><dt>Besvarede afdelinger</dt><dd>%d af %zu</dd></div>", answered,
                g->ndepartments);
    if (g->meeting_date && *g->meeting_date)
        html_printf(b, "<div><dt>Møde afholdt</dt><dd>%s</dd></div>", plans_date(req, g->meeting_date));
    if (g->published_at && *g->published_at)
        html_printf(b, "<div><dt>Offentliggjort</dt><dd><a href=\"/offentlig/styringsdialog/%D\">%s</a></dd></div>",
                    g->id, plans_date(req, g->published_at));
    html_printf(b, "</dl>\n");
    transitions(req, g, err);
    history(req, g);

    /* The organisation's summary. */
    html_printf(b, "<section aria-labelledby=\"h-resume\"><h2 id=\"h-resume\">Boligorganisationens resumé</h2>");
    if (edit) {
        bool refused = err && http_form(req, "summary");
        const char *v = refused ? plans_field(req, "summary") : g->summary;
        form_open(req, arena_printf(&req->a, "/styringsdialog/%lld/resume", (long long)g->id), "plan-form");
        html_printf(b,
                    "<div class=\"field%r\"><label for=\"summary\">Resumé til dokumentationspakken</label>"
                    "<textarea id=\"summary\" name=\"summary\" rows=\"5\"%r>%s</textarea>",
                    refused ? " invalid" : "",
                    refused ? " aria-invalid=\"true\" aria-describedby=\"summary-fejl\"" : "", v ? v : "");
        if (refused && err->msg[0])
            html_printf(b, "<p class=\"field-error\" id=\"summary-fejl\">%s</p>", err->msg);
        html_printf(b, "</div><button type=\"submit\">Gem resumé</button></form>");
    } else if (g->summary && *g->summary) {
        html_printf(b, "<p class=\"dlg-text\">%s</p>", g->summary);
    } else {
        html_printf(b, "<p class=\"empty\">Intet resumé endnu.</p>");
    }
    html_printf(b, "</section>\n");

    /* The departments. */
    html_printf(b, "<section aria-labelledby=\"h-afd\"><h2 id=\"h-afd\">Afdelinger</h2>");
    if (!g->ndepartments) {
        html_printf(b, "<p class=\"empty\">Boligorganisationen har ingen afdelinger i kommunen.</p>");
    } else {
        html_printf(b,
                    "<div class=\"table-wrap\"><table class=\"data dlg-depts\"><caption>%zu afdelinger</caption>"
                    "<thead><tr><th scope=\"col\">Afdeling</th><th scope=\"col\" class=\"num\">Boliger</th>"
                    "<th scope=\"col\">Besvaret</th><th scope=\"col\">Tidlig varsling</th><th scope=\"col\">"
                    "Udvælgelse</th></tr></thead><tbody>",
                    g->ndepartments);
        for (size_t i = 0; i < g->ndepartments; i++) {
            const dlg_department *d = &g->departments[i];
            html_printf(b,
                        "<tr><th scope=\"row\"><a href=\"/styringsdialog/%D/afdelinger/%s\">%s %s</a></th>"
                        "<td class=\"num\">%D</td><td><span class=\"dlg-progress\"><progress max=\"%d\" value=\"%d\" "
                        "aria-label=\"Besvarede punkter for %s\"></progress> %d af %d</span></td><td>",
                        g->id, d->key, d->key, d->name, d->dwellings, DI_COUNT, d->answered, d->name, d->answered,
                        DI_COUNT);
            if ((int)d->status < WARN_STATUS_COUNT)
                html_printf(b, "<span class=\"warn warn-%s\">%s</span>", warn_status_code[d->status],
                            warn_status_label[d->status]);
            else
                html_printf(b, "<span class=\"muted\">Ingen status</span>");
            html_printf(b, "</td><td>%s</td></tr>",
                        d->confirmed  ? "Udvalgt til nærmere dialog"
                        : d->selected ? "Foreslået"
                                      : "–");
        }
        html_printf(b, "</tbody></table></div>");
    }
    html_printf(b, "</section>\n");
    html_printf(
        b,
        "<section aria-labelledby=\"h-mere\"><h2 id=\"h-mere\">Udvælgelse, mål og dokumentation</h2>"
        "<ul class=\"plan-links\"><li><a href=\"/styringsdialog/%D/udvaelgelse\">Udvælgelse af afdelinger til "
        "nærmere dialog og SWOT</a></li><li><a href=\"/styringsdialog/%D/maal\">Mål for det kommende år og "
        "opfølgning på sidste års mål</a></li><li><a href=\"/styringsdialog/%D/pakke\">Dokumentationspakken "
        "(PDF og HTML)</a></li><li><a href=\"/styringsdialog/definitioner?org=%D&amp;aar=%d\">Boligorganisationens "
        "definitioner af de fire spørgsmål</a></li></ul>",
        g->id, g->id, g->id, g->org_no, g->year);
    if (g->state == DS_MEETING_HELD || g->state == DS_PUBLISHED)
        html_printf(b, "<h3>Referat af mødet %s</h3><p class=\"dlg-text\">%s</p>", plans_date(req, g->meeting_date),
                    g->minutes);
    html_printf(b, "</section>\n");
    page_end(req, status);
}

void page_dialogue(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    dialogue_page(req, &g, NULL, 200);
}

void page_dialogue_transition(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    const char *to = plans_field(req, "to");
    int s = to ? plan_enum_find(dlg_state_code, DS_COUNT, to) : -1;
    if (s < 0) {
        http_error(req, 400, "bad_request", "Vælg det næste skridt. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    /* A step that belongs to the other side: visible but not allowed. */
    const principal *p = web_principal(req);
    for (size_t i = 0; i < dlg_ntransitions; i++) {
        const dlg_transition_rule *t = &dlg_transitions[i];
        if (t->from == g.state && (int)t->to == s && !dlg_is_side(p, &g, t->side)) {
            http_error(req, 403, "forbidden",
                       t->side == SIDE_MUNICIPALITY ? "Kun kommunen kan tage dette skridt i styringsdialogen."
                                                    : "Kun boligorganisationen kan tage dette skridt i "
                                                      "styringsdialogen.",
                       NULL);
            return;
        }
    }
    hh_error e = { 0 };
    hh_err rc = dlg_transition(req->db, p, &req->a, g.id, (dlg_state)s, NULL, plans_field(req, "comment"),
                               plans_field(req, "meeting_date"), plans_field(req, "minutes"), &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        dialogue_page(req, &g, &e, 422);
        return;
    }
    if (rc) {
        dlg_web_fail(req, rc, &e, "moving a dialogue");
        return;
    }
    web_audit(req, arena_printf(&req->a, "dialogue.%s", dlg_state_code[s]), "dialogue",
              arena_printf(&req->a, "%lld", (long long)g.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/styringsdialog/%lld?gemt=1", (long long)g.id));
}

void page_dialogue_summary_post(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    const char *s = plans_field(req, "summary");
    hh_error e = { 0 };
    hh_err rc = dlg_summary_put(req->db, web_principal(req), g.id, s ? s : "", &e);
    if (rc == HH_ERR_INPUT) {
        dialogue_page(req, &g, &e, 422);
        return;
    }
    if (rc) {
        dlg_web_fail(req, rc, &e, "saving a summary");
        return;
    }
    web_audit(req, "dialogue.summary", "dialogue", arena_printf(&req->a, "%lld", (long long)g.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/styringsdialog/%lld?gemt=resume#h-resume", (long long)g.id));
}

/* ---- the organisation's definitions ---- */

static int64_t definitions_org(http_req *req)
{
    const char *s = req->method && strcmp(req->method, "POST") == 0 ? plans_field(req, "org") : http_query(req, "org");
    int64_t org = 0;
    if (s && *s && hh_parse_int64(s, strlen(s), &org) && org > 0)
        return org;
    const char *mine = dlg_web_scope(req, ROLE_ORGANISATION);
    if (mine && hh_parse_int64(mine, strlen(mine), &org))
        return org;
    return 0;
}

static void definitions_page(http_req *req, int64_t org, const hh_error *err, int err_q, int status)
{
    int year = dlg_web_year(req);
    const char *ys = req->method && strcmp(req->method, "POST") == 0 ? plans_field(req, "year_from") : NULL;
    dlg_definition cur[DLG_QUESTIONS];
    hh_error e;
    hh_err rc = org ? dlg_definitions(req->db, web_principal(req), &req->a, org, year, cur, &e) : HH_ERR_NOTFOUND;
    if (rc) {
        dlg_web_fail(req, rc, &e, "reading definitions");
        return;
    }
    /* Earlier texts: the definitions in force in each of the last years. */
    static const crumb crumbs[] = { { "/", "Forside" },
                                    { "/styringsdialog", "Styringsdialog" },
                                    { NULL, "Definitioner" } };
    page pg = { .title = "Definitioner af de fire spørgsmål", .nav = "dialogue", .crumbs = crumbs, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Definitioner af de fire spørgsmål</h1>\n<p class=\"lead\">Boligorganisationen aftaler selv, "
                   "hvad der skal til for at svare ja på de fire spørgsmål. Definitionerne gælder fra et år og "
                   "genbruges, til de ændres. De står ved spørgsmålene på afdelingsarkene.</p>\n");
    if (http_query(req, "gemt") && !err)
        notice(req, "ok", "Definitionen er gemt.");
    if (has_role(req, ROLE_ADMIN) || !has_role(req, ROLE_ORGANISATION)) {
        /* The other readers choose the organisation among this year's pairs. */
        dlg_filter f = { .year = year, .state = -1 };
        dlg_summary *rows;
        size_t n = 0;
        if (dlg_list(req->db, web_principal(req), &req->a, &f, &rows, &n, &e))
            n = 0;
        html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/styringsdialog/definitioner\"><div><label "
                       "for=\"f-org\">Boligorganisation</label><select id=\"f-org\" name=\"org\">");
        for (size_t i = 0; i < n; i++) {
            bool dup = false;
            for (size_t k = 0; k < i && !dup; k++)
                dup = rows[k].org_no == rows[i].org_no;
            if (!dup)
                html_printf(b, "<option value=\"%D\"%r>%s</option>", rows[i].org_no,
                            rows[i].org_no == org ? " selected" : "", rows[i].org_name);
        }
        html_printf(b,
                    "</select></div><input type=\"hidden\" name=\"aar\" value=\"%d\"><button "
                    "type=\"submit\">Vis</button></form>\n",
                    year);
    }
    bool may = has_role(req, ROLE_ORGANISATION) || has_role(req, ROLE_ADMIN);
    for (int q = 0; q < DLG_QUESTIONS; q++) {
        const dlg_definition *d = &cur[q];
        dlg_item item = (dlg_item)(DLG_FIRST_QUESTION + q);
        const char *code = dlg_item_code[item];
        bool mine = err && err_q == q;
        html_printf(b,
                    "<section class=\"card dlg-definition\" id=\"q-%s\" aria-labelledby=\"h-q-%s\"><h2 id=\"h-q-%s\">"
                    "%s</h2><p class=\"dlg-prompt\">%s</p>",
                    code, code, code, dlg_item_label[item], dlg_question_prompt[q]);
        if (d->text && *d->text)
            html_printf(b, "<p class=\"muted\">Gældende fra %d%r</p>", d->year_from,
                        d->user_name && *d->user_name ? arena_printf(&req->a, " · %s", d->user_name) : "");
        if (may) {
            form_open(req, "/styringsdialog/definitioner", "plan-form");
            const char *tid = arena_printf(&req->a, "text-%s", code), *yid = arena_printf(&req->a, "year-%s", code);
            const char *text = mine ? plans_field(req, "text") : d->text;
            const char *yv = mine && ys ? ys : arena_printf(&req->a, "%d", d->text && *d->text ? d->year_from : year);
            bool bad_t = mine && strcmp(err->field, "year_from") != 0;
            bool bad_y = mine && !bad_t;
            html_printf(b,
                        "<input type=\"hidden\" name=\"org\" value=\"%D\"><input type=\"hidden\" name=\"question\" "
                        "value=\"%s\"><div class=\"field%r\"><label for=\"%s\">Definition</label><textarea id=\"%s\" "
                        "name=\"text\" rows=\"4\"%r>%s</textarea>",
                        org, code, bad_t ? " invalid" : "", tid, tid,
                        bad_t ? arena_printf(&req->a, " aria-invalid=\"true\" aria-describedby=\"%s-fejl\"", tid) : "",
                        text ? text : "");
            if (bad_t)
                html_printf(b, "<p class=\"field-error\" id=\"%s-fejl\">%s</p>", tid, err->msg);
            html_printf(b,
                        "</div><div class=\"field%r\"><label for=\"%s\">Gælder fra år</label><input id=\"%s\" "
                        "name=\"year_from\" type=\"number\" min=\"2000\" max=\"2100\" value=\"%s\"%r>",
                        bad_y ? " invalid" : "", yid, yid, yv ? yv : "",
                        bad_y ? arena_printf(&req->a, " aria-invalid=\"true\" aria-describedby=\"%s-fejl\"", yid) : "");
            if (bad_y)
                html_printf(b, "<p class=\"field-error\" id=\"%s-fejl\">%s</p>", yid, err->msg);
            html_printf(b,
                        "</div><button type=\"submit\">Gem definitionen<span class=\"sr-only\"> af %s</span>"
                        "</button></form>",
                        dlg_item_label[item]);
        } else if (d->text && *d->text) {
            html_printf(b, "<p class=\"dlg-text\">%s</p>", d->text);
        } else {
            html_printf(b, "<p class=\"empty\">Ingen definition endnu.</p>");
        }
        /* History: what was in force in earlier years, when it differed. */
        const char *last = d->text;
        int last_from = d->year_from;
        bool opened = false;
        for (int y = (d->year_from ? d->year_from : year) - 1; y >= year - 10 && y >= 2000; y--) {
            dlg_definition old[DLG_QUESTIONS];
            if (dlg_definitions(req->db, web_principal(req), &req->a, org, y, old, &e))
                break;
            if (!old[q].text || !*old[q].text)
                break;
            if (old[q].year_from == last_from && last && strcmp(old[q].text, last) == 0)
                continue;
            if (!opened)
                html_printf(b, "<details class=\"history\"><summary>Tidligere definitioner</summary><ul>");
            opened = true;
            html_printf(b, "<li><strong>Fra %d:</strong> %s</li>", old[q].year_from, old[q].text);
            last = old[q].text;
            last_from = old[q].year_from;
            y = old[q].year_from;
        }
        if (opened)
            html_printf(b, "</ul></details>");
        html_printf(b, "</section>\n");
    }
    page_end(req, status);
}

void page_dialogue_definitions(http_req *req)
{
    int64_t org = definitions_org(req);
    if (!org) {
        /* Admin without ?org: the organisations of this year's pairs. */
        dlg_filter f = { .year = dlg_web_year(req), .state = -1 };
        dlg_summary *rows;
        size_t n = 0;
        hh_error e;
        hh_err rc = dlg_list(req->db, web_principal(req), &req->a, &f, &rows, &n, &e);
        if (rc) {
            dlg_web_fail(req, rc, &e, "listing dialogues");
            return;
        }
        if (!n) {
            http_error(req, 404, "not_found", "Vælg en boligorganisation.", NULL);
            return;
        }
        org = rows[0].org_no;
    }
    definitions_page(req, org, NULL, -1, 200);
}

void page_dialogue_definition_post(http_req *req)
{
    int64_t org = definitions_org(req);
    const char *qs = plans_field(req, "question"), *text = plans_field(req, "text"),
               *ys = plans_field(req, "year_from");
    int item = qs ? plan_enum_find(dlg_item_code, DI_COUNT, qs) : -1;
    int q = item - (int)DLG_FIRST_QUESTION;
    if (!org || q < 0 || q >= DLG_QUESTIONS) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    int year_from = 0;
    hh_error e = { 0 };
    hh_err rc = HH_OK;
    if (!text || !*text)
        rc = hh_fail(&e, HH_ERR_INPUT, "text", "Definition skal udfyldes.");
    else if (!ys || !hh_parse_int(ys, 2000, 2100, &year_from))
        rc = hh_fail(&e, HH_ERR_INPUT, "year_from", "Gælder fra år skal være et årstal, fx 2026.");
    if (!rc)
        rc = dlg_definition_put(req->db, web_principal(req), org, q, year_from, text, &e);
    if (rc == HH_ERR_INPUT) {
        definitions_page(req, org, &e, q, 422);
        return;
    }
    if (rc) {
        dlg_web_fail(req, rc, &e, "saving a definition");
        return;
    }
    web_audit(req, "dialogue.definition", "organisation", arena_printf(&req->a, "%lld", (long long)org), "ok");
    http_redirect(req, 303,
                  arena_printf(&req->a, "/styringsdialog/definitioner?org=%lld&aar=%d&gemt=1#q-%s", (long long)org,
                               year_from, dlg_item_code[item]));
}
