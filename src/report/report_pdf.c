/* report_pdf.c - a report document (rpt_doc, report.h) as a PDF with cairo
 * and pango: A4 portrait, DejaVu Sans, a header line and "Side N af M" on
 * every page, the key numbers on the first page, then the document's blocks:
 * headings, paragraphs, tables (a table row is never split across pages; a
 * table that continues repeats its heading row), horizontal bar charts, heat
 * maps (shaded cells with their numbers), stories, small line charts of
 * series and page breaks.
 *
 * The document is laid out twice with the same code: a dry run on a PDF
 * surface that discards its bytes counts the pages (for "af M"), the second
 * run writes them. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"

#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.89
#define MARGIN_L 56.7
#define MARGIN_R 56.7
#define CONTENT_TOP 74.0
#define CONTENT_BOTTOM (PAGE_H - 62.0)
#define CONTENT_W (PAGE_W - MARGIN_L - MARGIN_R)
#define CELL_PAD_X 5.0
#define CELL_PAD_Y 3.2

typedef struct rgb {
    double r, g, b;
} rgb;

static const rgb INK = { 0.114, 0.153, 0.200 };
static const rgb MUTED = { 0.318, 0.376, 0.435 };
static const rgb LINE = { 0.835, 0.867, 0.894 };
static const rgb BRAND = { 0.122, 0.373, 0.545 };
static const rgb ACCENT = { 0.184, 0.490, 0.357 };
static const rgb WASH = { 0.953, 0.965, 0.973 };
static const rgb HEAT[6] = { { 1, 1, 1 },
                             { 0.890, 0.933, 0.965 },
                             { 0.773, 0.863, 0.925 },
                             { 0.612, 0.761, 0.871 },
                             { 0.373, 0.612, 0.780 },
                             { 0.122, 0.373, 0.545 } };
/* A heat map's grey column (rpt_table.grey_col): its own neutral scale. */
static const rgb HEAT_U[6] = { { 1, 1, 1 },
                               { 0.957, 0.961, 0.965 },
                               { 0.894, 0.902, 0.914 },
                               { 0.804, 0.820, 0.839 },
                               { 0.663, 0.686, 0.718 },
                               { 0.420, 0.451, 0.490 } };

typedef struct pdf {
    const rpt_doc *d;
    cairo_surface_t *surface;
    cairo_t *cr;
    int page;          /* current page, from 1 */
    int total;         /* pages of the dry run; 0 during it */
    double y;          /* next free position */
    PangoContext *ctx; /* at 72 dpi: font sizes are points */
    PangoFontDescription *f_body, *f_bold, *f_small, *f_small_bold, *f_h2, *f_title, *f_num, *f_story, *f_h3;
    GHashTable *widths;  /* "font|text" → natural width, shared by both runs */
    const char *running; /* the header's right side when set (rpt_block.running) */
} pdf;

static void color(pdf *p, rgb c)
{
    cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
}

static PangoLayout *layout(pdf *p, const char *text, const PangoFontDescription *f, double width, PangoAlignment al)
{
    PangoLayout *l = pango_layout_new(p->ctx);
    pango_layout_set_font_description(l, f);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, al);
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

