/*
 * test_domain.c — the pure domain layer: civil dates and UTC instants (civil.h), the value rules
 * records must meet before they are stored (validate.h), and how client names, e-mail addresses,
 * phone numbers and search queries are cut into search terms (search.h). No I/O: these are the
 * rules a user meets as "that date does not exist", "that field is wrong" and "search found
 * nobody".
 */
#include "domain/civil.h"
#include "domain/links.h"
#include "domain/search.h"
#include "domain/validate.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- civil.h ---------------------------------------------------------------------------- */

static void parses(const char *s, int y, int m, int d)
{
    struct civil_date c = {0};
    if (!civil_parse_date(s, &c))
        fail_msg("\"%s\" should parse", s);
    assert_int_equal(c.y, y);
    assert_int_equal(c.m, m);
    assert_int_equal(c.d, d);
}

static void refuses_date(const char *s)
{
    struct civil_date c;
    if (civil_parse_date(s, &c))
        fail_msg("\"%s\" should not parse", s ? s : "(null)");
}

static void test_parse_real_dates(void **state)
{
    (void)state;
    parses("2026-11-22", 2026, 11, 22);
    parses("2024-02-29", 2024, 2, 29); /* leap year */
    parses("2000-02-29", 2000, 2, 29); /* divisible by 400: leap */
    parses("1000-01-01", 1000, 1, 1);
    parses("9999-12-31", 9999, 12, 31);
    parses("2026-01-31", 2026, 1, 31);
    parses("2026-04-30", 2026, 4, 30);
}

static void test_parse_unreal_dates(void **state)
{
    (void)state;
    refuses_date("2026-02-29"); /* not a leap year */
    refuses_date("1900-02-29"); /* divisible by 100 but not 400 */
    refuses_date("2026-02-30");
    refuses_date("2026-04-31");
    refuses_date("2026-13-01");
    refuses_date("2026-00-10");
    refuses_date("2026-01-00");
    refuses_date("2026-01-32");
    refuses_date("0999-12-31"); /* before year 1000 */
}

static void test_parse_bad_formats(void **state)
{
    (void)state;
    refuses_date(NULL);
    refuses_date("");
    refuses_date("2026-1-05");
    refuses_date("2026-01-5");
    refuses_date("26-01-05");
    refuses_date("2026/01/05");
    refuses_date("20260105");
    refuses_date("2026-01-05T00:00:00Z");
    refuses_date(" 2026-01-05");
    refuses_date("2026-01-05 ");
    refuses_date("+026-01-05");
    refuses_date("2026-0a-05");
    refuses_date("2026-01--5");
    refuses_date("22-11-2026");
}

static void test_days_in_month(void **state)
{
    (void)state;
    assert_int_equal(civil_days_in_month(2026, 1), 31);
    assert_int_equal(civil_days_in_month(2026, 2), 28);
    assert_int_equal(civil_days_in_month(2024, 2), 29);
    assert_int_equal(civil_days_in_month(1900, 2), 28);
    assert_int_equal(civil_days_in_month(2000, 2), 29);
    assert_int_equal(civil_days_in_month(2026, 4), 30);
    assert_int_equal(civil_days_in_month(2026, 12), 31);
}

static void test_days_known_values(void **state)
{
    (void)state;
    assert_int_equal(civil_days((struct civil_date){1970, 1, 1}), 0);
    assert_int_equal(civil_days((struct civil_date){1970, 1, 2}), 1);
    assert_true(civil_days((struct civil_date){1969, 12, 31}) == -1);
    assert_int_equal(civil_days((struct civil_date){2000, 3, 1}), 11017);
    assert_int_equal(civil_days((struct civil_date){2024, 2, 29}), 19782);
    assert_true(civil_days((struct civil_date){1900, 1, 1}) == -25567);
}

/* Every day from 1000-01-01 to 9999-12-31: days → date → days is the identity, and consecutive
 * day numbers are consecutive calendar days. */
