/* report_html.c - the yearly report as HTML: a standalone, printable Danish
 * document with its CSS inline (web/report.css), and the same body as a
 * fragment for the report page of the app (which links the stylesheet, as
 * the Content-Security-Policy forbids inline style). Charts are SVG with
 * presentation attributes; heat-map cells use classes heat-0 … heat-5. */
#include <math.h>
#include <string.h>

#include "core/embed.h"
#include "report/plan_year.h"
#include "web/html.h"

static void table_html(buf *b, const rpt_table *t)
{
    if (t->nrows == 0) {
        html_printf(b, "<p class=\"rp-empty\">Intet registreret i året.</p>\n");
        return;
    }
    bool facts = t->kind == RPT_FACTS;
    html_printf(b, "<table class=\"rp-table%r\">", facts ? " rp-facts" : "");
    if (!facts) {
        html_printf(b, "<thead><tr>");
        for (size_t c = 0; c < t->ncols; c++)
            html_printf(b, "<th scope=\"col\"%r>%s</th>", t->numeric[c] ? " class=\"num\"" : "", t->cols[c]);
        html_printf(b, "</tr></thead>");
    }
    html_printf(b, "<tbody>");
    for (size_t r = 0; r < t->nrows; r++) {
        bool total = t->total_row && r + 1 == t->nrows;
        html_printf(b, "<tr%r>", total ? " class=\"rp-total\"" : "");
        for (size_t c = 0; c < t->ncols; c++) {
            const rpt_cell *x = rpt_at(t, r, c);
            if (c == 0) {
                /* "label\ndetail": the detail muted under the label. */
                const char *nl = strchr(x->text, '\n');
                if (nl) {
                    buf lab;
                    buf_init(&lab, 0);
                    buf_append(&lab, x->text, (size_t)(nl - x->text));
                    html_printf(b, "<th scope=\"row\">%s<br><span class=\"rp-detail\">%s</span></th>", buf_cstr(&lab),
                                nl + 1);
                    buf_free(&lab);
                } else
                    html_printf(b, "<th scope=\"row\">%s</th>", x->text);
                continue;
            }
            const char *cls = "";
            if (t->kind == RPT_HEATMAP && c == INV_COUNT + 1 && x->shade > 0)
                cls = x->shade == 1   ? " class=\"num heat-u1\""
                      : x->shade == 2 ? " class=\"num heat-u2\""
                      : x->shade == 3 ? " class=\"num heat-u3\""
                      : x->shade == 4 ? " class=\"num heat-u4\""
                                      : " class=\"num heat-u5\"";
            else if (t->kind == RPT_HEATMAP && c <= INV_COUNT)
                cls = x->shade == 1   ? " class=\"num heat-1\""
                      : x->shade == 2 ? " class=\"num heat-2\""
                      : x->shade == 3 ? " class=\"num heat-3\""
                      : x->shade == 4 ? " class=\"num heat-4\""
                      : x->shade >= 5 ? " class=\"num heat-5\""
                                      : " class=\"num heat-0\"";
            else if (t->numeric[c])
                cls = " class=\"num\"";
            html_printf(b, "<td%r>%s</td>", cls, x->text);
        }
        html_printf(b, "</tr>");
    }
    html_printf(b, "</tbody></table>\n");
}

/* Sessions and attendances by category: two panels of horizontal bars. */
static void category_chart(buf *b, const rpt_table *t)
{
    const double label_w = 250, panel_w = 200, gap = 70, row_h = 24, top = 26;
    double maxv[2] = { 0, 0 };
    for (size_t r = 0; r < t->nrows; r++)
        for (int k = 0; k < 2; k++) {
            double v = rpt_at(t, r, 2 + (size_t)k)->num;
            if (!isnan(v) && v > maxv[k])
                maxv[k] = v;
        }
    if (maxv[0] <= 0)
        return; /* no sessions: nothing to draw */
    double w = label_w + 2 * panel_w + gap + 60, h = top + row_h * (double)t->nrows + 6;
    html_printf(b,
                "<svg class=\"rp-chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"rp-cat-t\">"
                "<title id=\"rp-cat-t\">Gange og fremmøder efter kategori</title>",
                (int)w, (int)h);
    static const char *const heads[2] = { "Gange", "Fremmøder" };
    static const char *const fills[2] = { "#1f5f8b", "#2f7d5b" };
    for (int k = 0; k < 2; k++) {
        double x0 = label_w + k * (panel_w + gap);
        html_printf(b, "<text x=\"%d\" y=\"14\" font-weight=\"600\">%s</text>", (int)x0, heads[k]);
    }
    for (size_t r = 0; r < t->nrows; r++) {
        double y = top + row_h * (double)r;
        html_printf(b, "<text x=\"0\" y=\"%d\">%s</text>", (int)(y + 15), rpt_at(t, r, 0)->text);
        for (int k = 0; k < 2; k++) {
            const rpt_cell *c = rpt_at(t, r, 2 + (size_t)k);
            double x0 = label_w + k * (panel_w + gap);
            double bw = isnan(c->num) || maxv[k] <= 0 ? 0 : panel_w * c->num / maxv[k];
            if (bw > 0)
                html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%r\"></rect>", (int)x0,
                            (int)(y + 3), bw < 1 ? 1 : (int)bw, fills[k]);
            html_printf(b, "<text x=\"%d\" y=\"%d\">%s</text>", (int)(x0 + bw + 4), (int)(y + 15), c->text);
        }
    }
    html_printf(b, "</svg>\n");
}

