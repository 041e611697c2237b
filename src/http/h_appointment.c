/*
 * h_appointment.c — appointments and free time: POST/GET /api/v1/appointments, GET/PATCH
 * /api/v1/appointments/{id}, POST …/{id}/cancel, and GET /api/v1/availability. A booking is
 * checked by the same rule that lists free time (sched_slot_ok), inside the request's write
 * transaction: on SQLite that transaction holds the only write lock; on PostgreSQL an exclusion
 * constraint refuses the loser of a race. Outside hours → 422 naming start; taken → 409.
 */
#include "domain/civil.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/notify.h"
#include "http/schedctx.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_sched.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *appt_json(const struct appointment *x, const char *tz)
{
    char start[21], end[21], start_local[17], end_local[17];
    civil_format_utc(x->start_at, start);
    civil_format_utc(x->end_at, end);
    clinic_local(x->start_at, tz, start_local);
    clinic_local(x->end_at, tz, end_local);
    json_t *j =
        json_pack("{s:I,s:I,s:I,s:I,s:o,s:s,s:o,s:s,s:s,s:s,s:s,s:I,s:s,s:o,s:o,s:o,s:b,s:i}", "id",
                  (json_int_t)x->id, "clinic_id", (json_int_t)x->clinic_id, "practitioner_id",
                  (json_int_t)x->practitioner_id, "client_id", (json_int_t)x->client_id, "chair_id",
                  x->chair_id ? json_integer(x->chair_id) : json_null(), "kind", x->kind, "mode",
                  x->mode ? json_string(x->mode) : json_null(), "start", start, "end", end,
                  "start_local", start_local, "end_local", end_local, "duration_min",
                  (json_int_t)((x->end_at - x->start_at) / 60), "status", x->status,
                  "cancel_reason", x->cancel_reason ? json_string(x->cancel_reason) : json_null(),
                  "course_id", x->course_id ? json_integer(x->course_id) : json_null(),
                  "session_no", x->session_no ? json_integer(x->session_no) : json_null(),
                  "backfill", x->backfill, "sequence", x->sequence);
    return j;
}

static struct audit_entry entry(struct req *rq, enum audit_action action,
                                const struct appointment *x)
{
    return (struct audit_entry){.at = rq->now,
                                .user_id = rq->user.id,
                                .user_email = rq->user.email,
                                .action = action,
                                .entity = "appointment",
                                .entity_id = x->id,
                                .client_id = x->client_id,
                                .request_id = (char *)rq->request_id};
}

static bool is_kind(const char *k)
{
    return k && (!strcmp(k, "consultation") || !strcmp(k, "session") || !strcmp(k, "touch_up"));
}

static bool is_mode(const char *m)
{
    return m && (!strcmp(m, "in_person") || !strcmp(m, "phone") || !strcmp(m, "video"));
}

/* A treatment (session, touch-up) needs a chair and leaves a clean-down buffer; an in-person
 * consultation needs a chair; phone and video consultations need only the practitioner. */
static bool treatment(const struct appointment *x)
{
    return strcmp(x->kind, "consultation") != 0;
}

static bool needs_chair(const struct appointment *x)
{
    return treatment(x) || !x->mode || strcmp(x->mode, "in_person") == 0;
}

