-- 0004 hairline designs: versions per client of the design file (docs/design-format.md, kept as
-- the JSON text given) with the simulator's summary, and each clinic's impression rate for the
-- chair-time estimates.

ALTER TABLE clinics ADD COLUMN impressions_per_hour INTEGER NOT NULL DEFAULT 4500;

CREATE TABLE designs (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    consultation_id INTEGER REFERENCES consultations(id),
    version INTEGER NOT NULL,
    design TEXT NOT NULL,
    area_cm2 TEXT NOT NULL,            -- as computed, decimal text
    impressions TEXT NOT NULL,         -- per session, "12000,16000,12000"
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    UNIQUE (client_id, version)
);
