-- 0007 money after the quote: a secret link per quote for the client (only its SHA-256 is
-- kept), the clinic's finance example terms, finance recorded on a course, and payments and
-- refunds against a course (integer pence; a refund is its own row, never a negative payment).

ALTER TABLE quotes ADD COLUMN share_hash TEXT;
ALTER TABLE quotes ADD COLUMN accepted_name TEXT;
ALTER TABLE quotes ADD COLUMN finance_months INTEGER NOT NULL DEFAULT 12;
ALTER TABLE quotes ADD COLUMN finance_apr_bp INTEGER NOT NULL DEFAULT 990;
CREATE UNIQUE INDEX quotes_share ON quotes(share_hash);

ALTER TABLE price_books ADD COLUMN finance_months INTEGER NOT NULL DEFAULT 12;
ALTER TABLE price_books ADD COLUMN finance_apr_bp INTEGER NOT NULL DEFAULT 990;
ALTER TABLE price_books ADD COLUMN finance_provider TEXT;

ALTER TABLE courses ADD COLUMN finance_provider TEXT;
ALTER TABLE courses ADD COLUMN finance_reference TEXT;

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses(id),
    client_id INTEGER NOT NULL REFERENCES clients(id),
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
    method TEXT NOT NULL,              -- cash, card, bank_transfer, finance
    pence INTEGER NOT NULL CHECK (pence > 0),
    currency TEXT NOT NULL,
    reason TEXT,                       -- required for refunds
    reference TEXT,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX payments_course ON payments(course_id, id);
CREATE INDEX payments_client ON payments(client_id, id);
