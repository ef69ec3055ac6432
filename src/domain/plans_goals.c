/* plans_goals.c - goals (succeskriterier) measured on catalogue key figures
 * and their progress, computed from the key-figure series: an area's
 * aggregate, or the parts of the covered departments summed per year. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "domain/keyfig.h"
#include "domain/plans.h"
#include "domain/plans_impl.h"
#include "domain/registry.h"

static bool read_goal(db_stmt *st, arena *a, void *elem)
{
    plan_goal *g = elem;
    memset(g, 0, sizeof *g);
    g->id = db_col_int64(st, 0);
    g->title = arena_strdup(a, db_col_text(st, 1));
    g->kf = kf_find(db_col_text(st, 2));
    g->area_code = arena_strdup(a, db_col_text(st, 3));
    g->baseline_year = (int)db_col_int64(st, 4);
    g->baseline_value = db_col_null(st, 5) ? NAN : db_col_double(st, 5);
    g->target_value = db_col_double(st, 6);
    g->target_year = (int)db_col_int64(st, 7);
    g->department_keys = NULL;
    return true;
}

typedef struct goal_dept {
    int64_t goal_id;
    const char *key;
} goal_dept;

static bool read_goal_dept(db_stmt *st, arena *a, void *elem)
{
    goal_dept *g = elem;
    g->goal_id = db_col_int64(st, 0);
    g->key = arena_printf(a, "%lld-%lld", (long long)db_col_int64(st, 1), (long long)db_col_int64(st, 2));
    return true;
}

hh_err plan_goals(db *d, arena *a, int64_t plan_id, plan_goal **out, size_t *n, hh_error *e)
{
    hh_err rc;
    if ((rc = plan_collect(d, a,
                           "SELECT g.id, g.title, g.key_figure, COALESCE(a.code, ''), g.baseline_year,"
                           " g.baseline_value, g.target_value, g.target_year FROM plan_goal g LEFT JOIN"
                           " housing_area a ON a.id = g.area_id WHERE g.plan_id = ? ORDER BY g.id",
                           plan_id, sizeof(plan_goal), read_goal, (void **)out, n, "read the goals", e)))
        return rc;
    goal_dept *gd;
    size_t ngd;
    if ((rc = plan_collect(d, a,
                           "SELECT gd.goal_id, d.org_no, d.department_no FROM plan_goal_department gd JOIN plan_goal g"
                           " ON g.id = gd.goal_id JOIN department d ON d.id = gd.department_id WHERE g.plan_id = ?"
                           " ORDER BY gd.goal_id, d.org_no, d.department_no",
                           plan_id, sizeof(goal_dept), read_goal_dept, (void **)&gd, &ngd, "read the goals", e)))
        return rc;
    for (size_t i = 0; i < *n; i++) {
        plan_goal *g = &(*out)[i];
        size_t cnt = 0;
        for (size_t k = 0; k < ngd; k++)
            cnt += gd[k].goal_id == g->id;
        const char **keys = arena_zalloc(a, (cnt ? cnt : 1) * sizeof *keys);
        size_t j = 0;
        for (size_t k = 0; k < ngd; k++)
            if (gd[k].goal_id == g->id)
                keys[j++] = gd[k].key;
        g->department_keys = keys;
        g->ndepartments = cnt;
    }
    return HH_OK;
}

/* Checks a goal against the plan; resolves the area id and department ids. */
static hh_err goal_check(db *d, arena *a, const plan *pl, const plan_goal *g, int64_t *area_id, int64_t **dept_ids,
                         hh_error *e)
{
    if (!g->title || !*g->title)
        return hh_fail(e, HH_ERR_INPUT, "title", "Titel skal udfyldes");
    if (plan_utf8_len(g->title) > 200)
        return hh_fail(e, HH_ERR_INPUT, "title", "Titel må højst være 200 tegn");
    if (g->kf < 0 || (size_t)g->kf >= kf_count)
        return plan_rule_fail(e, HH_ERR_INPUT, "goal_measure", "key_figure", "nøgletallet findes ikke i kataloget");
    *area_id = 0;
    if (g->area_code && *g->area_code) {
        for (size_t i = 0; i < pl->nareas && !*area_id; i++)
            if (strcmp(pl->areas[i].key, g->area_code) == 0)
                *area_id = pl->areas[i].id;
        if (!*area_id)
            return plan_rule_fail(e, HH_ERR_INPUT, "goal_measure", "area_code",
                                  "boligområdet '%s' er ikke et af planens områder", g->area_code);
        if (g->ndepartments)
            return plan_rule_fail(e, HH_ERR_INPUT, "goal_measure", "department_keys",
                                  "et succeskriterium måles enten på et område eller på afdelinger");
    } else if (!g->ndepartments && !pl->ndepartments) {
        return plan_rule_fail(e, HH_ERR_INPUT, "goal_measure", "area_code",
                              "planen dækker ingen afdelinger; vælg et af planens områder");
    }
    *dept_ids = arena_zalloc(a, (g->ndepartments ? g->ndepartments : 1) * sizeof **dept_ids);
    for (size_t i = 0; i < g->ndepartments; i++) {
        const char *key = g->department_keys[i] ? g->department_keys[i] : "";
        int64_t id = 0;
        for (size_t k = 0; k < pl->ndepartments && !id; k++)
            if (strcmp(pl->departments[k].key, key) == 0)
                id = pl->departments[k].id;
        char field[40];
        snprintf(field, sizeof field, "department_keys[%zu]", i);
        if (!id)
            return plan_rule_fail(e, HH_ERR_INPUT, "goal_measure", field, "afdeling '%s' er ikke en af planens", key);
        for (size_t k = 0; k < i; k++)
            if ((*dept_ids)[k] == id)
                return hh_fail(e, HH_ERR_INPUT, field, "Afdeling %s står der to gange", key);
        (*dept_ids)[i] = id;
    }
    if (g->baseline_year < 2000 || g->baseline_year > 2100)
        return hh_fail(e, HH_ERR_INPUT, "baseline_year", "Basisår skal ligge i 2000-2100");
    if (g->target_year <= g->baseline_year || g->target_year > 2100)
        return hh_fail(e, HH_ERR_INPUT, "target_year", "Målår skal ligge efter basisåret (%d) og senest 2100",
                       g->baseline_year);
    if (!isfinite(g->target_value))
        return hh_fail(e, HH_ERR_INPUT, "target_value", "Målværdi skal være et tal");
    if (isinf(g->baseline_value))
        return hh_fail(e, HH_ERR_INPUT, "baseline_value", "Basisværdi skal være et tal");
    return HH_OK;
}

