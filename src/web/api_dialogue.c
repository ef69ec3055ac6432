/* api_dialogue.c - the yearly steering dialogue under /api/v1/ (DOMAIN.md
 * §8, domain/dialogue.h): both sides' overview, opening a dialogue, its
 * workflow, the sheet per department with its supporting figures and the
 * answers, the organisation's definitions of the four questions, the
 * selection for closer review with a SWOT each, goals and last year's
 * follow-up, the municipality's deadlines and the caller's reminders, the
 * public data sheets of published dialogues and the code lists.
 *
 * This layer only translates, like api_plans.c and api_activities.c:
 * strict JSON in, the domain's answer out; scope and rules live in the
 * domain (404 outside the scope, 403 visible but not the caller's side, 422
 * with rule and field, e.g. dialogue_locked).
 *
 * Departments in paths and bodies are department keys "ORG-DEPT" ("101-1"),
 * as in /api/v1/departments/{key}; a key that is not one of the dialogue's
 * departments answers 404 in a path and 422 (rule
 * department_not_in_dialogue) in a body.
 *
 * Privacy: the public answers (/api/v1/public/dialogues…) carry only
 * published dialogues, master data and the public key figures; a figure
 * resting on fewer than 5 is null and named in the department's
 * "suppressed" list. Answers, justifications, SWOTs, minutes and names are
 * never public. */
#include "web/api_dialogue.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "core/util.h"
#include "domain/dialogue.h"
#include "domain/plans.h"
#include "http/json.h"
#include "web/api_util.h"
#include "web/auth_web.h"
#include "web/pages.h"

/* ---- the strict answers body (pure, fuzzed) ---- */

hh_err dlg_answers_from_json(json_t *o, dlg_answer_input in[DI_COUNT], arena *a, hh_error *e)
{
    static const char *const body_keys[] = { "answers", NULL };
    static const char *const answer_keys[] = { "score", "justification", NULL };
    jr r = { .a = a, .e = e };
    hh_error_clear(e);
    memset(in, 0, DI_COUNT * sizeof *in);
    if (!jr_keys(&r, o, NULL, body_keys))
        return HH_ERR_INPUT;
    jr_required(&r, o, "answers");
    json_t *answers = json_object_get(o, "answers");
    const char *items[DI_COUNT + 1]; /* the item codes, NULL-terminated for jr_keys */
    for (int i = 0; i < DI_COUNT; i++)
        items[i] = dlg_item_code[i];
    items[DI_COUNT] = NULL;
    if (r.bad || !jr_keys(&r, answers, "answers", items))
        return HH_ERR_INPUT;
    for (int i = 0; i < DI_COUNT && !r.bad; i++) {
        json_t *x = json_object_get(answers, dlg_item_code[i]);
        if (!x)
            continue;
        const char *prefix = arena_printf(a, "answers.%s", dlg_item_code[i]);
        if (!jr_keys(&r, x, prefix, answer_keys))
            break;
        in[i].present = true;
        json_t *s = json_object_get(x, "score");
        if (s && json_is_null(s)) {
            in[i].has_score = true;
            in[i].score = 0;
        } else if (s) {
            jr_int(&r, x, prefix, "score", 1, DLG_SCALE_MAX, &in[i].score);
            in[i].has_score = !r.bad;
        }
        json_t *j = json_object_get(x, "justification");
        if (j) {
            in[i].justification = "";
            jr_str(&r, x, prefix, "justification", "", &in[i].justification);
            in[i].has_justification = !r.bad;
            if (!r.bad && strlen(in[i].justification) > DLG_JUSTIFICATION_MAX)
                jr_fail(&r, jr_field(&r, prefix, "justification"),
                        arena_printf(a, "højst %d tegn", DLG_JUSTIFICATION_MAX));
        }
    }
    return r.bad ? HH_ERR_INPUT : HH_OK;
}

/* ---- small helpers ---- */

/* The dialogue year when none is given: the current calendar year. */
static int current_year(void)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

static void kint_or_null(jw *w, const char *key, int64_t v, bool present)
{
    jw_key(w, key);
    if (present)
        jw_int(w, v);
    else
        jw_null(w);
}

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

/* Lines of a text ("a\nb") as a JSON array (copies in a). */
static void klines(jw *w, arena *a, const char *key, const char *s)
{
    jw_key(w, key);
    jw_arr(w);
    while (s && *s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (n)
            jw_str(w, arena_strndup(a, s, n));
        s += n + (nl ? 1 : 0);
    }
    jw_arr_end(w);
}

/* The domain's error with the field prefixed (answers.physical_state.score). */
static void domain_error_in(http_req *req, hh_err rc, hh_error *e, const char *prefix, const char *what)
{
    if (prefix && e->field[0]) {
        char f[sizeof e->field * 2 + 4];
        snprintf(f, sizeof f, "%s.%s", prefix, e->field);
        hh_strlcpy(e->field, f, sizeof e->field);
    } else if (prefix && rc == HH_ERR_INPUT) {
        hh_strlcpy(e->field, prefix, sizeof e->field);
    }
    api_domain_error(req, rc, e, what);
}

/* ?name= as a positive integer (absent or empty: 0); false after answering. */
static bool query_int64(http_req *req, const char *name, int64_t *out)
{
    const char *s = http_query(req, name);
    *out = 0;
    if (!s || !*s)
        return true;
    if (!hh_parse_int64(s, strlen(s), out) || *out <= 0) {
        api_invalid(req, name, "%s: forventede et positivt heltal", name);
        return false;
    }
    return true;
}

/* ?municipality= as a four-digit code (absent or empty: NULL). */
static bool query_municipality(http_req *req, const char **out)
{
    const char *s = http_query(req, "municipality");
    *out = NULL;
    if (!s || !*s)
        return true;
    if (strlen(s) != 4 || strspn(s, "0123456789") != 4) {
        api_invalid(req, "municipality", "municipality: forventede en kommunekode med fire cifre, fx 0101");
        return false;
    }
    *out = s;
    return true;
}

/* ---- loading the path's objects ---- */

/* The dialogue of the path as the caller may see it; false after answering. */
static bool load_dialogue(http_req *req, dialogue *g)
{
    int64_t id;
    if (!api_path_id(req, "dialogue", &id))
        return false;
    hh_error e;
    hh_err rc = dlg_get(req->db, web_principal(req), &req->a, id, g, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a dialogue");
        return false;
    }
    return true;
}

