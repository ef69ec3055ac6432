/* dialogue_package.c - the documentation package of a steering dialogue
 * (dialogue_package.h): read through the domain, laid out as an rpt_doc and
 * drawn by the generic renderers (report_html.c, report_pdf.c). */
#include "report/dialogue_package.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/numfmt.h"
#include "core/util.h"

/* Short column heads of the overview, in dlg_item order. */
static const char *const item_short[DI_COUNT] = { "Drift",       "Socialt",      "Fysisk",   "Vedligehold",
                                                  "Boligområde", "Tidssvarende", "Demokrati" };
/* The same as column heads that may break ("-\n": the PDF breaks there,
 * HTML joins the word). */
static const char *const item_head[DI_COUNT] = { "Drift",          "Socialt",         "Fysisk",      "Vedlige-\nhold",
                                                 "Bolig-\nområde", "Tids-\nsvarende", "Demo-\nkrati" };

static const char *date_da(arena *a, const char *iso)
{
    int y, m, d;
    if (!iso || strlen(iso) < 10 || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return iso && *iso ? iso : "–";
    return arena_printf(a, "%d.%d.%d", d, m, y);
}

/* A key figure's value as shown: "<5" when suppressed, "–" when missing. */
static const char *fig_text(arena *a, int kf, double v, bool suppressed)
{
    if (suppressed)
        return "<5";
    if (isnan(v) || kf < 0 || (size_t)kf >= kf_count)
        return "–";
    const key_figure *f = &kf_catalogue[kf];
    char num[64];
    fmt_num_da(num, sizeof num, v, f->decimals);
    if (strcmp(f->unit, "personer") == 0 || strcmp(f->unit, "husstande") == 0 || !*f->unit)
        return arena_strdup(a, num);
    return arena_printf(a, "%s %s", num, f->unit);
}

static const char *count_text(arena *a, int64_t n)
{
    char num[64];
    fmt_num_da(num, sizeof num, (double)n, 0);
    return arena_strdup(a, num);
}

static const char *or_dash(const char *s)
{
    return s && *s ? s : "–";
}

static const char *warn_text(const dlg_sheet *s)
{
    if (!s->warning_found)
        return "ingen status";
    return warn_status_label[s->warning.status];
}

static void put(rpt_table *t, size_t r, size_t c, const char *text)
{
    t->cells[r * t->ncols + c].text = text ? text : "";
}

static void put_n(arena *a, rpt_table *t, size_t r, size_t c, int64_t n)
{
    rpt_cell *x = &t->cells[r * t->ncols + c];
    x->text = count_text(a, n);
    x->num = (double)n;
}

static const char *kf_name(int kf)
{
    return kf >= 0 && (size_t)kf < kf_count ? kf_catalogue[kf].name_da : "";
}

/* ---- the layout ---- */

static void overview(dlg_package *k, arena *a, rpt_builder *b)
{
    const dialogue *g = &k->g;
    rpt_heading(b, 1, "Organisationen i kommunen");
    static const char *const fcols[2] = { "Hvad", "Værdi" };
    rpt_table *t = rpt_table_new(a, "organisation", "", RPT_FACTS, 9, fcols, 2);
    size_t r = 0;
    put(t, r, 0, "Boligorganisation");
    put(t, r++, 1, arena_printf(a, "%s (%lld)", g->org_name, (long long)g->org_no));
    put(t, r, 0, "Kommune");
    put(t, r++, 1, arena_printf(a, "%s (%s)", g->municipality_name, g->municipality_code));
    put(t, r, 0, "År");
    put(t, r++, 1, arena_printf(a, "%d", g->year));
    put(t, r, 0, "Status");
    put(t, r++, 1, dlg_state_label[g->state]);
    put(t, r, 0, "Kommunens frist");
    put(t, r++, 1, *g->deadline ? date_da(a, g->deadline) : "Ingen frist");
    put(t, r, 0, "Afdelinger");
    put(t, r++, 1, arena_printf(a, "%zu med %s boliger", g->ndepartments, count_text(a, k->dwellings)));
    put(t, r, 0, "Besvaret");
    put(t, r++, 1,
        arena_printf(a, "%lld af %zu afdelinger på alle syv punkter", (long long)k->answered, g->ndepartments));
    put(t, r, 0, "Dialogmøde");
    put(t, r++, 1, *g->meeting_date ? date_da(a, g->meeting_date) : "Ikke afholdt");
    put(t, r, 0, "Offentliggjort");
    put(t, r++, 1, *g->published_at ? date_da(a, g->published_at) : "Nej");
    t->nrows = r;
    rpt_add_table(b, t, 1);

    rpt_heading(b, 2, "Organisationens sammenfatning");
    if (g->summary && *g->summary)
        rpt_text(b, g->summary);
    else
        rpt_note(b, "Organisationen har ikke skrevet en sammenfatning.");

    if (g->nhistory) {
        static const char *const hcols[4] = { "Dato", "Status", "Af", "Kommentar" };
        rpt_table *h = rpt_table_new(a, "forloeb", "Forløb", RPT_TABLE, g->nhistory, hcols, 4);
        h->numeric[1] = h->numeric[2] = h->numeric[3] = false;
        for (size_t i = 0; i < g->nhistory; i++) {
            const dlg_history *x = &g->history[i];
            put(h, i, 0, date_da(a, x->effective));
            put(h, i, 1, dlg_state_label[x->to]);
            put(h, i, 2, or_dash(x->user_name));
            put(h, i, 3, x->comment && *x->comment ? x->comment : "");
        }
        rpt_add_table(b, h, 2);
    }
}

static void definitions(dlg_package *k, arena *a, rpt_builder *b)
{
    static const char *const cols[2] = { "Spørgsmål", "Organisationens definition" };
    rpt_table *t = rpt_table_new(a, "definitioner", "Organisationens definitioner af de fire spørgsmål", RPT_TABLE,
                                 DLG_QUESTIONS, cols, 2);
    t->numeric[1] = false;
    for (size_t q = 0; q < DLG_QUESTIONS; q++) {
        const dlg_definition *x = &k->defs[q];
        put(t, q, 0, dlg_question_prompt[q]);
        if (x->text && *x->text)
            put(t, q, 1, arena_printf(a, "%s\n(gælder fra %d)", x->text, x->year_from));
        else
            put(t, q, 1, "Ikke defineret");
    }
    t->note = "Definitionerne gælder fra det angivne år, til organisationen ændrer dem.";
    rpt_add_table(b, t, 1);
}

/* Every department's scores as a heat map (darker = less satisfactory) and
 * the distribution per item with a bar chart of the concerns. */
static void scores(dlg_package *k, arena *a, rpt_builder *b)
{
    const dialogue *g = &k->g;
    {
        static const char *const cols[DLG_SCALE_MAX + 3] = {
            "Punkt", "4", "3", "2", "1", "Ikke besvaret", "2 eller 1"
        };
        rpt_table *t = rpt_table_new(a, "vurderinger", "Vurderingerne på de syv punkter", RPT_TABLE, DI_COUNT, cols,
                                     DLG_SCALE_MAX + 3);
        for (size_t i = 0; i < DI_COUNT; i++) {
            put(t, i, 0, dlg_item_label[i]);
            for (int s = DLG_SCALE_MAX; s >= 1; s--)
                put_n(a, t, i, (size_t)(DLG_SCALE_MAX - s + 1), k->scores[i][s]);
            put_n(a, t, i, DLG_SCALE_MAX + 1, k->scores[i][0]);
            put_n(a, t, i, DLG_SCALE_MAX + 2, k->scores[i][1] + k->scores[i][2]);
        }
        t->note = "Antal afdelinger pr. punkt og vurdering: 4 tilfredsstillende, 3 overvejende tilfredsstillende, 2 "
                  "mindre tilfredsstillende, 1 ikke tilfredsstillende. De tre første punkter er lovens tre test af en "
                  "velfungerende afdeling, de fire sidste er styringsdialogens fire spørgsmål.";
        static const rpt_bars bars = { .title = "Afdelinger vurderet mindre eller ikke tilfredsstillende",
                                       .svg_id = "rp-dlg-concern",
                                       .npanels = 1,
                                       .cols = { DLG_SCALE_MAX + 2, 0 },
                                       .heads = { "Afdelinger", NULL } };
        rpt_block *x = rpt_add_table(b, t, 1);
        x->bars = &bars;
    }
    {
        const char *cols[DI_COUNT + 1];
        cols[0] = "Afdeling";
        for (size_t i = 0; i < DI_COUNT; i++)
            cols[i + 1] = item_head[i];
        rpt_table *t = rpt_table_new(a, "afdelinger", "Vurderinger pr. afdeling", RPT_HEATMAP, g->ndepartments, cols,
                                     DI_COUNT + 1);
        t->heat_cols = DI_COUNT;
        for (size_t r = 0; r < k->nsheets; r++) {
            const dlg_sheet *s = &k->sheets[r];
            bool flagged = s->warning_found && s->warning.status != WARN_STABLE;
            put(t, r, 0,
                arena_printf(a, "%s %s%s%s%s", s->dept.key, s->dept.name, s->dept.selected ? " ●" : "",
                             flagged ? "\nTidlig varsling: " : "", flagged ? warn_text(s) : ""));
            for (size_t i = 0; i < DI_COUNT; i++) {
                int sc = s->answers[i].score;
                rpt_cell *c = &t->cells[r * t->ncols + i + 1];
                c->text = sc > 0 ? arena_printf(a, "%d", sc) : "–";
                c->num = sc > 0 ? sc : NAN;
                c->shade = sc > 0 ? (DLG_SCALE_MAX - sc) + 1 : 0; /* 4 → 1 (light), 1 → 4 (dark) */
            }
        }
        t->note = "4 = tilfredsstillende, 3 = overvejende tilfredsstillende, 2 = mindre tilfredsstillende, "
                  "1 = ikke tilfredsstillende, – = ikke besvaret; jo mørkere felt, jo mindre tilfredsstillende. "
                  "● = udvalgt til nærmere dialog.";
        rpt_add_table(b, t, 1);
    }
}

static void selections(dlg_package *k, arena *a, rpt_builder *b)
{
    rpt_heading(b, 1, "Afdelinger udvalgt til nærmere dialog");
    if (k->nselections == 0) {
        rpt_note(b, "Ingen afdelinger er udvalgt til nærmere dialog.");
        return;
    }
    rpt_note(b, "Data foreslår afdelinger med varsel, på en af de officielle lister eller med en klart forværret "
                "udvikling; organisationen bekræfter udvælgelsen og beskriver hver afdeling med en SWOT.");
    for (size_t i = 0; i < k->nselections; i++) {
        const dlg_selection *s = &k->selections[i];
        static const char *const cols[2] = { "Hvad", "Tekst" };
        rpt_table *t = rpt_table_new(a, arena_printf(a, "swot_%s", s->key), arena_printf(a, "%s %s", s->key, s->name),
                                     RPT_FACTS, 6, cols, 2);
        put(t, 0, 0, "Udvælgelse");
        put(t, 0, 1,
            arena_printf(a, "%s%s", s->proposed ? "Foreslået ud fra data" : "Tilføjet af organisationen",
                         s->confirmed ? " · bekræftet" : " · ikke bekræftet"));
        put(t, 1, 0, "Begrundelse");
        put(t, 1, 1, s->reasons && *s->reasons ? s->reasons : "–");
        put(t, 2, 0, "Styrker");
        put(t, 2, 1, or_dash(s->strengths));
        put(t, 3, 0, "Svagheder");
        put(t, 3, 1, or_dash(s->weaknesses));
        put(t, 4, 0, "Muligheder");
        put(t, 4, 1, or_dash(s->opportunities));
        put(t, 5, 0, "Trusler");
        put(t, 5, 1, or_dash(s->threats));
        rpt_add_table(b, t, 2);
    }
}

static const char *goal_on(arena *a, const dlg_goal *x)
{
    if (x->department_id == 0)
        return "Organisationen i kommunen";
    return arena_printf(a, "%s %s", or_dash(x->department_key), x->department_name ? x->department_name : "");
}

/* "title\nfor whom · the key figure[\nfollow-up]": the goal as a row label
 * with its detail under it. */
static const char *goal_label(arena *a, const dlg_goal *x, bool follow_up)
{
    const char *label =
        arena_printf(a, "%s\n%s · %s", x->title, goal_on(a, x), x->kf >= 0 ? kf_name(x->kf) : "uden nøgletal");
    if (follow_up && x->follow_up && *x->follow_up)
        label = arena_printf(a, "%s\nOpfølgning: %s", label, x->follow_up);
    return label;
}

static void goals(dlg_package *k, arena *a, rpt_builder *b)
{
    const dialogue *g = &k->g;
    {
        static const char *const cols[3] = { "Mål", "Udgangspunkt", "Mål for tallet" };
        rpt_table *t =
            rpt_table_new(a, "maal", arena_printf(a, "Mål for %d", g->year + 1), RPT_TABLE, k->ngoals, cols, 3);
        for (size_t i = 0; i < k->ngoals; i++) {
            const dlg_goal *x = &k->goals[i];
            put(t, i, 0, goal_label(a, x, false));
            if (x->kf >= 0) {
                put(t, i, 1,
                    isnan(x->baseline_value) ? "–"
                                             : arena_printf(a, "%s (%d)", fig_text(a, x->kf, x->baseline_value, false),
                                                            x->baseline_year ? x->baseline_year : g->year));
                put(t, i, 2,
                    arena_printf(a, "%s (%d)", fig_text(a, x->kf, x->target_value, false),
                                 x->target_year ? x->target_year : g->year + 1));
            } else {
                put(t, i, 1, "–");
                put(t, i, 2, "–");
            }
        }
        rpt_block *x = rpt_add_table(b, t, 1);
        x->empty = "Der er ikke aftalt mål for det kommende år.";
    }
    {
        static const char *const cols[4] = { "Mål", "Mål for tallet", "Faktisk", "Status" };
        rpt_table *t = rpt_table_new(a, "opfoelgning", arena_printf(a, "Opfølgning på målene fra %d", g->year - 1),
                                     RPT_TABLE, k->nfollowups, cols, 4);
        t->numeric[3] = false;
        for (size_t i = 0; i < k->nfollowups; i++) {
            const dlg_followup *f = &k->followups[i];
            const dlg_goal *x = &f->goal;
            put(t, i, 0, goal_label(a, x, true));
            if (x->kf >= 0) {
                put(t, i, 1, arena_printf(a, "%s (%d)", fig_text(a, x->kf, x->target_value, false), x->target_year));
                if (f->suppressed || !isnan(f->actual))
                    put(t, i, 2,
                        arena_printf(a, "%s (%d)", fig_text(a, x->kf, f->actual, f->suppressed), f->actual_year));
                else
                    put(t, i, 2, "–");
            } else {
                put(t, i, 1, "–");
                put(t, i, 2, "–");
            }
            put(t, i, 3, dlg_goal_status_label[f->status]);
        }
        if (k->nfollowups)
            t->note = "Faktisk: afdelingens værdi i målåret, for organisationens mål afdelingernes samlede værdi.";
        rpt_block *x = rpt_add_table(b, t, 1);
        x->empty = "Der var ingen mål fra sidste års styringsdialog.";
    }
}

static void plans(dlg_package *k, arena *a, rpt_builder *b)
{
    static const char *const cols[5] = { "Plan", "Type", "Status", "Periode", "Fokusområder" };
    rpt_table *t =
        rpt_table_new(a, "planer", "Planer i organisationens områder i kommunen", RPT_TABLE, k->nplans, cols, 5);
    for (size_t c = 1; c < 5; c++)
        t->numeric[c] = false;
    for (size_t i = 0; i < k->nplans; i++) {
        const plan_summary *x = &k->plans[i];
        put(t, i, 0, x->name);
        put(t, i, 1, plan_type_label[x->type]);
        put(t, i, 2, plan_state_label[x->state]);
        put(t, i, 3,
            *x->start_date || *x->end_date ? arena_printf(a, "%s–%s", *x->start_date ? date_da(a, x->start_date) : "?",
                                                          *x->end_date ? date_da(a, x->end_date) : "?")
                                           : "Ikke angivet");
        put(t, i, 4, or_dash(x->focus));
    }
    rpt_block *x = rpt_add_table(b, t, 1);
    x->empty = "Ingen igangværende planer i organisationens afdelinger i kommunen.";
}

/* The PDF header's right side on a department's pages. */
static const char *sheet_running(arena *a, const dlg_sheet *s)
{
    return arena_printf(a, "Afdeling %s · %s", s->dept.key, s->dept.name);
}

static void sheet(dlg_package *k, const dlg_sheet *s, arena *a, rpt_builder *b, bool first)
{
    if (!first) /* every department on a page of its own, named in the header */
        rpt_add(b, RB_PAGE_BREAK)->running = sheet_running(a, s);
    rpt_block *h = rpt_add(b, RB_HEADING);
    h->text = arena_printf(a, "Afdeling %s · %s", s->dept.key, s->dept.name);
    h->id = arena_printf(a, "afd-%s", s->dept.key);
    static const char *const fcols[2] = { "Hvad", "Værdi" };
    rpt_table *t = rpt_table_new(a, arena_printf(a, "afdeling_%s", s->dept.key), "", RPT_FACTS, 8, fcols, 2);
    size_t r = 0;
    put(t, r, 0, "Adresse");
    put(t, r++, 1, or_dash(s->address));
    put(t, r, 0, "Opført");
    put(t, r++, 1, s->build_year ? arena_printf(a, "%d", s->build_year) : "Ukendt");
    put(t, r, 0, "Boliger");
    put(t, r++, 1,
        arena_printf(a, "%s (familie %s, ældre %s, ungdom %s)", count_text(a, s->dept.dwellings),
                     count_text(a, s->dwellings_family), count_text(a, s->dwellings_elderly),
                     count_text(a, s->dwellings_youth)));
    put(t, r, 0, "Boligområde");
    put(t, r++, 1, or_dash(s->areas));
    put(t, r, 0, "Officielle lister");
    put(t, r++, 1, s->lists && *s->lists ? s->lists : "Ingen");
    put(t, r, 0, "Planer");
    put(t, r++, 1, s->plans && *s->plans ? s->plans : "Ingen");
    put(t, r, 0, "Tidlig varsling");
    if (s->warning_found) {
        buf w;
        buf_init(&w, 0);
        buf_printf(&w, "%s (%d)", warn_status_label[s->warning.status], s->warning.year);
        for (size_t i = 0; i < s->warning.nreasons; i++)
            buf_printf(&w, "%s%s", i ? "; " : ": ", s->warning.reasons[i]);
        put(t, r++, 1, arena_strdup(a, buf_cstr(&w)));
        buf_free(&w);
    } else
        put(t, r++, 1, "Ingen status for året");
    put(t, r, 0, "Nærmere dialog");
    put(t, r++, 1, s->dept.selected ? (s->dept.confirmed ? "Udvalgt (bekræftet)" : "Foreslået") : "Nej");
    t->nrows = r;
    rpt_add_table(b, t, 2);

    static const char *const cols[3] = { "Punkt", "Vurdering", "Begrundelse" };
    rpt_table *v =
        rpt_table_new(a, arena_printf(a, "vurdering_%s", s->dept.key), "Vurderinger", RPT_TABLE, DI_COUNT, cols, 3);
    v->numeric[1] = v->numeric[2] = false;
    size_t nfig = 0;
    for (size_t i = 0; i < DI_COUNT; i++) {
        const dlg_answer *x = &s->answers[i];
        put(v, i, 0, dlg_item_label[i]);
        int sc = x->score >= 0 && x->score <= DLG_SCALE_MAX ? x->score : 0;
        put(v, i, 1, sc ? arena_printf(a, "%d · %s", sc, dlg_scale_label[sc]) : dlg_scale_label[0]);
        put(v, i, 2, x->justification && *x->justification ? x->justification : "–");
        nfig += x->nfigures;
    }
    rpt_add_table(b, v, 2);

    if (nfig == 0)
        return;
    rpt_series *ser = arena_zalloc(a, nfig * sizeof *ser);
    size_t n = 0;
    for (size_t i = 0; i < DI_COUNT; i++) {
        const dlg_answer *x = &s->answers[i];
        for (size_t j = 0; j < x->nfigures; j++) {
            const dlg_figure *f = &x->figures[j];
            /* A figure beside several items is shown once, under the first,
             * naming the others. */
            bool seen = false;
            for (size_t i0 = 0; i0 < i && !seen; i0++)
                for (size_t j0 = 0; j0 < s->answers[i0].nfigures; j0++)
                    seen |= s->answers[i0].figures[j0].kf == f->kf;
            if (seen)
                continue;
            buf also;
            buf_init(&also, 0);
            for (size_t i1 = i + 1; i1 < DI_COUNT; i1++)
                for (size_t j1 = 0; j1 < s->answers[i1].nfigures; j1++)
                    if (s->answers[i1].figures[j1].kf == f->kf)
                        buf_printf(&also, "%s%s", also.len ? ", " : "", item_short[i1]);
            rpt_series *z = &ser[n++];
            z->group = dlg_item_label[i];
            z->label = kf_name(f->kf);
            z->value = f->year ? fig_text(a, f->kf, f->value, f->suppressed) : "–";
            buf note;
            buf_init(&note, 0);
            if (f->nseries)
                buf_printf(&note, "%d–%d", f->series_years[0], f->series_years[f->nseries - 1]);
            if (!isnan(f->municipality_value))
                buf_printf(&note, "%sKommunen %s", note.len ? " · " : "",
                           fig_text(a, f->kf, f->municipality_value, false));
            if (!isnan(f->country_value))
                buf_printf(&note, "%sLandet %s", note.len ? " · " : "", fig_text(a, f->kf, f->country_value, false));
            if (!isnan(f->trend_z) && f->trend_z >= DLG_TREND_Z)
                buf_printf(&note, "%sKlart forværret", note.len ? " · " : "");
            if (also.len)
                buf_printf(&note, "%sOgså bag: %s", note.len ? " · " : "", buf_cstr(&also));
            z->note = arena_strdup(a, buf_cstr(&note));
            buf_free(&note);
            buf_free(&also);
            z->years = f->series_years;
            /* A suppressed figure shows no series at all. */
            double *vals = arena_zalloc(a, (f->nseries ? f->nseries : 1) * sizeof *vals);
            for (size_t y = 0; y < f->nseries; y++)
                vals[y] = f->suppressed ? NAN : f->series[y];
            z->values = vals;
            if (f->suppressed)
                z->empty = "Skjult: under 5";
            z->n = f->nseries;
        }
    }
    rpt_heading(b, 2, "Nøgletal bag vurderingerne");
    rpt_block *x = rpt_add(b, RB_SERIES);
    x->series = ser;
    x->nseries = n;
    (void)k;
}

static void layout(dlg_package *k, arena *a)
{
    const dialogue *g = &k->g;
    rpt_doc *doc = &k->doc;
    memset(doc, 0, sizeof *doc);
    doc->kicker = "Styringsdialog · dokumentationspakke";
    doc->title = arena_printf(a, "%s · %s Kommune · %d", g->org_name, g->municipality_name, g->year);
    doc->subtitle = arena_printf(a, "Styringsdialogen %d · %s", g->year, dlg_state_label[g->state]);
    doc->generated_da = k->generated_da;
    doc->badge = "Fortroligt – til dialogens parter";
    doc->doc_title = arena_printf(a, "Styringsdialog %d · %s · %s", g->year, g->org_name, g->municipality_name);
    doc->header_right = "Styringsdialog · dokumentationspakke";
    doc->css_class = "lbf-report dlg-package";
    doc->foot_html = "Nøgletal, der hviler på færre end 5 personer eller husstande, vises som <5. Vurderinger, "
                     "begrundelser og SWOT er organisationens og offentliggøres ikke; de offentlige datablade viser "
                     "kun nøgletallene.";

    rpt_key *keys = arena_zalloc(a, 6 * sizeof *keys);
    int64_t selected = 0;
    for (size_t i = 0; i < k->nselections; i++)
        selected += k->selections[i].confirmed;
    keys[0] = (rpt_key){ count_text(a, (int64_t)g->ndepartments), "Afdelinger", NULL };
    keys[1] = (rpt_key){ count_text(a, k->dwellings), "Boliger", NULL };
    keys[2] = (rpt_key){ arena_printf(a, "%lld af %zu", (long long)k->answered, g->ndepartments), "Besvaret",
                         "Afdelinger besvaret" };
    keys[3] = (rpt_key){ count_text(a, selected), "Udvalgt", "Udvalgt til nærmere dialog" };
    keys[4] = (rpt_key){ arena_printf(a, "%lld / %lld", (long long)k->alarms, (long long)k->watches), "Alarm / skærpet",
                         "Tidlig varsling: alarm / skærpet" };
    keys[5] = (rpt_key){ count_text(a, (int64_t)k->ngoals), arena_printf(a, "Mål for %d", g->year + 1), NULL };
    doc->keys = keys;
    doc->nkeys = 6;

    rpt_builder b;
    rpt_builder_init(&b, a);
    overview(k, a, &b);
    definitions(k, a, &b);
    scores(k, a, &b);
    selections(k, a, &b);
    goals(k, a, &b);
    plans(k, a, &b);
    if (k->nsheets) {
        rpt_add(&b, RB_PAGE_BREAK)->running = sheet_running(a, &k->sheets[0]);
        rpt_heading(&b, 1, "Afdelingsark");
        rpt_note(&b, arena_printf(a,
                                  "Et ark pr. afdeling: stamdata, de syv vurderinger med begrundelse, nøgletallene bag "
                                  "dem med udviklingen de seneste år og sammenligning med kommunen og landet, og "
                                  "status i tidlig varsling. %zu afdelinger.",
                                  k->nsheets));
    }
    for (size_t i = 0; i < k->nsheets; i++)
        sheet(k, &k->sheets[i], a, &b, i == 0);
    rpt_builder_finish(&b, doc);
}

/* ---- reading ---- */

hh_err dlg_package_build(db *d, const principal *p, arena *a, int64_t id, dlg_package *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    hh_err rc = dlg_get(d, p, a, id, &out->g, e);
    if (rc)
        return rc;
    const dialogue *g = &out->g;
    if ((rc = dlg_definitions(d, p, a, g->org_no, g->year, out->defs, e)))
        return rc;
    out->nsheets = g->ndepartments;
    out->sheets = arena_zalloc(a, (g->ndepartments ? g->ndepartments : 1) * sizeof *out->sheets);
    if ((rc = dlg_sheets_fill(d, a, g, out->sheets, e)))
        return rc;
    for (size_t i = 0; i < g->ndepartments; i++) {
        const dlg_department *dep = &g->departments[i];
        out->dwellings += dep->dwellings;
        if (dep->answered >= DI_COUNT)
            out->answered++;
        if (dep->status == WARN_ALARM)
            out->alarms++;
        else if (dep->status == WARN_WATCH)
            out->watches++;
        for (size_t it = 0; it < DI_COUNT; it++) {
            int sc = out->sheets[i].answers[it].score;
            out->scores[it][sc >= 0 && sc <= DLG_SCALE_MAX ? sc : 0]++;
        }
    }
    if ((rc = dlg_selections(d, p, a, id, &out->selections, &out->nselections, e)))
        return rc;
    if ((rc = dlg_goals(d, p, a, id, &out->goals, &out->ngoals, e)))
        return rc;
    if ((rc = dlg_followups(d, p, a, id, &out->followups, &out->nfollowups, e)))
        return rc;
    plan_filter f = { .type = -1, .state = -1, .municipality_code = g->municipality_code, .org_no = g->org_no };
    plan_summary *pl;
    size_t npl;
    if ((rc = plan_list(d, p, a, &f, &pl, &npl, e)))
        return rc;
    out->plans = arena_zalloc(a, (npl ? npl : 1) * sizeof *out->plans);
    for (size_t i = 0; i < npl; i++)
        if (pl[i].state != PS_CLOSED && pl[i].state != PS_ANCHORED)
            out->plans[out->nplans++] = pl[i];
    char now[21];
    hh_utc_iso(now);
    out->generated = arena_strndup(a, now, 10);
    out->generated_da = date_da(a, out->generated);
    layout(out, a);
    return HH_OK;
}

hh_err dlg_package_find(db *d, const principal *p, arena *a, int64_t org_no, const char *municipality_code, int year,
                        int64_t *id, hh_error *e)
{
    dlg_filter f = { .municipality_code = municipality_code, .org_no = org_no, .year = year, .state = -1 };
    dlg_summary *rows;
    size_t n;
    hh_err rc = dlg_list(d, p, a, &f, &rows, &n, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (rows[i].id > 0 && rows[i].org_no == org_no && strcmp(rows[i].municipality_code, municipality_code) == 0 &&
            rows[i].year == year) {
            *id = rows[i].id;
            return HH_OK;
        }
    return hh_fail(e, HH_ERR_NOTFOUND, NULL, "ingen styringsdialog for organisation %lld i kommune %s i %d",
                   (long long)org_no, municipality_code, year);
}

/* ---- renderers ---- */

hh_err dlg_package_pdf(const dlg_package *k, buf *out, int *pages, hh_error *e)
{
    return rpt_pdf(&k->doc, out, pages, e);
}

void dlg_package_html_document(const dlg_package *k, buf *out)
{
    rpt_html_document(&k->doc, out);
}

void dlg_package_html_fragment(const dlg_package *k, buf *out)
{
    rpt_html_fragment(&k->doc, out);
}

const char *dlg_package_filename(arena *a, const dlg_package *k, const char *ext)
{
    return arena_printf(a, "styringsdialog-%lld-%s-%d.%s", (long long)k->g.org_no, k->g.municipality_code, k->g.year,
                        ext);
}

/* ---- JSON ---- */

static json_t *num_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *figure_json(const dlg_figure *f)
{
    const char *code = f->kf >= 0 && (size_t)f->kf < kf_count ? kf_catalogue[f->kf].code : "";
    json_t *series = json_array();
    for (size_t i = 0; i < f->nseries; i++)
        json_array_append_new(series, json_pack("{s:i, s:o}", "year", f->series_years[i], "value",
                                                f->suppressed ? json_null() : num_or_null(f->series[i])));
    return json_pack("{s:s, s:s, s:o, s:o, s:b, s:o, s:o, s:o}", "code", code, "name", kf_name(f->kf), "year",
                     f->year ? json_integer(f->year) : json_null(), "value",
                     f->suppressed ? json_null() : num_or_null(f->value), "suppressed", f->suppressed,
                     "municipality_value", num_or_null(f->municipality_value), "country_value",
                     num_or_null(f->country_value), "series", series);
}

static json_t *goal_json(const dlg_goal *x)
{
    return json_pack("{s:I, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "id", (json_int_t)x->id, "title",
                     x->title ? x->title : "", "department",
                     x->department_id ? json_string(or_dash(x->department_key)) : json_null(), "department_name",
                     x->department_name ? x->department_name : "", "key_figure",
                     x->kf >= 0 ? json_string(kf_catalogue[x->kf].code) : json_null(), "baseline_year",
                     x->baseline_year ? json_integer(x->baseline_year) : json_null(), "baseline_value",
                     num_or_null(x->baseline_value), "target_value", num_or_null(x->target_value), "target_year",
                     x->target_year ? json_integer(x->target_year) : json_null(), "follow_up",
                     x->follow_up ? x->follow_up : "");
}

json_t *dlg_package_json(const dlg_package *k)
{
    const dialogue *g = &k->g;
    json_t *defs = json_array();
    for (size_t q = 0; q < DLG_QUESTIONS; q++)
        json_array_append_new(defs, json_pack("{s:s, s:s, s:s, s:o}", "question", dlg_item_code[DLG_FIRST_QUESTION + q],
                                              "prompt", dlg_question_prompt[q], "text",
                                              k->defs[q].text ? k->defs[q].text : "", "year_from",
                                              k->defs[q].year_from ? json_integer(k->defs[q].year_from) : json_null()));
    json_t *deps = json_array();
    for (size_t i = 0; i < k->nsheets; i++) {
        const dlg_sheet *s = &k->sheets[i];
        json_t *items = json_array();
        for (size_t it = 0; it < DI_COUNT; it++) {
            const dlg_answer *x = &s->answers[it];
            json_t *figs = json_array();
            for (size_t j = 0; j < x->nfigures; j++)
                json_array_append_new(figs, figure_json(&x->figures[j]));
            int sc = x->score >= 0 && x->score <= DLG_SCALE_MAX ? x->score : 0;
            json_array_append_new(items, json_pack("{s:s, s:s, s:o, s:s, s:s, s:o}", "item", dlg_item_code[it], "label",
                                                   dlg_item_label[it], "score", sc ? json_integer(sc) : json_null(),
                                                   "score_label", dlg_scale_label[sc], "justification",
                                                   x->justification ? x->justification : "", "figures", figs));
        }
        json_array_append_new(
            deps, json_pack("{s:s, s:s, s:s, s:o, s:I, s:s, s:s, s:s, s:o, s:b, s:o}", "key", s->dept.key, "name",
                            s->dept.name, "address", s->address ? s->address : "", "build_year",
                            s->build_year ? json_integer(s->build_year) : json_null(), "dwellings",
                            (json_int_t)s->dept.dwellings, "areas", s->areas ? s->areas : "", "lists",
                            s->lists ? s->lists : "", "plans", s->plans ? s->plans : "", "warning",
                            s->warning_found ? json_string(warn_status_code[s->warning.status]) : json_null(),
                            "selected", s->dept.selected, "items", items));
    }
    json_t *sel = json_array();
    for (size_t i = 0; i < k->nselections; i++) {
        const dlg_selection *s = &k->selections[i];
        json_array_append_new(
            sel, json_pack("{s:s, s:s, s:b, s:b, s:s, s:s, s:s, s:s, s:s}", "department", or_dash(s->key), "name",
                           s->name ? s->name : "", "proposed", s->proposed, "confirmed", s->confirmed, "reasons",
                           s->reasons ? s->reasons : "", "strengths", s->strengths ? s->strengths : "", "weaknesses",
                           s->weaknesses ? s->weaknesses : "", "opportunities",
                           s->opportunities ? s->opportunities : "", "threats", s->threats ? s->threats : ""));
    }
    json_t *goals = json_array();
    for (size_t i = 0; i < k->ngoals; i++)
        json_array_append_new(goals, goal_json(&k->goals[i]));
    json_t *fups = json_array();
    for (size_t i = 0; i < k->nfollowups; i++) {
        const dlg_followup *f = &k->followups[i];
        json_t *o = goal_json(&f->goal);
        json_object_set_new(o, "actual_year", f->actual_year ? json_integer(f->actual_year) : json_null());
        json_object_set_new(o, "actual", f->suppressed ? json_null() : num_or_null(f->actual));
        json_object_set_new(o, "suppressed", json_boolean(f->suppressed));
        json_object_set_new(o, "status", json_string(dlg_goal_status_code[f->status]));
        json_array_append_new(fups, o);
    }
    json_t *plans = json_array();
    for (size_t i = 0; i < k->nplans; i++)
        json_array_append_new(plans, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)k->plans[i].id, "name",
                                               k->plans[i].name, "type", plan_type_code[k->plans[i].type], "state",
                                               plan_state_code[k->plans[i].state]));
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)g->id, "org_no", (json_int_t)g->org_no, "org_name", g->org_name, "municipality_code",
                     g->municipality_code, "municipality_name", g->municipality_name, "year", g->year, "state",
                     dlg_state_code[g->state], "summary", g->summary ? g->summary : "", "generated", k->generated,
                     "departments_count", (json_int_t)g->ndepartments, "dwellings", (json_int_t)k->dwellings,
                     "answered_departments", (json_int_t)k->answered, "definitions", defs, "departments", deps,
                     "selection", sel, "goals", goals, "follow_up", fups, "plans", plans);
}
