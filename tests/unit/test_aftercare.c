/*
 * test_aftercare.c — the aftercare timeline ends on session day + 4, + 10 and + 30 whatever the
 * clocks do (a session the week of the October change in London; a late-evening session whose
 * UTC date is the day before its local date), and the touch-up recall: three years by default,
 * sooner for oily skin and high sun, never before the floor, month ends clamped.
 */
#include "domain/aftercare.h"
#include "util/tz.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static void date_is(struct civil_date d, const char *want)
{
    char s[11];
    if (d.y == 0)
        strcpy(s, "open");
    else
        civil_format_date(d, s);
    assert_string_equal(s, want);
}

static void test_plan_across_the_october_change(void **state)
{
    (void)state;
    struct aftercare_item it[AFTERCARE_ITEMS];
    aftercare_plan((struct civil_date){2026, 10, 22}, it); /* UK clocks go back on 25 October */
    date_is(it[0].from, "2026-10-22");
    date_is(it[0].to, "2026-10-26");
    date_is(it[1].from, "2026-10-27");
    date_is(it[1].to, "2026-11-01");
    date_is(it[2].from, "2026-11-02");
    date_is(it[2].to, "open");
    date_is(it[3].to, "2026-11-21");
    date_is(it[4].from, "2026-11-22");
    assert_non_null(strstr(it[0].advice, "dry"));
    assert_non_null(strstr(it[1].advice, "foil shaver"));
    assert_non_null(strstr(it[2].advice, "mild shampoo"));
    assert_non_null(strstr(it[3].advice, "swimming pools"));
    assert_non_null(strstr(it[4].advice, "SPF 30–50"));
}

static void test_local_day_of_a_late_session(void **state)
{
    (void)state;
    /* 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): the plan counts from 1 July */
    int y, m, d, minute;
    assert_int_equal(tz_from_utc("Europe/London", 1782862200LL, &y, &m, &d, &minute), 3600);
    struct aftercare_item it[AFTERCARE_ITEMS];
    aftercare_plan((struct civil_date){y, m, d}, it);
    date_is(it[0].from, "2026-07-01");
    date_is(it[0].to, "2026-07-05");
    assert_int_equal(minute, 30);
    /* across the March change: a session on 27 March ends its first stage on 31 March */
    aftercare_plan((struct civil_date){2027, 3, 27}, it);
    date_is(it[0].to, "2027-03-31");
    date_is(it[3].to, "2027-04-26");
}

static void test_recall(void **state)
{
    (void)state;
    struct civil_date last = {2026, 5, 31};
    date_is(recall_due(last, false, false, &recall_defaults), "2029-05-31");
    date_is(recall_due(last, true, false, &recall_defaults), "2028-11-30"); /* clamped */
    date_is(recall_due(last, true, true, &recall_defaults), "2028-05-31");
    struct recall_rules strict = {18, 6, 6, 12};
    date_is(recall_due(last, true, true, &strict), "2027-05-31"); /* never under the floor */
    date_is(recall_due((struct civil_date){2026, 2, 28}, false, false, &recall_defaults),
            "2029-02-28");
}

/* The clinic's aftercare document gives each stage its words; stages it leaves out keep ours. */
static void test_advice_from_the_document(void **state)
{
    (void)state;
    struct aftercare_item items[AFTERCARE_ITEMS];
    aftercare_plan((struct civil_date){2026, 3, 2}, items);
    const char *builtin_long_term = items[4].advice;
    const char *body = "Our aftercare, reviewed by Dr A.\n\n"
                       "Days 0 to 4: no water at all on the scalp.\n\n"
                       "DAYS 5\xe2\x80\x93"
                       "10: use the balm we gave you.\n\n"
                       "From day 11: any mild shampoo.\n\n"
                       "Until day 30:   no pools.\n\n"
                       "Long term:\n\n"
                       "Questions? Call us.";
    char buf[512];
    assert_int_equal(aftercare_apply_document(body, items, buf, sizeof buf), 4);
    assert_string_equal(items[0].advice, "No water at all on the scalp.");
    assert_string_equal(items[1].advice, "Use the balm we gave you.");
    assert_string_equal(items[2].advice, "Any mild shampoo.");
    assert_string_equal(items[3].advice, "No pools.");
    assert_ptr_equal(items[4].advice, builtin_long_term); /* an empty stage keeps ours */
    assert_int_equal(items[0].to.d, 6);                   /* the dates are the plan's */
    char small[8];
    assert_int_equal(aftercare_apply_document(body, items, small, sizeof small), 0);
    assert_int_equal(aftercare_apply_document(NULL, items, buf, sizeof buf), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_across_the_october_change),
        cmocka_unit_test(test_local_day_of_a_late_session),
        cmocka_unit_test(test_recall),
        cmocka_unit_test(test_advice_from_the_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