static double layout_h(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* The font's place among the run's fonts (the same in both runs). */
static int font_slot(const pdf *p, const PangoFontDescription *f)
{
    const PangoFontDescription *fs[] = { p->f_body,  p->f_bold, p->f_small, p->f_small_bold, p->f_h2,
                                         p->f_title, p->f_num,  p->f_story, p->f_h3 };
    for (int i = 0; i < (int)(sizeof fs / sizeof fs[0]); i++)
        if (fs[i] == f)
            return i;
    return -1;
}

/* The natural (one-line) width of text. Measured once per font and text:
 * column widths measure every cell and word, in both runs. */
static double text_w(pdf *p, const char *text, const PangoFontDescription *f)
{
    int slot = font_slot(p, f);
    char *key = NULL;
    if (p->widths && slot >= 0) {
        key = g_strdup_printf("%d|%s", slot, text ? text : "");
        const double *hit = g_hash_table_lookup(p->widths, key);
        if (hit) {
            g_free(key);
            return *hit;
        }
    }
    PangoLayout *l = layout(p, text, f, 0, PANGO_ALIGN_LEFT);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    double width = (double)w / PANGO_SCALE;
    if (key) {
        double *v = g_new(double, 1);
        *v = width;
        g_hash_table_insert(p->widths, key, v);
    }
    return width;
}

static void show(pdf *p, PangoLayout *l, double x, double y, rgb c)
{
    if (p->total == 0)
        return; /* the dry run draws no text */
    color(p, c);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
}

/* The height of text wrapped in width (0: no wrapping). Measured once per
 * font, width and text: rows are measured before they are drawn, in both
 * runs. */
static double text_h(pdf *p, const char *text, const PangoFontDescription *f, double width)
{
    int slot = font_slot(p, f);
    char *key = NULL;
    if (p->widths && slot >= 0) {
        key = g_strdup_printf("h%d|%.4f|%s", slot, width, text ? text : "");
        const double *hit = g_hash_table_lookup(p->widths, key);
        if (hit) {
            g_free(key);
            return *hit;
        }
    }
    PangoLayout *l = layout(p, text, f, width, PANGO_ALIGN_LEFT);
    double h = layout_h(l);
    g_object_unref(l);
    if (key) {
        double *v = g_new(double, 1);
        *v = h;
        g_hash_table_insert(p->widths, key, v);
    }
    return h;
}

/* Draws text at (x, y) in a box of width (0: no wrapping); returns its height. */
static double text_at(pdf *p, const char *text, const PangoFontDescription *f, double x, double y, double width,
                      PangoAlignment al, rgb c)
{
    if (p->total == 0)
        return text_h(p, text, f, width); /* the dry run only measures */
    PangoLayout *l = layout(p, text, f, width, al);
    double h = layout_h(l);
    show(p, l, x, y, c);
    g_object_unref(l);
    return h;
}

static void hline(pdf *p, double x0, double x1, double y, double width, rgb c)
{
    color(p, c);
    cairo_set_line_width(p->cr, width);
    cairo_move_to(p->cr, x0, y);
    cairo_line_to(p->cr, x1, y);
    cairo_stroke(p->cr);
}

static void page_header(pdf *p)
{
    text_at(p, p->d->doc_title, p->f_small, MARGIN_L, 34, CONTENT_W * 0.7, PANGO_ALIGN_LEFT, MUTED);
    text_at(p, p->running ? p->running : p->d->header_right, p->f_small, MARGIN_L + CONTENT_W * 0.5, 34,
            CONTENT_W * 0.5, PANGO_ALIGN_RIGHT, MUTED);
    hline(p, MARGIN_L, PAGE_W - MARGIN_R, 50, 0.6, LINE);
    p->y = CONTENT_TOP;
}

static void page_footer(pdf *p)
{
    hline(p, MARGIN_L, PAGE_W - MARGIN_R, PAGE_H - 46, 0.6, LINE);
    char left[128], right[64];
    snprintf(left, sizeof left, "Helhed · dannet %s", p->d->generated_da);
    if (p->total > 0)
        snprintf(right, sizeof right, "Side %d af %d", p->page, p->total);
    else
        snprintf(right, sizeof right, "Side %d af %d", p->page, p->page);
    text_at(p, left, p->f_small, MARGIN_L, PAGE_H - 40, CONTENT_W * 0.6, PANGO_ALIGN_LEFT, MUTED);
    text_at(p, right, p->f_small, MARGIN_L + CONTENT_W * 0.5, PAGE_H - 40, CONTENT_W * 0.5, PANGO_ALIGN_RIGHT, MUTED);
}

static void new_page(pdf *p)
{
    page_footer(p);
    cairo_show_page(p->cr);
    p->page++;
    page_header(p);
}

/* Room for h more points on this page, or a new page. Returns true when a
 * new page was started. */
static bool need(pdf *p, double h)
{
    if (p->y + h <= CONTENT_BOTTOM || p->y <= CONTENT_TOP + 0.5)
        return false;
    new_page(p);
    return true;
}

/* A paragraph, line by line, so a long text flows onto the next page. */
static void paragraph(pdf *p, const char *text, const PangoFontDescription *f, double x, double width, rgb c)
{
    PangoLayout *l = layout(p, text, f, width, PANGO_ALIGN_LEFT);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        int baseline = pango_layout_iter_get_baseline(it);
        double lh = (double)logical.height / PANGO_SCALE;
        need(p, lh);
        if (p->total > 0) {
            color(p, c);
            cairo_move_to(p->cr, x, p->y + (double)(baseline - logical.y) / PANGO_SCALE);
            pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
        }
        p->y += lh;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
}

/* ---- tables ---- */

typedef struct cols_layout {
    double w[16];
    size_t n;
    double width; /* of the whole table */
} cols_layout;

/* The font a cell is drawn with (r == SIZE_MAX: the heading row). */
static const PangoFontDescription *cell_font(const pdf *p, const rpt_table *t, size_t r)
{
    bool wide = t->ncols >= 7; /* wide tables in the small size */
    if (r == (size_t)-1)
        return p->f_small_bold;
    if (t->total_row && r + 1 == t->nrows)
        return wide ? p->f_small_bold : p->f_bold;
    return wide ? p->f_small : p->f_body;
}

/* The widest word of s. */
static double word_w(pdf *p, const char *s, const PangoFontDescription *f)
{
    double best = 0;
    if (!s)
        return 0;
    while (*s) {
        size_t n = strcspn(s, " \n");
        if (n) {
            char word[256];
            snprintf(word, sizeof word, "%.*s", (int)(n < 255 ? n : 255), s);
            double w = text_w(p, word, f);
            if (w > best)
                best = w;
        }
        s += n;
        while (*s == ' ' || *s == '\n')
            s++;
    }
    return best;
}

/* Column widths: each column's natural width (one line) when the table
 * fits; otherwise every column gets at least its widest word (numbers whole)
 * and the rest of the room is shared by how much more each would like.
 * Narrow tables of two or three columns keep a modest width. */
static void column_widths(pdf *p, const rpt_table *t, cols_layout *cl)
{
    size_t n = t->ncols < 16 ? t->ncols : 16;
    memset(cl, 0, sizeof *cl);
    cl->n = n;
    if (t->kind == RPT_FACTS) {
        cl->w[0] = 130;
        cl->w[1] = CONTENT_W - 130;
        cl->width = CONTENT_W;
        return;
    }
    double natural[16] = { 0 }, minw[16] = { 0 }, sum = 0, summin = 0;
    for (size_t c = 0; c < n; c++) {
        double w = text_w(p, t->cols[c], p->f_small_bold), m = word_w(p, t->cols[c], p->f_small_bold);
        for (size_t r = 0; r < t->nrows; r++) {
            const char *s = rpt_at(t, r, c)->text;
            const PangoFontDescription *f = cell_font(p, t, r);
            double cw = text_w(p, s, f);
            double cm = t->numeric[c] ? cw : word_w(p, s, f);
            if (cw > w)
                w = cw;
            if (cm > m)
                m = cm;
        }
        /* A little slack: pango breaks a word that fits to the point. */
        natural[c] = w + 2 * CELL_PAD_X + 3;
        minw[c] = m + 2 * CELL_PAD_X + 3;
        if (!t->numeric[c] && minw[c] > 96)
            minw[c] = 96; /* a very long word may break */
        if (minw[c] > natural[c] || natural[c] <= 72)
            minw[c] = natural[c]; /* short columns do not wrap */
        sum += natural[c];
        summin += minw[c];
    }
    if (sum <= CONTENT_W) {
        double width = sum;
        if (n <= 3 && width < CONTENT_W * 0.62)
            width = CONTENT_W * 0.62;
        else if (n > 3)
            width = CONTENT_W;
        for (size_t c = 0; c < n; c++)
            cl->w[c] = natural[c];
        cl->w[0] += width - sum;
        cl->width = width;
        return;
    }
    cl->width = CONTENT_W;
    if (summin <= CONTENT_W) {
        double spare = CONTENT_W - summin, want = sum - summin;
        for (size_t c = 0; c < n; c++)
            cl->w[c] = minw[c] + (want > 0 ? spare * (natural[c] - minw[c]) / want : 0);
        return;
    }
    /* Too narrow even so: numbers and the row labels keep their width, the
     * other columns shrink (or, without any, everything but the labels). */
    double fixed = 0, flex = 0;
    for (size_t c = 0; c < n; c++) {
        if (c == 0 || t->numeric[c])
            fixed += minw[c];
        else
            flex += minw[c];
    }
    bool none = flex <= 0 || fixed >= CONTENT_W;
    if (none) {
        fixed = minw[0];
        flex = summin - minw[0];
    }
    double room = CONTENT_W - fixed;
    for (size_t c = 0; c < n; c++) {
        bool keep = none ? c == 0 : c == 0 || t->numeric[c];
        cl->w[c] = keep || flex <= 0 || room <= 0 ? minw[c] : minw[c] * room / flex;
    }
}

/* The first column's cell "label\ndetail": the label as the row's other
 * cells, the detail in the small size and muted under it. Draws it when
 * draw is set; returns its height. */
static double label_cell(pdf *p, const char *s, const PangoFontDescription *f, double x, double y, double w, bool draw,
                         rgb ink)
{
    const char *nl = strchr(s, '\n');
    char *first = nl ? g_strndup(s, (gsize)(nl - s)) : NULL;
    if (!draw || p->total == 0) {
        double h = text_h(p, first ? first : s, f, w);
        if (first)
            h += 1 + text_h(p, nl + 1, p->f_small, w);
        g_free(first);
        return h;
    }
    PangoLayout *l = layout(p, first ? first : s, f, w, PANGO_ALIGN_LEFT);
    double h = layout_h(l);
    if (draw)
        show(p, l, x, y, ink);
    g_object_unref(l);
    if (first) {
        PangoLayout *d = layout(p, nl + 1, p->f_small, w, PANGO_ALIGN_LEFT);
        if (draw)
            show(p, d, x, y + h + 1, MUTED);
        h += 1 + layout_h(d);
        g_object_unref(d);
        g_free(first);
    }
    return h;
}

/* The height of a row (the heading row when r == SIZE_MAX). */
static double row_height(pdf *p, const rpt_table *t, const cols_layout *cl, size_t r)
{
    double h = 0;
    for (size_t c = 0; c < cl->n; c++) {
        const char *s = r == (size_t)-1 ? t->cols[c] : rpt_at(t, r, c)->text;
        double lh;
        if (c == 0 && r != (size_t)-1)
            lh = label_cell(p, s, cell_font(p, t, r), 0, 0, cl->w[c] - 2 * CELL_PAD_X, false, INK);
        else
            lh = text_h(p, s, cell_font(p, t, r), cl->w[c] - 2 * CELL_PAD_X);
        if (lh > h)
            h = lh;
    }
    return h + 2 * CELL_PAD_Y;
}

static void draw_row(pdf *p, const rpt_table *t, const cols_layout *cl, size_t r, double h)
{
    bool head = r == (size_t)-1;
    bool total = !head && t->total_row && r + 1 == t->nrows;
    bool heat = t->kind == RPT_HEATMAP;
    double x = MARGIN_L, x1 = MARGIN_L + cl->width;
    if (head) {
        color(p, WASH);
        cairo_rectangle(p->cr, MARGIN_L, p->y, cl->width, h);
        cairo_fill(p->cr);
    } else if (r % 2 == 1 && t->kind != RPT_FACTS && !heat) {
        color(p, (rgb){ 0.980, 0.984, 0.988 });
        cairo_rectangle(p->cr, MARGIN_L, p->y, cl->width, h);
        cairo_fill(p->cr);
    }
    for (size_t c = 0; c < cl->n; c++) {
        const rpt_cell *cell = head ? NULL : rpt_at(t, r, c);
        const char *s = head ? t->cols[c] : cell->text;
        rgb ink = INK;
        bool heat_cell = heat && c >= 1 && c <= t->heat_cols;
        bool grey_cell = heat && t->grey_col && c == t->grey_col;
        if (!head && (heat_cell || grey_cell)) {
            int sh = cell->shade < 0 ? 0 : cell->shade > 5 ? 5 : cell->shade;
            color(p, sh ? (grey_cell ? HEAT_U[sh] : HEAT[sh]) : (rgb){ 0.975, 0.980, 0.985 });
            cairo_rectangle(p->cr, x + 1, p->y + 1, cl->w[c] - 2, h - 2);
            cairo_fill(p->cr);
            /* White only on the darkest shade: AA contrast for the number. */
            if (sh >= 5)
                ink = (rgb){ 1, 1, 1 };
        }
        if (!head && (t->kind == RPT_FACTS && c == 0))
            ink = MUTED;
        PangoAlignment al = heat_cell ? PANGO_ALIGN_CENTER : t->numeric[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
        if (c == 0 && !head)
            label_cell(p, s, cell_font(p, t, r), x + CELL_PAD_X, p->y + CELL_PAD_Y, cl->w[c] - 2 * CELL_PAD_X, true,
                       ink);
        else
            text_at(p, s, cell_font(p, t, r), x + CELL_PAD_X, p->y + CELL_PAD_Y, cl->w[c] - 2 * CELL_PAD_X, al,
                    head ? MUTED : ink);
        x += cl->w[c];
    }
    if (head)
        hline(p, MARGIN_L, x1, p->y + h, 0.8, INK);
    else if (total)
        hline(p, MARGIN_L, x1, p->y, 1.0, INK);
    else if (!heat)
        hline(p, MARGIN_L, x1, p->y + h, 0.4, LINE);
    p->y += h;
}

/* A heading at level 1 (a section) or 2 (a subsection), kept on a page
 * with keep points of what follows. */
static void heading(pdf *p, int level, const char *title, double keep)
{
    if (!title || !*title) {
        need(p, keep);
        return;
    }
    PangoLayout *l = layout(p, title, level > 1 ? p->f_h3 : p->f_h2, CONTENT_W, PANGO_ALIGN_LEFT);
    double h = layout_h(l);
    p->y += level > 1 ? 10 : 14;
    need(p, h + (level > 1 ? 4 : 6) + keep);
    show(p, l, MARGIN_L, p->y, level > 1 ? INK : BRAND);
    g_object_unref(l);
    p->y += h + (level > 1 ? 4 : 6);
}

static void section_title(pdf *p, const char *title, double keep)
{
    PangoLayout *l = layout(p, title, p->f_h2, CONTENT_W, PANGO_ALIGN_LEFT);
    double h = layout_h(l);
    p->y += 14;
    need(p, h + 6 + keep);
    show(p, l, MARGIN_L, p->y, BRAND);
    g_object_unref(l);
    p->y += h + 6;
}

static void note(pdf *p, const char *text)
{
    if (!text || !*text)
        return;
    p->y += 4;
    paragraph(p, text, p->f_small, MARGIN_L, CONTENT_W, MUTED);
}

static void table_draw(pdf *p, const rpt_table *t, int level, const char *empty);

/* The activities in six columns: categories and focus area go under the
 * name, so the numbers keep their room on a portrait page. */
static void activities_table(pdf *p, const rpt_table *t, int level, const char *empty)
{
    static const size_t from[] = { 0, 3, 4, 5, 6, 7 };
    enum { NC = sizeof from / sizeof from[0] };
    if (t->ncols != 8) {
        table_draw(p, t, level, empty);
        return;
    }
    rpt_table x = *t;
    const char *cols[NC];
    bool numeric[NC];
    rpt_cell *cells = g_new0(rpt_cell, t->nrows * NC + 1);
    char **owned = g_new0(char *, t->nrows + 1);
    for (size_t c = 0; c < NC; c++) {
        cols[c] = t->cols[from[c]];
        numeric[c] = t->numeric[from[c]];
    }
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < NC; c++)
            cells[r * NC + c] = *rpt_at(t, r, from[c]);
        const char *cat = rpt_at(t, r, 1)->text, *focus = rpt_at(t, r, 2)->text;
        if (*cat) {
            bool has_focus = *focus && strcmp(focus, "–") != 0;
            owned[r] = g_strdup_printf("%s\n%s%s%s", rpt_at(t, r, 0)->text, cat, has_focus ? " · " : "",
                                       has_focus ? focus : "");
            cells[r * NC].text = owned[r];
        }
    }
    x.ncols = NC;
    x.cols = cols;
    x.numeric = numeric;
    x.cells = cells;
    table_draw(p, &x, level, empty);
    for (size_t r = 0; r < t->nrows; r++)
        g_free(owned[r]);
    g_free(owned);
    g_free(cells);
}

