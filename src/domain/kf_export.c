#include "domain/kf_export.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "http/json.h"
#include "io/csv_write.h"
#include "io/xlsx_write.h"

bool kf_format_parse(const char *s, kf_file_format *out)
{
    if (strcmp(s, "csv") == 0)
        *out = KF_CSV;
    else if (strcmp(s, "json") == 0)
        *out = KF_JSON;
    else if (strcmp(s, "xlsx") == 0)
        *out = KF_XLSX;
    else
        return false;
    return true;
}

static const char *const columns[] = { "level", "code",      "name",        "year", "key_figure",
                                       "value", "numerator", "denominator", "unit" };

/* Plain number with a decimal comma (the CSV is for Danish spreadsheets),
 * as many decimals as needed, no thousands separators. */
static const char *csv_number(double v, char *out, size_t n)
{
    if (isnan(v)) {
        out[0] = '\0';
        return out;
    }
    snprintf(out, n, "%.10g", v);
    for (char *p = out; *p; p++)
        if (*p == '.')
            *p = ',';
    return out;
}

static double shown(const kf_row *r)
{
    return kf_result(&kf_catalogue[r->kf], &r->parts);
}

static void write_csv(const kf_row *rows, size_t n, kf_level level, buf *out)
{
    buf_puts(out, CSV_BOM);
    for (size_t c = 0; c < sizeof columns / sizeof *columns; c++)
        csv_field(out, columns[c], c == 0);
    csv_end_row(out);
    char num[64], year[16];
    for (size_t i = 0; i < n; i++) {
        const kf_row *r = &rows[i];
        const key_figure *kf = &kf_catalogue[r->kf];
        snprintf(year, sizeof year, "%d", r->year);
        csv_field(out, kf_level_code[level], true);
        csv_field(out, r->code, false);
        csv_field(out, r->name, false);
        csv_field(out, year, false);
        csv_field(out, kf->code, false);
        if (r->suppressed) {
            csv_field(out, "<5", false);
            csv_field(out, "", false);
            csv_field(out, "", false);
        } else {
            double v = shown(r);
            if (!isnan(v)) {
                /* Round as displayed, with two more decimals. */
                double scale = pow(10, kf->decimals + 2);
                v = round(v * scale) / scale;
            }
            csv_field(out, csv_number(v, num, sizeof num), false);
            csv_field(out, csv_number(kf_has_parts(kf->kind) ? r->parts.numerator : NAN, num, sizeof num), false);
            csv_field(out,
                      csv_number(kf_has_parts(kf->kind) || kf->kind == KF_INDEX ? r->parts.denominator : NAN, num,
                                 sizeof num),
                      false);
        }
        csv_field(out, kf->unit, false);
        csv_end_row(out);
    }
}

static void write_json(const kf_row *rows, size_t n, kf_level level, buf *out)
{
    jw w;
    jw_init(&w, out);
    jw_obj(&w);
    jw_kstr(&w, "level", kf_level_code[level]);
    jw_key(&w, "rows");
    jw_arr(&w);
    char text[64];
    for (size_t i = 0; i < n; i++) {
        const kf_row *r = &rows[i];
        const key_figure *kf = &kf_catalogue[r->kf];
        jw_obj(&w);
        jw_kstr(&w, "code", r->code);
        jw_kstr(&w, "name", r->name);
        jw_kint(&w, "year", r->year);
        jw_kstr(&w, "key_figure", kf->code);
        jw_kbool(&w, "suppressed", r->suppressed);
        jw_key(&w, "value");
        jw_double(&w, r->suppressed ? NAN : shown(r));
        jw_key(&w, "numerator");
        jw_double(&w, r->suppressed || !kf_has_parts(kf->kind) ? NAN : r->parts.numerator);
        jw_key(&w, "denominator");
        jw_double(&w, r->suppressed ? NAN : r->parts.denominator);
        jw_kstr(&w, "display", kf_format(kf, &r->parts, r->suppressed, text, sizeof text));
        jw_kstr(&w, "unit", kf->unit);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
}

static hh_err write_xlsx(const kf_row *rows, size_t n, kf_level level, const char *path, hh_error *e)
{
    xlsx_writer *x = xlsx_open(path, "Nøgletal", e);
    if (!x)
        return e->code ? e->code : HH_ERR_IO;
    xlsx_header(x, columns, sizeof columns / sizeof *columns);
    for (size_t i = 0; i < n; i++) {
        const kf_row *r = &rows[i];
        const key_figure *kf = &kf_catalogue[r->kf];
        xlsx_cell_text(x, 0, kf_level_code[level]);
        xlsx_cell_text(x, 1, r->code);
        xlsx_cell_text(x, 2, r->name);
        xlsx_cell_number(x, 3, r->year, 0);
        xlsx_cell_text(x, 4, kf->code);
        if (r->suppressed) {
            xlsx_cell_text(x, 5, "<5");
        } else {
            double v = shown(r);
            if (!isnan(v))
                xlsx_cell_number(x, 5, v, kf->decimals);
            if (kf_has_parts(kf->kind) && !isnan(r->parts.numerator))
                xlsx_cell_number(x, 6, r->parts.numerator, 0);
            if (!isnan(r->parts.denominator) && (kf_has_parts(kf->kind) || kf->kind == KF_INDEX))
                xlsx_cell_number(x, 7, r->parts.denominator, 0);
        }
        xlsx_cell_text(x, 8, kf->unit);
        xlsx_end_row(x);
    }
    return xlsx_close(x, e);
}

hh_err kf_export_write(const kf_row *rows, size_t n, kf_level level, kf_file_format format, buf *out,
                       const char *xlsx_path, hh_error *e)
{
    switch (format) {
    case KF_CSV: write_csv(rows, n, level, out); break;
    case KF_JSON: write_json(rows, n, level, out); break;
    case KF_XLSX: return write_xlsx(rows, n, level, xlsx_path, e);
    }
    if (out->overflow)
        return hh_fail(e, HH_ERR_INTERNAL, NULL, "export too large");
    return HH_OK;
}
