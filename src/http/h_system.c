/*
 * h_system.c — the routes that are not resources: the web app's files, /healthz and /metrics.
 */
#include "http/app.h"
#include "http/handlers.h"
#include "http/json.h"
#include "util/embed.h"

#include <string.h>

static const char *content_type(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".json", "application/json"},
        {".woff2", "font/woff2"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

static int serve_file(struct req *rq, struct resp *rs, const char *name)
{
    const struct embed_file *f = embed_find(web_files, web_files_count, name);
    if (!f)
        return resp_fail(rs, ERR_NOT_FOUND, NULL, "no such file");
    char etag[24];
    snprintf(etag, sizeof etag, "\"%s\"", f->hash);
    resp_header(rq, rs, "ETag", etag);
    resp_header(rq, rs, "Cache-Control", "no-cache");
    rs->cacheable = true;
    if (rq->h_if_none_match && strstr(rq->h_if_none_match, etag))
        return resp_empty(rs, 304);
    rs->status = 200;
    rs->content_type = content_type(name);
    resp_header(rq, rs, "Vary", "Accept-Encoding");
    if (f->gz && rq->h_accept_encoding && strstr(rq->h_accept_encoding, "gzip")) {
        resp_header(rq, rs, "Content-Encoding", "gzip");
        rs->static_body = f->gz;
        rs->static_len = f->gz_len;
    } else {
        rs->static_body = f->data;
        rs->static_len = f->len;
    }
    return 0;
}

int h_index(struct req *rq, struct resp *rs)
{
    return serve_file(rq, rs, "index.html");
}

int h_asset(struct req *rq, struct resp *rs)
{
    return serve_file(rq, rs, rq->params[0]);
}

int h_healthz(struct req *rq, struct resp *rs)
{
    struct err e;
    const char *kind = db_kind_name(rq->app->kind);
    if (!rq->db || db_ping(rq->db, &e) < 0)
        return resp_json(rs, 503, json_pack("{s:s,s:s}", "status", "error", "db", kind));
    return resp_json(rs, 200, json_pack("{s:s,s:s}", "status", "ok", "db", kind));
}

int h_metrics(struct req *rq, struct resp *rs)
{
    rs->status = 200;
    rs->content_type = "text/plain; version=0.0.4; charset=utf-8";
    metrics_render(rq->app->metrics, &rs->body);
    return 0;
}
