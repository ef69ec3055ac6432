/* pages_plans_view.c - a plan's own page: header, lifecycle timeline with
 * the transitions the reader may make, focus areas, vision, SWOT, challenge
 * types, agreements with the municipality, team and steering group, budget
 * summary, goals with progress, cooperation agreements with partners and
 * saved versions; and the plan sections of department and area pages. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "domain/keyfig.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"

static void refs(http_req *req, const plan_ref *r, size_t n, const char *base)
{
    for (size_t i = 0; i < n; i++)
        html_printf(&req->out, "%r<a href=\"%s/%s\">%s</a>", i ? ", " : "", base, r[i].key, r[i].name);
    if (!n)
        html_printf(&req->out, "<span class=\"muted\">Ingen</span>");
}

static void header(http_req *req, const plan *pl)
{
    buf *b = &req->out;
    html_printf(b, "<p class=\"plan-kind\">%s %r</p>\n<dl class=\"facts plan-facts\">", plan_type_label[pl->type],
                plans_state_badge(req, pl->state));
    html_printf(b, "<div><dt>Pulje</dt><dd>%s</dd></div>", *pl->round ? plans_round_label(pl->round) : "Ingen");
    const char *period = plans_period(req, pl->start_date, pl->end_date);
    html_printf(b, "<div><dt>Periode</dt><dd>%s</dd></div>", *period ? period : "Ikke fastlagt");
    html_printf(b, "<div><dt>Kommune</dt><dd><a href=\"/kommuner/%s\">%s</a></dd></div>", pl->municipality_code,
                pl->municipality_name);
    html_printf(b, "<div><dt>Boligorganisationer</dt><dd>");
    refs(req, pl->orgs, pl->norgs, "/organisationer");
    html_printf(b, "</dd></div><div><dt>Afdelinger</dt><dd>");
    refs(req, pl->departments, pl->ndepartments, "/afdelinger");
    html_printf(b, "</dd></div><div><dt>Boligområder</dt><dd>");
    refs(req, pl->areas, pl->nareas, "/omraader");
    html_printf(b, "</dd></div>");
    if (pl->predecessor_id)
        html_printf(b, "<div><dt>Forgænger</dt><dd><a href=\"/planer/%D\">%s</a></dd></div>", pl->predecessor_id,
                    pl->predecessor_name);
    html_printf(b, "</dl>\n");
}

/* ---- lifecycle ---- */

