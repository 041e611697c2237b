/*
 * test_eligibility.c — the pure consultation and eligibility code: month arithmetic for waiting
 * periods (civil_add_months), every treatment rule of eligibility.h at its boundaries (a finding
 * with its severity and exact `until` the day before, none on the day itself), thresholds taken
 * from the clinic's rules rather than the defaults, the overall status as the most severe finding,
 * unset medical answers meaning "no", the consultation field rules of consultation_check (the
 * field a practitioner is told to fix), the classification stages of every scale, and the name
 * tables of every enumerated answer. No I/O: these are what a practitioner sees as "defer until
 * 2027-03-01", "refer" or "stage is not a stage of the norwood scale".
 */
#include "domain/civil.h"
#include "domain/consultation.h"
#include "domain/eligibility.h"
#include "util/err.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------------------------- */

static struct civil_date date(const char *s)
{
    struct civil_date d = {0};
    if (!civil_parse_date(s, &d))
        fail_msg("test bug: \"%s\" is not a date", s);
    return d;
}

static struct civil_date add_days(struct civil_date d, long long n)
{
    return civil_from_days(civil_days(d) + n);
}

static void assert_date(struct civil_date got, const char *want)
{
    char s[11];
    civil_format_date(got, s);
    assert_string_equal(s, want);
}

/* A consultation with nothing set but what consultation_check requires. */
static void blank(struct consultation *c)
{
    consultation_init(c);
    c->date = (char *)"2026-06-01";
    c->mode = enum_parse(&consult_modes, "in_person");
    c->goal = enum_parse(&consult_goals, "shaved_look");
}

static void assess(const struct consultation *c, const char *dob, const char *on,
                   const struct eligibility_rules *r, struct eligibility *out)
{
    memset(out, 0xa5, sizeof *out); /* nothing may survive from a previous assessment */
    eligibility_assess(c, dob, date(on), r ? r : &eligibility_defaults, out);
    assert_in_range(out->n, 0, ELIGIBILITY_MAX_FINDINGS);
}

static const struct finding *find(const struct eligibility *e, const char *rule)
{
    const struct finding *f = NULL;
    for (int i = 0; i < e->n; i++) {
        assert_non_null(e->findings[i].rule);
        if (strcmp(e->findings[i].rule, rule) == 0) {
            if (f)
                fail_msg("rule %s gave two findings", rule);
            f = &e->findings[i];
        }
    }
    return f;
}

/* Asserts the finding of rule: its severity, its until date (NULL: none), a message. */
static const struct finding *expect(const struct eligibility *e, const char *rule,
                                    enum severity sev, const char *until)
{
    const struct finding *f = find(e, rule);
    if (!f)
        fail_msg("expected a %s finding (%s), got %d findings", rule, severity_name(sev), e->n);
    assert_string_equal(severity_name(f->severity), severity_name(sev));
    if (until) {
        assert_true(f->has_until);
        assert_date(f->until, until);
        /* the practitioner reads the date in the message */
        if (!strstr(f->message, until))
            fail_msg("message of %s should name %s: \"%s\"", rule, until, f->message);
    } else {
        assert_false(f->has_until);
    }
    assert_true(strlen(f->message) > 10);
    assert_true(strlen(f->message) < sizeof f->message - 1); /* not cut short */
    assert_true(e->status >= sev);
    return f;
}

static void expect_none(const struct eligibility *e, const char *rule)
{
    const struct finding *f = find(e, rule);
    if (f)
        fail_msg("expected no %s finding, got %s: \"%s\"", rule, severity_name(f->severity),
                 f->message);
}

static void expect_only(const struct eligibility *e, const char *rule, enum severity sev,
                        const char *until)
{
    expect(e, rule, sev, until);
    assert_int_equal(e->n, 1);
    assert_int_equal(e->status, sev);
}

static void expect_eligible(const struct eligibility *e)
{
    if (e->n != 0)
        fail_msg("expected eligible, got %d findings, the first %s", e->n, e->findings[0].rule);
    assert_int_equal(e->status, SEV_NONE);
    assert_string_equal(severity_name(e->status), "eligible");
}

/* The rule applies with sev until `until`: on the day before (and a month before) the finding is
 * there with that date; on the day itself and the day after it is gone. */
static void boundary(const struct consultation *c, const char *dob,
                     const struct eligibility_rules *r, const char *rule, enum severity sev,
                     const char *until)
{
    struct eligibility e;
    char on[11];
    struct civil_date u = date(until);

    civil_format_date(add_days(u, -30), on);
    assess(c, dob, on, r, &e);
    expect(&e, rule, sev, until);

    civil_format_date(add_days(u, -1), on);
    assess(c, dob, on, r, &e);
    expect(&e, rule, sev, until);

    assess(c, dob, until, r, &e);
    expect_none(&e, rule);

    civil_format_date(add_days(u, 1), on);
    assess(c, dob, on, r, &e);
    expect_none(&e, rule);
}

/* ---- civil_add_months ------------------------------------------------------------------- */

