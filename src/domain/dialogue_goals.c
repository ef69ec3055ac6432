/* dialogue_goals.c - goals for the coming year and their follow-up in the
 * next year's dialogue (dialogue.h, 003:L1404-1406), and the public data
 * sheets of published dialogues. Organisation goals are measured on the
 * dialogue's departments together: their parts summed as kf_agg sums them,
 * never an average of percentages. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/dialogue.h"
#include "domain/dialogue_impl.h"
#include "domain/plans_impl.h"

static char *col_dup(db_stmt *st, arena *a, int col)
{
    return arena_strdup(a, db_col_null(st, col) ? "" : db_col_text(st, col));
}

static double col_num(db_stmt *st, int col)
{
    return db_col_null(st, col) ? NAN : db_col_double(st, col);
}

/* ---- values of a department or the organisation in the municipality ---- */

hh_err dlg_org_parts(db *d, int64_t org_no, const char *municipality_code, int kf, int year, kf_parts *out, hh_error *e)
{
    *out = (kf_parts){ NAN, NAN, NAN, NAN, 0 };
    db_stmt *st = db_prepare(d, "SELECT SUM(v.numerator), SUM(v.denominator), SUM(v.value),"
                                " SUM(v.value * v.denominator), COUNT(*) FROM kf_value v"
                                " JOIN department d ON d.id = v.department_id WHERE d.org_no = ?"
                                " AND d.municipality_code = ? AND v.key_figure_id = ? AND v.year = ?");
    if (!st)
        return db_fail(d, e, "read key figures");
    db_bind_int64(st, 1, org_no);
    db_bind_text(st, 2, municipality_code);
    db_bind_int64(st, 3, kf_db_id(kf));
    db_bind_int64(st, 4, year);
    int r = db_step(st);
    if (r == DB_ROW) {
        out->numerator = col_num(st, 0);
        out->denominator = col_num(st, 1);
        out->value = col_num(st, 2);
        out->weighted = col_num(st, 3);
        out->units = db_col_int64(st, 4);
    }
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "read key figures") : HH_OK;
}

/* The value of figure kf for a department (department_id > 0) or the
 * organisation's departments in the municipality, in `year` (exact) or the
 * latest year <= year with a value (!exact). *vyear 0 when none. */
static hh_err unit_value(db *d, const dialogue *g, int64_t department_id, int kf, int year, bool exact, int *vyear,
                         double *value, bool *suppressed, hh_error *e)
{
    *vyear = 0;
    *value = NAN;
    *suppressed = false;
    const key_figure *k = &kf_catalogue[kf];
    db_stmt *st;
    if (department_id)
        st = db_prepare(d, "SELECT DISTINCT v.year FROM kf_value v WHERE v.department_id = ? AND v.key_figure_id = ?"
                           " AND v.year <= ? ORDER BY v.year DESC");
    else
        st = db_prepare(d, "SELECT DISTINCT v.year FROM kf_value v JOIN department d ON d.id = v.department_id"
                           " WHERE d.org_no = ? AND d.municipality_code = ? AND v.key_figure_id = ? AND v.year <= ?"
                           " ORDER BY v.year DESC");
    if (!st)
        return db_fail(d, e, "read key figures");
    int k_ = 1;
    if (department_id) {
        db_bind_int64(st, k_++, department_id);
    } else {
        db_bind_int64(st, k_++, g->org_no);
        db_bind_text(st, k_++, g->municipality_code);
    }
    db_bind_int64(st, k_++, kf_db_id(kf));
    db_bind_int64(st, k_, year);
    int years[64];
    size_t ny = 0;
    int r;
    while ((r = db_step(st)) == DB_ROW)
        if (ny < HH_ARRAY_LEN(years))
            years[ny++] = (int)db_col_int64(st, 0);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read key figures");
    for (size_t i = 0; i < ny; i++) {
        if (exact && years[i] != year)
            continue;
        kf_parts parts;
        if (department_id) {
            st = db_prepare(d, "SELECT numerator, denominator, value FROM kf_value WHERE department_id = ? AND"
                               " key_figure_id = ? AND year = ?");
            if (!st)
                return db_fail(d, e, "read key figures");
            db_bind_int64(st, 1, department_id);
            db_bind_int64(st, 2, kf_db_id(kf));
            db_bind_int64(st, 3, years[i]);
            parts = (kf_parts){ NAN, NAN, NAN, NAN, 0 };
            r = db_step(st);
            if (r == DB_ROW) {
                parts.numerator = col_num(st, 0);
                parts.denominator = col_num(st, 1);
                parts.value = col_num(st, 2);
                parts.weighted = isnan(parts.value) || isnan(parts.denominator) ? NAN : parts.value * parts.denominator;
                parts.units = 1;
            }
            db_done(st);
            if (r == DB_ERROR)
                return db_fail(d, e, "read key figures");
        } else {
            hh_err rc = dlg_org_parts(d, g->org_no, g->municipality_code, kf, years[i], &parts, e);
            if (rc)
                return rc;
        }
        double v = kf_result(k, &parts);
        if (isnan(v))
            continue;
        *vyear = years[i];
        *value = v;
        *suppressed = kf_suppressed(k, &parts);
        return HH_OK;
    }
    return HH_OK;
}

