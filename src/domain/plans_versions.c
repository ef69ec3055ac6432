/* plans_versions.c - saved versions of a plan (the application is version 1)
 * as canonical JSON snapshots, and the differences between two snapshots in
 * focus areas, budget and goals. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/numfmt.h"
#include "core/util.h"
#include "domain/keyfig.h"
#include "domain/plans.h"
#include "domain/plans_impl.h"

/* ---- snapshot ---- */

static json_t *str_array_refs(const plan_ref *r, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_string(r[i].key));
    return arr;
}

hh_err plan_snapshot(db *d, arena *a, int64_t plan_id, const char **out, hh_error *e)
{
    plan pl;
    hh_err rc = plan_get(d, NULL, a, plan_id, &pl, e);
    if (rc)
        return rc;
    plan_budget_line *lines;
    size_t nlines;
    plan_goal *goals;
    size_t ngoals;
    if ((rc = plan_budget_get(d, a, plan_id, &lines, &nlines, e)) ||
        (rc = plan_goals(d, a, plan_id, &goals, &ngoals, e)))
        return rc;
    json_t *root = json_object();
    json_t *p = json_object();
    json_object_set_new(p, "name", json_string(pl.name));
    json_object_set_new(p, "type", json_string(plan_type_code[pl.type]));
    json_object_set_new(p, "municipality_code", json_string(pl.municipality_code));
    json_object_set_new(p, "municipality_name", json_string(pl.municipality_name));
    json_object_set_new(p, "round", json_string(pl.round));
    json_object_set_new(p, "start_date", json_string(pl.start_date));
    json_object_set_new(p, "end_date", json_string(pl.end_date));
    json_object_set_new(p, "predecessor_id", json_integer(pl.predecessor_id));
    json_object_set_new(p, "predecessor_name", json_string(pl.predecessor_name));
    json_object_set_new(p, "vision", json_string(pl.vision));
    json_object_set_new(p, "strengths", json_string(pl.strengths));
    json_object_set_new(p, "weaknesses", json_string(pl.weaknesses));
    json_object_set_new(p, "opportunities", json_string(pl.opportunities));
    json_object_set_new(p, "threats", json_string(pl.threats));
    json_t *ch = json_array();
    for (int i = 0; i < CH_COUNT; i++)
        if (pl.challenge[i])
            json_array_append_new(ch, json_string(plan_challenge_code[i]));
    json_object_set_new(p, "challenges", ch);
    json_object_set_new(p, "organisations", str_array_refs(pl.orgs, pl.norgs));
    json_object_set_new(p, "departments", str_array_refs(pl.departments, pl.ndepartments));
    json_object_set_new(p, "areas", str_array_refs(pl.areas, pl.nareas));
    json_object_set_new(root, "plan", p);
    json_t *focus = json_array();
    for (size_t i = 0; i < pl.nfocus; i++)
        json_array_append_new(focus, json_string(pl.focus[i]));
    json_object_set_new(root, "focus", focus);
    json_t *budget = json_array();
    for (size_t i = 0; i < nlines; i++) {
        json_t *l = json_object();
        json_object_set_new(l, "year", json_integer(lines[i].year));
        json_object_set_new(l, "source", json_string(plan_source_code[lines[i].source]));
        json_object_set_new(l, "budget_ore", json_integer(lines[i].budget_ore));
        json_object_set_new(l, "spent_ore", json_integer(lines[i].spent_ore));
        json_object_set_new(l, "note", json_string(lines[i].note));
        json_array_append_new(budget, l);
    }
    json_object_set_new(root, "budget", budget);
    json_t *gs = json_array();
    for (size_t i = 0; i < ngoals; i++) {
        const plan_goal *g = &goals[i];
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(g->id));
        json_object_set_new(o, "title", json_string(g->title));
        json_object_set_new(o, "key_figure", json_string(g->kf >= 0 ? kf_catalogue[g->kf].code : ""));
        json_object_set_new(o, "area_code", json_string(g->area_code));
        json_t *deps = json_array();
        for (size_t k = 0; k < g->ndepartments; k++)
            json_array_append_new(deps, json_string(g->department_keys[k]));
        json_object_set_new(o, "departments", deps);
        json_object_set_new(o, "baseline_year", json_integer(g->baseline_year));
        json_object_set_new(o, "baseline_value", isnan(g->baseline_value) ? json_null() : json_real(g->baseline_value));
        json_object_set_new(o, "target_value", json_real(g->target_value));
        json_object_set_new(o, "target_year", json_integer(g->target_year));
        json_array_append_new(gs, o);
    }
    json_object_set_new(root, "goals", gs);
    char *s = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(root);
    if (!s)
        return hh_fail(e, HH_ERR_INTERNAL, NULL, "cannot write the plan snapshot");
    *out = arena_strdup(a, s);
    free(s);
    return HH_OK;
}

