/* lists_read.c - the files of the area lists: criterion values per area and
 * year (classify input) and published statuses (history). Messages are
 * Danish and name file, row, column letter and header and what was expected,
 * in the style of the imports (domain/import.c). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/util.h"
#include "domain/import.h"
#include "domain/lists.h"

#define YEAR_MIN 1990
#define YEAR_MAX 2100
#define MAX_SPEC 16

typedef enum col_kind {
    COL_AREA,
    COL_YEAR,
    COL_PCT,        /* percentage 0-100 */
    COL_INCOME,     /* percentage of the regional mean, 0-1000 */
    COL_COUNT,      /* whole number >= 0 */
    COL_CATEGORIES, /* category codes */
} col_kind;

typedef struct col_spec {
    const char *name;
    col_kind kind;
    bool required;
} col_spec;

/* Input columns; the criteria in list_crit order from index IN_CRIT. */
enum { IN_AREA, IN_YEAR, IN_CRIT, IN_18_64 = IN_CRIT + LC_COUNT, IN_18_PLUS, IN_30_59, IN_TAXPAYERS, IN_NSPEC };

static const col_spec input_spec[IN_NSPEC] = {
    { "area_code", COL_AREA, true },
    { "year", COL_YEAR, true },
    { "residents", COL_COUNT, true },
    { "non_western_pct", COL_PCT, true },
    { "outside_labour_pct", COL_PCT, true },
    { "convicted_pct", COL_PCT, true },
    { "national_convicted_pct", COL_PCT, true },
    { "basic_education_pct", COL_PCT, true },
    { "income_pct_of_region", COL_INCOME, true },
    { "persons_18_64", COL_COUNT, false },
    { "persons_18_plus", COL_COUNT, false },
    { "persons_30_59", COL_COUNT, false },
    { "taxpayers", COL_COUNT, false },
};

enum { HI_AREA, HI_YEAR, HI_CATEGORIES, HI_NSPEC };

static const col_spec history_spec[HI_NSPEC] = {
    { "area_code", COL_AREA, true },
    { "year", COL_YEAR, true },
    { "categories", COL_CATEGORIES, true },
};

typedef struct sheet {
    table_reader *t;
    const char *file;
    const col_spec *spec;
    size_t nspec;
    int col[MAX_SPEC]; /* column (0-based) of each spec entry, -1 when absent */
    size_t ncols;      /* columns of the header row */
    bool *named;       /* per column: has a header */
    hh_error *e;
} sheet;

/* A value as a message quotes it: at most 60 bytes, not cutting UTF-8. */
static const char *shown(const char *s, char out[80])
{
    size_t n = strlen(s);
    if (n <= 60) {
        snprintf(out, 80, "%s", s);
        return out;
    }
    n = 60;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    snprintf(out, 80, "%.*s…", (int)n, s);
    return out;
}

/* Fails with "FILE, række ROW, kolonne L (header): MESSAGE"; row 0 leaves
 * out the row, col < 0 the column. */
static hh_err fail_at(sheet *s, size_t row, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static hh_err fail_at(sheet *s, size_t row, int col, const char *fmt, ...)
{
    char msg[400], where[160] = "", letter[8];
    const char *header = NULL;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (size_t i = 0; col >= 0 && i < s->nspec; i++)
        if (s->col[i] == col)
            header = s->spec[i].name;
    if (row && col >= 0 && header)
        snprintf(where, sizeof where, ", række %zu, kolonne %s (%s)", row,
                 import_column_letter((size_t)col + 1, letter), header);
    else if (row && col >= 0)
        snprintf(where, sizeof where, ", række %zu, kolonne %s", row, import_column_letter((size_t)col + 1, letter));
    else if (row)
        snprintf(where, sizeof where, ", række %zu", row);
    return hh_fail(s->e, HH_ERR_INPUT, header ? header : "", "%s%s: %s", s->file, where, msg);
}

static const char *cell(const table_row *row, int c)
{
    return c >= 0 && (size_t)c < row->n ? row->field[c] : "";
}

/* "area_code, year, … eller taxpayers" */
static void expected_columns(const sheet *s, char *out, size_t n)
{
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < s->nspec; i++) {
        const char *sep = i == 0 ? "" : i + 1 == s->nspec ? " eller " : ", ";
        int w = snprintf(out + k, n - k, "%s%s", sep, s->spec[i].name);
        if (w < 0 || (size_t)w >= n - k)
            return;
        k += (size_t)w;
    }
}

static int spec_index(const sheet *s, const char *name)
{
    for (size_t i = 0; i < s->nspec; i++) {
        const char *a = s->spec[i].name, *b = name;
        while (*a && (*a == *b || (*b >= 'A' && *b <= 'Z' && *b - 'A' + 'a' == *a)))
            a++, b++;
        if (!*a && !*b)
            return (int)i;
    }
    return -1;
}

