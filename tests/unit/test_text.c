/* Escaping and writers: HTML, JSON, CSV; strings and numbers. */
#include "cm.h"

#include <string.h>

#include "core/numfmt.h"
#include "core/str.h"
#include "http/json.h"
#include "io/csv_write.h"
#include "web/html.h"

static void test_html_escape(void **state)
{
    buf b;
    buf_init(&b, 0);
    html_printf(&b, "<a href=\"%s\">%s</a>%r %d %D %%", "x\"onmouseover='1'", "<script>&", "<b>ok</b>", -7,
                (int64_t)9000000000LL);
    assert_string_equal(buf_cstr(&b), "<a href=\"x&quot;onmouseover=&#39;1&#39;\">&lt;script&gt;&amp;</a>"
                                      "<b>ok</b> -7 9000000000 %");
    buf_reset(&b);
    buf_reset(&b);
    html_printf(&b, "%zu rækker", (size_t)42);
    assert_string_equal(buf_cstr(&b), "42 rækker");
    buf_reset(&b);
    html_printf(&b, "[%s]", (const char *)NULL);
    assert_string_equal(buf_cstr(&b), "[]");
    buf_free(&b);
}

static void test_json_writer(void **state)
{
    buf b;
    buf_init(&b, 0);
    jw w;
    jw_init(&w, &b);
    jw_obj(&w);
    jw_kstr(&w, "s", "a\"b\\c\n\x01<>&æ");
    jw_kint(&w, "i", -42);
    jw_key(&w, "arr");
    jw_arr(&w);
    jw_int(&w, 1);
    jw_null(&w);
    jw_bool(&w, true);
    jw_double(&w, 0.5);
    jw_obj(&w);
    jw_obj_end(&w);
    jw_arr_end(&w);
    jw_kstr(&w, "n", NULL);
    jw_obj_end(&w);
    assert_string_equal(buf_cstr(&b), "{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u003c\\u003e\\u0026æ\",\"i\":-42,"
                                      "\"arr\":[1,null,true,0.5,{}],\"n\":null}");
    buf_free(&b);
}

static void test_csv_writer(void **state)
{
    buf b;
    buf_init(&b, 0);
    csv_field(&b, "plain", true);
    csv_field(&b, "semi;colon", false);
    csv_field(&b, "quote\"d", false);
    csv_field(&b, "=SUM(A1)", false);
    csv_field(&b, NULL, false);
    csv_end_row(&b);
    assert_string_equal(buf_cstr(&b), "plain;\"semi;colon\";\"quote\"\"d\";\"'=SUM(A1)\";\r\n");
    /* Numbers the program formatted keep their sign; anything else is guarded. */
    buf_reset(&b);
    csv_number_field(&b, "-2,25", true);
    csv_number_field(&b, "1.234,5", false);
    csv_number_field(&b, "", false);
    csv_number_field(&b, "-1+1", false);
    csv_number_field(&b, "-", false);
    assert_string_equal(buf_cstr(&b), "-2,25;1.234,5;;\"'-1+1\";\"'-\"");
    buf_free(&b);
}

static void test_buf_limit(void **state)
{
    buf b;
    buf_init(&b, 8);
    assert_true(buf_puts(&b, "12345678"));
    assert_false(buf_putc(&b, '9'));
    assert_true(b.overflow);
    assert_int_equal(b.len, 8);
    assert_false(buf_puts(&b, "")); /* stays overflowed until reset */
    buf_reset(&b);
    assert_true(buf_printf(&b, "%d", 42));
    assert_string_equal(buf_cstr(&b), "42");
    buf_free(&b);
}

static void test_parse_int(void **state)
{
    int64_t v;
    assert_true(hh_parse_int64("123", 3, &v));
    assert_int_equal(v, 123);
    assert_true(hh_parse_int64("-9223372036854775808", 20, &v));
    assert_true(v == INT64_MIN);
    assert_false(hh_parse_int64("9223372036854775808", 19, &v));
    assert_false(hh_parse_int64("", 0, &v));
    assert_false(hh_parse_int64("-", 1, &v));
    assert_false(hh_parse_int64("12a", 3, &v));
    assert_false(hh_parse_int64(" 1", 2, &v));
    int i;
    assert_true(hh_parse_int("256", 1, 256, &i));
    assert_false(hh_parse_int("257", 1, 256, &i));
    assert_false(hh_parse_int("0", 1, 256, &i));
    assert_true(hh_is_digits("0101", 4));
    assert_false(hh_is_digits("010", 4));
    assert_false(hh_is_digits("01011", 4));
}

static void test_danish_text(void **state)
{
    assert_true(hh_contains_fold("København", "KØB"));
    assert_true(hh_contains_fold("Ærø", "ærø"));
    assert_true(hh_contains_fold("Aabenraa", "benr"));
    assert_false(hh_contains_fold("Køge", "koge"));
    assert_true(hh_contains_fold("x", ""));
    /* Danish order: ... y z æ ø å */
    assert_true(hh_collate_da("Vejle", "Ærø") < 0);
    assert_true(hh_collate_da("Ærø", "Ørsted") < 0);
    assert_true(hh_collate_da("Ørsted", "Århus") < 0);
    assert_true(hh_collate_da("Hvidovre", "Høje Taastrup") < 0);
    assert_true(hh_collate_da("aalborg", "Aalborg") > 0 || hh_collate_da("aalborg", "Aalborg") < 0);
    assert_int_equal(hh_collate_da("Køge", "Køge"), 0);
    assert_true(hh_collate_da("Køge", "KØGE") != 0); /* ties break on bytes: a total order */
}

static void test_numfmt(void **state)
{
    char out[64];
    assert_string_equal(fmt_num_da(out, sizeof out, 1234567.891, 1), "1.234.567,9");
    assert_string_equal(fmt_num_da(out, sizeof out, 26.6667, 1), "26,7");
    assert_string_equal(fmt_num_da(out, sizeof out, 999, 0), "999");
    assert_string_equal(fmt_num_da(out, sizeof out, 1000, 0), "1.000");
    assert_string_equal(fmt_num_da(out, sizeof out, -1500.5, 2), "-1.500,50");
    assert_string_equal(fmt_num_da(out, sizeof out, -0.01, 1), "0,0");
    assert_string_equal(fmt_num_da(out, sizeof out, 0.0 / 0.0, 1), "-");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_escape), cmocka_unit_test(test_json_writer), cmocka_unit_test(test_csv_writer),
        cmocka_unit_test(test_buf_limit),   cmocka_unit_test(test_parse_int),   cmocka_unit_test(test_danish_text),
        cmocka_unit_test(test_numfmt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