static void adds(const char *from, int n, const char *want)
{
    char got[11];
    civil_format_date(civil_add_months(date(from), n), got);
    if (strcmp(got, want) != 0)
        fail_msg("%s + %d months: want %s, got %s", from, n, want, got);
}

static void test_add_months(void **state)
{
    (void)state;
    adds("2026-06-01", 9, "2027-03-01"); /* the transplant wait */
    /* month-end: the day is clamped to the target month's length */
    adds("2026-05-31", 9, "2027-02-28");
    adds("2027-05-31", 9, "2028-02-29"); /* leap year */
    adds("2026-08-31", 6, "2027-02-28");
    adds("2026-01-31", 1, "2026-02-28");
    adds("2028-01-31", 1, "2028-02-29");
    adds("2026-03-31", 1, "2026-04-30");
    adds("2026-11-30", 3, "2027-02-28");
    adds("2024-02-29", 12, "2025-02-28");
    adds("2024-02-29", 48, "2028-02-29");
    /* across years */
    adds("2026-06-15", 12, "2027-06-15");
    adds("2026-12-15", 1, "2027-01-15");
    adds("2026-11-01", 2, "2027-01-01");
    adds("2026-12-31", 12, "2027-12-31");
    adds("2026-07-01", 24, "2028-07-01");
    adds("2026-10-10", 15, "2028-01-10");
    /* n = 0 is the same date */
    adds("2026-06-01", 0, "2026-06-01");
    adds("2026-01-31", 0, "2026-01-31");
    adds("2024-02-29", 0, "2024-02-29");
    /* large n */
    adds("2026-01-31", 1200, "2126-01-31");
    adds("2026-06-01", 12 * 7000, "9026-06-01");
    adds("1000-01-31", 12 * 8999 + 1, "9999-02-28");
    adds("2026-05-31", 1000 * 12 + 9, "3027-02-28");
    /* the month is the clamp's, not the day's: the result is always a real date */
    for (int n = 0; n < 50; n++) {
        struct civil_date r = civil_add_months(date("2026-01-31"), n);
        char s[11];
        civil_format_date(r, s);
        struct civil_date back;
        assert_true(civil_parse_date(s, &back));
        assert_int_equal(r.m, (0 + n) % 12 + 1);
        assert_int_equal(r.y, 2026 + n / 12);
    }
}

static void test_severity_names(void **state)
{
    (void)state;
    assert_string_equal(severity_name(SEV_NONE), "eligible");
    assert_string_equal(severity_name(SEV_CAUTION), "caution");
    assert_string_equal(severity_name(SEV_DEFER), "defer");
    assert_string_equal(severity_name(SEV_REFER), "refer");
    assert_true(SEV_NONE < SEV_CAUTION && SEV_CAUTION < SEV_DEFER && SEV_DEFER < SEV_REFER);
    assert_int_equal(eligibility_defaults.transplant_wait_months, 9);
    assert_int_equal(eligibility_defaults.chemo_wait_months, 6);
    assert_int_equal(eligibility_defaults.scar_wait_months, 6);
    assert_int_equal(eligibility_defaults.min_age, 18);
}

/* ---- rules with a date ------------------------------------------------------------------ */

static void test_transplant_recent(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    blank(&c);
    c.medical.transplant_on = (char *)"2026-06-01";
    c.medical.transplant_type = enum_parse(&consult_transplant_types, "fue");
    boundary(&c, NULL, NULL, "transplant_recent", SEV_DEFER, "2027-03-01");

    assess(&c, NULL, "2027-02-28", NULL, &e);
    expect_only(&e, "transplant_recent", SEV_DEFER, "2027-03-01");
    assess(&c, NULL, "2026-06-01", NULL, &e); /* the day of the transplant */
    expect_only(&e, "transplant_recent", SEV_DEFER, "2027-03-01");
    assess(&c, NULL, "2027-03-01", NULL, &e);
    expect_eligible(&e);

    /* a transplant on the 31st: nine months later is the end of February */
    c.medical.transplant_on = (char *)"2026-05-31";
    boundary(&c, NULL, NULL, "transplant_recent", SEV_DEFER, "2027-02-28");
    c.medical.transplant_on = (char *)"2027-05-31";
    boundary(&c, NULL, NULL, "transplant_recent", SEV_DEFER, "2028-02-29");

    /* a transplant years ago is no finding */
    c.medical.transplant_on = (char *)"2019-03-10";
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
    /* no transplant */
    c.medical.transplant_on = NULL;
    c.medical.transplant_type = 0;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
}

