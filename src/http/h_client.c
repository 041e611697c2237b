/*
 * h_client.c — /api/v1/clients: the clinic's clients. Every access is audited: changes in the
 * transaction of the change, reads through the batched audit queue.
 */
#include "domain/civil.h"
#include "domain/search.h"
#include "domain/validate.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/list.h"
#include "store/store_audit.h"
#include "store/store_client.h"

#include <stdlib.h>

static struct audit_entry entry(struct req *rq, enum audit_action action, long long client_id)
{
    return (struct audit_entry){
        .at = rq->now,
        .user_id = rq->user.id,
        .user_email = rq->user.email,
        .action = action,
        .entity = "client",
        .entity_id = client_id,
        .client_id = client_id,
        .request_id = (char *)rq->request_id,
    };
}

/* Queues a read audit entry; -1 (and the caller refuses to show the record) when it cannot. */
static int audit_read(struct req *rq, enum audit_action action, long long client_id)
{
    struct audit_entry x = entry(rq, action, client_id);
    return auditq_push(rq->app->auditq, &x);
}

static int audit_unavailable(struct resp *rs)
{
    return resp_fail(rs, ERR_UNAVAILABLE, NULL,
                     "client records are unavailable while their reads cannot be audited");
}

static int audit_change(struct req *rq, enum audit_action action, long long client_id,
                        struct err *e)
{
    struct audit_entry x = entry(rq, action, client_id);
    return store_audit_add(rq->db, &x, e);
}

static int decode(struct req *rq, struct client *c, struct err *e)
{
    static const char *const known[] = {"first_name",    "last_name", "email", "phone",
                                        "date_of_birth", "clinic_id", "notes", NULL};
    json_t *o = rq->json;
    if (jin_only(o, known, e) < 0 || jin_str(o, "first_name", &c->first_name, rq->a, e) < 0 ||
        jin_str(o, "last_name", &c->last_name, rq->a, e) < 0 ||
        jin_str(o, "email", &c->email, rq->a, e) < 0 ||
        jin_str(o, "phone", &c->phone, rq->a, e) < 0 ||
        jin_str(o, "date_of_birth", &c->date_of_birth, rq->a, e) < 0 ||
        jin_id(o, "clinic_id", &c->clinic_id, e) < 0 ||
        jin_str(o, "notes", &c->notes, rq->a, e) < 0)
        return -1;
    char today[11];
    civil_format_date(civil_date_of(rq->now), today);
    return client_check(c, today, e);
}

int h_client_list(struct req *rq, struct resp *rs)
{
    struct list_params lp;
    struct client *items;
    struct cursor next;
    int n;
    struct err e;
    long long clinic_id = 0;
    const char *clinic = req_query(rq, "clinic_id");
    if (clinic) {
        char *end;
        clinic_id = strtoll(clinic, &end, 10);
        if (!*clinic || *end || clinic_id <= 0)
            return resp_fail(rs, ERR_INVALID, "clinic_id", "clinic_id must be a clinic id");
    }
    if (list_params(rq, &lp, &e) < 0)
        return resp_error(rs, &e);
    char *words[SEARCH_MAX_WORDS];
    int n_words = search_query_words(rq->a, lp.q, words);
    if (store_client_list(rq->db, rq->a, words, n_words, clinic_id, lp.after, lp.limit, &items, &n,
                          &next, &e) < 0)
        return resp_error(rs, &e);
    for (int i = 0; i < n; i++)
        if (audit_read(rq, AUDIT_LIST, items[i].id) < 0)
            return audit_unavailable(rs);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, jout_client(&items[i]));
    return resp_json(rs, 200, jout_list(arr, list_cursor(rq, &next)));
}

int h_client_create(struct req *rq, struct resp *rs)
{
    struct client c = {0};
    struct err e;
    if (decode(rq, &c, &e) < 0 || store_client_add(rq->db, rq->a, &c, rq->now, &e) < 0 ||
        audit_change(rq, AUDIT_CREATE, c.id, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, jout_client(&c));
}

int h_client_get(struct req *rq, struct resp *rs)
{
    struct client c;
    struct err e;
    if (store_client_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0)
        return resp_error(rs, &e);
    if (audit_read(rq, AUDIT_READ, c.id) < 0)
        return audit_unavailable(rs);
    return resp_json(rs, 200, jout_client(&c));
}

int h_client_update(struct req *rq, struct resp *rs)
{
    struct client c;
    struct err e;
    if (store_client_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 || decode(rq, &c, &e) < 0 ||
        store_client_update(rq->db, rq->a, &c, rq->now, &e) < 0 ||
        audit_change(rq, AUDIT_UPDATE, c.id, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, jout_client(&c));
}

int h_client_delete(struct req *rq, struct resp *rs)
{
    struct err e;
    long long id = req_id(rq, 0);
    if (store_client_delete(rq->db, id, rq->now, &e) < 0 ||
        audit_change(rq, AUDIT_DELETE, id, &e) < 0)
        return resp_error(rs, &e);
    return resp_empty(rs, 204);
}
