/* csv_write.h - writing CSV the way Danish spreadsheet users open it:
 * ';' separated, UTF-8 with a byte-order mark, fields quoted when needed. */
#ifndef HELHED_CSV_WRITE_H
#define HELHED_CSV_WRITE_H

#include <stdbool.h>

#include "core/buf.h"

#define CSV_BOM "\xEF\xBB\xBF"

/* Appends one field (quoted if it holds ';', '"', CR or LF), preceded by
 * the separator unless first. */
void csv_field(buf *b, const char *s, bool first);
/* Appends a number the program formatted itself ("-0,25"): unquoted, since a
 * leading minus is a sign, not a formula. Anything but digits, one leading
 * minus and decimal marks goes through csv_field. */
void csv_number_field(buf *b, const char *s, bool first);
void csv_end_row(buf *b);

#endif
