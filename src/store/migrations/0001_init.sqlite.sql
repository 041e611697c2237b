-- 0001 init (SQLite): staff users and their sessions and API tokens, login throttling,
-- clinics, practitioners, clients with their search terms, and the audit log.
-- Instants are Unix seconds (UTC); dates are 'YYYY-MM-DD' text. The PostgreSQL twin of this
-- file differs only in identity columns and collations.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,          -- stored lower-case
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'practitioner', 'reception')),
    password_hash TEXT NOT NULL,         -- argon2id, libsodium's encoded form
    created_at INTEGER NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,         -- SHA-256 of the cookie value, hex
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,     -- SHA-256 of the token, hex
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    addr TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_email ON login_failures(email, at);
CREATE INDEX login_failures_addr ON login_failures(addr, at);

CREATE TABLE clinics (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT,
    address TEXT,
    timezone TEXT NOT NULL,              -- IANA name
    currency TEXT NOT NULL,              -- ISO 4217
    price_uplift_pct INTEGER NOT NULL DEFAULT 0,
    sort_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX clinics_sort ON clinics(sort_key, id);

CREATE TABLE practitioners (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,                 -- stored lower-case
    user_id INTEGER REFERENCES users(id),
    sort_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
);
CREATE UNIQUE INDEX practitioners_email ON practitioners(email) WHERE deleted_at IS NULL;
CREATE INDEX practitioners_sort ON practitioners(sort_key, id);

CREATE TABLE practitioner_clinics (
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
    clinic_id INTEGER NOT NULL REFERENCES clinics(id),
    PRIMARY KEY (practitioner_id, clinic_id)
);
CREATE INDEX practitioner_clinics_clinic ON practitioner_clinics(clinic_id);

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    date_of_birth TEXT,
    clinic_id INTEGER NOT NULL REFERENCES clinics(id),
    notes TEXT,
    sort_key TEXT NOT NULL,              -- 'last first', lower-case: list order
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER                   -- soft delete
);
CREATE INDEX clients_sort ON clients(sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX clients_clinic ON clients(clinic_id, sort_key, id) WHERE deleted_at IS NULL;

-- Prefix search: one row per word of a client's names, e-mail and phone digits, carrying the
-- client's list order and clinic so that a page of matches is read from this index alone.
-- Rewritten whenever the client changes; removed when the client is deleted.
CREATE TABLE client_terms (
    term TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    clinic_id INTEGER NOT NULL,
    PRIMARY KEY (term, client_id)
) WITHOUT ROWID;
CREATE INDEX client_terms_client ON client_terms(client_id, term);

-- Exact prefixes (1 to 5 characters) of those terms, one row per client and prefix, in list
-- order: a query word of up to 5 characters reads exactly one page of rows, already sorted.
CREATE TABLE client_prefixes (
    prefix TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    clinic_id INTEGER NOT NULL,
    PRIMARY KEY (prefix, sort_key, client_id)
) WITHOUT ROWID;
CREATE INDEX client_prefixes_client ON client_prefixes(client_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id INTEGER,
    user_email TEXT,
    action TEXT NOT NULL,                -- create, read, list, update, delete
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    client_id INTEGER,
    request_id TEXT
);
CREATE INDEX audit_log_client ON audit_log(client_id, id);
