/* plans_partners.c - a plan's team and steering group, its agreements with
 * the municipality, the partner registry shared across plans (partners and
 * their contacts) and cooperation agreements between plans and partners
 * with their expiry. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/geo.h"
#include "domain/plans.h"
#include "domain/plans_impl.h"

static hh_err text_max(const char *v, const char *field, const char *label, size_t max, bool required, hh_error *e)
{
    if (required && (!v || !*v))
        return hh_fail(e, HH_ERR_INPUT, field, "%s skal udfyldes", label);
    if (v && plan_utf8_len(v) > max)
        return hh_fail(e, HH_ERR_INPUT, field, "%s må højst være %zu tegn", label, max);
    return HH_OK;
}

static hh_err email_check(const char *v, hh_error *e)
{
    hh_err rc = text_max(v, "email", "E-mail", 200, false, e);
    if (rc == HH_OK && v && *v && (!strchr(v, '@') || strchr(v, ' ')))
        return hh_fail(e, HH_ERR_INPUT, "email", "E-mail: '%s' er ikke en e-mailadresse", v);
    return rc;
}

static hh_err date_check(const char *v, const char *field, const char *label, bool required, hh_error *e)
{
    if (!v || !*v)
        return required ? hh_fail(e, HH_ERR_INPUT, field, "%s skal udfyldes", label) : HH_OK;
    if (!plan_date_valid(v))
        return hh_fail(e, HH_ERR_INPUT, field, "%s: '%s' er ikke en dato; forventede ÅÅÅÅ-MM-DD", label, v);
    return HH_OK;
}

static void bind_opt(db_stmt *st, int idx, const char *s)
{
    if (s && *s)
        db_bind_text(st, idx, s);
    else
        db_bind_null(st, idx);
}

static const char *dup_col(db_stmt *st, arena *a, int col)
{
    return arena_strdup(a, db_col_text(st, col));
}

/* Runs an UPDATE or DELETE bound by the caller; NOTFOUND when it changed
 * nothing. */
hh_err plan_run_changed(db *d, db_stmt *st, const char *what, const char *missing, hh_error *e)
{
    int r = db_step(st);
    int64_t changed = r == DB_DONE ? db_changes(st) : 0;
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, what);
    if (!changed)
        return hh_fail(e, HH_ERR_NOTFOUND, "id", "%s", missing);
    return HH_OK;
}

/* Runs an INSERT … RETURNING id. */
hh_err plan_run_insert(db *d, db_stmt *st, int64_t *id, const char *what, hh_error *e)
{
    int r = db_step(st);
    if (r == DB_ROW)
        *id = db_col_int64(st, 0);
    db_done(st);
    return r == DB_ROW ? HH_OK : db_fail(d, e, what);
}

/* ---- team and steering group ---- */

static bool read_member(db_stmt *st, arena *a, void *elem)
{
    plan_member *m = elem;
    m->id = db_col_int64(st, 0);
    m->steering = db_col_int64(st, 1) != 0;
    m->name = dup_col(st, a, 2);
    m->organisation = dup_col(st, a, 3);
    m->role = db_col_null(st, 4) ? -1 : plan_enum_find(plan_team_role_code, TEAM_COUNT, db_col_text(st, 4));
    m->seat = dup_col(st, a, 5);
    m->email = dup_col(st, a, 6);
    return true;
}

hh_err plan_members(db *d, arena *a, int64_t plan_id, plan_member **out, size_t *n, hh_error *e)
{
    return plan_collect(d, a,
                        "SELECT id, steering, name, organisation, role, seat, email FROM plan_member"
                        " WHERE plan_id = ? ORDER BY steering, id",
                        plan_id, sizeof(plan_member), read_member, (void **)out, n, "read the team", e);
}

