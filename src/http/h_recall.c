/*
 * h_recall.c — touch-up recall: GET /api/v1/recalls lists the clients of a clinic with the date
 * each is due a touch-up (last recorded session + the clinic's months, sooner for oily skin and
 * high sun from their latest consultation), soonest first, optionally only those due before a
 * date; GET/PUT …/clinics/{id}/recall-rules reads and sets the clinic's rule.
 */
#include "domain/aftercare.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/notify.h"
#include "http/schedctx.h"
#include "store/store_clinic.h"
#include "store/store_recall.h"

#include <stdlib.h>
#include <string.h>

static json_t *rules_json(long long clinic_id, const struct recall_rules *r)
{
    return json_pack("{s:I,s:i,s:i,s:i,s:i}", "clinic_id", (json_int_t)clinic_id, "base_months",
                     r->base_months, "oily_sooner_months", r->oily_sooner_months,
                     "sun_sooner_months", r->sun_sooner_months, "min_months", r->min_months);
}

int h_recall_rules_get(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct recall_rules r;
    struct err e;
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_recall_rules(rq->db, c.id, &r, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, rules_json(c.id, &r));
}

int h_recall_rules_put(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"base_months", "oily_sooner_months", "sun_sooner_months",
                                        "min_months", NULL};
    struct clinic c;
    struct recall_rules r;
    struct err e = {0};
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_recall_rules(rq->db, c.id, &r, &e) < 0 || jin_only(rq->json, known, &e) < 0)
        return resp_error(rs, &e);
    long long v[4] = {r.base_months, r.oily_sooner_months, r.sun_sooner_months, r.min_months};
    if (jin_int(rq->json, "base_months", 6, 120, &v[0], &e) < 0 ||
        jin_int(rq->json, "oily_sooner_months", 0, 60, &v[1], &e) < 0 ||
        jin_int(rq->json, "sun_sooner_months", 0, 60, &v[2], &e) < 0 ||
        jin_int(rq->json, "min_months", 1, 120, &v[3], &e) < 0)
        return resp_error(rs, &e);
    if (v[3] > v[0])
        return resp_fail(rs, ERR_INVALID, "min_months", "min_months cannot be above base_months");
    r = (struct recall_rules){(int)v[0], (int)v[1], (int)v[2], (int)v[3]};
    if (store_recall_rules_put(rq->db, c.id, &r, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, rules_json(c.id, &r));
}

int h_recall_list(struct req *rq, struct resp *rs)
{
    const char *cid = req_query(rq, "clinic_id"), *before = req_query(rq, "due_before");
    char *end;
    long long clinic_id = cid ? strtoll(cid, &end, 10) : 0;
    struct civil_date limit = {0};
    struct clinic c;
    struct recall_rules rules;
    struct recall_fact *items;
    int n;
    struct err e;
    if (!cid || !*cid || *end || clinic_id <= 0)
        return resp_fail(rs, ERR_INVALID, "clinic_id", "clinic_id is required");
    if (before && !civil_parse_date(before, &limit))
        return resp_fail(rs, ERR_INVALID, "due_before", "due_before must be a date YYYY-MM-DD");
    if (store_clinic_get(rq->db, rq->a, clinic_id, &c, &e) < 0 ||
        store_recall_rules(rq->db, c.id, &rules, &e) < 0 ||
        store_recall_facts(rq->db, rq->a, c.id, rq->now, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    struct civil_date today = clinic_local_date(rq->now, c.timezone);
    json_t *arr = json_array();
    /* soonest first: the facts come by last session, but the rule differs per client */
    struct civil_date *due = arena_alloc(rq->a, sizeof *due * (size_t)(n + 1));
    int *order = arena_alloc(rq->a, sizeof *order * (size_t)(n + 1)), m = 0;
    for (int i = 0; i < n; i++) {
        struct civil_date last;
        if (!civil_parse_date(items[i].last_session_on, &last))
            continue;
        due[i] = recall_due(last, items[i].oily, items[i].high_sun, &rules);
        if (before && civil_cmp(due[i], limit) >= 0)
            continue;
        int k = m++;
        while (k > 0 && civil_cmp(due[order[k - 1]], due[i]) > 0)
            order[k] = order[k - 1], k--;
        order[k] = i;
    }
    for (int j = 0; j < m; j++) {
        const struct recall_fact *x = &items[order[j]];
        if (req_audit_queue(rq, AUDIT_LIST, "client", x->client_id, x->client_id, &e) < 0) {
            json_decref(arr);
            return resp_error(rs, &e);
        }
        char due_s[11];
        civil_format_date(due[order[j]], due_s);
        json_t *why = json_array();
        if (x->oily)
            json_array_append_new(why, json_string("oily skin"));
        if (x->high_sun)
            json_array_append_new(why, json_string("high sun exposure"));
        json_array_append_new(
            arr, json_pack("{s:I,s:s,s:s,s:o,s:o,s:s,s:s,s:b,s:b,s:o}", "client_id",
                           (json_int_t)x->client_id, "first_name", x->first_name, "last_name",
                           x->last_name, "email", x->email ? json_string(x->email) : json_null(),
                           "phone", x->phone ? json_string(x->phone) : json_null(),
                           "last_session_on", x->last_session_on, "due_on", due_s, "overdue",
                           civil_cmp(due[order[j]], today) < 0, "touch_up_booked",
                           x->touch_up_booked, "sooner_for", why));
    }
    return resp_json(rs, 200,
                     json_pack("{s:o,s:o}", "rules", rules_json(c.id, &rules), "items", arr));
}

int h_recall_notify(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"clinic_id", "client_ids", NULL};
    long long clinic_id = 0, *ids = NULL;
    int n_ids = 0, n, queued = 0;
    struct clinic c;
    struct recall_rules rules;
    struct recall_fact *items;
    struct err e = {0};
    if (jin_only(rq->json, known, &e) < 0 || jin_id(rq->json, "clinic_id", &clinic_id, &e) < 0 ||
        jin_ids(rq->json, "client_ids", &ids, &n_ids, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (!clinic_id || store_clinic_get(rq->db, rq->a, clinic_id, &c, &e) < 0)
        return resp_fail(rs, ERR_INVALID, "clinic_id", "clinic_id must name a clinic");
    if (n_ids == 0)
        return resp_fail(rs, ERR_INVALID, "client_ids", "client_ids lists the clients to remind");
    if (store_recall_rules(rq->db, c.id, &rules, &e) < 0 ||
        store_recall_facts(rq->db, rq->a, c.id, rq->now, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    for (int k = 0; k < n_ids; k++) {
        const struct recall_fact *x = NULL;
        for (int i = 0; i < n && !x; i++)
            if (items[i].client_id == ids[k])
                x = &items[i];
        struct civil_date last;
        if (!x || !civil_parse_date(x->last_session_on, &last))
            return resp_fail(rs, ERR_INVALID, "client_ids",
                             arena_printf(rq->a,
                                          "client %lld has no recorded session at this "
                                          "clinic",
                                          ids[k]));
        char due[11];
        civil_format_date(recall_due(last, x->oily, x->high_sun, &rules), due);
        bool added;
        if (notify_recall(rq, x->client_id, due, &c, &added, &e) < 0)
            return resp_error(rs, &e);
        queued += added;
    }
    return resp_json(rs, 200, json_pack("{s:i}", "queued", queued));
}
