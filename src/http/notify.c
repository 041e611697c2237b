/*
 * notify.c — composing client messages into the outbox (see notify.h). Times are written in the
 * clinic's zone ("Tuesday 3 December at 10:00"); dedupe keys make each message once only, even
 * when a request is retried.
 */
#include "http/notify.h"

#include "domain/aftercare.h"
#include "domain/civil.h"
#include "http/app.h"
#include "http/handlers.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_message.h"
#include "util/tz.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *const weekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
static const char *const months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

/* "Tuesday 3 December 2026 at 10:00" for instant t in zone. */
static char *when_text(struct req *rq, long long t, const char *zone)
{
    int y, m, d, minute;
    tz_from_utc(zone, t, &y, &m, &d, &minute);
    long long days = civil_days((struct civil_date){y, m, d});
    int wd = (int)(((days % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
    return arena_printf(rq->a, "%s %d %s %d at %02d:%02d", weekdays[wd], d, months[(m - 1) % 12], y,
                        minute / 60 % 24, minute % 60);
}

/* Fills the channel and address of a message to client; false when there is no way to reach
 * them. */
static bool address(struct req *rq, const struct client *client, struct message *m)
{
    if (client->email && *client->email) {
        m->channel = "email", m->to_addr = client->email;
        return true;
    }
    const struct config *cfg = rq->app->cfg;
    if (client->phone && *client->phone && cfg->sms_url && *cfg->sms_url) {
        m->channel = "sms", m->to_addr = client->phone;
        return true;
    }
    return false;
}

static int queue(struct req *rq, struct message *m, struct err *e)
{
    bool added;
    return store_message_add(rq->db, m, rq->now, &added, e);
}

static const char *what_of(const struct appointment *x)
{
    return !strcmp(x->kind, "consultation") ? "consultation"
           : !strcmp(x->kind, "touch_up")   ? "SMP touch-up"
                                            : "SMP session";
}

int notify_booked(struct req *rq, const struct appointment *x, const struct clinic *c,
                  struct err *e)
{
    return notify_booked_link(rq, x, c, NULL, e);
}

int notify_booked_link(struct req *rq, const struct appointment *x, const struct clinic *c,
                       const char *manage_url, struct err *e)
{
    struct client client;
    struct message m = {
        .client_id = x->client_id, .appointment_id = x->id, .appointment_sequence = x->sequence};
    if (x->backfill || x->start_at <= rq->now ||
        store_client_get(rq->db, rq->a, x->client_id, &client, e) < 0 || !address(rq, &client, &m))
        return 0;
    const char *when = when_text(rq, x->start_at, c->timezone), *what = what_of(x);
    const char *where = arena_printf(rq->a, "%s%s%s", c->name, c->address ? "\n" : "",
                                     c->address ? c->address : "");
    const char *prepare =
        !strcmp(x->kind, "consultation")
            ? "We will look at your scalp, talk through the hairline and shade you would like, "
              "and check that SMP is right for you now."
            : "Please avoid aspirin for a few days before (paracetamol is fine), come with a "
              "freshly shaved scalp, and eat beforehand. Sessions take two to five hours.";
    m.kind = "confirmation";
    m.dedupe_key = arena_printf(rq->a, "confirmation-%lld-%d", x->id, x->sequence);
    m.subject = arena_printf(rq->a, "%s: your %s on %s", c->name, what, when);
    const char *change =
        manage_url ? arena_printf(rq->a, "To change or cancel it yourself: %s", manage_url)
                   : "To change or cancel, reply to this email or call us.";
    m.body = arena_printf(rq->a,
                          "Hello %s,\n\n%s your %s on %s.\n\nWhere: %s\n\n%s\n\nThe invitation "
                          "is attached: add it to your calendar. %s\n\n%s\n",
                          client.first_name, x->sequence ? "We have moved" : "This confirms", what,
                          when, where, prepare, change, c->name);
    char *ics = appointment_ics(rq, x, c->timezone);
    m.ics = ics ? arena_strdup(rq->a, ics) : NULL;
    free(ics);
    m.send_after = rq->now;
    if (!strcmp(m.channel, "sms")) {
        m.ics = NULL;
        m.body = arena_printf(rq->a, "%s: your %s is booked for %s. Reply or call to change it.",
                              c->name, what, when);
    }
    if (queue(rq, &m, e) < 0)
        return -1;
    /* the reminder, 48 hours before — unless that moment has (nearly) passed */
    long long at = x->start_at - 48 * 3600LL;
    if (at < rq->now + 3600)
        return 0;
    m.kind = "reminder";
    m.ics = NULL;
    m.send_after = at;
    m.dedupe_key = arena_printf(rq->a, "reminder-%lld-%d", x->id, x->sequence);
    m.subject = arena_printf(rq->a, "Reminder: your %s at %s in two days", what, c->name);
    m.body = !strcmp(m.channel, "sms")
                 ? arena_printf(rq->a, "%s: a reminder of your %s on %s.", c->name, what, when)
                 : arena_printf(rq->a,
                                "Hello %s,\n\nA reminder of your %s on %s.\n\nWhere: %s\n\n%s\n\n"
                                "%s\n",
                                client.first_name, what, when, where, prepare, c->name);
    return queue(rq, &m, e);
}

int notify_cancelled(struct req *rq, const struct appointment *x, const struct clinic *c,
                     struct err *e)
{
    struct client client;
    struct message m = {
        .client_id = x->client_id, .appointment_id = x->id, .appointment_sequence = x->sequence};
    if (x->backfill || x->start_at <= rq->now ||
        store_client_get(rq->db, rq->a, x->client_id, &client, e) < 0 || !address(rq, &client, &m))
        return 0;
    const char *when = when_text(rq, x->start_at, c->timezone), *what = what_of(x);
    m.kind = "cancellation";
    m.dedupe_key = arena_printf(rq->a, "cancellation-%lld", x->id);
    m.subject = arena_printf(rq->a, "%s: your %s on %s is cancelled", c->name, what, when);
    m.body = arena_printf(rq->a,
                          "Hello %s,\n\nYour %s on %s is cancelled. Call us or reply to book "
                          "another time.\n\n%s\n",
                          client.first_name, what, when, c->name);
    char *ics = strcmp(m.channel, "email") ? NULL : appointment_ics(rq, x, c->timezone);
    m.ics = ics ? arena_strdup(rq->a, ics) : NULL;
    free(ics);
    m.send_after = rq->now;
    return queue(rq, &m, e);
}

int notify_aftercare(struct req *rq, const struct appointment *x, const struct record *r,
                     struct err *e)
{
    static const struct {
        int day, item, minute; /* the day after the session, the plan's stage, local time */
    } nudges[] = {{0, 0, 18 * 60}, {4, 1, 9 * 60}, {10, 2, 9 * 60}, {30, 4, 9 * 60}};
    struct client client;
    struct clinic c;
    struct message m = {
        .client_id = x->client_id, .appointment_id = x->id, .appointment_sequence = x->sequence};
    struct civil_date day;
    if (x->backfill || !civil_parse_date(r->session_on, &day) ||
        store_client_get(rq->db, rq->a, x->client_id, &client, e) < 0 ||
        store_clinic_get(rq->db, rq->a, x->clinic_id, &c, e) < 0 || !address(rq, &client, &m))
        return 0;
    struct aftercare_item plan[AFTERCARE_ITEMS];
    aftercare_plan(day, plan);
    for (size_t i = 0; i < sizeof nudges / sizeof nudges[0]; i++) {
        struct civil_date d = civil_from_days(civil_days(day) + nudges[i].day);
        long long at = tz_to_utc(c.timezone, d.y, d.m, d.d, nudges[i].minute);
        if (at < rq->now - 6 * 3600LL)
            continue; /* entered late: no nudge for a day long past */
        const struct aftercare_item *it = &plan[nudges[i].item];
        m.kind = "aftercare";
        m.send_after = at > rq->now ? at : rq->now;
        m.dedupe_key = arena_printf(rq->a, "aftercare-%lld-day%d", x->id, nudges[i].day);
        m.subject = arena_printf(rq->a, "Aftercare, day %d: %s", nudges[i].day, it->title);
        m.body = !strcmp(m.channel, "sms")
                     ? arena_printf(rq->a, "%s — %s: %s", c.name, it->title, it->advice)
                     : arena_printf(rq->a,
                                    "Hello %s,\n\n%s\n\n%s\n\nQuestions? Reply to this "
                                    "email or call us.\n\n%s\n",
                                    client.first_name, it->title, it->advice, c.name);
        if (queue(rq, &m, e) < 0)
            return -1;
    }
    return 0;
}

int notify_recall(struct req *rq, long long client_id, const char *due_on, const struct clinic *c,
                  bool *queued, struct err *e)
{
    struct client client;
    struct message m = {.client_id = client_id};
    *queued = false;
    if (store_client_get(rq->db, rq->a, client_id, &client, e) < 0)
        return -1;
    if (!address(rq, &client, &m))
        return 0;
    m.kind = "recall";
    m.send_after = rq->now;
    m.dedupe_key = arena_printf(rq->a, "recall-%lld-%s", client_id, due_on);
    m.subject = arena_printf(rq->a, "%s: time for your SMP touch-up", c->name);
    m.body = !strcmp(m.channel, "sms")
                 ? arena_printf(rq->a,
                                "%s: your SMP is due a touch-up to keep it crisp. Reply or call "
                                "to book.",
                                c->name)
                 : arena_printf(rq->a,
                                "Hello %s,\n\nSMP fades slowly with sun and time, and a "
                                "touch-up keeps it crisp and even. Yours is due around %s.\n\n"
                                "Reply to this email or call us to book a touch-up session.\n\n"
                                "%s\n",
                                client.first_name, due_on, c->name);
    return store_message_add(rq->db, &m, rq->now, queued, e);
}

int notify_quote(struct req *rq, long long client_id, long long clinic_id, long long quote_id,
                 const char *total, const char *share_path, const char *token_hash, struct err *e)
{
    struct client client;
    struct clinic c;
    struct message m = {.client_id = client_id};
    bool added;
    if (store_client_get(rq->db, rq->a, client_id, &client, e) < 0 ||
        store_clinic_get(rq->db, rq->a, clinic_id, &c, e) < 0) /* the quote's clinic */
        return -1;
    if (!address(rq, &client, &m))
        return 0;
    const char *url = arena_printf(rq->a, "%s%s", rq->app->cfg->public_url, share_path);
    m.kind = "quote";
    m.send_after = rq->now;
    m.dedupe_key = arena_printf(rq->a, "quote-%lld-%.16s", quote_id, token_hash);
    m.subject = arena_printf(rq->a, "%s: your SMP quote", c.name);
    m.body = !strcmp(m.channel, "sms")
                 ? arena_printf(rq->a, "%s: your SMP quote (%s) is ready: %s", c.name, total, url)
                 : arena_printf(rq->a,
                                "Hello %s,\n\nThank you for coming to see us. Your quote comes to "
                                "%s; it is here, with what is included, the deposit and how to pay "
                                "in instalments:\n\n%s\n\nYou can accept it there when you are "
                                "ready.\n\n%s\n",
                                client.first_name, total, url, c.name);
    return store_message_add(rq->db, &m, rq->now, &added, e);
}

int notify_invite(struct req *rq, long long client_id, const struct clinic *c, struct err *e)
{
    struct client client;
    struct message m = {.client_id = client_id};
    bool added;
    if (store_client_get(rq->db, rq->a, client_id, &client, e) < 0)
        return -1;
    if (!address(rq, &client, &m))
        return err_set(e, ERR_INVALID, "email",
                       "the client has no email address or phone to "
                       "invite");
    const char *url = arena_printf(rq->a, "%s/#/book/%lld", rq->app->cfg->public_url, c->id);
    m.kind = "invite";
    m.send_after = rq->now;
    m.dedupe_key = arena_printf(rq->a, "invite-%lld-%lld", client_id, rq->now / 86400);
    m.subject = arena_printf(rq->a, "%s: book your free consultation", c->name);
    m.body = !strcmp(m.channel, "sms")
                 ? arena_printf(rq->a, "%s: book your free SMP consultation here: %s", c->name, url)
                 : arena_printf(rq->a,
                                "Hello %s,\n\nThank you for your photos. The best next step is a "
                                "free consultation — in person, by phone or by video, whichever "
                                "suits you. Choose a time here:\n\n%s\n\n%s\n",
                                client.first_name, url, c->name);
    return store_message_add(rq->db, &m, rq->now, &added, e);
}
