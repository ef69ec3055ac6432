/* pages_plans_budget.c - a plan's whole budget as one table: a row pair per
 * year (budget and spent) and a column per funding source, amounts in
 * kroner as Danish readers write them, totals and the LBF share. Saving
 * replaces the budget through plan_budget_put, which checks the rules (LBF
 * share, co-financing, no payout before approval); a refusal shows the
 * rule's Danish message and keeps every number as typed.
 *
 * Notes: the page edits one note per year (a text field under the year's
 * rows). It is stored on every budget line of that year, so a year's note
 * lives as long as the year has amounts; a note on a year without amounts
 * is refused rather than silently dropped. When lines of a year carry
 * different notes (set through the API per line), the page shows them
 * joined with " · ", and saving writes that text to each of the year's
 * lines. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/util.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"

#define MAX_YEARS 40

typedef struct budget_grid {
    int years[MAX_YEARS];
    size_t nyears;
    /* Typed or stored text per year, source and kind (0 budget, 1 spent). */
    const char *cell[MAX_YEARS][SRC_COUNT][2];
    const char *note[MAX_YEARS]; /* the year's note (see the top) */
    const char *bad;             /* name of the cell that could not be read */
} budget_grid;

static const char *cell_name(http_req *req, int kind, int year, int src)
{
    return arena_printf(&req->a, "%c-%d-%s", kind ? 's' : 'b', year, plan_source_code[src]);
}

static int year_index(budget_grid *g, int year)
{
    for (size_t i = 0; i < g->nyears; i++)
        if (g->years[i] == year)
            return (int)i;
    if (g->nyears >= MAX_YEARS)
        return -1;
    size_t i = g->nyears++;
    while (i > 0 && g->years[i - 1] > year) {
        g->years[i] = g->years[i - 1];
        memcpy(g->cell[i], g->cell[i - 1], sizeof g->cell[i]);
        g->note[i] = g->note[i - 1];
        i--;
    }
    g->years[i] = year;
    memset(g->cell[i], 0, sizeof g->cell[i]);
    g->note[i] = NULL;
    return (int)i;
}

static int year_of(const char *iso)
{
    int y;
    if (!iso || strlen(iso) < 4)
        return 0;
    char ys[5] = { iso[0], iso[1], iso[2], iso[3], 0 };
    return hh_parse_int(ys, 1990, 2200, &y) ? y : 0;
}

static void grid_from_lines(http_req *req, const plan *pl, const plan_budget_line *l, size_t n, budget_grid *g)
{
    memset(g, 0, sizeof *g);
    for (size_t i = 0; i < n; i++) {
        int k = year_index(g, l[i].year);
        if (k < 0 || (int)l[i].source < 0 || l[i].source >= SRC_COUNT)
            continue;
        g->cell[k][l[i].source][0] = plans_dkk_input(req, l[i].budget_ore);
        g->cell[k][l[i].source][1] = l[i].spent_ore ? plans_dkk_input(req, l[i].spent_ore) : "";
        const char *note = l[i].note ? l[i].note : "";
        if (!*note)
            continue;
        if (!g->note[k] || !*g->note[k])
            g->note[k] = note;
        else if (!strstr(g->note[k], note))
            g->note[k] = arena_printf(&req->a, "%s · %s", g->note[k], note);
    }
    /* The plan's period, and the current year and three more when it has none. */
    int from = year_of(pl->start_date), to = year_of(pl->end_date);
    if (!from && !g->nyears)
        from = year_of(plans_today(req));
    if (from && (!to || to < from || to - from > 10))
        to = from + 3;
    for (int y = from; from && y <= to; y++)
        year_index(g, y);
}

/* Reads the grid as the form sent it, the year notes included. */
static void grid_from_form(http_req *req, budget_grid *g)
{
    memset(g, 0, sizeof *g);
    const char **years;
    size_t ny = plans_form_all(req, "year", &years);
    for (size_t i = 0; i < ny; i++) {
        int y;
        if (!hh_parse_int(years[i], 2000, 2100, &y))
            continue;
        int k = year_index(g, y);
        if (k < 0)
            continue;
        for (int s = 0; s < SRC_COUNT; s++)
            for (int kind = 0; kind < 2; kind++)
                g->cell[k][s][kind] = plans_field(req, cell_name(req, kind, y, s));
        g->note[k] = plans_field(req, arena_printf(&req->a, "n-%d", y));
    }
}

