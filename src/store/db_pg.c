/*
 * db_pg.c — the PostgreSQL backend of db.h (libpq).
 *
 * Statements are prepared once per connection (named s1, s2, …) and cached by SQL text; every
 * parameter travels as text. A lost connection is reset on the next call and the cache emptied,
 * so a restarted server or a failover costs one failed request, not a dead worker.
 */
#include "store/db_impl.h"

#include "util/mem.h"

#include <libpq-fe.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define BYTEA_OID 17 /* pg_type.oid of bytea: fixed since PostgreSQL 7 */

extern char **environ;

enum { CACHE_SLOTS = 256, MAX_PARAMS = 512 };

struct cached {
    uint64_t hash;
    char *sql;
    int name;
};

struct pdb {
    struct db base;
    PGconn *c;
    char *url;
    int next_name;
    struct cached cache[CACHE_SLOTS];
};

static void clear_cache(struct pdb *p)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        free(p->cache[i].sql);
        p->cache[i].sql = NULL;
    }
}

static int fail_res(struct pdb *p, PGresult *r, struct err *e)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    /* The primary message only: DETAIL lines quote row values (client data) into logs. */
    const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *msg = primary ? primary : PQerrorMessage(p->c);
    int rc;
    if (state && (strcmp(state, "23505") == 0 || strcmp(state, "23P01") == 0))
        rc = err_set(e, ERR_CONFLICT, NULL, "conflict: %s", msg);
    else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)) {
        p->base.conflict = true;
        rc = err_set(e, ERR_UNAVAILABLE, NULL, "transaction conflict, retry: %s", msg);
    } else if (state && strcmp(state, "23503") == 0)
        rc = err_set(e, ERR_INVALID, NULL, "refers to a record that does not exist");
    else if (PQstatus(p->c) != CONNECTION_OK)
        rc = err_set(e, ERR_UNAVAILABLE, NULL, "database connection lost: %s", msg);
    else
        rc = err_set(e, ERR_INTERNAL, NULL, "postgresql: %s", msg);
    PQclear(r);
    return rc;
}

/* Ensures the connection is up; after a reset the prepared statements are gone. */
static int alive(struct pdb *p, struct err *e)
{
    if (PQstatus(p->c) == CONNECTION_OK)
        return 0;
    if (p->base.in_tx)
        return err_set(e, ERR_UNAVAILABLE, NULL, "database connection lost in a transaction");
    PQreset(p->c);
    clear_cache(p);
    if (PQstatus(p->c) != CONNECTION_OK)
        return err_set(e, ERR_UNAVAILABLE, NULL, "database unavailable: %s", PQerrorMessage(p->c));
    return 0;
}

/* Returns the prepared statement name number for sql, preparing it on first use; 0 means the
 * cache is full and the caller runs it unprepared. */
static int prepared(struct pdb *p, const char *sql, struct err *e)
{
    uint64_t h = db_sql_hash(sql);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        struct cached *c = &p->cache[(h + (uint64_t)i) % CACHE_SLOTS];
        if (c->sql && c->hash == h && strcmp(c->sql, sql) == 0)
            return c->name;
        if (!c->sql) {
            char name[32];
            int n = ++p->next_name;
            snprintf(name, sizeof name, "s%d", n);
            PGresult *r = PQprepare(p->c, name, sql, 0, NULL);
            if (PQresultStatus(r) != PGRES_COMMAND_OK)
                return fail_res(p, r, e);
            PQclear(r);
            c->hash = h;
            c->sql = xstrdup(sql);
            c->name = n;
            return n;
        }
    }
    return 0;
}

/* Sets a bytea cell from its text form (hex, "\\x…") as the raw bytes. */
static void set_bytea(struct db_res *res, int col, const char *text)
{
    size_t n = 0;
    unsigned char *raw = PQunescapeBytea((const unsigned char *)text, &n);
    if (!raw)
        abort(); /* out of memory, as xmalloc */
    db_res_set(res, col, (const char *)raw, n);
    PQfreemem(raw);
}

