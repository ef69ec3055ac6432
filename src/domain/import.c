#include "domain/import.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "core/util.h"
#include "domain/keyfig.h"
#include "domain/lists_store.h"
#include "domain/registry.h"

#define PROGRESS_EVERY 65536

typedef struct importer {
    db *d;
    arena *a;
    const import_options *opt;
    import_report *rep;
    size_t max_problems;
    char **header; /* names, lower case */
    size_t ncols;
} importer;

const char *import_column_letter(size_t col, char out[8])
{
    char tmp[8];
    size_t k = 0;
    while (col > 0 && k < sizeof tmp - 1) {
        col--;
        tmp[k++] = (char)('A' + col % 26);
        col /= 26;
    }
    for (size_t i = 0; i < k; i++)
        out[i] = tmp[k - 1 - i];
    out[k] = '\0';
    return out;
}

void import_problem_format(const import_report *rep, const import_problem *p, buf *out)
{
    buf_puts(out, rep->file);
    /* Reader messages come with their own ", række N: …" after the name. */
    if (!p->row && !p->col && (p->message[0] == ',' || p->message[0] == ':')) {
        buf_puts(out, p->message);
        return;
    }
    if (p->row)
        buf_printf(out, ", række %zu", p->row);
    if (p->col) {
        char letter[8];
        buf_printf(out, ", kolonne %s", import_column_letter(p->col, letter));
        if (p->column && *p->column)
            buf_printf(out, " (%s)", p->column);
    }
    buf_printf(out, ": %s", p->message);
}

static void problem(importer *im, size_t row, size_t col, const char *value, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void problem(importer *im, size_t row, size_t col, const char *value, const char *fmt, ...)
{
    import_report *rep = im->rep;
    if (rep->nproblems >= im->max_problems) {
        rep->more_problems++;
        return;
    }
    if (rep->nproblems % 64 == 0)
        rep->problems = arena_grow(im->a, rep->problems, rep->nproblems * sizeof(import_problem),
                                   (rep->nproblems + 64) * sizeof(import_problem));
    import_problem *p = &rep->problems[rep->nproblems++];
    p->row = row;
    p->col = col;
    p->column = col && col <= im->ncols ? im->header[col - 1] : "";
    p->value = value ? arena_strdup(im->a, value) : "";
    va_list ap;
    va_start(ap, fmt);
    p->message = arena_vprintf(im->a, fmt, ap);
    va_end(ap);
}

/* A reader error: its message starts with the file name, kept once. */
static void reader_problem(importer *im, const char *msg)
{
    size_t n = strlen(im->rep->file);
    if (strncmp(msg, im->rep->file, n) == 0 && (msg[n] == ',' || msg[n] == ':'))
        problem(im, 0, 0, NULL, "%s", msg + n);
    else
        problem(im, 0, 0, NULL, ": %s", msg);
}

static size_t total_problems(const importer *im)
{
    return im->rep->nproblems + im->rep->more_problems;
}

static void describe_source(importer *im, table_reader *r)
{
    if (table_get_format(r) == TABLE_XLSX) {
        im->rep->source = "XLSX";
        return;
    }
    char sep = table_separator(r);
    const char *name = sep == ';' ? "semikolon" : sep == ',' ? "komma" : "tabulator";
    im->rep->source = arena_printf(im->a, "CSV adskilt med %s, %s", name, table_encoding(r));
}

/* Reads the header row; reports a file that is not a table of several
 * columns (the usual sign of a wrong separator). */
static bool read_header(importer *im, table_reader *r)
{
    table_row row;
    hh_error re;
    int got = table_next(r, &row, &re);
    if (got < 0) {
        reader_problem(im, re.msg);
        return false;
    }
    if (got == 0) {
        problem(im, 0, 0, NULL, "filen er tom; forventede en overskriftsrække og mindst én række data");
        return false;
    }
    describe_source(im, r);
    if (row.n < 2) {
        const char *h = row.n ? row.field[0] : "";
        problem(im, row.line, 1, h,
                "fandt kun én kolonne ('%.60s'); forventede kolonner adskilt af semikolon (;), komma (,) eller "
                "tabulator",
                h);
        return false;
    }
    im->ncols = row.n;
    im->header = arena_alloc(im->a, row.n * sizeof(char *));
    for (size_t i = 0; i < row.n; i++) {
        char *h = arena_strdup(im->a, row.field[i]);
        for (char *p = h; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        im->header[i] = h;
    }
    return true;
}

/* Column index (0-based) of name, or -1. */
static int column(const importer *im, const char *name)
{
    for (size_t i = 0; i < im->ncols; i++)
        if (strcmp(im->header[i], name) == 0)
            return (int)i;
    return -1;
}

static bool require_columns(importer *im, const char *const *names, size_t n)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (column(im, names[i]) < 0) {
            problem(im, 1, 0, NULL, "kolonnen '%s' mangler i overskriftsrækken", names[i]);
            ok = false;
        }
    }
    return ok;
}

static hh_err finish(importer *im, hh_err rc, bool changed, hh_error *e)
{
    db *d = im->d;
    if (rc == HH_OK && total_problems(im) == 0 && !im->opt->dry_run) {
        if (changed && (rc = kf_refresh(d, e)) == HH_OK)
            rc = db_commit(d, e);
        else if (!changed)
            rc = db_commit(d, e);
        if (rc == HH_OK) {
            im->rep->written = true;
            return HH_OK;
        }
    }
    db_rollback(d);
    if (rc)
        return rc;
    return total_problems(im) ? HH_ERR_INPUT : HH_OK;
}

