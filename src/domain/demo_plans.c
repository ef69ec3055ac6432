/* demo_plans.c - the demo holistic plans.
 *
 * Everything is made through plans.h as the operator (NULL principal), so the
 * data obeys every rule the domain enforces: budgets within 75 % LBF and
 * 25 % co-financing, no LBF payout before the municipal approval, focus areas
 * from the round's list, transitions only along the state machine with
 * back-dated, non-decreasing effective dates that never lie in the future.
 *
 * What is fact and what is made up: the names, periods and municipalities of
 * the 27 plans of source 002's Table 1 (002:L1225-1290) are facts (Brøndby
 * Strand lies in Brøndby Kommune although the table prints København); their
 * housing areas are named after the estates with " (fiktive tal)", and every
 * figure, amount, date, person, contact and agreement is synthetic. Plan 1
 * ("Demoparken") is fictitious. Deterministic by seed; states follow the
 * periods as of today. */
#include "domain/demo_plans.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/util.h"
#include "domain/demo_registry.h"
#include "domain/keyfig.h"
#include "domain/plans.h"

/* ---- dates as day numbers (days since 1970-01-01) ---- */

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static const char *iso(arena *a, int64_t day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

static int year_of(int64_t day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return y;
}

static int64_t jan1(int y)
{
    return days_from_civil(y, 1, 1);
}

static int64_t dec31(int y)
{
    return days_from_civil(y, 12, 31);
}

/* ---- the 27 plans of Table 1 (002:L1225-1290) ---- */

typedef struct table1_plan {
    const char *name;
    int first, last;
    const char *municipality;
    const char *estate;   /* the housing area's name */
    const char *parts[2]; /* department names when the area gets new ones */
} table1_plan;

static const table1_plan table1[] = {
    { "5M Mennesker på Motalavej", 2013, 2016, "0330", "Motalavej", { "Motalavej", NULL } },
    { "Sydbyen – udvikling i fællesskab", 2014, 2017, "0330", "Sydbyen", { "Sydbyen", NULL } },
    { "På spring for fremtiden", 2015, 2017, "0330", "På spring for fremtiden", { "Slagelse Vest", NULL } },
    { "Østre Park – Magrethevænget",
      2014,
      2017,
      "0376",
      "Østre Park – Magrethevænget",
      { "Østre Park", "Magrethevænget" } },
    { "ReStart Lindholm – tager ansvar!", 2013, 2017, "0376", "Lindholm", { "Lindholm", NULL } },
    { "Greve Nord Projektet", 2014, 2016, "0253", "Greve Nord", { "Greve Nord", NULL } },
    { "Fællesskab i Vangkvarteret", 2014, 2017, "0316", "Vangkvarteret", { "Vangkvarteret", NULL } },
    { "Rødbyhavn", 2014, 2017, "0360", "Rødbyhavn", { "Rødbyhavn", NULL } },
    { "Tingbjerg", 2012, 2016, "0101", "Tingbjerg", { "Tingbjerg", NULL } },
    { "Beboerprojekt Puls", 2014, 2017, "0101", "Beboerprojekt Puls", { "Puls", NULL } },
    { "Brøndby Strand for fremtiden", 2012, 2016, "0153", "Brøndby Strand", { "Brøndby Strand", NULL } },
    { "Sammen om Sydhavnen", 2013, 2016, "0101", "Sydhavnen", { "Sydhavnen", NULL } },
    { "Rammen om det gode liv: Høje Tøpholm og Degnemarken",
      2012,
      2016,
      "0260",
      "Høje Tøpholm og Degnemarken",
      { "Høje Tøpholm", "Degnemarken" } },
    { "Et trygt Maglehøj", 2012, 2016, "0260", "Maglehøj", { "Maglehøj", NULL } },
    { "Løget", 2013, 2016, "0630", "Løget", { "Løget", NULL } },
    { "Nørremarken", 2013, 2016, "0630", "Nørremarken", { "Nørremarken", NULL } },
    { "Bydelsprojekt 3i1", 2012, 2016, "0561", "Bydelsprojekt 3i1", { "3i1", NULL } },
    { "Korskærparken og Sønderparken",
      2014,
      2018,
      "0607",
      "Korskærparken og Sønderparken",
      { "Korskærparken", "Sønderparken" } },
    { "Vollsmose", 2012, 2016, "0461", "Vollsmose", { "Vollsmose", NULL } },
    { "Boulevardbebyggelserne i Varde", 2013, 2017, "0573", "Boulevardbebyggelserne", { "Boulevarden", NULL } },
    { "Trigeparken", 2014, 2018, "0751", "Trigeparken", { "Trigeparken", NULL } },
    { "Herredsvang", 2014, 2017, "0751", "Herredsvang", { "Herredsvang", NULL } },
    { "Byens bedste naboskab", 2014, 2017, "0751", "Byens bedste naboskab", { "Naboskabet", NULL } },
    { "Fælles om Frydenlund", 2014, 2017, "0751", "Frydenlund", { "Frydenlund", NULL } },
    { "Randers Nordby", 2013, 2017, "0730", "Randers Nordby", { "Randers Nordby", NULL } },
    { "Afd. 5 Grønnegården og Afd. 6 Skelagergårdene",
      2013,
      2017,
      "0851",
      "Grønnegården og Skelagergårdene",
      { "Grønnegården", "Skelagergårdene" } },
    { "Kvarterets hus i Løvvangen", 2012, 2017, "0851", "Løvvangen", { "Løvvangen", NULL } },
};
#define NTABLE1 (sizeof table1 / sizeof table1[0])

/* ---- synthetic people ---- */

static const char *const first_names[] = { "Anne",   "Mette",  "Lars",     "Jens",   "Hanne",   "Peter",
                                           "Sofie",  "Mads",   "Fatma",    "Ahmed",  "Camilla", "Søren",
                                           "Louise", "Mikkel", "Henrik",   "Zainab", "Karin",   "Thomas",
                                           "Line",   "Jonas",  "Birgitte", "Yusuf",  "Ida",     "Rasmus" };
/* Surnames that say plainly that the people are made up. */
static const char *const last_names[] = { "Demosen",   "Eksempelsen", "Prøvesen",  "Fiktivsen", "Modelsen",
                                          "Skitsesen", "Opdigtsen",   "Attrapsen", "Udkastsen", "Pseudonymsen" };

/* The template with @ replaced by word. */
static const char *fill(arena *a, const char *tpl, const char *word)
{
    const char *at = strchr(tpl, '@');
    return at ? arena_printf(a, "%.*s%s%s", (int)(at - tpl), tpl, word, at + 1) : tpl;
}

/* ---- the generator's state ---- */

typedef struct area_info {
    int64_t id;
    const char *code, *estate, *muni, *muni_name, *muni_label, *region_name;
    const char **depts; /* "ORG-DEPT", current members */
    size_t ndepts;
    int64_t *orgs;
    size_t norgs;
    const char *org_name; /* the first organisation's name */
    int table1;           /* 1 + row of Table 1, 0 for the registry's areas */
} area_info;

typedef struct cached_partner {
    const char *name, *muni;
    int64_t id;
} cached_partner;

typedef struct gen {
    db *d;
    arena *a;
    demo_rng r;
    int64_t today;
    int today_year;
    int latest_year; /* of the demo key figures */
    bool national;
    area_info *areas;
    size_t nareas;
    cached_partner *partners;
    size_t npartners, cap_partners;
    int journal; /* running number of agreement references */
    int person;  /* running number for e-mail addresses */
} gen;

static double U(gen *g)
{
    return demo_rng_uniform(&g->r);
}

static int B(gen *g, int lo, int hi)
{
    return demo_rng_between(&g->r, lo, hi);
}

static const char *pick(gen *g, const char *const *list, size_t n)
{
    return list[(size_t)B(g, 0, (int)n - 1)];
}
#define PICK(g, list) pick((g), (list), HH_ARRAY_LEN(list))

/* Adds what the demo was doing to a failure from the domain. */
static hh_err explain(hh_err rc, hh_error *e, const char *plan_name, const char *what)
{
    if (rc == HH_OK || !e)
        return rc;
    char msg[2 * sizeof e->msg];
    snprintf(msg, sizeof msg, "demo plan '%s': %s: %s%s%s%s", plan_name, what, e->msg, e->field[0] ? " (field " : "",
             e->field, e->field[0] ? ")" : "");
    hh_strlcpy(e->msg, msg, sizeof e->msg);
    return rc;
}

static void fold_ascii(char *out, size_t n, const char *s)
{
    size_t k = 0;
    while (*s && k + 3 < n) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x80) {
            if (isalnum(c))
                out[k++] = (char)tolower(c);
            s++;
            continue;
        }
        const char *rep = "";
        if (!strncmp(s, "æ", 2) || !strncmp(s, "Æ", 2))
            rep = "ae";
        else if (!strncmp(s, "ø", 2) || !strncmp(s, "Ø", 2))
            rep = "oe";
        else if (!strncmp(s, "å", 2) || !strncmp(s, "Å", 2))
            rep = "aa";
        for (; *rep && k + 1 < n; rep++)
            out[k++] = *rep;
        s++;
        while ((*s & 0xC0) == 0x80)
            s++;
    }
    out[k] = '\0';
}

/* A made-up person: name and an address under a reserved example domain. */
static void person(gen *g, const char *domain, const char **name, const char **email)
{
    const char *f = PICK(g, first_names), *l = PICK(g, last_names);
    char ff[32], ll[32];
    fold_ascii(ff, sizeof ff, f);
    fold_ascii(ll, sizeof ll, l);
    *name = arena_printf(g->a, "%s %s", f, l);
    *email = arena_printf(g->a, "%s.%s%d@%s.example", ff, ll, ++g->person, domain);
}

/* ---- clearing (before the registry step) ---- */

