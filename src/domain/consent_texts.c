/*
 * consent_texts.c — default consent, aftercare and privacy texts (see consent_texts.h).
 */
#include "domain/consent_texts.h"

#include <string.h>

const char *const consent_kinds[] = {"consent", "aftercare", "privacy", NULL};

int consent_kind_valid(const char *kind)
{
    for (int i = 0; kind && consent_kinds[i]; i++)
        if (strcmp(kind, consent_kinds[i]) == 0)
            return 1;
    return 0;
}

static const struct consent_document defaults[] = {
    {.kind = "consent",
     .title = "Consent to scalp micropigmentation",
     .reviewed_by = "stipple default text — have it reviewed by your clinic",
     .reviewed_on = "2026-11-21",
     .body =
         "I understand that scalp micropigmentation (SMP) is a cosmetic tattoo: fine needles "
         "place pigment dots in the upper skin of the scalp to look like hair follicles. It does "
         "not grow hair and does not stop hair loss.\n\n"
         "I understand that the result is built over a course of usually two to four sessions, "
         "that the first session is done lighter and that dots may look far apart until the "
         "last one, and that touch-ups are needed every few years as the pigment fades.\n\n"
         "I have told the practitioner about my health, medicines (including aspirin and other "
         "blood thinners), allergies (including to pigments or tattoos), skin conditions, hair "
         "transplants, chemotherapy, pregnancy or breastfeeding, and any tendency to keloid "
         "scars, and I will tell them of any change before each session.\n\n"
         "I understand the risks: redness for a day or two, scabbing, itching, possible bruising, "
         "occasionally swollen lymph nodes at the back of the head; and, rarely, infection or an "
         "allergic reaction to the pigment. Laser removal is possible but takes several "
         "sessions.\n\n"
         "I will follow the aftercare advice I have been given. I am 18 or over."},
    {.kind = "aftercare",
     .title = "Aftercare after each session",
     .reviewed_by = "stipple default text — have it reviewed by your clinic",
     .reviewed_on = "2026-11-21",
     .body = "Days 0 to 4: keep the scalp completely dry and do not touch it. No sweating at all: "
             "no training, sauna or steam room.\n\n"
             "Days 5 to 10: gently moisturise with a fragrance-free product. Shave only with an "
             "electric foil shaver. Light training only; no heavy sweating until day 10.\n\n"
             "From day 11: wash with a mild shampoo; most normal activities are fine.\n\n"
             "Until day 30: no swimming pools or hot tubs, and no harsh chemicals or "
             "exfoliants.\n\n"
             "Long term: moisturise daily and use sunscreen of SPF 30 to 50 — the sun is the main "
             "cause of fading.\n\n"
             "Redness usually goes within 24 to 48 hours. You can go back to work the next day, "
             "and a hat is fine."},
    {.kind = "privacy",
     .title = "How we use your information",
     .reviewed_by = "stipple default text — have it reviewed by your clinic",
     .reviewed_on = "2026-11-21",
     .body = "We keep your contact details, your consultation answers (including health "
             "information), photos and records of your treatment so that we can treat you "
             "safely and follow up your aftercare and touch-ups. Health information is special "
             "category data under UK GDPR: we process it with your explicit consent and only "
             "for your care.\n\n"
             "Only our staff who need it can see your records, and every access is logged. We "
             "keep treatment records for as long as needed for your care and our legal duties. "
             "You may ask for a copy of your data, and for corrections or deletion where the law "
             "allows."},
};

const struct consent_document *consent_defaults(int *n)
{
    *n = (int)(sizeof defaults / sizeof defaults[0]);
    return defaults;
}

int signature_valid(const char *s)
{
    if (!s)
        return 0;
    size_t len = strlen(s);
    if (len < 5 || len > 65536 || s[0] != 'M')
        return 0;
    int lines = 0;
    for (const char *p = s; *p; p++) {
        if (*p == 'L')
            lines++;
        else if (!strchr("M0123456789.,- ", *p))
            return 0;
    }
    return lines > 0;
}
