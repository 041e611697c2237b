/*
 * db_impl.h — what the two backends share behind db.h: the connection header with its
 * operations table, the result builder, and the statement-cache hash. Only db*.c include it.
 */
#ifndef STIPPLE_DB_IMPL_H
#define STIPPLE_DB_IMPL_H

#include "store/db.h"
#include "util/buf.h"

#include <stdint.h>

struct db_ops {
    int (*query)(struct db *db, const char *sql, const struct db_val *p, int n, struct db_res **out,
                 long long *changed, struct err *e);
    int (*script)(struct db *db, const char *sql, struct err *e);
    int (*backup)(struct db *db, const char *path, struct err *e);
    int (*lock)(struct db *db, long long key, struct err *e);
    void (*close)(struct db *db);
};

struct db {
    enum db_kind kind;
    const struct db_ops *ops;
    bool in_tx;
    bool conflict; /* the transaction lost to a concurrent one (deadlock, serialization, busy) */
};

struct db_res {
    int rows, cols, cap;
    long *off; /* rows*cols offsets into text; -1 is NULL */
    struct buf text;
};

/* db_res_new returns an empty result of cols columns. */
struct db_res *db_res_new(int cols);
/* db_res_add_row appends a row of NULL cells. */
void db_res_add_row(struct db_res *r);
/* db_res_set sets column col of the last row to n bytes of s (s NULL: SQL NULL). */
void db_res_set(struct db_res *r, int col, const char *s, size_t n);

/* db_sql_hash hashes SQL text for the statement caches (FNV-1a). */
uint64_t db_sql_hash(const char *sql);

int db_sqlite_open(const char *path, const char *sync, struct db **out, struct err *e);
int db_pg_open(const char *url, struct db **out, struct err *e);

#endif
