/* activities_impl.h - helpers shared by the activities modules
 * (activities.c, activities_sessions.c, activities_involvement.c,
 * activities_log.c); not part of the contract in activities.h. */
#ifndef HELHED_ACTIVITIES_IMPL_H
#define HELHED_ACTIVITIES_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/activities.h"
#include "domain/plans_impl.h"

/* Loads plan plan_id for a read (NOTFOUND outside p's scope) or, with
 * write, for a change (FORBIDDEN when p may see but not change it). */
hh_err act_plan_load(db *d, const principal *p, arena *a, int64_t plan_id, bool write, plan *out, hh_error *e);

/* The plan of activity id, loaded as act_plan_load does; NOTFOUND (field
 * "activity_id") when the activity does not exist or is out of scope. */
hh_err act_activity_plan(db *d, const principal *p, arena *a, int64_t activity_id, bool write, plan *out, hh_error *e);

/* Fails HH_ERR_INPUT with an activity rule (act_rules): "TEXT (SOURCE):
 * DETAILS", e->rule and e->field set. */
hh_err act_fail(hh_error *e, const char *rule, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Bumps data version 'activities'. */
hh_err act_bump(db *d, hh_error *e);

/* Index of code in codes, or -1. */
int act_enum(const char *const *codes, int count, const char *code);

/* "HH:MM" with HH 00-23 and MM 00-59, or "". */
bool act_time_valid(const char *s);

/* Year bounds "YYYY-01-01" and "YYYY-12-31" for year > 0. */
void act_year_bounds(int year, char from[11], char to[11]);

/* Audits a read of participant keys of a plan (action read_personal). */
hh_err act_audit_keys(db *d, const principal *p, int64_t plan_id, hh_error *e);

/* Deletes the plan's participant keys that no session uses any more
 * (after a session or an activity is deleted, or a session's keys
 * change): a key is kept only as long as it counts something. */
hh_err act_participants_prune(db *d, int64_t plan_id, hh_error *e);

/* Whether s is non-empty after trimming ASCII space. */
bool act_blank(const char *s);

#endif
