/*
 * cli_db.c — the database commands: init, migrate, backup, and `routes`, which prints the
 * route table for people and tests.
 */
#include "auth/auth.h"
#include "cli/cli.h"
#include "domain/consent_texts.h"
#include "http/routes.h"
#include "store/store_consent.h"
#include "store/store_migrate.h"
#include "util/mem.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int cli_help_wanted(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

/* Creates the folders above an SQLite file path, like mkdir -p. */
static void make_parent(const char *url)
{
    if (strncmp(url, "postgres", 8) == 0)
        return;
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return;
    *slash = 0;
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(dir, 0700);
            *p = '/';
        }
    mkdir(dir, 0700);
}

/* Gives a new installation the default consent, aftercare and privacy documents, once. */
static int seed_documents(struct db *db, struct err *e)
{
    int n;
    const struct consent_document *defaults = consent_defaults(&n);
    if (db_begin(db, true, e) < 0)
        return -1;
    struct arena a = {0};
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        int version;
        rc = store_document_current_version(db, defaults[i].kind, &version, e);
        if (rc < 0 || version > 0)
            continue;
        struct consent_document d = defaults[i];
        char digest[AUTH_DIGEST_HEX];
        auth_digest(arena_printf(&a, "%s\n\n%s", d.title, d.body), digest);
        d.sha256 = digest;
        rc = store_document_add(db, &d, 0, (long long)time(NULL), e);
    }
    arena_free(&a);
    if (rc == 0)
        return db_commit(db, e);
    db_rollback(db);
    return -1;
}

struct db *cli_open(const struct config *cfg)
{
    struct db *db;
    struct err e;
    make_parent(cfg->db);
    if (db_open(cfg->db, cfg->sqlite_sync, &db, &e) < 0) {
        fprintf(stderr, "stipple: %s\n", e.msg);
        return NULL;
    }
    int applied;
    if (store_migrate(db, &applied, &e) < 0) {
        fprintf(stderr, "stipple: migrating the database failed: %s\n", e.msg);
        db_close(db);
        return NULL;
    }
    if (applied)
        fprintf(stderr, "stipple: applied %d migration(s); schema is at version %d\n", applied,
                store_latest_version());
    if (seed_documents(db, &e) < 0) {
        fprintf(stderr, "stipple: adding the default consent documents failed: %s\n", e.msg);
        db_close(db);
        return NULL;
    }
    return db;
}

int cli_init(int argc, char **argv, struct config *cfg)
{
    int demo = 0, extra = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--demo") == 0)
            demo = 1;
        else if (strcmp(argv[i], "--clients") == 0 && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 0 || n > 10000000) {
                fprintf(stderr, "stipple init: --clients takes a number up to 10000000\n");
                return 2;
            }
            extra = (int)n;
        } else {
            char shown[1024];
            config_redact(cfg->db, shown, sizeof shown);
            printf("usage: stipple init [--demo] [--clients N]\n\n"
                   "Creates the database named by the db setting (%s) or brings its schema up\n"
                   "to date. --demo adds demo clinics, staff and clients and prints the demo\n"
                   "sign-in; --clients N adds N more generated clients (for benchmarks).\n",
                   shown);
            return cli_help_wanted(argc, argv) ? 0 : 2;
        }
    }
    struct db *db = cli_open(cfg);
    if (!db)
        return 1;
    int rc = demo || extra ? cli_demo(db, extra) : 0;
    if (rc == 0)
        fprintf(stderr, "stipple: database ready (%s)\n", db_kind_name(db_kind(db)));
    db_close(db);
    return rc;
}

int cli_migrate(int argc, char **argv, struct config *cfg)
{
    if (argc) {
        char shown[1024];
        config_redact(cfg->db, shown, sizeof shown);
        printf("usage: stipple migrate\n\nApplies pending schema migrations to %s.\n", shown);
        return cli_help_wanted(argc, argv) ? 0 : 2;
    }
    struct db *db = cli_open(cfg);
    if (!db)
        return 1;
    printf("schema version %d\n", store_latest_version());
    db_close(db);
    return 0;
}

int cli_backup(int argc, char **argv, struct config *cfg)
{
    if (argc != 1 || cli_help_wanted(argc, argv)) {
        printf("usage: stipple backup FILE\n\nWrites a consistent copy of the live database to "
               "FILE while stipple keeps serving:\nan SQLite database file, or for PostgreSQL a "
               "pg_dump custom-format archive\n(restore with pg_restore).\n");
        return cli_help_wanted(argc, argv) ? 0 : 2;
    }
    struct db *db = cli_open(cfg);
    if (!db)
        return 1;
    struct err e;
    int rc = db_backup(db, argv[0], &e);
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "stipple backup: %s\n", e.msg);
        return 1;
    }
    printf("backup written to %s\n", argv[0]);
    return 0;
}

int cli_routes(int argc, char **argv, struct config *cfg)
{
    (void)cfg;
    if (argc) {
        printf("usage: stipple routes\n\nPrints METHOD PATTERN ROLES for every route.\n");
        return cli_help_wanted(argc, argv) ? 0 : 2;
    }
    for (size_t i = 0; i < routes_count; i++) {
        char roles[64];
        route_roles_text(&routes[i], roles);
        printf("%s %s %s\n", routes[i].method, routes[i].pattern, roles);
    }
    return 0;
}
