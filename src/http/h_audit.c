/*
 * h_audit.c — GET /api/v1/audit: who created, read, listed, changed or deleted client records.
 */
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/list.h"
#include "store/store_audit.h"

#include <stdlib.h>

int h_audit_list(struct req *rq, struct resp *rs)
{
    struct list_params lp;
    struct err e;
    long long client_id = 0;
    const char *client = req_query(rq, "client_id");
    if (client) {
        char *end;
        client_id = strtoll(client, &end, 10);
        if (!*client || *end || client_id <= 0)
            return resp_fail(rs, ERR_INVALID, "client_id", "client_id must be a client id");
    }
    if (list_params(rq, &lp, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry *items;
    int n;
    long long next_id;
    if (store_audit_list(rq->db, rq->a, client_id, lp.after ? lp.after->id : 0, lp.limit, &items,
                         &n, &next_id, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, jout_audit(&items[i]));
    struct cursor next = {next_id ? "" : NULL, next_id};
    return resp_json(rs, 200, jout_list(arr, list_cursor(rq, &next)));
}
