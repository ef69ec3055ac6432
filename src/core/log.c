#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "util.h"

static const log_level min_level = LOG_INFO;

void log_line(const char *line, unsigned long len)
{
    /* One write per line keeps lines from concurrent threads whole. */
    ssize_t r = write(STDERR_FILENO, line, len);
    (void)r;
}

void log_msg(log_level level, const char *fmt, ...)
{
    static const char *const names[] = { "debug", "info", "warn", "error" };
    if (level < min_level)
        return;
    char line[2048];
    char ts[21];
    hh_utc_iso(ts);
    int n = snprintf(line, sizeof(line), "%s %s ", ts, names[level]);
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
    if (len > sizeof(line) - 2)
        len = sizeof(line) - 2;
    line[len++] = '\n';
    log_line(line, len);
}
