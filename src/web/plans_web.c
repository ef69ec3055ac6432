/* plans_web.c - what the plan pages share; see plans_web.h. */
#include "web/plans_web.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "core/util.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"

bool plans_load(http_req *req, plan *out)
{
    const char *s = http_param(req, "plan");
    int64_t id;
    if (!s || !hh_parse_int64(s, strlen(s), &id) || id <= 0) {
        http_error(req, 404, "not_found", "Planen findes ikke.", NULL);
        return false;
    }
    hh_error e;
    hh_err rc = plan_get(req->db, web_principal(req), &req->a, id, out, &e);
    if (rc) {
        plans_fail(req, rc, &e, "reading a plan");
        return false;
    }
    return true;
}

void plans_fail(http_req *req, hh_err rc, const hh_error *e, const char *what)
{
    switch (rc) {
    case HH_ERR_NOTFOUND:
        http_error(req, 404, "not_found", "Planen findes ikke, eller du har ikke adgang til den.", NULL);
        break;
    case HH_ERR_FORBIDDEN:
        http_error(req, 403, "forbidden",
                   e && e->msg[0] ? e->msg : "Du kan se planen, men har ikke ret til at ændre den.", NULL);
        break;
    case HH_ERR_INPUT:
    case HH_ERR_CONFLICT:
        http_error(req, 422, "invalid", e && e->msg[0] ? e->msg : "Oplysningerne kan ikke gemmes.", NULL);
        break;
    default: http_fail_db(req, what);
    }
}

bool plans_may_write(http_req *req, const plan *pl)
{
    const principal *p = web_principal(req);
    return p && plan_may_write(p, pl);
}

const char *plans_dkk(http_req *req, int64_t ore)
{
    return plan_format_dkk(&req->a, ore);
}

const char *plans_amount(http_req *req, int64_t ore)
{
    char out[48];
    return arena_strdup(&req->a, fmt_num_da(out, sizeof out, (double)ore / 100.0, 2));
}

const char *plans_dkk_input(http_req *req, int64_t ore)
{
    long long kr = (long long)(ore / 100), rest = (long long)(ore % 100);
    if (rest == 0)
        return arena_printf(&req->a, "%lld", kr);
    if (rest % 10 == 0)
        return arena_printf(&req->a, "%lld,%lld", kr, rest / 10);
    return arena_printf(&req->a, "%lld,%02lld", kr, rest);
}

const char *plans_mio(http_req *req, int64_t ore)
{
    char out[48];
    double kr = (double)ore / 100.0;
    if (kr >= 1e6 || kr <= -1e6)
        return arena_printf(&req->a, "%s mio. kr.", fmt_num_da(out, sizeof out, kr / 1e6, 1));
    return arena_printf(&req->a, "%s kr.", fmt_num_da(out, sizeof out, kr, 0));
}

