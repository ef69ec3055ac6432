#include "io/xlsx_write.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/util.h"

#define MAX_DECIMALS 10
#define WIDTH_MIN 8.0
#define WIDTH_MAX 60.0

struct xlsx_writer {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold;
    lxw_format *num[MAX_DECIMALS + 1];
    size_t row;         /* current row, from 0 */
    size_t header_cols; /* 0 when there is no header */
    double *width;      /* widest value per column, in characters */
    size_t ncols, width_cap;
    hh_err err;
    char msg[sizeof(((hh_error *)0)->msg)];
};

static void fail(xlsx_writer *w, hh_err code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail(xlsx_writer *w, hh_err code, const char *fmt, ...)
{
    if (w->err)
        return;
    w->err = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->msg, sizeof(w->msg), fmt, ap);
    va_end(ap);
}

/* Characters (code points) in the first n bytes of UTF-8 s. */
static size_t utf8_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

/* Byte length of the first max code points of s. */
static size_t utf8_prefix(const char *s, size_t max)
{
    size_t k = 0, i = 0;
    for (; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && k++ == max)
            break;
    return i;
}

/* Excel refuses sheet names with []:*?/\, longer than 31 characters, empty,
 * or starting or ending with an apostrophe. */
static void clean_sheet_name(const char *in, char *out, size_t cap)
{
    if (!in)
        in = "";
    size_t n = utf8_prefix(in, 31);
    if (n >= cap)
        n = cap - 1;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        char c = in[i];
        out[w++] = strchr("[]:*?/\\", c) && c ? '_' : c;
    }
    while (w > 0 && out[w - 1] == '\'')
        w--;
    out[w] = '\0';
    if (out[0] == '\'')
        out[0] = '_';
    if (w == 0)
        hh_strlcpy(out, "Ark1", cap);
}

xlsx_writer *xlsx_open(const char *path, const char *sheet_name, hh_error *e)
{
    /* libxlsxwriter opens the file only at close: find out now. */
    FILE *f = fopen(path, "wb");
    if (!f) {
        hh_fail(e, HH_ERR_IO, NULL, "kan ikke oprette XLSX-filen %s (%s)", path, strerror(errno));
        return NULL;
    }
    fclose(f);
    lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb) {
        hh_fail(e, HH_ERR_IO, NULL, "kan ikke oprette XLSX-filen %s", path);
        return NULL;
    }
    char name[LXW_MAX_SHEETNAME_LENGTH];
    clean_sheet_name(sheet_name, name, sizeof name);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (!ws) {
        lxw_workbook_free(wb);
        hh_fail(e, HH_ERR_INTERNAL, NULL, "kan ikke oprette arket '%s' i XLSX-filen", name);
        return NULL;
    }
    xlsx_writer *w = xcalloc(1, sizeof(*w));
    w->wb = wb;
    w->ws = ws;
    w->bold = workbook_add_format(wb);
    format_set_bold(w->bold);
    format_set_bottom(w->bold, LXW_BORDER_THIN);
    return w;
}

static bool cell_ok(xlsx_writer *w, size_t col)
{
    if (w->err)
        return false;
    if (w->row >= XLSX_MAX_ROWS) {
        fail(w, HH_ERR_INPUT, "eksporten har flere rækker, end et XLSX-ark kan rumme (1.048.576)");
        return false;
    }
    if (col >= XLSX_MAX_COLS) {
        fail(w, HH_ERR_INPUT, "eksporten har flere kolonner, end et XLSX-ark kan rumme (16.384)");
        return false;
    }
    return true;
}

static void note_width(xlsx_writer *w, size_t col, double chars)
{
    if (col >= w->width_cap) {
        size_t cap = w->width_cap ? w->width_cap : 16;
        while (cap <= col)
            cap *= 2;
        w->width = xrealloc(w->width, cap * sizeof(double));
        for (size_t i = w->width_cap; i < cap; i++)
            w->width[i] = 0;
        w->width_cap = cap;
    }
    if (col >= w->ncols)
        w->ncols = col + 1;
    if (chars > w->width[col])
        w->width[col] = chars;
}

static void check(xlsx_writer *w, lxw_error rc)
{
    if (rc != LXW_NO_ERROR)
        fail(w, HH_ERR_INTERNAL, "kan ikke skrive XLSX-cellen: %s", lxw_strerror(rc));
}

