/*
 * test_config.c — the settings reader (util/config.h): the defaults an operator gets with no
 * configuration, an INI file overriding them, STIPPLE_* environment variables overriding the
 * file, and bad values or unknown keys failing with the setting named in err.field so the
 * operator knows which line to fix.
 */
#include "util/config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every variable config_load reads; cleared before each test so the caller's shell cannot
 * change the outcome. */
static const char *const env_vars[] = {
    "STIPPLE_CONFIG",
    "STIPPLE_DB",
    "STIPPLE_LISTEN",
    "STIPPLE_THREADS",
    "STIPPLE_TLS",
    "STIPPLE_TRUST_PROXY",
    "STIPPLE_ACCESS_LOG",
    "STIPPLE_SESSION_IDLE_MIN",
    "STIPPLE_SESSION_MAX_HOURS",
    "STIPPLE_LOGIN_FAIL_ACCOUNT",
    "STIPPLE_LOGIN_FAIL_ADDR",
    "STIPPLE_LOGIN_WINDOW_MIN",
    "STIPPLE_HASH_CONCURRENCY",
    "STIPPLE_SQLITE_SYNC",
};

struct fixture {
    char path[64]; /* the temporary INI file, "" when none */
};

static int setup(void **state)
{
    for (size_t i = 0; i < sizeof env_vars / sizeof env_vars[0]; i++)
        unsetenv(env_vars[i]);
    struct fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    if (f->path[0])
        unlink(f->path);
    free(f);
    for (size_t i = 0; i < sizeof env_vars / sizeof env_vars[0]; i++)
        unsetenv(env_vars[i]);
    return 0;
}

/* Writes text to a new temporary file and returns its path (removed by teardown). */
static const char *ini(void **state, const char *text)
{
    struct fixture *f = *state;
    assert_true(f->path[0] == 0);
    strcpy(f->path, "/tmp/stipple-test-config-XXXXXX");
    int fd = mkstemp(f->path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    assert_true(fputs(text, fp) >= 0);
    assert_int_equal(fclose(fp), 0);
    return f->path;
}

static void test_defaults(void **state)
{
    (void)state;
    struct config c;
    struct err e = {0};
    assert_int_equal(config_load(&c, NULL, &e), 0);
    assert_string_equal(c.db, "sqlite:./stipple-data/stipple.db");
    assert_string_equal(c.listen, "127.0.0.1:8080");
    assert_int_equal(c.threads, 0);
    assert_false(c.tls);
    assert_false(c.trust_proxy);
    assert_true(c.access_log);
    assert_int_equal(c.session_idle_min, 30);
    assert_int_equal(c.session_max_hours, 12);
    assert_int_equal(c.login_fail_account, 10);
    assert_int_equal(c.login_fail_addr, 50);
    assert_int_equal(c.login_window_min, 15);
    assert_int_equal(c.hash_concurrency, 0);
    assert_string_equal(c.sqlite_sync, "FULL");
    config_free(&c);
    assert_null(c.db);
    assert_null(c.listen);
}

static void test_ini_overrides_defaults(void **state)
{
    const char *path = ini(state, "; stipple settings\n"
                                  "db = sqlite:/var/lib/stipple/clinic.db\n"
                                  "[http]\n"
                                  "listen = 0.0.0.0:9090\n"
                                  "threads = 8\n"
                                  "tls = yes\n"
                                  "access_log = off\n"
                                  "[sessions]\n"
                                  "session_idle_min = 45\n"
                                  "session_max_hours = 24\n"
                                  "sqlite_sync = NORMAL\n");
    struct config c;
    struct err e = {0};
    assert_int_equal(config_load(&c, path, &e), 0);
    assert_string_equal(c.db, "sqlite:/var/lib/stipple/clinic.db");
    assert_string_equal(c.listen, "0.0.0.0:9090");
    assert_int_equal(c.threads, 8);
    assert_true(c.tls);
    assert_false(c.access_log);
    assert_int_equal(c.session_idle_min, 45);
    assert_int_equal(c.session_max_hours, 24);
    assert_string_equal(c.sqlite_sync, "NORMAL");
    /* untouched settings keep their defaults */
    assert_int_equal(c.login_fail_account, 10);
    assert_false(c.trust_proxy);
    config_free(&c);
}

static void test_config_file_from_environment(void **state)
{
    const char *path = ini(state, "listen = 127.0.0.1:7000\n");
    setenv("STIPPLE_CONFIG", path, 1);
    struct config c;
    struct err e = {0};
    assert_int_equal(config_load(&c, NULL, &e), 0);
    assert_string_equal(c.listen, "127.0.0.1:7000");
    config_free(&c);
}

static void test_environment_overrides_file(void **state)
{
    const char *path = ini(state, "listen = 127.0.0.1:7000\n"
                                  "session_idle_min = 45\n"
                                  "tls = true\n"
                                  "db = sqlite:from-file.db\n");
    setenv("STIPPLE_LISTEN", "[::1]:8443", 1);
    setenv("STIPPLE_SESSION_IDLE_MIN", "5", 1);
    setenv("STIPPLE_TLS", "false", 1);
    struct config c;
    struct err e = {0};
    assert_int_equal(config_load(&c, path, &e), 0);
    assert_string_equal(c.listen, "[::1]:8443");
    assert_int_equal(c.session_idle_min, 5);
    assert_false(c.tls);
    assert_string_equal(c.db, "sqlite:from-file.db"); /* not in the environment: the file's */
    config_free(&c);
}

/* Loads with the INI text (or none) and expects failure naming field. */
static void fails_naming(void **state, const char *text, const char *field)
{
    const char *path = text ? ini(state, text) : NULL;
    struct config c;
    struct err e = {0};
    if (config_load(&c, path, &e) != -1)
        fail_msg("config %s accepted", text ? text : "(environment)");
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.field, field);
    assert_true(e.msg[0] != 0);
    config_free(&c);
}

