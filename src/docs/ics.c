/*
 * ics.c — iCalendar text built as libical components and written by libical (see ics.h).
 *
 * The zone's VTIMEZONE comes from tz_vtimezone, so libical's shared zone state is only touched
 * under tz.c's lock; instants are converted with a private icaltimezone made from a copy of it,
 * and nothing else here is shared between threads. The VTIMEZONE we publish is renamed to the
 * IANA name (libical's own TZID, "/freeassociation.sourceforge.net/Europe/London", is not one
 * that phones recognise) and truncated to the observances in force from the earliest event on,
 * instead of every rule since the zone began. The one exception to local times with a TZID is a
 * wall time that happens twice (the hour repeated when clocks go back): that instant is written
 * in UTC, the only unambiguous form (see when()). A NULL name or method leaves out X-WR-CALNAME
 * or METHOD; a NULL summary, description or location leaves out that property.
 */
#include "docs/ics.h"
#include "domain/civil.h"

#include "util/tz.h"

#include <assert.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ICS_PRODID "-//stipple//stipple " STIPPLE_VERSION "//EN"

/* Instant t as a libical UTC time (written "…Z"). */
static struct icaltimetype utc_time(long long t)
{
    return icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
}

/* The offset of zone from UTC at instant t, in seconds. */
static int offset_at(icaltimezone *zone, long long t)
{
    struct icaltimetype u = utc_time(t);
    return icaltimezone_get_utc_offset_of_utc_time(zone, &u, NULL);
}

/* Whether the wall time of instant t in zone is also the wall time of another instant — the hour
 * that repeats when clocks go back — assuming the offset changes at most once within a day of t. */
static int repeated(icaltimezone *zone, long long t)
{
    long long wall = t + offset_at(zone, t);
    long long other[2] = {wall - offset_at(zone, t - 86400), wall - offset_at(zone, t + 86400)};
    for (int i = 0; i < 2; i++)
        if (other[i] != t && other[i] + offset_at(zone, other[i]) == wall)
            return 1;
    return 0;
}

/* A DTSTART or DTEND property for instant t: in UTC, or with zone as the wall time in zone
 * followed by TZID=tzid. A wall time that happens twice is written in UTC instead: RFC 5545 reads
 * it as the first of the two, so the second cannot be written with a TZID at all, and libical
 * (like pytz) reads it as the second, so the first would be an hour off in such readers. */
static icalproperty *when(icalproperty_kind kind, long long t, icaltimezone *zone, const char *tzid)
{
    if (zone && repeated(zone, t))
        zone = NULL;
    struct icaltimetype tt = utc_time(t);
    if (zone) {
        tt = icaltime_from_timet_with_zone((time_t)t, 0, zone);
        /* libical 3.0 returns the wall time but leaves .zone at UTC, which would be written
         * with a "Z"; the TZID parameter below is what names the zone. */
        tt.zone = NULL;
    }
    icalproperty *p =
        kind == ICAL_DTSTART_PROPERTY ? icalproperty_new_dtstart(tt) : icalproperty_new_dtend(tt);
    if (zone)
        icalproperty_add_parameter(p, icalparameter_new_tzid(tzid));
    return p;
}

/* A DATE value for a day counted from 1970-01-01. */
static struct icaltimetype day(long long days)
{
    struct civil_date d = civil_from_days(days);
    struct icaltimetype t = icaltime_null_date();
    t.year = d.y, t.month = d.m, t.day = d.d;
    return t;
}

/* One VEVENT for ev; times as in when(). */
static icalcomponent *vevent(const struct ics_event *ev, icaltimezone *zone, const char *tzid)
{
    assert(ev->uid && *ev->uid);
    icalcomponent *c = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(c, icalproperty_new_uid(ev->uid));
    icalcomponent_add_property(c, icalproperty_new_dtstamp(utc_time(ev->dtstamp)));
    icalcomponent_add_property(c, icalproperty_new_sequence(ev->sequence));
    if (ev->all_day) {
        icalcomponent_add_property(c, icalproperty_new_dtstart(day(ev->start_day)));
        icalcomponent_add_property(c, icalproperty_new_dtend(day(ev->end_day + 1)));
    } else {
        icalcomponent_add_property(c, when(ICAL_DTSTART_PROPERTY, ev->start, zone, tzid));
        icalcomponent_add_property(c, when(ICAL_DTEND_PROPERTY, ev->end, zone, tzid));
    }
    if (ev->summary)
        icalcomponent_add_property(c, icalproperty_new_summary(ev->summary));
    if (ev->description)
        icalcomponent_add_property(c, icalproperty_new_description(ev->description));
    if (ev->location)
        icalcomponent_add_property(c, icalproperty_new_location(ev->location));
    icalcomponent_add_property(
        c, icalproperty_new_status(ev->cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    return c;
}

/* The VTIMEZONE to publish for IANA zone tzid, named tzid and truncated to the observances from
 * instant from on; *zone receives a private zone for conversions (free with icaltimezone_free(z,
 * 1)). NULL, with *zone untouched, for an unknown tzid. */
static icalcomponent *vtimezone(const char *tzid, long long from, icaltimezone **zone)
{
    icalcomponent *vtz = tz_vtimezone(tzid);
    if (!vtz)
        return NULL;
    *zone = icaltimezone_new();
    icaltimezone_set_component(*zone, icalcomponent_new_clone(vtz));
    icalproperty_set_tzid(icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY), tzid);
    icaltimezone_truncate_vtimezone(vtz, utc_time(from), icaltime_null_time(), 1);
    return vtz;
}

char *ics_calendar(const char *name, const char *method, const char *tzid,
                   const struct ics_event *events, int n)
{
    assert(n >= 0 && (events || n == 0));
    icaltimezone *zone = NULL;
    icalcomponent *vtz = NULL;
    if (tzid) {
        long long from = n ? events[0].start : (long long)time(NULL);
        for (int i = 1; i < n; i++)
            if (events[i].start < from)
                from = events[i].start;
        vtz = vtimezone(tzid, from, &zone);
        if (!vtz)
            return NULL;
    }

    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    icalcomponent_add_property(cal, icalproperty_new_prodid(ICS_PRODID));
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    if (method) {
        icalproperty_method m = icalproperty_string_to_method(method);
        assert(m != ICAL_METHOD_NONE);
        icalcomponent_add_property(cal, icalproperty_new_method(m));
    }
    if (name) {
        icalproperty *p = icalproperty_new_x(name);
        icalproperty_set_x_name(p, "X-WR-CALNAME");
        icalcomponent_add_property(cal, p);
    }
    if (vtz)
        icalcomponent_add_component(cal, vtz);
    for (int i = 0; i < n; i++)
        icalcomponent_add_component(cal, vevent(&events[i], zone, tzid));

    char *s = icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    if (zone)
        icaltimezone_free(zone, 1);
    if (!s) {
        fputs("stipple: libical could not write a calendar (out of memory)\n", stderr);
        abort();
    }
    return s;
}