static void test_days_round_trip(void **state)
{
    (void)state;
    struct civil_date first = {1000, 1, 1}, last = {9999, 12, 31};
    long long lo = civil_days(first), hi = civil_days(last);
    struct civil_date prev = civil_from_days(lo);
    assert_int_equal(civil_cmp(prev, first), 0);
    for (long long d = lo + 1; d <= hi; d++) {
        struct civil_date c = civil_from_days(d);
        if (civil_days(c) != d)
            fail_msg("round trip broke at day %lld (%04d-%02d-%02d)", d, c.y, c.m, c.d);
        struct civil_date want = prev;
        if (++want.d > civil_days_in_month(want.y, want.m)) {
            want.d = 1;
            if (++want.m > 12) {
                want.m = 1;
                want.y++;
            }
        }
        if (civil_cmp(c, want) != 0)
            fail_msg("day %lld is %04d-%02d-%02d, expected %04d-%02d-%02d", d, c.y, c.m, c.d,
                     want.y, want.m, want.d);
        prev = c;
    }
    assert_int_equal(civil_cmp(prev, last), 0);
}

static void test_cmp_and_format_date(void **state)
{
    (void)state;
    struct civil_date a = {2026, 2, 28}, b = {2026, 3, 1}, c = {2025, 12, 31};
    assert_true(civil_cmp(a, b) < 0);
    assert_true(civil_cmp(b, a) > 0);
    assert_true(civil_cmp(c, a) < 0);
    assert_int_equal(civil_cmp(a, a), 0);
    char s[11];
    civil_format_date((struct civil_date){2026, 1, 5}, s);
    assert_string_equal(s, "2026-01-05");
    civil_format_date((struct civil_date){1000, 12, 31}, s);
    assert_string_equal(s, "1000-12-31");
}

static void utc_is(long long t, const char *want)
{
    char s[21];
    memset(s, 'x', sizeof s);
    civil_format_utc(t, s);
    if (strcmp(s, want) != 0)
        fail_msg("civil_format_utc(%lld) = \"%.21s\", expected \"%s\"", t, s, want);
}

static void test_format_utc(void **state)
{
    (void)state;
    utc_is(0, "1970-01-01T00:00:00Z");
    utc_is(1795306242, "2026-11-22T00:10:42Z");
    utc_is(951782400, "2000-02-29T00:00:00Z");
    utc_is(1709251199, "2024-02-29T23:59:59Z");
    utc_is(253402300799LL, "9999-12-31T23:59:59Z");
    /* Before 1970: seconds still count forwards within the day. */
    utc_is(-1, "1969-12-31T23:59:59Z");
    utc_is(-86400, "1969-12-31T00:00:00Z");
    utc_is(-86401, "1969-12-30T23:59:59Z");
    utc_is(-2208988800LL, "1900-01-01T00:00:00Z");
}

static void test_date_of(void **state)
{
    (void)state;
    struct civil_date d = civil_date_of(1795306242);
    assert_int_equal(civil_cmp(d, (struct civil_date){2026, 11, 22}), 0);
    d = civil_date_of(-1);
    assert_int_equal(civil_cmp(d, (struct civil_date){1969, 12, 31}), 0);
    d = civil_date_of(86399);
    assert_int_equal(civil_cmp(d, (struct civil_date){1970, 1, 1}), 0);
}

/* ---- validate.h ------------------------------------------------------------------------- */

