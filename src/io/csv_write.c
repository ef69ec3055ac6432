#include "io/csv_write.h"

#include <string.h>

void csv_field(buf *b, const char *s, bool first)
{
    if (!first)
        buf_putc(b, ';');
    if (!s)
        return;
    /* A leading = + - @ would make a spreadsheet evaluate the cell as a
     * formula (CSV injection); such fields are quoted with a leading '. */
    bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
    if (!formula && !strpbrk(s, ";\"\r\n")) {
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '"');
    if (formula)
        buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
}

void csv_end_row(buf *b)
{
    buf_append(b, "\r\n", 2);
}
