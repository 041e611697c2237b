/*
 * test_sched.c — the pure scheduler: interval arithmetic (unsorted, overlapping busy spans;
 * touching spans do not overlap), opening hours with several intervals a day and late evenings,
 * closures, practitioner hours inside the clinic's, the local start grid, the clean-down buffer
 * (it may run past closing, never into the next booking), chairs, not_before, daylight-saving
 * days in Europe/London (a time zone computed here by its rule, as src/util/tz.c would answer)
 * and fixed-offset zones, month ends, sched_slot_ok agreeing with sched_free_slots on thousands
 * of random cases, gap windows, and the course planner: gap windows honoured, every session
 * inside opening hours and bookable, options ranked by finish, then one practitioner, then the
 * preferred one, on distinct first days, and a course across the October clock change keeping
 * its local time.
 */
#include "domain/civil.h"
#include "sched/sched.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* ---- time zones ------------------------------------------------------------------------- */

static long long utc_to_utc(void *ctx, struct civil_date d, int minute)
{
    (void)ctx;
    return civil_days(d) * 86400 + minute * 60LL;
}

/* ctx points at the zone's offset east of UTC in minutes. */
static long long fixed_to_utc(void *ctx, struct civil_date d, int minute)
{
    int offset = *(const int *)ctx;
    return civil_days(d) * 86400 + (minute - offset) * 60LL;
}

/* 01:00 UTC on the last Sunday of month m of year y: when Europe/London changes its clocks. */
static long long london_change(int y, int m)
{
    long long day = civil_days((struct civil_date){y, m, civil_days_in_month(y, m)});
    long long wd = ((day + 3) % 7 + 7) % 7; /* Monday = 0; 1970-01-01 was a Thursday */
    return (day - (wd + 1) % 7) * 86400 + 3600;
}

static bool london_summer(long long t)
{
    int y = civil_date_of(t).y;
    return t >= london_change(y, 3) && t < london_change(y, 10);
}

/* Europe/London by rule: BST (UTC+1) from the last Sunday of March 01:00 UTC to the last Sunday
 * of October 01:00 UTC. A wall time in the spring gap answers the end of the gap, one that
 * happens twice in autumn its first (BST) occurrence. */
static long long london_to_utc(void *ctx, struct civil_date d, int minute)
{
    (void)ctx;
    long long wall = civil_days(d) * 86400 + minute * 60LL;
    if (london_summer(wall - 3600))
        return wall - 3600;
    if (!london_summer(wall))
        return wall;
    return london_change(d.y, 3);
}

/* ---- helpers ---------------------------------------------------------------------------- */

static struct civil_date date(const char *s)
{
    struct civil_date d = {0};
    if (!civil_parse_date(s, &d))
        fail_msg("test bug: \"%s\" is not a date", s);
    return d;
}

static struct civil_date add_days(struct civil_date d, long long n)
{
    return civil_from_days(civil_days(d) + n);
}

/* The instant of "YYYY-MM-DD" at hh:mm UTC. */
static long long utc(const char *day, int hh, int mm)
{
    return civil_days(date(day)) * 86400 + hh * 3600LL + mm * 60LL;
}

static struct span sp(long long start, long long end)
{
    return (struct span){start, end};
}

static void assert_date(struct civil_date got, const char *want)
{
    char s[11];
    civil_format_date(got, s);
    assert_string_equal(s, want);
}

static void assert_instant(long long got, const char *want)
{
    char s[21];
    civil_format_utc(got, s);
    assert_string_equal(s, want);
}

/* Every day of the week open from a to b (minutes). */
static struct week_hours every_day(int a, int b)
{
    struct week_hours w;
    memset(&w, 0, sizeof w);
    for (int i = 0; i < 7; i++) {
        w.day[i].n = 1;
        w.day[i].iv[0].start_min = a;
        w.day[i].iv[0].end_min = b;
    }
    return w;
}

/* One day in UTC, 60-minute appointments on a 15-minute grid, nothing booked. */
static struct sched_input one_day(const struct week_hours *h, const char *day)
{
    return (struct sched_input){.from = date(day),
                                .to = date(day),
                                .clinic_hours = h,
                                .duration_min = 60,
                                .grid_min = 15,
                                .not_before = LLONG_MIN,
                                .to_utc = utc_to_utc};
}

static int list(const struct sched_input *in, struct sched_slot *out, int max)
{
    memset(out, 0xa5, sizeof *out * (size_t)max);
    int n = sched_free_slots(in, out, max);
    assert_in_range(n, 0, max);
    return n;
}

/* The index of the slot starting at t, or -1. */
static int find(const struct sched_slot *s, int n, long long t)
{
    for (int i = 0; i < n; i++)
        if (s[i].start == t)
            return i;
    return -1;
}

enum { BIG = 2048 };

/* ---- weekday and gaps ------------------------------------------------------------------- */

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(sched_weekday(date("1970-01-01")), 3);
    assert_int_equal(sched_weekday(date("1969-12-29")), 0);
    assert_int_equal(sched_weekday(date("2026-01-05")), 0);
    assert_int_equal(sched_weekday(date("2026-03-29")), 6);
    assert_int_equal(sched_weekday(date("2026-10-25")), 6);
    assert_int_equal(sched_weekday(date("2000-02-29")), 1);
    assert_int_equal(sched_weekday(date("1900-01-01")), 0);
    /* the test's London rule finds the 2026 and 2027 change days */
    assert_instant(london_change(2026, 3), "2026-03-29T01:00:00Z");
    assert_instant(london_change(2026, 10), "2026-10-25T01:00:00Z");
    assert_instant(london_change(2027, 3), "2027-03-28T01:00:00Z");
    assert_instant(london_change(2027, 10), "2027-10-31T01:00:00Z");
}

static void test_gap_ok(void **state)
{
    (void)state;
    struct civil_date a = date("2026-01-25");
    assert_false(sched_gap_ok(a, date("2026-02-07"), 14, 21));
    assert_true(sched_gap_ok(a, date("2026-02-08"), 14, 21));
    assert_true(sched_gap_ok(a, date("2026-02-15"), 14, 21));
    assert_false(sched_gap_ok(a, date("2026-02-16"), 14, 21));
    assert_true(sched_gap_ok(a, date("2026-02-04"), 10, 10));
    assert_false(sched_gap_ok(a, date("2026-02-03"), 10, 10));
    assert_false(sched_gap_ok(a, date("2026-02-05"), 10, 10));
    assert_true(sched_gap_ok(a, a, 0, 0));
    assert_false(sched_gap_ok(date("2026-02-08"), a, 0, 21)); /* b before a */
    /* across a leap day and a year end */
    assert_true(sched_gap_ok(date("2028-02-20"), date("2028-03-05"), 14, 14));
    assert_true(sched_gap_ok(date("2026-12-25"), date("2027-01-22"), 28, 28));
}

