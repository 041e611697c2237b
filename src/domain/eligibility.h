/*
 * eligibility.h — may this client be treated, and from when? Pure rules over a consultation
 * (DOMAIN.md "Eligibility and safety"; the thresholds are clinic settings with these defaults).
 *
 * Each rule that applies adds a finding with a severity: caution (treat, with care or after a
 * step), defer (not yet; `until` when the date is known) or refer (not here: see a doctor, or
 * not at all). The status is the most severe finding, or eligible when there is none. A rule
 * with an `until` date stops applying on that date.
 */
#ifndef STIPPLE_ELIGIBILITY_H
#define STIPPLE_ELIGIBILITY_H

#include "domain/civil.h"
#include "domain/consultation.h"

#include <stdbool.h>

enum severity { SEV_NONE, SEV_CAUTION, SEV_DEFER, SEV_REFER };

struct eligibility_rules {
    int transplant_wait_months; /* 9 */
    int chemo_wait_months;      /* 6 */
    int scar_wait_months;       /* 6 */
    int min_age;                /* 18 */
};

/* The defaults: 9 months after a transplant, 6 after chemotherapy, 6 for a scar, 18 years. */
extern const struct eligibility_rules eligibility_defaults;

enum { ELIGIBILITY_MAX_FINDINGS = 16 };

struct finding {
    const char *rule; /* stable name, e.g. "transplant_recent" */
    enum severity severity;
    bool has_until;
    struct civil_date until;
    char message[240];
};

struct eligibility {
    enum severity status;
    int n;
    struct finding findings[ELIGIBILITY_MAX_FINDINGS];
};

/* severity_name returns "eligible", "caution", "defer" or "refer". */
const char *severity_name(enum severity s);

/* civil_add_months returns d plus n calendar months, the day clamped to the month's length
 * (2026-05-31 + 9 months = 2027-02-28). */
struct civil_date civil_add_months(struct civil_date d, int n);

/* eligibility_assess applies every rule to c as of the date `on`, for a client born on dob
 * (NULL: unknown), and fills out. */
void eligibility_assess(const struct consultation *c, const char *dob, struct civil_date on,
                        const struct eligibility_rules *rules, struct eligibility *out);

#endif
