-- 0009 touch-up recall: each clinic's rule (months after the last session, sooner for oily skin
-- and for high sun, never sooner than a floor); a clinic without a row uses the defaults of
-- src/domain/aftercare.c (36, 6, 6, 12).

CREATE TABLE recall_rules (
    clinic_id INTEGER PRIMARY KEY REFERENCES clinics(id),
    base_months INTEGER NOT NULL,
    oily_sooner_months INTEGER NOT NULL,
    sun_sooner_months INTEGER NOT NULL,
    min_months INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
