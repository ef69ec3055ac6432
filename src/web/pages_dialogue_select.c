/* pages_dialogue_select.c - the selection of departments for closer review
 * (proposed from data by the rules, confirmed by the organisation, added by
 * hand, a SWOT per confirmed department) and the goals for the coming year
 * with last year's follow-up (target against actual). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "web/auth_web.h"
#include "web/dialogue_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"

static bool form_id(http_req *req, const char *name, int64_t *id)
{
    const char *s = plans_field(req, name);
    return s && hh_parse_int64(s, strlen(s), id) && *id > 0;
}

static const dlg_department *dept_by_id(const dialogue *g, int64_t id)
{
    for (size_t i = 0; i < g->ndepartments; i++)
        if (g->departments[i].id == id)
            return &g->departments[i];
    return NULL;
}

/* ---- selection ---- */

static const char *const swot_code[4] = { "strengths", "weaknesses", "opportunities", "threats" };
static const char *const swot_label[4] = { "Styrker", "Svagheder", "Muligheder", "Trusler" };

static const char **swot_field(dlg_selection *s, int k)
{
    switch (k) {
    case 0: return &s->strengths;
    case 1: return &s->weaknesses;
    case 2: return &s->opportunities;
    default: return &s->threats;
    }
}

static void selection_page(http_req *req, const dialogue *g, const hh_error *err, int64_t err_dept, int status)
{
    dlg_selection *sel;
    size_t n = 0;
    hh_error e;
    hh_err rc = dlg_selections(req->db, web_principal(req), &req->a, g->id, &sel, &n, &e);
    if (rc) {
        dlg_web_fail(req, rc, &e, "reading the selection");
        return;
    }
    bool edit = dlg_may_edit(web_principal(req), g);
    dlg_web_begin(req, g, "Udvælgelse og SWOT", "udvaelgelse");
    buf *b = &req->out;
    const char *ok = http_query(req, "gemt");
    if (ok && !err)
        notice(req, "ok", strcmp(ok, "forslag") == 0 ? "Forslaget er opdateret ud fra data." : "Udvælgelsen er gemt.");
    if (err && err->msg[0])
        html_printf(b,
                    "<div id=\"besked\" class=\"notice notice-error\" role=\"alert\"><p><strong>Ikke gemt.</strong> "
                    "%s</p><p>Det, du har skrevet, står stadig i formularen.</p></div>\n",
                    err->msg);
    html_printf(b, "<p class=\"lead\">Afdelinger, som data peger på – status i den tidlige varsling, en områdeliste "
                   "eller nøgletal, der udvikler sig klart i forkert retning – foreslås til nærmere dialog. "
                   "Boligorganisationen bekræfter udvælgelsen og skriver en SWOT for hver udvalgt afdeling.</p>\n");
    const char *base = arena_printf(&req->a, "/styringsdialog/%lld/udvaelgelse", (long long)g->id);
    if (edit) {
        form_open(req, arena_printf(&req->a, "%s/forslag", base), "inline dlg-propose");
        html_printf(b, "<button type=\"submit\">Foreslå ud fra data</button></form>\n");
    }
    if (!n) {
        html_printf(b, "<p class=\"empty\">Ingen afdelinger er foreslået eller udvalgt endnu.</p>\n");
    } else {
        if (edit)
            form_open(req, base, "dlg-confirm");
        html_printf(b, "<div class=\"table-wrap\"><table class=\"data dlg-selection\"><caption>Foreslåede og udvalgte "
                       "afdelinger</caption><thead><tr><th scope=\"col\">Afdeling</th><th scope=\"col\">Hvorfor</th>"
                       "<th scope=\"col\">Bekræftet</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            const dlg_selection *s = &sel[i];
            html_printf(b, "<tr><th scope=\"row\"><a href=\"/styringsdialog/%D/afdelinger/%s\">%s %s</a></th><td>",
                        g->id, s->key, s->key, s->name);
            if (s->proposed && s->reasons && *s->reasons) {
                const char **lines;
                size_t nl = plans_lines(req, s->reasons, &lines);
                html_printf(b, "<ul class=\"reasons\">");
                for (size_t k = 0; k < nl; k++)
                    html_printf(b, "<li>%s</li>", lines[k]);
                html_printf(b, "</ul>");
            } else {
                html_printf(b, "<span class=\"muted\">Tilføjet manuelt</span>");
            }
            for (int r = 0; r < DR_COUNT; r++)
                if (s->rules & (1u << r))
                    html_printf(b, "<span class=\"dlg-rule dlg-rule-%s\">%s</span> ", dlg_rule_code[r],
                                dlg_rule_label[r]);
            html_printf(b, "</td><td>");
            if (edit)
                html_printf(b,
                            "<label><input type=\"checkbox\" name=\"confirm\" value=\"%D\"%r> Udvalgt<span "
                            "class=\"sr-only\"> %s</span></label>",
                            s->department_id, s->confirmed ? " checked" : "", s->name);
            else
                html_printf(b, "%s", s->confirmed ? "Udvalgt" : "Ikke bekræftet");
            if (s->confirmed && s->confirmed_by && *s->confirmed_by)
                html_printf(b, " <span class=\"muted\">(%s)</span>", s->confirmed_by);
            html_printf(b, "</td></tr>");
        }
        html_printf(b, "</tbody></table></div>\n");
        if (edit)
            html_printf(b, "<input type=\"hidden\" name=\"action\" value=\"confirm\"><p class=\"actions\"><button "
                           "type=\"submit\">Bekræft udvælgelsen</button></p></form>\n");
    }
    if (edit) {
        html_printf(b, "<details class=\"add\"%r><summary>Tilføj en afdeling manuelt</summary>",
                    err && err_dept == 0 ? " open" : "");
        form_open(req, base, "grid-form");
        html_printf(b, "<input type=\"hidden\" name=\"action\" value=\"add\"><div><label for=\"add-dept\">Afdeling"
                       "</label><select id=\"add-dept\" name=\"department\">");
        for (size_t i = 0; i < g->ndepartments; i++) {
            bool in = false;
            for (size_t k = 0; k < n && !in; k++)
                in = sel[k].department_id == g->departments[i].id;
            if (!in)
                html_printf(b, "<option value=\"%D\">%s %s</option>", g->departments[i].id, g->departments[i].key,
                            g->departments[i].name);
        }
        html_printf(b, "</select></div><div class=\"actions\"><button type=\"submit\">Tilføj</button></div></form>"
                       "</details>\n");
    }

    /* SWOT per confirmed department. */
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        dlg_selection *s = &sel[i];
        if (!s->confirmed)
            continue;
        if (!any)
            html_printf(b, "<h2 id=\"swot\">SWOT for de udvalgte afdelinger</h2>\n");
        any = true;
        bool mine = err && err_dept == s->department_id;
        const char *sid = arena_printf(&req->a, "swot-%lld", (long long)s->department_id);
        html_printf(b, "<section class=\"card dlg-swot\" id=\"%s\" aria-labelledby=\"h-%s\"><h3 id=\"h-%s\">%s %s</h3>",
                    sid, sid, sid, s->key, s->name);
        if (edit) {
            form_open(req, base, "plan-form");
            html_printf(b,
                        "<input type=\"hidden\" name=\"action\" value=\"swot\"><input type=\"hidden\" "
                        "name=\"department\" value=\"%D\"><div class=\"swot-fields\">",
                        s->department_id);
            for (int k = 0; k < 4; k++) {
                const char *id = arena_printf(&req->a, "%s-%s", sid, swot_code[k]);
                const char *v = mine ? plans_field(req, swot_code[k]) : *swot_field(s, k);
                bool bad = mine && strcmp(err->field, swot_code[k]) == 0;
                html_printf(b,
                            "<div class=\"field%r\"><label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" "
                            "rows=\"4\"%r>%s</textarea>",
                            bad ? " invalid" : "", id, swot_label[k], id, swot_code[k],
                            bad ? arena_printf(&req->a, " aria-invalid=\"true\" aria-describedby=\"%s-fejl\"", id) : "",
                            v ? v : "");
                if (bad)
                    html_printf(b, "<p class=\"field-error\" id=\"%s-fejl\">%s</p>", id, err->msg);
                html_printf(b, "</div>");
            }
            html_printf(b,
                        "</div><button type=\"submit\">Gem SWOT<span class=\"sr-only\"> for %s</span></button>"
                        "</form>",
                        s->name);
            form_open(req, arena_printf(&req->a, "%s/slet", base), "inline dlg-remove");
            html_printf(b,
                        "<input type=\"hidden\" name=\"department\" value=\"%D\"><button type=\"submit\" "
                        "class=\"link\">Fjern fra udvælgelsen<span class=\"sr-only\"> %s</span></button></form>",
                        s->department_id, s->name);
        } else {
            html_printf(b, "<div class=\"swot\">");
            static const char *const cls[4] = { "swot-s", "swot-w", "swot-o", "swot-t" };
            for (int k = 0; k < 4; k++) {
                const char *v = *swot_field(s, k);
                html_printf(b, "<div class=\"%s\"><h4>%s</h4><p class=\"dlg-text\">%s</p></div>", cls[k], swot_label[k],
                            v && *v ? v : "–");
            }
            html_printf(b, "</div>");
        }
        html_printf(b, "</section>\n");
    }
    page_end(req, status);
}

