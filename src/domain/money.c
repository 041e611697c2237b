/*
 * money.c — prices, quotes and finance in integer pence (see money.h). The instalment maths is
 * done in 128-bit fixed point with 10^15 as one, which is exact to far below a penny for any
 * amount a clinic quotes; the only rounding of money is half up to whole pence, in the places
 * money.h names.
 */
#include "domain/money.h"

#include <stdio.h>
#include <string.h>

typedef __int128 wide;
#define ONE ((wide)1000000000000000) /* 10^15: fixed-point one */

static const char *const area_names[AREA_COUNT] = {
    "hairline", "crown", "full_scalp", "scar", "patch", "density", "touch_up", "correction"};

const char *area_name(enum price_area a)
{
    return a >= 0 && a < AREA_COUNT ? area_names[a] : "";
}

int area_parse(const char *name)
{
    for (int i = 0; name && i < AREA_COUNT; i++)
        if (strcmp(area_names[i], name) == 0)
            return i;
    return -1;
}

bool area_banded(enum price_area a)
{
    return a != AREA_TOUCH_UP && a != AREA_CORRECTION;
}

const char *band_name(enum price_area a, int band)
{
    static const char *const stages[] = {"Norwood I–III", "Norwood IV–V", "Norwood VI–VII"};
    static const char *const sizes[] = {"up to 10 cm²", "10–30 cm²", "over 30 cm²"};
    static const char *const women[] = {"Ludwig I", "Ludwig II", "Ludwig III"};
    if (!area_banded(a) || band < 0 || band >= PRICE_BANDS)
        return NULL;
    return a == AREA_SCAR || a == AREA_PATCH ? sizes[band]
           : a == AREA_DENSITY               ? women[band]
                                             : stages[band];
}

int area_minutes(enum price_area a, int band)
{
    static const int hours[AREA_COUNT][PRICE_BANDS] = {
        [AREA_HAIRLINE] = {6, 8, 10},     [AREA_CROWN] = {6, 7, 8},
        [AREA_FULL_SCALP] = {15, 20, 25}, [AREA_SCAR] = {2, 3, 4},
        [AREA_PATCH] = {2, 3, 4},         [AREA_DENSITY] = {6, 8, 10},
        [AREA_TOUCH_UP] = {2, 2, 2},      [AREA_CORRECTION] = {8, 8, 8},
    };
    if (a < 0 || a >= AREA_COUNT || band < 0 || band >= PRICE_BANDS)
        return 0;
    return hours[a][band] * 60;
}

void price_book_default(struct price_book *b)
{
    static const long long pounds[AREA_COUNT][PRICE_BANDS] = {
        [AREA_HAIRLINE] = {1000, 1400, 1800},   [AREA_CROWN] = {1000, 1300, 1600},
        [AREA_FULL_SCALP] = {2200, 2800, 3500}, [AREA_SCAR] = {350, 600, 900},
        [AREA_PATCH] = {350, 600, 900},         [AREA_DENSITY] = {1200, 1600, 2000},
        [AREA_TOUCH_UP] = {200, 0, 0},          [AREA_CORRECTION] = {1200, 0, 0},
    };
    memset(b, 0, sizeof *b);
    for (int a = 0; a < AREA_COUNT; a++)
        for (int k = 0; k < PRICE_BANDS; k++)
            b->pence[a][k] = pounds[a][k] * 100;
    b->sessions_included = 3;
    b->valid_days = 30;
    b->deposit_pct_bp = 2000;
    b->finance_months = 12;
    b->finance_apr_bp = 990;
}

/* The band of a Norwood stage: I–III (with IIa, IIIa, III-vertex), IV–V (IVa, Va), VI–VII. */
static int norwood_band(const char *stage)
{
    static const char *const bands[][6] = {{"I", "II", "IIa", "III", "IIIa", "III-vertex"},
                                           {"IV", "IVa", "V", "Va", NULL, NULL},
                                           {"VI", "VII", NULL, NULL, NULL, NULL}};
    for (int b = 0; b < PRICE_BANDS; b++)
        for (int i = 0; i < 6 && bands[b][i]; i++)
            if (strcmp(bands[b][i], stage) == 0)
                return b;
    return -1;
}

