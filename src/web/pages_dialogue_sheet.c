/* pages_dialogue_sheet.c - a department's sheet in the steering dialogue:
 * master data, early-warning status and reasons, list status, and for each
 * of the three tests and four questions the scale with its labels, the
 * justification and beside it the supporting key figures (value, year, the
 * municipality and the country, a sparkline, "<5" when suppressed), the
 * organisation's definition shown with each question. One form: each item
 * has its own save button, and one saves the whole sheet. Read-only for the
 * municipality side and while the dialogue is locked. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "web/auth_web.h"
#include "web/dialogue_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"
#include "web/svg.h"

static void figure_row(http_req *req, const dlg_figure *f, const char *id)
{
    buf *b = &req->out;
    const key_figure *k = f->kf >= 0 && (size_t)f->kf < kf_count ? &kf_catalogue[f->kf] : NULL;
    if (!k)
        return;
    html_printf(b,
                "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%r</td>"
                "<td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"spark\">",
                k->name_da, dlg_web_kf_value(req, f->kf, f->value, f->suppressed),
                f->year ? arena_printf(&req->a, "%d", f->year) : "–",
                dlg_web_kf_value(req, f->kf, f->municipality_value, false),
                dlg_web_kf_value(req, f->kf, f->country_value, false));
    size_t have = 0;
    for (size_t i = 0; i < f->nseries; i++)
        have += !isnan(f->series[i]);
    if (have >= 2 && !f->suppressed && f->series_years) {
        svg_spark sp = { .label = k->name_da,
                         .values = f->series,
                         .first_year = f->series_years[0],
                         .count = f->nseries,
                         .unit = k->unit && *k->unit ? arena_printf(&req->a, " %s", k->unit) : NULL,
                         .decimals = k->decimals };
        (void)id;
        svg_sparkline(b, &sp);
    } else {
        html_printf(b, "<span class=\"muted\">–</span>");
    }
    if (!isnan(f->trend_z) && f->trend_z >= DLG_TREND_Z)
        html_printf(b, "<span class=\"dlg-flag soon dlg-trend\">Klar forværring</span>");
    html_printf(b, "</td></tr>");
}

/* The typed values of a refused form, or NULL to show the saved ones. */
typedef struct typed {
    const char *score[DI_COUNT];
    const char *just[DI_COUNT];
} typed;