static void table(pdf *p, const rpt_block *x)
{
    if (x->fold_detail && x->table->nrows > 0)
        activities_table(p, x->table, x->level, x->empty);
    else
        table_draw(p, x->table, x->level, x->empty);
}

static void table_draw(pdf *p, const rpt_table *t, int level, const char *empty)
{
    if (t->nrows == 0) {
        heading(p, level, t->title, 16);
        text_at(p, empty ? empty : "Intet registreret i året.", p->f_small, MARGIN_L, p->y, CONTENT_W, PANGO_ALIGN_LEFT,
                MUTED);
        p->y += 14;
        return;
    }
    cols_layout cl;
    column_widths(p, t, &cl);
    bool has_head = t->kind != RPT_FACTS;
    double hh = has_head ? row_height(p, t, &cl, (size_t)-1) : 0;
    double first = row_height(p, t, &cl, 0);
    /* A short table stays on one page when it can. */
    double keep = hh + first;
    if (t->nrows <= 16) {
        double all = hh;
        for (size_t r = 0; r < t->nrows; r++)
            all += r == 0 ? first : row_height(p, t, &cl, r);
        if (all <= (CONTENT_BOTTOM - CONTENT_TOP) * 0.6)
            keep = all;
    }
    heading(p, level, t->title, keep);
    if (has_head)
        draw_row(p, t, &cl, (size_t)-1, hh);
    for (size_t r = 0; r < t->nrows; r++) {
        double h = r == 0 ? first : row_height(p, t, &cl, r);
        if (need(p, h) && has_head)
            draw_row(p, t, &cl, (size_t)-1, hh);
        draw_row(p, t, &cl, r, h);
    }
}

