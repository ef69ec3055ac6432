/* plans.h - holistic plans (helhedsplaner, DOMAIN.md §3): the plan and what
 * it covers, funding rounds and focus areas, the lifecycle state machine,
 * budget and co-financing rules, goals measured on key figures, vision, SWOT
 * and challenge types, team and steering group, agreements with the
 * municipality, the partner registry and cooperation agreements, and saved
 * versions with their differences.
 *
 * Every function that reads or writes takes the principal it acts for
 * (NULL: the operator on the command line, or the demo generator, who may do
 * everything). A plan outside the principal's read scope does not exist
 * (HH_ERR_NOTFOUND); a visible plan the principal may not change answers
 * HH_ERR_FORBIDDEN. A broken rule answers HH_ERR_INPUT with e->rule set to
 * the rule's code, e->field to the field and e->msg to a Danish sentence
 * that names the rule and the numbers. Writes run in one transaction each
 * (nothing is half-written) and bump data version 'plans'.
 *
 * Strings returned live in the arena passed in. */
#ifndef HELHED_PLANS_H
#define HELHED_PLANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/roles.h"
#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"

/* ---- enumerations (tables in plans.c; codes as stored and in the API) ---- */

typedef enum plan_type { PLAN_SOCIAL, PLAN_PHYSICAL, PLAN_HEALTH, PLAN_TYPE_COUNT } plan_type;
extern const char *const plan_type_code[PLAN_TYPE_COUNT];  /* "social", "physical", "health" */
extern const char *const plan_type_label[PLAN_TYPE_COUNT]; /* "Boligsocial helhedsplan" … */

typedef enum plan_state {
    PS_IDEA,
    PS_PREQUALIFICATION,
    PS_DRAFTING,
    PS_MUNICIPAL_APPROVAL,
    PS_GRANT_COMMITTED,
    PS_RUNNING,
    PS_EXTENDED,
    PS_CLOSED,
    PS_ANCHORED,
    PS_COUNT
} plan_state;
extern const char *const plan_state_code[PS_COUNT];  /* "idea" … "anchored" */
extern const char *const plan_state_label[PS_COUNT]; /* "Idé", "Prækvalifikation" … */

typedef enum plan_source {
    SRC_LBF,
    SRC_MUNICIPALITY,
    SRC_ORGANISATION,
    SRC_REGION,
    SRC_FOUNDATION,
    SRC_OTHER,
    SRC_COUNT
} plan_source;
extern const char *const plan_source_code[SRC_COUNT];  /* "lbf" … */
extern const char *const plan_source_label[SRC_COUNT]; /* "Landsbyggefonden" … */

typedef enum plan_challenge { CH_BUILDING, CH_URBAN, CH_SOCIAL, CH_COUNT } plan_challenge;
extern const char *const plan_challenge_code[CH_COUNT];  /* "building", "urban", "social" */
extern const char *const plan_challenge_label[CH_COUNT]; /* "Byggeteknik og bygningsstruktur" … */

typedef enum plan_team_role { TEAM_BUILDING, TEAM_SOCIAL, TEAM_OPERATIONS, TEAM_LETTING, TEAM_COUNT } plan_team_role;
extern const char *const plan_team_role_code[TEAM_COUNT];  /* "building", "social", "operations", "letting" */
extern const char *const plan_team_role_label[TEAM_COUNT]; /* "Byggeteknisk", "Boligsocial", "Drift", "Udlejning" */

typedef enum partner_type {
    PT_MUNICIPAL_DEPARTMENT,
    PT_REGION,
    PT_SCHOOL_DAYCARE,
    PT_PATIENT_ASSOCIATION,
    PT_SPORTS_ASSOCIATION,
    PT_VOLUNTARY_ASSOCIATION,
    PT_BUSINESS,
    PT_SOCIAL_ECONOMY,
    PT_FOUNDATION,
    PT_OTHER,
    PT_COUNT
} partner_type;
extern const char *const partner_type_code[PT_COUNT];
extern const char *const partner_type_label[PT_COUNT]; /* "Kommunal forvaltning", "Region", "Skole/dagtilbud" … */

typedef enum contact_level { CL_STRATEGIC, CL_MANAGEMENT, CL_OPERATIONAL, CL_COUNT } contact_level;
extern const char *const contact_level_code[CL_COUNT];  /* "strategic", "management", "operational" */
extern const char *const contact_level_label[CL_COUNT]; /* "Strategisk", "Ledelse", "Udførende" */

