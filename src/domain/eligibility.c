/*
 * eligibility.c — the treatment rules (see eligibility.h). Every rule names its source in
 * DOMAIN.md; each adds at most one finding.
 */
#include "domain/eligibility.h"

#include <stdarg.h>
#include <stdio.h>

const struct eligibility_rules eligibility_defaults = {9, 6, 6, 18};

const char *severity_name(enum severity s)
{
    static const char *names[] = {"eligible", "caution", "defer", "refer"};
    return s >= SEV_NONE && s <= SEV_REFER ? names[s] : "refer";
}

struct civil_date civil_add_months(struct civil_date d, int n)
{
    long long m = (long long)d.y * 12 + (d.m - 1) + n;
    struct civil_date r = {(int)(m / 12), (int)(m % 12) + 1, d.d};
    int last = civil_days_in_month(r.y, r.m);
    if (r.d > last)
        r.d = last;
    return r;
}

static void add(struct eligibility *out, const char *rule, enum severity sev,
                const struct civil_date *until, const char *fmt, ...)
{
    if (out->n >= ELIGIBILITY_MAX_FINDINGS)
        return;
    struct finding *f = &out->findings[out->n++];
    f->rule = rule;
    f->severity = sev;
    f->has_until = until != NULL;
    if (until)
        f->until = *until;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof f->message, fmt, ap);
    va_end(ap);
    if (sev > out->status)
        out->status = sev;
}

/* Adds a "defer until" finding when `on` is before date + months; returns whether it did. */
static bool wait_after(struct eligibility *out, const char *rule, const char *date, int months,
                       struct civil_date on, const char *what)
{
    struct civil_date d;
    if (!date || !civil_parse_date(date, &d))
        return false;
    struct civil_date until = civil_add_months(d, months);
    if (civil_cmp(on, until) >= 0)
        return false;
    char when[11];
    civil_format_date(until, when);
    add(out, rule, SEV_DEFER, &until, "%s: wait at least %d months, until %s.", what, months, when);
    return true;
}

/* Whole years from birth to on. */
static int age_on(struct civil_date born, struct civil_date on)
{
    int age = on.y - born.y;
    if (on.m < born.m || (on.m == born.m && on.d < born.d))
        age--;
    return age;
}

void eligibility_assess(const struct consultation *c, const char *dob, struct civil_date on,
                        const struct eligibility_rules *r, struct eligibility *out)
{
    out->status = SEV_NONE;
    out->n = 0;
    const struct medical *m = &c->medical;
    struct civil_date born;

    /* No tattooing of minors in the UK (Tattooing of Minors Act 1969). */
    if (dob && civil_parse_date(dob, &born) && age_on(born, on) < r->min_age) {
        struct civil_date adult = civil_add_months(born, 12 * r->min_age);
        if (born.m == 2 && born.d == 29 && adult.d == 28)
            adult =
                (struct civil_date){adult.y, 3, 1}; /* a leap-day birthday counts from 1 March */
        char when[11];
        civil_format_date(adult, when);
        add(out, "minor", SEV_REFER, &adult,
            "The client is under %d until %s: SMP is a tattoo and may not be done on a minor.",
            r->min_age, when);
    }

    /* DOMAIN.md: after a hair transplant, wait at least 9 months (seed 004). */
    wait_after(out, "transplant_recent", m->transplant_on, r->transplant_wait_months, on,
               "Recent hair transplant");

    /* DOMAIN.md: avoid aspirin before treatment; paracetamol or ibuprofen are fine (seed 001). */
    if (m->blood_thinners)
        add(out, "blood_thinners", SEV_CAUTION, NULL,
            "Blood thinners increase bleeding: aspirin should be stopped before treatment "
            "(paracetamol or ibuprofen are fine); prescribed anticoagulants only with the "
            "prescriber's agreement.");

    /* Infection is a serious risk (seeds 000, 004): never work on an infected or flaring scalp. */
    if ((m->scalp_conditions & SCALP_ACTIVE_INFECTION) || m->scalp_flare == 1)
        add(out, "scalp_active", SEV_DEFER, NULL,
            "Active scalp infection or flare-up: treat only once the scalp has settled.");

    /* Allergic reaction to pigment is a serious risk (seeds 000, 004). */
    if (m->pigment_allergy == 1 && m->patch_test == PATCH_POSITIVE)
        add(out, "pigment_allergy", SEV_REFER, NULL,
            "Positive patch test to the pigment: do not treat with it; refer to a dermatologist.");
    else if (m->pigment_allergy == 1 && m->patch_test != PATCH_NEGATIVE)
        add(out, "pigment_allergy", SEV_DEFER, NULL,
            "History of pigment or tattoo allergy: do a patch test 48 to 72 hours before "
            "treatment, and treat only if it is negative.");

    if (m->keloid == 1)
        add(out, "keloid", SEV_CAUTION, NULL,
            "Tendency to keloid scarring: discuss the risk and consider a test area first.");

    if (m->chemotherapy == CHEMO_ONGOING)
        add(out, "chemotherapy_ongoing", SEV_DEFER, NULL,
            "Chemotherapy is ongoing: treat after it has ended and the scalp has recovered.");
    else if (m->chemotherapy == CHEMO_ENDED)
        wait_after(out, "chemotherapy_recent", m->chemotherapy_ended_on, r->chemo_wait_months, on,
                   "Chemotherapy ended recently");

    if (m->pregnant == 1)
        add(out, "pregnancy", SEV_DEFER, NULL,
            "Pregnant or breastfeeding: defer treatment until after breastfeeding.");

    /* A young scar is still remodelling: pigment placed now may blur or move. */
    if (c->scale == SCALE_SCAR && c->scar_age_months >= 0 &&
        c->scar_age_months < r->scar_wait_months) {
        struct civil_date d;
        if (civil_parse_date(c->date, &d)) {
            struct civil_date until = civil_add_months(d, r->scar_wait_months - c->scar_age_months);
            if (civil_cmp(on, until) < 0) {
                char when[11];
                civil_format_date(until, when);
                add(out, "scar_recent", SEV_DEFER, &until,
                    "The scar is younger than %d months: wait until %s.", r->scar_wait_months,
                    when);
            }
        }
    }

    /* Active alopecia areata: regrowth in treated patches makes the pigment look darker. */
    if (c->scale == SCALE_ALOPECIA_AREATA && c->alopecia_active == 1)
        add(out, "alopecia_active", SEV_CAUTION, NULL,
            "Alopecia areata is still active: hair regrowing in treated patches can make the "
            "pigment look darker; agree this with the client first.");
}
