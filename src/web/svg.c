#include "web/svg.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/util.h"
#include "web/html.h"

/* Colours. Text: ink #1d2733 (15:1 on white), muted #51606f (6.4:1). Series
 * colours are all above 4.5:1 on white, so lines and markers pass the 3:1 of
 * WCAG 1.4.11 with room to spare. */
#define INK "#1d2733"
#define MUTED "#51606f"
#define GRID "#e1e6eb"
#define AXIS "#8a97a4"
#define FONT_SIZE 14.0
#define SMALL_SIZE 13.0
#define CHAR_WIDTH 0.6 /* average advance of a system sans-serif, in ems */
#define BOLD_WIDTH 1.1 /* bold text is wider */
#define CHART_WIDTH 600.0

static const char *const series_color[] = { "#1f5f8b", "#b4451f", "#2f7d5b", "#6b4c9a", "#51606f" };
/* Dash patterns (NULL = solid) and markers tell series apart without colour. */
static const char *const series_dash[] = { NULL, "8 4", "2 3", "10 3 2 3", "5 2" };
enum { NSTYLES = 5 };

/* Light to dark; every step differs in lightness (CIELAB L* 91, 77, 62, 46, 30). */
static const char *const map_palette[] = { "#d5e8f7", "#99c4e0", "#5f9dc4", "#2973a1", "#014a75" };
#define MAP_CLASSES 5
#define MAP_NODATA "#d9dde2"
#define MAP_HATCH_BG "#eef1f4"
#define MAP_HATCH_LINE MUTED

/* ---- small helpers ---- */

/* The id with everything but letters, digits, '-' and '_' dropped. */
static void clean_id(char *out, size_t n, const char *id)
{
    size_t k = 0;
    for (const char *p = id; p && *p && k + 1 < n; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')
            out[k++] = c;
    }
    if (k == 0)
        k = (size_t)snprintf(out, n, "chart");
    out[k] = '\0';
}

/* A coordinate with at most one decimal. */
static void put_num(buf *b, double v)
{
    char s[40];
    long t = lround(v * 10);
    if (t % 10 == 0)
        snprintf(s, sizeof(s), "%ld", t / 10);
    else
        snprintf(s, sizeof(s), "%s%ld.%ld", t < 0 ? "-" : "", labs(t) / 10, labs(t) % 10);
    buf_puts(b, s);
}

/* Writes fmt, where %n takes a double printed by put_num and %r a raw string
 * (numbers and attribute names, never caller text). */
static void put(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        buf_append(b, run, (size_t)(p - run));
        p++;
        switch (*p) {
        case 'n': put_num(b, va_arg(ap, double)); break;
        case 'r': buf_puts(b, va_arg(ap, const char *)); break;
        case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
        default: hh_fatal("svg put: unknown conversion in \"%s\"", fmt);
        }
        run = p + 1;
    }
    buf_puts(b, run);
    va_end(ap);
}

/* Danish number with the unit: "12,3 %". */
static const char *fmt_value(char *out, size_t n, double v, int decimals, const char *unit)
{
    char num[64];
    fmt_num_da(num, sizeof(num), v, decimals);
    snprintf(out, n, "%s%s", num, unit ? unit : "");
    return out;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Estimated width of text in a sans-serif of the given size (no font
 * metrics on the server; generous so labels do not collide). */
static double text_width(const char *s, double size)
{
    return (double)utf8_chars(s) * size * CHAR_WIDTH;
}

/* Copies s into out, cut to at most max characters with "…" when longer,
 * never inside a UTF-8 sequence. */
static const char *shorten(char *out, size_t n, const char *s, size_t max)
{
    size_t chars = 0, i = 0;
    if (!s)
        s = "";
    if (utf8_chars(s) <= max && strlen(s) < n) {
        snprintf(out, n, "%s", s);
        return out;
    }
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars + 1 >= max || i + 4 + 3 >= n) /* room for this character's bytes and "…" */
                break;
            chars++;
        }
    }
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    snprintf(out, n, "%.*s…", (int)i, s);
    return out;
}

static double nice_number(double x, bool round_it)
{
    double e = floor(log10(x));
    double f = x / pow(10, e);
    double nf;
    if (round_it)
        nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    else
        nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nf * pow(10, e);
}

