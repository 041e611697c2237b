/*
 * metrics.h — request counters and latency histograms, rendered as Prometheus text.
 */
#ifndef STIPPLE_METRICS_H
#define STIPPLE_METRICS_H

#include "util/buf.h"

#include <stddef.h>

struct metrics;

/* metrics_new makes counters for n_routes routes plus one for unmatched requests. */
struct metrics *metrics_new(size_t n_routes);
void metrics_free(struct metrics *m);

/* metrics_record counts a request to route index (n_routes: unmatched) with status and
 * duration. Lock-free. */
void metrics_record(struct metrics *m, size_t route, int status, double seconds);

/* metrics_render appends the Prometheus exposition of m to out. */
void metrics_render(struct metrics *m, struct buf *out);

#endif
