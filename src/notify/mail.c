/*
 * mail.c — one email over SMTP with libcurl (see mail.h). Header values are written as RFC 2047
 * encoded-words when they are not plain ASCII, and any CR or LF in them is dropped so a subject
 * can never inject a header.
 */
#include "notify/mail.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int mail_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void mail_shutdown(void)
{
    curl_global_cleanup();
}

/* Writes "Name: value" into out with value as one encoded-word when it is not printable ASCII
 * (base64 of UTF-8), CR and LF removed either way. */
static void header(char *out, size_t n, const char *name, const char *value)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char clean[512];
    size_t k = 0;
    int ascii = 1;
    for (const char *p = value ? value : ""; *p && k + 1 < sizeof clean; p++) {
        if (*p == '\r' || *p == '\n')
            continue;
        ascii &= (unsigned char)*p >= 32 && (unsigned char)*p < 127;
        clean[k++] = *p;
    }
    clean[k] = 0;
    if (ascii) {
        snprintf(out, n, "%s: %s", name, clean);
        return;
    }
    size_t w = (size_t)snprintf(out, n, "%s: =?UTF-8?B?", name);
    const unsigned char *s = (const unsigned char *)clean;
    for (size_t i = 0; i < k && w + 5 < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16 | (i + 1 < k ? (unsigned)s[i + 1] << 8 : 0) |
                     (i + 2 < k ? s[i + 2] : 0);
        out[w++] = abc[v >> 18];
        out[w++] = abc[(v >> 12) & 63];
        out[w++] = i + 1 < k ? abc[(v >> 6) & 63] : '=';
        out[w++] = i + 2 < k ? abc[v & 63] : '=';
    }
    snprintf(out + w, n - w, "?=");
}

int mail_send(const char *url, const struct mail *m, char *err, size_t n)
{
    /* the recipient goes into the SMTP dialogue as it is: nothing but a plain address */
    for (const char *p = m->to; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == 0x7F) {
            snprintf(err, n, "the recipient is not a plain email address");
            return -1;
        }
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(err, n, "libcurl cannot start");
        return -1;
    }
    char from[300], to[300], subject[1200], date[80], id[200], addr[300];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "Date: %a, %d %b %Y %H:%M:%S +0000", &tm);
    /* a display name is encoded on its own; the address after it stays as it is */
    const char *angle = strchr(m->from, '<');
    if (angle && angle > m->from) {
        char name[200], encoded[280];
        snprintf(name, sizeof name, "%.*s", (int)(angle - m->from), m->from);
        for (size_t k = strlen(name); k > 0 && name[k - 1] == ' '; k--)
            name[k - 1] = 0;
        header(encoded, sizeof encoded, "From", name);
        snprintf(from, sizeof from, "%s %s", encoded, angle);
        for (char *p = from; *p; p++)
            if (*p == '\r' || *p == '\n')
                *p = ' ';
    } else
        header(from, sizeof from, "From", m->from);
    header(to, sizeof to, "To", m->to);
    header(subject, sizeof subject, "Subject", m->subject);
    header(id, sizeof id, "Message-ID", m->message_id);
    snprintf(addr, sizeof addr, "<%s>", m->to);
    struct curl_slist *headers = NULL, *rcpt = curl_slist_append(NULL, addr);
    headers = curl_slist_append(headers, date);
    headers = curl_slist_append(headers, from);
    headers = curl_slist_append(headers, to);
    headers = curl_slist_append(headers, subject);
    headers = curl_slist_append(headers, id);

    curl_mime *mime = curl_mime_init(c);
    curl_mimepart *part = curl_mime_addpart(mime);
    curl_mime_data(part, m->body, CURL_ZERO_TERMINATED);
    curl_mime_type(part, "text/plain; charset=utf-8");
    curl_mime_encoder(part, "quoted-printable");
    if (m->ics) {
        part = curl_mime_addpart(mime);
        curl_mime_data(part, m->ics, CURL_ZERO_TERMINATED);
        curl_mime_type(part, strstr(m->ics, "\nMETHOD:CANCEL")
                                 ? "text/calendar; charset=utf-8; method=CANCEL"
                                 : "text/calendar; charset=utf-8; method=REQUEST");
        curl_mime_filename(part, "invite.ics");
        curl_mime_encoder(part, "base64");
    }
    /* the envelope sender is the bare address, also when From has a name: "Clinic <a@b>" */
    char sender[300];
    const char *lt = strchr(m->from, '<'), *gt = lt ? strchr(lt, '>') : NULL;
    if (lt && gt)
        snprintf(sender, sizeof sender, "%.*s", (int)(gt - lt + 1), lt);
    else
        snprintf(sender, sizeof sender, "<%s>", m->from);
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, sender);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
    curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        long code = 0; /* the SMTP server's last reply code, when it gave one */
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
        snprintf(err, n, "%s%.0ld%s%s", code ? "SMTP " : "", code, code ? ": " : "",
                 errbuf[0] ? errbuf : curl_easy_strerror(rc));
    }
    curl_mime_free(mime);
    curl_slist_free_all(headers);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    return rc == CURLE_OK ? 0 : -1;
}
