/*
 * auth.c — argon2id, random tokens and digests on libsodium (see auth.h).
 */
#include "auth/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define OPSLIMIT 2
#define MEMLIMIT (19u * 1024 * 1024)

static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t freed = PTHREAD_COND_INITIALIZER;
static int slots = 2;
static char dummy_hash[AUTH_HASH_MAX];

static void take(void)
{
    pthread_mutex_lock(&gate);
    while (slots == 0)
        pthread_cond_wait(&freed, &gate);
    slots--;
    pthread_mutex_unlock(&gate);
}

static void give(void)
{
    pthread_mutex_lock(&gate);
    slots++;
    pthread_cond_signal(&freed);
    pthread_mutex_unlock(&gate);
}

/* The hash verified against when an account does not exist, made on first need: commands that
 * never check a password should not pay for an argon2id run. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    char pw[AUTH_TOKEN_LEN];
    auth_new_token("", pw);
    if (crypto_pwhash_str_alg(dummy_hash, pw, strlen(pw), OPSLIMIT, MEMLIMIT,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        dummy_hash[0] = 0; /* out of memory: verification of unknown accounts then fails fast */
}

int auth_init(int max_concurrent)
{
    if (sodium_init() < 0)
        return -1;
    slots = max_concurrent > 0 ? max_concurrent : 1;
    return 0;
}

int auth_hash_password(const char *pw, char out[AUTH_HASH_MAX])
{
    take();
    int rc = crypto_pwhash_str_alg(out, pw, strlen(pw), OPSLIMIT, MEMLIMIT,
                                   crypto_pwhash_ALG_ARGON2ID13);
    give();
    return rc == 0 ? 0 : -1;
}

bool auth_verify_password(const char *pw, const char *hash)
{
    if (!hash)
        pthread_once(&dummy_once, make_dummy);
    take();
    int rc = crypto_pwhash_str_verify(hash ? hash : dummy_hash, pw, strlen(pw));
    give();
    return hash && rc == 0;
}

void auth_new_token(const char *prefix, char out[AUTH_TOKEN_LEN])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    size_t n = strlen(prefix);
    memcpy(out, prefix, n);
    sodium_bin2base64(out + n, AUTH_TOKEN_LEN - n, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void auth_digest(const char *s, char out[AUTH_DIGEST_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
    sodium_bin2hex(out, AUTH_DIGEST_HEX, h, sizeof h);
}

bool auth_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n != strlen(b))
        return false;
    return sodium_memcmp(a, b, n) == 0;
}
