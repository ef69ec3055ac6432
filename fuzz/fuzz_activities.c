/* fuzz_activities - the activities module's pure parts on arbitrary bytes.
 * Lines: 1 a participant key (act_key_normalise: an accepted key is 2-16
 * characters of A-Z, 0-9 and '-', has a digit and no 8 digits in a row,
 * and normalises to itself); 2 the schedule ('0'-'3' one-off, weekly,
 * biweekly, monthly, anything else as its byte), 3 first date, 4 last date,
 * 5 from, 6 to, the rest exceptions (activity_schedule_dates: valid dates,
 * ascending, inside [from, to], [first, last], never an exception, at
 * most max). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "domain/activities.h"
#include "domain/plans_impl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next line of [*p, end) as a string in a (NUL bytes end it early). */
static const char *next_line(arena *a, const char **p, const char *end)
{
    if (*p >= end)
        return "";
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    size_t n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
    char *s = arena_strndup(a, *p, n);
    *p = nl ? nl + 1 : end;
    return s;
}

static void check_key(const char *in)
{
    char out[32], again[32];
    if (!act_key_normalise(in, out, sizeof out))
        return;
    size_t n = strlen(out), run = 0;
    bool digit = false;
    if (n < 2 || n > 16)
        abort();
    for (size_t i = 0; i < n; i++) {
        char c = out[i];
        bool d = c >= '0' && c <= '9';
        if (!d && !(c >= 'A' && c <= 'Z') && c != '-')
            abort();
        digit = digit || d;
        run = d ? run + 1 : 0;
        if (run >= 8)
            abort();
    }
    if (!digit || !act_key_normalise(out, again, sizeof again) || strcmp(out, again) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a);
    const char *p = (const char *)data, *end = p + size;
    check_key(next_line(&a, &p, end));
    const char *sched = next_line(&a, &p, end);
    activity x;
    memset(&x, 0, sizeof x);
    x.schedule = (act_schedule)(sched[0] >= '0' && sched[0] <= '3' ? sched[0] - '0' : (unsigned char)sched[0]);
    x.first_date = next_line(&a, &p, end);
    x.last_date = next_line(&a, &p, end);
    const char *from = next_line(&a, &p, end);
    const char *to = next_line(&a, &p, end);
    const char *exc[16];
    size_t nexc = 0;
    while (p < end && nexc < 16)
        exc[nexc++] = next_line(&a, &p, end);
    x.exceptions = exc;
    x.nexceptions = nexc;
    enum { MAX = 400 };
    const char **out = arena_alloc(&a, MAX * sizeof *out);
    size_t n = activity_schedule_dates(&a, &x, from, to, out, MAX);
    if (n > MAX)
        abort();
    for (size_t i = 0; i < n; i++) {
        if (!plan_date_valid(out[i]) || strcmp(out[i], from) < 0 || strcmp(out[i], to) > 0 ||
            strcmp(out[i], x.first_date) < 0 || (i > 0 && strcmp(out[i - 1], out[i]) >= 0))
            abort();
        if (plan_date_valid(x.last_date) && strcmp(out[i], x.last_date) > 0)
            abort();
        for (size_t k = 0; k < nexc; k++)
            if (strcmp(out[i], exc[k]) == 0)
                abort();
    }
    arena_free(&a);
    return 0;
}