static void test_valid_email(void **state)
{
    (void)state;
    static const char *const good[] = {
        "ann@example.com",  "Ann.Smith+smp@mail.example.co.uk",
        "a@b.io",           "x_y-z@sub-domain.example.org",
        "ANN@EXAMPLE.COM",  "o'brien@example.ie",
        "1234@123.example",
    };
    static const char *const bad[] = {
        "",
        "ann",
        "ann@",
        "@example.com",
        "ann@example",
        "ann@@example.com",
        "ann@ex@ample.com",
        "ann smith@example.com",
        "ann@exa mple.com",
        "ann@-example.com",
        "ann@example-.com",
        "ann@example..com",
        "ann@.example.com",
        "ann@example.com.",
        ".ann@example.com",
        "ann.@example.com",
        "an..n@example.com",
        "ann@exam_ple.com",
        "ann@examplé.com",
        "<ann>@example.com",
        "ann,bob@example.com",
        "ann@example.com\n",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!valid_email(good[i]))
            fail_msg("\"%s\" should be a valid email", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (valid_email(bad[i]))
            fail_msg("\"%s\" should not be a valid email", bad[i]);
    assert_false(valid_email(NULL));

    /* Length limits: 64 bytes of local part, 254 in all. */
    char s[400];
    memset(s, 'a', 64);
    strcpy(s + 64, "@example.com");
    assert_true(valid_email(s));
    memset(s, 'a', 65);
    strcpy(s + 65, "@example.com");
    assert_false(valid_email(s));
    /* a@ + three 63-letter labels + a 61-letter one: 255 bytes; one letter less is 254. */
    strcpy(s, "a@");
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(s);
        memset(s + n, 'b' + i, 63);
        strcpy(s + n + 63, ".");
    }
    size_t n = strlen(s);
    memset(s + n, 'e', 61);
    s[n + 61] = 0;
    assert_int_equal(strlen(s), 255);
    assert_false(valid_email(s));
    s[n + 60] = 0;
    assert_true(valid_email(s));
    /* A label may have at most 63 characters. */
    strcpy(s, "a@");
    memset(s + 2, 'b', 64);
    strcpy(s + 66, ".com");
    assert_false(valid_email(s));
}

static void test_valid_phone(void **state)
{
    (void)state;
    assert_true(valid_phone("07700 900123"));
    assert_true(valid_phone("+44 7700 900123"));
    assert_true(valid_phone("(020) 7946-0958"));
    assert_true(valid_phone("+1.415.555.2671"));
    assert_true(valid_phone("123456"));
    assert_true(valid_phone("12345678901234567890")); /* 20 digits */
    assert_false(valid_phone(NULL));
    assert_false(valid_phone(""));
    assert_false(valid_phone("12345"));                 /* 5 digits */
    assert_false(valid_phone("123456789012345678901")); /* 21 digits */
    assert_false(valid_phone("+"));
    assert_false(valid_phone("07700 9OO123")); /* letter O */
    assert_false(valid_phone("44+7700900123"));
    assert_false(valid_phone("++447700900123"));
    assert_false(valid_phone("07700/900123"));
    assert_false(valid_phone("07700 900123 ext 4"));
}

static void test_valid_currency(void **state)
{
    (void)state;
    static const char *const good[] = {"GBP", "EUR", "USD", "AED", "AUD", "CAD", "CHF", "CZK",
                                       "DKK", "HUF", "INR", "JPY", "MXN", "NOK", "NZD", "PLN",
                                       "RON", "SEK", "SGD", "TRY", "ZAR", "ZWG"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!valid_currency(good[i]))
            fail_msg("%s should be a currency", good[i]);
    assert_false(valid_currency("XYZ"));
    assert_false(valid_currency("gbp"));
    assert_false(valid_currency("Gbp"));
    assert_false(valid_currency("GB"));
    assert_false(valid_currency("GBPX"));
    assert_false(valid_currency(""));
    assert_false(valid_currency(NULL));
}

static void test_valid_text_limits(void **state)
{
    (void)state;
    assert_true(valid_text("abc", 1, 3, true));
    assert_false(valid_text("abcd", 1, 3, true));
    assert_false(valid_text("", 1, 3, true));
    assert_true(valid_text("", 0, 3, true));
    assert_true(valid_text(NULL, 0, 3, true));
    assert_false(valid_text(NULL, 1, 3, true));
    assert_false(valid_text("ab", 3, 10, true));
}

/* Limits count characters (code points), not bytes. */
static void test_valid_text_code_points(void **state)
{
    (void)state;
    assert_int_equal(strlen("Łukasz"), 7);
    assert_true(valid_text("Łukasz", 1, 6, true));
    assert_false(valid_text("Łukasz", 1, 5, true));
    assert_true(valid_text("Łukasz", 6, 6, true));
    assert_true(valid_text("\xF0\x9F\x98\x80", 1, 1, true)); /* one emoji, 4 bytes */
    assert_true(valid_text("日本語", 3, 3, true));
}

