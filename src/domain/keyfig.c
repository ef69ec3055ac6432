#include "domain/keyfig.h"
#include "core/str.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/util.h"

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

#define AGG_SUMS                                                                    \
    " v.key_figure_id, v.year, SUM(v.numerator), SUM(v.denominator), SUM(v.value)," \
    " SUM(v.value * v.denominator), COUNT(*) FROM kf_value v JOIN department d ON d.id = v.department_id"
#define AGG_INSERT \
    "INSERT INTO kf_agg (level, code, key_figure_id, year, numerator, denominator, value, weighted, units)"

/* Membership of a department in an area during a year. */
#define MEMBER_IN_YEAR                                                                                      \
    " JOIN area_member am ON am.department_id = d.id AND am.valid_from <= CAST(v.year AS TEXT) || '-12-31'" \
    " AND (am.valid_to IS NULL OR am.valid_to >= CAST(v.year AS TEXT) || '-01-01')"

static const char *const refresh_sql[] = {
    "DELETE FROM kf_agg",
    AGG_INSERT " SELECT 'organisation', CAST(d.org_no AS TEXT)," AGG_SUMS " GROUP BY d.org_no, v.key_figure_id, v.year",
    AGG_INSERT " SELECT 'municipality', d.municipality_code," AGG_SUMS
               " GROUP BY d.municipality_code, v.key_figure_id, v.year",
    AGG_INSERT " SELECT 'region', m.region_code," AGG_SUMS
               " JOIN municipality m ON m.code = d.municipality_code GROUP BY m.region_code, v.key_figure_id, v.year",
    AGG_INSERT " SELECT 'country', 'DK'," AGG_SUMS " GROUP BY v.key_figure_id, v.year",
    AGG_INSERT " SELECT 'peer', d.peer_group," AGG_SUMS " GROUP BY d.peer_group, v.key_figure_id, v.year",
    /* Areas: figures measured for the area itself win over sums of members. */
    AGG_INSERT " SELECT 'area', CAST(a.id AS TEXT), v.key_figure_id, v.year, v.numerator, v.denominator, v.value,"
               " v.value * v.denominator, 1 FROM kf_area_value v JOIN housing_area a ON a.id = v.area_id",
    AGG_INSERT " SELECT 'area', CAST(am.area_id AS TEXT)," AGG_SUMS MEMBER_IN_YEAR
               " WHERE NOT EXISTS (SELECT 1 FROM kf_area_value x WHERE x.area_id = am.area_id"
               " AND x.key_figure_id = v.key_figure_id AND x.year = v.year)"
               " GROUP BY am.area_id, v.key_figure_id, v.year",
    "UPDATE data_version SET version = version + 1 WHERE grp = 'keyfigures'",
};

hh_err kf_refresh(db *d, hh_error *e)
{
    for (size_t i = 0; i < HH_ARRAY_LEN(refresh_sql); i++) {
        db_stmt *st = db_prepare(d, refresh_sql[i]);
        if (!st)
            return db_fail(d, e, "prepare key-figure aggregates");
        int rc = db_step(st);
        db_done(st);
        if (rc == DB_ERROR)
            return db_fail(d, e, "compute key-figure aggregates");
    }
    return HH_OK;
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