void page_dialogue_selection(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    selection_page(req, &g, NULL, -1, 200);
}

void page_dialogue_propose(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    hh_error e = { 0 };
    hh_err rc = dlg_propose(req->db, web_principal(req), &req->a, g.id, &e);
    if (rc == HH_ERR_INPUT) {
        selection_page(req, &g, &e, -1, 422);
        return;
    }
    if (rc) {
        dlg_web_fail(req, rc, &e, "proposing a selection");
        return;
    }
    web_audit(req, "dialogue.propose", "dialogue", arena_printf(&req->a, "%lld", (long long)g.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/styringsdialog/%lld/udvaelgelse?gemt=forslag", (long long)g.id));
}

void page_dialogue_selection_post(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    const char *action = plans_field(req, "action");
    if (!action) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    dlg_selection *sel;
    size_t n = 0;
    hh_error e = { 0 };
    hh_err rc = dlg_selections(req->db, web_principal(req), &req->a, g.id, &sel, &n, &e);
    if (rc) {
        dlg_web_fail(req, rc, &e, "reading the selection");
        return;
    }
    int64_t dept = 0;
    const char *anchor = "";
    if (strcmp(action, "confirm") == 0) {
        const char **ids;
        size_t nids = plans_form_all(req, "confirm", &ids);
        for (size_t i = 0; i < n && !rc; i++) {
            bool on = false;
            for (size_t k = 0; k < nids && !on; k++) {
                int64_t id;
                on = hh_parse_int64(ids[k], strlen(ids[k]), &id) && id == sel[i].department_id;
            }
            if (on == sel[i].confirmed)
                continue;
            sel[i].confirmed = on;
            rc = dlg_selection_put(req->db, web_principal(req), g.id, &sel[i], &e);
        }
        anchor = "#swot";
    } else if (strcmp(action, "add") == 0 || strcmp(action, "swot") == 0) {
        if (!form_id(req, "department", &dept)) {
            http_error(req, 400, "bad_request", "Vælg en afdeling.", NULL);
            return;
        }
        if (!dept_by_id(&g, dept)) {
            http_error(req, 404, "not_found", "Afdelingen er ikke med i styringsdialogen.", NULL);
            return;
        }
        dlg_selection s = { .department_id = dept,
                            .confirmed = true,
                            .reasons = "",
                            .strengths = "",
                            .weaknesses = "",
                            .opportunities = "",
                            .threats = "" };
        for (size_t i = 0; i < n; i++)
            if (sel[i].department_id == dept)
                s = sel[i];
        if (strcmp(action, "swot") == 0) {
            for (int k = 0; k < 4; k++) {
                const char *v = http_form(req, swot_code[k]);
                *swot_field(&s, k) = v ? v : "";
            }
            anchor = arena_printf(&req->a, "#swot-%lld", (long long)dept);
        } else {
            s.confirmed = true;
            anchor = "#swot";
        }
        rc = dlg_selection_put(req->db, web_principal(req), g.id, &s, &e);
    } else {
        http_error(req, 400, "bad_request", "Ukendt handling. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    if (rc == HH_ERR_INPUT) {
        selection_page(req, &g, &e, strcmp(action, "add") == 0 ? 0 : dept, 422);
        return;
    }
    if (rc) {
        dlg_web_fail(req, rc, &e, "saving the selection");
        return;
    }
    web_audit(req, "dialogue.selection", "dialogue", arena_printf(&req->a, "%lld", (long long)g.id), "ok");
    http_redirect(req, 303,
                  arena_printf(&req->a, "/styringsdialog/%lld/udvaelgelse?gemt=1%s", (long long)g.id, anchor));
}

void page_dialogue_selection_delete(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    int64_t dept;
    if (!form_id(req, "department", &dept)) {
        http_error(req, 400, "bad_request", "Vælg en afdeling.", NULL);
        return;
    }
    /* Two steps: removing a confirmed department deletes its SWOT. */
    if (!http_form(req, "confirm")) {
        const dlg_department *d = dept_by_id(&g, dept);
        if (!d) {
            http_error(req, 404, "not_found", "Afdelingen er ikke med i styringsdialogen.", NULL);
            return;
        }
        dlg_web_begin(req, &g, "Fjern fra udvælgelsen", "udvaelgelse");
        buf *b = &req->out;
        html_printf(b,
                    "<section class=\"confirm-delete\"><p>Fjern <strong>%s %s</strong> fra udvælgelsen? En SWOT for "
                    "afdelingen slettes også.</p>",
                    d->key, d->name);
        form_open(req, arena_printf(&req->a, "/styringsdialog/%lld/udvaelgelse/slet", (long long)g.id), NULL);
        html_printf(
            b,
            "<input type=\"hidden\" name=\"department\" value=\"%D\"><input type=\"hidden\" "
            "name=\"confirm\" value=\"1\"><div class=\"actions\"><button type=\"submit\" "
            "class=\"danger\">Fjern</button> <a href=\"/styringsdialog/%D/udvaelgelse#swot-%D\">Fortryd</a></div>"
            "</form></section>\n",
            dept, g.id, dept);
        page_end(req, 200);
        return;
    }
    hh_error e = { 0 };
    hh_err rc = dlg_selection_delete(req->db, web_principal(req), g.id, dept, &e);
    if (rc) {
        dlg_web_fail(req, rc, &e, "removing a selection");
        return;
    }
    http_redirect(req, 303, arena_printf(&req->a, "/styringsdialog/%lld/udvaelgelse?gemt=1", (long long)g.id));
}

/* ---- goals and follow-up ---- */

static const char *goal_on(http_req *req, const dlg_goal *gl)
{
    if (!gl->department_id)
        return "Hele boligorganisationen i kommunen";
    return arena_printf(&req->a, "%s %s", gl->department_key ? gl->department_key : "",
                        gl->department_name ? gl->department_name : "");
}

static const char *goal_target(http_req *req, const dlg_goal *gl)
{
    if (gl->kf < 0 || (size_t)gl->kf >= kf_count)
        return "Uden nøgletal";
    return arena_printf(&req->a, "%s: %s i %d", kf_catalogue[gl->kf].name_da,
                        dlg_web_kf_value(req, gl->kf, gl->target_value, false), gl->target_year);
}

typedef struct goal_form {
    const char *title, *department, *kf, *target_value, *target_year;
} goal_form;

static void goals_page(http_req *req, const dialogue *g, const goal_form *gf, const hh_error *err, int64_t err_goal,
                       int status)
{
    dlg_goal *goals;
    dlg_followup *fu;
    size_t n = 0, nf = 0;
    hh_error e;
    hh_err rc = dlg_goals(req->db, web_principal(req), &req->a, g->id, &goals, &n, &e);
    if (!rc)
        rc = dlg_followups(req->db, web_principal(req), &req->a, g->id, &fu, &nf, &e);
    if (rc) {
        dlg_web_fail(req, rc, &e, "reading goals");
        return;
    }
    const principal *p = web_principal(req);
    bool edit = dlg_may_edit(p, g);
    bool add = edit || (g->state == DS_SUBMITTED && dlg_is_side(p, g, SIDE_MUNICIPALITY));
    dlg_web_begin(req, g, "Mål og opfølgning", "maal");
    buf *b = &req->out;
    if (http_query(req, "gemt") && !err)
        notice(req, "ok", "Gemt.");
    if (err && err->msg[0])
        html_printf(b,
                    "<div id=\"besked\" class=\"notice notice-error\" role=\"alert\"><p><strong>Ikke gemt.</strong> "
                    "%s</p><p>Det, du har skrevet, står stadig i formularen.</p></div>\n",
                    err->msg);
    const char *base = arena_printf(&req->a, "/styringsdialog/%lld", (long long)g->id);

    html_printf(b, "<section aria-labelledby=\"h-maal\"><h2 id=\"h-maal\">Mål for %d</h2>", g->year + 1);
    if (!n) {
        html_printf(b, "<p class=\"empty\">Ingen mål endnu.</p>");
    } else {
        html_printf(b,
                    "<div class=\"table-wrap\"><table class=\"data dlg-goals\"><caption>%zu mål</caption><thead><tr>"
                    "<th scope=\"col\">Mål</th><th scope=\"col\">Gælder</th><th scope=\"col\">Nøgletal og "
                    "målværdi</th>%r</tr></thead><tbody>",
                    n, add ? "<th scope=\"col\"><span class=\"sr-only\">Handling</span></th>" : "");
        for (size_t i = 0; i < n; i++) {
            html_printf(b, "<tr id=\"g-%D\"><th scope=\"row\">%s</th><td>%s</td><td>%s</td>", goals[i].id,
                        goals[i].title, goal_on(req, &goals[i]), goal_target(req, &goals[i]));
            if (add) {
                html_printf(b, "<td>");
                form_open(req, arena_printf(&req->a, "%s/maal/slet", base), "inline");
                html_printf(b,
                            "<input type=\"hidden\" name=\"id\" value=\"%D\"><button type=\"submit\" class=\"link\">"
                            "Slet<span class=\"sr-only\"> målet %s</span></button></form></td>",
                            goals[i].id, goals[i].title);
            }
            html_printf(b, "</tr>");
        }
        html_printf(b, "</tbody></table></div>");
    }
    if (add) {
        goal_form empty = { 0 };
        if (!gf)
            gf = &empty;
        html_printf(b, "<h3 id=\"nyt-maal\">Nyt mål</h3>");
        form_open(req, arena_printf(&req->a, "%s/maal", base), "plan-form dlg-goal-form");
        bool bad_title = err && err_goal == 0 && strcmp(err->field, "title") == 0;
        html_printf(b,
                    "<div class=\"field%r\"><label for=\"title\">Mål</label><input id=\"title\" name=\"title\" "
                    "type=\"text\" value=\"%s\"%r>",
                    bad_title ? " invalid" : "", gf->title ? gf->title : "",
                    bad_title ? " aria-invalid=\"true\" aria-describedby=\"title-fejl\"" : "");
        if (bad_title)
            html_printf(b, "<p class=\"field-error\" id=\"title-fejl\">%s</p>", err->msg);
        html_printf(b, "</div><div class=\"field\"><label for=\"department\">Gælder</label><select id=\"department\" "
                       "name=\"department\"><option value=\"\">Hele boligorganisationen i kommunen</option>");
        for (size_t i = 0; i < g->ndepartments; i++) {
            const dlg_department *d = &g->departments[i];
            const char *v = arena_printf(&req->a, "%lld", (long long)d->id);
            html_printf(b, "<option value=\"%s\"%r>%s %s%r</option>", v,
                        gf->department && strcmp(gf->department, v) == 0 ? " selected" : "", d->key, d->name,
                        d->confirmed ? " (udvalgt)" : "");
        }
        bool bad_kf = err && err_goal == 0 && (strcmp(err->field, "key_figure") == 0 || strcmp(err->field, "kf") == 0);
        html_printf(b,
                    "</select></div><div class=\"field%r\"><label for=\"key_figure\">Nøgletal (valgfrit)</label>"
                    "<select id=\"key_figure\" name=\"key_figure\"%r><option value=\"\">Intet nøgletal</option>",
                    bad_kf ? " invalid" : "",
                    bad_kf ? " aria-invalid=\"true\" aria-describedby=\"key_figure-fejl\"" : "");
        for (size_t k = 0; k < kf_count; k++)
            html_printf(b, "<option value=\"%s\"%r>%s</option>", kf_catalogue[k].code,
                        gf->kf && strcmp(gf->kf, kf_catalogue[k].code) == 0 ? " selected" : "",
                        kf_catalogue[k].name_da);
        html_printf(b, "</select>");
        if (bad_kf)
            html_printf(b, "<p class=\"field-error\" id=\"key_figure-fejl\">%s</p>", err->msg);
        bool bad_tv = err && err_goal == 0 && strcmp(err->field, "target_value") == 0;
        bool bad_ty = err && err_goal == 0 && strcmp(err->field, "target_year") == 0;
        html_printf(b,
                    "</div><div class=\"field%r\"><label for=\"target_value\">Målværdi (når et nøgletal er valgt)"
                    "</label><input id=\"target_value\" name=\"target_value\" type=\"text\" inputmode=\"decimal\" "
                    "value=\"%s\"%r>",
                    bad_tv ? " invalid" : "", gf->target_value ? gf->target_value : "",
                    bad_tv ? " aria-invalid=\"true\" aria-describedby=\"target_value-fejl\"" : "");
        if (bad_tv)
            html_printf(b, "<p class=\"field-error\" id=\"target_value-fejl\">%s</p>", err->msg);
        html_printf(b,
                    "</div><div class=\"field%r\"><label for=\"target_year\">Målår</label><input id=\"target_year\" "
                    "name=\"target_year\" type=\"number\" min=\"2000\" max=\"2100\" value=\"%s\"%r>",
                    bad_ty ? " invalid" : "",
                    gf->target_year ? gf->target_year : arena_printf(&req->a, "%d", g->year + 1),
                    bad_ty ? " aria-invalid=\"true\" aria-describedby=\"target_year-fejl\"" : "");
        if (bad_ty)
            html_printf(b, "<p class=\"field-error\" id=\"target_year-fejl\">%s</p>", err->msg);
        html_printf(b, "</div><button type=\"submit\">Tilføj mål</button></form>");
    }
    html_printf(b, "</section>\n");

    /* Last year's goals, followed up. */
    html_printf(b, "<section aria-labelledby=\"h-opf\"><h2 id=\"h-opf\">Opfølgning på målene fra %d</h2>", g->year - 1);
    if (!nf) {
        html_printf(b, "<p class=\"empty\">Der var ingen mål fra sidste års styringsdialog.</p>");
    } else {
        bool fedit = edit && dlg_is_side(p, g, SIDE_ORGANISATION);
        html_printf(b, "<ul class=\"dlg-followups\">");
        for (size_t i = 0; i < nf; i++) {
            const dlg_followup *f = &fu[i];
            html_printf(b,
                        "<li class=\"card\" id=\"f-%D\"><h3>%s <span class=\"goal dgoal-%s\">%s</span></h3><p>%s · %s"
                        "</p>",
                        f->goal.id, f->goal.title, dlg_goal_status_code[f->status], dlg_goal_status_label[f->status],
                        goal_on(req, &f->goal), goal_target(req, &f->goal));
            if (f->goal.kf >= 0 && isnan(f->actual) && !f->suppressed)
                html_printf(b, "<p>Faktisk: <span class=\"muted\">ingen tal for målåret endnu</span></p>");
            else if (f->goal.kf >= 0)
                html_printf(b, "<p>Faktisk: <strong>%s</strong>%r</p>",
                            dlg_web_kf_value(req, f->goal.kf, f->actual, f->suppressed),
                            f->actual_year ? arena_printf(&req->a, " (%d)", f->actual_year) : "");
            if (fedit) {
                bool mine = err && err_goal == f->goal.id;
                const char *v = mine ? plans_field(req, "follow_up") : f->goal.follow_up;
                const char *id = arena_printf(&req->a, "fu-%lld", (long long)f->goal.id);
                form_open(req, arena_printf(&req->a, "%s/opfoelgning", base), "plan-form");
                html_printf(b,
                            "<input type=\"hidden\" name=\"id\" value=\"%D\"><div class=\"field%r\"><label "
                            "for=\"%s\">Opfølgning</label><textarea id=\"%s\" name=\"follow_up\" rows=\"3\"%r>%s"
                            "</textarea>",
                            f->goal.id, mine ? " invalid" : "", id, id,
                            mine ? arena_printf(&req->a, " aria-invalid=\"true\" aria-describedby=\"%s-fejl\"", id)
                                 : "",
                            v ? v : "");
                if (mine)
                    html_printf(b, "<p class=\"field-error\" id=\"%s-fejl\">%s</p>", id, err->msg);
                html_printf(b,
                            "</div><button type=\"submit\" class=\"secondary\">Gem opfølgning<span "
                            "class=\"sr-only\"> på %s</span></button></form>",
                            f->goal.title);
            } else if (f->goal.follow_up && *f->goal.follow_up) {
                html_printf(b, "<p class=\"dlg-text\">%s</p>", f->goal.follow_up);
            }
            html_printf(b, "</li>");
        }
        html_printf(b, "</ul>");
    }
    html_printf(b, "</section>\n");
    page_end(req, status);
}

void page_dialogue_goals(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    goals_page(req, &g, NULL, NULL, -1, 200);
}

void page_dialogue_goal_post(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    goal_form f = { plans_field(req, "title"), plans_field(req, "department"), plans_field(req, "key_figure"),
                    plans_field(req, "target_value"), plans_field(req, "target_year") };
    dlg_goal gl = { .dialogue_id = g.id, .kf = -1, .baseline_value = NAN, .target_value = NAN, .follow_up = "" };
    hh_error e = { 0 };
    hh_err rc = HH_OK;
    gl.title = f.title ? f.title : "";
    if (!*gl.title)
        rc = hh_fail(&e, HH_ERR_INPUT, "title", "Mål skal udfyldes.");
    if (!rc && f.department && *f.department) {
        if (!hh_parse_int64(f.department, strlen(f.department), &gl.department_id) || !dept_by_id(&g, gl.department_id))
            rc = hh_fail(&e, HH_ERR_INPUT, "department", "Vælg en afdeling i styringsdialogen.");
    }
    if (!rc && f.kf && *f.kf) {
        gl.kf = kf_find(f.kf);
        if (gl.kf < 0)
            rc = hh_fail(&e, HH_ERR_INPUT, "key_figure", "Vælg et nøgletal fra kataloget.");
        else if (!f.target_value || !plans_parse_num(f.target_value, &gl.target_value))
            rc = hh_fail(&e, HH_ERR_INPUT, "target_value", "Målværdi skal være et tal, fx 10,5.");
    } else if (!rc && f.target_value && *f.target_value) {
        rc = hh_fail(&e, HH_ERR_INPUT, "key_figure", "Vælg det nøgletal, målværdien gælder.");
    }
    if (!rc && f.target_year && *f.target_year && !hh_parse_int(f.target_year, 2000, 2100, &gl.target_year))
        rc = hh_fail(&e, HH_ERR_INPUT, "target_year", "Målår skal være et årstal, fx %d.", g.year + 1);
    if (!rc)
        rc = dlg_goal_put(req->db, web_principal(req), &req->a, &gl, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        goals_page(req, &g, &f, &e, 0, 422);
        return;
    }
    if (rc) {
        dlg_web_fail(req, rc, &e, "saving a goal");
        return;
    }
    web_audit(req, "dialogue.goal", "dialogue", arena_printf(&req->a, "%lld", (long long)g.id), "ok");
    http_redirect(req, 303,
                  arena_printf(&req->a, "/styringsdialog/%lld/maal?gemt=1#g-%lld", (long long)g.id, (long long)gl.id));
}

void page_dialogue_goal_delete(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    int64_t id;
    if (!form_id(req, "id", &id)) {
        http_error(req, 400, "bad_request", "Vælg det mål, der skal slettes.", NULL);
        return;
    }
    if (!http_form(req, "confirm")) {
        dlg_goal *goals;
        size_t n = 0;
        hh_error le;
        hh_err lrc = dlg_goals(req->db, web_principal(req), &req->a, g.id, &goals, &n, &le);
        if (lrc) {
            dlg_web_fail(req, lrc, &le, "reading goals");
            return;
        }
        const dlg_goal *gl = NULL;
        for (size_t i = 0; i < n; i++)
            if (goals[i].id == id)
                gl = &goals[i];
        if (!gl) {
            http_error(req, 404, "not_found", "Målet findes ikke (længere). Genindlæs siden.", NULL);
            return;
        }
        dlg_web_begin(req, &g, "Slet mål", "maal");
        buf *b = &req->out;
        html_printf(b, "<section class=\"confirm-delete\"><p>Slet målet <strong>%s</strong>?</p>", gl->title);
        form_open(req, arena_printf(&req->a, "/styringsdialog/%lld/maal/slet", (long long)g.id), NULL);
        html_printf(b,
                    "<input type=\"hidden\" name=\"id\" value=\"%D\"><input type=\"hidden\" name=\"confirm\" "
                    "value=\"1\"><div class=\"actions\"><button type=\"submit\" class=\"danger\">Slet</button> <a "
                    "href=\"/styringsdialog/%D/maal#g-%D\">Fortryd</a></div></form></section>\n",
                    id, g.id, id);
        page_end(req, 200);
        return;
    }
    hh_error e = { 0 };
    hh_err rc = dlg_goal_delete(req->db, web_principal(req), g.id, id, &e);
    if (rc) {
        dlg_web_fail(req, rc, &e, "deleting a goal");
        return;
    }
    web_audit(req, "dialogue.goal.delete", "dialogue", arena_printf(&req->a, "%lld", (long long)g.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/styringsdialog/%lld/maal", (long long)g.id));
}

void page_dialogue_followup_post(http_req *req)
{
    dialogue g;
    if (!dlg_web_load(req, &g))
        return;
    int64_t id;
    if (!form_id(req, "id", &id)) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    dlg_followup *fu;
    size_t nf = 0;
    hh_error e = { 0 };
    hh_err rc = dlg_followups(req->db, web_principal(req), &req->a, g.id, &fu, &nf, &e);
    if (rc) {
        dlg_web_fail(req, rc, &e, "reading follow-ups");
        return;
    }
    dlg_goal *old = NULL;
    for (size_t i = 0; i < nf; i++)
        if (fu[i].goal.id == id)
            old = &fu[i].goal;
    if (!old) {
        http_error(req, 404, "not_found", "Målet findes ikke (længere). Genindlæs siden.", NULL);
        return;
    }
    const char *text = http_form(req, "follow_up");
    old->follow_up = text ? text : "";
    rc = dlg_goal_put(req->db, web_principal(req), &req->a, old, &e);
    if (rc == HH_ERR_INPUT) {
        goals_page(req, &g, NULL, &e, id, 422);
        return;
    }
    if (rc) {
        dlg_web_fail(req, rc, &e, "saving a follow-up");
        return;
    }
    web_audit(req, "dialogue.followup", "dialogue", arena_printf(&req->a, "%lld", (long long)g.id), "ok");
    http_redirect(req, 303,
                  arena_printf(&req->a, "/styringsdialog/%lld/maal?gemt=1#f-%lld", (long long)g.id, (long long)id));
}
