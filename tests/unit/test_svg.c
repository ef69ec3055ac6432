/* SVG charts and maps: escaping, gaps, suppressed values, classes, ticks and
 * well-formed output that obeys the Content-Security-Policy. */
#include "cm.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "web/svg.h"

#define HOSTILE "<script>alert('x')</script>&\"é"

/* A tiny XML checker: every tag closes in order, attribute values are
 * quoted, '&' starts an entity, and nothing the policy forbids appears. */
static void assert_well_formed(const char *s)
{
    const char *stack[256];
    size_t depth = 0;
    assert_null(strstr(s, "style="));
    assert_null(strstr(s, "<style"));
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "javascript:"));
    for (const char *p = s; *p; p++) {
        if (*p == '&') {
            const char *semi = strchr(p, ';');
            assert_non_null(semi);
            assert_true(semi - p <= 6);
            continue;
        }
        if (*p == '>')
            fail_msg("stray '>' in text at offset %d", (int)(p - s));
        if (*p != '<')
            continue;
        bool closing = p[1] == '/';
        const char *name = p + (closing ? 2 : 1);
        size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
        if (n == 0)
            fail_msg("'<' not starting a tag at offset %d", (int)(p - s));
        /* Scan to the tag's end, skipping quoted attribute values. */
        const char *q = name + n;
        bool self = false;
        while (*q && *q != '>') {
            if (*q == '"') {
                const char *end = strchr(q + 1, '"');
                assert_non_null(end);
                assert_null(memchr(q + 1, '<', (size_t)(end - q - 1)));
                q = end + 1;
                continue;
            }
            if (*q == '=')
                assert_int_equal(q[1], '"');
            self = *q == '/' && q[1] == '>';
            q++;
        }
        assert_int_equal(*q, '>');
        if (closing) {
            assert_true(depth > 0);
            depth--;
            if (strncmp(stack[depth], name, n) != 0 || stack[depth][n] == '\0' ||
                strchr(" />", stack[depth][n]) == NULL)
                fail_msg("</%.*s> closes <%.20s", (int)n, name, stack[depth]);
        } else if (!self) {
            assert_true(depth < 256);
            stack[depth++] = name;
        }
        p = q;
    }
    if (depth != 0)
        fail_msg("%d unclosed tags, innermost <%.20s", (int)depth, stack[depth - 1]);
}

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The d attribute of the first path after marker, into out. */
static void path_after(const char *s, const char *marker, char *out, size_t n)
{
    const char *p = strstr(s, marker);
    assert_non_null(p);
    p = strstr(p, "<path d=\"");
    assert_non_null(p);
    p += 9;
    const char *end = strchr(p, '"');
    snprintf(out, n, "%.*s", (int)(end - p), p);
}

static void test_nice_ticks(void **state)
{
    svg_ticks t;
    svg_nice_ticks(0.3, 9.7, 5, &t);
    assert_true(t.lo == 0 && t.hi == 10 && t.step == 2);
    assert_int_equal(t.count, 6);
    assert_int_equal(t.decimals, 0);
    svg_nice_ticks(12.3, 14.1, 5, &t);
    assert_true(fabs(t.lo - 12.0) < 1e-9 && fabs(t.hi - 14.5) < 1e-9 && fabs(t.step - 0.5) < 1e-9);
    assert_int_equal(t.count, 6);
    assert_int_equal(t.decimals, 1);
    svg_nice_ticks(1234, 98765, 5, &t);
    assert_true(t.lo == 0 && t.hi == 100000 && t.step == 20000);
    svg_nice_ticks(-3.2, 4.1, 5, &t);
    assert_true(t.lo <= -3.2 && t.hi >= 4.1 && t.step == 2);
    svg_nice_ticks(0.012, 0.047, 5, &t);
    assert_true(fabs(t.step - 0.01) < 1e-12);
    assert_int_equal(t.decimals, 2);
    /* One value or only zeros still give a usable axis. */
    svg_nice_ticks(5, 5, 5, &t);
    assert_true(t.lo < 5 && t.hi > 5 && t.count >= 2);
    svg_nice_ticks(0, 0, 5, &t);
    assert_true(t.lo == 0 && t.hi == 1);
    svg_nice_ticks(NAN, NAN, 5, &t);
    assert_true(t.lo == 0 && t.hi == 1);
}

