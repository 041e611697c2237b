/*
 * store_design.h — hairline design versions per client, in SQL.
 */
#ifndef STIPPLE_STORE_DESIGN_H
#define STIPPLE_STORE_DESIGN_H

#include "store/db.h"
#include "util/mem.h"

struct design_row {
    long long id, client_id, consultation_id, created_at;
    int version;
    char *design;      /* the design file's JSON text */
    char *area_cm2;    /* decimal text */
    char *impressions; /* "a,b,c" per session */
};

/* store_design_add stores r as the next version for its client (sets id, version). */
int store_design_add(struct db *db, struct design_row *r, long long user_id, long long now,
                     struct err *e);
int store_design_get(struct db *db, struct arena *a, long long id, struct design_row *r,
                     struct err *e);
/* store_design_list returns the versions of client_id, newest first. */
int store_design_list(struct db *db, struct arena *a, long long client_id,
                      struct design_row **items, int *n, struct err *e);
/* store_clinic_rate returns the clinic's impressions per hour (4500 when unknown). */
int store_clinic_rate(struct db *db, long long clinic_id, int *per_hour, struct err *e);

#endif
