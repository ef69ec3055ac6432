/* pages_warning.c - early warning in the browser and the API: the watch
 * list by municipality and organisation (CSV like every table), the panel on
 * department and area profiles, and in-app notifications of status changes.
 * Everything follows the reader's scope: departments as reg_scope_read,
 * areas as reg_scope_aggregate, notifications are the events of those units. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/keyfig.h"
#include "domain/registry.h"
#include "domain/warning.h"
#include "http/json.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/wtable.h"

/* The scope condition for a level (NULL: everything). */
static const char *scope_where(http_req *req, warn_level level)
{
    reg_scope s;
    if (level == WARN_DEPARTMENT)
        reg_scope_read(web_principal(req), &req->a, &s);
    else
        reg_scope_aggregate(web_principal(req), &req->a, &s);
    return s.all ? NULL : level == WARN_DEPARTMENT ? s.dept : s.area;
}

static const char *badge(http_req *req, warn_status s)
{
    return arena_printf(&req->a, "<span class=\"warn warn-%s\">%s</span>", warn_status_code[s], warn_status_label[s]);
}

static const char *unit_href(http_req *req, warn_level level, const char *code)
{
    return arena_printf(&req->a, level == WARN_DEPARTMENT ? "/afdelinger/%s" : "/omraader/%s", code);
}

static const char *num(http_req *req, double v, int decimals)
{
    char out[48];
    return isnan(v) ? "–" : arena_strdup(&req->a, fmt_num_da(out, sizeof out, v, decimals));
}

/* ---- the panel on a profile ---- */

void warning_panel(http_req *req, int level_i, int64_t unit_id)
{
    warn_level level = (warn_level)level_i;
    warn_result r;
    hh_error e;
    hh_err rc = warn_status_get(req->db, &req->a, level, unit_id, 0, &r, &e);
    if (rc)
        return; /* no status yet: no panel */
    buf *b = &req->out;
    html_printf(b,
                "<section class=\"card warning-panel warn-border-%s\" aria-labelledby=\"h-warn\"><h2 id=\"h-warn\">"
                "Tidlig varsling %d: %r</h2>",
                warn_status_code[r.status], r.year, badge(req, r.status));
    if (r.nreasons) {
        html_printf(b, "<ul class=\"reasons\">");
        for (size_t i = 0; i < r.nreasons; i++)
            html_printf(b, "<li>%s</li>", r.reasons[i]);
        html_printf(b, "</ul>");
    } else {
        html_printf(b, "<p>Ingen af spiralens fire led skiller sig ud fra sammenlignelige %s.</p>",
                    level == WARN_DEPARTMENT ? "afdelinger" : "boligområder");
    }
    html_printf(b, "<dl class=\"facts links\">");
    for (int k = 0; k < WARN_LINKS; k++)
        html_printf(b, "<div><dt>%s</dt><dd>%s</dd></div>", kf_link_label[k], num(req, r.link_score[k], 1));
    html_printf(b, "<div><dt>Samlet score</dt><dd>%s</dd></div></dl>", num(req, r.score, 1));
    if (r.nfigures) {
        html_printf(b, "<details><summary>Tallene bag vurderingen</summary><div class=\"table-wrap\"><table "
                       "class=\"data\"><thead><tr><th scope=\"col\">Nøgletal</th><th scope=\"col\">Led</th>"
                       "<th scope=\"col\" class=\"num\">Værdi</th><th scope=\"col\" class=\"num\">Ændring</th>"
                       "<th scope=\"col\" class=\"num\">Bedre end (%%)</th></tr></thead><tbody>");
        for (size_t i = 0; i < r.nfigures; i++) {
            const warn_figure *f = &r.figures[i];
            const key_figure *k = &kf_catalogue[f->kf];
            html_printf(b,
                        "<tr><th scope=\"row\"><a href=\"/noegletal/%s\">%s</a></th><td>%s</td><td class=\"num\">"
                        "%s %s</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
                        k->code, k->name_da, kf_link_label[f->link],
                        f->suppressed ? "<5" : num(req, f->value, k->decimals), f->suppressed ? "" : k->unit,
                        isnan(f->change) ? "–"
                                         : arena_printf(&req->a, "%s%s på %d år", f->change > 0 ? "+" : "",
                                                        num(req, f->change, k->decimals), f->span),
                        num(req, 100 - f->percentile, 0));
        }
        html_printf(b,
                    "</tbody></table></div><p class=\"hint\">Sammenlignet med %s. Metoden og tærsklerne: "
                    "<a href=\"/varsler/metode\">sådan vurderes afdelingerne</a>.</p></details>",
                    r.figures[0].peers ? "afdelinger i samme sammenligningsgruppe" : "alle enheder på niveauet");
    }
    html_printf(b, "</section>\n");
}

