#include "cli/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"

bool outfile_open(outfile *o, const char *path)
{
    o->path = path;
    o->tmp = NULL;
    o->f = stdout;
    if (!path)
        return true;
    size_t n = strlen(path);
    o->tmp = xmalloc(n + 12);
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
        fprintf(stderr, "helhed: cannot create %s: %s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        o->tmp = NULL;
        return false;
    }
    /* mkstemp makes it 0600; give it the mode a new file would have. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    return true;
}

bool outfile_close(outfile *o, bool ok)
{
    if (!o->path) {
        if (ok && fflush(stdout) != 0) {
            fprintf(stderr, "helhed: cannot write standard output: %s\n", strerror(errno));
            return false;
        }
        return ok;
    }
    int err = 0;
    if (ok && (fflush(o->f) != 0 || fsync(fileno(o->f)) != 0))
        err = errno;
    if (fclose(o->f) != 0 && ok && !err)
        err = errno;
    if (ok && !err && rename(o->tmp, o->path) != 0)
        err = errno;
    if (!ok || err)
        unlink(o->tmp);
    if (ok && err)
        fprintf(stderr, "helhed: cannot write %s: %s\n", o->path, strerror(err));
    free(o->tmp);
    o->tmp = NULL;
    return ok && !err;
}
