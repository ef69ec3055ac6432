/* TEMPORARY (removed when act-domain stage 2 lands): weak stand-ins for the
 * domain functions the report reads that are not implemented yet. */
#include <string.h>

#include "domain/activities.h"

__attribute__((weak)) hh_err involvement_matrix(db *d, const principal *p, arena *a, int64_t plan_id, int year,
                                                inv_matrix *out, hh_error *e)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    for (int i = 0; i < PHASE_COUNT; i++)
        out->share_involved[i] = out->share_resident_initiative[i] = 0.0 / 0.0;
    return HH_OK;
}
__attribute__((weak)) hh_err involvement_trend(db *d, const principal *p, arena *a, int64_t plan_id, inv_matrix **out,
                                               size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    return HH_OK;
}
__attribute__((weak)) hh_err outreach_totals(db *d, const principal *p, arena *a, int64_t plan_id, int year,
                                             int64_t totals[OUT_COUNT], hh_error *e)
{
    memset(totals, 0, OUT_COUNT * sizeof totals[0]);
    return HH_OK;
}
__attribute__((weak)) hh_err plan_courses(db *d, const principal *p, arena *a, int64_t plan_id, int year,
                                          plan_course **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    return HH_OK;
}
__attribute__((weak)) hh_err resident_roles_get(db *d, const principal *p, int64_t plan_id, int year,
                                                int64_t n[RR_COUNT], hh_error *e)
{
    memset(n, 0, RR_COUNT * sizeof n[0]);
    return HH_OK;
}
__attribute__((weak)) hh_err act_stories(db *d, const principal *p, arena *a, int64_t plan_id, int64_t activity_id,
                                         int year, bool only_report, act_story **out, size_t *n, hh_error *e)
{
    *out = NULL;
    *n = 0;
    return HH_OK;
}
__attribute__((weak)) hh_err involvement_put(db *d, const principal *p, arena *a, involvement *v, hh_error *e)
{
    return HH_OK;
}
__attribute__((weak)) hh_err outreach_put(db *d, const principal *p, arena *a, outreach *o, hh_error *e)
{
    return HH_OK;
}
__attribute__((weak)) hh_err resident_roles_put(db *d, const principal *p, int64_t plan_id, int year,
                                                const int64_t n[RR_COUNT], hh_error *e)
{
    return HH_OK;
}
__attribute__((weak)) hh_err plan_course_put(db *d, const principal *p, arena *a, plan_course *c, hh_error *e)
{
    return HH_OK;
}
__attribute__((weak)) hh_err act_story_put(db *d, const principal *p, arena *a, act_story *s, hh_error *e)
{
    return HH_OK;
}
