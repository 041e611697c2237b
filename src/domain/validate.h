/*
 * validate.h — the rules a value must meet before stipple stores it.
 *
 * Each `*_check` function looks at a whole record in field order and reports the first bad field
 * in a `struct err` (ERR_INVALID, field named as in the API). Pure: no I/O, so the time zone of
 * a clinic is checked by the caller (it needs the zone database) before clinic_check.
 */
#ifndef STIPPLE_VALIDATE_H
#define STIPPLE_VALIDATE_H

#include "domain/model.h"
#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>

/* valid_text is true when s is UTF-8 of min..max code points; single_line also refuses control
 * characters (multi-line text still refuses controls other than tab, CR and LF). */
bool valid_text(const char *s, size_t min, size_t max, bool single_line);

/* valid_email is true for a plausible address: local@domain, one @, a dotted domain of letters,
 * digits and hyphens, at most 254 bytes. */
bool valid_email(const char *s);

/* valid_phone is true for digits with an optional leading +, spaces, dashes, dots and brackets,
 * holding 6–20 digits. */
bool valid_phone(const char *s);

/* valid_currency is true when s is an active ISO 4217 code such as "GBP". */
bool valid_currency(const char *s);

/* clinic_check validates every field of c (timezone only for presence). */
int clinic_check(const struct clinic *c, struct err *e);

/* practitioner_check validates name, email and the clinic id list (ids positive, no repeats). */
int practitioner_check(const struct practitioner *p, struct err *e);

/* client_check validates c; today is the current civil date, for date_of_birth. */
int client_check(const struct client *c, const char *today, struct err *e);

/* user_check validates email and name of a staff user. */
int user_check(const struct user *u, struct err *e);

/* password_check refuses passwords of fewer than 8 or more than 128 characters and the most
 * common passwords (case-insensitively); it imposes no composition rules. */
int password_check(const char *pw, struct err *e);

#endif
