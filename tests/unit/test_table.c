/* The table reader (CSV and XLSX), decimal parsing, and the XLSX writer. */
#include "cm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/util.h"
#include "io/table_read.h"
#include "io/xlsx_write.h"

static char tmpdir[] = "/tmp/helhed-test-table.XXXXXX";

/* Reads a whole table and renders it as "LINE:field|field\n" per row; an
 * error ends it with "!" and the message. */
static const char *dump_reader(table_reader *r)
{
    static buf b;
    buf_free(&b);
    buf_init(&b, 0);
    table_row row;
    hh_error e;
    int rc;
    while ((rc = table_next(r, &row, &e)) == 1) {
        buf_printf(&b, "%zu:", row.line);
        for (size_t i = 0; i < row.n; i++) {
            assert_int_equal(strlen(row.field[i]), row.len[i]);
            buf_printf(&b, "%s%s", i ? "|" : "", row.field[i]);
        }
        buf_putc(&b, '\n');
    }
    if (rc < 0) {
        buf_printf(&b, "!%s", e.msg);
        hh_error again;
        assert_int_equal(table_next(r, &row, &again), -1); /* stays failed */
        assert_string_equal(again.msg, e.msg);
    } else
        assert_int_equal(table_next(r, &row, &e), 0);
    return buf_cstr(&b);
}

static const char *dump_mem(const char *name, const void *data, size_t len)
{
    table_reader *r;
    hh_error e;
    static char msg[600];
    if (table_open_mem(name, data, len, &r, &e) != HH_OK) {
        snprintf(msg, sizeof msg, "open!%s", e.msg);
        return msg;
    }
    const char *s = dump_reader(r);
    table_close(r);
    return s;
}

static const char *dump(const char *csv)
{
    return dump_mem("t.csv", csv, strlen(csv));
}

static char sep_of(const char *csv)
{
    table_reader *r;
    hh_error e;
    assert_int_equal(table_open_mem("t.csv", csv, strlen(csv), &r, &e), HH_OK);
    char c = table_separator(r);
    table_close(r);
    return c;
}

static const char *encoding_of(const char *csv)
{
    table_reader *r;
    hh_error e;
    assert_int_equal(table_open_mem("t.csv", csv, strlen(csv), &r, &e), HH_OK);
    const char *s = table_encoding(r);
    table_close(r);
    return s;
}

/* ---- CSV ---- */

static void test_separator(void **state)
{
    assert_int_equal(sep_of("a;b;c\n1,5;2;3\n"), ';');
    assert_int_equal(sep_of("a,b,c\n1;2;3;4;5\n"), ','); /* only the header counts */
    assert_int_equal(sep_of("a\tb\tc\n"), '\t');
    assert_int_equal(sep_of("a;b,c\n"), ';');         /* tie: ';' first */
    assert_int_equal(sep_of("a\tb,c\n"), '\t');       /* then tab */
    assert_int_equal(sep_of("a,b;c\td\n"), ';');      /* all equal */
    assert_int_equal(sep_of("\"x;y;z\",a,b\n"), ','); /* outside quotes */
    assert_int_equal(sep_of("\n\na,b\n"), ',');       /* blank lines before the header */
    assert_int_equal(sep_of("navn\nÆrø\n"), ';');     /* one column */
    assert_string_equal(dump("navn\nÆrø, by\n"), "1:navn\n2:Ærø, by\n");
    assert_int_equal(sep_of(""), ';');
}

