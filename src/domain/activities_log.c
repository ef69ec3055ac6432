/* activities_log.c - outreach contacts by method, resident-role counts and
 * completed courses per plan and year, and stories and evaluation notes
 * per activity (see activities.h). */
#include "domain/activities.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/util.h"
#include "domain/activities_impl.h"

static hh_err step_done(db *d, db_stmt *st, const char *what, hh_error *e)
{
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, what) : HH_OK;
}

/* A date that has been (ISO, not after today). */
static hh_err past_date(const char *v, const char *field, hh_error *e)
{
    if (!v || !plan_date_valid(v))
        return hh_fail(e, HH_ERR_INPUT, field, "Datoen skal skrives ÅÅÅÅ-MM-DD");
    char today[11];
    plan_today(today);
    if (strcmp(v, today) > 0)
        return hh_fail(e, HH_ERR_INPUT, field, "Datoen må ikke ligge i fremtiden");
    return HH_OK;
}

/* ---- outreach ---- */

hh_err outreach_put(db *d, const principal *p, arena *a, outreach *o, hh_error *e)
{
    plan pl;
    hh_err rc = act_plan_load(d, p, a, o->plan_id, true, &pl, e);
    if (rc)
        return rc;
    if (o->activity_id > 0 && (rc = act_activity_in_plan(d, o->plan_id, o->activity_id, e)))
        return rc;
    if ((rc = past_date(o->date, "date", e)))
        return rc;
    if ((unsigned)o->method >= OUT_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "method", "Ukendt metode");
    if (o->contacts <= 0 || o->contacts > 100000)
        return hh_fail(e, HH_ERR_INPUT, "contacts", "Antal kontakter skal være mindst 1");
    if (o->note && plan_utf8_len(o->note) > 2000)
        return hh_fail(e, HH_ERR_INPUT, "note", "Noten må højst være 2000 tegn");
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    char now[21];
    hh_utc_iso(now);
    bool creating = o->id <= 0;
    db_stmt *st;
    if (creating)
        st = db_prepare(d, "INSERT INTO outreach (activity_id, date, method, contacts, note, user_name, recorded_at,"
                           " plan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    else
        st = db_prepare(d, "UPDATE outreach SET activity_id = ?, date = ?, method = ?, contacts = ?, note = ?,"
                           " user_name = ?, recorded_at = ? WHERE plan_id = ? AND id = ?");
    if (!st) {
        rc = db_fail(d, e, "save the outreach");
    } else {
        if (o->activity_id > 0)
            db_bind_int64(st, 1, o->activity_id);
        else
            db_bind_null(st, 1);
        db_bind_text(st, 2, o->date);
        db_bind_text(st, 3, outreach_method_code[o->method]);
        db_bind_int64(st, 4, o->contacts);
        db_bind_text(st, 5, o->note ? o->note : "");
        db_bind_text(st, 6, plan_user_name(p));
        db_bind_text(st, 7, now);
        db_bind_int64(st, 8, o->plan_id);
        if (creating) {
            rc = plan_run_insert(d, st, &o->id, "save the outreach", e);
        } else {
            db_bind_int64(st, 9, o->id);
            rc = plan_run_changed(d, st, "save the outreach", "Kontakten findes ikke i planen", e);
        }
    }
    if (rc == HH_OK)
        rc = act_bump(d, e);
    rc = plan_tx_end(d, own, rc, e);
    if (rc && creating)
        o->id = 0;
    return rc;
}

hh_err outreach_delete(db *d, const principal *p, int64_t plan_id, int64_t id, hh_error *e)
{
    return act_delete_row(d, p, plan_id, id, "DELETE FROM outreach WHERE plan_id = ? AND id = ?", "delete the outreach",
                          "Kontakten findes ikke i planen", e);
}

static bool read_outreach(db_stmt *st, arena *a, void *elem)
{
    outreach *o = elem;
    memset(o, 0, sizeof *o);
    o->id = db_col_int64(st, 0);
    o->plan_id = db_col_int64(st, 1);
    o->activity_id = db_col_int64(st, 2);
    o->activity_name = act_dup(st, a, 3);
    o->date = act_dup(st, a, 4);
    int m = plan_enum_find(outreach_method_code, OUT_COUNT, db_col_text(st, 5));
    if (m < 0)
        return false;
    o->method = (outreach_method)m;
    o->contacts = (int)db_col_int64(st, 6);
    o->note = act_dup(st, a, 7);
    o->user_name = act_dup(st, a, 8);
    o->recorded_at = act_dup(st, a, 9);
    return true;
}

/* Prepares sql (one plan id, then the year bounds when year > 0). */
static db_stmt *prepare_year(db *d, const char *sql, int64_t plan_id, int year)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return NULL;
    char from[11], to[11];
    act_year_bounds(year, from, to);
    db_bind_int64(st, 1, plan_id);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    return st;
}

