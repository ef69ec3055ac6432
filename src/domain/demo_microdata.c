/* demo_microdata.c - the synthetic register extract of demo_microdata.h.
 *
 * Model. A data year has N person slots. Slot s holds the same person from
 * year to year unless the slot is "replaced" that year (the person died or
 * emigrated; a newborn or an immigrant with a new key takes the slot), so a
 * person's key is the slot and the year of its latest replacement. A person
 * moves in a year with a fixed probability; where they live from their latest
 * move (or arrival) is drawn from the locations: every area (weight = its
 * size) and, per region, "outside any area" (the region's share of N less its
 * areas). The traits that make the criteria (non-Western origin, basic
 * education only, attachment to the labour market, income level) are drawn
 * with the residence from the location's rates; yearly events (a conviction,
 * part-year spells outside the labour market, income noise) from the year.
 * Every draw is a hash of (seed, key, residence epoch or year, what), so the
 * file is the same for the same seed and nothing per person is stored. */
#include "domain/demo_microdata.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

#define NREG 5
#define REGION_FIRST 1081
#define AREA_SHARE 0.11             /* of all persons, in social housing areas */
#define NATIONAL_AREAS_FROM 2000000 /* persons from which areas have their real sizes */
#define LEAVE_RATE 0.015            /* slots replaced a year */
#define MOVE_RATE 0.06              /* persons moving a year */
#define NATIONAL_CONVICTED 0.016    /* of 18+ a year */

/* Regions 1081-1085: population share and mean gross income (DKK, 2025) of
 * taxpayers 15-64 not in education, non-Western share, basic-education share
 * of 30-59 and the share outside the labour market of 18-64 (full-time). */
static const struct {
    double share, income, nonwest, basic, outside;
} region_model[NREG] = {
    { 0.10, 372000, 0.10, 0.22, 0.12 }, /* 1081 Nordjylland */
    { 0.23, 398000, 0.12, 0.19, 0.10 }, /* 1082 Midtjylland */
    { 0.21, 386000, 0.13, 0.21, 0.11 }, /* 1083 Syddanmark */
    { 0.32, 458000, 0.20, 0.15, 0.10 }, /* 1084 Hovedstaden */
    { 0.14, 402000, 0.12, 0.23, 0.12 }, /* 1085 Sjælland */
};

/* Municipality codes (public reference data) per region, with a weight for
 * where areas lie: the large cities have most social housing. */
typedef struct muni {
    const char *code;
    int region;
    int weight;
} muni;

