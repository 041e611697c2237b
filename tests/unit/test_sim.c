/*
 * test_sim.c — the SMP dot simulator: polygon area and containment (square, triangle, a square
 * with a hole by even-odd), the minimum spacing on a uniform square, counts within 5 % of the
 * density integral for several densities and areas, cumulative session counts (30/70/100 %) with
 * earlier sessions' dots identical whatever follows, lower density just behind a hairline than
 * deeper in, determinism (same seed, same bytes; another seed, other dots), every dot inside the
 * area, healed and aged appearance, and the chair-time estimate.
 */
#include "sim/sim.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ----------------------------------------------------------------------------- */

static void square(struct sim_polygon *p, double x, double y, double w, double h)
{
    p->n = 4;
    p->v[0] = (struct sim_point){x, y};
    p->v[1] = (struct sim_point){x + w, y};
    p->v[2] = (struct sim_point){x + w, y + h};
    p->v[3] = (struct sim_point){x, y + h};
}

/* a w × h rectangle at (5, 5) on a canvas with 5 mm margins, one session at full density */
static struct sim_design *design(double w, double h, double density)
{
    struct sim_design *d = calloc(1, sizeof *d);
    assert_non_null(d);
    d->width_mm = w + 10, d->height_mm = h + 10, d->px_per_mm = 4;
    d->n_areas = 1;
    square(&d->areas[0], 5, 5, w, h);
    d->style = SIM_SOFT;
    d->density_per_cm2 = density;
    d->n_sessions = 1;
    d->sessions[0] = 1.0;
    d->dot_diameter_mm = 0.2;
    d->seed = 12345;
    return d;
}

/* the integral of the density field on a fine grid, in dots */
static double integral(const struct sim_design *d)
{
    double sum = 0, h = 0.25;
    for (double y = h / 2; y < d->height_mm; y += h)
        for (double x = h / 2; x < d->width_mm; x += h)
            sum += sim_density(d, (struct sim_point){x, y});
    return sum * h * h / 100;
}

static struct sim_dot *place(const struct sim_design *d, int *n, int per[SIM_MAX_SESSIONS])
{
    int cap = sim_place_estimate(d);
    struct sim_dot *dots = malloc(sizeof *dots * (size_t)(cap > 0 ? cap : 1));
    assert_non_null(dots);
    *n = sim_place(d, dots, cap, per);
    assert_true(*n <= cap);
    return dots;
}

/* the smallest distance between two dots (grid of 1 mm cells, neighbours only) */
static double min_spacing(const struct sim_dot *dots, int n)
{
    double best = INFINITY;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double dx = dots[i].x - dots[j].x, dy = dots[i].y - dots[j].y;
            if (fabs(dx) < 3 && fabs(dy) < 3)
                best = fmin(best, sqrt(dx * dx + dy * dy));
        }
    return best;
}

/* ---- area and containment ---------------------------------------------------------------- */

static void test_area(void **state)
{
    (void)state;
    struct sim_design *d = design(10, 10, 100);
    assert_float_equal(sim_area_cm2(d), 1.0, 1e-9);
    assert_true(sim_contains(d, (struct sim_point){10, 10}));
    assert_false(sim_contains(d, (struct sim_point){4, 10}));
    assert_false(sim_contains(d, (struct sim_point){16, 16}));
    /* a triangle, clockwise or not */
    d->areas[0].n = 3;
    d->areas[0].v[0] = (struct sim_point){0, 0};
    d->areas[0].v[1] = (struct sim_point){0, 30};
    d->areas[0].v[2] = (struct sim_point){40, 0};
    assert_float_equal(sim_area_cm2(d), 6.0, 1e-9);
    assert_true(sim_contains(d, (struct sim_point){5, 5}));
    assert_false(sim_contains(d, (struct sim_point){30, 20}));
    /* a 40 × 40 square with a 10 × 10 hole (even-odd) */
    square(&d->areas[0], 0, 0, 40, 40);
    square(&d->areas[1], 10, 10, 10, 10);
    d->n_areas = 2;
    d->width_mm = d->height_mm = 50;
    assert_float_equal(sim_area_cm2(d), 15.0, 1e-9);
    assert_false(sim_contains(d, (struct sim_point){15, 15}));
    assert_true(sim_contains(d, (struct sim_point){25, 25}));
    assert_float_equal(sim_density(d, (struct sim_point){15, 15}), 0, 0);
    assert_float_equal(sim_density(d, (struct sim_point){30, 30}), 100, 1e-9);
    /* dots avoid the hole and stay inside */
    int n;
    struct sim_dot *dots = place(d, &n, NULL);
    assert_true(n > 1300 && n < 1600);
    for (int i = 0; i < n; i++)
        assert_true(sim_contains(d, (struct sim_point){dots[i].x, dots[i].y}));
    free(dots);
    free(d);
}

/* ---- placement --------------------------------------------------------------------------- */

