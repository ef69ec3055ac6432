#include "str.h"

#include <limits.h>

bool hh_parse_int64(const char *s, size_t n, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (n == 0)
        return false;
    if (s[0] == '-') {
        neg = true;
        i = 1;
        if (n == 1)
            return false;
    }
    uint64_t v = 0;
    uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (limit - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return true;
}

bool hh_parse_int(const char *s, int min, int max, int *out)
{
    int64_t v;
    if (!s || !hh_parse_int64(s, strlen(s), &v) || v < min || v > max)
        return false;
    *out = (int)v;
    return true;
}

bool hh_is_digits(const char *s, size_t n)
{
    if (!s)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return strlen(s) == n;
}

/* Folds one UTF-8 code point starting at s to a lower-case code point and
 * returns its byte length. Only what Danish names need: ASCII and Æ Ø Å. */
static size_t fold_cp(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = (s[0] >= 'A' && s[0] <= 'Z') ? (unsigned)(s[0] + 32) : s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
        unsigned c = ((unsigned)(s[0] & 0x1F) << 6) | (unsigned)(s[1] & 0x3F);
        if (c >= 0xC0 && c <= 0xDE && c != 0xD7) /* Latin-1 upper case */
            c += 0x20;
        *cp = c;
        return 2;
    }
    *cp = 0x100u + s[0];
    return 1;
}

bool hh_contains_fold(const char *haystack, const char *needle)
{
    if (!*needle)
        return true;
    for (const unsigned char *h = (const unsigned char *)haystack; *h;) {
        const unsigned char *a = h, *b = (const unsigned char *)needle;
        for (;;) {
            if (!*b)
                return true;
            if (!*a)
                break;
            unsigned ca, cb;
            size_t la = fold_cp(a, &ca), lb = fold_cp(b, &cb);
            if (ca != cb)
                break;
            a += la;
            b += lb;
        }
        unsigned skip;
        h += fold_cp(h, &skip);
    }
    return false;
}

/* Rank of a folded code point in the Danish alphabet. */
static unsigned da_rank(unsigned cp)
{
    switch (cp) {
    case 0xE6:
    case 0xE4: return 'z' + 1; /* æ ä */
    case 0xF8:
    case 0xF6: return 'z' + 2; /* ø ö */
    case 0xE5: return 'z' + 3; /* å */
    case 0xE9:
    case 0xE8: return 'e'; /* é è */
    case 0xFC: return 'y'; /* ü sorts as y in Danish */
    default: return cp < 0x80 ? cp : cp + 0x200;
    }
}

int hh_collate_da(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    while (*p && *q) {
        unsigned ca, cb;
        p += fold_cp(p, &ca);
        q += fold_cp(q, &cb);
        unsigned ra = da_rank(ca), rb = da_rank(cb);
        if (ra != rb)
            return ra < rb ? -1 : 1;
    }
    if (*p || *q)
        return *p ? 1 : -1;
    int c = strcmp(a, b);
    return c < 0 ? -1 : c > 0;
}

int64_t hh_int64_or(const char *s, int64_t fallback)
{
    int64_t v;
    return s && hh_parse_int64(s, strlen(s), &v) ? v : fallback;
}
