/*
 * h_consent.c — consent documents and signatures: the versioned texts
 * (/api/v1/consent-documents), a client signing the current version on the tablet
 * (POST /api/v1/clients/{id}/consents: typed name + drawn signature, witnessed by the signed-in
 * member of staff), the signatures, and /api/v1/clients/{id}/consent-status, which later
 * features ask before a treatment is recorded.
 */
#include "auth/auth.h"
#include "domain/consent_texts.h"
#include "domain/validate.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_consent.h"

#include <string.h>

static json_t *encode_document(const struct consent_document *d, int with_body)
{
    json_t *j = json_pack("{s:I,s:s,s:i,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)d->id, "kind",
                          d->kind, "version", d->version, "title", d->title, "sha256", d->sha256,
                          "reviewed_by", d->reviewed_by, "reviewed_on", d->reviewed_on,
                          "created_at", jout_time(d->created_at));
    if (with_body)
        json_object_set_new(j, "body", json_string(d->body));
    return j;
}

static json_t *encode_consent(const struct consent *c)
{
    json_t *j =
        json_pack("{s:I,s:I,s:I,s:s,s:i,s:s,s:s,s:o,s:o,s:o}", "id", (json_int_t)c->id, "client_id",
                  (json_int_t)c->client_id, "document_id", (json_int_t)c->document_id, "kind",
                  c->kind, "version", c->version, "sha256", c->sha256, "signer_name",
                  c->signer_name, "signed_at", jout_time(c->signed_at), "witness_user_id",
                  c->witness_user_id ? json_integer(c->witness_user_id) : json_null(),
                  "witness_name", c->witness_name ? json_string(c->witness_name) : json_null());
    if (c->signature)
        json_object_set_new(j, "signature", json_string(c->signature));
    return j;
}

static struct audit_entry entry(struct req *rq, enum audit_action action, long long id,
                                long long client_id)
{
    return req_audit_entry(rq, action, "consent", id, client_id);
}

static int audit_refused(struct resp *rs)
{
    return resp_fail(rs, ERR_UNAVAILABLE, NULL,
                     "consent records are unavailable while their reads cannot be audited");
}

