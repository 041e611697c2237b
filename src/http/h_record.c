/*
 * h_record.c — what went into a client's scalp: pigment and needle lots (create, list, look up
 * by the code on the bottle, edit, retire), the session record of an appointment (refused, with
 * the field named, when the cleaning log is not confirmed, a lot is expired on the session date
 * or retired, or the client has not signed the current consent — except for backfilled
 * history), edits that keep every earlier version, lot exposures for a recall (JSON and CSV),
 * and follow-up tasks opened by serious reactions. Records hold health data: clinical roles
 * only, every access audited.
 */
#include "domain/civil.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/notify.h"
#include "http/schedctx.h"
#include "store/store_audit.h"
#include "store/store_clinic.h"
#include "store/store_record.h"
#include "store/store_sched.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- lots -------------------------------------------------------------------------------- */

static json_t *lot_json(const struct lot *x)
{
    return json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,s:b,s:o,s:o}", "id", (json_int_t)x->id, "kind",
                     x->kind, "product", x->product, "shade",
                     x->shade ? json_string(x->shade) : json_null(), "lot", x->lot, "expires_on",
                     x->expires_on, "retired", x->retired_at != 0, "retired_at",
                     jout_time(x->retired_at), "created_at", jout_time(x->created_at));
}

/* Reads the editable fields of a lot from o into x (absent members keep x's values). */
static int decode_lot(json_t *o, struct lot *x, struct arena *a, bool create, struct err *e)
{
    static const char *const known_new[] = {"kind", "product", "shade", "lot", "expires_on", NULL};
    static const char *const known_edit[] = {"product", "shade", "lot", "expires_on", NULL};
    char *kind = NULL, *product = x->product, *shade = x->shade, *code = x->lot,
         *expires = x->expires_on;
    struct civil_date d;
    if (jin_only(o, create ? known_new : known_edit, e) < 0 ||
        (create && jin_str(o, "kind", &kind, a, e) < 0) ||
        (json_object_get(o, "product") && jin_str(o, "product", &product, a, e) < 0) ||
        (json_object_get(o, "shade") && jin_str(o, "shade", &shade, a, e) < 0) ||
        (json_object_get(o, "lot") && jin_str(o, "lot", &code, a, e) < 0) ||
        (json_object_get(o, "expires_on") && jin_str(o, "expires_on", &expires, a, e) < 0))
        return -1;
    if (create && (!kind || (strcmp(kind, "pigment") && strcmp(kind, "needle"))))
        return err_set(e, ERR_INVALID, "kind", "kind is pigment or needle");
    if (!product || strlen(product) > 120)
        return err_set(e, ERR_INVALID, "product", "product names the pigment or needle");
    if (shade && strlen(shade) > 60)
        return err_set(e, ERR_INVALID, "shade", "shade is at most 60 characters");
    if (!code || strlen(code) > 60)
        return err_set(e, ERR_INVALID, "lot", "lot is the lot code printed on the product");
    if (!expires || !civil_parse_date(expires, &d))
        return err_set(e, ERR_INVALID, "expires_on", "expires_on must be a date YYYY-MM-DD");
    if (create)
        x->kind = kind;
    x->product = product, x->shade = shade, x->lot = code, x->expires_on = expires;
    return 0;
}