hh_err demo_plans_clear(db *d, const demo_options *opt, hh_error *e)
{
    (void)opt;
    /* Cooperation agreements refer to partners; everything else of a plan
     * goes with it (ON DELETE CASCADE). Successors first is not needed: one
     * statement deletes all plans. */
    static const char *const wipe[] = { "DELETE FROM plan_cooperation", "DELETE FROM plan", "DELETE FROM partner" };
    for (size_t i = 0; i < HH_ARRAY_LEN(wipe); i++)
        if (db_exec(d, wipe[i], e))
            return HH_ERR_DB;
    /* Plan 1 is the plan_staff:1 login's plan: ids start again at 1. SQLite
     * (no AUTOINCREMENT) reuses ids of an empty table by itself. */
    if (db_get_kind(d) == DB_POSTGRES) {
        static const char *const reset[] = { "SELECT setval(pg_get_serial_sequence('plan', 'id'), 1, false)",
                                             "SELECT setval(pg_get_serial_sequence('partner', 'id'), 1, false)" };
        for (size_t i = 0; i < HH_ARRAY_LEN(reset); i++) {
            db_stmt *st = db_prepare(d, reset[i]);
            int rc = st ? db_step(st) : DB_ERROR;
            if (st)
                db_done(st);
            if (rc == DB_ERROR)
                return db_fail(d, e, "restart plan ids");
        }
    }
    return HH_OK;
}

/* ---- the Table 1 estates as housing areas ---- */

static hh_err query_text(db *d, const char *sql, const char *arg, char *out, size_t n, hh_error *e)
{
    out[0] = '\0';
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read the demo registry");
    db_bind_text(st, 1, arg);
    int rc = db_step(st);
    if (rc == DB_ROW && !db_col_null(st, 0))
        hh_strlcpy(out, db_col_text(st, 0), n);
    db_done(st);
    return rc == DB_ERROR ? db_fail(d, e, "read the demo registry") : HH_OK;
}

/* An organisation to own a new department in municipality `muni`: one at
 * home there, else the one with most departments there, else one of the
 * region, else the first. Organisation 101 (the demo logins' organisation)
 * keeps the departments the registry gave it: tests rely on them. */
static hh_err owner_for(db *d, const char *muni, int *org_no, hh_error *e)
{
    static const char *const sql[] = {
        "SELECT CAST(MIN(org_no) AS TEXT) FROM organisation WHERE municipality_code = ? AND org_no <> 101",
        "SELECT CAST(org_no AS TEXT) FROM department WHERE municipality_code = ? AND org_no <> 101 GROUP BY org_no"
        " ORDER BY COUNT(*) DESC, org_no LIMIT 1",
        "SELECT CAST(MIN(o.org_no) AS TEXT) FROM organisation o JOIN municipality m ON m.code = o.municipality_code"
        " WHERE m.region_code = (SELECT region_code FROM municipality WHERE code = ?) AND o.org_no <> 101",
        "SELECT CAST(MIN(org_no) AS TEXT) FROM organisation WHERE org_no <> 101 AND CAST(? AS TEXT) IS NOT NULL",
        "SELECT CAST(MIN(org_no) AS TEXT) FROM organisation WHERE CAST(? AS TEXT) IS NOT NULL",
    };
    char got[32];
    for (size_t i = 0; i < HH_ARRAY_LEN(sql); i++) {
        hh_err rc = query_text(d, sql[i], muni, got, sizeof got, e);
        if (rc)
            return rc;
        if (got[0]) {
            *org_no = (int)strtol(got, NULL, 10);
            return HH_OK;
        }
    }
    return hh_fail(e, HH_ERR_INTERNAL, NULL, "the demo registry has no organisations");
}

/* One area per Table 1 plan, "BO-MUNI-Tnn", from departments of its
 * municipality that lie in no area yet (the largest first; none of
 * organisation 101's), or from new
 * departments with ten years of figures where there are too few (summed by
 * the next demo step). */
static hh_err table1_areas(gen *g, hh_error *e)
{
    db *d = g->d;
    db_stmt *ins_area = db_prepare(d, "INSERT INTO housing_area (code, name, municipality_code) VALUES (?, ?, ?)"
                                      " RETURNING id");
    db_stmt *ins_mem = db_prepare(d, "INSERT INTO area_member (area_id, department_id, valid_from, valid_to)"
                                     " VALUES (?, ?, '2010-01-01', NULL)");
    if (!ins_area || !ins_mem)
        return db_fail(d, e, "prepare the demo plans' areas");
    hh_err rc = HH_OK;
    for (size_t i = 0; i < NTABLE1 && !rc; i++) {
        const table1_plan *t = &table1[i];
        size_t need = t->parts[1] ? 2 : 1;
        int64_t ids[2];
        size_t have = 0;
        db_stmt *st = db_prepare(d, "SELECT d.id FROM department d WHERE d.municipality_code = ? AND d.org_no <> 101"
                                    " AND NOT EXISTS"
                                    " (SELECT 1 FROM area_member m WHERE m.department_id = d.id)"
                                    " ORDER BY d.dwellings_family + d.dwellings_elderly + d.dwellings_youth DESC,"
                                    " d.id LIMIT 2");
        if (!st)
            return db_fail(d, e, "read free demo departments");
        db_bind_text(st, 1, t->municipality);
        while (have < need && db_step(st) == DB_ROW)
            ids[have++] = db_col_int64(st, 0);
        db_done(st);
        for (; have < need && !rc; have++) {
            int org_no = 0;
            if ((rc = owner_for(d, t->municipality, &org_no, e)))
                break;
            int64_t next_no = 1;
            st = db_prepare(d, "SELECT COALESCE(MAX(department_no), 0) + 1 FROM department WHERE org_no = ?");
            if (!st)
                return db_fail(d, e, "read department numbers");
            db_bind_int64(st, 1, org_no);
            if (db_step(st) == DB_ROW)
                next_no = db_col_int64(st, 0);
            db_done(st);
            demo_department dd = {
                .org_no = org_no,
                .department_no = (int)next_no,
                .name = arena_printf(g->a, "%s (fiktiv afdeling)", t->parts[have]),
                .municipality_code = t->municipality,
                .dwellings = B(g, 260, 820),
                .build_year = B(g, 1949, 1976),
                .strain = 0.45 + 0.3 * U(g),
            };
            rc = demo_registry_add_department(d, &g->r, &dd, &ids[have], e);
        }
        if (rc)
            break;
        db_bind_text(ins_area, 1, arena_printf(g->a, "BO-%s-T%02zu", t->municipality, i + 1));
        db_bind_text(ins_area, 2, arena_printf(g->a, "%s (fiktive tal)", t->estate));
        db_bind_text(ins_area, 3, t->municipality);
        int64_t area_id = 0;
        if (db_step(ins_area) == DB_ROW)
            area_id = db_col_int64(ins_area, 0);
        db_done(ins_area);
        if (!area_id)
            return db_fail(d, e, "write the demo plans' areas");
        for (size_t k = 0; k < need; k++) {
            db_bind_int64(ins_mem, 1, area_id);
            db_bind_int64(ins_mem, 2, ids[k]);
            int s = db_step(ins_mem);
            db_done(ins_mem);
            if (s == DB_ERROR)
                return db_fail(d, e, "write the demo plans' area members");
        }
    }
    return rc;
}

/* Every area with its current member departments and their organisations. */
static hh_err load_areas(gen *g, hh_error *e)
{
    db_stmt *st = db_prepare(g->d, "SELECT a.id, a.code, a.name, a.municipality_code, m.name, r.name, d.org_no,"
                                   " d.department_no, o.name FROM housing_area a"
                                   " JOIN municipality m ON m.code = a.municipality_code"
                                   " JOIN region r ON r.code = m.region_code"
                                   " JOIN area_member am ON am.area_id = a.id"
                                   " AND (am.valid_to IS NULL OR am.valid_to >= ?)"
                                   " JOIN department d ON d.id = am.department_id"
                                   " JOIN organisation o ON o.org_no = d.org_no"
                                   " ORDER BY a.id, d.org_no, d.department_no");
    if (!st)
        return db_fail(g->d, e, "read the demo areas");
    db_bind_text(st, 1, iso(g->a, g->today));
    size_t cap = 0;
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 0);
        area_info *x = g->nareas ? &g->areas[g->nareas - 1] : NULL;
        if (!x || x->id != id) {
            if (g->nareas == cap) {
                cap = cap ? cap * 2 : 64;
                area_info *n = arena_alloc(g->a, cap * sizeof *n);
                if (g->nareas)
                    memcpy(n, g->areas, g->nareas * sizeof *n);
                g->areas = n;
            }
            x = &g->areas[g->nareas++];
            memset(x, 0, sizeof *x);
            x->id = id;
            x->code = arena_strdup(g->a, db_col_text(st, 1));
            const char *name = db_col_text(st, 2);
            const char *paren = strstr(name, " (");
            x->estate = paren ? arena_printf(g->a, "%.*s", (int)(paren - name), name) : arena_strdup(g->a, name);
            x->muni = arena_strdup(g->a, db_col_text(st, 3));
            x->muni_name = arena_strdup(g->a, db_col_text(st, 4));
            x->muni_label =
                strcmp(x->muni, "0101") == 0 ? "Københavns Kommune" : arena_printf(g->a, "%s Kommune", x->muni_name);
            x->region_name = arena_strdup(g->a, db_col_text(st, 5));
            x->org_name = arena_strdup(g->a, db_col_text(st, 8));
            x->depts = arena_alloc(g->a, 16 * sizeof(char *));
            x->orgs = arena_alloc(g->a, 16 * sizeof(int64_t));
            for (size_t i = 0; i < NTABLE1; i++)
                if (!strcmp(x->code, arena_printf(g->a, "BO-%s-T%02zu", table1[i].municipality, i + 1)))
                    x->table1 = (int)i + 1;
        }
        int64_t org = db_col_int64(st, 6);
        if (x->ndepts < 16)
            x->depts[x->ndepts++] = arena_printf(g->a, "%lld-%lld", (long long)org, (long long)db_col_int64(st, 7));
        if (x->norgs < 16 && (x->norgs == 0 || x->orgs[x->norgs - 1] != org))
            x->orgs[x->norgs++] = org;
    }
    db_done(st);
    return rc == DB_ERROR ? db_fail(g->d, e, "read the demo areas") : HH_OK;
}

static area_info *area_by_code(gen *g, const char *code)
{
    for (size_t i = 0; i < g->nareas; i++)
        if (!strcmp(g->areas[i].code, code))
            return &g->areas[i];
    return NULL;
}

/* ---- partners ---- */

