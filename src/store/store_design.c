/*
 * store_design.c — design versions in SQL (see store_design.h).
 */
#include "store/store_design.h"

#define COLS "id, client_id, consultation_id, version, design, area_cm2, impressions, created_at"

static void read_row(struct arena *a, struct db_res *r, int i, struct design_row *x)
{
    x->id = db_res_int(r, i, 0);
    x->client_id = db_res_int(r, i, 1);
    x->consultation_id = db_res_int(r, i, 2);
    x->version = (int)db_res_int(r, i, 3);
    x->design = arena_strdup(a, db_res_text(r, i, 4));
    x->area_cm2 = arena_strdup(a, db_res_text(r, i, 5));
    x->impressions = arena_strdup(a, db_res_text(r, i, 6));
    x->created_at = db_res_int(r, i, 7);
}

int store_design_add(struct db *db, struct design_row *x, long long user_id, long long now,
                     struct err *e)
{
    struct db_val c[] = {DB_INT(x->client_id)};
    struct db_res *r;
    if (db_query(db, "SELECT COALESCE(MAX(version), 0) FROM designs WHERE client_id = $1", c, 1, &r,
                 e) < 0)
        return -1;
    x->version = (int)db_res_int(r, 0, 0) + 1;
    db_res_free(r);
    struct db_val p[] = {
        DB_INT(x->client_id), DB_ID(x->consultation_id), DB_INT(x->version), DB_TEXT(x->design),
        DB_TEXT(x->area_cm2), DB_TEXT(x->impressions),   DB_ID(user_id),     DB_INT(now)};
    if (db_query(db,
                 "INSERT INTO designs (client_id, consultation_id, version, design, area_cm2, "
                 "impressions, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                 "RETURNING id",
                 p, 8, &r, e) < 0)
        return -1;
    x->id = db_res_int(r, 0, 0);
    x->created_at = now;
    db_res_free(r);
    return 0;
}

int store_design_get(struct db *db, struct arena *a, long long id, struct design_row *x,
                     struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " COLS " FROM designs WHERE id = $1 AND client_id IN (SELECT id FROM "
                 "clients WHERE deleted_at IS NULL)",
                 p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no design %lld", id);
    else
        read_row(a, r, 0, x);
    db_res_free(r);
    return rc;
}

int store_design_list(struct db *db, struct arena *a, long long client_id,
                      struct design_row **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(client_id)};
    struct db_res *r;
    if (db_query(
            db, "SELECT " COLS " FROM designs WHERE client_id = $1 ORDER BY version DESC LIMIT 200",
            p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_row(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_clinic_rate(struct db *db, long long clinic_id, int *per_hour, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id)};
    struct db_res *r;
    if (db_query(db, "SELECT impressions_per_hour FROM clinics WHERE id = $1", p, 1, &r, e) < 0)
        return -1;
    *per_hour = db_res_rows(r) ? (int)db_res_int(r, 0, 0) : 4500;
    db_res_free(r);
    return 0;
}
