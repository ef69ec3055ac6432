#include "core/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

char *fmt_num_da(char *out, size_t n, double v, int decimals)
{
    if (n == 0)
        return out;
    if (isnan(v) || isinf(v)) {
        snprintf(out, n, "-");
        return out;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
    /* "-0" and "-0,0" read badly: only show a sign for a non-zero result. */
    int negative = v < 0 && strspn(raw, "0.") != strlen(raw);
    const char *dot = strchr(raw, '.');
    size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
    char tmp[96];
    size_t k = 0;
    if (negative)
        tmp[k++] = '-';
    for (size_t i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            tmp[k++] = '.';
        tmp[k++] = raw[i];
    }
    if (dot) {
        tmp[k++] = ',';
        for (const char *p = dot + 1; *p; p++)
            tmp[k++] = *p;
    }
    tmp[k] = '\0';
    snprintf(out, n, "%s", tmp);
    return out;
}
