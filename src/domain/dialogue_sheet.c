/* dialogue_sheet.c - the steering dialogue per department (dialogue.h): the
 * sheet prefilled from the key figures (exactly the stored values, in the
 * dialogue's year or the latest earlier year, suppressed as everywhere),
 * early warning and the official lists of its areas; the answers; and the
 * organisation's definitions of the four questions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/dialogue.h"
#include "domain/dialogue_impl.h"
#include "domain/lists.h"
#include "domain/plans_impl.h"

#define SERIES_YEARS 6

static char *col_dup(db_stmt *st, arena *a, int col)
{
    return arena_strdup(a, db_col_null(st, col) ? "" : db_col_text(st, col));
}

/* ---- figures ---- */

/* The row of figure kf with the latest year <= year whose value can be
 * shown (rows ordered by figure and year); NULL when none. */
static const kf_row *latest_row(const kf_row *rows, size_t n, int kf, int year)
{
    const kf_row *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (rows[i].kf == kf && rows[i].year <= year && !isnan(kf_result(&kf_catalogue[kf], &rows[i].parts)))
            best = &rows[i];
    return best;
}

static const kf_row *row_at(const kf_row *rows, size_t n, int kf, int year)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].kf == kf && rows[i].year == year)
            return &rows[i];
    return NULL;
}

/* A comparison value: NAN when missing or suppressed. */
static double shown(const kf_row *r)
{
    if (!r)
        return NAN;
    const key_figure *k = &kf_catalogue[r->kf];
    return kf_suppressed(k, &r->parts) ? NAN : kf_result(k, &r->parts);
}

static void fill_figure(dlg_figure *f, int kf, int year, const kf_row *dept, size_t ndept, const kf_row *mun,
                        size_t nmun, const kf_row *dk, size_t ndk, const warn_result *w, bool wfound, arena *a)
{
    const key_figure *k = &kf_catalogue[kf];
    memset(f, 0, sizeof *f);
    f->kf = kf;
    f->value = f->municipality_value = f->country_value = f->trend_z = NAN;
    const kf_row *r = latest_row(dept, ndept, kf, year);
    if (r) {
        f->year = r->year;
        f->suppressed = kf_suppressed(k, &r->parts);
        f->value = kf_result(k, &r->parts);
        /* Amounts are totals: a municipality's or the country's sum is no
         * comparison for one department, so amounts get none. */
        if (k->kind != KF_AMOUNT) {
            f->municipality_value = shown(row_at(mun, nmun, kf, r->year));
            f->country_value = shown(row_at(dk, ndk, kf, r->year));
        }
    }
    int last = r ? r->year : year;
    f->nseries = SERIES_YEARS;
    f->series_years = arena_alloc(a, SERIES_YEARS * sizeof(int));
    f->series = arena_alloc(a, SERIES_YEARS * sizeof(double));
    for (int i = 0; i < SERIES_YEARS; i++) {
        int y = last - (SERIES_YEARS - 1) + i;
        f->series_years[i] = y;
        const kf_row *s = row_at(dept, ndept, kf, y);
        f->series[i] = s && !kf_suppressed(k, &s->parts) ? kf_result(k, &s->parts) : NAN;
    }
    if (wfound)
        for (size_t i = 0; i < w->nfigures; i++)
            if (w->figures[i].kf == kf)
                f->trend_z = w->figures[i].trend_z;
}

/* ---- the sheets ---- */

/* "id1, id2, ..." of the departments (integers: safe as SQL literals). */
static const char *id_list(arena *a, const dlg_department *deps, size_t n)
{
    buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < n; i++)
        buf_printf(&b, "%s%lld", i ? ", " : "", (long long)deps[i].id);
    const char *s = arena_strdup(a, b.len ? buf_cstr(&b) : "0");
    buf_free(&b);
    return s;
}

static dlg_sheet *sheet_of(dlg_sheet *out, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (out[i].dept.id == id)
            return &out[i];
    return NULL;
}

/* Areas each department belongs to in the year, and the categories of the
 * official list (the latest published list year <= year) of each. */
