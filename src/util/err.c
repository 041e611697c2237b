/*
 * err.c — filling and naming `struct err` values (see err.h).
 */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(struct err *e, enum err_code code, const char *field, const char *fmt, ...)
{
    if (!e)
        return -1;
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return -1;
}

void err_clear(struct err *e)
{
    e->code = ERR_NONE;
    e->field[0] = 0;
    e->msg[0] = 0;
}

static const struct {
    const char *name;
    int status;
} codes[] = {
    [ERR_NONE] = {"ok", 200},
    [ERR_MALFORMED] = {"malformed", 400},
    [ERR_UNAUTHORIZED] = {"unauthorized", 401},
    [ERR_FORBIDDEN] = {"forbidden", 403},
    [ERR_NOT_FOUND] = {"not_found", 404},
    [ERR_CONFLICT] = {"conflict", 409},
    [ERR_TOO_LARGE] = {"too_large", 413},
    [ERR_INVALID] = {"invalid", 422},
    [ERR_THROTTLED] = {"throttled", 429},
    [ERR_UNAVAILABLE] = {"unavailable", 503},
    [ERR_INTERNAL] = {"internal", 500},
    [ERR_BAD_LOGIN] = {"invalid_credentials", 401},
    [ERR_CSRF] = {"csrf", 403},
    [ERR_METHOD] = {"method_not_allowed", 405},
    [ERR_MEDIA_TYPE] = {"unsupported_media_type", 415},
};

const char *err_code_name(enum err_code code)
{
    return codes[code].name;
}

int err_http_status(enum err_code code)
{
    return codes[code].status;
}
