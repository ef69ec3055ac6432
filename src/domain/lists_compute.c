/* lists_compute.c - criterion values of the area lists from a person-level
 * register extract: a parser made for one layout, per-area sums, threads.
 * Definitions: ../shared/docs/AREA-LISTS.md (Terms); see lists_compute.h. */
#include "domain/lists_compute.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/str.h"
#include "core/util.h"

#define MAX_COLS 256
#define NANO 1000000000LL                /* fte unit: 1e-9 full-time person */
#define INCOME_MIN (-1000000000LL * 100) /* -1e9 DKK in øre */
#define INCOME_MAX (10000000000LL * 100) /* 1e10 DKK in øre */
#define YEAR_MIN 1980
#define YEAR_MAX 2100
#define CHECK_EVERY 65536                /* lines between checks whether another part failed */
#define BLOCK ((size_t)1 << 20)          /* bytes read at a time into a part's buffer */
#define STEP ((size_t)16 << 20)          /* bytes parsed in place between progress, stop and release */
#define MAX_LINE ((size_t)64 << 20)      /* the longest line a buffer grows to hold */
#define MIN_PART_BYTES ((size_t)1 << 20) /* smaller inputs are not split (unless asked to) */

/* ---- rule sets: which years L and C average ---- */

/* From AREA-LISTS.md, "Rule sets": list years each rule set governs, and the
 * data years its L and C average. */
static const struct {
    int code, first, avg;
} rule_sets[] = { { 2010, 2010, 4 }, { 2013, 2013, 2 }, { 2018, 2018, 2 }, { 2021, 2021, 2 } };

int lc_rules_for_year(int list_year)
{
    int code = 0;
    for (size_t i = 0; i < HH_ARRAY_LEN(rule_sets); i++)
        if (list_year >= rule_sets[i].first)
            code = rule_sets[i].code;
    return code;
}

int lc_avg_years(int rules)
{
    for (size_t i = 0; i < HH_ARRAY_LEN(rule_sets); i++)
        if (rule_sets[i].code == rules)
            return rule_sets[i].avg;
    return 0;
}

/* ---- columns ---- */

typedef enum role {
    R_IGNORE,
    R_YEAR,
    R_PERSON,
    R_AREA,
    R_REGION,
    R_AGE,
    R_FTE,
    R_CONVICTED,
    R_BASIC,
    R_IN_EDU,
    R_TAXABLE,
    R_INCOME,
    R_NONWEST,
    R_COUNT
} role;

static const char *const role_name[R_COUNT] = {
    "",
    "year",
    "person_id",
    "area_code",
    "region_code",
    "age",
    "outside_labour_fte",
    "convicted",
    "basic_education_only",
    "in_education",
    "taxable",
    "gross_income",
    "non_western",
};

/* The column order the documentation shows and `helhed demo microdata`
 * writes; the parser has a path compiled for it (canonical_row). */
static const uint8_t canonical_order[12] = { R_YEAR,      R_PERSON, R_AREA,   R_REGION,  R_AGE,    R_FTE,
                                             R_CONVICTED, R_BASIC,  R_IN_EDU, R_TAXABLE, R_INCOME, R_NONWEST };

/* Flag bits of a row. */
enum { F_CONVICTED = 1, F_BASIC = 2, F_IN_EDU = 4, F_TAXABLE = 8, F_NONWEST = 16 };

static unsigned role_flag(role r)
{
    switch (r) {
    case R_CONVICTED: return F_CONVICTED;
    case R_BASIC: return F_BASIC;
    case R_IN_EDU: return F_IN_EDU;
    case R_TAXABLE: return F_TAXABLE;
    case R_NONWEST: return F_NONWEST;
    default: return 0;
    }
}

/* The layout, from the header. */
typedef struct layout {
    const char *name; /* file name for messages */
    char sep;
    bool dec_comma; /* ',' may be the decimal mark (the separator is not ',') */
    bool canonical; /* exactly the 12 columns in the order of canonical_order */
    bool slow_only; /* lc_options.slow_only */
    size_t ncols;
    uint8_t role[MAX_COLS];
    size_t col[R_COUNT]; /* 0-based column of each role */
    char header[MAX_COLS][48];
    int list_year;
} layout;

/* One parsed row. */
typedef struct prow {
    int year, region, age;
    unsigned flags;
    int64_t fte;    /* 1e-9 */
    int64_t income; /* øre */
    const char *area;
    size_t area_len;
} prow;

/* ---- sums ---- */

/* Income sums are 128-bit: a row holds at most 1e12 øre, so no file of
 * fewer than 1e26 rows can overflow them (and the order of addition, which
 * differs between one part and several, cannot matter). */
typedef __int128 income_sum;

typedef struct yacc { /* one area, one data year */
    uint64_t residents, nonwest, n18_64, n18, conv, n30_59, basic, ntax;
    int64_t fte; /* at most 1e9 a row */
    income_sum income;
} yacc;

/* An area code as four words, zero past its length (codes hold no NUL), so
 * that keys compare and hash without a loop or a call. */
typedef struct akey {
    uint64_t w[4];
} akey;

typedef struct area {
    akey key;
    char code[LC_AREA_CODE_MAX + 1];
    size_t len;
    int region;
    size_t first_row; /* where the part first saw it (for the region message) */
    yacc y[LC_MAX_YEARS];
} area;

typedef struct nacc {            /* the whole file, one data year */
    uint64_t persons, n18, conv; /* persons: the rows of the year */
} nacc;

typedef struct racc { /* one region, one data year: taxpayers 15-64 not in education */
    uint64_t ntax;
    income_sum income;
} racc;

/* An open-addressing map from area code to its sums (pointers into blocks
 * that never move). */
typedef struct amap {
    area **slot;
    size_t cap, count;
    area **list; /* in order of first appearance */
    size_t nlist, list_cap;
} amap;

/* The key of the n <= 31 bytes at s; 32 bytes at s must be readable (the
 * read buffers have SLACK bytes after the data). */
static inline akey key_of(const char *s, size_t n)
{
    akey k;
    memcpy(k.w, s, sizeof k.w);
    for (size_t i = 0; i < 4; i++) {
        size_t have = n > 8 * i ? n - 8 * i : 0;
        k.w[i] &= have >= 8 ? ~(uint64_t)0 : ~(~(uint64_t)0 << (8 * have));
    }
    return k;
}

static inline bool key_eq(const akey *a, const akey *b)
{
    return ((a->w[0] ^ b->w[0]) | (a->w[1] ^ b->w[1]) | (a->w[2] ^ b->w[2]) | (a->w[3] ^ b->w[3])) == 0;
}

static inline uint64_t key_hash(const akey *k)
{
    uint64_t h = k->w[0] * 0x9E3779B97F4A7C15ull ^ k->w[1] * 0xC2B2AE3D27D4EB4Full ^ k->w[2] * 0x165667B19E3779F9ull ^
                 k->w[3] * 0x27D4EB2F165667C5ull;
    return h ^ (h >> 32);
}

static void amap_free(amap *m)
{
    for (size_t i = 0; i < m->nlist; i++)
        free(m->list[i]);
    free(m->list);
    free(m->slot);
    memset(m, 0, sizeof *m);
}

static void amap_grow(amap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 256;
    area **slot = xcalloc(cap, sizeof *slot);
    for (size_t i = 0; i < m->nlist; i++) {
        area *a = m->list[i];
        size_t k = key_hash(&a->key) & (cap - 1);
        while (slot[k])
            k = (k + 1) & (cap - 1);
        slot[k] = a;
    }
    free(m->slot);
    m->slot = slot;
    m->cap = cap;
}

/* The area with this key (n bytes long); *created tells whether it is new. */
static area *amap_get(amap *m, const akey *key, size_t n, bool *created)
{
    if (m->count * 2 >= m->cap)
        amap_grow(m);
    size_t k = key_hash(key) & (m->cap - 1);
    area *a;
    while ((a = m->slot[k])) {
        if (key_eq(&a->key, key)) {
            *created = false;
            return a;
        }
        k = (k + 1) & (m->cap - 1);
    }
    a = xcalloc(1, sizeof *a);
    a->key = *key;
    memcpy(a->code, key->w, n);
    a->len = n;
    m->slot[k] = a;
    m->count++;
    if (m->nlist == m->list_cap) {
        m->list_cap = m->list_cap ? m->list_cap * 2 : 256;
        m->list = xrealloc(m->list, m->list_cap * sizeof *m->list);
    }
    m->list[m->nlist++] = a;
    *created = true;
    return a;
}

/* ---- one part of the file (one thread) ---- */

typedef struct shared {
    atomic_size_t done; /* bytes parsed by all parts */
    atomic_bool stop;   /* some part failed: the others may stop */
    pthread_mutex_t lock;
    pthread_cond_t finished; /* a part's thread finished (nfinished counts them) */
    size_t nfinished;
} shared;

/* Where the bytes come from: a memory-mapped file or memory (map), or a
 * file read with pread when it can seek and in order when it cannot. */