static bool parse_cell(const char *s, int64_t *ore)
{
    if (!s || !*s) {
        *ore = 0;
        return true;
    }
    return plan_parse_dkk(s, ore);
}

/* The lines the grid holds: a line for every cell pair with something in it.
 * Returns false with e set (field = the cell's name) for unreadable amounts. */
static bool grid_lines(http_req *req, budget_grid *g, plan_budget_line **out, size_t *n, hh_error *e)
{
    plan_budget_line *l = arena_zalloc(&req->a, (g->nyears * SRC_COUNT + 1) * sizeof *l);
    size_t k = 0;
    for (size_t y = 0; y < g->nyears; y++) {
        size_t first = k;
        for (int s = 0; s < SRC_COUNT; s++) {
            const char *bv = g->cell[y][s][0], *sv = g->cell[y][s][1];
            if ((!bv || !*bv) && (!sv || !*sv))
                continue;
            int64_t bo, so;
            for (int kind = 0; kind < 2; kind++)
                if (!parse_cell(g->cell[y][s][kind], kind ? &so : &bo)) {
                    g->bad = cell_name(req, kind, g->years[y], s);
                    hh_fail(e, HH_ERR_INPUT, g->bad,
                            "%s for %s i %d: »%s« er ikke et beløb. Skriv kroner, fx 1.250.000 eller 1250000,50.",
                            kind ? "Forbrug" : "Budget", plan_source_label[s], g->years[y], g->cell[y][s][kind]);
                    return false;
                }
            l[k++] = (plan_budget_line){ .year = g->years[y],
                                         .source = (plan_source)s,
                                         .budget_ore = bo,
                                         .spent_ore = so,
                                         .note = g->note[y] ? g->note[y] : "" };
        }
        if (k == first && g->note[y] && *g->note[y]) {
            g->bad = arena_printf(&req->a, "n-%d", g->years[y]);
            hh_fail(e, HH_ERR_INPUT, g->bad,
                    "Noten for %d kan ikke gemmes, fordi året ikke har beløb. Skriv et beløb for året, eller slet "
                    "noten.",
                    g->years[y]);
            return false;
        }
    }
    *out = l;
    *n = k;
    return true;
}

static const char *pct(http_req *req, int64_t part, int64_t whole)
{
    if (whole <= 0)
        return "–";
    /* Two decimals at most, none when whole: "75 %", "75,01 %". */
    char *s = arena_strdup(&req->a, plans_num(req, 100.0 * (double)part / (double)whole, 2));
    char *comma = strrchr(s, ',');
    if (comma) {
        char *end = s + strlen(s);
        while (end > comma + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == comma + 1)
            *comma = '\0';
    }
    return arena_printf(&req->a, "%s %%", s);
}

