/* api_activities.c - activities, attendance and involvement under /api/v1/
 * (DOMAIN.md §4-§5, domain/activities.h): a plan's activities and their
 * status history, sessions with counts by gender and age band and optional
 * participant keys, attendance figures and reach, involvement per phase with
 * the portfolio matrix and its trend, outreach, resident roles, courses,
 * stories, and the code lists clients build their forms from.
 *
 * This layer only translates, like api_plans.c: strict JSON in, the
 * domain's answer out; scope and rules live in the domain (404 outside the
 * scope, 403 visible but not writable, 422 with rule and field).
 *
 * Small numbers: a reader who may not write the plan gets person counts of
 * 1-4 as null, and the object holding them lists their paths in
 * "suppressed" (e.g. "counts.female.child"); participant keys are never sent
 * to such a reader. */
#include "web/api_activities.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "domain/activities.h"
#include "domain/plans.h"
#include "http/json.h"
#include "web/api_util.h"
#include "web/auth_web.h"
#include "web/pages.h"

/* ---- small-number suppression ---- */

enum { SUPP_MAX = 96 };

/* The person counts of one JSON object: hide (the reader is outside the
 * team) and the paths hidden so far. */
typedef struct supp {
    bool hide;
    size_t n;
    const char *paths[SUPP_MAX];
} supp;

/* "key": n, or null when hidden (the path, prefix.key, is noted). */
static void kcount(jw *w, arena *a, supp *s, const char *prefix, const char *key, int64_t n)
{
    jw_key(w, key);
    if (s && s->hide && act_count_hidden(n, true)) {
        jw_null(w);
        if (s->n < SUPP_MAX)
            s->paths[s->n++] = prefix ? arena_printf(a, "%s.%s", prefix, key) : key;
    } else {
        jw_int(w, n);
    }
}

/* The same with the hide flag of complementary suppression (act_hidden). */
static void kcount_h(jw *w, arena *a, supp *s, const char *prefix, const char *key, int64_t n, unsigned char hide)
{
    if (s && s->hide && hide && !act_count_hidden(n, true)) {
        jw_key(w, key);
        jw_null(w);
        if (s->n < SUPP_MAX)
            s->paths[s->n++] = prefix ? arena_printf(a, "%s.%s", prefix, key) : key;
        return;
    }
    kcount(w, a, s, prefix, key, n);
}

static void ksuppressed(jw *w, const supp *s)
{
    jw_key(w, "suppressed");
    jw_arr(w);
    for (size_t i = 0; s && i < s->n; i++)
        jw_str(w, s->paths[i]);
    jw_arr_end(w);
}

/* ---- the strict session body (pure, fuzzed) ---- */

static const char *const session_keys[] = { "date", "start_time",   "counts", "new_participants", "volunteers", "keys",
                                            "note", "client_token", NULL };

hh_err act_session_from_json(json_t *o, act_session *s, arena *a, hh_error *e)
{
    jr r = { .a = a, .e = e };
    hh_error_clear(e);
    if (!jr_keys(&r, o, NULL, session_keys))
        return HH_ERR_INPUT;
    jr_str(&r, o, NULL, "date", NULL, &s->date);
    jr_str(&r, o, NULL, "start_time", "", &s->start_time);
    json_t *counts = json_object_get(o, "counts");
    if (counts && !r.bad) {
        static const char *const genders[] = { "female", "male", "other", NULL };
        static const char *const ages[] = { "child", "youth", "young_adult", "adult", "senior", NULL };
        if (jr_keys(&r, counts, "counts", genders)) {
            memset(s->counts, 0, sizeof s->counts);
            for (int g = 0; g < GENDER_COUNT && !r.bad; g++) {
                json_t *row = json_object_get(counts, act_gender_code[g]);
                if (!row)
                    continue;
                const char *prefix = arena_printf(a, "counts.%s", act_gender_code[g]);
                if (!jr_keys(&r, row, prefix, ages))
                    break;
                for (int k = 0; k < AGE_COUNT; k++)
                    jr_int(&r, row, prefix, act_age_code[k], 0, 100000, &s->counts[g][k]);
            }
            int sum = 0;
            for (int g = 0; g < GENDER_COUNT; g++)
                for (int k = 0; k < AGE_COUNT; k++)
                    sum += s->counts[g][k];
            s->participants = sum;
        }
    }
    jr_int(&r, o, NULL, "new_participants", 0, 100000, &s->new_participants);
    jr_int(&r, o, NULL, "volunteers", 0, 100000, &s->volunteers);
    json_t *keys = json_object_get(o, "keys");
    if (keys && json_is_null(keys)) {
        s->keys = NULL;
        s->nkeys = 0;
    } else {
        const char *const *xs = NULL;
        size_t n = 0;
        bool present = false;
        jr_strings(&r, o, "keys", &present, &xs, &n);
        if (present && !r.bad) {
            s->keys = (const char **)xs;
            s->nkeys = n;
        }
    }
    jr_str(&r, o, NULL, "note", "", &s->note);
    json_t *tok = json_object_get(o, "client_token");
    if (tok && json_is_null(tok))
        s->client_token = NULL;
    else
        jr_str(&r, o, NULL, "client_token", NULL, &s->client_token);
    if (!r.bad && s->client_token && (!*s->client_token || strlen(s->client_token) > 100))
        jr_fail(&r, "client_token", "forventede 1 til 100 tegn");
    return r.bad ? HH_ERR_INPUT : HH_OK;
}

/* ---- loading the path's objects ---- */

/* Whether the caller may write the plan (sees keys and small numbers);
 * false with rc set when the plan cannot be read. */
static bool writer_of(http_req *req, int64_t plan_id, bool *may_write)
{
    plan pl;
    hh_error e;
    hh_err rc = plan_get(req->db, web_principal(req), &req->a, plan_id, &pl, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a plan");
        return false;
    }
    *may_write = plan_may_write(web_principal(req), &pl);
    return true;
}

/* The activity of the path (placeholder param); false after answering. */
static bool load_activity(http_req *req, const char *param, activity *x, bool *may_write)
{
    int64_t id;
    if (!api_path_id(req, param, &id))
        return false;
    hh_error e;
    hh_err rc = activity_get(req->db, web_principal(req), &req->a, id, x, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading an activity");
        return false;
    }
    return !may_write || writer_of(req, x->plan_id, may_write);
}

/* The plan of the path and whether the caller may write it. */
static bool load_plan_w(http_req *req, plan *pl, bool *may_write)
{
    if (!api_load_plan(req, pl))
        return false;
    *may_write = plan_may_write(web_principal(req), pl);
    return true;
}

/* ?name= as an id (absent: dflt); false after answering 422. */
static bool query_id(http_req *req, const char *name, int64_t dflt, int64_t *out)
{
    const char *s = http_query(req, name);
    *out = dflt;
    if (!s || !*s)
        return true;
    if (!hh_parse_int64(s, strlen(s), out) || *out < 0) {
        api_invalid(req, name, "%s: forventede et id", name);
        return false;
    }
    return true;
}

/* ---- activities ---- */

