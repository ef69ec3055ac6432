/* plan_year.h - the yearly report to Landsbyggefonden for one plan and one
 * year (issue 7, part 7): what the plan is, what its activities did (by
 * category, focus area and activity), who took part (attendances, unique,
 * new and returning participants, volunteers, gender and age), the reach
 * against the area's residents, the involvement profile and its change over
 * the years, goal achievement, resident roles and courses, outreach and the
 * stories the staff selected.
 *
 * report_plan_year() reads everything from the domain (plans.h and
 * activities.h) within the principal's scope and also lays the report out as
 * a list of tables (rpt_table); plan_year_doc() arranges them as a generic
 * document (rpt_doc, report.h) that the HTML (report_html.c) and PDF
 * (report_pdf.c) renderers draw; CSV and XLSX (report_csv.c) write the
 * tables.
 *
 * Audience. REPORT_TEAM shows the real numbers and is granted only to
 * principals who may write the plan (plan_may_write); everybody else, and
 * everybody by default, gets REPORT_EXTERNAL: every person count of 1-4 is
 * shown as "<5" (act_count_text), and where a table shows parts and their
 * total, further cells are hidden ("x") so that no hidden number can be
 * recovered by subtraction (act_suppress_grid in domain/activities.h). Hidden numbers never
 * reach a table cell's num, so CSV and XLSX cannot leak them either. */
#ifndef HELHED_REPORT_PLAN_YEAR_H
#define HELHED_REPORT_PLAN_YEAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/roles.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "db/db.h"
#include "domain/activities.h"
#include "domain/plans.h"
#include "report/report.h"

typedef enum report_audience { REPORT_EXTERNAL, REPORT_TEAM } report_audience;
extern const char *const report_audience_code[2];  /* "external", "team" */
extern const char *const report_audience_label[2]; /* "Til LBF (små tal skjult)", "Internt (alle tal)" */

/* Text shown for a number hidden to protect a small one elsewhere. */
#define REPORT_HIDDEN_TEXT ACT_HIDDEN_TEXT

/* The generic table (rpt_table) and document (rpt_doc) are in report.h. */

/* ---- the report's figures ---- */

typedef struct report_group {
    const char *label;
    int64_t activities; /* with a session in the year */
    int64_t sessions, attendances, new_attendances;
} report_group;

typedef struct report_activity {
    int64_t id;
    const char *name;
    const char *categories; /* labels joined with ", " */
    const char *focus;      /* "" = none */
    act_status status;
    att_stats stats; /* the activity's sessions in the year */
} report_activity;

typedef struct report_goal {
    const char *title;
    const char *indicator; /* the key figure's Danish name */
    const char *on;        /* "Afdelingerne …", "Boligområdet …" */
    int decimals;
    int baseline_year, target_year;
    double target;
    goal_progress gp; /* baseline, value, progress, status (plan_goal_progress) */
} report_goal;

typedef struct plan_year_report {
    int year;
    report_audience audience;
    bool suppress; /* audience external */
    plan pl;
    const char *round_label;  /* "2019–26" or "" */
    const char *generated;    /* ISO date of the build */
    const char *generated_da; /* the same as "22.11.2026" */
    int64_t plan_activities;  /* every activity of the plan */

    att_stats stats; /* the plan's sessions in the year */
    act_reach reach;
    att_stats *by_year; /* the plan's years from its first to its last session */
    int *years;
    size_t nyears;
    report_group by_category[CAT_COUNT]; /* an activity counts in each of its categories */
    report_group *by_focus;              /* the plan's focus areas, then "Uden fokusområde" when used */
    size_t nfocus;
    report_group total;    /* every activity once */
    report_activity *acts; /* activities with a session in the year, by name */
    size_t nacts;

    inv_matrix inv;    /* the year's involvement profile */
    inv_matrix *trend; /* every year up to the report's, ascending */
    size_t ntrend;

    report_goal *goals;
    size_t ngoals;

    int64_t roles[RR_COUNT];
    plan_course *courses;
    size_t ncourses;
    int64_t outreach[OUT_COUNT];
    int64_t outreach_total;
    act_story *stories; /* in_report, dated in the year, oldest first */
    size_t nstories;

    rpt_table *tables; /* the report as tables, in reading order */
    size_t ntables;
} plan_year_report;

/* Builds the report of plan_id for year (1990-2100). HH_ERR_NOTFOUND when p
 * cannot read the plan. want REPORT_TEAM is granted only when
 * plan_may_write(p, plan); otherwise the report is external. Everything
 * lives in a. */
hh_err report_plan_year(db *d, const principal *p, arena *a, int64_t plan_id, int year, report_audience want,
                        plan_year_report *out, hh_error *e);

/* The default year of a plan's report: the last finished year with a
 * session (the running year only when no earlier one has any), else last
 * calendar year. Fills the years with sessions (ascending) when years
 * is not NULL. */
hh_err report_years(db *d, const principal *p, arena *a, int64_t plan_id, int **years, size_t *n, int *dflt,
                    hh_error *e);

/* The table with id, or NULL. */
const rpt_table *report_table(const plan_year_report *r, const char *id);

/* The report as a generic document (report.h), in a. */
void plan_year_doc(const plan_year_report *r, arena *a, rpt_doc *doc);

/* ---- renderers (through plan_year_doc) ---- */

/* A standalone HTML document (inline CSS, printable, Danish). */
void report_html_document(const plan_year_report *r, buf *out);
/* The report's body for a page of the app: classes only (web/report.css). */
void report_html_fragment(const plan_year_report *r, buf *out);
/* One CSV file: table;row;column;value (';', UTF-8 with BOM). */
void report_csv(const plan_year_report *r, buf *out);
/* XLSX with one sheet per table, written to path. */
hh_err report_xlsx(const plan_year_report *r, const char *path, hh_error *e);
/* The same into out (through a temporary file). */
hh_err report_xlsx_buf(const plan_year_report *r, buf *out, hh_error *e);
/* PDF, A4 portrait; *pages (may be NULL) receives the page count. */
hh_err report_pdf(const plan_year_report *r, buf *out, int *pages, hh_error *e);

/* "aarsrapport-<plan>-<year>-<audience>.<ext>" */
const char *report_filename(arena *a, const plan_year_report *r, const char *ext);

#endif
