/* activities.h - the plan staff's daily tool (DOMAIN.md §4-§5, source 002):
 * activities under a plan, sessions with attendance counts and optional
 * pseudonymous participant keys, the counting rules (unique, new,
 * returning, reach), resident involvement per phase with the portfolio
 * heat map, information channels and outreach, resident roles and courses,
 * and stories and evaluation notes.
 *
 * Access follows the plan (plans.h): everything of a plan the principal
 * cannot read does not exist (HH_ERR_NOTFOUND); writes need plan_may_write
 * (the plan's organisations, its municipality, its plan staff, admin),
 * otherwise HH_ERR_FORBIDDEN. Participant keys are shown only to principals
 * who may write the plan; a read of them is audited. A broken rule answers
 * HH_ERR_INPUT with e->rule, e->field and a Danish e->msg. Every write runs
 * in one transaction (plan_tx_begin/plan_tx_end) and bumps data version
 * 'activities'. Strings returned live in the arena passed in. p == NULL is
 * the operator or the demo generator, who may do everything. */
#ifndef HELHED_ACTIVITIES_H
#define HELHED_ACTIVITIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/roles.h"
#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"
#include "domain/plans.h"

/* ---- enumerations (code tables in activities.c; codes as stored and in
 * the API; labels are the Danish UI terms of DOMAIN.md) ---- */

typedef enum act_category {
    CAT_EXERCISE,     /* "exercise"     Bevægelse og motion */
    CAT_FOOD,         /* "food"         Kost og madlavning */
    CAT_WELLBEING,    /* "wellbeing"    Trivsel og livskvalitet */
    CAT_TRAINING,     /* "training"     Oplæring og uddannelse */
    CAT_INDIVIDUAL,   /* "individual"   Individuelle samtaler og forløb for særlige målgrupper */
    CAT_HEALTH_TESTS, /* "health_tests" Sundhedstests */
    CAT_OTHER,        /* "other"        Diverse */
    CAT_COUNT
} act_category;
extern const char *const act_category_code[CAT_COUNT];
extern const char *const act_category_label[CAT_COUNT];

typedef enum act_target {
    TG_MEN,              /* "men"           Voksne mænd */
    TG_WOMEN,            /* "women"         Kvinder (herunder tørklædebærende kvinder) */
    TG_CHILDREN_PARENTS, /* "children_parents" Børn og forældre */
    TG_YOUTH,            /* "youth"         Unge */
    TG_ELDERLY,          /* "elderly"       Ældre */
    TG_LONELY,           /* "lonely"        Ensomme */
    TG_UNEMPLOYED,       /* "unemployed"    Ledige */
    TG_NEWCOMERS,        /* "newcomers"     Nytilkomne */
    TG_MENTAL_HEALTH,    /* "mental_health" Beboere med psykiske lidelser */
    TG_MIXED,            /* "mixed"         Blandede målgrupper */
    TG_ALL,              /* "all"           Alle beboere */
    TG_COUNT
} act_target;
extern const char *const act_target_code[TG_COUNT];
extern const char *const act_target_label[TG_COUNT];

typedef enum act_kram { KRAM_DIET, KRAM_SMOKING, KRAM_ALCOHOL, KRAM_EXERCISE, KRAM_COUNT } act_kram;
extern const char *const act_kram_code[KRAM_COUNT];  /* "diet", "smoking", "alcohol", "exercise" */
extern const char *const act_kram_label[KRAM_COUNT]; /* "Kost", "Rygning", "Alkohol", "Motion" */

typedef enum act_channel {
    CHN_FLYER,             /* "flyer"            Husstandsomdelt folder/flyer */
    CHN_STAIRWELL,         /* "stairwell"        Opslag i opgange */
    CHN_GATHERING_PLACES,  /* "gathering_places" Opslag på samlingssteder */
    CHN_LOCAL_PAPER,       /* "local_paper"      Annoncer i lokalaviser */
    CHN_DIGITAL,           /* "digital"          Digitale medier (Facebook, SMS, ForældreIntra) */
    CHN_OUTREACH_STAFF,    /* "outreach_staff"   Opsøgende arbejde, medarbejder til beboer */
    CHN_OUTREACH_RESIDENT, /* "outreach_resident" Opsøgende arbejde, beboer til beboer */
    CHN_COUNT
} act_channel;
extern const char *const act_channel_code[CHN_COUNT];
extern const char *const act_channel_label[CHN_COUNT];

