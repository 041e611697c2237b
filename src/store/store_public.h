/*
 * store_public.h — what the public side keeps, in SQL: rate-limit events, photo enquiries and
 * their photos (until the enquiry becomes a client, when the photos move to the client).
 */
#ifndef STIPPLE_STORE_PUBLIC_H
#define STIPPLE_STORE_PUBLIC_H

#include "store/db.h"
#include "util/mem.h"

#include <stdbool.h>
#include <stddef.h>

/* store_rate_hit counts an event in bucket unless limit events already fell within the last
 * window_s seconds; *allowed says which (a refused event is not counted). */
int store_rate_hit(struct db *db, const char *bucket, long long now, int window_s, int limit,
                   bool *allowed, struct err *e);

struct enquiry {
    long long id, clinic_id, client_id, health_consent_at, upload_until, created_at, updated_at;
    char *name, *email, *phone, *concern, *status;
    int n_photos;
};

int store_enquiry_add(struct db *db, struct enquiry *q, const char *upload_hash,
                      long long upload_until, long long now, struct err *e);
int store_enquiry_get(struct db *db, struct arena *a, long long id, struct enquiry *q,
                      struct err *e);
/* store_enquiry_by_upload reads the enquiry whose photo-upload token hashes to hash, if that
 * token has not expired at now; ERR_NOT_FOUND otherwise. */
int store_enquiry_by_upload(struct db *db, struct arena *a, const char *hash, long long now,
                            struct enquiry *q, struct err *e);
/* store_enquiry_list lists clinic_id's enquiries (status NULL: all), newest first, at most 500. */
int store_enquiry_list(struct db *db, struct arena *a, long long clinic_id, const char *status,
                       struct enquiry **items, int *n, struct err *e);
/* store_enquiry_set_status moves enquiry id to status (client_id kept when 0). */
int store_enquiry_set_status(struct db *db, long long id, const char *status, long long client_id,
                             long long now, struct err *e);

struct enquiry_photo {
    long long id, enquiry_id, created_at;
    char *label;
    int width, height;
    const unsigned char *bytes;
    size_t len;
};

int store_enquiry_photo_add(struct db *db, struct enquiry_photo *p, const void *thumb,
                            size_t thumb_len, long long now, struct err *e);
/* store_enquiry_photos lists an enquiry's photos (no bytes). */
int store_enquiry_photos(struct db *db, struct arena *a, long long enquiry_id,
                         struct enquiry_photo **items, int *n, struct err *e);
/* store_enquiry_photo_get reads photo id with its image (thumb true: the thumbnail). */
int store_enquiry_photo_get(struct db *db, struct arena *a, long long id, bool thumb,
                            struct enquiry_photo *p, struct err *e);
/* store_enquiry_photos_to_client copies an enquiry's photos to client_id's photos. */
int store_enquiry_photos_to_client(struct db *db, long long enquiry_id, long long client_id,
                                   long long user_id, long long now, struct err *e);

/* store_client_by_email finds the live client of clinic_id with exactly this email;
 * ERR_NOT_FOUND when none. */
struct client;
int store_client_by_email(struct db *db, struct arena *a, long long clinic_id, const char *email,
                          long long *client_id, struct err *e);

/* store_appt_set_manage keeps hash (SHA-256 of the client's manage-link token) on appointment id;
 * store_appt_by_manage finds the appointment of a link. */
int store_appt_set_manage(struct db *db, long long id, const char *hash, struct err *e);
int store_appt_by_manage(struct db *db, const char *hash, long long *id, struct err *e);

#endif
