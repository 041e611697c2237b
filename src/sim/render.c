/*
 * render.c — drawing dots (see render.h). A dot at 10 px/mm is a few pixels wide, so the PNG is
 * rasterised directly into cairo's image buffer with an analytic soft edge (fast for 50,000
 * dots); libpng encodes the PNG at a fast level and cairo draws the PDF sheet.
 */
#include "sim/render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint8_t scalp[3] = {0xe8, 0xc9, 0xb0}; /* a neutral light scalp tone */

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

/* Blends colour c at coverage a (0..1) into the premultiplied-opaque pixel p (BGRA). */
static void blend(uint32_t *p, const uint8_t c[3], double a)
{
    uint32_t v = *p;
    int b = (int)(v & 0xff), g = (int)((v >> 8) & 0xff), r = (int)((v >> 16) & 0xff);
    r = (int)(r + (c[0] - r) * a + 0.5);
    g = (int)(g + (c[1] - g) * a + 0.5);
    b = (int)(b + (c[2] - b) * a + 0.5);
    *p = 0xff000000u | (uint32_t)r << 16 | (uint32_t)g << 8 | (uint32_t)b;
}

static void png_out(png_structp png, png_bytep data, png_size_t n)
{
    buf_append(png_get_io_ptr(png), data, n);
}

static void png_flush_none(png_structp png)
{
    (void)png;
}

/* Encodes cairo's RGB24 image as an 8-bit RGB PNG with libpng at a fast compression level (the
 * deflate of a full-scalp image at cairo's fixed level took most of the render's time). */
static int encode_png(unsigned char *data, int w, int h, int stride, struct buf *out)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *row = malloc((size_t)w * 3);
    if (!png || !info || !row) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return -1;
    }
    png_set_write_fn(png, out, png_out, png_flush_none);
    png_set_compression_level(png, 2);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        const uint32_t *src = (const uint32_t *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            row[3 * x] = (unsigned char)(src[x] >> 16);
            row[3 * x + 1] = (unsigned char)(src[x] >> 8);
            row[3 * x + 2] = (unsigned char)src[x];
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    return 0;
}

static bool visible(const struct sim_dot *dot, const struct sim_view *v)
{
    return dot->session >= 1 && dot->session <= v->session;
}

int sim_render_png(const struct sim_design *d, const struct sim_dot *dots, int n,
                   const struct sim_view *v, struct buf *out)
{
    double ppmm = d->px_per_mm;
    int w = (int)lround(d->width_mm * ppmm), h = (int)lround(d->height_mm * ppmm);
    if (w < 1 || h < 1 || w > 20000 || h > 20000)
        return -1;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return -1;
    }
    cairo_t *cr = cairo_create(s);
    if (v->bg && v->bg->px && v->bg->w == w && v->bg->h == h) {
        cairo_surface_flush(s);
        unsigned char *dst = cairo_image_surface_get_data(s);
        int dstride = cairo_image_surface_get_stride(s);
        for (int y = 0; y < h; y++)
            memcpy(dst + (size_t)y * (size_t)dstride, v->bg->px + (size_t)y * (size_t)w,
                   (size_t)w * 4);
        cairo_surface_mark_dirty(s);
    } else {
        cairo_set_source_rgb(cr, scalp[0] / 255.0, scalp[1] / 255.0, scalp[2] / 255.0);
        cairo_paint(cr);
    }
    /* the treatment area, faintly, on the neutral tone only: over a photo it would look like a
     * mask rather than what the client will see */
    cairo_scale(cr, ppmm, ppmm);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (int k = 0; !(v->bg && v->bg->px) && k < d->n_areas; k++)
        for (int i = 0; i < d->areas[k].n; i++)
            (i ? cairo_line_to : cairo_move_to)(cr, d->areas[k].v[i].x, d->areas[k].v[i].y);
    cairo_close_path(cr);
    cairo_set_source_rgba(cr, 0, 0, 0, 0.04);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int i = 0; i < n; i++) {
        if (!visible(&dots[i], v))
            continue;
        double dia, op;
        sim_appearance(d, &dots[i], v->healed, v->years, v->high_sun, v->oily, sim_ageing_of(d),
                       &dia, &op);
        double cx = dots[i].x * ppmm, cy = dots[i].y * ppmm, r = dia * ppmm / 2;
        double soft = 0.35 * r + 0.5; /* the edge blurs over about a third of the radius */
        int x0 = (int)floor(cx - r - soft), x1 = (int)ceil(cx + r + soft),
            y0 = (int)floor(cy - r - soft), y1 = (int)ceil(cy + r + soft);
        for (int y = y0 < 0 ? 0 : y0; y <= y1 && y < h; y++) {
            uint32_t *row = (uint32_t *)(data + (size_t)y * (size_t)stride);
            for (int x = x0 < 0 ? 0 : x0; x <= x1 && x < w; x++) {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy, dist = sqrt(dx * dx + dy * dy);
                double cover = dist <= r - soft   ? 1
                               : dist >= r + soft ? 0
                                                  : (r + soft - dist) / (2 * soft);
                if (cover > 0)
                    blend(&row[x], d->rgb, cover * op);
            }
        }
    }
    int rc = encode_png(data, w, h, stride, out);
    cairo_surface_destroy(s);
    return rc;
}