typedef enum act_format {
    FMT_TEAM,
    FMT_ONE_OFF,
    FMT_ANNUAL,
    FMT_CAFE,
    FMT_COURSE,
    FMT_INDIVIDUAL,
    FMT_COUNT
} act_format;
extern const char *const act_format_code[FMT_COUNT];  /* "team", "one_off", "annual", "cafe", "course", "individual" */
extern const char *const act_format_label[FMT_COUNT]; /* "Hold", "Enkeltstående arrangement", "Årligt arrangement",
                                                         "Café/drop-in", "Kursus", "Individuel samtale" */

typedef enum act_responsible { RESP_STAFF, RESP_RESIDENT, RESP_PARTNER, RESP_COUNT } act_responsible;
extern const char *const act_responsible_code[RESP_COUNT];  /* "staff", "resident", "partner" */
extern const char *const act_responsible_label[RESP_COUNT]; /* "Medarbejder", "Beboer", "Samarbejdspartner" */

typedef enum act_idea_source {
    IDEA_APPLICATION,     /* "application"     I ansøgningen */
    IDEA_OPEN_OFFICE,     /* "open_office"     Det åbne kontor */
    IDEA_WORKSHOP,        /* "workshop"        Workshop */
    IDEA_SURVEY,          /* "survey"          Beboerundersøgelse */
    IDEA_INFORMAL,        /* "informal"        Uformelt ("på vandrørene") */
    IDEA_NETWORK_MEETING, /* "network_meeting" Netværksmøde */
    IDEA_PARTNER,         /* "partner"         Samarbejdspartner */
    IDEA_RESIDENTS,       /* "residents"       Beboere */
    IDEA_STAFF,           /* "staff"           Medarbejdere */
    IDEA_COUNT
} act_idea_source;
extern const char *const act_idea_source_code[IDEA_COUNT];
extern const char *const act_idea_source_label[IDEA_COUNT];

/* Status: idea → planned → running → one of the anchoring outcomes
 * (002:L7700-7860). Any status may follow any other except back to idea;
 * every change is logged with its date. */
typedef enum act_status {
    AS_IDEA,              /* "idea"              Idé */
    AS_PLANNED,           /* "planned"           Planlagt */
    AS_RUNNING,           /* "running"           I gang */
    AS_RUN_BY_RESIDENTS,  /* "run_by_residents"  Drives af beboere/beboerforening */
    AS_HANDED_TO_PARTNER, /* "handed_to_partner" Overdraget til samarbejdspartner(e) */
    AS_WAIT_AND_SEE,      /* "wait_and_see"      Se tiden an */
    AS_CONTENT_CHANGED,   /* "content_changed"   Indhold ændret */
    AS_STOPPED,           /* "stopped"           Stoppet */
    AS_COUNT
} act_status;
extern const char *const act_status_code[AS_COUNT];
extern const char *const act_status_label[AS_COUNT];
/* True for the five anchoring outcomes. */
bool act_status_is_outcome(act_status s);

typedef enum act_schedule { SCHED_ONE_OFF, SCHED_WEEKLY, SCHED_BIWEEKLY, SCHED_MONTHLY, SCHED_COUNT } act_schedule;
extern const char *const act_schedule_code[SCHED_COUNT];  /* "one_off", "weekly", "biweekly", "monthly" */
extern const char *const act_schedule_label[SCHED_COUNT]; /* "Én gang", "Hver uge", "Hver anden uge", "Hver måned" */

typedef enum act_gender { GENDER_FEMALE, GENDER_MALE, GENDER_OTHER, GENDER_COUNT } act_gender;
extern const char *const act_gender_code[GENDER_COUNT];  /* "female", "male", "other" */
extern const char *const act_gender_label[GENDER_COUNT]; /* "Kvinder", "Mænd", "Andet/ukendt" */

