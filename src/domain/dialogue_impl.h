/* dialogue_impl.h - helpers shared by the steering-dialogue modules
 * (dialogue.c, dialogue_sheet.c, dialogue_select.c, dialogue_goals.c); not
 * part of the contract in dialogue.h. */
#ifndef HELHED_DIALOGUE_IMPL_H
#define HELHED_DIALOGUE_IMPL_H

#include <stdbool.h>

#include "domain/dialogue.h"

/* Fails HH_ERR_INPUT with a dialogue rule (dlg_rules): "TEXT (SOURCE): DETAILS". */
hh_err dlg_fail(hh_error *e, const char *rule, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Fails HH_ERR_INPUT "LABEL må højst være MAX tegn" on FIELD when v (may be
 * NULL) is longer than max characters (UTF-8). */
hh_err dlg_text_check(const char *v, const char *field, const char *label, size_t max, hh_error *e);
/* The limits of the dialogue's free texts, in characters. */
#define DLG_TEXT_LONG 20000 /* summary, minutes */
#define DLG_TEXT_SHORT 4000 /* comment, justification, SWOT part, definition, follow-up */
#define DLG_TEXT_TITLE 200  /* goal title */

/* SQL condition over department alias `alias` (org_no, municipality_code)
 * limiting rows to what p may read of the dialogue ("1 = 1" for admin,
 * national and NULL; "1 = 0" for nobody). Built from validated literals. */
const char *dlg_scope_sql(const principal *p, arena *a, const char *alias);
/* True when p may read the pair's dialogue. */
bool dlg_may_read(const principal *p, int64_t org_no, const char *municipality_code);
/* True when p acts for the side on the pair. */
bool dlg_pair_side(const principal *p, int64_t org_no, const char *municipality_code, dlg_side side);

/* Loads the dialogue's head (no departments/history) for a change or a read:
 * NOTFOUND outside p's read scope. */
hh_err dlg_head(db *d, const principal *p, arena *a, int64_t id, dialogue *out, hh_error *e);
/* Loads the head and checks that p may change the organisation's content
 * now: FORBIDDEN when p is not the organisation side, dialogue_locked when
 * the state does not allow it. */
hh_err dlg_head_editable(db *d, const principal *p, arena *a, int64_t id, dialogue *out, hh_error *e);
/* Marks the dialogue changed (updated_at) and bumps data version 'dialogue'. */
hh_err dlg_touch(db *d, int64_t id, hh_error *e);
/* dlg_touch while the dialogue is still in `state` (read before the write's
 * transaction): HH_ERR_CONFLICT when a concurrent transition moved it, so a
 * content change cannot land after the submission. */
hh_err dlg_touch_in(db *d, int64_t id, dlg_state state, hh_error *e);
/* Fails department_not_in_dialogue unless the department belongs to the
 * dialogue's organisation and municipality. */
hh_err dlg_check_department(db *d, const dialogue *g, int64_t department_id, hh_error *e);

/* Department of a dialogue with its early-warning status and answers count. */
hh_err dlg_read_departments(db *d, arena *a, dialogue *g, hh_error *e);

/* The latest early-warning year <= year for a department into *out; 0 when none. */
hh_err dlg_warning_year(db *d, int64_t department_id, int year, int *out, hh_error *e);

/* Aggregated parts of a figure over the departments of org in municipality
 * in a year (sums of the parts as kf_agg does); units 0 when none. */
hh_err dlg_org_parts(db *d, int64_t org_no, const char *municipality_code, int kf, int year, kf_parts *out,
                     hh_error *e);

#endif
