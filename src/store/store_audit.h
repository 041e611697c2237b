/*
 * store_audit.h — the audit log of who touched which client record, in SQL.
 */
#ifndef STIPPLE_STORE_AUDIT_H
#define STIPPLE_STORE_AUDIT_H

#include "domain/model.h"
#include "store/db.h"
#include "util/mem.h"

/* store_audit_add appends entry (its id and entity are ignored / must be set respectively)
 * within the caller's transaction. */
int store_audit_add(struct db *db, const struct audit_entry *entry, struct err *e);

/* store_audit_add_many appends n entries within the caller's transaction, several rows per
 * statement (the batched read audit). */
int store_audit_add_many(struct db *db, const struct audit_entry *v, int n, struct err *e);

/* store_audit_list returns up to limit entries, newest first, with id below before_id (0: from
 * the newest), for client_id (0: all clients). *next_id is the cursor of the next page, or 0. */
int store_audit_list(struct db *db, struct arena *a, long long client_id, long long before_id,
                     int limit, struct audit_entry **items, int *n, long long *next_id,
                     struct err *e);

#endif
