/* fuzz_dialogue_json - the answers body parser of the steering-dialogue API
 * (dlg_answers_from_json) on arbitrary bytes taken as JSON: it answers HH_OK
 * with consistent inputs (scores 0..4, a score only where given, every given
 * justification set and within the limit, nothing for absent items) or
 * HH_ERR_INPUT with a message naming the field (every object body names
 * one), never a crash. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "web/api_dialogue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t err;
    json_t *o = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err);
    if (!o)
        return 0;
    arena a;
    arena_init(&a);
    dlg_answer_input in[DI_COUNT];
    hh_error e;
    hh_err rc = dlg_answers_from_json(o, in, &a, &e);
    json_t *answers = json_is_object(o) ? json_object_get(o, "answers") : NULL;
    bool present[DI_COUNT];
    for (int i = 0; i < DI_COUNT; i++)
        present[i] = answers && json_object_get(answers, dlg_item_code[i]) != NULL;
    bool is_object = json_is_object(o);
    json_decref(o); /* the inputs must not point into the body */
    if (rc == HH_OK) {
        for (int i = 0; i < DI_COUNT; i++) {
            const dlg_answer_input *x = &in[i];
            if (x->present != present[i] || x->score < 0 || x->score > DLG_SCALE_MAX)
                abort();
            if (!x->present && (x->has_score || x->has_justification))
                abort();
            if (!x->has_score && x->score != 0)
                abort();
            if (x->has_justification && (!x->justification || strlen(x->justification) > DLG_JUSTIFICATION_MAX ||
                                         strlen(x->justification) > size))
                abort();
        }
    } else if (rc != HH_ERR_INPUT || !e.msg[0] || (is_object && !e.field[0])) {
        abort();
    }
    arena_free(&a);
    return 0;
}
