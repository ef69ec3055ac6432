/* The answers body parser of the steering-dialogue API
 * (dlg_answers_from_json, web/api_dialogue.h): what it reads, what it
 * leaves out, and the field it names when it refuses. */
#include "cm.h"

#include <jansson.h>
#include <string.h>

#include "core/arena.h"
#include "web/api_dialogue.h"

static hh_err read_answers(arena *a, const char *text, dlg_answer_input in[DI_COUNT], hh_error *e)
{
    json_error_t err;
    json_t *o = json_loads(text, 0, &err);
    if (!o)
        fail_msg("bad test JSON: %s", err.text);
    hh_err rc = dlg_answers_from_json(o, in, a, e);
    json_decref(o);
    return rc;
}

static void test_reads_given_items(void **state)
{
    (void)state;
    arena a;
    arena_init(&a);
    dlg_answer_input in[DI_COUNT];
    hh_error e;
    assert_int_equal(read_answers(&a,
                                  "{\"answers\":{\"physical_state\":{\"score\":2,\"justification\":\"Slid\"},"
                                  "\"democracy\":{\"score\":4},\"social\":{\"justification\":\"Uddybet\"},"
                                  "\"maintenance\":{\"score\":null,\"justification\":null}}}",
                                  in, &e),
                     HH_OK);
    assert_true(in[DI_PHYSICAL_STATE].present && in[DI_PHYSICAL_STATE].has_score);
    assert_int_equal(in[DI_PHYSICAL_STATE].score, 2);
    assert_string_equal(in[DI_PHYSICAL_STATE].justification, "Slid");
    assert_true(in[DI_DEMOCRACY].has_score && !in[DI_DEMOCRACY].has_justification);
    assert_int_equal(in[DI_DEMOCRACY].score, 4);
    assert_true(in[DI_SOCIAL].has_justification && !in[DI_SOCIAL].has_score);
    assert_string_equal(in[DI_SOCIAL].justification, "Uddybet");
    /* null clears: score 0 and an empty text. */
    assert_true(in[DI_MAINTENANCE].has_score && in[DI_MAINTENANCE].has_justification);
    assert_int_equal(in[DI_MAINTENANCE].score, 0);
    assert_string_equal(in[DI_MAINTENANCE].justification, "");
    assert_false(in[DI_EFFECTIVE_OPERATION].present);
    assert_false(in[DI_CONTEMPORARY].present);
    assert_int_equal(read_answers(&a, "{\"answers\":{}}", in, &e), HH_OK);
    for (int i = 0; i < DI_COUNT; i++)
        assert_false(in[i].present);
    arena_free(&a);
}

static void test_refuses_naming_the_field(void **state)
{
    (void)state;
    static const struct {
        const char *body, *field;
    } bad[] = {
        { "{}", "answers" },
        { "{\"answers\":{},\"summary\":\"x\"}", "summary" },
        { "{\"answers\":[]}", "answers" },
        { "{\"answers\":{\"nope\":{\"score\":1}}}", "answers.nope" },
        { "{\"answers\":{\"social\":[]}}", "answers.social" },
        { "{\"answers\":{\"social\":{\"score\":1,\"extra\":1}}}", "answers.social.extra" },
        { "{\"answers\":{\"social\":{\"score\":0}}}", "answers.social.score" },
        { "{\"answers\":{\"social\":{\"score\":5}}}", "answers.social.score" },
        { "{\"answers\":{\"social\":{\"score\":2.5}}}", "answers.social.score" },
        { "{\"answers\":{\"social\":{\"score\":\"3\"}}}", "answers.social.score" },
        { "{\"answers\":{\"democracy\":{\"justification\":7}}}", "answers.democracy.justification" },
    };
    arena a;
    arena_init(&a);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dlg_answer_input in[DI_COUNT];
        hh_error e;
        if (read_answers(&a, bad[i].body, in, &e) != HH_ERR_INPUT)
            fail_msg("accepted %s", bad[i].body);
        if (strcmp(e.field, bad[i].field) != 0)
            fail_msg("%s: field %s, expected %s", bad[i].body, e.field, bad[i].field);
        assert_true(strlen(e.msg) > 0);
    }
    /* Too long a justification. */
    size_t n = DLG_JUSTIFICATION_MAX + 1;
    char *long_text = arena_alloc(&a, n + 64);
    memcpy(long_text, "{\"answers\":{\"social\":{\"justification\":\"", 39);
    memset(long_text + 39, 'x', n);
    memcpy(long_text + 39 + n, "\"}}}", 5);
    dlg_answer_input in[DI_COUNT];
    hh_error e;
    assert_int_equal(read_answers(&a, long_text, in, &e), HH_ERR_INPUT);
    assert_string_equal(e.field, "answers.social.justification");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_given_items),
        cmocka_unit_test(test_refuses_naming_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
