/* activities.c - the activities' code tables and rules, small-number
 * suppression, access helpers, the activity itself (list, read, save,
 * delete, status and its log) and the schedule (see activities.h). */
#include "domain/activities.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "core/buf.h"
#include "core/numfmt.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/activities_impl.h"

/* ---- enumerations ---- */

const char *const act_category_code[CAT_COUNT] = { "exercise",   "food",         "wellbeing", "training",
                                                   "individual", "health_tests", "other" };
const char *const act_category_label[CAT_COUNT] = {
    "Bevægelse og motion",
    "Kost og madlavning",
    "Trivsel og livskvalitet",
    "Oplæring og uddannelse",
    "Individuelle samtaler og forløb for særlige målgrupper",
    "Sundhedstests",
    "Diverse",
};

const char *const act_target_code[TG_COUNT] = { "men",    "women",      "children_parents", "youth",         "elderly",
                                                "lonely", "unemployed", "newcomers",        "mental_health", "mixed",
                                                "all" };
const char *const act_target_label[TG_COUNT] = {
    "Voksne mænd",
    "Kvinder (herunder tørklædebærende kvinder)",
    "Børn og forældre",
    "Unge",
    "Ældre",
    "Ensomme",
    "Ledige",
    "Nytilkomne",
    "Beboere med psykiske lidelser",
    "Blandede målgrupper",
    "Alle beboere",
};

const char *const act_kram_code[KRAM_COUNT] = { "diet", "smoking", "alcohol", "exercise" };
const char *const act_kram_label[KRAM_COUNT] = { "Kost", "Rygning", "Alkohol", "Motion" };

const char *const act_channel_code[CHN_COUNT] = { "flyer",   "stairwell",      "gathering_places", "local_paper",
                                                  "digital", "outreach_staff", "outreach_resident" };
const char *const act_channel_label[CHN_COUNT] = {
    "Husstandsomdelt folder/flyer",
    "Opslag i opgange",
    "Opslag på samlingssteder",
    "Annoncer i lokalaviser",
    "Digitale medier (Facebook, SMS, ForældreIntra)",
    "Opsøgende arbejde, medarbejder til beboer",
    "Opsøgende arbejde, beboer til beboer",
};

const char *const act_format_code[FMT_COUNT] = { "team", "one_off", "annual", "cafe", "course", "individual" };
const char *const act_format_label[FMT_COUNT] = {
    "Hold", "Enkeltstående arrangement", "Årligt arrangement", "Café/drop-in", "Kursus", "Individuel samtale"
};

const char *const act_responsible_code[RESP_COUNT] = { "staff", "resident", "partner" };
const char *const act_responsible_label[RESP_COUNT] = { "Medarbejder", "Beboer", "Samarbejdspartner" };

const char *const act_idea_source_code[IDEA_COUNT] = { "application", "open_office", "workshop",
                                                       "survey",      "informal",    "network_meeting",
                                                       "partner",     "residents",   "staff" };
const char *const act_idea_source_label[IDEA_COUNT] = {
    "I ansøgningen", "Det åbne kontor",   "Workshop", "Beboerundersøgelse", "Uformelt (\"på vandrørene\")",
    "Netværksmøde",  "Samarbejdspartner", "Beboere",  "Medarbejdere",
};

const char *const act_status_code[AS_COUNT] = {
    "idea", "planned", "running", "run_by_residents", "handed_to_partner", "wait_and_see", "content_changed", "stopped"
};
const char *const act_status_label[AS_COUNT] = {
    "Idé",
    "Planlagt",
    "I gang",
    "Drives af beboere/beboerforening",
    "Overdraget til samarbejdspartner(e)",
    "Se tiden an",
    "Indhold ændret",
    "Stoppet",
};

bool act_status_is_outcome(act_status s)
{
    return s >= AS_RUN_BY_RESIDENTS && s < AS_COUNT;
}

const char *const act_schedule_code[SCHED_COUNT] = { "one_off", "weekly", "biweekly", "monthly" };
const char *const act_schedule_label[SCHED_COUNT] = { "Én gang", "Hver uge", "Hver anden uge", "Hver måned" };

const char *const act_gender_code[GENDER_COUNT] = { "female", "male", "other" };
const char *const act_gender_label[GENDER_COUNT] = { "Kvinder", "Mænd", "Andet/ukendt" };

const char *const act_age_code[AGE_COUNT] = { "child", "youth", "young_adult", "adult", "senior" };
const char *const act_age_label[AGE_COUNT] = { "0-12 år", "13-17 år", "18-29 år", "30-64 år", "65+ år" };

const char *const inv_phase_code[PHASE_COUNT] = { "knowledge",      "ideas",     "planning",
                                                  "implementation", "anchoring", "evaluation" };
const char *const inv_phase_label[PHASE_COUNT] = { "Vidensindsamling", "Idéudvikling", "Planlægning",
                                                   "Gennemførelse",    "Forankring",   "Evaluering" };

const char *const inv_type_code[INV_COUNT] = { "resident_initiative_joint", "resident_initiative_resident",
                                               "professional_initiative_joint", "professionals_inform", "none" };
const char *const inv_type_label[INV_COUNT] = {
    "Beboerinitiativ, fælles beslutninger",
    "Beboerinitiativ, beboerbeslutninger",
    "Professionelt initiativ, fælles beslutninger",
    "Professionelle informerer, beboere accepterer eller afviser",
    "Ikke inddraget",
};
const char *const inv_type_short[INV_COUNT] = { "Beboer · fælles", "Beboer · beboer", "Professionel · fælles",
                                                "Professionel · informerer", "Ikke inddraget" };

const char *const inv_hart_label[9] = {
    "",
    "Manipulation",
    "Dekoration",
    "Symbolsk deltagelse",
    "Udpeget og informeret",
    "Konsulteret og informeret",
    "Voksen-/professionelt initiativ med fælles beslutninger",
    "Beboerinitiativ og -beslutninger",
    "Beboerinitiativ med fælles beslutninger",
};

const char *const inv_question_code[INV_QUESTIONS] = { "involved", "role", "actors", "worked", "hard" };
const char *const inv_question_label[INV_QUESTIONS] = {
    "Har beboerne været inddraget i fasen?",     "Hvad har jeres egen rolle været?",
    "Har der været andre aktører inden over?",   "Hvad har fungeret godt?",
    "Har der været nogen særlige udfordringer?",
};

const char *const outreach_method_code[OUT_COUNT] = { "door_to_door",         "open_office",         "via_caretaker",
                                                      "via_partner",          "target_group_places", "at_activities",
                                                      "resident_to_resident", "phone_sms",           "event_stand" };
const char *const outreach_method_label[OUT_COUNT] = {
    "Dør til dør",
    "Åbent kontor",
    "Via vicevært/ejendomsfunktionær",
    "Via samarbejdspartner",
    "Hvor målgruppen er (fx sprogskolen)",
    "Ved andre aktiviteter",
    "Beboer til beboer",
    "Telefon/SMS",
    "Stand eller arrangement i gården",
};

const char *const resident_role_code[RR_COUNT] = {
    "volunteer",  "ildsjael",           "stair_ambassador", "health_ambassador", "neighbourhood_mother",
    "instructor", "association_member", "community_agent"
};
const char *const resident_role_label[RR_COUNT] = { "Frivillige",           "Ildsjæle",          "Opgangsambassadører",
                                                    "Sundhedsambassadører", "Bydelsmødre",       "Instruktører",
                                                    "Foreningsmedlemmer",   "Fællesskabsagenter" };

const char *const course_kind_code[COURSE_COUNT] = { "instructor",         "ambassador",   "neighbourhood_mother",
                                                     "association",        "volunteering", "budget",
                                                     "project_management", "other" };
const char *const course_kind_label[COURSE_COUNT] = { "Instruktøruddannelse",  "Ambassadøruddannelse",
                                                      "Bydelsmødreuddannelse", "Foreningsdannelse",
                                                      "Kursus i frivillighed", "Budgetkursus",
                                                      "Projektstyring",        "Andet" };

