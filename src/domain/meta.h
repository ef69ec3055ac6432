/* meta.h - installation-wide key/value settings (table meta), e.g. whether
 * the database holds demo data. */
#ifndef HELHED_META_H
#define HELHED_META_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"

hh_err meta_set(db *d, const char *key, const char *value, hh_error *e);
/* The value of key, copied into a; NULL when it is not set (or cannot be read). */
const char *meta_get(db *d, arena *a, const char *key);
/* Removes key (nothing happens when it is not set). */
hh_err meta_delete(db *d, const char *key, hh_error *e);
/* True when the database was filled by `helhed demo`. */
bool meta_is_demo(db *d);

#endif
