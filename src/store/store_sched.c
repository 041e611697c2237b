/*
 * store_sched.c — scheduling records in SQL (see store_sched.h).
 */
#include "store/store_sched.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_hours_get(struct db *db, long long clinic_id, long long practitioner_id,
                    struct week_hours *out, int *found, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id), DB_INT(practitioner_id)};
    struct db_res *r;
    int rc = practitioner_id
                 ? db_query(db,
                            "SELECT weekday, start_min, end_min FROM practitioner_hours WHERE "
                            "clinic_id = $1 AND practitioner_id = $2 ORDER BY weekday, start_min",
                            p, 2, &r, e)
                 : db_query(db,
                            "SELECT weekday, start_min, end_min FROM clinic_hours WHERE "
                            "clinic_id = $1 ORDER BY weekday, start_min",
                            p, 1, &r, e);
    if (rc < 0)
        return -1;
    memset(out, 0, sizeof *out);
    for (int i = 0; i < db_res_rows(r); i++) {
        int d = (int)db_res_int(r, i, 0);
        struct day_hours *dh = &out->day[d < 0 || d > 6 ? 0 : d];
        if (dh->n < SCHED_MAX_DAY_INTERVALS) {
            dh->iv[dh->n].start_min = (int)db_res_int(r, i, 1);
            dh->iv[dh->n].end_min = (int)db_res_int(r, i, 2);
            dh->n++;
        }
    }
    *found = db_res_rows(r) > 0;
    db_res_free(r);
    return 0;
}

int store_hours_put(struct db *db, long long clinic_id, long long practitioner_id,
                    const struct week_hours *h, struct err *e)
{
    struct db_val key[] = {DB_INT(clinic_id), DB_INT(practitioner_id)};
    int rc = practitioner_id
                 ? db_exec(db,
                           "DELETE FROM practitioner_hours WHERE clinic_id = $1 AND "
                           "practitioner_id = $2",
                           key, 2, NULL, e)
                 : db_exec(db, "DELETE FROM clinic_hours WHERE clinic_id = $1", key, 1, NULL, e);
    for (int d = 0; rc == 0 && d < 7; d++)
        for (int i = 0; rc == 0 && i < h->day[d].n; i++) {
            struct db_val p[] = {DB_INT(clinic_id), DB_INT(d), DB_INT(h->day[d].iv[i].start_min),
                                 DB_INT(h->day[d].iv[i].end_min), DB_INT(practitioner_id)};
            rc = practitioner_id
                     ? db_exec(db,
                               "INSERT INTO practitioner_hours (clinic_id, weekday, start_min, "
                               "end_min, practitioner_id) VALUES ($1, $2, $3, $4, $5)",
                               p, 5, NULL, e)
                     : db_exec(db,
                               "INSERT INTO clinic_hours (clinic_id, weekday, start_min, end_min) "
                               "VALUES ($1, $2, $3, $4)",
                               p, 4, NULL, e);
        }
    return rc;
}

int store_closure_add(struct db *db, struct closure *c, struct err *e)
{
    struct db_val p[] = {DB_INT(c->clinic_id), DB_TEXT(c->day), DB_TEXT(c->reason)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO closures (clinic_id, day, reason) VALUES ($1, $2, $3) RETURNING id",
                 p, 3, &r, e) < 0) {
        if (e->code == ERR_CONFLICT)
            err_set(e, ERR_CONFLICT, "day", "the clinic is already closed that day");
        return -1;
    }
    c->id = db_res_int(r, 0, 0);
    db_res_free(r);
    return 0;
}

int store_closure_list(struct db *db, struct arena *a, long long clinic_id, const char *from,
                       const char *to, struct closure **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id), DB_TEXT(from), DB_TEXT(to)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT id, clinic_id, day, reason FROM closures WHERE clinic_id = $1 AND "
                 "(CAST($2 AS TEXT) IS NULL OR day >= $2) AND (CAST($3 AS TEXT) IS NULL OR "
                 "day <= $3) ORDER BY day LIMIT 2000",
                 p, 3, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++) {
        struct closure *c = &(*items)[i];
        c->id = db_res_int(r, i, 0);
        c->clinic_id = db_res_int(r, i, 1);
        c->day = arena_strdup(a, db_res_text(r, i, 2));
        c->reason = arena_strdup(a, db_res_text(r, i, 3));
    }
    db_res_free(r);
    return 0;
}

static int delete_by_id(struct db *db, const char *sql, long long id, const char *what,
                        struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    long long changed;
    if (db_exec(db, sql, p, 1, &changed, e) < 0)
        return -1;
    return changed ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no %s %lld", what, id);
}

