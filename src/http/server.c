/*
 * server.c — libmicrohttpd glue: reading requests into struct req, sending struct resp, the
 * headers every answer carries, the JSON access log, metrics, and draining on shutdown.
 *
 * libmicrohttpd calls on_request several times per request: first with the headers (we set up
 * the request context and its arena), then with each piece of the body (accumulated up to the
 * route's limit), and once more when the body is complete (we dispatch and queue the answer).
 * on_completed frees the context. Each pool thread has its own database connection (app_db).
 */
#include "http/server.h"

#include "domain/civil.h"
#include "http/json.h"
#include "http/routes.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct server {
    struct MHD_Daemon *d;
    struct app *app;
    atomic_int inflight;
};

struct ctx {
    struct arena a;
    struct req rq;
    struct resp rs;
    struct buf body;
    size_t limit;
    bool too_large;
    bool bad_escape; /* the raw URI has a % not followed by two hex digits */
    bool expects_continue;
    unsigned long long declared; /* Content-Length, 0 when absent */
    struct timespec start;
};

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; "
                          "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                          "form-action 'self'";

/* Request ids need to be unique, not secret: a per-thread xorshift generator seeded once from
 * the system's random source (a getrandom call per request showed in profiles). */
static uint64_t request_id(void)
{
    static _Thread_local uint64_t state;
    while (!state)
        randombytes_buf(&state, sizeof state);
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static const char *header(struct MHD_Connection *c, struct arena *a, const char *name)
{
    const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
    return v ? arena_strdup(a, v) : NULL;
}

static enum MHD_Result on_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                              const char *value)
{
    (void)kind;
    struct req *rq = cls;
    if (rq->n_query >= REQ_MAX_QUERY) {
        rq->query_overflow = true;
        return MHD_NO;
    }
    rq->query_k[rq->n_query] = arena_strdup(rq->a, key);
    rq->query_v[rq->n_query++] = arena_strdup(rq->a, value ? value : "");
    return MHD_YES;
}

static const char *client_addr(struct MHD_Connection *c, struct ctx *x, bool trust_proxy)
{
    if (trust_proxy && x->rq.h_forwarded_for) {
        const char *last = strrchr(x->rq.h_forwarded_for, ',');
        last = last ? last + 1 : x->rq.h_forwarded_for;
        while (*last == ' ')
            last++;
        if (*last)
            return last;
    }
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char addr[INET6_ADDRSTRLEN] = "unknown";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, addr, sizeof addr);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, addr, sizeof addr);
    }
    return arena_strdup(&x->a, addr);
}

static bool hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* libmicrohttpd hands us the raw URI before it decodes it: the one place a broken %-escape can be
 * seen (after decoding it is silently kept as text). What this returns becomes the request's
 * context pointer until on_request replaces it: NULL, or this tag for a broken escape. Nothing is
 * allocated here, since a request refused before on_request is never reported as completed. */
static char bad_escape_tag, too_many_args_tag;

/* Past this many query arguments a request is refused. Debian's libmicrohttpd stores every
 * argument in the connection's memory pool and, when the pool runs out, fails to send its own
 * 431: the caller would hang until the timeout. So the arguments of such a URI are cut off
 * before it parses them (it parses from just after the '?', in its own writable buffer), and
 * the request is answered 400 here. Enlarging the pool instead costs every request: it is
 * zeroed whole between requests. */
enum { MAX_RAW_ARGS = 200 };

/* Bodies declared larger than this are refused without reading them. */
#define EARLY_413 (8ull * 1024 * 1024)

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    char *q = uri ? strchr(uri, '?') : NULL;
    int args = 0;
    for (const char *p = q; p && *p; p++)
        args += *p == '&' || *p == ';';
    if (args > MAX_RAW_ARGS) {
        q[1] = 0;
        return &too_many_args_tag;
    }
    for (const char *p = uri; p && (p = strchr(p, '%')) != NULL; p++)
        if (!hex(p[1]) || !hex(p[2]))
            return &bad_escape_tag;
    return NULL;
}

