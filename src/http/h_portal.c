/*
 * h_portal.c — the client portal. A client asks for a sign-in link by email (the answer is the
 * same whether or not the address is known); the link works once, for 30 minutes, and opens a
 * portal session (its own cookie, stipple_portal, and CSRF token). In the portal a client sees
 * their appointments, the aftercare of their latest session, their documents (quotes, signed
 * consents, receipts) and photos; signs the current consent, accepts a quote, and downloads all
 * their data as a ZIP. The client is always the session's: no route takes a client id, and any
 * id in a path that names someone else's record answers 404. The records themselves come from
 * the staff handlers, called with the session's client, so both sides show the same thing and
 * every access is audited (as "the client, in the portal").
 */
#include "auth/auth.h"
#include "docs/zipfile.h"
#include "domain/validate.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/notify.h"
#include "http/schedctx.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_message.h"
#include "store/store_payment.h"
#include "store/store_photo.h"
#include "store/store_portal.h"
#include "store/store_public.h"
#include "store/store_quote.h"
#include "store/store_sched.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LINK_S = 30 * 60, SESSION_S = 2 * 3600 };
#define WHO "the client, in the portal"

/* The client of the portal session (the gate checked it and the CSRF token); rq->user stands
 * for the client in the staff handlers' audit entries. */
static int portal(struct req *rq, long long *client, struct err *e)
{
    if (rq->user.role != ROLE_CLIENT || !rq->portal_client)
        return err_set(e, ERR_UNAUTHORIZED, NULL, "sign in with the link the clinic emails you");
    *client = rq->portal_client;
    return 0;
}

/* Runs a staff handler for the session's client: path id and query set as given. */
static int as_staff(struct req *rq, struct resp *rs, handler_fn fn, long long id,
                    const char *const *query)
{
    rq->params[0] = arena_printf(rq->a, "%lld", id);
    rq->n_params = 1;
    rq->n_query = 0;
    for (int i = 0; query && query[i] && rq->n_query < REQ_MAX_QUERY; i += 2) {
        rq->query_k[rq->n_query] = query[i];
        rq->query_v[rq->n_query++] = query[i + 1];
    }
    return fn(rq, rs);
}

/* The JSON a staff handler answers (NULL, with e set, when it refused). */
static json_t *staff_json(struct req *rq, handler_fn fn, long long id, const char *const *query,
                          struct err *e)
{
    struct resp tmp = {0};
    as_staff(rq, &tmp, fn, id, query);
    json_t *j = tmp.status == 200 && tmp.body.data ? json_loads(tmp.body.data, 0, NULL) : NULL;
    if (!j)
        err_set(e, ERR_INTERNAL, NULL, "the portal could not read the records");
    buf_free(&tmp.body);
    return j;
}

int h_portal_link(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"email", NULL};
    char *email = NULL;
    long long *ids;
    int n;
    bool allowed;
    struct err e = {0};
    const struct config *cfg = rq->app->cfg;
    if (jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "email", &email, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (!email || strlen(email) > 200 || !valid_email(email))
        return resp_fail(rs, ERR_INVALID, "email", "give the email address the clinic has");
    if (store_rate_hit(rq->db, arena_printf(rq->a, "portal-addr:%s", rq->addr ? rq->addr : "?"),
                       rq->now, 3600, cfg->public_rate_hour, &allowed, &e) < 0)
        return resp_error(rs, &e);
    bool ok = allowed;
    if (ok && store_rate_hit(rq->db, arena_printf(rq->a, "portal-email:%s", email), rq->now, 3600,
                             5, &allowed, &e) < 0)
        return resp_error(rs, &e);
    if (!ok || !allowed) {
        resp_header(rq, rs, "Retry-After", "900");
        return resp_fail(rs, ERR_THROTTLED, NULL, "too many requests: please try again later");
    }
    if (store_clients_by_email(rq->db, rq->a, email, &ids, &n, &e) < 0)
        return resp_error(rs, &e);
    for (int i = 0; i < n; i++) {
        char token[AUTH_TOKEN_LEN], hash[AUTH_DIGEST_HEX];
        struct client c;
        struct clinic k;
        auth_new_token("p_", token);
        auth_digest(token, hash);
        if (store_client_get(rq->db, rq->a, ids[i], &c, &e) < 0 ||
            store_clinic_get(rq->db, rq->a, c.clinic_id, &k, &e) < 0 ||
            store_portal_link_add(rq->db, hash, c.id, rq->now + LINK_S, rq->now, &e) < 0)
            return resp_error(rs, &e);
        struct message m = {
            .client_id = c.id,
            .kind = "portal_link",
            .channel = "email",
            .to_addr = c.email,
            .subject = arena_printf(rq->a, "%s: your sign-in link", k.name),
            .body = arena_printf(rq->a,
                                 "Hello %s,\n\nTo see your appointments, aftercare and documents, "
                                 "open this link within 30 minutes (it works once):\n\n%s/#/portal/"
                                 "%s\n\nIf you did not ask for it, ignore this email.\n\n%s\n",
                                 c.first_name, cfg->public_url, token, k.name),
            .dedupe_key = arena_printf(rq->a, "portal-%s", hash),
            .send_after = rq->now,
        };
        bool added;
        if (store_message_add(rq->db, &m, rq->now, &added, &e) < 0)
            return resp_error(rs, &e);
    }
    return resp_json(rs, 202,
                     json_pack("{s:s}", "message",
                               "If the clinic knows this address, a sign-in link is on "
                               "its way."));
}

