/* lists_store.h - the area lists in the database: criterion values and
 * published statuses (migration 0007), loaded together and classified on the
 * fly with the rule set of each list year (lists.h), written by import or
 * derived from the registry areas' key figures.
 *
 * Every list year of every area is loaded at once (a few thousand rows
 * nationally) because a year's categories can depend on the four years
 * before it. */
#ifndef HELHED_LISTS_STORE_H
#define HELHED_LISTS_STORE_H

#include <stddef.h>

#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"
#include "domain/lists.h"

/* Where a row of list values came from, for "each number links back to its
 * input row". */
typedef struct list_origin {
    const char *source; /* file name, or "nøgletal" for values derived from key figures */
    size_t row;         /* row in that file (header = 1), 0 when derived */
} list_origin;

/* An area as the lists know it: registry data when the code is a registry area. */
typedef struct list_area_info {
    const char *name;              /* registry name, or NULL */
    const char *municipality_code; /* registry municipality, or NULL */
    const char *municipality_name;
} list_area_info;

typedef struct list_book {
    list_input *rows; /* ordered by area code, then year */
    list_result *res; /* res[i] classifies rows[i] */
    list_origin *origin;
    list_area_info *info;
    size_t n;
    list_status_row *published;
    list_origin *published_origin;
    size_t npublished;
    int first_year, last_year; /* of rows; 0 when none */
} list_book;

#define LIST_SOURCE_KEYFIGURES "nøgletal"

/* Loads and classifies everything (arena-allocated). */
hh_err lists_load(db *d, arena *a, list_book *out, hh_error *e);
/* Index of an area's row for a year, or -1. */
long lists_find(const list_book *b, const char *area_code, int year);
/* The published status of an area and year: true when there is one. */
bool lists_published(const list_book *b, const char *area_code, int year, unsigned *categories);

/* Writes list values (insert or replace by area and year); *changed counts
 * rows that were new or different. Call inside a transaction. */
hh_err lists_put_value(db *d, const list_input *in, const list_origin *o, bool *changed, hh_error *e);
hh_err lists_put_published(db *d, const list_status_row *s, const list_origin *o, bool *changed, hh_error *e);

/* Derives list values for list years first..last of every registry area from
 * its key figures (the area aggregates): residents, non-Western, basic
 * education and income of data year Y-1, outside labour and convicted
 * averaged over Y-2 and Y-1 (the national convicted share likewise), with
 * their denominators. Rows imported from a file are left alone; a year whose
 * data is incomplete gets missing values, never a one-year average. Call
 * inside a transaction. */
hh_err lists_derive(db *d, int first, int last, size_t *written, hh_error *e);

#endif
