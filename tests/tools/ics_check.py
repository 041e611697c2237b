#!/usr/bin/python3
"""ics_check.py — an independent check of stipple's iCalendar (RFC 5545) output.

Usage: /usr/bin/python3 tests/tools/ics_check.py FILE [--expect-events N] [--expect-tzid ZONE]
                                                      [--all-day]

Reads FILE with Debian's python3-icalendar (icalendar.Calendar.from_ical), not with libical that
wrote it, and checks: lines end in CRLF and are at most 75 octets, folded between UTF-8
characters; VERSION 2.0 and a PRODID; every VEVENT has a UID, a UTC DTSTAMP, a DTSTART and a
DTEND later than it, both date-times pinned to an instant (with TZID=ZONE when --expect-tzid is
given, otherwise in UTC), an integer SEQUENCE and STATUS CONFIRMED or CANCELLED. Every TZID has its
VTIMEZONE, and a wall time with a TZID must exist once in the IANA zone and mean the same instant
through the file's own VTIMEZONE; with --expect-tzid, UTC is accepted only for a wall time that
the zone repeats when clocks go back. Prints one line per event — UID, DTSTART in UTC (ISO 8601),
SEQUENCE, STATUS, SUMMARY (newlines shown as \\n) — and exits 0, or prints each problem to stderr
and exits 1. With --all-day every event must instead be a whole-day event: DTSTART and DTEND
VALUE=DATE calendar days, DTEND (exclusive) after DTSTART; the line then shows the first day and
the last day (DTEND − 1).
"""
import argparse
import datetime
import sys
import zoneinfo

import dateutil.rrule
import icalendar

UTC = datetime.timezone.utc

# While parsing, icalendar 4.0.x turns each VTIMEZONE whose TZID pytz does not know into a tzinfo
# with Timezone.to_tz, which fails on RFC 5545's UTC UNTIL and so fails the whole parse. This
# checker reads VTIMEZONEs itself (onsets below), so that conversion is switched off: a DTSTART
# whose TZID pytz does not know then parses as a naive wall time, judged by instant().
icalendar.cal.Timezone.to_tz = lambda self: None


def check_lines(raw, problems):
    """Appends to problems every line of raw (bytes) that breaks RFC 5545's line rules."""
    if not raw.endswith(b"\r\n"):
        problems.append("the file does not end in CRLF")
    for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            problems.append("line %d: a bare CR or LF (lines must end in CRLF)" % number)
        if len(line) > 75:
            problems.append("line %d: %d octets, more than 75" % (number, len(line)))
        if line[:1] == b" " and len(line) > 1 and line[1] & 0xC0 == 0x80:
            problems.append("line %d: folded inside a UTF-8 character" % number)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append("not UTF-8: %s" % e)