typedef struct source {
    int fd; /* -1: memory */
    const char *mem;
    const char *map; /* parse in place (the mapping or mem); NULL: through the part's buffer */
    bool release;    /* map is our file mapping: give parsed pages back */
    uint64_t size;   /* UINT64_MAX when unknown (a pipe) */
    bool seekable;
    const char *name;
} source;

typedef struct part {
    const layout *lay;
    shared *sh;
    const source *src;
    const lc_options *opt; /* progress is drawn by the part on the calling thread only */
    uint64_t from, to;     /* lines starting in [from, to) are this part's */
    bool skip_first;       /* from is inside a line: start after its '\n' */
    char *buf;             /* the part's read buffer: cap bytes and SLACK more */
    size_t cap, have;      /* have: bytes in buf, starting at file offset buf_off */
    uint64_t buf_off;
    size_t line; /* row number of the next line (exact only for the first part) */
    int years[LC_MAX_YEARS];
    int nyears;
    int last_year, last_slot;
    nacc nat[LC_MAX_YEARS];
    racc reg[LC_MAX_YEARS][LC_NREGIONS];
    amap areas;
    area *last_area;
    bool failed;
    hh_error err;
} part;

/* "NAME, række N, kolonne L (header): message" into the part's error. */
static bool part_fail(part *t, size_t row, size_t col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static bool part_fail(part *t, size_t row, size_t col, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char where[128] = "";
    if (col) {
        char letter[8], tmp[8];
        size_t k = 0, c = col;
        while (c > 0 && k < sizeof tmp - 1) {
            c--;
            tmp[k++] = (char)('A' + c % 26);
            c /= 26;
        }
        for (size_t i = 0; i < k; i++)
            letter[i] = tmp[k - 1 - i];
        letter[k] = '\0';
        snprintf(where, sizeof where, ", kolonne %s (%s)", letter, t->lay->header[col - 1]);
    }
    hh_fail(&t->err, HH_ERR_INPUT, col ? t->lay->header[col - 1] : NULL, "%s, række %zu%s: %s", t->lay->name, row,
            where, msg);
    t->failed = true;
    atomic_store_explicit(&t->sh->stop, true, memory_order_relaxed);
    return false;
}

static int year_slot(part *t, int year, size_t row)
{
    for (int i = 0; i < t->nyears; i++)
        if (t->years[i] == year)
            return i;
    if (t->nyears == LC_MAX_YEARS) {
        part_fail(t, row, t->lay->col[R_YEAR] + 1,
                  "filen har data for mere end %d forskellige år; forventede højst %d dataår (kun de seneste 2 eller "
                  "4 bruges)",
                  LC_MAX_YEARS, LC_MAX_YEARS);
        return -1;
    }
    t->years[t->nyears] = year;
    return t->nyears++;
}

/* Adds one valid row to the sums. */
static inline bool add_row(part *t, const prow *r, size_t row)
{
    int ys;
    if (r->year == t->last_year) {
        ys = t->last_slot;
    } else {
        if (r->year > t->lay->list_year)
            return part_fail(t, row, t->lay->col[R_YEAR] + 1,
                             "dataåret %d ligger efter listeåret %d; forventede data fra listeåret eller årene før",
                             r->year, t->lay->list_year);
        if ((ys = year_slot(t, r->year, row)) < 0)
            return false;
        t->last_year = r->year;
        t->last_slot = ys;
    }

    int age = r->age;
    unsigned f = r->flags;
    uint64_t adult = age >= 18, conv = (f & F_CONVICTED) != 0;
    nacc *n = &t->nat[ys];
    n->persons++;
    n->n18 += adult;
    n->conv += adult & conv;
    bool taxpayer = (f & (F_TAXABLE | F_IN_EDU)) == F_TAXABLE && age >= 15 && age <= 64;
    if (taxpayer) {
        racc *g = &t->reg[ys][r->region - LC_REGION_FIRST];
        g->ntax++;
        g->income += r->income;
    }
    if (r->area_len == 0)
        return true;
    area *a = t->last_area;
    akey key = key_of(r->area, r->area_len);
    if (!a || !key_eq(&a->key, &key)) {
        bool created;
        a = amap_get(&t->areas, &key, r->area_len, &created);
        if (created) {
            a->region = r->region;
            a->first_row = row;
        }
        t->last_area = a;
    }
    if (a->region != r->region)
        return part_fail(t, row, t->lay->col[R_REGION] + 1,
                         "området %s ligger i region %d i række %zu, men her i region %d; et boligområde ligger i én "
                         "region",
                         a->code, a->region, a->first_row, r->region);
    yacc *y = &a->y[ys];
    y->residents++;
    y->nonwest += (f & F_NONWEST) != 0;
    if (adult) {
        y->n18++;
        y->conv += conv;
        if (age <= 64) {
            y->n18_64++;
            y->fte += r->fte;
        }
        if (age >= 30 && age <= 59) {
            y->n30_59++;
            y->basic += (f & F_BASIC) != 0;
        }
    }
    if (taxpayer) {
        y->ntax++;
        y->income += r->income;
    }
    return true;
}

/* ---- the fast path: one line as the layout says, no detours ---- */

/* Parses the line at p (which ends in '\n' inside the buffer) and returns the
 * start of the next line, or NULL when anything is unusual (spaces, quotes,
 * exponents, out of range, blank line): the slow path then decides, and it
 * accepts exactly what the fast path accepts with the same values. */
static inline unsigned four_digits(const char *s, unsigned *bad);

static inline const char *fast_row(const layout *L, const char *p, prow *r)
{
    const char sep = L->sep;
    unsigned flags = 0;
    r->area_len = 0;
    for (size_t i = 0; i < L->ncols; i++) {
        unsigned d;
        switch ((role)L->role[i]) {
        case R_IGNORE:
            while (*p != sep && *p != '\n')
                p++;
            break;
        case R_YEAR: {
            unsigned bad = 0, v = four_digits(p, &bad);
            if (bad)
                return NULL;
            p += 4;
            if (v < YEAR_MIN || v > YEAR_MAX)
                return NULL;
            r->year = (int)v;
            break;
        }
        case R_PERSON: {
            const char *s = p;
            if (*p == ' ' || *p == '\t' || *p == '"')
                return NULL;
            while (*p != sep && *p != '\n' && *p != '\r')
                p++;
            if (p == s)
                return NULL;
            break;
        }
        case R_AREA: {
            const char *s = p;
            unsigned char c;
            while ((c = (unsigned char)*p) > ' ' && c < 0x7F && c != '"' && c != (unsigned char)sep)
                p++;
            if (p - s > LC_AREA_CODE_MAX)
                return NULL;
            r->area = s;
            r->area_len = (size_t)(p - s);
            break;
        }
        case R_REGION: {
            unsigned bad = 0, v = four_digits(p, &bad);
            if (bad)
                return NULL;
            p += 4;
            if (v - LC_REGION_FIRST >= LC_NREGIONS)
                return NULL;
            r->region = (int)v;
            break;
        }
        case R_AGE: {
            unsigned v = (unsigned char)*p - '0';
            if (v > 9)
                return NULL;
            p++;
            if ((d = (unsigned char)*p - '0') <= 9) {
                v = v * 10 + d;
                p++;
                if ((d = (unsigned char)*p - '0') <= 9) {
                    v = v * 10 + d;
                    p++;
                    if (v > 130)
                        return NULL;
                }
            }
            r->age = (int)v;
            break;
        }
        case R_FTE: {
            unsigned v = (unsigned char)*p - '0';
            if (v > 1)
                return NULL;
            p++;
            int64_t x = (int64_t)v * NANO;
            if (*p == '.' || (*p == ',' && L->dec_comma)) {
                p++;
                int64_t frac = 0, scale = NANO;
                int k = 0;
                while ((d = (unsigned char)*p - '0') <= 9) {
                    if (++k > 9)
                        return NULL;
                    frac = frac * 10 + d;
                    scale /= 10;
                    p++;
                }
                if (k == 0)
                    return NULL;
                x += frac * scale;
                if (x > NANO)
                    return NULL;
            }
            r->fte = x;
            break;
        }
        case R_INCOME: {
            bool neg = *p == '-';
            p += neg;
            int64_t v = (unsigned char)*p - '0';
            if ((uint64_t)v > 9)
                return NULL;
            p++;
            int k = 1;
            while ((d = (unsigned char)*p - '0') <= 9) {
                if (++k > 11)
                    return NULL;
                v = v * 10 + d;
                p++;
            }
            v *= 100;
            if (*p == '.' || (*p == ',' && L->dec_comma)) {
                p++;
                if ((d = (unsigned char)*p - '0') > 9)
                    return NULL;
                v += d * 10;
                p++;
                if ((d = (unsigned char)*p - '0') <= 9) {
                    v += d;
                    p++;
                }
            }
            v = neg ? -v : v;
            if (v < INCOME_MIN || v > INCOME_MAX)
                return NULL;
            r->income = v;
            break;
        }
        default: { /* the 0/1 flags */
            unsigned v = (unsigned char)*p - '0';
            if (v > 1)
                return NULL;
            p++;
            flags |= v ? role_flag((role)L->role[i]) : 0;
            break;
        }
        }
        if (i + 1 < L->ncols) {
            if (*p != sep)
                return NULL;
            p++;
        }
    }
    if (*p == '\r')
        p++;
    if (*p != '\n')
        return NULL;
    r->flags = flags;
    return p + 1;
}

/* ---- the window path: a line inside 64 bytes, split by bit masks ---- */

#define WINDOW 64 /* bytes the window path looks at; the buffer has SLACK more after the data */
#define SLACK 128

/* Bit masks of the separator and of '\n' in the 64 bytes at p. */
static inline void window_masks(const char *p, char sep, uint64_t *ms, uint64_t *mn)
{
    uint64_t s = 0, n = 0;
#ifdef __SSE2__
    const __m128i vs = _mm_set1_epi8(sep), vn = _mm_set1_epi8('\n');
    for (int k = 0; k < 4; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        s |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vs)) << (16 * k);
        n |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vn)) << (16 * k);
    }
