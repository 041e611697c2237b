/*
 * search.h — how client search text is cut into terms.
 *
 * A client is found by the start of any word of the first or last name, the whole e-mail
 * address or its local part, or the phone's digits. Both the stored terms and a query are
 * lower-cased (ASCII) and split the same way, so `smi` finds "Smith" and "Jo-Anne Smithson".
 */
#ifndef STIPPLE_SEARCH_H
#define STIPPLE_SEARCH_H

#include "util/mem.h"

/* At most SEARCH_MAX_TERMS terms are kept per client: a search reads up to that many index
 * rows per client it shows, so the bound keeps a page's cost fixed. */
enum { SEARCH_MAX_WORDS = 4, SEARCH_MAX_TERM = 64, SEARCH_MAX_TERMS = 16 };

/* Every term's first 1…SEARCH_PREFIX characters are kept as prefixes, so that a query word of
 * up to that many characters is found by an exact, ordered index lookup. */
enum { SEARCH_PREFIX = 5 };

/* search_client_terms returns the distinct terms (at most SEARCH_MAX_TERMS) of a client
 * (NULL-terminated array, in a), from the names, email and phone (each may be NULL). */
char **search_client_terms(struct arena *a, const char *first, const char *last, const char *email,
                           const char *phone);

/* search_prefixes returns the distinct prefixes of 1…SEARCH_PREFIX characters of terms
 * (NULL-terminated, in a). */
char **search_prefixes(struct arena *a, char **terms);

/* search_prefix returns the first SEARCH_PREFIX characters of w (in a), and sets *whole when
 * that is all of w. */
char *search_prefix(struct arena *a, const char *w, int *whole);

/* search_query_words splits q into at most SEARCH_MAX_WORDS normalised words (in a) and returns
 * their count; 0 for a blank query. */
int search_query_words(struct arena *a, const char *q, char *words[SEARCH_MAX_WORDS]);

/* search_sort_key returns the key clients sort by: "last first" lower-cased (in a). */
char *search_sort_key(struct arena *a, const char *first, const char *last);

/* search_fold returns s lower-cased (ASCII letters) in a; NULL gives NULL. */
char *search_fold(struct arena *a, const char *s);

/* search_like_pattern returns "%q%" for SQL LIKE … ESCAPE '\\', q folded and its %, _ and \\
 * escaped (in a). */
char *search_like_pattern(struct arena *a, const char *q);

#endif
