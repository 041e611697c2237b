-- 0010 messages to clients: an outbox that the server's worker sends from (email over SMTP, or
-- SMS through a provider), each row once — dedupe_key makes enqueueing idempotent, and status
-- moves queued → sending → sent (or back to queued with a later next_attempt_at, or failed, or
-- skipped when the client opted out or the appointment changed). Every row is on the client's
-- timeline.

ALTER TABLE clients ADD COLUMN message_opt_out INTEGER NOT NULL DEFAULT 0;

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    appointment_id INTEGER REFERENCES appointments(id),
    appointment_sequence INTEGER,      -- the appointment's version the message speaks of
    kind TEXT NOT NULL,                -- confirmation, cancellation, reminder, aftercare, recall
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    ics TEXT,                          -- an iCalendar attachment, or NULL
    dedupe_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    send_after INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    claimed_at INTEGER,
    last_error TEXT,
    sent_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX messages_due ON messages(status, next_attempt_at);
CREATE INDEX messages_client ON messages(client_id, id);
