/* progress.h - a progress bar on standard error for long CLI commands
 * (imports, the area-list computation). It draws only when standard error is
 * a terminal, so scripts and logs never see it, and redraws only when the
 * whole percentage changes. Not thread-safe: draw from one thread. */
#ifndef HELHED_PROGRESS_H
#define HELHED_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct progress_bar {
    bool on;
    int last; /* percentage drawn last, -1 before the first */
    const char *label;
} progress_bar;

/* Sets up a bar labelled `label` (a string that outlives the bar); on only
 * when standard error is a terminal. */
void progress_init(progress_bar *b, const char *label);

/* Draws done/total as "LABEL [####....]  42%"; ends the line at 100 %. The
 * signature is the progress callback of import_options and lc_options (ctx
 * is the progress_bar). */
void progress_draw(void *ctx, size_t done, size_t total);

#endif
