/*
 * sched_bench.c — how fast the pure scheduler answers on a realistic network, measured in-process.
 * Not a test: it asserts nothing, it prints figures.
 *
 * It builds a synthetic year (2026) of 20 clinics in Europe/London (the zone computed by its rule,
 * as src/util/tz.c would answer), each with 2 chairs and 5 practitioners working 4–5 days a week
 * with a fortnight's holiday: about 50,000 appointments, 2–5 h treatment sessions that take a
 * chair and 30-minute consultations that do not, each kept with its 15-minute clean-down, inside
 * opening hours that include a late evening and, at some clinics, Sundays. Then it times, with
 * CLOCK_MONOTONIC, 1000 runs of each of
 *   (a) sched_free_slots for one practitioner over 90 days (random practitioner and start date);
 *   (b) sched_plan of a 3-session course 14–21 days apart (4 h, 4 h, 3 h) over a 90-day horizon
 *       with the clinic's 5 practitioners as candidates (random clinic, date and preference);
 * and prints the median and 99th percentile of each.
 */
#include "domain/civil.h"
#include "sched/sched.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { CLINICS = 20, PER_CLINIC = 5, CHAIRS = 2, DAYS = 365, RUNS = 1000, BUFFER = 15 };
enum { MAX_SLOTS = 8192, MAX_OPTIONS = 10 };

/* ---- Europe/London by rule ------------------------------------------------------------- */

static long long london_change(int y, int m)
{
    long long day = civil_days((struct civil_date){y, m, civil_days_in_month(y, m)});
    return (day - (sched_weekday(civil_from_days(day)) + 1) % 7) * 86400 + 3600;
}

static bool london_summer(long long t)
{
    int y = civil_date_of(t).y;
    return t >= london_change(y, 3) && t < london_change(y, 10);
}

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

/* ---- the synthetic network ------------------------------------------------------------- */

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

struct spans {
    struct span *v;
    int n, cap;
};

static void spans_add(struct spans *s, long long start, long long end)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->v = realloc(s->v, (size_t)s->cap * sizeof *s->v);
        if (!s->v) {
            perror("realloc");
            exit(1);
        }
    }
    s->v[s->n++] = (struct span){start, end};
}

/* Whether [a, b) overlaps a span of s at index from onwards (today's bookings). */
static bool spans_hit(const struct spans *s, int from, long long a, long long b)
{
    for (int i = from; i < s->n; i++)
        if (s->v[i].start < b && a < s->v[i].end)
            return true;
    return false;
}

struct clinic {
    struct week_hours hours;
    struct civil_date closures[4];
    struct spans chair[CHAIRS];
    const struct span *chair_v[CHAIRS];
    int chair_n[CHAIRS];
};

struct practitioner {
    int clinic;
    struct week_hours hours;
    struct spans busy;
};

struct network {
    struct clinic clinic[CLINICS];
    struct practitioner prac[CLINICS * PER_CLINIC];
    long long appointments;
};

static void set_day(struct week_hours *w, int wd, int a, int b)
{
    w->day[wd].n = 1;
    w->day[wd].iv[0].start_min = a;
    w->day[wd].iv[0].end_min = b;
}

