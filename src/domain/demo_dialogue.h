/* demo_dialogue.h - the demo steering dialogues (see demo_dialogue.c). */
#ifndef HELHED_DEMO_DIALOGUE_H
#define HELHED_DEMO_DIALOGUE_H

#include "domain/demo.h"

/* Deletes every dialogue (its history, answers, selection and goals go with
 * it), the deadlines and the organisations' definitions: they refer to the
 * organisations and departments the registry step replaces. */
hh_err demo_dialogue_clear(db *d, const demo_options *opt, hh_error *e);

/* The municipalities' deadlines for the last three years and this year, the
 * organisations' definitions of the four questions, and a dialogue for every
 * organisation × municipality pair for the year before last, last year and
 * this year in states that fit the dates, with answers that follow the key
 * figures and early warning, the selection with SWOTs, goals tied to key
 * figures and their follow-up. Organisation 101 × København (0101), the
 * boligorganisation@ and kommune@ logins' pair, is preparing this year with
 * most departments answered, after a published dialogue with goals last
 * year. Deterministic by seed and the load date; after the key figures and
 * early warning. */
hh_err demo_dialogue(db *d, const demo_options *opt, hh_error *e);

#endif