static hh_err step_done(db *d, db_stmt *st, hh_error *e)
{
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "save the goal") : HH_OK;
}

hh_err plan_goal_put(db *d, const principal *p, arena *a, int64_t plan_id, plan_goal *g, hh_error *e)
{
    plan pl;
    hh_err rc = plan_load_writable(d, p, a, plan_id, &pl, e);
    if (rc)
        return rc;
    int64_t area_id = 0, *dept_ids = NULL;
    if ((rc = goal_check(d, a, &pl, g, &area_id, &dept_ids, e)))
        return rc;
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st;
    if (g->id > 0) {
        st = db_prepare(d, "UPDATE plan_goal SET title = ?, key_figure = ?, area_id = ?, baseline_year = ?,"
                           " baseline_value = ?, target_value = ?, target_year = ? WHERE plan_id = ? AND id = ?");
    } else {
        st = db_prepare(d, "INSERT INTO plan_goal (title, key_figure, area_id, baseline_year, baseline_value,"
                           " target_value, target_year, plan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    }
    if (!st) {
        rc = db_fail(d, e, "save the goal");
        goto end;
    }
    db_bind_text(st, 1, g->title);
    db_bind_text(st, 2, kf_catalogue[g->kf].code);
    if (area_id)
        db_bind_int64(st, 3, area_id);
    else
        db_bind_null(st, 3);
    db_bind_int64(st, 4, g->baseline_year);
    if (isnan(g->baseline_value))
        db_bind_null(st, 5);
    else
        db_bind_double(st, 5, g->baseline_value);
    db_bind_double(st, 6, g->target_value);
    db_bind_int64(st, 7, g->target_year);
    db_bind_int64(st, 8, plan_id);
    if (g->id > 0) {
        db_bind_int64(st, 9, g->id);
        int r = db_step(st);
        int64_t changed = r == DB_DONE ? db_changes(st) : 0;
        db_done(st);
        if (r == DB_ERROR)
            rc = db_fail(d, e, "save the goal");
        else if (changed == 0)
            rc = hh_fail(e, HH_ERR_NOTFOUND, "id", "Succeskriteriet %lld findes ikke i planen", (long long)g->id);
    } else {
        int r = db_step(st);
        if (r == DB_ROW)
            g->id = db_col_int64(st, 0);
        db_done(st);
        if (r != DB_ROW)
            rc = db_fail(d, e, "save the goal");
    }
    if (rc)
        goto end;
    if ((st = db_prepare(d, "DELETE FROM plan_goal_department WHERE goal_id = ?")) == NULL) {
        rc = db_fail(d, e, "save the goal");
        goto end;
    }
    db_bind_int64(st, 1, g->id);
    if ((rc = step_done(d, st, e)))
        goto end;
    for (size_t i = 0; i < g->ndepartments && rc == HH_OK; i++) {
        if ((st = db_prepare(d, "INSERT INTO plan_goal_department (goal_id, department_id) VALUES (?, ?)")) == NULL) {
            rc = db_fail(d, e, "save the goal");
            break;
        }
        db_bind_int64(st, 1, g->id);
        db_bind_int64(st, 2, dept_ids[i]);
        rc = step_done(d, st, e);
    }
    if (rc == HH_OK)
        rc = plan_touch(d, plan_id, e);
end:
    return plan_tx_end(d, own, rc, e);
}

hh_err plan_goal_delete(db *d, const principal *p, int64_t plan_id, int64_t goal_id, hh_error *e)
{
    char missing[80];
    snprintf(missing, sizeof missing, "Succeskriteriet %lld findes ikke i planen", (long long)goal_id);
    return plan_delete_row(d, p, plan_id, goal_id, "DELETE FROM plan_goal WHERE plan_id = ? AND id = ?",
                           "delete the goal", missing, e);
}

/* ---- progress ---- */

static double col_num(db_stmt *st, int col)
{
    return db_col_null(st, col) ? NAN : db_col_double(st, col);
}

/* The series of the departments summed per year. */
static hh_err dept_series(db *d, arena *a, const key_figure *kf, int kfi, const int64_t *ids, size_t nids,
                          goal_point **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    if (!nids)
        return HH_OK;
    buf in;
    buf_init(&in, 0);
    for (size_t i = 0; i < nids; i++)
        buf_printf(&in, "%s%lld", i ? "," : "", (long long)ids[i]);
    const char *sql = arena_printf(a,
                                   "SELECT v.year, SUM(v.numerator), SUM(v.denominator), SUM(v.value),"
                                   " SUM(v.value * v.denominator), COUNT(*) FROM kf_value v WHERE v.key_figure_id = ?"
                                   " AND v.department_id IN (%s) GROUP BY v.year ORDER BY v.year",
                                   buf_cstr(&in));
    buf_free(&in);
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read key figures");
    db_bind_int64(st, 1, kf_db_id(kfi));
    size_t cap = 0;
    int r;
    while ((r = db_step(st)) == DB_ROW) {
        kf_parts p = {
            .numerator = col_num(st, 1),
            .denominator = col_num(st, 2),
            .value = col_num(st, 3),
            .weighted = col_num(st, 4),
            .units = db_col_int64(st, 5),
        };
        if (*n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            *out = arena_grow(a, *out, cap * sizeof **out, nc * sizeof **out);
            cap = nc;
        }
        goal_point *g = &(*out)[(*n)++];
        g->year = (int)db_col_int64(st, 0);
        g->suppressed = kf_suppressed(kf, &p);
        g->value = g->suppressed ? NAN : kf_result(kf, &p);
    }
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "read key figures") : HH_OK;
}

hh_err plan_goal_progress(db *d, arena *a, const plan *pl, const plan_goal *g, int year, goal_progress *out,
                          hh_error *e)
{
    memset(out, 0, sizeof *out);
    out->baseline = out->value = out->progress = out->expected = NAN;
    out->status = GOAL_NO_DATA;
    if (g->kf < 0 || (size_t)g->kf >= kf_count)
        return hh_fail(e, HH_ERR_INPUT, "key_figure", "Nøgletallet findes ikke i kataloget");
    const key_figure *kf = &kf_catalogue[g->kf];
    hh_err rc;
    if (g->area_code && *g->area_code) {
        int64_t area_id = 0;
        for (size_t i = 0; i < pl->nareas && !area_id; i++)
            if (strcmp(pl->areas[i].key, g->area_code) == 0)
                area_id = pl->areas[i].id;
        if (!area_id) {
            db_stmt *st = db_prepare(d, "SELECT id FROM housing_area WHERE code = ?");
            if (!st)
                return db_fail(d, e, "read the area");
            db_bind_text(st, 1, g->area_code);
            if (db_step(st) == DB_ROW)
                area_id = db_col_int64(st, 0);
            db_done(st);
        }
        kf_row *rows = NULL;
        size_t nrows = 0;
        if (area_id) {
            char code[24];
            snprintf(code, sizeof code, "%lld", (long long)area_id);
            if ((rc = kf_unit_series(d, LEVEL_AREA, code, g->kf, a, &rows, &nrows, e)))
                return rc;
        }
        out->series = arena_zalloc(a, (nrows ? nrows : 1) * sizeof *out->series);
        for (size_t i = 0; i < nrows; i++) {
            goal_point *pt = &out->series[out->n++];
            pt->year = rows[i].year;
            pt->suppressed = kf_suppressed(kf, &rows[i].parts);
            pt->value = pt->suppressed ? NAN : kf_result(kf, &rows[i].parts);
        }
    } else {
        size_t nids = g->ndepartments ? g->ndepartments : pl->ndepartments;
        int64_t *ids = arena_zalloc(a, (nids ? nids : 1) * sizeof *ids);
        size_t k = 0;
        if (g->ndepartments) {
            for (size_t i = 0; i < g->ndepartments; i++)
                for (size_t j = 0; j < pl->ndepartments; j++)
                    if (g->department_keys[i] && strcmp(pl->departments[j].key, g->department_keys[i]) == 0)
                        ids[k++] = pl->departments[j].id;
        } else {
            for (size_t j = 0; j < pl->ndepartments; j++)
                ids[k++] = pl->departments[j].id;
        }
        if ((rc = dept_series(d, a, kf, g->kf, ids, k, &out->series, &out->n, e)))
            return rc;
    }
    /* Baseline: typed, or the series' value in the baseline year. */
    out->baseline = g->baseline_value;
    if (isnan(out->baseline))
        for (size_t i = 0; i < out->n; i++)
            if (out->series[i].year == g->baseline_year)
                out->baseline = out->series[i].value;
    /* The value: of `year`, or the latest year with one. */
    out->year = year;
    if (year) {
        for (size_t i = 0; i < out->n; i++)
            if (out->series[i].year == year)
                out->value = out->series[i].value;
    } else {
        for (size_t i = out->n; i-- > 0;)
            if (!isnan(out->series[i].value)) {
                out->year = out->series[i].year;
                out->value = out->series[i].value;
                break;
            }
    }
    if (isnan(out->baseline) || isnan(out->value))
        return HH_OK;
    double b = out->baseline, t = g->target_value, v = out->value;
    bool up = t > b || (t == b && kf->good != DIR_DOWN);
    double span = (double)(g->target_year - g->baseline_year);
    double frac = span > 0 ? (double)(out->year - g->baseline_year) / span : 1;
    if (frac < 0)
        frac = 0;
    if (frac > 1)
        frac = 1;
    out->expected = b + frac * (t - b);
    out->progress = t != b ? (v - b) / (t - b) : (up ? (v >= t ? 1 : 0) : (v <= t ? 1 : 0));
    bool met = up ? v >= t : v <= t;
    bool track = up ? v >= out->expected : v <= out->expected;
    out->status = met ? GOAL_MET : track ? GOAL_ON_TRACK : GOAL_BEHIND;
    return HH_OK;
}
