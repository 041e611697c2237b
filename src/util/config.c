/*
 * config.c — the settings table and its readers: defaults, INI file (inih), environment.
 */
#include "util/config.h"

#include "util/mem.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum kind { STR, INT, BOOL };

static const struct setting {
    const char *name;
    enum kind kind;
    size_t off;
    const char *def;
    int min, max;
    const char *help;
} settings[] = {
    {"db", STR, offsetof(struct config, db), "sqlite:./stipple-data/stipple.db", 0, 0,
     "database: sqlite:PATH or a postgresql://… URL"},
    {"listen", STR, offsetof(struct config, listen), "127.0.0.1:8080", 0, 0,
     "address and port to serve on (port 0 picks a free one)"},
    {"threads", INT, offsetof(struct config, threads), "0", 0, 256,
     "HTTP worker threads, each with its own database connection (0: two per core)"},
    {"tls", BOOL, offsetof(struct config, tls), "false", 0, 0,
     "clients reach stipple over HTTPS (a TLS proxy in front): Secure cookies and HSTS"},
    {"trust_proxy", BOOL, offsetof(struct config, trust_proxy), "false", 0, 0,
     "take the client address from X-Forwarded-For (only behind your own proxy)"},
    {"access_log", BOOL, offsetof(struct config, access_log), "true", 0, 0,
     "write a JSON line per request to standard error"},
    {"session_idle_min", INT, offsetof(struct config, session_idle_min), "30", 1, 1440,
     "minutes of inactivity after which a session ends"},
    {"session_max_hours", INT, offsetof(struct config, session_max_hours), "12", 1, 720,
     "hours after sign-in at which a session ends regardless of use"},
    {"login_fail_account", INT, offsetof(struct config, login_fail_account), "10", 1, 100,
     "failed logins on one account within the window before it is throttled"},
    {"login_fail_addr", INT, offsetof(struct config, login_fail_addr), "50", 1, 10000,
     "failed logins from one address within the window before it is throttled"},
    {"login_window_min", INT, offsetof(struct config, login_window_min), "15", 1, 1440,
     "the window, in minutes, over which failed logins are counted"},
    {"hash_concurrency", INT, offsetof(struct config, hash_concurrency), "0", 0, 64,
     "password hashes computed at once, 19 MiB each (0: one per core)"},
    {"sqlite_sync", STR, offsetof(struct config, sqlite_sync), "FULL", 0, 0,
     "SQLite synchronous level: FULL (survives power loss) or NORMAL"},
    {"smtp_url", STR, offsetof(struct config, smtp_url), "", 0, 0,
     "SMTP server for client emails: smtp://host:587 (STARTTLS when offered) or smtps://…; "
     "empty: messages wait in the outbox"},
    {"mail_from", STR, offsetof(struct config, mail_from), "clinic@stipple.invalid", 0, 0,
     "the From address of client emails"},
    {"sms_url", STR, offsetof(struct config, sms_url), "", 0, 0,
     "the SMS provider's HTTP endpoint (POST JSON {to, text}); empty: no SMS"},
    {"sms_token", STR, offsetof(struct config, sms_token), "", 0, 0,
     "the bearer token for the SMS provider"},
    {"public_url", STR, offsetof(struct config, public_url), "http://127.0.0.1:8080", 0, 0,
     "the address clients reach stipple at, for links in emails (no trailing slash)"},
    {"public_rate_hour", INT, offsetof(struct config, public_rate_hour), "10", 1, 100000,
     "public requests an hour from one address (enquiries, bookings; photos 3×, links 12×, "
     "free-time searches 30×, a clinic 20×)"},
    {"outbox_poll_ms", INT, offsetof(struct config, outbox_poll_ms), "2000", 50, 600000,
     "how often the outbox worker looks for messages due"},
    {"outbox_retry_s", INT, offsetof(struct config, outbox_retry_s), "60", 1, 86400,
     "the first retry delay of a failed message (doubling on each attempt, at most 6 tries)"},
};

enum { N_SETTINGS = sizeof settings / sizeof settings[0] };

static const struct setting *find(const char *name)
{
    for (size_t i = 0; i < N_SETTINGS; i++)
        if (strcmp(settings[i].name, name) == 0)
            return &settings[i];
    return NULL;
}

