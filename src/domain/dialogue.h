/* dialogue.h - the yearly steering dialogue (styringsdialog, DOMAIN.md §8,
 * source 003:L1330-1406 recommendation 9 and L165-180): one dialogue per
 * housing organisation × municipality × year, its workflow between the two,
 * the municipality's deadlines and reminders, the organisation's own
 * definitions of the four questions, a sheet per department prefilled from
 * key figures and early warning with the three tests and four questions
 * answered on a scale, the data-based selection of departments for closer
 * review with a SWOT each, goals for the coming year and their follow-up,
 * and the public data sheets after publication.
 *
 * Departments of a dialogue: the organisation's departments in the
 * municipality (department.org_no, department.municipality_code).
 *
 * Access. Read: admin and national everything; an organisation user the
 * dialogues of their organisation; a municipality user those of their
 * municipality; others nothing (HH_ERR_NOTFOUND, as if it did not exist).
 * The organisation side (organisation role with the dialogue's organisation
 * in scope, or admin) writes the content (summary, answers, definitions,
 * selection and SWOT, goals) while the dialogue is preparing or returned,
 * and submits. The municipality side (municipality role with the dialogue's
 * municipality in scope, or admin) returns, records the meeting, publishes,
 * sets deadlines and may add goals while the dialogue is submitted (agreed
 * at the meeting). Otherwise HH_ERR_FORBIDDEN (a role/scope problem) or
 * HH_ERR_INPUT with rule "dialogue_locked" (the state does not allow it).
 * p == NULL is the operator or the demo generator (may do everything).
 *
 * Errors: a broken rule answers HH_ERR_INPUT with e->rule, e->field and a
 * Danish e->msg (plan_rule_fail, plans_impl.h). Every write runs in one
 * transaction and bumps data version 'dialogue'. Strings live in the arena. */
#ifndef HELHED_DIALOGUE_H
#define HELHED_DIALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/roles.h"
#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"
#include "domain/keyfig.h"
#include "domain/plans.h"
#include "domain/warning.h"

/* ---- enumerations ---- */

typedef enum dlg_state {
    DS_PREPARING,    /* "preparing"    Under udarbejdelse (organisation) */
    DS_SUBMITTED,    /* "submitted"    Indsendt */
    DS_RETURNED,     /* "returned"     Sendt retur (municipality's comments) */
    DS_MEETING_HELD, /* "meeting_held" Møde afholdt */
    DS_PUBLISHED,    /* "published"    Offentliggjort */
    DS_COUNT
} dlg_state;
extern const char *const dlg_state_code[DS_COUNT];
extern const char *const dlg_state_label[DS_COUNT];

/* The three tests of a well-run department (almenboligloven §6 a-b,
 * 003:L165-180) and the four questions (003:L1370-1390). */
typedef enum dlg_item {
    DI_EFFECTIVE_OPERATION,       /* "effective_operation"       Driften er effektiv */
    DI_SOCIALLY_WELL_FUNCTIONING, /* "socially_well_functioning" Afdelingen er socialt velfungerende */
    DI_PHYSICAL_STATE,            /* "physical_state"            Afdelingen fremstår i fysisk god stand */
    DI_MAINTENANCE,               /* "maintenance"  Er vedligeholdelsestilstanden tilfredsstillende? */
    DI_SOCIAL,                    /* "social"       Er boligområdet socialt velfungerende? */
    DI_CONTEMPORARY,              /* "contemporary" Er boligområdet tidssvarende? */
    DI_DEMOCRACY,                 /* "democracy"    Er beboerdemokratiet velfungerende? */
    DI_COUNT
} dlg_item;
extern const char *const dlg_item_code[DI_COUNT];
extern const char *const dlg_item_label[DI_COUNT];
/* The first question item: the four questions are DI_MAINTENANCE..DI_DEMOCRACY;
 * definitions use the question codes "maintenance", "social", "contemporary",
 * "democracy" (question index = item - DLG_FIRST_QUESTION). */