/* ---- versions ---- */

hh_err plan_version_save_tx(db *d, const principal *p, arena *a, int64_t plan_id, const char *note, int *version,
                            hh_error *e)
{
    const char *snap;
    hh_err rc = plan_snapshot(d, a, plan_id, &snap, e);
    if (rc)
        return rc;
    int64_t next = 1;
    db_stmt *st = db_prepare(d, "SELECT COALESCE(MAX(version), 0) + 1 FROM plan_version WHERE plan_id = ?");
    if (!st)
        return db_fail(d, e, "save the version");
    db_bind_int64(st, 1, plan_id);
    int r = db_step(st);
    if (r == DB_ROW)
        next = db_col_int64(st, 0);
    db_done(st);
    if (r != DB_ROW)
        return db_fail(d, e, "save the version");
    char now[21];
    hh_utc_iso(now);
    st = db_prepare(d, "INSERT INTO plan_version (plan_id, version, created_at, user_id, user_name, note, snapshot)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return db_fail(d, e, "save the version");
    db_bind_int64(st, 1, plan_id);
    db_bind_int64(st, 2, next);
    db_bind_text(st, 3, now);
    if (p && p->user_id > 0)
        db_bind_int64(st, 4, p->user_id);
    else
        db_bind_null(st, 4);
    db_bind_text(st, 5, plan_user_name(p));
    db_bind_text(st, 6, note && *note ? note : next == 1 ? "Ansøgning (version 1)" : "");
    db_bind_text(st, 7, snap);
    r = db_step(st);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "save the version");
    if (version)
        *version = (int)next;
    return HH_OK;
}

hh_err plan_version_save(db *d, const principal *p, arena *a, int64_t plan_id, const char *note, int *version,
                         hh_error *e)
{
    plan pl;
    hh_err rc = plan_load_writable(d, p, a, plan_id, &pl, e);
    if (rc)
        return rc;
    if (note && plan_utf8_len(note) > 500)
        return hh_fail(e, HH_ERR_INPUT, "note", "Noten må højst være 500 tegn");
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    rc = plan_version_save_tx(d, p, a, plan_id, note, version, e);
    if (rc == HH_OK)
        rc = plan_bump(d, e);
    return plan_tx_end(d, own, rc, e);
}

static bool read_version(db_stmt *st, arena *a, void *elem)
{
    plan_version *v = elem;
    v->version = (int)db_col_int64(st, 0);
    v->created_at = arena_strdup(a, db_col_text(st, 1));
    v->user_name = arena_strdup(a, db_col_text(st, 2));
    v->note = arena_strdup(a, db_col_text(st, 3));
    v->snapshot = arena_strdup(a, db_col_text(st, 4));
    return true;
}

hh_err plan_versions(db *d, arena *a, int64_t plan_id, plan_version **out, size_t *n, hh_error *e)
{
    return plan_collect(d, a,
                        "SELECT version, created_at, user_name, note, snapshot FROM plan_version"
                        " WHERE plan_id = ? ORDER BY version",
                        plan_id, sizeof(plan_version), read_version, (void **)out, n, "read the versions", e);
}

/* Whether p may see plan `pred`, remembered for the last plan asked about:
 * the snapshots of one plan mostly name the same predecessor. */
typedef struct seen_memo {
    int64_t id;
    bool visible;
} seen_memo;

static bool predecessor_visible(db *d, const principal *p, arena *a, int64_t pred, seen_memo *m)
{
    if (m->id != pred) {
        plan seen;
        hh_error e;
        m->id = pred;
        m->visible = plan_get(d, p, a, pred, &seen, &e) == HH_OK;
    }
    return m->visible;
}

