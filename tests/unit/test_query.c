#include "cm.h"

#include <string.h>

#include "http/query.h"

static arena a;

static int teardown(void **state)
{
    arena_free(&a);
    return 0;
}

static query_status parse(const char *s, query_kv **kv, size_t *n)
{
    return query_parse(&a, s, strlen(s), kv, n);
}

static void test_basic(void **state)
{
    query_kv *kv;
    size_t n;
    assert_int_equal(parse("q=K%C3%B8ge&region=1085&flag", &kv, &n), QUERY_OK);
    assert_int_equal(n, 3);
    assert_string_equal(kv[0].key, "q");
    assert_string_equal(kv[0].value, "Køge");
    assert_string_equal(query_get(kv, n, "region"), "1085");
    assert_string_equal(query_get(kv, n, "flag"), "");
    assert_null(query_get(kv, n, "missing"));
}

static void test_plus_and_empty(void **state)
{
    query_kv *kv;
    size_t n;
    assert_int_equal(parse("q=a+b%20c&&=x&", &kv, &n), QUERY_OK);
    assert_int_equal(n, 2);
    assert_string_equal(kv[0].value, "a b c");
    assert_string_equal(kv[1].key, "");
    assert_string_equal(kv[1].value, "x");
    assert_int_equal(parse("", &kv, &n), QUERY_OK);
    assert_int_equal(n, 0);
}

static void test_errors(void **state)
{
    query_kv *kv;
    size_t n;
    assert_int_equal(parse("a=%zz", &kv, &n), QUERY_BAD_ESCAPE);
    assert_int_equal(parse("a=%4", &kv, &n), QUERY_BAD_ESCAPE);
    assert_int_equal(parse("a=%", &kv, &n), QUERY_BAD_ESCAPE);
    assert_int_equal(parse("a=%00", &kv, &n), QUERY_NUL);
    char many[(QUERY_MAX_PAIRS + 1) * 4 + 1];
    size_t len = 0;
    for (int i = 0; i < QUERY_MAX_PAIRS + 1; i++, len += 4)
        memcpy(many + len, "k=v&", 4);
    many[len] = '\0';
    assert_int_equal(parse(many, &kv, &n), QUERY_TOO_MANY);
    many[len - 4] = '\0';
    assert_int_equal(parse(many, &kv, &n), QUERY_OK);
    assert_int_equal(n, QUERY_MAX_PAIRS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_basic, teardown),
        cmocka_unit_test_teardown(test_plus_and_empty, teardown),
        cmocka_unit_test_teardown(test_errors, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
