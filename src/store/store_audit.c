/*
 * store_audit.c — the audit log in SQL (see store_audit.h).
 */
#include "store/store_audit.h"

#include <pthread.h>
#include <stdio.h>
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

enum { ROWS_PER_INSERT = 32, AUDIT_COLS = 8 };

/* The INSERT for ROWS_PER_INSERT rows, made once from constant text: "($1, …, $8), ($9, …)". */
static char insert_many[ROWS_PER_INSERT * 64 + 256];
static pthread_once_t insert_many_once = PTHREAD_ONCE_INIT;

static void build_insert_many(void)
{
    size_t n = (size_t)snprintf(insert_many, sizeof insert_many,
                                "INSERT INTO audit_log (at, user_id, user_email, action, entity, "
                                "entity_id, client_id, request_id) VALUES ");
    for (int r = 0; r < ROWS_PER_INSERT; r++)
        for (int c = 0; c < AUDIT_COLS; c++)
            n += (size_t)snprintf(insert_many + n, sizeof insert_many - n, "%s$%d%s",
                                  c == 0 ? (r ? ", (" : "(") : ", ", r * AUDIT_COLS + c + 1,
                                  c == AUDIT_COLS - 1 ? ")" : "");
}

int store_audit_add_many(struct db *db, const struct audit_entry *v, int n, struct err *e)
{
    struct db_val p[ROWS_PER_INSERT * AUDIT_COLS];
    int i = 0;
    for (; i + ROWS_PER_INSERT <= n; i += ROWS_PER_INSERT) {
        for (int r = 0; r < ROWS_PER_INSERT; r++) {
            const struct audit_entry *x = &v[i + r];
            struct db_val *q = &p[r * AUDIT_COLS];
            q[0] = DB_INT(x->at);
            q[1] = DB_ID(x->user_id);
            q[2] = DB_TEXT(x->user_email);
            q[3] = DB_TEXT(audit_action_name(x->action));
            q[4] = DB_TEXT(x->entity);
            q[5] = DB_INT(x->entity_id);
            q[6] = DB_ID(x->client_id);
            q[7] = DB_TEXT(x->request_id);
        }
        pthread_once(&insert_many_once, build_insert_many);
        if (db_exec(db, insert_many, p, ROWS_PER_INSERT * AUDIT_COLS, NULL, e) < 0)
            return -1;
    }
    for (; i < n; i++)
        if (store_audit_add(db, &v[i], e) < 0)
            return -1;
    return 0;
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
                 "request_id FROM audit_log WHERE (CAST($1 AS BIGINT) IS NULL OR client_id = $1) "
                 "AND (CAST($2 AS BIGINT) IS NULL OR id < $2) ORDER BY id DESC LIMIT $3",
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
