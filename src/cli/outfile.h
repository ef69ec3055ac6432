/* outfile.h - output files written whole or not at all: the data goes to a
 * temporary file beside the target and is renamed over it only when
 * everything was written, so a failed command leaves no partial file. */
#ifndef HELHED_OUTFILE_H
#define HELHED_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

typedef struct outfile {
    FILE *f;
    char *tmp;        /* temporary path (NULL for standard output) */
    const char *path; /* target, or NULL for standard output */
} outfile;

/* Opens path's temporary file (path NULL: standard output). Prints
 * "helhed: cannot create PATH: reason" and returns false on failure. */
bool outfile_open(outfile *o, const char *path);
/* ok: flush, sync and rename into place (false and a message when that
 * fails); !ok: remove the temporary file. Frees what outfile_open took. */
bool outfile_close(outfile *o, bool ok);

#endif
