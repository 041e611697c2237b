/*
 * demo_photo.c — the demo's stand-in for a client's photo: a shaved head seen from the front,
 * forehead and crown towards the camera, with a Norwood V pattern (stubble on the sides and at
 * the back, a thin bridge of it across the top, bare skin in front). Drawn with cairo from a
 * fixed seed, so every demo database gets the same picture; 1600 × 1000 pixels, which is
 * 200 × 125 mm at 8 px/mm.
 */
#include "cli/demo_photo.h"

#include <cairo.h>
#include <math.h>
#include <stdint.h>

enum { W = 1600, H = 1000 };

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

static double rnd(uint64_t *s) /* xorshift64*, [0, 1) */
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return (double)((*s * 0x2545F4914F6CDD1Dull) >> 11) / 9007199254740992.0;
}

/* How much stubble grows at (x, y): 0 on the bare top and forehead, 1 on the sides and back. */
static double stubble(double x, double y)
{
    double dx = (x - 800) / 390, dy = (y - 430) / 330;
    double bare = 1 - sqrt(dx * dx + dy * dy);    /* > 0 inside the bare oval */
    double front = (y - 620) / 60;                /* the forehead below the hairline */
    double v = bare > 0 ? 0 : fmin(1, -bare * 4); /* growing out from the oval's edge */
    if (y < 150 && fabs(x - 800) < 240)           /* the thin bridge across the crown */
        v = fmax(v, 0.35 * (1 - fabs(x - 800) / 240));
    if (front > 0)
        v *= fmax(0, 1 - front); /* no hair on the forehead */
    return v;
}

int demo_photo_png(struct buf *out)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(s);
    cairo_pattern_t *p = cairo_pattern_create_linear(0, 0, 0, H);
    cairo_pattern_add_color_stop_rgb(p, 0, 0.45, 0.48, 0.52);
    cairo_pattern_add_color_stop_rgb(p, 1, 0.30, 0.33, 0.37);
    cairo_set_source(cr, p);
    cairo_paint(cr);
    cairo_pattern_destroy(p);
    /* ears, then the head */
    for (int side = -1; side <= 1; side += 2) {
        cairo_save(cr);
        cairo_translate(cr, 800 + side * 610, 820);
        cairo_scale(cr, 60, 120);
        cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
        cairo_restore(cr);
        cairo_set_source_rgb(cr, 0.78, 0.58, 0.46);
        cairo_fill(cr);
    }
    cairo_save(cr);
    cairo_translate(cr, 800, 700);
    cairo_scale(cr, 620, 690);
    cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
    cairo_restore(cr);
    p = cairo_pattern_create_radial(740, 360, 40, 800, 600, 760);
    cairo_pattern_add_color_stop_rgb(p, 0, 0.96, 0.84, 0.74);
    cairo_pattern_add_color_stop_rgb(p, 0.6, 0.87, 0.69, 0.56);
    cairo_pattern_add_color_stop_rgb(p, 1, 0.66, 0.47, 0.36);
    cairo_set_source(cr, p);
    cairo_fill_preserve(cr);
    cairo_pattern_destroy(p);
    cairo_clip(cr);
    /* stubble: short dark hairs, denser where stubble() is higher */
    uint64_t seed = 0x5eed5eedu;
    cairo_set_line_width(cr, 1.6);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (int i = 0; i < 160000; i++) {
        double x = rnd(&seed) * W, y = rnd(&seed) * H, v = stubble(x, y);
        if (rnd(&seed) > v)
            continue;
        double a = M_PI / 2 + (x - 800) / 900 + (rnd(&seed) - 0.5) * 0.8, len = 2 + rnd(&seed) * 3;
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x + cos(a) * len, y + sin(a) * len);
        cairo_set_source_rgba(cr, 0.16, 0.12, 0.10, 0.35 + 0.4 * rnd(&seed));
        cairo_stroke(cr);
    }
    /* a shine on the bare scalp, faint forehead lines, the brows */
    cairo_save(cr);
    cairo_translate(cr, 700, 330);
    cairo_scale(cr, 1.9, 1);
    p = cairo_pattern_create_radial(0, 0, 0, 0, 0, 110);
    cairo_pattern_add_color_stop_rgba(p, 0, 1, 1, 1, 0.16);
    cairo_pattern_add_color_stop_rgba(p, 1, 1, 1, 1, 0);
    cairo_set_source(cr, p);
    cairo_arc(cr, 0, 0, 110, 0, 2 * M_PI);
    cairo_fill(cr);
    cairo_pattern_destroy(p);
    cairo_restore(cr);
    cairo_set_line_width(cr, 3);
    for (int k = 0; k < 3; k++) {
        cairo_move_to(cr, 560, 760 + k * 34);
        cairo_curve_to(cr, 700, 735 + k * 34, 900, 735 + k * 34, 1040, 760 + k * 34);
        cairo_set_source_rgba(cr, 0.55, 0.38, 0.30, 0.35);
        cairo_stroke(cr);
    }
    cairo_set_line_width(cr, 26);
    for (int side = -1; side <= 1; side += 2) {
        cairo_move_to(cr, 800 + side * 90, 960);
        cairo_curve_to(cr, 800 + side * 180, 925, 800 + side * 300, 925, 800 + side * 380, 965);
        cairo_set_source_rgb(cr, 0.22, 0.16, 0.12);
        cairo_stroke(cr);
    }
    cairo_destroy(cr);
    cairo_status_t st = cairo_surface_write_to_png_stream(s, to_buf, out);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