typedef enum act_age {
    AGE_CHILD,       /* "child"       0-12 år */
    AGE_YOUTH,       /* "youth"       13-17 år */
    AGE_YOUNG_ADULT, /* "young_adult" 18-29 år */
    AGE_ADULT,       /* "adult"       30-64 år */
    AGE_SENIOR,      /* "senior"      65+ år */
    AGE_COUNT
} act_age;
extern const char *const act_age_code[AGE_COUNT];
extern const char *const act_age_label[AGE_COUNT];

/* Involvement (DOMAIN.md §4). */
typedef enum inv_phase {
    PHASE_KNOWLEDGE,      /* "knowledge"      Vidensindsamling */
    PHASE_IDEAS,          /* "ideas"          Idéudvikling */
    PHASE_PLANNING,       /* "planning"       Planlægning */
    PHASE_IMPLEMENTATION, /* "implementation" Gennemførelse */
    PHASE_ANCHORING,      /* "anchoring"      Forankring */
    PHASE_EVALUATION,     /* "evaluation"     Evaluering */
    PHASE_COUNT
} inv_phase;
extern const char *const inv_phase_code[PHASE_COUNT];
extern const char *const inv_phase_label[PHASE_COUNT];

/* The four non-hierarchical participation types and none. */
typedef enum inv_type {
    INV_RESIDENT_JOINT,       /* "resident_initiative_joint"     Beboerinitiativ, fælles beslutninger */
    INV_RESIDENT_RESIDENT,    /* "resident_initiative_resident"  Beboerinitiativ, beboerbeslutninger */
    INV_PROFESSIONAL_JOINT,   /* "professional_initiative_joint" Professionelt initiativ, fælles beslutninger */
    INV_PROFESSIONALS_INFORM, /* "professionals_inform" Professionelle informerer, beboere accepterer eller afviser */
    INV_NONE,                 /* "none"                          Ikke inddraget */
    INV_COUNT
} inv_type;
extern const char *const inv_type_code[INV_COUNT];
extern const char *const inv_type_label[INV_COUNT];
extern const char *const inv_type_short[INV_COUNT]; /* "Beboer · fælles", … for table heads */

/* Hart's ladder, rungs 1-8 (index 0 unused): "Manipulation" … "Beboerinitiativ
 * med fælles beslutninger". */
extern const char *const inv_hart_label[9];

/* The five reflection questions asked per phase (002:L9239-9360). */
enum { INV_QUESTIONS = 5 };
extern const char *const inv_question_code[INV_QUESTIONS];  /* "involved", "role", "actors", "worked", "hard" */
extern const char *const inv_question_label[INV_QUESTIONS]; /* "Har beboerne været inddraget i fasen?" … */

typedef enum outreach_method {
    OUT_DOOR_TO_DOOR,         /* "door_to_door"         Dør til dør */
    OUT_OPEN_OFFICE,          /* "open_office"          Åbent kontor */
    OUT_VIA_CARETAKER,        /* "via_caretaker"        Via vicevært/ejendomsfunktionær */
    OUT_VIA_PARTNER,          /* "via_partner"          Via samarbejdspartner */
    OUT_TARGET_GROUP_PLACES,  /* "target_group_places"  Hvor målgruppen er (fx sprogskolen) */
    OUT_AT_ACTIVITIES,        /* "at_activities"        Ved andre aktiviteter */
    OUT_RESIDENT_TO_RESIDENT, /* "resident_to_resident" Beboer til beboer */
    OUT_PHONE_SMS,            /* "phone_sms"            Telefon/SMS */
    OUT_EVENT_STAND,          /* "event_stand"          Stand eller arrangement i gården */
    OUT_COUNT
} outreach_method;
extern const char *const outreach_method_code[OUT_COUNT];
extern const char *const outreach_method_label[OUT_COUNT];

