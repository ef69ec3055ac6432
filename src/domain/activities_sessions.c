/* activities_sessions.c - participant keys, sessions with their counts and
 * keys, and the counting rules over them: attendance, new and returning,
 * unique participants, new to the plan, reach against the residents, and
 * the stats per year (see activities.h). */
#include "domain/activities.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "domain/activities_impl.h"

/* ---- participant keys ---- */

bool act_key_normalise(const char *in, char *out, size_t outsz)
{
    if (!in || !out || outsz == 0)
        return false;
    out[0] = '\0';
    const char *b = in;
    while (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n')
        b++;
    size_t len = strlen(b);
    while (len > 0 && (b[len - 1] == ' ' || b[len - 1] == '\t' || b[len - 1] == '\r' || b[len - 1] == '\n'))
        len--;
    if (len < 2 || len > 16 || len + 1 > outsz)
        return false;
    size_t run = 0, digits = 0;
    for (size_t i = 0; i < len; i++) {
        char c = b[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
            out[0] = '\0';
            return false;
        }
        if (c >= '0' && c <= '9') {
            digits++;
            if (++run >= 8) {
                out[0] = '\0';
                return false;
            }
        } else {
            run = 0;
        }
        out[i] = c;
    }
    out[len] = '\0';
    /* a CPR number written DDMMYY-XXXX (anywhere in the key) */
    for (size_t i = 0; i + 11 <= len; i++) {
        bool cpr = out[i + 6] == '-';
        for (size_t j = 0; j < 11 && cpr; j++)
            if (j != 6 && !(out[i + j] >= '0' && out[i + j] <= '9'))
                cpr = false;
        if (cpr) {
            out[0] = '\0';
            return false;
        }
    }
    /* letters only reads as a name or initials: a pseudonym has a digit */
    if (digits == 0) {
        out[0] = '\0';
        return false;
    }
    return true;
}

/* ---- the plan's sessions in memory (the counting rules) ---- */

typedef struct att_sess {
    int64_t id, activity_id;
    char date[11];
    const char *start_time;
    int64_t participants, typed_new, volunteers;
    size_t first_pid, npids; /* range in att_data.pids */
    int64_t new_keyed;       /* keyed: keys not seen earlier in the activity */
    int64_t counts[GENDER_COUNT][AGE_COUNT];
} att_sess;

typedef struct att_pair {
    int64_t session_id, participant_id;
} att_pair;

typedef struct att_data {
    att_sess *s;
    size_t n;
    int64_t *pids; /* participant ids, grouped by session in session order */
    size_t npids;
    /* per participant: the date of the first session in the plan */
    int64_t *first_pid;
    const char **first_date;
    size_t nfirst;
    size_t *by_id; /* indexes of s sorted by session id */
} att_data;

static bool read_sess(db_stmt *st, arena *a, void *elem)
{
    att_sess *s = elem;
    memset(s, 0, sizeof *s);
    s->id = db_col_int64(st, 0);
    s->activity_id = db_col_int64(st, 1);
    hh_strlcpy(s->date, db_col_text(st, 2), sizeof s->date);
    s->start_time = arena_strdup(a, db_col_text(st, 3));
    s->participants = db_col_int64(st, 4);
    s->typed_new = db_col_int64(st, 5);
    s->volunteers = db_col_int64(st, 6);
    return true;
}

static bool read_pair(db_stmt *st, arena *a, void *elem)
{
    att_pair *p = elem;
    p->session_id = db_col_int64(st, 0);
    p->participant_id = db_col_int64(st, 1);
    return true;
}

typedef struct att_cell {
    int64_t session_id;
    int gender, age;
    int64_t n;
} att_cell;

static bool read_cell(db_stmt *st, arena *a, void *elem)
{
    att_cell *c = elem;
    c->session_id = db_col_int64(st, 0);
    c->gender = plan_enum_find(act_gender_code, GENDER_COUNT, db_col_text(st, 1));
    c->age = plan_enum_find(act_age_code, AGE_COUNT, db_col_text(st, 2));
    c->n = db_col_int64(st, 3);
    return c->gender >= 0 && c->age >= 0;
}

typedef struct occ {
    int64_t pid, activity_id;
    size_t idx; /* session index (chronological) */
} occ;

static int cmp_occ_activity(const void *x, const void *y)
{
    const occ *a = x, *b = y;
    if (a->pid != b->pid)
        return a->pid < b->pid ? -1 : 1;
    if (a->activity_id != b->activity_id)
        return a->activity_id < b->activity_id ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cmp_occ_plan(const void *x, const void *y)
{
    const occ *a = x, *b = y;
    if (a->pid != b->pid)
        return a->pid < b->pid ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

#define ATT_ORDER " ORDER BY s.date, s.start_time, s.id"

/* qsort has no context argument: the sessions the index sorts. */
static _Thread_local const att_sess *sess_sort_base;

static int cmp_sess_id(const void *x, const void *y)
{
    int64_t a = sess_sort_base[*(const size_t *)x].id, b = sess_sort_base[*(const size_t *)y].id;
    return a < b ? -1 : a > b;
}

/* Index of session id in ad (by_id: indexes sorted by session id). */
static bool sess_find(const att_data *ad, const size_t *by_id, int64_t id, size_t *out)
{
    size_t lo = 0, hi = ad->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ad->s[by_id[mid]].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < ad->n && ad->s[by_id[lo]].id == id) {
        *out = by_id[lo];
        return true;
    }
    return false;
}

/* Loads every session of the plan (all activities, all years) in
 * chronological order (date, start time, id) with its keys and cells, and
 * works out which keys are new to their activity and when each key was
 * first seen in the plan. */
static hh_err att_load(db *d, arena *a, int64_t plan_id, att_data *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    hh_err rc;
    if ((rc = plan_collect(d, a,
                           "SELECT s.id, s.activity_id, s.date, s.start_time, s.participants, s.new_participants,"
                           " s.volunteers FROM activity_session s JOIN activity a ON a.id = s.activity_id"
                           " WHERE a.plan_id = ?" ATT_ORDER,
                           plan_id, sizeof(att_sess), read_sess, (void **)&out->s, &out->n, "read the sessions", e)))
        return rc;
    att_pair *pairs = NULL;
    size_t npairs = 0;
    if ((rc = plan_collect(
             d, a,
             "SELECT sp.session_id, sp.participant_id FROM session_participant sp JOIN activity_session"
             " s ON s.id = sp.session_id JOIN activity a ON a.id = s.activity_id WHERE a.plan_id = ?" ATT_ORDER
             ", sp.participant_id",
             plan_id, sizeof(att_pair), read_pair, (void **)&pairs, &npairs, "read the sessions", e)))
        return rc;
    att_cell *cells = NULL;
    size_t ncells = 0;
    if ((rc = plan_collect(
             d, a,
             "SELECT c.session_id, c.gender, c.age_band, c.n FROM session_count c JOIN activity_session"
             " s ON s.id = c.session_id JOIN activity a ON a.id = s.activity_id WHERE a.plan_id = ?" ATT_ORDER,
             plan_id, sizeof(att_cell), read_cell, (void **)&cells, &ncells, "read the sessions", e)))
        return rc;
    out->pids = npairs ? arena_alloc(a, npairs * sizeof *out->pids) : NULL;
    occ *occs = npairs ? arena_alloc(a, npairs * sizeof *occs) : NULL;
    /* The three reads are not one snapshot: a key or cell of a session
     * saved in between (not among the sessions read) is skipped. The rows
     * come in the same order, so each session's rows are contiguous. */
    size_t *by_id = out->n ? arena_alloc(a, out->n * sizeof *by_id) : NULL;
    out->by_id = by_id;
    for (size_t i = 0; i < out->n; i++)
        by_id[i] = i;
    sess_sort_base = out->s;
    if (out->n > 1)
        qsort(by_id, out->n, sizeof *by_id, cmp_sess_id);
    size_t k = 0;
    for (size_t j = 0; j < npairs; j++) {
        size_t i;
        if (!sess_find(out, by_id, pairs[j].session_id, &i))
            continue;
        att_sess *s = &out->s[i];
        if (s->npids == 0)
            s->first_pid = k;
        else if (s->first_pid + s->npids != k)
            continue; /* not contiguous: cannot happen with one ordering */
        out->pids[k] = pairs[j].participant_id;
        occs[k] = (occ){ pairs[j].participant_id, s->activity_id, i };
        s->npids++;
        k++;
    }
    for (size_t j = 0; j < ncells; j++) {
        size_t i;
        if (sess_find(out, by_id, cells[j].session_id, &i))
            out->s[i].counts[cells[j].gender][cells[j].age] += cells[j].n;
    }
    out->npids = k;
    npairs = k;
    if (!npairs)
        return HH_OK;
    /* new to the activity: the first occurrence of (key, activity) */
    qsort(occs, npairs, sizeof *occs, cmp_occ_activity);
    for (size_t i = 0; i < npairs; i++)
        if (i == 0 || occs[i].pid != occs[i - 1].pid || occs[i].activity_id != occs[i - 1].activity_id)
            out->s[occs[i].idx].new_keyed++;
    /* first session in the plan */
    qsort(occs, npairs, sizeof *occs, cmp_occ_plan);
    out->first_pid = arena_alloc(a, npairs * sizeof *out->first_pid);
    out->first_date = arena_alloc(a, npairs * sizeof *out->first_date);
    for (size_t i = 0; i < npairs; i++)
        if (i == 0 || occs[i].pid != occs[i - 1].pid) {
            out->first_pid[out->nfirst] = occs[i].pid;
            out->first_date[out->nfirst] = out->s[occs[i].idx].date;
            out->nfirst++;
        }
    return HH_OK;
}

static bool sess_keyed(const att_sess *s)
{
    return s->npids > 0;
}

static int64_t sess_new(const att_sess *s)
{
    return sess_keyed(s) ? s->new_keyed : s->typed_new;
}

static bool in_year(const char *date, int year)
{
    if (year <= 0)
        return true;
    char y[16];
    snprintf(y, sizeof y, "%04d", year);
    return strncmp(date, y, 4) == 0;
}

static int cmp_i64(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

static const char *first_date_of(const att_data *ad, int64_t pid)
{
    size_t lo = 0, hi = ad->nfirst;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ad->first_pid[mid] < pid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ad->nfirst && ad->first_pid[lo] == pid ? ad->first_date[lo] : "";
}

typedef struct act_acc {
    int64_t activity_id;
    int64_t max_unkeyed, sum_typed_new;
    bool unkeyed;
} act_acc;

/* The counting rules of att_stats over the sessions of ad in the set
 * (activity_id 0 = all, year 0 = all). */
static void att_compute(arena *a, const att_data *ad, int64_t activity_id, int year, att_stats *st)
{
    memset(st, 0, sizeof *st);
    st->unique_exact = true;
    act_acc *acc = ad->n ? arena_zalloc(a, ad->n * sizeof *acc) : NULL;
    size_t nacc = 0;
    int64_t *keys = ad->npids ? arena_alloc(a, ad->npids * sizeof *keys) : NULL;
    size_t nkeys = 0;
    for (size_t i = 0; i < ad->n; i++) {
        const att_sess *s = &ad->s[i];
        if ((activity_id > 0 && s->activity_id != activity_id) || !in_year(s->date, year))
            continue;
        st->sessions++;
        st->attendances += s->participants;
        st->new_attendances += sess_new(s);
        st->volunteers += s->volunteers;
        for (int g = 0; g < GENDER_COUNT; g++)
            for (int k = 0; k < AGE_COUNT; k++) {
                st->counts[g][k] += s->counts[g][k];
                st->by_gender[g] += s->counts[g][k];
                st->by_age[k] += s->counts[g][k];
            }
        size_t j = 0;
        while (j < nacc && acc[j].activity_id != s->activity_id)
            j++;
        if (j == nacc)
            acc[nacc++].activity_id = s->activity_id;
        if (sess_keyed(s)) {
            for (size_t k = 0; k < s->npids; k++)
                keys[nkeys++] = ad->pids[s->first_pid + k];
        } else if (s->participants > 0) {
            /* an unkeyed session (one with nobody in it has nobody unknown) */
            acc[j].unkeyed = true;
            if (s->participants > acc[j].max_unkeyed)
                acc[j].max_unkeyed = s->participants;
            acc[j].sum_typed_new += s->typed_new;
            st->new_plan += s->typed_new;
            st->unique_exact = false;
        }
    }
    st->returning_attendances = st->attendances - st->new_attendances;
    st->activities = (int64_t)nacc;
    if (nkeys)
        qsort(keys, nkeys, sizeof *keys, cmp_i64);
    for (size_t k = 0; k < nkeys; k++) {
        if (k > 0 && keys[k] == keys[k - 1])
            continue;
        st->unique++;
        if (in_year(first_date_of(ad, keys[k]), year))
            st->new_plan++;
    }
    for (size_t j = 0; j < nacc; j++)
        if (acc[j].unkeyed)
            st->unique += acc[j].max_unkeyed > acc[j].sum_typed_new ? acc[j].max_unkeyed : acc[j].sum_typed_new;
}

/* The plan the stats are about: plan_id, or the plan of activity_id. */
static hh_err stats_plan(db *d, const principal *p, arena *a, int64_t *plan_id, int64_t activity_id, plan *pl,
                         hh_error *e)
{
    hh_err rc;
    if (activity_id > 0) {
        if ((rc = act_activity_plan(d, p, a, activity_id, false, pl, e)))
            return rc;
        if (*plan_id > 0 && *plan_id != pl->id)
            return hh_fail(e, HH_ERR_NOTFOUND, "activity_id", "Aktiviteten %lld findes ikke i planen",
                           (long long)activity_id);
        *plan_id = pl->id;
        return HH_OK;
    }
    if (*plan_id <= 0)
        return hh_fail(e, HH_ERR_INPUT, "plan_id", "Vælg en plan eller en aktivitet");
    return act_plan_load(d, p, a, *plan_id, false, pl, e);
}

hh_err act_attendance(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id, int year,
                      att_stats *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    plan pl;
    hh_err rc = stats_plan(d, p, a, &plan_id, activity_id, &pl, e);
    if (rc)
        return rc;
    att_data ad;
    if ((rc = att_load(d, a, plan_id, &ad, e)))
        return rc;
    att_compute(a, &ad, activity_id, year, out);
    return HH_OK;
}

hh_err act_attendance_each(db *d, const principal *p, arena *a, int64_t plan_id, const int64_t *ids, size_t n, int year,
                           att_stats *out, hh_error *e)
{
    plan pl;
    hh_err rc = act_plan_load(d, p, a, plan_id, false, &pl, e);
    if (rc)
        return rc;
    att_data ad;
    if ((rc = att_load(d, a, plan_id, &ad, e)))
        return rc;
    for (size_t i = 0; i < n; i++)
        att_compute(a, &ad, ids[i], year, &out[i]);
    return HH_OK;
}

hh_err act_attendance_years(db *d, const principal *p, arena *a, int64_t plan_id, att_stats **out, int **years,
                            size_t *n, hh_error *e)
{
    *out = NULL;
    *years = NULL;
    *n = 0;
    plan pl;
    hh_err rc = act_plan_load(d, p, a, plan_id, false, &pl, e);
    if (rc)
        return rc;
    att_data ad;
    if ((rc = att_load(d, a, plan_id, &ad, e)))
        return rc;
    if (!ad.n)
        return HH_OK;
    int y0 = 9999, y1 = 0;
    for (size_t i = 0; i < ad.n; i++) {
        int y = (ad.s[i].date[0] - '0') * 1000 + (ad.s[i].date[1] - '0') * 100 + (ad.s[i].date[2] - '0') * 10 +
                (ad.s[i].date[3] - '0');
        if (y < y0)
            y0 = y;
        if (y > y1)
            y1 = y;
    }
    size_t count = (size_t)(y1 - y0 + 1);
    *out = arena_zalloc(a, count * sizeof **out);
    *years = arena_zalloc(a, count * sizeof **years);
    for (size_t i = 0; i < count; i++) {
        (*years)[i] = y0 + (int)i;
        att_compute(a, &ad, 0, y0 + (int)i, &(*out)[i]);
    }
    *n = count;
    return HH_OK;
}

/* ---- reach ---- */

hh_err act_reach_get(db *d, const principal *p, arena *a, int64_t plan_id, int year, act_reach *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    out->share = NAN;
    att_stats st;
    hh_err rc = act_attendance(d, p, a, plan_id, 0, year, &st, e);
    if (rc)
        return rc;
    return act_reach_from(d, a, plan_id, year, &st, out, e);
}

hh_err act_reach_from(db *d, arena *a, int64_t plan_id, int year, const att_stats *plan_stats, act_reach *out,
                      hh_error *e)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    out->share = NAN;
    out->unique = plan_stats->unique;
    out->exact = plan_stats->unique_exact;
    char today[11];
    plan_today(today);
    /* the plan's departments and the current members of its areas, each once */
    const char *depts = "SELECT pd.department_id FROM plan_department pd WHERE pd.plan_id = ?"
                        " UNION SELECT am.department_id FROM plan_area pa JOIN area_member am ON am.area_id ="
                        " pa.area_id WHERE pa.plan_id = ? AND am.valid_from <= ? AND (am.valid_to IS NULL OR"
                        " am.valid_to >= ?)";
    const char *sql = arena_printf(a,
                                   "SELECT v.year, SUM(v.value) FROM kf_value v JOIN key_figure k ON k.id ="
                                   " v.key_figure_id WHERE k.code = 'residents' AND v.value IS NOT NULL AND"
                                   " v.department_id IN (%s) AND (? <= 0 OR v.year <= ?) GROUP BY v.year"
                                   " ORDER BY v.year DESC",
                                   depts);
    db_stmt *q = db_prepare(d, sql);
    if (!q)
        return db_fail(d, e, "read the residents");
    db_bind_int64(q, 1, plan_id);
    db_bind_int64(q, 2, plan_id);
    db_bind_text(q, 3, today);
    db_bind_text(q, 4, today);
    db_bind_int64(q, 5, year);
    db_bind_int64(q, 6, year);
    int r = db_step(q);
    if (r == DB_ROW) {
        out->residents_year = (int)db_col_int64(q, 0);
        out->residents = llround(db_col_double(q, 1));
    }
    db_done(q);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the residents");
    if (out->residents > 0)
        out->share = (double)out->unique / (double)out->residents;
    else
        out->residents_year = out->residents ? out->residents_year : 0;
    return HH_OK;
}

/* ---- sessions ---- */

#define SESS_SELECT                                                                                               \
    "SELECT s.id, s.activity_id, a.name, s.date, s.start_time, s.participants, s.new_participants, s.volunteers," \
    " s.note, s.client_token, s.user_name, s.recorded_at, a.plan_id,"                                             \
    " (SELECT COUNT(*) FROM session_participant sp WHERE sp.session_id = s.id)"                                   \
    " FROM activity_session s JOIN activity a ON a.id = s.activity_id"

typedef struct sess_row {
    act_session s;
    int64_t plan_id;
} sess_row;

static bool read_session(db_stmt *st, arena *a, void *elem)
{
    sess_row *r = elem;
    memset(r, 0, sizeof *r);
    act_session *s = &r->s;
    s->id = db_col_int64(st, 0);
    s->activity_id = db_col_int64(st, 1);
    s->activity_name = act_dup(st, a, 2);
    s->date = act_dup(st, a, 3);
    s->start_time = act_dup(st, a, 4);
    s->participants = (int)db_col_int64(st, 5);
    s->new_participants = (int)db_col_int64(st, 6);
    s->volunteers = (int)db_col_int64(st, 7);
    s->note = act_dup(st, a, 8);
    s->client_token = db_col_null(st, 9) ? NULL : act_dup(st, a, 9);
    s->user_name = act_dup(st, a, 10);
    s->recorded_at = act_dup(st, a, 11);
    r->plan_id = db_col_int64(st, 12);
    s->keyed = db_col_int64(st, 13) > 0;
    return true;
}

static bool read_key(db_stmt *st, arena *a, void *elem)
{
    *(const char **)elem = act_dup(st, a, 0);
    return true;
}

/* Fills counts, the computed new for keyed sessions, and keys when
 * with_keys. */
/* One session's count cells and, when keyed, its keys new to the activity
 * (no earlier session (date, start time, id) of the activity has them): the
 * numbers att_load works out for every session of the plan, for one. */
static hh_err fill_one(db *d, act_session *s, hh_error *e)
{
    memset(s->counts, 0, sizeof s->counts);
    db_stmt *st = db_prepare(d, "SELECT gender, age_band, n FROM session_count WHERE session_id = ?");
    if (!st)
        return db_fail(d, e, "read the sessions");
    db_bind_int64(st, 1, s->id);
    int r;
    while ((r = db_step(st)) == DB_ROW) {
        int g = plan_enum_find(act_gender_code, GENDER_COUNT, db_col_text(st, 0));
        int k = plan_enum_find(act_age_code, AGE_COUNT, db_col_text(st, 1));
        if (g >= 0 && k >= 0)
            s->counts[g][k] += (int)db_col_int64(st, 2);
    }
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the sessions");
    if (!s->keyed)
        return HH_OK;
    st = db_prepare(d, "SELECT COUNT(*) FROM session_participant sp JOIN activity_session s ON s.id = sp.session_id"
                       " WHERE sp.session_id = ? AND NOT EXISTS (SELECT 1 FROM session_participant sp2 JOIN"
                       " activity_session s2 ON s2.id = sp2.session_id WHERE sp2.participant_id = sp.participant_id"
                       " AND s2.activity_id = s.activity_id AND (s2.date < s.date OR (s2.date = s.date AND"
                       " (s2.start_time < s.start_time OR (s2.start_time = s.start_time AND s2.id < s.id)))))");
    if (!st)
        return db_fail(d, e, "read the sessions");
    db_bind_int64(st, 1, s->id);
    r = db_step(st);
    if (r == DB_ROW)
        s->new_participants = (int)db_col_int64(st, 0);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "read the sessions") : HH_OK;
}

static hh_err fill_sessions(db *d, arena *a, int64_t plan_id, act_session *rows, size_t n, bool with_keys, hh_error *e)
{
    if (!n)
        return HH_OK;
    att_data ad = { 0 };
    hh_err rc;
    /* One session (a read after a save): its own rows, not the whole plan's. */
    if (n == 1 && (rc = fill_one(d, &rows[0], e)))
        return rc;
    if (n > 1 && (rc = att_load(d, a, plan_id, &ad, e)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        act_session *s = &rows[i];
        size_t j;
        if (n > 1 && sess_find(&ad, ad.by_id, s->id, &j)) {
            for (int g = 0; g < GENDER_COUNT; g++)
                for (int k = 0; k < AGE_COUNT; k++)
                    s->counts[g][k] = (int)ad.s[j].counts[g][k];
            if (sess_keyed(&ad.s[j]))
                s->new_participants = (int)ad.s[j].new_keyed;
        }
        if (with_keys && s->keyed) {
            void *keys = NULL;
            if ((rc = plan_collect(d, a,
                                   "SELECT pt.key FROM session_participant sp JOIN participant pt ON pt.id ="
                                   " sp.participant_id WHERE sp.session_id = ? ORDER BY pt.key",
                                   s->id, sizeof(const char *), read_key, &keys, &s->nkeys, "read the keys", e)))
                return rc;
            s->keys = keys;
        }
    }
    return HH_OK;
}

hh_err act_session_get(db *d, const principal *p, arena *a, int64_t id, act_session *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    db_stmt *st = db_prepare(d, SESS_SELECT " WHERE s.id = ?");
    if (!st)
        return db_fail(d, e, "read the session");
    db_bind_int64(st, 1, id);
    int r = db_step(st);
    sess_row row;
    if (r == DB_ROW)
        read_session(st, a, &row);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the session");
    if (r != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, "id", "Mødet %lld findes ikke", (long long)id);
    plan pl;
    hh_err rc = act_plan_load(d, p, a, row.plan_id, false, &pl, e);
    if (rc == HH_ERR_NOTFOUND)
        return hh_fail(e, HH_ERR_NOTFOUND, "id", "Mødet %lld findes ikke", (long long)id);
    if (rc)
        return rc;
    bool writer = plan_may_write(p, &pl);
    if ((rc = fill_sessions(d, a, row.plan_id, &row.s, 1, writer, e)))
        return rc;
    if (writer && row.s.nkeys && (rc = act_audit_keys(d, p, row.plan_id, e)))
        return rc;
    *out = row.s;
    return HH_OK;
}

hh_err act_sessions(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id, int year,
                    act_session **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    plan pl;
    hh_err rc = stats_plan(d, p, a, &plan_id, activity_id, &pl, e);
    if (rc)
        return rc;
    buf sql;
    buf_init(&sql, 0);
    buf_puts(&sql, SESS_SELECT " WHERE a.plan_id = ?");
    if (activity_id > 0)
        buf_puts(&sql, " AND s.activity_id = ?");
    if (year > 0)
        buf_puts(&sql, " AND s.date >= ? AND s.date <= ?");
    buf_puts(&sql, " ORDER BY s.date DESC, s.start_time DESC, s.id DESC");
    db_stmt *st = db_prepare(d, buf_cstr(&sql));
    buf_free(&sql);
    if (!st)
        return db_fail(d, e, "read the sessions");
    int i = 1;
    db_bind_int64(st, i++, plan_id);
    if (activity_id > 0)
        db_bind_int64(st, i++, activity_id);
    char from[11], to[11];
    if (year > 0) {
        act_year_bounds(year, from, to);
        db_bind_text(st, i++, from);
        db_bind_text(st, i++, to);
    }
    sess_row *rows = NULL;
    size_t nrows = 0;
    if (db_collect(st, a, sizeof(sess_row), read_session, (void **)&rows, &nrows) == DB_ERROR)
        return db_fail(d, e, "read the sessions");
    act_session *list = nrows ? arena_alloc(a, nrows * sizeof *list) : NULL;
    for (size_t j = 0; j < nrows; j++)
        list[j] = rows[j].s;
    bool writer = plan_may_write(p, &pl);
    if ((rc = fill_sessions(d, a, plan_id, list, nrows, writer, e)))
        return rc;
    bool any = false;
    for (size_t j = 0; j < nrows; j++)
        any = any || list[j].nkeys > 0;
    if (any && (rc = act_audit_keys(d, p, plan_id, e)))
        return rc;
    *out = list;
    *n = nrows;
    return HH_OK;
}

/* The session with client token tok: its id and activity (0 when none). */
static hh_err token_lookup(db *d, const char *tok, int64_t *id, int64_t *activity_id, hh_error *e)
{
    *id = *activity_id = 0;
    db_stmt *st = db_prepare(d, "SELECT id, activity_id FROM activity_session WHERE client_token = ?");
    if (!st)
        return db_fail(d, e, "read the session");
    db_bind_text(st, 1, tok);
    int r = db_step(st);
    if (r == DB_ROW) {
        *id = db_col_int64(st, 0);
        *activity_id = db_col_int64(st, 1);
    }
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "read the session") : HH_OK;
}

hh_err act_session_by_token(db *d, int64_t activity_id, const char *token, int64_t *id, hh_error *e)
{
    int64_t found = 0, found_activity = 0;
    *id = 0;
    hh_err rc = token ? token_lookup(d, token, &found, &found_activity, e) : HH_OK;
    if (!rc && found_activity == activity_id)
        *id = found;
    return rc;
}

/* The answer to a repeated client token: the stored session's id and
 * participants (what the first save answered). */
static hh_err token_answer(db *d, int64_t found_activity, act_session *s, int64_t found, hh_error *e)
{
    if (found_activity != s->activity_id)
        return hh_fail(e, HH_ERR_CONFLICT, "client_token", "Formularen er allerede brugt til en anden aktivitet");
    s->id = found;
    db_stmt *st = db_prepare(d, "SELECT participants, (SELECT COUNT(*) FROM session_participant sp WHERE"
                                " sp.session_id = s.id) FROM activity_session s WHERE s.id = ?");
    if (!st)
        return db_fail(d, e, "read the session");
    db_bind_int64(st, 1, found);
    int r = db_step(st);
    if (r == DB_ROW) {
        s->participants = (int)db_col_int64(st, 0);
        s->keyed = db_col_int64(st, 1) > 0;
    }
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "read the session") : HH_OK;
}

