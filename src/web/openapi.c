/* openapi.c - GET /api/v1/openapi.json: the OpenAPI 3.1 document of every
 * /api/ route, generated from the table below (one entry per route of
 * routes.c, checked by tests/unit/test_openapi.c), the route table's roles
 * and the schemas embedded from src/web/openapi/components.json. */
#include "web/openapi.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "auth/roles.h"
#include "core/embed.h"
#include "version.h"
#include "web/pages.h"

#define PLAN_FILTERS "type,state,round,focus,municipality,region,org_no,area,department,q,limit"

const api_doc openapi_docs[] = {
    /* Reference data and the service. */
    { "GET", "/api/v1/version", "service", "Version of the service and the database schema", NULL, NULL, 200,
      "ServiceVersion" },
    { "GET", "/api/v1/openapi.json", "service", "This document", NULL, NULL, 200, "OpenApiDocument" },
    { "GET", "/api/v1/regions", "reference", "The five regions", NULL, NULL, 200, "RegionList" },
    { "GET", "/api/v1/municipalities", "reference", "Municipalities, optionally of one region", "region", NULL, 200,
      "MunicipalityList" },
    { "POST", "/api/v1/municipalities/lookup", "reference", "Look up many municipalities by code", NULL,
      "MunicipalityLookup", 200, "MunicipalityLookupResult" },
    { "GET", "/api/v1/municipalities/{code}", "reference", "One municipality", NULL, NULL, 200, "Municipality" },

    /* Accounts. */
    { "POST", "/api/v1/login", "accounts", "Log in: starts a session (cookie) and returns its CSRF token", NULL,
      "Login", 200, "LoginResult" },
    { "POST", "/api/v1/logout", "accounts", "End the session", NULL, NULL, 200, "Ok" },
    { "GET", "/api/v1/me", "accounts", "The signed-in user, grants and CSRF token", NULL, NULL, 200, "Me" },
    { "GET", "/api/v1/audit", "accounts", "The audit log (administrators)", "user,action,object,from,to,before,limit",
      NULL, 200, "AuditList" },

    /* The registry and key figures. */
    { "GET", "/api/v1/organisations", "registry", "Housing organisations in the caller's scope", "q", NULL, 200,
      "OrganisationList" },
    { "POST", "/api/v1/organisations", "registry", "Create a housing organisation", NULL, "OrganisationInput", 201,
      "Organisation" },
    { "GET", "/api/v1/organisations/{org}", "registry", "An organisation with its departments", NULL, NULL, 200,
      "OrganisationDetail" },
    { "PUT", "/api/v1/organisations/{org}", "registry", "Update an organisation", NULL, "OrganisationInput", 200,
      "Organisation" },
    { "GET", "/api/v1/organisations/{org}/keyfigures", "keyfigures",
      "Each department's value and the total of an organisation (suppressed)", "key_figure,year", NULL, 200,
      "KeyFigureSeries" },
    { "GET", "/api/v1/departments", "registry", "Departments in the caller's scope", "q,municipality,org_no,limit",
      NULL, 200, "DepartmentList" },
    { "POST", "/api/v1/departments", "registry", "Create a department", NULL, "DepartmentInput", 201, "Department" },
    { "GET", "/api/v1/departments/{key}", "registry", "A department", NULL, NULL, 200, "Department" },
    { "PUT", "/api/v1/departments/{key}", "registry", "Update a department", NULL, "DepartmentInput", 200,
      "Department" },
    { "GET", "/api/v1/departments/{key}/keyfigures", "keyfigures", "Key-figure series of a department", "key_figure",
      NULL, 200, "KeyFigureSeries" },
    { "GET", "/api/v1/areas", "registry", "Housing areas in the caller's scope", "q", NULL, 200, "AreaList" },
    { "POST", "/api/v1/areas", "registry", "Create a housing area", NULL, "AreaInput", 201, "Area" },
    { "GET", "/api/v1/areas/{area}", "registry", "An area with its member departments", NULL, NULL, 200, "AreaDetail" },
    { "PUT", "/api/v1/areas/{area}", "registry", "Update an area", NULL, "AreaInput", 200, "Area" },
    { "POST", "/api/v1/areas/{area}/members", "registry", "Add a department to an area or end its membership", NULL,
      "AreaMemberInput", 200, "Ok" },
    { "GET", "/api/v1/areas/{area}/keyfigures", "keyfigures", "Key-figure series of an area", "key_figure", NULL, 200,
      "KeyFigureSeries" },
    { "GET", "/api/v1/keyfigures", "keyfigures", "The key-figure catalogue", NULL, NULL, 200, "KeyFigureList" },
    { "GET", "/api/v1/keyfigures/values", "keyfigures", "Values of a level and year (suppressed under 5)",
      "level,year,key_figure,format", NULL, 200, "KeyFigureValues" },
    { "POST", "/api/v1/import/{kind}", "import", "Import a file (CSV or XLSX): check, or check and save",
      "name,dry_run", "@upload", 200, "ImportResult" },

    /* Early warning and the area lists. */
    { "GET", "/api/v1/warnings", "warning", "Early-warning status of departments or areas",
      "level,status,municipality,org,year", NULL, 200, "WarningList" },
    { "GET", "/api/v1/notifications", "warning", "Status changes in the caller's scope", NULL, NULL, 200,
      "NotificationList" },
    { "GET", "/api/v1/lists", "lists", "The official area lists of a year", "year,category", NULL, 200,
      "ListOverview" },
    { "POST", "/api/v1/lists/classify", "lists", "Classify one area's values under a rule set", NULL,
      "ListClassifyInput", 200, "ListClassifyResult" },
    { "GET", "/api/v1/lists/{area}", "lists", "An area's list status by year", NULL, NULL, 200, "ListArea" },

    /* Holistic plans. */
    { "GET", "/api/v1/plans", "plans", "Plans the caller may see, with budget totals", PLAN_FILTERS, NULL, 200,
      "PlanList" },
    { "POST", "/api/v1/plans", "plans", "Create a plan (state idea)", NULL, "PlanInput", 201, "Plan" },
    { "GET", "/api/v1/plans/{plan}", "plans",
      "A plan with its history, the transitions the caller may make and budget totals", NULL, NULL, 200, "Plan" },
    { "PUT", "/api/v1/plans/{plan}", "plans", "Update a plan (absent keys keep their value; lists replace)", NULL,
      "PlanInput", 200, "Plan" },
    { "POST", "/api/v1/plans/{plan}/state", "plans", "Make a transition of the lifecycle", NULL, "TransitionInput", 200,
      "Plan" },
    { "GET", "/api/v1/plans/{plan}/budget", "plans", "The budget: lines per year and source, totals, LBF share", NULL,
      NULL, 200, "Budget" },
    { "PUT", "/api/v1/plans/{plan}/budget", "plans", "Replace the whole budget (checked against the rules)", NULL,
      "BudgetInput", 200, "Budget" },
    { "GET", "/api/v1/plans/{plan}/goals", "plans", "Goals with progress computed from key figures", "year", NULL, 200,
      "GoalList" },
    { "POST", "/api/v1/plans/{plan}/goals", "plans", "Add a goal", "year", "GoalInput", 201, "Goal" },
    { "PUT", "/api/v1/plans/{plan}/goals/{goal}", "plans", "Change a goal (absent keys keep their value)", "year",
      "GoalInput", 200, "Goal" },
    { "DELETE", "/api/v1/plans/{plan}/goals/{goal}", "plans", "Delete a goal", NULL, NULL, 204, NULL },
    { "GET", "/api/v1/plans/{plan}/versions", "plans", "Saved versions (1 is the application)", NULL, NULL, 200,
      "VersionList" },
    { "POST", "/api/v1/plans/{plan}/versions", "plans", "Save the current content as the next version", NULL,
      "VersionInput", 201, "Version" },
    { "GET", "/api/v1/plans/{plan}/versions/{version}", "plans", "A saved version with its snapshot", NULL, NULL, 200,
      "VersionSnapshot" },
    { "GET", "/api/v1/plans/{plan}/diff", "plans", "What changed between two versions (or the current content)",
      "from,to", NULL, 200, "Diff" },
    { "GET", "/api/v1/plans/{plan}/members", "plans", "Team and steering group", NULL, NULL, 200, "MemberList" },
    { "POST", "/api/v1/plans/{plan}/members", "plans", "Add a team or steering group member", NULL, "MemberInput", 201,
      "Member" },
    { "PUT", "/api/v1/plans/{plan}/members/{member}", "plans", "Change a member", NULL, "MemberInput", 200, "Member" },
    { "DELETE", "/api/v1/plans/{plan}/members/{member}", "plans", "Remove a member", NULL, NULL, 204, NULL },
    { "GET", "/api/v1/plans/{plan}/agreements", "plans", "The strategic agreement and sub-agreements", NULL, NULL, 200,
      "AgreementList" },
    { "POST", "/api/v1/plans/{plan}/agreements", "plans", "Add an agreement with the municipality", NULL,
      "AgreementInput", 201, "Agreement" },
    { "PUT", "/api/v1/plans/{plan}/agreements/{agreement}", "plans", "Change an agreement", NULL, "AgreementInput", 200,
      "Agreement" },
    { "DELETE", "/api/v1/plans/{plan}/agreements/{agreement}", "plans", "Delete an agreement", NULL, NULL, 204, NULL },
    { "GET", "/api/v1/plans/{plan}/cooperations", "plans", "Cooperation agreements with partners", NULL, NULL, 200,
      "CooperationList" },
    { "POST", "/api/v1/plans/{plan}/cooperations", "plans", "Add a cooperation agreement", NULL, "CooperationInput",
      201, "Cooperation" },
    { "PUT", "/api/v1/plans/{plan}/cooperations/{cooperation}", "plans", "Change a cooperation agreement", NULL,
      "CooperationInput", 200, "Cooperation" },
    { "DELETE", "/api/v1/plans/{plan}/cooperations/{cooperation}", "plans", "Delete a cooperation agreement", NULL,
      NULL, 204, NULL },
    { "GET", "/api/v1/cooperations/expiring", "plans",
      "Cooperation agreements of visible plans that expire within N days", "days", NULL, 200, "CooperationList" },
    /* The yearly report. */
    { "GET", "/api/v1/plans/{plan}/report", "reports",
      "The yearly report to LBF for a year (default: the last year with sessions) as JSON tables, PDF, HTML, CSV or "
      "XLSX; audience team (every number) only for the plan's team",
      "year,format,audience", NULL, 200, "PlanYearReport" },
    /* The steering dialogue's documentation package (pages_dialogue_package.c). */
    { "GET", "/api/v1/dialogues/{dialogue}/package", "dialogue",
      "The documentation package of a steering dialogue: summary, definitions, every department's sheet with its "
      "scores, justifications and supporting key figures (suppressed under 5), the selection with SWOT, goals, "
      "last year's follow-up and the plans; as JSON, PDF or HTML",
      "format", NULL, 200, "DialoguePackage" },
    { "GET", "/api/v1/partners", "partners", "The partner registry", "q", NULL, 200, "PartnerList" },
    { "POST", "/api/v1/partners", "partners", "Add a partner", NULL, "PartnerInput", 201, "PartnerDetail" },
    { "GET", "/api/v1/partners/{partner}", "partners", "A partner with its contacts", NULL, NULL, 200,
      "PartnerDetail" },
    { "PUT", "/api/v1/partners/{partner}", "partners", "Change a partner", NULL, "PartnerInput", 200, "PartnerDetail" },
    { "POST", "/api/v1/partners/{partner}/contacts", "partners", "Add a contact", NULL, "ContactInput", 201,
      "Contact" },
    { "PUT", "/api/v1/partners/{partner}/contacts/{contact}", "partners", "Change a contact", NULL, "ContactInput", 200,
      "Contact" },
    { "DELETE", "/api/v1/partners/{partner}/contacts/{contact}", "partners", "Delete a contact", NULL, NULL, 204,
      NULL },

    /* Activities, attendance and involvement (schemas in activities.json). */
    { "GET", "/api/v1/activity-codes", "activities", "Every code list of activities with Danish labels", NULL, NULL,
      200, "ActivityCodes" },
    { "GET", "/api/v1/plans/{plan}/activities", "activities", "Activities of a plan", "status,category,q", NULL, 200,
      "ActivityList" },
    { "POST", "/api/v1/plans/{plan}/activities", "activities", "Create an activity", NULL, "ActivityInput", 201,
      "Activity" },
    { "GET", "/api/v1/activities/{activity}", "activities", "An activity with partners and exceptions", NULL, NULL, 200,
      "Activity" },
    { "PUT", "/api/v1/activities/{activity}", "activities", "Change an activity (absent keys keep their value)", NULL,
      "ActivityInput", 200, "Activity" },
    { "DELETE", "/api/v1/activities/{activity}", "activities", "Delete an activity with its sessions", NULL, NULL, 204,
      NULL },
    { "GET", "/api/v1/activities/{activity}/status", "activities", "The activity's status history", NULL, NULL, 200,
      "ActivityStatusHistory" },
    { "POST", "/api/v1/activities/{activity}/status", "activities", "Change the status from a date (logged)", NULL,
      "ActivityStatusInput", 200, "Activity" },
    { "GET", "/api/v1/activities/{activity}/sessions", "attendance", "Sessions of an activity, newest first", "year",
      NULL, 200, "SessionList" },
    { "POST", "/api/v1/activities/{activity}/sessions", "attendance",
      "Register a session (201; a repeated client_token answers 200 with the session it made)", NULL, "SessionInput",
      201, "Session" },
    { "GET", "/api/v1/sessions/{session}", "attendance", "A session", NULL, NULL, 200, "Session" },
    { "PUT", "/api/v1/sessions/{session}", "attendance", "Change a session (absent keys keep their value)", NULL,
      "SessionInput", 200, "Session" },
    { "DELETE", "/api/v1/sessions/{session}", "attendance", "Delete a session", NULL, NULL, 204, NULL },
    { "GET", "/api/v1/activities/{activity}/stories", "activities", "Stories and evaluation notes of an activity", NULL,
      NULL, 200, "StoryList" },
    { "POST", "/api/v1/activities/{activity}/stories", "activities", "Add a story or evaluation note", NULL,
      "StoryInput", 201, "Story" },
    { "PUT", "/api/v1/stories/{story}", "activities", "Change a story", NULL, "StoryInput", 200, "Story" },
    { "DELETE", "/api/v1/stories/{story}", "activities", "Delete a story", NULL, NULL, 204, NULL },
    { "GET", "/api/v1/plans/{plan}/stories", "activities", "Stories of a plan's activities", "year,report", NULL, 200,
      "StoryList" },
    { "GET", "/api/v1/plans/{plan}/attendance", "attendance",
      "Attendance figures (unique, new, returning, volunteers, by gender and age) and reach", "year,activity", NULL,
      200, "Attendance" },
    { "GET", "/api/v1/plans/{plan}/attendance/years", "attendance", "Attendance figures per year of the plan", NULL,
      NULL, 200, "AttendanceYears" },
    { "GET", "/api/v1/plans/{plan}/involvement", "involvement", "Involvement records by activity, year and phase",
      "year,activity", NULL, 200, "InvolvementList" },
    { "PUT", "/api/v1/plans/{plan}/involvement", "involvement",
      "Record one phase's participation type (replaces the record of the same plan or activity, year and phase)", NULL,
      "InvolvementInput", 200, "Involvement" },
    { "GET", "/api/v1/plans/{plan}/involvement/matrix", "involvement", "The portfolio heat map of a year", "year", NULL,
      200, "InvolvementMatrixAnswer" },
    { "GET", "/api/v1/plans/{plan}/involvement/trend", "involvement", "The heat map per year (the change)", NULL, NULL,
      200, "InvolvementTrend" },
    { "DELETE", "/api/v1/plans/{plan}/involvement/{involvement}", "involvement", "Delete an involvement record", NULL,
      NULL, 204, NULL },
    { "GET", "/api/v1/plans/{plan}/outreach", "involvement", "Outreach contacts with totals per method", "year", NULL,
      200, "OutreachList" },
    { "POST", "/api/v1/plans/{plan}/outreach", "involvement", "Log outreach contacts (counts, no names)", NULL,
      "OutreachInput", 201, "Outreach" },
    { "DELETE", "/api/v1/plans/{plan}/outreach/{outreach}", "involvement", "Delete an outreach entry", NULL, NULL, 204,
      NULL },
    { "GET", "/api/v1/plans/{plan}/roles/{year}", "involvement", "Residents in roles in a year", NULL, NULL, 200,
      "ResidentRoles" },
    { "PUT", "/api/v1/plans/{plan}/roles/{year}", "involvement", "Set the year's role counts", NULL,
      "ResidentRolesInput", 200, "ResidentRoles" },
    { "GET", "/api/v1/plans/{plan}/courses", "involvement", "Courses residents completed", "year", NULL, 200,
      "CourseList" },
    { "POST", "/api/v1/plans/{plan}/courses", "involvement", "Add a course", NULL, "CourseInput", 201, "Course" },
    { "PUT", "/api/v1/plans/{plan}/courses/{course}", "involvement", "Change a course", NULL, "CourseInput", 200,
      "Course" },
    { "DELETE", "/api/v1/plans/{plan}/courses/{course}", "involvement", "Delete a course", NULL, NULL, 204, NULL },

    /* The steering dialogue (api_dialogue.c, schemas in dialogue.json).
     * Departments are keys ORG-DEPT. */
    { "GET", "/api/v1/dialogue-codes", "dialogue", "States, items, scale, question prompts, rules and item figures",
      NULL, NULL, 200, "DialogueCodes" },
    { "GET", "/api/v1/dialogue-reminders", "dialogue",
      "The caller's reminders: dialogues still to submit near or past the deadline, soonest first", NULL, NULL, 200,
      "DialogueReminders" },
    { "GET", "/api/v1/dialogues", "dialogue",
      "Both sides' overview: every organisation × municipality pair in scope for a year, with its dialogue or none",
      "year,municipality,org,state", NULL, 200, "DialogueList" },
    { "POST", "/api/v1/dialogues", "dialogue",
      "Open the dialogue of a pair and year (201 when made, 200 when it existed)", NULL, "DialogueOpenInput", 201,
      "Dialogue" },
    { "GET", "/api/v1/dialogues/{dialogue}", "dialogue",
      "A dialogue with its departments, history and the transitions the caller may make", NULL, NULL, 200, "Dialogue" },
    { "PUT", "/api/v1/dialogues/{dialogue}", "dialogue", "Set the organisation's summary", NULL, "DialogueUpdateInput",
      200, "Dialogue" },
    { "POST", "/api/v1/dialogues/{dialogue}/state", "dialogue",
      "Move the dialogue: submit (organisation); return, record the meeting, publish (municipality)", NULL,
      "DialogueStateInput", 200, "Dialogue" },
    { "GET", "/api/v1/dialogues/{dialogue}/departments/{department}", "dialogue",
      "A department's sheet: master data, early warning, the answers and the key figures beside each item", NULL, NULL,
      200, "DialogueSheet" },
    { "PUT", "/api/v1/dialogues/{dialogue}/departments/{department}", "dialogue",
      "Answer items of a department's sheet (all or nothing)", NULL, "DialogueAnswersInput", 200, "DialogueSheet" },
    { "GET", "/api/v1/dialogues/{dialogue}/selection", "dialogue",
      "Departments selected for closer review with reasons and SWOT", NULL, NULL, 200, "DialogueSelectionList" },
    { "POST", "/api/v1/dialogues/{dialogue}/selection/propose", "dialogue",
      "Re-run the selection rules (early warning, lists, trends); confirmations and SWOTs are kept", NULL, NULL, 200,
      "DialogueSelectionList" },
    { "PUT", "/api/v1/dialogues/{dialogue}/selection/{department}", "dialogue",
      "Add a department to the selection by hand (201) or confirm it and write its SWOT (200)", NULL,
      "DialogueSelectionInput", 200, "DialogueSelection" },
    { "DELETE", "/api/v1/dialogues/{dialogue}/selection/{department}", "dialogue",
      "Remove a department from the selection", NULL, NULL, 204, NULL },
    { "GET", "/api/v1/dialogues/{dialogue}/goals", "dialogue", "Goals for the coming year", NULL, NULL, 200,
      "DialogueGoalList" },
    { "POST", "/api/v1/dialogues/{dialogue}/goals", "dialogue",
      "Add a goal (organisation, or municipality at the "
      "meeting while submitted)",
      NULL, "DialogueGoalInput", 201, "DialogueGoal" },
    { "PUT", "/api/v1/dialogues/{dialogue}/goals/{goal}", "dialogue",
      "Change a goal, or write the follow-up of one of last year's goals", NULL, "DialogueGoalInput", 200,
      "DialogueGoal" },
    { "DELETE", "/api/v1/dialogues/{dialogue}/goals/{goal}", "dialogue", "Delete a goal", NULL, NULL, 204, NULL },
    { "GET", "/api/v1/dialogues/{dialogue}/followup", "dialogue", "Last year's goals with target against actual", NULL,
      NULL, 200, "DialogueFollowupList" },
    { "GET", "/api/v1/organisations/{org}/definitions", "dialogue",
      "The organisation's definitions of the four questions in force in a year", "year", NULL, 200,
      "DialogueDefinitions" },
    { "PUT", "/api/v1/organisations/{org}/definitions", "dialogue", "Set a definition from a year on (organisation)",
      NULL, "DialogueDefinitionInput", 200, "DialogueDefinitions" },
    { "GET", "/api/v1/municipalities/{code}/dialogue-deadlines/{year}", "dialogue",
      "The municipality's deadline for the year's dialogues", NULL, NULL, 200, "DialogueDeadline" },
    { "PUT", "/api/v1/municipalities/{code}/dialogue-deadlines/{year}", "dialogue",
      "Set the deadline and when reminders start (municipality)", NULL, "DialogueDeadlineInput", 200,
      "DialogueDeadline" },
    { "GET", "/api/v1/public/dialogues", "dialogue", "Published dialogues, newest first (no login)", "municipality,org",
      NULL, 200, "PublicDialogueList" },
    { "GET", "/api/v1/public/dialogues/{dialogue}", "dialogue",
      "The public data sheets of a published dialogue: master data and suppressed key figures (no login)", NULL, NULL,
      200, "PublicDialogue" },
};
const size_t openapi_ndocs = sizeof openapi_docs / sizeof openapi_docs[0];

