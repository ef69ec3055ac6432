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

/* ---- lists ---- */

/* Areas the department belongs to in the year, and the categories of the
 * official list (the latest published list year <= year) of each. */
static hh_err read_areas(db *d, arena *a, int64_t department_id, int year, const char **areas, const char **lists,
                         hh_error *e)
{
    char start[16], end[16];
    snprintf(start, sizeof start, "%04d-01-01", year);
    snprintf(end, sizeof end, "%04d-12-31", year);
    db_stmt *st = db_prepare(
        d, "SELECT a.name, (SELECT p.categories FROM list_published p WHERE p.area_code = a.code AND p.year <= ?"
           " ORDER BY p.year DESC LIMIT 1), (SELECT MAX(p.year) FROM list_published p WHERE p.area_code = a.code"
           " AND p.year <= ?) FROM area_member m JOIN housing_area a ON a.id = m.area_id"
           " WHERE m.department_id = ? AND m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to >= ?)"
           " GROUP BY a.id, a.name, a.code ORDER BY a.name");
    if (!st)
        return db_fail(d, e, "read the areas");
    db_bind_int64(st, 1, year);
    db_bind_int64(st, 2, year);
    db_bind_int64(st, 3, department_id);
    db_bind_text(st, 4, end);
    db_bind_text(st, 5, start);
    buf an, ln;
    buf_init(&an, 0);
    buf_init(&ln, 0);
    int r;
    while ((r = db_step(st)) == DB_ROW) {
        const char *name = db_col_text(st, 0);
        buf_printf(&an, "%s%s", an.len ? ", " : "", name);
        unsigned cats = 0;
        if (!db_col_null(st, 1) && list_cats_parse(db_col_text(st, 1), &cats, NULL) && cats) {
            buf_printf(&ln, "%s%s: ", ln.len ? "; " : "", name);
            bool first = true;
            for (int c = 0; c < CAT_COUNT; c++)
                if (cats & LIST_CAT_BIT(c)) {
                    buf_printf(&ln, "%s%s", first ? "" : ", ", list_cat_name_da[c]);
                    first = false;
                }
            buf_printf(&ln, " (%lld)", (long long)db_col_int64(st, 2));
        }
    }
    db_done(st);
    *areas = arena_strdup(a, an.len ? buf_cstr(&an) : "");
    *lists = arena_strdup(a, ln.len ? buf_cstr(&ln) : "");
    buf_free(&an);
    buf_free(&ln);
    return r == DB_ERROR ? db_fail(d, e, "read the areas") : HH_OK;
}

/* ---- the sheet ---- */

static hh_err read_plans(db *d, arena *a, int64_t department_id, const char **out, hh_error *e)
{
    db_stmt *st = db_prepare(d, "SELECT p.name FROM plan p WHERE p.id IN (SELECT pd.plan_id FROM plan_department pd"
                                " WHERE pd.department_id = ?) ORDER BY p.name");
    if (!st)
        return db_fail(d, e, "read the plans");
    db_bind_int64(st, 1, department_id);
    buf b;
    buf_init(&b, 0);
    int r;
    while ((r = db_step(st)) == DB_ROW)
        buf_printf(&b, "%s%s", b.len ? ", " : "", db_col_text(st, 0));
    db_done(st);
    *out = arena_strdup(a, b.len ? buf_cstr(&b) : "");
    buf_free(&b);
    return r == DB_ERROR ? db_fail(d, e, "read the plans") : HH_OK;
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
    out->dialogue_id = dialogue_id;
    out->dept = *dep;
    db_stmt *st = db_prepare(d, "SELECT address, build_year, dwellings_family, dwellings_elderly, dwellings_youth"
                                " FROM department WHERE id = ?");
    if (!st)
        return db_fail(d, e, "read the department");
    db_bind_int64(st, 1, department_id);
    int r = db_step(st);
    if (r == DB_ROW) {
        out->address = col_dup(st, a, 0);
        out->build_year = db_col_null(st, 1) ? 0 : (int)db_col_int64(st, 1);
        out->dwellings_family = db_col_int64(st, 2);
        out->dwellings_elderly = db_col_int64(st, 3);
        out->dwellings_youth = db_col_int64(st, 4);
    }
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the department");
    if (!out->address)
        out->address = "";
    if ((rc = read_areas(d, a, department_id, g.year, &out->areas, &out->lists, e)))
        return rc;
    if ((rc = read_plans(d, a, department_id, &out->plans, e)))
        return rc;
    int wy;
    if ((rc = dlg_warning_year(d, department_id, g.year, &wy, e)))
        return rc;
    if (wy) {
        rc = warn_status_get(d, a, WARN_DEPARTMENT, department_id, wy, &out->warning, e);
        if (rc && rc != HH_ERR_NOTFOUND)
            return rc;
        out->warning_found = rc == HH_OK;
        rc = HH_OK;
    }
    /* Answers. */
    for (int i = 0; i < DI_COUNT; i++) {
        out->answers[i].item = (dlg_item)i;
        out->answers[i].justification = out->answers[i].user_name = out->answers[i].updated_at = "";
    }
    st = db_prepare(d, "SELECT item, score, justification, user_name, updated_at FROM dialogue_answer"
                       " WHERE dialogue_id = ? AND department_id = ?");
    if (!st)
        return db_fail(d, e, "read the answers");
    db_bind_int64(st, 1, dialogue_id);
    db_bind_int64(st, 2, department_id);
    while ((r = db_step(st)) == DB_ROW) {
        int it = plan_enum_find(dlg_item_code, DI_COUNT, db_col_text(st, 0));
        if (it < 0)
            continue;
        dlg_answer *x = &out->answers[it];
        x->score = db_col_null(st, 1) ? 0 : (int)db_col_int64(st, 1);
        x->justification = col_dup(st, a, 2);
        x->user_name = col_dup(st, a, 3);
        x->updated_at = col_dup(st, a, 4);
    }
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the answers");
    /* Figures: the department's stored values, the municipality's and the
     * country's aggregates. */
    kf_row *dept = NULL, *mun = NULL, *dk = NULL;
    size_t ndept = 0, nmun = 0, ndk = 0;
    char idtext[24];
    snprintf(idtext, sizeof idtext, "%lld", (long long)department_id);
    if ((rc = kf_unit_series(d, LEVEL_DEPARTMENT, idtext, -1, a, &dept, &ndept, e)) ||
        (rc = kf_unit_series(d, LEVEL_MUNICIPALITY, g.municipality_code, -1, a, &mun, &nmun, e)) ||
        (rc = kf_unit_series(d, LEVEL_COUNTRY, "DK", -1, a, &dk, &ndk, e)))
        return rc;
    for (int i = 0; i < DI_COUNT; i++) {
        dlg_answer *x = &out->answers[i];
        size_t nf = 0;
        while (dlg_item_figures[i][nf])
            nf++;
        x->figures = arena_zalloc(a, (nf ? nf : 1) * sizeof(dlg_figure));
        for (size_t j = 0; j < nf; j++) {
            int kf = kf_find(dlg_item_figures[i][j]);
            if (kf < 0)
                continue;
            fill_figure(&x->figures[x->nfigures++], kf, g.year, dept, ndept, mun, nmun, dk, ndk, &out->warning,
                        out->warning_found, a);
        }
    }
    return HH_OK;
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
