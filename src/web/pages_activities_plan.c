/* pages_activities_plan.c - the plan-wide activity pages: the involvement
 * portfolio (heat map for a year, shares involved per phase, change over
 * the plan's years, the plan-level involvement form), the outreach log with
 * totals per method, and resident roles and courses. */
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

static void year_form(http_req *req, const char *action, int year)
{
    html_printf(&req->out,
                "<form class=\"filters\" method=\"get\" action=\"%s\"><div><label for=\"aar\">År</label><input "
                "id=\"aar\" name=\"aar\" type=\"number\" min=\"2000\" max=\"2100\" value=\"%d\"></div><button "
                "type=\"submit\" class=\"secondary\">Vis år</button></form>\n",
                action, year);
}

/* Shade 0-4 of a cell: none, then by the share of the maximum. */
static int shade(int64_t v, int64_t max)
{
    if (v <= 0 || max <= 0)
        return 0;
    int s = (int)ceil(4.0 * (double)v / (double)max);
    return s < 1 ? 1 : s > 4 ? 4 : s;
}

static int shade_share(double share)
{
    if (isnan(share) || share <= 0)
        return 0;
    int s = (int)ceil(share * 4.0);
    return s < 1 ? 1 : s > 4 ? 4 : s;
}

static void heat_map(http_req *req, const inv_matrix *m, bool team)
{
    buf *b = &req->out;
    /* The types share one blue scale; "not recorded" (often the largest
     * number) has its own grey one so it does not pale the matrix. */
    int64_t max = 0, umax = 0;
    for (int p = 0; p < PHASE_COUNT; p++) {
        for (int t = 0; t < INV_COUNT; t++)
            max = m->cells[p][t] > max ? m->cells[p][t] : max;
        umax = m->unrecorded[p] > umax ? m->unrecorded[p] : umax;
    }
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"data heat\"><caption>Deltagelsesform pr. fase %d: antal af "
                "planens %D aktiviteter (med møder eller registreringer i året)</caption><thead><tr><th "
                "scope=\"col\">Fase</th>",
                m->year, m->activities);
    for (int t = 0; t < INV_COUNT; t++)
        html_printf(b, "<th scope=\"col\"><abbr title=\"%s\">%s</abbr></th>", inv_type_label[t], inv_type_short[t]);
    html_printf(b, "<th scope=\"col\">Ikke registreret</th><th scope=\"col\" class=\"num\">Andel inddraget</th>"
                   "</tr></thead><tbody>");
    for (int p = 0; p < PHASE_COUNT; p++) {
        html_printf(b, "<tr><th scope=\"row\">%s</th>", inv_phase_label[p]);
        for (int t = 0; t < INV_COUNT; t++)
            html_printf(b, "<td class=\"heat-%d\">%s</td>", shade(m->cells[p][t], max),
                        act_n(req, m->cells[p][t], true));
        html_printf(b, "<td class=\"heat-none heat-u%d\">%s</td>", shade(m->unrecorded[p], umax),
                    act_n(req, m->unrecorded[p], true));
        html_printf(b, "<td class=\"num\">%s</td></tr>",
                    isnan(m->share_involved[p])
                        ? "–"
                        : arena_printf(&req->a, "%s %%", plans_num(req, m->share_involved[p] * 100, 0)));
    }
    html_printf(b, "</tbody></table></div>\n");
    (void)team;
}

static void trend_map(http_req *req, const inv_matrix *ms, size_t n)
{
    buf *b = &req->out;
    if (!n) {
        html_printf(b, "<p class=\"empty\">Ingen år med møder eller registreringer endnu.</p>");
        return;
    }
    html_printf(b, "<div class=\"table-wrap\"><table class=\"data heat trend\"><caption>Andel af aktiviteterne, hvor "
                   "beboerne var inddraget, pr. fase og år</caption><thead><tr><th scope=\"col\">Fase</th>");
    for (size_t i = 0; i < n; i++)
        html_printf(b, "<th scope=\"col\" class=\"num\">%d</th>", ms[i].year);
    html_printf(b, "</tr></thead><tbody>");
    for (int p = 0; p < PHASE_COUNT; p++) {
        html_printf(b, "<tr><th scope=\"row\">%s</th>", inv_phase_label[p]);
        for (size_t i = 0; i < n; i++) {
            double s = ms[i].share_involved[p];
            html_printf(b, "<td class=\"num heat-%d\">%s</td>", shade_share(s),
                        isnan(s) ? "–" : arena_printf(&req->a, "%s %%", plans_num(req, s * 100, 0)));
        }
        html_printf(b, "</tr>");
    }
    html_printf(b, "</tbody></table></div><p class=\"hint\">»–«: ingen aktiviteter registreret i fasen det år.</p>\n");
}