static void timeline(http_req *req, const plan *pl, const plan_transition *h, size_t nh, const hh_error *refusal)
{
    buf *b = &req->out;
    html_printf(b, "<section id=\"forloeb\" aria-labelledby=\"h-forloeb\"><h2 id=\"h-forloeb\">Forløb</h2>\n"
                   "<ol class=\"timeline\">");
    for (int s = 0; s < PS_COUNT; s++) {
        const plan_transition *t = NULL;
        for (size_t i = 0; i < nh; i++)
            if ((int)h[i].to == s)
                t = &h[i];
        const char *cls, *status;
        if (s == (int)pl->state) {
            cls = "current";
            status = "Nuværende";
        } else if (t) {
            cls = "done";
            status = "Gennemført";
        } else if (s < (int)pl->state) {
            cls = "skipped";
            status = "Sprunget over";
        } else {
            cls = "ahead";
            status = "Kommende";
        }
        html_printf(b,
                    "<li class=\"tl-%s\"%r><span class=\"tl-mark\" aria-hidden=\"true\"></span><span "
                    "class=\"tl-body\"><span class=\"tl-state\">%s</span> <span class=\"tl-status\">%s</span>",
                    cls, s == (int)pl->state ? " aria-current=\"step\"" : "", plan_state_label[s], status);
        if (t)
            html_printf(b, "<span class=\"tl-when\">%s · %s</span>", plans_date(req, t->effective),
                        t->user_name && *t->user_name ? t->user_name : "Systemet");
        if (t && t->note && *t->note)
            html_printf(b, "<span class=\"tl-note\">%s</span>", t->note);
        html_printf(b, "</span></li>");
    }
    html_printf(b, "</ol>\n");
    /* The whole history: abandoned plans and repeated states included. */
    html_printf(b, "<details class=\"history\"><summary>Historik (%zu ændringer)</summary><ol class=\"history-list\">",
                nh ? nh - 1 : 0);
    for (size_t i = 0; i < nh; i++) {
        if ((int)h[i].from >= PS_COUNT || (int)h[i].from < 0)
            html_printf(b, "<li class=\"created\">%s: oprettet som %s af %s", plans_date(req, h[i].effective),
                        plan_state_label[h[i].to], *h[i].user_name ? h[i].user_name : "systemet");
        else
            html_printf(b, "<li class=\"transition\">%s: %s → %s af %s", plans_date(req, h[i].effective),
                        plan_state_label[h[i].from], plan_state_label[h[i].to],
                        *h[i].user_name ? h[i].user_name : "systemet");
        if (h[i].note && *h[i].note)
            html_printf(b, " <q>%s</q>", h[i].note);
        html_printf(b, "</li>");
    }
    html_printf(b, "</ol></details>\n");
    const plan_transition_rule *next[32];
    size_t nn = plan_next(web_principal(req), pl, next);
    if (nn) {
        /* After a refused step (the page re-rendered at the POST with 422, as
         * the other forms do) the date and note stay as typed and the message
         * is repeated at the form; reloading only repeats the refusal. */
        bool refused = req->method && strcmp(req->method, "POST") == 0 && http_form(req, "to");
        const char *date = refused ? plans_field(req, "date") : NULL, *note = refused ? plans_field(req, "note") : NULL;
        form_open(req, arena_printf(&req->a, "/planer/%lld/tilstand", (long long)pl->id), "transition-form");
        html_printf(b,
                    "<fieldset><legend>Næste skridt</legend><div class=\"filters\"><div><label for=\"t-date\">Dato"
                    "</label><input id=\"t-date\" name=\"date\" type=\"date\" value=\"%s\" max=\"%s\" required%r>"
                    "</div><div class=\"grow\"><label for=\"t-note\">Note (valgfri)</label><input id=\"t-note\" "
                    "name=\"note\" type=\"text\" value=\"%s\"></div></div>",
                    date ? date : plans_today(req), plans_today(req),
                    refused && refusal && refusal->msg[0] ? " aria-invalid=\"true\" aria-describedby=\"t-fejl\"" : "",
                    note ? note : "");
        if (refused && refusal && refusal->msg[0])
            html_printf(b, "<p class=\"field-error\" id=\"t-fejl\">%s</p>", refusal->msg);
        html_printf(b, "<div class=\"actions\">");
        for (size_t i = 0; i < nn; i++)
            html_printf(b, "<button type=\"submit\" name=\"to\" value=\"%s\"%r>%s</button>",
                        plan_state_code[next[i]->to],
                        next[i]->to == PS_CLOSED && next[i]->from <= PS_DRAFTING ? " class=\"secondary\"" : "",
                        next[i]->action_da);
        html_printf(b, "</div></fieldset></form>\n");
    }
    html_printf(b, "</section>\n");
}

