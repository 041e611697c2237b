/*
 * h_photo.c — client photos: POST /api/v1/clients/{id}/photos takes a JPEG or PNG as the raw
 * body and keeps a cleaned copy (src/img/photo.c: upright, metadata and GPS stripped, at most
 * 2400 px) with a thumbnail; GET lists a client's photos; /api/v1/photos/{id}/image and /thumb
 * serve the JPEGs to signed-in staff only. Every access is audited like the client record.
 */
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "img/photo.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_photo.h"
#include "store/store_sched.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const labels[] = {"front", "top", "left", "right", "back", "other", NULL};

static struct audit_entry entry(struct req *rq, enum audit_action action, long long id,
                                long long client_id)
{
    return req_audit_entry(rq, action, "photo", id, client_id);
}

static const char *const stages[] = {"before", "after", "healed", "other", NULL};

static json_t *row_json(const struct photo_row *p)
{
    return json_pack("{s:I,s:I,s:s,s:s,s:o,s:i,s:i,s:b,s:o}", "id", (json_int_t)p->id, "client_id",
                     (json_int_t)p->client_id, "label", p->label, "stage",
                     p->stage ? p->stage : "other", "appointment_id",
                     p->appointment_id ? json_integer(p->appointment_id) : json_null(), "width",
                     p->width, "height", p->height, "marketing_consent", p->marketing_consent,
                     "created_at", jout_time(p->created_at));
}

static bool one_of(const char *const *names, const char *s)
{
    for (int i = 0; s && names[i]; i++)
        if (!strcmp(names[i], s))
            return true;
    return false;
}

/* Checks that appointment id (0: none) is one of client_id's. */
static int check_appointment(struct req *rq, long long id, long long client_id, struct err *e)
{
    struct appointment ap;
    struct err ignored;
    if (id && (store_appt_get(rq->db, rq->a, id, &ap, &ignored) < 0 || ap.client_id != client_id))
        return err_set(e, ERR_INVALID, "appointment_id",
                       "appointment_id must name an appointment of this client");
    return 0;
}

/* Whether the Content-Type header names an image type we read (parameters ignored). */
static bool image_type(const char *ct)
{
    if (!ct)
        return false;
    size_t n = strcspn(ct, "; ");
    return (n == 10 && !strncasecmp(ct, "image/jpeg", n)) ||
           (n == 9 && !strncasecmp(ct, "image/png", n));
}

int h_photo_upload(struct req *rq, struct resp *rs)
{
    struct client client;
    struct photo_row r = {.client_id = req_id(rq, 0),
                          .label = req_query(rq, "label"),
                          .stage = req_query(rq, "stage")};
    const char *appt = req_query(rq, "appointment_id");
    struct photo ph;
    struct err e = {0};
    if (store_client_get(rq->db, rq->a, r.client_id, &client, &e) < 0)
        return resp_error(rs, &e);
    if (!r.label)
        r.label = "other";
    int k = 0;
    while (labels[k] && strcmp(labels[k], r.label))
        k++;
    if (!labels[k])
        return resp_fail(rs, ERR_INVALID, "label",
                         "label must be front, top, left, right, back or other");
    if (r.stage && !one_of(stages, r.stage))
        return resp_fail(rs, ERR_INVALID, "stage", "stage must be before, after, healed or other");
    if (appt) {
        char *end;
        r.appointment_id = strtoll(appt, &end, 10);
        if (!*appt || *end || r.appointment_id <= 0)
            return resp_fail(rs, ERR_INVALID, "appointment_id", "appointment_id is an id");
    }
    if (check_appointment(rq, r.appointment_id, r.client_id, &e) < 0)
        return resp_error(rs, &e);
    if (!image_type(rq->h_content_type))
        return resp_fail(rs, ERR_MEDIA_TYPE, NULL,
                         "send the photo as the body, Content-Type image/jpeg or image/png");
    if (rq->body_len == 0)
        return resp_fail(rs, ERR_INVALID, "file", "the file is empty");
    if (photo_clean(rq->body, rq->body_len, &ph, &e) < 0)
        return resp_error(rs, &e);
    r.width = ph.width;
    r.height = ph.height;
    r.bytes = (const unsigned char *)ph.jpeg.data;
    r.len = ph.jpeg.len;
    int rc = store_photo_add(rq->db, &r, ph.thumb.data, ph.thumb.len, rq->user.id, rq->now, &e);
    buf_free(&ph.jpeg);
    buf_free(&ph.thumb);
    struct audit_entry x = entry(rq, AUDIT_CREATE, r.id, r.client_id);
    if (rc < 0 || store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, row_json(&r));
}