typedef enum pkind {
    PK_JOBCENTER,
    PK_CHILDREN,
    PK_HEALTH_CENTRE,
    PK_SSP,
    PK_REGION,
    PK_SCHOOL,
    PK_DAYCARE,
    PK_SPORTS,
    PK_VOLUNTARY,
    PK_PATIENT,
    PK_FOUNDATION,
    PK_BUSINESS,
    PK_SOCIAL_ECONOMY,
    PK_COUNT
} pkind;

static const struct {
    partner_type type;
    unsigned purposes; /* what such partners are usually involved for */
    const char *domain;
    const char *titles[CL_COUNT];
} pkinds[PK_COUNT] = {
    [PK_JOBCENTER] = { PT_MUNICIPAL_DEPARTMENT,
                       1u << CP_RECRUITMENT | 1u << CP_DELIVERY,
                       "jobcenter",
                       { "Jobcenterchef", "Teamleder", "Virksomhedskonsulent" } },
    [PK_CHILDREN] = { PT_MUNICIPAL_DEPARTMENT,
                      1u << CP_KNOWLEDGE | 1u << CP_DELIVERY,
                      "kommune",
                      { "Direktør", "Områdechef", "Familierådgiver" } },
    [PK_HEALTH_CENTRE] = { PT_MUNICIPAL_DEPARTMENT,
                           1u << CP_DELIVERY | 1u << CP_KNOWLEDGE,
                           "kommune",
                           { "Sundhedschef", "Leder af sundhedscentret", "Sundhedsplejerske" } },
    [PK_SSP] = { PT_MUNICIPAL_DEPARTMENT,
                 1u << CP_KNOWLEDGE | 1u << CP_DELIVERY,
                 "kommune",
                 { "SSP-chef", "SSP-koordinator", "SSP-konsulent" } },
    [PK_REGION] = { PT_REGION,
                    1u << CP_KNOWLEDGE,
                    "region",
                    { "Kontorchef, sundhedsplanlægning", "Specialkonsulent", "Projektmedarbejder" } },
    [PK_SCHOOL] = { PT_SCHOOL_DAYCARE,
                    1u << CP_RECRUITMENT | 1u << CP_DELIVERY,
                    "skole",
                    { "Skoleleder", "Afdelingsleder", "Lærer og lektiecafékoordinator" } },
    [PK_DAYCARE] = { PT_SCHOOL_DAYCARE,
                     1u << CP_RECRUITMENT,
                     "dagtilbud",
                     { "Dagtilbudsleder", "Institutionsleder", "Pædagog" } },
    [PK_SPORTS] = { PT_SPORTS_ASSOCIATION,
                    1u << CP_DELIVERY | 1u << CP_ANCHORING,
                    "idraet",
                    { "Formand", "Kasserer", "Frivillig træner" } },
    [PK_VOLUNTARY] = { PT_VOLUNTARY_ASSOCIATION,
                       1u << CP_ANCHORING | 1u << CP_RECRUITMENT,
                       "frivillig",
                       { "Formand", "Koordinator", "Frivillig" } },
    [PK_PATIENT] = { PT_PATIENT_ASSOCIATION,
                     1u << CP_KNOWLEDGE | 1u << CP_DELIVERY,
                     "patient",
                     { "Regionsformand", "Lokalformand", "Frivillig instruktør" } },
    [PK_FOUNDATION] = { PT_FOUNDATION, 1u << CP_KNOWLEDGE, "fond", { "Direktør", "Programchef", "Projektkonsulent" } },
    [PK_BUSINESS] = { PT_BUSINESS, 1u << CP_RECRUITMENT, "erhverv", { "Direktør", "HR-chef", "Praktikvejleder" } },
    [PK_SOCIAL_ECONOMY] = { PT_SOCIAL_ECONOMY,
                            1u << CP_DELIVERY | 1u << CP_ANCHORING,
                            "socialoekonomi",
                            { "Direktør", "Driftsleder", "Jobkonsulent" } },
};

/* The partner of this kind for the area (municipal and regional ones are
 * shared by every plan of the municipality or region), made with a contact
 * or three the first time. */
static hh_err partner_for(gen *g, const area_info *x, pkind k, int64_t *id, hh_error *e)
{
    const char *name = NULL, *muni = x->muni, *note = "";
    switch (k) {
    case PK_JOBCENTER: name = arena_printf(g->a, "%s, Jobcenter %s", x->muni_label, x->muni_name); break;
    case PK_CHILDREN:
        name = arena_printf(g->a, "%s, %s", x->muni_label,
                            strcmp(x->muni, "0101") == 0 ? "Børne- og Ungdomsforvaltningen"
                                                         : "Børne- og Familieforvaltningen");
        break;
    case PK_HEALTH_CENTRE: name = arena_printf(g->a, "%s, Sundhedscenter %s", x->muni_label, x->muni_name); break;
    case PK_SSP: name = arena_printf(g->a, "SSP %s", x->muni_name); break;
    case PK_REGION:
        name = x->region_name;
        muni = "";
        break;
    case PK_SCHOOL: name = arena_printf(g->a, "%s Skole (fiktiv)", x->estate); break;
    case PK_DAYCARE: name = arena_printf(g->a, "Børnehuset %s (fiktivt)", x->estate); break;
    case PK_SPORTS: name = arena_printf(g->a, "IF %s (fiktiv forening)", x->estate); break;
    case PK_VOLUNTARY: name = arena_printf(g->a, "Frivilligcenter %s (fiktivt)", x->muni_name); break;
    case PK_PATIENT:
        name = arena_printf(g->a, "Patientforeningen for Hjerte og Lunger, lokalafdeling %s (fiktiv)", x->muni_name);
        note = "Sundhedstests, patientuddannelse og motionshold for beboere med kroniske sygdomme.";
        break;
    case PK_FOUNDATION:
        name = "Fonden for Godt Naboskab (fiktiv)";
        muni = "";
        note = "Medfinansierer aktiviteter for børn og unge.";
        break;
    case PK_BUSINESS: name = arena_printf(g->a, "Erhvervsforum %s (fiktivt)", x->muni_name); break;
    case PK_SOCIAL_ECONOMY:
        name = arena_printf(g->a, "Café Naboskab %s (fiktiv socialøkonomisk virksomhed)", x->muni_name);
        break;
    case PK_COUNT: return HH_ERR_INTERNAL;
    }
    for (size_t i = 0; i < g->npartners; i++)
        if (!strcmp(g->partners[i].name, name) && !strcmp(g->partners[i].muni, muni)) {
            *id = g->partners[i].id;
            return HH_OK;
        }
    partner p = { .name = name, .type = pkinds[k].type, .municipality_code = muni, .note = note };
    hh_err rc = partner_put(g->d, NULL, g->a, &p, e);
    if (rc)
        return explain(rc, e, name, "partner");
    int ncontacts = B(g, 1, 3);
    for (int c = 0; c < ncontacts && !rc; c++) {
        partner_contact pc = {
            .partner_id = p.id, .level = (contact_level)c, .title = pkinds[k].titles[c], .phone = ""
        };
        person(g, pkinds[k].domain, &pc.name, &pc.email);
        rc = partner_contact_put(g->d, NULL, g->a, &pc, e);
    }
    if (rc)
        return explain(rc, e, name, "partner contact");
    if (g->npartners == g->cap_partners) {
        g->cap_partners = g->cap_partners ? 2 * g->cap_partners : 64;
        cached_partner *n = arena_alloc(g->a, g->cap_partners * sizeof *n);
        if (g->npartners)
            memcpy(n, g->partners, g->npartners * sizeof *n);
        g->partners = n;
    }
    g->partners[g->npartners++] = (cached_partner){ name, muni, p.id };
    *id = p.id;
    return HH_OK;
}

/* ---- plans ---- */

typedef struct spec {
    const char *name;
    plan_type type;
    const char *round; /* "" none */
    int first, last;   /* period: 1 January first .. 31 December last */
    plan_state ahead;  /* the state reached when the period lies ahead */
    bool extend;       /* running → extended, the end a year later */
    bool abandon;      /* given up (closed) from `ahead` */
    bool revise;       /* a revision after the start (version 2) */
    int64_t predecessor;
    area_info *area;
    const char *focus[4];
    size_t nfocus;
} spec;

typedef struct made {
    int64_t id;
    plan_state state;
    int first, last;
} made;

/* Goals by focus area: the key figure it is measured on and the title. */
static const struct {
    const char *focus_prefix;
    const char *kf;
    const char *title;
} goal_for_focus[] = {
    { "Sundhed", "diabetes_prevalence", "Færre beboere med diabetes" },
    { "Beskæftigelse", "outside_labour_share", "Flere beboere i job eller uddannelse" },
    { "Uddannelse og beskæftigelse", "outside_labour_share", "Flere beboere i job eller uddannelse" },
    { "Uddannelse", "basic_education_share", "Færre voksne med kun grundskole" },
    { "Børn", "evictions_per_1000", "Færre fogedudsættelser af familier" },
    { "Forebyggelse", "evictions_per_1000", "Færre fogedudsættelser af familier" },
    { "Beboernetværk", "meeting_turnout", "Højere fremmøde på afdelingsmødet" },
    { "Inddragelse", "meeting_turnout", "Højere fremmøde på afdelingsmødet" },
    { "Beboerdemokrati", "meeting_turnout", "Højere fremmøde på afdelingsmødet" },
    { "Sammenhængskraft", "meeting_turnout", "Højere fremmøde på afdelingsmødet" },
    { "Udsatte", "rent_arrears_per_tenancy", "Lavere huslejerestancer" },
    { "Kultur", "complaints_per_1000", "Færre klager over adfærd" },
    { "Image", "turnover_rate", "Lavere fraflytning" },
    { "Integration", "outside_labour_share", "Flere beboere i job eller uddannelse" },
    { "Tryghed", "feeling_unsafe_share", "Færre beboere, der føler sig utrygge" },
    { "Kriminal", "police_reports_per_1000", "Færre anmeldte forbrydelser" },
};

/* The area's (or department's) value of a figure in a year from the demo
 * key figures; the first year with a value when year is 0 or before the
 * series. NAN without data. */
