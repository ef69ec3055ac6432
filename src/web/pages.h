/* pages.h - HTML page handlers (Danish UI) and the API handlers. */
#ifndef HELHED_PAGES_H
#define HELHED_PAGES_H

#include "http/http.h"

void page_home(http_req *req);
void page_municipalities(http_req *req);
void page_municipalities_csv(http_req *req);
void page_municipality(http_req *req);
void page_regions(http_req *req);
void page_region(http_req *req);
void page_static(http_req *req);
void page_healthz(http_req *req);

void api_version(http_req *req);
void api_regions(http_req *req);
void api_municipalities(http_req *req);
void api_municipality(http_req *req);
void api_municipality_lookup(http_req *req);

void api_login(http_req *req);
void api_logout(http_req *req);
void api_me(http_req *req);
void api_audit(http_req *req);

void page_login(http_req *req);
void page_login_post(http_req *req);
void page_logout_post(http_req *req);
void page_account(http_req *req);
void page_account_password(http_req *req);
void page_account_logout_all(http_req *req);
void page_account_token_create(http_req *req);
void page_account_token_revoke(http_req *req);
void page_forgot(http_req *req);
void page_forgot_post(http_req *req);

void page_admin_users(http_req *req);
void page_admin_user_create(http_req *req);
void page_admin_user(http_req *req);
void page_admin_user_grant(http_req *req);
void page_admin_user_revoke(http_req *req);
void page_admin_user_reset(http_req *req);
void page_admin_user_status(http_req *req);
void page_admin_tokens(http_req *req);
void page_admin_token_revoke(http_req *req);
void page_admin_audit(http_req *req);
void page_admin_audit_csv(http_req *req);

/* Reads the audit filters from the query string (user, action, object, from,
 * to, before, limit), queries the log and records the read in it under
 * action ("read" or "export"). limit 0 = every matching row. Returns false
 * after answering 400 or 500. */
struct audit_filter;
struct audit_row;
bool audit_load(http_req *req, int limit, const char *action, struct audit_filter *f, struct audit_row **rows,
                size_t *n);

/* Registry and key figures (pages_registry.c, pages_edit.c, pages_import.c). */
void page_search(http_req *req);
void page_organisations(http_req *req);
void page_organisation(http_req *req);
void page_org_new(http_req *req);
void page_org_create(http_req *req);
void page_org_edit(http_req *req);
void page_org_update(http_req *req);
void page_departments(http_req *req);
void page_department(http_req *req);
void page_dept_new(http_req *req);
void page_dept_create(http_req *req);
void page_dept_edit(http_req *req);
void page_dept_update(http_req *req);
void page_areas(http_req *req);
void page_area(http_req *req);
void page_area_new(http_req *req);
void page_area_create(http_req *req);
void page_area_edit(http_req *req);
void page_area_update(http_req *req);
void page_area_member(http_req *req);
void page_keyfigures(http_req *req);
void page_keyfigure(http_req *req);
void page_import(http_req *req);
void page_import_check(http_req *req);
void page_import_commit(http_req *req);

/* Registry and key figures in the API (api_registry.c, api_keyfig.c). */
void api_organisations(http_req *req);
void api_organisation(http_req *req);
void api_organisation_create(http_req *req);
void api_organisation_update(http_req *req);
void api_organisation_keyfigures(http_req *req);
void api_departments(http_req *req);
void api_department(http_req *req);
void api_department_create(http_req *req);
void api_department_update(http_req *req);
void api_department_keyfigures(http_req *req);
void api_areas(http_req *req);
void api_area(http_req *req);
void api_area_create(http_req *req);
void api_area_update(http_req *req);
void api_area_member(http_req *req);
void api_area_keyfigures(http_req *req);
void api_keyfigures(http_req *req);
void api_keyfigure_values(http_req *req);
void api_import(http_req *req);

