/*
 * db.h — the narrow database interface every store_* file uses, over SQLite or PostgreSQL.
 *
 * One `struct db` is one connection, used by one thread at a time. SQL text is the same for both
 * backends: parameters are written $1, $2, … and bound from an array of `struct db_val`; results
 * are fully read into a `struct db_res` of text cells. Statements are prepared once per
 * connection and cached by their SQL text, so callers pass string constants. No SQL is ever built
 * from data. Constraint violations come back as ERR_CONFLICT (unique) or ERR_INVALID (foreign
 * key) so the API can answer 409 or 422 instead of 500.
 */
#ifndef STIPPLE_DB_H
#define STIPPLE_DB_H

#include "util/err.h"

#include <stdbool.h>
#include <stddef.h>

enum db_kind { DB_SQLITE, DB_POSTGRESQL };

enum db_type { DBV_NULL, DBV_INT, DBV_TEXT, DBV_BLOB };

struct db_val {
    enum db_type type;
    long long i;
    const char *s;
};

/* Parameter constructors: an integer, a text (NULL binds SQL NULL), an id (0 binds NULL). */
#define DB_INT(x) ((struct db_val){DBV_INT, (x), NULL})
#define DB_TEXT(x) ((struct db_val){(x) ? DBV_TEXT : DBV_NULL, 0, (x)})
#define DB_ID(x) ((x) ? DB_INT(x) : DB_NULL)
#define DB_NULL ((struct db_val){DBV_NULL, 0, NULL})
/* DB_BLOB binds n bytes at p as a BLOB (SQLite) or bytea (PostgreSQL); read back with db_res_len.
 */
#define DB_BLOB(p, n) ((struct db_val){DBV_BLOB, (long long)(n), (const char *)(p)})

struct db;
struct db_res;

/* db_open connects to url: "sqlite:PATH" (":memory:" allowed), a bare path, or a
 * "postgresql://…" / "postgres://…" URL. sqlite_sync is the PRAGMA synchronous value for SQLite
 * ("FULL" by default when NULL). On success *out owns the connection (db_close frees it). */
int db_open(const char *url, const char *sqlite_sync, struct db **out, struct err *e);

/* db_close closes the connection and frees its statement cache; NULL is ignored. */
void db_close(struct db *db);

/* db_kind says which backend db is. */
enum db_kind db_kind(const struct db *db);

/* db_kind_name returns "sqlite" or "postgresql". */
const char *db_kind_name(enum db_kind k);

/* db_query runs sql with n parameters and, when out is not NULL, stores every row in *out
 * (caller frees with db_res_free). Returns 0 or -1 with e filled. */
int db_query(struct db *db, const char *sql, const struct db_val *params, int n,
             struct db_res **out, struct err *e);

/* db_exec is db_query without rows; *changed (when not NULL) gets the number of rows changed. */
int db_exec(struct db *db, const char *sql, const struct db_val *params, int n, long long *changed,
            struct err *e);

/* db_script runs several ;-separated statements with no parameters (migrations only). */
int db_script(struct db *db, const char *sql, struct err *e);

/* db_begin starts a transaction; write=true takes the write lock at once (SQLite BEGIN
 * IMMEDIATE) so a writer never fails half-way on a lock upgrade. */
int db_begin(struct db *db, bool write, struct err *e);
int db_commit(struct db *db, struct err *e);
/* db_rollback ends the open transaction, if any, discarding its changes. */
void db_rollback(struct db *db);
/* db_in_tx says whether a transaction is open. */
bool db_in_tx(const struct db *db);
/* db_tx_conflict says whether a statement since the last db_begin failed only because a
 * concurrent transaction got in the way (PostgreSQL deadlock or serialization failure, SQLite
 * busy): running the whole transaction again, from db_begin, may then succeed. */
bool db_tx_conflict(const struct db *db);

/* db_res_rows returns the number of rows of r (0 for NULL). */
int db_res_rows(const struct db_res *r);
/* db_res_cols returns the number of columns of r (0 for NULL). */
int db_res_cols(const struct db_res *r);
/* db_res_text returns the cell's text, or NULL for SQL NULL; valid until db_res_free. */
const char *db_res_text(const struct db_res *r, int row, int col);
/* db_res_int returns the cell as an integer (0 for NULL). */
long long db_res_int(const struct db_res *r, int row, int col);
/* db_res_len is the length in bytes of a cell (a BLOB/bytea cell holds the raw bytes, still
 * followed by a NUL); 0 for NULL. */
size_t db_res_len(const struct db_res *r, int row, int col);
void db_res_free(struct db_res *r);

/* db_lock serialises writers that check an invariant across rows (e.g. "one owner remains"):
 * inside a write transaction, it waits for any other transaction holding key and holds key until
 * commit. On SQLite the write transaction already excludes every other writer. */
int db_lock(struct db *db, long long key, struct err *e);

/* Keys for db_lock. */
enum { DB_LOCK_MIGRATE = 7357001, DB_LOCK_OWNERS = 7357002 };

/* db_ping runs a trivial query: 0 when the database answers. */
int db_ping(struct db *db, struct err *e);

/* db_backup writes a consistent copy of the live database to path: an SQLite file, or for
 * PostgreSQL a pg_dump custom-format archive. */
int db_backup(struct db *db, const char *path, struct err *e);

#endif
