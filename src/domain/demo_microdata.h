/* demo_microdata.h - a synthetic person-level register extract for
 * `helhed lists compute` (the input format of domain/lists_compute.h), for
 * demos, tests and the benchmark: `helhed demo microdata`.
 *
 * N persons per data year, the latest data year DEMO_MICRO_LAST_YEAR going
 * back `years`. Person keys persist across years; each year about 1.5 % of
 * persons leave (replaced by newborns and immigrants with new keys) and 6 %
 * move. The five regions have realistic population shares and income levels,
 * national rates are realistic (about 1.6 % of 18+ convicted a year, 15 %
 * non-Western), and about 11 % live in social housing areas (codes
 * BO-<municipality>-<n>) of 1,000-20,000 residents at national scale (scaled
 * down for small N): from well-off to strained, several near each threshold
 * of the lists, and a few with 950-1,050 residents. A person's traits are drawn
 * with each residence, so an area keeps its profile as people move.
 *
 * Deterministic by seed: every value is a hash of (seed, person, year), so
 * nothing per person is kept in memory; the file is written as a stream. */
#ifndef HELHED_DEMO_MICRODATA_H
#define HELHED_DEMO_MICRODATA_H

#include <stdint.h>
#include <stdio.h>

#include "core/error.h"

#define DEMO_MICRO_LAST_YEAR 2025
#define DEMO_MICRO_MAX_YEARS 10
#define DEMO_MICRO_MAX_PERSONS 20000000

typedef struct demo_micro_options {
    uint64_t persons; /* per data year, 1 to DEMO_MICRO_MAX_PERSONS */
    int years;        /* 1 to DEMO_MICRO_MAX_YEARS */
    uint64_t seed;
} demo_micro_options;

typedef struct demo_micro_summary {
    uint64_t rows;
    size_t areas;
    uint64_t area_residents; /* in the latest year */
} demo_micro_summary;

/* Writes the extract (';' separated, '.' decimals, header first) to f.
 * HH_ERR_USAGE for options out of range, HH_ERR_IO when writing fails. */
hh_err demo_microdata_write(FILE *f, const demo_micro_options *opt, demo_micro_summary *sum, hh_error *e);

#endif