typedef enum resident_role {
    RR_VOLUNTEER,            /* "volunteer"            Frivillige */
    RR_ILDSJAEL,             /* "ildsjael"             Ildsjæle */
    RR_STAIR_AMBASSADOR,     /* "stair_ambassador"     Opgangsambassadører */
    RR_HEALTH_AMBASSADOR,    /* "health_ambassador"    Sundhedsambassadører */
    RR_NEIGHBOURHOOD_MOTHER, /* "neighbourhood_mother" Bydelsmødre */
    RR_INSTRUCTOR,           /* "instructor"           Instruktører */
    RR_ASSOCIATION_MEMBER,   /* "association_member"   Foreningsmedlemmer */
    RR_COMMUNITY_AGENT,      /* "community_agent"      Fællesskabsagenter */
    RR_COUNT
} resident_role;
extern const char *const resident_role_code[RR_COUNT];
extern const char *const resident_role_label[RR_COUNT];

typedef enum course_kind {
    COURSE_INSTRUCTOR,           /* "instructor"           Instruktøruddannelse */
    COURSE_AMBASSADOR,           /* "ambassador"           Ambassadøruddannelse */
    COURSE_NEIGHBOURHOOD_MOTHER, /* "neighbourhood_mother" Bydelsmødreuddannelse */
    COURSE_ASSOCIATION,          /* "association"          Foreningsdannelse */
    COURSE_VOLUNTEERING,         /* "volunteering"         Kursus i frivillighed */
    COURSE_BUDGET,               /* "budget"               Budgetkursus */
    COURSE_PROJECT_MANAGEMENT,   /* "project_management"   Projektstyring */
    COURSE_OTHER,                /* "other"                Andet */
    COURSE_COUNT
} course_kind;
extern const char *const course_kind_code[COURSE_COUNT];
extern const char *const course_kind_label[COURSE_COUNT];

typedef enum story_kind { STORY_STORY, STORY_EVALUATION, STORY_COUNT } story_kind;
extern const char *const story_kind_code[STORY_COUNT];  /* "story", "evaluation" */
extern const char *const story_kind_label[STORY_COUNT]; /* "Fortælling", "Evalueringsnote" */

/* Rules (codes in errors and 422 answers), with Danish text and source, as
 * plan_rules: "keys_match_count" (keys given: one per participant),
 * "key_not_personal" (a key that looks like a name, e-mail, phone or CPR
 * number), "new_le_participants", "session_in_future", "session_date_range"
 * (before the activity's first date or after its last), "focus_in_plan",
 * "status_back_to_idea", "partner_role". */
extern const plan_rule act_rules[];
extern const size_t act_nrules;

/* ---- activities ---- */

typedef struct act_partner {
    int64_t partner_id;
    const char *partner_name;
    coop_purpose role;
} act_partner;

typedef struct activity {
    int64_t id;
    int64_t plan_id;
    const char *plan_name;
    const char *name;
    const char *description;
    const char *focus;   /* one of the plan's focus areas, "" = none */
    unsigned categories; /* bits 1u << act_category; at least one */
    unsigned targets;    /* bits 1u << act_target */
    unsigned kram;       /* bits 1u << act_kram */
    unsigned channels;   /* bits 1u << act_channel */
    act_format format;
    const char *place;
    act_responsible responsible_kind;
    const char *responsible;        /* staff name or the resident's role; never a resident's name */
    int64_t responsible_partner_id; /* RESP_PARTNER: the partner; else 0 */
    const char *responsible_partner_name;
    act_idea_source idea_source;
    bool in_application;
    act_status status;
    act_schedule schedule;
    const char *first_date, *last_date; /* ISO dates, "" when none */
    const char *start_time, *end_time;  /* "HH:MM" or "" */
    const char **exceptions;            /* ISO dates the activity does not meet */
    size_t nexceptions;
    act_partner *partners;
    size_t npartners;
    /* computed on read */
    int64_t sessions;         /* held sessions */
    int64_t attendances;      /* sum of participants over sessions */
    const char *last_session; /* ISO date, "" when none */
    const char *created_at, *updated_at;
} activity;

typedef struct activity_filter {
    int64_t plan_id;       /* 0 = every plan p may read */
    int status;            /* act_status, -1 = any */
    int category;          /* act_category, -1 = any */
    const char *q;         /* name contains */
    bool scheduled_on_set; /* only activities scheduled on `scheduled_on` (phone page) */
    const char *scheduled_on;
} activity_filter;

