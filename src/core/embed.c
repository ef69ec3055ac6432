#include "core/embed.h"

#include <string.h>

const embed_file *embed_find(const embed_dir *d, const char *name, size_t n)
{
    size_t lo = 0, hi = d->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *m = d->files[mid].name;
        size_t mlen = strlen(m);
        int c = memcmp(m, name, mlen < n ? mlen : n);
        if (c == 0)
            c = mlen < n ? -1 : (mlen > n ? 1 : 0);
        if (c == 0)
            return &d->files[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
