/* plans.c - holistic plans: the enumerations, funding rounds, rules and the
 * lifecycle table; scopes; the plan itself (create, update, read, list);
 * transitions and their history; money in øre (see plans.h). */
#include "domain/plans.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "core/buf.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/geo.h"
#include "domain/plans_impl.h"
#include "domain/registry.h"

/* ---- enumerations ---- */

const char *const plan_type_code[PLAN_TYPE_COUNT] = { "social", "physical", "health" };
const char *const plan_type_label[PLAN_TYPE_COUNT] = { "Boligsocial helhedsplan", "Fysisk helhedsplan",
                                                       "Lokalt sundhedspartnerskab" };

const char *const plan_state_code[PS_COUNT] = {
    "idea",     "prequalification", "drafting", "municipal_approval", "grant_committed", "running",
    "extended", "closed",           "anchored"
};
const char *const plan_state_label[PS_COUNT] = {
    "Idé",       "Prækvalifikation", "Udarbejdelse", "Kommunal godkendelse", "Støttetilsagn", "I gang",
    "Forlænget", "Afsluttet",        "Forankret"
};

const char *const plan_source_code[SRC_COUNT] = {
    "lbf", "municipality", "organisation", "region", "foundation", "other"
};
const char *const plan_source_label[SRC_COUNT] = { "Landsbyggefonden", "Kommunen", "Boligorganisationen",
                                                   "Regionen",         "Fonde",    "Andre" };

const char *const plan_challenge_code[CH_COUNT] = { "building", "urban", "social" };
const char *const plan_challenge_label[CH_COUNT] = { "Byggeteknik og bygningsstruktur", "Bystruktur", "Boligsocialt" };

const char *const plan_team_role_code[TEAM_COUNT] = { "building", "social", "operations", "letting" };
const char *const plan_team_role_label[TEAM_COUNT] = { "Byggeteknisk", "Boligsocial", "Drift", "Udlejning" };

const char *const partner_type_code[PT_COUNT] = {
    "municipal_department",  "region",   "school_daycare", "patient_association", "sports_association",
    "voluntary_association", "business", "social_economy", "foundation",          "other",
};
const char *const partner_type_label[PT_COUNT] = {
    "Kommunal forvaltning",
    "Region",
    "Skole/dagtilbud",
    "Patientforening",
    "Idrætsforening",
    "Frivillig forening",
    "Virksomhed",
    "Socialøkonomisk virksomhed",
    "Fond",
    "Andet",
};

const char *const contact_level_code[CL_COUNT] = { "strategic", "management", "operational" };
const char *const contact_level_label[CL_COUNT] = { "Strategisk", "Ledelse", "Udførende" };

const char *const coop_purpose_code[CP_COUNT] = { "knowledge", "recruitment", "delivery", "anchoring" };
const char *const coop_purpose_label[CP_COUNT] = { "Viden", "Rekruttering", "Levering", "Forankring" };

const char *const goal_status_code[GOAL_COUNT] = { "no_data", "met", "on_track", "behind" };
const char *const goal_status_label[GOAL_COUNT] = { "Ingen data", "Nået", "På vej", "Bagud" };

int plan_enum_find(const char *const *codes, int count, const char *code)
{
    if (!code)
        return -1;
    for (int i = 0; i < count; i++)
        if (strcmp(codes[i], code) == 0)
            return i;
    return -1;
}

/* ---- funding rounds (DOMAIN.md §3, 002:L1036-1109) ---- */

static const char *const focus_2011[] = {
    "Børn, unge og familier",   "Uddannelse", "Beskæftigelse og erhverv", "Beboernetværk",
    "Inddragelse og demokrati", "Sundhed",    "Udsatte grupper",          "Kultur og fritid",
    "Image og kommunikation",
};
static const char *const focus_2015[] = {
    "Tryghed og trivsel",
    "Kriminalpræventiv indsats",
    "Uddannelse og beskæftigelse",
    "Forebyggelse og forældreansvar",
};
static const char *const focus_2019[] = {
    "Uddannelse og livschancer",
    "Beskæftigelse",
    "Kriminalitetsforebyggelse",
    "Sammenhængskraft og medborgerskab",
};

const plan_round plan_rounds[] = {
    { "2006-2010", "2006–10", 2006, 2010, true, NULL, 0, false },
    { "2011-2014", "2011–14", 2011, 2014, false, focus_2011, HH_ARRAY_LEN(focus_2011), true },
    { "2015-2018", "2015–18", 2015, 2018, false, focus_2015, HH_ARRAY_LEN(focus_2015), true },
    { "2019-2026", "2019–26", 2019, 2026, false, focus_2019, HH_ARRAY_LEN(focus_2019), true },
};
const size_t plan_nrounds = HH_ARRAY_LEN(plan_rounds);

const plan_round *plan_round_find(const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < plan_nrounds; i++)
        if (strcmp(plan_rounds[i].code, code) == 0)
            return &plan_rounds[i];
    return NULL;
}

/* ---- rules ---- */

const plan_rule plan_rules[] = {
    { "lbf_share_max", "Landsbyggefonden må højst betale 75 % af en boligsocial helhedsplan", "002:L1024-1028" },
    { "cofinancing_min",
      "Fra 2011-2014-puljen skal mindst 25 % af en boligsocial helhedsplan være lokal medfinansiering"
      " fra kommune, boligorganisation eller region",
      "002:L1024-1028" },
    { "no_payout_before_approval", "Landsbyggefonden udbetaler intet før kommunalbestyrelsen har godkendt planen",
      "002:L1030-1034" },
    { "focus_in_round", "Indsatsområderne skal vælges fra puljens liste", "002:L1036-1109" },
    { "focus_free_theme", "Frie temaer skal have et navn på højst 80 tegn og må ikke gentages", "002:L1036-1055" },
    { "transition_not_allowed", "Planen kan kun skifte tilstand efter livsforløbets tilladte overgange",
      "DOMAIN.md §3" },
    { "transition_role", "Kun bestemte roller med planen i deres område kan registrere en overgang", "DOMAIN.md §3" },
    { "transition_date", "Datoen for en overgang må ikke ligge i fremtiden eller før den forrige overgang",
      "DOMAIN.md §3" },
    { "budget_line", "Budgetlinjer har et år 2000-2100, beløb på mindst 0 og højst én linje pr. år og kilde",
      "DOMAIN.md §3" },
    { "plan_scope",
      "Planens afdelinger og områder ligger i planens kommune og afdelingerne hører til dens "
      "boligorganisationer",
      "DOMAIN.md §3" },
    { "predecessor_same_area", "En forgænger skal dække samme område eller afdeling", "DOMAIN.md §3" },
    { "goal_measure", "Et succeskriterium måles på et nøgletal fra kataloget, på planens område eller afdelinger",
      "002:L8270-8325" },
    { "cooperation_dates", "En samarbejdsaftale slutter ikke før den begynder", "DOMAIN.md §3" },
};
const size_t plan_nrules = HH_ARRAY_LEN(plan_rules);

const plan_rule *plan_rule_find(const char *code)
{
    if (!code)
        return NULL;
    for (size_t i = 0; i < plan_nrules; i++)
        if (strcmp(plan_rules[i].code, code) == 0)
            return &plan_rules[i];
    return NULL;
}

/* Fails with rule r's text (NULL: the details alone). */
static hh_err rule_fail(const plan_rule *r, hh_error *e, hh_err code, const char *rule, const char *field,
                        const char *detail)
{
    /* Users see the source when it is a line of a source document
     * ("002:L1024"); our own specification is not cited to them. */
    if (r && r->source[0] >= '0' && r->source[0] <= '9')
        return hh_fail_rule(e, code, rule, field, "%s (%s): %s", r->text_da, r->source, detail);
    if (r)
        return hh_fail_rule(e, code, rule, field, "%s: %s", r->text_da, detail);
    return hh_fail_rule(e, code, rule, field, "%s", detail);
}