static void progress(importer *im, table_reader *r, size_t rows)
{
    if (im->opt->progress && rows % PROGRESS_EVERY == 0) {
        size_t total;
        size_t done = table_progress(r, &total);
        im->opt->progress(im->opt->progress_ctx, done, total);
    }
}

static void progress_end(importer *im, table_reader *r)
{
    if (im->opt->progress) {
        size_t total;
        table_progress(r, &total);
        im->opt->progress(im->opt->progress_ctx, total, total);
    }
}

static void init(importer *im, db *d, arena *a, const char *file, const import_options *opt, import_report *rep)
{
    memset(rep, 0, sizeof *rep);
    memset(im, 0, sizeof *im);
    rep->file = file;
    rep->source = "";
    rep->layout = "";
    im->d = d;
    im->a = a;
    im->opt = opt;
    im->rep = rep;
    im->max_problems = opt->max_problems ? opt->max_problems : 200;
}

/* ---- registry ---- */

typedef struct reg_row {
    importer *im;
    const table_row *row;
} reg_row;

static const char *reg_row_get(void *ctx, const char *key)
{
    reg_row *rr = ctx;
    int c = column(rr->im, key);
    if (c < 0)
        return NULL;
    return (size_t)c < rr->row->n ? rr->row->field[c] : "";
}

static bool known_registry_column(const char *name)
{
    for (size_t i = 0; i < reg_org_nfields; i++)
        if (strcmp(reg_org_fields[i].key, name) == 0)
            return true;
    for (size_t i = 0; i < reg_dept_nfields; i++)
        if (strcmp(reg_dept_fields[i].key, name) == 0)
            return true;
    return false;
}

/* Reports a field error from the registry at the column it concerns. */
static void field_problem(importer *im, const table_row *row, const hh_error *fe)
{
    int c = column(im, fe->field);
    const char *v = c >= 0 && (size_t)c < row->n ? row->field[c] : NULL;
    problem(im, row->line, c >= 0 ? (size_t)c + 1 : 0, v, "%s", fe->msg);
}

hh_err import_registry(db *d, table_reader *r, const char *file, const import_options *opt, arena *a,
                       import_report *rep, hh_error *e)
{
    importer im;
    init(&im, d, a, file, opt, rep);
    arena scratch;
    arena_init(&scratch);
    reg_scope scope;
    reg_scope_write(opt->as, &scratch, &scope);
    hh_err rc = db_begin(d, e);
    if (rc) {
        arena_free(&scratch);
        return rc;
    }
    if (!read_header(&im, r))
        goto out;
    static const char *const required[] = { "org_no", "org_name", "department_no", "department_name",
                                            "municipality_code" };
    bool ok = require_columns(&im, required, HH_ARRAY_LEN(required));
    for (size_t i = 0; i < im.ncols; i++) {
        if (!known_registry_column(im.header[i])) {
            problem(&im, 1, i + 1, im.header[i],
                    "ukendt kolonne '%s'; forventede org_no, org_name, cvr, administrator, org_municipality_code, "
                    "department_no, department_name, address, municipality_code, dwellings, dwellings_family, "
                    "dwellings_elderly, dwellings_youth, build_year, rent_per_m2 eller outdoor_area_m2",
                    im.header[i]);
            ok = false;
        } else if (column(&im, im.header[i]) != (int)i) {
            problem(&im, 1, i + 1, im.header[i], "kolonnen '%s' står to gange", im.header[i]);
            ok = false;
        }
    }
    if (!ok)
        goto out;
    /* Departments seen in this file, to report duplicates with their row. */
    typedef struct seen {
        int64_t key;
        size_t row;
    } seen;
    seen *seen_rows = NULL;
    size_t nseen = 0;
    table_row row;
    hh_error re;
    int got;
    while ((got = table_next(r, &row, &re)) > 0) {
        rep->rows++;
        progress(&im, r, rep->rows);
        reg_row rr = { &im, &row };
        hh_error fe;
        reg_outcome out;
        int64_t org_no = 0, dno = 0;
        const char *org_s = reg_row_get(&rr, "org_no"), *dno_s = reg_row_get(&rr, "department_no");
        if (hh_parse_int64(org_s, strlen(org_s), &org_no) && hh_parse_int64(dno_s, strlen(dno_s), &dno)) {
            int64_t key = org_no * 100000 + dno;
            size_t first = 0;
            for (size_t i = 0; i < nseen && !first; i++)
                if (seen_rows[i].key == key)
                    first = seen_rows[i].row;
            if (first) {
                problem(&im, row.line, 0, NULL, "afdeling %lld-%lld står også i række %zu", (long long)org_no,
                        (long long)dno, first);
                continue;
            }
            if (nseen % 256 == 0)
                seen_rows = arena_grow(&scratch, seen_rows, nseen * sizeof(seen), (nseen + 256) * sizeof(seen));
            seen_rows[nseen++] = (seen){ key, row.line };
        }
        rc = reg_organisation_put(d, &scope, reg_row_get, &rr, &out, &fe);
        if (rc == HH_OK) {
            rep->orgs_created += out == REG_CREATED;
            rep->orgs_updated += out == REG_UPDATED;
            rc = reg_department_put(d, &scope, reg_row_get, &rr, NULL, &out, &fe);
        }
        if (rc == HH_ERR_DB) {
            *e = fe;
            goto out;
        }
        if (rc) {
            /* A problem of this row: report it and go on checking. */
            rc = HH_OK;
            field_problem(&im, &row, &fe);
            continue;
        }
        rep->created += out == REG_CREATED;
        rep->updated += out == REG_UPDATED;
        rep->unchanged += out == REG_UNCHANGED;
    }
    if (got < 0)
        reader_problem(&im, re.msg);
    else if (rep->rows == 0 && total_problems(&im) == 0)
        problem(&im, 0, 0, NULL, "filen har ingen rækker under overskriften");
    progress_end(&im, r);
out:
    arena_free(&scratch);
    /* Department changes move departments between aggregates. */
    return finish(&im, rc, rep->created + rep->updated > 0, e);
}

