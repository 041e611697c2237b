/*
 * outbox.h — the worker inside `stipple serve` that sends queued client messages: it claims
 * due rows from the outbox (store_message.h; safe with several server processes), skips those
 * for clients who opted out or about an appointment that has since changed, sends email over
 * SMTP or SMS through the provider, and records each outcome — retrying failures later with a
 * doubling delay, at most six attempts. It has its own database connection and thread.
 */
#ifndef STIPPLE_NOTIFY_OUTBOX_H
#define STIPPLE_NOTIFY_OUTBOX_H

#include "notify/sms.h"
#include "util/config.h"
#include "util/err.h"

struct outbox;

/* outbox_start starts the worker when cfg names an SMTP server or an SMS provider (otherwise
 * *out is NULL and messages wait, visible, in the outbox). sms may be NULL for the HTTP
 * provider of cfg. Returns 0, or -1 with e set. */
int outbox_start(const struct config *cfg, struct sms_provider *sms, struct outbox **out,
                 struct err *e);

/* outbox_stop finishes the message being sent, stops the worker and frees it; NULL is fine. */
void outbox_stop(struct outbox *o);

#endif
