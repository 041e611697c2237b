/*
 * store_client.h — client records and their search terms, in SQL.
 *
 * Deleting a client is soft: the row stays (history and audit keep their meaning) but is never
 * found again. Strings returned live in the given arena.
 */
#ifndef STIPPLE_STORE_CLIENT_H
#define STIPPLE_STORE_CLIENT_H

#include "domain/model.h"
#include "store/db.h"
#include "util/mem.h"

/* store_client_add inserts c with its search terms and sets id and times; ERR_INVALID (field
 * clinic_id) when the clinic does not exist. */
int store_client_add(struct db *db, struct arena *a, struct client *c, long long now,
                     struct err *e);

/* store_client_get loads live client id; ERR_NOT_FOUND when there is none. */
int store_client_get(struct db *db, struct arena *a, long long id, struct client *c, struct err *e);

/* store_client_list pages live clients in last-name, first-name order. words (n_words, may be
 * 0) must each prefix-match a term of the client; clinic_id (0: any) filters by clinic. */
int store_client_list(struct db *db, struct arena *a, char **words, int n_words,
                      long long clinic_id, const struct cursor *after, int limit,
                      struct client **items, int *n, struct cursor *next, struct err *e);

/* store_client_update writes every field of live client c->id and refreshes its terms. */
int store_client_update(struct db *db, struct arena *a, struct client *c, long long now,
                        struct err *e);

/* store_client_delete soft-deletes live client id. */
int store_client_delete(struct db *db, long long id, long long now, struct err *e);

/* store_client_bulk_add inserts n clients in one transaction (demo data and benchmarks). */
int store_client_bulk_add(struct db *db, struct client *items, int n, long long now, struct err *e);

#endif
