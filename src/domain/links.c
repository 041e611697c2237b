/*
 * links.c — hiding link tokens in message texts (see links.h). Pure: no I/O, no allocation.
 */
#include "domain/links.h"

#include <string.h>

static int url_safe(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

char *links_hide_tokens(char *s)
{
    static const char hidden[] = "\xe2\x80\xa6"; /* … */
    char *w = s;
    for (const char *r = s; *r;) {
        if (r[0] == '/' && strchr("pqb", r[1]) && r[1] && r[2] == '_') {
            size_t n = 0;
            while (url_safe(r[3 + n]))
                n++;
            if (n >= 20) {
                memmove(w, r, 3);
                memcpy(w + 3, hidden, 3);
                w += 6;
                r += 3 + n;
                continue;
            }
        }
        *w++ = *r++;
    }
    *w = 0;
    return s;
}
