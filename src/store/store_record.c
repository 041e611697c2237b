/*
 * store_record.c — lots, session records, exposures and tasks in SQL (see store_record.h).
 */
#include "store/store_record.h"

#include "util/buf.h"

#include <stdlib.h>
#include <string.h>

/* ---- lots -------------------------------------------------------------------------------- */

#define LOT_COLS "id, kind, product, shade, lot, expires_on, retired_at, created_at, updated_at"

static void read_lot(struct arena *a, struct db_res *r, int i, struct lot *x)
{
    x->id = db_res_int(r, i, 0);
    x->kind = arena_strdup(a, db_res_text(r, i, 1));
    x->product = arena_strdup(a, db_res_text(r, i, 2));
    x->shade = arena_strdup(a, db_res_text(r, i, 3));
    x->lot = arena_strdup(a, db_res_text(r, i, 4));
    x->expires_on = arena_strdup(a, db_res_text(r, i, 5));
    x->retired_at = db_res_int(r, i, 6);
    x->created_at = db_res_int(r, i, 7);
    x->updated_at = db_res_int(r, i, 8);
}

int store_lot_add(struct db *db, struct lot *x, long long now, struct err *e)
{
    struct db_val p[] = {DB_TEXT(x->kind), DB_TEXT(x->product),    DB_TEXT(x->shade),
                         DB_TEXT(x->lot),  DB_TEXT(x->expires_on), DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO lots (kind, product, shade, lot, expires_on, created_at, updated_at) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                 p, 6, &r, e) < 0)
        return -1;
    x->id = db_res_int(r, 0, 0);
    x->created_at = x->updated_at = now;
    db_res_free(r);
    return 0;
}

int store_lot_get(struct db *db, struct arena *a, long long id, struct lot *x, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, "SELECT " LOT_COLS " FROM lots WHERE id = $1", p, 1, &r, e) < 0)
        return -1;
    int rc = db_res_rows(r) ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no lot %lld", id);
    if (rc == 0)
        read_lot(a, r, 0, x);
    db_res_free(r);
    return rc;
}

int store_lot_update(struct db *db, const struct lot *x, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(x->id),   DB_TEXT(x->product),    DB_TEXT(x->shade),
                         DB_TEXT(x->lot), DB_TEXT(x->expires_on), DB_INT(now)};
    return db_exec(db,
                   "UPDATE lots SET product = $2, shade = $3, lot = $4, expires_on = $5, "
                   "updated_at = $6 WHERE id = $1",
                   p, 6, NULL, e);
}

int store_lot_retire(struct db *db, long long id, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(id), DB_INT(now)};
    return db_exec(db,
                   "UPDATE lots SET retired_at = COALESCE(retired_at, $2), updated_at = $2 WHERE "
                   "id = $1",
                   p, 2, NULL, e);
}