void svg_nice_ticks(double min, double max, int target, svg_ticks *out)
{
    if (target < 2)
        target = 2;
    if (!isfinite(min) || !isfinite(max)) {
        min = 0;
        max = 1;
    }
    if (min > max) {
        double t = min;
        min = max;
        max = t;
    }
    if (max == min) {
        if (min == 0) {
            max = 1; /* nothing but zeros: show 0 at the bottom */
        } else {
            double pad = fabs(min) * 0.1;
            min -= pad;
            max += pad;
        }
    }
    double range = nice_number(max - min, false);
    double step = nice_number(range / (target - 1), true);
    double lo = floor(min / step + 1e-9) * step, hi = ceil(max / step - 1e-9) * step;
    out->lo = lo;
    out->hi = hi;
    out->step = step;
    out->count = (int)lround((hi - lo) / step) + 1;
    int d = 0;
    while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6)
        d++;
    out->decimals = d;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The finite values of v, sorted; returns the count. Caller frees. */
static double *sorted_finite(const double *v, size_t n, size_t *m)
{
    double *s = xmalloc((n ? n : 1) * sizeof(double));
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]))
            s[k++] = v[i];
    qsort(s, k, sizeof(double), cmp_double);
    *m = k;
    return s;
}

int svg_quantiles(const double *values, size_t n, int classes, double *upper)
{
    size_t m;
    double *s = sorted_finite(values, n, &m);
    int k = 0;
    for (int i = 0; i < classes && m > 0; i++) {
        size_t idx = ((size_t)(i + 1) * m + (size_t)classes - 1) / (size_t)classes - 1;
        double u = s[idx];
        if (k > 0 && u == upper[k - 1])
            continue;
        upper[k++] = u;
    }
    free(s);
    return k;
}

int svg_class_of(const double *upper, int k, double v)
{
    for (int i = 0; i < k; i++)
        if (v <= upper[i])
            return i;
    return k - 1;
}

static void title_desc(buf *b, const char *id, const char *title, const char *desc)
{
    html_printf(b, "<title id=\"%r-t\">%s</title><desc id=\"%r-d\">%s</desc>", id, title ? title : "", id, desc);
}

/* ---- line chart ---- */

