/* api_dialogue.h - the pure part of the steering-dialogue API
 * (api_dialogue.c) that runs without a request: the answers body of
 * PUT /api/v1/dialogues/{dialogue}/departments/{department}, fuzzed by
 * fuzz/fuzz_dialogue_json.c. */
#ifndef HELHED_API_DIALOGUE_H
#define HELHED_API_DIALOGUE_H

#include <jansson.h>
#include <stdbool.h>

#include "core/arena.h"
#include "core/error.h"
#include "domain/dialogue.h"

/* The longest justification accepted (bytes of UTF-8). */
#define DLG_JUSTIFICATION_MAX 10000

/* One item of the body: which keys were given and their values. */
typedef struct dlg_answer_input {
    bool present;           /* the item is in the body */
    bool has_score;         /* "score" given: 1..DLG_SCALE_MAX, or null = 0 (clears) */
    int score;              /* 0..DLG_SCALE_MAX */
    bool has_justification; /* "justification" given (null = "") */
    const char *justification;
} dlg_answer_input;

/* Reads {"answers": {item: {"score": 1..4|null, "justification": text|null}}}
 * into in[DI_COUNT] (cleared first). Strict: unknown keys anywhere, unknown
 * item codes, wrong types, scores outside 1..4 and too long justifications
 * fail naming the field ("answers.physical_state.score"); "answers" is
 * required. Strings are copied into a. HH_OK, or HH_ERR_INPUT with e->field
 * and a Danish e->msg. */
hh_err dlg_answers_from_json(json_t *o, dlg_answer_input in[DI_COUNT], arena *a, hh_error *e);

#endif