/* ---- one day's slots -------------------------------------------------------------------- */

static void test_plain_day(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours h = every_day(9 * 60, 12 * 60);
    struct sched_input in = one_day(&h, "2026-06-02");
    int n = list(&in, slots, BIG);
    assert_int_equal(n, 9); /* 09:00 … 11:00 every 15 minutes */
    for (int i = 0; i < n; i++) {
        assert_int_equal(slots[i].start, utc("2026-06-02", 9, 15 * i));
        assert_int_equal(slots[i].end, slots[i].start + 3600);
        assert_int_equal(slots[i].chair, -1);
        assert_date(slots[i].local_date, "2026-06-02");
    }
    /* max bounds the listing, in time order */
    assert_int_equal(list(&in, slots, 2), 2);
    assert_int_equal(slots[1].start, utc("2026-06-02", 9, 15));
    /* longer than the day is open: nothing */
    in.duration_min = 181;
    assert_int_equal(list(&in, slots, BIG), 0);
    in.duration_min = 180;
    assert_int_equal(list(&in, slots, BIG), 1);
    /* nonsense in, nothing out */
    in.grid_min = 0;
    assert_int_equal(list(&in, slots, BIG), 0);
    in.grid_min = 15;
    in.to = date("2026-06-01");
    assert_int_equal(list(&in, slots, BIG), 0);
    assert_int_equal(sched_free_slots(NULL, slots, BIG), 0);
}

static void test_busy_unsorted_overlapping_touching(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours h = every_day(9 * 60, 17 * 60);
    struct sched_input in = one_day(&h, "2026-06-02");
    const char *d = "2026-06-02";
    struct span busy[] = {
        sp(utc(d, 13, 0), utc(d, 14, 0)),  /* touches the next one */
        sp(utc(d, 10, 0), utc(d, 10, 30)), /* overlaps the next one */
        sp(utc(d, 14, 0), utc(d, 14, 30)),
        sp(utc(d, 9, 45), utc(d, 10, 15)),
        sp(utc(d, 10, 5), utc(d, 10, 20)),                     /* inside another */
        sp(utc(d, 16, 0), utc(d, 16, 0)),                      /* empty: blocks nothing */
        sp(utc("2026-06-01", 0, 0), utc("2026-06-01", 23, 0)), /* another day */
    };
    in.busy = busy;
    in.n_busy = (int)(sizeof busy / sizeof busy[0]);
    int n = list(&in, slots, BIG);
    /* 09:00–09:45 free before the first span; the union 09:45–10:30 */
    assert_true(find(slots, n, utc(d, 8, 45)) < 0);
    assert_true(find(slots, n, utc(d, 8, 45 + 60)) < 0); /* 09:45 */
    assert_true(find(slots, n, utc(d, 9, 30)) < 0);      /* would end 10:30 */
    assert_true(find(slots, n, utc(d, 9, 0)) < 0);       /* ends 10:00, 09:45 busy */
    assert_true(find(slots, n, utc(d, 10, 15)) < 0);     /* 10:15 inside 10:00–10:30 */
    assert_true(find(slots, n, utc(d, 10, 30)) >= 0);    /* starts as the union ends */
    assert_true(find(slots, n, utc(d, 12, 0)) >= 0);     /* ends as 13:00 starts */
    assert_true(find(slots, n, utc(d, 12, 15)) < 0);
    assert_true(find(slots, n, utc(d, 13, 30)) < 0); /* 13:00–14:30 is one busy stretch */
    assert_true(find(slots, n, utc(d, 14, 15)) < 0);
    assert_true(find(slots, n, utc(d, 14, 30)) >= 0);
    assert_true(find(slots, n, utc(d, 15, 30)) >= 0); /* the empty span at 16:00 is nothing */
    assert_true(find(slots, n, utc(d, 16, 0)) >= 0);
    /* exactly: 10:30 … 12:00 (7), 14:30 … 16:00 (7) */
    assert_int_equal(n, 14);
}

static void test_several_intervals_late_evening(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours h;
    memset(&h, 0, sizeof h);
    /* Tuesday: unsorted intervals, one late evening; the others closed */
    h.day[1].n = 2;
    h.day[1].iv[0].start_min = 17 * 60;
    h.day[1].iv[0].end_min = 21 * 60;
    h.day[1].iv[1].start_min = 9 * 60;
    h.day[1].iv[1].end_min = 12 * 60;
    struct sched_input in = one_day(&h, "2026-06-01");
    in.to = date("2026-06-03"); /* Monday … Wednesday */
    int n = list(&in, slots, BIG);
    assert_int_equal(n, 9 + 13);
    const char *d = "2026-06-02";
    assert_int_equal(slots[0].start, utc(d, 9, 0));
    assert_int_equal(slots[8].start, utc(d, 11, 0));
    assert_int_equal(slots[9].start, utc(d, 17, 0));
    assert_int_equal(slots[21].start, utc(d, 20, 0)); /* ends at closing, 21:00 */
    assert_true(find(slots, n, utc(d, 11, 15)) < 0);  /* would run past 12:00 */
    for (int i = 0; i < n; i++)
        assert_date(slots[i].local_date, d);
    /* touching intervals are one stretch of open time */
    h.day[1].iv[0].start_min = 12 * 60;
    n = list(&in, slots, BIG);
    assert_true(find(slots, n, utc(d, 11, 30)) >= 0);
    assert_int_equal(n, (21 - 9) * 4 - 3);
}

static void test_closures(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours h = every_day(9 * 60, 11 * 60);
    struct sched_input in = one_day(&h, "2026-06-01");
    in.to = date("2026-06-05");
    struct civil_date closed[] = {date("2026-06-04"), date("2026-06-02"), date("2026-07-01")};
    in.closures = closed;
    in.n_closures = 3;
    int n = list(&in, slots, BIG);
    assert_int_equal(n, 3 * 5);
    for (int i = 0; i < n; i++) {
        char s[11];
        civil_format_date(slots[i].local_date, s);
        assert_string_not_equal(s, "2026-06-02");
        assert_string_not_equal(s, "2026-06-04");
    }
    assert_false(sched_slot_ok(&in, utc("2026-06-02", 9, 0), NULL));
    assert_true(sched_slot_ok(&in, utc("2026-06-03", 9, 0), NULL));
}

