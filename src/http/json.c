/*
 * json.c — JSON in and out with jansson (see json.h).
 */
#include "http/json.h"

#include "domain/civil.h"
#include "domain/consultation.h"

#include <ctype.h>
#include <string.h>

int json_parse_body(const char *body, size_t len, json_t **out, struct err *e)
{
    json_error_t je;
    *out = NULL;
    if (len == 0)
        return err_set(e, ERR_MALFORMED, NULL, "the request needs a JSON object body");
    json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!j)
        return err_set(e, ERR_MALFORMED, NULL, "the body is not valid JSON: %s (line %d)", je.text,
                       je.line);
    if (!json_is_object(j)) {
        json_decref(j);
        return err_set(e, ERR_MALFORMED, NULL, "the body must be a JSON object");
    }
    *out = j;
    return 0;
}

int jin_only(json_t *o, const char *const *known, struct err *e)
{
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        const char *const *k = known;
        while (*k && strcmp(*k, key) != 0)
            k++;
        if (!*k) {
            char field[64];
            snprintf(field, sizeof field, "%s", key);
            return err_set(e, ERR_INVALID, field, "unknown field \"%s\"", field);
        }
    }
    return 0;
}

int jin_str(json_t *o, const char *name, char **out, struct arena *a, struct err *e)
{
    json_t *v = json_object_get(o, name);
    if (!v)
        return 0;
    if (json_is_null(v)) {
        *out = NULL;
        return 0;
    }
    if (!json_is_string(v))
        return err_set(e, ERR_INVALID, name, "%s must be a string", name);
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (strlen(s) != n)
        return err_set(e, ERR_INVALID, name, "%s must not contain NUL characters", name);
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    *out = n ? arena_strndup(a, s, n) : NULL;
    return 0;
}

int jin_int(json_t *o, const char *name, long long min, long long max, long long *out,
            struct err *e)
{
    json_t *v = json_object_get(o, name);
    if (!v)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
        return err_set(e, ERR_INVALID, name, "%s must be a whole number from %lld to %lld", name,
                       min, max);
    *out = json_integer_value(v);
    return 0;
}

int jin_bool(json_t *o, const char *name, int *out, struct err *e)
{
    json_t *v = json_object_get(o, name);
    if (!v)
        return 0;
    if (!json_is_boolean(v))
        return err_set(e, ERR_INVALID, name, "%s must be true or false", name);
    *out = json_is_true(v);
    return 0;
}

int jin_enum(json_t *o, const char *name, const char *field, const struct enum_names *t, int *out,
             struct err *e)
{
    json_t *v = json_object_get(o, name);
    if (!v)
        return 0;
    if (json_is_null(v)) {
        *out = 0;
        return 0;
    }
    int x = json_is_string(v) ? enum_parse(t, json_string_value(v)) : 0;
    if (!x)
        return err_set(e, ERR_INVALID, field, "%s is not one of the known values", field);
    *out = x;
    return 0;
}

int jin_enum_set(json_t *o, const char *name, const char *field, const struct enum_names *t,
                 unsigned *out, struct err *e)
{
    json_t *v = json_object_get(o, name);
    if (!v)
        return 0;
    if (json_is_null(v)) {
        *out = 0;
        return 0;
    }
    if (!json_is_array(v))
        return err_set(e, ERR_INVALID, field, "%s must be a list", field);
    unsigned set = 0;
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x)
    {
        int n = json_is_string(x) ? enum_parse(t, json_string_value(x)) : 0;
        if (!n || n > 31)
            return err_set(e, ERR_INVALID, field, "%s holds a value that is not known", field);
        set |= 1u << (n - 1);
    }
    *out = set;
    return 0;
}

int jin_yes_no(json_t *o, const char *name, const char *field, int *out, struct err *e)
{
    json_t *v = json_object_get(o, name);
    if (!v)
        return 0;
    if (json_is_null(v))
        *out = -1;
    else if (json_is_boolean(v))
        *out = json_is_true(v);
    else
        return err_set(e, ERR_INVALID, field, "%s must be true or false", field);
    return 0;
}

int jin_tenths(json_t *o, const char *name, const char *field, int *out, struct err *e)
{
    json_t *v = json_object_get(o, name);
    if (!v)
        return 0;
    if (json_is_null(v)) {
        *out = -1;
        return 0;
    }
    if (!json_is_number(v) || json_number_value(v) < 0 || json_number_value(v) > 1e6)
        return err_set(e, ERR_INVALID, field, "%s must be a number", field);
    *out = (int)(json_number_value(v) * 10 + 0.5);
    return 0;
}

json_t *jout_enum(const struct enum_names *t, int v)
{
    const char *n = enum_name(t, v);
    return n ? json_string(n) : json_null();
}

json_t *jout_enum_set(const struct enum_names *t, unsigned v)
{
    json_t *a = json_array();
    for (int i = 0; i < 31; i++)
        if ((v & (1u << i)) && enum_name(t, i + 1))
            json_array_append_new(a, json_string(enum_name(t, i + 1)));
    return a;
}

int jin_id(json_t *o, const char *name, long long *out, struct err *e)
{
    json_t *v = json_object_get(o, name);
    if (!v)
        return 0;
    if (json_is_null(v)) {
        *out = 0;
        return 0;
    }
    if (!json_is_integer(v) || json_integer_value(v) <= 0)
        return err_set(e, ERR_INVALID, name, "%s must be an id (a positive whole number)", name);
    *out = json_integer_value(v);
    return 0;
}

