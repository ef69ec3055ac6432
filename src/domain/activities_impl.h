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

/* Year bounds "YYYY-01-01" and "YYYY-12-31" for year > 0; for year <= 0
 * all time ("0000-01-01" to "9999-12-31"). */
void act_year_bounds(int year, char from[11], char to[11]);

/* Audits a read of participant keys of a plan (action read_personal). */
hh_err act_audit_keys(db *d, const principal *p, int64_t plan_id, hh_error *e);

/* Deletes the plan's participant keys that no session uses any more
 * (after a session or an activity is deleted, or a session's keys
 * change): a key is kept only as long as it counts something. */
hh_err act_participants_prune(db *d, int64_t plan_id, hh_error *e);

/* The text of column col, copied into a. */
const char *act_dup(db_stmt *st, arena *a, int col);

/* Whether sql (a COUNT(*) binding id, then parent) finds a row: HH_OK when
 * it does, NOTFOUND with field and message missing when not. */
hh_err act_row_in(db *d, const char *sql, int64_t id, int64_t parent, const char *what, const char *field,
                  const char *missing, hh_error *e);

/* The one id column that sql (binding id) selects, into *out; NOTFOUND
 * with field and message missing when there is no row. */
hh_err act_lookup_id(db *d, const char *sql, int64_t id, const char *what, const char *field, const char *missing,
                     int64_t *out, hh_error *e);

/* NOTFOUND (field "activity_id") unless activity_id belongs to plan_id. */
hh_err act_activity_in_plan(db *d, int64_t plan_id, int64_t activity_id, hh_error *e);

/* After a deletion: bumps the data version (act_bump). */
hh_err act_after_delete(db *d, int64_t plan_id, hh_error *e);

/* After a deletion that may free participant keys: prunes them
 * (act_participants_prune), then bumps. */
hh_err act_after_delete_prune(db *d, int64_t plan_id, hh_error *e);

/* Deletes one row of a plan's activities table (sql binds plan id, row
 * id) for a principal who may change the plan, and bumps. */
hh_err act_delete_row(db *d, const principal *p, int64_t plan_id, int64_t id, const char *sql, const char *what,
                      const char *missing, hh_error *e);

/* Whether s is non-empty after trimming ASCII space. */
bool act_blank(const char *s);

#endif
