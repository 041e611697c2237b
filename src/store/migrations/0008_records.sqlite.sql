-- 0008 what happens in the chair: pigment and needle lots (with expiry and retirement), the
-- session record of an appointment (which lots touched the client, dilution, areas, reactions,
-- the cleaning log) with every earlier version kept, and follow-up tasks for serious reactions.

CREATE TABLE lots (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('pigment', 'needle')),
    product TEXT NOT NULL,
    shade TEXT,
    lot TEXT NOT NULL,
    expires_on TEXT NOT NULL,          -- YYYY-MM-DD
    retired_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (kind, product, lot)
);
CREATE INDEX lots_code ON lots(lot);

CREATE TABLE session_records (
    id INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL UNIQUE REFERENCES appointments(id),
    client_id INTEGER NOT NULL REFERENCES clients(id),
    session_on TEXT NOT NULL,          -- the local date of the session
    body TEXT NOT NULL,                -- the record as JSON (dilution, areas, reactions, notes, …)
    version INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    updated_at INTEGER NOT NULL
);
CREATE INDEX session_records_client ON session_records(client_id, session_on);

CREATE TABLE session_record_lots (
    record_id INTEGER NOT NULL REFERENCES session_records(id),
    lot_id INTEGER NOT NULL REFERENCES lots(id),
    PRIMARY KEY (record_id, lot_id)
);
CREATE INDEX session_record_lots_lot ON session_record_lots(lot_id);

CREATE TABLE session_record_history (
    record_id INTEGER NOT NULL REFERENCES session_records(id),
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    lot_ids TEXT NOT NULL,             -- "3,7" as they were
    changed_by INTEGER REFERENCES users(id),
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (record_id, version)
);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    clinic_id INTEGER NOT NULL REFERENCES clinics(id),
    kind TEXT NOT NULL,                -- reaction_follow_up
    title TEXT NOT NULL,
    due_on TEXT NOT NULL,
    record_id INTEGER REFERENCES session_records(id),
    done_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX tasks_open ON tasks(clinic_id, done_at, due_on);
