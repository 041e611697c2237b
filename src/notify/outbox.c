/*
 * outbox.c — the message worker (see outbox.h). One pass: claim up to ten due messages in a
 * short write transaction, then send each outside any transaction and record its outcome. A
 * message claimed by a server that stopped mid-send is put back after ten minutes.
 */
#include "notify/outbox.h"
#include "domain/links.h"

#include "notify/mail.h"
#include "store/store_message.h"
#include "util/mem.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A claimed batch takes at most BATCH × 60 s (libcurl's whole-transfer timeout for mail; 30 s
 * for a text). A message is taken back from a server that stopped mid-send only after twice
 * that, so a server that starts meanwhile never resends one still being sent. */
enum { BATCH = 10, MAX_ATTEMPTS = 6, SEND_MAX_S = 60, STALE_S = 2 * BATCH * SEND_MAX_S };

struct outbox {
    const struct config *cfg;
    struct db *db;
    struct sms_provider own_sms, *sms;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t wake;
    bool stopping;
};

/* Whether m should no longer go out: the client opted out, or the appointment it speaks of was
 * cancelled or moved since (a reminder of the old time would mislead). */
static const char *skip_reason(struct outbox *o, struct arena *a, const struct message *m)
{
    bool opted = false;
    struct err e;
    /* a sign-in link is asked for by the client: their opt-out is about everything else */
    if (strcmp(m->kind, "portal_link") != 0 &&
        store_client_opt_out(o->db, m->client_id, &opted, &e) == 0 && opted)
        return "the client asked for no messages";
    if (m->appointment_id && strcmp(m->kind, "cancellation") != 0) {
        char *status;
        int seq;
        if (store_appt_state(o->db, a, m->appointment_id, &status, &seq, &e) < 0)
            return "the appointment is gone";
        if (strcmp(status, "cancelled") == 0)
            return "the appointment was cancelled";
        if (seq != m->appointment_sequence)
            return "the appointment was changed since";
    }
    return NULL;
}

static int deliver(struct outbox *o, const struct message *m, char *err, size_t n)
{
    if (strcmp(m->channel, "sms") == 0) {
        if (!o->sms) {
            snprintf(err, n, "no SMS provider is set up");
            return -1;
        }
        return o->sms->send(o->sms, m->to_addr, m->body, err, n);
    }
    if (!o->cfg->smtp_url || !*o->cfg->smtp_url) {
        snprintf(err, n, "no SMTP server is set up");
        return -1;
    }
    char id[80];
    snprintf(id, sizeof id, "<message-%lld@stipple>", m->id);
    struct mail mail = {.from = o->cfg->mail_from,
                        .to = m->to_addr,
                        .subject = m->subject,
                        .body = m->body,
                        .ics = m->ics,
                        .message_id = id};
    return mail_send(o->cfg->smtp_url, &mail, err, n);
}

/* One pass over the due messages; returns how many were handled. */
static int pass(struct outbox *o)
{
    struct arena a = {0};
    struct err e;
    struct message *items;
    int n = 0;
    long long now = (long long)time(NULL);
    if (db_begin(o->db, true, &e) < 0)
        goto out;
    if (store_message_claim(o->db, &a, now, BATCH, &items, &n, &e) < 0 ||
        db_commit(o->db, &e) < 0) {
        db_rollback(o->db);
        n = 0;
        goto out;
    }
    for (int i = 0; i < n; i++) {
        const struct message *m = &items[i];
        const char *skip = skip_reason(o, &a, m);
        char why[300] = "";
        long long at = (long long)time(NULL);
        if (skip)
            store_message_done(o->db, m->id, "skipped", at, skip, at, &e);
        else if (deliver(o, m, why, sizeof why) == 0)
            store_message_done(o->db, m->id, "sent", at, NULL, at, &e);
        else if (m->attempts >= MAX_ATTEMPTS)
            store_message_done(o->db, m->id, "failed", at, why, at, &e);
        else {
            long long delay = (long long)o->cfg->outbox_retry_s << (m->attempts - 1);
            store_message_done(o->db, m->id, "queued", at + delay, why, at, &e);
            continue;
        }
        /* out for good: the text kept on the timeline no longer holds a usable link */
        char *kept = arena_strdup(&a, m->body);
        if (strcmp(links_hide_tokens(kept), m->body) != 0)
            store_message_set_body(o->db, m->id, kept, &e);
    }
out:
    arena_free(&a);
    return n;
}

static void *run(void *arg)
{
    struct outbox *o = arg;
    struct err e;
    long long requeued;
    store_message_requeue_stale(o->db, (long long)time(NULL) - STALE_S, &requeued, &e);
    pthread_mutex_lock(&o->mu);
    while (!o->stopping) {
        pthread_mutex_unlock(&o->mu);
        int handled = pass(o);
        pthread_mutex_lock(&o->mu);
        if (handled == BATCH || o->stopping)
            continue; /* more may be due at once */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        long long ns = until.tv_nsec + (long long)o->cfg->outbox_poll_ms * 1000000LL;
        until.tv_sec += (time_t)(ns / 1000000000LL);
        until.tv_nsec = (long)(ns % 1000000000LL);
        pthread_cond_timedwait(&o->wake, &o->mu, &until);
    }
    pthread_mutex_unlock(&o->mu);
    return NULL;
}

int outbox_start(const struct config *cfg, struct sms_provider *sms, struct outbox **out,
                 struct err *e)
{
    *out = NULL;
    bool smtp = cfg->smtp_url && *cfg->smtp_url, http_sms = cfg->sms_url && *cfg->sms_url;
    if (!smtp && !http_sms && !sms)
        return 0;
    struct outbox *o = xcalloc(1, sizeof *o);
    o->cfg = cfg;
    if (sms)
        o->sms = sms;
    else if (http_sms) {
        sms_http(&o->own_sms, cfg->sms_url, cfg->sms_token);
        o->sms = &o->own_sms;
    }
    if (mail_init() < 0) {
        free(o);
        return err_set(e, ERR_INTERNAL, NULL, "libcurl cannot start");
    }
    if (db_open(cfg->db, cfg->sqlite_sync, &o->db, e) < 0) {
        mail_shutdown();
        free(o);
        return -1;
    }
    pthread_mutex_init(&o->mu, NULL);
    pthread_cond_init(&o->wake, NULL);
    if (pthread_create(&o->thread, NULL, run, o) != 0) {
        db_close(o->db);
        free(o);
        return err_set(e, ERR_INTERNAL, NULL, "cannot start the outbox worker");
    }
    *out = o;
    return 0;
}

void outbox_stop(struct outbox *o)
{
    if (!o)
        return;
    pthread_mutex_lock(&o->mu);
    o->stopping = true;
    pthread_cond_signal(&o->wake);
    pthread_mutex_unlock(&o->mu);
    pthread_join(o->thread, NULL);
    pthread_cond_destroy(&o->wake);
    pthread_mutex_destroy(&o->mu);
    db_close(o->db);
    mail_shutdown();
    free(o);
}
