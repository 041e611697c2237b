/*
 * store_consent.c — consent documents and signatures in SQL (see store_consent.h).
 */
#include "store/store_consent.h"

#define DOC_COLS "id, kind, version, title, body, sha256, reviewed_by, reviewed_on, created_at"
#define CONSENT_COLS                                                                               \
    "id, client_id, document_id, kind, version, sha256, signer_name, signed_at, "                  \
    "witness_user_id, witness_name"

static void read_doc(struct arena *a, struct db_res *r, int row, struct consent_document *d)
{
    d->id = db_res_int(r, row, 0);
    d->kind = arena_strdup(a, db_res_text(r, row, 1));
    d->version = (int)db_res_int(r, row, 2);
    d->title = arena_strdup(a, db_res_text(r, row, 3));
    d->body = arena_strdup(a, db_res_text(r, row, 4));
    d->sha256 = arena_strdup(a, db_res_text(r, row, 5));
    d->reviewed_by = arena_strdup(a, db_res_text(r, row, 6));
    d->reviewed_on = arena_strdup(a, db_res_text(r, row, 7));
    d->created_at = db_res_int(r, row, 8);
}

static void read_consent(struct arena *a, struct db_res *r, int row, struct consent *c)
{
    c->id = db_res_int(r, row, 0);
    c->client_id = db_res_int(r, row, 1);
    c->document_id = db_res_int(r, row, 2);
    c->kind = arena_strdup(a, db_res_text(r, row, 3));
    c->version = (int)db_res_int(r, row, 4);
    c->sha256 = arena_strdup(a, db_res_text(r, row, 5));
    c->signer_name = arena_strdup(a, db_res_text(r, row, 6));
    c->signed_at = db_res_int(r, row, 7);
    c->witness_user_id = db_res_int(r, row, 8);
    c->witness_name = arena_strdup(a, db_res_text(r, row, 9));
    c->signature = db_res_cols(r) > 10 ? arena_strdup(a, db_res_text(r, row, 10)) : NULL;
}

int store_document_current_version(struct db *db, const char *kind, int *version, struct err *e)
{
    struct db_val p[] = {DB_TEXT(kind)};
    struct db_res *r;
    if (db_query(db, "SELECT COALESCE(MAX(version), 0) FROM consent_documents WHERE kind = $1", p,
                 1, &r, e) < 0)
        return -1;
    *version = (int)db_res_int(r, 0, 0);
    db_res_free(r);
    return 0;
}

int store_document_add(struct db *db, struct consent_document *d, long long user_id, long long now,
                       struct err *e)
{
    int current;
    if (store_document_current_version(db, d->kind, &current, e) < 0)
        return -1;
    d->version = current + 1;
    struct db_val p[] = {DB_TEXT(d->kind),        DB_INT(d->version), DB_TEXT(d->title),
                         DB_TEXT(d->body),        DB_TEXT(d->sha256), DB_TEXT(d->reviewed_by),
                         DB_TEXT(d->reviewed_on), DB_ID(user_id),     DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO consent_documents (kind, version, title, body, sha256, reviewed_by, "
                 "reviewed_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                 "RETURNING id",
                 p, 9, &r, e) < 0)
        return -1;
    d->id = db_res_int(r, 0, 0);
    d->created_at = now;
    db_res_free(r);
    return 0;
}

int store_document_get(struct db *db, struct arena *a, long long id, struct consent_document *d,
                       struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, "SELECT " DOC_COLS " FROM consent_documents WHERE id = $1", p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no document %lld", id);
    else
        read_doc(a, r, 0, d);
    db_res_free(r);
    return rc;
}

int store_document_list(struct db *db, struct arena *a, const char *kind, int current_only,
                        struct consent_document **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_TEXT(kind), DB_INT(current_only)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " DOC_COLS " FROM consent_documents d WHERE "
                 "(CAST($1 AS TEXT) IS NULL OR kind = $1) AND ($2 = 0 OR version = "
                 "(SELECT MAX(version) FROM consent_documents x WHERE x.kind = d.kind)) "
                 "ORDER BY kind, version DESC LIMIT 500",
                 p, 2, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_doc(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_consent_add(struct db *db, struct consent *c, struct err *e)
{
    struct db_val p[] = {DB_INT(c->client_id),    DB_INT(c->document_id), DB_TEXT(c->kind),
                         DB_INT(c->version),      DB_TEXT(c->sha256),     DB_TEXT(c->signer_name),
                         DB_TEXT(c->signature),   DB_INT(c->signed_at),   DB_ID(c->witness_user_id),
                         DB_TEXT(c->witness_name)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO consents (client_id, document_id, kind, version, sha256, "
                 "signer_name, signature, signed_at, witness_user_id, witness_name) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                 p, 10, &r, e) < 0)
        return -1;
    c->id = db_res_int(r, 0, 0);
    db_res_free(r);
    return 0;
}

int store_consent_get(struct db *db, struct arena *a, long long id, struct consent *c,
                      struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " CONSENT_COLS ", signature FROM consents WHERE id = $1 AND client_id IN "
                 "(SELECT id FROM clients WHERE deleted_at IS NULL)",
                 p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no consent %lld", id);
    else
        read_consent(a, r, 0, c);
    db_res_free(r);
    return rc;
}

int store_consent_list(struct db *db, struct arena *a, long long client_id, int with_signature,
                       struct consent **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(client_id)};
    struct db_res *r;
    int rc = with_signature
                 ? db_query(db,
                            "SELECT " CONSENT_COLS ", signature FROM consents WHERE client_id = $1 "
                            "ORDER BY signed_at DESC, id DESC LIMIT 500",
                            p, 1, &r, e)
                 : db_query(db,
                            "SELECT " CONSENT_COLS " FROM consents WHERE client_id = $1 "
                            "ORDER BY signed_at DESC, id DESC LIMIT 500",
                            p, 1, &r, e);
    if (rc < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_consent(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}