static void test_bad_threads(void **state)
{
    fails_naming(state, "threads = abc\n", "threads");
}

static void test_bad_threads_range(void **state)
{
    fails_naming(state, "threads = 257\n", "threads");
}

static void test_bad_bool(void **state)
{
    fails_naming(state, "tls = maybe\n", "tls");
}

static void test_bad_session_idle(void **state)
{
    fails_naming(state, "session_idle_min = 0\n", "session_idle_min");
}

static void test_bad_trailing_garbage(void **state)
{
    fails_naming(state, "session_max_hours = 12h\n", "session_max_hours");
}

static void test_bad_sqlite_sync(void **state)
{
    fails_naming(state, "sqlite_sync = fast\n", "sqlite_sync");
}

static void test_unknown_key(void **state)
{
    fails_naming(state, "listen = 127.0.0.1:8080\nlisten_port = 80\n", "listen_port");
}

static void test_bad_environment_value(void **state)
{
    setenv("STIPPLE_THREADS", "many", 1);
    fails_naming(state, NULL, "threads");
    unsetenv("STIPPLE_THREADS");
    setenv("STIPPLE_SESSION_IDLE_MIN", "0", 1);
    fails_naming(state, NULL, "session_idle_min");
}

static void test_missing_file(void **state)
{
    (void)state;
    struct config c;
    struct err e = {0};
    assert_int_equal(config_load(&c, "/nonexistent/stipple.ini", &e), -1);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.field, "config");
    config_free(&c);
}

static void test_config_set(void **state)
{
    (void)state;
    struct config c;
    struct err e = {0};
    assert_int_equal(config_load(&c, NULL, &e), 0);
    assert_int_equal(config_set(&c, "listen", "127.0.0.1:0", &e), 0);
    assert_string_equal(c.listen, "127.0.0.1:0");
    assert_int_equal(config_set(&c, "trust_proxy", "ON", &e), 0);
    assert_true(c.trust_proxy);
    assert_int_equal(config_set(&c, "threads", "-1", &e), -1);
    assert_string_equal(e.field, "threads");
    assert_int_equal(config_set(&c, "no_such_setting", "1", &e), -1);
    assert_string_equal(e.field, "no_such_setting");
    config_free(&c);
}

static void test_help_lists_every_setting(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    config_help(out);
    assert_int_equal(fclose(out), 0);
    assert_non_null(strstr(text, "STIPPLE_SESSION_IDLE_MIN"));
    assert_non_null(strstr(text, "sqlite:./stipple-data/stipple.db"));
    for (size_t i = 1; i < sizeof env_vars / sizeof env_vars[0]; i++)
        if (!strstr(text, env_vars[i]))
            fail_msg("--help does not mention %s", env_vars[i]);
    free(text);
}

/* Passwords in database URLs never reach messages. */
static void test_redact(void **state)
{
    (void)state;
    char out[256];
    config_redact("postgresql://stip:s3cret@db.example/stipple?sslmode=require", out, sizeof out);
    assert_string_equal(out, "postgresql://stip:***@db.example/stipple?sslmode=require");
    config_redact("postgresql:///stipple?host=/run/pg&password=s3cret&user=u", out, sizeof out);
    assert_string_equal(out, "postgresql:///stipple?host=/run/pg&password=***&user=u");
    config_redact("sqlite:./stipple-data/stipple.db", out, sizeof out);
    assert_string_equal(out, "sqlite:./stipple-data/stipple.db");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_redact),
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ini_overrides_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_file_from_environment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_environment_overrides_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_threads_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_bool, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_session_idle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_trailing_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_sqlite_sync, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_environment_value, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help_lists_every_setting, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