static const muni munis[] = {
    { "0773", 1081, 1 }, { "0787", 1081, 1 }, { "0810", 1081, 1 }, { "0813", 1081, 2 },  { "0820", 1081, 1 },
    { "0840", 1081, 1 }, { "0846", 1081, 1 }, { "0849", 1081, 1 }, { "0851", 1081, 6 },  { "0860", 1081, 2 },
    { "0615", 1082, 3 }, { "0657", 1082, 2 }, { "0661", 1082, 2 }, { "0665", 1082, 1 },  { "0671", 1082, 1 },
    { "0706", 1082, 1 }, { "0707", 1082, 1 }, { "0710", 1082, 1 }, { "0727", 1082, 1 },  { "0730", 1082, 3 },
    { "0740", 1082, 2 }, { "0746", 1082, 1 }, { "0751", 1082, 8 }, { "0756", 1082, 1 },  { "0760", 1082, 1 },
    { "0766", 1082, 1 }, { "0779", 1082, 1 }, { "0791", 1082, 2 }, { "0410", 1083, 1 },  { "0420", 1083, 1 },
    { "0430", 1083, 1 }, { "0440", 1083, 1 }, { "0450", 1083, 1 }, { "0461", 1083, 7 },  { "0479", 1083, 2 },
    { "0480", 1083, 1 }, { "0482", 1083, 1 }, { "0510", 1083, 2 }, { "0530", 1083, 1 },  { "0540", 1083, 2 },
    { "0550", 1083, 1 }, { "0561", 1083, 3 }, { "0573", 1083, 1 }, { "0575", 1083, 1 },  { "0580", 1083, 2 },
    { "0607", 1083, 2 }, { "0621", 1083, 3 }, { "0630", 1083, 3 }, { "0101", 1084, 12 }, { "0147", 1084, 2 },
    { "0151", 1084, 2 }, { "0153", 1084, 3 }, { "0155", 1084, 1 }, { "0157", 1084, 1 },  { "0159", 1084, 3 },
    { "0161", 1084, 2 }, { "0163", 1084, 2 }, { "0165", 1084, 3 }, { "0167", 1084, 3 },  { "0169", 1084, 3 },
    { "0173", 1084, 1 }, { "0175", 1084, 2 }, { "0183", 1084, 3 }, { "0185", 1084, 2 },  { "0187", 1084, 1 },
    { "0190", 1084, 2 }, { "0201", 1084, 1 }, { "0210", 1084, 2 }, { "0217", 1084, 3 },  { "0219", 1084, 2 },
    { "0223", 1084, 1 }, { "0230", 1084, 1 }, { "0240", 1084, 1 }, { "0250", 1084, 2 },  { "0260", 1084, 1 },
    { "0270", 1084, 1 }, { "0400", 1084, 1 }, { "0253", 1085, 2 }, { "0259", 1085, 3 },  { "0265", 1085, 3 },
    { "0269", 1085, 1 }, { "0306", 1085, 1 }, { "0316", 1085, 3 }, { "0320", 1085, 1 },  { "0326", 1085, 2 },
    { "0329", 1085, 2 }, { "0330", 1085, 3 }, { "0336", 1085, 1 }, { "0340", 1085, 1 },  { "0350", 1085, 1 },
    { "0360", 1085, 2 }, { "0370", 1085, 3 }, { "0376", 1085, 2 }, { "0390", 1085, 1 },
};

/* Area profiles as targets (L, E, non-Western in %, C as a multiple of the
 * national share, I in % of the region's mean), each with a spread. Near-
 * threshold profiles sit on one threshold and clearly meet one other
 * criterion, so that threshold decides the area's category. */
typedef struct profile {
    double l, c, e, i, nw;      /* centre */
    double dl, dc, de, di, dnw; /* half-width of the uniform spread */
} profile;

static const profile profiles[] = {
    { 11, 0.9, 22, 98, 12, 4, 0.3, 7, 12, 7 },    /* well-off */
    { 11, 0.9, 22, 98, 12, 4, 0.3, 7, 12, 7 },    /* well-off */
    { 11, 0.9, 22, 98, 12, 4, 0.3, 7, 12, 7 },    /* well-off */
    { 23, 1.5, 37, 78, 27, 5, 0.3, 7, 7, 8 },     /* average social housing */
    { 23, 1.5, 37, 78, 27, 5, 0.3, 7, 7, 8 },     /* average social housing */
    { 23, 1.5, 37, 78, 27, 5, 0.3, 7, 7, 8 },     /* average social housing */
    { 23, 1.5, 37, 78, 27, 5, 0.3, 7, 7, 8 },     /* average social housing */
    { 44, 3.4, 66, 50, 62, 6, 0.6, 5, 4, 12 },    /* strained */
    { 44, 3.4, 66, 50, 62, 6, 0.6, 5, 4, 12 },    /* strained */
    { 40, 1.6, 66, 70, 40, 1.2, 0.2, 3, 4, 6 },   /* L near 40 (E met) */
    { 30, 1.4, 65, 72, 36, 1.2, 0.2, 3, 4, 4 },   /* L near 30 (E met, non-Western > 30) */
    { 25, 1.4, 60, 52, 44, 4, 0.2, 1.5, 2, 4 },   /* E near 60 (I met) */
    { 27, 1.5, 64, 55, 45, 4, 0.2, 3, 1.2, 4 },   /* I near 55 (E met) */
    { 32, 1.3, 45, 65, 38, 1.5, 0.2, 6, 1.2, 4 }, /* I near 65 (L > 30, non-Western > 30) */
    { 45, 3.5, 66, 50, 50, 3, 0.3, 3, 3, 1.5 },   /* non-Western near 50 (udsat) */
    { 34, 1.4, 66, 70, 30, 2, 0.2, 3, 4, 1.5 },   /* non-Western near 30 (L > 30, E > 60) */
    { 28, 3.0, 64, 70, 40, 4, 0.12, 3, 4, 5 },    /* C near 3 x national (E met) */
    { 33, 2.0, 45, 72, 36, 1.5, 0.12, 6, 4, 4 },  /* C near 2 x national (L > 30, non-Western > 30) */
    { 23, 1.5, 37, 78, 27, 5, 0.3, 7, 7, 8 },     /* average social housing */
    { 36, 2.4, 55, 60, 45, 5, 0.4, 6, 5, 10 },    /* strained, below most thresholds */
};

