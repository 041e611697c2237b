/*
 * server.h — the HTTP server: libmicrohttpd's thread pool in front of the gate and handlers.
 */
#ifndef STIPPLE_SERVER_H
#define STIPPLE_SERVER_H

#include "http/app.h"
#include "http/req.h"

#include <stddef.h>

struct server;

/* server_start listens on `listen` ("HOST:PORT", "[V6]:PORT"; port 0 picks a free one) with
 * app's settings and starts serving. *bound receives "HOST:PORT" as actually bound. */
int server_start(struct app *app, const char *listen, struct server **out, char bound[128],
                 struct err *e);

/* server_stop stops accepting connections, waits up to drain_s seconds for requests in flight
 * to be answered, then shuts the server down and frees it. */
void server_stop(struct server *s, int drain_s);

/* server_dispatch runs one request through the gate and its handler, as the server does after
 * reading it: route, authentication, role, CSRF, body parsing, transaction. rq must have app,
 * a, method, path, headers, body, request_id and now set; rs is filled. Exposed for tests. */
void server_dispatch(struct app *app, struct req *rq, struct resp *rs, size_t *route_out);

#endif