void page_plan_state(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    const char *to_s = http_form(req, "to");
    int to = to_s ? plan_enum_find(plan_state_code, PS_COUNT, to_s) : -1;
    if (to < 0) {
        http_error(req, 400, "bad_request", "Vælg det næste skridt i planens forløb.", NULL);
        return;
    }
    hh_error e;
    hh_err rc = plan_transition_apply(req->db, web_principal(req), &req->a, pl.id, (plan_state)to,
                                      plans_field(req, "date"), plans_field(req, "note"), &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        plans_render(req, &pl, &e, 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "changing a plan's state");
        return;
    }
    web_audit(req, "plan.transition", "plan", arena_printf(&req->a, "%lld:%s", (long long)pl.id, to_s), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld?tilstand=%s#forloeb", (long long)pl.id, to_s));
}

/* ---- content ---- */

static void text_block(buf *b, const char *text, const char *empty)
{
    if (!text || !*text) {
        html_printf(b, "<p class=\"muted\">%s</p>", empty);
        return;
    }
    html_printf(b, "<p class=\"prose\">%s</p>", text);
}

static void content(http_req *req, const plan *pl)
{
    buf *b = &req->out;
    html_printf(b, "<section aria-labelledby=\"h-indsats\"><h2 id=\"h-indsats\">Indsatsområder</h2>");
    if (pl->nfocus) {
        html_printf(b, "<ul class=\"focus-list\">");
        for (size_t i = 0; i < pl->nfocus; i++)
            html_printf(b, "<li>%s</li>", pl->focus[i]);
        html_printf(b, "</ul>");
    } else {
        html_printf(b, "<p class=\"muted\">Ingen indsatsområder valgt.</p>");
    }
    html_printf(b, "</section>\n<section aria-labelledby=\"h-vision\"><h2 id=\"h-vision\">Vision</h2>");
    text_block(b, pl->vision, "Planen har endnu ingen fælles vision.");
    html_printf(b, "</section>\n<section aria-labelledby=\"h-swot\"><h2 id=\"h-swot\">SWOT</h2>"
                   "<div class=\"swot\">");
    static const char *const lab[4] = { "Styrker", "Svagheder", "Muligheder", "Trusler" };
    static const char *const cls[4] = { "s", "w", "o", "t" };
    const char *v[4] = { pl->strengths, pl->weaknesses, pl->opportunities, pl->threats };
    for (int i = 0; i < 4; i++) {
        html_printf(b, "<div class=\"swot-%s\"><h3>%s</h3>", cls[i], lab[i]);
        text_block(b, v[i], "Ikke udfyldt.");
        html_printf(b, "</div>");
    }
    html_printf(b, "</div></section>\n<section aria-labelledby=\"h-udf\"><h2 id=\"h-udf\">Udfordringer</h2>"
                   "<ul class=\"challenges\">");
    for (int c = 0; c < CH_COUNT; c++)
        html_printf(b, "<li class=\"%s\"><span aria-hidden=\"true\">%s</span> %s: <strong>%s</strong></li>",
                    pl->challenge[c] ? "yes" : "no", pl->challenge[c] ? "✓" : "–", plan_challenge_label[c],
                    pl->challenge[c] ? "Ja" : "Nej");
    html_printf(b, "</ul></section>\n");
}

static bool agreements(http_req *req, const plan *pl, bool w)
{
    buf *b = &req->out;
    plan_agreement *g;
    size_t n = 0;
    hh_error e;
    if (plan_agreements(req->db, &req->a, pl->id, &g, &n, &e))
        return false;
    html_printf(b, "<section id=\"aftaler\" aria-labelledby=\"h-aftaler\"><h2 id=\"h-aftaler\">Aftaler med "
                   "kommunen</h2>");
    if (n) {
        html_printf(b,
                    "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th scope=\"col\">Aftale</th>"
                    "<th scope=\"col\">Art</th><th scope=\"col\">Parter</th><th scope=\"col\">Underskrevet</th>"
                    "<th scope=\"col\">Gyldig</th><th scope=\"col\">Reference</th>%r</tr></thead><tbody>",
                    w ? "<th scope=\"col\"><span class=\"sr-only\">Handling</span></th>" : "");
        /* plan_agreements lists the strategic agreement first. */
        for (size_t i = 0; i < n; i++) {
            html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>",
                        g[i].title,
                        g[i].strategic ? "Strategisk aftale"
                                       : arena_printf(&req->a, "Delaftale · %s", g[i].focus ? g[i].focus : ""),
                        g[i].parties, plans_date(req, g[i].signed_on),
                        plans_period(req, g[i].valid_from, g[i].valid_to), g[i].doc_ref);
            if (w) {
                html_printf(b, "<td>");
                plans_delete_button(req, arena_printf(&req->a, "/planer/%lld/aftaler/slet", (long long)pl->id), g[i].id,
                                    "Fjern", g[i].title);
                html_printf(b, "</td>");
            }
            html_printf(b, "</tr>");
        }
        html_printf(b, "</tbody></table></div>");
    } else {
        html_printf(b, "<p class=\"muted\">Ingen aftaler registreret.</p>");
    }
    if (w) {
        html_printf(b, "<details class=\"add\"><summary>Tilføj aftale</summary>");
        form_open(req, arena_printf(&req->a, "/planer/%lld/aftaler", (long long)pl->id), "grid-form");
        html_printf(b, "<div><label for=\"ag-kind\">Art</label><select id=\"ag-kind\" name=\"kind\">"
                       "<option value=\"strategic\">Strategisk aftale</option>");
        for (size_t i = 0; i < pl->nfocus; i++)
            html_printf(b, "<option value=\"sub:%s\">Delaftale · %s</option>", pl->focus[i], pl->focus[i]);
        html_printf(b, "</select></div><div><label for=\"ag-title\">Titel</label><input id=\"ag-title\" name=\"title\" "
                       "type=\"text\" required></div><div><label for=\"ag-parties\">Parter</label><input "
                       "id=\"ag-parties\" name=\"parties\" type=\"text\"></div><div><label for=\"ag-signed\">"
                       "Underskrevet</label><input id=\"ag-signed\" name=\"signed_on\" type=\"date\"></div>"
                       "<div><label for=\"ag-from\">Gyldig fra</label><input id=\"ag-from\" name=\"valid_from\" "
                       "type=\"date\"></div><div><label for=\"ag-to\">Gyldig til</label><input id=\"ag-to\" "
                       "name=\"valid_to\" type=\"date\"></div><div><label for=\"ag-ref\">Journalnr. eller "
                       "dokument</label><input id=\"ag-ref\" name=\"doc_ref\" type=\"text\"></div>"
                       "<div class=\"actions\"><button type=\"submit\">Tilføj aftale</button></div></form></details>");
    }
    html_printf(b, "</section>\n");
    return true;
}