int store_closure_delete(struct db *db, long long id, struct err *e)
{
    return delete_by_id(db, "DELETE FROM closures WHERE id = $1", id, "closure", e);
}

int store_chair_add(struct db *db, struct chair *c, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(c->clinic_id), DB_TEXT(c->name), DB_INT(c->active), DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO chairs (clinic_id, name, active, created_at) VALUES ($1, $2, $3, $4) "
                 "RETURNING id",
                 p, 4, &r, e) < 0)
        return -1;
    c->id = db_res_int(r, 0, 0);
    db_res_free(r);
    return 0;
}

static void read_chair(struct arena *a, struct db_res *r, int i, struct chair *c)
{
    c->id = db_res_int(r, i, 0);
    c->clinic_id = db_res_int(r, i, 1);
    c->name = arena_strdup(a, db_res_text(r, i, 2));
    c->active = (int)db_res_int(r, i, 3);
}

int store_chair_get(struct db *db, struct arena *a, long long id, struct chair *c, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, "SELECT id, clinic_id, name, active FROM chairs WHERE id = $1", p, 1, &r, e) <
        0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no chair %lld", id);
    else
        read_chair(a, r, 0, c);
    db_res_free(r);
    return rc;
}

int store_chair_list(struct db *db, struct arena *a, long long clinic_id, int active_only,
                     struct chair **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id), DB_INT(active_only)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT id, clinic_id, name, active FROM chairs WHERE clinic_id = $1 AND "
                 "($2 = 0 OR active = 1) ORDER BY id",
                 p, 2, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_chair(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_chair_update(struct db *db, const struct chair *c, struct err *e)
{
    struct db_val p[] = {DB_TEXT(c->name), DB_INT(c->active), DB_INT(c->id)};
    long long changed;
    if (db_exec(db, "UPDATE chairs SET name = $1, active = $2 WHERE id = $3", p, 3, &changed, e) <
        0)
        return -1;
    return changed ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no chair %lld", c->id);
}

int store_time_off_add(struct db *db, struct time_off *t, struct err *e)
{
    struct db_val p[] = {DB_INT(t->practitioner_id), DB_INT(t->start_at), DB_INT(t->end_at),
                         DB_TEXT(t->reason)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO time_off (practitioner_id, start_at, end_at, reason) "
                 "VALUES ($1, $2, $3, $4) RETURNING id",
                 p, 4, &r, e) < 0)
        return -1;
    t->id = db_res_int(r, 0, 0);
    db_res_free(r);
    return 0;
}

int store_time_off_list(struct db *db, struct arena *a, long long practitioner_id,
                        struct time_off **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(practitioner_id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT id, practitioner_id, start_at, end_at, reason FROM time_off WHERE "
                 "practitioner_id = $1 ORDER BY start_at LIMIT 2000",
                 p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++) {
        struct time_off *t = &(*items)[i];
        t->id = db_res_int(r, i, 0);
        t->practitioner_id = db_res_int(r, i, 1);
        t->start_at = db_res_int(r, i, 2);
        t->end_at = db_res_int(r, i, 3);
        t->reason = arena_strdup(a, db_res_text(r, i, 4));
    }
    db_res_free(r);
    return 0;
}

int store_time_off_delete(struct db *db, long long id, struct err *e)
{
    return delete_by_id(db, "DELETE FROM time_off WHERE id = $1", id, "time off", e);
}

int store_practitioner_works_at(struct db *db, long long practitioner_id, long long clinic_id,
                                int *yes, struct err *e)
{
    struct db_val p[] = {DB_INT(practitioner_id), DB_INT(clinic_id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT 1 FROM practitioner_clinics pc JOIN practitioners p ON p.id = "
                 "pc.practitioner_id WHERE pc.practitioner_id = $1 AND pc.clinic_id = $2 AND "
                 "p.deleted_at IS NULL",
                 p, 2, &r, e) < 0)
        return -1;
    *yes = db_res_rows(r) > 0;
    db_res_free(r);
    return 0;
}

