/*
 * h_quote.c — prices and quotes: a clinic's price book (GET any staff, PUT owner/manager) and
 * quotes for a client (POST prices the chosen areas from the book with the clinic's uplift and
 * a discount, all in integer pence; preview answers the same pricing without saving, for the
 * quote builder's live price; send, accept — which creates the treatment course with the
 * quoted sessions — and decline). A quote past its valid_until reads as "expired" and can no
 * longer be accepted. Quotes are client records: every access is audited (a preview is no
 * record and writes nothing).
 */
#include "auth/auth.h"
#include "domain/civil.h"
#include "domain/consultation.h"
#include "domain/money.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/notify.h"
#include "http/schedctx.h"
#include "sim/sim.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_consultation.h"
#include "store/store_design.h"
#include "store/store_quote.h"
#include "store/store_sched.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the price book ---------------------------------------------------------------------- */

static json_t *book_json(const struct price_book *b, const struct clinic *c)
{
    json_t *prices = json_object(), *bands = json_object(), *quoted = json_object();
    for (int a = 0; a < AREA_COUNT; a++) {
        json_t *p = json_array(), *l = json_array(), *q = json_array();
        for (int k = 0; k < (area_banded(a) ? PRICE_BANDS : 1); k++) {
            json_array_append_new(p, json_integer(b->pence[a][k]));
            json_array_append_new(q,
                                  json_integer(money_uplift(b->pence[a][k], c->price_uplift_pct)));
            const char *name = band_name(a, k);
            json_array_append_new(l, name ? json_string(name) : json_null());
        }
        json_object_set_new(prices, area_name(a), p);
        json_object_set_new(bands, area_name(a), l);
        json_object_set_new(quoted, area_name(a), q);
    }
    json_t *j = json_pack(
        "{s:I,s:s,s:i,s:o,s:o,s:o,s:i,s:i,s:o}", "clinic_id", (json_int_t)c->id, "currency",
        c->currency, "price_uplift_pct", c->price_uplift_pct, "prices", prices, "bands", bands,
        "prices_with_uplift", quoted, "sessions_included", b->sessions_included, "valid_days",
        b->valid_days, "deposit",
        b->deposit_pct_bp ? json_pack("{s:f}", "percent", b->deposit_pct_bp / 100.0)
                          : json_pack("{s:I}", "fixed_pence", (json_int_t)b->deposit_fixed));
    json_object_set_new(
        j, "finance",
        json_pack("{s:i,s:f,s:o}", "months", b->finance_months, "apr_pct",
                  b->finance_apr_bp / 100.0, "provider",
                  b->finance_provider[0] ? json_string(b->finance_provider) : json_null()));
    return j;
}

int h_price_book_get(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct price_book b;
    struct err e;
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_price_book_get(rq->db, c.id, &b, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, book_json(&b, &c));
}

/* Reads a percentage with at most two decimals (0–100) as basis points. */
static int percent_bp(json_t *v, const char *field, long long *bp, struct err *e)
{
    double x = json_number_value(v), scaled = x * 100;
    if (!json_is_number(v) || !(x >= 0 && x <= 100) || fabs(scaled - round(scaled)) > 1e-6)
        return err_set(e, ERR_INVALID, field,
                       "%s must be a percentage 0–100 with at most two "
                       "decimals",
                       field);
    *bp = llround(scaled);
    return 0;
}

/* Reads the finance example terms {months, apr_pct, provider} (each optional) into b. */
static int decode_finance(json_t *f, struct price_book *b, struct err *e)
{
    static const char *const known[] = {"months", "apr_pct", "provider", NULL};
    long long months = b->finance_months, bp = b->finance_apr_bp;
    json_t *apr = json_object_get(f, "apr_pct"), *prov = json_object_get(f, "provider");
    if (!f)
        return 0;
    if (!json_is_object(f))
        return err_set(e, ERR_INVALID, "finance", "finance is {months, apr_pct, provider}");
    if (jin_only(f, known, e) < 0 || jin_int(f, "months", 1, 120, &months, e) < 0) {
        char field[64];
        snprintf(field, sizeof field, "finance.%.40s", e->field);
        snprintf(e->field, sizeof e->field, "%s", field);
        return -1;
    }
    if (apr && (percent_bp(apr, "finance.apr_pct", &bp, e) < 0 || bp > 9999))
        return err_set(e, ERR_INVALID, "finance.apr_pct", "finance.apr_pct must be 0 to 99.99");
    if (prov && !json_is_null(prov) &&
        (!json_is_string(prov) || json_string_length(prov) >= sizeof b->finance_provider))
        return err_set(e, ERR_INVALID, "finance.provider", "finance.provider is a short name");
    b->finance_months = (int)months, b->finance_apr_bp = (int)bp;
    snprintf(b->finance_provider, sizeof b->finance_provider, "%s",
             json_is_string(prov) ? json_string_value(prov) : "");
    return 0;
}

