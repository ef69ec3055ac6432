#include "domain/keyfig.h"
#include "core/str.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/util.h"
#include "domain/warning.h"

const char *const kf_kind_code[KF_KIND_COUNT] = { "share", "rate_per_1000", "mean", "amount", "index" };
const char *const kf_link_code[LINK_COUNT] = { "wear", "insecurity", "moveout", "social", "none" };
const char *const kf_link_label[LINK_COUNT] = { "Nedslidning", "Utryghed", "Fraflytning og tomgang",
                                                "Sociale udfordringer", "Øvrige" };
const char *const kf_direction_code[3] = { "up", "down", "none" };

#define DST "Danmarks Statistik, registerdata"
#define ORG "Boligorganisationens regnskab og drift"
#define SURVEY "Tryghedsmåling blandt beboerne"
#define HEALTH "Regionens sundhedsdata"

/* Order matters: database ids are index + 1 (kf_db_id). Append new figures
 * at the end; never reorder or remove. */
const key_figure kf_catalogue[] = {
    { "residents", "Beboere", "Residents", "personer", KF_AMOUNT, DIR_NONE, LINK_NONE, true, 0, DST,
      "Personer med bopæl i afdelingen pr. 1. januar.", NULL, NULL },
    { "households", "Husstande", "Households", "husstande", KF_AMOUNT, DIR_NONE, LINK_NONE, true, 0, DST,
      "Husstande med bopæl i afdelingen pr. 1. januar.", NULL, NULL },
    { "age_0_17_share", "Andel 0-17 år", "Share aged 0-17", "%", KF_SHARE, DIR_NONE, LINK_NONE, false, 1, DST,
      "Beboere på 0-17 år i procent af alle beboere.", "beboere 0-17 år", "beboere" },
    { "age_18_64_share", "Andel 18-64 år", "Share aged 18-64", "%", KF_SHARE, DIR_NONE, LINK_NONE, false, 1, DST,
      "Beboere på 18-64 år i procent af alle beboere.", "beboere 18-64 år", "beboere" },
    { "age_65_plus_share", "Andel 65 år og derover", "Share aged 65+", "%", KF_SHARE, DIR_NONE, LINK_NONE, false, 1,
      DST, "Beboere på 65 år og derover i procent af alle beboere.", "beboere 65+ år", "beboere" },
    { "age_80_plus_share", "Andel 80 år og derover", "Share aged 80+", "%", KF_SHARE, DIR_NONE, LINK_NONE, false, 1,
      DST, "Beboere på 80 år og derover i procent af alle beboere.", "beboere 80+ år", "beboere" },
    { "non_western_share", "Andel indvandrere og efterkommere fra ikke-vestlige lande",
      "Share of immigrants and descendants from non-Western countries", "%", KF_SHARE, DIR_NONE, LINK_SOCIAL, false, 1,
      DST, "Indvandrere og efterkommere med oprindelse i ikke-vestlige lande i procent af alle beboere.",
      "ikke-vestlige beboere", "beboere" },
    { "outside_labour_share", "Andel uden for arbejdsmarked eller uddannelse (18-64 år)",
      "Share outside the labour market or education (18-64)", "%", KF_SHARE, DIR_DOWN, LINK_SOCIAL, false, 1, DST,
      "Beboere på 18-64 år uden tilknytning til arbejdsmarked eller uddannelse (fuldtidspersoner, gennemsnit over "
      "året) i procent af beboere på 18-64 år.",
      "beboere uden for arbejdsmarked/uddannelse", "beboere 18-64 år" },
    { "basic_education_share", "Andel med kun grundskole (30-59 år)", "Share with basic education only (30-59)", "%",
      KF_SHARE, DIR_DOWN, LINK_SOCIAL, false, 1, DST,
      "Beboere på 30-59 år, hvis højeste fuldførte uddannelse er grundskole, i procent af beboere på 30-59 år.",
      "beboere med kun grundskole", "beboere 30-59 år" },
    { "mean_gross_income", "Gennemsnitlig bruttoindkomst (15-64 år)", "Mean gross income (15-64)", "kr.", KF_MEAN,
      DIR_UP, LINK_SOCIAL, false, 0, DST,
      "Samlet bruttoindkomst for skattepligtige beboere på 15-64 år delt med deres antal.", "samlet bruttoindkomst",
      "skattepligtige beboere 15-64 år" },
    { "income_relative_region", "Indkomst i procent af regionens gennemsnit", "Income relative to the region", "%",
      KF_INDEX, DIR_UP, LINK_SOCIAL, false, 1, DST,
      "Gennemsnitlig bruttoindkomst for beboere på 15-64 år i procent af gennemsnittet for samme gruppe i regionen. "
      "Aggregeres vægtet med antallet af personer (nævneren).",
      NULL, "skattepligtige beboere 15-64 år" },
    { "convicted_share", "Andel dømt for overtrædelse af straffeloven m.m. (18+ år)", "Share convicted of crimes (18+)",
      "%", KF_SHARE, DIR_DOWN, LINK_INSECURITY, false, 2, DST,
      "Beboere på 18 år og derover dømt for overtrædelse af straffeloven, våbenloven eller lov om euforiserende "
      "stoffer i procent af beboere på 18 år og derover.",
      "dømte beboere", "beboere 18+ år" },
    { "turnover_rate", "Fraflytningsfrekvens", "Turnover (move-out rate)", "%", KF_SHARE, DIR_DOWN, LINK_MOVEOUT, false,
      1, ORG, "Husstande, der flytter ud af boligorganisationen i løbet af året, i procent af lejemålene.",
      "fraflytninger", "lejemål" },
    { "vacancy_share", "Andel ledige boliger", "Share of vacant dwellings", "%", KF_SHARE, DIR_DOWN, LINK_MOVEOUT,
      false, 1, ORG,
      "Boliger, der står ledige og koster afdelingen penge, i procent af boligerne. Boliger tomme på grund af "
      "renovering eller til kommunens rådighed tælles ikke.",
      "ledige boliger", "boliger" },
    { "vacancy_loss", "Tab ved lejeledighed", "Vacancy loss", "kr.", KF_AMOUNT, DIR_DOWN, LINK_MOVEOUT, false, 0, ORG,
      "Huslejetab i året fra ledige boliger, der koster afdelingen penge.", NULL, NULL },
    { "evictions_per_1000", "Fogedudsættelser pr. 1.000 lejemål", "Evictions per 1,000 tenancies", "pr. 1.000",
      KF_RATE_PER_1000, DIR_DOWN, LINK_SOCIAL, false, 1, ORG,
      "Gennemførte udsættelser ved fogeden i året pr. 1.000 lejemål. En udsættelse koster boligorganisationen "
      "omkring 54.000 kr.",
      "udsættelser", "lejemål" },
    { "rent_arrears_per_tenancy", "Huslejerestancer pr. lejemål", "Rent arrears per tenancy", "kr.", KF_MEAN, DIR_DOWN,
      LINK_SOCIAL, false, 0, ORG, "Samlede huslejerestancer ved årets udgang delt med antal lejemål.",
      "restancer i alt", "lejemål" },
    { "maintenance_backlog_per_m2", "Efterslæb på vedligehold pr. m²", "Maintenance backlog per m²", "kr.", KF_MEAN,
      DIR_DOWN, LINK_WEAR, false, 0, ORG, "Anslået udgift til vedligehold, der er udskudt, delt med boligarealet i m².",
      "efterslæb i alt", "m²" },
    { "vandalism_cost_per_dwelling", "Udgifter til hærværk pr. bolig", "Vandalism cost per dwelling", "kr.", KF_MEAN,
      DIR_DOWN, LINK_WEAR, false, 0, ORG, "Årets udgifter til udbedring af hærværk delt med antal boliger.",
      "udgifter til hærværk", "boliger" },
    { "feeling_unsafe_share", "Andel beboere der føler sig utrygge", "Share of residents feeling unsafe", "%", KF_SHARE,
      DIR_DOWN, LINK_INSECURITY, false, 1, SURVEY,
      "Svarpersoner, der føler sig utrygge i boligområdet om aftenen, i procent af svarpersonerne.",
      "utrygge svarpersoner", "svarpersoner" },
    { "police_reports_per_1000", "Anmeldte forbrydelser pr. 1.000 beboere", "Reported crimes per 1,000 residents",
      "pr. 1.000", KF_RATE_PER_1000, DIR_DOWN, LINK_INSECURITY, false, 1, "Politiets anmeldelsesstatistik",
      "Anmeldte forbrydelser med gerningssted i afdelingen pr. 1.000 beboere.", "anmeldelser", "beboere" },
    { "energy_per_m2", "Energiforbrug pr. m²", "Energy use per m²", "kWh", KF_MEAN, DIR_DOWN, LINK_WEAR, false, 0, ORG,
      "Årets forbrug af varme og el i fællesarealer i kWh delt med det opvarmede areal.", "forbrug i kWh", "m²" },
    { "meeting_turnout", "Fremmøde på afdelingsmødet", "Voter turnout at department meetings", "%", KF_SHARE, DIR_UP,
      LINK_SOCIAL, false, 1, ORG, "Husstande repræsenteret på det ordinære afdelingsmøde i procent af husstandene.",
      "repræsenterede husstande", "husstande" },
    { "copd_prevalence", "Forekomst af KOL", "COPD prevalence", "%", KF_SHARE, DIR_DOWN, LINK_SOCIAL, false, 1, HEALTH,
      "Beboere på 35 år og derover med kronisk obstruktiv lungesygdom i procent af beboere på 35 år og derover.",
      "beboere med KOL", "beboere 35+ år" },
    { "diabetes_prevalence", "Forekomst af diabetes", "Diabetes prevalence", "%", KF_SHARE, DIR_DOWN, LINK_SOCIAL,
      false, 1, HEALTH, "Beboere med type 2-diabetes i procent af alle beboere.", "beboere med diabetes", "beboere" },
    { "hospitalisations_per_1000", "Indlæggelser pr. 1.000 beboere", "Hospitalisations per 1,000 residents",
      "pr. 1.000", KF_RATE_PER_1000, DIR_DOWN, LINK_SOCIAL, false, 1, HEALTH,
      "Somatiske indlæggelser i året pr. 1.000 beboere.", "indlæggelser", "beboere" },
    { "biodiversity_area_share", "Udearealer indrettet til biodiversitet", "Outdoor area laid out for biodiversity",
      "%", KF_SHARE, DIR_UP, LINK_WEAR, false, 1, ORG,
      "Udearealer med vild natur, blomstereng eller lignende i procent af afdelingens udearealer (m²).",
      "m² til biodiversitet", "m² udearealer" },
    { "single_parent_share", "Andel enlige forsørgere", "Share of single parents", "%", KF_SHARE, DIR_NONE, LINK_SOCIAL,
      false, 1, DST, "Husstande med én voksen og hjemmeboende børn i procent af husstandene.", "enlige forsørgere",
      "husstande" },
    { "move_in_share_outside_labour", "Tilflyttere uden for arbejdsmarkedet",
      "Share of new tenants outside the labour market", "%", KF_SHARE, DIR_DOWN, LINK_MOVEOUT, false, 1, DST,
      "Tilflyttere på 18-64 år uden for arbejdsmarked eller uddannelse i procent af tilflyttere på 18-64 år.",
      "tilflyttere uden for arbejdsmarkedet", "tilflyttere 18-64 år" },
    { "complaints_per_1000", "Klager over adfærd pr. 1.000 lejemål", "Behaviour complaints per 1,000 tenancies",
      "pr. 1.000", KF_RATE_PER_1000, DIR_DOWN, LINK_INSECURITY, false, 1, ORG,
      "Skriftlige klager over støj og adfærd modtaget i året pr. 1.000 lejemål.", "klager", "lejemål" },
};
const size_t kf_count = HH_ARRAY_LEN(kf_catalogue);

