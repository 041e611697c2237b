/*
 * h_course.c — treatment courses: the protocol presets of the seeds (GET /api/v1/protocols), a
 * client's course (POST/GET /api/v1/courses), ranked booking options (POST …/{id}/plan) and
 * booking every session at once (POST …/{id}/book: all or none, in one transaction).
 */
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
#include <string.h>

/* DOMAIN.md "The client journey" 3: the seeds' protocols. */
static const struct preset {
    const char *name, *description;
    struct sched_protocol p;
} presets[] = {
    {"three_14_21",
     "3 sessions, 14–21 days apart (seed 000)",
     {3, {14, 14}, {21, 21}, {240, 240, 180}}},
    {"three_10_then_28",
     "3 visits: 10 days, then 4 weeks (seed 001)",
     {3, {10, 28}, {12, 31}, {240, 240, 180}}},
    {"three_two_weeks",
     "3 sessions two weeks apart (seed 004)",
     {3, {14, 14}, {15, 15}, {180, 180, 180}}},
    {"two_14_21",
     "2 sessions, 14–21 days apart (seed 003: 2–4 sessions)",
     {2, {14}, {21}, {240, 180}}},
    {"four_14_21",
     "4 sessions, 14–21 days apart (seed 003: 2–4 sessions)",
     {4, {14, 14, 14}, {21, 21, 21}, {240, 240, 180, 180}}},
};
enum { N_PRESETS = sizeof presets / sizeof presets[0] };

static json_t *protocol_json(const char *name, const struct sched_protocol *p)
{
    json_t *gaps = json_array(), *durations = json_array();
    for (int i = 0; i < p->sessions; i++) {
        json_array_append_new(durations, json_integer(p->duration_min[i]));
        if (i + 1 < p->sessions)
            json_array_append_new(gaps, json_pack("[i,i]", p->gap_min_days[i], p->gap_max_days[i]));
    }
    return json_pack("{s:s,s:i,s:o,s:o}", "name", name, "sessions", p->sessions, "gaps_days", gaps,
                     "duration_min", durations);
}

int h_protocol_list(struct req *rq, struct resp *rs)
{
    (void)rq;
    json_t *arr = json_array();
    for (int i = 0; i < N_PRESETS; i++) {
        json_t *j = protocol_json(presets[i].name, &presets[i].p);
        json_object_set_new(j, "description", json_string(presets[i].description));
        json_array_append_new(arr, j);
    }
    return resp_json(rs, 200, jout_list(arr, NULL));
}

