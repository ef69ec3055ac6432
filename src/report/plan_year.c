/* plan_year.c - the yearly report's figures from the domain, and the
 * report laid out as tables for the renderers (plan_year.h). */
#include "report/plan_year.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "core/util.h"
#include "domain/keyfig.h"

const char *const report_audience_code[2] = { "external", "team" };
const char *const report_audience_label[2] = { "Til LBF (små tal skjult)", "Internt (alle tal)" };

/* ---- building tables ---- */

typedef struct tb {
    arena *a;
    const plan_year_report *r;
    rpt_table *t;
    size_t row; /* rows filled */
} tb;

static void tb_start(tb *b, rpt_table *t, const char *id, const char *title, rpt_kind kind, size_t nrows,
                     const char *const *cols, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->id = id;
    t->title = title;
    t->note = "";
    t->kind = kind;
    t->ncols = ncols;
    t->nrows = nrows;
    t->cols = arena_zalloc(b->a, ncols * sizeof *t->cols);
    t->numeric = arena_zalloc(b->a, ncols * sizeof *t->numeric);
    for (size_t c = 0; c < ncols; c++) {
        t->cols[c] = cols[c];
        t->numeric[c] = c > 0 && kind != RPT_FACTS && kind != RPT_TEXTS;
    }
    t->cells = arena_zalloc(b->a, (nrows ? nrows : 1) * ncols * sizeof *t->cells);
    for (size_t i = 0; i < nrows * ncols; i++) {
        t->cells[i].text = "";
        t->cells[i].num = NAN;
    }
    b->t = t;
    b->row = 0;
}

static rpt_cell *cell(tb *b, size_t r, size_t c)
{
    return &b->t->cells[r * b->t->ncols + c];
}

static void put_text(tb *b, size_t r, size_t c, const char *s)
{
    cell(b, r, c)->text = s ? s : "";
}

/* A count that is not about persons (activities, sessions). */
static void put_int(tb *b, size_t r, size_t c, int64_t n)
{
    rpt_cell *x = cell(b, r, c);
    x->text = act_count_text(b->a, n, false);
    x->num = (double)n;
}

/* A person count: hidden (1 primary, 2 complementary) per the audience. */
static void put_persons(tb *b, size_t r, size_t c, int64_t n, unsigned char hide)
{
    rpt_cell *x = cell(b, r, c);
    if (!b->r->suppress)
        hide = 0;
    else if (!hide && act_count_hidden(n, true))
        hide = 1;
    if (hide == 2) {
        x->text = REPORT_HIDDEN_TEXT;
    } else {
        x->text = act_count_text(b->a, n, hide == 1);
        if (!hide)
            x->num = (double)n;
    }
}

static void put_num(tb *b, size_t r, size_t c, double v, int decimals, const char *unit)
{
    rpt_cell *x = cell(b, r, c);
    if (isnan(v)) {
        x->text = "–";
        return;
    }
    char tmp[64];
    fmt_num_da(tmp, sizeof tmp, v, decimals);
    x->text = arena_printf(b->a, "%s%s", tmp, unit ? unit : "");
    x->num = v;
    x->decimals = decimals;
}

static const char *join_categories(arena *a, unsigned bits)
{
    buf t;
    buf_init(&t, 0);
    for (int c = 0; c < CAT_COUNT; c++)
        if (bits & (1u << c))
            buf_printf(&t, "%s%s", t.len ? ", " : "", act_category_label[c]);
    const char *s = arena_strdup(a, t.len ? buf_cstr(&t) : "");
    buf_free(&t);
    return s;
}

static const char *goal_on(arena *a, const plan *pl, const plan_goal *g)
{
    if (g->area_code && *g->area_code) {
        for (size_t i = 0; i < pl->nareas; i++)
            if (strcmp(pl->areas[i].key, g->area_code) == 0)
                return arena_printf(a, "Boligområdet %s", pl->areas[i].name);
        return arena_printf(a, "Boligområdet %s", g->area_code);
    }
    if (g->ndepartments == 0)
        return "Planens afdelinger";
    buf t;
    buf_init(&t, 0);
    for (size_t i = 0; i < g->ndepartments; i++) {
        const char *name = g->department_keys[i];
        for (size_t k = 0; k < pl->ndepartments; k++)
            if (strcmp(pl->departments[k].key, g->department_keys[i]) == 0)
                name = pl->departments[k].name;
        buf_printf(&t, "%s%s", i ? ", " : "", name);
    }
    const char *s = arena_printf(a, "%s %s", g->ndepartments == 1 ? "Afdelingen" : "Afdelingerne", buf_cstr(&t));
    buf_free(&t);
    return s;
}