int store_lot_list(struct db *db, struct arena *a, const char *kind, const char *code, bool retired,
                   struct lot **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_TEXT(kind), DB_TEXT(code), DB_INT(retired)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " LOT_COLS " FROM lots WHERE (CAST($1 AS TEXT) IS NULL OR kind = $1) "
                 "AND (CAST($2 AS TEXT) IS NULL OR lot = $2) AND (retired_at IS NULL OR $3 = 1) "
                 "ORDER BY id DESC LIMIT 500",
                 p, 3, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_lot(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_lot_exposures(struct db *db, struct arena *a, long long id, struct exposure **items,
                        int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT s.client_id, s.appointment_id, s.session_on, c.first_name || ' ' || "
                 "c.last_name, l.removed FROM session_record_lots l JOIN session_records s ON "
                 "s.id = l.record_id JOIN clients c ON c.id = s.client_id WHERE l.lot_id = $1 "
                 "ORDER BY s.session_on, s.id",
                 p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++) {
        struct exposure *x = &(*items)[i];
        x->client_id = db_res_int(r, i, 0);
        x->appointment_id = db_res_int(r, i, 1);
        x->date = arena_strdup(a, db_res_text(r, i, 2));
        x->client_name = arena_strdup(a, db_res_text(r, i, 3));
        x->removed = db_res_int(r, i, 4) != 0;
    }
    db_res_free(r);
    return 0;
}

/* ---- session records --------------------------------------------------------------------- */

#define REC_COLS                                                                                   \
    "id, appointment_id, client_id, session_on, body, version, created_by, created_at, "           \
    "updated_by, updated_at"

static int read_lots(struct db *db, struct arena *a, struct record *x, struct err *e)
{
    struct db_val p[] = {DB_INT(x->id)};
    struct db_res *r;
    if (db_query(
            db,
            "SELECT lot_id FROM session_record_lots WHERE record_id = $1 AND removed = 0 ORDER BY "
            "lot_id",
            p, 1, &r, e) < 0)
        return -1;
    x->n_lots = db_res_rows(r);
    x->lot_ids = arena_alloc(a, sizeof *x->lot_ids * (size_t)(x->n_lots + 1));
    for (int i = 0; i < x->n_lots; i++)
        x->lot_ids[i] = db_res_int(r, i, 0);
    db_res_free(r);
    return 0;
}

int store_record_by_appt(struct db *db, struct arena *a, long long appointment_id, struct record *x,
                         struct err *e)
{
    struct db_val p[] = {DB_INT(appointment_id)};
    struct db_res *r;
    if (db_query(db, "SELECT " REC_COLS " FROM session_records WHERE appointment_id = $1", p, 1, &r,
                 e) < 0)
        return -1;
    int rc = db_res_rows(r) ? 0
                            : err_set(e, ERR_NOT_FOUND, NULL,
                                      "appointment %lld has no session record", appointment_id);
    if (rc == 0) {
        x->id = db_res_int(r, 0, 0);
        x->appointment_id = db_res_int(r, 0, 1);
        x->client_id = db_res_int(r, 0, 2);
        x->session_on = arena_strdup(a, db_res_text(r, 0, 3));
        x->body = arena_strdup(a, db_res_text(r, 0, 4));
        x->version = (int)db_res_int(r, 0, 5);
        x->created_by = db_res_int(r, 0, 6);
        x->created_at = db_res_int(r, 0, 7);
        x->updated_by = db_res_int(r, 0, 8);
        x->updated_at = db_res_int(r, 0, 9);
    }
    db_res_free(r);
    return rc < 0 ? rc : read_lots(db, a, x, e);
}

static int write_lots(struct db *db, const struct record *x, struct err *e)
{
    struct db_val d[] = {DB_INT(x->id)};
    /* lots taken off by an edit stay, marked removed: they did touch the client */
    if (db_exec(db, "UPDATE session_record_lots SET removed = 1 WHERE record_id = $1", d, 1, NULL,
                e) < 0)
        return -1;
    for (int i = 0; i < x->n_lots; i++) {
        struct db_val p[] = {DB_INT(x->id), DB_INT(x->lot_ids[i])};
        if (db_exec(db,
                    "INSERT INTO session_record_lots (record_id, lot_id, removed) VALUES ($1, "
                    "$2, 0) ON CONFLICT (record_id, lot_id) DO UPDATE SET removed = 0",
                    p, 2, NULL, e) < 0)
            return -1;
    }
    return 0;
}

int store_record_add(struct db *db, struct record *x, long long user_id, long long now,
                     struct err *e)
{
    struct db_val p[] = {DB_INT(x->appointment_id), DB_INT(x->client_id), DB_TEXT(x->session_on),
                         DB_TEXT(x->body),          DB_ID(user_id),       DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO session_records (appointment_id, client_id, session_on, body, "
                 "version, created_by, created_at, updated_by, updated_at) VALUES ($1, $2, $3, "
                 "$4, 1, $5, $6, $5, $6) RETURNING id",
                 p, 6, &r, e) < 0)
        return -1;
    x->id = db_res_int(r, 0, 0);
    x->version = 1;
    x->created_at = x->updated_at = now;
    x->created_by = x->updated_by = user_id;
    db_res_free(r);
    return write_lots(db, x, e);
}

int store_record_update(struct db *db, struct arena *a, struct record *x, long long user_id,
                        long long now, struct err *e)
{
    struct record old;
    if (store_record_by_appt(db, a, x->appointment_id, &old, e) < 0)
        return -1;
    struct buf ids = {0};
    for (int i = 0; i < old.n_lots; i++)
        buf_printf(&ids, "%s%lld", i ? "," : "", old.lot_ids[i]);
    struct db_val h[] = {DB_INT(old.id),        DB_INT(old.version),
                         DB_TEXT(old.body),     DB_TEXT(ids.data ? ids.data : ""),
                         DB_ID(old.updated_by), DB_INT(old.updated_at)};
    int rc = db_exec(db,
                     "INSERT INTO session_record_history (record_id, version, body, lot_ids, "
                     "changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)",
                     h, 6, NULL, e);
    buf_free(&ids);
    if (rc < 0)
        return -1;
    x->id = old.id;
    x->version = old.version + 1;
    struct db_val p[] = {DB_INT(x->id),  DB_TEXT(x->body), DB_INT(x->version),
                         DB_ID(user_id), DB_INT(now),      DB_INT(old.version)};
    long long changed;
    if (db_exec(db,
                "UPDATE session_records SET body = $2, version = $3, updated_by = $4, updated_at "
                "= $5 WHERE id = $1 AND version = $6",
                p, 6, &changed, e) < 0)
        return -1;
    if (changed != 1)
        return err_set(e, ERR_CONFLICT, NULL, "the record was changed meanwhile");
    x->updated_at = now;
    x->updated_by = user_id;
    return write_lots(db, x, e);
}

int store_record_history(struct db *db, struct arena *a, long long id,
                         struct record_version **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT version, body, lot_ids, changed_by, changed_at FROM "
                 "session_record_history WHERE record_id = $1 ORDER BY version",
                 p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++) {
        struct record_version *v = &(*items)[i];
        v->version = (int)db_res_int(r, i, 0);
        v->body = arena_strdup(a, db_res_text(r, i, 1));
        v->lot_ids = arena_strdup(a, db_res_text(r, i, 2));
        v->changed_by = db_res_int(r, i, 3);
        v->changed_at = db_res_int(r, i, 4);
    }
    db_res_free(r);
    return 0;
}

