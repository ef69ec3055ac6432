/* dialogue.c - the steering dialogue (dialogue.h): the enumerations, rules
 * and workflow table; access by side and scope; the dialogue itself (open,
 * read, overview) and its transitions; deadlines and reminders. */
#include "domain/dialogue.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/dialogue_impl.h"
#include "domain/plans_impl.h"

/* ---- enumerations ---- */

const char *const dlg_state_code[DS_COUNT] = { "preparing", "submitted", "returned", "meeting_held", "published" };
const char *const dlg_state_label[DS_COUNT] = { "Under udarbejdelse", "Indsendt", "Sendt retur", "Møde afholdt",
                                                "Offentliggjort" };

const char *const dlg_item_code[DI_COUNT] = { "effective_operation",
                                              "socially_well_functioning",
                                              "physical_state",
                                              "maintenance",
                                              "social",
                                              "contemporary",
                                              "democracy" };
const char *const dlg_item_label[DI_COUNT] = {
    "Driften er effektiv",
    "Afdelingen er socialt velfungerende",
    "Afdelingen fremstår i fysisk god stand",
    "Er vedligeholdelsestilstanden tilfredsstillende?",
    "Er boligområdet socialt velfungerende?",
    "Er boligområdet tidssvarende?",
    "Er beboerdemokratiet velfungerende?",
};

const char *const dlg_question_prompt[DLG_QUESTIONS] = {
    "Hvornår er vedligeholdelsestilstanden tilfredsstillende eller mindre tilfredsstillende?",
    "Hvornår er et boligområde socialt velfungerende?",
    "Hvornår er boligområdet tidssvarende?",
    "Hvornår er et beboerdemokrati velfungerende?",
};

const char *const dlg_scale_label[DLG_SCALE_MAX + 1] = { "Ikke besvaret", "Ikke tilfredsstillende",
                                                         "Mindre tilfredsstillende", "Overvejende tilfredsstillende",
                                                         "Tilfredsstillende" };

static const char *const fig_effective[] = { "vacancy_loss", "rent_arrears_per_tenancy", "turnover_rate",
                                             "evictions_per_1000", NULL };
static const char *const fig_social[] = { "outside_labour_share", "income_relative_region", "convicted_share",
                                          "feeling_unsafe_share", "complaints_per_1000",    NULL };
static const char *const fig_physical[] = { "maintenance_backlog_per_m2", "vandalism_cost_per_dwelling",
                                            "energy_per_m2", NULL };
static const char *const fig_contemporary[] = { "vacancy_share", "turnover_rate", "energy_per_m2", NULL };
static const char *const fig_democracy[] = { "meeting_turnout", NULL };

const char *const *const dlg_item_figures[DI_COUNT] = {
    fig_effective, fig_social, fig_physical, fig_physical, fig_social, fig_contemporary, fig_democracy,
};

/* Shown on the public data sheets: master data and the figures the
 * municipality's publication covers (suppressed as everywhere). */
const char *const dlg_public_figures[] = { "residents",
                                           "vacancy_share",
                                           "turnover_rate",
                                           "outside_labour_share",
                                           "income_relative_region",
                                           "convicted_share",
                                           "maintenance_backlog_per_m2",
                                           "energy_per_m2",
                                           "meeting_turnout",
                                           NULL };

const char *const dlg_rule_code[DR_COUNT] = { "warning", "list", "trend" };
const char *const dlg_rule_label[DR_COUNT] = { "Tidlig varsling", "Områdeliste", "Tydelig forværring" };

const char *const dlg_goal_status_code[DG_COUNT] = { "no_figure", "no_data", "met", "not_met" };
const char *const dlg_goal_status_label[DG_COUNT] = { "Uden nøgletal", "Ingen data", "Nået", "Ikke nået" };

/* ---- rules ---- */

const plan_rule dlg_rules[] = {
    { "dialogue_locked",
      "Boligorganisationen kan kun ændre dokumentationen, mens styringsdialogen er under udarbejdelse eller sendt"
      " retur; kommunen kan kun tilføje mål, mens den er indsendt",
      "DOMAIN.md §8" },
    { "transition_not_allowed", "Styringsdialogen kan kun skifte tilstand efter de tilladte overgange",
      "DOMAIN.md §8" },
    { "transition_role", "Boligorganisationen indsender; kommunen sender retur, registrerer mødet og offentliggør",
      "003:L1356-1366" },
    { "transition_date", "Datoen for en overgang må ikke ligge i fremtiden eller før den forrige overgang",
      "DOMAIN.md §8" },
    { "return_needs_comment", "Kommunen skal skrive, hvorfor dokumentationen sendes retur", "DOMAIN.md §8" },
    { "meeting_needs_date_and_minutes", "Et afholdt møde skal have en dato, der ikke ligger i fremtiden, og et referat",
      "DOMAIN.md §8" },
    { "submit_needs_answers",
      "Før indsendelse skal alle afdelinger være besvaret på de tre kriterier og fire spørgsmål, og hver afdeling"
      " udvalgt til nærmere gennemgang skal have en SWOT",
      "003:L1392-1403" },
    { "deadline_in_year", "Fristen skal være en dato i styringsdialogens år", "DOMAIN.md §8" },
    { "goal_target_year", "Et mål gælder et kommende år: målåret ligger efter styringsdialogens år", "003:L1404-1406" },
    { "department_not_in_dialogue",
      "Afdelingen skal tilhøre boligorganisationen og ligge i kommunen for styringsdialogen", "DOMAIN.md §8" },
};
const size_t dlg_nrules = HH_ARRAY_LEN(dlg_rules);

