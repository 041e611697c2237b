/*
 * h_auth.c — signing in and out: POST /api/v1/login, POST /api/v1/logout, GET /api/v1/me.
 *
 * Login is throttled per account and per address over a sliding window (settings
 * login_fail_account, login_fail_addr, login_window_min), answers the same 401 for an unknown
 * email and a wrong password (and spends the same hashing time on both), and starts a new
 * session with a new token every time. It manages its own transactions so that a failure is
 * recorded even though the answer is an error.
 */
#include "auth/auth.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "store/store_user.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char cookie_name[] = "stipple_session";

static void set_cookie(struct req *rq, struct resp *rs, const char *token, long long max_age)
{
    char v[256];
    snprintf(v, sizeof v, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%lld%s", cookie_name,
             token, max_age, rq->app->cfg->tls ? "; Secure" : "");
    resp_header(rq, rs, "Set-Cookie", v);
}

int h_login(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"email", "password", NULL};
    const struct config *cfg = rq->app->cfg;
    struct err e;
    char *email = NULL, *password = NULL;
    if (jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "email", &email, rq->a, &e) < 0)
        return resp_error(rs, &e);
    json_t *pw = json_object_get(rq->json, "password");
    if (!email)
        return resp_fail(rs, ERR_INVALID, "email", "email is required");
    if (!json_is_string(pw) || json_string_length(pw) == 0 || json_string_length(pw) > 1024)
        return resp_fail(rs, ERR_INVALID, "password", "password is required");
    password = arena_strdup(rq->a, json_string_value(pw));
    for (char *p = email; *p; p++)
        *p = (char)tolower((unsigned char)*p);

    /* The attempt is recorded before the password is checked, then counted with the others:
     * parallel guesses cannot all slip under the limit. A throttled attempt is forgotten again,
     * so that an attacker who keeps trying does not keep the account locked. */
    long long window = (long long)cfg->login_window_min * 60, attempt, by_email, oldest_email,
              by_addr, oldest_addr;
    if (store_login_failure_add(rq->db, email, rq->addr, rq->now, &attempt, &e) < 0 ||
        store_login_failures(rq->db, email, rq->addr, rq->now - window, &by_email, &oldest_email,
                             &by_addr, &oldest_addr, &e) < 0)
        return resp_error(rs, &e);
    if (by_email > cfg->login_fail_account || by_addr > cfg->login_fail_addr) {
        if (store_login_failure_delete(rq->db, attempt, &e) < 0)
            return resp_error(rs, &e);
        long long oldest = by_email > cfg->login_fail_account ? oldest_email : oldest_addr;
        long long wait = oldest + window - rq->now;
        char retry[24];
        snprintf(retry, sizeof retry, "%lld", wait > 1 ? wait : 1);
        resp_header(rq, rs, "Retry-After", retry);
        return resp_fail(rs, ERR_THROTTLED, NULL,
                         "too many failed sign-ins; wait a few minutes and try again");
    }

    struct user u = {0};
    char *hash = NULL;
    if (store_user_by_email(rq->db, rq->a, email, &u, &hash, &e) < 0 && e.code != ERR_NOT_FOUND)
        return resp_error(rs, &e);
    if (!auth_verify_password(password, hash))
        return resp_fail(rs, ERR_BAD_LOGIN, NULL, "the email or password is not right");

    char token[48], csrf[48], digest[AUTH_DIGEST_HEX];
    auth_new_token("", token);
    auth_new_token("", csrf);
    auth_digest(token, digest);
    if (db_begin(rq->db, true, &e) < 0)
        return resp_error(rs, &e);
    if (store_login_failures_clear(rq->db, email, &e) < 0 ||
        (rq->session_hash && store_session_delete(rq->db, rq->session_hash, &e) < 0) ||
        store_session_add(rq->db, digest, u.id, csrf, rq->now, &e) < 0 ||
        db_commit(rq->db, &e) < 0) {
        db_rollback(rq->db);
        return resp_error(rs, &e);
    }
    set_cookie(rq, rs, token, (long long)cfg->session_max_hours * 3600);
    return resp_json(rs, 200, json_pack("{s:o,s:s}", "user", jout_user(&u), "csrf_token", csrf));
}

int h_logout(struct req *rq, struct resp *rs)
{
    struct err e;
    if (rq->via_cookie && store_session_delete(rq->db, rq->session_hash, &e) < 0)
        return resp_error(rs, &e);
    if (rq->via_cookie)
        set_cookie(rq, rs, "", 0);
    return resp_empty(rs, 204);
}

int h_me(struct req *rq, struct resp *rs)
{
    return resp_json(rs, 200,
                     json_pack("{s:o,s:o}", "user", jout_user(&rq->user), "csrf_token",
                               rq->csrf_token ? json_string(rq->csrf_token) : json_null()));
}
