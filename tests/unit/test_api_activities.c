/* The session body parser of the activities API (act_session_from_json,
 * web/api_activities.h): what it reads, what it keeps, and the field it
 * names when it refuses. */
#include "cm.h"

#include <jansson.h>
#include <string.h>

#include "core/arena.h"
#include "web/api_activities.h"

static json_t *parse(const char *text)
{
    json_error_t err;
    json_t *o = json_loads(text, 0, &err);
    if (!o)
        fail_msg("bad test JSON: %s", err.text);
    return o;
}

/* Parses text over s; the hh_err, e filled. */
static hh_err read_session(arena *a, const char *text, act_session *s, hh_error *e)
{
    json_t *o = parse(text);
    hh_err rc = act_session_from_json(o, s, a, e);
    json_decref(o);
    return rc;
}

static void test_reads_everything(void **state)
{
    (void)state;
    arena a;
    arena_init(&a);
    act_session s = { .date = "", .start_time = "", .note = "" };
    hh_error e;
    assert_int_equal(
        read_session(&a,
                     "{\"date\":\"2024-03-05\",\"start_time\":\"17:00\",\"counts\":{\"female\":"
                     "{\"child\":3,\"adult\":4},\"other\":{\"senior\":1}},\"new_participants\":2,"
                     "\"volunteers\":1,\"keys\":[\"ab-1\",\"CD-2\"],\"note\":\"Regn\",\"client_token\":\"t1\"}",
                     &s, &e),
        HH_OK);
    assert_string_equal(s.date, "2024-03-05");
    assert_string_equal(s.start_time, "17:00");
    assert_int_equal(s.counts[GENDER_FEMALE][AGE_CHILD], 3);
    assert_int_equal(s.counts[GENDER_FEMALE][AGE_ADULT], 4);
    assert_int_equal(s.counts[GENDER_OTHER][AGE_SENIOR], 1);
    assert_int_equal(s.counts[GENDER_MALE][AGE_YOUTH], 0);
    assert_int_equal(s.participants, 8);
    assert_int_equal(s.new_participants, 2);
    assert_int_equal(s.volunteers, 1);
    assert_int_equal(s.nkeys, 2);
    assert_string_equal(s.keys[0], "ab-1"); /* the domain normalises */
    assert_string_equal(s.note, "Regn");
    assert_string_equal(s.client_token, "t1");
    arena_free(&a);
}

static void test_absent_keeps_counts_replace(void **state)
{
    (void)state;
    arena a;
    arena_init(&a);
    act_session s = { .date = "2024-01-01", .start_time = "10:00", .note = "x", .volunteers = 3 };
    s.counts[GENDER_MALE][AGE_ADULT] = 9;
    s.participants = 9;
    hh_error e;
    assert_int_equal(read_session(&a, "{\"note\":null}", &s, &e), HH_OK);
    assert_string_equal(s.date, "2024-01-01");
    assert_string_equal(s.note, "");
    assert_int_equal(s.volunteers, 3);
    assert_int_equal(s.participants, 9);
    /* counts replace the whole grid */
    assert_int_equal(read_session(&a, "{\"counts\":{\"female\":{\"youth\":2}}}", &s, &e), HH_OK);
    assert_int_equal(s.counts[GENDER_MALE][AGE_ADULT], 0);
    assert_int_equal(s.counts[GENDER_FEMALE][AGE_YOUTH], 2);
    assert_int_equal(s.participants, 2);
    /* keys null: none; client_token null: none */
    assert_int_equal(read_session(&a, "{\"keys\":null,\"client_token\":null}", &s, &e), HH_OK);
    assert_int_equal(s.nkeys, 0);
    assert_null(s.client_token);
    arena_free(&a);
}

static void test_refuses_naming_the_field(void **state)
{
    (void)state;
    static const struct {
        const char *body, *field;
    } cases[] = {
        { "{\"participants\":4}", "participants" },
        { "{\"date\":5}", "date" },
        { "{\"counts\":{\"kids\":{}}}", "counts.kids" },
        { "{\"counts\":{\"male\":{\"baby\":1}}}", "counts.male.baby" },
        { "{\"counts\":{\"male\":{\"child\":\"1\"}}}", "counts.male.child" },
        { "{\"counts\":{\"male\":{\"child\":-1}}}", "counts.male.child" },
        { "{\"counts\":{\"male\":[]}}", "counts.male" },
        { "{\"counts\":[]}", "counts" },
        { "{\"new_participants\":1.5}", "new_participants" },
        { "{\"volunteers\":-2}", "volunteers" },
        { "{\"keys\":\"AB-1\"}", "keys" },
        { "{\"keys\":[\"AB-1\",3]}", "keys[1]" },
        { "{\"client_token\":\"\"}", "client_token" },
        { "[1]", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        arena a;
        arena_init(&a);
        act_session s = { .date = "", .start_time = "", .note = "" };
        hh_error e;
        assert_int_equal(read_session(&a, cases[i].body, &s, &e), HH_ERR_INPUT);
        if (strcmp(e.field, cases[i].field) != 0)
            fail_msg("%s: field %s, expected %s", cases[i].body, e.field, cases[i].field);
        assert_true(strlen(e.msg) > 0);
        arena_free(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_everything),
        cmocka_unit_test(test_absent_keeps_counts_replace),
        cmocka_unit_test(test_refuses_naming_the_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
