/* pages_activities_common.c - what the activity pages share; see
 * activities_web.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "web/activities_web.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/plans_web.h"

static bool path_id(http_req *req, const char *name, int64_t *id)
{
    const char *s = http_param(req, name);
    return s && hh_parse_int64(s, strlen(s), id) && *id > 0;
}

void act_web_fail(http_req *req, hh_err rc, const hh_error *e, const char *what)
{
    if (rc == HH_ERR_NOTFOUND) {
        http_error(req, 404, "not_found", "Aktiviteten findes ikke, eller du har ikke adgang til den.", NULL);
        return;
    }
    plans_fail(req, rc, e, what);
}

bool act_load_any(http_req *req, plan *pl, activity *x)
{
    int64_t id;
    if (!path_id(req, "activity", &id)) {
        http_error(req, 404, "not_found", "Aktiviteten findes ikke.", NULL);
        return false;
    }
    hh_error e;
    hh_err rc = activity_get(req->db, web_principal(req), &req->a, id, x, &e);
    if (!rc)
        rc = plan_get(req->db, web_principal(req), &req->a, x->plan_id, pl, &e);
    if (rc) {
        act_web_fail(req, rc, &e, "reading an activity");
        return false;
    }
    return true;
}

bool act_load(http_req *req, plan *pl, activity *x)
{
    if (!plans_load(req, pl))
        return false;
    int64_t id;
    hh_error e;
    if (!path_id(req, "activity", &id)) {
        http_error(req, 404, "not_found", "Aktiviteten findes ikke.", NULL);
        return false;
    }
    hh_err rc = activity_get(req->db, web_principal(req), &req->a, id, x, &e);
    if (!rc && x->plan_id != pl->id)
        rc = HH_ERR_NOTFOUND;
    if (rc) {
        act_web_fail(req, rc, &e, "reading an activity");
        return false;
    }
    return true;
}

const char *act_n(http_req *req, int64_t n, bool team)
{
    return act_count_text(&req->a, n, !team);
}

int act_this_year(http_req *req)
{
    int y = 2026;
    const char *t = plans_today(req);
    char ys[5] = { t[0], t[1], t[2], t[3], 0 };
    hh_parse_int(ys, 1900, 9999, &y);
    return y;
}

int act_year(http_req *req)
{
    const char *s = http_query(req, "aar");
    int y;
    if (s && hh_parse_int(s, 2000, 2100, &y))
        return y;
    return act_this_year(req);
}

const char *act_date(http_req *req, const char *iso)
{
    return plans_date(req, iso);
}

void act_begin(http_req *req, const plan *pl, const char *title, const char *cur)
{
    static const struct {
        const char *key, *sub, *label;
    } items[] = {
        { "aktiviteter", "/aktiviteter", "Aktiviteter" }, { "inddragelse", "/inddragelse", "Inddragelse" },
        { "opsoegning", "/opsoegning", "Opsøgning" },     { "roller", "/roller", "Beboerroller og kurser" },
        { "rapport", "/rapport", "Årsrapport" },
    };
    plans_begin(req, pl, title, "aktiviteter");
    buf *b = &req->out;
    html_printf(b, "<nav class=\"subnav\" aria-label=\"Aktiviteter og inddragelse\"><ul>");
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        html_printf(b, "<li><a href=\"/planer/%D%s\"%r>%s</a></li>", pl->id, items[i].sub,
                    cur && strcmp(cur, items[i].key) == 0 ? " aria-current=\"page\"" : "", items[i].label);
    html_printf(b, "</ul></nav>\n");
}

const char *act_bits_text(http_req *req, unsigned bits, const char *const *labels, int count)
{
    const char *out = "";
    for (int i = 0; i < count; i++)
        if (bits & (1u << i))
            out = *out ? arena_printf(&req->a, "%s, %s", out, labels[i]) : labels[i];
    return out;
}

/* ---- form fields ---- */

bool act_err_on(const hh_error *e, const char *field)
{
    if (!e || !e->field[0] || !field)
        return false;
    size_t n = strlen(field);
    return strncmp(e->field, field, n) == 0 && (e->field[n] == '\0' || e->field[n] == '[' || e->field[n] == '.');
}

void act_field_error(http_req *req, const hh_error *e, const char *field)
{
    if (act_err_on(e, field))
        html_printf(&req->out, "<p class=\"field-error\" id=\"%s-fejl\">%s</p>", field, e->msg);
}

