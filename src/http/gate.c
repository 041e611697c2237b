/*
 * gate.c — the one place that decides whether a request reaches its handler.
 *
 * In order: the route (404, 405), the caller (Bearer token or session cookie, 401), the role
 * (403), the CSRF header for cookie callers' unsafe methods (403 csrf), the body (415, 400),
 * then the handler inside a write transaction for unsafe methods, committed only when the
 * answer is a success — so a refused request writes nothing.
 */
#include "auth/auth.h"
#include "http/json.h"
#include "http/routes.h"
#include "http/server.h"
#include "store/store_portal.h"
#include "store/store_user.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* How many times a write transaction that lost to a concurrent one is tried in all. */
enum { TX_TRIES = 3 };

static bool unsafe(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* Finds the value of cookie name in a Cookie header (in rq's arena), or NULL. */
/* A client's portal session (cookie stipple_portal): the route's caller is the client; unsafe
 * methods need the session's CSRF token. */
static int authenticate_client(struct req *rq, struct err *e)
{
    const char *token = req_cookie(rq, "stipple_portal");
    char digest[AUTH_DIGEST_HEX], *csrf;
    if (!token || strlen(token) > 200)
        return err_set(e, ERR_UNAUTHORIZED, NULL, "sign in with the link the clinic emails you");
    auth_digest(token, digest);
    if (store_portal_session(rq->db, rq->a, digest, rq->now, &rq->portal_client, &csrf, e) < 0)
        return -1;
    if (unsafe(rq->method) && (!rq->h_csrf || !auth_equal(rq->h_csrf, csrf)))
        return err_set(e, ERR_CSRF, NULL, "the X-CSRF-Token header is missing or wrong");
    rq->authed = true;
    rq->csrf_token = csrf; /* GET /api/v1/portal/me gives it back after a page reload */
    rq->user = (struct user){.role = ROLE_CLIENT, .email = (char *)"the client, in the portal"};
    return 0;
}

static int authenticate(struct req *rq, const struct route *r, struct err *e)
{
    if (r->roles == ROLE_CLIENT)
        return rq->db ? authenticate_client(rq, e)
                      : err_set(e, ERR_UNAVAILABLE, NULL, "database unavailable");
    if (!r->roles && !rq->db)
        return 0;
    const struct config *cfg = rq->app->cfg;
    char digest[AUTH_DIGEST_HEX];
    if (rq->h_authorization) {
        if (!r->roles)
            return 0;
        if (strncasecmp(rq->h_authorization, "Bearer ", 7) != 0 ||
            strlen(rq->h_authorization + 7) > 200)
            return err_set(e, ERR_UNAUTHORIZED, NULL, "Authorization must be \"Bearer TOKEN\"");
        auth_digest(rq->h_authorization + 7, digest);
        if (store_token_user(rq->db, rq->a, digest, &rq->user, e) < 0)
            return -1;
        rq->authed = true;
        return 0;
    }
    const char *token = req_cookie(rq, "stipple_session");
    if (token && strlen(token) <= 200) {
        auth_digest(token, digest);
        rq->session_hash = arena_strdup(rq->a, digest);
    }
    if (!r->roles)
        return 0;
    if (!rq->session_hash)
        return err_set(e, ERR_UNAUTHORIZED, NULL, "sign in first");
    char *csrf;
    if (store_session_user(rq->db, rq->a, rq->session_hash, rq->now,
                           (long long)cfg->session_idle_min * 60,
                           (long long)cfg->session_max_hours * 3600, &rq->user, &csrf, e) < 0)
        return -1;
    rq->authed = rq->via_cookie = true;
    rq->csrf_token = csrf;
    return 0;
}

static bool is_json_type(const char *ct)
{
    if (!ct)
        return false;
    size_t n = strlen("application/json");
    return strncasecmp(ct, "application/json", n) == 0 &&
           (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

static int gate(struct req *rq, const struct route *r, struct err *e)
{
    if (authenticate(rq, r, e) < 0)
        return -1;
    if (r->roles && !(r->roles & rq->user.role))
        return err_set(e, ERR_FORBIDDEN, NULL, "your role (%s) may not do this",
                       role_name(rq->user.role));
    if (rq->via_cookie && unsafe(rq->method) &&
        (!rq->h_csrf || !auth_equal(rq->h_csrf, rq->csrf_token)))
        return err_set(e, ERR_CSRF, NULL, "the X-CSRF-Token header is missing or wrong");
    if (r->flags & ROUTE_BODY) {
        if (!is_json_type(rq->h_content_type))
            return err_set(e, ERR_MEDIA_TYPE, NULL, "send the body as application/json");
        if (json_parse_body(rq->body, rq->body_len, &rq->json, e) < 0)
            return -1;
    }
    return 0;
}

void server_dispatch(struct app *app, struct req *rq, struct resp *rs, size_t *route_out)
{
    const struct route *r = NULL;
    char allow[64];
    struct err e = {0};
    *route_out = routes_count;
    rs->status = 500;
    switch (route_find(rq->method, rq->path, rq, &r, allow)) {
    case ROUTE_NO_PATH:
        resp_fail(rs, ERR_NOT_FOUND, NULL, "no such page or resource");
        return;
    case ROUTE_NO_METHOD:
        resp_header(rq, rs, "Allow", allow);
        resp_fail(rs, ERR_METHOD, NULL, "this method is not allowed here");
        return;
    case ROUTE_FOUND:
        break;
    }
    *route_out = route_index(r);
    if (rq->body_len > (r->body_limit > 1024 ? r->body_limit : 1024)) {
        resp_fail(rs, ERR_TOO_LARGE, NULL, "the request body is too large");
        return;
    }
    if (rq->query_overflow) {
        resp_fail(rs, ERR_MALFORMED, NULL, "too many query parameters");
        return;
    }
    rq->db = app_db(app, &e);
    if (!rq->db && !(r->flags & ROUTE_NO_DB)) {
        resp_error(rs, &e);
        return;
    }
    if (gate(rq, r, &e) < 0) {
        resp_error(rs, &e);
        goto done;
    }
    bool tx = rq->db && unsafe(rq->method) && !(r->flags & ROUTE_OWN_TX);
    for (int attempt = 1;; attempt++) {
        if (tx && db_begin(rq->db, true, &e) < 0) {
            resp_error(rs, &e);
            goto done;
        }
        r->fn(rq, rs);
        if (!tx)
            break;
        if (rs->status < 400) {
            if (db_commit(rq->db, &e) < 0) {
                resp_reset(rs);
                resp_error(rs, &e);
            }
        } else
            db_rollback(rq->db);
        /* A transaction that lost to a concurrent one (a PostgreSQL deadlock between two
         * bookings of one slot, say) is run again: the second time it sees the winner's rows
         * and answers what they mean (409), not 503. */
        if (rs->status < 500 || !db_tx_conflict(rq->db) || attempt == TX_TRIES)
            break;
        resp_reset(rs);
    }
done:
    if (rq->db && db_in_tx(rq->db))
        db_rollback(rq->db); /* a handler that left one open: never leak it to the next request */
    if (rq->json)
        json_decref(rq->json);
    rq->json = NULL;
}
