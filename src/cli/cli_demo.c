/*
 * cli_demo.c — the demo data of `stipple init --demo`: three clinics of a UK network, staff in
 * every role, five practitioners and forty clients, so a newcomer sees a clinic that looks
 * alive (the first ten clients have a photo for the hairline designer). Re-running it adds nothing
 * twice; it gives the demo users a fresh password and prints it. --clients N adds N generated
 * clients (benchmarks).
 */
#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/demo_photo.h"
#include "img/photo.h"
#include "store/store_client.h"
#include "store/store_clinic.h"
#include "store/store_photo.h"
#include "store/store_practitioner.h"
#include "store/store_public.h"
#include "store/store_record.h"
#include "store/store_sched.h"
#include "store/store_user.h"
#include "util/tz.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const first_names[] = {
    "James",  "Oliver",  "Harry",   "Jack",   "George",   "Noah",   "Charlie", "Jacob",
    "Thomas", "Oscar",   "William", "Daniel", "Mohammed", "Liam",   "Ethan",   "Samuel",
    "Joseph", "Adam",    "Lewis",   "Ryan",   "Amelia",   "Olivia", "Emily",   "Sophie",
    "Grace",  "Jessica", "Chloe",   "Priya",  "Aisha",    "Zoe",
};
static const char *const last_names[] = {
    "Smith",    "Jones",   "Taylor",   "Brown",  "Williams", "Wilson",   "Johnson",  "Davies",
    "Robinson", "Wright",  "Thompson", "Evans",  "Walker",   "White",    "Roberts",  "Green",
    "Hall",     "Wood",    "Jackson",  "Clarke", "Patel",    "Khan",     "Lewis",    "O'Brien",
    "Hughes",   "Edwards", "Turner",   "Murphy", "Kaur",     "Smithson", "McDonald", "Ahmed",
};
enum {
    N_FIRST = sizeof first_names / sizeof first_names[0],
    N_LAST = sizeof last_names / sizeof last_names[0]
};

static const struct {
    const char *email, *name;
    enum role role;
} demo_users[] = {
    {"owner@demo.stipple.test", "Olivia Owner", ROLE_OWNER},
    {"manager@demo.stipple.test", "Mark Manager", ROLE_MANAGER},
    {"practitioner@demo.stipple.test", "Priya Practitioner", ROLE_PRACTITIONER},
    {"reception@demo.stipple.test", "Rita Reception", ROLE_RECEPTION},
};

static void make_client(struct arena *a, int i, long long clinic_id, struct client *c)
{
    const char *first = first_names[(i * 7 + i / N_LAST) % N_FIRST];
    const char *last = last_names[i % N_LAST];
    *c = (struct client){0};
    c->first_name = arena_strdup(a, first);
    c->last_name = arena_strdup(a, last);
    char mail[128];
    snprintf(mail, sizeof mail, "%s.%s%d@example.com", first, last, i);
    for (char *p = mail; *p; p++)
        if (*p == '\'')
            *p = '-';
    c->email = arena_strdup(a, mail);
    c->phone = arena_printf(a, "+44 7700 %06d", 900000 + i % 100000);
    c->date_of_birth = arena_printf(a, "%04d-%02d-%02d", 1960 + i % 45, 1 + i % 12, 1 + i % 28);
    c->clinic_id = clinic_id;
}

/* Gives the first n clients the demo head photo (front), cleaned as an upload would be. */
static int add_photos(struct db *db, const long long *client_ids, int n, long long now,
                      struct err *e)
{
    struct buf png = {0};
    struct photo ph = {0};
    int rc = 0;
    if (demo_photo_png(&png) < 0 || photo_init("stipple") < 0)
        rc = err_set(e, ERR_INTERNAL, NULL, "the demo photo cannot be drawn");
    if (rc == 0)
        rc = photo_clean(png.data, png.len, &ph, e);
    for (int i = 0; rc == 0 && i < n; i++) {
        struct photo_row r = {.client_id = client_ids[i],
                              .label = "front",
                              .width = ph.width,
                              .height = ph.height,
                              .bytes = (const unsigned char *)ph.jpeg.data,
                              .len = ph.jpeg.len};
        rc = store_photo_add(db, &r, ph.thumb.data, ph.thumb.len, 0, now, e);
    }
    buf_free(&png);
    buf_free(&ph.jpeg);
    buf_free(&ph.thumb);
    return rc;
}

/* Pigment and needle lots on the shelf (one expired, to show the refusal) and two quote
 * requests waiting in the first clinic's inbox. */