int h_lot_create(struct req *rq, struct resp *rs)
{
    struct lot x = {0};
    struct err e = {0};
    if (decode_lot(rq->json, &x, rq->a, true, &e) < 0 || store_lot_add(rq->db, &x, rq->now, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, lot_json(&x));
}

int h_lot_list(struct req *rq, struct resp *rs)
{
    const char *kind = req_query(rq, "kind"), *code = req_query(rq, "code"),
               *retired = req_query(rq, "include_retired");
    struct lot *items;
    int n;
    struct err e;
    if (kind && strcmp(kind, "pigment") && strcmp(kind, "needle"))
        return resp_fail(rs, ERR_INVALID, "kind", "kind is pigment or needle");
    if (store_lot_list(rq->db, rq->a, kind, code && *code ? code : NULL,
                       retired && !strcmp(retired, "true"), &items, &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, lot_json(&items[i]));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

int h_lot_get(struct req *rq, struct resp *rs)
{
    struct lot x;
    struct err e;
    if (store_lot_get(rq->db, rq->a, req_id(rq, 0), &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, lot_json(&x));
}

int h_lot_update(struct req *rq, struct resp *rs)
{
    struct lot x;
    struct err e = {0};
    if (store_lot_get(rq->db, rq->a, req_id(rq, 0), &x, &e) < 0 ||
        decode_lot(rq->json, &x, rq->a, false, &e) < 0 ||
        store_lot_update(rq->db, &x, rq->now, &e) < 0 ||
        store_lot_get(rq->db, rq->a, x.id, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, lot_json(&x));
}

int h_lot_retire(struct req *rq, struct resp *rs)
{
    struct lot x;
    struct err e;
    if (store_lot_get(rq->db, rq->a, req_id(rq, 0), &x, &e) < 0 ||
        store_lot_retire(rq->db, x.id, rq->now, &e) < 0 ||
        store_lot_get(rq->db, rq->a, x.id, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, lot_json(&x));
}

/* Loads the exposures of the lot of the path, auditing each client's exposure as a read. */
static int exposures(struct req *rq, struct lot *x, struct exposure **items, int *n, struct err *e)
{
    if (store_lot_get(rq->db, rq->a, req_id(rq, 0), x, e) < 0 ||
        store_lot_exposures(rq->db, rq->a, x->id, items, n, e) < 0)
        return -1;
    for (int i = 0; i < *n; i++)
        if (req_audit_queue(rq, AUDIT_LIST, "session_record", (*items)[i].appointment_id,
                            (*items)[i].client_id, e) < 0)
            return -1;
    return 0;
}

int h_lot_exposures(struct req *rq, struct resp *rs)
{
    struct lot x;
    struct exposure *items;
    int n;
    struct err e;
    if (exposures(rq, &x, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:I,s:s,s:I,s:s,s:b}", "client_id",
                                             (json_int_t)items[i].client_id, "client_name",
                                             items[i].client_name, "appointment_id",
                                             (json_int_t)items[i].appointment_id, "date",
                                             items[i].date, "removed_by_edit", items[i].removed));
    return resp_json(rs, 200, json_pack("{s:o,s:o}", "lot", lot_json(&x), "items", arr));
}

/* Appends s as one CSV field (RFC 4180 quoting; a leading =, +, -, @, tab or CR is prefixed
 * with ' so a spreadsheet never runs it as a formula). */
static void csv_field(struct buf *b, const char *s)
{
    buf_puts(b, "\"");
    if (s && s[0] && strchr("=+-@\t\r", s[0]))
        buf_puts(b, "'");
    for (const char *p = s ? s : ""; *p; p++)
        buf_append(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
    buf_puts(b, "\"");
}

int h_lot_exposures_csv(struct req *rq, struct resp *rs)
{
    struct lot x;
    struct exposure *items;
    int n;
    struct err e;
    if (exposures(rq, &x, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    buf_puts(&rs->body, "client_id,client_name,appointment_id,date,lot,product\r\n");
    for (int i = 0; i < n; i++) {
        buf_printf(&rs->body, "%lld,", items[i].client_id);
        csv_field(&rs->body, items[i].client_name);
        buf_printf(&rs->body, ",%lld,%s,", items[i].appointment_id, items[i].date);
        csv_field(&rs->body, x.lot);
        buf_puts(&rs->body, ",");
        csv_field(&rs->body, x.product);
        buf_puts(&rs->body, "\r\n");
    }
    rs->status = 200;
    rs->content_type = "text/csv; charset=utf-8";
    return 0;
}

/* ---- session records --------------------------------------------------------------------- */

static const char *const record_areas[] = {"hairline",   "temples", "crown", "mid_scalp",
                                           "full_scalp", "sides",   "back",  "scar",
                                           "patch",      "density", NULL};
static const char *const reactions[] = {"redness",     "swelling",  "bruising",          "scabbing",
                                        "lymph_nodes", "infection", "allergic_reaction", NULL};
static const char *const serious[] = {"lymph_nodes", "infection", "allergic_reaction", NULL};

static bool listed(const char *const *names, const char *s)
{
    for (int i = 0; names[i]; i++)
        if (!strcmp(names[i], s))
            return true;
    return false;
}

/* Says whether a stored record body lists a serious reaction (its notes do not count). */
static bool body_serious(const char *body)
{
    json_t *o = json_loads(body ? body : "", 0, NULL), *x;
    size_t i;
    bool yes = false;
    json_array_foreach(json_object_get(o, "reactions"), i, x) yes |=
        json_is_string(x) && listed(serious, json_string_value(x));
    json_decref(o);
    return yes;
}

/* Checks that member name of o is an array of names from allowed, without repeats. */
static int names_in(json_t *o, const char *name, const char *const *allowed, bool required,
                    struct err *e)
{
    json_t *v = json_object_get(o, name), *x;
    size_t i;
    if (!v && !required)
        return 0;
    if (!json_is_array(v) || (required && json_array_size(v) == 0))
        return err_set(e, ERR_INVALID, name, "%s must be a list of names, such as %s", name,
                       allowed[0]);
    json_array_foreach(v, i, x)
    {
        if (!json_is_string(x) || !listed(allowed, json_string_value(x)))
            return err_set(e, ERR_INVALID, name, "%s: %s is not one of the known names", name,
                           json_is_string(x) ? json_string_value(x) : "a non-text value");
        for (size_t k = 0; k < i; k++)
            if (json_equal(json_array_get(v, k), x))
                return err_set(e, ERR_INVALID, name, "%s lists a name twice", name);
    }
    return 0;
}

static bool has_lot(const struct record *r, long long id)
{
    for (int i = 0; r && i < r->n_lots; i++)
        if (r->lot_ids[i] == id)
            return true;
    return false;
}

/* Checks the lots of member name: of kind, not retired, not expired on the session's day — but
 * a lot the record already had (old, NULL for a new record) was checked when it was recorded
 * and stays allowed after it is retired, so the record of a recalled lot can still be edited. */
static int check_lots(struct req *rq, const char *name, const char *kind, const char *day,
                      bool required, const struct record *old, long long **ids, int *n,
                      struct err *e)
{
    *ids = NULL, *n = 0;
    if (jin_ids(rq->json, name, ids, n, rq->a, e) < 0)
        return -1;
    if (required && *n == 0)
        return err_set(e, ERR_INVALID, name, "%s: record the %s lot used", name, kind);
    for (int i = 0; i < *n; i++) {
        struct lot x;
        struct err ignored;
        if (store_lot_get(rq->db, rq->a, (*ids)[i], &x, &ignored) < 0 || strcmp(x.kind, kind))
            return err_set(e, ERR_INVALID, name, "%s: %lld is not a %s lot", name, (*ids)[i], kind);
        if (has_lot(old, x.id))
            continue;
        if (x.retired_at)
            return err_set(e, ERR_INVALID, name, "%s: lot %s of %s is retired", name, x.lot,
                           x.product);
        if (strcmp(x.expires_on, day) < 0)
            return err_set(e, ERR_INVALID, name,
                           "%s: lot %s of %s expired on %s, before the "
                           "session on %s",
                           name, x.lot, x.product, x.expires_on, day);
    }
    return 0;
}

/* Validates the record body against the appointment; fills r (body text and lots) and says
 * whether it asks for a follow-up (*serious). old is the record being edited (NULL when new):
 * the consent was checked when it was first recorded, and its lots stay allowed. */
static int decode_record(struct req *rq, const struct appointment *ap, const struct record *old,
                         struct record *r, bool *is_serious, struct err *e)
{
    static const char *const known[] = {"pigment_lot_ids",
                                        "needle_lot_ids",
                                        "dilution_pct",
                                        "areas",
                                        "shade_decision",
                                        "impressions_estimate",
                                        "numbing",
                                        "reactions",
                                        "notes",
                                        "cleaning",
                                        NULL};
    json_t *o = rq->json, *c = json_object_get(o, "cleaning");
    long long dilution = 0, impressions = 0;
    char *shade = NULL, *numbing = NULL, *notes = NULL;
    bool history = ap->backfill;
    if (jin_only(o, known, e) < 0)
        return -1;
    /* the refusals the issue names, in its order */
    if (!history && (!json_is_object(c) || !json_is_true(json_object_get(c, "needles_disposed")) ||
                     !json_is_true(json_object_get(c, "equipment_cleaned"))))
        return err_set(e, ERR_INVALID, "cleaning",
                       "confirm the cleaning log: needles disposed and equipment cleaned");
    long long *pig, *ndl;
    int n_pig, n_ndl;
    if (check_lots(rq, "pigment_lot_ids", "pigment", r->session_on, !history, old, &pig, &n_pig,
                   e) < 0 ||
        check_lots(rq, "needle_lot_ids", "needle", r->session_on, !history, old, &ndl, &n_ndl, e) <
            0)
        return -1;
    bool ready = history || old;
    if (!ready && consent_ready(rq, ap->client_id, &ready, e) < 0)
        return -1;
    if (!ready)
        return err_set(e, ERR_INVALID, "consent",
                       "the client has not signed the current consent: sign it before the "
                       "session");
    if (jin_int(o, "dilution_pct", 0, 90, &dilution, e) < 0 ||
        names_in(o, "areas", record_areas, !history, e) < 0 ||
        names_in(o, "reactions", reactions, false, e) < 0 ||
        jin_str(o, "shade_decision", &shade, rq->a, e) < 0 ||
        jin_int(o, "impressions_estimate", 0, 200000, &impressions, e) < 0 ||
        jin_str(o, "numbing", &numbing, rq->a, e) < 0 || jin_str(o, "notes", &notes, rq->a, e) < 0)
        return -1;
    if (shade && strcmp(shade, "lighter") && strcmp(shade, "same") && strcmp(shade, "darker"))
        return err_set(e, ERR_INVALID, "shade_decision",
                       "shade_decision is lighter, same or "
                       "darker");
    if ((numbing && strlen(numbing) > 200) || (notes && strlen(notes) > 4000))
        return err_set(e, ERR_INVALID, numbing && strlen(numbing) > 200 ? "numbing" : "notes",
                       "that text is too long");
    json_t *rx = json_object_get(o, "reactions"), *x;
    size_t i;
    *is_serious = false;
    json_array_foreach(rx, i, x) *is_serious |= listed(serious, json_string_value(x));
    /* the stored body: exactly what was validated */
    json_t *body = json_object();
    const char *keep[] = {"dilution_pct",
                          "areas",
                          "shade_decision",
                          "impressions_estimate",
                          "numbing",
                          "reactions",
                          "notes",
                          "cleaning",
                          NULL};
    for (int k = 0; keep[k]; k++) {
        json_t *v = json_object_get(o, keep[k]);
        if (v)
            json_object_set(body, keep[k], v);
    }
    char *text = json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(body);
    r->body = arena_strdup(rq->a, text);
    free(text);
    r->n_lots = n_pig + n_ndl;
    r->lot_ids = arena_alloc(rq->a, sizeof *r->lot_ids * (size_t)(r->n_lots + 1));
    for (int k = 0; k < n_pig; k++)
        r->lot_ids[k] = pig[k];
    for (int k = 0; k < n_ndl; k++)
        r->lot_ids[n_pig + k] = ndl[k];
    return 0;
}

static json_t *record_json(struct req *rq, const struct record *r, const struct appointment *ap)
{
    json_t *j = json_loads(r->body, 0, NULL), *pig = json_array(), *ndl = json_array(),
           *pig_ids = json_array(), *ndl_ids = json_array();
    if (!j)
        j = json_object();
    for (int i = 0; i < r->n_lots; i++) {
        struct lot x;
        struct err e;
        if (store_lot_get(rq->db, rq->a, r->lot_ids[i], &x, &e) < 0)
            continue;
        bool p = !strcmp(x.kind, "pigment");
        json_array_append_new(p ? pig : ndl, lot_json(&x));
        json_array_append_new(p ? pig_ids : ndl_ids, json_integer(x.id));
    }
    json_t *meta = json_pack(
        "{s:I,s:I,s:I,s:s,s:i,s:b,s:o,s:o,s:o,s:o,s:o,s:o}", "id", (json_int_t)r->id,
        "appointment_id", (json_int_t)r->appointment_id, "client_id", (json_int_t)r->client_id,
        "session_on", r->session_on, "version", r->version, "backfill", ap->backfill != 0,
        "pigment_lots", pig, "needle_lots", ndl, "pigment_lot_ids", pig_ids, "needle_lot_ids",
        ndl_ids, "created_at", jout_time(r->created_at), "updated_at", jout_time(r->updated_at));
    json_object_update(j, meta);
    json_decref(meta);
    return j;
}

/* Loads the appointment of the path and checks it takes a record: a session or touch-up that
 * is not cancelled. Fills the session's local date. */
static int session_of(struct req *rq, struct appointment *ap, char day[11], struct err *e)
{
    struct clinic c;
    if (store_appt_get(rq->db, rq->a, req_id(rq, 0), ap, e) < 0 ||
        store_clinic_get(rq->db, rq->a, ap->clinic_id, &c, e) < 0)
        return -1;
    if (!strcmp(ap->kind, "consultation"))
        return err_set(e, ERR_INVALID, "appointment", "a consultation has no session record");
    if (!strcmp(ap->status, "cancelled"))
        return err_set(e, ERR_CONFLICT, "appointment", "the appointment was cancelled");
    civil_format_date(clinic_local_date(ap->start_at, c.timezone), day);
    return 0;
}

/* Opens a follow-up task for a serious reaction, due the day after the session. */
static int follow_up(struct req *rq, const struct record *r, const struct appointment *ap,
                     struct err *e)
{
    struct civil_date d;
    civil_parse_date(r->session_on, &d);
    struct task t = {.client_id = r->client_id,
                     .clinic_id = ap->clinic_id,
                     .record_id = r->id,
                     .kind = "reaction_follow_up",
                     .title = "Call the client about the reaction recorded at their session",
                     .due_on = arena_alloc(rq->a, 11)};
    civil_format_date(civil_from_days(civil_days(d) + 1), t.due_on);
    return store_task_add(rq->db, &t, rq->now, e);
}

int h_record_create(struct req *rq, struct resp *rs)
{
    struct appointment ap;
    struct record r = {0};
    char day[11];
    bool is_serious;
    struct err e = {0};
    if (session_of(rq, &ap, day, &e) < 0)
        return resp_error(rs, &e);
    r.appointment_id = ap.id, r.client_id = ap.client_id, r.session_on = day;
    if (decode_record(rq, &ap, NULL, &r, &is_serious, &e) < 0 ||
        store_record_add(rq->db, &r, rq->user.id, rq->now, &e) < 0 ||
        (is_serious && follow_up(rq, &r, &ap, &e) < 0) || notify_aftercare(rq, &ap, &r, &e) < 0)
        return resp_error(rs, &e);
    struct audit_entry x = req_audit_entry(rq, AUDIT_CREATE, "session_record", r.id, r.client_id);
    if (store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 201, record_json(rq, &r, &ap));
}

int h_record_get(struct req *rq, struct resp *rs)
{
    struct appointment ap;
    struct record r;
    struct record_version *v;
    int n;
    char day[11];
    struct err e;
    if (session_of(rq, &ap, day, &e) < 0 ||
        store_record_by_appt(rq->db, rq->a, ap.id, &r, &e) < 0 ||
        store_record_history(rq->db, rq->a, r.id, &v, &n, &e) < 0 ||
        req_audit_queue(rq, AUDIT_READ, "session_record", r.id, r.client_id, &e) < 0)
        return resp_error(rs, &e);
    json_t *j = record_json(rq, &r, &ap), *hist = json_array();
    for (int i = 0; i < n; i++) {
        json_t *b = json_loads(v[i].body, 0, NULL);
        json_array_append_new(hist, json_pack("{s:i,s:o,s:s,s:o}", "version", v[i].version, "body",
                                              b ? b : json_null(), "lot_ids", v[i].lot_ids,
                                              "changed_at", jout_time(v[i].changed_at)));
    }
    json_object_set_new(j, "history", hist);
    return resp_json(rs, 200, j);
}

int h_record_update(struct req *rq, struct resp *rs)
{
    struct appointment ap;
    struct record r = {0}, old;
    char day[11];
    bool is_serious;
    struct err e = {0};
    if (session_of(rq, &ap, day, &e) < 0 ||
        store_record_by_appt(rq->db, rq->a, ap.id, &old, &e) < 0)
        return resp_error(rs, &e);
    r.appointment_id = ap.id, r.client_id = ap.client_id, r.session_on = old.session_on;
    r.created_at = old.created_at;
    bool was_serious = body_serious(old.body);
    if (decode_record(rq, &ap, &old, &r, &is_serious, &e) < 0 ||
        store_record_update(rq->db, rq->a, &r, rq->user.id, rq->now, &e) < 0 ||
        (is_serious && !was_serious && follow_up(rq, &r, &ap, &e) < 0))
        return resp_error(rs, &e);
    struct audit_entry x = req_audit_entry(rq, AUDIT_UPDATE, "session_record", r.id, r.client_id);
    if (store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200, record_json(rq, &r, &ap));
}

/* ---- tasks ------------------------------------------------------------------------------- */

int h_task_list(struct req *rq, struct resp *rs)
{
    const char *c = req_query(rq, "clinic_id");
    long long clinic_id = c ? strtoll(c, NULL, 10) : 0;
    struct task *items;
    int n;
    struct err e;
    if (store_task_list(rq->db, rq->a, clinic_id, &items, &n, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(
            arr, json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)items[i].id,
                           "client_id", (json_int_t)items[i].client_id, "clinic_id",
                           (json_int_t)items[i].clinic_id, "kind", items[i].kind, "title",
                           items[i].title, "due_on", items[i].due_on, "record_id",
                           items[i].record_id ? json_integer(items[i].record_id) : json_null(),
                           "created_at", jout_time(items[i].created_at)));
    return resp_json(rs, 200, jout_list(arr, NULL));
}

int h_task_done(struct req *rq, struct resp *rs)
{
    struct err e;
    if (store_task_done(rq->db, req_id(rq, 0), rq->now, &e) < 0)
        return resp_error(rs, &e);
    rs->status = 204;
    return 0;
}
