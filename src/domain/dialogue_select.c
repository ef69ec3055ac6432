/* dialogue_select.c - the data-based selection of departments for closer
 * review (dialogue.h, 003:L1396-1403): the rules (early warning, official
 * lists, a clear worsening), re-proposing over the dialogue's departments,
 * confirmations and a SWOT per selected department. */
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

/* ---- the rules ---- */

unsigned dlg_rules_for(const dlg_sheet *s, arena *a, const char **reasons)
{
    unsigned bits = 0;
    buf b;
    buf_init(&b, 0);
    if (s->warning_found && (s->warning.status == WARN_WATCH || s->warning.status == WARN_ALARM)) {
        bits |= 1u << DR_WARNING;
        buf_printf(&b, "Tidlig varsling %d: %s", s->warning.year, warn_status_label[s->warning.status]);
        /* The flagged links: each reason starts with its link's name. */
        for (size_t i = 0; i < s->warning.nreasons; i++) {
            const char *r = s->warning.reasons[i];
            size_t k = strcspn(r, ":");
            buf_printf(&b, "%s%.*s", i ? ", " : " (", (int)k, r);
        }
        if (s->warning.nreasons)
            buf_puts(&b, ")");
    }
    if (s->lists && *s->lists) {
        bits |= 1u << DR_LIST;
        buf_printf(&b, "%sPå områdelisten: %s", b.len ? "\n" : "", s->lists);
    }
    /* A figure counts once even when it stands beside several items. */
    int seen[64];
    size_t nseen = 0;
    for (int it = 0; it < DI_COUNT; it++)
        for (size_t j = 0; j < s->answers[it].nfigures; j++) {
            const dlg_figure *f = &s->answers[it].figures[j];
            if (isnan(f->trend_z) || f->trend_z < DLG_TREND_Z)
                continue;
            bool dup = false;
            for (size_t k = 0; k < nseen && !dup; k++)
                dup = seen[k] == f->kf;
            if (dup)
                continue;
            if (nseen < HH_ARRAY_LEN(seen))
                seen[nseen++] = f->kf;
            bits |= 1u << DR_TREND;
            char z[32];
            snprintf(z, sizeof z, "%.1f", f->trend_z);
            for (char *c = z; *c; c++)
                if (*c == '.')
                    *c = ',';
            buf_printf(&b, "%sTydelig forværring: %s (trend z = %s)", b.len ? "\n" : "", kf_catalogue[f->kf].name_da,
                       z);
        }
    if (reasons)
        *reasons = arena_strdup(a, b.len ? buf_cstr(&b) : "");
    buf_free(&b);
    return bits;
}

static void rules_text(unsigned bits, char *out, size_t n)
{
    out[0] = '\0';
    size_t len = 0;
    for (int r = 0; r < DR_COUNT; r++)
        if (bits & (1u << r))
            len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", len ? "," : "", dlg_rule_code[r]);
}

static unsigned rules_parse(const char *s)
{
    unsigned bits = 0;
    while (s && *s) {
        size_t k = strcspn(s, ",");
        for (int r = 0; r < DR_COUNT; r++)
            if (strlen(dlg_rule_code[r]) == k && strncmp(s, dlg_rule_code[r], k) == 0)
                bits |= 1u << r;
        s += k;
        if (*s == ',')
            s++;
    }
    return bits;
}

/* ---- reading ---- */

static bool read_selection(db_stmt *st, arena *a, void *elem)
{
    dlg_selection *x = elem;
    x->department_id = db_col_int64(st, 0);
    x->key = col_dup(st, a, 1);
    x->name = col_dup(st, a, 2);
    x->proposed = db_col_int64(st, 3) == 1;
    x->rules = rules_parse(db_col_text(st, 4));
    x->reasons = col_dup(st, a, 5);
    x->confirmed = db_col_int64(st, 6) == 1;
    x->confirmed_by = col_dup(st, a, 7);
    x->strengths = col_dup(st, a, 8);
    x->weaknesses = col_dup(st, a, 9);
    x->opportunities = col_dup(st, a, 10);
    x->threats = col_dup(st, a, 11);
    return true;
}