static double series_value(gen *g, kf_level level, int64_t unit_id, int kf, int year, int *got_year, hh_error *e)
{
    kf_row *rows;
    size_t n;
    char code[24];
    snprintf(code, sizeof code, "%lld", (long long)unit_id);
    if (kf_unit_series(g->d, level, code, kf, g->a, &rows, &n, e) != HH_OK || n == 0)
        return NAN;
    size_t best = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].year <= year)
            best = i;
    if (got_year)
        *got_year = rows[best].year;
    return kf_result(&kf_catalogue[kf], &rows[best].parts);
}

static double round_to(double v, int decimals)
{
    double f = pow(10, decimals);
    return round(v * f) / f;
}

/* A goal on the area: the baseline the year before the start (read from the
 * series when the demo figures reach back that far, typed otherwise: the
 * series start 2016), the target at the end of the period or a year later. */
static hh_err add_goal(gen *g, int64_t plan_id, const spec *s, const char *kf_code, const char *title,
                       const char *dept_key, int64_t dept_id, int baseline_year, int target_year, hh_error *e)
{
    int kf = kf_find(kf_code);
    if (kf < 0)
        return HH_OK;
    const key_figure *k = &kf_catalogue[kf];
    int got = 0;
    double v = dept_key ? series_value(g, LEVEL_DEPARTMENT, dept_id, kf, baseline_year, &got, e)
                        : series_value(g, LEVEL_AREA, s->area->id, kf, baseline_year, &got, e);
    if (isnan(v) || v <= 0)
        return HH_OK;
    int dir = k->good == DIR_UP ? 1 : -1;
    double baseline = NAN;
    if (got != baseline_year) {
        /* Before the series: typed, a little worse than the first year shown. */
        baseline = round_to(v * (1 - dir * (0.03 + 0.09 * U(g))), k->decimals);
        v = baseline;
    }
    double target = round_to(v * (1 + dir * (0.06 + 0.14 * U(g))), k->decimals);
    if (target == round_to(v, k->decimals))
        target = round_to(v, k->decimals) + dir * pow(10, -k->decimals);
    const char *keys[1] = { dept_key };
    plan_goal goal = { .title = title,
                       .kf = kf,
                       .area_code = dept_key ? "" : s->area->code,
                       .department_keys = dept_key ? keys : NULL,
                       .ndepartments = dept_key ? 1 : 0,
                       .baseline_year = baseline_year,
                       .baseline_value = baseline,
                       .target_value = target,
                       .target_year = target_year };
    return explain(plan_goal_put(g->d, NULL, g->a, plan_id, &goal, e), e, s->name, "goal");
}

static hh_err make_goals(gen *g, int64_t plan_id, const spec *s, hh_error *e)
{
    const char *kfs[4], *titles[4];
    size_t n = 0;
    if (s->type == PLAN_PHYSICAL) {
        kfs[n] = "energy_per_m2", titles[n++] = "Lavere energiforbrug efter renoveringen";
        kfs[n] = "maintenance_backlog_per_m2", titles[n++] = "Mindre efterslæb på vedligehold";
        kfs[n] = "vacancy_share", titles[n++] = "Færre tomme boliger";
    } else if (s->type == PLAN_HEALTH) {
        kfs[n] = "diabetes_prevalence", titles[n++] = "Færre beboere med diabetes";
        kfs[n] = "copd_prevalence", titles[n++] = "Færre beboere med KOL";
        kfs[n] = "hospitalisations_per_1000", titles[n++] = "Færre indlæggelser";
    } else {
        for (size_t f = 0; f < s->nfocus && n < 3; f++)
            for (size_t i = 0; i < HH_ARRAY_LEN(goal_for_focus); i++) {
                if (strncmp(s->focus[f], goal_for_focus[i].focus_prefix, strlen(goal_for_focus[i].focus_prefix)))
                    continue;
                bool dup = false;
                for (size_t j = 0; j < n; j++)
                    dup = dup || !strcmp(kfs[j], goal_for_focus[i].kf);
                if (!dup)
                    kfs[n] = goal_for_focus[i].kf, titles[n++] = goal_for_focus[i].title;
                break;
            }
        if (n == 0)
            kfs[n] = "outside_labour_share", titles[n++] = "Flere beboere i job eller uddannelse";
    }
    int target_year = s->last + (U(g) < 0.3 ? 1 : 0);
    int baseline_year = s->first - 1 < g->latest_year ? s->first - 1 : g->latest_year;
    hh_err rc = HH_OK;
    for (size_t i = 0; i < n && !rc; i++)
        rc = add_goal(g, plan_id, s, kfs[i], titles[i], NULL, 0, baseline_year, target_year, e);
    return rc;
}

/* Budget lines per year and source, in whole thousands of kroner: a social
 * plan's LBF share stays at or below 75 % every year (so in total), and local
 * co-financing (municipality, organisation, region) at or above 25 %. Spending is set apart (spend()). */
typedef struct budget_shape {
    double lbf, foundation, region, municipality_of_rest;
    int lo, hi; /* thousand kroner a year */
} budget_shape;

static size_t make_budget(gen *g, const spec *s, plan_budget_line *out)
{
    budget_shape b = { 0 };
    switch (s->type) {
    case PLAN_SOCIAL:
        b.lbf = 0.6 + 0.15 * U(g);
        b.foundation = U(g) < 0.3 ? 0.03 + 0.05 * U(g) : 0;
        b.region = U(g) < 0.15 ? 0.02 + 0.02 * U(g) : 0;
        b.municipality_of_rest = 0.55 + 0.3 * U(g);
        /* Foundations are not local co-financing: LBF and foundation
         * together leave at least 25 % to local sources. */
        if (b.lbf + b.foundation > 0.75)
            b.foundation = 0.75 - b.lbf;
        b.lo = !strcmp(s->round, "2006-2010") ? 1200 : !strcmp(s->round, "2011-2014") ? 1800 : 2500;
        b.hi = b.lo * 2 + 1500;
        break;
    case PLAN_PHYSICAL:
        b.lbf = 0.5 + 0.2 * U(g);
        b.municipality_of_rest = 0.05 + 0.1 * U(g);
        b.lo = 30000;
        b.hi = 140000;
        break;
    case PLAN_HEALTH:
        b.region = 0.3 + 0.15 * U(g);
        b.foundation = 0.1 + 0.1 * U(g);
        b.municipality_of_rest = 0.6 + 0.2 * U(g);
        b.lo = 700;
        b.hi = 2200;
        break;
    default: break;
    }
    int base = B(g, b.lo, b.hi), last = s->last;
    size_t n = 0;
    for (int y = s->first; y <= last; y++) {
        double ramp = (y == s->first || y == last) && last > s->first ? 0.75 : 1.0;
        int64_t total = (int64_t)(base * ramp * (0.9 + 0.2 * U(g)));
        int64_t lbf = (int64_t)floor((double)total * b.lbf);
        int64_t found = (int64_t)floor((double)total * b.foundation);
        int64_t region = (int64_t)floor((double)total * b.region);
        int64_t rest = total - lbf - found - region;
        int64_t muni = (int64_t)floor((double)rest * b.municipality_of_rest);
        int64_t org = rest - muni;
        const int64_t k[SRC_COUNT] = { [SRC_LBF] = lbf,       [SRC_MUNICIPALITY] = muni, [SRC_ORGANISATION] = org,
                                       [SRC_REGION] = region, [SRC_FOUNDATION] = found,  [SRC_OTHER] = 0 };
        for (int src = 0; src < SRC_COUNT; src++)
            if (k[src] > 0)
                out[n++] = (plan_budget_line){
                    .year = y, .source = (plan_source)src, .budget_ore = k[src] * 100000, .spent_ore = 0, .note = ""
                };
    }
    return n;
}

/* Spending as of today: nothing before the plan has started (and so
 * nothing before municipal approval), most of each year's budget for the
 * years gone, a share of this year's. */
static void spend(gen *g, plan_budget_line *lines, size_t n, plan_state st)
{
    bool started = st == PS_RUNNING || st == PS_EXTENDED || st == PS_CLOSED || st == PS_ANCHORED;
    int y, m, d;
    civil_from_days(g->today, &y, &m, &d);
    double year_share = (double)(g->today - jan1(y)) / 365.0;
    for (size_t i = 0; i < n; i++) {
        plan_budget_line *l = &lines[i];
        double share = 0;
        if (started && l->year < g->today_year)
            share = 0.82 + 0.18 * U(g);
        else if (started && l->year == g->today_year)
            share = year_share * (0.8 + 0.2 * U(g));
        l->spent_ore = (int64_t)floor((double)l->budget_ore * share / 100.0) * 100;
    }
}

static const char *const visions[] = {
    "@ skal være et trygt og attraktivt sted at bo, hvor børn og unge får en god start på livet.",
    "I @ skal flere beboere være i job eller uddannelse, og naboskabet skal være stærkt.",
    "@ skal være en levende bydel med et aktivt foreningsliv og plads til alle.",
    "Beboerne i @ skal have lige muligheder for et sundt og godt liv.",
};
static const char *const strengths[] = {
    "Stærke beboerdemokratiske traditioner og engagerede ildsjæle.",
    "Et godt samarbejde med skoler, institutioner og foreninger i lokalområdet.",
    "Mange børnefamilier og et aktivt fællesliv i beboerhuset.",
};
static const char *const weaknesses[] = {
    "Mange beboere uden for arbejdsmarkedet og en høj fraflytning.",
    "Nedslidte friarealer og få mødesteder; svært at nå voksne mænd.",
    "Lav deltagelse i afdelingsmøderne og et dårligt ry i lokalpressen.",
};
static const char *const opportunities[] = {
    "Kommunens områdebaserede indsats og nye samarbejdsaftaler med jobcentret.",
    "Renoveringen af bebyggelsen og nye fællesarealer.",
    "Frivillige og foreninger, der vil tage ansvar for aktiviteterne efter planperioden.",
};
static const char *const threats[] = {
    "Usikker finansiering af aktiviteterne efter planperioden.",
    "Stigmatisering i medierne og udskiftning hos samarbejdspartnerne.",
    "Flere udsatte tilflyttere og ressourcestærke beboere, der flytter.",
};