static void test_valid_text_refuses_bad_utf8(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\x80",             /* lone continuation byte */
        "a\xC3\x28",        /* lead byte without continuation */
        "\xE2\x82",         /* truncated sequence */
        "\xC0\xAF",         /* overlong '/' */
        "\xE0\x80\xAF",     /* overlong, 3 bytes */
        "\xED\xA0\x80",     /* UTF-16 surrogate */
        "\xF4\x90\x80\x80", /* above U+10FFFF */
        "\xF8\x88\x80\x80\x80",
        "\xFF",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (valid_text(bad[i], 0, 100, true) || valid_text(bad[i], 0, 100, false))
            fail_msg("bad UTF-8 #%zu accepted", i);
    }
}

static void test_valid_text_controls(void **state)
{
    (void)state;
    /* One-line text refuses every control character. */
    assert_false(valid_text("a\tb", 0, 10, true));
    assert_false(valid_text("a\nb", 0, 10, true));
    assert_false(valid_text("a\rb", 0, 10, true));
    assert_false(valid_text("a\x01"
                            "b",
                            0, 10, true));
    /* Multi-line text allows tab, CR and LF but no other control. */
    assert_true(valid_text("line 1\r\nline\t2\n", 0, 100, false));
    assert_false(valid_text("a\x01"
                            "b",
                            0, 10, false));
    assert_false(valid_text("a\x1b[31m", 0, 10, false)); /* ESC */
    assert_false(valid_text("a\x7f", 0, 10, false));     /* DEL */
    assert_false(valid_text("a\xC2\x85", 0, 10, false)); /* U+0085, a C1 control */
    assert_true(valid_text("a\xC2\xA0"
                           "b",
                           0, 10, true)); /* U+00A0 no-break space is fine */
}

/* A client with every field wrong; fixing one field at a time must move the reported field
 * along in API order. */
static void test_client_check_first_bad_field(void **state)
{
    (void)state;
    char long_notes[10002];
    memset(long_notes, 'n', sizeof long_notes - 1);
    long_notes[sizeof long_notes - 1] = 0;
    struct client c = {
        .first_name = "",
        .last_name = "Smith\n",
        .email = "not-an-email",
        .phone = "12",
        .date_of_birth = "2026-02-29",
        .clinic_id = 0,
        .notes = long_notes,
    };
    struct err e = {0};
    static const char *const order[] = {"first_name",    "last_name", "email", "phone",
                                        "date_of_birth", "clinic_id", "notes"};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        err_clear(&e);
        assert_int_equal(client_check(&c, "2026-11-22", &e), -1);
        assert_int_equal(e.code, ERR_INVALID);
        assert_string_equal(e.field, order[i]);
        assert_true(e.msg[0] != 0);
        switch (i) {
        case 0:
            c.first_name = "Jo";
            break;
        case 1:
            c.last_name = "Smith";
            break;
        case 2:
            c.email = "jo@example.com";
            break;
        case 3:
            c.phone = "07700 900123";
            break;
        case 4:
            c.date_of_birth = "1980-05-17";
            break;
        case 5:
            c.clinic_id = 3;
            break;
        case 6:
            long_notes[10000] = 0; /* exactly 10000 characters */
            break;
        }
    }
    err_clear(&e);
    assert_int_equal(client_check(&c, "2026-11-22", &e), 0);
    assert_int_equal(e.code, ERR_NONE);

    /* Optional fields may be absent. */
    struct client min = {.first_name = "Łukasz", .last_name = "Nowak", .clinic_id = 1};
    assert_int_equal(client_check(&min, "2026-11-22", &e), 0);
}

static void test_client_check_date_of_birth(void **state)
{
    (void)state;
    struct client c = {.first_name = "Jo", .last_name = "Smith", .clinic_id = 1};
    struct err e = {0};
    c.date_of_birth = "2026-11-22"; /* born today */
    assert_int_equal(client_check(&c, "2026-11-22", &e), 0);
    c.date_of_birth = "2026-11-23"; /* tomorrow */
    assert_int_equal(client_check(&c, "2026-11-22", &e), -1);
    assert_string_equal(e.field, "date_of_birth");
    c.date_of_birth = "1900-01-01";
    assert_int_equal(client_check(&c, "2026-11-22", &e), 0);
    c.date_of_birth = "1899-12-31";
    assert_int_equal(client_check(&c, "2026-11-22", &e), -1);
    assert_string_equal(e.field, "date_of_birth");
    c.date_of_birth = "17/05/1980";
    assert_int_equal(client_check(&c, "2026-11-22", &e), -1);
    assert_string_equal(e.field, "date_of_birth");
}

