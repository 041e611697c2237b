/*
 * db.c — backend dispatch, transactions and result storage for db.h.
 */
#include "store/db_impl.h"

#include "util/mem.h"

#include <stdlib.h>
#include <string.h>

int db_open(const char *url, const char *sqlite_sync, struct db **out, struct err *e)
{
    *out = NULL;
    if (!url || !*url)
        return err_set(e, ERR_INVALID, "db", "no database given");
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
        return db_pg_open(url, out, e);
    if (strncmp(url, "sqlite:", 7) == 0)
        url += 7;
    return db_sqlite_open(url, sqlite_sync ? sqlite_sync : "FULL", out, e);
}

void db_close(struct db *db)
{
    if (db)
        db->ops->close(db);
}

enum db_kind db_kind(const struct db *db)
{
    return db->kind;
}

const char *db_kind_name(enum db_kind k)
{
    return k == DB_SQLITE ? "sqlite" : "postgresql";
}

int db_query(struct db *db, const char *sql, const struct db_val *params, int n,
             struct db_res **out, struct err *e)
{
    if (out)
        *out = NULL;
    return db->ops->query(db, sql, params, n, out, NULL, e);
}

int db_exec(struct db *db, const char *sql, const struct db_val *params, int n, long long *changed,
            struct err *e)
{
    long long dummy;
    return db->ops->query(db, sql, params, n, NULL, changed ? changed : &dummy, e);
}

int db_script(struct db *db, const char *sql, struct err *e)
{
    return db->ops->script(db, sql, e);
}

int db_begin(struct db *db, bool write, struct err *e)
{
    const char *sql = db->kind == DB_SQLITE && write ? "BEGIN IMMEDIATE" : "BEGIN";
    db->conflict = false;
    if (db_exec(db, sql, NULL, 0, NULL, e) < 0)
        return -1;
    db->in_tx = true;
    return 0;
}

int db_commit(struct db *db, struct err *e)
{
    int rc = db_exec(db, "COMMIT", NULL, 0, NULL, e);
    if (rc < 0)
        db_rollback(db);
    db->in_tx = false;
    return rc;
}

void db_rollback(struct db *db)
{
    if (!db->in_tx)
        return;
    struct err ignored;
    db_exec(db, "ROLLBACK", NULL, 0, NULL, &ignored);
    db->in_tx = false;
}

bool db_in_tx(const struct db *db)
{
    return db->in_tx;
}

bool db_tx_conflict(const struct db *db)
{
    return db->conflict;
}

int db_lock(struct db *db, long long key, struct err *e)
{
    return db->ops->lock(db, key, e);
}

int db_ping(struct db *db, struct err *e)
{
    return db_exec(db, "SELECT 1", NULL, 0, NULL, e);
}

int db_backup(struct db *db, const char *path, struct err *e)
{
    return db->ops->backup(db, path, e);
}

struct db_res *db_res_new(int cols)
{
    struct db_res *r = xcalloc(1, sizeof *r);
    r->cols = cols;
    return r;
}

void db_res_add_row(struct db_res *r)
{
    if (r->rows == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->off =
            xrealloc(r->off, sizeof *r->off * (size_t)r->cap * (size_t)(r->cols ? r->cols : 1));
    }
    for (int c = 0; c < r->cols; c++)
        r->off[r->rows * r->cols + c] = -1;
    r->rows++;
}

void db_res_set(struct db_res *r, int col, const char *s, size_t n)
{
    if (!s)
        return;
    r->off[(r->rows - 1) * r->cols + col] = (long)r->text.len;
    buf_append(&r->text, s, n);
    buf_append(&r->text, "", 1);
}

int db_res_rows(const struct db_res *r)
{
    return r ? r->rows : 0;
}

int db_res_cols(const struct db_res *r)
{
    return r ? r->cols : 0;
}

const char *db_res_text(const struct db_res *r, int row, int col)
{
    if (!r || row < 0 || row >= r->rows || col < 0 || col >= r->cols)
        return NULL;
    long off = r->off[row * r->cols + col];
    return off < 0 ? NULL : r->text.data + off;
}

long long db_res_int(const struct db_res *r, int row, int col)
{
    const char *s = db_res_text(r, row, col);
    return s ? strtoll(s, NULL, 10) : 0;
}

size_t db_res_len(const struct db_res *r, int row, int col)
{
    const char *s = db_res_text(r, row, col);
    if (!s)
        return 0;
    /* cells are appended in order, each followed by a NUL: the next set cell starts after it */
    for (int k = row * r->cols + col + 1; k < r->rows * r->cols; k++)
        if (r->off[k] >= 0)
            return (size_t)(r->off[k] - (s - r->text.data) - 1);
    return r->text.len - (size_t)(s - r->text.data) - 1;
}

void db_res_free(struct db_res *r)
{
    if (!r)
        return;
    free(r->off);
    buf_free(&r->text);
    free(r);
}

uint64_t db_sql_hash(const char *sql)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}
