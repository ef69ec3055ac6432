/* dialogue_package.h - the documentation package of one steering dialogue
 * (issue 8, part 5): the second producer of a report document (rpt_doc,
 * report.h) beside the yearly plan report (plan_year.h).
 *
 * The package holds, for one dialogue: the organisation in the municipality
 * with its summary text, the organisation's definitions of the four
 * questions in force in the year, an overview of every department's scores,
 * the departments selected for closer review with their SWOT, the goals for
 * the coming year and the follow-up of last year's goals (target against
 * actual), the plans running in the organisation's areas in the
 * municipality, and one sheet per department: master data, the seven items
 * with score and justification, the supporting key figures (value in the
 * year, the municipality's and the country's, a small chart of the series)
 * and the early-warning status.
 *
 * Everything is read through the domain (dialogue.h, plans.h) within the
 * principal's scope: whoever may read the dialogue may read its package
 * (HH_ERR_NOTFOUND otherwise). The package is never public (answers,
 * justifications and SWOTs are not). Key figures follow the suppression of
 * everywhere else: a value resting on fewer than 5 is shown as "<5" and its
 * number never reaches the document. Strings live in the arena. */
#ifndef HELHED_REPORT_DIALOGUE_PACKAGE_H
#define HELHED_REPORT_DIALOGUE_PACKAGE_H

#include <jansson.h>

#include "auth/roles.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "db/db.h"
#include "domain/dialogue.h"
#include "domain/plans.h"
#include "report/report.h"

typedef struct dlg_package {
    dialogue g;
    dlg_definition defs[DLG_QUESTIONS];
    dlg_sheet *sheets; /* one per department, in the dialogue's order (by key) */
    size_t nsheets;
    dlg_selection *selections;
    size_t nselections;
    dlg_goal *goals; /* for the coming year */
    size_t ngoals;
    dlg_followup *followups; /* last year's goals */
    size_t nfollowups;
    plan_summary *plans; /* running in the organisation's areas in the municipality */
    size_t nplans;
    int64_t dwellings;                           /* of every department */
    int64_t answered;                            /* departments with every item scored */
    int64_t alarms, watches;                     /* early-warning statuses */
    int64_t scores[DI_COUNT][DLG_SCALE_MAX + 1]; /* departments per item and score (0 = not answered) */
    const char *generated, *generated_da;        /* the build's date, ISO and Danish */
    rpt_doc doc;                                 /* the package laid out */
} dlg_package;

/* Builds the package of dialogue id. HH_ERR_NOTFOUND when p cannot read it. */
hh_err dlg_package_build(db *d, const principal *p, arena *a, int64_t id, dlg_package *out, hh_error *e);
/* The id of the dialogue of the pair and year without creating it;
 * HH_ERR_NOTFOUND when there is none (or p cannot read it). */
hh_err dlg_package_find(db *d, const principal *p, arena *a, int64_t org_no, const char *municipality_code, int year,
                        int64_t *id, hh_error *e);

/* Renderers: the generic ones over the package's document. */
hh_err dlg_package_pdf(const dlg_package *k, buf *out, int *pages, hh_error *e);
void dlg_package_html_document(const dlg_package *k, buf *out);
void dlg_package_html_fragment(const dlg_package *k, buf *out);
/* The package's content as JSON (the API's format=json): figures as
 * numbers, suppressed ones as null with "suppressed": true. */
json_t *dlg_package_json(const dlg_package *k);

/* "styringsdialog-<org>-<municipality>-<year>.<ext>" */
const char *dlg_package_filename(arena *a, const dlg_package *k, const char *ext);

#endif