const char *const story_kind_code[STORY_COUNT] = { "story", "evaluation" };
const char *const story_kind_label[STORY_COUNT] = { "Fortælling", "Evalueringsnote" };

/* ---- rules ---- */

const plan_rule act_rules[] = {
    { "keys_match_count", "Angives deltagernøgler, skal der være præcis én forskellig nøgle pr. deltager",
      "002:L8363-8369" },
    { "key_not_personal",
      "En deltagernøgle er et pseudonym på 2-16 tegn (A-Z, 0-9, bindestreg) og aldrig et navn, en e-mail, et"
      " telefon- eller CPR-nummer",
      "002:L8423-8427" },
    { "new_le_participants", "Nye deltagere kan ikke være flere end deltagerne i alt", "002:L8363-8369" },
    { "session_in_future", "Et møde kan først registreres, når det har fundet sted", "DOMAIN.md §5" },
    { "session_date_range", "Et møde skal ligge mellem aktivitetens første og sidste dato", "DOMAIN.md §5" },
    { "focus_in_plan", "En aktivitets indsatsområde skal være et af planens indsatsområder", "DOMAIN.md §5" },
    { "status_back_to_idea", "En aktivitet kan ikke gå tilbage til idé, når den først er planlagt", "002:L7700-7860" },
    { "partner_role",
      "En samarbejdspartner i en aktivitet skal findes i registret og have én rolle: viden, rekruttering,"
      " levering eller forankring",
      "002:L3487-3503" },
};
const size_t act_nrules = HH_ARRAY_LEN(act_rules);

hh_err act_fail(hh_error *e, const char *rule, const char *field, const char *fmt, ...)
{
    char detail[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    const plan_rule *r = NULL;
    for (size_t i = 0; i < act_nrules && !r; i++)
        if (strcmp(act_rules[i].code, rule) == 0)
            r = &act_rules[i];
    return plan_rule_fail_with(e, HH_ERR_INPUT, r, rule, field, detail);
}

/* ---- suppression ---- */

bool act_count_hidden(int64_t n, bool suppress)
{
    return suppress && n > 0 && n < ACT_SUPPRESS_BELOW;
}

const char *act_count_text(arena *a, int64_t n, bool suppress)
{
    if (act_count_hidden(n, suppress))
        return "<5";
    char tmp[48];
    fmt_num_da(tmp, sizeof tmp, (double)n, 0);
    return arena_strdup(a, tmp);
}

/* ---- complementary suppression ---- */

/* One line: the cells idx[0..n) are parts, idx[n] their total. Returns true
 * when it hid one more cell. */
static bool line_fix(const int64_t *v, unsigned char *hide, const size_t *idx, size_t n)
{
    size_t total = idx[n];
    size_t hidden = 0;
    int64_t hidden_sum = 0;
    for (size_t i = 0; i <= n; i++)
        if (hide[idx[i]]) {
            hidden++;
            if (i < n)
                hidden_sum += v[idx[i]];
        }
    if (hidden == 0)
        return false;
    bool total_shown = !hide[total];
    if (hidden >= 2 && (!total_shown || hidden_sum >= ACT_SUPPRESS_BELOW))
        return false;
    /* Hide the smallest shown non-zero part; the total when there is none. */
    size_t best = (size_t)-1;
    for (size_t i = 0; i < n; i++)
        if (!hide[idx[i]] && v[idx[i]] > 0 && (best == (size_t)-1 || v[idx[i]] < v[best]))
            best = idx[i];
    if (best == (size_t)-1) {
        if (total_shown && v[total] > 0) {
            hide[total] = 2;
            return true;
        }
        return false;
    }
    hide[best] = 2;
    return true;
}

void act_suppress_lines(const int64_t *v, unsigned char *hide, size_t n, const size_t *lines, size_t nlines_len)
{
    for (size_t i = 0; i < n; i++)
        hide[i] = v[i] > 0 && v[i] < ACT_SUPPRESS_BELOW ? 1 : 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t at = 0; at < nlines_len && at + lines[at] < nlines_len; at += lines[at] + 1)
            if (lines[at] >= 2)
                changed |= line_fix(v, hide, lines + at + 1, lines[at] - 1);
    }
}

void act_suppress_grid(const int64_t *v, unsigned char *hide, size_t nr, size_t nc, bool row_total, bool col_total)
{
    size_t len = 0;
    size_t *lines = xcalloc((nr + 1) * (nc + 1) * 2 + 2, sizeof *lines);
    if (col_total && nc >= 2)
        for (size_t r = 0; r < nr; r++) {
            lines[len++] = nc;
            for (size_t c = 0; c < nc; c++)
                lines[len++] = r * nc + c;
        }
    if (row_total && nr >= 2)
        for (size_t c = 0; c < nc; c++) {
            lines[len++] = nr;
            for (size_t r = 0; r < nr; r++)
                lines[len++] = r * nc + c;
        }
    act_suppress_lines(v, hide, nr * nc, lines, len);
    free(lines);
}

const char *act_hidden_text(arena *a, int64_t n, unsigned char hide)
{
    if (hide == 2)
        return ACT_HIDDEN_TEXT;
    return act_count_text(a, n, hide == 1);
}

/* Cells of an att_stats laid out for act_suppress_lines. */
enum {
    ST_ATT,
    ST_NEW,
    ST_RET,
    ST_GENDER,
    ST_AGE = ST_GENDER + GENDER_COUNT,
    ST_COUNTS = ST_AGE + AGE_COUNT,
    ST_CELLS = ST_COUNTS + GENDER_COUNT * AGE_COUNT
};

static void stats_cells(const att_stats *t, int64_t *v)
{
    v[ST_ATT] = t->attendances;
    v[ST_NEW] = t->new_attendances;
    v[ST_RET] = t->returning_attendances;
    for (int g = 0; g < GENDER_COUNT; g++)
        v[ST_GENDER + g] = t->by_gender[g];
    for (int k = 0; k < AGE_COUNT; k++)
        v[ST_AGE + k] = t->by_age[k];
    for (int g = 0; g < GENDER_COUNT; g++)
        for (int k = 0; k < AGE_COUNT; k++)
            v[ST_COUNTS + g * AGE_COUNT + k] = t->counts[g][k];
}

/* The lines within one att_stats whose cells start at base. */
static size_t stats_lines(size_t *l, size_t len, size_t base)
{
    l[len++] = 3;
    l[len++] = base + ST_NEW;
    l[len++] = base + ST_RET;
    l[len++] = base + ST_ATT;
    l[len++] = GENDER_COUNT + 1;
    for (int g = 0; g < GENDER_COUNT; g++)
        l[len++] = base + ST_GENDER + g;
    l[len++] = base + ST_ATT;
    l[len++] = AGE_COUNT + 1;
    for (int k = 0; k < AGE_COUNT; k++)
        l[len++] = base + ST_AGE + k;
    l[len++] = base + ST_ATT;
    for (int g = 0; g < GENDER_COUNT; g++) {
        l[len++] = AGE_COUNT + 1;
        for (int k = 0; k < AGE_COUNT; k++)
            l[len++] = base + ST_COUNTS + g * AGE_COUNT + k;
        l[len++] = base + ST_GENDER + g;
    }
    for (int k = 0; k < AGE_COUNT; k++) {
        l[len++] = GENDER_COUNT + 1;
        for (int g = 0; g < GENDER_COUNT; g++)
            l[len++] = base + ST_COUNTS + g * AGE_COUNT + k;
        l[len++] = base + ST_AGE + k;
    }
    return len;
}

