/*
 * h_booking.c — a free consultation booked by the client on the clinic's public page: the free
 * times (any practitioner of the clinic; 30 minutes; in person needs a chair, phone and video do
 * not), booking one (the client found by email at that clinic or made new; the confirmation
 * email carries a secret link), and that link: see the booking, cancel it, or move it. Rate
 * limited like every public route; each rate event commits on its own, the booking in one write
 * transaction.
 */
#include "auth/auth.h"
#include "domain/validate.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/notify.h"
#include "http/schedctx.h"
#include "sched/sched.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_public.h"
#include "store/store_sched.h"

#include <stdlib.h>
#include <string.h>

enum { CONSULT_MIN = 30, MAX_SLOTS = 3000 };

static bool valid_mode(const char *m)
{
    return m && (!strcmp(m, "in_person") || !strcmp(m, "phone") || !strcmp(m, "video"));
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int h_public_slots(struct req *rq, struct resp *rs)
{
    struct clinic c;
    long long *ids;
    int n_ids;
    struct err e;
    const char *mode = req_query(rq, "mode"), *f = req_query(rq, "from"), *t = req_query(rq, "to");
    struct civil_date from, to;
    /* a month of free times over every practitioner is the dearest public answer: limited too */
    if (public_limit(rq, rs, arena_printf(rq->a, "slots-addr:%s", rq->addr ? rq->addr : "?"),
                     30 * rq->app->cfg->public_rate_hour, 3600, &e) < 0 ||
        store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0)
        return resp_error(rs, &e);
    if (!valid_mode(mode))
        return resp_fail(rs, ERR_INVALID, "mode", "mode is in_person, phone or video");
    if (!f || !civil_parse_date(f, &from))
        return resp_fail(rs, ERR_INVALID, "from", "from must be a date YYYY-MM-DD");
    if (!t)
        to = from;
    else if (!civil_parse_date(t, &to) || civil_days(to) < civil_days(from) ||
             civil_days(to) - civil_days(from) > 31)
        return resp_fail(rs, ERR_INVALID, "to", "to must be 0 to 31 days after from");
    if (store_clinic_practitioners(rq->db, rq->a, c.id, &ids, &n_ids, &e) < 0)
        return resp_error(rs, &e);
    long long *starts = arena_alloc(rq->a, sizeof *starts * MAX_SLOTS);
    int n = 0;
    struct sched_slot *slots = arena_alloc(rq->a, sizeof *slots * MAX_SLOTS);
    for (int p = 0; p < n_ids && n < MAX_SLOTS; p++) {
        struct sched_load l;
        if (sched_load_for(rq, &c, ids[p], from, to, CONSULT_MIN, false, !strcmp(mode, "in_person"),
                           0, &l, &e) < 0)
            return resp_error(rs, &e);
        l.in.not_before = rq->now + 2 * 3600; /* not sooner than two hours from now */
        int k = sched_free_slots(&l.in, slots, MAX_SLOTS);
        for (int i = 0; i < k && n < MAX_SLOTS; i++)
            starts[n++] = slots[i].start;
    }
    qsort(starts, (size_t)n, sizeof *starts, cmp_ll);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        if (i && starts[i] == starts[i - 1])
            continue;
        char s[21], local[17];
        civil_format_utc(starts[i], s);
        clinic_local(starts[i], c.timezone, local);
        json_array_append_new(arr, json_pack("{s:s,s:s}", "start", s, "start_local", local));
    }
    return resp_json(
        rs, 200,
        json_pack("{s:s,s:i,s:o}", "mode", mode, "duration_min", CONSULT_MIN, "items", arr));
}

/* Books x (client, clinic, kind, mode, start set) with the first practitioner free then. */
static int place_any(struct req *rq, const struct clinic *c, struct appointment *x,
                     long long exclude_id, struct err *e)
{
    long long *ids;
    int n;
    if (store_clinic_practitioners(rq->db, rq->a, c->id, &ids, &n, e) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        x->practitioner_id = ids[i];
        if (appt_place(rq, c, x, exclude_id, e) == 0)
            return 0;
        if (e->code != ERR_CONFLICT && strcmp(e->field, "start") &&
            strcmp(e->field, "practitioner_id"))
            return -1;
    }
    return err_set(e, ERR_CONFLICT, "start",
                   "that time has just been taken: please choose another");
}

static json_t *booking_json(struct req *rq, const struct appointment *x, const struct clinic *c)
{
    char s[21], local[17];
    civil_format_utc(x->start_at, s);
    clinic_local(x->start_at, c->timezone, local);
    (void)rq;
    return json_pack("{s:s,s:s?,s:s,s:s,s:i,s:s,s:{s:I,s:s,s:s?,s:s}}", "kind", x->kind, "mode",
                     x->mode, "start", s, "start_local", local, "duration_min",
                     (int)((x->end_at - x->start_at) / 60), "status", x->status, "clinic", "id",
                     (json_int_t)c->id, "name", c->name, "address", c->address, "timezone",
                     c->timezone);
}

