/*
 * store_client.c — clients in SQL (see store_client.h).
 *
 * Search has two indexes, both rewritten whenever a client changes: client_terms, the words of
 * each client (domain/search.c), where a word w matches the terms in [w, w + U+10FFFF) in byte
 * order on both backends (COLLATE "C" on PostgreSQL); and client_prefixes, the first 1–5
 * characters of those terms with the client's list order, where a short word is one exact key
 * whose rows are already sorted. Which index drives a search is decided here, the same way for
 * both backends (see FEW_MATCHES), instead of trusting each planner with a generic plan.
 */
#include "store/store_client.h"

#include "domain/search.h"
#include "store/store_page.h"
#include "util/buf.h"

#include <string.h>

#define COLS                                                                                       \
    "c.id, c.first_name, c.last_name, c.email, c.phone, c.date_of_birth, c.clinic_id, c.notes, "   \
    "c.created_at, c.updated_at, c.sort_key"

static const char max_char[] = "\xf4\x8f\xbf\xbf"; /* U+10FFFF */

static void read_client(struct arena *a, struct db_res *r, int row, struct client *c)
{
    c->id = db_res_int(r, row, 0);
    c->first_name = arena_strdup(a, db_res_text(r, row, 1));
    c->last_name = arena_strdup(a, db_res_text(r, row, 2));
    c->email = arena_strdup(a, db_res_text(r, row, 3));
    c->phone = arena_strdup(a, db_res_text(r, row, 4));
    c->date_of_birth = arena_strdup(a, db_res_text(r, row, 5));
    c->clinic_id = db_res_int(r, row, 6);
    c->notes = arena_strdup(a, db_res_text(r, row, 7));
    c->created_at = db_res_int(r, row, 8);
    c->updated_at = db_res_int(r, row, 9);
}

static int check_clinic(struct db *db, long long clinic_id, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id)};
    struct db_res *r;
    if (db_query(db, "SELECT 1 FROM clinics WHERE id = $1", p, 1, &r, e) < 0)
        return -1;
    int found = db_res_rows(r);
    db_res_free(r);
    return found ? 0 : err_set(e, ERR_INVALID, "clinic_id", "no clinic %lld", clinic_id);
}

/* Inserts one row per word of words into table (columns: word, sort_key, client_id,
 * clinic_id) with one statement: "VALUES ($4, $1, $2, $3), ($5, $1, $2, $3), …". */
static int insert_words(struct db *db, struct arena *a, const char *table, char **words,
                        const struct client *c, const char *sort_key, struct err *e)
{
    int n = 0;
    while (words[n])
        n++;
    if (!n)
        return 0;
    struct db_val *p = arena_alloc(a, sizeof *p * (size_t)(n + 3));
    p[0] = DB_TEXT(sort_key);
    p[1] = DB_INT(c->id);
    p[2] = DB_INT(c->clinic_id);
    struct buf sql = {0};
    /* table is one of two constants below, never data */
    buf_printf(&sql, "INSERT INTO %s VALUES ", table);
    for (int i = 0; i < n; i++) {
        p[i + 3] = DB_TEXT(words[i]);
        buf_printf(&sql, "%s($%d, $1, $2, $3)", i ? ", " : "", i + 4);
    }
    int rc = db_exec(db, sql.data, p, n + 3, NULL, e);
    buf_free(&sql);
    return rc;
}

/* Rewrites the search rows of c: its terms and their prefixes. */
static int write_search(struct db *db, struct arena *a, const struct client *c, bool fresh,
                        struct err *e)
{
    struct db_val id[] = {DB_INT(c->id)};
    if (!fresh &&
        (db_exec(db, "DELETE FROM client_terms WHERE client_id = $1", id, 1, NULL, e) < 0 ||
         db_exec(db, "DELETE FROM client_prefixes WHERE client_id = $1", id, 1, NULL, e) < 0))
        return -1;
    char **terms = search_client_terms(a, c->first_name, c->last_name, c->email, c->phone);
    char *sort_key = search_sort_key(a, c->first_name, c->last_name);
    if (insert_words(db, a, "client_terms (term, sort_key, client_id, clinic_id)", terms, c,
                     sort_key, e) < 0)
        return -1;
    return insert_words(db, a, "client_prefixes (prefix, sort_key, client_id, clinic_id)",
                        search_prefixes(a, terms), c, sort_key, e);
}

/* The first nine parameters of both the INSERT and the UPDATE of a client, in column order. */
enum { CLIENT_PARAMS = 9 };