/* The dialogue's department with this key, or NULL. */
static const dlg_department *dept_by_key(const dialogue *g, const char *key)
{
    for (size_t i = 0; key && i < g->ndepartments; i++)
        if (strcmp(g->departments[i].key, key) == 0)
            return &g->departments[i];
    return NULL;
}

/* The department of the path among the dialogue's; NULL after answering 404. */
static const dlg_department *load_department(http_req *req, const dialogue *g)
{
    const char *key = http_param(req, "department");
    const dlg_department *d = dept_by_key(g, key);
    if (!d)
        api_not_found(req, "department",
                      arena_printf(&req->a,
                                   "Afdeling »%s« er ikke med i dialogen. Afdelinger angives som "
                                   "organisationsnummer-afdelingsnummer, fx 101-1.",
                                   key ? key : ""));
    return d;
}

/* ---- JSON writers ---- */

static void kstate(jw *w, int state)
{
    jw_key(w, "state");
    if (state >= 0 && state < DS_COUNT)
        jw_str(w, dlg_state_code[state]);
    else
        jw_null(w);
    jw_kstr(w, "state_label", state >= 0 && state < DS_COUNT ? dlg_state_label[state] : "Ikke startet");
}

static void json_summary(jw *w, const void *item)
{
    const dlg_summary *s = item;
    jw_obj(w);
    api_kid_or_null(w, "id", s->id);
    jw_kint(w, "org_no", s->org_no);
    jw_kstr(w, "org_name", s->org_name);
    jw_kstr(w, "municipality_code", s->municipality_code);
    jw_kstr(w, "municipality_name", s->municipality_name);
    jw_kint(w, "year", s->year);
    kstate(w, s->state);
    jw_kint(w, "departments", s->departments);
    jw_kint(w, "answered_departments", s->answered_departments);
    jw_kint(w, "selected", s->selected);
    api_kstr_or_null(w, "deadline", s->deadline);
    jw_kbool(w, "reminder", s->reminder);
    jw_kbool(w, "overdue", s->overdue);
    api_kstr_or_null(w, "updated_at", s->updated_at);
    jw_obj_end(w);
}

static void kwarn_status(jw *w, warn_status st)
{
    jw_key(w, "warning_status");
    if (st < WARN_STATUS_COUNT)
        jw_str(w, warn_status_code[st]);
    else
        jw_null(w);
}

static void json_department(jw *w, const dlg_department *d)
{
    jw_obj(w);
    jw_kstr(w, "key", d->key);
    jw_kstr(w, "name", d->name);
    jw_kint(w, "dwellings", d->dwellings);
    jw_kint(w, "answered", d->answered);
    jw_kint(w, "items", DI_COUNT);
    kwarn_status(w, d->status);
    jw_kbool(w, "selected", d->selected);
    jw_kbool(w, "confirmed", d->confirmed);
    jw_obj_end(w);
}

