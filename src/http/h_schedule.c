/*
 * h_schedule.c — what bookings are fitted around: a clinic's opening hours and closures, its
 * chairs, and each practitioner's working hours per clinic and time off.
 * Hours travel as {"mon":[["09:00","17:00"]],…,"sun":[]}: several intervals a day, 24:00 allowed
 * as the end of a late day.
 */
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/schedctx.h"
#include "store/store_clinic.h"
#include "store/store_practitioner.h"
#include "store/store_sched.h"
#include "util/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const day_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* Parses "HH:MM" (00:00–24:00) into minutes; -1 when it is not one. */
static int minutes(const char *s)
{
    if (!s || strlen(s) != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m))
        return -1;
    return h * 60 + m;
}

/* Reads the week object of the body into h: every day given as a list of [from, to] pairs,
 * sorted, not overlapping; days not given are closed. */
static int decode_week(json_t *o, struct week_hours *h, struct err *e)
{
    memset(h, 0, sizeof *h);
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        int d = -1;
        for (int i = 0; i < 7; i++)
            if (strcmp(key, day_names[i]) == 0)
                d = i;
        if (d < 0) {
            if (strcmp(key, "clinic_id") == 0)
                continue;
            char field[64];
            snprintf(field, sizeof field, "%.60s", key);
            return err_set(e, ERR_INVALID, field, "unknown day \"%s\" (mon … sun)", field);
        }
        if (!json_is_array(v) || json_array_size(v) > SCHED_MAX_DAY_INTERVALS)
            return err_set(e, ERR_INVALID, day_names[d],
                           "%s must be a list of at most %d [\"HH:MM\", \"HH:MM\"] intervals",
                           day_names[d], SCHED_MAX_DAY_INTERVALS);
        size_t i;
        json_t *iv;
        json_array_foreach(v, i, iv)
        {
            int a = json_is_array(iv) && json_array_size(iv) == 2
                        ? minutes(json_string_value(json_array_get(iv, 0)))
                        : -1;
            int b = a >= 0 ? minutes(json_string_value(json_array_get(iv, 1))) : -1;
            if (a < 0 || b < 0 || a >= b)
                return err_set(e, ERR_INVALID, day_names[d],
                               "%s: each interval is [\"HH:MM\", \"HH:MM\"], opening before "
                               "closing",
                               day_names[d]);
            if (i > 0 && a < h->day[d].iv[i - 1].end_min)
                return err_set(e, ERR_INVALID, day_names[d],
                               "%s: intervals must be in order and not overlap", day_names[d]);
            h->day[d].iv[i].start_min = a;
            h->day[d].iv[i].end_min = b;
            h->day[d].n++;
        }
    }
    return 0;
}

json_t *encode_week(const struct week_hours *h)
{
    json_t *j = json_object();
    for (int d = 0; d < 7; d++) {
        json_t *list = json_array();
        for (int i = 0; i < h->day[d].n; i++) {
            char a[6], b[6];
            unsigned s0 = (unsigned)h->day[d].iv[i].start_min,
                     e0 = (unsigned)h->day[d].iv[i].end_min;
            snprintf(a, sizeof a, "%02u:%02u", (s0 / 60) % 100u, s0 % 60u);
            snprintf(b, sizeof b, "%02u:%02u", (e0 / 60) % 100u, e0 % 60u);
            json_array_append_new(list, json_pack("[s,s]", a, b));
        }
        json_object_set_new(j, day_names[d], list);
    }
    return j;
}

int h_clinic_hours_get(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct week_hours h;
    int found;
    struct err e;
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_hours_get(rq->db, c.id, 0, &h, &found, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, encode_week(&h));
}

int h_clinic_hours_put(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct week_hours h;
    struct err e;
    if (json_object_get(rq->json, "clinic_id"))
        return resp_fail(rs, ERR_INVALID, "clinic_id", "unknown field \"clinic_id\"");
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        decode_week(rq->json, &h, &e) < 0 || store_hours_put(rq->db, c.id, 0, &h, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, encode_week(&h));
}

