/*
 * zipfile.c — ZIP archives in memory through libzip (see zipfile.h): the archive is written into
 * a libzip buffer source, which is read back once the archive is closed.
 */
#include "docs/zipfile.h"

#include <stdlib.h>
#include <zip.h>

struct zipfile {
    zip_source_t *src;
    zip_t *za;
};

struct zipfile *zipfile_new(void)
{
    zip_error_t ze;
    zip_error_init(&ze);
    struct zipfile *z = calloc(1, sizeof *z);
    if (!z || !(z->src = zip_source_buffer_create(NULL, 0, 0, &ze))) {
        free(z);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_source_keep(z->src); /* it outlives the archive: the bytes are read from it after */
    if (!(z->za = zip_open_from_source(z->src, ZIP_TRUNCATE, &ze))) {
        zip_source_free(z->src);
        zip_source_free(z->src);
        free(z);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_error_fini(&ze);
    return z;
}

int zipfile_add(struct zipfile *z, const char *name, const void *data, size_t n)
{
    zip_source_t *s = zip_source_buffer(z->za, data, n, 0);
    if (!s)
        return -1;
    if (zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
        zip_source_free(s);
        return -1;
    }
    return 0;
}

int zipfile_finish(struct zipfile *z, struct buf *out)
{
    int rc = zip_close(z->za) == 0 ? 0 : -1;
    if (rc < 0)
        zip_discard(z->za);
    zip_stat_t st;
    if (rc == 0 && (zip_source_stat(z->src, &st) < 0 || zip_source_open(z->src) < 0))
        rc = -1;
    if (rc == 0) {
        char chunk[65536];
        zip_int64_t got;
        while ((got = zip_source_read(z->src, chunk, sizeof chunk)) > 0)
            buf_append(out, chunk, (size_t)got);
        rc = got < 0 ? -1 : 0;
        zip_source_close(z->src);
    }
    zip_source_free(z->src);
    free(z);
    return rc;
}