/* Appends n bytes of p to out in standard base64 (RFC 4648, padded). */
static void base64(struct buf *out, const unsigned char *p, size_t n)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char q[4];
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        q[0] = abc[v >> 18];
        q[1] = abc[(v >> 12) & 63];
        q[2] = i + 1 < n ? abc[(v >> 6) & 63] : '=';
        q[3] = i + 2 < n ? abc[v & 63] : '=';
        buf_append(out, q, 4);
    }
}

int sim_render_svg(const struct sim_design *d, const struct sim_dot *dots, int n,
                   const struct sim_view *v, struct buf *out)
{
    buf_printf(out,
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
               "viewBox=\"0 0 %.3f %.3f\">\n"
               "<rect width=\"%.3f\" height=\"%.3f\" fill=\"#%02x%02x%02x\"/>\n",
               d->width_mm * d->px_per_mm, d->height_mm * d->px_per_mm, d->width_mm, d->height_mm,
               d->width_mm, d->height_mm, scalp[0], scalp[1], scalp[2]);
    if (v->bg && v->bg->jpeg && v->bg->jpeg_len) {
        buf_printf(out,
                   "<image width=\"%.3f\" height=\"%.3f\" preserveAspectRatio=\"xMidYMid slice\" "
                   "href=\"data:image/jpeg;base64,",
                   d->width_mm, d->height_mm);
        base64(out, v->bg->jpeg, v->bg->jpeg_len);
        buf_puts(out, "\"/>\n");
    }
    buf_printf(out, "<g fill=\"#%02x%02x%02x\">\n", d->rgb[0], d->rgb[1], d->rgb[2]);
    for (int i = 0; i < n; i++) {
        if (!visible(&dots[i], v))
            continue;
        double dia, op;
        sim_appearance(d, &dots[i], v->healed, v->years, v->high_sun, v->oily, sim_ageing_of(d),
                       &dia, &op);
        buf_printf(out, "<circle cx=\"%.3f\" cy=\"%.3f\" r=\"%.4f\" fill-opacity=\"%.3f\"/>\n",
                   dots[i].x, dots[i].y, dia / 2, op);
    }
    buf_puts(out, "</g>\n</svg>\n");
    return 0;
}

/* Length of the hairline polyline and its horizontal width, in mm. */
static void hairline_size(const struct sim_design *d, double *length, double *width)
{
    *length = *width = 0;
    double lo = 1e9, hi = -1e9;
    for (int i = 0; i < d->n_hairline; i++) {
        if (i)
            *length += hypot(d->hairline[i].x - d->hairline[i - 1].x,
                             d->hairline[i].y - d->hairline[i - 1].y);
        lo = fmin(lo, d->hairline[i].x);
        hi = fmax(hi, d->hairline[i].x);
    }
    if (d->n_hairline > 1)
        *width = hi - lo;
}

