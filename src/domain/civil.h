/*
 * civil.h — civil (proleptic Gregorian) dates and UTC instants, without time zones.
 *
 * Dates travel as `YYYY-MM-DD`, instants as Unix seconds and are shown as RFC 3339 UTC
 * (`YYYY-MM-DDTHH:MM:SSZ`). Pure arithmetic (Howard Hinnant's days-from-civil algorithm): no
 * locale, no TZ environment, no I/O.
 */
#ifndef STIPPLE_CIVIL_H
#define STIPPLE_CIVIL_H

#include <stdbool.h>

struct civil_date {
    int y, m, d;
};

/* civil_days_in_month returns 28–31 for month m (1–12) of year y. */
int civil_days_in_month(int y, int m);

/* civil_parse_date parses exactly `YYYY-MM-DD` (a real calendar date, years 1000–9999) into out.
 * Returns false for anything else. */
bool civil_parse_date(const char *s, struct civil_date *out);

/* civil_days returns the number of days from 1970-01-01 to d (negative before). */
long long civil_days(struct civil_date d);

/* civil_from_days is the inverse of civil_days. */
struct civil_date civil_from_days(long long days);

/* civil_cmp returns <0, 0 or >0 as a is before, equal to or after b. */
int civil_cmp(struct civil_date a, struct civil_date b);

/* civil_format_date writes `YYYY-MM-DD` into out (at least 11 bytes). */
void civil_format_date(struct civil_date d, char out[11]);

/* civil_format_utc writes the instant t (Unix seconds) as `YYYY-MM-DDTHH:MM:SSZ` into out (at
 * least 21 bytes). */
void civil_format_utc(long long t, char out[21]);

/* civil_date_of returns the UTC calendar date of the instant t. */
struct civil_date civil_date_of(long long t);

#endif
