/* pages_activities_register.c - registering a session on the phone: the
 * signed-in user's writable activities (those meeting today first) and the
 * session form. The form works without JavaScript (plain number inputs, a
 * refused form comes back with everything typed and the error at the
 * field); web/registrer.js adds − / + steppers, keeps the entries in the
 * phone's storage and sends with fetch, so a lost connection loses nothing.
 * A hidden client_token made per form render lets a retry be counted once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/crypto.h"
#include "core/str.h"
#include "web/activities_web.h"
#include "web/auth_web.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/plans_web.h"

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* The writable plans, each asked once. */
typedef struct plan_memo {
    int64_t id;
    bool write;
} plan_memo;

/* Whether the caller may write plan_id into *w; a failed read (the plan
 * came from a scoped list, so any failure is the database's) answers the
 * request and returns false. */
static bool may_write_plan(http_req *req, plan_memo *memo, size_t *nmemo, size_t cap, int64_t plan_id, bool *w)
{
    for (size_t i = 0; i < *nmemo; i++)
        if (memo[i].id == plan_id) {
            *w = memo[i].write;
            return true;
        }
    plan pl;
    hh_error e;
    hh_err rc = plan_get(req->db, web_principal(req), &req->a, plan_id, &pl, &e);
    if (rc) {
        act_web_fail(req, rc, &e, "reading a plan");
        return false;
    }
    *w = plans_may_write(req, &pl);
    if (*nmemo < cap)
        memo[(*nmemo)++] = (plan_memo){ plan_id, *w };
    return true;
}

static void activity_item(http_req *req, const activity *x, bool today, bool many_plans)
{
    const char *meta = act_schedule_label[x->schedule];
    if (*or_empty(x->start_time))
        meta = arena_printf(&req->a, "%s · kl. %s", meta, x->start_time);
    if (many_plans)
        meta = arena_printf(&req->a, "%s · %s", meta, or_empty(x->plan_name));
    html_printf(&req->out,
                "<li><a class=\"reg-item%r\" href=\"/registrer/%D\"><span class=\"reg-name\">%s</span>"
                "<span class=\"reg-meta\">%r%s</span></a></li>",
                today ? " today" : "", x->id, x->name, today ? "<strong>I dag</strong> · " : "", meta);
}

void page_act_register_list(http_req *req)
{
    hh_error e;
    const char *today = plans_today(req);
    activity_filter ft = { .status = -1, .category = -1, .scheduled_on_set = true, .scheduled_on = today };
    activity_filter fa = { .status = -1, .category = -1 };
    activity *xt, *xa;
    size_t nt = 0, na = 0;
    hh_err rc = activity_list(req->db, web_principal(req), &req->a, &ft, &xt, &nt, &e);
    if (!rc)
        rc = activity_list(req->db, web_principal(req), &req->a, &fa, &xa, &na, &e);
    if (rc) {
        act_web_fail(req, rc, &e, "listing activities");
        return;
    }
    enum { MEMO = 64 };
    plan_memo memo[MEMO];
    size_t nmemo = 0;
    /* Writable ones only; stopped ones are not offered. */
    size_t wt = 0, wa = 0;
    int64_t first_plan = 0;
    bool many_plans = false;
    for (size_t i = 0; i < na; i++) {
        bool w = false;
        if (xa[i].status != AS_STOPPED && !may_write_plan(req, memo, &nmemo, MEMO, xa[i].plan_id, &w))
            return;
        if (!w)
            continue;
        if (!first_plan)
            first_plan = xa[i].plan_id;
        else if (xa[i].plan_id != first_plan)
            many_plans = true;
        xa[wa++] = xa[i];
    }
    for (size_t i = 0; i < nt; i++) {
        bool w = false;
        if (xt[i].status != AS_STOPPED && !may_write_plan(req, memo, &nmemo, MEMO, xt[i].plan_id, &w))
            return;
        if (w)
            xt[wt++] = xt[i];
    }
    static const crumb crumbs[] = { { "/", "Forside" }, { NULL, "Registrer fremmøde" } };
    page pg = { .title = "Registrer fremmøde", .nav = "register", .crumbs = crumbs, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<div class=\"reg\"><h1>Registrer fremmøde</h1>\n");
    if (!wa) {
        html_printf(b, "<p class=\"empty\">Du har ingen aktiviteter, du kan registrere fremmøde på. Aktiviteter "
                       "oprettes under planens side »Aktiviteter«.</p></div>\n");
        page_end(req, 200);
        return;
    }
    if (wt) {
        html_printf(b, "<h2>I dag, %s</h2><ul class=\"reg-list\">", act_date(req, today));
        for (size_t i = 0; i < wt; i++)
            activity_item(req, &xt[i], true, many_plans);
        html_printf(b, "</ul>");
    } else {
        html_printf(b, "<p class=\"muted\">Ingen af dine aktiviteter står i kalenderen i dag.</p>");
    }
    html_printf(b, "<h2>%s</h2><ul class=\"reg-list\">", wt ? "Andre aktiviteter" : "Dine aktiviteter");
    for (size_t i = 0; i < wa; i++) {
        bool is_today = false;
        for (size_t k = 0; k < wt; k++)
            is_today |= xt[k].id == xa[i].id;
        if (!is_today)
            activity_item(req, &xa[i], false, many_plans);
    }
    html_printf(b, "</ul></div>\n");
    page_end(req, 200);
}

