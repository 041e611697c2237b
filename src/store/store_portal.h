/*
 * store_portal.h — the client portal's sign-in in SQL: one-time links (used once, expiring) and
 * the sessions they open; plus finding a client's records by email for sending a link.
 */
#ifndef STIPPLE_STORE_PORTAL_H
#define STIPPLE_STORE_PORTAL_H

#include "store/db.h"
#include "util/mem.h"

int store_portal_link_add(struct db *db, const char *hash, long long client_id,
                          long long expires_at, long long now, struct err *e);

/* store_portal_link_use marks the link with hash used (if unused and unexpired at now) and
 * answers its client; ERR_NOT_FOUND for any link that does not work (any more). */
int store_portal_link_use(struct db *db, const char *hash, long long now, long long *client_id,
                          struct err *e);

int store_portal_session_add(struct db *db, const char *hash, long long client_id, const char *csrf,
                             long long expires_at, long long now, struct err *e);

/* store_portal_session finds the live session with hash: its client and CSRF token. */
int store_portal_session(struct db *db, struct arena *a, const char *hash, long long now,
                         long long *client_id, char **csrf, struct err *e);

int store_portal_session_delete(struct db *db, const char *hash, struct err *e);

/* store_clients_by_email lists the live clients with this email (any clinic, at most 10). */
int store_clients_by_email(struct db *db, struct arena *a, const char *email, long long **ids,
                           int *n, struct err *e);

#endif
