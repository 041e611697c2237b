/*
 * app.c — the shared server state (see app.h): per-thread database connections opened on first
 * use and closed when the thread ends, the metrics, and the audit queue.
 */
#include "http/app.h"

#include "http/routes.h"

#include <stdio.h>

static void close_db(void *db)
{
    db_close(db);
}

int app_init(struct app *a, const struct config *cfg, enum db_kind kind, struct err *e)
{
    a->cfg = cfg;
    a->kind = kind;
    if (pthread_key_create(&a->db_key, close_db) != 0)
        return err_set(e, ERR_INTERNAL, NULL, "cannot create a thread key");
    a->metrics = metrics_new(routes_count);
    a->auditq = auditq_start(cfg);
    if (!a->auditq) {
        metrics_free(a->metrics);
        return err_set(e, ERR_UNAVAILABLE, "db", "cannot start the audit writer");
    }
    return 0;
}

struct db *app_db(struct app *a, struct err *e)
{
    struct db *db = pthread_getspecific(a->db_key);
    if (db)
        return db;
    if (db_open(a->cfg->db, a->cfg->sqlite_sync, &db, e) < 0) {
        fprintf(stderr, "stipple: database: %s\n", e->msg);
        return NULL;
    }
    pthread_setspecific(a->db_key, db);
    return db;
}

void app_finish(struct app *a)
{
    auditq_stop(a->auditq);
    a->auditq = NULL;
    struct db *db = pthread_getspecific(a->db_key);
    if (db) {
        db_close(db);
        pthread_setspecific(a->db_key, NULL);
    }
    metrics_free(a->metrics);
    a->metrics = NULL;
}