static void test_chemotherapy(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    blank(&c);
    c.medical.chemotherapy = enum_parse(&consult_chemotherapy, "ended");
    assert_int_equal(c.medical.chemotherapy, CHEMO_ENDED);
    c.medical.chemotherapy_ended_on = (char *)"2026-05-20";
    boundary(&c, NULL, NULL, "chemotherapy_recent", SEV_DEFER, "2026-11-20");
    assess(&c, NULL, "2026-11-19", NULL, &e);
    expect_only(&e, "chemotherapy_recent", SEV_DEFER, "2026-11-20");

    c.medical.chemotherapy_ended_on = (char *)"2026-08-31";
    boundary(&c, NULL, NULL, "chemotherapy_recent", SEV_DEFER, "2027-02-28");

    /* ended long ago */
    c.medical.chemotherapy_ended_on = (char *)"2020-01-01";
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);

    /* ongoing: defer with no date to give */
    c.medical.chemotherapy = enum_parse(&consult_chemotherapy, "ongoing");
    assert_int_equal(c.medical.chemotherapy, CHEMO_ONGOING);
    c.medical.chemotherapy_ended_on = NULL;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "chemotherapy_ongoing", SEV_DEFER, NULL);
    expect_none(&e, "chemotherapy_recent");
    assess(&c, NULL, "2036-06-01", NULL, &e); /* ongoing stays ongoing until the record says */
    expect_only(&e, "chemotherapy_ongoing", SEV_DEFER, NULL);

    /* none */
    c.medical.chemotherapy = enum_parse(&consult_chemotherapy, "none");
    assert_int_equal(c.medical.chemotherapy, CHEMO_NONE);
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
}

static void test_scar_recent(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    blank(&c);
    c.date = (char *)"2026-06-01";
    c.goal = enum_parse(&consult_goals, "scar");
    c.scale = SCALE_SCAR;
    c.stage = (char *)"fut";
    c.scar_size_dcm2 = 45;

    /* the scar is 2 months old at the consultation: 4 more months */
    c.scar_age_months = 2;
    boundary(&c, NULL, NULL, "scar_recent", SEV_DEFER, "2026-10-01");
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "scar_recent", SEV_DEFER, "2026-10-01");

    c.scar_age_months = 0;
    boundary(&c, NULL, NULL, "scar_recent", SEV_DEFER, "2026-12-01");
    c.scar_age_months = 5;
    boundary(&c, NULL, NULL, "scar_recent", SEV_DEFER, "2026-07-01");

    /* counted from the consultation date, clamped at month end */
    c.date = (char *)"2026-08-31";
    c.scar_age_months = 0;
    boundary(&c, NULL, NULL, "scar_recent", SEV_DEFER, "2027-02-28");
    c.date = (char *)"2026-06-01";

    /* six months or older: no finding, even on the consultation day */
    for (int age = 6; age <= 30; age += 6) {
        c.scar_age_months = age;
        assess(&c, NULL, "2026-06-01", NULL, &e);
        expect_eligible(&e);
    }
    /* age unknown */
    c.scar_age_months = -1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
}

static void test_minor(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    blank(&c);

    /* 18th birthday on 2026-06-15 */
    assess(&c, "2008-06-15", "2026-06-14", NULL, &e);
    expect_only(&e, "minor", SEV_REFER, "2026-06-15");
    assert_non_null(strstr(e.findings[0].message, "18"));
    assess(&c, "2008-06-15", "2026-06-15", NULL, &e);
    expect_eligible(&e);
    assess(&c, "2008-06-15", "2026-06-16", NULL, &e);
    expect_eligible(&e);
    assess(&c, "2012-01-01", "2026-06-01", NULL, &e); /* a 14-year-old */
    expect_only(&e, "minor", SEV_REFER, "2030-01-01");
    assess(&c, "1950-01-01", "2026-06-01", NULL, &e);
    expect_eligible(&e);

    /* the year turns over: birthday 1 January */
    assess(&c, "2008-01-01", "2025-12-31", NULL, &e);
    expect_only(&e, "minor", SEV_REFER, "2026-01-01");
    assess(&c, "2008-01-01", "2026-01-01", NULL, &e);
    expect_eligible(&e);

    /* date of birth unknown: no finding */
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);

    /* born 29 February: in a common year the birthday comes with 1 March (UK) */
    assess(&c, "2008-02-29", "2026-02-28", NULL, &e);
    expect_only(&e, "minor", SEV_REFER, "2026-03-01");
    assess(&c, "2008-02-29", "2026-03-01", NULL, &e);
    expect_eligible(&e);
    /* and when the birthday falls in a leap year, on 29 February itself */
    struct eligibility_rules r = eligibility_defaults;
    r.min_age = 20;
    assess(&c, "2004-02-29", "2024-02-28", &r, &e);
    expect_only(&e, "minor", SEV_REFER, "2024-02-29");
    assess(&c, "2004-02-29", "2024-02-29", &r, &e);
    expect_eligible(&e);
}

/* ---- rules without a date --------------------------------------------------------------- */

static unsigned bit(const struct enum_names *t, const char *name)
{
    int v = enum_parse(t, name);
    if (!v)
        fail_msg("%s is not a %s", name, t->field);
    return 1u << (v - 1);
}

static void test_blood_thinners(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    blank(&c);
    const char *const *names = consult_blood_thinners.names;
    for (int i = 0; names[i]; i++) {
        c.medical.blood_thinners = bit(&consult_blood_thinners, names[i]);
        assess(&c, NULL, "2026-06-01", NULL, &e);
        expect_only(&e, "blood_thinners", SEV_CAUTION, NULL);
    }
    c.medical.blood_thinners = bit(&consult_blood_thinners, "aspirin");
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "blood_thinners", SEV_CAUTION, NULL);
    assert_non_null(strstr(e.findings[0].message, "aspirin"));
    c.medical.blood_thinners = bit(&consult_blood_thinners, "warfarin");
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "blood_thinners", SEV_CAUTION, NULL);
    c.medical.blood_thinners =
        bit(&consult_blood_thinners, "aspirin") | bit(&consult_blood_thinners, "apixaban");
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "blood_thinners", SEV_CAUTION, NULL);
    c.medical.blood_thinners = 0;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
}