/* A person not yet in this plan's team or steering group. */
static void new_person(gen *g, const char *domain, const char **used, size_t *nused, const char **name,
                       const char **email)
{
    for (int tries = 0;; tries++) {
        person(g, domain, name, email);
        bool dup = false;
        for (size_t i = 0; i < *nused; i++)
            dup = dup || !strcmp(used[i], *name);
        if (!dup || tries > 20)
            break;
    }
    used[(*nused)++] = *name;
}

static hh_err make_members(gen *g, int64_t plan_id, const spec *s, hh_error *e)
{
    const char *used[16];
    size_t nused = 0;
    const area_info *x = s->area;
    hh_err rc = HH_OK;
    /* Team. */
    int roles[6], nr = 0;
    if (s->type == PLAN_PHYSICAL) {
        roles[nr++] = TEAM_BUILDING, roles[nr++] = TEAM_BUILDING, roles[nr++] = TEAM_OPERATIONS;
        roles[nr++] = TEAM_SOCIAL;
        if (U(g) < 0.5)
            roles[nr++] = TEAM_LETTING;
    } else {
        int social = B(g, 1, 3);
        for (int i = 0; i < social; i++)
            roles[nr++] = TEAM_SOCIAL;
        roles[nr++] = TEAM_OPERATIONS;
        if (U(g) < 0.4)
            roles[nr++] = TEAM_LETTING;
    }
    for (int i = 0; i < nr && !rc; i++) {
        plan_member m = { .steering = false,
                          .role = roles[i],
                          .seat = "",
                          .organisation = roles[i] == TEAM_SOCIAL ? "Helhedsplanens sekretariat" : x->org_name };
        new_person(g, roles[i] == TEAM_SOCIAL ? "boligsocial" : "boligorganisation", used, &nused, &m.name, &m.email);
        rc = plan_member_put(g->d, NULL, g->a, plan_id, &m, e);
    }
    /* Steering group. */
    const struct {
        const char *seat, *org, *domain;
    } seats[] = {
        { "Formand", x->org_name, "boligorganisation" },
        { "Kommunens repræsentant", x->muni_label, "kommune" },
        { "Afdelingsbestyrelsens repræsentant", arena_printf(g->a, "Afdelingsbestyrelsen i %s", x->estate), "beboer" },
        { "Boligorganisationens repræsentant", x->org_name, "boligorganisation" },
        { "Regionens repræsentant", x->region_name, "region" },
        { "Politiets repræsentant", "Lokalpolitiet", "politi" },
    };
    for (size_t i = 0; i < HH_ARRAY_LEN(seats) && !rc; i++) {
        if (i == 4 && s->type != PLAN_HEALTH)
            continue;
        if (i == 5 && (s->type != PLAN_SOCIAL || U(g) < 0.5))
            continue;
        plan_member m = { .steering = true, .role = -1, .seat = seats[i].seat, .organisation = seats[i].org };
        new_person(g, seats[i].domain, used, &nused, &m.name, &m.email);
        rc = plan_member_put(g->d, NULL, g->a, plan_id, &m, e);
    }
    return explain(rc, e, s->name, "team and steering group");
}

/* The strategic agreement with the municipality and a sub-agreement per
 * focus area, signed after the municipal approval. */
static hh_err make_agreements(gen *g, int64_t plan_id, const spec *s, const plan *pl, int64_t signed_day, hh_error *e)
{
    const area_info *x = s->area;
    const char *parties = arena_printf(g->a, "%s og %s", x->muni_label, x->org_name);
    const char *signed_on = iso(g->a, signed_day < g->today ? signed_day : g->today);
    plan_agreement sa = { .strategic = true,
                          .focus = "",
                          .title = arena_printf(g->a, "Strategisk samarbejdsaftale om %s", s->name),
                          .parties = parties,
                          .signed_on = signed_on,
                          .valid_from = pl->start_date,
                          .valid_to = pl->end_date,
                          .doc_ref = arena_printf(g->a, "J.nr. %d-%04d (fiktivt)", year_of(signed_day), ++g->journal) };
    hh_err rc = plan_agreement_put(g->d, NULL, g->a, plan_id, &sa, e);
    for (size_t i = 0; i < pl->nfocus && !rc; i++) {
        plan_agreement sub = { .strategic = false,
                               .focus = pl->focus[i],
                               .title = arena_printf(g->a, "Delaftale om %s", pl->focus[i]),
                               .parties = parties,
                               .signed_on = signed_on,
                               .valid_from = pl->start_date,
                               .valid_to = pl->end_date,
                               .doc_ref =
                                   arena_printf(g->a, "J.nr. %d-%04d (fiktivt)", year_of(signed_day), ++g->journal) };
        rc = plan_agreement_put(g->d, NULL, g->a, plan_id, &sub, e);
    }
    return explain(rc, e, s->name, "agreements");
}

static bool has_focus(const spec *s, const char *prefix)
{
    for (size_t i = 0; i < s->nfocus; i++)
        if (!strncmp(s->focus[i], prefix, strlen(prefix)))
            return true;
    return false;
}

/* Cooperation agreements with partners that fit the plan's focus. */
static hh_err make_cooperations(gen *g, int64_t plan_id, const spec *s, const plan *pl, int64_t from_day, plan_state st,
                                bool foundation, hh_error *e)
{
    pkind kinds[PK_COUNT];
    size_t n = 0;
    if (s->type == PLAN_HEALTH) {
        kinds[n++] = PK_HEALTH_CENTRE, kinds[n++] = PK_REGION, kinds[n++] = PK_PATIENT, kinds[n++] = PK_SPORTS;
    } else if (s->type == PLAN_PHYSICAL) {
        kinds[n++] = PK_BUSINESS, kinds[n++] = PK_SOCIAL_ECONOMY;
    } else {
        kinds[n++] = PK_JOBCENTER;
        kinds[n++] = U(g) < 0.5 ? PK_SCHOOL : PK_DAYCARE;
        if (has_focus(s, "Sundhed"))
            kinds[n++] = PK_HEALTH_CENTRE, kinds[n++] = PK_PATIENT, kinds[n++] = PK_SPORTS;
        if (has_focus(s, "Tryghed") || has_focus(s, "Kriminal"))
            kinds[n++] = PK_SSP;
        if (has_focus(s, "Børn") || has_focus(s, "Forebyggelse") || has_focus(s, "Uddannelse"))
            kinds[n++] = PK_CHILDREN;
        if (has_focus(s, "Sundhed") && U(g) < 0.4)
            kinds[n++] = PK_REGION;
        if (U(g) < 0.6)
            kinds[n++] = PK_VOLUNTARY;
        if (U(g) < 0.25)
            kinds[n++] = PK_SOCIAL_ECONOMY;
    }
    /* A foundation that co-finances the plan is a partner too. */
    if (foundation)
        kinds[n++] = PK_FOUNDATION;
    const char *from = iso(g->a, from_day);
    bool ended = st == PS_CLOSED || st == PS_ANCHORED;
    hh_err rc = HH_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        int64_t partner_id;
        if ((rc = partner_for(g, s->area, kinds[i], &partner_id, e)))
            break;
        unsigned purposes = pkinds[kinds[i]].purposes;
        if (U(g) < 0.3)
            purposes |= 1u << CP_KNOWLEDGE;
        /* Anchoring agreements outlive the plan, open-ended. */
        bool open = ended && (purposes & (1u << CP_ANCHORING)) && U(g) < 0.7;
        plan_cooperation c = { .plan_id = plan_id,
                               .partner_id = partner_id,
                               .purposes = purposes,
                               .valid_from = from,
                               .valid_to = open ? "" : pl->end_date,
                               .note = "" };
        rc = plan_cooperation_put(g->d, NULL, g->a, &c, e);
    }
    return explain(rc, e, s->name, "cooperation agreements");
}

/* The path through the state machine to the final state. */
static size_t path_to(plan_state final, bool extend, bool abandon, plan_state ahead, plan_state *out)
{
    size_t n = 0;
    if (abandon) {
        for (int st = PS_PREQUALIFICATION; st <= (int)ahead; st++)
            out[n++] = (plan_state)st;
        out[n++] = PS_CLOSED;
        return n;
    }
    static const plan_state order[] = { PS_PREQUALIFICATION, PS_DRAFTING, PS_MUNICIPAL_APPROVAL, PS_GRANT_COMMITTED,
                                        PS_RUNNING };
    plan_state last_pre = final <= PS_RUNNING ? final : PS_RUNNING;
    for (size_t i = 0; i < HH_ARRAY_LEN(order) && order[i] <= last_pre; i++)
        out[n++] = order[i];
    if (final >= PS_EXTENDED && extend)
        out[n++] = PS_EXTENDED;
    if (final >= PS_CLOSED)
        out[n++] = PS_CLOSED;
    if (final == PS_ANCHORED)
        out[n++] = PS_ANCHORED;
    return n;
}

static const char *const transition_notes[PS_COUNT] = {
    [PS_PREQUALIFICATION] = "Prækvalifikationsansøgning sendt med afdelingernes nøgletal og budget.",
    [PS_DRAFTING] = "Prækvalificeret af Landsbyggefonden.",
    [PS_MUNICIPAL_APPROVAL] = "Godkendt i kommunalbestyrelsen.",
    [PS_GRANT_COMMITTED] = "Støttetilsagn fra Landsbyggefonden.",
    [PS_RUNNING] = "Planen er startet.",
    [PS_EXTENDED] = "Forlænget et år efter aftale med Landsbyggefonden.",
    [PS_CLOSED] = "Planperioden er slut.",
    [PS_ANCHORED] = "Aktiviteterne videreføres af beboere og samarbejdspartnere.",
};