#define DLG_FIRST_QUESTION DI_MAINTENANCE
#define DLG_QUESTIONS 4
/* The organisation's definition prompt per question: "Hvornår er
 * vedligeholdelsestilstanden tilfredsstillende?" … (003:L1370-1390). */
extern const char *const dlg_question_prompt[DLG_QUESTIONS];

/* The answer scale, 1-4 (0 = not answered): 4 "Tilfredsstillende", 3
 * "Overvejende tilfredsstillende", 2 "Mindre tilfredsstillende", 1 "Ikke
 * tilfredsstillende". */
#define DLG_SCALE_MAX 4
extern const char *const dlg_scale_label[DLG_SCALE_MAX + 1]; /* index 0: "Ikke besvaret" */

/* The key figures shown beside each item (catalogue codes, NULL-terminated
 * list per item), e.g. physical_state: maintenance_backlog_per_m2,
 * vandalism_cost_per_dwelling, energy_per_m2; democracy: meeting_turnout. */
extern const char *const *const dlg_item_figures[DI_COUNT];

/* Selection rules: why the data propose a department for closer review. */
typedef enum dlg_rule {
    DR_WARNING, /* "warning" early-warning status watch or alarm (latest year <= the dialogue's) */
    DR_LIST,    /* "list"    a member of an area on an official list (the list year <= the dialogue's) */
    DR_TREND,   /* "trend"   a key figure worsening clearly: warning trend z >= DLG_TREND_Z */
    DR_COUNT
} dlg_rule;
extern const char *const dlg_rule_code[DR_COUNT];
extern const char *const dlg_rule_label[DR_COUNT];
#define DLG_TREND_Z 2.0

/* Rules of the workflow and content (codes in errors and 422 answers):
 * "dialogue_locked", "transition_not_allowed", "transition_role",
 * "return_needs_comment", "meeting_needs_date_and_minutes",
 * "submit_needs_answers" (every department answered on every item with a
 * score, and every confirmed selection has a SWOT), "deadline_in_year",
 * "goal_target_year", "department_not_in_dialogue". */
extern const plan_rule dlg_rules[];
extern const size_t dlg_nrules;

/* The workflow: allowed transitions and the side that makes each. */
typedef enum dlg_side { SIDE_ORGANISATION, SIDE_MUNICIPALITY } dlg_side;
typedef struct dlg_transition_rule {
    dlg_state from, to;
    dlg_side side;
    const char *action_da; /* button text: "Indsend", "Send retur", "Registrér møde", "Offentliggør" */
} dlg_transition_rule;
extern const dlg_transition_rule dlg_transitions[];
extern const size_t dlg_ntransitions;

/* ---- the dialogue ---- */

typedef struct dlg_history {
    dlg_state from; /* DS_COUNT for the creation */
    dlg_state to;
    const char *effective;
    const char *comment;
    const char *user_name;
    const char *recorded_at;
} dlg_history;

typedef struct dlg_department {
    int64_t id;
    const char *key; /* "101-1" */
    const char *name;
    int64_t dwellings;
    int answered;       /* items with a score, 0..DI_COUNT */
    warn_status status; /* early warning, latest year <= the dialogue's; WARN_STATUS_COUNT = none */
    bool selected;      /* in the selection (proposed or added) */
    bool confirmed;
} dlg_department;

typedef struct dialogue {
    int64_t id;
    int64_t org_no;
    const char *org_name;
    const char *municipality_code, *municipality_name;
    int year;
    dlg_state state;
    const char *summary;
    const char *meeting_date; /* "" until meeting_held */
    const char *minutes;
    const char *published_at; /* "" until published */
    const char *deadline;     /* the municipality's deadline for the year, "" when none */
    int remind_days;
    int days_left; /* to the deadline from today; INT32_MAX without one */
    bool reminder; /* the organisation still has to submit and the deadline is within remind_days or past */
    bool overdue;
    dlg_department *departments; /* by department key */
    size_t ndepartments;
    dlg_history *history; /* oldest first */
    size_t nhistory;
    const char *created_at, *updated_at;
} dialogue;

