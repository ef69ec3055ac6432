/* buf.h - growable byte buffer with a hard maximum (curl's dynbuf).
 *
 * Anything a client controls is collected in a buf with a limit; appending
 * past the limit sets `overflow` and drops the data, so callers check once at
 * the end instead of after every append. The buffer is always NUL-terminated.
 * Owner: whoever called buf_init; release with buf_free() or take the memory
 * with buf_detach(). */
#ifndef HELHED_BUF_H
#define HELHED_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max; /* 0 = unlimited */
    bool overflow;
} buf;

void buf_init(buf *b, size_t max);
void buf_free(buf *b);
void buf_reset(buf *b);
/* Returns the heap block (NUL-terminated, length b->len) and empties b. */
char *buf_detach(buf *b, size_t *len);
bool buf_append(buf *b, const void *p, size_t n);
bool buf_puts(buf *b, const char *s);
bool buf_putc(buf *b, char c);
bool buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool buf_vprintf(buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static inline const char *buf_cstr(const buf *b)
{
    return b->data ? b->data : "";
}

#endif
