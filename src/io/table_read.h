/* table_read.h - streaming reader for the tables users import: CSV and XLSX.
 *
 * One reader serves both formats; the format is detected by content (a zip
 * "PK\3\4" is XLSX), never by the file name. Rows come one at a time and are
 * valid until the next table_next() call: the reader reuses one row buffer,
 * so reading costs no allocation per row or field.
 *
 * CSV, the way Danish spreadsheets save it:
 * - separator from the first record (the header), outside quotes: the most
 *   frequent of ';' '\t' ','; a tie prefers ';', then '\t', then ','; none
 *   means one column (reported as ';');
 * - encoding: a UTF-8 byte-order mark is skipped; UTF-16 (by its mark, or NUL
 *   bytes in the first 4 KB) is refused with a hint; input that is valid
 *   UTF-8 throughout is UTF-8, anything else is Windows-1252 and converted to
 *   UTF-8 field by field (bytes cp1252 leaves undefined are errors);
 * - RFC 4180 quoting ("" is a quote; quoted fields may hold separators and
 *   line breaks) with leniency where it cannot shift columns: a quote inside
 *   an unquoted field is kept; a quote inside a quoted field that is not
 *   followed by a separator or line end is kept too (as Go's LazyQuotes).
 *   A quote never closed is an error naming the row where it opened;
 * - line ends CRLF, LF or CR; spaces and tabs around fields are trimmed;
 * - blank records (every field empty) are skipped but counted, so row
 *   numbers match what a spreadsheet shows. The header is row 1. A record
 *   with line breaks inside quotes is one row (record number, not line).
 *
 * XLSX: the first sheet (workbook order), read as a stream (zip central
 * directory, stored or deflate entries, expat without a DOM). Cells are
 * placed by their reference, so empty cells are empty fields and a row keeps
 * its spreadsheet number across gaps; trailing empty cells are not fields.
 * Numbers come as their text ("0.25", "1234"; more than 15 significant
 * digits are rounded to 15 as Excel shows them); dates are serial numbers as
 * stored; booleans are "0"/"1"; error cells their text ("#DIV/0!").
 * Zip64, encrypted files and old .xls files are refused with a hint; the
 * inflated size and the number of zip entries are capped (zip bombs).
 *
 * Limits for both: a field over TABLE_MAX_FIELD bytes or a row over
 * TABLE_MAX_FIELDS fields is an error. Error messages are Danish (users read
 * them), start with the name given at open and name the row ("række N") and,
 * where it helps, the column ("kolonne K"); codes are HH_ERR_INPUT for bad
 * files and HH_ERR_IO when a file cannot be read. */
#ifndef HELHED_TABLE_READ_H
#define HELHED_TABLE_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

#define TABLE_MAX_FIELD 65536                     /* bytes of one field, as UTF-8 */
#define TABLE_MAX_FIELDS 1000                     /* fields of one row */
#define TABLE_XLSX_MAX_INFLATED ((size_t)1 << 30) /* bytes inflated from one XLSX file */
#define TABLE_XLSX_MAX_ENTRIES 10000              /* zip entries of one XLSX file */

typedef struct table_reader table_reader;

typedef enum table_format { TABLE_CSV, TABLE_XLSX } table_format;

typedef struct table_row {
    size_t line;  /* row number as a spreadsheet shows it: header = 1; for CSV the record number */
    size_t n;     /* number of fields (>= 1: blank rows are skipped) */
    char **field; /* UTF-8, NUL-terminated, trimmed; valid until the next table_next() */
    size_t *len;  /* byte length of each field (fields hold no NUL) */
} table_row;

/* Opens a file (mmap, or read for what cannot be mapped); its path is the
 * name in messages. table_open_file_as names it differently, e.g. with the
 * name a user uploaded under when the data sits in a temporary file. */
hh_err table_open_file(const char *path, table_reader **out, hh_error *e);
hh_err table_open_file_as(const char *path, const char *name, table_reader **out, hh_error *e);
/* Reads from memory; data must outlive the reader. */
hh_err table_open_mem(const char *name, const void *data, size_t len, table_reader **out, hh_error *e);

/* 1 = *row holds the next row, 0 = end of table, -1 = error (e filled; the
 * reader stays failed and repeats the error). */
int table_next(table_reader *r, table_row *row, hh_error *e);

table_format table_get_format(const table_reader *r);
/* The name given at open (the path by default), as messages use it. */
const char *table_name(const table_reader *r);
/* ';' ',' or '\t' for CSV, '\0' for XLSX. */
char table_separator(const table_reader *r);
/* "UTF-8", "UTF-8 med BOM", "Windows-1252" or "XLSX". */
const char *table_encoding(const table_reader *r);
/* Bytes consumed so far, and in *total (if not NULL) the bytes there are,
 * for a progress bar; for XLSX they count the worksheet's compressed bytes. */
size_t table_progress(const table_reader *r, size_t *total);
void table_close(table_reader *r);

/* Parses a decimal number as Danes and others write it, after trimming
 * spaces: "12,5" "12.5" "-0,25" "1e3"; a lone ',' or '.' is the decimal
 * mark. Thousands separators only where unambiguous: "1.234,5" and
 * "1,234.5" (groups of exactly three digits, the other mark as decimal), or
 * the same mark repeated between groups of three ("1.234.567"). Rejects ""
 * "abc" "1,2,3" "12,5%" "5," NaN and infinities. */
bool hh_parse_decimal(const char *s, size_t n, double *out);

#endif