#else
    for (int k = 0; k < WINDOW; k++) {
        s |= (uint64_t)(p[k] == sep) << k;
        n |= (uint64_t)(p[k] == '\n') << k;
    }
#endif
    *ms = s;
    *mn = n;
}

/* The decimal number in s[0, n), 1 <= n <= 8, read as one 64-bit word (8
 * bytes at s must be readable): sets *v and returns nonzero unless n is in
 * range and all n bytes are digits. No branches: the digits are shifted to
 * the top of the word, checked bytewise, and combined in three multiplies. */
static inline unsigned swar_digits(const char *s, unsigned n, uint64_t *v)
{
    unsigned bad = n - 1 > 7;
    unsigned sh = 8 * (8 - (bad ? 8 : n));
    uint64_t w;
    memcpy(&w, s, 8);
    w <<= sh; /* little-endian: s[0] is now the most significant digit's byte */
    uint64_t m = ~(uint64_t)0 << sh;
    w -= 0x3030303030303030ull & m;
    /* A byte that was not a digit is now above 9 or has its top bit set (a
     * borrow or carry can only follow such a byte). */
    bad |= ((((w + 0x7676767676767676ull) | w) & 0x8080808080808080ull & m) != 0);
    w = (w * 10 + (w >> 8)) & 0x00FF00FF00FF00FFull;
    w = (w * 100 + (w >> 16)) & 0x0000FFFF0000FFFFull;
    w = (w * 10000 + (w >> 32)) & 0x00000000FFFFFFFFull;
    *v = w;
    return bad;
}

/* Digits s[0, n) into *v (any n); returns nonzero when one is not a digit. */
static inline unsigned digits(const char *s, unsigned n, uint64_t *v)
{
    uint64_t x = 0;
    unsigned bad = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        bad |= d > 9;
        x = x * 10 + d;
    }
    *v = x;
    return bad;
}

/* Bit i set when s[i] (i < 32) may not be in an area code on the fast
 * paths: control, space, non-ASCII, DEL or '"' (32 bytes must be readable). */
static inline uint32_t area_bad_bytes(const char *s)
{
#ifdef __SSE2__
    uint32_t m = 0;
    for (int k = 0; k < 2; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * k));
        __m128i b =
            _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)), _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))));
        m |= (uint32_t)(uint16_t)_mm_movemask_epi8(b) << (16 * k);
    }
    return m;
#else
    uint32_t m = 0;
    for (int i = 0; i < 32; i++) {
        unsigned char c = (unsigned char)s[i];
        m |= (uint32_t)(c <= ' ' || c >= 0x7F || c == '"') << i;
    }
    return m;
#endif
}

/* The four ASCII digits at s as a number; *bad set unless all are digits. */
static inline unsigned four_digits(const char *s, unsigned *bad)
{
    uint32_t w;
    memcpy(&w, s, 4);
    w -= 0x30303030u;
    *bad |= (((w + 0x76767676u) | w) & 0x80808080u) != 0;
    w = (w * 10 + (w >> 8)) & 0x00FF00FFu;
    return (w * 100 + (w >> 16)) & 0xFFFFu;
}

/* An age: 1-3 digits at s (4 bytes readable), at most 130; *bad set
 * otherwise. As swar_digits, in 32 bits. */
static inline unsigned age_digits(const char *s, unsigned n, unsigned *bad)
{
    unsigned wrong = n - 1 > 2;
    unsigned sh = 8 * (4 - (wrong ? 3 : n));
    uint32_t w;
    memcpy(&w, s, 4);
    w <<= sh;
    uint32_t m = ~0u << sh;
    w -= 0x30303030u & m;
    wrong |= ((((w + 0x76767676u) | w) & 0x80808080u & m) != 0);
    w = (w * 10 + (w >> 8)) & 0x00FF00FFu;
    unsigned v = (w * 100 + (w >> 16)) & 0xFFFFu;
    *bad |= wrong | (v > 130);
    return v;
}

/* The five 0/1 flags in bit order F_CONVICTED ... F_NONWEST. */
static const uint8_t flag_roles[5] = { R_CONVICTED, R_BASIC, R_IN_EDU, R_TAXABLE, R_NONWEST };

/* outside_labour_fte and gross_income of the window paths: the common
 * forms branch-free, the rest here. False when the field is unusual. */
static inline bool window_fte(const layout *L, const char *s, unsigned n, int64_t *out)
{
    unsigned d = (unsigned char)s[0] - '0';
    if (n == 1) {
        *out = (int64_t)d * NANO;
        return d <= 1;
    }
    uint64_t v;
    if (d > 1 || n < 3 || n > 11 || !(s[1] == '.' || (s[1] == ',' && L->dec_comma)) || digits(s + 2, n - 2, &v))
        return false;
    static const int64_t scale[10] = { 0, 100000000, 10000000, 1000000, 100000, 10000, 1000, 100, 10, 1 };
    int64_t x = (int64_t)d * NANO + (int64_t)v * scale[n - 2];
    *out = x;
    return x <= NANO;
}

static inline bool window_income(const layout *L, const char *s, unsigned n, int64_t *out)
{
    uint64_t v;
    if (!swar_digits(s, n, &v)) { /* 1-8 digits */
        *out = (int64_t)v * 100;
        return true;
    }
    /* [-]digits (1-11) [. or , and 1-2 digits] */
    unsigned neg = *s == '-', i = neg, k = 0;
    int64_t x = 0;
    for (; i < n; i++, k++) {
        unsigned dd = (unsigned char)s[i] - '0';
        if (dd > 9)
            break;
        if (k == 11)
            return false; /* 12 digits: beyond the range, the slow path says so */
        x = x * 10 + dd;
    }
    if (k == 0)
        return false;
    x *= 100;
    if (i < n) {
        if (!(s[i] == '.' || (s[i] == ',' && L->dec_comma)) || n - i - 1 < 1 || n - i - 1 > 2 ||
            digits(s + i + 1, n - i - 1, &v))
            return false;
        x += (int64_t)(n - i - 1 == 1 ? v * 10 : v);
    }
    x = neg ? -x : x;
    *out = x;
    return x >= INCOME_MIN && x <= INCOME_MAX;
}

/* window_row for the canonical column order: the same checks and values,
 * with every column's place known when compiling, so the bounds stay in
 * registers and the four neighbouring flags are checked as one word. */
static inline const char *canonical_row(const layout *L, const char *p, prow *r)
{
    uint64_t ms, mn;
    window_masks(p, L->sep, &ms, &mn);
    if (!mn)
        return NULL;
    unsigned nl = (unsigned)__builtin_ctzll(mn);
    ms &= ((uint64_t)1 << nl) - 1; /* nl <= 63 */
    unsigned e[12];                /* e[k]: the separator after column k; column k starts at e[k - 1] + 1 */
    for (int k = 0; k < 11; k++) {
        if (!ms)
            return NULL;
        e[k] = (unsigned)__builtin_ctzll(ms);
        ms &= ms - 1;
    }
    if (ms)
        return NULL;
    e[11] = nl - ((nl > e[10] + 1) & (p[nl - 1] == '\r'));
    unsigned bad = 0;
    /* year;person_id;area_code;region_code;age */
    unsigned year = four_digits(p, &bad);
    bad |= (e[0] != 4) | (year < YEAR_MIN) | (year > YEAR_MAX);
    const char *s = p + e[0] + 1;
    bad |= (e[1] == e[0] + 1) | (*s == ' ') | (*s == '\t') | (*s == '"');
    s = p + e[1] + 1;
    unsigned n = e[2] - e[1] - 1;
    bad |= (n > LC_AREA_CODE_MAX) | ((area_bad_bytes(s) & (((uint32_t)1 << (n & 31)) - 1)) != 0);
    r->area = s;
    r->area_len = n;
    unsigned region = four_digits(p + e[2] + 1, &bad);
    bad |= (e[3] - e[2] != 5) | (region - LC_REGION_FIRST >= LC_NREGIONS);
    unsigned age = age_digits(p + e[3] + 1, e[4] - e[3] - 1, &bad);
    /* convicted;basic_education_only;in_education;taxable: "F;F;F;F", F 0 or 1 */
    uint64_t w;
    memcpy(&w, p + e[5] + 1, 8);
    bad |= (e[9] - e[5] != 8) | ((w & 0x00FE00FE00FE00FEull) != 0x0030003000300030ull);
    unsigned flags = (unsigned)((w & 1) | (w >> 15 & 2) | (w >> 30 & 4) | (w >> 45 & 8));
    unsigned nw = (unsigned char)p[e[10] + 1] - '0';
    bad |= (e[11] - e[10] != 2) | (nw > 1);
    if (bad)
        return NULL;
    if (!window_fte(L, p + e[4] + 1, e[5] - e[4] - 1, &r->fte) ||
        !window_income(L, p + e[9] + 1, e[10] - e[9] - 1, &r->income))
        return NULL;
    r->year = (int)year;
    r->region = (int)region;
    r->age = (int)age;
    r->flags = flags | nw << 4;
    return p + nl + 1;
}

