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
