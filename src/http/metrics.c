/*
 * metrics.c — Prometheus counters for requests by route and status, and a latency histogram
 * per route (see metrics.h). All counters are relaxed atomics: a scrape may see a request
 * counted in one series and not yet in another, which Prometheus tolerates.
 */
#include "http/metrics.h"

#include "http/routes.h"
#include "util/mem.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

static const int statuses[] = {200, 201, 204, 304, 400, 401, 403, 404, 405,
                               409, 413, 415, 422, 429, 500, 503, 0 /* other */};
enum { N_STATUS = sizeof statuses / sizeof statuses[0] };

static const double bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                0.05,   0.1,   0.25,   0.5,   1,    2.5};
enum { N_BUCKETS = sizeof bounds / sizeof bounds[0] + 1 /* +Inf */ };

struct series {
    atomic_uint_fast64_t by_status[N_STATUS];
    atomic_uint_fast64_t buckets[N_BUCKETS];
    atomic_uint_fast64_t sum_us;
};

struct metrics {
    size_t n;
    struct series *s; /* n + 1: the last is "unmatched" */
};

struct metrics *metrics_new(size_t n_routes)
{
    struct metrics *m = xcalloc(1, sizeof *m);
    m->n = n_routes;
    m->s = xcalloc(n_routes + 1, sizeof *m->s);
    return m;
}

void metrics_free(struct metrics *m)
{
    if (!m)
        return;
    free(m->s);
    free(m);
}

void metrics_record(struct metrics *m, size_t route, int status, double seconds)
{
    struct series *s = &m->s[route <= m->n ? route : m->n];
    size_t i = 0;
    while (statuses[i] && statuses[i] != status)
        i++;
    atomic_fetch_add_explicit(&s->by_status[i], 1, memory_order_relaxed);
    size_t b = 0;
    while (b < N_BUCKETS - 1 && seconds > bounds[b])
        b++;
    atomic_fetch_add_explicit(&s->buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->sum_us, (uint_fast64_t)(seconds * 1e6), memory_order_relaxed);
}

static void route_label(struct metrics *m, size_t r, struct buf *out)
{
    if (r == m->n)
        buf_puts(out, "route=\"unmatched\"");
    else
        buf_printf(out, "route=\"%s %s\"", routes[r].method, routes[r].pattern);
}

void metrics_render(struct metrics *m, struct buf *out)
{
    buf_puts(out, "# HELP stipple_http_requests_total HTTP requests answered, by route and "
                  "status.\n# TYPE stipple_http_requests_total counter\n");
    for (size_t r = 0; r <= m->n; r++)
        for (size_t i = 0; i < N_STATUS; i++) {
            uint_fast64_t v = atomic_load_explicit(&m->s[r].by_status[i], memory_order_relaxed);
            if (!v)
                continue;
            buf_puts(out, "stipple_http_requests_total{");
            route_label(m, r, out);
            if (statuses[i])
                buf_printf(out, ",status=\"%d\"} %llu\n", statuses[i], (unsigned long long)v);
            else
                buf_printf(out, ",status=\"other\"} %llu\n", (unsigned long long)v);
        }
    buf_puts(out, "# HELP stipple_http_request_duration_seconds Time from the first byte of a "
                  "request to its answer.\n# TYPE stipple_http_request_duration_seconds "
                  "histogram\n");
    for (size_t r = 0; r <= m->n; r++) {
        uint_fast64_t cum = 0;
        for (size_t b = 0; b < N_BUCKETS; b++)
            cum += atomic_load_explicit(&m->s[r].buckets[b], memory_order_relaxed);
        if (!cum)
            continue;
        cum = 0;
        for (size_t b = 0; b < N_BUCKETS; b++) {
            cum += atomic_load_explicit(&m->s[r].buckets[b], memory_order_relaxed);
            buf_puts(out, "stipple_http_request_duration_seconds_bucket{");
            route_label(m, r, out);
            if (b < N_BUCKETS - 1)
                buf_printf(out, ",le=\"%g\"} %llu\n", bounds[b], (unsigned long long)cum);
            else
                buf_printf(out, ",le=\"+Inf\"} %llu\n", (unsigned long long)cum);
        }
        buf_puts(out, "stipple_http_request_duration_seconds_sum{");
        route_label(m, r, out);
        buf_printf(out, "} %.6f\n",
                   (double)atomic_load_explicit(&m->s[r].sum_us, memory_order_relaxed) / 1e6);
        buf_puts(out, "stipple_http_request_duration_seconds_count{");
        route_label(m, r, out);
        buf_printf(out, "} %llu\n", (unsigned long long)cum);
    }
}
