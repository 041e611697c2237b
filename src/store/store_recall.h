/*
 * store_recall.h — touch-up recall in SQL: each clinic's rule, and for every client of a clinic
 * with a recorded session the facts the prediction needs (last session, oily skin and high sun
 * from the latest consultation, whether a touch-up is already booked).
 */
#ifndef STIPPLE_STORE_RECALL_H
#define STIPPLE_STORE_RECALL_H

#include "domain/aftercare.h"
#include "store/db.h"
#include "util/mem.h"

/* store_recall_rules reads clinic_id's rule (recall_defaults when none is stored). */
int store_recall_rules(struct db *db, long long clinic_id, struct recall_rules *r, struct err *e);
int store_recall_rules_put(struct db *db, long long clinic_id, const struct recall_rules *r,
                           long long now, struct err *e);

struct recall_fact {
    long long client_id;
    char *first_name, *last_name, *email, *phone, *last_session_on;
    bool oily, high_sun, touch_up_booked;
};

/* store_recall_facts lists the clients of clinic_id with at least one session record (at most
 * 5000, by last session). now decides which touch-ups are still to come. */
int store_recall_facts(struct db *db, struct arena *a, long long clinic_id, long long now,
                       struct recall_fact **items, int *n, struct err *e);

#endif
