/*
 * store_clinic.h — clinics in SQL. Strings returned live in the given arena.
 */
#ifndef STIPPLE_STORE_CLINIC_H
#define STIPPLE_STORE_CLINIC_H

#include "domain/model.h"
#include "store/db.h"
#include "util/mem.h"

/* store_clinic_add inserts c and sets its id, created_at and updated_at. */
int store_clinic_add(struct db *db, struct arena *a, struct clinic *c, long long now,
                     struct err *e);

/* store_clinic_get loads clinic id into c; ERR_NOT_FOUND when there is none. */
int store_clinic_get(struct db *db, struct arena *a, long long id, struct clinic *c, struct err *e);

/* store_clinic_list returns up to limit clinics in name order after `after` (NULL: from the
 * start) whose name contains q (NULL: all); *next is set to the cursor of the next page, or its
 * key to NULL at the end. */
int store_clinic_list(struct db *db, struct arena *a, const char *q, const struct cursor *after,
                      int limit, struct clinic **items, int *n, struct cursor *next, struct err *e);

/* store_clinic_update writes every field of c (found by c->id) and sets updated_at. */
int store_clinic_update(struct db *db, struct arena *a, struct clinic *c, long long now,
                        struct err *e);

/* store_clinic_delete removes clinic id; ERR_CONFLICT while clients or practitioners refer to
 * it, ERR_NOT_FOUND when there is none. */
int store_clinic_delete(struct db *db, long long id, struct err *e);

#endif