const char *plans_date(http_req *req, const char *iso)
{
    if (!iso || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-')
        return iso ? iso : "";
    int y, m, d;
    char ys[5] = { iso[0], iso[1], iso[2], iso[3], 0 }, ms[3] = { iso[5], iso[6], 0 }, ds[3] = { iso[8], iso[9], 0 };
    if (!hh_parse_int(ys, 0, 9999, &y) || !hh_parse_int(ms, 1, 12, &m) || !hh_parse_int(ds, 1, 31, &d))
        return iso;
    return arena_printf(&req->a, "%d.%d.%d", d, m, y);
}

const char *plans_period(http_req *req, const char *from, const char *to)
{
    bool f = from && *from, t = to && *to;
    if (f && t)
        return arena_printf(&req->a, "%s–%s", plans_date(req, from), plans_date(req, to));
    if (f)
        return arena_printf(&req->a, "fra %s", plans_date(req, from));
    if (t)
        return arena_printf(&req->a, "til %s", plans_date(req, to));
    return "";
}

const char *plans_today(http_req *req)
{
    char now[21];
    hh_utc_iso(now);
    return arena_strndup(&req->a, now, 10);
}

const char *plans_list_key(http_req *req, const char *what, const char *query)
{
    return arena_printf(&req->a, "plans %s\n%s\n%s\n%s", what, plans_today(req),
                        plan_scope_sql(web_principal(req), &req->a), query ? query : "");
}

const char *plans_round_label(const char *code)
{
    const plan_round *r = code && *code ? plan_round_find(code) : NULL;
    return r ? r->label : "";
}

const char *plans_state_badge(http_req *req, plan_state s)
{
    if ((int)s < 0 || s >= PS_COUNT)
        return "";
    return arena_printf(&req->a, "<span class=\"state state-%s\">%s</span>", plan_state_code[s], plan_state_label[s]);
}

const char *plans_goal_badge(http_req *req, goal_status s)
{
    if ((int)s < 0 || s >= GOAL_COUNT)
        s = GOAL_NO_DATA;
    return arena_printf(&req->a, "<span class=\"goal goal-%s\">%s</span>", goal_status_code[s], goal_status_label[s]);
}

void plans_begin(http_req *req, const plan *pl, const char *title, const char *tab)
{
    static const struct {
        const char *key, *sub, *label;
    } tabs[] = {
        { "oversigt", "", "Oversigt" },
        { "budget", "/budget", "Budget" },
        { "maal", "/maal", "Mål" },
        { "maalopfyldelse", "/maalopfyldelse", "Målopfyldelse" },
        { "aktiviteter", "/aktiviteter", "Aktiviteter" },
        { "versioner", "/versioner", "Versioner" },
        { "rapport", "/rapport", "Årsrapport" },
    };
    bool overview = strcmp(tab, "oversigt") == 0 && strcmp(title, "Oversigt") == 0;
    crumb *c = arena_alloc(&req->a, 3 * sizeof(crumb));
    c[0] = (crumb){ "/planer", "Helhedsplaner" };
    c[1] = (crumb){ overview ? NULL : arena_printf(&req->a, "/planer/%lld", (long long)pl->id), pl->name };
    c[2] = (crumb){ NULL, title };
    page pg = { .title = overview ? pl->name : arena_printf(&req->a, "%s · %s", title, pl->name),
                .nav = "plans",
                .crumbs = c,
                .ncrumbs = overview ? 2 : 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    if (overview)
        html_printf(b, "<h1>%s</h1>\n", pl->name);
    else
        html_printf(b, "<h1>%s <span class=\"muted\">%s</span></h1>\n", title, pl->name);
    html_printf(b, "<nav class=\"tabs plan-tabs\" aria-label=\"Planens sider\"><ul>");
    for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++)
        html_printf(b, "<li><a href=\"/planer/%D%s\"%r>%s</a></li>", pl->id, tabs[i].sub,
                    strcmp(tab, tabs[i].key) == 0 ? " aria-current=\"page\"" : "", tabs[i].label);
    html_printf(b, "</ul></nav>\n");
}

void plans_delete_button(http_req *req, const char *action, int64_t id, const char *text, const char *label)
{
    html_printf(&req->out,
                "<form method=\"post\" action=\"%s\" class=\"inline\" data-confirm=\"Slet %s?\"><input "
                "type=\"hidden\" name=\"" CSRF_FIELD "\" value=\"%s\">",
                action, label, web_csrf_token(req));
    html_printf(&req->out,
                "<input type=\"hidden\" name=\"id\" value=\"%D\"><button type=\"submit\" class=\"link\">%s<span "
                "class=\"sr-only\"> %s</span></button></form>",
                id, text, label);
}

size_t plans_form_all(http_req *req, const char *name, const char ***out)
{
    http_form(req, ""); /* parse the body */
    const char **v = arena_alloc(&req->a, (req->nform + 1) * sizeof(char *));
    size_t n = 0;
    for (size_t i = 0; i < req->nform; i++)
        if (strcmp(req->form[i].key, name) == 0 && req->form[i].value[0])
            v[n++] = req->form[i].value;
    *out = v;
    return n;
}

static const char *trim(http_req *req, const char *s, size_t len)
{
    while (len && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    return arena_strndup(&req->a, s, len);
}

size_t plans_lines(http_req *req, const char *text, const char ***out)
{
    size_t cap = 1;
    for (const char *p = text ? text : ""; *p; p++)
        cap += *p == '\n';
    const char **v = arena_alloc(&req->a, cap * sizeof(char *));
    size_t n = 0;
    const char *s = text ? text : "";
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        const char *line = trim(req, s, len);
        if (*line)
            v[n++] = line;
        s += len + (nl != NULL);
    }
    *out = v;
    return n;
}

const char *plans_field(http_req *req, const char *name)
{
    const char *v = http_form(req, name);
    return v ? trim(req, v, strlen(v)) : NULL;
}

const char *plans_urlenc(http_req *req, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = s ? strlen(s) : 0;
    char *o = arena_alloc(&req->a, 3 * n + 1), *w = o;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            *w++ = (char)c;
        } else {
            *w++ = '%';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
        }
    }
    *w = '\0';
    return o;
}

bool plans_parse_num(const char *s, double *out)
{
    if (!s)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return false;
    char tmp[64];
    size_t w = 0;
    bool comma = strchr(s, ',') != NULL;
    for (const char *p = s; *p; p++) {
        if (isspace((unsigned char)*p))
            continue; /* "12 500" */
        if (w + 1 >= sizeof tmp)
            return false;
        if (*p == '.' && comma)
            continue; /* thousands separator */
        tmp[w++] = *p == ',' ? '.' : *p;
    }
    tmp[w] = '\0';
    char *end;
    double v = strtod(tmp, &end);
    if (end == tmp || *end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

const char *plans_num(http_req *req, double v, int decimals)
{
    char out[48];
    return isnan(v) ? "–" : arena_strdup(&req->a, fmt_num_da(out, sizeof out, v, decimals));
}

bool plans_delete_confirmed(http_req *req, const plan *pl, int64_t id, const char *what, const char *back)
{
    const char *c = http_form(req, "confirm");
    if (c && strcmp(c, "1") == 0)
        return true;
    if (pl && !plans_may_write(req, pl)) {
        http_error(req, 403, "forbidden", "Du kan se planen, men har ikke ret til at ændre den.", NULL);
        return false;
    }
    if (pl) {
        plans_begin(req, pl, "Slet", "");
    } else {
        page pg = { .title = arena_printf(&req->a, "Slet %s?", what), .nav = "plans" };
        page_begin(req, &pg);
    }
    buf *b = &req->out;
    html_printf(b,
                "<section class=\"card confirm-delete\" aria-labelledby=\"h-slet\"><%r id=\"h-slet\">Slet %s?</%r>"
                "<p>Det kan ikke fortrydes bagefter.</p>",
                pl ? "h2" : "h1", what, pl ? "h2" : "h1");
    form_open(req, req->path, "confirm-form");
    html_printf(b,
                "<input type=\"hidden\" name=\"id\" value=\"%D\"><input type=\"hidden\" name=\"confirm\" "
                "value=\"1\"><div class=\"actions\"><button type=\"submit\" class=\"danger\">Slet</button> "
                "<a href=\"%s\">Fortryd</a></div></form></section>\n",
                id, back);
    page_end(req, 200);
    return false;
}

bool plans_form_id(http_req *req, int64_t *id)
{
    const char *s = plans_field(req, "id");
    if (!s || !hh_parse_int64(s, strlen(s), id) || *id <= 0) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return false;
    }
    return true;
}