const api_param openapi_params[] = {
    /* path */
    { "code", "string", "Municipality code, four digits (\"0101\")" },
    { "org", "integer", "Organisation number" },
    { "key", "string", "Department key ORG-DEPARTMENT (\"101-1\")" },
    { "area", "string", "Housing area code; as a filter: plans covering that area" },
    { "kind", "string", "What is imported: registry, keyfigures, lists, list-status" },
    { "plan", "integer", "Plan id" },
    { "goal", "integer", "Goal id" },
    { "version", "integer", "Version number (1 is the application)" },
    { "member", "integer", "Member id" },
    { "agreement", "integer", "Agreement id" },
    { "cooperation", "integer", "Cooperation agreement id" },
    { "partner", "integer", "Partner id" },
    { "contact", "integer", "Contact id" },
    { "activity", "integer", "Activity id; as a filter: one activity (involvement: 0 = the plan as a whole)" },
    { "session", "integer", "Session id" },
    { "story", "integer", "Story id" },
    { "involvement", "integer", "Involvement record id" },
    { "outreach", "integer", "Outreach entry id" },
    { "course", "integer", "Course id" },
    { "report", "string", "1: only the stories selected for the yearly report" },
    { "dialogue", "integer", "Steering dialogue id" },
    /* query */
    { "q", "string", "Name contains (case-insensitive)" },
    { "region", "string", "Region code (1081-1085)" },
    { "municipality", "string", "Municipality code" },
    { "org_no", "integer", "Organisation number" },
    { "department", "string",
      "Department key ORG-DEPARTMENT (\"101-1\"); as a plan filter: plans covering that department" },
    { "limit", "integer", "At most this many rows" },
    { "user", "string", "User e-mail" },
    { "action", "string", "Audit action" },
    { "object", "string", "Audited object" },
    { "from", "string", "From (a date; in /diff the version number)" },
    { "to", "string", "To (a date; in /diff a version number or \"current\")" },
    { "before", "integer", "Rows before this id (paging)" },
    { "key_figure", "string", "Key-figure code from the catalogue" },
    { "level", "string", "Level: department, area, organisation, municipality, region, country, peer" },
    { "year", "integer",
      "Year (for goals: the year of the goal-achievement form; default the latest; for activities: absent or 0 = every "
      "year; for dialogues and definitions: default the current year)" },
    { "format", "string", "json (default), csv or xlsx; the yearly report also pdf and html" },
    { "audience", "string",
      "The yearly report: external (default; small numbers hidden) or team (every number; "
      "only for those who may write the plan)" },
    { "name", "string", "File name of the upload" },
    { "dry_run", "boolean", "Check only, save nothing" },
    { "status", "string", "Statuses, comma-separated (activities: one status code)" },
    { "category", "string", "List category (activities: an activity category code)" },
    { "type", "string", "Plan type: social, physical, health" },
    { "state", "string",
      "Plan state: idea … anchored; dialogues: preparing, submitted, returned, meeting_held, published or "
      "not_started" },
    { "round", "string", "LBF funding round: 2006-2010, 2011-2014, 2015-2018, 2019-2026" },
    { "focus", "string", "Focus area (exact name)" },
    { "days", "integer", "Days ahead (default 60)" },
};
const size_t openapi_nparams = sizeof openapi_params / sizeof openapi_params[0];