/* A snapshot as p may read it: a predecessor p may not see is blanked. The
 * result is canonical again (same dump flags as plan_snapshot). */
static const char *redact(db *d, const principal *p, arena *a, const char *snap, seen_memo *m)
{
    if (!p || !snap || !*snap)
        return snap;
    json_error_t je;
    json_t *root = json_loads(snap, 0, &je);
    json_t *pl = root ? json_object_get(root, "plan") : NULL;
    json_int_t pred = json_integer_value(json_object_get(pl, "predecessor_id"));
    const char *out = snap;
    if (pred > 0 && !predecessor_visible(d, p, a, (int64_t)pred, m)) {
        json_object_set_new(pl, "predecessor_id", json_integer(0));
        json_object_set_new(pl, "predecessor_name", json_string(""));
        char *s = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT);
        if (s) {
            out = arena_strdup(a, s);
            free(s);
        }
    }
    json_decref(root);
    return out;
}

hh_err plan_snapshot_read(db *d, const principal *p, arena *a, int64_t plan_id, const char **json, hh_error *e)
{
    seen_memo m = { 0, false };
    hh_err rc = plan_snapshot(d, a, plan_id, json, e);
    if (!rc)
        *json = redact(d, p, a, *json, &m);
    return rc;
}

hh_err plan_versions_read(db *d, const principal *p, arena *a, int64_t plan_id, plan_version **out, size_t *n,
                          hh_error *e)
{
    seen_memo m = { 0, false };
    hh_err rc = plan_versions(d, a, plan_id, out, n, e);
    for (size_t i = 0; !rc && i < *n; i++)
        (*out)[i].snapshot = redact(d, p, a, (*out)[i].snapshot, &m);
    return rc;
}

/* ---- differences ---- */

typedef struct changes {
    arena *a;
    plan_change *v;
    size_t n, cap;
} changes;