static void sheet_page(http_req *req, const dialogue *g, const dlg_sheet *s, const typed *t, const hh_error *err,
                       int err_item, int status)
{
    buf *b = &req->out;
    bool edit = dlg_may_edit(web_principal(req), g);
    dlg_web_begin(req, g, arena_printf(&req->a, "Afdeling %s %s", s->dept.key, s->dept.name), "oversigt");
    if (http_query(req, "gemt") && !err)
        notice(req, "ok", "Besvarelsen er gemt.");
    if (err && err->msg[0]) {
        const char *anchor = err_item >= 0 ? arena_printf(&req->a, "#item-%s", dlg_item_code[err_item]) : "#besvarelse";
        html_printf(b,
                    "<div id=\"besked\" class=\"notice notice-error\" role=\"alert\"><p><strong>Ikke gemt.</strong> "
                    "<a href=\"%s\">%s</a></p><p>Det, du har skrevet, står stadig i formularen.</p></div>\n",
                    anchor, err->msg);
    }
    if (!edit)
        html_printf(b, "<p class=\"notice dlg-readonly\" role=\"note\">%s</p>\n",
                    dlg_is_side(web_principal(req), g, SIDE_ORGANISATION)
                        ? "Arket kan ikke ændres, mens styringsdialogen er indsendt eller afsluttet."
                        : "Arket udfyldes af boligorganisationen. Du kan læse det her.");

    /* Master data. */
    html_printf(b, "<section aria-labelledby=\"h-stam\"><h2 id=\"h-stam\">Stamdata</h2><dl class=\"facts\">");
    html_printf(b, "<div><dt>Afdeling</dt><dd><a href=\"/afdelinger/%s\">%s %s</a></dd></div>", s->dept.key,
                s->dept.key, s->dept.name);
    if (s->address && *s->address)
        html_printf(b, "<div><dt>Adresse</dt><dd>%s</dd></div>", s->address);
    html_printf(b, "<div><dt>Opført</dt><dd>%r</dd></div>",
                s->build_year ? arena_printf(&req->a, "%d", s->build_year) : "Ukendt");
    html_printf(b,
                "<div><dt>Boliger</dt><dd>%D <span class=\"muted\">(familie %D, ældre %D, ungdom %D)</span></dd>"
                "</div>",
                s->dept.dwellings, s->dwellings_family, s->dwellings_elderly, s->dwellings_youth);
    html_printf(b, "<div><dt>Boligområde</dt><dd>%s</dd></div>", s->areas && *s->areas ? s->areas : "Intet");
    html_printf(b, "<div><dt>Områdelister</dt><dd>%s</dd></div>",
                s->lists && *s->lists ? s->lists : "Ikke på en liste");
    if (s->plans && *s->plans)
        html_printf(b, "<div><dt>Helhedsplaner</dt><dd>%s</dd></div>", s->plans);
    html_printf(b, "</dl></section>\n");

    /* Early warning. */
    html_printf(b, "<section aria-labelledby=\"h-varsel\"><h2 id=\"h-varsel\">Tidlig varsling</h2>");
    if (s->warning_found) {
        html_printf(b, "<p><span class=\"warn warn-%s\">%s</span> <span class=\"muted\">%d</span></p>",
                    warn_status_code[s->warning.status], warn_status_label[s->warning.status], s->warning.year);
        if (s->warning.nreasons) {
            html_printf(b, "<ul class=\"reasons\">");
            for (size_t i = 0; i < s->warning.nreasons; i++)
                html_printf(b, "<li>%s</li>", s->warning.reasons[i]);
            html_printf(b, "</ul>");
        }
    } else {
        html_printf(b, "<p class=\"muted\">Ingen status i den tidlige varsling for afdelingen.</p>");
    }
    html_printf(b, "</section>\n");

    /* The definitions of the four questions in the dialogue's year. */
    dlg_definition defs[DLG_QUESTIONS];
    hh_error de;
    bool have_defs = !dlg_definitions(req->db, web_principal(req), &req->a, g->org_no, g->year, defs, &de);

    html_printf(b, "<section id=\"besvarelse\" aria-labelledby=\"h-besv\"><h2 id=\"h-besv\">De tre test og de fire "
                   "spørgsmål</h2><p class=\"hint\">Hvert punkt besvares på en skala fra 1 til 4 med en begrundelse. "
                   "Nøgletallene ved siden af viser afdelingens værdi med kommunen og landet til sammenligning.</p>");
    /* The items with their saved scores, as a table of contents. */
    html_printf(b, "<nav class=\"dlg-toc\" aria-label=\"Punkter på arket\"><ol>");
    for (int i = 0; i < DI_COUNT; i++)
        html_printf(b, "<li><a href=\"#item-%s\">%s</a> <span class=\"score score-%d\">%s</span></li>",
                    dlg_item_code[i], dlg_item_label[i], s->answers[i].score,
                    s->answers[i].score ? arena_printf(&req->a, "%d", s->answers[i].score) : "–");
    html_printf(b, "</ol></nav>");
    const char *action = arena_printf(&req->a, "/styringsdialog/%lld/afdelinger/%s", (long long)g->id, s->dept.key);
    if (edit)
        form_open(req, action, "dlg-sheet");
    for (int i = 0; i < DI_COUNT; i++) {
        const dlg_answer *a = &s->answers[i];
        const char *code = dlg_item_code[i];
        if (i == 0)
            html_printf(b, "<h3 class=\"dlg-group\">Tre test af en velfungerende afdeling</h3>");
        if (i == (int)DLG_FIRST_QUESTION)
            html_printf(b, "<h3 class=\"dlg-group\">Fire spørgsmål</h3>");
        bool bad = err && err_item == i;
        int score = a->score;
        const char *just = a->justification;
        if (t) {
            int sc = 0;
            score = t->score[i] && hh_parse_int(t->score[i], 0, DLG_SCALE_MAX, &sc) ? sc : 0;
            just = t->just[i];
        }
        html_printf(b, "<div class=\"dlg-item card%r\" id=\"item-%s\"><div class=\"dlg-answer\">",
                    bad ? " invalid" : "", code);
        html_printf(b, "<h4 id=\"h-%s\">%s</h4>", code, dlg_item_label[i]);
        if (i >= (int)DLG_FIRST_QUESTION) {
            int q = i - (int)DLG_FIRST_QUESTION;
            if (have_defs && defs[q].text && *defs[q].text)
                html_printf(b,
                            "<p class=\"dlg-def\"><strong>Organisationens definition</strong> <span "
                            "class=\"muted\">(fra %d)</span>: %s</p>",
                            defs[q].year_from, defs[q].text);
            else
                html_printf(b,
                            "<p class=\"dlg-def muted\">Boligorganisationen har ikke defineret spørgsmålet endnu. "
                            "<a href=\"/styringsdialog/definitioner?org=%D\">Definitioner</a></p>",
                            g->org_no);
        }
        if (edit) {
            html_printf(b, "<fieldset class=\"dlg-scale\"%r><legend>Vurdering af »%s«</legend>",
                        bad ? arena_printf(&req->a, " aria-describedby=\"item-%s-fejl\"", code) : "",
                        dlg_item_label[i]);
            for (int v = DLG_SCALE_MAX; v >= 1; v--)
                html_printf(b,
                            "<label class=\"scale-%d\"><input type=\"radio\" name=\"score_%s\" value=\"%d\"%r> "
                            "<span class=\"scale-num\">%d</span> %s</label>",
                            v, code, v, score == v ? " checked" : "", v, dlg_scale_label[v]);
            html_printf(b, "<label class=\"scale-0\"><input type=\"radio\" name=\"score_%s\" value=\"0\"%r> %s</label>",
                        code, score == 0 ? " checked" : "", dlg_scale_label[0]);
            html_printf(b, "</fieldset>");
            const char *jid = arena_printf(&req->a, "just-%s", code);
            html_printf(b,
                        "<div class=\"field\"><label for=\"%s\">Begrundelse</label><textarea id=\"%s\" "
                        "name=\"just_%s\" rows=\"3\"%r>%s</textarea></div>",
                        jid, jid, code,
                        bad ? arena_printf(&req->a, " aria-invalid=\"true\" aria-describedby=\"item-%s-fejl\"", code)
                            : "",
                        just ? just : "");
            if (bad)
                html_printf(b, "<p class=\"field-error\" id=\"item-%s-fejl\">%s</p>", code, err->msg);
            html_printf(b,
                        "<button type=\"submit\" name=\"save\" value=\"%s\" class=\"secondary\">Gem<span "
                        "class=\"sr-only\"> %s</span></button>",
                        code, dlg_item_label[i]);
        } else {
            html_printf(b, "<p class=\"dlg-score\"><span class=\"score score-%d\">%r%s</span></p>", score,
                        score ? arena_printf(&req->a, "%d · ", score) : "", dlg_scale_label[score]);
            if (just && *just)
                html_printf(b, "<p class=\"dlg-text\">%s</p>", just);
        }
        if (a->user_name && *a->user_name && a->score)
            html_printf(b, "<p class=\"muted\">Senest gemt af %s, %s</p>", a->user_name,
                        plans_date(req, a->updated_at));
        html_printf(b, "</div><div class=\"dlg-figures\">");
        if (a->nfigures) {
            html_printf(b,
                        "<table class=\"data dlg-kf\"><caption>Nøgletal for »%s«</caption><thead><tr><th "
                        "scope=\"col\">Nøgletal</th><th scope=\"col\" class=\"num\">Afdelingen</th><th scope=\"col\" "
                        "class=\"num\">År</th><th scope=\"col\" class=\"num\">Kommunen</th><th scope=\"col\" "
                        "class=\"num\">Landet</th><th scope=\"col\">Udvikling</th></tr></thead><tbody>",
                        dlg_item_label[i]);
            for (size_t k = 0; k < a->nfigures; k++)
                figure_row(req, &a->figures[k], arena_printf(&req->a, "sp-%s-%zu", code, k));
            html_printf(b, "</tbody></table>");
        } else {
            html_printf(b, "<p class=\"muted\">Ingen nøgletal til dette punkt.</p>");
        }
        html_printf(b, "</div></div>\n");
    }
    if (edit)
        html_printf(b, "<p class=\"actions dlg-save-all\"><button type=\"submit\" name=\"save\" value=\"all\">Gem hele "
                       "arket</button></p></form>\n");
    html_printf(b, "</section>\n<nav class=\"dlg-pager\" aria-label=\"Afdelingerne i styringsdialogen\"><ul>");
    for (size_t i = 0; i < g->ndepartments; i++) {
        if (g->departments[i].id != s->dept.id)
            continue;
        if (i > 0)
            html_printf(
                b, "<li><a href=\"/styringsdialog/%D/afdelinger/%s\" rel=\"prev\">Forrige afdeling: %s %s</a></li>",
                g->id, g->departments[i - 1].key, g->departments[i - 1].key, g->departments[i - 1].name);
        html_printf(b, "<li><a href=\"%s#h-afd\">Alle afdelinger i styringsdialogen</a></li>",
                    dlg_web_href(req, g->id));
        if (i + 1 < g->ndepartments)
            html_printf(b,
                        "<li><a href=\"/styringsdialog/%D/afdelinger/%s\" rel=\"next\">Næste afdeling: %s %s</a></li>",
                        g->id, g->departments[i + 1].key, g->departments[i + 1].key, g->departments[i + 1].name);
    }
    html_printf(b, "</ul></nav>\n");
    page_end(req, status);
}

