/* demo_registry.h - the demo housing sector (see demo_registry.c). */
#ifndef HELHED_DEMO_REGISTRY_H
#define HELHED_DEMO_REGISTRY_H

#include "domain/demo.h"

/* Replaces the registry and key figures with a synthetic sector; organisation
 * 101 (København) has department 101-1 in area BO-0101-1. */
hh_err demo_registry(db *d, const demo_options *opt, hh_error *e);

#endif