/* Purposes of a cooperation agreement, as bits (1u << purpose). */
typedef enum coop_purpose { CP_KNOWLEDGE, CP_RECRUITMENT, CP_DELIVERY, CP_ANCHORING, CP_COUNT } coop_purpose;
extern const char *const coop_purpose_code[CP_COUNT];  /* "knowledge", "recruitment", "delivery", "anchoring" */
extern const char *const coop_purpose_label[CP_COUNT]; /* "Viden", "Rekruttering", "Levering", "Forankring" */

/* Enumeration value by code; -1 when unknown. */
int plan_enum_find(const char *const *codes, int count, const char *code);

/* LBF funding rounds and the focus areas a social plan may choose
 * (002:L1036-1109). A round with free_themes has no fixed list. */
typedef struct plan_round {
    const char *code;  /* "2011-2014", as stored and in the API */
    const char *label; /* "2011–14" */
    int first_year, last_year;
    bool free_themes;
    const char *const *focus; /* the fixed list */
    size_t nfocus;
    bool cofinancing_rule; /* local co-financing ≥ 25 % applies (from 2011) */
} plan_round;
extern const plan_round plan_rounds[];
extern const size_t plan_nrounds;
/* Round by code, or NULL. */
const plan_round *plan_round_find(const char *code);

/* ---- rules ----
 * The rules the domain enforces, with their codes (in errors and the API's
 * 422 answers), the Danish text shown in the UI and their source. */
typedef struct plan_rule {
    const char *code; /* "lbf_share_max", "cofinancing_min", "no_payout_before_approval",
                         "focus_in_round", "transition_not_allowed", "transition_role", … */
    const char *text_da;
    const char *source; /* "002:L1024-1028" */
} plan_rule;
extern const plan_rule plan_rules[];
extern const size_t plan_nrules;
const plan_rule *plan_rule_find(const char *code);

/* ---- lifecycle ----
 * The allowed transitions, and which roles may make each (ROLE_BIT mask).
 * A role counts only with a scope that covers the plan: municipality = the
 * plan's municipality, organisation = one of its organisations, plan_staff =
 * the plan; national and admin have no scope. Municipal approval is recorded
 * by the plan's municipality only. */
typedef struct plan_transition_rule {
    plan_state from, to;
    unsigned roles;
    const char *action_da; /* button text: "Godkend i kommunalbestyrelsen" */
} plan_transition_rule;
extern const plan_transition_rule plan_transitions[];
extern const size_t plan_ntransitions;

/* ---- the plan ---- */

typedef struct plan_ref {
    int64_t id;      /* department.id / housing_area.id / organisation org_no */
    const char *key; /* "101-1" / area code / "101" */
    const char *name;
} plan_ref;

typedef struct plan {
    int64_t id;
    const char *name;
    plan_type type;
    const char *municipality_code, *municipality_name;
    const char *round; /* round code, "" when none */
    plan_state state;
    const char *start_date, *end_date; /* ISO dates, "" when unknown */
    int64_t predecessor_id;            /* 0 when none */
    const char *predecessor_name;      /* "" when none */
    const char *vision;
    const char *strengths, *weaknesses, *opportunities, *threats;
    bool challenge[CH_COUNT];
    plan_ref *orgs;
    size_t norgs;
    plan_ref *departments;
    size_t ndepartments;
    plan_ref *areas;
    size_t nareas;
    const char **focus;
    size_t nfocus;
    int version;   /* latest saved version, 0 when none */
    bool approved; /* municipal approval has been recorded */
    const char *created_at, *updated_at;
} plan;

/* A row of plan lists, the map and exports. */
typedef struct plan_summary {
    int64_t id;
    const char *name;
    plan_type type;
    plan_state state;
    const char *round;
    const char *municipality_code, *municipality_name, *region_code;
    const char *start_date, *end_date;
    const char *focus; /* focus areas joined with " · " */
    const char *orgs;  /* organisation names joined with ", " */
    int64_t budget_ore, lbf_ore, spent_ore;
} plan_summary;

typedef struct plan_filter {
    int type;                      /* plan_type, -1 = any */
    int state;                     /* plan_state, -1 = any */
    const char *round;             /* NULL = any */
    const char *focus;             /* exact focus area name, NULL = any */
    const char *municipality_code; /* NULL = any */
    const char *region_code;       /* NULL = any */
    int64_t org_no;                /* 0 = any */
    int64_t area_id;               /* 0 = any */
    int64_t department_id;         /* 0 = any */
    const char *q;                 /* name contains */
    size_t limit;                  /* 0 = no limit */
} plan_filter;