/* The line at p when it ends within the 64 bytes at p (which must all be
 * readable, and SLACK bytes after the line): the masks give every field's
 * bounds at once, then each column is parsed where the header put it, with
 * the checks folded into one flag. NULL when the line is longer or anything
 * is unusual; the other paths then decide. Accepts exactly what fast_row
 * accepts, with the same values. */
static inline const char *window_row(const layout *L, const char *p, prow *r)
{
    uint64_t ms, mn;
    window_masks(p, L->sep, &ms, &mn);
    if (!mn)
        return NULL;
    unsigned nl = (unsigned)__builtin_ctzll(mn);
    ms &= ((uint64_t)1 << nl) - 1; /* nl <= 63 */
    /* sep[c] and sep[c + 1] are the bytes before and after column c: the
     * column starts at sep[c] + 1 (sep[0] = -1) and is sep[c + 1] - sep[c] - 1
     * bytes long. */
    unsigned sep[WINDOW + 1];
    size_t last = L->ncols - 1;
    if (last >= WINDOW)
        return NULL;
    sep[0] = ~0u;
    for (size_t i = 1; i <= last; i++) {
        if (!ms)
            return NULL;
        sep[i] = (unsigned)__builtin_ctzll(ms);
        ms &= ms - 1;
    }
    if (ms)
        return NULL;
    sep[last + 1] = nl - ((nl > sep[last] + 1) & (p[nl - 1] == '\r'));
#define COL_AT(c) (p + (unsigned)(sep[c] + 1u))
#define COL_LEN(c) (sep[(c) + 1] - sep[c] - 1)

    unsigned bad = 0;
    const char *s;
    size_t c;
    /* year and region: four digits */
    c = L->col[R_YEAR];
    unsigned year = four_digits(COL_AT(c), &bad);
    bad |= (COL_LEN(c) != 4) | (year < YEAR_MIN) | (year > YEAR_MAX);
    r->year = (int)year;
    c = L->col[R_REGION];
    unsigned region = four_digits(COL_AT(c), &bad);
    bad |= (COL_LEN(c) != 4) | (region - LC_REGION_FIRST >= LC_NREGIONS);
    r->region = (int)region;
    /* age: 1-3 digits, at most 130 */
    c = L->col[R_AGE];
    r->age = (int)age_digits(COL_AT(c), COL_LEN(c), &bad);
    /* person: not empty, not starting with a blank or a quote */
    c = L->col[R_PERSON];
    s = COL_AT(c);
    bad |= (COL_LEN(c) == 0) | (*s == ' ') | (*s == '\t') | (*s == '"');
    /* the five flags: one character, 0 or 1 */
    unsigned flags = 0;
    for (unsigned k = 0; k < 5; k++) {
        c = L->col[flag_roles[k]];
        unsigned f = (unsigned char)*COL_AT(c) - '0';
        bad |= (COL_LEN(c) != 1) | (f > 1);
        flags |= (f & 1) << k;
    }
    /* area_code: empty, or 1-31 printable ASCII bytes without quotes */
    c = L->col[R_AREA];
    s = COL_AT(c);
    unsigned n = COL_LEN(c);
    bad |= (n > LC_AREA_CODE_MAX) | ((area_bad_bytes(s) & (((uint32_t)1 << (n & 31)) - 1)) != 0);
    r->area = s;
    r->area_len = n;
    if (bad)
        return NULL;
    c = L->col[R_FTE];
    size_t ci = L->col[R_INCOME];
    if (!window_fte(L, COL_AT(c), COL_LEN(c), &r->fte) || !window_income(L, COL_AT(ci), COL_LEN(ci), &r->income))
        return NULL;
    r->flags = flags;
    return p + nl + 1;
#undef COL_AT
#undef COL_LEN
}

/* ---- the slow path: one line, every form, every message ---- */

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Exact decimal s (sign, digits, one decimal mark, exponent) times
 * 10^scale, rounded half away from zero, into *out: 0 = done, 1 = the
 * magnitude exceeds limit, -1 = not such a number. */
static int parse_fixed(const char *s, size_t n, bool dec_comma, int scale, int64_t limit, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) {
        neg = s[i] == '-';
        i++;
    }
    char dig[64]; /* significant digits, leading zeros of the integer part dropped */
    int nd = 0, point = -1, before = 0, after = 0;
    for (; i < n && s[i] != 'e' && s[i] != 'E'; i++) {
        char c = s[i];
        if (c == '.' || (c == ',' && dec_comma)) {
            if (point >= 0)
                return -1;
            point = nd;
            continue;
        }
        if (c < '0' || c > '9')
            return -1;
        if (point < 0)
            before++;
        else
            after++;
        if (nd == 0 && c == '0' && point < 0)
            continue;
        if (nd == (int)sizeof dig)
            return 1;
        dig[nd++] = c;
    }
    if (before + after == 0 || (point >= 0 && after == 0)) /* "", ".", "5," */
        return -1;
    long exp10 = 0;
    if (i < n) {
        int64_t x;
        i++;
        if (i < n && s[i] == '+')
            i++;
        if (i == n || !hh_parse_int64(s + i, n - i, &x))
            return -1;
        if (x < -400 || x > 400)
            return x > 0 && nd ? 1 : (*out = 0, 0);
        exp10 = (long)x;
    }
    /* value = 0.dig × 10^(intdig + exp10): the first `take` digits (zeros
     * past the end) form the integer result, the next one rounds. */
    long intdig = point < 0 ? nd : point;
    long take = intdig + exp10 + scale;
    int64_t v = 0;
    for (long k = 0; k < take; k++) {
        int dv = k < nd ? dig[k] - '0' : 0;
        if (v > (limit - dv) / 10)
            return 1;
        v = v * 10 + dv;
        if (v == 0 && k >= nd)
            break; /* zero however many zeros follow */
    }
    if (take >= 0 && take < nd && dig[take] >= '5') {
        if (v == limit)
            return 1;
        v++;
    }
    *out = neg ? -v : v;
    return 0;
}

static bool valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t need = c < 0x80                 ? 0
                      : c >= 0xC2 && c <= 0xDF ? 1
                      : c >= 0xE0 && c <= 0xEF ? 2
                      : c >= 0xF0 && c <= 0xF4 ? 3
                                               : 9;
        if (need == 9 || n - i <= need)
            return false;
        unsigned cp = need == 0 ? c : need == 1 ? c & 0x1Fu : need == 2 ? c & 0x0Fu : c & 0x07u;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += need + 1;
    }
    return true;
}

/* A field for messages: at most 40 bytes, control characters as '?'. */
static const char *shown(const char *s, size_t n, char out[48])
{
    size_t k = n > 40 ? 40 : n;
    for (size_t i = 0; i < k; i++)
        out[i] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
    if (n > 40) {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k] = '\0';
    return out;
}

/* What a field of the role holds, for "forventede ..." */
static const char *expected_value(role r)
{
    switch (r) {
    case R_YEAR: return "et år fra 1980 til 2100, fx 2025";
    case R_REGION:
        return "en regionskode: 1081 (Nordjylland), 1082 (Midtjylland), 1083 (Syddanmark), 1084 (Hovedstaden) eller "
               "1085 (Sjælland)";
    case R_AGE: return "en alder i hele år fra 0 til 130";
    case R_FTE:
        return "en andel af året fra 0 til 1 (fuldtidspersoner uden for arbejdsmarked og uddannelse), fx 0,25 eller "
               "0.25";
    case R_INCOME: return "en bruttoindkomst i kr. fra -1.000.000.000 til 10.000.000.000, fx 312456,50 eller 312456.50";
    case R_CONVICTED: return "1 (dømt) eller 0";
    case R_BASIC: return "1 (grundskole som højeste uddannelse) eller 0";
    case R_IN_EDU: return "1 (i uddannelse) eller 0";
    case R_TAXABLE: return "1 (skattepligtig) eller 0";
    case R_NONWEST: return "1 (ikke-vestlig indvandrer eller efterkommer) eller 0";
    default: return "en værdi";
    }
}