static void test_practitioner_hours(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours clinic = every_day(8 * 60, 20 * 60);
    struct week_hours prac;
    memset(&prac, 0, sizeof prac);
    prac.day[1].n = 3; /* Tuesday 07:00–10:00, 16:00–18:00, 19:30–22:00 */
    prac.day[1].iv[0].start_min = 7 * 60;
    prac.day[1].iv[0].end_min = 10 * 60;
    prac.day[1].iv[1].start_min = 16 * 60;
    prac.day[1].iv[1].end_min = 18 * 60;
    prac.day[1].iv[2].start_min = 19 * 60 + 30;
    prac.day[1].iv[2].end_min = 22 * 60;
    struct sched_input in = one_day(&clinic, "2026-06-01");
    in.to = date("2026-06-02");
    in.practitioner_hours = &prac;
    int n = list(&in, slots, BIG);
    const char *d = "2026-06-02";
    /* 08:00–10:00 (5), 16:00–18:00 (5), 19:30–20:00 too short */
    assert_int_equal(n, 10);
    assert_int_equal(slots[0].start, utc(d, 8, 0));
    assert_int_equal(slots[4].start, utc(d, 9, 0));
    assert_int_equal(slots[5].start, utc(d, 16, 0));
    assert_int_equal(slots[9].start, utc(d, 17, 0));
    in.duration_min = 30;
    n = list(&in, slots, BIG);
    assert_int_equal(slots[n - 1].start, utc(d, 19, 30));
}

static void test_grid(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours h = every_day(9 * 60 + 10, 11 * 60);
    struct sched_input in = one_day(&h, "2026-06-02");
    int n = list(&in, slots, BIG);
    assert_true(n > 0);
    assert_int_equal(slots[0].start, utc("2026-06-02", 9, 15));
    assert_false(sched_slot_ok(&in, utc("2026-06-02", 9, 10), NULL));
    assert_false(sched_slot_ok(&in, utc("2026-06-02", 9, 20), NULL));
    assert_true(sched_slot_ok(&in, utc("2026-06-02", 9, 15), NULL));
    in.grid_min = 30;
    n = list(&in, slots, BIG);
    assert_int_equal(n, 2); /* 09:30, 10:00 */
    assert_int_equal(slots[0].start, utc("2026-06-02", 9, 30));
    /* the grid is local: in a +05:45 zone starts are at :00/:30 local, :15/:45 UTC */
    int nepal = 5 * 60 + 45;
    in.to_utc = fixed_to_utc;
    in.tz_ctx = &nepal;
    n = list(&in, slots, BIG);
    assert_int_equal(n, 2);
    assert_int_equal(slots[0].start, utc("2026-06-02", 3, 45));
}

static void test_buffer(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours h = every_day(9 * 60, 12 * 60);
    struct sched_input in = one_day(&h, "2026-06-02");
    const char *d = "2026-06-02";
    struct span busy[] = {sp(utc(d, 11, 0), utc(d, 11, 30))};
    in.busy = busy;
    in.n_busy = 1;
    in.buffer_min = 15;
    int n = list(&in, slots, BIG);
    /* 09:45 ends 10:45, clean-down until 11:00: fits; 10:00 would clean until 11:15 */
    assert_true(find(slots, n, utc(d, 9, 45)) >= 0);
    assert_true(find(slots, n, utc(d, 10, 0)) < 0);
    assert_false(sched_slot_ok(&in, utc(d, 10, 0), NULL));
    /* after the booking: 11:30 would end 12:30, past closing */
    assert_int_equal(n, 4);
    /* the clean-down may run past closing, the appointment may not */
    in.n_busy = 0;
    in.buffer_min = 45;
    n = list(&in, slots, BIG);
    assert_int_equal(n, 9);
    assert_int_equal(slots[n - 1].start, utc(d, 11, 0));
}

static void test_chairs(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours h = every_day(9 * 60, 13 * 60);
    struct sched_input in = one_day(&h, "2026-06-02");
    const char *d = "2026-06-02";
    struct span c0[] = {sp(utc(d, 10, 0), utc(d, 11, 0)), sp(utc(d, 9, 0), utc(d, 9, 30))};
    struct span c1[] = {sp(utc(d, 9, 45), utc(d, 10, 30))};
    const struct span *chairs[] = {c0, c1};
    int chair_n[] = {2, 1};
    in.n_chairs = 2;
    in.chair_busy = chairs;
    in.chair_busy_n = chair_n;
    in.needs_chair = true;
    in.duration_min = 30;
    int n = list(&in, slots, BIG);
    int chair = -7;
    /* 09:00: chair 0 taken, chair 1 free until 09:45 */
    int i = find(slots, n, utc(d, 9, 0));
    assert_true(i >= 0);
    assert_int_equal(slots[i].chair, 1);
    assert_true(sched_slot_ok(&in, utc(d, 9, 0), &chair));
    assert_int_equal(chair, 1);
    /* 09:30: chair 0 free until 10:00, lowest index first */
    i = find(slots, n, utc(d, 9, 30));
    assert_true(i >= 0);
    assert_int_equal(slots[i].chair, 0);
    /* 10:00: both taken */
    assert_true(find(slots, n, utc(d, 10, 0)) < 0);
    assert_false(sched_slot_ok(&in, utc(d, 10, 0), &chair));
    assert_int_equal(chair, -1);
    /* 10:30: chair 1 free */
    i = find(slots, n, utc(d, 10, 30));
    assert_true(i >= 0);
    assert_int_equal(slots[i].chair, 1);
    /* the chair keeps its clean-down: 09:15 + 30 + 15 = 10:00 on chair 1 hits 09:45 */
    in.buffer_min = 15;
    n = list(&in, slots, BIG);
    assert_true(find(slots, n, utc(d, 9, 15)) < 0);
    i = find(slots, n, utc(d, 9, 0));
    assert_true(i >= 0);
    assert_int_equal(slots[i].chair, 1); /* 09:00–09:45 touches chair 1's booking */
    /* a consultation needs no chair */
    in.needs_chair = false;
    n = list(&in, slots, BIG);
    i = find(slots, n, utc(d, 10, 0));
    assert_true(i >= 0);
    assert_int_equal(slots[i].chair, -1);
    assert_true(sched_slot_ok(&in, utc(d, 10, 0), &chair));
    assert_int_equal(chair, -1);
    /* no chairs at all: no treatment slots */
    in.needs_chair = true;
    in.n_chairs = 0;
    assert_int_equal(list(&in, slots, BIG), 0);
}

