/*
 * buf.h — the growable byte string that carries its length (our Blob/sds).
 *
 * A zero-initialised `struct buf` is an empty string. The data is always NUL-terminated after
 * any append, so b.data can be passed where a C string is wanted. The owner calls buf_free.
 */
#ifndef STIPPLE_BUF_H
#define STIPPLE_BUF_H

#include <stddef.h>

struct buf {
    char *data;
    size_t len, cap;
};

/* buf_append adds n bytes of p. */
void buf_append(struct buf *b, const void *p, size_t n);

/* buf_puts adds the C string s. */
void buf_puts(struct buf *b, const char *s);

/* buf_printf adds printf-formatted text. */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* buf_reset empties b but keeps its storage. */
void buf_reset(struct buf *b);

/* buf_free releases b's storage; b is empty afterwards. */
void buf_free(struct buf *b);

/* buf_detach returns b's NUL-terminated data (caller frees) and empties b. */
char *buf_detach(struct buf *b);

#endif
