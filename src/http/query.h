/* query.h - application/x-www-form-urlencoded parsing (query strings and,
 * later, form bodies). Pure; fuzzed by fuzz/fuzz_query.c. */
#ifndef HELHED_QUERY_H
#define HELHED_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

#define QUERY_MAX_PAIRS 1024 /* a plan's budget form sends a field per year, source and kind */

typedef struct query_kv {
    const char *key;   /* decoded, NUL-terminated, arena-owned */
    const char *value; /* "" when the pair had no '=' */
} query_kv;

typedef enum query_status {
    QUERY_OK = 0,
    QUERY_TOO_MANY,   /* more than QUERY_MAX_PAIRS pairs */
    QUERY_BAD_ESCAPE, /* '%' not followed by two hex digits */
    QUERY_NUL,        /* an escape decoded to a NUL byte */
} query_status;

/* Parses s[0..n) into at most QUERY_MAX_PAIRS pairs allocated from a.
 * '+' decodes to a space; empty pairs ("a=1&&b=2") are skipped. */
query_status query_parse(arena *a, const char *s, size_t n, query_kv **out, size_t *count);

#define QUERY_DECODE_BAD (-1L) /* '%' not followed by two hex digits */
#define QUERY_DECODE_NUL (-2L) /* a NUL byte, escaped or raw */

/* Percent-decodes s[0..n) into dst (which must hold n+1 bytes); returns the
 * decoded length or QUERY_DECODE_BAD/QUERY_DECODE_NUL. plus_space: '+' → ' '. */
long query_decode(char *dst, const char *s, size_t n, bool plus_space);

/* First value for key, or NULL. */
const char *query_get(const query_kv *kv, size_t count, const char *key);

#endif
