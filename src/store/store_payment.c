/*
 * store_payment.c — payments, refunds and course accounts in SQL (see store_payment.h).
 */
#include "store/store_payment.h"

#include <string.h>

#define ACCOUNT                                                                                    \
    "SELECT c.id, COALESCE(q.id, 0), COALESCE(q.total_pence, 0), COALESCE(q.deposit_pence, 0), "   \
    "COALESCE((SELECT SUM(pence) FROM payments p WHERE p.course_id = c.id AND p.kind = "           \
    "'payment'), 0), COALESCE((SELECT SUM(pence) FROM payments p WHERE p.course_id = c.id AND "    \
    "p.kind = 'refund'), 0), COALESCE(q.currency, k.currency), c.status, c.finance_provider, "     \
    "c.finance_reference, c.client_id FROM courses c JOIN clinics k ON k.id = c.clinic_id "        \
    "LEFT JOIN quotes q ON q.course_id = c.id AND q.status = 'accepted' "

static void read_account(struct arena *a, struct db_res *r, int i, struct account *x)
{
    x->course_id = db_res_int(r, i, 0);
    x->quote_id = db_res_int(r, i, 1);
    x->total = db_res_int(r, i, 2);
    x->deposit = db_res_int(r, i, 3);
    x->paid = db_res_int(r, i, 4);
    x->refunded = db_res_int(r, i, 5);
    x->currency = arena_strdup(a, db_res_text(r, i, 6));
    x->course_status = arena_strdup(a, db_res_text(r, i, 7));
    x->finance_provider = arena_strdup(a, db_res_text(r, i, 8));
    x->finance_reference = arena_strdup(a, db_res_text(r, i, 9));
}

int store_account_get(struct db *db, struct arena *a, long long course_id, bool lock,
                      struct account *out, long long *client_id, struct err *e)
{
    struct db_val p[] = {DB_INT(course_id)};
    struct db_res *r;
    if (lock && db_kind(db) == DB_POSTGRESQL &&
        db_exec(db, "SELECT id FROM courses WHERE id = $1 FOR UPDATE", p, 1, NULL, e) < 0)
        return -1;
    if (db_query(db,
                 ACCOUNT "JOIN clients t ON t.id = c.client_id WHERE c.id = $1 AND t.deleted_at "
                         "IS NULL",
                 p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no course %lld", course_id);
    else {
        read_account(a, r, 0, out);
        if (client_id)
            *client_id = db_res_int(r, 0, 10);
    }
    db_res_free(r);
    return rc;
}

int store_accounts(struct db *db, struct arena *a, long long client_id, struct account **items,
                   int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(client_id)};
    struct db_res *r;
    if (db_query(db, ACCOUNT "WHERE c.client_id = $1 ORDER BY c.id LIMIT 100", p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_account(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_payment_add(struct db *db, struct payment *x, long long user_id, long long now,
                      struct err *e)
{
    struct db_val p[] = {DB_INT(x->course_id), DB_INT(x->client_id),  DB_TEXT(x->kind),
                         DB_TEXT(x->method),   DB_INT(x->pence),      DB_TEXT(x->currency),
                         DB_TEXT(x->reason),   DB_TEXT(x->reference), DB_ID(user_id),
                         DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO payments (course_id, client_id, kind, method, pence, currency, "
                 "reason, reference, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                 "$8, $9, $10) RETURNING id",
                 p, 10, &r, e) < 0)
        return -1;
    x->id = db_res_int(r, 0, 0);
    x->created_at = now;
    db_res_free(r);
    return 0;
}

#define PAYMENT                                                                                    \
    "SELECT p.id, p.course_id, p.client_id, p.kind, p.method, p.pence, p.currency, p.reason, "     \
    "p.reference, p.created_at FROM payments p "

static void read_payment(struct arena *a, struct db_res *r, int i, struct payment *x)
{
    x->id = db_res_int(r, i, 0);
    x->course_id = db_res_int(r, i, 1);
    x->client_id = db_res_int(r, i, 2);
    x->kind = arena_strdup(a, db_res_text(r, i, 3));
    x->method = arena_strdup(a, db_res_text(r, i, 4));
    x->pence = db_res_int(r, i, 5);
    x->currency = arena_strdup(a, db_res_text(r, i, 6));
    x->reason = arena_strdup(a, db_res_text(r, i, 7));
    x->reference = arena_strdup(a, db_res_text(r, i, 8));
    x->created_at = db_res_int(r, i, 9);
}

int store_payment_get(struct db *db, struct arena *a, long long id, struct payment *x,
                      struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db,
                 PAYMENT "JOIN clients t ON t.id = p.client_id WHERE p.id = $1 AND t.deleted_at "
                         "IS NULL",
                 p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no payment %lld", id);
    else
        read_payment(a, r, 0, x);
    db_res_free(r);
    return rc;
}

int store_payments(struct db *db, struct arena *a, long long course_id, struct payment **items,
                   int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(course_id)};
    struct db_res *r;
    if (db_query(db, PAYMENT "WHERE p.course_id = $1 ORDER BY p.id LIMIT 500", p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_payment(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_course_finance(struct db *db, long long course_id, const char *provider,
                         const char *reference, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(course_id), DB_TEXT(provider), DB_TEXT(reference), DB_INT(now)};
    return db_exec(db,
                   "UPDATE courses SET finance_provider = $2, finance_reference = $3, updated_at = "
                   "$4 WHERE id = $1",
                   p, 4, NULL, e);
}
