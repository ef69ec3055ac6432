/* keyfig.h - the key-figure catalogue, time series, aggregation and
 * small-number suppression.
 *
 * The catalogue is a table in this code (kf_catalogue), copied into the
 * database's key_figure table at start-up so SQL can join on it. Values are
 * stored per department (and per area where the source is area level) and
 * year as the parts they are made of: numerator and denominator for shares,
 * rates and means, a value for amounts and indexes. Aggregates therefore sum
 * parts and divide once: 30/100 and 10/50 give 40/150 = 26.7 %, never the
 * 25 % an average of percentages would give. */
#ifndef HELHED_KEYFIG_H
#define HELHED_KEYFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "db/db.h"

typedef enum kf_kind {
    KF_SHARE,         /* numerator / denominator, shown in % */
    KF_RATE_PER_1000, /* numerator / denominator * 1000 */
    KF_MEAN,          /* sum / count */
    KF_AMOUNT,        /* summed value (counts, DKK) */
    KF_INDEX,         /* value, aggregated weighted by denominator */
    KF_KIND_COUNT
} kf_kind;

typedef enum kf_link { LINK_WEAR, LINK_INSECURITY, LINK_MOVEOUT, LINK_SOCIAL, LINK_NONE, LINK_COUNT } kf_link;
typedef enum kf_direction { DIR_UP, DIR_DOWN, DIR_NONE } kf_direction;

typedef struct key_figure {
    const char *code; /* stable English snake_case: appears in import files */
    const char *name_da;
    const char *name_en;
    const char *unit; /* Danish suffix for display: "%", "kr.", "pr. 1.000" … */
    kf_kind kind;
    kf_direction good; /* which direction is good */
    kf_link link;      /* link of the negative spiral (DOMAIN.md §7) */
    bool is_count;     /* amounts that count persons/households: suppressed under 5 */
    int decimals;
    const char *source;
    const char *definition;
    /* Labels of numerator and denominator, for import messages and tooltips. */
    const char *numerator_da;
    const char *denominator_da;
} key_figure;

extern const key_figure kf_catalogue[];
extern const size_t kf_count;

extern const char *const kf_kind_code[KF_KIND_COUNT];
extern const char *const kf_link_code[LINK_COUNT];
extern const char *const kf_link_label[LINK_COUNT]; /* Danish */
extern const char *const kf_direction_code[3];

/* Catalogue index by code, or -1. */
int kf_find(const char *code);
/* True when values of this kind are stored as numerator and denominator. */
bool kf_has_parts(kf_kind k);

/* Writes the catalogue into key_figure (insert or update by code). The
 * database id of catalogue entry i is then kf_db_id(i) = i + 1. */
hh_err kf_catalogue_sync(db *d, hh_error *e);
static inline int64_t kf_db_id(int index)
{
    return (int64_t)index + 1;
}

/* The minimum count shown: smaller counts (and shares, rates and means built
 * on them) are shown as "<5". */
#define KF_MIN_COUNT 5

/* An aggregate or a single value, in parts. */
typedef struct kf_parts {
    double numerator;   /* NAN when absent */
    double denominator; /* NAN when absent */
    double value;       /* amount/index value, NAN when absent */
    double weighted;    /* sum of value*denominator, for indexes */
    int64_t units;      /* departments contributing */
} kf_parts;

/* The displayed number from parts (%, per 1000, mean, sum, weighted index);
 * NAN when it cannot be computed. */
double kf_result(const key_figure *kf, const kf_parts *p);
/* Primary suppression: true when the parts rest on fewer than 5. */
bool kf_suppressed(const key_figure *kf, const kf_parts *p);

/* A cell of an output table with members that add up to a shown total. */
typedef struct kf_cell {
    kf_parts parts;
    bool suppressed; /* out */
} kf_cell;

/* Primary and complementary suppression over cells whose total is shown in
 * the same output: after it, no suppressed cell can be recovered by
 * subtracting the others from the total (at least two cells are hidden, and
 * the hidden cells together rest on at least 5). Returns the number of
 * suppressed cells. */
size_t kf_suppress_group(const key_figure *kf, kf_cell *cells, size_t n, bool total_shown);

/* Formats the displayed value in Danish ("26,7 %", "<5", "-" when missing). */
char *kf_format(const key_figure *kf, const kf_parts *p, bool suppressed, char *out, size_t n);

/* Rebuilds kf_agg (area, organisation, municipality, region, country, peer
 * levels) from kf_value and kf_area_value, bumps the data version, and then
 * rebuilds the early-warning statuses (warn_refresh). Call inside the
 * transaction that changed figures or the registry. */
hh_err kf_refresh(db *d, hh_error *e);

/* Peer group of a department: size band, build era and municipality type,
 * e.g. "s2-e1-m0"; the label in Danish. */
const char *kf_peer_code(char *out, size_t n, int64_t dwellings, int64_t build_year, const char *municipality_code,
                         const char *region_code);
const char *kf_peer_label(arena *a, const char *peer_code);

/* ---- reading series and levels ---- */

typedef enum kf_level {
    LEVEL_DEPARTMENT,
    LEVEL_AREA,
    LEVEL_ORGANISATION,
    LEVEL_MUNICIPALITY,
    LEVEL_REGION,
    LEVEL_COUNTRY,
    LEVEL_PEER,
    LEVEL_COUNT
} kf_level;

extern const char *const kf_level_code[LEVEL_COUNT];  /* "department" … as in kf_agg and the CLI */
extern const char *const kf_level_label[LEVEL_COUNT]; /* Danish */
/* Level by code; LEVEL_COUNT when unknown. */
kf_level kf_level_by_code(const char *code);

/* One value of one unit: a department ("ORG-DEPT"), an area (its code), an
 * organisation, a municipality, a region, "DK" or a peer group. */
typedef struct kf_row {
    const char *code;
    const char *name;
    int kf; /* catalogue index */
    int year;
    kf_parts parts;
    bool suppressed;
} kf_row;

/* Values of one unit: every figure and year (kf < 0) or one figure, ordered by
 * figure and year. For departments code is the department id, for areas the
 * area id, as text. */
hh_err kf_unit_series(db *d, kf_level level, const char *code, int kf, arena *a, kf_row **out, size_t *n, hh_error *e);

/* Values of every unit of a level for a year (year 0: every year), one
 * figure or all (kf < 0), restricted by `where` (SQL over the level's unit
 * alias u: department d, housing_area a, organisation o; NULL = all),
 * ordered by unit code, figure and year. */
hh_err kf_level_rows(db *d, kf_level level, int year, int kf, const char *where, arena *a, kf_row **out, size_t *n,
                     hh_error *e);

/* Applies suppression to rows: each value on its own, and across figures
 * that split the same whole (the age groups of the residents), so a hidden
 * group cannot be recovered as the rest of 100 %. Rows of one unit and year
 * must be adjacent (as kf_level_rows returns them). */
void kf_suppress_rows(kf_row *rows, size_t n);

/* Latest year with values at all, 0 when there are none. */
int kf_latest_year(db *d);

#endif
