-- 0006 prices and quotes: each clinic's price book (one row of terms, one row per area and band,
-- in pence; a clinic without rows prices from the defaults of src/domain/money.c), and quotes
-- with their lines frozen at the time of quoting. Money is integer pence everywhere.

CREATE TABLE price_books (
    clinic_id INTEGER PRIMARY KEY REFERENCES clinics(id),
    sessions_included INTEGER NOT NULL,
    valid_days INTEGER NOT NULL,
    deposit_pct_bp INTEGER NOT NULL,
    deposit_fixed_pence INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE prices (
    clinic_id INTEGER NOT NULL REFERENCES clinics(id),
    area TEXT NOT NULL,
    band INTEGER NOT NULL,
    pence INTEGER NOT NULL CHECK (pence >= 0),
    PRIMARY KEY (clinic_id, area, band)
);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    clinic_id INTEGER NOT NULL REFERENCES clinics(id),
    consultation_id INTEGER REFERENCES consultations(id),
    scale TEXT,
    stage TEXT,
    size_cm2 TEXT,
    discount_bp INTEGER NOT NULL DEFAULT 0,
    uplift_pct INTEGER NOT NULL,
    subtotal_pence INTEGER NOT NULL,
    discount_pence INTEGER NOT NULL,
    total_pence INTEGER NOT NULL CHECK (total_pence >= 0),
    deposit_pence INTEGER NOT NULL,
    currency TEXT NOT NULL,
    sessions_included INTEGER NOT NULL,
    estimated_minutes INTEGER NOT NULL,
    valid_until TEXT NOT NULL,          -- YYYY-MM-DD, the clinic's calendar
    status TEXT NOT NULL,               -- draft, sent, accepted, declined (expired is derived)
    notes TEXT,
    course_id INTEGER REFERENCES courses(id),
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX quotes_client ON quotes(client_id, id);

CREATE TABLE quote_lines (
    quote_id INTEGER NOT NULL REFERENCES quotes(id),
    pos INTEGER NOT NULL,
    area TEXT NOT NULL,
    band INTEGER NOT NULL,
    book_pence INTEGER NOT NULL,        -- the price book's price
    pence INTEGER NOT NULL,             -- with the clinic's uplift
    PRIMARY KEY (quote_id, pos)
);