static void add_change(changes *c, const char *section, const char *item, const char *before, const char *after)
{
    if (strcmp(before, after) == 0)
        return;
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        c->v = arena_grow(c->a, c->v, c->cap * sizeof *c->v, nc * sizeof *c->v);
        c->cap = nc;
    }
    plan_change *x = &c->v[c->n++];
    x->section = section;
    x->item = arena_strdup(c->a, item);
    x->kind = !*before ? CHANGE_ADDED : !*after ? CHANGE_REMOVED : CHANGE_CHANGED;
    x->before = arena_strdup(c->a, before);
    x->after = arena_strdup(c->a, after);
}

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* A list of strings joined with ", ", each mapped through labels when given. */
static const char *join_list(arena *a, json_t *arr, const char *const *codes, const char *const *labels, int count)
{
    buf b;
    buf_init(&b, 0);
    size_t i;
    json_t *v;
    json_array_foreach (arr, i, v) {
        const char *s = json_string_value(v);
        if (!s)
            continue;
        if (codes) {
            int k = plan_enum_find(codes, count, s);
            if (k >= 0)
                s = labels[k];
        }
        if (b.len)
            buf_puts(&b, ", ");
        buf_puts(&b, s);
    }
    const char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

static void diff_text(changes *c, json_t *f, json_t *t, const char *key, const char *label)
{
    add_change(c, "plan", label, jstr(f, key), jstr(t, key));
}

static void diff_list(changes *c, json_t *f, json_t *t, const char *key, const char *label, const char *const *codes,
                      const char *const *labels, int count)
{
    add_change(c, "plan", label, join_list(c->a, json_object_get(f, key), codes, labels, count),
               join_list(c->a, json_object_get(t, key), codes, labels, count));
}

/* "København (0101)". */
static const char *muni_text(arena *a, json_t *p)
{
    const char *code = jstr(p, "municipality_code"), *name = jstr(p, "municipality_name");
    return *name ? arena_printf(a, "%s (%s)", name, code) : code;
}

static void diff_plan(changes *c, json_t *f, json_t *t)
{
    diff_text(c, f, t, "name", "Navn");
    int tf = plan_enum_find(plan_type_code, PLAN_TYPE_COUNT, jstr(f, "type"));
    int tt = plan_enum_find(plan_type_code, PLAN_TYPE_COUNT, jstr(t, "type"));
    add_change(c, "plan", "Type", tf >= 0 ? plan_type_label[tf] : "", tt >= 0 ? plan_type_label[tt] : "");
    add_change(c, "plan", "Kommune", muni_text(c->a, f), muni_text(c->a, t));
    const plan_round *rf = plan_round_find(jstr(f, "round")), *rt = plan_round_find(jstr(t, "round"));
    add_change(c, "plan", "Pulje", rf ? rf->label : "", rt ? rt->label : "");
    diff_text(c, f, t, "start_date", "Startdato");
    diff_text(c, f, t, "end_date", "Slutdato");
    diff_text(c, f, t, "predecessor_name", "Forgænger");
    diff_text(c, f, t, "vision", "Vision");
    diff_text(c, f, t, "strengths", "Styrker");
    diff_text(c, f, t, "weaknesses", "Svagheder");
    diff_text(c, f, t, "opportunities", "Muligheder");
    diff_text(c, f, t, "threats", "Trusler");
    diff_list(c, f, t, "challenges", "Udfordringer", plan_challenge_code, plan_challenge_label, CH_COUNT);
    diff_list(c, f, t, "organisations", "Boligorganisationer", NULL, NULL, 0);
    diff_list(c, f, t, "departments", "Afdelinger", NULL, NULL, 0);
    diff_list(c, f, t, "areas", "Boligområder", NULL, NULL, 0);
}

static bool in_array(json_t *arr, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach (arr, i, v) {
        const char *x = json_string_value(v);
        if (x && strcmp(x, s) == 0)
            return true;
    }
    return false;
}

static void diff_focus(changes *c, json_t *f, json_t *t)
{
    size_t i;
    json_t *v;
    json_array_foreach (f, i, v) {
        const char *s = json_string_value(v);
        if (s && !in_array(t, s))
            add_change(c, "focus", s, s, "");
    }
    json_array_foreach (t, i, v) {
        const char *s = json_string_value(v);
        if (s && !in_array(f, s))
            add_change(c, "focus", s, "", s);
    }
}

static const char *line_text(arena *a, json_t *l)
{
    if (!l)
        return "";
    json_int_t b = json_integer_value(json_object_get(l, "budget_ore"));
    json_int_t s = json_integer_value(json_object_get(l, "spent_ore"));
    const char *note = jstr(l, "note");
    return arena_printf(a, "%s%s%s%s%s", plan_format_dkk(a, b), s ? " (udbetalt " : "", s ? plan_format_dkk(a, s) : "",
                        s ? ")" : "", *note ? arena_printf(a, " – %s", note) : "");
}

static int line_key(json_t *l)
{
    /* stored years are 2000-2100; anything else (a damaged snapshot) is
     * year 0, so that the key stays non-negative and does not overflow */
    json_int_t y = json_integer_value(json_object_get(l, "year"));
    int year = y < 0 || y > 99999 ? 0 : (int)y;
    int src = plan_enum_find(plan_source_code, SRC_COUNT, jstr(l, "source"));
    return year * 16 + (src < 0 ? SRC_COUNT : src);
}

static json_t *find_line(json_t *arr, int key)
{
    size_t i;
    json_t *v;
    json_array_foreach (arr, i, v) {
        if (line_key(v) == key)
            return v;
    }
    return NULL;
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

static void diff_budget(changes *c, json_t *f, json_t *t)
{
    size_t nf = json_array_size(f), nt = json_array_size(t);
    int *keys = xmalloc((nf + nt + 1) * sizeof *keys);
    size_t n = 0;
    for (size_t i = 0; i < nf; i++)
        keys[n++] = line_key(json_array_get(f, i));
    for (size_t i = 0; i < nt; i++)
        keys[n++] = line_key(json_array_get(t, i));
    qsort(keys, n, sizeof *keys, cmp_int);
    for (size_t i = 0; i < n; i++) {
        if (i && keys[i] == keys[i - 1])
            continue;
        int src = keys[i] % 16;
        const char *item = arena_printf(c->a, "%d · %s", keys[i] / 16, src < SRC_COUNT ? plan_source_label[src] : "?");
        add_change(c, "budget", item, line_text(c->a, find_line(f, keys[i])), line_text(c->a, find_line(t, keys[i])));
    }
    free(keys);
}

static const char *num_text(char *out, size_t n, json_t *v, int decimals)
{
    if (!json_is_number(v))
        return "–";
    return fmt_num_da(out, n, json_number_value(v), decimals);
}

static const char *goal_text(arena *a, json_t *g)
{
    if (!g)
        return "";
    int k = kf_find(jstr(g, "key_figure"));
    const char *kfname = k >= 0 ? kf_catalogue[k].name_da : jstr(g, "key_figure");
    int dec = k >= 0 ? kf_catalogue[k].decimals : 2;
    const char *unit = k >= 0 ? kf_catalogue[k].unit : "";
    const char *where =
        *jstr(g, "area_code") ? arena_printf(a, "område %s", jstr(g, "area_code"))
        : json_array_size(json_object_get(g, "departments"))
            ? arena_printf(a, "afdeling %s", join_list(a, json_object_get(g, "departments"), NULL, NULL, 0))
            : "planens afdelinger";
    char b[48], t[48];
    return arena_printf(a, "%s · %s · basis %d: %s · mål %d: %s %s", kfname, where,
                        (int)json_integer_value(json_object_get(g, "baseline_year")),
                        num_text(b, sizeof b, json_object_get(g, "baseline_value"), dec),
                        (int)json_integer_value(json_object_get(g, "target_year")),
                        num_text(t, sizeof t, json_object_get(g, "target_value"), dec), unit);
}

/* The goal of arr matching g: by id (saved goals), else by title. */
static json_t *find_goal(json_t *arr, json_t *g)
{
    json_int_t id = json_integer_value(json_object_get(g, "id"));
    size_t i;
    json_t *v;
    json_array_foreach (arr, i, v) {
        json_int_t vid = json_integer_value(json_object_get(v, "id"));
        if (id > 0 ? vid == id : strcmp(jstr(v, "title"), jstr(g, "title")) == 0)
            return v;
    }
    return NULL;
}

static void diff_goals(changes *c, json_t *f, json_t *t)
{
    size_t i;
    json_t *v;
    json_array_foreach (f, i, v) {
        json_t *w = find_goal(t, v);
        const char *title = w ? jstr(w, "title") : jstr(v, "title");
        const char *before = goal_text(c->a, v), *after = goal_text(c->a, w);
        if (w && strcmp(jstr(v, "title"), jstr(w, "title")) != 0) {
            before = arena_printf(c->a, "%s: %s", jstr(v, "title"), before);
            after = arena_printf(c->a, "%s: %s", jstr(w, "title"), after);
        }
        add_change(c, "goals", title, before, after);
    }
    json_array_foreach (t, i, v) {
        if (!find_goal(f, v))
            add_change(c, "goals", jstr(v, "title"), "", goal_text(c->a, v));
    }
}

hh_err plan_diff(arena *a, const char *snapshot_from, const char *snapshot_to, plan_change **out, size_t *n,
                 hh_error *e)
{
    *out = NULL;
    *n = 0;
    json_error_t je;
    json_t *f = json_loads(snapshot_from ? snapshot_from : "{}", 0, &je);
    if (!f)
        return hh_fail(e, HH_ERR_INPUT, "from", "Versionen kan ikke læses: %s", je.text);
    json_t *t = json_loads(snapshot_to ? snapshot_to : "{}", 0, &je);
    if (!t) {
        json_decref(f);
        return hh_fail(e, HH_ERR_INPUT, "to", "Versionen kan ikke læses: %s", je.text);
    }
    changes c = { .a = a };
    diff_plan(&c, json_object_get(f, "plan"), json_object_get(t, "plan"));
    diff_focus(&c, json_object_get(f, "focus"), json_object_get(t, "focus"));
    diff_budget(&c, json_object_get(f, "budget"), json_object_get(t, "budget"));
    diff_goals(&c, json_object_get(f, "goals"), json_object_get(t, "goals"));
    json_decref(f);
    json_decref(t);
    *out = c.v;
    *n = c.n;
    return HH_OK;
}