/* One row of the overviews: a pair with or without a dialogue yet. */
typedef struct dlg_summary {
    int64_t id; /* 0: not started */
    int64_t org_no;
    const char *org_name;
    const char *municipality_code, *municipality_name;
    int year;
    int state; /* dlg_state, -1 = not started */
    int64_t departments;
    int64_t answered_departments; /* every item scored */
    int64_t selected;             /* confirmed for closer review */
    const char *deadline;         /* "" when none */
    bool reminder, overdue;
    const char *updated_at; /* "" when not started */
} dlg_summary;

typedef struct dlg_filter {
    const char *municipality_code; /* NULL = any in scope */
    int64_t org_no;                /* 0 = any in scope */
    int year;                      /* 0 = the current year */
    int state;                     /* dlg_state, -1 = any; -2 = not started only */
} dlg_filter;

/* Both sides' overview: every organisation × municipality pair in p's scope
 * where the organisation has departments in the municipality, for the year,
 * with its dialogue or none, by municipality then organisation name. */
hh_err dlg_list(db *d, const principal *p, arena *a, const dlg_filter *f, dlg_summary **out, size_t *n, hh_error *e);
/* The dialogue of the pair and year, created in state preparing when there
 * is none (either side may start it; rule department_not_in_dialogue when
 * the organisation has no department in the municipality). */
hh_err dlg_open(db *d, const principal *p, arena *a, int64_t org_no, const char *municipality_code, int year,
                int64_t *id, hh_error *e);
hh_err dlg_get(db *d, const principal *p, arena *a, int64_t id, dialogue *out, hh_error *e);
/* Which side(s) p acts for on this dialogue (admin and NULL: both). */
bool dlg_is_side(const principal *p, const dialogue *g, dlg_side side);
/* True when p may change the organisation's content now. */
bool dlg_may_edit(const principal *p, const dialogue *g);
/* The transitions p may make now (for buttons); returns how many were
 * written to out (room for dlg_ntransitions). */
size_t dlg_next(const principal *p, const dialogue *g, const dlg_transition_rule **out);

/* Moves the dialogue. `date` NULL/"" = today (never in the future);
 * `comment` required for returned (return_needs_comment); meeting_held
 * needs meeting_date (ISO, not in the future) and minutes
 * (meeting_needs_date_and_minutes); submitted needs every department
 * answered (submit_needs_answers). published sets published_at. */
hh_err dlg_transition(db *d, const principal *p, arena *a, int64_t id, dlg_state to, const char *date,
                      const char *comment, const char *meeting_date, const char *minutes, hh_error *e);
/* The organisation's summary text for the package. */
hh_err dlg_summary_put(db *d, const principal *p, int64_t id, const char *summary, hh_error *e);

/* ---- deadlines and reminders ---- */

typedef struct dlg_deadline {
    const char *municipality_code;
    int year;
    const char *deadline; /* ISO date within the year (deadline_in_year) */
    int remind_days;
} dlg_deadline;
/* Municipality side (or admin) for its municipality. */
hh_err dlg_deadline_put(db *d, const principal *p, const dlg_deadline *dl, hh_error *e);
hh_err dlg_deadline_get(db *d, arena *a, const char *municipality_code, int year, dlg_deadline *out, bool *found,
                        hh_error *e);
/* The reminders for p today: dialogues (or not-started pairs) of p's
 * organisation that still have to be submitted with the deadline within
 * remind_days or past, and for a municipality user its overdue ones; soonest
 * first. `today` NULL = today. */
hh_err dlg_reminders(db *d, const principal *p, arena *a, const char *today, dlg_summary **out, size_t *n, hh_error *e);

/* ---- the organisation's definitions of the four questions ---- */

