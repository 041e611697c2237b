/*
 * test_ics.c — iCalendar output (docs/ics.h): every calendar is parsed back with libical and its
 * VEVENTs compared with what went in — UID, DTSTAMP, SEQUENCE, STATUS, SUMMARY, and DTSTART/DTEND
 * either as UTC ("…Z") or as wall times with a TZID that the calendar's own VTIMEZONE turns back
 * into the original instants, across daylight-saving changes in both hemispheres (and in UTC
 * for a wall time the zone repeats when clocks go back, which a TZID cannot pin down). The raw text
 * is checked too: CRLF line ends, no line over 75 octets, folds never inside a UTF-8 character,
 * and text with commas, semicolons, newlines and accents escaped and round-tripped.
 */
#include "docs/ics.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/tz.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The Unix time of y-m-d h:mi UTC. */
static long long utc(int y, int m, int d, int h, int mi)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
    return (long long)timegm(&tm);
}

/* Fails unless s is made of CRLF-terminated lines of at most 75 octets, continuation lines start
 * with one space, and no fold splits a UTF-8 character. */
static void check_lines(const char *s)
{
    int line = 1;
    assert_true(*s != 0);
    while (*s) {
        const char *eol = strstr(s, "\r\n");
        if (!eol)
            fail_msg("line %d does not end in CRLF", line);
        for (const char *p = s; p < eol; p++)
            if (*p == '\r' || *p == '\n')
                fail_msg("line %d holds a bare CR or LF", line);
        if (eol - s > 75)
            fail_msg("line %d is %d octets: %.*s", line, (int)(eol - s), (int)(eol - s), s);
        if (*s == ' ' && ((unsigned char)s[1] & 0xC0) == 0x80)
            fail_msg("line %d starts inside a UTF-8 character", line);
        s = eol + 2;
        line++;
    }
}

/* s with its folds (CRLF followed by a space) removed; the caller frees it. */
static char *unfold(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    assert_non_null(out);
    while (*s) {
        if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ')
            s += 3;
        else
            *o++ = *s++;
    }
    *o = 0;
    return out;
}

/* Fails unless the unfolded text of s contains needle. */
static void contains(const char *s, const char *needle)
{
    char *u = unfold(s);
    if (!strstr(u, needle))
        fail_msg("no \"%s\" in:\n%s", needle, u);
    free(u);
}

/* Fails if the unfolded text of s contains needle. */
static void lacks(const char *s, const char *needle)
{
    char *u = unfold(s);
    if (strstr(u, needle))
        fail_msg("\"%s\" in:\n%s", needle, u);
    free(u);
}

/* Parses s with libical; fails unless it is one VCALENDAR. The caller frees it. */
static icalcomponent *parse(const char *s)
{
    icalcomponent *cal = icalparser_parse_string(s);
    assert_non_null(cal);
    assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
    return cal;
}

static int count(icalcomponent *c, icalcomponent_kind kind)
{
    return icalcomponent_count_components(c, kind);
}

static const char *x_prop(icalcomponent *c, const char *name)
{
    for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY))
        if (!strcmp(icalproperty_get_x_name(p), name))
            return icalproperty_get_x(p);
    return NULL;
}

static icalcomponent *event_with_uid(icalcomponent *cal, const char *uid)
{
    for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        if (!strcmp(icalcomponent_get_uid(e), uid))
            return e;
    fail_msg("no VEVENT with UID %s", uid);
    return NULL;
}

/* The instant of DTSTART or DTEND (kind) of e: a "…Z" time when tzid is NULL, else a wall time
 * with TZID=tzid, turned into UTC through the calendar's own VTIMEZONE of that TZID — or, with
 * any_utc, a "…Z" time (ics_calendar writes a repeated wall time in UTC). */
