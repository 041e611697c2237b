/*
 * aftercare.c — the aftercare timeline of a session and the touch-up recall date (see
 * aftercare.h). The advice follows the seeds (000, 001) as summarised in DOMAIN.md.
 */
#include "domain/aftercare.h"

#include "domain/eligibility.h"

#include <string.h>

const struct recall_rules recall_defaults = {36, 6, 6, 12};

static struct civil_date plus(struct civil_date d, int days)
{
    return civil_from_days(civil_days(d) + days);
}

void aftercare_plan(struct civil_date day, struct aftercare_item out[AFTERCARE_ITEMS])
{
    const struct civil_date open = {0, 0, 0};
    out[0] = (struct aftercare_item){
        day, plus(day, 4), "Days 0–4: keep it dry and leave it alone",
        "Keep the scalp completely dry and do not touch or scratch it. No sweating at all: no "
        "training, sauna or steam room. Redness for a day or two, some scabbing or itching and "
        "occasionally bruising are normal."};
    out[1] = (struct aftercare_item){
        plus(day, 5), plus(day, 10), "Days 5–10: moisturise gently",
        "Moisturise gently with a fragrance-free product. Shave only with an electric foil "
        "shaver. Light training is fine, but no heavy sweating until day 10."};
    out[2] = (struct aftercare_item){plus(day, 11), open, "From day 11: wash as normal",
                                     "Wash with a mild shampoo; most normal activities can start "
                                     "again."};
    out[3] = (struct aftercare_item){
        day, plus(day, 30), "Until day 30: no pools, hot tubs or harsh chemicals",
        "No swimming pools or hot tubs (chlorine), and no harsh chemicals or exfoliants on the "
        "scalp."};
    out[4] = (struct aftercare_item){
        plus(day, 31), open, "Long term: sunscreen and moisture",
        "Use sunscreen SPF 30–50 on the scalp every day in the sun — sun is the main cause of "
        "fading — and moisturise daily."};
}

/* Does text start with label, ignoring ASCII case? Answers the length matched, or 0. */
static size_t starts(const char *text, const char *label)
{
    size_t i = 0;
    for (; label[i]; i++) {
        char a = text[i], b = label[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return i;
}

int aftercare_apply_document(const char *body, struct aftercare_item items[AFTERCARE_ITEMS],
                             char *buf, size_t n)
{
    static const char *const labels[AFTERCARE_ITEMS][2] = {
        {"days 0 to 4:", "days 0\xe2\x80\x93"
                         "4:"},
        {"days 5 to 10:", "days 5\xe2\x80\x93"
                          "10:"},
        {"from day 11:", "from day 11:"},
        {"until day 30:", "until day 30:"},
        {"long term:", "long term:"},
    };
    size_t len = body ? strlen(body) : 0;
    if (!body || n < len + 1)
        return 0;
    memcpy(buf, body, len + 1);
    int taken = 0;
    for (char *para = buf; para && *para;) {
        char *end = strstr(para, "\n\n");
        char *next = end ? end + 2 : NULL;
        if (end)
            *end = 0;
        while (*para == '\n' || *para == ' ')
            para++;
        for (int k = 0; k < AFTERCARE_ITEMS; k++) {
            size_t m = starts(para, labels[k][0]);
            if (!m)
                m = starts(para, labels[k][1]);
            if (!m)
                continue;
            char *advice = para + m;
            while (*advice == ' ')
                advice++;
            if (*advice) {
                advice[0] = advice[0] >= 'a' && advice[0] <= 'z' ? (char)(advice[0] - 'a' + 'A')
                                                                 : advice[0];
                items[k].advice = advice;
                taken++;
            }
            break;
        }
        para = next;
    }
    return taken;
}

struct civil_date recall_due(struct civil_date last, bool oily, bool high_sun,
                             const struct recall_rules *r)
{
    int months =
        r->base_months - (oily ? r->oily_sooner_months : 0) - (high_sun ? r->sun_sooner_months : 0);
    if (months < r->min_months)
        months = r->min_months;
    return civil_add_months(last, months);
}
