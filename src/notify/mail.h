/*
 * mail.h — sending one email over SMTP with libcurl: a UTF-8 text body and an optional
 * iCalendar attachment as a MIME multipart (curl's MIME API does the encoding), STARTTLS when
 * the server offers it (or required with an smtps:// URL). No queueing here: see outbox.h.
 */
#ifndef STIPPLE_NOTIFY_MAIL_H
#define STIPPLE_NOTIFY_MAIL_H

#include <stddef.h>

struct mail {
    const char *from, *to, *subject, *body;
    const char *ics;        /* an iCalendar text to attach as invite.ics, or NULL */
    const char *message_id; /* stable per message, e.g. "<message-42@stipple>" */
};

/* mail_init / mail_shutdown set up and free libcurl's process-wide state (once each). */
int mail_init(void);
void mail_shutdown(void);

/* mail_send delivers m through the SMTP server at url ("smtp://host:port", "smtps://…",
 * credentials as smtp://user:pass@host). Returns 0, or -1 with a one-line reason in err (size n):
 * a temporary failure the caller may retry. */
int mail_send(const char *url, const struct mail *m, char *err, size_t n);

#endif