const api_doc *openapi_find(const char *method, const char *pattern)
{
    for (size_t i = 0; i < openapi_ndocs; i++)
        if (strcmp(openapi_docs[i].method, method) == 0 && strcmp(openapi_docs[i].pattern, pattern) == 0)
            return &openapi_docs[i];
    return NULL;
}

const api_param *openapi_param(const char *name, size_t n)
{
    for (size_t i = 0; i < openapi_nparams; i++)
        if (strlen(openapi_params[i].name) == n && memcmp(openapi_params[i].name, name, n) == 0)
            return &openapi_params[i];
    return NULL;
}

static json_t *param_json(const api_param *p, const char *in)
{
    return json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", p->name, "in", in, "required", strcmp(in, "path") == 0,
                     "description", p->description, "schema", "type", p->type);
}

static json_t *ref(const char *schema)
{
    char r[128];
    snprintf(r, sizeof r, "#/components/schemas/%s", schema);
    return json_pack("{s:s}", "$ref", r);
}

static json_t *error_response(const char *description)
{
    return json_pack("{s:s, s:{s:{s:o}}}", "description", description, "content", "application/json", "schema",
                     ref("Error"));
}

static const route *route_of(const api_doc *d)
{
    for (size_t i = 0; i < helhed_nroutes; i++)
        if (strcmp(helhed_routes[i].method, d->method) == 0 && strcmp(helhed_routes[i].pattern, d->pattern) == 0)
            return &helhed_routes[i];
    return NULL;
}