static void test_scalp_active(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    blank(&c);
    assert_int_equal(SCALP_ACTIVE_INFECTION, bit(&consult_scalp_conditions, "active_infection"));

    c.medical.scalp_conditions = SCALP_ACTIVE_INFECTION;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "scalp_active", SEV_DEFER, NULL);
    c.medical.scalp_conditions |= bit(&consult_scalp_conditions, "folliculitis");
    c.medical.scalp_flare = 0;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "scalp_active", SEV_DEFER, NULL);

    /* psoriasis in a flare-up */
    c.medical.scalp_conditions = bit(&consult_scalp_conditions, "psoriasis");
    c.medical.scalp_flare = 1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "scalp_active", SEV_DEFER, NULL);

    /* psoriasis, eczema … without a flare-up are not a finding */
    c.medical.scalp_flare = 0;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
    c.medical.scalp_flare = -1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
    c.medical.scalp_conditions = bit(&consult_scalp_conditions, "psoriasis") |
                                 bit(&consult_scalp_conditions, "eczema") |
                                 bit(&consult_scalp_conditions, "folliculitis") |
                                 bit(&consult_scalp_conditions, "seborrhoeic_dermatitis");
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
}

static void test_pigment_allergy(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    blank(&c);
    assert_int_equal(enum_parse(&consult_patch_tests, "negative"), PATCH_NEGATIVE);
    assert_int_equal(enum_parse(&consult_patch_tests, "positive"), PATCH_POSITIVE);

    /* allergy, no patch test yet: defer until one is done */
    c.medical.pigment_allergy = 1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "pigment_allergy", SEV_DEFER, NULL);
    assert_non_null(strstr(e.findings[0].message, "patch test"));
    c.medical.patch_test = 0;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "pigment_allergy", SEV_DEFER, NULL);

    /* negative patch test: treat */
    c.medical.patch_test = PATCH_NEGATIVE;
    c.medical.patch_test_on = (char *)"2026-05-29";
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);

    /* positive: refer */
    c.medical.patch_test = PATCH_POSITIVE;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "pigment_allergy", SEV_REFER, NULL);

    /* no allergy (or unanswered): no finding whatever the patch test says */
    for (int allergy = -1; allergy <= 0; allergy++) {
        c.medical.pigment_allergy = allergy;
        for (int p = 0; p <= PATCH_POSITIVE; p++) {
            c.medical.patch_test = p;
            assess(&c, NULL, "2026-06-01", NULL, &e);
            expect_eligible(&e);
        }
    }
}

static void test_yes_no_rules(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;

    blank(&c);
    c.medical.keloid = 1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "keloid", SEV_CAUTION, NULL);
    c.medical.keloid = 0;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);

    blank(&c);
    c.medical.pregnant = 1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "pregnancy", SEV_DEFER, NULL);
    c.medical.pregnant = 0;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);

    /* diabetes is recorded but is no rule */
    blank(&c);
    c.medical.diabetes = 1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
}

static void test_alopecia_active(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    blank(&c);
    c.goal = enum_parse(&consult_goals, "alopecia");
    c.scale = SCALE_ALOPECIA_AREATA;
    c.stage = (char *)"patchy";
    c.salt = 30;

    c.alopecia_active = 1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_only(&e, "alopecia_active", SEV_CAUTION, NULL);
    c.alopecia_active = 0;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
    c.alopecia_active = -1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);

    /* only on the alopecia areata scale */
    for (int s = SCALE_NORWOOD; s <= SCALE_SCAR; s++) {
        if (s == SCALE_ALOPECIA_AREATA)
            continue;
        c.scale = s;
        c.stage = NULL;
        c.salt = -1;
        c.alopecia_active = 1;
        assess(&c, NULL, "2026-06-01", NULL, &e);
        expect_eligible(&e);
    }
}

/* ---- thresholds, status, unset answers -------------------------------------------------- */

