/* pages_report.c - the yearly report to LBF in the app and the API:
 *   GET /planer/{plan}/rapport?aar=Y&publikum=lbf|intern  the report page
 *   GET /planer/{plan}/rapport/{file}                      file = "2025.pdf"
 *       (.pdf, .html, .csv, .xlsx), same query
 *   GET /api/v1/plans/{plan}/report?year=&format=json|pdf|html|csv|xlsx&audience=external|team
 * Everybody who can read the plan gets the report; only the plan's team
 * (plan_may_write) may ask for the internal one with every number, and
 * everybody else gets the external one whatever they ask. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "http/json.h"
#include "report/plan_year.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"

typedef enum rep_format { RF_JSON, RF_PDF, RF_HTML, RF_CSV, RF_XLSX, RF_COUNT } rep_format;
static const char *const rf_code[RF_COUNT] = { "json", "pdf", "html", "csv", "xlsx" };
static const char *const rf_ctype[RF_COUNT] = { "application/json", "application/pdf", "text/html; charset=utf-8",
                                                "text/csv; charset=utf-8",
                                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

static int rf_find(const char *s, size_t n)
{
    for (int i = 0; i < RF_COUNT; i++)
        if (strlen(rf_code[i]) == n && strncmp(rf_code[i], s, n) == 0)
            return i;
    return -1;
}

/* Builds the report; false after answering. */
static bool build(http_req *req, int64_t plan_id, int year, report_audience want, plan_year_report *r)
{
    hh_error e;
    hh_err rc = report_plan_year(req->db, web_principal(req), &req->a, plan_id, year, want, r, &e);
    if (rc) {
        plans_fail(req, rc, &e, "building the yearly report");
        return false;
    }
    return true;
}

/* Writes the report in format f and responds (downloads as attachments). */
static void send(http_req *req, const plan_year_report *r, rep_format f, bool attachment)
{
    hh_error e;
    hh_err rc = HH_OK;
    if (f == RF_PDF)
        rc = report_pdf(r, &req->out, NULL, &e);
    else if (f == RF_HTML)
        report_html_document(r, &req->out);
    else if (f == RF_CSV)
        report_csv(r, &req->out);
    else if (f == RF_XLSX)
        rc = report_xlsx_buf(r, &req->out, &e);
    if (rc) {
        buf_reset(&req->out);
        http_fail_db(req, "writing the yearly report");
        return;
    }
    if (f >= RF_COUNT)
        f = RF_JSON;
    if (attachment)
        http_add_header(req, "Content-Disposition",
                        arena_printf(&req->a, "%s; filename=\"%s\"",
                                     f == RF_HTML || f == RF_PDF ? "inline" : "attachment",
                                     report_filename(&req->a, r, rf_code[f])));
    http_respond(req, 200, rf_ctype[f]);
}

/* ---- the page ---- */

static bool want_internal(http_req *req)
{
    const char *s = http_query(req, "publikum");
    return s && strcmp(s, "intern") == 0;
}

void page_plan_report(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    hh_error e;
    int *years, dflt;
    size_t ny;
    hh_err rc = report_years(req->db, web_principal(req), &req->a, pl.id, &years, &ny, &dflt, &e);
    if (rc) {
        plans_fail(req, rc, &e, "reading the report's years");
        return;
    }
    int year = dflt;
    const char *ys = http_query(req, "aar");
    if (ys && *ys && !hh_parse_int(ys, 1990, 2100, &year)) {
        http_error(req, 400, "invalid", "Året skal være et årstal mellem 1990 og 2100.", "aar");
        return;
    }
    bool team = plans_may_write(req, &pl);
    plan_year_report r;
    if (!build(req, pl.id, year, team && want_internal(req) ? REPORT_TEAM : REPORT_EXTERNAL, &r))
        return;
    plans_begin(req, &pl, arena_printf(&req->a, "Årsrapport %d", year), "rapport");
    buf *b = &req->out;
    html_printf(b, "<link rel=\"stylesheet\" href=\"%s\">\n", asset_url(req, "report.css"));
    html_printf(b,
                "<p class=\"lead\">Årsrapporten til Landsbyggefonden for %d: aktiviteter, deltagelse, inddragelse, "
                "målopfyldelse og de fortællinger, medarbejderne har valgt. Den dannes af de registrerede tal med ét "
                "klik.</p>\n",
                year);
    html_printf(b,
                "<form class=\"filters no-print report-form\" method=\"get\" action=\"/planer/%D/rapport\"><div>"
                "<label for=\"aar\">År</label><select id=\"aar\" name=\"aar\">",
                pl.id);
    bool listed = false;
    for (size_t i = ny; i-- > 0;) {
        html_printf(b, "<option value=\"%d\"%r>%d</option>", years[i], years[i] == year ? " selected" : "", years[i]);
        listed |= years[i] == year;
    }
    if (!listed)
        html_printf(b, "<option value=\"%d\" selected>%d</option>", year, year);
    html_printf(b, "</select></div>");
    if (team) {
        html_printf(b,
                    "<fieldset class=\"audience\"><legend>Tal i rapporten</legend>"
                    "<label><input type=\"radio\" name=\"publikum\" value=\"lbf\"%r> Til LBF (små tal skjult)</label> "
                    "<label><input type=\"radio\" name=\"publikum\" value=\"intern\"%r> Internt (alle tal)</label>"
                    "</fieldset>",
                    r.suppress ? " checked" : "", r.suppress ? "" : " checked");
    }
    html_printf(b, "<button type=\"submit\">Vis</button></form>\n");
    const char *q = r.suppress ? "" : "?publikum=intern";
    html_printf(b, "<p class=\"report-downloads no-print\" aria-label=\"Hent rapporten\">");
    static const struct {
        const char *ext, *label;
    } dl[] = { { "pdf", "PDF" }, { "html", "HTML" }, { "csv", "CSV" }, { "xlsx", "XLSX" } };
    for (size_t i = 0; i < sizeof dl / sizeof dl[0]; i++)
        html_printf(b, "<a class=\"button%r\" href=\"/planer/%D/rapport/%d.%s%s\" download>Hent %s</a> ",
                    i ? " secondary" : "", pl.id, year, dl[i].ext, q, dl[i].label);
    html_printf(b, "</p>\n");
    if (!r.suppress)
        notice(req, "warn",
               "Internt: rapporten viser alle tal, også antal under 5. Den er kun til planens team – send "
               "udgaven \"Til LBF\" ud af huset.");
    report_html_fragment(&r, b);
    page_end(req, 200);
}

