/*
 * auth.h — password hashing and secret tokens (libsodium).
 *
 * Passwords are hashed with argon2id at t=2, m=19 MiB (the OWASP minimum), and at most a few
 * hashes run at once (auth_init sets how many), so a flood of logins queues instead of eating
 * memory. Tokens are 256 random bits, base64url; what the database keeps is their SHA-256.
 */
#ifndef STIPPLE_AUTH_H
#define STIPPLE_AUTH_H

#include <stdbool.h>
#include <stddef.h>

enum {
    AUTH_HASH_MAX = 128,  /* room for an encoded argon2id hash */
    AUTH_TOKEN_LEN = 48,  /* "stp_" + 43 base64url characters + NUL */
    AUTH_DIGEST_HEX = 65, /* 64 hex digits + NUL */
};

/* auth_init initialises libsodium and allows max_concurrent simultaneous password hashes.
 * Returns 0, or -1 when libsodium cannot start. Call once before any other auth_ function. */
int auth_init(int max_concurrent);

/* auth_hash_password writes the argon2id encoding of pw into out. Returns 0, or -1 when memory
 * for hashing cannot be had. Blocks while the concurrency cap is reached. */
int auth_hash_password(const char *pw, char out[AUTH_HASH_MAX]);

/* auth_verify_password says whether pw matches hash (an encoding from auth_hash_password).
 * With hash NULL it spends the same time and says false, so unknown accounts are not told
 * apart from wrong passwords by timing. */
bool auth_verify_password(const char *pw, const char *hash);

/* auth_new_token writes "stp_" + 43 base64url characters of 256 random bits into out (48
 * bytes). prefix may be "" for a bare token (CSRF tokens, cookies). */
void auth_new_token(const char *prefix, char out[AUTH_TOKEN_LEN]);

/* auth_digest writes the hex SHA-256 of s into out. */
void auth_digest(const char *s, char out[AUTH_DIGEST_HEX]);

/* auth_equal compares two strings in time that depends only on their lengths. */
bool auth_equal(const char *a, const char *b);

#endif