static long long instant(icalcomponent *cal, icalcomponent *e, icalproperty_kind kind,
                         const char *tzid, bool any_utc)
{
    icalproperty *p = icalcomponent_get_first_property(e, kind);
    assert_non_null(p);
    icalparameter *param = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
    struct icaltimetype t =
        kind == ICAL_DTSTART_PROPERTY ? icalproperty_get_dtstart(p) : icalproperty_get_dtend(p);
    assert_false(t.is_date);
    if (!tzid || (any_utc && !param)) {
        assert_null(param);
        assert_true(icaltime_is_utc(t));
        return (long long)icaltime_as_timet_with_zone(t, icaltimezone_get_utc_timezone());
    }
    assert_non_null(param);
    assert_string_equal(icalparameter_get_tzid(param), tzid);
    assert_false(icaltime_is_utc(t));
    icaltimezone *z = icalcomponent_get_timezone(cal, tzid);
    assert_non_null(z);
    return (long long)icaltime_as_timet_with_zone(t, z);
}

/* Fails unless cal's VEVENTs are exactly evs (any order), with times as instant() reads them. */
static void check_events_or_utc(icalcomponent *cal, const struct ics_event *evs, int n,
                                const char *tzid, bool any_utc)
{
    assert_int_equal(count(cal, ICAL_VEVENT_COMPONENT), n);
    for (int i = 0; i < n; i++) {
        const struct ics_event *ev = &evs[i];
        icalcomponent *e = event_with_uid(cal, ev->uid);
        struct icaltimetype stamp = icalcomponent_get_dtstamp(e);
        assert_true(icaltime_is_utc(stamp));
        assert_int_equal(icaltime_as_timet_with_zone(stamp, icaltimezone_get_utc_timezone()),
                         ev->dtstamp);
        icalproperty *seq = icalcomponent_get_first_property(e, ICAL_SEQUENCE_PROPERTY);
        assert_non_null(seq);
        assert_int_equal(icalproperty_get_sequence(seq), ev->sequence);
        assert_int_equal(icalcomponent_get_status(e),
                         ev->cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED);
        assert_string_equal(icalcomponent_get_summary(e), ev->summary);
        if (ev->description)
            assert_string_equal(icalcomponent_get_description(e), ev->description);
        else
            assert_null(icalcomponent_get_first_property(e, ICAL_DESCRIPTION_PROPERTY));
        if (ev->location)
            assert_string_equal(icalcomponent_get_location(e), ev->location);
        else
            assert_null(icalcomponent_get_first_property(e, ICAL_LOCATION_PROPERTY));
        if (instant(cal, e, ICAL_DTSTART_PROPERTY, tzid, any_utc) != ev->start)
            fail_msg("%s: DTSTART is not %lld", ev->uid, ev->start);
        if (instant(cal, e, ICAL_DTEND_PROPERTY, tzid, any_utc) != ev->end)
            fail_msg("%s: DTEND is not %lld", ev->uid, ev->end);
    }
}

static void check_events(icalcomponent *cal, const struct ics_event *evs, int n, const char *tzid)
{
    check_events_or_utc(cal, evs, n, tzid, false);
}

/* Fails unless cal has the calendar properties ics_calendar promises. */
static void check_header(icalcomponent *cal, const char *name, icalproperty_method method)
{
    icalproperty *p = icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY);
    assert_non_null(p);
    assert_non_null(strstr(icalproperty_get_prodid(p), "stipple"));
    p = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
    assert_non_null(p);
    assert_string_equal(icalproperty_get_version(p), "2.0");
    p = icalcomponent_get_first_property(cal, ICAL_CALSCALE_PROPERTY);
    assert_non_null(p);
    assert_string_equal(icalproperty_get_calscale(p), "GREGORIAN");
    assert_int_equal(icalcomponent_get_method(cal), method);
    assert_string_equal(x_prop(cal, "X-WR-CALNAME"), name);
}