static void stats_hidden(const att_stats *t, const unsigned char *hc, att_hidden *h)
{
    memset(h, 0, sizeof *h);
    if (!hc)
        return;
    h->attendances = hc[ST_ATT];
    h->new_attendances = hc[ST_NEW];
    h->returning_attendances = hc[ST_RET];
    for (int g = 0; g < GENDER_COUNT; g++)
        h->by_gender[g] = hc[ST_GENDER + g];
    for (int k = 0; k < AGE_COUNT; k++)
        h->by_age[k] = hc[ST_AGE + k];
    for (int g = 0; g < GENDER_COUNT; g++)
        for (int k = 0; k < AGE_COUNT; k++)
            h->counts[g][k] = hc[ST_COUNTS + g * AGE_COUNT + k];
    /* Not parts of any shown total: hidden only when small. */
    h->unique = act_count_hidden(t->unique, true);
    h->new_plan = act_count_hidden(t->new_plan, true);
    h->volunteers = act_count_hidden(t->volunteers, true);
}

void act_stats_suppress(const att_stats *t, bool suppress, att_hidden *h)
{
    if (!suppress) {
        stats_hidden(t, NULL, h);
        return;
    }
    int64_t v[ST_CELLS];
    unsigned char hc[ST_CELLS];
    size_t l[ST_CELLS * 4];
    stats_cells(t, v);
    act_suppress_lines(v, hc, ST_CELLS, l, stats_lines(l, 0, 0));
    stats_hidden(t, hc, h);
}

/* Cells of one session: participants, new, returning, volunteers, counts. */
enum { SE_PART, SE_NEW, SE_RET, SE_VOL, SE_COUNTS, SE_CELLS = SE_COUNTS + GENDER_COUNT * AGE_COUNT };

void act_sessions_suppress(const act_session *s, size_t n, const att_stats *t, bool suppress, act_session_hidden *hs,
                           att_hidden *th)
{
    memset(hs, 0, n * sizeof *hs);
    if (th)
        stats_hidden(t, NULL, th);
    if (!suppress)
        return;
    /* Cells: the sessions, the months (one per session, the first session
     * of a month holds it), the totals with their volunteers. */
    size_t tb = n * SE_CELLS + n, ncell = tb + ST_CELLS + 1;
    int64_t *v = xcalloc(ncell, sizeof *v);
    unsigned char *hc = xcalloc(ncell, 1);
    size_t *month = xcalloc(n ? n : 1, sizeof *month); /* the session holding i's month */
    size_t cap = n * (SE_CELLS * 3 + 8) + ST_CELLS * 4 + (n + 2) * (SE_CELLS + 2) + 16, len = 0;
    size_t *l = xcalloc(cap, sizeof *l);
    for (size_t i = 0; i < n; i++) {
        size_t b = i * SE_CELLS;
        v[b + SE_PART] = s[i].participants;
        v[b + SE_NEW] = s[i].new_participants;
        v[b + SE_RET] = s[i].participants - s[i].new_participants;
        v[b + SE_VOL] = s[i].volunteers;
        for (int g = 0; g < GENDER_COUNT; g++)
            for (int k = 0; k < AGE_COUNT; k++)
                v[b + SE_COUNTS + g * AGE_COUNT + k] = s[i].counts[g][k];
        month[i] = i;
        for (size_t j = 0; j < i; j++)
            if (s[j].date && s[i].date && strncmp(s[j].date, s[i].date, 7) == 0) {
                month[i] = month[j];
                break;
            }
        v[n * SE_CELLS + month[i]] += s[i].participants;
        /* participants = new + returning = Σ counts */
        l[len++] = 3;
        l[len++] = b + SE_NEW;
        l[len++] = b + SE_RET;
        l[len++] = b + SE_PART;
        l[len++] = GENDER_COUNT * AGE_COUNT + 1;
        for (int c = 0; c < GENDER_COUNT * AGE_COUNT; c++)
            l[len++] = b + SE_COUNTS + (size_t)c;
        l[len++] = b + SE_PART;
    }
    /* Each month: its sessions' participants. */
    for (size_t m = 0; m < n; m++) {
        if (month[m] != m)
            continue;
        size_t at = len++, k = 0;
        for (size_t i = 0; i < n; i++)
            if (month[i] == m) {
                l[len++] = i * SE_CELLS + SE_PART;
                k++;
            }
        l[len++] = n * SE_CELLS + m;
        l[at] = k + 1;
    }
    if (t) {
        stats_cells(t, v + tb);
        v[tb + ST_CELLS] = t->volunteers;
        len = stats_lines(l, len, tb);
        /* Every column of sessions against its total, and the months. */
        static const struct {
            int se, st;
        } cols[] = { { SE_PART, ST_ATT }, { SE_NEW, ST_NEW }, { SE_RET, ST_RET }, { SE_VOL, ST_CELLS } };
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
            l[len++] = n + 1;
            for (size_t i = 0; i < n; i++)
                l[len++] = i * SE_CELLS + (size_t)cols[c].se;
            l[len++] = tb + (size_t)cols[c].st;
        }
        for (int c = 0; c < GENDER_COUNT * AGE_COUNT; c++) {
            l[len++] = n + 1;
            for (size_t i = 0; i < n; i++)
                l[len++] = i * SE_CELLS + SE_COUNTS + (size_t)c;
            l[len++] = tb + ST_COUNTS + (size_t)c;
        }
        size_t at = len++, k = 0;
        for (size_t m = 0; m < n; m++)
            if (month[m] == m) {
                l[len++] = n * SE_CELLS + m;
                k++;
            }
        l[len++] = tb + ST_ATT;
        l[at] = k + 1;
    }
    act_suppress_lines(v, hc, ncell, l, len);
    for (size_t i = 0; i < n; i++) {
        size_t b = i * SE_CELLS;
        hs[i].participants = hc[b + SE_PART];
        hs[i].new_participants = hc[b + SE_NEW];
        hs[i].returning = hc[b + SE_RET];
        hs[i].volunteers = hc[b + SE_VOL];
        hs[i].month = hc[n * SE_CELLS + month[i]];
        for (int g = 0; g < GENDER_COUNT; g++)
            for (int k = 0; k < AGE_COUNT; k++)
                hs[i].counts[g][k] = hc[b + SE_COUNTS + g * AGE_COUNT + k];
    }
    if (th) {
        stats_hidden(t, hc + tb, th);
        th->volunteers = hc[tb + ST_CELLS];
    }
    free(v);
    free(hc);
    free(month);
    free(l);
}

void outreach_suppress(const outreach *o, size_t n, const int64_t totals[OUT_COUNT], bool suppress, unsigned char *ho,
                       unsigned char *ht)
{
    memset(ho, 0, n);
    memset(ht, 0, OUT_COUNT + 1);
    if (!suppress)
        return;
    size_t nc = n + OUT_COUNT + 1, len = 0;
    int64_t *v = xcalloc(nc, sizeof *v);
    unsigned char *hc = xcalloc(nc, 1);
    size_t *l = xcalloc(n + 3 * OUT_COUNT + 4, sizeof *l);
    for (size_t i = 0; i < n; i++)
        v[i] = o[i].contacts;
    for (int m = 0; m < OUT_COUNT; m++) {
        v[n + (size_t)m] = totals[m];
        v[n + OUT_COUNT] += totals[m];
        size_t at = len++, k = 0;
        for (size_t i = 0; i < n; i++)
            if ((int)o[i].method == m) {
                l[len++] = i;
                k++;
            }
        l[len++] = n + (size_t)m;
        l[at] = k + 1;
    }
    l[len++] = OUT_COUNT + 1;
    for (int m = 0; m < OUT_COUNT; m++)
        l[len++] = n + (size_t)m;
    l[len++] = n + OUT_COUNT;
    act_suppress_lines(v, hc, nc, l, len);
    memcpy(ho, hc, n);
    memcpy(ht, hc + n, OUT_COUNT + 1);
    free(v);
    free(hc);
    free(l);
}

