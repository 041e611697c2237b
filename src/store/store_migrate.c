/*
 * store_migrate.c — versioned schema migrations embedded in the binary.
 *
 * src/store/migrations/ holds NNNN_name.sql (both backends) or NNNN_name.sqlite.sql and
 * NNNN_name.postgresql.sql (DDL that differs); the build embeds them. A migration is applied in
 * a write transaction together with its schema_migrations row, so it happens wholly or not at
 * all; on PostgreSQL an advisory lock makes concurrent starters take turns.
 */
#include "store/store_migrate.h"

#include "util/embed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char create_table[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

/* Returns the file of migration version v meant for kind, or NULL. */
static const struct embed_file *migration(int v, enum db_kind kind)
{
    const char *want = db_kind_name(kind);
    for (size_t i = 0; i < migration_files_count; i++) {
        const char *n = migration_files[i].name;
        if (atoi(n) != v)
            continue;
        const char *dot = strchr(n, '.');
        if (dot && strcmp(dot, ".sql") == 0)
            return &migration_files[i];
        if (dot && strncmp(dot + 1, want, strlen(want)) == 0 &&
            strcmp(dot + 1 + strlen(want), ".sql") == 0)
            return &migration_files[i];
    }
    return NULL;
}

int store_latest_version(void)
{
    int v = 0;
    for (size_t i = 0; i < migration_files_count; i++)
        if (atoi(migration_files[i].name) > v)
            v = atoi(migration_files[i].name);
    return v;
}

/* Starts a write transaction that, on PostgreSQL, also holds the migration lock, so processes
 * starting together take turns. */
static int begin_locked(struct db *db, struct err *e)
{
    if (db_begin(db, true, e) < 0)
        return -1;
    if (db_lock(db, DB_LOCK_MIGRATE, e) < 0) {
        db_rollback(db);
        return -1;
    }
    return 0;
}

int store_schema_version(struct db *db, struct err *e)
{
    struct db_res *r;
    if (begin_locked(db, e) < 0)
        return -1;
    if (db_exec(db, create_table, NULL, 0, NULL, e) < 0 || db_commit(db, e) < 0) {
        db_rollback(db);
        return -1;
    }
    if (db_query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", NULL, 0, &r, e) < 0)
        return -1;
    int v = (int)db_res_int(r, 0, 0);
    db_res_free(r);
    return v;
}

int store_migrate(struct db *db, int *applied, struct err *e)
{
    int latest = store_latest_version(), done = 0;
    if (applied)
        *applied = 0;
    if (store_schema_version(db, e) < 0)
        return -1;
    for (int v = 1; v <= latest; v++) {
        const struct embed_file *f = migration(v, db_kind(db));
        if (!f)
            return err_set(e, ERR_INTERNAL, NULL, "migration %04d is missing for %s", v,
                           db_kind_name(db_kind(db)));
        if (begin_locked(db, e) < 0)
            return -1;
        struct db_res *r;
        struct db_val p[] = {DB_INT(v)};
        if (db_query(db, "SELECT 1 FROM schema_migrations WHERE version = $1", p, 1, &r, e) < 0)
            goto fail;
        int have = db_res_rows(r);
        db_res_free(r);
        if (have) {
            db_rollback(db);
            continue;
        }
        struct db_val ins[] = {DB_INT(v), DB_TEXT(f->name), DB_INT((long long)time(NULL))};
        if (db_script(db, (const char *)f->data, e) < 0 ||
            db_exec(db,
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    ins, 3, NULL, e) < 0)
            goto fail;
        if (db_commit(db, e) < 0)
            return -1;
        done++;
    }
    if (applied)
        *applied = done;
    int now = store_schema_version(db, e);
    if (now < 0)
        return -1;
    if (now > latest)
        return err_set(
            e, ERR_CONFLICT, "db",
            "the database is at schema %d but this stipple knows only %d: upgrade stipple", now,
            latest);
    return 0;
fail:
    db_rollback(db);
    return -1;
}