hh_err plan_member_put(db *d, const principal *p, arena *a, int64_t plan_id, plan_member *m, hh_error *e)
{
    plan pl;
    hh_err rc = plan_load_writable(d, p, a, plan_id, &pl, e);
    if (rc || (rc = text_max(m->name, "name", "Navn", 200, true, e)) ||
        (rc = text_max(m->organisation, "organisation", "Organisation", 200, false, e)) ||
        (rc = text_max(m->seat, "seat", "Plads", 100, false, e)) || (rc = email_check(m->email, e)))
        return rc;
    if (m->role < -1 || m->role >= TEAM_COUNT || (!m->steering && m->role < 0))
        return hh_fail(e, HH_ERR_INPUT, "role", "Rolle skal være byggeteknisk, boligsocial, drift eller udlejning");
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st = m->id > 0 ? db_prepare(d, "UPDATE plan_member SET steering = ?, name = ?, organisation = ?,"
                                            " role = ?, seat = ?, email = ? WHERE plan_id = ? AND id = ?")
                            : db_prepare(d, "INSERT INTO plan_member (steering, name, organisation, role, seat, email,"
                                            " plan_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st) {
        rc = db_fail(d, e, "save the member");
    } else {
        db_bind_int64(st, 1, m->steering ? 1 : 0);
        db_bind_text(st, 2, m->name);
        db_bind_text(st, 3, m->organisation ? m->organisation : "");
        bind_opt(st, 4, m->role >= 0 ? plan_team_role_code[m->role] : NULL);
        db_bind_text(st, 5, m->seat ? m->seat : "");
        db_bind_text(st, 6, m->email ? m->email : "");
        db_bind_int64(st, 7, plan_id);
        if (m->id > 0) {
            db_bind_int64(st, 8, m->id);
            rc = plan_run_changed(d, st, "save the member", "Medlemmet findes ikke i planen", e);
        } else {
            rc = plan_run_insert(d, st, &m->id, "save the member", e);
        }
    }
    if (rc == HH_OK)
        rc = plan_touch(d, plan_id, e);
    return plan_tx_end(d, own, rc, e);
}

hh_err plan_delete_tx(db *d, int64_t plan_id, int64_t id, const char *sql, const char *what, const char *missing,
                      plan_after_fn after, hh_error *e)
{
    bool own;
    hh_err rc = plan_tx_begin(d, &own, e);
    if (rc)
        return rc;
    db_stmt *st = db_prepare(d, sql);
    if (!st) {
        rc = db_fail(d, e, what);
    } else {
        db_bind_int64(st, 1, plan_id);
        db_bind_int64(st, 2, id);
        rc = plan_run_changed(d, st, what, missing, e);
    }
    if (rc == HH_OK)
        rc = after(d, plan_id, e);
    return plan_tx_end(d, own, rc, e);
}

hh_err plan_delete_row(db *d, const principal *p, int64_t plan_id, int64_t id, const char *sql, const char *what,
                       const char *missing, hh_error *e)
{
    arena a;
    arena_init(&a);
    plan pl;
    hh_err rc = plan_load_writable(d, p, &a, plan_id, &pl, e);
    arena_free(&a);
    if (rc)
        return rc;
    return plan_delete_tx(d, plan_id, id, sql, what, missing, plan_touch, e);
}

hh_err plan_member_delete(db *d, const principal *p, int64_t plan_id, int64_t member_id, hh_error *e)
{
    return plan_delete_row(d, p, plan_id, member_id, "DELETE FROM plan_member WHERE plan_id = ? AND id = ?", "delete",
                           "Medlemmet findes ikke i planen", e);
}

/* ---- agreements with the municipality ---- */

static bool read_agreement(db_stmt *st, arena *a, void *elem)
{
    plan_agreement *g = elem;
    g->id = db_col_int64(st, 0);
    g->strategic = strcmp(db_col_text(st, 1), "strategic") == 0;
    g->focus = dup_col(st, a, 2);
    g->title = dup_col(st, a, 3);
    g->parties = dup_col(st, a, 4);
    g->signed_on = dup_col(st, a, 5);
    g->valid_from = dup_col(st, a, 6);
    g->valid_to = dup_col(st, a, 7);
    g->doc_ref = dup_col(st, a, 8);
    return true;
}

hh_err plan_agreements(db *d, arena *a, int64_t plan_id, plan_agreement **out, size_t *n, hh_error *e)
{
    return plan_collect(d, a,
                        "SELECT id, kind, COALESCE(focus, ''), title, parties, COALESCE(signed_on, ''),"
                        " COALESCE(valid_from, ''), COALESCE(valid_to, ''), doc_ref FROM plan_agreement"
                        " WHERE plan_id = ? ORDER BY CASE kind WHEN 'strategic' THEN 0 ELSE 1 END, id",
                        plan_id, sizeof(plan_agreement), read_agreement, (void **)out, n, "read the agreements", e);
}

