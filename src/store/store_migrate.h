/*
 * store_migrate.h — bringing a database's schema up to the binary's version.
 */
#ifndef STIPPLE_STORE_MIGRATE_H
#define STIPPLE_STORE_MIGRATE_H

#include "store/db.h"

/* store_migrate applies, in order and each in its own transaction, every embedded migration the
 * database has not recorded in schema_migrations; *applied (when not NULL) gets how many.
 * Several processes may call it at once: they take turns. Fails with ERR_CONFLICT when the
 * database is newer than this binary. */
int store_migrate(struct db *db, int *applied, struct err *e);

/* store_schema_version returns the highest applied migration (0 for none), or -1 with e set. */
int store_schema_version(struct db *db, struct err *e);

/* store_latest_version returns the highest migration this binary carries. */
int store_latest_version(void);

#endif