typedef struct dlg_definition {
    int question; /* 0..DLG_QUESTIONS-1 */
    int year_from;
    const char *text; /* "" when none */
    const char *user_name, *updated_at;
} dlg_definition;
/* The definitions in force in `year` (the latest year_from <= year). */
hh_err dlg_definitions(db *d, const principal *p, arena *a, int64_t org_no, int year, dlg_definition out[DLG_QUESTIONS],
                       hh_error *e);
/* Sets the definition from year_from on (organisation side). */
hh_err dlg_definition_put(db *d, const principal *p, int64_t org_no, int question, int year_from, const char *text,
                          hh_error *e);

/* ---- per department: the sheet ---- */

/* One supporting figure beside an item: the value in the dialogue's year
 * (or the latest year before it with data), the series for the chart, the
 * comparison (the municipality's and the country's value the same year),
 * suppression as everywhere (kf_suppressed). */
typedef struct dlg_figure {
    int kf;       /* catalogue index */
    int year;     /* of value; 0 when none */
    double value; /* NAN when none */
    bool suppressed;
    double municipality_value, country_value; /* NAN when none */
    int *series_years;
    double *series; /* NAN for missing years; the last up to 6 years through `year` */
    size_t nseries;
    double trend_z; /* from early warning; NAN when none (higher is worse) */
} dlg_figure;

typedef struct dlg_answer {
    dlg_item item;
    int score; /* 0 = not answered */
    const char *justification;
    const char *user_name, *updated_at;
    dlg_figure *figures; /* dlg_item_figures[item], in that order */
    size_t nfigures;
} dlg_answer;

typedef struct dlg_sheet {
    int64_t dialogue_id;
    dlg_department dept;
    const char *address;
    int build_year; /* 0 when unknown */
    int64_t dwellings_family, dwellings_elderly, dwellings_youth;
    const char *areas;   /* the areas it is a member of, names joined with ", " */
    const char *lists;   /* list categories of those areas, Danish, "" when none */
    warn_result warning; /* found = warning_found */
    bool warning_found;
    dlg_answer answers[DI_COUNT];
    const char *plans; /* plans covering the department, names joined with ", " */
} dlg_sheet;

hh_err dlg_sheet_get(db *d, const principal *p, arena *a, int64_t dialogue_id, int64_t department_id, dlg_sheet *out,
                     hh_error *e);
/* The sheets of all the dialogue's departments at once (out has
 * g->ndepartments entries, in their order), each as dlg_sheet_get gives it;
 * g was read with dlg_get (p's scope checked there), in a fixed number of
 * queries whatever the number of departments. */
hh_err dlg_sheets_fill(db *d, arena *a, const dialogue *g, dlg_sheet *out, hh_error *e);
/* Saves one answer (organisation side, dialogue editable). score 0 clears. */
hh_err dlg_answer_put(db *d, const principal *p, int64_t dialogue_id, int64_t department_id, dlg_item item, int score,
                      const char *justification, hh_error *e);

/* ---- selection for closer review ---- */

typedef struct dlg_selection {
    int64_t department_id;
    const char *key, *name;
    bool proposed;
    unsigned rules;      /* bits 1u << dlg_rule */
    const char *reasons; /* Danish, one per line */
    bool confirmed;
    const char *confirmed_by;
    const char *strengths, *weaknesses, *opportunities, *threats;
} dlg_selection;

/* Re-runs the selection rules over the dialogue's departments (organisation
 * side, editable): adds proposals, refreshes rules and reasons, keeps
 * confirmations and SWOTs, removes unconfirmed proposals the data no longer
 * flag. */
hh_err dlg_propose(db *d, const principal *p, arena *a, int64_t dialogue_id, hh_error *e);
/* The rules for one department (pure over what the sheet holds): used by
 * dlg_propose and by tests. */
unsigned dlg_rules_for(const dlg_sheet *s, arena *a, const char **reasons);
hh_err dlg_selections(db *d, const principal *p, arena *a, int64_t dialogue_id, dlg_selection **out, size_t *n,
                      hh_error *e);