hh_err plan_rule_fail(hh_error *e, hh_err code, const char *rule, const char *field, const char *fmt, ...)
{
    char detail[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return rule_fail(plan_rule_find(rule), e, code, rule, field, detail);
}

hh_err plan_rule_fail_in(const plan_rule *rules, size_t n, hh_error *e, hh_err code, const char *rule,
                         const char *field, const char *fmt, ...)
{
    char detail[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    const plan_rule *r = NULL;
    for (size_t i = 0; rule && i < n && !r; i++)
        if (strcmp(rules[i].code, rule) == 0)
            r = &rules[i];
    return rule_fail(r, e, code, rule, field, detail);
}

/* ---- lifecycle table (docs/PLANS.md) ---- */

#define R(x) ROLE_BIT(ROLE_##x)

const plan_transition_rule plan_transitions[] = {
    { PS_IDEA, PS_PREQUALIFICATION, R(ORGANISATION) | R(ADMIN), "Send prækvalifikationsansøgning til LBF" },
    { PS_PREQUALIFICATION, PS_DRAFTING, R(NATIONAL) | R(ADMIN), "Registrér prækvalifikation fra LBF" },
    { PS_DRAFTING, PS_MUNICIPAL_APPROVAL, R(MUNICIPALITY), "Registrér kommunalbestyrelsens godkendelse" },
    { PS_MUNICIPAL_APPROVAL, PS_GRANT_COMMITTED, R(NATIONAL) | R(ADMIN), "Registrér støttetilsagn fra LBF" },
    { PS_GRANT_COMMITTED, PS_RUNNING, R(ORGANISATION) | R(PLAN_STAFF) | R(ADMIN), "Start planen" },
    { PS_RUNNING, PS_EXTENDED, R(NATIONAL) | R(ADMIN), "Registrér forlængelse fra LBF" },
    { PS_RUNNING, PS_CLOSED, R(ORGANISATION) | R(PLAN_STAFF) | R(ADMIN), "Afslut planen" },
    { PS_EXTENDED, PS_CLOSED, R(ORGANISATION) | R(PLAN_STAFF) | R(ADMIN), "Afslut planen" },
    { PS_CLOSED, PS_ANCHORED, R(ORGANISATION) | R(PLAN_STAFF) | R(MUNICIPALITY) | R(ADMIN), "Registrér forankring" },
    { PS_IDEA, PS_CLOSED, R(ORGANISATION) | R(ADMIN), "Opgiv planen" },
    { PS_PREQUALIFICATION, PS_CLOSED, R(ORGANISATION) | R(ADMIN), "Opgiv planen" },
    { PS_DRAFTING, PS_CLOSED, R(ORGANISATION) | R(ADMIN), "Opgiv planen" },
};
const size_t plan_ntransitions = HH_ARRAY_LEN(plan_transitions);

#undef R

/* ---- dates ---- */

bool plan_date_valid(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int dd = (s[8] - '0') * 10 + (s[9] - '0');
    static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && dd >= 1 && dd <= days[m - 1] &&
           !(m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

void plan_today(char out[11])
{
    char iso[21];
    hh_utc_iso(iso);
    memcpy(out, iso, 10);
    out[10] = '\0';
}

/* Days since 1970-01-01 of a valid ISO date (civil calendar). */
static long days_from_civil(const char *s)
{
    long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    long m = (s[5] - '0') * 10 + (s[6] - '0');
    long d = (s[8] - '0') * 10 + (s[9] - '0');
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int plan_days_between(const char *a, const char *b)
{
    return (int)(days_from_civil(b) - days_from_civil(a));
}

size_t plan_utf8_len(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

/* ---- transactions and data version ---- */

hh_err plan_tx_begin(db *d, bool *own, hh_error *e)
{
    *own = !db_in_transaction(d);
    if (*own)
        return db_begin(d, e);
    return db_exec(d, "SAVEPOINT plans_write", e);
}

hh_err plan_tx_end(db *d, bool own, hh_err rc, hh_error *e)
{
    if (rc == HH_OK) {
        if (own) {
            if ((rc = db_commit(d, e)))
                db_rollback(d);
        } else {
            rc = db_exec(d, "RELEASE SAVEPOINT plans_write", e);
        }
        return rc;
    }
    if (own) {
        db_rollback(d);
    } else {
        db_exec(d, "ROLLBACK TO SAVEPOINT plans_write", NULL);
        db_exec(d, "RELEASE SAVEPOINT plans_write", NULL);
    }
    return rc;
}

hh_err plan_bump_group(db *d, const char *grp, hh_error *e)
{
    db_stmt *st = db_prepare(d, "UPDATE data_version SET version = version + 1 WHERE grp = ?");
    if (!st)
        return db_fail(d, e, "bump a data version");
    db_bind_text(st, 1, grp);
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "bump a data version") : HH_OK;
}

hh_err plan_bump(db *d, hh_error *e)
{
    return plan_bump_group(d, "plans", e);
}

hh_err plan_touch(db *d, int64_t plan_id, hh_error *e)
{
    char now[21];
    hh_utc_iso(now);
    db_stmt *st = db_prepare(d, "UPDATE plan SET updated_at = ? WHERE id = ?");
    if (!st)
        return db_fail(d, e, "update the plan");
    db_bind_text(st, 1, now);
    db_bind_int64(st, 2, plan_id);
    int r = db_step(st);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "update the plan");
    return plan_bump(d, e);
}

const char *plan_user_name(const principal *p)
{
    if (!p)
        return "";
    if (p->name && *p->name)
        return p->name;
    return p->email ? p->email : "";
}

/* ---- scopes ---- */

static bool org_scope(const char *v, int64_t *org_no)
{
    size_t n = strlen(v);
    return n >= 1 && n <= 8 && hh_is_digits(v, n) && hh_parse_int64(v, n, org_no) && *org_no > 0;
}

static bool plan_scope(const char *v, int64_t *id)
{
    return hh_parse_int64(v, strlen(v), id) && *id > 0;
}

const char *plan_scope_sql(const principal *pr, arena *a)
{
    if (!pr)
        return "1 = 1";
    buf munis, orgs, ids, depts;
    buf_init(&munis, 0);
    buf_init(&orgs, 0);
    buf_init(&ids, 0);
    buf_init(&depts, 0);
    bool all = false;
    for (size_t i = 0; i < pr->ngrants; i++) {
        const grant *g = &pr->grants[i];
        const char *v = g->scope ? g->scope : "";
        int64_t x, y;
        switch (g->role) {
        case ROLE_ADMIN:
        case ROLE_NATIONAL: all = true; break;
        case ROLE_MUNICIPALITY:
            if (geo_code_valid(v))
                buf_printf(&munis, "%s'%s'", munis.len ? "," : "", v);
            break;
        case ROLE_ORGANISATION:
            if (org_scope(v, &x))
                buf_printf(&orgs, "%s%lld", orgs.len ? "," : "", (long long)x);
            break;
        case ROLE_PLAN_STAFF:
            if (plan_scope(v, &x))
                buf_printf(&ids, "%s%lld", ids.len ? "," : "", (long long)x);
            break;
        case ROLE_CARETAKER:
            if (reg_parse_dept_key(v, &x, &y))
                buf_printf(&depts, "%s(d.org_no = %lld AND d.department_no = %lld)", depts.len ? " OR " : "",
                           (long long)x, (long long)y);
            break;
        case ROLE_VIEWER:
            if (strncmp(v, "municipality=", 13) == 0 && geo_code_valid(v + 13))
                buf_printf(&munis, "%s'%s'", munis.len ? "," : "", v + 13);
            else if (strncmp(v, "organisation=", 13) == 0 && org_scope(v + 13, &x))
                buf_printf(&orgs, "%s%lld", orgs.len ? "," : "", (long long)x);
            break;
        default: break;
        }
    }
    const char *out;
    if (all) {
        out = "1 = 1";
    } else {
        buf c;
        buf_init(&c, 0);
        if (munis.len)
            buf_printf(&c, "p.municipality_code IN (%s)", buf_cstr(&munis));
        if (orgs.len)
            buf_printf(&c,
                       "%sEXISTS (SELECT 1 FROM plan_organisation spo WHERE spo.plan_id = p.id AND spo.org_no IN (%s))",
                       c.len ? " OR " : "", buf_cstr(&orgs));
        if (ids.len)
            buf_printf(&c, "%sp.id IN (%s)", c.len ? " OR " : "", buf_cstr(&ids));
        if (depts.len)
            buf_printf(&c,
                       "%sEXISTS (SELECT 1 FROM department d WHERE (%s) AND (d.id IN (SELECT spd.department_id FROM"
                       " plan_department spd WHERE spd.plan_id = p.id) OR d.id IN (SELECT sam.department_id FROM"
                       " area_member sam JOIN plan_area spa ON spa.area_id = sam.area_id WHERE spa.plan_id = p.id"
                       " AND sam.valid_to IS NULL)))",
                       c.len ? " OR " : "", buf_cstr(&depts));
        out = c.len ? arena_printf(a, "(%s)", buf_cstr(&c)) : "1 = 0";
        buf_free(&c);
    }
    buf_free(&munis);
    buf_free(&orgs);
    buf_free(&ids);
    buf_free(&depts);
    return out;
}

static bool plan_has_org(const plan *pl, int64_t org_no)
{
    for (size_t i = 0; i < pl->norgs; i++)
        if (pl->orgs[i].id == org_no)
            return true;
    return false;
}

/* Whether grant g's scope covers the plan (roles without scope always). */
static bool grant_covers(const grant *g, const plan *pl)
{
    const char *v = g->scope ? g->scope : "";
    int64_t x;
    switch (g->role) {
    case ROLE_ADMIN:
    case ROLE_NATIONAL: return true;
    case ROLE_MUNICIPALITY: return pl->municipality_code && strcmp(v, pl->municipality_code) == 0;
    case ROLE_ORGANISATION: return org_scope(v, &x) && plan_has_org(pl, x);
    case ROLE_PLAN_STAFF: return plan_scope(v, &x) && pl->id > 0 && x == pl->id;
    default: return false;
    }
}

bool plan_may_write(const principal *p, const plan *pl)
{
    if (!p)
        return true;
    for (size_t i = 0; i < p->ngrants; i++) {
        const grant *g = &p->grants[i];
        if (g->role == ROLE_NATIONAL)
            continue; /* reads, and makes LBF's transitions */
        if ((g->role == ROLE_ADMIN || g->role == ROLE_MUNICIPALITY || g->role == ROLE_ORGANISATION ||
             g->role == ROLE_PLAN_STAFF) &&
            grant_covers(g, pl))
            return true;
    }
    return false;
}

bool plan_may_transition(const principal *p, const plan *pl, const plan_transition_rule *r)
{
    if (!p)
        return true;
    for (size_t i = 0; i < p->ngrants; i++) {
        const grant *g = &p->grants[i];
        if ((r->roles & ROLE_BIT(g->role)) && grant_covers(g, pl))
            return true;
    }
    return false;
}

size_t plan_next(const principal *p, const plan *pl, const plan_transition_rule **out)
{
    size_t n = 0;
    for (size_t i = 0; i < plan_ntransitions; i++)
        if (plan_transitions[i].from == pl->state && plan_may_transition(p, pl, &plan_transitions[i]))
            out[n++] = &plan_transitions[i];
    return n;
}

static const plan_transition_rule *transition_find(plan_state from, plan_state to)
{
    for (size_t i = 0; i < plan_ntransitions; i++)
        if (plan_transitions[i].from == from && plan_transitions[i].to == to)
            return &plan_transitions[i];
    return NULL;
}

/* ---- reading ---- */

#define PLAN_SELECT                                                                                                \
    "SELECT p.id, p.name, p.type, p.municipality_code, m.name, COALESCE(p.funding_round, ''), p.state,"            \
    " COALESCE(p.start_date, ''), COALESCE(p.end_date, ''), COALESCE(p.predecessor_id, 0), COALESCE(pp.name, '')," \
    " p.vision, p.strengths, p.weaknesses, p.opportunities, p.threats, p.challenge_building, p.challenge_urban,"   \
    " p.challenge_social, p.created_at, p.updated_at,"                                                             \
    " (SELECT COALESCE(MAX(v.version), 0) FROM plan_version v WHERE v.plan_id = p.id),"                            \
    " (SELECT COUNT(*) FROM plan_transition t WHERE t.plan_id = p.id AND t.to_state = 'municipal_approval')"       \
    " FROM plan p JOIN municipality m ON m.code = p.municipality_code LEFT JOIN plan pp ON pp.id = p.predecessor_id"

static char *col_dup(db_stmt *st, arena *a, int col)
{
    return arena_strdup(a, db_col_text(st, col));
}

static bool read_plan(db_stmt *st, arena *a, void *elem)
{
    plan *p = elem;
    memset(p, 0, sizeof *p);
    p->id = db_col_int64(st, 0);
    p->name = col_dup(st, a, 1);
    int t = plan_enum_find(plan_type_code, PLAN_TYPE_COUNT, db_col_text(st, 2));
    p->type = t < 0 ? PLAN_SOCIAL : (plan_type)t;
    p->municipality_code = col_dup(st, a, 3);
    p->municipality_name = col_dup(st, a, 4);
    p->round = col_dup(st, a, 5);
    int s = plan_enum_find(plan_state_code, PS_COUNT, db_col_text(st, 6));
    p->state = s < 0 ? PS_IDEA : (plan_state)s;
    p->start_date = col_dup(st, a, 7);
    p->end_date = col_dup(st, a, 8);
    p->predecessor_id = db_col_int64(st, 9);
    p->predecessor_name = col_dup(st, a, 10);
    p->vision = col_dup(st, a, 11);
    p->strengths = col_dup(st, a, 12);
    p->weaknesses = col_dup(st, a, 13);
    p->opportunities = col_dup(st, a, 14);
    p->threats = col_dup(st, a, 15);
    for (int i = 0; i < CH_COUNT; i++)
        p->challenge[i] = db_col_int64(st, 16 + i) != 0;
    p->created_at = col_dup(st, a, 19);
    p->updated_at = col_dup(st, a, 20);
    p->version = (int)db_col_int64(st, 21);
    p->approved = db_col_int64(st, 22) > 0;
    return true;
}

static bool read_ref(db_stmt *st, arena *a, void *elem)
{
    plan_ref *r = elem;
    r->id = db_col_int64(st, 0);
    r->key = col_dup(st, a, 1);
    r->name = col_dup(st, a, 2);
    return true;
}

static bool read_dept_ref(db_stmt *st, arena *a, void *elem)
{
    plan_ref *r = elem;
    r->id = db_col_int64(st, 0);
    r->key = arena_printf(a, "%lld-%lld", (long long)db_col_int64(st, 1), (long long)db_col_int64(st, 2));
    r->name = col_dup(st, a, 3);
    return true;
}

static bool read_text(db_stmt *st, arena *a, void *elem)
{
    *(const char **)elem = col_dup(st, a, 0);
    return true;
}

hh_err plan_collect(db *d, arena *a, const char *sql, int64_t id, size_t size, db_row_fn fn, void **out, size_t *n,
                    const char *what, hh_error *e)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, what);
    db_bind_int64(st, 1, id);
    if (db_collect(st, a, size, fn, out, n) == DB_ERROR)
        return db_fail(d, e, what);
    return HH_OK;
}

/* The lists of a plan read from the database. */
static hh_err read_lists(db *d, arena *a, plan *p, hh_error *e)
{
    hh_err rc;
    if ((rc = plan_collect(d, a,
                           "SELECT o.org_no, CAST(o.org_no AS TEXT), o.name FROM plan_organisation po JOIN"
                           " organisation o ON o.org_no = po.org_no WHERE po.plan_id = ? ORDER BY o.org_no",
                           p->id, sizeof(plan_ref), read_ref, (void **)&p->orgs, &p->norgs, "read the plan", e)))
        return rc;
    if ((rc = plan_collect(d, a,
                           "SELECT d.id, d.org_no, d.department_no, d.name FROM plan_department pd JOIN department d"
                           " ON d.id = pd.department_id WHERE pd.plan_id = ? ORDER BY d.org_no, d.department_no",
                           p->id, sizeof(plan_ref), read_dept_ref, (void **)&p->departments, &p->ndepartments,
                           "read the plan", e)))
        return rc;
    if ((rc = plan_collect(d, a,
                           "SELECT a.id, a.code, a.name FROM plan_area pa JOIN housing_area a ON a.id = pa.area_id"
                           " WHERE pa.plan_id = ? ORDER BY a.code",
                           p->id, sizeof(plan_ref), read_ref, (void **)&p->areas, &p->nareas, "read the plan", e)))
        return rc;
    return plan_collect(d, a, "SELECT focus FROM plan_focus WHERE plan_id = ? ORDER BY position", p->id,
                        sizeof(const char *), read_text, (void **)&p->focus, &p->nfocus, "read the plan", e);
}

/* A plan as stored, seen through the principal's scope. */
static hh_err plan_read(db *d, const principal *p, arena *a, int64_t id, plan *out, hh_error *e)
{
    const char *sql = arena_printf(a, PLAN_SELECT " WHERE p.id = ? AND %s", plan_scope_sql(p, a));
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read the plan");
    db_bind_int64(st, 1, id);
    int r = db_step(st);
    if (r == DB_ROW)
        read_plan(st, a, out);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the plan");
    if (r != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, NULL, "Planen %lld findes ikke", (long long)id);
    return read_lists(d, a, out, e);
}

/* The predecessor is shown only to a reader who may see that plan too:
 * otherwise its id is 0 and its name "". */
hh_err plan_get(db *d, const principal *p, arena *a, int64_t id, plan *out, hh_error *e)
{
    hh_err rc = plan_read(d, p, a, id, out, e);
    if (rc || !p || out->predecessor_id <= 0)
        return rc;
    const char *sql = arena_printf(a, "SELECT COUNT(*) FROM plan p WHERE p.id = ? AND %s", plan_scope_sql(p, a));
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read the predecessor");
    db_bind_int64(st, 1, out->predecessor_id);
    int r = db_step(st);
    bool visible = r == DB_ROW && db_col_int64(st, 0) > 0;
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the predecessor");
    if (!visible) {
        out->predecessor_id = 0;
        out->predecessor_name = "";
    }
    return HH_OK;
}

/* Unmasked: what a change starts from must keep a predecessor the writer
 * cannot see. */
hh_err plan_load_writable(db *d, const principal *p, arena *a, int64_t id, plan *out, hh_error *e)
{
    hh_err rc = plan_read(d, p, a, id, out, e);
    if (rc)
        return rc;
    if (!plan_may_write(p, out))
        return hh_fail(e, HH_ERR_FORBIDDEN, NULL, "Du kan se planen «%s», men ikke ændre den", out->name);
    return HH_OK;
}

/* ---- lists ---- */

static bool read_summary(db_stmt *st, arena *a, void *elem)
{
    plan_summary *s = elem;
    memset(s, 0, sizeof *s);
    s->id = db_col_int64(st, 0);
    s->name = col_dup(st, a, 1);
    int t = plan_enum_find(plan_type_code, PLAN_TYPE_COUNT, db_col_text(st, 2));
    s->type = t < 0 ? PLAN_SOCIAL : (plan_type)t;
    int x = plan_enum_find(plan_state_code, PS_COUNT, db_col_text(st, 3));
    s->state = x < 0 ? PS_IDEA : (plan_state)x;
    s->round = col_dup(st, a, 4);
    s->municipality_code = col_dup(st, a, 5);
    s->municipality_name = col_dup(st, a, 6);
    s->region_code = col_dup(st, a, 7);
    s->start_date = col_dup(st, a, 8);
    s->end_date = col_dup(st, a, 9);
    s->budget_ore = db_col_int64(st, 10);
    s->lbf_ore = db_col_int64(st, 11);
    s->spent_ore = db_col_int64(st, 12);
    s->focus = "";
    s->orgs = "";
    return true;
}

typedef struct plan_text {
    int64_t plan_id;
    const char *text;
} plan_text;

static bool read_plan_text(db_stmt *st, arena *a, void *elem)
{
    plan_text *t = elem;
    t->plan_id = db_col_int64(st, 0);
    t->text = col_dup(st, a, 1);
    return true;
}

static int cmp_summary_id(const void *x, const void *y)
{
    const plan_summary *a = *(plan_summary *const *)x, *b = *(plan_summary *const *)y;
    return (a->id > b->id) - (a->id < b->id);
}

static int cmp_summary_name(const void *x, const void *y)
{
    const plan_summary *a = x, *b = y;
    int c = hh_collate_da(a->name, b->name);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* Joins texts (ordered by plan) onto the summaries: field at offset. */
static hh_err attach_texts(db *d, arena *a, const char *sql, const char *sep, plan_summary *rows, size_t n,
                           size_t offset, hh_error *e)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "list the plans");
    plan_text *t;
    size_t nt;
    if (db_collect(st, a, sizeof(plan_text), read_plan_text, (void **)&t, &nt) == DB_ERROR)
        return db_fail(d, e, "list the plans");
    plan_summary **by_id = xmalloc((n ? n : 1) * sizeof *by_id);
    for (size_t i = 0; i < n; i++)
        by_id[i] = &rows[i];
    qsort(by_id, n, sizeof *by_id, cmp_summary_id);
    buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < nt;) {
        size_t j = i;
        buf_reset(&b);
        for (; j < nt && t[j].plan_id == t[i].plan_id; j++) {
            if (j > i)
                buf_puts(&b, sep);
            buf_puts(&b, t[j].text);
        }
        plan_summary key = { .id = t[i].plan_id }, *kp = &key;
        plan_summary **hit = bsearch(&kp, by_id, n, sizeof *by_id, cmp_summary_id);
        if (hit)
            *(const char **)(void *)((char *)*hit + offset) = arena_strdup(a, buf_cstr(&b));
        i = j;
    }
    buf_free(&b);
    free(by_id);
    return HH_OK;
}