static struct ctx *begin(struct server *s, struct MHD_Connection *c, bool bad_escape,
                         const char *url, const char *method)
{
    struct ctx *x = xcalloc(1, sizeof *x);
    clock_gettime(CLOCK_MONOTONIC, &x->start);
    x->bad_escape = bad_escape;
    struct req *rq = &x->rq;
    rq->app = s->app;
    rq->a = &x->a;
    rq->method = arena_strdup(&x->a, method);
    rq->path = arena_strdup(&x->a, url);
    rq->now = (long long)time(NULL);
    rq->request_id = arena_printf(&x->a, "%016llx", (unsigned long long)request_id());
    rq->h_cookie = header(c, &x->a, "Cookie");
    rq->h_authorization = header(c, &x->a, "Authorization");
    rq->h_csrf = header(c, &x->a, "X-CSRF-Token");
    rq->h_content_type = header(c, &x->a, "Content-Type");
    rq->h_if_none_match = header(c, &x->a, "If-None-Match");
    rq->h_forwarded_for = header(c, &x->a, "X-Forwarded-For");
    rq->h_accept_encoding = header(c, &x->a, "Accept-Encoding");
    rq->addr = client_addr(c, x, s->app->cfg->trust_proxy);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, on_arg, rq);
    /* the largest body any route takes; the gate applies the matched route's own limit */
    x->limit = 1024;
    for (size_t i = 0; i < routes_count; i++)
        if (routes[i].body_limit > x->limit)
            x->limit = routes[i].body_limit;
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    x->declared = len ? strtoull(len, NULL, 10) : 0;
    if (x->declared > x->limit)
        x->too_large = true;
    const char *expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Expect");
    x->expects_continue = expect && strcasecmp(expect, "100-continue") == 0;
    return x;
}

static void log_line(struct ctx *x, size_t route, double secs, size_t bytes)
{
    struct req *rq = &x->rq;
    char ts[21];
    civil_format_utc(rq->now, ts);
    json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:f,s:I,s:s}", "ts", ts, "request_id",
                          rq->request_id, "method", rq->method, "path", rq->path, "route",
                          route < routes_count ? routes[route].pattern : "", "status", x->rs.status,
                          "ms", secs * 1000.0, "bytes", (json_int_t)bytes, "addr", rq->addr);
    if (!j) /* a path that is not UTF-8 cannot go into JSON as it is */
        j = json_pack("{s:s,s:s,s:s,s:i}", "ts", ts, "request_id", rq->request_id, "method",
                      rq->method, "status", x->rs.status);
    if (!j)
        return;
    if (rq->authed)
        json_object_set_new(j, "user_id", json_integer(rq->user.id));
    if (x->rs.detail[0]) {
        json_t *d = json_string(x->rs.detail);
        json_object_set_new(j, "error", d ? d : json_string("?"));
    }
    struct buf line = {0};
    json_dump_to(j, &line);
    json_decref(j);
    buf_append(&line, "\n", 1);
    ssize_t w = write(STDERR_FILENO, line.data, line.len);
    (void)w;
    buf_free(&line);
}