static json_t *operation(const api_doc *d)
{
    const route *rt = route_of(d);
    unsigned access = rt ? rt->access : ACCESS_PUBLIC;
    bool public_ = (access & ACCESS_PUBLIC) != 0;
    json_t *op = json_object();
    json_object_set_new(op, "tags", json_pack("[s]", d->tag));
    json_object_set_new(op, "summary", json_string(d->summary));
    char opid[160];
    size_t n = 0;
    for (const char *s = d->method; *s && n + 1 < sizeof opid; s++)
        opid[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
    /* "post_plans_plan_state" from POST /api/v1/plans/{plan}/state */
    for (const char *s = d->pattern + strlen("/api/v1"); *s && n + 1 < sizeof opid; s++)
        if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
            opid[n++] = *s;
        else if (*s == '/' || *s == '.' || *s == '_')
            opid[n++] = '_';
    opid[n] = '\0';
    json_object_set_new(op, "operationId", json_string(opid));
    json_t *roles = json_array();
    for (int k = 0; k < ROLE_COUNT; k++)
        if (!public_ && (access & ROLE_BIT(k)))
            json_array_append_new(roles, json_string(role_defs[k].code));
    json_object_set_new(op, "x-roles", roles);
    if (public_)
        json_object_set_new(op, "security", json_array());

    json_t *params = json_array();
    /* Path placeholders. */
    for (const char *s = strchr(d->pattern, '{'); s; s = strchr(s + 1, '{')) {
        const char *e = strchr(s, '}');
        const api_param *p = e ? openapi_param(s + 1, (size_t)(e - s - 1)) : NULL;
        if (p)
            json_array_append_new(params, param_json(p, "path"));
    }
    for (const char *s = d->query; s && *s;) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        const api_param *p = openapi_param(s, len);
        if (p)
            json_array_append_new(params, param_json(p, "query"));
        s = e ? e + 1 : s + len;
    }
    if (json_array_size(params))
        json_object_set_new(op, "parameters", params);
    else
        json_decref(params);

    if (d->request && strcmp(d->request, "@upload") == 0)
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b, s:{s:{s:{s:s}}, s:{s:{s:s, s:s}}}}", "required", true, "content",
                                      "text/csv", "schema", "type", "string",
                                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "schema",
                                      "type", "string", "contentMediaType",
                                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    else if (d->request)
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b, s:{s:{s:o}}}", "required", true, "content", "application/json", "schema",
                                      ref(d->request)));

    json_t *resp = json_object();
    char status[8];
    snprintf(status, sizeof status, "%d", d->status);
    if (d->response)
        json_object_set_new(resp, status,
                            json_pack("{s:s, s:{s:{s:o}}}", "description", d->summary, "content", "application/json",
                                      "schema", ref(d->response)));
    else
        json_object_set_new(resp, status, json_pack("{s:s}", "description", "Done; no content"));
    /* Operations with a second success status (same body). */
    static const struct {
        const char *method, *pattern;
        int status;
    } also[] = {
        { "POST", "/api/v1/dialogues", 200 },
        { "PUT", "/api/v1/dialogues/{dialogue}/selection/{department}", 201 },
    };
    for (size_t i = 0; i < sizeof also / sizeof also[0]; i++)
        if (strcmp(also[i].method, d->method) == 0 && strcmp(also[i].pattern, d->pattern) == 0 && d->response) {
            snprintf(status, sizeof status, "%d", also[i].status);
            json_object_set_new(resp, status,
                                json_pack("{s:s, s:{s:{s:o}}}", "description", d->summary, "content",
                                          "application/json", "schema", ref(d->response)));
        }
    if (d->request || d->query)
        json_object_set_new(resp, "400", error_response("Malformed request (bad JSON or parameter)"));
    if (!public_) {
        json_object_set_new(resp, "401", error_response("Not signed in"));
        json_object_set_new(resp, "404", error_response("Not found, or outside the caller's scope or roles"));
    } else if (strchr(d->pattern, '{')) {
        json_object_set_new(resp, "404", error_response("Not found"));
    }
    if (strcmp(d->method, "GET") != 0) {
        json_object_set_new(resp, "403",
                            error_response("Visible but not allowed for the caller (or the CSRF token is missing)"));
        json_object_set_new(resp, "409", error_response("Conflict with stored data"));
        json_object_set_new(resp, "422",
                            error_response("A field is invalid or a rule is broken: the error names the rule and "
                                           "the field"));
    }
    json_object_set_new(op, "responses", resp);
    return op;
}

