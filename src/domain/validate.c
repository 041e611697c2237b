/*
 * validate.c — value rules for stored records (see validate.h).
 */
#include "domain/validate.h"

#include "domain/civil.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Decodes one UTF-8 sequence at s; returns its length, or 0 when invalid. */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = (s[0] & 0xE0) == 0xC0   ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (!n)
        return 0;
    uint32_t v = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

bool valid_text(const char *s, size_t min, size_t max, bool single_line)
{
    if (!s)
        return min == 0;
    size_t count = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp;
        size_t n = utf8_next(p, &cp);
        if (!n)
            return false;
        bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
        if (control && (single_line || (cp != '\t' && cp != '\n' && cp != '\r')))
            return false;
        p += n;
        if (++count > max)
            return false;
    }
    return count >= min;
}

bool valid_email(const char *s)
{
    if (!s)
        return false;
    size_t len = strlen(s);
    const char *at = strchr(s, '@');
    if (len > 254 || !at || at == s || at - s > 64 || strchr(at + 1, '@'))
        return false;
    for (const char *p = s; p < at; p++)
        if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7F || strchr("()<>,;:\\\"[]", *p))
            return false;
    if (s[0] == '.' || at[-1] == '.' || strstr(s, ".."))
        return false;
    const char *d = at + 1;
    int labels = 0;
    while (*d) {
        const char *end = strchr(d, '.');
        size_t n = end ? (size_t)(end - d) : strlen(d);
        if (n == 0 || n > 63 || d[0] == '-' || d[n - 1] == '-')
            return false;
        for (size_t i = 0; i < n; i++)
            if (!isalnum((unsigned char)d[i]) && d[i] != '-')
                return false;
        labels++;
        d += n + (end ? 1 : 0);
        if (end && !*d)
            return false;
    }
    return labels >= 2;
}

bool valid_phone(const char *s)
{
    if (!s || !*s)
        return false;
    int digits = 0;
    for (const char *p = s; *p; p++) {
        if (isdigit((unsigned char)*p))
            digits++;
        else if (*p == '+' ? p != s : !strchr(" -.()", *p))
            return false;
    }
    return digits >= 6 && digits <= 20;
}

/* Active ISO 4217 codes (2025), sorted for bsearch. */
static const char currencies[][4] = {
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
};

static int cmp_code(const void *a, const void *b)
{
    return strcmp(a, b);
}

bool valid_currency(const char *s)
{
    if (!s || strlen(s) != 3)
        return false;
    return bsearch(s, currencies, sizeof currencies / sizeof currencies[0], sizeof currencies[0],
                   cmp_code) != NULL;
}

int clinic_check(const struct clinic *c, struct err *e)
{
    if (!valid_text(c->name, 1, 200, true))
        return err_set(e, ERR_INVALID, "name", "name must be 1 to 200 characters on one line");
    if (!valid_text(c->city, 0, 100, true))
        return err_set(e, ERR_INVALID, "city", "city must be at most 100 characters on one line");
    if (!valid_text(c->address, 0, 500, false))
        return err_set(e, ERR_INVALID, "address", "address must be at most 500 characters");
    if (!c->timezone || !*c->timezone)
        return err_set(e, ERR_INVALID, "timezone", "timezone is required (an IANA name)");
    if (!valid_currency(c->currency))
        return err_set(e, ERR_INVALID, "currency",
                       "currency must be an ISO 4217 code such as GBP or EUR");
    if (c->price_uplift_pct < 0 || c->price_uplift_pct > 200)
        return err_set(e, ERR_INVALID, "price_uplift_pct",
                       "price_uplift_pct must be a whole number from 0 to 200");
    const struct eligibility_rules *r = &c->rules;
    if (r->transplant_wait_months < 0 || r->transplant_wait_months > 36)
        return err_set(e, ERR_INVALID, "eligibility.transplant_wait_months",
                       "transplant_wait_months must be 0 to 36");
    if (r->chemo_wait_months < 0 || r->chemo_wait_months > 36)
        return err_set(e, ERR_INVALID, "eligibility.chemo_wait_months",
                       "chemo_wait_months must be 0 to 36");
    if (r->scar_wait_months < 0 || r->scar_wait_months > 36)
        return err_set(e, ERR_INVALID, "eligibility.scar_wait_months",
                       "scar_wait_months must be 0 to 36");
    if (r->min_age < 16 || r->min_age > 25)
        return err_set(e, ERR_INVALID, "eligibility.min_age", "min_age must be 16 to 25");
    if (c->buffer_min < 0 || c->buffer_min > 120)
        return err_set(e, ERR_INVALID, "buffer_min",
                       "buffer_min (clean-down after a treatment) must be 0 to 120 minutes");
    if (c->grid_min < 5 || c->grid_min > 60 || 60 % c->grid_min != 0)
        return err_set(e, ERR_INVALID, "grid_min",
                       "grid_min must divide the hour: 5, 10, 15, 20, 30 or 60 minutes");
    return 0;
}

int practitioner_check(const struct practitioner *p, struct err *e)
{
    if (!valid_text(p->name, 1, 200, true))
        return err_set(e, ERR_INVALID, "name", "name must be 1 to 200 characters on one line");
    if (!valid_email(p->email))
        return err_set(e, ERR_INVALID, "email", "email must be a valid address");
    for (int i = 0; i < p->n_clinic_ids; i++) {
        if (p->clinic_ids[i] <= 0)
            return err_set(e, ERR_INVALID, "clinic_ids", "clinic_ids must hold clinic ids");
        for (int j = 0; j < i; j++)
            if (p->clinic_ids[j] == p->clinic_ids[i])
                return err_set(e, ERR_INVALID, "clinic_ids", "clinic %lld is listed twice",
                               p->clinic_ids[i]);
    }
    return 0;
}

