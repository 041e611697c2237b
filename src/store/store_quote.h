/*
 * store_quote.h — price books and quotes in SQL. A clinic's price book is its stored terms and
 * prices over the defaults of src/domain/money.c (a clinic with nothing stored prices from the
 * defaults); a quote keeps its lines as they were priced, so later price changes never alter
 * a quote already given.
 */
#ifndef STIPPLE_STORE_QUOTE_H
#define STIPPLE_STORE_QUOTE_H

#include "domain/money.h"
#include "store/db.h"
#include "util/mem.h"

enum { QUOTE_MAX_LINES = AREA_COUNT };

struct quote_line {
    int area, band;
    long long book_pence, pence;
};

struct quote {
    long long id, client_id, clinic_id, consultation_id, course_id, created_at, updated_at;
    char *scale, *stage, *size_cm2, *currency, *valid_until, *status, *notes;
    long long discount_bp, subtotal, discount, total, deposit;
    int uplift_pct, sessions_included, estimated_minutes;
    int finance_months, finance_apr_bp; /* the representative example's terms when quoted */
    char *accepted_name;                /* the name the client typed to accept, via the link */
    int n_lines;
    struct quote_line lines[QUOTE_MAX_LINES];
};

/* store_price_book_get reads clinic_id's price book (the defaults where nothing is stored). */
int store_price_book_get(struct db *db, long long clinic_id, struct price_book *b, struct err *e);

/* store_price_book_put stores the whole book for clinic_id. */
int store_price_book_put(struct db *db, long long clinic_id, const struct price_book *b,
                         long long now, struct err *e);

/* store_quote_add stores q with its lines (sets id, created_at, updated_at). */
int store_quote_add(struct db *db, struct quote *q, long long user_id, long long now,
                    struct err *e);

/* store_quote_get reads quote id with its lines; ERR_NOT_FOUND when there is none (or its client
 * is deleted). */
int store_quote_get(struct db *db, struct arena *a, long long id, struct quote *q, struct err *e);

/* store_quote_list returns client_id's quotes with their lines, newest first (at most 200). */
int store_quote_list(struct db *db, struct arena *a, long long client_id, struct quote **items,
                     int *n, struct err *e);

/* store_quote_set_status moves quote id to status (and course_id when not 0), but only from
 * the status `from`: ERR_CONFLICT when another request changed it first. */
int store_quote_set_status(struct db *db, long long id, const char *from, const char *status,
                           long long course_id, long long now, struct err *e);

/* store_quote_share keeps hash (the SHA-256 of the quote's secret link token, hex) on quote id,
 * replacing any earlier link. */
int store_quote_share(struct db *db, long long id, const char *hash, long long now, struct err *e);

/* store_quote_by_share reads the quote whose link token hashes to hash; ERR_NOT_FOUND when
 * none. */
int store_quote_by_share(struct db *db, struct arena *a, const char *hash, struct quote *q,
                         struct err *e);

/* store_quote_accepted_by records the name the client typed to accept quote id. */
int store_quote_accepted_by(struct db *db, long long id, const char *name, struct err *e);

#endif
