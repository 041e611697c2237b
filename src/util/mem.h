/*
 * mem.h — allocation that never returns NULL, and the per-request arena.
 *
 * xmalloc and friends abort the process on out-of-memory, so no caller carries a NULL check that
 * is never tested. An arena hands out memory that lives until arena_free: every string a request
 * decodes, loads or builds comes from its arena, and is released in one go when the request ends.
 */
#ifndef STIPPLE_MEM_H
#define STIPPLE_MEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

struct arena_chunk;
struct arena {
    struct arena_chunk *head;
};

/* arena_alloc returns n zeroed bytes, aligned for any type, owned by a. */
void *arena_alloc(struct arena *a, size_t n);

/* arena_strdup copies s (NULL gives NULL) into a. */
char *arena_strdup(struct arena *a, const char *s);

/* arena_strndup copies n bytes of s plus a terminating NUL into a. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* arena_printf formats into a new string owned by a. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* arena_free releases every allocation of a; a is empty and reusable afterwards. */
void arena_free(struct arena *a);

#endif
