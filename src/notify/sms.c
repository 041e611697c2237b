/*
 * sms.c — the SMS providers (see sms.h): an HTTP form POST through libcurl, and a recorder.
 */
#include "notify/sms.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t discard(char *p, size_t size, size_t n, void *u)
{
    (void)p, (void)u;
    return size * n;
}

static int http_send(struct sms_provider *p, const char *to, const char *text, char *err, size_t n)
{
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(err, n, "libcurl cannot start");
        return -1;
    }
    char *eto = curl_easy_escape(c, to, 0), *etext = curl_easy_escape(c, text, 0);
    size_t len = strlen(eto) + strlen(etext) + 16;
    char *form = malloc(len), auth[600];
    struct curl_slist *h = NULL;
    int rc = -1;
    if (form) {
        snprintf(form, len, "to=%s&text=%s", eto, etext);
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", p->token ? p->token : "");
        h = curl_slist_append(h, auth);
        curl_easy_setopt(c, CURLOPT_URL, p->url);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        CURLcode cr = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (cr != CURLE_OK)
            snprintf(err, n, "%s", curl_easy_strerror(cr));
        else if (status < 200 || status > 299)
            snprintf(err, n, "the SMS provider answered %ld", status);
        else
            rc = 0;
    } else
        snprintf(err, n, "out of memory");
    curl_slist_free_all(h);
    free(form);
    curl_free(eto);
    curl_free(etext);
    curl_easy_cleanup(c);
    return rc;
}

void sms_http(struct sms_provider *p, const char *url, const char *token)
{
    memset(p, 0, sizeof *p);
    p->send = http_send;
    p->url = url;
    p->token = token;
}

static int record(struct sms_provider *p, const char *to, const char *text, char *err, size_t n)
{
    (void)err, (void)n;
    size_t add = strlen(to) + strlen(text) + 2;
    char *grown = realloc(p->sent, p->sent_len + add + 1);
    if (!grown)
        return -1;
    p->sent = grown;
    p->sent_len += (size_t)snprintf(p->sent + p->sent_len, add + 1, "%s\t%s\n", to, text);
    return 0;
}

void sms_recorder(struct sms_provider *p)
{
    memset(p, 0, sizeof *p);
    p->send = record;
}