static hh_err read_areas(db *d, arena *a, const char *ids, int year, dlg_sheet *out, size_t n, hh_error *e)
{
    char start[16], end[16];
    snprintf(start, sizeof start, "%04d-01-01", year);
    snprintf(end, sizeof end, "%04d-12-31", year);
    char *sql = arena_printf(
        a,
        "SELECT m.department_id, a.name, (SELECT p.categories FROM list_published p WHERE p.area_code = a.code AND"
        " p.year <= ? ORDER BY p.year DESC LIMIT 1), (SELECT MAX(p.year) FROM list_published p WHERE p.area_code ="
        " a.code AND p.year <= ?) FROM area_member m JOIN housing_area a ON a.id = m.area_id"
        " WHERE m.department_id IN (%s) AND m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to >= ?)"
        " GROUP BY m.department_id, a.id, a.name, a.code ORDER BY m.department_id, a.name",
        ids);
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read the areas");
    db_bind_int64(st, 1, year);
    db_bind_int64(st, 2, year);
    db_bind_text(st, 3, end);
    db_bind_text(st, 4, start);
    buf *an = arena_zalloc(a, (n ? n : 1) * sizeof(buf)), *ln = arena_zalloc(a, (n ? n : 1) * sizeof(buf));
    for (size_t i = 0; i < n; i++) {
        buf_init(&an[i], 0);
        buf_init(&ln[i], 0);
    }
    int r;
    while ((r = db_step(st)) == DB_ROW) {
        dlg_sheet *s = sheet_of(out, n, db_col_int64(st, 0));
        if (!s)
            continue;
        size_t k = (size_t)(s - out);
        const char *name = db_col_text(st, 1);
        buf_printf(&an[k], "%s%s", an[k].len ? ", " : "", name);
        unsigned cats = 0;
        if (!db_col_null(st, 2) && list_cats_parse(db_col_text(st, 2), &cats, NULL) && cats) {
            buf_printf(&ln[k], "%s%s: ", ln[k].len ? "; " : "", name);
            bool first = true;
            for (int c = 0; c < CAT_COUNT; c++)
                if (cats & LIST_CAT_BIT(c)) {
                    buf_printf(&ln[k], "%s%s", first ? "" : ", ", list_cat_name_da[c]);
                    first = false;
                }
            buf_printf(&ln[k], " (%lld)", (long long)db_col_int64(st, 3));
        }
    }
    db_done(st);
    for (size_t i = 0; i < n; i++) {
        out[i].areas = arena_strdup(a, an[i].len ? buf_cstr(&an[i]) : "");
        out[i].lists = arena_strdup(a, ln[i].len ? buf_cstr(&ln[i]) : "");
        buf_free(&an[i]);
        buf_free(&ln[i]);
    }
    return r == DB_ERROR ? db_fail(d, e, "read the areas") : HH_OK;
}

static hh_err read_plans(db *d, arena *a, const char *ids, dlg_sheet *out, size_t n, hh_error *e)
{
    db_stmt *st = db_prepare(d, arena_printf(a,
                                             "SELECT pd.department_id, p.name FROM plan p JOIN plan_department pd"
                                             " ON pd.plan_id = p.id WHERE pd.department_id IN (%s) ORDER BY p.name",
                                             ids));
    if (!st)
        return db_fail(d, e, "read the plans");
    buf *b = arena_zalloc(a, (n ? n : 1) * sizeof(buf));
    for (size_t i = 0; i < n; i++)
        buf_init(&b[i], 0);
    int r;
    while ((r = db_step(st)) == DB_ROW) {
        dlg_sheet *s = sheet_of(out, n, db_col_int64(st, 0));
        if (s) {
            buf *x = &b[s - out];
            buf_printf(x, "%s%s", x->len ? ", " : "", db_col_text(st, 1));
        }
    }
    db_done(st);
    for (size_t i = 0; i < n; i++) {
        out[i].plans = arena_strdup(a, b[i].len ? buf_cstr(&b[i]) : "");
        buf_free(&b[i]);
    }
    return r == DB_ERROR ? db_fail(d, e, "read the plans") : HH_OK;
}

/* Fills the sheets of n departments of dialogue g (read with dlg_get, so
 * p's scope is checked) in a number of queries independent of n. */
