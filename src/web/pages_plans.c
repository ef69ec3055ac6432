/* pages_plans.c - holistic plans in the browser (DOMAIN.md §3): Det
 * Boligsociale Danmarkskort (filters, the map of plans per municipality,
 * summary figures, the list and its CSV), the form that creates and changes
 * a plan, the plan's own page with its lifecycle timeline and the
 * transitions the reader may make, and the plan sections on department and
 * area pages. Every rule lives in the domain (domain/plans.h); these pages
 * only read forms, call it and show what it says. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "domain/boundary.h"
#include "domain/geo.h"
#include "domain/keyfig.h"
#include "domain/registry.h"
#include "http/respcache.h"
#include "io/csv_write.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"
#include "web/svg.h"
#include "web/wtable.h"

/* ---- the map and the list ---- */

typedef struct list_query {
    plan_filter f;
    const char *type, *state, *round, *focus, *municipality, *region, *org, *q;
} list_query;

static const char *q_or_null(http_req *req, const char *name)
{
    const char *v = http_query(req, name);
    return v && *v ? v : NULL;
}

static void read_query(http_req *req, list_query *lq)
{
    memset(lq, 0, sizeof *lq);
    plan_filter *f = &lq->f;
    f->type = -1;
    f->state = -1;
    lq->type = q_or_null(req, "type");
    lq->state = q_or_null(req, "state");
    lq->round = q_or_null(req, "round");
    lq->focus = q_or_null(req, "focus");
    lq->municipality = q_or_null(req, "municipality");
    lq->region = q_or_null(req, "region");
    lq->org = q_or_null(req, "org");
    lq->q = q_or_null(req, "q");
    if (lq->type)
        f->type = plan_enum_find(plan_type_code, PLAN_TYPE_COUNT, lq->type);
    if (lq->state)
        f->state = plan_enum_find(plan_state_code, PS_COUNT, lq->state);
    if (lq->round && !plan_round_find(lq->round))
        lq->round = NULL;
    f->round = lq->round;
    f->focus = lq->focus;
    f->municipality_code = lq->municipality;
    f->region_code = lq->region;
    int64_t org = 0;
    if (lq->org && hh_parse_int64(lq->org, strlen(lq->org), &org) && org > 0)
        f->org_no = org;
    else
        lq->org = NULL;
    f->q = lq->q;
}