/* ---- goals ---- */

static bool read_goal(db_stmt *st, arena *a, void *elem)
{
    dlg_goal *x = elem;
    x->id = db_col_int64(st, 0);
    x->dialogue_id = db_col_int64(st, 1);
    x->department_id = db_col_null(st, 2) ? 0 : db_col_int64(st, 2);
    x->department_key = col_dup(st, a, 3);
    x->department_name = col_dup(st, a, 4);
    x->title = col_dup(st, a, 5);
    x->kf = db_col_null(st, 6) ? -1 : kf_find(db_col_text(st, 6));
    x->baseline_year = db_col_null(st, 7) ? 0 : (int)db_col_int64(st, 7);
    x->baseline_value = col_num(st, 8);
    x->target_value = col_num(st, 9);
    x->target_year = (int)db_col_int64(st, 10);
    x->follow_up = col_dup(st, a, 11);
    return true;
}

static hh_err read_goals(db *d, arena *a, int64_t dialogue_id, dlg_goal **out, size_t *n, hh_error *e)
{
    return plan_collect(d, a,
                        "SELECT g.id, g.dialogue_id, g.department_id, CASE WHEN d.id IS NULL THEN '' ELSE"
                        " CAST(d.org_no AS TEXT) || '-' || CAST(d.department_no AS TEXT) END, d.name, g.title,"
                        " g.key_figure, g.baseline_year, g.baseline_value, g.target_value, g.target_year,"
                        " g.follow_up FROM dialogue_goal g LEFT JOIN department d ON d.id = g.department_id"
                        " WHERE g.dialogue_id = ? ORDER BY g.id",
                        dialogue_id, sizeof(dlg_goal), read_goal, (void **)out, n, "read the goals", e);
}

hh_err dlg_goals(db *d, const principal *p, arena *a, int64_t dialogue_id, dlg_goal **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    dialogue g;
    hh_err rc = dlg_head(d, p, a, dialogue_id, &g, e);
    if (rc)
        return rc;
    return read_goals(d, a, dialogue_id, out, n, e);
}

/* The editable dialogue of the next year of the same pair, for a follow-up
 * by its organisation side. */
static hh_err next_year_editable(db *d, const principal *p, arena *a, const dialogue *g, bool *out, hh_error *e)
{
    *out = false;
    db_stmt *st = db_prepare(d, "SELECT id FROM dialogue WHERE org_no = ? AND municipality_code = ? AND year = ?");
    if (!st)
        return db_fail(d, e, "read next year's dialogue");
    db_bind_int64(st, 1, g->org_no);
    db_bind_text(st, 2, g->municipality_code);
    db_bind_int64(st, 3, g->year + 1);
    int64_t id = 0;
    int r = db_step(st);
    if (r == DB_ROW)
        id = db_col_int64(st, 0);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read next year's dialogue");
    if (!id)
        return HH_OK;
    dialogue next;
    hh_err rc = dlg_head(d, p, a, id, &next, e);
    if (rc == HH_ERR_NOTFOUND)
        return HH_OK;
    if (rc)
        return rc;
    *out = dlg_may_edit(p, &next);
    return HH_OK;
}