typedef struct area {
    char code[24];
    int region;  /* index 0-4 */
    double size; /* expected residents */
    double l, c, e, i, nw;
} area;

/* A location: an area, or outside areas in a region. Rates are per person. */
typedef struct loc {
    int area;   /* index into areas, -1 outside */
    int region; /* index 0-4 */
    double p_out, p_conv, p_basic, p_nw, income;
} loc;

typedef struct model {
    uint64_t seed, n;
    int years, first_year;
    area *areas;
    size_t nareas;
    loc *locs;
    double *cum; /* cumulative location weights, normalised to 1 */
    size_t nlocs;
    double growth[DEMO_MICRO_MAX_YEARS]; /* income level of each year against the latest */
} model;

/* ---- hashing ---- */

static uint64_t mix(uint64_t z)
{
    /* splitmix64's finaliser */
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t h3(uint64_t seed, uint64_t a, uint64_t b, uint64_t what)
{
    return mix(seed ^ mix(a * 0x9E3779B97F4A7C15ull ^ mix(b + 0x632BE59BD9B4E019ull) ^ (what << 56)));
}

static double unit(uint64_t h)
{
    return (double)(h >> 11) / 9007199254740992.0;
}

/* A standard normal from one hash (Box-Muller on its two halves). */
static double normal_of(uint64_t h)
{
    double u = ((double)(h >> 32) + 0.5) / 4294967296.0, v = (double)(h & 0xFFFFFFFFu) / 4294967296.0;
    return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

enum {
    W_REPLACE = 1,
    W_NEWBORN,
    W_BIRTH,
    W_MOVE,
    W_LOC,
    W_NW,
    W_BASIC,
    W_OUT,
    W_OUT_YEAR,
    W_FTE,
    W_CONV,
    W_EDU,
    W_TAX,
    W_INCOME,
    W_INCOME_YEAR,
    W_LOSS,
    W_DECIMALS
};

/* ---- the model ---- */

typedef struct rng {
    uint64_t s;
} rng;

static double next_unit(rng *r)
{
    r->s += 0x9E3779B97F4A7C15ull;
    return unit(mix(r->s));
}

static double spread(rng *r, double centre, double half)
{
    return centre + (2 * next_unit(r) - 1) * half;
}

/* Residents of an area at national scale: mostly 1,000-3,000, a tail up to
 * 20,000. */
static double draw_size(rng *r)
{
    double u = next_unit(r), v = next_unit(r);
    if (u < 0.70)
        return 1000 + v * 2000;
    if (u < 0.90)
        return 3000 + v * 3000;
    if (u < 0.98)
        return 6000 + v * 6000;
    return 12000 + v * 8000;
}

static void build_areas(model *m)
{
    rng r = { m->seed * 0x2545F4914F6CDD1Dull + 99 };
    double target = AREA_SHARE * (double)m->n;
    size_t cap = 64;
    m->areas = xcalloc(cap, sizeof *m->areas);
    /* At national scale areas have their real sizes; below it as many as
     * half a percent of N allows (at least one, at most 24), scaled. */
    size_t want = 0;
    if (m->n < NATIONAL_AREAS_FROM) {
        want = (size_t)(m->n / 2000);
        want = want < 1 ? 1 : want > 24 ? 24 : want;
    }
    double sum = 0;
    unsigned per_muni[HH_ARRAY_LEN(munis)] = { 0 };
    int total_weight = 0;
    for (size_t k = 0; k < HH_ARRAY_LEN(munis); k++)
        total_weight += munis[k].weight;
    size_t perm[HH_ARRAY_LEN(profiles)];
    for (size_t k = 0; k < HH_ARRAY_LEN(profiles); k++)
        perm[k] = k;
    for (size_t k = HH_ARRAY_LEN(profiles) - 1; k > 0; k--) {
        size_t j = (size_t)(next_unit(&r) * (double)(k + 1));
        size_t t = perm[k];
        perm[k] = perm[j];
        perm[j] = t;
    }
    while (want ? m->nareas < want : sum < target) {
        if (m->nareas == cap) {
            cap *= 2;
            m->areas = xrealloc(m->areas, cap * sizeof *m->areas);
        }
        area *a = &m->areas[m->nareas];
        memset(a, 0, sizeof *a);
        /* A few just around 1,000 residents (the list's size limit). */
        a->size = m->nareas % 40 == 7 ? 955 + next_unit(&r) * 90 : draw_size(&r);
        int w = (int)(next_unit(&r) * total_weight);
        size_t mi = 0;
        while (w >= munis[mi].weight) {
            w -= munis[mi].weight;
            mi++;
        }
        a->region = munis[mi].region - REGION_FIRST;
        snprintf(a->code, sizeof a->code, "BO-%s-%u", munis[mi].code, ++per_muni[mi]);
        const profile *p = &profiles[perm[m->nareas % HH_ARRAY_LEN(profiles)]];
        a->l = spread(&r, p->l, p->dl);
        a->c = spread(&r, p->c, p->dc);
        a->e = spread(&r, p->e, p->de);
        a->i = spread(&r, p->i, p->di);
        a->nw = spread(&r, p->nw, p->dnw);
        sum += a->size;
        m->nareas++;
    }
    if (want || sum > target * 1.05)
        for (size_t k = 0; k < m->nareas; k++)
            m->areas[k].size *= target / sum;
}

/* A person outside the labour market for part of the year has on average
 * this full-time share (see fte_of), one inside it a little from short spells. */
#define FTE_OUTSIDE (0.6 + 0.4 * 7.0 / 12.0)
#define FTE_INSIDE (0.08 * 1.5 / 12.0)

/* Persons in education (about 12 % of 18-64) are never outside, so the others
 * carry the location's share. */
#define NOT_IN_EDUCATION 0.884

static double p_out_for(double share)
{
    double p = (share / NOT_IN_EDUCATION - FTE_INSIDE) / (FTE_OUTSIDE - FTE_INSIDE);
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

static void build_locations(model *m)
{
    m->nlocs = m->nareas + NREG;
    m->locs = xcalloc(m->nlocs, sizeof *m->locs);
    m->cum = xcalloc(m->nlocs, sizeof *m->cum);
    /* Region pools get the rest of each region's rates and income so the
     * region (areas included) has its model values; weights are persons. */
    double area_pop[NREG] = { 0 }, nw[NREG] = { 0 }, basic[NREG] = { 0 }, out[NREG] = { 0 }, inc[NREG] = { 0 };
    double conv = 0, area_all = 0;
    for (size_t k = 0; k < m->nareas; k++) {
        const area *a = &m->areas[k];
        area_pop[a->region] += a->size;
        nw[a->region] += a->size * a->nw / 100;
        basic[a->region] += a->size * a->e / 100;
        out[a->region] += a->size * a->l / 100;
        inc[a->region] += a->size * a->i / 100;
        conv += a->size * a->c * NATIONAL_CONVICTED;
        area_all += a->size;
    }
    double n = (double)m->n;
    double pool_conv = (NATIONAL_CONVICTED * n - conv) / (n - area_all);
    double total = 0;
    for (size_t k = 0; k < m->nlocs; k++) {
        loc *l = &m->locs[k];
        double w;
        if (k < m->nareas) {
            const area *a = &m->areas[k];
            double mean = region_model[a->region].income;
            *l = (loc){ (int)k,     a->region,   p_out_for(a->l / 100), a->c * NATIONAL_CONVICTED,
                        a->e / 100, a->nw / 100, mean * a->i / 100 };
            w = a->size;
        } else {
            int g = (int)(k - m->nareas);
            double pop = region_model[g].share * n, rest = pop - area_pop[g];
            if (rest < pop * 0.05)
                rest = pop * 0.05;
            double f = pop / rest;
            l->area = -1;
            l->region = g;
            l->p_nw = fmax(0.01, region_model[g].nonwest * f - nw[g] / rest);
            l->p_basic = fmax(0.02, region_model[g].basic * f - basic[g] / rest);
            l->p_out = p_out_for(fmax(0.02, region_model[g].outside * f - out[g] / rest));
            l->p_conv = fmax(0.002, pool_conv);
            l->income = region_model[g].income * fmax(0.5, f - inc[g] / rest);
            w = rest;
        }
        total += w;
        m->cum[k] = total;
    }
    for (size_t k = 0; k < m->nlocs; k++)
        m->cum[k] /= total;
    m->cum[m->nlocs - 1] = 1.0;
}

static const loc *pick_loc(const model *m, double u)
{
    size_t lo = 0, hi = m->nlocs - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (u < m->cum[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return &m->locs[lo];
}

/* Age in the first data year of a person present from the start: a Danish
 * age pyramid, coarsely. */
static int first_age(uint64_t h)
{
    static const struct {
        int from, to;
        double cum;
    } bands[] = { { 0, 14, 0.16 },  { 15, 29, 0.35 }, { 30, 44, 0.53 },
                  { 45, 59, 0.73 }, { 60, 74, 0.90 }, { 75, 99, 1.0 } };
    double u = unit(h);
    size_t b = 0;
    while (b + 1 < HH_ARRAY_LEN(bands) && u >= bands[b].cum)
        b++;
    double lo = b ? bands[b - 1].cum : 0;
    double x = (u - lo) / (bands[b].cum - lo);
    return bands[b].from + (int)(x * (bands[b].to - bands[b].from + 1));
}

static double p_in_education(int age)
{
    return age < 6    ? 0
           : age < 15 ? 1
           : age < 18 ? 0.9
           : age < 20 ? 0.7
           : age < 25 ? 0.45
           : age < 30 ? 0.22
           : age < 40 ? 0.05
           : age < 60 ? 0.01
                      : 0;
}

/* ---- writing ---- */

typedef struct out {
    FILE *f;
    char buf[1 << 20];
    size_t n;
    bool failed;
} out;

static void out_flush(out *o)
{
    if (o->n && fwrite(o->buf, 1, o->n, o->f) != o->n)
        o->failed = true;
    o->n = 0;
}

static inline void out_mem(out *o, const char *s, size_t n)
{
    if (o->n + n > sizeof o->buf)
        out_flush(o);
    memcpy(o->buf + o->n, s, n);
    o->n += n;
}

static inline void out_uint(out *o, uint64_t v)
{
    char tmp[24];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (o->n + (size_t)k > sizeof o->buf)
        out_flush(o);
    while (k)
        o->buf[o->n++] = tmp[--k];
}

static inline void out_char(out *o, char c)
{
    if (o->n == sizeof o->buf)
        out_flush(o);
    o->buf[o->n++] = c;
}

/* ---- persons ---- */

typedef struct person {
    uint64_t key;
    int age;
    const loc *where;
    uint64_t epoch; /* year index of the latest arrival or move */
} person;

/* The person in slot s in year index k. */
static void person_at(const model *m, uint64_t s, int k, person *p)
{
    int j = k;
    while (j > 0 && unit(h3(m->seed, s, (uint64_t)j, W_REPLACE)) >= LEAVE_RATE)
        j--;
    p->key = (uint64_t)j * m->n + s + 1;
    int year = m->first_year + k;
    if (j == 0) {
        p->age = first_age(h3(m->seed, p->key, 0, W_BIRTH)) + k;
    } else {
        /* Newborns (60 %) or immigrants of 18-40. */
        uint64_t h = h3(m->seed, p->key, 0, W_NEWBORN);
        p->age = unit(h) < 0.6 ? 0 : 18 + (int)((h >> 8) % 23);
        p->age += year - (m->first_year + j);
    }
    int e = k;
    while (e > j && unit(h3(m->seed, p->key, (uint64_t)e, W_MOVE)) >= MOVE_RATE)
        e--;
    p->epoch = (uint64_t)e;
    p->where = pick_loc(m, unit(h3(m->seed, p->key, p->epoch, W_LOC)));
}

static void write_fte(out *o, int twelfths)
{
    static const char *const f[13] = { "0",      "0.0833", "0.1667", "0.25",   "0.3333", "0.4167", "0.5",
                                       "0.5833", "0.6667", "0.75",   "0.8333", "0.9167", "1" };
    out_mem(o, f[twelfths], strlen(f[twelfths]));
}

static void write_person(const model *m, out *o, int k, const person *p)
{
    const loc *l = p->where;
    int year = m->first_year + k, age = p->age;
    uint64_t key = p->key, ep = p->epoch, seed = m->seed;
    bool nw = unit(h3(seed, key, ep, W_NW)) < l->p_nw;
    /* Basic school only: everyone under 16, falling to the location's rate by 30. */
    double pb = age < 16 ? 1 : age < 30 ? l->p_basic + (1 - l->p_basic) * (30 - age) / 14.0 : l->p_basic;
    bool basic = unit(h3(seed, key, ep, W_BASIC)) < pb;
    bool in_edu = unit(h3(seed, key, (uint64_t)year, W_EDU)) < p_in_education(age);
    int fte = 0;
    if (age >= 18 && age <= 64 && !in_edu) {
        /* Outside: a lasting trait of the residence, redrawn in 15 % of years. */
        uint64_t hy = h3(seed, key, (uint64_t)year, W_OUT_YEAR);
        double u = unit(hy) < 0.15 ? unit(h3(seed, key, (uint64_t)year, W_OUT)) : unit(h3(seed, key, ep, W_OUT));
        uint64_t hf = h3(seed, key, (uint64_t)year, W_FTE);
        if (u < l->p_out)
            fte = unit(hf) < 0.6 ? 12 : 3 + (int)((hf >> 8) % 9);
        else if (unit(hf) < 0.08)
            fte = 1 + (int)((hf >> 8) % 2);
    }
    bool conv = age >= 18 && unit(h3(seed, key, (uint64_t)year, W_CONV)) < l->p_conv;
    double pt = age < 15 ? 0.03 : age < 18 ? 0.55 : 0.985;
    bool taxable = unit(h3(seed, key, (uint64_t)year, W_TAX)) < pt;
    /* Income: the location's level, a lasting personal factor and yearly
     * noise (log-normal, mean 1), 3 % growth a year; students, pensioners and
     * children earn less. */
    double income = 0;
    if (taxable) {
        double z = 0.5 * normal_of(h3(seed, key, ep, W_INCOME)) +
                   0.2 * normal_of(h3(seed, key, (uint64_t)year, W_INCOME_YEAR));
        double level = l->income * exp(z - 0.5 * (0.25 + 0.04)) * m->growth[k];
        if (age < 15)
            income = 5000 + 20000 * unit(h3(seed, key, (uint64_t)year, W_DECIMALS));
        else if (in_edu)
            income = level * 0.22;
        else if (age >= 65)
            income = level * 0.55;
        else
            income = level;
        if (unit(h3(seed, key, (uint64_t)year, W_LOSS)) < 0.003) /* business losses */
            income = -income * 0.1;
    }
    /* area_code */
    out_uint(o, (uint64_t)year);
    out_char(o, ';');
    out_uint(o, key);
    out_char(o, ';');
    if (l->area >= 0) {
        const char *c = m->areas[l->area].code;
        out_mem(o, c, strlen(c));
    }
    out_char(o, ';');
    out_uint(o, (uint64_t)(REGION_FIRST + l->region));
    out_char(o, ';');
    out_uint(o, (uint64_t)age);
    out_char(o, ';');
    write_fte(o, fte);
    out_char(o, ';');
    out_char(o, conv ? '1' : '0');
    out_char(o, ';');
    out_char(o, basic ? '1' : '0');
    out_char(o, ';');
    out_char(o, in_edu ? '1' : '0');
    out_char(o, ';');
    out_char(o, taxable ? '1' : '0');
    out_char(o, ';');
    /* Whole kroner mostly; one in twenty with øre. */
    int64_t ore = (int64_t)llround(income * 100);
    bool decimals = unit(h3(seed, key, (uint64_t)year, W_DECIMALS)) < 0.05;
    if (!decimals)
        ore = ore / 100 * 100;
    if (ore < 0) {
        out_char(o, '-');
        ore = -ore;
    }
    out_uint(o, (uint64_t)ore / 100);
    if (decimals) {
        out_char(o, '.');
        out_char(o, (char)('0' + ore / 10 % 10));
        out_char(o, (char)('0' + ore % 10));
    }
    out_char(o, ';');
    out_char(o, nw ? '1' : '0');
    out_char(o, '\n');
}

hh_err demo_microdata_write(FILE *f, const demo_micro_options *opt, demo_micro_summary *sum, hh_error *e)
{
    if (opt->persons < 1 || opt->persons > DEMO_MICRO_MAX_PERSONS)
        return hh_fail(e, HH_ERR_USAGE, "persons", "persons must be from 1 to %d", DEMO_MICRO_MAX_PERSONS);
    if (opt->years < 1 || opt->years > DEMO_MICRO_MAX_YEARS)
        return hh_fail(e, HH_ERR_USAGE, "years", "years must be from 1 to %d", DEMO_MICRO_MAX_YEARS);
    model m = { .seed = mix(opt->seed + 0x5DEECE66Dull), .n = opt->persons, .years = opt->years };
    m.first_year = DEMO_MICRO_LAST_YEAR - opt->years + 1;
    for (int k = 0; k < m.years; k++)
        m.growth[k] = pow(1.03, m.first_year + k - DEMO_MICRO_LAST_YEAR);
    build_areas(&m);
    build_locations(&m);
    out *o = xmalloc(sizeof *o);
    o->f = f;
    o->n = 0;
    o->failed = false;
    static const char header[] = "year;person_id;area_code;region_code;age;outside_labour_fte;convicted;"
                                 "basic_education_only;in_education;taxable;gross_income;non_western\n";
    out_mem(o, header, sizeof header - 1);
    memset(sum, 0, sizeof *sum);
    sum->areas = m.nareas;
    for (int k = 0; k < m.years && !o->failed; k++)
        for (uint64_t s = 0; s < m.n; s++) {
            person p;
            person_at(&m, s, k, &p);
            if (p.age > 110) /* the oldest are replaced by their slot's next person in the model */
                p.age = 110;
            write_person(&m, o, k, &p);
            sum->rows++;
            if (k + 1 == m.years && p.where->area >= 0)
                sum->area_residents++;
        }
    out_flush(o);
    bool failed = o->failed || fflush(f) != 0;
    free(o);
    free(m.areas);
    free(m.locs);
    free(m.cum);
    if (failed)
        return hh_fail(e, HH_ERR_IO, NULL, "cannot write the extract");
    return HH_OK;
}
