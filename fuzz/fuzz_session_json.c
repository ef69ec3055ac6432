/* fuzz_session_json - the session body parser of the activities API
 * (act_session_from_json) on arbitrary bytes taken as JSON: it answers
 * HH_OK with a consistent session (counts within bounds, participants their
 * sum when counts were given, new and volunteers not negative, every string
 * and key set) or HH_ERR_INPUT naming a field with a message, never a
 * crash. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "web/api_activities.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t err;
    json_t *o = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
    if (!o)
        return 0;
    arena a;
    arena_init(&a);
    act_session s = { .date = "", .start_time = "", .note = "", .participants = -1 };
    hh_error e;
    hh_err rc = act_session_from_json(o, &s, &a, &e);
    bool has_counts = json_is_object(o) && json_object_get(o, "counts");
    json_decref(o); /* the session must not point into the body */
    if (rc == HH_OK) {
        int sum = 0;
        for (int g = 0; g < GENDER_COUNT; g++)
            for (int k = 0; k < AGE_COUNT; k++) {
                if (s.counts[g][k] < 0 || s.counts[g][k] > 100000)
                    abort();
                sum += s.counts[g][k];
            }
        if ((has_counts && s.participants != sum) || (!has_counts && s.participants != -1))
            abort();
        if (s.new_participants < 0 || s.volunteers < 0 || !s.date || !s.start_time || !s.note)
            abort();
        if (strlen(s.date) + strlen(s.start_time) + strlen(s.note) > size)
            abort();
        for (size_t i = 0; i < s.nkeys; i++)
            if (!s.keys[i] || strlen(s.keys[i]) > size)
                abort();
        if (s.client_token && (!*s.client_token || strlen(s.client_token) > 100))
            abort();
    } else if (rc != HH_ERR_INPUT || !e.msg[0]) {
        abort();
    }
    arena_free(&a);
    return 0;
}
