/* html.h - an HTML writer that escapes by default.
 *
 * html_printf's format string is trusted markup written in the code; every
 * %s argument is escaped for text and quoted attribute context. Raw markup
 * needs the explicit %r, which only takes strings this program built.
 *   %s  escaped string (NULL prints nothing)
 *   %r  raw, trusted markup
 *   %d  int          %D  int64_t          %zu size_t          %%  a percent sign */
#ifndef HELHED_HTML_H
#define HELHED_HTML_H

#include "core/buf.h"

void html_escape(buf *b, const char *s);
void html_printf(buf *b, const char *fmt, ...);

#endif