/* ---- key figures ---- */

#define YEAR_MIN 1990
#define YEAR_MAX 2100
#define NYEARS (YEAR_MAX - YEAR_MIN + 1)

typedef struct unit_entry {
    int64_t key; /* org_no * 100000 + department_no; 0 = free slot */
    int64_t id;
    uint32_t index;
    bool writable;
} unit_entry;

typedef struct unit_map {
    unit_entry *slots;
    size_t cap; /* power of two */
    size_t n;
} unit_map;

static size_t slot_of(int64_t key, size_t cap)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 32) & (cap - 1);
}

static unit_entry *map_find(const unit_map *m, int64_t key)
{
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->slots[i].key == key)
            return &m->slots[i];
        if (m->slots[i].key == 0)
            return NULL;
    }
}

static hh_err load_departments(db *d, arena *a, const reg_scope *s, unit_map *m, hh_error *e)
{
    int64_t count = 0;
    if (!db_query_int64(d, "SELECT COUNT(*) FROM department", &count))
        return db_fail(d, e, "count departments");
    m->cap = 16;
    while (m->cap < (size_t)count * 2 + 2)
        m->cap *= 2;
    m->slots = arena_zalloc(a, m->cap * sizeof(unit_entry));
    db_stmt *st = db_prepare(d, arena_printf(a,
                                             "SELECT d.id, d.org_no, d.department_no, CASE WHEN %s THEN 1 ELSE 0 END"
                                             " FROM department d",
                                             s->dept));
    if (!st)
        return db_fail(d, e, "read departments");
    int rc;
    while ((rc = db_step(st)) == DB_ROW && m->n < (size_t)count) {
        int64_t key = db_col_int64(st, 1) * 100000 + db_col_int64(st, 2);
        size_t i = slot_of(key, m->cap);
        while (m->slots[i].key)
            i = (i + 1) & (m->cap - 1);
        m->slots[i] = (unit_entry){ key, db_col_int64(st, 0), (uint32_t)m->n++, db_col_int64(st, 3) != 0 };
    }
    db_done(st);
    return rc == DB_ERROR ? db_fail(d, e, "read departments") : HH_OK;
}

typedef struct area_entry {
    const char *code;
    int64_t id;
    bool writable;
} area_entry;

static bool read_area_entry(db_stmt *st, arena *a, void *elem)
{
    area_entry *x = elem;
    x->id = db_col_int64(st, 0);
    x->code = arena_strdup(a, db_col_text(st, 1));
    x->writable = db_col_int64(st, 2) != 0;
    return true;
}

typedef enum part { PART_VALUE, PART_NUMERATOR, PART_DENOMINATOR } part;

/* Values are written PUT_BATCH rows per INSERT (a remainder row by row, so
 * only two statements per table are prepared), which saves per-statement work
 * in SQLite and round trips in PostgreSQL. The duplicate check in store()
 * keeps one statement from naming a row twice. */
#define PUT_BATCH 64

typedef struct put_row {
    int64_t unit_id;
    int kf;
    int year;
    double parts[3];
} put_row;

typedef struct put_queue {
    const char *one_sql, *batch_sql;
    put_row rows[PUT_BATCH];
    size_t n;
} put_queue;

/* A wide-form column: which key figure and which part it holds. */
typedef struct wide_col {
    int kf; /* -1: an identifying column */
    part part;
} wide_col;

typedef struct kf_import {
    importer *im;
    unit_map depts;
    area_entry *areas;
    size_t nareas;
    uint8_t *seen;      /* bitmap: unit × figure × year */
    uint8_t *seen_area; /* the same for areas */
    bool all_scope;
    put_queue put_dept, put_area;
    int c_org, c_dept, c_area, c_year, c_kf, c_value, c_num, c_den;
    wide_col *wide;
    size_t changed;
} kf_import;

static bool bit_test_set(uint8_t *bits, size_t i)
{
    bool was = bits[i >> 3] & (1u << (i & 7));
    bits[i >> 3] |= (uint8_t)(1u << (i & 7));
    return was;
}

static const char *field(const table_row *row, int c)
{
    return c >= 0 && (size_t)c < row->n ? row->field[c] : "";
}

