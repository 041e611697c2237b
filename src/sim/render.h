/*
 * render.h — pictures of a simulated design: PNG and PDF through cairo, SVG written directly
 * (one <circle> per impression). Everything is drawn into memory; the caller decides where the
 * bytes go.
 */
#ifndef STIPPLE_SIM_RENDER_H
#define STIPPLE_SIM_RENDER_H

#include "sim/sim.h"
#include "util/buf.h"

#include <stddef.h>
#include <stdint.h>

/* A photo behind the dots: pixels already scaled to cover the PNG exactly (w × h = the canvas
 * × px_per_mm, cairo RGB24 words 0x00RRGGBB, row after row) for PNG and PDF, and the photo's
 * JPEG for SVG (embedded as a data: URI). Either part may be absent (NULL). */
struct sim_image {
    int w, h;
    const uint32_t *px;
    const unsigned char *jpeg;
    size_t jpeg_len;
};

/* What to show: dots of sessions 1..session (0: the background alone, the "before"), fresh or
 * healed, after years, over bg (NULL: a neutral scalp tone). */
struct sim_view {
    int session;
    bool healed;
    double years;
    bool high_sun, oily;
    const struct sim_image *bg;
};

/* sim_render_png appends a PNG of the canvas (width_mm × px_per_mm by height_mm × px_per_mm
 * pixels) to out: a neutral scalp tone, the treatment area faintly outlined, and the dots with
 * soft edges in the pigment colour. Returns 0, or -1 when cairo fails. */
int sim_render_png(const struct sim_design *d, const struct sim_dot *dots, int n,
                   const struct sim_view *v, struct buf *out);

/* sim_render_svg appends an SVG document (viewBox in mm) with one <circle> per impression. */
int sim_render_svg(const struct sim_design *d, const struct sim_dot *dots, int n,
                   const struct sim_view *v, struct buf *out);

/* sim_render_pdf appends an A4 design sheet: the design drawn to scale with its area, the
 * impressions and estimated minutes per session, and the hairline's length and width. */
int sim_render_pdf(const struct sim_design *d, const struct sim_dot *dots, int n,
                   const struct sim_view *v, const int per_session[SIM_MAX_SESSIONS], int per_hour,
                   struct buf *out);

/* sim_render_shutdown frees cairo's and fontconfig's process-wide caches (the PDF sheet's text
 * loads fonts). Call once at exit, when no thread draws any more. */
void sim_render_shutdown(void);

#endif