/* Activities p may read, by plan then name (partners and exceptions not
 * filled in lists). */
hh_err activity_list(db *d, const principal *p, arena *a, const activity_filter *f, activity **out, size_t *n,
                     hh_error *e);
hh_err activity_get(db *d, const principal *p, arena *a, int64_t id, activity *out, hh_error *e);
/* Creates (x->id 0, then set) or updates an activity of x->plan_id. Validates
 * name, at least one category, focus among the plan's (focus_in_plan), the
 * responsible partner and partner ids exist, dates and times; a status
 * change is logged (effective today). Lists (tags, partners, exceptions)
 * replace the stored ones. */
hh_err activity_put(db *d, const principal *p, arena *a, activity *x, hh_error *e);
hh_err activity_delete(db *d, const principal *p, int64_t id, hh_error *e);
/* Changes the status effective `date` (NULL: today); logged. */
hh_err activity_status_set(db *d, const principal *p, arena *a, int64_t id, act_status s, const char *date,
                           hh_error *e);

typedef struct act_status_change {
    act_status status;
    const char *effective;
    const char *user_name;
} act_status_change;
hh_err activity_status_history(db *d, arena *a, int64_t id, act_status_change **out, size_t *n, hh_error *e);

/* The dates the schedule meets in [from, to] (inclusive, ISO), exceptions
 * removed (pure). One-off: first_date only. Weekly/biweekly: first_date and
 * every 7/14 days after. Monthly: the same day of the month (the last day
 * when the month is shorter). Never after last_date. */
size_t activity_schedule_dates(arena *a, const activity *x, const char *from, const char *to, const char **out,
                               size_t max);

/* ---- sessions and attendance ---- */

typedef struct act_session {
    int64_t id; /* 0 = new */
    int64_t activity_id;
    const char *activity_name;
    const char *date;       /* ISO, not in the future */
    const char *start_time; /* "HH:MM" or "" */
    int counts[GENDER_COUNT][AGE_COUNT];
    int participants;     /* sum of counts (computed on save) */
    int new_participants; /* typed; for keyed sessions computed on read */
    int volunteers;
    const char *note;
    const char **keys;        /* participant keys, normalised upper case; NULL/0 = none */
    size_t nkeys;             /* shown only to writers; 0 otherwise */
    bool keyed;               /* the session has keys */
    const char *client_token; /* phone form idempotency, NULL = none */
    const char *user_name, *recorded_at;
} act_session;

/* Normalises a participant key in place-free fashion: trims, upper-cases
 * ASCII, and checks it is 2-16 characters of A-Z, 0-9 and '-'; false
 * (rule key_not_personal) when it is not, or when it looks personal: an
 * e-mail, 8+ digits in a row (phone, CPR), or a CPR pattern DDMMYY-XXXX.
 * A key without any digit ("ANNA", "AH") reads as a name or initials and is
 * refused too. out is "" after a refusal; outsz must hold 17 bytes. */
bool act_key_normalise(const char *in, char *out, size_t outsz);

/* Saves a session (s->id 0: new, then set; a repeated client_token returns
 * the existing session's id without a second row). Validates: date valid and
 * not in the future (session_in_future), within the activity's first/last
 * date when set (session_date_range), counts ≥ 0, new ≤ participants
 * (new_le_participants), keys valid, distinct and, when given, exactly one
 * per participant (keys_match_count). Keys create participants of the plan
 * on first use. */
hh_err act_session_put(db *d, const principal *p, arena *a, act_session *s, hh_error *e);
hh_err act_session_delete(db *d, const principal *p, int64_t id, hh_error *e);
/* The id of the activity's session saved with client token `token` (NULL:
 * none), 0 when there is none (the caller checked the activity's scope):
 * one indexed lookup, for answering a repeated phone form. */
hh_err act_session_by_token(db *d, int64_t activity_id, const char *token, int64_t *id, hh_error *e);
hh_err act_session_get(db *d, const principal *p, arena *a, int64_t id, act_session *out, hh_error *e);
/* Sessions of an activity (activity_id > 0) or of a plan's activities
 * (plan_id > 0), in a year (0 = all), newest first. Keys filled only for
 * writers (audited once per call when any are returned). */
