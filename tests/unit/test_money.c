/*
 * test_money.c — prices and finance in pence: Norwood/Ludwig/Savin and size banding, the
 * uplift and discount rounding half up, deposits, the "£1,800.00" format, and instalment plans
 * against figures worked out independently (Python's decimal module at 50 digits, the same
 * rules: (1 + r)^12 = 1 + APR, interest rounded half up monthly, the last instalment clears).
 */
#include "domain/money.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

static void test_areas(void **state)
{
    (void)state;
    for (int a = 0; a < AREA_COUNT; a++)
        assert_int_equal(area_parse(area_name((enum price_area)a)), a);
    assert_int_equal(area_parse("eyebrows"), -1);
    assert_int_equal(area_parse(NULL), -1);
    assert_false(area_banded(AREA_TOUCH_UP));
    assert_string_equal(band_name(AREA_HAIRLINE, 1), "Norwood IV–V");
    assert_string_equal(band_name(AREA_SCAR, 0), "up to 10 cm²");
    assert_null(band_name(AREA_CORRECTION, 0));
}

static void test_bands(void **state)
{
    (void)state;
    const char *f;
    /* men: II–III below IV–V below VI–VII */
    const char *low[] = {"I", "II", "IIa", "III", "IIIa", "III-vertex"},
               *mid[] = {"IV", "IVa", "V", "Va"};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(price_band(AREA_HAIRLINE, "norwood", low[i], -1, &f), 0);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(price_band(AREA_FULL_SCALP, "norwood", mid[i], -1, &f), 1);
    assert_int_equal(price_band(AREA_CROWN, "norwood", "VII", -1, &f), 2);
    /* women */
    assert_int_equal(price_band(AREA_DENSITY, "ludwig", "II", -1, &f), 1);
    assert_int_equal(price_band(AREA_DENSITY, "savin", "I-3", -1, &f), 0);
    assert_int_equal(price_band(AREA_DENSITY, "savin", "advanced", -1, &f), 2);
    /* missing or wrong stage names the field */
    assert_int_equal(price_band(AREA_HAIRLINE, NULL, NULL, -1, &f), -1);
    assert_string_equal(f, "stage");
    assert_int_equal(price_band(AREA_HAIRLINE, "norwood", "VIII", -1, &f), -1);
    assert_string_equal(f, "stage");
    assert_int_equal(price_band(AREA_HAIRLINE, "sinclair", "2", -1, &f), -1);
    assert_string_equal(f, "scale");
    /* scars and patches by size: small ≤ 10 cm² */
    assert_int_equal(price_band(AREA_SCAR, NULL, NULL, 10, &f), 0);
    assert_int_equal(price_band(AREA_SCAR, NULL, NULL, 10.5, &f), 1);
    assert_int_equal(price_band(AREA_PATCH, NULL, NULL, 31, &f), 2);
    assert_int_equal(price_band(AREA_PATCH, NULL, NULL, -1, &f), -1);
    assert_string_equal(f, "size_cm2");
    assert_int_equal(price_band(AREA_TOUCH_UP, NULL, NULL, -1, &f), 0);
}

static void test_defaults_in_published_ranges(void **state)
{
    (void)state;
    struct price_book b;
    price_book_default(&b);
    assert_int_equal(b.sessions_included, 3);
    assert_int_equal(b.pence[AREA_TOUCH_UP][0], 20000);
    assert_true(b.pence[AREA_SCAR][0] >= 30000 && b.pence[AREA_SCAR][0] <= 45000);
    assert_true(b.pence[AREA_PATCH][0] >= 30000 && b.pence[AREA_PATCH][0] <= 45000);
    for (int a = AREA_HAIRLINE; a <= AREA_FULL_SCALP; a++) {
        assert_true(b.pence[a][0] >= 100000 && b.pence[a][2] <= 350000);
        assert_true(b.pence[a][0] < b.pence[a][1] && b.pence[a][1] < b.pence[a][2]);
    }
}

static void test_rounding(void **state)
{
    (void)state;
    assert_int_equal(money_uplift(150000, 20), 180000);
    assert_int_equal(money_uplift(33333, 15), 38333); /* 38332.95 → up */
    assert_int_equal(money_uplift(10, 5), 11);        /* 10.5 → 11: half up */
    assert_int_equal(money_uplift(30, 5), 32);        /* 31.5 → 32 */
    assert_int_equal(money_uplift(99999, 0), 99999);
    assert_int_equal(money_percent(180000, 1000), 18000); /* 10 % */
    assert_int_equal(money_percent(12345, 1250), 1543);   /* 1543.125 → 1543 */
    assert_int_equal(money_percent(12342, 1250), 1543);   /* 1542.75 → 1543 */
    assert_int_equal(money_percent(2, 2500), 1);          /* 0.5 → 1 */
    struct price_book b;
    price_book_default(&b);
    assert_int_equal(money_deposit(&b, 180000), 36000);
    b.deposit_pct_bp = 0, b.deposit_fixed = 25000;
    assert_int_equal(money_deposit(&b, 180000), 25000);
    assert_int_equal(money_deposit(&b, 20000), 20000); /* never above the total */
}

