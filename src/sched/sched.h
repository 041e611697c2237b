/*
 * sched.h — free time and course planning over in-memory intervals. Pure: no I/O, no clock,
 * no time-zone database — the caller passes a function that turns a clinic-local wall time into
 * a UTC instant (src/util/tz.c does it with libical), so every day-based rule is computed in the
 * clinic's civil time and stays right across daylight-saving changes.
 *
 * Instants are Unix seconds (UTC). A span is half-open: [start, end). Opening and working hours
 * are minutes after local midnight (0–1440), several intervals a day, Monday = 0.
 */
#ifndef STIPPLE_SCHED_H
#define STIPPLE_SCHED_H

#include "domain/civil.h"
#include "domain/hours.h" /* struct span, struct day_hours, struct week_hours */

#include <stdbool.h>

enum { SCHED_MAX_SESSIONS = 4 };

/* Local wall time (date, minutes after midnight, 0–1440) → UTC instant. For a wall time that
 * does not exist (the spring-forward gap) it answers the instant the gap ends; for one that
 * happens twice (autumn) the first. */
typedef long long (*sched_to_utc)(void *ctx, struct civil_date date, int minute);

/* What one practitioner's free time is made of, for one clinic. */
struct sched_input {
    struct civil_date from, to;                  /* local dates, inclusive */
    const struct week_hours *clinic_hours;       /* opening hours */
    const struct week_hours *practitioner_hours; /* working hours here; NULL: the clinic's */
    const struct civil_date *closures;           /* days the clinic is closed */
    int n_closures;
    const struct span *busy; /* the practitioner's appointments (each already extended by its
                                clean-down buffer) and time off; any order, may overlap */
    int n_busy;
    int n_chairs;                         /* chairs of the clinic (0 with needs_chair: no slots) */
    const struct span *const *chair_busy; /* per chair, its bookings (with buffer) */
    const int *chair_busy_n;
    bool needs_chair;     /* treatments need a chair; phone/video consultations do not */
    int duration_min;     /* the appointment's length */
    int buffer_min;       /* clean-down after it: practitioner and chair stay taken */
    int grid_min;         /* start times on this local-time grid (15) */
    long long not_before; /* no slot may start earlier (now) */
    sched_to_utc to_utc;
    void *tz_ctx;
};

/* A free start: [start, end) is the appointment, [end, end + buffer) its clean-down; chair is
 * the index of a chair free for all of it (-1 when no chair is needed). */
struct sched_slot {
    long long start, end;
    int chair;
    struct civil_date local_date; /* the clinic-local date it starts on */
};

/* sched_weekday returns 0 (Monday) … 6 (Sunday) for d. */
int sched_weekday(struct civil_date d);

/* sched_free_slots lists, in time order, up to max free starts for the appointment described
 * by in: inside opening hours (and the practitioner's working hours) on days that are not
 * closures, with the appointment and its buffer clear of every busy span of the practitioner
 * and of at least one chair, on the local grid, not before in->not_before. Returns how many it
 * wrote. */
int sched_free_slots(const struct sched_input *in, struct sched_slot *out, int max);

/* sched_slot_ok says whether a given start fits the same rules (the booking check uses the very
 * rule the listing uses); *chair gets a free chair's index (-1 when none is needed). */
bool sched_slot_ok(const struct sched_input *in, long long start, int *chair);

/* A course protocol: n sessions, the allowed gap between consecutive sessions in days (local
 * dates: gap[i] is between session i and i + 1), and each session's length in minutes. */
struct sched_protocol {
    int sessions;
    int gap_min_days[SCHED_MAX_SESSIONS - 1], gap_max_days[SCHED_MAX_SESSIONS - 1];
    int duration_min[SCHED_MAX_SESSIONS];
};

/* One way to book a course: each session's slot and which practitioner (index into the
 * planner's candidates) takes it. */
struct sched_option {
    struct sched_slot session[SCHED_MAX_SESSIONS];
    int practitioner[SCHED_MAX_SESSIONS];
};

/* The planner's candidates: one sched_input per practitioner who may take sessions (from, to,
 * duration_min and not_before are set by the planner; the rest is theirs). */
struct sched_plan_input {
    struct civil_date earliest; /* first local date for session 1 */
    int horizon_days;           /* how far to look for session 1 (e.g. 90) */
    int n_practitioners;
    struct sched_input *practitioners;
    int preferred; /* index of the practitioner asked for, or -1 */
    long long not_before;
};

/* sched_plan finds up to max options for the protocol, every session inside opening hours and
 * every gap inside its window, ranked: earliest finish first, then options where one
 * practitioner takes every session, then the preferred practitioner. Options start on different
 * days. Returns how many it wrote. */
int sched_plan(const struct sched_protocol *p, const struct sched_plan_input *in,
               struct sched_option *out, int max);

/* sched_gap_ok says whether local dates a and b (b after a) are gap_min..gap_max days apart. */
bool sched_gap_ok(struct civil_date a, struct civil_date b, int gap_min, int gap_max);

#endif
