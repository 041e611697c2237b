/*
 * h_payment.c — money after a quote is accepted: a client's account (every course with its
 * price, deposit, paid, refunded and balance due, and the payments), recording a payment or a
 * refund against a course, finance provider and reference on a course, and a receipt PDF. A
 * payment never takes the balance below zero and a refund never returns more than was paid:
 * the check and the insert run under the course's lock in the request's transaction.
 */
#include "docs/pdf.h"
#include "domain/money.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_payment.h"
#include "store/store_sched.h"
#include "util/tz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const methods[] = {"cash", "card", "bank_transfer", "finance", NULL};

static json_t *payment_json(const struct payment *p)
{
    char text[48];
    return json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:o,s:o,s:o}", "id", (json_int_t)p->id,
                     "course_id", (json_int_t)p->course_id, "kind", p->kind, "method", p->method,
                     "pence", (json_int_t)p->pence, "currency", p->currency, "text",
                     money_format(p->pence, p->currency, text, sizeof text), "reason",
                     p->reason ? json_string(p->reason) : json_null(), "reference",
                     p->reference ? json_string(p->reference) : json_null(), "created_at",
                     jout_time(p->created_at));
}

static long long balance(const struct account *x)
{
    return x->total - x->paid + x->refunded;
}

/* The account of one course with its payments. */
static json_t *account_json(struct req *rq, const struct account *x, struct err *e)
{
    struct payment *items;
    int n;
    if (store_payments(rq->db, rq->a, x->course_id, &items, &n, e) < 0)
        return NULL;
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, payment_json(&items[i]));
    char text[48];
    json_t *j = json_pack(
        "{s:I,s:o,s:s,s:s,s:I,s:I,s:b,s:I,s:I,s:I,s:s,s:o,s:o,s:o}", "course_id",
        (json_int_t)x->course_id, "quote_id", x->quote_id ? json_integer(x->quote_id) : json_null(),
        "course_status", x->course_status, "currency", x->currency, "total_pence",
        (json_int_t)x->total, "deposit_pence", (json_int_t)x->deposit, "deposit_paid",
        x->quote_id && x->paid - x->refunded >= x->deposit, "paid_pence", (json_int_t)x->paid,
        "refunded_pence", (json_int_t)x->refunded, "balance_pence", (json_int_t)balance(x),
        "balance_text", money_format(balance(x), x->currency, text, sizeof text),
        "finance_provider", x->finance_provider ? json_string(x->finance_provider) : json_null(),
        "finance_reference", x->finance_reference ? json_string(x->finance_reference) : json_null(),
        "payments", arr);
    return j;
}