/* Plans the principal may see, by name. */
hh_err plan_list(db *d, const principal *p, arena *a, const plan_filter *f, plan_summary **out, size_t *n, hh_error *e);
/* One plan with everything in struct plan. */
hh_err plan_get(db *d, const principal *p, arena *a, int64_t id, plan *out, hh_error *e);
/* True when p may change the plan's content (organisation of the plan, its
 * municipality, its plan staff, admin). */
bool plan_may_write(const principal *p, const plan *pl);
/* SQL condition over plan alias `p` limiting plans to what pr may read. */
const char *plan_scope_sql(const principal *pr, arena *a);

/* Input for create and update. A NULL pointer (or has_* false, or -1) keeps
 * the stored value on update; on create name, type, municipality_code and at
 * least one organisation are required. Lists replace the stored lists. */
typedef struct plan_input {
    const char *name;
    int type; /* plan_type, -1 = keep */
    const char *municipality_code;
    const char *round; /* "" = none */
    const char *start_date, *end_date;
    int64_t predecessor_id; /* -1 = keep, 0 = none */
    const char *idea_date;  /* create: the date of the first history entry (NULL: today) */
    const char *vision;
    const char *strengths, *weaknesses, *opportunities, *threats;
    int challenge[CH_COUNT]; /* 0/1, -1 = keep */
    bool has_orgs, has_departments, has_areas, has_focus;
    const int64_t *org_nos;
    size_t norgs;
    const char *const *department_keys; /* "ORG-DEPT" */
    size_t ndepartments;
    const char *const *area_codes;
    size_t nareas;
    const char *const *focus;
    size_t nfocus;
} plan_input;

/* An input with every field "keep". */
void plan_input_init(plan_input *in);

/* Creates a plan in state idea (recorded as the first history entry).
 * Validation: fields named in e->field ("name", "municipality_code",
 * "organisations", "departments[2]", "focus[1]" …); departments and areas must
 * lie in the plan's municipality, departments belong to one of its
 * organisations, focus areas to the round's list (rule focus_in_round), the
 * predecessor must share an area or department. The principal must be able
 * to write the result (an organisation user lists their organisation, a
 * municipality user plans in their municipality). */
hh_err plan_create(db *d, const principal *p, arena *a, const plan_input *in, int64_t *id, hh_error *e);
hh_err plan_update(db *d, const principal *p, arena *a, int64_t id, const plan_input *in, hh_error *e);

/* ---- lifecycle ---- */

typedef struct plan_transition {
    int64_t id;
    plan_state from; /* PS_COUNT for the creation entry */
    plan_state to;
    const char *effective; /* ISO date the change took effect */
    int64_t user_id;       /* 0 for the operator */
    const char *user_name;
    const char *note;
    const char *recorded_at; /* ISO time */
} plan_transition;

/* Moves the plan to `to`, effective on `date` (NULL or "": today; not in the
 * future, not before the previous transition). Refused with rule
 * transition_not_allowed (HH_ERR_INPUT) when the state machine has no such
 * edge, and HH_ERR_FORBIDDEN (rule transition_role) when p may not make it.
 * Entering municipal_approval saves version 1 when no version exists. */
hh_err plan_transition_apply(db *d, const principal *p, arena *a, int64_t plan_id, plan_state to, const char *date,
                             const char *note, hh_error *e);
/* The history, oldest first. */
hh_err plan_history(db *d, arena *a, int64_t plan_id, plan_transition **out, size_t *n, hh_error *e);
/* The transitions p may make from the plan's state now (for buttons);
 * returns how many were written to out (room for plan_ntransitions). */
size_t plan_next(const principal *p, const plan *pl, const plan_transition_rule **out);
/* Whether p may make rule r on pl (role and scope). */
bool plan_may_transition(const principal *p, const plan *pl, const plan_transition_rule *r);

/* ---- budget ---- */

typedef struct plan_budget_line {
    int year;
    plan_source source;
    int64_t budget_ore; /* planned */
    int64_t spent_ore;  /* paid out */
    const char *note;
} plan_budget_line;

typedef struct plan_budget_totals {
    int64_t total_ore, lbf_ore; /* budget */
    int64_t cofinancing_ore;    /* local: municipality, organisation and region */
    int64_t spent_ore, spent_lbf_ore;
} plan_budget_totals;

void plan_budget_sum(const plan_budget_line *lines, size_t n, plan_budget_totals *out);
/* Checks a whole budget against the rules for this plan (pure): LBF share
 * at most 75 % of a social plan (4·lbf ≤ 3·total, exact in øre); local
 * co-financing at least 25 % from the 2011-2014 round on; no LBF payout
 * (spent from lbf) before municipal approval; no duplicate year/source;
 * years within 2000-2100; amounts ≥ 0. */