hh_err act_attendance_hidden(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id, int year,
                             const att_stats *t, bool suppress, att_hidden *h, hh_error *e)
{
    if (!suppress) {
        stats_hidden(t, NULL, h);
        return HH_OK;
    }
    act_session *s;
    size_t n = 0;
    hh_err rc = act_sessions(d, p, a, activity_id ? 0 : plan_id, activity_id, year, &s, &n, e);
    if (rc)
        return rc;
    act_session_hidden *hs = arena_zalloc(a, (n ? n : 1) * sizeof *hs);
    act_sessions_suppress(s, n, t, true, hs, h);
    return HH_OK;
}

hh_err activity_attendance_hidden(db *d, const principal *p, arena *a, int64_t plan_id, const activity *xs, size_t n,
                                  bool suppress, unsigned char *h, hh_error *e)
{
    memset(h, 0, n);
    if (!suppress || !n)
        return HH_OK;
    activity_filter f = { .plan_id = plan_id, .status = -1, .category = -1 };
    activity *all;
    act_session *s;
    size_t na = 0, ns = 0;
    hh_err rc = activity_list(d, p, a, &f, &all, &na, e);
    if (!rc)
        rc = act_sessions(d, p, a, plan_id, 0, 0, &s, &ns, e);
    if (rc)
        return rc;
    /* Cells: each activity's attendances, the plan's, then each activity's
     * attendances in a year (shown on the activity's page). */
    size_t nc = na + 1 + ns;
    int64_t *v = arena_zalloc(a, nc * sizeof *v);
    unsigned char *hc = arena_zalloc(a, nc);
    size_t *l = arena_zalloc(a, (na + 2 + 2 * na + ns) * sizeof *l), len = 0;
    int *yr = arena_zalloc(a, (ns ? ns : 1) * sizeof *yr);
    int64_t *owner = arena_zalloc(a, (ns ? ns : 1) * sizeof *owner);
    size_t ny = 0;
    for (size_t i = 0; i < ns; i++) {
        int y = 0;
        const char *dt = s[i].date ? s[i].date : "";
        for (int k = 0; k < 4 && dt[k] >= '0' && dt[k] <= '9'; k++)
            y = y * 10 + (dt[k] - '0');
        size_t k = 0;
        while (k < ny && !(yr[k] == y && owner[k] == s[i].activity_id))
            k++;
        if (k == ny) {
            yr[ny] = y;
            owner[ny++] = s[i].activity_id;
        }
        v[na + 1 + k] += s[i].participants;
    }
    for (size_t j = 0; j < na; j++) {
        v[j] = all[j].attendances;
        v[na] += all[j].attendances;
        size_t at = len++, k = 0;
        for (size_t y = 0; y < ny; y++)
            if (owner[y] == all[j].id) {
                l[len++] = na + 1 + y;
                k++;
            }
        l[len++] = j;
        l[at] = k + 1;
    }
    l[len++] = na + 1;
    for (size_t j = 0; j < na; j++)
        l[len++] = j;
    l[len++] = na;
    act_suppress_lines(v, hc, na + 1 + ny, l, len);
    for (size_t i = 0; i < n; i++) {
        h[i] = act_count_hidden(xs[i].attendances, true) ? 1 : 0;
        for (size_t j = 0; j < na; j++)
            if (all[j].id == xs[i].id)
                h[i] = hc[j];
    }
    return HH_OK;
}

/* ---- shared helpers ---- */

int act_enum(const char *const *codes, int count, const char *code)
{
    return plan_enum_find(codes, count, code);
}

bool act_time_valid(const char *s)
{
    if (!s || !*s)
        return true;
    if (strlen(s) != 5 || s[2] != ':')
        return false;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return false;
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    return h < 24 && m < 60;
}

void act_year_bounds(int year, char from[11], char to[11])
{
    char tmp[32];
    if (year <= 0 || year > 9999) {
        hh_strlcpy(from, "0000-01-01", 11);
        hh_strlcpy(to, "9999-12-31", 11);
        return;
    }
    snprintf(tmp, sizeof tmp, "%04d-01-01", year);
    hh_strlcpy(from, tmp, 11);
    snprintf(tmp, sizeof tmp, "%04d-12-31", year);
    hh_strlcpy(to, tmp, 11);
}

bool act_blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

hh_err act_bump(db *d, hh_error *e)
{
    return plan_bump_group(d, "activities", e);
}

const char *act_dup(db_stmt *st, arena *a, int col)
{
    return arena_strdup(a, db_col_text(st, col));
}

hh_err act_row_in(db *d, const char *sql, int64_t id, int64_t parent, const char *what, const char *field,
                  const char *missing, hh_error *e)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, what);
    db_bind_int64(st, 1, id);
    db_bind_int64(st, 2, parent);
    int r = db_step(st);
    bool ok = r == DB_ROW && db_col_int64(st, 0) > 0;
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, what);
    if (!ok)
        return hh_fail(e, HH_ERR_NOTFOUND, field, "%s", missing);
    return HH_OK;
}

hh_err act_lookup_id(db *d, const char *sql, int64_t id, const char *what, const char *field, const char *missing,
                     int64_t *out, hh_error *e)
{
    *out = 0;
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, what);
    db_bind_int64(st, 1, id);
    int r = db_step(st);
    if (r == DB_ROW)
        *out = db_col_int64(st, 0);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, what);
    if (r != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, field, "%s", missing);
    return HH_OK;
}

hh_err act_activity_in_plan(db *d, int64_t plan_id, int64_t activity_id, hh_error *e)
{
    char msg[96];
    snprintf(msg, sizeof msg, "Aktiviteten %lld findes ikke i planen", (long long)activity_id);
    return act_row_in(d, "SELECT COUNT(*) FROM activity WHERE id = ? AND plan_id = ?", activity_id, plan_id,
                      "read the activity", "activity_id", msg, e);
}

hh_err act_after_delete(db *d, int64_t plan_id, hh_error *e)
{
    (void)plan_id;
    return act_bump(d, e);
}

hh_err act_after_delete_prune(db *d, int64_t plan_id, hh_error *e)
{
    hh_err rc = act_participants_prune(d, plan_id, e);
    return rc ? rc : act_bump(d, e);
}

hh_err act_delete_row(db *d, const principal *p, int64_t plan_id, int64_t id, const char *sql, const char *what,
                      const char *missing, hh_error *e)
{
    arena a;
    arena_init(&a);
    plan pl;
    hh_err rc = act_plan_load(d, p, &a, plan_id, true, &pl, e);
    arena_free(&a);
    if (rc)
        return rc;
    return plan_delete_tx(d, plan_id, id, sql, what, missing, act_after_delete, e);
}

hh_err act_plan_load(db *d, const principal *p, arena *a, int64_t plan_id, bool write, plan *out, hh_error *e)
{
    if (write)
        return plan_load_writable(d, p, a, plan_id, out, e);
    return plan_get(d, p, a, plan_id, out, e);
}

hh_err act_activity_plan(db *d, const principal *p, arena *a, int64_t activity_id, bool write, plan *out, hh_error *e)
{
    char missing[96];
    snprintf(missing, sizeof missing, "Aktiviteten %lld findes ikke", (long long)activity_id);
    int64_t plan_id;
    hh_err rc = act_lookup_id(d, "SELECT plan_id FROM activity WHERE id = ?", activity_id, "read the activity",
                              "activity_id", missing, &plan_id, e);
    if (rc)
        return rc;
    rc = act_plan_load(d, p, a, plan_id, write, out, e);
    if (rc == HH_ERR_NOTFOUND)
        return hh_fail(e, HH_ERR_NOTFOUND, "activity_id", "Aktiviteten %lld findes ikke", (long long)activity_id);
    return rc;
}

hh_err act_audit_keys(db *d, const principal *p, int64_t plan_id, hh_error *e)
{
    char oid[24];
    snprintf(oid, sizeof oid, "%lld", (long long)plan_id);
    audit_event ev = {
        .who = p,
        .email = "",
        .action = "read_personal",
        .object_type = "participant_keys",
        .object_id = oid,
        .outcome = "success",
    };
    return audit_append(d, &ev, e);
}

