/* geo.h - regions and municipalities (reference data loaded by migration
 * 0002 from the official codes). */
#ifndef HELHED_GEO_H
#define HELHED_GEO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"

typedef struct geo_region {
    const char *code;
    const char *name;
    int municipality_count; /* municipalities proper (Christiansø excluded) */
} geo_region;

typedef struct geo_municipality {
    const char *code;
    const char *name;
    const char *region_code;
    const char *region_name;
    bool is_municipality; /* false for Christiansø, administered by the state */
} geo_municipality;

typedef enum geo_order { GEO_BY_CODE, GEO_BY_NAME } geo_order;

/* All regions by code; strings live in a. */
hh_err geo_regions(db *d, arena *a, geo_region **out, size_t *n, hh_error *e);
/* HH_ERR_NOTFOUND when no region has this code. */
hh_err geo_region_get(db *d, arena *a, const char *code, geo_region *out, hh_error *e);
/* Municipalities, optionally of one region (region_code NULL = all). Names
 * sort in Danish alphabetical order (GEO_BY_NAME). */
hh_err geo_municipalities(db *d, arena *a, const char *region_code, geo_order order, geo_municipality **out, size_t *n,
                          hh_error *e);
/* HH_ERR_NOTFOUND when no municipality has this code. */
hh_err geo_municipality_get(db *d, arena *a, const char *code, geo_municipality *out, hh_error *e);

/* True when s looks like an official 4-digit code. */
bool geo_code_valid(const char *s);

#endif