static void test_spacing(void **state)
{
    (void)state;
    struct sim_design *d = design(30, 30, 100);
    int n;
    struct sim_dot *dots = place(d, &n, NULL);
    double mean = 1 / sqrt(d->density_per_cm2 / 100); /* 1 mm */
    assert_true(min_spacing(dots, n) >= 0.5 * mean);
    for (int i = 0; i < n; i++) {
        assert_true(sim_contains(d, (struct sim_point){dots[i].x, dots[i].y}));
        assert_true(dots[i].d >= 0.2 * 0.85 - 1e-6 && dots[i].d <= 0.2 * 1.15 + 1e-6);
        assert_int_equal(dots[i].session, 1);
    }
    free(dots);
    free(d);
}

static void test_counts(void **state)
{
    (void)state;
    const double sizes[][2] = {{20, 20}, {60, 35}, {120, 80}};
    const double densities[] = {40, 100, 160};
    for (int s = 0; s < 3; s++)
        for (int k = 0; k < 3; k++) {
            struct sim_design *d = design(sizes[s][0], sizes[s][1], densities[k]);
            /* a hairline along the top edge, so the field is not flat */
            d->n_hairline = 2;
            d->hairline[0] = (struct sim_point){5, 5};
            d->hairline[1] = (struct sim_point){5 + sizes[s][0], 5};
            d->transition_mm = 6;
            d->style = (enum sim_style)(s + k) % 5;
            int n;
            struct sim_dot *dots = place(d, &n, NULL);
            double want = integral(d);
            assert_true(fabs(n - want) <= 0.05 * want);
            free(dots);
            free(d);
        }
}

static void test_sessions(void **state)
{
    (void)state;
    struct sim_design *d = design(60, 40, 100);
    d->n_sessions = 3;
    d->sessions[0] = 0.3, d->sessions[1] = 0.7, d->sessions[2] = 1.0;
    int n, per[SIM_MAX_SESSIONS];
    struct sim_dot *dots = place(d, &n, per);
    double total = integral(d);
    assert_int_equal(per[0] + per[1] + per[2], n);
    assert_int_equal(per[3], 0);
    assert_true(fabs(per[0] - 0.3 * total) <= 0.05 * 0.3 * total);
    assert_true(fabs(per[0] + per[1] - 0.7 * total) <= 0.05 * 0.7 * total);
    assert_true(fabs(n - total) <= 0.05 * total);
    for (int i = 1; i < n; i++) /* ordered by session */
        assert_true(dots[i].session >= dots[i - 1].session);
    assert_true(min_spacing(dots, n) >= 0.5);
    /* the same design stopped after two sessions places the same first two sessions */
    d->n_sessions = 2;
    int n2, per2[SIM_MAX_SESSIONS];
    struct sim_dot *dots2 = place(d, &n2, per2);
    assert_int_equal(n2, per[0] + per[1]);
    assert_memory_equal(dots, dots2, sizeof *dots * (size_t)n2);
    free(dots2);
    free(dots);
    free(d);
}

static void test_hairline_ramp(void **state)
{
    (void)state;
    for (int style = SIM_SOFT; style <= SIM_RECEDED; style++) {
        struct sim_design *d = design(80, 40, 100);
        d->n_hairline = 3;
        d->hairline[0] = (struct sim_point){5, 5};
        d->hairline[1] = (struct sim_point){45, 5};
        d->hairline[2] = (struct sim_point){85, 5};
        d->style = (enum sim_style)style;
        d->transition_mm = 6;
        int n;
        struct sim_dot *dots = place(d, &n, NULL);
        int front = 0, deep = 0; /* 0–2 mm and 6–8 mm behind, away from the temples */
        for (int i = 0; i < n; i++) {
            if (dots[i].x < 25 || dots[i].x > 65)
                continue;
            double behind = dots[i].y - 5;
            front += behind < 2;
            deep += behind >= 6 && behind < 8;
        }
        assert_true(front < 0.75 * deep);
        assert_true(sim_density(d, (struct sim_point){45, 5.5}) <
                    sim_density(d, (struct sim_point){45, 30}));
        assert_float_equal(sim_density(d, (struct sim_point){45, 30}), 100, 1e-9);
        free(dots);
        free(d);
    }
}

/* soft and feathered hairlines get scattered single dots in front (outside the area, within
 * the front depth, fewer further out); the other styles keep a clean edge */