static void budget_page(http_req *req, const plan *pl, budget_grid *g, const hh_error *err, bool saved, int status)
{
    bool w = plans_may_write(req, pl);
    plans_begin(req, pl, "Budget", "budget");
    buf *b = &req->out;
    if (err && err->msg[0])
        html_printf(b,
                    "<div id=\"budgetfejl\" class=\"notice notice-error rule-error\" role=\"alert\"><p><strong>"
                    "Budgettet er ikke gemt.</strong></p><p>%s</p></div>\n",
                    err->msg);
    else if (saved)
        notice(req, "ok", "Budgettet er gemt.");
    html_printf(b, "<p class=\"lead\">Beløb i kroner pr. år og finansieringskilde. %s</p>\n",
                pl->type == PLAN_SOCIAL
                    ? "Landsbyggefonden betaler højst 75 % af en boligsocial helhedsplan; fra puljen 2011–14 skal "
                      "mindst 25 % være lokal medfinansiering fra kommune, boligorganisation eller region. Der kan "
                      "ikke udbetales støtte fra Landsbyggefonden, "
                      "før kommunalbestyrelsen har godkendt planen."
                    : "Der kan ikke udbetales støtte fra Landsbyggefonden, før kommunalbestyrelsen har godkendt "
                      "planen.");
    /* Totals from what can be read. */
    int64_t col_b[SRC_COUNT] = { 0 }, col_s[SRC_COUNT] = { 0 }, total_b = 0, total_s = 0;
    int64_t row_b[MAX_YEARS] = { 0 }, row_s[MAX_YEARS] = { 0 };
    for (size_t y = 0; y < g->nyears; y++)
        for (int s = 0; s < SRC_COUNT; s++) {
            int64_t v;
            if (parse_cell(g->cell[y][s][0], &v)) {
                col_b[s] += v;
                row_b[y] += v;
                total_b += v;
            }
            if (parse_cell(g->cell[y][s][1], &v)) {
                col_s[s] += v;
                row_s[y] += v;
                total_s += v;
            }
        }
    if (w)
        form_open(req, arena_printf(&req->a, "/planer/%lld/budget", (long long)pl->id), "budget-form");
    html_printf(
        b,
        "<div class=\"table-wrap\"><table class=\"data budget\" data-budget=\"%s\"><caption>Budget og forbrug pr. år "
        "(kr.)</caption><thead><tr><th scope=\"col\">År</th><th scope=\"col\">Art</th>",
        pl->type == PLAN_SOCIAL ? "social" : "other");
    for (int s = 0; s < SRC_COUNT; s++)
        html_printf(b, "<th scope=\"col\" class=\"num\">%s</th>", plan_source_label[s]);
    html_printf(b, "<th scope=\"col\" class=\"num\">I alt</th></tr></thead>");
    for (size_t y = 0; y < g->nyears; y++) {
        int year = g->years[y];
        const char *note = g->note[y] ? g->note[y] : "";
        bool has_note_row = w || *note;
        html_printf(b, "<tbody class=\"year\">");
        for (int kind = 0; kind < 2; kind++) {
            html_printf(b, "<tr class=\"%s\">", kind ? "spent" : "planned");
            if (!kind)
                html_printf(b, "<th scope=\"rowgroup\" rowspan=\"%d\">%d%r</th>", has_note_row ? 3 : 2, year,
                            w ? arena_printf(&req->a, "<input type=\"hidden\" name=\"year\" value=\"%d\">", year) : "");
            html_printf(b, "<th scope=\"row\">%s</th>", kind ? "Forbrug" : "Budget");
            for (int s = 0; s < SRC_COUNT; s++) {
                const char *v = g->cell[y][s][kind] ? g->cell[y][s][kind] : "";
                const char *name = cell_name(req, kind, year, s);
                bool bad =
                    (g->bad && strcmp(g->bad, name) == 0) || (err && err->field[0] && strcmp(err->field, name) == 0);
                if (w)
                    html_printf(b,
                                "<td class=\"num%r\"><input name=\"%s\" id=\"%s\" value=\"%s\" inputmode=\"decimal\" "
                                "size=\"11\" data-src=\"%s\" data-kind=\"%s\" aria-label=\"%s %s %d\"%r></td>",
                                bad ? " invalid" : "", name, name, v, plan_source_code[s], kind ? "s" : "b",
                                kind ? "Forbrug" : "Budget", plan_source_label[s], year,
                                bad ? " aria-invalid=\"true\" aria-describedby=\"budgetfejl\"" : "");
                else {
                    int64_t o;
                    html_printf(b, "<td class=\"num\">%s</td>", *v && parse_cell(v, &o) ? plans_amount(req, o) : "");
                }
            }
            html_printf(b, "<td class=\"num total\" data-total=\"%s-%d\">%s</td></tr>", kind ? "s" : "b", year,
                        plans_amount(req, kind ? row_s[y] : row_b[y]));
        }
        if (w) {
            const char *name = arena_printf(&req->a, "n-%d", year);
            bool bad = (g->bad && strcmp(g->bad, name) == 0) || (err && err->field[0] && strcmp(err->field, name) == 0);
            html_printf(b,
                        "<tr class=\"note\"><th scope=\"row\"><label for=\"%s\">Note</label></th><td colspan=\"%d\">"
                        "<input name=\"%s\" id=\"%s\" value=\"%s\" type=\"text\" maxlength=\"500\"%r></td></tr>",
                        name, SRC_COUNT + 1, name, name, note,
                        bad ? " class=\"invalid\" aria-invalid=\"true\" aria-describedby=\"budgetfejl\"" : "");
        } else if (*note)
            html_printf(b, "<tr class=\"note\"><th scope=\"row\">Note</th><td colspan=\"%d\">%s</td></tr>",
                        SRC_COUNT + 1, note);
        html_printf(b, "</tbody>");
    }
    html_printf(b, "<tfoot><tr class=\"sum\"><th scope=\"row\" colspan=\"2\">Budget i alt</th>");
    for (int s = 0; s < SRC_COUNT; s++)
        html_printf(b, "<td class=\"num\" data-sum=\"b-%s\">%s</td>", plan_source_code[s], plans_amount(req, col_b[s]));
    html_printf(b,
                "<td class=\"num\" data-sum=\"b\">%s</td></tr><tr class=\"share\"><th scope=\"row\" "
                "colspan=\"2\">Andel af budgettet</th>",
                plans_amount(req, total_b));
    for (int s = 0; s < SRC_COUNT; s++)
        html_printf(b, "<td class=\"num%r\" data-share=\"%s\">%s</td>",
                    s == SRC_LBF && pl->type == PLAN_SOCIAL && total_b > 0 && 4 * col_b[s] > 3 * total_b ? " over" : "",
                    plan_source_code[s], pct(req, col_b[s], total_b));
    html_printf(b,
                "<td class=\"num\">%s</td></tr><tr class=\"sum\"><th scope=\"row\" colspan=\"2\">Forbrug i alt"
                "</th>",
                total_b > 0 ? "100 %" : "–");
    for (int s = 0; s < SRC_COUNT; s++)
        html_printf(b, "<td class=\"num\" data-sum=\"s-%s\">%s</td>", plan_source_code[s], plans_amount(req, col_s[s]));
    html_printf(b, "<td class=\"num\" data-sum=\"s\">%s</td></tr></tfoot></table></div>\n", plans_amount(req, total_s));
    int64_t co = col_b[SRC_MUNICIPALITY] + col_b[SRC_ORGANISATION] + col_b[SRC_REGION];
    html_printf(b,
                "<p class=\"budget-key\" aria-live=\"polite\">Landsbyggefondens andel: <strong data-lbf-share>%s"
                "</strong>%s · lokal medfinansiering: <strong data-cofin>%s</strong></p>\n",
                pct(req, col_b[SRC_LBF], total_b), pl->type == PLAN_SOCIAL ? " (højst 75 %)" : "",
                pct(req, co, total_b));
    if (w) {
        int next = g->nyears ? g->years[g->nyears - 1] + 1 : year_of(plans_today(req));
        html_printf(b,
                    "<p class=\"hint\">Tomme felter er 0. Et år uden beløb fjernes, når budgettet gemmes. Beløb "
                    "skrives i kroner, fx 1.250.000 eller 1250000,50. Noten gælder hele året og gemmes på årets "
                    "beløb.</p><div class=\"actions\"><button "
                    "type=\"submit\" name=\"action\" value=\"save\">Gem budgettet</button> <button type=\"submit\" "
                    "name=\"action\" value=\"add\" class=\"secondary\">Tilføj år %d</button></div></form>\n",
                    next);
    }
    page_end(req, status);
}

