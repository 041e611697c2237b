/*
 * store_photo.h — client photos in SQL: the cleaned JPEG and thumbnail as BLOB/bytea with their
 * label and size. Photos of deleted clients, and deleted photos, are never found.
 */
#ifndef STIPPLE_STORE_PHOTO_H
#define STIPPLE_STORE_PHOTO_H

#include "store/db.h"
#include "util/mem.h"

#include <stdbool.h>
#include <stddef.h>

struct photo_row {
    long long id, client_id, appointment_id, created_at;
    const char *label, *stage; /* stage: before, after, healed or other */
    int width, height;
    bool marketing_consent;
    const unsigned char *bytes; /* the image or thumbnail asked for, else NULL */
    size_t len;
};

enum photo_part { PHOTO_META, PHOTO_IMAGE, PHOTO_THUMB };

/* store_photo_add stores a photo (r->bytes/len the image, thumb/thumb_len the thumbnail); sets
 * r->id and r->created_at. */
int store_photo_add(struct db *db, struct photo_row *r, const void *thumb, size_t thumb_len,
                    long long user_id, long long now, struct err *e);

/* store_photo_get reads photo id with the part asked for (bytes copied into a); ERR_NOT_FOUND
 * when there is no such photo. */
int store_photo_get(struct db *db, struct arena *a, long long id, enum photo_part part,
                    struct photo_row *r, struct err *e);

/* store_photo_list returns the photos of client_id (no bytes), newest first, at most 200. */
int store_photo_list(struct db *db, struct arena *a, long long client_id, struct photo_row **items,
                     int *n, struct err *e);

/* store_photo_update writes label, stage, appointment_id and marketing_consent of x. */
int store_photo_update(struct db *db, const struct photo_row *x, struct err *e);

/* store_photo_delete hides photo id for good (the bytes are cleared). */
int store_photo_delete(struct db *db, long long id, long long now, struct err *e);

#endif