static void test_front_dots(void **state)
{
    (void)state;
    for (int style = SIM_SOFT; style <= SIM_RECEDED; style++) {
        struct sim_design *d = design(80, 40, 100);
        d->n_hairline = 2;
        d->hairline[0] = (struct sim_point){5, 5};
        d->hairline[1] = (struct sim_point){85, 5};
        d->style = (enum sim_style)style;
        d->transition_mm = 8;
        int n, near = 0, far = 0, outside = 0;
        struct sim_dot *dots = place(d, &n, NULL);
        double depth = style == SIM_FEATHERED ? 4 : 2;
        for (int i = 0; i < n; i++) {
            if (sim_contains(d, (struct sim_point){dots[i].x, dots[i].y}))
                continue;
            outside++;
            assert_true(dots[i].y < 5 && dots[i].y >= 5 - depth - 1e-6);
            assert_int_equal(dots[i].session, 1);
            near += dots[i].y > 5 - depth / 2;
            far += dots[i].y <= 5 - depth / 2;
        }
        if (style == SIM_FEATHERED || style == SIM_SOFT) {
            assert_true(outside >= (style == SIM_FEATHERED ? 20 : 3));
            assert_true(near > far);
        } else
            assert_int_equal(outside, 0);
        assert_true(min_spacing(dots, n) > 0.3);
        free(dots);
        free(d);
    }
}

static void test_determinism(void **state)
{
    (void)state;
    struct sim_design *d = design(40, 30, 80);
    d->n_hairline = 2;
    d->hairline[0] = (struct sim_point){5, 5};
    d->hairline[1] = (struct sim_point){45, 5};
    d->style = SIM_JAGGED;
    d->transition_mm = 5;
    d->n_sessions = 2;
    d->sessions[0] = 0.5, d->sessions[1] = 1.0;
    int n1, n2, n3;
    struct sim_dot *a = place(d, &n1, NULL), *b = place(d, &n2, NULL);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, sizeof *a * (size_t)n1);
    d->seed = 999;
    struct sim_dot *c = place(d, &n3, NULL);
    assert_true(n3 != n1 || memcmp(a, c, sizeof *a * (size_t)n1) != 0);
    free(a), free(b), free(c);
    free(d);
}

static void test_small_out(void **state)
{
    (void)state;
    struct sim_design *d = design(20, 20, 100);
    d->n_sessions = 2;
    d->sessions[0] = 0.5, d->sessions[1] = 1.0;
    struct sim_dot dots[100];
    int per[SIM_MAX_SESSIONS];
    int n = sim_place(d, dots, 100, per);
    assert_int_equal(n, 100);
    assert_int_equal(per[0] + per[1], 100);
    d->density_per_cm2 = 0;
    assert_int_equal(sim_place(d, dots, 100, per), 0);
    assert_int_equal(per[0], 0);
    free(d);
}

/* ---- appearance and estimates ------------------------------------------------------------ */

static void test_appearance(void **state)
{
    (void)state;
    struct sim_design *d = design(10, 10, 100);
    d->dilution_pct[0] = 40;
    struct sim_dot dot = {10, 10, 0.25f, 1, 255}, dot2 = dot;
    dot2.session = 2;
    const struct sim_ageing *a = &sim_ageing_defaults;
    double fd, fo, hd, ho, yd, yo, sd, so, od, oo, dd, dop;
    sim_appearance(d, &dot2, false, 0, false, false, a, &fd, &fo);
    assert_float_equal(fd, 0.25, 1e-6);
    assert_float_equal(fo, 1.0, 1e-9);
    sim_appearance(d, &dot, false, 0, false, false, a, &dd, &dop);
    assert_float_equal(dop, 1 - 0.4 * 0.8, 1e-9); /* dilution lightens */
    sim_appearance(d, &dot2, true, 0, false, false, a, &hd, &ho);
    assert_true(hd < fd && ho < fo);
    assert_float_equal(hd, 0.25 * 0.85, 1e-6);
    sim_appearance(d, &dot2, true, 4, false, false, a, &yd, &yo);
    assert_true(yo < ho && yd > hd);
    assert_float_equal(yd, 0.25 * 0.85 + 0.04, 1e-6);
    sim_appearance(d, &dot2, true, 4, true, false, a, &sd, &so);
    assert_true(so < yo);
    sim_appearance(d, &dot2, true, 4, false, true, a, &od, &oo);
    assert_true(oo < yo && od > yd);
    sim_appearance(d, &dot2, true, 500, true, true, NULL, &od, &oo);
    assert_true(oo >= 0 && oo < 0.01 && od <= 10);
    free(d);
}

static void test_estimates(void **state)
{
    (void)state;
    assert_int_equal(sim_minutes(14000, 3500), 240);
    assert_int_equal(sim_minutes(1, 3600), 1);
    assert_int_equal(sim_minutes(3601, 3600), 61);
    assert_int_equal(sim_minutes(0, 3600), 0);
    assert_int_equal(sim_minutes(100, 0), 0);
    struct sim_design *d = design(50, 40, 100);
    assert_true(sim_place_estimate(d) >= 2000);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_area),          cmocka_unit_test(test_spacing),
        cmocka_unit_test(test_counts),        cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_hairline_ramp), cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_small_out),     cmocka_unit_test(test_appearance),
        cmocka_unit_test(test_estimates),     cmocka_unit_test(test_front_dots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
