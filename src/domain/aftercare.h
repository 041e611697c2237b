/*
 * aftercare.h — what a client does after each SMP session, day by day, and when they are due a
 * touch-up (DOMAIN.md, "The client journey" 4 and 5). Dates are calendar days in the clinic's
 * time zone, so a clock change never moves an item; the caller turns the session's instant into
 * its local day. Pure: no I/O.
 */
#ifndef STIPPLE_AFTERCARE_H
#define STIPPLE_AFTERCARE_H

#include "domain/civil.h"

#include <stdbool.h>
#include <stddef.h>

enum { AFTERCARE_ITEMS = 5 };

struct aftercare_item {
    struct civil_date from, to; /* to.y == 0: no end */
    const char *title, *advice;
};

/* aftercare_plan fills the items of a session held on local day `day`: days 0–4 (dry, no
 * touching, no sweating), 5–10 (moisturise, foil shaver, light training only), from day 11
 * (mild shampoo), until day 30 (no pools, hot tubs or harsh chemicals) and the long term (SPF
 * 30–50, moisturise), in that order. */
void aftercare_plan(struct civil_date day, struct aftercare_item out[AFTERCARE_ITEMS]);

/* aftercare_apply_document takes the advice of each stage from the clinic's aftercare document:
 * a paragraph (blank-line separated) that starts with a stage's label — "Days 0 to 4:",
 * "Days 5 to 10:", "From day 11:", "Until day 30:", "Long term:" (case ignored; "–" or "to") —
 * replaces that stage's advice with the rest of the paragraph. Stages the document does not name
 * keep the built-in advice. The advice texts are written into buf (n bytes, at least
 * strlen(body) + 1), which the items then point into. Returns how many stages were taken. */
int aftercare_apply_document(const char *body, struct aftercare_item items[AFTERCARE_ITEMS],
                             char *buf, size_t n);

/* The clinic's touch-up recall rule: months after the last session, and how much sooner for
 * oily skin and for high sun exposure, never sooner than min_months. */
struct recall_rules {
    int base_months, oily_sooner_months, sun_sooner_months, min_months;
};

extern const struct recall_rules recall_defaults; /* 36, 6, 6, 12 */

/* recall_due is the touch-up due date after a last session on `last` (months clamp to the end of
 * shorter months, e.g. 31 May + 33 months = 28 Feb). */
struct civil_date recall_due(struct civil_date last, bool oily, bool high_sun,
                             const struct recall_rules *r);

#endif