/* The area lists (pages_lists.c). */
void page_lists(http_req *req);
void page_list_rules(http_req *req);
void page_list_area(http_req *req);
void api_lists(http_req *req);
void api_list_area(http_req *req);
void api_lists_classify(http_req *req);
/* Holistic plans in the API (api_plans.c). */
void api_plans(http_req *req);
void api_plan_create(http_req *req);
void api_plan(http_req *req);
void api_plan_update(http_req *req);
void api_plan_state(http_req *req);
void api_plan_budget(http_req *req);
void api_plan_budget_put(http_req *req);
void api_plan_goals(http_req *req);
void api_plan_goal_create(http_req *req);
void api_plan_goal_update(http_req *req);
void api_plan_goal_delete(http_req *req);
void api_plan_versions(http_req *req);
void api_plan_version_create(http_req *req);
void api_plan_version(http_req *req);
void api_plan_diff(http_req *req);
void api_plan_members(http_req *req);
void api_plan_member_create(http_req *req);
void api_plan_member_update(http_req *req);
void api_plan_member_delete(http_req *req);
void api_plan_agreements(http_req *req);
void api_plan_agreement_create(http_req *req);
void api_plan_agreement_update(http_req *req);
void api_plan_agreement_delete(http_req *req);
void api_plan_cooperations(http_req *req);
void api_plan_cooperation_create(http_req *req);
void api_plan_cooperation_update(http_req *req);
void api_plan_cooperation_delete(http_req *req);
void api_cooperations_expiring(http_req *req);
void api_partners(http_req *req);
void api_partner_create(http_req *req);
void api_partner(http_req *req);
void api_partner_update(http_req *req);
void api_partner_contact_create(http_req *req);
void api_partner_contact_update(http_req *req);
void api_partner_contact_delete(http_req *req);
/* The OpenAPI document of every /api/v1 route (openapi.c). */
void api_openapi(http_req *req);
/* Early warning and notifications (pages_warning.c). */
void page_warnings(http_req *req);
void page_warning_method(http_req *req);
void page_notifications(http_req *req);
void api_warnings(http_req *req);
void api_notifications(http_req *req);
/* The status panel of a department (level 0) or area (level 1) profile. */
void warning_panel(http_req *req, int level, int64_t unit_id);
/* Status changes in the reader's scope not yet seen on /notifikationer. */
size_t notifications_unseen(http_req *req);
/* The area's latest list status with a link to its card (nothing without values). */
void lists_area_summary(http_req *req, const char *area_code);

/* Holistic plans (pages_plans*.c). */
void page_plans(http_req *req);
void page_plans_csv(http_req *req);
void page_plan_new(http_req *req);
void page_plan_create(http_req *req);
void page_plan(http_req *req);
void page_plan_edit(http_req *req);
void page_plan_update(http_req *req);
void page_plan_state(http_req *req);
void page_plan_budget(http_req *req);
void page_plan_budget_post(http_req *req);
void page_plan_goals(http_req *req);
void page_plan_goal_post(http_req *req);
void page_plan_goal_delete(http_req *req);
void page_plan_achievement(http_req *req);
void page_plan_achievement_csv(http_req *req);
void page_plan_versions(http_req *req);
void page_plan_version_post(http_req *req);
void page_plan_member_post(http_req *req);
void page_plan_member_delete(http_req *req);
void page_plan_agreement_post(http_req *req);
void page_plan_agreement_delete(http_req *req);
void page_plan_coop_post(http_req *req);
void page_plan_coop_delete(http_req *req);
void page_partners(http_req *req);
void page_partner_create(http_req *req);
void page_partner(http_req *req);
void page_partner_update(http_req *req);
void page_partner_contact_post(http_req *req);
void page_partner_contact_delete(http_req *req);
/* The plans covering a department (department_id) or an area (area_id) that
 * the reader may see, as a section of its page (nothing when none). */
void plans_registry_section(http_req *req, int64_t department_id, int64_t area_id);

extern const route helhed_routes[];
extern const size_t helhed_nroutes;

/* Activities, attendance and involvement (pages_activities*.c). */
void page_act_register_list(http_req *req);
void page_act_register(http_req *req);
void page_act_register_post(http_req *req);
void page_plan_activities(http_req *req);
void page_activity_new(http_req *req);
void page_activity_create(http_req *req);
void page_activity(http_req *req);
void page_activity_edit(http_req *req);
void page_activity_update(http_req *req);
void page_activity_delete(http_req *req);
void page_activity_status_post(http_req *req);
void page_activity_involvement_post(http_req *req);
void page_activity_story_post(http_req *req);
void page_activity_story_report(http_req *req);
void page_activity_story_delete(http_req *req);
void page_activity_session_delete(http_req *req);
void page_plan_involvement(http_req *req);
void page_plan_involvement_post(http_req *req);
void page_plan_outreach(http_req *req);
void page_plan_outreach_post(http_req *req);
void page_plan_outreach_delete(http_req *req);
void page_plan_roles(http_req *req);
void page_plan_roles_post(http_req *req);
void page_plan_course_post(http_req *req);
void page_plan_course_delete(http_req *req);
/* The "Aktiviteter og inddragelse" section of the plan's page (this year's
 * key numbers and links); false when it cannot be read. */
