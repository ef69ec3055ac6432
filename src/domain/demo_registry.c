/* demo_registry.c - a synthetic housing sector for demos, tests and
 * benchmarks: organisations, departments, areas and ten years of every
 * catalogue figure. Each department has a hidden level of strain that drives
 * its figures together (more strain: more people outside the labour market,
 * lower income, more move-outs, more wear), and about one in twelve slides
 * down the negative spiral over the years, so early warning has something to
 * find. Deterministic by seed; the names say plainly that they are made up. */
#include "domain/demo_registry.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "domain/keyfig.h"

#define DEMO_LAST_YEAR 2025
#define DEMO_YEARS 10
#define BATCH 200
/* The slide of the departments sent down the spiral starts here; the others
 * drift by a few thousandths a year either way. */
#define SLIDING 0.02
/* The national demo's large organisation (see demo_registry_build). */
#define BIG_ORG 990

typedef demo_rng rng;

uint64_t demo_rng_next(demo_rng *r)
{
    /* splitmix64 */
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double demo_rng_uniform(demo_rng *r)
{
    return (double)(demo_rng_next(r) >> 11) / 9007199254740992.0;
}

double demo_rng_normal(demo_rng *r)
{
    double u = demo_rng_uniform(r) + 1e-12, v = demo_rng_uniform(r);
    return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

int demo_rng_between(demo_rng *r, int lo, int hi)
{
    return lo + (int)(demo_rng_uniform(r) * (hi - lo + 1));
}

static uint64_t next(rng *r)
{
    return demo_rng_next(r);
}

static double uniform(rng *r)
{
    return demo_rng_uniform(r);
}

static double normal(rng *r)
{
    return demo_rng_normal(r);
}

static int between(rng *r, int lo, int hi)
{
    return demo_rng_between(r, lo, hi);
}

static double clamp01(double x)
{
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

typedef struct muni {
    char code[8];
    char region[8];
    double weight;
} muni;

typedef struct dept {
    int64_t id;
    int org_no, department_no;
    int muni;
    int dwellings;
    int build_year;
    double strain; /* 0..1 */
    double slide;  /* added strain per year; SLIDING and more: sent down the spiral */
    bool in_area;
} dept;

/* Batched inserts of kf_value rows: one multi-row statement per BATCH rows. */
typedef struct batch {
    db *d;
    db_stmt *many;
    const char *one_sql;
    int n;
    double vals[BATCH][6];
} batch;

static hh_err batch_flush(batch *b, hh_error *e)
{
    if (b->n == 0)
        return HH_OK;
    db_stmt *st = b->n == BATCH ? b->many : db_prepare(b->d, b->one_sql);
    int rows = b->n == BATCH ? BATCH : 1;
    for (int start = 0; start < b->n; start += rows) {
        for (int i = 0; i < rows; i++) {
            const double *v = b->vals[start + i];
            int p = i * 6;
            db_bind_int64(st, p + 1, (int64_t)v[0]);
            db_bind_int64(st, p + 2, (int64_t)v[1]);
            db_bind_int64(st, p + 3, (int64_t)v[2]);
            for (int k = 3; k < 6; k++) {
                if (isnan(v[k]))
                    db_bind_null(st, p + k + 1);
                else
                    db_bind_double(st, p + k + 1, v[k]);
            }
        }
        int rc = db_step(st);
        db_done(st);
        if (rc == DB_ERROR)
            return db_fail(b->d, e, "write demo key figures");
    }
    b->n = 0;
    return HH_OK;
}

static hh_err batch_open(batch *b, db *d, hh_error *e)
{
    memset(b, 0, sizeof *b);
    b->d = d;
    b->one_sql = "INSERT INTO kf_value (department_id, key_figure_id, year, numerator, denominator, value)"
                 " VALUES (?, ?, ?, ?, ?, ?)";
    buf sql;
    buf_init(&sql, 0);
    buf_puts(&sql, "INSERT INTO kf_value (department_id, key_figure_id, year, numerator, denominator, value) VALUES ");
    for (int i = 0; i < BATCH; i++)
        buf_puts(&sql, i ? ", (?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?)");
    b->many = db_prepare(d, buf_cstr(&sql));
    buf_free(&sql);
    return b->many ? HH_OK : db_fail(d, e, "prepare demo key figures");
}

static hh_err put(batch *b, int64_t dept_id, int kf, int year, double num, double den, double value, hh_error *e)
{
    double *v = b->vals[b->n++];
    v[0] = (double)dept_id;
    v[1] = (double)kf_db_id(kf);
    v[2] = year;
    v[3] = num;
    v[4] = den;
    v[5] = value;
    return b->n == BATCH ? batch_flush(b, e) : HH_OK;
}

/* A count of `den` with probability p, with binomial-like noise. */
static double draw(rng *r, double den, double p)
{
    p = clamp01(p);
    double mean = den * p, sd = sqrt(den * p * (1 - p));
    double x = round(mean + sd * normal(r));
    return x < 0 ? 0 : x > den ? den : x;
}

static hh_err department_values(batch *b, rng *r, const dept *dp, hh_error *e)
{
    hh_err rc = HH_OK;
    int first = DEMO_LAST_YEAR - DEMO_YEARS + 1;
    for (int y = first; y <= DEMO_LAST_YEAR && !rc; y++) {
        double s = clamp01(dp->strain + dp->slide * (y - first) + 0.02 * normal(r));
        double dw = dp->dwellings;
        double households = round(dw * (0.93 + 0.05 * uniform(r) - 0.04 * s));
        double residents = round(households * (1.5 + 0.9 * s + 0.2 * normal(r) * 0.3));
        if (residents < households)
            residents = households;
        double kids = draw(r, residents, 0.18 + 0.2 * s);
        double old = draw(r, residents - kids, 0.16 - 0.08 * s);
        double adults = residents - kids - old;
        double very_old = draw(r, old, 0.3);
        double age30_59 = round(adults * 0.6);
        double taxable = round(adults * 0.97 + old * 0.2);
        double income = taxable * (330000 - 200000 * s) * (1 + 0.05 * normal(r));
        double region_mean = 330000;
        double surveyed = round(households * 0.35);
        double m2 = dw * 78;
        double outdoor = m2 * (1.2 + uniform(r));
        for (size_t k = 0; k < kf_count && !rc; k++) {
            const char *c = kf_catalogue[k].code;
            double num = NAN, den = NAN, val = NAN;
#define IS(x) (strcmp(c, x) == 0)
            if (IS("residents"))
                val = residents;
            else if (IS("households"))
                val = households;
            else if (IS("age_0_17_share"))
                num = kids, den = residents;
            else if (IS("age_18_64_share"))
                num = adults, den = residents;
            else if (IS("age_65_plus_share"))
                num = old, den = residents;
            else if (IS("age_80_plus_share"))
                num = very_old, den = residents;
            else if (IS("non_western_share"))
                num = draw(r, residents, 0.06 + 0.55 * s), den = residents;
            else if (IS("outside_labour_share"))
                num = draw(r, adults, 0.12 + 0.38 * s), den = adults;
            else if (IS("basic_education_share"))
                num = draw(r, age30_59, 0.12 + 0.55 * s), den = age30_59;
            else if (IS("mean_gross_income"))
                num = round(income), den = taxable;
            else if (IS("income_relative_region"))
                val = taxable > 0 ? 100.0 * income / taxable / region_mean : NAN, den = taxable;
            else if (IS("convicted_share"))
                num = draw(r, adults + old, 0.004 + 0.06 * s * s * s), den = adults + old;
            else if (IS("turnover_rate"))
                num = draw(r, households, 0.07 + 0.12 * s), den = households;
            else if (IS("vacancy_share"))
                num = draw(r, dw, 0.003 + 0.03 * s * s), den = dw;
            else if (IS("vacancy_loss"))
                val = round(dw * (0.003 + 0.03 * s * s) * 75000 * (0.8 + 0.4 * uniform(r)));
            else if (IS("evictions_per_1000"))
                num = draw(r, households, 0.002 + 0.01 * s), den = households;
            else if (IS("rent_arrears_per_tenancy"))
                num = round(households * (400 + 2600 * s) * (0.7 + 0.6 * uniform(r))), den = households;
            else if (IS("maintenance_backlog_per_m2"))
                num = round(m2 * (60 + 500 * s + 4 * (2025 - dp->build_year > 0 ? (2025 - dp->build_year) / 10 : 0)) *
                            (0.8 + 0.4 * uniform(r))),
                den = m2;
            else if (IS("vandalism_cost_per_dwelling"))
                num = round(dw * (50 + 900 * s * s) * (0.7 + 0.6 * uniform(r))), den = dw;
            else if (IS("feeling_unsafe_share"))
                num = draw(r, surveyed, 0.08 + 0.35 * s), den = surveyed;
            else if (IS("police_reports_per_1000"))
                num = draw(r, residents, 0.03 + 0.07 * s), den = residents;
            else if (IS("energy_per_m2"))
                num =
                    round(m2 * (95 + (dp->build_year < 1980 ? 40 : 0) - 2.0 * (y - first)) * (0.9 + 0.2 * uniform(r))),
                den = m2;
            else if (IS("meeting_turnout"))
                num = draw(r, households, 0.12 - 0.06 * s), den = households;
            else if (IS("copd_prevalence"))
                num = draw(r, adults * 0.6 + old, 0.04 + 0.06 * s), den = round(adults * 0.6 + old);
            else if (IS("diabetes_prevalence"))
                num = draw(r, residents, 0.04 + 0.05 * s), den = residents;
            else if (IS("hospitalisations_per_1000"))
                num = draw(r, residents, 0.08 + 0.08 * s), den = residents;
            else if (IS("biodiversity_area_share"))
                num = round(outdoor * clamp01(0.02 + 0.02 * (y - first) * uniform(r))), den = round(outdoor);
            else if (IS("single_parent_share"))
                num = draw(r, households, 0.05 + 0.2 * s), den = households;
            else if (IS("move_in_share_outside_labour"))
                num = draw(r, round(households * 0.1) + 1, 0.15 + 0.5 * s), den = round(households * 0.1) + 1;
            else if (IS("complaints_per_1000"))
                num = draw(r, households, 0.01 + 0.05 * s), den = households;
#undef IS
            if (kf_has_parts(kf_catalogue[k].kind) && !(den > 0))
                continue;
            rc = put(b, dp->id, (int)k, y, num, den, val, e);
        }
    }
    return rc;
}

/* The ground truth for tests of early warning: every department sent down
 * the spiral, "ORG-DEPT" a line. */
static hh_err write_truth(const char *path, const dept *depts, size_t n, hh_error *e)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return hh_fail(e, HH_ERR_IO, NULL, "cannot write %s: %s", path, strerror(errno));
    for (size_t i = 0; i < n; i++)
        if (depts[i].slide >= SLIDING)
            fprintf(f, "%d-%d\n", depts[i].org_no, depts[i].department_no);
    bool failed = ferror(f) != 0;
    if (fclose(f) != 0 || failed)
        return hh_fail(e, HH_ERR_IO, NULL, "cannot write %s", path);
    return HH_OK;
}

static const char *const name_a[] = { "Solgården", "Bakkehuset",  "Engparken", "Lyngbo",    "Fjordhaven",  "Skovly",
                                      "Kildevang", "Toftegården", "Havebyen",  "Ellemosen", "Møllevangen", "Åparken",
                                      "Nordlys",   "Sønderhaven", "Granhøj",   "Tranebo" };
static const char *const org_a[] = { "Boligselskabet", "Andelsboligforeningen", "Boligforeningen",
                                     "Arbejdernes Boligselskab", "Den Almene Boligforening" };
static const char *const org_b[] = { "Fiktiv", "Demo", "Eksempel", "Prøve", "Model" };

static const char *const big_cities[] = { "0101", "0147", "0751", "0461", "0851" };

hh_err demo_registry_build(db *d, const demo_options *opt, hh_error *e)
{
    rng r = { opt->seed * 7919 + 17 };
    bool national = opt->scale == DEMO_NATIONAL;
    /* Early warning goes too: its statuses and events describe the sector
     * being replaced, and a fresh demo must not compare with them. */
    static const char *const wipe[] = { "DELETE FROM warning_event",  "DELETE FROM warning_figure",
                                        "DELETE FROM warning_status", "DELETE FROM kf_value",
                                        "DELETE FROM kf_area_value",  "DELETE FROM kf_agg",
                                        "DELETE FROM area_member",    "DELETE FROM housing_area",
                                        "DELETE FROM department",     "DELETE FROM organisation" };
    for (size_t i = 0; i < HH_ARRAY_LEN(wipe); i++)
        if (db_exec(d, wipe[i], e))
            return HH_ERR_DB;
    /* Municipalities, weighted by how much social housing they have. */
    muni munis[128];
    size_t nm = 0;
    db_stmt *st = db_prepare(d, "SELECT code, region_code FROM municipality WHERE is_municipality = 1 ORDER BY code");
    if (!st)
        return db_fail(d, e, "read municipalities");
    while (db_step(st) == DB_ROW && nm < HH_ARRAY_LEN(munis)) {
        muni *m = &munis[nm++];
        hh_strlcpy(m->code, db_col_text(st, 0), sizeof m->code);
        hh_strlcpy(m->region, db_col_text(st, 1), sizeof m->region);
        m->weight = strcmp(m->region, "1084") == 0 ? 3 : 1;
        for (size_t k = 0; k < HH_ARRAY_LEN(big_cities); k++)
            if (strcmp(m->code, big_cities[k]) == 0)
                m->weight = 12;
    }
    db_done(st);
    double total_w = 0;
    for (size_t i = 0; i < nm; i++)
        total_w += munis[i].weight;
    int norgs = national ? 500 : 12;
    size_t cap = national ? 9500 : 200, nd = 0;
    dept *depts = xcalloc(cap, sizeof(dept));
    db_stmt *ins_org = db_prepare(d, "INSERT INTO organisation (org_no, cvr, name, administrator, municipality_code)"
                                     " VALUES (?, ?, ?, ?, ?)");
    db_stmt *ins_dept = db_prepare(d, "INSERT INTO department (org_no, department_no, name, address, municipality_code,"
                                      " dwellings_family, dwellings_elderly, dwellings_youth, build_year, rent_per_m2,"
                                      " outdoor_area_m2, peer_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                      " RETURNING id");
    hh_err rc = HH_OK;
    if (!ins_org || !ins_dept)
        rc = db_fail(d, e, "prepare the demo registry");
    /* At national scale one more organisation, BIG_ORG in Aarhus with
     * 110-130 departments there: the dialogue package's benchmark (a
     * dialogue with 100+ departments). Its own random numbers keep the
     * others' as they were. */
    rng r_big = { opt->seed * 6151 + 29 };
    for (int o = 0; o < norgs + (national ? 1 : 0) && !rc; o++) {
        bool big = o == norgs;
        rng *rp = big ? &r_big : &r;
        int org_no = big ? BIG_ORG : 101 + o;
        /* The first organisation is København's, for the demo logins. */
        size_t home = 0;
        if (o == 0 || big) {
            while (home < nm && strcmp(munis[home].code, big ? "0751" : "0101") != 0)
                home++;
        } else {
            double x = uniform(rp) * total_w;
            while (home + 1 < nm && (x -= munis[home].weight) > 0)
                home++;
        }
        char cvr[16], name[128];
        snprintf(cvr, sizeof cvr, "%08d", 30000000 + org_no * 37);
        if (big)
            snprintf(name, sizeof name, "Boligselskabet Storby Fiktiv %d", org_no);
        else
            snprintf(name, sizeof name, "%s %s %d", org_a[o % HH_ARRAY_LEN(org_a)],
                     org_b[(o / 5) % HH_ARRAY_LEN(org_b)], org_no);
        db_bind_int64(ins_org, 1, org_no);
        db_bind_text(ins_org, 2, cvr);
        db_bind_text(ins_org, 3, name);
        db_bind_text(ins_org, 4, o % 3 == 0 ? "Fælles Administration (fiktiv)" : "");
        db_bind_text(ins_org, 5, munis[home].code);
        int s1 = db_step(ins_org);
        db_done(ins_org);
        if (s1 == DB_ERROR) {
            rc = db_fail(d, e, "write demo organisations");
            break;
        }
        int ndept = big ? between(rp, 110, 130) : national ? between(rp, 4, 28) : (o == 0 ? 8 : between(rp, 5, 12));
        for (int k = 1; k <= ndept && nd < cap && !rc; k++) {
            dept *dp = &depts[nd];
            size_t m = home;
            if (o != 0 && !big && uniform(rp) < 0.2)
                m = (size_t)between(rp, 0, (int)nm - 1);
            dp->muni = (int)m;
            /* Mostly small departments, a few large estates: ~75 dwellings on average. */
            dp->dwellings = (int)(15 + 120 * pow(uniform(rp), 2.2) * (national ? 1 : 1.5));
            if (uniform(rp) < (national ? 0.05 : 0.15))
                dp->dwellings += between(rp, 250, 700);
            dp->build_year = between(rp, 1935, 2022);
            dp->strain = clamp01(pow(uniform(rp), 2.0) * (munis[m].weight > 5 ? 1.2 : 0.9));
            dp->slide = uniform(rp) < 0.08 ? SLIDING + 0.03 * uniform(rp) : 0.004 * normal(rp);
            if (o == 0 && k == 1)
                dp->strain = 0.55, dp->slide = 0.03,
                dp->dwellings = 480; /* the demo department: an estate that slides */
            dp->org_no = org_no;
            dp->department_no = k;
            int elderly = uniform(rp) < 0.3 ? dp->dwellings / 5 : 0, youth = uniform(rp) < 0.15 ? dp->dwellings / 4 : 0;
            char dname[128], addr[160], peer[32];
            snprintf(dname, sizeof dname, "%s%s%s", name_a[next(rp) % HH_ARRAY_LEN(name_a)], k == 1 ? "" : " ",
                     k == 1 ? "" : (const char *[]){ "Nord", "Syd", "Øst", "Vest", "I", "II", "III" }[k % 7]);
            if (big) /* 100+ departments: names that tell them apart */
                snprintf(dname, sizeof dname, "%s %d", name_a[(k - 1) % HH_ARRAY_LEN(name_a)],
                         (k - 1) / (int)HH_ARRAY_LEN(name_a) + 1);
            snprintf(addr, sizeof addr, "Demovej %d, fiktiv adresse", between(rp, 1, 200));
            kf_peer_code(peer, sizeof peer, dp->dwellings, dp->build_year, munis[m].code, munis[m].region);
            db_bind_int64(ins_dept, 1, org_no);
            db_bind_int64(ins_dept, 2, k);
            db_bind_text(ins_dept, 3, dname);
            db_bind_text(ins_dept, 4, addr);
            db_bind_text(ins_dept, 5, munis[m].code);
            db_bind_int64(ins_dept, 6, dp->dwellings - elderly - youth);
            db_bind_int64(ins_dept, 7, elderly);
            db_bind_int64(ins_dept, 8, youth);
            db_bind_int64(ins_dept, 9, dp->build_year);
            db_bind_double(ins_dept, 10, round(700 + 600 * uniform(rp)));
            db_bind_double(ins_dept, 11, round(dp->dwellings * (60 + 120 * uniform(rp))));
            db_bind_text(ins_dept, 12, peer);
            int s2 = db_step(ins_dept);
            if (s2 == DB_ROW)
                dp->id = db_col_int64(ins_dept, 0);
            db_done(ins_dept);
            if (s2 != DB_ROW)
                rc = db_fail(d, e, "write demo departments");
            else
                nd++;
        }
    }
    /* Areas: a strained large estate with its strained neighbours in the
     * municipality (so most areas pass the lists' 1,000 residents), and the
     * demo area of København spanning two organisations. */
    db_stmt *ins_area = rc ? NULL
                           : db_prepare(d, "INSERT INTO housing_area (code, name, municipality_code)"
                                           " VALUES (?, ?, ?) RETURNING id");
    db_stmt *ins_mem = rc ? NULL
                          : db_prepare(d, "INSERT INTO area_member (area_id, department_id, valid_from,"
                                          " valid_to) VALUES (?, ?, ?, ?)");
    if (!rc && (!ins_area || !ins_mem))
        rc = db_fail(d, e, "prepare demo areas");
    int narea = 0;
    for (size_t i = 0; i < nd && !rc; i++) {
        bool demo_area = i == 0;
        if (depts[i].in_area || (!demo_area && (depts[i].strain < 0.4 || depts[i].dwellings < 250)))
            continue;
        char code[32], aname[128];
        snprintf(code, sizeof code, "BO-%s-%d", munis[depts[i].muni].code, ++narea);
        snprintf(aname, sizeof aname, "%s (fiktivt område)",
                 demo_area ? "Demoparken" : name_a[narea % HH_ARRAY_LEN(name_a)]);
        db_bind_text(ins_area, 1, code);
        db_bind_text(ins_area, 2, aname);
        db_bind_text(ins_area, 3, munis[depts[i].muni].code);
        int64_t area_id = 0;
        if (db_step(ins_area) == DB_ROW)
            area_id = db_col_int64(ins_area, 0);
        db_done(ins_area);
        if (!area_id) {
            rc = db_fail(d, e, "write demo areas");
            break;
        }
        /* Members: this department and up to four later ones in the same
         * municipality (any organisation); one joined later, one left. */
        int members = 0;
        int muni_of = depts[i].muni;
        for (size_t j = i; j < nd && members < 5 && !rc; j++) {
            if (depts[j].in_area || depts[j].muni != muni_of ||
                (j != i && depts[j].strain < 0.3 && !(demo_area && members < 3)))
                continue;
            const char *from = members == 3 ? "2019-01-01" : "2010-01-01";
            const char *to = members == 4 ? "2021-12-31" : NULL;
            db_bind_int64(ins_mem, 1, area_id);
            db_bind_int64(ins_mem, 2, depts[j].id);
            db_bind_text(ins_mem, 3, from);
            db_bind_text(ins_mem, 4, to);
            if (db_step(ins_mem) == DB_ERROR)
                rc = db_fail(d, e, "write demo area members");
            db_done(ins_mem);
            depts[j].in_area = true; /* one area per department */
            members++;
        }
    }
    /* Ten years of every figure. */
    if (!rc) {
        batch b;
        rc = batch_open(&b, d, e);
        for (size_t i = 0; i < nd && !rc; i++)
            rc = department_values(&b, &r, &depts[i], e);
        if (!rc)
            rc = batch_flush(&b, e);
    }
    if (!rc && opt->truth_path)
        rc = write_truth(opt->truth_path, depts, nd, e);
    free(depts);
    return rc;
}

hh_err demo_registry(db *d, const demo_options *opt, hh_error *e)
{
    hh_err rc = demo_registry_build(d, opt, e);
    return rc ? rc : kf_refresh(d, e);
}

hh_err demo_registry_add_department(db *d, demo_rng *r, const demo_department *dd, int64_t *id, hh_error *e)
{
    char region[8] = "";
    db_stmt *st = db_prepare(d, "SELECT region_code FROM municipality WHERE code = ?");
    if (!st)
        return db_fail(d, e, "read the municipality of a demo department");
    db_bind_text(st, 1, dd->municipality_code);
    if (db_step(st) == DB_ROW)
        hh_strlcpy(region, db_col_text(st, 0), sizeof region);
    db_done(st);
    dept dp = { .org_no = dd->org_no,
                .department_no = dd->department_no,
                .dwellings = dd->dwellings,
                .build_year = dd->build_year,
                .strain = clamp01(dd->strain),
                .slide = 0.002 * normal(r) };
    char peer[32], addr[160];
    kf_peer_code(peer, sizeof peer, dp.dwellings, dp.build_year, dd->municipality_code, region);
    snprintf(addr, sizeof addr, "Demovej %d, fiktiv adresse", between(r, 1, 200));
    int elderly = uniform(r) < 0.3 ? dp.dwellings / 5 : 0;
    st = db_prepare(d, "INSERT INTO department (org_no, department_no, name, address, municipality_code,"
                       " dwellings_family, dwellings_elderly, dwellings_youth, build_year, rent_per_m2,"
                       " outdoor_area_m2, peer_group) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) RETURNING id");
    if (!st)
        return db_fail(d, e, "prepare a demo department");
    db_bind_int64(st, 1, dp.org_no);
    db_bind_int64(st, 2, dp.department_no);
    db_bind_text(st, 3, dd->name);
    db_bind_text(st, 4, addr);
    db_bind_text(st, 5, dd->municipality_code);
    db_bind_int64(st, 6, dp.dwellings - elderly);
    db_bind_int64(st, 7, elderly);
    db_bind_int64(st, 8, dp.build_year);
    db_bind_double(st, 9, round(700 + 600 * uniform(r)));
    db_bind_double(st, 10, round(dp.dwellings * (60 + 120 * uniform(r))));
    db_bind_text(st, 11, peer);
    int s = db_step(st);
    if (s == DB_ROW)
        dp.id = db_col_int64(st, 0);
    db_done(st);
    if (s != DB_ROW)
        return db_fail(d, e, "write a demo department");
    batch b;
    hh_err rc = batch_open(&b, d, e);
    if (!rc)
        rc = department_values(&b, r, &dp, e);
    if (!rc)
        rc = batch_flush(&b, e);
    if (!rc && id)
        *id = dp.id;
    return rc;
}
