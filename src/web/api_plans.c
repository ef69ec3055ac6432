/* api_plans.c - holistic plans under /api/v1/ (DOMAIN.md §3, domain/plans.h):
 * plans with their history and next transitions, the state machine, budget,
 * goals with computed progress, versions and their differences, team and
 * steering group, agreements with the municipality, cooperation agreements,
 * and the partner registry with contacts.
 *
 * This layer only translates: JSON in (strict: unknown keys and wrong types
 * are refused naming the key), the domain's answer out. Scope and rules live
 * in the domain: a plan outside the caller's scope is 404, a visible plan the
 * caller may not change 403, a broken rule 422 with the rule's code and the
 * field. Money is integer øre. */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "domain/keyfig.h"
#include "domain/plans.h"
#include "domain/registry.h"
#include "http/json.h"
#include "http/respcache.h"
#include "web/api_util.h"
#include "web/auth_web.h"
#include "web/pages.h"
#include "web/plans_web.h"

/* The items of this file's sub-resources (api_util.h). */
typedef api_owner owner;

union sub_item {
    int64_t id;
    plan_goal goal;
    plan_member member;
    plan_agreement agreement;
    plan_cooperation cooperation;
    partner_contact contact;
};

_Static_assert(sizeof(union sub_item) <= SUB_ITEM_MAX, "an item fits the sub-resource buffer");

/* ---- JSON writers ---- */

/* LBF share of the budget in per cent, null without a budget. */
static void kshare(jw *w, const char *key, int64_t part, int64_t total)
{
    api_kdouble(w, key, total > 0 ? 100.0 * (double)part / (double)total : NAN);
}

static void json_totals(jw *w, const plan_budget_totals *t)
{
    jw_obj(w);
    jw_kint(w, "total_ore", t->total_ore);
    jw_kint(w, "lbf_ore", t->lbf_ore);
    jw_kint(w, "cofinancing_ore", t->cofinancing_ore);
    jw_kint(w, "spent_ore", t->spent_ore);
    jw_kint(w, "spent_lbf_ore", t->spent_lbf_ore);
    kshare(w, "lbf_share", t->lbf_ore, t->total_ore);
    kshare(w, "cofinancing_share", t->cofinancing_ore, t->total_ore);
    jw_obj_end(w);
}

static void json_summary(jw *w, const plan_summary *s)
{
    jw_obj(w);
    jw_kint(w, "id", s->id);
    jw_kstr(w, "name", s->name);
    jw_kstr(w, "type", plan_type_code[s->type]);
    jw_kstr(w, "state", plan_state_code[s->state]);
    jw_kstr(w, "state_label", plan_state_label[s->state]);
    api_kstr_or_null(w, "round", s->round);
    jw_kstr(w, "municipality_code", s->municipality_code);
    jw_kstr(w, "municipality_name", s->municipality_name);
    api_kstr_or_null(w, "region_code", s->region_code);
    api_kstr_or_null(w, "start_date", s->start_date);
    api_kstr_or_null(w, "end_date", s->end_date);
    jw_kstr(w, "focus", s->focus);
    jw_kstr(w, "organisations", s->orgs);
    jw_kint(w, "budget_ore", s->budget_ore);
    jw_kint(w, "lbf_ore", s->lbf_ore);
    jw_kint(w, "spent_ore", s->spent_ore);
    kshare(w, "lbf_share", s->lbf_ore, s->budget_ore);
    jw_obj_end(w);
}

static void json_transition(jw *w, const plan_transition *t)
{
    jw_obj(w);
    jw_kint(w, "id", t->id);
    jw_kstr(w, "from", t->from < PS_COUNT ? plan_state_code[t->from] : NULL);
    jw_kstr(w, "to", plan_state_code[t->to]);
    jw_kstr(w, "to_label", plan_state_label[t->to]);
    jw_kstr(w, "effective", t->effective);
    api_kid_or_null(w, "user_id", t->user_id);
    jw_kstr(w, "user_name", t->user_name);
    jw_kstr(w, "note", t->note);
    jw_kstr(w, "recorded_at", t->recorded_at);
    jw_obj_end(w);
}