static void test_clinic_check_first_bad_field(void **state)
{
    (void)state;
    struct clinic c = {
        .name = "",
        .city = "Lon\tdon",
        .address = "1 High St\x01",
        .timezone = "",
        .currency = "gbp",
        .price_uplift_pct = 201,
        .rules = {9, 6, 6, 18},
        .buffer_min = 15,
        .grid_min = 15,
    };
    struct err e = {0};
    static const char *const order[] = {"name",     "city",     "address",
                                        "timezone", "currency", "price_uplift_pct"};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        err_clear(&e);
        assert_int_equal(clinic_check(&c, &e), -1);
        assert_int_equal(e.code, ERR_INVALID);
        assert_string_equal(e.field, order[i]);
        switch (i) {
        case 0:
            c.name = "Stipple Soho";
            break;
        case 1:
            c.city = "London";
            break;
        case 2:
            c.address = "1 High St\nLondon W1";
            break;
        case 3:
            c.timezone = "Europe/London";
            break;
        case 4:
            c.currency = "GBP";
            break;
        case 5:
            c.price_uplift_pct = 200;
            break;
        }
    }
    assert_int_equal(clinic_check(&c, &e), 0);
    c.price_uplift_pct = -1;
    assert_int_equal(clinic_check(&c, &e), -1);
    assert_string_equal(e.field, "price_uplift_pct");
    c.price_uplift_pct = 0;
    c.timezone = NULL;
    assert_int_equal(clinic_check(&c, &e), -1);
    assert_string_equal(e.field, "timezone");
}

static void test_practitioner_check_first_bad_field(void **state)
{
    (void)state;
    long long ids[] = {1, 2, 1};
    struct practitioner p = {.name = NULL, .email = "x", .clinic_ids = ids, .n_clinic_ids = 3};
    struct err e = {0};
    assert_int_equal(practitioner_check(&p, &e), -1);
    assert_string_equal(e.field, "name");
    p.name = "Sam Lee";
    assert_int_equal(practitioner_check(&p, &e), -1);
    assert_string_equal(e.field, "email");
    p.email = "sam@example.com";
    assert_int_equal(practitioner_check(&p, &e), -1); /* clinic 1 twice */
    assert_string_equal(e.field, "clinic_ids");
    ids[2] = 0;
    assert_int_equal(practitioner_check(&p, &e), -1); /* not an id */
    assert_string_equal(e.field, "clinic_ids");
    ids[2] = 3;
    err_clear(&e);
    assert_int_equal(practitioner_check(&p, &e), 0);
    p.n_clinic_ids = 0;
    assert_int_equal(practitioner_check(&p, &e), 0);
}

static void test_user_check(void **state)
{
    (void)state;
    struct user u = {.email = "owner@", .name = "", .role = 0};
    struct err e = {0};
    assert_int_equal(user_check(&u, &e), -1);
    assert_string_equal(e.field, "email");
    u.email = "owner@example.com";
    assert_int_equal(user_check(&u, &e), -1);
    assert_string_equal(e.field, "name");
    u.name = "Olive Owner";
    assert_int_equal(user_check(&u, &e), -1);
    assert_string_equal(e.field, "role");
    u.role = ROLE_OWNER;
    assert_int_equal(user_check(&u, &e), 0);
}

static void password_ok(const char *pw)
{
    struct err e = {0};
    if (password_check(pw, &e) != 0)
        fail_msg("password \"%s\" refused: %s", pw, e.msg);
}

static void password_refused(const char *pw)
{
    struct err e = {0};
    if (password_check(pw, &e) != -1)
        fail_msg("password \"%s\" accepted", pw);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.field, "password");
}

