/*
 * tz.c — time zone names via libical's zone database (see tz.h).
 *
 * libical loads zones lazily into shared state, so lookups are serialised by a mutex.
 */
#include "util/tz.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

bool tz_valid(const char *name)
{
    if (!name || !*name || strlen(name) > 64 || strstr(name, ".."))
        return false;
    pthread_mutex_lock(&lock);
    icaltimezone *z = icaltimezone_get_builtin_timezone(name);
    pthread_mutex_unlock(&lock);
    return z != NULL;
}

void tz_date_of(const char *name, long long t, char out[11])
{
    int y, m, d, minute;
    tz_from_utc(name, t, &y, &m, &d, &minute);
    char buf[48];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    memcpy(out, buf, 10);
    out[10] = 0;
}

void tz_today(const char *name, char out[11])
{
    pthread_mutex_lock(&lock);
    icaltimezone *z = name ? icaltimezone_get_builtin_timezone(name) : NULL;
    struct icaltimetype t =
        icaltime_current_time_with_zone(z ? z : icaltimezone_get_utc_timezone());
    pthread_mutex_unlock(&lock);
    char buf[48];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
    memcpy(out, buf, 10);
    out[10] = 0;
}

/* The zone called name, or UTC; call with lock held. */
static icaltimezone *zone(const char *name)
{
    icaltimezone *z = name ? icaltimezone_get_builtin_timezone(name) : NULL;
    return z ? z : icaltimezone_get_utc_timezone();
}

long long tz_to_utc(const char *name, int y, int m, int d, int minute)
{
    pthread_mutex_lock(&lock);
    icaltimezone *z = zone(name);
    struct icaltimetype t = icaltime_null_time();
    t.year = y;
    t.month = m;
    t.day = d;
    t.is_date = 0;
    icaltime_adjust(&t, 0, 0, minute, 0); /* 1440 is the next midnight */
    t.zone = z;
    long long r = (long long)icaltime_as_timet_with_zone(t, z);
    pthread_mutex_unlock(&lock);
    return r;
}

int tz_from_utc(const char *name, long long t, int *y, int *m, int *d, int *minute)
{
    pthread_mutex_lock(&lock);
    icaltimezone *z = zone(name);
    struct icaltimetype l = icaltime_from_timet_with_zone((time_t)t, 0, z);
    int is_daylight = 0;
    struct icaltimetype u =
        icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
    int offset = icaltimezone_get_utc_offset(z, &u, &is_daylight);
    pthread_mutex_unlock(&lock);
    *y = l.year;
    *m = l.month;
    *d = l.day;
    *minute = l.hour * 60 + l.minute;
    return offset;
}

icalcomponent *tz_vtimezone(const char *name)
{
    if (!tz_valid(name))
        return NULL;
    pthread_mutex_lock(&lock);
    icaltimezone *z = icaltimezone_get_builtin_timezone(name);
    icalcomponent *c = z ? icaltimezone_get_component(z) : NULL;
    /* libical's own UTC zone (for "UTC" and "GMT") has no VTIMEZONE: read the zone file. */
    c = c ? icalcomponent_new_clone(c) : z ? icaltzutil_fetch_timezone(name) : NULL;
    pthread_mutex_unlock(&lock);
    return c;
}
