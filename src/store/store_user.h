/*
 * store_user.h — staff users, their API tokens, sessions and failed logins.
 *
 * Secrets are never stored: sessions and tokens are kept as the hex SHA-256 of the value the
 * caller holds, passwords as argon2id hashes made by src/auth. Strings returned live in the
 * given arena.
 */
#ifndef STIPPLE_STORE_USER_H
#define STIPPLE_STORE_USER_H

#include "domain/model.h"
#include "store/db.h"
#include "util/mem.h"

/* store_user_add inserts u (email lower-cased by the caller) with its password hash and sets
 * u->id. ERR_CONFLICT when the email is taken. */
int store_user_add(struct db *db, struct user *u, const char *password_hash, long long now,
                   struct err *e);

/* store_user_by_email loads the enabled user with that email and its password hash (in a).
 * ERR_NOT_FOUND when there is none. */
int store_user_by_email(struct db *db, struct arena *a, const char *email, struct user *u,
                        char **password_hash, struct err *e);

/* store_user_get loads user id (enabled or not); ERR_NOT_FOUND when there is none. */
int store_user_get(struct db *db, struct arena *a, long long id, struct user *u, struct err *e);

/* store_user_list pages users in email order after `after` (NULL: from the start). */
int store_user_list(struct db *db, struct arena *a, const struct cursor *after, int limit,
                    struct user **items, int *n, struct cursor *next, struct err *e);

/* store_user_update writes name, role and disabled of u (found by u->id). Disabling a user ends
 * their sessions (their API tokens stop working while disabled). ERR_CONFLICT when the change would
 * leave no enabled owner. */
int store_user_update(struct db *db, const struct user *u, struct err *e);

/* store_user_set_password replaces the password hash of user id and ends their sessions. */
int store_user_set_password(struct db *db, long long id, const char *password_hash, struct err *e);

/* store_user_exists says (in *found) whether a user with id exists. */
int store_user_exists(struct db *db, long long id, int *found, struct err *e);

/* store_user_count sets *n to the number of users. */
int store_user_count(struct db *db, long long *n, struct err *e);

/* store_token_add records an API token hash for user_id. */
int store_token_add(struct db *db, long long user_id, const char *token_hash, long long now,
                    struct err *e);

/* store_token_user loads the enabled user owning token_hash; ERR_UNAUTHORIZED when none. */
int store_token_user(struct db *db, struct arena *a, const char *token_hash, struct user *u,
                     struct err *e);

/* store_session_add records a new session. */
int store_session_add(struct db *db, const char *token_hash, long long user_id,
                      const char *csrf_token, long long now, struct err *e);

/* store_session_user loads the user of a live session and its CSRF token (in a). A session idle
 * for more than idle_s or older than max_s is deleted and gives ERR_UNAUTHORIZED. last_seen is
 * written at most once a minute. */
int store_session_user(struct db *db, struct arena *a, const char *token_hash, long long now,
                       long long idle_s, long long max_s, struct user *u, char **csrf_token,
                       struct err *e);

/* store_session_delete ends a session (logout); ending an unknown one is not an error. */
int store_session_delete(struct db *db, const char *token_hash, struct err *e);

/* store_login_failure_add records a sign-in attempt for email from addr (counted as a failure
 * until cleared) and sets *id (may be NULL) to its id. */
int store_login_failure_add(struct db *db, const char *email, const char *addr, long long now,
                            long long *id, struct err *e);

/* store_login_failure_delete forgets one attempt. */
int store_login_failure_delete(struct db *db, long long id, struct err *e);

/* store_login_failures counts failures since `since` for the email and for the address, and
 * gives the oldest of each in that window (0 when none). */
int store_login_failures(struct db *db, const char *email, const char *addr, long long since,
                         long long *by_email, long long *oldest_email, long long *by_addr,
                         long long *oldest_addr, struct err *e);

/* store_login_failures_clear forgets the failures of an account (after a good login). */
int store_login_failures_clear(struct db *db, const char *email, struct err *e);

/* store_expire removes sessions and failure records older than their horizon. */
int store_expire(struct db *db, long long session_cutoff, long long failure_cutoff, struct err *e);

#endif
