/* str.h - strings as (pointer, length) for parsing, and strict number parsing.
 *
 * atoi/strtol-without-checks are banned: every number a user supplies is
 * parsed by hh_parse_* which rejects empty input, junk and overflow. */
#ifndef HELHED_STR_H
#define HELHED_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct str {
    const char *p;
    size_t n;
} str;

#define STR_LIT(s) ((str){ (s), sizeof(s) - 1 })

static inline str str_c(const char *s)
{
    return (str){ s, s ? strlen(s) : 0 };
}

static inline bool str_eq(str a, str b)
{
    return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

static inline bool str_eq_c(str a, const char *b)
{
    return str_eq(a, str_c(b));
}

/* Parses a whole decimal integer (optional leading '-') into *out. */
bool hh_parse_int64(const char *s, size_t n, int64_t *out);
bool hh_parse_int(const char *s, int min, int max, int *out);
/* The whole decimal integer in s (NULL allowed), or fallback when s is not one. */
int64_t hh_int64_or(const char *s, int64_t fallback);

/* True when s is exactly n ASCII digits. */
bool hh_is_digits(const char *s, size_t n);

/* Case-insensitive substring test over UTF-8 where ASCII letters and the
 * Danish letters æ ø å (Æ Ø Å) fold; other bytes compare exactly. */
bool hh_contains_fold(const char *haystack, const char *needle);

/* Compares two UTF-8 strings in Danish alphabetical order, case-insensitive:
 * a–z, then æ, ø, å (ä and ö sort with æ and ø). Ties break on bytes. */
int hh_collate_da(const char *a, const char *b);
#endif
