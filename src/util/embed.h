/*
 * embed.h — files compiled into the binary by tools/embed.c: migrations and web assets.
 */
#ifndef STIPPLE_EMBED_H
#define STIPPLE_EMBED_H

#include <stddef.h>

struct embed_file {
    const char *name;          /* path relative to its source folder, e.g. "app.js" */
    const unsigned char *data; /* NUL-terminated */
    size_t len;
    const char *hash;        /* 16 hex digits of a content hash: ETag and cache-busting */
    const unsigned char *gz; /* a gzip copy for text types, or NULL */
    size_t gz_len;
};

/* Sorted by name, ended by an all-zero entry. */
extern const struct embed_file migration_files[];
extern const size_t migration_files_count;
extern const struct embed_file web_files[];
extern const size_t web_files_count;

/* embed_find returns the file called name in files (count entries), or NULL. */
const struct embed_file *embed_find(const struct embed_file *files, size_t count, const char *name);

#endif