json_t *openapi_components(void)
{
    const embed_file *f = embed_find(&embed_openapi, "components.json", strlen("components.json"));
    json_error_t err;
    json_t *components = f ? json_loadb((const char *)f->data, f->len, 0, &err) : NULL;
    json_t *schemas = json_object_get(components, "schemas");
    if (!json_is_object(schemas)) {
        json_decref(components);
        return NULL;
    }
    /* The other parts add schemas of their own (names do not repeat). */
    for (size_t i = 0; i < embed_openapi.count; i++) {
        const embed_file *part = &embed_openapi.files[i];
        if (strcmp(part->name, "components.json") == 0)
            continue;
        json_t *x = json_loadb((const char *)part->data, part->len, 0, &err);
        json_t *more = json_object_get(x, "schemas");
        const char *name;
        json_t *v;
        bool ok = json_is_object(more);
        json_object_foreach (more, name, v)
            ok = ok && !json_object_get(schemas, name) && json_object_set(schemas, name, v) == 0;
        json_decref(x);
        if (!ok) {
            json_decref(components);
            return NULL;
        }
    }
    return components;
}

char *openapi_document(void)
{
    json_t *components = openapi_components();
    if (!components)
        return NULL;
    json_t *doc = json_pack(
        "{s:s, s:{s:s, s:s, s:s, s:{s:s}}, s:[{s:s}], s:[{s:[]}, {s:[]}]}", "openapi", "3.1.0", "info", "title",
        "Helhed API", "version", HELHED_VERSION, "description",
        "The API of Helhed, the platform for Danish social housing. Sign in with POST /api/v1/login (a session "
        "cookie; state-changing requests then carry the X-CSRF-Token header from the login answer) or send an API "
        "token as a bearer token. Objects outside the caller's scope answer 404; a visible object the caller may "
        "not change answers 403; a broken rule answers 422 naming the rule and the field. Amounts of money are "
        "integers in øre. x-roles lists the roles that may call an operation.",
        "license", "name", "UNLICENSED", "servers", "url", "/", "security", "session", "bearer");
    json_t *paths = json_object();
    for (size_t i = 0; i < openapi_ndocs; i++) {
        const api_doc *d = &openapi_docs[i];
        json_t *item = json_object_get(paths, d->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, d->pattern, item);
        }
        char method[16];
        size_t n = 0;
        for (const char *s = d->method; *s && n + 1 < sizeof method; s++)
            method[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
        method[n] = '\0';
        json_object_set_new(item, method, operation(d));
    }
    json_object_set_new(doc, "paths", paths);
    json_object_set_new(doc, "components", components);
    char *out = json_dumps(doc, JSON_INDENT(1));
    json_decref(doc);
    return out;
}

void api_openapi(http_req *req)
{
    char *doc = openapi_document();
    if (!doc) {
        http_error(req, 500, "internal_error", "the OpenAPI components do not parse", NULL);
        return;
    }
    buf_puts(&req->out, doc);
    buf_putc(&req->out, '\n');
    free(doc);
    http_respond(req, 200, "application/json");
}