/* Opens the write transaction of the route (it manages its own: rate events commit apart). */
static int in_tx(struct req *rq, struct err *e)
{
    return db_begin(rq->db, true, e);
}

static int finish(struct req *rq, struct resp *rs, int rc, struct err *e, int status, json_t *j)
{
    if (rc < 0 || db_commit(rq->db, e) < 0) {
        db_rollback(rq->db);
        json_decref(j);
        return resp_error(rs, e);
    }
    return resp_json(rs, status, j);
}

int h_public_booking_create(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"name",  "email",          "phone",   "mode",
                                        "start", "health_consent", "website", NULL};
    struct clinic c;
    char *name = NULL, *email = NULL, *phone = NULL, *mode = NULL, *start = NULL, *honeypot = NULL;
    int consent = 0;
    struct err e = {0};
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        public_limit(rq, rs, arena_printf(rq->a, "booking-addr:%s", rq->addr ? rq->addr : "?"),
                     rq->app->cfg->public_rate_hour, 3600, &e) < 0 ||
        public_limit(rq, rs, arena_printf(rq->a, "booking-clinic:%lld", c.id),
                     20 * rq->app->cfg->public_rate_hour, 3600, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "name", &name, rq->a, &e) < 0 ||
        jin_str(rq->json, "email", &email, rq->a, &e) < 0 ||
        jin_str(rq->json, "phone", &phone, rq->a, &e) < 0 ||
        jin_str(rq->json, "mode", &mode, rq->a, &e) < 0 ||
        jin_str(rq->json, "start", &start, rq->a, &e) < 0 ||
        jin_str(rq->json, "website", &honeypot, rq->a, &e) < 0 ||
        (json_object_get(rq->json, "health_consent") &&
         jin_bool(rq->json, "health_consent", &consent, &e) < 0))
        return resp_error(rs, &e);
    if (!name || strlen(name) > 120 || !strchr(name, ' '))
        return resp_fail(rs, ERR_INVALID, "name", "please give your first and last name");
    if (!email || strlen(email) > 200 || !valid_email(email))
        return resp_fail(rs, ERR_INVALID, "email", "we send the confirmation to your email");
    if (phone && (strlen(phone) > 40 || strspn(phone, "+0123456789 ()-") != strlen(phone)))
        return resp_fail(rs, ERR_INVALID, "phone", "that phone number does not look right");
    if (!valid_mode(mode))
        return resp_fail(rs, ERR_INVALID, "mode", "choose in person, phone or video");
    if (strcmp(mode, "in_person") && !phone && !strcmp(mode, "phone"))
        return resp_fail(rs, ERR_INVALID, "phone", "a phone consultation needs your number");
    if (!consent)
        return resp_fail(rs, ERR_INVALID, "health_consent",
                         "we need your consent to keep your health details");
    struct appointment x = {.clinic_id = c.id, .kind = "consultation", .mode = mode};
    if (!start || clinic_time_parse(start, c.timezone, &x.start_at) < 0)
        return resp_fail(rs, ERR_INVALID, "start", "choose one of the free times");
    if (x.start_at < rq->now + 2 * 3600)
        return resp_fail(rs, ERR_INVALID, "start", "choose a time at least two hours from now");
    x.end_at = x.start_at + CONSULT_MIN * 60;
    char token[AUTH_TOKEN_LEN], hash[AUTH_DIGEST_HEX];
    auth_new_token("b_", token);
    auth_digest(token, hash);
    if (honeypot) /* a bot: answered like anyone, kept nowhere */
        return resp_json(rs, 201, json_pack("{s:s}", "manage_url", "/#/booking/"));
    if (in_tx(rq, &e) < 0)
        return resp_error(rs, &e);
    long long client_id = 0;
    int rc = 0;
    struct err lookup;
    if (store_client_by_email(rq->db, rq->a, c.id, email, &client_id, &lookup) < 0) {
        char *first = arena_strdup(rq->a, name), *space = strrchr(first, ' ');
        *space = 0;
        struct client cl = {.first_name = first,
                            .last_name = space + 1,
                            .email = email,
                            .phone = phone,
                            .clinic_id = c.id,
                            .notes = "Booked a free consultation on the website."};
        rc = store_client_add(rq->db, rq->a, &cl, rq->now, &e);
        client_id = cl.id;
    }
    x.client_id = client_id;
    const char *url = arena_printf(rq->a, "%s/#/booking/%s", rq->app->cfg->public_url, token);
    if (rc == 0)
        rc = place_any(rq, &c, &x, 0, &e);
    if (rc == 0)
        rc = store_appt_add(rq->db, &x, 0, rq->now, &e);
    if (rc == 0)
        rc = store_appt_set_manage(rq->db, x.id, hash, &e);
    if (rc == 0) {
        struct audit_entry a = req_audit_entry(rq, AUDIT_CREATE, "appointment", x.id, client_id);
        a.user_email = (char *)"the client, on the public booking page";
        rc = store_audit_add(rq->db, &a, &e);
    }
    if (rc == 0)
        rc = notify_booked_link(rq, &x, &c, url, &e);
    json_t *j = rc == 0 ? booking_json(rq, &x, &c) : NULL;
    if (j)
        json_object_set_new(j, "manage_url",
                            json_string(arena_printf(rq->a, "/#/booking/%s", token)));
    return finish(rq, rs, rc, &e, 201, j);
}