static void test_not_before(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours h = every_day(9 * 60, 12 * 60);
    struct sched_input in = one_day(&h, "2026-06-02");
    in.to = date("2026-06-03");
    in.not_before = utc("2026-06-02", 10, 5);
    int n = list(&in, slots, BIG);
    assert_int_equal(slots[0].start, utc("2026-06-02", 10, 15));
    assert_int_equal(n, 4 + 9);
    assert_false(sched_slot_ok(&in, utc("2026-06-02", 10, 0), NULL));
    assert_true(sched_slot_ok(&in, utc("2026-06-02", 10, 15), NULL));
    in.not_before = utc("2026-06-02", 10, 15); /* the instant itself is allowed */
    assert_int_equal(list(&in, slots, BIG), 13);
    in.not_before = utc("2026-06-04", 0, 0);
    assert_int_equal(list(&in, slots, BIG), 0);
}

static void test_month_end(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours h = every_day(9 * 60, 10 * 60);
    struct sched_input in = one_day(&h, "2026-01-30");
    in.to = date("2026-02-02");
    int n = list(&in, slots, BIG);
    assert_int_equal(n, 4);
    assert_date(slots[0].local_date, "2026-01-30");
    assert_date(slots[1].local_date, "2026-01-31");
    assert_date(slots[2].local_date, "2026-02-01");
    assert_date(slots[3].local_date, "2026-02-02");
    assert_int_equal(slots[2].start, utc("2026-02-01", 9, 0));
    in.from = date("2028-02-28");
    in.to = date("2028-03-01");
    n = list(&in, slots, BIG);
    assert_int_equal(n, 3);
    assert_date(slots[1].local_date, "2028-02-29");
    in.from = date("2026-12-31");
    in.to = date("2027-01-01");
    n = list(&in, slots, BIG);
    assert_int_equal(n, 2);
    assert_date(slots[1].local_date, "2027-01-01");
}

/* ---- time zones ------------------------------------------------------------------------- */

/* 09:00, 14:00 and 19:30 local on day are free slots at the given UTC instants. */
static void expect_local_times(const char *day, const char *at0900, const char *at1400,
                               const char *at1930)
{
    struct sched_slot slots[BIG];
    struct week_hours h = every_day(9 * 60, 20 * 60);
    struct sched_input in = one_day(&h, day);
    in.to_utc = london_to_utc;
    in.duration_min = 30;
    in.grid_min = 30;
    int n = list(&in, slots, BIG);
    assert_int_equal(n, 22);
    assert_instant(slots[0].start, at0900);
    assert_instant(slots[10].start, at1400);
    assert_instant(slots[21].start, at1930);
    for (int i = 0; i < n; i++) {
        assert_date(slots[i].local_date, day);
        assert_true(sched_slot_ok(&in, slots[i].start, NULL));
    }
}

static void test_dst_london(void **state)
{
    (void)state;
    expect_local_times("2026-03-28", "2026-03-28T09:00:00Z", "2026-03-28T14:00:00Z",
                       "2026-03-28T19:30:00Z");
    expect_local_times("2026-03-29", "2026-03-29T08:00:00Z", "2026-03-29T13:00:00Z",
                       "2026-03-29T18:30:00Z");
    expect_local_times("2026-03-30", "2026-03-30T08:00:00Z", "2026-03-30T13:00:00Z",
                       "2026-03-30T18:30:00Z");
    expect_local_times("2026-10-24", "2026-10-24T08:00:00Z", "2026-10-24T13:00:00Z",
                       "2026-10-24T18:30:00Z");
    expect_local_times("2026-10-25", "2026-10-25T09:00:00Z", "2026-10-25T14:00:00Z",
                       "2026-10-25T19:30:00Z");
    expect_local_times("2027-03-28", "2027-03-28T08:00:00Z", "2027-03-28T13:00:00Z",
                       "2027-03-28T18:30:00Z");
    expect_local_times("2027-10-31", "2027-10-31T09:00:00Z", "2027-10-31T14:00:00Z",
                       "2027-10-31T19:30:00Z");
}

static void test_dst_night(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    /* open round the clock, hourly: the spring day has 23 hours, 01:00 does not exist and is
     * 02:00; the autumn day has 25 hours, 01:00 is its first occurrence */
    struct week_hours h = every_day(0, 1440);
    struct sched_input in = one_day(&h, "2026-03-29");
    in.to_utc = london_to_utc;
    in.grid_min = 60;
    int n = list(&in, slots, BIG);
    assert_int_equal(n, 23);
    assert_instant(slots[0].start, "2026-03-29T00:00:00Z");
    assert_instant(slots[1].start, "2026-03-29T01:00:00Z"); /* 02:00 BST */
    assert_instant(slots[22].start, "2026-03-29T22:00:00Z");
    in.from = in.to = date("2026-10-25");
    n = list(&in, slots, BIG);
    assert_int_equal(n, 24);
    assert_instant(slots[0].start, "2026-10-24T23:00:00Z");
    assert_instant(slots[1].start, "2026-10-25T00:00:00Z"); /* 01:00 BST */
    assert_instant(slots[2].start, "2026-10-25T02:00:00Z"); /* 02:00 GMT */
    assert_instant(slots[23].start, "2026-10-25T23:00:00Z");
    assert_false(sched_slot_ok(&in, utc("2026-10-25", 1, 0), NULL)); /* 01:00 GMT, second time */
    /* 00:00–03:00 is two real hours in spring: a 150-minute appointment does not fit */
    h = every_day(0, 180);
    in.from = in.to = date("2026-03-29");
    in.duration_min = 150;
    assert_int_equal(list(&in, slots, BIG), 0);
    in.duration_min = 120;
    assert_int_equal(list(&in, slots, BIG), 1);
    /* … and four in autumn */
    in.from = in.to = date("2026-10-25");
    in.duration_min = 240;
    assert_int_equal(list(&in, slots, BIG), 1);
}