hh_err dlg_fail(hh_error *e, const char *rule, const char *field, const char *fmt, ...)
{
    char detail[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return plan_rule_fail_in(dlg_rules, dlg_nrules, e, HH_ERR_INPUT, rule, field, "%s", detail);
}

hh_err dlg_text_check(const char *v, const char *field, const char *label, size_t max, hh_error *e)
{
    if (v && plan_utf8_len(v) > max)
        return hh_fail(e, HH_ERR_INPUT, field, "%s må højst være %zu tegn", label, max);
    return HH_OK;
}

/* ---- workflow ---- */

const dlg_transition_rule dlg_transitions[] = {
    { DS_PREPARING, DS_SUBMITTED, SIDE_ORGANISATION, "Indsend" },
    { DS_RETURNED, DS_SUBMITTED, SIDE_ORGANISATION, "Indsend igen" },
    { DS_SUBMITTED, DS_RETURNED, SIDE_MUNICIPALITY, "Send retur" },
    { DS_SUBMITTED, DS_MEETING_HELD, SIDE_MUNICIPALITY, "Registrér møde" },
    { DS_MEETING_HELD, DS_PUBLISHED, SIDE_MUNICIPALITY, "Offentliggør" },
};
const size_t dlg_ntransitions = HH_ARRAY_LEN(dlg_transitions);

/* ---- access ---- */

static bool is_all(const principal *p)
{
    return !p || principal_has_role(p, ROLE_ADMIN) || principal_has_role(p, ROLE_NATIONAL);
}

static bool org_scope_value(const char *v, int64_t *org_no)
{
    size_t n = v ? strlen(v) : 0;
    return n >= 1 && n <= 8 && hh_is_digits(v, n) && hh_parse_int64(v, n, org_no) && *org_no > 0;
}

static bool mun_scope_value(const char *v)
{
    return v && strlen(v) == 4 && hh_is_digits(v, 4);
}

bool dlg_pair_side(const principal *p, int64_t org_no, const char *municipality_code, dlg_side side)
{
    if (!p || principal_has_role(p, ROLE_ADMIN))
        return true;
    for (size_t i = 0; i < p->ngrants; i++) {
        const grant *g = &p->grants[i];
        int64_t o;
        if (side == SIDE_ORGANISATION && g->role == ROLE_ORGANISATION && org_scope_value(g->scope, &o) && o == org_no)
            return true;
        if (side == SIDE_MUNICIPALITY && g->role == ROLE_MUNICIPALITY && municipality_code &&
            mun_scope_value(g->scope) && strcmp(g->scope, municipality_code) == 0)
            return true;
    }
    return false;
}

bool dlg_may_read(const principal *p, int64_t org_no, const char *municipality_code)
{
    return is_all(p) || dlg_pair_side(p, org_no, municipality_code, SIDE_ORGANISATION) ||
           dlg_pair_side(p, org_no, municipality_code, SIDE_MUNICIPALITY);
}

const char *dlg_scope_sql(const principal *p, arena *a, const char *alias)
{
    if (is_all(p))
        return "1 = 1";
    buf b;
    buf_init(&b, 0);
    buf_puts(&b, "(1 = 0");
    for (size_t i = 0; i < p->ngrants; i++) {
        const grant *g = &p->grants[i];
        int64_t o;
        if (g->role == ROLE_ORGANISATION && org_scope_value(g->scope, &o))
            buf_printf(&b, " OR %s.org_no = %lld", alias, (long long)o);
        else if (g->role == ROLE_MUNICIPALITY && mun_scope_value(g->scope))
            buf_printf(&b, " OR %s.municipality_code = '%s'", alias, g->scope);
    }
    buf_puts(&b, ")");
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

bool dlg_is_side(const principal *p, const dialogue *g, dlg_side side)
{
    return dlg_pair_side(p, g->org_no, g->municipality_code, side);
}

bool dlg_may_edit(const principal *p, const dialogue *g)
{
    return (g->state == DS_PREPARING || g->state == DS_RETURNED) && dlg_is_side(p, g, SIDE_ORGANISATION);
}

size_t dlg_next(const principal *p, const dialogue *g, const dlg_transition_rule **out)
{
    size_t n = 0;
    for (size_t i = 0; i < dlg_ntransitions; i++)
        if (dlg_transitions[i].from == g->state && dlg_is_side(p, g, dlg_transitions[i].side))
            out[n++] = &dlg_transitions[i];
    return n;
}

static int state_from(const char *s)
{
    return plan_enum_find(dlg_state_code, DS_COUNT, s);
}

/* ---- reminders ---- */

static bool needs_submit(int state)
{
    return state < 0 || state == DS_PREPARING || state == DS_RETURNED;
}

/* days_left, reminder and overdue from the deadline and today. */
static void deadline_status(int state, const char *deadline, int remind_days, const char *today, int *days_left,
                            bool *reminder, bool *overdue)
{
    *days_left = INT32_MAX;
    *reminder = *overdue = false;
    if (!deadline || !plan_date_valid(deadline))
        return;
    *days_left = plan_days_between(today, deadline);
    if (needs_submit(state)) {
        *reminder = *days_left <= remind_days;
        *overdue = *days_left < 0;
    }
}

/* ---- reading ---- */

static char *col_dup(db_stmt *st, arena *a, int col)
{
    return arena_strdup(a, db_col_null(st, col) ? "" : db_col_text(st, col));
}

hh_err dlg_head(db *d, const principal *p, arena *a, int64_t id, dialogue *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    db_stmt *st = db_prepare(
        d, "SELECT g.id, g.org_no, o.name, g.municipality_code, m.name, g.year, g.state, g.summary, g.meeting_date,"
           " g.minutes, g.published_at, g.created_at, g.updated_at, dl.deadline, dl.remind_days FROM dialogue g"
           " JOIN organisation o ON o.org_no = g.org_no JOIN municipality m ON m.code = g.municipality_code"
           " LEFT JOIN dialogue_deadline dl ON dl.municipality_code = g.municipality_code AND dl.year = g.year"
           " WHERE g.id = ?");
    if (!st)
        return db_fail(d, e, "read the dialogue");
    db_bind_int64(st, 1, id);
    int rc = db_step(st);
    if (rc == DB_ROW) {
        out->id = db_col_int64(st, 0);
        out->org_no = db_col_int64(st, 1);
        out->org_name = col_dup(st, a, 2);
        out->municipality_code = col_dup(st, a, 3);
        out->municipality_name = col_dup(st, a, 4);
        out->year = (int)db_col_int64(st, 5);
        int s = state_from(db_col_text(st, 6));
        out->state = s < 0 ? DS_PREPARING : (dlg_state)s;
        out->summary = col_dup(st, a, 7);
        out->meeting_date = col_dup(st, a, 8);
        out->minutes = col_dup(st, a, 9);
        out->published_at = col_dup(st, a, 10);
        out->created_at = col_dup(st, a, 11);
        out->updated_at = col_dup(st, a, 12);
        out->deadline = col_dup(st, a, 13);
        out->remind_days = db_col_null(st, 14) ? 14 : (int)db_col_int64(st, 14);
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read the dialogue");
    if (rc != DB_ROW || !dlg_may_read(p, out->org_no, out->municipality_code))
        return hh_fail(e, HH_ERR_NOTFOUND, "id", "Styringsdialogen findes ikke");
    char today[11];
    plan_today(today);
    deadline_status((int)out->state, out->deadline, out->remind_days, today, &out->days_left, &out->reminder,
                    &out->overdue);
    return HH_OK;
}

hh_err dlg_head_editable(db *d, const principal *p, arena *a, int64_t id, dialogue *out, hh_error *e)
{
    hh_err rc = dlg_head(d, p, a, id, out, e);
    if (rc)
        return rc;
    if (!dlg_is_side(p, out, SIDE_ORGANISATION))
        return hh_fail(e, HH_ERR_FORBIDDEN, NULL, "Kun boligorganisationen kan ændre dokumentationen");
    if (out->state != DS_PREPARING && out->state != DS_RETURNED)
        return dlg_fail(e, "dialogue_locked", "state", "styringsdialogen er %s", dlg_state_label[out->state]);
    return HH_OK;
}

hh_err dlg_touch(db *d, int64_t id, hh_error *e)
{
    return dlg_touch_in(d, id, DS_COUNT, e);
}

hh_err dlg_touch_in(db *d, int64_t id, dlg_state state, hh_error *e)
{
    char now[21];
    hh_utc_iso(now);
    db_stmt *st = state == DS_COUNT ? db_prepare(d, "UPDATE dialogue SET updated_at = ? WHERE id = ?")
                                    : db_prepare(d, "UPDATE dialogue SET updated_at = ? WHERE id = ? AND state = ?");
    if (!st)
        return db_fail(d, e, "update the dialogue");
    db_bind_text(st, 1, now);
    db_bind_int64(st, 2, id);
    if (state != DS_COUNT)
        db_bind_text(st, 3, dlg_state_code[state]);
    int r = db_step(st);
    int64_t changed = r == DB_DONE ? db_changes(st) : 0;
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "update the dialogue");
    if (state != DS_COUNT && !changed)
        return hh_fail(e, HH_ERR_CONFLICT, "state",
                       "Styringsdialogen har skiftet tilstand imens. Genindlæs, og prøv igen.");
    return plan_bump_group(d, "dialogue", e);
}

hh_err dlg_check_department(db *d, const dialogue *g, int64_t department_id, hh_error *e)
{
    db_stmt *st = db_prepare(d, "SELECT 1 FROM department WHERE id = ? AND org_no = ? AND municipality_code = ?");
    if (!st)
        return db_fail(d, e, "read the department");
    db_bind_int64(st, 1, department_id);
    db_bind_int64(st, 2, g->org_no);
    db_bind_text(st, 3, g->municipality_code);
    int r = db_step(st);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the department");
    if (r != DB_ROW)
        return dlg_fail(e, "department_not_in_dialogue", "department_id", "afdeling %lld er ikke med",
                        (long long)department_id);
    return HH_OK;
}

hh_err dlg_warning_year(db *d, int64_t department_id, int year, int *out, hh_error *e)
{
    *out = 0;
    db_stmt *st = db_prepare(d, "SELECT MAX(year) FROM warning_status WHERE level = 'department' AND unit_id = ?"
                                " AND year <= ?");
    if (!st)
        return db_fail(d, e, "read the early-warning years");
    db_bind_int64(st, 1, department_id);
    db_bind_int64(st, 2, year);
    int r = db_step(st);
    if (r == DB_ROW && !db_col_null(st, 0))
        *out = (int)db_col_int64(st, 0);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "read the early-warning years") : HH_OK;
}

static bool read_department(db_stmt *st, arena *a, void *elem)
{
    dlg_department *x = elem;
    x->id = db_col_int64(st, 0);
    x->key = col_dup(st, a, 1);
    x->name = col_dup(st, a, 2);
    x->dwellings = db_col_int64(st, 3);
    x->answered = (int)db_col_int64(st, 4);
    x->selected = !db_col_null(st, 5);
    x->confirmed = !db_col_null(st, 5) && db_col_int64(st, 5) == 1;
    x->status = WARN_STATUS_COUNT;
    warn_status s;
    if (!db_col_null(st, 6) && warn_status_parse(db_col_text(st, 6), &s))
        x->status = s;
    return true;
}

hh_err dlg_read_departments(db *d, arena *a, dialogue *g, hh_error *e)
{
    db_stmt *st = db_prepare(
        d, "SELECT d.id, CAST(d.org_no AS TEXT) || '-' || CAST(d.department_no AS TEXT), d.name,"
           " d.dwellings_family + d.dwellings_elderly + d.dwellings_youth,"
           " (SELECT COUNT(*) FROM dialogue_answer x WHERE x.dialogue_id = ? AND x.department_id = d.id"
           " AND x.score IS NOT NULL), s.confirmed,"
           " (SELECT w.status FROM warning_status w WHERE w.level = 'department' AND w.unit_id = d.id"
           " AND w.year <= ? ORDER BY w.year DESC LIMIT 1)"
           " FROM department d LEFT JOIN dialogue_selection s ON s.dialogue_id = ? AND s.department_id = d.id"
           " WHERE d.org_no = ? AND d.municipality_code = ? ORDER BY d.department_no");
    if (!st)
        return db_fail(d, e, "read the departments");
    db_bind_int64(st, 1, g->id);
    db_bind_int64(st, 2, g->year);
    db_bind_int64(st, 3, g->id);
    db_bind_int64(st, 4, g->org_no);
    db_bind_text(st, 5, g->municipality_code);
    if (db_collect(st, a, sizeof(dlg_department), read_department, (void **)&g->departments, &g->ndepartments) ==
        DB_ERROR)
        return db_fail(d, e, "read the departments");
    return HH_OK;
}

static bool read_history(db_stmt *st, arena *a, void *elem)
{
    dlg_history *h = elem;
    int f = db_col_null(st, 0) ? -1 : state_from(db_col_text(st, 0));
    int t = state_from(db_col_text(st, 1));
    h->from = f < 0 ? DS_COUNT : (dlg_state)f;
    h->to = t < 0 ? DS_PREPARING : (dlg_state)t;
    h->effective = col_dup(st, a, 2);
    h->comment = col_dup(st, a, 3);
    h->user_name = col_dup(st, a, 4);
    h->recorded_at = col_dup(st, a, 5);
    return true;
}

hh_err dlg_get(db *d, const principal *p, arena *a, int64_t id, dialogue *out, hh_error *e)
{
    hh_err rc = dlg_head(d, p, a, id, out, e);
    if (rc)
        return rc;
    if ((rc = dlg_read_departments(d, a, out, e)))
        return rc;
    return plan_collect(d, a,
                        "SELECT from_state, to_state, effective, comment, user_name, recorded_at"
                        " FROM dialogue_transition WHERE dialogue_id = ? ORDER BY id",
                        id, sizeof(dlg_history), read_history, (void **)&out->history, &out->nhistory,
                        "read the dialogue's history", e);
}

/* ---- overview ---- */

static int current_year(void)
{
    char today[11];
    plan_today(today);
    return (int)hh_int64_or((char[5]){ today[0], today[1], today[2], today[3], 0 }, 2000);
}

typedef struct id_count {
    int64_t id, n;
} id_count;

static bool read_id_count(db_stmt *st, arena *a, void *elem)
{
    id_count *x = elem;
    x->id = db_col_int64(st, 0);
    x->n = db_col_int64(st, 1);
    return true;
}

static int64_t count_for(const id_count *v, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].id == id)
            return v[i].n;
    return 0;
}