/* One field of the slow path: trims, unquotes and checks; fills r. */
static bool slow_field(part *t, size_t row, size_t col, role ro, const char *s, size_t n, prow *r)
{
    const layout *L = t->lay;
    char show[48];
    while (n && is_blank(s[0])) {
        s++;
        n--;
    }
    while (n && is_blank(s[n - 1]))
        n--;
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        s++;
        n -= 2;
        while (n && is_blank(s[0])) {
            s++;
            n--;
        }
        while (n && is_blank(s[n - 1]))
            n--;
    }
    if (ro == R_IGNORE)
        return true;
    if (ro == R_PERSON)
        return n ? true : part_fail(t, row, col, "feltet er tomt; forventede personens nøgle (et pseudonym)");
    if (n == 0 && ro != R_AREA)
        return part_fail(t, row, col, "feltet er tomt; forventede %s", expected_value(ro));
    const char *v_s = shown(s, n, show);
    int64_t v;
    int got;
    switch (ro) {
    case R_AREA:
        if (memchr(s, '"', n))
            return part_fail(t, row, col,
                             "områdekoden '%s' indeholder et citationstegn (\"); forventede en kode som BO-0101-1",
                             v_s);
        if (n > LC_AREA_CODE_MAX)
            return part_fail(t, row, col, "områdekoden '%s' er længere end %d tegn; forventede en kode som BO-0101-1",
                             v_s, LC_AREA_CODE_MAX);
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
                return part_fail(t, row, col,
                                 "områdekoden '%s' indeholder et kontroltegn; forventede en kode som BO-0101-1", v_s);
        if (!valid_utf8((const unsigned char *)s, n))
            return part_fail(t, row, col, "områdekoden '%s' er ikke gyldig UTF-8; gem filen som CSV UTF-8", v_s);
        r->area = s;
        r->area_len = n;
        return true;
    case R_YEAR:
        if (!hh_parse_int64(s, n, &v))
            return part_fail(t, row, col, "'%s' er ikke et årstal; forventede %s", v_s, expected_value(ro));
        if (v < YEAR_MIN || v > YEAR_MAX)
            return part_fail(t, row, col, "året %s ligger uden for det mulige; forventede %s", v_s, expected_value(ro));
        r->year = (int)v;
        return true;
    case R_REGION:
        if (!hh_parse_int64(s, n, &v) || v < LC_REGION_FIRST || v >= LC_REGION_FIRST + LC_NREGIONS)
            return part_fail(t, row, col, "'%s' er ikke en kendt regionskode; forventede %s", v_s, expected_value(ro));
        r->region = (int)v;
        return true;
    case R_AGE:
        if (!hh_parse_int64(s, n, &v))
            return part_fail(t, row, col, "'%s' er ikke et helt tal; forventede %s", v_s, expected_value(ro));
        if (v < 0 || v > 130)
            return part_fail(t, row, col, "alderen %s ligger uden for 0-130; forventede %s", v_s, expected_value(ro));
        r->age = (int)v;
        return true;
    case R_FTE:
        got = parse_fixed(s, n, L->dec_comma, 9, NANO * 1000, &v);
        if (got < 0)
            return part_fail(t, row, col, "'%s' er ikke et tal; forventede %s", v_s, expected_value(ro));
        if (got > 0 || v < 0 || v > NANO)
            return part_fail(t, row, col, "'%s' ligger uden for 0-1; forventede %s", v_s, expected_value(ro));
        r->fte = v;
        return true;
    case R_INCOME:
        got = parse_fixed(s, n, L->dec_comma, 2, INCOME_MAX * 1000, &v);
        if (got < 0)
            return part_fail(t, row, col, "'%s' er ikke et tal; forventede %s", v_s, expected_value(ro));
        if (got > 0 || v < INCOME_MIN || v > INCOME_MAX)
            return part_fail(t, row, col, "'%s' ligger uden for det mulige; forventede %s", v_s, expected_value(ro));
        r->income = v;
        return true;
    default: /* the 0/1 flags */
        if (!hh_parse_int64(s, n, &v) || (v != 0 && v != 1))
            return part_fail(t, row, col, "'%s' er ikke 0 eller 1; forventede %s", v_s, expected_value(ro));
        if (v)
            r->flags |= role_flag(ro);
        return true;
    }
}

/* The line [p, eol) ('\n' at eol): 1 = a row in *r, 0 = blank, -1 = error. */
static int slow_row(part *t, const char *p, const char *eol, size_t row, prow *r)
{
    const layout *L = t->lay;
    if (eol > p && eol[-1] == '\r')
        eol--;
    const char *start[MAX_COLS + 1];
    size_t len[MAX_COLS + 1], n = 0;
    bool blank = true;
    for (const char *s = p;;) {
        const char *q = s;
        while (q < eol && *q != L->sep)
            q++;
        if (n <= MAX_COLS) {
            start[n] = s;
            len[n] = (size_t)(q - s);
        }
        n++;
        for (const char *c = s; c < q && blank; c++)
            blank = is_blank(*c);
        if (q == eol)
            break;
        s = q + 1;
    }
    if (blank)
        return 0;
    if (n != L->ncols) {
        part_fail(t, row, 0,
                  "rækken har %zu kolonner, men overskriftsrækken har %zu; forventede én værdi pr. kolonne%s", n,
                  L->ncols, L->sep == ',' ? " (brug punktum som decimaltegn, når komma skiller kolonnerne)" : "");
        return -1;
    }
    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < n; i++)
        if (!slow_field(t, row, i + 1, (role)L->role[i], start[i], len[i], r))
            return -1;
    return 1;
}

/* ---- running a part ---- */

/* Whole lines [p, end): each ends in '\n' inside the buffer. Returns false
 * on an error (or when another part failed). */
static bool run_lines(part *t, const char *p, const char *end)
{
    const layout *L = t->lay;
    size_t line = t->line, since = 0;
    prow r;
    /* Lines that start WINDOW bytes before the end of the data may take the
     * window path (the buffer has WINDOW bytes more); all may take the
     * scalar path, which stops at the '\n'. */
    while (p < end) {
        const char *next = L->slow_only ? NULL : L->canonical ? canonical_row(L, p, &r) : window_row(L, p, &r);
        if (!next && !L->slow_only)
            next = fast_row(L, p, &r);
        if (!next) {
            const char *eol = memchr(p, '\n', (size_t)(end - p));
            int got = slow_row(t, p, eol, line, &r);
            if (got < 0)
                goto fail;
            next = eol + 1;
            if (got == 0) {
                line++;
                p = next;
                continue;
            }
        }
        if (!add_row(t, &r, line))
            goto fail;
        line++;
        p = next;
        if (++since == CHECK_EVERY) {
            since = 0;
            if (atomic_load_explicit(&t->sh->stop, memory_order_relaxed))
                goto fail; /* another part failed: its error decides */
        }
    }
    t->line = line;
    return true;
fail:
    t->line = line;
    return false;
}

/* Bytes of the input for progress; 0 (no bar) when unknown. */
static size_t source_total(const source *s)
{
    return s->size == UINT64_MAX ? 0 : (size_t)s->size;
}

/* Reads up to n bytes at file offset off (sources that cannot seek read on). */
static ssize_t source_read(const source *s, char *dst, size_t n, uint64_t off)
{
    if (s->fd < 0) {
        if (off >= s->size)
            return 0;
        size_t k = s->size - off < n ? (size_t)(s->size - off) : n;
        memcpy(dst, s->mem + off, k);
        return (ssize_t)k;
    }
    for (;;) {
        ssize_t got = s->seekable ? pread(s->fd, dst, n, (off_t)off) : read(s->fd, dst, n);
        if (got >= 0 || errno != EINTR)
            return got;
    }
}

/* Reads more into the part's buffer (growing it when a line fills it);
 * returns the bytes read, 0 at the end, -1 on failure (the part's error set). */
static ssize_t part_fill(part *t)
{
    if (!t->buf) {
        t->cap = BLOCK;
        t->buf = xmalloc(t->cap + SLACK);
    }
    if (t->have == t->cap) {
        if (t->cap >= MAX_LINE) {
            part_fail(t, t->line, 0, "rækken er længere end %d MiB; forventede én person pr. linje",
                      (int)(MAX_LINE >> 20));
            return -1;
        }
        t->cap *= 2;
        t->buf = xrealloc(t->buf, t->cap + SLACK);
    }
    ssize_t got = source_read(t->src, t->buf + t->have, t->cap - t->have, t->buf_off + t->have);
    if (got < 0) {
        hh_fail(&t->err, HH_ERR_IO, NULL, "%s: kan ikke læse filen (%s)", t->src->name, strerror(errno));
        t->failed = true;
        atomic_store(&t->sh->stop, true);
        return -1;
    }
    t->have += (size_t)got;
    memset(t->buf + t->have, 0, SLACK);
    return got;
}

/* Runs the part: reads its range block by block and parses whole lines;
 * the final line of the input gets a '\n' when it has none. */
