/*
 * cli_user.c — `stipple user add` and `stipple token add`: staff accounts and API tokens from
 * the command line (the first owner of a new installation is made here).
 */
#include "auth/auth.h"
#include "cli/cli.h"
#include "domain/validate.h"
#include "store/store_user.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *flag(int argc, char **argv, const char *name)
{
    for (int i = 0; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return NULL;
}

static int has(int argc, char **argv, const char *name)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return 1;
    return 0;
}

/* Reads one line from stdin into pw, without its newline. */
static int read_password(char *pw, size_t n)
{
    if (!fgets(pw, (int)n, stdin))
        return -1;
    pw[strcspn(pw, "\r\n")] = 0;
    return 0;
}

static char *lower(char *s)
{
    for (char *p = s; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return s;
}

int cli_user(int argc, char **argv, struct config *cfg)
{
    if (argc < 1 || strcmp(argv[0], "add") != 0 || cli_help_wanted(argc, argv)) {
        printf("usage: stipple user add --email E --name N --role "
               "owner|manager|practitioner|reception [--password-stdin]\n\n"
               "Adds a staff user. With --password-stdin the password is read from the first\n"
               "line of standard input; otherwise a strong one is made up and printed.\n");
        return cli_help_wanted(argc, argv) ? 0 : 2;
    }
    char email[256], name[256];
    snprintf(email, sizeof email, "%s",
             flag(argc, argv, "--email") ? flag(argc, argv, "--email") : "");
    snprintf(name, sizeof name, "%s", flag(argc, argv, "--name") ? flag(argc, argv, "--name") : "");
    struct user u = {
        .email = lower(email), .name = name, .role = role_parse(flag(argc, argv, "--role"))};
    struct err e;
    if (user_check(&u, &e) < 0) {
        fprintf(stderr, "stipple user add: --%s: %s\n", e.field, e.msg);
        return 2;
    }
    char pw[1024], generated = 0;
    if (has(argc, argv, "--password-stdin")) {
        if (read_password(pw, sizeof pw) < 0) {
            fprintf(stderr, "stipple user add: no password on standard input\n");
            return 2;
        }
    } else {
        auth_new_token("", pw);
        pw[20] = 0;
        generated = 1;
    }
    if (password_check(pw, &e) < 0) {
        fprintf(stderr, "stipple user add: %s\n", e.msg);
        return 2;
    }
    char hash[AUTH_HASH_MAX];
    if (auth_hash_password(pw, hash) < 0) {
        fprintf(stderr, "stipple user add: out of memory hashing the password\n");
        return 1;
    }
    struct db *db = cli_open(cfg);
    if (!db)
        return 1;
    int rc = store_user_add(db, &u, hash, (long long)time(NULL), &e);
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "stipple user add: %s\n", e.msg);
        return 1;
    }
    printf("user %lld added: %s (%s)\n", u.id, u.email, role_name(u.role));
    if (generated)
        printf("password: %s\n", pw);
    return 0;
}

int cli_token(int argc, char **argv, struct config *cfg)
{
    const char *email_arg = flag(argc, argv, "--email");
    if (argc < 1 || strcmp(argv[0], "add") != 0 || !email_arg || cli_help_wanted(argc, argv)) {
        printf("usage: stipple token add --email E\n\nMakes an API token that acts as user E on "
               "every /api/v1 route (send it as\n\"Authorization: Bearer TOKEN\"). The token is "
               "printed as the last line, once:\nonly its hash is kept.\n");
        return cli_help_wanted(argc, argv) ? 0 : 2;
    }
    char email[256];
    snprintf(email, sizeof email, "%s", email_arg);
    lower(email);
    struct db *db = cli_open(cfg);
    if (!db)
        return 1;
    struct arena a = {0};
    struct user u;
    char *hash, token[48], digest[AUTH_DIGEST_HEX];
    struct err e;
    int rc = store_user_by_email(db, &a, email, &u, &hash, &e);
    if (rc == 0) {
        auth_new_token("stp_", token);
        auth_digest(token, digest);
        rc = store_token_add(db, u.id, digest, (long long)time(NULL), &e);
    }
    db_close(db);
    arena_free(&a);
    if (rc < 0) {
        fprintf(stderr, "stipple token add: %s\n",
                e.code == ERR_NOT_FOUND ? "no such user" : e.msg);
        return 1;
    }
    printf("API token for %s (shown once; keep it secret):\n%s\n", email, token);
    return 0;
}