static void test_thresholds_from_rules(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    struct eligibility_rules r = eligibility_defaults;

    blank(&c);
    c.medical.transplant_on = (char *)"2026-06-01";
    r.transplant_wait_months = 12;
    boundary(&c, NULL, &r, "transplant_recent", SEV_DEFER, "2027-06-01");
    /* the default date no longer ends the wait */
    assess(&c, NULL, "2027-03-01", &r, &e);
    expect_only(&e, "transplant_recent", SEV_DEFER, "2027-06-01");
    assert_non_null(strstr(e.findings[0].message, "12"));

    blank(&c);
    r = eligibility_defaults;
    r.chemo_wait_months = 12;
    c.medical.chemotherapy = CHEMO_ENDED;
    c.medical.chemotherapy_ended_on = (char *)"2026-02-10";
    boundary(&c, NULL, &r, "chemotherapy_recent", SEV_DEFER, "2027-02-10");

    blank(&c);
    r = eligibility_defaults;
    r.scar_wait_months = 12;
    c.scale = SCALE_SCAR;
    c.stage = (char *)"injury";
    c.scar_age_months = 8;
    boundary(&c, NULL, &r, "scar_recent", SEV_DEFER, "2026-10-01");
    c.scar_age_months = 6; /* old enough by default, not for this clinic */
    assess(&c, NULL, "2026-06-01", NULL, &e);
    expect_eligible(&e);
    assess(&c, NULL, "2026-06-01", &r, &e);
    expect_only(&e, "scar_recent", SEV_DEFER, "2026-12-01");

    blank(&c);
    r = eligibility_defaults;
    r.min_age = 21;
    assess(&c, "2005-06-15", "2026-06-14", &r, &e);
    expect_only(&e, "minor", SEV_REFER, "2026-06-15");
    assert_non_null(strstr(e.findings[0].message, "21"));
    assess(&c, "2005-06-15", "2026-06-15", &r, &e);
    expect_eligible(&e);
    assess(&c, "2005-06-15", "2026-06-14", NULL, &e); /* 20 is of age by default */
    expect_eligible(&e);
}

static void test_status_is_most_severe(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;

    blank(&c);
    assess(&c, "1980-01-01", "2026-06-01", NULL, &e);
    expect_eligible(&e);

    /* caution alone */
    c.medical.keloid = 1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    assert_int_equal(e.status, SEV_CAUTION);
    assert_string_equal(severity_name(e.status), "caution");

    /* caution + defer: defer (keloid is assessed before pregnancy) */
    c.medical.pregnant = 1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    assert_int_equal(e.n, 2);
    expect(&e, "keloid", SEV_CAUTION, NULL);
    expect(&e, "pregnancy", SEV_DEFER, NULL);
    assert_int_equal(e.status, SEV_DEFER);
    /* defer + caution (the transplant is assessed before the blood thinners): still defer */
    blank(&c);
    c.medical.transplant_on = (char *)"2026-05-01";
    c.medical.blood_thinners = bit(&consult_blood_thinners, "clopidogrel");
    assess(&c, NULL, "2026-06-01", NULL, &e);
    assert_int_equal(e.n, 2);
    assert_int_equal(e.status, SEV_DEFER);

    /* defer + refer: refer, whether the refer comes before or after the defers */
    c.medical.pregnant = 1;
    c.medical.patch_test = PATCH_POSITIVE;
    c.medical.pigment_allergy = 1;
    assess(&c, NULL, "2026-06-01", NULL, &e);
    assert_int_equal(e.status, SEV_REFER);
    assert_string_equal(severity_name(e.status), "refer");
    blank(&c);
    c.medical.transplant_on = (char *)"2026-05-01";
    assess(&c, "2010-01-01", "2026-06-01", NULL, &e);
    assert_int_equal(e.n, 2);
    expect(&e, "minor", SEV_REFER, "2028-01-01");
    expect(&e, "transplant_recent", SEV_DEFER, "2027-02-01");
    assert_int_equal(e.status, SEV_REFER);
}

/* The example of the issue: transplant on 2026-06-01, takes aspirin, assessed on 2026-11-21. */
static void test_issue_example(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    blank(&c);
    c.date = (char *)"2026-11-21";
    c.medical.transplant_on = (char *)"2026-06-01";
    c.medical.blood_thinners = bit(&consult_blood_thinners, "aspirin");
    assess(&c, "1985-04-02", "2026-11-21", NULL, &e);
    assert_string_equal(severity_name(e.status), "defer");
    assert_int_equal(e.n, 2);
    expect(&e, "transplant_recent", SEV_DEFER, "2027-03-01");
    expect(&e, "blood_thinners", SEV_CAUTION, NULL);

    /* on 2027-03-01 only the aspirin caution is left */
    assess(&c, "1985-04-02", "2027-03-01", NULL, &e);
    expect_only(&e, "blood_thinners", SEV_CAUTION, NULL);
}

/* Every rule at once: nothing is lost, each rule gives one finding. */
static void test_every_rule_at_once(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;
    blank(&c);
    c.scale = SCALE_SCAR;
    c.stage = (char *)"burn";
    c.scar_age_months = 1;
    c.medical.transplant_on = (char *)"2026-05-01";
    c.medical.blood_thinners = ~0u;
    c.medical.scalp_conditions = ~0u;
    c.medical.scalp_flare = 1;
    c.medical.pigment_allergy = 1;
    c.medical.keloid = 1;
    c.medical.pregnant = 1;
    c.medical.chemotherapy = CHEMO_ENDED;
    c.medical.chemotherapy_ended_on = (char *)"2026-04-15";
    assess(&c, "2010-07-01", "2026-06-01", NULL, &e);
    assert_int_equal(e.n, 9);
    expect(&e, "minor", SEV_REFER, "2028-07-01");
    expect(&e, "transplant_recent", SEV_DEFER, "2027-02-01");
    expect(&e, "blood_thinners", SEV_CAUTION, NULL);
    expect(&e, "scalp_active", SEV_DEFER, NULL);
    expect(&e, "pigment_allergy", SEV_DEFER, NULL);
    expect(&e, "keloid", SEV_CAUTION, NULL);
    expect(&e, "chemotherapy_recent", SEV_DEFER, "2026-10-15");
    expect(&e, "pregnancy", SEV_DEFER, NULL);
    expect(&e, "scar_recent", SEV_DEFER, "2026-11-01");
    assert_int_equal(e.status, SEV_REFER);
}