static void client_params(struct arena *a, const struct client *c, long long now,
                          struct db_val p[CLIENT_PARAMS])
{
    p[0] = DB_TEXT(c->first_name);
    p[1] = DB_TEXT(c->last_name);
    p[2] = DB_TEXT(c->email);
    p[3] = DB_TEXT(c->phone);
    p[4] = DB_TEXT(c->date_of_birth);
    p[5] = DB_INT(c->clinic_id);
    p[6] = DB_TEXT(c->notes);
    p[7] = DB_INT(now);
    p[8] = DB_TEXT(search_sort_key(a, c->first_name, c->last_name));
}

static int insert(struct db *db, struct arena *a, struct client *c, long long now, struct err *e)
{
    struct db_val p[CLIENT_PARAMS];
    client_params(a, c, now, p);
    struct db_res *r;
    if (db_query(db,
                 "INSERT INTO clients (first_name, last_name, email, phone, date_of_birth, "
                 "clinic_id, notes, created_at, updated_at, sort_key) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id",
                 p, 9, &r, e) < 0)
        return -1;
    c->id = db_res_int(r, 0, 0);
    c->created_at = c->updated_at = now;
    db_res_free(r);
    return write_search(db, a, c, true, e);
}

int store_client_add(struct db *db, struct arena *a, struct client *c, long long now, struct err *e)
{
    if (check_clinic(db, c->clinic_id, e) < 0)
        return -1;
    return insert(db, a, c, now, e);
}

int store_client_bulk_add(struct db *db, struct client *items, int n, long long now, struct err *e)
{
    struct arena a = {0};
    if (db_begin(db, true, e) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (insert(db, &a, &items[i], now, e) < 0) {
            db_rollback(db);
            arena_free(&a);
            return -1;
        }
        if (i % 1000 == 999)
            arena_free(&a);
    }
    arena_free(&a);
    return db_commit(db, e);
}

