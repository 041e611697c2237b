-- 0011 session photos: a photo may belong to a session (its appointment) and say whether it was
-- taken before or after it (or later, healed); marketing_consent (0005) stays a separate yes.

ALTER TABLE photos ADD COLUMN appointment_id BIGINT REFERENCES appointments(id);
ALTER TABLE photos ADD COLUMN stage TEXT NOT NULL DEFAULT 'other';
