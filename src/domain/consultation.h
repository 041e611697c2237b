/*
 * consultation.h — the consultation record: why the client came, how their hair loss is
 * classified, their skin and lifestyle, the hairline agreed, and the medical answers that decide
 * whether and when SMP may be done (DOMAIN.md: "The client journey" 2, "Eligibility and safety",
 * "Classification scales").
 *
 * Enumerated answers are small integers with a name table each (consult_enum_*), so the API,
 * the store and the rules agree on one spelling. Lists of enumerated answers (blood thinners,
 * scalp conditions) are bit sets. "Unset" is 0 for enums and -1 for numbers and yes/no answers
 * unless said otherwise; a medical yes/no that is unset means "no" (as the API says: absent
 * keys mean no).
 */
#ifndef STIPPLE_CONSULTATION_H
#define STIPPLE_CONSULTATION_H

#include "util/err.h"

#include <stdbool.h>

/* A name table: NULL-terminated; entry i names value i + 1 (0 is "unset"). */
struct enum_names {
    const char *field;        /* the API field it belongs to, for error messages */
    const char *const *names; /* NULL-terminated */
};

extern const struct enum_names consult_modes, consult_goals, consult_scales, consult_skins,
    consult_sun, consult_training, consult_hairline_styles, consult_transplant_types,
    consult_patch_tests, consult_chemotherapy, consult_blood_thinners, consult_scalp_conditions;

/* enum_parse returns the value (1…) of name in t, or 0 when it names none. */
int enum_parse(const struct enum_names *t, const char *name);

/* enum_name returns the name of value v in t, or NULL for 0 or out of range. */
const char *enum_name(const struct enum_names *t, int v);

enum { SCALE_NORWOOD = 1, SCALE_LUDWIG, SCALE_SAVIN, SCALE_ALOPECIA_AREATA, SCALE_SCAR };
enum { CHEMO_NONE = 1, CHEMO_ONGOING, CHEMO_ENDED };
enum { PATCH_NEGATIVE = 1, PATCH_POSITIVE };
enum { SCALP_ACTIVE_INFECTION = 1 << 3 }; /* bit of "active_infection" in scalp_conditions */

/* stages_of returns the stages of a scale (NULL-terminated) and their plain descriptions
 * (parallel array), or NULL for a scale without stages. */
const char *const *consult_stages(int scale, const char *const **descriptions);

struct medical {
    char *transplant_on;     /* date of the last hair transplant, or NULL */
    int transplant_type;     /* consult_transplant_types */
    unsigned blood_thinners; /* bit (1 << (v - 1)) per consult_blood_thinners value */
    int pigment_allergy;     /* history of pigment or tattoo allergy */
    int patch_test;          /* consult_patch_tests */
    char *patch_test_on;
    int keloid;
    unsigned scalp_conditions; /* bits of consult_scalp_conditions */
    int scalp_flare;           /* a current flare-up of a scalp condition */
    int pregnant;              /* pregnant or breastfeeding */
    int chemotherapy;          /* consult_chemotherapy */
    char *chemotherapy_ended_on;
    int diabetes;
    char *medications;
};

struct consultation {
    long long id, client_id, clinic_id, practitioner_id;
    char *date;
    int mode, goal, scale;
    char *stage;
    int salt;            /* alopecia areata: Severity of Alopecia Tool score 0–100 */
    int alopecia_active; /* alopecia areata still active (new patches or regrowth) */
    int scar_size_dcm2;  /* scar area in tenths of cm² */
    int scar_age_months;
    int fitzpatrick; /* 1–6, 0 unset */
    int skin;
    char *hair_colour;
    int grey_pct;
    int sun_exposure, training, swimming;
    int hairline_style, conservative_first;
    char *hairline_notes;
    struct medical medical;
    char *notes;
    long long created_at, updated_at;
};

/* consultation_init sets every field of c to unset. */
void consultation_init(struct consultation *c);

/* consultation_check validates c (today: the current civil date, for dates in the future) and
 * reports the first bad field by its API name ("stage", "medical.hair_transplant_on", …). */
int consultation_check(const struct consultation *c, const char *today, struct err *e);

#endif