/* ---- reading activities ---- */

#define ACT_SELECT                                                                                      \
    "SELECT a.id, a.plan_id, p.name, a.name, a.description, COALESCE(a.focus, ''), a.format, a.place,"  \
    " a.responsible_kind, a.responsible, COALESCE(a.responsible_partner_id, 0), COALESCE(rp.name, '')," \
    " a.idea_source, a.in_application, a.status, a.schedule, COALESCE(a.first_date, ''),"               \
    " COALESCE(a.last_date, ''), a.start_time, a.end_time, a.created_at, a.updated_at,"                 \
    " (SELECT COUNT(*) FROM activity_session s WHERE s.activity_id = a.id),"                            \
    " (SELECT COALESCE(SUM(s.participants), 0) FROM activity_session s WHERE s.activity_id = a.id),"    \
    " (SELECT COALESCE(MAX(s.date), '') FROM activity_session s WHERE s.activity_id = a.id)"            \
    " FROM activity a JOIN plan p ON p.id = a.plan_id LEFT JOIN partner rp ON rp.id = a.responsible_partner_id"

static int col_enum(db_stmt *st, int col, const char *const *codes, int count)
{
    int v = plan_enum_find(codes, count, db_col_text(st, col));
    return v < 0 ? 0 : v;
}

static bool read_activity(db_stmt *st, arena *a, void *elem)
{
    activity *x = elem;
    memset(x, 0, sizeof *x);
    x->id = db_col_int64(st, 0);
    x->plan_id = db_col_int64(st, 1);
    x->plan_name = act_dup(st, a, 2);
    x->name = act_dup(st, a, 3);
    x->description = act_dup(st, a, 4);
    x->focus = act_dup(st, a, 5);
    x->format = (act_format)col_enum(st, 6, act_format_code, FMT_COUNT);
    x->place = act_dup(st, a, 7);
    x->responsible_kind = (act_responsible)col_enum(st, 8, act_responsible_code, RESP_COUNT);
    x->responsible = act_dup(st, a, 9);
    x->responsible_partner_id = db_col_int64(st, 10);
    x->responsible_partner_name = act_dup(st, a, 11);
    x->idea_source = (act_idea_source)col_enum(st, 12, act_idea_source_code, IDEA_COUNT);
    x->in_application = db_col_int64(st, 13) != 0;
    x->status = (act_status)col_enum(st, 14, act_status_code, AS_COUNT);
    x->schedule = (act_schedule)col_enum(st, 15, act_schedule_code, SCHED_COUNT);
    x->first_date = act_dup(st, a, 16);
    x->last_date = act_dup(st, a, 17);
    x->start_time = act_dup(st, a, 18);
    x->end_time = act_dup(st, a, 19);
    x->created_at = act_dup(st, a, 20);
    x->updated_at = act_dup(st, a, 21);
    x->sessions = db_col_int64(st, 22);
    x->attendances = db_col_int64(st, 23);
    x->last_session = act_dup(st, a, 24);
    return true;
}

typedef struct tag_row {
    int64_t activity_id;
    const char *kind, *code;
} tag_row;

static bool read_tag(db_stmt *st, arena *a, void *elem)
{
    tag_row *t = elem;
    t->activity_id = db_col_int64(st, 0);
    t->kind = act_dup(st, a, 1);
    t->code = act_dup(st, a, 2);
    return true;
}

static void apply_tag(activity *x, const tag_row *t)
{
    int v;
    if (strcmp(t->kind, "category") == 0 && (v = plan_enum_find(act_category_code, CAT_COUNT, t->code)) >= 0)
        x->categories |= 1u << v;
    else if (strcmp(t->kind, "target_group") == 0 && (v = plan_enum_find(act_target_code, TG_COUNT, t->code)) >= 0)
        x->targets |= 1u << v;
    else if (strcmp(t->kind, "kram") == 0 && (v = plan_enum_find(act_kram_code, KRAM_COUNT, t->code)) >= 0)
        x->kram |= 1u << v;
    else if (strcmp(t->kind, "channel") == 0 && (v = plan_enum_find(act_channel_code, CHN_COUNT, t->code)) >= 0)
        x->channels |= 1u << v;
}

static bool read_text(db_stmt *st, arena *a, void *elem)
{
    *(const char **)elem = act_dup(st, a, 0);
    return true;
}

static bool read_act_partner(db_stmt *st, arena *a, void *elem)
{
    act_partner *ap = elem;
    ap->partner_id = db_col_int64(st, 0);
    ap->partner_name = act_dup(st, a, 1);
    int r = plan_enum_find(coop_purpose_code, CP_COUNT, db_col_text(st, 2));
    ap->role = r < 0 ? CP_DELIVERY : (coop_purpose)r;
    return true;
}

static hh_err read_exceptions(db *d, arena *a, activity *x, hh_error *e)
{
    void *out = NULL;
    hh_err rc = plan_collect(d, a, "SELECT date FROM activity_exception WHERE activity_id = ? ORDER BY date", x->id,
                             sizeof(const char *), read_text, &out, &x->nexceptions, "read the activity", e);
    x->exceptions = out;
    return rc;
}

static hh_err read_details(db *d, arena *a, activity *x, hh_error *e)
{
    tag_row *tags = NULL;
    size_t ntags = 0;
    hh_err rc = plan_collect(d, a, "SELECT activity_id, kind, code FROM activity_tag WHERE activity_id = ?", x->id,
                             sizeof(tag_row), read_tag, (void **)&tags, &ntags, "read the activity", e);
    if (rc)
        return rc;
    x->categories = x->targets = x->kram = x->channels = 0;
    for (size_t i = 0; i < ntags; i++)
        apply_tag(x, &tags[i]);
    if ((rc = read_exceptions(d, a, x, e)))
        return rc;
    return plan_collect(d, a,
                        "SELECT ap.partner_id, pa.name, ap.role FROM activity_partner ap JOIN partner pa ON pa.id ="
                        " ap.partner_id WHERE ap.activity_id = ? ORDER BY pa.name, ap.partner_id",
                        x->id, sizeof(act_partner), read_act_partner, (void **)&x->partners, &x->npartners,
                        "read the activity", e);
}

static int cmp_act_id(const void *x, const void *y)
{
    const activity *const *a = x, *const *b = y;
    return (*a)->id < (*b)->id ? -1 : (*a)->id > (*b)->id;
}

/* The tags of the listed activities, read in one query (pages show the
 * categories). */
static hh_err attach_tags(db *d, const principal *p, arena *a, int64_t plan_id, activity *rows, size_t n, hh_error *e)
{
    if (!n)
        return HH_OK;
    activity **by_id = arena_alloc(a, n * sizeof *by_id);
    for (size_t i = 0; i < n; i++)
        by_id[i] = &rows[i];
    qsort(by_id, n, sizeof *by_id, cmp_act_id);
    const char *sql = arena_printf(a,
                                   "SELECT t.activity_id, t.kind, t.code FROM activity_tag t JOIN activity a ON a.id ="
                                   " t.activity_id JOIN plan p ON p.id = a.plan_id WHERE %s%s",
                                   plan_scope_sql(p, a), plan_id > 0 ? " AND a.plan_id = ?" : "");
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "list the activities");
    if (plan_id > 0)
        db_bind_int64(st, 1, plan_id);
    tag_row *tags = NULL;
    size_t ntags = 0;
    if (db_collect(st, a, sizeof(tag_row), read_tag, (void **)&tags, &ntags) == DB_ERROR)
        return db_fail(d, e, "list the activities");
    for (size_t t = 0; t < ntags; t++) {
        activity key = { .id = tags[t].activity_id };
        const activity *kp = &key;
        activity **hit = bsearch(&kp, by_id, n, sizeof *by_id, cmp_act_id);
        if (hit)
            apply_tag(*hit, &tags[t]);
    }
    return HH_OK;
}

