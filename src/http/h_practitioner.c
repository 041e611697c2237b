/*
 * h_practitioner.c — /api/v1/practitioners: the clinic's technicians and the clinics they
 * work at.
 */
#include "domain/validate.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/list.h"
#include "store/store_practitioner.h"

#include <ctype.h>

static int decode(struct req *rq, struct practitioner *p, struct err *e)
{
    static const char *const known[] = {"name", "email", "clinic_ids", "user_id", NULL};
    json_t *o = rq->json;
    if (jin_only(o, known, e) < 0 || jin_str(o, "name", &p->name, rq->a, e) < 0 ||
        jin_str(o, "email", &p->email, rq->a, e) < 0 ||
        jin_ids(o, "clinic_ids", &p->clinic_ids, &p->n_clinic_ids, rq->a, e) < 0 ||
        jin_id(o, "user_id", &p->user_id, e) < 0)
        return -1;
    for (char *s = p->email; s && *s; s++)
        *s = (char)tolower((unsigned char)*s);
    return practitioner_check(p, e);
}

int h_practitioner_list(struct req *rq, struct resp *rs)
{
    struct list_params lp;
    struct practitioner *items;
    struct cursor next;
    int n;
    struct err e;
    if (list_params(rq, &lp, &e) < 0 ||
        store_practitioner_list(rq->db, rq->a, lp.q, lp.after, lp.limit, &items, &n, &next, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, jout_practitioner(&items[i]));
    return resp_json(rs, 200, jout_list(arr, list_cursor(rq, &next)));
}

int h_practitioner_create(struct req *rq, struct resp *rs)
{
    struct practitioner p = {0};
    struct err e;
    if (decode(rq, &p, &e) < 0 || store_practitioner_add(rq->db, rq->a, &p, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, jout_practitioner(&p));
}

int h_practitioner_get(struct req *rq, struct resp *rs)
{
    struct practitioner p;
    struct err e;
    if (store_practitioner_get(rq->db, rq->a, req_id(rq, 0), &p, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, jout_practitioner(&p));
}

int h_practitioner_update(struct req *rq, struct resp *rs)
{
    struct practitioner p;
    struct err e;
    if (store_practitioner_get(rq->db, rq->a, req_id(rq, 0), &p, &e) < 0 ||
        decode(rq, &p, &e) < 0 || store_practitioner_update(rq->db, rq->a, &p, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, jout_practitioner(&p));
}

int h_practitioner_delete(struct req *rq, struct resp *rs)
{
    struct err e;
    if (store_practitioner_delete(rq->db, req_id(rq, 0), rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_empty(rs, 204);
}
