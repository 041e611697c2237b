/*
 * err.h — the one way a fallible function reports failure.
 *
 * A function that can fail returns an int (0 on success, -1 on failure) and fills a caller-owned
 * `struct err`: a code that decides the HTTP status and exit code, a human message, and the name
 * of the input field at fault (empty when none). Bugs are not errors: they are asserts.
 */
#ifndef STIPPLE_ERR_H
#define STIPPLE_ERR_H

enum err_code {
    ERR_NONE = 0,
    ERR_MALFORMED,    /* input not parseable: 400 */
    ERR_UNAUTHORIZED, /* 401 */
    ERR_FORBIDDEN,    /* 403 */
    ERR_NOT_FOUND,    /* 404 */
    ERR_CONFLICT,     /* uniqueness or state conflict: 409 */
    ERR_TOO_LARGE,    /* 413 */
    ERR_INVALID,      /* well-formed, bad value: 422 */
    ERR_THROTTLED,    /* 429 */
    ERR_UNAVAILABLE,  /* database or dependency down: 503 */
    ERR_INTERNAL,     /* 500 */
    ERR_BAD_LOGIN,    /* wrong email or password: 401 invalid_credentials */
    ERR_CSRF,         /* missing or wrong CSRF token: 403 csrf */
    ERR_METHOD,       /* 405 method_not_allowed */
    ERR_MEDIA_TYPE,   /* 415 unsupported_media_type */
};

struct err {
    enum err_code code;
    char field[64];
    char msg[256];
};

/* err_set fills e (when not NULL) with code, field (NULL for none) and a printf-style message,
 * and returns -1 so callers can write `return err_set(...)`. */
int err_set(struct err *e, enum err_code code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* err_clear resets e to ERR_NONE with empty field and message. */
void err_clear(struct err *e);

/* err_code_name returns the stable API name of a code ("invalid", "not_found", …). */
const char *err_code_name(enum err_code code);

/* err_http_status returns the HTTP status that answers a code. */
int err_http_status(enum err_code code);

#endif
