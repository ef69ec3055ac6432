/* demo_registry.h - the demo housing sector (see demo_registry.c). */
#ifndef HELHED_DEMO_REGISTRY_H
#define HELHED_DEMO_REGISTRY_H

#include <stdint.h>

#include "domain/demo.h"

/* Replaces the registry and key figures with a synthetic sector; organisation
 * 101 (København) has department 101-1 in area BO-0101-1. */
hh_err demo_registry(db *d, const demo_options *opt, hh_error *e);
/* The same without rebuilding the aggregates and early warning (kf_refresh),
 * for a demo that adds to the registry before it sums the key figures once. */
hh_err demo_registry_build(db *d, const demo_options *opt, hh_error *e);

/* The demo generators' random numbers (splitmix64): deterministic by seed. */
typedef struct demo_rng {
    uint64_t s;
} demo_rng;
uint64_t demo_rng_next(demo_rng *r);
double demo_rng_uniform(demo_rng *r); /* [0, 1) */
double demo_rng_normal(demo_rng *r);
int demo_rng_between(demo_rng *r, int lo, int hi); /* lo..hi inclusive */

/* Adds one department after the registry step, with the registry's ten years
 * of every figure drawn for a steady level of strain (0..1, never sent down
 * the spiral): for later demo steps that need a department in a municipality
 * the registry left empty. Key figures need a kf_refresh afterwards. */
typedef struct demo_department {
    int org_no, department_no;
    const char *name;
    const char *municipality_code;
    int dwellings;
    int build_year;
    double strain;
} demo_department;
hh_err demo_registry_add_department(db *d, demo_rng *r, const demo_department *dd, int64_t *id, hh_error *e);

#endif
