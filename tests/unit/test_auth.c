/*
 * test_auth.c — password hashing and secret tokens (auth/auth.h): a password verifies against its
 * own argon2id hash at the promised cost and against no other, hashes are salted, a missing
 * account never verifies, tokens have the documented shape and do not repeat, and digests and
 * comparisons give the right answers. Each argon2id hash costs tens of milliseconds, so the file
 * makes only a handful.
 */
#include "auth/auth.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

static int group_setup(void **state)
{
    (void)state;
    return auth_init(2);
}

static void test_hash_and_verify(void **state)
{
    (void)state;
    char h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];
    assert_int_equal(auth_hash_password("correct horse battery staple", h1), 0);
    /* argon2id at the OWASP minimum: 19 MiB, two passes */
    assert_memory_equal(h1, "$argon2id$", 10);
    assert_non_null(strstr(h1, "m=19456"));
    assert_non_null(strstr(h1, "t=2"));
    assert_null(strstr(h1, "correct horse")); /* the password itself is not kept */

    assert_true(auth_verify_password("correct horse battery staple", h1));
    assert_false(auth_verify_password("correct horse battery stapler", h1));
    assert_false(auth_verify_password("Correct horse battery staple", h1));
    assert_false(auth_verify_password("", h1));

    /* Salted: the same password twice gives two different hashes, each verifying. */
    assert_int_equal(auth_hash_password("correct horse battery staple", h2), 0);
    assert_string_not_equal(h1, h2);
    assert_true(auth_verify_password("correct horse battery staple", h2));
}

static void test_verify_without_hash(void **state)
{
    (void)state;
    /* An unknown account: never true, whatever the password. */
    assert_false(auth_verify_password("correct horse battery staple", NULL));
    assert_false(auth_verify_password("", NULL));
    /* A damaged hash is not a match either. */
    assert_false(auth_verify_password("x", "$argon2id$v=19$m=19456,t=2,p=1$garbage"));
}

static bool base64url(const char *s)
{
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_'))
            return false;
    return true;
}

static void test_tokens(void **state)
{
    (void)state;
    char t1[48], t2[48], bare[48];
    auth_new_token("stp_", t1);
    auth_new_token("stp_", t2);
    auth_new_token("", bare);
    /* 256 bits in base64url without padding is 43 characters. */
    assert_int_equal(strlen(t1), 4 + 43);
    assert_memory_equal(t1, "stp_", 4);
    assert_true(base64url(t1 + 4));
    assert_int_equal(strlen(bare), 43);
    assert_true(base64url(bare));
    assert_string_not_equal(t1, t2);

    /* Many tokens, none repeated. */
    enum { N = 64 };
    static char many[N][48];
    for (int i = 0; i < N; i++) {
        auth_new_token("", many[i]);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(many[i], many[j]);
    }
}

static void test_digest(void **state)
{
    (void)state;
    char d[AUTH_DIGEST_HEX];
    auth_digest("abc", d);
    assert_string_equal(d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    auth_digest("", d);
    assert_string_equal(d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_equal(void **state)
{
    (void)state;
    assert_true(auth_equal("abc", "abc"));
    assert_true(auth_equal("", ""));
    assert_false(auth_equal("abc", "abd"));
    assert_false(auth_equal("abc", "ab"));
    assert_false(auth_equal("abc", "abcd"));
    assert_false(auth_equal("", "a"));
    assert_false(auth_equal("Abc", "abc"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_and_verify), cmocka_unit_test(test_verify_without_hash),
        cmocka_unit_test(test_tokens),          cmocka_unit_test(test_digest),
        cmocka_unit_test(test_equal),
    };
    return cmocka_run_group_tests(tests, group_setup, NULL);
}
