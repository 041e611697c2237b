/*
 * app.h — what every request shares: settings, metrics, the audit queue and the per-thread
 * database connections. Created once by `stipple serve`; nothing in it changes per request
 * except through its own locks and atomics.
 */
#ifndef STIPPLE_APP_H
#define STIPPLE_APP_H

#include "http/auditq.h"
#include "http/metrics.h"
#include "store/db.h"
#include "util/config.h"

#include <pthread.h>
#include <stdatomic.h>

struct app {
    const struct config *cfg;
    enum db_kind kind;
    struct metrics *metrics;
    struct auditq *auditq;
    pthread_key_t db_key;
};

/* app_init prepares a (the settings must outlive it) and starts the audit flusher. */
int app_init(struct app *a, const struct config *cfg, enum db_kind kind, struct err *e);

/* app_db returns the calling thread's database connection, opening it on first use. */
struct db *app_db(struct app *a, struct err *e);

/* app_finish flushes the audit queue and stops its thread. */
void app_finish(struct app *a);

#endif