static bool read_pair(db_stmt *st, arena *a, void *elem)
{
    dlg_summary *s = elem;
    s->org_no = db_col_int64(st, 0);
    s->org_name = col_dup(st, a, 1);
    s->municipality_code = col_dup(st, a, 2);
    s->municipality_name = col_dup(st, a, 3);
    s->departments = db_col_int64(st, 4);
    s->id = db_col_null(st, 5) ? 0 : db_col_int64(st, 5);
    s->state = db_col_null(st, 6) ? -1 : state_from(db_col_text(st, 6));
    s->updated_at = col_dup(st, a, 7);
    s->deadline = col_dup(st, a, 8);
    s->year = db_col_null(st, 9) ? -1 : (int)db_col_int64(st, 9); /* remind_days until read_pairs sets the year */
    return true;
}

/* Counts per dialogue of a year: departments with every item scored, and
 * confirmed selections. */
static hh_err year_counts(db *d, arena *a, int year, id_count **answered, size_t *nanswered, id_count **selected,
                          size_t *nselected, hh_error *e)
{
    db_stmt *st = db_prepare(
        d, "SELECT x.dialogue_id, COUNT(*) FROM (SELECT s.dialogue_id, s.department_id FROM dialogue_answer s"
           " JOIN dialogue g ON g.id = s.dialogue_id JOIN department d ON d.id = s.department_id"
           " AND d.org_no = g.org_no AND d.municipality_code = g.municipality_code"
           " WHERE g.year = ? AND s.score IS NOT NULL GROUP BY s.dialogue_id, s.department_id"
           " HAVING COUNT(*) = ?) x GROUP BY x.dialogue_id");
    if (!st)
        return db_fail(d, e, "count the answers");
    db_bind_int64(st, 1, year);
    db_bind_int64(st, 2, DI_COUNT);
    if (db_collect(st, a, sizeof(id_count), read_id_count, (void **)answered, nanswered) == DB_ERROR)
        return db_fail(d, e, "count the answers");
    st = db_prepare(d, "SELECT s.dialogue_id, COUNT(*) FROM dialogue_selection s JOIN dialogue g ON g.id ="
                       " s.dialogue_id WHERE g.year = ? AND s.confirmed = 1 GROUP BY s.dialogue_id");
    if (!st)
        return db_fail(d, e, "count the selections");
    db_bind_int64(st, 1, year);
    if (db_collect(st, a, sizeof(id_count), read_id_count, (void **)selected, nselected) == DB_ERROR)
        return db_fail(d, e, "count the selections");
    return HH_OK;
}