/* ---- the watch list ---- */

static warn_level query_level(http_req *req)
{
    warn_level l;
    const char *s = http_query(req, "level");
    return s && warn_level_parse(s, &l) ? l : WARN_DEPARTMENT;
}

/* Filters from the query: status (default: watch and alarm), municipality, organisation. */
static void query_filter(http_req *req, warn_level level, warn_filter *f, const char **status_s)
{
    memset(f, 0, sizeof *f);
    f->where = scope_where(req, level);
    const char *st = http_query(req, "status");
    warn_status s;
    if (st && strcmp(st, "all") == 0)
        f->statuses = 0;
    else if (st && warn_status_parse(st, &s))
        f->statuses = 1u << s;
    else
        f->statuses = WARN_AT_LEAST(WARN_WATCH), st = "";
    *status_s = st ? st : "";
    const char *m = http_query(req, "municipality");
    if (m && strlen(m) == 4 && strspn(m, "0123456789") == 4)
        f->municipality_code = m;
    const char *o = http_query(req, "org");
    int64_t org;
    if (o && hh_parse_int64(o, strlen(o), &org) && org > 0)
        f->org_no = org;
}

/* What the watch list and the API ask for, and the rows it gives. */
typedef struct warn_query {
    warn_level level;
    int year; /* 0 when nothing has a status yet */
    warn_filter f;
    const char *status_s;
    warn_row *rows;
    size_t n;
} warn_query;

/* Reads level, year and filters from the query and lists the statuses. The
 * page falls back to the latest year and to watch and alarm; the API refuses
 * a bad year and gives every status unless asked. False after answering. */
static bool query_rows(http_req *req, bool api, warn_query *q)
{
    memset(q, 0, sizeof *q);
    q->level = query_level(req);
    const char *ys = http_query(req, "year");
    if (ys && !hh_parse_int(ys, 1990, 2100, &q->year)) {
        if (api) {
            http_error(req, 400, "invalid", "year: expected 1990-2100", "year");
            return false;
        }
        q->year = 0;
    }
    if (!q->year)
        q->year = warn_latest_year(req->db, q->level);
    query_filter(req, q->level, &q->f, &q->status_s);
    if (api && !http_query(req, "status"))
        q->f.statuses = 0;
    hh_error e;
    if (q->year && warn_list(req->db, &req->a, q->level, q->year, &q->f, &q->rows, &q->n, &e)) {
        http_fail_db(req, "reading early warnings");
        return false;
    }
    return true;
}