hh_err outreach_list(db *d, const principal *p, arena *a, int64_t plan_id, int year, outreach **out, size_t *n,
                     hh_error *e)
{
    *out = NULL;
    *n = 0;
    plan pl;
    hh_err rc = act_plan_load(d, p, a, plan_id, false, &pl, e);
    if (rc)
        return rc;
    db_stmt *st = prepare_year(d,
                               "SELECT o.id, o.plan_id, COALESCE(o.activity_id, 0), COALESCE(x.name, ''), o.date,"
                               " o.method, o.contacts, o.note, o.user_name, o.recorded_at FROM outreach o LEFT JOIN"
                               " activity x ON x.id = o.activity_id WHERE o.plan_id = ? AND o.date >= ? AND"
                               " o.date <= ? ORDER BY o.date DESC, o.id DESC",
                               plan_id, year);
    if (!st)
        return db_fail(d, e, "read the outreach");
    if (db_collect(st, a, sizeof(outreach), read_outreach, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read the outreach");
    return HH_OK;
}

hh_err outreach_totals(db *d, const principal *p, arena *a, int64_t plan_id, int year, int64_t totals[OUT_COUNT],
                       hh_error *e)
{
    memset(totals, 0, OUT_COUNT * sizeof totals[0]);
    plan pl;
    hh_err rc = act_plan_load(d, p, a, plan_id, false, &pl, e);
    if (rc)
        return rc;
    db_stmt *st = prepare_year(d,
                               "SELECT method, CAST(SUM(contacts) AS BIGINT) FROM outreach WHERE plan_id = ? AND"
                               " date >= ? AND date <= ? GROUP BY method",
                               plan_id, year);
    if (!st)
        return db_fail(d, e, "read the outreach");
    int r;
    while ((r = db_step(st)) == DB_ROW) {
        int m = plan_enum_find(outreach_method_code, OUT_COUNT, db_col_text(st, 0));
        if (m >= 0)
            totals[m] = db_col_int64(st, 1);
    }
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "read the outreach") : HH_OK;
}

/* ---- resident roles ---- */

hh_err resident_roles_put(db *d, const principal *p, int64_t plan_id, int year, const int64_t n[RR_COUNT], hh_error *e)
{
    arena a;
    arena_init(&a);
    plan pl;
    hh_err rc = act_plan_load(d, p, &a, plan_id, true, &pl, e);
    arena_free(&a);
    if (rc)
        return rc;
    if (year < 2000 || year > 2100)
        return hh_fail(e, HH_ERR_INPUT, "year", "Året skal ligge mellem 2000 og 2100");
    for (int r = 0; r < RR_COUNT; r++)
        if (n[r] < 0 || n[r] > 1000000)
            return hh_fail(e, HH_ERR_INPUT, resident_role_code[r], "%s: antallet skal være 0 eller mere",
                           resident_role_label[r]);
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st = db_prepare(d, "DELETE FROM resident_role_count WHERE plan_id = ? AND year = ?");
    if (!st) {
        rc = db_fail(d, e, "save the roles");
    } else {
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, year);
        rc = step_done(d, st, "save the roles", e);
    }
    for (int r = 0; r < RR_COUNT && rc == HH_OK; r++) {
        if (n[r] == 0)
            continue;
        st = db_prepare(d, "INSERT INTO resident_role_count (plan_id, year, role, n) VALUES (?, ?, ?, ?)");
        if (!st) {
            rc = db_fail(d, e, "save the roles");
            break;
        }
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, year);
        db_bind_text(st, 3, resident_role_code[r]);
        db_bind_int64(st, 4, n[r]);
        rc = step_done(d, st, "save the roles", e);
    }
    if (rc == HH_OK)
        rc = act_bump(d, e);
    return plan_tx_end(d, own, rc, e);
}