static int add_stock(struct db *db, long long clinic_id, long long now, struct err *e)
{
    static const struct lot lots[] = {
        {.kind = "pigment",
         .product = "Scalp Ink Natural",
         .shade = "Espresso",
         .lot = "SIN-2411-07",
         .expires_on = "2028-06-30"},
        {.kind = "pigment",
         .product = "Scalp Ink Natural",
         .shade = "Soft Black",
         .lot = "SIN-2409-03",
         .expires_on = "2028-03-31"},
        {.kind = "pigment",
         .product = "Scalp Ink Natural",
         .shade = "Espresso",
         .lot = "SIN-2302-11",
         .expires_on = "2025-02-28"},
        {.kind = "needle",
         .product = "1RL 0.25 mm cartridge",
         .lot = "NDL-25-0415",
         .expires_on = "2030-04-15"},
        {.kind = "needle",
         .product = "3RL 0.30 mm cartridge",
         .lot = "NDL-25-0722",
         .expires_on = "2030-07-22"},
    };
    for (size_t i = 0; i < sizeof lots / sizeof lots[0]; i++) {
        struct lot x = lots[i];
        if (store_lot_add(db, &x, now, e) < 0)
            return -1;
    }
    static const struct {
        const char *name, *email, *concern;
    } asks[] = {
        {"Daniel Okafor", "daniel.okafor@example.com",
         "My hairline has receded at the temples over five years. Would SMP look natural on me?"},
        {"Priya Shah", "priya.shah@example.com",
         "Diffuse thinning on top; my parting shows. Is SMP suitable for women?"},
    };
    for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
        struct enquiry q = {.clinic_id = clinic_id,
                            .name = (char *)asks[i].name,
                            .email = (char *)asks[i].email,
                            .concern = (char *)asks[i].concern};
        if (store_enquiry_add(db, &q, NULL, 0, now - (long long)(i + 1) * 3600, e) < 0)
            return -1;
    }
    return 0;
}