int store_clinic_practitioners(struct db *db, struct arena *a, long long clinic_id, long long **ids,
                               int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT p.id FROM practitioner_clinics pc JOIN practitioners p ON p.id = "
                 "pc.practitioner_id WHERE pc.clinic_id = $1 AND p.deleted_at IS NULL "
                 "ORDER BY p.id LIMIT 100",
                 p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *ids = arena_alloc(a, sizeof **ids * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        (*ids)[i] = db_res_int(r, i, 0);
    db_res_free(r);
    return 0;
}

static int spans(struct db *db, struct arena *a, const char *sql, const struct db_val *p, int np,
                 struct span **out, int *n, struct err *e)
{
    struct db_res *r;
    if (db_query(db, sql, p, np, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *out = arena_alloc(a, sizeof **out * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++) {
        (*out)[i].start = db_res_int(r, i, 0);
        (*out)[i].end = db_res_int(r, i, 1);
    }
    db_res_free(r);
    return 0;
}

int store_busy_practitioner(struct db *db, struct arena *a, long long practitioner_id,
                            long long from, long long to, long long exclude_id, struct span **out,
                            int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(practitioner_id), DB_INT(from), DB_INT(to), DB_INT(exclude_id)};
    return spans(db, a,
                 "SELECT start_at, block_end_at FROM appointments WHERE practitioner_id = $1 AND "
                 "status = 'booked' AND start_at < $3 AND block_end_at > $2 AND id <> $4 "
                 "UNION ALL SELECT start_at, end_at FROM time_off WHERE practitioner_id = $1 AND "
                 "start_at < $3 AND end_at > $2",
                 p, 4, out, n, e);
}

int store_busy_chair(struct db *db, struct arena *a, long long chair_id, long long from,
                     long long to, long long exclude_id, struct span **out, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(chair_id), DB_INT(from), DB_INT(to), DB_INT(exclude_id)};
    return spans(db, a,
                 "SELECT start_at, block_end_at FROM appointments WHERE chair_id = $1 AND "
                 "status = 'booked' AND start_at < $3 AND block_end_at > $2 AND id <> $4",
                 p, 4, out, n, e);
}

static int history(struct db *db, long long id, long long now, long long user_id,
                   const char *action, long long old_start, long long old_end, long long new_start,
                   long long new_end, const char *reason, struct err *e)
{
    struct db_val p[] = {DB_INT(id),       DB_INT(now),      DB_ID(user_id),
                         DB_TEXT(action),  DB_ID(old_start), DB_ID(old_end),
                         DB_ID(new_start), DB_ID(new_end),   DB_TEXT(reason)};
    return db_exec(db,
                   "INSERT INTO appointment_history (appointment_id, at, user_id, action, "
                   "old_start_at, old_end_at, new_start_at, new_end_at, reason) VALUES ($1, $2, "
                   "$3, $4, $5, $6, $7, $8, $9)",
                   p, 9, NULL, e);
}

#define APPT_COLS                                                                                  \
    "id, clinic_id, practitioner_id, client_id, chair_id, kind, mode, start_at, end_at, "          \
    "block_end_at, status, cancel_reason, course_id, session_no, backfill, sequence, "             \
    "created_at, updated_at"

static void read_appt(struct arena *a, struct db_res *r, int i, struct appointment *x)
{
    x->id = db_res_int(r, i, 0);
    x->clinic_id = db_res_int(r, i, 1);
    x->practitioner_id = db_res_int(r, i, 2);
    x->client_id = db_res_int(r, i, 3);
    x->chair_id = db_res_int(r, i, 4);
    x->kind = arena_strdup(a, db_res_text(r, i, 5));
    x->mode = arena_strdup(a, db_res_text(r, i, 6));
    x->start_at = db_res_int(r, i, 7);
    x->end_at = db_res_int(r, i, 8);
    x->block_end_at = db_res_int(r, i, 9);
    x->status = arena_strdup(a, db_res_text(r, i, 10));
    x->cancel_reason = arena_strdup(a, db_res_text(r, i, 11));
    x->course_id = db_res_int(r, i, 12);
    x->session_no = (int)db_res_int(r, i, 13);
    x->backfill = (int)db_res_int(r, i, 14);
    x->sequence = (int)db_res_int(r, i, 15);
    x->created_at = db_res_int(r, i, 16);
    x->updated_at = db_res_int(r, i, 17);
}

int store_appt_add(struct db *db, struct appointment *x, long long user_id, long long now,
                   struct err *e)
{
    struct db_val p[] = {DB_INT(x->clinic_id),    DB_INT(x->practitioner_id),
                         DB_INT(x->client_id),    DB_ID(x->chair_id),
                         DB_TEXT(x->kind),        DB_TEXT(x->mode),
                         DB_INT(x->start_at),     DB_INT(x->end_at),
                         DB_INT(x->block_end_at), DB_ID(x->course_id),
                         DB_ID(x->session_no),    DB_INT(x->backfill),
                         DB_ID(user_id),          DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO appointments (clinic_id, practitioner_id, client_id, chair_id, kind, "
                 "mode, start_at, end_at, block_end_at, course_id, session_no, backfill, "
                 "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                 "$10, $11, $12, $13, $14, $14) RETURNING id",
                 p, 14, &r, e) < 0) {
        if (e->code == ERR_CONFLICT)
            err_set(e, ERR_CONFLICT, "start", "that time has just been taken");
        return -1;
    }
    x->id = db_res_int(r, 0, 0);
    db_res_free(r);
    x->status = "booked";
    x->sequence = 0;
    x->created_at = x->updated_at = now;
    return history(db, x->id, now, user_id, "booked", 0, 0, x->start_at, x->end_at, NULL, e);
}

