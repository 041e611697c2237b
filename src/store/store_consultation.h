/*
 * store_consultation.h — consultation records in SQL. Strings returned live in the given arena.
 */
#ifndef STIPPLE_STORE_CONSULTATION_H
#define STIPPLE_STORE_CONSULTATION_H

#include "domain/consultation.h"
#include "store/db.h"
#include "util/mem.h"

/* store_consultation_add inserts c (client, clinic and practitioner must exist: ERR_INVALID
 * naming client_id, clinic_id or practitioner_id otherwise) and sets its id and times. */
int store_consultation_add(struct db *db, struct consultation *c, long long user_id, long long now,
                           struct err *e);

/* store_consultation_get loads consultation id of a live client; ERR_NOT_FOUND otherwise. */
int store_consultation_get(struct db *db, struct arena *a, long long id, struct consultation *c,
                           struct err *e);

/* store_consultation_update writes every field of c (found by c->id). */
int store_consultation_update(struct db *db, struct consultation *c, long long now, struct err *e);

/* store_consultation_list returns the consultations of client_id, newest first (at most 500). */
int store_consultation_list(struct db *db, struct arena *a, long long client_id,
                            struct consultation **items, int *n, struct err *e);

#endif
