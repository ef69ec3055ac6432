/* report_html.c - a report document (rpt_doc, report.h) as HTML: a
 * standalone, printable Danish document with its CSS inline (web/report.css),
 * and the same body as a fragment for a page of the app (which links the
 * stylesheet, as the Content-Security-Policy forbids inline style). Charts
 * are SVG with presentation attributes; heat-map cells use classes heat-0 …
 * heat-5. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/embed.h"
#include "report/report.h"
#include "web/html.h"

/* The part of a heading before its break, in a static buffer. */
static const char *html_head_part(const char *s, const char *brk)
{
    static _Thread_local char part[128];
    snprintf(part, sizeof part, "%.*s", (int)(brk - s), s);
    return part;
}

static void table_html(buf *b, const rpt_table *t, const char *empty)
{
    if (t->nrows == 0) {
        html_printf(b, "<p class=\"rp-empty\">%s</p>\n", empty ? empty : "Intet registreret i året.");
        return;
    }
    bool facts = t->kind == RPT_FACTS;
    html_printf(b, "<table class=\"rp-table%r\">", facts ? " rp-facts" : "");
    if (!facts) {
        html_printf(b, "<thead><tr>");
        for (size_t c = 0; c < t->ncols; c++) {
            /* "Vedlige-\nhold": the PDF's break; one word here. */
            const char *brk = strstr(t->cols[c], "-\n");
            if (brk)
                html_printf(b, "<th scope=\"col\"%r>%s%s</th>", t->numeric[c] ? " class=\"num\"" : "",
                            html_head_part(t->cols[c], brk), brk + 2);
            else
                html_printf(b, "<th scope=\"col\"%r>%s</th>", t->numeric[c] ? " class=\"num\"" : "", t->cols[c]);
        }
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
            if (t->kind == RPT_HEATMAP && t->grey_col && c == t->grey_col && x->shade > 0)
                cls = x->shade == 1   ? " class=\"num heat-u1\""
                      : x->shade == 2 ? " class=\"num heat-u2\""
                      : x->shade == 3 ? " class=\"num heat-u3\""
                      : x->shade == 4 ? " class=\"num heat-u4\""
                                      : " class=\"num heat-u5\"";
            else if (t->kind == RPT_HEATMAP && c <= t->heat_cols)
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

/* Horizontal bars over one or two columns of a table, a panel each. */
static void bars_html(buf *b, const rpt_table *t, const rpt_bars *bars)
{
    const double label_w = 250, panel_w = 200, gap = 70, row_h = 24, top = 26;
    size_t np = bars->npanels == 1 ? 1 : 2;
    double maxv[2] = { 0, 0 };
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t k = 0; k < np; k++) {
            double v = rpt_at(t, r, bars->cols[k])->num;
            if (!isnan(v) && v > maxv[k])
                maxv[k] = v;
        }
    if (maxv[0] <= 0)
        return; /* nothing to draw */
    double w = label_w + (double)np * panel_w + (double)(np - 1) * gap + 60, h = top + row_h * (double)t->nrows + 6;
    html_printf(b,
                "<svg class=\"rp-chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s\">"
                "<title id=\"%s\">%s</title>",
                (int)w, (int)h, bars->svg_id, bars->svg_id, bars->title);
    static const char *const fills[2] = { "#1f5f8b", "#2f7d5b" };
    for (size_t k = 0; k < np; k++) {
        double x0 = label_w + (double)k * (panel_w + gap);
        html_printf(b, "<text x=\"%d\" y=\"14\" font-weight=\"600\">%s</text>", (int)x0, bars->heads[k]);
    }
    for (size_t r = 0; r < t->nrows; r++) {
        double y = top + row_h * (double)r;
        html_printf(b, "<text x=\"0\" y=\"%d\">%s</text>", (int)(y + 15), rpt_at(t, r, 0)->text);
        for (size_t k = 0; k < np; k++) {
            const rpt_cell *c = rpt_at(t, r, bars->cols[k]);
            double x0 = label_w + (double)k * (panel_w + gap);
            double bw = isnan(c->num) || maxv[k] <= 0 ? 0 : panel_w * c->num / maxv[k];
            if (bw > 0)
                html_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%r\"></rect>", (int)x0,
                            (int)(y + 3), bw < 1 ? 1 : (int)bw, fills[k]);
            html_printf(b, "<text x=\"%d\" y=\"%d\">%s</text>", (int)(x0 + bw + 4), (int)(y + 15), c->text);
        }
    }
    html_printf(b, "</svg>\n");
}