hh_err plan_list(db *d, const principal *p, arena *a, const plan_filter *f, plan_summary **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    const char *scope = plan_scope_sql(p, a);
    buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql,
               "SELECT p.id, p.name, p.type, p.state, COALESCE(p.funding_round, ''), p.municipality_code, m.name,"
               " COALESCE(m.region_code, ''), COALESCE(p.start_date, ''), COALESCE(p.end_date, ''),"
               " CAST((SELECT COALESCE(SUM(b.budget_ore), 0) FROM plan_budget b WHERE b.plan_id = p.id) AS BIGINT),"
               " CAST((SELECT COALESCE(SUM(b.budget_ore), 0) FROM plan_budget b WHERE b.plan_id = p.id"
               " AND b.source = 'lbf') AS BIGINT),"
               " CAST((SELECT COALESCE(SUM(b.spent_ore), 0) FROM plan_budget b WHERE b.plan_id = p.id) AS BIGINT)"
               " FROM plan p JOIN municipality m ON m.code = p.municipality_code WHERE %s",
               scope);
    /* Parameters in the order the conditions are added. */
    const char *texts[8];
    int64_t ints[8];
    char kinds[8];
    int np = 0;
    if (f && f->type >= 0 && f->type < PLAN_TYPE_COUNT) {
        buf_puts(&sql, " AND p.type = ?");
        kinds[np] = 't', texts[np++] = plan_type_code[f->type];
    }
    if (f && f->state >= 0 && f->state < PS_COUNT) {
        buf_puts(&sql, " AND p.state = ?");
        kinds[np] = 't', texts[np++] = plan_state_code[f->state];
    }
    if (f && f->round && *f->round) {
        buf_puts(&sql, " AND p.funding_round = ?");
        kinds[np] = 't', texts[np++] = f->round;
    }
    if (f && f->focus && *f->focus) {
        buf_puts(&sql, " AND EXISTS (SELECT 1 FROM plan_focus ff WHERE ff.plan_id = p.id AND ff.focus = ?)");
        kinds[np] = 't', texts[np++] = f->focus;
    }
    if (f && f->municipality_code && *f->municipality_code) {
        buf_puts(&sql, " AND p.municipality_code = ?");
        kinds[np] = 't', texts[np++] = f->municipality_code;
    }
    if (f && f->region_code && *f->region_code) {
        buf_puts(&sql, " AND m.region_code = ?");
        kinds[np] = 't', texts[np++] = f->region_code;
    }
    if (f && f->org_no > 0) {
        buf_puts(&sql, " AND EXISTS (SELECT 1 FROM plan_organisation fo WHERE fo.plan_id = p.id AND fo.org_no = ?)");
        kinds[np] = 'i', ints[np++] = f->org_no;
    }
    if (f && f->area_id > 0) {
        buf_puts(&sql, " AND EXISTS (SELECT 1 FROM plan_area fa WHERE fa.plan_id = p.id AND fa.area_id = ?)");
        kinds[np] = 'i', ints[np++] = f->area_id;
    }
    if (f && f->department_id > 0) {
        buf_puts(&sql,
                 " AND EXISTS (SELECT 1 FROM plan_department fd WHERE fd.plan_id = p.id AND fd.department_id = ?)");
        kinds[np] = 'i', ints[np++] = f->department_id;
    }
    db_stmt *st = db_prepare(d, buf_cstr(&sql));
    buf_free(&sql);
    if (!st)
        return db_fail(d, e, "list the plans");
    for (int i = 0; i < np; i++) {
        if (kinds[i] == 't')
            db_bind_text(st, i + 1, texts[i]);
        else
            db_bind_int64(st, i + 1, ints[i]);
    }
    plan_summary *rows;
    size_t nrows;
    if (db_collect(st, a, sizeof(plan_summary), read_summary, (void **)&rows, &nrows) == DB_ERROR)
        return db_fail(d, e, "list the plans");
    if (f && f->q && *f->q) {
        size_t k = 0;
        for (size_t i = 0; i < nrows; i++)
            if (hh_contains_fold(rows[i].name, f->q))
                rows[k++] = rows[i];
        nrows = k;
    }
    qsort(rows, nrows, sizeof *rows, cmp_summary_name);
    if (f && f->limit && nrows > f->limit)
        nrows = f->limit;
    if (nrows) {
        hh_err rc = attach_texts(d, a,
                                 arena_printf(a,
                                              "SELECT pf.plan_id, pf.focus FROM plan_focus pf JOIN plan p ON p.id ="
                                              " pf.plan_id WHERE %s ORDER BY pf.plan_id, pf.position",
                                              scope),
                                 " · ", rows, nrows, offsetof(plan_summary, focus), e);
        if (rc == HH_OK)
            rc = attach_texts(d, a,
                              arena_printf(a,
                                           "SELECT po.plan_id, o.name FROM plan_organisation po JOIN organisation o"
                                           " ON o.org_no = po.org_no JOIN plan p ON p.id = po.plan_id WHERE %s"
                                           " ORDER BY po.plan_id, o.name",
                                           scope),
                              ", ", rows, nrows, offsetof(plan_summary, orgs), e);
        if (rc)
            return rc;
    }
    *out = rows;
    *n = nrows;
    return HH_OK;
}

