/*
 * h_design.c — hairline designs: POST /api/v1/designs keeps a new version of a client's design
 * with the simulator's summary (area, impressions and minutes per session at the clinic's rate);
 * GET lists a client's versions or reads one; …/render.png, .svg and .pdf draw it for any
 * session, healed or after some years. Every access is audited like the client record.
 */
#include "http/app.h"
#include "http/design.h"
#include "http/handlers.h"
#include "http/json.h"
#include "img/photo.h"
#include "sim/render.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_consultation.h"
#include "store/store_design.h"
#include "store/store_photo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Places the dots of d (the caller frees *dots) and fills per-session counts. */
static int place(const struct sim_design *d, struct sim_dot **dots, int per[SIM_MAX_SESSIONS])
{
    int max = sim_place_estimate(d);
    *dots = xmalloc(sizeof **dots * (size_t)(max > 0 ? max : 1));
    memset(per, 0, sizeof(int) * SIM_MAX_SESSIONS);
    return sim_place(d, *dots, max, per);
}

static json_t *row_json(const struct design_row *r, int per_hour, int with_design)
{
    json_t *imp = json_array(), *min = json_array();
    const char *p = r->impressions;
    while (p && *p) {
        char *end;
        long v = strtol(p, &end, 10);
        json_array_append_new(imp, json_integer(v));
        json_array_append_new(min, json_integer(sim_minutes((int)v, per_hour)));
        p = *end == ',' ? end + 1 : end + (*end != 0);
        if (end == p)
            break;
    }
    json_t *j =
        json_pack("{s:I,s:I,s:o,s:i,s:f,s:o,s:o,s:o}", "id", (json_int_t)r->id, "client_id",
                  (json_int_t)r->client_id, "consultation_id",
                  r->consultation_id ? json_integer(r->consultation_id) : json_null(), "version",
                  r->version, "area_cm2", atof(r->area_cm2), "impressions_per_session", imp,
                  "estimated_minutes", min, "created_at", jout_time(r->created_at));
    if (with_design) {
        json_t *d = json_loads(r->design, 0, NULL);
        json_object_set_new(j, "design", d ? d : json_null());
    }
    return j;
}

static struct audit_entry entry(struct req *rq, enum audit_action action, long long id,
                                long long client_id)
{
    return req_audit_entry(rq, action, "design", id, client_id);
}

/* Reads the design member of the body into *d, refusing it as 422 on "design.<key>". */
static int body_design(struct req *rq, struct sim_design **d, json_t **dj, struct err *e)
{
    *dj = json_object_get(rq->json, "design");
    if (!*dj)
        return err_set(e, ERR_INVALID, "design", "design is required");
    *d = arena_alloc(rq->a, sizeof **d);
    if (design_from_json(*dj, *d, e) < 0) {
        char field[64];
        snprintf(field, sizeof field, "design%s%.50s", e->field[0] ? "." : "", e->field);
        snprintf(e->field, sizeof e->field, "%s", field);
        e->code = ERR_INVALID;
        return -1;
    }
    return 0;
}

/* Checks that d's background, if any, is "photo:ID" naming a photo of client_id (422 on
 * design.background otherwise); *photo_id gets the id (0 for none). */
static int check_background(struct req *rq, const struct sim_design *d, long long client_id,
                            long long *photo_id, struct err *e)
{
    *photo_id = 0;
    if (!d->background[0])
        return 0;
    long long id = 0;
    int used = 0;
    struct photo_row p;
    struct err ignored;
    if (sscanf(d->background, "photo:%lld%n", &id, &used) != 1 || used < 7 || d->background[used] ||
        id <= 0 || store_photo_get(rq->db, rq->a, id, PHOTO_META, &p, &ignored) < 0 ||
        p.client_id != client_id)
        return err_set(e, ERR_INVALID, "design.background",
                       "design.background must be null or \"photo:ID\" naming a photo of this "
                       "client");
    *photo_id = id;
    return 0;
}

