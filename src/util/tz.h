/*
 * tz.h — IANA time zone names, checked against the zone database through libical.
 */
#ifndef STIPPLE_TZ_H
#define STIPPLE_TZ_H

#include <libical/ical.h>
#include <stdbool.h>

/* tz_valid says whether name is a known IANA zone such as "Europe/London". Thread-safe. */
bool tz_valid(const char *name);

/* tz_today writes the current civil date in zone name (YYYY-MM-DD) into out; falls back to UTC
 * for an unknown zone. Thread-safe. */
void tz_today(const char *name, char out[11]);

/* tz_date_of writes the civil date (YYYY-MM-DD) of instant t in zone name into out (UTC for an
 * unknown zone). Thread-safe. */
void tz_date_of(const char *name, long long t, char out[11]);

/* tz_to_utc returns the UTC instant of the wall time y-m-d + minute (0–1440) in zone name (UTC
 * for an unknown zone). Thread-safe. */
long long tz_to_utc(const char *name, int y, int m, int d, int minute);

/* tz_from_utc writes the wall time of instant t in zone name: the date and the minutes after
 * midnight; returns the zone's offset from UTC in seconds at t. Thread-safe. */
int tz_from_utc(const char *name, long long t, int *y, int *m, int *d, int *minute);

/* tz_vtimezone returns a new copy of zone name's VTIMEZONE as libical builds it from the zone
 * database (its TZID is libical's own, "/freeassociation.sourceforge.net/" + name), or NULL for
 * an unknown zone. The caller owns it (icalcomponent_free, or give it to a parent component or
 * icaltimezone_set_component). Thread-safe: libical's shared zones are read under the lock the
 * other tz_* functions take, and the copy is the caller's alone. */
icalcomponent *tz_vtimezone(const char *name);

#endif
