/*
 * h_calendar.c — calendars for phones: a practitioner's appointments as iCalendar
 * (GET /api/v1/practitioners/{id}/calendar.ics, signed in), a secret feed URL a phone can
 * subscribe to without signing in (POST …/{id}/feed makes one; GET /feeds/{token}.ics serves
 * it, with clients named by initials only), and one appointment's confirmation
 * (GET /api/v1/appointments/{id}/calendar.ics).
 */
#include "auth/auth.h"
#include "docs/ics.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_practitioner.h"
#include "store/store_sched.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The event for appointment x; full client names only for signed-in staff. */
static void event_of(struct req *rq, const struct appointment *x, int full_names,
                     struct ics_event *ev)
{
    struct client client = {0};
    struct clinic clinic = {0};
    struct err e;
    const char *who = "client";
    if (store_client_get(rq->db, rq->a, x->client_id, &client, &e) == 0)
        who = full_names ? arena_printf(rq->a, "%s %s", client.first_name, client.last_name)
                         : arena_printf(rq->a, "%.1s. %.1s.", client.first_name, client.last_name);
    store_clinic_get(rq->db, rq->a, x->clinic_id, &clinic, &e);
    const char *what =
        !strcmp(x->kind, "consultation")
            ? arena_printf(rq->a, "Consultation (%s)", x->mode ? x->mode : "in_person")
        : !strcmp(x->kind, "touch_up") ? "SMP touch-up"
        : x->session_no                ? arena_printf(rq->a, "SMP session %d", x->session_no)
                                       : "SMP session";
    *ev = (struct ics_event){
        .uid = arena_printf(rq->a, "appointment-%lld@stipple", x->id),
        .start = x->start_at,
        .end = x->end_at,
        .dtstamp = x->updated_at,
        .sequence = x->sequence,
        .summary = arena_printf(rq->a, "%s — %s", what, who),
        .description =
            x->cancel_reason ? arena_printf(rq->a, "Cancelled: %s", x->cancel_reason) : NULL,
        .location = clinic.name
                        ? arena_printf(rq->a, "%s%s%s", clinic.name, clinic.address ? ", " : "",
                                       clinic.address ? clinic.address : "")
                        : NULL,
        .cancelled = !strcmp(x->status, "cancelled"),
    };
}

char *appointment_ics(struct req *rq, const struct appointment *x, const char *tz)
{
    struct ics_event ev;
    event_of(rq, x, 1, &ev);
    return ics_calendar("stipple appointment",
                        strcmp(x->status, "cancelled") ? "REQUEST" : "CANCEL", tz, &ev, 1);
}

static int send_calendar(struct req *rq, struct resp *rs, const char *name, const char *method,
                         const char *tz, const struct appointment *items, int n, int full_names)
{
    struct ics_event *ev = arena_alloc(rq->a, sizeof *ev * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        event_of(rq, &items[i], full_names, &ev[i]);
    char *text = ics_calendar(name, method, tz, ev, n);
    if (!text)
        return resp_fail(rs, ERR_INTERNAL, NULL, "the calendar could not be made");
    rs->status = 200;
    rs->content_type = "text/calendar; charset=utf-8";
    buf_puts(&rs->body, text);
    free(text);
    return 0;
}

/* The practitioner's appointments from 30 days ago to a year ahead, cancelled ones included
 * (so subscribed calendars remove them). */
static int practitioner_calendar(struct req *rq, struct resp *rs, long long id, int full_names)
{
    struct practitioner p;
    struct err e;
    if (store_practitioner_get(rq->db, rq->a, id, &p, &e) < 0)
        return resp_error(rs, &e);
    struct appt_filter f = {.practitioner_id = p.id,
                            .from = rq->now - 30 * 86400LL,
                            .to = rq->now + 366 * 86400LL,
                            .include_cancelled = 1};
    struct appointment *items;
    int n;
    if (store_appt_list(rq->db, rq->a, &f, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    struct clinic c;
    const char *tz = p.n_clinic_ids && store_clinic_get(rq->db, rq->a, p.clinic_ids[0], &c, &e) == 0
                         ? c.timezone
                         : NULL;
    return send_calendar(rq, rs, arena_printf(rq->a, "stipple — %s", p.name), "PUBLISH", tz, items,
                         n, full_names);
}

int h_practitioner_calendar(struct req *rq, struct resp *rs)
{
    return practitioner_calendar(rq, rs, req_id(rq, 0), 1);
}

int h_practitioner_feed(struct req *rq, struct resp *rs)
{
    struct practitioner p;
    struct err e;
    if (store_practitioner_get(rq->db, rq->a, req_id(rq, 0), &p, &e) < 0)
        return resp_error(rs, &e);
    char token[AUTH_TOKEN_LEN], digest[AUTH_DIGEST_HEX];
    auth_new_token("", token);
    auth_digest(token, digest);
    if (store_feed_token_add(rq->db, digest, p.id, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201,
                     json_pack("{s:s,s:I}", "path", arena_printf(rq->a, "/feeds/%s.ics", token),
                               "practitioner_id", (json_int_t)p.id));
}

int h_feed(struct req *rq, struct resp *rs)
{
    const char *name = rq->params[0];
    size_t n = strlen(name);
    if (n < 5 || n > 100 || strcmp(name + n - 4, ".ics") != 0)
        return resp_fail(rs, ERR_NOT_FOUND, NULL, "no such calendar feed");
    char *token = arena_strndup(rq->a, name, n - 4), digest[AUTH_DIGEST_HEX];
    auth_digest(token, digest);
    long long practitioner_id;
    struct err e;
    if (store_feed_token_practitioner(rq->db, digest, &practitioner_id, &e) < 0)
        return resp_error(rs, &e);
    return practitioner_calendar(rq, rs, practitioner_id, 0);
}

int h_appointment_calendar(struct req *rq, struct resp *rs)
{
    struct appointment x;
    struct clinic c;
    struct err e;
    if (store_appt_get(rq->db, rq->a, req_id(rq, 0), &x, &e) < 0 ||
        store_clinic_get(rq->db, rq->a, x.clinic_id, &c, &e) < 0)
        return resp_error(rs, &e);
    return send_calendar(rq, rs, "stipple appointment",
                         strcmp(x.status, "cancelled") ? "REQUEST" : "CANCEL", c.timezone, &x, 1,
                         1);
}
