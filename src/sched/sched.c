/*
 * sched.c — free slots and course plans over in-memory intervals (see sched.h).
 *
 * Every call indexes its input once: the busy spans that can touch the instants it will look at
 * are copied, sorted and merged (one allocation, freed before returning), the week's opening
 * hours are normalised (sorted, overlapping or touching intervals merged, clinic ∩ practitioner)
 * and the closures sorted. A candidate start is then judged by binary search, so a listing costs
 * O(candidates · log spans) and no day rescans the appointments. Candidates come from one
 * generator (cand_next: the day's open intervals, the local grid, each wall time converted by the
 * caller's to_utc, the appointment inside the interval) and are judged by one rule (slot_fits:
 * not_before, the practitioner's spans, the lowest free chair), which sched_free_slots and
 * sched_slot_ok share, so a listed start is always bookable and a bookable one always listed.
 * Instants are nondecreasing in the wall time (to_utc's contract), so a day's candidates come in
 * time order; a wall time that maps to an instant already seen (the spring-forward gap) is
 * skipped. The planner builds one index per practitioner and memoises, per practitioner, session
 * length and day, the first free start, so sliding gap windows cost lookups.
 */
#include "sched/sched.h"

#include "util/mem.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A day's open time: sorted, disjoint, non-touching [a, b) in minutes after local midnight. The
 * intersection of two normalised days of at most 8 intervals has at most 15. */
enum { OPEN_MAX = 2 * SCHED_MAX_DAY_INTERVALS };

struct open_day {
    int n;
    struct {
        int a, b;
    } iv[OPEN_MAX];
};

/* Sorted, merged (disjoint) spans: ends increase with starts. */
struct busy_idx {
    const struct span *v;
    int n;
};

/* One call's index of a sched_input; mem owns closed, chair and the spans. */
struct prep {
    const struct sched_input *in;
    struct open_day week[7];
    long long *closed; /* closure dates as day numbers, sorted */
    int n_closed;
    struct busy_idx prac;
    struct busy_idx *chair;
    int n_chairs;
    void *mem;
};

