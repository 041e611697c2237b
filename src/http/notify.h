/*
 * notify.h — what stipple tells clients, and when: the messages a request queues in the outbox
 * (src/notify/outbox.c sends them). Each is written when the event happens — a booking's
 * confirmation with its invitation and a reminder due 48 hours before, a cancellation, the
 * aftercare nudges of days 0, 4, 10 and 30 — so the worker only delivers. Email when the client
 * has an address, else SMS when they have a phone and a provider is set up, else nothing.
 */
#ifndef STIPPLE_HTTP_NOTIFY_H
#define STIPPLE_HTTP_NOTIFY_H

#include "http/req.h"
#include "store/store_record.h"

#include <stdbool.h>

/* notify_booked queues the confirmation of appointment x (a new booking or a move: its
 * sequence tells them apart) and its 48-hour reminder. Consultations and treatments alike. */
int notify_booked(struct req *rq, const struct appointment *x, const struct clinic *c,
                  struct err *e);

/* notify_booked_link is notify_booked with the client's own link to change or cancel the
 * booking (manage_url) in the confirmation. */
int notify_booked_link(struct req *rq, const struct appointment *x, const struct clinic *c,
                       const char *manage_url, struct err *e);

/* notify_cancelled queues the cancellation of x with a CANCEL invitation. */
int notify_cancelled(struct req *rq, const struct appointment *x, const struct clinic *c,
                     struct err *e);

/* notify_aftercare queues the aftercare nudges of the session record r at appointment x. */
int notify_aftercare(struct req *rq, const struct appointment *x, const struct record *r,
                     struct err *e);

/* notify_recall queues a touch-up recall message to client_id, due on due_on (YYYY-MM-DD), from
 * clinic c; once per client and due date. *queued says whether one was added. */
int notify_recall(struct req *rq, long long client_id, const char *due_on, const struct clinic *c,
                  bool *queued, struct err *e);

/* notify_quote emails client_id the link to their quote from clinic_id (share_path like
 * "/#/q/TOKEN", made absolute with the public URL); once per link. */
int notify_quote(struct req *rq, long long client_id, long long clinic_id, long long quote_id,
                 const char *total, const char *share_path, const char *token_hash, struct err *e);

/* notify_invite emails client_id an invitation to book a free consultation at clinic c on the
 * public page. */
int notify_invite(struct req *rq, long long client_id, const struct clinic *c, struct err *e);

#endif
