/*
 * store_page.c — the next-page cursor of a list query (see store_page.h).
 */
#include "store/store_page.h"

int store_page(struct db_res *r, struct arena *a, int limit, int key_col, struct cursor *next)
{
    int rows = db_res_rows(r);
    next->key = NULL;
    next->id = 0;
    if (rows <= limit)
        return rows;
    next->key = arena_strdup(a, db_res_text(r, limit - 1, key_col));
    next->id = db_res_int(r, limit - 1, 0);
    return limit;
}