static void test_utc(void **state)
{
    (void)state;
    const struct ics_event evs[] = {
        {.uid = "appointment-42@stipple",
         .start = utc(2026, 3, 29, 8, 0),
         .end = utc(2026, 3, 29, 10, 30),
         .dtstamp = utc(2026, 3, 1, 12, 0),
         .sequence = 0,
         .summary = "SMP session 1 of 3 — Jacob Ahmed",
         .location = "Chair 2"},
        {.uid = "appointment-43@stipple",
         .start = utc(2026, 4, 12, 14, 15),
         .end = utc(2026, 4, 12, 16, 45),
         .dtstamp = utc(2026, 3, 2, 9, 5),
         .sequence = 3,
         .summary = "SMP session 2 of 3 — Jacob Ahmed",
         .description = "Bring the consent form."},
    };
    char *s = ics_calendar("Dr Okafor", "PUBLISH", NULL, evs, 2);
    assert_non_null(s);
    check_lines(s);
    contains(s, "\r\nDTSTART:20260329T080000Z\r\n");
    contains(s, "\r\nDTEND:20260329T103000Z\r\n");
    contains(s, "\r\nDTSTART:20260412T141500Z\r\n");
    contains(s, "\r\nDTSTAMP:20260301T120000Z\r\n");
    contains(s, "\r\nSEQUENCE:3\r\n");
    lacks(s, "VTIMEZONE");
    lacks(s, "TZID");
    assert_true(!strncmp(s, "BEGIN:VCALENDAR\r\n", 17));
    assert_string_equal(s + strlen(s) - 15, "END:VCALENDAR\r\n");

    icalcomponent *cal = parse(s);
    check_header(cal, "Dr Okafor", ICAL_METHOD_PUBLISH);
    check_events(cal, evs, 2, NULL);
    icalcomponent_free(cal);
    free(s);
}

static void test_london(void **state)
{
    (void)state;
    /* 08:00Z on the day clocks go forward is 09:00 BST; 09:00Z on the day they go back is 09:00
     * GMT. The second is listed first: the VTIMEZONE must cover the earliest, not the first. */
    const struct ics_event evs[] = {
        {.uid = "appointment-7@stipple",
         .start = utc(2026, 10, 25, 9, 0),
         .end = utc(2026, 10, 25, 11, 0),
         .dtstamp = utc(2026, 10, 1, 8, 0),
         .sequence = 1,
         .summary = "SMP session 3 of 3 — Jacob Ahmed"},
        {.uid = "appointment-6@stipple",
         .start = utc(2026, 3, 29, 8, 0),
         .end = utc(2026, 3, 29, 10, 0),
         .dtstamp = utc(2026, 3, 20, 8, 0),
         .sequence = 0,
         .summary = "SMP session 2 of 3 — Jacob Ahmed"},
    };
    char *s = ics_calendar("Jacob Ahmed", "REQUEST", "Europe/London", evs, 2);
    assert_non_null(s);
    check_lines(s);
    contains(s, "\r\nDTSTART;TZID=Europe/London:20260329T090000\r\n");
    contains(s, "\r\nDTEND;TZID=Europe/London:20260329T110000\r\n");
    contains(s, "\r\nDTSTART;TZID=Europe/London:20261025T090000\r\n");
    contains(s, "\r\nDTEND;TZID=Europe/London:20261025T110000\r\n");
    contains(s, "\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n");
    lacks(s, "freeassociation");
    lacks(s, "T090000Z");

    icalcomponent *cal = parse(s);
    check_header(cal, "Jacob Ahmed", ICAL_METHOD_REQUEST);
    assert_int_equal(count(cal, ICAL_VTIMEZONE_COMPONENT), 1);
    icalcomponent *vtz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
    assert_string_equal(
        icalproperty_get_tzid(icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)),
        "Europe/London");
    assert_true(count(vtz, ICAL_XSTANDARD_COMPONENT) >= 1);
    assert_true(count(vtz, ICAL_XDAYLIGHT_COMPONENT) >= 1);
    check_events(cal, evs, 2, "Europe/London");
    icalcomponent_free(cal);
    free(s);
}

/* Events every 9 days and 7 hours from 2026 to 2033 in zone tzid, plus some on either side of
 * 01:00Z on EU change days, must come back to the same instants through the published VTIMEZONE
 * (or in UTC where the wall time repeats). */