static void test_fixed_offsets(void **state)
{
    (void)state;
    struct sched_slot slots[BIG];
    struct week_hours h = every_day(9 * 60, 20 * 60);
    struct sched_input in = one_day(&h, "2026-06-02");
    in.duration_min = 30;
    in.grid_min = 30;
    int india = 5 * 60 + 30, new_york = -5 * 60;
    in.to_utc = fixed_to_utc;
    in.tz_ctx = &india;
    int n = list(&in, slots, BIG);
    assert_int_equal(n, 22);
    assert_instant(slots[0].start, "2026-06-02T03:30:00Z");
    /* west of UTC a late-evening slot is on the next UTC day but the same local day */
    in.tz_ctx = &new_york;
    n = list(&in, slots, BIG);
    assert_instant(slots[0].start, "2026-06-02T14:00:00Z");
    assert_instant(slots[21].start, "2026-06-03T00:30:00Z");
    assert_date(slots[21].local_date, "2026-06-02");
    assert_true(sched_slot_ok(&in, slots[21].start, NULL));
}

/* ---- sched_slot_ok against sched_free_slots --------------------------------------------- */

/* A fixed-seed generator (PCG's LCG step), so every run checks the same cases. */
struct rng {
    uint64_t s;
};

static uint32_t rnd(struct rng *r)
{
    r->s = r->s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(r->s >> 33);
}

static int rnd_in(struct rng *r, int lo, int hi)
{
    return lo + (int)(rnd(r) % (uint32_t)(hi - lo + 1));
}

/* Random week: days of one to three intervals, unsorted, possibly overlapping or running past
 * midnight (clamped), some days round the clock, some (when may_be_empty) closed. */
static void random_hours(struct rng *r, struct week_hours *w, bool may_be_empty)
{
    memset(w, 0, sizeof *w);
    for (int d = 0; d < 7; d++) {
        int n = may_be_empty && rnd(r) % 7 == 0 ? 0 : rnd_in(r, 1, 3);
        if (rnd(r) % 6 == 0) {
            w->day[d].n = 1;
            w->day[d].iv[0].end_min = 1440;
            continue;
        }
        w->day[d].n = n;
        for (int i = 0; i < n; i++) {
            int a = rnd_in(r, 0, 1400 / 5) * 5;
            w->day[d].iv[i].start_min = a;
            w->day[d].iv[i].end_min = a + rnd_in(r, 1, 200) * 5;
        }
    }
}

/* n random spans of 5 minutes to 3 hours starting on the 5-minute grid in [t0, t1). */
static void random_spans(struct rng *r, struct span *s, int n, long long t0, long long t1)
{
    for (int i = 0; i < n; i++) {
        long long a = t0 + (long long)(rnd(r) % (uint32_t)((t1 - t0) / 300)) * 300;
        s[i] = sp(a, a + rnd_in(r, 1, 36) * 300LL);
    }
}

static void test_slot_ok_agrees(void **state)
{
    (void)state;
    static const char *const starts[] = {"2026-03-27", "2026-10-23", "2026-01-30",
                                         "2026-06-12", "2027-03-27", "2027-10-30"};
    static const int grids[] = {5, 10, 15, 20, 30, 60};
    static int offsets[] = {330, -300, 0, 840};
    struct sched_slot buf[BIG];
    struct rng rr = {20260401}, *r = &rr;
    long long checked = 0, listed = 0, yes = 0;
    int nonempty = 0;
    enum { ROUNDS = 5000 };
    for (int round = 0; round < ROUNDS; round++) {
        struct week_hours clinic, prac;
        random_hours(r, &clinic, true);
        random_hours(r, &prac, false);
        struct span busy[30], c[3][12];
        const struct span *chairs[3] = {c[0], c[1], c[2]};
        int chair_n[3];
        struct civil_date closed[2];
        struct sched_input in = {.clinic_hours = &clinic,
                                 .busy = busy,
                                 .chair_busy = chairs,
                                 .chair_busy_n = chair_n,
                                 .closures = closed,
                                 .not_before = LLONG_MIN};
        in.from = add_days(date(starts[rnd(r) % 6]), rnd_in(r, 0, 3));
        in.to = add_days(in.from, rnd_in(r, 0, 3));
        in.practitioner_hours = rnd(r) % 3 == 0 ? &prac : NULL;
        in.n_busy = rnd_in(r, 0, 30);
        in.n_chairs = rnd_in(r, 0, 3);
        in.needs_chair = rnd(r) % 3 != 0;
        in.duration_min = rnd_in(r, 1, 36) * 5;
        in.buffer_min = rnd_in(r, 0, 6) * 5;
        in.grid_min = grids[rnd(r) % 6];
        switch (rnd(r) % 3) {
        case 0:
            in.to_utc = london_to_utc;
            break;
        case 1:
            in.to_utc = utc_to_utc;
            break;
        default:
            in.to_utc = fixed_to_utc;
            in.tz_ctx = &offsets[rnd(r) % 4];
        }
        in.n_closures = rnd_in(r, 0, 2);
        for (int i = 0; i < in.n_closures; i++)
            closed[i] = add_days(in.from, rnd_in(r, 0, 3));
        long long t0 = civil_days(in.from) * 86400 - 86400;
        long long t1 = civil_days(in.to) * 86400 + 2 * 86400;
        random_spans(r, busy, in.n_busy, t0, t1);
        for (int k = 0; k < 3; k++) {
            chair_n[k] = rnd_in(r, 0, 12);
            random_spans(r, c[k], chair_n[k], t0, t1);
        }
        if (rnd(r) % 2)
            in.not_before = t0 + (long long)(rnd(r) % (uint32_t)(t1 - t0));

        int n = sched_free_slots(&in, buf, BIG);
        assert_in_range(n, 0, BIG - 1); /* never full: the whole listing is here */
        listed += n;
        nonempty += n > 0;
        for (int i = 0; i < n; i++) {
            if (i > 0)
                assert_true(buf[i].start > buf[i - 1].start);
            assert_int_equal(buf[i].end, buf[i].start + in.duration_min * 60LL);
            assert_true(buf[i].start >= in.not_before);
            assert_in_range(civil_days(buf[i].local_date), civil_days(in.from), civil_days(in.to));
            assert_int_equal(buf[i].chair < 0, !in.needs_chair);
        }
        /* a sample of listed starts, wall-clock grid times and arbitrary instants */
        for (int probe = 0; probe < 60; probe++) {
            long long t;
            int want = -1;
            if (n > 0 && probe < 20) {
                want = rnd_in(r, 0, n - 1);
                t = buf[want].start;
            } else if (probe < 45) {
                struct civil_date d = add_days(in.from, rnd_in(r, -1, 4));
                t = in.to_utc(in.tz_ctx, d, rnd_in(r, 0, 1439 / 5) * 5);
            } else {
                t = t0 + (long long)(rnd(r) % (uint32_t)(t1 - t0));
            }
            for (int i = 0; i < n && want < 0; i++)
                if (buf[i].start == t)
                    want = i;
            int chair = -9;
            bool ok = sched_slot_ok(&in, t, &chair);
            if (ok != (want >= 0)) {
                char s[21];
                civil_format_utc(t, s);
                fail_msg("round %d: sched_slot_ok(%s) = %d but the listing %s it", round, s, ok,
                         want >= 0 ? "has" : "lacks");
            }
            assert_int_equal(chair, want >= 0 ? buf[want].chair : -1);
            checked++;
            yes += ok;
        }
    }
    /* the cases exercise both answers: many listings, many bookable and refused probes */
    assert_true(nonempty > ROUNDS * 2 / 5);
    assert_true(listed > ROUNDS * 20);
    assert_true(yes > ROUNDS * 8);
    assert_true(checked - yes > ROUNDS * 30);
}

