/* dialogue_web.h - what the steering-dialogue pages share
 * (pages_dialogue*.c): loading the dialogue a path names within the
 * reader's scope, answering domain errors in Danish, the state badge, the
 * dialogue's header with its tabs, and key figures as Danish readers write
 * them. Every rule lives in the domain (domain/dialogue.h). */
#ifndef HELHED_DIALOGUE_WEB_H
#define HELHED_DIALOGUE_WEB_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/dialogue.h"
#include "http/http.h"

/* {dialogue}: the dialogue, visible to the reader; answers 404 (or 500) and
 * returns false otherwise. */
bool dlg_web_load(http_req *req, dialogue *g);
/* Answers a failed domain call: 404 outside the scope, 403 when visible but
 * not allowed, 422 with the message for a broken rule, 500 for the rest. */
void dlg_web_fail(http_req *req, hh_err rc, const hh_error *e, const char *what);
/* {department}: a department of the dialogue by key ("101-1") or id; NULL
 * after answering 404. */
const dlg_department *dlg_web_department(http_req *req, const dialogue *g);

/* <span class="dstate dstate-CODE">Label</span>; -1 = not started. */
const char *dlg_web_state_badge(http_req *req, int state);
/* "/styringsdialog/ID" */
const char *dlg_web_href(http_req *req, int64_t id);
/* Starts a page of the dialogue: crumbs, the heading "Styringsdialog YEAR:
 * ORG – MUNICIPALITY" with the page title, state and deadline, and the tabs
 * ("oversigt", "udvaelgelse", "maal", "pakke"). */
void dlg_web_begin(http_req *req, const dialogue *g, const char *title, const char *tab);
/* ?aar=YYYY or this year. */
int dlg_web_year(http_req *req);
/* The deadline in words: "1.3.2026 (om 12 dage)", "… (overskredet)". */
const char *dlg_web_deadline(http_req *req, const char *deadline, int days_left, bool overdue);
/* A key figure's value with its unit ("26,7 %"), "<5" when suppressed, "–"
 * when missing. */
const char *dlg_web_kf_value(http_req *req, int kf, double v, bool suppressed);
/* The first scope value of a role the reader holds, or NULL. */
const char *dlg_web_scope(http_req *req, role_id r);

#endif
