-- 0002 consultations, eligibility thresholds per clinic, consent documents and signatures.
-- Enumerated answers are small integers (src/domain/consultation.c names them); -1 means
-- "not answered" for numbers and yes/no answers, 0 for enumerations; lists of answers are bit
-- sets. Dates are 'YYYY-MM-DD' text, instants Unix seconds.

ALTER TABLE clinics ADD COLUMN transplant_wait_months INTEGER NOT NULL DEFAULT 9;
ALTER TABLE clinics ADD COLUMN chemo_wait_months INTEGER NOT NULL DEFAULT 6;
ALTER TABLE clinics ADD COLUMN scar_wait_months INTEGER NOT NULL DEFAULT 6;
ALTER TABLE clinics ADD COLUMN min_age INTEGER NOT NULL DEFAULT 18;

CREATE TABLE consultations (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    clinic_id INTEGER NOT NULL REFERENCES clinics(id),
    practitioner_id INTEGER REFERENCES practitioners(id),
    consult_date TEXT NOT NULL,
    mode INTEGER NOT NULL,
    goal INTEGER NOT NULL,
    scale INTEGER NOT NULL DEFAULT 0,
    stage TEXT,
    salt INTEGER NOT NULL DEFAULT -1,
    alopecia_active INTEGER NOT NULL DEFAULT -1,
    scar_size_dcm2 INTEGER NOT NULL DEFAULT -1,
    scar_age_months INTEGER NOT NULL DEFAULT -1,
    fitzpatrick INTEGER NOT NULL DEFAULT 0,
    skin INTEGER NOT NULL DEFAULT 0,
    hair_colour TEXT,
    grey_pct INTEGER NOT NULL DEFAULT -1,
    sun_exposure INTEGER NOT NULL DEFAULT 0,
    training INTEGER NOT NULL DEFAULT 0,
    swimming INTEGER NOT NULL DEFAULT -1,
    hairline_style INTEGER NOT NULL DEFAULT 0,
    conservative_first INTEGER NOT NULL DEFAULT -1,
    hairline_notes TEXT,
    transplant_on TEXT,
    transplant_type INTEGER NOT NULL DEFAULT 0,
    blood_thinners INTEGER NOT NULL DEFAULT 0,
    pigment_allergy INTEGER NOT NULL DEFAULT -1,
    patch_test INTEGER NOT NULL DEFAULT 0,
    patch_test_on TEXT,
    keloid INTEGER NOT NULL DEFAULT -1,
    scalp_conditions INTEGER NOT NULL DEFAULT 0,
    scalp_flare INTEGER NOT NULL DEFAULT -1,
    pregnant INTEGER NOT NULL DEFAULT -1,
    chemotherapy INTEGER NOT NULL DEFAULT 0,
    chemotherapy_ended_on TEXT,
    diabetes INTEGER NOT NULL DEFAULT -1,
    medications TEXT,
    notes TEXT,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX consultations_client ON consultations(client_id, consult_date);

-- Versioned documents a client reads and signs. A document is never changed: a new version is
-- added, and signatures keep the version and SHA-256 of the text they agreed to.
CREATE TABLE consent_documents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('consent', 'aftercare', 'privacy')),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    reviewed_by TEXT NOT NULL,
    reviewed_on TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    UNIQUE (kind, version)
);

CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    document_id INTEGER NOT NULL REFERENCES consent_documents(id),
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    signature TEXT NOT NULL,            -- the drawn signature as SVG path data, in a 600x200 box
    signed_at INTEGER NOT NULL,
    witness_user_id INTEGER REFERENCES users(id),
    witness_name TEXT
);
CREATE INDEX consents_client ON consents(client_id, signed_at);