static int decode_book(json_t *o, struct price_book *b, struct err *e)
{
    static const char *const known[] = {"prices",  "sessions_included", "valid_days",
                                        "deposit", "finance",           NULL};
    long long sessions = b->sessions_included, days = b->valid_days;
    if (jin_only(o, known, e) < 0 || jin_int(o, "sessions_included", 1, 4, &sessions, e) < 0 ||
        jin_int(o, "valid_days", 1, 365, &days, e) < 0)
        return -1;
    b->sessions_included = (int)sessions, b->valid_days = (int)days;
    json_t *prices = json_object_get(o, "prices"), *v;
    const char *key;
    if (prices && !json_is_object(prices))
        return err_set(e, ERR_INVALID, "prices", "prices must be an object of areas");
    json_object_foreach(prices, key, v)
    {
        int a = area_parse(key), n = a >= 0 && area_banded(a) ? PRICE_BANDS : 1;
        char field[64];
        snprintf(field, sizeof field, "prices.%.40s", key);
        if (a < 0)
            return err_set(e, ERR_INVALID, field, "%s is not a price-book area", key);
        if (!json_is_array(v) || (int)json_array_size(v) != n)
            return err_set(e, ERR_INVALID, field, "%s needs %d price%s in pence", key, n,
                           n > 1 ? "s (one per band)" : "");
        for (int k = 0; k < n; k++) {
            json_t *p = json_array_get(v, (size_t)k);
            if (!json_is_integer(p) || json_integer_value(p) < 0 ||
                json_integer_value(p) > 100000000)
                return err_set(e, ERR_INVALID, field,
                               "prices are whole pence from 0 to 100,000,000");
            b->pence[a][k] = json_integer_value(p);
        }
        for (int k = 1; k < n; k++)
            if (b->pence[a][k] < b->pence[a][k - 1])
                return err_set(e, ERR_INVALID, field,
                               "a later band must not cost less than an earlier one");
    }
    json_t *dep = json_object_get(o, "deposit");
    if (dep) {
        static const char *const dk[] = {"percent", "fixed_pence", NULL};
        json_t *pct = json_object_get(dep, "percent"), *fixed = json_object_get(dep, "fixed_pence");
        long long bp = 0, pence = 0;
        if (!json_is_object(dep) || jin_only(dep, dk, e) < 0 || (!pct == !fixed))
            return err_set(e, ERR_INVALID, "deposit",
                           "deposit is {\"percent\": P} or {\"fixed_pence\": N}");
        if (pct && percent_bp(pct, "deposit.percent", &bp, e) < 0)
            return -1;
        if (fixed && jin_int(dep, "fixed_pence", 0, 100000000, &pence, e) < 0) {
            snprintf(e->field, sizeof e->field, "deposit.fixed_pence");
            return -1;
        }
        b->deposit_pct_bp = (int)bp, b->deposit_fixed = pence;
    }
    return decode_finance(json_object_get(o, "finance"), b, e);
}

int h_price_book_put(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct price_book b;
    struct err e = {0};
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_price_book_get(rq->db, c.id, &b, &e) < 0 || decode_book(rq->json, &b, &e) < 0 ||
        store_price_book_put(rq->db, c.id, &b, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, book_json(&b, &c));
}

/* ---- quotes ------------------------------------------------------------------------------ */

static struct audit_entry entry(struct req *rq, enum audit_action action, long long id,
                                long long client_id)
{
    return req_audit_entry(rq, action, "quote", id, client_id);
}

/* The status as a reader sees it: draft or sent past valid_until is expired. */
static const char *status_now(const struct quote *q, const char *today)
{
    if ((!strcmp(q->status, "draft") || !strcmp(q->status, "sent")) &&
        strcmp(today, q->valid_until) > 0)
        return "expired";
    return q->status;
}

