#include "web/html.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "core/util.h"

void html_escape(buf *b, const char *s)
{
    if (!s)
        return;
    const char *run = s;
    for (const char *p = s; *p; p++) {
        const char *rep;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_append(b, run, (size_t)(p - run));
        buf_puts(b, rep);
        run = p + 1;
    }
    buf_puts(b, run);
}

void html_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        buf_append(b, run, (size_t)(p - run));
        p++;
        switch (*p) {
        case 's': html_escape(b, va_arg(ap, const char *)); break;
        case 'r': {
            const char *raw = va_arg(ap, const char *);
            if (raw)
                buf_puts(b, raw);
            break;
        }
        case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
        case 'D': buf_printf(b, "%lld", (long long)va_arg(ap, int64_t)); break;
        case 'z': /* %zu: counts */
            if (p[1] != 'u')
                hh_fatal("html_printf: unknown conversion '%%z%c' in \"%s\"", p[1] ? p[1] : '0', fmt);
            p++;
            buf_printf(b, "%zu", va_arg(ap, size_t));
            break;
        case '%': buf_putc(b, '%'); break;
        default: hh_fatal("html_printf: unknown conversion '%%%c' in \"%s\"", *p ? *p : '0', fmt);
        }
        run = p + 1;
    }
    buf_puts(b, run);
    va_end(ap);
}
