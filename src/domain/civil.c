/*
 * civil.c — Gregorian calendar arithmetic (see civil.h).
 */
#include "domain/civil.h"

#include <string.h>

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int civil_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool civil_parse_date(const char *s, struct civil_date *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > civil_days_in_month(y, m))
        return false;
    *out = (struct civil_date){y, m, d};
    return true;
}

long long civil_days(struct civil_date c)
{
    long long y = c.y - (c.m <= 2);
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long mp = (c.m + 9) % 12;
    long long doy = (153 * mp + 2) / 5 + c.d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct civil_date civil_from_days(long long z)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    return (struct civil_date){(int)(y + (m <= 2)), m, d};
}

int civil_cmp(struct civil_date a, struct civil_date b)
{
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    if (a.m != b.m)
        return a.m < b.m ? -1 : 1;
    return a.d < b.d ? -1 : a.d > b.d;
}

/* Writes v as exactly n decimal digits (v is taken modulo 10^n, never negative). */
static void digits_out(char *out, int v, int n)
{
    if (v < 0)
        v = -v;
    for (int i = n - 1; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
}

void civil_format_date(struct civil_date d, char out[11])
{
    digits_out(out, d.y, 4);
    out[4] = '-';
    digits_out(out + 5, d.m, 2);
    out[7] = '-';
    digits_out(out + 8, d.d, 2);
    out[10] = 0;
}

struct civil_date civil_date_of(long long t)
{
    long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    return civil_from_days(days);
}

void civil_format_utc(long long t, char out[21])
{
    struct civil_date d = civil_date_of(t);
    int secs = (int)(t - civil_days(d) * 86400);
    civil_format_date(d, out);
    out[10] = 'T';
    digits_out(out + 11, secs / 3600, 2);
    out[13] = ':';
    digits_out(out + 14, secs / 60 % 60, 2);
    out[16] = ':';
    digits_out(out + 17, secs % 60, 2);
    out[19] = 'Z';
    out[20] = 0;
}