hh_err resident_roles_get(db *d, const principal *p, int64_t plan_id, int year, int64_t n[RR_COUNT], hh_error *e)
{
    memset(n, 0, RR_COUNT * sizeof n[0]);
    arena a;
    arena_init(&a);
    plan pl;
    hh_err rc = act_plan_load(d, p, &a, plan_id, false, &pl, e);
    arena_free(&a);
    if (rc)
        return rc;
    db_stmt *st = db_prepare(d, "SELECT role, n FROM resident_role_count WHERE plan_id = ? AND year = ?");
    if (!st)
        return db_fail(d, e, "read the roles");
    db_bind_int64(st, 1, plan_id);
    db_bind_int64(st, 2, year);
    int r;
    while ((r = db_step(st)) == DB_ROW) {
        int k = plan_enum_find(resident_role_code, RR_COUNT, db_col_text(st, 0));
        if (k >= 0)
            n[k] = db_col_int64(st, 1);
    }
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "read the roles") : HH_OK;
}

/* ---- courses ---- */

hh_err plan_course_put(db *d, const principal *p, arena *a, plan_course *c, hh_error *e)
{
    plan pl;
    hh_err rc = act_plan_load(d, p, a, c->plan_id, true, &pl, e);
    if (rc)
        return rc;
    if (c->year < 2000 || c->year > 2100)
        return hh_fail(e, HH_ERR_INPUT, "year", "Året skal ligge mellem 2000 og 2100");
    if ((unsigned)c->kind >= COURSE_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "kind", "Ukendt slags kursus");
    if (act_blank(c->title))
        return hh_fail(e, HH_ERR_INPUT, "title", "Titel skal udfyldes");
    if (plan_utf8_len(c->title) > 200)
        return hh_fail(e, HH_ERR_INPUT, "title", "Titel må højst være 200 tegn");
    if (c->completed < 0 || c->completed > 100000)
        return hh_fail(e, HH_ERR_INPUT, "completed", "Antal gennemførte skal være 0 eller mere");
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    bool creating = c->id <= 0;
    db_stmt *st;
    if (creating)
        st = db_prepare(d, "INSERT INTO plan_course (year, kind, title, completed, diploma, plan_id)"
                           " VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    else
        st = db_prepare(d, "UPDATE plan_course SET year = ?, kind = ?, title = ?, completed = ?, diploma = ?"
                           " WHERE plan_id = ? AND id = ?");
    if (!st) {
        rc = db_fail(d, e, "save the course");
    } else {
        db_bind_int64(st, 1, c->year);
        db_bind_text(st, 2, course_kind_code[c->kind]);
        db_bind_text(st, 3, c->title);
        db_bind_int64(st, 4, c->completed);
        db_bind_int64(st, 5, c->diploma ? 1 : 0);
        db_bind_int64(st, 6, c->plan_id);
        if (creating) {
            rc = plan_run_insert(d, st, &c->id, "save the course", e);
        } else {
            db_bind_int64(st, 7, c->id);
            rc = plan_run_changed(d, st, "save the course", "Kurset findes ikke i planen", e);
        }
    }
    if (rc == HH_OK)
        rc = act_bump(d, e);
    rc = plan_tx_end(d, own, rc, e);
    if (rc && creating)
        c->id = 0;
    return rc;
}

hh_err plan_course_delete(db *d, const principal *p, int64_t plan_id, int64_t id, hh_error *e)
{
    return act_delete_row(d, p, plan_id, id, "DELETE FROM plan_course WHERE plan_id = ? AND id = ?",
                          "delete the course", "Kurset findes ikke i planen", e);
}

static bool read_course(db_stmt *st, arena *a, void *elem)
{
    plan_course *c = elem;
    memset(c, 0, sizeof *c);
    c->id = db_col_int64(st, 0);
    c->plan_id = db_col_int64(st, 1);
    c->year = (int)db_col_int64(st, 2);
    int k = plan_enum_find(course_kind_code, COURSE_COUNT, db_col_text(st, 3));
    if (k < 0)
        return false;
    c->kind = (course_kind)k;
    c->title = act_dup(st, a, 4);
    c->completed = (int)db_col_int64(st, 5);
    c->diploma = db_col_int64(st, 6) != 0;
    return true;
}

hh_err plan_courses(db *d, const principal *p, arena *a, int64_t plan_id, int year, plan_course **out, size_t *n,
                    hh_error *e)
{
    *out = NULL;
    *n = 0;
    plan pl;
    hh_err rc = act_plan_load(d, p, a, plan_id, false, &pl, e);
    if (rc)
        return rc;
    db_stmt *st = db_prepare(d, "SELECT id, plan_id, year, kind, title, completed, diploma FROM plan_course WHERE"
                                " plan_id = ? AND (? = 0 OR year = ?) ORDER BY year, title, id");
    if (!st)
        return db_fail(d, e, "read the courses");
    db_bind_int64(st, 1, plan_id);
    db_bind_int64(st, 2, year > 0 ? year : 0);
    db_bind_int64(st, 3, year > 0 ? year : 0);
    if (db_collect(st, a, sizeof(plan_course), read_course, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read the courses");
    return HH_OK;
}

/* ---- stories ---- */

hh_err act_story_put(db *d, const principal *p, arena *a, act_story *s, hh_error *e)
{
    plan pl;
    hh_err rc = act_activity_plan(d, p, a, s->activity_id, true, &pl, e);
    if (rc)
        return rc;
    if ((rc = past_date(s->date, "date", e)))
        return rc;
    if ((unsigned)s->kind >= STORY_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "kind", "Ukendt slags tekst");
    if (act_blank(s->title))
        return hh_fail(e, HH_ERR_INPUT, "title", "Titel skal udfyldes");
    if (plan_utf8_len(s->title) > 200)
        return hh_fail(e, HH_ERR_INPUT, "title", "Titel må højst være 200 tegn");
    if (s->body && plan_utf8_len(s->body) > 20000)
        return hh_fail(e, HH_ERR_INPUT, "body", "Teksten må højst være 20.000 tegn");
    bool creating = s->id <= 0;
    if (!creating) {
        rc = act_row_in(d, "SELECT COUNT(*) FROM activity_story WHERE id = ? AND activity_id = ?", s->id,
                        s->activity_id, "read the story", "id", "Teksten findes ikke ved aktiviteten", e);
        if (rc)
            return rc;
    }
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    char now[21];
    hh_utc_iso(now);
    db_stmt *st;
    if (creating)
        st = db_prepare(d, "INSERT INTO activity_story (date, kind, title, body, in_report, user_name, recorded_at,"
                           " activity_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    else
        st = db_prepare(d, "UPDATE activity_story SET date = ?, kind = ?, title = ?, body = ?, in_report = ?,"
                           " user_name = ?, recorded_at = ? WHERE activity_id = ? AND id = ?");
    if (!st) {
        rc = db_fail(d, e, "save the story");
    } else {
        db_bind_text(st, 1, s->date);
        db_bind_text(st, 2, story_kind_code[s->kind]);
        db_bind_text(st, 3, s->title);
        db_bind_text(st, 4, s->body ? s->body : "");
        db_bind_int64(st, 5, s->in_report ? 1 : 0);
        db_bind_text(st, 6, plan_user_name(p));
        db_bind_text(st, 7, now);
        db_bind_int64(st, 8, s->activity_id);
        if (creating) {
            rc = plan_run_insert(d, st, &s->id, "save the story", e);
        } else {
            db_bind_int64(st, 9, s->id);
            rc = plan_run_changed(d, st, "save the story", "Teksten findes ikke ved aktiviteten", e);
        }
    }
    if (rc == HH_OK)
        rc = act_bump(d, e);
    rc = plan_tx_end(d, own, rc, e);
    if (rc && creating)
        s->id = 0;
    return rc;
}

hh_err act_story_delete(db *d, const principal *p, int64_t id, hh_error *e)
{
    char missing[96];
    snprintf(missing, sizeof missing, "Teksten %lld findes ikke", (long long)id);
    int64_t plan_id;
    hh_err rc = act_lookup_id(d,
                              "SELECT x.plan_id FROM activity_story s JOIN activity x ON x.id = s.activity_id"
                              " WHERE s.id = ?",
                              id, "read the story", "id", missing, &plan_id, e);
    if (rc)
        return rc;
    rc = act_delete_row(d, p, plan_id, id,
                        "DELETE FROM activity_story WHERE activity_id IN (SELECT id FROM activity WHERE"
                        " plan_id = ?) AND id = ?",
                        "delete the story", "Teksten findes ikke", e);
    if (rc == HH_ERR_NOTFOUND)
        return hh_fail(e, HH_ERR_NOTFOUND, "id", "Teksten %lld findes ikke", (long long)id);
    return rc;
}

static bool read_story(db_stmt *st, arena *a, void *elem)
{
    act_story *s = elem;
    memset(s, 0, sizeof *s);
    s->id = db_col_int64(st, 0);
    s->activity_id = db_col_int64(st, 1);
    s->activity_name = act_dup(st, a, 2);
    s->date = act_dup(st, a, 3);
    int k = plan_enum_find(story_kind_code, STORY_COUNT, db_col_text(st, 4));
    if (k < 0)
        return false;
    s->kind = (story_kind)k;
    s->title = act_dup(st, a, 5);
    s->body = act_dup(st, a, 6);
    s->in_report = db_col_int64(st, 7) != 0;
    s->user_name = act_dup(st, a, 8);
    s->recorded_at = act_dup(st, a, 9);
    return true;
}

hh_err act_stories(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id, int year,
                   bool only_report, act_story **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    plan pl;
    hh_err rc;
    if (activity_id > 0) {
        if ((rc = act_activity_plan(d, p, a, activity_id, false, &pl, e)))
            return rc;
        if (plan_id > 0 && plan_id != pl.id)
            return hh_fail(e, HH_ERR_NOTFOUND, "activity_id", "Aktiviteten %lld findes ikke i planen",
                           (long long)activity_id);
        plan_id = pl.id;
    } else if (plan_id <= 0) {
        return hh_fail(e, HH_ERR_INPUT, "plan_id", "Vælg en plan eller en aktivitet");
    } else if ((rc = act_plan_load(d, p, a, plan_id, false, &pl, e))) {
        return rc;
    }
    char from[11], to[11];
    act_year_bounds(year, from, to);
    db_stmt *st = db_prepare(d, "SELECT s.id, s.activity_id, x.name, s.date, s.kind, s.title, s.body, s.in_report,"
                                " s.user_name, s.recorded_at FROM activity_story s JOIN activity x ON x.id ="
                                " s.activity_id WHERE x.plan_id = ? AND (? = 0 OR s.activity_id = ?) AND s.date >= ?"
                                " AND s.date <= ? AND (? = 0 OR s.in_report = 1) ORDER BY s.date DESC, s.id DESC");
    if (!st)
        return db_fail(d, e, "read the stories");
    db_bind_int64(st, 1, plan_id);
    db_bind_int64(st, 2, activity_id > 0 ? activity_id : 0);
    db_bind_int64(st, 3, activity_id > 0 ? activity_id : 0);
    db_bind_text(st, 4, from);
    db_bind_text(st, 5, to);
    db_bind_int64(st, 6, only_report ? 1 : 0);
    if (db_collect(st, a, sizeof(act_story), read_story, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read the stories");
    return HH_OK;
}
