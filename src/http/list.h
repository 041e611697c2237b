/*
 * list.h — the paging parameters every list route takes: ?q=, ?limit= (1–200, default 50) and
 * ?cursor= (opaque: base64url of "id:sort key" of the last item shown).
 */
#ifndef STIPPLE_LIST_H
#define STIPPLE_LIST_H

#include "http/req.h"

struct list_params {
    const char *q; /* NULL when absent or empty */
    int limit;
    const struct cursor *after; /* NULL: the first page */
    struct cursor after_buf;
};

/* list_params reads q, limit and cursor from rq; ERR_INVALID naming limit or cursor. */
int list_params(struct req *rq, struct list_params *lp, struct err *e);

/* list_cursor encodes next as a cursor string (in rq's arena), or NULL at the end. */
const char *list_cursor(struct req *rq, const struct cursor *next);

#endif