int kf_find(const char *code)
{
    for (size_t i = 0; i < kf_count; i++)
        if (strcmp(kf_catalogue[i].code, code) == 0)
            return (int)i;
    return -1;
}

bool kf_has_parts(kf_kind k)
{
    return k == KF_SHARE || k == KF_RATE_PER_1000 || k == KF_MEAN;
}

hh_err kf_catalogue_sync(db *d, hh_error *e)
{
    db_stmt *st = db_prepare(d, "INSERT INTO key_figure (id, code, name_da, name_en, unit, kind, good_direction,"
                                " spiral_link, is_count, decimals, source, definition)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                                " code = excluded.code, name_da = excluded.name_da, name_en = excluded.name_en,"
                                " unit = excluded.unit, kind = excluded.kind, good_direction = excluded.good_direction,"
                                " spiral_link = excluded.spiral_link, is_count = excluded.is_count,"
                                " decimals = excluded.decimals, source = excluded.source,"
                                " definition = excluded.definition");
    if (!st)
        return db_fail(d, e, "prepare the key-figure catalogue");
    for (size_t i = 0; i < kf_count; i++) {
        const key_figure *k = &kf_catalogue[i];
        db_bind_int64(st, 1, kf_db_id((int)i));
        db_bind_text(st, 2, k->code);
        db_bind_text(st, 3, k->name_da);
        db_bind_text(st, 4, k->name_en);
        db_bind_text(st, 5, k->unit);
        db_bind_text(st, 6, kf_kind_code[k->kind]);
        db_bind_text(st, 7, kf_direction_code[k->good]);
        db_bind_text(st, 8, kf_link_code[k->link]);
        db_bind_int64(st, 9, k->is_count);
        db_bind_int64(st, 10, k->decimals);
        db_bind_text(st, 11, k->source);
        db_bind_text(st, 12, k->definition);
        int rc = db_step(st);
        db_done(st);
        if (rc == DB_ERROR)
            return db_fail(d, e, "write the key-figure catalogue");
    }
    return HH_OK;
}