/* The pairs (organisation × municipality with departments) matching a
 * condition over department alias d, with the dialogue of the year. */
static hh_err read_pairs(db *d, arena *a, const char *where, const char *municipality_code, int64_t org_no, int year,
                         const char *today, dlg_summary **out, size_t *n, hh_error *e)
{
    char *sql = arena_printf(
        a,
        "SELECT d.org_no, o.name, d.municipality_code, m.name, COUNT(*), g.id, g.state, g.updated_at, dl.deadline,"
        " dl.remind_days FROM department d JOIN organisation o ON o.org_no = d.org_no"
        " JOIN municipality m ON m.code = d.municipality_code"
        " LEFT JOIN dialogue g ON g.org_no = d.org_no AND g.municipality_code = d.municipality_code AND g.year = ?"
        " LEFT JOIN dialogue_deadline dl ON dl.municipality_code = d.municipality_code AND dl.year = ?"
        " WHERE %s%s%s GROUP BY d.org_no, o.name, d.municipality_code, m.name, g.id, g.state, g.updated_at,"
        " dl.deadline, dl.remind_days ORDER BY m.name, d.municipality_code, o.name, d.org_no",
        where, municipality_code ? " AND d.municipality_code = ?" : "", org_no ? " AND d.org_no = ?" : "");
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "list the dialogues");
    int k = 1;
    db_bind_int64(st, k++, year);
    db_bind_int64(st, k++, year);
    if (municipality_code)
        db_bind_text(st, k++, municipality_code);
    if (org_no)
        db_bind_int64(st, k++, org_no);
    if (db_collect(st, a, sizeof(dlg_summary), read_pair, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "list the dialogues");
    id_count *ans = NULL, *sel = NULL;
    size_t nans = 0, nsel = 0;
    hh_err rc = year_counts(d, a, year, &ans, &nans, &sel, &nsel, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < *n; i++) {
        dlg_summary *s = &(*out)[i];
        int remind = s->year >= 0 ? s->year : 14;
        s->year = year;
        s->answered_departments = s->id ? count_for(ans, nans, s->id) : 0;
        s->selected = s->id ? count_for(sel, nsel, s->id) : 0;
        int days;
        deadline_status(s->state, s->deadline, remind, today, &days, &s->reminder, &s->overdue);
    }
    return HH_OK;
}

