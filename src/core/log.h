/* log.h - diagnostics on stderr, one line per event.
 *
 * Never pass a secret (password, token, session id, cookie) to these
 * functions; the access log records the path only, never the query string
 * or headers, for the same reason. */
#ifndef HELHED_LOG_H
#define HELHED_LOG_H

typedef enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } log_level;

void log_msg(log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

/* Writes a preformatted line (without newline) atomically with one write(2). */
void log_line(const char *line, unsigned long len);

#endif
