/*
 * store_practitioner.h — practitioners and the clinics they work at, in SQL.
 *
 * Deleting a practitioner is soft (their past work keeps its name); a deleted one is not found.
 * Strings and id arrays returned live in the given arena.
 */
#ifndef STIPPLE_STORE_PRACTITIONER_H
#define STIPPLE_STORE_PRACTITIONER_H

#include "domain/model.h"
#include "store/db.h"
#include "util/mem.h"

/* store_practitioner_add inserts p with its clinic links and sets id and times. ERR_CONFLICT
 * (field email) when a live practitioner has the email; ERR_INVALID (field clinic_ids or
 * user_id) when a referenced clinic or user does not exist. */
int store_practitioner_add(struct db *db, struct arena *a, struct practitioner *p, long long now,
                           struct err *e);

/* store_practitioner_get loads practitioner id; ERR_NOT_FOUND when there is none. */
int store_practitioner_get(struct db *db, struct arena *a, long long id, struct practitioner *p,
                           struct err *e);

/* store_practitioner_list pages practitioners in name order (as store_clinic_list). */
int store_practitioner_list(struct db *db, struct arena *a, const char *q,
                            const struct cursor *after, int limit, struct practitioner **items,
                            int *n, struct cursor *next, struct err *e);

/* store_practitioner_update writes every field of p, replacing its clinic links. */
int store_practitioner_update(struct db *db, struct arena *a, struct practitioner *p, long long now,
                              struct err *e);

/* store_practitioner_delete marks practitioner id deleted. */
int store_practitioner_delete(struct db *db, long long id, long long now, struct err *e);

#endif