const char *act_invalid(http_req *req, const hh_error *e, const char *field)
{
    return act_err_on(e, field) ? arena_printf(&req->a, " aria-invalid=\"true\" aria-describedby=\"%s-fejl\"", field)
                                : "";
}

void act_error_summary(http_req *req, const hh_error *e)
{
    if (!e || !e->msg[0])
        return;
    char field[64];
    size_t k = 0;
    while (e->field[k] && e->field[k] != '[' && e->field[k] != '.' && k + 1 < sizeof field) {
        field[k] = e->field[k];
        k++;
    }
    field[k] = '\0';
    buf *b = &req->out;
    html_printf(b, "<div id=\"besked\" class=\"notice notice-error\" role=\"alert\"><p><strong>Ikke gemt.</strong> ");
    if (field[0])
        html_printf(b, "<a href=\"#%s\">%s</a>", field, e->msg);
    else
        html_printf(b, "%s", e->msg);
    html_printf(b, "</p><p>Det, du har skrevet, står stadig i formularen.</p></div>\n");
}

void act_input(http_req *req, const char *name, const char *label, const char *value, const char *type,
               const char *hint, const hh_error *e)
{
    buf *b = &req->out;
    html_printf(b, "<div class=\"field%r\"><label for=\"%s\">%s</label>", act_err_on(e, name) ? " invalid" : "", name,
                label);
    if (hint)
        html_printf(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", name, hint);
    html_printf(b, "<input id=\"%s\" name=\"%s\" type=\"%s\" value=\"%s\"%r%r>", name, name, type, value ? value : "",
                act_invalid(req, e, name),
                hint && !act_err_on(e, name) ? arena_printf(&req->a, " aria-describedby=\"%s-hint\"", name) : "");
    act_field_error(req, e, name);
    html_printf(b, "</div>\n");
}

void act_textarea(http_req *req, const char *name, const char *label, const char *value, int rows, const char *hint,
                  const hh_error *e)
{
    buf *b = &req->out;
    html_printf(b, "<div class=\"field%r\"><label for=\"%s\">%s</label>", act_err_on(e, name) ? " invalid" : "", name,
                label);
    if (hint)
        html_printf(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", name, hint);
    html_printf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"%d\"%r%r>%s</textarea>", name, name, rows,
                act_invalid(req, e, name),
                hint && !act_err_on(e, name) ? arena_printf(&req->a, " aria-describedby=\"%s-hint\"", name) : "",
                value ? value : "");
    act_field_error(req, e, name);
    html_printf(b, "</div>\n");
}

void act_select(http_req *req, const char *name, const char *label, const char *const *codes, const char *const *labels,
                int count, int selected, const char *empty, const hh_error *e)
{
    buf *b = &req->out;
    html_printf(b, "<div class=\"field%r\"><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\"%r>",
                act_err_on(e, name) ? " invalid" : "", name, label, name, name, act_invalid(req, e, name));
    if (empty)
        html_printf(b, "<option value=\"\">%s</option>", empty);
    for (int i = 0; i < count; i++)
        html_printf(b, "<option value=\"%s\"%r>%s</option>", codes[i], i == selected ? " selected" : "", labels[i]);
    html_printf(b, "</select>");
    act_field_error(req, e, name);
    html_printf(b, "</div>\n");
}

void act_checks(http_req *req, const char *name, const char *legend, const char *const *codes,
                const char *const *labels, int count, unsigned bits, const hh_error *e)
{
    buf *b = &req->out;
    html_printf(b, "<fieldset class=\"checklist%r\" id=\"%s\"%r><legend>%s</legend>",
                act_err_on(e, name) ? " invalid" : "", name,
                act_err_on(e, name) ? arena_printf(&req->a, " aria-describedby=\"%s-fejl\"", name) : "", legend);
    for (int i = 0; i < count; i++)
        html_printf(b, "<label><input type=\"checkbox\" name=\"%s\" value=\"%s\"%r> %s</label>", name, codes[i],
                    bits & (1u << i) ? " checked" : "", labels[i]);
    act_field_error(req, e, name);
    html_printf(b, "</fieldset>\n");
}

unsigned act_form_bits(http_req *req, const char *name, const char *const *codes, int count)
{
    const char **v;
    size_t n = plans_form_all(req, name, &v);
    unsigned bits = 0;
    for (size_t i = 0; i < n; i++) {
        int k = plan_enum_find(codes, count, v[i]);
        if (k >= 0)
            bits |= 1u << k;
    }
    return bits;
}

bool act_form_count(http_req *req, const char *name, int *out)
{
    const char *s = plans_field(req, name);
    *out = 0;
    if (!s || !*s)
        return true;
    return hh_parse_int(s, 0, 1000000, out);
}

/* ---- involvement ---- */

void act_involvement_form(http_req *req, const char *action, int year, involvement *const cur[PHASE_COUNT],
                          const hh_error *e, int err_phase)
{
    buf *b = &req->out;
    for (int ph = 0; ph < PHASE_COUNT; ph++) {
        const involvement *v = cur[ph];
        const hh_error *pe = ph == err_phase ? e : NULL;
        const char *id = arena_printf(&req->a, "fase-%s", inv_phase_code[ph]);
        html_printf(b,
                    "<details class=\"phase card\" id=\"%s\"%r><summary><span class=\"phase-name\">%s</span> "
                    "<span class=\"phase-type\">%s</span></summary>",
                    id, pe ? " open" : "", inv_phase_label[ph],
                    v && v->type < INV_COUNT ? inv_type_label[v->type] : "Ikke registreret");
        form_open(req, action, "phase-form");
        html_printf(b,
                    "<input type=\"hidden\" name=\"year\" value=\"%d\"><input type=\"hidden\" name=\"phase\" "
                    "value=\"%s\">",
                    year, inv_phase_code[ph]);
        if (pe && pe->msg[0])
            html_printf(b, "<p class=\"field-error\" role=\"alert\">%s</p>", pe->msg);
        html_printf(b, "<fieldset class=\"checklist\"><legend>Deltagelsesform i fasen %s</legend>",
                    inv_phase_label[ph]);
        for (int t = 0; t < INV_COUNT; t++)
            html_printf(b, "<label><input type=\"radio\" name=\"type\" value=\"%s\"%r> %s</label>", inv_type_code[t],
                        v && (int)v->type == t ? " checked" : "", inv_type_label[t]);
        html_printf(b, "</fieldset>");
        const char *sel = arena_printf(&req->a, "hart-%s", inv_phase_code[ph]);
        html_printf(b,
                    "<div class=\"field\"><label for=\"%s\">Trin på Harts stige (valgfrit)</label><select id=\"%s\" "
                    "name=\"hart\"><option value=\"\">Ikke angivet</option>",
                    sel, sel);
        for (int r = 1; r <= 8; r++)
            html_printf(b, "<option value=\"%d\"%r>%d. %s</option>", r, v && v->hart_rung == r ? " selected" : "", r,
                        inv_hart_label[r]);
        html_printf(b, "</select></div>");
        for (int q = 0; q < INV_QUESTIONS; q++) {
            const char *qid = arena_printf(&req->a, "q-%s-%s", inv_phase_code[ph], inv_question_code[q]);
            html_printf(b,
                        "<div class=\"field\"><label for=\"%s\">%s</label><textarea id=\"%s\" name=\"q_%s\" "
                        "rows=\"2\">%s</textarea></div>",
                        qid, inv_question_label[q], qid, inv_question_code[q], v && v->answers[q] ? v->answers[q] : "");
        }
        html_printf(b, "<button type=\"submit\">Gem %s</button></form></details>\n", inv_phase_label[ph]);
    }
}

bool act_involvement_read(http_req *req, involvement *v)
{
    const char *ph = plans_field(req, "phase"), *ys = plans_field(req, "year"), *ty = plans_field(req, "type");
    const char *hart = plans_field(req, "hart");
    int phase = ph ? plan_enum_find(inv_phase_code, PHASE_COUNT, ph) : -1;
    int year = 0, rung = 0;
    if (phase < 0 || !ys || !hh_parse_int(ys, 2000, 2100, &year)) {
        http_error(req, 400, "bad_request", "Formularen mangler felter. Genindlæs siden, og prøv igen.", NULL);
        return false;
    }
    v->phase = (inv_phase)phase;
    v->year = year;
    int t = ty ? plan_enum_find(inv_type_code, INV_COUNT, ty) : -1;
    v->type = t >= 0 ? (inv_type)t : INV_COUNT; /* INV_COUNT: none chosen, refused by the caller */
    if (hart && *hart && !hh_parse_int(hart, 1, 8, &rung))
        rung = 0;
    v->hart_rung = rung;
    for (int q = 0; q < INV_QUESTIONS; q++) {
        const char *a = plans_field(req, arena_printf(&req->a, "q_%s", inv_question_code[q]));
        v->answers[q] = a ? a : "";
    }
    return true;
}
