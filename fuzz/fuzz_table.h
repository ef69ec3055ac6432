/* fuzz_table.h - what fuzz_csv and fuzz_xlsx share: read a whole table from
 * memory and abort on any row that breaks the reader's promises. */
#ifndef HELHED_FUZZ_TABLE_H
#define HELHED_FUZZ_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/table_read.h"

static bool fuzz_valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t need = c < 0x80                 ? 0
                      : c >= 0xC2 && c <= 0xDF ? 1
                      : c >= 0xE0 && c <= 0xEF ? 2
                      : c >= 0xF0 && c <= 0xF4 ? 3
                                               : 9;
        if (need == 9 || n - i <= need)
            return false;
        unsigned cp = need == 0 ? c : need == 1 ? c & 0x1Fu : need == 2 ? c & 0x0Fu : c & 0x07u;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if ((need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += need + 1;
    }
    return true;
}

static void fuzz_read_table(const uint8_t *data, size_t size)
{
    table_reader *r;
    hh_error e;
    if (table_open_mem("fuzz.csv", data, size, &r, &e) != HH_OK) {
        if (strncmp(e.msg, "fuzz.csv", 8) != 0)
            abort();
        return;
    }
    table_row row;
    size_t last = 0;
    int rc;
    while ((rc = table_next(r, &row, &e)) == 1) {
        if (row.n == 0 || row.n > TABLE_MAX_FIELDS)
            abort();
        if (table_get_format(r) == TABLE_CSV && row.line <= last)
            abort();
        last = row.line;
        bool any = false;
        for (size_t i = 0; i < row.n; i++) {
            const char *f = row.field[i];
            size_t n = row.len[i];
            if (n > TABLE_MAX_FIELD || strlen(f) != n || !fuzz_valid_utf8((const unsigned char *)f, n))
                abort();
            if (n && (f[0] == ' ' || f[n - 1] == ' '))
                abort();
            any |= n > 0;
        }
        if (!any)
            abort();
    }
    if (rc < 0 && (strncmp(e.msg, "fuzz.csv", 8) != 0 || table_next(r, &row, &e) != -1))
        abort();
    size_t total, done = table_progress(r, &total);
    if (done > total)
        abort();
    table_close(r);
}

#endif