static hh_err fill_sheets(db *d, arena *a, const dialogue *g, const dlg_department *deps, size_t n, dlg_sheet *out,
                          hh_error *e)
{
    hh_err rc;
    int r;
    for (size_t i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        out[i].dialogue_id = g->id;
        out[i].dept = deps[i];
        out[i].address = "";
        for (int it = 0; it < DI_COUNT; it++) {
            out[i].answers[it].item = (dlg_item)it;
            out[i].answers[it].justification = out[i].answers[it].user_name = out[i].answers[it].updated_at = "";
        }
    }
    if (!n)
        return HH_OK;
    const char *ids = id_list(a, deps, n);
    const char **codes = arena_zalloc(a, n * sizeof(char *));
    db_stmt *st = db_prepare(d, arena_printf(a,
                                             "SELECT id, address, build_year, dwellings_family, dwellings_elderly,"
                                             " dwellings_youth, CAST(org_no AS TEXT) || '-' ||"
                                             " CAST(department_no AS TEXT) FROM department WHERE id IN (%s)",
                                             ids));
    if (!st)
        return db_fail(d, e, "read the department");
    while ((r = db_step(st)) == DB_ROW) {
        dlg_sheet *s = sheet_of(out, n, db_col_int64(st, 0));
        if (!s)
            continue;
        s->address = col_dup(st, a, 1);
        s->build_year = db_col_null(st, 2) ? 0 : (int)db_col_int64(st, 2);
        s->dwellings_family = db_col_int64(st, 3);
        s->dwellings_elderly = db_col_int64(st, 4);
        s->dwellings_youth = db_col_int64(st, 5);
        codes[s - out] = col_dup(st, a, 6);
    }
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the department");
    if ((rc = read_areas(d, a, ids, g->year, out, n, e)) || (rc = read_plans(d, a, ids, out, n, e)))
        return rc;
    int64_t *idv = arena_alloc(a, n * sizeof(int64_t));
    warn_result *w = arena_alloc(a, n * sizeof(warn_result));
    bool *wf = arena_alloc(a, n * sizeof(bool));
    for (size_t i = 0; i < n; i++)
        idv[i] = deps[i].id;
    if ((rc = warn_status_latest_many(d, a, WARN_DEPARTMENT, idv, n, g->year, w, wf, e)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        out[i].warning = w[i];
        out[i].warning_found = wf[i];
    }
    /* Answers. */
    st = db_prepare(d, arena_printf(a,
                                    "SELECT department_id, item, score, justification, user_name, updated_at FROM"
                                    " dialogue_answer WHERE dialogue_id = ? AND department_id IN (%s)",
                                    ids));
    if (!st)
        return db_fail(d, e, "read the answers");
    db_bind_int64(st, 1, g->id);
    while ((r = db_step(st)) == DB_ROW) {
        dlg_sheet *s = sheet_of(out, n, db_col_int64(st, 0));
        int it = plan_enum_find(dlg_item_code, DI_COUNT, db_col_text(st, 1));
        if (!s || it < 0)
            continue;
        dlg_answer *x = &s->answers[it];
        x->score = db_col_null(st, 2) ? 0 : (int)db_col_int64(st, 2);
        x->justification = col_dup(st, a, 3);
        x->user_name = col_dup(st, a, 4);
        x->updated_at = col_dup(st, a, 5);
    }
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the answers");
    /* Figures: the departments' stored values (one query, rows of one
     * department adjacent, by figure and year), the municipality's and the
     * country's aggregates (once). */
    kf_row *dept = NULL, *mun = NULL, *dk = NULL;
    size_t ndept = 0, nmun = 0, ndk = 0;
    if ((rc = kf_level_rows(d, LEVEL_DEPARTMENT, 0, -1, arena_printf(a, "v.department_id IN (%s)", ids), a, &dept,
                            &ndept, e)) ||
        (rc = kf_unit_series(d, LEVEL_MUNICIPALITY, g->municipality_code, -1, a, &mun, &nmun, e)) ||
        (rc = kf_unit_series(d, LEVEL_COUNTRY, "DK", -1, a, &dk, &ndk, e)))
        return rc;
    for (size_t s = 0; s < n; s++) {
        size_t from = 0, cnt = 0;
        for (size_t i = 0; i < ndept && codes[s]; i++)
            if (strcmp(dept[i].code, codes[s]) == 0) {
                if (!cnt)
                    from = i;
                cnt++;
            }
        for (int i = 0; i < DI_COUNT; i++) {
            dlg_answer *x = &out[s].answers[i];
            size_t nf = 0;
            while (dlg_item_figures[i][nf])
                nf++;
            x->figures = arena_zalloc(a, (nf ? nf : 1) * sizeof(dlg_figure));
            for (size_t j = 0; j < nf; j++) {
                int kf = kf_find(dlg_item_figures[i][j]);
                if (kf < 0)
                    continue;
                fill_figure(&x->figures[x->nfigures++], kf, g->year, dept + from, cnt, mun, nmun, dk, ndk,
                            &out[s].warning, out[s].warning_found, a);
            }
        }
    }
    return HH_OK;
}

hh_err dlg_sheets_fill(db *d, arena *a, const dialogue *g, dlg_sheet *out, hh_error *e)
{
    return fill_sheets(d, a, g, g->departments, g->ndepartments, out, e);
}

hh_err dlg_sheet_get(db *d, const principal *p, arena *a, int64_t dialogue_id, int64_t department_id, dlg_sheet *out,
                     hh_error *e)
{
    memset(out, 0, sizeof *out);
    dialogue g;
    hh_err rc = dlg_get(d, p, a, dialogue_id, &g, e);
    if (rc)
        return rc;
    const dlg_department *dep = NULL;
    for (size_t i = 0; i < g.ndepartments; i++)
        if (g.departments[i].id == department_id)
            dep = &g.departments[i];
    if (!dep)
        return hh_fail(e, HH_ERR_NOTFOUND, "department_id", "Afdelingen er ikke med i styringsdialogen");
    return fill_sheets(d, a, &g, dep, 1, out, e);
}

hh_err dlg_answer_put(db *d, const principal *p, int64_t dialogue_id, int64_t department_id, dlg_item item, int score,
                      const char *justification, hh_error *e)
{
    arena a;
    arena_init(&a);
    dialogue g;
    hh_err rc = dlg_head_editable(d, p, &a, dialogue_id, &g, e);
    if (!rc)
        rc = dlg_check_department(d, &g, department_id, e);
    const char *user = arena_strdup(&a, plan_user_name(p));
    if (rc) {
        arena_free(&a);
        return rc;
    }
    if ((int)item < 0 || item >= DI_COUNT) {
        arena_free(&a);
        return hh_fail(e, HH_ERR_INPUT, "item", "Ukendt kriterium eller spørgsmål");
    }
    if (score < 0 || score > DLG_SCALE_MAX) {
        arena_free(&a);
        return hh_fail(e, HH_ERR_INPUT, "score", "Vurderingen skal være 1-4 (eller tom)");
    }
    if (!justification)
        justification = "";
    if ((rc = dlg_text_check(justification, "justification", "Begrundelsen", DLG_TEXT_SHORT, e))) {
        arena_free(&a);
        return rc;
    }
    bool own;
    if ((rc = plan_tx_begin(d, &own, e))) {
        arena_free(&a);
        return rc;
    }
    char now[21];
    hh_utc_iso(now);
    db_stmt *st;
    if (score == 0 && !*justification) {
        st = db_prepare(d, "DELETE FROM dialogue_answer WHERE dialogue_id = ? AND department_id = ? AND item = ?");
        if (!st) {
            rc = db_fail(d, e, "save the answer");
        } else {
            db_bind_int64(st, 1, dialogue_id);
            db_bind_int64(st, 2, department_id);
            db_bind_text(st, 3, dlg_item_code[item]);
        }
    } else {
        st = db_prepare(d, "INSERT INTO dialogue_answer (dialogue_id, department_id, item, score, justification,"
                           " user_name, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dialogue_id,"
                           " department_id, item) DO UPDATE SET score = excluded.score, justification ="
                           " excluded.justification, user_name = excluded.user_name, updated_at = excluded.updated_at");
        if (!st) {
            rc = db_fail(d, e, "save the answer");
        } else {
            db_bind_int64(st, 1, dialogue_id);
            db_bind_int64(st, 2, department_id);
            db_bind_text(st, 3, dlg_item_code[item]);
            if (score)
                db_bind_int64(st, 4, score);
            else
                db_bind_null(st, 4);
            db_bind_text(st, 5, justification);
            db_bind_text(st, 6, user);
            db_bind_text(st, 7, now);
        }
    }
    if (!rc) {
        int r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            rc = db_fail(d, e, "save the answer");
    }
    if (!rc)
        rc = dlg_touch_in(d, dialogue_id, g.state, e);
    arena_free(&a);
    return plan_tx_end(d, own, rc, e);
}

/* ---- definitions ---- */

/* NOTFOUND unless p may read something of the organisation (an organisation
 * or municipality user where it has departments, admin, national). */
static hh_err org_readable(db *d, const principal *p, arena *a, int64_t org_no, hh_error *e)
{
    char *sql = arena_printf(a,
                             "SELECT 1 FROM organisation o WHERE o.org_no = ? AND (o.org_no IN (SELECT d.org_no"
                             " FROM department d WHERE %s) OR %s)",
                             dlg_scope_sql(p, a, "d"),
                             p && !principal_has_role(p, ROLE_ADMIN) && !principal_has_role(p, ROLE_NATIONAL)
                                 ? dlg_scope_sql(p, a, "o")
                                 : "1 = 1");
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read the organisation");
    db_bind_int64(st, 1, org_no);
    int r = db_step(st);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the organisation");
    return r == DB_ROW ? HH_OK : hh_fail(e, HH_ERR_NOTFOUND, "org_no", "Boligorganisationen findes ikke");
}

hh_err dlg_definitions(db *d, const principal *p, arena *a, int64_t org_no, int year, dlg_definition out[DLG_QUESTIONS],
                       hh_error *e)
{
    for (int q = 0; q < DLG_QUESTIONS; q++)
        out[q] = (dlg_definition){ q, 0, "", "", "" };
    hh_err rc = org_readable(d, p, a, org_no, e);
    if (rc)
        return rc;
    db_stmt *st = db_prepare(d, "SELECT question, year_from, text, user_name, updated_at FROM org_definition"
                                " WHERE org_no = ? AND year_from <= ? ORDER BY question, year_from");
    if (!st)
        return db_fail(d, e, "read the definitions");
    db_bind_int64(st, 1, org_no);
    db_bind_int64(st, 2, year);
    int r;
    while ((r = db_step(st)) == DB_ROW) {
        int it = plan_enum_find(dlg_item_code, DI_COUNT, db_col_text(st, 0));
        if (it < (int)DLG_FIRST_QUESTION)
            continue;
        dlg_definition *x = &out[it - DLG_FIRST_QUESTION];
        x->year_from = (int)db_col_int64(st, 1); /* ascending: the last one wins */
        x->text = col_dup(st, a, 2);
        x->user_name = col_dup(st, a, 3);
        x->updated_at = col_dup(st, a, 4);
    }
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "read the definitions") : HH_OK;
}