int sim_render_pdf(const struct sim_design *d, const struct sim_dot *dots, int n,
                   const struct sim_view *v, const int per_session[SIM_MAX_SESSIONS], int per_hour,
                   struct buf *out)
{
    const double page_w = 595.28, page_h = 841.89, margin = 40; /* A4 in points */
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, page_w, page_h);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 18);
    cairo_move_to(cr, margin, margin + 10);
    cairo_show_text(cr, "SMP design sheet");
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 10);
    /* the design, to scale in the page width */
    double scale = fmin((page_w - 2 * margin) / d->width_mm, 360 / d->height_mm);
    cairo_save(cr);
    cairo_translate(cr, margin, margin + 30);
    cairo_scale(cr, scale, scale);
    cairo_rectangle(cr, 0, 0, d->width_mm, d->height_mm);
    cairo_set_source_rgb(cr, scalp[0] / 255.0, scalp[1] / 255.0, scalp[2] / 255.0);
    cairo_fill(cr);
    if (v->bg && v->bg->px && v->bg->w > 0 && v->bg->h > 0) {
        cairo_surface_t *img = cairo_image_surface_create_for_data(
            (unsigned char *)v->bg->px, CAIRO_FORMAT_RGB24, v->bg->w, v->bg->h, v->bg->w * 4);
        cairo_save(cr);
        cairo_scale(cr, d->width_mm / v->bg->w, d->height_mm / v->bg->h);
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_surface_destroy(img);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (int k = 0; k < d->n_areas; k++)
        for (int i = 0; i < d->areas[k].n; i++)
            (i ? cairo_line_to : cairo_move_to)(cr, d->areas[k].v[i].x, d->areas[k].v[i].y);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.4);
    cairo_stroke(cr);
    for (int i = 0; i < n; i++) {
        if (!visible(&dots[i], v))
            continue;
        double dia, op;
        sim_appearance(d, &dots[i], v->healed, v->years, v->high_sun, v->oily, sim_ageing_of(d),
                       &dia, &op);
        cairo_set_source_rgba(cr, d->rgb[0] / 255.0, d->rgb[1] / 255.0, d->rgb[2] / 255.0, op);
        cairo_arc(cr, dots[i].x, dots[i].y, dia / 2, 0, 2 * M_PI);
        cairo_fill(cr);
    }
    if (d->n_hairline > 1) {
        for (int i = 0; i < d->n_hairline; i++)
            (i ? cairo_line_to : cairo_move_to)(cr, d->hairline[i].x, d->hairline[i].y);
        cairo_set_source_rgb(cr, 0.75, 0.1, 0.1);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    /* the numbers */
    double y = margin + 30 + d->height_mm * scale + 30;
    char line[160];
    double length, width;
    hairline_size(d, &length, &width);
    const char *styles[] = {"soft", "feathered", "jagged", "defined", "receded"};
    snprintf(line, sizeof line,
             "Treatment area %.1f cm2, final density %.0f impressions/cm2, "
             "style %s, transition %.1f mm",
             sim_area_cm2(d), d->density_per_cm2, styles[d->style], d->transition_mm);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_move_to(cr, margin, y);
    cairo_show_text(cr, line);
    y += 16;
    snprintf(line, sizeof line, "Hairline length %.1f mm, width %.1f mm", length, width);
    cairo_move_to(cr, margin, y);
    cairo_show_text(cr, line);
    y += 16;
    for (int k = 0; k < d->n_sessions; k++) {
        snprintf(line, sizeof line,
                 "Session %d: %d impressions (%.0f%% of final), dilution %d%%, about %d minutes",
                 k + 1, per_session ? per_session[k] : 0, d->sessions[k] * 100, d->dilution_pct[k],
                 sim_minutes(per_session ? per_session[k] : 0, per_hour));
        cairo_move_to(cr, margin, y);
        cairo_show_text(cr, line);
        y += 16;
    }
    snprintf(line, sizeof line, "Shown: after session %d%s%s", v->session,
             v->healed ? ", healed" : ", fresh", v->years > 0 ? " and aged" : "");
    cairo_move_to(cr, margin, y);
    cairo_show_text(cr, line);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

void sim_render_shutdown(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}