static void test_password_check(void **state)
{
    (void)state;
    password_refused("");
    password_refused("k7#vQ2m");     /* 7 characters */
    password_ok("k7#vQ2mz");         /* 8 */
    password_refused("Password123"); /* common, any case */
    password_refused("password");
    password_refused("PASSWORD");
    password_refused("qwertyuiop");
    password_refused("iloveyou");
    password_ok("correct horse battery staple");
    password_ok("Password123 but longer");

    char pw[200];
    memset(pw, 'z', sizeof pw);
    pw[128] = 0;
    password_ok(pw);
    pw[128] = 'z';
    pw[129] = 0;
    password_refused(pw);

    /* Characters, not bytes: seven two-byte letters are still too short, 128 are fine. */
    password_refused("ŁŁŁŁŁŁŁ");
    password_ok("ŁŁŁŁŁŁŁŁ");
    char wide[300] = "";
    for (int i = 0; i < 128; i++)
        strcat(wide, "Ł");
    password_ok(wide);
    strcat(wide, "Ł");
    password_refused(wide);
    password_refused("abc\xff"
                     "defgh"); /* not UTF-8 */
}

/* ---- search.h --------------------------------------------------------------------------- */

/* The arena of the search tests, freed by the teardown even when a test fails. */
static struct arena scratch;

static int free_arena(void **state)
{
    (void)state;
    arena_free(&scratch);
    return 0;
}

static int count_terms(char **t)
{
    int n = 0;
    while (t[n])
        n++;
    return n;
}

static bool has_term(char **t, const char *want)
{
    for (; *t; t++)
        if (strcmp(*t, want) == 0)
            return true;
    return false;
}

static void test_client_terms(void **state)
{
    (void)state;
    char **t = search_client_terms(&scratch, "Jo-Anne", "Smithson", "Jo.Anne@Example.com",
                                   "+44 7700 900123");
    static const char *const want[] = {
        "jo", "anne", "smithson", "jo.anne@example.com", "jo.anne", "447700900123", "07700900123",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!has_term(t, want[i]))
            fail_msg("term \"%s\" missing", want[i]);
    assert_int_equal(count_terms(t), sizeof want / sizeof want[0]);

    /* Terms are distinct. */
    t = search_client_terms(&scratch, "Anna", "ANNA", "anna@example.com", NULL);
    assert_int_equal(count_terms(t), 2);
    assert_true(has_term(t, "anna"));
    assert_true(has_term(t, "anna@example.com"));

    /* Only a +44 number gets the national form. */
    t = search_client_terms(&scratch, NULL, NULL, NULL, "+1 415 555 2671");
    assert_int_equal(count_terms(t), 1);
    assert_string_equal(t[0], "14155552671");
    t = search_client_terms(&scratch, NULL, NULL, NULL, "07700 900123");
    assert_int_equal(count_terms(t), 1);
    assert_string_equal(t[0], "07700900123");

    /* Nothing at all: an empty, NULL-terminated list. */
    t = search_client_terms(&scratch, NULL, NULL, NULL, NULL);
    assert_non_null(t);
    assert_null(t[0]);

    /* Names split on punctuation and spaces; non-ASCII letters stay in the word. */
    t = search_client_terms(&scratch, "Mary Ann", "O'Brien-Łukasz", NULL, NULL);
    assert_true(has_term(t, "mary"));
    assert_true(has_term(t, "ann"));
    assert_true(has_term(t, "o"));
    assert_true(has_term(t, "brien"));
    assert_true(has_term(t, "Łukasz"));
}

/* A word longer than SEARCH_MAX_TERM bytes is cut, but never inside a UTF-8 character, as
 * search.c promises: half a character is not valid text, and a PostgreSQL database in UTF8
 * refuses it as a parameter, so saving such a client or running such a search fails.
 * KNOWN BUG, failing on purpose until it is fixed: lower() in src/domain/search.c drops one
 * byte whenever byte 64 is a continuation byte — even when no cut was needed, as for 32 × "Ł"
 * (64 bytes, becomes 63 ending in a lone 0xC5) — and keeps a lead byte cut from its
 * continuation ("a" + 32 × "Ł" becomes 64 bytes ending in 0xC5). */
