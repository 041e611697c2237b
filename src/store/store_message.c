/*
 * store_message.c — the outbox in SQL (see store_message.h).
 */
#include "store/store_message.h"

int store_message_add(struct db *db, struct message *m, long long now, bool *added, struct err *e)
{
    struct db_val p[] = {
        DB_INT(m->client_id),   DB_ID(m->appointment_id), DB_INT(m->appointment_sequence),
        DB_TEXT(m->kind),       DB_TEXT(m->channel),      DB_TEXT(m->to_addr),
        DB_TEXT(m->subject),    DB_TEXT(m->body),         DB_TEXT(m->ics),
        DB_TEXT(m->dedupe_key), DB_INT(m->send_after),    DB_INT(now)};
    long long changed = 0;
    if (db_exec(db,
                "INSERT INTO messages (client_id, appointment_id, appointment_sequence, kind, "
                "channel, to_addr, subject, body, ics, dedupe_key, send_after, next_attempt_at, "
                "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12) ON "
                "CONFLICT (dedupe_key) DO NOTHING",
                p, 12, &changed, e) < 0)
        return -1;
    *added = changed == 1;
    return 0;
}

#define COLS                                                                                       \
    "id, client_id, appointment_id, appointment_sequence, kind, channel, to_addr, subject, "       \
    "body, ics, dedupe_key, status, attempts, send_after, next_attempt_at, last_error, sent_at, "  \
    "created_at"

static void read_row(struct arena *a, struct db_res *r, int i, struct message *m)
{
    m->id = db_res_int(r, i, 0);
    m->client_id = db_res_int(r, i, 1);
    m->appointment_id = db_res_int(r, i, 2);
    m->appointment_sequence = (int)db_res_int(r, i, 3);
    m->kind = arena_strdup(a, db_res_text(r, i, 4));
    m->channel = arena_strdup(a, db_res_text(r, i, 5));
    m->to_addr = arena_strdup(a, db_res_text(r, i, 6));
    m->subject = arena_strdup(a, db_res_text(r, i, 7));
    m->body = arena_strdup(a, db_res_text(r, i, 8));
    m->ics = arena_strdup(a, db_res_text(r, i, 9));
    m->dedupe_key = arena_strdup(a, db_res_text(r, i, 10));
    m->status = arena_strdup(a, db_res_text(r, i, 11));
    m->attempts = (int)db_res_int(r, i, 12);
    m->send_after = db_res_int(r, i, 13);
    m->next_attempt_at = db_res_int(r, i, 14);
    m->last_error = arena_strdup(a, db_res_text(r, i, 15));
    m->sent_at = db_res_int(r, i, 16);
    m->created_at = db_res_int(r, i, 17);
}

int store_message_claim(struct db *db, struct arena *a, long long now, int max,
                        struct message **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(now), DB_INT(max)};
    struct db_res *r;
    const char *sql =
        db_kind(db) == DB_POSTGRESQL
            ? "UPDATE messages SET status = 'sending', attempts = attempts + 1, claimed_at = $1 "
              "WHERE id IN (SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at "
              "<= $1 ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING " COLS
            : "UPDATE messages SET status = 'sending', attempts = attempts + 1, claimed_at = $1 "
              "WHERE id IN (SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at "
              "<= $1 ORDER BY next_attempt_at, id LIMIT $2) RETURNING " COLS;
    if (db_query(db, sql, p, 2, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_row(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_message_done(struct db *db, long long id, const char *status, long long next_attempt_at,
                       const char *error, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(id), DB_TEXT(status), DB_INT(next_attempt_at), DB_TEXT(error),
                         DB_INT(now)};
    return db_exec(db,
                   "UPDATE messages SET status = $2, next_attempt_at = $3, last_error = $4, "
                   "sent_at = CASE WHEN $2 = 'sent' THEN $5 ELSE sent_at END, claimed_at = NULL "
                   "WHERE id = $1",
                   p, 5, NULL, e);
}

int store_message_set_body(struct db *db, long long id, const char *body, struct err *e)
{
    struct db_val p[] = {DB_INT(id), DB_TEXT(body)};
    return db_exec(db, "UPDATE messages SET body = $2 WHERE id = $1", p, 2, NULL, e);
}

int store_message_requeue_stale(struct db *db, long long before, long long *n, struct err *e)
{
    struct db_val p[] = {DB_INT(before)};
    return db_exec(db,
                   "UPDATE messages SET status = 'queued', claimed_at = NULL WHERE status = "
                   "'sending' AND claimed_at < $1",
                   p, 1, n, e);
}

int store_message_list(struct db *db, struct arena *a, long long client_id, struct message **items,
                       int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(client_id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " COLS " FROM messages WHERE client_id = $1 ORDER BY id DESC LIMIT 200", p,
                 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_row(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_client_opt_out(struct db *db, long long client_id, bool *out, struct err *e)
{
    struct db_val p[] = {DB_INT(client_id)};
    struct db_res *r;
    if (db_query(db, "SELECT message_opt_out FROM clients WHERE id = $1", p, 1, &r, e) < 0)
        return -1;
    *out = db_res_rows(r) == 1 && db_res_int(r, 0, 0) != 0;
    db_res_free(r);
    return 0;
}

int store_client_set_opt_out(struct db *db, long long client_id, bool opt_out, struct err *e)
{
    struct db_val p[] = {DB_INT(client_id), DB_INT(opt_out)};
    return db_exec(db, "UPDATE clients SET message_opt_out = $2 WHERE id = $1", p, 2, NULL, e);
}

int store_appt_state(struct db *db, struct arena *a, long long id, char **status, int *sequence,
                     struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, "SELECT status, sequence FROM appointments WHERE id = $1", p, 1, &r, e) < 0)
        return -1;
    int rc = db_res_rows(r) ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no appointment %lld", id);
    if (rc == 0) {
        *status = arena_strdup(a, db_res_text(r, 0, 0));
        *sequence = (int)db_res_int(r, 0, 1);
    }
    db_res_free(r);
    return rc;
}
