/*
 * test_router.c — the route table and the router over it (http/routes.h): every route in the
 * table is reachable by its own method and path, with its {id} or {name} handed to the handler;
 * an unknown path is a 404 and a known path with another method a 405 that lists the allowed
 * methods; {id} takes only positive decimal ids; the table stays sorted, free of duplicates and
 * closed to anonymous callers everywhere under /api/v1/ except login.
 */
#include "http/routes.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

/* Writes pattern with {id} replaced by id and {name} or {token} by name into out; returns the
 * number of placeholders. */
static int fill(const char *pattern, const char *id, const char *name, char *out, size_t size)
{
    int n = 0;
    out[0] = 0;
    for (const char *p = pattern; *p;) {
        size_t len = strlen(out);
        assert_true(len + 32 < size);
        if (strncmp(p, "{id}", 4) == 0) {
            strcat(out, id);
            p += 4;
            n++;
        } else if (strncmp(p, "{name}", 6) == 0 || strncmp(p, "{token}", 7) == 0) {
            strcat(out, name);
            p += p[1] == 'n' ? 6 : 7;
            n++;
        } else {
            assert_int_not_equal(*p, '{'); /* a placeholder this test does not know */
            out[len] = *p++;
            out[len + 1] = 0;
        }
    }
    return n;
}

struct found {
    enum route_match m;
    const struct route *r;
    char allow[64];
    int n_params;
    char param0[64];
};

/* Runs route_find with a fresh arena and copies what the caller needs out of it. */
static struct found find(const char *method, const char *path)
{
    struct arena a = {0};
    struct req rq = {.a = &a};
    struct found f = {0};
    memset(f.allow, 'x', sizeof f.allow - 1);
    f.m = route_find(method, path, &rq, &f.r, f.allow);
    if (f.m == ROUTE_FOUND) {
        f.n_params = rq.n_params;
        if (rq.n_params > 0)
            snprintf(f.param0, sizeof f.param0, "%s", rq.params[0]);
    }
    arena_free(&a);
    return f;
}

static void test_every_route_is_found(void **state)
{
    (void)state;
    assert_true(routes_count > 0);
    for (size_t i = 0; i < routes_count; i++) {
        char path[256];
        int n = fill(routes[i].pattern, "42", "app.js", path, sizeof path);
        struct found f = find(routes[i].method, path);
        if (f.m != ROUTE_FOUND || f.r != &routes[i])
            fail_msg("%s %s (as %s) does not find its route", routes[i].method, routes[i].pattern,
                     path);
        assert_int_equal(route_index(f.r), i);
        assert_int_equal(f.n_params, n);
        if (n)
            assert_string_equal(f.param0, strstr(routes[i].pattern, "{id}") ? "42" : "app.js");
        assert_non_null(routes[i].fn);
    }
}

static void test_unknown_path(void **state)
{
    (void)state;
    static const char *const paths[] = {
        "",
        "/nope",
        "/api/v1",
        "/api/v1/",
        "/api/v1/clients/",
        "/api/v1/clients/42/",
        "/api/v1/clients/42/notes",
        "/api/v1/clientsx",
        "/API/V1/CLIENTS",
        "/assets/",
        "/assets/css/app.css",
        "//",
        "/healthz/",
    };
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        struct found f = find("GET", paths[i]);
        if (f.m != ROUTE_NO_PATH)
            fail_msg("GET \"%s\" should be an unknown path (got %d)", paths[i], f.m);
        assert_string_equal(f.allow, "");
    }
}

static void test_wrong_method_lists_allowed(void **state)
{
    (void)state;
    struct found f = find("PUT", "/api/v1/clients/42");
    assert_int_equal(f.m, ROUTE_NO_METHOD);
    assert_string_equal(f.allow, "DELETE, GET, PATCH");
    f = find("DELETE", "/api/v1/clients");
    assert_int_equal(f.m, ROUTE_NO_METHOD);
    assert_string_equal(f.allow, "GET, POST");
    f = find("GET", "/api/v1/login");
    assert_int_equal(f.m, ROUTE_NO_METHOD);
    assert_string_equal(f.allow, "POST");
    f = find("get", "/healthz"); /* methods are case-sensitive */
    assert_int_equal(f.m, ROUTE_NO_METHOD);
    assert_string_equal(f.allow, "GET");

    /* For every path in the table, an unused method gets exactly that path's methods. */
    for (size_t i = 0; i < routes_count; i++) {
        char path[256], want[64] = "";
        fill(routes[i].pattern, "7", "x.css", path, sizeof path);
        for (size_t j = 0; j < routes_count; j++) {
            if (strcmp(routes[j].pattern, routes[i].pattern) != 0)
                continue;
            if (want[0])
                strcat(want, ", ");
            strcat(want, routes[j].method);
        }
        f = find("TRACE", path);
        assert_int_equal(f.m, ROUTE_NO_METHOD);
        assert_string_equal(f.allow, want);
    }
}