static enum MHD_Result respond(struct server *s, struct MHD_Connection *c, struct ctx *x)
{
    struct req *rq = &x->rq;
    struct resp *rs = &x->rs;
    size_t route;
    if (x->too_large) {
        route = routes_count;
        resp_fail(rs, ERR_TOO_LARGE, NULL, "the request body is too large");
    } else if (x->bad_escape) {
        route = routes_count;
        resp_fail(rs, ERR_MALFORMED, NULL, "the URL has a broken %-escape");
    } else {
        rq->body = x->body.data;
        rq->body_len = x->body.len;
        server_dispatch(s->app, rq, rs, &route);
    }
    struct MHD_Response *r;
    size_t len;
    if (rs->static_body) {
        len = rs->static_len;
        r = MHD_create_response_from_buffer(len, (void *)rs->static_body, MHD_RESPMEM_PERSISTENT);
    } else {
        len = rs->body.len;
        r = MHD_create_response_from_buffer(len, buf_detach(&rs->body), MHD_RESPMEM_MUST_FREE);
    }
    if (!r)
        return MHD_NO;
    if (rs->content_type)
        MHD_add_response_header(r, "Content-Type", rs->content_type);
    MHD_add_response_header(r, "X-Request-Id", rq->request_id);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Content-Security-Policy", csp);
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    if (s->app->cfg->tls)
        MHD_add_response_header(r, "Strict-Transport-Security",
                                "max-age=31536000; includeSubDomains");
    if (!rs->cacheable)
        MHD_add_response_header(r, "Cache-Control", "no-store");
    for (int i = 0; i < rs->n_headers; i++)
        MHD_add_response_header(r, rs->header_k[i], rs->header_v[i]);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double secs =
        (double)(end.tv_sec - x->start.tv_sec) + (double)(end.tv_nsec - x->start.tv_nsec) / 1e9;
    metrics_record(s->app->metrics, route, rs->status, secs);
    if (s->app->cfg->access_log)
        log_line(x, route, secs, len);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    struct server *s = cls;
    struct ctx *x = *con_cls;
    if (!x || *con_cls == (void *)&bad_escape_tag || *con_cls == (void *)&too_many_args_tag) {
        struct ctx *fresh = begin(s, c, x == (void *)&bad_escape_tag, url, method);
        fresh->rq.query_overflow = x == (void *)&too_many_args_tag;
        *con_cls = fresh;
        atomic_fetch_add(&s->inflight, 1);
        /* A body declared far over every limit, or one the client offers to hold back
         * (Expect: 100-continue), is refused before it is read; libmicrohttpd then closes the
         * connection. A modest excess is read and dropped, so that a client still writing its
         * body gets the 413 rather than a broken pipe. */
        if (fresh->too_large && (fresh->declared > EARLY_413 || fresh->expects_continue))
            return respond(s, c, fresh);
        return MHD_YES;
    }
    if (*upload_size) {
        if (!x->too_large && x->body.len + *upload_size > x->limit) {
            x->too_large = true;
            buf_free(&x->body);
        }
        if (!x->too_large)
            buf_append(&x->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    return respond(s, c, x);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)c;
    (void)toe;
    struct server *s = cls;
    struct ctx *x = *con_cls;
    if (!x || *con_cls == (void *)&bad_escape_tag || *con_cls == (void *)&too_many_args_tag)
        return;
    if (x->rq.json)
        json_decref(x->rq.json);
    buf_free(&x->body);
    buf_free(&x->rs.body);
    arena_free(&x->a);
    free(x);
    *con_cls = NULL;
    atomic_fetch_sub(&s->inflight, 1);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("stipple: http: ", stderr);
    vfprintf(stderr, fmt, ap);
}

/* Parses "HOST:PORT" or "[V6]:PORT" into ss. */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len,
                        struct err *e)
{
    char host[128];
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || (size_t)(colon - listen) >= sizeof host)
        return err_set(e, ERR_INVALID, "listen", "listen must be HOST:PORT, e.g. 127.0.0.1:8080");
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = 0;
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || port < 0 || port > 65535)
        return err_set(e, ERR_INVALID, "listen", "the port in %s is not a port number", listen);
    memset(ss, 0, sizeof *ss);
    size_t hl = strlen(host);
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
        host[hl - 1] = 0;
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
            return err_set(e, ERR_INVALID, "listen", "%s is not an IPv6 address", host + 1);
        *len = sizeof *a6;
        return 0;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    if (strcmp(host, "localhost") == 0)
        strcpy(host, "127.0.0.1");
    if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
        return err_set(e, ERR_INVALID, "listen", "%s is not an IPv4 address", host);
    *len = sizeof *a4;
    return 0;
}

int server_start(struct app *app, const char *listen, struct server **out, char bound[128],
                 struct err *e)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    if (parse_listen(listen, &ss, &sl, e) < 0)
        return -1;
    struct server *s = xcalloc(1, sizeof *s);
    s->app = app;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads =
        app->cfg->threads ? (unsigned)app->cfg->threads : (unsigned)(2 * (cores > 0 ? cores : 1));
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG | (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER,
                            on_mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                            MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_NOTIFY_COMPLETED,
                            on_completed, s, MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
                            MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_LIMIT, 4000u,
                            MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_END);
    if (!s->d) {
        free(s);
        return err_set(e, ERR_UNAVAILABLE, "listen", "cannot listen on %s (in use?)", listen);
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_LISTEN_FD);
    struct sockaddr_storage got;
    socklen_t gl = sizeof got;
    char host[INET6_ADDRSTRLEN] = "?";
    int port = 0;
    if (di && getsockname(di->listen_fd, (struct sockaddr *)&got, &gl) == 0) {
        if (got.ss_family == AF_INET) {
            inet_ntop(AF_INET, &((struct sockaddr_in *)&got)->sin_addr, host, sizeof host);
            port = ntohs(((struct sockaddr_in *)&got)->sin_port);
            snprintf(bound, 128, "%s:%d", host, port);
        } else {
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&got)->sin6_addr, host, sizeof host);
            port = ntohs(((struct sockaddr_in6 *)&got)->sin6_port);
            snprintf(bound, 128, "[%s]:%d", host, port);
        }
    } else
        snprintf(bound, 128, "%s", listen);
    *out = s;
    return 0;
}

void server_stop(struct server *s, int drain_s)
{
    MHD_socket fd = MHD_quiesce_daemon(s->d);
    for (int i = 0; i < drain_s * 100 && atomic_load(&s->inflight) > 0; i++)
        usleep(10000);
    MHD_stop_daemon(s->d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    free(s);
}