static bool parse_number(kf_import *k, const table_row *row, int c, double *out)
{
    const char *s = field(row, c);
    if (hh_parse_decimal(s, strlen(s), out))
        return true;
    problem(k->im, row->line, (size_t)c + 1, s, "'%s' er ikke et tal; forventede fx 12,5 eller 12.5", s);
    return false;
}

static const char *kind_label(kf_kind kind)
{
    switch (kind) {
    case KF_SHARE: return "andel";
    case KF_RATE_PER_1000: return "rate pr. 1.000";
    case KF_MEAN: return "gennemsnit";
    case KF_AMOUNT: return "antal eller beløb";
    default: return "indeks";
    }
}

/* Checks one figure's value, numerator and denominator (columns -1 when the
 * layout has none) and fills parts. */
static bool check_parts(kf_import *k, const table_row *row, const key_figure *kf, int cv, int cn, int cd,
                        double parts[3])
{
    const char *vs = field(row, cv), *ns = field(row, cn), *ds = field(row, cd);
    parts[0] = parts[1] = parts[2] = NAN;
    importer *im = k->im;
    size_t line = row->line;
    if (kf_has_parts(kf->kind)) {
        if (!*ns && !*ds) {
            if (*vs)
                problem(im, line, (size_t)cv + 1, vs,
                        "%s er en %s og skal angives med numerator og denominator (tæller og nævner), ikke kun value",
                        kf->code, kind_label(kf->kind));
            else
                problem(im, line, cn >= 0 ? (size_t)cn + 1 : 0, NULL, "numerator og denominator mangler for %s",
                        kf->code);
            return false;
        }
        if (!*ns || !*ds) {
            int c = *ns ? cd : cn;
            problem(im, line, (size_t)c + 1, NULL, "%s mangler; %s angives med både numerator og denominator",
                    *ns ? "denominator" : "numerator", kf->code);
            return false;
        }
        if (!parse_number(k, row, cn, &parts[1]) || !parse_number(k, row, cd, &parts[2]))
            return false;
        if (parts[1] < 0) {
            problem(im, line, (size_t)cn + 1, ns, "numerator må ikke være negativ");
            return false;
        }
        if (!(parts[2] > 0)) {
            problem(im, line, (size_t)cd + 1, ds, "denominator skal være større end 0");
            return false;
        }
        if (kf->kind == KF_SHARE && parts[1] > parts[2]) {
            problem(im, line, (size_t)cn + 1, ns,
                    "numerator (%s) er større end denominator (%s); en andel kan højst være 100 %%", ns, ds);
            return false;
        }
        if (*vs) {
            double v;
            if (!parse_number(k, row, cv, &v))
                return false;
            kf_parts p = { parts[1], parts[2], NAN, NAN, 1 };
            double c = kf_result(kf, &p);
            if (fabs(v - c) > fmax(0.051, fabs(c) * 0.001)) {
                problem(im, line, (size_t)cv + 1, vs,
                        "value (%s) passer ikke med numerator/denominator, som giver %.2f", vs, c);
                return false;
            }
        }
        return true;
    }
    if (!*vs) {
        problem(im, line, cv >= 0 ? (size_t)cv + 1 : 0, NULL, "value mangler for %s", kf->code);
        return false;
    }
    if (!parse_number(k, row, cv, &parts[0]))
        return false;
    if (*ns) {
        problem(im, line, (size_t)cn + 1, ns, "%s er et %s og angives med value, ikke numerator", kf->code,
                kind_label(kf->kind));
        return false;
    }
    if (parts[0] < 0) {
        problem(im, line, (size_t)cv + 1, vs, "%s må ikke være negativ", kf->code);
        return false;
    }
    if (kf->is_count && parts[0] != floor(parts[0])) {
        problem(im, line, (size_t)cv + 1, vs, "%s er et antal og skal være et helt tal", kf->code);
        return false;
    }
    if (*ds) {
        if (kf->kind != KF_INDEX) {
            problem(im, line, (size_t)cd + 1, ds, "%s er et %s og angives med value, ikke denominator", kf->code,
                    kind_label(kf->kind));
            return false;
        }
        if (!parse_number(k, row, cd, &parts[2]))
            return false;
        if (parts[2] < 0) {
            problem(im, line, (size_t)cd + 1, ds, "denominator må ikke være negativ");
            return false;
        }
    }
    return true;
}

static void bind_part(db_stmt *st, int i, double v)
{
    if (isnan(v))
        db_bind_null(st, i);
    else
        db_bind_double(st, i, v);
}

static void bind_row(db_stmt *st, int base, const put_row *r)
{
    db_bind_int64(st, base + 1, r->unit_id);
    db_bind_int64(st, base + 2, kf_db_id(r->kf));
    db_bind_int64(st, base + 3, r->year);
    bind_part(st, base + 4, r->parts[1]);
    bind_part(st, base + 5, r->parts[2]);
    bind_part(st, base + 6, r->parts[0]);
}

/* Writes the queued values unless problems were found already (then the
 * import will be rolled back anyway and only checking continues). */