#define CHART_ROW_H 17.0
#define CHART_HEAD_H 16.0

/* The chart's height; 0 when there is nothing to draw (nothing in the
 * first panel). */
static double chart_height(const rpt_table *t, const rpt_bars *bars)
{
    bool any = false;
    for (size_t r = 0; r < t->nrows; r++)
        any |= rpt_at(t, r, bars->cols[0])->num > 0;
    return any ? CHART_HEAD_H + CHART_ROW_H * (double)t->nrows + 8 : 0;
}

/* Horizontal bars over one or two columns of a table, a panel each. */
static void bars_chart(pdf *p, const rpt_table *t, const rpt_bars *bars)
{
    int np = bars->npanels == 1 ? 1 : 2;
    const double label_w = np == 1 ? 250 : 170, gap = 24, row_h = CHART_ROW_H, head_h = CHART_HEAD_H;
    double panel_w = np == 2 ? (CONTENT_W - label_w - gap) / 2 - 30 : CONTENT_W - label_w - 40;
    double h = chart_height(t, bars);
    need(p, h);
    double maxv[2] = { 0, 0 };
    for (size_t r = 0; r < t->nrows; r++)
        for (int k = 0; k < np; k++) {
            double v = rpt_at(t, r, bars->cols[k])->num;
            if (!isnan(v) && v > maxv[k])
                maxv[k] = v;
        }
    const rgb fills[2] = { BRAND, ACCENT };
    double y0 = p->y;
    for (int k = 0; k < np; k++) {
        double x0 = MARGIN_L + label_w + k * (panel_w + 30 + gap);
        text_at(p, bars->heads[k], p->f_small_bold, x0, y0, 0, PANGO_ALIGN_LEFT, MUTED);
    }
    for (size_t r = 0; r < t->nrows; r++) {
        double y = y0 + head_h + row_h * (double)r;
        PangoLayout *l = layout(p, rpt_at(t, r, 0)->text, p->f_small, label_w - 8, PANGO_ALIGN_LEFT);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        show(p, l, MARGIN_L, y + 2, INK);
        g_object_unref(l);
        for (int k = 0; k < np; k++) {
            const rpt_cell *c = rpt_at(t, r, bars->cols[k]);
            double x0 = MARGIN_L + label_w + k * (panel_w + 30 + gap);
            double bw = isnan(c->num) || maxv[k] <= 0 ? 0 : panel_w * c->num / maxv[k];
            if (bw > 0) {
                color(p, fills[k]);
                cairo_rectangle(p->cr, x0, y + 2, bw < 1 ? 1 : bw, row_h - 5);
                cairo_fill(p->cr);
            }
            text_at(p, c->text, p->f_small, x0 + bw + 3, y + 2, 0, PANGO_ALIGN_LEFT, INK);
        }
    }
    /* Axis lines. */
    for (int k = 0; k < np; k++) {
        double x0 = MARGIN_L + label_w + k * (panel_w + 30 + gap);
        color(p, LINE);
        cairo_set_line_width(p->cr, 0.6);
        cairo_move_to(p->cr, x0, y0 + head_h);
        cairo_line_to(p->cr, x0, y0 + head_h + row_h * (double)t->nrows);
        cairo_stroke(p->cr);
    }
    p->y = y0 + h;
}