static void run_part(part *t)
{
    for (;;) {
        ssize_t got = part_fill(t);
        if (got < 0)
            return;
        char *p = t->buf, *end = t->buf + t->have;
        if (t->skip_first) {
            char *nl = memchr(p, '\n', t->have);
            if (!nl) {
                if (got == 0)
                    return;
                t->buf_off += t->have;
                t->have = 0;
                continue;
            }
            p = nl + 1;
            t->skip_first = false;
        }
        /* Whole lines only, and only those starting before `to`. */
        char *stop = end;
        while (stop > p && stop[-1] != '\n')
            stop--;
        if (got == 0 && stop < end) { /* the last line has no '\n' */
            *end = '\n';
            stop = ++end;
        }
        uint64_t off = t->buf_off + (uint64_t)(p - t->buf);
        char *limit = t->to <= off ? p : t->to - off < (uint64_t)(stop - p) ? p + (t->to - off) : stop;
        char *q = p;
        if (limit > p) {
            /* The line that starts just before the limit is whole (it is
             * before `stop`); lines after it belong to the next part. */
            char *last = limit;
            while (last < stop && last[-1] != '\n')
                last++;
            if (!run_lines(t, p, last))
                return;
            q = last;
        }
        size_t done = (size_t)(q - t->buf);
        atomic_fetch_add_explicit(&t->sh->done, done, memory_order_relaxed);
        if (t->opt && t->opt->progress)
            t->opt->progress(t->opt->progress_ctx, atomic_load(&t->sh->done), source_total(t->src));
        if (got == 0 || q < stop || t->buf_off + done >= t->to)
            return;
        /* Keep the incomplete line; read on after it. */
        memmove(t->buf, q, (size_t)(end - q));
        t->buf_off += done;
        t->have = (size_t)(end - q);
    }
}

/* The end of the line that contains m[at] (after its '\n'), or size. */
static uint64_t line_end(const char *m, uint64_t size, uint64_t at)
{
    const char *nl = memchr(m + at, '\n', (size_t)(size - at));
    return nl ? (uint64_t)(nl + 1 - m) : size;
}

/* Runs the part on a mapped input, in place: lines that start before `to`,
 * in steps of STEP bytes, giving parsed pages back. The fast paths read up
 * to SLACK bytes past a line's start, so the lines near the end of the input
 * are copied into a buffer with SLACK zero bytes (and a '\n' for a last line
 * without one). */
static void run_part_mapped(part *t)
{
    const char *m = t->src->map;
    uint64_t size = t->src->size, off = t->from;
    if (t->skip_first) {
        off = line_end(m, size, off - 1);
        t->skip_first = false;
    }
    uint64_t lim = t->to < size ? t->to : size;
    if (off >= lim)
        return;
    /* Lines before `safe` end at least SLACK bytes before the end. */
    uint64_t safe = 0;
    if (size > SLACK) {
        const char *q = m + (size - SLACK);
        while (q > m && q[-1] != '\n')
            q--;
        safe = (uint64_t)(q - m);
    }
    uint64_t released = off;
    while (off < lim && off < safe) {
        uint64_t step = off + STEP;
        step = step < lim ? step : lim;
        step = step < safe ? step : safe;
        uint64_t stop = line_end(m, size, step - 1);
        if (!run_lines(t, m + off, m + stop))
            return;
        atomic_fetch_add_explicit(&t->sh->done, (size_t)(stop - off), memory_order_relaxed);
        if (t->opt && t->opt->progress)
            t->opt->progress(t->opt->progress_ctx, atomic_load(&t->sh->done), source_total(t->src));
        off = stop;
        if (t->src->release) {
            uint64_t from = (released + 4095) & ~(uint64_t)4095, to = off & ~(uint64_t)4095;
            if (to > from)
                madvise((void *)(uintptr_t)(m + from), (size_t)(to - from), MADV_DONTNEED);
            released = to > from ? to : released;
        }
        if (atomic_load_explicit(&t->sh->stop, memory_order_relaxed))
            return;
    }
    if (off >= lim)
        return;
    uint64_t end = line_end(m, size, lim - 1);
    size_t n = (size_t)(end - off);
    char *b = xmalloc(n + 1 + SLACK);
    memcpy(b, m + off, n);
    if (b[n - 1] != '\n')
        b[n++] = '\n';
    memset(b + n, 0, SLACK);
    run_lines(t, b, b + n);
    free(b);
    atomic_fetch_add_explicit(&t->sh->done, (size_t)(end - off), memory_order_relaxed);
}

typedef struct job {
    part *t;
    pthread_t tid;
    bool started;
} job;

static void run_any(part *t)
{
    if (t->src->map)
        run_part_mapped(t);
    else
        run_part(t);
}

static void *job_main(void *arg)
{
    job *j = arg;
    run_any(j->t);
    shared *sh = j->t->sh;
    pthread_mutex_lock(&sh->lock);
    sh->nfinished++;
    pthread_cond_signal(&sh->finished);
    pthread_mutex_unlock(&sh->lock);
    return NULL;
}

static void part_free(part *t)
{
    amap_free(&t->areas);
    free(t->buf);
    t->buf = NULL;
}

/* ---- header ---- */