/* What p may do with the goals of g: *level 2 = write, 1 = only the
 * follow-up texts (next year's organisation side); fails otherwise. */
static hh_err goal_access(db *d, const principal *p, arena *a, const dialogue *g, int *level, hh_error *e)
{
    *level = 0;
    bool org = dlg_is_side(p, g, SIDE_ORGANISATION), mun = dlg_is_side(p, g, SIDE_MUNICIPALITY);
    bool next = false;
    hh_err rc;
    if ((org && (g->state == DS_PREPARING || g->state == DS_RETURNED)) || (mun && g->state == DS_SUBMITTED))
        *level = 2;
    else if (org && (rc = next_year_editable(d, p, a, g, &next, e)))
        return rc;
    else if (next)
        *level = 1;
    else if (!org && !mun)
        return hh_fail(e, HH_ERR_FORBIDDEN, NULL, "Kun boligorganisationen og kommunen kan ændre målene");
    else
        return dlg_fail(e, "dialogue_locked", "state", "styringsdialogen er %s", dlg_state_label[g->state]);
    return HH_OK;
}

static hh_err save_follow_up(db *d, int64_t dialogue_id, int64_t goal_id, const char *text, hh_error *e)
{
    db_stmt *st = db_prepare(d, "UPDATE dialogue_goal SET follow_up = ? WHERE id = ? AND dialogue_id = ?");
    if (!st)
        return db_fail(d, e, "save the follow-up");
    db_bind_text(st, 1, text ? text : "");
    db_bind_int64(st, 2, goal_id);
    db_bind_int64(st, 3, dialogue_id);
    return plan_run_changed(d, st, "save the follow-up", "Målet findes ikke", e);
}

