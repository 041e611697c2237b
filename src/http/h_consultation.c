/*
 * h_consultation.c — consultations: POST /api/v1/clients/{id}/consultations, the client's list,
 * GET/PATCH /api/v1/consultations/{id}, and GET …/{id}/eligibility, which applies the clinic's
 * rules as of a date (default: today in the clinic's time zone). Consultations hold health data:
 * only clinical roles reach them (the route table), and every read and change is audited.
 */
#include "domain/civil.h"
#include "domain/consultation.h"
#include "domain/eligibility.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_consultation.h"
#include "util/tz.h"

#include <stdio.h>
#include <string.h>

static struct audit_entry entry(struct req *rq, enum audit_action action, long long id,
                                long long client_id)
{
    return req_audit_entry(rq, action, "consultation", id, client_id);
}

/* Audits a read; -1 when the audit queue refuses (the record must not be shown). */
static int audit_read(struct req *rq, enum audit_action action, const struct consultation *c)
{
    struct audit_entry x = entry(rq, action, c->id, c->client_id);
    return auditq_push(rq->app->auditq, &x);
}

static int audit_refused(struct resp *rs)
{
    return resp_fail(rs, ERR_UNAVAILABLE, NULL,
                     "health records are unavailable while their reads cannot be audited");
}

/* Reads the members of a nested object (NULL when absent; 422 when not an object). */
static int nested(json_t *o, const char *name, json_t **out, struct err *e)
{
    *out = json_object_get(o, name);
    if (*out && !json_is_object(*out))
        return err_set(e, ERR_INVALID, name, "%s must be an object", name);
    return 0;
}

/* Names the unknown member of a nested object as "outer.member". */
static int only(json_t *o, const char *outer, const char *const *known, struct err *e)
{
    if (!o || jin_only(o, known, e) == 0)
        return 0;
    char field[64];
    snprintf(field, sizeof field, "%.20s.%.40s", outer, e->field);
    return err_set(e, ERR_INVALID, field, "unknown field \"%s\"", field);
}

static int decode_medical(struct req *rq, json_t *m, struct medical *md, struct err *e)
{
    static const char *const known[] = {"hair_transplant_on",
                                        "hair_transplant_type",
                                        "blood_thinners",
                                        "pigment_allergy",
                                        "patch_test",
                                        "patch_test_on",
                                        "keloid",
                                        "scalp_conditions",
                                        "scalp_flare",
                                        "pregnant",
                                        "chemotherapy",
                                        "chemotherapy_ended_on",
                                        "diabetes",
                                        "medications",
                                        NULL};
    if (!m)
        return 0;
    if (only(m, "medical", known, e) < 0)
        return -1;
    struct arena *a = rq->a;
    if (jin_str(m, "hair_transplant_on", &md->transplant_on, a, e) < 0 ||
        jin_enum(m, "hair_transplant_type", "medical.hair_transplant_type",
                 &consult_transplant_types, &md->transplant_type, e) < 0 ||
        jin_enum_set(m, "blood_thinners", "medical.blood_thinners", &consult_blood_thinners,
                     &md->blood_thinners, e) < 0 ||
        jin_yes_no(m, "pigment_allergy", "medical.pigment_allergy", &md->pigment_allergy, e) < 0 ||
        jin_enum(m, "patch_test", "medical.patch_test", &consult_patch_tests, &md->patch_test, e) <
            0 ||
        jin_str(m, "patch_test_on", &md->patch_test_on, a, e) < 0 ||
        jin_yes_no(m, "keloid", "medical.keloid", &md->keloid, e) < 0 ||
        jin_enum_set(m, "scalp_conditions", "medical.scalp_conditions", &consult_scalp_conditions,
                     &md->scalp_conditions, e) < 0 ||
        jin_yes_no(m, "scalp_flare", "medical.scalp_flare", &md->scalp_flare, e) < 0 ||
        jin_yes_no(m, "pregnant", "medical.pregnant", &md->pregnant, e) < 0 ||
        jin_enum(m, "chemotherapy", "medical.chemotherapy", &consult_chemotherapy,
                 &md->chemotherapy, e) < 0 ||
        jin_str(m, "chemotherapy_ended_on", &md->chemotherapy_ended_on, a, e) < 0 ||
        jin_yes_no(m, "diabetes", "medical.diabetes", &md->diabetes, e) < 0 ||
        jin_str(m, "medications", &md->medications, a, e) < 0) {
        /* the scalar decoders name the bare member: say where it is */
        if (e->field[0] && !strchr(e->field, '.')) {
            char field[64];
            snprintf(field, sizeof field, "medical.%.50s", e->field);
            snprintf(e->field, sizeof e->field, "%s", field);
        }
        return -1;
    }
    return 0;
}

