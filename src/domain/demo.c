#include "domain/demo.h"

#include <stdio.h>

#include "core/util.h"
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

/* Steps run in order inside one transaction. */
static const struct {
    const char *name;
    demo_step_fn fn;
} demo_steps[] = {
    { "marking the database as demo data", demo_mark },
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