static void heat_legend(pdf *p, const char *legend, const rgb *scale)
{
    need(p, 16);
    double x = MARGIN_L;
    text_at(p, "Få", p->f_small, x, p->y + 1, 0, PANGO_ALIGN_LEFT, MUTED);
    x += 16;
    for (int k = 1; k <= 5; k++) {
        color(p, scale[k]);
        cairo_rectangle(p->cr, x, p->y + 2, 18, 9);
        cairo_fill(p->cr);
        x += 19;
    }
    text_at(p, legend, p->f_small, x + 4, p->y + 1, 0, PANGO_ALIGN_LEFT, MUTED);
    p->y += 14;
    need(p, 16);
    x = MARGIN_L;
    text_at(p, "Få", p->f_small, x, p->y + 1, 0, PANGO_ALIGN_LEFT, MUTED);
    x += 16;
    for (int k = 1; k <= 5; k++) {
        color(p, HEAT_U[k]);
        cairo_rectangle(p->cr, x, p->y + 2, 18, 9);
        cairo_fill(p->cr);
        x += 19;
    }
    text_at(p, "mange uden registrering i fasen (Ikke reg., egen skala)", p->f_small, x + 4, p->y + 1, 0,
            PANGO_ALIGN_LEFT, MUTED);
    p->y += 14;
}