static void roundtrip_zone(const char *tzid)
{
    enum { N = 320 };
    static char uids[N][32];
    struct ics_event evs[N];
    long long t = utc(2026, 1, 3, 5, 0);
    for (int i = 0; i < N; i++) {
        snprintf(uids[i], sizeof uids[i], "e%d@stipple", i);
        long long start = t + (long long)i * (9 * 86400 + 7 * 3600);
        if (i < 8) /* 00:30Z, 01:00Z, 01:30Z... around the last Sundays of March and October */
            start = (i < 4 ? utc(2027, 3, 28, 0, 30) : utc(2027, 10, 31, 0, 30)) + (i % 4) * 1800;
        evs[i] = (struct ics_event){.uid = uids[i],
                                    .start = start,
                                    .end = start + 5400,
                                    .dtstamp = utc(2026, 1, 1, 0, 0),
                                    .sequence = i % 3,
                                    .summary = "SMP",
                                    .cancelled = i % 5 == 0};
    }
    char *s = ics_calendar("feed", "PUBLISH", tzid, evs, N);
    assert_non_null(s);
    check_lines(s);
    icalcomponent *cal = parse(s);
    check_events_or_utc(cal, evs, N, tzid, true);
    icalcomponent_free(cal);
    free(s);
}

static void test_zones(void **state)
{
    (void)state;
    roundtrip_zone("Europe/London");
    roundtrip_zone("America/New_York");
    roundtrip_zone("Australia/Sydney");
    roundtrip_zone("Asia/Kolkata");
    roundtrip_zone("UTC"); /* libical's own UTC zone has no VTIMEZONE; tz.c reads the zone file */
}

/* When clocks go back, 01:00–02:00 in London happens twice; a TZID cannot say which (RFC 5545
 * takes the first, libical the second), so those instants are written in UTC. Either side of the
 * repeated hour, and across the spring gap, wall times with TZID as usual. */
static void test_repeated_hour(void **state)
{
    (void)state;
    static const struct {
        long long t;
        const char *want;
    } cases[] = {
        {1824940740 /* 2027-10-30T23:59Z */, "DTSTART;TZID=Europe/London:20271031T005900"},
        {1824940800 /* 2027-10-31T00:00Z */, "DTSTART:20271031T000000Z"},
        {1824942600 /* 2027-10-31T00:30Z */, "DTSTART:20271031T003000Z"},
        {1824944400 /* 2027-10-31T01:00Z */, "DTSTART:20271031T010000Z"},
        {1824946140 /* 2027-10-31T01:29Z */, "DTSTART:20271031T012900Z"},
        {1824948000 /* 2027-10-31T02:00Z */, "DTSTART;TZID=Europe/London:20271031T020000"},
        {1806193800 /* 2027-03-28T00:30Z */, "DTSTART;TZID=Europe/London:20270328T003000"},
        {1806195600 /* 2027-03-28T01:00Z */, "DTSTART;TZID=Europe/London:20270328T020000"},
    };
    enum { N = sizeof cases / sizeof cases[0] };
    struct ics_event evs[N];
    char uids[N][24];
    for (int i = 0; i < N; i++) {
        snprintf(uids[i], sizeof uids[i], "r%d@stipple", i);
        evs[i] = (struct ics_event){.uid = uids[i],
                                    .start = cases[i].t,
                                    .end = cases[i].t + 7200,
                                    .dtstamp = utc(2027, 10, 1, 0, 0),
                                    .summary = "night"};
    }
    char *s = ics_calendar("night", "PUBLISH", "Europe/London", evs, N);
    assert_non_null(s);
    for (int i = 0; i < N; i++)
        contains(s, cases[i].want);
    contains(s, "DTEND:20271031T015900Z\r\n"); /* 23:59Z + 2h: 01:59 GMT, repeated */
    contains(s, "DTEND;TZID=Europe/London:20271031T040000\r\n");
    icalcomponent *cal = parse(s);
    check_events_or_utc(cal, evs, N, "Europe/London", true);
    icalcomponent_free(cal);
    free(s);
}