static bool members(http_req *req, const plan *pl, bool w)
{
    buf *b = &req->out;
    plan_member *m;
    size_t n = 0;
    hh_error e;
    if (plan_members(req->db, &req->a, pl->id, &m, &n, &e))
        return false;
    html_printf(b, "<section id=\"team\" aria-labelledby=\"h-team\"><h2 id=\"h-team\">Team og styregruppe</h2>"
                   "<div class=\"two-col\">");
    for (int steering = 0; steering < 2; steering++) {
        html_printf(b, "<div><h3>%s</h3>", steering ? "Styregruppe" : "Team");
        size_t shown = 0;
        html_printf(b, "<ul class=\"people\">");
        for (size_t i = 0; i < n; i++) {
            if (m[i].steering != (steering == 1))
                continue;
            shown++;
            html_printf(b, "<li><strong>%s</strong>, %s", m[i].name,
                        steering                                     ? (m[i].seat && *m[i].seat ? m[i].seat : "medlem")
                        : (m[i].role >= 0 && m[i].role < TEAM_COUNT) ? plan_team_role_label[m[i].role]
                                                                     : "");
            if (m[i].organisation && *m[i].organisation)
                html_printf(b, " <span class=\"muted\">(%s)</span>", m[i].organisation);
            if (w) {
                html_printf(b, " ");
                plans_delete_button(req, arena_printf(&req->a, "/planer/%lld/medlemmer/slet", (long long)pl->id),
                                    m[i].id, "Fjern", m[i].name);
            }
            html_printf(b, "</li>");
        }
        html_printf(b, "</ul>");
        if (!shown)
            html_printf(b, "<p class=\"muted\">Ingen endnu.</p>");
        if (w) {
            const char *pfx = steering ? "sg" : "tm";
            html_printf(b, "<details class=\"add\"><summary>Tilføj til %s</summary>",
                        steering ? "styregruppen" : "teamet");
            form_open(req, arena_printf(&req->a, "/planer/%lld/medlemmer", (long long)pl->id), "grid-form");
            html_printf(b,
                        "<input type=\"hidden\" name=\"steering\" value=\"%d\"><div><label for=\"%s-name\">Navn</label>"
                        "<input id=\"%s-name\" name=\"name\" type=\"text\" required></div><div><label "
                        "for=\"%s-org\">Organisation</label><input id=\"%s-org\" name=\"organisation\" "
                        "type=\"text\"></div>",
                        steering, pfx, pfx, pfx, pfx);
            if (steering) {
                html_printf(b, "<div><label for=\"sg-seat\">Plads</label><input id=\"sg-seat\" name=\"seat\" "
                               "type=\"text\" placeholder=\"Formand\"></div>");
            } else {
                html_printf(b, "<div><label for=\"tm-role\">Rolle</label><select id=\"tm-role\" name=\"role\">");
                for (int r = 0; r < TEAM_COUNT; r++)
                    html_printf(b, "<option value=\"%s\">%s</option>", plan_team_role_code[r], plan_team_role_label[r]);
                html_printf(b, "</select></div>");
            }
            html_printf(b,
                        "<div><label for=\"%s-email\">E-mail</label><input id=\"%s-email\" name=\"email\" "
                        "type=\"email\"></div><div class=\"actions\"><button type=\"submit\">Tilføj</button></div>"
                        "</form></details>",
                        pfx, pfx);
        }
        html_printf(b, "</div>");
    }
    html_printf(b, "</div></section>\n");
    return true;
}

