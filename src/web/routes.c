/* routes.c - every route of Helhed in one table: method, pattern, who may
 * use it (ACCESS_PUBLIC or role bits) and the handler. Order matters only
 * between a literal and a placeholder on the same segment (first match wins).
 * Scope within a role is applied by the handlers' domain functions. */
#include "auth/roles.h"
#include "web/pages.h"

/* max_body is optional: most routes take the server's limit. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define ANY_USER ACCESS_ANY_ROLE
#define R(x) ROLE_BIT(ROLE_##x)
/* Who sees department detail; who sees organisations and areas (viewers:
 * their totals); who changes what. Plan staff get their plans' departments
 * with the plans. */
#define DETAIL (R(ADMIN) | R(NATIONAL) | R(MUNICIPALITY) | R(ORGANISATION) | R(PLAN_STAFF) | R(CARETAKER))
#define TOTALS (DETAIL | R(VIEWER))
#define ORG_WRITE (R(ADMIN) | R(ORGANISATION))
#define AREA_WRITE (R(ADMIN) | R(MUNICIPALITY))
#define IMPORT (R(ADMIN) | R(NATIONAL) | R(ORGANISATION) | R(MUNICIPALITY))
/* Plans: who creates them, who changes their content, who makes lifecycle
 * transitions (national: the LBF steps), who writes the partner registry.
 * Reading follows the plan's scope in the domain (404 outside it). */
#define PLAN_CREATE (R(ADMIN) | R(MUNICIPALITY) | R(ORGANISATION))
#define PLAN_WRITE (PLAN_CREATE | R(PLAN_STAFF))
#define PLAN_STATE (PLAN_WRITE | R(NATIONAL))
#define PARTNER_WRITE PLAN_WRITE
/* The steering dialogue: who reads it (scope in the domain), who writes on
 * either side, the organisation side's content, the municipality side's
 * deadlines. */
#define DLG_READ (R(ADMIN) | R(NATIONAL) | R(MUNICIPALITY) | R(ORGANISATION))
#define DLG_WRITE (R(ADMIN) | R(MUNICIPALITY) | R(ORGANISATION))
#define DLG_ORG (R(ADMIN) | R(ORGANISATION))
#define DLG_MUNI (R(ADMIN) | R(MUNICIPALITY))
#define UPLOAD_MAX ((size_t)256 << 20)