int appt_place(struct req *rq, const struct clinic *c, struct appointment *x, long long exclude_id,
               struct err *e)
{
    int works;
    if (store_practitioner_works_at(rq->db, x->practitioner_id, c->id, &works, e) < 0)
        return -1;
    if (!works)
        return err_set(e, ERR_INVALID, "practitioner_id",
                       "the practitioner does not work at this clinic");
    if (!x->backfill && x->start_at < rq->now)
        return err_set(e, ERR_INVALID, "start", "start is in the past");
    int minutes = (int)((x->end_at - x->start_at) / 60);
    struct civil_date day = clinic_local_date(x->start_at, c->timezone);
    struct sched_load l;
    if (sched_load_for(rq, c, x->practitioner_id, day, day, minutes, treatment(x), needs_chair(x),
                       exclude_id, &l, e) < 0)
        return -1;
    if (x->backfill)
        l.in.not_before = LLONG_MIN;
    /* the same rule as the free-time list, first without bookings: is it a bookable time at all? */
    struct sched_input hours_only = l.in;
    hours_only.n_busy = 0;
    static const int no_busy[1];
    hours_only.chair_busy_n =
        l.in.n_chairs ? arena_alloc(rq->a, sizeof(int) * (size_t)l.in.n_chairs) : no_busy;
    int chair;
    if (!x->backfill && !sched_slot_ok(&hours_only, x->start_at, &chair)) {
        if (needs_chair(x) && l.in.n_chairs == 0)
            return err_set(e, ERR_INVALID, "start", "the clinic has no chair to book");
        return err_set(e, ERR_INVALID, "start",
                       "start is outside opening or working hours, on a closure, or off the "
                       "%d-minute grid",
                       l.in.grid_min);
    }
    if (!x->backfill && !sched_slot_ok(&l.in, x->start_at, &chair))
        return err_set(e, ERR_CONFLICT, "start",
                       "the practitioner or every chair is already booked then");
    if (x->backfill) {
        /* history may be outside today's hours, but never on top of another booking */
        bool clash = false;
        for (int i = 0; i < l.in.n_busy && !clash; i++)
            clash = l.in.busy[i].start < x->end_at + l.in.buffer_min * 60LL &&
                    l.in.busy[i].end > x->start_at;
        if (clash)
            return err_set(e, ERR_CONFLICT, "start", "the practitioner is already booked then");
        chair = -1;
        for (int k = 0; needs_chair(x) && k < l.in.n_chairs && chair < 0; k++) {
            bool taken = false;
            for (int i = 0; i < l.in.chair_busy_n[k] && !taken; i++)
                taken = l.in.chair_busy[k][i].start < x->end_at + l.in.buffer_min * 60LL &&
                        l.in.chair_busy[k][i].end > x->start_at;
            if (!taken)
                chair = k;
        }
        if (needs_chair(x) && chair < 0)
            return err_set(e, ERR_CONFLICT, "start", "every chair is already booked then");
    }
    x->chair_id = chair >= 0 ? l.chair_ids[chair] : 0;
    x->block_end_at = x->end_at + l.in.buffer_min * 60LL;
    return 0;
}

/* Reads and checks the body of a new appointment into x (clinic loaded into c). */
static int decode_new(struct req *rq, struct appointment *x, struct clinic *c, struct err *e)
{
    static const char *const known[] = {"clinic_id", "practitioner_id", "client_id",
                                        "kind",      "start",           "duration_min",
                                        "mode",      "backfill",        NULL};
    json_t *o = rq->json;
    char *start = NULL;
    long long duration = 0;
    int backfill = 0;
    if (jin_only(o, known, e) < 0 || jin_id(o, "clinic_id", &x->clinic_id, e) < 0 ||
        jin_id(o, "practitioner_id", &x->practitioner_id, e) < 0 ||
        jin_id(o, "client_id", &x->client_id, e) < 0 ||
        jin_str(o, "kind", &x->kind, rq->a, e) < 0 || jin_str(o, "start", &start, rq->a, e) < 0 ||
        jin_int(o, "duration_min", 5, 720, &duration, e) < 0 ||
        jin_str(o, "mode", &x->mode, rq->a, e) < 0 || jin_bool(o, "backfill", &backfill, e) < 0)
        return -1;
    if (!x->clinic_id)
        return err_set(e, ERR_INVALID, "clinic_id", "clinic_id is required");
    if (!x->practitioner_id)
        return err_set(e, ERR_INVALID, "practitioner_id", "practitioner_id is required");
    if (!x->client_id)
        return err_set(e, ERR_INVALID, "client_id", "client_id is required");
    if (!is_kind(x->kind))
        return err_set(e, ERR_INVALID, "kind", "kind must be consultation, session or touch_up");
    if (x->mode && (strcmp(x->kind, "consultation") != 0 || !is_mode(x->mode)))
        return err_set(e, ERR_INVALID, "mode",
                       "mode is in_person, phone or video, for consultations");
    if (!strcmp(x->kind, "consultation") && !x->mode)
        x->mode = "in_person";
    if (!duration || duration % 5)
        return err_set(e, ERR_INVALID, "duration_min",
                       "duration_min must be a multiple of 5 minutes, up to 720");
    if (backfill && !(rq->user.role & ROLE_ADMIN))
        return err_set(e, ERR_FORBIDDEN, "backfill", "only owners and managers enter history");
    x->backfill = backfill;
    if (store_clinic_get(rq->db, rq->a, x->clinic_id, c, e) < 0) {
        if (e->code == ERR_NOT_FOUND)
            return err_set(e, ERR_INVALID, "clinic_id", "no such clinic");
        return -1;
    }
    struct client client;
    if (store_client_get(rq->db, rq->a, x->client_id, &client, e) < 0) {
        if (e->code == ERR_NOT_FOUND)
            return err_set(e, ERR_INVALID, "client_id", "no such client");
        return -1;
    }
    if (!start || clinic_time_parse(start, c->timezone, &x->start_at) < 0)
        return err_set(e, ERR_INVALID, "start",
                       "start must be local clinic time YYYY-MM-DDTHH:MM or RFC 3339 with an "
                       "offset");
    x->end_at = x->start_at + duration * 60;
    return 0;
}

