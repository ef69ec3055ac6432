#include "cli/progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BAR_WIDTH 40

void progress_init(progress_bar *b, const char *label)
{
    b->on = isatty(STDERR_FILENO) != 0;
    b->last = -1;
    b->label = label;
}

void progress_draw(void *ctx, size_t done, size_t total)
{
    progress_bar *b = ctx;
    if (!b->on || total == 0)
        return;
    if (done > total)
        done = total;
    int pct = (int)(100.0 * (double)done / (double)total);
    if (pct == b->last)
        return;
    b->last = pct;
    char fill[BAR_WIDTH + 1];
    int k = pct * BAR_WIDTH / 100;
    memset(fill, '#', (size_t)k);
    memset(fill + k, '.', (size_t)(BAR_WIDTH - k));
    fill[BAR_WIDTH] = '\0';
    fprintf(stderr, "\r%s [%s] %3d%%", b->label, fill, pct);
    if (done >= total)
        fputc('\n', stderr);
    fflush(stderr);
}
