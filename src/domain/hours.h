/*
 * hours.h — spans of time and weekly hours, the vocabulary shared by the scheduler (src/sched),
 * the store and the API. Instants are Unix seconds (UTC); a span is half-open [start, end).
 * Hours are minutes after local midnight (0–1440), several intervals a day, Monday = 0.
 */
#ifndef STIPPLE_HOURS_H
#define STIPPLE_HOURS_H

struct span {
    long long start, end;
};

enum { SCHED_MAX_DAY_INTERVALS = 8 };

struct day_hours {
    int n;
    struct {
        int start_min, end_min;
    } iv[SCHED_MAX_DAY_INTERVALS];
};

struct week_hours {
    struct day_hours day[7]; /* 0 = Monday … 6 = Sunday */
};

#endif