/* ---- create and update ---- */

void plan_input_init(plan_input *in)
{
    memset(in, 0, sizeof *in);
    in->type = -1;
    in->predecessor_id = -1;
    for (int i = 0; i < CH_COUNT; i++)
        in->challenge[i] = -1;
}

static hh_err text_field(const char *v, const char *field, const char *label, size_t max, hh_error *e)
{
    if (v && plan_utf8_len(v) > max)
        return hh_fail(e, HH_ERR_INPUT, field, "%s må højst være %zu tegn", label, max);
    return HH_OK;
}

static hh_err date_field(const char *v, const char *field, const char *label, hh_error *e)
{
    if (v && *v && !plan_date_valid(v))
        return hh_fail(e, HH_ERR_INPUT, field, "%s: '%s' er ikke en dato; forventede ÅÅÅÅ-MM-DD", label, v);
    return HH_OK;
}

/* Checks a list of focus areas against a round (NULL: no round, free
 * themes). */
static hh_err check_focus(const plan_round *r, const char *const *focus, size_t n, hh_error *e)
{
    for (size_t i = 0; i < n; i++) {
        char field[32];
        snprintf(field, sizeof field, "focus[%zu]", i);
        const char *f = focus[i] ? focus[i] : "";
        if (r && !r->free_themes) {
            bool ok = false;
            for (size_t k = 0; k < r->nfocus && !ok; k++)
                ok = strcmp(r->focus[k], f) == 0;
            if (!ok)
                return plan_rule_fail(e, HH_ERR_INPUT, "focus_in_round", field,
                                      "«%s» er ikke et indsatsområde i puljen %s", f, r->label);
        } else {
            if (!*f)
                return plan_rule_fail(e, HH_ERR_INPUT, "focus_free_theme", field, "indsatsområde %zu har intet navn",
                                      i + 1);
            if (plan_utf8_len(f) > 80)
                return plan_rule_fail(e, HH_ERR_INPUT, "focus_free_theme", field, "«%.80s…» er længere end 80 tegn", f);
        }
        for (size_t k = 0; k < i; k++)
            if (focus[k] && strcmp(focus[k], f) == 0)
                return plan_rule_fail(e, HH_ERR_INPUT, r && !r->free_themes ? "focus_in_round" : "focus_free_theme",
                                      field, "«%s» står på listen mere end én gang", f);
    }
    return HH_OK;
}

