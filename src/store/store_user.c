/*
 * store_user.c — users, tokens, sessions and login failures in SQL (see store_user.h).
 */
#include "store/store_user.h"

#include "store/store_page.h"

#include <string.h>

#define USER_COLS "u.id, u.email, u.name, u.role, u.created_at, u.disabled"

static void read_user(struct arena *a, struct db_res *r, int row, int col, struct user *u)
{
    u->id = db_res_int(r, row, col);
    u->email = arena_strdup(a, db_res_text(r, row, col + 1));
    u->name = arena_strdup(a, db_res_text(r, row, col + 2));
    u->role = role_parse(db_res_text(r, row, col + 3));
    u->created_at = db_res_int(r, row, col + 4);
    u->disabled = (int)db_res_int(r, row, col + 5);
}

int store_user_add(struct db *db, struct user *u, const char *password_hash, long long now,
                   struct err *e)
{
    struct db_val p[] = {DB_TEXT(u->email), DB_TEXT(u->name), DB_TEXT(role_name(u->role)),
                         DB_TEXT(password_hash), DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO users (email, name, role, password_hash, created_at) "
                 "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                 p, 5, &r, e) < 0) {
        if (e->code == ERR_CONFLICT)
            err_set(e, ERR_CONFLICT, "email", "a user with that email already exists");
        return -1;
    }
    u->id = db_res_int(r, 0, 0);
    u->created_at = now;
    db_res_free(r);
    return 0;
}

int store_user_by_email(struct db *db, struct arena *a, const char *email, struct user *u,
                        char **password_hash, struct err *e)
{
    struct db_val p[] = {DB_TEXT(email)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " USER_COLS ", u.password_hash FROM users u "
                 "WHERE u.email = $1 AND u.disabled = 0",
                 p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "email", "no such user");
    else {
        read_user(a, r, 0, 0, u);
        *password_hash = arena_strdup(a, db_res_text(r, 0, 6));
    }
    db_res_free(r);
    return rc;
}

int store_user_get(struct db *db, struct arena *a, long long id, struct user *u, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, "SELECT " USER_COLS " FROM users u WHERE u.id = $1", p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no user %lld", id);
    else
        read_user(a, r, 0, 0, u);
    db_res_free(r);
    return rc;
}

int store_user_list(struct db *db, struct arena *a, const struct cursor *after, int limit,
                    struct user **items, int *n, struct cursor *next, struct err *e)
{
    struct db_val p[] = {DB_TEXT(after ? after->key : NULL), DB_INT(after ? after->id : 0),
                         DB_INT(limit + 1)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " USER_COLS ", u.email FROM users u WHERE (CAST($1 AS TEXT) IS NULL OR "
                 "u.email > $1 OR (u.email = $1 AND u.id > $2)) ORDER BY u.email, u.id LIMIT $3",
                 p, 3, &r, e) < 0)
        return -1;
    *n = store_page(r, a, limit, 6, next);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_user(a, r, i, 0, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_user_update(struct db *db, const struct user *u, struct err *e)
{
    struct db_val p[] = {DB_TEXT(u->name), DB_TEXT(role_name(u->role)), DB_INT(u->disabled),
                         DB_INT(u->id)};
    long long changed;
    if (db_lock(db, DB_LOCK_OWNERS, e) < 0)
        return -1;
    if (db_exec(db, "UPDATE users SET name = $1, role = $2, disabled = $3 WHERE id = $4", p, 4,
                &changed, e) < 0)
        return -1;
    if (!changed)
        return err_set(e, ERR_NOT_FOUND, NULL, "no user %lld", u->id);
    struct db_res *r;
    if (db_query(db, "SELECT COUNT(*) FROM users WHERE role = 'owner' AND disabled = 0", NULL, 0,
                 &r, e) < 0)
        return -1;
    long long owners = db_res_int(r, 0, 0);
    db_res_free(r);
    if (owners == 0)
        return err_set(e, ERR_CONFLICT, "role", "stipple needs at least one enabled owner");
    struct db_val id[] = {DB_INT(u->id)};
    if (u->disabled)
        return db_exec(db, "DELETE FROM sessions WHERE user_id = $1", id, 1, NULL, e);
    return 0;
}

int store_user_set_password(struct db *db, long long id, const char *password_hash, struct err *e)
{
    struct db_val p[] = {DB_TEXT(password_hash), DB_INT(id)}, u[] = {DB_INT(id)};
    long long changed;
    if (db_exec(db, "UPDATE users SET password_hash = $1 WHERE id = $2", p, 2, &changed, e) < 0)
        return -1;
    if (!changed)
        return err_set(e, ERR_NOT_FOUND, NULL, "no user %lld", id);
    return db_exec(db, "DELETE FROM sessions WHERE user_id = $1", u, 1, NULL, e);
}

int store_user_exists(struct db *db, long long id, int *found, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, "SELECT 1 FROM users WHERE id = $1", p, 1, &r, e) < 0)
        return -1;
    *found = db_res_rows(r) > 0;
    db_res_free(r);
    return 0;
}

int store_user_count(struct db *db, long long *n, struct err *e)
{
    struct db_res *r;
    if (db_query(db, "SELECT COUNT(*) FROM users", NULL, 0, &r, e) < 0)
        return -1;
    *n = db_res_int(r, 0, 0);
    db_res_free(r);
    return 0;
}

