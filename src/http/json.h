/*
 * json.h — decoding request bodies and encoding records, the only JSON code in stipple.
 *
 * Decoders (jin_*) read one member of a body object into a C field. A member that is absent
 * leaves the field as it is (so one decoder serves POST, with defaults preset, and PATCH, with
 * the stored record preset); null clears it; a value of the wrong type or shape fails with
 * ERR_INVALID naming the member. Text is trimmed; an empty string clears an optional field.
 * Encoders (jout_*) turn model structs into new json_t objects the caller owns.
 */
#ifndef STIPPLE_JSON_H
#define STIPPLE_JSON_H

#include "domain/model.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* json_parse_body parses len bytes as a JSON object (duplicate keys refused) into *out.
 * ERR_MALFORMED when it is not JSON or not an object. */
int json_parse_body(const char *body, size_t len, json_t **out, struct err *e);

/* jin_only fails naming the first member of o not listed in known (NULL-terminated). */
int jin_only(json_t *o, const char *const *known, struct err *e);

/* jin_str reads a string member (trimmed; "" and null give NULL) into *out (in a). */
int jin_str(json_t *o, const char *name, char **out, struct arena *a, struct err *e);

/* jin_int reads an integer member in [min, max] into *out; null is refused. */
int jin_int(json_t *o, const char *name, long long min, long long max, long long *out,
            struct err *e);

/* jin_bool reads true or false into *out (1 or 0); null is refused. */
int jin_bool(json_t *o, const char *name, int *out, struct err *e);

struct enum_names;

/* jin_enum reads a string member naming one value of t (null: 0). field is the name used in
 * errors (e.g. "medical.patch_test"). */
int jin_enum(json_t *o, const char *name, const char *field, const struct enum_names *t, int *out,
             struct err *e);

/* jin_enum_set reads an array of names of t as a bit set (bit v - 1 for value v; null: 0). */
int jin_enum_set(json_t *o, const char *name, const char *field, const struct enum_names *t,
                 unsigned *out, struct err *e);

/* jin_yes_no reads true/false into 1/0 (null: -1, "not answered"). */
int jin_yes_no(json_t *o, const char *name, const char *field, int *out, struct err *e);

/* jin_tenths reads a number (integer or decimal) into tenths, rounded (null: -1). */
int jin_tenths(json_t *o, const char *name, const char *field, int *out, struct err *e);

/* jout_enum returns the name of v in t as a string, or null. */
json_t *jout_enum(const struct enum_names *t, int v);

/* jout_enum_set returns the names of the bits set in v as an array. */
json_t *jout_enum_set(const struct enum_names *t, unsigned v);

/* jin_id reads a positive integer id, or null (0), into *out. */
int jin_id(json_t *o, const char *name, long long *out, struct err *e);

/* jin_ids reads an array of positive integer ids (null: empty) into *ids / *n (in a). */
int jin_ids(json_t *o, const char *name, long long **ids, int *n, struct arena *a, struct err *e);

/* jout_time returns an RFC 3339 UTC string for t, or null for 0. */
json_t *jout_time(long long t);

json_t *jout_user(const struct user *u);
/* jout_user_admin adds what owners manage: disabled and created_at. */
json_t *jout_user_admin(const struct user *u);
json_t *jout_clinic(const struct clinic *c);
json_t *jout_practitioner(const struct practitioner *p);
json_t *jout_client(const struct client *c);
json_t *jout_audit(const struct audit_entry *x);

/* jout_list wraps items (stolen) as {"items":[…],"next_cursor":next or null}. */
json_t *jout_list(json_t *items, const char *next);

/* jout_error returns {"error":{"code","message","field"}} for e. */
json_t *jout_error(const struct err *e);

/* json_dump_to appends the compact encoding of j to out. */
void json_dump_to(json_t *j, struct buf *out);

#endif