/* The LBF share as a bar against the 75 % line. */
static void share_bar(http_req *req, const plan_budget_totals *t, bool social)
{
    buf *b = &req->out;
    double share = t->total_ore > 0 ? (double)t->lbf_ore / (double)t->total_ore : 0;
    const double W = 300, H = 22;
    double w = share > 1 ? W : share * W;
    html_printf(b,
                "<svg class=\"share-bar\" viewBox=\"0 0 %d 40\" width=\"300\" height=\"40\" role=\"img\" "
                "aria-labelledby=\"lbf-title\"><title id=\"lbf-title\">Landsbyggefondens andel: %s %%%r</title>"
                "<rect x=\"0\" y=\"2\" width=\"%d\" height=\"%d\" fill=\"#e1e6eb\" rx=\"3\"/>",
                (int)W, plans_num(req, share * 100, 1), social ? " af højst 75 %" : "", (int)W, (int)H);
    html_printf(b, "<rect x=\"0\" y=\"2\" width=\"%d\" height=\"%d\" fill=\"%s\" rx=\"3\"/>", (int)lround(w), (int)H,
                social && share * 4 > 3 ? "#b42318" : "#1f5f8b");
    if (social)
        html_printf(b, "<line x1=\"225\" x2=\"225\" y1=\"0\" y2=\"26\" stroke=\"#1d2733\" stroke-width=\"2\" "
                       "stroke-dasharray=\"3 2\"/><text x=\"225\" y=\"38\" font-size=\"11\" text-anchor=\"middle\" "
                       "fill=\"#1d2733\">75 %%</text>");
    html_printf(b, "</svg>");
}

static bool budget_summary(http_req *req, const plan *pl)
{
    buf *b = &req->out;
    plan_budget_line *lines;
    size_t n = 0;
    hh_error e;
    if (plan_budget_get(req->db, &req->a, pl->id, &lines, &n, &e))
        return false;
    plan_budget_totals t;
    plan_budget_sum(lines, n, &t);
    html_printf(b, "<section id=\"budget\" aria-labelledby=\"h-budget\"><h2 id=\"h-budget\">Budget</h2>");
    if (!n) {
        html_printf(b,
                    "<p class=\"muted\">Planen har endnu intet budget. <a href=\"/planer/%D/budget\">Læg "
                    "budgettet</a>.</p></section>\n",
                    pl->id);
        return true;
    }
    double share = t.total_ore > 0 ? 100.0 * (double)t.lbf_ore / (double)t.total_ore : 0;
    double co = t.total_ore > 0 ? 100.0 * (double)t.cofinancing_ore / (double)t.total_ore : 0;
    html_printf(b,
                "<dl class=\"facts\"><div><dt>Budget i alt</dt><dd>%s</dd></div><div><dt>Landsbyggefonden</dt>"
                "<dd>%s (%s %%)</dd></div><div><dt>Lokal medfinansiering</dt><dd>%s (%s %%)</dd></div><div>"
                "<dt>Forbrugt</dt><dd>%s</dd></div></dl>",
                plans_dkk(req, t.total_ore), plans_dkk(req, t.lbf_ore), plans_num(req, share, 1),
                plans_dkk(req, t.cofinancing_ore), plans_num(req, co, 1), plans_dkk(req, t.spent_ore));
    share_bar(req, &t, pl->type == PLAN_SOCIAL);
    /* The year notes (one per year on the budget page, stored on each of the
     * year's lines; lines are by year, so a year's distinct notes are adjacent). */
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const char *note = lines[i].note ? lines[i].note : "";
        if (!*note)
            continue;
        bool seen = false;
        for (size_t k = i; k-- > 0 && lines[k].year == lines[i].year;)
            if (lines[k].note && strcmp(lines[k].note, note) == 0)
                seen = true;
        if (seen)
            continue;
        if (!any)
            html_printf(b, "<h3>Noter til budgettet</h3><dl class=\"budget-notes\">");
        any = true;
        html_printf(b, "<div><dt>%d</dt><dd>%s</dd></div>", lines[i].year, note);
    }
    if (any)
        html_printf(b, "</dl>");
    html_printf(b, "<p><a href=\"/planer/%D/budget\">Hele budgettet pr. år og finansieringskilde</a></p></section>\n",
                pl->id);
    return true;
}

