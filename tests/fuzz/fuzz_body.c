/*
 * fuzz_body.c — libFuzzer target for request bodies: JSON parsing (json_parse_body), the
 * member decoders (jin_*) and the record checks, as the client and clinic handlers run them.
 * Any crash, leak or sanitizer report is a bug; every input must end in success or a struct err.
 */
#include "domain/consultation.h"
#include "domain/validate.h"
#include "http/handlers.h"
#include "http/json.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *o;
    struct err e = {0};
    if (json_parse_body((const char *)data, size, &o, &e) < 0)
        return 0;
    struct arena a = {0};
    static const char *const known[] = {"first_name",       "last_name", "email", "phone",
                                        "date_of_birth",    "clinic_id", "notes", "clinic_ids",
                                        "price_uplift_pct", NULL};
    struct client c = {0};
    struct practitioner p = {0};
    long long uplift = 0;
    if (jin_only(o, known, &e) == 0 && jin_str(o, "first_name", &c.first_name, &a, &e) == 0 &&
        jin_str(o, "last_name", &c.last_name, &a, &e) == 0 &&
        jin_str(o, "email", &c.email, &a, &e) == 0 && jin_str(o, "phone", &c.phone, &a, &e) == 0 &&
        jin_str(o, "date_of_birth", &c.date_of_birth, &a, &e) == 0 &&
        jin_id(o, "clinic_id", &c.clinic_id, &e) == 0 &&
        jin_str(o, "notes", &c.notes, &a, &e) == 0 &&
        jin_ids(o, "clinic_ids", &p.clinic_ids, &p.n_clinic_ids, &a, &e) == 0 &&
        jin_int(o, "price_uplift_pct", 0, 200, &uplift, &e) == 0) {
        client_check(&c, "2026-11-21", &e);
        p.name = c.first_name;
        p.email = c.email;
        practitioner_check(&p, &e);
        json_t *out = jout_client(&c);
        json_decref(out);
    }
    /* the consultation decoder: nested objects, enumerations, lists and dates */
    struct consultation cons;
    consultation_init(&cons);
    struct req rq = {.a = &a, .json = o, .now = 1795306242};
    struct err ce = {0};
    if (consultation_decode(&rq, &cons, &ce) < 0) {
        json_t *ej = jout_error(&ce);
        json_decref(ej);
    }
    json_t *err = jout_error(&e);
    json_decref(err);
    json_decref(o);
    arena_free(&a);
    return 0;
}
