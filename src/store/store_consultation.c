/*
 * store_consultation.c — consultations in SQL (see store_consultation.h). The columns are
 * listed once (COLS) and read and written in that order.
 */
#include "store/store_consultation.h"

#include <string.h>

#define COLS                                                                                       \
    "id, client_id, clinic_id, practitioner_id, consult_date, mode, goal, scale, stage, salt, "    \
    "alopecia_active, scar_size_dcm2, scar_age_months, fitzpatrick, skin, hair_colour, "           \
    "grey_pct, sun_exposure, training, swimming, hairline_style, conservative_first, "             \
    "hairline_notes, transplant_on, transplant_type, blood_thinners, pigment_allergy, "            \
    "patch_test, patch_test_on, keloid, scalp_conditions, scalp_flare, pregnant, chemotherapy, "   \
    "chemotherapy_ended_on, diabetes, medications, notes, created_at, updated_at"
enum { N_WRITTEN = 37 }; /* the columns from client_id to notes */

/* The values of columns client_id … notes, in COLS order. */
static void values(const struct consultation *c, struct db_val v[N_WRITTEN])
{
    const struct medical *m = &c->medical;
    struct db_val all[N_WRITTEN] = {
        DB_INT(c->client_id),
        DB_INT(c->clinic_id),
        DB_ID(c->practitioner_id),
        DB_TEXT(c->date),
        DB_INT(c->mode),
        DB_INT(c->goal),
        DB_INT(c->scale),
        DB_TEXT(c->stage),
        DB_INT(c->salt),
        DB_INT(c->alopecia_active),
        DB_INT(c->scar_size_dcm2),
        DB_INT(c->scar_age_months),
        DB_INT(c->fitzpatrick),
        DB_INT(c->skin),
        DB_TEXT(c->hair_colour),
        DB_INT(c->grey_pct),
        DB_INT(c->sun_exposure),
        DB_INT(c->training),
        DB_INT(c->swimming),
        DB_INT(c->hairline_style),
        DB_INT(c->conservative_first),
        DB_TEXT(c->hairline_notes),
        DB_TEXT(m->transplant_on),
        DB_INT(m->transplant_type),
        DB_INT((long long)m->blood_thinners),
        DB_INT(m->pigment_allergy),
        DB_INT(m->patch_test),
        DB_TEXT(m->patch_test_on),
        DB_INT(m->keloid),
        DB_INT((long long)m->scalp_conditions),
        DB_INT(m->scalp_flare),
        DB_INT(m->pregnant),
        DB_INT(m->chemotherapy),
        DB_TEXT(m->chemotherapy_ended_on),
        DB_INT(m->diabetes),
        DB_TEXT(m->medications),
        DB_TEXT(c->notes),
    };
    memcpy(v, all, sizeof all);
}

static void read_one(struct arena *a, struct db_res *r, int row, struct consultation *c)
{
    int k = 0;
#define I() ((int)db_res_int(r, row, k++))
#define L() (db_res_int(r, row, k++))
#define S() (arena_strdup(a, db_res_text(r, row, k++)))
    struct medical *m = &c->medical;
    c->id = L();
    c->client_id = L();
    c->clinic_id = L();
    c->practitioner_id = L();
    c->date = S();
    c->mode = I();
    c->goal = I();
    c->scale = I();
    c->stage = S();
    c->salt = I();
    c->alopecia_active = I();
    c->scar_size_dcm2 = I();
    c->scar_age_months = I();
    c->fitzpatrick = I();
    c->skin = I();
    c->hair_colour = S();
    c->grey_pct = I();
    c->sun_exposure = I();
    c->training = I();
    c->swimming = I();
    c->hairline_style = I();
    c->conservative_first = I();
    c->hairline_notes = S();
    m->transplant_on = S();
    m->transplant_type = I();
    m->blood_thinners = (unsigned)L();
    m->pigment_allergy = I();
    m->patch_test = I();
    m->patch_test_on = S();
    m->keloid = I();
    m->scalp_conditions = (unsigned)L();
    m->scalp_flare = I();
    m->pregnant = I();
    m->chemotherapy = I();
    m->chemotherapy_ended_on = S();
    m->diabetes = I();
    m->medications = S();
    c->notes = S();
    c->created_at = L();
    c->updated_at = L();
#undef I
#undef L
#undef S
}