static int pg_query(struct db *db, const char *sql, const struct db_val *v, int n,
                    struct db_res **out, long long *changed, struct err *e)
{
    struct pdb *p = (struct pdb *)db;
    if (n > MAX_PARAMS)
        return err_set(e, ERR_INTERNAL, NULL, "too many parameters");
    if (alive(p, e) < 0)
        return -1;
    char ints[MAX_PARAMS][24];
    const char *vals[MAX_PARAMS];
    int lens[MAX_PARAMS], fmts[MAX_PARAMS];
    for (int i = 0; i < n; i++) {
        lens[i] = v[i].type == DBV_BLOB ? (int)v[i].i : 0;
        fmts[i] = v[i].type == DBV_BLOB; /* bytes go in binary, everything else as text */
        if (v[i].type == DBV_BLOB)
            vals[i] = v[i].s;
        else if (v[i].type == DBV_INT) {
            snprintf(ints[i], sizeof ints[i], "%lld", v[i].i);
            vals[i] = ints[i];
        } else
            vals[i] = v[i].type == DBV_TEXT ? v[i].s : NULL;
    }
    int name = prepared(p, sql, e);
    if (name < 0)
        return -1;
    PGresult *r;
    if (name > 0) {
        char sname[32];
        snprintf(sname, sizeof sname, "s%d", name);
        r = PQexecPrepared(p->c, sname, n, vals, lens, fmts, 0);
    } else
        r = PQexecParams(p->c, sql, n, NULL, vals, lens, fmts, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return fail_res(p, r, e);
    if (changed) {
        const char *t = PQcmdTuples(r);
        *changed = t && *t ? strtoll(t, NULL, 10) : 0;
    }
    if (out) {
        int rows = PQntuples(r), cols = PQnfields(r);
        struct db_res *res = db_res_new(cols);
        for (int i = 0; i < rows; i++) {
            db_res_add_row(res);
            for (int c = 0; c < cols; c++)
                if (PQgetisnull(r, i, c))
                    continue;
                else if (PQftype(r, c) == BYTEA_OID)
                    set_bytea(res, c, PQgetvalue(r, i, c));
                else
                    db_res_set(res, c, PQgetvalue(r, i, c), (size_t)PQgetlength(r, i, c));
        }
        *out = res;
    }
    PQclear(r);
    return 0;
}

static int pg_script(struct db *db, const char *sql, struct err *e)
{
    struct pdb *p = (struct pdb *)db;
    if (alive(p, e) < 0)
        return -1;
    PGresult *r = PQexec(p->c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        return fail_res(p, r, e);
    PQclear(r);
    return 0;
}

static int pg_backup(struct db *db, const char *path, struct err *e)
{
    struct pdb *p = (struct pdb *)db;
    char *argv[] = {"pg_dump",    "--format=custom", "--no-owner", "--file",
                    (char *)path, "--dbname",        p->url,       NULL};
    pid_t pid;
    if (posix_spawnp(&pid, "pg_dump", NULL, NULL, argv, environ) != 0)
        return err_set(e, ERR_UNAVAILABLE, NULL, "cannot run pg_dump (install postgresql-client)");
    int status;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return err_set(e, ERR_INTERNAL, NULL, "pg_dump failed");
    return 0;
}

static int pg_lock(struct db *db, long long key, struct err *e)
{
    struct db_val k[] = {DB_INT(key)};
    return db_exec(db, "SELECT pg_advisory_xact_lock($1)", k, 1, NULL, e);
}

static void pg_close(struct db *db)
{
    struct pdb *p = (struct pdb *)db;
    clear_cache(p);
    PQfinish(p->c);
    free(p->url);
    free(p);
}

static const struct db_ops ops = {pg_query, pg_script, pg_backup, pg_lock, pg_close};

static void quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg; /* NOTICEs (e.g. "relation already exists, skipping") are not errors */
}

int db_pg_open(const char *url, struct db **out, struct err *e)
{
    struct pdb *p = xcalloc(1, sizeof *p);
    p->base.kind = DB_POSTGRESQL;
    p->base.ops = &ops;
    /* Without a connect timeout libpq waits forever for a host that drops packets, and every
     * worker would hang with it. */
    size_t n = strlen(url) + 32;
    p->url = xmalloc(n);
    snprintf(p->url, n, "%s%s", url,
             strstr(url, "connect_timeout=") ? ""
             : strchr(url, '?')              ? "&connect_timeout=5"
                                             : "?connect_timeout=5");
    p->c = PQconnectdb(p->url);
    if (PQstatus(p->c) != CONNECTION_OK) {
        err_set(e, ERR_UNAVAILABLE, "db", "cannot connect to PostgreSQL: %s", PQerrorMessage(p->c));
        pg_close(&p->base);
        return -1;
    }
    PQsetNoticeProcessor(p->c, quiet, NULL);
    if (pg_script(&p->base, "SET TIME ZONE 'UTC'", e) < 0) {
        pg_close(&p->base);
        return -1;
    }
    *out = &p->base;
    return 0;
}
