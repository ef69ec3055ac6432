/* activities_involvement.c - resident involvement per plan or activity,
 * year and phase (DOMAIN.md §4), the portfolio heat map of a year and its
 * trend over the plan's years (see activities.h). */
#include "domain/activities.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/activities_impl.h"

hh_err involvement_put(db *d, const principal *p, arena *a, involvement *v, hh_error *e)
{
    plan pl;
    hh_err rc = act_plan_load(d, p, a, v->plan_id, true, &pl, e);
    if (rc)
        return rc;
    if (v->activity_id > 0 && (rc = act_activity_in_plan(d, v->plan_id, v->activity_id, e)))
        return rc;
    if (v->year < 2000 || v->year > 2100)
        return hh_fail(e, HH_ERR_INPUT, "year", "Året skal ligge mellem 2000 og 2100");
    if ((unsigned)v->phase >= PHASE_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "phase", "Ukendt fase");
    if ((unsigned)v->type >= INV_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "type", "Ukendt deltagelsesform");
    if (v->hart_rung < 0 || v->hart_rung > 8)
        return hh_fail(e, HH_ERR_INPUT, "hart_rung", "Trinnet på Harts stige skal være 1-8");
    for (int q = 0; q < INV_QUESTIONS; q++)
        if (v->answers[q] && plan_utf8_len(v->answers[q]) > 4000)
            return hh_fail(e, HH_ERR_INPUT, inv_question_code[q], "Svaret på »%s« må højst være 4000 tegn",
                           inv_question_label[q]);
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    /* replaces what was recorded for (plan or activity, year, phase) */
    db_stmt *st = db_prepare(d, "DELETE FROM involvement WHERE plan_id = ? AND COALESCE(activity_id, 0) = ? AND"
                                " year = ? AND phase = ?");
    if (!st) {
        rc = db_fail(d, e, "save the involvement");
    } else {
        db_bind_int64(st, 1, v->plan_id);
        db_bind_int64(st, 2, v->activity_id > 0 ? v->activity_id : 0);
        db_bind_int64(st, 3, v->year);
        db_bind_text(st, 4, inv_phase_code[v->phase]);
        rc = db_step(st) == DB_ERROR ? db_fail(d, e, "save the involvement") : HH_OK;
        db_done(st);
    }
    if (rc == HH_OK) {
        char now[21];
        hh_utc_iso(now);
        st = db_prepare(d, "INSERT INTO involvement (plan_id, activity_id, year, phase, type, hart_rung, q_involved,"
                           " q_role, q_actors, q_worked, q_hard, user_name, updated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
        if (!st) {
            rc = db_fail(d, e, "save the involvement");
        } else {
            db_bind_int64(st, 1, v->plan_id);
            if (v->activity_id > 0)
                db_bind_int64(st, 2, v->activity_id);
            else
                db_bind_null(st, 2);
            db_bind_int64(st, 3, v->year);
            db_bind_text(st, 4, inv_phase_code[v->phase]);
            db_bind_text(st, 5, inv_type_code[v->type]);
            if (v->hart_rung > 0)
                db_bind_int64(st, 6, v->hart_rung);
            else
                db_bind_null(st, 6);
            for (int q = 0; q < INV_QUESTIONS; q++)
                db_bind_text(st, 7 + q, v->answers[q] ? v->answers[q] : "");
            db_bind_text(st, 12, plan_user_name(p));
            db_bind_text(st, 13, now);
            rc = plan_run_insert(d, st, &v->id, "save the involvement", e);
        }
    }
    if (rc == HH_OK)
        rc = act_bump(d, e);
    return plan_tx_end(d, own, rc, e);
}

hh_err involvement_delete(db *d, const principal *p, int64_t plan_id, int64_t id, hh_error *e)
{
    return act_delete_row(d, p, plan_id, id, "DELETE FROM involvement WHERE plan_id = ? AND id = ?",
                          "delete the involvement", "Registreringen findes ikke i planen", e);
}

static bool read_involvement(db_stmt *st, arena *a, void *elem)
{
    involvement *v = elem;
    memset(v, 0, sizeof *v);
    v->id = db_col_int64(st, 0);
    v->plan_id = db_col_int64(st, 1);
    v->activity_id = db_col_int64(st, 2);
    v->activity_name = act_dup(st, a, 3);
    v->year = (int)db_col_int64(st, 4);
    int ph = plan_enum_find(inv_phase_code, PHASE_COUNT, db_col_text(st, 5));
    int ty = plan_enum_find(inv_type_code, INV_COUNT, db_col_text(st, 6));
    if (ph < 0 || ty < 0)
        return false;
    v->phase = (inv_phase)ph;
    v->type = (inv_type)ty;
    v->hart_rung = (int)db_col_int64(st, 7);
    for (int q = 0; q < INV_QUESTIONS; q++)
        v->answers[q] = act_dup(st, a, 8 + q);
    v->user_name = act_dup(st, a, 13);
    v->updated_at = act_dup(st, a, 14);
    return true;
}

static int cmp_involvement(const void *x, const void *y)
{
    const involvement *a = x, *b = y;
    if ((a->activity_id == 0) != (b->activity_id == 0))
        return a->activity_id == 0 ? -1 : 1;
    int c = hh_collate_da(a->activity_name, b->activity_name);
    if (c)
        return c;
    if (a->activity_id != b->activity_id)
        return a->activity_id < b->activity_id ? -1 : 1;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    return (int)a->phase - (int)b->phase;
}

/* Every record of the plan (no access check). */
static hh_err read_all(db *d, arena *a, int64_t plan_id, involvement **out, size_t *n, hh_error *e)
{
    return plan_collect(d, a,
                        "SELECT v.id, v.plan_id, COALESCE(v.activity_id, 0), COALESCE(x.name, ''), v.year, v.phase,"
                        " v.type, COALESCE(v.hart_rung, 0), v.q_involved, v.q_role, v.q_actors, v.q_worked,"
                        " v.q_hard, v.user_name, v.updated_at FROM involvement v LEFT JOIN activity x ON x.id ="
                        " v.activity_id WHERE v.plan_id = ?",
                        plan_id, sizeof(involvement), read_involvement, (void **)out, n, "read the involvement", e);
}

hh_err involvement_list(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id, int year,
                        involvement **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    plan pl;
    hh_err rc = act_plan_load(d, p, a, plan_id, false, &pl, e);
    if (rc)
        return rc;
    involvement *all;
    size_t nall;
    if ((rc = read_all(d, a, plan_id, &all, &nall, e)))
        return rc;
    size_t k = 0;
    for (size_t i = 0; i < nall; i++) {
        if (activity_id >= 0 && all[i].activity_id != activity_id)
            continue;
        if (year > 0 && all[i].year != year)
            continue;
        all[k++] = all[i];
    }
    if (k > 1)
        qsort(all, k, sizeof *all, cmp_involvement);
    *out = all;
    *n = k;
    return HH_OK;
}

/* ---- the heat map ---- */

typedef struct act_year {
    int64_t activity_id;
    int year;
} act_year;

static bool read_act_year(db_stmt *st, arena *a, void *elem)
{
    act_year *r = elem;
    r->activity_id = db_col_int64(st, 0);
    const char *date = db_col_text(st, 1);
    int64_t y = 0;
    if (!hh_parse_int64(date, strlen(date) < 4 ? strlen(date) : 4, &y))
        return false;
    r->year = (int)y;
    return true;
}

static void matrix_compute(const involvement *recs, size_t nrecs, const act_year *sess, size_t nsess, int year,
                           inv_matrix *m, arena *a)
{
    memset(m, 0, sizeof *m);
    m->year = year;
    /* the activities of the year: a session or an activity-level record in it */
    int64_t *ids = arena_alloc(a, (nrecs + nsess + 1) * sizeof *ids);
    size_t nids = 0;
    for (size_t i = 0; i < nsess + nrecs; i++) {
        int64_t id;
        if (i < nsess) {
            if (sess[i].year != year)
                continue;
            id = sess[i].activity_id;
        } else {
            const involvement *v = &recs[i - nsess];
            if (v->year != year || v->activity_id <= 0)
                continue;
            id = v->activity_id;
        }
        size_t j = 0;
        while (j < nids && ids[j] != id)
            j++;
        if (j == nids)
            ids[nids++] = id;
    }
    m->activities = (int64_t)nids;
    for (int ph = 0; ph < PHASE_COUNT; ph++) {
        int64_t recorded = 0, involved = 0, resident = 0;
        for (size_t j = 0; j < nids; j++) {
            int type = -1;
            for (size_t i = 0; i < nrecs && type < 0; i++)
                if (recs[i].activity_id == ids[j] && recs[i].year == year && (int)recs[i].phase == ph)
                    type = (int)recs[i].type;
            if (type < 0) {
                m->unrecorded[ph]++;
                continue;
            }
            m->cells[ph][type]++;
            recorded++;
            if (type != INV_NONE)
                involved++;
            if (type == INV_RESIDENT_JOINT || type == INV_RESIDENT_RESIDENT)
                resident++;
        }
        m->share_involved[ph] = recorded ? (double)involved / (double)recorded : NAN;
        m->share_resident_initiative[ph] = recorded ? (double)resident / (double)recorded : NAN;
    }
}

static hh_err matrix_data(db *d, const principal *p, arena *a, int64_t plan_id, involvement **recs, size_t *nrecs,
                          act_year **sess, size_t *nsess, hh_error *e)
{
    plan pl;
    hh_err rc = act_plan_load(d, p, a, plan_id, false, &pl, e);
    if (rc)
        return rc;
    if ((rc = read_all(d, a, plan_id, recs, nrecs, e)))
        return rc;
    return plan_collect(d, a,
                        "SELECT DISTINCT s.activity_id, SUBSTR(s.date, 1, 4) FROM activity_session s JOIN activity x"
                        " ON x.id = s.activity_id WHERE x.plan_id = ?",
                        plan_id, sizeof(act_year), read_act_year, (void **)sess, nsess, "read the sessions", e);
}

hh_err involvement_matrix(db *d, const principal *p, arena *a, int64_t plan_id, int year, inv_matrix *out, hh_error *e)
{
    involvement *recs;
    act_year *sess;
    size_t nrecs, nsess;
    memset(out, 0, sizeof *out);
    hh_err rc = matrix_data(d, p, a, plan_id, &recs, &nrecs, &sess, &nsess, e);
    if (rc)
        return rc;
    matrix_compute(recs, nrecs, sess, nsess, year, out, a);
    return HH_OK;
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return a < b ? -1 : a > b;
}

hh_err involvement_trend(db *d, const principal *p, arena *a, int64_t plan_id, inv_matrix **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    involvement *recs;
    act_year *sess;
    size_t nrecs, nsess;
    hh_err rc = matrix_data(d, p, a, plan_id, &recs, &nrecs, &sess, &nsess, e);
    if (rc)
        return rc;
    if (nrecs + nsess == 0)
        return HH_OK;
    int *years = arena_alloc(a, (nrecs + nsess) * sizeof *years);
    size_t ny = 0;
    for (size_t i = 0; i < nrecs; i++)
        years[ny++] = recs[i].year;
    for (size_t i = 0; i < nsess; i++)
        years[ny++] = sess[i].year;
    qsort(years, ny, sizeof *years, cmp_int);
    size_t k = 0;
    for (size_t i = 0; i < ny; i++)
        if (i == 0 || years[i] != years[i - 1])
            years[k++] = years[i];
    *out = arena_zalloc(a, k * sizeof **out);
    for (size_t i = 0; i < k; i++)
        matrix_compute(recs, nrecs, sess, nsess, years[i], &(*out)[i], a);
    *n = k;
    return HH_OK;
}
