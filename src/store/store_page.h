/*
 * store_page.h — the end of every keyset-paginated list query: the store functions ask for
 * limit + 1 rows, and the extra row, if it came, says there is a next page.
 */
#ifndef STIPPLE_STORE_PAGE_H
#define STIPPLE_STORE_PAGE_H

#include "domain/model.h"
#include "store/db.h"
#include "util/mem.h"

/* store_page returns how many rows of r to show (at most limit) and sets next to the position of
 * the last one shown — its id from column 0 and sort key from key_col, copied into a — when r
 * holds more than limit rows; otherwise next->key is NULL. */
int store_page(struct db_res *r, struct arena *a, int limit, int key_col, struct cursor *next);

#endif