static void test_encoding(void **state)
{
    assert_string_equal(encoding_of("a;b\nÆrø;Åbenrå\n"), "UTF-8");
    assert_string_equal(encoding_of("\xEF\xBB\xBF"
                                    "a;b\n"),
                        "UTF-8 med BOM");
    assert_string_equal(dump("\xEF\xBB\xBFnavn;by\n"), "1:navn|by\n"); /* the BOM is not in the first field */
    assert_string_equal(encoding_of("a;b\n\xE6\xF8\xE5;x\n"), "Windows-1252");
    /* Danish letters, the euro and the cp1252 specials. */
    assert_string_equal(dump("\xC6\xD8\xC5;\xE6\xF8\xE5;\x80 10;\x8A\x9F\x96\x93x\x94\n"), "1:ÆØÅ|æøå|€ 10|ŠŸ–“x”\n");
    assert_string_equal(dump("a\xA0;b\n"), "1:a\xC2\xA0|b\n"); /* NBSP converts, is not trimmed */
    static const unsigned char undefined[] = { 0x81, 0x8D, 0x8F, 0x90, 0x9D };
    for (size_t i = 0; i < sizeof undefined; i++) {
        char in[32], want[160];
        snprintf(in, sizeof in, "a;b\n\xE6;x\n;\nc;%c\n", undefined[i]);
        snprintf(want, sizeof want,
                 "1:a|b\n2:æ|x\n!t.csv, række 4: ugyldigt tegn (byte 0x%02X); forventede UTF-8 eller Windows-1252",
                 undefined[i]);
        assert_string_equal(dump(in), want);
    }
    /* UTF-16, by its byte-order marks or by NUL bytes. */
    const char *utf16 = "open!t.csv: filen er gemt som UTF-16; gem den som CSV UTF-8 eller CSV (semikolonsepareret)";
    assert_string_equal(dump_mem("t.csv",
                                 "\xFF\xFE"
                                 "a\0;\0b\0",
                                 8),
                        utf16);
    assert_string_equal(dump_mem("t.csv", "\xFE\xFF\0a\0;\0b", 8), utf16);
    assert_string_equal(dump_mem("t.csv", "a\0;\0b\0\n\0", 8), utf16);
    assert_string_equal(dump_mem("t.csv",
                                 "\xEF\xBB\xBF"
                                 "a\0;\0",
                                 7),
                        utf16);
    /* Marked UTF-8 but broken: the row of the first bad byte. */
    assert_string_equal(
        dump("\xEF\xBB\xBF"
             "a;b\nc;d\n\xE6;x\n"),
        "1:a|b\n2:c|d\n!t.csv, række 3: ugyldigt tegn (byte 0xE6); forventede UTF-8 eller Windows-1252");
    /* A NUL after the first 4 KB of UTF-8. */
    char big[5000];
    memset(big, 'a', sizeof big);
    big[0] = 'h';
    big[1] = '\n';
    big[4800] = '\n';
    big[4900] = '\0';
    assert_string_equal(strchr(dump_mem("t.csv", big, sizeof big), '!'),
                        "!t.csv, række 3: ugyldigt tegn (byte 0x00); forventede UTF-8 eller Windows-1252");
}

static void test_quotes(void **state)
{
    assert_string_equal(dump("a;\"b;c\";\"d\"\"e\"\n"), "1:a|b;c|d\"e\n");
    /* A line break inside quotes: one row, numbered by record. */
    assert_string_equal(dump("h1;h2\n\"a\nb\r\nc\";x\n\ny;z\n"), "1:h1|h2\n2:a\nb\r\nc|x\n4:y|z\n");
    /* Stray quotes in unquoted fields are kept; so are quotes inside a
     * quoted field that do not end it. */
    assert_string_equal(dump("5\" skærm;ab\"c\"\n"), "1:5\" skærm|ab\"c\"\n");
    assert_string_equal(dump("\"Han sagde \"hej\" til mig\";x\n"), "1:Han sagde \"hej\" til mig|x\n");
    /* Spaces around quoted fields, and inside them, are trimmed. */
    assert_string_equal(dump("  \" a \"  ;b\n"), "1:a|b\n");
    assert_string_equal(dump("\"\"\n\"x\"\n"), "2:x\n");
    /* Never closed: the row where the field opens, after a multi-line record. */
    assert_string_equal(dump("a;b\n\"1\n2\";3\n4;\"5\n6;7\n"),
                        "1:a|b\n2:1\n2|3\n!t.csv, række 3: et citationstegn (\") åbnes, men lukkes aldrig");
    assert_string_equal(dump("\""), "!t.csv, række 1: et citationstegn (\") åbnes, men lukkes aldrig");
    assert_string_equal(dump("a;\"b\""), "1:a|b\n");
}

static void test_lines(void **state)
{
    assert_string_equal(dump("a;b\r\nc;d\r\n"), "1:a|b\n2:c|d\n");
    assert_string_equal(dump("a;b\nc;d"), "1:a|b\n2:c|d\n");
    assert_string_equal(dump("a;b\rc;d\r"), "1:a|b\n2:c|d\n"); /* old Mac */
    /* Blank records are skipped but counted: Excel shows them. */
    assert_string_equal(dump("h\n\n ; \n;;\n\"\";\nx\n\n"), "1:h\n6:x\n");
    assert_string_equal(dump("  a  ;\tb\t; c d \n"), "1:a|b|c d\n");
    assert_string_equal(dump("a;;b;\n"), "1:a||b|\n");
    assert_string_equal(dump("a\tb c\t\n"), "1:a|b c|\n");
    assert_string_equal(dump(""), "");
    assert_string_equal(dump("\n\n"), "");
}