int h_photo_list(struct req *rq, struct resp *rs)
{
    long long client_id = req_id(rq, 0);
    struct client client;
    struct photo_row *items;
    int n;
    struct err e;
    if (store_client_get(rq->db, rq->a, client_id, &client, &e) < 0 ||
        store_photo_list(rq->db, rq->a, client_id, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    for (int i = 0; i < n; i++)
        if (req_audit_queue(rq, AUDIT_LIST, "photo", items[i].id, client_id, &e) < 0)
            return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, row_json(&items[i]));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

static int serve(struct req *rq, struct resp *rs, enum photo_part part)
{
    struct photo_row p;
    struct err e;
    if (store_photo_get(rq->db, rq->a, req_id(rq, 0), part, &p, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry x = entry(rq, AUDIT_READ, p.id, p.client_id);
    if (auditq_push(rq->app->auditq, &x) < 0)
        return resp_fail(rs, ERR_UNAVAILABLE, NULL,
                         "photos are unavailable while reads cannot be audited");
    buf_append(&rs->body, p.bytes, p.len);
    rs->status = 200;
    rs->content_type = "image/jpeg";
    return 0;
}

int h_photo_image(struct req *rq, struct resp *rs)
{
    return serve(rq, rs, PHOTO_IMAGE);
}

int h_photo_thumb(struct req *rq, struct resp *rs)
{
    return serve(rq, rs, PHOTO_THUMB);
}

int h_photo_update(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"label", "stage", "appointment_id", "marketing_consent",
                                        NULL};
    struct photo_row p;
    char *label = NULL, *stage = NULL;
    int consent;
    long long appt;
    struct err e = {0};
    if (store_photo_get(rq->db, rq->a, req_id(rq, 0), PHOTO_META, &p, &e) < 0 ||
        jin_only(rq->json, known, &e) < 0 || jin_str(rq->json, "label", &label, rq->a, &e) < 0 ||
        jin_str(rq->json, "stage", &stage, rq->a, &e) < 0)
        return resp_error(rs, &e);
    consent = p.marketing_consent, appt = p.appointment_id;
    if ((json_object_get(rq->json, "marketing_consent") &&
         jin_bool(rq->json, "marketing_consent", &consent, &e) < 0) ||
        (json_object_get(rq->json, "appointment_id") &&
         jin_id(rq->json, "appointment_id", &appt, &e) < 0))
        return resp_error(rs, &e);
    if (label && !one_of(labels, label))
        return resp_fail(rs, ERR_INVALID, "label",
                         "label must be front, top, left, right, back or other");
    if (stage && !one_of(stages, stage))
        return resp_fail(rs, ERR_INVALID, "stage", "stage must be before, after, healed or other");
    p.label = label ? label : p.label, p.stage = stage ? stage : p.stage;
    p.marketing_consent = consent, p.appointment_id = appt;
    struct audit_entry x = entry(rq, AUDIT_UPDATE, p.id, p.client_id);
    if (check_appointment(rq, p.appointment_id, p.client_id, &e) < 0 ||
        store_photo_update(rq->db, &p, &e) < 0 || store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, row_json(&p));
}

int h_photo_delete(struct req *rq, struct resp *rs)
{
    struct photo_row p;
    struct err e;
    if (store_photo_get(rq->db, rq->a, req_id(rq, 0), PHOTO_META, &p, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry x = entry(rq, AUDIT_DELETE, p.id, p.client_id);
    if (store_photo_delete(rq->db, p.id, rq->now, &e) < 0 || store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    rs->status = 204;
    return 0;
}
