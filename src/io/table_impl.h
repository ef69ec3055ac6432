/* table_impl.h - what table_read.c (CSV, the row buffer, the public API) and
 * table_xlsx.c (zip and worksheet XML) share. Not for other modules. */
#ifndef HELHED_TABLE_IMPL_H
#define HELHED_TABLE_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "io/table_read.h"

/* Longest file name kept for messages (bytes), so a message always fits. */
#define TABLE_NAME_MAX 200

typedef enum table_enc { ENC_UTF8, ENC_UTF8_BOM, ENC_CP1252 } table_enc;

typedef struct xlsx_state xlsx_state;

struct table_reader {
    char name[TABLE_NAME_MAX + 1];
    table_format format;
    const unsigned char *data; /* the whole input */
    size_t len;
    void *map; /* mmap of a file, or NULL */
    size_t map_len;
    unsigned char *owned; /* read() copy of a file that could not be mapped */

    /* CSV */
    size_t pos; /* next byte to parse */
    char sep;
    table_enc enc;
    size_t bad_off;          /* UTF-8 input: first byte that is not UTF-8 (or NUL), else SIZE_MAX */
    unsigned char stop[256]; /* bytes that end an unquoted field */
    bool in_quotes;          /* parsing a quoted field (for the hint when it grows too long) */

    /* The current row: fields are NUL-terminated strings in rb at off[i];
     * offset 0 always holds an empty string (for XLSX gaps). */
    size_t line;
    char *rb;
    size_t rb_len, rb_cap;
    size_t n;
    size_t off[TABLE_MAX_FIELDS];
    size_t flen[TABLE_MAX_FIELDS];
    char *fptr[TABLE_MAX_FIELDS];

    int state; /* 0 reading, 1 at end, -1 failed (err holds why) */
    hh_error err;
    xlsx_state *x;
};

/* Records a failure (message formatted as given) in r->err and e, marks the
 * reader failed and returns -1. */
int table_fail(table_reader *r, hh_error *e, hh_err code, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Row buffer: begin a row, make room for extra bytes (returns where to
 * write), and point the row's field array into the buffer. */
void table_row_begin(table_reader *r);
char *table_rb_reserve(table_reader *r, size_t extra);
void table_row_finish(table_reader *r, table_row *row);

/* XLSX (table_xlsx.c): open parses the zip directory, shared strings and
 * workbook and positions on the first sheet; next yields rows. */
hh_err table_xlsx_open(table_reader *r, hh_error *e);
int table_xlsx_next(table_reader *r, table_row *row, hh_error *e);
size_t table_xlsx_progress(const table_reader *r, size_t *total);
void table_xlsx_free(table_reader *r);

#endif