double kf_result(const key_figure *kf, const kf_parts *p)
{
    switch (kf->kind) {
    case KF_SHARE: return p->denominator > 0 ? 100.0 * p->numerator / p->denominator : NAN;
    case KF_RATE_PER_1000: return p->denominator > 0 ? 1000.0 * p->numerator / p->denominator : NAN;
    case KF_MEAN: return p->denominator > 0 ? p->numerator / p->denominator : NAN;
    case KF_AMOUNT: return p->value;
    case KF_INDEX:
        if (p->units <= 1 || !(p->denominator > 0))
            return p->units <= 1 ? p->value : NAN;
        return p->weighted / p->denominator;
    default: return NAN;
    }
}

static bool below(double v)
{
    return !isnan(v) && v < KF_MIN_COUNT;
}

bool kf_suppressed(const key_figure *kf, const kf_parts *p)
{
    switch (kf->kind) {
    case KF_SHARE:
    case KF_RATE_PER_1000: return below(p->numerator) || below(p->denominator);
    case KF_MEAN:
    case KF_INDEX: return below(p->denominator);
    case KF_AMOUNT: return kf->is_count && below(p->value);
    default: return false;
    }
}

/* The count a cell rests on, used to pick complementary cells and to check
 * that the hidden cells together reach the minimum. */
static double cell_weight(const key_figure *kf, const kf_parts *p)
{
    if (kf->kind == KF_AMOUNT)
        return isnan(p->value) ? 0 : p->value;
    if (kf->kind == KF_SHARE || kf->kind == KF_RATE_PER_1000)
        return isnan(p->numerator) ? 0 : p->numerator;
    return isnan(p->denominator) ? 0 : p->denominator;
}

size_t kf_suppress_group(const key_figure *kf, kf_cell *cells, size_t n, bool total_shown)
{
    size_t hidden = 0;
    double hidden_weight = 0, hidden_den = 0;
    for (size_t i = 0; i < n; i++) {
        cells[i].suppressed = kf_suppressed(kf, &cells[i].parts);
        if (cells[i].suppressed) {
            hidden++;
            hidden_weight += cell_weight(kf, &cells[i].parts);
            hidden_den += isnan(cells[i].parts.denominator) ? 0 : cells[i].parts.denominator;
        }
    }
    if (!total_shown || hidden == 0)
        return hidden;
    /* A total minus the shown cells gives the hidden cells' sum: hide more
     * cells, smallest first, until at least two are hidden and their sums
     * (of the counted parts and of the denominators) reach the minimum. */
    bool parts = kf_has_parts(kf->kind);
    while (hidden < n && (hidden < 2 || hidden_weight < KF_MIN_COUNT || (parts && hidden_den < KF_MIN_COUNT))) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (cells[i].suppressed)
                continue;
            if (best == n || cell_weight(kf, &cells[i].parts) < cell_weight(kf, &cells[best].parts))
                best = i;
        }
        if (best == n)
            break;
        cells[best].suppressed = true;
        hidden++;
        hidden_weight += cell_weight(kf, &cells[best].parts);
        hidden_den += isnan(cells[best].parts.denominator) ? 0 : cells[best].parts.denominator;
    }
    return hidden;
}

