/*
 * zipfile.h — a ZIP archive built in memory with libzip (the client's data export).
 */
#ifndef STIPPLE_DOCS_ZIPFILE_H
#define STIPPLE_DOCS_ZIPFILE_H

#include "util/buf.h"

#include <stddef.h>

struct zipfile;

/* zipfile_new starts an empty archive; NULL when libzip cannot. */
struct zipfile *zipfile_new(void);

/* zipfile_add adds a file called name holding n bytes at data (kept by reference until
 * zipfile_finish: the caller keeps them alive). Returns 0 or -1. */
int zipfile_add(struct zipfile *z, const char *name, const void *data, size_t n);

/* zipfile_finish writes the archive (deflated) to out and frees z. Returns 0 or -1. */
int zipfile_finish(struct zipfile *z, struct buf *out);

#endif