int jin_ids(json_t *o, const char *name, long long **ids, int *n, struct arena *a, struct err *e)
{
    json_t *v = json_object_get(o, name);
    if (!v)
        return 0;
    if (json_is_null(v)) {
        *n = 0;
        return 0;
    }
    if (!json_is_array(v) || json_array_size(v) > 1000)
        return err_set(e, ERR_INVALID, name, "%s must be an array of ids", name);
    size_t count = json_array_size(v);
    long long *out = arena_alloc(a, sizeof *out * (count + 1));
    for (size_t i = 0; i < count; i++) {
        json_t *x = json_array_get(v, i);
        if (!json_is_integer(x) || json_integer_value(x) <= 0)
            return err_set(e, ERR_INVALID, name, "%s must be an array of ids", name);
        out[i] = json_integer_value(x);
    }
    *ids = out;
    *n = (int)count;
    return 0;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *id_or_null(long long id)
{
    return id ? json_integer(id) : json_null();
}

json_t *jout_time(long long t)
{
    if (!t)
        return json_null();
    char s[21];
    civil_format_utc(t, s);
    return json_string(s);
}

json_t *jout_user(const struct user *u)
{
    return json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)u->id, "email", u->email, "name",
                     u->name, "role", role_name(u->role));
}

json_t *jout_user_admin(const struct user *u)
{
    json_t *j = jout_user(u);
    json_object_set_new(j, "disabled", json_boolean(u->disabled));
    json_object_set_new(j, "created_at", jout_time(u->created_at));
    return j;
}

json_t *jout_clinic(const struct clinic *c)
{
    json_t *j =
        json_pack("{s:I,s:s,s:o,s:o,s:s,s:s,s:i,s:o,s:o}", "id", (json_int_t)c->id, "name", c->name,
                  "city", str_or_null(c->city), "address", str_or_null(c->address), "timezone",
                  c->timezone, "currency", c->currency, "price_uplift_pct", c->price_uplift_pct,
                  "created_at", jout_time(c->created_at), "updated_at", jout_time(c->updated_at));
    json_object_set_new(j, "eligibility",
                        json_pack("{s:i,s:i,s:i,s:i}", "transplant_wait_months",
                                  c->rules.transplant_wait_months, "chemo_wait_months",
                                  c->rules.chemo_wait_months, "scar_wait_months",
                                  c->rules.scar_wait_months, "min_age", c->rules.min_age));
    json_object_set_new(j, "buffer_min", json_integer(c->buffer_min));
    json_object_set_new(j, "grid_min", json_integer(c->grid_min));
    json_object_set_new(j, "impressions_per_hour", json_integer(c->impressions_per_hour));
    return j;
}

json_t *jout_practitioner(const struct practitioner *p)
{
    json_t *ids = json_array();
    for (int i = 0; i < p->n_clinic_ids; i++)
        json_array_append_new(ids, json_integer(p->clinic_ids[i]));
    return json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)p->id, "name", p->name,
                     "email", p->email, "clinic_ids", ids, "user_id", id_or_null(p->user_id),
                     "created_at", jout_time(p->created_at), "updated_at",
                     jout_time(p->updated_at));
}

json_t *jout_client(const struct client *c)
{
    return json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:I,s:o,s:o,s:o}", "id", (json_int_t)c->id,
                     "first_name", c->first_name, "last_name", c->last_name, "email",
                     str_or_null(c->email), "phone", str_or_null(c->phone), "date_of_birth",
                     str_or_null(c->date_of_birth), "clinic_id", (json_int_t)c->clinic_id, "notes",
                     str_or_null(c->notes), "created_at", jout_time(c->created_at), "updated_at",
                     jout_time(c->updated_at));
}

json_t *jout_audit(const struct audit_entry *x)
{
    return json_pack("{s:I,s:o,s:o,s:o,s:s,s:s,s:I,s:o,s:o}", "id", (json_int_t)x->id, "at",
                     jout_time(x->at), "user_id", id_or_null(x->user_id), "user_email",
                     str_or_null(x->user_email), "action", audit_action_name(x->action), "entity",
                     x->entity ? x->entity : "", "entity_id", (json_int_t)x->entity_id, "client_id",
                     id_or_null(x->client_id), "request_id", str_or_null(x->request_id));
}

json_t *jout_list(json_t *items, const char *next)
{
    return json_pack("{s:o,s:o}", "items", items, "next_cursor", str_or_null(next));
}

/* A message or field may quote the caller's bytes, cut at a buffer's end: never let that make
 * the error itself unencodable. */
static json_t *safe_string(const char *s)
{
    json_t *j = json_string(s);
    return j ? j : json_string("(not valid UTF-8)");
}

json_t *jout_error(const struct err *e)
{
    return json_pack("{s:{s:s,s:o,s:o}}", "error", "code", err_code_name(e->code), "message",
                     safe_string(e->msg), "field",
                     e->field[0] ? safe_string(e->field) : json_null());
}

static int dump_cb(const char *p, size_t n, void *data)
{
    buf_append(data, p, n);
    return 0;
}

void json_dump_to(json_t *j, struct buf *out)
{
    json_dump_callback(j, dump_cb, out, JSON_COMPACT | JSON_REAL_PRECISION(6));
}
