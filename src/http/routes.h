/*
 * routes.h — the one table of every HTTP route stipple serves, and the router over it.
 *
 * Each route names its method, path pattern ({id}: a positive decimal id; {name}: one path
 * segment), handler, the roles allowed (0: public), body limit and flags. The gate in server.c
 * enforces all of it before a handler runs; nothing else decides who may call what.
 */
#ifndef STIPPLE_ROUTES_H
#define STIPPLE_ROUTES_H

#include "http/req.h"

#include <stddef.h>

enum route_flags {
    ROUTE_OWN_TX = 1, /* the handler manages its own transactions (login; password hashing) */
    ROUTE_BODY = 2,   /* takes a JSON object body */
    ROUTE_NO_DB = 4,  /* answers even when the database is down (rq->db may be NULL) */
    ROUTE_FILE = 8,   /* takes a file as the raw body; the handler checks its type */
};

struct route {
    const char *method;
    const char *pattern;
    handler_fn fn;
    unsigned roles; /* bit set of enum role; 0 = public */
    size_t body_limit;
    unsigned flags;
};

extern const struct route routes[];
extern const size_t routes_count;

enum route_match { ROUTE_FOUND, ROUTE_NO_PATH, ROUTE_NO_METHOD };

/* route_find matches method and path; on ROUTE_FOUND *out is the route and rq->params hold the
 * placeholder values (copied into rq->a). ROUTE_NO_METHOD means the path exists with other
 * methods (405); `allow` then lists them. */
enum route_match route_find(const char *method, const char *path, struct req *rq,
                            const struct route **out, char allow[64]);

/* route_index returns the position of r in routes (for metrics). */
size_t route_index(const struct route *r);

/* route_roles_text writes the allowed roles of r as "public" or "owner,manager,…". */
void route_roles_text(const struct route *r, char out[64]);

#endif
