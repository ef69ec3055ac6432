/* demo_lists.h - the demo's area lists (see demo_lists.c). */
#ifndef HELHED_DEMO_LISTS_H
#define HELHED_DEMO_LISTS_H

#include "domain/demo.h"

hh_err demo_lists(db *d, const demo_options *opt, hh_error *e);

#endif