hh_err dlg_list(db *d, const principal *p, arena *a, const dlg_filter *f, dlg_summary **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    dlg_filter none = { NULL, 0, 0, -1 };
    if (!f)
        f = &none;
    int year = f->year ? f->year : current_year();
    char today[11];
    plan_today(today);
    dlg_summary *rows = NULL;
    size_t nrows = 0;
    hh_err rc =
        read_pairs(d, a, dlg_scope_sql(p, a, "d"), f->municipality_code, f->org_no, year, today, &rows, &nrows, e);
    if (rc)
        return rc;
    size_t k = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (f->state == -2 && rows[i].state >= 0)
            continue;
        if (f->state >= 0 && rows[i].state != f->state)
            continue;
        rows[k++] = rows[i];
    }
    *out = rows;
    *n = k;
    return HH_OK;
}

/* ---- opening ---- */

/* The audit log records the creation and every transition (and refused
 * transitions), as for plans. */
static hh_err audit(db *d, const principal *p, const char *action, int64_t id, const char *outcome, hh_error *e)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%lld", (long long)id);
    audit_event ev = {
        .who = p,
        .email = "",
        .action = action,
        .object_type = "dialogue",
        .object_id = oid,
        .outcome = outcome,
    };
    return audit_append(d, &ev, e);
}

static hh_err add_history(db *d, const principal *p, int64_t id, int from, dlg_state to, const char *effective,
                          const char *comment, hh_error *e)
{
    char now[21];
    hh_utc_iso(now);
    db_stmt *st = db_prepare(d, "INSERT INTO dialogue_transition (dialogue_id, from_state, to_state, effective,"
                                " comment, user_id, user_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return db_fail(d, e, "record the transition");
    db_bind_int64(st, 1, id);
    if (from < 0)
        db_bind_null(st, 2);
    else
        db_bind_text(st, 2, dlg_state_code[from]);
    db_bind_text(st, 3, dlg_state_code[to]);
    db_bind_text(st, 4, effective);
    db_bind_text(st, 5, comment ? comment : "");
    if (p && p->user_id > 0)
        db_bind_int64(st, 6, p->user_id);
    else
        db_bind_null(st, 6);
    db_bind_text(st, 7, plan_user_name(p));
    db_bind_text(st, 8, now);
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "record the transition") : HH_OK;
}

static hh_err find_dialogue(db *d, int64_t org_no, const char *municipality_code, int year, int64_t *id, hh_error *e)
{
    *id = 0;
    db_stmt *st = db_prepare(d, "SELECT id FROM dialogue WHERE org_no = ? AND municipality_code = ? AND year = ?");
    if (!st)
        return db_fail(d, e, "find the dialogue");
    db_bind_int64(st, 1, org_no);
    db_bind_text(st, 2, municipality_code);
    db_bind_int64(st, 3, year);
    int r = db_step(st);
    if (r == DB_ROW)
        *id = db_col_int64(st, 0);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "find the dialogue") : HH_OK;
}