static bool muni_exists(db *d, const char *code, char *name, size_t size)
{
    db_stmt *st = db_prepare(d, "SELECT name FROM municipality WHERE code = ?");
    if (!st)
        return false;
    db_bind_text(st, 1, code);
    bool ok = db_step(st) == DB_ROW;
    if (ok)
        hh_strlcpy(name, db_col_text(st, 0), size);
    db_done(st);
    return ok;
}

/* The places a plan covers: departments ("101-1") and housing areas (code).
 * Both are looked up by key, listed once, and lie in the plan's municipality;
 * departments also belong to one of its organisations. */
typedef struct place_kind {
    bool department;
    const char *field;   /* "departments" */
    const char *label;   /* "Afdeling", starting a message */
    const char *lower;   /* "afdeling", within one */
    const char *quote;   /* around an unknown key */
    const char *find;    /* id, name by the key */
    const char *scope;   /* municipality_code, org_no (0: none) by id */
    const char *in_goal; /* id, key, goal title: the places the plan's goals use */
} place_kind;

static const place_kind place_departments = {
    true,
    "departments",
    "Afdeling",
    "afdeling",
    "",
    "SELECT id, name FROM department WHERE org_no = ? AND department_no = ?",
    "SELECT municipality_code, org_no FROM department WHERE id = ?",
    "SELECT d.id, CAST(d.org_no AS TEXT) || '-' || CAST(d.department_no AS TEXT), g.title FROM plan_goal g"
    " JOIN plan_goal_department gd ON gd.goal_id = g.id JOIN department d ON d.id = gd.department_id"
    " WHERE g.plan_id = ? ORDER BY g.id, d.org_no, d.department_no",
};

static const place_kind place_areas = {
    false,
    "areas",
    "Boligområdet",
    "boligområdet",
    "'",
    "SELECT id, name FROM housing_area WHERE code = ?",
    "SELECT municipality_code, 0 FROM housing_area WHERE id = ?",
    "SELECT a.id, a.code, g.title FROM plan_goal g JOIN housing_area a ON a.id = g.area_id WHERE g.plan_id = ?"
    " ORDER BY g.id",
};

/* One key to its place; field names the key in the input. */
static hh_err find_place(db *d, arena *a, const place_kind *k, const char *key, const char *field, plan_ref *ref,
                         hh_error *e)
{
    int64_t o = 0, dn = 0;
    if (k->department && !reg_parse_dept_key(key, &o, &dn))
        return hh_fail(e, HH_ERR_INPUT, field, "Afdeling: '%s' er ikke et afdelingsnummer; forventede fx 101-1", key);
    db_stmt *st = db_prepare(d, k->find);
    if (!st)
        return db_fail(d, e, k->department ? "check the department" : "check the area");
    if (k->department) {
        db_bind_int64(st, 1, o);
        db_bind_int64(st, 2, dn);
    } else {
        db_bind_text(st, 1, key);
    }
    int r = db_step(st);
    if (r == DB_ROW) {
        ref->id = db_col_int64(st, 0);
        ref->name = col_dup(st, a, 1);
    }
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, k->department ? "check the department" : "check the area");
    if (r != DB_ROW)
        return hh_fail(e, HH_ERR_INPUT, field, "%s %s%s%s findes ikke", k->label, k->quote, key, k->quote);
    ref->key = k->department ? arena_printf(a, "%lld-%lld", (long long)o, (long long)dn) : arena_strdup(a, key);
    return HH_OK;
}

/* A stored plan's goals measure on its places: a new list must keep them. */
static hh_err check_goal_places(db *d, arena *a, const place_kind *k, const plan *pl, const plan_ref *refs, size_t n,
                                hh_error *e)
{
    db_stmt *st = db_prepare(d, k->in_goal);
    if (!st)
        return db_fail(d, e, "read the goals");
    db_bind_int64(st, 1, pl->id);
    int r;
    while ((r = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 0);
        bool kept = false;
        for (size_t i = 0; i < n && !kept; i++)
            kept = refs[i].id == id;
        if (!kept) {
            const char *key = col_dup(st, a, 1), *title = col_dup(st, a, 2);
            db_done(st);
            return plan_rule_fail(e, HH_ERR_INPUT, "goal_measure", k->field,
                                  "%s %s bruges af målet '%s'; ret målet først", k->label, key, title);
        }
    }
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the goals");
    /* A goal with neither area nor listed departments measures on all the
     * plan's departments: the plan must keep at least one. */
    if (k->department && n == 0) {
        st = db_prepare(d, "SELECT g.title FROM plan_goal g WHERE g.plan_id = ? AND g.area_id IS NULL AND NOT EXISTS"
                           " (SELECT 1 FROM plan_goal_department gd WHERE gd.goal_id = g.id) ORDER BY g.id");
        if (!st)
            return db_fail(d, e, "read the goals");
        db_bind_int64(st, 1, pl->id);
        r = db_step(st);
        const char *title = r == DB_ROW ? col_dup(st, a, 0) : NULL;
        db_done(st);
        if (r == DB_ERROR)
            return db_fail(d, e, "read the goals");
        if (title)
            return plan_rule_fail(e, HH_ERR_INPUT, "goal_measure", k->field,
                                  "målet '%s' måles på planens afdelinger, så planen skal have mindst én afdeling;"
                                  " ret målet først",
                                  title);
    }
    return HH_OK;
}

/* The input's list (if given) replaces the plan's; then every place is
 * checked against the plan's municipality (and organisations). */
