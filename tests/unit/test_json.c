/*
 * test_json.c — JSON in and out (http/json.h): which request bodies are refused as malformed,
 * how each jin_* decoder reads, clears, leaves alone or refuses a member (naming it in err.field,
 * which the API returns to the caller), and the exact shape of records, lists, times and errors
 * as the API sends them.
 */
#include "http/design.h"
#include "http/json.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

/* Parses text (a C string) as a body object; fails the test unless it does. */
static json_t *body(const char *text)
{
    json_t *j = NULL;
    struct err e = {0};
    if (json_parse_body(text, strlen(text), &j, &e) != 0)
        fail_msg("body %s refused: %s", text, e.msg);
    assert_non_null(j);
    return j;
}

static void malformed(const char *text, size_t len)
{
    json_t *j = json_true(); /* anything but NULL: must come back NULL */
    struct err e = {0};
    if (json_parse_body(text, len, &j, &e) != -1)
        fail_msg("body \"%.*s\" accepted", (int)len, text);
    assert_int_equal(e.code, ERR_MALFORMED);
    assert_null(j);
    assert_true(e.msg[0] != 0);
}

static void test_parse_body(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "not json",
        "[1]",
        "{\"a\":1,\"a\":2}", /* duplicate keys */
        "\"a string\"",
        "null",
        "42",
        "{",
        "{\"a\":1} {}",
        "{'a':1}",
        "{\"a\":\"\\u0000\"}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        malformed(bad[i], strlen(bad[i]));

    json_t *j = body("{}");
    assert_int_equal(json_object_size(j), 0);
    json_decref(j);
    j = body(" {\"first_name\": \"Ann\", \"ids\": [1, 2]}\n");
    assert_string_equal(json_string_value(json_object_get(j, "first_name")), "Ann");
    json_decref(j);

    /* Only len bytes are read: the body need not be NUL-terminated. */
    struct err e = {0};
    const char *text = "{\"a\":1}garbage";
    assert_int_equal(json_parse_body(text, 7, &j, &e), 0);
    assert_int_equal(json_integer_value(json_object_get(j, "a")), 1);
    json_decref(j);
    malformed(text, strlen(text));
}