/* ---- the session form ---- */

static const char *cell_name(http_req *req, int g, int a)
{
    return arena_printf(&req->a, "c_%s_%s", act_gender_code[g], act_age_code[a]);
}

static const char *fresh_token(http_req *req)
{
    char out[HH_TOKEN_CHARS];
    crypto_random_token(out);
    return arena_strdup(&req->a, out);
}

/* A number with − / + buttons (the buttons come with the script; without it
 * the plain number input is there). */
static void stepper(http_req *req, const char *name, const char *label, int value, bool bad)
{
    html_printf(&req->out,
                "<div class=\"step-row%r\"><label for=\"%s\">%s</label><span class=\"stepper\" data-stepper>"
                "<input id=\"%s\" name=\"%s\" type=\"number\" inputmode=\"numeric\" pattern=\"[0-9]*\" min=\"0\" "
                "max=\"9999\" value=\"%d\"%r></span></div>",
                bad ? " invalid" : "", name, label, name, name, value,
                bad ? arena_printf(&req->a, " aria-invalid=\"true\" aria-describedby=\"%s-fejl\"", name) : "");
}

typedef struct reg_form {
    const char *date, *start_time, *keys, *note, *token;
    const char *raw[GENDER_COUNT][AGE_COUNT]; /* as typed, when refused */
    int counts[GENDER_COUNT][AGE_COUNT];
    int new_participants, volunteers;
    const char *from_date; /* the counts were copied from the session of this date */
} reg_form;