void page_plan_report_file(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    const char *file = http_param(req, "file");
    const char *dot = file ? strrchr(file, '.') : NULL;
    int year;
    int f = dot ? rf_find(dot + 1, strlen(dot + 1)) : -1;
    char ys[8] = "";
    if (dot && (size_t)(dot - file) < sizeof ys) {
        memcpy(ys, file, (size_t)(dot - file));
        ys[dot - file] = '\0';
    }
    if (f <= RF_JSON || !hh_parse_int(ys, 1990, 2100, &year)) {
        http_error(req, 404, "not_found", "Rapporten findes ikke: brug fx /rapport/2025.pdf (pdf, html, csv, xlsx).",
                   NULL);
        return;
    }
    plan_year_report r;
    if (!build(req, pl.id, year, want_internal(req) ? REPORT_TEAM : REPORT_EXTERNAL, &r))
        return;
    send(req, &r, (rep_format)f, true);
}

/* ---- the API ---- */

static void json_report(http_req *req, const plan_year_report *r)
{
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "plan_id", r->pl.id);
    jw_kstr(&w, "plan_name", r->pl.name);
    jw_kint(&w, "year", r->year);
    jw_kstr(&w, "audience", report_audience_code[r->audience]);
    jw_kbool(&w, "suppressed", r->suppress);
    jw_kstr(&w, "generated", r->generated);
    jw_key(&w, "tables");
    jw_arr(&w);
    for (size_t i = 0; i < r->ntables; i++) {
        const rpt_table *t = &r->tables[i];
        jw_obj(&w);
        jw_kstr(&w, "id", t->id);
        jw_kstr(&w, "title", t->title);
        jw_kstr(&w, "note", t->note);
        jw_kbool(&w, "total_row", t->total_row);
        jw_key(&w, "columns");
        jw_arr(&w);
        for (size_t c = 0; c < t->ncols; c++)
            jw_str(&w, t->cols[c]);
        jw_arr_end(&w);
        jw_key(&w, "rows");
        jw_arr(&w);
        for (size_t row = 0; row < t->nrows; row++) {
            jw_obj(&w);
            jw_key(&w, "text");
            jw_arr(&w);
            for (size_t c = 0; c < t->ncols; c++)
                jw_str(&w, rpt_at(t, row, c)->text);
            jw_arr_end(&w);
            jw_key(&w, "values");
            jw_arr(&w);
            for (size_t c = 0; c < t->ncols; c++)
                jw_double(&w, rpt_at(t, row, c)->num); /* null for text and hidden numbers */
            jw_arr_end(&w);
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    buf_putc(&req->out, '\n');
    http_respond(req, 200, "application/json");
}

void api_plan_report(http_req *req)
{
    plan pl;
    if (!plans_load(req, &pl))
        return;
    const char *fs = http_query(req, "format"), *ys = http_query(req, "year"), *as = http_query(req, "audience");
    int f = fs && *fs ? rf_find(fs, strlen(fs)) : RF_JSON;
    if (f < 0) {
        http_error(req, 400, "invalid", "format must be json, pdf, html, csv or xlsx", "format");
        return;
    }
    report_audience want = REPORT_EXTERNAL;
    if (as && *as) {
        if (strcmp(as, "team") == 0)
            want = REPORT_TEAM;
        else if (strcmp(as, "external") != 0) {
            http_error(req, 400, "invalid", "audience must be external or team", "audience");
            return;
        }
    }
    int year;
    if (ys && *ys) {
        if (!hh_parse_int(ys, 1990, 2100, &year)) {
            http_error(req, 400, "invalid", "year must be a year from 1990 to 2100", "year");
            return;
        }
    } else {
        hh_error e;
        hh_err rc = report_years(req->db, web_principal(req), &req->a, pl.id, NULL, NULL, &year, &e);
        if (rc) {
            plans_fail(req, rc, &e, "reading the report's years");
            return;
        }
    }
    plan_year_report r;
    if (!build(req, pl.id, year, want, &r))
        return;
    if (f == RF_JSON)
        json_report(req, &r);
    else
        send(req, &r, (rep_format)f, true);
}