char *kf_format(const key_figure *kf, const kf_parts *p, bool suppressed, char *out, size_t n)
{
    if (suppressed) {
        snprintf(out, n, "<5");
        return out;
    }
    double v = kf_result(kf, p);
    if (isnan(v)) {
        snprintf(out, n, "-");
        return out;
    }
    char num[64];
    fmt_num_da(num, sizeof num, v, kf->decimals);
    if (strcmp(kf->unit, "personer") == 0 || strcmp(kf->unit, "husstande") == 0)
        snprintf(out, n, "%s", num);
    else
        snprintf(out, n, "%s %s", num, kf->unit);
    return out;
}

/* ---- peer groups ---- */

static int size_band(int64_t dwellings)
{
    return dwellings < 50 ? 0 : dwellings < 200 ? 1 : dwellings < 500 ? 2 : 3;
}

static int era_band(int64_t year)
{
    return year <= 0 ? 4 : year < 1960 ? 0 : year < 1980 ? 1 : year < 2000 ? 2 : 3;
}

/* Municipality type, coarsely: the five big cities (København, Frederiksberg,
 * Aarhus, Odense, Aalborg), the rest of the capital region, the rest. */
static int muni_type(const char *code, const char *region_code)
{
    static const char *const big[] = { "0101", "0147", "0751", "0461", "0851" };
    for (size_t i = 0; i < HH_ARRAY_LEN(big); i++)
        if (strcmp(code, big[i]) == 0)
            return 0;
    return region_code && strcmp(region_code, "1084") == 0 ? 1 : 2;
}

const char *kf_peer_code(char *out, size_t n, int64_t dwellings, int64_t build_year, const char *municipality_code,
                         const char *region_code)
{
    snprintf(out, n, "s%d-e%d-m%d", size_band(dwellings), era_band(build_year),
             muni_type(municipality_code, region_code));
    return out;
}

const char *kf_peer_label(arena *a, const char *peer_code)
{
    static const char *const sizes[] = { "under 50 boliger", "50-199 boliger", "200-499 boliger", "500+ boliger" };
    static const char *const eras[] = { "opført før 1960", "opført 1960-79", "opført 1980-99", "opført 2000 og senere",
                                        "ukendt opførelsesår" };
    static const char *const types[] = { "storbykommune", "hovedstadsområdet", "øvrige kommuner" };
    int s, er, m;
    if (sscanf(peer_code, "s%d-e%d-m%d", &s, &er, &m) != 3 || s < 0 || s > 3 || er < 0 || er > 4 || m < 0 || m > 2)
        return "ukendt gruppe";
    return arena_printf(a, "Afdelinger med %s, %s, %s", sizes[s], eras[er], types[m]);
}

/* ---- aggregates ---- */

/* kf_refresh reads kf_value once, in ranges of departments, and sums every
 * row into the groups its department belongs to (organisation, municipality,
 * region, country, peer group and the areas it is a member of that year) in
 * memory; then writes kf_agg in multi-row INSERTs. This is the same result as
 * one INSERT ... SELECT ... GROUP BY per level (SUM skips NULLs and is NULL
 * when every term is; units is COUNT(*)), but one pass instead of six sorts
 * of the whole table: at national scale (5.6 million values) the SQL took
 * over a minute in SQLite. */

/* An interned (level, code) pair. */
typedef struct agg_group {
    const char *level;
    const char *code;
} agg_group;

/* One aggregate cell: a group, key figure and year with its sums. */
typedef struct agg_cell {
    uint32_t group;
    int64_t kf_id;
    int64_t year;
    double sum[4]; /* numerator, denominator, value, value * denominator */
    int64_t units;
    uint8_t present; /* bit i: sum[i] has a non-NULL term */
} agg_cell;

#define AGG_NONE UINT32_MAX /* no group (a department without a region) */

/* Cells in insertion order, found through an open-addressing index whose
 * slots hold the upper hash bits and the cell's position + 1 (0: free). */
typedef struct agg_map {
    agg_cell *cells;
    size_t n, ncap;
    uint64_t *index;
    size_t cap; /* a power of two */
} agg_map;

/* (level, code) pairs interned as small integers (the groups' indexes),
 * found through an open-addressing index: 0 is free, else index + 1. */
typedef struct agg_names {
    agg_group *groups;
    size_t n, cap;
    uint32_t *index;
    size_t icap;
} agg_names;

typedef struct agg_member {
    uint32_t dept; /* index into the departments */
    uint32_t group;
    const char *from, *to; /* to NULL while current */
} agg_member;

typedef struct agg_dept {
    int64_t id;
    uint32_t group[4]; /* organisation, municipality, region (AGG_NONE when none), peer */
    uint32_t first_member, nmembers;
} agg_dept;