static hh_err put_flush(kf_import *k, put_queue *q, hh_error *e)
{
    size_t n = q->n;
    q->n = 0;
    if (total_problems(k->im))
        return HH_OK;
    for (size_t i = 0; i < n;) {
        size_t m = n - i == PUT_BATCH ? PUT_BATCH : 1;
        /* Looked up for every write rather than held: the cache may evict. */
        db_stmt *st = db_prepare(k->im->d, m > 1 ? q->batch_sql : q->one_sql);
        if (!st)
            return db_fail(k->im->d, e, "prepare key-figure writes");
        for (size_t j = 0; j < m; j++)
            bind_row(st, (int)j * 6, &q->rows[i + j]);
        int rc = db_step(st);
        int64_t changed = rc == DB_ERROR ? 0 : db_changes(st);
        db_done(st);
        if (rc == DB_ERROR)
            return db_fail(k->im->d, e, "write key figure");
        k->changed += (size_t)changed;
        k->im->rep->created += (size_t)changed;
        k->im->rep->unchanged += m - (size_t)changed;
        i += m;
    }
    return HH_OK;
}

/* Queues one value; writes the queue when it is full. */
static hh_err put_value(kf_import *k, put_queue *q, int64_t unit_id, int kf, int year, const double parts[3],
                        hh_error *e)
{
    if (total_problems(k->im))
        return HH_OK;
    q->rows[q->n++] = (put_row){ unit_id, kf, year, { parts[0], parts[1], parts[2] } };
    return q->n == PUT_BATCH ? put_flush(k, q, e) : HH_OK;
}

/* Finds the unit (department or area) a row is about; reports why not. */
static bool row_unit(kf_import *k, const table_row *row, bool *is_area, int64_t *id, size_t *index)
{
    importer *im = k->im;
    const char *area = field(row, k->c_area), *org = field(row, k->c_org), *dep = field(row, k->c_dept);
    if (*area && !*org && !*dep) {
        for (size_t i = 0; i < k->nareas; i++) {
            if (strcmp(k->areas[i].code, area) == 0) {
                if (!k->areas[i].writable)
                    break;
                *is_area = true;
                *id = k->areas[i].id;
                *index = i;
                return true;
            }
        }
        problem(im, row->line, (size_t)k->c_area + 1, area,
                k->all_scope ? "boligområde '%s' findes ikke i registret"
                             : "boligområde '%s' findes ikke blandt de områder, du kan indlæse tal for",
                area);
        return false;
    }
    int64_t o, dn;
    if (!hh_parse_int64(org, strlen(org), &o) || o <= 0) {
        problem(im, row->line, k->c_org >= 0 ? (size_t)k->c_org + 1 : 0, org,
                "'%s' er ikke et organisationsnummer; forventede et helt tal, fx 101", org);
        return false;
    }
    if (!hh_parse_int64(dep, strlen(dep), &dn) || dn <= 0 || dn >= 100000) {
        problem(im, row->line, k->c_dept >= 0 ? (size_t)k->c_dept + 1 : 0, dep,
                "'%s' er ikke et afdelingsnummer; forventede et helt tal, fx 1", dep);
        return false;
    }
    unit_entry *u = o < 100000 ? map_find(&k->depts, o * 100000 + dn) : NULL;
    if (!u || !u->writable) {
        problem(im, row->line, (size_t)k->c_dept + 1, dep,
                k->all_scope ? "afdeling %lld-%lld findes ikke i registret; importér registret først"
                             : "afdeling %lld-%lld findes ikke blandt de afdelinger, du kan indlæse tal for",
                (long long)o, (long long)dn);
        return false;
    }
    *is_area = false;
    *id = u->id;
    *index = u->index;
    return true;
}

static bool row_year(kf_import *k, const table_row *row, int *year)
{
    const char *s = field(row, k->c_year);
    if (!hh_parse_int(s, YEAR_MIN, YEAR_MAX, year)) {
        problem(k->im, row->line, (size_t)k->c_year + 1, s, "'%s' er ikke et årstal; forventede et år mellem %d og %d",
                s, YEAR_MIN, YEAR_MAX);
        return false;
    }
    return true;
}

static hh_err store(kf_import *k, const table_row *row, bool is_area, int64_t id, size_t index, int kf, int year,
                    const double parts[3], int col, hh_error *e)
{
    size_t bit = (index * kf_count + (size_t)kf) * NYEARS + (size_t)(year - YEAR_MIN);
    if (bit_test_set(is_area ? k->seen_area : k->seen, bit)) {
        problem(k->im, row->line, col > 0 ? (size_t)col : 0, NULL,
                "%s for %d står mere end én gang i filen for samme %s", kf_catalogue[kf].code, year,
                is_area ? "område" : "afdeling");
        return HH_OK;
    }
    return put_value(k, is_area ? &k->put_area : &k->put_dept, id, kf, year, parts, e);
}

static hh_err long_row(kf_import *k, const table_row *row, hh_error *e)
{
    bool is_area;
    int64_t id;
    size_t index;
    int year;
    bool unit_ok = row_unit(k, row, &is_area, &id, &index);
    bool year_ok = row_year(k, row, &year);
    const char *code = field(row, k->c_kf);
    int kf = kf_find(code);
    if (kf < 0)
        problem(k->im, row->line, (size_t)k->c_kf + 1, code,
                "'%s' er ikke et nøgletal i kataloget; forventede en kode som residents eller turnover_rate", code);
    if (!unit_ok || !year_ok || kf < 0)
        return HH_OK;
    double parts[3];
    if (!check_parts(k, row, &kf_catalogue[kf], k->c_value, k->c_num, k->c_den, parts))
        return HH_OK;
    return store(k, row, is_area, id, index, kf, year, parts, k->c_kf + 1, e);
}