static void stories_html(buf *b, const rpt_table *t)
{
    if (t->nrows == 0) {
        html_printf(b, "<p class=\"rp-empty\">Ingen fortællinger er valgt til rapporten for året.</p>\n");
        return;
    }
    for (size_t r = 0; r < t->nrows; r++)
        html_printf(b,
                    "<article class=\"rp-story\"><h3>%s</h3><p class=\"rp-meta\">%s · %s · %s</p><p>%s</p>"
                    "</article>\n",
                    rpt_at(t, r, 3)->text, rpt_at(t, r, 0)->text, rpt_at(t, r, 1)->text, rpt_at(t, r, 2)->text,
                    rpt_at(t, r, 4)->text);
}

static const char *key_text(const plan_year_report *r, size_t row)
{
    const rpt_table *t = report_table(r, "deltagelse");
    return t && row < t->nrows ? rpt_at(t, row, 1)->text : "";
}

static void body(const plan_year_report *r, buf *b, bool standalone)
{
    html_printf(b,
                "<article class=\"lbf-report\">\n<header><p class=\"rp-kicker\">Årsrapport til Landsbyggefonden</p>");
    html_printf(b, standalone ? "<h1 class=\"rp-title\">%s · %d</h1>" : "<h2 class=\"rp-title\">%s · %d</h2>",
                r->pl.name, r->year);
    html_printf(b, "<p class=\"rp-meta\">%s · %s Kommune%r%s · Dannet %s · <span class=\"rp-audience\">%s</span></p>",
                plan_type_label[r->pl.type], r->pl.municipality_name, *r->round_label ? " · Pulje " : "",
                r->round_label, r->generated_da, report_audience_label[r->audience]);
    html_printf(b, "</header>\n");
    /* Key numbers: rows of the participation table. */
    static const struct {
        size_t row;
        const char *label;
    } keys[] = { { 2, "Fremmøder" }, { 5, "Forskellige deltagere" }, { 6, "Nye deltagere" },
                 { 1, "Gange" },     { 0, "Aktiviteter" },           { 9, "Rækkevidde" } };
    html_printf(b, "<ul class=\"rp-keys\">");
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        html_printf(b, "<li><span class=\"rp-num\">%s</span><span class=\"rp-lbl\">%s</span></li>",
                    key_text(r, keys[i].row), keys[i].label);
    html_printf(b, "</ul>\n");
    const char *h = standalone ? "h2" : "h3";
    for (size_t i = 0; i < r->ntables; i++) {
        const rpt_table *t = &r->tables[i];
        html_printf(b, "<section id=\"rp-%s\"><%r>%s</%r>\n", t->id, h, t->title, h);
        if (strcmp(t->id, "kategorier") == 0)
            category_chart(b, t);
        if (t->kind == RPT_TEXTS)
            stories_html(b, t);
        else
            table_html(b, t);
        if (t->note && *t->note)
            html_printf(b, "<p class=\"rp-note\">%s</p>\n", t->note);
        html_printf(b, "</section>\n");
    }
    html_printf(b,
                "<p class=\"rp-foot\">%s Tallene er talt af Helhed ud fra de registrerede gange; deltagernøgler er "
                "pseudonymer og aldrig navne.</p>\n</article>\n",
                r->suppress ? "Antal personer fra 1 til 4 vises som <5, og hvor en tabel viser dele og deres total, "
                              "er yderligere tal skjult (x), så et lille tal ikke kan regnes ud."
                            : "Rapporten viser alle tal og er kun til planens team.");
}

void report_html_fragment(const plan_year_report *r, buf *out)
{
    body(r, out, false);
}

void report_html_document(const plan_year_report *r, buf *b)
{
    html_printf(b,
                "<!doctype html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>Årsrapport %d · %s</title>\n<style>\n"
                "body { font: 11pt/1.5 \"DejaVu Sans\", system-ui, sans-serif; margin: 2rem auto; padding: 0 1.5rem; "
                "max-width: 62rem; }\n@page { size: A4; margin: 18mm 16mm; }\n",
                r->year, r->pl.name);
    const embed_file *css = embed_find(&embed_web, "report.css", strlen("report.css"));
    if (css)
        buf_append(b, css->data, css->len);
    html_printf(b, "</style>\n</head>\n<body>\n");
    body(r, b, true);
    html_printf(b, "</body>\n</html>\n");
}