static void involvement_page(http_req *req, const plan *pl, int year, const hh_error *err, int err_phase, int status)
{
    bool team = plans_may_write(req, pl);
    hh_error e;
    inv_matrix m, *ms;
    size_t nms = 0;
    involvement *v;
    size_t nv = 0;
    if (involvement_matrix(req->db, web_principal(req), &req->a, pl->id, year, &m, &e) ||
        involvement_trend(req->db, web_principal(req), &req->a, pl->id, &ms, &nms, &e) ||
        involvement_list(req->db, web_principal(req), &req->a, pl->id, 0, year, &v, &nv, &e)) {
        http_fail_db(req, "reading involvement");
        return;
    }
    act_begin(req, pl, "Beboerinddragelse", "inddragelse");
    buf *b = &req->out;
    if (err && err->msg[0])
        notice(req, "error", err->msg);
    else if (http_query(req, "gemt"))
        notice(req, "ok", "Inddragelsen er gemt.");
    html_printf(b, "<p class=\"lead\">Hvor inddragende er planens aktiviteter, fase for fase? Fire ligeværdige "
                   "deltagelsesformer – ikke en stige – og »ikke inddraget«.</p>\n");
    year_form(req, arena_printf(&req->a, "/planer/%lld/inddragelse", (long long)pl->id), year);
    html_printf(b, "<section aria-labelledby=\"h-heat\"><h2 id=\"h-heat\">Porteføljen %d</h2>", year);
    if (!m.activities)
        html_printf(b, "<p class=\"empty\">Ingen aktiviteter med møder eller registreringer i %d.</p>", year);
    else
        heat_map(req, &m, team);
    html_printf(b, "<ul class=\"heat-legend\" aria-hidden=\"true\"><li class=\"heat-legend-title\">Deltagelsesformer:"
                   "</li><li><span class=\"swatch heat-0\"></span>0</li>"
                   "<li><span class=\"swatch heat-1\"></span>få</li><li><span class=\"swatch heat-2\"></span></li>"
                   "<li><span class=\"swatch heat-3\"></span></li><li><span class=\"swatch heat-4\"></span>flest</li>"
                   "</ul><ul class=\"heat-legend\" aria-hidden=\"true\"><li class=\"heat-legend-title\">Ikke "
                   "registreret (egen skala):</li><li><span class=\"swatch heat-u0\"></span>0</li>"
                   "<li><span class=\"swatch heat-u1\"></span>få</li><li><span class=\"swatch heat-u2\"></span></li>"
                   "<li><span class=\"swatch heat-u3\"></span></li><li><span class=\"swatch heat-u4\"></span>flest</li>"
                   "</ul></section>\n");
    html_printf(b, "<section aria-labelledby=\"h-trend\"><h2 id=\"h-trend\">Udviklingen over planens år</h2>");
    trend_map(req, ms, nms);
    html_printf(b, "</section>\n");
    involvement *cur[PHASE_COUNT] = { 0 };
    for (size_t i = 0; i < nv; i++)
        if (v[i].activity_id == 0 && v[i].year == year && (int)v[i].phase >= 0 && v[i].phase < PHASE_COUNT)
            cur[v[i].phase] = &v[i];
    involvement typed;
    if (err && err_phase >= 0 && err_phase < PHASE_COUNT && act_involvement_read(req, &typed))
        cur[err_phase] = &typed;
    html_printf(b,
                "<section id=\"planen\" aria-labelledby=\"h-plan-inv\"><h2 id=\"h-plan-inv\">Planen som helhed "
                "%d</h2>",
                year);
    if (team) {
        html_printf(b,
                    "<p class=\"hint\">Hvordan var beboerne inddraget i selve planen? Hver fase gemmes for sig.</p>");
        act_involvement_form(req, arena_printf(&req->a, "/planer/%lld/inddragelse", (long long)pl->id), year, cur, err,
                             err_phase);
    } else {
        html_printf(b, "<ul class=\"plan-links\">");
        for (int p = 0; p < PHASE_COUNT; p++)
            html_printf(b, "<li><strong>%s:</strong> %s</li>", inv_phase_label[p],
                        cur[p] && cur[p]->type < INV_COUNT ? inv_type_label[cur[p]->type] : "Ikke registreret");
        html_printf(b, "</ul>");
    }
    html_printf(b, "</section>\n");
    page_end(req, status);
}