static hh_err merge_places(db *d, arena *a, const place_kind *k, bool given, const char *const *keys, size_t nkeys,
                           plan *pl, plan_ref **list, size_t *n, hh_error *e)
{
    hh_err rc;
    if (given) {
        plan_ref *refs = arena_zalloc(a, (nkeys ? nkeys : 1) * sizeof *refs);
        for (size_t i = 0; i < nkeys; i++) {
            const char *field = arena_printf(a, "%s[%zu]", k->field, i);
            const char *key = keys[i] ? keys[i] : "";
            if ((rc = find_place(d, a, k, key, field, &refs[i], e)))
                return rc;
            for (size_t j = 0; j < i; j++)
                if (refs[j].id == refs[i].id)
                    return hh_fail(e, HH_ERR_INPUT, field, "%s %s står der to gange", k->label, key);
        }
        if (pl->id && (rc = check_goal_places(d, a, k, pl, refs, nkeys, e)))
            return rc;
        *list = refs;
        *n = nkeys;
    }
    for (size_t i = 0; i < *n; i++) {
        const char *field = arena_printf(a, "%s[%zu]", k->field, i);
        db_stmt *st = db_prepare(d, k->scope);
        if (!st)
            return db_fail(d, e, k->department ? "check the department" : "check the area");
        db_bind_int64(st, 1, (*list)[i].id);
        char muni[8] = "";
        int64_t org = 0;
        int r = db_step(st);
        if (r == DB_ROW) {
            hh_strlcpy(muni, db_col_text(st, 0), sizeof muni);
            org = db_col_int64(st, 1);
        }
        db_done(st);
        if (r == DB_ERROR)
            return db_fail(d, e, k->department ? "check the department" : "check the area");
        if (strcmp(muni, pl->municipality_code) != 0)
            return plan_rule_fail(e, HH_ERR_INPUT, "plan_scope", field, "%s %s ligger ikke i %s Kommune", k->lower,
                                  (*list)[i].key, pl->municipality_name);
        if (k->department && !plan_has_org(pl, org))
            return plan_rule_fail(e, HH_ERR_INPUT, "plan_scope", field,
                                  "afdeling %s hører ikke til en af planens boligorganisationer", (*list)[i].key);
    }
    return HH_OK;
}

/* Resolves the input's lists into the plan (refs with ids) and checks every
 * field; `pl` holds the stored values (or zeroes on create). */
static hh_err merge_input(db *d, arena *a, const plan_input *in, plan *pl, bool creating, hh_error *e)
{
    hh_err rc;
    if (in->name) {
        if (!*in->name)
            return hh_fail(e, HH_ERR_INPUT, "name", "Navn skal udfyldes");
        if ((rc = text_field(in->name, "name", "Navn", 200, e)))
            return rc;
        pl->name = in->name;
    } else if (creating) {
        return hh_fail(e, HH_ERR_INPUT, "name", "Navn skal udfyldes");
    }
    if (in->type >= 0) {
        if (in->type >= PLAN_TYPE_COUNT)
            return hh_fail(e, HH_ERR_INPUT, "type", "Ukendt plantype");
        pl->type = (plan_type)in->type;
    } else if (creating) {
        return hh_fail(e, HH_ERR_INPUT, "type", "Plantype skal vælges (social, physical eller health)");
    }
    if (in->municipality_code) {
        char name[128];
        if (!geo_code_valid(in->municipality_code) || !muni_exists(d, in->municipality_code, name, sizeof name))
            return hh_fail(e, HH_ERR_INPUT, "municipality_code",
                           "Kommune: '%s' er ikke en kommunekode; forventede fire cifre, fx 0101",
                           in->municipality_code);
        pl->municipality_code = in->municipality_code;
        pl->municipality_name = arena_strdup(a, name);
    } else if (creating) {
        return hh_fail(e, HH_ERR_INPUT, "municipality_code", "Kommune skal udfyldes");
    }
    if (in->round) {
        if (*in->round && !plan_round_find(in->round))
            return hh_fail(
                e, HH_ERR_INPUT, "round",
                "Pulje: '%s' er ikke en LBF-pulje; forventede 2006-2010, 2011-2014, 2015-2018 eller 2019-2026",
                in->round);
        pl->round = in->round;
    }
    if ((rc = date_field(in->start_date, "start_date", "Startdato", e)) ||
        (rc = date_field(in->end_date, "end_date", "Slutdato", e)))
        return rc;
    if (in->start_date)
        pl->start_date = in->start_date;
    if (in->end_date)
        pl->end_date = in->end_date;
    if (pl->start_date && *pl->start_date && pl->end_date && *pl->end_date && strcmp(pl->end_date, pl->start_date) < 0)
        return hh_fail(e, HH_ERR_INPUT, "end_date", "Slutdatoen (%s) ligger før startdatoen (%s)", pl->end_date,
                       pl->start_date);
    struct {
        const char *v, *field, *label;
        const char **dst;
    } texts[] = {
        { in->vision, "vision", "Vision", &pl->vision },
        { in->strengths, "strengths", "Styrker", &pl->strengths },
        { in->weaknesses, "weaknesses", "Svagheder", &pl->weaknesses },
        { in->opportunities, "opportunities", "Muligheder", &pl->opportunities },
        { in->threats, "threats", "Trusler", &pl->threats },
    };
    for (size_t i = 0; i < HH_ARRAY_LEN(texts); i++) {
        if ((rc = text_field(texts[i].v, texts[i].field, texts[i].label, 20000, e)))
            return rc;
        if (texts[i].v)
            *texts[i].dst = texts[i].v;
    }
    for (int i = 0; i < CH_COUNT; i++)
        if (in->challenge[i] >= 0)
            pl->challenge[i] = in->challenge[i] != 0;

    /* Organisations. */
    if (in->has_orgs) {
        plan_ref *refs = arena_zalloc(a, (in->norgs ? in->norgs : 1) * sizeof *refs);
        for (size_t i = 0; i < in->norgs; i++) {
            char field[40];
            snprintf(field, sizeof field, "organisations[%zu]", i);
            db_stmt *st = db_prepare(d, "SELECT name FROM organisation WHERE org_no = ?");
            if (!st)
                return db_fail(d, e, "check the organisation");
            db_bind_int64(st, 1, in->org_nos[i]);
            int r = db_step(st);
            if (r == DB_ROW)
                refs[i].name = col_dup(st, a, 0);
            db_done(st);
            if (r == DB_ERROR)
                return db_fail(d, e, "check the organisation");
            if (r != DB_ROW)
                return hh_fail(e, HH_ERR_INPUT, field, "Boligorganisation %lld findes ikke", (long long)in->org_nos[i]);
            for (size_t k = 0; k < i; k++)
                if (refs[k].id == in->org_nos[i])
                    return hh_fail(e, HH_ERR_INPUT, field, "Boligorganisation %lld står der to gange",
                                   (long long)in->org_nos[i]);
            refs[i].id = in->org_nos[i];
            refs[i].key = arena_printf(a, "%lld", (long long)in->org_nos[i]);
        }
        pl->orgs = refs;
        pl->norgs = in->norgs;
    }
    if (pl->norgs == 0)
        return hh_fail(e, HH_ERR_INPUT, "organisations", "Planen skal have mindst én boligorganisation");

    /* Departments and areas: keys to ids, then every one checked. */
    if ((rc = merge_places(d, a, &place_departments, in->has_departments, in->department_keys, in->ndepartments, pl,
                           &pl->departments, &pl->ndepartments, e)) ||
        (rc = merge_places(d, a, &place_areas, in->has_areas, in->area_codes, in->nareas, pl, &pl->areas, &pl->nareas,
                           e)))
        return rc;

    /* Focus areas: the new list, or the stored one against a new round. */
    if (in->has_focus) {
        pl->focus = arena_zalloc(a, (in->nfocus ? in->nfocus : 1) * sizeof *pl->focus);
        for (size_t i = 0; i < in->nfocus; i++)
            pl->focus[i] = in->focus[i] ? in->focus[i] : "";
        pl->nfocus = in->nfocus;
    }
    if ((rc = check_focus(plan_round_find(pl->round), pl->focus, pl->nfocus, e)))
        return rc;

    /* Predecessor: another plan sharing an area or a department. */
    if (in->predecessor_id >= 0)
        pl->predecessor_id = in->predecessor_id;
    if (pl->predecessor_id > 0) {
        if (pl->predecessor_id == pl->id)
            return hh_fail(e, HH_ERR_INPUT, "predecessor_id", "En plan kan ikke være sin egen forgænger");
        plan prev;
        hh_error pe;
        if (plan_get(d, NULL, a, pl->predecessor_id, &prev, &pe))
            return hh_fail(e, pe.code == HH_ERR_NOTFOUND ? HH_ERR_INPUT : pe.code, "predecessor_id",
                           "Forgængeren (plan %lld) findes ikke", (long long)pl->predecessor_id);
        bool shared = false;
        for (size_t i = 0; i < prev.nareas && !shared; i++)
            for (size_t k = 0; k < pl->nareas && !shared; k++)
                shared = prev.areas[i].id == pl->areas[k].id;
        for (size_t i = 0; i < prev.ndepartments && !shared; i++)
            for (size_t k = 0; k < pl->ndepartments && !shared; k++)
                shared = prev.departments[i].id == pl->departments[k].id;
        if (!shared)
            return plan_rule_fail(e, HH_ERR_INPUT, "predecessor_same_area", "predecessor_id",
                                  "«%s» dækker hverken et af planens områder eller en af dens afdelinger", prev.name);
        pl->predecessor_name = prev.name;
    }
    return HH_OK;
}