int h_portal_session(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"token", NULL};
    char *token = NULL, hash[AUTH_DIGEST_HEX], session[AUTH_TOKEN_LEN], csrf[AUTH_TOKEN_LEN],
         shash[AUTH_DIGEST_HEX];
    long long client_id;
    struct client c;
    struct err e = {0};
    if (jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "token", &token, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (!token || strlen(token) > 100)
        return resp_fail(rs, ERR_INVALID, "token", "the link is incomplete");
    auth_digest(token, hash);
    if (store_portal_link_use(rq->db, hash, rq->now, &client_id, &e) < 0)
        return resp_fail(rs, ERR_UNAUTHORIZED, "token", e.msg);
    auth_new_token("", session);
    auth_new_token("", csrf);
    auth_digest(session, shash);
    if (store_portal_session_add(rq->db, shash, client_id, csrf, rq->now + SESSION_S, rq->now, &e) <
            0 ||
        store_client_get(rq->db, rq->a, client_id, &c, &e) < 0)
        return resp_error(rs, &e);
    resp_header(rq, rs, "Set-Cookie",
                arena_printf(rq->a,
                             "stipple_portal=%s; Path=/; HttpOnly; SameSite=Lax; "
                             "Max-Age=%d%s",
                             session, SESSION_S, rq->app->cfg->tls ? "; Secure" : ""));
    struct audit_entry x = req_audit_entry(rq, AUDIT_READ, "portal_session", c.id, c.id);
    x.user_email = (char *)WHO;
    if (store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200,
                     json_pack("{s:s,s:s}", "first_name", c.first_name, "csrf_token", csrf));
}