/* Reads ?clinic_id= or the body's clinic_id: a clinic the practitioner works at. */
static int practitioner_clinic(struct req *rq, long long pid, long long *clinic_id, struct err *e)
{
    const char *q = req_query(rq, "clinic_id");
    json_t *b = rq->json ? json_object_get(rq->json, "clinic_id") : NULL;
    char *end;
    *clinic_id = q ? strtoll(q, &end, 10) : json_is_integer(b) ? json_integer_value(b) : 0;
    if (*clinic_id <= 0)
        return err_set(e, ERR_INVALID, "clinic_id", "clinic_id is required");
    int works;
    if (store_practitioner_works_at(rq->db, pid, *clinic_id, &works, e) < 0)
        return -1;
    return works ? 0
                 : err_set(e, ERR_INVALID, "clinic_id",
                           "the practitioner does not work at that clinic");
}

int h_practitioner_hours_get(struct req *rq, struct resp *rs)
{
    struct practitioner p;
    long long clinic_id;
    struct week_hours h;
    int found;
    struct err e;
    if (store_practitioner_get(rq->db, rq->a, req_id(rq, 0), &p, &e) < 0 ||
        practitioner_clinic(rq, p.id, &clinic_id, &e) < 0 ||
        store_hours_get(rq->db, clinic_id, p.id, &h, &found, &e) < 0)
        return resp_error(rs, &e);
    int own = found;
    if (!own && store_hours_get(rq->db, clinic_id, 0, &h, &found, &e) < 0)
        return resp_error(rs, &e);
    json_t *j = encode_week(&h);
    json_object_set_new(j, "clinic_id", json_integer(clinic_id));
    json_object_set_new(j, "own", json_boolean(own));
    return resp_json(rs, 200, j);
}

int h_practitioner_hours_put(struct req *rq, struct resp *rs)
{
    struct practitioner p;
    long long clinic_id;
    struct week_hours h;
    struct err e;
    if (store_practitioner_get(rq->db, rq->a, req_id(rq, 0), &p, &e) < 0 ||
        practitioner_clinic(rq, p.id, &clinic_id, &e) < 0 || decode_week(rq->json, &h, &e) < 0 ||
        store_hours_put(rq->db, clinic_id, p.id, &h, &e) < 0)
        return resp_error(rs, &e);
    json_t *j = encode_week(&h);
    json_object_set_new(j, "clinic_id", json_integer(clinic_id));
    return resp_json(rs, 200, j);
}

static json_t *closure_json(const struct closure *c)
{
    return json_pack("{s:I,s:I,s:s,s:o}", "id", (json_int_t)c->id, "clinic_id",
                     (json_int_t)c->clinic_id, "day", c->day, "reason",
                     c->reason ? json_string(c->reason) : json_null());
}

int h_closure_list(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct closure *items;
    int n;
    struct err e;
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_closure_list(rq->db, rq->a, c.id, req_query(rq, "from"), req_query(rq, "to"), &items,
                           &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, closure_json(&items[i]));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

int h_closure_create(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"day", "reason", NULL};
    struct clinic c;
    struct closure x = {0};
    struct civil_date d;
    struct err e;
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "day", &x.day, rq->a, &e) < 0 ||
        jin_str(rq->json, "reason", &x.reason, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (!x.day || !civil_parse_date(x.day, &d))
        return resp_fail(rs, ERR_INVALID, "day", "day must be a date YYYY-MM-DD");
    x.clinic_id = c.id;
    if (store_closure_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, closure_json(&x));
}

int h_closure_delete(struct req *rq, struct resp *rs)
{
    struct err e;
    if (store_closure_delete(rq->db, req_id(rq, 0), &e) < 0)
        return resp_error(rs, &e);
    return resp_empty(rs, 204);
}

