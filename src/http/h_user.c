/*
 * h_user.c — /api/v1/users: the staff accounts that sign in, managed by owners. Passwords are
 * set here (never shown again) and checked against the password policy; a change that would
 * leave no enabled owner is refused.
 */
#include "auth/auth.h"
#include "domain/validate.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/list.h"
#include "store/store_user.h"

#include <ctype.h>
#include <string.h>

/* Reads the role member (absent: unchanged). */
static int decode_role(struct req *rq, struct user *u, struct err *e)
{
    char *role = NULL;
    if (!json_object_get(rq->json, "role"))
        return 0;
    if (jin_str(rq->json, "role", &role, rq->a, e) < 0)
        return -1;
    u->role = role_parse(role);
    if (!u->role)
        return err_set(e, ERR_INVALID, "role",
                       "role must be owner, manager, practitioner or reception");
    return 0;
}

/* Reads and checks the password member into a new argon2id hash (NULL when absent). */
static int decode_password(struct req *rq, char **hash, struct err *e)
{
    *hash = NULL;
    json_t *pw = json_object_get(rq->json, "password");
    if (!pw)
        return 0;
    if (!json_is_string(pw) || strlen(json_string_value(pw)) != json_string_length(pw))
        return err_set(e, ERR_INVALID, "password", "password must be a string");
    if (password_check(json_string_value(pw), e) < 0)
        return -1;
    *hash = arena_alloc(rq->a, AUTH_HASH_MAX);
    if (auth_hash_password(json_string_value(pw), *hash) < 0)
        return err_set(e, ERR_UNAVAILABLE, NULL, "out of memory hashing the password");
    return 0;
}

int h_user_list(struct req *rq, struct resp *rs)
{
    struct list_params lp;
    struct user *items;
    struct cursor next;
    int n;
    struct err e;
    if (list_params(rq, &lp, &e) < 0 ||
        store_user_list(rq->db, rq->a, lp.after, lp.limit, &items, &n, &next, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, jout_user_admin(&items[i]));
    return resp_json(rs, 200, jout_list(arr, list_cursor(rq, &next)));
}

int h_user_create(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"email", "name", "role", "password", NULL};
    struct user u = {0};
    char *hash;
    struct err e;
    if (jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "email", &u.email, rq->a, &e) < 0 ||
        jin_str(rq->json, "name", &u.name, rq->a, &e) < 0 || decode_role(rq, &u, &e) < 0)
        return resp_error(rs, &e);
    for (char *p = u.email; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    if (user_check(&u, &e) < 0)
        return resp_error(rs, &e);
    if (!json_object_get(rq->json, "password"))
        return resp_fail(rs, ERR_INVALID, "password", "password is required");
    /* hashed before the write transaction: argon2id must not hold the database's write lock */
    if (decode_password(rq, &hash, &e) < 0 || db_begin(rq->db, true, &e) < 0)
        return resp_error(rs, &e);
    if (store_user_add(rq->db, &u, hash, rq->now, &e) < 0 || db_commit(rq->db, &e) < 0) {
        db_rollback(rq->db);
        return resp_error(rs, &e);
    }
    return resp_json(rs, 201, jout_user_admin(&u));
}

int h_user_get(struct req *rq, struct resp *rs)
{
    struct user u;
    struct err e;
    if (store_user_get(rq->db, rq->a, req_id(rq, 0), &u, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, jout_user_admin(&u));
}

int h_user_update(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"name", "role", "disabled", "password", NULL};
    struct user u;
    char *hash;
    struct err e;
    /* decoded and hashed before the write transaction, which then reloads nothing it needs:
     * every field of the stored user is written from u */
    if (store_user_get(rq->db, rq->a, req_id(rq, 0), &u, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "name", &u.name, rq->a, &e) < 0 ||
        decode_role(rq, &u, &e) < 0 || jin_bool(rq->json, "disabled", &u.disabled, &e) < 0 ||
        user_check(&u, &e) < 0 || decode_password(rq, &hash, &e) < 0 ||
        db_begin(rq->db, true, &e) < 0)
        return resp_error(rs, &e);
    if (store_user_update(rq->db, &u, &e) < 0 ||
        (hash && store_user_set_password(rq->db, u.id, hash, &e) < 0) ||
        db_commit(rq->db, &e) < 0) {
        db_rollback(rq->db);
        return resp_error(rs, &e);
    }
    return resp_json(rs, 200, jout_user_admin(&u));
}