/* The band of a women's stage: Ludwig I/II/III; Savin I-1…I-4 with Ludwig I, II-1, II-2 and
 * frontal with II, III and advanced with III. */
static int women_band(const char *scale, const char *stage)
{
    static const char *const ludwig[] = {"I", "II", "III"};
    static const char *const savin[][4] = {{"I-1", "I-2", "I-3", "I-4"},
                                           {"II-1", "II-2", "frontal", NULL},
                                           {"III", "advanced", NULL, NULL}};
    for (int b = 0; b < PRICE_BANDS; b++) {
        if (strcmp(scale, "ludwig") == 0 && strcmp(ludwig[b], stage) == 0)
            return b;
        for (int i = 0; strcmp(scale, "savin") == 0 && i < 4 && savin[b][i]; i++)
            if (strcmp(savin[b][i], stage) == 0)
                return b;
    }
    return -1;
}

int price_band(enum price_area a, const char *scale, const char *stage, double size_cm2,
               const char **field)
{
    *field = NULL;
    if (!area_banded(a))
        return 0;
    if (a == AREA_SCAR || a == AREA_PATCH) {
        if (!(size_cm2 > 0 && size_cm2 <= 1000)) {
            *field = "size_cm2";
            return -1;
        }
        return size_cm2 <= 10 ? 0 : size_cm2 <= 30 ? 1 : 2;
    }
    int band = -1;
    if (scale && stage) {
        if (strcmp(scale, "norwood") == 0)
            band = norwood_band(stage);
        else if (strcmp(scale, "ludwig") == 0 || strcmp(scale, "savin") == 0)
            band = women_band(scale, stage);
    }
    if (band < 0)
        *field =
            scale && strcmp(scale, "norwood") && strcmp(scale, "ludwig") && strcmp(scale, "savin")
                ? "scale"
                : "stage";
    return band;
}

/* n × num / den rounded half up, for non-negative n, num and den > 0. */
static long long mul_div(long long n, long long num, long long den)
{
    wide v = (wide)n * num;
    bool neg = v < 0;
    if (neg)
        v = -v;
    v = (v + den / 2) / den;
    return (long long)(neg ? -v : v);
}

long long money_uplift(long long pence, int pct)
{
    return mul_div(pence, 100 + (long long)pct, 100);
}

long long money_percent(long long pence, long long bp)
{
    return mul_div(pence, bp, 10000);
}

long long money_deposit(const struct price_book *b, long long total)
{
    long long d =
        b->deposit_pct_bp > 0 ? money_percent(total, b->deposit_pct_bp) : b->deposit_fixed;
    return d < 0 ? 0 : d > total ? total : d;
}

char *money_format(long long pence, const char *currency, char *out, size_t n)
{
    const char *sym = !currency                  ? ""
                      : !strcmp(currency, "GBP") ? "£"
                      : !strcmp(currency, "EUR") ? "€"
                      : !strcmp(currency, "USD") ? "$"
                                                 : NULL;
    unsigned long long v = pence < 0 ? 0 - (unsigned long long)pence : (unsigned long long)pence;
    char digits[32], grouped[48];
    int len = snprintf(digits, sizeof digits, "%llu", v / 100), g = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = 0;
    snprintf(out, n, "%s%s%s%s%s.%02u", pence < 0 ? "-" : "", sym ? sym : currency, sym ? "" : " ",
             "", grouped, (unsigned)(v % 100));
    return out;
}

/* (1 + r)^k in fixed point. */
static wide grow(wide r, int k)
{
    wide x = ONE;
    for (int i = 0; i < k; i++)
        x = x * (ONE + r) / ONE;
    return x;
}

/* Runs the plan: months − 1 payments of pay, interest at r on the balance, a last payment that
 * clears it; fills f's total and last. Returns -1 when the balance would go below zero. */