static void test_quantiles(void **state)
{
    double v[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, up[5];
    assert_int_equal(svg_quantiles(v, 10, 5, up), 5);
    assert_true(up[0] == 2 && up[1] == 4 && up[2] == 6 && up[3] == 8 && up[4] == 10);
    assert_int_equal(svg_class_of(up, 5, 1), 0);
    assert_int_equal(svg_class_of(up, 5, 2), 0);
    assert_int_equal(svg_class_of(up, 5, 2.5), 1);
    assert_int_equal(svg_class_of(up, 5, 10), 4);
    assert_int_equal(svg_class_of(up, 5, 99), 4);
    /* NAN is ignored; repeated values merge classes. */
    double w[] = { 1, 1, 1, 1, NAN, 5, 1, 1 };
    assert_int_equal(svg_quantiles(w, 8, 5, up), 2);
    assert_true(up[0] == 1 && up[1] == 5);
    double x[] = { 3, 1 };
    assert_int_equal(svg_quantiles(x, 2, 5, up), 2);
    assert_true(up[0] == 1 && up[1] == 3);
    assert_int_equal(svg_quantiles(x, 0, 5, up), 0);
    /* 99 values: 20, 20, 20, 20, 19 per class. */
    double many[99];
    for (int i = 0; i < 99; i++)
        many[i] = i;
    assert_int_equal(svg_quantiles(many, 99, 5, up), 5);
    assert_true(up[0] == 19 && up[1] == 39 && up[2] == 59 && up[3] == 79 && up[4] == 98);
}

static void test_line_chart(void **state)
{
    double dept[] = { 4.1, 4.3, NAN, 5.0, 5.5, 6.25 };
    double muni[] = { 3.0, 3.1, 3.3, 3.2, 3.6, 3.9 };
    double none[] = { NAN, NAN };
    svg_series s[] = {
        { HOSTILE, dept, 2018, 6, true },
        { "Kommunen", muni, 2018, 6, false },
        { "Tom", none, 2020, 2, false },
    };
    svg_line_chart c = {
        .id = "t\"r<e>nd", .title = "Titel " HOSTILE, .unit = " %", .decimals = 1, .series = s, .nseries = 3
    };
    buf b;
    buf_init(&b, 0);
    svg_line(&b, &c);
    const char *o = buf_cstr(&b);
    assert_well_formed(o);
    assert_non_null(strstr(o, "viewBox=\"0 0 "));
    assert_non_null(strstr(o, "role=\"img\" aria-labelledby=\"trend-t trend-d\""));
    assert_non_null(strstr(o, "<title id=\"trend-t\">Titel &lt;script&gt;"));
    assert_non_null(strstr(o, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;é, 2021: 5,0 %"));
    /* The generated summary names first and last values. */
    assert_non_null(strstr(o, "Udvikling 2018–2023."));
    assert_non_null(strstr(o, "Kommunen: fra 3,0 % i 2018 til 3,9 % i 2023."));
    assert_non_null(strstr(o, "Tom: ingen data."));
    /* Five values for the department, six for the municipality: one title each. */
    assert_int_equal(count(o, ", 20"), 11);
    assert_non_null(strstr(o, "Kommunen, 2020: 3,3 %"));
    assert_null(strstr(o, ", 2020: -"));
    /* Each series is a group starting with its line: the other one first,
     * dashed; the emphasised one last (on top) and thicker, broken in two by
     * the gap at 2020. */
    const char *first = strstr(o, "<g><path d=\""), *last = NULL;
    assert_non_null(first);
    for (const char *p = first; p; p = strstr(p + 1, "<g><path d=\""))
        last = p;
    assert_true(strstr(first, "stroke-dasharray=\"8 4\"") < strchr(first + 4, '>'));
    assert_true(strstr(last, "stroke-width=\"3.5\"") < strchr(last + 4, '>'));
    char d[512];
    snprintf(d, sizeof(d), "%.*s", (int)(strchr(last + 12, '"') - (last + 12)), last + 12);
    assert_int_equal(count(d, "M"), 2);
    assert_int_equal(count(d, "L"), 3);
    /* Nice ticks with Danish decimals and the unit. */
    assert_non_null(strstr(o, ">3 %</text>"));
    assert_non_null(strstr(o, ">7 %</text>"));
    assert_non_null(strstr(o, ">2023</text>"));
    assert_null(strstr(o, "<script"));
    buf_free(&b);
}

static void test_line_chart_amounts_and_empty(void **state)
{
    double rent[] = { 61000, 63500, 65250 };
    svg_series s[] = { { "Husleje", rent, 2021, 3, false } };
    svg_line_chart c = {
        .id = "leje", .title = "Husleje", .unit = " kr.", .decimals = 0, .zero_based = true, .series = s, .nseries = 1
    };
    buf b;
    buf_init(&b, 0);
    svg_line(&b, &c);
    assert_well_formed(buf_cstr(&b));
    assert_non_null(strstr(buf_cstr(&b), ">0 kr.</text>"));
    assert_non_null(strstr(buf_cstr(&b), ">80.000 kr.</text>"));
    assert_non_null(strstr(buf_cstr(&b), "Husleje, 2022: 63.500 kr."));
    buf_reset(&b);
    double nothing[] = { NAN, NAN, NAN };
    s[0].values = nothing;
    c.desc = "Egen beskrivelse";
    svg_line(&b, &c);
    assert_well_formed(buf_cstr(&b));
    assert_non_null(strstr(buf_cstr(&b), "Ingen data"));
    assert_non_null(strstr(buf_cstr(&b), "<desc id=\"leje-d\">Egen beskrivelse</desc>"));
    buf_reset(&b);
    c.nseries = 0;
    svg_line(&b, &c);
    assert_well_formed(buf_cstr(&b));
    buf_free(&b);
}

static void test_bars(void **state)
{
    svg_bar bars[] = {
        { "Lolland", 14.26, false, "/kommuner/0360?a=1&b=2", false },
        { HOSTILE, 7.1, false, NULL, true },
        { "Læsø", NAN, true, NULL, false },
        { "Fanø", NAN, false, NULL, false },
        { "Gentofte", -1.5, false, NULL, false },
        { "Et meget langt navn på en afdeling, som ikke kan stå i sin fulde længde i diagrammet", 3.3, false, NULL,
          false },
    };
    svg_bar_chart c = { .id = "rang", .title = "Rangliste", .unit = " %", .decimals = 1, .bars = bars, .nbars = 6 };
    buf b;
    buf_init(&b, 0);
    svg_bars(&b, &c);
    const char *o = buf_cstr(&b);
    assert_well_formed(o);
    /* A link makes the chart a group so the link is reachable. */
    assert_non_null(strstr(o, "role=\"group\" aria-labelledby=\"rang-t\" aria-describedby=\"rang-d\""));
    assert_non_null(strstr(o, "<a href=\"/kommuner/0360?a=1&amp;b=2\"><title>Lolland: 14,3 %</title>"));
    /* Four bars: suppressed and missing values have none. */
    assert_int_equal(count(o, "<rect"), 4);
    assert_non_null(strstr(o, ">&lt;5</text>"));
    assert_non_null(strstr(o, "<title>Læsø: færre end 5 (vises ikke)</title>"));
    assert_non_null(strstr(o, ">ingen data</text>"));
    assert_non_null(strstr(o, ">-1,5 %</text>"));
    assert_non_null(strstr(o, "&lt;script&gt;alert(&#39;x&#39;)"));
    assert_null(strstr(o, "<script"));
    /* The long label is cut on screen and whole in the tooltip. */
    assert_non_null(strstr(o, "…</text>"));
    assert_non_null(strstr(o, "fulde længde i diagrammet: 3,3 %</title>"));
    assert_non_null(strstr(o, "Højest: Lolland (14,3 %). Lavest: Gentofte (-1,5 %)."));
    /* Emphasis: bold label. */
    assert_non_null(strstr(o, "font-weight=\"bold\">&lt;script&gt;"));
    buf_reset(&b);
    c.nbars = 0;
    svg_bars(&b, &c);
    assert_well_formed(buf_cstr(&b));
    assert_non_null(strstr(buf_cstr(&b), "role=\"img\""));
    assert_non_null(strstr(buf_cstr(&b), "Ingen data"));
    buf_free(&b);
}

static void test_sparkline(void **state)
{
    double v[] = { 97.1, NAN, 97.5, 98.0, NAN, 98.3 };
    svg_spark s = { "Udlejning " HOSTILE, v, 2018, 6, " %", 1 };
    buf b;
    buf_init(&b, 0);
    svg_sparkline(&b, &s);
    const char *o = buf_cstr(&b);
    assert_well_formed(o);
    assert_non_null(strstr(o, "viewBox=\"0 0 80 20\" width=\"80\" height=\"20\""));
    assert_non_null(strstr(o, "Udlejning &lt;script&gt;"));
    assert_non_null(strstr(o, "2018–2023: fra 97,1 % til 98,3 %</title>"));
    char d[256];
    path_after(o, "</title>", d, sizeof(d));
    assert_int_equal(count(d, "M"), 3); /* 2018 | 2020-2021 | 2023 */
    /* Lone points get a dot; the last value is marked. */
    assert_int_equal(count(o, "<circle"), 2);
    buf_reset(&b);
    double none[] = { NAN };
    s.values = none;
    s.count = 1;
    svg_sparkline(&b, &s);
    assert_well_formed(buf_cstr(&b));
    assert_non_null(strstr(buf_cstr(&b), "ingen data</title>"));
    buf_free(&b);
}

static void test_choropleth(void **state)
{
    boundary_shape shapes[] = {
        { "0101", "København", "M10 10L20 10L20 20Z", 0 },
        { "0147", "Frederiksberg", "M30 10L40 10L40 20Z", 0 },
        { "0151", "Ballerup", "M50 10L60 10L60 20Z", 0 },
        { "0153", HOSTILE, "M70 10L80 10L80 20Z", 0 },
        { "0155", "Dragør", "M90 10L99 10L99 20Z", 0 },
        { "0157", "Gentofte", "M10 30L20 30L20 40Z", 0 },
        { "0159", "Gladsaxe", "M30 30L40 30L40 40Z", 0 },
        { "0161", "Glostrup", "M50 30L60 30L60 40Z", 0 },
        { "0163", "Herlev", "", 0 },
    };
    svg_map_value values[] = {
        { "0101", 1, false }, { "0147", 2, false },   { "0151", 3, false }, { "0153", 4, false },
        { "0155", 5, false }, { "0157", NAN, false }, { "0159", 7, true },  { "9999", 100, false },
    };
    boundary_view view = { 100, 50, 70, 30, 25, 15 };
    svg_map m = { .id = "kort",
                  .title = "Andel",
                  .unit = " %",
                  .decimals = 1,
                  .shapes = shapes,
                  .nshapes = 9,
                  .view = &view,
                  .values = values,
                  .nvalues = 8,
                  .href = "/kommuner/{code}?v={code}" };
    buf b;
    buf_init(&b, 0);
    svg_choropleth(&b, &m);
    const char *o = buf_cstr(&b);
    assert_well_formed(o);
    assert_non_null(strstr(o, "viewBox=\"0 0 100 50\""));
    assert_non_null(strstr(o, "role=\"group\" aria-labelledby=\"kort-t\" aria-describedby=\"kort-d\""));
    /* Each drawn shape is a link named by its title; the empty path is skipped. */
    assert_int_equal(count(o, "<a href="), 8);
    assert_non_null(strstr(o, "<a href=\"/kommuner/0101?v=0101\"><title>København: 1,0 %</title>"));
    assert_non_null(strstr(o, "<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;é: 4,0 %</title>"));
    assert_non_null(strstr(o, "<title>Gentofte: ingen data</title>"));
    assert_non_null(strstr(o, "<title>Gladsaxe: færre end 5 (vises ikke)</title>"));
    assert_non_null(strstr(o, "<title>Glostrup: ingen data</title>"));
    assert_null(strstr(o, "Herlev"));
    /* Five values, five classes: light to dark; grey and hatching. */
    assert_non_null(strstr(o, "M10 10L20 10L20 20Z\" fill=\"#d5e8f7\""));
    assert_non_null(strstr(o, "M90 10L99 10L99 20Z\" fill=\"#014a75\""));
    assert_non_null(strstr(o, "M10 30L20 30L20 40Z\" fill=\"#d9dde2\""));
    assert_non_null(strstr(o, "M30 30L40 30L40 40Z\" fill=\"url(#kort-hatch)\""));
    assert_non_null(strstr(o, "<pattern id=\"kort-hatch\""));
    /* The inset frame. */
    assert_non_null(strstr(o, "<rect x=\"70\" y=\"30\" width=\"25\" height=\"15\""));
    /* The legend: one range per class, then suppressed and no data. */
    assert_non_null(strstr(o, "</svg><ul class=\"legend\">"));
    assert_non_null(strstr(o, "</svg>1,0 %</li>"));
    assert_non_null(strstr(o, "</svg>5,0 %</li>"));
    assert_non_null(strstr(o, "Færre end 5 (vises ikke)</li>"));
    assert_non_null(strstr(o, "Ingen data</li>"));
    assert_non_null(strstr(o, "Højest: Dragør (5,0 %). Lavest: København (1,0 %). 2 uden data."));
    /* When low is bad, the lowest value is the darkest. */
    buf_reset(&b);
    m.low_is_bad = true;
    m.href = NULL;
    svg_choropleth(&b, &m);
    o = buf_cstr(&b);
    assert_well_formed(o);
    assert_non_null(strstr(o, "M10 10L20 10L20 20Z\" fill=\"#014a75\""));
    assert_non_null(strstr(o, "M90 10L99 10L99 20Z\" fill=\"#d5e8f7\""));
    assert_null(strstr(o, "<a "));
    assert_non_null(strstr(o, "role=\"img\" aria-labelledby=\"kort-t kort-d\""));
    buf_free(&b);
}

static void test_choropleth_ranges(void **state)
{
    /* Ten shapes, 1..10: classes 1-2, 3-4, ... with ranges in the legend. */
    boundary_shape shapes[10];
    svg_map_value values[10];
    char codes[10][5];
    for (int i = 0; i < 10; i++) {
        snprintf(codes[i], sizeof(codes[i]), "%04d", 101 + i);
        shapes[i] = (boundary_shape){ codes[i], codes[i], "M0 0L1 0L1 1Z", 0 };
        values[i] = (svg_map_value){ codes[i], 1000.0 * (i + 1), false };
    }
    svg_map m = { .id = "k",
                  .title = "Beløb",
                  .unit = " kr.",
                  .decimals = 0,
                  .shapes = shapes,
                  .nshapes = 10,
                  .values = values,
                  .nvalues = 10 };
    buf b;
    buf_init(&b, 0);
    svg_choropleth(&b, &m);
    const char *o = buf_cstr(&b);
    assert_well_formed(o);
    assert_non_null(strstr(o, "</svg>1.000–2.000 kr.</li>"));
    assert_non_null(strstr(o, "</svg>9.000–10.000 kr.</li>"));
    assert_int_equal(count(o, "fill=\"#d5e8f7\""), 2 + 1); /* two shapes and the swatch */
    assert_null(strstr(o, "Ingen data</li>"));
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nice_ticks), cmocka_unit_test(test_quantiles),
        cmocka_unit_test(test_line_chart), cmocka_unit_test(test_line_chart_amounts_and_empty),
        cmocka_unit_test(test_bars),       cmocka_unit_test(test_sparkline),
        cmocka_unit_test(test_choropleth), cmocka_unit_test(test_choropleth_ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