/* Writes today's date in the time zone of clinic_id into today; -1 when the clinic is unknown. */
static int clinic_today(struct req *rq, long long clinic_id, char today[11])
{
    struct clinic clinic;
    struct err ignored;
    if (store_clinic_get(rq->db, rq->a, clinic_id, &clinic, &ignored) < 0)
        return -1;
    tz_today(clinic.timezone, today);
    return 0;
}

int consultation_decode(struct req *rq, struct consultation *c, struct err *e)
{
    static const char *const known[] = {"date",
                                        "mode",
                                        "practitioner_id",
                                        "clinic_id",
                                        "goal",
                                        "scale",
                                        "stage",
                                        "salt",
                                        "alopecia_active",
                                        "scar_size_cm2",
                                        "scar_age_months",
                                        "fitzpatrick",
                                        "skin",
                                        "hair_colour",
                                        "grey_pct",
                                        "lifestyle",
                                        "hairline",
                                        "medical",
                                        "notes",
                                        NULL};
    static const char *const life_known[] = {"sun_exposure", "training", "swimming", NULL};
    static const char *const hairline_known[] = {"style", "conservative_first", "notes", NULL};
    json_t *o = rq->json, *life, *hl, *med;
    struct arena *a = rq->a;
    long long salt = c->salt, age = c->scar_age_months, fitz = c->fitzpatrick, grey = c->grey_pct;
    if (jin_only(o, known, e) < 0 || jin_str(o, "date", &c->date, a, e) < 0 ||
        jin_enum(o, "mode", "mode", &consult_modes, &c->mode, e) < 0 ||
        jin_id(o, "practitioner_id", &c->practitioner_id, e) < 0 ||
        jin_id(o, "clinic_id", &c->clinic_id, e) < 0 ||
        jin_enum(o, "goal", "goal", &consult_goals, &c->goal, e) < 0 ||
        jin_enum(o, "scale", "scale", &consult_scales, &c->scale, e) < 0 ||
        jin_str(o, "stage", &c->stage, a, e) < 0 ||
        (json_is_null(json_object_get(o, "salt")) ? (salt = -1, 0)
                                                  : jin_int(o, "salt", 0, 100, &salt, e)) < 0 ||
        jin_yes_no(o, "alopecia_active", "alopecia_active", &c->alopecia_active, e) < 0 ||
        jin_tenths(o, "scar_size_cm2", "scar_size_cm2", &c->scar_size_dcm2, e) < 0 ||
        (json_is_null(json_object_get(o, "scar_age_months"))
             ? (age = -1, 0)
             : jin_int(o, "scar_age_months", 0, 1200, &age, e)) < 0 ||
        (json_is_null(json_object_get(o, "fitzpatrick"))
             ? (fitz = 0, 0)
             : jin_int(o, "fitzpatrick", 1, 6, &fitz, e)) < 0 ||
        jin_enum(o, "skin", "skin", &consult_skins, &c->skin, e) < 0 ||
        jin_str(o, "hair_colour", &c->hair_colour, a, e) < 0 ||
        (json_is_null(json_object_get(o, "grey_pct"))
             ? (grey = -1, 0)
             : jin_int(o, "grey_pct", 0, 100, &grey, e)) < 0 ||
        jin_str(o, "notes", &c->notes, a, e) < 0 || nested(o, "lifestyle", &life, e) < 0 ||
        nested(o, "hairline", &hl, e) < 0 || nested(o, "medical", &med, e) < 0)
        return -1;
    c->salt = (int)salt;
    c->scar_age_months = (int)age;
    c->fitzpatrick = (int)fitz;
    c->grey_pct = (int)grey;
    if (life &&
        (only(life, "lifestyle", life_known, e) < 0 ||
         jin_enum(life, "sun_exposure", "lifestyle.sun_exposure", &consult_sun, &c->sun_exposure,
                  e) < 0 ||
         jin_enum(life, "training", "lifestyle.training", &consult_training, &c->training, e) < 0 ||
         jin_yes_no(life, "swimming", "lifestyle.swimming", &c->swimming, e) < 0))
        return -1;
    if (hl && (only(hl, "hairline", hairline_known, e) < 0 ||
               jin_enum(hl, "style", "hairline.style", &consult_hairline_styles, &c->hairline_style,
                        e) < 0 ||
               jin_yes_no(hl, "conservative_first", "hairline.conservative_first",
                          &c->conservative_first, e) < 0 ||
               jin_str(hl, "notes", &c->hairline_notes, a, e) < 0))
        return -1;
    if (decode_medical(rq, med, &c->medical, e) < 0)
        return -1;
    /* "today" is the clinic's: a consultation dated this morning in Sydney is not in the future */
    char today[11];
    if (!rq->db || clinic_today(rq, c->clinic_id, today) < 0)
        civil_format_date(civil_date_of(rq->now), today);
    return consultation_check(c, today, e);
}