/* "1.3.2014" from an ISO date; other text as it is. */
static const char *date_da(arena *a, const char *iso)
{
    int y, m, d;
    if (!iso || strlen(iso) < 10 || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return iso ? iso : "";
    return arena_printf(a, "%d.%d.%d", d, m, y);
}

static const char *period_text(arena *a, const plan *pl)
{
    if (!*pl->start_date && !*pl->end_date)
        return "Ikke angivet";
    return arena_printf(a, "%s–%s", *pl->start_date ? date_da(a, pl->start_date) : "?",
                        *pl->end_date ? date_da(a, pl->end_date) : "?");
}

/* The group table (categories or focus areas): label, activities, sessions,
 * attendances, new attendances; with_total adds the plan's total and hides
 * complementary cells in the person columns. */
static void group_table(tb *b, rpt_table *t, const char *id, const char *title, const char *label_col,
                        const report_group *g, size_t n, bool with_total)
{
    const char *cols[5] = { label_col, "Aktiviteter", "Gange", "Fremmøder", "Nye fremmøder" };
    size_t nr = n + (with_total ? 1 : 0);
    tb_start(b, t, id, title, RPT_TABLE, nr, cols, 5);
    t->total_row = with_total;
    int64_t *v = arena_zalloc(b->a, (nr + 1) * 2 * sizeof *v);
    unsigned char *h = arena_zalloc(b->a, (nr + 1) * 2);
    for (size_t i = 0; i < n; i++) {
        v[i * 2] = g[i].attendances;
        v[i * 2 + 1] = g[i].new_attendances;
    }
    if (with_total) {
        v[n * 2] = b->r->total.attendances;
        v[n * 2 + 1] = b->r->total.new_attendances;
    }
    if (b->r->suppress)
        act_suppress_grid(v, h, nr, 2, with_total, false);
    for (size_t i = 0; i < nr; i++) {
        const report_group *x = i < n ? &g[i] : &b->r->total;
        put_text(b, i, 0, i < n ? x->label : "I alt");
        put_int(b, i, 1, x->activities);
        put_int(b, i, 2, x->sessions);
        put_persons(b, i, 3, x->attendances, h[i * 2]);
        put_persons(b, i, 4, x->new_attendances, h[i * 2 + 1]);
    }
}

static void build_tables(plan_year_report *r, arena *a)
{
    enum { MAXT = 20 };
    r->tables = arena_zalloc(a, MAXT * sizeof *r->tables);
    size_t nt = 0;
    tb b = { .a = a, .r = r };
    const att_stats *s = &r->stats;

    /* The plan. */
    {
        static const char *const cols[] = { "Felt", "Værdi" };
        rpt_table *t = &r->tables[nt++];
        tb_start(&b, t, "plan", "Planen", RPT_FACTS, 10, cols, 2);
        buf orgs;
        buf_init(&orgs, 0);
        for (size_t i = 0; i < r->pl.norgs; i++)
            buf_printf(&orgs, "%s%s", i ? ", " : "", r->pl.orgs[i].name);
        buf focus;
        buf_init(&focus, 0);
        for (size_t i = 0; i < r->pl.nfocus; i++)
            buf_printf(&focus, "%s%s", i ? " · " : "", r->pl.focus[i]);
        const char *rows[10][2] = {
            { "Plan", r->pl.name },
            { "Type", plan_type_label[r->pl.type] },
            { "Kommune", arena_printf(a, "%s (%s)", r->pl.municipality_name, r->pl.municipality_code) },
            { "Boligorganisationer", orgs.len ? arena_strdup(a, buf_cstr(&orgs)) : "Ingen" },
            { "Periode", period_text(a, &r->pl) },
            { "Pulje", *r->round_label ? r->round_label : "Ingen" },
            { "Tilstand", plan_state_label[r->pl.state] },
            { "Fokusområder", focus.len ? arena_strdup(a, buf_cstr(&focus)) : "Ingen" },
            { "Rapportår", arena_printf(a, "%d", r->year) },
            { "Tal i rapporten",
              r->suppress ? "Til LBF: antal personer under 5 vises som <5, og tal, de kunne regnes ud af, som x"
                          : "Internt: alle tal (kun til planens team)" },
        };
        for (size_t i = 0; i < 10; i++) {
            put_text(&b, i, 0, rows[i][0]);
            put_text(&b, i, 1, rows[i][1]);
        }
        buf_free(&orgs);
        buf_free(&focus);
    }

    /* Participation in the year. */
    {
        static const char *const cols[] = { "Nøgletal", "Antal" };
        rpt_table *t = &r->tables[nt++];
        tb_start(&b, t, "deltagelse", arena_printf(a, "Deltagelse i %d", r->year), RPT_TABLE, 10, cols, 2);
        /* new + returning = attendances: hide complementary cells. */
        int64_t v[3] = { s->new_attendances, s->returning_attendances, s->attendances };
        unsigned char h[3] = { 0 };
        if (r->suppress)
            act_suppress_grid(v, h, 1, 3, false, true);
        size_t i = 0;
        put_text(&b, i, 0, "Aktiviteter med fremmøde");
        put_int(&b, i++, 1, s->activities);
        put_text(&b, i, 0, "Gange (afholdte)");
        put_int(&b, i++, 1, s->sessions);
        put_text(&b, i, 0, "Fremmøder i alt");
        put_persons(&b, i++, 1, s->attendances, h[2]);
        put_text(&b, i, 0, "Nye fremmøder");
        put_persons(&b, i++, 1, s->new_attendances, h[0]);
        put_text(&b, i, 0, "Gentagne fremmøder");
        put_persons(&b, i++, 1, s->returning_attendances, h[1]);
        put_text(&b, i, 0, s->unique_exact ? "Forskellige deltagere (præcist)" : "Forskellige deltagere (anslået)");
        put_persons(&b, i++, 1, s->unique, 0);
        put_text(&b, i, 0, "Nye deltagere i planen");
        put_persons(&b, i++, 1, s->new_plan, 0);
        put_text(&b, i, 0, "Frivillige (fremmøder)");
        put_persons(&b, i++, 1, s->volunteers, 0);
        put_text(&b, i, 0,
                 r->reach.residents_year ? arena_printf(a, "Beboere i området (%d)", r->reach.residents_year)
                                         : "Beboere i området");
        if (r->reach.residents > 0)
            put_persons(&b, i, 1, r->reach.residents, 0);
        else
            put_text(&b, i, 1, "Ukendt");
        i++;
        put_text(&b, i, 0, "Rækkevidde (deltagere / beboere)");
        if (r->reach.residents > 0 && !isnan(r->reach.share) && !(r->suppress && act_count_hidden(s->unique, true)))
            put_num(&b, i, 1, r->reach.share * 100.0, 1, " %");
        else
            put_text(&b, i, 1, "–");
        t->note = s->unique_exact
                      ? "Forskellige deltagere er talt præcist ud fra deltagernøgler (pseudonymer, aldrig navne)."
                      : "Forskellige deltagere er anslået: for gange uden deltagernøgler tæller hver aktivitet "
                        "med sin største gang eller summen af nye deltagere, hvis den er større.";
    }

    /* Participation over the years up to the report's (the last eight). */
    {
        size_t last = 0;
        while (last < r->nyears && r->years[last] <= r->year)
            last++;
        size_t first = last > 8 ? last - 8 : 0, ny = last - first;
        const char **cols = arena_zalloc(a, (ny + 1) * sizeof *cols);
        cols[0] = "Nøgletal";
        for (size_t i = 0; i < ny; i++)
            cols[i + 1] = arena_printf(a, "%d", r->years[first + i]);
        rpt_table *t = &r->tables[nt++];
        tb_start(&b, t, "deltagelse_udvikling", "Deltagelse over årene", RPT_TABLE, ny ? 5 : 0, cols, ny + 1);
        static const char *const rows[] = { "Gange", "Fremmøder", "Forskellige deltagere", "Nye deltagere i planen",
                                            "Frivillige (fremmøder)" };
        for (size_t k = 0; ny && k < 5; k++)
            put_text(&b, k, 0, rows[k]);
        for (size_t i = 0; i < ny; i++) {
            const att_stats *y = &r->by_year[first + i];
            put_int(&b, 0, i + 1, y->sessions);
            put_persons(&b, 1, i + 1, y->attendances, 0);
            put_persons(&b, 2, i + 1, y->unique, 0);
            put_persons(&b, 3, i + 1, y->new_plan, 0);
            put_persons(&b, 4, i + 1, y->volunteers, 0);
        }
        t->note = "Forskellige deltagere tælles inden for hvert år; nye deltagere i planen er dem, der kom første "
                  "gang det år.";
    }
    /* By category. */
    {
        rpt_table *t = &r->tables[nt++];
        group_table(&b, t, "kategorier", "Aktiviteter efter kategori", "Kategori", r->by_category, CAT_COUNT, false);
        t->note = "En aktivitet kan høre til flere kategorier og tæller da med i hver af dem.";
    }
    /* By focus area. */
    {
        rpt_table *t = &r->tables[nt++];
        group_table(&b, t, "fokusomraader", "Aktiviteter efter fokusområde", "Fokusområde", r->by_focus, r->nfocus,
                    true);
    }
    /* Activities. */
    {
        static const char *const cols[] = { "Aktivitet", "Kategori",  "Fokusområde", "Status",
                                            "Gange",     "Fremmøder", "Nye",         "Frivillige" };
        rpt_table *t = &r->tables[nt++];
        size_t nr = r->nacts + 1;
        tb_start(&b, t, "aktiviteter", "Aktiviteterne", RPT_TABLE, nr, cols, 8);
        t->numeric[1] = t->numeric[2] = t->numeric[3] = false;
        t->total_row = true;
        int64_t *v = arena_zalloc(a, nr * 3 * sizeof *v);
        unsigned char *h = arena_zalloc(a, nr * 3);
        for (size_t i = 0; i < r->nacts; i++) {
            v[i * 3] = r->acts[i].stats.attendances;
            v[i * 3 + 1] = r->acts[i].stats.new_attendances;
            v[i * 3 + 2] = r->acts[i].stats.volunteers;
        }
        v[r->nacts * 3] = s->attendances;
        v[r->nacts * 3 + 1] = s->new_attendances;
        v[r->nacts * 3 + 2] = s->volunteers;
        if (r->suppress)
            act_suppress_grid(v, h, nr, 3, true, false);
        for (size_t i = 0; i < nr; i++) {
            if (i < r->nacts) {
                const report_activity *x = &r->acts[i];
                put_text(&b, i, 0, x->name);
                put_text(&b, i, 1, x->categories);
                put_text(&b, i, 2, *x->focus ? x->focus : "–");
                put_text(&b, i, 3, act_status_label[x->status]);
                put_int(&b, i, 4, x->stats.sessions);
            } else {
                put_text(&b, i, 0, "I alt");
                put_int(&b, i, 4, s->sessions);
            }
            put_persons(&b, i, 5, v[i * 3], h[i * 3]);
            put_persons(&b, i, 6, v[i * 3 + 1], h[i * 3 + 1]);
            put_persons(&b, i, 7, v[i * 3 + 2], h[i * 3 + 2]);
        }
    }
    /* Gender × age. */
    {
        static const char *cols[AGE_COUNT + 2];
        cols[0] = "Køn";
        for (int k = 0; k < AGE_COUNT; k++)
            cols[k + 1] = act_age_label[k];
        cols[AGE_COUNT + 1] = "I alt";
        rpt_table *t = &r->tables[nt++];
        size_t nr = GENDER_COUNT + 1, nc = AGE_COUNT + 1;
        tb_start(&b, t, "koen_alder", "Fremmøder efter køn og alder", RPT_TABLE, nr, cols, nc + 1);
        t->total_row = true;
        int64_t v[(GENDER_COUNT + 1) * (AGE_COUNT + 1)];
        unsigned char h[(GENDER_COUNT + 1) * (AGE_COUNT + 1)] = { 0 };
        int64_t grand = 0;
        for (int g = 0; g < GENDER_COUNT; g++) {
            for (int k = 0; k < AGE_COUNT; k++)
                v[g * nc + (size_t)k] = s->counts[g][k];
            v[g * nc + AGE_COUNT] = s->by_gender[g];
            grand += s->by_gender[g];
        }
        for (int k = 0; k < AGE_COUNT; k++)
            v[GENDER_COUNT * nc + (size_t)k] = s->by_age[k];
        v[GENDER_COUNT * nc + AGE_COUNT] = grand;
        if (r->suppress)
            act_suppress_grid(v, h, nr, nc, true, true);
        for (size_t g = 0; g < nr; g++) {
            put_text(&b, g, 0, g < GENDER_COUNT ? act_gender_label[g] : "I alt");
            for (size_t k = 0; k < nc; k++)
                put_persons(&b, g, k + 1, v[g * nc + k], h[g * nc + k]);
        }
    }
    /* Involvement profile of the year: a heat map. */
    {
        /* Short heads; the note spells the types out. */
        static const char *const cols[INV_COUNT + 3] = { "Fase",          "Beboer, fælles",   "Beboer, beboer",
                                                         "Prof., fælles", "Prof. informerer", "Ikke inddraget",
                                                         "Ikke reg.",     "Inddraget" };
        _Static_assert(INV_COUNT == 5, "the heads above follow inv_type");
        rpt_table *t = &r->tables[nt++];
        tb_start(&b, t, "inddragelse", arena_printf(a, "Inddragelsesprofil %d", r->year), RPT_HEATMAP, PHASE_COUNT,
                 cols, INV_COUNT + 3);
        t->heat_cols = INV_COUNT;
        t->grey_col = INV_COUNT + 1;
        int64_t max = 0, umax = 0;
        for (int ph = 0; ph < PHASE_COUNT; ph++) {
            for (int k = 0; k < INV_COUNT; k++)
                if (r->inv.cells[ph][k] > max)
                    max = r->inv.cells[ph][k];
            if (r->inv.unrecorded[ph] > umax)
                umax = r->inv.unrecorded[ph];
        }
        for (size_t ph = 0; ph < PHASE_COUNT; ph++) {
            put_text(&b, ph, 0, inv_phase_label[ph]);
            for (size_t k = 0; k < INV_COUNT; k++) {
                int64_t n = r->inv.cells[ph][k];
                put_int(&b, ph, k + 1, n);
                cell(&b, ph, k + 1)->shade = n <= 0 || max <= 0 ? 0 : (int)((n * 5 + max - 1) / max);
            }
            put_int(&b, ph, INV_COUNT + 1, r->inv.unrecorded[ph]);
            /* Its own scale (grey in the renderers), or it pales the types. */
            int64_t u = r->inv.unrecorded[ph];
            cell(&b, ph, INV_COUNT + 1)->shade = u <= 0 || umax <= 0 ? 0 : (int)((u * 5 + umax - 1) / umax);
            put_num(&b, ph, INV_COUNT + 2, r->inv.share_involved[ph] * 100.0, 0, " %");
        }
        t->note = arena_printf(a,
                               "Antal af planens %lld aktiviteter i %d (med fremmøde eller registrering) pr. fase "
                               "og inddragelsestype: %s (Beboer, fælles), %s (Beboer, beboer), %s (Prof., fælles) "
                               "og %s (Prof. informerer). Ikke reg.: uden registrering i fasen (gråt, på sin egen "
                               "skala). Inddraget: andelen af "
                               "aktiviteter med en anden type end "
                               "\"Ikke inddraget\" blandt dem, der er registreret i fasen.",
                               (long long)r->inv.activities, r->year, inv_type_label[INV_RESIDENT_JOINT],
                               inv_type_label[INV_RESIDENT_RESIDENT], inv_type_label[INV_PROFESSIONAL_JOINT],
                               inv_type_label[INV_PROFESSIONALS_INFORM]);
    }
    /* Involvement over the years: share involved per phase, a column per
     * year (the last twelve). */
    {
        size_t first = r->ntrend > 12 ? r->ntrend - 12 : 0, ny = r->ntrend - first;
        const char **cols = arena_zalloc(a, (ny + 1) * sizeof *cols);
        cols[0] = "Fase";
        for (size_t i = 0; i < ny; i++)
            cols[i + 1] = arena_printf(a, "%d", r->trend[first + i].year);
        rpt_table *t = &r->tables[nt++];
        tb_start(&b, t, "inddragelse_udvikling", "Inddragelse over årene (andel inddraget pr. fase)", RPT_TABLE,
                 ny ? PHASE_COUNT + 1 : 0, cols, ny + 1);
        if (ny) {
            put_text(&b, 0, 0, "Aktiviteter");
            for (size_t k = 0; k < PHASE_COUNT; k++)
                put_text(&b, k + 1, 0, inv_phase_label[k]);
        }
        for (size_t i = 0; i < ny; i++) {
            const inv_matrix *m = &r->trend[first + i];
            put_int(&b, 0, i + 1, m->activities);
            for (size_t k = 0; k < PHASE_COUNT; k++)
                put_num(&b, k + 1, i + 1, m->share_involved[k] * 100.0, 0, " %");
        }
        t->note = "Andelen af de aktiviteter, der er registreret i fasen, hvor beboerne var inddraget (en anden "
                  "type end \"Ikke inddraget\"). – : ingen registreringer.";
    }
    /* Goal achievement. */
    {
        static const char *const cols[] = { "Mål", "Målt på", "Udgangspunkt", "Mål", "Værdi", "Fremdrift", "Status" };
        rpt_table *t = &r->tables[nt++];
        tb_start(&b, t, "maalopfyldelse", arena_printf(a, "Målopfyldelse %d", r->year), RPT_TABLE, r->ngoals, cols, 7);
        t->numeric[1] = t->numeric[6] = false;
        for (size_t i = 0; i < r->ngoals; i++) {
            const report_goal *g = &r->goals[i];
            /* "title\nindicator": the PDF sets the indicator under the title. */
            put_text(&b, i, 0, *g->indicator ? arena_printf(a, "%s\n%s", g->title, g->indicator) : g->title);
            put_text(&b, i, 1, g->on);
            put_num(&b, i, 2, g->gp.baseline, g->decimals, "");
            if (!isnan(g->gp.baseline))
                cell(&b, i, 2)->text = arena_printf(a, "%s (%d)", cell(&b, i, 2)->text, g->baseline_year);
            put_num(&b, i, 3, g->target, g->decimals, "");
            cell(&b, i, 3)->text = arena_printf(a, "%s (%d)", cell(&b, i, 3)->text, g->target_year);
            bool small = false;
            for (size_t k = 0; k < g->gp.n; k++)
                if (g->gp.series[k].year == g->gp.year && g->gp.series[k].suppressed)
                    small = true;
            if (small)
                put_text(&b, i, 4, "<5");
            else {
                put_num(&b, i, 4, g->gp.value, g->decimals, "");
                if (!isnan(g->gp.value) && g->gp.year)
                    cell(&b, i, 4)->text = arena_printf(a, "%s (%d)", cell(&b, i, 4)->text, g->gp.year);
            }
            put_num(&b, i, 5, isnan(g->gp.progress) ? NAN : g->gp.progress * 100.0, 0, " %");
            put_text(&b, i, 6, goal_status_label[g->gp.status]);
        }
        t->note = "Målene måles på nøgletallene; fremdrift er andelen af vejen fra udgangspunkt til mål. Status "
                  "sammenligner med den lige vej fra udgangspunkt til mål.";
    }
    /* Resident roles. */
    {
        static const char *const cols[] = { "Rolle", "Antal beboere" };
        rpt_table *t = &r->tables[nt++];
        tb_start(&b, t, "beboerroller", arena_printf(a, "Beboerroller %d", r->year), RPT_TABLE, RR_COUNT, cols, 2);
        for (size_t i = 0; i < RR_COUNT; i++) {
            put_text(&b, i, 0, resident_role_label[i]);
            put_persons(&b, i, 1, r->roles[i], 0);
        }
    }
    /* Courses. */
    {
        static const char *const cols[] = { "Kursus", "Titel", "Gennemført", "Diplom" };
        rpt_table *t = &r->tables[nt++];
        tb_start(&b, t, "kurser", arena_printf(a, "Kurser og uddannelse %d", r->year), RPT_TABLE, r->ncourses, cols, 4);
        t->numeric[1] = t->numeric[3] = false;
        for (size_t i = 0; i < r->ncourses; i++) {
            put_text(&b, i, 0, course_kind_label[r->courses[i].kind]);
            put_text(&b, i, 1, r->courses[i].title);
            put_persons(&b, i, 2, r->courses[i].completed, 0);
            put_text(&b, i, 3, r->courses[i].diploma ? "Ja" : "Nej");
        }
    }
    /* Outreach. */
    {
        static const char *const cols[] = { "Metode", "Kontakter" };
        rpt_table *t = &r->tables[nt++];
        tb_start(&b, t, "opsoegende", arena_printf(a, "Opsøgende arbejde %d", r->year), RPT_TABLE, OUT_COUNT + 1, cols,
                 2);
        t->total_row = true;
        int64_t v[OUT_COUNT + 1];
        unsigned char h[OUT_COUNT + 1] = { 0 };
        for (int i = 0; i < OUT_COUNT; i++)
            v[i] = r->outreach[i];
        v[OUT_COUNT] = r->outreach_total;
        if (r->suppress)
            act_suppress_grid(v, h, OUT_COUNT + 1, 1, true, false);
        for (size_t i = 0; i <= OUT_COUNT; i++) {
            put_text(&b, i, 0, i < OUT_COUNT ? outreach_method_label[i] : "I alt");
            put_persons(&b, i, 1, v[i], h[i]);
        }
    }
    /* Stories. */
    {
        static const char *const cols[] = { "Dato", "Aktivitet", "Art", "Titel", "Tekst" };
        rpt_table *t = &r->tables[nt++];
        tb_start(&b, t, "fortaellinger", "Fortællinger og evaluering", RPT_TEXTS, r->nstories, cols, 5);
        for (size_t i = 0; i < r->nstories; i++) {
            const act_story *x = &r->stories[i];
            put_text(&b, i, 0, date_da(a, x->date));
            put_text(&b, i, 1, x->activity_name);
            put_text(&b, i, 2, story_kind_label[x->kind]);
            put_text(&b, i, 3, x->title);
            put_text(&b, i, 4, x->body);
        }
    }
    r->ntables = nt;
}

/* ---- the report as a generic document ---- */

static const char *key_text(const plan_year_report *r, size_t row)
{
    const rpt_table *t = report_table(r, "deltagelse");
    return t && row < t->nrows ? rpt_at(t, row, 1)->text : "";
}

void plan_year_doc(const plan_year_report *r, arena *a, rpt_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->kicker = "Årsrapport til Landsbyggefonden";
    doc->title = arena_printf(a, "%s · %d", r->pl.name, r->year);
    doc->subtitle = arena_printf(a, "%s · %s Kommune%s%s", plan_type_label[r->pl.type], r->pl.municipality_name,
                                 *r->round_label ? " · Pulje " : "", r->round_label);
    doc->generated_da = r->generated_da;
    doc->badge = report_audience_label[r->audience];
    doc->doc_title = arena_printf(a, "Årsrapport %d · %s", r->year, r->pl.name);
    doc->header_right = r->suppress ? "Til Landsbyggefonden" : "Internt – kun til planens team";
    doc->foot_html = arena_printf(
        a, "%s Tallene er talt af Helhed ud fra de registrerede gange; deltagernøgler er pseudonymer og aldrig navne.",
        r->suppress ? "Antal personer fra 1 til 4 vises som <5, og hvor en tabel viser dele og deres total, "
                      "er yderligere tal skjult (x), så et lille tal ikke kan regnes ud."
                    : "Rapporten viser alle tal og er kun til planens team.");
    doc->foot_pdf = r->suppress ? "Antal personer fra 1 til 4 vises som <5, og hvor en tabel viser dele og deres "
                                  "total, er yderligere tal skjult (x), så et lille tal ikke kan regnes ud. "
                                  "Deltagernøgler er pseudonymer og aldrig navne."
                                : "Rapporten viser alle tal og er kun til planens team. Deltagernøgler er pseudonymer "
                                  "og aldrig navne.";
    /* Key numbers: rows of the participation table. */
    static const struct {
        size_t row;
        const char *label, *label_long;
    } keys[] = { { 2, "Fremmøder", NULL },
                 { 5, "Forskellige deltagere", NULL },
                 { 6, "Nye deltagere", "Nye deltagere i planen" },
                 { 1, "Gange", NULL },
                 { 0, "Aktiviteter", "Aktiviteter med fremmøde" },
                 { 9, "Rækkevidde", NULL } };
    enum { NKEYS = sizeof keys / sizeof keys[0] };
    rpt_key *k = arena_zalloc(a, NKEYS * sizeof *k);
    for (size_t i = 0; i < NKEYS; i++)
        k[i] = (rpt_key){ key_text(r, keys[i].row), keys[i].label, keys[i].label_long };
    doc->keys = k;
    doc->nkeys = NKEYS;

    static const rpt_bars category_bars = { .title = "Gange og fremmøder efter kategori",
                                            .svg_id = "rp-cat-t",
                                            .npanels = 2,
                                            .cols = { 2, 3 },
                                            .heads = { "Gange", "Fremmøder" } };
    rpt_builder b;
    rpt_builder_init(&b, a);
    for (size_t i = 0; i < r->ntables; i++) {
        const rpt_table *t = &r->tables[i];
        rpt_block *x = rpt_add_table(&b, t, 1);
        if (strcmp(t->id, "kategorier") == 0)
            x->bars = &category_bars;
        if (strcmp(t->id, "aktiviteter") == 0)
            x->fold_detail = true;
        if (t->kind == RPT_HEATMAP)
            x->legend = "mange aktiviteter med typen i fasen";
        if (t->kind == RPT_HEATMAP && t->grey_col)
            x->legend_grey = "Ikke registreret (egen skala): mange uden registrering";
        if (t->kind == RPT_TEXTS)
            x->empty = "Ingen fortællinger er valgt til rapporten for året.";
    }
    rpt_builder_finish(&b, doc);
}

void report_html_document(const plan_year_report *r, buf *out)
{
    arena a;
    arena_init(&a);
    rpt_doc doc;
    plan_year_doc(r, &a, &doc);
    rpt_html_document(&doc, out);
    arena_free(&a);
}

void report_html_fragment(const plan_year_report *r, buf *out)
{
    arena a;
    arena_init(&a);
    rpt_doc doc;
    plan_year_doc(r, &a, &doc);
    rpt_html_fragment(&doc, out);
    arena_free(&a);
}

hh_err report_pdf(const plan_year_report *r, buf *out, int *pages, hh_error *e)
{
    arena a;
    arena_init(&a);
    rpt_doc doc;
    plan_year_doc(r, &a, &doc);
    hh_err rc = rpt_pdf(&doc, out, pages, e);
    arena_free(&a);
    return rc;
}

const rpt_table *report_table(const plan_year_report *r, const char *id)
{
    for (size_t i = 0; i < r->ntables; i++)
        if (strcmp(r->tables[i].id, id) == 0)
            return &r->tables[i];
    return NULL;
}

/* ---- the figures ---- */

static void add_group(report_group *g, const att_stats *s)
{
    g->activities++;
    g->sessions += s->sessions;
    g->attendances += s->attendances;
    g->new_attendances += s->new_attendances;
}

static int cmp_act(const void *x, const void *y)
{
    const report_activity *a = x, *b = y;
    return hh_collate_da(a->name, b->name);
}

hh_err report_plan_year(db *d, const principal *p, arena *a, int64_t plan_id, int year, report_audience want,
                        plan_year_report *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    if (year < 1990 || year > 2100)
        return hh_fail(e, HH_ERR_INPUT, "year", "Året skal være mellem 1990 og 2100, ikke %d.", year);
    hh_err rc = plan_get(d, p, a, plan_id, &out->pl, e);
    if (rc)
        return rc;
    out->year = year;
    out->audience = want == REPORT_TEAM && plan_may_write(p, &out->pl) ? REPORT_TEAM : REPORT_EXTERNAL;
    out->suppress = out->audience == REPORT_EXTERNAL;
    const plan_round *round = out->pl.round && *out->pl.round ? plan_round_find(out->pl.round) : NULL;
    out->round_label = round ? round->label : "";
    char now[21];
    hh_utc_iso(now);
    out->generated = arena_strndup(a, now, 10);
    out->generated_da = date_da(a, out->generated);

    if ((rc = act_attendance(d, p, a, plan_id, 0, year, &out->stats, e)))
        return rc;
    if ((rc = act_reach_from(d, a, plan_id, year, &out->stats, &out->reach, e)))
        return rc;
    if ((rc = act_attendance_years(d, p, a, plan_id, &out->by_year, &out->years, &out->nyears, e)))
        return rc;

    /* Activities and their year. */
    activity_filter f = { .plan_id = plan_id, .status = -1, .category = -1 };
    activity *acts;
    size_t nacts;
    if ((rc = activity_list(d, p, a, &f, &acts, &nacts, e)))
        return rc;
    out->plan_activities = (int64_t)nacts;
    out->acts = arena_zalloc(a, (nacts + 1) * sizeof *out->acts);
    out->nfocus = out->pl.nfocus;
    out->by_focus = arena_zalloc(a, (out->pl.nfocus + 1) * sizeof *out->by_focus);
    for (size_t i = 0; i < out->pl.nfocus; i++)
        out->by_focus[i].label = out->pl.focus[i];
    report_group none = { .label = "Uden fokusområde" };
    for (int c = 0; c < CAT_COUNT; c++)
        out->by_category[c].label = act_category_label[c];
    out->total.label = "I alt";
    int64_t *ids = arena_zalloc(a, (nacts + 1) * sizeof *ids);
    att_stats *each = arena_zalloc(a, (nacts + 1) * sizeof *each);
    for (size_t i = 0; i < nacts; i++)
        ids[i] = acts[i].id;
    if ((rc = act_attendance_each(d, p, a, plan_id, ids, nacts, year, each, e)))
        return rc;
    for (size_t i = 0; i < nacts; i++) {
        att_stats s = each[i];
        if (s.sessions <= 0)
            continue;
        report_activity *x = &out->acts[out->nacts++];
        x->id = acts[i].id;
        x->name = acts[i].name;
        x->categories = join_categories(a, acts[i].categories);
        x->focus = acts[i].focus ? acts[i].focus : "";
        x->status = acts[i].status;
        x->stats = s;
        add_group(&out->total, &s);
        for (int c = 0; c < CAT_COUNT; c++)
            if (acts[i].categories & (1u << c))
                add_group(&out->by_category[c], &s);
        size_t k = 0;
        while (k < out->pl.nfocus && strcmp(out->pl.focus[k], x->focus) != 0)
            k++;
        add_group(k < out->pl.nfocus ? &out->by_focus[k] : &none, &s);
    }
    if (none.activities > 0)
        out->by_focus[out->nfocus++] = none;
    qsort(out->acts, out->nacts, sizeof *out->acts, cmp_act);

    /* Involvement. */
    if ((rc = involvement_matrix(d, p, a, plan_id, year, &out->inv, e)))
        return rc;
    if ((rc = involvement_trend(d, p, a, plan_id, &out->trend, &out->ntrend, e)))
        return rc;
    while (out->ntrend > 0 && out->trend[out->ntrend - 1].year > year)
        out->ntrend--; /* the change up to the report's year */

    /* Goals, as on the plan's målopfyldelse page. */
    plan_goal *goals;
    size_t ngoals;
    if ((rc = plan_goals(d, a, plan_id, &goals, &ngoals, e)))
        return rc;
    out->goals = arena_zalloc(a, (ngoals + 1) * sizeof *out->goals);
    out->ngoals = ngoals;
    for (size_t i = 0; i < ngoals; i++) {
        report_goal *g = &out->goals[i];
        const key_figure *kf = goals[i].kf >= 0 && (size_t)goals[i].kf < kf_count ? &kf_catalogue[goals[i].kf] : NULL;
        g->title = goals[i].title;
        g->indicator = kf ? kf->name_da : "";
        g->decimals = kf ? kf->decimals : 1;
        g->on = goal_on(a, &out->pl, &goals[i]);
        g->baseline_year = goals[i].baseline_year;
        g->target_year = goals[i].target_year;
        g->target = goals[i].target_value;
        if (plan_goal_progress(d, a, &out->pl, &goals[i], year, &g->gp, e)) {
            memset(&g->gp, 0, sizeof g->gp);
            g->gp.baseline = g->gp.value = g->gp.progress = g->gp.expected = NAN;
            g->gp.year = year;
        }
    }

    /* Roles, courses, outreach, stories. */
    if ((rc = resident_roles_get(d, p, plan_id, year, out->roles, e)))
        return rc;
    if ((rc = plan_courses(d, p, a, plan_id, year, &out->courses, &out->ncourses, e)))
        return rc;
    if ((rc = outreach_totals(d, p, a, plan_id, year, out->outreach, e)))
        return rc;
    for (int i = 0; i < OUT_COUNT; i++)
        out->outreach_total += out->outreach[i];
    act_story *st;
    size_t nst;
    if ((rc = act_stories(d, p, a, plan_id, 0, year, true, &st, &nst, e)))
        return rc;
    out->stories = arena_zalloc(a, (nst + 1) * sizeof *out->stories);
    for (size_t i = 0; i < nst; i++) /* newest first → oldest first */
        out->stories[i] = st[nst - 1 - i];
    out->nstories = nst;

    build_tables(out, a);
    return HH_OK;
}

hh_err report_years(db *d, const principal *p, arena *a, int64_t plan_id, int **years, size_t *n, int *dflt,
                    hh_error *e)
{
    att_stats *st;
    int *ys;
    size_t ny;
    hh_err rc = act_attendance_years(d, p, a, plan_id, &st, &ys, &ny, e);
    if (rc)
        return rc;
    /* Only years with sessions. */
    int *keep = arena_zalloc(a, (ny + 1) * sizeof *keep);
    size_t k = 0;
    for (size_t i = 0; i < ny; i++)
        if (st[i].sessions > 0)
            keep[k++] = ys[i];
    if (years)
        *years = keep;
    if (n)
        *n = k;
    if (dflt) {
        /* The last finished year with data; the running year only when it
         * is the only one; last year when there is none. */
        char now[21];
        hh_utc_iso(now);
        int cur = 2000;
        char y4[5] = { now[0], now[1], now[2], now[3], 0 };
        hh_parse_int(y4, 1990, 2200, &cur);
        *dflt = k ? keep[k - 1] : cur - 1;
        for (size_t i = k; i-- > 0;)
            if (keep[i] < cur) {
                *dflt = keep[i];
                break;
            }
    }
    return HH_OK;
}

const char *report_filename(arena *a, const plan_year_report *r, const char *ext)
{
    return arena_printf(a, "aarsrapport-%lld-%d%s.%s", (long long)r->pl.id, r->year,
                        r->audience == REPORT_TEAM ? "-intern" : "", ext);
}