int store_client_get(struct db *db, struct arena *a, long long id, struct client *c, struct err *e)
{
    struct db_val p[] = {DB_INT(id)};
    struct db_res *r;
    if (db_query(db, "SELECT " COLS " FROM clients c WHERE c.id = $1 AND c.deleted_at IS NULL", p,
                 1, &r, e) < 0)
        return -1;
    int rc = 0;
    if (db_res_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no client %lld", id);
    else
        read_client(a, r, 0, c);
    db_res_free(r);
    return rc;
}

/* Counts the terms that start with w, stopping at cap (a bounded probe of the term index). */
static int count_prefix(struct db *db, const char *w, const char *upper, long long cap,
                        long long *n, struct err *e)
{
    struct db_val p[] = {DB_TEXT(w), DB_TEXT(upper), DB_INT(cap)};
    struct db_res *r;
    if (db_query(db,
                 "SELECT COUNT(*) FROM (SELECT 1 FROM client_terms WHERE term >= $1 AND term < $2 "
                 "LIMIT $3) x",
                 p, 3, &r, e) < 0)
        return -1;
    *n = db_res_int(r, 0, 0);
    db_res_free(r);
    return 0;
}

/* A word longer than SEARCH_PREFIX with fewer matches than this drives its search from the term
 * index (its matches are few, so sorting them is cheap); otherwise a search reads the prefix
 * index of its longest word in list order, checking any other words as it goes. */
enum { FEW_MATCHES = 2000 };

int store_client_list(struct db *db, struct arena *a, char **words, int n_words,
                      long long clinic_id, const struct cursor *after, int limit,
                      struct client **items, int *n, struct cursor *next, struct err *e)
{
    if (n_words > SEARCH_MAX_WORDS)
        n_words = SEARCH_MAX_WORDS;
    char *upper[SEARCH_MAX_WORDS];
    int term_driver = -1, prefix_driver = -1;
    long long fewest = FEW_MATCHES;
    for (int i = 0; i < n_words; i++) {
        upper[i] = arena_printf(a, "%s%s", words[i], max_char);
        int whole;
        search_prefix(a, words[i], &whole);
        if (prefix_driver < 0 || strlen(words[i]) > strlen(words[prefix_driver]))
            prefix_driver = i;
        if (whole)
            continue;
        long long count;
        if (count_prefix(db, words[i], upper[i], FEW_MATCHES, &count, e) < 0)
            return -1;
        if (count < fewest) {
            fewest = count;
            term_driver = i;
        }
    }
    /* The SQL text is assembled from constant fragments only; every value is a parameter.
     * t is the table the page is chosen from, in list order (t.sort_key, then the id). */
    struct buf sql = {0};
    struct db_val p[5 + 2 * SEARCH_MAX_WORDS];
    int np = 0, skip = -1;
    const char *t = "t", *id = "t.client_id";
    if (term_driver >= 0) {
        /* The first term rows in list order; a client has at most SEARCH_MAX_TERMS of them, so
         * that many rows per wanted client hold the page, and IN removes the repeats. */
        skip = term_driver;
        p[np++] = DB_TEXT(words[skip]);
        p[np++] = DB_TEXT(upper[skip]);
        buf_puts(&sql, "SELECT " COLS " FROM clients c WHERE c.id IN (SELECT t.client_id "
                       "FROM client_terms t WHERE t.term >= $1 AND t.term < $2");
    } else if (prefix_driver >= 0) {
        int whole;
        p[np++] = DB_TEXT(search_prefix(a, words[prefix_driver], &whole));
        if (whole)
            skip = prefix_driver;
        buf_puts(&sql, "SELECT " COLS " FROM client_prefixes t JOIN clients c "
                       "ON c.id = t.client_id WHERE t.prefix = $1");
    } else {
        t = "c";
        id = "c.id";
        buf_puts(&sql, "SELECT " COLS " FROM clients c WHERE c.deleted_at IS NULL");
    }
    if (clinic_id) {
        p[np++] = DB_INT(clinic_id);
        buf_printf(&sql, " AND %s.clinic_id = $%d", t, np);
    }
    if (after) {
        p[np++] = DB_TEXT(after->key);
        p[np++] = DB_INT(after->id);
        buf_printf(&sql, " AND (%s.sort_key > $%d OR (%s.sort_key = $%d AND %s > $%d))", t, np - 1,
                   t, np - 1, id, np);
    }
    for (int i = 0; i < n_words; i++) {
        if (i == skip)
            continue;
        p[np++] = DB_TEXT(words[i]);
        p[np++] = DB_TEXT(upper[i]);
        buf_printf(&sql,
                   " AND EXISTS (SELECT 1 FROM client_terms u WHERE u.client_id = %s "
                   "AND u.term >= $%d AND u.term < $%d)",
                   id, np - 1, np);
    }
    if (term_driver >= 0) {
        p[np++] = DB_INT((long long)(limit + 1) * SEARCH_MAX_TERMS);
        p[np++] = DB_INT(limit + 1);
        buf_printf(&sql, " ORDER BY t.sort_key, %s LIMIT $%d) ORDER BY c.sort_key, c.id LIMIT $%d",
                   id, np - 1, np);
    } else {
        p[np++] = DB_INT(limit + 1);
        buf_printf(&sql, " ORDER BY %s.sort_key, %s LIMIT $%d", t, id, np);
    }

    struct db_res *r;
    int rc = db_query(db, sql.data, p, np, &r, e);
    buf_free(&sql);
    if (rc < 0)
        return -1;
    *n = store_page(r, a, limit, 10, next);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++)
        read_client(a, r, i, &(*items)[i]);
    db_res_free(r);
    return 0;
}

int store_client_update(struct db *db, struct arena *a, struct client *c, long long now,
                        struct err *e)
{
    if (check_clinic(db, c->clinic_id, e) < 0)
        return -1;
    struct db_val p[CLIENT_PARAMS + 1];
    client_params(a, c, now, p);
    p[CLIENT_PARAMS] = DB_INT(c->id);
    long long changed;
    if (db_exec(db,
                "UPDATE clients SET first_name = $1, last_name = $2, email = $3, phone = $4, "
                "date_of_birth = $5, clinic_id = $6, notes = $7, updated_at = $8, sort_key = $9 "
                "WHERE id = $10 AND deleted_at IS NULL",
                p, 10, &changed, e) < 0)
        return -1;
    if (!changed)
        return err_set(e, ERR_NOT_FOUND, NULL, "no client %lld", c->id);
    c->updated_at = now;
    return write_search(db, a, c, false, e);
}

int store_client_delete(struct db *db, long long id, long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(now), DB_INT(id)};
    long long changed;
    if (db_exec(db, "UPDATE clients SET deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL", p, 2,
                &changed, e) < 0)
        return -1;
    if (!changed)
        return err_set(e, ERR_NOT_FOUND, NULL, "no client %lld", id);
    struct db_val id_p[] = {DB_INT(id)};
    if (db_exec(db, "DELETE FROM client_terms WHERE client_id = $1", id_p, 1, NULL, e) < 0)
        return -1;
    return db_exec(db, "DELETE FROM client_prefixes WHERE client_id = $1", id_p, 1, NULL, e);
}
