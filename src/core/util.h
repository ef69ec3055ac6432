/* util.h - allocation helpers that abort on out-of-memory, and small helpers.
 *
 * Every x* function either returns valid memory or terminates the process:
 * an allocation failure in a server is not a condition callers can handle
 * meaningfully (tmux xmalloc, Redis zmalloc). The caller owns what is returned
 * and releases it with free(). */
#ifndef HELHED_UTIL_H
#define HELHED_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define HH_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define HH_UNUSED(x) ((void)(x))

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Prints "helhed: fatal: ..." to stderr and aborts. */
void hh_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Copies at most size-1 bytes of src into dst and NUL-terminates (size > 0).
 * Returns strlen(src) so truncation can be detected (like strlcpy). */
size_t hh_strlcpy(char *dst, const char *src, size_t size);

/* Monotonic clock in nanoseconds. */
uint64_t hh_now_ns(void);

/* UTC wall-clock time formatted as ISO 8601 "YYYY-MM-DDTHH:MM:SSZ" into out[21]. */
void hh_utc_iso(char out[21]);

#endif