static json_t *yes_no(int v)
{
    return v < 0 ? json_null() : json_boolean(v);
}

static json_t *int_or_null(int v)
{
    return v < 0 ? json_null() : json_integer(v);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *encode(const struct consultation *c)
{
    const struct medical *m = &c->medical;
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(c->id));
    json_object_set_new(j, "client_id", json_integer(c->client_id));
    json_object_set_new(j, "clinic_id", json_integer(c->clinic_id));
    json_object_set_new(j, "practitioner_id",
                        c->practitioner_id ? json_integer(c->practitioner_id) : json_null());
    json_object_set_new(j, "date", json_string(c->date));
    json_object_set_new(j, "mode", jout_enum(&consult_modes, c->mode));
    json_object_set_new(j, "goal", jout_enum(&consult_goals, c->goal));
    json_object_set_new(j, "scale", jout_enum(&consult_scales, c->scale));
    json_object_set_new(j, "stage", str_or_null(c->stage));
    json_object_set_new(j, "salt", int_or_null(c->salt));
    json_object_set_new(j, "alopecia_active", yes_no(c->alopecia_active));
    json_object_set_new(j, "scar_size_cm2",
                        c->scar_size_dcm2 < 0 ? json_null() : json_real(c->scar_size_dcm2 / 10.0));
    json_object_set_new(j, "scar_age_months", int_or_null(c->scar_age_months));
    json_object_set_new(j, "fitzpatrick",
                        c->fitzpatrick ? json_integer(c->fitzpatrick) : json_null());
    json_object_set_new(j, "skin", jout_enum(&consult_skins, c->skin));
    json_object_set_new(j, "hair_colour", str_or_null(c->hair_colour));
    json_object_set_new(j, "grey_pct", int_or_null(c->grey_pct));
    json_object_set_new(j, "lifestyle",
                        json_pack("{s:o,s:o,s:o}", "sun_exposure",
                                  jout_enum(&consult_sun, c->sun_exposure), "training",
                                  jout_enum(&consult_training, c->training), "swimming",
                                  yes_no(c->swimming)));
    json_object_set_new(j, "hairline",
                        json_pack("{s:o,s:o,s:o}", "style",
                                  jout_enum(&consult_hairline_styles, c->hairline_style),
                                  "conservative_first", yes_no(c->conservative_first), "notes",
                                  str_or_null(c->hairline_notes)));
    /* medical yes/no answers not given mean "no" */
    json_t *med = json_object();
    json_object_set_new(med, "hair_transplant_on", str_or_null(m->transplant_on));
    json_object_set_new(med, "hair_transplant_type",
                        jout_enum(&consult_transplant_types, m->transplant_type));
    json_object_set_new(med, "blood_thinners",
                        jout_enum_set(&consult_blood_thinners, m->blood_thinners));
    json_object_set_new(med, "pigment_allergy", json_boolean(m->pigment_allergy == 1));
    json_object_set_new(med, "patch_test", jout_enum(&consult_patch_tests, m->patch_test));
    json_object_set_new(med, "patch_test_on", str_or_null(m->patch_test_on));
    json_object_set_new(med, "keloid", json_boolean(m->keloid == 1));
    json_object_set_new(med, "scalp_conditions",
                        jout_enum_set(&consult_scalp_conditions, m->scalp_conditions));
    json_object_set_new(med, "scalp_flare", json_boolean(m->scalp_flare == 1));
    json_object_set_new(med, "pregnant", json_boolean(m->pregnant == 1));
    json_object_set_new(med, "chemotherapy",
                        m->chemotherapy ? jout_enum(&consult_chemotherapy, m->chemotherapy)
                                        : json_string("none"));
    json_object_set_new(med, "chemotherapy_ended_on", str_or_null(m->chemotherapy_ended_on));
    json_object_set_new(med, "diabetes", json_boolean(m->diabetes == 1));
    json_object_set_new(med, "medications", str_or_null(m->medications));
    json_object_set_new(j, "medical", med);
    json_object_set_new(j, "notes", str_or_null(c->notes));
    json_object_set_new(j, "created_at", jout_time(c->created_at));
    json_object_set_new(j, "updated_at", jout_time(c->updated_at));
    return j;
}