hh_err dlg_definition_put(db *d, const principal *p, int64_t org_no, int question, int year_from, const char *text,
                          hh_error *e)
{
    arena a;
    arena_init(&a);
    hh_err rc = org_readable(d, p, &a, org_no, e);
    arena_free(&a);
    if (rc)
        return rc;
    if (!dlg_pair_side(p, org_no, NULL, SIDE_ORGANISATION))
        return hh_fail(e, HH_ERR_FORBIDDEN, NULL, "Kun boligorganisationen kan fastlægge sine definitioner");
    if (question < 0 || question >= DLG_QUESTIONS)
        return hh_fail(e, HH_ERR_INPUT, "question", "Ukendt spørgsmål");
    if (year_from < 2000 || year_from > 2100)
        return hh_fail(e, HH_ERR_INPUT, "year_from", "Året skal ligge mellem 2000 og 2100");
    if ((rc = dlg_text_check(text, "text", "Definitionen", DLG_TEXT_SHORT, e)))
        return rc;
    bool empty = !text;
    if (text) {
        empty = true;
        for (const char *s = text; *s && empty; s++)
            empty = *s == ' ' || *s == '\n' || *s == '\r' || *s == '\t';
    }
    const char *q = dlg_item_code[DLG_FIRST_QUESTION + question];
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    char now[21];
    hh_utc_iso(now);
    db_stmt *st;
    if (empty) {
        st = db_prepare(d, "DELETE FROM org_definition WHERE org_no = ? AND question = ? AND year_from = ?");
        if (st) {
            db_bind_int64(st, 1, org_no);
            db_bind_text(st, 2, q);
            db_bind_int64(st, 3, year_from);
        }
    } else {
        st = db_prepare(d, "INSERT INTO org_definition (org_no, question, year_from, text, user_name, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_no, question, year_from) DO UPDATE SET"
                           " text = excluded.text, user_name = excluded.user_name, updated_at = excluded.updated_at");
        if (st) {
            db_bind_int64(st, 1, org_no);
            db_bind_text(st, 2, q);
            db_bind_int64(st, 3, year_from);
            db_bind_text(st, 4, text);
            db_bind_text(st, 5, plan_user_name(p));
            db_bind_text(st, 6, now);
        }
    }
    if (!st) {
        rc = db_fail(d, e, "save the definition");
    } else {
        int r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            rc = db_fail(d, e, "save the definition");
    }
    if (!rc)
        rc = plan_bump_group(d, "dialogue", e);
    return plan_tx_end(d, own, rc, e);
}
