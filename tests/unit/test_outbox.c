/*
 * test_outbox.c — the outbox worker with the SMS test double: a queued text is delivered once
 * through the provider interface and marked sent; a client who opted out gets nothing and the
 * message reads "skipped" with the reason; a message due later waits. A real SQLite file is
 * shared by the test and the worker's own connection.
 */
#include "notify/outbox.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_message.h"
#include "store/store_migrate.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

static char dir[] = "/tmp/stipple-outbox-XXXXXX";
static char url[128];

/* The status of message id, polled until it is not "queued"/"sending" or 5 s pass. */
static const char *status_of(struct db *db, struct arena *a, long long client_id, long long id,
                             bool wait)
{
    for (int i = 0; i < (wait ? 250 : 1); i++) {
        struct message *items;
        int n;
        struct err e;
        assert_int_equal(store_message_list(db, a, client_id, &items, &n, &e), 0);
        for (int k = 0; k < n; k++)
            if (items[k].id == id && strcmp(items[k].status, "queued") &&
                strcmp(items[k].status, "sending"))
                return items[k].status;
        if (wait)
            usleep(20000);
    }
    return "queued";
}

static long long queue(struct db *db, long long client_id, const char *key, long long after)
{
    struct message m = {.client_id = client_id,
                        .kind = "reminder",
                        .channel = "sms",
                        .to_addr = "+447700900123",
                        .subject = "Reminder",
                        .body = "See you on Tuesday at 10:00",
                        .dedupe_key = key,
                        .send_after = after};
    bool added;
    struct err e;
    assert_int_equal(store_message_add(db, &m, (long long)time(NULL), &added, &e), 0);
    assert_true(added);
    assert_int_equal(store_message_add(db, &m, (long long)time(NULL), &added, &e), 0);
    assert_false(added); /* the same dedupe key is queued once */
    struct arena a = {0};
    struct message *items;
    int n;
    assert_int_equal(store_message_list(db, &a, client_id, &items, &n, &e), 0);
    long long id = items[0].id;
    arena_free(&a);
    return id;
}

static void test_worker_with_the_sms_double(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(url, sizeof url, "sqlite:%s/outbox.db", dir);
    struct db *db;
    struct err e = {0};
    int applied;
    assert_int_equal(db_open(url, "NORMAL", &db, &e), 0);
    assert_int_equal(store_migrate(db, &applied, &e), 0);
    struct arena a = {0};
    long long now = (long long)time(NULL);
    struct clinic clinic = {
        .name = "Outbox Clinic", .timezone = "Europe/London", .currency = "GBP"};
    clinic.rules = eligibility_defaults;
    clinic.buffer_min = 15, clinic.grid_min = 15;
    assert_int_equal(store_clinic_add(db, &a, &clinic, now, &e), 0);
    struct client ann = {.first_name = "Ann", .last_name = "Text", .clinic_id = clinic.id},
                  bob = {.first_name = "Bob", .last_name = "Quiet", .clinic_id = clinic.id};
    assert_int_equal(store_client_add(db, &a, &ann, now, &e), 0);
    assert_int_equal(store_client_add(db, &a, &bob, now, &e), 0);
    assert_int_equal(store_client_set_opt_out(db, bob.id, true, &e), 0);
    long long due = queue(db, ann.id, "t-ann", now - 1),
              quiet = queue(db, bob.id, "t-bob", now - 1),
              later = queue(db, ann.id, "t-later", now + 3600);

    struct config cfg = {.db = url,
                         .sqlite_sync = "NORMAL",
                         .smtp_url = "",
                         .mail_from = "x@y",
                         .outbox_poll_ms = 20,
                         .outbox_retry_s = 1};
    struct sms_provider sms;
    sms_recorder(&sms);
    struct outbox *o;
    assert_int_equal(outbox_start(&cfg, &sms, &o, &e), 0);
    assert_non_null(o);
    assert_string_equal(status_of(db, &a, ann.id, due, true), "sent");
    assert_string_equal(status_of(db, &a, bob.id, quiet, true), "skipped");
    usleep(200000);
    assert_string_equal(status_of(db, &a, ann.id, later, false), "queued");
    outbox_stop(o);
    assert_non_null(sms.sent);
    assert_string_equal(sms.sent, "+447700900123\tSee you on Tuesday at 10:00\n"); /* once */
    free(sms.sent);
    arena_free(&a);
    db_close(db);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_worker_with_the_sms_double)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