void page_warnings(http_req *req)
{
    warn_query q;
    if (!query_rows(req, false, &q))
        return;
    warn_level level = q.level;
    int year = q.year;
    warn_filter f = q.f;
    const char *status_s = q.status_s;
    warn_row *rows = q.rows;
    size_t n = q.n;
    static const wt_col cols[] = { { "Status", false },     { "Enhed", false },
                                   { "Kode", false },       { "Score", true },
                                   { "Nedslidning", true }, { "Utryghed", true },
                                   { "Fraflytning", true }, { "Sociale udfordringer", true },
                                   { "Hvorfor", false } };
    wtable t;
    wt_init(&t, req, cols, HH_ARRAY_LEN(cols), arena_printf(&req->a, "Tidlig varsling %d", year),
            arena_printf(&req->a, "varsler-%s-%d", warn_level_code[level], year));
    for (size_t i = 0; i < n; i++) {
        warn_row *r = &rows[i];
        wt_cell *c = wt_row(&t);
        c[0] =
            (wt_cell){ .text = warn_status_label[r->status], .html = badge(req, r->status), .sort = (double)r->status };
        c[1] = (wt_cell){ .text = r->name, .href = unit_href(req, level, r->code) };
        c[2] = (wt_cell){ .text = r->code };
        c[3] = (wt_cell){ .text = num(req, r->score, 1), .sort = r->score };
        for (int k = 0; k < WARN_LINKS; k++)
            c[4 + k] = (wt_cell){ .text = num(req, r->link_score[k], 1), .sort = r->link_score[k] };
        buf why;
        buf_init(&why, 0);
        for (size_t k = 0; k < r->nreasons; k++)
            buf_printf(&why, "%s%s", k ? " · " : "", r->reasons[k]);
        c[8] = (wt_cell){ .text = arena_strdup(&req->a, buf_cstr(&why)) };
        buf_free(&why);
    }
    if (wt_csv_if_asked(req, &t))
        return;
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Tidlig varsling" } };
    page pg = { .title = "Tidlig varsling", .nav = "warnings", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b,
                "<h1>Tidlig varsling %d</h1>\n<p class=\"lead\">Hver %s vurderes hvert år på spiralens fire led — "
                "nedslidning, utryghed, fraflytning og tomgang, sociale udfordringer — mod sammenlignelige og "
                "på udviklingen over tre år. <a href=\"/varsler/metode\">Sådan vurderes de</a>.</p>\n",
                year, level == WARN_DEPARTMENT ? "afdeling" : "boligområde");
    html_printf(b,
                "<form class=\"filters\" method=\"get\" action=\"/varsler\"><label for=\"level\">Niveau</label>"
                "<select id=\"level\" name=\"level\"><option value=\"department\"%r>Afdelinger</option>"
                "<option value=\"area\"%r>Boligområder</option></select>",
                level == WARN_DEPARTMENT ? " selected" : "", level == WARN_AREA ? " selected" : "");
    html_printf(b,
                "<label for=\"status\">Status</label><select id=\"status\" name=\"status\">"
                "<option value=\"\">Opmærksomhed og alarm</option><option value=\"alarm\"%r>Alarm</option>"
                "<option value=\"watch\"%r>Opmærksomhed</option><option value=\"all\"%r>Alle</option></select>",
                strcmp(status_s, "alarm") == 0 ? " selected" : "", strcmp(status_s, "watch") == 0 ? " selected" : "",
                strcmp(status_s, "all") == 0 ? " selected" : "");
    html_printf(b,
                "<label for=\"municipality\">Kommunekode</label><input id=\"municipality\" name=\"municipality\" "
                "size=\"4\" inputmode=\"numeric\" value=\"%s\"><label for=\"org\">Organisation</label><input "
                "id=\"org\" name=\"org\" size=\"5\" inputmode=\"numeric\" value=\"%s\">"
                "<input type=\"hidden\" name=\"year\" value=\"%d\"><button type=\"submit\">Vis</button></form>\n",
                f.municipality_code ? f.municipality_code : "",
                f.org_no ? arena_printf(&req->a, "%lld", (long long)f.org_no) : "", year);
    size_t count[WARN_STATUS_COUNT] = { 0 };
    for (size_t i = 0; i < n; i++)
        count[rows[i].status]++;
    html_printf(b, "<p class=\"result-count\" id=\"antal\">%zu i alarm, %zu til opmærksomhed%r.</p>\n",
                count[WARN_ALARM], count[WARN_WATCH],
                f.statuses & (1u << WARN_STABLE) ? arena_printf(&req->a, ", %zu stabile", count[WARN_STABLE]) : "");
    if (n)
        wt_html(req, &t);
    else
        html_printf(b, "<p class=\"empty\">Ingen %s med denne status i %d.</p>\n",
                    level == WARN_DEPARTMENT ? "afdelinger" : "boligområder", year);
    html_printf(b,
                "<p class=\"export\">Data: <a href=\"%s\">CSV</a> · <a href=\"/api/v1/warnings?level=%s&amp;year=%d"
                "\">JSON</a></p>\n",
                wt_csv_link(req), warn_level_code[level], year);
    page_end(req, 200);
}

