/* server.h - the HTTP server on libmicrohttpd: thread pool on epoll, one
 * database connection per worker thread, body limits, security headers,
 * access log, graceful shutdown on SIGINT/SIGTERM. */
#ifndef HELHED_SERVER_H
#define HELHED_SERVER_H

#include <stddef.h>

#include "core/error.h"
#include "http/http.h"

typedef struct server_config {
    const char *listen; /* "HOST:PORT", e.g. "127.0.0.1:8080" or "[::1]:8080" */
    int threads;
    const char *db_url;
    const route *routes;
    size_t nroutes;
    size_t max_body; /* bytes; larger bodies get 413 */
    http_error_page_fn error_page;
    http_authorize_fn authorize; /* runs after routing, before the handler */
    bool access_log;
} server_config;

/* Binds, serves until SIGINT or SIGTERM, lets in-flight requests finish and
 * returns HH_OK. Returns HH_ERR_USAGE for a bad listen address and
 * HH_ERR_IO when the address cannot be bound (e.g. in use), with a message. */
hh_err server_run(const server_config *cfg, hh_error *e);

/* Splits "HOST:PORT" / "[V6]:PORT" into host and port (exposed for tests). */
bool server_parse_listen(const char *addr, char *host, size_t hostsz, char *port, size_t portsz);

#endif
