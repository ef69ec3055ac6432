/* fuzz_plans - the plans module's text parsers on arbitrary bytes: the
 * first line as an amount in kroner (plan_parse_dkk: a parsed amount is
 * never negative and survives plan_format_dkk and parsing again) and as an
 * ISO date (plan_date_valid); the rest, split at the first NUL, as the two
 * stored snapshots plan_diff compares (any bytes: an answer or an error,
 * never a crash). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "domain/plans.h"
#include "domain/plans_impl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a);
    const char *end = memchr(data, '\n', size);
    size_t line_len = end ? (size_t)(end - (const char *)data) : size;
    char *line = arena_strndup(&a, (const char *)data, line_len);
    if (strlen(line) == line_len) {
        int64_t ore;
        if (plan_parse_dkk(line, &ore)) {
            int64_t again;
            if (ore < 0 || !plan_parse_dkk(plan_format_dkk(&a, ore), &again) || again != ore)
                abort();
        }
        (void)plan_date_valid(line);
    }
    if (end) {
        const char *rest = end + 1;
        size_t n = size - line_len - 1;
        const char *nul = memchr(rest, '\0', n);
        size_t from_len = nul ? (size_t)(nul - rest) : n;
        char *from = arena_strndup(&a, rest, from_len);
        char *to = arena_strndup(&a, nul ? nul + 1 : "", nul ? n - from_len - 1 : 0);
        plan_change *ch = NULL;
        size_t nch = 0;
        hh_error e;
        if (plan_diff(&a, from, to, &ch, &nch, &e) == HH_OK)
            for (size_t i = 0; i < nch; i++)
                if (!ch[i].section || !ch[i].item || !ch[i].before || !ch[i].after)
                    abort();
    }
    arena_free(&a);
    return 0;
}
