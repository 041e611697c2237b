/*
 * cli.h — the `stipple` subcommands. Each takes the arguments after its name and the loaded
 * settings, and returns the process exit code (0 ok, 1 failure, 2 usage).
 */
#ifndef STIPPLE_CLI_H
#define STIPPLE_CLI_H

#include "store/db.h"
#include "util/config.h"

int cli_init(int argc, char **argv, struct config *cfg);
int cli_migrate(int argc, char **argv, struct config *cfg);
int cli_serve(int argc, char **argv, struct config *cfg);
int cli_user(int argc, char **argv, struct config *cfg);
int cli_token(int argc, char **argv, struct config *cfg);
int cli_backup(int argc, char **argv, struct config *cfg);
int cli_routes(int argc, char **argv, struct config *cfg);
int cli_render(int argc, char **argv, struct config *cfg);

/* cli_open opens cfg->db, creating the folder of an SQLite file, and migrates it. Prints the
 * reason and returns NULL on failure. */
struct db *cli_open(const struct config *cfg);

/* cli_demo fills db with the demo clinics, staff and clients (once) and n_extra more clients,
 * and prints how to sign in. */
int cli_demo(struct db *db, int n_extra);

/* cli_help_wanted says whether argv holds -h or --help. */
int cli_help_wanted(int argc, char **argv);

#endif
