/*
 * schedctx.h — gathering what the scheduler needs for one practitioner at one clinic over some
 * local days (hours, closures, their bookings and time off, the chairs' bookings), and clinic
 * time: parsing and printing appointment times in the clinic's zone.
 */
#ifndef STIPPLE_SCHEDCTX_H
#define STIPPLE_SCHEDCTX_H

#include "domain/model.h"
#include "http/req.h"
#include "sched/sched.h"

/* The clinic's zone for sched_input.to_utc (tz_ctx points at one). */
struct zone_ctx {
    const char *tz;
};

/* zone_to_utc is a sched_to_utc over src/util/tz.c. */
long long zone_to_utc(void *ctx, struct civil_date d, int minute);

/* A loaded scheduling input and the chair ids its chair indexes stand for. */
struct sched_load {
    struct sched_input in;
    struct zone_ctx zone;
    long long *chair_ids;
    struct week_hours clinic_hours, practitioner_hours;
};

/* sched_load_for fills l for practitioner_id at clinic c over local days from..to, for an
 * appointment of duration_min that needs a chair or not (treatments also get the clinic's
 * clean-down buffer). exclude_id (0: none) leaves out an appointment being moved. */
int sched_load_for(struct req *rq, const struct clinic *c, long long practitioner_id,
                   struct civil_date from, struct civil_date to, int duration_min, bool treatment,
                   bool needs_chair, long long exclude_id, struct sched_load *l, struct err *e);

/* clinic_time_parse reads "YYYY-MM-DDTHH:MM" (local to zone) or RFC 3339 with Z or an offset
 * into *t. */
int clinic_time_parse(const char *s, const char *zone, long long *t);

/* clinic_local writes the local wall time of t in zone as "YYYY-MM-DDTHH:MM" (17 bytes). */
void clinic_local(long long t, const char *zone, char out[17]);

/* clinic_local_date returns the local date of t in zone. */
struct civil_date clinic_local_date(long long t, const char *zone);

/* appt_place checks that appointment x (times, practitioner, kind, mode, backfill set) may be
 * booked at clinic c — the practitioner works there, not in the past, inside hours, clear of
 * the practitioner's and a chair's bookings with the clean-down buffer — and sets its chair and
 * block end. ERR_INVALID names start or practitioner_id; ERR_CONFLICT when taken. exclude_id
 * leaves an appointment out (it is being moved). (h_appointment.c) */
int appt_place(struct req *rq, const struct clinic *c, struct appointment *x, long long exclude_id,
               struct err *e);

/* appt_json encodes x with UTC and clinic-local times. (h_appointment.c) */
json_t *appt_json(const struct appointment *x, const char *tz);

#endif