static void test_long_words_cut_on_character_boundary(void **state)
{
    (void)state;
    char word[3][200];
    /* 32 × "Ł": exactly 64 bytes, needs no cut at all */
    /* 33 × "Ł": 66 bytes, the cut falls between two characters */
    /* "a" + 32 × "Ł": 65 bytes, the cut falls inside a character */
    word[0][0] = word[1][0] = 0;
    strcpy(word[2], "a");
    for (int i = 0; i < 33; i++) {
        if (i < 32)
            strcat(word[0], "Ł");
        strcat(word[1], "Ł");
        if (i < 32)
            strcat(word[2], "Ł");
    }
    for (int k = 0; k < 3; k++) {
        char **t = search_client_terms(&scratch, word[k], "Smith", NULL, NULL);
        char *words[SEARCH_MAX_WORDS];
        int n = search_query_words(&scratch, word[k], words);
        assert_int_equal(n, 1);
        const char *got[2] = {t[0], words[0]};
        for (int j = 0; j < 2; j++) {
            size_t len = strlen(got[j]);
            if (len > SEARCH_MAX_TERM || strncmp(got[j], word[k], len) != 0)
                fail_msg("word %d: \"%s\" is not a prefix of at most %d bytes", k, got[j],
                         SEARCH_MAX_TERM);
            if (!valid_text(got[j], 1, SEARCH_MAX_TERM, true))
                fail_msg("word %d (%zu bytes): the %s (%zu bytes) is not valid UTF-8", k,
                         strlen(word[k]), j ? "query word" : "client term", len);
            /* Cut only when needed, and then by less than one character. */
            size_t want =
                strlen(word[k]) <= SEARCH_MAX_TERM ? strlen(word[k]) : SEARCH_MAX_TERM - 1;
            if (len < want)
                fail_msg("word %d: cut to %zu bytes, expected %zu", k, len, want);
        }
    }
}

static int words_of(struct arena *ar, const char *q, char *w[SEARCH_MAX_WORDS])
{
    for (int i = 0; i < SEARCH_MAX_WORDS; i++)
        w[i] = NULL;
    return search_query_words(ar, q, w);
}

static void test_query_words(void **state)
{
    (void)state;
    char *w[SEARCH_MAX_WORDS];

    assert_int_equal(words_of(&scratch, "", w), 0);
    assert_int_equal(words_of(&scratch, "   ", w), 0);

    assert_int_equal(words_of(&scratch, "  SMITH  ", w), 1);
    assert_string_equal(w[0], "smith");

    assert_int_equal(words_of(&scratch, "Jo Smith", w), 2);
    assert_string_equal(w[0], "jo");
    assert_string_equal(w[1], "smith");

    assert_int_equal(words_of(&scratch, "smith,  jo.", w), 2);
    assert_string_equal(w[0], "smith");
    assert_string_equal(w[1], "jo");

    assert_int_equal(words_of(&scratch, "a b c d e f", w), SEARCH_MAX_WORDS);
    assert_string_equal(w[0], "a");
    assert_string_equal(w[3], "d");

    /* A phone number typed with spaces is one word of its digits. */
    assert_int_equal(words_of(&scratch, "07700 900 123", w), 1);
    assert_string_equal(w[0], "07700900123");
    assert_int_equal(words_of(&scratch, "+44 (7700) 900-123", w), 1);
    assert_string_equal(w[0], "447700900123");

    /* … and inside a longer query, a word of digits and separators searches by its digits. */
    assert_int_equal(words_of(&scratch, "Ann 07700-900", w), 2);
    assert_string_equal(w[0], "ann");
    assert_string_equal(w[1], "07700900");

    /* E-mail addresses stay whole. */
    assert_int_equal(words_of(&scratch, "Jo.Anne@Example.com", w), 1);
    assert_string_equal(w[0], "jo.anne@example.com");

    /* Punctuation alone is no word. */
    assert_int_equal(words_of(&scratch, "- smith", w), 1);
    assert_string_equal(w[0], "smith");
}

static void test_like_pattern_and_keys(void **state)
{
    (void)state;
    assert_string_equal(search_like_pattern(&scratch, "Smith"), "%smith%");
    assert_string_equal(search_like_pattern(&scratch, "50%_off\\"), "%50\\%\\_off\\\\%");
    assert_string_equal(search_like_pattern(&scratch, ""), "%%");
    assert_string_equal(search_sort_key(&scratch, "Jo", "Smith"), "smith jo");
    assert_string_equal(search_sort_key(&scratch, "Jo", NULL), " jo");
    assert_string_equal(search_fold(&scratch, "ÉCOLE Mixte"), "École mixte");
    assert_null(search_fold(&scratch, NULL));
}

