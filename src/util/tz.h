/*
 * tz.h — IANA time zone names, checked against the zone database through libical.
 */
#ifndef STIPPLE_TZ_H
#define STIPPLE_TZ_H

#include <stdbool.h>

/* tz_valid says whether name is a known IANA zone such as "Europe/London". Thread-safe. */
bool tz_valid(const char *name);

/* tz_today writes the current civil date in zone name (YYYY-MM-DD) into out; falls back to UTC
 * for an unknown zone. Thread-safe. */
void tz_today(const char *name, char out[11]);

#endif