static json_t *quote_json(const struct quote *q, const char *today)
{
    json_t *lines = json_array(), *areas = json_array();
    char text[48];
    for (int i = 0; i < q->n_lines; i++) {
        const struct quote_line *l = &q->lines[i];
        const char *band = band_name(l->area, l->band);
        char what[96];
        snprintf(what, sizeof what, "%s%s%s%s", area_name(l->area), band ? " (" : "",
                 band ? band : "", band ? ")" : "");
        for (char *p = what; *p; p++)
            *p = *p == '_' ? ' ' : *p;
        what[0] = (char)(what[0] >= 'a' && what[0] <= 'z' ? what[0] - 32 : what[0]);
        json_array_append_new(areas, json_string(area_name(l->area)));
        json_array_append_new(
            lines, json_pack("{s:s,s:o,s:s,s:I,s:I,s:s}", "area", area_name(l->area), "band",
                             band ? json_string(band) : json_null(), "description", what,
                             "book_pence", (json_int_t)l->book_pence, "pence", (json_int_t)l->pence,
                             "text", money_format(l->pence, q->currency, text, sizeof text)));
    }
    json_t *j = json_pack(
        "{s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o,s:I,s:f,s:I,s:I,s:I,s:s,s:i,s:i,s:f,s:s,s:s,s:o,"
        "s:o,s:o,s:o}",
        "id", (json_int_t)q->id, "client_id", (json_int_t)q->client_id, "clinic_id",
        (json_int_t)q->clinic_id, "consultation_id",
        q->consultation_id ? json_integer(q->consultation_id) : json_null(), "scale",
        q->scale ? json_string(q->scale) : json_null(), "stage",
        q->stage ? json_string(q->stage) : json_null(), "size_cm2",
        q->size_cm2 ? json_real(atof(q->size_cm2)) : json_null(), "areas", areas, "lines", lines,
        "subtotal_pence", (json_int_t)q->subtotal, "discount_pct", q->discount_bp / 100.0,
        "discount_pence", (json_int_t)q->discount, "total_pence", (json_int_t)q->total,
        "deposit_pence", (json_int_t)q->deposit, "currency", q->currency, "uplift_pct",
        q->uplift_pct, "sessions_included", q->sessions_included, "estimated_hours",
        round(q->estimated_minutes / 6.0) / 10.0, "valid_until", q->valid_until, "status",
        status_now(q, today), "notes", q->notes ? json_string(q->notes) : json_null(), "course_id",
        q->course_id ? json_integer(q->course_id) : json_null(), "created_at",
        jout_time(q->created_at), "updated_at", jout_time(q->updated_at));
    json_object_set_new(j, "accepted_name",
                        q->accepted_name ? json_string(q->accepted_name) : json_null());
    json_object_set_new(j, "total_text",
                        json_string(money_format(q->total, q->currency, text, sizeof text)));
    json_object_set_new(j, "deposit_text",
                        json_string(money_format(q->deposit, q->currency, text, sizeof text)));
    struct finance f;
    char example[512];
    if (finance_plan(q->total - q->deposit, q->finance_months, q->finance_apr_bp, &f) == 0)
        json_object_set_new(
            j, "finance",
            json_pack("{s:i,s:f,s:I,s:I,s:I,s:I,s:I,s:s}", "months", f.months, "apr_pct",
                      f.apr_bp / 100.0, "principal_pence", (json_int_t)f.principal, "monthly_pence",
                      (json_int_t)f.monthly, "last_pence", (json_int_t)f.last, "total_pence",
                      (json_int_t)f.total, "cost_pence", (json_int_t)f.cost, "text",
                      finance_example(&f, q->currency, example, sizeof example)));
    return j;
}

/* Today in the clinic's zone, YYYY-MM-DD; *c gets the clinic (zeroed when it is gone). */
static char *today_at(struct req *rq, long long clinic_id, struct clinic *c)
{
    struct err e;
    char *out = arena_alloc(rq->a, 11);
    memset(c, 0, sizeof *c);
    struct civil_date d = store_clinic_get(rq->db, rq->a, clinic_id, c, &e) == 0
                              ? clinic_local_date(rq->now, c->timezone)
                              : civil_from_days(rq->now / 86400);
    civil_format_date(d, out);
    return out;
}