static void build(struct network *net, struct rng *r)
{
    memset(net, 0, sizeof *net);
    struct civil_date jan1 = {2026, 1, 1};
    for (int c = 0; c < CLINICS; c++) {
        struct clinic *cl = &net->clinic[c];
        for (int wd = 0; wd < 5; wd++)
            set_day(&cl->hours, wd, 9 * 60, 18 * 60);
        /* a late Thursday: 09:00–13:00 and 14:00–21:00 */
        cl->hours.day[3].n = 2;
        cl->hours.day[3].iv[0].end_min = 13 * 60;
        cl->hours.day[3].iv[1].start_min = 14 * 60;
        cl->hours.day[3].iv[1].end_min = 21 * 60;
        set_day(&cl->hours, 5, 9 * 60, 16 * 60);
        if (c % 4 == 0)
            set_day(&cl->hours, 6, 10 * 60, 16 * 60);
        cl->closures[0] = (struct civil_date){2026, 12, 25};
        cl->closures[1] = (struct civil_date){2026, 12, 26};
        cl->closures[2] = (struct civil_date){2026, 1, 1};
        cl->closures[3] = (struct civil_date){2026, 4, 3};
        for (int k = 0; k < PER_CLINIC; k++) {
            struct practitioner *p = &net->prac[c * PER_CLINIC + k];
            p->clinic = c;
            p->hours = cl->hours;
            p->hours.day[rnd_in(r, 0, 6)].n = 0; /* a day off, sometimes two */
            if (rnd(r) % 2)
                p->hours.day[rnd_in(r, 0, 6)].n = 0;
            long long off = civil_days(jan1) + rnd_in(r, 0, DAYS - 14);
            spans_add(&p->busy, london_to_utc(NULL, civil_from_days(off), 0),
                      london_to_utc(NULL, civil_from_days(off + 14), 0));
        }
    }
    /* day by day: each working practitioner gets 0–4 attempts at a booking somewhere in the
     * day, a treatment session (2–5 h, needs a chair) or a consultation (30 min) */
    for (int day = 0; day < DAYS; day++) {
        struct civil_date d = civil_from_days(civil_days(jan1) + day);
        int wd = sched_weekday(d);
        for (int c = 0; c < CLINICS; c++) {
            struct clinic *cl = &net->clinic[c];
            bool closed = false;
            for (int i = 0; i < 4; i++)
                closed |= civil_cmp(cl->closures[i], d) == 0;
            if (closed)
                continue;
            int chair_today[CHAIRS];
            for (int h = 0; h < CHAIRS; h++)
                chair_today[h] = cl->chair[h].n;
            for (int k = 0; k < PER_CLINIC; k++) {
                struct practitioner *p = &net->prac[c * PER_CLINIC + k];
                const struct day_hours *dh = &p->hours.day[wd];
                if (dh->n == 0)
                    continue;
                int today = p->busy.n; /* v[0] is the holiday, then bookings in day order */
                int attempts = rnd_in(r, 1, 7);
                for (int a = 0; a < attempts; a++) {
                    int iv = rnd_in(r, 0, dh->n - 1);
                    bool session = rnd(r) % 10 < 5;
                    int dur = session ? rnd_in(r, 4, 10) * 30 : 30;
                    int lo = dh->iv[iv].start_min, hi = dh->iv[iv].end_min - dur;
                    if (hi < lo)
                        continue;
                    int m = lo + rnd_in(r, 0, (hi - lo) / 30) * 30;
                    long long s = london_to_utc(NULL, d, m);
                    long long e = s + (dur + BUFFER) * 60LL;
                    if (spans_hit(&p->busy, today, s, e) ||
                        (p->busy.v[0].start < e && s < p->busy.v[0].end))
                        continue;
                    int chair = -1;
                    for (int h = 0; session && h < CHAIRS && chair < 0; h++)
                        if (!spans_hit(&cl->chair[h], chair_today[h], s, e))
                            chair = h;
                    if (session && chair < 0)
                        continue;
                    spans_add(&p->busy, s, e);
                    if (chair >= 0)
                        spans_add(&cl->chair[chair], s, e);
                    net->appointments++;
                }
            }
        }
    }
    for (int c = 0; c < CLINICS; c++)
        for (int h = 0; h < CHAIRS; h++) {
            net->clinic[c].chair_v[h] = net->clinic[c].chair[h].v;
            net->clinic[c].chair_n[h] = net->clinic[c].chair[h].n;
        }
}

