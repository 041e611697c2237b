/*
 * req.h — the request and response a handler sees, independent of libmicrohttpd.
 *
 * The server (server.c) fills a `struct req` from the connection, runs the gate (route, auth,
 * role, CSRF, body, transaction) and then the route's handler, which fills a `struct resp`.
 * Handlers never see the transport, so unit tests can call them directly. Everything a request
 * allocates comes from rq->a and dies with the request.
 */
#ifndef STIPPLE_REQ_H
#define STIPPLE_REQ_H

#include "domain/model.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

#include <jansson.h>
#include <stdbool.h>

struct app;

enum { REQ_MAX_PARAMS = 4, REQ_MAX_QUERY = 16, RESP_MAX_HEADERS = 8 };

struct req {
    struct app *app;
    struct arena *a;
    struct db *db;
    const char *method, *path;
    const char *params[REQ_MAX_PARAMS]; /* values of {…} segments, in order */
    int n_params;
    const char *query_k[REQ_MAX_QUERY], *query_v[REQ_MAX_QUERY];
    int n_query;
    bool query_overflow;
    const char *body;
    size_t body_len;
    json_t *json; /* the parsed body object, for routes that take one */
    /* headers the gate and handlers use */
    const char *h_cookie, *h_authorization, *h_csrf, *h_content_type, *h_if_none_match,
        *h_forwarded_for, *h_accept_encoding;
    const char *addr;       /* client address */
    const char *request_id; /* also sent as X-Request-Id */
    long long now;          /* Unix seconds at the start of the request */
    /* who is calling, set by the gate */
    bool authed, via_cookie;
    long long portal_client; /* the client of a portal session (ROLE_CLIENT routes) */
    struct user user;
    const char *session_hash, *csrf_token;
};

struct resp {
    int status;
    struct buf body;
    const char *content_type;
    const char *header_k[RESP_MAX_HEADERS];
    char *header_v[RESP_MAX_HEADERS];
    int n_headers;
    const void *static_body; /* when set, sent instead of body (not freed) */
    size_t static_len;
    bool cacheable;   /* static assets: no Cache-Control: no-store */
    char detail[256]; /* for the log: what went wrong behind a 5xx */
};

typedef int (*handler_fn)(struct req *rq, struct resp *rs);

/* req_query returns the value of query parameter name, or NULL. */
const char *req_query(const struct req *rq, const char *name);

/* req_id parses path parameter i as a positive id; 0 when it is not one. */
long long req_id(const struct req *rq, int i);

/* resp_header adds a header (value copied into rq's arena). */
void resp_header(struct req *rq, struct resp *rs, const char *k, const char *v);

/* resp_json sets status and the JSON body j, and releases j. Returns 0. */
int resp_json(struct resp *rs, int status, json_t *j);

/* req_cookie returns the value of cookie name from the request (in rq's arena), or NULL. */
const char *req_cookie(struct req *rq, const char *name);

/* req_audit_entry describes this request's caller doing action on entity id of client_id (0 for
 * none), for store_audit_add or auditq_push. Strings point into rq. */
struct audit_entry req_audit_entry(struct req *rq, enum audit_action action, const char *entity,
                                   long long id, long long client_id);

/* req_audit_queue queues a read of entity id (of client_id) by this request's caller for the
 * batched audit log (src/http/auditq.c); -1 with e set (ERR_UNAVAILABLE) when the queue refuses,
 * and the caller must then not show the record. */
int req_audit_queue(struct req *rq, enum audit_action action, const char *entity, long long id,
                    long long client_id, struct err *e);

/* resp_error answers the failure in e: its status, and {"error":{code,message,field}}.
 * Returns 0 (the handler succeeded in answering). */
int resp_error(struct resp *rs, const struct err *e);

/* resp_reset empties rs (status, body, headers, detail) so a request can be answered afresh. */
void resp_reset(struct resp *rs);

/* resp_fail is resp_error for a code, field and message given directly. */
int resp_fail(struct resp *rs, enum err_code code, const char *field, const char *msg);

/* resp_empty answers status with no body (204). */
int resp_empty(struct resp *rs, int status);

#endif