hh_err dlg_goal_put(db *d, const principal *p, arena *a, dlg_goal *g, hh_error *e)
{
    dialogue dl;
    hh_err rc = dlg_head(d, p, a, g->dialogue_id, &dl, e);
    if (rc)
        return rc;
    int access;
    if ((rc = goal_access(d, p, a, &dl, &access, e)))
        return rc;
    if ((rc = dlg_text_check(g->title, "title", "Titlen", DLG_TEXT_TITLE, e)) ||
        (rc = dlg_text_check(g->follow_up, "follow_up", "Opfølgningen", DLG_TEXT_SHORT, e)))
        return rc;
    bool own;
    if (access == 1) {
        if (!g->id)
            return dlg_fail(e, "dialogue_locked", "state", "styringsdialogen er %s", dlg_state_label[dl.state]);
        if ((rc = plan_tx_begin(d, &own, e)))
            return rc;
        rc = save_follow_up(d, g->dialogue_id, g->id, g->follow_up, e);
        if (!rc)
            rc = dlg_touch(d, g->dialogue_id, e);
        return plan_tx_end(d, own, rc, e);
    }
    /* Validation. */
    const char *title = g->title ? g->title : "";
    bool blank = true;
    for (const char *c = title; *c && blank; c++)
        blank = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r';
    if (blank)
        return hh_fail(e, HH_ERR_INPUT, "title", "Skriv en titel på målet");
    if (g->kf >= (int)kf_count)
        return hh_fail(e, HH_ERR_INPUT, "kf", "Ukendt nøgletal");
    if (g->kf < 0) {
        g->kf = -1;
        g->target_value = NAN;
        g->baseline_value = NAN;
        g->baseline_year = 0;
    } else if (isnan(g->target_value) || isinf(g->target_value)) {
        return hh_fail(e, HH_ERR_INPUT, "target_value", "Angiv en målværdi for nøgletallet");
    }
    if (g->target_year == 0)
        g->target_year = dl.year + 1;
    if (g->target_year <= dl.year || g->target_year > 2100)
        return dlg_fail(e, "goal_target_year", "target_year", "målåret %d ligger ikke efter %d", g->target_year,
                        dl.year);
    if (g->department_id && (rc = dlg_check_department(d, &dl, g->department_id, e)))
        return rc;
    if (g->baseline_year && (g->baseline_year < 2000 || g->baseline_year > dl.year))
        return hh_fail(e, HH_ERR_INPUT, "baseline_year", "Udgangsåret skal ligge mellem 2000 og %d", dl.year);
    /* The baseline from the series when not given. */
    if (g->kf >= 0 && isnan(g->baseline_value)) {
        int vy;
        double v;
        bool sup;
        if ((rc = unit_value(d, &dl, g->department_id, g->kf, g->baseline_year ? g->baseline_year : dl.year,
                             g->baseline_year != 0, &vy, &v, &sup, e)))
            return rc;
        if (vy) {
            g->baseline_year = vy;
            g->baseline_value = v;
        }
    }
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st;
    if (g->id)
        st = db_prepare(d, "UPDATE dialogue_goal SET department_id = ?, title = ?, key_figure = ?, baseline_year = ?,"
                           " baseline_value = ?, target_value = ?, target_year = ?, follow_up = ?"
                           " WHERE id = ? AND dialogue_id = ?");
    else
        st = db_prepare(d, "INSERT INTO dialogue_goal (department_id, title, key_figure, baseline_year,"
                           " baseline_value, target_value, target_year, follow_up, dialogue_id)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st) {
        rc = db_fail(d, e, "save the goal");
    } else {
        if (g->department_id)
            db_bind_int64(st, 1, g->department_id);
        else
            db_bind_null(st, 1);
        db_bind_text(st, 2, title);
        if (g->kf >= 0)
            db_bind_text(st, 3, kf_catalogue[g->kf].code);
        else
            db_bind_null(st, 3);
        if (g->baseline_year)
            db_bind_int64(st, 4, g->baseline_year);
        else
            db_bind_null(st, 4);
        if (isnan(g->baseline_value))
            db_bind_null(st, 5);
        else
            db_bind_double(st, 5, g->baseline_value);
        if (g->kf >= 0)
            db_bind_double(st, 6, g->target_value);
        else
            db_bind_null(st, 6);
        db_bind_int64(st, 7, g->target_year);
        db_bind_text(st, 8, g->follow_up ? g->follow_up : "");
        db_bind_int64(st, 9, g->id ? g->id : g->dialogue_id);
        if (g->id) {
            db_bind_int64(st, 10, g->dialogue_id);
            rc = plan_run_changed(d, st, "save the goal", "Målet findes ikke", e);
        } else {
            rc = plan_run_insert(d, st, &g->id, "save the goal", e);
        }
    }
    if (!rc)
        rc = dlg_touch_in(d, g->dialogue_id, dl.state, e);
    return plan_tx_end(d, own, rc, e);
}

hh_err dlg_goal_delete(db *d, const principal *p, int64_t dialogue_id, int64_t goal_id, hh_error *e)
{
    arena a;
    arena_init(&a);
    dialogue dl;
    hh_err rc = dlg_head(d, p, &a, dialogue_id, &dl, e);
    int access = 0;
    if (!rc)
        rc = goal_access(d, p, &a, &dl, &access, e);
    arena_free(&a);
    if (rc)
        return rc;
    if (access != 2)
        return dlg_fail(e, "dialogue_locked", "state", "styringsdialogen er %s", dlg_state_label[dl.state]);
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st = db_prepare(d, "DELETE FROM dialogue_goal WHERE id = ? AND dialogue_id = ?");
    if (!st) {
        rc = db_fail(d, e, "delete the goal");
    } else {
        db_bind_int64(st, 1, goal_id);
        db_bind_int64(st, 2, dialogue_id);
        rc = plan_run_changed(d, st, "delete the goal", "Målet findes ikke", e);
    }
    if (!rc)
        rc = dlg_touch_in(d, dialogue_id, dl.state, e);
    return plan_tx_end(d, own, rc, e);
}