static bool goals(http_req *req, const plan *pl)
{
    buf *b = &req->out;
    plan_goal *g;
    size_t n = 0;
    hh_error e;
    if (plan_goals(req->db, &req->a, pl->id, &g, &n, &e))
        return false;
    html_printf(b, "<section id=\"maal\" aria-labelledby=\"h-maal\"><h2 id=\"h-maal\">Mål og fremdrift</h2>");
    if (!n)
        html_printf(b, "<p class=\"muted\">Ingen mål endnu. <a href=\"/planer/%D/maal\">Sæt mål</a>.</p>", pl->id);
    else
        html_printf(b, "<ul class=\"goal-cards\">");
    for (size_t i = 0; i < n; i++) {
        goal_progress gp;
        if (plan_goal_progress(req->db, &req->a, pl, &g[i], 0, &gp, &e))
            return false;
        const key_figure *kf = g[i].kf >= 0 && (size_t)g[i].kf < kf_count ? &kf_catalogue[g[i].kf] : NULL;
        int dec = kf ? kf->decimals : 1;
        html_printf(b, "<li class=\"card goal-card\"><h3>%s %r</h3><p class=\"muted\">%s · %s</p>", g[i].title,
                    plans_goal_badge(req, gp.status), kf ? kf->name_da : "", plans_goal_on(req, pl, &g[i]));
        html_printf(b, "<p>Fra %s (%d) til %s (%d)", plans_num(req, gp.baseline, dec), g[i].baseline_year,
                    plans_num(req, g[i].target_value, dec), g[i].target_year);
        if (!isnan(gp.value))
            html_printf(b, " · %d: <strong>%s</strong>", gp.year, plans_num(req, gp.value, dec));
        if (!isnan(gp.progress))
            html_printf(b, " · %s %% af vejen", plans_num(req, gp.progress * 100, 0));
        html_printf(b, "</p>");
        plans_goal_chart(req, &g[i], &gp, arena_printf(&req->a, "maal-%lld", (long long)g[i].id));
        html_printf(b, "</li>");
    }
    if (n)
        html_printf(b, "</ul>");
    html_printf(b,
                "<p><a href=\"/planer/%D/maal\">Alle mål</a> · <a href=\"/planer/%D/maalopfyldelse\">"
                "Målopfyldelsesskema</a></p></section>\n",
                pl->id, pl->id);
    return true;
}

static const char *purposes_text(http_req *req, unsigned bits)
{
    buf t;
    buf_init(&t, 0);
    for (int p = 0; p < CP_COUNT; p++)
        if (bits & (1u << p))
            buf_printf(&t, "%s%s", t.len ? ", " : "", coop_purpose_label[p]);
    const char *s = arena_strdup(&req->a, buf_cstr(&t));
    buf_free(&t);
    return s;
}

static const char *expiry_badge(http_req *req, const plan_cooperation *c)
{
    if (c->expired)
        return "<span class=\"expiry expired\">Udløbet</span>";
    if (c->expiring)
        return arena_printf(&req->a, "<span class=\"expiry expiring\">Udløber om %d %s</span>", c->days_left,
                            c->days_left == 1 ? "dag" : "dage");
    return "";
}