int h_consultation_create(struct req *rq, struct resp *rs)
{
    struct client client;
    struct consultation c;
    struct err e;
    if (store_client_get(rq->db, rq->a, req_id(rq, 0), &client, &e) < 0)
        return resp_error(rs, &e);
    consultation_init(&c);
    c.client_id = client.id;
    c.clinic_id = client.clinic_id;
    if (consultation_decode(rq, &c, &e) < 0 ||
        store_consultation_add(rq->db, &c, rq->user.id, rq->now, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry x = entry(rq, AUDIT_CREATE, c.id, c.client_id);
    if (store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, encode(&c));
}

int h_consultation_list(struct req *rq, struct resp *rs)
{
    struct client client;
    struct consultation *items;
    int n;
    struct err e;
    if (store_client_get(rq->db, rq->a, req_id(rq, 0), &client, &e) < 0 ||
        store_consultation_list(rq->db, rq->a, client.id, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    for (int i = 0; i < n; i++)
        if (audit_read(rq, AUDIT_LIST, &items[i]) < 0)
            return audit_refused(rs);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, encode(&items[i]));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

int h_consultation_get(struct req *rq, struct resp *rs)
{
    struct consultation c;
    struct err e;
    if (store_consultation_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0)
        return resp_error(rs, &e);
    if (audit_read(rq, AUDIT_READ, &c) < 0)
        return audit_refused(rs);
    return resp_json(rs, 200, encode(&c));
}

int h_consultation_update(struct req *rq, struct resp *rs)
{
    struct consultation c;
    struct err e;
    if (store_consultation_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        consultation_decode(rq, &c, &e) < 0 ||
        store_consultation_update(rq->db, &c, rq->now, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry x = entry(rq, AUDIT_UPDATE, c.id, c.client_id);
    if (store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, encode(&c));
}

int h_consultation_eligibility(struct req *rq, struct resp *rs)
{
    struct consultation c;
    struct client client;
    struct clinic clinic;
    struct err e;
    if (store_consultation_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        store_client_get(rq->db, rq->a, c.client_id, &client, &e) < 0 ||
        store_clinic_get(rq->db, rq->a, c.clinic_id, &clinic, &e) < 0)
        return resp_error(rs, &e);
    char today[11];
    const char *on_text = req_query(rq, "on");
    struct civil_date on;
    if (!on_text) {
        tz_today(clinic.timezone, today);
        on_text = today;
    }
    if (!civil_parse_date(on_text, &on))
        return resp_fail(rs, ERR_INVALID, "on", "on must be a date written YYYY-MM-DD");
    if (audit_read(rq, AUDIT_READ, &c) < 0)
        return audit_refused(rs);
    struct eligibility el;
    eligibility_assess(&c, client.date_of_birth, on, &clinic.rules, &el);
    json_t *findings = json_array();
    for (int i = 0; i < el.n; i++) {
        const struct finding *f = &el.findings[i];
        char until[11];
        if (f->has_until)
            civil_format_date(f->until, until);
        json_array_append_new(findings, json_pack("{s:s,s:s,s:o,s:s}", "rule", f->rule, "severity",
                                                  severity_name(f->severity), "until",
                                                  f->has_until ? json_string(until) : json_null(),
                                                  "message", f->message));
    }
    char as_of[11];
    civil_format_date(on, as_of);
    return resp_json(rs, 200,
                     json_pack("{s:s,s:s,s:I,s:I,s:o}", "status", severity_name(el.status), "as_of",
                               as_of, "consultation_id", (json_int_t)c.id, "client_id",
                               (json_int_t)c.client_id, "findings", findings));
}

int h_classification_scales(struct req *rq, struct resp *rs)
{
    (void)rq;
    json_t *scales = json_array();
    for (int s = SCALE_NORWOOD; s <= SCALE_SCAR; s++) {
        const char *const *text;
        const char *const *stages = consult_stages(s, &text);
        json_t *list = json_array();
        for (int i = 0; stages[i]; i++)
            json_array_append_new(
                list, json_pack("{s:s,s:s}", "stage", stages[i], "description", text[i]));
        json_array_append_new(
            scales, json_pack("{s:s,s:o}", "scale", enum_name(&consult_scales, s), "stages", list));
    }
    return resp_json(rs, 200, jout_list(scales, NULL));
}