/* Reads the protocol member: a preset's name, or {sessions, gaps_days, duration_min}. */
static int decode_protocol(json_t *v, struct course *c, struct err *e)
{
    if (json_is_string(v)) {
        for (int i = 0; i < N_PRESETS; i++)
            if (strcmp(presets[i].name, json_string_value(v)) == 0) {
                const struct sched_protocol *p = &presets[i].p;
                c->protocol = (char *)presets[i].name;
                c->sessions = p->sessions;
                for (int k = 0; k < p->sessions; k++) {
                    c->duration_min[k] = p->duration_min[k];
                    if (k + 1 < p->sessions) {
                        c->gap_min[k] = p->gap_min_days[k];
                        c->gap_max[k] = p->gap_max_days[k];
                    }
                }
                return 0;
            }
        return err_set(e, ERR_INVALID, "protocol",
                       "protocol names no preset (GET /api/v1/protocols)");
    }
    if (!json_is_object(v))
        return err_set(e, ERR_INVALID, "protocol", "protocol is a preset's name or an object");
    json_t *s = json_object_get(v, "sessions"), *g = json_object_get(v, "gaps_days"),
           *d = json_object_get(v, "duration_min");
    if (!json_is_integer(s) || json_integer_value(s) < 1 || json_integer_value(s) > 4)
        return err_set(e, ERR_INVALID, "protocol.sessions", "sessions must be 1 to 4");
    int n = (int)json_integer_value(s);
    if (!json_is_array(g) || (int)json_array_size(g) != n - 1)
        return err_set(e, ERR_INVALID, "protocol.gaps_days",
                       "gaps_days must hold one [min, max] window per gap between sessions");
    if (!json_is_array(d) || (int)json_array_size(d) != n)
        return err_set(e, ERR_INVALID, "protocol.duration_min",
                       "duration_min must hold one length per session");
    for (int k = 0; k < n; k++) {
        json_t *m = json_array_get(d, (size_t)k);
        if (!json_is_integer(m) || json_integer_value(m) < 15 || json_integer_value(m) > 600 ||
            json_integer_value(m) % 5)
            return err_set(e, ERR_INVALID, "protocol.duration_min",
                           "each session lasts 15 to 600 minutes, a multiple of 5");
        c->duration_min[k] = (int)json_integer_value(m);
        if (k + 1 < n) {
            json_t *w = json_array_get(g, (size_t)k);
            json_t *lo = json_array_get(w, 0), *hi = json_array_get(w, 1);
            if (!json_is_array(w) || json_array_size(w) != 2 || !json_is_integer(lo) ||
                !json_is_integer(hi) || json_integer_value(lo) < 1 ||
                json_integer_value(hi) < json_integer_value(lo) || json_integer_value(hi) > 365)
                return err_set(e, ERR_INVALID, "protocol.gaps_days",
                               "each gap is [min, max] days, 1 ≤ min ≤ max ≤ 365");
            c->gap_min[k] = (int)json_integer_value(lo);
            c->gap_max[k] = (int)json_integer_value(hi);
        }
    }
    c->sessions = n;
    c->protocol = "custom";
    return 0;
}

static void to_protocol(const struct course *c, struct sched_protocol *p)
{
    memset(p, 0, sizeof *p);
    p->sessions = c->sessions;
    for (int k = 0; k < c->sessions; k++) {
        p->duration_min[k] = c->duration_min[k];
        if (k + 1 < c->sessions) {
            p->gap_min_days[k] = c->gap_min[k];
            p->gap_max_days[k] = c->gap_max[k];
        }
    }
}

static json_t *course_json(struct req *rq, const struct course *c, const char *tz)
{
    struct sched_protocol p;
    to_protocol(c, &p);
    json_t *j = json_pack("{s:I,s:I,s:I,s:s,s:o,s:o}", "id", (json_int_t)c->id, "client_id",
                          (json_int_t)c->client_id, "clinic_id", (json_int_t)c->clinic_id, "status",
                          c->status, "protocol", protocol_json(c->protocol, &p), "created_at",
                          jout_time(c->created_at));
    struct appt_filter f = {.course_id = c->id, .from = 0, .to = LLONG_MAX / 2};
    struct appointment *items;
    int n;
    struct err e;
    json_t *arr = json_array();
    if (store_appt_list(rq->db, rq->a, &f, &items, &n, &e) == 0)
        for (int i = 0; i < n; i++)
            json_array_append_new(arr, appt_json(&items[i], tz));
    json_object_set_new(j, "appointments", arr);
    return j;
}

int course_preset(int sessions, struct course *c)
{
    const char *name = sessions == 2 ? "two_14_21" : sessions == 4 ? "four_14_21" : "three_14_21";
    struct err e;
    json_t *v = json_string(name);
    int rc = sessions >= 2 && sessions <= 4 ? decode_protocol(v, c, &e) : -1;
    json_decref(v);
    return rc;
}