/* Writes STIPPLE_NAME for a setting name into env. */
static void env_name(const char *name, char env[64])
{
    snprintf(env, 64, "STIPPLE_%s", name);
    for (char *p = env; *p; p++)
        *p = (char)toupper((unsigned char)*p);
}

static int apply(struct config *c, const struct setting *s, const char *v, struct err *e)
{
    char *field = (char *)c + s->off;
    switch (s->kind) {
    case STR:
        if (strcmp(s->name, "sqlite_sync") == 0 && strcmp(v, "FULL") != 0 &&
            strcmp(v, "NORMAL") != 0)
            return err_set(e, ERR_INVALID, s->name, "%s must be FULL or NORMAL", s->name);
        free(*(char **)field);
        *(char **)field = xstrdup(v);
        return 0;
    case INT: {
        char *end;
        errno = 0;
        long n = strtol(v, &end, 10);
        if (errno || end == v || *end || n < s->min || n > s->max)
            return err_set(e, ERR_INVALID, s->name, "%s must be a whole number from %d to %d",
                           s->name, s->min, s->max);
        *(int *)field = (int)n;
        return 0;
    }
    case BOOL:
        if (!strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "yes") ||
            !strcasecmp(v, "on"))
            *(bool *)field = true;
        else if (!strcasecmp(v, "false") || !strcmp(v, "0") || !strcasecmp(v, "no") ||
                 !strcasecmp(v, "off"))
            *(bool *)field = false;
        else
            return err_set(e, ERR_INVALID, s->name, "%s must be true or false", s->name);
        return 0;
    }
    return -1;
}

int config_set(struct config *c, const char *name, const char *value, struct err *e)
{
    const struct setting *s = find(name);
    if (!s)
        return err_set(e, ERR_INVALID, name, "unknown setting %s", name);
    return apply(c, s, value, e);
}

struct ini_ctx {
    struct config *c;
    struct err *e;
    int failed;
};

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
    (void)section;
    struct ini_ctx *x = user;
    if (!x->failed && config_set(x->c, name, value, x->e) < 0)
        x->failed = 1;
    return !x->failed;
}

int config_load(struct config *c, const char *file, struct err *e)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < N_SETTINGS; i++)
        apply(c, &settings[i], settings[i].def, e);
    if (!file)
        file = getenv("STIPPLE_CONFIG");
    if (file && *file) {
        struct ini_ctx x = {c, e, 0};
        int rc = ini_parse(file, on_ini, &x);
        if (x.failed)
            return -1;
        if (rc < 0)
            return err_set(e, ERR_INVALID, "config", "cannot read %s", file);
        if (rc > 0)
            return err_set(e, ERR_INVALID, "config", "%s: syntax error on line %d", file, rc);
    }
    for (size_t i = 0; i < N_SETTINGS; i++) {
        char env[64];
        env_name(settings[i].name, env);
        const char *v = getenv(env);
        if (v && apply(c, &settings[i], v, e) < 0)
            return -1;
    }
    return 0;
}

void config_free(struct config *c)
{
    for (size_t i = 0; i < N_SETTINGS; i++)
        if (settings[i].kind == STR) {
            char **p = (char **)((char *)c + settings[i].off);
            free(*p);
            *p = NULL;
        }
}

void config_help(FILE *out)
{
    for (size_t i = 0; i < N_SETTINGS; i++) {
        char env[64];
        env_name(settings[i].name, env);
        fprintf(out, "  %-20s %-28s %s (default %s)\n", settings[i].name, env, settings[i].help,
                settings[i].def);
    }
}

void config_redact(const char *url, char *out, size_t n)
{
    snprintf(out, n, "%s", url);
    /* scheme://user:password@host… */
    char *scheme = strstr(out, "://");
    char *at = scheme ? strchr(scheme + 3, '@') : NULL;
    char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
    if (at && colon && colon < at) {
        char rest[1024];
        snprintf(rest, sizeof rest, "%s", at);
        snprintf(colon + 1, n - (size_t)(colon + 1 - out), "***%s", rest);
    }
    /* …?password=secret&… */
    char *pw = strstr(out, "password=");
    if (pw) {
        char *end = strchr(pw, '&');
        char rest[1024];
        snprintf(rest, sizeof rest, "%s", end ? end : "");
        snprintf(pw + 9, n - (size_t)(pw + 9 - out), "***%s", rest);
    }
}