static void form_page(http_req *req, const plan *pl, const activity *x, const reg_form *f, const hh_error *e,
                      int status)
{
    crumb *c = arena_alloc(&req->a, 3 * sizeof(crumb));
    c[0] = (crumb){ "/registrer", "Registrer fremmøde" };
    c[1] = (crumb){ NULL, x->name };
    page pg = {
        .title = arena_printf(&req->a, "Registrer · %s", x->name), .nav = "register", .crumbs = c, .ncrumbs = 2
    };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b, "<div class=\"reg\"><h1>%s</h1><p class=\"muted reg-plan\">%s</p>\n", x->name, pl->name);
    act_error_summary(req, e);
    if (f->from_date)
        html_printf(b,
                    "<div class=\"notice notice-ok\" role=\"status\"><p>Tallene fra mødet %s er sat ind. Ret dem "
                    "til, så de passer på i dag.</p></div>",
                    act_date(req, f->from_date));
    else if (!e && *or_empty(x->last_session))
        html_printf(b,
                    "<p class=\"reg-last\"><a class=\"button secondary\" href=\"/registrer/%D?som=sidst\">Start med "
                    "tallene fra sidst (%s)</a></p>",
                    x->id, act_date(req, x->last_session));
    form_open(req, arena_printf(&req->a, "/registrer/%lld", (long long)x->id), "reg-form");
    html_printf(b,
                "<input type=\"hidden\" name=\"client_token\" value=\"%s\" data-token>"
                "<input type=\"hidden\" name=\"activity\" value=\"%D\">",
                f->token, x->id);
    html_printf(b,
                "<div class=\"reg-when\"><div class=\"field reg-date%r\"><label for=\"date\">Dato</label><input "
                "id=\"date\" name=\"date\" "
                "type=\"date\" value=\"%s\" max=\"%s\" required%r>",
                act_err_on(e, "date") ? " invalid" : "", f->date, plans_today(req), act_invalid(req, e, "date"));
    act_field_error(req, e, "date");
    html_printf(b,
                "</div><div class=\"field reg-time%r\"><label for=\"start_time\">Kl.</label><input id=\"start_time\" "
                "name=\"start_time\" type=\"time\" value=\"%s\"%r>",
                act_err_on(e, "start_time") ? " invalid" : "", or_empty(f->start_time),
                act_invalid(req, e, "start_time"));
    act_field_error(req, e, "start_time");
    html_printf(b, "</div></div>");
    bool bad_counts = act_err_on(e, "counts");
    int sum = 0;
    for (int g = 0; g < GENDER_COUNT; g++)
        for (int a = 0; a < AGE_COUNT; a++)
            sum += f->counts[g][a];
    for (int g = 0; g < GENDER_COUNT; g++) {
        html_printf(b, "<fieldset class=\"reg-group\"%r><legend>%s</legend>", g == 0 ? " id=\"counts\"" : "",
                    act_gender_label[g]);
        for (int a = 0; a < AGE_COUNT; a++) {
            const char *name = cell_name(req, g, a);
            bool bad = act_err_on(e, name);
            html_printf(b,
                        "<div class=\"step-row%r\"><label for=\"%s\"><span class=\"sr-only\">%s, </span>%s</label>"
                        "<span class=\"stepper\" data-stepper><input id=\"%s\" name=\"%s\" type=\"number\" "
                        "inputmode=\"numeric\" min=\"0\" max=\"9999\" value=\"%s\" data-count%r></span></div>",
                        bad ? " invalid" : "", name, act_gender_label[g], act_age_label[a], name, name,
                        f->raw[g][a] ? f->raw[g][a] : arena_printf(&req->a, "%d", f->counts[g][a]),
                        bad ? arena_printf(&req->a, " aria-invalid=\"true\" aria-describedby=\"%s-fejl\"", name) : "");
            act_field_error(req, e, name);
        }
        html_printf(b, "</fieldset>");
    }
    if (bad_counts)
        html_printf(b, "<p class=\"field-error\" id=\"counts-fejl\">%s</p>", e->msg);
    html_printf(b, "<fieldset class=\"reg-group\"><legend>Nye og frivillige</legend>");
    stepper(req, "new_participants", "Nye deltagere (første gang)", f->new_participants,
            act_err_on(e, "new_participants"));
    act_field_error(req, e, "new_participants");
    stepper(req, "volunteers", "Frivillige", f->volunteers, act_err_on(e, "volunteers"));
    act_field_error(req, e, "volunteers");
    html_printf(b, "</fieldset>");
    bool open_keys = (f->keys && *f->keys) || act_err_on(e, "keys");
    html_printf(
        b,
        "<details class=\"reg-more\"%r><summary>Deltagerkoder (valgfrit)</summary><div class=\"field%r\">"
        "<label for=\"keys\">Én kode pr. deltager</label><p class=\"hint\" id=\"keys-hint\">En kode med mindst ét tal, "
        "aldrig et "
        "navn – fx K17 eller A-204. Én pr. linje eller adskilt med komma. Med koder tælles nye og "
        "gengangere af sig selv.</p><textarea id=\"keys\" name=\"keys\" rows=\"3\" autocapitalize=\"characters\" "
        "autocomplete=\"off\" spellcheck=\"false\"%r>%s</textarea>",
        open_keys ? " open" : "", act_err_on(e, "keys") ? " invalid" : "",
        act_err_on(e, "keys") ? act_invalid(req, e, "keys") : " aria-describedby=\"keys-hint\"", or_empty(f->keys));
    act_field_error(req, e, "keys");
    html_printf(b, "</div></details>");
    bool open_note = (f->note && *f->note) || act_err_on(e, "note");
    html_printf(b,
                "<details class=\"reg-more\"%r><summary>Note (valgfrit)</summary><div class=\"field\"><label "
                "for=\"note\">Note</label><textarea id=\"note\" name=\"note\" rows=\"2\">%s</textarea></div>"
                "</details>",
                open_note ? " open" : "", or_empty(f->note));
    html_printf(b,
                "<div class=\"reg-send\"><p class=\"reg-total\">I alt: <output id=\"reg-sum\">%d"
                "</output> deltagere</p>",
                sum);
    html_printf(b, "<div id=\"reg-status\" class=\"reg-status\" role=\"status\" "
                   "aria-live=\"polite\"></div><button type=\"submit\" class=\"reg-submit\">Gem fremmødet</button>"
                   "</div></form>\n");
    html_printf(b,
                "<p class=\"reg-foot\"><a href=\"/planer/%D/aktiviteter/%D#moeder\">Aktivitetens møder</a> · "
                "<a href=\"/registrer\">Andre aktiviteter</a></p></div>\n",
                pl->id, x->id);
    html_printf(b, "<script src=\"%s\" defer></script>\n", asset_url(req, "registrer.js"));
    page_end(req, status);
}