static void marker(buf *b, int kind, double x, double y, double r, const char *color)
{
    switch (kind % NSTYLES) {
    case 0: put(b, "<circle cx=\"%n\" cy=\"%n\" r=\"%n\"", x, y, r); break;
    case 1:
        put(b, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\"", x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
        break;
    case 2:
        put(b, "<path d=\"M%n %nL%n %nL%n %nZ\"", x, y - r * 1.2, x + r * 1.15, y + r * 0.85, x - r * 1.15,
            y + r * 0.85);
        break;
    case 3:
        put(b, "<path d=\"M%n %nL%n %nL%n %nL%n %nZ\"", x, y - r * 1.3, x + r * 1.3, y, x, y + r * 1.3, x - r * 1.3, y);
        break;
    default:
        put(b, "<path d=\"M%n %nL%n %nL%n %nZ\"", x, y + r * 1.2, x + r * 1.15, y - r * 0.85, x - r * 1.15,
            y - r * 0.85);
        break;
    }
    put(b, " fill=\"%r\" stroke=\"#fff\" stroke-width=\"1\"/>", color);
}

/* The line's stroke attributes for series style i. */
static void stroke_attrs(buf *b, int i, bool emphasis)
{
    put(b, " fill=\"none\" stroke=\"%r\" stroke-width=\"%n\" stroke-linejoin=\"round\"", series_color[i % NSTYLES],
        emphasis ? 3.5 : 2.0);
    if (series_dash[i % NSTYLES])
        put(b, " stroke-dasharray=\"%r\"", series_dash[i % NSTYLES]);
}

static void line_desc(buf *d, const svg_line_chart *c, int y0, int y1)
{
    if (y0 <= y1)
        buf_printf(d, "Udvikling %d–%d.", y0, y1);
    for (size_t i = 0; i < c->nseries; i++) {
        const svg_series *s = &c->series[i];
        size_t first = s->count, last = s->count;
        for (size_t k = 0; k < s->count; k++)
            if (isfinite(s->values[k])) {
                if (first == s->count)
                    first = k;
                last = k;
            }
        buf_printf(d, " %s: ", s->label ? s->label : "");
        char v0[96], v1[96];
        if (first == s->count)
            buf_puts(d, "ingen data.");
        else if (first == last)
            buf_printf(d, "%s i %d.", fmt_value(v0, sizeof(v0), s->values[first], c->decimals, c->unit),
                       s->first_year + (int)first);
        else
            buf_printf(d, "fra %s i %d til %s i %d.", fmt_value(v0, sizeof(v0), s->values[first], c->decimals, c->unit),
                       s->first_year + (int)first, fmt_value(v1, sizeof(v1), s->values[last], c->decimals, c->unit),
                       s->first_year + (int)last);
    }
}

/* Width of a legend entry: sample line, label, gap to the next. */
static double legend_width(const svg_series *s)
{
    return 34 + text_width(s->label, FONT_SIZE) * (s->emphasis ? BOLD_WIDTH : 1) + 24;
}

void svg_line(buf *b, const svg_line_chart *c)
{
    const double W = CHART_WIDTH, PH = 200, LEGEND_ROW = 22;
    char id[48];
    clean_id(id, sizeof(id), c->id);
    /* Years and values over every series. */
    int y0 = 0, y1 = -1;
    double vmin = INFINITY, vmax = -INFINITY;
    for (size_t i = 0; i < c->nseries; i++) {
        const svg_series *s = &c->series[i];
        if (s->count == 0 || !s->values)
            continue;
        int last = s->first_year + (int)s->count - 1;
        if (y1 < y0) {
            y0 = s->first_year;
            y1 = last;
        }
        if (s->first_year < y0)
            y0 = s->first_year;
        if (last > y1)
            y1 = last;
        for (size_t k = 0; k < s->count; k++)
            if (isfinite(s->values[k])) {
                if (s->values[k] < vmin)
                    vmin = s->values[k];
                if (s->values[k] > vmax)
                    vmax = s->values[k];
            }
    }
    bool any = vmin <= vmax;
    if (any && c->zero_based) {
        if (vmin > 0)
            vmin = 0;
        if (vmax < 0)
            vmax = 0;
    }
    svg_ticks t;
    svg_nice_ticks(any ? vmin : 0, any ? vmax : 1, 5, &t);
    char label[128];
    double tick_w = 0;
    for (int i = 0; i < t.count; i++) {
        double w = text_width(fmt_value(label, sizeof(label), t.lo + i * t.step, t.decimals, c->unit), SMALL_SIZE);
        if (w > tick_w)
            tick_w = w;
    }
    /* Legend rows: sample line, label, gap. */
    double lx = 8;
    int rows = c->nseries ? 1 : 0;
    for (size_t i = 0; i < c->nseries; i++) {
        double w = legend_width(&c->series[i]);
        if (lx > 8 && lx + w > W - 8) {
            rows++;
            lx = 8;
        }
        lx += w;
    }
    double left = 8 + tick_w + 10, right = W - 16;
    double top = 10 + rows * LEGEND_ROW + 12, bottom = top + PH, H = bottom + 30;
    double inner = 14;
    /* x of a year, y of a value */
#define XOF(year) \
    (y1 > y0 ? left + inner + ((year)-y0) * (right - left - 2 * inner) / (double)(y1 - y0) : (left + right) / 2)
#define YOF(v) (bottom - ((v)-t.lo) / (t.hi - t.lo) * PH)

    put(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %n %n\" class=\"chart chart-line\" role=\"img\"", W,
        H);
    put(b, " aria-labelledby=\"%r-t %r-d\">", id, id);
    buf d;
    buf_init(&d, 0);
    if (c->desc)
        buf_puts(&d, c->desc);
    else
        line_desc(&d, c, y0, y1);
    title_desc(b, id, c->title, buf_cstr(&d));
    buf_free(&d);

    /* Grid and y ticks. */
    if (any) {
        put(b, "<g stroke=\"%r\" stroke-width=\"1\">", GRID);
        for (int i = 0; i < t.count; i++) {
            double y = YOF(t.lo + i * t.step);
            put(b, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\"/>", left, y, right, y);
        }
        put(b, "</g><g fill=\"%r\" font-size=\"%n\" text-anchor=\"end\">", MUTED, SMALL_SIZE);
        for (int i = 0; i < t.count; i++) {
            put(b, "<text x=\"%n\" y=\"%n\" dy=\"0.35em\">", left - 8, YOF(t.lo + i * t.step));
            html_printf(b, "%s</text>", fmt_value(label, sizeof(label), t.lo + i * t.step, t.decimals, c->unit));
        }
        buf_puts(b, "</g>");
    }
    put(b, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%r\" stroke-width=\"1\"/>", left, bottom, right,
        bottom, AXIS);
    /* Year axis: every year, or every second, fifth ... when crowded. */
    if (y1 >= y0) {
        int span = y1 - y0 + 1, every = span <= 12 ? 1 : span <= 24 ? 2 : span <= 60 ? 5 : 10;
        put(b, "<g fill=\"%r\" font-size=\"%n\" text-anchor=\"middle\">", MUTED, SMALL_SIZE);
        for (int y = y0; y <= y1; y++)
            if ((y - y0) % every == 0)
                put(b, "<text x=\"%n\" y=\"%n\">%d</text>", XOF(y), bottom + 20, y);
        buf_puts(b, "</g>");
    }
    if (!any)
        put(b, "<text x=\"%n\" y=\"%n\" fill=\"%r\" font-size=\"%n\" text-anchor=\"middle\">Ingen data</text>",
            (left + right) / 2, top + PH / 2, MUTED, FONT_SIZE);

    /* Series: the others first, emphasised ones on top. */
    for (int pass = 0; pass < 2 && any; pass++)
        for (size_t i = 0; i < c->nseries; i++) {
            const svg_series *s = &c->series[i];
            if (s->emphasis != (pass == 1) || !s->values)
                continue;
            int style = (int)i;
            buf_puts(b, "<g>");
            /* The line, broken where a value is missing. */
            buf_puts(b, "<path d=\"");
            bool pen = false;
            for (size_t k = 0; k < s->count; k++) {
                if (!isfinite(s->values[k])) {
                    pen = false;
                    continue;
                }
                put(b, "%r%n %n", pen ? "L" : "M", XOF(s->first_year + (int)k), YOF(s->values[k]));
                pen = true;
            }
            buf_puts(b, "\"");
            stroke_attrs(b, style, s->emphasis);
            buf_puts(b, "/>");
            for (size_t k = 0; k < s->count; k++) {
                if (!isfinite(s->values[k]))
                    continue;
                double x = XOF(s->first_year + (int)k), y = YOF(s->values[k]);
                html_printf(b, "<g><title>%s, %d: %s</title>", s->label, s->first_year + (int)k,
                            fmt_value(label, sizeof(label), s->values[k], c->decimals, c->unit));
                put(b, "<circle cx=\"%n\" cy=\"%n\" r=\"9\" fill=\"#fff\" fill-opacity=\"0\"/>", x, y);
                marker(b, style, x, y, s->emphasis ? 4.5 : 3.5, series_color[style % NSTYLES]);
                buf_puts(b, "</g>");
            }
            buf_puts(b, "</g>");
        }

    /* Legend above the plot. */
    if (c->nseries) {
        put(b, "<g font-size=\"%n\" fill=\"%r\">", FONT_SIZE, INK);
        lx = 8;
        double ly = 10 + LEGEND_ROW / 2;
        for (size_t i = 0; i < c->nseries; i++) {
            const svg_series *s = &c->series[i];
            double w = legend_width(s);
            if (lx > 8 && lx + w > W - 8) {
                lx = 8;
                ly += LEGEND_ROW;
            }
            put(b, "<path d=\"M%n %nh28\"", lx, ly);
            stroke_attrs(b, (int)i, s->emphasis);
            buf_puts(b, "/>");
            marker(b, (int)i, lx + 14, ly, s->emphasis ? 4.5 : 3.5, series_color[i % NSTYLES]);
            put(b, "<text x=\"%n\" y=\"%n\" dy=\"0.35em\"%r>", lx + 34, ly, s->emphasis ? " font-weight=\"bold\"" : "");
            html_printf(b, "%s</text>", s->label);
            lx += w;
        }
        buf_puts(b, "</g>");
    }
    buf_puts(b, "</svg>");
#undef XOF
#undef YOF
}

/* ---- bars ---- */

static void bar_text(char *out, size_t n, const svg_bar *r, int decimals, const char *unit)
{
    if (r->suppressed)
        snprintf(out, n, "<5");
    else if (!isfinite(r->value))
        snprintf(out, n, "ingen data");
    else
        fmt_value(out, n, r->value, decimals, unit);
}

void svg_bars(buf *b, const svg_bar_chart *c)
{
    const double W = CHART_WIDTH, ROW = 26, BAR = 16, TOP = 6;
    char id[48];
    clean_id(id, sizeof(id), c->id);
    bool links = false;
    double lo = 0, hi = 0, label_w = 0, value_w = 0;
    size_t ihi = c->nbars, ilo = c->nbars;
    char text[128];
    for (size_t i = 0; i < c->nbars; i++) {
        const svg_bar *r = &c->bars[i];
        links |= r->href != NULL;
        double w = text_width(r->label, FONT_SIZE) * (r->emphasis ? BOLD_WIDTH : 1);
        if (w > label_w)
            label_w = w;
        bar_text(text, sizeof(text), r, c->decimals, c->unit);
        if ((w = text_width(text, FONT_SIZE)) > value_w)
            value_w = w;
        if (r->suppressed || !isfinite(r->value))
            continue;
        if (r->value < lo)
            lo = r->value;
        if (r->value > hi)
            hi = r->value;
        if (ihi == c->nbars || r->value > c->bars[ihi].value)
            ihi = i;
        if (ilo == c->nbars || r->value < c->bars[ilo].value)
            ilo = i;
    }
    if (hi == lo)
        hi = lo + 1;
    double max_label = W * 0.38;
    if (label_w > max_label)
        label_w = max_label;
    size_t max_chars = (size_t)(max_label / (FONT_SIZE * CHAR_WIDTH * BOLD_WIDTH));
    double ax = 8 + label_w + 10, bx = W - 8 - value_w - 8;
    if (bx < ax + 40)
        bx = ax + 40;
    double zx = ax + (0 - lo) / (hi - lo) * (bx - ax);
    double H = TOP * 2 + (c->nbars ? (double)c->nbars : 1) * ROW;

    put(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %n %n\" class=\"chart chart-bars\"", W, H);
    if (links)
        put(b, " role=\"group\" aria-labelledby=\"%r-t\" aria-describedby=\"%r-d\">", id, id);
    else
        put(b, " role=\"img\" aria-labelledby=\"%r-t %r-d\">", id, id);
    buf d;
    buf_init(&d, 0);
    if (c->desc) {
        buf_puts(&d, c->desc);
    } else if (ihi < c->nbars) {
        char v[128];
        buf_printf(&d, "%zu rækker. Højest: %s (%s).", c->nbars, c->bars[ihi].label ? c->bars[ihi].label : "",
                   fmt_value(v, sizeof(v), c->bars[ihi].value, c->decimals, c->unit));
        buf_printf(&d, " Lavest: %s (%s).", c->bars[ilo].label ? c->bars[ilo].label : "",
                   fmt_value(v, sizeof(v), c->bars[ilo].value, c->decimals, c->unit));
    } else {
        buf_puts(&d, "Ingen data.");
    }
    title_desc(b, id, c->title, buf_cstr(&d));
    buf_free(&d);
    if (c->nbars == 0)
        put(b, "<text x=\"%n\" y=\"%n\" fill=\"%r\" font-size=\"%n\" dy=\"0.35em\">Ingen data</text>", 8.0, H / 2,
            MUTED, FONT_SIZE);

    put(b, "<g font-size=\"%n\">", FONT_SIZE);
    for (size_t i = 0; i < c->nbars; i++) {
        const svg_bar *r = &c->bars[i];
        double y = TOP + (double)i * ROW, yc = y + ROW / 2;
        bar_text(text, sizeof(text), r, c->decimals, c->unit);
        if (r->href)
            html_printf(b, "<a href=\"%s\">", r->href);
        else
            buf_puts(b, "<g>");
        html_printf(b, "<title>%s: %s</title>", r->label, r->suppressed ? "færre end 5 (vises ikke)" : text);
        char shown[256];
        put(b, "<text x=\"%n\" y=\"%n\" dy=\"0.35em\" text-anchor=\"end\" fill=\"%r\"%r>", ax - 10, yc,
            r->href ? "#1a5586" : INK, r->emphasis ? " font-weight=\"bold\"" : "");
        html_printf(b, "%s</text>", shorten(shown, sizeof(shown), r->label, max_chars));
        bool bar = !r->suppressed && isfinite(r->value);
        double x0 = zx, x1 = zx;
        if (bar) {
            double x = ax + (r->value - lo) / (hi - lo) * (bx - ax);
            x0 = x < zx ? x : zx;
            x1 = x < zx ? zx : x;
            put(b, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" fill=\"%r\"/>", x0, y + (ROW - BAR) / 2, x1 - x0,
                BAR, r->emphasis ? series_color[1] : series_color[0]);
        }
        /* The value right of the bar (of the zero line for negative values). */
        put(b, "<text x=\"%n\" y=\"%n\" dy=\"0.35em\" fill=\"%r\">", x1 + 6, yc, bar ? INK : MUTED);
        html_printf(b, "%s</text>", text);
        buf_puts(b, r->href ? "</a>" : "</g>");
    }
    buf_puts(b, "</g>");
    if (c->nbars)
        put(b, "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%r\" stroke-width=\"1\"/>", zx, TOP, zx, H - TOP,
            AXIS);
    buf_puts(b, "</svg>");
}

/* ---- sparkline ---- */

void svg_sparkline(buf *b, const svg_spark *s)
{
    const double W = 80, H = 20, PAD = 2.5;
    double vmin = INFINITY, vmax = -INFINITY;
    size_t first = s->count, last = s->count;
    for (size_t k = 0; k < s->count; k++) {
        double v = s->values[k];
        if (!isfinite(v))
            continue;
        if (v < vmin)
            vmin = v;
        if (v > vmax)
            vmax = v;
        if (first == s->count)
            first = k;
        last = k;
    }
    char v0[96], v1[96];
    buf name;
    buf_init(&name, 0);
    if (s->count > 0)
        buf_printf(&name, "%s %d–%d: ", s->label ? s->label : "", s->first_year, s->first_year + (int)s->count - 1);
    else
        buf_printf(&name, "%s: ", s->label ? s->label : "");
    if (first == s->count)
        buf_puts(&name, "ingen data");
    else if (first == last)
        buf_printf(&name, "%s i %d", fmt_value(v0, sizeof(v0), s->values[first], s->decimals, s->unit),
                   s->first_year + (int)first);
    else
        buf_printf(&name, "fra %s til %s", fmt_value(v0, sizeof(v0), s->values[first], s->decimals, s->unit),
                   fmt_value(v1, sizeof(v1), s->values[last], s->decimals, s->unit));
    put(b,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %n %n\" width=\"%n\" height=\"%n\" class=\"spark\""
        " role=\"img\">",
        W, H, W, H);
    html_printf(b, "<title>%s</title>", buf_cstr(&name));
    buf_free(&name);
    if (first == s->count) {
        put(b,
            "<line x1=\"%n\" y1=\"%n\" x2=\"%n\" y2=\"%n\" stroke=\"%r\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>",
            PAD, H / 2, W - PAD, H / 2, AXIS);
        buf_puts(b, "</svg>");
        return;
    }
#define SX(k) (s->count > 1 ? PAD + (double)(k) * (W - 2 * PAD) / (double)(s->count - 1) : W / 2)
#define SY(v) (vmax > vmin ? H - PAD - ((v)-vmin) / (vmax - vmin) * (H - 2 * PAD) : H / 2)
    buf_puts(b, "<path d=\"");
    bool pen = false;
    for (size_t k = 0; k < s->count; k++) {
        if (!isfinite(s->values[k])) {
            pen = false;
            continue;
        }
        put(b, "%r%n %n", pen ? "L" : "M", SX(k), SY(s->values[k]));
        pen = true;
    }
    put(b, "\" fill=\"none\" stroke=\"%r\" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
        series_color[0]);
    /* Points with no neighbour would not show as a line. */
    for (size_t k = 0; k < s->count; k++) {
        if (!isfinite(s->values[k]) || k == last)
            continue;
        bool alone = (k == 0 || !isfinite(s->values[k - 1])) && (k + 1 >= s->count || !isfinite(s->values[k + 1]));
        if (alone)
            put(b, "<circle cx=\"%n\" cy=\"%n\" r=\"1.2\" fill=\"%r\"/>", SX(k), SY(s->values[k]), series_color[0]);
    }
    put(b, "<circle cx=\"%n\" cy=\"%n\" r=\"2.2\" fill=\"%r\"/></svg>", SX(last), SY(s->values[last]), series_color[0]);
#undef SX
#undef SY
}

/* ---- choropleth ---- */

static const svg_map_value *find_value(const svg_map *m, const char *code)
{
    for (size_t i = 0; i < m->nvalues; i++)
        if (m->values[i].code && strcmp(m->values[i].code, code) == 0)
            return &m->values[i];
    return NULL;
}

/* Palette colour of class i of k: spread over the palette, reversed when
 * low values are the bad ones. */
static const char *class_color(int i, int k, bool low_is_bad)
{
    int idx = k <= 1 ? MAP_CLASSES / 2 : (int)lround((double)i * (MAP_CLASSES - 1) / (k - 1));
    return map_palette[low_is_bad ? MAP_CLASSES - 1 - idx : idx];
}

/* href with every "{code}" replaced by the code. */
static void expand_href(buf *out, const char *pattern, const char *code)
{
    for (const char *p = pattern; *p;) {
        if (strncmp(p, "{code}", 6) == 0) {
            buf_puts(out, code);
            p += 6;
        } else {
            buf_putc(out, *p++);
        }
    }
}

static void swatch(buf *b, const char *fill, bool hatch)
{
    put(b,
        "<svg class=\"swatch\" width=\"18\" height=\"14\" viewBox=\"0 0 18 14\" aria-hidden=\"true\" "
        "focusable=\"false\"><rect x=\"0.5\" y=\"0.5\" width=\"17\" height=\"13\" fill=\"%r\" stroke=\"%r\"/>",
        fill, AXIS);
    if (hatch)
        put(b, "<path d=\"M1 13L12 1M7 13L17 2M1 7L6 1\" stroke=\"%r\" stroke-width=\"1.5\"/>", MAP_HATCH_LINE);
    buf_puts(b, "</svg>");
}

/* Shapes too small to keep any ring have no path and are left out. */
static bool drawn(const boundary_shape *s)
{
    return s->code && s->path && *s->path;
}

void svg_choropleth(buf *b, const svg_map *m)
{
    char id[48];
    clean_id(id, sizeof(id), m->id);
    /* Values shown on the map decide the classes. */
    double *shown = xmalloc((m->nshapes ? m->nshapes : 1) * sizeof(double));
    size_t nshown = 0, nodata = 0, nsuppressed = 0, ndrawn = 0, ihi = m->nshapes, ilo = m->nshapes;
    for (size_t i = 0; i < m->nshapes; i++) {
        if (!drawn(&m->shapes[i]))
            continue;
        ndrawn++;
        const svg_map_value *v = find_value(m, m->shapes[i].code);
        if (v && v->suppressed) {
            nsuppressed++;
        } else if (v && isfinite(v->value)) {
            shown[nshown++] = v->value;
            if (ihi == m->nshapes || v->value > find_value(m, m->shapes[ihi].code)->value)
                ihi = i;
            if (ilo == m->nshapes || v->value < find_value(m, m->shapes[ilo].code)->value)
                ilo = i;
        } else {
            nodata++;
        }
    }
    double upper[MAP_CLASSES], lower[MAP_CLASSES];
    int k = svg_quantiles(shown, nshown, MAP_CLASSES, upper);
    /* Each class's smallest member, for the legend. */
    for (int c = 0; c < k; c++)
        lower[c] = upper[c];
    for (size_t i = 0; i < nshown; i++) {
        int c = svg_class_of(upper, k, shown[i]);
        if (shown[i] < lower[c])
            lower[c] = shown[i];
    }
    free(shown);

    int w = m->view && m->view->width > 0 ? m->view->width : 1000;
    int h = m->view && m->view->height > 0 ? m->view->height : 1000;
    buf_puts(b, "<div class=\"map-figure\">");
    put(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" class=\"map\"", w, h);
    if (m->href)
        put(b, " role=\"group\" aria-labelledby=\"%r-t\" aria-describedby=\"%r-d\">", id, id);
    else
        put(b, " role=\"img\" aria-labelledby=\"%r-t %r-d\">", id, id);
    char v0[128], v1[128];
    buf d;
    buf_init(&d, 0);
    if (m->desc) {
        buf_puts(&d, m->desc);
    } else {
        buf_printf(&d, "Kort over %zu områder", ndrawn);
        if (k > 0) {
            buf_printf(&d, " i %d %s fra %s til %s.", k, k == 1 ? "klasse" : "klasser",
                       fmt_value(v0, sizeof(v0), lower[0], m->decimals, m->unit),
                       fmt_value(v1, sizeof(v1), upper[k - 1], m->decimals, m->unit));
            buf_printf(&d, " Højest: %s (%s).", m->shapes[ihi].name,
                       fmt_value(v0, sizeof(v0), upper[k - 1], m->decimals, m->unit));
            buf_printf(&d, " Lavest: %s (%s).", m->shapes[ilo].name,
                       fmt_value(v0, sizeof(v0), lower[0], m->decimals, m->unit));
        } else {
            buf_puts(&d, ".");
        }
        if (nodata)
            buf_printf(&d, " %zu uden data.", nodata);
        if (nsuppressed)
            buf_printf(&d, " %zu med færre end 5, som ikke vises.", nsuppressed);
    }
    title_desc(b, id, m->title, buf_cstr(&d));
    buf_free(&d);
    put(b,
        "<defs><pattern id=\"%r-hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
        "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"%r\"/>"
        "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"%r\" stroke-width=\"3\"/></pattern></defs>",
        id, MAP_HATCH_BG, MAP_HATCH_LINE);
    if (m->view && m->view->inset_w > 0)
        put(b, "<rect x=\"%n\" y=\"%n\" width=\"%n\" height=\"%n\" rx=\"6\" fill=\"none\" stroke=\"%r\"/>",
            m->view->inset_x, m->view->inset_y, m->view->inset_w, m->view->inset_h, AXIS);
    buf_puts(b, "<g stroke=\"#fff\" stroke-width=\"0.8\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">");
    buf href;
    buf_init(&href, 0);
    char fill[64];
    for (size_t i = 0; i < m->nshapes; i++) {
        const boundary_shape *s = &m->shapes[i];
        if (!drawn(s))
            continue;
        const svg_map_value *v = find_value(m, s->code);
        const char *text;
        if (v && v->suppressed) {
            snprintf(fill, sizeof(fill), "url(#%s-hatch)", id);
            text = "færre end 5 (vises ikke)";
        } else if (v && isfinite(v->value)) {
            snprintf(fill, sizeof(fill), "%s", class_color(svg_class_of(upper, k, v->value), k, m->low_is_bad));
            text = fmt_value(v0, sizeof(v0), v->value, m->decimals, m->unit);
        } else {
            snprintf(fill, sizeof(fill), "%s", MAP_NODATA);
            text = "ingen data";
        }
        if (m->href) {
            buf_reset(&href);
            expand_href(&href, m->href, s->code);
            html_printf(b, "<a href=\"%s\"><title>%s: %s</title>", buf_cstr(&href), s->name, text);
            html_printf(b, "<path d=\"%s\" fill=\"%s\"/></a>", s->path, fill);
        } else {
            html_printf(b, "<path d=\"%s\" fill=\"%s\"><title>%s: %s</title></path>", s->path, fill, s->name, text);
        }
    }
    buf_free(&href);
    buf_puts(b, "</g></svg>");

    /* The legend as HTML text, readable at any map size. */
    buf_puts(b, "<ul class=\"legend\">");
    for (int c = 0; c < k; c++) {
        buf_puts(b, "<li>");
        swatch(b, class_color(c, k, m->low_is_bad), false);
        char a[128], z[128];
        fmt_value(a, sizeof(a), lower[c], m->decimals, NULL);
        fmt_value(z, sizeof(z), upper[c], m->decimals, NULL);
        if (strcmp(a, z) == 0)
            html_printf(b, "%s%s</li>", a, m->unit);
        else
            html_printf(b, "%s–%s%s</li>", a, z, m->unit);
    }
    if (nsuppressed) {
        buf_puts(b, "<li>");
        swatch(b, MAP_HATCH_BG, true);
        buf_puts(b, "Færre end 5 (vises ikke)</li>");
    }
    if (nodata) {
        buf_puts(b, "<li>");
        swatch(b, MAP_NODATA, false);
        buf_puts(b, "Ingen data</li>");
    }
    buf_puts(b, "</ul></div>");
}
