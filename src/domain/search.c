/*
 * search.c — cutting names, e-mail addresses and phone numbers into search terms.
 */
#include "domain/search.h"

#include <ctype.h>
#include <string.h>

/* Word characters: ASCII letters and digits, and every byte of a multi-byte UTF-8 character. */
static int wordch(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

static char *lower(struct arena *a, const char *s, size_t n)
{
    if (n > SEARCH_MAX_TERM) {
        n = SEARCH_MAX_TERM;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* do not cut a UTF-8 character in half: end before it */
    }
    char *t = arena_strndup(a, s, n);
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return t;
}

struct terms {
    char **v;
    int n, cap;
};

/* Adds term to t unless empty or already there. */
static void add_any(struct arena *a, struct terms *t, char *term)
{
    if (!*term)
        return;
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->v[i], term) == 0)
            return;
    if (t->n + 1 >= t->cap) {
        int cap = t->cap ? t->cap * 2 : 16;
        char **v = arena_alloc(a, sizeof *v * (size_t)cap);
        if (t->n)
            memcpy(v, t->v, sizeof *v * (size_t)t->n);
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = term;
    t->v[t->n] = NULL;
}

/* Adds a client's term, at most SEARCH_MAX_TERMS of them. */
static void add(struct arena *a, struct terms *t, char *term)
{
    if (t->n < SEARCH_MAX_TERMS)
        add_any(a, t, term);
}

static void add_words(struct arena *a, struct terms *t, const char *s)
{
    while (s && *s) {
        while (*s && !wordch((unsigned char)*s))
            s++;
        const char *start = s;
        while (*s && wordch((unsigned char)*s))
            s++;
        if (s > start)
            add(a, t, lower(a, start, (size_t)(s - start)));
    }
}

char **search_client_terms(struct arena *a, const char *first, const char *last, const char *email,
                           const char *phone)
{
    struct terms t = {0};
    add_words(a, &t, first);
    add_words(a, &t, last);
    if (email) {
        add(a, &t, lower(a, email, strlen(email)));
        const char *at = strchr(email, '@');
        if (at)
            add(a, &t, lower(a, email, (size_t)(at - email)));
    }
    if (phone) {
        char digits[SEARCH_MAX_TERM + 1];
        size_t n = 0;
        for (const char *p = phone; *p && n < SEARCH_MAX_TERM; p++)
            if (isdigit((unsigned char)*p))
                digits[n++] = *p;
        digits[n] = 0;
        /* A UK number is also typed in its national form, and often written "+44 (0)7700":
         * keep both 447700… and 07700…, without the bracketed 0. */
        if (phone[0] == '+' && strncmp(digits, "44", 2) == 0 && n > 2) {
            const char *national = digits[2] == '0' ? digits + 3 : digits + 2;
            add(a, &t, arena_printf(a, "44%s", national));
            add(a, &t, arena_printf(a, "0%s", national));
        } else
            add(a, &t, arena_strdup(a, digits));
    }
    if (!t.v)
        t.v = arena_alloc(a, sizeof *t.v);
    return t.v;
}

int search_query_words(struct arena *a, const char *q, char *words[SEARCH_MAX_WORDS])
{
    int n = 0;
    /* A query that is only a phone number ("07700 900 123") is one word of its digits. */
    size_t len = q ? strlen(q) : 0, digits = 0;
    for (size_t i = 0; i < len; i++)
        digits += isdigit((unsigned char)q[i]) != 0;
    if (digits >= 6 && strspn(q, "0123456789+-.() ") == len) {
        char *w = arena_alloc(a, digits + 1), *d = w;
        for (const char *p = q; *p && d - w < SEARCH_MAX_TERM; p++)
            if (isdigit((unsigned char)*p))
                *d++ = *p;
        words[0] = w;
        return 1;
    }
    while (q && *q && n < SEARCH_MAX_WORDS) {
        while (*q && isspace((unsigned char)*q))
            q++;
        const char *start = q;
        while (*q && !isspace((unsigned char)*q))
            q++;
        if (q == start)
            break;
        /* Keep e-mail addresses whole; strip other punctuation at the ends of a word. */
        const char *s = start, *e = q;
        if (!memchr(s, '@', (size_t)(e - s))) {
            while (s < e && !wordch((unsigned char)*s) && *s != '+')
                s++;
            while (e > s && !wordch((unsigned char)e[-1]))
                e--;
        }
        if (e == s)
            continue;
        char *w = lower(a, s, (size_t)(e - s));
        /* A phone number typed with separators searches by its digits. */
        size_t wdigits = 0;
        for (char *p = w; *p; p++)
            wdigits += isdigit((unsigned char)*p) != 0;
        if (wdigits >= 3 && strspn(w, "0123456789+-.() ") == strlen(w)) {
            char *d = w;
            for (char *p = w; *p; p++)
                if (isdigit((unsigned char)*p))
                    *d++ = *p;
            *d = 0;
            words[n++] = w;
            continue;
        }
        if (strchr(w, '@')) {
            words[n++] = w;
            continue;
        }
        /* Names are stored word by word ("Jo-Anne O'Brien": jo, anne, o, brien), so a name typed
         * with its punctuation is split the same way; dots and underscores stay, as in the
         * start of an e-mail address. */
        for (char *p = w; *p && n < SEARCH_MAX_WORDS;) {
            while (*p && !wordch((unsigned char)*p) && !strchr("._+", *p))
                p++;
            char *from = p;
            while (*p && (wordch((unsigned char)*p) || strchr("._+", *p)))
                p++;
            if (p > from)
                words[n++] = arena_strndup(a, from, (size_t)(p - from));
        }
    }
    return n;
}

char *search_sort_key(struct arena *a, const char *first, const char *last)
{
    char *k = arena_printf(a, "%s %s", last ? last : "", first ? first : "");
    for (char *p = k; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return k;
}

char *search_fold(struct arena *a, const char *s)
{
    if (!s)
        return NULL;
    char *k = arena_strdup(a, s);
    for (char *p = k; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return k;
}

char *search_like_pattern(struct arena *a, const char *q)
{
    size_t n = strlen(q);
    char *pat = arena_alloc(a, 2 * n + 3), *d = pat;
    *d++ = '%';
    for (const char *p = q; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            *d++ = '\\';
        *d++ = (char)tolower((unsigned char)*p);
    }
    *d++ = '%';
    *d = 0;
    return pat;
}

/* Bytes of the first n UTF-8 characters of s. */
static size_t char_bytes(const char *s, int n)
{
    size_t i = 0;
    while (s[i] && n > 0) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}

char *search_prefix(struct arena *a, const char *w, int *whole)
{
    size_t n = char_bytes(w, SEARCH_PREFIX);
    *whole = w[n] == 0;
    return arena_strndup(a, w, n);
}

char **search_prefixes(struct arena *a, char **terms)
{
    struct terms t = {0};
    for (char **term = terms; *term; term++)
        for (int k = 1; k <= SEARCH_PREFIX; k++) {
            size_t n = char_bytes(*term, k);
            if (k > 1 && n == char_bytes(*term, k - 1))
                break;
            add_any(a, &t, arena_strndup(a, *term, n));
        }
    if (!t.v)
        t.v = arena_alloc(a, sizeof *t.v);
    return t.v;
}
