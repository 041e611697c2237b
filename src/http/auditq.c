/*
 * auditq.c — batched writing of read-audit entries (see auditq.h).
 */
#include "http/auditq.h"

#include "store/store_audit.h"
#include "store/store_user.h"
#include "util/mem.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { FLUSH_AT = 1000, MAX_QUEUED = 200000, EXPIRE_EVERY_S = 600 };

struct auditq {
    const struct config *cfg;
    struct db *db;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stop;
    struct audit_entry *v;
    size_t n, cap;
    int failures;         /* batches refused in a row */
    struct timespec next; /* no flush before this (backoff after a failure) */
    time_t last_expire;
};

static void free_entries(struct audit_entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].user_email);
        free(v[i].entity);
        free(v[i].request_id);
    }
    free(v);
}

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

int auditq_push(struct auditq *q, const struct audit_entry *x)
{
    pthread_mutex_lock(&q->lock);
    int rc = 0;
    if (q->n >= MAX_QUEUED) {
        rc = -1;
    } else {
        if (q->n == q->cap) {
            q->cap = q->cap ? q->cap * 2 : 256;
            q->v = xrealloc(q->v, sizeof *q->v * q->cap);
        }
        struct audit_entry *d = &q->v[q->n++];
        *d = *x;
        d->user_email = dup_or_null(x->user_email);
        d->entity = dup_or_null(x->entity);
        d->request_id = dup_or_null(x->request_id);
        if (q->n >= FLUSH_AT && !q->failures)
            pthread_cond_signal(&q->wake);
    }
    pthread_mutex_unlock(&q->lock);
    return rc;
}

static void after(struct timespec *t, long ms)
{
    clock_gettime(CLOCK_REALTIME, t);
    t->tv_sec += ms / 1000;
    t->tv_nsec += (ms % 1000) * 1000000L;
    if (t->tv_nsec >= 1000000000L) {
        t->tv_sec++;
        t->tv_nsec -= 1000000000L;
    }
}

/* Writes v[0..n) in one transaction; on failure they are put back, in front, to be tried again
 * after a pause that doubles with each failure in a row (0.5 s up to 30 s). */
static void write_batch(struct auditq *q, struct audit_entry *v, size_t n)
{
    struct err e = {0};
    int rc = db_begin(q->db, true, &e);
    if (rc == 0)
        rc = store_audit_add_many(q->db, v, (int)n, &e);
    if (rc == 0)
        rc = db_commit(q->db, &e);
    else
        db_rollback(q->db);
    pthread_mutex_lock(&q->lock);
    if (rc == 0) {
        if (q->failures)
            fprintf(stderr, "stipple: audit: writing again after %d refused batch(es)\n",
                    q->failures);
        q->failures = 0;
        pthread_mutex_unlock(&q->lock);
        free_entries(v, n);
        return;
    }
    long pause = 500L << (q->failures < 6 ? q->failures : 6);
    if (pause > 30000)
        pause = 30000;
    q->failures++;
    after(&q->next, pause);
    fprintf(stderr,
            "stipple: audit: the database refused %zu entries (%s); retrying in %.1f s; client "
            "records are refused once %d are waiting\n",
            n, e.msg, (double)pause / 1000, MAX_QUEUED);
    if (q->n + n > q->cap) {
        q->cap = q->n + n;
        q->v = xrealloc(q->v, sizeof *q->v * q->cap);
    }
    memmove(q->v + n, q->v, sizeof *q->v * q->n);
    memcpy(q->v, v, sizeof *v * n);
    q->n += n;
    pthread_mutex_unlock(&q->lock);
    free(v);
}

static void flush(struct auditq *q)
{
    pthread_mutex_lock(&q->lock);
    struct audit_entry *v = q->v;
    size_t n = q->n;
    q->v = NULL;
    q->n = q->cap = 0;
    pthread_mutex_unlock(&q->lock);
    if (n)
        write_batch(q, v, n);
    else
        free(v);
}

static void expire(struct auditq *q)
{
    time_t now = time(NULL);
    if (now - q->last_expire < EXPIRE_EVERY_S)
        return;
    q->last_expire = now;
    struct err e;
    long long max_s = (long long)q->cfg->session_max_hours * 3600;
    if (store_expire(q->db, now - max_s, now - 86400, &e) < 0)
        fprintf(stderr, "stipple: expiring sessions failed: %s\n", e.msg);
}

static void *run(void *arg)
{
    struct auditq *q = arg;
    /* Background work: let request threads go first when the cores are busy. */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
    pthread_mutex_lock(&q->lock);
    while (!q->stop) {
        /* every half second (an entry waits at most ~0.5 s), sooner when many are waiting,
         * later while the database refuses */
        struct timespec until;
        if (q->failures)
            until = q->next;
        else
            after(&until, 500);
        if (q->failures || q->n < FLUSH_AT)
            pthread_cond_timedwait(&q->wake, &q->lock, &until);
        if (q->stop)
            break;
        pthread_mutex_unlock(&q->lock);
        flush(q);
        expire(q);
        pthread_mutex_lock(&q->lock);
    }
    pthread_mutex_unlock(&q->lock);
    flush(q);
    if (q->n)
        fprintf(stderr, "stipple: audit: %zu read entries could not be written before stopping\n",
                q->n);
    return NULL;
}

struct auditq *auditq_start(const struct config *cfg)
{
    struct auditq *q = xcalloc(1, sizeof *q);
    struct err e;
    q->cfg = cfg;
    if (db_open(cfg->db, cfg->sqlite_sync, &q->db, &e) < 0) {
        fprintf(stderr, "stipple: audit: %s\n", e.msg);
        free(q);
        return NULL;
    }
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->wake, NULL);
    if (pthread_create(&q->thread, NULL, run, q) != 0) {
        db_close(q->db);
        free(q);
        return NULL;
    }
    return q;
}

void auditq_stop(struct auditq *q)
{
    if (!q)
        return;
    pthread_mutex_lock(&q->lock);
    q->stop = true;
    pthread_cond_signal(&q->wake);
    pthread_mutex_unlock(&q->lock);
    pthread_join(q->thread, NULL);
    db_close(q->db);
    pthread_mutex_destroy(&q->lock);
    pthread_cond_destroy(&q->wake);
    free_entries(q->v, q->n);
    free(q);
}
