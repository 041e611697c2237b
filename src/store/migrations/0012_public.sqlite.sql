-- 0012 the public side: rate-limit events for public routes (by address and by clinic), photo
-- enquiries from the clinic's web page with their photos (kept apart from client photos until
-- the enquiry becomes a client), and a secret manage link on publicly booked appointments.

CREATE TABLE rate_events (
    bucket TEXT NOT NULL,              -- "enquiry-addr:1.2.3.4", "booking-clinic:3", …
    at INTEGER NOT NULL
);
CREATE INDEX rate_events_bucket ON rate_events(bucket, at);

CREATE TABLE enquiries (
    id INTEGER PRIMARY KEY,
    clinic_id INTEGER NOT NULL REFERENCES clinics(id),
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    concern TEXT NOT NULL,             -- in their words: what bothers them
    health_consent_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'replied', 'converted', 'closed')),
    client_id INTEGER REFERENCES clients(id),
    upload_hash TEXT,                  -- SHA-256 of the token that may add photos, for an hour
    upload_until INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX enquiries_clinic ON enquiries(clinic_id, status, id);

CREATE TABLE enquiry_photos (
    id INTEGER PRIMARY KEY,
    enquiry_id INTEGER NOT NULL REFERENCES enquiries(id),
    label TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    image BLOB NOT NULL,
    thumb BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX enquiry_photos_enquiry ON enquiry_photos(enquiry_id);

ALTER TABLE appointments ADD COLUMN manage_hash TEXT;
CREATE UNIQUE INDEX appointments_manage ON appointments(manage_hash);
