/*
 * store_payment.h — money received and refunded against a treatment course, in SQL. A course's
 * price is the total of the quote accepted for it; the balance is that total less payments plus
 * refunds. Amounts are integer pence; a refund is its own row.
 */
#ifndef STIPPLE_STORE_PAYMENT_H
#define STIPPLE_STORE_PAYMENT_H

#include "store/db.h"
#include "util/mem.h"

#include <stdbool.h>

struct payment {
    long long id, course_id, client_id, pence, created_at;
    const char *kind, *method, *currency, *reason, *reference;
};

/* A course's money: its accepted quote (quote_id 0 when none), the sums, finance details. */
struct account {
    long long course_id, quote_id, total, deposit, paid, refunded;
    const char *currency, *course_status, *finance_provider, *finance_reference;
};

/* store_account_get reads the money of course_id (ERR_NOT_FOUND when there is no such course).
 * With lock true it first takes the course's row lock (PostgreSQL: FOR UPDATE; SQLite's write
 * transaction already excludes other writers), so a payment's balance check cannot race another
 * payment. */
int store_account_get(struct db *db, struct arena *a, long long course_id, bool lock,
                      struct account *out, long long *client_id, struct err *e);

/* store_accounts lists the money of every course of client_id, oldest first. */
int store_accounts(struct db *db, struct arena *a, long long client_id, struct account **items,
                   int *n, struct err *e);

/* store_payment_add stores p (sets id and created_at). */
int store_payment_add(struct db *db, struct payment *p, long long user_id, long long now,
                      struct err *e);

/* store_payment_get reads payment id; ERR_NOT_FOUND when none (or its client is deleted). */
int store_payment_get(struct db *db, struct arena *a, long long id, struct payment *p,
                      struct err *e);

/* store_payments lists the payments of course_id, oldest first. */
int store_payments(struct db *db, struct arena *a, long long course_id, struct payment **items,
                   int *n, struct err *e);

/* store_course_finance records the finance provider and reference of course_id. */
int store_course_finance(struct db *db, long long course_id, const char *provider,
                         const char *reference, long long now, struct err *e);

#endif
