/*
 * store_public.c — rate limits and enquiries in SQL (see store_public.h).
 */
#include "store/store_public.h"

#include <string.h>

int store_rate_hit(struct db *db, const char *bucket, long long now, int window_s, int limit,
                   bool *allowed, struct err *e)
{
    struct db_val p[] = {DB_TEXT(bucket), DB_INT(now - window_s)};
    struct db_res *r;
    if (db_exec(db, "DELETE FROM rate_events WHERE bucket = $1 AND at < $2", p, 2, NULL, e) < 0 ||
        db_query(db, "SELECT COUNT(*) FROM rate_events WHERE bucket = $1 AND at >= $2", p, 2, &r,
                 e) < 0)
        return -1;
    *allowed = db_res_int(r, 0, 0) < limit;
    db_res_free(r);
    if (!*allowed)
        return 0;
    struct db_val q[] = {DB_TEXT(bucket), DB_INT(now)};
    return db_exec(db, "INSERT INTO rate_events (bucket, at) VALUES ($1, $2)", q, 2, NULL, e);
}

#define COLS                                                                                       \
    "q.id, q.clinic_id, q.client_id, q.health_consent_at, q.upload_until, q.created_at, "          \
    "q.updated_at, q.name, q.email, q.phone, q.concern, q.status, (SELECT COUNT(*) FROM "          \
    "enquiry_photos p WHERE p.enquiry_id = q.id)"

static void read_row(struct arena *a, struct db_res *r, int i, struct enquiry *q)
{
    q->id = db_res_int(r, i, 0);
    q->clinic_id = db_res_int(r, i, 1);
    q->client_id = db_res_int(r, i, 2);
    q->health_consent_at = db_res_int(r, i, 3);
    q->upload_until = db_res_int(r, i, 4);
    q->created_at = db_res_int(r, i, 5);
    q->updated_at = db_res_int(r, i, 6);
    q->name = arena_strdup(a, db_res_text(r, i, 7));
    q->email = arena_strdup(a, db_res_text(r, i, 8));
    q->phone = arena_strdup(a, db_res_text(r, i, 9));
    q->concern = arena_strdup(a, db_res_text(r, i, 10));
    q->status = arena_strdup(a, db_res_text(r, i, 11));
    q->n_photos = (int)db_res_int(r, i, 12);
}

static int one(struct db *db, struct arena *a, const char *sql, const struct db_val *p, int n,
               struct enquiry *q, struct err *e)
{
    struct db_res *r;
    if (db_query(db, sql, p, n, &r, e) < 0)
        return -1;
    int rc = db_res_rows(r) ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no such enquiry");
    if (rc == 0)
        read_row(a, r, 0, q);
    db_res_free(r);
    return rc;
}

int store_enquiry_add(struct db *db, struct enquiry *q, const char *upload_hash,
                      long long upload_until, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(q->clinic_id), DB_TEXT(q->name),    DB_TEXT(q->email),
                         DB_TEXT(q->phone),    DB_TEXT(q->concern), DB_TEXT(upload_hash),
                         DB_INT(upload_until), DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO enquiries (clinic_id, name, email, phone, concern, "
                 "health_consent_at, upload_hash, upload_until, created_at, updated_at) VALUES "
                 "($1, $2, $3, $4, $5, $8, $6, $7, $8, $8) RETURNING id",
                 p, 8, &r, e) < 0)
        return -1;
    q->id = db_res_int(r, 0, 0);
    q->created_at = q->updated_at = q->health_consent_at = now;
    q->upload_until = upload_until;
    q->status = "new";
    db_res_free(r);
    return 0;
}

int store_enquiry_get(struct db *db, struct arena *a, long long id, struct enquiry *q,
                      struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    return one(db, a, "SELECT " COLS " FROM enquiries q WHERE q.id = $1", p, 1, q, e);
}

int store_enquiry_by_upload(struct db *db, struct arena *a, const char *hash, long long now,
                            struct enquiry *q, struct err *e)
{
    struct db_val p[] = {DB_TEXT(hash), DB_INT(now)};
    return one(db, a,
               "SELECT " COLS " FROM enquiries q WHERE q.upload_hash = $1 AND q.upload_until >= $2",
               p, 2, q, e);
}

