/*
 * router.c — matching a method and path against the route table (see routes.h).
 *
 * The table is small (tens of routes), so a linear scan over pre-split patterns is both the
 * simplest and, measured, faster than the hashing it would need.
 */
#include "http/routes.h"

#include <string.h>

/* Matches one pattern against path; fills rq->params when rq is not NULL. */
static bool match(const char *pattern, const char *path, struct req *rq)
{
    int n = 0;
    while (*pattern && *path) {
        if (*pattern == '{') {
            /* {id} takes the digits (so "{id}.pdf" works); other names the whole segment */
            bool digits = strncmp(pattern, "{id}", 4) == 0;
            const char *end = strchr(path, '/');
            size_t len = digits ? strspn(path, "0123456789")
                         : end  ? (size_t)(end - path)
                                : strlen(path);
            if (len == 0 || (digits && (len > 18 || path[0] == '0')))
                return false;
            if (rq && n < REQ_MAX_PARAMS)
                rq->params[n] = arena_strndup(rq->a, path, len);
            n++;
            pattern = strchr(pattern, '}') + 1;
            path += len;
            continue;
        }
        if (*pattern++ != *path++)
            return false;
    }
    if (*pattern || *path)
        return false;
    if (rq)
        rq->n_params = n;
    return true;
}

enum route_match route_find(const char *method, const char *path, struct req *rq,
                            const struct route **out, char allow[64])
{
    bool path_found = false;
    allow[0] = 0;
    for (size_t i = 0; i < routes_count; i++) {
        if (!match(routes[i].pattern, path, NULL))
            continue;
        if (strcmp(routes[i].method, method) == 0) {
            match(routes[i].pattern, path, rq);
            *out = &routes[i];
            return ROUTE_FOUND;
        }
        path_found = true;
        if (strlen(allow) + strlen(routes[i].method) + 3 < 64) {
            if (allow[0])
                strcat(allow, ", ");
            strcat(allow, routes[i].method);
        }
    }
    return path_found ? ROUTE_NO_METHOD : ROUTE_NO_PATH;
}

size_t route_index(const struct route *r)
{
    return (size_t)(r - routes);
}

void route_roles_text(const struct route *r, char out[64])
{
    static const enum role order[] = {ROLE_OWNER, ROLE_MANAGER, ROLE_PRACTITIONER, ROLE_RECEPTION,
                                      ROLE_CLIENT};
    if (!r->roles) {
        strcpy(out, "public");
        return;
    }
    out[0] = 0;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (!(r->roles & order[i]))
            continue;
        if (out[0])
            strcat(out, ",");
        strcat(out, role_name(order[i]));
    }
}
