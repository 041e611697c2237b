/*
 * store_sched.h — the scheduling records in SQL: opening and working hours, closures, chairs,
 * time off, appointments (with their history), treatment courses and calendar feed tokens.
 * Strings and arrays returned live in the given arena.
 */
#ifndef STIPPLE_STORE_SCHED_H
#define STIPPLE_STORE_SCHED_H

#include "domain/hours.h"
#include "domain/model.h"
#include "store/db.h"
#include "util/mem.h"

/* store_hours_get loads the weekly hours of a clinic (practitioner_id 0) or of a practitioner at
 * a clinic; *found says whether any were set (a practitioner without hours works the clinic's). */
int store_hours_get(struct db *db, long long clinic_id, long long practitioner_id,
                    struct week_hours *out, int *found, struct err *e);

/* store_hours_put replaces those hours (an empty week clears a practitioner's own hours). */
int store_hours_put(struct db *db, long long clinic_id, long long practitioner_id,
                    const struct week_hours *h, struct err *e);

int store_closure_add(struct db *db, struct closure *c, struct err *e);
/* store_closure_list returns the closures of clinic_id from day from to day to (inclusive,
 * YYYY-MM-DD; NULL: unbounded), in date order. */
int store_closure_list(struct db *db, struct arena *a, long long clinic_id, const char *from,
                       const char *to, struct closure **items, int *n, struct err *e);
int store_closure_delete(struct db *db, long long id, struct err *e);

int store_chair_add(struct db *db, struct chair *c, long long now, struct err *e);
int store_chair_get(struct db *db, struct arena *a, long long id, struct chair *c, struct err *e);
/* store_chair_list returns the chairs of clinic_id (active_only: only the active ones) by id. */
int store_chair_list(struct db *db, struct arena *a, long long clinic_id, int active_only,
                     struct chair **items, int *n, struct err *e);
int store_chair_update(struct db *db, const struct chair *c, struct err *e);

int store_time_off_add(struct db *db, struct time_off *t, struct err *e);
int store_time_off_list(struct db *db, struct arena *a, long long practitioner_id,
                        struct time_off **items, int *n, struct err *e);
int store_time_off_delete(struct db *db, long long id, struct err *e);

/* store_practitioner_works_at says whether practitioner_id works at clinic_id. */
int store_practitioner_works_at(struct db *db, long long practitioner_id, long long clinic_id,
                                int *yes, struct err *e);

/* store_clinic_practitioners returns the ids of the live practitioners of clinic_id. */
int store_clinic_practitioners(struct db *db, struct arena *a, long long clinic_id, long long **ids,
                               int *n, struct err *e);

/* store_busy_practitioner returns the spans in which practitioner_id is taken between from and
 * to: booked appointments (to their buffer's end) at any clinic, and time off. exclude_id (0:
 * none) leaves one appointment out (it is being moved). */
int store_busy_practitioner(struct db *db, struct arena *a, long long practitioner_id,
                            long long from, long long to, long long exclude_id, struct span **spans,
                            int *n, struct err *e);

/* store_busy_chair returns the booked spans (with buffer) of chair_id between from and to. */
int store_busy_chair(struct db *db, struct arena *a, long long chair_id, long long from,
                     long long to, long long exclude_id, struct span **spans, int *n,
                     struct err *e);

/* store_appt_add inserts a (sets id, times) and its "booked" history line. */
int store_appt_add(struct db *db, struct appointment *a_, long long user_id, long long now,
                   struct err *e);
int store_appt_get(struct db *db, struct arena *a, long long id, struct appointment *out,
                   struct err *e);
/* store_appt_move writes new times, practitioner and chair of x (sequence + 1) and a "moved"
 * history line. */
int store_appt_move(struct db *db, struct appointment *x, long long old_start, long long old_end,
                    long long user_id, long long now, struct err *e);
/* store_appt_cancel marks x cancelled with reason (sequence + 1) and a history line. */
int store_appt_cancel(struct db *db, struct appointment *x, const char *reason, long long user_id,
                      long long now, struct err *e);

struct appt_filter {
    long long clinic_id, practitioner_id, client_id, course_id; /* 0: any */
    long long from, to;                                         /* overlapping [from, to) */
    int include_cancelled;
};
/* store_appt_list returns the appointments matching f in start order (at most 2000). */
int store_appt_list(struct db *db, struct arena *a, const struct appt_filter *f,
                    struct appointment **items, int *n, struct err *e);

struct appt_history {
    long long at, user_id, old_start_at, old_end_at, new_start_at, new_end_at;
    char *action, *reason;
};
int store_appt_history(struct db *db, struct arena *a, long long appointment_id,
                       struct appt_history **items, int *n, struct err *e);

int store_course_add(struct db *db, struct course *c, long long now, struct err *e);
int store_course_get(struct db *db, struct arena *a, long long id, struct course *c, struct err *e);
int store_course_set_status(struct db *db, long long id, const char *status, long long now,
                            struct err *e);

/* store_feed_token_add records a calendar feed token (its hex SHA-256) for a practitioner. */
int store_feed_token_add(struct db *db, const char *token_hash, long long practitioner_id,
                         long long now, struct err *e);
/* store_feed_token_practitioner finds the practitioner of a feed token; ERR_NOT_FOUND if none. */
int store_feed_token_practitioner(struct db *db, const char *token_hash, long long *practitioner_id,
                                  struct err *e);

#endif