hh_err plan_budget_check(const plan *pl, const plan_budget_line *lines, size_t n, hh_error *e);
/* Lines by year, then source. */
hh_err plan_budget_get(db *d, arena *a, int64_t plan_id, plan_budget_line **out, size_t *n, hh_error *e);
/* Replaces the whole budget after plan_budget_check. */
hh_err plan_budget_put(db *d, const principal *p, arena *a, int64_t plan_id, const plan_budget_line *lines, size_t n,
                       hh_error *e);

/* ---- goals ---- */

typedef struct plan_goal {
    int64_t id; /* 0 = new */
    const char *title;
    int kf;                             /* catalogue index */
    const char *area_code;              /* measured on this area; "" = departments below */
    const char *const *department_keys; /* "" list = all the plan's departments */
    size_t ndepartments;
    int baseline_year;
    double baseline_value; /* NAN: read from the series at baseline_year */
    double target_value;
    int target_year;
} plan_goal;

typedef enum goal_status { GOAL_NO_DATA, GOAL_MET, GOAL_ON_TRACK, GOAL_BEHIND, GOAL_COUNT } goal_status;
extern const char *const goal_status_code[GOAL_COUNT];  /* "no_data", "met", "on_track", "behind" */
extern const char *const goal_status_label[GOAL_COUNT]; /* "Ingen data", "Nået", "På vej", "Bagud" */

typedef struct goal_point {
    int year;
    double value; /* NAN when missing */
    bool suppressed;
} goal_point;

/* Computed from the key-figure series, never typed: baseline (typed or
 * read), the value of `year` (or the latest year when year is 0), the share
 * of the way from baseline to target (NAN without data), and the status
 * against a straight path from baseline to target. */
typedef struct goal_progress {
    goal_point *series; /* every year with a value, ascending */
    size_t n;
    double baseline;
    int year;
    double value;
    double progress;
    double expected; /* on the straight path in `year` */
    goal_status status;
} goal_progress;

hh_err plan_goals(db *d, arena *a, int64_t plan_id, plan_goal **out, size_t *n, hh_error *e);
/* Creates (g->id 0, then set) or updates a goal; validates the key figure,
 * the area (one of the plan's) or departments (the plan's), years. */
hh_err plan_goal_put(db *d, const principal *p, arena *a, int64_t plan_id, plan_goal *g, hh_error *e);
hh_err plan_goal_delete(db *d, const principal *p, int64_t plan_id, int64_t goal_id, hh_error *e);
hh_err plan_goal_progress(db *d, arena *a, const plan *pl, const plan_goal *g, int year, goal_progress *out,
                          hh_error *e);

/* ---- team, steering group ---- */

typedef struct plan_member {
    int64_t id; /* 0 = new */
    bool steering;
    const char *name;
    const char *organisation;
    int role;         /* plan_team_role for the team; -1 in the steering group */
    const char *seat; /* steering group seat: "Formand", "Kommunens repræsentant" … */
    const char *email;
} plan_member;

hh_err plan_members(db *d, arena *a, int64_t plan_id, plan_member **out, size_t *n, hh_error *e);
hh_err plan_member_put(db *d, const principal *p, arena *a, int64_t plan_id, plan_member *m, hh_error *e);
hh_err plan_member_delete(db *d, const principal *p, int64_t plan_id, int64_t member_id, hh_error *e);

/* ---- agreements with the municipality ---- */

typedef struct plan_agreement {
    int64_t id;        /* 0 = new */
    bool strategic;    /* the strategic agreement; otherwise a sub-agreement */
    const char *focus; /* sub-agreements: one of the plan's focus areas */
    const char *title;
    const char *parties;
    const char *signed_on, *valid_from, *valid_to; /* ISO dates or "" */
    const char *doc_ref;                           /* journal number or document reference */
} plan_agreement;

hh_err plan_agreements(db *d, arena *a, int64_t plan_id, plan_agreement **out, size_t *n, hh_error *e);
hh_err plan_agreement_put(db *d, const principal *p, arena *a, int64_t plan_id, plan_agreement *g, hh_error *e);
hh_err plan_agreement_delete(db *d, const principal *p, int64_t plan_id, int64_t agreement_id, hh_error *e);

/* ---- partners and cooperation agreements ---- */

typedef struct partner {
    int64_t id; /* 0 = new */
    const char *name;
    partner_type type;
    const char *municipality_code; /* "" = none */
    const char *note;
    int64_t plans; /* plans with a cooperation agreement (visible ones) */
} partner;