static int seed(struct db *db, struct arena *a, const char *hash, long long now, struct err *e)
{
    struct clinic clinics[] = {
        {.name = "Liverpool HQ",
         .city = "Liverpool",
         .address = "12 Bold Street, Liverpool L1 4DS",
         .timezone = "Europe/London",
         .currency = "GBP"},
        {.name = "London",
         .city = "London",
         .address = "40 Wimpole Street, London W1G 8YB",
         .timezone = "Europe/London",
         .currency = "GBP",
         .price_uplift_pct = 20},
        {.name = "Shrewsbury",
         .city = "Shrewsbury",
         .address = "3 Pride Hill, Shrewsbury SY1 1DQ",
         .timezone = "Europe/London",
         .currency = "GBP"},
    };
    for (int i = 0; i < 3; i++) {
        clinics[i].rules = eligibility_defaults;
        clinics[i].buffer_min = 15;
        clinics[i].grid_min = 15;
        if (store_clinic_add(db, a, &clinics[i], now, e) < 0)
            return -1;
    }
    long long user_ids[4];
    for (int i = 0; i < 4; i++) {
        struct user u = {.email = (char *)demo_users[i].email,
                         .name = (char *)demo_users[i].name,
                         .role = demo_users[i].role};
        if (store_user_add(db, &u, hash, now, e) < 0)
            return -1;
        user_ids[i] = u.id;
    }
    static const char *const staff[][2] = {
        {"Priya Practitioner", "practitioner@demo.stipple.test"},
        {"Dan Hughes", "dan.hughes@demo.stipple.test"},
        {"Sam Okafor", "sam.okafor@demo.stipple.test"},
        {"Leah Turner", "leah.turner@demo.stipple.test"},
        {"Tom Reid", "tom.reid@demo.stipple.test"},
    };
    long long practitioner_ids[5];
    for (int i = 0; i < 5; i++) {
        long long ids[2] = {clinics[i % 3].id, clinics[(i + 1) % 3].id};
        struct practitioner p = {.name = (char *)staff[i][0],
                                 .email = (char *)staff[i][1],
                                 .clinic_ids = ids,
                                 .n_clinic_ids = i == 0 ? 2 : 1,
                                 .user_id = i == 0 ? user_ids[2] : 0};
        if (store_practitioner_add(db, a, &p, now, e) < 0)
            return -1;
        practitioner_ids[i] = p.id;
    }
    long long chair_ids[3];
    for (int k = 0; k < 3; k++) {
        struct chair *chairs;
        int n_chairs;
        if (store_chair_list(db, a, clinics[k].id, 1, &chairs, &n_chairs, e) < 0 || n_chairs < 1)
            return -1;
        chair_ids[k] = chairs[0].id;
    }
    /* Opening hours as SMP clinics advertise them: late evenings, early mornings, weekends. */
    static const int hours[3][7][2] = {
        {{540, 1140}, {540, 1140}, {540, 1140}, {540, 1260}, {540, 1140}, {540, 840}, {0, 0}},
        {{420, 1260}, {420, 1260}, {420, 1260}, {420, 1260}, {420, 1260}, {480, 960}, {600, 960}},
        {{0, 0}, {540, 1020}, {540, 1020}, {540, 1020}, {540, 1020}, {540, 1020}, {0, 0}},
    };
    for (int i = 0; i < 3; i++) {
        struct week_hours w = {0};
        for (int d = 0; d < 7; d++)
            if (hours[i][d][1] > 0) {
                w.day[d].n = 1;
                w.day[d].iv[0].start_min = hours[i][d][0];
                w.day[d].iv[0].end_min = hours[i][d][1];
            }
        if (store_hours_put(db, clinics[i].id, 0, &w, e) < 0)
            return -1;
    }
    struct chair second = {.clinic_id = clinics[1].id, .name = "Chair 2", .active = 1};
    if (store_chair_add(db, &second, now, e) < 0)
        return -1;
    long long client_ids[40];
    for (int i = 0; i < 40; i++) {
        struct client c;
        make_client(a, i, clinics[i % 3].id, &c);
        if (i % 5 == 0)
            c.notes = "Prefers early-morning appointments.";
        if (store_client_add(db, a, &c, now, e) < 0)
            return -1;
        client_ids[i] = c.id;
    }
    if (add_photos(db, client_ids, 10, now, e) < 0 || add_stock(db, clinics[0].id, now, e) < 0)
        return -1;
    /* Two weeks of sessions so the calendar is not empty: practitioner i works at clinic i % 3,
     * at 09:00 or 14:00 local, on the days that clinic is open. */
    struct civil_date today = civil_date_of(now);
    int booked = 0;
    for (int day = 1; day <= 14; day++) {
        struct civil_date d = civil_from_days(civil_days(today) + day);
        int weekday = (int)((civil_days(d) % 7 + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
        for (int i = 0; i < 5; i++) {
            int k = i % 3;
            int start_min = i < 3 ? 540 : 840;
            if (hours[k][weekday][1] < start_min + 180 || hours[k][weekday][0] > start_min ||
                (day + i) % 3 == 0)
                continue;
            struct appointment x = {
                .clinic_id = clinics[k].id,
                .practitioner_id = practitioner_ids[i],
                .client_id = client_ids[(booked * 7) % 40],
                .chair_id = chair_ids[k],
                .kind = "session",
            };
            x.start_at = tz_to_utc("Europe/London", d.y, d.m, d.d, start_min);
            x.end_at = x.start_at + 180 * 60;
            x.block_end_at = x.end_at + 15 * 60;
            if (store_appt_add(db, &x, 0, now, e) < 0)
                return -1;
            booked++;
        }
    }
    return 0;
}

int cli_demo(struct db *db, int n_extra)
{
    struct arena a = {0};
    struct err e;
    long long now = (long long)time(NULL);
    char pw[48], hash[AUTH_HASH_MAX];
    auth_new_token("", pw);
    pw[16] = 0;
    if (auth_hash_password(pw, hash) < 0) {
        fprintf(stderr, "stipple: out of memory hashing the demo password\n");
        return 1;
    }
    struct user owner;
    char *old_hash;
    int exists = store_user_by_email(db, &a, demo_users[0].email, &owner, &old_hash, &e) == 0;
    int rc = db_begin(db, true, &e);
    if (rc == 0 && !exists)
        rc = seed(db, &a, hash, now, &e);
    for (int i = 0; rc == 0 && exists && i < 4; i++) {
        struct user u;
        if (store_user_by_email(db, &a, demo_users[i].email, &u, &old_hash, &e) == 0)
            rc = store_user_set_password(db, u.id, hash, &e);
    }
    if (rc == 0)
        rc = db_commit(db, &e);
    else
        db_rollback(db);
    if (rc == 0 && n_extra > 0) {
        struct clinic *clinics;
        int n_clinics;
        struct cursor next;
        rc = store_clinic_list(db, &a, NULL, NULL, 10, &clinics, &n_clinics, &next, &e);
        for (int done = 0; rc == 0 && done < n_extra;) {
            int batch = n_extra - done < 5000 ? n_extra - done : 5000;
            struct arena b = {0};
            struct client *items = arena_alloc(&b, sizeof *items * (size_t)batch);
            for (int i = 0; i < batch; i++)
                make_client(&b, 1000 + done + i, clinics[(done + i) % n_clinics].id, &items[i]);
            rc = store_client_bulk_add(db, items, batch, now, &e);
            arena_free(&b);
            done += batch;
        }
        if (rc == 0)
            fprintf(stderr, "stipple: added %d generated clients\n", n_extra);
    }
    arena_free(&a);
    photo_shutdown();
    if (rc < 0) {
        fprintf(stderr, "stipple: demo data: %s\n", e.msg);
        return 1;
    }
    printf("Demo sign-in (all four demo users share this password):\n"
           "  owner:        %s\n  manager:      %s\n  practitioner: %s\n  reception:    %s\n"
           "  password:     %s\n",
           demo_users[0].email, demo_users[1].email, demo_users[2].email, demo_users[3].email, pw);
    return 0;
}