hh_err dlg_open(db *d, const principal *p, arena *a, int64_t org_no, const char *municipality_code, int year,
                int64_t *id, hh_error *e)
{
    *id = 0;
    if (!municipality_code || !mun_scope_value(municipality_code) || !dlg_may_read(p, org_no, municipality_code))
        return hh_fail(e, HH_ERR_NOTFOUND, "municipality_code", "Styringsdialogen findes ikke");
    if (year == 0)
        year = current_year();
    if (year < 2000 || year > 2100)
        return hh_fail(e, HH_ERR_INPUT, "year", "Året skal ligge mellem 2000 og 2100");
    hh_err rc = find_dialogue(d, org_no, municipality_code, year, id, e);
    if (rc || *id)
        return rc;
    if (!dlg_pair_side(p, org_no, municipality_code, SIDE_ORGANISATION) &&
        !dlg_pair_side(p, org_no, municipality_code, SIDE_MUNICIPALITY))
        return hh_fail(e, HH_ERR_FORBIDDEN, NULL, "Kun boligorganisationen og kommunen kan starte styringsdialogen");
    db_stmt *st = db_prepare(d, "SELECT COUNT(*) FROM department WHERE org_no = ? AND municipality_code = ?");
    if (!st)
        return db_fail(d, e, "read the departments");
    db_bind_int64(st, 1, org_no);
    db_bind_text(st, 2, municipality_code);
    int64_t count = 0;
    int r = db_step(st);
    if (r == DB_ROW)
        count = db_col_int64(st, 0);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the departments");
    if (count == 0)
        return dlg_fail(e, "department_not_in_dialogue", "org_no",
                        "boligorganisation %lld har ingen afdelinger i"
                        " kommune %s",
                        (long long)org_no, municipality_code);
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    char now[21], today[11];
    hh_utc_iso(now);
    plan_today(today);
    st = db_prepare(d, "INSERT INTO dialogue (org_no, municipality_code, year, state, created_at, updated_at)"
                       " VALUES (?, ?, ?, 'preparing', ?, ?) RETURNING id");
    if (!st)
        rc = db_fail(d, e, "create the dialogue");
    else {
        db_bind_int64(st, 1, org_no);
        db_bind_text(st, 2, municipality_code);
        db_bind_int64(st, 3, year);
        db_bind_text(st, 4, now);
        db_bind_text(st, 5, now);
        rc = plan_run_insert(d, st, id, "create the dialogue", e);
    }
    /* Another request may have opened the pair's dialogue between the
     * look-up and the insert: the unique constraint refuses the second. */
    bool raced = rc && db_last_was_constraint(d);
    if (!rc)
        rc = add_history(d, p, *id, -1, DS_PREPARING, today, "", e);
    if (!rc)
        rc = audit(d, p, "dialogue_create", *id, "success", e);
    if (!rc)
        rc = plan_bump_group(d, "dialogue", e);
    rc = plan_tx_end(d, own, rc, e);
    if (raced) {
        int64_t other = 0;
        hh_error e2;
        if (find_dialogue(d, org_no, municipality_code, year, &other, &e2) == HH_OK && other) {
            *id = other;
            return HH_OK;
        }
    }
    return rc;
}

/* ---- transitions ---- */

static bool blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* submit_needs_answers: every department scored on every item, every
 * confirmed selection with a SWOT. */
static hh_err check_complete(db *d, arena *a, dialogue *g, hh_error *e)
{
    hh_err rc = dlg_read_departments(d, a, g, e);
    if (rc)
        return rc;
    if (g->ndepartments == 0)
        return dlg_fail(e, "submit_needs_answers", "departments", "der er ingen afdelinger");
    for (size_t i = 0; i < g->ndepartments; i++)
        if (g->departments[i].answered < DI_COUNT)
            return dlg_fail(e, "submit_needs_answers", "answers", "afdeling %s (%s) mangler %d svar",
                            g->departments[i].key, g->departments[i].name, DI_COUNT - g->departments[i].answered);
    db_stmt *st = db_prepare(d, "SELECT CAST(d.org_no AS TEXT) || '-' || CAST(d.department_no AS TEXT)"
                                " FROM dialogue_selection s JOIN department d ON d.id = s.department_id"
                                " WHERE s.dialogue_id = ? AND s.confirmed = 1 AND s.strengths = '' AND"
                                " s.weaknesses = '' AND s.opportunities = '' AND s.threats = ''"
                                " ORDER BY d.department_no");
    if (!st)
        return db_fail(d, e, "read the selection");
    db_bind_int64(st, 1, g->id);
    int r = db_step(st);
    char key[40] = "";
    if (r == DB_ROW)
        hh_strlcpy(key, db_col_text(st, 0), sizeof key);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the selection");
    if (r == DB_ROW)
        return dlg_fail(e, "submit_needs_answers", "swot", "afdeling %s er udvalgt til nærmere gennemgang uden SWOT",
                        key);
    return HH_OK;
}