/* Makes one plan with everything around it; returns its id and final state. */
static hh_err make_plan(gen *g, const spec *s, made *out, hh_error *e)
{
    int64_t start = jan1(s->first), end = dec31(s->last);
    int last_year = s->last;
    /* The final state as of today. */
    plan_state final;
    if (s->abandon)
        final = PS_CLOSED;
    else if (s->extend && end + 365 < g->today)
        final = PS_CLOSED;
    else if (s->extend && start <= g->today)
        final = PS_EXTENDED;
    else if (end < g->today)
        final = end + 240 < g->today && U(g) < 0.8 ? PS_ANCHORED : PS_CLOSED;
    else if (start <= g->today)
        final = PS_RUNNING;
    else
        final = s->ahead;
    if (s->extend)
        last_year++;
    /* The schedule: lead times as in DOMAIN.md §3 (about 1.5 years from
     * idea to start for social plans, drafting 8-14 months; physical plans
     * take years). */
    int64_t day[PS_COUNT] = { 0 }, idea;
    bool physical = s->type == PLAN_PHYSICAL;
    day[PS_MUNICIPAL_APPROVAL] = start - (physical ? B(g, 240, 540) : B(g, 30, 120));
    day[PS_GRANT_COMMITTED] = day[PS_MUNICIPAL_APPROVAL] + (physical ? B(g, 30, 120) : B(g, 14, 40));
    if (day[PS_GRANT_COMMITTED] >= start)
        day[PS_GRANT_COMMITTED] = start - 1;
    day[PS_DRAFTING] = day[PS_MUNICIPAL_APPROVAL] - (physical ? B(g, 540, 1100) : B(g, 240, 420));
    day[PS_PREQUALIFICATION] = day[PS_DRAFTING] - (physical ? B(g, 60, 240) : B(g, 30, 90));
    idea = day[PS_PREQUALIFICATION] - (physical ? B(g, 90, 365) : B(g, 60, 150));
    day[PS_RUNNING] = start;
    day[PS_EXTENDED] = end - B(g, 60, 150);
    day[PS_CLOSED] = s->extend ? dec31(last_year) : end;
    day[PS_ANCHORED] = day[PS_CLOSED] + B(g, 60, 200);
    plan_state path[12];
    size_t np = path_to(final, s->extend, s->abandon, s->ahead, path);
    if (s->abandon)
        day[PS_CLOSED] = day[s->ahead] + B(g, 30, 150);
    /* What has not happened yet moves back to before today. */
    if (np > 0) {
        int64_t latest = g->today - B(g, 3, 45);
        int64_t shift = day[path[np - 1]] - latest;
        if (shift > 0 && (final < PS_RUNNING || s->abandon)) {
            idea -= shift;
            for (size_t i = 0; i < np; i++)
                day[path[i]] -= shift;
        }
    } else if (idea > g->today - 3) {
        idea = g->today - B(g, 3, 90);
    }
    /* Input. */
    plan_input in;
    plan_input_init(&in);
    in.name = s->name;
    in.type = s->type;
    in.municipality_code = s->area->muni;
    in.round = s->round;
    in.start_date = iso(g->a, start);
    in.end_date = iso(g->a, end);
    in.predecessor_id = s->predecessor;
    in.idea_date = iso(g->a, idea);
    in.vision = fill(g->a, PICK(g, visions), s->area->estate);
    in.strengths = PICK(g, strengths);
    in.weaknesses = PICK(g, weaknesses);
    in.opportunities = PICK(g, opportunities);
    in.threats = PICK(g, threats);
    in.challenge[CH_BUILDING] = physical || U(g) < 0.25;
    in.challenge[CH_URBAN] = physical ? U(g) < 0.6 : U(g) < 0.2;
    in.challenge[CH_SOCIAL] = s->type != PLAN_PHYSICAL || U(g) < 0.5;
    in.has_orgs = in.has_departments = in.has_areas = in.has_focus = true;
    in.org_nos = s->area->orgs;
    in.norgs = s->area->norgs;
    in.department_keys = s->area->depts;
    in.ndepartments = s->area->ndepts;
    const char *areas[1] = { s->area->code };
    in.area_codes = areas;
    in.nareas = 1;
    in.focus = s->focus;
    in.nfocus = s->nfocus;
    int64_t id = 0;
    hh_err rc = explain(plan_create(g->d, NULL, g->a, &in, &id, e), e, s->name, "create");
    if (rc)
        return rc;
    /* The application: goals and the planned budget (version 1 is saved at
     * the municipal approval). */
    if ((rc = make_goals(g, id, s, e)))
        return rc;
    plan_budget_line lines[64];
    size_t nl = make_budget(g, s, lines);
    if ((rc = explain(plan_budget_put(g->d, NULL, g->a, id, lines, nl, e), e, s->name, "budget")))
        return rc;
    if ((rc = make_members(g, id, s, e)))
        return rc;
    /* History. */
    int64_t prev = idea;
    for (size_t i = 0; i < np && !rc; i++) {
        plan_state st = path[i];
        int64_t when = day[st] < prev ? prev : day[st];
        if (when > g->today)
            when = g->today;
        prev = when;
        const char *note = st == PS_CLOSED && s->abandon ? "Planen er opgivet." : transition_notes[st];
        if (st == PS_EXTENDED) {
            /* The extension moves the end a year. */
            plan_input up;
            plan_input_init(&up);
            up.end_date = iso(g->a, dec31(last_year));
            rc = explain(plan_update(g->d, NULL, g->a, id, &up, e), e, s->name, "extend the period");
            if (rc)
                break;
        }
        rc = explain(plan_transition_apply(g->d, NULL, g->a, id, st, iso(g->a, when), note, e), e, s->name,
                     plan_state_code[st]);
    }
    if (rc)
        return rc;
    bool approved = final >= PS_MUNICIPAL_APPROVAL && !s->abandon;
    plan pl;
    if ((rc = explain(plan_get(g->d, NULL, g->a, id, &pl, e), e, s->name, "read back")))
        return rc;
    if (approved) {
        /* Revisions are saved as versions before the payments are booked,
         * so a version's differences are the revision's. An extension adds
         * a smaller year at the end. */
        int version;
        bool extended = false;
        for (size_t i = 0, n0 = nl; last_year > s->last && i < n0; i++)
            if (lines[i].year == s->last) {
                lines[nl] = lines[i];
                lines[nl].year = last_year;
                lines[nl++].budget_ore = lines[i].budget_ore / 2 / 100000 * 100000;
                extended = true;
            }
        if (extended) {
            rc = explain(plan_budget_put(g->d, NULL, g->a, id, lines, nl, e), e, s->name, "extension budget");
            if (!rc)
                rc = explain(plan_version_save(g->d, NULL, g->a, id, "Forlængelse med et år", &version, e), e, s->name,
                             "version");
            if (rc)
                return rc;
        }
        /* A revision while running: priorities changed after a midway
         * review (002:L5756-5762): more co-financing in the later years. */
        if (s->revise && (final == PS_RUNNING || final == PS_EXTENDED)) {
            for (size_t i = 0; i < nl; i++)
                if (lines[i].source == SRC_ORGANISATION && lines[i].year > s->first)
                    lines[i].budget_ore += lines[i].budget_ore / 10 / 100000 * 100000;
            rc = explain(plan_budget_put(g->d, NULL, g->a, id, lines, nl, e), e, s->name, "revised budget");
            if (!rc)
                rc = explain(plan_version_save(g->d, NULL, g->a, id,
                                               "Revision efter midtvejsevaluering: øget medfinansiering", &version, e),
                             e, s->name, "version");
            if (rc)
                return rc;
        }
        spend(g, lines, nl, final);
        if ((rc = explain(plan_budget_put(g->d, NULL, g->a, id, lines, nl, e), e, s->name, "spending")))
            return rc;
        int64_t signed_day = day[PS_MUNICIPAL_APPROVAL] + B(g, 5, 40);
        if (signed_day >= start)
            signed_day = start - 1;
        if ((rc = make_agreements(g, id, s, &pl, signed_day, e)))
            return rc;
        int64_t from = day[PS_GRANT_COMMITTED] > start - 60 ? day[PS_GRANT_COMMITTED] : start - B(g, 0, 60);
        bool foundation = false;
        for (size_t i = 0; i < nl; i++)
            foundation = foundation || lines[i].source == SRC_FOUNDATION;
        if ((rc = make_cooperations(g, id, s, &pl, from, final, foundation, e)))
            return rc;
    }
    if (out)
        *out = (made){ id, final, s->first, last_year };
    return rc;
}

/* ---- focus areas ---- */

static size_t choose_focus(gen *g, const char *round, const char *must, const char **out, size_t max_extra)
{
    const plan_round *r = plan_round_find(round);
    size_t n = 0;
    if (must)
        out[n++] = must;
    if (!r || r->free_themes || !r->nfocus) {
        static const char *const themes[] = { "Børn og unge",    "Beskæftigelse",    "Integration",
                                              "Beboerdemokrati", "Kultur og fritid", "Kriminalpræventivt arbejde" };
        size_t want = n + (size_t)B(g, 1, 2);
        while (n < want) {
            const char *t = PICK(g, themes);
            bool dup = false;
            for (size_t i = 0; i < n; i++)
                dup = dup || !strcmp(out[i], t);
            if (!dup)
                out[n++] = t;
        }
        return n;
    }
    size_t want = n + (size_t)B(g, 1, (int)max_extra);
    if (want > r->nfocus)
        want = r->nfocus;
    while (n < want) {
        const char *t = r->focus[(size_t)B(g, 0, (int)r->nfocus - 1)];
        bool dup = false;
        for (size_t i = 0; i < n; i++)
            dup = dup || !strcmp(out[i], t);
        if (!dup)
            out[n++] = t;
    }
    /* Shuffle, so the required one is not always first. */
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)B(g, 0, (int)i - 1);
        const char *t = out[i - 1];
        out[i - 1] = out[j];
        out[j] = t;
    }
    return n;
}

static bool is_table1_name(const char *name)
{
    for (size_t i = 0; i < NTABLE1; i++)
        if (!strcmp(table1[i].name, name))
            return true;
    return false;
}

static const char *social_name(gen *g, const area_info *x, int first, int last)
{
    static const char *const tpl[] = { "Sammen om @",  "Fremtidens @",           "Trivsel i @",       "@ i bevægelse",
                                       "Nye veje i @", "Et godt sted at bo – @", "Helhedsplan for @", "Naboskab i @" };
    /* Where the estate is known by the plan's own name, the name goes on. */
    if (is_table1_name(x->estate))
        return arena_printf(g->a, "%s – fortsat %d–%02d", x->estate, first, last % 100);
    for (;;) {
        const char *name = fill(g->a, PICK(g, tpl), x->estate);
        if (!is_table1_name(name))
            return arena_printf(g->a, "%s %d–%02d", name, first, last % 100);
    }
}

/* ---- plan 1 ---- */

