/*
 * h_clinic.c — /api/v1/clinics: list, create, read, change and delete clinics.
 */
#include "domain/validate.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/list.h"
#include "store/store_clinic.h"
#include "util/tz.h"

#include <stdio.h>

/* Reads the optional "eligibility" object: the clinic's thresholds for the treatment rules. */
static int decode_rules(json_t *o, struct eligibility_rules *r, struct err *e)
{
    static const char *const known[] = {"transplant_wait_months", "chemo_wait_months",
                                        "scar_wait_months", "min_age", NULL};
    json_t *el = json_object_get(o, "eligibility");
    if (!el)
        return 0;
    if (!json_is_object(el))
        return err_set(e, ERR_INVALID, "eligibility", "eligibility must be an object");
    long long v[4] = {r->transplant_wait_months, r->chemo_wait_months, r->scar_wait_months,
                      r->min_age};
    if (jin_only(el, known, e) < 0)
        return err_set(e, ERR_INVALID, "eligibility", "eligibility has an unknown member (%s)",
                       e->field);
    for (int i = 0; i < 4; i++)
        if (jin_int(el, known[i], 0, 100, &v[i], e) < 0) {
            char field[64];
            snprintf(field, sizeof field, "eligibility.%s", known[i]);
            return err_set(e, ERR_INVALID, field, "%s must be a whole number", field);
        }
    r->transplant_wait_months = (int)v[0];
    r->chemo_wait_months = (int)v[1];
    r->scar_wait_months = (int)v[2];
    r->min_age = (int)v[3];
    return 0;
}

/* Applies the members of the body to c, then checks the whole record. */
static int decode(struct req *rq, struct clinic *c, struct err *e)
{
    static const char *const known[] = {"name",        "city",
                                        "address",     "timezone",
                                        "currency",    "price_uplift_pct",
                                        "eligibility", "buffer_min",
                                        "grid_min",    "impressions_per_hour",
                                        NULL};
    json_t *o = rq->json;
    long long uplift = c->price_uplift_pct, buffer = c->buffer_min, grid = c->grid_min,
              rate = c->impressions_per_hour;
    if (jin_only(o, known, e) < 0 || jin_str(o, "name", &c->name, rq->a, e) < 0 ||
        jin_str(o, "city", &c->city, rq->a, e) < 0 ||
        jin_str(o, "address", &c->address, rq->a, e) < 0 ||
        jin_str(o, "timezone", &c->timezone, rq->a, e) < 0 ||
        jin_str(o, "currency", &c->currency, rq->a, e) < 0 ||
        jin_int(o, "price_uplift_pct", 0, 200, &uplift, e) < 0 ||
        jin_int(o, "buffer_min", 0, 120, &buffer, e) < 0 ||
        jin_int(o, "grid_min", 5, 60, &grid, e) < 0 ||
        jin_int(o, "impressions_per_hour", 500, 20000, &rate, e) < 0 ||
        decode_rules(o, &c->rules, e) < 0)
        return -1;
    c->price_uplift_pct = (int)uplift;
    c->buffer_min = (int)buffer;
    c->grid_min = (int)grid;
    c->impressions_per_hour = (int)rate;
    if (clinic_check(c, e) < 0)
        return -1;
    if (!tz_valid(c->timezone))
        return err_set(e, ERR_INVALID, "timezone",
                       "timezone must be an IANA time zone such as Europe/London");
    return 0;
}

int h_clinic_list(struct req *rq, struct resp *rs)
{
    struct list_params lp;
    struct clinic *items;
    struct cursor next;
    int n;
    struct err e;
    if (list_params(rq, &lp, &e) < 0 ||
        store_clinic_list(rq->db, rq->a, lp.q, lp.after, lp.limit, &items, &n, &next, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, jout_clinic(&items[i]));
    return resp_json(rs, 200, jout_list(arr, list_cursor(rq, &next)));
}

int h_clinic_create(struct req *rq, struct resp *rs)
{
    struct clinic c = {.rules = eligibility_defaults,
                       .buffer_min = 15,
                       .grid_min = 15,
                       .impressions_per_hour = 4500};
    struct err e;
    if (decode(rq, &c, &e) < 0 || store_clinic_add(rq->db, rq->a, &c, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, jout_clinic(&c));
}

int h_clinic_get(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct err e;
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, jout_clinic(&c));
}

int h_clinic_update(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct err e;
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 || decode(rq, &c, &e) < 0 ||
        store_clinic_update(rq->db, rq->a, &c, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, jout_clinic(&c));
}

int h_clinic_delete(struct req *rq, struct resp *rs)
{
    struct err e;
    if (store_clinic_delete(rq->db, req_id(rq, 0), &e) < 0)
        return resp_error(rs, &e);
    return resp_empty(rs, 204);
}