void page_plan_involvement(http_req *req)
{
    plan pl;
    if (plans_load(req, &pl))
        involvement_page(req, &pl, act_year(req), NULL, -1, 200);
}

void page_plan_involvement_post(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    involvement v = { .plan_id = pl.id, .activity_id = 0 };
    if (!act_involvement_read(req, &v))
        return;
    hh_error e;
    hh_err rc;
    if (v.type == INV_COUNT)
        rc = hh_fail(&e, HH_ERR_INPUT, "type",
                     "Deltagelsesform: vælg, hvordan beboerne deltog i fasen (eller »Ikke inddraget«).");
    else
        rc = involvement_put(req->db, web_principal(req), &req->a, &v, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        involvement_page(req, &pl, v.year, &e, (int)v.phase, 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "saving involvement");
        return;
    }
    web_audit(req, "plan.involvement", "plan", arena_printf(&req->a, "%lld", (long long)pl.id), "ok");
    http_redirect(req, 303,
                  arena_printf(&req->a, "/planer/%lld/inddragelse?aar=%d&gemt=1#fase-%s", (long long)pl.id, v.year,
                               inv_phase_code[v.phase]));
}

/* ---- outreach ---- */

typedef struct out_form {
    const char *date, *method, *contacts, *activity, *note;
} out_form;

