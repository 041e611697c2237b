/*
 * model.h — the records stipple keeps, as plain C structs shared by every layer.
 *
 * Strings are NUL-terminated UTF-8 owned by whoever allocated the struct (normally a request
 * arena); NULL means "not set". Ids are positive; 0 means "none". Instants are Unix seconds.
 */
#ifndef STIPPLE_MODEL_H
#define STIPPLE_MODEL_H

#include "domain/eligibility.h"

/* Roles are bits so a route can allow several. */
enum role {
    ROLE_OWNER = 1,
    ROLE_MANAGER = 2,
    ROLE_PRACTITIONER = 4,
    ROLE_RECEPTION = 8,
    ROLE_CLIENT = 16, /* a client signed in to the portal (never a user account's role) */
};
#define ROLE_STAFF (ROLE_OWNER | ROLE_MANAGER | ROLE_PRACTITIONER | ROLE_RECEPTION)
#define ROLE_ADMIN (ROLE_OWNER | ROLE_MANAGER)
/* Who may see and record health data (consultations): not reception. */
#define ROLE_CLINICAL (ROLE_OWNER | ROLE_MANAGER | ROLE_PRACTITIONER)

struct user {
    long long id;
    char *email, *name;
    enum role role;
    int disabled; /* a disabled user cannot sign in and their sessions and tokens stop working */
    long long created_at;
};

struct clinic {
    long long id;
    char *name, *city, *address, *timezone, *currency;
    int price_uplift_pct;
    struct eligibility_rules rules; /* the clinic's thresholds for the eligibility rules */
    int buffer_min;                 /* clean-down after each treatment */
    int grid_min;                   /* appointment start times are on this grid (minutes) */
    int impressions_per_hour;       /* the clinic's working rate, for chair-time estimates */
    long long created_at, updated_at;
};

struct practitioner {
    long long id;
    char *name, *email;
    long long *clinic_ids;
    int n_clinic_ids;
    long long user_id;
    long long created_at, updated_at;
};

struct client {
    long long id;
    char *first_name, *last_name, *email, *phone, *date_of_birth, *notes;
    long long clinic_id;
    long long created_at, updated_at;
};

enum audit_action {
    AUDIT_CREATE,
    AUDIT_READ,
    AUDIT_LIST,
    AUDIT_UPDATE,
    AUDIT_DELETE,
};

struct audit_entry {
    long long id, at, user_id, entity_id, client_id;
    enum audit_action action;
    char *user_email, *entity, *request_id;
};

/* A versioned document a client reads and signs (consent form, aftercare advice, privacy
 * notice). Never changed once stored: a new text is a new version. */
struct consent_document {
    long long id;
    char *kind; /* "consent", "aftercare" or "privacy" */
    int version;
    char *title, *body, *sha256, *reviewed_by, *reviewed_on;
    long long created_at;
};

/* A client's signature on one version of a document, witnessed by a member of staff. */
struct consent {
    long long id, client_id, document_id;
    char *kind;
    int version;
    char *sha256, *signer_name, *signature, *witness_name;
    long long signed_at, witness_user_id;
};

/* Scheduling records (src/store/store_sched.c). */
struct chair {
    long long id, clinic_id;
    char *name;
    int active;
};

struct closure {
    long long id, clinic_id;
    char *day, *reason;
};

struct time_off {
    long long id, practitioner_id, start_at, end_at;
    char *reason;
};

struct appointment {
    long long id, clinic_id, practitioner_id, client_id, chair_id; /* chair_id 0: none */
    char *kind; /* consultation, session, touch_up */
    char *mode; /* in_person, phone, video (consultations), or NULL */
    long long start_at, end_at, block_end_at;
    char *status; /* booked, cancelled */
    char *cancel_reason;
    long long course_id;
    int session_no, backfill, sequence;
    long long created_at, updated_at;
};

struct course {
    long long id, client_id, clinic_id;
    char *protocol; /* a preset's name or "custom" */
    int sessions;
    int gap_min[3], gap_max[3], duration_min[4];
    char *status; /* planning, booked */
    long long created_at, updated_at;
};

/* A position in a keyset-paginated list: the sort key and id of the last item shown. */
struct cursor {
    char *key;
    long long id;
};

/* role_name returns "owner", "manager", "practitioner" or "reception". */
const char *role_name(enum role r);

/* role_parse returns the role named s, or 0 when s names none. */
enum role role_parse(const char *s);

/* audit_action_name returns "create", "read", "list", "update" or "delete". */
const char *audit_action_name(enum audit_action a);

#endif