/* Reads the header row and maps the columns. */
static hh_err read_header(sheet *s)
{
    table_row row;
    int got = table_next(s->t, &row, s->e);
    if (got < 0)
        return s->e->code;
    if (got == 0)
        return fail_at(s, 0, -1, "filen er tom; forventede en overskriftsrække og mindst én række data");
    char v[80], expected[400];
    if (row.n < 2)
        return fail_at(s, row.line, 0,
                       "fandt kun én kolonne ('%s'); forventede kolonner adskilt af semikolon (;), komma (,) eller "
                       "tabulator",
                       shown(row.field[0], v));
    expected_columns(s, expected, sizeof expected);
    s->ncols = row.n;
    s->named = xcalloc(row.n, sizeof *s->named);
    for (size_t c = 0; c < row.n; c++) {
        if (!*row.field[c])
            continue; /* values under an empty header are refused row by row */
        int i = spec_index(s, row.field[c]);
        if (i < 0)
            return fail_at(s, row.line, (int)c, "ukendt kolonne '%s'; forventede %s", shown(row.field[c], v), expected);
        if (s->col[i] >= 0) {
            char letter[8];
            return fail_at(s, row.line, (int)c, "kolonnen '%s' står to gange (også i kolonne %s)", s->spec[i].name,
                           import_column_letter((size_t)s->col[i] + 1, letter));
        }
        s->col[i] = (int)c;
        s->named[c] = true;
    }
    for (size_t i = 0; i < s->nspec; i++)
        if (s->spec[i].required && s->col[i] < 0)
            return fail_at(s, row.line, -1, "kolonnen '%s' mangler i overskriftsrækken", s->spec[i].name);
    return HH_OK;
}

static void sheet_init(sheet *s, table_reader *t, const col_spec *spec, size_t nspec, hh_error *e)
{
    memset(s, 0, sizeof *s);
    s->t = t;
    s->file = table_name(t);
    s->spec = spec;
    s->nspec = nspec;
    s->e = e;
    for (size_t i = 0; i < MAX_SPEC; i++)
        s->col[i] = -1;
}

/* A value in a column without a header would be lost: refuse it. */
static hh_err check_unnamed(sheet *s, const table_row *row)
{
    for (size_t c = 0; c < row->n; c++) {
        if (*row->field[c] && (c >= s->ncols || !s->named[c])) {
            char v[80];
            return fail_at(s, row->line, (int)c,
                           "værdien '%s' står i en kolonne uden overskrift; forventede en "
                           "overskrift i række 1 eller en tom celle",
                           shown(row->field[c], v));
        }
    }
    return HH_OK;
}

static hh_err read_area(sheet *s, const table_row *row, int spec, char out[32])
{
    int c = s->col[spec];
    const char *a = cell(row, c);
    char v[80];
    if (!*a)
        return fail_at(s, row->line, c, "områdekoden mangler; forventede en area_code i hver række");
    if (strlen(a) >= 32)
        return fail_at(s, row->line, c, "områdekoden '%s' er for lang; forventede højst 31 tegn", shown(a, v));
    hh_strlcpy(out, a, 32);
    return HH_OK;
}

static hh_err read_year(sheet *s, const table_row *row, int spec, int *year)
{
    int c = s->col[spec];
    const char *y = cell(row, c);
    char v[80];
    if (!*y)
        return fail_at(s, row->line, c, "årstallet mangler; forventede et år mellem %d og %d", YEAR_MIN, YEAR_MAX);
    if (!hh_parse_int(y, YEAR_MIN, YEAR_MAX, year))
        return fail_at(s, row->line, c, "'%s' er ikke et årstal; forventede et år mellem %d og %d", shown(y, v),
                       YEAR_MIN, YEAR_MAX);
    return HH_OK;
}

/* A number of the spec's kind; empty is missing (NAN). */
static hh_err read_number(sheet *s, const table_row *row, int spec, double *out)
{
    int c = s->col[spec];
    const char *f = cell(row, c);
    char v[80];
    *out = NAN;
    if (!*f)
        return HH_OK;
    double x;
    if (!hh_parse_decimal(f, strlen(f), &x))
        return fail_at(s, row->line, c, "'%s' er ikke et tal; forventede fx 12,5 eller 12.5", shown(f, v));
    switch (s->spec[spec].kind) {
    case COL_PCT:
        if (x < 0 || x > 100)
            return fail_at(s, row->line, c, "'%s' er uden for 0-100; forventede en procentdel mellem 0 og 100, fx 42,5",
                           shown(f, v));
        break;
    case COL_INCOME:
        if (x < 0 || x > 1000)
            return fail_at(s, row->line, c,
                           "'%s' er uden for 0-1000; forventede indkomsten i procent af regionens gennemsnit, fx 72,5",
                           shown(f, v));
        break;
    default:
        if (x < 0 || x != floor(x) || x > 1e9)
            return fail_at(s, row->line, c,
                           "'%s' er ikke et antal; forventede et helt tal mellem 0 og 1.000.000.000, fx 1250",
                           shown(f, v));
        break;
    }
    *out = x;
    return HH_OK;
}

/* ---- duplicates ---- */

typedef struct dup_key {
    const char *area;
    int year;
    size_t row;
} dup_key;

