/*
 * config.h — every setting of stipple, declared once with its type, default and help.
 *
 * A setting NAME is read, last one wins, from: its default, the INI file (key NAME, in any
 * section), the environment (STIPPLE_NAME in upper case), and a command-line flag
 * (--name VALUE, where the command accepts it). The table in config.c is the only place a
 * setting is named; `stipple --help` and docs are written from it.
 */
#ifndef STIPPLE_CONFIG_H
#define STIPPLE_CONFIG_H

#include "util/err.h"

#include <stdbool.h>
#include <stdio.h>

struct config {
    char *db;
    char *listen;
    int threads;
    bool tls;
    bool trust_proxy;
    bool access_log;
    int session_idle_min;
    int session_max_hours;
    int login_fail_account;
    int login_fail_addr;
    int login_window_min;
    int hash_concurrency;
    char *sqlite_sync;
    char *smtp_url, *mail_from, *sms_url, *sms_token, *public_url;
    int outbox_poll_ms, outbox_retry_s, public_rate_hour;
};

/* config_load fills c with defaults, then the INI file `file` (NULL: $STIPPLE_CONFIG, if set),
 * then the environment. Returns 0, or -1 with e naming the bad setting. The strings in c are
 * owned by c (config_free). */
int config_load(struct config *c, const char *file, struct err *e);

/* config_set sets the setting called name (as in the table) from text. */
int config_set(struct config *c, const char *name, const char *value, struct err *e);

/* config_redact copies a database URL into out (n bytes) with any password replaced by ***,
 * for messages and logs. */
void config_redact(const char *url, char *out, size_t n);

/* config_free releases c's strings. */
void config_free(struct config *c);

/* config_help writes one line per setting: name, environment variable, default and help. */
void config_help(FILE *out);

#endif
