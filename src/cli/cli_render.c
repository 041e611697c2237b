/*
 * cli_render.c — `stipple render DESIGN.json --session N --out FILE.{png,svg,pdf} [--healed]
 * [--years Y] [--sun] [--oily] [--rate N]`: simulate a design and write its picture, printing
 * the summary (area, impressions and minutes per session) as JSON on standard output.
 */
#include "cli/cli.h"
#include "http/design.h"
#include "img/photo.h"
#include "sim/render.h"
#include "util/buf.h"
#include "util/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(int code)
{
    printf("usage: stipple render DESIGN.json --session N --out FILE.png|FILE.svg|FILE.pdf\n"
           "                      [--healed] [--years Y] [--sun] [--oily] [--rate N]\n\n"
           "Places the dots of a design (docs/design-format.md) session by session and draws\n"
           "sessions 1..N (default: all; 0: the background alone): fresh, or --healed, or after\n"
           "Y years (--sun and --oily age faster). A design's \"background\" is a JPEG or PNG\n"
           "file, relative to the design file, that fills the canvas.\n"
           "The image is canvas × px_per_mm pixels. --rate is impressions an hour (4500).\n"
           "Prints {\"area_cm2\",\"impressions_per_session\",\"estimated_minutes\"}.\n");
    return code;
}

/* Reads the whole file at path (at most 16 MiB) into out; -1 with a message when it cannot. */
static int slurp(const char *path, struct buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "stipple render: cannot read %s\n", path);
        return -1;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && out->len < 16 * 1024 * 1024)
        buf_append(out, chunk, n);
    fclose(f);
    return 0;
}

/* Loads the design's background photo (a path relative to the design file): cleaned as an
 * upload would be (photo->jpeg, for SVG) and as pixels covering the canvas at ppmm (*px). */
static int background(const char *design_file, const struct sim_design *d, double ppmm,
                      struct photo *photo, uint32_t **px)
{
    struct buf path = {0}, raw = {0};
    const char *slash = strrchr(design_file, '/');
    if (d->background[0] != '/' && slash)
        buf_printf(&path, "%.*s/", (int)(slash - design_file), design_file);
    buf_puts(&path, d->background);
    struct err e = {0};
    int rc = slurp(path.data, &raw);
    if (rc == 0 && photo_init("stipple") < 0) {
        fprintf(stderr, "stipple render: libvips cannot start\n");
        rc = -1;
    }
    if (rc == 0 && (photo_clean(raw.data, raw.len, photo, &e) < 0 ||
                    photo_pixels(photo->jpeg.data, photo->jpeg.len, (int)lround(d->width_mm * ppmm),
                                 (int)lround(d->height_mm * ppmm), px, &e) < 0)) {
        fprintf(stderr, "stipple render: background %s: %s\n", path.data, e.msg);
        rc = -1;
    }
    buf_free(&path);
    buf_free(&raw);
    return rc;
}

int cli_render(int argc, char **argv, struct config *cfg)
{
    (void)cfg;
    const char *file = NULL, *out = NULL;
    struct sim_view v = {.session = -1};
    int rate = 4500;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h"))
            return usage(0);
        if (!strcmp(a, "--session") && i + 1 < argc)
            v.session = atoi(argv[++i]);
        else if (!strcmp(a, "--out") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(a, "--years") && i + 1 < argc)
            v.years = atof(argv[++i]);
        else if (!strcmp(a, "--rate") && i + 1 < argc)
            rate = atoi(argv[++i]);
        else if (!strcmp(a, "--healed"))
            v.healed = true;
        else if (!strcmp(a, "--sun"))
            v.high_sun = true;
        else if (!strcmp(a, "--oily"))
            v.oily = true;
        else if (a[0] != '-' && !file)
            file = a;
        else
            return usage(2);
    }
    const char *ext = out ? strrchr(out, '.') : NULL;
    if (!file || !out || !ext ||
        (strcmp(ext, ".png") && strcmp(ext, ".svg") && strcmp(ext, ".pdf")) || v.years < 0 ||
        v.years > 50 || rate < 100 || rate > 100000)
        return usage(2);
    struct buf text = {0};
    if (slurp(file, &text) < 0)
        return 1;
    struct sim_design *d = xmalloc(sizeof *d);
    struct err e = {0};
    if (design_parse(text.data ? text.data : "", text.len, d, &e) < 0) {
        fprintf(stderr, "stipple render: %s: %s%s%s\n", file, e.field[0] ? e.field : "",
                e.field[0] ? ": " : "", e.msg);
        buf_free(&text);
        free(d);
        return 1;
    }
    buf_free(&text);
    if (v.session < 0)
        v.session = d->n_sessions;
    if (v.session > d->n_sessions) {
        fprintf(stderr, "stipple render: --session must be 0 to %d\n", d->n_sessions);
        free(d);
        return 2;
    }
    struct sim_image bg = {0};
    struct photo photo = {0};
    uint32_t *px = NULL;
    if (d->background[0]) {
        if (background(file, d, !strcmp(ext, ".pdf") ? 4 : d->px_per_mm, &photo, &px) < 0) {
            free(d);
            return 1;
        }
        bg = (struct sim_image){
            .px = px, .jpeg = (const unsigned char *)photo.jpeg.data, .jpeg_len = photo.jpeg.len};
        bg.w = (int)lround(d->width_mm * (!strcmp(ext, ".pdf") ? 4 : d->px_per_mm));
        bg.h = (int)lround(d->height_mm * (!strcmp(ext, ".pdf") ? 4 : d->px_per_mm));
        v.bg = &bg;
    }
    int max = sim_place_estimate(d), per[SIM_MAX_SESSIONS] = {0};
    struct sim_dot *dots = xmalloc(sizeof *dots * (size_t)(max > 0 ? max : 1));
    int count = sim_place(d, dots, max, per);
    struct buf img = {0};
    int rc = !strcmp(ext, ".png")   ? sim_render_png(d, dots, count, &v, &img)
             : !strcmp(ext, ".svg") ? sim_render_svg(d, dots, count, &v, &img)
                                    : sim_render_pdf(d, dots, count, &v, per, rate, &img);
    FILE *o = rc == 0 ? fopen(out, "wb") : NULL;
    if (!o || fwrite(img.data, 1, img.len, o) != img.len || fclose(o) != 0) {
        fprintf(stderr, "stipple render: cannot write %s\n", out);
        rc = 1;
    } else {
        char *summary = design_summary(d, per, rate);
        printf("%s\n", summary);
        free(summary);
    }
    buf_free(&img);
    free(dots);
    free(d);
    free(px);
    buf_free(&photo.jpeg);
    buf_free(&photo.thumb);
    sim_render_shutdown();
    if (v.bg)
        photo_shutdown();
    return rc ? 1 : 0;
}