static void stories(pdf *p, const rpt_table *t, const char *empty)
{
    section_title(p, t->title, 40);
    if (t->nrows == 0) {
        text_at(p, empty ? empty : "Ingen fortællinger er valgt til rapporten for året.", p->f_small, MARGIN_L, p->y,
                CONTENT_W, PANGO_ALIGN_LEFT, MUTED);
        p->y += 14;
        return;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        PangoLayout *l = layout(p, rpt_at(t, r, 3)->text, p->f_bold, CONTENT_W - 10, PANGO_ALIGN_LEFT);
        double th = layout_h(l);
        p->y += r ? 10 : 2;
        need(p, th + 30);
        double top = p->y;
        show(p, l, MARGIN_L + 10, p->y, INK);
        g_object_unref(l);
        p->y += th + 1;
        char meta[600];
        snprintf(meta, sizeof meta, "%s · %s · %s", rpt_at(t, r, 0)->text, rpt_at(t, r, 1)->text,
                 rpt_at(t, r, 2)->text);
        p->y += text_at(p, meta, p->f_small, MARGIN_L + 10, p->y, CONTENT_W - 10, PANGO_ALIGN_LEFT, MUTED) + 3;
        int page = p->page;
        paragraph(p, rpt_at(t, r, 4)->text, p->f_story, MARGIN_L + 10, CONTENT_W - 10, INK);
        /* The accent bar on the story's first page. */
        color(p, BRAND);
        cairo_rectangle(p->cr, MARGIN_L, page == p->page ? top : CONTENT_TOP, 2.5,
                        (page == p->page ? p->y - top : p->y - CONTENT_TOP));
        cairo_fill(p->cr);
    }
}