hh_err activity_list(db *d, const principal *p, arena *a, const activity_filter *f, activity **out, size_t *n,
                     hh_error *e)
{
    *out = NULL;
    *n = 0;
    activity_filter none = { .status = -1, .category = -1 };
    if (!f)
        f = &none;
    if (f->plan_id > 0) {
        plan pl;
        hh_err rc = act_plan_load(d, p, a, f->plan_id, false, &pl, e);
        if (rc)
            return rc;
    }
    buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql, ACT_SELECT " WHERE %s", plan_scope_sql(p, a));
    if (f->plan_id > 0)
        buf_puts(&sql, " AND a.plan_id = ?");
    if (f->status >= 0 && f->status < AS_COUNT)
        buf_puts(&sql, " AND a.status = ?");
    if (f->category >= 0 && f->category < CAT_COUNT)
        buf_puts(&sql, " AND EXISTS (SELECT 1 FROM activity_tag t WHERE t.activity_id = a.id AND t.kind = 'category'"
                       " AND t.code = ?)");
    buf_puts(&sql, " ORDER BY p.name, p.id, a.name, a.id");
    db_stmt *st = db_prepare(d, buf_cstr(&sql));
    buf_free(&sql);
    if (!st)
        return db_fail(d, e, "list the activities");
    int i = 1;
    if (f->plan_id > 0)
        db_bind_int64(st, i++, f->plan_id);
    if (f->status >= 0 && f->status < AS_COUNT)
        db_bind_text(st, i++, act_status_code[f->status]);
    if (f->category >= 0 && f->category < CAT_COUNT)
        db_bind_text(st, i++, act_category_code[f->category]);
    activity *rows = NULL;
    size_t nrows = 0;
    if (db_collect(st, a, sizeof(activity), read_activity, (void **)&rows, &nrows) == DB_ERROR)
        return db_fail(d, e, "list the activities");
    size_t k = 0;
    for (size_t j = 0; j < nrows; j++) {
        activity *x = &rows[j];
        if (f->q && *f->q && !hh_contains_fold(x->name, f->q))
            continue;
        hh_err rc;
        if (f->scheduled_on_set && f->scheduled_on) {
            if ((rc = read_exceptions(d, a, x, e)))
                return rc;
            const char *one[1];
            if (!plan_date_valid(f->scheduled_on) ||
                activity_schedule_dates(a, x, f->scheduled_on, f->scheduled_on, one, 1) == 0)
                continue;
            x->exceptions = NULL;
            x->nexceptions = 0;
        }
        rows[k++] = *x;
    }
    *out = rows;
    *n = k;
    return attach_tags(d, p, a, f->plan_id, rows, k, e);
}

hh_err activity_get(db *d, const principal *p, arena *a, int64_t id, activity *out, hh_error *e)
{
    const char *sql = arena_printf(a, ACT_SELECT " WHERE a.id = ? AND %s", plan_scope_sql(p, a));
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, "read the activity");
    db_bind_int64(st, 1, id);
    int r = db_step(st);
    if (r == DB_ROW)
        read_activity(st, a, out);
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the activity");
    if (r != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, "id", "Aktiviteten %lld findes ikke", (long long)id);
    return read_details(d, a, out, e);
}

/* ---- saving ---- */

static hh_err text_field(const char *v, const char *field, const char *label, size_t max, bool required, hh_error *e)
{
    if (required && act_blank(v))
        return hh_fail(e, HH_ERR_INPUT, field, "%s skal udfyldes", label);
    if (v && plan_utf8_len(v) > max)
        return hh_fail(e, HH_ERR_INPUT, field, "%s må højst være %zu tegn", label, max);
    return HH_OK;
}

static hh_err date_field(const char *v, const char *field, const char *label, hh_error *e)
{
    if (v && *v && !plan_date_valid(v))
        return hh_fail(e, HH_ERR_INPUT, field, "%s skal være en dato (ÅÅÅÅ-MM-DD)", label);
    return HH_OK;
}

static bool partner_exists(db *d, int64_t id, bool *ok)
{
    db_stmt *st = db_prepare(d, "SELECT COUNT(*) FROM partner WHERE id = ?");
    if (!st)
        return false;
    db_bind_int64(st, 1, id);
    int r = db_step(st);
    *ok = r == DB_ROW && db_col_int64(st, 0) > 0;
    db_done(st);
    return r != DB_ERROR;
}

static hh_err validate(db *d, const plan *pl, activity *x, hh_error *e)
{
    hh_err rc;
    if ((rc = text_field(x->name, "name", "Navn", 200, true, e)) ||
        (rc = text_field(x->description, "description", "Beskrivelse", 10000, false, e)) ||
        (rc = text_field(x->place, "place", "Sted", 200, false, e)) ||
        (rc = text_field(x->responsible, "responsible", "Ansvarlig", 200, false, e)))
        return rc;
    if (!(x->categories & ((1u << CAT_COUNT) - 1)))
        return hh_fail(e, HH_ERR_INPUT, "categories", "Vælg mindst én kategori");
    if ((unsigned)x->format >= FMT_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "format", "Ukendt form");
    if ((unsigned)x->responsible_kind >= RESP_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "responsible_kind", "Ukendt ansvarlig");
    if ((unsigned)x->idea_source >= IDEA_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "idea_source", "Ukendt kilde til idéen");
    if ((unsigned)x->status >= AS_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "status", "Ukendt status");
    if ((unsigned)x->schedule >= SCHED_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "schedule", "Ukendt gentagelse");
    if (x->focus && *x->focus) {
        bool found = false;
        for (size_t i = 0; i < pl->nfocus && !found; i++)
            found = strcmp(pl->focus[i], x->focus) == 0;
        if (!found)
            return act_fail(e, "focus_in_plan", "focus", "Indsatsområde «%s» er ikke et af planens", x->focus);
    }
    if ((rc = date_field(x->first_date, "first_date", "Første dato", e)) ||
        (rc = date_field(x->last_date, "last_date", "Sidste dato", e)))
        return rc;
    if (x->last_date && *x->last_date && x->first_date && *x->first_date && strcmp(x->last_date, x->first_date) < 0)
        return hh_fail(e, HH_ERR_INPUT, "last_date", "Sidste dato må ikke ligge før første dato");
    if (!act_time_valid(x->start_time))
        return hh_fail(e, HH_ERR_INPUT, "start_time", "Starttid skal skrives TT:MM");
    if (!act_time_valid(x->end_time))
        return hh_fail(e, HH_ERR_INPUT, "end_time", "Sluttid skal skrives TT:MM");
    if (x->start_time && *x->start_time && x->end_time && *x->end_time && strcmp(x->end_time, x->start_time) < 0)
        return hh_fail(e, HH_ERR_INPUT, "end_time", "Sluttid må ikke ligge før starttid");
    for (size_t i = 0; i < x->nexceptions; i++)
        if (!x->exceptions[i] || !plan_date_valid(x->exceptions[i]))
            return hh_fail(e, HH_ERR_INPUT, "exceptions", "Undtagelser skal være datoer (ÅÅÅÅ-MM-DD)");
    if (x->responsible_kind == RESP_PARTNER) {
        bool ok = false;
        if (x->responsible_partner_id <= 0)
            return act_fail(e, "partner_role", "responsible_partner_id", "Vælg den ansvarlige samarbejdspartner");
        if (!partner_exists(d, x->responsible_partner_id, &ok))
            return db_fail(d, e, "read the partner");
        if (!ok)
            return act_fail(e, "partner_role", "responsible_partner_id", "Samarbejdspartner %lld findes ikke",
                            (long long)x->responsible_partner_id);
    } else {
        x->responsible_partner_id = 0;
    }
    for (size_t i = 0; i < x->npartners; i++) {
        const act_partner *ap = &x->partners[i];
        bool ok = false;
        if ((unsigned)ap->role >= CP_COUNT)
            return act_fail(e, "partner_role", "partners", "Ukendt rolle for samarbejdspartner %lld",
                            (long long)ap->partner_id);
        for (size_t j = 0; j < i; j++)
            if (x->partners[j].partner_id == ap->partner_id)
                return act_fail(e, "partner_role", "partners", "Samarbejdspartner %lld er nævnt to gange",
                                (long long)ap->partner_id);
        if (!partner_exists(d, ap->partner_id, &ok))
            return db_fail(d, e, "read the partner");
        if (!ok)
            return act_fail(e, "partner_role", "partners", "Samarbejdspartner %lld findes ikke",
                            (long long)ap->partner_id);
    }
    return HH_OK;
}