static void test_limits(void **state)
{
    size_t big = TABLE_MAX_FIELD + 16;
    char *s = malloc(big + 64);
    assert_non_null(s);
    /* exactly the limit */
    memcpy(s, "a;", 2);
    memset(s + 2, 'x', TABLE_MAX_FIELD);
    memcpy(s + 2 + TABLE_MAX_FIELD, "\n", 2);
    table_reader *r;
    table_row row;
    hh_error e;
    assert_int_equal(table_open_mem("t.csv", s, strlen(s), &r, &e), HH_OK);
    assert_int_equal(table_next(r, &row, &e), 1);
    assert_int_equal(row.len[1], TABLE_MAX_FIELD);
    table_close(r);
    /* one byte more, plain and quoted */
    memcpy(s, "a\nb;", 4);
    memset(s + 4, 'x', TABLE_MAX_FIELD + 1);
    memcpy(s + 4 + TABLE_MAX_FIELD + 1, "\n", 2);
    assert_string_equal(dump(s), "1:a\n!t.csv, række 2, kolonne 2: feltet er længere end 64 KiB");
    s[4] = '"'; /* never closed */
    assert_string_equal(dump(s), "1:a\n!t.csv, række 2: et citationstegn (\") åbnes, men lukkes aldrig");
    memcpy(s + 4 + TABLE_MAX_FIELD + 1, "\n\"c\";d\n", 8); /* closed by the next quoted field */
    assert_string_equal(dump(s), "1:a\n!t.csv, række 2, kolonne 2: feltet er længere end 64 KiB (mangler et "
                                 "citationstegn (\") til at lukke feltet?)");
    /* A Windows-1252 field that grows past the limit as UTF-8. */
    memset(s, 0xE6, TABLE_MAX_FIELD / 2 + 1);
    s[TABLE_MAX_FIELD / 2 + 1] = '\0';
    assert_string_equal(dump(s), "!t.csv, række 1, kolonne 1: feltet er længere end 64 KiB");
    free(s);

    /* 1000 fields are fine, 1001 are not. */
    char *many = malloc(2 * 1001 + 8);
    size_t k = 0;
    for (int i = 0; i < 1000; i++) {
        many[k++] = 'x';
        many[k++] = ';';
    }
    many[k - 1] = '\n';
    many[k] = '\0';
    assert_int_equal(table_open_mem("t.csv", many, k, &r, &e), HH_OK);
    assert_int_equal(table_next(r, &row, &e), 1);
    assert_int_equal(row.n, 1000);
    table_close(r);
    many[k - 1] = ';';
    many[k++] = 'y';
    many[k++] = '\n';
    many[k] = '\0';
    assert_string_equal(dump(many), "!t.csv, række 1: rækken har mere end 1000 kolonner");
    free(many);
}