static hh_err wide_row(kf_import *k, const table_row *row, hh_error *e)
{
    bool is_area;
    int64_t id;
    size_t index;
    int year;
    bool unit_ok = row_unit(k, row, &is_area, &id, &index);
    if (!row_year(k, row, &year) || !unit_ok)
        return HH_OK;
    importer *im = k->im;
    for (size_t c = 0; c < im->ncols; c++) {
        wide_col w = k->wide[c];
        if (w.kf < 0 || w.part == PART_DENOMINATOR)
            continue;
        /* A figure's columns: value, or numerator with its denominator. */
        int cv = -1, cn = -1, cd = -1;
        for (size_t j = 0; j < im->ncols; j++) {
            if (k->wide[j].kf != w.kf)
                continue;
            if (k->wide[j].part == PART_VALUE)
                cv = (int)j;
            else if (k->wide[j].part == PART_NUMERATOR)
                cn = (int)j;
            else
                cd = (int)j;
        }
        if ((w.part == PART_VALUE && cn >= 0) || !(*field(row, cv) || *field(row, cn) || *field(row, cd)))
            continue; /* handled with the numerator, or no value in this row */
        double parts[3];
        if (!check_parts(k, row, &kf_catalogue[w.kf], cv, cn, cd, parts))
            continue;
        hh_err rc = store(k, row, is_area, id, index, w.kf, year, parts, (int)c + 1, e);
        if (rc)
            return rc;
    }
    return HH_OK;
}

#define PUT_HEAD(table, unit) \
    "INSERT INTO " table " (" unit ", key_figure_id, year, numerator, denominator, value) VALUES "
#define PUT_TAIL(table, unit)                                                                                  \
    " ON CONFLICT (" unit ", key_figure_id, year) DO UPDATE SET"                                               \
    " numerator = excluded.numerator, denominator = excluded.denominator, value = excluded.value"              \
    " WHERE " table ".numerator IS DISTINCT FROM excluded.numerator OR " table ".denominator IS DISTINCT FROM" \
    " excluded.denominator OR " table ".value IS DISTINCT FROM excluded.value"

static void put_sql(put_queue *q, arena *a, const char *head, const char *tail)
{
    buf b;
    buf_init(&b, 0);
    buf_puts(&b, head);
    for (int i = 0; i < PUT_BATCH; i++)
        buf_puts(&b, i ? ", (?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?)");
    buf_puts(&b, tail);
    q->batch_sql = arena_strdup(a, buf_cstr(&b));
    q->one_sql = arena_printf(a, "%s(?, ?, ?, ?, ?, ?)%s", head, tail);
    q->n = 0;
    buf_free(&b);
}

static bool setup_layout(kf_import *k)
{
    importer *im = k->im;
    k->c_org = column(im, "org_no");
    k->c_dept = column(im, "department_no");
    k->c_area = column(im, "area_code");
    k->c_year = column(im, "year");
    k->c_kf = column(im, "key_figure");
    k->c_value = column(im, "value");
    k->c_num = column(im, "numerator");
    k->c_den = column(im, "denominator");
    bool ok = true;
    if (k->c_year < 0) {
        problem(im, 1, 0, NULL, "kolonnen 'year' mangler i overskriftsrækken");
        ok = false;
    }
    if (k->c_area < 0 && (k->c_org < 0 || k->c_dept < 0)) {
        problem(im, 1, 0, NULL,
                "kolonnerne 'org_no' og 'department_no' (eller 'area_code') mangler i overskriftsrækken");
        ok = false;
    }
    for (size_t i = 0; i < im->ncols; i++) {
        if (column(im, im->header[i]) != (int)i) {
            problem(im, 1, i + 1, im->header[i], "kolonnen '%s' står to gange", im->header[i]);
            ok = false;
        }
    }
    if (k->c_kf >= 0) {
        im->rep->layout = "lang";
        if (k->c_value < 0 && (k->c_num < 0 || k->c_den < 0)) {
            problem(im, 1, 0, NULL, "kolonnen 'value' eller kolonnerne 'numerator' og 'denominator' mangler");
            ok = false;
        }
        static const char *const known[] = { "org_no",     "department_no", "area_code", "year",
                                             "key_figure", "value",         "numerator", "denominator" };
        for (size_t i = 0; i < im->ncols; i++) {
            bool found = false;
            for (size_t j = 0; j < HH_ARRAY_LEN(known) && !found; j++)
                found = strcmp(im->header[i], known[j]) == 0;
            if (!found) {
                problem(im, 1, i + 1, im->header[i],
                        "ukendt kolonne '%s' i lang form; forventede org_no, department_no, area_code, year, "
                        "key_figure, value, numerator og denominator",
                        im->header[i]);
                ok = false;
            }
        }
        return ok;
    }
    im->rep->layout = "bred";
    k->wide = arena_alloc(im->a, im->ncols * sizeof(wide_col));
    size_t figures = 0;
    for (size_t i = 0; i < im->ncols; i++) {
        const char *h = im->header[i];
        k->wide[i] = (wide_col){ -1, PART_VALUE };
        if ((int)i == k->c_org || (int)i == k->c_dept || (int)i == k->c_area || (int)i == k->c_year)
            continue;
        char code[128];
        hh_strlcpy(code, h, sizeof code);
        part p = PART_VALUE;
        char *dot = strrchr(code, '.');
        if (dot && strcmp(dot, ".numerator") == 0)
            p = PART_NUMERATOR, *dot = '\0';
        else if (dot && strcmp(dot, ".denominator") == 0)
            p = PART_DENOMINATOR, *dot = '\0';
        int kf = kf_find(code);
        if (kf < 0) {
            problem(im, 1, i + 1, h,
                    "ukendt kolonne '%s'; forventede en nøgletalskode (fx residents, turnover_rate) eventuelt "
                    "efterfulgt af .numerator eller .denominator, eller en kolonne 'key_figure' (lang form)",
                    h);
            ok = false;
            continue;
        }
        k->wide[i] = (wide_col){ kf, p };
        figures++;
    }
    if (ok && figures == 0) {
        problem(im, 1, 0, NULL,
                "ingen nøgletal i overskriftsrækken; forventede kolonnen 'key_figure' (lang form) "
                "eller en kolonne pr. nøgletalskode (bred form)");
        ok = false;
    }
    return ok;
}