static hh_err read_selections(db *d, arena *a, int64_t dialogue_id, dlg_selection **out, size_t *n, hh_error *e)
{
    return plan_collect(d, a,
                        "SELECT s.department_id, CAST(d.org_no AS TEXT) || '-' || CAST(d.department_no AS TEXT),"
                        " d.name, s.proposed, s.rules, s.reasons, s.confirmed, s.confirmed_by, s.strengths,"
                        " s.weaknesses, s.opportunities, s.threats FROM dialogue_selection s"
                        " JOIN department d ON d.id = s.department_id WHERE s.dialogue_id = ?"
                        " ORDER BY d.org_no, d.department_no",
                        dialogue_id, sizeof(dlg_selection), read_selection, (void **)out, n, "read the selection", e);
}

hh_err dlg_selections(db *d, const principal *p, arena *a, int64_t dialogue_id, dlg_selection **out, size_t *n,
                      hh_error *e)
{
    *out = NULL;
    *n = 0;
    dialogue g;
    hh_err rc = dlg_head(d, p, a, dialogue_id, &g, e);
    if (rc)
        return rc;
    return read_selections(d, a, dialogue_id, out, n, e);
}

/* ---- proposing ---- */

static hh_err run(db *d, db_stmt *st, const char *what, hh_error *e)
{
    if (!st)
        return db_fail(d, e, what);
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, what) : HH_OK;
}

hh_err dlg_propose(db *d, const principal *p, arena *a, int64_t dialogue_id, hh_error *e)
{
    dialogue g;
    hh_err rc = dlg_head_editable(d, p, a, dialogue_id, &g, e);
    if (rc)
        return rc;
    if ((rc = dlg_read_departments(d, a, &g, e)))
        return rc;
    dlg_selection *sel;
    size_t nsel;
    if ((rc = read_selections(d, a, dialogue_id, &sel, &nsel, e)))
        return rc;
    /* The rules first (reads only), then the writes in one transaction. */
    unsigned *bits = arena_zalloc(a, (g.ndepartments ? g.ndepartments : 1) * sizeof(unsigned));
    const char **reasons = arena_zalloc(a, (g.ndepartments ? g.ndepartments : 1) * sizeof(char *));
    dlg_sheet *sheets = arena_zalloc(a, (g.ndepartments ? g.ndepartments : 1) * sizeof(dlg_sheet));
    if ((rc = dlg_sheets_fill(d, a, &g, sheets, e)))
        return rc;
    for (size_t i = 0; i < g.ndepartments; i++)
        bits[i] = dlg_rules_for(&sheets[i], a, &reasons[i]);
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    for (size_t i = 0; i < g.ndepartments && !rc; i++) {
        const dlg_selection *old = NULL;
        for (size_t j = 0; j < nsel; j++)
            if (sel[j].department_id == g.departments[i].id)
                old = &sel[j];
        char codes[64];
        rules_text(bits[i], codes, sizeof codes);
        db_stmt *st;
        if (bits[i] && !old) {
            st = db_prepare(d, "INSERT INTO dialogue_selection (dialogue_id, department_id, proposed, rules, reasons)"
                               " VALUES (?, ?, 1, ?, ?)");
            if (st) {
                db_bind_int64(st, 1, dialogue_id);
                db_bind_int64(st, 2, g.departments[i].id);
                db_bind_text(st, 3, codes);
                db_bind_text(st, 4, reasons[i]);
            }
            rc = run(d, st, "save the proposal", e);
        } else if (old && (bits[i] || old->confirmed || !old->proposed)) {
            /* Flagged again, or kept by a confirmation or by hand: refresh
             * the rules and reasons, keep confirmation and SWOT. */
            st = db_prepare(d, "UPDATE dialogue_selection SET proposed = ?, rules = ?, reasons = ?"
                               " WHERE dialogue_id = ? AND department_id = ?");
            if (st) {
                db_bind_int64(st, 1, bits[i] ? 1 : 0);
                db_bind_text(st, 2, codes);
                db_bind_text(st, 3, reasons[i]);
                db_bind_int64(st, 4, dialogue_id);
                db_bind_int64(st, 5, g.departments[i].id);
            }
            rc = run(d, st, "save the proposal", e);
        } else if (old) {
            /* An unconfirmed proposal the data no longer flag. */
            st = db_prepare(d, "DELETE FROM dialogue_selection WHERE dialogue_id = ? AND department_id = ?");
            if (st) {
                db_bind_int64(st, 1, dialogue_id);
                db_bind_int64(st, 2, g.departments[i].id);
            }
            rc = run(d, st, "remove the proposal", e);
        }
    }
    if (!rc)
        rc = dlg_touch_in(d, dialogue_id, g.state, e);
    return plan_tx_end(d, own, rc, e);
}