/* One practitioner's scheduler input (dates, duration and not_before left to the caller). */
static struct sched_input input_of(struct network *net, int pi)
{
    struct practitioner *p = &net->prac[pi];
    struct clinic *cl = &net->clinic[p->clinic];
    return (struct sched_input){.clinic_hours = &cl->hours,
                                .practitioner_hours = &p->hours,
                                .closures = cl->closures,
                                .n_closures = 4,
                                .busy = p->busy.v,
                                .n_busy = p->busy.n,
                                .n_chairs = CHAIRS,
                                .chair_busy = cl->chair_v,
                                .chair_busy_n = cl->chair_n,
                                .needs_chair = true,
                                .buffer_min = BUFFER,
                                .grid_min = 15,
                                .to_utc = london_to_utc};
}

/* ---- timing ---------------------------------------------------------------------------- */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

static void report(const char *what, double *ms, int n)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    printf("%s: median %.3f ms p99 %.3f ms\n", what, ms[n / 2], ms[(n * 99) / 100]);
}

int main(void)
{
    static struct network net;
    static struct sched_slot slots[MAX_SLOTS];
    static double ms[RUNS];
    struct rng r = {2026};
    build(&net, &r);
    long long prac_spans = 0, chair_spans = 0;
    for (int i = 0; i < CLINICS * PER_CLINIC; i++)
        prac_spans += net.prac[i].busy.n;
    for (int c = 0; c < CLINICS; c++)
        for (int h = 0; h < CHAIRS; h++)
            chair_spans += net.clinic[c].chair_n[h];
    printf("network: %d clinics, %d practitioners, %lld appointments in 2026 (%lld busy spans per "
           "practitioner, %lld per chair on average)\n",
           CLINICS, CLINICS * PER_CLINIC, net.appointments, prac_spans / (CLINICS * PER_CLINIC),
           chair_spans / (CLINICS * CHAIRS));

    long long jan1 = civil_days((struct civil_date){2026, 1, 1});
    long long total = 0;
    for (int run = 0; run < RUNS; run++) {
        struct sched_input in = input_of(&net, rnd_in(&r, 0, CLINICS * PER_CLINIC - 1));
        in.from = civil_from_days(jan1 + rnd_in(&r, 0, DAYS - 90));
        in.to = civil_from_days(civil_days(in.from) + 89);
        in.duration_min = 180;
        in.not_before = london_to_utc(NULL, in.from, 0);
        double t0 = now_ms();
        total += sched_free_slots(&in, slots, MAX_SLOTS);
        ms[run] = now_ms() - t0;
    }
    report("sched availability 90d", ms, RUNS);
    printf("  (3 h treatment with a chair: %.0f free starts per 90 days on average)\n",
           (double)total / RUNS);

    struct sched_protocol proto = {.sessions = 3,
                                   .gap_min_days = {14, 14},
                                   .gap_max_days = {21, 21},
                                   .duration_min = {240, 240, 180}};
    struct sched_input cand[PER_CLINIC];
    struct sched_option options[MAX_OPTIONS];
    total = 0;
    for (int run = 0; run < RUNS; run++) {
        int c = rnd_in(&r, 0, CLINICS - 1);
        for (int k = 0; k < PER_CLINIC; k++)
            cand[k] = input_of(&net, c * PER_CLINIC + k);
        struct sched_plan_input in = {
            .earliest = civil_from_days(jan1 + rnd_in(&r, 0, DAYS - 90 - 42)),
            .horizon_days = 90,
            .n_practitioners = PER_CLINIC,
            .practitioners = cand,
            .preferred = rnd_in(&r, -1, PER_CLINIC - 1),
        };
        in.not_before = london_to_utc(NULL, in.earliest, 0);
        double t0 = now_ms();
        total += sched_plan(&proto, &in, options, MAX_OPTIONS);
        ms[run] = now_ms() - t0;
    }
    report("sched plan 3 sessions", ms, RUNS);
    printf("  (5 candidates, 90-day horizon, up to %d options: %.1f on average)\n", MAX_OPTIONS,
           (double)total / RUNS);

    for (int i = 0; i < CLINICS * PER_CLINIC; i++)
        free(net.prac[i].busy.v);
    for (int c = 0; c < CLINICS; c++)
        for (int h = 0; h < CHAIRS; h++)
            free(net.clinic[c].chair[h].v);
    return 0;
}