/* A small line chart of s in the box (x, y, w, h). */
static void sparkline(pdf *p, const rpt_series *s, double x, double y, double w, double h)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t last = SIZE_MAX;
    for (size_t i = 0; i < s->n; i++)
        if (!isnan(s->values[i])) {
            lo = s->values[i] < lo ? s->values[i] : lo;
            hi = s->values[i] > hi ? s->values[i] : hi;
            last = i;
        }
    if (last == SIZE_MAX) {
        text_at(p, s->empty ? s->empty : "Ingen serie", p->f_small, x, y + h / 2 - 6, w, PANGO_ALIGN_CENTER, MUTED);
        return;
    }
    double span = hi - lo, step = s->n > 1 ? w / (double)(s->n - 1) : 0;
    color(p, BRAND);
    cairo_set_line_width(p->cr, 1.2);
    cairo_set_line_join(p->cr, CAIRO_LINE_JOIN_ROUND);
    bool open = false;
    double lx = 0, ly = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (isnan(s->values[i])) {
            if (open)
                cairo_stroke(p->cr);
            open = false;
            continue;
        }
        double px = x + (s->n > 1 ? step * (double)i : w / 2);
        double py = span > 0 ? y + h - 2 - (h - 4) * (s->values[i] - lo) / span : y + h / 2;
        if (open)
            cairo_line_to(p->cr, px, py);
        else
            cairo_move_to(p->cr, px, py);
        open = true;
        if (i == last) {
            lx = px;
            ly = py;
        }
    }
    if (open)
        cairo_stroke(p->cr);
    cairo_arc(p->cr, lx, ly, 1.8, 0, 2 * G_PI);
    cairo_fill(p->cr);
}

/* The series as rows: the label with the note under it, the value, the
 * line chart. */
static void series_block(pdf *p, const rpt_block *x)
{
    const double gap = 12, chart_w = 110, value_w = 96;
    const double label_w = CONTENT_W - chart_w - value_w - 2 * gap;
    const double value_x = MARGIN_L + label_w + gap, chart_x = value_x + value_w + gap;
    const char *group = NULL;
    for (size_t i = 0; i < x->nseries; i++) {
        const rpt_series *s = &x->series[i];
        PangoLayout *l = layout(p, s->label, p->f_body, label_w, PANGO_ALIGN_LEFT);
        PangoLayout *n = layout(p, s->note ? s->note : "", p->f_small, label_w, PANGO_ALIGN_LEFT);
        double lh = layout_h(l), nh = s->note && *s->note ? layout_h(n) : 0;
        double h = fmax(lh + nh + 1, 24) + 2 * CELL_PAD_Y;
        bool new_group = s->group && *s->group && (!group || strcmp(group, s->group) != 0);
        if (new_group) {
            PangoLayout *g = layout(p, s->group, p->f_small_bold, CONTENT_W, PANGO_ALIGN_LEFT);
            double gh = layout_h(g);
            p->y += 6;
            need(p, gh + 3 + h);
            show(p, g, MARGIN_L, p->y, BRAND);
            g_object_unref(g);
            p->y += gh + 3;
            hline(p, MARGIN_L, PAGE_W - MARGIN_R, p->y, 0.6, LINE);
        } else
            need(p, h);
        group = s->group;
        show(p, l, MARGIN_L, p->y + CELL_PAD_Y, INK);
        if (nh > 0)
            show(p, n, MARGIN_L, p->y + CELL_PAD_Y + lh + 1, MUTED);
        text_at(p, s->value, p->f_bold, value_x, p->y + CELL_PAD_Y, value_w, PANGO_ALIGN_RIGHT, INK);
        sparkline(p, s, chart_x, p->y + CELL_PAD_Y + 1, chart_w, h - 2 * CELL_PAD_Y - 3);
        g_object_unref(l);
        g_object_unref(n);
        hline(p, MARGIN_L, PAGE_W - MARGIN_R, p->y + h, 0.4, LINE);
        p->y += h;
    }
}

static void block(pdf *p, const rpt_block *x)
{
    switch (x->kind) {
    case RB_HEADING: heading(p, x->level, x->text, 40); break;
    case RB_TEXT:
        p->y += 2;
        paragraph(p, x->text, p->f_body, MARGIN_L, CONTENT_W, INK);
        p->y += 4;
        break;
    case RB_NOTE: note(p, x->text); break;
    case RB_PAGE_BREAK:
        p->running = x->running;
        if (p->y > CONTENT_TOP + 0.5)
            new_page(p);
        break;
    case RB_SERIES: series_block(p, x); break;
    case RB_TABLE: {
        const rpt_table *t = x->table;
        if (t->kind == RPT_TEXTS) {
            stories(p, t, x->empty);
            break;
        }
        if (x->bars && chart_height(t, x->bars) > 0) {
            /* The chart with its title on one page, then the table. */
            heading(p, x->level, x->bars->title, chart_height(t, x->bars));
            bars_chart(p, t, x->bars);
        }
        table(p, x);
        if (t->kind == RPT_HEATMAP && x->legend) {
            p->y += 4;
            heat_legend(p, x->legend, HEAT);
            if (t->grey_col && x->legend_grey)
                heat_legend(p, x->legend_grey, HEAT_U);
        }
        note(p, t->note);
        break;
    }
    }
}

