/*
 * store_photo.c — client photos in SQL (see store_photo.h).
 */
#include "store/store_photo.h"

#include <string.h>

#define COLS                                                                                       \
    "p.id, p.client_id, p.label, p.width, p.height, p.marketing_consent, p.created_at, "           \
    "p.appointment_id, p.stage"
#define LIVE "p.deleted_at IS NULL AND c.deleted_at IS NULL"

static void read_row(struct arena *a, struct db_res *r, int i, struct photo_row *x)
{
    memset(x, 0, sizeof *x);
    x->id = db_res_int(r, i, 0);
    x->client_id = db_res_int(r, i, 1);
    x->label = arena_strdup(a, db_res_text(r, i, 2));
    x->width = (int)db_res_int(r, i, 3);
    x->height = (int)db_res_int(r, i, 4);
    const char *m = db_res_text(r, i, 5);
    x->marketing_consent = m && (*m == '1' || *m == 't');
    x->created_at = db_res_int(r, i, 6);
    x->appointment_id = db_res_int(r, i, 7);
    x->stage = arena_strdup(a, db_res_text(r, i, 8));
}

int store_photo_add(struct db *db, struct photo_row *x, const void *thumb, size_t thumb_len,
                    long long user_id, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(x->client_id),
                         DB_TEXT(x->label),
                         DB_INT(x->width),
                         DB_INT(x->height),
                         DB_BLOB(x->bytes, x->len),
                         DB_BLOB(thumb, thumb_len),
                         DB_ID(user_id),
                         DB_INT(now),
                         DB_ID(x->appointment_id),
                         DB_TEXT(x->stage ? x->stage : "other")};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO photos (client_id, label, width, height, image, thumb, created_by, "
                 "created_at, appointment_id, stage) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                 "$10) RETURNING id",
                 p, 10, &r, e) < 0)
        return -1;
    x->id = db_res_int(r, 0, 0);
    x->created_at = now;
    db_res_free(r);
    return 0;
}

int store_photo_get(struct db *db, struct arena *a, long long id, enum photo_part part,
                    struct photo_row *x, struct err *e)
{
    static const char *const sql[] = {
        "SELECT " COLS " FROM photos p JOIN clients c ON c.id = p.client_id WHERE p.id = $1 "
        "AND " LIVE,
        "SELECT " COLS ", p.image FROM photos p JOIN clients c ON c.id = p.client_id WHERE p.id "
        "= $1 AND " LIVE,
        "SELECT " COLS ", p.thumb FROM photos p JOIN clients c ON c.id = p.client_id WHERE p.id "
        "= $1 AND " LIVE};
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, sql[part], p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no photo %lld", id);
    else {
        read_row(a, r, 0, x);
        if (part != PHOTO_META) {
            x->len = db_res_len(r, 0, 9);
            x->bytes = (const unsigned char *)arena_strndup(a, db_res_text(r, 0, 9), x->len);
        }
    }
    db_res_free(r);
    return rc;
}

int store_photo_list(struct db *db, struct arena *a, long long client_id, struct photo_row **items,
                     int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(client_id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " COLS " FROM photos p JOIN clients c ON c.id = p.client_id WHERE "
                 "p.client_id = $1 AND " LIVE " ORDER BY p.id DESC LIMIT 200",
                 p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_row(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_photo_update(struct db *db, const struct photo_row *x, struct err *e)
{
    struct db_val p[] = {DB_INT(x->id), DB_TEXT(x->label), DB_TEXT(x->stage),
                         DB_ID(x->appointment_id), DB_INT(x->marketing_consent)};
    return db_exec(db,
                   "UPDATE photos SET label = $2, stage = $3, appointment_id = $4, "
                   "marketing_consent = $5 WHERE id = $1",
                   p, 5, NULL, e);
}

int store_photo_delete(struct db *db, long long id, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(id), DB_INT(now), DB_BLOB("", 0)};
    return db_exec(db,
                   "UPDATE photos SET deleted_at = $2, image = $3, thumb = $3 WHERE id = $1 AND "
                   "deleted_at IS NULL",
                   p, 3, NULL, e);
}
