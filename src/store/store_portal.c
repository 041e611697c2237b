/*
 * store_portal.c — portal links and sessions in SQL (see store_portal.h).
 */
#include "store/store_portal.h"

int store_portal_link_add(struct db *db, const char *hash, long long client_id,
                          long long expires_at, long long now, struct err *e)
{
    struct db_val p[] = {DB_TEXT(hash), DB_INT(client_id), DB_INT(expires_at), DB_INT(now)};
    return db_exec(db,
                   "INSERT INTO portal_links (hash, client_id, expires_at, created_at) VALUES ($1, "
                   "$2, $3, $4)",
                   p, 4, NULL, e);
}

int store_portal_link_use(struct db *db, const char *hash, long long now, long long *client_id,
                          struct err *e)
{
    struct db_val p[] = {DB_TEXT(hash), DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "UPDATE portal_links SET used_at = $2 WHERE hash = $1 AND used_at IS NULL AND "
                 "expires_at >= $2 RETURNING client_id",
                 p, 2, &r, e) < 0)
        return -1;
    int rc = db_res_rows(r) ? 0
                            : err_set(e, ERR_NOT_FOUND, NULL,
                                      "this sign-in link has been used or has expired: ask for a "
                                      "new one");
    if (rc == 0)
        *client_id = db_res_int(r, 0, 0);
    db_res_free(r);
    return rc;
}

int store_portal_session_add(struct db *db, const char *hash, long long client_id, const char *csrf,
                             long long expires_at, long long now, struct err *e)
{
    struct db_val p[] = {DB_TEXT(hash), DB_INT(client_id), DB_TEXT(csrf), DB_INT(expires_at),
                         DB_INT(now)};
    return db_exec(db,
                   "INSERT INTO portal_sessions (hash, client_id, csrf, expires_at, created_at) "
                   "VALUES ($1, $2, $3, $4, $5)",
                   p, 5, NULL, e);
}

int store_portal_session(struct db *db, struct arena *a, const char *hash, long long now,
                         long long *client_id, char **csrf, struct err *e)
{
    struct db_val p[] = {DB_TEXT(hash), DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT s.client_id, s.csrf FROM portal_sessions s JOIN clients c ON c.id = "
                 "s.client_id WHERE s.hash = $1 AND s.expires_at >= $2 AND c.deleted_at IS NULL",
                 p, 2, &r, e) < 0)
        return -1;
    int rc = db_res_rows(r) ? 0 : err_set(e, ERR_UNAUTHORIZED, NULL, "sign in with your link");
    if (rc == 0) {
        *client_id = db_res_int(r, 0, 0);
        *csrf = arena_strdup(a, db_res_text(r, 0, 1));
    }
    db_res_free(r);
    return rc;
}

int store_portal_session_delete(struct db *db, const char *hash, struct err *e)
{
    struct db_val p[] = {DB_TEXT(hash)};
    return db_exec(db, "DELETE FROM portal_sessions WHERE hash = $1", p, 1, NULL, e);
}

int store_clients_by_email(struct db *db, struct arena *a, const char *email, long long **ids,
                           int *n, struct err *e)
{
    struct db_val p[] = {DB_TEXT(email)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT id FROM clients WHERE lower(email) = lower($1) AND deleted_at IS NULL "
                 "ORDER BY id LIMIT 10",
                 p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *ids = arena_alloc(a, sizeof **ids * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        (*ids)[i] = db_res_int(r, i, 0);
    db_res_free(r);
    return 0;
}
