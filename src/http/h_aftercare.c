/*
 * h_aftercare.c — the weeks after a session for the client: GET …/aftercare (the stages with
 * their dates in the clinic's calendar, from src/domain/aftercare.c, in the words of the
 * aftercare document in force on the session's day), …/aftercare.pdf (a handout to print) and
 * …/aftercare.ics (all-day events a client adds to a phone's calendar).
 */
#include "docs/ics.h"
#include "docs/pdf.h"
#include "domain/aftercare.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "http/schedctx.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_consent.h"
#include "store/store_sched.h"

#include <stdlib.h>
#include <string.h>

struct plan {
    struct appointment ap;
    struct clinic clinic;
    struct client client;
    struct civil_date day;
    int version;
    struct aftercare_item items[AFTERCARE_ITEMS];
};

/* Loads the appointment of the path and its plan; audits the read. The advice comes from the
 * aftercare document in force on the session's day (the newest version made by then; the oldest
 * when the session came before them all), so an old session's handout keeps its own words. */
static int load(struct req *rq, struct plan *p, struct err *e)
{
    struct consent_document *docs;
    int n_docs;
    if (store_appt_get(rq->db, rq->a, req_id(rq, 0), &p->ap, e) < 0 ||
        store_clinic_get(rq->db, rq->a, p->ap.clinic_id, &p->clinic, e) < 0 ||
        store_client_get(rq->db, rq->a, p->ap.client_id, &p->client, e) < 0 ||
        store_document_list(rq->db, rq->a, "aftercare", 0, &docs, &n_docs, e) < 0)
        return -1;
    if (!strcmp(p->ap.kind, "consultation"))
        return err_set(e, ERR_INVALID, "appointment",
                       "aftercare follows a session, not a "
                       "consultation");
    if (req_audit_queue(rq, AUDIT_READ, "appointment", p->ap.id, p->ap.client_id, e) < 0)
        return -1;
    p->day = clinic_local_date(p->ap.start_at, p->clinic.timezone);
    aftercare_plan(p->day, p->items);
    p->version = 0;
    const struct consent_document *doc = n_docs ? &docs[n_docs - 1] : NULL; /* newest first */
    for (int i = 0; i < n_docs; i++)
        if (docs[i].created_at <= p->ap.start_at) {
            doc = &docs[i];
            break;
        }
    if (doc) {
        size_t n = strlen(doc->body) + 1;
        aftercare_apply_document(doc->body, p->items, arena_alloc(rq->a, n), n);
        p->version = doc->version;
    }
    return 0;
}

static char *date_text(struct arena *a, struct civil_date d)
{
    char *s = arena_alloc(a, 11);
    if (d.y)
        civil_format_date(d, s);
    return d.y ? s : NULL;
}

int h_aftercare_get(struct req *rq, struct resp *rs)
{
    struct plan p;
    struct err e;
    if (load(rq, &p, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < AFTERCARE_ITEMS; i++) {
        char *to = date_text(rq->a, p.items[i].to);
        json_array_append_new(arr, json_pack("{s:s,s:o,s:s,s:s}", "from",
                                             date_text(rq->a, p.items[i].from), "to",
                                             to ? json_string(to) : json_null(), "title",
                                             p.items[i].title, "advice", p.items[i].advice));
    }
    return resp_json(rs, 200,
                     json_pack("{s:I,s:s,s:{s:s,s:i},s:o}", "appointment_id", (json_int_t)p.ap.id,
                               "session_on", date_text(rq->a, p.day), "document", "kind",
                               "aftercare", "version", p.version, "items", arr));
}

int h_aftercare_ics(struct req *rq, struct resp *rs)
{
    struct plan p;
    struct err e;
    if (load(rq, &p, &e) < 0)
        return resp_error(rs, &e);
    struct ics_event ev[AFTERCARE_ITEMS];
    for (int i = 0; i < AFTERCARE_ITEMS; i++) {
        long long from = civil_days(p.items[i].from);
        ev[i] = (struct ics_event){
            .uid = arena_printf(rq->a, "aftercare-%lld-%d@stipple", p.ap.id, i + 1),
            .dtstamp = rq->now,
            .summary = p.items[i].title,
            .description = p.items[i].advice,
            .location = p.clinic.name,
            .all_day = 1,
            .start_day = from,
            .end_day = p.items[i].to.y ? civil_days(p.items[i].to) : from, /* open: its first day */
            .start = from * 86400,
            .end = from * 86400,
        };
    }
    char *text = ics_calendar(arena_printf(rq->a, "Aftercare — %s", p.clinic.name), "PUBLISH", NULL,
                              ev, AFTERCARE_ITEMS);
    if (!text)
        return resp_fail(rs, ERR_INTERNAL, NULL, "the calendar could not be made");
    buf_puts(&rs->body, text);
    free(text);
    rs->status = 200;
    rs->content_type = "text/calendar; charset=utf-8";
    return 0;
}

int h_aftercare_pdf(struct req *rq, struct resp *rs)
{
    struct plan p;
    struct err e;
    if (load(rq, &p, &e) < 0)
        return resp_error(rs, &e);
    struct aftercare_doc d = {
        .clinic_name = p.clinic.name,
        .clinic_address = p.clinic.address,
        .client_name = arena_printf(rq->a, "%s %s", p.client.first_name, p.client.last_name),
        .session_on = date_text(rq->a, p.day),
        .document = arena_printf(rq->a, "Aftercare advice, version %d.", p.version),
        .n = AFTERCARE_ITEMS,
    };
    for (int i = 0; i < AFTERCARE_ITEMS; i++) {
        char *from = date_text(rq->a, p.items[i].from), *to = date_text(rq->a, p.items[i].to);
        d.items[i].title = p.items[i].title;
        d.items[i].advice = p.items[i].advice;
        d.items[i].when =
            to ? arena_printf(rq->a, "%s to %s", from, to) : arena_printf(rq->a, "from %s", from);
    }
    if (aftercare_pdf(&d, &rs->body) < 0) {
        buf_reset(&rs->body);
        return resp_fail(rs, ERR_INTERNAL, NULL, "the handout could not be printed");
    }
    rs->status = 200;
    rs->content_type = "application/pdf";
    return 0;
}