static int dup_cmp(const void *a, const void *b)
{
    const dup_key *x = a, *y = b;
    int c = strcmp(x->area, y->area);
    if (c)
        return c;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* Reports the duplicate area and year whose second row comes first. Sorts
 * keys. */
static hh_err check_duplicates(sheet *s, dup_key *keys, size_t n)
{
    qsort(keys, n, sizeof *keys, dup_cmp);
    const dup_key *first = NULL, *second = NULL;
    for (size_t i = 1; i < n; i++) {
        if (strcmp(keys[i].area, keys[i - 1].area) != 0 || keys[i].year != keys[i - 1].year)
            continue;
        if (!second || keys[i].row < second->row) {
            first = &keys[i - 1];
            second = &keys[i];
        }
    }
    if (!second)
        return HH_OK;
    char v[80];
    return fail_at(s, second->row, -1,
                   "område '%s' og år %d står også i række %zu; forventede én række pr. område og år",
                   shown(second->area, v), second->year, first->row);
}

/* ---- the two files ---- */

static hh_err input_row(sheet *s, const table_row *row, void *elem)
{
    list_input *in = elem;
    in->row = row->line;
    hh_err rc;
    if ((rc = check_unnamed(s, row)) || (rc = read_area(s, row, IN_AREA, in->area_code)) ||
        (rc = read_year(s, row, IN_YEAR, &in->year)))
        return rc;
    for (int c = 0; c < LC_COUNT; c++)
        if ((rc = read_number(s, row, IN_CRIT + c, &in->v[c])))
            return rc;
    if ((rc = read_number(s, row, IN_18_64, &in->persons_18_64)) ||
        (rc = read_number(s, row, IN_18_PLUS, &in->persons_18_plus)) ||
        (rc = read_number(s, row, IN_30_59, &in->persons_30_59)) ||
        (rc = read_number(s, row, IN_TAXPAYERS, &in->taxpayers)))
        return rc;
    return HH_OK;
}

/* Reads one data row into elem (zeroed); its dup_key for the duplicate check. */
typedef hh_err (*sheet_row_fn)(sheet *s, const table_row *row, void *elem);
typedef dup_key (*sheet_key_fn)(const void *elem);

/* The loop both readers share: header, rows appended to *rows (elements of
 * size bytes), an optional message for a file without rows, then one
 * duplicate check over the area and year of every row read. */
static hh_err read_rows(sheet *s, void **rows, size_t *n, size_t size, sheet_row_fn read, sheet_key_fn key,
                        const char *if_empty)
{
    size_t start = *n, cap = *n;
    hh_err rc = read_header(s);
    table_row row;
    int got = 0;
    while (!rc && (got = table_next(s->t, &row, s->e)) > 0) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *rows = xrealloc(*rows, cap * size);
        }
        void *elem = (char *)*rows + *n * size;
        memset(elem, 0, size);
        if ((rc = read(s, &row, elem)) == HH_OK)
            (*n)++;
    }
    if (!rc && got < 0)
        rc = s->e->code;
    if (!rc && if_empty && *n == start)
        rc = fail_at(s, 0, -1, "%s", if_empty);
    if (!rc) {
        dup_key *keys = xcalloc(*n - start + 1, sizeof *keys);
        for (size_t i = start; i < *n; i++)
            keys[i - start] = key((const char *)*rows + i * size);
        rc = check_duplicates(s, keys, *n - start);
        free(keys);
    }
    free(s->named);
    return rc;
}

static dup_key input_key(const void *elem)
{
    const list_input *in = elem;
    return (dup_key){ in->area_code, in->year, in->row };
}

hh_err list_read_input(table_reader *t, list_input **rows, size_t *n, hh_error *e)
{
    sheet s;
    sheet_init(&s, t, input_spec, IN_NSPEC, e);
    return read_rows(&s, (void **)rows, n, sizeof **rows, input_row, input_key,
                     "filen har ingen rækker under overskriftsrækken; forventede én række pr. område og år");
}

static hh_err history_row(sheet *s, const table_row *row, void *elem)
{
    list_status_row *st = elem;
    st->row = row->line;
    hh_err rc;
    if ((rc = check_unnamed(s, row)) || (rc = read_area(s, row, HI_AREA, st->area_code)) ||
        (rc = read_year(s, row, HI_YEAR, &st->year)))
        return rc;
    hh_error ce;
    if (!list_cats_parse(cell(row, s->col[HI_CATEGORIES]), &st->categories, &ce))
        return fail_at(s, row->line, s->col[HI_CATEGORIES], "%s", ce.msg);
    return HH_OK;
}

static dup_key history_key(const void *elem)
{
    const list_status_row *st = elem;
    return (dup_key){ st->area_code, st->year, st->row };
}

hh_err list_read_history(table_reader *t, list_status_row **rows, size_t *n, hh_error *e)
{
    sheet s;
    sheet_init(&s, t, history_spec, HI_NSPEC, e);
    /* A header alone is a valid history: nothing was published. */
    return read_rows(&s, (void **)rows, n, sizeof **rows, history_row, history_key, NULL);
}