int client_check(const struct client *c, const char *today, struct err *e)
{
    if (!valid_text(c->first_name, 1, 100, true))
        return err_set(e, ERR_INVALID, "first_name", "first_name must be 1 to 100 characters");
    if (!valid_text(c->last_name, 1, 100, true))
        return err_set(e, ERR_INVALID, "last_name", "last_name must be 1 to 100 characters");
    if (c->email && !valid_email(c->email))
        return err_set(e, ERR_INVALID, "email", "email must be a valid address");
    if (c->phone && !valid_phone(c->phone))
        return err_set(e, ERR_INVALID, "phone",
                       "phone must be 6 to 20 digits, optionally with +, spaces or dashes");
    if (c->date_of_birth) {
        struct civil_date dob, now, min = {1900, 1, 1};
        if (!civil_parse_date(c->date_of_birth, &dob))
            return err_set(e, ERR_INVALID, "date_of_birth",
                           "date_of_birth must be a real date written YYYY-MM-DD");
        if (civil_parse_date(today, &now) && civil_cmp(dob, now) > 0)
            return err_set(e, ERR_INVALID, "date_of_birth", "date_of_birth is in the future");
        if (civil_cmp(dob, min) < 0)
            return err_set(e, ERR_INVALID, "date_of_birth", "date_of_birth is before 1900");
    }
    if (c->clinic_id <= 0)
        return err_set(e, ERR_INVALID, "clinic_id", "clinic_id is required");
    if (!valid_text(c->notes, 0, 10000, false))
        return err_set(e, ERR_INVALID, "notes", "notes must be at most 10000 characters");
    return 0;
}

int user_check(const struct user *u, struct err *e)
{
    if (!valid_email(u->email))
        return err_set(e, ERR_INVALID, "email", "email must be a valid address");
    if (!valid_text(u->name, 1, 200, true))
        return err_set(e, ERR_INVALID, "name", "name must be 1 to 200 characters on one line");
    if (!u->role)
        return err_set(e, ERR_INVALID, "role",
                       "role must be owner, manager, practitioner or reception");
    return 0;
}

/* The most common passwords of 8 or more characters in public breach corpora, lower case. */
static const char *const common[] = {
    "00000000",   "1111111111", "11111111",   "11223344",      "12121212",     "123123123",
    "12312312",   "12341234",   "1234567890", "123456789",     "12345678",     "1234abcd",
    "123qweasd",  "12qwaszx",   "1q2w3e4r",   "1q2w3e4r5t",    "1qaz2wsx",     "1qazxsw2",
    "22222222",   "55555555",   "66666666",   "77777777",      "87654321",     "88888888",
    "987654321",  "99999999",   "a1b2c3d4",   "aa123456",      "abc12345",     "abcd1234",
    "abcdefgh",   "access14",   "adminadmin", "administrator", "alexander",    "asdf1234",
    "asdfasdf",   "asdfghjk",   "asdfghjkl",  "babygirl",      "baseball",     "basketball",
    "batman123",  "bigdaddy",   "blink182",   "butterfly",     "changeme",     "charlie1",
    "cheese123",  "chelsea1",   "chocolate",  "computer",      "corvette",     "danielle",
    "dolphins",   "einstein",   "football",   "football1",     "freedom1",     "gateway1",
    "hello123",   "helloworld", "iloveyou",   "iloveyou1",     "iloveyou2",    "internet",
    "jennifer",   "jessica1",   "jordan23",   "killer123",     "letmein1",     "letmein123",
    "liverpool",  "liverpool1", "login123",   "lovely123",     "loveme123",    "manchester",
    "master123",  "mercedes",   "michelle",   "midnight",      "monkey123",    "mustang1",
    "mypassword", "nicole123",  "p@ssw0rd",   "p@ssword",      "passw0rd",     "password",
    "password!",  "password1",  "password12", "password123",   "password1234", "passwort",
    "pokemon1",   "princess",   "princess1",  "qazwsxedc",     "qwe123qwe",    "qweasdzxc",
    "qwer1234",   "qwerty12",   "qwerty123",  "qwerty1234",    "qwertyui",     "qwertyuiop",
    "rainbow1",   "samantha",   "sandiego",   "scorpion",      "security",     "shadow123",
    "spiderman",  "starwars",   "summer2024", "summer2025",    "summer2026",   "sunshine",
    "sunshine1",  "superman",   "superman1",  "tinkerbell",    "trustno1",     "unknown1",
    "welcome1",   "welcome123", "whatever",   "winter2024",    "winter2025",   "winter2026",
    "yankees1",   "zaq12wsx",   "zxcvbnm1",   "zxcvbnm123",
};

int password_check(const char *pw, struct err *e)
{
    if (!valid_text(pw, 8, 128, false))
        return err_set(e, ERR_INVALID, "password", "password must be 8 to 128 characters");
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        if (strcasecmp(pw, common[i]) == 0)
            return err_set(e, ERR_INVALID, "password",
                           "password is one of the most common passwords; choose another");
    return 0;
}
