/*
 * store_quote.c — price books and quotes in SQL (see store_quote.h).
 */
#include "store/store_quote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_price_book_get(struct db *db, long long clinic_id, struct price_book *b, struct err *e)
{
    price_book_default(b);
    struct db_val p[] = {DB_INT(clinic_id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT sessions_included, valid_days, deposit_pct_bp, deposit_fixed_pence, "
                 "finance_months, finance_apr_bp, finance_provider FROM price_books WHERE "
                 "clinic_id = $1",
                 p, 1, &r, e) < 0)
        return -1;
    if (db_res_rows(r) == 1) {
        b->sessions_included = (int)db_res_int(r, 0, 0);
        b->valid_days = (int)db_res_int(r, 0, 1);
        b->deposit_pct_bp = (int)db_res_int(r, 0, 2);
        b->deposit_fixed = db_res_int(r, 0, 3);
        b->finance_months = (int)db_res_int(r, 0, 4);
        b->finance_apr_bp = (int)db_res_int(r, 0, 5);
        const char *prov = db_res_text(r, 0, 6);
        snprintf(b->finance_provider, sizeof b->finance_provider, "%s", prov ? prov : "");
    }
    db_res_free(r);
    if (db_query(db, "SELECT area, band, pence FROM prices WHERE clinic_id = $1", p, 1, &r, e) < 0)
        return -1;
    for (int i = 0; i < db_res_rows(r); i++) {
        int a = area_parse(db_res_text(r, i, 0)), band = (int)db_res_int(r, i, 1);
        if (a >= 0 && band >= 0 && band < PRICE_BANDS)
            b->pence[a][band] = db_res_int(r, i, 2);
    }
    db_res_free(r);
    return 0;
}

int store_price_book_put(struct db *db, long long clinic_id, const struct price_book *b,
                         long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id),
                         DB_INT(b->sessions_included),
                         DB_INT(b->valid_days),
                         DB_INT(b->deposit_pct_bp),
                         DB_INT(b->deposit_fixed),
                         DB_INT(now),
                         DB_INT(b->finance_months),
                         DB_INT(b->finance_apr_bp),
                         DB_TEXT(b->finance_provider[0] ? b->finance_provider : NULL)};
    if (db_exec(db,
                "INSERT INTO price_books (clinic_id, sessions_included, valid_days, "
                "deposit_pct_bp, deposit_fixed_pence, updated_at, finance_months, finance_apr_bp, "
                "finance_provider) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT "
                "(clinic_id) DO UPDATE SET sessions_included = excluded.sessions_included, "
                "valid_days = excluded.valid_days, deposit_pct_bp = excluded.deposit_pct_bp, "
                "deposit_fixed_pence = excluded.deposit_fixed_pence, updated_at = "
                "excluded.updated_at, finance_months = excluded.finance_months, finance_apr_bp = "
                "excluded.finance_apr_bp, finance_provider = excluded.finance_provider",
                p, 9, NULL, e) < 0)
        return -1;
    for (int a = 0; a < AREA_COUNT; a++)
        for (int k = 0; k < (area_banded(a) ? PRICE_BANDS : 1); k++) {
            struct db_val q[] = {DB_INT(clinic_id), DB_TEXT(area_name(a)), DB_INT(k),
                                 DB_INT(b->pence[a][k])};
            if (db_exec(db,
                        "INSERT INTO prices (clinic_id, area, band, pence) VALUES ($1, $2, $3, $4) "
                        "ON CONFLICT (clinic_id, area, band) DO UPDATE SET pence = excluded.pence",
                        q, 4, NULL, e) < 0)
                return -1;
        }
    return 0;
}

