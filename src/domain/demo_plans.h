/* demo_plans.h - the demo holistic plans (see demo_plans.c). */
#ifndef HELHED_DEMO_PLANS_H
#define HELHED_DEMO_PLANS_H

#include "domain/demo.h"

/* Removes every plan and the partner registry (they refer to the registry the
 * next step replaces) and restarts plan ids at 1. Runs before the registry. */
hh_err demo_plans_clear(db *d, const demo_options *opt, hh_error *e);

/* The estates of the 27 plans of source 002's Table 1 as housing areas
 * "BO-MUNI-Tnn" named after them (" (fiktive tal)"), built from departments
 * of their municipality in no area yet, or from new departments with ten
 * years of figures where there are too few. Runs after the registry is
 * built and before the key figures are summed (kf_refresh). */
hh_err demo_plan_areas(db *d, const demo_options *opt, hh_error *e);

/* The demo plans, made through plans.h as the operator: plan 1 (København's
 * Demoparken, for the plan_staff:1 login), the 27 plans of source 002's
 * Table 1 in round 2011-2014 (each in its estate's area), and
 * generated plans in the other rounds and types, with histories, budgets,
 * goals, team, steering group, agreements, partners and versions. */
hh_err demo_plans(db *d, const demo_options *opt, hh_error *e);

#endif
