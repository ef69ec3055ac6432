#include "domain/demo.h"

#include <stdio.h>

#include "auth/roles.h"
#include "auth/session.h"
#include "auth/users.h"
#include "core/util.h"
#include "domain/demo_activities.h"
#include "domain/demo_dialogue.h"
#include "domain/demo_lists.h"
#include "domain/demo_plans.h"
#include "domain/demo_registry.h"
#include "domain/keyfig.h"
#include "domain/meta.h"

typedef hh_err (*demo_step_fn)(db *d, const demo_options *opt, hh_error *e);

static hh_err demo_mark(db *d, const demo_options *opt, hh_error *e)
{
    char ts[21], seed[24];
    hh_utc_iso(ts);
    snprintf(seed, sizeof(seed), "%llu", (unsigned long long)opt->seed);
    hh_err rc = meta_set(d, "demo", "1", e);
    if (!rc)
        rc = meta_set(d, "demo_generated_at", ts, e);
    if (!rc)
        rc = meta_set(d, "demo_seed", seed, e);
    return rc;
}

/* Scopes point at demo objects: København (0101), organisation 101, plan 1
 * and department 101-1 (created by the registry and plan demo steps). */
const demo_login demo_logins[] = {
    { "admin@helhed.example", "Ada Administrator", "demo-admin-helhed", "admin" },
    { "national@helhed.example", "Nanna Nationalsen", "demo-national-helhed", "national" },
    { "kommune@helhed.example", "Kim Kommunesen", "demo-kommune-helhed", "municipality:0101" },
    { "boligorganisation@helhed.example", "Bo Boligsen", "demo-boligorg-helhed", "organisation:101" },
    { "planmedarbejder@helhed.example", "Pia Planlægger", "demo-plan-helhed", "plan_staff:1" },
    { "vicevaert@helhed.example", "Villy Vicevært", "demo-vicevaert-helhed", "caretaker:101-1" },
    { "laeser@helhed.example", "Lise Læser", "demo-laeser-helhed", "viewer:municipality=0101" },
};
const size_t demo_nlogins = sizeof(demo_logins) / sizeof(demo_logins[0]);

/* Creates the demo users or resets them to their demo password and grant. */
static hh_err demo_users(db *d, const demo_options *opt, hh_error *e)
{
    (void)opt;
    arena a;
    arena_init(&a);
    hh_err rc = HH_OK;
    for (size_t i = 0; i < demo_nlogins && !rc; i++) {
        const demo_login *l = &demo_logins[i];
        user u;
        grant *g;
        size_t n;
        if ((rc = grant_parse(d, &a, l->grant, &g, &n, e)))
            break;
        if (users_find(d, &a, l->email, &u, NULL, NULL) == HH_OK) {
            rc = users_set_password(d, u.id, l->password, false, e);
            if (!rc)
                rc = users_set_active(d, u.id, true, e);
            if (!rc)
                rc = session_destroy_all(d, u.id, NULL, e);
            /* Exactly the demo grant: drop whatever else was given. */
            db_stmt *st = db_prepare(d, "DELETE FROM user_grant WHERE user_id = ?");
            if (!rc && st) {
                db_bind_int64(st, 1, u.id);
                db_step(st);
                db_done(st);
            }
        } else {
            rc = users_add(d, &a, l->email, l->name, l->password, false, &u.id, e);
        }
        if (!rc)
            rc = users_grant(d, u.id, g, n, e);
    }
    arena_free(&a);
    return rc;
}

/* Sums the key figures of everything the steps before made, once. */
static hh_err demo_keyfigures(db *d, const demo_options *opt, hh_error *e)
{
    (void)opt;
    return kf_refresh(d, e);
}

/* Steps run in order inside one transaction. */
static const struct {
    const char *name;
    demo_step_fn fn;
} demo_steps[] = {
    { "marking the database as demo data", demo_mark },
    { "demo users, one per role", demo_users },
    { "clearing the plans, which refer to the registry", demo_plans_clear },
    { "clearing the steering dialogues, deadlines and definitions, which refer to the registry", demo_dialogue_clear },
    { "organisations, departments, areas and ten years of key figures", demo_registry_build },
    { "the estates of the plans in source 002's Table 1 as housing areas", demo_plan_areas },
    { "key-figure aggregates and early warning", demo_keyfigures },
    { "area lists: criterion values from the areas' key figures and a published history", demo_lists },
    { "holistic plans: plan 1, the 27 plans of source 002's Table 1 and generated plans", demo_plans },
    { "activities, sessions, involvement, outreach, roles and stories of the plans", demo_activities },
    { "steering dialogues: deadlines, definitions, three years of dialogues with answers, selections and goals",
      demo_dialogue },
};

hh_err demo_load(db *d, const demo_options *opt, hh_error *e)
{
    hh_err rc = db_begin(d, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < HH_ARRAY_LEN(demo_steps); i++) {
        if ((rc = demo_steps[i].fn(d, opt, e))) {
            db_rollback(d);
            return rc;
        }
    }
    if ((rc = db_commit(d, e))) {
        db_rollback(d);
        return rc;
    }
    return HH_OK;
}