int sched_weekday(struct civil_date d)
{
    long long w = (civil_days(d) + 3) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

bool sched_gap_ok(struct civil_date a, struct civil_date b, int gap_min, int gap_max)
{
    long long gap = civil_days(b) - civil_days(a);
    return gap >= gap_min && gap <= gap_max;
}

/* ---- opening hours -------------------------------------------------------------------- */

static int clamp_min(int m)
{
    return m < 0 ? 0 : m > 1440 ? 1440 : m;
}

/* Normalises h into o: clamped to the day, empty intervals dropped, sorted, overlapping or
 * touching intervals merged (open time is a set of minutes; 09–12 and 12–17 are 09–17). */
static void open_norm(const struct day_hours *h, struct open_day *o)
{
    int n = h->n < 0 ? 0 : h->n > SCHED_MAX_DAY_INTERVALS ? SCHED_MAX_DAY_INTERVALS : h->n;
    o->n = 0;
    for (int i = 0; i < n; i++) {
        int a = clamp_min(h->iv[i].start_min), b = clamp_min(h->iv[i].end_min);
        if (a >= b)
            continue;
        int j = o->n++;
        for (; j > 0 && o->iv[j - 1].a > a; j--)
            o->iv[j] = o->iv[j - 1];
        o->iv[j].a = a;
        o->iv[j].b = b;
    }
    int m = 0;
    for (int i = 0; i < o->n; i++) {
        if (m > 0 && o->iv[i].a <= o->iv[m - 1].b) {
            if (o->iv[i].b > o->iv[m - 1].b)
                o->iv[m - 1].b = o->iv[i].b;
        } else {
            o->iv[m++] = o->iv[i];
        }
    }
    o->n = m;
}

/* o = x ∩ y, both normalised. */
static void open_intersect(const struct open_day *x, const struct open_day *y, struct open_day *o)
{
    int i = 0, j = 0;
    o->n = 0;
    while (i < x->n && j < y->n) {
        int a = x->iv[i].a > y->iv[j].a ? x->iv[i].a : y->iv[j].a;
        int b = x->iv[i].b < y->iv[j].b ? x->iv[i].b : y->iv[j].b;
        if (a < b) {
            o->iv[o->n].a = a;
            o->iv[o->n].b = b;
            o->n++;
        }
        if (x->iv[i].b < y->iv[j].b)
            i++;
        else
            j++;
    }
}

/* ---- busy spans ----------------------------------------------------------------------- */

static int span_cmp(const void *pa, const void *pb)
{
    const struct span *a = pa, *b = pb;
    return (a->start > b->start) - (a->start < b->start);
}

static int day_cmp(const void *pa, const void *pb)
{
    const long long *a = pa, *b = pb;
    return (*a > *b) - (*a < *b);
}

/* Copies into buf the non-empty spans of src that overlap [w0, w1), sorts and merges them. */
static struct busy_idx idx_build(struct span *buf, const struct span *src, int n, long long w0,
                                 long long w1)
{
    int k = 0;
    for (int i = 0; src && i < n; i++)
        if (src[i].start < src[i].end && src[i].end > w0 && src[i].start < w1)
            buf[k++] = src[i];
    if (k > 1)
        qsort(buf, (size_t)k, sizeof *buf, span_cmp);
    int m = 0;
    for (int i = 0; i < k; i++) {
        if (m > 0 && buf[i].start <= buf[m - 1].end) {
            if (buf[i].end > buf[m - 1].end)
                buf[m - 1].end = buf[i].end;
        } else {
            buf[m++] = buf[i];
        }
    }
    return (struct busy_idx){buf, m};
}

/* Whether [s, e) overlaps a span of b (touching is not overlapping). */
static bool idx_hits(const struct busy_idx *b, long long s, long long e)
{
    int lo = 0, hi = b->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (b->v[mid].end <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->n && b->v[lo].start < e;
}

static int chair_n(const struct sched_input *in, int c)
{
    if (!in->chair_busy || !in->chair_busy_n || !in->chair_busy[c] || in->chair_busy_n[c] < 0)
        return 0;
    return in->chair_busy_n[c];
}

/* Indexes in for checks of instants in [w0, w1): spans outside that window cannot matter. */
static void prep_init(struct prep *p, const struct sched_input *in, long long w0, long long w1)
{
    p->in = in;
    for (int wd = 0; wd < 7; wd++) {
        open_norm(&in->clinic_hours->day[wd], &p->week[wd]);
        if (in->practitioner_hours) {
            struct open_day clinic = p->week[wd], prac;
            open_norm(&in->practitioner_hours->day[wd], &prac);
            open_intersect(&clinic, &prac, &p->week[wd]);
        }
    }
    p->n_chairs = in->needs_chair ? in->n_chairs : 0;
    p->n_closed = in->n_closures;
    size_t spans = (size_t)in->n_busy;
    for (int c = 0; c < p->n_chairs; c++)
        spans += (size_t)chair_n(in, c);
    size_t size = (size_t)p->n_chairs * sizeof(struct busy_idx) +
                  (size_t)p->n_closed * sizeof(long long) + spans * sizeof(struct span);
    p->mem = size ? xmalloc(size) : NULL;
    char *at = p->mem;
    p->chair = (struct busy_idx *)(void *)at;
    at += (size_t)p->n_chairs * sizeof(struct busy_idx);
    p->closed = (long long *)(void *)at;
    at += (size_t)p->n_closed * sizeof(long long);
    struct span *sp = (struct span *)(void *)at;
    for (int i = 0; i < p->n_closed; i++)
        p->closed[i] = civil_days(in->closures[i]);
    if (p->n_closed > 1)
        qsort(p->closed, (size_t)p->n_closed, sizeof *p->closed, day_cmp);
    p->prac = idx_build(sp, in->busy, in->n_busy, w0, w1);
    sp += in->n_busy;
    for (int c = 0; c < p->n_chairs; c++) {
        p->chair[c] =
            idx_build(sp, in->chair_busy ? in->chair_busy[c] : NULL, chair_n(in, c), w0, w1);
        sp += chair_n(in, c);
    }
}

static void prep_free(struct prep *p)
{
    free(p->mem);
    p->mem = NULL;
}

static bool is_closed(const struct prep *p, long long day)
{
    int lo = 0, hi = p->n_closed;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (p->closed[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->n_closed && p->closed[lo] == day;
}

/* ---- the shared rule ------------------------------------------------------------------ */

/* Walks one day's candidate starts: grid wall times inside each open interval whose appointment
 * ends by the interval's end (in instants, so a DST day gets its real length). */
struct cand {
    const struct sched_input *in;
    const struct open_day *open;
    struct civil_date date;
    long long dur_s, iv_end;
    int i, m, grid;
};

static void cand_start(struct cand *c, const struct prep *p, struct civil_date d, int dur_min)
{
    *c = (struct cand){.in = p->in,
                       .open = &p->week[sched_weekday(d)],
                       .date = d,
                       .dur_s = dur_min * 60LL,
                       .m = -1,
                       .grid = p->in->grid_min};
}

/* Writes the next candidate instant to *s; false when the day has no more. Instants come in
 * nondecreasing order (equal ones are the same instant reached from a gap). */
static bool cand_next(struct cand *c, long long *s)
{
    const struct sched_input *in = c->in;
    while (c->i < c->open->n) {
        if (c->m < 0) {
            int a = c->open->iv[c->i].a;
            c->m = (a + c->grid - 1) / c->grid * c->grid;
            c->iv_end = in->to_utc(in->tz_ctx, c->date, c->open->iv[c->i].b);
        }
        if (c->m < c->open->iv[c->i].b) {
            long long t = in->to_utc(in->tz_ctx, c->date, c->m);
            c->m += c->grid;
            if (t + c->dur_s <= c->iv_end) {
                *s = t;
                return true;
            }
        }
        c->i++;
        c->m = -1;
    }
    return false;
}

/* Whether a structural candidate s is free: not before nb, the appointment and its buffer clear
 * of the practitioner's spans and of one chair (the lowest such index goes to *chair). */
static bool slot_fits(const struct prep *p, long long s, int dur_min, long long nb, int *chair)
{
    const struct sched_input *in = p->in;
    if (s < nb)
        return false;
    long long e = s + (long long)(dur_min + in->buffer_min) * 60;
    if (idx_hits(&p->prac, s, e))
        return false;
    if (!in->needs_chair) {
        *chair = -1;
        return true;
    }
    for (int c = 0; c < p->n_chairs; c++) {
        if (!idx_hits(&p->chair[c], s, e)) {
            *chair = c;
            return true;
        }
    }
    return false;
}

/* Writes up to max free starts of day number day into out, in time order, skipping instants not
 * after *last (which it advances). Returns how many it wrote. */
static int scan_day(const struct prep *p, long long day, int dur_min, long long nb, long long *last,
                    struct sched_slot *out, int max)
{
    const struct sched_input *in = p->in;
    if (max <= 0 || is_closed(p, day))
        return 0;
    struct civil_date d = civil_from_days(day);
    if (in->to_utc(in->tz_ctx, d, 1440) < nb)
        return 0; /* every start of the day is earlier */
    struct cand c;
    cand_start(&c, p, d, dur_min);
    int n = 0;
    long long s;
    while (n < max && cand_next(&c, &s)) {
        if (s <= *last)
            continue;
        *last = s;
        int chair;
        if (slot_fits(p, s, dur_min, nb, &chair))
            out[n++] = (struct sched_slot){s, s + dur_min * 60LL, chair, d};
    }
    return n;
}

/* Whether in can be indexed for appointments of dur_min minutes. */
static bool input_ok(const struct sched_input *in, int dur_min)
{
    return in && in->clinic_hours && in->to_utc && dur_min > 0 && in->grid_min > 0 &&
           in->buffer_min >= 0 && in->n_busy >= 0 && (in->n_busy == 0 || in->busy) &&
           in->n_chairs >= 0 && in->n_closures >= 0 && (in->n_closures == 0 || in->closures);
}

int sched_free_slots(const struct sched_input *in, struct sched_slot *out, int max)
{
    if (!out || max <= 0 || !input_ok(in, in ? in->duration_min : 0) ||
        civil_cmp(in->from, in->to) > 0)
        return 0;
    long long first = civil_days(in->from), lastday = civil_days(in->to);
    long long w0 = in->to_utc(in->tz_ctx, in->from, 0);
    long long w1 =
        in->to_utc(in->tz_ctx, in->to, 1440) + (long long)(in->duration_min + in->buffer_min) * 60;
    if (in->not_before > w0)
        w0 = in->not_before;
    struct prep p;
    prep_init(&p, in, w0, w1);
    long long last = LLONG_MIN;
    int n = 0;
    for (long long day = first; day <= lastday && n < max; day++)
        n += scan_day(&p, day, in->duration_min, in->not_before, &last, out + n, max - n);
    prep_free(&p);
    return n;
}

bool sched_slot_ok(const struct sched_input *in, long long start, int *chair)
{
    if (chair)
        *chair = -1;
    if (!input_ok(in, in ? in->duration_min : 0) || civil_cmp(in->from, in->to) > 0)
        return false;
    /* A day's candidates lie in [to_utc(day, 0), to_utc(day, 1440)]; with offsets under a day
     * that is the UTC date ± 1. */
    long long utc_day = start >= 0 ? start / 86400 : -((-start + 86399) / 86400);
    long long lo = civil_days(in->from), hi = civil_days(in->to);
    struct prep p;
    prep_init(&p, in, start, start + (long long)(in->duration_min + in->buffer_min) * 60);
    bool listed = false;
    for (long long day = utc_day - 2; day <= utc_day + 2 && !listed; day++) {
        if (day < lo || day > hi || is_closed(&p, day))
            continue;
        struct civil_date d = civil_from_days(day);
        if (in->to_utc(in->tz_ctx, d, 0) > start || in->to_utc(in->tz_ctx, d, 1440) < start)
            continue;
        struct cand c;
        cand_start(&c, &p, d, in->duration_min);
        long long s;
        while (!listed && cand_next(&c, &s) && s <= start)
            listed = s == start;
    }
    int got = -1;
    bool ok = listed && slot_fits(&p, start, in->duration_min, in->not_before, &got);
    prep_free(&p);
    if (ok && chair)
        *chair = got;
    return ok;
}

/* ---- course planning ------------------------------------------------------------------ */

/* A practitioner's first free start on one day for one session length: 0 not looked at yet,
 * 1 none, 2 slot. */
struct memo {
    struct sched_slot slot;
    int state;
};

struct planner {
    const struct sched_protocol *p;
    const struct sched_plan_input *in;
    struct prep *prep;            /* per practitioner */
    struct memo *memo;            /* [practitioner][kind][day] */
    int kind[SCHED_MAX_SESSIONS]; /* session → memo row; sessions of equal length share */
    int n_kinds, n_days, preferred;
    long long d0; /* day number of in->earliest */
};

/* The earliest free start of practitioner pi for session k on day index day (from earliest) that
 * is not before nbx (nor the plan's not_before). */
static bool first_slot(struct planner *pl, int pi, int k, int day, long long nbx,
                       struct sched_slot *out)
{
    if (day < 0 || day >= pl->n_days)
        return false;
    struct memo *m =
        &pl->memo[((size_t)pi * (size_t)pl->n_kinds + (size_t)pl->kind[k]) * (size_t)pl->n_days +
                  (size_t)day];
    int dur = pl->p->duration_min[k];
    long long nb = pl->in->not_before, last = LLONG_MIN;
    if (m->state == 0)
        m->state = scan_day(&pl->prep[pi], pl->d0 + day, dur, nb, &last, &m->slot, 1) ? 2 : 1;
    if (m->state == 1)
        return false;
    if (m->slot.start >= nbx) {
        *out = m->slot;
        return true;
    }
    /* The previous session of this course ends late the same day: look again after it. */
    return scan_day(&pl->prep[pi], pl->d0 + day, dur, nbx, &last, out, 1) == 1;
}

/* Builds in o the course whose first session is practitioner first's earliest start on day
 * index day, each next session the earliest free start in its gap window: by practitioner only
 * when only >= 0, by anyone (earliest, then the preferred, then the lowest index) otherwise. */
static bool chain(struct planner *pl, int only, int first, int day, struct sched_option *o)
{
    memset(o, 0, sizeof *o);
    for (int k = 0; k < SCHED_MAX_SESSIONS; k++)
        o->practitioner[k] = -1;
    if (!first_slot(pl, first, 0, day, LLONG_MIN, &o->session[0]))
        return false;
    o->practitioner[0] = first;
    for (int k = 1; k < pl->p->sessions; k++) {
        const struct sched_slot *prev = &o->session[k - 1];
        long long nbx =
            prev->end + (long long)pl->in->practitioners[o->practitioner[k - 1]].buffer_min * 60;
        int pday = (int)(civil_days(prev->local_date) - pl->d0);
        bool found = false;
        for (int dd = pday + pl->p->gap_min_days[k - 1];
             dd <= pday + pl->p->gap_max_days[k - 1] && !found; dd++) {
            for (int q = only >= 0 ? only : 0; q < pl->in->n_practitioners; q++) {
                struct sched_slot s;
                if (first_slot(pl, q, k, dd, nbx, &s) &&
                    (!found || s.start < o->session[k].start ||
                     (s.start == o->session[k].start && q == pl->preferred))) {
                    o->session[k] = s;
                    o->practitioner[k] = q;
                    found = true;
                }
                if (only >= 0)
                    break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

/* Ranks a before b (<0): earlier finish, one practitioner throughout, more sessions with the
 * preferred practitioner, earlier first start, lower practitioner indices. */
static int option_cmp(const struct planner *pl, const struct sched_option *a,
                      const struct sched_option *b)
{
    int n = pl->p->sessions;
    long long fa = a->session[n - 1].end, fb = b->session[n - 1].end;
    if (fa != fb)
        return fa < fb ? -1 : 1;
    int same_a = 1, same_b = 1, pref_a = 0, pref_b = 0;
    for (int k = 0; k < n; k++) {
        same_a &= a->practitioner[k] == a->practitioner[0];
        same_b &= b->practitioner[k] == b->practitioner[0];
        pref_a += pl->preferred >= 0 && a->practitioner[k] == pl->preferred;
        pref_b += pl->preferred >= 0 && b->practitioner[k] == pl->preferred;
    }
    if (same_a != same_b)
        return same_a ? -1 : 1;
    if (pref_a != pref_b)
        return pref_a > pref_b ? -1 : 1;
    if (a->session[0].start != b->session[0].start)
        return a->session[0].start < b->session[0].start ? -1 : 1;
    for (int k = 0; k < n; k++)
        if (a->practitioner[k] != b->practitioner[k])
            return a->practitioner[k] < b->practitioner[k] ? -1 : 1;
    return 0;
}

/* Inserts o into the ranked list out[0..*n) of at most max options, dropping the worst. */
static void top_insert(const struct planner *pl, struct sched_option *out, int *n, int max,
                       const struct sched_option *o)
{
    int i = *n;
    if (i == max) {
        if (option_cmp(pl, o, &out[max - 1]) >= 0)
            return;
        i = max - 1;
    } else {
        (*n)++;
    }
    for (; i > 0 && option_cmp(pl, o, &out[i - 1]) < 0; i--)
        out[i] = out[i - 1];
    out[i] = *o;
}

static bool protocol_ok(const struct sched_protocol *p)
{
    if (!p || p->sessions < 1 || p->sessions > SCHED_MAX_SESSIONS)
        return false;
    for (int k = 0; k < p->sessions; k++)
        if (p->duration_min[k] <= 0)
            return false;
    for (int k = 0; k + 1 < p->sessions; k++)
        if (p->gap_min_days[k] < 0 || p->gap_max_days[k] < p->gap_min_days[k])
            return false;
    return true;
}

int sched_plan(const struct sched_protocol *p, const struct sched_plan_input *in,
               struct sched_option *out, int max)
{
    if (!out || max <= 0 || !protocol_ok(p) || !in || in->horizon_days <= 0 ||
        in->n_practitioners <= 0 || !in->practitioners)
        return 0;
    int longest = 0, sum_min = 0, sum_max = 0;
    for (int k = 0; k < p->sessions; k++)
        longest = p->duration_min[k] > longest ? p->duration_min[k] : longest;
    for (int k = 0; k + 1 < p->sessions; k++) {
        sum_min += p->gap_min_days[k];
        sum_max += p->gap_max_days[k];
    }
    for (int i = 0; i < in->n_practitioners; i++)
        if (!input_ok(&in->practitioners[i], longest))
            return 0;

    struct planner pl = {.p = p,
                         .in = in,
                         .n_days = in->horizon_days + sum_max,
                         .preferred = in->preferred < in->n_practitioners ? in->preferred : -1,
                         .d0 = civil_days(in->earliest)};
    for (int k = 0; k < p->sessions; k++) {
        int j = 0;
        while (p->duration_min[j] != p->duration_min[k])
            j++;
        pl.kind[k] = j == k ? pl.n_kinds++ : pl.kind[j];
    }
    pl.prep = xcalloc((size_t)in->n_practitioners, sizeof *pl.prep);
    pl.memo = xcalloc((size_t)in->n_practitioners * (size_t)pl.n_kinds * (size_t)pl.n_days,
                      sizeof *pl.memo);
    struct civil_date end_date = civil_from_days(pl.d0 + pl.n_days - 1);
    for (int i = 0; i < in->n_practitioners; i++) {
        const struct sched_input *pi = &in->practitioners[i];
        long long w0 = pi->to_utc(pi->tz_ctx, in->earliest, 0);
        long long w1 =
            pi->to_utc(pi->tz_ctx, end_date, 1440) + (long long)(longest + pi->buffer_min) * 60;
        prep_init(&pl.prep[i], pi, in->not_before > w0 ? in->not_before : w0, w1);
    }

    int n = 0;
    for (int day = 0; day < in->horizon_days; day++) {
        if (n == max) {
            /* Every later course ends after its last session's local midnight, which is at least
             * sum_min days on: once that passes the worst kept finish, nothing can enter. */
            long long bound = LLONG_MAX;
            struct civil_date d = civil_from_days(pl.d0 + day + sum_min);
            for (int i = 0; i < in->n_practitioners; i++) {
                const struct sched_input *pi = &in->practitioners[i];
                long long t = pi->to_utc(pi->tz_ctx, d, 0);
                bound = t < bound ? t : bound;
            }
            if (bound >= out[max - 1].session[p->sessions - 1].end)
                break;
        }
        struct sched_option best, cur;
        bool have = false;
        /* the preferred practitioner alone, each practitioner alone, then anyone per session */
        for (int j = -1; j < in->n_practitioners; j++) {
            int q = j < 0 ? pl.preferred : j;
            if (q < 0 || (j >= 0 && q == pl.preferred))
                continue;
            if (chain(&pl, q, q, day, &cur) && (!have || option_cmp(&pl, &cur, &best) < 0)) {
                best = cur;
                have = true;
            }
        }
        for (int q = 0; in->n_practitioners > 1 && q < in->n_practitioners; q++) {
            if (chain(&pl, -1, q, day, &cur) && (!have || option_cmp(&pl, &cur, &best) < 0)) {
                best = cur;
                have = true;
            }
        }
        if (have)
            top_insert(&pl, out, &n, max, &best);
    }

    for (int i = 0; i < in->n_practitioners; i++)
        prep_free(&pl.prep[i]);
    free(pl.prep);
    free(pl.memo);
    return n;
}