static void outreach_page(http_req *req, const plan *pl, int year, const out_form *f, const hh_error *err, int status)
{
    bool team = plans_may_write(req, pl);
    hh_error e;
    outreach *o;
    size_t n = 0;
    int64_t totals[OUT_COUNT];
    activity *xs = NULL;
    size_t nx = 0;
    activity_filter af = { .plan_id = pl->id, .status = -1, .category = -1 };
    if (outreach_list(req->db, web_principal(req), &req->a, pl->id, year, &o, &n, &e) ||
        outreach_totals(req->db, web_principal(req), &req->a, pl->id, year, totals, &e) ||
        (team && activity_list(req->db, web_principal(req), &req->a, &af, &xs, &nx, &e))) {
        http_fail_db(req, "reading outreach");
        return;
    }
    act_begin(req, pl, "Opsøgende arbejde", "opsoegning");
    buf *b = &req->out;
    act_error_summary(req, err);
    if (!err && http_query(req, "gemt"))
        notice(req, "ok", "Gemt.");
    html_printf(b, "<p class=\"lead\">Kontakter med beboere, talt efter måde. Ingen navne – kun antal.</p>\n");
    if (team) {
        html_printf(b, "<details class=\"add\"%r><summary>Registrer opsøgende arbejde</summary>", err ? " open" : "");
        form_open(req, arena_printf(&req->a, "/planer/%lld/opsoegning", (long long)pl->id), "grid-form outreach-form");
        html_printf(b, "<input type=\"hidden\" name=\"aar\" value=\"%d\">", year);
        html_printf(b, "<div>");
        act_input(req, "date", "Dato", f && f->date ? f->date : plans_today(req), "date", NULL, err);
        html_printf(b, "</div><div>");
        int mi = f && f->method ? plan_enum_find(outreach_method_code, OUT_COUNT, f->method) : 0;
        act_select(req, "method", "Måde", outreach_method_code, outreach_method_label, OUT_COUNT, mi, NULL, err);
        html_printf(b, "</div><div>");
        act_input(req, "contacts", "Antal kontakter", f ? f->contacts : "", "number", NULL, err);
        html_printf(b, "</div><div><div class=\"field\"><label for=\"activity_id\">Aktivitet (valgfrit)</label>"
                       "<select id=\"activity_id\" name=\"activity_id\"><option value=\"\">Ingen bestemt</option>");
        for (size_t i = 0; i < nx; i++)
            html_printf(b, "<option value=\"%D\"%r>%s</option>", xs[i].id,
                        f && f->activity && strcmp(f->activity, arena_printf(&req->a, "%lld", (long long)xs[i].id)) == 0
                            ? " selected"
                            : "",
                        xs[i].name);
        html_printf(b, "</select></div></div><div class=\"wide\">");
        act_input(req, "note", "Note", f ? f->note : "", "text", "Hvad, hvor, hvem i grove træk – aldrig navne.", err);
        html_printf(b, "</div><div class=\"actions\"><button type=\"submit\">Gem</button></div></form></details>\n");
    }
    year_form(req, arena_printf(&req->a, "/planer/%lld/opsoegning", (long long)pl->id), year);
    html_printf(b, "<section aria-labelledby=\"h-out-tot\"><h2 id=\"h-out-tot\">Kontakter pr. måde %d</h2>", year);
    int64_t all = 0;
    for (int i = 0; i < OUT_COUNT; i++)
        all += totals[i];
    /* Entries, method totals and all: parts and totals of one another. */
    unsigned char *ho = arena_zalloc(&req->a, n ? n : 1), ht[OUT_COUNT + 1];
    outreach_suppress(o, n, totals, !team, ho, ht);
    if (!all) {
        html_printf(b, "<p class=\"empty\">Intet opsøgende arbejde registreret i %d.</p></section>\n", year);
    } else {
        svg_bar *bars = arena_alloc(&req->a, OUT_COUNT * sizeof(svg_bar));
        for (int i = 0; i < OUT_COUNT; i++)
            bars[i] =
                (svg_bar){ .label = outreach_method_label[i], .value = (double)totals[i], .suppressed = ht[i] != 0 };
        svg_bar_chart c = { .id = "opsoegning",
                            .title = arena_printf(&req->a, "Kontakter pr. måde %d", year),
                            .unit = "",
                            .decimals = 0,
                            .bars = bars,
                            .nbars = OUT_COUNT };
        svg_bars(b, &c);
        html_printf(b,
                    "<details class=\"add\"><summary>Tallene som tabel</summary><div class=\"table-wrap\"><table "
                    "class=\"data narrow-table\"><caption>Kontakter pr. måde %d</caption><thead><tr><th "
                    "scope=\"col\">Måde</th><th scope=\"col\" class=\"num\">Kontakter</th></tr></thead><tbody>",
                    year);
        for (int i = 0; i < OUT_COUNT; i++)
            html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td></tr>", outreach_method_label[i],
                        act_hidden_text(&req->a, totals[i], ht[i]));
        html_printf(b,
                    "</tbody><tfoot><tr><th scope=\"row\">I alt</th><td class=\"num\">%s</td></tr></tfoot></table>"
                    "</div></details></section>\n",
                    act_hidden_text(&req->a, all, ht[OUT_COUNT]));
    }
    html_printf(b, "<section aria-labelledby=\"h-out-log\"><h2 id=\"h-out-log\">Loggen %d</h2>", year);
    if (!n) {
        html_printf(b, "<p class=\"empty\">Ingen registreringer.</p>");
    } else {
        html_printf(b,
                    "<div class=\"table-wrap\"><table class=\"data\"><caption>Opsøgende arbejde %d</caption>"
                    "<thead><tr><th scope=\"col\">Dato</th><th scope=\"col\">Måde</th><th scope=\"col\" "
                    "class=\"num\">Kontakter</th><th scope=\"col\">Aktivitet</th><th scope=\"col\">Note</th>%r"
                    "</tr></thead><tbody>",
                    year, team ? "<th scope=\"col\"><span class=\"sr-only\">Handling</span></th>" : "");
        for (size_t i = 0; i < n; i++) {
            html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td class=\"num\">%s</td><td>%s</td><td>%s</td>",
                        act_date(req, o[i].date), outreach_method_label[o[i].method],
                        act_hidden_text(&req->a, o[i].contacts, ho[i]), or_empty(o[i].activity_name),
                        or_empty(o[i].note));
            if (team) {
                html_printf(b, "<td>");
                plans_delete_button(req, arena_printf(&req->a, "/planer/%lld/opsoegning/slet", (long long)pl->id),
                                    o[i].id, "Slet",
                                    arena_printf(&req->a, "registreringen %s", act_date(req, o[i].date)));
                html_printf(b, "</td>");
            }
            html_printf(b, "</tr>");
        }
        html_printf(b, "</tbody></table></div>");
    }
    html_printf(b, "</section>\n");
    page_end(req, status);
}