/* Checks that a referenced row exists, naming field when it does not. */
static int exists(struct db *db, const char *sql, long long id, const char *field, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, sql, p, 1, &r, e) < 0)
        return -1;
    int found = db_res_rows(r);
    db_res_free(r);
    return found ? 0 : err_set(e, ERR_INVALID, field, "no such %s", field);
}

static int check_refs(struct db *db, const struct consultation *c, struct err *e)
{
    if (exists(db, "SELECT 1 FROM clinics WHERE id = $1", c->clinic_id, "clinic_id", e) < 0)
        return -1;
    if (c->practitioner_id &&
        exists(db, "SELECT 1 FROM practitioners WHERE id = $1 AND deleted_at IS NULL",
               c->practitioner_id, "practitioner_id", e) < 0)
        return -1;
    return 0;
}

int store_consultation_add(struct db *db, struct consultation *c, long long user_id, long long now,
                           struct err *e)
{
    if (check_refs(db, c, e) < 0)
        return -1;
    struct db_val p[N_WRITTEN + 2];
    values(c, p);
    p[N_WRITTEN] = DB_ID(user_id);
    p[N_WRITTEN + 1] = DB_INT(now);
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO consultations (client_id, clinic_id, practitioner_id, consult_date, "
                 "mode, goal, scale, stage, salt, alopecia_active, scar_size_dcm2, "
                 "scar_age_months, fitzpatrick, skin, hair_colour, grey_pct, sun_exposure, "
                 "training, swimming, hairline_style, conservative_first, hairline_notes, "
                 "transplant_on, transplant_type, blood_thinners, pigment_allergy, patch_test, "
                 "patch_test_on, keloid, scalp_conditions, scalp_flare, pregnant, chemotherapy, "
                 "chemotherapy_ended_on, diabetes, medications, notes, created_by, created_at, "
                 "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                 "$14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, "
                 "$29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $39) RETURNING id",
                 p, N_WRITTEN + 2, &r, e) < 0)
        return -1;
    c->id = db_res_int(r, 0, 0);
    c->created_at = c->updated_at = now;
    db_res_free(r);
    return 0;
}

int store_consultation_get(struct db *db, struct arena *a, long long id, struct consultation *c,
                           struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " COLS " FROM consultations WHERE id = $1 AND client_id IN "
                 "(SELECT id FROM clients WHERE deleted_at IS NULL)",
                 p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no consultation %lld", id);
    else
        read_one(a, r, 0, c);
    db_res_free(r);
    return rc;
}

int store_consultation_update(struct db *db, struct consultation *c, long long now, struct err *e)
{
    if (check_refs(db, c, e) < 0)
        return -1;
    struct db_val p[N_WRITTEN + 2];
    values(c, p);
    p[N_WRITTEN] = DB_INT(now);
    p[N_WRITTEN + 1] = DB_INT(c->id);
    long long changed;
    if (db_exec(db,
                "UPDATE consultations SET client_id = $1, clinic_id = $2, practitioner_id = $3, "
                "consult_date = $4, mode = $5, goal = $6, scale = $7, stage = $8, salt = $9, "
                "alopecia_active = $10, scar_size_dcm2 = $11, scar_age_months = $12, "
                "fitzpatrick = $13, skin = $14, hair_colour = $15, grey_pct = $16, "
                "sun_exposure = $17, training = $18, swimming = $19, hairline_style = $20, "
                "conservative_first = $21, hairline_notes = $22, transplant_on = $23, "
                "transplant_type = $24, blood_thinners = $25, pigment_allergy = $26, "
                "patch_test = $27, patch_test_on = $28, keloid = $29, scalp_conditions = $30, "
                "scalp_flare = $31, pregnant = $32, chemotherapy = $33, "
                "chemotherapy_ended_on = $34, diabetes = $35, medications = $36, notes = $37, "
                "updated_at = $38 WHERE id = $39",
                p, N_WRITTEN + 2, &changed, e) < 0)
        return -1;
    if (!changed)
        return err_set(e, ERR_NOT_FOUND, NULL, "no consultation %lld", c->id);
    c->updated_at = now;
    return 0;
}

int store_consultation_list(struct db *db, struct arena *a, long long client_id,
                            struct consultation **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(client_id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " COLS " FROM consultations WHERE client_id = $1 "
                 "ORDER BY consult_date DESC, id DESC LIMIT 500",
                 p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_one(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}
