/*
 * fuzz_query.c — libFuzzer target for what arrives in a URL: the router (path matching and
 * {id} extraction), the paging parameters (limit and the opaque cursor) and the search words.
 * The input is split at the first two NUL bytes into path, cursor and search text.
 */
#include "domain/search.h"
#include "http/list.h"
#include "http/routes.h"
#include "http/schedctx.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = {0};
    char *text = arena_strndup(&a, (const char *)data, size);
    const char *parts[3] = {"", "", ""};
    size_t off = 0;
    for (int i = 0; i < 3 && off <= size; i++) {
        parts[i] = text + off;
        off += strlen(text + off) + 1;
    }
    struct req rq = {.a = &a};
    const struct route *r;
    char allow[64];
    route_find("GET", parts[0], &rq, &r, allow);
    route_find("PATCH", parts[0], &rq, &r, allow);
    rq.query_k[0] = "cursor";
    rq.query_v[0] = parts[1];
    rq.query_k[1] = "limit";
    rq.query_v[1] = parts[2];
    rq.query_k[2] = "q";
    rq.query_v[2] = parts[2];
    rq.n_query = 3;
    struct list_params lp;
    struct err e = {0};
    if (list_params(&rq, &lp, &e) == 0 && lp.after)
        list_cursor(&rq, lp.after);
    char *words[SEARCH_MAX_WORDS];
    search_query_words(&a, parts[2], words);
    search_client_terms(&a, parts[0], parts[1], parts[2], parts[2]);
    search_like_pattern(&a, parts[2]);
    /* appointment times: local clinic time or RFC 3339 with an offset */
    long long t;
    if (clinic_time_parse(parts[1], "Europe/London", &t) == 0) {
        char local[17];
        clinic_local(t, "Europe/London", local);
    }
    arena_free(&a);
    return 0;
}
