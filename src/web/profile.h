/* profile.h - a unit's key-figure series beside its comparisons
 * (municipality, region, country, peer group), suppressed, for the profile
 * pages and their JSON. */
#ifndef HELHED_PROFILE_H
#define HELHED_PROFILE_H

#include "domain/keyfig.h"
#include "domain/registry.h"
#include "http/http.h"

#define PROFILE_MAX_CMP 4

typedef struct profile_set {
    kf_level level;
    const char *code;
    const char *label; /* Danish: "Københavns Kommune", "Hele landet" … */
    kf_row *rows;
    size_t n;
} profile_set;

typedef struct profile {
    profile_set unit;
    profile_set cmp[PROFILE_MAX_CMP];
    size_t ncmp;
    int first_year, last_year;
} profile;

/* Loads the profile of a unit (a department or a housing_area), answering
 * 500 itself on failure. */
typedef bool (*profile_load_fn)(http_req *req, const void *unit, profile *p);
bool profile_load_dept(http_req *req, const void *department, profile *p);
bool profile_load_area(http_req *req, const void *housing_area, profile *p);
/* The rows of one figure in a set (contiguous), or n = 0. */
const kf_row *profile_figure(const profile_set *s, int kf, size_t *n);
void profile_json(http_req *req, const profile *p);

#endif