static bool load_sheet(http_req *req, dialogue *g, dlg_sheet *s)
{
    if (!dlg_web_load(req, g))
        return false;
    const dlg_department *d = dlg_web_department(req, g);
    if (!d)
        return false;
    hh_error e;
    hh_err rc = dlg_sheet_get(req->db, web_principal(req), &req->a, g->id, d->id, s, &e);
    if (rc) {
        dlg_web_fail(req, rc, &e, "reading a sheet");
        return false;
    }
    return true;
}

void page_dialogue_sheet(http_req *req)
{
    dialogue g;
    dlg_sheet s;
    if (!load_sheet(req, &g, &s))
        return;
    sheet_page(req, &g, &s, NULL, NULL, -1, 200);
}

void page_dialogue_sheet_post(http_req *req)
{
    dialogue g;
    dlg_sheet s;
    if (!load_sheet(req, &g, &s))
        return;
    const char *save = plans_field(req, "save");
    int only = save && strcmp(save, "all") != 0 ? plan_enum_find(dlg_item_code, DI_COUNT, save) : -1;
    typed t;
    bool any = false;
    for (int i = 0; i < DI_COUNT; i++) {
        t.score[i] = plans_field(req, arena_printf(&req->a, "score_%s", dlg_item_code[i]));
        t.just[i] = http_form(req, arena_printf(&req->a, "just_%s", dlg_item_code[i]));
        any = any || t.score[i] || t.just[i];
    }
    if (!any) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return;
    }
    hh_error e = { 0 };
    hh_err rc = HH_OK;
    int err_item = -1;
    bool edit = dlg_may_edit(web_principal(req), &g);
    for (int i = 0; i < DI_COUNT && !rc; i++) {
        if (only >= 0 && i != only)
            continue;
        if (!t.score[i] && !t.just[i])
            continue;
        int score = 0;
        if (t.score[i] && *t.score[i] && !hh_parse_int(t.score[i], 0, DLG_SCALE_MAX, &score))
            rc = hh_fail(&e, HH_ERR_INPUT, "score", "Vurdering af »%s« skal være 1, 2, 3 eller 4.", dlg_item_label[i]);
        /* Unchanged items are not written again (keeps who saved them). */
        const char *j = t.just[i] ? t.just[i] : "";
        if (!rc && edit && score == s.answers[i].score &&
            strcmp(j, s.answers[i].justification ? s.answers[i].justification : "") == 0)
            continue;
        if (!rc)
            rc = dlg_answer_put(req->db, web_principal(req), g.id, s.dept.id, (dlg_item)i, score, j, &e);
        if (rc)
            err_item = i;
    }
    if (rc == HH_ERR_INPUT) {
        sheet_page(req, &g, &s, &t, &e, err_item, 422);
        return;
    }
    if (rc) {
        dlg_web_fail(req, rc, &e, "saving an answer");
        return;
    }
    web_audit(req, "dialogue.answer", "dialogue", arena_printf(&req->a, "%lld", (long long)g.id), "ok");
    http_redirect(req, 303,
                  arena_printf(&req->a, "/styringsdialog/%lld/afdelinger/%s?gemt=1%s%s", (long long)g.id, s.dept.key,
                               only >= 0 ? "#item-" : "#besvarelse", only >= 0 ? dlg_item_code[only] : ""));
}