hh_err act_sessions(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id, int year,
                    act_session **out, size_t *n, hh_error *e);

/* The counting rules, for a set of sessions (a plan's, or one activity's,
 * in a year or in all years):
 * - attendances: Σ participants.
 * - session new: keyed session: keys not seen in an earlier session (date,
 *   then start time, then id) of the same activity; otherwise the typed
 *   number. returning = participants - new.
 * - unique: distinct keys over the keyed sessions, plus for each activity
 *   with unkeyed sessions in the set, max(largest unkeyed session, Σ typed
 *   new of its unkeyed sessions). exact = the set has no unkeyed session.
 * - new_plan: keys whose first session in the plan (any activity, any year)
 *   lies in the set's period, plus Σ typed new of the unkeyed sessions.
 * - volunteers: Σ volunteers (attendances of volunteers).
 * - by_gender / by_age: Σ of the count cells. */
typedef struct att_stats {
    int64_t sessions;
    int64_t attendances;
    int64_t new_attendances;       /* Σ session new */
    int64_t returning_attendances; /* attendances - new_attendances */
    int64_t unique;
    bool unique_exact;
    int64_t new_plan;
    int64_t volunteers;
    int64_t by_gender[GENDER_COUNT];
    int64_t by_age[AGE_COUNT];
    int64_t counts[GENDER_COUNT][AGE_COUNT];
    int64_t activities; /* activities with at least one session in the set */
} att_stats;

/* Stats over a plan's sessions (activity_id 0) or one activity's, in `year`
 * (0 = every year). */
hh_err act_attendance(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id, int year,
                      att_stats *out, hh_error *e);
/* The same for each of n activities of the plan (out[i] for ids[i]) from
 * one read of the plan's sessions, instead of one read per activity. */
hh_err act_attendance_each(db *d, const principal *p, arena *a, int64_t plan_id, const int64_t *ids, size_t n, int year,
                           att_stats *out, hh_error *e);

/* Reach: unique participants against the residents of the plan's area:
 * the key figure 'residents' summed over the plan's departments and the
 * current member departments of its areas (each department once), in
 * `year` or the latest year before it with data. share = unique /
 * residents (NAN without residents). */
typedef struct act_reach {
    int year;
    int64_t unique;
    bool exact;
    int64_t residents;  /* 0 when unknown */
    int residents_year; /* the year the residents figure is from, 0 when none */
    double share;
} act_reach;
hh_err act_reach_get(db *d, const principal *p, arena *a, int64_t plan_id, int year, act_reach *out, hh_error *e);

/* act_reach_get for a caller that has the plan's stats for `year` already
 * (act_attendance with activity_id 0, which checked that p may read the
 * plan): the same answer without reading the sessions a second time. */
hh_err act_reach_from(db *d, arena *a, int64_t plan_id, int year, const att_stats *plan_stats, act_reach *out,
                      hh_error *e);

/* Stats per year over the plan's whole life (for the chart): years from the
 * first to the last session year. */
hh_err act_attendance_years(db *d, const principal *p, arena *a, int64_t plan_id, att_stats **out, int **years,
                            size_t *n, hh_error *e);

/* ---- involvement ---- */

typedef struct involvement {
    int64_t id;
    int64_t plan_id;
    int64_t activity_id;       /* 0 = the plan as a whole */
    const char *activity_name; /* "" for the plan */
    int year;
    inv_phase phase;
    inv_type type;
    int hart_rung;                      /* 1-8, 0 = not given */
    const char *answers[INV_QUESTIONS]; /* "" when unanswered */
    const char *user_name, *updated_at;
} involvement;

/* Records one (plan or activity, year, phase): replaces what was there. */
hh_err involvement_put(db *d, const principal *p, arena *a, involvement *v, hh_error *e);
hh_err involvement_delete(db *d, const principal *p, int64_t plan_id, int64_t id, hh_error *e);
/* Records of a plan (activity_id -1 = all, 0 = plan level, > 0 = one
 * activity) in a year (0 = all), by activity, year, phase. */
hh_err involvement_list(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id, int year,
                        involvement **out, size_t *n, hh_error *e);