/* A small line chart of a series: segments between known values, a dot on
 * the last one. */
static void sparkline_html(buf *b, const rpt_series *s)
{
    const double w = 120, h = 28, pad = 3;
    double lo = INFINITY, hi = -INFINITY;
    size_t known = 0, last = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!isnan(s->values[i])) {
            lo = s->values[i] < lo ? s->values[i] : lo;
            hi = s->values[i] > hi ? s->values[i] : hi;
            known++;
            last = i;
        }
    if (known == 0 || s->n == 0) {
        html_printf(b, "<span class=\"rp-empty\">%s</span>", s->empty ? s->empty : "Ingen serie");
        return;
    }
    html_printf(b,
                "<svg class=\"rp-spark\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">"
                "<title>%s %d–%d</title>",
                (int)w, (int)h, (int)w, (int)h, s->label, s->years[0], s->years[s->n - 1]);
    double span = hi - lo;
    double step = s->n > 1 ? (w - 2 * pad) / (double)(s->n - 1) : 0;
    bool open = false;
    double lx = 0, ly = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (isnan(s->values[i])) {
            if (open)
                html_printf(b, "\"></polyline>");
            open = false;
            continue;
        }
        double x = pad + step * (double)i + (s->n == 1 ? (w - 2 * pad) / 2 : 0);
        double y = span > 0 ? h - pad - (h - 2 * pad) * (s->values[i] - lo) / span : h / 2;
        if (!open)
            html_printf(b, "<polyline fill=\"none\" stroke=\"#1f5f8b\" stroke-width=\"1.5\" points=\"");
        html_printf(b, "%r%d.%d,%d.%d", open ? " " : "", (int)x, (int)(x * 10) % 10, (int)y, (int)(y * 10) % 10);
        open = true;
        if (i == last) {
            lx = x;
            ly = y;
        }
    }
    if (open)
        html_printf(b, "\"></polyline>");
    html_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"2.5\" fill=\"#1f5f8b\"></circle></svg>", (int)lx, (int)ly);
}

static void series_html(buf *b, const rpt_block *x)
{
    html_printf(b, "<table class=\"rp-table rp-series\"><thead><tr><th scope=\"col\">Nøgletal</th>"
                   "<th scope=\"col\" class=\"num\">Værdi</th><th scope=\"col\">Udvikling</th>"
                   "<th scope=\"col\">Sammenligning</th></tr></thead><tbody>");
    const char *group = NULL;
    for (size_t i = 0; i < x->nseries; i++) {
        const rpt_series *s = &x->series[i];
        if (s->group && *s->group && (!group || strcmp(group, s->group) != 0))
            html_printf(b, "<tr class=\"rp-group\"><th scope=\"rowgroup\" colspan=\"4\">%s</th></tr>", s->group);
        group = s->group;
        html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td>", s->label, s->value);
        sparkline_html(b, s);
        html_printf(b, "</td><td class=\"rp-detail\">%s</td></tr>", s->note ? s->note : "");
    }
    html_printf(b, "</tbody></table>\n");
}

static void stories_html(buf *b, const rpt_table *t, const char *empty)
{
    if (t->nrows == 0) {
        html_printf(b, "<p class=\"rp-empty\">%s</p>\n",
                    empty ? empty : "Ingen fortællinger er valgt til rapporten for året.");
        return;
    }
    for (size_t r = 0; r < t->nrows; r++)
        html_printf(b,
                    "<article class=\"rp-story\"><h3>%s</h3><p class=\"rp-meta\">%s · %s · %s</p><p>%s</p>"
                    "</article>\n",
                    rpt_at(t, r, 3)->text, rpt_at(t, r, 0)->text, rpt_at(t, r, 1)->text, rpt_at(t, r, 2)->text,
                    rpt_at(t, r, 4)->text);
}

