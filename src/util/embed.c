/*
 * embed.c — looking up embedded files by name (see embed.h).
 */
#include "util/embed.h"

#include <string.h>

const struct embed_file *embed_find(const struct embed_file *files, size_t count, const char *name)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, files[mid].name);
        if (c == 0)
            return &files[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