static int amortise(long long principal, int months, wide r, long long pay, struct finance *f)
{
    long long balance = principal, total = 0;
    for (int m = 1; m <= months; m++) {
        long long interest = (long long)(((wide)balance * r + ONE / 2) / ONE);
        long long due = m == months ? balance + interest : pay;
        balance += interest - due;
        total += due;
        if (balance < 0 || due < 0)
            return -1;
        if (m == months)
            f->last = due;
    }
    f->total = total;
    return 0;
}

int finance_plan(long long principal, int months, int apr_bp, struct finance *f)
{
    memset(f, 0, sizeof *f);
    if (principal < 0 || principal > 100000000000LL || months < 1 || months > 120 || apr_bp < 0 ||
        apr_bp > 9999)
        return -1;
    /* the monthly rate: (1 + r)^12 = 1 + APR, by bisection (60 halvings of ≤ APR/12) */
    wide target = ONE + ONE * apr_bp / 10000, lo = 0, hi = ONE * apr_bp / 10000 / 12 + 1;
    for (int i = 0; i < 64 && apr_bp > 0; i++) {
        wide mid = (lo + hi) / 2;
        if (grow(mid, 12) < target)
            lo = mid;
        else
            hi = mid;
    }
    wide r = apr_bp > 0 ? (lo + hi) / 2 : 0;
    long long pay;
    if (r == 0)
        pay = mul_div(principal, 1, months);
    else {
        wide q = grow(r, months), factor = r * q / (q - ONE); /* per unit borrowed */
        pay = (long long)(((wide)principal * factor + ONE / 2) / ONE);
    }
    /* Rounded up, n − 1 payments can overpay a small sum (1p a month for 120 months on £1):
     * then the instalment goes down a penny at a time — a penny or two at most, since each
     * month's rounding is under a penny — until the last one is what remains. At 0p a month
     * nothing can be overpaid, so this ends. */
    while (amortise(principal, months, r, pay, f) < 0)
        pay--;
    f->principal = principal;
    f->months = months;
    f->apr_bp = apr_bp;
    f->monthly = months > 1 ? pay : f->last;
    f->cost = f->total - principal;
    f->rate_pa_bp = (int)((r * 12 * 10000 + ONE / 2) / ONE);
    return 0;
}

char *percent_text(long long bp, char *out, size_t n)
{
    unsigned long long v = bp < 0 ? 0 - (unsigned long long)bp : (unsigned long long)bp;
    if (v % 100 == 0)
        snprintf(out, n, "%s%llu", bp < 0 ? "-" : "", v / 100);
    else if (v % 10 == 0)
        snprintf(out, n, "%s%llu.%llu", bp < 0 ? "-" : "", v / 100, v % 100 / 10);
    else
        snprintf(out, n, "%s%llu.%02llu", bp < 0 ? "-" : "", v / 100, v % 100);
    return out;
}

char *finance_example(const struct finance *f, const char *currency, char *out, size_t n)
{
    char borrow[32], monthly[32], last[32], total[32], cost[32], payments[128], apr[16];
    money_format(f->principal, currency, borrow, sizeof borrow);
    money_format(f->monthly, currency, monthly, sizeof monthly);
    money_format(f->last, currency, last, sizeof last);
    money_format(f->total, currency, total, sizeof total);
    money_format(f->cost, currency, cost, sizeof cost);
    if (f->months == 1)
        snprintf(payments, sizeof payments, "One payment of %s", last);
    else if (f->last == f->monthly)
        snprintf(payments, sizeof payments, "%d monthly payments of %s", f->months, monthly);
    else
        snprintf(payments, sizeof payments, "%d monthly payments of %s and a final payment of %s",
                 f->months - 1, monthly, last);
    snprintf(out, n,
             "Representative example: borrowing %s over %d month%s. %s. Total amount payable %s; "
             "total cost of credit %s. Rate of interest %d.%02d%% p.a. (fixed). Representative "
             "%s%% APR.",
             borrow, f->months, f->months == 1 ? "" : "s", payments, total, cost,
             f->rate_pa_bp / 100, f->rate_pa_bp % 100, percent_text(f->apr_bp, apr, sizeof apr));
    return out;
}