static hh_err plan_one(gen *g, hh_error *e)
{
    area_info *x = area_by_code(g, "BO-0101-1");
    if (!x)
        return hh_fail(e, HH_ERR_INTERNAL, NULL, "demo plans: area BO-0101-1 is missing");
    const char *focus[3] = { "Uddannelse og livschancer", "Beskæftigelse", "Sammenhængskraft og medborgerskab" };
    spec s = { .name = "Demoparken – sammen om fremtiden",
               .type = PLAN_SOCIAL,
               .round = "2019-2026",
               .first = 2023,
               .last = 2027,
               .ahead = PS_GRANT_COMMITTED,
               .area = x,
               .focus = { focus[0], focus[1], focus[2] },
               .nfocus = 3 };
    plan_input in;
    plan_input_init(&in);
    in.name = s.name;
    in.type = PLAN_SOCIAL;
    in.municipality_code = "0101";
    in.round = s.round;
    in.start_date = "2023-01-01";
    in.end_date = "2027-12-31";
    in.predecessor_id = 0;
    in.idea_date = "2021-02-15";
    in.vision = "Demoparken skal være en tryg og åben bydel, hvor alle børn får en god skolegang, flere voksne er i "
                "job, og naboerne kender hinanden (fiktiv plan).";
    in.strengths = "Et stærkt beboerdemokrati, et nyt beboerhus og et godt samarbejde med skolen.";
    in.weaknesses = "Mange beboere uden for arbejdsmarkedet, og mange unge forlader skolen uden uddannelse.";
    in.opportunities = "Kommunens nye områdeindsats og renoveringen af Demoparkens friarealer.";
    in.threats = "Høj fraflytning blandt de ressourcestærke familier og usikker finansiering efter 2027.";
    in.challenge[CH_BUILDING] = 0;
    in.challenge[CH_URBAN] = 1;
    in.challenge[CH_SOCIAL] = 1;
    in.has_orgs = in.has_departments = in.has_areas = in.has_focus = true;
    in.org_nos = x->orgs;
    in.norgs = x->norgs;
    in.department_keys = x->depts;
    in.ndepartments = x->ndepts;
    const char *areas[1] = { x->code };
    in.area_codes = areas;
    in.nareas = 1;
    in.focus = focus;
    in.nfocus = 3;
    int64_t id = 0;
    hh_err rc = explain(plan_create(g->d, NULL, g->a, &in, &id, e), e, s.name, "create");
    if (rc)
        return rc;
    if (id != 1)
        return hh_fail(e, HH_ERR_INTERNAL, NULL, "demo plan 1 got id %lld", (long long)id);
    /* Goals on the area and on department 101-1, baselines read from the
     * demo key figures (2022, the year before the start). */
    int64_t dept_id = 0;
    db_stmt *st = db_prepare(g->d, "SELECT id FROM department WHERE org_no = 101 AND department_no = 1");
    if (st && db_step(st) == DB_ROW)
        dept_id = db_col_int64(st, 0);
    if (st)
        db_done(st);
    if ((rc = add_goal(g, id, &s, "outside_labour_share", "Flere beboere i job eller uddannelse", NULL, 0, 2022, 2027,
                       e)) ||
        (rc = add_goal(g, id, &s, "basic_education_share", "Flere unge med en uddannelse", NULL, 0, 2022, 2027, e)) ||
        (rc = add_goal(g, id, &s, "meeting_turnout", "Højere fremmøde på afdelingsmødet", NULL, 0, 2022, 2027, e)) ||
        (rc = add_goal(g, id, &s, "feeling_unsafe_share", "Færre beboere i 101-1, der føler sig utrygge", "101-1",
                       dept_id, 2022, 2026, e)))
        return rc;
    /* Budget: 2023-2027, 4.5-6.5 m kr. a year, LBF 70 %. */
    plan_budget_line lines[32];
    size_t nl = 0;
    static const int64_t per_year_k[] = { 4200, 6100, 6300, 6200, 4800 };
    for (int i = 0; i < 5; i++) {
        int64_t t = per_year_k[i], lbf = t * 70 / 100, muni = t * 20 / 100, found = i < 2 ? 150 : 0;
        int64_t org = t - lbf - muni - found;
        int y = 2023 + i;
        lines[nl++] = (plan_budget_line){ y, SRC_LBF, lbf * 100000, 0, "" };
        lines[nl++] = (plan_budget_line){ y, SRC_MUNICIPALITY, muni * 100000, 0, "" };
        lines[nl++] = (plan_budget_line){ y, SRC_ORGANISATION, org * 100000, 0, "" };
        if (found)
            lines[nl++] = (plan_budget_line){ y, SRC_FOUNDATION, found * 100000, 0, "Lektiecafé" };
    }
    if ((rc = explain(plan_budget_put(g->d, NULL, g->a, id, lines, nl, e), e, s.name, "budget")))
        return rc;
    /* Team: Pia Planlægger is the plan_staff:1 demo login. */
    plan_member team[] = {
        { .name = "Pia Planlægger",
          .organisation = "Helhedsplanens sekretariat",
          .role = TEAM_SOCIAL,
          .seat = "",
          .email = "planmedarbejder@helhed.example" },
        { .name = "Mads Demosen",
          .organisation = "Helhedsplanens sekretariat",
          .role = TEAM_SOCIAL,
          .seat = "",
          .email = "mads.demosen@boligsocial.example" },
        { .name = "Fatma Eksempelsen",
          .organisation = "Helhedsplanens sekretariat",
          .role = TEAM_SOCIAL,
          .seat = "",
          .email = "fatma.eksempelsen@boligsocial.example" },
        { .name = "Villy Vicevært",
          .organisation = x->org_name,
          .role = TEAM_OPERATIONS,
          .seat = "",
          .email = "vicevaert@helhed.example" },
        { .name = "Line Udkastsen",
          .organisation = x->org_name,
          .role = TEAM_LETTING,
          .seat = "",
          .email = "line.udkastsen@boligorganisation.example" },
        { .steering = true,
          .name = "Bo Boligsen",
          .organisation = x->org_name,
          .role = -1,
          .seat = "Formand",
          .email = "boligorganisation@helhed.example" },
        { .steering = true,
          .name = "Kim Kommunesen",
          .organisation = "Københavns Kommune",
          .role = -1,
          .seat = "Kommunens repræsentant",
          .email = "kommune@helhed.example" },
        { .steering = true,
          .name = "Henrik Prøvesen",
          .organisation = "Afdelingsbestyrelsen i Demoparken",
          .role = -1,
          .seat = "Afdelingsbestyrelsens repræsentant",
          .email = "henrik.proevesen@beboer.example" },
        { .steering = true,
          .name = "Karin Skitsesen",
          .organisation = "Demoparkens Skole (fiktiv)",
          .role = -1,
          .seat = "Skolens repræsentant",
          .email = "karin.skitsesen@skole.example" },
        { .steering = true,
          .name = "Thomas Attrapsen",
          .organisation = "Lokalpolitiet",
          .role = -1,
          .seat = "Politiets repræsentant",
          .email = "thomas.attrapsen@politi.example" },
    };
    for (size_t i = 0; i < HH_ARRAY_LEN(team) && !rc; i++)
        rc = plan_member_put(g->d, NULL, g->a, id, &team[i], e);
    if ((rc = explain(rc, e, s.name, "team")))
        return rc;
    /* History: idea 2021, approval in the council June 2022, start 2023. */
    static const struct {
        plan_state to;
        const char *date;
    } hist[] = {
        { PS_PREQUALIFICATION, "2021-04-30" }, { PS_DRAFTING, "2021-08-16" }, { PS_MUNICIPAL_APPROVAL, "2022-06-23" },
        { PS_GRANT_COMMITTED, "2022-09-05" },  { PS_RUNNING, "2023-01-01" },
    };
    for (size_t i = 0; i < HH_ARRAY_LEN(hist) && !rc; i++)
        rc = explain(
            plan_transition_apply(g->d, NULL, g->a, id, hist[i].to, hist[i].date, transition_notes[hist[i].to], e), e,
            s.name, plan_state_code[hist[i].to]);
    if (rc)
        return rc;
    /* The revision of 2025: Kriminalitetsforebyggelse replaces
     * Sammenhængskraft og medborgerskab, money moves to the later years, the
     * employment goal gets a later, more modest target, and the turnout goal
     * gives way to one on reported crimes in 101-1. It is saved as version 2
     * before the payments are booked (so its differences are the revision's). */
    const char *focus2[3] = { "Uddannelse og livschancer", "Beskæftigelse", "Kriminalitetsforebyggelse" };
    plan_input up;
    plan_input_init(&up);
    up.has_focus = true;
    up.focus = focus2;
    up.nfocus = 3;
    if ((rc = explain(plan_update(g->d, NULL, g->a, id, &up, e), e, s.name, "revise focus")))
        return rc;
    for (size_t i = 0; i < nl; i++) {
        if (lines[i].year == 2026 && lines[i].source == SRC_MUNICIPALITY)
            lines[i].budget_ore += 40000000; /* 400.000 kr. more for the crime prevention effort */
        if (lines[i].year == 2027 && lines[i].source == SRC_ORGANISATION)
            lines[i].budget_ore += 25000000;
    }
    if ((rc = explain(plan_budget_put(g->d, NULL, g->a, id, lines, nl, e), e, s.name, "revised budget")))
        return rc;
    plan_goal *goals;
    size_t ng;
    if ((rc = explain(plan_goals(g->d, g->a, id, &goals, &ng, e), e, s.name, "goals")))
        return rc;
    for (size_t i = 0; i < ng && !rc; i++) {
        const char *code = kf_catalogue[goals[i].kf].code;
        if (!strcmp(code, "outside_labour_share")) {
            plan_goal gl = goals[i];
            gl.target_value = round_to(gl.target_value + 1.5, 1);
            gl.target_year = 2028;
            rc = explain(plan_goal_put(g->d, NULL, g->a, id, &gl, e), e, s.name, "revise a goal");
        } else if (!strcmp(code, "meeting_turnout")) {
            rc = explain(plan_goal_delete(g->d, NULL, id, goals[i].id, e), e, s.name, "drop a goal");
        }
    }
    if (!rc)
        rc = add_goal(g, id, &s, "police_reports_per_1000", "Færre anmeldte forbrydelser i 101-1", "101-1", dept_id,
                      2022, 2027, e);
    int version = 0;
    if (!rc)
        rc = explain(plan_version_save(g->d, NULL, g->a, id,
                                       "Revision 2025: Kriminalitetsforebyggelse i stedet for Sammenhængskraft og "
                                       "medborgerskab; budget og mål justeret",
                                       &version, e),
                     e, s.name, "version");
    if (rc)
        return rc;
    spend(g, lines, nl, PS_RUNNING);
    if ((rc = explain(plan_budget_put(g->d, NULL, g->a, id, lines, nl, e), e, s.name, "spending")))
        return rc;
    /* Agreements with the municipality for the focus areas as revised. */
    plan pl;
    if ((rc = explain(plan_get(g->d, NULL, g->a, id, &pl, e), e, s.name, "read back")))
        return rc;
    if ((rc = make_agreements(g, id, &s, &pl, days_from_civil(2022, 8, 18), e)))
        return rc;
    /* Partners: the school's agreement on the homework café runs out within
     * a month, so the expiry warning shows. */
    static const struct {
        pkind kind;
        int expires; /* 1: within a month, 2: open-ended, 0: with the plan */
    } coops[] = { { PK_JOBCENTER, 0 }, { PK_SCHOOL, 1 }, { PK_CHILDREN, 0 },
                  { PK_SSP, 0 },       { PK_SPORTS, 0 }, { PK_VOLUNTARY, 2 } };
    for (size_t i = 0; i < HH_ARRAY_LEN(coops) && !rc; i++) {
        int64_t partner_id;
        if ((rc = partner_for(g, x, coops[i].kind, &partner_id, e)))
            break;
        plan_cooperation c = { .plan_id = id,
                               .partner_id = partner_id,
                               .purposes = pkinds[coops[i].kind].purposes,
                               .valid_from = i == 3 ? "2025-03-01" : "2023-01-01",
                               .valid_to = coops[i].expires == 1   ? iso(g->a, g->today + 30)
                                           : coops[i].expires == 2 ? ""
                                                                   : "2027-12-31",
                               .note = coops[i].kind == PK_SCHOOL ? "Lektiecafé i beboerhuset to dage om ugen." : "" };
        rc = explain(plan_cooperation_put(g->d, NULL, g->a, &c, e), e, s.name, "cooperation agreements");
    }
    return rc;
}