static void test_unset_answers_are_no(void **state)
{
    (void)state;
    struct consultation c;
    struct eligibility e;

    consultation_init(&c);
    assert_int_equal(c.medical.pigment_allergy, -1);
    assert_int_equal(c.medical.keloid, -1);
    assert_int_equal(c.medical.scalp_flare, -1);
    assert_int_equal(c.medical.pregnant, -1);
    assert_int_equal(c.scar_age_months, -1);
    assert_int_equal(c.alopecia_active, -1);
    assert_int_equal(c.medical.chemotherapy, 0);
    assert_int_equal(c.medical.patch_test, 0);
    assert_null(c.medical.transplant_on);
    assess(&c, NULL, "2026-06-01", NULL, &e); /* not even a date */
    expect_eligible(&e);

    /* on every scale, with the scale's own answers unset */
    for (int s = SCALE_NORWOOD; s <= SCALE_SCAR; s++) {
        blank(&c);
        c.scale = s;
        c.stage = (char *)consult_stages(s, NULL)[0];
        assess(&c, "1990-01-01", "2026-06-01", NULL, &e);
        expect_eligible(&e);
    }
}

/* ---- consultation_check ----------------------------------------------------------------- */

#define TODAY "2026-11-22"

static void refuses(const struct consultation *c, const char *field)
{
    struct err e;
    err_clear(&e);
    if (consultation_check(c, TODAY, &e) == 0)
        fail_msg("expected %s to be refused", field);
    assert_int_equal(e.code, ERR_INVALID);
    assert_string_equal(e.field, field);
    assert_true(strlen(e.msg) > 0);
}

static void accepts(const struct consultation *c)
{
    struct err e;
    err_clear(&e);
    if (consultation_check(c, TODAY, &e) != 0)
        fail_msg("expected the consultation to pass, got %s: %s", e.field, e.msg);
}

/* Every field filled in, as a careful practitioner would. */
static void full(struct consultation *c)
{
    blank(c);
    c->date = (char *)"2026-11-20";
    c->scale = SCALE_NORWOOD;
    c->stage = (char *)"IIIa";
    c->fitzpatrick = 3;
    c->skin = enum_parse(&consult_skins, "oily");
    c->hair_colour = (char *)"dark brown";
    c->grey_pct = 10;
    c->sun_exposure = enum_parse(&consult_sun, "high");
    c->training = enum_parse(&consult_training, "regular");
    c->swimming = 1;
    c->hairline_style = enum_parse(&consult_hairline_styles, "soft");
    c->conservative_first = 1;
    c->hairline_notes = (char *)"Keep the temples soft; start 8 cm above the brows.";
    c->medical.transplant_on = (char *)"2024-03-14";
    c->medical.transplant_type = enum_parse(&consult_transplant_types, "fut");
    c->medical.blood_thinners = bit(&consult_blood_thinners, "aspirin");
    c->medical.pigment_allergy = 1;
    c->medical.patch_test = PATCH_NEGATIVE;
    c->medical.patch_test_on = (char *)"2026-11-18";
    c->medical.keloid = 0;
    c->medical.scalp_conditions = bit(&consult_scalp_conditions, "psoriasis");
    c->medical.scalp_flare = 0;
    c->medical.pregnant = 0;
    c->medical.chemotherapy = CHEMO_ENDED;
    c->medical.chemotherapy_ended_on = (char *)"2025-01-31";
    c->medical.diabetes = 0;
    c->medical.medications = (char *)"Aspirin 75 mg daily.";
    c->notes = (char *)"Client prefers a conservative first session.";
}

static void test_check_full_and_minimal(void **state)
{
    (void)state;
    struct consultation c;
    full(&c);
    accepts(&c);
    blank(&c);
    accepts(&c);
    c.date = (char *)TODAY; /* today is not the future */
    accepts(&c);
    assert_int_equal(consultation_check(&c, TODAY, NULL), 0);
}

static void test_check_required(void **state)
{
    (void)state;
    struct consultation c;

    full(&c);
    c.date = NULL;
    refuses(&c, "date");
    c.date = (char *)"2026-02-30";
    refuses(&c, "date");
    c.date = (char *)"20/11/2026";
    refuses(&c, "date");
    c.date = (char *)"2026-11-23"; /* tomorrow */
    refuses(&c, "date");
    c.date = (char *)"2027-01-01";
    refuses(&c, "date");

    full(&c);
    c.mode = 0;
    refuses(&c, "mode");
    full(&c);
    c.goal = 0;
    refuses(&c, "goal");
    /* with NULL err the answer is still -1 */
    assert_int_equal(consultation_check(&c, TODAY, NULL), -1);
}