/* The quote as staff read it: quote_json with its clinic's name and address. */
static json_t *quote_out(struct req *rq, const struct quote *q)
{
    struct clinic c;
    const char *today = today_at(rq, q->clinic_id, &c);
    json_t *j = quote_json(q, today);
    json_object_set_new(
        j, "clinic",
        json_pack("{s:s?,s:s?,s:s?}", "name", c.name, "city", c.city, "address", c.address));
    return j;
}

/* Chair time of the client's latest design at the clinic's rate, or 0 when there is none. */
static int design_minutes(struct req *rq, long long client_id, long long clinic_id)
{
    struct design_row *items;
    int n, rate, minutes = 0;
    struct err e;
    if (store_design_list(rq->db, rq->a, client_id, &items, &n, &e) < 0 || n == 0 ||
        store_clinic_rate(rq->db, clinic_id, &rate, &e) < 0)
        return 0;
    for (const char *p = items[0].impressions; p && *p;) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p)
            break;
        minutes += sim_minutes((int)v, rate);
        p = *end == ',' ? end + 1 : end;
    }
    return minutes;
}

/* Reads the classification (scale, stage, size) from the body, or from the consultation. */
static int classification(struct req *rq, struct quote *q, double *size, struct err *e)
{
    json_t *sz = json_object_get(rq->json, "size_cm2");
    if (jin_str(rq->json, "scale", &q->scale, rq->a, e) < 0 ||
        jin_str(rq->json, "stage", &q->stage, rq->a, e) < 0)
        return -1;
    *size = -1;
    if (sz && !json_is_null(sz)) {
        *size = json_number_value(sz);
        if (!json_is_number(sz) || !(*size > 0 && *size <= 1000))
            return err_set(e, ERR_INVALID, "size_cm2", "size_cm2 must be a number 0–1000");
        q->size_cm2 = arena_printf(rq->a, "%g", *size);
    }
    if (!q->consultation_id)
        return 0;
    struct consultation c;
    if (store_consultation_get(rq->db, rq->a, q->consultation_id, &c, e) < 0 ||
        c.client_id != q->client_id)
        return err_set(e, ERR_INVALID, "consultation_id",
                       "consultation_id must name a consultation of this client");
    if (!q->scale && c.scale)
        q->scale = (char *)enum_name(&consult_scales, c.scale);
    if (!q->stage && c.stage)
        q->stage = c.stage;
    if (*size < 0 && c.scar_size_dcm2 > 0) {
        *size = c.scar_size_dcm2 / 10.0;
        q->size_cm2 = arena_printf(rq->a, "%g", *size);
    }
    return 0;
}

/* Prices the quote of the request body into q (everything but its id, status and times) from
 * the clinic's price book: the lines with the uplift, the discount, the deposit, the finance
 * terms, the estimated hours and valid_until. Writes nothing; -1 with e naming the first bad
 * field. Shared by create and preview, so the preview answers exactly what saving would. */
