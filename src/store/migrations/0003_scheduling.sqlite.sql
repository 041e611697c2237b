-- 0003 scheduling: opening hours and closures per clinic, chairs, practitioners' working hours
-- and time off, treatment courses, appointments with their history, and calendar feed tokens.
-- Hours are minutes after local midnight (weekday 0 = Monday); instants are Unix seconds (UTC);
-- an appointment keeps its practitioner and chair until block_end_at = end + clean-down buffer.

ALTER TABLE clinics ADD COLUMN buffer_min INTEGER NOT NULL DEFAULT 15;
ALTER TABLE clinics ADD COLUMN grid_min INTEGER NOT NULL DEFAULT 15;

CREATE TABLE clinic_hours (
    clinic_id INTEGER NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_min INTEGER NOT NULL,
    end_min INTEGER NOT NULL,
    CHECK (start_min >= 0 AND end_min <= 1440 AND start_min < end_min)
);
CREATE INDEX clinic_hours_clinic ON clinic_hours(clinic_id);

CREATE TABLE closures (
    id INTEGER PRIMARY KEY,
    clinic_id INTEGER NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    reason TEXT,
    UNIQUE (clinic_id, day)
);

CREATE TABLE chairs (
    id INTEGER PRIMARY KEY,
    clinic_id INTEGER NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
CREATE INDEX chairs_clinic ON chairs(clinic_id);
-- every existing clinic starts with one chair
INSERT INTO chairs (clinic_id, name, active, created_at) SELECT id, 'Chair 1', 1, 0 FROM clinics;

CREATE TABLE practitioner_hours (
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
    clinic_id INTEGER NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_min INTEGER NOT NULL,
    end_min INTEGER NOT NULL,
    CHECK (start_min >= 0 AND end_min <= 1440 AND start_min < end_min)
);
CREATE INDEX practitioner_hours_p ON practitioner_hours(practitioner_id, clinic_id);

CREATE TABLE time_off (
    id INTEGER PRIMARY KEY,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
    start_at INTEGER NOT NULL,
    end_at INTEGER NOT NULL,
    reason TEXT,
    CHECK (start_at < end_at)
);
CREATE INDEX time_off_practitioner ON time_off(practitioner_id, start_at);

CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    clinic_id INTEGER NOT NULL REFERENCES clinics(id),
    protocol TEXT NOT NULL,        -- the preset's name, or 'custom'
    sessions INTEGER NOT NULL,
    gaps TEXT NOT NULL,            -- "10-14,28-35": day windows between sessions
    durations TEXT NOT NULL,       -- "240,240,180": minutes per session
    status TEXT NOT NULL DEFAULT 'planning',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX courses_client ON courses(client_id);

CREATE TABLE appointments (
    id INTEGER PRIMARY KEY,
    clinic_id INTEGER NOT NULL REFERENCES clinics(id),
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id),
    client_id INTEGER NOT NULL REFERENCES clients(id),
    chair_id INTEGER REFERENCES chairs(id),
    kind TEXT NOT NULL CHECK (kind IN ('consultation', 'session', 'touch_up')),
    mode TEXT,
    start_at INTEGER NOT NULL,
    end_at INTEGER NOT NULL,
    block_end_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
    cancel_reason TEXT,
    course_id INTEGER REFERENCES courses(id),
    session_no INTEGER,
    backfill INTEGER NOT NULL DEFAULT 0,
    sequence INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (start_at < end_at AND end_at <= block_end_at)
);
CREATE INDEX appointments_practitioner ON appointments(practitioner_id, start_at);
CREATE INDEX appointments_chair ON appointments(chair_id, start_at);
CREATE INDEX appointments_clinic ON appointments(clinic_id, start_at);
CREATE INDEX appointments_client ON appointments(client_id, start_at);
CREATE INDEX appointments_course ON appointments(course_id);

CREATE TABLE appointment_history (
    id INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments(id),
    at INTEGER NOT NULL,
    user_id INTEGER,
    action TEXT NOT NULL,          -- booked, moved, cancelled
    old_start_at INTEGER,
    old_end_at INTEGER,
    new_start_at INTEGER,
    new_end_at INTEGER,
    reason TEXT
);
CREATE INDEX appointment_history_a ON appointment_history(appointment_id);

CREATE TABLE feed_tokens (
    token_hash TEXT PRIMARY KEY,
    practitioner_id INTEGER NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
);
