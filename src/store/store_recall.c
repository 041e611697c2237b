/*
 * store_recall.c — recall rules and facts in SQL (see store_recall.h).
 */
#include "store/store_recall.h"

int store_recall_rules(struct db *db, long long clinic_id, struct recall_rules *r, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id)};
    struct db_res *res;
    *r = recall_defaults;
    if (db_query(db,
                 "SELECT base_months, oily_sooner_months, sun_sooner_months, min_months FROM "
                 "recall_rules WHERE clinic_id = $1",
                 p, 1, &res, e) < 0)
        return -1;
    if (db_res_rows(res) == 1)
        *r = (struct recall_rules){(int)db_res_int(res, 0, 0), (int)db_res_int(res, 0, 1),
                                   (int)db_res_int(res, 0, 2), (int)db_res_int(res, 0, 3)};
    db_res_free(res);
    return 0;
}

int store_recall_rules_put(struct db *db, long long clinic_id, const struct recall_rules *r,
                           long long now, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id),
                         DB_INT(r->base_months),
                         DB_INT(r->oily_sooner_months),
                         DB_INT(r->sun_sooner_months),
                         DB_INT(r->min_months),
                         DB_INT(now)};
    return db_exec(db,
                   "INSERT INTO recall_rules (clinic_id, base_months, oily_sooner_months, "
                   "sun_sooner_months, min_months, updated_at) VALUES ($1, $2, $3, $4, $5, $6) "
                   "ON CONFLICT (clinic_id) DO UPDATE SET base_months = excluded.base_months, "
                   "oily_sooner_months = excluded.oily_sooner_months, sun_sooner_months = "
                   "excluded.sun_sooner_months, min_months = excluded.min_months, updated_at = "
                   "excluded.updated_at",
                   p, 6, NULL, e);
}

int store_recall_facts(struct db *db, struct arena *a, long long clinic_id, long long now,
                       struct recall_fact **items, int *n, struct err *e)
{
    struct db_val p[] = {DB_INT(clinic_id), DB_INT(now)};
    struct db_res *r;
    if (db_query(
            db,
            "SELECT c.id, c.first_name, c.last_name, c.email, c.phone, MAX(s.session_on), "
            "(SELECT k.skin FROM consultations k WHERE k.client_id = c.id ORDER BY k.consult_date "
            "DESC, k.id DESC LIMIT 1), (SELECT k.sun_exposure FROM consultations k WHERE "
            "k.client_id = c.id ORDER BY k.consult_date DESC, k.id DESC LIMIT 1), (SELECT COUNT(*) "
            "FROM appointments t WHERE t.client_id = c.id AND t.kind = 'touch_up' AND "
            "t.status = 'booked' AND t.start_at > $2) FROM clients c JOIN session_records s "
            "ON s.client_id = c.id WHERE c.clinic_id = $1 AND c.deleted_at IS NULL GROUP "
            "BY c.id, c.first_name, c.last_name, c.email, c.phone ORDER BY MAX(s.session_on), "
            "c.id LIMIT 5000",
            p, 2, &r, e) < 0)
        return -1;
    *n = db_res_rows(r);
    *items = arena_alloc(a, sizeof **items * (size_t)(*n + 1));
    for (int i = 0; i < *n; i++) {
        struct recall_fact *x = &(*items)[i];
        x->client_id = db_res_int(r, i, 0);
        x->first_name = arena_strdup(a, db_res_text(r, i, 1));
        x->last_name = arena_strdup(a, db_res_text(r, i, 2));
        x->email = arena_strdup(a, db_res_text(r, i, 3));
        x->phone = arena_strdup(a, db_res_text(r, i, 4));
        x->last_session_on = arena_strdup(a, db_res_text(r, i, 5));
        x->oily = db_res_int(r, i, 6) == 1;     /* consult_skins: 1 = oily */
        x->high_sun = db_res_int(r, i, 7) == 3; /* consult_sun: 3 = high */
        x->touch_up_booked = db_res_int(r, i, 8) > 0;
    }
    db_res_free(r);
    return 0;
}
