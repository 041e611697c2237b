/*
 * store_audit.c — the audit log in SQL (see store_audit.h).
 */
#include "store/store_audit.h"

#include <string.h>

int store_audit_add(struct db *db, const struct audit_entry *x, struct err *e)
{
    struct db_val p[] = {DB_INT(x->at),          DB_ID(x->user_id),
                         DB_TEXT(x->user_email), DB_TEXT(audit_action_name(x->action)),
                         DB_TEXT(x->entity),     DB_INT(x->entity_id),
                         DB_ID(x->client_id),    DB_TEXT(x->request_id)};
    return db_exec(db,
                   "INSERT INTO audit_log (at, user_id, user_email, action, entity, entity_id, "
                   "client_id, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   p, 8, NULL, e);
}

static enum audit_action parse_action(const char *s)
{
    static const char *names[] = {"create", "read", "list", "update", "delete"};
    for (int i = 0; i < 5; i++)
        if (s && strcmp(s, names[i]) == 0)
            return (enum audit_action)i;
    return AUDIT_READ;
}

int store_audit_list(struct db *db, struct arena *a, long long client_id, long long before_id,
                     int limit, struct audit_entry **items, int *n, long long *next_id,
                     struct err *e)
{
    struct db_val p[] = {DB_ID(client_id), DB_ID(before_id), DB_INT(limit + 1)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT id, at, user_id, user_email, action, entity, entity_id, client_id, "
                 "request_id FROM audit_log WHERE ($1 IS NULL OR client_id = $1) "
                 "AND ($2 IS NULL OR id < $2) ORDER BY id DESC LIMIT $3",
                 p, 3, &r, e) < 0)
        return -1;
    int rows = db_res_rows(r);
    *n = rows > limit ? limit : rows;
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++) {
        struct audit_entry *x = &(*items)[i];
        x->id = db_res_int(r, i, 0);
        x->at = db_res_int(r, i, 1);
        x->user_id = db_res_int(r, i, 2);
        x->user_email = arena_strdup(a, db_res_text(r, i, 3));
        x->action = parse_action(db_res_text(r, i, 4));
        x->entity = arena_strdup(a, db_res_text(r, i, 5));
        x->entity_id = db_res_int(r, i, 6);
        x->client_id = db_res_int(r, i, 7);
        x->request_id = arena_strdup(a, db_res_text(r, i, 8));
    }
    *next_id = rows > limit ? db_res_int(r, limit - 1, 0) : 0;
    db_res_free(r);
    return 0;
}
