/* plans_impl.h - helpers shared by the plans modules (plans.c,
 * plans_budget.c, plans_goals.c, plans_partners.c, plans_versions.c); not
 * part of the contract in plans.h. */
#ifndef HELHED_PLANS_IMPL_H
#define HELHED_PLANS_IMPL_H

#include <stdbool.h>

#include "db/db.h"
#include "domain/plans.h"

/* True for a real calendar date written YYYY-MM-DD (years 1900-2100). */
bool plan_date_valid(const char *s);
/* Today's date (UTC) as YYYY-MM-DD. */
void plan_today(char out[11]);
/* Days from date a to date b (both valid ISO dates). */
int plan_days_between(const char *a, const char *b);

/* Fails with the rule's Danish text and source in front of the details:
 * "TEXT (SOURCE): DETAILS". */
hh_err plan_rule_fail(hh_error *e, hh_err code, const char *rule, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* The same over another feature's rule table (dialogue.c): the rule's
 * text and source from rules[0..n), with the given error code. */
hh_err plan_rule_fail_in(const plan_rule *rules, size_t n, hh_error *e, hh_err code, const char *rule,
                         const char *field, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* A write runs in its own transaction, or in a savepoint when the caller
 * has one open (the demo generator). plan_tx_end commits or rolls back
 * depending on rc and returns the final result. */
hh_err plan_tx_begin(db *d, bool *own, hh_error *e);
hh_err plan_tx_end(db *d, bool own, hh_err rc, hh_error *e);

/* Marks the plan changed (updated_at) and bumps data version 'plans'. */
hh_err plan_touch(db *d, int64_t plan_id, hh_error *e);
/* Bumps data version 'plans' only (partner registry). */
hh_err plan_bump(db *d, hh_error *e);
/* Bumps data version grp ('plans', 'activities', …). */
hh_err plan_bump_group(db *d, const char *grp, hh_error *e);

/* Steps an UPDATE/DELETE: NOTFOUND (field "id", message missing) when no
 * row changed. */
hh_err plan_run_changed(db *d, db_stmt *st, const char *what, const char *missing, hh_error *e);
/* Steps an INSERT … RETURNING id into *id. */
hh_err plan_run_insert(db *d, db_stmt *st, int64_t *id, const char *what, hh_error *e);

/* Loads the plan for a change: NOTFOUND outside p's read scope, FORBIDDEN
 * when p may see but not change it. */
hh_err plan_load_writable(db *d, const principal *p, arena *a, int64_t id, plan *out, hh_error *e);

/* The name a history entry or version records for p. */
const char *plan_user_name(const principal *p);

/* Saves the next version inside the caller's transaction (without bumping
 * the data version: the caller does, once per write). */
hh_err plan_version_save_tx(db *d, const principal *p, arena *a, int64_t plan_id, const char *note, int *version,
                            hh_error *e);

/* Runs sql with one id parameter (?) and collects its rows (db_collect);
 * what names the read in a database failure ("read the goals"). */
hh_err plan_collect(db *d, arena *a, const char *sql, int64_t id, size_t size, db_row_fn fn, void **out, size_t *n,
                    const char *what, hh_error *e);

/* Deletes one row of a plan's table (sql binds plan id, row id) for a
 * principal who may change the plan, and marks the plan changed; missing is
 * the NOTFOUND message when no row went. */
hh_err plan_delete_row(db *d, const principal *p, int64_t plan_id, int64_t id, const char *sql, const char *what,
                       const char *missing, hh_error *e);

/* Number of UTF-8 code points in s. */
size_t plan_utf8_len(const char *s);

#endif