/* The portfolio heat map for a year: for each phase, how many of the plan's
 * activities (those with a session or a record in the year) have each type,
 * and how many have no record (unrecorded). share_involved[phase] = activities
 * with a type other than none / activities recorded in that phase (NAN when
 * none recorded). */
typedef struct inv_matrix {
    int year;
    int64_t activities;
    int64_t cells[PHASE_COUNT][INV_COUNT];
    int64_t unrecorded[PHASE_COUNT];
    double share_involved[PHASE_COUNT];
    double share_resident_initiative[PHASE_COUNT]; /* resident_initiative_* / recorded */
} inv_matrix;
hh_err involvement_matrix(db *d, const principal *p, arena *a, int64_t plan_id, int year, inv_matrix *out, hh_error *e);
/* One matrix per year that has records or sessions, ascending (the change
 * over the plan's years). */
hh_err involvement_trend(db *d, const principal *p, arena *a, int64_t plan_id, inv_matrix **out, size_t *n,
                         hh_error *e);

/* ---- outreach ---- */

typedef struct outreach {
    int64_t id; /* 0 = new */
    int64_t plan_id;
    int64_t activity_id; /* 0 = none */
    const char *activity_name;
    const char *date;
    outreach_method method;
    int contacts;     /* > 0 */
    const char *note; /* never names */
    const char *user_name, *recorded_at;
} outreach;

hh_err outreach_put(db *d, const principal *p, arena *a, outreach *o, hh_error *e);
hh_err outreach_delete(db *d, const principal *p, int64_t plan_id, int64_t id, hh_error *e);
hh_err outreach_list(db *d, const principal *p, arena *a, int64_t plan_id, int year, outreach **out, size_t *n,
                     hh_error *e);
/* Contacts per method in a year (0 = all). */
hh_err outreach_totals(db *d, const principal *p, arena *a, int64_t plan_id, int year, int64_t totals[OUT_COUNT],
                       hh_error *e);
/* Complementary suppression of one year's outreach: the entries o[0..n)
 * are parts of their method's total, the method totals parts of all
 * contacts. ho gets n hide flags, ht OUT_COUNT + 1 (the last: all); all 0
 * unless suppress. */
void outreach_suppress(const outreach *o, size_t n, const int64_t totals[OUT_COUNT], bool suppress, unsigned char *ho,
                       unsigned char *ht);

/* ---- resident roles and courses ---- */

/* Counts per role for a plan and year; replaces the year's counts. */
hh_err resident_roles_put(db *d, const principal *p, int64_t plan_id, int year, const int64_t n[RR_COUNT], hh_error *e);
/* Zeros when nothing recorded. */
hh_err resident_roles_get(db *d, const principal *p, int64_t plan_id, int year, int64_t n[RR_COUNT], hh_error *e);

typedef struct plan_course {
    int64_t id; /* 0 = new */
    int64_t plan_id;
    int year;
    course_kind kind;
    const char *title;
    int completed; /* residents who completed */
    bool diploma;
} plan_course;
hh_err plan_course_put(db *d, const principal *p, arena *a, plan_course *c, hh_error *e);
hh_err plan_course_delete(db *d, const principal *p, int64_t plan_id, int64_t id, hh_error *e);
hh_err plan_courses(db *d, const principal *p, arena *a, int64_t plan_id, int year, plan_course **out, size_t *n,
                    hh_error *e);

/* ---- stories and evaluation notes ---- */

typedef struct act_story {
    int64_t id; /* 0 = new */
    int64_t activity_id;
    const char *activity_name;
    const char *date;
    story_kind kind;
    const char *title;
    const char *body;
    bool in_report;
    const char *user_name, *recorded_at;
} act_story;

hh_err act_story_put(db *d, const principal *p, arena *a, act_story *s, hh_error *e);
hh_err act_story_delete(db *d, const principal *p, int64_t id, hh_error *e);
/* Stories of an activity (activity_id > 0) or of a plan (plan_id > 0, in
 * `year` or 0 = all; only_report: those selected for the report), newest
 * first. */
hh_err act_stories(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id, int year,
                   bool only_report, act_story **out, size_t *n, hh_error *e);

