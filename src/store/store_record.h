/*
 * store_record.h — pigment and needle lots, session records with their history, lot exposures
 * (every client a lot touched) and follow-up tasks, in SQL. A record's body is the JSON text the
 * API validated; the lots it used are rows, so exposures are a join.
 */
#ifndef STIPPLE_STORE_RECORD_H
#define STIPPLE_STORE_RECORD_H

#include "store/db.h"
#include "util/mem.h"

#include <stdbool.h>

struct lot {
    long long id, retired_at, created_at, updated_at;
    char *kind, *product, *shade, *lot, *expires_on;
};

/* store_lot_add stores x (sets id and times); ERR_CONFLICT when kind, product and lot exist. */
int store_lot_add(struct db *db, struct lot *x, long long now, struct err *e);
int store_lot_get(struct db *db, struct arena *a, long long id, struct lot *x, struct err *e);
/* store_lot_update writes product, shade, lot and expires_on of x. */
int store_lot_update(struct db *db, const struct lot *x, long long now, struct err *e);
int store_lot_retire(struct db *db, long long id, long long now, struct err *e);
/* store_lot_list lists lots (kind and code NULL: any; code matches the lot code exactly),
 * retired ones only when asked, newest first (at most 500). */
int store_lot_list(struct db *db, struct arena *a, const char *kind, const char *code, bool retired,
                   struct lot **items, int *n, struct err *e);

struct exposure {
    long long client_id, appointment_id;
    char *date, *client_name;
    bool removed; /* taken off the record by a later edit */
};

/* store_lot_exposures lists every session record that used lot id, by date — also those from
 * which a later edit took the lot off. */
int store_lot_exposures(struct db *db, struct arena *a, long long id, struct exposure **items,
                        int *n, struct err *e);

struct record {
    long long id, appointment_id, client_id, created_at, updated_at, created_by, updated_by;
    char *session_on, *body;
    int version;
    long long *lot_ids;
    int n_lots;
};

/* store_record_by_appt reads the record of appointment id; ERR_NOT_FOUND when there is none. */
int store_record_by_appt(struct db *db, struct arena *a, long long appointment_id, struct record *r,
                         struct err *e);

/* store_record_add stores r with its lots (version 1); ERR_CONFLICT when the appointment has a
 * record already. */
int store_record_add(struct db *db, struct record *r, long long user_id, long long now,
                     struct err *e);

/* store_record_update keeps the current version in the history, then writes r's body and lots
 * as the next version (r->version is set). */
int store_record_update(struct db *db, struct arena *a, struct record *r, long long user_id,
                        long long now, struct err *e);

struct record_version {
    int version;
    char *body, *lot_ids;
    long long changed_by, changed_at;
};

/* store_record_history lists the earlier versions of record id, oldest first. */
int store_record_history(struct db *db, struct arena *a, long long id,
                         struct record_version **items, int *n, struct err *e);

struct task {
    long long id, client_id, clinic_id, record_id, done_at, created_at;
    char *kind, *title, *due_on;
};

int store_task_add(struct db *db, struct task *t, long long now, struct err *e);
/* store_task_list lists the open tasks of clinic_id (0: every clinic), soonest first. */
int store_task_list(struct db *db, struct arena *a, long long clinic_id, struct task **items,
                    int *n, struct err *e);
/* store_task_done closes task id; ERR_NOT_FOUND when there is no open task id. */
int store_task_done(struct db *db, long long id, long long now, struct err *e);

#endif
