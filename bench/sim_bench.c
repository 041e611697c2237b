/*
 * sim_bench.c — how fast the SMP dot simulator places a full scalp, measured in-process. Not a
 * test: it asserts nothing, it prints figures.
 *
 * The design is a 250 × 200 mm rounded rectangle (about 500 cm², a whole scalp) at 100 dots/cm²
 * with a soft hairline along its front edge, built in three sessions (0.3, 0.7, 1.0): about
 * 50,000 dots. It times sim_place (median of 5 runs, CLOCK_MONOTONIC) and, for the same number
 * of dots, a naive dart-throwing baseline: uniform random darts over the area, each rejected if
 * closer than the same radius to any dot already placed, until the count is reached. The baseline
 * checks its neighbours with the same kind of background grid (so the comparison is of the
 * algorithm, not of brute-force distance checks), has no density ramp and no sessions, and gives
 * up after 200 million darts. It also prints how close sim_place's count is to the density
 * integral and the smallest spacing found relative to the mean spacing.
 */
#include "sim/sim.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { RUNS = 5 };

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

/* a rounded rectangle: corners of radius rad, 16 vertices per corner */
static void rounded_rect(struct sim_polygon *p, double x0, double y0, double w, double h,
                         double rad)
{
    const double cx[4] = {x0 + w - rad, x0 + rad, x0 + rad, x0 + w - rad};
    const double cy[4] = {y0 + rad, y0 + rad, y0 + h - rad, y0 + h - rad};
    p->n = 0;
    for (int c = 0; c < 4; c++)
        for (int i = 0; i < 16; i++) {
            double a = -M_PI / 2 * (c + i / 15.0);
            p->v[p->n++] = (struct sim_point){cx[c] + rad * cos(a), cy[c] + rad * sin(a)};
        }
}

static uint64_t rng_state = 42;

static double unit(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return (double)((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
}

/* Dart throwing with a grid: returns the darts thrown; *placed gets the dots placed. */
static long darts(const struct sim_design *d, double rad, int want, int *placed)
{
    double gs = rad / sqrt(2);
    int gw = (int)(d->width_mm / gs) + 2, gh = (int)(d->height_mm / gs) + 2;
    int *grid = malloc(sizeof *grid * (size_t)gw * (size_t)gh);
    double *xy = malloc(sizeof *xy * 2 * (size_t)want);
    for (int i = 0; i < gw * gh; i++)
        grid[i] = -1;
    int n = 0;
    long thrown = 0;
    while (n < want && thrown < 200000000L) {
        thrown++;
        double x = unit() * d->width_mm, y = unit() * d->height_mm;
        if (!sim_contains(d, (struct sim_point){x, y}))
            continue;
        int cx = (int)(x / gs), cy = (int)(y / gs);
        bool ok = true;
        for (int j = cy - 2; j <= cy + 2 && ok; j++)
            for (int i = cx - 2; i <= cx + 2 && ok; i++) {
                if (i < 0 || j < 0 || i >= gw || j >= gh || grid[j * gw + i] < 0)
                    continue;
                int k = grid[j * gw + i];
                double dx = xy[2 * k] - x, dy = xy[2 * k + 1] - y;
                ok = dx * dx + dy * dy >= rad * rad;
            }
        if (!ok)
            continue;
        xy[2 * n] = x, xy[2 * n + 1] = y;
        grid[cy * gw + cx] = n++;
    }
    *placed = n;
    free(grid);
    free(xy);
    return thrown;
}

int main(void)
{
    static struct sim_design d;
    d.width_mm = 260, d.height_mm = 210, d.px_per_mm = 4;
    d.n_areas = 1;
    rounded_rect(&d.areas[0], 5, 5, 250, 200, 40);
    d.n_hairline = 9;
    for (int i = 0; i < 9; i++)
        d.hairline[i] = (struct sim_point){20 + 27.5 * i, 5.5 + 0.02 * (i - 4) * (i - 4)};
    d.style = SIM_SOFT;
    d.transition_mm = 6;
    d.density_per_cm2 = 100;
    d.n_sessions = 3;
    d.sessions[0] = 0.3, d.sessions[1] = 0.7, d.sessions[2] = 1.0;
    d.dot_diameter_mm = 0.2;
    d.seed = 7;

    int cap = sim_place_estimate(&d);
    struct sim_dot *dots = malloc(sizeof *dots * (size_t)cap);
    double t[RUNS];
    int n = 0, per[SIM_MAX_SESSIONS];
    for (int r = 0; r < RUNS; r++) {
        double t0 = now_ms();
        n = sim_place(&d, dots, cap, per);
        t[r] = now_ms() - t0;
    }
    double place = median(t, RUNS);
    printf("sim place %d dots: median %.1f ms (sessions %d + %d + %d, area %.1f cm²)\n", n, place,
           per[0], per[1], per[2], sim_area_cm2(&d));

    /* how close to the integral: sample the density field on a 0.1 mm grid */
    double integral = 0;
    for (double y = 0.05; y < d.height_mm; y += 0.1)
        for (double x = 0.05; x < d.width_mm; x += 0.1)
            integral += sim_density(&d, (struct sim_point){x, y}) * 0.01 / 100;
    printf("sim count vs density integral: %d / %.0f (%+.2f%%)\n", n, integral,
           100 * (n - integral) / integral);

    /* the baseline places the same count at the final radius of the uniform interior */
    double rad = 0.74 / sqrt(d.density_per_cm2 / 100);
    for (int r = 0; r < RUNS; r++) {
        int placed;
        double t0 = now_ms();
        long thrown = darts(&d, rad, n, &placed);
        t[r] = now_ms() - t0;
        if (r == 0 && placed < n)
            printf("sim dart-throwing baseline: gave up at %d of %d dots after %ld darts\n", placed,
                   n, thrown);
    }
    double base = median(t, RUNS);
    printf("sim dart-throwing baseline (grid neighbour checks): median %.1f ms (%.1fx slower)\n",
           base, base / place);
    free(dots);
    return 0;
}