static uint64_t agg_hash(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

static uint64_t agg_str_hash(const char *level, const char *code)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = level; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
    for (const char *p = code; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h;
}

static void agg_names_rehash(agg_names *t)
{
    free(t->index);
    t->icap = t->icap ? t->icap * 2 : 1024;
    t->index = xcalloc(t->icap, sizeof(uint32_t));
    for (size_t g = 0; g < t->n; g++) {
        size_t i = agg_str_hash(t->groups[g].level, t->groups[g].code) & (t->icap - 1);
        while (t->index[i])
            i = (i + 1) & (t->icap - 1);
        t->index[i] = (uint32_t)g + 1;
    }
}

static uint32_t agg_intern(agg_names *t, arena *a, const char *level, const char *code)
{
    if ((t->n + 1) * 2 > t->icap)
        agg_names_rehash(t);
    size_t i = agg_str_hash(level, code) & (t->icap - 1);
    for (; t->index[i]; i = (i + 1) & (t->icap - 1)) {
        const agg_group *g = &t->groups[t->index[i] - 1];
        if (g->level == level && strcmp(g->code, code) == 0)
            return t->index[i] - 1;
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->groups = xrealloc(t->groups, t->cap * sizeof(agg_group));
    }
    t->groups[t->n] = (agg_group){ level, arena_strdup(a, code) };
    t->index[i] = (uint32_t)t->n + 1;
    return (uint32_t)t->n++;
}

static uint64_t agg_key_hash(uint32_t group, int64_t kf_id, int64_t year)
{
    return agg_hash(((uint64_t)group << 32) ^ ((uint64_t)kf_id << 20) ^ (uint64_t)year);
}

static void agg_map_init(agg_map *m, size_t cap)
{
    memset(m, 0, sizeof *m);
    m->cap = cap;
    m->index = xcalloc(cap, sizeof(uint64_t));
}

static void agg_map_free(agg_map *m)
{
    free(m->cells);
    free(m->index);
}

/* The cell for (group, kf_id, year), or NULL; with create, made empty if new. */
static agg_cell *agg_lookup(agg_map *m, uint32_t group, int64_t kf_id, int64_t year, bool create)
{
    uint64_t h = agg_key_hash(group, kf_id, year), tag = h >> 32;
    size_t i = (size_t)h & (m->cap - 1);
    for (; m->index[i]; i = (i + 1) & (m->cap - 1)) {
        if (m->index[i] >> 32 != tag)
            continue;
        agg_cell *c = &m->cells[(m->index[i] & 0xffffffffu) - 1];
        if (c->group == group && c->kf_id == kf_id && c->year == year)
            return c;
    }
    if (!create)
        return NULL;
    if (m->n == m->ncap) {
        m->ncap = m->ncap ? m->ncap * 2 : 1024;
        m->cells = xrealloc(m->cells, m->ncap * sizeof(agg_cell));
    }
    agg_cell *c = &m->cells[m->n++];
    memset(c, 0, sizeof *c);
    c->group = group;
    c->kf_id = kf_id;
    c->year = year;
    m->index[i] = tag << 32 | (uint64_t)m->n;
    if (m->n * 2 > m->cap) { /* keep the index at most half full */
        free(m->index);
        m->cap *= 2;
        m->index = xcalloc(m->cap, sizeof(uint64_t));
        for (size_t k = 0; k < m->n; k++) {
            uint64_t hk = agg_key_hash(m->cells[k].group, m->cells[k].kf_id, m->cells[k].year);
            size_t j = (size_t)hk & (m->cap - 1);
            while (m->index[j])
                j = (j + 1) & (m->cap - 1);
            m->index[j] = (hk >> 32) << 32 | (uint64_t)(k + 1);
        }
    }
    return c;
}

static void agg_add(agg_cell *c, const double v[4], uint8_t present)
{
    for (int i = 0; i < 4; i++)
        if (present & (1u << i))
            c->sum[i] += v[i];
    c->present |= present;
    c->units++;
}

static int agg_dept_cmp(const void *x, const void *y)
{
    int64_t a = ((const agg_dept *)x)->id, b = ((const agg_dept *)y)->id;
    return (a > b) - (a < b);
}

static int agg_member_cmp(const void *x, const void *y)
{
    uint32_t a = ((const agg_member *)x)->dept, b = ((const agg_member *)y)->dept;
    return (a > b) - (a < b);
}

/* Index of the department with id, or -1 (departments sorted by id). */
static long agg_dept_find(const agg_dept *depts, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (depts[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && depts[lo].id == id ? (long)lo : -1;
}

typedef struct agg_state {
    db *d;
    arena a;
    agg_names names;
    agg_dept *depts;
    size_t ndepts;
    agg_member *members;
    size_t nmembers;
    agg_map cells, own_area; /* own_area: (area, figure, year) with values of the area itself */
} agg_state;

static const char *const L_ORG = "organisation", *const L_MUNI = "municipality", *const L_REGION = "region",
                         *const L_COUNTRY = "country", *const L_PEER = "peer", *const L_AREA = "area";

static hh_err agg_load(agg_state *s, hh_error *e)
{
    db *d = s->d;
    int64_t count = 0;
    if (!db_query_int64(d, "SELECT COUNT(*) FROM department", &count))
        return db_fail(d, e, "count departments");
    s->depts = xcalloc((size_t)count + 1, sizeof(agg_dept));
    db_stmt *st = db_prepare(d, "SELECT d.id, CAST(d.org_no AS TEXT), d.municipality_code, m.region_code, d.peer_group"
                                " FROM department d LEFT JOIN municipality m ON m.code = d.municipality_code");
    if (!st)
        return db_fail(d, e, "read departments");
    int rc;
    while ((rc = db_step(st)) == DB_ROW && s->ndepts < (size_t)count) {
        agg_dept *x = &s->depts[s->ndepts++];
        x->id = db_col_int64(st, 0);
        x->group[0] = agg_intern(&s->names, &s->a, L_ORG, db_col_text(st, 1));
        x->group[1] = agg_intern(&s->names, &s->a, L_MUNI, db_col_text(st, 2));
        x->group[2] = db_col_null(st, 3) ? AGG_NONE : agg_intern(&s->names, &s->a, L_REGION, db_col_text(st, 3));
        x->group[3] = agg_intern(&s->names, &s->a, L_PEER, db_col_text(st, 4));
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read departments");
    qsort(s->depts, s->ndepts, sizeof(agg_dept), agg_dept_cmp);

    st = db_prepare(d, "SELECT department_id, CAST(area_id AS TEXT), valid_from, valid_to FROM area_member");
    if (!st)
        return db_fail(d, e, "read area members");
    size_t cap = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        long i = agg_dept_find(s->depts, s->ndepts, db_col_int64(st, 0));
        if (i < 0)
            continue;
        if (s->nmembers == cap) {
            cap = cap ? cap * 2 : 256;
            s->members = xrealloc(s->members, cap * sizeof(agg_member));
        }
        s->members[s->nmembers++] = (agg_member){ (uint32_t)i, agg_intern(&s->names, &s->a, L_AREA, db_col_text(st, 1)),
                                                  arena_strdup(&s->a, db_col_text(st, 2)),
                                                  db_col_null(st, 3) ? NULL : arena_strdup(&s->a, db_col_text(st, 3)) };
    }
    db_done(st);
    if (rc == DB_ERROR)
        return db_fail(d, e, "read area members");
    if (s->nmembers)
        qsort(s->members, s->nmembers, sizeof(agg_member), agg_member_cmp);
    for (size_t i = 0; i < s->nmembers;) {
        size_t j = i;
        while (j < s->nmembers && s->members[j].dept == s->members[i].dept)
            j++;
        s->depts[s->members[i].dept].first_member = (uint32_t)i;
        s->depts[s->members[i].dept].nmembers = (uint32_t)(j - i);
        i = j;
    }

    agg_map_init(&s->own_area, 64);
    st = db_prepare(d, "SELECT CAST(area_id AS TEXT), key_figure_id, year FROM kf_area_value");
    if (!st)
        return db_fail(d, e, "read area values");
    while ((rc = db_step(st)) == DB_ROW)
        agg_lookup(&s->own_area, agg_intern(&s->names, &s->a, L_AREA, db_col_text(st, 0)), db_col_int64(st, 1),
                   db_col_int64(st, 2), true);
    db_done(st);
    return rc == DB_ERROR ? db_fail(d, e, "read area values") : HH_OK;
}

/* Sums the values of departments lo <= id < hi (hi 0: no upper bound). */
static hh_err agg_scan(agg_state *s, int64_t lo, int64_t hi, uint32_t country, hh_error *e)
{
    db_stmt *st = db_prepare(s->d, hi ? "SELECT department_id, key_figure_id, year, numerator, denominator, value"
                                        " FROM kf_value WHERE department_id >= ? AND department_id < ?"
                                      : "SELECT department_id, key_figure_id, year, numerator, denominator, value"
                                        " FROM kf_value WHERE department_id >= ?");
    if (!st)
        return db_fail(s->d, e, "read key figures");
    db_bind_int64(st, 1, lo);
    if (hi)
        db_bind_int64(st, 2, hi);
    int rc;
    long di = -1;
    int64_t last_id = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 0), kf_id = db_col_int64(st, 1), year = db_col_int64(st, 2);
        if (di < 0 || id != last_id) {
            di = agg_dept_find(s->depts, s->ndepts, id);
            last_id = id;
        }
        if (di < 0)
            continue;
        double v[4] = { 0, 0, 0, 0 };
        uint8_t present = 0;
        for (int c = 0; c < 3; c++)
            if (!db_col_null(st, 3 + c)) {
                v[c] = db_col_double(st, 3 + c);
                present |= (uint8_t)(1u << c);
            }
        if ((present & 6) == 6) {
            v[3] = v[2] * v[1];
            present |= 8;
        }
        const agg_dept *x = &s->depts[di];
        for (int g = 0; g < 4; g++)
            if (x->group[g] != AGG_NONE)
                agg_add(agg_lookup(&s->cells, x->group[g], kf_id, year, true), v, present);
        agg_add(agg_lookup(&s->cells, country, kf_id, year, true), v, present);
        if (!x->nmembers)
            continue;
        /* Members that year: valid_from <= 'YEAR-12-31' and (valid_to IS
         * NULL or valid_to >= 'YEAR-01-01'), compared as text like SQL. */
        char end[32], start[32];
        snprintf(end, sizeof end, "%lld-12-31", (long long)year);
        snprintf(start, sizeof start, "%lld-01-01", (long long)year);
        for (uint32_t m = x->first_member; m < x->first_member + x->nmembers; m++) {
            const agg_member *am = &s->members[m];
            if (strcmp(am->from, end) <= 0 && (!am->to || strcmp(am->to, start) >= 0) &&
                !agg_lookup(&s->own_area, am->group, kf_id, year, false))
                agg_add(agg_lookup(&s->cells, am->group, kf_id, year, true), v, present);
        }
    }
    db_done(st);
    return rc == DB_ERROR ? db_fail(s->d, e, "read key figures") : HH_OK;
}

#define AGG_INSERT \
    "INSERT INTO kf_agg (level, code, key_figure_id, year, numerator, denominator, value, weighted, units)"
#define AGG_BATCH 128

static void agg_bind(db_stmt *st, int base, const agg_state *s, const agg_cell *c)
{
    const agg_group *g = &s->names.groups[c->group];
    db_bind_text(st, base + 1, g->level);
    db_bind_text(st, base + 2, g->code);
    db_bind_int64(st, base + 3, c->kf_id);
    db_bind_int64(st, base + 4, c->year);
    for (int i = 0; i < 4; i++) {
        if (c->present & (1u << i))
            db_bind_double(st, base + 5 + i, c->sum[i]);
        else
            db_bind_null(st, base + 5 + i);
    }
    db_bind_int64(st, base + 9, c->units);
}

/* Writes the cells: AGG_BATCH rows per statement, the rest one by one (so
 * only two statements are ever prepared and cached). A statement is looked
 * up again for every batch rather than held: the cache may evict it. */
static hh_err agg_write(agg_state *s, hh_error *e)
{
    buf batch_sql;
    buf_init(&batch_sql, 0);
    buf_puts(&batch_sql, AGG_INSERT " VALUES ");
    for (int i = 0; i < AGG_BATCH; i++)
        buf_puts(&batch_sql, i ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    hh_err rc = HH_OK;
    size_t left = s->cells.n, k = 0;
    db_stmt *st = NULL;
    for (size_t i = 0; i < s->cells.n && rc == HH_OK; i++) {
        const agg_cell *c = &s->cells.cells[i];
        bool batch = left >= AGG_BATCH;
        if (k == 0 &&
            !(st = db_prepare(s->d, batch ? buf_cstr(&batch_sql) : AGG_INSERT " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
            rc = db_fail(s->d, e, "prepare key-figure aggregates");
            break;
        }
        agg_bind(st, (int)k * 9, s, c);
        if (batch && ++k < AGG_BATCH)
            continue;
        k = 0;
        int r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            rc = db_fail(s->d, e, "write key-figure aggregates");
        left -= batch ? AGG_BATCH : 1;
    }
    buf_free(&batch_sql);
    return rc;
}

/* Departments per kf_value range read at once: bounds the memory of a result
 * (PostgreSQL returns whole results) to some 100,000 rows. */
#define AGG_DEPTS_PER_SCAN 256

hh_err kf_refresh(db *d, hh_error *e)
{
    agg_state s;
    memset(&s, 0, sizeof s);
    s.d = d;
    arena_init(&s.a);
    agg_map_init(&s.cells, 1024);
    hh_err rc = agg_load(&s, e);
    uint32_t country = agg_intern(&s.names, &s.a, L_COUNTRY, "DK");
    for (size_t i = 0; rc == HH_OK && i < s.ndepts; i += AGG_DEPTS_PER_SCAN) {
        int64_t lo = s.depts[i].id;
        int64_t hi = i + AGG_DEPTS_PER_SCAN < s.ndepts ? s.depts[i + AGG_DEPTS_PER_SCAN].id : 0;
        rc = agg_scan(&s, lo, hi, country, e);
    }
    static const char *const sql[] = {
        "DELETE FROM kf_agg",
        /* Areas: figures measured for the area itself win over sums of members. */
        AGG_INSERT " SELECT 'area', CAST(a.id AS TEXT), v.key_figure_id, v.year, v.numerator, v.denominator, v.value,"
                   " v.value * v.denominator, 1 FROM kf_area_value v JOIN housing_area a ON a.id = v.area_id",
    };
    for (size_t i = 0; rc == HH_OK && i < HH_ARRAY_LEN(sql); i++) {
        db_stmt *st = db_prepare(d, sql[i]);
        if (!st) {
            rc = db_fail(d, e, "prepare key-figure aggregates");
            break;
        }
        int r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            rc = db_fail(d, e, "compute key-figure aggregates");
    }
    if (rc == HH_OK)
        rc = agg_write(&s, e);
    if (rc == HH_OK) {
        db_stmt *st = db_prepare(d, "UPDATE data_version SET version = version + 1 WHERE grp = 'keyfigures'");
        int r = st ? db_step(st) : DB_ERROR;
        if (st)
            db_done(st);
        if (r == DB_ERROR)
            rc = db_fail(d, e, "compute key-figure aggregates");
    }
    /* Early warning reads the area aggregates just written. */
    if (rc == HH_OK)
        rc = warn_refresh(d, e);
    agg_map_free(&s.cells);
    agg_map_free(&s.own_area);
    free(s.depts);
    free(s.members);
    free(s.names.groups);
    free(s.names.index);
    arena_free(&s.a);
    return rc;
}

/* ---- reading ---- */

const char *const kf_level_code[LEVEL_COUNT] = { "department", "area",    "organisation", "municipality",
                                                 "region",     "country", "peer" };
const char *const kf_level_label[LEVEL_COUNT] = { "Afdeling", "Boligområde", "Boligorganisation",         "Kommune",
                                                  "Region",   "Hele landet", "Sammenlignelige afdelinger" };

kf_level kf_level_by_code(const char *code)
{
    for (int i = 0; i < LEVEL_COUNT; i++)
        if (strcmp(kf_level_code[i], code) == 0)
            return (kf_level)i;
    return LEVEL_COUNT;
}

static double col_num(db_stmt *st, int c)
{
    return db_col_null(st, c) ? NAN : db_col_double(st, c);
}

/* Columns: code, name, key_figure_id, year, numerator, denominator, value,
 * weighted, units. */
static bool read_kf_row(db_stmt *st, arena *a, void *elem)
{
    kf_row *r = elem;
    r->code = arena_strdup(a, db_col_text(st, 0));
    r->name = arena_strdup(a, db_col_text(st, 1));
    r->kf = (int)db_col_int64(st, 2) - 1;
    if (r->kf < 0 || (size_t)r->kf >= kf_count)
        return false;
    r->year = (int)db_col_int64(st, 3);
    r->parts.numerator = col_num(st, 4);
    r->parts.denominator = col_num(st, 5);
    r->parts.value = col_num(st, 6);
    r->parts.weighted = col_num(st, 7);
    r->parts.units = db_col_int64(st, 8);
    r->suppressed = false;
    return true;
}

#define DEPT_ROWS                                                                                             \
    "SELECT CAST(d.org_no AS TEXT) || '-' || CAST(d.department_no AS TEXT), d.name, v.key_figure_id, v.year," \
    " v.numerator, v.denominator, v.value, v.value * v.denominator, 1 FROM kf_value v"                        \
    " JOIN department d ON d.id = v.department_id"

static const char *level_join(kf_level level)
{
    switch (level) {
    case LEVEL_AREA: return " JOIN housing_area a ON CAST(a.id AS TEXT) = g.code";
    case LEVEL_ORGANISATION: return " JOIN organisation o ON CAST(o.org_no AS TEXT) = g.code";
    case LEVEL_MUNICIPALITY: return " JOIN municipality m ON m.code = g.code";
    case LEVEL_REGION: return " JOIN region r ON r.code = g.code";
    default: return "";
    }
}

static const char *level_name(kf_level level)
{
    switch (level) {
    case LEVEL_AREA: return "a.name";
    case LEVEL_ORGANISATION: return "o.name";
    case LEVEL_MUNICIPALITY: return "m.name";
    case LEVEL_REGION: return "r.name";
    case LEVEL_COUNTRY: return "'Hele landet'";
    default: return "g.code";
    }
}

static const char *level_code(kf_level level)
{
    return level == LEVEL_AREA ? "a.code" : "g.code";
}

hh_err kf_unit_series(db *d, kf_level level, const char *code, int kf, arena *a, kf_row **out, size_t *n, hh_error *e)
{
    const char *sql;
    if (level == LEVEL_DEPARTMENT)
        sql = arena_printf(a, DEPT_ROWS " WHERE v.department_id = ?%s ORDER BY v.key_figure_id, v.year",
                           kf >= 0 ? " AND v.key_figure_id = ?" : "");
    else
        sql = arena_printf(a,
                           "SELECT %s, %s, g.key_figure_id, g.year, g.numerator, g.denominator, g.value, g.weighted,"
                           " g.units FROM kf_agg g%s WHERE g.level = '%s' AND g.code = ?%s"
                           " ORDER BY g.key_figure_id, g.year",
                           level_code(level), level_name(level), level_join(level), kf_level_code[level],
                           kf >= 0 ? " AND g.key_figure_id = ?" : "");
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read key figures");
    if (level == LEVEL_DEPARTMENT)
        db_bind_int64(st, 1, hh_int64_or(code, 0));
    else
        db_bind_text(st, 1, code);
    if (kf >= 0)
        db_bind_int64(st, 2, kf_db_id(kf));
    if (db_collect(st, a, sizeof(kf_row), read_kf_row, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read key figures");
    return HH_OK;
}

hh_err kf_level_rows(db *d, kf_level level, int year, int kf, const char *where, arena *a, kf_row **out, size_t *n,
                     hh_error *e)
{
    buf sql;
    buf_init(&sql, 0);
    if (level == LEVEL_DEPARTMENT) {
        buf_puts(&sql, DEPT_ROWS " WHERE 1 = 1");
    } else {
        buf_printf(&sql,
                   "SELECT %s, %s, g.key_figure_id, g.year, g.numerator, g.denominator, g.value, g.weighted, g.units"
                   " FROM kf_agg g%s WHERE g.level = '%s'",
                   level_code(level), level_name(level), level_join(level), kf_level_code[level]);
    }
    const char *alias = level == LEVEL_DEPARTMENT ? "v" : "g";
    if (year)
        buf_printf(&sql, " AND %s.year = %d", alias, year);
    if (kf >= 0)
        buf_printf(&sql, " AND %s.key_figure_id = %lld", alias, (long long)kf_db_id(kf));
    if (where)
        buf_printf(&sql, " AND %s", where);
    if (level == LEVEL_DEPARTMENT)
        buf_puts(&sql, " ORDER BY d.org_no, d.department_no, v.key_figure_id, v.year");
    else
        buf_printf(&sql, " ORDER BY %s, g.key_figure_id, g.year", level_code(level));
    db_stmt *st = db_prepare(d, buf_cstr(&sql));
    buf_free(&sql);
    if (!st)
        return db_fail(d, e, "read key figures");
    if (db_collect(st, a, sizeof(kf_row), read_kf_row, (void **)out, n) == DB_ERROR)
        return db_fail(d, e, "read key figures");
    return HH_OK;
}

/* Figures that split one whole between them: hiding one alone would let a
 * reader recover it as the whole minus the others. */
static const char *const age_groups[] = { "age_0_17_share", "age_18_64_share", "age_65_plus_share" };

void kf_suppress_rows(kf_row *rows, size_t n)
{
    int age[HH_ARRAY_LEN(age_groups)];
    for (size_t i = 0; i < HH_ARRAY_LEN(age_groups); i++)
        age[i] = kf_find(age_groups[i]);
    for (size_t i = 0; i < n; i++)
        rows[i].suppressed = kf_suppressed(&kf_catalogue[rows[i].kf], &rows[i].parts);
    /* Each run of rows of one unit and year. */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(rows[j].code, rows[i].code) == 0)
            j++;
        for (size_t k = i; k < j; k++) {
            if (rows[k].kf != age[0])
                continue;
            kf_cell cells[HH_ARRAY_LEN(age_groups)];
            kf_row *members[HH_ARRAY_LEN(age_groups)];
            size_t m = 0;
            for (size_t g = 0; g < HH_ARRAY_LEN(age_groups); g++)
                for (size_t x = i; x < j; x++)
                    if (rows[x].kf == age[g] && rows[x].year == rows[k].year) {
                        members[m] = &rows[x];
                        cells[m++].parts = rows[x].parts;
                    }
            if (m < 2)
                continue;
            kf_suppress_group(&kf_catalogue[age[0]], cells, m, true);
            for (size_t g = 0; g < m; g++)
                members[g]->suppressed = members[g]->suppressed || cells[g].suppressed;
        }
        i = j;
    }
}

int kf_latest_year(db *d)
{
    int64_t y = 0;
    if (!db_query_int64(d, "SELECT COALESCE(MAX(year), 0) FROM kf_agg WHERE level = 'country'", &y))
        return 0;
    return (int)y;
}