static bool load_writable(http_req *req, plan *pl, activity *x)
{
    if (!act_load_any(req, pl, x))
        return false;
    if (!plans_may_write(req, pl)) {
        http_error(req, 403, "forbidden", "Du kan se aktiviteten, men har ikke ret til at registrere fremmøde på den.",
                   NULL);
        return false;
    }
    return true;
}

static void confirmation(http_req *req, const plan *pl, const activity *x, int64_t sid)
{
    act_session s;
    hh_error e;
    hh_err rc = act_session_get(req->db, web_principal(req), &req->a, sid, &s, &e);
    if (!rc && s.activity_id != x->id)
        rc = HH_ERR_NOTFOUND;
    if (rc) {
        act_web_fail(req, rc, &e, "reading a session");
        return;
    }
    crumb *c = arena_alloc(&req->a, 3 * sizeof(crumb));
    c[0] = (crumb){ "/registrer", "Registrer fremmøde" };
    c[1] = (crumb){ NULL, x->name };
    page pg = { .title = arena_printf(&req->a, "Gemt · %s", x->name), .nav = "register", .crumbs = c, .ncrumbs = 2 };
    page_begin(req, &pg);
    buf *b = &req->out;
    html_printf(b,
                "<div class=\"reg\"><div class=\"notice notice-ok reg-done\" role=\"status\"><h1>Gemt</h1><p>%s, "
                "%s:</p><dl class=\"reg-numbers\"><div><dt>Deltagere</dt><dd>%d</dd></div><div><dt>Nye</dt>"
                "<dd>%d</dd></div><div><dt>Gengangere</dt><dd>%d</dd></div><div><dt>Frivillige</dt><dd>%d</dd></div>"
                "</dl></div>",
                x->name, act_date(req, s.date), s.participants, s.new_participants, s.participants - s.new_participants,
                s.volunteers);
    html_printf(b,
                "<p class=\"reg-next\"><a class=\"button\" href=\"/registrer/%D\">Registrer et møde mere</a></p>"
                "<p class=\"reg-foot\"><a href=\"/registrer\">Andre aktiviteter</a> · <a "
                "href=\"/planer/%D/aktiviteter/%D#moeder\">Aktivitetens møder</a></p></div>\n",
                x->id, pl->id, x->id);
    html_printf(b, "<script src=\"%s\" defer></script>\n", asset_url(req, "registrer.js"));
    page_end(req, 200);
}

void page_act_register(http_req *req)
{
    plan pl;
    activity x;
    if (!load_writable(req, &pl, &x))
        return;
    const char *saved = http_query(req, "gemt");
    int64_t sid;
    if (saved && hh_parse_int64(saved, strlen(saved), &sid) && sid > 0) {
        confirmation(req, &pl, &x, sid);
        return;
    }
    reg_form f = { .date = plans_today(req), .start_time = or_empty(x.start_time), .token = fresh_token(req) };
    const char *som = http_query(req, "som");
    const char *last = or_empty(x.last_session);
    if (som && strcmp(som, "sidst") == 0 && strlen(last) >= 4) {
        /* The latest session's counts, volunteers and keys as a start
         * (regulars come again: nobody new until typed). */
        char ys[5] = { last[0], last[1], last[2], last[3], 0 };
        int year = 0;
        act_session *s;
        size_t n = 0;
        hh_error e;
        if (hh_parse_int(ys, 2000, 2100, &year)) {
            hh_err rc = act_sessions(req->db, web_principal(req), &req->a, 0, x.id, year, &s, &n, &e);
            if (rc) {
                act_web_fail(req, rc, &e, "reading sessions");
                return;
            }
        }
        if (n) {
            memcpy(f.counts, s[0].counts, sizeof f.counts);
            f.volunteers = s[0].volunteers;
            const char *k = "";
            for (size_t i = 0; i < s[0].nkeys; i++)
                k = arena_printf(&req->a, "%s%s%s", k, *k ? "\n" : "", s[0].keys[i]);
            f.keys = k;
            f.from_date = s[0].date;
        }
    }
    form_page(req, &pl, &x, &f, NULL, 200);
}