static void test_id_takes_only_positive_ids(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "abc", "0",   "01",  "-1", "+1",
        "4a2", "1.5", "1e3", " 1", "1234567890123456789" /* 19 digits */};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char path[64];
        snprintf(path, sizeof path, "/api/v1/clients/%s", bad[i]);
        struct found f = find("GET", path);
        if (f.m != ROUTE_NO_PATH)
            fail_msg("{id} matched \"%s\"", bad[i]);
    }
    struct found f = find("GET", "/api/v1/clients/123456789012345678"); /* 18 digits */
    assert_int_equal(f.m, ROUTE_FOUND);
    assert_string_equal(f.param0, "123456789012345678");
    f = find("GET", "/api/v1/clients/9");
    assert_int_equal(f.m, ROUTE_FOUND);
    assert_string_equal(f.param0, "9");
    f = find("PATCH", "/api/v1/practitioners/10");
    assert_int_equal(f.m, ROUTE_FOUND);
    assert_string_equal(f.r->pattern, "/api/v1/practitioners/{id}");
    assert_string_equal(f.param0, "10");
}

static void test_table_sorted_without_duplicates(void **state)
{
    (void)state;
    for (size_t i = 1; i < routes_count; i++) {
        int c = strcmp(routes[i - 1].pattern, routes[i].pattern);
        if (c == 0)
            c = strcmp(routes[i - 1].method, routes[i].method);
        if (c >= 0)
            fail_msg("routes[%zu] %s %s is not after %s %s", i, routes[i].method, routes[i].pattern,
                     routes[i - 1].method, routes[i - 1].pattern);
    }
}

static void test_api_routes_not_public(void **state)
{
    (void)state;
    int public_api = 0;
    for (size_t i = 0; i < routes_count; i++) {
        const struct route *r = &routes[i];
        if (strncmp(r->pattern, "/api/v1/", 8) != 0)
            continue;
        /* public: signing in, and the client's quote link (its secret token is the key) */
        if ((strcmp(r->method, "POST") == 0 && strcmp(r->pattern, "/api/v1/login") == 0) ||
            strncmp(r->pattern, "/api/v1/shared/quotes/{token}", 29) == 0 ||
            strncmp(r->pattern, "/api/v1/public/", 15) == 0 ||
            !strcmp(r->pattern, "/api/v1/portal/link") ||
            !strcmp(r->pattern, "/api/v1/portal/session")) {
            assert_int_equal(r->roles, 0);
            public_api++;
            continue;
        }
        if (r->roles == 0)
            fail_msg("%s %s is open to anonymous callers", r->method, r->pattern);
    }
    assert_int_equal(public_api, 15);
}

static void test_bodies_match_methods(void **state)
{
    (void)state;
    for (size_t i = 0; i < routes_count; i++) {
        const struct route *r = &routes[i];
        bool bodiless = strcmp(r->method, "GET") == 0 || strcmp(r->method, "DELETE") == 0;
        bool body = r->flags & (ROUTE_BODY | ROUTE_FILE);
        if (body && (r->body_limit == 0 || bodiless))
            fail_msg("%s %s takes a body it cannot receive", r->method, r->pattern);
        if (!body && r->body_limit != 0)
            fail_msg("%s %s has a body limit but takes no body", r->method, r->pattern);
    }
}

static void roles_are(const char *method, const char *path, const char *want)
{
    struct found f = find(method, path);
    assert_int_equal(f.m, ROUTE_FOUND);
    char out[64];
    memset(out, 'x', sizeof out);
    route_roles_text(f.r, out);
    assert_string_equal(out, want);
}

static void test_roles_text(void **state)
{
    (void)state;
    roles_are("GET", "/", "public");
    roles_are("POST", "/api/v1/login", "public");
    roles_are("DELETE", "/api/v1/clinics/3", "owner");
    roles_are("GET", "/api/v1/audit", "owner,manager");
    roles_are("GET", "/api/v1/clients", "owner,manager,practitioner,reception");
    struct route r = {.roles = ROLE_MANAGER | ROLE_RECEPTION};
    char out[64];
    route_roles_text(&r, out);
    assert_string_equal(out, "manager,reception");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_is_found),
        cmocka_unit_test(test_unknown_path),
        cmocka_unit_test(test_wrong_method_lists_allowed),
        cmocka_unit_test(test_id_takes_only_positive_ids),
        cmocka_unit_test(test_table_sorted_without_duplicates),
        cmocka_unit_test(test_api_routes_not_public),
        cmocka_unit_test(test_bodies_match_methods),
        cmocka_unit_test(test_roles_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