static void bind_opt_text(db_stmt *st, int idx, const char *s)
{
    if (s && *s)
        db_bind_text(st, idx, s);
    else
        db_bind_null(st, idx);
}

static hh_err exec1(db *d, const char *sql, int64_t id, const char *what, hh_error *e)
{
    db_stmt *st = db_prepare(d, sql);
    if (!st)
        return db_fail(d, e, what);
    db_bind_int64(st, 1, id);
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, what) : HH_OK;
}

static hh_err insert_tags(db *d, int64_t id, const char *kind, unsigned bits, const char *const *codes, int count,
                          hh_error *e)
{
    for (int i = 0; i < count; i++) {
        if (!(bits & (1u << i)))
            continue;
        db_stmt *st = db_prepare(d, "INSERT INTO activity_tag (activity_id, kind, code) VALUES (?, ?, ?)");
        if (!st)
            return db_fail(d, e, "save the activity");
        db_bind_int64(st, 1, id);
        db_bind_text(st, 2, kind);
        db_bind_text(st, 3, codes[i]);
        int r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            return db_fail(d, e, "save the activity");
    }
    return HH_OK;
}

static hh_err write_lists(db *d, activity *x, hh_error *e)
{
    hh_err rc;
    if ((rc = exec1(d, "DELETE FROM activity_tag WHERE activity_id = ?", x->id, "save the activity", e)) ||
        (rc = exec1(d, "DELETE FROM activity_partner WHERE activity_id = ?", x->id, "save the activity", e)) ||
        (rc = exec1(d, "DELETE FROM activity_exception WHERE activity_id = ?", x->id, "save the activity", e)))
        return rc;
    if ((rc = insert_tags(d, x->id, "category", x->categories, act_category_code, CAT_COUNT, e)) ||
        (rc = insert_tags(d, x->id, "target_group", x->targets, act_target_code, TG_COUNT, e)) ||
        (rc = insert_tags(d, x->id, "kram", x->kram, act_kram_code, KRAM_COUNT, e)) ||
        (rc = insert_tags(d, x->id, "channel", x->channels, act_channel_code, CHN_COUNT, e)))
        return rc;
    for (size_t i = 0; i < x->npartners; i++) {
        db_stmt *st = db_prepare(d, "INSERT INTO activity_partner (activity_id, partner_id, role) VALUES (?, ?, ?)");
        if (!st)
            return db_fail(d, e, "save the activity partners");
        db_bind_int64(st, 1, x->id);
        db_bind_int64(st, 2, x->partners[i].partner_id);
        db_bind_text(st, 3, coop_purpose_code[x->partners[i].role]);
        int r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            return db_fail(d, e, "save the activity partners");
    }
    for (size_t i = 0; i < x->nexceptions; i++) {
        db_stmt *st = db_prepare(d, "INSERT INTO activity_exception (activity_id, date) VALUES (?, ?)"
                                    " ON CONFLICT (activity_id, date) DO NOTHING");
        if (!st)
            return db_fail(d, e, "save the exceptions");
        db_bind_int64(st, 1, x->id);
        db_bind_text(st, 2, x->exceptions[i]);
        int r = db_step(st);
        db_done(st);
        if (r == DB_ERROR)
            return db_fail(d, e, "save the exceptions");
    }
    return HH_OK;
}