static void test_format(void **state)
{
    (void)state;
    char s[64];
    assert_string_equal(money_format(180000, "GBP", s, sizeof s), "£1,800.00");
    assert_string_equal(money_format(5, "GBP", s, sizeof s), "£0.05");
    assert_string_equal(money_format(123456789, "EUR", s, sizeof s), "€1,234,567.89");
    assert_string_equal(money_format(-2050, "GBP", s, sizeof s), "-£20.50");
    assert_string_equal(money_format(100000, "CHF", s, sizeof s), "CHF 1,000.00");
    assert_string_equal(money_format(99999, "USD", s, sizeof s), "$999.99");
}

static void test_finance(void **state)
{
    (void)state;
    struct finance f;
    /* £2,000 over 12 months at 9.9 % APR */
    assert_int_equal(finance_plan(200000, 12, 990, &f), 0);
    assert_int_equal(f.monthly, 17535);
    assert_int_equal(f.last, 17531);
    assert_int_equal(f.total, 210416);
    assert_int_equal(f.cost, 10416);
    assert_int_equal(f.rate_pa_bp, 948);
    assert_int_equal(f.monthly * 11 + f.last, f.total);
    /* £2,000 over 12 months at 0 %: no cost; the last instalment absorbs the rounding */
    assert_int_equal(finance_plan(200000, 12, 0, &f), 0);
    assert_int_equal(f.monthly, 16667);
    assert_int_equal(f.last, 16663);
    assert_int_equal(f.total, 200000);
    assert_int_equal(f.cost, 0);
    /* £1,800 over 24 months at 19.9 % APR */
    assert_int_equal(finance_plan(180000, 24, 1990, &f), 0);
    assert_int_equal(f.monthly, 9011);
    assert_int_equal(f.last, 9021);
    assert_int_equal(f.total, 216274);
    assert_int_equal(f.cost, 36274);
    /* £1 over 3 months */
    assert_int_equal(finance_plan(100, 3, 0, &f), 0);
    assert_int_equal(f.monthly, 33);
    assert_int_equal(f.last, 34);
    /* one month: the whole amount */
    assert_int_equal(finance_plan(50000, 1, 990, &f), 0);
    assert_int_equal(f.total, f.last);
    assert_true(f.cost > 0 && f.cost < 500);
    /* refusals */
    assert_int_equal(finance_plan(-1, 12, 0, &f), -1);
    assert_int_equal(finance_plan(100, 0, 0, &f), -1);
    assert_int_equal(finance_plan(100, 121, 0, &f), -1);
    assert_int_equal(finance_plan(100, 12, 10000, &f), -1);
    /* extremes stay exact: the payments always add up */
    assert_int_equal(finance_plan(100000000000LL, 120, 9999, &f), 0);
    assert_int_equal(f.monthly * 119 + f.last, f.total);
    assert_true(f.last > 0 && f.cost > 0);
    /* £1.50 over 100 months at 0 %: 2p a month would overpay by 48p, so 1p and a last 51p */
    assert_int_equal(finance_plan(150, 100, 0, &f), 0);
    assert_int_equal(f.monthly, 1);
    assert_int_equal(f.last, 51);
    assert_int_equal(f.total, 150);
}

/* Whatever the sum, term and rate, no instalment is negative and they add up to the total. */
static void test_finance_never_negative(void **state)
{
    (void)state;
    struct finance f;
    const int aprs[] = {0, 1, 990, 2990, 9999};
    for (long long p = 0; p <= 5000; p += p < 300 ? 7 : 499)
        for (int m = 1; m <= 120; m += m < 12 ? 1 : 9)
            for (size_t a = 0; a < sizeof aprs / sizeof aprs[0]; a++) {
                assert_int_equal(finance_plan(p, m, aprs[a], &f), 0);
                assert_true(f.monthly >= 0 && f.last >= 0);
                assert_int_equal(f.monthly * (m - 1) + f.last, f.total);
                assert_true(f.total >= p);
            }
}

static void test_finance_example(void **state)
{
    (void)state;
    struct finance f;
    char s[512], p[16];
    assert_int_equal(finance_plan(200000, 12, 990, &f), 0);
    finance_example(&f, "GBP", s, sizeof s);
    assert_string_equal(s, "Representative example: borrowing £2,000.00 over 12 months. 11 monthly "
                           "payments of £175.35 and a final payment of £175.31. Total amount "
                           "payable £2,104.16; total cost of credit £104.16. Rate of interest "
                           "9.48% p.a. (fixed). Representative 9.9% APR.");
    assert_int_equal(finance_plan(120000, 12, 0, &f), 0);
    finance_example(&f, "GBP", s, sizeof s);
    assert_non_null(strstr(s, "12 monthly payments of £100.00. Total amount payable £1,200.00; "
                              "total cost of credit £0.00. Rate of interest 0.00% p.a. (fixed). "
                              "Representative 0% APR."));
    assert_string_equal(percent_text(1295, p, sizeof p), "12.95");
    assert_string_equal(percent_text(2000, p, sizeof p), "20");
    assert_string_equal(percent_text(1250, p, sizeof p), "12.5");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_areas),
        cmocka_unit_test(test_bands),
        cmocka_unit_test(test_defaults_in_published_ranges),
        cmocka_unit_test(test_rounding),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_finance),
        cmocka_unit_test(test_finance_never_negative),
        cmocka_unit_test(test_finance_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
