/*
 * money.h — prices, quotes and finance in integer pence: the price-book areas and their bands
 * (Norwood stages for men's areas, Ludwig/Savin for women's density, size for scars and
 * patches), the clinic uplift and discounts rounded half up to whole pence, deposits, and a
 * UK-style instalment plan (standard amortisation; the last instalment absorbs the rounding).
 * No floating point touches an amount of money: rates are basis points and the monthly rate is
 * found in 128-bit fixed point. Pure: no I/O, no allocation.
 */
#ifndef STIPPLE_MONEY_H
#define STIPPLE_MONEY_H

#include <stdbool.h>
#include <stddef.h>

enum price_area {
    AREA_HAIRLINE,
    AREA_CROWN,
    AREA_FULL_SCALP,
    AREA_SCAR,
    AREA_PATCH,
    AREA_DENSITY,
    AREA_TOUCH_UP,
    AREA_CORRECTION,
    AREA_COUNT
};

enum { PRICE_BANDS = 3 };

/* A clinic's price book: pence per area and band (single-price areas use band 0), the visits
 * every quote includes, how long a quote stays valid, and the deposit rule. */
struct price_book {
    long long pence[AREA_COUNT][PRICE_BANDS];
    int sessions_included;
    int valid_days;
    int deposit_pct_bp;        /* deposit as basis points of the total (2000 = 20 %), or */
    long long deposit_fixed;   /* a fixed deposit in pence (used when deposit_pct_bp is 0) */
    int finance_months;        /* the representative finance example: term, */
    int finance_apr_bp;        /* APR in basis points (990 = 9.9 %), */
    char finance_provider[64]; /* and the partner's name ("" when none) */
};

/* area_name / area_parse convert between an area and its API name ("full_scalp"); parse
 * returns -1 for an unknown name. */
const char *area_name(enum price_area a);
int area_parse(const char *name);

/* area_banded says whether an area's price depends on a band; band_names lists the band labels
 * of an area (e.g. "II–III", "IV–V", "VI–VII"), NULL where it has a single price. */
bool area_banded(enum price_area a);
const char *band_name(enum price_area a, int band);

/* area_minutes is the typical chair time of a whole course for area in band, when no design
 * gives a better estimate (DOMAIN.md: 2–5 h a session, a full head 20–30 h in all). */
int area_minutes(enum price_area a, int band);

/* price_book_default fills the defaults inside the published UK ranges (DOMAIN.md, Pricing):
 * every quote includes 3 visits, valid 30 days, a 20 % deposit. */
void price_book_default(struct price_book *b);

/* price_band picks the band of area for a client: scale/stage from the consultation
 * ("norwood"/"V", "ludwig"/"II", "savin"/"II-1"), size_cm2 for scars and patches (< 0: not
 * given). Returns the band, or -1 with *field naming what is missing or wrong ("stage",
 * "size_cm2"). */
int price_band(enum price_area a, const char *scale, const char *stage, double size_cm2,
               const char **field);

/* money_uplift adds pct per cent to pence, rounding half up to whole pence. */
long long money_uplift(long long pence, int pct);

/* money_percent is bp basis points of pence (10000 = 100 %), rounded half up. */
long long money_percent(long long pence, long long bp);

/* money_deposit is the deposit the book asks on total (never more than the total). */
long long money_deposit(const struct price_book *b, long long total);

/* money_format writes an amount like "£1,800.00" (GBP £, EUR €, USD $; other currencies as
 * "CHF 1,800.00"), a minus sign first when negative. Returns out. */
char *money_format(long long pence, const char *currency, char *out, size_t n);

/* A fixed-rate instalment plan. */
struct finance {
    long long principal, monthly, last, total, cost; /* pence */
    int months;
    int apr_bp;     /* the representative APR, basis points */
    int rate_pa_bp; /* the fixed annual rate of interest (monthly rate × 12), basis points */
};

/* finance_plan spreads principal pence over months (1–120) at apr_bp (0–9999, 990 = 9.9 %
 * APR, the effective annual rate): the monthly rate r solves (1 + r)^12 = 1 + APR; interest
 * accrues monthly on the balance, rounded half up to pence; every instalment is the annuity
 * payment rounded half up except the last, which clears the balance (rounded down instead when
 * rounding up would overpay, so no instalment is ever negative). Returns 0, or -1 when an
 * argument is out of range. */
int finance_plan(long long principal, int months, int apr_bp, struct finance *out);

/* finance_example writes the UK-style representative example of plan f, e.g. "Representative
 * example: borrowing £1,440.00 over 12 months. 11 monthly payments of £126.23 and a final
 * payment of £126.19. Total amount payable £1,514.72; total cost of credit £74.72. Rate of
 * interest 9.48% p.a. (fixed). Representative 9.9% APR." Returns out. */
char *finance_example(const struct finance *f, const char *currency, char *out, size_t n);

/* percent_text writes basis points as a percentage without trailing zeros ("9.9", "12.95",
 * "20"). Returns out. */
char *percent_text(long long bp, char *out, size_t n);

#endif