int store_quote_add(struct db *db, struct quote *q, long long user_id, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(q->client_id),
                         DB_INT(q->clinic_id),
                         DB_ID(q->consultation_id),
                         DB_TEXT(q->scale),
                         DB_TEXT(q->stage),
                         DB_TEXT(q->size_cm2),
                         DB_INT(q->discount_bp),
                         DB_INT(q->uplift_pct),
                         DB_INT(q->subtotal),
                         DB_INT(q->discount),
                         DB_INT(q->total),
                         DB_INT(q->deposit),
                         DB_TEXT(q->currency),
                         DB_INT(q->sessions_included),
                         DB_INT(q->estimated_minutes),
                         DB_TEXT(q->valid_until),
                         DB_TEXT(q->status),
                         DB_TEXT(q->notes),
                         DB_ID(user_id),
                         DB_INT(now),
                         DB_INT(q->finance_months),
                         DB_INT(q->finance_apr_bp)};
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO quotes (client_id, clinic_id, consultation_id, scale, stage, "
                 "size_cm2, discount_bp, uplift_pct, subtotal_pence, discount_pence, total_pence, "
                 "deposit_pence, currency, sessions_included, estimated_minutes, valid_until, "
                 "status, notes, created_by, created_at, updated_at, finance_months, "
                 "finance_apr_bp) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                 "$14, $15, $16, $17, $18, $19, $20, $20, $21, $22) RETURNING id",
                 p, 22, &r, e) < 0)
        return -1;
    q->id = db_res_int(r, 0, 0);
    q->created_at = q->updated_at = now;
    db_res_free(r);
    for (int i = 0; i < q->n_lines; i++) {
        const struct quote_line *l = &q->lines[i];
        struct db_val v[] = {DB_INT(q->id),   DB_INT(i + 1),         DB_TEXT(area_name(l->area)),
                             DB_INT(l->band), DB_INT(l->book_pence), DB_INT(l->pence)};
        if (db_exec(db,
                    "INSERT INTO quote_lines (quote_id, pos, area, band, book_pence, pence) "
                    "VALUES ($1, $2, $3, $4, $5, $6)",
                    v, 6, NULL, e) < 0)
            return -1;
    }
    return 0;
}

#define COLS                                                                                       \
    "q.id, q.client_id, q.clinic_id, q.consultation_id, q.scale, q.stage, q.size_cm2, "            \
    "q.discount_bp, q.uplift_pct, q.subtotal_pence, q.discount_pence, q.total_pence, "             \
    "q.deposit_pence, q.currency, q.sessions_included, q.estimated_minutes, q.valid_until, "       \
    "q.status, q.notes, q.course_id, q.created_at, q.updated_at, q.finance_months, "               \
    "q.finance_apr_bp, q.accepted_name"

static void read_row(struct arena *a, struct db_res *r, int i, struct quote *q)
{
    memset(q, 0, sizeof *q);
    q->id = db_res_int(r, i, 0);
    q->client_id = db_res_int(r, i, 1);
    q->clinic_id = db_res_int(r, i, 2);
    q->consultation_id = db_res_int(r, i, 3);
    q->scale = arena_strdup(a, db_res_text(r, i, 4));
    q->stage = arena_strdup(a, db_res_text(r, i, 5));
    q->size_cm2 = arena_strdup(a, db_res_text(r, i, 6));
    q->discount_bp = db_res_int(r, i, 7);
    q->uplift_pct = (int)db_res_int(r, i, 8);
    q->subtotal = db_res_int(r, i, 9);
    q->discount = db_res_int(r, i, 10);
    q->total = db_res_int(r, i, 11);
    q->deposit = db_res_int(r, i, 12);
    q->currency = arena_strdup(a, db_res_text(r, i, 13));
    q->sessions_included = (int)db_res_int(r, i, 14);
    q->estimated_minutes = (int)db_res_int(r, i, 15);
    q->valid_until = arena_strdup(a, db_res_text(r, i, 16));
    q->status = arena_strdup(a, db_res_text(r, i, 17));
    q->notes = arena_strdup(a, db_res_text(r, i, 18));
    q->course_id = db_res_int(r, i, 19);
    q->created_at = db_res_int(r, i, 20);
    q->updated_at = db_res_int(r, i, 21);
    q->finance_months = (int)db_res_int(r, i, 22);
    q->finance_apr_bp = (int)db_res_int(r, i, 23);
    q->accepted_name = arena_strdup(a, db_res_text(r, i, 24));
}

