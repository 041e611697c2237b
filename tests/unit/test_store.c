/*
 * test_store.c — the store on SQLite in memory (the store_* modules over db.h): migrations,
 * clinics, practitioners, clients and their search, staff users, sessions and their timeouts, API
 * tokens, login throttling records, the audit log, transactions and backups. Each test gets a
 * fresh, migrated database, and checks what a user would see through the API: what is found, in
 * which order, what is refused and with which field named.
 */
#include "domain/search.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_migrate.h"
#include "store/store_portal.h"
#include "store/store_practitioner.h"
#include "store/store_user.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { NOW = 1795306242 }; /* 2026-11-22T00:10:42Z */

struct fx {
    struct db *db;
    struct arena a;
    struct err e;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    int applied = -1;
    if (db_open("sqlite::memory:", NULL, &f->db, &f->e) < 0 ||
        store_migrate(f->db, &applied, &f->e) < 0) {
        fprintf(stderr, "setup: %s\n", f->e.msg);
        db_close(f->db);
        free(f);
        return -1;
    }
    if (applied != store_latest_version()) {
        fprintf(stderr, "setup: a new database applied %d of %d migrations\n", applied,
                store_latest_version());
        db_close(f->db);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    db_close(f->db);
    arena_free(&f->a);
    free(f);
    return 0;
}

/* Fails the test with the store's message when rc is not 0. */
#define OK(f, call)                                                                                \
    do {                                                                                           \
        if ((call) != 0)                                                                           \
            fail_msg("%s failed: %s (field \"%s\")", #call, (f)->e.msg, (f)->e.field);             \
    } while (0)

/* Expects call to fail with code and field ("" for none). */
#define FAILS(f, call, want_code, want_field)                                                      \
    do {                                                                                           \
        err_clear(&(f)->e);                                                                        \
        if ((call) != -1)                                                                          \
            fail_msg("%s succeeded", #call);                                                       \
        if ((f)->e.code != (want_code))                                                            \
            fail_msg("%s: code %s, expected %s (%s)", #call, err_code_name((f)->e.code),           \
                     err_code_name(want_code), (f)->e.msg);                                        \
        assert_string_equal((f)->e.field, want_field);                                             \
    } while (0)

static long long add_clinic(struct fx *f, const char *name)
{
    struct clinic c = {
        .name = (char *)name, .timezone = "Europe/London", .currency = "GBP", .city = "London"};
    OK(f, store_clinic_add(f->db, &f->a, &c, NOW, &f->e));
    assert_true(c.id > 0);
    return c.id;
}

static long long add_client(struct fx *f, const char *first, const char *last, const char *email,
                            const char *phone, long long clinic_id)
{
    struct client c = {.first_name = (char *)first,
                       .last_name = (char *)last,
                       .email = (char *)email,
                       .phone = (char *)phone,
                       .clinic_id = clinic_id};
    OK(f, store_client_add(f->db, &f->a, &c, NOW, &f->e));
    assert_true(c.id > 0);
    return c.id;
}

static long long add_user(struct fx *f, const char *email, enum role role)
{
    struct user u = {.email = (char *)email, .name = "Staff Member", .role = role};
    OK(f, store_user_add(f->db, &u, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", NOW, &f->e));
    assert_true(u.id > 0);
    return u.id;
}

/* ---- migrations ------------------------------------------------------------------------- */

static void test_migrate_idempotent(void **state)
{
    struct fx *f = *state;
    assert_true(store_latest_version() >= 1);
    assert_int_equal(store_schema_version(f->db, &f->e), store_latest_version());
    int applied = -1;
    OK(f, store_migrate(f->db, &applied, &f->e));
    assert_int_equal(applied, 0);
    assert_int_equal(store_schema_version(f->db, &f->e), store_latest_version());
}

static void test_migrate_refuses_newer_database(void **state)
{
    struct fx *f = *state;
    struct db_val p[] = {DB_INT(store_latest_version() + 1), DB_TEXT("9999_future.sql"),
                         DB_INT(NOW)};
    OK(f, db_exec(f->db,
                  "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                  p, 3, NULL, &f->e));
    FAILS(f, store_migrate(f->db, NULL, &f->e), ERR_CONFLICT, "db");
}

/* ---- clinics ---------------------------------------------------------------------------- */

static void test_clinic_add_get_update(void **state)
{
    struct fx *f = *state;
    struct clinic c = {.name = "Stipple Soho",
                       .address = "1 Dean St\nLondon W1",
                       .timezone = "Europe/London",
                       .currency = "GBP",
                       .price_uplift_pct = 15};
    OK(f, store_clinic_add(f->db, &f->a, &c, NOW, &f->e));
    assert_true(c.id > 0);
    assert_int_equal(c.created_at, NOW);
    assert_int_equal(c.updated_at, NOW);

    struct clinic g = {0};
    OK(f, store_clinic_get(f->db, &f->a, c.id, &g, &f->e));
    assert_int_equal(g.id, c.id);
    assert_string_equal(g.name, "Stipple Soho");
    assert_null(g.city);
    assert_string_equal(g.address, "1 Dean St\nLondon W1");
    assert_string_equal(g.timezone, "Europe/London");
    assert_string_equal(g.currency, "GBP");
    assert_int_equal(g.price_uplift_pct, 15);
    assert_int_equal(g.created_at, NOW);

    g.name = "Stipple Dublin";
    g.city = "Dublin";
    g.timezone = "Europe/Dublin";
    g.currency = "EUR";
    g.price_uplift_pct = 0;
    OK(f, store_clinic_update(f->db, &f->a, &g, NOW + 60, &f->e));
    struct clinic h = {0};
    OK(f, store_clinic_get(f->db, &f->a, c.id, &h, &f->e));
    assert_string_equal(h.name, "Stipple Dublin");
    assert_string_equal(h.city, "Dublin");
    assert_string_equal(h.timezone, "Europe/Dublin");
    assert_string_equal(h.currency, "EUR");
    assert_int_equal(h.price_uplift_pct, 0);
    assert_int_equal(h.created_at, NOW);
    assert_int_equal(h.updated_at, NOW + 60);

    FAILS(f, store_clinic_get(f->db, &f->a, c.id + 100, &h, &f->e), ERR_NOT_FOUND, "");
    h.id = c.id + 100;
    FAILS(f, store_clinic_update(f->db, &f->a, &h, NOW, &f->e), ERR_NOT_FOUND, "");
}

/* Lists clinics whose name contains q into names (joined by "|"). */
static void clinic_names(struct fx *f, const char *q, char *out, size_t size)
{
    struct clinic *items;
    int n;
    struct cursor next;
    OK(f, store_clinic_list(f->db, &f->a, q, NULL, 100, &items, &n, &next, &f->e));
    assert_null(next.key);
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        assert_true(strlen(out) + strlen(items[i].name) + 2 < size);
        if (i)
            strcat(out, "|");
        strcat(out, items[i].name);
    }
}

static void test_clinic_list_order_and_filter(void **state)
{
    struct fx *f = *state;
    add_clinic(f, "Zeta Clinic");
    add_clinic(f, "alpha clinic");
    add_clinic(f, "Gamma");
    add_clinic(f, "Beta");
    add_clinic(f, "100% Scalp");
    add_clinic(f, "Under_score");
    char names[256];
    clinic_names(f, NULL, names, sizeof names);
    assert_string_equal(names, "100% Scalp|alpha clinic|Beta|Gamma|Under_score|Zeta Clinic");
    clinic_names(f, "CLINIC", names, sizeof names);
    assert_string_equal(names, "alpha clinic|Zeta Clinic");
    clinic_names(f, "et", names, sizeof names);
    assert_string_equal(names, "Beta|Zeta Clinic");
    /* LIKE wildcards in q are plain characters */
    clinic_names(f, "%", names, sizeof names);
    assert_string_equal(names, "100% Scalp");
    clinic_names(f, "_", names, sizeof names);
    assert_string_equal(names, "Under_score");
    clinic_names(f, "nothing like it", names, sizeof names);
    assert_string_equal(names, "");
}

static void test_clinic_paging(void **state)
{
    struct fx *f = *state;
    enum { N = 23 };
    long long ids[N];
    for (int i = 0; i < N; i++) {
        char name[32];
        snprintf(name, sizeof name, "Clinic %c", "QWERTYUIOPASDFGHJKLZXCV"[i]);
        /* three clinics share a name: the id breaks the tie */
        ids[i] = add_clinic(f, i % 8 == 0 ? "Same Name" : name);
    }
    int seen[N] = {0}, total = 0, pages = 0;
    struct cursor after = {0}, next;
    const struct cursor *ap = NULL;
    char prev_key[64] = "";
    long long prev_id = 0;
    do {
        struct clinic *items;
        int n;
        OK(f, store_clinic_list(f->db, &f->a, NULL, ap, 5, &items, &n, &next, &f->e));
        assert_true(n <= 5);
        pages++;
        for (int i = 0; i < n; i++) {
            char key[64];
            snprintf(key, sizeof key, "%s", search_fold(&f->a, items[i].name));
            int c = strcmp(prev_key, key);
            if (c > 0 || (c == 0 && prev_id >= items[i].id))
                fail_msg("clinic %s (%lld) out of order", items[i].name, items[i].id);
            snprintf(prev_key, sizeof prev_key, "%s", key);
            prev_id = items[i].id;
            int k = 0;
            while (k < N && ids[k] != items[i].id)
                k++;
            assert_true(k < N);
            seen[k]++;
            total++;
        }
        if (next.key) {
            assert_int_equal(n, 5);
            after = next;
            ap = &after;
        }
    } while (next.key);
    assert_int_equal(total, N);
    assert_int_equal(pages, 5); /* 5+5+5+5+3 */
    for (int k = 0; k < N; k++)
        assert_int_equal(seen[k], 1);
}

static void test_clinic_delete(void **state)
{
    struct fx *f = *state;
    long long used = add_clinic(f, "Used"), staffed = add_clinic(f, "Staffed"),
              empty = add_clinic(f, "Empty");
    add_client(f, "Jo", "Smith", NULL, NULL, used);
    FAILS(f, store_clinic_delete(f->db, used, &f->e), ERR_CONFLICT, "");
    struct clinic c;
    OK(f, store_clinic_get(f->db, &f->a, used, &c, &f->e)); /* still there */

    long long ids[] = {staffed};
    struct practitioner p = {
        .name = "Sam Lee", .email = "sam@example.com", .clinic_ids = ids, .n_clinic_ids = 1};
    OK(f, store_practitioner_add(f->db, &f->a, &p, NOW, &f->e));
    FAILS(f, store_clinic_delete(f->db, staffed, &f->e), ERR_CONFLICT, "");
    /* once the practitioner is gone, so is the conflict */
    OK(f, store_practitioner_delete(f->db, p.id, NOW, &f->e));
    OK(f, store_clinic_delete(f->db, staffed, &f->e));
    FAILS(f, store_clinic_get(f->db, &f->a, staffed, &c, &f->e), ERR_NOT_FOUND, "");

    OK(f, store_clinic_delete(f->db, empty, &f->e));
    FAILS(f, store_clinic_get(f->db, &f->a, empty, &c, &f->e), ERR_NOT_FOUND, "");
    FAILS(f, store_clinic_delete(f->db, empty, &f->e), ERR_NOT_FOUND, "");
}

/* ---- practitioners ---------------------------------------------------------------------- */

static void test_practitioner_add_get_update(void **state)
{
    struct fx *f = *state;
    long long c1 = add_clinic(f, "One"), c2 = add_clinic(f, "Two"), c3 = add_clinic(f, "Three");
    long long ids[] = {c2, c1};
    struct practitioner p = {
        .name = "Sam Lee", .email = "sam@example.com", .clinic_ids = ids, .n_clinic_ids = 2};
    OK(f, store_practitioner_add(f->db, &f->a, &p, NOW, &f->e));
    assert_true(p.id > 0);

    struct practitioner g = {0};
    OK(f, store_practitioner_get(f->db, &f->a, p.id, &g, &f->e));
    assert_string_equal(g.name, "Sam Lee");
    assert_string_equal(g.email, "sam@example.com");
    assert_int_equal(g.user_id, 0);
    assert_int_equal(g.n_clinic_ids, 2);
    assert_int_equal(g.clinic_ids[0], c1); /* in id order */
    assert_int_equal(g.clinic_ids[1], c2);
    assert_int_equal(g.created_at, NOW);

    /* Update replaces the clinic links and may link a user. */
    long long uid = add_user(f, "sam@example.com", ROLE_PRACTITIONER);
    long long new_ids[] = {c3};
    g.clinic_ids = new_ids;
    g.n_clinic_ids = 1;
    g.name = "Sam Lee-Park";
    g.user_id = uid;
    OK(f, store_practitioner_update(f->db, &f->a, &g, NOW + 5, &f->e));
    struct practitioner h = {0};
    OK(f, store_practitioner_get(f->db, &f->a, p.id, &h, &f->e));
    assert_string_equal(h.name, "Sam Lee-Park");
    assert_int_equal(h.n_clinic_ids, 1);
    assert_int_equal(h.clinic_ids[0], c3);
    assert_int_equal(h.user_id, uid);
    assert_int_equal(h.updated_at, NOW + 5);

    /* A user that does not exist is refused, naming user_id. */
    OK(f, db_begin(f->db, true, &f->e));
    h.user_id = uid + 100;
    FAILS(f, store_practitioner_update(f->db, &f->a, &h, NOW, &f->e), ERR_INVALID, "user_id");
    db_rollback(f->db);
}

static void test_practitioner_bad_clinic(void **state)
{
    struct fx *f = *state;
    long long c1 = add_clinic(f, "One");
    long long ids[] = {c1, c1 + 1000};
    struct practitioner p = {
        .name = "Sam Lee", .email = "sam@example.com", .clinic_ids = ids, .n_clinic_ids = 2};
    /* as the API runs it: one transaction, rolled back on failure */
    OK(f, db_begin(f->db, true, &f->e));
    FAILS(f, store_practitioner_add(f->db, &f->a, &p, NOW, &f->e), ERR_INVALID, "clinic_ids");
    db_rollback(f->db);
    struct practitioner *items;
    int n;
    struct cursor next;
    OK(f, store_practitioner_list(f->db, &f->a, NULL, NULL, 10, &items, &n, &next, &f->e));
    assert_int_equal(n, 0);
}

static void test_practitioner_email_and_soft_delete(void **state)
{
    struct fx *f = *state;
    long long c1 = add_clinic(f, "One");
    long long ids[] = {c1};
    struct practitioner p = {
        .name = "Sam Lee", .email = "sam@example.com", .clinic_ids = ids, .n_clinic_ids = 1};
    OK(f, store_practitioner_add(f->db, &f->a, &p, NOW, &f->e));
    struct practitioner q = {.name = "Another Sam", .email = "sam@example.com"};
    OK(f, db_begin(f->db, true, &f->e));
    FAILS(f, store_practitioner_add(f->db, &f->a, &q, NOW, &f->e), ERR_CONFLICT, "email");
    db_rollback(f->db);

    /* A second practitioner cannot take the first one's email by update either. */
    struct practitioner r = {.name = "Robin", .email = "robin@example.com"};
    OK(f, store_practitioner_add(f->db, &f->a, &r, NOW, &f->e));
    r.email = "sam@example.com";
    OK(f, db_begin(f->db, true, &f->e));
    FAILS(f, store_practitioner_update(f->db, &f->a, &r, NOW, &f->e), ERR_CONFLICT, "email");
    db_rollback(f->db);

    OK(f, store_practitioner_delete(f->db, p.id, NOW + 1, &f->e));
    struct practitioner g;
    FAILS(f, store_practitioner_get(f->db, &f->a, p.id, &g, &f->e), ERR_NOT_FOUND, "");
    FAILS(f, store_practitioner_delete(f->db, p.id, NOW + 2, &f->e), ERR_NOT_FOUND, "");
    struct practitioner *items;
    int n;
    struct cursor next;
    OK(f, store_practitioner_list(f->db, &f->a, NULL, NULL, 10, &items, &n, &next, &f->e));
    assert_int_equal(n, 1);
    assert_string_equal(items[0].name, "Robin");

    /* The email is free again. */
    OK(f, store_practitioner_add(f->db, &f->a, &q, NOW + 3, &f->e));
    OK(f, store_practitioner_get(f->db, &f->a, q.id, &g, &f->e));
    assert_string_equal(g.name, "Another Sam");
}

static void test_practitioner_list_filter(void **state)
{
    struct fx *f = *state;
    struct practitioner a = {.name = "Sam Lee", .email = "sam@example.com"};
    struct practitioner b = {.name = "Alex Kim", .email = "alex@studio.example"};
    struct practitioner c = {.name = "Robin Hale", .email = "robin@example.com"};
    OK(f, store_practitioner_add(f->db, &f->a, &a, NOW, &f->e));
    OK(f, store_practitioner_add(f->db, &f->a, &b, NOW, &f->e));
    OK(f, store_practitioner_add(f->db, &f->a, &c, NOW, &f->e));
    struct practitioner *items;
    int n;
    struct cursor next;
    OK(f, store_practitioner_list(f->db, &f->a, NULL, NULL, 10, &items, &n, &next, &f->e));
    assert_int_equal(n, 3);
    assert_string_equal(items[0].name, "Alex Kim");
    assert_string_equal(items[1].name, "Robin Hale");
    assert_string_equal(items[2].name, "Sam Lee");
    OK(f, store_practitioner_list(f->db, &f->a, "studio", NULL, 10, &items, &n, &next, &f->e));
    assert_int_equal(n, 1);
    assert_string_equal(items[0].name, "Alex Kim");
    OK(f, store_practitioner_list(f->db, &f->a, "example.com", NULL, 10, &items, &n, &next, &f->e));
    assert_int_equal(n, 2); /* Robin Hale, Sam Lee */
    OK(f, store_practitioner_list(f->db, &f->a, NULL, NULL, 2, &items, &n, &next, &f->e));
    assert_int_equal(n, 2);
    assert_non_null(next.key);
    struct cursor after = next;
    OK(f, store_practitioner_list(f->db, &f->a, NULL, &after, 2, &items, &n, &next, &f->e));
    assert_int_equal(n, 1);
    assert_string_equal(items[0].name, "Sam Lee");
    assert_null(next.key);
}

/* ---- clients ---------------------------------------------------------------------------- */

static void test_client_add_get_update_delete(void **state)
{
    struct fx *f = *state;
    long long c1 = add_clinic(f, "One"), c2 = add_clinic(f, "Two");
    struct client c = {.first_name = "Jo-Anne",
                       .last_name = "Smithson",
                       .email = "jo.anne@example.com",
                       .phone = "+44 7700 900123",
                       .date_of_birth = "1980-05-17",
                       .notes = "Prefers mornings.\nSensitive scalp.",
                       .clinic_id = c1};
    OK(f, store_client_add(f->db, &f->a, &c, NOW, &f->e));
    struct client g = {0};
    OK(f, store_client_get(f->db, &f->a, c.id, &g, &f->e));
    assert_int_equal(g.id, c.id);
    assert_string_equal(g.first_name, "Jo-Anne");
    assert_string_equal(g.last_name, "Smithson");
    assert_string_equal(g.email, "jo.anne@example.com");
    assert_string_equal(g.phone, "+44 7700 900123");
    assert_string_equal(g.date_of_birth, "1980-05-17");
    assert_string_equal(g.notes, "Prefers mornings.\nSensitive scalp.");
    assert_int_equal(g.clinic_id, c1);
    assert_int_equal(g.created_at, NOW);
    assert_int_equal(g.updated_at, NOW);

    /* Update: new values, cleared optional fields, new search terms. */
    g.last_name = "Baker";
    g.email = NULL;
    g.phone = NULL;
    g.date_of_birth = NULL;
    g.notes = NULL;
    g.clinic_id = c2;
    OK(f, store_client_update(f->db, &f->a, &g, NOW + 10, &f->e));
    struct client h = {0};
    OK(f, store_client_get(f->db, &f->a, c.id, &h, &f->e));
    assert_string_equal(h.last_name, "Baker");
    assert_null(h.email);
    assert_null(h.phone);
    assert_null(h.date_of_birth);
    assert_null(h.notes);
    assert_int_equal(h.clinic_id, c2);
    assert_int_equal(h.created_at, NOW);
    assert_int_equal(h.updated_at, NOW + 10);

    char *w[] = {"smithson"}, *w2[] = {"baker"};
    struct client *items;
    int n;
    struct cursor next;
    OK(f, store_client_list(f->db, &f->a, w, 1, 0, NULL, 10, &items, &n, &next, &f->e));
    assert_int_equal(n, 0); /* the old name finds nobody */
    OK(f, store_client_list(f->db, &f->a, w2, 1, 0, NULL, 10, &items, &n, &next, &f->e));
    assert_int_equal(n, 1);

    /* A clinic that does not exist is refused, naming clinic_id. */
    h.clinic_id = c2 + 100;
    OK(f, db_begin(f->db, true, &f->e));
    FAILS(f, store_client_update(f->db, &f->a, &h, NOW, &f->e), ERR_INVALID, "clinic_id");
    db_rollback(f->db);
    struct client bad = {.first_name = "No", .last_name = "Clinic", .clinic_id = c2 + 100};
    FAILS(f, store_client_add(f->db, &f->a, &bad, NOW, &f->e), ERR_INVALID, "clinic_id");

    /* Soft delete: gone from get, list and search, and cannot be changed or deleted again. */
    long long other = add_client(f, "Other", "Person", NULL, NULL, c1);
    OK(f, store_client_delete(f->db, c.id, NOW + 20, &f->e));
    FAILS(f, store_client_get(f->db, &f->a, c.id, &g, &f->e), ERR_NOT_FOUND, "");
    OK(f, store_client_list(f->db, &f->a, NULL, 0, 0, NULL, 10, &items, &n, &next, &f->e));
    assert_int_equal(n, 1);
    assert_int_equal(items[0].id, other);
    OK(f, store_client_list(f->db, &f->a, w2, 1, 0, NULL, 10, &items, &n, &next, &f->e));
    assert_int_equal(n, 0);
    h.clinic_id = c2;
    FAILS(f, store_client_update(f->db, &f->a, &h, NOW, &f->e), ERR_NOT_FOUND, "");
    FAILS(f, store_client_delete(f->db, c.id, NOW, &f->e), ERR_NOT_FOUND, "");
    FAILS(f, store_client_get(f->db, &f->a, 99999, &g, &f->e), ERR_NOT_FOUND, "");
}

/* Searches as the API does (query → words) and returns the last names found, "|"-joined. */
static const char *search(struct fx *f, const char *q, long long clinic_id)
{
    char *words[SEARCH_MAX_WORDS];
    int nw = search_query_words(&f->a, q, words);
    struct client *items;
    int n;
    struct cursor next;
    OK(f,
       store_client_list(f->db, &f->a, words, nw, clinic_id, NULL, 50, &items, &n, &next, &f->e));
    static char out[512];
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            strcat(out, "|");
        strcat(out, items[i].first_name);
        strcat(out, " ");
        strcat(out, items[i].last_name);
    }
    return out;
}

static void test_client_search(void **state)
{
    struct fx *f = *state;
    long long ca = add_clinic(f, "A"), cb = add_clinic(f, "B");
    add_client(f, "Jo-Anne", "Smithson", "jo.anne@example.com", "+44 7700 900123", ca);
    add_client(f, "John", "Smith", "john@smith.co.uk", "020 7946 0958", cb);
    add_client(f, "Anna", "Jones", NULL, NULL, ca);
    add_client(f, "Łukasz", "Nowak", "lukasz@example.pl", NULL, cb);

    /* prefix of a last name, any case; results in last-name order */
    assert_string_equal(search(f, "smi", 0), "John Smith|Jo-Anne Smithson");
    assert_string_equal(search(f, "SMITHS", 0), "Jo-Anne Smithson");
    /* prefix of a first name, and each part of a hyphenated one */
    assert_string_equal(search(f, "ann", 0), "Anna Jones|Jo-Anne Smithson");
    /* two words: both must match */
    assert_string_equal(search(f, "jo smi", 0), "John Smith|Jo-Anne Smithson");
    assert_string_equal(search(f, "smi anne", 0), "Jo-Anne Smithson");
    assert_string_equal(search(f, "anna smith", 0), "");
    /* the e-mail address, whole or by its local part */
    assert_string_equal(search(f, "john@smith.co.uk", 0), "John Smith");
    assert_string_equal(search(f, "jo.anne", 0), "Jo-Anne Smithson");
    assert_string_equal(search(f, "lukasz", 0), "Łukasz Nowak");
    assert_string_equal(search(f, "Łuk", 0), "Łukasz Nowak");
    /* the phone's digits, however typed; a +44 number also in its national form */
    assert_string_equal(search(f, "020 7946 0958", 0), "John Smith");
    assert_string_equal(search(f, "0207946", 0), "John Smith");
    assert_string_equal(search(f, "07700 900 123", 0), "Jo-Anne Smithson");
    assert_string_equal(search(f, "+44 7700 900123", 0), "Jo-Anne Smithson");
    /* clinic filter, alone and with words */
    assert_string_equal(search(f, "", ca), "Anna Jones|Jo-Anne Smithson");
    assert_string_equal(search(f, "smi", cb), "John Smith");
    assert_string_equal(search(f, "smi", ca), "Jo-Anne Smithson");
    /* nothing matching, and LIKE wildcards that are only characters here */
    assert_string_equal(search(f, "xyz", 0), "");
    assert_string_equal(search(f, "sm%th", 0), "");
    assert_string_equal(search(f, "", 0), "Anna Jones|Łukasz Nowak|John Smith|Jo-Anne Smithson");
}

struct key_id {
    char key[64];
    long long id;
};

static int cmp_key_id(const void *a, const void *b)
{
    const struct key_id *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->id > y->id) - (x->id < y->id);
}

static void test_client_paging(void **state)
{
    struct fx *f = *state;
    enum { N = 120 };
    static const char *const last[] = {"Smith",       "jones", "Ahmed", "O'Neil",
                                       "Smith-Jones", "Brown", "smith"};
    static const char *const first[] = {"Amy", "ben", "Cara", "Dev", "Eli", "Fay", "Gus"};
    long long ca = add_clinic(f, "A"), cb = add_clinic(f, "B");
    struct key_id want[N];
    int n_in_a = 0;
    for (int i = 0; i < N; i++) {
        /* pseudo-random order, with many identical names so ids must break ties */
        int k = (i * 37) % N;
        const char *fn = first[k % 7], *ln = last[(k / 7) % 7];
        long long clinic = k % 3 ? ca : cb;
        n_in_a += clinic == ca;
        want[i].id = add_client(f, fn, ln, NULL, NULL, clinic);
        snprintf(want[i].key, sizeof want[i].key, "%s", search_sort_key(&f->a, fn, ln));
    }
    qsort(want, N, sizeof want[0], cmp_key_id);

    /* all clients, 7 a page: exactly the expected sequence */
    struct cursor after, next;
    const struct cursor *ap = NULL;
    int got = 0, pages = 0;
    do {
        struct client *items;
        int n;
        OK(f, store_client_list(f->db, &f->a, NULL, 0, 0, ap, 7, &items, &n, &next, &f->e));
        pages++;
        for (int i = 0; i < n; i++, got++) {
            assert_true(got < N);
            if (items[i].id != want[got].id)
                fail_msg("item %d is client %lld, expected %lld (%s)", got, items[i].id,
                         want[got].id, want[got].key);
        }
        after = next;
        ap = &after;
    } while (next.key);
    assert_int_equal(got, N);
    assert_int_equal(pages, (N + 6) / 7);

    /* with a clinic filter and a search word, pages still cover every match once */
    char *w[] = {"smith"};
    int expect = 0;
    for (int i = 0; i < N; i++)
        expect += strncmp(want[i].key, "smith", 5) == 0;
    long long seen[N];
    int n_seen = 0;
    ap = NULL;
    do {
        struct client *items;
        int n;
        OK(f, store_client_list(f->db, &f->a, w, 1, ca, ap, 4, &items, &n, &next, &f->e));
        for (int i = 0; i < n; i++) {
            assert_int_equal(items[i].clinic_id, ca);
            for (int j = 0; j < n_seen; j++)
                assert_true(seen[j] != items[i].id);
            assert_true(n_seen < N);
            seen[n_seen++] = items[i].id;
        }
        after = next;
        ap = &after;
    } while (next.key);
    /* every smith in clinic A: count them directly */
    int in_a_smith = 0;
    for (int i = 0; i < N; i++) {
        struct client c;
        OK(f, store_client_get(f->db, &f->a, want[i].id, &c, &f->e));
        in_a_smith += c.clinic_id == ca && strncmp(want[i].key, "smith", 5) == 0;
    }
    assert_true(expect > in_a_smith && in_a_smith > 0 && n_in_a < N);
    assert_int_equal(n_seen, in_a_smith);
}

/* ---- users, tokens, sessions, login failures ------------------------------------------- */

static void test_users(void **state)
{
    struct fx *f = *state;
    long long n;
    OK(f, store_user_count(f->db, &n, &f->e));
    assert_int_equal(n, 0);
    long long id = add_user(f, "olive@example.com", ROLE_OWNER);
    struct user dup = {.email = "olive@example.com", .name = "Other Olive", .role = ROLE_MANAGER};
    FAILS(f, store_user_add(f->db, &dup, "$argon2id$x", NOW, &f->e), ERR_CONFLICT, "email");
    OK(f, store_user_count(f->db, &n, &f->e));
    assert_int_equal(n, 1);

    struct user u = {0};
    char *hash = NULL;
    OK(f, store_user_by_email(f->db, &f->a, "olive@example.com", &u, &hash, &f->e));
    assert_int_equal(u.id, id);
    assert_string_equal(u.name, "Staff Member");
    assert_int_equal(u.role, ROLE_OWNER);
    assert_string_equal(hash, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
    FAILS(f, store_user_by_email(f->db, &f->a, "nobody@example.com", &u, &hash, &f->e),
          ERR_NOT_FOUND, "email");

    int found = -1;
    OK(f, store_user_exists(f->db, id, &found, &f->e));
    assert_true(found);
    OK(f, store_user_exists(f->db, id + 1, &found, &f->e));
    assert_false(found);
}

static void test_tokens(void **state)
{
    struct fx *f = *state;
    long long id = add_user(f, "olive@example.com", ROLE_MANAGER);
    OK(f, store_token_add(f->db, id, "tokenhash1", NOW, &f->e));
    struct user u = {0};
    OK(f, store_token_user(f->db, &f->a, "tokenhash1", &u, &f->e));
    assert_int_equal(u.id, id);
    assert_string_equal(u.email, "olive@example.com");
    assert_int_equal(u.role, ROLE_MANAGER);
    FAILS(f, store_token_user(f->db, &f->a, "tokenhash2", &u, &f->e), ERR_UNAUTHORIZED, "");
    FAILS(f, store_token_add(f->db, id, "tokenhash1", NOW, &f->e), ERR_CONFLICT, "");
}

enum { IDLE = 30 * 60, MAX = 12 * 3600 };

static int session(struct fx *f, const char *hash, long long now, struct user *u, char **csrf)
{
    err_clear(&f->e);
    return store_session_user(f->db, &f->a, hash, now, IDLE, MAX, u, csrf, &f->e);
}

static void test_session_lookup_and_idle_timeout(void **state)
{
    struct fx *f = *state;
    long long id = add_user(f, "olive@example.com", ROLE_RECEPTION);
    OK(f, store_session_add(f->db, "sess1", id, "csrf1", NOW, &f->e));
    struct user u = {0};
    char *csrf = NULL;
    OK(f, session(f, "sess1", NOW + 10, &u, &csrf));
    assert_int_equal(u.id, id);
    assert_int_equal(u.role, ROLE_RECEPTION);
    assert_string_equal(csrf, "csrf1");
    assert_int_equal(session(f, "nope", NOW, &u, &csrf), -1);
    assert_int_equal(f->e.code, ERR_UNAUTHORIZED);

    /* Use keeps a session alive: idle time counts from the last use, not from sign-in. */
    OK(f, session(f, "sess1", NOW + IDLE - 5, &u, &csrf));
    OK(f, session(f, "sess1", NOW + 2 * IDLE - 10, &u, &csrf));

    /* Idle too long: refused, and the session is gone for good. */
    long long last = NOW + 2 * IDLE - 10;
    assert_int_equal(session(f, "sess1", last + IDLE + 1, &u, &csrf), -1);
    assert_int_equal(f->e.code, ERR_UNAUTHORIZED);
    assert_int_equal(session(f, "sess1", last + 1, &u, &csrf), -1);
    assert_int_equal(f->e.code, ERR_UNAUTHORIZED);
}

static void test_session_absolute_max(void **state)
{
    struct fx *f = *state;
    long long id = add_user(f, "olive@example.com", ROLE_OWNER);
    OK(f, store_session_add(f->db, "sess1", id, "csrf1", NOW, &f->e));
    struct user u;
    char *csrf;
    long long t = NOW;
    for (; t + 20 * 60 <= NOW + MAX; t += 20 * 60) /* used every 20 minutes for 12 hours */
        OK(f, session(f, "sess1", t + 20 * 60, &u, &csrf));
    OK(f, session(f, "sess1", NOW + MAX, &u, &csrf));
    assert_int_equal(session(f, "sess1", NOW + MAX + 1, &u, &csrf), -1);
    assert_int_equal(f->e.code, ERR_UNAUTHORIZED);
    assert_int_equal(session(f, "sess1", NOW + 60, &u, &csrf), -1); /* gone */
    assert_int_equal(f->e.code, ERR_UNAUTHORIZED);
}

/* A portal sign-in link works once, and only until it expires (30 minutes as h_portal.c makes
 * them); the session it opens has its own end. */
static void test_portal_link_expiry_and_single_use(void **state)
{
    struct fx *f = *state;
    long long clinic = add_clinic(f, "Portal"), client = 0;
    long long c = add_client(f, "Pat", "Portal", "pat@example.com", NULL, clinic);
    OK(f, store_portal_link_add(f->db, "link-late", c, NOW + 1800, NOW, &f->e));
    OK(f, store_portal_link_add(f->db, "link-ok", c, NOW + 1800, NOW, &f->e));
    /* one second past its expiry: refused */
    assert_int_equal(store_portal_link_use(f->db, "link-late", NOW + 1801, &client, &f->e), -1);
    assert_int_equal(f->e.code, ERR_NOT_FOUND);
    assert_int_equal(client, 0);
    /* on its last second it works, once */
    OK(f, store_portal_link_use(f->db, "link-ok", NOW + 1800, &client, &f->e));
    assert_int_equal(client, c);
    assert_int_equal(store_portal_link_use(f->db, "link-ok", NOW + 1800, &client, &f->e), -1);
    assert_int_equal(f->e.code, ERR_NOT_FOUND);
    /* the portal session ends when it says */
    char *csrf = NULL;
    long long who = 0;
    OK(f, store_portal_session_add(f->db, "psess", c, "pcsrf", NOW + 7200, NOW, &f->e));
    OK(f, store_portal_session(f->db, &f->a, "psess", NOW + 7199, &who, &csrf, &f->e));
    assert_int_equal(who, c);
    assert_string_equal(csrf, "pcsrf");
    assert_int_equal(store_portal_session(f->db, &f->a, "psess", NOW + 7201, &who, &csrf, &f->e),
                     -1);
}

static void test_session_delete_and_password_change(void **state)
{
    struct fx *f = *state;
    long long id = add_user(f, "olive@example.com", ROLE_OWNER);
    OK(f, store_session_add(f->db, "sess1", id, "csrf1", NOW, &f->e));
    OK(f, store_session_add(f->db, "sess2", id, "csrf2", NOW, &f->e));
    OK(f, store_session_add(f->db, "sess3", id, "csrf3", NOW, &f->e));
    OK(f, store_session_delete(f->db, "sess1", &f->e));
    struct user u;
    char *csrf;
    assert_int_equal(session(f, "sess1", NOW + 1, &u, &csrf), -1);
    assert_int_equal(f->e.code, ERR_UNAUTHORIZED);
    OK(f, session(f, "sess2", NOW + 1, &u, &csrf)); /* the others are untouched */
    assert_string_equal(csrf, "csrf2");
    OK(f, store_session_delete(f->db, "never-existed", &f->e));

    /* A new password signs the user out everywhere. */
    OK(f, store_user_set_password(f->db, id, "$argon2id$new", &f->e));
    assert_int_equal(session(f, "sess2", NOW + 2, &u, &csrf), -1);
    assert_int_equal(session(f, "sess3", NOW + 2, &u, &csrf), -1);
    FAILS(f, store_user_set_password(f->db, id + 1, "$argon2id$new", &f->e), ERR_NOT_FOUND, "");
}

static void test_login_failures(void **state)
{
    struct fx *f = *state;
    OK(f, store_login_failure_add(f->db, "a@example.com", "192.0.2.1", 100, NULL, &f->e));
    OK(f, store_login_failure_add(f->db, "a@example.com", "192.0.2.1", 200, NULL, &f->e));
    OK(f, store_login_failure_add(f->db, "a@example.com", "192.0.2.9", 300, NULL, &f->e));
    OK(f, store_login_failure_add(f->db, "b@example.com", "192.0.2.1", 250, NULL, &f->e));
    long long by_email, oldest_email, by_addr, oldest_addr;
    OK(f, store_login_failures(f->db, "a@example.com", "192.0.2.1", 150, &by_email, &oldest_email,
                               &by_addr, &oldest_addr, &f->e));
    assert_int_equal(by_email, 2); /* 200, 300 */
    assert_int_equal(oldest_email, 200);
    assert_int_equal(by_addr, 2); /* 200 (a), 250 (b) */
    assert_int_equal(oldest_addr, 200);

    OK(f, store_login_failures_clear(f->db, "a@example.com", &f->e));
    OK(f, store_login_failures(f->db, "a@example.com", "192.0.2.1", 0, &by_email, &oldest_email,
                               &by_addr, &oldest_addr, &f->e));
    assert_int_equal(by_email, 0);
    assert_int_equal(oldest_email, 0);
    assert_int_equal(by_addr, 1); /* b's failure stays */
    assert_int_equal(oldest_addr, 250);

    OK(f, store_expire(f->db, 0, 251, &f->e));
    OK(f, store_login_failures(f->db, "b@example.com", "192.0.2.1", 0, &by_email, &oldest_email,
                               &by_addr, &oldest_addr, &f->e));
    assert_int_equal(by_email, 0);
    assert_int_equal(by_addr, 0);
}

/* ---- audit ------------------------------------------------------------------------------ */

static void test_audit(void **state)
{
    struct fx *f = *state;
    long long uid = add_user(f, "olive@example.com", ROLE_OWNER);
    enum { N = 9 };
    for (int i = 0; i < N; i++) {
        struct audit_entry x = {.at = NOW + i,
                                .user_id = i == 0 ? 0 : uid,
                                .user_email = i == 0 ? NULL : "olive@example.com",
                                .action = (enum audit_action)(i % 5),
                                .entity = "client",
                                .entity_id = 100 + i % 3,
                                .client_id = 100 + i % 3,
                                .request_id = "req-1"};
        OK(f, store_audit_add(f->db, &x, &f->e));
    }
    struct audit_entry *items;
    int n;
    long long next_id;
    OK(f, store_audit_list(f->db, &f->a, 0, 0, 100, &items, &n, &next_id, &f->e));
    assert_int_equal(n, N);
    assert_int_equal(next_id, 0);
    for (int i = 0; i < N; i++) {
        int k = N - 1 - i; /* newest first */
        assert_int_equal(items[i].at, NOW + k);
        if (i)
            assert_true(items[i].id < items[i - 1].id);
        assert_int_equal(items[i].action, k % 5);
        assert_int_equal(items[i].client_id, 100 + k % 3);
        assert_string_equal(items[i].entity, "client");
        assert_string_equal(items[i].request_id, "req-1");
    }
    assert_int_equal(items[N - 1].user_id, 0);
    assert_null(items[N - 1].user_email);
    assert_string_equal(items[0].user_email, "olive@example.com");

    /* one client's history */
    OK(f, store_audit_list(f->db, &f->a, 101, 0, 100, &items, &n, &next_id, &f->e));
    assert_int_equal(n, 3); /* i = 1, 4, 7 */
    assert_int_equal(items[0].at, NOW + 7);
    assert_int_equal(items[2].at, NOW + 1);

    /* paging, 2 at a time: every entry once, newest first */
    long long before = 0, prev = 0;
    int total = 0, pages = 0;
    do {
        OK(f, store_audit_list(f->db, &f->a, 0, before, 2, &items, &n, &next_id, &f->e));
        pages++;
        for (int i = 0; i < n; i++, total++) {
            assert_int_equal(items[i].at, NOW + N - 1 - total);
            if (prev)
                assert_true(items[i].id < prev);
            prev = items[i].id;
        }
        before = next_id;
    } while (next_id);
    assert_int_equal(total, N);
    assert_int_equal(pages, (N + 1) / 2);
}

/* ---- transactions and backup ------------------------------------------------------------ */

static void test_rollback_leaves_nothing(void **state)
{
    struct fx *f = *state;
    assert_false(db_in_tx(f->db));
    OK(f, db_begin(f->db, true, &f->e));
    assert_true(db_in_tx(f->db));
    long long clinic = add_clinic(f, "Ephemeral");
    long long client = add_client(f, "Jo", "Smith", NULL, "07700 900123", clinic);
    db_rollback(f->db);
    assert_false(db_in_tx(f->db));
    struct clinic c;
    struct client k;
    FAILS(f, store_clinic_get(f->db, &f->a, clinic, &c, &f->e), ERR_NOT_FOUND, "");
    FAILS(f, store_client_get(f->db, &f->a, client, &k, &f->e), ERR_NOT_FOUND, "");
    assert_string_equal(search(f, "smith", 0), "");
    assert_string_equal(search(f, "07700", 0), "");

    /* committed work stays */
    OK(f, db_begin(f->db, true, &f->e));
    clinic = add_clinic(f, "Lasting");
    OK(f, db_commit(f->db, &f->e));
    assert_false(db_in_tx(f->db));
    OK(f, store_clinic_get(f->db, &f->a, clinic, &c, &f->e));
    db_rollback(f->db); /* without a transaction: nothing to undo */
    OK(f, store_clinic_get(f->db, &f->a, clinic, &c, &f->e));
}

static void test_backup(void **state)
{
    struct fx *f = *state;
    long long clinic = add_clinic(f, "Backed Up");
    long long client = add_client(f, "Jo", "Smith", "jo@example.com", NULL, clinic);

    char dir[] = "/tmp/stipple-test-backup-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128], url[160];
    snprintf(path, sizeof path, "%s/copy.db", dir);
    snprintf(url, sizeof url, "sqlite:%s", path);
    OK(f, db_backup(f->db, path, &f->e));

    struct db *copy = NULL;
    OK(f, db_open(url, NULL, &copy, &f->e));
    assert_int_equal(store_schema_version(copy, &f->e), store_latest_version());
    struct client c = {0};
    int rc = store_client_get(copy, &f->a, client, &c, &f->e);
    struct clinic k = {0};
    int rc2 = store_clinic_get(copy, &f->a, clinic, &k, &f->e);
    char *words[] = {"smi"};
    struct client *items = NULL;
    int n = 0;
    struct cursor next;
    int rc3 = store_client_list(copy, &f->a, words, 1, 0, NULL, 10, &items, &n, &next, &f->e);
    db_close(copy);
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal", ".tmp"};
    for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        char p[160];
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
    assert_int_equal(rmdir(dir), 0);

    assert_int_equal(rc, 0);
    assert_string_equal(c.last_name, "Smith");
    assert_string_equal(c.email, "jo@example.com");
    assert_int_equal(rc2, 0);
    assert_string_equal(k.name, "Backed Up");
    assert_int_equal(rc3, 0);
    assert_int_equal(n, 1);

    /* A backup to a place that cannot be written fails instead of pretending. */
    assert_int_equal(db_backup(f->db, "/nonexistent-dir/copy.db", &f->e), -1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_migrate_idempotent),
        T(test_migrate_refuses_newer_database),
        T(test_clinic_add_get_update),
        T(test_clinic_list_order_and_filter),
        T(test_clinic_paging),
        T(test_clinic_delete),
        T(test_practitioner_add_get_update),
        T(test_practitioner_bad_clinic),
        T(test_practitioner_email_and_soft_delete),
        T(test_practitioner_list_filter),
        T(test_client_add_get_update_delete),
        T(test_client_search),
        T(test_client_paging),
        T(test_users),
        T(test_tokens),
        T(test_session_lookup_and_idle_timeout),
        T(test_session_absolute_max),
        T(test_session_delete_and_password_change),
        T(test_portal_link_expiry_and_single_use),
        T(test_login_failures),
        T(test_audit),
        T(test_rollback_leaves_nothing),
        T(test_backup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