void page_warning_method(http_req *req)
{
    static const crumb crumbs[] = { { "/", "Forside" }, { "/varsler", "Tidlig varsling" }, { NULL, "Metode" } };
    page pg = { .title = "Sådan vurderes afdelingerne", .nav = "warnings", .crumbs = crumbs, .ncrumbs = 3 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b,
                "<h1>Sådan vurderes afdelingerne</h1>\n<p class=\"lead\">Alle afdelinger og boligområder vurderes "
                "hvert år på den negative spirals fire led. Hvert nøgletal med en god retning sammenlignes med "
                "sammenlignelige afdelinger (samme størrelse, byggeperiode og kommunetype) på niveau (percentil og "
                "robust z-score) og på udvikling (hældning over tre år, hvor små afdelingers tilfældige udsving "
                "regnes fra). Tallene samles til en score pr. led og en samlet score.</p>\n"
                "<ul><li><strong>Stabil</strong>: intet led skiller sig ud.</li><li><strong>Opmærksomhed</strong>: "
                "mindst ét led skiller sig ud, og den samlede score er over grænsen for opmærksomhed.</li>"
                "<li><strong>Alarm</strong>: den samlede score er over alarmgrænsen, og flere led skiller sig ud.</li>"
                "</ul>\n<h2>Indstillinger</h2><p>Administratoren kan ændre dem med <code>helhed warnings config "
                "NØGLE VÆRDI</code>.</p>");
    warn_config c;
    hh_error e;
    if (warn_config_load(req->db, &c, &e))
        warn_config_defaults(&c);
    html_printf(b, "<div class=\"table-wrap\"><table class=\"data\"><thead><tr><th scope=\"col\">Nøgle</th>"
                   "<th scope=\"col\">Betydning</th><th scope=\"col\" class=\"num\">Værdi</th><th scope=\"col\" "
                   "class=\"num\">Standard</th></tr></thead><tbody>");
    for (size_t i = 0; i < warn_nparams; i++) {
        const warn_param *p = &warn_params[i];
        html_printf(b,
                    "<tr><th scope=\"row\"><code>warning.%s</code></th><td>%s</td><td class=\"num\">%s</td>"
                    "<td class=\"num\">%s</td></tr>",
                    p->key, p->description, num(req, warn_config_value(&c, p), p->integer ? 0 : 2),
                    num(req, p->def, p->integer ? 0 : 2));
    }
    html_printf(b, "</tbody></table></div>\n");
    page_end(req, 200);
}

/* ---- notifications ---- */

static int64_t seen_up_to(http_req *req, int64_t user_id)
{
    db_stmt *st = db_prepare(req->db, "SELECT last_event_id FROM notification_seen WHERE user_id = ?");
    int64_t v = 0;
    if (st) {
        db_bind_int64(st, 1, user_id);
        if (db_step(st) == DB_ROW)
            v = db_col_int64(st, 0);
        db_done(st);
    }
    return v;
}

/* Events of both levels in the reader's scope, newest first: at most max
 * per level, and only those after after_id (0: all). */
static size_t scoped_events(http_req *req, int64_t after_id, size_t max, warn_event **out)
{
    warn_event *all = NULL;
    size_t n = 0;
    for (int l = 0; l < WARN_LEVEL_COUNT; l++) {
        warn_filter f = { .where = scope_where(req, (warn_level)l), .limit = max, .after_id = after_id };
        warn_event *ev;
        size_t k;
        hh_error e;
        if (warn_events(req->db, &req->a, (warn_level)l, 0, &f, &ev, &k, &e) || !k)
            continue;
        all = arena_grow(&req->a, all, n * sizeof(warn_event), (n + k) * sizeof(warn_event));
        memcpy(all + n, ev, k * sizeof(warn_event));
        n += k;
    }
    /* Newest first across levels. */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && all[j].id > all[j - 1].id; j--) {
            warn_event t = all[j];
            all[j] = all[j - 1];
            all[j - 1] = t;
        }
    *out = all;
    return n;
}

/* On every page for a logged-in user: reads only the unseen events (usually none). */
size_t notifications_unseen(http_req *req)
{
    principal *p = web_principal(req);
    if (!p || !req->db)
        return 0;
    warn_event *ev;
    return scoped_events(req, seen_up_to(req, p->user_id), 100, &ev);
}