/* SQLite's page cache is 2 MiB per connection by default; a large import
 * inserts at one place per key figure and year in kf_value's second index,
 * and once those pages no longer fit every row reads its page back from the
 * WAL (at national scale the write loop took twice as long). The import
 * raises the cache to IMPORT_CACHE_KIB and puts the old size back after. */
#define IMPORT_CACHE_KIB 32768

static bool import_cache_grow(db *d, int64_t *old)
{
    if (db_get_kind(d) != DB_SQLITE || !db_query_int64(d, "PRAGMA cache_size", old))
        return false;
    hh_error e;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", IMPORT_CACHE_KIB);
    return db_exec(d, sql, &e) == HH_OK;
}

static void import_cache_restore(db *d, bool set, int64_t old)
{
    if (!set)
        return;
    hh_error e;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", (long long)old);
    (void)db_exec(d, sql, &e);
}

hh_err import_keyfigures(db *d, table_reader *r, const char *file, const import_options *opt, arena *a,
                         import_report *rep, hh_error *e)
{
    importer im;
    init(&im, d, a, file, opt, rep);
    kf_import k;
    memset(&k, 0, sizeof k);
    k.im = &im;
    arena scratch;
    arena_init(&scratch);
    reg_scope scope;
    reg_scope_keyfigures(opt->as, &scratch, &scope);
    k.all_scope = scope.all;
    int64_t cache_pages = 0;
    bool cache_set = import_cache_grow(d, &cache_pages);
    hh_err rc = db_begin(d, e);
    if (rc) {
        import_cache_restore(d, cache_set, cache_pages);
        arena_free(&scratch);
        return rc;
    }
    if (!read_header(&im, r) || !setup_layout(&k))
        goto out;
    if ((rc = load_departments(d, &scratch, &scope, &k.depts, e)))
        goto out;
    db_stmt *st =
        db_prepare(d, arena_printf(&scratch, "SELECT a.id, a.code, CASE WHEN %s THEN 1 ELSE 0 END FROM housing_area a",
                                   scope.area));
    if (!st ||
        db_collect(st, &scratch, sizeof(area_entry), read_area_entry, (void **)&k.areas, &k.nareas) == DB_ERROR) {
        rc = db_fail(d, e, "read areas");
        goto out;
    }
    k.seen = xcalloc((k.depts.n * kf_count * NYEARS + 7) / 8 + 1, 1);
    k.seen_area = xcalloc((k.nareas * kf_count * NYEARS + 7) / 8 + 1, 1);
    put_sql(&k.put_dept, &scratch, PUT_HEAD("kf_value", "department_id"), PUT_TAIL("kf_value", "department_id"));
    put_sql(&k.put_area, &scratch, PUT_HEAD("kf_area_value", "area_id"), PUT_TAIL("kf_area_value", "area_id"));
    table_row row;
    hh_error re;
    int got;
    while ((got = table_next(r, &row, &re)) > 0) {
        rep->rows++;
        progress(&im, r, rep->rows);
        if ((rc = k.c_kf >= 0 ? long_row(&k, &row, e) : wide_row(&k, &row, e)))
            goto out;
    }
    if ((rc = put_flush(&k, &k.put_dept, e)) || (rc = put_flush(&k, &k.put_area, e)))
        goto out;
    if (got < 0)
        reader_problem(&im, re.msg);
    else if (rep->rows == 0 && total_problems(&im) == 0)
        problem(&im, 0, 0, NULL, "filen har ingen rækker under overskriftsrækken");
    progress_end(&im, r);
out:
    free(k.seen);
    free(k.seen_area);
    arena_free(&scratch);
    rc = finish(&im, rc, k.changed > 0, e);
    import_cache_restore(d, cache_set, cache_pages);
    return rc;
}

/* ---- area lists ---- */

/* The list readers stop at the first problem; their message names file,
 * row and column itself. */