int store_appt_get(struct db *db, struct arena *a, long long id, struct appointment *out,
                   struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, "SELECT " APPT_COLS " FROM appointments WHERE id = $1", p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no appointment %lld", id);
    else
        read_appt(a, r, 0, out);
    db_res_free(r);
    return rc;
}

int store_appt_move(struct db *db, struct appointment *x, long long old_start, long long old_end,
                    long long user_id, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(x->start_at),
                         DB_INT(x->end_at),
                         DB_INT(x->block_end_at),
                         DB_INT(x->practitioner_id),
                         DB_ID(x->chair_id),
                         DB_INT(now),
                         DB_INT(x->id)};
    long long changed;
    if (db_exec(db,
                "UPDATE appointments SET start_at = $1, end_at = $2, block_end_at = $3, "
                "practitioner_id = $4, chair_id = $5, sequence = sequence + 1, updated_at = $6 "
                "WHERE id = $7 AND status = 'booked'",
                p, 7, &changed, e) < 0) {
        if (e->code == ERR_CONFLICT)
            err_set(e, ERR_CONFLICT, "start", "that time has just been taken");
        return -1;
    }
    if (!changed)
        return err_set(e, ERR_CONFLICT, NULL, "the appointment is cancelled");
    x->sequence++;
    x->updated_at = now;
    return history(db, x->id, now, user_id, "moved", old_start, old_end, x->start_at, x->end_at,
                   NULL, e);
}

int store_appt_cancel(struct db *db, struct appointment *x, const char *reason, long long user_id,
                      long long now, struct err *e)
{
    struct db_val p[] = {DB_TEXT(reason), DB_INT(now), DB_INT(x->id)};
    long long changed;
    if (db_exec(db,
                "UPDATE appointments SET status = 'cancelled', cancel_reason = $1, "
                "sequence = sequence + 1, updated_at = $2 WHERE id = $3 AND status = 'booked'",
                p, 3, &changed, e) < 0)
        return -1;
    if (!changed)
        return err_set(e, ERR_CONFLICT, NULL, "the appointment is already cancelled");
    x->status = "cancelled";
    x->cancel_reason = (char *)reason;
    x->sequence++;
    x->updated_at = now;
    return history(db, x->id, now, user_id, "cancelled", x->start_at, x->end_at, 0, 0, reason, e);
}

