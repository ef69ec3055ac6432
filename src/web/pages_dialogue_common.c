/* pages_dialogue_common.c - what the steering-dialogue pages share; see
 * dialogue_web.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "web/auth_web.h"
#include "web/dialogue_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/plans_web.h"

bool dlg_web_load(http_req *req, dialogue *g)
{
    const char *s = http_param(req, "dialogue");
    int64_t id;
    if (!s || !hh_parse_int64(s, strlen(s), &id) || id <= 0) {
        http_error(req, 404, "not_found", "Styringsdialogen findes ikke.", NULL);
        return false;
    }
    hh_error e;
    hh_err rc = dlg_get(req->db, web_principal(req), &req->a, id, g, &e);
    if (rc) {
        dlg_web_fail(req, rc, &e, "reading a dialogue");
        return false;
    }
    return true;
}

void dlg_web_fail(http_req *req, hh_err rc, const hh_error *e, const char *what)
{
    switch (rc) {
    case HH_ERR_NOTFOUND:
        http_error(req, 404, "not_found", "Styringsdialogen findes ikke, eller du har ikke adgang til den.", NULL);
        break;
    case HH_ERR_FORBIDDEN:
        http_error(req, 403, "forbidden",
                   e && e->msg[0] ? e->msg : "Du kan se styringsdialogen, men har ikke ret til at gøre dette.", NULL);
        break;
    case HH_ERR_INPUT:
    case HH_ERR_CONFLICT:
        http_error(req, 422, "invalid", e && e->msg[0] ? e->msg : "Oplysningerne kan ikke gemmes.", NULL);
        break;
    default: http_fail_db(req, what);
    }
}

const dlg_department *dlg_web_department(http_req *req, const dialogue *g)
{
    const char *s = http_param(req, "department");
    int64_t id = 0;
    if (s && !strchr(s, '-') && !hh_parse_int64(s, strlen(s), &id))
        id = -1;
    for (size_t i = 0; s && i < g->ndepartments; i++)
        if (id ? g->departments[i].id == id : strcmp(g->departments[i].key, s) == 0)
            return &g->departments[i];
    http_error(req, 404, "not_found", "Afdelingen er ikke med i styringsdialogen.", NULL);
    return NULL;
}

const char *dlg_web_state_badge(http_req *req, int state)
{
    if (state < 0 || state >= DS_COUNT)
        return "<span class=\"dstate dstate-none\">Ikke startet</span>";
    return arena_printf(&req->a, "<span class=\"dstate dstate-%s\">%s</span>", dlg_state_code[state],
                        dlg_state_label[state]);
}

const char *dlg_web_href(http_req *req, int64_t id)
{
    return arena_printf(&req->a, "/styringsdialog/%lld", (long long)id);
}

int dlg_web_year(http_req *req)
{
    const char *s = http_query(req, "aar");
    int y;
    if (s && hh_parse_int(s, 2000, 2100, &y))
        return y;
    const char *t = plans_today(req);
    char ys[5] = { t[0], t[1], t[2], t[3], 0 };
    y = 2026;
    hh_parse_int(ys, 2000, 2100, &y);
    return y;
}

const char *dlg_web_deadline(http_req *req, const char *deadline, int days_left, bool overdue)
{
    if (!deadline || !*deadline)
        return "Ingen frist";
    const char *d = plans_date(req, deadline);
    if (overdue)
        return arena_printf(&req->a, "%s (overskredet)", d);
    if (days_left == 0)
        return arena_printf(&req->a, "%s (i dag)", d);
    if (days_left == 1)
        return arena_printf(&req->a, "%s (i morgen)", d);
    if (days_left > 1 && days_left < 10000)
        return arena_printf(&req->a, "%s (om %d dage)", d, days_left);
    return d;
}

const char *dlg_web_kf_value(http_req *req, int kf, double v, bool suppressed)
{
    if (suppressed)
        return "<5";
    if (isnan(v) || kf < 0 || (size_t)kf >= kf_count)
        return "–";
    const key_figure *k = &kf_catalogue[kf];
    const char *n = plans_num(req, v, k->decimals);
    return k->unit && *k->unit ? arena_printf(&req->a, "%s %s", n, k->unit) : n;
}

const char *dlg_web_scope(http_req *req, role_id r)
{
    const principal *p = web_principal(req);
    for (size_t i = 0; p && i < p->ngrants; i++)
        if (p->grants[i].role == r && p->grants[i].scope && *p->grants[i].scope)
            return p->grants[i].scope;
    return NULL;
}

void dlg_web_begin(http_req *req, const dialogue *g, const char *title, const char *tab)
{
    static const struct {
        const char *key, *sub, *label;
    } tabs[] = {
        { "oversigt", "", "Dialogen" },
        { "udvaelgelse", "/udvaelgelse", "Udvælgelse og SWOT" },
        { "maal", "/maal", "Mål og opfølgning" },
        { "pakke", "/pakke", "Dokumentationspakke" },
    };
    const char *href = dlg_web_href(req, g->id);
    const char *name = arena_printf(&req->a, "%s – %s %d", g->org_name, g->municipality_name, g->year);
    crumb *crumbs = arena_alloc(&req->a, 3 * sizeof(crumb));
    crumbs[0] = (crumb){ "/", "Forside" };
    crumbs[1] = (crumb){ arena_printf(&req->a, "/styringsdialog?aar=%d", g->year), "Styringsdialog" };
    crumbs[2] = (crumb){ NULL, name };
    int nc = 3;
    if (strcmp(tab, "oversigt") != 0 || strcmp(title, "Styringsdialog") != 0) {
        crumbs = arena_grow(&req->a, crumbs, 3 * sizeof(crumb), 4 * sizeof(crumb));
        crumbs[2].href = href;
        crumbs[3] = (crumb){ NULL, title };
        nc = 4;
    }
    page pg = {
        .title = arena_printf(&req->a, "%s · %s", title, name), .nav = "dialogue", .crumbs = crumbs, .ncrumbs = nc
    };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b,
                "<h1><span class=\"dlg-kicker\">Styringsdialog %d</span> %s <span class=\"dlg-muni\">og %s "
                "Kommune</span></h1>\n",
                g->year, g->org_name, g->municipality_name);
    html_printf(b, "<p class=\"dlg-status\">%r <span class=\"dlg-deadline%r\">Frist: %s</span></p>\n",
                dlg_web_state_badge(req, (int)g->state), g->overdue ? " overdue" : "",
                dlg_web_deadline(req, g->deadline, g->days_left, g->overdue));
    html_printf(b, "<nav class=\"subnav\" aria-label=\"Styringsdialogens sider\"><ul>");
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
        html_printf(b, "<li><a href=\"%s%s\"%r>%s</a></li>", href, tabs[i].sub,
                    strcmp(tab, tabs[i].key) == 0 ? " aria-current=\"page\"" : "", tabs[i].label);
    html_printf(b, "</ul></nav>\n");
    if (strcmp(title, "Styringsdialog") != 0)
        html_printf(b, "<h2 class=\"dlg-page-title\">%s</h2>\n", title);
}