static void test_only(void **state)
{
    (void)state;
    static const char *const known[] = {"name", "city", NULL};
    struct err e = {0};
    json_t *j = body("{\"name\":\"x\",\"bogus\":1,\"zzz\":2}");
    assert_int_equal(jin_only(j, known, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.field, "bogus");
    assert_non_null(strstr(e.msg, "bogus"));
    json_decref(j);

    j = body("{\"city\":null,\"name\":1}");
    err_clear(&e);
    assert_int_equal(jin_only(j, known, &e), 0);
    assert_int_equal(e.code, ERR_NONE);
    json_decref(j);

    j = body("{}");
    assert_int_equal(jin_only(j, known, &e), 0);
    json_decref(j);
}

static void test_str(void **state)
{
    (void)state;
    struct arena a = {0};
    struct err e = {0};
    char preset[] = "kept";
    json_t *j = body("{\"a\":\"  Ann  \",\"b\":\"\",\"c\":\"   \",\"d\":null,\"e\":5,"
                     "\"f\":\"\\t Ann Smith\\r\\n\",\"g\":\"\\u0141ukasz\",\"h\":[\"x\"],"
                     "\"i\":false}");
    char *s = preset;
    assert_int_equal(jin_str(j, "a", &s, &a, &e), 0);
    assert_string_equal(s, "Ann");
    s = preset;
    assert_int_equal(jin_str(j, "b", &s, &a, &e), 0);
    assert_null(s);
    s = preset;
    assert_int_equal(jin_str(j, "c", &s, &a, &e), 0);
    assert_null(s);
    s = preset;
    assert_int_equal(jin_str(j, "d", &s, &a, &e), 0);
    assert_null(s);
    s = preset;
    assert_int_equal(jin_str(j, "f", &s, &a, &e), 0);
    assert_string_equal(s, "Ann Smith");
    assert_int_equal(jin_str(j, "g", &s, &a, &e), 0);
    assert_string_equal(s, "Łukasz");
    /* absent: the field keeps what it had */
    s = preset;
    assert_int_equal(jin_str(j, "absent", &s, &a, &e), 0);
    assert_ptr_equal(s, preset);

    static const char *const wrong_type[] = {"e", "h", "i"};
    for (size_t i = 0; i < 3; i++) {
        err_clear(&e);
        assert_int_equal(jin_str(j, wrong_type[i], &s, &a, &e), -1);
        assert_int_equal(e.code, ERR_INVALID);
        assert_string_equal(e.field, wrong_type[i]);
    }
    json_decref(j);

    /* A string with an embedded NUL (built directly: the parser refuses \u0000 already). */
    j = json_pack("{s:o}", "notes", json_stringn("a\0b", 3));
    assert_non_null(j);
    err_clear(&e);
    assert_int_equal(jin_str(j, "notes", &s, &a, &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.field, "notes");
    json_decref(j);
    arena_free(&a);
}

static void test_int(void **state)
{
    (void)state;
    struct err e = {0};
    json_t *j = body("{\"n\":5,\"lo\":0,\"hi\":200,\"over\":201,\"neg\":-1,\"real\":5.5,"
                     "\"text\":\"5\",\"nul\":null,\"bool\":true,\"whole_real\":5.0}");
    long long v = 99;
    assert_int_equal(jin_int(j, "n", 0, 200, &v, &e), 0);
    assert_int_equal(v, 5);
    assert_int_equal(jin_int(j, "lo", 0, 200, &v, &e), 0);
    assert_int_equal(v, 0);
    assert_int_equal(jin_int(j, "hi", 0, 200, &v, &e), 0);
    assert_int_equal(v, 200);
    v = 99;
    assert_int_equal(jin_int(j, "absent", 0, 200, &v, &e), 0);
    assert_int_equal(v, 99);

    static const char *const bad[] = {"over", "neg", "real", "text", "nul", "bool", "whole_real"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_clear(&e);
        v = 99;
        if (jin_int(j, bad[i], 0, 200, &v, &e) != -1)
            fail_msg("jin_int accepted \"%s\"", bad[i]);
        assert_int_equal(e.code, ERR_INVALID);
        assert_string_equal(e.field, bad[i]);
        assert_int_equal(v, 99);
    }
    json_decref(j);
}

static void test_id(void **state)
{
    (void)state;
    struct err e = {0};
    json_t *j = body("{\"id\":7,\"none\":null,\"zero\":0,\"neg\":-3,\"text\":\"7\",\"real\":7.0,"
                     "\"big\":9007199254740993}");
    long long v = 0;
    assert_int_equal(jin_id(j, "id", &v, &e), 0);
    assert_int_equal(v, 7);
    assert_int_equal(jin_id(j, "none", &v, &e), 0);
    assert_int_equal(v, 0);
    v = 5;
    assert_int_equal(jin_id(j, "absent", &v, &e), 0);
    assert_int_equal(v, 5);
    assert_int_equal(jin_id(j, "big", &v, &e), 0);
    assert_true(v == 9007199254740993LL);
    static const char *const bad[] = {"zero", "neg", "text", "real"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_clear(&e);
        if (jin_id(j, bad[i], &v, &e) != -1)
            fail_msg("jin_id accepted \"%s\"", bad[i]);
        assert_int_equal(e.code, ERR_INVALID);
        assert_string_equal(e.field, bad[i]);
    }
    json_decref(j);
}

static void test_ids(void **state)
{
    (void)state;
    struct arena a = {0};
    struct err e = {0};
    json_t *j = body("{\"ids\":[3,1,2],\"empty\":[],\"none\":null,\"zero\":[0],\"text\":[\"1\"],"
                     "\"scalar\":5,\"neg\":[1,-2],\"real\":[1.5],\"nested\":[[1]]}");
    long long *ids = NULL;
    int n = -1;
    assert_int_equal(jin_ids(j, "ids", &ids, &n, &a, &e), 0);
    assert_int_equal(n, 3);
    assert_int_equal(ids[0], 3);
    assert_int_equal(ids[1], 1);
    assert_int_equal(ids[2], 2);
    assert_int_equal(jin_ids(j, "empty", &ids, &n, &a, &e), 0);
    assert_int_equal(n, 0);
    n = 4;
    assert_int_equal(jin_ids(j, "none", &ids, &n, &a, &e), 0);
    assert_int_equal(n, 0);
    n = 4;
    assert_int_equal(jin_ids(j, "absent", &ids, &n, &a, &e), 0);
    assert_int_equal(n, 4);
    static const char *const bad[] = {"zero", "text", "scalar", "neg", "real", "nested"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err_clear(&e);
        if (jin_ids(j, bad[i], &ids, &n, &a, &e) != -1)
            fail_msg("jin_ids accepted \"%s\"", bad[i]);
        assert_int_equal(e.code, ERR_INVALID);
        assert_string_equal(e.field, bad[i]);
    }
    json_decref(j);

    /* At most 1000 ids. */
    json_t *arr = json_array();
    for (int i = 1; i <= 1000; i++)
        json_array_append_new(arr, json_integer(i));
    j = json_pack("{s:O}", "clinic_ids", arr);
    assert_int_equal(jin_ids(j, "clinic_ids", &ids, &n, &a, &e), 0);
    assert_int_equal(n, 1000);
    assert_int_equal(ids[999], 1000);
    json_array_append_new(arr, json_integer(1001));
    err_clear(&e);
    assert_int_equal(jin_ids(j, "clinic_ids", &ids, &n, &a, &e), -1);
    assert_string_equal(e.field, "clinic_ids");
    json_decref(j);
    json_decref(arr);
    arena_free(&a);
}

/* Checks that o has exactly the keys listed (NULL-terminated). */
static void keys_are(json_t *o, const char *const *keys)
{
    size_t n = 0;
    for (; keys[n]; n++)
        if (!json_object_get(o, keys[n]))
            fail_msg("key \"%s\" missing", keys[n]);
    assert_int_equal(json_object_size(o), n);
}

static void test_client_out(void **state)
{
    (void)state;
    struct client c = {
        .id = 5,
        .first_name = "Łukasz",
        .last_name = "Nowak",
        .phone = "07700 900123",
        .clinic_id = 2,
        .created_at = 1795306242,
    };
    json_t *j = jout_client(&c);
    assert_non_null(j);
    static const char *const keys[] = {"id",         "first_name",    "last_name", "email",
                                       "phone",      "date_of_birth", "clinic_id", "notes",
                                       "created_at", "updated_at",    NULL};
    keys_are(j, keys);
    assert_int_equal(json_integer_value(json_object_get(j, "id")), 5);
    assert_string_equal(json_string_value(json_object_get(j, "first_name")), "Łukasz");
    assert_string_equal(json_string_value(json_object_get(j, "last_name")), "Nowak");
    assert_true(json_is_null(json_object_get(j, "email")));
    assert_string_equal(json_string_value(json_object_get(j, "phone")), "07700 900123");
    assert_true(json_is_null(json_object_get(j, "date_of_birth")));
    assert_int_equal(json_integer_value(json_object_get(j, "clinic_id")), 2);
    assert_true(json_is_null(json_object_get(j, "notes")));
    assert_string_equal(json_string_value(json_object_get(j, "created_at")),
                        "2026-11-22T00:10:42Z");
    assert_true(json_is_null(json_object_get(j, "updated_at")));
    json_decref(j);

    c.email = "l.nowak@example.com";
    c.date_of_birth = "1980-05-17";
    c.notes = "Prefers mornings.\nSensitive scalp.";
    c.phone = NULL;
    j = jout_client(&c);
    assert_string_equal(json_string_value(json_object_get(j, "email")), "l.nowak@example.com");
    assert_string_equal(json_string_value(json_object_get(j, "date_of_birth")), "1980-05-17");
    assert_string_equal(json_string_value(json_object_get(j, "notes")),
                        "Prefers mornings.\nSensitive scalp.");
    assert_true(json_is_null(json_object_get(j, "phone")));
    json_decref(j);
}

static void test_clinic_out(void **state)
{
    (void)state;
    struct clinic c = {
        .id = 3,
        .name = "Stipple Soho",
        .timezone = "Europe/London",
        .currency = "GBP",
        .price_uplift_pct = 15,
        .created_at = 1795306242,
        .updated_at = 1795306243,
    };
    json_t *j = jout_clinic(&c);
    assert_non_null(j);
    static const char *const keys[] = {"id",
                                       "name",
                                       "city",
                                       "address",
                                       "timezone",
                                       "currency",
                                       "price_uplift_pct",
                                       "created_at",
                                       "updated_at",
                                       "eligibility",
                                       "buffer_min",
                                       "grid_min",
                                       "impressions_per_hour",
                                       NULL};
    keys_are(j, keys);
    assert_int_equal(json_integer_value(json_object_get(j, "id")), 3);
    assert_string_equal(json_string_value(json_object_get(j, "name")), "Stipple Soho");
    assert_true(json_is_null(json_object_get(j, "city")));
    assert_true(json_is_null(json_object_get(j, "address")));
    assert_string_equal(json_string_value(json_object_get(j, "timezone")), "Europe/London");
    assert_string_equal(json_string_value(json_object_get(j, "currency")), "GBP");
    assert_int_equal(json_integer_value(json_object_get(j, "price_uplift_pct")), 15);
    assert_string_equal(json_string_value(json_object_get(j, "updated_at")),
                        "2026-11-22T00:10:43Z");
    json_decref(j);

    c.city = "London";
    c.address = "1 Dean St\nLondon W1";
    j = jout_clinic(&c);
    assert_string_equal(json_string_value(json_object_get(j, "city")), "London");
    assert_string_equal(json_string_value(json_object_get(j, "address")), "1 Dean St\nLondon W1");
    json_decref(j);
}

static void test_practitioner_and_user_out(void **state)
{
    (void)state;
    long long ids[] = {2, 7};
    struct practitioner p = {.id = 4,
                             .name = "Sam Lee",
                             .email = "sam@example.com",
                             .clinic_ids = ids,
                             .n_clinic_ids = 2};
    json_t *j = jout_practitioner(&p);
    static const char *const keys[] = {"id",      "name",       "email",      "clinic_ids",
                                       "user_id", "created_at", "updated_at", NULL};
    keys_are(j, keys);
    json_t *arr = json_object_get(j, "clinic_ids");
    assert_int_equal(json_array_size(arr), 2);
    assert_int_equal(json_integer_value(json_array_get(arr, 1)), 7);
    assert_true(json_is_null(json_object_get(j, "user_id")));
    json_decref(j);

    struct user u = {.id = 1, .email = "olive@example.com", .name = "Olive", .role = ROLE_MANAGER};
    j = jout_user(&u);
    static const char *const ukeys[] = {"id", "email", "name", "role", NULL};
    keys_are(j, ukeys);
    assert_string_equal(json_string_value(json_object_get(j, "role")), "manager");
    json_decref(j);
}

static char *dump(json_t *j)
{
    struct buf b = {0};
    json_dump_to(j, &b);
    json_decref(j);
    return buf_detach(&b);
}

static void test_error_out(void **state)
{
    (void)state;
    struct err e = {0};
    err_set(&e, ERR_INVALID, "email", "email must be a valid address");
    char *s = dump(jout_error(&e));
    assert_string_equal(
        s, "{\"error\":{\"code\":\"invalid\",\"message\":\"email must be a valid address\","
           "\"field\":\"email\"}}");
    free(s);

    err_set(&e, ERR_NOT_FOUND, NULL, "no client 9");
    s = dump(jout_error(&e));
    assert_string_equal(
        s, "{\"error\":{\"code\":\"not_found\",\"message\":\"no client 9\",\"field\":null}}");
    free(s);

    /* A message quoting bytes that are not UTF-8 still gives a well-formed error. */
    err_set(&e, ERR_INVALID, "x\xff", "unknown field \"x\xff\"");
    json_t *j = jout_error(&e);
    assert_non_null(j);
    json_t *inner = json_object_get(j, "error");
    assert_string_equal(json_string_value(json_object_get(inner, "code")), "invalid");
    assert_true(json_is_string(json_object_get(inner, "message")));
    assert_true(json_is_string(json_object_get(inner, "field")));
    json_decref(j);
}

static void test_time_and_list_out(void **state)
{
    (void)state;
    json_t *t = jout_time(0);
    assert_true(json_is_null(t));
    json_decref(t);
    t = jout_time(1795306242);
    assert_string_equal(json_string_value(t), "2026-11-22T00:10:42Z");
    json_decref(t);

    char *s = dump(jout_list(json_array(), NULL));
    assert_string_equal(s, "{\"items\":[],\"next_cursor\":null}");
    free(s);
    json_t *items = json_array();
    json_array_append_new(items, json_integer(1));
    s = dump(jout_list(items, "MTp4"));
    assert_string_equal(s, "{\"items\":[1],\"next_cursor\":\"MTp4\"}");
    free(s);
}

/* The design file decoder: a good file reads; each bad one is refused naming its key. */
static void test_design_files(void **state)
{
    (void)state;
    static const char good[] =
        "{\"version\":1,\"canvas\":{\"width_mm\":200,\"height_mm\":100,\"px_per_mm\":8},"
        "\"background\":null,\"area\":[[50,10],[150,10],[150,60],[50,60]],"
        "\"hairline\":{\"points\":[[50,10],[100,10],[150,10]],\"style\":\"soft\","
        "\"transition_mm\":6},\"density_per_cm2\":80,\"sessions\":[0.3,0.7,1.0],"
        "\"dot\":{\"diameter_mm\":0.25},\"pigment\":{\"color\":\"#2b2622\","
        "\"dilution_pct\":[60,40,40]},\"seed\":7}";
    struct sim_design d;
    struct err e;
    assert_int_equal(design_parse(good, strlen(good), &d, &e), 0);
    assert_int_equal(d.n_sessions, 3);
    assert_int_equal(d.seed, 7);
    static const struct {
        const char *from, *to, *field;
    } bad[] = {
        {"\"version\":1", "\"version\":2", "version"},
        {"\"width_mm\":200", "\"width_mm\":5000", "canvas.width_mm"},
        {"\"px_per_mm\":8", "\"px_per_m\":8", "canvas.px_per_m"},
        {"\"style\":\"soft\"", "\"style\":\"wavy\"", "hairline.style"},
        {"\"style\":\"soft\"", "\"stlye\":\"soft\"", "hairline.stlye"},
        {"[0.3,0.7,1.0]", "[0.7,0.3,1.0]", "sessions"},
        {"\"diameter_mm\":0.25", "\"diameter\":0.25", "dot.diameter"},
        {"\"color\":\"#2b2622\"", "\"color\":\"black\"", "pigment.color"},
        {"\"color\":\"#2b2622\"", "\"colour\":\"#2b2622\"", "pigment.colour"},
        {"[60,40,40]", "[60,40]", "pigment.dilution_pct"},
        {"\"seed\":7", "\"seed\":-7", "seed"},
        {"\"density_per_cm2\":80", "\"density_per_cm2\":80,\"extra\":1", "extra"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[1024];
        const char *at = strstr(good, bad[i].from);
        assert_non_null(at);
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, bad[i].to,
                 at + strlen(bad[i].from));
        assert_int_equal(design_parse(text, strlen(text), &d, &e), -1);
        assert_int_equal(e.code, ERR_INVALID);
        assert_string_equal(e.field, bad[i].field);
    }
    assert_int_equal(design_parse("[1]", 3, &d, &e), -1);
    assert_int_equal(e.code, ERR_MALFORMED);
    assert_int_equal(design_parse("{\"version\":", 11, &d, &e), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_body), cmocka_unit_test(test_design_files),
        cmocka_unit_test(test_only),       cmocka_unit_test(test_str),
        cmocka_unit_test(test_int),        cmocka_unit_test(test_id),
        cmocka_unit_test(test_ids),        cmocka_unit_test(test_client_out),
        cmocka_unit_test(test_clinic_out), cmocka_unit_test(test_practitioner_and_user_out),
        cmocka_unit_test(test_error_out),  cmocka_unit_test(test_time_and_list_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