/* Adds a department by hand (proposed 0) or updates confirmation and SWOT
 * (organisation side, editable). */
hh_err dlg_selection_put(db *d, const principal *p, int64_t dialogue_id, const dlg_selection *s, hh_error *e);
hh_err dlg_selection_delete(db *d, const principal *p, int64_t dialogue_id, int64_t department_id, hh_error *e);

/* ---- goals and follow-up ---- */

typedef struct dlg_goal {
    int64_t id; /* 0 = new */
    int64_t dialogue_id;
    int64_t department_id; /* 0 = the organisation in the municipality */
    const char *department_key, *department_name;
    const char *title;
    int kf;                /* catalogue index, -1 = no figure */
    int baseline_year;     /* 0 = the dialogue's data year */
    double baseline_value; /* NAN: read from the series */
    double target_value;   /* NAN when kf < 0 */
    int target_year;       /* 0 = the dialogue's year + 1 (goal_target_year: after the dialogue's year) */
    const char *follow_up;
} dlg_goal;

typedef enum dlg_goal_status { DG_NO_FIGURE, DG_NO_DATA, DG_MET, DG_NOT_MET, DG_COUNT } dlg_goal_status;
extern const char *const dlg_goal_status_code[DG_COUNT];  /* "no_figure", "no_data", "met", "not_met" */
extern const char *const dlg_goal_status_label[DG_COUNT]; /* "Uden nøgletal", "Ingen data", "Nået", "Ikke nået" */

/* A goal of last year's dialogue with its outcome: the actual value in the
 * target year (department value, or for organisation goals the aggregate of
 * the dialogue's departments, parts summed as kf_agg does), met when it is
 * on the good side of the target (the figure's good direction; DIR_NONE:
 * within 5 % of it). */
typedef struct dlg_followup {
    dlg_goal goal;
    int actual_year;
    double actual; /* NAN when none */
    bool suppressed;
    dlg_goal_status status;
} dlg_followup;

hh_err dlg_goals(db *d, const principal *p, arena *a, int64_t dialogue_id, dlg_goal **out, size_t *n, hh_error *e);
/* Organisation side while editable, municipality side while submitted. */
hh_err dlg_goal_put(db *d, const principal *p, arena *a, dlg_goal *g, hh_error *e);
hh_err dlg_goal_delete(db *d, const principal *p, int64_t dialogue_id, int64_t goal_id, hh_error *e);
/* Last year's goals of the same pair, followed up (none when there was no
 * dialogue last year). A follow_up text is saved with dlg_goal_put on the
 * old goal by the organisation side of this year's dialogue. */
hh_err dlg_followups(db *d, const principal *p, arena *a, int64_t dialogue_id, dlg_followup **out, size_t *n,
                     hh_error *e);

/* ---- public data sheets (no login) ---- */

/* Published dialogues, newest first (municipality_code / org_no 0 = any). */
hh_err dlg_published(db *d, arena *a, const char *municipality_code, int64_t org_no, dlg_summary **out, size_t *n,
                     hh_error *e);
/* The public sheet of a published dialogue: per department its master data
 * and the public key figures (DLG_PUBLIC_FIGURES) in the dialogue's year,
 * suppressed as everywhere; HH_ERR_NOTFOUND unless published. No answers,
 * justifications, SWOTs or names. */
typedef struct dlg_public_department {
    const char *key, *name, *address;
    int build_year;
    int64_t dwellings;
    kf_row *figures; /* one per public figure, suppressed applied */
    size_t nfigures;
} dlg_public_department;
typedef struct dlg_public {
    const char *org_name, *municipality_name;
    int year;
    const char *meeting_date, *published_at;
    dlg_public_department *departments;
    size_t ndepartments;
} dlg_public;
extern const char *const dlg_public_figures[]; /* catalogue codes, NULL-terminated */
hh_err dlg_public_get(db *d, arena *a, int64_t dialogue_id, dlg_public *out, hh_error *e);

#endif
