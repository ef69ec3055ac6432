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

void csv_number_field(buf *b, const char *s, bool first)
{
    const char *p = s && s[0] == '-' ? s + 1 : s;
    bool plain = p && *p;
    for (; plain && *p; p++)
        plain = (*p >= '0' && *p <= '9') || *p == ',' || *p == '.';
    if (!plain) {
        csv_field(b, s, first);
        return;
    }
    if (!first)
        buf_putc(b, ';');
    buf_puts(b, s);
}

void csv_end_row(buf *b)
{
    buf_append(b, "\r\n", 2);
}
