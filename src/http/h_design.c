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
#include "sim/render.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_consultation.h"
#include "store/store_design.h"

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
    return (struct audit_entry){.at = rq->now,
                                .user_id = rq->user.id,
                                .user_email = rq->user.email,
                                .action = action,
                                .entity = "design",
                                .entity_id = id,
                                .client_id = client_id,
                                .request_id = (char *)rq->request_id};
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
    json_t *dj = json_object_get(rq->json, "design");
    if (!dj)
        return resp_fail(rs, ERR_INVALID, "design", "design is required");
    struct sim_design *d = arena_alloc(rq->a, sizeof *d);
    if (design_from_json(dj, d, &e) < 0) {
        char field[64];
        snprintf(field, sizeof field, "design%s%.50s", e.field[0] ? "." : "", e.field);
        snprintf(e.field, sizeof e.field, "%s", field);
        e.code = ERR_INVALID;
        return resp_error(rs, &e);
    }
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

static int render(struct req *rq, struct resp *rs, int kind)
{
    struct design_row r;
    struct sim_design *d;
    int rate;
    struct err e;
    if (load(rq, &r, &d, &rate, &e) < 0)
        return resp_error(rs, &e);
    struct sim_view v = {.session = d->n_sessions};
    const char *s = req_query(rq, "session"), *h = req_query(rq, "healed"),
               *y = req_query(rq, "years"), *sun = req_query(rq, "sun"),
               *oily = req_query(rq, "oily");
    char *end;
    if (s) {
        v.session = (int)strtol(s, &end, 10);
        if (!*s || *end || v.session < 1 || v.session > d->n_sessions)
            return resp_fail(rs, ERR_INVALID, "session", "session must be one of the design's");
    }
    if (h && strcmp(h, "true") && strcmp(h, "false"))
        return resp_fail(rs, ERR_INVALID, "healed", "healed must be true or false");
    v.healed = h && !strcmp(h, "true");
    if (y) {
        v.years = strtod(y, &end);
        if (!*y || *end || !(v.years >= 0 && v.years <= 30))
            return resp_fail(rs, ERR_INVALID, "years", "years must be 0 to 30");
    }
    v.high_sun = sun && !strcmp(sun, "true");
    v.oily = oily && !strcmp(oily, "true");
    int per[SIM_MAX_SESSIONS];
    struct sim_dot *dots;
    int n = place(d, &dots, per);
    int rc = kind == 0   ? sim_render_png(d, dots, n, &v, &rs->body)
             : kind == 1 ? sim_render_svg(d, dots, n, &v, &rs->body)
                         : sim_render_pdf(d, dots, n, &v, per, rate, &rs->body);
    free(dots);
    if (rc < 0) {
        buf_reset(&rs->body);
        return resp_fail(rs, ERR_INTERNAL, NULL, "the design could not be drawn");
    }
    rs->status = 200;
    rs->content_type = kind == 0 ? "image/png" : kind == 1 ? "image/svg+xml" : "application/pdf";
    return 0;
}

int h_design_png(struct req *rq, struct resp *rs)
{
    return render(rq, rs, 0);
}

int h_design_svg(struct req *rq, struct resp *rs)
{
    return render(rq, rs, 1);
}

int h_design_pdf(struct req *rq, struct resp *rs)
{
    return render(rq, rs, 2);
}
