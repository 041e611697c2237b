/*
 * photo.h — client photos through libvips: an upload (JPEG or PNG only, recognised by its first
 * bytes, never by what the caller claims) is decoded with bounded dimensions, turned upright from
 * its EXIF orientation, converted to sRGB, flattened onto white, shrunk to a working size and
 * re-encoded as a JPEG with every piece of metadata (EXIF, GPS, XMP, ICC) dropped, plus a
 * thumbnail. The simulator's background comes from the stored JPEG, decoded to pixels here.
 * Everything happens in memory; nothing here touches files or the network.
 */
#ifndef STIPPLE_IMG_PHOTO_H
#define STIPPLE_IMG_PHOTO_H

#include "util/buf.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>

enum {
    PHOTO_MAX_SIDE = 12000,            /* refused above this many pixels a side */
    PHOTO_MAX_PIXELS = 50000000,       /* or above this many pixels in all (50 MP) */
    PHOTO_KEEP_SIDE = 2400,            /* the stored photo's longest side at most */
    PHOTO_THUMB_SIDE = 320,            /* the thumbnail's longest side */
    PHOTO_MAX_BYTES = 15 * 1024 * 1024 /* the largest upload */
};

struct photo {
    struct buf jpeg, thumb; /* the cleaned photo and its thumbnail, JPEG */
    int width, height;      /* of jpeg */
};

/* photo_init starts libvips for this process (one worker thread per operation, no operation
 * cache, untrusted loaders blocked). Call once before any other photo_ function; returns 0, or -1
 * when libvips cannot start. */
int photo_init(const char *argv0);

/* photo_shutdown frees libvips' process-wide state (if photo_init started it); call once at exit
 * when no thread uses it. photo_init is not thread-safe: call it before starting threads. */
void photo_shutdown(void);

/* photo_clean turns n uploaded bytes into *out (the caller frees out->jpeg and out->thumb with
 * buf_free). Refuses with ERR_INVALID on field "file" anything that is not a readable JPEG or
 * PNG within the limits above — a truncated, corrupt or hostile file included. */
int photo_clean(const void *data, size_t n, struct photo *out, struct err *e);

/* photo_pixels decodes a JPEG or PNG and scales it to cover exactly w × h pixels (centred, the
 * overflow cropped), as cairo RGB24 words 0x00RRGGBB, row after row; *px is malloc'd (the
 * caller frees it). Returns 0, or -1 with e set. */
int photo_pixels(const void *data, size_t n, int w, int h, uint32_t **px, struct err *e);

#endif