static hh_err validate_session(db *d, arena *a, act_session *s, const char ***keys_out, hh_error *e)
{
    char today[11];
    plan_today(today);
    if (!s->date || !plan_date_valid(s->date))
        return hh_fail(e, HH_ERR_INPUT, "date", "Datoen skal skrives ÅÅÅÅ-MM-DD");
    if (strcmp(s->date, today) > 0)
        return act_fail(e, "session_in_future", "date", "Datoen %s ligger efter i dag (%s)", s->date, today);
    db_stmt *st = db_prepare(d, "SELECT COALESCE(first_date, ''), COALESCE(last_date, '') FROM activity WHERE id = ?");
    if (!st)
        return db_fail(d, e, "read the activity");
    db_bind_int64(st, 1, s->activity_id);
    int r = db_step(st);
    char first[11] = "", last[11] = "";
    if (r == DB_ROW) {
        hh_strlcpy(first, db_col_text(st, 0), sizeof first);
        hh_strlcpy(last, db_col_text(st, 1), sizeof last);
    }
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the activity");
    if (*first && strcmp(s->date, first) < 0)
        return act_fail(e, "session_date_range", "date", "Datoen %s ligger før aktivitetens første dato %s", s->date,
                        first);
    if (*last && strcmp(s->date, last) > 0)
        return act_fail(e, "session_date_range", "date", "Datoen %s ligger efter aktivitetens sidste dato %s", s->date,
                        last);
    if (!act_time_valid(s->start_time))
        return hh_fail(e, HH_ERR_INPUT, "start_time", "Starttid skal skrives TT:MM");
    int64_t sum = 0;
    for (int g = 0; g < GENDER_COUNT; g++)
        for (int k = 0; k < AGE_COUNT; k++) {
            if (s->counts[g][k] < 0)
                return hh_fail(e, HH_ERR_INPUT, "counts", "Antal deltagere kan ikke være negativt (%s, %s)",
                               act_gender_label[g], act_age_label[k]);
            sum += s->counts[g][k];
        }
    if (sum > 100000)
        return hh_fail(e, HH_ERR_INPUT, "counts", "Deltagere: højst 100.000 pr. møde");
    s->participants = (int)sum;
    if (s->new_participants < 0)
        return hh_fail(e, HH_ERR_INPUT, "new_participants", "Antal nye kan ikke være negativt");
    if (s->volunteers < 0)
        return hh_fail(e, HH_ERR_INPUT, "volunteers", "Antal frivillige kan ikke være negativt");
    if (s->note && plan_utf8_len(s->note) > 4000)
        return hh_fail(e, HH_ERR_INPUT, "note", "Noten må højst være 4000 tegn");
    const char **keys = NULL;
    if (s->nkeys > 0) {
        if (!s->keys)
            return act_fail(e, "keys_match_count", "keys", "Deltagernøgler: ingen angivet");
        keys = arena_alloc(a, s->nkeys * sizeof *keys);
        for (size_t i = 0; i < s->nkeys; i++) {
            char norm[32];
            if (!act_key_normalise(s->keys[i], norm, sizeof norm))
                return act_fail(e, "key_not_personal", "keys", "Deltagernøgle nr. %zu kan ikke bruges", i + 1);
            for (size_t j = 0; j < i; j++)
                if (strcmp(keys[j], norm) == 0)
                    return act_fail(e, "keys_match_count", "keys", "Deltagernøglen %s er angivet to gange", norm);
            keys[i] = arena_strdup(a, norm);
        }
        if ((int64_t)s->nkeys != sum)
            return act_fail(e, "keys_match_count", "keys", "%zu deltagernøgler til %lld deltagere", s->nkeys,
                            (long long)sum);
    } else if (s->new_participants > s->participants) {
        return act_fail(e, "new_le_participants", "new_participants", "Nye deltagere: %d af %d i alt",
                        s->new_participants, s->participants);
    }
    *keys_out = keys;
    return HH_OK;
}