static int price_quote(struct req *rq, struct quote *q, struct err *e)
{
    static const char *const known[] = {"client_id", "clinic_id", "consultation_id", "areas",
                                        "scale",     "stage",     "size_cm2",        "discount_pct",
                                        "notes",     NULL};
    struct client client;
    struct clinic clinic;
    struct price_book book;
    double size;
    if (jin_only(rq->json, known, e) < 0 || jin_id(rq->json, "client_id", &q->client_id, e) < 0 ||
        jin_id(rq->json, "clinic_id", &q->clinic_id, e) < 0 ||
        jin_id(rq->json, "consultation_id", &q->consultation_id, e) < 0 ||
        jin_str(rq->json, "notes", &q->notes, rq->a, e) < 0)
        return -1;
    if (!q->client_id || store_client_get(rq->db, rq->a, q->client_id, &client, e) < 0)
        return err_set(e, ERR_INVALID, "client_id", "client_id must name a client");
    if (!q->clinic_id)
        q->clinic_id = client.clinic_id;
    if (store_clinic_get(rq->db, rq->a, q->clinic_id, &clinic, e) < 0)
        return err_set(e, ERR_INVALID, "clinic_id", "clinic_id must name a clinic");
    json_t *disc = json_object_get(rq->json, "discount_pct");
    if ((disc && !json_is_null(disc) && percent_bp(disc, "discount_pct", &q->discount_bp, e) < 0) ||
        classification(rq, q, &size, e) < 0 ||
        store_price_book_get(rq->db, clinic.id, &book, e) < 0)
        return -1;
    json_t *areas = json_object_get(rq->json, "areas");
    if (!json_is_array(areas) || json_array_size(areas) == 0 ||
        json_array_size(areas) > QUOTE_MAX_LINES)
        return err_set(e, ERR_INVALID, "areas", "areas must list one or more price-book areas");
    int minutes = 0;
    for (size_t i = 0; i < json_array_size(areas); i++) {
        json_t *v = json_array_get(areas, i);
        int a = json_is_string(v) ? area_parse(json_string_value(v)) : -1;
        for (int k = 0; a >= 0 && k < q->n_lines; k++)
            if (q->lines[k].area == a)
                return err_set(e, ERR_INVALID, "areas", "an area is listed twice");
        if (a < 0)
            return err_set(e, ERR_INVALID, "areas",
                           "areas are hairline, crown, full_scalp, scar, patch, density, "
                           "touch_up or correction");
        const char *field;
        int band = price_band(a, q->scale, q->stage, size, &field);
        if (band < 0)
            return err_set(e, ERR_INVALID, field, "%s: %s is needed to price %s", field,
                           !strcmp(field, "size_cm2") ? "the size in cm²"
                                                      : "a Norwood, Ludwig or Savin stage",
                           area_name(a));
        struct quote_line *l = &q->lines[q->n_lines++];
        l->area = a, l->band = band;
        l->book_pence = book.pence[a][band];
        l->pence = money_uplift(l->book_pence, clinic.price_uplift_pct);
        q->subtotal += l->pence;
        minutes += area_minutes(a, band);
    }
    q->discount = money_percent(q->subtotal, q->discount_bp);
    q->total = q->subtotal - q->discount;
    q->deposit = money_deposit(&book, q->total);
    q->finance_months = book.finance_months;
    q->finance_apr_bp = book.finance_apr_bp;
    q->currency = clinic.currency;
    q->uplift_pct = clinic.price_uplift_pct;
    q->sessions_included = book.sessions_included;
    /* a touch-up is a later single session (DOMAIN.md), not a course */
    bool touch_up_only = true;
    for (int k = 0; k < q->n_lines; k++)
        touch_up_only &= q->lines[k].area == AREA_TOUCH_UP;
    if (touch_up_only)
        q->sessions_included = 1;
    int designed = design_minutes(rq, q->client_id, clinic.id);
    q->estimated_minutes = designed > 0 ? designed : minutes;
    struct civil_date today = clinic_local_date(rq->now, clinic.timezone);
    q->valid_until = arena_alloc(rq->a, 11);
    civil_format_date(civil_from_days(civil_days(today) + book.valid_days), q->valid_until);
    q->status = "draft";
    return 0;
}