/* ---- small-number suppression ----
 * Person counts leave the plan team suppressed: a count of 1-4 is shown as
 * "<5" (0 stays 0). The team (principals who may write the plan) sees the
 * real numbers in pages and the API; every other reader, and every report
 * made for outside the team (the LBF report by default), sees suppressed
 * ones. act_count_text formats n in Danish ("1.234") or "<5" when suppress
 * is set and 0 < n < 5. */
#define ACT_SUPPRESS_BELOW 5
bool act_count_hidden(int64_t n, bool suppress);
const char *act_count_text(arena *a, int64_t n, bool suppress);

/* Complementary suppression. A hidden count must not be recoverable by
 * subtraction where its parts and their total are shown together. hide[i]
 * is 0 (shown), 1 (a count of 1-4) or 2 (hidden to protect another). A line
 * is a set of part cells and their total cell; after suppression no line
 * has exactly one hidden cell, and the hidden parts under a shown total add
 * up to at least 5. Cells hidden secondarily are the smallest non-zero
 * shown parts (the total when there is none).
 *
 * act_suppress_lines: v and hide have n cells; lines is a flat list, each
 * line being its length k (parts + 1), then k-1 part indices and the total's
 * index; nlines_len is the length of that flat list. */
#define ACT_HIDDEN_TEXT "x"
/* The hide flags of the attendances (all years) of xs[0..n), activities of
 * plan_id, as parts of the plan's attendances: suppressed over all of the
 * plan's activities, so any subset (a filtered list, one activity) hides
 * the same cells. h gets n flags; all 0 unless suppress. */
hh_err activity_attendance_hidden(db *d, const principal *p, arena *a, int64_t plan_id, const activity *xs, size_t n,
                                  bool suppress, unsigned char *h, hh_error *e);
void act_suppress_lines(const int64_t *v, unsigned char *hide, size_t n, const size_t *lines, size_t nlines_len);
/* The same over a grid of nr × nc counts, row by row. With col_total the
 * last column is each row's total; with row_total the last row is each
 * column's total. */
void act_suppress_grid(const int64_t *v, unsigned char *hide, size_t nr, size_t nc, bool row_total, bool col_total);
/* n as text for a hide flag: the number, "<5" (1) or ACT_HIDDEN_TEXT (2). */
const char *act_hidden_text(arena *a, int64_t n, unsigned char hide);

/* The hide flags of the person counts of att_stats (attendances = new +
 * returning = Σ by_gender = Σ by_age; counts[g][·] sum to by_gender[g],
 * counts[·][a] to by_age[a]); all 0 unless suppress. */
typedef struct att_hidden {
    unsigned char attendances, new_attendances, returning_attendances, unique, new_plan, volunteers;
    unsigned char by_gender[GENDER_COUNT], by_age[AGE_COUNT], counts[GENDER_COUNT][AGE_COUNT];
} att_hidden;
/* The hide flags of one session's person counts (participants = new +
 * returning = Σ counts) and of its month: the sum of the participants of
 * the set's sessions in the same calendar month. */
typedef struct act_session_hidden {
    unsigned char participants, new_participants, returning, volunteers, month;
    unsigned char counts[GENDER_COUNT][AGE_COUNT];
} act_session_hidden;
void act_stats_suppress(const att_stats *t, bool suppress, att_hidden *h);
/* Suppression over a set of sessions shown together with their totals t
 * (the att_stats of exactly those sessions, e.g. one activity's year; NULL
 * when no total is shown): each session's lines, each month's line, and
 * every column of sessions against its total. hs has n entries; th may be
 * NULL. */
void act_sessions_suppress(const act_session *s, size_t n, const att_stats *t, bool suppress, act_session_hidden *hs,
                           att_hidden *th);
/* The hide flags of t, the act_attendance of (plan_id, activity_id, year),
 * suppressed together with the sessions it sums (act_sessions_suppress), so
 * that every page and answer showing these totals hides the same cells. */
hh_err act_attendance_hidden(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id, int year,
                             const att_stats *t, bool suppress, att_hidden *h, hh_error *e);

#endif