static bool cooperations(http_req *req, const plan *pl, bool w)
{
    buf *b = &req->out;
    plan_cooperation *c;
    size_t n = 0;
    hh_error e;
    if (plan_cooperations(req->db, web_principal(req), &req->a, pl->id, 0, NULL, &c, &n, &e))
        return false;
    html_printf(b, "<section id=\"samarbejde\" aria-labelledby=\"h-samarbejde\"><h2 id=\"h-samarbejde\">"
                   "Samarbejdsaftaler med partnere</h2>");
    if (n) {
        html_printf(b,
                    "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th scope=\"col\">Partner</th>"
                    "<th scope=\"col\">Formål</th><th scope=\"col\">Periode</th><th scope=\"col\">Status</th>"
                    "<th scope=\"col\">Note</th>%r</tr></thead><tbody>",
                    w ? "<th scope=\"col\"><span class=\"sr-only\">Handling</span></th>" : "");
        for (size_t i = 0; i < n; i++) {
            html_printf(b,
                        "<tr%r><th scope=\"row\"><a href=\"/partnere/%D\">%s</a></th><td>%s</td><td>%s</td>"
                        "<td>%r</td><td>%s</td>",
                        c[i].expired    ? " class=\"expired-row\""
                        : c[i].expiring ? " class=\"expiring-row\""
                                        : "",
                        c[i].partner_id, c[i].partner_name, purposes_text(req, c[i].purposes),
                        *c[i].valid_to ? plans_period(req, c[i].valid_from, c[i].valid_to)
                                       : arena_printf(&req->a, "fra %s, løbende", plans_date(req, c[i].valid_from)),
                        *expiry_badge(req, &c[i]) ? expiry_badge(req, &c[i]) : "<span class=\"muted\">Gyldig</span>",
                        c[i].note);
            if (w) {
                html_printf(b, "<td>");
                plans_delete_button(req, arena_printf(&req->a, "/planer/%lld/samarbejde/slet", (long long)pl->id),
                                    c[i].id, "Fjern", arena_printf(&req->a, "aftalen med %s", c[i].partner_name));
                html_printf(b, "</td>");
            }
            html_printf(b, "</tr>");
        }
        html_printf(b, "</tbody></table></div>");
    } else {
        html_printf(b, "<p class=\"muted\">Ingen samarbejdsaftaler.</p>");
    }
    if (w) {
        partner *ps;
        size_t np = 0;
        if (partner_list(req->db, &req->a, NULL, &ps, &np, &e))
            return false;
        html_printf(b, "<details class=\"add\"><summary>Tilføj samarbejdsaftale</summary>");
        if (!np) {
            html_printf(b, "<p>Opret først partneren under <a href=\"/partnere\">Partnere</a>.</p></details>"
                           "</section>\n");
            return true;
        }
        form_open(req, arena_printf(&req->a, "/planer/%lld/samarbejde", (long long)pl->id), "grid-form");
        html_printf(b, "<div><label for=\"co-partner\">Partner</label><select id=\"co-partner\" name=\"partner_id\" "
                       "required>");
        for (size_t i = 0; i < np; i++)
            html_printf(b, "<option value=\"%D\">%s (%s)</option>", ps[i].id, ps[i].name,
                        partner_type_label[ps[i].type]);
        html_printf(b, "</select></div><fieldset class=\"checklist\"><legend>Formål</legend>");
        for (int p = 0; p < CP_COUNT; p++)
            html_printf(b, "<label><input type=\"checkbox\" name=\"purposes\" value=\"%s\"> %s</label>",
                        coop_purpose_code[p], coop_purpose_label[p]);
        html_printf(b,
                    "</fieldset><div><label for=\"co-from\">Gyldig fra</label><input id=\"co-from\" "
                    "name=\"valid_from\" type=\"date\" value=\"%s\" required></div><div><label for=\"co-to\">Gyldig "
                    "til (tom: løbende)</label><input id=\"co-to\" name=\"valid_to\" type=\"date\"></div><div>"
                    "<label for=\"co-note\">Note</label><input id=\"co-note\" name=\"note\" type=\"text\"></div>"
                    "<div class=\"actions\"><button type=\"submit\">Tilføj aftale</button></div></form></details>",
                    plans_today(req));
    }
    html_printf(b, "</section>\n");
    return true;
}