void page_plan_budget(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    plan_budget_line *l;
    size_t n;
    hh_error e;
    if (plan_budget_get(req->db, &req->a, pl.id, &l, &n, &e)) {
        http_fail_db(req, "reading a budget");
        return;
    }
    budget_grid *g = arena_zalloc(&req->a, sizeof *g);
    grid_from_lines(req, &pl, l, n, g);
    budget_page(req, &pl, g, NULL, http_query(req, "gemt") != NULL, 200);
}

void page_plan_budget_post(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    const char *action = http_form(req, "action");
    if (!action) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    if (!plans_may_write(req, &pl)) {
        http_error(req, 403, "forbidden", "Du kan se planen, men har ikke ret til at ændre budgettet.", NULL);
        return;
    }
    hh_error e;
    hh_error_clear(&e);
    budget_grid *g = arena_zalloc(&req->a, sizeof *g);
    grid_from_form(req, g);
    if (strcmp(action, "add") == 0) {
        year_index(g, g->nyears ? g->years[g->nyears - 1] + 1 : year_of(plans_today(req)));
        budget_page(req, &pl, g, NULL, false, 200);
        return;
    }
    plan_budget_line *l;
    size_t n;
    if (!grid_lines(req, g, &l, &n, &e)) {
        budget_page(req, &pl, g, &e, false, 422);
        return;
    }
    hh_err rc = plan_budget_put(req->db, web_principal(req), &req->a, pl.id, l, n, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        budget_page(req, &pl, g, &e, false, 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "saving a budget");
        return;
    }
    web_audit(req, "plan.budget", "plan", arena_printf(&req->a, "%lld", (long long)pl.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld/budget?gemt=1", (long long)pl.id));
}
