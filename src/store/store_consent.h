/*
 * store_consent.h — consent documents (versioned, never changed) and clients' signatures on
 * them, in SQL. Strings returned live in the given arena.
 */
#ifndef STIPPLE_STORE_CONSENT_H
#define STIPPLE_STORE_CONSENT_H

#include "domain/model.h"
#include "store/db.h"
#include "util/mem.h"

/* store_document_add stores d as the next version of its kind (sets id, version, created_at).
 * Call inside a write transaction. */
int store_document_add(struct db *db, struct consent_document *d, long long user_id, long long now,
                       struct err *e);

/* store_document_get loads document id; ERR_NOT_FOUND when there is none. */
int store_document_get(struct db *db, struct arena *a, long long id, struct consent_document *d,
                       struct err *e);

/* store_document_list returns the documents of kind (NULL: all), newest version first; with
 * current_only, only the newest version of each kind. */
int store_document_list(struct db *db, struct arena *a, const char *kind, int current_only,
                        struct consent_document **items, int *n, struct err *e);

/* store_document_current_version sets *version to the newest version of kind (0: none). */
int store_document_current_version(struct db *db, const char *kind, int *version, struct err *e);

/* store_consent_add stores a signature (sets id). */
int store_consent_add(struct db *db, struct consent *c, struct err *e);

/* store_consent_get loads signature id of a live client; ERR_NOT_FOUND otherwise. */
int store_consent_get(struct db *db, struct arena *a, long long id, struct consent *c,
                      struct err *e);

/* store_consent_list returns the signatures of client_id, newest first (signature data
 * included only when with_signature). */
int store_consent_list(struct db *db, struct arena *a, long long client_id, int with_signature,
                       struct consent **items, int *n, struct err *e);

#endif