static void test_files(void **state)
{
    table_reader *r;
    hh_error e;
    char path[512];
    snprintf(path, sizeof path, "%s/mangler.csv", tmpdir);
    assert_int_equal(table_open_file(path, &r, &e), HH_ERR_IO);
    assert_non_null(strstr(e.msg, "mangler.csv: kan ikke åbne filen ("));
    snprintf(path, sizeof path, "%s/tom.csv", tmpdir);
    FILE *f = fopen(path, "wb");
    fclose(f);
    assert_int_equal(table_open_file_as(path, "upload.csv", &r, &e), HH_OK);
    assert_string_equal(dump_reader(r), "");
    table_close(r);
    snprintf(path, sizeof path, "%s/data.csv", tmpdir);
    f = fopen(path, "wb");
    fputs("a;b\n\xE6;\x81\n", f);
    fclose(f);
    assert_int_equal(table_open_file_as(path, "upload.csv", &r, &e), HH_OK);
    assert_int_equal(table_get_format(r), TABLE_CSV);
    assert_string_equal(dump_reader(r), "1:a|b\n!upload.csv, række 2: ugyldigt tegn (byte 0x81); forventede UTF-8 "
                                        "eller Windows-1252");
    table_close(r);
    /* Old .xls (and password-protected .xlsx) are OLE2 files. */
    assert_string_equal(dump_mem("gammel.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10),
                        "open!gammel.xls: filen er en gammel Excel-fil (.xls) eller beskyttet med adgangskode; gem den "
                        "som Excel-projektmappe (.xlsx) uden adgangskode eller som CSV UTF-8");
}

/* 200,000 long-form rows generated in memory: counts, sums and progress. */
static void test_many_rows(void **state)
{
    buf b;
    buf_init(&b, 0);
    buf_puts(&b, "org_no;department_no;year;key_figure;value\r\n");
    for (int i = 0; i < 200000; i++)
        buf_printf(&b, "%d;%d;%d;ledighed;%d,%d\r\n", 1000 + i % 500, i % 97, 2015 + i % 10, i % 1000, i % 10);
    table_reader *r;
    hh_error e;
    assert_int_equal(table_open_mem("stor.csv", b.data, b.len, &r, &e), HH_OK);
    table_row row;
    size_t rows = 0, last = 0;
    double sum = 0;
    int rc;
    while ((rc = table_next(r, &row, &e)) == 1) {
        assert_int_equal(row.n, 5);
        last = row.line;
        if (rows++ == 0)
            continue;
        double v;
        assert_true(hh_parse_decimal(row.field[4], row.len[4], &v));
        sum += v;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(rows, 200001);
    assert_int_equal(last, 200001);
    double want = 0;
    for (int i = 0; i < 200000; i++)
        want += i % 1000 + (i % 10) / 10.0;
    assert_true(sum > want - 0.01 && sum < want + 0.01);
    size_t total, done = table_progress(r, &total);
    assert_int_equal(done, total);
    assert_int_equal(total, b.len);
    table_close(r);
    buf_free(&b);
}

/* ---- decimals ---- */

static void test_decimal(void **state)
{
    static const struct {
        const char *s;
        double v;
    } ok[] = {
        { "12,5", 12.5 },
        { "12.5", 12.5 },
        { "-0,25", -0.25 },
        { "1.234,5", 1234.5 },
        { "1,234.5", 1234.5 },
        { "1e3", 1000 },
        { " 7 ", 7 },
        { "0", 0 },
        { "+3", 3 },
        { ",5", 0.5 },
        { "1.234", 1.234 },
        { "1,234", 1.234 },
        { "1.234.567", 1234567 },
        { "12.345.678,9", 12345678.9 },
        { "-1,5E-2", -0.015 },
        { "2,5e+2", 250 },
        { "0,1", 0.1 },
        { "123456789012345678", 123456789012345678.0 },
        { "1e-400", 0 },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v = -99;
        if (!hh_parse_decimal(ok[i].s, strlen(ok[i].s), &v))
            fail_msg("rejected \"%s\"", ok[i].s);
        if (v != ok[i].v)
            fail_msg("\"%s\" gave %.17g, expected %.17g", ok[i].s, v, ok[i].v);
    }
    static const char *bad[] = { "",      "  ",    "abc",     "1,2,3", "12,5%", "NaN",     "nan",    "inf",
                                 "-inf",  "1e",    "e3",      "-",     "5,",    "1.2.3",   "1,23.4", "1.234,5,6",
                                 "1 234", "1e999", "12,5 kr", "0x10",  ".",     "1,234,5", "1..2",   "--1" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v;
        if (hh_parse_decimal(bad[i], strlen(bad[i]), &v))
            fail_msg("accepted \"%s\" as %g", bad[i], v);
    }
    /* Uses n, not the terminator. */
    double v;
    assert_true(hh_parse_decimal("12,5xyz", 4, &v));
    assert_true(v == 12.5);
}

/* ---- XLSX ---- */

static size_t slurp(const char *path, unsigned char **out)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    *out = malloc((size_t)n);
    assert_int_equal(fread(*out, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return (size_t)n;
}

static void test_xlsx_round_trip(void **state)
{
    char path[512];
    snprintf(path, sizeof path, "%s/eksport.xlsx", tmpdir);
    hh_error e;
    xlsx_writer *w = xlsx_open(path, "Nøgletal: [2024]", &e);
    assert_non_null(w);
    const char *head[] = { "Afdeling", "Beløb", "År", "Note" };
    xlsx_header(w, head, 4);
    xlsx_cell_text(w, 0, "Ærø \"Syd\" æøå");
    xlsx_cell_number(w, 1, 1234.5, 2);
    xlsx_cell_number(w, 2, 2024, -1);
    xlsx_cell_text(w, 3, "  <b>&amp;</b>  ");
    xlsx_end_row(w);
    xlsx_end_row(w); /* rows 3 and 4 stay empty */
    xlsx_end_row(w);
    xlsx_cell_number(w, 1, 0.25, 2); /* A5 empty */
    xlsx_cell_number(w, 2, -3, 0);
    xlsx_cell_number(w, 3, 0.1 + 0.2, 1);
    xlsx_end_row(w);
    xlsx_cell_text(w, 3, "kun D");
    xlsx_cell_text(w, 0, NULL);
    xlsx_cell_number(w, 1, 0.0 / 0.0, 1); /* NaN: empty */
    xlsx_end_row(w);
    char *longtext = malloc(40001);
    memset(longtext, 'x', 40000);
    longtext[40000] = '\0';
    xlsx_cell_text(w, 0, longtext);
    xlsx_cell_text(w, 1, "linje 1\nlinje 2");
    xlsx_end_row(w);
    free(longtext);
    assert_int_equal(xlsx_close(w, &e), HH_OK);

    table_reader *r;
    assert_int_equal(table_open_file(path, &r, &e), HH_OK);
    assert_int_equal(table_get_format(r), TABLE_XLSX);
    assert_string_equal(table_encoding(r), "XLSX");
    assert_int_equal(table_separator(r), '\0');
    table_row row;
    assert_int_equal(table_next(r, &row, &e), 1);
    assert_int_equal(row.line, 1);
    assert_int_equal(row.n, 4);
    assert_string_equal(row.field[1], "Beløb");
    assert_int_equal(table_next(r, &row, &e), 1);
    assert_int_equal(row.line, 2);
    assert_string_equal(row.field[0], "Ærø \"Syd\" æøå");
    assert_string_equal(row.field[1], "1234.5");
    assert_string_equal(row.field[2], "2024");
    assert_string_equal(row.field[3], "<b>&amp;</b>");
    assert_int_equal(table_next(r, &row, &e), 1);
    assert_int_equal(row.line, 5);
    assert_int_equal(row.n, 4);
    assert_string_equal(row.field[0], "");
    assert_string_equal(row.field[1], "0.25");
    assert_string_equal(row.field[2], "-3");
    assert_string_equal(row.field[3], "0.3");
    assert_int_equal(table_next(r, &row, &e), 1);
    assert_int_equal(row.line, 6);
    assert_int_equal(row.n, 4);
    assert_string_equal(row.field[3], "kun D");
    assert_int_equal(table_next(r, &row, &e), 1);
    assert_int_equal(row.line, 7);
    assert_int_equal(row.len[0], XLSX_MAX_TEXT);
    assert_string_equal(row.field[1], "linje 1\nlinje 2");
    assert_int_equal(table_next(r, &row, &e), 0);
    size_t total, done = table_progress(r, &total);
    assert_true(total > 0 && done == total);
    table_close(r);

    /* Every truncation and every flipped byte fails cleanly or reads. */
    unsigned char *data;
    size_t n = slurp(path, &data);
    for (size_t cut = 0; cut < n; cut += 3) {
        const char *s = dump_mem("t.xlsx", data, cut);
        if (cut > 4 && !strstr(s, "t.xlsx: filen ligner en XLSX-fil, men kan ikke læses ("))
            fail_msg("truncated at %zu: %s", cut, s);
    }
    assert_string_equal(dump_mem("t.xlsx", data, n / 2),
                        "open!t.xlsx: filen ligner en XLSX-fil, men kan ikke læses (zip-arkivets indholdsfortegnelse "
                        "mangler; filen er nok afkortet)");
    for (size_t i = 0; i < n; i++) {
        data[i] ^= 0x5A;
        dump_mem("t.xlsx", data, n);
        data[i] ^= 0x5A;
    }
    free(data);
}

static void test_xlsx_write_errors(void **state)
{
    hh_error e;
    char path[512];
    snprintf(path, sizeof path, "%s/mangler/x.xlsx", tmpdir);
    assert_null(xlsx_open(path, "", &e));
    assert_int_equal(e.code, HH_ERR_IO);
    assert_non_null(strstr(e.msg, "kan ikke oprette XLSX-filen /tmp/"));
    assert_non_null(strstr(e.msg, "/mangler/x.xlsx (No such file or directory)"));
    xlsx_writer *w;
    snprintf(path, sizeof path, "%s/brede.xlsx", tmpdir);
    w = xlsx_open(path, "'Ark/1'", &e);
    xlsx_cell_number(w, XLSX_MAX_COLS - 1, 1, 0);
    xlsx_cell_number(w, XLSX_MAX_COLS, 1, 0);
    xlsx_cell_text(w, 0, "efter fejlen"); /* ignored */
    assert_int_equal(xlsx_close(w, &e), HH_ERR_INPUT);
    assert_string_equal(e.msg, "eksporten har flere kolonner, end et XLSX-ark kan rumme (16.384)");
    assert_int_equal(xlsx_close(NULL, &e), HH_OK);
}

/* libxlsxwriter's default mode writes shared strings; rich text, booleans
 * and formula results come out as text. */
static void test_xlsx_shared_strings(void **state)
{
    char path[512];
    snprintf(path, sizeof path, "%s/delt.xlsx", tmpdir);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *first = workbook_add_worksheet(wb, "Første");
    lxw_worksheet *second = workbook_add_worksheet(wb, "Anden");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    worksheet_write_string(first, 0, 0, "Navn", NULL);
    worksheet_write_string(first, 0, 1, "Værdi", NULL);
    worksheet_write_string(first, 1, 0, "Navn", NULL); /* the same shared string */
    lxw_rich_string_tuple f1 = { .format = bold, .string = "fed " }, f2 = { .format = NULL, .string = "og normal" };
    lxw_rich_string_tuple *rich[] = { &f1, &f2, NULL };
    worksheet_write_rich_string(first, 1, 1, rich, NULL);
    worksheet_write_boolean(first, 2, 0, 1, NULL);
    worksheet_write_formula_str(first, 2, 1, "=\"a\"&\"b\"", NULL, "ab");
    worksheet_write_formula_num(first, 2, 2, "=6*7", NULL, 42);
    worksheet_write_string(second, 0, 0, "ikke mig", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    table_reader *r;
    hh_error e;
    assert_int_equal(table_open_file(path, &r, &e), HH_OK);
    assert_string_equal(dump_reader(r), "1:Navn|Værdi\n2:Navn|fed og normal\n3:1|ab|42\n");
    table_close(r);
}

/* A zip from parts, for XML no writer produces: stored, or deflated when
 * deflate is set; usize, when set, overrides the declared size. */
typedef struct zpart {
    const char *name;
    const char *data;
    unsigned flags;
    bool deflate;
    uint32_t usize;
} zpart;

static void put_le(buf *b, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        buf_putc(b, (char)(v >> (8 * i)));
}

static void make_zip(buf *b, const zpart *parts, size_t n)
{
    uint32_t offs[8], crc[8], csize[8], usize[8];
    buf packed[8];
    buf_reset(b);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(parts[i].data), nl = strlen(parts[i].name);
        buf_init(&packed[i], 0);
        if (parts[i].deflate) {
            z_stream z;
            memset(&z, 0, sizeof z);
            assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
            unsigned char out[8192];
            z.next_in = (Bytef *)parts[i].data;
            z.avail_in = (uInt)len;
            z.next_out = out;
            z.avail_out = sizeof out;
            assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
            buf_append(&packed[i], out, sizeof out - z.avail_out);
            deflateEnd(&z);
        } else
            buf_append(&packed[i], parts[i].data, len);
        crc[i] = (uint32_t)crc32(0, (const Bytef *)parts[i].data, (uInt)len);
        csize[i] = (uint32_t)packed[i].len;
        usize[i] = parts[i].usize ? parts[i].usize : (uint32_t)len;
        offs[i] = (uint32_t)b->len;
        put_le(b, 0x04034b50, 4);
        put_le(b, 20, 2);
        put_le(b, parts[i].flags, 2);
        put_le(b, parts[i].deflate ? 8 : 0, 2);
        put_le(b, 0, 4);
        put_le(b, crc[i], 4);
        put_le(b, csize[i], 4);
        put_le(b, usize[i], 4);
        put_le(b, (uint32_t)nl, 2);
        put_le(b, 0, 2);
        buf_append(b, parts[i].name, nl);
        buf_append(b, packed[i].data ? packed[i].data : "", packed[i].len);
        buf_free(&packed[i]);
    }
    size_t cd = b->len;
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(parts[i].name);
        put_le(b, 0x02014b50, 4);
        put_le(b, 20, 2);
        put_le(b, 20, 2);
        put_le(b, parts[i].flags, 2);
        put_le(b, parts[i].deflate ? 8 : 0, 2);
        put_le(b, 0, 4);
        put_le(b, crc[i], 4);
        put_le(b, csize[i], 4);
        put_le(b, usize[i], 4);
        put_le(b, (uint32_t)nl, 2);
        put_le(b, 0, 4); /* extra and comment lengths */
        put_le(b, 0, 4); /* disk, internal attributes */
        put_le(b, 0, 4); /* external attributes */
        put_le(b, offs[i], 4);
        buf_append(b, parts[i].name, nl);
    }
    size_t cd_size = b->len - cd;
    put_le(b, 0x06054b50, 4);
    put_le(b, 0, 4);
    put_le(b, (uint32_t)n, 2);
    put_le(b, (uint32_t)n, 2);
    put_le(b, (uint32_t)cd_size, 4);
    put_le(b, (uint32_t)cd, 4);
    put_le(b, 0, 2);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NS_R "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char *sheet_zip(buf *b, const char *sheet_data, const char *sst)
{
    static char sheet[4096];
    snprintf(sheet, sizeof sheet, "<worksheet " NS "><sheetData>%s</sheetData></worksheet>", sheet_data);
    zpart parts[] = { { "xl/worksheets/sheet1.xml", sheet, 0, false, 0 },
                      { "xl/sharedStrings.xml", sst ? sst : "", 0, true, 0 } };
    make_zip(b, parts, sst ? 2 : 1);
    return dump_mem("t.xlsx", b->data, b->len);
}

static void test_xlsx_xml(void **state)
{
    buf b;
    buf_init(&b, 0);
    /* The first sheet by workbook order, through an absolute target; shared
     * strings with runs, phonetic runs and escapes; a prefixed namespace. */
    zpart parts[] = {
        { "xl/workbook.xml",
          "<workbook " NS " " NS_R "><sheets><sheet name=\"B\" sheetId=\"2\" r:id=\"rId7\"/>"
          "<sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
          0, false, 0 },
        { "xl/_rels/workbook.xml.rels",
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
          "<Relationship Id=\"rId3\" Type=\"http://x/sharedStrings\" Target=\"./strings.xml\"/>"
          "<Relationship Id=\"rId7\" Type=\"x/worksheet\" Target=\"/xl/worksheets/../worksheets/other.xml\"/>"
          "</Relationships>",
          0, false, 0 },
        { "xl/worksheets/sheet1.xml",
          "<worksheet " NS "><sheetData><row r=\"1\"><c><v>1</v></c></row></sheetData>"
          "</worksheet>",
          0, false, 0 },
        { "xl/worksheets/other.xml",
          "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
          "<x:row r=\"2\"><x:c r=\"B2\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"D2\" t=\"s\"><x:v>1</x:v></x:c></x:row>"
          "<x:row><x:c t=\"s\"><x:v>2</x:v></x:c><x:c t=\"b\"><x:v>0</x:v></x:c><x:c t=\"e\"><x:v>#DIV/0!</x:v>"
          "</x:c><x:c><x:v>0.30000000000000004</x:v></x:c><x:c><x:v>1.5E-3</x:v></x:c></x:row>"
          "</x:sheetData></x:worksheet>",
          0, false, 0 },
        { "xl/strings.xml",
          "<sst " NS "><si><t>Ærø</t></si><si><r><t>fed</t></r><r><t xml:space=\"preserve\"> tekst</t></r>"
          "<rPh><t>ふりがな</t></rPh></si><si><t>a_x000D_b_x005F_x000D_c</t></si></sst>",
          0, false, 0 },
    };
    make_zip(&b, parts, 5);
    assert_string_equal(dump_mem("t.xlsx", b.data, b.len), "2:|Ærø||fed tekst\n3:a\rb_x000D_c|0|#DIV/0!|0.3|1.5E-3\n");

    /* Without workbook.xml: sheet1.xml. Inline strings, gaps, spaces. */
    assert_string_equal(sheet_zip(&b,
                                  "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t> a </t></is></c>"
                                  "<c r=\"C1\" t=\"str\"><v>c</v></c><c r=\"XFD1\" s=\"1\"/></row>"
                                  "<row r=\"4\"><c r=\"B4\" t=\"inlineStr\"><is><t>  </t></is></c></row>"
                                  "<row r=\"9\"><c r=\"AA9\"><v>7</v></c></row>",
                                  NULL),
                        "1:a||c\n9:||||||||||||||||||||||||||7\n");
    /* Errors name row and column. */
    assert_string_equal(sheet_zip(&b, "<row r=\"3\"><c r=\"B3\" t=\"s\"><v>5</v></c></row>", "<sst " NS "/>"),
                        "!t.xlsx, række 3, kolonne 2: cellen henviser til en tekst, der ikke findes (filen er "
                        "ødelagt)");
    assert_string_equal(sheet_zip(&b, "<row r=\"2\"><c r=\"ALM2\"><v>1</v></c></row>", NULL),
                        "!t.xlsx, række 2: rækken har mere end 1000 kolonner");
    char want[1100] = "2:"; /* ALL is the 1000th column */
    memset(want + 2, '|', 999);
    hh_strlcpy(want + 2 + 999, "1\n", 3);
    assert_string_equal(sheet_zip(&b, "<row r=\"2\"><c r=\"ALL2\"><v>1</v></c></row>", NULL), want);
    assert_string_equal(sheet_zip(&b, "<row r=\"2\"><c r=\"C2\"><v>1</v></c><c r=\"B2\"><v>2</v></c></row>", NULL),
                        "!t.xlsx, række 2, kolonne 2: cellerne står i forkert rækkefølge (filen er ødelagt)");
    assert_string_equal(sheet_zip(&b, "<row r=\"1\"><c><v>1</v></c></row><row", NULL),
                        "1:1\n!t.xlsx: filen ligner en XLSX-fil, men kan ikke læses (ugyldig XML i linje 1 af "
                        "regnearket)");
    /* No DOCTYPE (entity expansion). */
    zpart doctype[] = { { "xl/worksheets/sheet1.xml",
                          "<!DOCTYPE w [<!ENTITY a \"aaaa\">]><worksheet><sheetData><row><c t=\"inlineStr\"><is>"
                          "<t>&a;</t></is></c></row></sheetData></worksheet>",
                          0, false, 0 } };
    make_zip(&b, doctype, 1);
    assert_string_equal(dump_mem("t.xlsx", b.data, b.len),
                        "!t.xlsx: filen ligner en XLSX-fil, men kan ikke læses (den indeholder en "
                        "DOCTYPE-erklæring)");
    /* Password-protected entries, zip64, no sheet, too many entries. */
    zpart enc[] = { { "xl/worksheets/sheet1.xml", "xx", 1, false, 0 } };
    make_zip(&b, enc, 1);
    assert_string_equal(dump_mem("t.xlsx", b.data, b.len),
                        "open!t.xlsx: filen er beskyttet med adgangskode (krypteret); gem den uden adgangskode");
    zpart other[] = { { "word/document.xml", "<w/>", 0, false, 0 } };
    make_zip(&b, other, 1);
    assert_string_equal(dump_mem("t.docx", b.data, b.len),
                        "open!t.docx: filen ligner en XLSX-fil, men kan ikke læses (der er intet regneark i den)");
    b.data[b.len - 22 + 10] = (char)0xFF; /* entries: 0xFFFF */
    b.data[b.len - 22 + 11] = (char)0xFF;
    assert_string_equal(dump_mem("t.xlsx", b.data, b.len),
                        "open!t.xlsx: filen ligner en XLSX-fil, men kan ikke læses (zip64-formatet understøttes ikke)");
    b.data[b.len - 22 + 10] = (char)(10001 & 0xFF);
    b.data[b.len - 22 + 11] = (char)(10001 >> 8);
    b.data[b.len - 22 + 8] = (char)(10001 & 0xFF);
    b.data[b.len - 22 + 9] = (char)(10001 >> 8);
    assert_string_equal(dump_mem("t.xlsx", b.data, b.len),
                        "open!t.xlsx: filen ligner en XLSX-fil, men indeholder for mange dele (over 10000)");
    buf_free(&b);
}

/* Zip bombs: a declared size over the cap is refused before inflating; an
 * entry that inflates past its declared size is caught as it does. */
static void test_xlsx_bomb(void **state)
{
    buf b;
    buf_init(&b, 0);
    static char sheet[100000];
    int k = snprintf(sheet, sizeof sheet, "<worksheet><sheetData><row><c><v>1</v></c></row>");
    memset(sheet + k, ' ', sizeof sheet - (size_t)k - 100);
    hh_strlcpy(sheet + sizeof sheet - 100, "</sheetData></worksheet>", 100);
    zpart big[] = { { "xl/worksheets/sheet1.xml", sheet, 0, true, (uint32_t)TABLE_XLSX_MAX_INFLATED + 1 } };
    make_zip(&b, big, 1);
    assert_string_equal(dump_mem("bombe.xlsx", b.data, b.len),
                        "open!bombe.xlsx: filen ligner en XLSX-fil, men fylder over 1024 MiB udpakket og afvises");
    zpart lying[] = { { "xl/worksheets/sheet1.xml", sheet, 0, true, 1000 } };
    make_zip(&b, lying, 1);
    assert_string_equal(dump_mem("bombe.xlsx", b.data, b.len),
                        "!bombe.xlsx: filen ligner en XLSX-fil, men kan ikke læses (forkert størrelse på regnearket)");
    zpart honest[] = { { "xl/worksheets/sheet1.xml", sheet, 0, true, 0 } };
    make_zip(&b, honest, 1);
    assert_string_equal(dump_mem("bombe.xlsx", b.data, b.len), "1:1\n");
    buf_free(&b);
}

static int setup(void **state)
{
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_separator),
        cmocka_unit_test(test_encoding),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_many_rows),
        cmocka_unit_test(test_decimal),
        cmocka_unit_test(test_xlsx_round_trip),
        cmocka_unit_test(test_xlsx_write_errors),
        cmocka_unit_test(test_xlsx_shared_strings),
        cmocka_unit_test(test_xlsx_xml),
        cmocka_unit_test(test_xlsx_bomb),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