/* ---- sched_plan ------------------------------------------------------------------------- */

/* Monday–Saturday 09:00–18:00, Sunday closed. */
static struct week_hours clinic_week(void)
{
    struct week_hours w = every_day(9 * 60, 18 * 60);
    w.day[6].n = 0;
    return w;
}

static struct sched_input practitioner(const struct week_hours *h)
{
    return (struct sched_input){.clinic_hours = h,
                                .grid_min = 15,
                                .buffer_min = 15,
                                .to_utc = utc_to_utc,
                                .not_before = LLONG_MIN};
}

/* Checks what every plan must satisfy: gaps in their windows, sessions bookable for their
 * practitioner (so inside opening hours and clear of bookings), no overlap, distinct first days,
 * ranked by finish, first days within the horizon. */
static void check_plan(const struct sched_protocol *p, const struct sched_plan_input *in,
                       const struct sched_option *o, int n)
{
    for (int i = 0; i < n; i++) {
        long long first = civil_days(o[i].session[0].local_date) - civil_days(in->earliest);
        assert_in_range(first, 0, in->horizon_days - 1);
        for (int k = 0; k < p->sessions; k++) {
            const struct sched_slot *s = &o[i].session[k];
            int q = o[i].practitioner[k];
            assert_in_range(q, 0, in->n_practitioners - 1);
            assert_int_equal(s->end - s->start, p->duration_min[k] * 60LL);
            struct sched_input one = in->practitioners[q];
            one.from = one.to = s->local_date;
            one.duration_min = p->duration_min[k];
            one.not_before = in->not_before;
            int chair = -9;
            assert_true(sched_slot_ok(&one, s->start, &chair));
            assert_int_equal(chair, s->chair);
            if (k > 0) {
                assert_true(sched_gap_ok(o[i].session[k - 1].local_date, s->local_date,
                                         p->gap_min_days[k - 1], p->gap_max_days[k - 1]));
                assert_true(s->start >= o[i].session[k - 1].end);
            }
        }
        for (int k = p->sessions; k < SCHED_MAX_SESSIONS; k++)
            assert_int_equal(o[i].practitioner[k], -1);
        if (i > 0)
            assert_true(o[i].session[p->sessions - 1].end >= o[i - 1].session[p->sessions - 1].end);
        for (int j = 0; j < i; j++)
            assert_int_not_equal(civil_cmp(o[i].session[0].local_date, o[j].session[0].local_date),
                                 0);
    }
}

static void test_plan_14_21(void **state)
{
    (void)state;
    struct week_hours h = clinic_week();
    struct sched_input pr[2] = {practitioner(&h), practitioner(&h)};
    /* practitioner 0 is away 2026-05-18 … 2026-05-24 */
    struct span away[] = {sp(utc("2026-05-18", 0, 0), utc("2026-05-25", 0, 0))};
    pr[0].busy = away;
    pr[0].n_busy = 1;
    struct sched_protocol p = {.sessions = 3,
                               .gap_min_days = {14, 14},
                               .gap_max_days = {21, 21},
                               .duration_min = {300, 240, 180}};
    struct sched_plan_input in = {.earliest = date("2026-05-04"),
                                  .horizon_days = 30,
                                  .n_practitioners = 2,
                                  .practitioners = pr,
                                  .preferred = -1,
                                  .not_before = utc("2026-05-04", 12, 0)};
    struct sched_option o[10];
    int n = sched_plan(&p, &in, o, 10);
    assert_int_equal(n, 10);
    check_plan(&p, &in, o, n);
    /* the first: Monday 4 May after noon, 18 May and 1 June (Mondays) by practitioner 1, because
     * practitioner 0 is away on the 18th; 4 May 12:00 + 5 h fits before 18:00 */
    assert_instant(o[0].session[0].start, "2026-05-04T12:00:00Z");
    assert_date(o[0].session[1].local_date, "2026-05-18");
    assert_date(o[0].session[2].local_date, "2026-06-01");
    assert_instant(o[0].session[2].end, "2026-06-01T12:00:00Z");
    assert_int_equal(o[0].practitioner[0], 1);
    assert_int_equal(o[0].practitioner[1], 1);
    assert_int_equal(o[0].practitioner[2], 1);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 3; k++)
            assert_int_not_equal(sched_weekday(o[i].session[k].local_date), 6);
    /* max bounds the list, keeping the best */
    struct sched_option two[2];
    assert_int_equal(sched_plan(&p, &in, two, 2), 2);
    assert_memory_equal(two, o, sizeof two);
    /* nonsense protocols plan nothing */
    p.gap_max_days[1] = 13;
    assert_int_equal(sched_plan(&p, &in, o, 10), 0);
    p.gap_max_days[1] = 21;
    p.sessions = SCHED_MAX_SESSIONS + 1;
    assert_int_equal(sched_plan(&p, &in, o, 10), 0);
}