static hh_err import_list_rows(db *d, table_reader *r, const char *file, const import_options *opt, arena *a,
                               import_report *rep, bool published, hh_error *e)
{
    importer im;
    init(&im, d, a, file, opt, rep);
    /* Who may is the kind's rule (import_kinds), whoever calls. */
    if (!import_kind_allowed(import_kind_find(published ? "list-status" : "lists"), opt->as)) {
        problem(&im, 0, 0, NULL, "kun administratorer og nationale brugere kan indlæse områdelister");
        return HH_ERR_INPUT;
    }
    hh_err rc = db_begin(d, e);
    if (rc)
        return rc;
    list_input *rows = NULL;
    list_status_row *status = NULL;
    size_t n = 0;
    hh_error re;
    hh_err got = published ? list_read_history(r, &status, &n, &re) : list_read_input(r, &rows, &n, &re);
    describe_source(&im, r);
    if (got) {
        reader_problem(&im, re.msg);
    } else if (n == 0) {
        problem(&im, 0, 0, NULL, "filen har ingen rækker under overskriftsrækken");
    } else {
        rep->rows = n;
        for (size_t i = 0; i < n && !rc; i++) {
            list_origin o = { file, published ? 0 : rows[i].row };
            bool changed;
            if (published)
                rc = lists_put_published(d, &status[i], &o, &changed, e);
            else
                rc = lists_put_value(d, &rows[i], &o, &changed, e);
            if (changed)
                rep->created++;
            else
                rep->unchanged++;
        }
    }
    free(rows);
    free(status);
    return finish(&im, rc, false, e);
}

hh_err import_lists(db *d, table_reader *r, const char *file, const import_options *opt, arena *a, import_report *rep,
                    hh_error *e)
{
    return import_list_rows(d, r, file, opt, a, rep, false, e);
}

hh_err import_list_status(db *d, table_reader *r, const char *file, const import_options *opt, arena *a,
                          import_report *rep, hh_error *e)
{
    return import_list_rows(d, r, file, opt, a, rep, true, e);
}

/* ---- the kinds ---- */

#define IMPORTERS \
    (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_NATIONAL) | ROLE_BIT(ROLE_ORGANISATION) | ROLE_BIT(ROLE_MUNICIPALITY))

const import_kind import_kinds[] = {
    { "registry", "Register: boligorganisationer og afdelinger", "register",
      "Én række pr. afdeling med kolonnerne <code>org_no</code>, <code>org_name</code>, <code>cvr</code>, "
      "<code>department_no</code>, <code>department_name</code>, <code>address</code>, "
      "<code>municipality_code</code>, <code>dwellings</code> og <code>build_year</code>.",
      "import.registry", IMPORTERS, COUNT_REGISTRY, import_registry },
    { "keyfigures", "Nøgletal", "nøgletal",
      "Lang form: <code>org_no</code>, <code>department_no</code>, <code>year</code>, "
      "<code>key_figure</code> og enten <code>value</code> eller <code>numerator</code> + "
      "<code>denominator</code>. Bred form: én kolonne pr. <a href=\"/noegletal\">nøgletalskode</a>.",
      "import.keyfigures", IMPORTERS, COUNT_VALUES, import_keyfigures },
    { "lists", "Områdelister: kriterieværdier", "listeværdier",
      "Én række pr. boligområde og listeår med <code>area_code</code>, <code>year</code>, <code>residents</code>, "
      "<code>non_western_pct</code>, <code>outside_labour_pct</code>, <code>convicted_pct</code>, "
      "<code>national_convicted_pct</code>, <code>basic_education_pct</code> og <code>income_pct_of_region</code> "
      "(som offentliggjort eller fra <code>helhed lists compute</code>).",
      "import.lists", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_NATIONAL), COUNT_ROWS, import_lists },
    { "list-status", "Områdelister: offentliggjorte lister", "offentliggjorte lister",
      "Én række pr. boligområde og listeår med <code>area_code</code>, <code>year</code> og <code>categories</code> "
      "(fx <code>udsat|parallelsamfund</code>). Bruges som historik og går forud for beregnede status.",
      "import.list_status", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_NATIONAL), COUNT_ROWS, import_list_status },
};
const size_t import_nkinds = HH_ARRAY_LEN(import_kinds);

const import_kind *import_kind_find(const char *code)
{
    for (size_t i = 0; code && i < import_nkinds; i++)
        if (strcmp(import_kinds[i].code, code) == 0)
            return &import_kinds[i];
    return NULL;
}

bool import_kind_allowed(const import_kind *k, const principal *p)
{
    return !p || (p->roles & k->roles) != 0;
}

void import_summary_da(const import_kind *k, const import_report *rep, buf *out)
{
    switch (k->count) {
    case COUNT_REGISTRY:
        buf_printf(out, "%zu nye og %zu ændrede boligorganisationer; %zu nye, %zu ændrede og %zu uændrede afdelinger.",
                   rep->orgs_created, rep->orgs_updated, rep->created, rep->updated, rep->unchanged);
        break;
    case COUNT_VALUES:
        buf_printf(out, "%zu værdier er nye eller ændrede, %zu er uændrede.", rep->created, rep->unchanged);
        break;
    case COUNT_ROWS:
        buf_printf(out, "%zu rækker er nye eller ændrede, %zu er uændrede.", rep->created, rep->unchanged);
        break;
    }
}
