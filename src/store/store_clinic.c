/*
 * store_clinic.c — clinics in SQL (see store_clinic.h).
 */
#include "store/store_clinic.h"

#include "domain/search.h"
#include "store/store_page.h"

#define COLS                                                                                       \
    "id, name, city, address, timezone, currency, price_uplift_pct, created_at, updated_at, "      \
    "sort_key, transplant_wait_months, chemo_wait_months, scar_wait_months, min_age, "             \
    "buffer_min, grid_min, impressions_per_hour"

static void read_clinic(struct arena *a, struct db_res *r, int row, struct clinic *c)
{
    c->id = db_res_int(r, row, 0);
    c->name = arena_strdup(a, db_res_text(r, row, 1));
    c->city = arena_strdup(a, db_res_text(r, row, 2));
    c->address = arena_strdup(a, db_res_text(r, row, 3));
    c->timezone = arena_strdup(a, db_res_text(r, row, 4));
    c->currency = arena_strdup(a, db_res_text(r, row, 5));
    c->price_uplift_pct = (int)db_res_int(r, row, 6);
    c->created_at = db_res_int(r, row, 7);
    c->updated_at = db_res_int(r, row, 8);
    c->rules.transplant_wait_months = (int)db_res_int(r, row, 10);
    c->rules.chemo_wait_months = (int)db_res_int(r, row, 11);
    c->rules.scar_wait_months = (int)db_res_int(r, row, 12);
    c->rules.min_age = (int)db_res_int(r, row, 13);
    c->buffer_min = (int)db_res_int(r, row, 14);
    c->grid_min = (int)db_res_int(r, row, 15);
    c->impressions_per_hour = (int)db_res_int(r, row, 16);
}

/* The fifteen parameters the INSERT and the UPDATE share, in column order. */
enum { CLINIC_PARAMS = 15 };

static void clinic_params(struct arena *a, const struct clinic *c, long long now,
                          struct db_val p[CLINIC_PARAMS])
{
    p[0] = DB_TEXT(c->name);
    p[1] = DB_TEXT(c->city);
    p[2] = DB_TEXT(c->address);
    p[3] = DB_TEXT(c->timezone);
    p[4] = DB_TEXT(c->currency);
    p[5] = DB_INT(c->price_uplift_pct);
    p[6] = DB_INT(now);
    p[7] = DB_TEXT(search_fold(a, c->name));
    p[8] = DB_INT(c->rules.transplant_wait_months);
    p[9] = DB_INT(c->rules.chemo_wait_months);
    p[10] = DB_INT(c->rules.scar_wait_months);
    p[11] = DB_INT(c->rules.min_age);
    p[12] = DB_INT(c->buffer_min);
    p[13] = DB_INT(c->grid_min);
    /* 0 (a caller that did not say): the published default, about 4,500 an hour */
    p[14] = DB_INT(c->impressions_per_hour > 0 ? c->impressions_per_hour : 4500);
}

int store_clinic_add(struct db *db, struct arena *a, struct clinic *c, long long now, struct err *e)
{
    struct db_val p[CLINIC_PARAMS];
    clinic_params(a, c, now, p);
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO clinics (name, city, address, timezone, currency, price_uplift_pct, "
                 "created_at, updated_at, sort_key, transplant_wait_months, chemo_wait_months, "
                 "scar_wait_months, min_age, buffer_min, grid_min, impressions_per_hour) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
                 "RETURNING id",
                 p, CLINIC_PARAMS, &r, e) < 0)
        return -1;
    c->id = db_res_int(r, 0, 0);
    c->created_at = c->updated_at = now;
    db_res_free(r);
    /* A new clinic has one chair and weekday hours (09:00–17:00) until someone changes them. */
    struct db_val chair[] = {DB_INT(c->id), DB_INT(now)};
    if (db_exec(db,
                "INSERT INTO chairs (clinic_id, name, active, created_at) VALUES ($1, 'Chair 1', "
                "1, $2)",
                chair, 2, NULL, e) < 0)
        return -1;
    for (int day = 0; day < 5; day++) {
        struct db_val h[] = {DB_INT(c->id), DB_INT(day)};
        if (db_exec(db,
                    "INSERT INTO clinic_hours (clinic_id, weekday, start_min, end_min) "
                    "VALUES ($1, $2, 540, 1020)",
                    h, 2, NULL, e) < 0)
            return -1;
    }
    return 0;
}

