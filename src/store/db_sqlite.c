/*
 * db_sqlite.c — the SQLite backend of db.h.
 *
 * The connection runs in WAL mode with foreign keys on, a busy timeout, and the configured
 * `synchronous` level (FULL by default, so an acknowledged commit survives power loss).
 * Parameters are named $1…$N in the SQL and bound by name, so one SQL text serves both backends.
 * Prepared statements are cached per connection, keyed by SQL text.
 */
#include "store/db_impl.h"

#include "util/mem.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { CACHE_SLOTS = 256 };

struct cached {
    uint64_t hash;
    char *sql;
    sqlite3_stmt *stmt;
    int *param; /* param[i - 1]: which $k binds SQLite parameter i (0: unknown) */
    int n_param;
};

struct sdb {
    struct db base;
    sqlite3 *h;
    struct cached cache[CACHE_SLOTS];
};

static int fail(struct sdb *s, struct err *e, const char *what)
{
    int x = sqlite3_extended_errcode(s->h);
    const char *msg = sqlite3_errmsg(s->h);
    if (x == SQLITE_CONSTRAINT_UNIQUE || x == SQLITE_CONSTRAINT_PRIMARYKEY)
        return err_set(e, ERR_CONFLICT, NULL, "already exists (%s)", msg);
    if (x == SQLITE_CONSTRAINT_FOREIGNKEY)
        return err_set(e, ERR_INVALID, NULL, "refers to a record that does not exist");
    if ((x & 0xff) == SQLITE_BUSY || (x & 0xff) == SQLITE_LOCKED) {
        s->base.conflict = true;
        return err_set(e, ERR_UNAVAILABLE, NULL, "database busy: %s", msg);
    }
    return err_set(e, ERR_INTERNAL, NULL, "sqlite %s: %s", what, msg);
}

/* Maps each SQLite parameter index to the k of its name "$k", once per statement: looking names
 * up on every execution is linear per parameter. Caller frees. */
static int *param_map(sqlite3_stmt *st, int *n)
{
    *n = sqlite3_bind_parameter_count(st);
    int *map = xcalloc((size_t)(*n > 0 ? *n : 1), sizeof *map);
    for (int i = 1; i <= *n; i++) {
        const char *name = sqlite3_bind_parameter_name(st, i);
        map[i - 1] = name && name[0] == '$' ? atoi(name + 1) : 0;
    }
    return map;
}

/* Returns the cached statement for sql, preparing it on first use; *temp is set when the cache
 * is full and the caller must finalize the statement itself. *map gets the parameter map. */
static sqlite3_stmt *statement(struct sdb *s, const char *sql, bool *temp, int **map, int *n_map,
                               struct err *e)
{
    uint64_t h = db_sql_hash(sql);
    *temp = false;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        struct cached *c = &s->cache[(h + (uint64_t)i) % CACHE_SLOTS];
        if (c->stmt && c->hash == h && strcmp(c->sql, sql) == 0) {
            *map = c->param;
            *n_map = c->n_param;
            return c->stmt;
        }
        if (!c->stmt) {
            if (sqlite3_prepare_v3(s->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->stmt, NULL) !=
                SQLITE_OK) {
                c->stmt = NULL;
                fail(s, e, "prepare");
                return NULL;
            }
            c->hash = h;
            c->sql = xstrdup(sql);
            c->param = param_map(c->stmt, &c->n_param);
            *map = c->param;
            *n_map = c->n_param;
            return c->stmt;
        }
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->h, sql, -1, &st, NULL) != SQLITE_OK) {
        fail(s, e, "prepare");
        return NULL;
    }
    *temp = true;
    *map = param_map(st, n_map);
    return st;
}

static int bind(struct sdb *s, sqlite3_stmt *st, const int *map, int n_map, const struct db_val *p,
                int n, struct err *e)
{
    for (int i = 1; i <= n_map; i++) {
        int k = map[i - 1];
        if (k < 1 || k > n)
            return err_set(e, ERR_INTERNAL, NULL, "sqlite: parameter %d of the SQL not given", i);
        const struct db_val *v = &p[k - 1];
        int rc = v->type == DBV_INT    ? sqlite3_bind_int64(st, i, v->i)
                 : v->type == DBV_TEXT ? sqlite3_bind_text(st, i, v->s, -1, SQLITE_STATIC)
                 : v->type == DBV_BLOB
                     ? sqlite3_bind_blob64(st, i, v->s, (sqlite3_uint64)v->i, SQLITE_STATIC)
                     : sqlite3_bind_null(st, i);
        if (rc != SQLITE_OK)
            return fail(s, e, "bind");
    }
    return 0;
}

