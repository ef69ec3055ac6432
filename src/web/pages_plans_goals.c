/* pages_plans_goals.c - a plan's goals (succeskriterier): the list with
 * progress, adding, changing and deleting goals, and the yearly
 * goal-achievement form (målopfyldelsesskema) in HTML (printable) and CSV.
 * Progress comes from plan_goal_progress (the key-figure series), never from
 * the form. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/keyfig.h"
#include "io/csv_write.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"

/* ---- the small chart ---- */

void plans_goal_chart(http_req *req, const plan_goal *g, const goal_progress *gp, const char *id)
{
    const double W = 240, H = 72, PAD = 8;
    int y0 = g->baseline_year, y1 = g->target_year;
    double lo = INFINITY, hi = -INFINITY;
    double base = gp && !isnan(gp->baseline) ? gp->baseline : g->baseline_value;
    const double pts[2] = { base, g->target_value };
    for (int i = 0; i < 2; i++)
        if (!isnan(pts[i])) {
            lo = fmin(lo, pts[i]);
            hi = fmax(hi, pts[i]);
        }
    for (size_t i = 0; gp && i < gp->n; i++) {
        if (isnan(gp->series[i].value))
            continue;
        lo = fmin(lo, gp->series[i].value);
        hi = fmax(hi, gp->series[i].value);
        if (gp->series[i].year < y0)
            y0 = gp->series[i].year;
        if (gp->series[i].year > y1)
            y1 = gp->series[i].year;
    }
    if (!isfinite(lo)) {
        lo = 0;
        hi = 1;
    }
    if (hi - lo < 1e-9) {
        lo -= 1;
        hi += 1;
    }
    if (y1 <= y0)
        y1 = y0 + 1;
    double span = hi - lo;
    lo -= span * 0.1;
    hi += span * 0.1;
#define GX(y) (PAD + ((double)(y)-y0) * (W - 2 * PAD) / (double)(y1 - y0))
#define GY(v) (H - PAD - ((v)-lo) * (H - 2 * PAD) / (hi - lo))
    buf *b = &req->out;
    const key_figure *kf = g->kf >= 0 && (size_t)g->kf < kf_count ? &kf_catalogue[g->kf] : NULL;
    int dec = kf ? kf->decimals : 1;
    const char *latest = "";
    if (gp && !isnan(gp->value))
        latest = arena_printf(&req->a, " Seneste værdi %s i %d.", plans_num(req, gp->value, dec), gp->year);
    html_printf(b,
                "<svg class=\"goal-chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                "aria-labelledby=\"%s-t %s-d\"><title id=\"%s-t\">%s</title><desc id=\"%s-d\">Udgangspunkt %s i "
                "%d, mål %s i %d.%s Stiplet linje: den lige vej fra udgangspunkt til mål.</desc>",
                (int)W, (int)H, (int)W, (int)H, id, id, id, g->title, id, plans_num(req, base, dec), g->baseline_year,
                plans_num(req, g->target_value, dec), g->target_year, latest);
    html_printf(b, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#f3f6f8\" rx=\"4\"/>", (int)W, (int)H);
    char a[32], c[32], d[32], e[32];
    if (!isnan(base)) {
        snprintf(a, sizeof a, "%.1f", GX(g->baseline_year));
        snprintf(c, sizeof c, "%.1f", GY(base));
        snprintf(d, sizeof d, "%.1f", GX(g->target_year));
        snprintf(e, sizeof e, "%.1f", GY(g->target_value));
        html_printf(b,
                    "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#51606f\" stroke-width=\"1.5\" "
                    "stroke-dasharray=\"4 3\"/><circle cx=\"%s\" cy=\"%s\" r=\"3.5\" fill=\"#fff\" stroke=\"#51606f\" "
                    "stroke-width=\"1.5\"/>",
                    a, c, d, e, a, c);
    }
    snprintf(d, sizeof d, "%.1f", GX(g->target_year) - 4);
    snprintf(e, sizeof e, "%.1f", GY(g->target_value) - 4);
    html_printf(b, "<rect x=\"%s\" y=\"%s\" width=\"8\" height=\"8\" fill=\"#2f7d5b\"/>", d, e);
    if (gp && gp->n) {
        buf path;
        buf_init(&path, 0);
        bool pen = false;
        for (size_t i = 0; i < gp->n; i++) {
            if (isnan(gp->series[i].value)) {
                pen = false;
                continue;
            }
            buf_printf(&path, "%s%.1f %.1f ", pen ? "L" : "M", GX(gp->series[i].year), GY(gp->series[i].value));
            pen = true;
        }
        html_printf(b, "<path d=\"%s\" fill=\"none\" stroke=\"#1f5f8b\" stroke-width=\"2\"/>", buf_cstr(&path));
        buf_free(&path);
        for (size_t i = 0; i < gp->n; i++) {
            if (isnan(gp->series[i].value))
                continue;
            snprintf(a, sizeof a, "%.1f", GX(gp->series[i].year));
            snprintf(c, sizeof c, "%.1f", GY(gp->series[i].value));
            html_printf(b, "<circle cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"#1f5f8b\"/>", a, c);
        }
    }
    html_printf(b, "</svg>");
#undef GX
#undef GY
}

const char *plans_goal_on(http_req *req, const plan *pl, const plan_goal *g)
{
    if (g->area_code && *g->area_code) {
        for (size_t i = 0; i < pl->nareas; i++)
            if (strcmp(pl->areas[i].key, g->area_code) == 0)
                return arena_printf(&req->a, "Boligområdet %s", pl->areas[i].name);
        return arena_printf(&req->a, "Boligområdet %s", g->area_code);
    }
    if (g->ndepartments == 0)
        return "Planens afdelinger";
    buf t;
    buf_init(&t, 0);
    for (size_t i = 0; i < g->ndepartments; i++) {
        const char *name = g->department_keys[i];
        for (size_t k = 0; k < pl->ndepartments; k++)
            if (strcmp(pl->departments[k].key, g->department_keys[i]) == 0)
                name = pl->departments[k].name;
        buf_printf(&t, "%s%s", i ? ", " : "", name);
    }
    const char *s = arena_printf(&req->a, "%s %s", g->ndepartments == 1 ? "Afdelingen" : "Afdelingerne", buf_cstr(&t));
    buf_free(&t);
    return s;
}

/* ---- the goals page ---- */

/* The fields of the goal form as typed (strings), for showing them again.
 * on: "depts" (the ticked departments, none ticked = all the plan's) or
 * "area:CODE"; depts: the ticked department keys. */
typedef struct goal_form {
    const char *id, *title, *kf, *on, *baseline_year, *baseline_value, *target_value, *target_year;
    const char **depts;
    size_t ndepts;
} goal_form;

static bool has_key(const char *const *keys, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(keys[i], key) == 0)
            return true;
    return false;
}

static const char *num_input(http_req *req, double v)
{
    if (isnan(v))
        return "";
    char out[48];
    fmt_num_da(out, sizeof out, v, 6);
    /* Drop thousands separators and trailing zeros: "1234,5". */
    char *w = out;
    for (char *p = out; *p; p++)
        if (*p != '.')
            *w++ = *p;
    *w = '\0';
    char *comma = strchr(out, ',');
    if (comma) {
        char *end = out + strlen(out);
        while (end > comma + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == comma + 1)
            *comma = '\0';
    }
    return arena_strdup(&req->a, out);
}

static void form_from_goal(http_req *req, const plan_goal *g, goal_form *f)
{
    f->id = arena_printf(&req->a, "%lld", (long long)g->id);
    f->title = g->title;
    f->kf = g->kf >= 0 && (size_t)g->kf < kf_count ? kf_catalogue[g->kf].code : "";
    if (g->area_code && *g->area_code)
        f->on = arena_printf(&req->a, "area:%s", g->area_code);
    else
        f->on = "depts";
    f->depts = arena_alloc(&req->a, (g->ndepartments + 1) * sizeof(char *));
    f->ndepts = 0;
    for (size_t i = 0; i < g->ndepartments; i++)
        f->depts[f->ndepts++] = g->department_keys[i];
    f->baseline_year = arena_printf(&req->a, "%d", g->baseline_year);
    f->baseline_value = num_input(req, g->baseline_value);
    f->target_value = num_input(req, g->target_value);
    f->target_year = arena_printf(&req->a, "%d", g->target_year);
}

static void sel(buf *b, const char *value, const char *label, const char *cur)
{
    html_printf(b, "<option value=\"%s\"%r>%s</option>", value, cur && strcmp(cur, value) == 0 ? " selected" : "",
                label);
}

static void goal_form_html(http_req *req, const plan *pl, const goal_form *f, const char *pfx)
{
    buf *b = &req->out;
    form_open(req, arena_printf(&req->a, "/planer/%lld/maal", (long long)pl->id), "grid-form goal-form");
    if (f && f->id && *f->id && strcmp(f->id, "0") != 0)
        html_printf(b, "<input type=\"hidden\" name=\"id\" value=\"%s\">", f->id);
    html_printf(b,
                "<div class=\"wide\"><label for=\"%s-title\">Mål (titel)</label><input id=\"%s-title\" name=\"title\" "
                "type=\"text\" value=\"%s\" required></div>",
                pfx, pfx, f && f->title ? f->title : "");
    html_printf(b, "<div class=\"wide\"><label for=\"%s-kf\">Nøgletal</label><select id=\"%s-kf\" name=\"key_figure\">",
                pfx, pfx);
    for (int l = 0; l < LINK_COUNT; l++) {
        html_printf(b, "<optgroup label=\"%s\">", kf_link_label[l]);
        for (size_t i = 0; i < kf_count; i++)
            if ((int)kf_catalogue[i].link == l)
                sel(b, kf_catalogue[i].code, kf_catalogue[i].name_da, f ? f->kf : NULL);
        html_printf(b, "</optgroup>");
    }
    /* Måles på: the plan's departments (a hand-picked set; none ticked =
     * all of them) or one of its housing areas. */
    const char *on = f && f->on ? f->on : "depts";
    bool on_area = strncmp(on, "area:", 5) == 0;
    html_printf(b, "</select></div><fieldset class=\"checklist goal-on\" id=\"%s-on\"><legend>Måles på</legend>", pfx);
    if (pl->nareas)
        html_printf(b, "<label><input type=\"radio\" name=\"on\" value=\"depts\"%r> Afdelinger</label>",
                    on_area ? "" : " checked");
    else
        html_printf(b, "<input type=\"hidden\" name=\"on\" value=\"depts\">");
    html_printf(b, "<div class=\"goal-depts\"><p class=\"hint\">Ingen afkrydset: alle planens afdelinger.</p>");
    for (size_t i = 0; i < pl->ndepartments; i++) {
        const char *key = pl->departments[i].key;
        html_printf(b,
                    "<label><input type=\"checkbox\" name=\"department\" value=\"%s\"%r> %s <span "
                    "class=\"muted\">%s</span></label>",
                    key, f && f->depts && has_key(f->depts, f->ndepts, key) ? " checked" : "", pl->departments[i].name,
                    key);
    }
    html_printf(b, "</div>");
    for (size_t i = 0; i < pl->nareas; i++) {
        const char *v = arena_printf(&req->a, "area:%s", pl->areas[i].key);
        html_printf(b, "<label><input type=\"radio\" name=\"on\" value=\"%s\"%r> Boligområdet %s</label>", v,
                    strcmp(on, v) == 0 ? " checked" : "", pl->areas[i].name);
    }
    html_printf(b,
                "</fieldset><div><label for=\"%s-by\">Udgangsår</label><input id=\"%s-by\" name=\"baseline_year\" "
                "inputmode=\"numeric\" size=\"6\" value=\"%s\" required></div><div><label for=\"%s-bv\">"
                "Udgangsværdi <span class=\"muted\">(tom: læses af tallene)</span></label><input id=\"%s-bv\" "
                "name=\"baseline_value\" inputmode=\"decimal\" size=\"8\" value=\"%s\"></div><div><label "
                "for=\"%s-tv\">Målværdi</label><input id=\"%s-tv\" name=\"target_value\" inputmode=\"decimal\" "
                "size=\"8\" value=\"%s\" required></div><div><label for=\"%s-ty\">Målår</label><input id=\"%s-ty\" "
                "name=\"target_year\" inputmode=\"numeric\" size=\"6\" value=\"%s\" required></div>"
                "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
                pfx, pfx, f && f->baseline_year ? f->baseline_year : "", pfx, pfx,
                f && f->baseline_value ? f->baseline_value : "", pfx, pfx, f && f->target_value ? f->target_value : "",
                pfx, pfx, f && f->target_year ? f->target_year : "",
                f && f->id && *f->id && strcmp(f->id, "0") != 0 ? "Gem målet" : "Tilføj målet");
}

static void goals_page(http_req *req, const plan *pl, const goal_form *typed, const hh_error *err, int status)
{
    plan_goal *g;
    size_t n = 0;
    hh_error e;
    if (plan_goals(req->db, &req->a, pl->id, &g, &n, &e)) {
        http_fail_db(req, "reading goals");
        return;
    }
    bool w = plans_may_write(req, pl);
    plans_begin(req, pl, "Mål", "maal");
    buf *b = &req->out;
    if (err && err->msg[0])
        notice(req, "error", arena_printf(&req->a, "Målet er ikke gemt: %s", err->msg));
    else if (http_query(req, "gemt"))
        notice(req, "ok", "Målet er gemt.");
    html_printf(b, "<p class=\"lead\">Succeskriterier måles på nøgletal fra registret. Fremdriften beregnes af "
                   "tallene og kan ikke tastes.</p>\n");
    if (!n)
        html_printf(b, "<p class=\"empty\">Planen har ingen mål endnu.</p>\n");
    for (size_t i = 0; i < n; i++) {
        goal_progress gp;
        if (plan_goal_progress(req->db, &req->a, pl, &g[i], 0, &gp, &e)) {
            memset(&gp, 0, sizeof gp);
            gp.baseline = gp.value = gp.progress = NAN;
        }
        const key_figure *kf = g[i].kf >= 0 && (size_t)g[i].kf < kf_count ? &kf_catalogue[g[i].kf] : NULL;
        int dec = kf ? kf->decimals : 1;
        html_printf(b,
                    "<section class=\"card goal-item\" aria-labelledby=\"g-%D\"><h2 id=\"g-%D\">%s %r</h2><p "
                    "class=\"muted\">%s · %s</p><dl class=\"facts\"><div><dt>Udgangspunkt</dt><dd>%s (%d)</dd></div>"
                    "<div><dt>Mål</dt><dd>%s (%d)</dd></div><div><dt>Seneste</dt><dd>%s</dd></div><div>"
                    "<dt>Fremdrift</dt><dd>%s</dd></div></dl>",
                    g[i].id, g[i].id, g[i].title, plans_goal_badge(req, gp.status), kf ? kf->name_da : "",
                    plans_goal_on(req, pl, &g[i]), plans_num(req, gp.baseline, dec), g[i].baseline_year,
                    plans_num(req, g[i].target_value, dec), g[i].target_year,
                    isnan(gp.value) ? "Ingen data"
                                    : arena_printf(&req->a, "%s (%d)", plans_num(req, gp.value, dec), gp.year),
                    isnan(gp.progress) ? "–" : arena_printf(&req->a, "%s %%", plans_num(req, gp.progress * 100, 0)));
        plans_goal_chart(req, &g[i], &gp, arena_printf(&req->a, "gc-%lld", (long long)g[i].id));
        if (w) {
            goal_form f;
            if (typed && typed->id && strcmp(typed->id, arena_printf(&req->a, "%lld", (long long)g[i].id)) == 0)
                f = *typed;
            else
                form_from_goal(req, &g[i], &f);
            html_printf(b, "<details class=\"add\"%r><summary>Redigér målet</summary>",
                        typed && f.title == typed->title ? " open" : "");
            goal_form_html(req, pl, &f, arena_printf(&req->a, "e%lld", (long long)g[i].id));
            html_printf(b, "</details>");
            plans_delete_button(req, arena_printf(&req->a, "/planer/%lld/maal/slet", (long long)pl->id), g[i].id,
                                "Slet målet", g[i].title);
        }
        html_printf(b, "</section>\n");
    }
    if (w) {
        bool new_typed = typed && (!typed->id || !*typed->id);
        html_printf(b, "<section aria-labelledby=\"h-nytmaal\" class=\"card\"><h2 id=\"h-nytmaal\">Nyt mål</h2>");
        goal_form_html(req, pl, new_typed ? typed : NULL, "ny");
        html_printf(b, "</section>\n");
    }
    html_printf(b, "<p><a href=\"/planer/%D/maalopfyldelse\">Målopfyldelsesskema</a></p>\n", pl->id);
    page_end(req, status);
}

void page_plan_goals(http_req *req)
{
    plan pl;
    if (plans_load(req, &pl))
        goals_page(req, &pl, NULL, NULL, 200);
}

static bool parse_year(const char *s, int *y)
{
    return s && hh_parse_int(s, 1900, 2200, y);
}

void page_plan_goal_post(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    goal_form f = { .id = plans_field(req, "id"),
                    .title = plans_field(req, "title"),
                    .kf = plans_field(req, "key_figure"),
                    .on = plans_field(req, "on"),
                    .baseline_year = plans_field(req, "baseline_year"),
                    .baseline_value = plans_field(req, "baseline_value"),
                    .target_value = plans_field(req, "target_value"),
                    .target_year = plans_field(req, "target_year") };
    f.ndepts = plans_form_all(req, "department", &f.depts);
    if (!f.title) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    plan_goal g;
    memset(&g, 0, sizeof g);
    hh_error e;
    hh_error_clear(&e);
    int64_t id = 0;
    if (f.id && *f.id && !hh_parse_int64(f.id, strlen(f.id), &id))
        id = -1;
    g.id = id;
    g.title = f.title;
    g.kf = f.kf ? kf_find(f.kf) : -1;
    g.area_code = "";
    /* The ticked departments, each once ("dept:KEY", the old single choice,
     * counts as ticked); none = all the plan's departments. */
    const char **keys = arena_alloc(&req->a, (f.ndepts + 2) * sizeof(char *));
    size_t nkeys = 0;
    if (f.on && strncmp(f.on, "dept:", 5) == 0)
        keys[nkeys++] = f.on + 5;
    for (size_t i = 0; i < f.ndepts; i++)
        if (!has_key(keys, nkeys, f.depts[i]))
            keys[nkeys++] = f.depts[i];
    if (f.on && strncmp(f.on, "area:", 5) == 0) {
        g.area_code = f.on + 5;
        g.department_keys = keys;
        g.ndepartments = 0;
    } else {
        g.department_keys = keys;
        g.ndepartments = nkeys;
        f.on = "depts";
        f.depts = keys;
        f.ndepts = nkeys;
    }
    g.baseline_value = NAN;
    hh_err rc = HH_OK;
    if (g.kf < 0)
        rc = hh_fail(&e, HH_ERR_INPUT, "key_figure", "Vælg et nøgletal fra kataloget.");
    else if (!parse_year(f.baseline_year, &g.baseline_year))
        rc = hh_fail(&e, HH_ERR_INPUT, "baseline_year", "Udgangsår skal være et årstal, fx 2014.");
    else if (f.baseline_value && *f.baseline_value && !plans_parse_num(f.baseline_value, &g.baseline_value))
        rc = hh_fail(&e, HH_ERR_INPUT, "baseline_value", "Udgangsværdi skal være et tal, fx 12,5 (eller tom).");
    else if (!plans_parse_num(f.target_value, &g.target_value))
        rc = hh_fail(&e, HH_ERR_INPUT, "target_value", "Målværdi skal være et tal, fx 10,5.");
    else if (!parse_year(f.target_year, &g.target_year))
        rc = hh_fail(&e, HH_ERR_INPUT, "target_year", "Målår skal være et årstal, fx 2018.");
    else if (id < 0)
        rc = hh_fail(&e, HH_ERR_INPUT, "id", "Målet findes ikke.");
    if (!rc)
        rc = plan_goal_put(req->db, web_principal(req), &req->a, pl.id, &g, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        goals_page(req, &pl, &f, &e, 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "saving a goal");
        return;
    }
    web_audit(req, "plan.goal", "plan", arena_printf(&req->a, "%lld", (long long)pl.id), "ok");
    http_redirect(req, 303,
                  arena_printf(&req->a, "/planer/%lld/maal?gemt=1#g-%lld", (long long)pl.id, (long long)g.id));
}

void page_plan_goal_delete(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    const char *s = plans_field(req, "id");
    int64_t id;
    if (!s || !hh_parse_int64(s, strlen(s), &id)) {
        http_error(req, 400, "bad_request", "Vælg det mål, der skal slettes.", NULL);
        return;
    }
    hh_error e;
    plan_goal *g;
    size_t n = 0;
    if (plan_goals(req->db, &req->a, pl.id, &g, &n, &e)) {
        http_fail_db(req, "reading goals");
        return;
    }
    const char *what = NULL;
    for (size_t i = 0; i < n; i++)
        if (g[i].id == id)
            what = arena_printf(&req->a, "målet »%s«", g[i].title);
    if (!what) {
        http_error(req, 404, "not_found", "Målet findes ikke (længere). Genindlæs siden.", NULL);
        return;
    }
    if (!plans_delete_confirmed(req, &pl, id, what,
                                arena_printf(&req->a, "/planer/%lld/maal#g-%lld", (long long)pl.id, (long long)id)))
        return;
    hh_err rc = plan_goal_delete(req->db, web_principal(req), pl.id, id, &e);
    if (rc) {
        plans_fail(req, rc, &e, "deleting a goal");
        return;
    }
    web_audit(req, "plan.goal.delete", "plan", arena_printf(&req->a, "%lld", (long long)pl.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld/maal", (long long)pl.id));
}

/* ---- the goal-achievement form ---- */

static int report_year(http_req *req)
{
    const char *s = http_query(req, "aar");
    int y;
    if (s && hh_parse_int(s, 1990, 2100, &y))
        return y;
    int last = kf_latest_year(req->db);
    if (last)
        return last;
    char now[21];
    hh_utc_iso(now);
    int cur = 2000;
    char ys[5] = { now[0], now[1], now[2], now[3], 0 };
    hh_parse_int(ys, 1990, 2200, &cur);
    return cur - 1;
}

typedef struct achievement_row {
    const plan_goal *g;
    goal_progress gp;
    const key_figure *kf;
    const char *on, *series;
} achievement_row;

static bool achievement_rows(http_req *req, const plan *pl, int year, achievement_row **out, size_t *n)
{
    plan_goal *g;
    size_t ng = 0;
    hh_error e;
    if (plan_goals(req->db, &req->a, pl->id, &g, &ng, &e)) {
        http_fail_db(req, "reading goals");
        return false;
    }
    achievement_row *r = arena_zalloc(&req->a, (ng + 1) * sizeof *r);
    for (size_t i = 0; i < ng; i++) {
        r[i].g = &g[i];
        r[i].kf = g[i].kf >= 0 && (size_t)g[i].kf < kf_count ? &kf_catalogue[g[i].kf] : NULL;
        r[i].on = plans_goal_on(req, pl, &g[i]);
        if (plan_goal_progress(req->db, &req->a, pl, &g[i], year, &r[i].gp, &e)) {
            memset(&r[i].gp, 0, sizeof r[i].gp);
            r[i].gp.baseline = r[i].gp.value = r[i].gp.progress = NAN;
            r[i].gp.year = year;
        }
        int dec = r[i].kf ? r[i].kf->decimals : 1;
        buf t;
        buf_init(&t, 0);
        for (size_t k = 0; k < r[i].gp.n; k++) {
            const goal_point *p = &r[i].gp.series[k];
            buf_printf(&t, "%s%d: %s", t.len ? " · " : "", p->year,
                       p->suppressed ? "<5" : plans_num(req, p->value, dec));
        }
        r[i].series = arena_strdup(&req->a, buf_cstr(&t));
        buf_free(&t);
    }
    *out = r;
    *n = ng;
    return true;
}

/* The plan of the path, the report's year and its rows; false after
 * answering. */
static bool load_achievement(http_req *req, plan *pl, int *year, achievement_row **r, size_t *n)
{
    if (!plans_load(req, pl))
        return false;
    *year = report_year(req);
    return achievement_rows(req, pl, *year, r, n);
}

void page_plan_achievement(http_req *req)
{
    plan pl;
    int year;
    achievement_row *r;
    size_t n;
    if (!load_achievement(req, &pl, &year, &r, &n))
        return;
    plans_begin(req, &pl, arena_printf(&req->a, "Målopfyldelsesskema %d", year), "maalopfyldelse");
    buf *b = &req->out;
    html_printf(b,
                "<p class=\"lead\">Målopfyldelse for %s (%s, %s) i %d, beregnet af nøgletallene. Skemaet kan "
                "udskrives og vedlægges årsrapporten til Landsbyggefonden.</p>\n",
                pl.name, plan_type_label[pl.type], pl.municipality_name, year);
    html_printf(b,
                "<form class=\"filters no-print\" method=\"get\" action=\"/planer/%D/maalopfyldelse\"><div>"
                "<label for=\"aar\">År</label><input id=\"aar\" name=\"aar\" inputmode=\"numeric\" size=\"6\" "
                "value=\"%d\"></div><button type=\"submit\">Vis</button></form>\n",
                pl.id, year);
    if (!n) {
        html_printf(b, "<p class=\"empty\">Planen har ingen mål. <a href=\"/planer/%D/maal\">Sæt mål</a>.</p>\n",
                    pl.id);
        page_end(req, 200);
        return;
    }
    html_printf(b,
                "<div class=\"table-wrap\"><table class=\"data achievement\"><caption>Målopfyldelsesskema %d · %s"
                "</caption><thead><tr><th scope=\"col\">Indikator</th><th scope=\"col\">Målt på</th>"
                "<th scope=\"col\" class=\"num\">Udgangspunkt</th><th scope=\"col\" class=\"num\">Mål</th>"
                "<th scope=\"col\" class=\"num\">Værdi %d</th><th scope=\"col\" class=\"num\">Fremdrift</th>"
                "<th scope=\"col\">Status</th><th scope=\"col\">Forløb</th></tr></thead><tbody>",
                year, pl.name, year);
    for (size_t i = 0; i < n; i++) {
        int dec = r[i].kf ? r[i].kf->decimals : 1;
        html_printf(b,
                    "<tr><th scope=\"row\">%s<br><span class=\"muted\">%s</span></th><td>%s</td>"
                    "<td class=\"num\">%s (%d)</td><td class=\"num\">%s (%d)</td><td class=\"num\">%s</td>"
                    "<td class=\"num\">%s</td><td>%r</td><td class=\"series\">%s</td></tr>",
                    r[i].g->title, r[i].kf ? r[i].kf->name_da : "", r[i].on, plans_num(req, r[i].gp.baseline, dec),
                    r[i].g->baseline_year, plans_num(req, r[i].g->target_value, dec), r[i].g->target_year,
                    plans_num(req, r[i].gp.value, dec),
                    isnan(r[i].gp.progress) ? "–"
                                            : arena_printf(&req->a, "%s %%", plans_num(req, r[i].gp.progress * 100, 0)),
                    plans_goal_badge(req, r[i].gp.status), *r[i].series ? r[i].series : "Ingen tal");
    }
    html_printf(b, "</tbody></table></div>\n<div class=\"goal-charts\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(b, "<figure><figcaption>%s</figcaption>", r[i].g->title);
        plans_goal_chart(req, r[i].g, &r[i].gp, arena_printf(&req->a, "mo-%zu", i));
        html_printf(b, "</figure>");
    }
    html_printf(
        b,
        "</div>\n<p class=\"hint\">Figurerne: den fuldt optrukne linje er de målte værdier, den stiplede linje den "
        "lige vej fra udgangspunkt til mål, og den grønne firkant målet. Fremdrift: andelen af vejen fra udgangspunkt "
        "til mål. Status sammenligner "
        "med den lige vej fra udgangspunkt til mål: Nået, På vej eller Bagud. Tal for færre end 5 personer "
        "vises som &lt;5.</p>\n<p class=\"export\">Data: <a href=\"/planer/%D/maalopfyldelse.csv?aar=%d\">CSV"
        "</a></p>\n",
        pl.id, year);
    page_end(req, 200);
}

void page_plan_achievement_csv(http_req *req)
{
    plan pl;
    int year;
    achievement_row *r;
    size_t n;
    if (!load_achievement(req, &pl, &year, &r, &n))
        return;
    static const char *const head[] = { "plan",          "år",           "indikator", "nøgletal", "målt_på",
                                        "udgangsår",     "udgangsværdi", "målår",     "målværdi", "værdi",
                                        "fremdrift_pct", "status",       "forløb" };
    buf *b = &req->out;
    buf_puts(b, CSV_BOM);
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        csv_field(b, head[i], i == 0);
    csv_end_row(b);
    for (size_t i = 0; i < n; i++) {
        int dec = r[i].kf ? r[i].kf->decimals : 1;
        csv_field(b, pl.name, true);
        csv_number_field(b, arena_printf(&req->a, "%d", year), false);
        csv_field(b, r[i].g->title, false);
        csv_field(b, r[i].kf ? r[i].kf->code : "", false);
        csv_field(b, r[i].on, false);
        csv_number_field(b, arena_printf(&req->a, "%d", r[i].g->baseline_year), false);
        csv_field(b, isnan(r[i].gp.baseline) ? "" : plans_num(req, r[i].gp.baseline, dec), false);
        csv_number_field(b, arena_printf(&req->a, "%d", r[i].g->target_year), false);
        csv_field(b, plans_num(req, r[i].g->target_value, dec), false);
        csv_field(b, isnan(r[i].gp.value) ? "" : plans_num(req, r[i].gp.value, dec), false);
        csv_field(b, isnan(r[i].gp.progress) ? "" : plans_num(req, r[i].gp.progress * 100, 0), false);
        csv_field(b, goal_status_label[r[i].gp.status], false);
        csv_field(b, r[i].series, false);
        csv_end_row(b);
    }
    http_add_header(
        req, "Content-Disposition",
        arena_printf(&req->a, "attachment; filename=\"maalopfyldelse-%lld-%d.csv\"", (long long)pl.id, year));
    http_respond(req, 200, "text/csv; charset=utf-8");
}
