/* xlsx_write.h - exports as XLSX: a thin layer over libxlsxwriter.
 *
 * One sheet, written row by row in constant memory (libxlsxwriter keeps only
 * the current row and streams the rest to a temporary file), so an export of
 * any size costs the same memory. The header row is bold, frozen and has an
 * autofilter; column widths follow the longest value seen (within limits);
 * numbers carry a format with the requested decimals and a thousands
 * separator, which Excel shows in the reader's locale ("1.234,50" in Danish).
 *
 * The file is written when xlsx_close() runs. Errors (too many rows or
 * columns, a file that cannot be written) are remembered and reported by
 * xlsx_close(); cell calls after an error do nothing. A caller serving the
 * file over HTTP writes to a temporary path and streams it back. */
#ifndef HELHED_XLSX_WRITE_H
#define HELHED_XLSX_WRITE_H

#include <stddef.h>

#include "core/error.h"

#define XLSX_MAX_ROWS 1048576 /* rows in a sheet, header included */
#define XLSX_MAX_COLS 16384   /* columns in a sheet */
#define XLSX_MAX_TEXT 32767   /* characters in a cell; longer text is cut */

typedef struct xlsx_writer xlsx_writer;

/* Starts a workbook at path with one sheet. The sheet name is cleaned to what
 * Excel accepts (no []:*?/\, at most 31 characters). NULL on failure (e set). */
xlsx_writer *xlsx_open(const char *path, const char *sheet_name, hh_error *e);
/* Writes names as the bold, frozen header row and moves to the next row. */
void xlsx_header(xlsx_writer *w, const char *const *names, size_t n);
/* Cells of the current row; columns count from 0 and must not go back
 * within a row. NULL or empty text leaves the cell empty. */
void xlsx_cell_text(xlsx_writer *w, size_t col, const char *s);
/* decimals 0-10 shows that many decimals with a thousands separator; a
 * negative value leaves the number unformatted (years, codes). NaN and
 * infinities leave the cell empty. */
void xlsx_cell_number(xlsx_writer *w, size_t col, double v, int decimals);
/* Ends the current row; a row without cells stays empty in the sheet. */
void xlsx_end_row(xlsx_writer *w);
/* Finishes the current sheet (column widths, autofilter) and starts a new
 * one named sheet_name (cleaned as in xlsx_open; a repeated name gets a
 * number). Rows count from 0 again; the next xlsx_header freezes its row. */
void xlsx_add_sheet(xlsx_writer *w, const char *sheet_name);
/* Writes the file and frees w (NULL is allowed). Reports the first error. */
hh_err xlsx_close(xlsx_writer *w, hh_error *e);

#endif
