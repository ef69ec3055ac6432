/* api_activities.h - the pure parts of the activities API (api_activities.c)
 * that run without a request: the session body parser, fuzzed by
 * fuzz/fuzz_session_json.c. */
#ifndef HELHED_API_ACTIVITIES_H
#define HELHED_API_ACTIVITIES_H

#include <jansson.h>

#include "core/arena.h"
#include "core/error.h"
#include "domain/activities.h"

/* Reads a session body into s (strict: unknown keys and wrong types fail
 * naming the field, e.g. "counts.female.child"): date, start_time,
 * counts {gender: {age band: n}}, new_participants, volunteers, keys, note,
 * client_token. Absent keys keep s's values; "counts", when present,
 * replaces every cell (absent cells are 0) and s->participants becomes their
 * sum. Strings are copied into a. HH_OK, or HH_ERR_INPUT with e->field and a
 * Danish e->msg. */
hh_err act_session_from_json(json_t *o, act_session *s, arena *a, hh_error *e);

#endif