static void test_plan_10_then_28(void **state)
{
    (void)state;
    struct week_hours h = clinic_week();
    struct sched_input pr[1] = {practitioner(&h)};
    struct sched_protocol p = {.sessions = 3,
                               .gap_min_days = {10, 28},
                               .gap_max_days = {10, 28},
                               .duration_min = {240, 240, 180}};
    struct sched_plan_input in = {.earliest = date("2026-05-04"),
                                  .horizon_days = 14,
                                  .n_practitioners = 1,
                                  .practitioners = pr,
                                  .preferred = 0,
                                  .not_before = LLONG_MIN};
    struct sched_option o[20];
    int n = sched_plan(&p, &in, o, 20);
    check_plan(&p, &in, o, n);
    /* no course starts on a day that is a Sunday or whose +10 or +38 is one: 7, 10, 14, 17 May */
    int want = 0;
    for (int i = 0; i < 14; i++) {
        struct civil_date d = add_days(in.earliest, i);
        want += sched_weekday(d) != 6 && sched_weekday(add_days(d, 10)) != 6 &&
                sched_weekday(add_days(d, 38)) != 6;
    }
    assert_int_equal(n, want);
    assert_int_equal(n, 10);
    for (int i = 0; i < n; i++) {
        assert_int_equal(
            civil_days(o[i].session[1].local_date) - civil_days(o[i].session[0].local_date), 10);
        assert_int_equal(
            civil_days(o[i].session[2].local_date) - civil_days(o[i].session[1].local_date), 28);
        assert_int_equal(o[i].session[0].start,
                         civil_days(o[i].session[0].local_date) * 86400 + 9 * 3600);
    }
    assert_date(o[0].session[0].local_date, "2026-05-04");
    assert_date(o[0].session[2].local_date, "2026-06-11");
    /* every course finishes at 12:00 on its last day, so the ranking follows the first days */
    for (int i = 1; i < n; i++)
        assert_true(civil_cmp(o[i].session[0].local_date, o[i - 1].session[0].local_date) > 0);
}

static void test_plan_earliest_finish_beats_same(void **state)
{
    (void)state;
    struct week_hours h = every_day(9 * 60, 18 * 60);
    struct sched_input pr[2] = {practitioner(&h), practitioner(&h)};
    struct span away0[] = {sp(utc("2026-06-15", 0, 0), utc("2026-06-22", 0, 0))};
    struct span away1[] = {sp(utc("2026-06-01", 0, 0), utc("2026-06-02", 0, 0))};
    pr[0].busy = away0;
    pr[0].n_busy = 1;
    pr[1].busy = away1;
    pr[1].n_busy = 1;
    struct sched_protocol p = {
        .sessions = 2, .gap_min_days = {14}, .gap_max_days = {21}, .duration_min = {120, 120}};
    struct sched_plan_input in = {.earliest = date("2026-06-01"),
                                  .horizon_days = 1,
                                  .n_practitioners = 2,
                                  .practitioners = pr,
                                  .preferred = 0,
                                  .not_before = LLONG_MIN};
    struct sched_option o[3];
    int n = sched_plan(&p, &in, o, 3);
    assert_int_equal(n, 1);
    check_plan(&p, &in, o, n);
    /* practitioner 0 alone would finish on 22 June; with practitioner 1 on the 15th */
    assert_int_equal(o[0].practitioner[0], 0);
    assert_int_equal(o[0].practitioner[1], 1);
    assert_instant(o[0].session[1].start, "2026-06-15T09:00:00Z");
    /* over a week: 2 June is practitioner 1's alone (0 is away on the 16th and one practitioner
     * beats a mix finishing as early); on 8 June both are free on the 22nd and the preferred one
     * (0) takes the course */
    struct sched_option w[10];
    in.horizon_days = 8;
    n = sched_plan(&p, &in, w, 10);
    check_plan(&p, &in, w, n);
    assert_int_equal(n, 8);
    assert_date(w[0].session[0].local_date, "2026-06-01");
    assert_date(w[1].session[0].local_date, "2026-06-02");
    assert_int_equal(w[1].practitioner[0], 1);
    assert_int_equal(w[1].practitioner[1], 1);
    assert_date(w[7].session[0].local_date, "2026-06-08");
    assert_int_equal(w[7].practitioner[0], 0);
    assert_int_equal(w[7].practitioner[1], 0);
    in.preferred = 1; /* … unless 1 is asked for */
    n = sched_plan(&p, &in, w, 10);
    assert_int_equal(w[7].practitioner[0], 1);
    assert_int_equal(w[7].practitioner[1], 1);
}

static void test_plan_same_beats_mixed_on_tie(void **state)
{
    (void)state;
    struct week_hours h = every_day(9 * 60, 18 * 60);
    struct sched_input pr[2] = {practitioner(&h), practitioner(&h)};
    struct span busy0[] = {sp(utc("2026-06-01", 9, 0), utc("2026-06-01", 12, 0))};
    struct span away1[] = {sp(utc("2026-06-10", 0, 0), utc("2026-07-01", 0, 0))};
    pr[0].busy = busy0;
    pr[0].n_busy = 1;
    pr[1].busy = away1;
    pr[1].n_busy = 1;
    struct sched_protocol p = {
        .sessions = 2, .gap_min_days = {14}, .gap_max_days = {14}, .duration_min = {120, 120}};
    struct sched_plan_input in = {.earliest = date("2026-06-01"),
                                  .horizon_days = 1,
                                  .n_practitioners = 2,
                                  .practitioners = pr,
                                  .preferred = 1,
                                  .not_before = LLONG_MIN};
    struct sched_option o[3];
    int n = sched_plan(&p, &in, o, 3);
    assert_int_equal(n, 1);
    check_plan(&p, &in, o, n);
    /* mixed (1 at 09:00, then 0) ends as 0 alone (12:00, then 0) does; one practitioner wins,
     * even over the preferred one taking the first session */
    assert_int_equal(o[0].practitioner[0], 0);
    assert_int_equal(o[0].practitioner[1], 0);
    assert_instant(o[0].session[0].start, "2026-06-01T12:00:00Z");
    assert_instant(o[0].session[1].start, "2026-06-15T09:00:00Z");
}

static void test_plan_preferred_first(void **state)
{
    (void)state;
    struct week_hours h = clinic_week();
    struct sched_input pr[3] = {practitioner(&h), practitioner(&h), practitioner(&h)};
    struct sched_protocol p = {.sessions = 3,
                               .gap_min_days = {14, 14},
                               .gap_max_days = {21, 21},
                               .duration_min = {180, 180, 180}};
    struct sched_plan_input in = {.earliest = date("2026-06-01"),
                                  .horizon_days = 10,
                                  .n_practitioners = 3,
                                  .practitioners = pr,
                                  .preferred = 2,
                                  .not_before = LLONG_MIN};
    struct sched_option o[5];
    int n = sched_plan(&p, &in, o, 5);
    assert_int_equal(n, 5);
    check_plan(&p, &in, o, n);
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 3; k++)
            assert_int_equal(o[i].practitioner[k], 2);
    /* nobody preferred: the lowest index */
    in.preferred = -1;
    n = sched_plan(&p, &in, o, 5);
    for (int k = 0; k < 3; k++)
        assert_int_equal(o[0].practitioner[k], 0);
    /* the preferred one busy on the third session's day: another finishes first */
    struct span away[] = {sp(utc("2026-06-29", 0, 0), utc("2026-07-01", 0, 0))};
    pr[2].busy = away;
    pr[2].n_busy = 1;
    in.preferred = 2;
    in.horizon_days = 1;
    n = sched_plan(&p, &in, o, 5);
    assert_int_equal(n, 1);
    check_plan(&p, &in, o, n);
    /* 0 alone finishes on 29 June, 2 alone on 1 July: the earlier finish beats the preference
     * (and 2, 2, 0 finishes with 0 alone, but one practitioner beats a mix) */
    assert_date(o[0].session[2].local_date, "2026-06-29");
    for (int k = 0; k < 3; k++)
        assert_int_equal(o[0].practitioner[k], 0);
}