const route helhed_routes[] = {
    /* Reference data: public facts. */
    { "GET", "/", ACCESS_PUBLIC, page_home },
    { "GET", "/kommuner", ACCESS_PUBLIC, page_municipalities },
    { "GET", "/kommuner.csv", ACCESS_PUBLIC, page_municipalities_csv },
    { "GET", "/kommuner/{code}", ACCESS_PUBLIC, page_municipality },
    { "GET", "/regioner", ACCESS_PUBLIC, page_regions },
    { "GET", "/regioner/{code}", ACCESS_PUBLIC, page_region },
    { "GET", "/static/{name}", ACCESS_PUBLIC, page_static },
    { "GET", "/healthz", ACCESS_PUBLIC, page_healthz },

    /* Logging in and the user's own account. */
    { "GET", "/login", ACCESS_PUBLIC, page_login },
    { "POST", "/login", ACCESS_PUBLIC, page_login_post },
    { "POST", "/logout", ANY_USER, page_logout_post },
    { "GET", "/glemt-adgangskode", ACCESS_PUBLIC, page_forgot },
    { "POST", "/glemt-adgangskode", ACCESS_PUBLIC, page_forgot_post },
    { "GET", "/konto", ANY_USER, page_account },
    { "POST", "/konto/adgangskode", ANY_USER, page_account_password },
    { "POST", "/konto/log-ud-overalt", ANY_USER, page_account_logout_all },
    { "POST", "/konto/noegler", ANY_USER, page_account_token_create },
    { "POST", "/konto/noegler/{id}/tilbagekald", ANY_USER, page_account_token_revoke },

    /* The registry and key figures. */
    { "GET", "/soeg", ANY_USER, page_search },
    { "GET", "/organisationer", ANY_USER, page_organisations },
    { "GET", "/organisationer/ny", ORG_WRITE, page_org_new },
    { "POST", "/organisationer/ny", ORG_WRITE, page_org_create },
    { "GET", "/organisationer/{org}", TOTALS, page_organisation },
    { "GET", "/organisationer/{org}/rediger", ORG_WRITE, page_org_edit },
    { "POST", "/organisationer/{org}/rediger", ORG_WRITE, page_org_update },
    { "GET", "/afdelinger", ANY_USER, page_departments },
    { "GET", "/afdelinger/ny", ORG_WRITE, page_dept_new },
    { "POST", "/afdelinger/ny", ORG_WRITE, page_dept_create },
    { "GET", "/afdelinger/{key}", DETAIL, page_department },
    { "GET", "/afdelinger/{key}/rediger", ORG_WRITE, page_dept_edit },
    { "POST", "/afdelinger/{key}/rediger", ORG_WRITE, page_dept_update },
    { "GET", "/omraader", ANY_USER, page_areas },
    { "GET", "/omraader/ny", AREA_WRITE, page_area_new },
    { "POST", "/omraader/ny", AREA_WRITE, page_area_create },
    { "GET", "/omraader/{area}", TOTALS, page_area },
    { "GET", "/omraader/{area}/rediger", AREA_WRITE, page_area_edit },
    { "POST", "/omraader/{area}/rediger", AREA_WRITE, page_area_update },
    { "POST", "/omraader/{area}/medlemmer", AREA_WRITE, page_area_member },
    { "GET", "/noegletal", ANY_USER, page_keyfigures },
    { "GET", "/noegletal/{kf}", ANY_USER, page_keyfigure },
    { "GET", "/lister", ANY_USER, page_lists },
    { "GET", "/lister/regler", ANY_USER, page_list_rules },
    { "GET", "/lister/{area}", ANY_USER, page_list_area },
    { "GET", "/varsler", TOTALS, page_warnings },
    { "GET", "/varsler/metode", ANY_USER, page_warning_method },
    { "GET", "/notifikationer", ANY_USER, page_notifications },
    { "GET", "/import", IMPORT, page_import },
    { "POST", "/import/{kind}", IMPORT, page_import_check, UPLOAD_MAX },
    { "POST", "/import/{kind}/gem", IMPORT, page_import_commit },

    /* Holistic plans and the partner registry. */
    { "GET", "/planer", ANY_USER, page_plans },
    { "GET", "/planer.csv", ANY_USER, page_plans_csv },
    { "GET", "/planer/ny", PLAN_CREATE, page_plan_new },
    { "POST", "/planer/ny", PLAN_CREATE, page_plan_create },
    { "GET", "/planer/{plan}", ANY_USER, page_plan },
    { "GET", "/planer/{plan}/rediger", PLAN_WRITE, page_plan_edit },
    { "POST", "/planer/{plan}/rediger", PLAN_WRITE, page_plan_update },
    { "POST", "/planer/{plan}/tilstand", PLAN_STATE, page_plan_state },
    { "GET", "/planer/{plan}/budget", ANY_USER, page_plan_budget },
    { "POST", "/planer/{plan}/budget", PLAN_WRITE, page_plan_budget_post },
    { "GET", "/planer/{plan}/maal", ANY_USER, page_plan_goals },
    { "POST", "/planer/{plan}/maal", PLAN_WRITE, page_plan_goal_post },
    { "POST", "/planer/{plan}/maal/slet", PLAN_WRITE, page_plan_goal_delete },
    { "GET", "/planer/{plan}/maalopfyldelse", ANY_USER, page_plan_achievement },
    { "GET", "/planer/{plan}/maalopfyldelse.csv", ANY_USER, page_plan_achievement_csv },
    { "GET", "/planer/{plan}/versioner", ANY_USER, page_plan_versions },
    { "POST", "/planer/{plan}/versioner", PLAN_WRITE, page_plan_version_post },
    { "POST", "/planer/{plan}/medlemmer", PLAN_WRITE, page_plan_member_post },
    { "POST", "/planer/{plan}/medlemmer/slet", PLAN_WRITE, page_plan_member_delete },
    { "POST", "/planer/{plan}/aftaler", PLAN_WRITE, page_plan_agreement_post },
    { "POST", "/planer/{plan}/aftaler/slet", PLAN_WRITE, page_plan_agreement_delete },
    { "POST", "/planer/{plan}/samarbejde", PLAN_WRITE, page_plan_coop_post },
    { "POST", "/planer/{plan}/samarbejde/slet", PLAN_WRITE, page_plan_coop_delete },
    { "GET", "/partnere", ANY_USER, page_partners },
    { "POST", "/partnere", PARTNER_WRITE, page_partner_create },
    { "GET", "/partnere/{partner}", ANY_USER, page_partner },
    { "POST", "/partnere/{partner}", PARTNER_WRITE, page_partner_update },
    { "POST", "/partnere/{partner}/kontakter", PARTNER_WRITE, page_partner_contact_post },
    { "POST", "/partnere/{partner}/kontakter/slet", PARTNER_WRITE, page_partner_contact_delete },

    /* Activities, attendance and involvement (pages_activities*.c). */
    { "GET", "/registrer", PLAN_WRITE, page_act_register_list },
    { "GET", "/registrer/{activity}", PLAN_WRITE, page_act_register },
    { "POST", "/registrer/{activity}", PLAN_WRITE, page_act_register_post },
    { "GET", "/planer/{plan}/aktiviteter", ANY_USER, page_plan_activities },
    { "GET", "/planer/{plan}/aktiviteter/ny", PLAN_WRITE, page_activity_new },
    { "POST", "/planer/{plan}/aktiviteter/ny", PLAN_WRITE, page_activity_create },
    { "GET", "/planer/{plan}/aktiviteter/{activity}", ANY_USER, page_activity },
    { "GET", "/planer/{plan}/aktiviteter/{activity}/rediger", PLAN_WRITE, page_activity_edit },
    { "POST", "/planer/{plan}/aktiviteter/{activity}/rediger", PLAN_WRITE, page_activity_update },
    { "POST", "/planer/{plan}/aktiviteter/{activity}/slet", PLAN_WRITE, page_activity_delete },
    { "POST", "/planer/{plan}/aktiviteter/{activity}/status", PLAN_WRITE, page_activity_status_post },
    { "POST", "/planer/{plan}/aktiviteter/{activity}/inddragelse", PLAN_WRITE, page_activity_involvement_post },
    { "POST", "/planer/{plan}/aktiviteter/{activity}/historier", PLAN_WRITE, page_activity_story_post },
    { "POST", "/planer/{plan}/aktiviteter/{activity}/historier/rapport", PLAN_WRITE, page_activity_story_report },
    { "POST", "/planer/{plan}/aktiviteter/{activity}/historier/slet", PLAN_WRITE, page_activity_story_delete },
    { "POST", "/planer/{plan}/aktiviteter/{activity}/moeder/slet", PLAN_WRITE, page_activity_session_delete },
    { "GET", "/planer/{plan}/inddragelse", ANY_USER, page_plan_involvement },
    { "POST", "/planer/{plan}/inddragelse", PLAN_WRITE, page_plan_involvement_post },
    { "GET", "/planer/{plan}/opsoegning", ANY_USER, page_plan_outreach },
    { "POST", "/planer/{plan}/opsoegning", PLAN_WRITE, page_plan_outreach_post },
    { "POST", "/planer/{plan}/opsoegning/slet", PLAN_WRITE, page_plan_outreach_delete },
    { "GET", "/planer/{plan}/roller", ANY_USER, page_plan_roles },
    { "POST", "/planer/{plan}/roller", PLAN_WRITE, page_plan_roles_post },
    { "POST", "/planer/{plan}/roller/kurser", PLAN_WRITE, page_plan_course_post },
    { "POST", "/planer/{plan}/roller/kurser/slet", PLAN_WRITE, page_plan_course_delete },

    /* The yearly report (src/report/, pages_report.c). */
    { "GET", "/planer/{plan}/rapport", ANY_USER, page_plan_report },
    { "GET", "/planer/{plan}/rapport/{file}", ANY_USER, page_plan_report_file },

    /* The steering dialogue (pages_dialogue*.c). Reading follows the
     * dialogue's scope in the domain (404 outside it); the organisation side
     * writes the content, the municipality side sets deadlines, returns,
     * records the meeting and publishes; both move the workflow and goals. */
    { "GET", "/styringsdialog", DLG_READ, page_dialogues },
    { "POST", "/styringsdialog/start", DLG_WRITE, page_dialogue_start },
    { "POST", "/styringsdialog/frister", DLG_MUNI, page_dialogue_deadline_post },
    { "GET", "/styringsdialog/definitioner", DLG_READ, page_dialogue_definitions },
    { "POST", "/styringsdialog/definitioner", DLG_ORG, page_dialogue_definition_post },
    { "GET", "/styringsdialog/{dialogue}", DLG_READ, page_dialogue },
    { "POST", "/styringsdialog/{dialogue}/tilstand", DLG_WRITE, page_dialogue_transition },
    { "POST", "/styringsdialog/{dialogue}/resume", DLG_ORG, page_dialogue_summary_post },
    { "GET", "/styringsdialog/{dialogue}/afdelinger/{department}", DLG_READ, page_dialogue_sheet },
    { "POST", "/styringsdialog/{dialogue}/afdelinger/{department}", DLG_ORG, page_dialogue_sheet_post },
    { "GET", "/styringsdialog/{dialogue}/udvaelgelse", DLG_READ, page_dialogue_selection },
    { "POST", "/styringsdialog/{dialogue}/udvaelgelse", DLG_ORG, page_dialogue_selection_post },
    { "POST", "/styringsdialog/{dialogue}/udvaelgelse/forslag", DLG_ORG, page_dialogue_propose },
    { "POST", "/styringsdialog/{dialogue}/udvaelgelse/slet", DLG_ORG, page_dialogue_selection_delete },
    { "GET", "/styringsdialog/{dialogue}/maal", DLG_READ, page_dialogue_goals },
    { "POST", "/styringsdialog/{dialogue}/maal", DLG_WRITE, page_dialogue_goal_post },
    { "POST", "/styringsdialog/{dialogue}/maal/slet", DLG_WRITE, page_dialogue_goal_delete },
    { "POST", "/styringsdialog/{dialogue}/opfoelgning", DLG_ORG, page_dialogue_followup_post },

    /* … the documentation package (pages_dialogue_package.c) */
    { "GET", "/styringsdialog/{dialogue}/pakke", DLG_READ, page_dialogue_package },
    { "GET", "/styringsdialog/{dialogue}/pakke/{file}", DLG_READ, page_dialogue_package_file },

    /* Public data sheets, no login (pages_dialogue_public.c). {published}:
     * a published dialogue's id (anything else is 404). */
    { "GET", "/offentlig/styringsdialog", ACCESS_PUBLIC, page_public_dialogues },
    { "GET", "/offentlig/styringsdialog/{published}", ACCESS_PUBLIC, page_public_dialogue },

    /* Administration. */
    { "GET", "/admin/brugere", ACCESS_ADMIN, page_admin_users },
    { "POST", "/admin/brugere", ACCESS_ADMIN, page_admin_user_create },
    { "GET", "/admin/brugere/{id}", ACCESS_ADMIN, page_admin_user },
    { "POST", "/admin/brugere/{id}/adgange", ACCESS_ADMIN, page_admin_user_grant },
    { "POST", "/admin/brugere/{id}/adgange/fjern", ACCESS_ADMIN, page_admin_user_revoke },
    { "POST", "/admin/brugere/{id}/nulstil", ACCESS_ADMIN, page_admin_user_reset },
    { "POST", "/admin/brugere/{id}/status", ACCESS_ADMIN, page_admin_user_status },
    { "GET", "/admin/noegler", ACCESS_ADMIN, page_admin_tokens },
    { "POST", "/admin/noegler/{id}/tilbagekald", ACCESS_ADMIN, page_admin_token_revoke },
    { "GET", "/admin/log", ACCESS_ADMIN, page_admin_audit },
    { "GET", "/admin/log.csv", ACCESS_ADMIN, page_admin_audit_csv },

    /* API. */
    { "GET", "/api/v1/version", ACCESS_PUBLIC, api_version },
    { "GET", "/api/v1/regions", ACCESS_PUBLIC, api_regions },
    { "GET", "/api/v1/municipalities", ACCESS_PUBLIC, api_municipalities },
    { "POST", "/api/v1/municipalities/lookup", ACCESS_PUBLIC, api_municipality_lookup },
    { "GET", "/api/v1/municipalities/{code}", ACCESS_PUBLIC, api_municipality },
    { "POST", "/api/v1/login", ACCESS_PUBLIC, api_login },
    { "POST", "/api/v1/logout", ANY_USER, api_logout },
    { "GET", "/api/v1/me", ANY_USER, api_me },
    { "GET", "/api/v1/audit", ACCESS_ADMIN, api_audit },
    { "GET", "/api/v1/organisations", ANY_USER, api_organisations },
    { "POST", "/api/v1/organisations", ORG_WRITE, api_organisation_create },
    { "GET", "/api/v1/organisations/{org}", TOTALS, api_organisation },
    { "PUT", "/api/v1/organisations/{org}", ORG_WRITE, api_organisation_update },
    { "GET", "/api/v1/organisations/{org}/keyfigures", TOTALS, api_organisation_keyfigures },
    { "GET", "/api/v1/departments", ANY_USER, api_departments },
    { "POST", "/api/v1/departments", ORG_WRITE, api_department_create },
    { "GET", "/api/v1/departments/{key}", DETAIL, api_department },
    { "PUT", "/api/v1/departments/{key}", ORG_WRITE, api_department_update },
    { "GET", "/api/v1/departments/{key}/keyfigures", DETAIL, api_department_keyfigures },
    { "GET", "/api/v1/areas", ANY_USER, api_areas },
    { "POST", "/api/v1/areas", AREA_WRITE, api_area_create },
    { "GET", "/api/v1/areas/{area}", TOTALS, api_area },
    { "PUT", "/api/v1/areas/{area}", AREA_WRITE, api_area_update },
    { "POST", "/api/v1/areas/{area}/members", AREA_WRITE, api_area_member },
    { "GET", "/api/v1/areas/{area}/keyfigures", TOTALS, api_area_keyfigures },
    { "GET", "/api/v1/keyfigures", ANY_USER, api_keyfigures },
    { "GET", "/api/v1/keyfigures/values", ANY_USER, api_keyfigure_values },
    { "POST", "/api/v1/import/{kind}", IMPORT, api_import, UPLOAD_MAX },
    { "GET", "/api/v1/warnings", TOTALS, api_warnings },
    { "GET", "/api/v1/notifications", ANY_USER, api_notifications },
    { "GET", "/api/v1/lists", ANY_USER, api_lists },
    { "POST", "/api/v1/lists/classify", ANY_USER, api_lists_classify },
    { "GET", "/api/v1/lists/{area}", ANY_USER, api_list_area },
    { "GET", "/api/v1/openapi.json", ACCESS_PUBLIC, api_openapi },
    { "GET", "/api/v1/plans", ANY_USER, api_plans },
    { "POST", "/api/v1/plans", PLAN_CREATE, api_plan_create },
    { "GET", "/api/v1/plans/{plan}", ANY_USER, api_plan },
    { "PUT", "/api/v1/plans/{plan}", PLAN_WRITE, api_plan_update },
    { "POST", "/api/v1/plans/{plan}/state", PLAN_STATE, api_plan_state },
    { "GET", "/api/v1/plans/{plan}/budget", ANY_USER, api_plan_budget },
    { "PUT", "/api/v1/plans/{plan}/budget", PLAN_WRITE, api_plan_budget_put },
    { "GET", "/api/v1/plans/{plan}/goals", ANY_USER, api_plan_goals },
    { "POST", "/api/v1/plans/{plan}/goals", PLAN_WRITE, api_plan_goal_create },
    { "PUT", "/api/v1/plans/{plan}/goals/{goal}", PLAN_WRITE, api_plan_goal_update },
    { "DELETE", "/api/v1/plans/{plan}/goals/{goal}", PLAN_WRITE, api_plan_goal_delete },
    { "GET", "/api/v1/plans/{plan}/versions", ANY_USER, api_plan_versions },
    { "POST", "/api/v1/plans/{plan}/versions", PLAN_WRITE, api_plan_version_create },
    { "GET", "/api/v1/plans/{plan}/versions/{version}", ANY_USER, api_plan_version },
    { "GET", "/api/v1/plans/{plan}/diff", ANY_USER, api_plan_diff },
    { "GET", "/api/v1/plans/{plan}/members", ANY_USER, api_plan_members },
    { "POST", "/api/v1/plans/{plan}/members", PLAN_WRITE, api_plan_member_create },
    { "PUT", "/api/v1/plans/{plan}/members/{member}", PLAN_WRITE, api_plan_member_update },
    { "DELETE", "/api/v1/plans/{plan}/members/{member}", PLAN_WRITE, api_plan_member_delete },
    { "GET", "/api/v1/plans/{plan}/agreements", ANY_USER, api_plan_agreements },
    { "POST", "/api/v1/plans/{plan}/agreements", PLAN_WRITE, api_plan_agreement_create },
    { "PUT", "/api/v1/plans/{plan}/agreements/{agreement}", PLAN_WRITE, api_plan_agreement_update },
    { "DELETE", "/api/v1/plans/{plan}/agreements/{agreement}", PLAN_WRITE, api_plan_agreement_delete },
    { "GET", "/api/v1/plans/{plan}/cooperations", ANY_USER, api_plan_cooperations },
    { "POST", "/api/v1/plans/{plan}/cooperations", PLAN_WRITE, api_plan_cooperation_create },
    { "PUT", "/api/v1/plans/{plan}/cooperations/{cooperation}", PLAN_WRITE, api_plan_cooperation_update },
    { "DELETE", "/api/v1/plans/{plan}/cooperations/{cooperation}", PLAN_WRITE, api_plan_cooperation_delete },
    { "GET", "/api/v1/cooperations/expiring", ANY_USER, api_cooperations_expiring },
    { "GET", "/api/v1/partners", ANY_USER, api_partners },
    { "POST", "/api/v1/partners", PARTNER_WRITE, api_partner_create },
    { "GET", "/api/v1/partners/{partner}", ANY_USER, api_partner },
    { "PUT", "/api/v1/partners/{partner}", PARTNER_WRITE, api_partner_update },
    { "POST", "/api/v1/partners/{partner}/contacts", PARTNER_WRITE, api_partner_contact_create },
    { "PUT", "/api/v1/partners/{partner}/contacts/{contact}", PARTNER_WRITE, api_partner_contact_update },
    { "DELETE", "/api/v1/partners/{partner}/contacts/{contact}", PARTNER_WRITE, api_partner_contact_delete },

    /* API: activities, attendance and involvement (api_activities.c). */
    { "GET", "/api/v1/activity-codes", ANY_USER, api_activity_codes },
    { "GET", "/api/v1/plans/{plan}/activities", ANY_USER, api_plan_activities },
    { "POST", "/api/v1/plans/{plan}/activities", PLAN_WRITE, api_plan_activity_create },
    { "GET", "/api/v1/activities/{activity}", ANY_USER, api_activity },
    { "PUT", "/api/v1/activities/{activity}", PLAN_WRITE, api_activity_update },
    { "DELETE", "/api/v1/activities/{activity}", PLAN_WRITE, api_activity_delete },
    { "GET", "/api/v1/activities/{activity}/status", ANY_USER, api_activity_status_history },
    { "POST", "/api/v1/activities/{activity}/status", PLAN_WRITE, api_activity_status },
    { "GET", "/api/v1/activities/{activity}/sessions", ANY_USER, api_activity_sessions },
    { "POST", "/api/v1/activities/{activity}/sessions", PLAN_WRITE, api_activity_session_create },
    { "GET", "/api/v1/sessions/{session}", ANY_USER, api_session },
    { "PUT", "/api/v1/sessions/{session}", PLAN_WRITE, api_session_update },
    { "DELETE", "/api/v1/sessions/{session}", PLAN_WRITE, api_session_delete },
    { "GET", "/api/v1/activities/{activity}/stories", ANY_USER, api_activity_stories },
    { "POST", "/api/v1/activities/{activity}/stories", PLAN_WRITE, api_activity_story_create },
    { "PUT", "/api/v1/stories/{story}", PLAN_WRITE, api_story_update },
    { "DELETE", "/api/v1/stories/{story}", PLAN_WRITE, api_story_delete },
    { "GET", "/api/v1/plans/{plan}/stories", ANY_USER, api_plan_stories },
    { "GET", "/api/v1/plans/{plan}/attendance", ANY_USER, api_plan_attendance },
    { "GET", "/api/v1/plans/{plan}/attendance/years", ANY_USER, api_plan_attendance_years },
    { "GET", "/api/v1/plans/{plan}/involvement", ANY_USER, api_plan_involvement },
    { "PUT", "/api/v1/plans/{plan}/involvement", PLAN_WRITE, api_plan_involvement_put },
    { "GET", "/api/v1/plans/{plan}/involvement/matrix", ANY_USER, api_plan_involvement_matrix },
    { "GET", "/api/v1/plans/{plan}/involvement/trend", ANY_USER, api_plan_involvement_trend },
    { "DELETE", "/api/v1/plans/{plan}/involvement/{involvement}", PLAN_WRITE, api_plan_involvement_delete },
    { "GET", "/api/v1/plans/{plan}/outreach", ANY_USER, api_plan_outreach },
    { "POST", "/api/v1/plans/{plan}/outreach", PLAN_WRITE, api_plan_outreach_create },
    { "DELETE", "/api/v1/plans/{plan}/outreach/{outreach}", PLAN_WRITE, api_plan_outreach_delete },
    { "GET", "/api/v1/plans/{plan}/roles/{year}", ANY_USER, api_plan_roles },
    { "PUT", "/api/v1/plans/{plan}/roles/{year}", PLAN_WRITE, api_plan_roles_put },
    { "GET", "/api/v1/plans/{plan}/courses", ANY_USER, api_plan_courses },
    { "POST", "/api/v1/plans/{plan}/courses", PLAN_WRITE, api_plan_course_create },
    { "PUT", "/api/v1/plans/{plan}/courses/{course}", PLAN_WRITE, api_plan_course_update },
    { "DELETE", "/api/v1/plans/{plan}/courses/{course}", PLAN_WRITE, api_plan_course_delete },

    /* API: the yearly report. */
    { "GET", "/api/v1/plans/{plan}/report", ANY_USER, api_plan_report },

    /* API: the steering dialogue (api_dialogue.c). Reading: both sides,
     * admin and national (404 for the rest); writing: the side the domain
     * names (403 for the other side). Departments are keys "ORG-DEPT". */
    { "GET", "/api/v1/dialogue-codes", ANY_USER, api_dialogue_codes },
    { "GET", "/api/v1/dialogue-reminders", DLG_READ, api_dialogue_reminders },
    { "GET", "/api/v1/dialogues", DLG_READ, api_dialogues },
    { "POST", "/api/v1/dialogues", DLG_WRITE, api_dialogue_open },
    { "GET", "/api/v1/dialogues/{dialogue}", DLG_READ, api_dialogue },
    { "PUT", "/api/v1/dialogues/{dialogue}", DLG_ORG, api_dialogue_update },
    { "POST", "/api/v1/dialogues/{dialogue}/state", DLG_WRITE, api_dialogue_state },
    { "GET", "/api/v1/dialogues/{dialogue}/departments/{department}", DLG_READ, api_dialogue_department },
    { "PUT", "/api/v1/dialogues/{dialogue}/departments/{department}", DLG_ORG, api_dialogue_department_put },
    { "GET", "/api/v1/dialogues/{dialogue}/selection", DLG_READ, api_dialogue_selection },
    { "POST", "/api/v1/dialogues/{dialogue}/selection/propose", DLG_ORG, api_dialogue_selection_propose },
    { "PUT", "/api/v1/dialogues/{dialogue}/selection/{department}", DLG_ORG, api_dialogue_selection_put },
    { "DELETE", "/api/v1/dialogues/{dialogue}/selection/{department}", DLG_ORG, api_dialogue_selection_delete },
    { "GET", "/api/v1/dialogues/{dialogue}/goals", DLG_READ, api_dialogue_goals },
    { "POST", "/api/v1/dialogues/{dialogue}/goals", DLG_WRITE, api_dialogue_goal_create },
    { "PUT", "/api/v1/dialogues/{dialogue}/goals/{goal}", DLG_WRITE, api_dialogue_goal_update },
    { "DELETE", "/api/v1/dialogues/{dialogue}/goals/{goal}", DLG_WRITE, api_dialogue_goal_delete },
    { "GET", "/api/v1/dialogues/{dialogue}/followup", DLG_READ, api_dialogue_followup },
    { "GET", "/api/v1/organisations/{org}/definitions", DLG_READ, api_org_definitions },
    { "PUT", "/api/v1/organisations/{org}/definitions", DLG_ORG, api_org_definition_put },
    { "GET", "/api/v1/municipalities/{code}/dialogue-deadlines/{year}", DLG_READ, api_dialogue_deadline },
    { "PUT", "/api/v1/municipalities/{code}/dialogue-deadlines/{year}", DLG_MUNI, api_dialogue_deadline_put },
    { "GET", "/api/v1/public/dialogues", ACCESS_PUBLIC, api_public_dialogues },
    { "GET", "/api/v1/public/dialogues/{dialogue}", ACCESS_PUBLIC, api_public_dialogue },

    /* … the documentation package (pages_dialogue_package.c) */
    { "GET", "/api/v1/dialogues/{dialogue}/package", DLG_READ, api_dialogue_package },

};

const size_t helhed_nroutes = sizeof(helhed_routes) / sizeof(helhed_routes[0]);
