/* plans_web.h - what the plan pages share (pages_plans*.c): loading the plan
 * a path names within the reader's scope, answering domain errors in Danish,
 * money and dates as Danish readers write them, the plan's header and tabs,
 * and multi-valued form fields. */
#ifndef HELHED_PLANS_WEB_H
#define HELHED_PLANS_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/plans.h"
#include "http/http.h"

/* {plan}: the plan, visible to the reader; answers 404 (or 500) and returns
 * false otherwise. */
bool plans_load(http_req *req, plan *out);
/* Answers a failed domain call: 404 outside the scope, 403 when visible but
 * not allowed, 422 with the message for a broken rule, 500 for the rest. */
void plans_fail(http_req *req, hh_err rc, const hh_error *e, const char *what);
/* True when the reader may change the plan's content. */
bool plans_may_write(http_req *req, const plan *pl);

/* "1.234.567,89 kr." */
const char *plans_dkk(http_req *req, int64_t ore);
/* "1.234.567,89" (kroner, no unit) for tables that say kr. in the caption. */
const char *plans_amount(http_req *req, int64_t ore);
/* Whole kroner for form fields: "1234567" or "1234567,5". */
const char *plans_dkk_input(http_req *req, int64_t ore);
/* "12,3 mio. kr." for summaries. */
const char *plans_mio(http_req *req, int64_t ore);
/* "22.11.2026" from an ISO date or time; "" stays "". */
const char *plans_date(http_req *req, const char *iso);
/* "1.3.2014–28.2.2018", "fra 1.3.2014", "" */
const char *plans_period(http_req *req, const char *from, const char *to);
/* Today as an ISO date (UTC). */
const char *plans_today(http_req *req);
/* The fragment cache of the plan lists (map page and API): the key of the
 * part of an answer that is the same for every reader with the same plan
 * scope. It holds `what` (which answer), today's date (states and expiring
 * agreements depend on it), the reader's plan scope condition (the same
 * condition selects the same rows) and `query`, the caller's normalised
 * request and anything else the part depends on. The part's tables are
 * PLANS_LIST_GROUPS (data versions, see http/respcache.h). */
#define PLANS_LIST_GROUPS "plans,registry,geo"
#define PLANS_MAP_GROUPS "plans,registry,geo,boundary"
const char *plans_list_key(http_req *req, const char *what, const char *query);
/* The round's label ("2011–14") or "" for none or unknown codes. */
const char *plans_round_label(const char *code);

/* <span class="state state-CODE">Label</span> */
const char *plans_state_badge(http_req *req, plan_state s);
/* <span class="goal goal-CODE">Label</span> */
const char *plans_goal_badge(http_req *req, goal_status s);
/* The tabs of a plan's pages ("oversigt", "budget", "maal", "maalopfyldelse",
 * "versioner") under the heading; starts the page. */
void plans_begin(http_req *req, const plan *pl, const char *title, const char *tab);

/* A small inline form that posts id to action, shown as a link-styled button
 * reading text, with label after it for screen readers ("Fjern" on a row).
 * Deleting takes two steps: this post only asks (plans_delete_confirmed);
 * with JavaScript a native confirm asks instead and the form is sent with
 * confirm=1 (web/app.js, form[data-confirm]). */
void plans_delete_button(http_req *req, const char *action, int64_t id, const char *text, const char *label);
/* The delete handlers' first step: true when the form carries confirm=1.
 * Otherwise answers (200) a page asking "Slet WHAT?" with a Slet button that
 * posts id and confirm=1 to the same path and a Fortryd link to back, and
 * returns false. pl: the plan for the heading and tabs, or NULL (then
 * crumbs/ncrumbs and title make the page). */
bool plans_delete_confirmed(http_req *req, const plan *pl, int64_t id, const char *what, const char *back);

/* Every value of a form field sent several times (checkboxes, multi-selects);
 * empty values are skipped. Returns the count. */
size_t plans_form_all(http_req *req, const char *name, const char ***out);
/* Lines of a text area, trimmed, empty ones skipped. */
size_t plans_lines(http_req *req, const char *text, const char ***out);
/* A form field trimmed; NULL when absent. */
const char *plans_field(http_req *req, const char *name);

/* The form's positive "id" field; false after answering 400. */
bool plans_form_id(http_req *req, int64_t *id);
/* Percent-encodes s for a URL query value. */
const char *plans_urlenc(http_req *req, const char *s);
/* Parses a Danish decimal number ("12,5", "1.234,5", "12.5"); false when
 * empty or junk. */
bool plans_parse_num(const char *s, double *out);
/* A number as a Danish reader writes it with `decimals` places; "–" for NAN. */
const char *plans_num(http_req *req, double v, int decimals);

/* A small line chart of a goal: the measured series, the straight path from
 * baseline to target and the target (pages_plans_goals.c). */
void plans_goal_chart(http_req *req, const plan_goal *g, const goal_progress *gp, const char *id);
/* What a goal is measured on, in words. */
const char *plans_goal_on(http_req *req, const plan *pl, const plan_goal *g);
/* Renders the plan's page with a notice (err) and status; used after a
 * refused form on it (pages_plans_view.c). */
void plans_render(http_req *req, const plan *pl, const hh_error *err, int status);
#endif