/* ---- follow-up ---- */

static dlg_goal_status judge(const key_figure *k, double actual, double target)
{
    switch (k->good) {
    case DIR_DOWN: return actual <= target ? DG_MET : DG_NOT_MET;
    case DIR_UP: return actual >= target ? DG_MET : DG_NOT_MET;
    default: return fabs(actual - target) <= 0.05 * fabs(target) ? DG_MET : DG_NOT_MET;
    }
}

hh_err dlg_followups(db *d, const principal *p, arena *a, int64_t dialogue_id, dlg_followup **out, size_t *n,
                     hh_error *e)
{
    *out = NULL;
    *n = 0;
    dialogue g;
    hh_err rc = dlg_head(d, p, a, dialogue_id, &g, e);
    if (rc)
        return rc;
    db_stmt *st = db_prepare(d, "SELECT id FROM dialogue WHERE org_no = ? AND municipality_code = ? AND year = ?");
    if (!st)
        return db_fail(d, e, "find last year's dialogue");
    db_bind_int64(st, 1, g.org_no);
    db_bind_text(st, 2, g.municipality_code);
    db_bind_int64(st, 3, g.year - 1);
    int64_t last = 0;
    int r = db_step(st);
    if (r == DB_ROW)
        last = db_col_int64(st, 0);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "find last year's dialogue");
    if (!last)
        return HH_OK;
    dlg_goal *goals;
    size_t ngoals;
    if ((rc = read_goals(d, a, last, &goals, &ngoals, e)))
        return rc;
    dlg_followup *res = arena_zalloc(a, (ngoals ? ngoals : 1) * sizeof *res);
    for (size_t i = 0; i < ngoals; i++) {
        dlg_followup *f = &res[i];
        f->goal = goals[i];
        f->actual = NAN;
        if (goals[i].kf < 0) {
            f->status = DG_NO_FIGURE;
            continue;
        }
        if ((rc = unit_value(d, &g, goals[i].department_id, goals[i].kf, goals[i].target_year, true, &f->actual_year,
                             &f->actual, &f->suppressed, e)))
            return rc;
        f->status = f->actual_year ? judge(&kf_catalogue[goals[i].kf], f->actual, goals[i].target_value) : DG_NO_DATA;
    }
    *out = res;
    *n = ngoals;
    return HH_OK;
}

/* ---- public data sheets ---- */

static bool read_published(db_stmt *st, arena *a, void *elem)
{
    dlg_summary *s = elem;
    s->id = db_col_int64(st, 0);
    s->org_no = db_col_int64(st, 1);
    s->org_name = col_dup(st, a, 2);
    s->municipality_code = col_dup(st, a, 3);
    s->municipality_name = col_dup(st, a, 4);
    s->year = (int)db_col_int64(st, 5);
    s->state = DS_PUBLISHED;
    s->updated_at = col_dup(st, a, 6);
    s->departments = db_col_int64(st, 7);
    s->deadline = "";
    return true;
}

hh_err dlg_published(db *d, arena *a, const char *municipality_code, int64_t org_no, dlg_summary **out, size_t *n,
                     hh_error *e)
{
    *out = NULL;
    *n = 0;
    const char *sql = arena_printf(
        a,
        "SELECT g.id, g.org_no, o.name, g.municipality_code, m.name, g.year, g.updated_at,"
        " (SELECT COUNT(*) FROM department d WHERE d.org_no = g.org_no AND d.municipality_code = g.municipality_code)"
        " FROM dialogue g JOIN organisation o ON o.org_no = g.org_no JOIN municipality m ON m.code ="
        " g.municipality_code WHERE g.state = 'published'%s%s ORDER BY g.year DESC, g.published_at DESC, g.id DESC",
        municipality_code && *municipality_code ? " AND g.municipality_code = ?" : "",
        org_no ? " AND g.org_no = ?" : "");
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "list the published dialogues");
    int k = 1;
    if (municipality_code && *municipality_code)
        db_bind_text(st, k++, municipality_code);
    if (org_no)
        db_bind_int64(st, k++, org_no);
    if (db_collect(st, a, sizeof(dlg_summary), read_published, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "list the published dialogues");
    return HH_OK;
}

