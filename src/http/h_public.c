/*
 * h_public.c — the open-internet side of a clinic: its public details and opening hours, and a
 * quote request with photos ("enquiry") that lands in the staff's inbox. Public routes are rate
 * limited by address and by clinic (429 with Retry-After), carry a honeypot field that bots fill
 * and people never see (such a request is answered like any other and dropped), and keep what
 * was sent even when a later step fails: the enquiry is stored first, and its photos are added
 * one by one with a one-hour upload token. Staff read, answer and convert enquiries; converting
 * makes the client without retyping and moves the photos to the client.
 */
#include "auth/auth.h"
#include "domain/validate.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/notify.h"
#include "img/photo.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_photo.h"
#include "store/store_public.h"
#include "store/store_sched.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { ENQUIRY_PHOTOS = 5, UPLOAD_WINDOW_S = 3600 };

int public_limit(struct req *rq, struct resp *rs, const char *bucket, int max, int window_s,
                 struct err *e)
{
    bool allowed;
    if (store_rate_hit(rq->db, bucket, rq->now, window_s, max, &allowed, e) < 0)
        return -1;
    if (allowed)
        return 0;
    resp_header(rq, rs, "Retry-After", arena_printf(rq->a, "%d", window_s / 4));
    return err_set(e, ERR_THROTTLED, NULL, "too many requests: please try again later");
}

static json_t *public_clinic(struct req *rq, const struct clinic *c)
{
    struct week_hours h;
    int found;
    struct err e;
    json_t *j = json_pack("{s:I,s:s,s:s?,s:s?,s:s}", "id", (json_int_t)c->id, "name", c->name,
                          "city", c->city, "address", c->address, "timezone", c->timezone);
    if (store_hours_get(rq->db, c->id, 0, &h, &found, &e) == 0)
        json_object_set_new(j, "hours", encode_week(&h));
    return j;
}

