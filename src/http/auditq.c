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
    unsigned long long dropped;
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

void auditq_push(struct auditq *q, const struct audit_entry *x)
{
    pthread_mutex_lock(&q->lock);
    if (q->n >= MAX_QUEUED) {
        q->dropped++;
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
        if (q->n >= FLUSH_AT)
            pthread_cond_signal(&q->wake);
    }
    pthread_mutex_unlock(&q->lock);
}

/* Writes v[0..n) in one transaction; on failure they are put back to be tried again. */
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
    if (rc == 0) {
        free_entries(v, n);
        return;
    }
    fprintf(stderr, "stipple: audit: writing %zu entries failed, will retry: %s\n", n, e.msg);
    pthread_mutex_lock(&q->lock);
    if (q->n + n > MAX_QUEUED) {
        q->dropped += n;
        pthread_mutex_unlock(&q->lock);
        free_entries(v, n);
        return;
    }
    /* put the failed batch in front so the log stays in order */
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
    unsigned long long dropped = q->dropped;
    q->v = NULL;
    q->n = q->cap = 0;
    q->dropped = 0;
    pthread_mutex_unlock(&q->lock);
    if (dropped)
        fprintf(stderr,
                "stipple: audit: %llu read entries were lost: the database refused them "
                "for too long\n",
                dropped);
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
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 500 * 1000000L; /* every half second: an entry waits at most ~0.5 s */
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        if (q->n < FLUSH_AT)
            pthread_cond_timedwait(&q->wake, &q->lock, &until);
        pthread_mutex_unlock(&q->lock);
        flush(q);
        expire(q);
        pthread_mutex_lock(&q->lock);
    }
    pthread_mutex_unlock(&q->lock);
    flush(q);
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
