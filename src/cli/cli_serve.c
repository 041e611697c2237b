/*
 * cli_serve.c — `stipple serve`: migrate, serve until SIGTERM or SIGINT, then drain in-flight
 * requests, write the queued audit entries and exit 0.
 */
#include "cli/cli.h"
#include "http/server.h"
#include "img/photo.h"
#include "notify/outbox.h"
#include "sim/render.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

int cli_serve(int argc, char **argv, struct config *cfg)
{
    struct err e;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
            if (config_set(cfg, "listen", argv[++i], &e) < 0) {
                fprintf(stderr, "stipple serve: %s\n", e.msg);
                return 2;
            }
        } else {
            char shown[1024];
            config_redact(cfg->db, shown, sizeof shown);
            printf("usage: stipple serve [--listen HOST:PORT]\n\nServes the web app and the "
                   "JSON API on %s (setting listen) from %s.\nSIGTERM or Ctrl-C finishes the "
                   "requests in flight, then exits.\n",
                   cfg->listen, shown);
            return cli_help_wanted(argc, argv) ? 0 : 2;
        }
    }
    /* Block the stop signals before any thread starts, so only sigwait below receives them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct db *db = cli_open(cfg);
    if (!db)
        return 1;
    enum db_kind kind = db_kind(db);
    db_close(db);

    if (photo_init(argc > 0 ? argv[0] : NULL) < 0) {
        fprintf(stderr, "stipple serve: libvips cannot start\n");
        return 1;
    }
    struct app app = {0};
    struct server *srv;
    char bound[128];
    if (app_init(&app, cfg, kind, &e) < 0) {
        fprintf(stderr, "stipple serve: %s\n", e.msg);
        photo_shutdown();
        return 1;
    }
    if (server_start(&app, cfg->listen, &srv, bound, &e) < 0) {
        fprintf(stderr, "stipple serve: %s\n", e.msg);
        app_finish(&app);
        photo_shutdown();
        return 1;
    }
    struct outbox *outbox = NULL;
    if (outbox_start(cfg, NULL, &outbox, &e) < 0) {
        fprintf(stderr, "stipple serve: %s\n", e.msg);
        server_stop(srv, 0);
        app_finish(&app);
        photo_shutdown();
        return 1;
    }
    printf("stipple: listening on http://%s\n", bound);
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    fprintf(stderr, "stipple: %s received; finishing requests in flight\n",
            sig == SIGTERM ? "SIGTERM" : "SIGINT");
    server_stop(srv, 30);
    outbox_stop(outbox);
    app_finish(&app);
    sim_render_shutdown();
    photo_shutdown();
    fprintf(stderr, "stipple: stopped\n");
    return 0;
}