/* hide: the attendances' flag (activity_attendance_hidden). */
static void json_activity(http_req *req, jw *w, const activity *x, bool may_write, unsigned char hide)
{
    supp s = { .hide = !may_write };
    jw_obj(w);
    jw_kint(w, "id", x->id);
    jw_kint(w, "plan_id", x->plan_id);
    jw_kstr(w, "plan_name", x->plan_name);
    jw_kstr(w, "name", x->name);
    jw_kstr(w, "description", x->description);
    api_kstr_or_null(w, "focus", x->focus);
    api_kbits(w, "categories", x->categories, act_category_code, CAT_COUNT);
    api_kbits(w, "target_groups", x->targets, act_target_code, TG_COUNT);
    api_kbits(w, "kram", x->kram, act_kram_code, KRAM_COUNT);
    api_kbits(w, "channels", x->channels, act_channel_code, CHN_COUNT);
    jw_kstr(w, "format", act_format_code[x->format]);
    jw_kstr(w, "place", x->place);
    jw_kstr(w, "responsible_kind", act_responsible_code[x->responsible_kind]);
    jw_kstr(w, "responsible", x->responsible);
    api_kid_or_null(w, "responsible_partner_id", x->responsible_partner_id);
    api_kstr_or_null(w, "responsible_partner_name", x->responsible_partner_name);
    jw_kstr(w, "idea_source", act_idea_source_code[x->idea_source]);
    jw_kbool(w, "in_application", x->in_application);
    jw_kstr(w, "status", act_status_code[x->status]);
    jw_kstr(w, "status_label", act_status_label[x->status]);
    jw_kstr(w, "schedule", act_schedule_code[x->schedule]);
    api_kstr_or_null(w, "first_date", x->first_date);
    api_kstr_or_null(w, "last_date", x->last_date);
    api_kstr_or_null(w, "start_time", x->start_time);
    api_kstr_or_null(w, "end_time", x->end_time);
    jw_key(w, "exceptions");
    jw_arr(w);
    for (size_t i = 0; i < x->nexceptions; i++)
        jw_str(w, x->exceptions[i]);
    jw_arr_end(w);
    jw_key(w, "partners");
    jw_arr(w);
    for (size_t i = 0; i < x->npartners; i++) {
        jw_obj(w);
        jw_kint(w, "partner_id", x->partners[i].partner_id);
        jw_kstr(w, "partner_name", x->partners[i].partner_name);
        jw_kstr(w, "role", coop_purpose_code[x->partners[i].role]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_kint(w, "sessions", x->sessions);
    kcount_h(w, &req->a, &s, NULL, "attendances", x->attendances, hide);
    api_kstr_or_null(w, "last_session", x->last_session);
    jw_kstr(w, "created_at", x->created_at);
    jw_kstr(w, "updated_at", x->updated_at);
    jw_kbool(w, "may_write", may_write);
    ksuppressed(w, &s);
    jw_obj_end(w);
}

static const char *const activity_keys[] = { "name",
                                             "description",
                                             "focus",
                                             "categories",
                                             "target_groups",
                                             "kram",
                                             "channels",
                                             "format",
                                             "place",
                                             "responsible_kind",
                                             "responsible",
                                             "responsible_partner_id",
                                             "idea_source",
                                             "in_application",
                                             "status",
                                             "schedule",
                                             "first_date",
                                             "last_date",
                                             "start_time",
                                             "end_time",
                                             "exceptions",
                                             "partners",
                                             NULL };

/* The body over x (absent keys keep x's values; lists replace). */
static bool read_activity(http_req *req, json_t *o, bool create, activity *x)
{
    jr r = { .req = req };
    if (create)
        jr_required(&r, o, "name");
    jr_str(&r, o, NULL, "name", NULL, &x->name);
    jr_str(&r, o, NULL, "description", "", &x->description);
    jr_str(&r, o, NULL, "focus", "", &x->focus);
    jr_bits(&r, o, "categories", act_category_code, CAT_COUNT, &x->categories);
    jr_bits(&r, o, "target_groups", act_target_code, TG_COUNT, &x->targets);
    jr_bits(&r, o, "kram", act_kram_code, KRAM_COUNT, &x->kram);
    jr_bits(&r, o, "channels", act_channel_code, CHN_COUNT, &x->channels);
    int v = (int)x->format;
    jr_enum(&r, o, NULL, "format", act_format_code, FMT_COUNT, -2, &v);
    x->format = (act_format)v;
    jr_str(&r, o, NULL, "place", "", &x->place);
    v = (int)x->responsible_kind;
    jr_enum(&r, o, NULL, "responsible_kind", act_responsible_code, RESP_COUNT, -2, &v);
    x->responsible_kind = (act_responsible)v;
    jr_str(&r, o, NULL, "responsible", "", &x->responsible);
    json_t *rp = json_object_get(o, "responsible_partner_id");
    if (rp && json_is_null(rp))
        x->responsible_partner_id = 0;
    else
        jr_int64(&r, o, NULL, "responsible_partner_id", 1, INT64_MAX, &x->responsible_partner_id);
    v = (int)x->idea_source;
    jr_enum(&r, o, NULL, "idea_source", act_idea_source_code, IDEA_COUNT, -2, &v);
    x->idea_source = (act_idea_source)v;
    jr_bool(&r, o, NULL, "in_application", &x->in_application);
    v = (int)x->status;
    jr_enum(&r, o, NULL, "status", act_status_code, AS_COUNT, -2, &v);
    x->status = (act_status)v;
    v = (int)x->schedule;
    jr_enum(&r, o, NULL, "schedule", act_schedule_code, SCHED_COUNT, -2, &v);
    x->schedule = (act_schedule)v;
    jr_str(&r, o, NULL, "first_date", "", &x->first_date);
    jr_str(&r, o, NULL, "last_date", "", &x->last_date);
    jr_str(&r, o, NULL, "start_time", "", &x->start_time);
    jr_str(&r, o, NULL, "end_time", "", &x->end_time);
    const char *const *xs;
    size_t n;
    bool present = false;
    jr_strings(&r, o, "exceptions", &present, &xs, &n);
    if (present && !r.bad) {
        x->exceptions = (const char **)xs;
        x->nexceptions = n;
    }
    json_t *ps = json_object_get(o, "partners");
    if (ps && !r.bad) {
        static const char *const partner_keys[] = { "partner_id", "role", NULL };
        if (!json_is_array(ps)) {
            jr_fail(&r, "partners", "forventede en liste af {partner_id, role}");
        } else {
            size_t len = json_array_size(ps);
            act_partner *ap = arena_zalloc(&req->a, (len ? len : 1) * sizeof *ap);
            for (size_t i = 0; i < len && !r.bad; i++) {
                json_t *p = json_array_get(ps, i);
                const char *prefix = arena_printf(&req->a, "partners[%zu]", i);
                if (!jr_keys(&r, p, prefix, partner_keys))
                    break;
                if (!json_object_get(p, "partner_id"))
                    jr_fail(&r, arena_printf(&req->a, "%s.partner_id", prefix), "mangler");
                int role = CP_DELIVERY;
                jr_int64(&r, p, prefix, "partner_id", 1, INT64_MAX, &ap[i].partner_id);
                jr_enum(&r, p, prefix, "role", coop_purpose_code, CP_COUNT, -2, &role);
                ap[i].role = (coop_purpose)role;
            }
            x->partners = ap;
            x->npartners = len;
        }
    }
    return !r.bad;
}

void api_plan_activities(http_req *req)
{
    plan pl;
    bool mw;
    if (!load_plan_w(req, &pl, &mw))
        return;
    activity_filter f = { .plan_id = pl.id, .status = -1, .category = -1 };
    const char *s;
    if ((s = http_query(req, "status")) && *s && (f.status = plan_enum_find(act_status_code, AS_COUNT, s)) < 0) {
        api_invalid(req, "status", "status: ukendt status »%s«", s);
        return;
    }
    if ((s = http_query(req, "category")) && *s && (f.category = plan_enum_find(act_category_code, CAT_COUNT, s)) < 0) {
        api_invalid(req, "category", "category: ukendt kategori »%s«", s);
        return;
    }
    if ((s = http_query(req, "q")) && *s)
        f.q = s;
    activity *xs;
    size_t n;
    hh_error e;
    hh_err rc = activity_list(req->db, web_principal(req), &req->a, &f, &xs, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "listing activities");
        return;
    }
    unsigned char *hide = arena_zalloc(&req->a, n ? n : 1);
    rc = activity_attendance_hidden(req->db, web_principal(req), &req->a, pl.id, xs, n, !mw, hide, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "listing activities");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "plan_id", pl.id);
    jw_kbool(&w, "may_write", mw);
    jw_key(&w, "activities");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++)
        json_activity(req, &w, &xs[i], mw, hide[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* Answers with the activity as the caller now sees it. */
static void respond_activity(http_req *req, int64_t id, int status)
{
    activity x;
    hh_error e;
    bool mw;
    hh_err rc = activity_get(req->db, web_principal(req), &req->a, id, &x, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading an activity");
        return;
    }
    if (!writer_of(req, x.plan_id, &mw))
        return;
    unsigned char hide = 0;
    rc = activity_attendance_hidden(req->db, web_principal(req), &req->a, x.plan_id, &x, 1, !mw, &hide, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading an activity");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    json_activity(req, &w, &x, mw, hide);
    api_respond(req, status);
}

static void put_activity(http_req *req, bool create)
{
    activity x = { .name = "",
                   .description = "",
                   .focus = "",
                   .format = FMT_TEAM,
                   .place = "",
                   .responsible_kind = RESP_STAFF,
                   .responsible = "",
                   .idea_source = IDEA_STAFF,
                   .status = AS_IDEA,
                   .schedule = SCHED_ONE_OFF,
                   .first_date = "",
                   .last_date = "",
                   .start_time = "",
                   .end_time = "" };
    if (create) {
        plan pl;
        if (!api_load_plan(req, &pl))
            return;
        x.plan_id = pl.id;
    } else if (!load_activity(req, "activity", &x, NULL)) {
        return;
    }
    json_t *body = api_body(req, activity_keys);
    if (!body)
        return;
    hh_error e;
    hh_err rc = HH_ERR_USAGE;
    if (read_activity(req, body, create, &x))
        rc = activity_put(req->db, web_principal(req), &req->a, &x, &e);
    json_decref(body);
    if (rc == HH_ERR_USAGE)
        return;
    if (rc) {
        api_domain_error(req, rc, &e, "saving an activity");
        return;
    }
    respond_activity(req, x.id, create ? 201 : 200);
}

void api_plan_activity_create(http_req *req)
{
    put_activity(req, true);
}

void api_activity(http_req *req)
{
    activity x;
    bool mw;
    if (!load_activity(req, "activity", &x, &mw))
        return;
    unsigned char hide = 0;
    hh_error e;
    hh_err rc = activity_attendance_hidden(req->db, web_principal(req), &req->a, x.plan_id, &x, 1, !mw, &hide, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading an activity");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    json_activity(req, &w, &x, mw, hide);
    api_respond(req, 200);
}

void api_activity_update(http_req *req)
{
    put_activity(req, false);
}

void api_activity_delete(http_req *req)
{
    activity x;
    if (!load_activity(req, "activity", &x, NULL))
        return;
    hh_error e;
    hh_err rc = activity_delete(req->db, web_principal(req), x.id, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "deleting an activity");
        return;
    }
    api_no_content(req);
}

/* {"status":"running","date":"2024-03-01"} */
void api_activity_status(http_req *req)
{
    activity x;
    if (!load_activity(req, "activity", &x, NULL))
        return;
    static const char *const keys[] = { "status", "date", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    jr r = { .req = req };
    int st = -1;
    const char *date = NULL;
    jr_required(&r, body, "status");
    jr_enum(&r, body, NULL, "status", act_status_code, AS_COUNT, -2, &st);
    jr_str(&r, body, NULL, "date", "", &date);
    hh_error e;
    hh_err rc = HH_ERR_USAGE;
    if (!r.bad)
        rc = activity_status_set(req->db, web_principal(req), &req->a, x.id, (act_status)st,
                                 date && *date ? date : NULL, &e);
    json_decref(body);
    if (rc == HH_ERR_USAGE)
        return;
    if (rc) {
        api_domain_error(req, rc, &e, "changing an activity's status");
        return;
    }
    respond_activity(req, x.id, 200);
}

void api_activity_status_history(http_req *req)
{
    activity x;
    if (!load_activity(req, "activity", &x, NULL))
        return;
    act_status_change *h;
    size_t n;
    hh_error e;
    hh_err rc = activity_status_history(req->db, &req->a, x.id, &h, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading an activity's status history");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "activity_id", x.id);
    jw_kstr(&w, "status", act_status_code[x.status]);
    jw_key(&w, "history");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj(&w);
        jw_kstr(&w, "status", act_status_code[h[i].status]);
        jw_kstr(&w, "status_label", act_status_label[h[i].status]);
        jw_kstr(&w, "effective", h[i].effective);
        jw_kstr(&w, "user_name", h[i].user_name);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* ---- sessions ---- */

/* counts as {gender: {age: n}}, cells noted under prefix "counts". */
static void json_counts(http_req *req, jw *w, supp *s, const char *key, const int64_t c[GENDER_COUNT][AGE_COUNT],
                        const unsigned char h[GENDER_COUNT][AGE_COUNT])
{
    jw_key(w, key);
    jw_obj(w);
    for (int g = 0; g < GENDER_COUNT; g++) {
        jw_key(w, act_gender_code[g]);
        jw_obj(w);
        const char *prefix = arena_printf(&req->a, "%s.%s", key, act_gender_code[g]);
        for (int k = 0; k < AGE_COUNT; k++)
            kcount_h(w, &req->a, s, prefix, act_age_code[k], c[g][k], h[g][k]);
        jw_obj_end(w);
    }
    jw_obj_end(w);
}

/* h: the session's hide flags under complementary suppression; NULL for
 * a session shown alone. */
static void json_session(http_req *req, jw *w, const act_session *x, bool may_write, const act_session_hidden *h)
{
    supp s = { .hide = !may_write };
    act_session_hidden alone;
    if (!h) {
        act_sessions_suppress(x, 1, NULL, !may_write, &alone, NULL);
        h = &alone;
    }
    int64_t c[GENDER_COUNT][AGE_COUNT];
    for (int g = 0; g < GENDER_COUNT; g++)
        for (int k = 0; k < AGE_COUNT; k++)
            c[g][k] = x->counts[g][k];
    jw_obj(w);
    jw_kint(w, "id", x->id);
    jw_kint(w, "activity_id", x->activity_id);
    jw_kstr(w, "activity_name", x->activity_name);
    jw_kstr(w, "date", x->date);
    api_kstr_or_null(w, "start_time", x->start_time);
    json_counts(req, w, &s, "counts", c, h->counts);
    kcount_h(w, &req->a, &s, NULL, "participants", x->participants, h->participants);
    kcount_h(w, &req->a, &s, NULL, "new_participants", x->new_participants, h->new_participants);
    kcount_h(w, &req->a, &s, NULL, "returning_participants", x->participants - x->new_participants, h->returning);
    kcount_h(w, &req->a, &s, NULL, "volunteers", x->volunteers, h->volunteers);
    jw_kbool(w, "keyed", x->keyed);
    if (may_write) {
        jw_key(w, "keys");
        jw_arr(w);
        for (size_t i = 0; i < x->nkeys; i++)
            jw_str(w, x->keys[i]);
        jw_arr_end(w);
    }
    jw_kstr(w, "note", x->note);
    if (may_write) /* the team's forms only */
        api_kstr_or_null(w, "client_token", x->client_token);
    jw_kstr(w, "user_name", x->user_name);
    jw_kstr(w, "recorded_at", x->recorded_at);
    ksuppressed(w, &s);
    jw_obj_end(w);
}

void api_activity_sessions(http_req *req)
{
    activity x;
    bool mw;
    int year;
    if (!load_activity(req, "activity", &x, &mw) || !api_query_year(req, &year))
        return;
    act_session *ss;
    size_t n;
    hh_error e;
    hh_err rc = act_sessions(req->db, web_principal(req), &req->a, 0, x.id, year, &ss, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading sessions");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "activity_id", x.id);
    jw_key(&w, "year");
    if (year)
        jw_int(&w, year);
    else
        jw_null(&w);
    /* Suppressed together with the totals the attendance answer shows for
     * the same activity and year, so no session is their difference. */
    att_stats t;
    rc = act_attendance(req->db, web_principal(req), &req->a, x.plan_id, x.id, year, &t, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading sessions");
        return;
    }
    act_session_hidden *hs = arena_zalloc(&req->a, (n ? n : 1) * sizeof *hs);
    act_sessions_suppress(ss, n, &t, !mw, hs, NULL);
    jw_key(&w, "sessions");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++)
        json_session(req, &w, &ss[i], mw, &hs[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* Answers with the session as the caller now sees it. */
static void respond_session(http_req *req, int64_t id, bool may_write, int status)
{
    act_session x;
    hh_error e;
    hh_err rc = act_session_get(req->db, web_principal(req), &req->a, id, &x, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a session");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    json_session(req, &w, &x, may_write, NULL);
    api_respond(req, status);
}

/* The session of the path with its activity's writer flag; false after
 * answering. */
static bool load_session(http_req *req, act_session *x, bool *may_write)
{
    int64_t id;
    if (!api_path_id(req, "session", &id))
        return false;
    hh_error e;
    hh_err rc = act_session_get(req->db, web_principal(req), &req->a, id, x, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a session");
        return false;
    }
    activity a;
    rc = activity_get(req->db, web_principal(req), &req->a, x->activity_id, &a, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading an activity");
        return false;
    }
    return writer_of(req, a.plan_id, may_write);
}

/* The session with this client token among the activity's, or 0. */
static int64_t session_by_token(http_req *req, int64_t activity_id, const char *token)
{
    int64_t id = 0;
    hh_error e;
    if (!token || act_session_by_token(req->db, activity_id, token, &id, &e) != HH_OK)
        return 0;
    return id;
}

static void put_session(http_req *req, bool create)
{
    act_session x = { .date = "", .start_time = "", .note = "" };
    bool mw = false;
    if (create) {
        activity a;
        if (!load_activity(req, "activity", &a, &mw))
            return;
        x.activity_id = a.id;
    } else if (!load_session(req, &x, &mw)) {
        return;
    }
    json_t *body = http_json_body(req);
    if (!body)
        return;
    hh_error e;
    hh_err rc = act_session_from_json(body, &x, &req->a, &e);
    json_decref(body);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a session");
        return;
    }
    if (create && !*x.date) {
        http_error_rule(req, 422, "invalid", NULL, "date: mangler", "date");
        return;
    }
    /* A phone form sent again after a lost answer: the session it made. */
    int64_t existing = create ? session_by_token(req, x.activity_id, x.client_token) : 0;
    if (existing) {
        respond_session(req, existing, mw, 200);
        return;
    }
    rc = act_session_put(req->db, web_principal(req), &req->a, &x, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "saving a session");
        return;
    }
    respond_session(req, x.id, mw, create ? 201 : 200);
}

void api_activity_session_create(http_req *req)
{
    put_session(req, true);
}

void api_session(http_req *req)
{
    act_session x;
    bool mw;
    if (!load_session(req, &x, &mw))
        return;
    jw w;
    jw_init(&w, &req->out);
    json_session(req, &w, &x, mw, NULL);
    api_respond(req, 200);
}

void api_session_update(http_req *req)
{
    put_session(req, false);
}

void api_session_delete(http_req *req)
{
    act_session x;
    bool mw;
    if (!load_session(req, &x, &mw))
        return;
    hh_error e;
    hh_err rc = act_session_delete(req->db, web_principal(req), x.id, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "deleting a session");
        return;
    }
    api_no_content(req);
}

/* ---- attendance ---- */

/* t with its hide flags h (act_attendance_hidden). */
static void json_stats(http_req *req, jw *w, const att_stats *t, bool may_write, const att_hidden *hp)
{
    supp s = { .hide = !may_write };
    att_hidden h = *hp;
    jw_obj(w);
    jw_kint(w, "sessions", t->sessions);
    jw_kint(w, "activities", t->activities);
    kcount_h(w, &req->a, &s, NULL, "attendances", t->attendances, h.attendances);
    kcount_h(w, &req->a, &s, NULL, "new_attendances", t->new_attendances, h.new_attendances);
    kcount_h(w, &req->a, &s, NULL, "returning_attendances", t->returning_attendances, h.returning_attendances);
    kcount(w, &req->a, &s, NULL, "unique", t->unique);
    jw_kbool(w, "unique_exact", t->unique_exact);
    kcount(w, &req->a, &s, NULL, "new_plan", t->new_plan);
    kcount_h(w, &req->a, &s, NULL, "volunteers", t->volunteers, h.volunteers);
    jw_key(w, "by_gender");
    jw_obj(w);
    for (int g = 0; g < GENDER_COUNT; g++)
        kcount_h(w, &req->a, &s, "by_gender", act_gender_code[g], t->by_gender[g], h.by_gender[g]);
    jw_obj_end(w);
    jw_key(w, "by_age");
    jw_obj(w);
    for (int k = 0; k < AGE_COUNT; k++)
        kcount_h(w, &req->a, &s, "by_age", act_age_code[k], t->by_age[k], h.by_age[k]);
    jw_obj_end(w);
    json_counts(req, w, &s, "counts", t->counts, h.counts);
    ksuppressed(w, &s);
    jw_obj_end(w);
}

static void json_reach(http_req *req, jw *w, const act_reach *r, bool may_write)
{
    supp s = { .hide = !may_write };
    jw_obj(w);
    jw_key(w, "year");
    if (r->year)
        jw_int(w, r->year);
    else
        jw_null(w);
    kcount(w, &req->a, &s, NULL, "unique", r->unique);
    jw_kbool(w, "exact", r->exact);
    jw_key(w, "residents");
    if (r->residents)
        jw_int(w, r->residents);
    else
        jw_null(w);
    jw_key(w, "residents_year");
    if (r->residents_year)
        jw_int(w, r->residents_year);
    else
        jw_null(w);
    /* The share would give a hidden count away. */
    bool hidden = s.n > 0;
    api_kdouble(w, "share", hidden ? NAN : r->share);
    if (hidden && s.n < SUPP_MAX)
        s.paths[s.n++] = "share";
    ksuppressed(w, &s);
    jw_obj_end(w);
}

/* ?year= (0: every year) &activity= (one activity of the plan). */
void api_plan_attendance(http_req *req)
{
    plan pl;
    bool mw;
    int year;
    int64_t activity_id;
    if (!load_plan_w(req, &pl, &mw) || !api_query_year(req, &year) || !query_id(req, "activity", 0, &activity_id))
        return;
    att_stats t;
    act_reach r;
    hh_error e;
    hh_err rc = act_attendance(req->db, web_principal(req), &req->a, pl.id, activity_id, year, &t, &e);
    /* The plan's stats are the reach's too: read the sessions once. */
    if (!rc && activity_id == 0)
        rc = act_reach_from(req->db, &req->a, pl.id, year, &t, &r, &e);
    else if (!rc)
        rc = act_reach_get(req->db, web_principal(req), &req->a, pl.id, year, &r, &e);
    att_hidden h;
    if (!rc)
        rc = act_attendance_hidden(req->db, web_principal(req), &req->a, pl.id, activity_id, year, &t, !mw, &h, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading attendance");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "plan_id", pl.id);
    api_kid_or_null(&w, "activity_id", activity_id);
    jw_key(&w, "year");
    if (year)
        jw_int(&w, year);
    else
        jw_null(&w);
    jw_kbool(&w, "suppressed_small_counts", !mw);
    jw_key(&w, "stats");
    json_stats(req, &w, &t, mw, &h);
    jw_key(&w, "reach");
    json_reach(req, &w, &r, mw);
    jw_obj_end(&w);
    api_respond(req, 200);
}

void api_plan_attendance_years(http_req *req)
{
    plan pl;
    bool mw;
    if (!load_plan_w(req, &pl, &mw))
        return;
    att_stats *t;
    int *years;
    size_t n;
    hh_error e;
    hh_err rc = act_attendance_years(req->db, web_principal(req), &req->a, pl.id, &t, &years, &n, &e);
    att_hidden *h = arena_zalloc(&req->a, (n ? n : 1) * sizeof *h);
    for (size_t i = 0; !rc && i < n; i++)
        rc = act_attendance_hidden(req->db, web_principal(req), &req->a, pl.id, 0, years[i], &t[i], !mw, &h[i], &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading attendance");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "plan_id", pl.id);
    jw_key(&w, "years");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj(&w);
        jw_kint(&w, "year", years[i]);
        jw_key(&w, "stats");
        json_stats(req, &w, &t[i], mw, &h[i]);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* ---- the sub-resources of a plan: involvement, outreach, courses ---- */

union sub_item {
    int64_t id;
    involvement inv;
    outreach out;
    plan_course course;
};

_Static_assert(sizeof(union sub_item) <= SUB_ITEM_MAX, "an item fits the sub-resource buffer");

static void json_involvement(jw *w, const void *item)
{
    const involvement *v = item;
    jw_obj(w);
    jw_kint(w, "id", v->id);
    jw_kint(w, "plan_id", v->plan_id);
    api_kid_or_null(w, "activity_id", v->activity_id);
    api_kstr_or_null(w, "activity_name", v->activity_name);
    jw_kint(w, "year", v->year);
    jw_kstr(w, "phase", inv_phase_code[v->phase]);
    jw_kstr(w, "phase_label", inv_phase_label[v->phase]);
    jw_kstr(w, "type", inv_type_code[v->type]);
    jw_kstr(w, "type_label", inv_type_label[v->type]);
    api_kid_or_null(w, "hart_rung", v->hart_rung);
    jw_key(w, "answers");
    jw_obj(w);
    for (int q = 0; q < INV_QUESTIONS; q++)
        jw_kstr(w, inv_question_code[q], v->answers[q] ? v->answers[q] : "");
    jw_obj_end(w);
    jw_kstr(w, "user_name", v->user_name);
    jw_kstr(w, "updated_at", v->updated_at);
    jw_obj_end(w);
}

static hh_err involvement_items(http_req *req, const api_owner *o, void **items, size_t *n, hh_error *e)
{
    involvement *v = NULL;
    hh_err rc = involvement_list(req->db, web_principal(req), &req->a, o->pl.id, -1, 0, &v, n, e);
    *items = v;
    return rc;
}

static const sub_kind involvement_kind = {
    .param = "involvement",
    .list_key = "involvement",
    .missing = "Registreringen af inddragelse findes ikke i planen.",
    .reading = "reading involvement",
    .saving = "saving involvement",
    .deleting = "deleting involvement",
    .size = sizeof(involvement),
    .list = involvement_items,
    .plan_del = involvement_delete,
};

/* ?year= (0: all) &activity= (absent: all, 0: the plan as a whole, N: one). */
void api_plan_involvement(http_req *req)
{
    plan pl;
    int year;
    int64_t activity_id;
    if (!api_load_plan(req, &pl) || !api_query_year(req, &year) || !query_id(req, "activity", -1, &activity_id))
        return;
    involvement *v;
    size_t n;
    hh_error e;
    hh_err rc = involvement_list(req->db, web_principal(req), &req->a, pl.id, activity_id, year, &v, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading involvement");
        return;
    }
    api_respond_list(req, api_head_ids, &(api_ids){ .k1 = "plan_id", .v1 = pl.id }, "involvement", v, n, sizeof *v,
                     json_involvement);
}

/* One record: {"activity_id":null|N,"year":Y,"phase":…,"type":…,
 * "hart_rung":null|1-8,"answers":{"involved":…,…}} replaces the (plan or
 * activity, year, phase) record. */
void api_plan_involvement_put(http_req *req)
{
    plan pl;
    if (!api_load_plan(req, &pl))
        return;
    static const char *const keys[] = { "activity_id", "year", "phase", "type", "hart_rung", "answers", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    jr r = { .req = req };
    involvement v = { .plan_id = pl.id };
    for (int q = 0; q < INV_QUESTIONS; q++)
        v.answers[q] = "";
    int phase = -1, type = -1;
    jr_required(&r, body, "year");
    jr_required(&r, body, "phase");
    jr_required(&r, body, "type");
    json_t *act = json_object_get(body, "activity_id");
    if (!(act && json_is_null(act)))
        jr_int64(&r, body, NULL, "activity_id", 1, INT64_MAX, &v.activity_id);
    jr_int(&r, body, NULL, "year", 2000, 2100, &v.year);
    jr_enum(&r, body, NULL, "phase", inv_phase_code, PHASE_COUNT, -2, &phase);
    jr_enum(&r, body, NULL, "type", inv_type_code, INV_COUNT, -2, &type);
    json_t *rung = json_object_get(body, "hart_rung");
    if (!(rung && json_is_null(rung)))
        jr_int(&r, body, NULL, "hart_rung", 1, 8, &v.hart_rung);
    json_t *ans = json_object_get(body, "answers");
    if (ans && !r.bad) {
        static const char *const qkeys[INV_QUESTIONS + 1] = { "involved", "role", "actors", "worked", "hard", NULL };
        if (jr_keys(&r, ans, "answers", qkeys))
            for (int q = 0; q < INV_QUESTIONS; q++)
                jr_str(&r, ans, "answers", inv_question_code[q], "", &v.answers[q]);
    }
    v.phase = (inv_phase)(phase < 0 ? 0 : phase);
    v.type = (inv_type)(type < 0 ? 0 : type);
    hh_error e;
    hh_err rc = HH_ERR_USAGE;
    if (!r.bad)
        rc = involvement_put(req->db, web_principal(req), &req->a, &v, &e);
    json_decref(body);
    if (rc == HH_ERR_USAGE)
        return;
    if (rc) {
        api_domain_error(req, rc, &e, "saving involvement");
        return;
    }
    /* Read back: names and the time of the change. */
    involvement *vs;
    size_t n;
    if ((rc = involvement_list(req->db, web_principal(req), &req->a, pl.id, v.activity_id, v.year, &vs, &n, &e))) {
        api_domain_error(req, rc, &e, "reading involvement");
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (vs[i].id == v.id || (v.id == 0 && vs[i].phase == v.phase))
            v = vs[i];
    jw w;
    jw_init(&w, &req->out);
    json_involvement(&w, &v);
    api_respond(req, 200);
}

void api_plan_involvement_delete(http_req *req)
{
    api_sub_delete(req, &involvement_kind);
}

static void json_matrix(jw *w, const void *item)
{
    const inv_matrix *m = item;
    jw_obj(w);
    jw_kint(w, "year", m->year);
    jw_kint(w, "activities", m->activities);
    jw_key(w, "phases");
    jw_arr(w);
    for (int p = 0; p < PHASE_COUNT; p++) {
        jw_obj(w);
        jw_kstr(w, "phase", inv_phase_code[p]);
        jw_kstr(w, "phase_label", inv_phase_label[p]);
        jw_key(w, "types");
        jw_obj(w);
        for (int t = 0; t < INV_COUNT; t++)
            jw_kint(w, inv_type_code[t], m->cells[p][t]);
        jw_obj_end(w);
        jw_kint(w, "unrecorded", m->unrecorded[p]);
        api_kdouble(w, "share_involved", m->share_involved[p]);
        api_kdouble(w, "share_resident_initiative", m->share_resident_initiative[p]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

void api_plan_involvement_matrix(http_req *req)
{
    plan pl;
    int year;
    if (!api_load_plan(req, &pl) || !api_query_year(req, &year))
        return;
    inv_matrix m;
    hh_error e;
    hh_err rc = involvement_matrix(req->db, web_principal(req), &req->a, pl.id, year, &m, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading the involvement matrix");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "plan_id", pl.id);
    jw_key(&w, "matrix");
    json_matrix(&w, &m);
    jw_obj_end(&w);
    api_respond(req, 200);
}

void api_plan_involvement_trend(http_req *req)
{
    plan pl;
    if (!api_load_plan(req, &pl))
        return;
    inv_matrix *m;
    size_t n;
    hh_error e;
    hh_err rc = involvement_trend(req->db, web_principal(req), &req->a, pl.id, &m, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading the involvement trend");
        return;
    }
    api_respond_list(req, api_head_ids, &(api_ids){ .k1 = "plan_id", .v1 = pl.id }, "years", m, n, sizeof *m,
                     json_matrix);
}

/* ---- outreach ---- */

static const char *const outreach_keys[] = { "activity_id", "date", "method", "contacts", "note", NULL };

static hh_err outreach_items(http_req *req, const api_owner *o, void **items, size_t *n, hh_error *e)
{
    outreach *x = NULL;
    hh_err rc = outreach_list(req->db, web_principal(req), &req->a, o->pl.id, o->year, &x, n, e);
    *items = x;
    if (rc || o->may_write)
        return rc;
    /* A reader outside the team: an entry hidden so that it is not its
     * method's total less the others is marked by a negative count (only
     * for the answer; such a reader never writes). */
    int64_t t[OUT_COUNT];
    rc = outreach_totals(req->db, web_principal(req), &req->a, o->pl.id, o->year, t, e);
    if (rc)
        return rc;
    unsigned char *h = arena_zalloc(&req->a, *n ? *n : 1), ht[OUT_COUNT + 1];
    outreach_suppress(x, *n, t, true, h, ht);
    for (size_t i = 0; i < *n; i++)
        if (h[i] == 2)
            x[i].contacts = -x[i].contacts;
    return rc;
}

static bool outreach_parse(http_req *req, json_t *body, bool create, const api_owner *o, sub_item *it)
{
    outreach *x = &it->out;
    jr r = { .req = req };
    if (create) {
        jr_required(&r, body, "date");
        jr_required(&r, body, "method");
        jr_required(&r, body, "contacts");
    }
    x->plan_id = o->pl.id;
    json_t *act = json_object_get(body, "activity_id");
    if (act && json_is_null(act))
        x->activity_id = 0;
    else
        jr_int64(&r, body, NULL, "activity_id", 1, INT64_MAX, &x->activity_id);
    jr_str(&r, body, NULL, "date", NULL, &x->date);
    int m = (int)x->method;
    jr_enum(&r, body, NULL, "method", outreach_method_code, OUT_COUNT, -2, &m);
    x->method = (outreach_method)m;
    jr_int(&r, body, NULL, "contacts", 0, 1000000, &x->contacts);
    jr_str(&r, body, NULL, "note", "", &x->note);
    return !r.bad;
}

static hh_err outreach_save(http_req *req, const api_owner *o, sub_item *it, hh_error *e)
{
    (void)o;
    return outreach_put(req->db, web_principal(req), &req->a, &it->out, e);
}

static void outreach_json(http_req *req, jw *w, const api_owner *o, const sub_item *it)
{
    const outreach *x = &it->out;
    supp s = { .hide = !o->may_write };
    jw_obj(w);
    jw_kint(w, "id", x->id);
    jw_kint(w, "plan_id", x->plan_id);
    api_kid_or_null(w, "activity_id", x->activity_id);
    api_kstr_or_null(w, "activity_name", x->activity_name);
    jw_kstr(w, "date", x->date);
    jw_kstr(w, "method", outreach_method_code[x->method]);
    jw_kstr(w, "method_label", outreach_method_label[x->method]);
    kcount_h(w, &req->a, &s, NULL, "contacts", x->contacts < 0 ? -x->contacts : x->contacts, x->contacts < 0);
    jw_kstr(w, "note", x->note);
    jw_kstr(w, "user_name", x->user_name);
    jw_kstr(w, "recorded_at", x->recorded_at);
    ksuppressed(w, &s);
    jw_obj_end(w);
}

/* "year" and "totals" (contacts per method) with their own "suppressed". */
static bool outreach_totals_json(http_req *req, jw *w, const api_owner *o)
{
    int64_t t[OUT_COUNT];
    hh_error e;
    hh_err rc = outreach_totals(req->db, web_principal(req), &req->a, o->pl.id, o->year, t, &e);
    if (rc) {
        /* The list is half written: start the answer again. */
        buf_reset(&req->out);
        api_domain_error(req, rc, &e, "reading outreach totals");
        return false;
    }
    supp s = { .hide = !o->may_write };
    outreach *x = NULL;
    size_t n = 0;
    unsigned char *h = NULL, ht[OUT_COUNT + 1] = { 0 };
    if (s.hide) {
        rc = outreach_list(req->db, web_principal(req), &req->a, o->pl.id, o->year, &x, &n, &e);
        if (rc) {
            buf_reset(&req->out);
            api_domain_error(req, rc, &e, "reading outreach totals");
            return false;
        }
        h = arena_zalloc(&req->a, n ? n : 1);
        outreach_suppress(x, n, t, true, h, ht);
    }
    jw_key(w, "year");
    if (o->year)
        jw_int(w, o->year);
    else
        jw_null(w);
    jw_key(w, "totals");
    jw_obj(w);
    for (int m = 0; m < OUT_COUNT; m++)
        kcount_h(w, &req->a, &s, "totals", outreach_method_code[m], t[m], ht[m]);
    jw_obj_end(w);
    ksuppressed(w, &s);
    return true;
}

static const sub_kind outreach_kind = {
    .param = "outreach",
    .list_key = "outreach",
    .missing = "Den opsøgende kontakt findes ikke i planen.",
    .reading = "reading outreach",
    .saving = "saving outreach",
    .deleting = "deleting outreach",
    .size = sizeof(outreach),
    .keys = outreach_keys,
    .year = true,
    .read_back = true,
    .blank = &(const sub_item){ .out = { .date = "", .method = OUT_DOOR_TO_DOOR, .note = "" } },
    .list = outreach_items,
    .parse = outreach_parse,
    .put = outreach_save,
    .plan_del = outreach_delete,
    .json = outreach_json,
    .list_extra = outreach_totals_json,
};

void api_plan_outreach(http_req *req)
{
    api_sub_list(req, &outreach_kind);
}

void api_plan_outreach_create(http_req *req)
{
    api_sub_put(req, &outreach_kind, true);
}

void api_plan_outreach_delete(http_req *req)
{
    api_sub_delete(req, &outreach_kind);
}

/* ---- resident roles ---- */

static bool path_year(http_req *req, int *year)
{
    const char *s = http_param(req, "year");
    if (s && hh_parse_int(s, 2000, 2100, year))
        return true;
    api_not_found(req, "year", arena_printf(&req->a, "Året »%s« findes ikke (2000-2100).", s ? s : ""));
    return false;
}

static void respond_roles(http_req *req, const plan *pl, bool may_write, int year)
{
    int64_t n[RR_COUNT];
    hh_error e;
    hh_err rc = resident_roles_get(req->db, web_principal(req), pl->id, year, n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading resident roles");
        return;
    }
    supp s = { .hide = !may_write };
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "plan_id", pl->id);
    jw_kint(&w, "year", year);
    jw_key(&w, "counts");
    jw_obj(&w);
    for (int k = 0; k < RR_COUNT; k++)
        kcount(&w, &req->a, &s, "counts", resident_role_code[k], n[k]);
    jw_obj_end(&w);
    ksuppressed(&w, &s);
    jw_obj_end(&w);
    api_respond(req, 200);
}

void api_plan_roles(http_req *req)
{
    plan pl;
    bool mw;
    int year;
    if (load_plan_w(req, &pl, &mw) && path_year(req, &year))
        respond_roles(req, &pl, mw, year);
}

/* {"counts":{"volunteer":12,…}}: roles not named keep their count. */
void api_plan_roles_put(http_req *req)
{
    plan pl;
    bool mw;
    int year;
    if (!load_plan_w(req, &pl, &mw) || !path_year(req, &year))
        return;
    static const char *const keys[] = { "counts", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    int64_t n[RR_COUNT];
    hh_error e;
    hh_err rc = resident_roles_get(req->db, web_principal(req), pl.id, year, n, &e);
    if (rc) {
        json_decref(body);
        api_domain_error(req, rc, &e, "reading resident roles");
        return;
    }
    jr r = { .req = req };
    const char *allowed[RR_COUNT + 1];
    for (int k = 0; k < RR_COUNT; k++)
        allowed[k] = resident_role_code[k];
    allowed[RR_COUNT] = NULL;
    json_t *c = json_object_get(body, "counts");
    if (c && jr_keys(&r, c, "counts", allowed))
        for (int k = 0; k < RR_COUNT; k++)
            jr_int64(&r, c, "counts", resident_role_code[k], 0, 1000000, &n[k]);
    json_decref(body);
    if (r.bad)
        return;
    if ((rc = resident_roles_put(req->db, web_principal(req), pl.id, year, n, &e))) {
        api_domain_error(req, rc, &e, "saving resident roles");
        return;
    }
    respond_roles(req, &pl, mw, year);
}

/* ---- courses ---- */

static const char *const course_keys[] = { "year", "kind", "title", "completed", "diploma", NULL };

static hh_err course_items(http_req *req, const api_owner *o, void **items, size_t *n, hh_error *e)
{
    plan_course *c = NULL;
    hh_err rc = plan_courses(req->db, web_principal(req), &req->a, o->pl.id, o->year, &c, n, e);
    *items = c;
    return rc;
}

static bool course_parse(http_req *req, json_t *body, bool create, const api_owner *o, sub_item *it)
{
    plan_course *c = &it->course;
    jr r = { .req = req };
    if (create) {
        jr_required(&r, body, "year");
        jr_required(&r, body, "kind");
        jr_required(&r, body, "title");
    }
    c->plan_id = o->pl.id;
    jr_int(&r, body, NULL, "year", 2000, 2100, &c->year);
    int k = (int)c->kind;
    jr_enum(&r, body, NULL, "kind", course_kind_code, COURSE_COUNT, -2, &k);
    c->kind = (course_kind)k;
    jr_str(&r, body, NULL, "title", NULL, &c->title);
    jr_int(&r, body, NULL, "completed", 0, 1000000, &c->completed);
    jr_bool(&r, body, NULL, "diploma", &c->diploma);
    return !r.bad;
}

static hh_err course_save(http_req *req, const api_owner *o, sub_item *it, hh_error *e)
{
    (void)o;
    return plan_course_put(req->db, web_principal(req), &req->a, &it->course, e);
}

static void course_json(http_req *req, jw *w, const api_owner *o, const sub_item *it)
{
    const plan_course *c = &it->course;
    supp s = { .hide = !o->may_write };
    jw_obj(w);
    jw_kint(w, "id", c->id);
    jw_kint(w, "plan_id", c->plan_id);
    jw_kint(w, "year", c->year);
    jw_kstr(w, "kind", course_kind_code[c->kind]);
    jw_kstr(w, "kind_label", course_kind_label[c->kind]);
    jw_kstr(w, "title", c->title);
    kcount(w, &req->a, &s, NULL, "completed", c->completed);
    jw_kbool(w, "diploma", c->diploma);
    ksuppressed(w, &s);
    jw_obj_end(w);
}

/* Items are found among every year's: ?year= filters the list only. */
static hh_err course_items_all(http_req *req, const api_owner *o, void **items, size_t *n, hh_error *e)
{
    api_owner all = *o;
    all.year = 0;
    return course_items(req, &all, items, n, e);
}

static const sub_kind courses_kind = {
    .param = "course",
    .list_key = "courses",
    .missing = "Kurset findes ikke i planen.",
    .reading = "reading courses",
    .saving = "saving a course",
    .deleting = "deleting a course",
    .size = sizeof(plan_course),
    .keys = course_keys,
    .year = true,
    .blank = &(const sub_item){ .course = { .kind = COURSE_OTHER, .title = "" } },
    .list = course_items,
    .parse = course_parse,
    .put = course_save,
    .plan_del = plan_course_delete,
    .json = course_json,
};

/* The same for one course by id (PUT, DELETE): any year. */
static const sub_kind course_item_kind = {
    .param = "course",
    .list_key = "courses",
    .missing = "Kurset findes ikke i planen.",
    .reading = "reading courses",
    .saving = "saving a course",
    .deleting = "deleting a course",
    .size = sizeof(plan_course),
    .keys = course_keys,
    .blank = &(const sub_item){ .course = { .kind = COURSE_OTHER, .title = "" } },
    .list = course_items_all,
    .parse = course_parse,
    .put = course_save,
    .plan_del = plan_course_delete,
    .json = course_json,
};

void api_plan_courses(http_req *req)
{
    api_sub_list(req, &courses_kind);
}

void api_plan_course_create(http_req *req)
{
    api_sub_put(req, &course_item_kind, true);
}

void api_plan_course_update(http_req *req)
{
    api_sub_put(req, &course_item_kind, false);
}

void api_plan_course_delete(http_req *req)
{
    api_sub_delete(req, &course_item_kind);
}

/* ---- stories ---- */

static void json_story(jw *w, const void *item)
{
    const act_story *s = item;
    jw_obj(w);
    jw_kint(w, "id", s->id);
    jw_kint(w, "activity_id", s->activity_id);
    jw_kstr(w, "activity_name", s->activity_name);
    jw_kstr(w, "date", s->date);
    jw_kstr(w, "kind", story_kind_code[s->kind]);
    jw_kstr(w, "kind_label", story_kind_label[s->kind]);
    jw_kstr(w, "title", s->title);
    jw_kstr(w, "body", s->body);
    jw_kbool(w, "in_report", s->in_report);
    jw_kstr(w, "user_name", s->user_name);
    jw_kstr(w, "recorded_at", s->recorded_at);
    jw_obj_end(w);
}

static void respond_stories(http_req *req, const char *owner_key, int64_t owner_id, const act_story *s, size_t n)
{
    api_respond_list(req, api_head_ids, &(api_ids){ .k1 = owner_key, .v1 = owner_id }, "stories", s, n, sizeof *s,
                     json_story);
}

void api_activity_stories(http_req *req)
{
    activity x;
    if (!load_activity(req, "activity", &x, NULL))
        return;
    act_story *s;
    size_t n;
    hh_error e;
    hh_err rc = act_stories(req->db, web_principal(req), &req->a, 0, x.id, 0, false, &s, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading stories");
        return;
    }
    respond_stories(req, "activity_id", x.id, s, n);
}

/* ?year= &report=1 (only those selected for the report). */
void api_plan_stories(http_req *req)
{
    plan pl;
    int year;
    if (!api_load_plan(req, &pl) || !api_query_year(req, &year))
        return;
    const char *rep = http_query(req, "report");
    bool only = false;
    if (rep && *rep) {
        if (strcmp(rep, "1") != 0 && strcmp(rep, "0") != 0 && strcmp(rep, "true") != 0 && strcmp(rep, "false") != 0) {
            api_invalid(req, "report", "report: forventede 1 eller 0");
            return;
        }
        only = strcmp(rep, "1") == 0 || strcmp(rep, "true") == 0;
    }
    act_story *s;
    size_t n;
    hh_error e;
    hh_err rc = act_stories(req->db, web_principal(req), &req->a, pl.id, 0, year, only, &s, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading stories");
        return;
    }
    respond_stories(req, "plan_id", pl.id, s, n);
}

/* The story of the path, found among its activity's (the activity decides
 * whether the caller sees it); false after answering. */
static bool load_story(http_req *req, act_story *out)
{
    int64_t id;
    if (!api_path_id(req, "story", &id))
        return false;
    int64_t activity_id = 0;
    db_stmt *st = db_prepare(req->db, "SELECT activity_id FROM activity_story WHERE id = ?");
    if (!st) {
        http_fail_db(req, "reading a story");
        return false;
    }
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW)
        activity_id = db_col_int64(st, 0);
    db_done(st);
    if (rc == DB_ERROR) {
        http_fail_db(req, "reading a story");
        return false;
    }
    act_story *s = NULL;
    size_t n = 0;
    hh_error e;
    hh_err erc = activity_id ? act_stories(req->db, web_principal(req), &req->a, 0, activity_id, 0, false, &s, &n, &e)
                             : HH_ERR_NOTFOUND;
    if (erc && erc != HH_ERR_NOTFOUND) {
        api_domain_error(req, erc, &e, "reading a story");
        return false;
    }
    if (!erc)
        for (size_t i = 0; i < n; i++)
            if (s[i].id == id) {
                *out = s[i];
                return true;
            }
    api_not_found(req, "story", "Fortællingen findes ikke.");
    return false;
}

static bool read_story(http_req *req, json_t *o, bool create, act_story *s)
{
    jr r = { .req = req };
    if (create) {
        jr_required(&r, o, "date");
        jr_required(&r, o, "title");
    }
    jr_str(&r, o, NULL, "date", NULL, &s->date);
    int k = (int)s->kind;
    jr_enum(&r, o, NULL, "kind", story_kind_code, STORY_COUNT, -2, &k);
    s->kind = (story_kind)k;
    jr_str(&r, o, NULL, "title", NULL, &s->title);
    jr_str(&r, o, NULL, "body", "", &s->body);
    jr_bool(&r, o, NULL, "in_report", &s->in_report);
    return !r.bad;
}

static void put_story(http_req *req, bool create)
{
    static const char *const keys[] = { "date", "kind", "title", "body", "in_report", NULL };
    act_story s = { .date = "", .kind = STORY_STORY, .title = "", .body = "" };
    if (create) {
        activity x;
        if (!load_activity(req, "activity", &x, NULL))
            return;
        s.activity_id = x.id;
    } else if (!load_story(req, &s)) {
        return;
    }
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    hh_error e;
    hh_err rc = HH_ERR_USAGE;
    if (read_story(req, body, create, &s))
        rc = act_story_put(req->db, web_principal(req), &req->a, &s, &e);
    json_decref(body);
    if (rc == HH_ERR_USAGE)
        return;
    if (rc) {
        api_domain_error(req, rc, &e, "saving a story");
        return;
    }
    /* Read back: the activity's name and who recorded it. */
    act_story *all;
    size_t n;
    if (act_stories(req->db, web_principal(req), &req->a, 0, s.activity_id, 0, false, &all, &n, &e) == HH_OK)
        for (size_t i = 0; i < n; i++)
            if (all[i].id == s.id)
                s = all[i];
    jw w;
    jw_init(&w, &req->out);
    json_story(&w, &s);
    api_respond(req, create ? 201 : 200);
}

void api_activity_story_create(http_req *req)
{
    put_story(req, true);
}

void api_story_update(http_req *req)
{
    put_story(req, false);
}

void api_story_delete(http_req *req)
{
    act_story s;
    if (!load_story(req, &s))
        return;
    hh_error e;
    hh_err rc = act_story_delete(req->db, web_principal(req), s.id, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "deleting a story");
        return;
    }
    api_no_content(req);
}

/* ---- the code lists ---- */

static void code_list(jw *w, const char *key, const char *const *codes, const char *const *labels, int n)
{
    jw_key(w, key);
    jw_arr(w);
    for (int i = 0; i < n; i++) {
        jw_obj(w);
        jw_kstr(w, "code", codes[i]);
        jw_kstr(w, "label", labels[i]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

void api_activity_codes(http_req *req)
{
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    code_list(&w, "categories", act_category_code, act_category_label, CAT_COUNT);
    code_list(&w, "target_groups", act_target_code, act_target_label, TG_COUNT);
    code_list(&w, "kram", act_kram_code, act_kram_label, KRAM_COUNT);
    code_list(&w, "channels", act_channel_code, act_channel_label, CHN_COUNT);
    code_list(&w, "formats", act_format_code, act_format_label, FMT_COUNT);
    code_list(&w, "responsible", act_responsible_code, act_responsible_label, RESP_COUNT);
    code_list(&w, "idea_sources", act_idea_source_code, act_idea_source_label, IDEA_COUNT);
    code_list(&w, "statuses", act_status_code, act_status_label, AS_COUNT);
    code_list(&w, "schedules", act_schedule_code, act_schedule_label, SCHED_COUNT);
    code_list(&w, "genders", act_gender_code, act_gender_label, GENDER_COUNT);
    code_list(&w, "age_bands", act_age_code, act_age_label, AGE_COUNT);
    code_list(&w, "phases", inv_phase_code, inv_phase_label, PHASE_COUNT);
    code_list(&w, "involvement_types", inv_type_code, inv_type_label, INV_COUNT);
    jw_key(&w, "hart_rungs");
    jw_arr(&w);
    for (int i = 1; i <= 8; i++) {
        jw_obj(&w);
        jw_kint(&w, "rung", i);
        jw_kstr(&w, "label", inv_hart_label[i]);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    code_list(&w, "questions", inv_question_code, inv_question_label, INV_QUESTIONS);
    code_list(&w, "outreach_methods", outreach_method_code, outreach_method_label, OUT_COUNT);
    code_list(&w, "resident_roles", resident_role_code, resident_role_label, RR_COUNT);
    code_list(&w, "course_kinds", course_kind_code, course_kind_label, COURSE_COUNT);
    code_list(&w, "story_kinds", story_kind_code, story_kind_label, STORY_COUNT);
    code_list(&w, "partner_roles", coop_purpose_code, coop_purpose_label, CP_COUNT);
    jw_obj_end(&w);
    api_respond(req, 200);
}