hh_err plan_agreement_put(db *d, const principal *p, arena *a, int64_t plan_id, plan_agreement *g, hh_error *e)
{
    plan pl;
    hh_err rc = plan_load_writable(d, p, a, plan_id, &pl, e);
    if (rc || (rc = text_max(g->title, "title", "Titel", 200, true, e)) ||
        (rc = text_max(g->parties, "parties", "Parter", 500, false, e)) ||
        (rc = text_max(g->doc_ref, "doc_ref", "Journalnummer", 100, false, e)) ||
        (rc = date_check(g->signed_on, "signed_on", "Underskrevet", false, e)) ||
        (rc = date_check(g->valid_from, "valid_from", "Gælder fra", false, e)) ||
        (rc = date_check(g->valid_to, "valid_to", "Gælder til", false, e)))
        return rc;
    if (g->valid_from && *g->valid_from && g->valid_to && *g->valid_to && strcmp(g->valid_to, g->valid_from) < 0)
        return hh_fail(e, HH_ERR_INPUT, "valid_to", "Aftalen slutter (%s) før den begynder (%s)", g->valid_to,
                       g->valid_from);
    if (!g->strategic) {
        bool found = false;
        for (size_t i = 0; i < pl.nfocus && !found; i++)
            found = g->focus && strcmp(pl.focus[i], g->focus) == 0;
        if (!found)
            return hh_fail(e, HH_ERR_INPUT, "focus",
                           "En delaftale hører til et af planens indsatsområder; «%s» er"
                           " ikke et af dem",
                           g->focus ? g->focus : "");
    }
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    if (g->strategic) {
        /* One strategic agreement per plan. */
        db_stmt *st = db_prepare(d, "SELECT COUNT(*) FROM plan_agreement WHERE plan_id = ? AND kind = 'strategic'"
                                    " AND id <> ?");
        if (!st) {
            rc = db_fail(d, e, "save the agreement");
        } else {
            db_bind_int64(st, 1, plan_id);
            db_bind_int64(st, 2, g->id);
            int r = db_step(st);
            int64_t other = r == DB_ROW ? db_col_int64(st, 0) : 0;
            db_done(st);
            if (r != DB_ROW)
                rc = db_fail(d, e, "save the agreement");
            else if (other)
                rc = hh_fail(e, HH_ERR_INPUT, "strategic", "Planen har allerede en strategisk aftale");
        }
    }
    if (rc == HH_OK) {
        db_stmt *st =
            g->id > 0 ? db_prepare(d, "UPDATE plan_agreement SET kind = ?, focus = ?, title = ?, parties = ?,"
                                      " signed_on = ?, valid_from = ?, valid_to = ?, doc_ref = ? WHERE plan_id = ?"
                                      " AND id = ?")
                      : db_prepare(d, "INSERT INTO plan_agreement (kind, focus, title, parties, signed_on, valid_from,"
                                      " valid_to, doc_ref, plan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
        if (!st) {
            rc = db_fail(d, e, "save the agreement");
        } else {
            db_bind_text(st, 1, g->strategic ? "strategic" : "sub");
            bind_opt(st, 2, g->strategic ? NULL : g->focus);
            db_bind_text(st, 3, g->title);
            db_bind_text(st, 4, g->parties ? g->parties : "");
            bind_opt(st, 5, g->signed_on);
            bind_opt(st, 6, g->valid_from);
            bind_opt(st, 7, g->valid_to);
            db_bind_text(st, 8, g->doc_ref ? g->doc_ref : "");
            db_bind_int64(st, 9, plan_id);
            if (g->id > 0) {
                db_bind_int64(st, 10, g->id);
                rc = plan_run_changed(d, st, "save the agreement", "Aftalen findes ikke i planen", e);
            } else {
                rc = plan_run_insert(d, st, &g->id, "save the agreement", e);
            }
        }
    }
    if (rc == HH_OK)
        rc = plan_touch(d, plan_id, e);
    return plan_tx_end(d, own, rc, e);
}

hh_err plan_agreement_delete(db *d, const principal *p, int64_t plan_id, int64_t agreement_id, hh_error *e)
{
    return plan_delete_row(d, p, plan_id, agreement_id, "DELETE FROM plan_agreement WHERE plan_id = ? AND id = ?",
                           "delete", "Aftalen findes ikke i planen", e);
}

/* ---- partner registry ---- */

/* Users who can write some plan may add and edit partners. */
static hh_err may_edit_registry(const principal *p, hh_error *e)
{
    if (!p || principal_has_role(p, ROLE_ADMIN) || principal_has_role(p, ROLE_MUNICIPALITY) ||
        principal_has_role(p, ROLE_ORGANISATION) || principal_has_role(p, ROLE_PLAN_STAFF))
        return HH_OK;
    return hh_fail(e, HH_ERR_FORBIDDEN, NULL, "Du kan se samarbejdspartnerne, men ikke ændre dem");
}

#define PARTNER_SELECT                                                             \
    "SELECT pa.id, pa.name, pa.type, COALESCE(pa.municipality_code, ''), pa.note," \
    " (SELECT COUNT(DISTINCT c.plan_id) FROM plan_cooperation c WHERE c.partner_id = pa.id) FROM partner pa"

static bool read_partner(db_stmt *st, arena *a, void *elem)
{
    partner *x = elem;
    x->id = db_col_int64(st, 0);
    x->name = dup_col(st, a, 1);
    int t = plan_enum_find(partner_type_code, PT_COUNT, db_col_text(st, 2));
    x->type = t < 0 ? PT_OTHER : (partner_type)t;
    x->municipality_code = dup_col(st, a, 3);
    x->note = dup_col(st, a, 4);
    x->plans = db_col_int64(st, 5);
    return true;
}

static int cmp_partner(const void *x, const void *y)
{
    const partner *a = x, *b = y;
    int c = hh_collate_da(a->name, b->name);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

hh_err partner_list(db *d, arena *a, const char *q, partner **out, size_t *n, hh_error *e)
{
    db_stmt *st = db_prepare(d, PARTNER_SELECT);
    if (!st)
        return db_fail(d, e, "list the partners");
    if (db_collect(st, a, sizeof(partner), read_partner, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "list the partners");
    if (q && *q) {
        size_t k = 0;
        for (size_t i = 0; i < *n; i++)
            if (hh_contains_fold((*out)[i].name, q))
                (*out)[k++] = (*out)[i];
        *n = k;
    }
    qsort(*out, *n, sizeof **out, cmp_partner);
    return HH_OK;
}

hh_err partner_get(db *d, arena *a, int64_t id, partner *out, hh_error *e)
{
    db_stmt *st = db_prepare(d, PARTNER_SELECT " WHERE pa.id = ?");
    if (!st)
        return db_fail(d, e, "read the partner");
    db_bind_int64(st, 1, id);
    int r = db_step(st);
    if (r == DB_ROW)
        read_partner(st, a, out);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the partner");
    if (r != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, NULL, "Samarbejdspartner %lld findes ikke", (long long)id);
    return HH_OK;
}

hh_err partner_put(db *d, const principal *p, arena *a, partner *x, hh_error *e)
{
    hh_err rc = may_edit_registry(p, e);
    if (rc || (rc = text_max(x->name, "name", "Navn", 200, true, e)) ||
        (rc = text_max(x->note, "note", "Note", 2000, false, e)))
        return rc;
    if ((int)x->type < 0 || x->type >= PT_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "type", "Ukendt type af samarbejdspartner");
    const char *muni = x->municipality_code ? x->municipality_code : "";
    if (*muni) {
        geo_municipality m;
        if (!geo_code_valid(muni) || geo_municipality_get(d, a, muni, &m, NULL) != HH_OK)
            return hh_fail(e, HH_ERR_INPUT, "municipality_code",
                           "Kommune: '%s' er ikke en kommunekode; forventede fire cifre, fx 0101", muni);
    }
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st = db_prepare(d, "SELECT COUNT(*) FROM partner WHERE name = ? AND COALESCE(municipality_code, '') = ?"
                                " AND id <> ?");
    if (!st) {
        rc = db_fail(d, e, "save the partner");
    } else {
        db_bind_text(st, 1, x->name);
        db_bind_text(st, 2, muni);
        db_bind_int64(st, 3, x->id);
        int r = db_step(st);
        int64_t same = r == DB_ROW ? db_col_int64(st, 0) : 0;
        db_done(st);
        if (r != DB_ROW)
            rc = db_fail(d, e, "save the partner");
        else if (same)
            rc = hh_fail(e, HH_ERR_CONFLICT, "name", "Der findes allerede en samarbejdspartner med navnet «%s»%s",
                         x->name, *muni ? " i kommunen" : "");
    }
    if (rc == HH_OK) {
        char now[21];
        hh_utc_iso(now);
        st = x->id > 0 ? db_prepare(d, "UPDATE partner SET name = ?, type = ?, municipality_code = ?, note = ?"
                                       " WHERE id = ?")
                       : db_prepare(d, "INSERT INTO partner (name, type, municipality_code, note, created_at)"
                                       " VALUES (?, ?, ?, ?, ?) RETURNING id");
        if (!st) {
            rc = db_fail(d, e, "save the partner");
        } else {
            db_bind_text(st, 1, x->name);
            db_bind_text(st, 2, partner_type_code[x->type]);
            bind_opt(st, 3, muni);
            db_bind_text(st, 4, x->note ? x->note : "");
            if (x->id > 0) {
                db_bind_int64(st, 5, x->id);
                rc = plan_run_changed(d, st, "save the partner", "Samarbejdspartneren findes ikke", e);
            } else {
                db_bind_text(st, 5, now);
                rc = plan_run_insert(d, st, &x->id, "save the partner", e);
            }
        }
    }
    if (rc == HH_OK)
        rc = plan_bump(d, e);
    return plan_tx_end(d, own, rc, e);
}

static bool read_contact(db_stmt *st, arena *a, void *elem)
{
    partner_contact *c = elem;
    c->id = db_col_int64(st, 0);
    c->partner_id = db_col_int64(st, 1);
    c->name = dup_col(st, a, 2);
    int l = plan_enum_find(contact_level_code, CL_COUNT, db_col_text(st, 3));
    c->level = l < 0 ? CL_OPERATIONAL : (contact_level)l;
    c->title = dup_col(st, a, 4);
    c->email = dup_col(st, a, 5);
    c->phone = dup_col(st, a, 6);
    return true;
}

hh_err partner_contacts(db *d, arena *a, int64_t partner_id, partner_contact **out, size_t *n, hh_error *e)
{
    return plan_collect(d, a,
                        "SELECT id, partner_id, name, level, title, email, phone FROM partner_contact"
                        " WHERE partner_id = ? ORDER BY CASE level WHEN 'strategic' THEN 0 WHEN 'management'"
                        " THEN 1 ELSE 2 END, name, id",
                        partner_id, sizeof(partner_contact), read_contact, (void **)out, n, "read the contacts", e);
}

hh_err partner_contact_put(db *d, const principal *p, arena *a, partner_contact *c, hh_error *e)
{
    hh_err rc = may_edit_registry(p, e);
    if (rc || (rc = text_max(c->name, "name", "Navn", 200, true, e)) ||
        (rc = text_max(c->title, "title", "Titel", 200, false, e)) || (rc = email_check(c->email, e)) ||
        (rc = text_max(c->phone, "phone", "Telefon", 40, false, e)))
        return rc;
    if ((int)c->level < 0 || c->level >= CL_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "level", "Niveau skal være strategisk, ledelse eller udførende");
    partner x;
    if ((rc = partner_get(d, a, c->partner_id, &x, e)))
        return rc == HH_ERR_NOTFOUND ? hh_fail(e, HH_ERR_INPUT, "partner_id", "Samarbejdspartneren findes ikke") : rc;
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st = c->id > 0 ? db_prepare(d, "UPDATE partner_contact SET name = ?, level = ?, title = ?, email = ?,"
                                            " phone = ? WHERE partner_id = ? AND id = ?")
                            : db_prepare(d, "INSERT INTO partner_contact (name, level, title, email, phone, partner_id)"
                                            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st) {
        rc = db_fail(d, e, "save the contact");
    } else {
        db_bind_text(st, 1, c->name);
        db_bind_text(st, 2, contact_level_code[c->level]);
        db_bind_text(st, 3, c->title ? c->title : "");
        db_bind_text(st, 4, c->email ? c->email : "");
        db_bind_text(st, 5, c->phone ? c->phone : "");
        db_bind_int64(st, 6, c->partner_id);
        if (c->id > 0) {
            db_bind_int64(st, 7, c->id);
            rc = plan_run_changed(d, st, "save the contact", "Kontaktpersonen findes ikke", e);
        } else {
            rc = plan_run_insert(d, st, &c->id, "save the contact", e);
        }
    }
    if (rc == HH_OK)
        rc = plan_bump(d, e);
    return plan_tx_end(d, own, rc, e);
}

hh_err partner_contact_delete(db *d, const principal *p, int64_t contact_id, hh_error *e)
{
    hh_err rc = may_edit_registry(p, e);
    if (rc)
        return rc;
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st = db_prepare(d, "DELETE FROM partner_contact WHERE id = ?");
    if (!st) {
        rc = db_fail(d, e, "delete the contact");
    } else {
        db_bind_int64(st, 1, contact_id);
        rc = plan_run_changed(d, st, "delete the contact", "Kontaktpersonen findes ikke", e);
    }
    if (rc == HH_OK)
        rc = plan_bump(d, e);
    return plan_tx_end(d, own, rc, e);
}

/* ---- cooperation agreements ---- */

static unsigned purposes_parse(const char *s)
{
    unsigned bits = 0;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        for (int i = 0; i < CP_COUNT; i++)
            if (strlen(coop_purpose_code[i]) == n && strncmp(coop_purpose_code[i], s, n) == 0)
                bits |= 1u << i;
        s += n;
        if (*s == ',')
            s++;
    }
    return bits;
}

static const char *purposes_text(arena *a, unsigned bits)
{
    buf b;
    buf_init(&b, 0);
    for (int i = 0; i < CP_COUNT; i++)
        if (bits & (1u << i)) {
            if (b.len)
                buf_putc(&b, ',');
            buf_puts(&b, coop_purpose_code[i]);
        }
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static bool read_coop(db_stmt *st, arena *a, void *elem)
{
    plan_cooperation *c = elem;
    c->id = db_col_int64(st, 0);
    c->plan_id = db_col_int64(st, 1);
    c->plan_name = dup_col(st, a, 2);
    c->partner_id = db_col_int64(st, 3);
    c->partner_name = dup_col(st, a, 4);
    c->purposes = purposes_parse(db_col_text(st, 5));
    c->valid_from = dup_col(st, a, 6);
    c->valid_to = dup_col(st, a, 7);
    c->note = dup_col(st, a, 8);
    return true;
}

static int cmp_coop(const void *x, const void *y)
{
    const plan_cooperation *a = x, *b = y;
    if (a->days_left != b->days_left)
        return a->days_left < b->days_left ? -1 : 1;
    int c = hh_collate_da(a->partner_name, b->partner_name);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

hh_err plan_cooperations(db *d, const principal *p, arena *a, int64_t plan_id, int within_days, const char *today,
                         plan_cooperation **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    char now[11];
    if (!today || !*today) {
        plan_today(now);
        today = now;
    } else if (!plan_date_valid(today)) {
        return hh_fail(e, HH_ERR_INPUT, "today", "'%s' er ikke en dato; forventede ÅÅÅÅ-MM-DD", today);
    }
    hh_err rc;
    if (plan_id > 0) {
        plan pl;
        if ((rc = plan_get(d, p, a, plan_id, &pl, e)))
            return rc;
    }
    const char *sql = arena_printf(a,
                                   "SELECT c.id, c.plan_id, p.name, c.partner_id, pa.name, c.purposes, c.valid_from,"
                                   " COALESCE(c.valid_to, ''), c.note FROM plan_cooperation c JOIN plan p ON p.id ="
                                   " c.plan_id JOIN partner pa ON pa.id = c.partner_id WHERE %s",
                                   plan_id > 0 ? "c.plan_id = ?" : "c.valid_to IS NOT NULL AND c.valid_to >= ?");
    if (plan_id <= 0)
        sql = arena_printf(a, "%s AND %s", sql, plan_scope_sql(p, a));
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read the cooperation agreements");
    if (plan_id > 0)
        db_bind_int64(st, 1, plan_id);
    else
        db_bind_text(st, 1, today);
    plan_cooperation *rows;
    size_t nrows;
    if (db_collect(st, a, sizeof(plan_cooperation), read_coop, (void **)&rows, &nrows) == DB_ERROR)
        return db_fail(d, e, "read the cooperation agreements");
    size_t k = 0;
    for (size_t i = 0; i < nrows; i++) {
        plan_cooperation *c = &rows[i];
        c->days_left = *c->valid_to && plan_date_valid(c->valid_to) ? plan_days_between(today, c->valid_to) : INT32_MAX;
        c->expired = c->days_left < 0;
        c->expiring = c->days_left >= 0 && c->days_left <= PLAN_EXPIRY_DAYS;
        if (plan_id <= 0 && (c->expired || c->days_left > within_days))
            continue;
        rows[k++] = *c;
    }
    qsort(rows, k, sizeof *rows, cmp_coop);
    *out = rows;
    *n = k;
    return HH_OK;
}

hh_err plan_cooperation_put(db *d, const principal *p, arena *a, plan_cooperation *c, hh_error *e)
{
    plan pl;
    hh_err rc = plan_load_writable(d, p, a, c->plan_id, &pl, e);
    if (rc || (rc = date_check(c->valid_from, "valid_from", "Gælder fra", true, e)) ||
        (rc = date_check(c->valid_to, "valid_to", "Gælder til", false, e)) ||
        (rc = text_max(c->note, "note", "Note", 2000, false, e)))
        return rc;
    if (c->valid_to && *c->valid_to && strcmp(c->valid_to, c->valid_from) < 0)
        return plan_rule_fail(e, HH_ERR_INPUT, "cooperation_dates", "valid_to",
                              "aftalen slutter %s, før den begynder %s", c->valid_to, c->valid_from);
    if (!c->purposes || c->purposes >= (1u << CP_COUNT))
        return hh_fail(e, HH_ERR_INPUT, "purposes",
                       "Vælg mindst ét formål: viden, rekruttering, levering eller forankring");
    partner x;
    if ((rc = partner_get(d, a, c->partner_id, &x, e)))
        return rc == HH_ERR_NOTFOUND ? hh_fail(e, HH_ERR_INPUT, "partner_id", "Samarbejdspartneren findes ikke") : rc;
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st = c->id > 0 ? db_prepare(d, "UPDATE plan_cooperation SET partner_id = ?, purposes = ?, valid_from = ?,"
                                            " valid_to = ?, note = ? WHERE plan_id = ? AND id = ?")
                            : db_prepare(d, "INSERT INTO plan_cooperation (partner_id, purposes, valid_from, valid_to,"
                                            " note, plan_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
    if (!st) {
        rc = db_fail(d, e, "save the cooperation agreement");
    } else {
        db_bind_int64(st, 1, c->partner_id);
        db_bind_text(st, 2, purposes_text(a, c->purposes));
        db_bind_text(st, 3, c->valid_from);
        bind_opt(st, 4, c->valid_to);
        db_bind_text(st, 5, c->note ? c->note : "");
        db_bind_int64(st, 6, c->plan_id);
        if (c->id > 0) {
            db_bind_int64(st, 7, c->id);
            rc = plan_run_changed(d, st, "save the cooperation agreement", "Samarbejdsaftalen findes ikke i planen", e);
        } else {
            rc = plan_run_insert(d, st, &c->id, "save the cooperation agreement", e);
        }
    }
    if (rc == HH_OK)
        rc = plan_touch(d, c->plan_id, e);
    return plan_tx_end(d, own, rc, e);
}

hh_err plan_cooperation_delete(db *d, const principal *p, int64_t plan_id, int64_t coop_id, hh_error *e)
{
    return plan_delete_row(d, p, plan_id, coop_id, "DELETE FROM plan_cooperation WHERE plan_id = ? AND id = ?",
                           "delete", "Samarbejdsaftalen findes ikke i planen", e);
}