def iana(name, problems, where):
    """The zoneinfo zone called name, or None after noting the problem."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.append("%s: %r is not an IANA time zone" % (where, name))
        return None


def repeated(wall, zone):
    """Whether the naive wall time happens twice in zone (the hour repeated when clocks go back)."""
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    return first.utcoffset() != second.utcoffset() and first.utcoffset() > second.utcoffset()


HORIZON = datetime.datetime(2100, 1, 1)


def onsets(vtz):
    """The observances of the VTIMEZONE component vtz as a sorted list of (naive UTC instant,
    offset from then on). Read here rather than with icalendar's to_tz, which (in 4.0.x) refuses
    RFC 5545's own rule that an RRULE's UNTIL in a VTIMEZONE is in UTC."""
    out = []
    for obs in vtz.subcomponents:
        if obs.name not in ("STANDARD", "DAYLIGHT"):
            continue
        before, after = obs["TZOFFSETFROM"].td, obs["TZOFFSETTO"].td
        start = obs["DTSTART"].dt  # a local time in the offset before the change
        if not isinstance(start, datetime.datetime) or start.tzinfo is not None:
            raise ValueError("%s DTSTART %s is not a local date-time" % (obs.name, start))
        times = [start]
        if "RRULE" in obs:
            rule = obs["RRULE"].to_ical().decode()
            parts = [p for p in rule.split(";") if not p.startswith("UNTIL=")]
            rrule = dateutil.rrule.rrulestr(";".join(parts), dtstart=start)
            until = obs["RRULE"].get("UNTIL")
            if until:
                until = until[0]
                if isinstance(until, datetime.datetime) and until.tzinfo is not None:
                    until = until.astimezone(UTC).replace(tzinfo=None) + before
                rrule = rrule.replace(until=until)
            times += rrule.between(start, HORIZON, inc=True)
        rdates = obs.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            times += [d.dt.replace(tzinfo=None) for d in rdate.dts]
        out += [(t - before, after) for t in set(times)]
    if not out:
        raise ValueError("no STANDARD or DAYLIGHT observance")
    return sorted(out)


def own_instant(vtz, wall, cache={}):
    """The UTC instant of the naive wall time by the rules of VTIMEZONE vtz itself: of the offsets
    that give back wall, the one of the first occurrence (RFC 5545 3.3.5)."""
    if id(vtz) not in cache:
        cache[id(vtz)] = (vtz, onsets(vtz))
    table = cache[id(vtz)][1]

    def offset_at(utc):
        current = None
        for at, offset in table:
            if at > utc:
                break
            current = offset
        if current is None:
            raise ValueError("%s is before the VTIMEZONE's first observance" % utc)
        return current

    found = [wall - o for o in {o for _, o in table} if offset_at(wall - o) == o]
    if not found:
        raise ValueError("%s does not exist by the VTIMEZONE" % wall)
    return min(found).replace(tzinfo=UTC)


def instant(prop, name, where, expect_tzid, vtimezones, problems):
    """The UTC instant of DTSTART or DTEND (prop, a vDDDTypes; name for messages), or None after
    noting why it is not an acceptable date-time."""
    if prop is None:
        problems.append("%s: no %s" % (where, name))
        return None
    dt = prop.dt
    if not isinstance(dt, datetime.datetime):
        problems.append("%s: %s is a date, not a date-time" % (where, name))
        return None
    tzid = prop.params.get("TZID")
    if tzid is None and (dt.tzinfo is None or dt.utcoffset() is None):
        problems.append("%s: %s is a floating time (neither TZID nor UTC)" % (where, name))
        return None
    if tzid is None:
        if dt.utcoffset() != datetime.timedelta(0):
            problems.append("%s: %s is not in UTC" % (where, name))
            return None
        at = dt.astimezone(UTC)
        if expect_tzid:
            zone = iana(expect_tzid, problems, where)
            if zone and not repeated(at.astimezone(zone).replace(tzinfo=None), zone):
                problems.append("%s: %s is in UTC, not with TZID=%s" % (where, name, expect_tzid))
        return at
    if expect_tzid is None:
        problems.append("%s: %s has TZID=%s; expected UTC" % (where, name, tzid))
    elif tzid != expect_tzid:
        problems.append("%s: %s has TZID=%s; expected %s" % (where, name, tzid, expect_tzid))
    if tzid not in vtimezones:
        problems.append("%s: %s has TZID=%s but no VTIMEZONE of that TZID" % (where, name, tzid))
        return None
    zone = iana(tzid, problems, where)
    if zone is None:
        return None
    # RFC 5545 3.3.5: a wall time that happens twice means the first; one that never happens
    # (clocks going forward) is shifted by the gap. We write neither, so either is a problem.
    wall = dt.replace(tzinfo=None)
    at = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if at.astimezone(zone).replace(tzinfo=None) != wall:
        problems.append("%s: %s %s does not exist in %s" % (where, name, wall, tzid))
    if repeated(wall, zone):
        problems.append("%s: %s %s happens twice in %s; a TZID cannot say which" %
                        (where, name, wall, tzid))
    try:
        own = own_instant(vtimezones[tzid], wall)
    except Exception as e:  # noqa: BLE001 — any failure to read the VTIMEZONE is the finding
        problems.append("%s: %s %s cannot be read through VTIMEZONE %s: %s" %
                        (where, name, wall, tzid, e))
        return at
    if own != at:
        problems.append("%s: %s %s is %s by the file's VTIMEZONE but %s in the IANA zone %s" %
                        (where, name, wall, own.isoformat(), at.isoformat(), tzid))
    return at


def days(ev, where, problems):
    """(first, last) calendar days of an all-day event, or (None, None) after a problem."""
    start, end = ev.get("DTSTART"), ev.get("DTEND")
    if start is None or end is None:
        problems.append("%s: an all-day event needs DTSTART and DTEND" % where)
        return None, None
    for name, prop in (("DTSTART", start), ("DTEND", end)):
        if isinstance(prop.dt, datetime.datetime) or prop.params.get("VALUE") != "DATE":
            problems.append("%s: %s is not a VALUE=DATE day" % (where, name))
            return None, None
    if end.dt <= start.dt:
        problems.append("%s: DTEND %s is not after DTSTART %s" % (where, end.dt, start.dt))
        return None, None
    return start.dt, end.dt - datetime.timedelta(days=1)


def check(raw, expect_events, expect_tzid, all_day=False):
    """Returns (lines to print, problems) for the calendar raw (bytes)."""
    problems = []
    check_lines(raw, problems)
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as e:  # noqa: BLE001 — icalendar raises plain ValueError and worse
        return [], problems + ["icalendar cannot parse the file: %s" % e]
    if cal.name != "VCALENDAR":
        problems.append("the file is a %s, not a VCALENDAR" % cal.name)
    if str(cal.get("VERSION", "")) != "2.0":
        problems.append("VERSION is %r, not 2.0" % str(cal.get("VERSION", "")))
    if not str(cal.get("PRODID", "")).strip():
        problems.append("no PRODID")

    vtimezones = {}
    for vtz in cal.walk("VTIMEZONE"):
        tzid = str(vtz.get("TZID", ""))
        if not tzid:
            problems.append("a VTIMEZONE without TZID")
        elif tzid in vtimezones:
            problems.append("two VTIMEZONEs with TZID %s" % tzid)
        vtimezones[tzid] = vtz
    if expect_tzid and expect_tzid not in vtimezones:
        problems.append("no VTIMEZONE with TZID %s" % expect_tzid)

    events = cal.walk("VEVENT")
    if expect_events is not None and len(events) != expect_events:
        problems.append("%d VEVENTs, expected %d" % (len(events), expect_events))
    out = []
    for number, ev in enumerate(events, 1):
        uid = str(ev.get("UID", ""))
        where = "VEVENT %d (%s)" % (number, uid or "no UID")
        for prop, error in ev.errors:
            problems.append("%s: %s unreadable: %s" % (where, prop, error))
        if not uid:
            problems.append("%s: no UID" % where)
        stamp = ev.get("DTSTAMP")
        if stamp is None:
            problems.append("%s: no DTSTAMP" % where)
        elif (not isinstance(stamp.dt, datetime.datetime) or stamp.dt.tzinfo is None
              or stamp.dt.utcoffset() != datetime.timedelta(0) or "TZID" in stamp.params):
            problems.append("%s: DTSTAMP is not a UTC date-time" % where)
        if all_day:
            first, last = days(ev, where, problems)
            start = end = None
        else:
            start = instant(ev.get("DTSTART"), "DTSTART", where, expect_tzid, vtimezones, problems)
            end = instant(ev.get("DTEND"), "DTEND", where, expect_tzid, vtimezones, problems)
        if start and end and end <= start:
            problems.append("%s: DTEND %s is not after DTSTART %s" %
                            (where, end.isoformat(), start.isoformat()))
        seq = ev.get("SEQUENCE")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            problems.append("%s: SEQUENCE %r is not a non-negative integer" % (where, seq))
        status = str(ev.get("STATUS", ""))
        if status not in ("CONFIRMED", "CANCELLED"):
            problems.append("%s: STATUS %r is not CONFIRMED or CANCELLED" % (where, status))
        summary = str(ev.get("SUMMARY", "")).replace("\\", "\\\\").replace("\n", "\\n")
        if all_day:
            out.append("%s %s %s %s %s %s" % (uid, first or "-", last or "-", seq, status, summary))
        else:
            out.append("%s %s %s %s %s" % (uid, start.strftime("%Y-%m-%dT%H:%M:%SZ") if start
                                            else "-", seq, status, summary))
    return out, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--expect-events", type=int, metavar="N")
    ap.add_argument("--expect-tzid", metavar="ZONE")
    ap.add_argument("--all-day", action="store_true")
    args = ap.parse_args()
    try:
        with open(args.file, "rb") as f:
            raw = f.read()
    except OSError as e:
        print("ics_check: %s" % e, file=sys.stderr)
        return 1
    out, problems = check(raw, args.expect_events, args.expect_tzid, args.all_day)
    if problems:
        for p in dict.fromkeys(problems):  # each problem once, in order
            print("ics_check: %s: %s" % (args.file, p), file=sys.stderr)
        return 1
    sys.stdout.reconfigure(encoding="utf-8")
    for line in out:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