/* ---- tasks ------------------------------------------------------------------------------- */

int store_task_add(struct db *db, struct task *t, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(t->client_id), DB_INT(t->clinic_id), DB_TEXT(t->kind),
                         DB_TEXT(t->title),    DB_TEXT(t->due_on),   DB_ID(t->record_id),
                         DB_INT(now)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO tasks (client_id, clinic_id, kind, title, due_on, record_id, "
                 "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                 p, 7, &r, e) < 0)
        return -1;
    t->id = db_res_int(r, 0, 0);
    t->created_at = now;
    db_res_free(r);
    return 0;
}

int store_task_list(struct db *db, struct arena *a, long long clinic_id, struct task **items,
                    int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT t.id, t.client_id, t.clinic_id, t.record_id, t.done_at, t.created_at, "
                 "t.kind, t.title, t.due_on FROM tasks t JOIN clients c ON c.id = t.client_id "
                 "WHERE t.done_at IS NULL AND c.deleted_at IS NULL AND ($1 = 0 OR t.clinic_id = "
                 "$1) ORDER BY t.due_on, t.id LIMIT 500",
                 p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++) {
        struct task *t = &(*items)[i];
        t->id = db_res_int(r, i, 0);
        t->client_id = db_res_int(r, i, 1);
        t->clinic_id = db_res_int(r, i, 2);
        t->record_id = db_res_int(r, i, 3);
        t->done_at = db_res_int(r, i, 4);
        t->created_at = db_res_int(r, i, 5);
        t->kind = arena_strdup(a, db_res_text(r, i, 6));
        t->title = arena_strdup(a, db_res_text(r, i, 7));
        t->due_on = arena_strdup(a, db_res_text(r, i, 8));
    }
    db_res_free(r);
    return 0;
}

int store_task_done(struct db *db, long long id, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(id), DB_INT(now)};
    long long changed;
    if (db_exec(db, "UPDATE tasks SET done_at = $2 WHERE id = $1 AND done_at IS NULL", p, 2,
                &changed, e) < 0)
        return -1;
    return changed == 1 ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no open task %lld", id);
}