static void json_refs(jw *w, const char *key, const char *key_name, const plan_ref *r, size_t n, bool numeric)
{
    jw_key(w, key);
    jw_arr(w);
    for (size_t i = 0; i < n; i++) {
        jw_obj(w);
        if (numeric)
            jw_kint(w, key_name, r[i].id);
        else
            jw_kstr(w, key_name, r[i].key);
        jw_kstr(w, "name", r[i].name);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

/* The whole plan: content, history, what the caller may do next and the
 * budget totals. */
static bool write_plan(http_req *req, jw *w, const plan *pl)
{
    const principal *p = web_principal(req);
    hh_error e;
    plan_transition *h;
    size_t nh, nl;
    plan_budget_line *lines;
    hh_err rc = plan_history(req->db, &req->a, pl->id, &h, &nh, &e);
    if (!rc)
        rc = plan_budget_get(req->db, &req->a, pl->id, &lines, &nl, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a plan");
        return false;
    }
    plan_budget_totals t;
    plan_budget_sum(lines, nl, &t);
    const plan_transition_rule **next = arena_alloc(&req->a, (plan_ntransitions + 1) * sizeof *next);
    size_t nn = plan_next(p, pl, next);

    jw_obj(w);
    jw_kint(w, "id", pl->id);
    jw_kstr(w, "name", pl->name);
    jw_kstr(w, "type", plan_type_code[pl->type]);
    jw_kstr(w, "type_label", plan_type_label[pl->type]);
    jw_kstr(w, "municipality_code", pl->municipality_code);
    jw_kstr(w, "municipality_name", pl->municipality_name);
    api_kstr_or_null(w, "round", pl->round);
    jw_kstr(w, "state", plan_state_code[pl->state]);
    jw_kstr(w, "state_label", plan_state_label[pl->state]);
    api_kstr_or_null(w, "start_date", pl->start_date);
    api_kstr_or_null(w, "end_date", pl->end_date);
    api_kid_or_null(w, "predecessor_id", pl->predecessor_id);
    api_kstr_or_null(w, "predecessor_name", pl->predecessor_name);
    jw_kstr(w, "vision", pl->vision);
    jw_kstr(w, "strengths", pl->strengths);
    jw_kstr(w, "weaknesses", pl->weaknesses);
    jw_kstr(w, "opportunities", pl->opportunities);
    jw_kstr(w, "threats", pl->threats);
    jw_key(w, "challenges");
    jw_arr(w);
    for (int c = 0; c < CH_COUNT; c++)
        if (pl->challenge[c])
            jw_str(w, plan_challenge_code[c]);
    jw_arr_end(w);
    json_refs(w, "organisations", "org_no", pl->orgs, pl->norgs, true);
    json_refs(w, "departments", "key", pl->departments, pl->ndepartments, false);
    json_refs(w, "areas", "area_code", pl->areas, pl->nareas, false);
    jw_key(w, "focus");
    jw_arr(w);
    for (size_t i = 0; i < pl->nfocus; i++)
        jw_str(w, pl->focus[i]);
    jw_arr_end(w);
    jw_kint(w, "version", pl->version);
    jw_kbool(w, "approved", pl->approved);
    jw_kstr(w, "created_at", pl->created_at);
    jw_kstr(w, "updated_at", pl->updated_at);
    jw_kbool(w, "may_write", plan_may_write(p, pl));
    jw_key(w, "budget");
    json_totals(w, &t);
    jw_key(w, "history");
    jw_arr(w);
    for (size_t i = 0; i < nh; i++)
        json_transition(w, &h[i]);
    jw_arr_end(w);
    jw_key(w, "next");
    jw_arr(w);
    for (size_t i = 0; i < nn; i++) {
        jw_obj(w);
        jw_kstr(w, "to", plan_state_code[next[i]->to]);
        jw_kstr(w, "to_label", plan_state_label[next[i]->to]);
        jw_kstr(w, "action", next[i]->action_da);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
    return true;
}

/* Answers with the plan as the caller now sees it. */
static void respond_plan(http_req *req, int64_t id, int status)
{
    plan pl;
    hh_error e;
    hh_err rc = plan_get(req->db, web_principal(req), &req->a, id, &pl, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a plan");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    if (write_plan(req, &w, &pl))
        api_respond(req, status);
}

/* ---- plans ---- */

void api_plans(http_req *req)
{
    plan_filter f = { .type = -1, .state = -1, .limit = 1000 };
    const char *s;
    if ((s = http_query(req, "type")) && *s && (f.type = plan_enum_find(plan_type_code, PLAN_TYPE_COUNT, s)) < 0) {
        api_invalid(req, "type", "type: ukendt plantype »%s«", s);
        return;
    }
    if ((s = http_query(req, "state")) && *s && (f.state = plan_enum_find(plan_state_code, PS_COUNT, s)) < 0) {
        api_invalid(req, "state", "state: ukendt tilstand »%s«", s);
        return;
    }
    if ((s = http_query(req, "round")) && *s) {
        if (!plan_round_find(s)) {
            api_invalid(req, "round", "round: ukendt støtterunde »%s«", s);
            return;
        }
        f.round = s;
    }
    if ((s = http_query(req, "focus")) && *s)
        f.focus = s;
    if ((s = http_query(req, "municipality")) && *s)
        f.municipality_code = s;
    if ((s = http_query(req, "region")) && *s)
        f.region_code = s;
    if ((s = http_query(req, "q")) && *s)
        f.q = s;
    int v;
    if ((s = http_query(req, "org_no")) && *s) {
        if (!hh_parse_int(s, 1, 99999, &v)) {
            api_invalid(req, "org_no", "org_no: forventede et organisationsnummer, ikke »%s«", s);
            return;
        }
        f.org_no = v;
    }
    if ((s = http_query(req, "limit")) && *s) {
        if (!hh_parse_int(s, 1, 100000, &v)) {
            api_invalid(req, "limit", "limit: forventede et heltal fra 1 til 100000");
            return;
        }
        f.limit = (size_t)v;
    }
    /* The body is the same for every reader with the same plan scope and
     * the same filters: kept as a fragment, keyed on the filters as parsed
     * (area and department by the codes asked for). */
    const char *area = http_query(req, "area"), *dept = http_query(req, "department");
    const char *key = plans_list_key(
        req, "api",
        arena_printf(&req->a, "%d|%d|%s|%s|%s|%s|%s|%lld|%zu|%s|%s", f.type, f.state, f.round ? f.round : "",
                     f.focus ? f.focus : "", f.municipality_code ? f.municipality_code : "",
                     f.region_code ? f.region_code : "", f.q ? f.q : "", (long long)f.org_no, f.limit,
                     area && *area ? area : "", dept && *dept ? dept : ""));
    int64_t version;
    if (respcache_fragment(req, key, PLANS_LIST_GROUPS, &version)) {
        api_respond(req, 200);
        return;
    }
    hh_error e;
    /* Area and department by their codes; an unknown one matches nothing. */
    bool none = false;
    if ((s = area) && *s) {
        housing_area ar;
        hh_err rc = reg_area_get(req->db, &reg_scope_everything, &req->a, s, &ar, &e);
        if (rc && rc != HH_ERR_NOTFOUND) {
            http_fail_db(req, "reading an area");
            return;
        }
        none = rc != HH_OK;
        f.area_id = rc ? 0 : ar.id;
    }
    if ((s = dept) && *s) {
        int64_t org = 0, dno = 0;
        department d;
        hh_err rc = reg_parse_dept_key(s, &org, &dno)
                        ? reg_department_get(req->db, &reg_scope_everything, &req->a, org, dno, &d, &e)
                        : HH_ERR_NOTFOUND;
        if (rc && rc != HH_ERR_NOTFOUND) {
            http_fail_db(req, "reading a department");
            return;
        }
        none = none || rc != HH_OK;
        f.department_id = rc ? 0 : d.id;
    }
    plan_summary *ps = NULL;
    size_t n = 0;
    hh_err rc = none ? HH_OK : plan_list(req->db, web_principal(req), &req->a, &f, &ps, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "listing plans");
        return;
    }
    size_t from = req->out.len;
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "plans");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++)
        json_summary(&w, &ps[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    respcache_fragment_store(req, key, version, from);
    api_respond(req, 200);
}

static const char *const plan_keys[] = { "name",
                                         "type",
                                         "municipality_code",
                                         "round",
                                         "start_date",
                                         "end_date",
                                         "predecessor_id",
                                         "vision",
                                         "strengths",
                                         "weaknesses",
                                         "opportunities",
                                         "threats",
                                         "challenges",
                                         "organisations",
                                         "departments",
                                         "areas",
                                         "focus",
                                         "idea_date",
                                         NULL };

/* plan_input from the body (create also takes idea_date). */
static bool read_plan_input(http_req *req, json_t *o, bool create, plan_input *in)
{
    jr r = { .req = req };
    if (!create && json_object_get(o, "idea_date")) {
        api_invalid(req, "idea_date", "idea_date: kan kun angives når planen oprettes");
        return false;
    }
    jr_str(&r, o, NULL, "name", NULL, &in->name);
    jr_enum(&r, o, NULL, "type", plan_type_code, PLAN_TYPE_COUNT, -2, &in->type);
    jr_str(&r, o, NULL, "municipality_code", NULL, &in->municipality_code);
    jr_str(&r, o, NULL, "round", "", &in->round);
    if (!r.bad && in->round && *in->round && !plan_round_find(in->round))
        jr_fail(&r, "round", arena_printf(&req->a, "ukendt støtterunde »%s«", in->round));
    jr_str(&r, o, NULL, "start_date", "", &in->start_date);
    jr_str(&r, o, NULL, "end_date", "", &in->end_date);
    json_t *pred = json_object_get(o, "predecessor_id");
    if (pred && json_is_null(pred))
        in->predecessor_id = 0;
    else
        jr_int64(&r, o, NULL, "predecessor_id", 1, INT64_MAX, &in->predecessor_id);
    jr_str(&r, o, NULL, "idea_date", NULL, &in->idea_date);
    jr_str(&r, o, NULL, "vision", NULL, &in->vision);
    jr_str(&r, o, NULL, "strengths", NULL, &in->strengths);
    jr_str(&r, o, NULL, "weaknesses", NULL, &in->weaknesses);
    jr_str(&r, o, NULL, "opportunities", NULL, &in->opportunities);
    jr_str(&r, o, NULL, "threats", NULL, &in->threats);
    const char *const *xs;
    size_t n;
    bool present = false;
    jr_strings(&r, o, "challenges", &present, &xs, &n);
    if (present && !r.bad) {
        for (int c = 0; c < CH_COUNT; c++)
            in->challenge[c] = 0;
        for (size_t i = 0; i < n && !r.bad; i++) {
            int c = plan_enum_find(plan_challenge_code, CH_COUNT, xs[i]);
            if (c < 0)
                jr_fail(&r, arena_printf(&req->a, "challenges[%zu]", i), "forventede building, urban eller social");
            else
                in->challenge[c] = 1;
        }
    }
    json_t *orgs = json_object_get(o, "organisations");
    if (orgs && !r.bad) {
        if (!json_is_array(orgs)) {
            jr_fail(&r, "organisations", "forventede en liste af organisationsnumre");
        } else {
            size_t len = json_array_size(orgs);
            int64_t *nos = arena_zalloc(&req->a, (len ? len : 1) * sizeof *nos);
            for (size_t i = 0; i < len && !r.bad; i++) {
                json_t *x = json_array_get(orgs, i);
                if (!json_is_integer(x) || json_integer_value(x) <= 0)
                    jr_fail(&r, arena_printf(&req->a, "organisations[%zu]", i), "forventede et organisationsnummer");
                else
                    nos[i] = json_integer_value(x);
            }
            in->has_orgs = true;
            in->org_nos = nos;
            in->norgs = len;
        }
    }
    jr_strings(&r, o, "departments", &in->has_departments, &in->department_keys, &in->ndepartments);
    jr_strings(&r, o, "areas", &in->has_areas, &in->area_codes, &in->nareas);
    jr_strings(&r, o, "focus", &in->has_focus, &in->focus, &in->nfocus);
    return !r.bad;
}

void api_plan_create(http_req *req)
{
    json_t *body = api_body(req, plan_keys);
    if (!body)
        return;
    plan_input in;
    plan_input_init(&in);
    int64_t id = 0;
    hh_error e;
    hh_err rc = HH_OK;
    if (read_plan_input(req, body, true, &in))
        rc = plan_create(req->db, web_principal(req), &req->a, &in, &id, &e);
    else
        rc = HH_ERR_USAGE; /* answered */
    json_decref(body);
    if (rc == HH_ERR_USAGE)
        return;
    if (rc) {
        api_domain_error(req, rc, &e, "creating a plan");
        return;
    }
    respond_plan(req, id, 201);
}

void api_plan(http_req *req)
{
    plan pl;
    if (!api_load_plan(req, &pl))
        return;
    jw w;
    jw_init(&w, &req->out);
    if (write_plan(req, &w, &pl))
        api_respond(req, 200);
}

void api_plan_update(http_req *req)
{
    plan pl;
    if (!api_load_plan(req, &pl))
        return;
    json_t *body = api_body(req, plan_keys);
    if (!body)
        return;
    plan_input in;
    plan_input_init(&in);
    hh_error e;
    hh_err rc = HH_ERR_USAGE;
    if (read_plan_input(req, body, false, &in))
        rc = plan_update(req->db, web_principal(req), &req->a, pl.id, &in, &e);
    json_decref(body);
    if (rc == HH_ERR_USAGE)
        return;
    if (rc) {
        api_domain_error(req, rc, &e, "updating a plan");
        return;
    }
    respond_plan(req, pl.id, 200);
}

/* {"to":"drafting","date":"2014-03-01","note":"…"} */
void api_plan_state(http_req *req)
{
    plan pl;
    if (!api_load_plan(req, &pl))
        return;
    static const char *const keys[] = { "to", "date", "note", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    jr r = { .req = req };
    int to = -1;
    const char *date = NULL, *note = "";
    if (!json_object_get(body, "to"))
        jr_fail(&r, "to", "mangler: den tilstand planen skal over i");
    jr_enum(&r, body, NULL, "to", plan_state_code, PS_COUNT, -2, &to);
    jr_str(&r, body, NULL, "date", "", &date);
    jr_str(&r, body, NULL, "note", "", &note);
    hh_error e;
    hh_err rc = HH_ERR_USAGE;
    if (!r.bad)
        rc = plan_transition_apply(req->db, web_principal(req), &req->a, pl.id, (plan_state)to, date, note, &e);
    json_decref(body);
    if (rc == HH_ERR_USAGE)
        return;
    if (rc) {
        api_domain_error(req, rc, &e, "changing a plan's state");
        return;
    }
    respond_plan(req, pl.id, 200);
}

/* ---- budget ---- */

static void respond_budget(http_req *req, const plan *pl)
{
    plan_budget_line *lines;
    size_t n;
    hh_error e;
    hh_err rc = plan_budget_get(req->db, &req->a, pl->id, &lines, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a budget");
        return;
    }
    plan_budget_totals t;
    plan_budget_sum(lines, n, &t);
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "plan_id", pl->id);
    jw_key(&w, "lines");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj(&w);
        jw_kint(&w, "year", lines[i].year);
        jw_kstr(&w, "source", plan_source_code[lines[i].source]);
        jw_kint(&w, "budget_ore", lines[i].budget_ore);
        jw_kint(&w, "spent_ore", lines[i].spent_ore);
        jw_kstr(&w, "note", lines[i].note);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_key(&w, "totals");
    json_totals(&w, &t);
    jw_obj_end(&w);
    api_respond(req, 200);
}

void api_plan_budget(http_req *req)
{
    plan pl;
    if (api_load_plan(req, &pl))
        respond_budget(req, &pl);
}

/* {"lines":[{"year":2014,"source":"lbf","budget_ore":…,"spent_ore":…,"note":…}]}
 * replaces the whole budget. */
void api_plan_budget_put(http_req *req)
{
    plan pl;
    if (!api_load_plan(req, &pl))
        return;
    static const char *const keys[] = { "lines", NULL };
    static const char *const line_keys[] = { "year", "source", "budget_ore", "spent_ore", "note", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    jr r = { .req = req };
    json_t *arr = json_object_get(body, "lines");
    if (!json_is_array(arr))
        jr_fail(&r, "lines", "forventede en liste af budgetlinjer");
    size_t n = r.bad ? 0 : json_array_size(arr);
    plan_budget_line *lines = arena_zalloc(&req->a, (n ? n : 1) * sizeof *lines);
    for (size_t i = 0; i < n && !r.bad; i++) {
        json_t *o = json_array_get(arr, i);
        const char *prefix = arena_printf(&req->a, "lines[%zu]", i);
        if (!jr_keys(&r, o, prefix, line_keys))
            break;
        plan_budget_line *l = &lines[i];
        int src = -1;
        l->note = "";
        if (!json_object_get(o, "year"))
            jr_fail(&r, arena_printf(&req->a, "%s.year", prefix), "mangler");
        if (!json_object_get(o, "source"))
            jr_fail(&r, arena_printf(&req->a, "%s.source", prefix), "mangler");
        jr_int(&r, o, prefix, "year", 0, 9999, &l->year);
        jr_enum(&r, o, prefix, "source", plan_source_code, SRC_COUNT, -2, &src);
        jr_int64(&r, o, prefix, "budget_ore", 0, INT64_MAX / 4, &l->budget_ore);
        jr_int64(&r, o, prefix, "spent_ore", 0, INT64_MAX / 4, &l->spent_ore);
        jr_str(&r, o, prefix, "note", "", &l->note);
        l->source = (plan_source)(src < 0 ? 0 : src);
    }
    json_decref(body);
    if (r.bad)
        return;
    hh_error e;
    hh_err rc = plan_budget_put(req->db, web_principal(req), &req->a, pl.id, lines, n, &e);
    /* The domain numbers the budget's lines as budget[i]; here they are the
     * body's lines[i]. */
    if (rc && strncmp(e.field, "budget[", 7) == 0) {
        memcpy(e.field, "lines", 5);
        memmove(e.field + 5, e.field + 6, strlen(e.field + 6) + 1);
    }
    if (rc) {
        api_domain_error(req, rc, &e, "saving a budget");
        return;
    }
    respond_budget(req, &pl);
}

/* ---- goals ---- */

static void json_goal(http_req *req, jw *w, const plan *pl, const plan_goal *g, int year)
{
    const key_figure *kf = g->kf >= 0 && (size_t)g->kf < kf_count ? &kf_catalogue[g->kf] : NULL;
    jw_obj(w);
    jw_kint(w, "id", g->id);
    jw_kstr(w, "title", g->title);
    jw_kstr(w, "key_figure", kf ? kf->code : NULL);
    jw_kstr(w, "key_figure_name", kf ? kf->name_da : NULL);
    jw_kstr(w, "unit", kf ? kf->unit : NULL);
    api_kstr_or_null(w, "area_code", g->area_code);
    jw_key(w, "departments");
    jw_arr(w);
    for (size_t i = 0; i < g->ndepartments; i++)
        jw_str(w, g->department_keys[i]);
    jw_arr_end(w);
    jw_kint(w, "baseline_year", g->baseline_year);
    api_kdouble(w, "baseline_value", g->baseline_value);
    api_kdouble(w, "target_value", g->target_value);
    jw_kint(w, "target_year", g->target_year);
    goal_progress gp;
    hh_error e;
    jw_key(w, "progress");
    if (plan_goal_progress(req->db, &req->a, pl, g, year, &gp, &e) != HH_OK) {
        jw_null(w);
    } else {
        jw_obj(w);
        jw_key(w, "series");
        jw_arr(w);
        for (size_t i = 0; i < gp.n; i++) {
            jw_obj(w);
            jw_kint(w, "year", gp.series[i].year);
            api_kdouble(w, "value", gp.series[i].value);
            jw_kbool(w, "suppressed", gp.series[i].suppressed);
            jw_obj_end(w);
        }
        jw_arr_end(w);
        api_kdouble(w, "baseline", gp.baseline);
        jw_key(w, "year");
        if (gp.year)
            jw_int(w, gp.year);
        else
            jw_null(w);
        api_kdouble(w, "value", gp.value);
        api_kdouble(w, "progress", gp.progress);
        api_kdouble(w, "expected", gp.expected);
        jw_kstr(w, "status", goal_status_code[gp.status]);
        jw_kstr(w, "status_label", goal_status_label[gp.status]);
        jw_obj_end(w);
    }
    jw_obj_end(w);
}

/* The goal of the path within the plan; false after answering. */
static bool read_goal(http_req *req, json_t *o, bool create, plan_goal *g)
{
    jr r = { .req = req };
    if (create) {
        static const char *const required[] = { "title", "key_figure", "baseline_year", "target_value", "target_year" };
        for (size_t i = 0; i < sizeof required / sizeof *required; i++)
            if (!json_object_get(o, required[i]))
                jr_fail(&r, required[i], "mangler");
    }
    jr_str(&r, o, NULL, "title", NULL, &g->title);
    const char *kf = NULL;
    jr_str(&r, o, NULL, "key_figure", NULL, &kf);
    if (kf && !r.bad && (g->kf = kf_find(kf)) < 0)
        jr_fail(&r, "key_figure", arena_printf(&req->a, "ukendt nøgletal »%s«", kf));
    jr_str(&r, o, NULL, "area_code", "", &g->area_code);
    jr_strings(&r, o, "departments", NULL, &g->department_keys, &g->ndepartments);
    jr_int(&r, o, NULL, "baseline_year", 1900, 2200, &g->baseline_year);
    jr_double(&r, o, NULL, "baseline_value", true, &g->baseline_value);
    jr_double(&r, o, NULL, "target_value", false, &g->target_value);
    jr_int(&r, o, NULL, "target_year", 1900, 2200, &g->target_year);
    return !r.bad;
}

static const char *const goal_keys[] = { "title",        "key_figure",    "area_code",
                                         "departments",  "baseline_year", "baseline_value",
                                         "target_value", "target_year",   NULL };

static hh_err goal_list(http_req *req, const owner *o, void **items, size_t *n, hh_error *e)
{
    plan_goal *g = NULL;
    hh_err rc = plan_goals(req->db, &req->a, o->pl.id, &g, n, e);
    *items = g;
    return rc;
}

static bool goal_parse(http_req *req, json_t *body, bool create, const owner *o, sub_item *it)
{
    (void)o;
    return read_goal(req, body, create, &it->goal);
}

static hh_err goal_put(http_req *req, const owner *o, sub_item *it, hh_error *e)
{
    return plan_goal_put(req->db, web_principal(req), &req->a, o->pl.id, &it->goal, e);
}

static void goal_json(http_req *req, jw *w, const owner *o, const sub_item *it)
{
    json_goal(req, w, &o->pl, &it->goal, o->year);
}

static const sub_kind goal_kind = {
    .param = "goal",
    .list_key = "goals",
    .missing = "Succeskriteriet findes ikke i planen.",
    .reading = "reading goals",
    .saving = "saving a goal",
    .deleting = "deleting a goal",
    .size = sizeof(plan_goal),
    .keys = goal_keys,
    .year = true,
    .read_back = true,
    .blank = &(const sub_item){ .goal = { .title = "", .kf = -1, .area_code = "", .baseline_value = NAN } },
    .list = goal_list,
    .parse = goal_parse,
    .put = goal_put,
    .plan_del = plan_goal_delete,
    .json = goal_json,
};

void api_plan_goals(http_req *req)
{
    api_sub_list(req, &goal_kind);
}

void api_plan_goal_create(http_req *req)
{
    api_sub_put(req, &goal_kind, true);
}

void api_plan_goal_update(http_req *req)
{
    api_sub_put(req, &goal_kind, false);
}

void api_plan_goal_delete(http_req *req)
{
    api_sub_delete(req, &goal_kind);
}

/* ---- versions ---- */

static void json_version(jw *w, const plan_version *v, bool snapshot)
{
    jw_obj(w);
    jw_kint(w, "version", v->version);
    jw_kstr(w, "created_at", v->created_at);
    jw_kstr(w, "user_name", v->user_name);
    jw_kstr(w, "note", v->note);
    if (snapshot) {
        jw_key(w, "snapshot");
        if (v->snapshot && *v->snapshot)
            jw_raw(w, v->snapshot);
        else
            jw_null(w);
    }
    jw_obj_end(w);
}

/* A version as the list shows it (no snapshot). */
static void json_version_listed(jw *w, const void *item)
{
    json_version(w, item, false);
}

void api_plan_versions(http_req *req)
{
    plan pl;
    if (!api_load_plan(req, &pl))
        return;
    plan_version *v;
    size_t n;
    hh_error e;
    hh_err rc = plan_versions_read(req->db, web_principal(req), &req->a, pl.id, &v, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading versions");
        return;
    }
    api_respond_list(req, api_head_ids, &(api_ids){ .k1 = "plan_id", .v1 = pl.id }, "versions", v, n, sizeof *v,
                     json_version_listed);
}

/* A saved version by number; false after answering. */
static bool find_version(http_req *req, const plan *pl, const char *s, const char *field, plan_version *out)
{
    int num;
    plan_version *v;
    size_t n;
    hh_error e;
    if (!s || !hh_parse_int(s, 1, 1000000, &num)) {
        api_not_found(req, field, arena_printf(&req->a, "Version »%s« findes ikke.", s ? s : ""));
        return false;
    }
    hh_err rc = plan_versions_read(req->db, web_principal(req), &req->a, pl->id, &v, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading versions");
        return false;
    }
    for (size_t i = 0; i < n; i++)
        if (v[i].version == num) {
            *out = v[i];
            return true;
        }
    api_not_found(req, field, arena_printf(&req->a, "Version %d findes ikke.", num));
    return false;
}

void api_plan_version(http_req *req)
{
    plan pl;
    plan_version v;
    if (!api_load_plan(req, &pl) || !find_version(req, &pl, http_param(req, "version"), "version", &v))
        return;
    jw w;
    jw_init(&w, &req->out);
    json_version(&w, &v, true);
    api_respond(req, 200);
}

/* {"note":"…"} saves the current content as the next version. */
void api_plan_version_create(http_req *req)
{
    plan pl;
    if (!api_load_plan(req, &pl))
        return;
    static const char *const keys[] = { "note", NULL };
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    jr r = { .req = req };
    const char *note = "";
    jr_str(&r, body, NULL, "note", "", &note);
    hh_error e;
    int num = 0;
    hh_err rc = HH_ERR_USAGE;
    if (!r.bad)
        rc = plan_version_save(req->db, web_principal(req), &req->a, pl.id, note, &num, &e);
    json_decref(body);
    if (rc == HH_ERR_USAGE)
        return;
    if (rc) {
        api_domain_error(req, rc, &e, "saving a version");
        return;
    }
    plan_version v;
    if (!find_version(req, &pl, arena_printf(&req->a, "%d", num), "version", &v))
        return;
    jw w;
    jw_init(&w, &req->out);
    json_version(&w, &v, false);
    api_respond(req, 201);
}

static const char *const change_kind_code[] = { "added", "removed", "changed" };

/* ?from=V&to=V|current (defaults: from 1, to current). */
void api_plan_diff(http_req *req)
{
    plan pl;
    if (!api_load_plan(req, &pl))
        return;
    const char *from_s = http_query(req, "from"), *to_s = http_query(req, "to");
    if (!from_s || !*from_s)
        from_s = "1";
    if (!to_s || !*to_s)
        to_s = "current";
    plan_version from, to;
    const char *from_json, *to_json;
    hh_error e;
    if (!find_version(req, &pl, from_s, "from", &from))
        return;
    from_json = from.snapshot;
    if (strcmp(to_s, "current") == 0) {
        hh_err rc = plan_snapshot_read(req->db, web_principal(req), &req->a, pl.id, &to_json, &e);
        if (rc) {
            api_domain_error(req, rc, &e, "reading a snapshot");
            return;
        }
    } else {
        if (!find_version(req, &pl, to_s, "to", &to))
            return;
        to_json = to.snapshot;
    }
    plan_change *c;
    size_t n;
    hh_err rc = plan_diff(&req->a, from_json, to_json, &c, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "comparing versions");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_kint(&w, "plan_id", pl.id);
    jw_kint(&w, "from", from.version);
    jw_key(&w, "to");
    if (strcmp(to_s, "current") == 0)
        jw_str(&w, "current");
    else
        jw_int(&w, to.version);
    jw_key(&w, "changes");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++) {
        jw_obj(&w);
        jw_kstr(&w, "section", c[i].section);
        jw_kstr(&w, "item", c[i].item);
        jw_kstr(&w, "kind", change_kind_code[c[i].kind]);
        jw_kstr(&w, "before", c[i].before);
        jw_kstr(&w, "after", c[i].after);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, 200);
}

/* ---- team and steering group ---- */

static void json_member(jw *w, const plan_member *m)
{
    jw_obj(w);
    jw_kint(w, "id", m->id);
    jw_kbool(w, "steering", m->steering);
    jw_kstr(w, "name", m->name);
    jw_kstr(w, "organisation", m->organisation);
    jw_kstr(w, "role", m->role >= 0 && m->role < TEAM_COUNT ? plan_team_role_code[m->role] : NULL);
    jw_kstr(w, "seat", m->seat);
    jw_kstr(w, "email", m->email);
    jw_obj_end(w);
}

static const char *const member_keys[] = { "steering", "name", "organisation", "role", "seat", "email", NULL };

static hh_err member_list(http_req *req, const owner *o, void **items, size_t *n, hh_error *e)
{
    plan_member *m = NULL;
    hh_err rc = plan_members(req->db, &req->a, o->pl.id, &m, n, e);
    *items = m;
    return rc;
}

static bool member_parse(http_req *req, json_t *body, bool create, const owner *o, sub_item *it)
{
    (void)o;
    plan_member *m = &it->member;
    jr r = { .req = req };
    if (create && !json_object_get(body, "name"))
        jr_fail(&r, "name", "mangler");
    jr_bool(&r, body, NULL, "steering", &m->steering);
    jr_str(&r, body, NULL, "name", NULL, &m->name);
    jr_str(&r, body, NULL, "organisation", "", &m->organisation);
    jr_enum(&r, body, NULL, "role", plan_team_role_code, TEAM_COUNT, -1, &m->role);
    jr_str(&r, body, NULL, "seat", "", &m->seat);
    jr_str(&r, body, NULL, "email", "", &m->email);
    return !r.bad;
}

static hh_err member_put(http_req *req, const owner *o, sub_item *it, hh_error *e)
{
    return plan_member_put(req->db, web_principal(req), &req->a, o->pl.id, &it->member, e);
}

static void member_json(http_req *req, jw *w, const owner *o, const sub_item *it)
{
    (void)req, (void)o;
    json_member(w, &it->member);
}

static const sub_kind member_kind = {
    .param = "member",
    .list_key = "members",
    .missing = "Medlemmet findes ikke i planen.",
    .reading = "reading members",
    .saving = "saving a member",
    .deleting = "deleting a member",
    .size = sizeof(plan_member),
    .keys = member_keys,
    .blank = &(const sub_item){ .member = { .name = "", .organisation = "", .role = -1, .seat = "", .email = "" } },
    .list = member_list,
    .parse = member_parse,
    .put = member_put,
    .plan_del = plan_member_delete,
    .json = member_json,
};

void api_plan_members(http_req *req)
{
    api_sub_list(req, &member_kind);
}

void api_plan_member_create(http_req *req)
{
    api_sub_put(req, &member_kind, true);
}

void api_plan_member_update(http_req *req)
{
    api_sub_put(req, &member_kind, false);
}

void api_plan_member_delete(http_req *req)
{
    api_sub_delete(req, &member_kind);
}

/* ---- agreements with the municipality ---- */

static void json_agreement(jw *w, const plan_agreement *g)
{
    jw_obj(w);
    jw_kint(w, "id", g->id);
    jw_kstr(w, "kind", g->strategic ? "strategic" : "sub");
    api_kstr_or_null(w, "focus", g->focus);
    jw_kstr(w, "title", g->title);
    jw_kstr(w, "parties", g->parties);
    api_kstr_or_null(w, "signed_on", g->signed_on);
    api_kstr_or_null(w, "valid_from", g->valid_from);
    api_kstr_or_null(w, "valid_to", g->valid_to);
    jw_kstr(w, "doc_ref", g->doc_ref);
    jw_obj_end(w);
}

static const char *const agreement_keys[] = { "kind",       "focus",    "title",   "parties", "signed_on",
                                              "valid_from", "valid_to", "doc_ref", NULL };

static hh_err agreement_list(http_req *req, const owner *o, void **items, size_t *n, hh_error *e)
{
    plan_agreement *g = NULL;
    hh_err rc = plan_agreements(req->db, &req->a, o->pl.id, &g, n, e);
    *items = g;
    return rc;
}

static bool agreement_parse(http_req *req, json_t *body, bool create, const owner *o, sub_item *it)
{
    static const char *const kinds[] = { "sub", "strategic" };
    (void)o;
    plan_agreement *g = &it->agreement;
    jr r = { .req = req };
    if (create && !json_object_get(body, "kind"))
        jr_fail(&r, "kind", "mangler: strategic eller sub");
    if (create && !json_object_get(body, "title"))
        jr_fail(&r, "title", "mangler");
    int kind = g->strategic ? 1 : 0;
    jr_enum(&r, body, NULL, "kind", kinds, 2, -2, &kind);
    g->strategic = kind == 1;
    jr_str(&r, body, NULL, "focus", "", &g->focus);
    jr_str(&r, body, NULL, "title", NULL, &g->title);
    jr_str(&r, body, NULL, "parties", "", &g->parties);
    jr_str(&r, body, NULL, "signed_on", "", &g->signed_on);
    jr_str(&r, body, NULL, "valid_from", "", &g->valid_from);
    jr_str(&r, body, NULL, "valid_to", "", &g->valid_to);
    jr_str(&r, body, NULL, "doc_ref", "", &g->doc_ref);
    return !r.bad;
}

static hh_err agreement_put(http_req *req, const owner *o, sub_item *it, hh_error *e)
{
    return plan_agreement_put(req->db, web_principal(req), &req->a, o->pl.id, &it->agreement, e);
}

static void agreement_json(http_req *req, jw *w, const owner *o, const sub_item *it)
{
    (void)req, (void)o;
    json_agreement(w, &it->agreement);
}

static const sub_kind agreement_kind = {
    .param = "agreement",
    .list_key = "agreements",
    .missing = "Aftalen findes ikke i planen.",
    .reading = "reading agreements",
    .saving = "saving an agreement",
    .deleting = "deleting an agreement",
    .size = sizeof(plan_agreement),
    .keys = agreement_keys,
    .blank = &(const sub_item){ .agreement = { .focus = "",
                                               .title = "",
                                               .parties = "",
                                               .signed_on = "",
                                               .valid_from = "",
                                               .valid_to = "",
                                               .doc_ref = "" } },
    .list = agreement_list,
    .parse = agreement_parse,
    .put = agreement_put,
    .plan_del = plan_agreement_delete,
    .json = agreement_json,
};

void api_plan_agreements(http_req *req)
{
    api_sub_list(req, &agreement_kind);
}

void api_plan_agreement_create(http_req *req)
{
    api_sub_put(req, &agreement_kind, true);
}

void api_plan_agreement_update(http_req *req)
{
    api_sub_put(req, &agreement_kind, false);
}

void api_plan_agreement_delete(http_req *req)
{
    api_sub_delete(req, &agreement_kind);
}

/* ---- cooperation agreements ---- */

static void json_cooperation(jw *w, const void *item)
{
    const plan_cooperation *c = item;
    jw_obj(w);
    jw_kint(w, "id", c->id);
    jw_kint(w, "plan_id", c->plan_id);
    jw_kstr(w, "plan_name", c->plan_name);
    jw_kint(w, "partner_id", c->partner_id);
    jw_kstr(w, "partner_name", c->partner_name);
    jw_key(w, "purposes");
    jw_arr(w);
    for (int k = 0; k < CP_COUNT; k++)
        if (c->purposes & (1u << k))
            jw_str(w, coop_purpose_code[k]);
    jw_arr_end(w);
    api_kstr_or_null(w, "valid_from", c->valid_from);
    api_kstr_or_null(w, "valid_to", c->valid_to);
    jw_kstr(w, "note", c->note);
    jw_key(w, "days_left");
    if (c->days_left == INT32_MAX)
        jw_null(w);
    else
        jw_int(w, c->days_left);
    jw_kbool(w, "expiring", c->expiring);
    jw_kbool(w, "expired", c->expired);
    jw_obj_end(w);
}

static void respond_cooperations(http_req *req, const char *key, int64_t plan_id, const plan_cooperation *c, size_t n)
{
    api_respond_list(req, plan_id ? api_head_ids : NULL, &(api_ids){ .k1 = "plan_id", .v1 = plan_id }, key, c, n,
                     sizeof *c, json_cooperation);
}

static const char *const cooperation_keys[] = { "partner_id", "purposes", "valid_from", "valid_to", "note", NULL };

static hh_err cooperation_list(http_req *req, const owner *o, void **items, size_t *n, hh_error *e)
{
    plan_cooperation *c = NULL;
    hh_err rc = plan_cooperations(req->db, web_principal(req), &req->a, o->pl.id, 0, NULL, &c, n, e);
    *items = c;
    return rc;
}

static bool cooperation_parse(http_req *req, json_t *body, bool create, const owner *o, sub_item *it)
{
    plan_cooperation *c = &it->cooperation;
    jr r = { .req = req };
    if (create)
        for (const char *const *k = cooperation_keys; k < cooperation_keys + 3; k++)
            if (!json_object_get(body, *k))
                jr_fail(&r, *k, "mangler");
    c->plan_id = o->pl.id;
    jr_int64(&r, body, NULL, "partner_id", 1, INT64_MAX, &c->partner_id);
    const char *const *xs;
    size_t n;
    bool present = false;
    jr_strings(&r, body, "purposes", &present, &xs, &n);
    if (present && !r.bad) {
        c->purposes = 0;
        for (size_t i = 0; i < n && !r.bad; i++) {
            int k = plan_enum_find(coop_purpose_code, CP_COUNT, xs[i]);
            if (k < 0)
                jr_fail(&r, arena_printf(&req->a, "purposes[%zu]", i),
                        "forventede knowledge, recruitment, delivery eller anchoring");
            else
                c->purposes |= 1u << k;
        }
    }
    jr_str(&r, body, NULL, "valid_from", NULL, &c->valid_from);
    jr_str(&r, body, NULL, "valid_to", "", &c->valid_to);
    jr_str(&r, body, NULL, "note", "", &c->note);
    return !r.bad;
}

static hh_err cooperation_put(http_req *req, const owner *o, sub_item *it, hh_error *e)
{
    (void)o;
    return plan_cooperation_put(req->db, web_principal(req), &req->a, &it->cooperation, e);
}

static void cooperation_json(http_req *req, jw *w, const owner *o, const sub_item *it)
{
    (void)req, (void)o;
    json_cooperation(w, &it->cooperation);
}

/* Read back after saving: days_left and the names. */
static const sub_kind cooperation_kind = {
    .param = "cooperation",
    .list_key = "cooperations",
    .missing = "Samarbejdsaftalen findes ikke i planen.",
    .reading = "reading cooperation agreements",
    .saving = "saving a cooperation agreement",
    .deleting = "deleting a cooperation agreement",
    .size = sizeof(plan_cooperation),
    .keys = cooperation_keys,
    .read_back = true,
    .blank = &(const sub_item){ .cooperation = { .valid_from = "", .valid_to = "", .note = "" } },
    .list = cooperation_list,
    .parse = cooperation_parse,
    .put = cooperation_put,
    .plan_del = plan_cooperation_delete,
    .json = cooperation_json,
};

void api_plan_cooperations(http_req *req)
{
    api_sub_list(req, &cooperation_kind);
}

void api_plan_cooperation_create(http_req *req)
{
    api_sub_put(req, &cooperation_kind, true);
}

void api_plan_cooperation_update(http_req *req)
{
    api_sub_put(req, &cooperation_kind, false);
}

void api_plan_cooperation_delete(http_req *req)
{
    api_sub_delete(req, &cooperation_kind);
}

/* ?days=N (default PLAN_EXPIRY_DAYS) across the plans the caller sees. */
void api_cooperations_expiring(http_req *req)
{
    const char *s = http_query(req, "days");
    int days = PLAN_EXPIRY_DAYS;
    if (s && *s && !hh_parse_int(s, 0, 3650, &days)) {
        api_invalid(req, "days", "days: forventede et antal dage fra 0 til 3650");
        return;
    }
    plan_cooperation *c;
    size_t n;
    hh_error e;
    hh_err rc = plan_cooperations(req->db, web_principal(req), &req->a, 0, days, NULL, &c, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading cooperation agreements");
        return;
    }
    respond_cooperations(req, "cooperations", 0, c, n);
}

/* ---- partners and contacts ---- */

static void json_partner(jw *w, const void *item)
{
    const partner *x = item;
    jw_obj(w);
    jw_kint(w, "id", x->id);
    jw_kstr(w, "name", x->name);
    jw_kstr(w, "type", partner_type_code[x->type]);
    jw_kstr(w, "type_label", partner_type_label[x->type]);
    api_kstr_or_null(w, "municipality_code", x->municipality_code);
    jw_kstr(w, "note", x->note);
    jw_kint(w, "plans", x->plans);
    jw_obj_end(w);
}

static void json_contact(jw *w, const partner_contact *c)
{
    jw_obj(w);
    jw_kint(w, "id", c->id);
    jw_kint(w, "partner_id", c->partner_id);
    jw_kstr(w, "name", c->name);
    jw_kstr(w, "level", contact_level_code[c->level]);
    jw_kstr(w, "title", c->title);
    jw_kstr(w, "email", c->email);
    jw_kstr(w, "phone", c->phone);
    jw_obj_end(w);
}

void api_partners(http_req *req)
{
    partner *x;
    size_t n;
    hh_error e;
    hh_err rc = partner_list(req->db, &req->a, http_query(req, "q"), &x, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "listing partners");
        return;
    }
    api_respond_list(req, NULL, NULL, "partners", x, n, sizeof *x, json_partner);
}

/* The partner with contacts and (visible) cooperation agreements. */
static void respond_partner(http_req *req, int64_t id, int status)
{
    partner x;
    partner_contact *c;
    size_t n;
    hh_error e;
    hh_err rc = partner_get(req->db, &req->a, id, &x, &e);
    if (!rc)
        rc = partner_contacts(req->db, &req->a, id, &c, &n, &e);
    if (rc) {
        api_domain_error(req, rc, &e, "reading a partner");
        return;
    }
    jw w;
    jw_init(&w, &req->out);
    jw_obj(&w);
    jw_key(&w, "partner");
    json_partner(&w, &x);
    jw_key(&w, "contacts");
    jw_arr(&w);
    for (size_t i = 0; i < n; i++)
        json_contact(&w, &c[i]);
    jw_arr_end(&w);
    jw_obj_end(&w);
    api_respond(req, status);
}

void api_partner(http_req *req)
{
    partner x;
    if (api_load_partner(req, &x))
        respond_partner(req, x.id, 200);
}

static void put_partner(http_req *req, bool create)
{
    static const char *const keys[] = { "name", "type", "municipality_code", "note", NULL };
    partner x = { .name = "", .type = PT_OTHER, .municipality_code = "", .note = "" };
    if (!create && !api_load_partner(req, &x))
        return;
    json_t *body = api_body(req, keys);
    if (!body)
        return;
    jr r = { .req = req };
    if (create && !json_object_get(body, "name"))
        jr_fail(&r, "name", "mangler");
    if (create && !json_object_get(body, "type"))
        jr_fail(&r, "type", "mangler");
    int type = (int)x.type;
    jr_str(&r, body, NULL, "name", NULL, &x.name);
    jr_enum(&r, body, NULL, "type", partner_type_code, PT_COUNT, -2, &type);
    x.type = (partner_type)type;
    jr_str(&r, body, NULL, "municipality_code", "", &x.municipality_code);
    jr_str(&r, body, NULL, "note", "", &x.note);
    hh_error e;
    hh_err rc = HH_ERR_USAGE;
    if (!r.bad)
        rc = partner_put(req->db, web_principal(req), &req->a, &x, &e);
    json_decref(body);
    if (rc == HH_ERR_USAGE)
        return;
    if (rc) {
        api_domain_error(req, rc, &e, "saving a partner");
        return;
    }
    respond_partner(req, x.id, create ? 201 : 200);
}

void api_partner_create(http_req *req)
{
    put_partner(req, true);
}

void api_partner_update(http_req *req)
{
    put_partner(req, false);
}

static const char *const contact_keys[] = { "name", "level", "title", "email", "phone", NULL };

static hh_err contact_list(http_req *req, const owner *o, void **items, size_t *n, hh_error *e)
{
    partner_contact *c = NULL;
    hh_err rc = partner_contacts(req->db, &req->a, o->x.id, &c, n, e);
    *items = c;
    return rc;
}

static bool contact_parse(http_req *req, json_t *body, bool create, const owner *o, sub_item *it)
{
    partner_contact *c = &it->contact;
    jr r = { .req = req };
    if (create && !json_object_get(body, "name"))
        jr_fail(&r, "name", "mangler");
    if (create && !json_object_get(body, "level"))
        jr_fail(&r, "level", "mangler");
    c->partner_id = o->x.id;
    int level = (int)c->level;
    jr_str(&r, body, NULL, "name", NULL, &c->name);
    jr_enum(&r, body, NULL, "level", contact_level_code, CL_COUNT, -2, &level);
    c->level = (contact_level)level;
    jr_str(&r, body, NULL, "title", "", &c->title);
    jr_str(&r, body, NULL, "email", "", &c->email);
    jr_str(&r, body, NULL, "phone", "", &c->phone);
    return !r.bad;
}

static hh_err contact_put(http_req *req, const owner *o, sub_item *it, hh_error *e)
{
    (void)o;
    return partner_contact_put(req->db, web_principal(req), &req->a, &it->contact, e);
}

static hh_err contact_delete(http_req *req, const owner *o, int64_t id, hh_error *e)
{
    (void)o;
    return partner_contact_delete(req->db, web_principal(req), id, e);
}

static void contact_json(http_req *req, jw *w, const owner *o, const sub_item *it)
{
    (void)req, (void)o;
    json_contact(w, &it->contact);
}

/* The partner's contacts are listed with the partner (GET /partners/{partner}). */
static const sub_kind contact_kind = {
    .param = "contact",
    .list_key = "contacts",
    .missing = "Kontaktpersonen findes ikke hos partneren.",
    .reading = "reading contacts",
    .saving = "saving a contact",
    .deleting = "deleting a contact",
    .size = sizeof(partner_contact),
    .keys = contact_keys,
    .partner = true,
    .blank =
        &(const sub_item){ .contact = { .name = "", .level = CL_OPERATIONAL, .title = "", .email = "", .phone = "" } },
    .list = contact_list,
    .parse = contact_parse,
    .put = contact_put,
    .del = contact_delete,
    .json = contact_json,
};

void api_partner_contact_create(http_req *req)
{
    api_sub_put(req, &contact_kind, true);
}

void api_partner_contact_update(http_req *req)
{
    api_sub_put(req, &contact_kind, false);
}

void api_partner_contact_delete(http_req *req)
{
    api_sub_delete(req, &contact_kind);
}
