/*
 * schedctx.c — loading scheduler inputs from the store, and clinic-local time (see schedctx.h).
 */
#include "http/schedctx.h"

#include "store/store_sched.h"
#include "util/tz.h"

#include <stdio.h>
#include <string.h>

long long zone_to_utc(void *ctx, struct civil_date d, int minute)
{
    const struct zone_ctx *z = ctx;
    return tz_to_utc(z->tz, d.y, d.m, d.d, minute);
}

int sched_load_for(struct req *rq, const struct clinic *c, long long practitioner_id,
                   struct civil_date from, struct civil_date to, int duration_min, bool treatment,
                   bool needs_chair, long long exclude_id, struct sched_load *l, struct err *e)
{
    memset(l, 0, sizeof *l);
    l->zone.tz = c->timezone;
    struct sched_input *in = &l->in;
    int found;
    if (store_hours_get(rq->db, c->id, 0, &l->clinic_hours, &found, e) < 0 ||
        store_hours_get(rq->db, c->id, practitioner_id, &l->practitioner_hours, &found, e) < 0)
        return -1;
    in->clinic_hours = &l->clinic_hours;
    in->practitioner_hours = found ? &l->practitioner_hours : NULL;
    char from_s[11], to_s[11];
    civil_format_date(from, from_s);
    civil_format_date(to, to_s);
    struct closure *closures;
    int n_closures;
    if (store_closure_list(rq->db, rq->a, c->id, from_s, to_s, &closures, &n_closures, e) < 0)
        return -1;
    struct civil_date *days = arena_alloc(rq->a, sizeof *days * (size_t)(n_closures + 1));
    for (int i = 0; i < n_closures; i++)
        civil_parse_date(closures[i].day, &days[i]);
    in->closures = days;
    in->n_closures = n_closures;
    /* a day either side: bookings reaching over midnight, and zones far from UTC */
    long long t0 = zone_to_utc(&l->zone, from, 0) - 86400,
              t1 = zone_to_utc(&l->zone, to, 1440) + 86400;
    struct span *busy;
    int n_busy;
    if (store_busy_practitioner(rq->db, rq->a, practitioner_id, t0, t1, exclude_id, &busy, &n_busy,
                                e) < 0)
        return -1;
    in->busy = busy;
    in->n_busy = n_busy;
    struct chair *chairs;
    int n_chairs;
    if (store_chair_list(rq->db, rq->a, c->id, 1, &chairs, &n_chairs, e) < 0)
        return -1;
    const struct span **chair_busy =
        arena_alloc(rq->a, sizeof *chair_busy * (size_t)(n_chairs + 1));
    int *chair_n = arena_alloc(rq->a, sizeof *chair_n * (size_t)(n_chairs + 1));
    l->chair_ids = arena_alloc(rq->a, sizeof *l->chair_ids * (size_t)(n_chairs + 1));
    for (int i = 0; i < n_chairs; i++) {
        struct span *s;
        if (store_busy_chair(rq->db, rq->a, chairs[i].id, t0, t1, exclude_id, &s, &chair_n[i], e) <
            0)
            return -1;
        chair_busy[i] = s;
        l->chair_ids[i] = chairs[i].id;
    }
    in->n_chairs = n_chairs;
    in->chair_busy = chair_busy;
    in->chair_busy_n = chair_n;
    in->needs_chair = needs_chair;
    in->from = from;
    in->to = to;
    in->duration_min = duration_min;
    in->buffer_min = treatment ? c->buffer_min : 0;
    in->grid_min = c->grid_min > 0 ? c->grid_min : 15;
    in->not_before = rq->now;
    in->to_utc = zone_to_utc;
    in->tz_ctx = &l->zone;
    return 0;
}

/* Reads n decimal digits at s into *v. */
static bool digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

int clinic_time_parse(const char *s, const char *zone, long long *t)
{
    char date[11];
    struct civil_date d;
    int hh, mm, ss = 0;
    size_t n = s ? strlen(s) : 0;
    if (n < 16 || s[10] != 'T' || s[13] != ':')
        return -1;
    memcpy(date, s, 10);
    date[10] = 0;
    if (!civil_parse_date(date, &d) || !digits(s + 11, 2, &hh) || !digits(s + 14, 2, &mm) ||
        hh > 23 || mm > 59)
        return -1;
    if (n == 16) { /* local wall time */
        struct zone_ctx z = {zone};
        *t = zone_to_utc(&z, d, hh * 60 + mm);
        return 0;
    }
    const char *rest = s + 16;
    if (*rest == ':') {
        if (!digits(rest + 1, 2, &ss) || ss > 59)
            return -1;
        rest += 3;
    }
    long long base = civil_days(d) * 86400 + hh * 3600 + mm * 60 + ss;
    if (strcmp(rest, "Z") == 0) {
        *t = base;
        return 0;
    }
    int oh, om;
    if ((rest[0] == '+' || rest[0] == '-') && strlen(rest) == 6 && rest[3] == ':' &&
        digits(rest + 1, 2, &oh) && digits(rest + 4, 2, &om) && oh <= 23 && om <= 59) {
        long long off = oh * 3600 + om * 60;
        *t = rest[0] == '+' ? base - off : base + off;
        return 0;
    }
    return -1;
}

void clinic_local(long long t, const char *zone, char out[17])
{
    int y, m, d, minute;
    tz_from_utc(zone, t, &y, &m, &d, &minute);
    char date[11];
    civil_format_date((struct civil_date){y, m, d}, date);
    unsigned hh = (unsigned)(minute / 60) % 100u, mm = (unsigned)(minute % 60) % 100u;
    snprintf(out, 17, "%.10sT%02u:%02u", date, hh, mm);
}

struct civil_date clinic_local_date(long long t, const char *zone)
{
    int y, m, d, minute;
    tz_from_utc(zone, t, &y, &m, &d, &minute);
    return (struct civil_date){y, m, d};
}