static void test_escaping(void **state)
{
    (void)state;
    const struct ics_event ev = {
        .uid = "appointment-9@stipple",
        .start = utc(2026, 6, 1, 9, 0),
        .end = utc(2026, 6, 1, 10, 0),
        .dtstamp = utc(2026, 5, 1, 9, 0),
        .summary = "Top-up, Łukasz Dąbrowski; Renée\nnotes: a\\b",
        .description = "Hairline: temple points, density 2; pigment “Ash”.\nAftercare:\n"
                       "no sweat; no sun, for 4 days — zażółć gęślą jaźń, café crème brûlée.",
        .location = "Stipple Clinic, 12 High St; Room 3",
    };
    char *s = ics_calendar("Renée's chair, Łódź; main", "REQUEST", NULL, &ev, 1);
    assert_non_null(s);
    check_lines(s);
    contains(s, "SUMMARY:Top-up\\, Łukasz Dąbrowski\\; Renée\\nnotes: a\\\\b\r\n");
    contains(s, "LOCATION:Stipple Clinic\\, 12 High St\\; Room 3\r\n");
    contains(s,
             "DESCRIPTION:Hairline: temple points\\, density 2\\; pigment “Ash”.\\nAftercare:\\n");
    icalcomponent *cal = parse(s);
    check_header(cal, "Renée's chair, Łódź; main", ICAL_METHOD_REQUEST);
    check_events(cal, &ev, 1, NULL);
    icalcomponent_free(cal);
    free(s);
}

/* Long text of every byte alignment over the 75-octet boundary, so folds fall next to two-byte
 * characters in every position; each must come back whole. */
static void test_folding(void **state)
{
    (void)state;
    char summary[400], uid[200];
    for (int shift = 0; shift < 6; shift++) {
        int n = snprintf(summary, sizeof summary, "%.*s", shift, "xxxxx");
        for (int i = 0; i < 60; i++)
            n += snprintf(summary + n, sizeof summary - (size_t)n, "%s", i % 3 ? "é" : "ł,");
        snprintf(uid, sizeof uid, "%.*s-appointment-with-a-long-identifier-%d@stipple.example.org",
                 40 + shift, "0123456789012345678901234567890123456789012345", shift);
        const struct ics_event ev = {.uid = uid,
                                     .start = utc(2026, 7, 1, 9, 0),
                                     .end = utc(2026, 7, 1, 10, 0),
                                     .dtstamp = utc(2026, 6, 1, 9, 0),
                                     .summary = summary,
                                     .description = summary,
                                     .location = summary};
        char *s = ics_calendar(summary, "PUBLISH", "Europe/Warsaw", &ev, 1);
        assert_non_null(s);
        check_lines(s);
        icalcomponent *cal = parse(s);
        check_header(cal, summary, ICAL_METHOD_PUBLISH);
        check_events(cal, &ev, 1, "Europe/Warsaw");
        icalcomponent_free(cal);
        free(s);
    }
}

static void test_cancelled(void **state)
{
    (void)state;
    const struct ics_event evs[] = {
        {.uid = "appointment-1@stipple",
         .start = utc(2026, 2, 2, 9, 0),
         .end = utc(2026, 2, 2, 10, 0),
         .dtstamp = utc(2026, 1, 30, 17, 0),
         .sequence = 2,
         .summary = "Consultation — Ana Lima",
         .cancelled = 1},
        {.uid = "appointment-2@stipple",
         .start = utc(2026, 2, 3, 9, 0),
         .end = utc(2026, 2, 3, 10, 0),
         .dtstamp = utc(2026, 1, 30, 17, 0),
         .summary = "Consultation — Ben Cole"},
    };
    char *s = ics_calendar("Clinic", "PUBLISH", "Europe/London", evs, 2);
    assert_non_null(s);
    contains(s, "\r\nSTATUS:CANCELLED\r\n");
    contains(s, "\r\nSTATUS:CONFIRMED\r\n");
    icalcomponent *cal = parse(s);
    check_events(cal, evs, 2, "Europe/London");
    icalcomponent_free(cal);
    free(s);
}