struct plan;
bool activities_plan_section(http_req *req, const struct plan *pl);

/* The yearly report (pages_report.c). */
void page_plan_report(http_req *req);
void page_plan_report_file(http_req *req);

/* API: activities, attendance and involvement (api_activities.c). */
void api_plan_activities(http_req *req);
void api_plan_activity_create(http_req *req);
void api_activity(http_req *req);
void api_activity_update(http_req *req);
void api_activity_delete(http_req *req);
void api_activity_status(http_req *req);
void api_activity_status_history(http_req *req);
void api_activity_sessions(http_req *req);
void api_activity_session_create(http_req *req);
void api_session(http_req *req);
void api_session_update(http_req *req);
void api_session_delete(http_req *req);
void api_plan_attendance(http_req *req);
void api_plan_attendance_years(http_req *req);
void api_plan_involvement(http_req *req);
void api_plan_involvement_put(http_req *req);
void api_plan_involvement_delete(http_req *req);
void api_plan_involvement_matrix(http_req *req);
void api_plan_involvement_trend(http_req *req);
void api_plan_outreach(http_req *req);
void api_plan_outreach_create(http_req *req);
void api_plan_outreach_delete(http_req *req);
void api_plan_roles(http_req *req);
void api_plan_roles_put(http_req *req);
void api_plan_courses(http_req *req);
void api_plan_course_create(http_req *req);
void api_plan_course_update(http_req *req);
void api_plan_course_delete(http_req *req);
void api_activity_stories(http_req *req);
void api_activity_story_create(http_req *req);
void api_story_update(http_req *req);
void api_story_delete(http_req *req);
void api_plan_stories(http_req *req);
void api_activity_codes(http_req *req);

/* API: the yearly report. */
void api_plan_report(http_req *req);

/* The steering dialogue (pages_dialogue*.c). */
void page_dialogues(http_req *req);
void page_dialogue_start(http_req *req);
void page_dialogue_deadline_post(http_req *req);
void page_dialogue_definitions(http_req *req);
void page_dialogue_definition_post(http_req *req);
void page_dialogue(http_req *req);
void page_dialogue_transition(http_req *req);
void page_dialogue_summary_post(http_req *req);
void page_dialogue_sheet(http_req *req);
void page_dialogue_sheet_post(http_req *req);
void page_dialogue_selection(http_req *req);
void page_dialogue_selection_post(http_req *req);
void page_dialogue_propose(http_req *req);
void page_dialogue_selection_delete(http_req *req);
void page_dialogue_goals(http_req *req);
void page_dialogue_goal_post(http_req *req);
void page_dialogue_goal_delete(http_req *req);
void page_dialogue_followup_post(http_req *req);
/* The reader's steering-dialogue reminders (deadlines near or past) as a
 * notice section; nothing when there are none (front page, notifications,
 * the overview). */
void dialogue_reminders_section(http_req *req);

/* Public data sheets (pages_dialogue_public.c). */
void page_public_dialogues(http_req *req);
void page_public_dialogue(http_req *req);

/* API: the steering dialogue (api_dialogue.c). */
void api_dialogue_codes(http_req *req);
void api_dialogue_reminders(http_req *req);
void api_dialogues(http_req *req);
void api_dialogue_open(http_req *req);
void api_dialogue(http_req *req);
void api_dialogue_update(http_req *req);
void api_dialogue_state(http_req *req);
void api_dialogue_department(http_req *req);
void api_dialogue_department_put(http_req *req);
void api_dialogue_selection(http_req *req);
void api_dialogue_selection_propose(http_req *req);
void api_dialogue_selection_put(http_req *req);
void api_dialogue_selection_delete(http_req *req);
void api_dialogue_goals(http_req *req);
void api_dialogue_goal_create(http_req *req);
void api_dialogue_goal_update(http_req *req);
void api_dialogue_goal_delete(http_req *req);
void api_dialogue_followup(http_req *req);
void api_org_definitions(http_req *req);
void api_org_definition_put(http_req *req);
void api_dialogue_deadline(http_req *req);
void api_dialogue_deadline_put(http_req *req);
void api_public_dialogues(http_req *req);
void api_public_dialogue(http_req *req);

/* The steering dialogue's documentation package, page, files and API
 * (pages_dialogue_package.c). */
void page_dialogue_package(http_req *req);
void page_dialogue_package_file(http_req *req);
void api_dialogue_package(http_req *req);

#endif
