/*
 * sms.h — text messages through a provider. The outbox sends through a struct sms_provider: the
 * HTTP one (a form POST of to and text to the provider's URL with a bearer token, as most SMS
 * gateways take) or the recording double the tests use.
 */
#ifndef STIPPLE_NOTIFY_SMS_H
#define STIPPLE_NOTIFY_SMS_H

#include <stddef.h>

struct sms_provider {
    /* send delivers text to the number to; 0, or -1 with a reason in err (size n) */
    int (*send)(struct sms_provider *p, const char *to, const char *text, char *err, size_t n);
    const char *url, *token; /* the HTTP provider's endpoint and bearer token */
    /* the recording double: the messages sent, "to\ttext\n" each (the caller frees it) */
    char *sent;
    size_t sent_len;
};

/* sms_http makes p the HTTP provider posting to url with token (both kept by reference). */
void sms_http(struct sms_provider *p, const char *url, const char *token);

/* sms_recorder makes p the test double: every send succeeds and is appended to p->sent. */
void sms_recorder(struct sms_provider *p);

#endif