/* Loads the booking of the link in the path. */
static int booking(struct req *rq, struct appointment *x, struct clinic *c, struct err *e)
{
    char hash[AUTH_DIGEST_HEX];
    long long id;
    const char *token = rq->params[0];
    if (!token || strlen(token) > 100)
        return err_set(e, ERR_NOT_FOUND, NULL, "this link names no booking");
    auth_digest(token, hash);
    if (store_appt_by_manage(rq->db, hash, &id, e) < 0 ||
        store_appt_get(rq->db, rq->a, id, x, e) < 0 ||
        store_clinic_get(rq->db, rq->a, x->clinic_id, c, e) < 0)
        return -1;
    return 0;
}

int h_public_booking_get(struct req *rq, struct resp *rs)
{
    struct appointment x;
    struct clinic c;
    struct err e = {0};
    if (public_limit(rq, rs, arena_printf(rq->a, "manage-addr:%s", rq->addr ? rq->addr : "?"),
                     12 * rq->app->cfg->public_rate_hour, 3600, &e) < 0 ||
        booking(rq, &x, &c, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, booking_json(rq, &x, &c));
}

int h_public_booking_cancel(struct req *rq, struct resp *rs)
{
    struct appointment x;
    struct clinic c;
    struct err e = {0};
    if (public_limit(rq, rs, arena_printf(rq->a, "manage-addr:%s", rq->addr ? rq->addr : "?"),
                     12 * rq->app->cfg->public_rate_hour, 3600, &e) < 0 ||
        in_tx(rq, &e) < 0)
        return resp_error(rs, &e);
    int rc = booking(rq, &x, &c, &e);
    if (rc == 0 && strcmp(x.status, "booked"))
        rc = err_set(&e, ERR_CONFLICT, "status", "this booking is already cancelled");
    if (rc == 0 && x.start_at <= rq->now)
        rc = err_set(&e, ERR_CONFLICT, "status", "this appointment has already started");
    if (rc == 0)
        rc = store_appt_cancel(rq->db, &x, "cancelled by the client online", 0, rq->now, &e);
    if (rc == 0)
        rc = notify_cancelled(rq, &x, &c, &e);
    return finish(rq, rs, rc, &e, 200, rc == 0 ? booking_json(rq, &x, &c) : NULL);
}

int h_public_booking_move(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"start", NULL};
    struct appointment x;
    struct clinic c;
    char *start = NULL;
    struct err e = {0};
    if (public_limit(rq, rs, arena_printf(rq->a, "manage-addr:%s", rq->addr ? rq->addr : "?"),
                     12 * rq->app->cfg->public_rate_hour, 3600, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "start", &start, rq->a, &e) < 0 ||
        in_tx(rq, &e) < 0)
        return resp_error(rs, &e);
    int rc = booking(rq, &x, &c, &e);
    long long old_start = x.start_at, old_end = x.end_at, dur = x.end_at - x.start_at;
    if (rc == 0 && strcmp(x.status, "booked"))
        rc = err_set(&e, ERR_CONFLICT, "status", "this booking is cancelled");
    if (rc == 0 && (!start || clinic_time_parse(start, c.timezone, &x.start_at) < 0 ||
                    x.start_at < rq->now + 2 * 3600))
        rc = err_set(&e, ERR_INVALID, "start", "choose one of the free times, two hours ahead");
    x.end_at = x.start_at + dur;
    if (rc == 0)
        rc = place_any(rq, &c, &x, x.id, &e);
    if (rc == 0)
        rc = store_appt_move(rq->db, &x, old_start, old_end, 0, rq->now, &e);
    /* the new confirmation carries the client's link again: the one this request came with */
    if (rc == 0)
        rc = notify_booked_link(
            rq, &x, &c,
            arena_printf(rq->a, "%s/#/booking/%s", rq->app->cfg->public_url, rq->params[0]), &e);
    return finish(rq, rs, rc, &e, 200, rc == 0 ? booking_json(rq, &x, &c) : NULL);
}