int store_clinic_get(struct db *db, struct arena *a, long long id, struct clinic *c, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, "SELECT " COLS " FROM clinics WHERE id = $1", p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no clinic %lld", id);
    else
        read_clinic(a, r, 0, c);
    db_res_free(r);
    return rc;
}

int store_clinic_list(struct db *db, struct arena *a, const char *q, const struct cursor *after,
                      int limit, struct clinic **items, int *n, struct cursor *next, struct err *e)
{
    struct db_val p[] = {DB_TEXT(q ? search_like_pattern(a, q) : NULL),
                         DB_TEXT(after ? after->key : NULL), DB_INT(after ? after->id : 0),
                         DB_INT(limit + 1)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " COLS
                 " FROM clinics WHERE (CAST($1 AS TEXT) IS NULL OR sort_key LIKE $1 ESCAPE '\\') "
                 "AND (CAST($2 AS TEXT) IS NULL OR sort_key > $2 OR (sort_key = $2 AND id > $3)) "
                 "ORDER BY sort_key, id LIMIT $4",
                 p, 4, &r, e) < 0)
        return -1;
    *n = store_page(r, a, limit, 9, next);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_clinic(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_clinic_update(struct db *db, struct arena *a, struct clinic *c, long long now,
                        struct err *e)
{
    struct db_val p[CLINIC_PARAMS + 1];
    clinic_params(a, c, now, p);
    p[CLINIC_PARAMS] = DB_INT(c->id);
    long long changed;
    if (db_exec(db,
                "UPDATE clinics SET name = $1, city = $2, address = $3, timezone = $4, "
                "currency = $5, price_uplift_pct = $6, updated_at = $7, sort_key = $8, "
                "transplant_wait_months = $9, chemo_wait_months = $10, scar_wait_months = $11, "
                "min_age = $12, buffer_min = $13, grid_min = $14, impressions_per_hour = $15 "
                "WHERE id = $16",
                p, CLINIC_PARAMS + 1, &changed, e) < 0)
        return -1;
    if (!changed)
        return err_set(e, ERR_NOT_FOUND, NULL, "no clinic %lld", c->id);
    c->updated_at = now;
    return 0;
}

int store_clinic_delete(struct db *db, long long id, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT (SELECT COUNT(*) FROM clients WHERE clinic_id = $1), "
                 "(SELECT COUNT(*) FROM practitioner_clinics pc JOIN practitioners p "
                 "ON p.id = pc.practitioner_id WHERE pc.clinic_id = $1 AND p.deleted_at IS NULL)",
                 p, 1, &r, e) < 0)
        return -1;
    long long clients = db_res_int(r, 0, 0), practitioners = db_res_int(r, 0, 1);
    db_res_free(r);
    if (clients || practitioners)
        return err_set(e, ERR_CONFLICT, NULL,
                       "the clinic still has %lld client record(s), deleted ones included, "
                       "and %lld practitioner(s)",
                       clients, practitioners);
    long long changed;
    if (db_exec(db, "DELETE FROM practitioner_clinics WHERE clinic_id = $1", p, 1, NULL, e) < 0 ||
        db_exec(db, "DELETE FROM clinics WHERE id = $1", p, 1, &changed, e) < 0) {
        if (e->code == ERR_INVALID) /* a client was added since the count */
            err_set(e, ERR_CONFLICT, NULL, "the clinic has clients now; it was not deleted");
        return -1;
    }
    if (!changed)
        return err_set(e, ERR_NOT_FOUND, NULL, "no clinic %lld", id);
    return 0;
}