static void write_text(xlsx_writer *w, size_t col, const char *s, lxw_format *f)
{
    size_t n = utf8_prefix(s, XLSX_MAX_TEXT);
    if (s[n]) { /* longer than a cell holds */
        char *cut = xstrndup(s, n);
        check(w, worksheet_write_string(w->ws, (lxw_row_t)w->row, (lxw_col_t)col, cut, f));
        free(cut);
    } else
        check(w, worksheet_write_string(w->ws, (lxw_row_t)w->row, (lxw_col_t)col, s, f));
    /* The longest line decides the width. */
    size_t longest = 0;
    for (const char *p = s; p < s + n;) {
        const char *nl = memchr(p, '\n', (size_t)(s + n - p));
        size_t k = utf8_chars(p, nl ? (size_t)(nl - p) : (size_t)(s + n - p));
        if (k > longest)
            longest = k;
        p = nl ? nl + 1 : s + n;
    }
    note_width(w, col, f == w->bold ? (double)longest * 1.15 + 3 : (double)longest * 1.1 + 2);
}

void xlsx_header(xlsx_writer *w, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!cell_ok(w, i))
            return;
        write_text(w, i, names[i] ? names[i] : "", w->bold);
    }
    if (w->row == 0 && n > 0) {
        worksheet_freeze_panes(w->ws, 1, 0);
        w->header_cols = n;
    }
    xlsx_end_row(w);
}

void xlsx_cell_text(xlsx_writer *w, size_t col, const char *s)
{
    if (!s || !*s || !cell_ok(w, col))
        return;
    write_text(w, col, s, NULL);
}

void xlsx_cell_number(xlsx_writer *w, size_t col, double v, int decimals)
{
    if (!isfinite(v) || !cell_ok(w, col))
        return;
    lxw_format *f = NULL;
    if (decimals >= 0) {
        if (decimals > MAX_DECIMALS)
            decimals = MAX_DECIMALS;
        if (!w->num[decimals]) {
            char fmt[32] = "#,##0";
            if (decimals > 0) {
                size_t k = strlen(fmt);
                fmt[k++] = '.';
                for (int i = 0; i < decimals; i++)
                    fmt[k++] = '0';
                fmt[k] = '\0';
            }
            w->num[decimals] = workbook_add_format(w->wb);
            format_set_num_format(w->num[decimals], fmt);
        }
        f = w->num[decimals];
    }
    check(w, worksheet_write_number(w->ws, (lxw_row_t)w->row, (lxw_col_t)col, v, f));
    /* Width as shown: digits, separators, sign and decimals. */
    double mag = fabs(v) >= 1 ? floor(log10(fabs(v))) + 1 : 1;
    double chars = f ? mag + floor((mag - 1) / 3) + (decimals > 0 ? decimals + 1 : 0) : 11;
    note_width(w, col, chars + (v < 0) + 2);
}

void xlsx_end_row(xlsx_writer *w)
{
    if (w->row < XLSX_MAX_ROWS)
        w->row++;
}

/* Column widths and the autofilter of the current sheet. */
static void finish_sheet(xlsx_writer *w)
{
    for (size_t c = 0; c < w->ncols; c++) {
        double width = w->width[c] < WIDTH_MIN ? WIDTH_MIN : w->width[c] > WIDTH_MAX ? WIDTH_MAX : w->width[c];
        worksheet_set_column(w->ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL);
    }
    if (w->header_cols > 0)
        worksheet_autofilter(w->ws, 0, 0, (lxw_row_t)(w->row > 1 ? w->row - 1 : 0), (lxw_col_t)(w->header_cols - 1));
}

void xlsx_add_sheet(xlsx_writer *w, const char *sheet_name)
{
    if (w->err)
        return;
    finish_sheet(w);
    char name[LXW_MAX_SHEETNAME_LENGTH];
    clean_sheet_name(sheet_name, name, sizeof name);
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    for (int k = 2; !ws && k < 100; k++) {
        char alt[LXW_MAX_SHEETNAME_LENGTH + 8];
        snprintf(alt, sizeof alt, "%.24s (%d)", name, k);
        clean_sheet_name(alt, name, sizeof name);
        ws = workbook_add_worksheet(w->wb, name);
    }
    if (!ws) {
        fail(w, HH_ERR_INTERNAL, "kan ikke oprette arket '%s' i XLSX-filen", name);
        return;
    }
    w->ws = ws;
    w->row = 0;
    w->header_cols = 0;
    w->ncols = 0;
    for (size_t c = 0; c < w->width_cap; c++)
        w->width[c] = 0;
}

hh_err xlsx_close(xlsx_writer *w, hh_error *e)
{
    if (!w)
        return HH_OK;
    finish_sheet(w);
    lxw_error rc = workbook_close(w->wb);
    if (rc != LXW_NO_ERROR)
        fail(w, HH_ERR_IO, "kan ikke skrive XLSX-filen: %s", lxw_strerror(rc));
    hh_err err = w->err;
    if (err)
        hh_fail(e, err, NULL, "%s", w->msg);
    free(w->width);
    free(w);
    return err;
}