int store_token_add(struct db *db, long long user_id, const char *token_hash, long long now,
                    struct err *e)
{
    struct db_val p[] = {DB_TEXT(token_hash), DB_INT(user_id), DB_INT(now)};
    return db_exec(db,
                   "INSERT INTO api_tokens (token_hash, user_id, created_at) VALUES ($1, $2, $3)",
                   p, 3, NULL, e);
}

int store_token_user(struct db *db, struct arena *a, const char *token_hash, struct user *u,
                     struct err *e)
{
    struct db_val p[] = {DB_TEXT(token_hash)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " USER_COLS " FROM api_tokens t JOIN users u ON u.id = t.user_id "
                 "WHERE t.token_hash = $1 AND u.disabled = 0",
                 p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_UNAUTHORIZED, NULL, "the API token is not valid");
    else
        read_user(a, r, 0, 0, u);
    db_res_free(r);
    return rc;
}

int store_session_add(struct db *db, const char *token_hash, long long user_id,
                      const char *csrf_token, long long now, struct err *e)
{
    struct db_val p[] = {DB_TEXT(token_hash), DB_INT(user_id), DB_TEXT(csrf_token), DB_INT(now)};
    return db_exec(db,
                   "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen) "
                   "VALUES ($1, $2, $3, $4, $4)",
                   p, 4, NULL, e);
}

int store_session_user(struct db *db, struct arena *a, const char *token_hash, long long now,
                       long long idle_s, long long max_s, struct user *u, char **csrf_token,
                       struct err *e)
{
    struct db_val p[] = {DB_TEXT(token_hash)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " USER_COLS ", s.csrf_token, s.created_at, s.last_seen FROM sessions s "
                 "JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND u.disabled = 0",
                 p, 1, &r, e) < 0)
        return -1;
    if (db_res_rows(r) == 0) {
        db_res_free(r);
        return err_set(e, ERR_UNAUTHORIZED, NULL, "not signed in");
    }
    long long created = db_res_int(r, 0, 7), seen = db_res_int(r, 0, 8);
    if (now - seen > idle_s || now - created > max_s) {
        db_res_free(r);
        store_session_delete(db, token_hash, e);
        return err_set(e, ERR_UNAUTHORIZED, NULL, "the session has expired; sign in again");
    }
    read_user(a, r, 0, 0, u);
    *csrf_token = arena_strdup(a, db_res_text(r, 0, 6));
    db_res_free(r);
    if (now - seen >= 60) {
        struct db_val q[] = {DB_INT(now), DB_TEXT(token_hash)};
        if (db_exec(db, "UPDATE sessions SET last_seen = $1 WHERE token_hash = $2", q, 2, NULL, e) <
            0)
            return -1;
    }
    return 0;
}

int store_session_delete(struct db *db, const char *token_hash, struct err *e)
{
    struct db_val p[] = {DB_TEXT(token_hash)};
    return db_exec(db, "DELETE FROM sessions WHERE token_hash = $1", p, 1, NULL, e);
}

int store_login_failure_add(struct db *db, const char *email, const char *addr, long long now,
                            long long *id, struct err *e)
{
    struct db_val p[] = {DB_TEXT(email), DB_TEXT(addr), DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO login_failures (email, addr, at) VALUES ($1, $2, $3) RETURNING id", p,
                 3, &r, e) < 0)
        return -1;
    if (id)
        *id = db_res_int(r, 0, 0);
    db_res_free(r);
    return 0;
}

int store_login_failure_delete(struct db *db, long long id, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    return db_exec(db, "DELETE FROM login_failures WHERE id = $1", p, 1, NULL, e);
}

int store_login_failures(struct db *db, const char *email, const char *addr, long long since,
                         long long *by_email, long long *oldest_email, long long *by_addr,
                         long long *oldest_addr, struct err *e)
{
    struct db_val p[] = {DB_TEXT(email), DB_INT(since), DB_TEXT(addr)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT (SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at >= $2), "
                 "(SELECT MIN(at) FROM login_failures WHERE email = $1 AND at >= $2), "
                 "(SELECT COUNT(*) FROM login_failures WHERE addr = $3 AND at >= $2), "
                 "(SELECT MIN(at) FROM login_failures WHERE addr = $3 AND at >= $2)",
                 p, 3, &r, e) < 0)
        return -1;
    *by_email = db_res_int(r, 0, 0);
    *oldest_email = db_res_int(r, 0, 1);
    *by_addr = db_res_int(r, 0, 2);
    *oldest_addr = db_res_int(r, 0, 3);
    db_res_free(r);
    return 0;
}

int store_login_failures_clear(struct db *db, const char *email, struct err *e)
{
    struct db_val p[] = {DB_TEXT(email)};
    return db_exec(db, "DELETE FROM login_failures WHERE email = $1", p, 1, NULL, e);
}

int store_expire(struct db *db, long long session_cutoff, long long failure_cutoff, struct err *e)
{
    struct db_val s[] = {DB_INT(session_cutoff)}, f[] = {DB_INT(failure_cutoff)};
    if (db_exec(db, "DELETE FROM sessions WHERE last_seen < $1", s, 1, NULL, e) < 0)
        return -1;
    return db_exec(db, "DELETE FROM login_failures WHERE at < $1", f, 1, NULL, e);
}