static void test_unknown_tzid(void **state)
{
    (void)state;
    const struct ics_event ev = {.uid = "a@stipple",
                                 .start = utc(2026, 2, 2, 9, 0),
                                 .end = utc(2026, 2, 2, 10, 0),
                                 .dtstamp = utc(2026, 1, 30, 17, 0),
                                 .summary = "x"};
    static const char *const bad[] = {"Mars/Olympus_Mons", "", "Europe/../../etc/passwd",
                                      "europe/london"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_null(ics_calendar("c", "PUBLISH", bad[i], &ev, 1));
        assert_null(ics_calendar("c", "PUBLISH", bad[i], NULL, 0));
    }
}

/* No events: still a calendar, with the zone when one is asked for; a NULL name or method leaves
 * out X-WR-CALNAME or METHOD. */
static void test_empty(void **state)
{
    (void)state;
    char *s = ics_calendar("Empty", "PUBLISH", "America/New_York", NULL, 0);
    assert_non_null(s);
    check_lines(s);
    icalcomponent *cal = parse(s);
    check_header(cal, "Empty", ICAL_METHOD_PUBLISH);
    assert_int_equal(count(cal, ICAL_VTIMEZONE_COMPONENT), 1);
    assert_int_equal(count(cal, ICAL_VEVENT_COMPONENT), 0);
    icalcomponent_free(cal);
    free(s);

    s = ics_calendar(NULL, NULL, NULL, NULL, 0);
    assert_non_null(s);
    check_lines(s);
    lacks(s, "METHOD");
    lacks(s, "X-WR-CALNAME");
    cal = parse(s);
    assert_int_equal(count(cal, ICAL_ANY_COMPONENT), 0);
    icalcomponent_free(cal);
    free(s);
}

/* Calendars built on several threads at once, next to tz.c's own zone lookups, all come out
 * whole (run under ASan; the libical zone state they share is behind tz.c's lock). */
static void *worker(void *arg)
{
    static const char *const zones[] = {"Europe/London", "America/New_York", "Australia/Sydney",
                                        "Asia/Tokyo", NULL};
    static const char *const want[] = {"DTSTART;TZID=Europe/London:20260329T090000",
                                       "DTSTART;TZID=America/New_York:20260329T040000",
                                       "DTSTART;TZID=Australia/Sydney:20260329T190000",
                                       "DTSTART;TZID=Asia/Tokyo:20260329T170000",
                                       "DTSTART:20260329T080000Z"};
    int k = *(int *)arg, bad = 0;
    const struct ics_event ev = {.uid = "t@stipple",
                                 .start = utc(2026, 3, 29, 8, 0),
                                 .end = utc(2026, 3, 29, 9, 0),
                                 .dtstamp = utc(2026, 3, 1, 0, 0),
                                 .summary = "thread"};
    for (int i = 0; i < 40; i++) {
        int z = (k + i) % 5;
        char *s = ics_calendar("t", "PUBLISH", zones[z], &ev, 1);
        if (!s || !strstr(s, want[z]) || !tz_valid("Europe/Paris"))
            bad++;
        free(s);
    }
    return (void *)(intptr_t)bad;
}

static void test_threads(void **state)
{
    (void)state;
    enum { T = 4 };
    pthread_t th[T];
    int ids[T];
    for (int i = 0; i < T; i++) {
        ids[i] = i;
        assert_int_equal(pthread_create(&th[i], NULL, worker, &ids[i]), 0);
    }
    for (int i = 0; i < T; i++) {
        void *bad;
        assert_int_equal(pthread_join(th[i], &bad), 0);
        assert_int_equal((intptr_t)bad, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utc),       cmocka_unit_test(test_london),
        cmocka_unit_test(test_zones),     cmocka_unit_test(test_repeated_hour),
        cmocka_unit_test(test_escaping),  cmocka_unit_test(test_folding),
        cmocka_unit_test(test_cancelled), cmocka_unit_test(test_unknown_tzid),
        cmocka_unit_test(test_empty),     cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