typedef struct partner_contact {
    int64_t id; /* 0 = new */
    int64_t partner_id;
    const char *name;
    contact_level level;
    const char *title, *email, *phone;
} partner_contact;

/* Days before valid_to when an agreement is shown as expiring. */
#define PLAN_EXPIRY_DAYS 60

typedef struct plan_cooperation {
    int64_t id; /* 0 = new */
    int64_t plan_id;
    const char *plan_name;
    int64_t partner_id;
    const char *partner_name;
    unsigned purposes;                 /* bits 1u << coop_purpose */
    const char *valid_from, *valid_to; /* valid_to "" = open-ended */
    const char *note;
    int days_left; /* to valid_to from today; INT32_MAX when open-ended */
    bool expiring; /* 0 ≤ days_left ≤ PLAN_EXPIRY_DAYS */
    bool expired;  /* days_left < 0 */
} plan_cooperation;

/* The partner registry is shared: every signed-in user with a plan role may
 * read it; users who can write some plan may add and edit partners. */
hh_err partner_list(db *d, arena *a, const char *q, partner **out, size_t *n, hh_error *e);
hh_err partner_get(db *d, arena *a, int64_t id, partner *out, hh_error *e);
hh_err partner_put(db *d, const principal *p, arena *a, partner *x, hh_error *e);
hh_err partner_contacts(db *d, arena *a, int64_t partner_id, partner_contact **out, size_t *n, hh_error *e);
hh_err partner_contact_put(db *d, const principal *p, arena *a, partner_contact *c, hh_error *e);
hh_err partner_contact_delete(db *d, const principal *p, int64_t contact_id, hh_error *e);

/* A plan's cooperation agreements (plan_id > 0), or every agreement of the
 * plans p may see that expires within `within_days` (plan_id 0; expired ones
 * excluded), soonest first. `today` is an ISO date (NULL: today). */
hh_err plan_cooperations(db *d, const principal *p, arena *a, int64_t plan_id, int within_days, const char *today,
                         plan_cooperation **out, size_t *n, hh_error *e);
hh_err plan_cooperation_put(db *d, const principal *p, arena *a, plan_cooperation *c, hh_error *e);
hh_err plan_cooperation_delete(db *d, const principal *p, int64_t plan_id, int64_t coop_id, hh_error *e);

/* ---- versions ---- */

typedef struct plan_version {
    int version;
    const char *created_at;
    const char *user_name;
    const char *note;
    const char *snapshot; /* canonical JSON */
} plan_version;

/* The canonical JSON of the plan's content now: its fields, focus areas,
 * budget lines and goals (what versions compare). */
hh_err plan_snapshot(db *d, arena *a, int64_t plan_id, const char **json, hh_error *e);
/* Saves the current content as the next version (1 for the application). */
hh_err plan_version_save(db *d, const principal *p, arena *a, int64_t plan_id, const char *note, int *version,
                         hh_error *e);
hh_err plan_versions(db *d, arena *a, int64_t plan_id, plan_version **out, size_t *n, hh_error *e);
/* The same as the reader p may see them: a predecessor plan outside p's read
 * scope is blanked (id 0, name "") in every snapshot, as plan_get does for
 * the plan itself. Pages and the API read versions through these. */
hh_err plan_snapshot_read(db *d, const principal *p, arena *a, int64_t plan_id, const char **json, hh_error *e);
hh_err plan_versions_read(db *d, const principal *p, arena *a, int64_t plan_id, plan_version **out, size_t *n,
                          hh_error *e);

typedef enum change_kind { CHANGE_ADDED, CHANGE_REMOVED, CHANGE_CHANGED } change_kind;

typedef struct plan_change {
    const char *section; /* "plan", "focus", "budget", "goals" */
    const char *item;    /* Danish: "Navn", "Sundhed", "2014 · Landsbyggefonden", a goal title */
    change_kind kind;
    const char *before, *after; /* Danish display values, "" when absent */
} plan_change;

/* Differences between two snapshots (pure): sections in the order above. */
hh_err plan_diff(arena *a, const char *snapshot_from, const char *snapshot_to, plan_change **out, size_t *n,
                 hh_error *e);

/* ---- money ---- */

/* "1.234.567,89 kr." from øre. */
const char *plan_format_dkk(arena *a, int64_t ore);
/* Parses "1234567,89", "1.234.567,89", "1234567.89" or "1234567" (kroner)
 * into øre; false on anything else (more than two decimals, signs, junk). */
bool plan_parse_dkk(const char *s, int64_t *ore);

#endif
