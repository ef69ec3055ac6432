#include "web/wtable.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "io/csv_write.h"
#include "web/html.h"

void wt_init(wtable *t, http_req *req, const wt_col *cols, size_t ncols, const char *caption, const char *csv_name)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncols = ncols;
    t->caption = caption;
    t->csv_name = csv_name;
    t->a = &req->a;
}

wt_cell *wt_row(wtable *t)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        t->cells = arena_grow(t->a, t->cells, t->cap * t->ncols * sizeof(wt_cell), cap * t->ncols * sizeof(wt_cell));
        t->cap = cap;
    }
    wt_cell *row = &t->cells[t->nrows++ * t->ncols];
    memset(row, 0, t->ncols * sizeof(wt_cell));
    for (size_t c = 0; c < t->ncols; c++)
        row[c].sort = NAN;
    return row;
}

bool wt_csv_if_asked(http_req *req, const wtable *t)
{
    const char *f = http_query(req, "format");
    if (!f || strcmp(f, "csv") != 0)
        return false;
    buf *b = &req->out;
    buf_puts(b, CSV_BOM);
    for (size_t c = 0; c < t->ncols; c++)
        csv_field(b, t->cols[c].label, c == 0);
    csv_end_row(b);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c].text;
            csv_field(b, s ? s : "", c == 0);
        }
        csv_end_row(b);
    }
    http_add_header(req, "Content-Disposition", arena_printf(&req->a, "attachment; filename=\"%s.csv\"", t->csv_name));
    http_respond(req, 200, "text/csv; charset=utf-8");
    return true;
}

typedef struct sort_ctx {
    const wtable *t;
    size_t col;
    bool desc;
} sort_ctx;

static _Thread_local sort_ctx sorting;

static int cmp_rows(const void *x, const void *y)
{
    const wt_cell *a = (const wt_cell *)x + sorting.col, *b = (const wt_cell *)y + sorting.col;
    int r;
    if (sorting.t->cols[sorting.col].numeric) {
        if (isnan(a->sort) || isnan(b->sort))
            return isnan(a->sort) - isnan(b->sort); /* missing last either way */
        r = a->sort < b->sort ? -1 : a->sort > b->sort;
    } else {
        r = hh_collate_da(a->text ? a->text : "", b->text ? b->text : "");
    }
    return sorting.desc ? -r : r;
}

const char *wt_csv_link(http_req *req)
{
    const char *q = strchr(req->raw_uri, '?');
    return arena_printf(&req->a, "%s%sformat=csv", q ? req->raw_uri : req->path, q ? "&" : "?");
}

static void url_encode(buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-_.~", *p))
            buf_putc(b, (char)*p);
        else {
            buf_putc(b, '%');
            buf_putc(b, hex[*p >> 4]);
            buf_putc(b, hex[*p & 15]);
        }
    }
}

/* The current query with sort and dir replaced. */
static const char *sort_link(http_req *req, size_t col, bool desc)
{
    buf b;
    buf_init(&b, 0);
    buf_printf(&b, "%s?", req->path);
    for (size_t i = 0; i < req->nquery; i++) {
        const char *k = req->query[i].key;
        if (strcmp(k, "sort") == 0 || strcmp(k, "dir") == 0 || strcmp(k, "format") == 0)
            continue;
        url_encode(&b, k);
        buf_putc(&b, '=');
        url_encode(&b, req->query[i].value);
        buf_putc(&b, '&');
    }
    buf_printf(&b, "sort=%zu&dir=%s", col, desc ? "desc" : "asc");
    const char *s = arena_strdup(&req->a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

void wt_html(http_req *req, wtable *t)
{
    const char *sort_s = http_query(req, "sort"), *dir = http_query(req, "dir");
    int sc = -1;
    bool desc = dir && strcmp(dir, "desc") == 0;
    if (sort_s && hh_parse_int(sort_s, 0, (int)t->ncols - 1, &sc)) {
        sorting = (sort_ctx){ t, (size_t)sc, desc };
        qsort(t->cells, t->nrows, t->ncols * sizeof(wt_cell), cmp_rows);
    }
    buf *b = &req->out;
    html_printf(b, "<div class=\"table-wrap\"><table class=\"data\">\n");
    if (t->caption)
        html_printf(b, "<caption>%s</caption>\n", t->caption);
    html_printf(b, "<thead><tr>");
    for (size_t c = 0; c < t->ncols; c++) {
        bool cur = sc == (int)c;
        const char *aria = cur ? (desc ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"") : "";
        html_printf(b, "<th scope=\"col\"%r%r><a href=\"%s\">%s%r</a></th>", t->cols[c].numeric ? " class=\"num\"" : "",
                    aria, sort_link(req, c, cur && !desc), t->cols[c].label, cur ? (desc ? " ↓" : " ↑") : "");
    }
    html_printf(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < t->nrows; r++) {
        html_printf(b, "<tr>");
        for (size_t c = 0; c < t->ncols; c++) {
            const wt_cell *cell = &t->cells[r * t->ncols + c];
            const char *cls = t->cols[c].numeric ? " class=\"num\"" : "";
            if (c == 0)
                html_printf(b, "<th scope=\"row\"%r>", cls);
            else
                html_printf(b, "<td%r>", cls);
            if (cell->html)
                html_printf(b, "%r", cell->html);
            else if (cell->href)
                html_printf(b, "<a href=\"%s\">%s</a>", cell->href, cell->text ? cell->text : "");
            else
                html_printf(b, "%s", cell->text ? cell->text : "");
            html_printf(b, c == 0 ? "</th>" : "</td>");
        }
        html_printf(b, "</tr>\n");
    }
    html_printf(b, "</tbody>\n</table></div>\n");
    html_printf(b, "<p class=\"export\"><a href=\"%s\" download>Hent tabellen som CSV</a></p>\n", wt_csv_link(req));
}