int store_appt_list(struct db *db, struct arena *a, const struct appt_filter *f,
                    struct appointment **items, int *n, struct err *e)
{
    struct db_val p[] = {
        DB_ID(f->clinic_id),         DB_ID(f->practitioner_id), DB_ID(f->client_id),
        DB_ID(f->course_id),         DB_INT(f->from),           DB_INT(f->to),
        DB_INT(f->include_cancelled)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " APPT_COLS " FROM appointments WHERE "
                 "(CAST($1 AS BIGINT) IS NULL OR clinic_id = $1) AND "
                 "(CAST($2 AS BIGINT) IS NULL OR practitioner_id = $2) AND "
                 "(CAST($3 AS BIGINT) IS NULL OR client_id = $3) AND "
                 "(CAST($4 AS BIGINT) IS NULL OR course_id = $4) AND "
                 "start_at < $6 AND end_at > $5 AND ($7 = 1 OR status = 'booked') "
                 "ORDER BY start_at, id LIMIT 2000",
                 p, 7, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_appt(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_appt_history(struct db *db, struct arena *a, long long appointment_id,
                       struct appt_history **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(appointment_id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT at, user_id, action, old_start_at, old_end_at, new_start_at, new_end_at, "
                 "reason FROM appointment_history WHERE appointment_id = $1 ORDER BY id",
                 p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++) {
        struct appt_history *h = &(*items)[i];
        h->at = db_res_int(r, i, 0);
        h->user_id = db_res_int(r, i, 1);
        h->action = arena_strdup(a, db_res_text(r, i, 2));
        h->old_start_at = db_res_int(r, i, 3);
        h->old_end_at = db_res_int(r, i, 4);
        h->new_start_at = db_res_int(r, i, 5);
        h->new_end_at = db_res_int(r, i, 6);
        h->reason = arena_strdup(a, db_res_text(r, i, 7));
    }
    db_res_free(r);
    return 0;
}

int store_course_add(struct db *db, struct course *c, long long now, struct err *e)
{
    char gaps[128] = "", durations[128] = "";
    size_t gl = 0, dl = 0;
    for (int i = 0; i < c->sessions; i++) {
        dl += (size_t)snprintf(durations + dl, sizeof durations - dl, "%s%d", i ? "," : "",
                               c->duration_min[i]);
        if (i + 1 < c->sessions)
            gl += (size_t)snprintf(gaps + gl, sizeof gaps - gl, "%s%d-%d", i ? "," : "",
                                   c->gap_min[i], c->gap_max[i]);
    }
    const char *gaps_text = gaps, *durations_text = durations;
    struct db_val p[] = {DB_INT(c->client_id), DB_INT(c->clinic_id), DB_TEXT(c->protocol),
                         DB_INT(c->sessions),  DB_TEXT(gaps_text),   DB_TEXT(durations_text),
                         DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO courses (client_id, clinic_id, protocol, sessions, gaps, durations, "
                 "status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'planning', $7, "
                 "$7) RETURNING id",
                 p, 7, &r, e) < 0)
        return -1;
    c->id = db_res_int(r, 0, 0);
    db_res_free(r);
    c->status = "planning";
    c->created_at = c->updated_at = now;
    return 0;
}

int store_course_get(struct db *db, struct arena *a, long long id, struct course *c, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT id, client_id, clinic_id, protocol, sessions, gaps, durations, status, "
                 "created_at, updated_at FROM courses WHERE id = $1",
                 p, 1, &r, e) < 0)
        return -1;
    if (db_res_rows(r) == 0) {
        db_res_free(r);
        return err_set(e, ERR_NOT_FOUND, NULL, "no course %lld", id);
    }
    memset(c, 0, sizeof *c);
    c->id = db_res_int(r, 0, 0);
    c->client_id = db_res_int(r, 0, 1);
    c->clinic_id = db_res_int(r, 0, 2);
    c->protocol = arena_strdup(a, db_res_text(r, 0, 3));
    c->sessions = (int)db_res_int(r, 0, 4);
    const char *g = db_res_text(r, 0, 5), *d = db_res_text(r, 0, 6);
    for (int i = 0; g && *g && i < 3; i++) {
        char *end;
        c->gap_min[i] = (int)strtol(g, &end, 10);
        c->gap_max[i] = *end == '-' ? (int)strtol(end + 1, &end, 10) : c->gap_min[i];
        g = *end == ',' ? end + 1 : end;
    }
    for (int i = 0; d && *d && i < 4; i++) {
        char *end;
        c->duration_min[i] = (int)strtol(d, &end, 10);
        d = *end == ',' ? end + 1 : end;
    }
    c->status = arena_strdup(a, db_res_text(r, 0, 7));
    c->created_at = db_res_int(r, 0, 8);
    c->updated_at = db_res_int(r, 0, 9);
    db_res_free(r);
    return 0;
}

int store_course_set_status(struct db *db, long long id, const char *status, long long now,
                            struct err *e)
{
    struct db_val p[] = {DB_TEXT(status), DB_INT(now), DB_INT(id)};
    return db_exec(db, "UPDATE courses SET status = $1, updated_at = $2 WHERE id = $3", p, 3, NULL,
                   e);
}

int store_feed_token_add(struct db *db, const char *token_hash, long long practitioner_id,
                         long long now, struct err *e)
{
    struct db_val p[] = {DB_TEXT(token_hash), DB_INT(practitioner_id), DB_INT(now)};
    return db_exec(db,
                   "INSERT INTO feed_tokens (token_hash, practitioner_id, created_at) VALUES ($1, "
                   "$2, $3)",
                   p, 3, NULL, e);
}

int store_feed_token_practitioner(struct db *db, const char *token_hash, long long *practitioner_id,
                                  struct err *e)
{
    struct db_val p[] = {DB_TEXT(token_hash)};
    struct db_res *r;
    if (db_query(db, "SELECT practitioner_id FROM feed_tokens WHERE token_hash = $1", p, 1, &r, e) <
        0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no such calendar feed");
    else
        *practitioner_id = db_res_int(r, 0, 0);
    db_res_free(r);
    return rc;
}