void page_notifications(http_req *req)
{
    principal *p = web_principal(req);
    int64_t seen = seen_up_to(req, p->user_id);
    warn_event *ev;
    size_t n = scoped_events(req, 0, 200, &ev);
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Notifikationer" } };
    page pg = { .title = "Notifikationer", .nav = "notifications", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<h1>Notifikationer</h1>\n<p class=\"lead\">Når en afdeling eller et boligområde, du har adgang "
                   "til, skifter status i den tidlige varsling efter en import, står det her.</p>\n");
    dialogue_reminders_section(req); /* steering-dialogue deadlines: not events, not counted as unseen */
    if (!n) {
        html_printf(b, "<p class=\"empty\">Ingen ændringer endnu.</p>\n");
    } else {
        html_printf(b, "<ol class=\"notifications\">");
        for (size_t i = 0; i < n; i++) {
            warn_event *x = &ev[i];
            html_printf(b,
                        "<li class=\"%s\"><p><a href=\"%s\">%s</a> (%s): %r → %r <span class=\"muted\">%d · %s</span>"
                        "%r</p>",
                        x->id > seen ? "unseen" : "seen", unit_href(req, x->level, x->code), x->name, x->code,
                        badge(req, x->old_status), badge(req, x->new_status), x->year, x->created_at,
                        x->id > seen ? " <strong class=\"new\">Ny</strong>" : "");
            if (x->nreasons) {
                html_printf(b, "<ul class=\"reasons\">");
                for (size_t k = 0; k < x->nreasons; k++)
                    html_printf(b, "<li>%s</li>", x->reasons[k]);
                html_printf(b, "</ul>");
            }
            html_printf(b, "</li>");
        }
        html_printf(b, "</ol>\n");
        /* Seeing the page marks them read. */
        db_stmt *st =
            db_prepare(req->db, "INSERT INTO notification_seen (user_id, last_event_id) VALUES (?, ?)"
                                " ON CONFLICT (user_id) DO UPDATE SET last_event_id = excluded.last_event_id");
        if (st && ev[0].id > seen) {
            db_bind_int64(st, 1, p->user_id);
            db_bind_int64(st, 2, ev[0].id);
            db_step(st);
        }
        if (st)
            db_done(st);
    }
    page_end(req, 200);
}

/* ---- API ---- */

static void respond(http_req *req)
{
    buf_putc(&req->out, '\n');
    http_respond(req, 200, "application/json");
}

/* GET /api/v1/warnings?level=&year=&status=&municipality=&org= */
void api_warnings(http_req *req)
{
    warn_query q;
    if (!query_rows(req, true, &q))
        return;
    warn_level level = q.level;
    int year = q.year;
    warn_row *rows = q.rows;
    size_t n = q.n;
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kstr(&w, "level", warn_level_code[level]);
    jw_kint(&w, "year", year);
    jw_key(&w, "units");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        warn_row *r = &rows[i];
        jw_obj(&w);
        jw_kstr(&w, "code", r->code);
        jw_kstr(&w, "name", r->name);
        jw_kstr(&w, "municipality_code", r->municipality_code);
        jw_kstr(&w, "status", warn_status_code[r->status]);
        jw_key(&w, "score");
        jw_double(&w, r->score);
        jw_key(&w, "links");
        jw_obj(&w);
        for (int k = 0; k < WARN_LINKS; k++) {
            jw_key(&w, kf_link_code[k]);
            jw_double(&w, r->link_score[k]);
        }
        jw_obj_end(&w);
        jw_key(&w, "reasons");
        jw_arr(&w);
        for (size_t k = 0; k < r->nreasons; k++)
            jw_str(&w, r->reasons[k]);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    respond(req);
}

/* GET /api/v1/notifications: status changes in the caller's scope, with the
 * number not yet seen in the browser. */
void api_notifications(http_req *req)
{
    principal *p = web_principal(req);
    int64_t seen = seen_up_to(req, p->user_id);
    warn_event *ev;
    size_t n = scoped_events(req, 0, 200, &ev), unseen = 0;
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "notifications");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        unseen += ev[i].id > seen;
        jw_obj(&w);
        jw_kint(&w, "id", ev[i].id);
        jw_kstr(&w, "level", warn_level_code[ev[i].level]);
        jw_kstr(&w, "code", ev[i].code);
        jw_kstr(&w, "name", ev[i].name);
        jw_kint(&w, "year", ev[i].year);
        jw_kstr(&w, "old_status", warn_status_code[ev[i].old_status]);
        jw_kstr(&w, "new_status", warn_status_code[ev[i].new_status]);
        jw_kstr(&w, "created_at", ev[i].created_at);
        jw_kbool(&w, "seen", ev[i].id <= seen);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_kint(&w, "unseen", (int64_t)unseen);
    jw_obj_end(&w);
    respond(req);
}