int h_quote_create(struct req *rq, struct resp *rs)
{
    struct quote q = {0};
    struct err e = {0};
    if (price_quote(rq, &q, &e) < 0 || store_quote_add(rq->db, &q, rq->user.id, rq->now, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry x = entry(rq, AUDIT_CREATE, q.id, q.client_id);
    if (store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, quote_out(rq, &q));
}

int h_quote_preview(struct req *rq, struct resp *rs)
{
    struct quote q = {0};
    struct err e = {0};
    if (price_quote(rq, &q, &e) < 0)
        return resp_error(rs, &e);
    json_t *j = quote_out(rq, &q);
    /* nothing was saved: no id, status, course or times to show */
    for (const char *const *k = (const char *const[]){"id", "status", "course_id", "accepted_name",
                                                      "created_at", "updated_at", NULL};
         *k; k++)
        json_object_del(j, *k);
    return resp_json(rs, 200, j);
}

int h_quote_list(struct req *rq, struct resp *rs)
{
    const char *c = req_query(rq, "client_id");
    char *end;
    long long client_id = c ? strtoll(c, &end, 10) : 0;
    struct client client;
    struct quote *items;
    int n;
    struct err e;
    if (!c || !*c || *end || client_id <= 0)
        return resp_fail(rs, ERR_INVALID, "client_id", "client_id is required");
    if (store_client_get(rq->db, rq->a, client_id, &client, &e) < 0 ||
        store_quote_list(rq->db, rq->a, client_id, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    for (int i = 0; i < n; i++)
        if (req_audit_queue(rq, AUDIT_LIST, "quote", items[i].id, client_id, &e) < 0)
            return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, quote_out(rq, &items[i]));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

/* Loads the quote of the path and audits the access as action. */
static int load(struct req *rq, struct quote *q, enum audit_action action, struct err *e)
{
    if (store_quote_get(rq->db, rq->a, req_id(rq, 0), q, e) < 0)
        return -1;
    struct audit_entry x = entry(rq, action, q->id, q->client_id);
    if (action == AUDIT_READ ? auditq_push(rq->app->auditq, &x) < 0
                             : store_audit_add(rq->db, &x, e) < 0)
        return err_set(e, ERR_UNAVAILABLE, NULL,
                       "quotes are unavailable while their access cannot be audited");
    return 0;
}

int h_quote_get(struct req *rq, struct resp *rs)
{
    struct quote q;
    struct err e;
    if (load(rq, &q, AUDIT_READ, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, quote_out(rq, &q));
}

static const char *const open_states[] = {"draft", "sent", NULL};

/* Moves q to status `to` from draft or sent, refusing an expired quote (409 status); accepting
 * creates the course of its sessions. Reads q back as it is now. */
static int transition(struct req *rq, struct quote *q, const char *to, struct err *e)
{
    struct clinic clinic;
    const char *today = today_at(rq, q->clinic_id, &clinic), *now = status_now(q, today);
    int ok = 0;
    for (int i = 0; open_states[i]; i++)
        ok |= !strcmp(open_states[i], now);
    if (!ok)
        return err_set(e, ERR_CONFLICT, "status", "%s",
                       !strcmp(now, "expired")
                           ? "the quote has expired: ask the clinic for a new one"
                           : arena_printf(rq->a, "a quote that is %s cannot be %s", now, to));
    long long course_id = 0;
    if (!strcmp(to, "accepted")) {
        struct course c = {.client_id = q->client_id, .clinic_id = q->clinic_id};
        if (course_preset(q->sessions_included, &c) < 0) {
            /* the quote's chair time shared over its sessions, in quarter hours, 1–5 h each */
            int each = q->estimated_minutes > 0 ? q->estimated_minutes / q->sessions_included : 180;
            each = (each + 14) / 15 * 15;
            each = each < 60 ? 60 : each > 300 ? 300 : each;
            c.protocol = "custom";
            c.sessions = q->sessions_included;
            for (int k = 0; k < c.sessions; k++)
                c.duration_min[k] = each;
        }
        if (store_course_add(rq->db, &c, rq->now, e) < 0)
            return -1;
        course_id = c.id;
    }
    if (store_quote_set_status(rq->db, q->id, q->status, to, course_id, rq->now, e) < 0)
        return -1;
    return store_quote_get(rq->db, rq->a, q->id, q, e);
}

/* Loads the quote of the path (audited as a change) and moves it to `to`. */
static int move(struct req *rq, struct resp *rs, const char *to)
{
    struct quote q;
    struct err e;
    if (load(rq, &q, AUDIT_UPDATE, &e) < 0 || transition(rq, &q, to, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, quote_out(rq, &q));
}

int h_quote_send(struct req *rq, struct resp *rs)
{
    struct quote q;
    struct err e;
    char token[AUTH_TOKEN_LEN], hash[AUTH_DIGEST_HEX];
    if (load(rq, &q, AUDIT_UPDATE, &e) < 0 || transition(rq, &q, "sent", &e) < 0)
        return resp_error(rs, &e);
    auth_new_token("q_", token);
    auth_digest(token, hash);
    const char *path = arena_printf(rq->a, "/#/q/%s", token);
    char total[48];
    if (store_quote_share(rq->db, q.id, hash, rq->now, &e) < 0 ||
        notify_quote(rq, q.client_id, q.clinic_id, q.id,
                     money_format(q.total, q.currency, total, sizeof total), path, hash, &e) < 0)
        return resp_error(rs, &e);
    json_t *j = quote_out(rq, &q);
    json_object_set_new(j, "share_url", json_string(path));
    return resp_json(rs, 200, j);
}

int h_quote_accept(struct req *rq, struct resp *rs)
{
    return move(rq, rs, "accepted");
}

int h_quote_decline(struct req *rq, struct resp *rs)
{
    return move(rq, rs, "declined");
}

int h_quote_pdf(struct req *rq, struct resp *rs)
{
    struct quote q;
    struct err e;
    if (load(rq, &q, AUDIT_READ, &e) < 0)
        return resp_error(rs, &e);
    struct clinic c;
    return quote_pdf_answer(rq, rs, &q, status_now(&q, today_at(rq, q.clinic_id, &c)));
}

/* ---- the client's link: no sign-in, the secret token is the key ------------------------- */

/* Loads the quote of the link in the path; 404 for any token that names none. */
static int shared(struct req *rq, struct quote *q, struct err *e)
{
    char hash[AUTH_DIGEST_HEX];
    const char *token = rq->params[0];
    if (!token || strlen(token) > 100)
        return err_set(e, ERR_NOT_FOUND, NULL, "this link does not name a quote");
    auth_digest(token, hash);
    if (store_quote_by_share(rq->db, rq->a, hash, q, e) < 0)
        return -1;
    struct audit_entry x = req_audit_entry(rq, AUDIT_READ, "quote", q->id, q->client_id);
    x.user_email = (char *)"the client, by the quote link";
    return auditq_push(rq->app->auditq, &x) < 0
               ? err_set(e, ERR_UNAVAILABLE, NULL, "quotes are unavailable just now")
               : 0;
}

/* What the client sees: the quote without staff-only parts, with their first name. */
static json_t *shared_json(struct req *rq, const struct quote *q)
{
    struct client client;
    struct err e;
    json_t *j = quote_out(rq, q);
    for (const char *const *k = (const char *const[]){"id", "client_id", "consultation_id",
                                                      "course_id", "notes", NULL};
         *k; k++)
        json_object_del(j, *k);
    if (store_client_get(rq->db, rq->a, q->client_id, &client, &e) == 0)
        json_object_set_new(j, "client_first_name", json_string(client.first_name));
    return j;
}

/* shared() behind the per-address limit of the public routes: a link is guessed no faster. */
static int shared_limited(struct req *rq, struct resp *rs, struct quote *q, struct err *e)
{
    if (public_limit(rq, rs, arena_printf(rq->a, "quote-link:%s", rq->addr ? rq->addr : "?"),
                     12 * rq->app->cfg->public_rate_hour, 3600, e) < 0)
        return -1;
    return shared(rq, q, e);
}

int h_shared_quote_get(struct req *rq, struct resp *rs)
{
    struct quote q;
    struct err e;
    if (shared_limited(rq, rs, &q, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, shared_json(rq, &q));
}

int h_shared_quote_pdf(struct req *rq, struct resp *rs)
{
    struct quote q;
    struct clinic c;
    struct err e;
    if (shared_limited(rq, rs, &q, &e) < 0)
        return resp_error(rs, &e);
    return quote_pdf_answer(rq, rs, &q, status_now(&q, today_at(rq, q.clinic_id, &c)));
}

/* The client accepts q with the typed {"name"} of the body; `who` labels the audit entry. */
static int client_accepts(struct req *rq, struct resp *rs, struct quote *q, const char *who)
{
    static const char *const known[] = {"name", NULL};
    char *name = NULL;
    struct err e = {0};
    if (jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "name", &name, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (!name || strlen(name) < 2 || strlen(name) > 120)
        return resp_fail(rs, ERR_INVALID, "name", "type your full name to accept the quote");
    if (transition(rq, q, "accepted", &e) < 0 ||
        store_quote_accepted_by(rq->db, q->id, name, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry x = req_audit_entry(rq, AUDIT_UPDATE, "quote", q->id, q->client_id);
    x.user_email = (char *)who;
    if (store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    q->accepted_name = name;
    return resp_json(rs, 200, shared_json(rq, q));
}

int h_shared_quote_accept(struct req *rq, struct resp *rs)
{
    struct quote q;
    struct err e = {0};
    if (shared_limited(rq, rs, &q, &e) < 0)
        return resp_error(rs, &e);
    return client_accepts(rq, rs, &q, "the client, by the quote link");
}

int quote_accept_for_client(struct req *rq, struct resp *rs, long long quote_id,
                            long long client_id)
{
    struct quote q;
    struct err e = {0};
    if (store_quote_get(rq->db, rq->a, quote_id, &q, &e) < 0 || q.client_id != client_id)
        return resp_fail(rs, ERR_NOT_FOUND, NULL, "no such quote");
    return client_accepts(rq, rs, &q, "the client, in the portal");
}
