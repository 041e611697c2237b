/*
 * req.c — small helpers over struct req and struct resp (see req.h), and list paging
 * parameters shared by every list route (see list.h).
 */
#include "http/req.h"

#include "domain/validate.h"
#include "http/app.h"
#include "http/auditq.h"
#include "http/json.h"
#include "http/list.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

const char *req_query(const struct req *rq, const char *name)
{
    for (int i = 0; i < rq->n_query; i++)
        if (strcmp(rq->query_k[i], name) == 0)
            return rq->query_v[i];
    return NULL;
}

long long req_id(const struct req *rq, int i)
{
    if (i >= rq->n_params || !rq->params[i])
        return 0;
    char *end;
    long long v = strtoll(rq->params[i], &end, 10);
    return *end || v <= 0 ? 0 : v;
}

void resp_header(struct req *rq, struct resp *rs, const char *k, const char *v)
{
    if (rs->n_headers < RESP_MAX_HEADERS) {
        rs->header_k[rs->n_headers] = k;
        rs->header_v[rs->n_headers++] = arena_strdup(rq->a, v);
    }
}

int resp_json(struct resp *rs, int status, json_t *j)
{
    rs->status = status;
    rs->content_type = "application/json";
    buf_reset(&rs->body);
    json_dump_to(j, &rs->body);
    json_decref(j);
    return 0;
}

void resp_reset(struct resp *rs)
{
    rs->status = 0;
    buf_reset(&rs->body);
    rs->content_type = NULL;
    rs->n_headers = 0;
    rs->static_body = NULL;
    rs->static_len = 0;
    rs->cacheable = false;
    rs->detail[0] = 0;
}

int resp_error(struct resp *rs, const struct err *e)
{
    struct err shown = *e;
    if (err_http_status(e->code) >= 500 || e->code == ERR_NONE)
        snprintf(rs->detail, sizeof rs->detail, "%s", e->msg);
    if (e->code == ERR_INTERNAL || e->code == ERR_NONE) {
        /* the detail goes to the log (server.c), not to the caller */
        shown.code = ERR_INTERNAL;
        snprintf(shown.msg, sizeof shown.msg, "internal error; the request id is in the log");
        shown.field[0] = 0;
    } else if (e->code == ERR_UNAVAILABLE) {
        snprintf(shown.msg, sizeof shown.msg, "the database is unavailable; try again shortly");
        shown.field[0] = 0;
    }
    resp_json(rs, err_http_status(shown.code), jout_error(&shown));
    return 0;
}

int resp_fail(struct resp *rs, enum err_code code, const char *field, const char *msg)
{
    struct err e;
    err_set(&e, code, field, "%s", msg);
    return resp_error(rs, &e);
}

int resp_empty(struct resp *rs, int status)
{
    rs->status = status;
    rs->content_type = NULL;
    buf_reset(&rs->body);
    return 0;
}

int list_params(struct req *rq, struct list_params *lp, struct err *e)
{
    lp->limit = 50;
    lp->after = NULL;
    const char *limit = req_query(rq, "limit");
    if (limit) {
        char *end;
        long v = strtol(limit, &end, 10);
        if (!*limit || *end || v < 1 || v > 200)
            return err_set(e, ERR_INVALID, "limit", "limit must be a whole number from 1 to 200");
        lp->limit = (int)v;
    }
    const char *cursor = req_query(rq, "cursor");
    if (cursor && *cursor) {
        size_t n = strlen(cursor);
        unsigned char *raw = arena_alloc(rq->a, n + 1);
        size_t len;
        if (n > 1024 || sodium_base642bin(raw, n, cursor, n, NULL, &len, NULL,
                                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
            return err_set(e, ERR_INVALID, "cursor", "cursor is not one this server gave");
        raw[len] = 0;
        if (!valid_text((char *)raw, 0, 1000, true))
            return err_set(e, ERR_INVALID, "cursor", "cursor is not one this server gave");
        char *colon = memchr(raw, ':', len);
        char *end;
        long long id = colon ? strtoll((char *)raw, &end, 10) : 0;
        if (!colon || end != colon || id <= 0 || strlen((char *)raw) != len)
            return err_set(e, ERR_INVALID, "cursor", "cursor is not one this server gave");
        lp->after_buf.id = id;
        lp->after_buf.key = colon + 1;
        lp->after = &lp->after_buf;
    }
    const char *q = req_query(rq, "q");
    if (q && !valid_text(q, 0, 200, true))
        return err_set(e, ERR_INVALID, "q", "q must be at most 200 characters of text");
    lp->q = q && *q ? q : NULL;
    return 0;
}

const char *list_cursor(struct req *rq, const struct cursor *next)
{
    if (!next->key)
        return NULL;
    char *raw = arena_printf(rq->a, "%lld:%s", next->id, next->key);
    size_t n = strlen(raw);
    size_t out_len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(rq->a, out_len);
    sodium_bin2base64(out, out_len, (unsigned char *)raw, n,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

struct audit_entry req_audit_entry(struct req *rq, enum audit_action action, const char *entity,
                                   long long id, long long client_id)
{
    return (struct audit_entry){.at = rq->now,
                                .user_id = rq->user.id,
                                .user_email = rq->user.email,
                                .action = action,
                                .entity = (char *)entity,
                                .entity_id = id,
                                .client_id = client_id,
                                .request_id = (char *)rq->request_id};
}

int req_audit_queue(struct req *rq, enum audit_action action, const char *entity, long long id,
                    long long client_id, struct err *e)
{
    struct audit_entry x = req_audit_entry(rq, action, entity, id, client_id);
    if (auditq_push(rq->app->auditq, &x) < 0)
        return err_set(e, ERR_UNAVAILABLE, NULL,
                       "client records are unavailable while their reads cannot be audited");
    return 0;
}

const char *req_cookie(struct req *rq, const char *name)
{
    const char *h = rq->h_cookie;
    size_t n = strlen(name);
    while (h && *h) {
        while (*h == ' ' || *h == ';')
            h++;
        const char *end = strchr(h, ';');
        size_t len = end ? (size_t)(end - h) : strlen(h);
        if (len > n && strncmp(h, name, n) == 0 && h[n] == '=')
            return arena_strndup(rq->a, h + n + 1, len - n - 1);
        h += len;
    }
    return NULL;
}