static bool header_fail(hh_error *e, const layout *L, size_t row, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static bool header_fail(hh_error *e, const layout *L, size_t row, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    hh_fail(e, HH_ERR_INPUT, NULL, "%s, række %zu: %s", L->name, row, msg);
    return false;
}

static const char expected_cols[] = "year, person_id, area_code, region_code, age, outside_labour_fte, convicted, "
                                    "basic_education_only, in_education, taxable, gross_income og non_western";

/* Reads the header line [p, eol), row `row`, into L. */
static bool read_header(layout *L, const char *p, const char *eol, size_t row, hh_error *e)
{
    if (eol > p && eol[-1] == '\r')
        eol--;
    size_t nsemi = 0, ncomma = 0, ntab = 0;
    for (const char *c = p; c < eol; c++) {
        nsemi += *c == ';';
        ncomma += *c == ',';
        ntab += *c == '\t';
    }
    char sep = ';';
    if (ntab > nsemi && ntab >= ncomma)
        sep = '\t';
    else if (ncomma > nsemi && ncomma > ntab)
        sep = ',';
    if (nsemi + ncomma + ntab == 0) {
        char show[48];
        return header_fail(e, L, row,
                           "fandt kun én kolonne ('%s'); forventede kolonner adskilt af semikolon (;), komma (,) "
                           "eller tabulator",
                           shown(p, (size_t)(eol - p), show));
    }
    L->sep = sep;
    L->dec_comma = sep != ',';
    L->ncols = 0;
    bool seen[R_COUNT] = { false };
    for (const char *s = p;;) {
        const char *q = s;
        while (q < eol && *q != sep)
            q++;
        if (L->ncols == MAX_COLS)
            return header_fail(e, L, row, "overskriftsrækken har mere end %d kolonner", MAX_COLS);
        const char *a = s, *b = q;
        while (a < b && is_blank(*a))
            a++;
        while (b > a && is_blank(b[-1]))
            b--;
        if (b - a >= 2 && *a == '"' && b[-1] == '"') {
            a++;
            b--;
        }
        size_t n = (size_t)(b - a), k = n < 47 ? n : 47;
        char *h = L->header[L->ncols];
        for (size_t i = 0; i < k; i++)
            h[i] = (a[i] >= 'A' && a[i] <= 'Z') ? (char)(a[i] - 'A' + 'a') : a[i] < 0x20 && a[i] >= 0 ? '?' : a[i];
        h[k] = '\0';
        role ro = R_IGNORE;
        for (int r = 1; r < R_COUNT; r++)
            if (n == strlen(role_name[r]) && strcmp(h, role_name[r]) == 0)
                ro = (role)r;
        if (ro != R_IGNORE) {
            if (seen[ro])
                return header_fail(e, L, row, "kolonnen '%s' står to gange", role_name[ro]);
            seen[ro] = true;
            L->col[ro] = L->ncols;
        }
        L->role[L->ncols++] = (uint8_t)ro;
        if (q == eol)
            break;
        s = q + 1;
    }
    L->canonical = L->ncols == sizeof canonical_order;
    for (size_t i = 0; i < L->ncols && L->canonical; i++)
        L->canonical = L->role[i] == canonical_order[i];
    for (int r = 1; r < R_COUNT; r++)
        if (!seen[r])
            return header_fail(e, L, row,
                               "kolonnen '%s' mangler i overskriftsrækken; forventede kolonnerne %s (i "
                               "vilkårlig rækkefølge)",
                               role_name[r], expected_cols);
    return true;
}

/* ---- merging and the criterion values ---- */

typedef struct total {
    int years[LC_MAX_YEARS];
    size_t year_rows[LC_MAX_YEARS];
    int nyears;
    nacc nat[LC_MAX_YEARS];
    racc reg[LC_MAX_YEARS][LC_NREGIONS];
    amap areas;
    size_t rows;
} total;

static int total_slot(total *g, int year)
{
    for (int i = 0; i < g->nyears; i++)
        if (g->years[i] == year)
            return i;
    if (g->nyears == LC_MAX_YEARS)
        return -1;
    g->years[g->nyears] = year;
    return g->nyears++;
}

/* Adds a part's sums; false on a conflict between parts (too many years, an
 * area in two regions): the caller then reads the file on one thread. */
static bool merge(total *g, const part *t)
{
    int map[LC_MAX_YEARS];
    for (int i = 0; i < t->nyears; i++) {
        if ((map[i] = total_slot(g, t->years[i])) < 0)
            return false;
        int s = map[i];
        g->year_rows[s] += t->nat[i].persons;
        g->nat[s].persons += t->nat[i].persons;
        g->nat[s].n18 += t->nat[i].n18;
        g->nat[s].conv += t->nat[i].conv;
        for (int k = 0; k < LC_NREGIONS; k++) {
            g->reg[s][k].ntax += t->reg[i][k].ntax;
            g->reg[s][k].income += t->reg[i][k].income;
        }
    }
    for (int i = 0; i < t->nyears; i++)
        g->rows += t->nat[i].persons;
    for (size_t j = 0; j < t->areas.nlist; j++) {
        const area *a = t->areas.list[j];
        bool created;
        area *b = amap_get(&g->areas, &a->key, a->len, &created);
        if (created)
            b->region = a->region;
        else if (b->region != a->region)
            return false;
        for (int i = 0; i < t->nyears; i++) {
            const yacc *x = &a->y[i];
            yacc *y = &b->y[map[i]];
            y->residents += x->residents;
            y->nonwest += x->nonwest;
            y->n18_64 += x->n18_64;
            y->n18 += x->n18;
            y->conv += x->conv;
            y->n30_59 += x->n30_59;
            y->basic += x->basic;
            y->ntax += x->ntax;
            y->fte += x->fte;
            y->income += x->income;
        }
    }
    return true;
}

static double pct(uint64_t num, uint64_t den)
{
    return den ? 100.0 * (double)num / (double)den : NAN;
}

static int cmp_area(const void *a, const void *b)
{
    const area *x = *(const area *const *)a, *y = *(const area *const *)b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->code, y->code, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void finish(total *g, int list_year, int rules, lc_result *out)
{
    memset(out, 0, sizeof *out);
    out->rules = rules;
    out->avg_years = lc_avg_years(rules);
    out->rows = g->rows;
    /* Years ascending, with the slot each has. */
    int order[LC_MAX_YEARS];
    for (int i = 0; i < g->nyears; i++)
        order[i] = i;
    for (int i = 1; i < g->nyears; i++)
        for (int k = i; k > 0 && g->years[order[k]] < g->years[order[k - 1]]; k--) {
            int tmp = order[k];
            order[k] = order[k - 1];
            order[k - 1] = tmp;
        }
    out->nyears = g->nyears;
    for (int i = 0; i < g->nyears; i++) {
        out->years[i] = g->years[order[i]];
        out->persons[i] = g->year_rows[order[i]];
    }
    int latest = g->nyears ? order[g->nyears - 1] : -1;
    /* The slots of the years L and C average: the latest and the ones before
     * it, consecutive; -1 where the file has no such year. */
    int need[4];
    int navg = out->avg_years;
    for (int k = 0; k < navg; k++) {
        need[k] = -1;
        for (int i = 0; i < g->nyears && latest >= 0; i++)
            if (g->years[i] == g->years[latest] - k)
                need[k] = i;
    }
    double nat = 0;
    for (int k = 0; k < navg; k++)
        nat += need[k] < 0 ? NAN : pct(g->nat[need[k]].conv, g->nat[need[k]].n18);
    out->national_convicted = nat / navg;
    for (int k = 0; k < LC_NREGIONS; k++) {
        const racc *rg = latest >= 0 ? &g->reg[latest][k] : NULL;
        out->region_income[k] = rg && rg->ntax ? (double)rg->income / 100.0 / (double)rg->ntax : NAN;
    }

    area **list = xmalloc((g->areas.nlist + 1) * sizeof *list);
    memcpy(list, g->areas.list, g->areas.nlist * sizeof *list);
    qsort(list, g->areas.nlist, sizeof *list, cmp_area);
    out->n = g->areas.nlist;
    out->areas = xcalloc(out->n + 1, sizeof *out->areas);
    out->region = xcalloc(out->n + 1, sizeof *out->region);
    for (size_t j = 0; j < out->n; j++) {
        const area *a = list[j];
        list_input *in = &out->areas[j];
        memcpy(in->area_code, a->code, a->len);
        in->year = list_year;
        out->region[j] = a->region;
        const yacc *y = &a->y[latest];
        in->v[LC_RESIDENTS] = (double)y->residents;
        in->v[LC_NON_WESTERN] = pct(y->nonwest, y->residents);
        in->v[LC_EDUCATION] = pct(y->basic, y->n30_59);
        /* Income: the area's mean as a share of its region's mean; neither
         * mean is meaningful without taxpayers or with a mean <= 0. */
        const racc *rg = &g->reg[latest][a->region - LC_REGION_FIRST];
        double am = y->ntax ? (double)y->income / (double)y->ntax : NAN;
        double rm = rg->ntax ? (double)rg->income / (double)rg->ntax : NAN;
        in->v[LC_INCOME] = rm > 0 ? 100.0 * am / rm : NAN;
        double l = 0, c = 0;
        for (int k = 0; k < navg; k++) {
            if (need[k] < 0) {
                l = c = NAN;
                break;
            }
            const yacc *z = &a->y[need[k]];
            /* fte is in 1e-9 persons: 100 × fte / (n × 1e9), one rounding. */
            l += z->n18_64 ? (double)z->fte * 100.0 / ((double)z->n18_64 * (double)NANO) : NAN;
            c += pct(z->conv, z->n18);
        }
        in->v[LC_OUTSIDE_LABOUR] = l / navg;
        in->v[LC_CONVICTED] = c / navg;
        in->v[LC_NATIONAL_CONVICTED] = out->national_convicted;
        in->persons_18_64 = (double)y->n18_64;
        in->persons_18_plus = (double)y->n18;
        in->persons_30_59 = (double)y->n30_59;
        in->taxpayers = (double)y->ntax;
        in->row = 0;
    }
    free(list);
}

void lc_result_free(lc_result *r)
{
    free(r->areas);
    free(r->region);
    memset(r, 0, sizeof *r);
}

/* ---- driver ---- */

/* Reads the start of the input into part 0's buffer and the header from it:
 * a byte-order mark, blank lines (counted) and the header row. On return
 * t->have bytes from offset 0 are in the buffer, *header_end is the offset
 * after the header's '\n' and *line the row number of the first data row. */
static hh_err read_start(part *t, layout *L, uint64_t *header_end, size_t *line, hh_error *e)
{
    const char *name = t->src->name;
    char *nl = NULL;
    ssize_t got;
    size_t skip = 0;
    *line = 1;
    for (;;) {
        if ((got = part_fill(t)) < 0) {
            *e = t->err;
            return e->code;
        }
        /* Skip a UTF-8 byte-order mark and blank lines before the header. */
        for (;;) {
            if (skip == 0 && t->have >= 3 && memcmp(t->buf, "\xEF\xBB\xBF", 3) == 0)
                skip = 3;
            char *q = t->buf + skip, *end = t->buf + t->have;
            while (q < end && (*q == '\r' || is_blank(*q)))
                q++;
            if (q < end && *q == '\n') {
                skip = (size_t)(q + 1 - t->buf);
                ++*line;
                continue;
            }
            break;
        }
        if (t->have >= 2 &&
            ((t->buf[0] == '\xFF' && t->buf[1] == '\xFE') || (t->buf[0] == '\xFE' && t->buf[1] == '\xFF')))
            return hh_fail(e, HH_ERR_INPUT, NULL,
                           "%s: filen er gemt som UTF-16; gem den som CSV UTF-8 eller CSV (semikolonsepareret)", name);
        if ((nl = memchr(t->buf + skip, '\n', t->have - skip)) || got == 0)
            break;
    }
    char *start = t->buf + skip, *end = nl ? nl : t->buf + t->have;
    bool blank = true;
    for (char *q = start; q < end && blank; q++)
        blank = *q == '\r' || is_blank(*q);
    if (blank)
        return hh_fail(e, HH_ERR_INPUT, NULL,
                       "%s: filen er tom; forventede en overskriftsrække og mindst én række data", name);
    if (!read_header(L, start, end, *line, e))
        return HH_ERR_INPUT;
    *header_end = nl ? (uint64_t)(nl + 1 - t->buf) : t->have;
    ++*line;
    return HH_OK;
}

static hh_err compute(source *src, const lc_options *opt, lc_result *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    int rules = opt->rules ? opt->rules : lc_rules_for_year(opt->list_year);
    if (!lc_avg_years(rules)) {
        if (opt->rules)
            return hh_fail(e, HH_ERR_USAGE, "rules", "unknown rule set %d: expected 2010, 2013, 2018 or 2021",
                           opt->rules);
        return hh_fail(e, HH_ERR_USAGE, "list_year", "no rule set governs list year %d (the lists start in 2010)",
                       opt->list_year);
    }
    layout *L = xcalloc(1, sizeof *L);
    L->name = src->name;
    L->list_year = opt->list_year;
    L->slow_only = opt->slow_only;
    shared sh = { .nfinished = 0 };
    atomic_init(&sh.done, 0);
    atomic_init(&sh.stop, false);
    pthread_mutex_init(&sh.lock, NULL);
    pthread_cond_init(&sh.finished, NULL);
    size_t nthreads = opt->threads < 1 ? 1 : opt->threads > LC_MAX_THREADS ? LC_MAX_THREADS : (size_t)opt->threads;
    part *parts = xcalloc(nthreads, sizeof *parts);
    job *jobs = xcalloc(nthreads, sizeof *jobs);
    size_t nparts = 1;
    total g;
    memset(&g, 0, sizeof g);
    parts[0] = (part){ .lay = L, .sh = &sh, .src = src, .last_year = -1 };
    uint64_t header_end = 0;
    size_t line = 0;
    hh_err rc = read_start(&parts[0], L, &header_end, &line, e);
    if (rc)
        goto out;

    /* Parts of at least min_part bytes; part k > 0 starts at the first line
     * after its nominal start. */
    uint64_t body = src->size == UINT64_MAX ? 0 : src->size - header_end;
    size_t min_part = opt->min_part ? opt->min_part : MIN_PART_BYTES;
    if (!src->seekable || nthreads > body / min_part)
        nthreads = src->seekable && body / min_part > 1 ? (size_t)(body / min_part) : 1;
    part *t0 = &parts[0];
    if (src->map) { /* parsed in place: the buffer only held the header */
        t0->have = 0;
    } else {
        memmove(t0->buf, t0->buf + header_end, t0->have - (size_t)header_end);
        t0->have -= (size_t)header_end;
    }
    t0->buf_off = header_end;
    t0->from = header_end;
    t0->to = nthreads == 1 ? UINT64_MAX : header_end + body / nthreads;
    t0->line = line;
    t0->opt = opt;
    for (size_t k = 1; k < nthreads; k++) {
        uint64_t from = header_end + body / nthreads * k;
        parts[k] = (part){ .lay = L,
                           .sh = &sh,
                           .src = src,
                           .from = from,
                           .to = k + 1 == nthreads ? UINT64_MAX : header_end + body / nthreads * (k + 1),
                           .skip_first = true,
                           .buf_off = from - 1,
                           .line = line, /* exact in the first part only: a failure reads again on one thread */
                           .last_year = -1 };
    }
    nparts = nthreads;
    size_t nthreads_started = 0;
    for (size_t k = 1; k < nparts; k++) {
        jobs[k].t = &parts[k];
        jobs[k].started = pthread_create(&jobs[k].tid, NULL, job_main, &jobs[k]) == 0;
        nthreads_started += jobs[k].started;
    }
    run_any(&parts[0]);
    for (size_t k = 1; k < nparts; k++)
        if (!jobs[k].started) /* no thread to be had: run it here */
            run_any(&parts[k]);
    /* Wait for the others, drawing progress every 100 ms meanwhile. */
    pthread_mutex_lock(&sh.lock);
    while (sh.nfinished < nthreads_started) {
        if (!opt->progress) {
            pthread_cond_wait(&sh.finished, &sh.lock);
            continue;
        }
        pthread_mutex_unlock(&sh.lock);
        opt->progress(opt->progress_ctx, atomic_load(&sh.done), source_total(src));
        pthread_mutex_lock(&sh.lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        if (sh.nfinished < nthreads_started)
            pthread_cond_timedwait(&sh.finished, &sh.lock, &until);
    }
    pthread_mutex_unlock(&sh.lock);
    for (size_t k = 1; k < nparts; k++)
        if (jobs[k].started)
            pthread_join(jobs[k].tid, NULL);
    if (opt->progress && src->size != UINT64_MAX)
        opt->progress(opt->progress_ctx, source_total(src), source_total(src));

    bool failed = false;
    for (size_t k = 0; k < nparts; k++)
        failed |= parts[k].failed;
    for (size_t k = 0; k < nparts && !failed; k++)
        failed = !merge(&g, &parts[k]);
    if (failed && nparts > 1) {
        /* The first error in file order: read the file again on one part. */
        for (size_t k = 0; k < nparts; k++)
            part_free(&parts[k]);
        atomic_store(&sh.stop, false);
        parts[0] = (part){ .lay = L,
                           .sh = &sh,
                           .src = src,
                           .from = header_end,
                           .to = UINT64_MAX,
                           .buf_off = header_end,
                           .line = line,
                           .last_year = -1 };
        nparts = 1;
        run_any(&parts[0]);
    }
    if (failed) {
        /* A conflict between parts is one inside a single part too. */
        if (parts[0].failed) {
            *e = parts[0].err;
            rc = e->code;
        } else {
            rc = hh_fail(e, HH_ERR_INTERNAL, NULL, "%s: the parts disagree with one pass", src->name);
        }
        goto out;
    }
    if (g.rows == 0) {
        rc = hh_fail(e, HH_ERR_INPUT, NULL, "%s: filen har ingen rækker under overskriftsrækken", src->name);
        goto out;
    }
    finish(&g, opt->list_year, rules, out);
out:
    amap_free(&g.areas);
    for (size_t k = 0; k < nparts; k++)
        part_free(&parts[k]);
    free(parts);
    free(jobs);
    free(L);
    pthread_mutex_destroy(&sh.lock);
    pthread_cond_destroy(&sh.finished);
    return rc;
}

hh_err lc_compute_mem(const char *name, const void *data, size_t len, const lc_options *opt, lc_result *out,
                      hh_error *e)
{
    source src = {
        .fd = -1, .mem = data, .map = opt->buffered ? NULL : data, .size = len, .seekable = true, .name = name
    };
    return compute(&src, opt, out, e);
}

hh_err lc_compute_file(const char *path, const lc_options *opt, lc_result *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return hh_fail(e, HH_ERR_IO, NULL, "%s: kan ikke åbne filen (%s)", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        close(fd);
        return hh_fail(e, HH_ERR_IO, NULL, "%s: kan ikke læse filen (%s)", path, strerror(err));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return hh_fail(e, HH_ERR_IO, NULL, "%s: kan ikke læse filen (det er en mappe)", path);
    }
    bool regular = S_ISREG(st.st_mode);
    source src = { .fd = fd, .size = regular ? (uint64_t)st.st_size : UINT64_MAX, .seekable = regular, .name = path };
    void *m = MAP_FAILED;
    if (regular && st.st_size > 0 && !opt->buffered) {
        m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
            src.map = m;
            src.release = true;
        }
    }
    if (regular)
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    hh_err rc = compute(&src, opt, out, e);
    if (m != MAP_FAILED)
        munmap(m, (size_t)st.st_size);
    close(fd);
    return rc;
}

/* ---- output ---- */

/* v with up to 10 decimals, trailing zeros dropped; nothing for NAN. */
static void put_num(buf *b, double v)
{
    if (isnan(v))
        return;
    char s[64];
    int n = snprintf(s, sizeof s, "%.10f", v);
    if (n <= 0 || n >= (int)sizeof s)
        return;
    while (n > 0 && s[n - 1] == '0')
        n--;
    if (n > 0 && s[n - 1] == '.')
        n--;
    if (n == 2 && s[0] == '-' && s[1] == '0')
        s[0] = '0', n = 1; /* "-0" */
    buf_append(b, s, (size_t)n);
}

static void put_count(buf *b, double v)
{
    buf_printf(b, "%.0f", v);
}

/* An area code as a CSV field: quoted when it holds ',' or '"'. */
static void put_code(buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

void lc_write_csv(const lc_result *r, buf *out)
{
    /* The classify input's columns (lists.h: list_crit_column in list_crit
     * order, then the denominators of list_input). */
    buf_puts(out, "area_code,year,residents,non_western_pct,outside_labour_pct,convicted_pct,national_convicted_pct,"
                  "basic_education_pct,income_pct_of_region,persons_18_64,persons_18_plus,persons_30_59,taxpayers\n");
    for (size_t i = 0; i < r->n; i++) {
        const list_input *in = &r->areas[i];
        put_code(out, in->area_code);
        buf_printf(out, ",%d,", in->year);
        put_count(out, in->v[LC_RESIDENTS]);
        for (int c = LC_NON_WESTERN; c < LC_COUNT; c++) {
            buf_putc(out, ',');
            put_num(out, in->v[c]);
        }
        buf_putc(out, ',');
        put_count(out, in->persons_18_64);
        buf_putc(out, ',');
        put_count(out, in->persons_18_plus);
        buf_putc(out, ',');
        put_count(out, in->persons_30_59);
        buf_putc(out, ',');
        put_count(out, in->taxpayers);
        buf_putc(out, '\n');
    }
}