int h_design_create(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"client_id", "consultation_id", "design", NULL};
    struct design_row r = {0};
    struct client client;
    struct err e = {0};
    if (jin_only(rq->json, known, &e) < 0 || jin_id(rq->json, "client_id", &r.client_id, &e) < 0 ||
        jin_id(rq->json, "consultation_id", &r.consultation_id, &e) < 0)
        return resp_error(rs, &e);
    if (!r.client_id || store_client_get(rq->db, rq->a, r.client_id, &client, &e) < 0)
        return resp_fail(rs, ERR_INVALID, "client_id", "client_id must name a client");
    if (r.consultation_id) {
        struct consultation c;
        if (store_consultation_get(rq->db, rq->a, r.consultation_id, &c, &e) < 0 ||
            c.client_id != r.client_id)
            return resp_fail(rs, ERR_INVALID, "consultation_id",
                             "consultation_id must name a consultation of this client");
    }
    struct sim_design *d;
    json_t *dj;
    long long photo_id;
    if (body_design(rq, &d, &dj, &e) < 0 || check_background(rq, d, r.client_id, &photo_id, &e) < 0)
        return resp_error(rs, &e);
    int per[SIM_MAX_SESSIONS], rate;
    struct sim_dot *dots;
    place(d, &dots, per);
    free(dots);
    struct buf imp = {0};
    for (int k = 0; k < d->n_sessions; k++)
        buf_printf(&imp, "%s%d", k ? "," : "", per[k]);
    char *text = json_dumps(dj, JSON_COMPACT);
    r.design = arena_strdup(rq->a, text);
    free(text);
    r.impressions = arena_strdup(rq->a, imp.data);
    buf_free(&imp);
    r.area_cm2 = arena_printf(rq->a, "%.2f", sim_area_cm2(d));
    if (store_clinic_rate(rq->db, client.clinic_id, &rate, &e) < 0 ||
        store_design_add(rq->db, &r, rq->user.id, rq->now, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry x = entry(rq, AUDIT_CREATE, r.id, r.client_id);
    if (store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, row_json(&r, rate, 0));
}

int h_design_list(struct req *rq, struct resp *rs)
{
    const char *c = req_query(rq, "client_id");
    char *end;
    long long client_id = c ? strtoll(c, &end, 10) : 0;
    struct client client;
    struct design_row *items;
    int n, rate;
    struct err e;
    if (!c || !*c || *end || client_id <= 0)
        return resp_fail(rs, ERR_INVALID, "client_id", "client_id is required");
    if (store_client_get(rq->db, rq->a, client_id, &client, &e) < 0 ||
        store_clinic_rate(rq->db, client.clinic_id, &rate, &e) < 0 ||
        store_design_list(rq->db, rq->a, client_id, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++) {
        struct audit_entry x = entry(rq, AUDIT_LIST, items[i].id, client_id);
        if (auditq_push(rq->app->auditq, &x) < 0) {
            json_decref(arr);
            return resp_fail(rs, ERR_UNAVAILABLE, NULL,
                             "designs are unavailable while reads "
                             "cannot be audited");
        }
        json_array_append_new(arr, row_json(&items[i], rate, 0));
    }
    return resp_json(rs, 200, jout_list(arr, NULL));
}

/* Loads design id, audits the read, and parses its design. */
static int load(struct req *rq, struct design_row *r, struct sim_design **d, int *rate,
                struct err *e)
{
    struct client client;
    if (store_design_get(rq->db, rq->a, req_id(rq, 0), r, e) < 0 ||
        store_client_get(rq->db, rq->a, r->client_id, &client, e) < 0 ||
        store_clinic_rate(rq->db, client.clinic_id, rate, e) < 0)
        return -1;
    struct audit_entry x = entry(rq, AUDIT_READ, r->id, r->client_id);
    if (auditq_push(rq->app->auditq, &x) < 0)
        return err_set(e, ERR_UNAVAILABLE, NULL,
                       "designs are unavailable while reads cannot "
                       "be audited");
    *d = arena_alloc(rq->a, sizeof **d);
    return design_parse(r->design, strlen(r->design), *d, e);
}

int h_design_get(struct req *rq, struct resp *rs)
{
    struct design_row r;
    struct sim_design *d;
    int rate;
    struct err e;
    if (load(rq, &r, &d, &rate, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, row_json(&r, rate, 1));
}

enum kind { PNG, SVG, PDF };

/* Reads session, healed, years, sun and oily from the query into v (session 0 is the
 * background alone; the default is the last session). */
static int view(struct req *rq, const struct sim_design *d, struct sim_view *v, struct err *e)
{
    const char *s = req_query(rq, "session"), *h = req_query(rq, "healed"),
               *y = req_query(rq, "years"), *sun = req_query(rq, "sun"),
               *oily = req_query(rq, "oily");
    char *end;
    *v = (struct sim_view){.session = d->n_sessions};
    if (s) {
        v->session = (int)strtol(s, &end, 10);
        if (!*s || *end || v->session < 0 || v->session > d->n_sessions)
            return err_set(e, ERR_INVALID, "session",
                           "session must be 0 (before) to the design's %d", d->n_sessions);
    }
    if (h && strcmp(h, "true") && strcmp(h, "false"))
        return err_set(e, ERR_INVALID, "healed", "healed must be true or false");
    v->healed = h && !strcmp(h, "true");
    if (y) {
        v->years = strtod(y, &end);
        if (!*y || *end || !(v->years >= 0 && v->years <= 30))
            return err_set(e, ERR_INVALID, "years", "years must be 0 to 30");
    }
    if (sun && strcmp(sun, "high") && strcmp(sun, "true") && strcmp(sun, "false"))
        return err_set(e, ERR_INVALID, "sun", "sun must be high or false");
    if (oily && strcmp(oily, "true") && strcmp(oily, "false"))
        return err_set(e, ERR_INVALID, "oily", "oily must be true or false");
    v->high_sun = sun && strcmp(sun, "false");
    v->oily = oily && !strcmp(oily, "true");
    return 0;
}

/* Draws d as kind into rs, over photo photo_id (0: none; a photo that is gone since is left
 * out). Every use of a photo is audited as a read of it. */
static int draw(struct req *rq, struct resp *rs, const struct sim_design *d, long long client_id,
                long long photo_id, const struct sim_view *v0, enum kind kind, int rate)
{
    struct sim_view v = *v0;
    struct sim_image bg = {0};
    uint32_t *px = NULL;
    struct photo_row p;
    struct err e;
    if (photo_id && store_photo_get(rq->db, rq->a, photo_id, PHOTO_IMAGE, &p, &e) == 0 &&
        p.client_id == client_id) {
        struct audit_entry x = req_audit_entry(rq, AUDIT_READ, "photo", photo_id, client_id);
        if (auditq_push(rq->app->auditq, &x) < 0)
            return resp_fail(rs, ERR_UNAVAILABLE, NULL,
                             "photos are unavailable while reads cannot be audited");
        bg.w = (int)lround(d->width_mm * d->px_per_mm);
        bg.h = (int)lround(d->height_mm * d->px_per_mm);
        if (kind == PDF) /* the sheet draws the design about 130 mm wide: 4 px/mm is plenty */
            bg.w = (int)lround(d->width_mm * 4), bg.h = (int)lround(d->height_mm * 4);
        if (kind != SVG && photo_pixels(p.bytes, p.len, bg.w, bg.h, &px, &e) < 0)
            return resp_error(rs, &e);
        bg.px = px;
        bg.jpeg = p.bytes;
        bg.jpeg_len = p.len;
        v.bg = &bg;
    }
    int per[SIM_MAX_SESSIONS];
    struct sim_dot *dots;
    int n = place(d, &dots, per);
    int rc = kind == PNG   ? sim_render_png(d, dots, n, &v, &rs->body)
             : kind == SVG ? sim_render_svg(d, dots, n, &v, &rs->body)
                           : sim_render_pdf(d, dots, n, &v, per, rate, &rs->body);
    free(dots);
    free(px);
    if (rc < 0) {
        buf_reset(&rs->body);
        return resp_fail(rs, ERR_INTERNAL, NULL, "the design could not be drawn");
    }
    rs->status = 200;
    rs->content_type = kind == PNG   ? "image/png"
                       : kind == SVG ? "image/svg+xml"
                                     : "application/pdf";
    return 0;
}

static int render(struct req *rq, struct resp *rs, enum kind kind)
{
    struct design_row r;
    struct sim_design *d;
    struct sim_view v;
    int rate;
    long long photo_id = 0;
    struct err e;
    if (load(rq, &r, &d, &rate, &e) < 0 || view(rq, d, &v, &e) < 0)
        return resp_error(rs, &e);
    if (sscanf(d->background, "photo:%lld", &photo_id) != 1)
        photo_id = 0;
    return draw(rq, rs, d, r.client_id, photo_id, &v, kind, rate);
}

int h_design_preview(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"client_id", "design", NULL};
    struct client client;
    struct sim_design *d;
    struct sim_view v;
    json_t *dj;
    long long client_id, photo_id;
    int rate;
    struct err e = {0};
    const char *format = req_query(rq, "format");
    enum kind kind = !format || !strcmp(format, "png") ? PNG : !strcmp(format, "svg") ? SVG : PDF;
    if (format && kind == PDF && strcmp(format, "pdf"))
        return resp_fail(rs, ERR_INVALID, "format", "format must be png, svg or pdf");
    if (jin_only(rq->json, known, &e) < 0 || jin_id(rq->json, "client_id", &client_id, &e) < 0)
        return resp_error(rs, &e);
    if (!client_id || store_client_get(rq->db, rq->a, client_id, &client, &e) < 0)
        return resp_fail(rs, ERR_INVALID, "client_id", "client_id must name a client");
    if (body_design(rq, &d, &dj, &e) < 0 || check_background(rq, d, client_id, &photo_id, &e) < 0 ||
        view(rq, d, &v, &e) < 0 || store_clinic_rate(rq->db, client.clinic_id, &rate, &e) < 0)
        return resp_error(rs, &e);
    return draw(rq, rs, d, client_id, photo_id, &v, kind, rate);
}

int h_design_png(struct req *rq, struct resp *rs)
{
    return render(rq, rs, PNG);
}

int h_design_svg(struct req *rq, struct resp *rs)
{
    return render(rq, rs, SVG);
}

int h_design_pdf(struct req *rq, struct resp *rs)
{
    return render(rq, rs, PDF);
}
