/*
 * store_message.h — the outbox in SQL. Enqueueing is idempotent by dedupe_key; the worker claims
 * due rows (PostgreSQL: FOR UPDATE SKIP LOCKED, so several server processes never claim the same
 * row; SQLite: the write transaction), then marks each sent, retried later, failed or skipped.
 */
#ifndef STIPPLE_STORE_MESSAGE_H
#define STIPPLE_STORE_MESSAGE_H

#include "store/db.h"
#include "util/mem.h"

#include <stdbool.h>

struct message {
    long long id, client_id, appointment_id, send_after, next_attempt_at, sent_at, created_at;
    int appointment_sequence, attempts;
    const char *kind, *channel, *to_addr, *subject, *body, *ics, *dedupe_key, *status, *last_error;
};

/* store_message_add queues m unless a message with its dedupe_key exists; *added says which. */
int store_message_add(struct db *db, struct message *m, long long now, bool *added, struct err *e);

/* store_message_claim marks up to max queued messages due at now as sending and returns them
 * (in a). Run it in a write transaction. */
int store_message_claim(struct db *db, struct arena *a, long long now, int max,
                        struct message **items, int *n, struct err *e);

/* store_message_done records the outcome of a claimed message: status "sent", "skipped" or
 * "failed" (final), or "queued" again with next_attempt_at (a retry); error may be NULL. */
int store_message_done(struct db *db, long long id, const char *status, long long next_attempt_at,
                       const char *error, long long now, struct err *e);

/* store_message_set_body replaces the text of message id (once it is out: its link tokens are
 * hidden). */
int store_message_set_body(struct db *db, long long id, const char *body, struct err *e);

/* store_message_requeue_stale puts back messages left "sending" since before `before` (a
 * server that stopped mid-send) and answers how many. */
int store_message_requeue_stale(struct db *db, long long before, long long *n, struct err *e);

/* store_message_list lists client_id's messages, newest first (at most 200). */
int store_message_list(struct db *db, struct arena *a, long long client_id, struct message **items,
                       int *n, struct err *e);

/* store_client_opt_out reads or sets whether client_id wants no messages. */
int store_client_opt_out(struct db *db, long long client_id, bool *out, struct err *e);
int store_client_set_opt_out(struct db *db, long long client_id, bool opt_out, struct err *e);

/* store_appt_sequence reads an appointment's status and sequence (for the worker's checks). */
int store_appt_state(struct db *db, struct arena *a, long long id, char **status, int *sequence,
                     struct err *e);

#endif