static hh_err exec_id(db *d, const char *sql, int64_t id, hh_error *e)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "save the plan");
    db_bind_int64(st, 1, id);
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "save the plan") : HH_OK;
}

static hh_err exec_id2(db *d, const char *sql, int64_t id, int64_t x, hh_error *e)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "save the plan");
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, x);
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "save the plan") : HH_OK;
}

static void bind_opt_text(db_stmt *st, int idx, const char *s)
{
    if (s && *s)
        db_bind_text(st, idx, s);
    else
        db_bind_null(st, idx);
}

/* Writes the plan's fields (UPDATE when pl->id is set, INSERT otherwise)
 * and its lists. */
static hh_err write_plan(db *d, plan *pl, hh_error *e)
{
    char now[21];
    hh_utc_iso(now);
    db_stmt *st;
    if (pl->id) {
        st = db_prepare(d, "UPDATE plan SET name = ?, type = ?, municipality_code = ?, funding_round = ?,"
                           " start_date = ?, end_date = ?, predecessor_id = ?, vision = ?, strengths = ?,"
                           " weaknesses = ?, opportunities = ?, threats = ?, challenge_building = ?,"
                           " challenge_urban = ?, challenge_social = ?, updated_at = ? WHERE id = ?");
    } else {
        st = db_prepare(d, "INSERT INTO plan (name, type, municipality_code, funding_round, start_date, end_date,"
                           " predecessor_id, vision, strengths, weaknesses, opportunities, threats,"
                           " challenge_building, challenge_urban, challenge_social, updated_at, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    }
    if (!st)
        return db_fail(d, e, "save the plan");
    db_bind_text(st, 1, pl->name);
    db_bind_text(st, 2, plan_type_code[pl->type]);
    db_bind_text(st, 3, pl->municipality_code);
    bind_opt_text(st, 4, pl->round);
    bind_opt_text(st, 5, pl->start_date);
    bind_opt_text(st, 6, pl->end_date);
    if (pl->predecessor_id > 0)
        db_bind_int64(st, 7, pl->predecessor_id);
    else
        db_bind_null(st, 7);
    db_bind_text(st, 8, pl->vision ? pl->vision : "");
    db_bind_text(st, 9, pl->strengths ? pl->strengths : "");
    db_bind_text(st, 10, pl->weaknesses ? pl->weaknesses : "");
    db_bind_text(st, 11, pl->opportunities ? pl->opportunities : "");
    db_bind_text(st, 12, pl->threats ? pl->threats : "");
    for (int i = 0; i < CH_COUNT; i++)
        db_bind_int64(st, 13 + i, pl->challenge[i] ? 1 : 0);
    db_bind_text(st, 16, now);
    if (pl->id)
        db_bind_int64(st, 17, pl->id);
    else
        db_bind_text(st, 17, now);
    int r = db_step(st);
    if (r == DB_ROW && !pl->id)
        pl->id = db_col_int64(st, 0);
    if (r == DB_ROW)
        r = db_step(st);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "save the plan");

    hh_err rc;
    if ((rc = exec_id(d, "DELETE FROM plan_organisation WHERE plan_id = ?", pl->id, e)) ||
        (rc = exec_id(d, "DELETE FROM plan_department WHERE plan_id = ?", pl->id, e)) ||
        (rc = exec_id(d, "DELETE FROM plan_area WHERE plan_id = ?", pl->id, e)) ||
        (rc = exec_id(d, "DELETE FROM plan_focus WHERE plan_id = ?", pl->id, e)))
        return rc;
    for (size_t i = 0; i < pl->norgs; i++)
        if ((rc = exec_id2(d, "INSERT INTO plan_organisation (plan_id, org_no) VALUES (?, ?)", pl->id, pl->orgs[i].id,
                           e)))
            return rc;
    for (size_t i = 0; i < pl->ndepartments; i++)
        if ((rc = exec_id2(d, "INSERT INTO plan_department (plan_id, department_id) VALUES (?, ?)", pl->id,
                           pl->departments[i].id, e)))
            return rc;
    for (size_t i = 0; i < pl->nareas; i++)
        if ((rc = exec_id2(d, "INSERT INTO plan_area (plan_id, area_id) VALUES (?, ?)", pl->id, pl->areas[i].id, e)))
            return rc;
    for (size_t i = 0; i < pl->nfocus; i++) {
        st = db_prepare(d, "INSERT INTO plan_focus (plan_id, position, focus) VALUES (?, ?, ?)");
        if (!st)
            return db_fail(d, e, "save the focus areas");
        db_bind_int64(st, 1, pl->id);
        db_bind_int64(st, 2, (int64_t)i + 1);
        db_bind_text(st, 3, pl->focus[i]);
        r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            return db_fail(d, e, "save the focus areas");
    }
    return plan_bump(d, e);
}

static hh_err insert_transition(db *d, const principal *p, int64_t plan_id, const char *from, plan_state to,
                                const char *effective, const char *note, hh_error *e)
{
    char now[21];
    hh_utc_iso(now);
    db_stmt *st = db_prepare(d, "INSERT INTO plan_transition (plan_id, from_state, to_state, effective, user_id,"
                                " user_name, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return db_fail(d, e, "record the transition");
    db_bind_int64(st, 1, plan_id);
    bind_opt_text(st, 2, from);
    db_bind_text(st, 3, plan_state_code[to]);
    db_bind_text(st, 4, effective);
    if (p && p->user_id > 0)
        db_bind_int64(st, 5, p->user_id);
    else
        db_bind_null(st, 5);
    db_bind_text(st, 6, plan_user_name(p));
    db_bind_text(st, 7, note ? note : "");
    db_bind_text(st, 8, now);
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "record the transition") : HH_OK;
}

static hh_err audit(db *d, const principal *p, const char *action, int64_t id, const char *outcome, hh_error *e)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%lld", (long long)id);
    audit_event ev = {
        .who = p,
        .email = "",
        .action = action,
        .object_type = "plan",
        .object_id = oid,
        .outcome = outcome,
    };
    return audit_append(d, &ev, e);
}

hh_err plan_create(db *d, const principal *p, arena *a, const plan_input *in, int64_t *id, hh_error *e)
{
    plan pl;
    memset(&pl, 0, sizeof pl);
    pl.round = "";
    pl.start_date = pl.end_date = "";
    pl.vision = pl.strengths = pl.weaknesses = pl.opportunities = pl.threats = "";
    pl.predecessor_name = "";
    hh_err rc = merge_input(d, a, in, &pl, true, e);
    if (rc)
        return rc;
    char today[11];
    plan_today(today);
    const char *idea = in->idea_date && *in->idea_date ? in->idea_date : today;
    if ((rc = date_field(idea, "idea_date", "Dato for idéen", e)))
        return rc;
    if (strcmp(idea, today) > 0)
        return plan_rule_fail(e, HH_ERR_INPUT, "transition_date", "idea_date", "%s ligger i fremtiden", idea);
    if (!plan_may_write(p, &pl))
        return hh_fail(e, HH_ERR_FORBIDDEN, "organisations",
                       "Du kan kun oprette planer for din egen boligorganisation eller kommune");
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    if ((rc = write_plan(d, &pl, e)) == HH_OK &&
        (rc = insert_transition(d, p, pl.id, NULL, PS_IDEA, idea, "Planen oprettet", e)) == HH_OK)
        rc = audit(d, p, "plan_create", pl.id, "success", e);
    rc = plan_tx_end(d, own, rc, e);
    if (rc == HH_OK && id)
        *id = pl.id;
    return rc;
}

