/* fuzz_query - the query-string parser on arbitrary bytes. Checks that every
 * decoded key and value is NUL-free, no longer than the input, and that the
 * pair count stays within the limit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a);
    query_kv *kv = NULL;
    size_t n = 0;
    query_status st = query_parse(&a, (const char *)data, size, &kv, &n);
    if (st == QUERY_OK) {
        if (n > QUERY_MAX_PAIRS)
            abort();
        for (size_t i = 0; i < n; i++)
            if (strlen(kv[i].key) > size || strlen(kv[i].value) > size)
                abort();
    }
    arena_free(&a);
    return 0;
}