static json_t *chair_json(const struct chair *c)
{
    return json_pack("{s:I,s:I,s:s,s:b}", "id", (json_int_t)c->id, "clinic_id",
                     (json_int_t)c->clinic_id, "name", c->name, "active", c->active);
}

int h_chair_list(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct chair *items;
    int n;
    struct err e;
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_chair_list(rq->db, rq->a, c.id, 0, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, chair_json(&items[i]));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

static int decode_chair(struct req *rq, struct chair *x, struct err *e)
{
    static const char *const known[] = {"name", "active", NULL};
    if (jin_only(rq->json, known, e) < 0 || jin_str(rq->json, "name", &x->name, rq->a, e) < 0 ||
        jin_bool(rq->json, "active", &x->active, e) < 0)
        return -1;
    if (!x->name || strlen(x->name) > 100)
        return err_set(e, ERR_INVALID, "name", "name must be 1 to 100 characters");
    return 0;
}

int h_chair_create(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct chair x = {.active = 1};
    struct err e;
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 || decode_chair(rq, &x, &e) < 0)
        return resp_error(rs, &e);
    x.clinic_id = c.id;
    if (store_chair_add(rq->db, &x, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, chair_json(&x));
}

int h_chair_update(struct req *rq, struct resp *rs)
{
    struct chair x;
    struct err e;
    if (store_chair_get(rq->db, rq->a, req_id(rq, 0), &x, &e) < 0 || decode_chair(rq, &x, &e) < 0 ||
        store_chair_update(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, chair_json(&x));
}

static json_t *time_off_json(const struct time_off *t)
{
    char a[21], b[21];
    civil_format_utc(t->start_at, a);
    civil_format_utc(t->end_at, b);
    return json_pack("{s:I,s:I,s:s,s:s,s:o}", "id", (json_int_t)t->id, "practitioner_id",
                     (json_int_t)t->practitioner_id, "start", a, "end", b, "reason",
                     t->reason ? json_string(t->reason) : json_null());
}

int h_time_off_list(struct req *rq, struct resp *rs)
{
    struct practitioner p;
    struct time_off *items;
    int n;
    struct err e;
    if (store_practitioner_get(rq->db, rq->a, req_id(rq, 0), &p, &e) < 0 ||
        store_time_off_list(rq->db, rq->a, p.id, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, time_off_json(&items[i]));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

int h_time_off_create(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"start", "end", "reason", NULL};
    struct practitioner p;
    struct time_off t = {0};
    char *start = NULL, *end = NULL;
    struct err e;
    if (store_practitioner_get(rq->db, rq->a, req_id(rq, 0), &p, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "start", &start, rq->a, &e) < 0 ||
        jin_str(rq->json, "end", &end, rq->a, &e) < 0 ||
        jin_str(rq->json, "reason", &t.reason, rq->a, &e) < 0)
        return resp_error(rs, &e);
    /* local times are read in the zone of the practitioner's first clinic */
    const char *zone = "UTC";
    struct clinic c;
    if (p.n_clinic_ids && store_clinic_get(rq->db, rq->a, p.clinic_ids[0], &c, &e) == 0)
        zone = c.timezone;
    if (!start || clinic_time_parse(start, zone, &t.start_at) < 0)
        return resp_fail(rs, ERR_INVALID, "start", "start must be YYYY-MM-DDTHH:MM or RFC 3339");
    if (!end || clinic_time_parse(end, zone, &t.end_at) < 0 || t.end_at <= t.start_at)
        return resp_fail(rs, ERR_INVALID, "end", "end must be a time after start");
    t.practitioner_id = p.id;
    if (store_time_off_add(rq->db, &t, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, time_off_json(&t));
}

int h_time_off_delete(struct req *rq, struct resp *rs)
{
    struct err e;
    if (store_time_off_delete(rq->db, req_id(rq, 0), &e) < 0)
        return resp_error(rs, &e);
    return resp_empty(rs, 204);
}
