#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/util.h"

enum { REQ_NEW, REQ_BODY, REQ_DONE };

/* Strict policy: only our own scripts, styles and images; no inline script
 * or style; no framing. SVG charts use presentation attributes, not CSS. */
static const http_header security_headers[] = {
    { "Content-Security-Policy",
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'" },
    { "X-Content-Type-Options", "nosniff" },
    { "Referrer-Policy", "same-origin" },
    { "X-Frame-Options", "DENY" },
    { "Cross-Origin-Opener-Policy", "same-origin" },
    { "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
};

typedef struct server {
    const server_config *cfg;
    pthread_key_t db_key;
    atomic_int active; /* requests between URI callback and completion */
    atomic_bool stopping;
} server;

/* ---- per worker-thread database connection ---- */

static void close_thread_db(void *p)
{
    db_close(p);
}

static db *worker_db(server *s)
{
    db *d = pthread_getspecific(s->db_key);
    if (d)
        return d;
    hh_error e;
    if (db_open(s->cfg->db_url, &d, &e) != HH_OK) {
        log_error("worker cannot open database: %s", e.msg);
        return NULL;
    }
    pthread_setspecific(s->db_key, d);
    return d;
}

/* ---- request lifecycle ---- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    server *s = cls;
    http_req *r = xcalloc(1, sizeof(*r));
    arena_init(&r->a);
    r->server = s;
    r->conn = conn;
    r->raw_uri = arena_strdup(&r->a, uri);
    r->start_ns = hh_now_ns();
    r->state = REQ_NEW;
    r->cache_version = -1;
    buf_init(&r->body, s->cfg->max_body);
    buf_init(&r->out, 0);
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, r->client, sizeof(r->client));
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, r->client, sizeof(r->client));
    else
        hh_strlcpy(r->client, "-", sizeof(r->client));
    atomic_fetch_add(&s->active, 1);
    return r;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    server *s = cls;
    (void)conn;
    http_req *r = *con_cls;
    if (!r)
        return;
    if (s->cfg->access_log && r->method) {
        /* Path only: query strings and headers may carry secrets. */
        char line[1024];
        char ts[21];
        hh_utc_iso(ts);
        double ms = (double)(hh_now_ns() - r->start_ns) / 1e6;
        int n = snprintf(line, sizeof(line), "%s access %s \"%s %.600s\" %d %zu %.2fms%s\n", ts, r->client, r->method,
                         r->path ? r->path : "-", r->status, r->bytes_sent, ms,
                         toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
        if (n > 0)
            log_line(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
    }
    buf_free(&r->body);
    buf_free(&r->upload);
    buf_free(&r->out);
    arena_free(&r->a);
    free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&s->active, 1);
}

static bool has_header(const http_req *r, const char *name)
{
    for (int i = 0; i < r->nheaders; i++)
        if (strcasecmp(r->headers[i].name, name) == 0)
            return true;
    return false;
}

static enum MHD_Result send_response(server *s, http_req *r)
{
    struct MHD_Response *resp;
    size_t len;
    if (r->status == 0)
        http_error(r, 500, "internal_error", "Der opstod en uventet fejl.", NULL);
    if (r->out_static) {
        len = r->out_static_len;
        resp = MHD_create_response_from_buffer(len, (void *)r->out_static, MHD_RESPMEM_PERSISTENT);
    } else {
        char *data = buf_detach(&r->out, &len);
        resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
        if (!resp)
            free(data);
    }
    if (!resp)
        return MHD_NO;
    if (r->ctype)
        MHD_add_response_header(resp, "Content-Type", r->ctype);
    for (size_t i = 0; i < HH_ARRAY_LEN(security_headers); i++)
        MHD_add_response_header(resp, security_headers[i].name, security_headers[i].value);
    if (!has_header(r, "Cache-Control"))
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    for (int i = 0; i < r->nheaders; i++)
        MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
    if (atomic_load(&s->stopping))
        MHD_add_response_header(resp, "Connection", "close");
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    r->bytes_sent = len;
    r->state = REQ_DONE;
    return ret;
}

/* Decodes the path and query, finds the route. Returns false after having
 * prepared an error response. */
static bool route_request(server *s, http_req *r, const char *method)
{
    r->method = arena_strdup(&r->a, method);
    const char *uri = r->raw_uri;
    const char *qm = strchr(uri, '?');
    size_t plen = qm ? (size_t)(qm - uri) : strlen(uri);
    r->is_api = plen >= 5 && memcmp(uri, "/api/", 5) == 0;
    char *path = arena_alloc(&r->a, plen + 1);
    long n = query_decode(path, uri, plen, false);
    if (n < 0 || plen == 0 || uri[0] != '/') {
        r->path = "-";
        http_error(r, 400, "bad_request", "Adressen er ugyldig.", NULL);
        return false;
    }
    r->path = path;
    if (qm) {
        query_status qs = query_parse(&r->a, qm + 1, strlen(qm + 1), &r->query, &r->nquery);
        if (qs != QUERY_OK) {
            http_error(r, 400, "bad_query",
                       qs == QUERY_TOO_MANY ? "Adressen har for mange parametre."
                                            : "Adressens parametre er ugyldigt kodet.",
                       NULL);
            return false;
        }
    }
    if (!router_match(s->cfg->routes, s->cfg->nroutes, str_c(method), (str){ path, (size_t)n }, &r->match)) {
        if (r->match.path_matched) {
            /* Build the Allow header from every route on this path. */
            buf allow;
            buf_init(&allow, 256);
            for (size_t i = 0; i < s->cfg->nroutes; i++) {
                route_match tmp;
                const route *rt = &s->cfg->routes[i];
                if (router_match(rt, 1, str_c(rt->method), (str){ path, (size_t)n }, &tmp))
                    buf_printf(&allow, "%s%s%s", allow.len ? ", " : "", rt->method,
                               strcmp(rt->method, "GET") == 0 ? ", HEAD" : "");
            }
            http_add_header(r, "Allow", buf_cstr(&allow));
            buf_free(&allow);
            http_error(r, 405, "method_not_allowed", "Metoden er ikke tilladt her.", NULL);
        } else {
            http_error(r, 404, "not_found", "Siden findes ikke.", NULL);
        }
        return false;
    }
    /* Upload routes take larger bodies than the server's default. */
    if (r->match.route->max_body)
        r->body.max = r->match.route->max_body;
    const char *cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Length");
    int64_t clen;
    if (cl && hh_parse_int64(cl, strlen(cl), &clen) && (uint64_t)clen > r->body.max) {
        http_error(r, 413, "body_too_large", "Forespørgslen er for stor.", NULL);
        return false;
    }
    return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    server *s = cls;
    http_req *r = *con_cls;
    (void)url;
    (void)version;
    (void)conn;
    if (r->state == REQ_DONE) {
        *upload_data_size = 0; /* discard a body we already answered */
        return MHD_YES;
    }
    if (r->state == REQ_NEW) {
        r->state = REQ_BODY;
        /* Attach the worker's connection first, so that even error pages for
         * unknown paths can show the demo banner and who is logged in. */
        r->db = worker_db(s);
        if (!r->db) {
            r->method = arena_strdup(&r->a, method);
            r->is_api = strncmp(r->raw_uri, "/api/", 5) == 0;
            http_error(r, 503, "database_unavailable", "Databasen kan ikke nås lige nu. Prøv igen om lidt.", NULL);
            return send_response(s, r);
        }
        if (!route_request(s, r, method))
            return send_response(s, r);
        return MHD_YES;
    }
    if (*upload_data_size) {
        buf_append(&r->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (r->body.overflow) {
        http_error(r, 413, "body_too_large", "Forespørgslen er for stor.", NULL);
        return send_response(s, r);
    }
    if (s->cfg->authorize && !s->cfg->authorize(r))
        return send_response(s, r);
    r->match.route->handler(r);
    return send_response(s, r);
}

/* ---- listening socket ---- */

bool server_parse_listen(const char *addr, char *host, size_t hostsz, char *port, size_t portsz)
{
    const char *colon;
    const char *h = addr;
    size_t hl;
    if (!addr || !*addr)
        return false;
    if (addr[0] == '[') {
        const char *close = strchr(addr, ']');
        if (!close || close[1] != ':')
            return false;
        h = addr + 1;
        hl = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(addr, ':');
        if (!colon)
            return false;
        hl = (size_t)(colon - addr);
        if (memchr(addr, ':', hl))
            return false; /* bare IPv6 must be bracketed */
    }
    int p;
    if (!hh_parse_int(colon + 1, 1, 65535, &p) || hl + 1 > hostsz)
        return false;
    memcpy(host, h, hl);
    host[hl] = '\0';
    snprintf(port, portsz, "%d", p);
    return true;
}

static int open_listener(const char *addr, hh_error *e)
{
    char host[256], port[8];
    if (!server_parse_listen(addr, host, sizeof(host), port, sizeof(port))) {
        hh_fail(e, HH_ERR_USAGE, "listen", "invalid listen address '%s' (expected HOST:PORT, e.g. 127.0.0.1:8080)",
                addr);
        return -1;
    }
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE };
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(host[0] ? host : NULL, port, &hints, &res);
    if (gai != 0) {
        hh_fail(e, HH_ERR_USAGE, "listen", "cannot resolve listen address '%s': %s", addr, gai_strerror(gai));
        return -1;
    }
    int fd = -1, err = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1024) == 0)
            break;
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        hh_fail(e, HH_ERR_IO, "listen", "cannot listen on %s: %s", addr,
                err == EADDRINUSE ? "address already in use (is another helhed running?)" : strerror(err));
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

hh_err server_run(const server_config *cfg, hh_error *e)
{
    server s = { .cfg = cfg };
    http_set_error_page(cfg->error_page);
    atomic_init(&s.active, 0);
    atomic_init(&s.stopping, false);
    pthread_key_create(&s.db_key, close_thread_db);

    int fd = open_listener(cfg->listen, e);
    if (fd < 0)
        return e ? e->code : HH_ERR_IO;

    /* Worker threads inherit this mask; the signals are taken by sigwait. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, &s,
        MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd, MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->threads,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, &s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30, MHD_OPTION_CONNECTION_LIMIT, (unsigned int)4096,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536, MHD_OPTION_END);
    if (!d) {
        close(fd);
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        return hh_fail(e, HH_ERR_IO, "listen", "cannot start the HTTP server on %s", cfg->listen);
    }
    log_info("helhed listening on http://%s with %d threads", cfg->listen, cfg->threads);

    int sig = 0;
    sigwait(&set, &sig);
    log_info("received %s, finishing in-flight requests", sig == SIGINT ? "SIGINT" : "SIGTERM");
    atomic_store(&s.stopping, true);
    MHD_quiesce_daemon(d);
    /* Let requests in flight finish, for at most 10 seconds. */
    for (int i = 0; i < 1000 && atomic_load(&s.active) > 0; i++) {
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(d);
    close(fd);
    pthread_key_delete(s.db_key);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    log_info("helhed stopped");
    return HH_OK;
}