static bool versions(http_req *req, const plan *pl)
{
    buf *b = &req->out;
    plan_version *v;
    size_t n = 0;
    hh_error e;
    if (plan_versions(req->db, &req->a, pl->id, &v, &n, &e))
        return false;
    html_printf(b, "<section id=\"versioner\" aria-labelledby=\"h-versioner\"><h2 id=\"h-versioner\">Versioner</h2>");
    if (!n) {
        html_printf(b, "<p class=\"muted\">Ingen gemte versioner endnu. Ansøgningen gemmes som version 1, når "
                       "kommunalbestyrelsens godkendelse registreres.</p>");
    } else {
        html_printf(b, "<ul class=\"versions\">");
        for (size_t i = n; i-- > 0;) {
            html_printf(b, "<li><a href=\"/planer/%D/versioner?fra=%d&amp;til=%s\">Version %d</a> · %s · %s", pl->id,
                        v[i].version, "nu", v[i].version, plans_date(req, v[i].created_at),
                        *v[i].user_name ? v[i].user_name : "systemet");
            if (v[i].note && *v[i].note)
                html_printf(b, " · <q>%s</q>", v[i].note);
            html_printf(b, "</li>");
        }
        html_printf(b, "</ul>");
    }
    html_printf(b, "<p><a href=\"/planer/%D/versioner\">Versioner og ændringer</a></p></section>\n", pl->id);
    return true;
}

void plans_render(http_req *req, const plan *pl, const hh_error *err, int status)
{
    plan_transition *h;
    size_t nh = 0;
    hh_error e;
    if (plan_history(req->db, &req->a, pl->id, &h, &nh, &e)) {
        http_fail_db(req, "reading a plan's history");
        return;
    }
    bool w = plans_may_write(req, pl);
    plans_begin(req, pl, "Oversigt", "oversigt");
    buf *b = &req->out;
    if (err && err->msg[0])
        notice(req, "error", err->msg);
    else if (http_query(req, "tilstand")) {
        int s = plan_enum_find(plan_state_code, PS_COUNT, http_query(req, "tilstand"));
        if (s >= 0)
            notice(req, "ok",
                   arena_printf(&req->a, "Registreret. Planen er nu i tilstanden »%s«.", plan_state_label[s]));
    } else if (http_query(req, "gemt"))
        notice(req, "ok", "Ændringerne er gemt.");
    header(req, pl);
    if (w)
        html_printf(b,
                    "<p class=\"actions\"><a class=\"button secondary\" href=\"/planer/%D/rediger\">Redigér "
                    "planen</a></p>\n",
                    pl->id);
    timeline(req, pl, h, nh, err);
    content(req, pl);
    /* A section that cannot be read fails the page (500), rather than
     * showing "none" for data that is there. */
    if (!agreements(req, pl, w) || !members(req, pl, w) || !budget_summary(req, pl) || !goals(req, pl) ||
        !activities_plan_section(req, pl) || !cooperations(req, pl, w) || !versions(req, pl)) {
        http_fail_db(req, "reading a plan's sections");
        return;
    }
    page_end(req, status);
}

void page_plan(http_req *req)
{
    plan pl;
    if (plans_load(req, &pl))
        plans_render(req, &pl, NULL, 200);
}

/* ---- on department and area pages ---- */

void plans_registry_section(http_req *req, int64_t department_id, int64_t area_id)
{
    plan_filter f = { .type = -1, .state = -1, .department_id = department_id, .area_id = area_id };
    plan_summary *rows;
    size_t n = 0;
    hh_error e;
    if (plan_list(req->db, web_principal(req), &req->a, &f, &rows, &n, &e) || !n)
        return;
    buf *b = &req->out;
    html_printf(b, "<section class=\"plans-section\" aria-labelledby=\"h-planer\"><h2 id=\"h-planer\">Helhedsplaner"
                   "</h2><ul class=\"plan-links\">");
    for (size_t i = 0; i < n; i++) {
        const char *period = plans_period(req, rows[i].start_date, rows[i].end_date);
        html_printf(b, "<li><a href=\"/planer/%D\">%s</a> %r <span class=\"muted\">%s%r%s</span></li>", rows[i].id,
                    rows[i].name, plans_state_badge(req, rows[i].state), plan_type_label[rows[i].type],
                    *period ? " · " : "", period);
    }
    html_printf(b, "</ul></section>\n");
}