int h_portal_logout(struct req *rq, struct resp *rs)
{
    long long client = 0;
    char hash[AUTH_DIGEST_HEX];
    struct err e;
    if (portal(rq, &client, &e) < 0)
        return resp_error(rs, &e);
    auth_digest(req_cookie(rq, "stipple_portal"), hash);
    if (store_portal_session_delete(rq->db, hash, &e) < 0)
        return resp_error(rs, &e);
    resp_header(rq, rs, "Set-Cookie", "stipple_portal=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    rs->status = 204;
    return 0;
}

int h_portal_me(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct client c;
    struct clinic k;
    struct err e;
    if (portal(rq, &client, &e) < 0 || store_client_get(rq->db, rq->a, client, &c, &e) < 0 ||
        store_clinic_get(rq->db, rq->a, c.clinic_id, &k, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200,
                     json_pack("{s:s,s:s,s:s?,s:s?,s:{s:I,s:s,s:s?,s:s?},s:s?}", "first_name",
                               c.first_name, "last_name", c.last_name, "email", c.email, "phone",
                               c.phone, "clinic", "id", (json_int_t)k.id, "name", k.name, "address",
                               k.address, "city", k.city, "csrf_token", rq->csrf_token));
}

/* Every appointment of client, cancelled ones too, with clinic-local times. */
static json_t *appointments(struct req *rq, long long client, struct err *e)
{
    struct appt_filter f = {
        .client_id = client, .from = 0, .to = LLONG_MAX / 2, .include_cancelled = 1};
    struct appointment *items;
    int n;
    if (store_appt_list(rq->db, rq->a, &f, &items, &n, e) < 0)
        return NULL;
    json_t *arr = json_array();
    struct clinic c = {0};
    for (int i = 0; i < n; i++) {
        if (c.id != items[i].clinic_id &&
            store_clinic_get(rq->db, rq->a, items[i].clinic_id, &c, e) < 0) {
            json_decref(arr);
            return NULL;
        }
        json_t *j = appt_json(&items[i], c.timezone);
        json_object_set_new(j, "clinic_name", json_string(c.name));
        json_array_append_new(arr, j);
    }
    return json_pack("{s:o}", "items", arr);
}

int h_portal_appointments(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct err e;
    json_t *j;
    if (portal(rq, &client, &e) < 0 || !(j = appointments(rq, client, &e)))
        return resp_error(rs, &e);
    return resp_json(rs, 200, j);
}

/* The appointment of the path, when it is the session client's treatment. */
static int own_appointment(struct req *rq, long long client, struct err *e)
{
    struct appointment ap;
    struct err ignored;
    if (store_appt_get(rq->db, rq->a, req_id(rq, 0), &ap, &ignored) < 0 || ap.client_id != client)
        return err_set(e, ERR_NOT_FOUND, NULL, "no such appointment");
    return 0;
}

static int appointment_doc(struct req *rq, struct resp *rs, handler_fn fn)
{
    long long client = 0;
    struct err e;
    if (portal(rq, &client, &e) < 0 || own_appointment(rq, client, &e) < 0)
        return resp_error(rs, &e);
    return fn(rq, rs);
}

int h_portal_aftercare(struct req *rq, struct resp *rs)
{
    return appointment_doc(rq, rs, h_aftercare_get);
}

int h_portal_aftercare_pdf(struct req *rq, struct resp *rs)
{
    return appointment_doc(rq, rs, h_aftercare_pdf);
}

int h_portal_aftercare_ics(struct req *rq, struct resp *rs)
{
    return appointment_doc(rq, rs, h_aftercare_ics);
}

int h_portal_documents(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct err e;
    if (portal(rq, &client, &e) < 0)
        return resp_error(rs, &e);
    const char *by_client[] = {"client_id", arena_printf(rq->a, "%lld", client), NULL};
    json_t *quotes = staff_json(rq, h_quote_list, 0, by_client, &e),
           *consents = quotes ? staff_json(rq, h_consent_list, client, NULL, &e) : NULL,
           *account = consents ? staff_json(rq, h_account_get, client, NULL, &e) : NULL;
    if (!account) {
        json_decref(quotes);
        json_decref(consents);
        return resp_error(rs, &e);
    }
    json_t *items = json_object_get(quotes, "items"), *q;
    size_t i;
    json_array_foreach(items, i, q)
    {
        json_object_del(q, "notes"); /* the staff's own notes */
        json_object_set_new(
            q, "pdf",
            json_string(arena_printf(rq->a, "/api/v1/portal/quotes/%lld.pdf",
                                     (long long)json_integer_value(json_object_get(q, "id")))));
    }
    json_t *out =
        json_pack("{s:O,s:O,s:O}", "quotes", items, "consents", json_object_get(consents, "items"),
                  "courses", json_object_get(account, "courses"));
    json_decref(quotes);
    json_decref(consents);
    json_decref(account);
    return resp_json(rs, 200, out);
}

int h_portal_quote_pdf(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct quote q;
    struct err e, ignored;
    if (portal(rq, &client, &e) < 0)
        return resp_error(rs, &e);
    if (store_quote_get(rq->db, rq->a, req_id(rq, 0), &q, &ignored) < 0 || q.client_id != client)
        return resp_fail(rs, ERR_NOT_FOUND, NULL, "no such quote");
    return h_quote_pdf(rq, rs);
}

int h_portal_quote_accept(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct err e;
    if (portal(rq, &client, &e) < 0)
        return resp_error(rs, &e);
    return quote_accept_for_client(rq, rs, req_id(rq, 0), client);
}

int h_portal_receipt(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct payment p;
    struct err e, ignored;
    if (portal(rq, &client, &e) < 0)
        return resp_error(rs, &e);
    if (store_payment_get(rq->db, rq->a, req_id(rq, 0), &p, &ignored) < 0 || p.client_id != client)
        return resp_fail(rs, ERR_NOT_FOUND, NULL, "no such payment");
    return h_payment_receipt(rq, rs);
}

int h_portal_photos(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct err e;
    if (portal(rq, &client, &e) < 0)
        return resp_error(rs, &e);
    return as_staff(rq, rs, h_photo_list, client, NULL);
}

int h_portal_photo_image(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct photo_row p;
    struct err e, ignored;
    if (portal(rq, &client, &e) < 0)
        return resp_error(rs, &e);
    if (store_photo_get(rq->db, rq->a, req_id(rq, 0), PHOTO_META, &p, &ignored) < 0 ||
        p.client_id != client)
        return resp_fail(rs, ERR_NOT_FOUND, NULL, "no such photo");
    return h_photo_image(rq, rs);
}

int h_portal_consent_documents(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct err e;
    if (portal(rq, &client, &e) < 0)
        return resp_error(rs, &e);
    static const char *const current[] = {"current", "true", NULL};
    return as_staff(rq, rs, h_document_list, 0, current);
}

int h_portal_consent_sign(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct err e;
    if (portal(rq, &client, &e) < 0)
        return resp_error(rs, &e);
    rq->user.name = NULL; /* signed by the client alone: no staff witness */
    return as_staff(rq, rs, h_consent_sign, client, NULL);
}

/* The session records of the client's appointments (appts: {"items": [appointments]}), each as
 * the staff see it with its earlier versions: what went into their scalp, lot by lot. */
static json_t *session_records(struct req *rq, json_t *appts, struct err *e)
{
    json_t *out = json_array(), *a;
    size_t i;
    json_array_foreach(json_object_get(appts, "items"), i, a)
    {
        const char *kind = json_string_value(json_object_get(a, "kind")),
                   *state = json_string_value(json_object_get(a, "status"));
        if (!kind || !strcmp(kind, "consultation") || (state && !strcmp(state, "cancelled")))
            continue;
        struct resp tmp = {0};
        as_staff(rq, &tmp, h_record_get, json_integer_value(json_object_get(a, "id")), NULL);
        json_t *j = tmp.status == 200 && tmp.body.data ? json_loads(tmp.body.data, 0, NULL) : NULL;
        int status = tmp.status;
        buf_free(&tmp.body);
        if (j)
            json_array_append_new(out, j);
        else if (status != 404) {
            json_decref(out);
            err_set(e, ERR_INTERNAL, NULL, "the portal could not read the session records");
            return NULL;
        }
    }
    return out;
}

/* Adds j to the archive as the file name, indented, and releases it; -1 when j is NULL. */
static int add_doc(struct req *rq, struct zipfile *z, const char *name, json_t *j)
{
    if (!j)
        return -1;
    char *text = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
    json_decref(j);
    char *kept = arena_strdup(rq->a, text);
    free(text);
    return zipfile_add(z, name, kept, strlen(kept));
}

/* Adds the JSON a staff handler answers to the archive as name. */
static int add_json(struct req *rq, struct zipfile *z, const char *name, handler_fn fn,
                    long long id, const char *const *query, struct err *e)
{
    return add_doc(rq, z, name, staff_json(rq, fn, id, query, e));
}

int h_portal_export(struct req *rq, struct resp *rs)
{
    long long client = 0;
    struct err e;
    if (portal(rq, &client, &e) < 0)
        return resp_error(rs, &e);
    struct zipfile *z = zipfile_new();
    if (!z)
        return resp_fail(rs, ERR_INTERNAL, NULL, "the archive could not be made");
    const char *by_client[] = {"client_id", arena_printf(rq->a, "%lld", client), NULL};
    int rc = add_json(rq, z, "profile.json", h_client_get, client, NULL, &e);
    json_t *appts = rc == 0 ? appointments(rq, client, &e) : NULL;
    json_t *records = appts ? session_records(rq, appts, &e) : NULL;
    /* both run whatever happens, so both documents are released */
    if (add_doc(rq, z, "appointments.json", appts) < 0)
        rc = -1;
    if (add_doc(rq, z, "session-records.json", records) < 0)
        rc = -1;
    if (rc == 0)
        rc = add_json(rq, z, "consultations.json", h_consultation_list, client, NULL, &e);
    if (rc == 0)
        rc = add_json(rq, z, "consents.json", h_consent_list, client, NULL, &e);
    if (rc == 0)
        rc = add_json(rq, z, "designs.json", h_design_list, 0, by_client, &e);
    if (rc == 0)
        rc = add_json(rq, z, "quotes.json", h_quote_list, 0, by_client, &e);
    if (rc == 0)
        rc = add_json(rq, z, "payments.json", h_account_get, client, NULL, &e);
    if (rc == 0)
        rc = add_json(rq, z, "messages.json", h_message_list, client, NULL, &e);
    struct photo_row *photos;
    int n = 0;
    if (rc == 0)
        rc = store_photo_list(rq->db, rq->a, client, &photos, &n, &e);
    for (int i = 0; rc == 0 && i < n; i++) {
        struct photo_row p;
        rc = store_photo_get(rq->db, rq->a, photos[i].id, PHOTO_IMAGE, &p, &e);
        if (rc == 0)
            rc = zipfile_add(z,
                             arena_printf(rq->a, "photos/%lld-%s-%s.jpg", p.id, p.label,
                                          p.stage ? p.stage : "other"),
                             p.bytes, p.len);
    }
    const char *readme = "Everything the clinic keeps about you, as of the date of this file.\n"
                         "The .json files are plain text (JSON); photos/ holds your photos.\n";
    if (rc == 0)
        rc = zipfile_add(z, "README.txt", readme, strlen(readme));
    if (rc < 0 || zipfile_finish(z, &rs->body) < 0) {
        if (rc < 0)
            zipfile_finish(z, &rs->body);
        buf_reset(&rs->body);
        return e.code ? resp_error(rs, &e)
                      : resp_fail(rs, ERR_INTERNAL, NULL, "the archive could not be made");
    }
    rs->status = 200;
    rs->content_type = "application/zip";
    resp_header(rq, rs, "Content-Disposition", "attachment; filename=\"my-data.zip\"");
    return 0;
}
