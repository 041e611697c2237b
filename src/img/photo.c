/*
 * photo.c — client photos through libvips (see photo.h). Only the JPEG and PNG loaders are ever
 * called, chosen by the file's signature, so no other libvips loader (SVG, PDF, ImageMagick, …)
 * can be reached by an upload. Dimensions are checked from the header before any pixel is
 * decoded, so a small file claiming a huge image costs nothing.
 */
#include "img/photo.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

enum kind { UNKNOWN, JPEG, PNG };

static enum kind sniff(const unsigned char *p, size_t n)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
        return JPEG;
    if (n >= 8 && memcmp(p, png, 8) == 0)
        return PNG;
    return UNKNOWN;
}

static bool started;

int photo_init(const char *argv0)
{
    if (started)
        return 0;
    if (VIPS_INIT(argv0 ? argv0 : "stipple"))
        return -1;
    started = true;
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_block_untrusted_set(TRUE);
    return 0;
}

void photo_shutdown(void)
{
    if (started)
        vips_shutdown();
    started = false;
}

/* The images of one operation, unreferenced together. */
struct chain {
    VipsImage *im[8];
    int n;
};

static VipsImage *keep(struct chain *c, VipsImage *im)
{
    if (im && c->n < 8)
        c->im[c->n++] = im;
    return im;
}

static void drop(struct chain *c)
{
    while (c->n > 0)
        g_object_unref(c->im[--c->n]);
}

static int refuse(struct chain *c, struct err *e, const char *why)
{
    drop(c);
    vips_error_clear();
    return err_set(e, ERR_INVALID, "file", "%s", why);
}

/* Loads data (JPEG or PNG by signature) lazily and checks its size; returns the image upright,
 * sRGB, 8-bit, without alpha (flattened onto white), or NULL with e set. */
static VipsImage *load(struct chain *c, const void *data, size_t n, struct err *e)
{
    VipsImage *im = NULL, *t = NULL;
    enum kind k = sniff(data, n);
    if (k == UNKNOWN) {
        refuse(c, e, "the file is not a JPEG or PNG image");
        return NULL;
    }
    int rc =
        k == JPEG
            ? vips_jpegload_buffer((void *)data, n, &im, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)
            : vips_pngload_buffer((void *)data, n, &im, "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL);
    if (rc || !keep(c, im)) {
        refuse(c, e, "the image cannot be read (damaged or not really a JPEG/PNG)");
        return NULL;
    }
    int w = vips_image_get_width(im), h = vips_image_get_height(im);
    if (w < 1 || h < 1 || w > PHOTO_MAX_SIDE || h > PHOTO_MAX_SIDE ||
        (long long)w * h > PHOTO_MAX_PIXELS) {
        refuse(c, e, "the image is too large (at most 50 megapixels, 12000 pixels a side)");
        return NULL;
    }
    if (vips_autorot(im, &t, NULL) || !keep(c, im = t) ||
        vips_colourspace(im, &t, VIPS_INTERPRETATION_sRGB, NULL) || !keep(c, im = t)) {
        refuse(c, e, "the image's colours cannot be read");
        return NULL;
    }
    if (vips_image_hasalpha(im)) {
        VipsArrayDouble *white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
        rc = vips_flatten(im, &t, "background", white, NULL);
        vips_area_unref(VIPS_AREA(white));
        if (rc || !keep(c, im = t)) {
            refuse(c, e, "the image's transparency cannot be flattened");
            return NULL;
        }
    }
    if (vips_cast_uchar(im, &t, NULL) || !keep(c, im = t)) {
        refuse(c, e, "the image cannot be converted");
        return NULL;
    }
    return im;
}

/* Shrinks im to at most side pixels a side and appends it to out as a metadata-free JPEG. */
static int save(struct chain *c, VipsImage *im, int side, struct buf *out, int *w, int *h)
{
    VipsImage *t = NULL;
    void *bytes = NULL;
    size_t len = 0;
    if (vips_thumbnail_image(im, &t, side, "height", side, "size", VIPS_SIZE_DOWN, NULL) ||
        !keep(c, t) || vips_jpegsave_buffer(t, &bytes, &len, "Q", 85, "strip", TRUE, NULL))
        return -1;
    buf_append(out, bytes, len);
    g_free(bytes);
    if (w)
        *w = vips_image_get_width(t);
    if (h)
        *h = vips_image_get_height(t);
    return 0;
}

int photo_clean(const void *data, size_t n, struct photo *out, struct err *e)
{
    struct chain c = {0};
    memset(out, 0, sizeof *out);
    if (n > PHOTO_MAX_BYTES)
        return err_set(e, ERR_INVALID, "file", "the file is larger than 15 MB");
    VipsImage *im = load(&c, data, n, e);
    if (!im)
        return -1;
    if (save(&c, im, PHOTO_KEEP_SIDE, &out->jpeg, &out->width, &out->height) < 0 ||
        save(&c, im, PHOTO_THUMB_SIDE, &out->thumb, NULL, NULL) < 0) {
        buf_free(&out->jpeg);
        buf_free(&out->thumb);
        return refuse(&c, e, "the image cannot be read (damaged or not really a JPEG/PNG)");
    }
    drop(&c);
    return 0;
}

int photo_pixels(const void *data, size_t n, int w, int h, uint32_t **px, struct err *e)
{
    struct chain c = {0};
    *px = NULL;
    VipsImage *im = load(&c, data, n, e), *t = NULL;
    if (!im)
        return -1;
    size_t size = 0;
    unsigned char *rgb = NULL;
    if (vips_thumbnail_image(im, &t, w, "height", h, "crop", VIPS_INTERESTING_CENTRE, "size",
                             VIPS_SIZE_FORCE, NULL) ||
        !keep(&c, t) || vips_image_get_width(t) != w || vips_image_get_height(t) != h ||
        vips_image_get_bands(t) != 3 || !(rgb = vips_image_write_to_memory(t, &size)) ||
        size != (size_t)w * (size_t)h * 3) {
        g_free(rgb);
        return refuse(&c, e, "the photo cannot be drawn");
    }
    uint32_t *out = malloc(sizeof *out * (size_t)w * (size_t)h);
    if (!out) {
        g_free(rgb);
        return refuse(&c, e, "out of memory drawing the photo");
    }
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++)
        out[i] = (uint32_t)rgb[3 * i] << 16 | (uint32_t)rgb[3 * i + 1] << 8 | rgb[3 * i + 2];
    g_free(rgb);
    drop(&c);
    *px = out;
    return 0;
}