/* ---- changes ---- */

static const char *text_or_empty(const char *s)
{
    return s ? s : "";
}

hh_err dlg_selection_put(db *d, const principal *p, int64_t dialogue_id, const dlg_selection *s, hh_error *e)
{
    arena a;
    arena_init(&a);
    dialogue g;
    hh_err rc = dlg_head_editable(d, p, &a, dialogue_id, &g, e);
    if (!rc)
        rc = dlg_check_department(d, &g, s->department_id, e);
    const char *user = arena_strdup(&a, plan_user_name(p));
    if (!rc)
        rc = dlg_text_check(s->strengths, "strengths", "Styrker", DLG_TEXT_SHORT, e);
    if (!rc)
        rc = dlg_text_check(s->weaknesses, "weaknesses", "Svagheder", DLG_TEXT_SHORT, e);
    if (!rc)
        rc = dlg_text_check(s->opportunities, "opportunities", "Muligheder", DLG_TEXT_SHORT, e);
    if (!rc)
        rc = dlg_text_check(s->threats, "threats", "Trusler", DLG_TEXT_SHORT, e);
    if (rc) {
        arena_free(&a);
        return rc;
    }
    bool own;
    if ((rc = plan_tx_begin(d, &own, e))) {
        arena_free(&a);
        return rc;
    }
    /* Who confirmed stays until the confirmation is withdrawn. */
    db_stmt *st = db_prepare(d, "SELECT confirmed, confirmed_by FROM dialogue_selection WHERE dialogue_id = ? AND"
                                " department_id = ?");
    bool exists = false, was = false;
    const char *by = "";
    if (!st) {
        rc = db_fail(d, e, "read the selection");
    } else {
        db_bind_int64(st, 1, dialogue_id);
        db_bind_int64(st, 2, s->department_id);
        int r = db_step(st);
        if (r == DB_ROW) {
            exists = true;
            was = db_col_int64(st, 0) == 1;
            by = col_dup(st, &a, 1);
        }
        db_done(st);
        if (r == DB_ERROR)
            rc = db_fail(d, e, "read the selection");
    }
    const char *confirmed_by = s->confirmed ? (was && *by ? by : user) : "";
    if (!rc) {
        if (exists)
            st = db_prepare(d, "UPDATE dialogue_selection SET confirmed = ?, confirmed_by = ?, strengths = ?,"
                               " weaknesses = ?, opportunities = ?, threats = ? WHERE dialogue_id = ? AND"
                               " department_id = ?");
        else
            st = db_prepare(d, "INSERT INTO dialogue_selection (confirmed, confirmed_by, strengths, weaknesses,"
                               " opportunities, threats, dialogue_id, department_id, proposed)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)");
        if (st) {
            db_bind_int64(st, 1, s->confirmed ? 1 : 0);
            db_bind_text(st, 2, confirmed_by);
            db_bind_text(st, 3, text_or_empty(s->strengths));
            db_bind_text(st, 4, text_or_empty(s->weaknesses));
            db_bind_text(st, 5, text_or_empty(s->opportunities));
            db_bind_text(st, 6, text_or_empty(s->threats));
            db_bind_int64(st, 7, dialogue_id);
            db_bind_int64(st, 8, s->department_id);
        }
        rc = run(d, st, "save the selection", e);
    }
    if (!rc)
        rc = dlg_touch_in(d, dialogue_id, g.state, e);
    arena_free(&a);
    return plan_tx_end(d, own, rc, e);
}

hh_err dlg_selection_delete(db *d, const principal *p, int64_t dialogue_id, int64_t department_id, hh_error *e)
{
    arena a;
    arena_init(&a);
    dialogue g;
    hh_err rc = dlg_head_editable(d, p, &a, dialogue_id, &g, e);
    arena_free(&a);
    if (rc)
        return rc;
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st = db_prepare(d, "DELETE FROM dialogue_selection WHERE dialogue_id = ? AND department_id = ?");
    if (!st) {
        rc = db_fail(d, e, "remove the selection");
    } else {
        db_bind_int64(st, 1, dialogue_id);
        db_bind_int64(st, 2, department_id);
        rc = plan_run_changed(d, st, "remove the selection", "Afdelingen er ikke udvalgt", e);
    }
    if (!rc)
        rc = dlg_touch_in(d, dialogue_id, g.state, e);
    return plan_tx_end(d, own, rc, e);
}
