/* activities_web.h - what the activity pages share (pages_activities*.c):
 * loading the activity a path names within its plan, the plan's activity
 * sub-navigation, counts suppressed for readers outside the plan team, the
 * year a page is about, form fields with their errors next to them, and the
 * involvement form used for a plan and for an activity. */
#ifndef HELHED_ACTIVITIES_WEB_H
#define HELHED_ACTIVITIES_WEB_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/activities.h"
#include "http/http.h"

/* {plan} and {activity}: the activity, in that plan, visible to the reader;
 * answers 404 (or 500) and returns false otherwise. */
bool act_load(http_req *req, plan *pl, activity *x);
/* {activity} alone (the phone pages): the activity and its plan. */
bool act_load_any(http_req *req, plan *pl, activity *x);
/* plans_fail with the activity's words. */
void act_web_fail(http_req *req, hh_err rc, const hh_error *e, const char *what);

/* A person count as the reader may see it: the real number for the plan
 * team, "<5" for 1-4 otherwise (act_count_text). */
const char *act_n(http_req *req, int64_t n, bool team);
/* ?aar=YYYY (2000-2100) or this year. */
int act_year(http_req *req);
int act_this_year(http_req *req);

/* The plan's tabs and, under them, the activity pages' own navigation:
 * "aktiviteter", "inddragelse", "opsoegning", "roller" (cur), and a link to
 * the yearly report. Starts the page. */
void act_begin(http_req *req, const plan *pl, const char *title, const char *cur);

/* Form fields: e's field without an index equals field. */
bool act_err_on(const hh_error *e, const char *field);
/* The Danish message under a field, with id FIELD-fejl. */
void act_field_error(http_req *req, const hh_error *e, const char *field);
/* " aria-invalid=\"true\" aria-describedby=\"FIELD-fejl\"" or "". */
const char *act_invalid(http_req *req, const hh_error *e, const char *field);
/* The error summary at the top of a refused form, linking to the field. */
void act_error_summary(http_req *req, const hh_error *e);
/* A labelled input (class field) with its error. */
void act_input(http_req *req, const char *name, const char *label, const char *value, const char *type,
               const char *hint, const hh_error *e);
void act_textarea(http_req *req, const char *name, const char *label, const char *value, int rows, const char *hint,
                  const hh_error *e);
/* <select> of codes/labels with an optional empty first option. */
void act_select(http_req *req, const char *name, const char *label, const char *const *codes, const char *const *labels,
                int count, int selected, const char *empty, const hh_error *e);
/* Checkboxes for bits of codes/labels in a fieldset. */
void act_checks(http_req *req, const char *name, const char *legend, const char *const *codes,
                const char *const *labels, int count, unsigned bits, const hh_error *e);
/* Bits of the checked codes of a form field. */
unsigned act_form_bits(http_req *req, const char *name, const char *const *codes, int count);
/* A non-negative whole number from a form field; empty = 0. false when junk. */
bool act_form_count(http_req *req, const char *name, int *out);

/* The involvement form: one fieldset per phase with the type (radio, with
 * "none" and "not recorded"), the Hart rung and the five questions; posts
 * to action with year. cur[phase] NULL = not recorded. err_phase: the
 * phase a refusal concerns (-1 none). */
void act_involvement_form(http_req *req, const char *action, int year, involvement *const cur[PHASE_COUNT],
                          const hh_error *e, int err_phase);
/* Reads the form of act_involvement_form for one phase (the submit button
 * names it: phase=CODE); false after answering 400. */
bool act_involvement_read(http_req *req, involvement *v);

/* "Kost, Motion": the labels of the set bits, or "". */
const char *act_bits_text(http_req *req, unsigned bits, const char *const *labels, int count);
/* "22.11.2026" from an ISO date. */
const char *act_date(http_req *req, const char *iso);
#endif