int h_course_create(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"client_id", "clinic_id", "protocol", NULL};
    struct course c = {0};
    struct clinic clinic;
    struct client client;
    struct err e;
    if (jin_only(rq->json, known, &e) < 0 || jin_id(rq->json, "client_id", &c.client_id, &e) < 0 ||
        jin_id(rq->json, "clinic_id", &c.clinic_id, &e) < 0)
        return resp_error(rs, &e);
    if (!c.client_id || store_client_get(rq->db, rq->a, c.client_id, &client, &e) < 0)
        return resp_fail(rs, ERR_INVALID, "client_id", "client_id must name a client");
    if (!c.clinic_id)
        c.clinic_id = client.clinic_id;
    if (store_clinic_get(rq->db, rq->a, c.clinic_id, &clinic, &e) < 0)
        return resp_fail(rs, ERR_INVALID, "clinic_id", "clinic_id must name a clinic");
    json_t *p = json_object_get(rq->json, "protocol");
    if (!p)
        return resp_fail(rs, ERR_INVALID, "protocol", "protocol is required");
    if (decode_protocol(p, &c, &e) < 0 || store_course_add(rq->db, &c, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, course_json(rq, &c, clinic.timezone));
}

int h_course_get(struct req *rq, struct resp *rs)
{
    struct course c;
    struct clinic clinic;
    struct err e;
    if (store_course_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_clinic_get(rq->db, rq->a, c.clinic_id, &clinic, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, course_json(rq, &c, clinic.timezone));
}

int h_course_plan(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"earliest", "practitioner_id", NULL};
    struct course c;
    struct clinic clinic;
    char *earliest_s = NULL;
    long long wanted = 0;
    struct err e;
    if (store_course_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_clinic_get(rq->db, rq->a, c.clinic_id, &clinic, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 ||
        jin_str(rq->json, "earliest", &earliest_s, rq->a, &e) < 0 ||
        jin_id(rq->json, "practitioner_id", &wanted, &e) < 0)
        return resp_error(rs, &e);
    struct civil_date earliest;
    if (!earliest_s)
        earliest = clinic_local_date(rq->now, clinic.timezone);
    else if (!civil_parse_date(earliest_s, &earliest))
        return resp_fail(rs, ERR_INVALID, "earliest", "earliest must be a date YYYY-MM-DD");
    long long *ids;
    int n_ids;
    if (store_clinic_practitioners(rq->db, rq->a, c.clinic_id, &ids, &n_ids, &e) < 0)
        return resp_error(rs, &e);
    struct sched_protocol p;
    to_protocol(&c, &p);
    int horizon = 90, reach = horizon;
    for (int k = 0; k + 1 < p.sessions; k++)
        reach += p.gap_max_days[k];
    struct civil_date to = civil_from_days(civil_days(earliest) + reach);
    struct sched_input *inputs = arena_alloc(rq->a, sizeof *inputs * (size_t)(n_ids + 1));
    struct sched_load *loads = arena_alloc(rq->a, sizeof *loads * (size_t)(n_ids + 1));
    int preferred = -1;
    for (int i = 0; i < n_ids; i++) {
        if (sched_load_for(rq, &clinic, ids[i], earliest, to, p.duration_min[0], true, true, 0,
                           &loads[i], &e) < 0)
            return resp_error(rs, &e);
        loads[i].in.tz_ctx = &loads[i].zone;
        inputs[i] = loads[i].in;
        if (ids[i] == wanted)
            preferred = i;
    }
    if (wanted && preferred < 0)
        return resp_fail(rs, ERR_INVALID, "practitioner_id",
                         "the practitioner does not work at this clinic");
    struct sched_plan_input in = {.earliest = earliest,
                                  .horizon_days = horizon,
                                  .n_practitioners = n_ids,
                                  .practitioners = inputs,
                                  .preferred = preferred,
                                  .not_before = rq->now};
    struct sched_option options[5];
    int n = n_ids ? sched_plan(&p, &in, options, 5) : 0;
    json_t *arr = json_array();
    for (int o = 0; o < n; o++) {
        json_t *sessions = json_array();
        for (int k = 0; k < p.sessions; k++) {
            const struct sched_slot *s = &options[o].session[k];
            int who = options[o].practitioner[k];
            char a[21], b[21], la[17], lb[17];
            civil_format_utc(s->start, a);
            civil_format_utc(s->end, b);
            clinic_local(s->start, clinic.timezone, la);
            clinic_local(s->end, clinic.timezone, lb);
            json_array_append_new(
                sessions, json_pack("{s:i,s:s,s:s,s:s,s:s,s:I,s:o}", "session_no", k + 1, "start",
                                    a, "end", b, "start_local", la, "end_local", lb,
                                    "practitioner_id", (json_int_t)ids[who], "chair_id",
                                    s->chair >= 0 ? json_integer(loads[who].chair_ids[s->chair])
                                                  : json_null()));
        }
        json_array_append_new(arr, json_pack("{s:o}", "sessions", sessions));
    }
    return resp_json(rs, 200,
                     json_pack("{s:I,s:o}", "course_id", (json_int_t)c.id, "options", arr));
}

int h_course_book(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"sessions", NULL};
    struct course c;
    struct clinic clinic;
    struct err e;
    if (store_course_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_clinic_get(rq->db, rq->a, c.clinic_id, &clinic, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0)
        return resp_error(rs, &e);
    if (strcmp(c.status, "planning") != 0)
        return resp_fail(rs, ERR_CONFLICT, NULL, "the course is already booked");
    json_t *list = json_object_get(rq->json, "sessions");
    if (!json_is_array(list) || (int)json_array_size(list) != c.sessions)
        return resp_fail(
            rs, ERR_INVALID, "sessions",
            "sessions must list one {start, practitioner_id} per session of the course");
    struct appointment booked[SCHED_MAX_SESSIONS];
    json_t *out = json_array();
    for (int k = 0; k < c.sessions; k++) {
        json_t *s = json_array_get(list, (size_t)k);
        struct appointment *x = &booked[k];
        memset(x, 0, sizeof *x);
        const char *start = json_string_value(json_object_get(s, "start"));
        json_t *pid = json_object_get(s, "practitioner_id");
        if (!json_is_object(s) || !start ||
            clinic_time_parse(start, clinic.timezone, &x->start_at) < 0 || !json_is_integer(pid)) {
            json_decref(out);
            return resp_fail(rs, ERR_INVALID, "sessions",
                             "each session needs start (local or RFC 3339) and practitioner_id");
        }
        x->clinic_id = clinic.id;
        x->client_id = c.client_id;
        x->practitioner_id = json_integer_value(pid);
        x->kind = "session";
        x->end_at = x->start_at + c.duration_min[k] * 60LL;
        x->course_id = c.id;
        x->session_no = k + 1;
        if (k > 0) {
            struct civil_date d1 = clinic_local_date(booked[k - 1].start_at, clinic.timezone),
                              d2 = clinic_local_date(x->start_at, clinic.timezone);
            if (!sched_gap_ok(d1, d2, c.gap_min[k - 1], c.gap_max[k - 1])) {
                json_decref(out);
                return resp_fail(rs, ERR_INVALID, "sessions",
                                 "a gap between sessions is outside the course's window");
            }
        }
        /* booked one by one in this transaction: each check sees the sessions before it */
        if (appt_place(rq, &clinic, x, 0, &e) < 0 ||
            store_appt_add(rq->db, x, rq->user.id, rq->now, &e) < 0) {
            json_decref(out);
            return resp_error(rs, &e);
        }
        struct audit_entry a = {.at = rq->now,
                                .user_id = rq->user.id,
                                .user_email = rq->user.email,
                                .action = AUDIT_CREATE,
                                .entity = "appointment",
                                .entity_id = x->id,
                                .client_id = x->client_id,
                                .request_id = (char *)rq->request_id};
        if (store_audit_add(rq->db, &a, &e) < 0 || notify_booked(rq, x, &clinic, &e) < 0) {
            json_decref(out);
            return resp_error(rs, &e);
        }
        json_array_append_new(out, appt_json(x, clinic.timezone));
    }
    if (store_course_set_status(rq->db, c.id, "booked", rq->now, &e) < 0) {
        json_decref(out);
        return resp_error(rs, &e);
    }
    return resp_json(rs, 201,
                     json_pack("{s:I,s:s,s:o}", "course_id", (json_int_t)c.id, "status", "booked",
                               "appointments", out));
}