int h_document_list(struct req *rq, struct resp *rs)
{
    const char *kind = req_query(rq, "kind");
    const char *current = req_query(rq, "current");
    if (kind && !consent_kind_valid(kind))
        return resp_fail(rs, ERR_INVALID, "kind", "kind must be consent, aftercare or privacy");
    if (current && strcmp(current, "true") != 0 && strcmp(current, "false") != 0)
        return resp_fail(rs, ERR_INVALID, "current", "current must be true or false");
    struct consent_document *items;
    int n;
    struct err e;
    if (store_document_list(rq->db, rq->a, kind, current && strcmp(current, "true") == 0, &items,
                            &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, encode_document(&items[i], 1));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

int h_document_get(struct req *rq, struct resp *rs)
{
    struct consent_document d;
    struct err e;
    if (store_document_get(rq->db, rq->a, req_id(rq, 0), &d, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, encode_document(&d, 1));
}

int h_document_create(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"kind",        "title",       "body",
                                        "reviewed_by", "reviewed_on", NULL};
    struct consent_document d = {0};
    struct civil_date reviewed;
    struct err e;
    if (jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "kind", &d.kind, rq->a, &e) < 0 ||
        jin_str(rq->json, "title", &d.title, rq->a, &e) < 0 ||
        jin_str(rq->json, "body", &d.body, rq->a, &e) < 0 ||
        jin_str(rq->json, "reviewed_by", &d.reviewed_by, rq->a, &e) < 0 ||
        jin_str(rq->json, "reviewed_on", &d.reviewed_on, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (!consent_kind_valid(d.kind))
        return resp_fail(rs, ERR_INVALID, "kind", "kind must be consent, aftercare or privacy");
    if (!valid_text(d.title, 1, 200, true))
        return resp_fail(rs, ERR_INVALID, "title", "title must be 1 to 200 characters");
    if (!valid_text(d.body, 1, 50000, false))
        return resp_fail(rs, ERR_INVALID, "body", "body must be 1 to 50000 characters");
    if (!valid_text(d.reviewed_by, 1, 200, true))
        return resp_fail(rs, ERR_INVALID, "reviewed_by",
                         "reviewed_by names who reviewed the text (1 to 200 characters)");
    if (!d.reviewed_on || !civil_parse_date(d.reviewed_on, &reviewed))
        return resp_fail(rs, ERR_INVALID, "reviewed_on", "reviewed_on must be a date YYYY-MM-DD");
    char digest[AUTH_DIGEST_HEX];
    auth_digest(arena_printf(rq->a, "%s\n\n%s", d.title, d.body), digest);
    d.sha256 = digest;
    if (store_document_add(rq->db, &d, rq->user.id, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, encode_document(&d, 1));
}

int h_consent_sign(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"document_id", "signer_name", "signature", NULL};
    struct client client;
    struct consent_document d;
    struct consent c = {0};
    long long document_id = 0;
    struct err e;
    if (store_client_get(rq->db, rq->a, req_id(rq, 0), &client, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 ||
        jin_id(rq->json, "document_id", &document_id, &e) < 0 ||
        jin_str(rq->json, "signer_name", &c.signer_name, rq->a, &e) < 0 ||
        jin_str(rq->json, "signature", &c.signature, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (!document_id)
        return resp_fail(rs, ERR_INVALID, "document_id", "document_id is required");
    if (!valid_text(c.signer_name, 2, 200, true))
        return resp_fail(rs, ERR_INVALID, "signer_name",
                         "signer_name: the client types their full name");
    if (!signature_valid(c.signature))
        return resp_fail(rs, ERR_INVALID, "signature",
                         "signature must be the drawn signature (SVG path data of M and L "
                         "commands)");
    if (store_document_get(rq->db, rq->a, document_id, &d, &e) < 0) {
        if (e.code == ERR_NOT_FOUND)
            return resp_fail(rs, ERR_INVALID, "document_id", "no such document");
        return resp_error(rs, &e);
    }
    int current;
    if (store_document_current_version(rq->db, d.kind, &current, &e) < 0)
        return resp_error(rs, &e);
    if (d.version != current)
        return resp_fail(rs, ERR_CONFLICT, "document_id",
                         "a newer version of this document exists: sign the current one");
    c.client_id = client.id;
    c.document_id = d.id;
    c.kind = d.kind;
    c.version = d.version;
    c.sha256 = d.sha256;
    c.signed_at = rq->now;
    c.witness_user_id = rq->user.id;
    c.witness_name = rq->user.name;
    if (store_consent_add(rq->db, &c, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry x = entry(rq, AUDIT_CREATE, c.id, c.client_id);
    if (store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, encode_consent(&c));
}

int h_consent_list(struct req *rq, struct resp *rs)
{
    struct client client;
    struct consent *items;
    int n;
    struct err e;
    if (store_client_get(rq->db, rq->a, req_id(rq, 0), &client, &e) < 0 ||
        store_consent_list(rq->db, rq->a, client.id, 0, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    for (int i = 0; i < n; i++) {
        struct audit_entry x = entry(rq, AUDIT_LIST, items[i].id, client.id);
        if (auditq_push(rq->app->auditq, &x) < 0)
            return audit_refused(rs);
    }
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, encode_consent(&items[i]));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

int h_consent_get(struct req *rq, struct resp *rs)
{
    struct consent c;
    struct err e;
    if (store_consent_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry x = entry(rq, AUDIT_READ, c.id, c.client_id);
    if (auditq_push(rq->app->auditq, &x) < 0)
        return audit_refused(rs);
    return resp_json(rs, 200, encode_consent(&c));
}

int consent_ready(struct req *rq, long long client_id, bool *ready, struct err *e)
{
    struct consent *items;
    int n, current;
    *ready = false;
    if (store_consent_list(rq->db, rq->a, client_id, 0, &items, &n, e) < 0 ||
        store_document_current_version(rq->db, "consent", &current, e) < 0)
        return -1;
    for (int i = 0; i < n; i++) /* newest first: the latest signed consent decides */
        if (strcmp(items[i].kind, "consent") == 0) {
            *ready = items[i].version == current;
            break;
        }
    return 0;
}

int h_consent_status(struct req *rq, struct resp *rs)
{
    struct client client;
    struct consent *items;
    int n;
    struct err e;
    if (store_client_get(rq->db, rq->a, req_id(rq, 0), &client, &e) < 0 ||
        store_consent_list(rq->db, rq->a, client.id, 0, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *kinds = json_object();
    int ready = 0;
    for (int k = 0; consent_kinds[k]; k++) {
        int current;
        if (store_document_current_version(rq->db, consent_kinds[k], &current, &e) < 0) {
            json_decref(kinds);
            return resp_error(rs, &e);
        }
        const struct consent *latest = NULL; /* items are newest first */
        for (int i = 0; i < n && !latest; i++)
            if (strcmp(items[i].kind, consent_kinds[k]) == 0)
                latest = &items[i];
        const char *status = !latest                      ? "missing"
                             : latest->version == current ? "current"
                                                          : "outdated";
        if (strcmp(consent_kinds[k], "consent") == 0)
            ready = strcmp(status, "current") == 0;
        json_object_set_new(
            kinds, consent_kinds[k],
            json_pack("{s:s,s:i,s:o,s:o,s:o}", "status", status, "current_version", current,
                      "signed_version", latest ? json_integer(latest->version) : json_null(),
                      "signed_at", latest ? jout_time(latest->signed_at) : json_null(),
                      "consent_id", latest ? json_integer(latest->id) : json_null()));
    }
    return resp_json(rs, 200,
                     json_pack("{s:I,s:b,s:o}", "client_id", (json_int_t)client.id, "ready", ready,
                               "kinds", kinds));
}
