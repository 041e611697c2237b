/*
 * fuzz_photo.c — libFuzzer target for the photo decoder path (src/img/photo.c, libvips): any
 * bytes must end in a cleaned photo within the promised size, or a refusal naming "file" —
 * never a crash, a hang or an oversized allocation. The first call warms libvips' one-time
 * state so the leak checker sees only what an input leaves behind.
 */
#include "img/photo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    if (photo_init((*argv)[0]) < 0)
        abort();
    static const uint8_t png1x1[] = {
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
        0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00,
        0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78,
        0x9c, 0x63, 0x60, 0x60, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0xf6, 0x17, 0x38,
        0x55, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};
    struct photo p;
    struct err e;
    if (photo_clean(png1x1, sizeof png1x1, &p, &e) == 0) {
        buf_free(&p.jpeg);
        buf_free(&p.thumb);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct photo p;
    struct err e = {0};
    if (photo_clean(data, size, &p, &e) == 0) {
        if (p.width < 1 || p.height < 1 || p.width > PHOTO_KEEP_SIDE ||
            p.height > PHOTO_KEEP_SIDE || p.jpeg.len < 3 || p.thumb.len < 3)
            abort(); /* the decoder's promise */
        uint32_t *px;
        if (photo_pixels(p.jpeg.data, p.jpeg.len, 40, 30, &px, &e) < 0)
            abort(); /* a cleaned photo always draws */
        free(px);
        buf_free(&p.jpeg);
        buf_free(&p.thumb);
    } else if (strcmp(e.field, "file") != 0)
        abort();
    return 0;
}