void page_plan_outreach(http_req *req)
{
    plan pl;
    if (plans_load(req, &pl))
        outreach_page(req, &pl, act_year(req), NULL, NULL, 200);
}

void page_plan_outreach_post(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    out_form f = { .date = or_empty(plans_field(req, "date")),
                   .method = or_empty(plans_field(req, "method")),
                   .contacts = or_empty(plans_field(req, "contacts")),
                   .activity = or_empty(plans_field(req, "activity_id")),
                   .note = or_empty(plans_field(req, "note")) };
    hh_error e;
    hh_err rc = HH_OK;
    int method = plan_enum_find(outreach_method_code, OUT_COUNT, f.method), contacts = 0;
    int64_t aid = 0;
    if (method < 0)
        rc = hh_fail(&e, HH_ERR_INPUT, "method", "Måde: vælg, hvordan kontakten blev skabt.");
    else if (!hh_parse_int(f.contacts, 1, 100000, &contacts))
        rc = hh_fail(&e, HH_ERR_INPUT, "contacts", "Antal kontakter: skriv et helt tal, 1 eller flere.");
    else if (*f.activity && (!hh_parse_int64(f.activity, strlen(f.activity), &aid) || aid < 0))
        rc = hh_fail(&e, HH_ERR_INPUT, "activity_id", "Aktivitet: vælg en af planens aktiviteter.");
    int year = act_this_year(req);
    if (strlen(f.date) >= 4) {
        char ys[5] = { f.date[0], f.date[1], f.date[2], f.date[3], 0 };
        if (!hh_parse_int(ys, 2000, 2100, &year))
            year = act_this_year(req);
    }
    if (!rc) {
        outreach o = { .plan_id = pl.id,
                       .activity_id = aid,
                       .date = f.date,
                       .method = (outreach_method)method,
                       .contacts = contacts,
                       .note = f.note };
        rc = outreach_put(req->db, web_principal(req), &req->a, &o, &e);
    }
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        outreach_page(req, &pl, year, &f, &e, 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "saving outreach");
        return;
    }
    web_audit(req, "plan.outreach", "plan", arena_printf(&req->a, "%lld", (long long)pl.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld/opsoegning?aar=%d&gemt=1", (long long)pl.id, year));
}

void page_plan_outreach_delete(http_req *req)
{
    plan pl;
    int64_t id;
    if (!plans_load(req, &pl) || !plans_form_id(req, &id))
        return;
    if (!plans_delete_confirmed(req, &pl, id, "registreringen af opsøgende arbejde",
                                arena_printf(&req->a, "/planer/%lld/opsoegning", (long long)pl.id)))
        return;
    hh_error e;
    hh_err rc = outreach_delete(req->db, web_principal(req), pl.id, id, &e);
    if (rc) {
        plans_fail(req, rc, &e, "deleting outreach");
        return;
    }
    web_audit(req, "plan.outreach.delete", "plan", arena_printf(&req->a, "%lld", (long long)pl.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld/opsoegning?gemt=1", (long long)pl.id));
}

/* ---- resident roles and courses ---- */

typedef struct roles_form {
    const char *roles[RR_COUNT];                  /* typed, when refused */
    const char *kind, *title, *completed, *cyear; /* the course form, when refused */
    bool diploma;
} roles_form;

static void roles_page(http_req *req, const plan *pl, int year, const roles_form *f, const hh_error *err,
                       const char *err_where, int status)
{
    bool team = plans_may_write(req, pl);
    hh_error e;
    int64_t counts[RR_COUNT];
    plan_course *c;
    size_t nc = 0;
    if (resident_roles_get(req->db, web_principal(req), pl->id, year, counts, &e) ||
        plan_courses(req->db, web_principal(req), &req->a, pl->id, 0, &c, &nc, &e)) {
        http_fail_db(req, "reading resident roles");
        return;
    }
    act_begin(req, pl, "Beboerroller og kurser", "roller");
    buf *b = &req->out;
    if (!err && http_query(req, "gemt"))
        notice(req, "ok", "Gemt.");
    html_printf(b, "<p class=\"lead\">Hvor mange beboere har en rolle i planens arbejde, og hvilke kurser har de "
                   "gennemført? Kun antal – ingen personoplysninger.</p>\n");
    year_form(req, arena_printf(&req->a, "/planer/%lld/roller", (long long)pl->id), year);
    html_printf(b, "<section id=\"roller\" aria-labelledby=\"h-roller\"><h2 id=\"h-roller\">Beboerroller %d</h2>",
                year);
    bool roles_err = err && strcmp(err_where, "roles") == 0;
    if (roles_err)
        act_error_summary(req, err);
    if (team) {
        form_open(req, arena_printf(&req->a, "/planer/%lld/roller", (long long)pl->id), "grid-form roles-form");
        html_printf(b, "<input type=\"hidden\" name=\"year\" value=\"%d\">", year);
        for (int i = 0; i < RR_COUNT; i++) {
            const char *name = resident_role_code[i];
            const char *val = f && f->roles[i] ? f->roles[i] : arena_printf(&req->a, "%lld", (long long)counts[i]);
            html_printf(b, "<div>");
            act_input(req, name, resident_role_label[i], val, "number", NULL, roles_err ? err : NULL);
            html_printf(b, "</div>");
        }
        html_printf(b, "<div class=\"actions\"><button type=\"submit\">Gem tallene for %d</button></div></form>", year);
    } else {
        html_printf(b, "<dl class=\"facts\">");
        for (int i = 0; i < RR_COUNT; i++)
            html_printf(b, "<div><dt>%s</dt><dd>%s</dd></div>", resident_role_label[i], act_n(req, counts[i], false));
        html_printf(b, "</dl>");
    }
    html_printf(b, "</section>\n");
    html_printf(b, "<section id=\"kurser\" aria-labelledby=\"h-kurser\"><h2 id=\"h-kurser\">Gennemførte kurser</h2>");
    if (!nc) {
        html_printf(b, "<p class=\"empty\">Ingen kurser registreret.</p>");
    } else {
        html_printf(b,
                    "<div class=\"table-wrap\"><table class=\"data\"><caption>Kurser og uddannelser, "
                    "alle år</caption><thead><tr><th scope=\"col\">År</th><th scope=\"col\">Kursus</th>"
                    "<th scope=\"col\">Slags</th><th scope=\"col\" class=\"num\">Gennemført af</th>"
                    "<th scope=\"col\">Diplom</th>%r</tr></thead><tbody>",
                    team ? "<th scope=\"col\"><span class=\"sr-only\">Handling</span></th>" : "");
        for (size_t i = 0; i < nc; i++) {
            html_printf(b, "<tr><td>%d</td><th scope=\"row\">%s</th><td>%s</td><td class=\"num\">%s</td><td>%s</td>",
                        c[i].year, *or_empty(c[i].title) ? c[i].title : course_kind_label[c[i].kind],
                        course_kind_label[c[i].kind], act_n(req, c[i].completed, team), c[i].diploma ? "Ja" : "Nej");
            if (team) {
                html_printf(b, "<td>");
                plans_delete_button(req, arena_printf(&req->a, "/planer/%lld/roller/kurser/slet", (long long)pl->id),
                                    c[i].id, "Slet", arena_printf(&req->a, "kurset »%s«", c[i].title));
                html_printf(b, "</td>");
            }
            html_printf(b, "</tr>");
        }
        html_printf(b, "</tbody></table></div>");
    }
    if (team) {
        bool cerr = err && strcmp(err_where, "course") == 0;
        html_printf(b, "<details class=\"add\"%r><summary>Tilføj et kursus</summary>", cerr ? " open" : "");
        if (cerr)
            act_error_summary(req, err);
        form_open(req, arena_printf(&req->a, "/planer/%lld/roller/kurser", (long long)pl->id), "grid-form course-form");
        html_printf(b, "<div>");
        act_input(req, "course_year", "År", f && f->cyear ? f->cyear : arena_printf(&req->a, "%d", year), "number",
                  NULL, cerr ? err : NULL);
        html_printf(b, "</div><div>");
        act_select(req, "kind", "Slags", course_kind_code, course_kind_label, COURSE_COUNT,
                   f && f->kind ? plan_enum_find(course_kind_code, COURSE_COUNT, f->kind) : 0, NULL, cerr ? err : NULL);
        html_printf(b, "</div><div>");
        act_input(req, "title", "Kursets navn", f ? f->title : "", "text", NULL, cerr ? err : NULL);
        html_printf(b, "</div><div>");
        act_input(req, "completed", "Antal beboere, der gennemførte", f ? f->completed : "", "number", NULL,
                  cerr ? err : NULL);
        html_printf(b,
                    "</div><div><label><input type=\"checkbox\" name=\"diploma\" value=\"1\"%r> Med diplom</label>"
                    "</div><div class=\"actions\"><button type=\"submit\">Tilføj kurset</button></div></form>"
                    "</details>",
                    f && f->diploma ? " checked" : "");
    }
    html_printf(b, "</section>\n");
    page_end(req, status);
}

void page_plan_roles(http_req *req)
{
    plan pl;
    if (plans_load(req, &pl))
        roles_page(req, &pl, act_year(req), NULL, NULL, "", 200);
}

void page_plan_roles_post(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    const char *ys = plans_field(req, "year");
    int year;
    if (!ys || !hh_parse_int(ys, 2000, 2100, &year)) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    roles_form f = { 0 };
    int64_t n[RR_COUNT];
    hh_error e;
    hh_err rc = HH_OK;
    for (int i = 0; i < RR_COUNT; i++) {
        f.roles[i] = or_empty(plans_field(req, resident_role_code[i]));
        int v = 0;
        if (*f.roles[i] && !hh_parse_int(f.roles[i], 0, 1000000, &v) && !rc)
            rc = hh_fail(&e, HH_ERR_INPUT, resident_role_code[i], "%s: skriv et helt tal, 0 eller flere.",
                         resident_role_label[i]);
        n[i] = v;
    }
    if (!rc)
        rc = resident_roles_put(req->db, web_principal(req), pl.id, year, n, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        roles_page(req, &pl, year, &f, &e, "roles", 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "saving resident roles");
        return;
    }
    web_audit(req, "plan.roles", "plan", arena_printf(&req->a, "%lld", (long long)pl.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld/roller?aar=%d&gemt=1", (long long)pl.id, year));
}

void page_plan_course_post(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    roles_form f = { .kind = or_empty(plans_field(req, "kind")),
                     .title = or_empty(plans_field(req, "title")),
                     .completed = or_empty(plans_field(req, "completed")),
                     .cyear = or_empty(plans_field(req, "course_year")) };
    const char *d = plans_field(req, "diploma");
    f.diploma = d && strcmp(d, "1") == 0;
    hh_error e;
    hh_err rc = HH_OK;
    int year = 0, completed = 0, kind = plan_enum_find(course_kind_code, COURSE_COUNT, f.kind);
    if (!hh_parse_int(f.cyear, 2000, 2100, &year))
        rc = hh_fail(&e, HH_ERR_INPUT, "course_year", "År: skriv et årstal, fx 2026.");
    else if (kind < 0)
        rc = hh_fail(&e, HH_ERR_INPUT, "kind", "Slags: vælg, hvilken slags kursus det var.");
    else if (!hh_parse_int(f.completed, 0, 100000, &completed))
        rc = hh_fail(&e, HH_ERR_INPUT, "completed", "Antal beboere: skriv et helt tal, 0 eller flere.");
    if (!rc) {
        plan_course c = { .plan_id = pl.id,
                          .year = year,
                          .kind = (course_kind)kind,
                          .title = f.title,
                          .completed = completed,
                          .diploma = f.diploma };
        rc = plan_course_put(req->db, web_principal(req), &req->a, &c, &e);
    }
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        roles_page(req, &pl, year ? year : act_this_year(req), &f, &e, "course", 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "saving a course");
        return;
    }
    web_audit(req, "plan.course", "plan", arena_printf(&req->a, "%lld", (long long)pl.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld/roller?aar=%d&gemt=1#kurser", (long long)pl.id, year));
}

void page_plan_course_delete(http_req *req)
{
    plan pl;
    int64_t id;
    if (!plans_load(req, &pl) || !plans_form_id(req, &id))
        return;
    if (!plans_delete_confirmed(req, &pl, id, "kurset",
                                arena_printf(&req->a, "/planer/%lld/roller#kurser", (long long)pl.id)))
        return;
    hh_error e;
    hh_err rc = plan_course_delete(req->db, web_principal(req), pl.id, id, &e);
    if (rc) {
        plans_fail(req, rc, &e, "deleting a course");
        return;
    }
    web_audit(req, "plan.course.delete", "plan", arena_printf(&req->a, "%lld", (long long)pl.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld/roller?gemt=1#kurser", (long long)pl.id));
}