hh_err dlg_transition(db *d, const principal *p, arena *a, int64_t id, dlg_state to, const char *date,
                      const char *comment, const char *meeting_date, const char *minutes, hh_error *e)
{
    dialogue g;
    hh_err rc = dlg_head(d, p, a, id, &g, e);
    if (rc)
        return rc;
    if ((int)to < 0 || to >= DS_COUNT)
        return dlg_fail(e, "transition_not_allowed", "to", "ukendt tilstand");
    const dlg_transition_rule *r = NULL;
    for (size_t i = 0; i < dlg_ntransitions; i++)
        if (dlg_transitions[i].from == g.state && dlg_transitions[i].to == to)
            r = &dlg_transitions[i];
    if (!r)
        return dlg_fail(e, "transition_not_allowed", "to", "fra %s til %s", dlg_state_label[g.state],
                        dlg_state_label[to]);
    if (!dlg_is_side(p, &g, r->side)) {
        audit(d, p, "dialogue_transition", id, "denied", NULL);
        return plan_rule_fail_in(dlg_rules, dlg_nrules, e, HH_ERR_FORBIDDEN, "transition_role", "to",
                                 "%s kan kun gøres af %s", r->action_da,
                                 r->side == SIDE_ORGANISATION ? "boligorganisationen" : "kommunen");
    }
    char today[11];
    plan_today(today);
    if (blank(date))
        date = today;
    else if (!plan_date_valid(date) || strcmp(date, today) > 0)
        return hh_fail(e, HH_ERR_INPUT, "date",
                       "Datoen skal være en gyldig dato (ÅÅÅÅ-MM-DD), der ikke ligger i"
                       " fremtiden");
    /* Not before the previous transition (the opening is recorded with the
     * day it was opened and may be backdated past). */
    db_stmt *pst = db_prepare(d, "SELECT MAX(effective) FROM dialogue_transition WHERE dialogue_id = ? AND"
                                 " from_state IS NOT NULL");
    if (!pst)
        return db_fail(d, e, "read the transitions");
    db_bind_int64(pst, 1, id);
    char prev[11] = "";
    int pr = db_step(pst);
    if (pr == DB_ROW && db_col_text(pst, 0))
        hh_strlcpy(prev, db_col_text(pst, 0), sizeof prev);
    db_done(pst);
    if (pr == DB_ERROR)
        return db_fail(d, e, "read the transitions");
    if (prev[0] && strcmp(date, prev) < 0)
        return dlg_fail(e, "transition_date", "date", "%s ligger før den forrige overgang (%s)", date, prev);
    if ((rc = dlg_text_check(comment, "comment", "Kommentaren", DLG_TEXT_SHORT, e)) ||
        (rc = dlg_text_check(minutes, "minutes", "Referatet", DLG_TEXT_LONG, e)))
        return rc;
    if (to == DS_RETURNED && blank(comment))
        return dlg_fail(e, "return_needs_comment", "comment", "skriv en kommentar");
    if (to == DS_MEETING_HELD) {
        if (blank(meeting_date) || !plan_date_valid(meeting_date) || strcmp(meeting_date, today) > 0)
            return dlg_fail(e, "meeting_needs_date_and_minutes", "meeting_date",
                            "mødedatoen skal være en gyldig dato, der ikke ligger i fremtiden");
        if (blank(minutes))
            return dlg_fail(e, "meeting_needs_date_and_minutes", "minutes", "skriv et referat");
    }
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    if (to == DS_SUBMITTED)
        rc = check_complete(d, a, &g, e);
    char now[21];
    hh_utc_iso(now);
    if (!rc) {
        db_stmt *st;
        /* Only from the state read above: a concurrent transition wins. */
        if (to == DS_MEETING_HELD)
            st = db_prepare(d, "UPDATE dialogue SET state = ?, updated_at = ?, meeting_date = ?, minutes = ?"
                               " WHERE id = ? AND state = ?");
        else if (to == DS_PUBLISHED)
            st = db_prepare(d, "UPDATE dialogue SET state = ?, updated_at = ?, published_at = ? WHERE id = ?"
                               " AND state = ?");
        else
            st = db_prepare(d, "UPDATE dialogue SET state = ?, updated_at = ? WHERE id = ? AND state = ?");
        if (!st) {
            rc = db_fail(d, e, "update the dialogue");
        } else {
            int k = 1;
            db_bind_text(st, k++, dlg_state_code[to]);
            db_bind_text(st, k++, now);
            if (to == DS_MEETING_HELD) {
                db_bind_text(st, k++, meeting_date);
                db_bind_text(st, k++, minutes);
            } else if (to == DS_PUBLISHED) {
                db_bind_text(st, k++, now);
            }
            db_bind_int64(st, k++, id);
            db_bind_text(st, k, dlg_state_code[g.state]);
            rc = plan_run_changed(d, st, "update the dialogue", "Styringsdialogen findes ikke", e);
            if (rc == HH_ERR_NOTFOUND)
                rc = hh_fail(e, HH_ERR_CONFLICT, "state",
                             "Styringsdialogen har skiftet tilstand imens. Genindlæs, og prøv igen.");
        }
    }
    if (!rc)
        rc = add_history(d, p, id, (int)g.state, to, date, comment, e);
    if (!rc)
        rc = audit(d, p, "dialogue_transition", id, "success", e);
    if (!rc)
        rc = plan_bump_group(d, "dialogue", e);
    return plan_tx_end(d, own, rc, e);
}

hh_err dlg_summary_put(db *d, const principal *p, int64_t id, const char *summary, hh_error *e)
{
    arena a;
    arena_init(&a);
    dialogue g;
    hh_err rc = dlg_head_editable(d, p, &a, id, &g, e);
    arena_free(&a);
    if (rc || (rc = dlg_text_check(summary, "summary", "Sammenfatningen", DLG_TEXT_LONG, e)))
        return rc;
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    db_stmt *st = db_prepare(d, "UPDATE dialogue SET summary = ? WHERE id = ?");
    if (!st) {
        rc = db_fail(d, e, "save the summary");
    } else {
        db_bind_text(st, 1, summary ? summary : "");
        db_bind_int64(st, 2, id);
        rc = plan_run_changed(d, st, "save the summary", "Styringsdialogen findes ikke", e);
    }
    if (!rc)
        rc = dlg_touch_in(d, id, g.state, e);
    return plan_tx_end(d, own, rc, e);
}

/* ---- deadlines and reminders ---- */