hh_err plan_update(db *d, const principal *p, arena *a, int64_t id, const plan_input *in, hh_error *e)
{
    plan pl;
    hh_err rc = plan_load_writable(d, p, a, id, &pl, e);
    if (rc)
        return rc;
    plan_type old_type = pl.type;
    const char *old_round = pl.round;
    if ((rc = merge_input(d, a, in, &pl, false, e)))
        return rc;
    if (pl.type != old_type || strcmp(pl.round, old_round) != 0) {
        /* The funding rules depend on type and round: the stored budget
         * must still keep them. */
        plan_budget_line *lines;
        size_t n;
        if ((rc = plan_budget_get(d, a, id, &lines, &n, e)) || (rc = plan_budget_check(&pl, lines, n, e)))
            return rc;
    }
    if (!plan_may_write(p, &pl))
        return hh_fail(e, HH_ERR_FORBIDDEN, "organisations", "Ændringen ville flytte planen uden for det, du må ændre");
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    rc = write_plan(d, &pl, e);
    return plan_tx_end(d, own, rc, e);
}

/* ---- lifecycle ---- */

static bool read_transition(db_stmt *st, arena *a, void *elem)
{
    plan_transition *t = elem;
    t->id = db_col_int64(st, 0);
    int f = db_col_null(st, 1) ? -1 : plan_enum_find(plan_state_code, PS_COUNT, db_col_text(st, 1));
    t->from = f < 0 ? PS_COUNT : (plan_state)f;
    int to = plan_enum_find(plan_state_code, PS_COUNT, db_col_text(st, 2));
    t->to = to < 0 ? PS_IDEA : (plan_state)to;
    t->effective = col_dup(st, a, 3);
    t->user_id = db_col_int64(st, 4);
    t->user_name = col_dup(st, a, 5);
    t->note = col_dup(st, a, 6);
    t->recorded_at = col_dup(st, a, 7);
    return true;
}

hh_err plan_history(db *d, arena *a, int64_t plan_id, plan_transition **out, size_t *n, hh_error *e)
{
    return plan_collect(d, a,
                        "SELECT id, from_state, to_state, effective, COALESCE(user_id, 0), user_name, note,"
                        " recorded_at FROM plan_transition WHERE plan_id = ? ORDER BY id",
                        plan_id, sizeof(plan_transition), read_transition, (void **)out, n, "read the plan", e);
}

hh_err plan_transition_apply(db *d, const principal *p, arena *a, int64_t plan_id, plan_state to, const char *date,
                             const char *note, hh_error *e)
{
    plan pl;
    hh_err rc = plan_get(d, p, a, plan_id, &pl, e);
    if (rc)
        return rc;
    if ((int)to < 0 || to >= PS_COUNT)
        return plan_rule_fail(e, HH_ERR_INPUT, "transition_not_allowed", "to", "ukendt tilstand");
    const plan_transition_rule *r = transition_find(pl.state, to);
    if (!r)
        return plan_rule_fail(e, HH_ERR_INPUT, "transition_not_allowed", "to", "planen kan ikke gå fra «%s» til «%s»",
                              plan_state_label[pl.state], plan_state_label[to]);
    if (!plan_may_transition(p, &pl, r)) {
        if (p)
            audit(d, p, "plan_transition", plan_id, "denied", NULL);
        if (to == PS_MUNICIPAL_APPROVAL)
            return plan_rule_fail(e, HH_ERR_FORBIDDEN, "transition_role", "to",
                                  "kun %s Kommune kan registrere kommunalbestyrelsens godkendelse",
                                  pl.municipality_name);
        return plan_rule_fail(e, HH_ERR_FORBIDDEN, "transition_role", "to",
                              "du kan ikke registrere «%s» for denne plan", r->action_da);
    }
    char today[11];
    plan_today(today);
    const char *eff = date && *date ? date : today;
    if ((rc = date_field(eff, "date", "Dato", e)))
        return rc;
    if (strcmp(eff, today) > 0)
        return plan_rule_fail(e, HH_ERR_INPUT, "transition_date", "date", "%s ligger i fremtiden", eff);
    plan_transition *hist;
    size_t nh;
    if ((rc = plan_history(d, a, plan_id, &hist, &nh, e)))
        return rc;
    if (nh && strcmp(eff, hist[nh - 1].effective) < 0)
        return plan_rule_fail(e, HH_ERR_INPUT, "transition_date", "date", "%s ligger før den forrige overgang (%s)",
                              eff, hist[nh - 1].effective);
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    rc = insert_transition(d, p, plan_id, plan_state_code[pl.state], to, eff, note, e);
    if (rc == HH_OK) {
        char now[21];
        hh_utc_iso(now);
        db_stmt *st = db_prepare(d, "UPDATE plan SET state = ?, updated_at = ? WHERE id = ?");
        if (!st) {
            rc = db_fail(d, e, "change the state");
        } else {
            db_bind_text(st, 1, plan_state_code[to]);
            db_bind_text(st, 2, now);
            db_bind_int64(st, 3, plan_id);
            int s = db_step(st);
            db_done(st);
            if (s == DB_ERROR)
                rc = db_fail(d, e, "change the state");
        }
    }
    if (rc == HH_OK && to == PS_MUNICIPAL_APPROVAL && pl.version == 0) {
        int v;
        rc = plan_version_save_tx(d, p, a, plan_id, "Ansøgning (version 1)", &v, e);
    }
    if (rc == HH_OK)
        rc = plan_bump(d, e);
    if (rc == HH_OK)
        rc = audit(d, p, "plan_transition", plan_id, "success", e);
    return plan_tx_end(d, own, rc, e);
}

/* ---- money ---- */

const char *plan_format_dkk(arena *a, int64_t ore)
{
    uint64_t u = ore < 0 ? (uint64_t)0 - (uint64_t)ore : (uint64_t)ore;
    uint64_t kr = u / 100, rest = u % 100;
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)kr);
    size_t nd = strlen(digits);
    char grouped[48];
    size_t k = 0;
    for (size_t i = 0; i < nd; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            grouped[k++] = '.';
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    return arena_printf(a, "%s%s,%02llu kr.", ore < 0 ? "-" : "", grouped, (unsigned long long)rest);
}

/* Digits, with Danish thousands dots ("1.234.567") when allow_groups,
 * into *out. */
static bool parse_kroner(const char *s, size_t n, bool allow_groups, uint64_t *out)
{
    if (n == 0)
        return false;
    uint64_t v = 0;
    const char *dot = memchr(s, '.', n);
    if (dot && !allow_groups)
        return false;
    if (dot) {
        /* First group 1-3 digits, then groups of exactly 3. */
        size_t first = (size_t)(dot - s);
        if (first < 1 || first > 3)
            return false;
        size_t i = first;
        while (i < n) {
            if (s[i] != '.' || n - i < 4)
                return false;
            for (size_t j = 1; j <= 3; j++)
                if (s[i + j] < '0' || s[i + j] > '9')
                    return false;
            i += 4;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.')
            continue;
        if (s[i] < '0' || s[i] > '9')
            return false;
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

bool plan_parse_dkk(const char *s, int64_t *ore)
{
    if (!s)
        return false;
    size_t n = strlen(s);
    while (n && s[0] == ' ')
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    /* As plan_format_dkk writes it: a trailing "kr." or "kr". */
    if (n >= 3 && memcmp(s + n - 3, "kr.", 3) == 0)
        n -= 3;
    else if (n >= 2 && memcmp(s + n - 2, "kr", 2) == 0)
        n -= 2;
    while (n && s[n - 1] == ' ')
        n--;
    if (n == 0)
        return false;
    const char *comma = memchr(s, ',', n);
    size_t int_len = n, dec_len = 0;
    const char *dec = NULL;
    bool groups = true;
    if (comma) {
        int_len = (size_t)(comma - s);
        dec = comma + 1;
        dec_len = n - int_len - 1;
        if (memchr(dec, ',', dec_len) || memchr(dec, '.', dec_len))
            return false;
    } else {
        /* One dot followed by one or two digits at the end: a decimal point. */
        const char *dot = memchr(s, '.', n);
        if (dot && !memchr(dot + 1, '.', n - (size_t)(dot - s) - 1) && n - (size_t)(dot - s) - 1 <= 2) {
            int_len = (size_t)(dot - s);
            dec = dot + 1;
            dec_len = n - int_len - 1;
            groups = false;
        }
    }
    if (dec && (dec_len < 1 || dec_len > 2))
        return false;
    uint64_t kr;
    if (!parse_kroner(s, int_len, groups, &kr))
        return false;
    uint64_t frac = 0;
    for (size_t i = 0; i < dec_len; i++) {
        if (dec[i] < '0' || dec[i] > '9')
            return false;
        frac = frac * 10 + (uint64_t)(dec[i] - '0');
    }
    if (dec_len == 1)
        frac *= 10;
    if (kr > ((uint64_t)INT64_MAX - frac) / 100)
        return false;
    *ore = (int64_t)(kr * 100 + frac);
    return true;
}