int h_public_clinics(struct req *rq, struct resp *rs)
{
    struct clinic *items;
    int n;
    struct cursor next;
    struct err e;
    if (store_clinic_list(rq->db, rq->a, NULL, NULL, 200, &items, &n, &next, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, public_clinic(rq, &items[i]));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

int h_public_clinic(struct req *rq, struct resp *rs)
{
    struct clinic c;
    struct err e;
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, public_clinic(rq, &c));
}

int h_public_enquiry_create(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"name",           "email",   "phone", "concern",
                                        "health_consent", "website", NULL};
    struct clinic c;
    struct enquiry q = {0};
    char *honeypot = NULL, token[AUTH_TOKEN_LEN], hash[AUTH_DIGEST_HEX];
    int consent = 0;
    struct err e = {0};
    if (store_clinic_get(rq->db, rq->a, req_id(rq, 0), &c, &e) < 0 ||
        public_limit(rq, rs, arena_printf(rq->a, "enquiry-addr:%s", rq->addr ? rq->addr : "?"),
                     rq->app->cfg->public_rate_hour, 3600, &e) < 0 ||
        public_limit(rq, rs, arena_printf(rq->a, "enquiry-clinic:%lld", c.id),
                     20 * rq->app->cfg->public_rate_hour, 3600, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "name", &q.name, rq->a, &e) < 0 ||
        jin_str(rq->json, "email", &q.email, rq->a, &e) < 0 ||
        jin_str(rq->json, "phone", &q.phone, rq->a, &e) < 0 ||
        jin_str(rq->json, "concern", &q.concern, rq->a, &e) < 0 ||
        jin_str(rq->json, "website", &honeypot, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (json_object_get(rq->json, "health_consent") &&
        jin_bool(rq->json, "health_consent", &consent, &e) < 0)
        return resp_error(rs, &e);
    if (!q.name || strlen(q.name) > 120)
        return resp_fail(rs, ERR_INVALID, "name", "please give your name");
    if (q.email && (strlen(q.email) > 200 || !valid_email(q.email)))
        return resp_fail(rs, ERR_INVALID, "email", "that email address does not look right");
    if (q.phone && (strlen(q.phone) > 40 || strspn(q.phone, "+0123456789 ()-") != strlen(q.phone)))
        return resp_fail(rs, ERR_INVALID, "phone", "that phone number does not look right");
    if (!q.email && !q.phone)
        return resp_fail(rs, ERR_INVALID, "email",
                         "give an email address or a phone number so "
                         "the clinic can reply");
    if (!q.concern || strlen(q.concern) > 4000)
        return resp_fail(rs, ERR_INVALID, "concern", "tell the clinic what bothers you");
    if (!consent)
        return resp_fail(rs, ERR_INVALID, "health_consent",
                         "we need your consent to keep your photos and health details");
    auth_new_token("u_", token);
    auth_digest(token, hash);
    long long until = rq->now + UPLOAD_WINDOW_S;
    json_t *answer = json_pack("{s:s,s:o,s:i}", "upload_token", token, "upload_until",
                               jout_time(until), "max_photos", ENQUIRY_PHOTOS);
    if (honeypot) /* a bot: answered like anyone, kept nowhere */
        return resp_json(rs, 201, answer);
    q.clinic_id = c.id;
    if (store_enquiry_add(rq->db, &q, hash, until, rq->now, &e) < 0) {
        json_decref(answer);
        return resp_error(rs, &e);
    }
    return resp_json(rs, 201, answer);
}

int h_public_enquiry_photo(struct req *rq, struct resp *rs)
{
    static const char *const labels[] = {"front", "top", "left", "right", "back", "other", NULL};
    struct enquiry q;
    struct photo ph;
    char hash[AUTH_DIGEST_HEX];
    const char *token = rq->params[0], *label = req_query(rq, "label");
    struct err e = {0};
    if (public_limit(rq, rs, arena_printf(rq->a, "photo-addr:%s", rq->addr ? rq->addr : "?"),
                     3 * rq->app->cfg->public_rate_hour, 3600, &e) < 0)
        return resp_error(rs, &e);
    if (!token || strlen(token) > 100)
        return resp_fail(rs, ERR_NOT_FOUND, NULL, "this upload link is unknown or has expired");
    auth_digest(token, hash);
    if (store_enquiry_by_upload(rq->db, rq->a, hash, rq->now, &q, &e) < 0)
        return resp_fail(rs, ERR_NOT_FOUND, NULL, "this upload link is unknown or has expired");
    int k = 0;
    while (labels[k] && label && strcmp(labels[k], label))
        k++;
    if (label && !labels[k])
        return resp_fail(rs, ERR_INVALID, "label",
                         "label is front, top, left, right, back or other");
    if (q.n_photos >= ENQUIRY_PHOTOS)
        return resp_fail(rs, ERR_INVALID, "file", "five photos are the most one request takes");
    const char *ct = rq->h_content_type;
    if (!ct || (strncasecmp(ct, "image/jpeg", 10) && strncasecmp(ct, "image/png", 9)))
        return resp_fail(rs, ERR_MEDIA_TYPE, NULL, "send a JPEG or PNG photo");
    if (rq->body_len == 0 || photo_clean(rq->body, rq->body_len, &ph, &e) < 0)
        return rq->body_len == 0 ? resp_fail(rs, ERR_INVALID, "file", "the file is empty")
                                 : resp_error(rs, &e);
    struct enquiry_photo p = {.enquiry_id = q.id,
                              .label = (char *)(label ? label : "other"),
                              .width = ph.width,
                              .height = ph.height,
                              .bytes = (const unsigned char *)ph.jpeg.data,
                              .len = ph.jpeg.len};
    int rc = store_enquiry_photo_add(rq->db, &p, ph.thumb.data, ph.thumb.len, rq->now, &e);
    buf_free(&ph.jpeg);
    buf_free(&ph.thumb);
    if (rc < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201,
                     json_pack("{s:s,s:i,s:i,s:i}", "label", p.label, "width", p.width, "height",
                               p.height, "photos", q.n_photos + 1));
}

/* ---- the staff's inbox ------------------------------------------------------------------- */

static json_t *enquiry_json(struct req *rq, const struct enquiry *q, bool with_photos)
{
    json_t *j = json_pack(
        "{s:I,s:I,s:s,s:s?,s:s?,s:s,s:s,s:i,s:o,s:o,s:o}", "id", (json_int_t)q->id, "clinic_id",
        (json_int_t)q->clinic_id, "name", q->name, "email", q->email, "phone", q->phone, "concern",
        q->concern, "status", q->status, "photos", q->n_photos, "client_id",
        q->client_id ? json_integer(q->client_id) : json_null(), "created_at",
        jout_time(q->created_at), "health_consent_at", jout_time(q->health_consent_at));
    struct enquiry_photo *items;
    int n;
    struct err e;
    if (with_photos && store_enquiry_photos(rq->db, rq->a, q->id, &items, &n, &e) == 0) {
        json_t *arr = json_array();
        for (int i = 0; i < n; i++)
            json_array_append_new(arr, json_pack("{s:I,s:s,s:i,s:i}", "id", (json_int_t)items[i].id,
                                                 "label", items[i].label, "width", items[i].width,
                                                 "height", items[i].height));
        json_object_set_new(j, "photo_items", arr);
    }
    return j;
}

int h_enquiry_list(struct req *rq, struct resp *rs)
{
    const char *cid = req_query(rq, "clinic_id"), *status = req_query(rq, "status");
    char *end;
    long long clinic_id = cid ? strtoll(cid, &end, 10) : 0;
    struct enquiry *items;
    int n;
    struct err e;
    if (!cid || !*cid || *end || clinic_id <= 0)
        return resp_fail(rs, ERR_INVALID, "clinic_id", "clinic_id is required");
    if (status && strcmp(status, "new") && strcmp(status, "replied") &&
        strcmp(status, "converted") && strcmp(status, "closed"))
        return resp_fail(rs, ERR_INVALID, "status", "status is new, replied, converted or closed");
    if (store_enquiry_list(rq->db, rq->a, clinic_id, status, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        /* an enquiry names a person and what worries them: each one listed is an access */
        if (req_audit_queue(rq, AUDIT_LIST, "enquiry", items[i].id, items[i].client_id, &e) < 0) {
            json_decref(arr);
            return resp_error(rs, &e);
        }
        json_array_append_new(arr, enquiry_json(rq, &items[i], false));
    }
    return resp_json(rs, 200, jout_list(arr, NULL));
}

int h_enquiry_get(struct req *rq, struct resp *rs)
{
    struct enquiry q;
    struct err e;
    if (store_enquiry_get(rq->db, rq->a, req_id(rq, 0), &q, &e) < 0 ||
        req_audit_queue(rq, AUDIT_READ, "enquiry", q.id, q.client_id, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, enquiry_json(rq, &q, true));
}

int h_enquiry_update(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"status", NULL};
    struct enquiry q;
    char *status = NULL;
    struct err e = {0};
    if (store_enquiry_get(rq->db, rq->a, req_id(rq, 0), &q, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "status", &status, rq->a, &e) < 0)
        return resp_error(rs, &e);
    if (!status || (strcmp(status, "new") && strcmp(status, "replied") && strcmp(status, "closed")))
        return resp_fail(rs, ERR_INVALID, "status",
                         "status is new, replied or closed (convert makes it converted)");
    if (!strcmp(q.status, "converted"))
        return resp_fail(rs, ERR_CONFLICT, "status", "the enquiry is already a client");
    struct audit_entry x = req_audit_entry(rq, AUDIT_UPDATE, "enquiry", q.id, 0);
    if (store_enquiry_set_status(rq->db, q.id, status, 0, rq->now, &e) < 0 ||
        store_audit_add(rq->db, &x, &e) < 0 || store_enquiry_get(rq->db, rq->a, q.id, &q, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, enquiry_json(rq, &q, true));
}

/* Makes the client of enquiry q (without retyping: name, email, phone, the concern as a note,
 * the photos moved) unless it is one already; *client_id gets it. */
static int to_client(struct req *rq, const struct enquiry *q, long long *client_id, struct err *e)
{
    if (q->client_id) {
        *client_id = q->client_id;
        return 0;
    }
    /* someone the clinic already knows (an earlier booking or enquiry with this email) stays one
     * client: the photos join their record */
    long long known = 0;
    struct err none;
    if (q->email &&
        store_client_by_email(rq->db, rq->a, q->clinic_id, q->email, &known, &none) == 0) {
        *client_id = known;
        struct audit_entry x = req_audit_entry(rq, AUDIT_UPDATE, "client", known, known);
        return store_enquiry_photos_to_client(rq->db, q->id, known, rq->user.id, rq->now, e) < 0
                   ? -1
                   : store_audit_add(rq->db, &x, e);
    }
    /* "Jo Anne Smith": the last word is the family name */
    char *name = arena_strdup(rq->a, q->name), *space = strrchr(name, ' ');
    struct client c = {.clinic_id = q->clinic_id, .email = q->email, .phone = q->phone};
    if (space) {
        *space = 0;
        c.first_name = name, c.last_name = space + 1;
    } else
        c.first_name = name, c.last_name = "-";
    c.notes = arena_printf(rq->a, "From the website enquiry: %s", q->concern);
    if (store_client_add(rq->db, rq->a, &c, rq->now, e) < 0 ||
        store_enquiry_photos_to_client(rq->db, q->id, c.id, rq->user.id, rq->now, e) < 0)
        return -1;
    struct audit_entry x = req_audit_entry(rq, AUDIT_CREATE, "client", c.id, c.id);
    *client_id = c.id;
    return store_audit_add(rq->db, &x, e);
}

int h_enquiry_convert(struct req *rq, struct resp *rs)
{
    struct enquiry q;
    long long client_id;
    struct err e = {0};
    if (store_enquiry_get(rq->db, rq->a, req_id(rq, 0), &q, &e) < 0)
        return resp_error(rs, &e);
    if (!strcmp(q.status, "converted"))
        return resp_fail(rs, ERR_CONFLICT, "status", "the enquiry is already a client");
    if (to_client(rq, &q, &client_id, &e) < 0 ||
        store_enquiry_set_status(rq->db, q.id, "converted", client_id, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(
        rs, 201,
        json_pack("{s:I,s:I}", "enquiry_id", (json_int_t)q.id, "client_id", (json_int_t)client_id));
}

int h_enquiry_invite(struct req *rq, struct resp *rs)
{
    struct enquiry q;
    struct clinic c;
    long long client_id;
    struct err e = {0};
    if (store_enquiry_get(rq->db, rq->a, req_id(rq, 0), &q, &e) < 0 ||
        store_clinic_get(rq->db, rq->a, q.clinic_id, &c, &e) < 0)
        return resp_error(rs, &e);
    if (to_client(rq, &q, &client_id, &e) < 0 || notify_invite(rq, client_id, &c, &e) < 0 ||
        store_enquiry_set_status(rq->db, q.id, "converted", client_id, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200,
                     json_pack("{s:I,s:I,s:s}", "enquiry_id", (json_int_t)q.id, "client_id",
                               (json_int_t)client_id, "sent", "invite"));
}

static int enquiry_photo(struct req *rq, struct resp *rs, bool thumb)
{
    struct enquiry_photo p;
    struct enquiry q;
    struct err e;
    if (store_enquiry_photo_get(rq->db, rq->a, req_id(rq, 0), thumb, &p, &e) < 0 ||
        store_enquiry_get(rq->db, rq->a, p.enquiry_id, &q, &e) < 0 ||
        req_audit_queue(rq, AUDIT_READ, "enquiry_photo", p.id, q.client_id, &e) < 0)
        return resp_error(rs, &e);
    buf_append(&rs->body, p.bytes, p.len);
    rs->status = 200;
    rs->content_type = "image/jpeg";
    return 0;
}

int h_enquiry_photo_image(struct req *rq, struct resp *rs)
{
    return enquiry_photo(rq, rs, false);
}

int h_enquiry_photo_thumb(struct req *rq, struct resp *rs)
{
    return enquiry_photo(rq, rs, true);
}