static void test_plan_chairs_and_bookings(void **state)
{
    (void)state;
    /* a busy clinic: random bookings, two chairs; every option must still be bookable */
    struct week_hours h = clinic_week();
    struct span b[3][40], c[2][60];
    const struct span *chairs[2] = {c[0], c[1]};
    int chair_n[2] = {60, 60};
    struct sched_input pr[3];
    struct rng rr = {77}, *r = &rr;
    long long t0 = utc("2026-09-01", 0, 0), t1 = utc("2026-12-31", 0, 0);
    for (int i = 0; i < 3; i++) {
        pr[i] = practitioner(&h);
        pr[i].to_utc = london_to_utc;
        random_spans(r, b[i], 40, t0, t1);
        pr[i].busy = b[i];
        pr[i].n_busy = 40;
        pr[i].n_chairs = 2;
        pr[i].chair_busy = chairs;
        pr[i].chair_busy_n = chair_n;
        pr[i].needs_chair = true;
    }
    random_spans(r, c[0], 60, t0, t1);
    random_spans(r, c[1], 60, t0, t1);
    struct sched_protocol p = {.sessions = 3,
                               .gap_min_days = {14, 14},
                               .gap_max_days = {21, 21},
                               .duration_min = {300, 300, 240}};
    struct sched_plan_input in = {.earliest = date("2026-09-07"),
                                  .horizon_days = 60,
                                  .n_practitioners = 3,
                                  .practitioners = pr,
                                  .preferred = 1,
                                  .not_before = utc("2026-09-07", 10, 3)};
    struct sched_option o[40];
    int n = sched_plan(&p, &in, o, 40);
    assert_true(n >= 30);
    check_plan(&p, &in, o, n);
}

static void test_plan_across_october_change(void **state)
{
    (void)state;
    struct week_hours h = every_day(10 * 60, 18 * 60);
    struct sched_input pr[1] = {practitioner(&h)};
    pr[0].to_utc = london_to_utc;
    struct sched_protocol p = {.sessions = 3,
                               .gap_min_days = {14, 14},
                               .gap_max_days = {14, 14},
                               .duration_min = {240, 240, 240}};
    struct sched_plan_input in = {.earliest = date("2026-10-12"),
                                  .horizon_days = 1,
                                  .n_practitioners = 1,
                                  .practitioners = pr,
                                  .preferred = -1,
                                  .not_before = LLONG_MIN};
    struct sched_option o[1];
    assert_int_equal(sched_plan(&p, &in, o, 1), 1);
    check_plan(&p, &in, o, 1);
    assert_instant(o[0].session[0].start, "2026-10-12T09:00:00Z"); /* 10:00 BST */
    assert_instant(o[0].session[1].start, "2026-10-26T10:00:00Z"); /* 10:00 GMT */
    assert_instant(o[0].session[2].start, "2026-11-09T10:00:00Z");
    for (int k = 0; k < 3; k++)
        assert_int_equal(o[0].session[k].start,
                         london_to_utc(NULL, o[0].session[k].local_date, 10 * 60));
    /* and the spring one */
    in.earliest = date("2027-03-15");
    assert_int_equal(sched_plan(&p, &in, o, 1), 1);
    assert_instant(o[0].session[0].start, "2027-03-15T10:00:00Z");
    assert_instant(o[0].session[1].start, "2027-03-29T09:00:00Z");
    assert_instant(o[0].session[2].start, "2027-04-12T09:00:00Z");
}

static void test_plan_same_day_gap(void **state)
{
    (void)state;
    /* a zero-day gap: the second session follows the first after its clean-down */
    struct week_hours h = every_day(9 * 60, 18 * 60);
    struct sched_input pr[1] = {practitioner(&h)};
    struct sched_protocol p = {
        .sessions = 2, .gap_min_days = {0}, .gap_max_days = {0}, .duration_min = {120, 60}};
    struct sched_plan_input in = {.earliest = date("2026-06-01"),
                                  .horizon_days = 2,
                                  .n_practitioners = 1,
                                  .practitioners = pr,
                                  .preferred = -1,
                                  .not_before = LLONG_MIN};
    struct sched_option o[2];
    assert_int_equal(sched_plan(&p, &in, o, 2), 2);
    check_plan(&p, &in, o, 2);
    assert_instant(o[0].session[0].start, "2026-06-01T09:00:00Z");
    assert_instant(o[0].session[1].start, "2026-06-01T11:15:00Z");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_gap_ok),
        cmocka_unit_test(test_plain_day),
        cmocka_unit_test(test_busy_unsorted_overlapping_touching),
        cmocka_unit_test(test_several_intervals_late_evening),
        cmocka_unit_test(test_closures),
        cmocka_unit_test(test_practitioner_hours),
        cmocka_unit_test(test_grid),
        cmocka_unit_test(test_buffer),
        cmocka_unit_test(test_chairs),
        cmocka_unit_test(test_not_before),
        cmocka_unit_test(test_month_end),
        cmocka_unit_test(test_dst_london),
        cmocka_unit_test(test_dst_night),
        cmocka_unit_test(test_fixed_offsets),
        cmocka_unit_test(test_slot_ok_agrees),
        cmocka_unit_test(test_plan_14_21),
        cmocka_unit_test(test_plan_10_then_28),
        cmocka_unit_test(test_plan_earliest_finish_beats_same),
        cmocka_unit_test(test_plan_same_beats_mixed_on_tie),
        cmocka_unit_test(test_plan_preferred_first),
        cmocka_unit_test(test_plan_chairs_and_bookings),
        cmocka_unit_test(test_plan_across_october_change),
        cmocka_unit_test(test_plan_same_day_gap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