/* Prefixes: every term's first 1..5 characters once each; a query word's prefix says whether it
 * is the whole word; multi-byte characters count as one. */
static void test_prefixes(void **state)
{
    (void)state;
    struct arena ar = {0};
    char *terms[] = {"smith", "smithson", "jo", "\xc5\x82ukasz", NULL};
    char **p = search_prefixes(&ar, terms);
    int n = 0;
    while (p[n])
        n++;
    const char *want[] = {"s",         "sm",         "smi",         "smit",
                          "smith",     "j",          "jo",          "\xc5\x82",
                          "\xc5\x82u", "\xc5\x82uk", "\xc5\x82uka", "\xc5\x82ukas"};
    assert_int_equal(n, (int)(sizeof want / sizeof want[0]));
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_true(has_term(p, want[i]));
    assert_false(has_term(p, "smiths"));
    int whole;
    assert_string_equal(search_prefix(&ar, "smi", &whole), "smi");
    assert_true(whole);
    assert_string_equal(search_prefix(&ar, "smithson", &whole), "smith");
    assert_false(whole);
    assert_string_equal(search_prefix(&ar, "\xc5\x82ukasz", &whole), "\xc5\x82ukas");
    assert_false(whole);
    arena_free(&ar);
}

/* Link tokens are hidden, the rest of the text and short look-alikes are kept. */
static void test_links_hide_tokens(void **state)
{
    (void)state;
    char a[] = "Sign in: https://x.test/#/portal/p_8O_47FDOS9WqEnEk4U1vVTDPFuSdoSqQd3DX8rjdtX0 now";
    assert_string_equal(links_hide_tokens(a),
                        "Sign in: https://x.test/#/portal/p_\xe2\x80\xa6 now");
    char b[] = "/#/q/q_AAAAAAAAAAAAAAAAAAAA-_x and /#/booking/b_abcdefghijklmnopqrstuvwxyz";
    assert_string_equal(links_hide_tokens(b), "/#/q/q_\xe2\x80\xa6 and /#/booking/b_\xe2\x80\xa6");
    char c[] = "a/p_short, /x_AAAAAAAAAAAAAAAAAAAAAAAA, q_AAAAAAAAAAAAAAAAAAAAAAAAAAA, /";
    assert_string_equal(links_hide_tokens(c),
                        "a/p_short, /x_AAAAAAAAAAAAAAAAAAAAAAAA, q_AAAAAAAAAAAAAAAAAAAAAAAAAAA, /");
    char d[] = "";
    assert_string_equal(links_hide_tokens(d), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_real_dates),
        cmocka_unit_test(test_parse_unreal_dates),
        cmocka_unit_test(test_parse_bad_formats),
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_days_known_values),
        cmocka_unit_test(test_days_round_trip),
        cmocka_unit_test(test_cmp_and_format_date),
        cmocka_unit_test(test_format_utc),
        cmocka_unit_test(test_date_of),
        cmocka_unit_test(test_valid_email),
        cmocka_unit_test(test_valid_phone),
        cmocka_unit_test(test_valid_currency),
        cmocka_unit_test(test_valid_text_limits),
        cmocka_unit_test(test_valid_text_code_points),
        cmocka_unit_test(test_valid_text_refuses_bad_utf8),
        cmocka_unit_test(test_valid_text_controls),
        cmocka_unit_test(test_client_check_first_bad_field),
        cmocka_unit_test(test_client_check_date_of_birth),
        cmocka_unit_test(test_clinic_check_first_bad_field),
        cmocka_unit_test(test_practitioner_check_first_bad_field),
        cmocka_unit_test(test_user_check),
        cmocka_unit_test(test_password_check),
        cmocka_unit_test(test_prefixes),
        cmocka_unit_test_teardown(test_client_terms, free_arena),
        cmocka_unit_test_teardown(test_long_words_cut_on_character_boundary, free_arena),
        cmocka_unit_test_teardown(test_query_words, free_arena),
        cmocka_unit_test_teardown(test_like_pattern_and_keys, free_arena),
        cmocka_unit_test(test_links_hide_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
