/*
 * auditq.h — the queue of read-audit entries, written to the database in batches.
 *
 * Reading a client record must be audited without making every read a write: handlers push
 * read entries here and a background thread writes them in one transaction at least once a
 * second (and at once when many are waiting). Changes are not queued: they are audited in the
 * transaction of the change itself. When the database refuses a batch, the thread keeps it and
 * retries with a growing pause (up to 30 s), logging once per pause. The thread also expires
 * old sessions and login failures.
 */
#ifndef STIPPLE_AUDITQ_H
#define STIPPLE_AUDITQ_H

#include "domain/model.h"
#include "util/config.h"

struct auditq;

/* auditq_start opens its own connection to cfg->db and starts the flusher thread; NULL on
 * failure (message on stderr). */
struct auditq *auditq_start(const struct config *cfg);

/* auditq_push copies x into the queue and returns 0. Thread-safe, never blocks on the database.
 * When the queue is full — the database has refused the audit writes for a long while — it
 * returns -1 and the caller must not show the record: no read goes unaudited. */
int auditq_push(struct auditq *q, const struct audit_entry *x);

/* auditq_stop writes what is queued, stops the thread and frees q. */
void auditq_stop(struct auditq *q);

#endif