static void test_check_scales(void **state)
{
    (void)state;
    struct consultation c;

    full(&c);
    c.stage = (char *)"IX";
    refuses(&c, "stage");
    c.stage = (char *)"iii"; /* stages are spelled as on the scale */
    refuses(&c, "stage");
    c.stage = (char *)"";
    refuses(&c, "stage");
    c.scale = SCALE_LUDWIG;
    c.stage = (char *)"IIa"; /* a Norwood stage on the Ludwig scale */
    refuses(&c, "stage");
    c.scale = 0;
    c.stage = (char *)"III";
    refuses(&c, "scale");

    /* SALT: 0–100, only for alopecia areata */
    full(&c);
    c.scale = SCALE_ALOPECIA_AREATA;
    c.stage = (char *)"patchy";
    c.salt = 0;
    accepts(&c);
    c.salt = 100;
    accepts(&c);
    c.alopecia_active = 1;
    accepts(&c);
    c.salt = 101;
    refuses(&c, "salt");
    c.salt = -2;
    refuses(&c, "salt");
    c.salt = 40;
    c.alopecia_active = -1;
    c.scale = SCALE_NORWOOD;
    c.stage = (char *)"IV";
    refuses(&c, "salt");
    c.scale = 0;
    c.stage = NULL;
    refuses(&c, "salt");

    /* Fitzpatrick I–VI */
    full(&c);
    c.fitzpatrick = 7;
    refuses(&c, "fitzpatrick");
    c.fitzpatrick = -1;
    refuses(&c, "fitzpatrick");
    for (int f = 0; f <= 6; f++) { /* 0 is unset */
        c.fitzpatrick = f;
        accepts(&c);
    }

    /* a scar: its size and age */
    full(&c);
    c.goal = enum_parse(&consult_goals, "scar");
    c.scale = SCALE_SCAR;
    c.stage = (char *)"fut";
    c.scar_size_dcm2 = 120;
    c.scar_age_months = 3;
    accepts(&c);
}

static void test_check_medical(void **state)
{
    (void)state;
    struct consultation c;

    full(&c);
    c.medical.chemotherapy_ended_on = NULL; /* "ended" needs its date */
    refuses(&c, "medical.chemotherapy_ended_on");

    full(&c);
    c.medical.transplant_on = (char *)"2026-11-23";
    refuses(&c, "medical.hair_transplant_on");
    c.medical.transplant_on = (char *)"2026-02-29";
    refuses(&c, "medical.hair_transplant_on");
    c.medical.transplant_on = (char *)TODAY;
    accepts(&c);
    c.medical.transplant_on = NULL; /* a type without a date */
    refuses(&c, "medical.hair_transplant_on");

    full(&c);
    c.medical.chemotherapy_ended_on = (char *)"2027-01-01";
    refuses(&c, "medical.chemotherapy_ended_on");
    full(&c);
    c.medical.patch_test_on = (char *)"2026-12-01";
    refuses(&c, "medical.patch_test_on");
}

static void expect_stages(int scale, const char *const *want, int n)
{
    const char *const *text = NULL;
    const char *const *stages = consult_stages(scale, &text);
    assert_non_null(stages);
    assert_non_null(text);
    int count = 0;
    while (stages[count])
        count++;
    assert_int_equal(count, n);
    struct consultation c;
    full(&c);
    c.scale = scale;
    for (int i = 0; i < n; i++) {
        assert_string_equal(stages[i], want[i]);
        assert_non_null(text[i]);
        assert_true(strlen(text[i]) > 10); /* a plain description for the client */
        char stage[32];
        snprintf(stage, sizeof stage, "%s", want[i]); /* not the table's own pointer */
        c.stage = stage;
        accepts(&c);
    }
    assert_null(consult_stages(scale, NULL)[n]);
}

static void test_stages_of_every_scale(void **state)
{
    (void)state;
    static const char *const norwood[] = {"I",  "II",  "IIa", "III", "IIIa", "III-vertex",
                                          "IV", "IVa", "V",   "Va",  "VI",   "VII"};
    static const char *const ludwig[] = {"I", "II", "III"};
    static const char *const savin[] = {"I-1",  "I-2", "I-3",      "I-4",    "II-1",
                                        "II-2", "III", "advanced", "frontal"};
    static const char *const areata[] = {"patchy", "totalis", "universalis"};
    static const char *const scar[] = {"fut", "fue", "injury", "burn", "surgery"};
    expect_stages(SCALE_NORWOOD, norwood, 12);
    expect_stages(SCALE_LUDWIG, ludwig, 3);
    expect_stages(SCALE_SAVIN, savin, 9);
    expect_stages(SCALE_ALOPECIA_AREATA, areata, 3);
    expect_stages(SCALE_SCAR, scar, 5);
    assert_null(consult_stages(0, NULL));
    assert_null(consult_stages(SCALE_SCAR + 1, NULL));
    assert_null(consult_stages(-1, NULL));
}

/* ---- name tables ------------------------------------------------------------------------ */