hh_err dlg_deadline_put(db *d, const principal *p, const dlg_deadline *dl, hh_error *e)
{
    const char *mun = dl->municipality_code;
    if (!mun_scope_value(mun) || !(is_all(p) || dlg_pair_side(p, 0, mun, SIDE_MUNICIPALITY)))
        return hh_fail(e, HH_ERR_NOTFOUND, "municipality_code", "Kommunen findes ikke");
    if (!dlg_pair_side(p, 0, mun, SIDE_MUNICIPALITY))
        return hh_fail(e, HH_ERR_FORBIDDEN, NULL, "Kun kommunen kan sætte fristen");
    if (dl->year < 2000 || dl->year > 2100)
        return hh_fail(e, HH_ERR_INPUT, "year", "Året skal ligge mellem 2000 og 2100");
    char y[5];
    snprintf(y, sizeof y, "%04d", dl->year);
    if (!plan_date_valid(dl->deadline) || strncmp(dl->deadline, y, 4) != 0)
        return dlg_fail(e, "deadline_in_year", "deadline", "fristen skal være en dato i %d (ÅÅÅÅ-MM-DD)", dl->year);
    if (dl->remind_days < 0 || dl->remind_days > 365)
        return hh_fail(e, HH_ERR_INPUT, "remind_days", "Påmindelsen skal komme 0-365 dage før fristen");
    bool own;
    hh_err rc = plan_tx_begin(d, &own, e);
    if (rc)
        return rc;
    db_stmt *st = db_prepare(d, "INSERT INTO dialogue_deadline (municipality_code, year, deadline, remind_days)"
                                " VALUES (?, ?, ?, ?) ON CONFLICT (municipality_code, year) DO UPDATE SET"
                                " deadline = excluded.deadline, remind_days = excluded.remind_days");
    if (!st) {
        rc = db_fail(d, e, "save the deadline");
    } else {
        db_bind_text(st, 1, mun);
        db_bind_int64(st, 2, dl->year);
        db_bind_text(st, 3, dl->deadline);
        db_bind_int64(st, 4, dl->remind_days);
        int r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            rc = db_fail(d, e, "save the deadline");
    }
    if (!rc)
        rc = plan_bump_group(d, "dialogue", e);
    return plan_tx_end(d, own, rc, e);
}

hh_err dlg_deadline_get(db *d, arena *a, const char *municipality_code, int year, dlg_deadline *out, bool *found,
                        hh_error *e)
{
    memset(out, 0, sizeof *out);
    *found = false;
    db_stmt *st = db_prepare(d, "SELECT deadline, remind_days FROM dialogue_deadline WHERE municipality_code = ?"
                                " AND year = ?");
    if (!st)
        return db_fail(d, e, "read the deadline");
    db_bind_text(st, 1, municipality_code ? municipality_code : "");
    db_bind_int64(st, 2, year);
    int r = db_step(st);
    out->municipality_code = arena_strdup(a, municipality_code ? municipality_code : "");
    out->year = year;
    out->deadline = "";
    out->remind_days = 14;
    if (r == DB_ROW) {
        *found = true;
        out->deadline = col_dup(st, a, 0);
        out->remind_days = (int)db_col_int64(st, 1);
    }
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "read the deadline") : HH_OK;
}

static int cmp_deadline(const void *x, const void *y)
{
    const dlg_summary *a = x, *b = y;
    int c = strcmp(a->deadline, b->deadline);
    if (c)
        return c;
    c = strcmp(a->municipality_code, b->municipality_code);
    return c ? c : (a->org_no > b->org_no) - (a->org_no < b->org_no);
}

hh_err dlg_reminders(db *d, const principal *p, arena *a, const char *today, dlg_summary **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    char t[11];
    if (!today || !plan_date_valid(today)) {
        plan_today(t);
        today = t;
    }
    /* The organisation side: its own pairs; the municipality side: its
     * overdue ones. Admin, national and the operator get none. */
    if (!p)
        return HH_OK;
    buf orgs, muns;
    buf_init(&orgs, 0);
    buf_init(&muns, 0);
    for (size_t i = 0; i < p->ngrants; i++) {
        const grant *g = &p->grants[i];
        int64_t o;
        if (g->role == ROLE_ORGANISATION && org_scope_value(g->scope, &o))
            buf_printf(&orgs, " OR d.org_no = %lld", (long long)o);
        else if (g->role == ROLE_MUNICIPALITY && mun_scope_value(g->scope))
            buf_printf(&muns, " OR d.municipality_code = '%s'", g->scope);
    }
    int year = (int)hh_int64_or((char[5]){ today[0], today[1], today[2], today[3], 0 }, 2000);
    dlg_summary *res = NULL;
    size_t nres = 0, cap = 0;
    hh_err rc = HH_OK;
    for (int side = 0; side < 2 && !rc; side++) {
        buf *b = side == 0 ? &orgs : &muns;
        if (!b->len)
            continue;
        const char *where = arena_printf(a, "(1 = 0%s)", buf_cstr(b));
        /* The deadlines of this year and last (a deadline early in a year
         * may belong to last year's dialogue while it is still open). */
        for (int y = year - 1; y <= year && !rc; y++) {
            dlg_summary *rows;
            size_t nrows;
            rc = read_pairs(d, a, where, NULL, 0, y, today, &rows, &nrows, e);
            for (size_t i = 0; !rc && i < nrows; i++) {
                bool want = side == 0 ? rows[i].reminder : rows[i].overdue;
                if (!want)
                    continue;
                if (nres == cap) {
                    cap = cap ? cap * 2 : 16;
                    dlg_summary *grown = arena_alloc(a, cap * sizeof *grown);
                    if (nres)
                        memcpy(grown, res, nres * sizeof *grown);
                    res = grown;
                }
                res[nres++] = rows[i];
            }
        }
    }
    buf_free(&orgs);
    buf_free(&muns);
    if (rc)
        return rc;
    /* An organisation user who is also the municipality: no duplicates. */
    size_t k = 0;
    for (size_t i = 0; i < nres; i++) {
        bool dup = false;
        for (size_t j = 0; j < k && !dup; j++)
            dup = res[j].org_no == res[i].org_no && res[j].year == res[i].year &&
                  strcmp(res[j].municipality_code, res[i].municipality_code) == 0;
        if (!dup)
            res[k++] = res[i];
    }
    if (k > 1)
        qsort(res, k, sizeof *res, cmp_deadline);
    *out = res;
    *n = k;
    return HH_OK;
}
