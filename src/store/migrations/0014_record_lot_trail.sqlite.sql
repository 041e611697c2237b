-- 0014 the lot trail survives edits: a lot taken off a session record by a later edit stays in
-- session_record_lots, marked removed, so a lot's exposures still find every client it touched.

ALTER TABLE session_record_lots ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
