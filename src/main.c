/*
 * main.c — the `stipple` command: global options, then one subcommand.
 */
#include "auth/auth.h"
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef STIPPLE_VERSION
#define STIPPLE_VERSION "dev"
#endif

static void usage(FILE *out)
{
    fprintf(
        out,
        "stipple " STIPPLE_VERSION " — runs scalp-micropigmentation clinics\n\n"
        "usage: stipple [--config FILE] COMMAND [ARGS]\n\n"
        "commands:\n"
        "  init [--demo] [--clients N]  create or upgrade the database; --demo adds demo data\n"
        "  serve [--listen HOST:PORT]   serve the web app and the API\n"
        "  migrate                      apply pending schema migrations\n"
        "  user add --email E --name N --role ROLE [--password-stdin]\n"
        "                               add a staff user (owner|manager|practitioner|reception)\n"
        "  token add --email E          make an API token for a user (printed last)\n"
        "  backup FILE                  write a consistent copy of the live database\n"
        "  routes                       list every HTTP route and who may call it\n"
        "  render DESIGN.json --session N --out FILE.png|svg|pdf [--healed] [--years Y]\n"
        "                               simulate an SMP hairline design and draw it\n"
        "  version                      print the version\n\n"
        "settings (INI file keys; environment variables override the file):\n");
    config_help(out);
    fprintf(out, "\nEach command takes --help.\n");
}

int main(int argc, char **argv)
{
    const char *config_file = NULL;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--config") == 0) {
        config_file = argv[i + 1];
        i += 2;
    }
    if (i >= argc || strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0 ||
        strcmp(argv[i], "help") == 0) {
        usage(i >= argc ? stderr : stdout);
        return i >= argc ? 2 : 0;
    }
    const char *cmd = argv[i];
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("stipple %s\n", STIPPLE_VERSION);
        return 0;
    }
    struct config cfg;
    struct err e;
    if (config_load(&cfg, config_file, &e) < 0) {
        fprintf(stderr, "stipple: setting %s: %s\n", e.field, e.msg);
        config_free(&cfg);
        return 2;
    }
    if (auth_init(cfg.hash_concurrency ? cfg.hash_concurrency
                                       : (int)sysconf(_SC_NPROCESSORS_ONLN)) < 0) {
        fprintf(stderr, "stipple: libsodium could not start\n");
        config_free(&cfg);
        return 1;
    }
    static const struct {
        const char *name;
        int (*fn)(int, char **, struct config *);
    } cmds[] = {
        {"init", cli_init},     {"migrate", cli_migrate}, {"serve", cli_serve},
        {"user", cli_user},     {"token", cli_token},     {"backup", cli_backup},
        {"routes", cli_routes}, {"render", cli_render},
    };
    int rc = -1;
    for (size_t k = 0; k < sizeof cmds / sizeof cmds[0]; k++)
        if (strcmp(cmd, cmds[k].name) == 0)
            rc = cmds[k].fn(argc - i - 1, argv + i + 1, &cfg);
    if (rc < 0) {
        fprintf(stderr, "stipple: unknown command \"%s\" (try stipple --help)\n", cmd);
        rc = 2;
    }
    config_free(&cfg);
    return rc;
}