int h_account_get(struct req *rq, struct resp *rs)
{
    struct client client;
    struct account *items;
    int n;
    struct err e;
    long long client_id = req_id(rq, 0);
    if (store_client_get(rq->db, rq->a, client_id, &client, &e) < 0 ||
        store_accounts(rq->db, rq->a, client_id, &items, &n, &e) < 0 ||
        req_audit_queue(rq, AUDIT_READ, "account", client_id, client_id, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        json_t *j = account_json(rq, &items[i], &e);
        if (!j) {
            json_decref(arr);
            return resp_error(rs, &e);
        }
        json_array_append_new(arr, j);
    }
    return resp_json(rs, 200,
                     json_pack("{s:I,s:o}", "client_id", (json_int_t)client_id, "courses", arr));
}

int h_payment_create(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"kind", "method", "pence", "reason", "reference", NULL};
    struct account acc;
    struct payment p = {.course_id = req_id(rq, 0)};
    char *kind = NULL, *method = NULL, *reason = NULL, *reference = NULL, text[48];
    long long pence = 0;
    struct err e = {0};
    if (store_account_get(rq->db, rq->a, p.course_id, true, &acc, &p.client_id, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "kind", &kind, rq->a, &e) < 0 ||
        jin_str(rq->json, "method", &method, rq->a, &e) < 0 ||
        jin_str(rq->json, "reason", &reason, rq->a, &e) < 0 ||
        jin_str(rq->json, "reference", &reference, rq->a, &e) < 0 ||
        jin_int(rq->json, "pence", 0, 100000000, &pence, &e) < 0)
        return resp_error(rs, &e);
    p.kind = kind ? kind : "payment";
    if (strcmp(p.kind, "payment") && strcmp(p.kind, "refund"))
        return resp_fail(rs, ERR_INVALID, "kind", "kind is payment or refund");
    int m = 0;
    while (methods[m] && (!method || strcmp(methods[m], method)))
        m++;
    if (!methods[m])
        return resp_fail(rs, ERR_INVALID, "method",
                         "method is cash, card, bank_transfer or finance");
    if (pence < 1)
        return resp_fail(rs, ERR_INVALID, "pence", "pence is the amount in whole pence, above 0");
    if (reference && strlen(reference) > 100)
        return resp_fail(rs, ERR_INVALID, "reference", "reference is at most 100 characters");
    if (!strcmp(p.kind, "refund") && (!reason || strlen(reason) > 500))
        return resp_fail(rs, ERR_INVALID, "reason",
                         "a refund needs its reason (up to 500 "
                         "characters)");
    if (!acc.quote_id)
        return resp_fail(rs, ERR_INVALID, "pence",
                         "this course has no accepted quote, so nothing is due on it");
    if (!strcmp(p.kind, "payment") && pence > balance(&acc))
        return resp_fail(
            rs, ERR_INVALID, "pence",
            arena_printf(rq->a,
                         "that is more than the balance due (%s); record a "
                         "refund to give money back",
                         money_format(balance(&acc), acc.currency, text, sizeof text)));
    if (!strcmp(p.kind, "refund") && pence > acc.paid - acc.refunded)
        return resp_fail(
            rs, ERR_INVALID, "pence",
            arena_printf(rq->a, "a refund cannot be more than was paid (%s)",
                         money_format(acc.paid - acc.refunded, acc.currency, text, sizeof text)));
    p.method = methods[m];
    p.pence = pence;
    p.currency = acc.currency;
    p.reason = reason;
    p.reference = reference;
    struct audit_entry x = req_audit_entry(rq, AUDIT_CREATE, "payment", 0, p.client_id);
    if (store_payment_add(rq->db, &p, rq->user.id, rq->now, &e) < 0 ||
        (x.entity_id = p.id, store_audit_add(rq->db, &x, &e)) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, payment_json(&p));
}