static void json_dialogue(http_req *req, jw *w, const dialogue *g)
{
    const principal *p = web_principal(req);
    jw_obj(w);
    jw_kint(w, "id", g->id);
    jw_kint(w, "org_no", g->org_no);
    jw_kstr(w, "org_name", g->org_name);
    jw_kstr(w, "municipality_code", g->municipality_code);
    jw_kstr(w, "municipality_name", g->municipality_name);
    jw_kint(w, "year", g->year);
    kstate(w, (int)g->state);
    jw_kstr(w, "summary", g->summary ? g->summary : "");
    api_kstr_or_null(w, "meeting_date", g->meeting_date);
    jw_kstr(w, "minutes", g->minutes ? g->minutes : "");
    api_kstr_or_null(w, "published_at", g->published_at);
    api_kstr_or_null(w, "deadline", g->deadline);
    kint_or_null(w, "remind_days", g->remind_days, g->deadline && *g->deadline);
    kint_or_null(w, "days_left", g->days_left, g->days_left != INT32_MAX);
    jw_kbool(w, "reminder", g->reminder);
    jw_kbool(w, "overdue", g->overdue);
    jw_key(w, "sides");
    jw_arr(w);
    if (dlg_is_side(p, g, SIDE_ORGANISATION))
        jw_str(w, "organisation");
    if (dlg_is_side(p, g, SIDE_MUNICIPALITY))
        jw_str(w, "municipality");
    jw_arr_end(w);
    jw_kbool(w, "may_edit", dlg_may_edit(p, g));
    const dlg_transition_rule *next[16];
    size_t nn = dlg_ntransitions <= 16 ? dlg_next(p, g, next) : 0;
    jw_key(w, "transitions");
    jw_arr(w);
    for (size_t i = 0; i < nn; i++) {
        jw_obj(w);
        jw_kstr(w, "to", dlg_state_code[next[i]->to]);
        jw_kstr(w, "action", next[i]->action_da);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_key(w, "departments");
    jw_arr(w);
    for (size_t i = 0; i < g->ndepartments; i++)
        json_department(w, &g->departments[i]);
    jw_arr_end(w);
    jw_key(w, "history");
    jw_arr(w);
    for (size_t i = 0; i < g->nhistory; i++) {
        const dlg_history *h = &g->history[i];
        jw_obj(w);
        jw_key(w, "from");
        if (h->from < DS_COUNT)
            jw_str(w, dlg_state_code[h->from]);
        else
            jw_null(w);
        jw_kstr(w, "to", dlg_state_code[h->to]);
        jw_kstr(w, "to_label", dlg_state_label[h->to]);
        api_kstr_or_null(w, "effective", h->effective);
        jw_kstr(w, "comment", h->comment ? h->comment : "");
        jw_kstr(w, "user_name", h->user_name ? h->user_name : "");
        jw_kstr(w, "recorded_at", h->recorded_at);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_kstr(w, "created_at", g->created_at);
    jw_kstr(w, "updated_at", g->updated_at);
    jw_obj_end(w);
}

/* Answers with the dialogue as the caller now sees it. */
static void respond_dialogue(http_req *req, int64_t id, int status)
{
    dialogue g;
    hh_error e;
    hh_err rc = dlg_get(req->db, web_principal(req), &req->a, id, &g, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a dialogue");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    json_dialogue(req, &w, &g);
    api_respond(req, status);
}

/* ---- the overview and the dialogue ---- */

/* GET /api/v1/dialogues?year=&municipality=&org=&state= */
void api_dialogues(http_req *req)
{
    dlg_filter f = { .state = -1 };
    if (!api_query_year(req, &f.year) || !query_municipality(req, &f.municipality_code) ||
        !query_int64(req, "org", &f.org_no))
        return;
    if (!f.year)
        f.year = current_year();
    const char *s = http_query(req, "state");
    if (s && *s) {
        if (strcmp(s, "not_started") == 0)
            f.state = -2;
        else if ((f.state = plan_enum_find(dlg_state_code, DS_COUNT, s)) < 0) {
            api_invalid(req, "state",
                        "state: forventede not_started, preparing, submitted, returned, meeting_held "
                        "eller published");
            return;
        }
    }
    dlg_summary *xs;
    size_t n;
    hh_error e;
    hh_err rc = dlg_list(req->db, web_principal(req), &req->a, &f, &xs, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "listing dialogues");
        return;
    }
    api_respond_list(req, api_head_ids, &(api_ids){ .k1 = "year", .v1 = f.year }, "dialogues", xs, n, sizeof *xs,
                     json_summary);
}

/* POST /api/v1/dialogues {org, municipality, year}: 201 when it was made,
 * 200 when the pair had one for the year already. */
void api_dialogue_open(http_req *req)
{
    static const char *const keys[] = { "org", "municipality", "year", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    jr r = { .req = req };
    int64_t org = 0;
    const char *muni = NULL;
    int year = 0;
    jr_required(&r, body, "org");
    jr_required(&r, body, "municipality");
    jr_int64(&r, body, NULL, "org", 1, INT64_MAX, &org);
    jr_str(&r, body, NULL, "municipality", NULL, &muni);
    jr_int(&r, body, NULL, "year", 1990, 2100, &year);
    json_decref(body);
    if (r.bad)
        return;
    if (!year)
        year = current_year();
    /* Whether the pair had a dialogue for the year: for 200 or 201. */
    dlg_filter f = { .municipality_code = muni, .org_no = org, .year = year, .state = -1 };
    dlg_summary *xs;
    size_t n;
    hh_error e;
    hh_err rc = dlg_list(req->db, web_principal(req), &req->a, &f, &xs, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "listing dialogues");
        return;
    }
    bool existed = false;
    for (size_t i = 0; i < n; i++)
        existed = existed || (xs[i].id && xs[i].org_no == org && strcmp(xs[i].municipality_code, muni) == 0);
    int64_t id = 0;
    if ((rc = dlg_open(req->db, web_principal(req), &req->a, org, muni, year, &id, &e))) {
        api_domain_error(req, rc, &e, "opening a dialogue");
        return;
    }
    respond_dialogue(req, id, existed ? 200 : 201);
}

void api_dialogue(http_req *req)
{
    dialogue g;
    if (!load_dialogue(req, &g))
        return;
    jw w;
    jw_init(&w, &req->out);
    json_dialogue(req, &w, &g);
    api_respond(req, 200);
}

/* PUT /api/v1/dialogues/{dialogue} {summary} */
void api_dialogue_update(http_req *req)
{
    dialogue g;
    if (!load_dialogue(req, &g))
        return;
    static const char *const keys[] = { "summary", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    jr r = { .req = req };
    const char *summary = NULL;
    jr_required(&r, body, "summary");
    jr_str(&r, body, NULL, "summary", "", &summary);
    json_decref(body);
    if (r.bad)
        return;
    hh_error e;
    hh_err rc = dlg_summary_put(req->db, web_principal(req), g.id, summary, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "saving a dialogue's summary");
        return;
    }
    respond_dialogue(req, g.id, 200);
}

/* POST /api/v1/dialogues/{dialogue}/state {state, date, comment, meeting_date, minutes} */
void api_dialogue_state(http_req *req)
{
    dialogue g;
    if (!load_dialogue(req, &g))
        return;
    static const char *const keys[] = { "state", "date", "comment", "meeting_date", "minutes", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    jr r = { .req = req };
    int to = -1;
    const char *date = "", *comment = "", *meeting_date = "", *minutes = "";
    jr_required(&r, body, "state");
    jr_enum(&r, body, NULL, "state", dlg_state_code, DS_COUNT, -2, &to);
    jr_str(&r, body, NULL, "date", "", &date);
    jr_str(&r, body, NULL, "comment", "", &comment);
    jr_str(&r, body, NULL, "meeting_date", "", &meeting_date);
    jr_str(&r, body, NULL, "minutes", "", &minutes);
    json_decref(body);
    if (r.bad)
        return;
    hh_error e;
    hh_err rc = dlg_transition(req->db, web_principal(req), &req->a, g.id, (dlg_state)to, *date ? date : NULL, comment,
                               meeting_date, minutes, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "moving a dialogue");
        return;
    }
    respond_dialogue(req, g.id, 200);
}

/* ---- the sheet of a department ---- */

static void json_figure(jw *w, const dlg_figure *f)
{
    const key_figure *k = &kf_catalogue[f->kf];
    jw_obj(w);
    jw_kstr(w, "key_figure", k->code);
    jw_kstr(w, "name", k->name_da);
    jw_kstr(w, "unit", k->unit);
    jw_kstr(w, "good_direction", kf_direction_code[k->good]);
    kint_or_null(w, "year", f->year, f->year != 0);
    jw_kbool(w, "suppressed", f->suppressed);
    api_kdouble(w, "value", f->suppressed ? NAN : f->value);
    api_kdouble(w, "municipality_value", f->municipality_value);
    api_kdouble(w, "country_value", f->country_value);
    api_kdouble(w, "trend_z", f->trend_z);
    jw_key(w, "series");
    jw_arr(w);
    for (size_t i = 0; i < f->nseries; i++) {
        jw_obj(w);
        jw_kint(w, "year", f->series_years[i]);
        api_kdouble(w, "value", f->series[i]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

static void json_sheet(http_req *req, jw *w, const dialogue *g, const dlg_sheet *s)
{
    jw_obj(w);
    jw_kint(w, "dialogue_id", s->dialogue_id);
    jw_kint(w, "year", g->year);
    kstate(w, (int)g->state);
    jw_kbool(w, "may_edit", dlg_may_edit(web_principal(req), g));
    jw_key(w, "department");
    json_department(w, &s->dept);
    jw_kstr(w, "address", s->address ? s->address : "");
    kint_or_null(w, "build_year", s->build_year, s->build_year != 0);
    jw_key(w, "dwellings");
    jw_obj(w);
    jw_kint(w, "family", s->dwellings_family);
    jw_kint(w, "elderly", s->dwellings_elderly);
    jw_kint(w, "youth", s->dwellings_youth);
    jw_obj_end(w);
    jw_kstr(w, "areas", s->areas ? s->areas : "");
    jw_kstr(w, "lists", s->lists ? s->lists : "");
    jw_kstr(w, "plans", s->plans ? s->plans : "");
    jw_key(w, "warning");
    if (s->warning_found) {
        jw_obj(w);
        jw_kint(w, "year", s->warning.year);
        jw_kstr(w, "status", warn_status_code[s->warning.status]);
        jw_kstr(w, "status_label", warn_status_label[s->warning.status]);
        api_kdouble(w, "score", s->warning.score);
        jw_key(w, "reasons");
        jw_arr(w);
        for (size_t i = 0; i < s->warning.nreasons; i++)
            jw_str(w, s->warning.reasons[i]);
        jw_arr_end(w);
        jw_obj_end(w);
    } else {
        jw_null(w);
    }
    jw_key(w, "answers");
    jw_arr(w);
    for (int i = 0; i < DI_COUNT; i++) {
        const dlg_answer *x = &s->answers[i];
        int sc = x->score >= 0 && x->score <= DLG_SCALE_MAX ? x->score : 0;
        jw_obj(w);
        jw_kstr(w, "item", dlg_item_code[i]);
        jw_kstr(w, "label", dlg_item_label[i]);
        jw_kstr(w, "kind", i < DLG_FIRST_QUESTION ? "test" : "question");
        kint_or_null(w, "score", sc, sc != 0);
        jw_kstr(w, "score_label", dlg_scale_label[sc]);
        jw_kstr(w, "justification", x->justification ? x->justification : "");
        api_kstr_or_null(w, "user_name", x->user_name);
        api_kstr_or_null(w, "updated_at", x->updated_at);
        jw_key(w, "figures");
        jw_arr(w);
        for (size_t k = 0; k < x->nfigures; k++)
            json_figure(w, &x->figures[k]);
        jw_arr_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

/* The dialogue and department of the path; false after answering. */
static bool load_sheet_path(http_req *req, dialogue *g, const dlg_department **d)
{
    return load_dialogue(req, g) && (*d = load_department(req, g)) != NULL;
}

static void respond_sheet(http_req *req, int64_t dialogue_id, int64_t department_id)
{
    dialogue g;
    dlg_sheet s;
    hh_error e;
    hh_err rc = dlg_get(req->db, web_principal(req), &req->a, dialogue_id, &g, &e);
    if (!rc)
        rc = dlg_sheet_get(req->db, web_principal(req), &req->a, dialogue_id, department_id, &s, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a department's sheet");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    json_sheet(req, &w, &g, &s);
    api_respond(req, 200);
}

void api_dialogue_department(http_req *req)
{
    dialogue g;
    const dlg_department *d;
    if (load_sheet_path(req, &g, &d))
        respond_sheet(req, g.id, d->id);
}

/* PUT …/departments/{department} {answers: {item: {score, justification}}}:
 * every answer of the body is saved, or none (one transaction). */
void api_dialogue_department_put(http_req *req)
{
    dialogue g;
    const dlg_department *d;
    if (!load_sheet_path(req, &g, &d))
        return;
    json_t *body = http_json_body(req);
    if (!body)
        return;
    dlg_answer_input in[DI_COUNT];
    hh_error e;
    hh_err rc = dlg_answers_from_json(body, in, &req->a, &e);
    json_decref(body);
    if (rc) {
        api_domain_error(req, rc, &e, "reading answers");
        return;
    }
    /* Absent keys keep the saved value. */
    dlg_sheet cur;
    if ((rc = dlg_sheet_get(req->db, web_principal(req), &req->a, g.id, d->id, &cur, &e))) {
        api_domain_error(req, rc, &e, "reading a department's sheet");
        return;
    }
    if ((rc = db_begin(req->db, &e))) {
        api_domain_error(req, rc, &e, "saving answers");
        return;
    }
    const char *prefix = NULL;
    for (int i = 0; i < DI_COUNT && rc == HH_OK; i++) {
        if (!in[i].present)
            continue;
        int score = in[i].has_score ? in[i].score : cur.answers[i].score;
        const char *just = in[i].has_justification ? in[i].justification
                                                   : (cur.answers[i].justification ? cur.answers[i].justification : "");
        rc = dlg_answer_put(req->db, web_principal(req), g.id, d->id, (dlg_item)i, score, just, &e);
        if (rc)
            prefix = arena_printf(&req->a, "answers.%s", dlg_item_code[i]);
    }
    if (rc == HH_OK && (rc = db_commit(req->db, &e)))
        prefix = NULL;
    if (rc) {
        db_rollback(req->db);
        /* Rules of the whole dialogue keep their own field. */
        bool item_field = rc == HH_ERR_INPUT && strcmp(e.rule, "dialogue_locked") != 0;
        domain_error_in(req, rc, &e, item_field ? prefix : NULL, "saving answers");
        return;
    }
    respond_sheet(req, g.id, d->id);
}

/* ---- the organisation's definitions ---- */

static bool path_org(http_req *req, int64_t *org)
{
    const char *s = http_param(req, "org");
    if (s && hh_parse_int64(s, strlen(s), org) && *org > 0)
        return true;
    api_not_found(req, "org", arena_printf(&req->a, "Organisation »%s« findes ikke.", s ? s : ""));
    return false;
}

static void respond_definitions(http_req *req, int64_t org, int year)
{
    dlg_definition defs[DLG_QUESTIONS];
    hh_error e;
    hh_err rc = dlg_definitions(req->db, web_principal(req), &req->a, org, year, defs, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading definitions");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "org_no", org);
    jw_kint(&w, "year", year);
    jw_key(&w, "definitions");
    jw_arr(&w);
    for (int q = 0; q < DLG_QUESTIONS; q++) {
        const dlg_definition *x = &defs[q];
        jw_obj(&w);
        jw_kstr(&w, "question", dlg_item_code[DLG_FIRST_QUESTION + q]);
        jw_kstr(&w, "label", dlg_item_label[DLG_FIRST_QUESTION + q]);
        jw_kstr(&w, "prompt", dlg_question_prompt[q]);
        kint_or_null(&w, "year_from", x->year_from, x->text && *x->text && x->year_from);
        jw_kstr(&w, "text", x->text ? x->text : "");
        api_kstr_or_null(&w, "user_name", x->text && *x->text ? x->user_name : NULL);
        api_kstr_or_null(&w, "updated_at", x->text && *x->text ? x->updated_at : NULL);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* GET /api/v1/organisations/{org}/definitions?year= */
void api_org_definitions(http_req *req)
{
    int64_t org;
    int year;
    if (!path_org(req, &org) || !api_query_year(req, &year))
        return;
    respond_definitions(req, org, year ? year : current_year());
}

/* PUT /api/v1/organisations/{org}/definitions {question, year_from, text} */
void api_org_definition_put(http_req *req)
{
    int64_t org;
    if (!path_org(req, &org))
        return;
    static const char *const keys[] = { "question", "year_from", "text", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    jr r = { .req = req };
    int q = -1, year_from = 0;
    const char *text = "";
    jr_required(&r, body, "question");
    jr_required(&r, body, "year_from");
    jr_required(&r, body, "text");
    jr_enum(&r, body, NULL, "question", dlg_item_code + DLG_FIRST_QUESTION, DLG_QUESTIONS, -2, &q);
    jr_int(&r, body, NULL, "year_from", 1990, 2100, &year_from);
    jr_str(&r, body, NULL, "text", "", &text);
    json_decref(body);
    if (r.bad)
        return;
    hh_error e;
    hh_err rc = dlg_definition_put(req->db, web_principal(req), org, q, year_from, text, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "saving a definition");
        return;
    }
    respond_definitions(req, org, year_from);
}

/* ---- the selection for closer review ---- */

static void json_selection(jw *w, arena *a, const dlg_selection *s)
{
    jw_obj(w);
    jw_kstr(w, "department", s->key);
    jw_kstr(w, "name", s->name);
    jw_kbool(w, "proposed", s->proposed);
    api_kbits(w, "rules", s->rules, dlg_rule_code, DR_COUNT);
    klines(w, a, "reasons", s->reasons);
    jw_kbool(w, "confirmed", s->confirmed);
    api_kstr_or_null(w, "confirmed_by", s->confirmed_by);
    jw_kstr(w, "strengths", s->strengths ? s->strengths : "");
    jw_kstr(w, "weaknesses", s->weaknesses ? s->weaknesses : "");
    jw_kstr(w, "opportunities", s->opportunities ? s->opportunities : "");
    jw_kstr(w, "threats", s->threats ? s->threats : "");
    jw_obj_end(w);
}

static hh_err read_selection(http_req *req, const dialogue *g, dlg_selection **xs, size_t *n, hh_error *e)
{
    return dlg_selections(req->db, web_principal(req), &req->a, g->id, xs, n, e);
}

static void respond_selection(http_req *req, const dialogue *g)
{
    dlg_selection *xs;
    size_t n;
    hh_error e;
    hh_err rc = read_selection(req, g, &xs, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading the selection");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "dialogue_id", g->id);
    jw_kbool(&w, "may_edit", dlg_may_edit(web_principal(req), g));
    jw_key(&w, "selection");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++)
        json_selection(&w, &req->a, &xs[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

void api_dialogue_selection(http_req *req)
{
    dialogue g;
    if (load_dialogue(req, &g))
        respond_selection(req, &g);
}

/* POST …/selection/propose: re-runs the rules; answers the selection. */
void api_dialogue_selection_propose(http_req *req)
{
    dialogue g;
    if (!load_dialogue(req, &g))
        return;
    if (req->body.len) { /* no body, or an empty object */
        static const char *const none[] = { NULL };
        json_t *body = api_body(req, none);
        if (!body)
            return;
        json_decref(body);
    }
    hh_error e;
    hh_err rc = dlg_propose(req->db, web_principal(req), &req->a, g.id, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "proposing the selection");
        return;
    }
    respond_selection(req, &g);
}

/* The department's row of the selection, or NULL. */
static const dlg_selection *selection_of(const dlg_selection *xs, size_t n, int64_t department_id)
{
    for (size_t i = 0; i < n; i++)
        if (xs[i].department_id == department_id)
            return &xs[i];
    return NULL;
}

/* PUT …/selection/{department} {confirmed, strengths, weaknesses,
 * opportunities, threats}: adds the department by hand (201) or changes it
 * (200); absent keys keep their value. */
void api_dialogue_selection_put(http_req *req)
{
    dialogue g;
    const dlg_department *d;
    if (!load_sheet_path(req, &g, &d))
        return;
    static const char *const keys[] = { "confirmed", "strengths", "weaknesses", "opportunities", "threats", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    dlg_selection *xs;
    size_t n;
    hh_error e;
    hh_err rc = read_selection(req, &g, &xs, &n, &e);
    if (rc) {
        json_decref(body);
        api_domain_error(req, rc, &e, "reading the selection");
        return;
    }
    const dlg_selection *old = selection_of(xs, n, d->id);
    dlg_selection s = { .department_id = d->id,
                        .key = d->key,
                        .name = d->name,
                        .reasons = "",
                        .strengths = "",
                        .weaknesses = "",
                        .opportunities = "",
                        .threats = "" };
    if (old)
        s = *old;
    jr r = { .req = req };
    jr_bool(&r, body, NULL, "confirmed", &s.confirmed);
    jr_str(&r, body, NULL, "strengths", "", &s.strengths);
    jr_str(&r, body, NULL, "weaknesses", "", &s.weaknesses);
    jr_str(&r, body, NULL, "opportunities", "", &s.opportunities);
    jr_str(&r, body, NULL, "threats", "", &s.threats);
    json_decref(body);
    if (r.bad)
        return;
    if ((rc = dlg_selection_put(req->db, web_principal(req), g.id, &s, &e))) {
        api_domain_error(req, rc, &e, "saving a selection");
        return;
    }
    if ((rc = read_selection(req, &g, &xs, &n, &e))) {
        api_domain_error(req, rc, &e, "reading the selection");
        return;
    }
    const dlg_selection *now = selection_of(xs, n, d->id);
    jw w;
    jw_init(&w, &req->out);
    json_selection(&w, &req->a, now ? now : &s);
    api_respond(req, old ? 200 : 201);
}

void api_dialogue_selection_delete(http_req *req)
{
    dialogue g;
    const dlg_department *d;
    if (!load_sheet_path(req, &g, &d))
        return;
    dlg_selection *xs;
    size_t n;
    hh_error e;
    hh_err rc = read_selection(req, &g, &xs, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading the selection");
        return;
    }
    if (!selection_of(xs, n, d->id)) {
        api_not_found(req, "department", "Afdelingen er ikke udvalgt.");
        return;
    }
    if ((rc = dlg_selection_delete(req->db, web_principal(req), g.id, d->id, &e))) {
        api_domain_error(req, rc, &e, "removing a selection");
        return;
    }
    api_no_content(req);
}

/* ---- goals and follow-up ---- */

static void json_goal_fields(jw *w, const dlg_goal *x)
{
    jw_kint(w, "id", x->id);
    jw_kint(w, "dialogue_id", x->dialogue_id);
    api_kstr_or_null(w, "department", x->department_id ? x->department_key : NULL);
    api_kstr_or_null(w, "department_name", x->department_id ? x->department_name : NULL);
    jw_kstr(w, "title", x->title ? x->title : "");
    jw_key(w, "key_figure");
    if (x->kf >= 0 && (size_t)x->kf < kf_count)
        jw_str(w, kf_catalogue[x->kf].code);
    else
        jw_null(w);
    kint_or_null(w, "baseline_year", x->baseline_year, x->baseline_year != 0);
    api_kdouble(w, "baseline_value", x->baseline_value);
    api_kdouble(w, "target_value", x->target_value);
    kint_or_null(w, "target_year", x->target_year, x->target_year != 0);
    jw_kstr(w, "follow_up", x->follow_up ? x->follow_up : "");
}

static void json_goal(jw *w, const void *item)
{
    const dlg_goal *x = item;
    jw_obj(w);
    json_goal_fields(w, x);
    jw_obj_end(w);
}

static const char *const goal_keys[] = { "title",         "department",     "key_figure",
                                         "baseline_year", "baseline_value", "target_value",
                                         "target_year",   "follow_up",      NULL };

/* The body over x (absent keys keep x's values); false after answering. */
static bool read_goal(http_req *req, json_t *o, bool create, const dialogue *g, dlg_goal *x)
{
    jr r = { .req = req };
    if (create)
        jr_required(&r, o, "title");
    jr_str(&r, o, NULL, "title", NULL, &x->title);
    json_t *v = json_object_get(o, "department");
    if (v && !r.bad) {
        const char *key = NULL;
        jr_str(&r, o, NULL, "department", "", &key);
        if (!r.bad && (!key || !*key)) {
            x->department_id = 0;
        } else if (!r.bad) {
            const dlg_department *d = dept_by_key(g, key);
            if (!d) {
                http_error_rule(req, 422, "invalid", "department_not_in_dialogue",
                                arena_printf(&req->a, "department: afdeling »%s« er ikke med i dialogen", key),
                                "department");
                return false;
            }
            x->department_id = d->id;
            x->department_key = d->key;
            x->department_name = d->name;
        }
    }
    v = json_object_get(o, "key_figure");
    if (v && !r.bad) {
        const char *code = NULL;
        jr_str(&r, o, NULL, "key_figure", "", &code);
        if (!r.bad && (!code || !*code)) {
            x->kf = -1;
        } else if (!r.bad) {
            int k = kf_find(code);
            if (k < 0)
                jr_fail(&r, "key_figure", "ukendt nøgletal (se /api/v1/keyfigures)");
            else
                x->kf = k;
        }
    }
    v = json_object_get(o, "baseline_year");
    if (v && json_is_null(v))
        x->baseline_year = 0;
    else
        jr_int(&r, o, NULL, "baseline_year", 1990, 2100, &x->baseline_year);
    jr_double(&r, o, NULL, "baseline_value", true, &x->baseline_value);
    jr_double(&r, o, NULL, "target_value", true, &x->target_value);
    v = json_object_get(o, "target_year");
    if (v && json_is_null(v))
        x->target_year = 0;
    else
        jr_int(&r, o, NULL, "target_year", 1990, 2100, &x->target_year);
    jr_str(&r, o, NULL, "follow_up", "", &x->follow_up);
    return !r.bad;
}

void api_dialogue_goals(http_req *req)
{
    dialogue g;
    if (!load_dialogue(req, &g))
        return;
    dlg_goal *xs;
    size_t n;
    hh_error e;
    hh_err rc = dlg_goals(req->db, web_principal(req), &req->a, g.id, &xs, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading goals");
        return;
    }
    api_respond_list(req, api_head_ids, &(api_ids){ .k1 = "dialogue_id", .v1 = g.id, .k2 = "year", .v2 = g.year },
                     "goals", xs, n, sizeof *xs, json_goal);
}

/* The goal with this id among the dialogue's (own) or last year's
 * (followed up here); false when it is in neither. */
static bool find_goal(http_req *req, const dialogue *g, int64_t id, dlg_goal *out, bool *old, hh_err *rc, hh_error *e)
{
    dlg_goal *xs;
    size_t n;
    *old = false;
    if ((*rc = dlg_goals(req->db, web_principal(req), &req->a, g->id, &xs, &n, e)))
        return false;
    for (size_t i = 0; i < n; i++)
        if (xs[i].id == id) {
            *out = xs[i];
            return true;
        }
    dlg_followup *fs;
    if ((*rc = dlg_followups(req->db, web_principal(req), &req->a, g->id, &fs, &n, e)))
        return false;
    for (size_t i = 0; i < n; i++)
        if (fs[i].goal.id == id) {
            *out = fs[i].goal;
            *old = true;
            return true;
        }
    return false;
}

/* Answers with the goal as listed now (computed baseline). */
static void respond_goal(http_req *req, const dialogue *g, const dlg_goal *x, int status)
{
    dlg_goal found = *x;
    bool old;
    hh_err rc = HH_OK;
    hh_error e;
    if (!find_goal(req, g, x->id, &found, &old, &rc, &e) && rc) {
        api_domain_error(req, rc, &e, "reading goals");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    json_goal(&w, &found);
    api_respond(req, status);
}

static void put_goal(http_req *req, bool create)
{
    dialogue g;
    if (!load_dialogue(req, &g))
        return;
    dlg_goal x = { .dialogue_id = g.id,
                   .department_key = "",
                   .department_name = "",
                   .title = "",
                   .kf = -1,
                   .baseline_value = NAN,
                   .target_value = NAN,
                   .follow_up = "" };
    bool old = false;
    hh_error e;
    hh_err rc = HH_OK;
    if (!create) {
        int64_t id;
        if (!api_path_id(req, "goal", &id))
            return;
        if (!find_goal(req, &g, id, &x, &old, &rc, &e)) {
            if (rc)
                api_domain_error(req, rc, &e, "reading goals");
            else
                api_not_found(req, "goal", "Målet findes ikke i dialogen.");
            return;
        }
    }
    json_t *body = api_body(req, goal_keys);
    if (!body)
        return;
    /* Last year's goals take only their follow-up text here. */
    const char *key;
    json_t *v;
    if (old)
        json_object_foreach (body, key, v)
            if (strcmp(key, "follow_up") != 0) {
                json_decref(body);
                api_invalid(req, key, "%s: sidste års mål kan her kun få en opfølgning (follow_up)", key);
                return;
            }
    bool ok = read_goal(req, body, create, &g, &x);
    json_decref(body);
    if (!ok)
        return;
    if ((rc = dlg_goal_put(req->db, web_principal(req), &req->a, &x, &e))) {
        api_domain_error(req, rc, &e, "saving a goal");
        return;
    }
    respond_goal(req, &g, &x, create ? 201 : 200);
}

void api_dialogue_goal_create(http_req *req)
{
    put_goal(req, true);
}

void api_dialogue_goal_update(http_req *req)
{
    put_goal(req, false);
}

void api_dialogue_goal_delete(http_req *req)
{
    dialogue g;
    int64_t id;
    if (!load_dialogue(req, &g) || !api_path_id(req, "goal", &id))
        return;
    dlg_goal x;
    bool old;
    hh_err rc = HH_OK;
    hh_error e;
    if (!find_goal(req, &g, id, &x, &old, &rc, &e) || old) {
        if (rc)
            api_domain_error(req, rc, &e, "reading goals");
        else
            api_not_found(req, "goal", "Målet findes ikke i dialogen.");
        return;
    }
    if ((rc = dlg_goal_delete(req->db, web_principal(req), g.id, id, &e))) {
        api_domain_error(req, rc, &e, "deleting a goal");
        return;
    }
    api_no_content(req);
}

/* GET …/followup: last year's goals with target against actual. */
void api_dialogue_followup(http_req *req)
{
    dialogue g;
    if (!load_dialogue(req, &g))
        return;
    dlg_followup *xs;
    size_t n;
    hh_error e;
    hh_err rc = dlg_followups(req->db, web_principal(req), &req->a, g.id, &xs, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading the follow-up");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "dialogue_id", g.id);
    jw_kint(&w, "year", g.year);
    jw_key(&w, "followups");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        const dlg_followup *f = &xs[i];
        jw_obj(&w);
        json_goal_fields(&w, &f->goal);
        kint_or_null(&w, "actual_year", f->actual_year, f->actual_year != 0);
        jw_kbool(&w, "suppressed", f->suppressed);
        api_kdouble(&w, "actual", f->suppressed ? NAN : f->actual);
        int st = f->status < DG_COUNT ? (int)f->status : DG_NO_DATA;
        jw_kstr(&w, "status", dlg_goal_status_code[st]);
        jw_kstr(&w, "status_label", dlg_goal_status_label[st]);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* ---- deadlines and reminders ---- */

/* {code} and {year} of the path, and whether the caller sees the
 * municipality's dialogues (admin, national, or a pair in scope); false
 * after answering 404. */
static bool load_deadline_path(http_req *req, const char **code, int *year)
{
    *code = http_param(req, "code");
    const char *ys = http_param(req, "year");
    if (!*code || strlen(*code) != 4 || strspn(*code, "0123456789") != 4) {
        api_not_found(req, "code", "Kommunen findes ikke.");
        return false;
    }
    if (!ys || !hh_parse_int(ys, 1990, 2100, year)) {
        api_not_found(req, "year", "Året skal være fra 1990 til 2100.");
        return false;
    }
    const principal *p = web_principal(req);
    if (principal_has_role(p, ROLE_ADMIN) || principal_has_role(p, ROLE_NATIONAL))
        return true;
    dlg_filter f = { .municipality_code = *code, .year = *year, .state = -1 };
    dlg_summary *xs;
    size_t n = 0;
    hh_error e;
    hh_err rc = dlg_list(req->db, p, &req->a, &f, &xs, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "listing dialogues");
        return false;
    }
    if (!n) {
        api_not_found(req, "code", "Kommunen har ingen styringsdialoger, du kan se.");
        return false;
    }
    return true;
}

static void respond_deadline(http_req *req, const char *code, int year)
{
    dlg_deadline dl = { 0 };
    bool found = false;
    hh_error e;
    hh_err rc = dlg_deadline_get(req->db, &req->a, code, year, &dl, &found, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a deadline");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kstr(&w, "municipality_code", code);
    jw_kint(&w, "year", year);
    api_kstr_or_null(&w, "deadline", found ? dl.deadline : NULL);
    kint_or_null(&w, "remind_days", dl.remind_days, found);
    jw_obj_end(&w);
    api_respond(req, 200);
}

void api_dialogue_deadline(http_req *req)
{
    const char *code;
    int year;
    if (load_deadline_path(req, &code, &year))
        respond_deadline(req, code, year);
}

/* PUT /api/v1/municipalities/{code}/dialogue-deadlines/{year} {deadline, remind_days} */
void api_dialogue_deadline_put(http_req *req)
{
    const char *code;
    int year;
    if (!load_deadline_path(req, &code, &year))
        return;
    static const char *const keys[] = { "deadline", "remind_days", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    dlg_deadline dl = { .municipality_code = code, .year = year, .deadline = "", .remind_days = 14 };
    bool found = false;
    hh_error e;
    hh_err rc = dlg_deadline_get(req->db, &req->a, code, year, &dl, &found, &e);
    if (rc) {
        json_decref(body);
        api_domain_error(req, rc, &e, "reading a deadline");
        return;
    }
    if (!found)
        dl.remind_days = 14;
    dl.municipality_code = code;
    dl.year = year;
    jr r = { .req = req };
    jr_required(&r, body, "deadline");
    jr_str(&r, body, NULL, "deadline", NULL, &dl.deadline);
    jr_int(&r, body, NULL, "remind_days", 0, 365, &dl.remind_days);
    json_decref(body);
    if (r.bad)
        return;
    if ((rc = dlg_deadline_put(req->db, web_principal(req), &dl, &e))) {
        api_domain_error(req, rc, &e, "saving a deadline");
        return;
    }
    respond_deadline(req, code, year);
}

/* GET /api/v1/dialogue-reminders: the signed-in user's, soonest first. */
void api_dialogue_reminders(http_req *req)
{
    dlg_summary *xs;
    size_t n;
    hh_error e;
    hh_err rc = dlg_reminders(req->db, web_principal(req), &req->a, NULL, &xs, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading reminders");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "reminders");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++)
        json_summary(&w, &xs[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* ---- public data sheets (no login) ---- */

/* GET /api/v1/public/dialogues?municipality=&org= */
void api_public_dialogues(http_req *req)
{
    const char *muni;
    int64_t org;
    if (!query_municipality(req, &muni) || !query_int64(req, "org", &org))
        return;
    dlg_summary *xs;
    size_t n;
    hh_error e;
    hh_err rc = dlg_published(req->db, &req->a, muni, org, &xs, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "listing published dialogues");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "dialogues");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        const dlg_summary *s = &xs[i];
        jw_obj(&w);
        jw_kint(&w, "id", s->id);
        jw_kint(&w, "org_no", s->org_no);
        jw_kstr(&w, "org_name", s->org_name);
        jw_kstr(&w, "municipality_code", s->municipality_code);
        jw_kstr(&w, "municipality_name", s->municipality_name);
        jw_kint(&w, "year", s->year);
        jw_kint(&w, "departments", s->departments);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* GET /api/v1/public/dialogues/{dialogue}: 404 unless published. */
void api_public_dialogue(http_req *req)
{
    int64_t id;
    if (!api_path_id(req, "dialogue", &id))
        return;
    dlg_public pub;
    hh_error e;
    hh_err rc = dlg_public_get(req->db, &req->a, id, &pub, &e);
    if (rc == HH_ERR_NOTFOUND) {
        api_not_found(req, "dialogue", "Styringsdialogen findes ikke eller er ikke offentliggjort.");
        return;
    }
    if (rc) {
        api_domain_error(req, rc, &e, "reading a public dialogue");
        return;
    }
    char text[64];
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "id", id);
    jw_kstr(&w, "org_name", pub.org_name);
    jw_kstr(&w, "municipality_name", pub.municipality_name);
    jw_kint(&w, "year", pub.year);
    api_kstr_or_null(&w, "meeting_date", pub.meeting_date);
    api_kstr_or_null(&w, "published_at", pub.published_at);
    jw_key(&w, "departments");
    jw_arr(&w);
    for (size_t i = 0; i < pub.ndepartments; i++) {
        const dlg_public_department *d = &pub.departments[i];
        jw_obj(&w);
        jw_kstr(&w, "key", d->key);
        jw_kstr(&w, "name", d->name);
        jw_kstr(&w, "address", d->address ? d->address : "");
        kint_or_null(&w, "build_year", d->build_year, d->build_year != 0);
        jw_kint(&w, "dwellings", d->dwellings);
        jw_key(&w, "figures");
        jw_arr(&w);
        for (size_t k = 0; k < d->nfigures; k++) {
            const kf_row *r = &d->figures[k];
            const key_figure *kf = &kf_catalogue[r->kf];
            jw_obj(&w);
            jw_kstr(&w, "key_figure", kf->code);
            jw_kstr(&w, "name", kf->name_da);
            jw_kstr(&w, "unit", kf->unit);
            kint_or_null(&w, "year", r->year, r->year != 0);
            api_kdouble(&w, "value", r->suppressed ? NAN : kf_result(kf, &r->parts));
            jw_kstr(&w, "display", kf_format(kf, &r->parts, r->suppressed, text, sizeof text));
            jw_obj_end(&w);
        }
        jw_arr_end(&w);
        jw_key(&w, "suppressed");
        jw_arr(&w);
        for (size_t k = 0; k < d->nfigures; k++)
            if (d->figures[k].suppressed)
                jw_str(&w, kf_catalogue[d->figures[k].kf].code);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* ---- the code lists ---- */

void api_dialogue_codes(http_req *req)
{
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    code_list(&w, "states", dlg_state_code, dlg_state_label, DS_COUNT);
    jw_key(&w, "items");
    jw_arr(&w);
    for (int i = 0; i < DI_COUNT; i++) {
        jw_obj(&w);
        jw_kstr(&w, "code", dlg_item_code[i]);
        jw_kstr(&w, "label", dlg_item_label[i]);
        jw_kstr(&w, "kind", i < DLG_FIRST_QUESTION ? "test" : "question");
        jw_key(&w, "prompt");
        if (i >= DLG_FIRST_QUESTION)
            jw_str(&w, dlg_question_prompt[i - DLG_FIRST_QUESTION]);
        else
            jw_null(&w);
        jw_key(&w, "figures");
        jw_arr(&w);
        for (const char *const *f = dlg_item_figures[i]; f && *f; f++)
            jw_str(&w, *f);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "scale");
    jw_arr(&w);
    for (int s = 1; s <= DLG_SCALE_MAX; s++) {
        jw_obj(&w);
        jw_kint(&w, "score", s);
        jw_kstr(&w, "label", dlg_scale_label[s]);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_kstr(&w, "unanswered_label", dlg_scale_label[0]);
    code_list(&w, "selection_rules", dlg_rule_code, dlg_rule_label, DR_COUNT);
    api_kdouble(&w, "trend_z", DLG_TREND_Z);
    code_list(&w, "goal_statuses", dlg_goal_status_code, dlg_goal_status_label, DG_COUNT);
    jw_key(&w, "transitions");
    jw_arr(&w);
    for (size_t i = 0; i < dlg_ntransitions; i++) {
        const dlg_transition_rule *t = &dlg_transitions[i];
        jw_obj(&w);
        jw_kstr(&w, "from", dlg_state_code[t->from]);
        jw_kstr(&w, "to", dlg_state_code[t->to]);
        jw_kstr(&w, "side", t->side == SIDE_ORGANISATION ? "organisation" : "municipality");
        jw_kstr(&w, "action", t->action_da);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "rules");
    jw_arr(&w);
    for (size_t i = 0; i < dlg_nrules; i++) {
        jw_obj(&w);
        jw_kstr(&w, "code", dlg_rules[i].code);
        jw_kstr(&w, "text", dlg_rules[i].text_da);
        api_kstr_or_null(&w, "source", dlg_rules[i].source);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "public_figures");
    jw_arr(&w);
    for (const char *const *f = dlg_public_figures; *f; f++)
        jw_str(&w, *f);
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}