static void round_trip(const struct enum_names *t, const char *field, const char *const *want,
                       int n)
{
    assert_string_equal(t->field, field);
    for (int v = 1; v <= n; v++) {
        const char *name = enum_name(t, v);
        assert_non_null(name);
        assert_string_equal(name, want[v - 1]);
        assert_int_equal(enum_parse(t, name), v);
        char copy[64];
        snprintf(copy, sizeof copy, "%s", name);
        assert_int_equal(enum_parse(t, copy), v);
    }
    assert_null(enum_name(t, 0));
    assert_null(enum_name(t, -1));
    assert_null(enum_name(t, n + 1));
    assert_null(t->names[n]);
    assert_int_equal(enum_parse(t, "unknown"), 0);
    assert_int_equal(enum_parse(t, ""), 0);
    assert_int_equal(enum_parse(t, NULL), 0);
    char upper[64];
    snprintf(upper, sizeof upper, "%s", want[0]);
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    assert_int_equal(enum_parse(t, upper), 0); /* names are lower case, exactly */
    char longer[80];
    snprintf(longer, sizeof longer, "%s ", want[0]);
    assert_int_equal(enum_parse(t, longer), 0);
}

#define ROUND_TRIP(t, field, ...)                                                                  \
    do {                                                                                           \
        static const char *const want_[] = {__VA_ARGS__};                                          \
        round_trip(&(t), field, want_, (int)(sizeof want_ / sizeof want_[0]));                     \
    } while (0)

static void test_enum_tables(void **state)
{
    (void)state;
    ROUND_TRIP(consult_modes, "mode", "in_person", "phone", "video", "photos");
    ROUND_TRIP(consult_goals, "goal", "shaved_look", "density", "scar", "alopecia", "correction",
               "touch_up");
    ROUND_TRIP(consult_scales, "scale", "norwood", "ludwig", "savin", "alopecia_areata", "scar");
    ROUND_TRIP(consult_skins, "skin", "oily", "normal", "dry");
    ROUND_TRIP(consult_sun, "lifestyle.sun_exposure", "low", "moderate", "high");
    ROUND_TRIP(consult_training, "lifestyle.training", "none", "light", "regular", "intense");
    ROUND_TRIP(consult_hairline_styles, "hairline.style", "soft", "feathered", "jagged", "defined",
               "receded");
    ROUND_TRIP(consult_transplant_types, "medical.hair_transplant_type", "fue", "fut", "other");
    ROUND_TRIP(consult_patch_tests, "medical.patch_test", "negative", "positive");
    ROUND_TRIP(consult_chemotherapy, "medical.chemotherapy", "none", "ongoing", "ended");
    ROUND_TRIP(consult_blood_thinners, "medical.blood_thinners", "aspirin", "warfarin", "apixaban",
               "rivaroxaban", "dabigatran", "edoxaban", "clopidogrel", "heparin", "other");
    ROUND_TRIP(consult_scalp_conditions, "medical.scalp_conditions", "psoriasis", "eczema",
               "folliculitis", "active_infection", "seborrhoeic_dermatitis");

    /* the constants the rules use agree with the tables */
    assert_int_equal(enum_parse(&consult_scales, "norwood"), SCALE_NORWOOD);
    assert_int_equal(enum_parse(&consult_scales, "ludwig"), SCALE_LUDWIG);
    assert_int_equal(enum_parse(&consult_scales, "savin"), SCALE_SAVIN);
    assert_int_equal(enum_parse(&consult_scales, "alopecia_areata"), SCALE_ALOPECIA_AREATA);
    assert_int_equal(enum_parse(&consult_scales, "scar"), SCALE_SCAR);
    assert_int_equal(enum_parse(&consult_chemotherapy, "none"), CHEMO_NONE);
    assert_int_equal(enum_parse(&consult_chemotherapy, "ongoing"), CHEMO_ONGOING);
    assert_int_equal(enum_parse(&consult_chemotherapy, "ended"), CHEMO_ENDED);
    /* a name of one table is unknown to another */
    assert_int_equal(enum_parse(&consult_modes, "aspirin"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_months),
        cmocka_unit_test(test_severity_names),
        cmocka_unit_test(test_transplant_recent),
        cmocka_unit_test(test_chemotherapy),
        cmocka_unit_test(test_scar_recent),
        cmocka_unit_test(test_minor),
        cmocka_unit_test(test_blood_thinners),
        cmocka_unit_test(test_scalp_active),
        cmocka_unit_test(test_pigment_allergy),
        cmocka_unit_test(test_yes_no_rules),
        cmocka_unit_test(test_alopecia_active),
        cmocka_unit_test(test_thresholds_from_rules),
        cmocka_unit_test(test_status_is_most_severe),
        cmocka_unit_test(test_issue_example),
        cmocka_unit_test(test_every_rule_at_once),
        cmocka_unit_test(test_unset_answers_are_no),
        cmocka_unit_test(test_check_full_and_minimal),
        cmocka_unit_test(test_check_required),
        cmocka_unit_test(test_check_scales),
        cmocka_unit_test(test_check_medical),
        cmocka_unit_test(test_stages_of_every_scale),
        cmocka_unit_test(test_enum_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