int h_appointment_create(struct req *rq, struct resp *rs)
{
    struct appointment x = {0};
    struct clinic c;
    struct err e;
    if (decode_new(rq, &x, &c, &e) < 0 || appt_place(rq, &c, &x, 0, &e) < 0 ||
        store_appt_add(rq->db, &x, rq->user.id, rq->now, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry a = entry(rq, AUDIT_CREATE, &x);
    if (store_audit_add(rq->db, &a, &e) < 0 || notify_booked(rq, &x, &c, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, appt_json(&x, c.timezone));
}

/* Loads appointment id and its clinic. */
static int load(struct req *rq, long long id, struct appointment *x, struct clinic *c,
                struct err *e)
{
    if (store_appt_get(rq->db, rq->a, id, x, e) < 0 ||
        store_clinic_get(rq->db, rq->a, x->clinic_id, c, e) < 0)
        return -1;
    return 0;
}

int h_appointment_get(struct req *rq, struct resp *rs)
{
    struct appointment x;
    struct clinic c;
    struct appt_history *h;
    int n;
    struct err e;
    if (load(rq, req_id(rq, 0), &x, &c, &e) < 0 ||
        store_appt_history(rq->db, rq->a, x.id, &h, &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *j = appt_json(&x, c.timezone), *hist = json_array();
    for (int i = 0; i < n; i++) {
        json_t *row =
            json_pack("{s:o,s:s,s:o,s:o}", "at", jout_time(h[i].at), "action", h[i].action,
                      "user_id", h[i].user_id ? json_integer(h[i].user_id) : json_null(), "reason",
                      h[i].reason ? json_string(h[i].reason) : json_null());
        json_object_set_new(row, "old_start", jout_time(h[i].old_start_at));
        json_object_set_new(row, "new_start", jout_time(h[i].new_start_at));
        json_array_append_new(hist, row);
    }
    json_object_set_new(j, "history", hist);
    return resp_json(rs, 200, j);
}

/* Reads an optional id filter from the query; -1 with e set when it is not an id. */
static int query_id(struct req *rq, const char *name, long long *out, struct err *e)
{
    const char *v = req_query(rq, name);
    *out = 0;
    if (!v)
        return 0;
    char *end;
    *out = strtoll(v, &end, 10);
    if (!*v || *end || *out <= 0)
        return err_set(e, ERR_INVALID, name, "%s must be an id", name);
    return 0;
}

/* Reads from/to: dates (local days of the clinic's zone, or UTC without a clinic) or instants. */
static int query_range(struct req *rq, const char *zone, long long *from, long long *to,
                       struct err *e)
{
    const char *f = req_query(rq, "from"), *t = req_query(rq, "to");
    struct civil_date d;
    struct zone_ctx z = {zone};
    if (!f) {
        *from = rq->now - 86400;
    } else if (civil_parse_date(f, &d))
        *from = zone_to_utc(&z, d, 0);
    else if (clinic_time_parse(f, zone, from) < 0)
        return err_set(e, ERR_INVALID, "from", "from must be a date or a time");
    if (!t) {
        *to = *from + 8 * 86400;
    } else if (civil_parse_date(t, &d))
        *to = zone_to_utc(&z, d, 1440);
    else if (clinic_time_parse(t, zone, to) < 0)
        return err_set(e, ERR_INVALID, "to", "to must be a date or a time");
    if (*to <= *from || *to - *from > 400LL * 86400)
        return err_set(e, ERR_INVALID, "to", "to must be after from, at most 400 days later");
    return 0;
}

int h_appointment_list(struct req *rq, struct resp *rs)
{
    struct appt_filter f = {0};
    struct clinic c = {.timezone = "UTC"};
    struct err e;
    if (query_id(rq, "clinic_id", &f.clinic_id, &e) < 0 ||
        query_id(rq, "practitioner_id", &f.practitioner_id, &e) < 0 ||
        query_id(rq, "client_id", &f.client_id, &e) < 0 ||
        query_id(rq, "course_id", &f.course_id, &e) < 0)
        return resp_error(rs, &e);
    if (f.clinic_id && store_clinic_get(rq->db, rq->a, f.clinic_id, &c, &e) < 0)
        return resp_error(rs, &e);
    const char *cancelled = req_query(rq, "include_cancelled");
    f.include_cancelled = cancelled && !strcmp(cancelled, "true");
    struct appointment *items;
    int n;
    if (query_range(rq, c.timezone, &f.from, &f.to, &e) < 0 ||
        store_appt_list(rq->db, rq->a, &f, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    long long last_clinic = f.clinic_id;
    struct clinic cur = c;
    for (int i = 0; i < n; i++) {
        if (items[i].clinic_id != last_clinic &&
            store_clinic_get(rq->db, rq->a, items[i].clinic_id, &cur, &e) == 0)
            last_clinic = items[i].clinic_id;
        json_array_append_new(arr, appt_json(&items[i], cur.timezone));
    }
    return resp_json(rs, 200, jout_list(arr, NULL));
}

/* Warnings for a course session moved outside the gap window to its neighbours. */
static json_t *gap_warnings(struct req *rq, const struct appointment *x, const char *tz)
{
    json_t *w = json_array();
    if (!x->course_id)
        return w;
    struct course course;
    struct appointment *items;
    int n;
    struct err e;
    struct appt_filter f = {.course_id = x->course_id, .from = 0, .to = LLONG_MAX / 2};
    if (store_course_get(rq->db, rq->a, x->course_id, &course, &e) < 0 ||
        store_appt_list(rq->db, rq->a, &f, &items, &n, &e) < 0)
        return w;
    for (int i = 0; i < n; i++) {
        const struct appointment *a = &items[i];
        int k = a->session_no < x->session_no ? a->session_no : x->session_no;
        if (abs(a->session_no - x->session_no) != 1 || k < 1 || k > 3)
            continue;
        const struct appointment *first = a->session_no < x->session_no ? a : x;
        const struct appointment *second = first == a ? x : a;
        struct civil_date d1 = clinic_local_date(first->start_at, tz),
                          d2 = clinic_local_date(second->start_at, tz);
        if (!sched_gap_ok(d1, d2, course.gap_min[k - 1], course.gap_max[k - 1])) {
            long long days = civil_days(d2) - civil_days(d1);
            json_array_append_new(
                w, json_pack("{s:s,s:s}", "code", "gap_window", "message",
                             arena_printf(rq->a,
                                          "Sessions %d and %d are now %lld days apart; the "
                                          "course asks for %d to %d days.",
                                          k, k + 1, days, course.gap_min[k - 1],
                                          course.gap_max[k - 1])));
        }
    }
    return w;
}

int h_appointment_update(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"start", "duration_min", "practitioner_id", NULL};
    struct appointment x;
    struct clinic c;
    struct err e;
    char *start = NULL;
    if (load(rq, req_id(rq, 0), &x, &c, &e) < 0)
        return resp_error(rs, &e);
    if (strcmp(x.status, "booked") != 0)
        return resp_fail(rs, ERR_CONFLICT, NULL, "a cancelled appointment cannot be moved");
    long long old_start = x.start_at, old_end = x.end_at, duration = (x.end_at - x.start_at) / 60;
    if (jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "start", &start, rq->a, &e) < 0 ||
        jin_int(rq->json, "duration_min", 5, 720, &duration, &e) < 0 ||
        jin_id(rq->json, "practitioner_id", &x.practitioner_id, &e) < 0)
        return resp_error(rs, &e);
    if (duration % 5)
        return resp_fail(rs, ERR_INVALID, "duration_min", "duration_min must be a multiple of 5");
    if (!x.practitioner_id)
        return resp_fail(rs, ERR_INVALID, "practitioner_id", "practitioner_id cannot be cleared");
    if (start && clinic_time_parse(start, c.timezone, &x.start_at) < 0)
        return resp_fail(rs, ERR_INVALID, "start",
                         "start must be local clinic time YYYY-MM-DDTHH:MM or RFC 3339");
    x.end_at = x.start_at + duration * 60;
    x.backfill = 0;
    if (appt_place(rq, &c, &x, x.id, &e) < 0 ||
        store_appt_move(rq->db, &x, old_start, old_end, rq->user.id, rq->now, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry a = entry(rq, AUDIT_UPDATE, &x);
    if (store_audit_add(rq->db, &a, &e) < 0 || notify_booked(rq, &x, &c, &e) < 0)
        return resp_error(rs, &e);
    json_t *j = appt_json(&x, c.timezone);
    json_object_set_new(j, "warnings", gap_warnings(rq, &x, c.timezone));
    return resp_json(rs, 200, j);
}

int h_appointment_cancel(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"reason", NULL};
    struct appointment x;
    struct clinic c;
    struct err e;
    char *reason = NULL;
    if (load(rq, req_id(rq, 0), &x, &c, &e) < 0 || jin_only(rq->json, known, &e) < 0 ||
        jin_str(rq->json, "reason", &reason, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (!reason)
        return resp_fail(rs, ERR_INVALID, "reason", "say why the appointment is cancelled");
    if (store_appt_cancel(rq->db, &x, reason, rq->user.id, rq->now, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry a = entry(rq, AUDIT_UPDATE, &x);
    if (store_audit_add(rq->db, &a, &e) < 0 || notify_cancelled(rq, &x, &c, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, appt_json(&x, c.timezone));
}

int h_availability(struct req *rq, struct resp *rs)
{
    long long clinic_id, practitioner_id;
    struct clinic c;
    struct err e;
    if (query_id(rq, "clinic_id", &clinic_id, &e) < 0 ||
        query_id(rq, "practitioner_id", &practitioner_id, &e) < 0)
        return resp_error(rs, &e);
    if (!clinic_id)
        return resp_fail(rs, ERR_INVALID, "clinic_id", "clinic_id is required");
    if (!practitioner_id)
        return resp_fail(rs, ERR_INVALID, "practitioner_id", "practitioner_id is required");
    if (store_clinic_get(rq->db, rq->a, clinic_id, &c, &e) < 0)
        return resp_error(rs, &e);
    const char *dur = req_query(rq, "duration_min"), *kind = req_query(rq, "kind"),
               *mode = req_query(rq, "mode");
    char *end;
    long duration = dur ? strtol(dur, &end, 10) : 240;
    if (dur && (!*dur || *end || duration < 5 || duration > 720 || duration % 5))
        return resp_fail(rs, ERR_INVALID, "duration_min",
                         "duration_min must be a multiple of 5 minutes, up to 720");
    struct appointment probe = {.kind = kind ? (char *)kind : "session", .mode = (char *)mode};
    if (!is_kind(probe.kind))
        return resp_fail(rs, ERR_INVALID, "kind", "kind must be consultation, session or touch_up");
    if (mode && !is_mode(mode))
        return resp_fail(rs, ERR_INVALID, "mode", "mode must be in_person, phone or video");
    const char *f = req_query(rq, "from"), *t = req_query(rq, "to");
    struct civil_date from, to;
    if (!f || !civil_parse_date(f, &from))
        return resp_fail(rs, ERR_INVALID, "from", "from must be a date YYYY-MM-DD");
    if (!t)
        to = from;
    else if (!civil_parse_date(t, &to))
        return resp_fail(rs, ERR_INVALID, "to", "to must be a date YYYY-MM-DD");
    long long span = civil_days(to) - civil_days(from);
    if (span < 0 || span > 92)
        return resp_fail(rs, ERR_INVALID, "to", "to must be from 0 to 92 days after from");
    int works;
    if (store_practitioner_works_at(rq->db, practitioner_id, clinic_id, &works, &e) < 0)
        return resp_error(rs, &e);
    if (!works)
        return resp_fail(rs, ERR_INVALID, "practitioner_id",
                         "the practitioner does not work at this clinic");
    struct sched_load l;
    if (sched_load_for(rq, &c, practitioner_id, from, to, (int)duration, treatment(&probe),
                       needs_chair(&probe), 0, &l, &e) < 0)
        return resp_error(rs, &e);
    enum { MAX_SLOTS = 2000 };
    struct sched_slot *slots = arena_alloc(rq->a, sizeof *slots * MAX_SLOTS);
    int n = sched_free_slots(&l.in, slots, MAX_SLOTS);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        char s[21], local[17];
        civil_format_utc(slots[i].start, s);
        clinic_local(slots[i].start, c.timezone, local);
        json_array_append_new(
            arr, json_pack("{s:s,s:s,s:o}", "start", s, "start_local", local, "chair_id",
                           slots[i].chair >= 0 ? json_integer(l.chair_ids[slots[i].chair])
                                               : json_null()));
    }
    return resp_json(rs, 200,
                     json_pack("{s:o,s:o,s:i,s:i}", "items", arr, "next_cursor", json_null(),
                               "duration_min", (int)duration, "buffer_min", l.in.buffer_min));
}
