/* report_csv.c - the yearly report's tables as one CSV file (table;row;
 * column;value, ';' separated UTF-8 with a byte-order mark and decimal
 * commas, like Helhed's other CSV exports) and as XLSX with one sheet per
 * table. Hidden numbers are written as shown ("<5", "x"), never as the
 * number. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "io/csv_write.h"
#include "io/xlsx_write.h"
#include "report/plan_year.h"

/* A number as CSV writes it: no thousands separator, decimal comma. */
static const char *csv_num(char *out, size_t n, double v, int decimals)
{
    snprintf(out, n, "%.*f", decimals, v);
    for (char *p = out; *p; p++)
        if (*p == '.')
            *p = ',';
    return out;
}

void report_csv(const plan_year_report *r, buf *b)
{
    buf_puts(b, CSV_BOM);
    static const char *const head[] = { "table", "title", "row", "column", "value" };
    for (size_t i = 0; i < 5; i++)
        csv_field(b, head[i], i == 0);
    csv_end_row(b);
    char tmp[64];
    for (size_t t = 0; t < r->ntables; t++) {
        const rpt_table *x = &r->tables[t];
        for (size_t row = 0; row < x->nrows; row++) {
            const char *label = rpt_at(x, row, 0)->text;
            for (size_t c = 1; c < x->ncols; c++) {
                const rpt_cell *cl = rpt_at(x, row, c);
                csv_field(b, x->id, true);
                csv_field(b, x->title, false);
                csv_field(b, label, false);
                csv_field(b, x->cols[c], false);
                if (!isnan(cl->num))
                    csv_number_field(b, csv_num(tmp, sizeof tmp, cl->num, cl->decimals), false);
                else
                    csv_field(b, cl->text, false);
                csv_end_row(b);
            }
        }
    }
}

hh_err report_xlsx(const plan_year_report *r, const char *path, hh_error *e)
{
    xlsx_writer *w = NULL;
    for (size_t t = 0; t < r->ntables; t++) {
        const rpt_table *x = &r->tables[t];
        if (!w) {
            w = xlsx_open(path, x->id, e);
            if (!w)
                return e ? e->code : HH_ERR_IO;
        } else
            xlsx_add_sheet(w, x->id);
        xlsx_header(w, x->cols, x->ncols);
        for (size_t row = 0; row < x->nrows; row++) {
            for (size_t c = 0; c < x->ncols; c++) {
                const rpt_cell *cl = rpt_at(x, row, c);
                if (!isnan(cl->num))
                    xlsx_cell_number(w, c, cl->num, c == 0 ? -1 : cl->decimals);
                else
                    xlsx_cell_text(w, c, cl->text);
            }
            xlsx_end_row(w);
        }
        if (x->note && *x->note) {
            xlsx_end_row(w);
            xlsx_cell_text(w, 0, x->note);
            xlsx_end_row(w);
        }
    }
    return xlsx_close(w, e);
}

hh_err report_xlsx_buf(const plan_year_report *r, buf *out, hh_error *e)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/helhed-report-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return hh_fail(e, HH_ERR_IO, NULL, "kan ikke oprette en midlertidig fil");
    close(fd);
    hh_err rc = report_xlsx(r, path, e);
    if (!rc) {
        FILE *f = fopen(path, "rb");
        if (!f)
            rc = hh_fail(e, HH_ERR_IO, NULL, "kan ikke læse XLSX-filen igen");
        else {
            char chunk[65536];
            size_t got;
            while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
                buf_append(out, chunk, got);
            fclose(f);
        }
    }
    unlink(path);
    return rc;
}