static void title_block(pdf *p)
{
    const rpt_doc *d = p->d;
    char *kicker = g_utf8_strup(d->kicker, -1);
    p->y += text_at(p, kicker, p->f_small_bold, MARGIN_L, p->y, CONTENT_W, PANGO_ALIGN_LEFT, MUTED) + 4;
    g_free(kicker);
    p->y += text_at(p, d->title, p->f_title, MARGIN_L, p->y, CONTENT_W, PANGO_ALIGN_LEFT, INK) + 4;
    char sub[1200];
    snprintf(sub, sizeof sub, "%s · %s", d->subtitle, d->badge);
    p->y += text_at(p, sub, p->f_body, MARGIN_L, p->y, CONTENT_W, PANGO_ALIGN_LEFT, MUTED) + 14;

    /* Key numbers: boxes, three to a row. */
    if (d->nkeys == 0)
        return;
    double bw = (CONTENT_W - 2 * 10) / 3, bh = 50;
    for (size_t i = 0; i < d->nkeys; i++) {
        double x = MARGIN_L + (double)(i % 3) * (bw + 10), y = p->y + (double)(i / 3) * (bh + 10);
        color(p, WASH);
        cairo_rectangle(p->cr, x, y, bw, bh);
        cairo_fill(p->cr);
        color(p, BRAND);
        cairo_rectangle(p->cr, x, y, 3, bh);
        cairo_fill(p->cr);
        const rpt_key *k = &d->keys[i];
        text_at(p, k->value, p->f_num, x + 12, y + 7, bw - 16, PANGO_ALIGN_LEFT, BRAND);
        text_at(p, k->label_long ? k->label_long : k->label, p->f_small, x + 12, y + 32, bw - 16, PANGO_ALIGN_LEFT,
                MUTED);
    }
    size_t rows = (d->nkeys + 2) / 3;
    p->y += (double)rows * bh + (double)(rows - 1) * 10 + 4;
}

static void document(pdf *p)
{
    const rpt_doc *d = p->d;
    p->page = 1;
    page_header(p);
    title_block(p);
    for (size_t i = 0; i < d->nblocks; i++)
        block(p, &d->blocks[i]);
    p->y += 12;
    note(p, d->foot_pdf ? d->foot_pdf : d->foot_html);
    page_footer(p);
    cairo_show_page(p->cr);
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len)
{
    if (closure && !buf_append(closure, data, len))
        return CAIRO_STATUS_WRITE_ERROR;
    return CAIRO_STATUS_SUCCESS;
}

static int run(const rpt_doc *d, buf *out, int total, GHashTable *widths, hh_error *e, hh_err *rc)
{
    pdf p = { .d = d, .total = total, .widths = widths };
    p.surface = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, d->doc_title);
    cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "Helhed");
    p.cr = cairo_create(p.surface);
    p.ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
    pango_cairo_context_set_resolution(p.ctx, 72);
    pango_cairo_update_context(p.cr, p.ctx);
    p.f_body = pango_font_description_from_string("DejaVu Sans 9.5");
    p.f_bold = pango_font_description_from_string("DejaVu Sans Bold 9.5");
    p.f_small = pango_font_description_from_string("DejaVu Sans 8.5");
    p.f_small_bold = pango_font_description_from_string("DejaVu Sans Bold 8.5");
    p.f_h2 = pango_font_description_from_string("DejaVu Sans Bold 14");
    p.f_title = pango_font_description_from_string("DejaVu Sans Bold 24");
    p.f_num = pango_font_description_from_string("DejaVu Sans Bold 20");
    p.f_story = pango_font_description_from_string("DejaVu Sans 10");
    p.f_h3 = pango_font_description_from_string("DejaVu Sans Bold 11");
    document(&p);
    PangoFontDescription *fs[] = { p.f_body,  p.f_bold, p.f_small, p.f_small_bold, p.f_h2,
                                   p.f_title, p.f_num,  p.f_story, p.f_h3 };
    for (size_t i = 0; i < sizeof fs / sizeof fs[0]; i++)
        pango_font_description_free(fs[i]);
    g_object_unref(p.ctx);
    cairo_destroy(p.cr);
    cairo_surface_finish(p.surface);
    cairo_status_t st = cairo_surface_status(p.surface);
    cairo_surface_destroy(p.surface);
    if (st != CAIRO_STATUS_SUCCESS)
        *rc = hh_fail(e, HH_ERR_INTERNAL, NULL, "kan ikke skrive PDF: %s", cairo_status_to_string(st));
    return p.page;
}

hh_err rpt_pdf(const rpt_doc *d, buf *out, int *pages, hh_error *e)
{
    hh_err rc = HH_OK;
    GHashTable *widths = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    int n = run(d, NULL, 0, widths, e, &rc);
    if (rc) {
        g_hash_table_destroy(widths);
        return rc;
    }
    int m = run(d, out, n, widths, e, &rc);
    g_hash_table_destroy(widths);
    if (pages)
        *pages = m;
    return rc;
}