void page_act_register_post(http_req *req)
{
    plan pl;
    activity x;
    if (!load_writable(req, &pl, &x))
        return;
    reg_form f = { 0 };
    hh_error e;
    hh_error_clear(&e);
    f.date = or_empty(plans_field(req, "date"));
    f.start_time = or_empty(plans_field(req, "start_time"));
    f.keys = or_empty(http_form(req, "keys"));
    f.note = or_empty(plans_field(req, "note"));
    f.token = plans_field(req, "client_token");
    if (!f.token || !*f.token)
        f.token = fresh_token(req);
    bool ok = true;
    for (int g = 0; g < GENDER_COUNT; g++)
        for (int a = 0; a < AGE_COUNT; a++) {
            const char *name = cell_name(req, g, a);
            if (!act_form_count(req, name, &f.counts[g][a])) {
                f.raw[g][a] = or_empty(plans_field(req, name));
                if (ok)
                    hh_fail(&e, HH_ERR_INPUT, name, "%s, %s: skriv et helt tal, 0 eller flere.", act_gender_label[g],
                            act_age_label[a]);
                ok = false;
            }
        }
    if (ok && !act_form_count(req, "new_participants", &f.new_participants)) {
        hh_fail(&e, HH_ERR_INPUT, "new_participants", "Nye deltagere: skriv et helt tal, 0 eller flere.");
        ok = false;
    }
    if (ok && !act_form_count(req, "volunteers", &f.volunteers)) {
        hh_fail(&e, HH_ERR_INPUT, "volunteers", "Frivillige: skriv et helt tal, 0 eller flere.");
        ok = false;
    }
    if (ok && !*f.date) {
        hh_fail(&e, HH_ERR_INPUT, "date", "Dato: vælg mødets dato.");
        ok = false;
    }
    /* Keys: lines or commas. */
    size_t cap = 1;
    for (const char *p = f.keys; *p; p++)
        cap += *p == '\n' || *p == ',' || *p == ';';
    const char **keys = arena_alloc(&req->a, cap * sizeof(char *));
    size_t nkeys = 0;
    {
        const char *p = f.keys;
        while (*p) {
            size_t len = strcspn(p, ",;\n\r");
            const char *s = p;
            size_t l = len;
            while (l && (*s == ' ' || *s == '\t')) {
                s++;
                l--;
            }
            while (l && (s[l - 1] == ' ' || s[l - 1] == '\t'))
                l--;
            if (l)
                keys[nkeys++] = arena_strndup(&req->a, s, l);
            p += len;
            if (*p)
                p++;
        }
    }
    if (ok) {
        act_session s = { .activity_id = x.id,
                          .date = f.date,
                          .start_time = f.start_time,
                          .new_participants = f.new_participants,
                          .volunteers = f.volunteers,
                          .note = f.note,
                          .keys = nkeys ? keys : NULL,
                          .nkeys = nkeys,
                          .client_token = f.token };
        memcpy(s.counts, f.counts, sizeof s.counts);
        hh_err rc = act_session_put(req->db, web_principal(req), &req->a, &s, &e);
        if (rc == HH_OK) {
            web_audit(req, "activity.session", "activity", arena_printf(&req->a, "%lld", (long long)x.id), "ok");
            http_redirect(req, 303,
                          arena_printf(&req->a, "/registrer/%lld?gemt=%lld", (long long)x.id, (long long)s.id));
            return;
        }
        if (rc != HH_ERR_INPUT && rc != HH_ERR_CONFLICT) {
            act_web_fail(req, rc, &e, "saving a session");
            return;
        }
    }
    form_page(req, &pl, &x, &f, &e, 422);
}