/* Reads the lines of the n quotes in items (ids in any order). */
static int read_lines(struct db *db, struct quote *items, int n, long long client_id, struct err *e)
{
    if (n == 0)
        return 0;
    struct db_val p[] = {DB_INT(n == 1 ? items[0].id : client_id)};
    struct db_res *r;
    if (db_query(db,
                 n == 1 ? "SELECT quote_id, area, band, book_pence, pence FROM quote_lines WHERE "
                          "quote_id = $1 ORDER BY quote_id, pos"
                        : "SELECT l.quote_id, l.area, l.band, l.book_pence, l.pence FROM "
                          "quote_lines l JOIN quotes q ON q.id = l.quote_id WHERE q.client_id = "
                          "$1 ORDER BY l.quote_id, l.pos",
                 p, 1, &r, e) < 0)
        return -1;
    for (int i = 0; i < db_res_rows(r); i++) {
        long long id = db_res_int(r, i, 0);
        for (int k = 0; k < n; k++)
            if (items[k].id == id && items[k].n_lines < QUOTE_MAX_LINES) {
                struct quote_line *l = &items[k].lines[items[k].n_lines++];
                l->area = area_parse(db_res_text(r, i, 1));
                l->band = (int)db_res_int(r, i, 2);
                l->book_pence = db_res_int(r, i, 3);
                l->pence = db_res_int(r, i, 4);
            }
    }
    db_res_free(r);
    return 0;
}

int store_quote_get(struct db *db, struct arena *a, long long id, struct quote *q, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " COLS " FROM quotes q JOIN clients c ON c.id = q.client_id WHERE q.id = "
                 "$1 AND c.deleted_at IS NULL",
                 p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no quote %lld", id);
    else
        read_row(a, r, 0, q);
    db_res_free(r);
    return rc < 0 ? rc : read_lines(db, q, 1, 0, e);
}

int store_quote_list(struct db *db, struct arena *a, long long client_id, struct quote **items,
                     int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(client_id)};
    struct db_res *r;
    if (db_query(
            db, "SELECT " COLS " FROM quotes q WHERE q.client_id = $1 ORDER BY q.id DESC LIMIT 200",
            p, 1, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_row(a, r, i, &(*items)[i]);
    db_res_free(r);
    return read_lines(db, *items, *n, client_id, e);
}

int store_quote_set_status(struct db *db, long long id, const char *from, const char *status,
                           long long course_id, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(id), DB_TEXT(from), DB_TEXT(status), DB_ID(course_id), DB_INT(now)};
    long long changed;
    if (db_exec(db,
                "UPDATE quotes SET status = $3, course_id = COALESCE($4, course_id), updated_at = "
                "$5 WHERE id = $1 AND status = $2",
                p, 5, &changed, e) < 0)
        return -1;
    return changed == 1 ? 0 : err_set(e, ERR_CONFLICT, "status", "the quote was changed meanwhile");
}

int store_quote_share(struct db *db, long long id, const char *hash, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(id), DB_TEXT(hash), DB_INT(now)};
    return db_exec(db, "UPDATE quotes SET share_hash = $2, updated_at = $3 WHERE id = $1", p, 3,
                   NULL, e);
}

int store_quote_by_share(struct db *db, struct arena *a, const char *hash, struct quote *q,
                         struct err *e)
{
    struct db_val p[] = {DB_TEXT(hash)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT " COLS " FROM quotes q JOIN clients c ON c.id = q.client_id WHERE "
                 "q.share_hash = $1 AND c.deleted_at IS NULL",
                 p, 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "this link does not name a quote");
    else
        read_row(a, r, 0, q);
    db_res_free(r);
    return rc < 0 ? rc : read_lines(db, q, 1, 0, e);
}

int store_quote_accepted_by(struct db *db, long long id, const char *name, struct err *e)
{
    struct db_val p[] = {DB_INT(id), DB_TEXT(name)};
    return db_exec(db, "UPDATE quotes SET accepted_name = $2 WHERE id = $1", p, 2, NULL, e);
}
