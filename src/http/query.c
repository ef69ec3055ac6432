#include "http/query.h"

#include <string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long query_decode(char *dst, const char *s, size_t n, bool plus_space)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%') {
            if (i + 2 >= n)
                return QUERY_DECODE_BAD;
            int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
            if (hi < 0 || lo < 0)
                return QUERY_DECODE_BAD;
            c = (char)(hi * 16 + lo);
            if (c == '\0')
                return QUERY_DECODE_NUL;
            i += 2;
        } else if (c == '+' && plus_space) {
            c = ' ';
        } else if (c == '\0') {
            return QUERY_DECODE_NUL;
        }
        dst[o++] = c;
    }
    dst[o] = '\0';
    return (long)o;
}

query_status query_parse(arena *a, const char *s, size_t n, query_kv **out, size_t *count)
{
    size_t pairs = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '&')
            pairs++;
    pairs++;
    if (pairs > QUERY_MAX_PAIRS * 4) /* even with empty pairs skipped, far too many */
        return QUERY_TOO_MANY;
    query_kv *kv = arena_alloc(a, sizeof(query_kv) * (pairs < QUERY_MAX_PAIRS ? pairs : QUERY_MAX_PAIRS));
    size_t k = 0;
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != '&')
            j++;
        if (j > i) {
            if (k >= QUERY_MAX_PAIRS)
                return QUERY_TOO_MANY;
            const char *eq = memchr(s + i, '=', j - i);
            size_t klen = eq ? (size_t)(eq - (s + i)) : j - i;
            size_t vlen = eq ? (size_t)(s + j - eq - 1) : 0;
            char *key = arena_alloc(a, klen + 1);
            char *val = arena_alloc(a, vlen + 1);
            long kr = query_decode(key, s + i, klen, true);
            long vr = eq ? query_decode(val, eq + 1, vlen, true) : (val[0] = '\0', 0);
            if (kr == QUERY_DECODE_NUL || vr == QUERY_DECODE_NUL)
                return QUERY_NUL;
            if (kr < 0 || vr < 0)
                return QUERY_BAD_ESCAPE;
            kv[k].key = key;
            kv[k].value = val;
            k++;
        }
        i = j + 1;
    }
    *out = kv;
    *count = k;
    return QUERY_OK;
}

const char *query_get(const query_kv *kv, size_t count, const char *key)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(kv[i].key, key) == 0)
            return kv[i].value;
    return NULL;
}
