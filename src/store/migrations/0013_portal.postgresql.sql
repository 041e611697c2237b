-- 0013 the client portal: one-time sign-in links sent by email (only their SHA-256 is kept;
-- each works once, until it expires) and the portal sessions they open.

CREATE TABLE portal_links (
    hash TEXT PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients(id),
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE portal_sessions (
    hash TEXT PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients(id),
    csrf TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
