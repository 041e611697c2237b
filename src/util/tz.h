/*
 * tz.h — IANA time zone names, checked against the zone database through libical.
 */
#ifndef STIPPLE_TZ_H
#define STIPPLE_TZ_H

#include <stdbool.h>

/* tz_valid says whether name is a known IANA zone such as "Europe/London". Thread-safe. */
bool tz_valid(const char *name);

#endif
