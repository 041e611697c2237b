/*
 * h_message.c — a client's messages on their timeline (GET …/clients/{id}/messages: every queued,
 * sent, retried, skipped or failed message with its text) and their choice to receive none
 * (PUT …/clients/{id}/message-preferences {"opt_out": true}).
 */
#include "domain/links.h"
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "store/store_audit.h"
#include "store/store_client.h"
#include "store/store_message.h"

#include <string.h>

/* A message as JSON for staff; the tokens of the links in its text are hidden (links.h): a
 * client's sign-in, booking or quote link is theirs alone. */
static json_t *message_json(struct arena *a, const struct message *m)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:i,s:o,s:o,s:o,s:o,s:o}", "id",
                     (json_int_t)m->id, "kind", m->kind, "channel", m->channel, "to", m->to_addr,
                     "subject", m->subject, "body", links_hide_tokens(arena_strdup(a, m->body)),
                     "has_invitation", m->ics != NULL, "status", m->status, "attempts", m->attempts,
                     "send_after", jout_time(m->send_after), "next_attempt_at",
                     !strcmp(m->status, "queued") ? jout_time(m->next_attempt_at) : json_null(),
                     "sent_at", jout_time(m->sent_at), "last_error",
                     m->last_error ? json_string(m->last_error) : json_null(), "appointment_id",
                     m->appointment_id ? json_integer(m->appointment_id) : json_null());
}

int h_message_list(struct req *rq, struct resp *rs)
{
    struct client client;
    struct message *items;
    int n;
    bool opted;
    struct err e;
    long long id = req_id(rq, 0);
    if (store_client_get(rq->db, rq->a, id, &client, &e) < 0 ||
        store_message_list(rq->db, rq->a, id, &items, &n, &e) < 0 ||
        store_client_opt_out(rq->db, id, &opted, &e) < 0 ||
        req_audit_queue(rq, AUDIT_LIST, "message", id, id, &e) < 0)
        return resp_error(rs, &e);
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, message_json(rq->a, &items[i]));
    return resp_json(rs, 200, json_pack("{s:b,s:o}", "opt_out", opted, "items", arr));
}

int h_message_preferences(struct req *rq, struct resp *rs)
{
    static const char *const known[] = {"opt_out", NULL};
    struct client client;
    int opt_out = 0;
    struct err e = {0};
    long long id = req_id(rq, 0);
    if (store_client_get(rq->db, rq->a, id, &client, &e) < 0 || jin_only(rq->json, known, &e) < 0)
        return resp_error(rs, &e);
    if (!json_object_get(rq->json, "opt_out"))
        return resp_fail(rs, ERR_INVALID, "opt_out", "opt_out is true or false");
    struct audit_entry x = req_audit_entry(rq, AUDIT_UPDATE, "client", id, id);
    if (jin_bool(rq->json, "opt_out", &opt_out, &e) < 0 ||
        store_client_set_opt_out(rq->db, id, opt_out, &e) < 0 ||
        store_audit_add(rq->db, &x, &e) < 0)
        return resp_error(rs, &e);
    return resp_json(rs, 200,
                     json_pack("{s:I,s:b}", "client_id", (json_int_t)id, "opt_out", opt_out));
}