/* The query string of the filters, without `skip`, ending in '&' when not empty. */
static const char *filter_query(http_req *req, const list_query *lq, const char *skip)
{
    const struct {
        const char *k, *v;
    } kv[] = { { "type", lq->type },
               { "state", lq->state },
               { "round", lq->round },
               { "focus", lq->focus },
               { "municipality", lq->municipality },
               { "region", lq->region },
               { "org", lq->org },
               { "q", lq->q } };
    buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        if (kv[i].v && (!skip || strcmp(skip, kv[i].k) != 0))
            buf_printf(&b, "%s=%s&", kv[i].k, plans_urlenc(req, kv[i].v));
    const char *s = arena_strdup(&req->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* The query's filters and the plans they select; false after answering. */
static bool load_list(http_req *req, list_query *lq, plan_summary **rows, size_t *n)
{
    read_query(req, lq);
    hh_error e;
    hh_err rc = plan_list(req->db, web_principal(req), &req->a, &lq->f, rows, n, &e);
    if (rc) {
        plans_fail(req, rc, &e, "listing plans");
        return false;
    }
    return true;
}

static void option(buf *b, const char *value, const char *label, const char *selected)
{
    html_printf(b, "<option value=\"%s\"%r>%s</option>", value,
                selected && strcmp(selected, value) == 0 ? " selected" : "", label);
}

static void filter_form(http_req *req, const list_query *lq)
{
    buf *b = &req->out;
    hh_error e;
    html_printf(b, "<form class=\"filters plan-filters\" method=\"get\" action=\"/planer\" role=\"search\" "
                   "aria-label=\"Filtrér planerne\">");
    html_printf(b, "<div><label for=\"f-type\">Type</label><select id=\"f-type\" name=\"type\">"
                   "<option value=\"\">Alle typer</option>");
    for (int t = 0; t < PLAN_TYPE_COUNT; t++)
        option(b, plan_type_code[t], plan_type_label[t], lq->type);
    html_printf(b, "</select></div><div><label for=\"f-state\">Tilstand</label><select id=\"f-state\" "
                   "name=\"state\"><option value=\"\">Alle tilstande</option>");
    for (int s = 0; s < PS_COUNT; s++)
        option(b, plan_state_code[s], plan_state_label[s], lq->state);
    html_printf(b, "</select></div><div><label for=\"f-round\">Pulje</label><select id=\"f-round\" name=\"round\" "
                   "data-focus-for=\"f-focus\">"
                   "<option value=\"\">Alle puljer</option>");
    for (size_t r = 0; r < plan_nrounds; r++)
        option(b, plan_rounds[r].code, plan_rounds[r].label, lq->round);
    /* The focus areas depend on the round: the chosen round's list, or every
     * round's list in groups. */
    html_printf(b, "</select></div><div><label for=\"f-focus\">Indsatsområde</label><select id=\"f-focus\" "
                   "name=\"focus\"><option value=\"\">Alle indsatsområder</option>");
    for (size_t r = 0; r < plan_nrounds; r++) {
        const plan_round *pr = &plan_rounds[r];
        if (pr->free_themes || !pr->nfocus)
            continue;
        html_printf(b, "<optgroup label=\"%s\" data-round=\"%s\">", pr->label, pr->code);
        for (size_t k = 0; k < pr->nfocus; k++)
            option(b, pr->focus[k], pr->focus[k], lq->focus);
        html_printf(b, "</optgroup>");
    }
    html_printf(b, "</select></div>");
    geo_region *regions;
    size_t nr = 0;
    if (geo_regions(req->db, &req->a, &regions, &nr, &e) == HH_OK && nr) {
        html_printf(b, "<div><label for=\"f-region\">Region</label><select id=\"f-region\" name=\"region\">"
                       "<option value=\"\">Hele landet</option>");
        for (size_t i = 0; i < nr; i++)
            option(b, regions[i].code, regions[i].name, lq->region);
        html_printf(b, "</select></div>");
    }
    geo_municipality *m;
    size_t nm = 0;
    if (geo_municipalities(req->db, &req->a, NULL, GEO_BY_NAME, &m, &nm, &e) == HH_OK && nm) {
        html_printf(b, "<div><label for=\"f-municipality\">Kommune</label><select id=\"f-municipality\" "
                       "name=\"municipality\"><option value=\"\">Alle kommuner</option>");
        for (size_t i = 0; i < nm; i++)
            option(b, m[i].code, m[i].name, lq->municipality);
        html_printf(b, "</select></div>");
    }
    reg_scope s;
    reg_scope_aggregate(web_principal(req), &req->a, &s);
    organisation *o;
    size_t no = 0;
    if (reg_organisations(req->db, &s, &req->a, NULL, &o, &no, &e) == HH_OK && no) {
        html_printf(b, "<div><label for=\"f-org\">Boligorganisation</label><select id=\"f-org\" name=\"org\">"
                       "<option value=\"\">Alle organisationer</option>");
        for (size_t i = 0; i < no; i++)
            option(b, arena_printf(&req->a, "%lld", (long long)o[i].org_no), o[i].name, lq->org);
        html_printf(b, "</select></div>");
    }
    html_printf(b,
                "<div><label for=\"f-q\">Fritekst</label><input id=\"f-q\" name=\"q\" type=\"search\" "
                "value=\"%s\"></div><button type=\"submit\">Vis</button> <a href=\"/planer\">Nulstil</a></form>\n",
                lq->q ? lq->q : "");
}

static const char *kroner_plain(http_req *req, int64_t ore)
{
    return arena_printf(&req->a, "%s%lld,%02lld", ore < 0 ? "-" : "", (long long)(llabs(ore) / 100),
                        (long long)(llabs(ore) % 100));
}

/* Cooperation agreements of the reader's plans that expire soon. */
static void expiring(http_req *req)
{
    plan_cooperation *c;
    size_t n = 0;
    hh_error e;
    if (plan_cooperations(req->db, web_principal(req), &req->a, 0, PLAN_EXPIRY_DAYS, NULL, &c, &n, &e) || !n)
        return;
    buf *b = &req->out;
    html_printf(b,
                "<section class=\"notice notice-warn expiring-list\" aria-labelledby=\"h-udloeber\"><h2 "
                "id=\"h-udloeber\">%zu %s udløber inden for %d dage</h2><ul>",
                n, n == 1 ? "samarbejdsaftale" : "samarbejdsaftaler", PLAN_EXPIRY_DAYS);
    for (size_t i = 0; i < n; i++)
        html_printf(b,
                    "<li><a href=\"/planer/%D#samarbejde\">%s</a> med <a href=\"/partnere/%D\">%s</a>: "
                    "<span class=\"expiry expiring\">Udløber om %d %s</span> (%s)</li>",
                    c[i].plan_id, c[i].plan_name, c[i].partner_id, c[i].partner_name, c[i].days_left,
                    c[i].days_left == 1 ? "dag" : "dage", plans_date(req, c[i].valid_to));
    html_printf(b, "</ul></section>\n");
}

/* "2013–2016" from two ISO dates. */
static const char *years(http_req *req, const char *from, const char *to)
{
    bool f = from && strlen(from) >= 4, t = to && strlen(to) >= 4;
    if (f && t)
        return arena_printf(&req->a, "%.4s–%.4s", from, to);
    if (f)
        return arena_printf(&req->a, "fra %.4s", from);
    return t ? arena_printf(&req->a, "til %.4s", to) : "";
}

/* Everything below the page's header: the filters, the figures, the
 * expiring agreements, the map and the list. The same for every reader with
 * the same plan and registry scope (no user names, no CSRF tokens: the
 * filter form is a GET form), so page_plans() caches it as a fragment. */
static void plans_map_part(http_req *req, const list_query *lq, const plan_summary *rows, size_t n)
{
    buf *b = &req->out;
    filter_form(req, lq);
    int64_t budget = 0, lbf = 0;
    svg_map_value *mv = arena_zalloc(&req->a, (n ? n : 1) * sizeof(svg_map_value));
    size_t nmv = 0;
    for (size_t i = 0; i < n; i++) {
        budget += rows[i].budget_ore;
        lbf += rows[i].lbf_ore;
        size_t k = 0;
        while (k < nmv && strcmp(mv[k].code, rows[i].municipality_code) != 0)
            k++;
        if (k == nmv)
            mv[nmv++] = (svg_map_value){ .code = rows[i].municipality_code, .value = 0 };
        mv[k].value += 1;
    }
    html_printf(b,
                "<ul class=\"stats\" aria-label=\"Nøgletal for de viste planer\">"
                "<li><span class=\"stat-num\" id=\"antal-planer\">%zu</span><span class=\"stat-label\">%s</span></li>"
                "<li><span class=\"stat-num\">%s</span><span class=\"stat-label\">samlet budget</span></li>"
                "<li><span class=\"stat-num\">%s</span><span class=\"stat-label\">støtte fra "
                "Landsbyggefonden</span></li><li><span class=\"stat-num\">%zu</span><span class=\"stat-label\">"
                "%s</span></li></ul>\n",
                n, n == 1 ? "plan" : "planer", plans_mio(req, budget), plans_mio(req, lbf), nmv,
                nmv == 1 ? "kommune" : "kommuner");
    hh_error e;
    expiring(req);
    boundary_shape *shapes = NULL;
    size_t ns = 0;
    boundary_view view;
    if (n && boundary_load(req->db, BOUNDARY_MUNICIPALITY, &req->a, &shapes, &ns, &e) == HH_OK && ns > 0 &&
        boundary_view_load(req->db, BOUNDARY_MUNICIPALITY, &view, &e) == HH_OK) {
        svg_map m = { .id = "plankort",
                      .title = "Antal helhedsplaner pr. kommune",
                      .unit = "",
                      .decimals = 0,
                      .shapes = shapes,
                      .nshapes = ns,
                      .view = &view,
                      .values = mv,
                      .nvalues = nmv,
                      .href = arena_printf(&req->a, "/planer?%smunicipality={code}",
                                           filter_query(req, lq, "municipality")) };
        html_printf(b, "<section class=\"plan-map\" aria-labelledby=\"h-kort\"><h2 id=\"h-kort\">Kortet</h2>"
                       "<p class=\"hint\">Vælg en kommune for at se dens planer.</p>");
        svg_choropleth(b, &m);
        html_printf(b, "</section>\n");
    }
    static const wt_col cols[] = { { "Plan", false },
                                   { "Tilstand", false },
                                   { "Kommune", false },
                                   { "Pulje", false },
                                   { "Periode", false },
                                   { "Indsatsområder", false },
                                   { "Budget (mio. kr.)", true },
                                   { "Heraf LBF (mio. kr.)", true } };
    wtable t;
    wt_init(&t, req, cols, sizeof cols / sizeof cols[0], "Planerne", "helhedsplaner");
    for (size_t i = 0; i < n; i++) {
        const plan_summary *r = &rows[i];
        wt_cell *c = wt_row(&t);
        c[0] = (wt_cell){ .text = r->name, .href = arena_printf(&req->a, "/planer/%lld", (long long)r->id) };
        /* The name escaped by html_printf into a buffer of our own. */
        buf cell;
        buf_init(&cell, 0);
        html_printf(&cell, "<a href=\"/planer/%D\">%s</a><br><span class=\"muted\">%s · %s</span>", r->id, r->name,
                    plan_type_label[r->type], r->orgs ? r->orgs : "");
        c[0].html = arena_strdup(&req->a, buf_cstr(&cell));
        buf_free(&cell);
        c[1] = (wt_cell){ .text = plan_state_label[r->state], .html = plans_state_badge(req, r->state) };
        c[2] = (wt_cell){ .text = r->municipality_name };
        c[3] = (wt_cell){ .text = plans_round_label(r->round) };
        c[4] = (wt_cell){ .text = years(req, r->start_date, r->end_date) };
        c[5] = (wt_cell){ .text = r->focus ? r->focus : "" };
        c[6] = (wt_cell){ .text = plans_num(req, (double)r->budget_ore / 1e8, 1), .sort = (double)r->budget_ore };
        c[7] = (wt_cell){ .text = plans_num(req, (double)r->lbf_ore / 1e8, 1), .sort = (double)r->lbf_ore };
    }
    html_printf(b, "<h2 id=\"h-liste\">Listen</h2>\n");
    if (n)
        wt_html(req, &t);
    else
        html_printf(b, "<p class=\"empty\">Ingen planer matcher filtrene.</p>\n");
    html_printf(b, "<p class=\"export\">Data: <a href=\"/planer.csv?%s\">CSV</a></p>\n", filter_query(req, lq, NULL));
}

/* The fragment key of plans_map_part(): the raw query (the table's sort
 * links and CSV link repeat it as given), the plan scope (plans_list_key)
 * and the registry scope the organisation filter lists. */
static const char *map_key(http_req *req)
{
    reg_scope s;
    reg_scope_aggregate(web_principal(req), &req->a, &s);
    const char *q = strchr(req->raw_uri, '?');
    return plans_list_key(req, "map",
                          arena_printf(&req->a, "%s\n%d|%s|%s|%s", q ? q : "", s.all, s.dept ? s.dept : "",
                                       s.area ? s.area : "", s.org ? s.org : ""));
}

void page_plans(http_req *req)
{
    list_query lq;
    read_query(req, &lq);
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Helhedsplaner" } };
    page pg = { .title = "Det Boligsociale Danmarkskort", .nav = "plans", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Det Boligsociale Danmarkskort</h1>\n<p class=\"lead\">Boligsociale helhedsplaner, fysiske "
                   "helhedsplaner og lokale sundhedspartnerskaber, som du har adgang til: hvor de er, hvilken "
                   "pulje de hører til, og hvad de koster.</p>\n");
    const principal *who = web_principal(req);
    if (who && (who->roles & (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_MUNICIPALITY) | ROLE_BIT(ROLE_ORGANISATION))))
        html_printf(b, "<p class=\"actions\"><a class=\"button\" href=\"/planer/ny\">Ny plan</a> "
                       "<a class=\"button secondary\" href=\"/partnere\">Partnere</a></p>\n");
    else
        html_printf(b, "<p class=\"actions\"><a href=\"/partnere\">Partnere</a></p>\n");
    const char *key = map_key(req);
    int64_t version;
    if (!respcache_fragment(req, key, PLANS_MAP_GROUPS, &version)) {
        size_t from = req->out.len;
        plan_summary *rows;
        size_t n;
        hh_error e;
        hh_err rc = plan_list(req->db, web_principal(req), &req->a, &lq.f, &rows, &n, &e);
        if (rc) {
            plans_fail(req, rc, &e, "listing plans");
            return;
        }
        plans_map_part(req, &lq, rows, n);
        respcache_fragment_store(req, key, version, from);
    }
    page_end(req, 200);
}

void page_plans_csv(http_req *req)
{
    list_query lq;
    plan_summary *rows;
    size_t n;
    if (!load_list(req, &lq, &rows, &n))
        return;
    static const char *const head[] = { "id",          "navn",           "type",      "tilstand",       "pulje",
                                        "kommunekode", "kommune",        "region",    "organisationer", "start",
                                        "slut",        "indsatsområder", "budget_kr", "lbf_kr",         "forbrug_kr" };
    buf *b = &req->out;
    buf_puts(b, CSV_BOM);
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        csv_field(b, head[i], i == 0);
    csv_end_row(b);
    for (size_t i = 0; i < n; i++) {
        const plan_summary *r = &rows[i];
        csv_number_field(b, arena_printf(&req->a, "%lld", (long long)r->id), true);
        csv_field(b, r->name, false);
        csv_field(b, plan_type_label[r->type], false);
        csv_field(b, plan_state_label[r->state], false);
        csv_field(b, r->round ? r->round : "", false);
        csv_field(b, r->municipality_code, false);
        csv_field(b, r->municipality_name, false);
        csv_field(b, r->region_code ? r->region_code : "", false);
        csv_field(b, r->orgs ? r->orgs : "", false);
        csv_field(b, r->start_date ? r->start_date : "", false);
        csv_field(b, r->end_date ? r->end_date : "", false);
        csv_field(b, r->focus ? r->focus : "", false);
        csv_number_field(b, kroner_plain(req, r->budget_ore), false);
        csv_number_field(b, kroner_plain(req, r->lbf_ore), false);
        csv_number_field(b, kroner_plain(req, r->spent_ore), false);
        csv_end_row(b);
    }
    http_add_header(req, "Content-Disposition", "attachment; filename=\"helhedsplaner.csv\"");
    http_respond(req, 200, "text/csv; charset=utf-8");
}

/* ---- the plan form ---- */

/* What the form shows: from the stored plan, or as the user typed it. */
typedef struct plan_form {
    const char *name, *type, *municipality, *round, *start, *end, *predecessor, *vision, *swot[4], *focus_free;
    bool challenge[CH_COUNT];
    const char **orgs, **depts, **areas, **focus;
    size_t norgs, ndepts, nareas, nfocus;
} plan_form;

static const char *const swot_key[4] = { "strengths", "weaknesses", "opportunities", "threats" };
static const char *const swot_label[4] = { "Styrker", "Svagheder", "Muligheder", "Trusler" };

static const char *round_field(http_req *req, const char *code)
{
    return arena_printf(&req->a, "focus_%s", code);
}

static void form_from_plan(http_req *req, const plan *pl, plan_form *f)
{
    memset(f, 0, sizeof *f);
    f->name = pl->name;
    f->type = plan_type_code[pl->type];
    f->municipality = pl->municipality_code;
    f->round = pl->round;
    f->start = pl->start_date;
    f->end = pl->end_date;
    f->predecessor = pl->predecessor_id ? arena_printf(&req->a, "%lld", (long long)pl->predecessor_id) : "";
    f->vision = pl->vision;
    f->swot[0] = pl->strengths;
    f->swot[1] = pl->weaknesses;
    f->swot[2] = pl->opportunities;
    f->swot[3] = pl->threats;
    for (int c = 0; c < CH_COUNT; c++)
        f->challenge[c] = pl->challenge[c];
    f->orgs = arena_alloc(&req->a, (pl->norgs + 1) * sizeof(char *));
    for (size_t i = 0; i < pl->norgs; i++)
        f->orgs[f->norgs++] = arena_printf(&req->a, "%lld", (long long)pl->orgs[i].id);
    f->depts = arena_alloc(&req->a, (pl->ndepartments + 1) * sizeof(char *));
    for (size_t i = 0; i < pl->ndepartments; i++)
        f->depts[f->ndepts++] = pl->departments[i].key;
    f->areas = arena_alloc(&req->a, (pl->nareas + 1) * sizeof(char *));
    for (size_t i = 0; i < pl->nareas; i++)
        f->areas[f->nareas++] = pl->areas[i].key;
    f->focus = (const char **)pl->focus;
    f->nfocus = pl->nfocus;
    const plan_round *r = plan_round_find(pl->round);
    if (r && r->free_themes) {
        buf t;
        buf_init(&t, 0);
        for (size_t i = 0; i < pl->nfocus; i++)
            buf_printf(&t, "%s\n", pl->focus[i]);
        f->focus_free = arena_strdup(&req->a, buf_cstr(&t));
        buf_free(&t);
    }
}

static void form_from_request(http_req *req, plan_form *f)
{
    memset(f, 0, sizeof *f);
    f->name = plans_field(req, "name");
    f->type = plans_field(req, "type");
    f->municipality = plans_field(req, "municipality_code");
    f->round = plans_field(req, "round");
    f->start = plans_field(req, "start_date");
    f->end = plans_field(req, "end_date");
    f->predecessor = plans_field(req, "predecessor_id");
    f->vision = http_form(req, "vision");
    for (int i = 0; i < 4; i++)
        f->swot[i] = http_form(req, swot_key[i]);
    for (int c = 0; c < CH_COUNT; c++)
        f->challenge[c] = http_form(req, arena_printf(&req->a, "challenge_%s", plan_challenge_code[c])) != NULL;
    f->norgs = plans_form_all(req, "organisations", &f->orgs);
    f->ndepts = plans_form_all(req, "departments", &f->depts);
    f->nareas = plans_form_all(req, "areas", &f->areas);
    f->focus_free = http_form(req, "focus_free");
    const plan_round *r = f->round && *f->round ? plan_round_find(f->round) : NULL;
    if (r && r->free_themes)
        f->nfocus = plans_lines(req, f->focus_free, &f->focus);
    else if (r)
        f->nfocus = plans_form_all(req, round_field(req, r->code), &f->focus);
    else
        f->focus = NULL;
}

static bool in_list(const char **v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return true;
    return false;
}

/* The error's field without an index: "departments[2]" → "departments". */
static bool err_on(const hh_error *e, const char *field)
{
    if (!e || !e->field[0])
        return false;
    size_t n = strlen(field);
    return strncmp(e->field, field, n) == 0 && (e->field[n] == '\0' || e->field[n] == '[' || e->field[n] == '.');
}

static void field_error(buf *b, const hh_error *e, const char *field)
{
    if (err_on(e, field))
        html_printf(b, "<p class=\"field-error\" id=\"%s-fejl\">%s</p>", field, e->msg);
}

static const char *invalid(const hh_error *e, const char *field)
{
    return err_on(e, field) ? " aria-invalid=\"true\"" : "";
}

static const char *described(http_req *req, const hh_error *e, const char *field)
{
    return err_on(e, field) ? arena_printf(&req->a, " aria-describedby=\"%s-fejl\"", field) : "";
}

static void text_input(http_req *req, const char *key, const char *label, const char *value, const char *type,
                       bool required, const hh_error *e)
{
    html_printf(&req->out,
                "<div class=\"field%r\"><label for=\"%s\">%s%r</label><input id=\"%s\" name=\"%s\" type=\"%s\" "
                "value=\"%s\"%r%r%r>",
                err_on(e, key) ? " invalid" : "", key, label, required ? " <span aria-hidden=\"true\">*</span>" : "",
                key, key, type, value ? value : "", required ? " required" : "", invalid(e, key),
                described(req, e, key));
    field_error(&req->out, e, key);
    html_printf(&req->out, "</div>\n");
}

static void text_area(http_req *req, const char *key, const char *label, const char *value, int rows, const hh_error *e)
{
    html_printf(&req->out,
                "<div class=\"field%r\"><label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" rows=\"%d\"%r%r>"
                "%s</textarea>",
                err_on(e, key) ? " invalid" : "", key, label, key, key, rows, invalid(e, key), described(req, e, key),
                value ? value : "");
    field_error(&req->out, e, key);
    html_printf(&req->out, "</div>\n");
}

static void plan_form_page(http_req *req, const plan *pl, const plan_form *f, const hh_error *e, int status)
{
    buf *b = &req->out;
    const principal *who = web_principal(req);
    hh_error le;
    if (pl) {
        plans_begin(req, pl, "Redigér planen", "oversigt");
    } else {
        static const crumb crumbs[] = { { "/", "Forside" }, { "/planer", "Helhedsplaner" }, { NULL, "Ny plan" } };
        page pg = { .title = "Ny helhedsplan", .nav = "plans", .crumbs = crumbs, .ncrumbs = 3 };
        page_begin(req, &pg);
        html_printf(b, "<h1>Ny helhedsplan</h1>\n<p class=\"lead\">En ny plan begynder som idé. Du kan gemme den "
                       "ufærdig og skrive videre senere.</p>\n");
    }
    if (e && e->msg[0]) {
        /* The message, linked to the field it concerns. */
        char field[64];
        size_t k = 0;
        while (e->field[k] && e->field[k] != '[' && e->field[k] != '.' && k + 1 < sizeof field) {
            field[k] = e->field[k];
            k++;
        }
        field[k] = '\0';
        html_printf(b, "<div id=\"besked\" class=\"notice notice-error\" role=\"alert\"><p>Planen er ikke gemt: ");
        if (k)
            html_printf(b, "<a href=\"#%s\">%s</a>", field, e->msg);
        else
            html_printf(b, "%s", e->msg);
        html_printf(b, "</p></div>\n");
    }
    form_open(req, pl ? arena_printf(&req->a, "/planer/%lld/rediger", (long long)pl->id) : "/planer/ny",
              "stacked plan-form");
    html_printf(b, "<fieldset><legend>Planen</legend>\n");
    text_input(req, "name", "Navn", f->name, "text", true, e);
    html_printf(b, "<div class=\"field%r\"><label for=\"type\">Type</label><select id=\"type\" name=\"type\"%r>",
                err_on(e, "type") ? " invalid" : "", invalid(e, "type"));
    for (int t = 0; t < PLAN_TYPE_COUNT; t++)
        option(b, plan_type_code[t], plan_type_label[t], f->type ? f->type : "social");
    html_printf(b, "</select>");
    field_error(b, e, "type");
    html_printf(b, "</div>\n");
    geo_municipality *m;
    size_t nm = 0;
    if (geo_municipalities(req->db, &req->a, NULL, GEO_BY_NAME, &m, &nm, &le))
        nm = 0;
    const char *muni = f->municipality;
    if (!muni || !*muni) /* a municipality user's own municipality first */
        for (size_t g = 0; who && g < who->ngrants; g++)
            if (who->grants[g].role == ROLE_MUNICIPALITY)
                muni = who->grants[g].scope;
    html_printf(b,
                "<div class=\"field%r\"><label for=\"municipality_code\">Kommune <span aria-hidden=\"true\">*</span>"
                "</label><select id=\"municipality_code\" name=\"municipality_code\" required%r%r>"
                "<option value=\"\">Vælg kommune</option>",
                err_on(e, "municipality_code") ? " invalid" : "", invalid(e, "municipality_code"),
                described(req, e, "municipality_code"));
    for (size_t i = 0; i < nm; i++)
        option(b, m[i].code, m[i].name, muni);
    html_printf(b, "</select>");
    field_error(b, e, "municipality_code");
    html_printf(b, "</div>\n");
    text_input(req, "start_date", "Start", f->start, "date", false, e);
    text_input(req, "end_date", "Slut", f->end, "date", false, e);
    html_printf(b, "</fieldset>\n");

    /* What the plan covers: what the user can see. */
    reg_scope agg, rd;
    reg_scope_aggregate(who, &req->a, &agg);
    reg_scope_read(who, &req->a, &rd);
    organisation *o;
    size_t no = 0;
    if (reg_organisations(req->db, &agg, &req->a, NULL, &o, &no, &le))
        no = 0;
    html_printf(b,
                "<fieldset class=\"checklist%r\" id=\"organisations\"%r><legend>Boligorganisationer "
                "<span aria-hidden=\"true\">*</span></legend>",
                err_on(e, "organisations") ? " invalid" : "", described(req, e, "organisations"));
    field_error(b, e, "organisations");
    for (size_t i = 0; i < no; i++) {
        const char *v = arena_printf(&req->a, "%lld", (long long)o[i].org_no);
        html_printf(b,
                    "<label><input type=\"checkbox\" name=\"organisations\" value=\"%s\"%r> %s "
                    "<span class=\"muted\">%s</span></label>",
                    v, in_list(f->orgs, f->norgs, v) ? " checked" : "", o[i].name, v);
    }
    if (!no)
        html_printf(b, "<p class=\"hint\">Du har ikke adgang til nogen boligorganisationer.</p>");
    html_printf(b, "</fieldset>\n");
    dept_filter df = { .municipality_code = muni && *muni ? muni : NULL, .limit = 500 };
    department *d;
    size_t nd = 0;
    if (reg_departments(req->db, &rd, &req->a, &df, &d, &nd, &le))
        nd = 0;
    html_printf(b,
                "<fieldset class=\"checklist scroll%r\" id=\"departments\"%r><legend>Afdelinger</legend>"
                "<p class=\"hint\">Afdelinger i planens kommune, som du har adgang til.</p>",
                err_on(e, "departments") ? " invalid" : "", described(req, e, "departments"));
    field_error(b, e, "departments");
    for (size_t i = 0; i < nd; i++) {
        const char *key = arena_printf(&req->a, "%lld-%lld", (long long)d[i].org_no, (long long)d[i].department_no);
        html_printf(b,
                    "<label><input type=\"checkbox\" name=\"departments\" value=\"%s\"%r> %s "
                    "<span class=\"muted\">%s · %s</span></label>",
                    key, in_list(f->depts, f->ndepts, key) ? " checked" : "", d[i].name, key, d[i].org_name);
    }
    if (!nd)
        html_printf(b, "<p class=\"hint\">Ingen afdelinger at vælge.</p>");
    html_printf(b, "</fieldset>\n");
    housing_area *ar;
    size_t na = 0;
    if (reg_areas(req->db, &agg, &req->a, NULL, &ar, &na, &le))
        na = 0;
    html_printf(b, "<fieldset class=\"checklist scroll%r\" id=\"areas\"%r><legend>Boligområder</legend>",
                err_on(e, "areas") ? " invalid" : "", described(req, e, "areas"));
    field_error(b, e, "areas");
    size_t shown = 0;
    for (size_t i = 0; i < na; i++) {
        if (muni && *muni && strcmp(ar[i].municipality_code, muni) != 0 && !in_list(f->areas, f->nareas, ar[i].code))
            continue;
        shown++;
        html_printf(b,
                    "<label><input type=\"checkbox\" name=\"areas\" value=\"%s\"%r> %s "
                    "<span class=\"muted\">%s · %s</span></label>",
                    ar[i].code, in_list(f->areas, f->nareas, ar[i].code) ? " checked" : "", ar[i].name, ar[i].code,
                    ar[i].municipality_name);
    }
    if (!shown)
        html_printf(b, "<p class=\"hint\">Ingen boligområder at vælge.</p>");
    html_printf(b, "</fieldset>\n");

    /* Round and focus areas: each round's list (the page's script shows the
     * chosen round's only); free themes for 2006-2010. */
    html_printf(b,
                "<fieldset><legend>Pulje og indsatsområder</legend><div class=\"field%r\"><label for=\"round\">"
                "Landsbyggefondens pulje</label><select id=\"round\" name=\"round\" data-rounds%r>"
                "<option value=\"\">Ingen pulje</option>",
                err_on(e, "round") ? " invalid" : "", invalid(e, "round"));
    for (size_t r = 0; r < plan_nrounds; r++)
        option(b, plan_rounds[r].code, plan_rounds[r].label, f->round);
    html_printf(b, "</select>");
    field_error(b, e, "round");
    html_printf(b, "</div>\n");
    html_printf(b, "<div id=\"focus\">");
    field_error(b, e, "focus");
    for (size_t r = 0; r < plan_nrounds; r++) {
        const plan_round *pr = &plan_rounds[r];
        bool cur = f->round && strcmp(f->round, pr->code) == 0;
        if (pr->free_themes) {
            html_printf(b,
                        "<div class=\"field focus-round\" data-round=\"%s\"><label for=\"focus_free\">Temaer i "
                        "puljen %s (frie temaer, ét pr. linje)</label><textarea id=\"focus_free\" name=\"focus_free\" "
                        "rows=\"4\">%s</textarea></div>\n",
                        pr->code, pr->label, cur && f->focus_free ? f->focus_free : "");
            continue;
        }
        html_printf(b,
                    "<fieldset class=\"checklist focus-round\" data-round=\"%s\"><legend>Indsatsområder i puljen "
                    "%s</legend>",
                    pr->code, pr->label);
        for (size_t k = 0; k < pr->nfocus; k++)
            html_printf(b, "<label><input type=\"checkbox\" name=\"%s\" value=\"%s\"%r> %s</label>",
                        round_field(req, pr->code), pr->focus[k],
                        cur && in_list(f->focus, f->nfocus, pr->focus[k]) ? " checked" : "", pr->focus[k]);
        html_printf(b, "</fieldset>\n");
    }
    html_printf(b, "</div>");
    /* Predecessor: a plan the user can see. */
    plan_filter pf = { .type = -1, .state = -1 };
    plan_summary *ps;
    size_t np = 0;
    if (plan_list(req->db, who, &req->a, &pf, &ps, &np, &le))
        np = 0;
    html_printf(b,
                "<div class=\"field%r\"><label for=\"predecessor_id\">Forgænger (en tidligere plan i samme "
                "område)</label><select id=\"predecessor_id\" name=\"predecessor_id\"%r%r><option value=\"\">Ingen"
                "</option>",
                err_on(e, "predecessor_id") ? " invalid" : "", invalid(e, "predecessor_id"),
                described(req, e, "predecessor_id"));
    for (size_t i = 0; i < np; i++) {
        if (pl && ps[i].id == pl->id)
            continue;
        option(b, arena_printf(&req->a, "%lld", (long long)ps[i].id),
               arena_printf(&req->a, "%s (%s)", ps[i].name, ps[i].municipality_name), f->predecessor);
    }
    html_printf(b, "</select>");
    field_error(b, e, "predecessor_id");
    html_printf(b, "</div></fieldset>\n");

    html_printf(b, "<fieldset><legend>Vision, SWOT og udfordringer</legend>\n");
    text_area(req, "vision", "Fælles vision", f->vision, 3, e);
    html_printf(b, "<div class=\"swot-fields\">");
    for (int i = 0; i < 4; i++)
        text_area(req, swot_key[i], swot_label[i], f->swot[i], 3, e);
    html_printf(b, "</div><fieldset class=\"checklist\"><legend>Udfordringer, der kvalificerer til støtte</legend>");
    for (int c = 0; c < CH_COUNT; c++)
        html_printf(b, "<label><input type=\"checkbox\" name=\"challenge_%s\" value=\"1\"%r> %s</label>",
                    plan_challenge_code[c], f->challenge[c] ? " checked" : "", plan_challenge_label[c]);
    html_printf(b, "</fieldset></fieldset>\n<div class=\"actions\"><button type=\"submit\">%s</button>",
                pl ? "Gem ændringer" : "Opret planen");
    if (pl)
        html_printf(b, " <a href=\"/planer/%D\">Fortryd</a>", pl->id);
    html_printf(b, "</div></form>\n");
    page_end(req, status);
}

/* The input the domain takes, from the form. */
static void input_from_form(http_req *req, const plan_form *f, const plan *pl, plan_input *in)
{
    plan_input_init(in);
    in->name = f->name ? f->name : "";
    in->type = f->type ? plan_enum_find(plan_type_code, PLAN_TYPE_COUNT, f->type) : PLAN_SOCIAL;
    if (in->type < 0)
        in->type = PLAN_SOCIAL;
    in->municipality_code = f->municipality ? f->municipality : "";
    in->round = f->round ? f->round : "";
    in->start_date = f->start ? f->start : "";
    in->end_date = f->end ? f->end : "";
    int64_t pred = 0;
    if (f->predecessor && *f->predecessor && !hh_parse_int64(f->predecessor, strlen(f->predecessor), &pred))
        pred = 0;
    in->predecessor_id = pred;
    if (!pred && (!pl || !pl->predecessor_id))
        in->predecessor_id = -1; /* unchanged: keeps a predecessor the user may not see */
    in->vision = f->vision ? f->vision : "";
    in->strengths = f->swot[0] ? f->swot[0] : "";
    in->weaknesses = f->swot[1] ? f->swot[1] : "";
    in->opportunities = f->swot[2] ? f->swot[2] : "";
    in->threats = f->swot[3] ? f->swot[3] : "";
    for (int c = 0; c < CH_COUNT; c++)
        in->challenge[c] = f->challenge[c] ? 1 : 0;
    int64_t *orgs = arena_alloc(&req->a, (f->norgs + 1) * sizeof(int64_t));
    size_t no = 0;
    for (size_t i = 0; i < f->norgs; i++)
        if (hh_parse_int64(f->orgs[i], strlen(f->orgs[i]), &orgs[no]))
            no++;
    in->has_orgs = in->has_departments = in->has_areas = in->has_focus = true;
    in->org_nos = orgs;
    in->norgs = no;
    in->department_keys = f->depts;
    in->ndepartments = f->ndepts;
    in->area_codes = f->areas;
    in->nareas = f->nareas;
    in->focus = f->focus;
    in->nfocus = f->nfocus;
}

void page_plan_new(http_req *req)
{
    plan_form f;
    memset(&f, 0, sizeof f);
    /* An organisation user's own organisation is ticked from the start. */
    const principal *who = web_principal(req);
    f.orgs = arena_alloc(&req->a, (who ? who->ngrants : 0) * sizeof(char *) + sizeof(char *));
    for (size_t g = 0; who && g < who->ngrants; g++)
        if (who->grants[g].role == ROLE_ORGANISATION)
            f.orgs[f.norgs++] = who->grants[g].scope;
    f.round = "";
    plan_form_page(req, NULL, &f, NULL, 200);
}

void page_plan_create(http_req *req)
{
    if (!http_form(req, "name")) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    plan_form f;
    form_from_request(req, &f);
    plan_input in;
    input_from_form(req, &f, NULL, &in);
    int64_t id = 0;
    hh_error e;
    hh_err rc = plan_create(req->db, web_principal(req), &req->a, &in, &id, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT || rc == HH_ERR_FORBIDDEN) {
        plan_form_page(req, NULL, &f, &e, rc == HH_ERR_FORBIDDEN ? 403 : 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "creating a plan");
        return;
    }
    web_audit(req, "plan.create", "plan", arena_printf(&req->a, "%lld", (long long)id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld?gemt=1", (long long)id));
}

void page_plan_edit(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    if (!plans_may_write(req, &pl)) {
        http_error(req, 403, "forbidden", "Du kan se planen, men har ikke ret til at ændre den.", NULL);
        return;
    }
    plan_form f;
    form_from_plan(req, &pl, &f);
    plan_form_page(req, &pl, &f, NULL, 200);
}

void page_plan_update(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    if (!http_form(req, "name")) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    plan_form f;
    form_from_request(req, &f);
    plan_input in;
    input_from_form(req, &f, &pl, &in);
    hh_error e;
    hh_err rc = plan_update(req->db, web_principal(req), &req->a, pl.id, &in, &e);
    if (rc == HH_ERR_INPUT || rc == HH_ERR_CONFLICT) {
        plan_form_page(req, &pl, &f, &e, 422);
        return;
    }
    if (rc) {
        plans_fail(req, rc, &e, "changing a plan");
        return;
    }
    web_audit(req, "plan.update", "plan", arena_printf(&req->a, "%lld", (long long)pl.id), "ok");
    http_redirect(req, 303, arena_printf(&req->a, "/planer/%lld?gemt=1", (long long)pl.id));
}
