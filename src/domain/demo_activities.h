/* demo_activities.h - the demo activities, attendance and involvement (see
 * demo_activities.c). */
#ifndef HELHED_DEMO_ACTIVITIES_H
#define HELHED_DEMO_ACTIVITIES_H

#include "domain/demo.h"

/* Activities for the demo plans, made after them: plan 1 ("Demoparken", the
 * plan_staff:1 login's plan) gets eighteen activities drawn from source
 * 002's examples with every session since its start up to yesterday, four
 * of them with pseudonymous participant keys, involvement per activity,
 * phase and year, plan-level reflections, outreach, resident roles,
 * courses and stories; every other plan that has started gets a few
 * activities with fewer sessions. Deterministic by seed and the load date.
 * Everything goes when the plans are cleared (ON DELETE CASCADE). */
hh_err demo_activities(db *d, const demo_options *opt, hh_error *e);

#endif
