/* demo.h - the demo data set behind `helhed demo` and `make demo`.
 *
 * Demo data is clearly synthetic: loading it sets meta.demo = 1, which makes
 * every page show the "Demodata — fiktive tal" banner. Each capability adds
 * its generator to the step table in demo.c; loading is one transaction and
 * can be repeated (it refreshes what it made). */
#ifndef HELHED_DEMO_H
#define HELHED_DEMO_H

#include <stdint.h>

#include "core/error.h"
#include "db/db.h"

typedef enum demo_scale { DEMO_SMALL, DEMO_NATIONAL } demo_scale;

typedef struct demo_options {
    uint64_t seed;
    demo_scale scale; /* small: a dozen organisations; national: ~500 organisations, ~8,000 departments */
    /* When set, the generator writes the departments it sent down the
     * spiral here, one "ORG-DEPT" a line: ground truth for testing early
     * warning, which never reads it. */
    const char *truth_path;
} demo_options;

hh_err demo_load(db *d, const demo_options *opt, hh_error *e);

/* The demo logins, one per role, scoped to demo objects (printed by
 * `helhed demo`; the passwords are public knowledge, like the data). */
typedef struct demo_login {
    const char *email;
    const char *name;
    const char *password;
    const char *grant; /* ROLE[:SCOPE] */
} demo_login;

extern const demo_login demo_logins[];
extern const size_t demo_nlogins;

#endif
