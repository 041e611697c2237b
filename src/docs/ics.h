/* src/docs/ics.h — calendars for practitioners' phones and clients' confirmations, as
 * RFC 5545 text made by libical. */
#ifndef STIPPLE_ICS_H
#define STIPPLE_ICS_H

struct ics_event {
    const char *uid;         /* stable, globally unique: e.g. "appointment-42@stipple" */
    long long start, end;    /* UTC instants (Unix seconds) */
    long long dtstamp;       /* when this version was made (UTC) */
    int sequence;            /* 0 for the first version, +1 on every change (RFC 5546) */
    const char *summary;     /* e.g. "SMP session 2 of 3 — Jacob Ahmed" */
    const char *description; /* may be NULL */
    const char *location;    /* may be NULL */
    int cancelled;           /* STATUS:CANCELLED when set, else STATUS:CONFIRMED */
    /* all-day events (e.g. aftercare stages): DTSTART;VALUE=DATE is the calendar day start_day
     * and DTEND the day after end_day (days since 1970-01-01); start/end are then ignored */
    int all_day;
    long long start_day, end_day;
};
/* ics_calendar returns a VCALENDAR (PRODID, VERSION 2.0, CALSCALE GREGORIAN, METHOD as given —
 * "PUBLISH" for feeds, "REQUEST" for a confirmation, X-WR-CALNAME name) holding one VEVENT per
 * event. With tzid (an IANA name such as "Europe/London") the calendar carries that VTIMEZONE and
 * DTSTART/DTEND are local times with TZID; with tzid NULL they are UTC ("…Z"). Lines end in CRLF
 * and are folded at 75 octets. The caller frees the string with free(). Returns NULL only for an
 * unknown tzid. */
char *ics_calendar(const char *name, const char *method, const char *tzid,
                   const struct ics_event *events, int n);

#endif
