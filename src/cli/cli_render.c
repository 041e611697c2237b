/*
 * cli_render.c — `stipple render DESIGN.json --session N --out FILE.{png,svg,pdf} [--healed]
 * [--years Y] [--sun] [--oily] [--rate N]`: simulate a design and write its picture, printing
 * the summary (area, impressions and minutes per session) as JSON on standard output.
 */
#include "cli/cli.h"
#include "http/design.h"
#include "sim/render.h"
#include "util/buf.h"
#include "util/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(int code)
{
    printf("usage: stipple render DESIGN.json --session N --out FILE.png|FILE.svg|FILE.pdf\n"
           "                      [--healed] [--years Y] [--sun] [--oily] [--rate N]\n\n"
           "Places the dots of a design (docs/design-format.md) session by session and draws\n"
           "sessions 1..N: fresh, or --healed, or after Y years (--sun and --oily age faster).\n"
           "The image is canvas × px_per_mm pixels. --rate is impressions an hour (4500).\n"
           "Prints {\"area_cm2\",\"impressions_per_session\",\"estimated_minutes\"}.\n");
    return code;
}

int cli_render(int argc, char **argv, struct config *cfg)
{
    (void)cfg;
    const char *file = NULL, *out = NULL;
    struct sim_view v = {.session = 0};
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
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "stipple render: cannot read %s\n", file);
        return 1;
    }
    struct buf text = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && text.len < 16 * 1024 * 1024)
        buf_append(&text, chunk, n);
    fclose(f);
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
    if (v.session < 1 || v.session > d->n_sessions) {
        fprintf(stderr, "stipple render: --session must be 1 to %d\n", d->n_sessions);
        free(d);
        return 2;
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
    sim_render_shutdown();
    return rc ? 1 : 0;
}