static hh_err exec_id(db *d, const char *sql, int64_t id, const char *what, hh_error *e)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, what);
    db_bind_int64(st, 1, id);
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, what) : HH_OK;
}

static hh_err write_session(db *d, const principal *p, int64_t plan_id, act_session *s, const char **keys,
                            bool *constraint, hh_error *e)
{
    char now[21];
    hh_utc_iso(now);
    bool creating = s->id <= 0;
    db_stmt *st;
    if (creating)
        st = db_prepare(d, "INSERT INTO activity_session (date, start_time, participants, new_participants,"
                           " volunteers, note, user_name, recorded_at, activity_id, client_token, user_id)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    else
        st = db_prepare(d, "UPDATE activity_session SET date = ?, start_time = ?, participants = ?,"
                           " new_participants = ?, volunteers = ?, note = ?, user_name = ?, recorded_at = ?"
                           " WHERE activity_id = ? AND id = ?");
    if (!st)
        return db_fail(d, e, "save the session");
    db_bind_text(st, 1, s->date);
    db_bind_text(st, 2, s->start_time ? s->start_time : "");
    db_bind_int64(st, 3, s->participants);
    /* keyed sessions: recomputed below */
    db_bind_int64(st, 4, s->nkeys ? 0 : s->new_participants);
    db_bind_int64(st, 5, s->volunteers);
    db_bind_text(st, 6, s->note ? s->note : "");
    db_bind_text(st, 7, plan_user_name(p));
    db_bind_text(st, 8, now);
    db_bind_int64(st, 9, s->activity_id);
    int r;
    if (creating) {
        if (s->client_token && *s->client_token)
            db_bind_text(st, 10, s->client_token);
        else
            db_bind_null(st, 10);
        if (p && p->user_id > 0)
            db_bind_int64(st, 11, p->user_id);
        else
            db_bind_null(st, 11);
        r = db_step(st);
        if (r == DB_ROW)
            s->id = db_col_int64(st, 0);
    } else {
        db_bind_int64(st, 10, s->id);
        r = db_step(st);
    }
    db_done(st);
    if (r == DB_ERROR) {
        *constraint = db_last_was_constraint(d);
        return db_fail(d, e, "save the session");
    }
    hh_err rc;
    if ((rc = exec_id(d, "DELETE FROM session_count WHERE session_id = ?", s->id, "save the counts", e)) ||
        (rc = exec_id(d, "DELETE FROM session_participant WHERE session_id = ?", s->id, "save the keys", e)))
        return rc;
    for (int g = 0; g < GENDER_COUNT; g++)
        for (int k = 0; k < AGE_COUNT; k++) {
            if (s->counts[g][k] <= 0)
                continue;
            st = db_prepare(d, "INSERT INTO session_count (session_id, gender, age_band, n) VALUES (?, ?, ?, ?)");
            if (!st)
                return db_fail(d, e, "save the counts");
            db_bind_int64(st, 1, s->id);
            db_bind_text(st, 2, act_gender_code[g]);
            db_bind_text(st, 3, act_age_code[k]);
            db_bind_int64(st, 4, s->counts[g][k]);
            r = db_step(st);
            db_done(st);
            if (r == DB_ERROR)
                return db_fail(d, e, "save the counts");
        }
    for (size_t i = 0; i < s->nkeys; i++) {
        st = db_prepare(d, "INSERT INTO participant (plan_id, key, created_at) VALUES (?, ?, ?)"
                           " ON CONFLICT (plan_id, key) DO NOTHING");
        if (!st)
            return db_fail(d, e, "save the keys");
        db_bind_int64(st, 1, plan_id);
        db_bind_text(st, 2, keys[i]);
        db_bind_text(st, 3, now);
        r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            return db_fail(d, e, "save the keys");
        st = db_prepare(d, "INSERT INTO session_participant (session_id, participant_id) SELECT ?, id FROM"
                           " participant WHERE plan_id = ? AND key = ?");
        if (!st)
            return db_fail(d, e, "save the keys");
        db_bind_int64(st, 1, s->id);
        db_bind_int64(st, 2, plan_id);
        db_bind_text(st, 3, keys[i]);
        r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            return db_fail(d, e, "save the keys");
    }
    if (s->nkeys) {
        /* new to the activity: keys without an earlier session (date, start time, id) */
        st = db_prepare(d, "UPDATE activity_session SET new_participants = (SELECT COUNT(*) FROM session_participant"
                           " sp WHERE sp.session_id = activity_session.id AND NOT EXISTS (SELECT 1 FROM"
                           " session_participant sp2 JOIN activity_session s2 ON s2.id = sp2.session_id WHERE"
                           " sp2.participant_id = sp.participant_id AND s2.activity_id = activity_session.activity_id"
                           " AND (s2.date < activity_session.date OR (s2.date = activity_session.date AND"
                           " (s2.start_time < activity_session.start_time OR (s2.start_time ="
                           " activity_session.start_time AND s2.id < activity_session.id)))))) WHERE id = ?");
        if (!st)
            return db_fail(d, e, "save the session");
        db_bind_int64(st, 1, s->id);
        r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            return db_fail(d, e, "save the session");
    }
    return HH_OK;
}

hh_err act_participants_prune(db *d, int64_t plan_id, hh_error *e)
{
    return exec_id(d,
                   "DELETE FROM participant WHERE plan_id = ? AND NOT EXISTS (SELECT 1 FROM session_participant sp"
                   " WHERE sp.participant_id = participant.id)",
                   plan_id, "remove unused keys", e);
}

hh_err act_session_put(db *d, const principal *p, arena *a, act_session *s, hh_error *e)
{
    plan pl;
    hh_err rc = act_activity_plan(d, p, a, s->activity_id, true, &pl, e);
    if (rc)
        return rc;
    bool creating = s->id <= 0;
    bool has_token = creating && s->client_token && *s->client_token;
    if (has_token) {
        int64_t found, found_activity;
        if (strlen(s->client_token) > 100)
            return hh_fail(e, HH_ERR_INPUT, "client_token", "Formularens nøgle er for lang");
        if ((rc = token_lookup(d, s->client_token, &found, &found_activity, e)))
            return rc;
        if (found)
            return token_answer(d, found_activity, s, found, e);
    }
    if (!creating) {
        char msg[96];
        snprintf(msg, sizeof msg, "Mødet %lld findes ikke i aktiviteten", (long long)s->id);
        rc = act_row_in(d, "SELECT COUNT(*) FROM activity_session WHERE id = ? AND activity_id = ?", s->id,
                        s->activity_id, "read the session", "id", msg, e);
        if (rc)
            return rc;
    }
    const char **keys = NULL;
    if ((rc = validate_session(d, a, s, &keys, e)))
        return rc;
    bool own, constraint = false;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    rc = write_session(d, p, pl.id, s, keys, &constraint, e);
    if (rc == HH_OK && !creating)
        rc = act_participants_prune(d, pl.id, e);
    if (rc == HH_OK)
        rc = act_bump(d, e);
    rc = plan_tx_end(d, own, rc, e);
    if (rc == HH_OK) {
        s->keyed = s->nkeys > 0;
        return HH_OK;
    }
    if (creating)
        s->id = 0;
    if (constraint) {
        /* the same form saved meanwhile by a retry: answer with that session */
        if (has_token) {
            int64_t found, found_activity;
            hh_error e2 = { 0 };
            if (token_lookup(d, s->client_token, &found, &found_activity, &e2) == HH_OK && found)
                return token_answer(d, found_activity, s, found, e);
        }
        return hh_fail(e, HH_ERR_CONFLICT, "date", "Der er allerede registreret et møde %s%s%s for aktiviteten",
                       s->date, s->start_time && *s->start_time ? " kl. " : "", s->start_time ? s->start_time : "");
    }
    return rc;
}

hh_err act_session_delete(db *d, const principal *p, int64_t id, hh_error *e)
{
    arena a;
    arena_init(&a);
    char missing[96];
    snprintf(missing, sizeof missing, "Mødet %lld findes ikke", (long long)id);
    int64_t activity_id;
    hh_err rc = act_lookup_id(d, "SELECT activity_id FROM activity_session WHERE id = ?", id, "read the session", "id",
                              missing, &activity_id, e);
    plan pl;
    if (rc == HH_OK)
        rc = act_activity_plan(d, p, &a, activity_id, true, &pl, e);
    arena_free(&a);
    if (rc == HH_ERR_NOTFOUND)
        return hh_fail(e, HH_ERR_NOTFOUND, "id", "Mødet %lld findes ikke", (long long)id);
    if (rc)
        return rc;
    return plan_delete_tx(d, pl.id, id,
                          "DELETE FROM activity_session WHERE activity_id IN (SELECT id FROM activity WHERE"
                          " plan_id = ?) AND id = ?",
                          "delete the session", "Mødet findes ikke", act_after_delete_prune, e);
}