static int sq_query(struct db *db, const char *sql, const struct db_val *p, int n,
                    struct db_res **out, long long *changed, struct err *e)
{
    struct sdb *s = (struct sdb *)db;
    bool temp;
    int *map, n_map;
    sqlite3_stmt *st = statement(s, sql, &temp, &map, &n_map, e);
    if (!st)
        return -1;
    int rc = bind(s, st, map, n_map, p, n, e);
    struct db_res *r = NULL;
    if (rc == 0 && out)
        r = db_res_new(sqlite3_column_count(st));
    while (rc == 0) {
        int step = sqlite3_step(st);
        if (step == SQLITE_DONE)
            break;
        if (step != SQLITE_ROW) {
            rc = fail(s, e, "step");
            break;
        }
        if (!r)
            continue;
        db_res_add_row(r);
        for (int c = 0; c < r->cols; c++) {
            if (sqlite3_column_type(st, c) == SQLITE_BLOB) {
                const void *b = sqlite3_column_blob(st, c);
                db_res_set(r, c, b ? b : "", (size_t)sqlite3_column_bytes(st, c));
                continue;
            }
            const char *t = (const char *)sqlite3_column_text(st, c);
            db_res_set(r, c, t, t ? (size_t)sqlite3_column_bytes(st, c) : 0);
        }
    }
    if (rc == 0 && changed)
        *changed = sqlite3_changes(s->h);
    if (temp) {
        sqlite3_finalize(st);
        free(map);
    } else {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    if (rc < 0) {
        db_res_free(r);
        return -1;
    }
    if (out)
        *out = r;
    return 0;
}

static int sq_script(struct db *db, const char *sql, struct err *e)
{
    struct sdb *s = (struct sdb *)db;
    char *msg = NULL;
    if (sqlite3_exec(s->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(e, ERR_INTERNAL, NULL, "sqlite: %s", msg ? msg : "script failed");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

static int sq_backup(struct db *db, const char *path, struct err *e)
{
    struct sdb *s = (struct sdb *)db;
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return err_set(e, ERR_INVALID, "file", "backup path too long");
    unlink(tmp);
    sqlite3 *dst;
    if (sqlite3_open(tmp, &dst) != SQLITE_OK) {
        err_set(e, ERR_INVALID, "file", "cannot create %s: %s", tmp, sqlite3_errmsg(dst));
        sqlite3_close(dst);
        return -1;
    }
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->h, "main");
    int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    if (b)
        sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        err_set(e, ERR_INTERNAL, NULL, "backup failed: %s", sqlite3_errmsg(dst));
        sqlite3_close(dst);
        unlink(tmp);
        return -1;
    }
    sqlite3_close(dst);
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        return err_set(e, ERR_INVALID, "file", "cannot write %s", path);
    }
    return 0;
}

static int sq_lock(struct db *db, long long key, struct err *e)
{
    (void)db;
    (void)key;
    (void)e;
    return 0; /* BEGIN IMMEDIATE already holds the database's only write lock */
}

static void sq_close(struct db *db)
{
    struct sdb *s = (struct sdb *)db;
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (s->cache[i].stmt) {
            sqlite3_finalize(s->cache[i].stmt);
            free(s->cache[i].sql);
            free(s->cache[i].param);
        }
    }
    sqlite3_close(s->h);
    free(s);
}

static const struct db_ops ops = {sq_query, sq_script, sq_backup, sq_lock, sq_close};

static pthread_once_t configured = PTHREAD_ONCE_INIT;

static void configure(void)
{
    /* Memory statistics take a global mutex on every allocation; stipple does not read them. */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_sqlite_open(const char *path, const char *sync, struct db **out, struct err *e)
{
    pthread_once(&configured, configure);
    struct sdb *s = xcalloc(1, sizeof *s);
    s->base.kind = DB_SQLITE;
    s->base.ops = &ops;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->h, flags, NULL) != SQLITE_OK) {
        err_set(e, ERR_UNAVAILABLE, "db", "cannot open %s: %s", path, sqlite3_errmsg(s->h));
        sqlite3_close(s->h);
        free(s);
        return -1;
    }
    sqlite3_busy_timeout(s->h, 10000);
    char pragmas[256];
    const char *level = strcmp(sync, "NORMAL") == 0 ? "NORMAL"
                        : strcmp(sync, "OFF") == 0  ? "OFF"
                                                    : "FULL";
    snprintf(pragmas, sizeof pragmas,
             "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s; PRAGMA foreign_keys=ON; "
             "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-16384;",
             level);
    if (strcmp(path, ":memory:") == 0)
        snprintf(pragmas, sizeof pragmas, "PRAGMA foreign_keys=ON;");
    if (sq_script(&s->base, pragmas, e) < 0) {
        sq_close(&s->base);
        return -1;
    }
    *out = &s->base;
    return 0;
}