hh_err demo_plan_areas(db *d, const demo_options *opt, hh_error *e)
{
    arena a;
    arena_init(&a);
    gen g = { .d = d, .a = &a, .r = { opt->seed * 15485863 + 7 } };
    hh_err rc = table1_areas(&g, e);
    arena_free(&a);
    return rc;
}

/* ---- the whole step ---- */

static spec social_spec(gen *g, area_info *x, const char *round, int first, int last, int64_t predecessor)
{
    spec s = { .type = PLAN_SOCIAL,
               .round = round,
               .first = first,
               .last = last,
               .ahead = PS_IDEA,
               .predecessor = predecessor,
               .area = x };
    s.name = social_name(g, x, first, last);
    s.nfocus = choose_focus(g, round, NULL, s.focus, 2);
    s.revise = U(g) < 0.15;
    return s;
}

hh_err demo_plans(db *d, const demo_options *opt, hh_error *e)
{
    arena a;
    arena_init(&a);
    gen g = { .d = d, .a = &a, .r = { opt->seed * 104729 + 61 }, .national = opt->scale == DEMO_NATIONAL };
    g.today = (int64_t)(time(NULL) / 86400);
    g.today_year = year_of(g.today);
    g.latest_year = kf_latest_year(d);
    hh_err rc = load_areas(&g, e);
    if (!rc)
        rc = plan_one(&g, e);
    /* The 27 plans of Table 1, some after a plan of the first round in the
     * same area (all 27 continued an earlier plan, 002:L1208-1214), some
     * followed by plans of the later rounds. */
    made t1[NTABLE1];
    for (size_t i = 0; i < NTABLE1 && !rc; i++) {
        const table1_plan *t = &table1[i];
        area_info *x = area_by_code(&g, arena_printf(&a, "BO-%s-T%02zu", t->municipality, i + 1));
        if (!x) {
            rc = hh_fail(e, HH_ERR_INTERNAL, NULL, "demo plans: no area for '%s'", t->name);
            break;
        }
        int64_t pred = 0;
        if (U(&g) < 0.4 && !is_table1_name(x->estate)) {
            int first = B(&g, 2007, 2008), last = t->first - 1 < first + 3 ? t->first - 1 : first + 3;
            spec p = social_spec(&g, x, "2006-2010", first, last, 0);
            made m;
            if ((rc = make_plan(&g, &p, &m, e)))
                break;
            pred = m.id;
        }
        spec s = { .name = t->name,
                   .type = PLAN_SOCIAL,
                   .round = "2011-2014",
                   .first = t->first,
                   .last = t->last,
                   .ahead = PS_IDEA,
                   .predecessor = pred,
                   .area = x };
        s.nfocus = choose_focus(&g, "2011-2014", "Sundhed", s.focus, 3);
        rc = make_plan(&g, &s, &t1[i], e);
    }
    /* Later rounds: successors in the Table 1 areas and the registry's. */
    int ahead_done = 0;
    static const plan_state aheads[] = { PS_IDEA, PS_PREQUALIFICATION, PS_DRAFTING, PS_MUNICIPAL_APPROVAL,
                                         PS_GRANT_COMMITTED };
    bool extended = false, abandoned = false;
    double p_next = g.national ? 0.6 : 0.5;
    for (size_t i = 0; i < g.nareas && !rc; i++) {
        area_info *x = &g.areas[i];
        if (!strcmp(x->code, "BO-0101-1"))
            continue;
        int64_t pred = 0;
        int next_first = 0;
        if (x->table1) {
            pred = t1[x->table1 - 1].id;
            next_first = t1[x->table1 - 1].last + 1;
        } else {
            next_first = B(&g, 2015, 2018);
            if (U(&g) < 0.3) {
                int first = B(&g, 2007, 2009);
                spec p =
                    social_spec(&g, x, "2006-2010", first, first + 3 < next_first - 1 ? first + 3 : next_first - 1, 0);
                made m;
                if ((rc = make_plan(&g, &p, &m, e)))
                    break;
                pred = m.id;
            }
        }
        /* 2015-2018 */
        if (U(&g) < p_next || !x->table1) {
            int len = B(&g, 3, 4);
            spec s = social_spec(&g, x, "2015-2018", next_first, next_first + len - 1, pred);
            made m;
            if ((rc = make_plan(&g, &s, &m, e)))
                break;
            pred = m.id;
            next_first = m.last + 1;
            /* 2019-2026 */
            if (U(&g) < 0.75 && next_first <= 2024) {
                /* Most of them still run. */
                int first2 = next_first < 2019 ? 2019 : next_first, last2 = first2 + B(&g, 3, 4);
                if (last2 < g.today_year && U(&g) < 0.6)
                    last2 = g.today_year + B(&g, 0, 1);
                if (last2 - first2 > 5)
                    first2 = last2 - 5;
                spec s2 = social_spec(&g, x, "2019-2026", first2, last2, pred);
                if ((!extended || (g.national && U(&g) < 0.15)) && s2.first <= g.today_year - 2 &&
                    s2.last >= g.today_year - 1) {
                    s2.extend = true;
                    s2.last = g.today_year - 1;
                    s2.name = social_name(&g, x, s2.first, s2.last);
                    extended = true;
                }
                if ((rc = make_plan(&g, &s2, &m, e)))
                    break;
                pred = m.id;
                next_first = m.last + 1;
            }
        }
        /* A plan in preparation (every state before the start occurs), or
         * one that was given up. */
        bool prepare = (size_t)ahead_done < HH_ARRAY_LEN(aheads) ? (i % 3 == 1) : U(&g) < (g.national ? 0.12 : 0.0);
        if (prepare) {
            int first = g.today_year + 1 + (ahead_done % 5 < 2 ? 1 : 0);
            if (next_first > first)
                first = next_first;
            spec s = social_spec(&g, x, "2019-2026", first, first + 3, pred);
            s.ahead = aheads[(size_t)ahead_done % HH_ARRAY_LEN(aheads)];
            ahead_done++;
            if ((rc = make_plan(&g, &s, NULL, e)))
                break;
        } else if (!abandoned && !x->table1) {
            spec s = social_spec(&g, x, "2019-2026", g.today_year + 1, g.today_year + 4, pred);
            s.ahead = PS_DRAFTING;
            s.abandon = true;
            abandoned = !g.national || U(&g) < 0.9;
            if ((rc = make_plan(&g, &s, NULL, e)))
                break;
        }
        /* Physical plans: long renovations. */
        if (U(&g) < (g.national ? 0.3 : 0.22)) {
            int first = B(&g, 2014, g.today_year + 2), len = B(&g, 3, 6);
            spec s = { .type = PLAN_PHYSICAL,
                       .round = "",
                       .first = first,
                       .last = first + len - 1,
                       .ahead = (plan_state)B(&g, PS_PREQUALIFICATION, PS_GRANT_COMMITTED),
                       .area = x };
            static const char *const tpl[] = { "Fysisk helhedsplan for @", "Renovering af @",
                                               "@ – nye facader og tilgængelige boliger" };
            s.name = fill(&a, PICK(&g, tpl), x->estate);
            if ((rc = make_plan(&g, &s, NULL, e)))
                break;
        }
        /* Local health partnerships. */
        if (U(&g) < (g.national ? 0.15 : 0.16)) {
            int first = B(&g, 2017, g.today_year), len = B(&g, 2, 4);
            spec s = { .type = PLAN_HEALTH,
                       .round = "",
                       .first = first,
                       .last = first + len - 1,
                       .ahead = PS_DRAFTING,
                       .area = x };
            static const char *const tpl[] = { "Sundhedspartnerskab @", "Sund i @", "Lokalt sundhedspartnerskab i @" };
            s.name = fill(&a, PICK(&g, tpl), x->estate);
            if ((rc = make_plan(&g, &s, NULL, e)))
                break;
        }
    }
    arena_free(&a);
    return rc;
}