static void block_html(const rpt_block *x, buf *b, bool standalone)
{
    const char *h2 = standalone ? "h2" : "h3", *h3 = standalone ? "h3" : "h4";
    switch (x->kind) {
    case RB_HEADING:
        if (x->id)
            html_printf(b, "<%r id=\"rp-%s\">%s</%r>\n", x->level > 1 ? h3 : h2, x->id, x->text,
                        x->level > 1 ? h3 : h2);
        else
            html_printf(b, "<%r>%s</%r>\n", x->level > 1 ? h3 : h2, x->text, x->level > 1 ? h3 : h2);
        break;
    case RB_TEXT: html_printf(b, "<p class=\"rp-text\">%s</p>\n", x->text); break;
    case RB_NOTE: html_printf(b, "<p class=\"rp-note\">%s</p>\n", x->text); break;
    case RB_PAGE_BREAK: html_printf(b, "<div class=\"rp-break\"></div>\n"); break;
    case RB_SERIES: series_html(b, x); break;
    case RB_TABLE: {
        const rpt_table *t = x->table;
        const char *h = x->level > 1 ? h3 : h2;
        bool section = x->level <= 1;
        if (section)
            html_printf(b, "<section id=\"rp-%s\">", x->id ? x->id : t->id);
        if (t->title && *t->title)
            html_printf(b, "<%r>%s</%r>\n", h, t->title, h);
        if (x->bars)
            bars_html(b, t, x->bars);
        if (t->kind == RPT_TEXTS)
            stories_html(b, t, x->empty);
        else
            table_html(b, t, x->empty);
        if (t->note && *t->note)
            html_printf(b, "<p class=\"rp-note\">%s</p>\n", t->note);
        if (section)
            html_printf(b, "</section>\n");
        break;
    }
    }
}

static void body(const rpt_doc *d, buf *b, bool standalone)
{
    html_printf(b, "<article class=\"%s\">\n<header><p class=\"rp-kicker\">%s</p>",
                d->css_class ? d->css_class : "lbf-report", d->kicker);
    html_printf(b, standalone ? "<h1 class=\"rp-title\">%s</h1>" : "<h2 class=\"rp-title\">%s</h2>", d->title);
    html_printf(b, "<p class=\"rp-meta\">%s · Dannet %s · <span class=\"rp-audience\">%s</span></p>", d->subtitle,
                d->generated_da, d->badge);
    html_printf(b, "</header>\n");
    if (d->nkeys) {
        html_printf(b, "<ul class=\"rp-keys\">");
        for (size_t i = 0; i < d->nkeys; i++)
            html_printf(b, "<li><span class=\"rp-num\">%s</span><span class=\"rp-lbl\">%s</span></li>",
                        d->keys[i].value, d->keys[i].label);
        html_printf(b, "</ul>\n");
    }
    for (size_t i = 0; i < d->nblocks; i++)
        block_html(&d->blocks[i], b, standalone);
    html_printf(b, "<p class=\"rp-foot\">%s</p>\n</article>\n", d->foot_html);
}

void rpt_html_fragment(const rpt_doc *d, buf *out)
{
    body(d, out, false);
}

void rpt_html_document(const rpt_doc *d, buf *b)
{
    html_printf(b,
                "<!doctype html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>%s</title>\n<style>\n"
                "body { font: 11pt/1.5 \"DejaVu Sans\", system-ui, sans-serif; margin: 2rem auto; padding: 0 1.5rem; "
                "max-width: 62rem; }\n@page { size: A4; margin: 18mm 16mm; }\n",
                d->doc_title);
    const embed_file *css = embed_find(&embed_web, "report.css", strlen("report.css"));
    if (css)
        buf_append(b, css->data, css->len);
    html_printf(b, "</style>\n</head>\n<body>\n");
    body(d, b, true);
    html_printf(b, "</body>\n</html>\n");
}