static hh_err log_status(db *d, const principal *p, int64_t id, act_status s, const char *date, hh_error *e)
{
    char now[21];
    hh_utc_iso(now);
    db_stmt *st = db_prepare(d, "INSERT INTO activity_status_log (activity_id, status, effective, user_name,"
                                " recorded_at) VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return db_fail(d, e, "log the status");
    db_bind_int64(st, 1, id);
    db_bind_text(st, 2, act_status_code[s]);
    db_bind_text(st, 3, date);
    db_bind_text(st, 4, plan_user_name(p));
    db_bind_text(st, 5, now);
    int r = db_step(st);
    db_done(st);
    return r == DB_ERROR ? db_fail(d, e, "log the status") : HH_OK;
}

static hh_err write_activity(db *d, activity *x, bool creating, hh_error *e)
{
    char now[21];
    hh_utc_iso(now);
    db_stmt *st;
    if (creating)
        st = db_prepare(d, "INSERT INTO activity (name, description, focus, format, place, responsible_kind,"
                           " responsible, responsible_partner_id, idea_source, in_application, status, schedule,"
                           " first_date, last_date, start_time, end_time, updated_at, plan_id, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    else
        st = db_prepare(d, "UPDATE activity SET name = ?, description = ?, focus = ?, format = ?, place = ?,"
                           " responsible_kind = ?, responsible = ?, responsible_partner_id = ?, idea_source = ?,"
                           " in_application = ?, status = ?, schedule = ?, first_date = ?, last_date = ?,"
                           " start_time = ?, end_time = ?, updated_at = ? WHERE plan_id = ? AND id = ?");
    if (!st)
        return db_fail(d, e, "save the activity");
    db_bind_text(st, 1, x->name);
    db_bind_text(st, 2, x->description ? x->description : "");
    bind_opt_text(st, 3, x->focus);
    db_bind_text(st, 4, act_format_code[x->format]);
    db_bind_text(st, 5, x->place ? x->place : "");
    db_bind_text(st, 6, act_responsible_code[x->responsible_kind]);
    db_bind_text(st, 7, x->responsible ? x->responsible : "");
    if (x->responsible_partner_id > 0)
        db_bind_int64(st, 8, x->responsible_partner_id);
    else
        db_bind_null(st, 8);
    db_bind_text(st, 9, act_idea_source_code[x->idea_source]);
    db_bind_int64(st, 10, x->in_application ? 1 : 0);
    db_bind_text(st, 11, act_status_code[x->status]);
    db_bind_text(st, 12, act_schedule_code[x->schedule]);
    bind_opt_text(st, 13, x->first_date);
    bind_opt_text(st, 14, x->last_date);
    db_bind_text(st, 15, x->start_time ? x->start_time : "");
    db_bind_text(st, 16, x->end_time ? x->end_time : "");
    db_bind_text(st, 17, now);
    db_bind_int64(st, 18, x->plan_id);
    if (creating) {
        db_bind_text(st, 19, now);
        return plan_run_insert(d, st, &x->id, "save the activity", e);
    }
    db_bind_int64(st, 19, x->id);
    return plan_run_changed(d, st, "save the activity", "Aktiviteten findes ikke i planen", e);
}

/* The stored status and plan of activity id (NOTFOUND when missing). */
static hh_err stored_status(db *d, int64_t id, int64_t *plan_id, act_status *s, hh_error *e)
{
    db_stmt *st = db_prepare(d, "SELECT plan_id, status FROM activity WHERE id = ?");
    if (!st)
        return db_fail(d, e, "read the activity");
    db_bind_int64(st, 1, id);
    int r = db_step(st);
    if (r == DB_ROW) {
        *plan_id = db_col_int64(st, 0);
        *s = (act_status)col_enum(st, 1, act_status_code, AS_COUNT);
    }
    db_done(st);
    if (r == DB_ERROR)
        return db_fail(d, e, "read the activity");
    if (r != DB_ROW)
        return hh_fail(e, HH_ERR_NOTFOUND, "id", "Aktiviteten %lld findes ikke", (long long)id);
    return HH_OK;
}

hh_err activity_put(db *d, const principal *p, arena *a, activity *x, hh_error *e)
{
    plan pl;
    hh_err rc;
    bool creating = x->id <= 0;
    act_status old = AS_IDEA;
    if (!creating) {
        int64_t stored_plan = 0;
        /* the stored plan decides access; moving to another plan is not a thing */
        if ((rc = act_activity_plan(d, p, a, x->id, true, &pl, e)))
            return rc;
        if ((rc = stored_status(d, x->id, &stored_plan, &old, e)))
            return rc;
        if (x->plan_id > 0 && x->plan_id != stored_plan)
            return hh_fail(e, HH_ERR_INPUT, "plan_id", "En aktivitet kan ikke flyttes til en anden plan");
        x->plan_id = stored_plan;
    } else if ((rc = act_plan_load(d, p, a, x->plan_id, true, &pl, e))) {
        return rc;
    }
    if ((rc = validate(d, &pl, x, e)))
        return rc;
    if (!creating && x->status == AS_IDEA && old != AS_IDEA)
        return act_fail(e, "status_back_to_idea", "status", "Status er nu «%s»", act_status_label[old]);
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    char today[11];
    plan_today(today);
    rc = write_activity(d, x, creating, e);
    if (rc == HH_OK)
        rc = write_lists(d, x, e);
    if (rc == HH_OK && (creating || x->status != old))
        rc = log_status(d, p, x->id, x->status, today, e);
    if (rc == HH_OK)
        rc = act_bump(d, e);
    rc = plan_tx_end(d, own, rc, e);
    if (rc && creating)
        x->id = 0;
    return rc;
}

hh_err activity_delete(db *d, const principal *p, int64_t id, hh_error *e)
{
    arena a;
    arena_init(&a);
    plan pl;
    hh_err rc = act_activity_plan(d, p, &a, id, true, &pl, e);
    arena_free(&a);
    if (rc)
        return rc;
    return plan_delete_tx(d, pl.id, id, "DELETE FROM activity WHERE plan_id = ? AND id = ?", "delete the activity",
                          "Aktiviteten findes ikke", act_after_delete_prune, e);
}

hh_err activity_status_set(db *d, const principal *p, arena *a, int64_t id, act_status s, const char *date, hh_error *e)
{
    plan pl;
    hh_err rc = act_activity_plan(d, p, a, id, true, &pl, e);
    if (rc)
        return rc;
    if ((unsigned)s >= AS_COUNT)
        return hh_fail(e, HH_ERR_INPUT, "status", "Ukendt status");
    char today[11];
    plan_today(today);
    if (!date || !*date)
        date = today;
    if (!plan_date_valid(date))
        return hh_fail(e, HH_ERR_INPUT, "date", "Datoen skal skrives ÅÅÅÅ-MM-DD");
    if (strcmp(date, today) > 0)
        return hh_fail(e, HH_ERR_INPUT, "date", "Datoen for en statusændring må ikke ligge i fremtiden");
    int64_t plan_id = 0;
    act_status old = AS_IDEA;
    if ((rc = stored_status(d, id, &plan_id, &old, e)))
        return rc;
    if (s == AS_IDEA && old != AS_IDEA)
        return act_fail(e, "status_back_to_idea", "status", "Status er nu «%s»", act_status_label[old]);
    if (s == old)
        return HH_OK;
    bool own;
    if ((rc = plan_tx_begin(d, &own, e)))
        return rc;
    char now[21];
    hh_utc_iso(now);
    db_stmt *st = db_prepare(d, "UPDATE activity SET status = ?, updated_at = ? WHERE id = ?");
    if (!st) {
        rc = db_fail(d, e, "change the status");
    } else {
        db_bind_text(st, 1, act_status_code[s]);
        db_bind_text(st, 2, now);
        db_bind_int64(st, 3, id);
        rc = plan_run_changed(d, st, "change the status", "Aktiviteten findes ikke", e);
    }
    if (rc == HH_OK)
        rc = log_status(d, p, id, s, date, e);
    if (rc == HH_OK)
        rc = act_bump(d, e);
    return plan_tx_end(d, own, rc, e);
}

static bool read_change(db_stmt *st, arena *a, void *elem)
{
    act_status_change *c = elem;
    c->status = (act_status)col_enum(st, 0, act_status_code, AS_COUNT);
    c->effective = act_dup(st, a, 1);
    c->user_name = act_dup(st, a, 2);
    return true;
}

hh_err activity_status_history(db *d, arena *a, int64_t id, act_status_change **out, size_t *n, hh_error *e)
{
    return plan_collect(d, a,
                        "SELECT status, effective, user_name FROM activity_status_log WHERE activity_id = ?"
                        " ORDER BY effective, id",
                        id, sizeof(act_status_change), read_change, (void **)out, n, "read the status log", e);
}

/* ---- schedule ---- */

static long civil_days(int y, int m, int dd)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *dd)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static void parse_date(const char *s, int *y, int *m, int *dd)
{
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *dd = (s[8] - '0') * 10 + (s[9] - '0');
}

static int month_days(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

static bool is_exception(const activity *x, const char *date)
{
    for (size_t i = 0; i < x->nexceptions; i++)
        if (x->exceptions[i] && strcmp(x->exceptions[i], date) == 0)
            return true;
    return false;
}

size_t activity_schedule_dates(arena *a, const activity *x, const char *from, const char *to, const char **out,
                               size_t max)
{
    if (!x || !x->first_date || !plan_date_valid(x->first_date) || !plan_date_valid(from) || !plan_date_valid(to) ||
        max == 0 || (unsigned)x->schedule >= SCHED_COUNT)
        return 0;
    int fy, fm, fd;
    parse_date(x->first_date, &fy, &fm, &fd);
    long first = civil_days(fy, fm, fd);
    int y, m, dd;
    parse_date(from, &y, &m, &dd);
    long lo = civil_days(y, m, dd);
    parse_date(to, &y, &m, &dd);
    long hi = civil_days(y, m, dd);
    if (x->last_date && plan_date_valid(x->last_date)) {
        parse_date(x->last_date, &y, &m, &dd);
        long last = civil_days(y, m, dd);
        if (last < hi)
            hi = last;
    }
    if (hi < lo || hi < first)
        return 0;
    size_t n = 0;
    char date[11];
    if (x->schedule == SCHED_ONE_OFF) {
        if (first >= lo && first <= hi && !is_exception(x, x->first_date))
            out[n++] = arena_strdup(a, x->first_date);
        return n;
    }
    if (x->schedule == SCHED_WEEKLY || x->schedule == SCHED_BIWEEKLY) {
        long step = x->schedule == SCHED_WEEKLY ? 7 : 14;
        long start = first;
        if (lo > first)
            start = first + ((lo - first + step - 1) / step) * step;
        for (long z = start; z <= hi && n < max; z += step) {
            civil_from_days(z, &y, &m, &dd);
            snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, dd);
            if (!is_exception(x, date))
                out[n++] = arena_strdup(a, date);
        }
        return n;
    }
    /* monthly: the first date's day of the month, or the month's last day */
    int ly, lm, ldd;
    civil_from_days(lo > first ? lo : first, &ly, &lm, &ldd);
    int cy = ly, cm = lm;
    if (cy < fy || (cy == fy && cm < fm)) {
        cy = fy;
        cm = fm;
    }
    for (;;) {
        int day = fd <= month_days(cy, cm) ? fd : month_days(cy, cm);
        long z = civil_days(cy, cm, day);
        if (z > hi || n >= max)
            break;
        if (z >= lo && z >= first) {
            snprintf(date, sizeof date, "%04d-%02d-%02d", cy, cm, day);
            if (!is_exception(x, date))
                out[n++] = arena_strdup(a, date);
        }
        if (++cm > 12) {
            cm = 1;
            cy++;
        }
    }
    return n;
}
