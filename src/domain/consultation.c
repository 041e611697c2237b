/*
 * consultation.c — the consultation's vocabularies, classification scales and field rules
 * (see consultation.h).
 */
#include "domain/consultation.h"

#include "domain/civil.h"
#include "domain/validate.h"

#include <string.h>

#define NAMES(var, field, ...)                                                                     \
    static const char *const var##_list[] = {__VA_ARGS__, NULL};                                   \
    const struct enum_names var = {field, var##_list}

NAMES(consult_modes, "mode", "in_person", "phone", "video", "photos");
NAMES(consult_goals, "goal", "shaved_look", "density", "scar", "alopecia", "correction",
      "touch_up");
NAMES(consult_scales, "scale", "norwood", "ludwig", "savin", "alopecia_areata", "scar");
NAMES(consult_skins, "skin", "oily", "normal", "dry");
NAMES(consult_sun, "lifestyle.sun_exposure", "low", "moderate", "high");
NAMES(consult_training, "lifestyle.training", "none", "light", "regular", "intense");
NAMES(consult_hairline_styles, "hairline.style", "soft", "feathered", "jagged", "defined",
      "receded");
NAMES(consult_transplant_types, "medical.hair_transplant_type", "fue", "fut", "other");
NAMES(consult_patch_tests, "medical.patch_test", "negative", "positive");
NAMES(consult_chemotherapy, "medical.chemotherapy", "none", "ongoing", "ended");
NAMES(consult_blood_thinners, "medical.blood_thinners", "aspirin", "warfarin", "apixaban",
      "rivaroxaban", "dabigatran", "edoxaban", "clopidogrel", "heparin", "other");
NAMES(consult_scalp_conditions, "medical.scalp_conditions", "psoriasis", "eczema", "folliculitis",
      "active_infection", "seborrhoeic_dermatitis");

int enum_parse(const struct enum_names *t, const char *name)
{
    for (int i = 0; name && t->names[i]; i++)
        if (strcmp(t->names[i], name) == 0)
            return i + 1;
    return 0;
}

const char *enum_name(const struct enum_names *t, int v)
{
    for (int i = 0; t->names[i]; i++)
        if (i + 1 == v)
            return t->names[i];
    return NULL;
}

static const char *const norwood[] = {"I",   "II", "IIa", "III", "IIIa", "III-vertex", "IV",
                                      "IVa", "V",  "Va",  "VI",  "VII",  NULL};
static const char *const norwood_text[] = {
    "No recession, or barely any, at the temples.",
    "Slight recession at the temples; the hairline sits a little higher.",
    "The front hairline recedes evenly, without a bald spot behind it.",
    "Deep recession at both temples: an M, U or V shape.",
    "Deep frontal recession with no island of hair left at the front.",
    "Receding temples with thinning at the crown (vertex).",
    "Deeper recession and a larger crown area, still separated by a band of hair.",
    "The front recedes past the middle of the scalp, without a band.",
    "The bald front and crown nearly meet; the band between them is thin.",
    "The front and crown have met in one area, with no band left.",
    "The band is gone: one large bald area from front to crown.",
    "Hair remains only in a band around the sides and back of the head.",
};
static const char *const ludwig[] = {"I", "II", "III", NULL};
static const char *const ludwig_text[] = {
    "Thinning on top, seen when the hair is parted; the front line is kept.",
    "Marked thinning and a widening part over the top of the scalp.",
    "Extensive thinning: the scalp shows through over the whole top.",
};
static const char *const savin[] = {"I-1",  "I-2", "I-3",      "I-4",     "II-1",
                                    "II-2", "III", "advanced", "frontal", NULL};
static const char *const savin_text[] = {
    "No visible thinning on top.",
    "Very slight widening of the part.",
    "Slight thinning along the part.",
    "Thinning along a wider part.",
    "Diffuse thinning over the top.",
    "More diffuse thinning over the top.",
    "Extensive thinning over the top; the scalp shows.",
    "Advanced loss with little hair left on top.",
    "Thinning at the front hairline as well.",
};
static const char *const areata[] = {"patchy", "totalis", "universalis", NULL};
static const char *const areata_text[] = {
    "One or more round patches of hair loss.",
    "Loss of all the hair on the scalp.",
    "Loss of all the hair on the scalp and body.",
};
static const char *const scar[] = {"fut", "fue", "injury", "burn", "surgery", NULL};
static const char *const scar_text[] = {
    "A linear strip scar from a FUT hair transplant.",
    "Small dot scars from FUE extraction.",
    "A scar from an accident or injury.",
    "A burn scar.",
    "A scar from other surgery.",
};

const char *const *consult_stages(int s, const char *const **descriptions)
{
    static const struct {
        const char *const *stages, *const *text;
    } t[] = {
        [SCALE_NORWOOD] = {norwood, norwood_text}, [SCALE_LUDWIG] = {ludwig, ludwig_text},
        [SCALE_SAVIN] = {savin, savin_text},       [SCALE_ALOPECIA_AREATA] = {areata, areata_text},
        [SCALE_SCAR] = {scar, scar_text},
    };
    if (s < SCALE_NORWOOD || s > SCALE_SCAR)
        return NULL;
    if (descriptions)
        *descriptions = t[s].text;
    return t[s].stages;
}

void consultation_init(struct consultation *c)
{
    memset(c, 0, sizeof *c);
    c->salt = c->alopecia_active = c->scar_size_dcm2 = c->scar_age_months = -1;
    c->grey_pct = c->swimming = c->conservative_first = -1;
    c->medical.pigment_allergy = c->medical.keloid = c->medical.scalp_flare = -1;
    c->medical.pregnant = c->medical.diabetes = -1;
}

/* A date field: when set, a real date not after today. */
static int past_date(const char *s, const char *today, const char *field, struct err *e)
{
    struct civil_date d, now;
    if (!s)
        return 0;
    if (!civil_parse_date(s, &d))
        return err_set(e, ERR_INVALID, field, "%s must be a real date written YYYY-MM-DD", field);
    if (civil_parse_date(today, &now) && civil_cmp(d, now) > 0)
        return err_set(e, ERR_INVALID, field, "%s is in the future", field);
    return 0;
}

int consultation_check(const struct consultation *c, const char *today, struct err *e)
{
    if (!c->date)
        return err_set(e, ERR_INVALID, "date", "date is required (YYYY-MM-DD)");
    if (past_date(c->date, today, "date", e) < 0)
        return -1;
    if (!c->mode)
        return err_set(e, ERR_INVALID, "mode", "mode must be in_person, phone, video or photos");
    if (!c->goal)
        return err_set(e, ERR_INVALID, "goal",
                       "goal must be shaved_look, density, scar, alopecia, correction or touch_up");
    if (c->stage && !c->scale)
        return err_set(e, ERR_INVALID, "scale", "a stage needs its scale");
    if (c->scale < 0 || c->scale > SCALE_SCAR)
        return err_set(e, ERR_INVALID, "scale", "scale is not a known classification scale");
    if (c->scale) {
        const char *const *stages = consult_stages(c->scale, NULL);
        int found = 0;
        for (int i = 0; c->stage && stages[i]; i++)
            found |= strcmp(stages[i], c->stage) == 0;
        if (!found)
            return err_set(e, ERR_INVALID, "stage", "stage is not a stage of the %s scale",
                           enum_name(&consult_scales, c->scale));
    }
    if (c->salt != -1 && (c->scale != SCALE_ALOPECIA_AREATA || c->salt < 0 || c->salt > 100))
        return err_set(e, ERR_INVALID, "salt",
                       "salt is a score from 0 to 100, for the alopecia_areata scale");
    if (c->alopecia_active != -1 && c->scale != SCALE_ALOPECIA_AREATA)
        return err_set(e, ERR_INVALID, "alopecia_active",
                       "alopecia_active belongs to the alopecia_areata scale");
    if (c->scar_size_dcm2 != -1 &&
        (c->scale != SCALE_SCAR || c->scar_size_dcm2 <= 0 || c->scar_size_dcm2 > 10000))
        return err_set(e, ERR_INVALID, "scar_size_cm2",
                       "scar_size_cm2 is above 0 and at most 1000, for the scar scale");
    if (c->scar_age_months != -1 &&
        (c->scale != SCALE_SCAR || c->scar_age_months < 0 || c->scar_age_months > 1200))
        return err_set(e, ERR_INVALID, "scar_age_months",
                       "scar_age_months is 0 to 1200, for the scar scale");
    if (c->fitzpatrick < 0 || c->fitzpatrick > 6)
        return err_set(e, ERR_INVALID, "fitzpatrick", "fitzpatrick is a skin type from 1 to 6");
    if (!valid_text(c->hair_colour, 0, 100, true))
        return err_set(e, ERR_INVALID, "hair_colour", "hair_colour is at most 100 characters");
    if (c->grey_pct != -1 && (c->grey_pct < 0 || c->grey_pct > 100))
        return err_set(e, ERR_INVALID, "grey_pct", "grey_pct is a percentage from 0 to 100");
    if (!valid_text(c->hairline_notes, 0, 5000, false))
        return err_set(e, ERR_INVALID, "hairline.notes",
                       "hairline.notes is at most 5000 characters");
    const struct medical *m = &c->medical;
    if (past_date(m->transplant_on, today, "medical.hair_transplant_on", e) < 0 ||
        past_date(m->patch_test_on, today, "medical.patch_test_on", e) < 0 ||
        past_date(m->chemotherapy_ended_on, today, "medical.chemotherapy_ended_on", e) < 0)
        return -1;
    if (m->transplant_type && !m->transplant_on)
        return err_set(e, ERR_INVALID, "medical.hair_transplant_on",
                       "give the date of the hair transplant with its type");
    if (m->patch_test_on && !m->patch_test)
        return err_set(e, ERR_INVALID, "medical.patch_test",
                       "give the patch test result with its date");
    if (m->chemotherapy == CHEMO_ENDED && !m->chemotherapy_ended_on)
        return err_set(e, ERR_INVALID, "medical.chemotherapy_ended_on",
                       "give the date chemotherapy ended");
    if (m->chemotherapy != CHEMO_ENDED && m->chemotherapy_ended_on)
        return err_set(e, ERR_INVALID, "medical.chemotherapy",
                       "chemotherapy_ended_on goes with chemotherapy \"ended\"");
    if (!valid_text(m->medications, 0, 5000, false))
        return err_set(e, ERR_INVALID, "medical.medications",
                       "medical.medications is at most 5000 characters");
    if (!valid_text(c->notes, 0, 10000, false))
        return err_set(e, ERR_INVALID, "notes", "notes is at most 10000 characters");
    return 0;
}