int h_course_finance(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"provider", "reference", NULL};
    struct account acc;
    long long client_id;
    char *provider = NULL, *reference = NULL;
    struct err e = {0};
    if (store_account_get(rq->db, rq->a, req_id(rq, 0), true, &acc, &client_id, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 ||
        jin_str(rq->json, "provider", &provider, rq->a, &e) < 0 ||
        jin_str(rq->json, "reference", &reference, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (!provider || strlen(provider) > 100)
        return resp_fail(rs, ERR_INVALID, "provider", "provider names the finance company");
    if (reference && strlen(reference) > 100)
        return resp_fail(rs, ERR_INVALID, "reference", "reference is at most 100 characters");
    struct audit_entry x = req_audit_entry(rq, AUDIT_UPDATE, "course", acc.course_id, client_id);
    if (store_course_finance(rq->db, acc.course_id, provider, reference, rq->now, &e) < 0 ||
        store_audit_add(rq->db, &x, &e) < 0 ||
        store_account_get(rq->db, rq->a, acc.course_id, false, &acc, NULL, &e) < 0)
        return resp_error(rs, &e);
    json_t *j = account_json(rq, &acc, &e);
    return j ? resp_json(rs, 200, j) : resp_error(rs, &e);
}

int h_payment_receipt(struct req *rq, struct resp *rs)
{
    struct payment p;
    struct account acc;
    struct client client;
    struct clinic clinic;
    struct course course;
    struct err e;
    if (store_payment_get(rq->db, rq->a, req_id(rq, 0), &p, &e) < 0 ||
        store_account_get(rq->db, rq->a, p.course_id, false, &acc, NULL, &e) < 0 ||
        store_client_get(rq->db, rq->a, p.client_id, &client, &e) < 0 ||
        store_course_get(rq->db, rq->a, p.course_id, &course, &e) < 0 ||
        store_clinic_get(rq->db, rq->a, course.clinic_id, &clinic, &e) < 0 ||
        req_audit_queue(rq, AUDIT_READ, "payment", p.id, p.client_id, &e) < 0)
        return resp_error(rs, &e);
    char date[11], amount[48], total[48], paid[48], due[48];
    tz_date_of(clinic.timezone, p.created_at, date); /* the clinic's day, not UTC's */
    const char *method = !strcmp(p.method, "bank_transfer") ? "Bank transfer"
                         : !strcmp(p.method, "card")        ? "Card"
                         : !strcmp(p.method, "cash")        ? "Cash"
                                                            : "Finance";
    struct receipt_doc d = {
        .clinic_name = clinic.name,
        .clinic_address = clinic.address,
        .client_name = arena_printf(rq->a, "%s %s", client.first_name, client.last_name),
        .number = arena_printf(rq->a, "R-%06lld", p.id),
        .date = date,
        .kind = !strcmp(p.kind, "refund") ? "Refund" : "Receipt",
        .method = !strcmp(p.kind, "refund") ? arena_printf(rq->a, "Refunded by %s", method)
                                            : arena_printf(rq->a, "Paid by %s", method),
        .amount = money_format(p.pence, p.currency, amount, sizeof amount),
        .reference = p.reference,
        .reason = p.reason,
        .course_total = money_format(acc.total, acc.currency, total, sizeof total),
        .paid = money_format(acc.paid - acc.refunded, acc.currency, paid, sizeof paid),
        .balance = money_format(balance(&acc), acc.currency, due, sizeof due),
    };
    if (receipt_pdf(&d, &rs->body) < 0) {
        buf_reset(&rs->body);
        return resp_fail(rs, ERR_INTERNAL, NULL, "the receipt could not be printed");
    }
    rs->status = 200;
    rs->content_type = "application/pdf";
    return 0;
}

/* Reads a query parameter as an integer in [lo, hi]; -1 with e naming it otherwise. */
static int query_int(struct req *rq, const char *name, long long lo, long long hi, long long *out,
                     struct err *e)
{
    const char *v = req_query(rq, name);
    char *end;
    *out = v ? strtoll(v, &end, 10) : 0;
    if (!v || !*v || *end || *out < lo || *out > hi)
        return err_set(e, ERR_INVALID, name, "%s must be a whole number from %lld to %lld", name,
                       lo, hi);
    return 0;
}

int h_finance_get(struct req *rq, struct resp *rs)
{
    long long amount, months, bp = 0;
    struct err e = {0};
    const char *apr = req_query(rq, "apr_pct"), *cur = req_query(rq, "currency");
    char *end;
    double x = apr ? strtod(apr, &end) : -1;
    if (query_int(rq, "amount_pence", 1, 100000000000LL, &amount, &e) < 0 ||
        query_int(rq, "months", 1, 120, &months, &e) < 0)
        return resp_error(rs, &e);
    if (!apr || !*apr || *end || !(x >= 0 && x < 100) || fabs(x * 100 - round(x * 100)) > 1e-6)
        return resp_fail(rs, ERR_INVALID, "apr_pct",
                         "apr_pct must be a percentage from 0 to 99.99, at most two decimals");
    bp = llround(x * 100);
    if (cur && (strlen(cur) != 3 || strspn(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3))
        return resp_fail(rs, ERR_INVALID, "currency", "currency is an ISO 4217 code like GBP");
    struct finance f;
    char text[512];
    finance_plan(amount, (int)months, (int)bp, &f);
    return resp_json(rs, 200,
                     json_pack("{s:I,s:i,s:f,s:f,s:I,s:I,s:I,s:I,s:s}", "principal_pence",
                               (json_int_t)f.principal, "months", f.months, "apr_pct",
                               f.apr_bp / 100.0, "rate_pa_pct", f.rate_pa_bp / 100.0,
                               "monthly_pence", (json_int_t)f.monthly, "last_pence",
                               (json_int_t)f.last, "total_pence", (json_int_t)f.total, "cost_pence",
                               (json_int_t)f.cost, "text",
                               finance_example(&f, cur ? cur : "GBP", text, sizeof text)));
}
