/*
 * store_practitioner.c — practitioners in SQL (see store_practitioner.h).
 */
#include "store/store_practitioner.h"

#include "domain/search.h"
#include "store/store_page.h"
#include "store/store_user.h"

#define COLS "id, name, email, user_id, created_at, updated_at, sort_key"

static int load_clinics(struct db *db, struct arena *a, struct practitioner *p, struct err *e)
{
    struct db_val v[] = {DB_INT(p->id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT clinic_id FROM practitioner_clinics WHERE practitioner_id = $1 "
                 "ORDER BY clinic_id",
                 v, 1, &r, e) < 0)
        return -1;
    p->n_clinic_ids = db_res_rows(r);
    p->clinic_ids = arena_alloc(a, sizeof *p->clinic_ids * (size_t)(p->n_clinic_ids + 1));
    for (int i = 0; i < p->n_clinic_ids; i++)
        p->clinic_ids[i] = db_res_int(r, i, 0);
    db_res_free(r);
    return 0;
}

static int read_one(struct db *db, struct arena *a, struct db_res *r, int row,
                    struct practitioner *p, struct err *e)
{
    p->id = db_res_int(r, row, 0);
    p->name = arena_strdup(a, db_res_text(r, row, 1));
    p->email = arena_strdup(a, db_res_text(r, row, 2));
    p->user_id = db_res_int(r, row, 3);
    p->created_at = db_res_int(r, row, 4);
    p->updated_at = db_res_int(r, row, 5);
    return load_clinics(db, a, p, e);
}

/* Checks the references of p and replaces its clinic links. */
static int link(struct db *db, const struct practitioner *p, struct err *e)
{
    if (p->user_id) {
        int found;
        if (store_user_exists(db, p->user_id, &found, e) < 0)
            return -1;
        if (!found)
            return err_set(e, ERR_INVALID, "user_id", "no user %lld", p->user_id);
    }
    struct db_val id[] = {DB_INT(p->id)};
    if (db_exec(db, "DELETE FROM practitioner_clinics WHERE practitioner_id = $1", id, 1, NULL, e) <
        0)
        return -1;
    for (int i = 0; i < p->n_clinic_ids; i++) {
        struct db_val c[] = {DB_INT(p->clinic_ids[i])};
        struct db_res *r;
        if (db_query(db, "SELECT 1 FROM clinics WHERE id = $1", c, 1, &r, e) < 0)
            return -1;
        int found = db_res_rows(r);
        db_res_free(r);
        if (!found)
            return err_set(e, ERR_INVALID, "clinic_ids", "no clinic %lld", p->clinic_ids[i]);
        struct db_val l[] = {DB_INT(p->id), DB_INT(p->clinic_ids[i])};
        if (db_exec(db,
                    "INSERT INTO practitioner_clinics (practitioner_id, clinic_id) VALUES ($1, $2)",
                    l, 2, NULL, e) < 0)
            return -1;
    }
    return 0;
}

static int email_conflict(struct err *e)
{
    if (e->code == ERR_CONFLICT)
        err_set(e, ERR_CONFLICT, "email", "a practitioner with that email already exists");
    return -1;
}

int store_practitioner_add(struct db *db, struct arena *a, struct practitioner *p, long long now,
                           struct err *e)
{
    struct db_val v[] = {DB_TEXT(p->name), DB_TEXT(p->email), DB_NULL, DB_INT(now),
                         DB_TEXT(search_fold(a, p->name))};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO practitioners (name, email, user_id, created_at, updated_at, "
                 "sort_key) VALUES ($1, $2, $3, $4, $4, $5) RETURNING id",
                 v, 5, &r, e) < 0)
        return email_conflict(e);
    p->id = db_res_int(r, 0, 0);
    db_res_free(r);
    p->created_at = p->updated_at = now;
    if (link(db, p, e) < 0)
        return -1;
    struct db_val u[] = {DB_ID(p->user_id), DB_INT(p->id)};
    return db_exec(db, "UPDATE practitioners SET user_id = $1 WHERE id = $2", u, 2, NULL, e);
}

int store_practitioner_get(struct db *db, struct arena *a, long long id, struct practitioner *p,
                           struct err *e)
{
    struct db_val v[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, "SELECT " COLS " FROM practitioners WHERE id = $1 AND deleted_at IS NULL", v,
                 1, &r, e) < 0)
        return -1;
    int rc = db_res_rows(r) ? read_one(db, a, r, 0, p, e)
                            : err_set(e, ERR_NOT_FOUND, NULL, "no practitioner %lld", id);
    db_res_free(r);
    return rc;
}

int store_practitioner_list(struct db *db, struct arena *a, const char *q,
                            const struct cursor *after, int limit, struct practitioner **items,
                            int *n, struct cursor *next, struct err *e)
{
    struct db_val v[] = {DB_TEXT(q ? search_like_pattern(a, q) : NULL),
                         DB_TEXT(after ? after->key : NULL), DB_INT(after ? after->id : 0),
                         DB_INT(limit + 1)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " COLS " FROM practitioners WHERE deleted_at IS NULL "
                 "AND (CAST($1 AS TEXT) IS NULL OR sort_key LIKE $1 ESCAPE '\\' OR email LIKE $1 "
                 "ESCAPE '\\') "
                 "AND (CAST($2 AS TEXT) IS NULL OR sort_key > $2 OR (sort_key = $2 AND id > $3)) "
                 "ORDER BY sort_key, id LIMIT $4",
                 v, 4, &r, e) < 0)
        return -1;
    int rc = 0;
    *n = store_page(r, a, limit, 6, next);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n && rc == 0; i++)
        rc = read_one(db, a, r, i, &(*items)[i], e);
    db_res_free(r);
    return rc;
}

int store_practitioner_update(struct db *db, struct arena *a, struct practitioner *p, long long now,
                              struct err *e)
{
    struct db_val v[] = {DB_TEXT(p->name),
                         DB_TEXT(p->email),
                         DB_ID(p->user_id),
                         DB_INT(now),
                         DB_TEXT(search_fold(a, p->name)),
                         DB_INT(p->id)};
    if (link(db, p, e) < 0)
        return -1;
    long long changed;
    if (db_exec(db,
                "UPDATE practitioners SET name = $1, email = $2, user_id = $3, updated_at = $4, "
                "sort_key = $5 WHERE id = $6 AND deleted_at IS NULL",
                v, 6, &changed, e) < 0)
        return email_conflict(e);
    if (!changed)
        return err_set(e, ERR_NOT_FOUND, NULL, "no practitioner %lld", p->id);
    p->updated_at = now;
    return 0;
}

int store_practitioner_delete(struct db *db, long long id, long long now, struct err *e)
{
    struct db_val v[] = {DB_INT(now), DB_INT(id)};
    long long changed;
    if (db_exec(db, "UPDATE practitioners SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL",
                v, 2, &changed, e) < 0)
        return -1;
    if (!changed)
        return err_set(e, ERR_NOT_FOUND, NULL, "no practitioner %lld", id);
    return 0;
}