int store_enquiry_list(struct db *db, struct arena *a, long long clinic_id, const char *status,
                       struct enquiry **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id), DB_TEXT(status)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " COLS " FROM enquiries q WHERE q.clinic_id = $1 AND (CAST($2 AS TEXT) "
                 "IS NULL OR q.status = $2) ORDER BY q.id DESC LIMIT 500",
                 p, 2, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_row(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_enquiry_set_status(struct db *db, long long id, const char *status, long long client_id,
                             long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(id), DB_TEXT(status), DB_ID(client_id), DB_INT(now)};
    return db_exec(db,
                   "UPDATE enquiries SET status = $2, client_id = COALESCE($3, client_id), "
                   "updated_at = $4 WHERE id = $1",
                   p, 4, NULL, e);
}

int store_enquiry_photo_add(struct db *db, struct enquiry_photo *x, const void *thumb,
                            size_t thumb_len, long long now, struct err *e)
{
    struct db_val p[] = {
        DB_INT(x->enquiry_id),     DB_TEXT(x->label),         DB_INT(x->width), DB_INT(x->height),
        DB_BLOB(x->bytes, x->len), DB_BLOB(thumb, thumb_len), DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO enquiry_photos (enquiry_id, label, width, height, image, thumb, "
                 "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                 p, 7, &r, e) < 0)
        return -1;
    x->id = db_res_int(r, 0, 0);
    x->created_at = now;
    db_res_free(r);
    return 0;
}

int store_enquiry_photos(struct db *db, struct arena *a, long long enquiry_id,
                         struct enquiry_photo **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(enquiry_id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT id, enquiry_id, created_at, label, width, height FROM enquiry_photos "
                 "WHERE enquiry_id = $1 ORDER BY id",
                 p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++) {
        struct enquiry_photo *x = &(*items)[i];
        x->id = db_res_int(r, i, 0);
        x->enquiry_id = db_res_int(r, i, 1);
        x->created_at = db_res_int(r, i, 2);
        x->label = arena_strdup(a, db_res_text(r, i, 3));
        x->width = (int)db_res_int(r, i, 4);
        x->height = (int)db_res_int(r, i, 5);
    }
    db_res_free(r);
    return 0;
}

int store_enquiry_photo_get(struct db *db, struct arena *a, long long id, bool thumb,
                            struct enquiry_photo *x, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db,
                 thumb ? "SELECT id, enquiry_id, label, thumb FROM enquiry_photos WHERE id = $1"
                       : "SELECT id, enquiry_id, label, image FROM enquiry_photos WHERE id = $1",
                 p, 1, &r, e) < 0)
        return -1;
    int rc = db_res_rows(r) ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no photo %lld", id);
    if (rc == 0) {
        memset(x, 0, sizeof *x);
        x->id = db_res_int(r, 0, 0);
        x->enquiry_id = db_res_int(r, 0, 1);
        x->label = arena_strdup(a, db_res_text(r, 0, 2));
        x->len = db_res_len(r, 0, 3);
        x->bytes = (const unsigned char *)arena_strndup(a, db_res_text(r, 0, 3), x->len);
    }
    db_res_free(r);
    return rc;
}

int store_enquiry_photos_to_client(struct db *db, long long enquiry_id, long long client_id,
                                   long long user_id, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(enquiry_id), DB_INT(client_id), DB_ID(user_id), DB_INT(now)};
    return db_exec(db,
                   "INSERT INTO photos (client_id, label, width, height, image, thumb, created_by, "
                   "created_at, stage) SELECT $2, label, width, height, image, thumb, $3, $4, "
                   "'before' FROM enquiry_photos WHERE enquiry_id = $1 ORDER BY id",
                   p, 4, NULL, e);
}

int store_client_by_email(struct db *db, struct arena *a, long long clinic_id, const char *email,
                          long long *client_id, struct err *e)
{
    (void)a;
    struct db_val p[] = {DB_INT(clinic_id), DB_TEXT(email)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT id FROM clients WHERE clinic_id = $1 AND lower(email) = lower($2) AND "
                 "deleted_at IS NULL ORDER BY id LIMIT 1",
                 p, 2, &r, e) < 0)
        return -1;
    int rc = db_res_rows(r) ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no such client");
    if (rc == 0)
        *client_id = db_res_int(r, 0, 0);
    db_res_free(r);
    return rc;
}

int store_appt_set_manage(struct db *db, long long id, const char *hash, struct err *e)
{
    struct db_val p[] = {DB_INT(id), DB_TEXT(hash)};
    return db_exec(db, "UPDATE appointments SET manage_hash = $2 WHERE id = $1", p, 2, NULL, e);
}

int store_appt_by_manage(struct db *db, const char *hash, long long *id, struct err *e)
{
    struct db_val p[] = {DB_TEXT(hash)};
    struct db_res *r;
    if (db_query(db, "SELECT id FROM appointments WHERE manage_hash = $1", p, 1, &r, e) < 0)
        return -1;
    int rc = db_res_rows(r) ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "this link names no booking");
    if (rc == 0)
        *id = db_res_int(r, 0, 0);
    db_res_free(r);
    return rc;
}