typedef struct public_row {
    dlg_public_department dep;
    int64_t id;
} public_row;

static bool read_public_dept(db_stmt *st, arena *a, void *elem)
{
    public_row *row = elem;
    dlg_public_department *x = &row->dep;
    x->key = col_dup(st, a, 0);
    x->name = col_dup(st, a, 1);
    x->address = col_dup(st, a, 2);
    x->build_year = db_col_null(st, 3) ? 0 : (int)db_col_int64(st, 3);
    x->dwellings = db_col_int64(st, 4);
    row->id = db_col_int64(st, 5);
    return true;
}

hh_err dlg_public_get(db *d, arena *a, int64_t dialogue_id, dlg_public *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    dialogue g;
    hh_err rc = dlg_head(d, NULL, a, dialogue_id, &g, e);
    if (rc)
        return rc;
    if (g.state != DS_PUBLISHED)
        return hh_fail(e, HH_ERR_NOTFOUND, "id", "Styringsdialogen er ikke offentliggjort");
    out->org_name = g.org_name;
    out->municipality_name = g.municipality_name;
    out->year = g.year;
    out->meeting_date = g.meeting_date;
    out->published_at = g.published_at;
    db_stmt *st = db_prepare(d, "SELECT CAST(d.org_no AS TEXT) || '-' || CAST(d.department_no AS TEXT), d.name,"
                                " d.address, d.build_year, d.dwellings_family + d.dwellings_elderly +"
                                " d.dwellings_youth, d.id FROM department d WHERE d.org_no = ? AND"
                                " d.municipality_code = ? ORDER BY d.department_no");
    if (!st)
        return db_fail(d, e, "read the departments");
    db_bind_int64(st, 1, g.org_no);
    db_bind_text(st, 2, g.municipality_code);
    public_row *prow;
    size_t nrow;
    if (db_collect(st, a, sizeof(public_row), read_public_dept, (void **)&prow, &nrow) == DB_ERROR)
        return db_fail(d, e, "read the departments");
    out->departments = arena_zalloc(a, (nrow ? nrow : 1) * sizeof(dlg_public_department));
    out->ndepartments = nrow;
    size_t nf = 0;
    while (dlg_public_figures[nf])
        nf++;
    for (size_t i = 0; i < out->ndepartments; i++) {
        dlg_public_department *x = &out->departments[i];
        *x = prow[i].dep;
        int64_t id = prow[i].id;
        char idtext[24];
        snprintf(idtext, sizeof idtext, "%lld", (long long)id);
        kf_row *rows;
        size_t nrows;
        if ((rc = kf_unit_series(d, LEVEL_DEPARTMENT, idtext, -1, a, &rows, &nrows, e)))
            return rc;
        x->figures = arena_zalloc(a, (nf ? nf : 1) * sizeof(kf_row));
        x->nfigures = 0;
        for (size_t j = 0; j < nf; j++) {
            int kf = kf_find(dlg_public_figures[j]);
            if (kf < 0)
                continue;
            /* The dialogue's year or the latest earlier year with a value, as on the sheet. */
            const kf_row *best = NULL;
            for (size_t k = 0; k < nrows; k++)
                if (rows[k].kf == kf && rows[k].year <= g.year && !isnan(kf_result(&kf_catalogue[kf], &rows[k].parts)))
                    best = &rows[k];
            kf_row *r = &x->figures[x->nfigures++];
            if (best) {
                *r = *best;
            } else {
                r->code = x->key;
                r->name = x->name;
                r->kf = kf;
                r->year = 0;
                r->parts = (kf_parts){ NAN, NAN, NAN, NAN, 0 };
            }
        }
        kf_suppress_rows(x->figures, x->nfigures);
    }
    return HH_OK;
}
